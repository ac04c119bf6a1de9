/*
 * test_diag_collapse.c - unit tests of diag's collapse mode: a warning
 * whose file and format repeat, differing only in quoted values, prints
 * once, at its first place and in the order of first appearance, with the
 * count; errors, other files, other formats and other unquoted values are
 * never merged; -q drops warnings but counts them.
 */
#include "testutil.h"

#include "util/buf.h"
#include "util/diag.h"

#include <stdio.h>
#include <string.h>

typedef struct msg {
	int error; /* else warning */
	const char *file;
	int line;
	const char *fmt;
	const char *value;
} msg;

typedef struct ccase {
	const char *name;
	int quiet;
	msg in[10];
	const char *expect;
} ccase;

#define NUMFMT "no deliberation number for '%s'"

static const ccase cases[] = {
	{"one kind, four places",
	 0,
	 {{0, "m.csv", 7, NUMFMT, "IS-2.2"},
	  {0, "m.csv", 9, NUMFMT, "IS-2.3"},
	  {0, "m.csv", 10, NUMFMT, "IS-2.4"},
	  {0, "m.csv", 11, NUMFMT, "IS-2.5"}},
	 "m.csv:7: warning: no deliberation number for 'IS-2.2' (and 3 more "
	 "like it in this file; -v shows all)\n"},
	{"unquoted values make different kinds",
	 0,
	 {{0, "m.csv", 2, "column %s: no glyph", "owner"},
	  {0, "m.csv", 2, "column %s: no glyph", "note"},
	  {0, "m.csv", 3, "column %s: no glyph", "owner"},
	  {0, "m.csv", 4, "column %s: no glyph", "owner"},
	  {0, "m.csv", 5, "column %s: no glyph", "owner"}},
	 "m.csv:2: warning: column owner: no glyph (and 3 more like it in "
	 "this file; -v shows all)\n"
	 "m.csv:2: warning: column note: no glyph\n"},
	{"fewer than DIAG_COLLAPSE_MIN print in full",
	 0,
	 {{0, "m.csv", 7, NUMFMT, "A"},
	  {0, "m.csv", 9, NUMFMT, "B"},
	  {0, "m.csv", 11, NUMFMT, "C"}},
	 "m.csv:7: warning: no deliberation number for 'A'\n"
	 "m.csv:9: warning: no deliberation number for 'B'\n"
	 "m.csv:11: warning: no deliberation number for 'C'\n"},
	{"order of first appearance kept, errors never merged",
	 0,
	 {{0, "m.csv", 7, NUMFMT, "A"},
	  {1, "m.csv", 8, "bad '%s'", "x"},
	  {1, "m.csv", 9, "bad '%s'", "y"},
	  {0, "m.csv", 10, NUMFMT, "B"},
	  {0, "m.csv", 10, NUMFMT, "B2"},
	  {0, "m.csv", 10, NUMFMT, "B3"},
	  {0, "o.csv", 2, NUMFMT, "C"},
	  {0, "m.csv", 12, "other '%s'", "D"}},
	 "m.csv:7: warning: no deliberation number for 'A' (and 3 more like "
	 "it in this file; -v shows all)\n"
	 "m.csv:8: error: bad 'x'\n"
	 "m.csv:9: error: bad 'y'\n"
	 "o.csv:2: warning: no deliberation number for 'C'\n"
	 "m.csv:12: warning: other 'D'\n"},
	{"quiet: errors only",
	 1,
	 {{0, "m.csv", 7, NUMFMT, "A"},
	  {1, "m.csv", 8, "bad '%s'", "x"},
	  {0, "m.csv", 10, NUMFMT, "B"}},
	 "m.csv:8: error: bad 'x'\n"},
};

#ifdef __GNUC__
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
#endif

static void test_collapse(void **state)
{
	(void)state;
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		const ccase *k = &cases[c];
		buf out = BUF_INIT;
		diag d;
		diag_init(&d, NULL);
		d.capture = &out;
		d.collapse = 1;
		d.quiet = k->quiet;
		int nw = 0, ne = 0;
		for (int i = 0; i < 10 && k->in[i].fmt; i++) {
			const msg *m = &k->in[i];
			diag_report(&d, m->error ? DIAG_ERROR : DIAG_WARNING,
				    m->file, m->line, m->fmt, m->value);
			m->error ? ne++ : nw++;
		}
		assert_int_equal(out.len, 0); /* held until the flush */
		diag_flush(&d);
		if (strcmp(buf_cstr(&out), k->expect) != 0)
			fail_msg("%s:\n got: %s\nwant: %s", k->name,
				 buf_cstr(&out), k->expect);
		assert_int_equal(d.warnings, nw);
		assert_int_equal(d.errors, ne);
		diag_flush(&d); /* nothing left */
		assert_string_equal(buf_cstr(&out), k->expect);
		buf_free(&out);
	}
}

/* Many kinds: the hash grows and every kind is still found. */
static void test_many_kinds(void **state)
{
	(void)state;
	buf out = BUF_INIT;
	diag d;
	diag_init(&d, NULL);
	d.capture = &out;
	d.collapse = 1;
	char file[32];
	for (int r = 0; r < 4; r++)
		for (int i = 0; i < 500; i++) {
			snprintf(file, sizeof file, "f%d.csv", i);
			diag_warning(&d, file, r + 1, "w '%s'", "v");
		}
	diag_flush(&d);
	int lines = 0;
	for (size_t i = 0; i < out.len; i++)
		lines += out.data[i] == '\n';
	assert_int_equal(lines, 500);
	assert_non_null(
		strstr(out.data, "f499.csv:1: warning: w 'v' (and 3 more"));
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collapse),
		cmocka_unit_test(test_many_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
