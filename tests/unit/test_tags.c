/*
 * test_tags.c - the logical structure the layout stage emits (layout/tree.c
 * and the structure parts of layout/page.c and layout/table.c).
 *
 * A flow on a small page (200 x 300 pt, body from y = 30 to 270) with a
 * fake font (5 pt per character at 10 pt) and a structure tree; an emit
 * callback keeps every text item's page, text and element id (sid).  Each
 * scenario composes a document and checks the tree (types, parents,
 * scopes, spans) and which element owns each text; check_tree() verifies
 * for every scenario what must hold for any document:
 *
 *   - every element's parent was made before it, and the types nest as
 *     PDF/UA wants (TR in THead/TBody, TH/TD in TR, THead/TBody in Table);
 *   - every table is regular: with RowSpan and ColSpan each TR covers the
 *     table's columns exactly once and no span reaches past the last row;
 *   - every text owned by an element is owned by a leaf element (P, H, TH,
 *     TD, Note), never by a Table, TR or the Document.
 *
 * Scenarios: headings and paragraphs (a heading kept with the next block
 * keeps its element); a table with a header row on several pages (the
 * header is tagged once, its repetitions are artifacts); a row-span cut
 * by a page break in both span modes (one TD with its text on both pages,
 * the "(segue)" repetition an artifact); sticky rows (a band is TH Scope
 * Row, an objective row's cells TH Scope Column, their repetitions
 * artifacts); a table for layout only (first row a body row: paragraphs,
 * no Table); footnotes (Note elements); spans a sticky row cuts short (the
 * RowSpan is what the cell covers); a sparkline with alternate text (a
 * Figure in its cell, owning its rules); and an untagged flow (all sids
 * 0).
 */
#include "testutil.h"

#include "layout/font.h"
#include "layout/page.h"
#include "layout/table.h"
#include "layout/tree.h"

#include <stdio.h>
#include <stdlib.h>

enum { ST_BODY, ST_HEAD, NSTYLES };
static const lay_style styles[NSTYLES] = {
	{0, 10.0f, 12.0f, 0x000000},
	{0, 10.0f, 12.0f, 0x0000FF},
};

static int fake_advance(void *ctx, uint32_t cp)
{
	(void)ctx;
	(void)cp;
	return 500;
}

typedef struct titem {
	int kind; /* LAY_TEXT, LAY_RULE, LAY_FILL */
	int page;
	uint32_t sid;
	unsigned flags;
	char s[64];
} titem;

typedef struct doc {
	lay_font font;
	lay_font *fonts[1];
	lay_flow f;
	lay_tree tree;
	titem *items;
	int n, cap, pages;
} doc;

static void record(void *ctx, const lay_page *p)
{
	doc *d = ctx;
	d->pages = p->number;
	for (int i = 0; i < p->nitems; i++) {
		const lay_item *it = &p->items[i];
		if (it->kind == LAY_IMAGE)
			continue;
		if (d->n == d->cap) {
			d->cap = d->cap * 2 + 64;
			d->items = realloc(d->items,
					   (size_t)d->cap * sizeof(titem));
			assert_non_null(d->items);
		}
		titem *t = &d->items[d->n++];
		t->kind = it->kind;
		t->page = p->number;
		t->sid = it->sid;
		t->flags = it->flags;
		snprintf(t->s, sizeof t->s, "%.*s",
			 it->kind == LAY_TEXT ? (int)it->len : 0,
			 it->kind == LAY_TEXT ? it->s : "");
	}
	if (p->nitems && p->items[0].kind == LAY_TEXT)
		assert_true(p->items[0].sid <= d->tree.n);
}

/* ANNEX_TAGS_DUMP=1: the texts of each scenario, page and element. */
static void dump(const doc *d)
{
	if (!getenv("ANNEX_TAGS_DUMP"))
		return;
	for (int i = 0; i < d->n; i++)
		fprintf(stderr, "p%d sid %u '%s'\n", d->items[i].page,
			(unsigned)d->items[i].sid, d->items[i].s);
}

