/*
 * test_rich.c - rich text (layout/rich.c): lines broken with each word
 * measured in its own font, pieces placed in their font, flags and
 * colour, and a table cell carrying spans.
 *
 * Two fake fonts: regular 500/1000 em for ASCII, bold 700; at size 10 a
 * regular letter is 5 pt, a bold one 7 pt.
 */
#include "testutil.h"

#include "layout/page.h"
#include "layout/rich.h"
#include "layout/table.h"

#include <math.h>
#include <stdio.h>

static int adv_regular(void *ctx, uint32_t cp)
{
	(void)ctx;
	return cp < 0x80 ? 500 : 600;
}

static int adv_bold(void *ctx, uint32_t cp)
{
	(void)ctx;
	return cp < 0x80 ? 700 : 800;
}

static const lay_style styles[1] = {{0, 10.0f, 12.0f, 0x000000}};

/* Items of every page emitted, copied. */
static lay_item items[256];
static char texts[256][64];
static int nitems;

static void sink(void *ctx, const lay_page *pg)
{
	(void)ctx;
	for (int i = 0; i < pg->nitems && nitems < 256; i++) {
		if (pg->items[i].kind != LAY_TEXT)
			continue;
		items[nitems] = pg->items[i];
		snprintf(texts[nitems], 64, "%.*s", (int)pg->items[i].len,
			 pg->items[i].s);
		nitems++;
	}
}

static void test_break(void **state)
{
	(void)state;
	lay_font reg, bold;
	lay_font_init(&reg, adv_regular, NULL);
	lay_font_init(&bold, adv_bold, NULL);
	lay_font *fonts[2] = {&reg, &bold};
	arena a;
	arena_init(&a, 4096);
	/* "aa bb cc": bb bold.  Widths: aa 10, space 5, bb 14, cc 10. */
	const char *text = "aa bb cc";
	lay_span sp[1] = {{3, 2, 1, 0, LAY_SPAN_CELLCOLOR}};
	lay_rich r = {sp, 1};
	/* 29 pt: "aa bb" is 10 + 5 + 14 = 29 and fits; plain it would be 25. */
	lay_lines ls = lay_break_rich(&a, fonts, &styles[0], text, r, 29.0f);
	assert_int_equal(ls.n, 2);
	assert_int_equal(ls.line[0].len, 5);
	assert_true(fabsf(ls.line[0].width - 29.0f) < 0.01f);
	/* 28 pt: the bold word does not fit after "aa ", nor "bb cc" (29)
	 * on one line. */
	ls = lay_break_rich(&a, fonts, &styles[0], text, r, 28.0f);
	assert_int_equal(ls.n, 3);
	assert_int_equal(ls.line[0].len, 2);
	assert_int_equal(ls.line[1].len, 2);
	assert_true(fabsf(ls.line[1].width - 14.0f) < 0.01f);
	/* A forced break and no spans at all. */
	ls = lay_break_rich(&a, fonts, &styles[0], "uno\ndue",
			    (lay_rich){NULL, 0}, 500);
	assert_int_equal(ls.n, 2);
	/* A word wider than the column breaks between code points. */
	ls = lay_break_rich(&a, fonts, &styles[0], "abcdef", r, 12.0f);
	assert_int_equal(ls.n, 3);
	arena_free(&a);
	lay_font_free(&reg);
	lay_font_free(&bold);
}

static void test_cell(void **state)
{
	(void)state;
	lay_font reg, bold;
	lay_font_init(&reg, adv_regular, NULL);
	lay_font_init(&bold, adv_bold, NULL);
	lay_font *fonts[2] = {&reg, &bold};
	lay_geometry geo = {300, 300, 10, 10, 10, 10};
	lay_flow f;
	nitems = 0;
	lay_flow_init(&f, &geo, fonts, 2, styles, 1, sink, NULL);
	tbl_col cols[1] = {{1, LAY_LEFT}};
	tbl_opts o = {0};
	o.pad_x = o.pad_y = 0;
	for (int i = 0; i < TBL_LEVELS; i++)
		o.mark_level[i] = -1;
	o.mark_body = -1;
	tbl *t = tbl_begin(&f, cols, 1, &o);
	/* "è vecchio nuovo": "vecchio" struck grey, "nuovo" bold. */
	const char *text = "è vecchio nuovo";
	lay_span sp[2] = {{3, 7, -1, LAY_STRIKE, 0x808080},
			  {11, 5, 1, 0, LAY_SPAN_CELLCOLOR}};
	tbl_cell c = {.text = text,
		      .style = 0,
		      .align = -1,
		      .fill = TBL_NOFILL,
		      .color = 0x112233,
		      .rich = {sp, 2}};
	tbl_row(t, TBL_BODY, &c, 1, NULL);
	tbl_end(t);
	lay_flow_finish(&f);
	assert_int_equal(nitems, 4);
	assert_string_equal(texts[0], "è ");
	assert_string_equal(texts[1], "vecchio");
	assert_string_equal(texts[2], " ");
	assert_string_equal(texts[3], "nuovo");
	assert_int_equal(items[1].flags, LAY_STRIKE);
	assert_int_equal(items[1].color, 0x808080);
	assert_int_equal(items[3].font, 1);
	assert_int_equal(items[3].color, 0x112233);
	assert_int_equal(items[0].font, 0);
	/* Pieces follow each other: x of each = x + width of the one
	 * before; "è " is 6 + 5 points. */
	for (int i = 1; i < 4; i++)
		assert_true(fabsf(items[i].x -
				  (items[i - 1].x + items[i - 1].w)) < 0.01f);
	assert_true(fabsf(items[0].w - 11.0f) < 0.01f);
	assert_true(fabsf(items[3].w - 35.0f) < 0.01f);
	lay_font_free(&reg);
	lay_font_free(&bold);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_break),
		cmocka_unit_test(test_cell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
