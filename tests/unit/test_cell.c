/*
 * test_cell.c - cell references and numbers as a spreadsheet shows them
 * (data/cell.c).  Table-driven; a failing row prints itself.
 */
#include "testutil.h"

#include "data/cell.h"

#include <stdio.h>

typedef struct ref_case {
	int col, row;
	const char *text;
} ref_case;

static const ref_case refs[] = {
	{0, 1, "A1"},
	{2, 5, "C5"},
	{25, 10, "Z10"},
	{26, 1, "AA1"},
	{27, 2, "AB2"},
	{51, 3, "AZ3"},
	{52, 4, "BA4"},
	{255, 7, "IV7"},
	{701, 1, "ZZ1"},
	{702, 1, "AAA1"},
	{16383, 1048576, "XFD1048576"},
	{3, 0, "D"},
};

static void test_ref(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(refs); i++) {
		char out[16];
		int col, row;
		cell_ref(refs[i].col, refs[i].row, out);
		if (strcmp(out, refs[i].text) ||
		    cell_ref_parse(refs[i].text, &col, &row) != 0 ||
		    col != refs[i].col || row != refs[i].row) {
			fprintf(stderr, "ref %d,%d: '%s'\n", refs[i].col,
				refs[i].row, out);
			fail();
		}
	}
	static const char *const bad[] = {"",	      "1",   "A1B", "XFE1",
					  "A1048577", "A-1", "é1",  "A 1"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		int col, row;
		if (cell_ref_parse(bad[i], &col, &row) == 0) {
			fprintf(stderr, "ref '%s' accepted\n", bad[i]);
			fail();
		}
	}
	int col, row;
	assert_int_equal(cell_ref_parse("$C$5", &col, &row), 0);
	assert_int_equal(col, 2);
	assert_int_equal(row, 5);
}

typedef struct num_case {
	double v;
	const char *code;
	const char *text;
} num_case;

static const num_case nums[] = {
	/* General: plain digits, decimal comma, no grouping */
	{2002800, NULL, "2002800"},
	{2018, "General", "2018"},
	{3.5, "General", "3,5"},
	{-0.25, NULL, "-0,25"},
	{0.1 + 0.2, NULL, "0,3"},
	{0, NULL, "0"},
	{1e20, NULL, "1E+20"},
	/* fixed and grouped */
	{1670000, "#,##0", "1.670.000"},
	{1670000, "#,##0.00", "1.670.000,00"},
	{-1234.5, "#,##0.00", "-1.234,50"},
	{1234.5, "0", "1235"},
	{999, "#,##0", "999"},
	{0.5, "#.##", ",5"},
	{-5, "#,##0;(#,##0)", "(5)"},
	{0, "0;-0;\"zero\"", "zero"},
	{28920, "\"€ \"#,##0", "€ 28.920"},
	{28920, "[$€-410] #,##0", "€ 28.920"},
	{12, "0\" gg\"", "12 gg"},
	{3000000, "#,##0,", "3.000"},
	/* percentages */
	{0.95, "0%", "95%"},
	{0.954, "0.0%", "95,4%"},
	{1, "0%", "100%"},
	{0.0001, "0.00%", "0,01%"},
	/* dates (serials of the 1900 system) */
	{44561, "dd/mm/yyyy", "31/12/2021"},
	{44561, "d-mmm-yy", "31/12/2021"},
	{44404, "[$-410]dd/mm/yyyy;@", "27/07/2021"},
	{44378, "mmmm yyyy", "luglio 2021"},
	{44378, "mmm-yy", "luglio 2021"},
	{44378, "yyyy", "2021"},
	{60, "dd/mm/yyyy", "29/02/1900"},
	{61, "dd/mm/yyyy", "01/03/1900"},
	{1, "dd/mm/yyyy", "01/01/1900"},
	{44404.5, "dd/mm/yyyy h:mm", "27/07/2021 12:00"},
	{0.75, "h:mm", "18:00"},
	{0.75, "h:mm:ss", "18:00:00"},
	/* scientific falls back to General */
	{12345, "0.00E+00", "12345"},
};

static void test_number(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(nums); i++) {
		char out[CELL_NUM_MAX];
		cell_number(nums[i].v, nums[i].code, 0, out, sizeof out);
		if (strcmp(out, nums[i].text)) {
			fprintf(stderr, "%g '%s': got '%s', want '%s'\n",
				nums[i].v, nums[i].code ? nums[i].code : "",
				out, nums[i].text);
			fail();
		}
	}
	char out[CELL_NUM_MAX];
	cell_number(0, "dd/mm/yyyy", 1, out, sizeof out); /* 1904 system */
	assert_string_equal(out, "01/01/1904");
}

static void test_builtin(void **state)
{
	(void)state;
	assert_string_equal(cell_builtin_format(0), "General");
	assert_true(cell_format_is_date(cell_builtin_format(14)));
	assert_true(cell_format_is_date(cell_builtin_format(22)));
	assert_false(cell_format_is_date(cell_builtin_format(9)));
	assert_false(cell_format_is_date("\"d\"0"));
	assert_false(cell_format_is_date("[Red]0.00"));
	assert_null(cell_builtin_format(100));
}

static void test_parse_number(void **state)
{
	(void)state;
	double v;
	assert_int_equal(cell_parse_number("2002800", &v), 0);
	assert_true(v == 2002800);
	assert_int_equal(cell_parse_number("-1.5E-3", &v), 0);
	assert_true(v == -1.5e-3);
	assert_int_equal(cell_parse_number(" 0.95 ", &v), 0);
	assert_int_equal(cell_parse_number("", &v), -1);
	assert_int_equal(cell_parse_number("1,5", &v), -1);
	assert_int_equal(cell_parse_number("abc", &v), -1);
	assert_int_equal(cell_parse_number("inf", &v), -1);
}

typedef struct esc_case {
	const char *in, *out;
} esc_case;

static const esc_case escs[] = {
	{"riga_x000D_\n", "riga\r\n"},
	{"a_x005F_b", "a_b"},
	{"_x00E0_", "à"},
	{"_x2265_ 90%", "≥ 90%"},
	{"_x00zz_", "_x00zz_"},
	{"_x000D", "_x000D"},
	{"plain", "plain"},
	{"_xD800_", "_xD800_"},
};

static void test_unescape(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(escs); i++) {
		char b[64];
		strcpy(b, escs[i].in);
		size_t n = cell_unescape_x(b, strlen(b));
		b[n] = '\0';
		if (strcmp(b, escs[i].out)) {
			fprintf(stderr, "'%s': got '%s'\n", escs[i].in, b);
			fail();
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ref),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test(test_unescape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
