/*
 * test_pdate.c - dates as plans write them: the one date reader
 * (data/itdate.c: pdate_parse, itdate_scan) and pdate_cmp.
 *
 * Table-driven: each row is a text and the date it must give, or -1 for a
 * text that is not a (real calendar) date.  A failing row prints its text.
 *
 * test_parse_zero_fields is the regression test of a bug it found: a zero
 * month or day was taken as "not given", and "2021-00-10" read
 * days_in_month's table at index -1.
 */
#include "testutil.h"

#include "data/itdate.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct date_case {
	const char *text;
	int rc; /* 0 or -1 */
	int y, m, d;
} date_case;

#define OK(t, y, m, d)                                                         \
	{                                                                      \
		t, 0, y, m, d                                                  \
	}
#define BAD(t)                                                                 \
	{                                                                      \
		t, -1, 0, 0, 0                                                 \
	}

static const date_case date_cases[] = {
	/* full dates, ISO and Italian */
	OK("2021-07-27", 2021, 7, 27),
	OK("27/07/2021", 2021, 7, 27),
	OK("7/7/2021", 2021, 7, 7),
	OK("1/12/2020", 2020, 12, 1),
	OK("01/1/2020", 2020, 1, 1),
	OK("31/12/2021", 2021, 12, 31),
	OK("2021-12-31", 2021, 12, 31),
	OK("2021-01-01", 2021, 1, 1),
	/* leap years */
	OK("29/02/2020", 2020, 2, 29),
	OK("2020-02-29", 2020, 2, 29),
	OK("29/02/2000", 2000, 2, 29),
	BAD("29/02/2021"),
	BAD("2021-02-29"),
	BAD("29/02/1900"),
	OK("28/02/2021", 2021, 2, 28),
	/* days past the month's end, months past December */
	BAD("31/02/2021"),
	BAD("30/02/2020"),
	BAD("31/04/2021"),
	BAD("2021-04-31"),
	BAD("32/01/2021"),
	BAD("2021-01-32"),
	BAD("2021-13-01"),
	BAD("01/13/2021"),
	BAD("2021-13"),
	OK("30/04/2021", 2021, 4, 30),
	/* partial dates */
	OK("2020-12", 2020, 12, 0),
	OK("2021-01", 2021, 1, 0),
	OK("2018", 2018, 0, 0),
	OK("dicembre 2020", 2020, 12, 0),
	OK("Dicembre 2020", 2020, 12, 0),
	OK("DICEMBRE 2020", 2020, 12, 0),
	OK("gennaio 2019", 2019, 1, 0),
	OK("settembre 2021", 2021, 9, 0),
	OK("Maggio 2020", 2020, 5, 0),
	BAD("dicembr 2020"),
	BAD("decembre 2020"),
	BAD("dicembre2020"),
	BAD("dicembre 20"),
	BAD("dicembre 20201"),
	BAD("13 2020"),
	BAD("2020 dicembre"),
	BAD("dicembre"),
	/* surrounding white space */
	OK(" 2021-07-27 ", 2021, 7, 27),
	OK("\t27/07/2021\r\n", 2021, 7, 27),
	OK("  2018  ", 2018, 0, 0),
	OK(" dicembre 2020 ", 2020, 12, 0),
	OK("\xc2\xa0"
	   "2020-12\xc2\xa0",
	   2020, 12, 0),
	/* not dates */
	BAD(""),
	BAD("   "),
	BAD("abc"),
	BAD("12/2020"),
	BAD("2020/12"),
	BAD("2021/07/27"),
	BAD("27-07-2021"),
	/* Fixed by the one date reader: load.c refused these forms, which
	 * target.c read in deadlines; the seed writes "27.07.2021". */
	OK("27.07.2021", 2021, 7, 27),
	OK("2021-7-27", 2021, 7, 27),
	OK("2021-07-7", 2021, 7, 7),
	OK("2021-7", 2021, 7, 0),
	BAD("27.07/2021"),
	BAD("27/07.2021"),
	BAD("27.07.21"),
	BAD("20210727"),
	BAD("2021-07-27x"),
	BAD("x2021-07-27"),
	BAD("2021-07-27 12:00"),
	BAD("27 / 07 / 2021"),
	BAD("27/07/2021/"),
	BAD("/27/07/2021"),
	BAD("27//2021"),
	BAD("2021-"),
	BAD("-2021"),
	BAD("202"),
	BAD("20211"),
	BAD("0000"),
	BAD("0000-01-01"),
	BAD("27/07/0021"),
	/* two-digit years */
	BAD("27/07/21"),
	BAD("1/1/21"),
	BAD("01/01/99"),
	BAD("21-07-27"),
	/* years: ITDATE_MIN_YEAR..ITDATE_MAX_YEAR in every form (target.c
	 * took any four-digit year before) */
	BAD("31/12/1899"),
	OK("01/01/1900", 1900, 1, 1),
	OK("31/12/2200", 2200, 12, 31),
	BAD("01/01/2201"),
	BAD("1899"),
	BAD("2201-01"),
	BAD("dicembre 1899"),
	OK("dicembre\xc2\xa0"
	   "2020",
	   2020, 12, 0),
	OK("Novembre  2021", 2021, 11, 0),
	BAD("novembre 2021 x"),
	BAD("xnovembre 2021"),
	BAD("luglio 2021-07"),
};

