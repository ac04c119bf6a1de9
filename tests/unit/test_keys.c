/*
 * test_keys.c - table-declared template keys (template/keys.c) and the
 * INI value rules they rely on (data/ini.c).
 *
 * Each row of the value table gives a key kind, a value as a template
 * would write it, and what must come of it: the number stored, or an
 * error.  Every numeric kind gets nan, inf, out-of-range and the edges of
 * its range (issue 11: `margin_top = nan` looped for ever, `width.X = 0.1`
 * was refused although the message said "from 0.1").
 */
#include "testutil.h"

#include "data/ini.h"
#include "template/keys.h"
#include "template/template.h"
#include "document/build.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void test_parse_number(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int rc;
		double x;
	} cases[] = {
		{"0", 0, 0},
		{"12", 0, 12},
		{"0.1", 0, 0.1},
		{"-2.5", 0, -2.5},
		{"+3", 0, 3},
		{"6.5", 0, 6.5},
		{"1000", 0, 1000},
		{"nan", -1, 0},
		{"NaN", -1, 0},
		{"inf", -1, 0},
		{"-inf", -1, 0},
		{"infinity", -1, 0},
		{"1e3", -1, 0},
		{"0x10", -1, 0},
		{"", -1, 0},
		{".", -1, 0},
		{"1.", -1, 0},
		{".5", 0, 0.5},
		{"1,5", -1, 0},
		{"12mm", -1, 0},
		{" 1", -1, 0},
		{"1.2.3", -1, 0},
		{"-", -1, 0},
		{"1234567890123456", -1, 0},
		{"123456789012345", 0, 123456789012345.0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		double x = -99;
		int rc = tk_parse_number(cases[i].in, &x);
		if (rc != cases[i].rc)
			fail_msg("'%s': rc %d, expected %d", cases[i].in, rc,
				 cases[i].rc);
		if (rc == 0 && x != cases[i].x)
			fail_msg("'%s': %.17g, expected %.17g", cases[i].in, x,
				 cases[i].x);
		if (rc == 0)
			assert_true(isfinite(x));
	}
}

/* What the rows below fill. */
typedef struct conf {
	float len, num, width;
	int whole;
	uint32_t colour;
	lay_style style;
	tpl_list list;
	const char *text;
} conf;

static const tpl_key rows[] = {
	TK_ROW("s:len", TK_LENGTH, offsetof(conf, len), "1pt", 0, 2000, NULL,
	       "a length"),
	TK_ROW("s:num", TK_NUMBER, offsetof(conf, num), "1", 0, 5, NULL,
	       "a number"),
	TK_ROW("s:width", TK_NUMBER, offsetof(conf, width), "1", 0.1, 1000,
	       NULL, "a width"),
	TK_ROW("s:whole", TK_INT, offsetof(conf, whole), "0", 0, 366, NULL,
	       "a whole number"),
	TK_ROW("s:colour", TK_COLOUR, offsetof(conf, colour), "000000", 0, 0,
	       NULL, "a colour"),
	TK_ROW("s:style", TK_STYLE, offsetof(conf, style), "regular 8", 0, 0,
	       NULL, "a style"),
	TK_ROW("s:list", TK_LIST, offsetof(conf, list), "a, b", 2, 3, NULL,
	       "a list"),
	TK_ROW("s:text", TK_TEXT, offsetof(conf, text), "x", 0, 0, NULL,
	       "a text"),
};

/* Read rows from an INI text; returns the number of errors. */
static int read_ini(const char *text, conf *c, buf *msgs)
{
	char path[] = "/tmp/annex-test-keysXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
	diag d;
	diag_init(&d, NULL);
	d.capture = msgs;
	arena a;
	arena_init(&a, 4096);
	tk_reader R = {.a = &a, .d = &d, .dir = "."};
	R.ini = ini_open(path, "t.ini", &d);
	assert_non_null(R.ini);
	memset(c, 0, sizeof *c);
	tk_read(&R, rows, (int)ARRAY_LEN(rows), c);
	tk_warn_unknown(&R);
	tk_reader_free(&R);
	ini_close(R.ini);
	unlink(path);
	/* Values live in the arena: keep the numbers only. */
	c->text = NULL;
	c->list.v = NULL;
	arena_free(&a);
	return d.errors;
}

