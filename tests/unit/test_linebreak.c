/*
 * test_linebreak.c - the greedy line breaker (layout/linebreak.c).
 *
 * A fake font gives fixed advances so that every expected line can be
 * worked out by hand: at size 10 an ASCII character is 5 pt wide, 'W' 10,
 * 'è' 6, '≥' 7 and any other code point (including those above the BMP,
 * which are measured as U+FFFD) 8.  The table states the text, the column
 * width and the lines; every result is also checked against invariants
 * that hold for any input (lines in order, valid UTF-8, widths equal to the
 * sum of the advances, no line wider than the column unless it holds one
 * code point, only spaces and newlines dropped between lines), and a
 * randomised pass checks the same invariants over many inputs.
 */
#include "testutil.h"

#include "layout/font.h"
#include "layout/linebreak.h"
#include "util/arena.h"
#include "util/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SIZE 10.0f
#define MAXL 8

static int fake_advance(void *ctx, uint32_t cp)
{
	int *calls = ctx;
	if (calls)
		(*calls)++;
	if (cp == 'W')
		return 1000;
	if (cp < 0x80)
		return 500;
	if (cp == 0xE8) /* è */
		return 600;
	if (cp == 0x2265) /* ≥ */
		return 700;
	return 800;
}

/* Width in points of s[0..len) by the fake font, computed independently of
 * the code under test. */
static float ref_width(const char *s, size_t len)
{
	long total = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		total += fake_advance(NULL, cp > 0xFFFF ? 0xFFFD : cp);
		i += (size_t)n;
	}
	return (float)total * SIZE / 1000.0f;
}

static int one_code_point(const char *s, size_t len)
{
	uint32_t cp;
	return len > 0 && (size_t)utf8_decode(s, len, &cp) == len;
}

/*
 * Properties every result must have.  what names the case in messages.
 */
static void check_invariants(const char *what, const char *text, float maxw,
			     lay_lines ls)
{
	size_t len = strlen(text);
	const char *prev_end = text;
	for (int i = 0; i < ls.n; i++) {
		const lay_line *l = &ls.line[i];
		if (l->s < prev_end || l->s + l->len > text + len) {
			print_error("case \"%s\": line %d out of order or "
				    "outside the text\n",
				    what, i);
			fail();
		}
		/* Only spaces and newlines between two lines; at most one
		 * newline per line boundary (each '\n' is a line). */
		int newlines = 0;
		for (const char *p = prev_end; p < l->s; p++) {
			if (*p != ' ' && *p != '\n') {
				print_error("case \"%s\": byte 0x%02x lost "
					    "before line %d\n",
					    what, (unsigned char)*p, i);
				fail();
			}
			newlines += *p == '\n';
		}
		if (newlines > (i == 0 ? 0 : 1)) {
			print_error("case \"%s\": %d newlines before line %d\n",
				    what, newlines, i);
			fail();
		}
		if (!utf8_valid(l->s, l->len)) {
			print_error("case \"%s\": line %d is not valid UTF-8 "
				    "(\"%.*s\")\n",
				    what, i, (int)l->len, l->s);
			fail();
		}
		if (l->len && (l->s[0] == ' ' || l->s[l->len - 1] == ' ')) {
			print_error("case \"%s\": line %d \"%.*s\" keeps a "
				    "space at an end\n",
				    what, i, (int)l->len, l->s);
			fail();
		}
		if (memchr(l->s, '\n', l->len)) {
			print_error("case \"%s\": line %d holds a newline\n",
				    what, i);
			fail();
		}
		float rw = ref_width(l->s, l->len) + (l->hyph ? 5.0f : 0);
		if (fabsf(l->width - rw) > 1e-3f) {
			print_error("case \"%s\": line %d \"%.*s\" width %g, "
				    "sum of advances %g\n",
				    what, i, (int)l->len, l->s,
				    (double)l->width, (double)rw);
			fail();
		}
		if (l->width > maxw + 1e-3f && !one_code_point(l->s, l->len)) {
			print_error("case \"%s\": line %d \"%.*s\" is %g wide "
				    "in a %g column\n",
				    what, i, (int)l->len, l->s,
				    (double)l->width, (double)maxw);
			fail();
		}
		prev_end = l->s + l->len;
	}
	/* After the last line only spaces and newlines are left. */
	for (const char *p = prev_end; p < text + len; p++)
		if (*p != ' ' && *p != '\n') {
			print_error("case \"%s\": text after the last line "
				    "lost\n",
				    what);
			fail();
		}
}