static void test_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(date_cases); i++) {
		const date_case *c = &date_cases[i];
		pdate d = {-7, -7, -7};
		int rc = pdate_parse(c->text, &d);
		if (rc != c->rc) {
			print_error("case \"%s\": returned %d, expected %d "
				    "(got %d-%d-%d)\n",
				    c->text, rc, c->rc, d.y, d.m, d.d);
			fail();
		}
		if (rc == 0 && (d.y != c->y || d.m != c->m || d.d != c->d)) {
			print_error("case \"%s\": got %d-%d-%d, expected "
				    "%d-%d-%d\n",
				    c->text, d.y, d.m, d.d, c->y, c->m, c->d);
			fail();
		}
	}
}

/* Every day of a few years, written both ways, parses back to itself;
 * the day after the month's last does not. */
static void test_parse_every_day(void **state)
{
	(void)state;
	static const int dim[12] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	static const int years[] = {1999, 2000, 2019, 2020, 2021, 2024, 2100};
	char s[32];
	for (size_t yi = 0; yi < ARRAY_LEN(years); yi++) {
		int y = years[yi];
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		for (int m = 1; m <= 12; m++) {
			int last = dim[m - 1] + (m == 2 && leap);
			for (int d = 1; d <= last + 1; d++) {
				int want = d <= last ? 0 : -1;
				pdate p;
				snprintf(s, sizeof s, "%04d-%02d-%02d", y, m,
					 d);
				int rc = pdate_parse(s, &p);
				if (rc != want ||
				    (!rc &&
				     (p.y != y || p.m != m || p.d != d))) {
					print_error("case \"%s\": rc %d\n", s,
						    rc);
					fail();
				}
				snprintf(s, sizeof s, "%d/%d/%d", d, m, y);
				rc = pdate_parse(s, &p);
				if (rc != want ||
				    (!rc &&
				     (p.y != y || p.m != m || p.d != d))) {
					print_error("case \"%s\": rc %d\n", s,
						    rc);
					fail();
				}
			}
		}
	}
}

/*
 * Regression (src/data/load.c, pdate_parse, fixed): zero was taken for "not
 * given". "2021-00"    -> 0, {2021, 0, 0}   expected -1 "2021-12-00" -> 0,
 * {2021, 12, 0}  expected -1 "0/12/2021"  -> 0, {2021, 12, 0}  expected -1
 *   "00/00/2021" -> 0, {2021, 0, 0}   expected -1
 *   "12/0/2021", "2021-00-10"
 *                -> read days_in_month()'s dm[-1] (UBSan: index -1 out
 *                   of bounds, aborts the test binary), expected -1
 * Fix: in the numeric forms require 1 <= m <= 12 and 1 <= d (the checks
 * after parsing treat 0 as absent, which only the partial forms may be).
 */
static void test_parse_zero_fields(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2021-00",    "2021-12-00", "0/12/2021",
		"00/00/2021", "0/0/2021",   "00/12/2021",
		"2021-00-00", "12/0/2021",  "2021-00-10",
	};
	int wrong = 0;
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		pdate d;
		int rc = pdate_parse(bad[i], &d);
		if (rc != -1) {
			print_error("case \"%s\": accepted as %d-%d-%d\n",
				    bad[i], d.y, d.m, d.d);
			wrong++;
		}
	}
	if (wrong)
		fail();
}

