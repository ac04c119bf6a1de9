/*
 * test_workbook.c - the workbook readers (data/xlsx.c, data/ods.c) on the
 * fixtures tests/workbook/hand.xlsx and hand.ods, written by hand
 * (tests/workbook/handmade.py), not by annex.
 *
 * Table-driven: each row names a sheet, a cell and the text the reader
 * must give for it in both formats: shared strings, rich-text runs
 * joined, phonetic runs and annotations left out, _x000D_ and two
 * paragraphs as one line break, General / #,##0 / 0% / date formats, a
 * formula's cached value, the stale value under a merge emptied.
 */
#include "testutil.h"

#include "data/cell.h"
#include "data/workbook.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct cell_case {
	const char *sheet, *ref, *text;
} cell_case;

static const cell_case cases[] = {
	{"missioni", "A1", "codice"},
	{"missioni", "A2", "011"},
	{"missioni", "B2", "Competitività delle Imprese"},
	{"obiettivi_strategici", "A2", "1"},
	{"indicatori_strategici", "C2", "riga uno\nriga due"},
	{"indicatori_strategici", "F2", "0,5"},
	{"indicatori_strategici", "G2", "95%"},
	{"indicatori_strategici", "H2", "≥ 90%"},
	{"programmi", "D2", "Benefici attesi"},
	{"programmi", "E2", "1.670.000"},
	{"obiettivi_operativi", "C2", "Obiettivo operativo"},
	{"indicatori_operativi", "D2", "31/12/2021"},
	{"indicatori_operativi", "F2", "Servizio Promozione"},
	{"indicatori_operativi", "F3", ""},
	{"indicatori_operativi", "E3", ""},
	{"modifiche", "C2", "02/12/2019"},
	{"modifiche", "E2", "129"},
	{"documento", "A1", "chiave"},
	{"documento", "B4", "27/07/2021"},
	{"documento", "B5", "2021"},
};

static const char *cell_at(const wb_sheet *sh, const char *ref)
{
	int col, row;
	if (cell_ref_parse(ref, &col, &row) != 0)
		return NULL;
	for (int i = 0; i < sh->t.nrows; i++)
		if (sh->t.rows[i].line == row)
			return csv_field(&sh->t.rows[i], col);
	return "";
}

static void check_book(const char *path)
{
	arena a;
	diag d;
	buf out = BUF_INIT;
	arena_init(&a, 4096);
	diag_init(&d, NULL);
	d.capture = &out;
	workbook *wb = wb_read(path, "book", &a, &d);
	assert_non_null(wb);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 1); /* the hidden sheet */
	assert_non_null(
		strstr(buf_cstr(&out),
		       "book[prospettive]: warning: the sheet is hidden"));
	assert_int_equal(wb->nsheets, 10);
	assert_true(wb_sheet_find(wb, "PROSPETTIVE")->hidden);
	assert_false(wb_sheet_find(wb, "missioni")->hidden);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const wb_sheet *sh = wb_sheet_find(wb, cases[i].sheet);
		assert_non_null(sh);
		const char *got = cell_at(sh, cases[i].ref);
		if (!got || strcmp(got, cases[i].text)) {
			fprintf(stderr, "%s %s!%s: got '%s', want '%s'\n", path,
				cases[i].sheet, cases[i].ref,
				got ? got : "(null)", cases[i].text);
			fail();
		}
	}
	/* Trailing empty cells and rows are not kept. */
	const wb_sheet *m = wb_sheet_find(wb, "missioni");
	assert_int_equal(m->t.nrows, 2);
	assert_int_equal(m->t.rows[1].nfields, 2);
	buf_free(&out);
	arena_free(&a);
}

static void test_xlsx(void **state)
{
	(void)state;
	check_book("tests/workbook/hand.xlsx");
}

static void test_ods(void **state)
{
	(void)state;
	check_book("tests/workbook/hand.ods");
}

static void test_not_a_workbook(void **state)
{
	(void)state;
	arena a;
	diag d;
	buf out = BUF_INIT;
	arena_init(&a, 4096);
	diag_init(&d, NULL);
	d.capture = &out;
	assert_null(wb_read("input/missioni.csv", "x.xlsx", &a, &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(
		strstr(buf_cstr(&out), "x.xlsx: error: not a workbook"));
	assert_null(wb_read("tests/workbook/no-such.xlsx", "y.xlsx", &a, &d));
	assert_int_equal(d.errors, 2);
	buf_free(&out);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_ods),
		cmocka_unit_test(test_not_a_workbook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