static void test_numeric_kinds(void **state)
{
	(void)state;
	static const struct {
		const char *ini; /* one line of [s] */
		int errors;
	} cases[] = {
		{"len = 12mm", 0},
		{"len = nan", 1},
		{"len = inf", 1},
		{"len = -1pt", 1},
		{"len = 2000pt", 0},
		{"len = 2001pt", 1},
		{"len = 1km", 1},
		{"len = 10 mm", 0},
		{"num = nan", 1},
		{"num = -inf", 1},
		{"num = 5", 0},
		{"num = 5.0001", 1},
		{"width = 0.1", 0},
		{"width = 0.09", 1},
		{"width = 1000", 0},
		{"whole = 1.5", 1},
		{"whole = 366", 0},
		{"whole = 367", 1},
		{"whole = nan", 1},
		{"colour = 1F3864", 0},
		{"colour = #1f3864", 0},
		{"colour = -1F386", 1},
		{"colour = 1F38", 1},
		{"style = bold 9 FFFFFF", 0},
		{"style = bold nan", 1},
		{"style = bold 9 FFFFFF nan", 1},
		{"style = bold 9 FFFFFF 8", 1},
		{"style = bold 9 FFFFFF 11 x", 1},
		{"style = bold 2", 1},
		{"style = heavy 9", 1},
		{"list = a", 1},
		{"list = a, b, c", 0},
		{"list = a, b, c, d", 1},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char text[256];
		snprintf(text, sizeof text, "[s]\n%s\n", cases[i].ini);
		buf msgs = BUF_INIT;
		conf c;
		int e = read_ini(text, &c, &msgs);
		if (e != cases[i].errors)
			fail_msg("'%s': %d errors, expected %d: %s",
				 cases[i].ini, e, cases[i].errors,
				 buf_cstr(&msgs));
		if (e)
			assert_non_null(
				strstr(buf_cstr(&msgs), "t.ini:2: error"));
		assert_true(isfinite(c.len) && isfinite(c.num) &&
			    isfinite(c.style.size) &&
			    isfinite(c.style.leading));
		buf_free(&msgs);
	}
}

static void test_values(void **state)
{
	(void)state;
	conf c;
	buf msgs = BUF_INIT;
	assert_int_equal(read_ini("[s]\nlen = 1in\nwidth = 0.1\nwhole = 7\n"
				  "colour = 0072B2\nstyle = italic 8.5 "
				  "333333 10\n",
				  &c, &msgs),
			 0);
	assert_true(c.len == 72.0f);
	assert_true(c.width == 0.1f);
	assert_int_equal(c.whole, 7);
	assert_int_equal(c.colour, 0x0072B2);
	assert_int_equal(c.style.font, 2);
	assert_true(c.style.size == 8.5f && c.style.leading == 10.0f);
	/* An unknown key: a warning with the closest known key. */
	read_ini("[s]\nwidht = 3\n", &c, &msgs);
	assert_non_null(strstr(buf_cstr(&msgs), "did you mean 's:width'"));
	buf_free(&msgs);
}

/* ';' starts a comment at the start of a line or after white
 * space; elsewhere, and '#' in a value, are literal (issue 11: "A;B"
 * became "A"). */
static void test_ini_comments(void **state)
{
	(void)state;
	static const struct {
		const char *raw, *want;
	} cases[] = {
		{" A;B", "A;B"},
		{" A ;B", "A"},
		{" A\t;B", "A"},
		{" A#B", "A#B"},
		{" A #B", "A #B"},
		{" ;all comment", ""},
		{" #FF0000", "#FF0000"},
		{"  \"A ; B\" ; c", "A ; B"},
		{" ' x '", " x "},
		{" \"\"", ""},
		{" ''", ""},
		{" 1F3864", "1F3864"},
		{" Pagina {page} di {pages}", "Pagina {page} di {pages}"},
		{"", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *v = ini_value_of(cases[i].raw);
		if (strcmp(v, cases[i].want))
			fail_msg("'%s' read as '%s', expected '%s'",
				 cases[i].raw, v, cases[i].want);
		free(v);
	}
}

/* No fixed cap on keys: the listing names every key of the tables. */
static void test_listing(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	doc_print_keys(f, 0);
	fclose(f);
	assert_non_null(strstr(text, "page:margin_top = 16mm\n"));
	assert_non_null(strstr(text, "mappa:width.produttivita = auto\n"));
	assert_non_null(strstr(text, "mappa:continue.obiettivo = label\n"));
	assert_non_null(strstr(text, "mappa:continue.risorse = \n"));
	assert_non_null(strstr(text, "document:new_page.mappa = inherit\n"));
	assert_non_null(strstr(text, "table:widows = 2\n"));
	assert_non_null(strstr(text, "relazione:partial = 60\n"));
	assert_non_null(strstr(text, "length 0-2000pt"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test(test_numeric_kinds),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_ini_comments),
		cmocka_unit_test(test_listing),
	};
	return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