/* ------------------------------------------------------------------ */
/* The table                                                          */

typedef struct break_case {
	const char *text;
	float maxw; /* points; 5 pt per ASCII character */
	int n;	    /* expected number of lines */
	const char *line[MAXL];
} break_case;

static const break_case break_cases[] = {
	/* empty and blank */
	{"", 100, 0, {NULL}},
	{"   ", 100, 0, {NULL}},
	/* fits exactly, one over */
	{"abcd", 20, 1, {"abcd"}},
	{"abcde", 20, 2, {"abc-", "de"}},
	{"Wxy", 20, 1, {"Wxy"}},
	{"Wxyz", 20, 2, {"Wx-", "yz"}},
	/* spaces: break opportunities, dropped at the break */
	{"aa bb cc", 25, 2, {"aa bb", "cc"}},
	{"aa bb cc", 24, 3, {"aa", "bb", "cc"}},
	{"aa bb cc dd", 40, 2, {"aa bb cc", "dd"}},
	{"aa   bb", 15, 2, {"aa", "bb"}},
	{"aa   bb", 100, 1, {"aa   bb"}},
	{"  aa  ", 100, 1, {"aa"}},
	{"aa    ", 10, 1, {"aa"}},
	{"aa bbbbbb", 20, 3, {"aa", "bbb-", "bbb"}},
	/* after '-' and '/', kept on the line */
	{"ab-cd", 20, 2, {"ab-", "cd"}},
	{"ab/cd", 20, 2, {"ab/", "cd"}},
	{"aa bb-cc", 30, 2, {"aa bb-", "cc"}},
	{"aa bb-cc", 29, 2, {"aa", "bb-cc"}},
	{"a-b-c-d", 20, 2, {"a-b-", "c-d"}},
	{"a/b c", 15, 2, {"a/b", "c"}},
	{"ab-", 20, 1, {"ab-"}},
	{"ab- cd", 20, 2, {"ab-", "cd"}},
	/* ... but not before a digit: dates and numbers stay whole */
	{"al 31/12/2021", 60, 2, {"al", "31/12/2021"}},
	{"x x-1", 20, 2, {"x", "x-1"}},
	{"a -10", 20, 2, {"a", "-10"}},
	{"ITP < -10%", 45, 2, {"ITP <", "-10%"}},
	{"ok 2020-2021", 50, 2, {"ok", "2020-2021"}},
	{"ab-1c", 15, 2, {"ab-", "1c"}}, /* no opportunity: cut inside */
	/* a word too wide breaks after its last / - . , that fits */
	{"31/12/2021", 35, 2, {"31/12/", "2021"}},
	{"1.670.000", 35, 2, {"1.670.", "000"}},
	{"x 31/12/2021", 35, 3, {"x", "31/12/", "2021"}},
	{"abc,defghij", 35, 2, {"abc,", "defghij"}},
	{"abcdefg.",
	 20,
	 3,
	 {"abc-", "def-", "g."}}, /* a trailing "." is no break */
	/* a word wider than the column is cut between code points */
	{"abcdefghij", 20, 3, {"abc-", "def-", "ghij"}},
	{"èèèè", 20, 2, {"èè-", "èè"}},
	{"aèèèèè", 20, 3, {"aè-", "èè-", "èè"}},
	{"≥≥≥", 15, 2, {"≥≥", "≥"}},
	{"a≥è≥b", 12, 3, {"a≥", "è", "≥b"}},
	{"a😀b", 10, 3, {"a", "😀", "b"}},
	{"x 😀😀", 16, 2, {"x", "😀😀"}},
	/* a very narrow column: one code point per line */
	{"abc", 1, 3, {"a", "b", "c"}},
	{"aè≥😀W", 1, 5, {"a", "è", "≥", "😀", "W"}},
	{"a b", 0, 2, {"a", "b"}},
	{"-1/2", 1, 4, {"-", "1", "/", "2"}},
	/* joining spaces: a date, a sign or an abbreviation and its number,
	 * a number and its unit stay on one line */
	{"del 2 dicembre 2019", 80, 2, {"del", "2 dicembre 2019"}},
	{"target ≥ 90%", 45, 2, {"target", "≥ 90%"}},
	{"entro 30 gg", 45, 2, {"entro", "30 gg"}},
	{"delibera n. 129", 60, 2, {"delibera", "n. 129"}},
	{"quota 90 %.", 45, 2, {"quota", "90 %."}},
	{"a 2 maggiolino", 50, 2, {"a 2", "maggiolino"}},
	/* ... but break when nothing else fits */
	{"2 dicembre 2019", 40, 3, {"2", "dicembre", "2019"}},
	/* forced breaks */
	{"a\nb", 100, 2, {"a", "b"}},
	{"a\n\nb", 100, 3, {"a", "", "b"}},
	{"a\n\n\nb", 100, 4, {"a", "", "", "b"}},
	{"a\n", 100, 1, {"a"}},
	{"a\n\n", 100, 2, {"a", ""}},
	{"\n", 100, 1, {""}},
	{"\na", 100, 2, {"", "a"}},
	{"ab \ncd", 100, 2, {"ab", "cd"}},
	{"ab-\ncd", 100, 2, {"ab-", "cd"}},
	{"aaaaa\nb", 20, 3, {"aaa-", "aa", "b"}},
	{"aa bb\ncc dd", 25, 2, {"aa bb", "cc dd"}},
	{"aa bb cc\ndd", 25, 3, {"aa bb", "cc", "dd"}},
};

