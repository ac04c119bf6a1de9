/*
 * itnum.h - numbers the Italian way: the one reader and the one formatter.
 *
 * Every number of a plan folder is read here: targets and measured values
 * (target_parse.c), weights (load.c, peso), amounts (reports' rep_amount).  The
 * rule, documented in docs/input-format.md ("Numbers"):
 *
 *   - the decimal separator is the comma: "1,5" = 1.5, "95,4%" = 95.4 %;
 *   - a dot is a thousands separator when the digits before it are 1-3
 *     (not starting with 0) and every dot is followed by exactly three
 *     digits: "1.000" = 1000, "1.670.000" = 1670000, "2.002.800" =
 *     2002800, "1.670.000,00" = 1670000 with two decimals;
 *   - any other dot is a decimal point: "1.5" = 1.5, "0.500" = 0.5,
 *     "1000.000" = 1000 (more than three digits before the dot), "1.0005"
 *     = 1.0005; after thousands dots only a comma may start the decimals
 *     ("1.000,5"; "1.000.5" is a number followed by ".5", so not a number);
 *   - a comma is never a thousands separator: "75,440" = 75.44 (three
 *     decimals), and "1,670/000" is the number 1,670 followed by "/000",
 *     so the text is not a number (it is shown as written);
 *   - an optional sign before the digits: '-', U+2212 or U+2013 (negative)
 *     or '+', spaces allowed after it ("ITP < -10");
 *   - a '%' after the number (spaces allowed before it) marks a percentage;
 *     the value is kept as written (90 for "90%");
 *   - at most ITNUM_MAX_DIGITS significant digits (more: not a number);
 *   - no locale, no strtod: the result is the correctly rounded double of
 *     the digits written.
 * Spaces are ASCII white space, NBSP and narrow NBSP.
 */
#ifndef ANNEX_ITNUM_H
#define ANNEX_ITNUM_H

#include <stddef.h>

#define ITNUM_MAX_DIGITS 15

typedef struct itnum {
	double value; /* as written: 95.4 for "95,4%" */
	int decimals; /* digits after the decimal comma or dot */
	int percent;  /* a '%' followed */
	int grouped;  /* thousands dots were used */
} itnum;

/*
 * Read a number at the start of s[0..n).  Returns the bytes it took (> 0;
 * a '%' and the spaces before it included, spaces after it not), 0 when no
 * number starts there (an optional sign and spaces, then a digit) and -1
 * when it has too many digits.
 */
int itnum_scan(const char *s, size_t n, itnum *out);

/* The whole of s, surrounding spaces aside, is one number: 0, else -1. */
int itnum_parse(const char *s, itnum *out);

/*
 * The one formatter.  v the Italian way with exactly decimals digits
 * (0..6), rounded half away from zero (with a 1e-6 tolerance on the last
 * digit, so that 93,15 computed as 93,1499999 prints 93,2), thousands
 * grouped with '.': 1.0443 with 3 -> "1,044", 38412 with 0 -> "38.412".
 * Non-finite or |v| of 1e15 units of the last digit and more give "".
 * Always NUL-terminates when n > 0, truncating if needed.
 */
void number_format(double v, int decimals, char *out, size_t n);

/*
 * A degree as a percentage with one decimal: 0.9545 -> "95,5%", 1.2 ->
 * "120,0%", 12.345 -> "1.234,5%" (number_format of d * 100).  NAN or
 * infinity gives "" (the caller prints its own "n.v.").
 */
void degree_format(double d, char *out, size_t n);

#endif
