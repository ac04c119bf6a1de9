/*
 * test_utf8.c - the UTF-8 helpers (util/utf8.c) that scan eight bytes at a
 * time: utf8_ascii_span() against a byte-by-byte scan on every length
 * and alignment around each kind of byte that ends a run, and
 * utf8_first_invalid(), which skips such runs, on valid and broken text.
 */
#include "testutil.h"

#include "util/utf8.h"

#include <stdlib.h>

static size_t naive_span(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (unsigned char)s[i] >= 0x20 &&
	       (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

/* Each byte that ends a run, at each position of a 40-byte printable
 * buffer, scanned from each of the first 9 offsets. */
static void test_span_stops(void **state)
{
	(void)state;
	static const unsigned char stop[] = {0x00, 0x09, 0x0A, 0x1F, 0x7F,
					     0x80, 0xC3, 0xE2, 0xFF};
	char buf[40];
	for (size_t k = 0; k < sizeof stop; k++)
		for (size_t at = 0; at < sizeof buf; at++) {
			for (size_t i = 0; i < sizeof buf; i++)
				buf[i] = (char)(0x20 + (i * 7) % 0x5F);
			buf[at] = (char)stop[k];
			for (size_t off = 0; off < 9; off++) {
				size_t n = sizeof buf - off;
				assert_int_equal(utf8_ascii_span(buf + off, n),
						 naive_span(buf + off, n));
			}
		}
	assert_int_equal(utf8_ascii_span("", 0), 0);
	assert_int_equal(utf8_ascii_span(" ~", 2), 2);
}

static void test_span_random(void **state)
{
	(void)state;
	char buf[300];
	srand(7);
	for (int it = 0; it < 20000; it++) {
		size_t n = (size_t)(rand() % 300);
		for (size_t i = 0; i < n; i++)
			buf[i] =
				(char)(rand() % 50 == 0 ? rand() % 256
							: 0x20 + rand() % 0x5F);
		assert_int_equal(utf8_ascii_span(buf, n), naive_span(buf, n));
	}
}

#define VALID ((size_t)-1) /* the whole length */

static void test_first_invalid(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t want;
	} cases[] = {
		{"", 0},
		{"solo testo ASCII, abbastanza lungo da passare gli otto",
		 VALID},
		{"città e qualità, più volte: città città città", VALID},
		{"ventitre byte in ASCII \xC3", 23},
		{"otto byt\xE2\x82", 8},
		{"a\nb\tc\x7F"
		 "d\xFF",
		 7},
		{"€ 1.670.000 \xC0\xAF", 14},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		size_t len = strlen(cases[i].s);
		size_t want = cases[i].want == VALID ? len : cases[i].want;
		assert_int_equal(utf8_first_invalid(cases[i].s, len), want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_span_stops),
		cmocka_unit_test(test_span_random),
		cmocka_unit_test(test_first_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