static void test_break_table(void **state)
{
	(void)state;
	lay_font f;
	lay_font_init(&f, fake_advance, NULL);
	for (size_t k = 0; k < ARRAY_LEN(break_cases); k++) {
		const break_case *c = &break_cases[k];
		arena a;
		arena_init(&a, 1024);
		lay_lines ls = lay_break(&a, &f, SIZE, c->text, c->maxw);
		int ok = ls.n == c->n;
		for (int i = 0; ok && i < c->n; i++)
			ok = strlen(c->line[i]) ==
				     ls.line[i].len + (size_t)ls.line[i].hyph &&
			     memcmp(c->line[i], ls.line[i].s, ls.line[i].len) ==
				     0 &&
			     (!ls.line[i].hyph ||
			      c->line[i][ls.line[i].len] == '-');
		if (!ok) {
			print_error("case \"%s\" in %g pt: expected %d lines:",
				    c->text, (double)c->maxw, c->n);
			for (int i = 0; i < c->n; i++)
				print_error(" [%s]", c->line[i]);
			print_error("\n  got %d:", ls.n);
			for (int i = 0; i < ls.n; i++)
				print_error(" [%.*s%s]", (int)ls.line[i].len,
					    ls.line[i].s,
					    ls.line[i].hyph ? "-" : "");
			print_error("\n");
			fail();
		}
		check_invariants(c->text, c->text, c->maxw, ls);
		arena_free(&a);
	}
	lay_font_free(&f);
}

