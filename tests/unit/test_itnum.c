/*
 * test_itnum.c - the one Italian number reader (data/itnum.c).
 *
 * Table-driven:
 *   - parse_cases: itnum_parse on a whole field, the value, the decimals
 *     and the percent flag it gives, or -1 for a text that is not one
 *     number.  Rows marked "was" are readings that changed when load.c,
 *     target.c and rep_amount got one reader: load.c read the weight
 *     "1.000" as 1 (now 1000, as target.c and the spec read it).
 *   - scan_cases: itnum_scan at the start of a longer text (targets).
 *   - amount_cases: an amount as rep_amount prints it (itnum_parse, then
 *     number_format with the decimals written), or as written.
 * A failing row prints its text.
 */
#include "testutil.h"

#include "data/itnum.h"

#include <math.h>
#include <stdio.h>

typedef struct parse_case {
	const char *text;
	int rc;
	double value;
	int decimals, percent;
} parse_case;

#define NUM(t, v, dec, pct)                                                    \
	{                                                                      \
		t, 0, v, dec, pct                                              \
	}
#define NOT(t)                                                                 \
	{                                                                      \
		t, -1, 0, 0, 0                                                 \
	}

static const parse_case parse_cases[] = {
	/* the forms the issue names */
	NUM("1.000", 1000, 0, 0), /* was 1 for peso (load.c) */
	NUM("1,5", 1.5, 1, 0), NUM("1.670.000", 1670000, 0, 0),
	NOT("1,670/000"), /* the seed's transcription: shown as written */
	NUM("2.002.800", 2002800, 0, 0), NUM("2002800", 2002800, 0, 0),
	NUM("95,4%", 95.4, 1, 1), NUM("95,4 %", 95.4, 1, 1),
	NUM("100%", 100, 0, 1),
	/* thousands dots and decimals */
	NUM("1.670.000,00", 1670000, 2, 0), NUM("1.000,5", 1000.5, 1, 0),
	NUM("28.920", 28920, 0, 0),
	NUM("1.5", 1.5, 1, 0), /* one digit after: a decimal dot */
	NUM("2.5", 2.5, 1, 0),
	NUM("1.0005", 1.0005, 4, 0), /* four digits after: decimal */
	NUM("0.500", 0.5, 3, 0),     /* leading 0: never grouped */
	NUM("1000.000", 1000, 3, 0), /* four digits before: decimal */
	NUM("75,440", 75.44, 3, 0),  /* a comma is always decimal */
	NUM("0,5", 0.5, 1, 0), NUM("12", 12, 0, 0), NUM("007", 7, 0, 0),
	NOT("1.000.5"), NOT("1.00.000"), NOT("1,000,000"), NOT("1.000,"),
	NOT(",5"), NOT(".5"), NOT("1 000"), NOT("5 gg"), NOT("1/2"), NOT("%"),
	NOT("-"), NOT(""), NOT("   "), NOT("abc"), NOT("12a"),
	/* signs */
	NUM("-10", -10, 0, 0), NUM("- 10", -10, 0, 0),
	NUM("\xE2\x88\x92"
	    "3,5",
	    -3.5, 1, 0), /* U+2212 */
	NUM("\xE2\x80\x93"
	    "3",
	    -3, 0, 0), /* U+2013 */
	NUM("+4", 4, 0, 0), NOT("--4"), NOT("+-4"),
	/* spaces */
	NUM(" \t1.000\xC2\xA0", 1000, 0, 0),
	NUM("50\xE2\x80\xAF%", 50, 0, 1), /* narrow NBSP before % */
	/* digits */
	NUM("123456789012345", 123456789012345.0, 0, 0),
	NOT("1234567890123456"), NUM("0,000000000000000000001", 1e-21, 21, 0),
	NUM("000000000000000000001", 1, 0, 0), /* leading zeros free */
};

static void test_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(parse_cases); i++) {
		const parse_case *c = &parse_cases[i];
		itnum n;
		int rc = itnum_parse(c->text, &n);
		int bad = rc != c->rc;
		if (!bad && rc == 0)
			bad = fabs(n.value - c->value) >
				      1e-12 * fmax(1, fabs(c->value)) ||
			      n.decimals != c->decimals ||
			      n.percent != c->percent;
		if (bad) {
			print_error("case \"%s\": rc %d value %.17g decimals "
				    "%d percent %d\n",
				    c->text, rc, n.value, n.decimals,
				    n.percent);
			fail();
		}
	}
}

