/*
 * itnum.c - the Italian number reader and formatter (rules in itnum.h).
 */
#include "itnum.h"

#include "../util/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_DECIMALS 22 /* powers of ten up to 1e22 are exact doubles */

typedef struct cursor {
	const char *s;
	size_t n, i;
} cursor;

static int digit_at(const cursor *c, size_t k)
{
	return c->i + k < c->n && c->s[c->i + k] >= '0' &&
	       c->s[c->i + k] <= '9';
}

static int has(const cursor *c, const char *lit)
{
	size_t len = strlen(lit);
	return c->i + len <= c->n && memcmp(c->s + c->i, lit, len) == 0;
}

static void skip_spaces(cursor *c)
{
	size_t w;
	while ((w = text_space_width(c->s + c->i, c->n - c->i)) != 0)
		c->i += w;
}

/* A sign: 1 for minus ('-', U+2212, U+2013), 0 for '+' or none. */
static int scan_sign(cursor *c)
{
	if (has(c, "-") || has(c, "+")) {
		int neg = c->s[c->i++] == '-';
		skip_spaces(c);
		return neg;
	}
	if (has(c, "\xE2\x88\x92") || has(c, "\xE2\x80\x93")) {
		c->i += 3;
		skip_spaces(c);
		return 1;
	}
	return 0;
}

/* Append the digit at the cursor to the mantissa m. */
static void take_digit(cursor *c, double *m, int *sig)
{
	int d = c->s[c->i++] - '0';
	if (*sig || d)
		(*sig)++;
	*m = *m * 10 + d;
}

int itnum_scan(const char *s, size_t n, itnum *out)
{
	cursor c = {s, n, 0};
	memset(out, 0, sizeof *out);
	int neg = scan_sign(&c);
	if (!digit_at(&c, 0))
		return 0;
	double m = 0;
	int sig = 0, intdigits = 0;
	char first = c.s[c.i];
	while (digit_at(&c, 0)) {
		take_digit(&c, &m, &sig);
		intdigits++;
	}
	/* Thousands groups: ".ddd" not followed by another digit, after 1-3
	 * leading digits that do not start with 0. */
	while (intdigits <= 3 && first != '0' && has(&c, ".") &&
	       digit_at(&c, 1) && digit_at(&c, 2) && digit_at(&c, 3) &&
	       !digit_at(&c, 4)) {
		c.i++;
		for (int k = 0; k < 3; k++)
			take_digit(&c, &m, &sig);
		out->grouped = 1;
	}
	if ((has(&c, ",") || (!out->grouped && has(&c, "."))) &&
	    digit_at(&c, 1)) {
		c.i++;
		while (digit_at(&c, 0)) {
			take_digit(&c, &m, &sig);
			out->decimals++;
		}
	}
	if (sig > ITNUM_MAX_DIGITS || out->decimals > MAX_DECIMALS)
		return -1;
	double p = 1;
	for (int k = 0; k < out->decimals; k++)
		p *= 10; /* exact up to 1e22 */
	m /= p;		 /* one correctly rounded division: "95,4" == 95.4 */
	out->value = neg ? -m : m;
	size_t end = c.i;
	skip_spaces(&c);
	if (has(&c, "%")) {
		out->percent = 1;
		end = c.i + 1;
	}
	return (int)end;
}

int itnum_parse(const char *s, itnum *out)
{
	size_t n;
	const char *t = text_trim(s ? s : "", &n);
	int rc = itnum_scan(t, n, out);
	if (rc <= 0 || (size_t)rc != n) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return 0;
}

void number_format(double v, int decimals, char *out, size_t n)
{
	char buf[64];
	int g = 0;
	if (n == 0)
		return;
	out[0] = '\0';
	if (!isfinite(v) || decimals < 0 || decimals > 6)
		return;
	unsigned long long scale = 1;
	for (int k = 0; k < decimals; k++)
		scale *= 10;
	double x = fabs(v) * (double)scale;
	if (x >= 1e15)
		return;
	unsigned long long t = (unsigned long long)floor(x + 0.5 + 1e-6);
	unsigned long long ip = t / scale, fp = t % scale;
	char digits[24];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (v < 0 && t > 0)
		buf[g++] = '-';
	for (int k = nd - 1; k >= 0; k--) {
		buf[g++] = digits[k];
		if (k > 0 && k % 3 == 0)
			buf[g++] = '.';
	}
	if (decimals) {
		buf[g++] = ',';
		for (unsigned long long div = scale / 10; div; div /= 10)
			buf[g++] = (char)('0' + (fp / div) % 10);
	}
	buf[g] = '\0';
	snprintf(out, n, "%s", buf);
}

void degree_format(double d, char *out, size_t n)
{
	char num[64];
	if (n == 0)
		return;
	out[0] = '\0';
	if (!isfinite(d))
		return;
	number_format(d * 100.0, 1, num, sizeof num);
	if (*num)
		snprintf(out, n, "%s%%", num);
}