/* Widths are those of the font at the size asked, for any size. */
static void test_widths_scale(void **state)
{
	(void)state;
	lay_font f;
	lay_font_init(&f, fake_advance, NULL);
	arena a;
	arena_init(&a, 1024);
	const char *text = "Wè≥ aaa-bb";
	lay_lines ls = lay_break(&a, &f, 7.5f, text, 1000);
	assert_int_equal(ls.n, 1);
	/* 1000 + 600 + 700 + 500 * 7 = 5800 / 1000 em at 7.5 pt */
	assert_true(fabsf(ls.line[0].width - 43.5f) < 1e-3f);
	assert_true(fabsf(ls.line[0].width -
			  lay_text_width(&f, 7.5f, text, strlen(text))) <
		    1e-3f);
	/* At 20 pt in a 48 pt column: "Wè≥" is 46 pt, "aaa-bb" 60. */
	ls = lay_break(&a, &f, 20.0f, text, 48);
	assert_int_equal(ls.n, 3);
	assert_int_equal(ls.line[0].len, strlen("Wè≥"));
	assert_true(fabsf(ls.line[0].width - 46.0f) < 1e-3f);
	assert_int_equal(ls.line[1].len, 4);
	assert_true(fabsf(ls.line[1].width - 40.0f) < 1e-3f); /* "aaa-" */
	assert_true(fabsf(ls.line[2].width - 20.0f) < 1e-3f); /* "bb" */
	arena_free(&a);
	lay_font_free(&f);
}

/*
 * A text fits a column exactly as wide as lay_text_width() measures it, at
 * any size: the breaker must not sum rounded scaled advances (that drifts
 * by an ulp or two and used to push the last code point of a third of
 * these texts onto a line of its own).
 */
static void test_exact_fit_any_size(void **state)
{
	(void)state;
	static const char *const units[] = {"a", "è", "W≥", "aè≥"};
	lay_font f;
	lay_font_init(&f, fake_advance, NULL);
	arena a;
	arena_init(&a, 4096);
	char text[256];
	int bad = 0, total = 0;
	for (int si = 0; si <= 90; si++) {
		float size = 5.0f + (float)si / 10.0f;
		for (size_t u = 0; u < ARRAY_LEN(units); u++) {
			text[0] = '\0';
			for (int n = 1; n < 40; n++) {
				strcat(text, units[u]);
				size_t len = strlen(text);
				float w = lay_text_width(&f, size, text, len);
				lay_lines ls = lay_break(&a, &f, size, text, w);
				total++;
				if (ls.n != 1 || ls.line[0].width != w) {
					if (!bad)
						print_error(
							"\"%s\" at %g pt in "
							"%.9g pt: %d lines\n",
							text, (double)size,
							(double)w, ls.n);
					bad++;
				}
				arena_reset(&a);
			}
		}
	}
	if (bad) {
		print_error("%d of %d exact fits broken\n", bad, total);
		fail();
	}
	arena_free(&a);
	lay_font_free(&f);
}

/* Every code point is measured once, whatever the text's length. */
static void test_font_measured_once(void **state)
{
	(void)state;
	int calls = 0;
	lay_font f;
	lay_font_init(&f, fake_advance, &calls);
	arena a;
	arena_init(&a, 1024);
	lay_break(&a, &f, SIZE, "abab abab abab", 20);
	lay_break(&a, &f, SIZE, "baba", 10);
	assert_int_equal(calls, 4); /* 'a', 'b', ' ', '-' */
	arena_free(&a);
	lay_font_free(&f);
}

/* ------------------------------------------------------------------ */
/* Random inputs: invariants only                                     */

static unsigned rng_state = 12345;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 8) % n;
}

