/*
 * test_wdiff.c - the word diff (util/wdiff.c) on Italian text.
 *
 * Each row gives the old and new text and the expected segments written
 * as one string: kept text as is, a deletion as [-...-], an insertion as
 * {+...+}.  Every row is also checked for the contract: SAME and DEL
 * segments spell the old text, SAME and INS the new one.
 */
#include "testutil.h"

#include "util/buf.h"
#include "util/wdiff.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct row {
	const char *old, *neu, *want;
} row;

static const row rows[] = {
	{"", "", ""},
	{"uguale", "uguale", "uguale"},
	{"", "nuovo testo", "{+nuovo testo+}"},
	{"vecchio testo", "", "[-vecchio testo-]"},
	/* one word changed, accents kept whole */
	{"Attività di promozione", "Attività di comunicazione",
	 "Attività di [-promozione-]{+comunicazione+}"},
	{"Qualità del servizio", "Quantità del servizio",
	 "[-Qualità-]{+Quantità+} del servizio"},
	/* punctuation is its own token */
	{"imprese, enti e cittadini.", "imprese; enti e cittadini.",
	 "imprese[-,-]{+;+} enti e cittadini."},
	{"Target ≥90%", "Target ≥95%", "Target ≥[-90-]{+95+}%"},
	{"≥ 90%", "≤ 90%", "[-≥-]{+≤+} 90%"},
	/* apostrophes split "dell'innovazione" */
	{"sostegno dell'innovazione", "sostegno dell'internazionalizzazione",
	 "sostegno dell'[-innovazione-]{+internazionalizzazione+}"},
	/* changes separated only by spaces join into one */
	{"a b c d", "a x y d", "a [-b c-]{+x y+} d"},
	/* an insertion in the middle */
	{"Piano di formazione", "Piano annuale di formazione",
	 "Piano {+annuale +}di formazione"},
	/* a deletion at the end, with its space */
	{"entro il 31/12/2021 compreso", "entro il 31/12/2021",
	 "entro il 31/12/2021[- compreso-]"},
	/* numbers with Italian punctuation */
	{"1.670.000", "1.700.000", "1.[-670-]{+700+}.000"},
	/* line breaks are white space */
	{"riga uno\nriga due", "riga uno\nriga tre",
	 "riga uno\nriga [-due-]{+tre+}"},
	/* all different */
	{"Ée", "Èè", "[-Ée-]{+Èè+}"},
	/* words moved: LCS keeps one order */
	{"uno due", "due uno", "[-uno -]due{+ uno+}"},
	/* typographic quotes and dashes are punctuation */
	{"«Progetto» – fase 1", "«Progetto» — fase 2",
	 "«Progetto» [-–-]{+—+} fase [-1-]{+2+}"},
};

static void render(const wd_seg *s, int n, buf *b)
{
	for (int i = 0; i < n; i++) {
		if (s[i].op == WD_DEL)
			buf_puts(b, "[-");
		else if (s[i].op == WD_INS)
			buf_puts(b, "{+");
		buf_append(b, s[i].s, s[i].len);
		if (s[i].op == WD_DEL)
			buf_puts(b, "-]");
		else if (s[i].op == WD_INS)
			buf_puts(b, "+}");
	}
}

static void spell(const wd_seg *s, int n, wd_op skip, buf *b)
{
	for (int i = 0; i < n; i++)
		if (s[i].op != skip)
			buf_append(b, s[i].s, s[i].len);
}

static void test_rows(void **state)
{
	(void)state;
	for (size_t k = 0; k < ARRAY_LEN(rows); k++) {
		arena a;
		arena_init(&a, 4096);
		wd_seg *s;
		int n = wdiff(&a, rows[k].old, rows[k].neu, &s);
		buf got = BUF_INIT, o = BUF_INIT, nw = BUF_INIT;
		render(s, n, &got);
		spell(s, n, WD_INS, &o);
		spell(s, n, WD_DEL, &nw);
		if (strcmp(buf_cstr(&got), rows[k].want))
			fail_msg("row %zu: got '%s', want '%s'", k,
				 buf_cstr(&got), rows[k].want);
		assert_string_equal(buf_cstr(&o), rows[k].old);
		assert_string_equal(buf_cstr(&nw), rows[k].neu);
		for (int i = 1; i < n; i++)
			assert_false(s[i].op == s[i - 1].op &&
				     s[i].op == WD_SAME);
		buf_free(&got);
		buf_free(&o);
		buf_free(&nw);
		arena_free(&a);
	}
}

/* Beyond WDIFF_MAX_CELLS the middle is one deletion and one insertion;
 * a common start and end are still found, in linear time. */
static void test_large(void **state)
{
	(void)state;
	size_t n = 30000;
	char *x = malloc(n * 2 + 16), *y = malloc(n * 2 + 16);
	for (size_t i = 0; i < n; i++) {
		x[2 * i] = (char)('a' + (i * 7) % 26);
		x[2 * i + 1] = ' ';
		y[2 * i] = (char)('a' + (i * 11) % 26);
		y[2 * i + 1] = ' ';
	}
	memcpy(x + 2 * n, "fine", 5);
	memcpy(y + 2 * n, "fine", 5);
	x[0] = y[0] = 'Z';
	arena a;
	arena_init(&a, 4096);
	wd_seg *s;
	int k = wdiff(&a, x, y, &s);
	assert_int_equal(k, 4);
	assert_int_equal(s[0].op, WD_SAME);
	assert_int_equal(s[1].op, WD_DEL);
	assert_int_equal(s[2].op, WD_INS);
	assert_int_equal(s[3].op, WD_SAME);
	arena_free(&a);
	free(x);
	free(y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