static void doc_open(doc *d, int tagged)
{
	static const lay_geometry geo = {200, 300, 20, 20, 30, 30};
	memset(d, 0, sizeof *d);
	lay_font_init(&d->font, fake_advance, NULL);
	d->fonts[0] = &d->font;
	lay_flow_init(&d->f, &geo, d->fonts, 1, styles, NSTYLES, record, d);
	lay_tree_init(&d->tree);
	if (tagged)
		d->f.tree = &d->tree;
}

static void doc_close(doc *d)
{
	lay_flow_finish(&d->f);
	lay_font_free(&d->font);
	dump(d);
}

static void doc_free(doc *d)
{
	lay_tree_free(&d->tree);
	free(d->items);
}

static int type_of(const doc *d, uint32_t id)
{
	return id && id <= d->tree.n ? d->tree.e[id].type : LAY_S_NONE;
}

/* The element owning the first text item equal to s on page (0: any). */
static uint32_t owner(const doc *d, const char *s, int page, int nth)
{
	for (int i = 0; i < d->n; i++)
		if (!strcmp(d->items[i].s, s) &&
		    (!page || d->items[i].page == page) && nth-- == 0)
			return d->items[i].sid;
	fail_msg("no text '%s' on page %d", s, page);
	return 0;
}

/* Pages on which element id owns text. */
static int pages_of(const doc *d, uint32_t id, int *first, int *last)
{
	int n = 0, prev = 0;
	*first = *last = 0;
	for (int i = 0; i < d->n; i++)
		if (d->items[i].sid == id && d->items[i].page != prev) {
			prev = d->items[i].page;
			if (!*first)
				*first = prev;
			*last = prev;
			n++;
		}
	return n;
}

static int count_type(const doc *d, int type)
{
	int n = 0;
	for (uint32_t i = 1; i <= d->tree.n; i++)
		n += d->tree.e[i].type == type;
	return n;
}

/* What every document's tree must be (see the top). */
static const struct {
	int child, parent[3];
} nesting[] = {
	{LAY_S_TR, {LAY_S_THEAD, LAY_S_TBODY, -1}},
	{LAY_S_TH, {LAY_S_TR, -1, -1}},
	{LAY_S_TD, {LAY_S_TR, -1, -1}},
	{LAY_S_THEAD, {LAY_S_TABLE, -1, -1}},
	{LAY_S_TBODY, {LAY_S_TABLE, -1, -1}},
};

static void check_nesting(const doc *d)
{
	for (uint32_t i = 2; i <= d->tree.n; i++) {
		const lay_elem *e = &d->tree.e[i];
		assert_true(e->parent >= 1 && e->parent < i);
		for (size_t k = 0; k < ARRAY_LEN(nesting); k++) {
			if (e->type != nesting[k].child)
				continue;
			int p = type_of(d, e->parent);
			assert_true(p == nesting[k].parent[0] ||
				    p == nesting[k].parent[1]);
		}
	}
}

/* Rows of table tab in order, cells of each: the grid they cover. */
static void check_table(const doc *d, uint32_t tab)
{
	enum { MAXR = 512, MAXC = 16 };
	static unsigned char grid[MAXR][MAXC];
	memset(grid, 0, sizeof grid);
	int row = -1, width = -1;
	uint32_t n = d->tree.n;
	for (uint32_t i = tab + 1; i <= n; i++) {
		const lay_elem *e = &d->tree.e[i];
		if (e->type != LAY_S_TR || d->tree.e[e->parent].parent != tab)
			continue;
		assert_true(++row < MAXR);
		int col = 0;
		for (uint32_t c = i + 1; c <= n; c++) {
			const lay_elem *x = &d->tree.e[c];
			if (x->parent != i)
				continue;
			while (col < MAXC && grid[row][col])
				col++;
			for (int y = row; y < row + x->rowspan; y++)
				for (int k = col; k < col + x->colspan; k++) {
					assert_true(y < MAXR && k < MAXC);
					assert_int_equal(grid[y][k], 0);
					grid[y][k] = 1;
				}
			col += x->colspan;
		}
	}
	for (int y = 0; y <= row; y++) {
		int w = 0;
		for (int k = 0; k < MAXC; k++)
			w += grid[y][k];
		if (width < 0)
			width = w;
		assert_int_equal(w, width);
	}
	for (int k = 0; k < MAXC && row + 1 < MAXR; k++)
		assert_int_equal(grid[row + 1][k],
				 0); /* no span past the end */
}

