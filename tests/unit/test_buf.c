/*
 * test_buf.c - util/buf.c: decimal numbers (buf_put_uint, two digits a
 * step) agree with printf for every table entry, also appended after
 * text; appends keep the buffer NUL-terminated across growth.
 */
#include "testutil.h"

#include "util/buf.h"

#include <limits.h>
#include <stdio.h>

static const unsigned long numbers[] = {
	0,
	1,
	9,
	10,
	11,
	99,
	100,
	101,
	999,
	1000,
	65535,
	99999,
	100000,
	1234567,
	4294967295ul,
	4294967296ul,
	10000000000ul,
	ULONG_MAX,
};

static void test_put_uint(void **state)
{
	(void)state;
	for (size_t k = 0; k < ARRAY_LEN(numbers); k++) {
		buf b = BUF_INIT;
		char want[32];
		snprintf(want, sizeof want, "x=%lu", numbers[k]);
		buf_puts(&b, "x=");
		buf_put_uint(&b, numbers[k]);
		assert_string_equal(buf_cstr(&b), want);
		assert_int_equal(b.len, strlen(want));
		buf_free(&b);
	}
}

static void test_growth(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	char want[8000];
	size_t n = 0;
	for (int i = 0; i < 1000; i++) {
		buf_putc(&b, 'a');
		buf_puts(&b, "bc");
		buf_append(&b, "defg", i % 5);
		want[n++] = 'a';
		want[n++] = 'b';
		want[n++] = 'c';
		memcpy(want + n, "defg", (size_t)(i % 5));
		n += (size_t)(i % 5);
		assert_int_equal(b.len, n);
		assert_true(b.cap > b.len);
		assert_int_equal(b.data[b.len], '\0');
	}
	assert_memory_equal(b.data, want, n);
	buf_reset(&b);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_uint),
		cmocka_unit_test(test_growth),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