static void test_break_random(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a",  "b", "W", "è", "≥", "😀",	" ",  " ",
		"  ", "-", "/", "1", "2", "\n", "ab", "xyz",
	};
	lay_font f;
	lay_font_init(&f, fake_advance, NULL);
	arena a;
	arena_init(&a, 4096);
	char text[256];
	for (int iter = 0; iter < 5000; iter++) {
		size_t len = 0;
		int npieces = (int)rnd(30);
		for (int k = 0; k < npieces; k++) {
			const char *p = pieces[rnd(ARRAY_LEN(pieces))];
			size_t pl = strlen(p);
			if (len + pl >= sizeof text)
				break;
			memcpy(text + len, p, pl);
			len += pl;
		}
		text[len] = '\0';
		float maxw = (float)rnd(60);
		lay_lines ls = lay_break(&a, &f, SIZE, text, maxw);
		check_invariants(text, text, maxw, ls);
		/* The number of lines: at least the forced ones. */
		int forced = 0;
		for (size_t k = 0; k < len; k++)
			forced += text[k] == '\n';
		int blank = 1;
		for (size_t k = 0; k < len; k++)
			blank &= text[k] == ' ';
		if (!blank && ls.n < forced) {
			print_error("case \"%s\": %d lines for %d newlines\n",
				    text, ls.n, forced);
			fail();
		}
		arena_reset(&a);
	}
	arena_free(&a);
	lay_font_free(&f);
}

/* ------------------------------------------------------------------ */
/* Long input                                                          */

static double break_seconds(lay_font *f, const char *text, float maxw,
			    int *nlines)
{
	arena a;
	arena_init(&a, 64 * 1024);
	clock_t t0 = clock();
	lay_lines ls = lay_break(&a, f, SIZE, text, maxw);
	clock_t t1 = clock();
	*nlines = ls.n;
	check_invariants("long input", text, maxw, ls);
	arena_free(&a);
	return (double)(t1 - t0) / CLOCKS_PER_SEC;
}

static char *repeat(const char *unit, size_t total)
{
	size_t ul = strlen(unit);
	char *s = malloc(total + 1);
	assert_non_null(s);
	for (size_t i = 0; i < total; i++)
		s[i] = unit[i % ul];
	s[total] = '\0';
	return s;
}

static void test_long_input_linear(void **state)
{
	(void)state;
	/* Text of words, one 100k word, spaces with a word at each end,
	 * a chain of hyphens: each one at 100k and 400k characters.  A
	 * quadratic breaker takes minutes on these; a linear one
	 * milliseconds, even under the sanitizers. */
	static const char *const units[] = {
		"lorem ipsum dolor sit amet, ", "x", " ", "a-", "31/12/2021 ",
	};
	lay_font f;
	lay_font_init(&f, fake_advance, NULL);
	for (size_t u = 0; u < ARRAY_LEN(units); u++) {
		double t[2];
		for (int k = 0; k < 2; k++) {
			size_t n = k ? 400000 : 100000;
			char *s = repeat(units[u], n);
			if (u == 2) { /* spaces between two words */
				s[0] = 'a';
				s[n - 1] = 'b';
			}
			int nl;
			t[k] = break_seconds(&f, s, 50, &nl);
			assert_true(nl > 0);
			free(s);
		}
		if (t[1] > 2.0 || t[0] > 0.5) {
			print_error("unit \"%s\": %.3f s for 100k, %.3f s for "
				    "400k characters\n",
				    units[u], t[0], t[1]);
			fail();
		}
	}
	lay_font_free(&f);
}

/* Italian hyphenation with Debian's hyphen-it patterns (skipped when
 * they are not installed). */
#define IT_PATTERNS "/usr/share/hyphen/hyph_it_IT.dic"

static const struct {
	const char *token;
	const char *points; /* the token with '-' at each point */
} hyph_cases[] = {
	{"internazionalizzazione", "in-ter-na-zio-na-liz-za-zio-ne"},
	{"Commercializzazione,", "Com-mer-cia-liz-za-zio-ne,"},
	{"città", "cit-tà"},
	{"(scostamento)", "(sco-sta-men-to)"},
	{"all'Internazionalizzazione", "all'inter-na-zio-na-liz-za-zio-ne"},
	/* not hyphenated: codes, acronyms, numbers, URLs, short words */
	{"OO-1.1.2", "OO-1.1.2"},
	{"IS-2.7", "IS-2.7"},
	{"UNIONCAMERE", "UNIONCAMERE"},
	{"www.maremmatirreno.camcom.it", "www.maremmatirreno.camcom.it"},
	{"2019", "2019"},
	{"31/12/2021", "31/12/2021"},
	{"e-government", "e-government"},
	{"ora", "ora"},
};