static void check_tree(const doc *d)
{
	check_nesting(d);
	for (uint32_t i = 1; i <= d->tree.n; i++)
		if (d->tree.e[i].type == LAY_S_TABLE)
			check_table(d, i);
	for (int i = 0; i < d->n; i++) {
		int t = type_of(d, d->items[i].sid);
		assert_true(t != LAY_S_TABLE && t != LAY_S_TR &&
			    t != LAY_S_DOCUMENT && t != LAY_S_THEAD &&
			    t != LAY_S_TBODY);
	}
}

static tbl_cell cell(const char *text, int style)
{
	tbl_cell c;
	memset(&c, 0, sizeof c);
	c.text = text;
	c.style = style;
	c.align = -1;
	c.fill = TBL_NOFILL;
	c.color = TBL_STYLECOLOR;
	return c;
}

static tbl *table(doc *d, int ncols, int span_mode, int header)
{
	tbl_col cols[4] = {
		{1, LAY_LEFT}, {1, LAY_LEFT}, {1, LAY_LEFT}, {1, LAY_LEFT}};
	tbl_opts o;
	memset(&o, 0, sizeof o);
	o.pad_x = o.pad_y = 2;
	o.border = 0.5f;
	o.span_mode = span_mode;
	o.segue = "(segue)";
	for (int i = 0; i < TBL_LEVELS; i++)
		o.mark_level[i] = -1;
	o.mark_body = -1;
	tbl *t = tbl_begin(&d->f, cols, ncols, &o);
	if (header) {
		tbl_cell h[4] = {cell("A", ST_HEAD), cell("B", ST_HEAD),
				 cell("C", ST_HEAD), cell("D", ST_HEAD)};
		tbl_row(t, TBL_HEADER, h, ncols, NULL);
	}
	return t;
}

/* Body rows "rN" (one cell per column, the first "rN"). */
static void rows(tbl *t, int from, int to, int ncols)
{
	static char names[64][16];
	for (int i = from; i < to; i++) {
		tbl_cell c[4];
		snprintf(names[i % 64], sizeof names[0], "r%d", i);
		for (int k = 0; k < ncols; k++)
			c[k] = cell(k ? "x" : names[i % 64], ST_BODY);
		tbl_row(t, TBL_BODY, c, ncols, NULL);
	}
}

static void test_headings(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	lay_flow_block(&d.f, LAY_S_H1, ST_BODY, LAY_LEFT, "Title", 0, -1, NULL);
	lay_flow_block(&d.f, LAY_S_H2, ST_BODY, LAY_LEFT, "Part", 1, 0, NULL);
	lay_flow_paragraph(&d.f, ST_BODY, LAY_LEFT, "Some text", 0, -1, NULL);
	lay_flow_paragraph(&d.f, ST_BODY, LAY_LEFT, "", 0, -1, NULL);
	lay_flow_paragraph(&d.f, ST_BODY, LAY_LEFT,
			   "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii", 0,
			   -1, NULL);
	doc_close(&d);
	assert_int_equal(d.tree.n, 5); /* Document H1 H2 P P: "" is none */
	assert_int_equal(type_of(&d, owner(&d, "Title", 1, 0)), LAY_S_H1);
	assert_int_equal(type_of(&d, owner(&d, "Part", 1, 0)), LAY_S_H2);
	assert_int_equal(type_of(&d, owner(&d, "Some text", 1, 0)), LAY_S_P);
	/* A line broken at a space says so (LAY_SPACE); the last does not. */
	uint32_t p = owner(&d, "aaaa bbbb cccc dddd eeee ffff", 1, 0);
	assert_int_equal(type_of(&d, p), LAY_S_P);
	int lines = 0;
	for (int i = 0; i < d.n; i++)
		if (d.items[i].sid == p) {
			lines++;
			assert_int_equal(!!(d.items[i].flags & LAY_SPACE),
					 !strstr(d.items[i].s, "iiii"));
		}
	assert_int_equal(lines, 2);
	check_tree(&d);
	doc_free(&d);
}