/* "95,4" is exactly the double 95.4: one correctly rounded division. */
static void test_parse_exact(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		double v;
	} exact[] = {{"95,4", 95.4},   {"0,1", 0.1}, {"1,45", 1.45},
		     {"93,15", 93.15}, {"0,3", 0.3}, {"1.234,56", 1234.56}};
	for (size_t i = 0; i < ARRAY_LEN(exact); i++) {
		itnum n;
		assert_int_equal(itnum_parse(exact[i].text, &n), 0);
		if (n.value != exact[i].v) {
			print_error("case \"%s\": %.17g\n", exact[i].text,
				    n.value);
			fail();
		}
	}
}

static const struct {
	const char *text;
	int rc; /* bytes taken */
	double value;
	int percent;
} scan_cases[] = {
	{"90% dei casi", 3, 90, 1},
	{"90 % dei casi", 4, 90, 1},
	{"40 gg", 2, 40, 0},
	{"3,5 e poi", 3, 3.5, 0},
	{"1.000 immissioni", 5, 1000, 0},
	{"1.000.5", 5, 1000, 0},
	{"1,670/000", 5, 1.67, 0},
	{"31/12/2021", 2, 31, 0},
	{"- 10 x", 4, -10, 0},
	{"x 10", 0, 0, 0},
	{"- x", 0, 0, 0},
	{"1234567890123456 gg", -1, 0, 0},
};

static void test_scan_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(scan_cases); i++) {
		itnum n;
		const char *t = scan_cases[i].text;
		int rc = itnum_scan(t, strlen(t), &n);
		if (rc != scan_cases[i].rc ||
		    (rc > 0 && (n.value != scan_cases[i].value ||
				n.percent != scan_cases[i].percent))) {
			print_error("case \"%s\": rc %d value %g\n", t, rc,
				    n.value);
			fail();
		}
	}
}

/* The amount rule of rep_amount (reports/common.c). */
static const char *amount(const char *s, char *out, size_t n)
{
	itnum num;
	if (itnum_parse(s, &num) != 0 || num.percent || num.decimals > 6)
		return s;
	number_format(num.value, num.decimals, out, n);
	return *out ? out : s;
}

static const struct {
	const char *text, *printed;
} amount_cases[] = {
	{"1670000", "1.670.000"},
	{"1.670.000", "1.670.000"},
	{"2002800", "2.002.800"},
	{"2.002.800", "2.002.800"},
	{"1670000,00", "1.670.000,00"},
	{"1.670.000,00", "1.670.000,00"},
	{"28.920", "28.920"},
	{"345000", "345.000"},
	{"800", "800"},
	{"75,440", "75,440"},
	{"1,670/000", "1,670/000"},
	{"660/53", "660/53"},
	{"-", "-"},
	{"", ""},
	{"50%", "50%"},
	{"Piano investimenti 345.000", "Piano investimenti 345.000"},
	{"0,1234567", "0,1234567"}, /* more decimals than the formatter */
	{"123456789012345", "123.456.789.012.345"},
	{"1234567890123,45", "1.234.567.890.123,45"},
	{"100000000000000,0", "100000000000000,0"}, /* beyond the formatter */
};

static void test_amount_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(amount_cases); i++) {
		char out[64];
		const char *got = amount(amount_cases[i].text, out, sizeof out);
		if (strcmp(got, amount_cases[i].printed)) {
			print_error("case \"%s\": \"%s\", expected \"%s\"\n",
				    amount_cases[i].text, got,
				    amount_cases[i].printed);
			fail();
		}
	}
}

/* Reading back what the formatter writes gives the same number. */
static void test_round_trip(void **state)
{
	(void)state;
	static const double values[] = {0,	    1,	     12.5,    999.999,
					1000,	    1234.5,  38412,   1670000,
					2002800.25, -17.125, 0.000001};
	for (size_t i = 0; i < ARRAY_LEN(values); i++)
		for (int dec = 0; dec <= 6; dec++) {
			char s[64];
			itnum n;
			number_format(values[i], dec, s, sizeof s);
			assert_int_equal(itnum_parse(s, &n), 0);
			double want =
				round(values[i] * pow(10, dec)) / pow(10, dec);
			if (fabs(n.value - want) > 1e-9 * fmax(1, fabs(want))) {
				print_error("%.17g with %d: \"%s\" -> %.17g\n",
					    values[i], dec, s, n.value);
				fail();
			}
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_exact),
		cmocka_unit_test(test_scan_table),
		cmocka_unit_test(test_amount_table),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests_name("itnum", tests, NULL, NULL);
}