/* itdate_scan: a full date at the start of a longer text, as target
 * expressions hold them.  rc is the bytes taken, 0 for "no date here" and
 * -1 for a date-shaped text that is not a date. */
static const struct {
	const char *text;
	int rc;
	int y, m, d;
} scan_cases[] = {
	{"31/12/2021 - 30/06/2021", 10, 2021, 12, 31},
	{"1/2/2021e", 8, 2021, 2, 1},
	{"2021-12-31 x", 10, 2021, 12, 31},
	{"31.12.2021.", 10, 2021, 12, 31},
	{"31/12/2021", 10, 2021, 12, 31},
	{"31/12/21", -1, 0, 0, 0},
	{"31/12/202", -1, 0, 0, 0},
	{"31/02/2021", -1, 0, 0, 0},
	{"2021-02-30", -1, 0, 0, 0},
	{"31/12/2", 0, 0, 0, 0},
	{"31/12/20211", 0, 0, 0, 0},
	{"31/12", 0, 0, 0, 0},
	{"2021-12", 0, 0, 0, 0},
	{"2021-12-311", 0, 0, 0, 0},
	{"2021", 0, 0, 0, 0},
	{"123/1/2021", 0, 0, 0, 0},
	{"1,5", 0, 0, 0, 0},
	{"", 0, 0, 0, 0},
};

static void test_scan_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(scan_cases); i++) {
		pdate d = {0, 0, 0};
		const char *t = scan_cases[i].text;
		int rc = itdate_scan(t, strlen(t), &d);
		if (rc != scan_cases[i].rc ||
		    (rc > 0 &&
		     (d.y != scan_cases[i].y || d.m != scan_cases[i].m ||
		      d.d != scan_cases[i].d))) {
			print_error("case \"%s\": rc %d (%d-%d-%d)\n", t, rc,
				    d.y, d.m, d.d);
			fail();
		}
	}
}

/* ------------------------------------------------------------------ */
/* Ordering                                                           */

static pdate P(const char *s)
{
	pdate d = {0, 0, 0};
	if (pdate_parse(s, &d) != 0) {
		print_error("\"%s\" does not parse\n", s);
		fail();
	}
	return d;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* In increasing order; equal neighbours are marked. */
static const struct {
	const char *text;
	int same_as_previous;
} ordered[] = {
	{"2018", 0},	   {"2018-01", 0},	 {"2018-01-01", 0},
	{"02/01/2018", 0}, {"31/01/2018", 0},	 {"febbraio 2018", 0},
	{"2018-02", 1},	   {"2018-02-01", 0},	 {"2018-12-31", 0},
	{"2019", 0},	   {"2019-01-31", 0},	 {"31/01/2019", 1},
	{"2019-12", 0},	   {"dicembre 2019", 1}, {"1/12/2019", 0},
	{"2/12/2019", 0},  {"2020", 0},		 {"2020-12", 0},
	{"2020-12-01", 0}, {"2021-07-27", 0},
};

static void test_cmp_order(void **state)
{
	(void)state;
	size_t n = ARRAY_LEN(ordered);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			pdate a = P(ordered[i].text), b = P(ordered[j].text);
			int want;
			if (i == j)
				want = 0;
			else {
				/* equal if every step between them is */
				size_t lo = i < j ? i : j, hi = i < j ? j : i;
				int same = 1;
				for (size_t k = lo + 1; k <= hi; k++)
					same &= ordered[k].same_as_previous;
				want = same ? 0 : (i < j ? -1 : 1);
			}
			int got = sign(pdate_cmp(&a, &b));
			if (got != want) {
				print_error(
					"cmp(\"%s\", \"%s\") = %d, expected "
					"%d\n",
					ordered[i].text, ordered[j].text, got,
					want);
				fail();
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_every_day),
		cmocka_unit_test(test_parse_zero_fields),
		cmocka_unit_test(test_scan_table),
		cmocka_unit_test(test_cmp_order),
	};
	return cmocka_run_group_tests_name("pdate", tests, NULL, NULL);
}