static void test_header_repeats(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	tbl *t = table(&d, 3, TBL_SPAN_CONTINUE, 1);
	rows(t, 0, 40, 3);
	tbl_end(t);
	doc_close(&d);
	assert_true(d.pages >= 2);
	uint32_t a = owner(&d, "A", 1, 0);
	assert_int_equal(type_of(&d, a), LAY_S_TH);
	assert_int_equal(d.tree.e[a].scope, LAY_SCOPE_COLUMN);
	assert_int_equal(type_of(&d, d.tree.e[d.tree.e[a].parent].parent),
			 LAY_S_THEAD);
	for (int p = 2; p <= d.pages; p++)
		assert_int_equal(owner(&d, "A", p, 0), 0); /* repetitions */
	assert_int_equal(count_type(&d, LAY_S_TH), 3);
	assert_int_equal(count_type(&d, LAY_S_TD), 40 * 3);
	assert_int_equal(count_type(&d, LAY_S_TR), 41);
	assert_int_equal(type_of(&d, owner(&d, "r39", 0, 0)), LAY_S_TD);
	check_tree(&d);
	doc_free(&d);
}

/* A cell spanning 4 rows, long enough to be cut by the page break. */
static void span_cut(int mode)
{
	doc d;
	doc_open(&d, 1);
	tbl *t = table(&d, 2, mode, 1);
	rows(t, 0, 11, 2); /* 48 pt left on page 1 */
	char *long_text = malloc(400);
	assert_non_null(long_text);
	strcpy(long_text, "span");
	for (int i = 0; i < 40; i++)
		strcat(long_text, " word");
	tbl_cell c[2] = {cell(long_text, ST_BODY), cell("s0", ST_BODY)};
	c[0].rowspan = 4;
	tbl_row(t, TBL_BODY, c, 2, NULL);
	for (int i = 1; i < 4; i++) {
		tbl_cell r = cell(i == 1   ? "s1"
				  : i == 2 ? "s2"
					   : "s3",
				  ST_BODY);
		tbl_row(t, TBL_BODY, &r, 1, NULL);
	}
	tbl_end(t);
	doc_close(&d);
	uint32_t td = owner(&d, "span word word", 0, 0);
	assert_int_equal(type_of(&d, td), LAY_S_TD);
	assert_int_equal(d.tree.e[td].rowspan, 4);
	int first, last;
	assert_int_equal(pages_of(&d, td, &first, &last), 2);
	assert_int_equal(last, first + 1);
	/* One TD, whatever the pages: its lines all carry td. */
	int lines = 0, words = 0;
	for (int i = 0; i < d.n; i++)
		if (d.items[i].sid == td) {
			lines++;
			for (const char *s = d.items[i].s;
			     (s = strstr(s, "word")); s++)
				words++;
		}
	assert_true(lines > 1);
	assert_int_equal(words, 40);
	check_tree(&d);
	free(long_text);
	doc_free(&d);
}

static void test_span_cut(void **state)
{
	(void)state;
	span_cut(TBL_SPAN_CONTINUE);
	span_cut(TBL_SPAN_REPEAT);
}

/* TBL_SPAN_REPEAT: a short spanning cell cut by the break starts again on
 * the next page with "(segue)": an artifact. */
/* Regression: a cell whose column repeats its whole text on the next page
 * (TBL_CONT_FULL), cut before its end: the repetition also carries the
 * rest, so it is the cell's content, not an artifact (no words lost). */
static void test_full_cut(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	tbl_col cols[2] = {{1, LAY_LEFT}, {1, LAY_LEFT}};
	tbl_opts o;
	memset(&o, 0, sizeof o);
	o.pad_x = o.pad_y = 2;
	o.segue = "(segue)";
	for (int i = 0; i < TBL_LEVELS; i++)
		o.mark_level[i] = -1;
	o.mark_body = -1;
	o.cont[0] = TBL_CONT_FULL;
	tbl *t = tbl_begin(&d.f, cols, 2, &o);
	tbl_cell h[2] = {cell("A", ST_HEAD), cell("B", ST_HEAD)};
	tbl_row(t, TBL_HEADER, h, 2, NULL);
	rows(t, 0, 11, 2);
	char text[400] = "full";
	for (int i = 0; i < 40; i++)
		strcat(text, " word");
	tbl_cell c[2] = {cell(text, ST_BODY), cell("y", ST_BODY)};
	tbl_row(t, TBL_BODY, c, 2, NULL);
	tbl_end(t);
	doc_close(&d);
	uint32_t td = owner(&d, "full word word", 1, 0);
	int words = 0;
	for (int i = 0; i < d.n; i++)
		if (d.items[i].sid == td)
			for (const char *s = d.items[i].s;
			     (s = strstr(s, "word")); s++)
				words++;
	assert_true(words >= 40);
	check_tree(&d);
	doc_free(&d);
}

