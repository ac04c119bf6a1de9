/*
 * test_csv.c - unit tests of the CSV reader (src/data/csv.c).
 *
 * Most behaviour is table-driven: ok_cases lists inputs that must parse,
 * with the separator, encoding, rows, line numbers and fields expected;
 * err_cases lists inputs that must fail, with the diagnostics expected.
 * Encoding fallback, limits, csv_column, csv_field and csv_read_file have
 * their own tests.  Diagnostics are captured in a buffer (diag.capture).
 */
#include "testutil.h"

#include "data/csv.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct fixture {
	arena a;
	diag d;
	buf msgs;
	csv_table t;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	arena_init(&f->a, 64 * 1024);
	buf_init(&f->msgs);
	diag_init(&f->d, NULL);
	f->d.capture = &f->msgs;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	arena_free(&f->a);
	buf_free(&f->msgs);
	free(f);
	return 0;
}

/* Start a new case on the same fixture. */
static void fresh(fixture *f)
{
	arena_reset(&f->a);
	buf_reset(&f->msgs);
	f->d.errors = f->d.warnings = 0;
}

static int parse(fixture *f, const char *in, size_t len)
{
	return csv_parse("x.csv", in, len, &f->t, &f->a, &f->d);
}

/* A string literal and its length (it may hold NUL bytes). */
#define IN(s) s, sizeof(s) - 1

