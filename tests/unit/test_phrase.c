/*
 * test_phrase.c - the template's phrase language (template/phrase.c):
 * placeholders, optional groups, escapes, Italian dates, phrase_check.
 *
 * Each expansion row gives a pattern, the values of the few placeholders
 * that differ from the defaults below, the text it must give and the
 * return code.  The lookup is a small table; "data" is a date printed with
 * phrase_date(), "{data:num}" in its numeric form, as the reports do.
 */
#include "testutil.h"

#include "template/phrase.h"

#include <stdio.h>

static const char *const months[12] = {
	"gennaio", "febbraio", "marzo",	    "aprile",  "maggio",   "giugno",
	"luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre",
};

typedef struct vals {
	const char *contesto, *organo, *numero;
	pdate data;
	const char *calls; /* filled by the lookup: "name:fmt;" */
} vals;

static char call_log[512];

/* Known: contesto organo numero data vuoto x; "organo:upper" upper-cases. */
static int lookup(void *ctx, const char *name, const char *fmt, buf *out)
{
	const vals *v = ctx;
	size_t l = strlen(call_log);
	snprintf(call_log + l, sizeof call_log - l, "%s:%s;", name, fmt);
	if (!strcmp(name, "data")) {
		phrase_date(out, &v->data, months, !strcmp(fmt, "num"));
		return 1;
	}
	if (!strcmp(name, "organo") && !strcmp(fmt, "upper")) {
		for (const char *p = v->organo; *p; p++)
			buf_putc(out,
				 (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p));
		return 1;
	}
	const char *s = !strcmp(name, "contesto") ? v->contesto
			: !strcmp(name, "organo") ? v->organo
			: !strcmp(name, "numero") ? v->numero
			: !strcmp(name, "vuoto")  ? ""
			: !strcmp(name, "x")	  ? "X"
						  : NULL;
	if (!s)
		return 0;
	buf_puts(out, s);
	return 1;
}

#define AMEND                                                                  \
	"Aggiornato[ in sede di {contesto}] con deliberazione della "          \
	"{organo}[ n. {numero}][ del {data}]"

typedef struct phrase_case {
	const char *pattern;
	const char *contesto, *organo, *numero; /* NULL: the default */
	pdate data;				/* y == 0: the default */
	int nodate;				/* data empty */
	const char *want;
	int rc;
} phrase_case;