static void test_segue_artifact(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	tbl *t = table(&d, 2, TBL_SPAN_REPEAT, 1);
	rows(t, 0, 12, 2); /* 32 pt left on page 1 */
	tbl_cell c[2] = {cell("Spanning", ST_BODY), cell("q0", ST_BODY)};
	c[0].rowspan = 8;
	tbl_row(t, TBL_BODY, c, 2, NULL);
	for (int i = 1; i < 8; i++) {
		tbl_cell r = cell("q", ST_BODY);
		tbl_row(t, TBL_BODY, &r, 1, NULL);
	}
	tbl_end(t);
	doc_close(&d);
	uint32_t td = owner(&d, "Spanning", 0, 0);
	assert_int_equal(type_of(&d, td), LAY_S_TD);
	int seen = 0;
	for (int i = 0; i < d.n; i++)
		if (strstr(d.items[i].s, "(segue)")) {
			assert_int_equal(d.items[i].sid, 0);
			seen++;
		}
	assert_true(seen > 0);
	check_tree(&d);
	doc_free(&d);
}

static void test_sticky(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	tbl *t = table(&d, 3, TBL_SPAN_CONTINUE, 0);
	tbl_cell band = cell("Band", ST_HEAD);
	band.colspan = 3;
	tbl_row(t, TBL_STICKY(0), &band, 1, NULL);
	tbl_cell obj[3] = {cell("Obj", ST_HEAD), cell("2020", ST_HEAD),
			   cell("2021", ST_HEAD)};
	tbl_row(t, TBL_STICKY(1), obj, 3, NULL);
	rows(t, 0, 30, 3);
	tbl_end(t);
	doc_close(&d);
	uint32_t b = owner(&d, "Band", 1, 0);
	assert_int_equal(type_of(&d, b), LAY_S_TH);
	assert_int_equal(d.tree.e[b].scope, LAY_SCOPE_ROW);
	assert_int_equal(d.tree.e[b].colspan, 3);
	uint32_t y = owner(&d, "2020", 1, 0);
	assert_int_equal(type_of(&d, y), LAY_S_TH);
	assert_int_equal(d.tree.e[y].scope, LAY_SCOPE_COLUMN);
	assert_int_equal(count_type(&d, LAY_S_THEAD), 0);
	assert_int_equal(count_type(&d, LAY_S_TABLE), 1);
	assert_true(d.pages >= 2);
	assert_int_equal(owner(&d, "Band (segue)", 2, 0), 0);
	assert_int_equal(owner(&d, "2020", 2, 0), 0);
	check_tree(&d);
	doc_free(&d);
}

static void test_layout_table(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	tbl *t = table(&d, 2, TBL_SPAN_CONTINUE, 0);
	tbl_cell c[2] = {cell("Notice", ST_BODY), cell("", ST_BODY)};
	tbl_row(t, TBL_BODY, c, 2, NULL);
	tbl_end(t);
	doc_close(&d);
	assert_int_equal(count_type(&d, LAY_S_TABLE), 0);
	assert_int_equal(type_of(&d, owner(&d, "Notice", 1, 0)), LAY_S_P);
	assert_int_equal(d.tree.n, 2); /* the empty cell is nothing */
	check_tree(&d);
	doc_free(&d);
}

