/*
 * test_diag.c - unit tests of the diagnostics (src/util/diag.c): every
 * message is one line, quoted values are cut to DIAG_VALUE_MAX bytes on a
 * UTF-8 boundary, control characters are escaped, and the conversions
 * format as printf would; messages found on another thread splice in
 * where they belong.
 */
#include "testutil.h"

#include "util/buf.h"
#include "util/diag.h"

#include <stdio.h>
#include <string.h>

static char *report(buf *out, const char *file, int line, const char *fmt,
		    const char *value)
{
	diag d;
	diag_init(&d, NULL);
	buf_reset(out);
	d.capture = out;
	diag_error(&d, file, line, fmt, value);
	assert_int_equal(d.errors, 1);
	return out->data;
}

typedef struct qcase {
	const char *fmt;
	const char *value;
	const char *expect;
} qcase;

static void test_quoting(void **state)
{
	(void)state;
	static const qcase cases[] = {
		{"value '%s'", "abc", "f.csv:3: error: value 'abc'\n"},
		{"value '%s'", "a\nERROR: forged",
		 "f.csv:3: error: value "
		 "'a\\nERROR: forged'\n"},
		{"value '%s'", "t\tb\rc",
		 "f.csv:3: error: value 't\\tb\\rc'\n"},
		{"value '%s'", "x\x01y\x7F",
		 "f.csv:3: error: value "
		 "'x\\x01y\\x7F'\n"},
		{"value '%s'", "bad\xFFutf",
		 "f.csv:3: error: value "
		 "'bad\\xFFutf'\n"},
		{"value '%s'",
		 "\xEF\xBB\xBF"
		 "1",
		 "f.csv:3: error: value "
		 "'\\uFEFF1'\n"},
		{"value '%s'", "nel\xC2\x85",
		 "f.csv:3: error: value "
		 "'nel\\u0085'\n"},
		/* not quoted: escaped but not cut */
		{"path %s", "a\nb", "f.csv:3: error: path a\\nb\n"},
		{"%d%%", NULL, NULL},
	};
	buf out = BUF_INIT;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (!cases[i].expect)
			continue;
		report(&out, "f.csv", 3, cases[i].fmt, cases[i].value);
		assert_string_equal(out.data, cases[i].expect);
	}
	buf_free(&out);
}

static void test_cut(void **state)
{
	(void)state;
	buf out = BUF_INIT;
	char longv[400];
	/* 'è' is 2 bytes: 79 'a' then 'è' would end at byte 81 */
	memset(longv, 'a', 79);
	strcpy(longv + 79, "\xC3\xA8tail and more");
	report(&out, NULL, 0, "'%s'", longv);
	const char *q = strchr(out.data, '\'');
	const char *e = strrchr(out.data, '\'');
	assert_non_null(q);
	assert_int_equal(e - q - 1, 79 + 3);
	assert_memory_equal(e - 3, "...", 3);
	/* exactly 80 bytes: not cut */
	memset(longv, 'b', 80);
	longv[80] = '\0';
	report(&out, NULL, 0, "'%s'", longv);
	assert_null(strstr(out.data, "..."));
	/* an escape is not split either */
	memset(longv, 'c', 78);
	strcpy(longv + 78, "\n\nzz");
	report(&out, NULL, 0, "'%s'", longv);
	assert_non_null(strstr(out.data, "cc\\n...'"));
	/* long value: one line, no fixed buffer */
	char big[10000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	report(&out, NULL, 0, "unquoted %s end", big);
	assert_non_null(strstr(out.data, "x end\n"));
	assert_int_equal(strchr(out.data, '\n') - out.data + 1, out.len);
	buf_free(&out);
}

static void test_conversions(void **state)
{
	(void)state;
	diag d;
	buf out = BUF_INIT;
	diag_init(&d, NULL);
	d.capture = &out;
	diag_warning(&d, "a\nb.ini", 7,
		     "%d %5.2f %04X %zu %lld %u %c %.*s %s%% %-3d| %g", -5,
		     3.14159, 0xABu, (size_t)42, -9000000000LL, 7u, 'z', 3,
		     "abcdef", "s", 1, 1e300);
	assert_string_equal(out.data, "a\\nb.ini:7: warning: -5  3.14 00AB 42 "
				      "-9000000000 7 z abc s% 1  | 1e+300\n");
	assert_int_equal(d.warnings, 1);
	buf_free(&out);
}

/* A message of the splice tests: a kind letter (warnings of one letter
 * collapse), a record, or an error when kind is 'E'. */
static void say(diag *d, char kind, int rec)
{
	char code[16];
	snprintf(code, sizeof code, "R-%d", rec);
	if (kind == 'E')
		diag_error(d, "f.csv", rec, "bad '%s'", code);
	else if (kind == 'A')
		diag_warning(d, "f.csv", rec, "odd '%s'", code);
	else
		diag_warning(d, "g.csv", rec, "strange '%s'", code);
}

/* Messages reported on a child and spliced at a mark print exactly as if
 * they had been reported there: same lines, same collapsing. */
static void test_splice(void **state)
{
	(void)state;
	static const struct {
		const char *before, *child, *after; /* kinds, one a message */
		int quiet;
	} cases[] = {
		{"", "", "", 0},
		{"", "AAAA", "", 0},
		{"A", "AAA", "B", 0},	   /* the child completes A's four */
		{"AB", "EAB", "ABBA", 0}, /* first of each kind stays first */
		{"", "BBBB", "AE", 0},
		{"AAAAA", "", "E", 0},
		{"E", "AB", "", 1},	   /* -q: counted, not printed */
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		buf want = BUF_INIT, got = BUF_INIT;
		diag w, g, ch;
		diag_init(&w, NULL);
		diag_init(&g, NULL);
		w.capture = &want;
		g.capture = &got;
		w.collapse = g.collapse = 1;
		w.quiet = g.quiet = cases[c].quiet;
		int rec = 1;
		for (const char *k = cases[c].before; *k; k++, rec++)
			say(&w, *k, rec), say(&g, *k, rec);
		int at = diag_mark(&g);
		diag_child(&ch, &g);
		for (const char *k = cases[c].child; *k; k++, rec++)
			say(&w, *k, rec), say(&ch, *k, rec);
		for (const char *k = cases[c].after; *k; k++, rec++)
			say(&w, *k, rec), say(&g, *k, rec);
		diag_splice(&g, at, &ch);
		assert_int_equal(g.errors, w.errors);
		assert_int_equal(g.warnings, w.warnings);
		assert_int_equal(ch.errors + ch.warnings, 0);
		diag_flush(&w);
		diag_flush(&g);
		assert_string_equal(buf_cstr(&got), buf_cstr(&want));
		buf_free(&want);
		buf_free(&got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_splice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