static void test_hyphen_points(void **state)
{
	(void)state;
	lay_hyph *h = lay_hyph_load(IT_PATTERNS);
	if (!h)
		skip();
	for (size_t k = 0; k < ARRAY_LEN(hyph_cases); k++) {
		const char *t = hyph_cases[k].token;
		size_t n = strlen(t);
		char pts[256], got[512];
		lay_hyph_points(h, t, n, pts);
		size_t g = 0;
		for (size_t i = 0; i < n; i++) {
			got[g++] = t[i];
			if (pts[i])
				got[g++] = '-';
		}
		got[g] = '\0';
		/* Compare ignoring case (the patterns see lower case). */
		const char *want = hyph_cases[k].points;
		int ok = strlen(want) == g;
		for (size_t i = 0; ok && i < g; i++)
			ok = (want[i] | 0x20) == (got[i] | 0x20) ||
			     want[i] == got[i];
		if (!ok) {
			print_error("\"%s\": expected %s, got %s\n", t, want,
				    got);
			fail();
		}
	}
	lay_hyph_free(h);
}

/* A word that must break breaks at a hyphenation point, with a hyphen,
 * filling the line it starts on; words that fit are never hyphenated. */
static void test_hyphenated_lines(void **state)
{
	(void)state;
	lay_hyph *h = lay_hyph_load(IT_PATTERNS);
	if (!h)
		skip();
	lay_font f;
	lay_font_init(&f, fake_advance, NULL);
	arena a;
	arena_init(&a, 1024);
	static const struct {
		const char *text;
		float maxw;
		int n;
		const char *line[MAXL];
	} cases[] = {
		{"internazionalizzazione",
		 50,
		 3,
		 {"interna-", "zionaliz-", "zazione"}},
		{"per l'internazionalizzazione",
		 60,
		 3,
		 {"per l'inter-", "nazionaliz-", "zazione"}},
		{"lo scostamento medio",
		 50,
		 3,
		 {"lo scosta-", "mento", "medio"}},
		{"IS-2.7 OO-1.1.2", 25, 4, {"IS-2.", "7", "OO-1.", "1.2"}},
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		lay_lines ls = lay_break_h(&a, &f, SIZE, cases[k].text,
					   cases[k].maxw, h);
		int ok = ls.n == cases[k].n;
		for (int i = 0; ok && i < ls.n; i++) {
			const char *w = cases[k].line[i];
			ok = strlen(w) ==
				     ls.line[i].len + (size_t)ls.line[i].hyph &&
			     !memcmp(w, ls.line[i].s, ls.line[i].len) &&
			     (!ls.line[i].hyph || w[ls.line[i].len] == '-');
		}
		if (!ok) {
			print_error("\"%s\" in %g pt: got", cases[k].text,
				    (double)cases[k].maxw);
			for (int i = 0; i < ls.n; i++)
				print_error(" [%.*s%s]", (int)ls.line[i].len,
					    ls.line[i].s,
					    ls.line[i].hyph ? "-" : "");
			print_error("\n");
			fail();
		}
		check_invariants(cases[k].text, cases[k].text, cases[k].maxw,
				 ls);
	}
	arena_free(&a);
	lay_font_free(&f);
	lay_hyph_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_break_table),
		cmocka_unit_test(test_widths_scale),
		cmocka_unit_test(test_exact_fit_any_size),
		cmocka_unit_test(test_font_measured_once),
		cmocka_unit_test(test_break_random),
		cmocka_unit_test(test_long_input_linear),
		cmocka_unit_test(test_hyphen_points),
		cmocka_unit_test(test_hyphenated_lines),
	};
	return cmocka_run_group_tests_name("linebreak", tests, NULL, NULL);
}