static const char *msgs(const fixture *f)
{
	return buf_cstr(&f->msgs);
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* ---- inputs that parse ------------------------------------------------ */

#define MAXR 5
#define MAXF 4

typedef struct ok_case {
	const char *what;
	const char *in;
	size_t len;
	char sep;
	csv_encoding enc;
	int nrows;
	struct {
		int line;
		int nfields;
		const char *f[MAXF];
	} rows[MAXR];
} ok_case;

static const ok_case ok_cases[] = {
	{"semicolon",
	 IN("a;b\n1;2\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1", "2"}}}},
	{"comma",
	 IN("a,b\n1,2\n"),
	 ',',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1", "2"}}}},
	{"tab",
	 IN("a\tb\n1\t2\n"),
	 '\t',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1", "2"}}}},
	{"tie: ; beats ,",
	 IN("a;b,c\n1;2,3\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b,c"}}, {2, 2, {"1", "2,3"}}}},
	{"tie: TAB beats ,",
	 IN("a\tb,c\n"),
	 '\t',
	 CSV_UTF8,
	 1,
	 {{1, 2, {"a", "b,c"}}}},
	{"most frequent wins",
	 IN("a,b,c;d\n"),
	 ',',
	 CSV_UTF8,
	 1,
	 {{1, 3, {"a", "b", "c;d"}}}},
	{"comma, two columns",
	 IN("codice,x\n"),
	 ',',
	 CSV_UTF8,
	 1,
	 {{1, 2, {"codice", "x"}}}},
	{"one column",
	 IN("codice\n1, 2\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 1, {"codice"}}, {2, 1, {"1, 2"}}}},
	{"separators inside quotes not counted",
	 IN("\"a;b;c\",d,e\n"),
	 ',',
	 CSV_UTF8,
	 1,
	 {{1, 3, {"a;b;c", "d", "e"}}}},
	{"quoted separator",
	 IN("a;b\n\"x;y\";z\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"x;y", "z"}}}},
	{"doubled quotes",
	 IN("a\n\"il \"\"Piano\"\"\"\n\"\"\"\"\n"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 1, {"a"}}, {2, 1, {"il \"Piano\""}}, {3, 1, {"\""}}}},
	{"line break inside quotes",
	 IN("a;b\n\"one\ntwo\";x\n3;4\n"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 2, {"a", "b"}}, {2, 2, {"one\ntwo", "x"}}, {4, 2, {"3", "4"}}}},
	{"two multi-line fields in a row",
	 IN("a;b\n\"1\n2\n3\";\"4\n5\"\nz;w\n"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1\n2\n3", "4\n5"}}, {6, 2, {"z", "w"}}}},
	{"blank line inside quotes",
	 IN("a\n\"x\n\ny\"\nz\n"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 1, {"a"}}, {2, 1, {"x\n\ny"}}, {5, 1, {"z"}}}},
	{"CRLF",
	 IN("a;b\r\n\"x\r\ny\";2\r\n3;4\r\n"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 2, {"a", "b"}}, {2, 2, {"x\ny", "2"}}, {4, 2, {"3", "4"}}}},
	{"lone CR ends lines",
	 IN("a;b\r1;2\r\"p\rq\";3\r4;5"),
	 ';',
	 CSV_UTF8,
	 4,
	 {{1, 2, {"a", "b"}},
	  {2, 2, {"1", "2"}},
	  {3, 2, {"p\nq", "3"}},
	  {5, 2, {"4", "5"}}}},
	{"BOM",
	 IN("\xEF\xBB\xBF"
	    "codice;nome\n1;x\n"),
	 ';',
	 CSV_UTF8_BOM,
	 2,
	 {{1, 2, {"codice", "nome"}}, {2, 2, {"1", "x"}}}},
	{"BOM and comma",
	 IN("\xEF\xBB\xBF"
	    "\"codice\",nome\r\n"),
	 ',',
	 CSV_UTF8_BOM,
	 1,
	 {{1, 2, {"codice", "nome"}}}},
	{"last line without newline",
	 IN("a;b\n1;2"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1", "2"}}}},
	{"last line quoted without newline",
	 IN("a;b\n1;\"2\""),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1", "2"}}}},
	{"last line ends with separator",
	 IN("a;b\n1;"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1", ""}}}},
	{"blank lines skipped",
	 IN("a;b\n\n1;2\n   \n \t\n\r\n3;4\n\n"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 2, {"a", "b"}}, {3, 2, {"1", "2"}}, {7, 2, {"3", "4"}}}},
	{"rows of empty fields skipped",
	 IN("a;b\n;\n1;2\n ; ;\n\"\";\" \"\n3;4\n;;;;"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 2, {"a", "b"}}, {3, 2, {"1", "2"}}, {6, 2, {"3", "4"}}}},
	{"empty rows before the header",
	 IN("\n,,,\n  \na,b\n1,2\n"),
	 ',',
	 CSV_UTF8,
	 2,
	 {{4, 2, {"a", "b"}}, {5, 2, {"1", "2"}}}},
	{"trimming",
	 IN("a ; b \n  x  ;\" y \" \n\t\"\tz\" \t;w\t\n"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 2, {"a", "b"}}, {2, 2, {"x", "y"}}, {3, 2, {"z", "w"}}}},
	{"inner spaces kept",
	 IN("a\n  due  parole \n\" x  y \"\n"),
	 ';',
	 CSV_UTF8,
	 3,
	 {{1, 1, {"a"}}, {2, 1, {"due  parole"}}, {3, 1, {"x  y"}}}},
	{"trailing empty fields kept",
	 IN("a;b;c\n1;;\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 3, {"a", "b", "c"}}, {2, 3, {"1", "", ""}}}},
	{"short row",
	 IN("a;b;c\n1\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 3, {"a", "b", "c"}}, {2, 1, {"1"}}}},
	{"empty first field",
	 IN("a;b\n;x\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"", "x"}}}},
	{"UTF-8 kept",
	 IN("Produttività;€ 10\n“sì”;città\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"Produttività", "€ 10"}}, {2, 2, {"“sì”", "città"}}}},
	{"tab separated, quoted tab",
	 IN("a\tb\n\"x\ty\"\tz\n"),
	 '\t',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"x\ty", "z"}}}},
	{"tab separated, empty fields",
	 IN("a\tb\tc\n\t\t\n1\t\t3\n"),
	 '\t',
	 CSV_UTF8,
	 2,
	 {{1, 3, {"a", "b", "c"}}, {3, 3, {"1", "", "3"}}}},
	{"few control characters kept",
	 IN("a;b\n1;x\x01y\n"),
	 ';',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1", "x\x01y"}}}},
	/* Lines without a quote are split without libcsv (split_plain):
	 * they must give what libcsv gives, next to lines that use it. */
	{"plain and quoted lines mixed",
	 IN("a;b\n\"x\ny\";1\n 2 ;3\n4;\"5\"\n\t6\t; 7\t"),
	 ';',
	 CSV_UTF8,
	 5,
	 {{1, 2, {"a", "b"}},
	  {2, 2, {"x\ny", "1"}},
	  {4, 2, {"2", "3"}},
	  {5, 2, {"4", "5"}},
	  {6, 2, {"6", "7"}}}},
	{"tab separated, blanks around plain fields",
	 IN("a\tb\n  1 \t 2  \n\t\n"),
	 '\t',
	 CSV_UTF8,
	 2,
	 {{1, 2, {"a", "b"}}, {2, 2, {"1", "2"}}}},
};

static void check_ok_case(fixture *f, const ok_case *c)
{
	fresh(f);
	int rc = parse(f, c->in, c->len);
	if (rc != 0 || f->d.errors || f->d.warnings)
		fail_msg("%s: rc %d, messages:\n%s", c->what, rc, msgs(f));
	if (f->t.sep != c->sep)
		fail_msg("%s: separator %d, expected %d", c->what, f->t.sep,
			 c->sep);
	if (f->t.encoding != c->enc)
		fail_msg("%s: encoding %d, expected %d", c->what,
			 (int)f->t.encoding, (int)c->enc);
	if (f->t.nrows != c->nrows)
		fail_msg("%s: %d rows, expected %d", c->what, f->t.nrows,
			 c->nrows);
	if (strcmp(f->t.name, "x.csv") != 0)
		fail_msg("%s: name %s", c->what, f->t.name);
	for (int i = 0; i < c->nrows; i++) {
		const csv_row *r = &f->t.rows[i];
		if (r->line != c->rows[i].line)
			fail_msg("%s: row %d on line %d, expected %d", c->what,
				 i, r->line, c->rows[i].line);
		if (r->nfields != c->rows[i].nfields)
			fail_msg("%s: row %d has %d fields, expected %d",
				 c->what, i, r->nfields, c->rows[i].nfields);
		for (int j = 0; j < r->nfields; j++) {
			if (strcmp(r->fields[j], c->rows[i].f[j]) != 0)
				fail_msg("%s: row %d field %d is \"%s\", "
					 "expected \"%s\"",
					 c->what, i, j, r->fields[j],
					 c->rows[i].f[j]);
		}
	}
}

static void test_ok_cases(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(ok_cases); i++)
		check_ok_case(*state, &ok_cases[i]);
}

/* ---- inputs that fail ------------------------------------------------- */

typedef struct err_case {
	const char *what;
	const char *in;
	size_t len;
	int errors;
	const char *expect[3]; /* substrings of the captured messages */
} err_case;

static const err_case err_cases[] = {
	{"unterminated quote",
	 IN("a;b\n1;2\n3;\"open\n4;5\n"),
	 1,
	 {"x.csv:3: error: unterminated quoted field 2 (\"b\"): no closing "
	  "quote before the end of the file\n"}},
	{"unterminated quote on the last line",
	 IN("a;b\n1;\"open"),
	 1,
	 {"x.csv:2: error: unterminated quoted field 2 (\"b\")"}},
	{"unterminated quote after a multi-line field",
	 IN("a;b\n\"x\ny\";\"open\nz\n"),
	 1,
	 {"x.csv:3: error: unterminated quoted field 2"}},
	{"quote inside unquoted field",
	 IN("a;b\n1;x\"y\n2;3\n"),
	 1,
	 {"x.csv:2: error: quote inside unquoted field 2 (\"b\") (column 4): "
	  "enclose the whole field in quotes"}},
	{"text after closing quote",
	 IN("a;b\n\"x\"y;1\n"),
	 1,
	 {"x.csv:2: error: text after the closing quote of field 1 (\"a\") "
	  "(column 4)"}},
	{"quote after closing quote and a blank",
	 IN("a;b\n1;\"x\" \"\n"),
	 1,
	 {"x.csv:2: error: text after the closing quote of field 2"}},
	{"every error in one run",
	 IN("a;b\n1;x\"y\n2;3\n4;\"z\"w\n5;6\n7\"\n"),
	 3,
	 {"x.csv:2: error: quote inside unquoted field 2",
	  "x.csv:4: error: text after the closing quote of field 2",
	  "x.csv:6: error: quote inside unquoted field 1"}},
	{"line numbers after a multi-line field",
	 IN("a;b\n\"p\nq\";1\n5;x\"\n"),
	 1,
	 {"x.csv:4: error: quote inside unquoted field 2"}},
	{"error in a row begun on an earlier line",
	 IN("a;b\n\"p\nq\"z;1\n"),
	 1,
	 {"x.csv:3: error: text after the closing quote of field 1 (\"a\") "
	  "(column 3), a quoted field that began on line 2"}},
	{"error in a CRLF file",
	 IN("a;b\r\n1;2\r\n3;x\"\r\n"),
	 1,
	 {"x.csv:3: error: quote inside unquoted field 2"}},
	{"error in the header",
	 IN("a;b\"\n1;2\n"),
	 1,
	 {"x.csv:1: error: quote inside unquoted field 2 (column 4)"}},
	{"NUL byte",
	 IN("a;b\n1;\0\n"),
	 1,
	 {"x.csv: error: binary file, not CSV"}},
	{"control characters",
	 IN("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f;abc\n"),
	 1,
	 {"x.csv: error: binary file, not CSV"}},
	{"DEL characters",
	 IN("\x7f\x7f\x7f\x7f;\x7f\x7f\x7f\x7f;abc\n"),
	 1,
	 {"x.csv: error: binary file, not CSV"}},
	{"xlsx renamed",
	 IN("PK\x03\x04\x14\0\x06\0\x08\0"),
	 1,
	 {"x.csv: error: binary file, not CSV"}},
	{"UTF-16",
	 IN("\xFF\xFE"
	    "a\0;\0b\0\n\0"),
	 1,
	 {"x.csv: error: UTF-16 text"}},
	{"empty file", IN(""), 1, {"x.csv: error: no header row"}},
	{"only blank rows",
	 IN("\n \n;;\n\r\n\"\"\n"),
	 1,
	 {"x.csv: error: no header row"}},
	{"BOM only", IN("\xEF\xBB\xBF"), 1, {"x.csv: error: no header row"}},
};

static void check_err_case(fixture *f, const err_case *c)
{
	fresh(f);
	int rc = parse(f, c->in, c->len);
	if (rc != -1)
		fail_msg("%s: rc %d, expected -1", c->what, rc);
	if (f->d.errors != c->errors || f->d.warnings != 0)
		fail_msg("%s: %d errors, %d warnings, expected %d errors:\n%s",
			 c->what, f->d.errors, f->d.warnings, c->errors,
			 msgs(f));
	if (count_lines(msgs(f)) != c->errors)
		fail_msg("%s: unexpected messages:\n%s", c->what, msgs(f));
	for (size_t i = 0; i < ARRAY_LEN(c->expect) && c->expect[i]; i++) {
		if (!strstr(msgs(f), c->expect[i]))
			fail_msg("%s: no \"%s\" in:\n%s", c->what, c->expect[i],
				 msgs(f));
	}
	if (f->t.nrows != 0 || f->t.rows != NULL)
		fail_msg("%s: a failed parse returned %d rows", c->what,
			 f->t.nrows);
}

static void test_err_cases(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(err_cases); i++)
		check_err_case(*state, &err_cases[i]);
}

/* ---- encoding --------------------------------------------------------- */

static void test_cp1252(void **state)
{
	fixture *f = *state;
	/* è, €, curly quotes, and a byte on every line. */
	assert_int_equal(parse(f, IN("caff\xe8;\x80 10\n\x93"
				     "ciao\x94;perch\xe9\n")),
			 0);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 1);
	assert_int_equal(count_lines(msgs(f)), 1);
	assert_non_null(strstr(msgs(f), "x.csv: warning: not valid UTF-8; "
					"read as Windows-1252"));
	assert_non_null(strstr(msgs(f), "on line 1)"));
	assert_int_equal(f->t.encoding, CSV_CP1252);
	assert_int_equal(f->t.nrows, 2);
	assert_string_equal(f->t.rows[0].fields[0], "caffè");
	assert_string_equal(f->t.rows[0].fields[1], "€ 10");
	assert_string_equal(f->t.rows[1].fields[0], "“ciao”");
	assert_string_equal(f->t.rows[1].fields[1], "perché");
}

static void test_cp1252_line_and_bom(void **state)
{
	fixture *f = *state;
	/* Valid UTF-8 up to line 3; the whole file is then read as 1252. */
	assert_int_equal(parse(f, IN("\xEF\xBB\xBF"
				     "a;b\r\n\"x\ny\";2\r\n3;\xe0\r\n")),
			 0);
	assert_int_equal(f->d.warnings, 1);
	assert_non_null(strstr(msgs(f), "first non-UTF-8 byte on line 4)"));
	assert_int_equal(f->t.encoding, CSV_CP1252);
	assert_int_equal(f->t.nrows, 3);
	assert_int_equal(f->t.rows[2].line, 4);
	assert_string_equal(f->t.rows[0].fields[0], "a");
	assert_string_equal(f->t.rows[2].fields[1], "à");

	/* Lone CR ends lines for the warning too. */
	fresh(f);
	assert_int_equal(parse(f, IN("a\rb\r\n\xe0\r")), 0);
	assert_int_equal(f->d.warnings, 1);
	assert_non_null(strstr(msgs(f), "first non-UTF-8 byte on line 3)"));
}

/* ---- limits ----------------------------------------------------------- */

/* "a\n" then one field of n bytes 'x' (quoted and preceded by a line
 * break when quoted). */
static char *big_field_file(size_t n, int quoted, size_t *len)
{
	char *s = malloc(n + 16);
	size_t k = 0;
	assert_non_null(s);
	memcpy(s, "a\n", 2);
	k = 2;
	if (quoted) {
		memcpy(s + k, "\"\n", 2);
		k += 2;
		n--; /* the line break counts */
	}
	memset(s + k, 'x', n);
	k += n;
	if (quoted)
		s[k++] = '"';
	memcpy(s + k, "\nb\n", 3);
	*len = k + 3;
	return s;
}

static void test_field_size_limit(void **state)
{
	fixture *f = *state;
	size_t len;
	char *s = big_field_file(CSV_MAX_FIELD_BYTES, 0, &len);
	assert_int_equal(parse(f, s, len), 0);
	assert_int_equal(f->t.nrows, 3);
	assert_int_equal(strlen(f->t.rows[1].fields[0]), CSV_MAX_FIELD_BYTES);
	assert_int_equal(f->t.rows[2].line, 3);
	free(s);

	fresh(f);
	s = big_field_file(CSV_MAX_FIELD_BYTES + 1, 1, &len);
	assert_int_equal(parse(f, s, len), -1);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(strstr(msgs(f), "x.csv:2: error: field 1 (\"a\") is "
					"too long: 65537 bytes, the limit is "
					"65536 bytes per field"));
	free(s);
}

/* A header "h" and one row of n fields "x" on line 3. */
static char *many_fields_file(int n, size_t *len)
{
	char *s = malloc(4 + 2 * (size_t)n + 4);
	size_t k = 0;
	assert_non_null(s);
	memcpy(s, "h\n\n", 3);
	k = 3;
	for (int i = 0; i < n; i++) {
		s[k++] = 'x';
		s[k++] = i + 1 < n ? ';' : '\n';
	}
	*len = k;
	return s;
}

static void test_fields_limit(void **state)
{
	fixture *f = *state;
	size_t len;
	char *s = many_fields_file(CSV_MAX_FIELDS, &len);
	assert_int_equal(parse(f, s, len), 0);
	assert_int_equal(f->t.nrows, 2);
	assert_int_equal(f->t.rows[1].nfields, CSV_MAX_FIELDS);
	free(s);

	fresh(f);
	s = many_fields_file(CSV_MAX_FIELDS + 1, &len);
	assert_int_equal(parse(f, s, len), -1);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(strstr(msgs(f), "x.csv:3: error: too many fields: "
					"more than 256 in one row"));
	free(s);
}

/* "h\n" and n data rows "1\n". */
static char *many_rows_file(int n, size_t *len)
{
	char *s = malloc(2 + 2 * (size_t)n);
	assert_non_null(s);
	memcpy(s, "h\n", 2);
	for (int i = 0; i < n; i++)
		memcpy(s + 2 + 2 * (size_t)i, "1\n", 2);
	*len = 2 + 2 * (size_t)n;
	return s;
}

static void test_rows_limit(void **state)
{
	fixture *f = *state;
	size_t len;
	char *s = many_rows_file(CSV_MAX_ROWS, &len);
	assert_int_equal(parse(f, s, len), 0);
	assert_int_equal(f->t.nrows, CSV_MAX_ROWS + 1);
	assert_int_equal(f->t.rows[CSV_MAX_ROWS].line, CSV_MAX_ROWS + 1);
	free(s);

	fresh(f);
	s = many_rows_file(CSV_MAX_ROWS + 1, &len);
	assert_int_equal(parse(f, s, len), -1);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(strstr(msgs(f), "x.csv:1000002: error: too many rows: "
					"more than 1000000"));
	free(s);
}

static void test_file_size_limit(void **state)
{
	fixture *f = *state;
	char *s = calloc(CSV_MAX_FILE_BYTES + 1, 1);
	assert_non_null(s);
	assert_int_equal(parse(f, s, CSV_MAX_FILE_BYTES + 1), -1);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(strstr(msgs(f), "x.csv: error: file too large: "
					"67108865 bytes, the limit is "
					"67108864 bytes"));
	free(s);
}

/* An unterminated quote swallows the rest of the file; parsing resumes
 * after the line where it opened, so a later problem is still found. */
static void test_resume_after_unterminated_quote(void **state)
{
	fixture *f = *state;
	size_t len;
	char *rest = many_fields_file(CSV_MAX_FIELDS + 1, &len);
	char *s = malloc(len + 32);
	assert_non_null(s);
	memcpy(s, "a;b\n1;\"open\n", 12);
	memcpy(s + 12, rest + 3, len - 3); /* the long row, on line 3 */
	assert_int_equal(parse(f, s, 12 + len - 3), -1);
	assert_int_equal(f->d.errors, 2);
	assert_non_null(strstr(msgs(f), "x.csv:2: error: unterminated quoted "
					"field 2 (\"b\")"));
	assert_non_null(strstr(msgs(f), "x.csv:3: error: too many fields"));
	free(rest);
	free(s);
}

/* ---- look-ups --------------------------------------------------------- */

static void test_csv_column(void **state)
{
	fixture *f = *state;
	assert_int_equal(
		parse(f, IN("Codice; Produttività ;DESCRIZIONE;;Città\n1\n")),
		0);
	assert_int_equal(csv_column(&f->t, "codice"), 0);
	assert_int_equal(csv_column(&f->t, "produttivita"), 1);
	assert_int_equal(csv_column(&f->t, "PRODUTTIVITÀ"), 1);
	assert_int_equal(csv_column(&f->t, "  descrizione "), 2);
	assert_int_equal(csv_column(&f->t, "citta"), 4);
	assert_int_equal(csv_column(&f->t, "missing"), -1);
	assert_int_equal(csv_column(&f->t, ""), -1);
	assert_int_equal(csv_column(&f->t, "produttivit"), -1);

	csv_table empty = {0};
	assert_int_equal(csv_column(&empty, "codice"), -1);
}

static void test_csv_field(void **state)
{
	fixture *f = *state;
	assert_int_equal(parse(f, IN("a;b;c\n1\n")), 0);
	const csv_row *r = &f->t.rows[1];
	assert_string_equal(csv_field(r, 0), "1");
	assert_string_equal(csv_field(r, 1), "");
	assert_string_equal(csv_field(r, 2), "");
	assert_string_equal(csv_field(r, 99), "");
	assert_string_equal(csv_field(r, -1), "");
	assert_string_equal(csv_field(&f->t.rows[0], 2), "c");
	assert_string_equal(csv_field(NULL, 0), "");
}

/* ---- files ------------------------------------------------------------ */

static void test_read_file(void **state)
{
	fixture *f = *state;
	char path[] = "/tmp/test_csv_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char text[] = "codice,nome\n1,\"Uno, due\"\n";
	assert_int_equal(write(fd, text, sizeof text - 1),
			 (ssize_t)(sizeof text - 1));
	close(fd);

	int rc = csv_read_file(path, "dati/x.csv", &f->t, &f->a, &f->d);
	unlink(path);
	assert_int_equal(rc, 0);
	assert_string_equal(f->t.name, "dati/x.csv");
	assert_int_equal(f->t.sep, ',');
	assert_int_equal(f->t.nrows, 2);
	assert_string_equal(f->t.rows[1].fields[1], "Uno, due");

	fresh(f);
	rc = csv_read_file("/nonexistent/x.csv", "x.csv", &f->t, &f->a, &f->d);
	assert_int_equal(rc, -1);
	assert_string_equal(msgs(f), "x.csv: error: cannot read: No such file "
				     "or directory\n");

	fresh(f);
	rc = csv_read_file("/tmp", "tmp.csv", &f->t, &f->a, &f->d);
	assert_int_equal(rc, -1);
	assert_string_equal(msgs(f),
			    "tmp.csv: error: cannot read: a folder, not a "
			    "regular file\n");
}

/* ---- scale ------------------------------------------------------------ */

/* 100,000 rows, every tenth with a two-line field: rows and line numbers
 * stay right all the way down. */
static void test_many_rows(void **state)
{
	fixture *f = *state;
	buf b = BUF_INIT;
	int line = 2;
	buf_puts(&b, "codice;descrizione;target\n");
	for (int i = 0; i < 100000; i++) {
		if (i % 10 == 0) {
			buf_printf(&b, "%d;\"riga\nseconda\";>= 95%%\n", i);
			line += 2;
		} else {
			buf_printf(&b, "%d;Indicatore %d;%d\n", i, i, i);
			line++;
		}
	}
	assert_int_equal(parse(f, b.data, b.len), 0);
	assert_int_equal(f->t.nrows, 100001);
	const csv_row *last = &f->t.rows[100000];
	assert_int_equal(last->line, line - 1);
	assert_string_equal(last->fields[0], "99999");
	assert_string_equal(f->t.rows[99991].fields[1], "riga\nseconda");
	assert_int_equal(f->t.rows[99991].line, line - 1 - 10);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_ok_cases),
		T(test_err_cases),
		T(test_cp1252),
		T(test_cp1252_line_and_bom),
		T(test_field_size_limit),
		T(test_fields_limit),
		T(test_rows_limit),
		T(test_file_size_limit),
		T(test_resume_after_unterminated_quote),
		T(test_csv_column),
		T(test_csv_field),
		T(test_read_file),
		T(test_many_rows),
#undef T
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