static void test_notes(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	tbl *t = table(&d, 2, TBL_SPAN_CONTINUE, 1);
	const char *notes[] = {"(1) first note"};
	tbl_cell c[2] = {cell("with (1)", ST_BODY), cell("x", ST_BODY)};
	c[0].notes = notes;
	c[0].nnotes = 1;
	tbl_row(t, TBL_BODY, c, 2, NULL);
	tbl_end(t);
	doc_close(&d);
	uint32_t n = owner(&d, "(1) first note", 1, 0);
	assert_int_equal(type_of(&d, n), LAY_S_NOTE);
	assert_int_equal(type_of(&d, owner(&d, "with (1)", 1, 0)), LAY_S_TD);
	check_tree(&d);
	doc_free(&d);
}

/* A row-span that a sticky row cuts short covers the rows it reached plus
 * the row that closes it: its RowSpan says so, the table stays regular. */
static void test_span_cut_short(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	tbl *t = table(&d, 2, TBL_SPAN_CONTINUE, 1);
	tbl_cell c[2] = {cell("tall", ST_BODY), cell("a", ST_BODY)};
	c[0].rowspan = 5;
	tbl_row(t, TBL_BODY, c, 2, NULL);
	tbl_cell b = cell("b", ST_BODY);
	tbl_row(t, TBL_BODY, &b, 1, NULL);
	tbl_cell band = cell("Band", ST_HEAD);
	band.colspan = 2;
	tbl_row(t, TBL_STICKY(0), &band, 1, NULL);
	rows(t, 0, 2, 2);
	tbl_end(t);
	doc_close(&d);
	uint32_t tall = owner(&d, "tall", 1, 0);
	assert_int_equal(d.tree.e[tall].rowspan, 3);
	check_tree(&d);
	doc_free(&d);
}

/* A sparkline with alternate text is a Figure in its cell, drawn by rules
 * it owns; without, its rules are artifacts like every border. */
static void test_figure(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 1);
	tbl *t = table(&d, 2, TBL_SPAN_CONTINUE, 1);
	static const float v[3] = {0.2f, 0.5f, 0.9f};
	tbl_cell c[2] = {cell("trend", ST_BODY), cell("", ST_BODY)};
	c[1].spark = v;
	c[1].nspark = 3;
	c[1].alt = "2019 20%, 2020 50%, 2021 90%";
	tbl_row(t, TBL_BODY, c, 2, NULL);
	c[1].alt = NULL;
	tbl_row(t, TBL_BODY, c, 2, NULL);
	tbl_end(t);
	doc_close(&d);
	assert_int_equal(count_type(&d, LAY_S_FIGURE), 1);
	uint32_t fig = 0;
	for (uint32_t i = 1; i <= d.tree.n; i++)
		if (d.tree.e[i].type == LAY_S_FIGURE)
			fig = i;
	assert_int_equal(type_of(&d, d.tree.e[fig].parent), LAY_S_TD);
	assert_string_equal(d.tree.e[fig].alt, "2019 20%, 2020 50%, 2021 90%");
	int owned = 0, other = 0;
	for (int i = 0; i < d.n; i++)
		if (d.items[i].kind != LAY_TEXT) {
			owned += d.items[i].sid == fig;
			other += d.items[i].sid != fig && d.items[i].sid != 0;
		}
	assert_int_equal(owned, 2); /* two segments */
	assert_int_equal(other, 0);
	check_tree(&d);
	doc_free(&d);
}

static void test_untagged(void **state)
{
	(void)state;
	doc d;
	doc_open(&d, 0);
	lay_flow_block(&d.f, LAY_S_H1, ST_BODY, LAY_LEFT, "Title", 0, -1, NULL);
	tbl *t = table(&d, 2, TBL_SPAN_CONTINUE, 1);
	rows(t, 0, 30, 2);
	tbl_end(t);
	doc_close(&d);
	assert_int_equal(d.tree.n, 1);
	for (int i = 0; i < d.n; i++)
		assert_int_equal(d.items[i].sid, 0);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_header_repeats),
		cmocka_unit_test(test_span_cut),
		cmocka_unit_test(test_segue_artifact),
		cmocka_unit_test(test_full_cut),
		cmocka_unit_test(test_sticky),
		cmocka_unit_test(test_layout_table),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_span_cut_short),
		cmocka_unit_test(test_figure),
		cmocka_unit_test(test_untagged),
	};
	return cmocka_run_group_tests_name("tags", tests, NULL, NULL);
}