/* Defaults: contesto "", organo "Giunta", numero "", data 2019-01-31. */
static const phrase_case phrase_cases[] = {
	/* plain text and placeholders */
	{.pattern = "", .want = ""},
	{.pattern = "testo", .want = "testo"},
	{.pattern = "{organo}", .want = "Giunta"},
	{.pattern = "della {organo}.", .want = "della Giunta."},
	{.pattern = "{organo}{organo}", .want = "GiuntaGiunta"},
	{.pattern = "{organo:upper}", .want = "GIUNTA"},
	{.pattern = "n. {numero}.", .want = "n. ."}, /* empty, no group */
	{.pattern = "[{x}]", .want = "X"},
	/* groups */
	{.pattern = "a[ n. {numero}] b", .want = "a b"},
	{.pattern = "a[ n. {numero}] b", .numero = "12", .want = "a n. 12 b"},
	{.pattern = "[abc]", .want = "abc"},
	{.pattern = "[]", .want = ""},
	{.pattern = "a[{vuoto}]b", .want = "ab"},
	{.pattern = "[{organo}{numero}]", .want = ""},
	{.pattern = "[{numero}{organo}]", .want = ""},
	{.pattern = "[{organo} {x}]", .want = "Giunta X"},
	{.pattern = "[ del {data}]", .nodate = 1, .want = ""},
	/* nested groups: an inner group's empty placeholder drops only the
	 * inner group; an outer one's drops everything inside it */
	{.pattern = "[A {organo}[ n. {numero}] fine]", .want = "A Giunta fine"},
	{.pattern = "[A {organo}[ n. {numero}] fine]",
	 .numero = "3",
	 .want = "A Giunta n. 3 fine"},
	{.pattern = "[A {numero}[ B {organo}]]", .want = ""},
	{.pattern = "[A {numero}[ B {organo}]]",
	 .numero = "3",
	 .want = "A 3 B Giunta"},
	{.pattern = "[[{numero}]x]", .want = "x"},
	{.pattern = "<[a[b[c{numero}]]]>", .want = "<ab>"},
	{.pattern = "<[a[b[c{numero}]]{contesto}]>", .want = "<>"},
	/* escapes */
	{.pattern = "\\[a\\]", .want = "[a]"},
	{.pattern = "\\{organo\\}", .want = "{organo}"},
	{.pattern = "a\\\\b", .want = "a\\b"},
	{.pattern = "\\\\{organo}", .want = "\\Giunta"},
	{.pattern = "a\\", .want = "a\\"},
	{.pattern = "\\x", .want = "x"},
	{.pattern = "[\\[{organo}\\]]", .want = "[Giunta]"},
	{.pattern = "[\\[{numero}\\]]", .want = ""},
	{.pattern = "[a\\]b {numero}]c", .want = "c"},
	{.pattern = "\\{nope}", .want = "{nope}"},
	/* unknown placeholders: copied as written, -1 */
	{.pattern = "{nope}", .want = "{nope}", .rc = -1},
	{.pattern = "x {nope} y {organo}",
	 .want = "x {nope} y Giunta",
	 .rc = -1},
	{.pattern = "{nope:num}", .want = "{nope:num}", .rc = -1},
	{.pattern = "[a {nope}]", .want = "a {nope}", .rc = -1},
	{.pattern = "[a {nope}{numero}]", .want = "", .rc = -1},
	{.pattern = "{}", .want = "{}", .rc = -1},
	/* stray brackets and braces at top level are text */
	{.pattern = "a]b", .want = "a]b"},
	{.pattern = "]]", .want = "]]"},
	{.pattern = "[a]]b", .want = "a]b"},
	{.pattern = "a}b", .want = "a}b"},
	{.pattern = "a {organo", .want = "a {organo"},
	{.pattern = "[a {numero", .want = "a {numero"},
	/* dates */
	{.pattern = "{data}", .want = "31 gennaio 2019"},
	{.pattern = "{data:num}", .want = "31.01.2019"},
	{.pattern = "{data}", .data = {2019, 12, 2}, .want = "2 dicembre 2019"},
	{.pattern = "{data:num}", .data = {2019, 12, 2}, .want = "02.12.2019"},
	{.pattern = "{data}", .data = {2020, 12, 0}, .want = "dicembre 2020"},
	{.pattern = "{data:num}", .data = {2020, 12, 0}, .want = "12.2020"},
	{.pattern = "{data}", .data = {2018, 0, 0}, .want = "2018"},
	{.pattern = "{data:num}", .data = {2018, 0, 0}, .want = "2018"},
	{.pattern = "{data}", .data = {2021, 5, 1}, .want = "1 maggio 2021"},
	{.pattern = "[ del {data:num}]", .nodate = 1, .want = ""},
	/* the amendment phrase of the README */
	{.pattern = AMEND,
	 .want = "Aggiornato con deliberazione della Giunta del 31 gennaio "
		 "2019"},
	{.pattern = AMEND,
	 .contesto = "riesame",
	 .numero = "12",
	 .want = "Aggiornato in sede di riesame con deliberazione della "
		 "Giunta n. 12 del 31 gennaio 2019"},
	{.pattern = AMEND,
	 .numero = "5",
	 .nodate = 1,
	 .want = "Aggiornato con deliberazione della Giunta n. 5"},
	{.pattern = AMEND,
	 .organo = "",
	 .data = {2020, 12, 0},
	 .want = "Aggiornato con deliberazione della  del dicembre 2020"},
	{.pattern = AMEND,
	 .organo = "Giunta camerale",
	 .data = {2018, 0, 0},
	 .want = "Aggiornato con deliberazione della Giunta camerale del "
		 "2018"},
};

static vals vals_of(const phrase_case *c)
{
	vals v = {"", "Giunta", "", {2019, 1, 31}, NULL};
	if (c->contesto)
		v.contesto = c->contesto;
	if (c->organo)
		v.organo = c->organo;
	if (c->numero)
		v.numero = c->numero;
	if (c->data.y)
		v.data = c->data;
	if (c->nodate)
		v.data = (pdate){0, 0, 0};
	return v;
}

static void test_expand_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(phrase_cases); i++) {
		const phrase_case *c = &phrase_cases[i];
		vals v = vals_of(c);
		buf out = BUF_INIT;
		call_log[0] = '\0';
		int rc = phrase_expand(&out, c->pattern, lookup, &v);
		if (rc != c->rc || strcmp(buf_cstr(&out), c->want) != 0 ||
		    !out.data) {
			print_error(
				"case %zu \"%s\": got \"%s\" (%d), expected "
				"\"%s\" (%d)\n",
				i, c->pattern, buf_cstr(&out), rc, c->want,
				c->rc);
			buf_free(&out);
			fail();
		}
		buf_free(&out);
	}
}

/* The expansion is appended to what out holds; names and formats reach
 * the lookup split at the first ':'. */
static void test_expand_appends_and_formats(void **state)
{
	(void)state;
	vals v = {"", "Giunta", "7", {2019, 12, 2}, NULL};
	buf out = BUF_INIT;
	buf_puts(&out, "Nota: ");
	call_log[0] = '\0';
	assert_int_equal(phrase_expand(&out,
				       "{organo}[ n. {numero}] {data:num}",
				       lookup, &v),
			 0);
	assert_string_equal(buf_cstr(&out), "Nota: Giunta n. 7 02.12.2019");
	assert_string_equal(call_log, "organo:;numero:;data:num;");
	/* an empty group in a prefilled buffer drops only itself */
	v.numero = "";
	buf_reset(&out);
	buf_puts(&out, "X");
	assert_int_equal(phrase_expand(&out, "[{numero}]", lookup, &v), 0);
	assert_string_equal(buf_cstr(&out), "X");
	buf_free(&out);
}

