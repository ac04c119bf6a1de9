/*
 * itdate.c - the Italian date reader (rules in itdate.h).
 */
#include "itdate.h"

#include "../util/text.h"

#include <string.h>

int itdate_days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
int32_t pdate_days(const pdate *p)
{
	int y = p->y, m = p->m, d = p->d;
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

static int digit(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Read up to max digits at s[*i]; returns how many, value in *v. */
static int read_digits(const char *s, size_t n, size_t *i, int max, int *v)
{
	int k = 0;
	*v = 0;
	while (k < max && digit(s, n, *i)) {
		*v = *v * 10 + (s[(*i)++] - '0');
		k++;
	}
	return k;
}

static int year_ok(int y)
{
	return y >= ITDATE_MIN_YEAR && y <= ITDATE_MAX_YEAR;
}

static int valid(const pdate *d)
{
	return year_ok(d->y) && d->m >= 1 && d->m <= 12 && d->d >= 1 &&
	       d->d <= itdate_days_in_month(d->y, d->m);
}

/* "2021-07-27" after its four-digit year; i is past the year. */
static int scan_iso(const char *s, size_t n, size_t i, pdate *d)
{
	i++; /* the '-' */
	if (read_digits(s, n, &i, 2, &d->m) == 0 || i >= n || s[i] != '-' ||
	    !digit(s, n, i + 1))
		return 0;
	i++;
	read_digits(s, n, &i, 2, &d->d);
	return digit(s, n, i) ? 0 : (int)i;
}

/* "27/07/2021" or "27.07.2021" after its day; i is at the separator. */
static int scan_dmy(const char *s, size_t n, size_t i, pdate *d)
{
	char sep = s[i++];
	if (read_digits(s, n, &i, 2, &d->m) == 0 || i >= n || s[i] != sep ||
	    !digit(s, n, i + 1))
		return 0;
	i++;
	int ny = read_digits(s, n, &i, 4, &d->y);
	if (digit(s, n, i) || ny < 2)
		return 0;
	return ny == 4 ? (int)i : -1;
}

int itdate_scan(const char *s, size_t n, pdate *out)
{
	pdate d = {0, 0, 0};
	size_t i = 0;
	int a, rc = 0;
	int na = read_digits(s, n, &i, 4, &a);
	if (na == 4 && i < n && s[i] == '-' && digit(s, n, i + 1)) {
		d.y = a;
		rc = scan_iso(s, n, i, &d);
	} else if (na >= 1 && na <= 2 && i < n &&
		   (s[i] == '/' || s[i] == '.')) {
		d.d = a;
		rc = scan_dmy(s, n, i, &d);
	}
	if (rc > 0 && !valid(&d))
		rc = -1;
	if (rc > 0)
		*out = d;
	return rc;
}

/* "2021-07", "2021", "dicembre 2020": the partial forms of a whole text. */
static int parse_partial(const char *s, size_t n, pdate *d)
{
	static const char *const months[12] = {
		"gennaio",   "febbraio", "marzo",    "aprile",
		"maggio",    "giugno",	 "luglio",   "agosto",
		"settembre", "ottobre",	 "novembre", "dicembre"};
	size_t i = 0;
	*d = (pdate){0, 0, 0};
	if (read_digits(s, n, &i, 4, &d->y) == 4 && i == n)
		return year_ok(d->y) ? 0 : -1;
	if (i == 4 && s[i] == '-') {
		i++;
		if (read_digits(s, n, &i, 2, &d->m) == 0 || i != n)
			return -1;
		return year_ok(d->y) && d->m >= 1 && d->m <= 12 ? 0 : -1;
	}
	char raw[32], f[32];
	if (n >= sizeof raw)
		return -1;
	memcpy(raw, s, n);
	raw[n] = '\0';
	size_t fn = strlen(text_fold(raw, f, sizeof f)), yi = fn - 4;
	if (fn < 6 || f[yi - 1] != ' ' ||
	    read_digits(f, fn, &yi, 4, &d->y) != 4)
		return -1;
	f[fn - 5] = '\0';
	for (int k = 0; k < 12; k++)
		if (!strcmp(f, months[k]))
			d->m = k + 1;
	return d->m && year_ok(d->y) ? 0 : -1;
}

int pdate_parse(const char *s, pdate *out)
{
	size_t n;
	s = text_trim(s, &n);
	pdate d;
	int rc = itdate_scan(s, n, &d);
	if (rc < 0 || (rc > 0 && (size_t)rc != n))
		return -1;
	if (rc == 0 && parse_partial(s, n, &d) != 0)
		return -1;
	*out = d;
	return 0;
}

int pdate_cmp(const pdate *a, const pdate *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}
