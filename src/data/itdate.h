/*
 * itdate.h - dates the Italian way: the one reader.
 *
 * Every date of a plan folder is read here: modifiche.csv data,
 * monitoraggio.csv periodo, documento.ini delibera_data and anno (load.c),
 * deadlines in targets and dates in measured values (target_parse.c).  The
 * rule, documented in docs/input-format.md ("Dates"):
 *
 *   full dates   "27/07/2021", "27.07.2021", "2021-07-27"; day and month
 *                may have one digit ("7/7/2021", "2021-7-7"); the year has
 *                four (a two- or three-digit year is an invalid date, not
 *                another form); the same separator twice;
 *   partial      "2021-07" (a month), "dicembre 2020" (an Italian month
 *                name, any case, accents ignored), "2021" (a year): only
 *                where a whole field is one date (pdate_parse);
 *   valid        a real calendar day (no 31/04, 29/02 only in leap years),
 *                month 1-12, year ITDATE_MIN_YEAR..ITDATE_MAX_YEAR; zero is
 *                never "not given" ("2021-00" is invalid).
 *
 * Dates print through phrase_date() (document/phrase.h) with the
 * template's month names: "2 dicembre 2019", "02.12.2019".
 */
#ifndef ANNEX_ITDATE_H
#define ANNEX_ITDATE_H

#include <stddef.h>
#include <stdint.h>

#define ITDATE_MIN_YEAR 1900
#define ITDATE_MAX_YEAR 2200

/* A date as written: m and d may be 0 for "2020-12" or "2018". */
typedef struct pdate {
	int y, m, d;
} pdate;

/*
 * Read a full date at the start of s[0..n).  Returns the bytes it took
 * (> 0), 0 when no date starts there (nothing date-shaped: "31/12", "12",
 * "2021-12") and -1 when it is date-shaped but invalid ("31/02/2021",
 * "31/12/21").
 */
int itdate_scan(const char *s, size_t n, pdate *out);

/* The whole of s, surrounding spaces aside, is one full or partial date:
 * 0 with *out set, else -1 (*out untouched). */
int pdate_parse(const char *s, pdate *out);

/* Compare two dates (partial ones sort before full ones of that month). */
int pdate_cmp(const pdate *a, const pdate *b);

/* Days since 1970-01-01 of a full date (proleptic Gregorian). */
int32_t pdate_days(const pdate *d);

/* Days of month m (1-12) of year y. */
int itdate_days_in_month(int y, int m);

#endif