static void test_date_formats(void **state)
{
	(void)state;
	static const struct {
		pdate d;
		const char *text, *num;
	} cases[] = {
		{{2019, 12, 2}, "2 dicembre 2019", "02.12.2019"},
		{{2021, 1, 31}, "31 gennaio 2021", "31.01.2021"},
		{{2021, 10, 10}, "10 ottobre 2021", "10.10.2021"},
		{{2020, 12, 0}, "dicembre 2020", "12.2020"},
		{{2020, 3, 0}, "marzo 2020", "03.2020"},
		{{2018, 0, 0}, "2018", "2018"},
		{{0, 0, 0}, "", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		buf a = BUF_INIT, b = BUF_INIT;
		phrase_date(&a, &cases[i].d, months, 0);
		phrase_date(&b, &cases[i].d, months, 1);
		if (strcmp(buf_cstr(&a), cases[i].text) ||
		    strcmp(buf_cstr(&b), cases[i].num)) {
			print_error("%d-%d-%d: \"%s\" \"%s\"\n", cases[i].d.y,
				    cases[i].d.m, cases[i].d.d, buf_cstr(&a),
				    buf_cstr(&b));
			fail();
		}
		buf_free(&a);
		buf_free(&b);
	}
}

/* ------------------------------------------------------------------ */
/* phrase_check                                                       */

static const char *const known[] = {"contesto", "organo", "numero", "data",
				    "vuoto",	"x",	  NULL};

typedef struct check_case {
	const char *pattern;
	const char *err; /* NULL: fine; else a substring of the message */
} check_case;

static const check_case check_cases[] = {
	{AMEND, NULL},
	{"", NULL},
	{"testo", NULL},
	{"{data:num}", NULL},
	{"[[a]{x}]", NULL},
	{"\\[", NULL},
	{"\\]", NULL},
	{"\\{nope}", NULL},
	{"a\\\\[b]", NULL},
	{"a\\", NULL},
	{"[a", "'[' without ']'"},
	{"[[a]", "'[' without ']'"},
	{"[\\]", "'[' without ']'"},
	{"a]", "']' without '['"},
	{"[a]]", "']' without '['"},
	{"]a[", "']' without '['"},
	{"a\\\\]", "']' without '['"},
	{"{nope}", "unknown placeholder {nope}"},
	{"{nope:num}", "unknown placeholder {nope}"},
	{"{org}", "unknown placeholder {org}"},
	{"{organox}", "unknown placeholder {organox}"},
	{"{}", "unknown placeholder {}"},
	{"[ n. {numeri}]", "unknown placeholder {numeri}"},
	{"{organo", "'{' without '}'"},
	{"a {data:num", "'{' without '}'"},
	{"{nope} [", "unknown placeholder {nope}"}, /* the first problem */
};

static void test_check_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(check_cases); i++) {
		const check_case *c = &check_cases[i];
		char detail[128];
		const char *err =
			phrase_check(c->pattern, known, detail, sizeof detail);
		int ok = c->err ? err && strstr(err, c->err) : err == NULL;
		if (!ok) {
			print_error("case \"%s\": got %s%s%s, expected %s\n",
				    c->pattern, err ? "\"" : "",
				    err ? err : "NULL", err ? "\"" : "",
				    c->err ? c->err : "NULL");
			fail();
		}
	}
}

/* A pattern phrase_check accepts expands with no unknown placeholder. */
static void test_check_agrees_with_expand(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(phrase_cases); i++) {
		const phrase_case *c = &phrase_cases[i];
		char detail[128];
		if (phrase_check(c->pattern, known, detail, sizeof detail))
			continue;
		vals v = vals_of(c);
		buf out = BUF_INIT;
		int rc = phrase_expand(&out, c->pattern, lookup, &v);
		buf_free(&out);
		if (rc != 0) {
			print_error("case \"%s\": checked fine, expands to "
				    "%d\n",
				    c->pattern, rc);
			fail();
		}
	}
}

/* The message is cut to the buffer, always terminated. */
static void test_check_detail_truncated(void **state)
{
	(void)state;
	char small[8];
	memset(small, 'z', sizeof small);
	const char *err =
		phrase_check("{abcdefghij}", known, small, sizeof small);
	assert_non_null(err);
	assert_int_equal(strlen(err), sizeof small - 1);
	assert_memory_equal(err, "unknown", 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand_table),
		cmocka_unit_test(test_expand_appends_and_formats),
		cmocka_unit_test(test_date_formats),
		cmocka_unit_test(test_check_table),
		cmocka_unit_test(test_check_agrees_with_expand),
		cmocka_unit_test(test_check_detail_truncated),
	};
	return cmocka_run_group_tests_name("phrase", tests, NULL, NULL);
}
