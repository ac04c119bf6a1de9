/*
 * table.c - tables on the page flow (see table.h for the behaviour).
 *
 * State is per column: act[c] is the cell that starts at column c and is
 * still open (it began in this row or spans down from a row above).  A
 * cell's lines are broken once, when it arrives; they are placed only when
 * its box on the page is complete: when its last row is placed, or when a
 * page break cuts it.  A row's height is what its ending cells still need;
 * cells that go on spanning do not constrain it.
 *
 * Sticky rows wait in a short chain until the next body row comes,
 * so that they can move to the next page with it.
 *
 * Structure (tree.h), when the flow has a tree: a table whose first row
 * is a header or sticky row is a Table with THead (if it has header rows)
 * and TBody, a TR per row and a cell element per cell: TH with Scope
 * Column in header rows, TH in sticky rows (see cell_struct), TD with
 * RowSpan and ColSpan in body rows.  The empty cells that close the grid are
 * cells too, so every row covers every column.  Elements are made when the row
 * is given (tbl_row), so the tree is in the order of the rows; a cell's text
 * items carry its element's id on every page it reaches, while repeated rows
 * and repeated texts ("(segue)") are artifacts.  A table whose first row is a
 * body row (a notice box, a legend) is a table for layout only: each non-empty
 * cell is a paragraph.
 */
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

typedef struct trow {
	tbl_row_kind kind;
	int ncells;
	tbl_cell cells[TBL_MAX_COLS];
	const char *mark;
	uint32_t tr;		    /* its TR (structure), 0: untagged */
	int pre;		    /* its cells' elements are in sid */
	uint32_t sid[TBL_MAX_COLS]; /* by the column each cell starts at */
} trow;

typedef struct active {
	int open;
	tbl_cell c;
	int ncols;  /* columns covered */
	float x, w; /* box */
	lay_lines lines;
	int next;	/* first line not yet placed */
	int rows_left;	/* rows still to come, this one included */
	float top;	/* top of the box on the current page */
	int placed_any; /* some line placed on an earlier page */
	int span;	/* rows spanned, as given */
	int fresh;	/* opened by the row being placed */
	int noted;	/* its footnotes are placed */
	int own_text;	/* lines point into t->a (a repeated text) */
	int cap;	/* most lines the next portion may take, -1 any */
	tbl_cont cont;	/* its column's continuation */
	uint32_t sid;	/* its structure element, 0: an artifact */
	int repeat;	/* its text started again after all of it was placed:
			   what follows is a repetition (an artifact) */
	int *note_lines; /* lines of each footnote, measured once when
			    notes_need() first asks (in t->a); NULL before */
} active;

struct tbl {
	lay_flow *f;
	tbl_opts o;
	int ncols;
	float colx[TBL_MAX_COLS + 1]; /* left edge of each column */
	tbl_col cols[TBL_MAX_COLS];
	active act[TBL_MAX_COLS];
	int nact; /* open cells */
	arena a;  /* lines of open cells; reset when none is open */

	trow *headers;
	int nheaders;
	trow sticky[TBL_LEVELS]; /* current sticky row of each level */
	int has_sticky[TBL_LEVELS];
	trow *chain; /* sticky rows waiting for a body row */
	int nchain, capchain;
	int started;	       /* something of the table is on the page flow */
	int rows_on_page;      /* non-repeated rows placed on this page */
	const char *body_mark; /* outline title of the row being placed */
	uint32_t s_table, s_head, s_body; /* Table, THead, TBody elements */
	int layout_only;		  /* no header rows: no Table */
};

static const lay_style *style_of(const tbl *t, int st)
{
	return &t->f->styles[st];
}

static float cell_inner(const tbl *t, float w)
{
	float iw = w - 2 * t->o.pad_x;
	return iw < 1 ? 1 : iw;
}

static void break_cell(tbl *t, active *ac, const char *text)
{
	const lay_style *st = style_of(t, ac->c.style);
	if (ac->c.rich.n && text == ac->c.text)
		ac->lines = lay_break_rich(&t->a, t->f->fonts, st, text,
					   ac->c.rich, cell_inner(t, ac->w));
	else
		ac->lines = lay_break_h(&t->a, t->f->fonts[st->font], st->size,
					text ? text : "", cell_inner(t, ac->w),
					t->f->hyph);
}

tbl *tbl_begin(lay_flow *f, const tbl_col *cols, int ncols,
	       const tbl_opts *opts)
{
	tbl *t = xcalloc(1, sizeof *t);
	float total = 0, x, width = lay_flow_width(f);
	if (ncols > TBL_MAX_COLS)
		ncols = TBL_MAX_COLS;
	t->f = f;
	t->o = *opts;
	t->ncols = ncols;
	arena_init(&t->a, 32 * 1024);
	for (int i = 0; i < ncols; i++) {
		t->cols[i] = cols[i];
		total += cols[i].rel > 0 ? cols[i].rel : 1;
	}
	x = f->geo.left;
	for (int i = 0; i < ncols; i++) {
		t->colx[i] = x;
		x += width * (cols[i].rel > 0 ? cols[i].rel : 1) / total;
	}
	t->colx[ncols] = f->geo.left + width;
	return t;
}

void tbl_auto_cell(tbl_auto *m, const lay_flow *f, int col, const char *text,
		   int style)
{
	if (col < 0 || col >= TBL_MAX_COLS || !text || !*text)
		return;
	const lay_style *st = &f->styles[style];
	lay_font *font = f->fonts[st->font];
	lay_measure lm = lay_measure_text(font, st->size, text);
	if (lm.min > m->min[col])
		m->min[col] = lm.min;
	if (lm.nat > m->nat[col])
		m->nat[col] = lm.nat;
	m->area[col] += (double)lm.total * st->leading;
}

static float clampf(float x, float lo, float hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

void tbl_auto_widths(const tbl_auto *m, tbl_col *cols, int ncols, float width,
		     float pad_x)
{
	float avail = width, lo[TBL_MAX_COLS], hi[TBL_MAX_COLS];
	float a[TBL_MAX_COLS], slo = 0, shi = 0;
	if (ncols > TBL_MAX_COLS)
		ncols = TBL_MAX_COLS;
	for (int i = 0; i < ncols; i++)
		if (cols[i].rel > 0) {
			cols[i].rel = width * cols[i].rel / 100;
			avail -= cols[i].rel;
		}
	if (avail < width * 0.1f)
		avail = width * 0.1f;
	for (int i = 0; i < ncols; i++) {
		if (cols[i].rel > 0)
			continue;
		lo[i] = m->min[i] + 2 * pad_x + 0.5f;
		hi[i] = m->nat[i] + 2 * pad_x + 0.5f;
		if (hi[i] < lo[i])
			hi[i] = lo[i];
		a[i] = (float)sqrt(m->area[i]) + 1e-3f;
		slo += lo[i];
		shi += hi[i];
	}
	float c0 = 0, c1 = 1;
	if (slo >= avail || shi <= avail) {
		/* All at their minimum, scaled down, or all at their natural
		 * width with the room left shared in proportion. */
		float base = slo >= avail ? slo : shi;
		for (int i = 0; i < ncols; i++)
			if (cols[i].rel <= 0)
				cols[i].rel = (slo >= avail ? lo[i] : hi[i]) *
					      avail / base;
		return;
	}
	/* Widths c * a[i] clamped to [lo, hi]: their sum grows with c;
	 * find the c that fills the room. */
	for (;;) {
		float sum = 0;
		for (int i = 0; i < ncols; i++)
			if (cols[i].rel <= 0)
				sum += clampf(c1 * a[i], lo[i], hi[i]);
		if (sum >= avail || c1 > 1e12f)
			break;
		c1 *= 2;
	}
	for (int it = 0; it < 60; it++) {
		float c = (c0 + c1) / 2, sum = 0;
		for (int i = 0; i < ncols; i++)
			if (cols[i].rel <= 0)
				sum += clampf(c * a[i], lo[i], hi[i]);
		if (sum < avail)
			c0 = c;
		else
			c1 = c;
	}
	for (int i = 0; i < ncols; i++)
		if (cols[i].rel <= 0)
			cols[i].rel = clampf(c1 * a[i], lo[i], hi[i]);
}

float tbl_col_width(const tbl *t, int col)
{
	return t->colx[col + 1] - t->colx[col];
}

/* ---- structure (see the top of the file) ---------------------------- */

/* The TR of a new row of kind: under THead or TBody of the Table, made
 * when the first row comes.  For a table for layout only, the element its
 * cells' paragraphs go under.  0 when the document is untagged. */
static uint32_t row_struct(tbl *t, tbl_row_kind kind)
{
	lay_flow *f = t->f;
	if (!f->tree)
		return 0;
	if (!t->s_table && !t->layout_only) {
		if (kind != TBL_BODY)
			t->s_table = lay_flow_struct(f, LAY_S_TABLE);
		else
			t->layout_only = 1;
	}
	if (t->layout_only)
		return f->parent ? f->parent : 1;
	int head = kind == TBL_HEADER;
	uint32_t *group = head ? &t->s_head : &t->s_body;
	if (!*group)
		*group = lay_tree_add(f->tree, t->s_table,
				      head ? LAY_S_THEAD : LAY_S_TBODY);
	return lay_tree_add(f->tree, *group, LAY_S_TR);
}

/* The element of a cell of a row of kind in row element tr (0: none, a
 * repetition), spanning rows x cols.  The cells of a sticky row head the
 * columns of the rows below it (Scope Column), unless it is one cell, a
 * band naming the group of rows that follows (Scope Row). */
static uint32_t cell_struct(tbl *t, uint32_t tr, tbl_row_kind kind, int rows,
			    int cols, int empty, int band)
{
	lay_tree *tree = t->f->tree;
	if (!tr)
		return 0;
	if (t->layout_only)
		return empty ? 0 : lay_tree_add(tree, tr, LAY_S_P);
	uint32_t id =
		lay_tree_add(tree, tr, kind == TBL_BODY ? LAY_S_TD : LAY_S_TH);
	lay_tree_span(tree, id, rows, cols);
	if (kind != TBL_BODY)
		lay_tree_scope(tree, id,
			       kind == TBL_HEADER || !band ? LAY_SCOPE_COLUMN
							   : LAY_SCOPE_ROW);
	return id;
}

/* The Figure of cell ac's bar or sparkline (tbl_cell.alt) under the cell,
 * or 0 (an artifact). */
static uint32_t figure(tbl *t, const active *ac)
{
	if (!ac->c.alt || !*ac->c.alt || !ac->sid || ac->own_text)
		return 0;
	uint32_t id = lay_tree_add(t->f->tree, ac->sid, LAY_S_FIGURE);
	lay_tree_alt(t->f->tree, id, ac->c.alt);
	return id;
}

static int empty_text(const char *s)
{
	return !s || !*s;
}

/* The elements of a row placed flat (a header or sticky row): its cells
 * left to right, then the empty cells that close the grid, as
 * open_cells() opens them when no span is open. */
static void flat_struct(tbl *t, trow *r)
{
	int col = 0;
	r->tr = row_struct(t, r->kind);
	for (int i = 0; i < r->ncells && col < t->ncols; i++) {
		const tbl_cell *c = &r->cells[i];
		int span = c->colspan > 1 ? c->colspan : 1;
		if (span > t->ncols - col)
			span = t->ncols - col;
		r->sid[col] = cell_struct(t, r->tr, r->kind, 1, span,
					  empty_text(c->text), r->ncells == 1);
		col += span;
	}
	for (; col < t->ncols; col++)
		r->sid[col] =
			cell_struct(t, r->tr, r->kind, 1, 1, 1, r->ncells == 1);
	r->pre = 1;
}

/* A cell's sparkline: segments between consecutive values, one line
 * high at the top of the cell (a NAN value leaves a gap). */
static void sparkline(tbl *t, const active *ac, float h)
{
	float x0 = ac->x + t->o.pad_x, w = cell_inner(t, ac->w);
	float y1 = ac->top + t->o.pad_y + h * 0.9f, span = h * 0.8f;
	float step = w / (float)(ac->c.nspark - 1);
	for (int k = 1; k < ac->c.nspark; k++) {
		float a = ac->c.spark[k - 1], b = ac->c.spark[k];
		if (isnan(a) || isnan(b))
			continue;
		lay_add_rule(t->f, x0 + step * (float)(k - 1), y1 - span * a,
			     x0 + step * (float)k, y1 - span * b, 0.8f,
			     ac->c.spark_color);
	}
}

/* Draw the box of an open cell from its top to bottom and the lines that
 * fit in it; advance ac->next past them. */
static void close_portion(tbl *t, active *ac, float bottom)
{
	lay_flow *f = t->f;
	const lay_style *st = style_of(t, ac->c.style);
	float avail = bottom - ac->top - 2 * t->o.pad_y;
	int cap = ac->cap; /* for this portion only */
	ac->cap = -1;
	if (bottom - ac->top < 0.01f)
		return; /* nothing of it on this page */
	int fit = avail > 0 ? (int)((avail + 0.01f) / st->leading) : 0;
	int left = ac->lines.n - ac->next;
	if (fit > left)
		fit = left;
	if (cap >= 0 && fit > cap)
		fit = cap;
	/* A word broken after '/' or '-' stays whole across a page break:
	 * its first part goes over with it. */
	if (fit > 1 && fit < left) {
		const lay_line *l = &ac->lines.line[ac->next + fit - 1];
		if (l->len && l->s + l->len == l[1].s &&
		    (l->s[l->len - 1] == '/' || l->s[l->len - 1] == '-'))
			fit--;
	}
	if (ac->c.fill != TBL_NOFILL)
		lay_add_fill(f, ac->x, ac->top, ac->w, bottom - ac->top,
			     ac->c.fill);
	float line_h = fminf(bottom - ac->top - 2 * t->o.pad_y, st->leading);
	uint32_t was = f->sid;
	if (ac->next == 0 && (ac->c.bar > 0 || ac->c.nspark > 1))
		f->sid = figure(t, ac);
	if (ac->c.bar > 0 && ac->next == 0) {
		float frac = ac->c.bar > 1 ? 1 : ac->c.bar;
		lay_add_fill(f, ac->x + t->o.pad_x, ac->top + t->o.pad_y,
			     cell_inner(t, ac->w) * frac, line_h,
			     ac->c.bar_color);
	}
	if (ac->c.nspark > 1 && ac->next == 0)
		sparkline(t, ac, line_h);
	f->sid = was;
	if (fit > 0) {
		/* A text started again ("(segue)") is an artifact when it
		 * repeats what was placed; when it also carries the rest
		 * (a label cut before its end), it is the cell's content. */
		f->sid = ac->own_text && ac->repeat ? 0 : ac->sid;
		int align = ac->c.align >= 0 ? ac->c.align : LAY_LEFT;
		uint32_t color =
			ac->c.color == TBL_STYLECOLOR ? st->color : ac->c.color;
		if (ac->c.rich.n && ac->lines.n && ac->c.text &&
		    ac->lines.line[0].s >= ac->c.text &&
		    ac->lines.line[0].s <= ac->c.text + strlen(ac->c.text))
			lay_place_rich(f, ac->c.style, ac->c.text, ac->c.rich,
				       ac->lines.line + ac->next, fit,
				       ac->x + t->o.pad_x, cell_inner(t, ac->w),
				       ac->top + t->o.pad_y, align, ac->c.flags,
				       color);
		else {
			if (ac->own_text) /* t->a may go before the page */
				for (int k = ac->next; k < ac->next + fit; k++)
					ac->lines.line[k].s = arena_strndup(
						&f->page_arena,
						ac->lines.line[k].s,
						ac->lines.line[k].len);
			lay_place_lines(
				f, ac->c.style, ac->lines.line + ac->next, fit,
				ac->x + t->o.pad_x, cell_inner(t, ac->w),
				ac->top + t->o.pad_y, align, ac->c.flags,
				color);
		}
		ac->next += fit;
		ac->placed_any = 1;
		f->sid = was;
	}
	if (t->o.border > 0) {
		/* Top and left edges; the right edge only at the table's
		 * right side.  Bottom edges are the tops of the cells below,
		 * or the table's closing rule (table_rule). */
		float x0 = ac->x, x1 = ac->x + ac->w;
		float lw = t->o.border;
		uint32_t bc = t->o.border_color;
		lay_add_rule(f, x0, ac->top, x1, ac->top, lw, bc);
		lay_add_rule(f, x0, ac->top, x0, bottom, lw, bc);
		if (x1 >= t->colx[t->ncols] - 0.01f)
			lay_add_rule(f, x1, ac->top, x1, bottom, lw, bc);
	}
}

/* Height a fresh cell needs for all its lines. */
static float cell_need(const tbl *t, const active *ac)
{
	const lay_style *st = style_of(t, ac->c.style);
	int n = ac->lines.n - ac->next;
	if (n < 1)
		n = 1;
	return 2 * t->o.pad_y + (float)n * st->leading;
}

/* Open the cells of row r in the free columns, with their top at top. */
static void open_cells(tbl *t, const trow *r, float top)
{
	int col = 0;
	for (int i = 0; i < r->ncells; i++) {
		while (col < t->ncols && t->act[col].open)
			col += t->act[col].ncols;
		if (col >= t->ncols)
			break;
		const tbl_cell *c = &r->cells[i];
		int span = c->colspan > 1 ? c->colspan : 1;
		/* Stop the span before a column that is still covered. */
		int k;
		for (k = 1; k < span && col + k < t->ncols; k++)
			if (t->act[col + k].open)
				break;
		span = k;
		active *ac = &t->act[col];
		ac->open = 1;
		ac->c = *c;
		if (ac->c.align < 0)
			ac->c.align = t->cols[col].align;
		ac->ncols = span;
		ac->x = t->colx[col];
		ac->w = t->colx[col + span] - t->colx[col];
		ac->next = 0;
		ac->placed_any = 0;
		ac->rows_left = (r->kind == TBL_BODY && c->rowspan > 1)
					? c->rowspan
					: 1;
		ac->top = top;
		ac->span = ac->rows_left;
		ac->fresh = 1;
		ac->noted = 0;
		ac->own_text = 0;
		ac->repeat = 0;
		ac->cap = -1;
		ac->cont = t->o.cont[col];
		ac->note_lines = NULL;
		ac->sid = r->pre ? r->sid[col]
				 : cell_struct(t, r->tr, r->kind, ac->span,
					       span, empty_text(c->text), 0);
		break_cell(t, ac, c->text);
		t->nact++;
		col += span;
	}
	/* Columns left without a cell get an empty one, so the grid is
	 * closed. */
	while (col < t->ncols) {
		if (t->act[col].open) {
			col += t->act[col].ncols;
			continue;
		}
		active *ac = &t->act[col];
		memset(ac, 0, sizeof *ac);
		ac->open = 1;
		ac->c.text = "";
		ac->c.style = r->ncells ? r->cells[0].style : 0;
		ac->c.align = LAY_LEFT;
		ac->c.fill =
			r->ncells ? r->cells[r->ncells - 1].fill : TBL_NOFILL;
		ac->c.color = TBL_STYLECOLOR;
		ac->ncols = 1;
		ac->x = t->colx[col];
		ac->w = t->colx[col + 1] - t->colx[col];
		ac->rows_left = 1;
		ac->span = 1;
		ac->fresh = 1;
		ac->top = top;
		ac->lines.n = 0;
		ac->cap = -1;
		ac->sid = r->pre ? r->sid[col]
				 : cell_struct(t, r->tr, r->kind, 1, 1, 1, 0);
		t->nact++;
		col++;
	}
}

/* Height the current row needs from y0: enough for every cell ending in
 * it. */
static float row_need(const tbl *t, float y0)
{
	float h = 0;
	for (int c = 0; c < t->ncols; c++) {
		const active *ac = &t->act[c];
		if (!ac->open || ac->rows_left != 1)
			continue;
		float need = ac->top + cell_need(t, ac) - y0;
		if (need > h)
			h = need;
	}
	return h;
}

static int orphans(const tbl *t)
{
	return t->o.orphans > 0 ? t->o.orphans : 2;
}

static int widows(const tbl *t)
{
	return t->o.widows > 0 ? t->o.widows : 1;
}

/* Smallest part of the current row worth leaving at a page foot. */
static float row_min_part(const tbl *t, float y0)
{
	float h = 0;
	for (int c = 0; c < t->ncols; c++) {
		const active *ac = &t->act[c];
		if (!ac->open || ac->top < y0)
			continue;
		const lay_style *st = style_of(t, ac->c.style);
		int n = ac->lines.n - ac->next;
		n = n < 1 ? 1 : n > orphans(t) ? orphans(t) : n;
		float need = 2 * t->o.pad_y + (float)n * st->leading;
		if (need > h)
			h = need;
	}
	return h;
}

static void place_simple(tbl *t, const trow *r, int repeated);
static int lines_fit(const tbl *t, const active *ac, float bottom);

/* The rule that closes the table at y, across its whole width. */
static void table_rule(tbl *t, float y)
{
	if (t->o.border > 0)
		lay_add_rule(t->f, t->colx[0], y, t->colx[t->ncols], y,
			     t->o.border, t->o.border_color);
}

/* Start the text of cell ac again as s. */
static void restart(tbl *t, active *ac, const char *s)
{
	/* In the table's arena: the page's is recycled when the page is
	 * emitted, and these lines may go on to the next page. */
	break_cell(t, ac, s);
	ac->own_text = 1;
	ac->next = 0;
}

/* What a cell cut by a page break shows on the next page (tbl_cont). */
static void continuation(tbl *t, active *ac)
{
	const char *text = ac->c.text ? ac->c.text : "";
	const char *segue = t->o.segue ? t->o.segue : "";
	int done = ac->next == ac->lines.n;
	switch (ac->cont) {
	case TBL_CONT_LABEL:
		if (ac->c.label && *ac->c.label)
			text = ac->c.label;
		/* fall through */
	case TBL_CONT_FULL:
		if (*text)
			restart(t, ac,
				*segue ? arena_printf(&t->a, "%s %s", text,
						      segue)
				       : text);
		break;
	case TBL_CONT_REST:
		if (done && ac->span > 1 && *text && *segue)
			restart(t, ac, segue);
		break;
	case TBL_CONT_NONE:
		break;
	case TBL_CONT_DEFAULT:
		if (t->o.span_mode == TBL_SPAN_REPEAT && ac->span > 1 && done &&
		    *text && *segue)
			restart(t, ac,
				arena_printf(&t->a, "%s %s", text, segue));
		break;
	}
}

/* Page break inside the table: close the open cells at y, go to a new
 * page, repeat the header rows and the sticky rows of levels < upto, and
 * reopen the cells there. */
static void table_break(tbl *t, float y, int upto)
{
	lay_flow *f = t->f;
	/* A cell that goes on with its rest carries at least widows lines
	 * (a row split has set its caps already). */
	for (int c = 0; c < t->ncols; c++) {
		active *ac = &t->act[c];
		if (!ac->open || ac->cap >= 0 || ac->cont == TBL_CONT_LABEL ||
		    ac->cont == TBL_CONT_FULL)
			continue;
		int left = ac->lines.n - ac->next;
		int fit = lines_fit(t, ac, y);
		if (fit < left && left - fit < widows(t))
			ac->cap = left > widows(t) ? left - widows(t) : 0;
	}
	for (int c = 0; c < t->ncols; c++)
		if (t->act[c].open)
			close_portion(t, &t->act[c], y);
	table_rule(t, y);
	lay_flow_new_page(f);
	t->rows_on_page = 0;
	for (int i = 0; i < t->nheaders; i++)
		place_simple(t, &t->headers[i], 1);
	for (int l = 0; l < upto && l < TBL_LEVELS; l++)
		if (t->has_sticky[l])
			place_simple(t, &t->sticky[l], 1);
	for (int c = 0; c < t->ncols; c++) {
		active *ac = &t->act[c];
		if (!ac->open)
			continue;
		ac->top = f->y;
		int done = ac->next >= ac->lines.n, next = ac->next;
		if (ac->placed_any)
			continuation(t, ac);
		if (next > 0 && ac->next == 0) /* started again */
			ac->repeat = done;
	}
}

/* The line count of each footnote of cell ac, measured on the first call
 * only: a row is asked for its notes' height again and again while it
 * looks for room, and the lines do not change. */
static const int *note_lines(tbl *t, active *ac)
{
	if (!ac->note_lines && ac->c.nnotes > 0) {
		ac->note_lines =
			arena_alloc(&t->a, sizeof(int) * (size_t)ac->c.nnotes);
		for (int i = 0; i < ac->c.nnotes; i++)
			ac->note_lines[i] = lay_flow_note_lines(
				t->f, t->o.note_style, ac->c.notes[i]);
	}
	return ac->note_lines;
}

/* Height the footnotes of the row's cells would take on this page. */
static float notes_need(tbl *t)
{
	float h = 0;
	int n = 0, st = t->o.note_style;
	for (int c = 0; c < t->ncols; c++) {
		active *ac = &t->act[c];
		if (!ac->open || ac->noted || ac->c.nnotes <= 0)
			continue;
		const int *lines = note_lines(t, ac);
		for (int i = 0; i < ac->c.nnotes; i++, n++)
			h += lay_flow_note_lines_height(t->f, st, lines[i]);
	}
	/* Each was measured as if it were the page's first: one separator
	 * is enough. */
	if (n > 1 && t->f->nnotes == 0)
		h -= (float)(n - 1) * (lay_flow_note_lines_height(t->f, st, 1) -
				       t->f->styles[st].leading);
	return h;
}

static void add_notes(tbl *t, const tbl_cell *c)
{
	for (int i = 0; i < c->nnotes; i++)
		lay_flow_note(t->f, t->o.note_style, c->notes[i]);
}

/* Footnotes go at the foot of the page where their cell starts (where its
 * text, and so its marker, begins); their room was counted by
 * notes_need(). */
static void add_open_notes(tbl *t)
{
	for (int c = 0; c < t->ncols; c++) {
		active *ac = &t->act[c];
		if (ac->open && !ac->noted) {
			add_notes(t, &ac->c);
			ac->noted = 1;
		}
	}
}

/* Lines of open cell ac that fit above bottom. */
static int lines_fit(const tbl *t, const active *ac, float bottom)
{
	const lay_style *st = style_of(t, ac->c.style);
	float avail = bottom - ac->top - 2 * t->o.pad_y;
	int fit = avail > 0 ? (int)((avail + 0.01f) / st->leading) : 0;
	int left = ac->lines.n - ac->next;
	return fit > left ? left : fit;
}

/* Before the row is split at bottom: each cell cut there carries at least
 * widows lines over, taken back from the foot.  Returns 0 when a cell that
 * starts in this row would then leave fewer than orphans lines (or none)
 * at the foot, or when every cell cut would show only its label on the
 * next page (a page of nothing but "N. Titolo (segue)"): the row should
 * move whole. */
static int keep_widows(tbl *t, float bottom)
{
	int ok = 1, cut = 0, shows = 0;
	for (int c = 0; c < t->ncols; c++) {
		active *ac = &t->act[c];
		if (!ac->open)
			continue;
		int left = ac->lines.n - ac->next;
		int fit = lines_fit(t, ac, bottom);
		if (fit >= left)
			continue;
		cut = 1;
		shows |= ac->cont != TBL_CONT_LABEL;
		if (left - fit < widows(t))
			fit = left - widows(t);
		if (fit < 0)
			fit = 0;
		if (ac->fresh && left > 0 &&
		    fit < (left < orphans(t) ? left : orphans(t)))
			ok = 0;
		ac->cap = fit;
	}
	if (cut && !shows)
		ok = 0;
	if (!ok)
		for (int c = 0; c < t->ncols; c++)
			t->act[c].cap = -1;
	return ok;
}

/* Place the row whose cells are open, splitting it across pages when it
 * does not fit. */
static void place_open_row(tbl *t)
{
	lay_flow *f = t->f;
	int force = 0;
	for (;;) {
		float y0 = f->y;
		float h = row_need(t, y0);
		float room = f->limit - y0 - notes_need(t);
		if (t->body_mark &&
		    (h <= room + 0.01f || force || t->rows_on_page == 0 ||
		     row_min_part(t, y0) <= room)) {
			/* The row starts here, whole or split. */
			lay_add_mark(f, t->o.mark_body, t->body_mark, y0);
			t->body_mark = NULL;
		}
		if (h <= room + 0.01f || force) {
			float y1 = y0 + h;
			add_open_notes(t);
			for (int c = 0; c < t->ncols; c++) {
				active *ac = &t->act[c];
				if (!ac->open)
					continue;
				ac->fresh = 0;
				if (ac->rows_left == 1) {
					close_portion(t, ac, y1);
					ac->open = 0;
					t->nact--;
				} else {
					ac->rows_left--;
				}
			}
			f->y = y1;
			f->empty = 0;
			t->rows_on_page++;
			return;
		}
		/* Does not fit: split if at least two lines stay here (or
		 * the page holds nothing of ours), else move the row. */
		int at_top = t->rows_on_page == 0;
		if (!at_top && row_min_part(t, y0) > room) {
			table_break(t, y0, TBL_LEVELS);
			continue;
		}
		if (!at_top && !keep_widows(t, f->limit)) {
			table_break(t, y0, TBL_LEVELS);
			continue;
		}
		int before = 0, after = 0;
		for (int c = 0; c < t->ncols; c++)
			before += t->act[c].open ? t->act[c].next : 0;
		add_open_notes(t); /* the row starts on this page */
		table_break(t, f->limit, TBL_LEVELS);
		for (int c = 0; c < t->ncols; c++)
			after += t->act[c].open ? t->act[c].next : 0;
		/* Not one line fitted on a page of its own: a template with
		 * absurd sizes.  Let the row overflow rather than loop. */
		if (after == before && at_top)
			force = 1;
	}
}

/* Place a row without spans (header, band, group) at the flow's y. */
static void place_simple(tbl *t, const trow *r, int repeated)
{
	lay_flow *f = t->f;
	trow tmp;
	const trow *use = r;
	if (repeated && r->kind != TBL_HEADER && t->o.segue && r->ncells) {
		tmp = *r;
		tmp.cells[0].text = arena_printf(
			&f->page_arena, "%s %s",
			r->cells[0].text ? r->cells[0].text : "", t->o.segue);
		/* Columns that go on with their rest show nothing again. */
		int col = 0;
		for (int i = 0; i < tmp.ncells && col < t->ncols; i++) {
			tbl_cont m = t->o.cont[col];
			if (i > 0 &&
			    (m == TBL_CONT_REST || m == TBL_CONT_NONE)) {
				tmp.cells[i].text = "";
				tmp.cells[i].notes = NULL;
				tmp.cells[i].nnotes = 0;
			}
			col += tmp.cells[i].colspan > 1 ? tmp.cells[i].colspan
							: 1;
		}
		use = &tmp;
	}
	/* These rows never carry spans: open them in a scratch table
	 * state. */
	active saved[TBL_MAX_COLS];
	int saved_n = t->nact;
	memcpy(saved, t->act, sizeof saved);
	memset(t->act, 0, sizeof t->act);
	t->nact = 0;
	trow flat = *use;
	if (repeated) /* artifacts */
		flat.tr = 0, flat.pre = 0;
	for (int i = 0; i < flat.ncells; i++)
		flat.cells[i].rowspan = 1;
	flat.kind = TBL_HEADER;
	open_cells(t, &flat, f->y);
	float h = row_need(t, f->y);
	float y1 = f->y + h;
	if (!repeated && r->kind >= TBL_STICKY(0)) {
		int level = t->o.mark_level[r->kind - TBL_STICKY(0)];
		if (level >= 0)
			lay_add_mark(f, level,
				     r->mark ? r->mark
					     : (r->ncells && r->cells[0].text
							? r->cells[0].text
							: ""),
				     f->y);
	}
	for (int c = 0; c < t->ncols; c++)
		if (t->act[c].open)
			close_portion(t, &t->act[c], y1);
	if (!repeated)
		for (int i = 0; i < use->ncells; i++)
			add_notes(t, &use->cells[i]);
	f->y = y1;
	f->empty = 0;
	memcpy(t->act, saved, sizeof saved);
	t->nact = saved_n;
}

static float simple_height(tbl *t, const trow *r)
{
	float h = 0;
	float pad = 2 * t->o.pad_y;
	int col = 0;
	for (int i = 0; i < r->ncells && col < t->ncols; i++) {
		const tbl_cell *c = &r->cells[i];
		int span = c->colspan > 1 ? c->colspan : 1;
		if (col + span > t->ncols)
			span = t->ncols - col;
		const lay_style *st = style_of(t, c->style);
		float w = t->colx[col + span] - t->colx[col];
		lay_lines ls =
			c->rich.n && c->text
				? lay_break_rich(&t->a, t->f->fonts, st,
						 c->text, c->rich,
						 cell_inner(t, w))
				: lay_break_h(&t->a, t->f->fonts[st->font],
					      st->size, c->text ? c->text : "",
					      cell_inner(t, w), t->f->hyph);
		float ch = pad + (float)(ls.n ? ls.n : 1) * st->leading;
		if (ch > h)
			h = ch;
		col += span;
	}
	return h;
}

/* Height of the header rows plus the pending chain. */
static float lead_in_height(tbl *t, int with_headers)
{
	float h = 0;
	if (with_headers)
		for (int i = 0; i < t->nheaders; i++)
			h += simple_height(t, &t->headers[i]);
	for (int i = 0; i < t->nchain; i++)
		h += simple_height(t, &t->chain[i]);
	return h;
}

/* Close spans that a sticky row interrupts. */
static void end_spans(tbl *t)
{
	if (t->nact == 0)
		return;
	for (int c = 0; c < t->ncols; c++) {
		active *ac = &t->act[c];
		if (!ac->open)
			continue;
		/* It ends in the row below: what it spans in fact. */
		lay_tree_span(t->f->tree, ac->sid, ac->span - ac->rows_left + 1,
			      ac->ncols);
		ac->rows_left = 1;
	}
	trow empty;
	memset(&empty, 0, sizeof empty);
	empty.kind = TBL_BODY;
	empty.tr = row_struct(t, TBL_BODY);
	open_cells(t, &empty, t->f->y);
	place_open_row(t);
}

static void place_chain_row(tbl *t, const trow *r)
{
	int level = r->kind - TBL_STICKY(0);
	place_simple(t, r, 0);
	t->sticky[level] = *r;
	t->has_sticky[level] = 1;
	for (int l = level + 1; l < TBL_LEVELS; l++)
		t->has_sticky[l] = 0;
}

/* Place the waiting sticky rows.  The caller made room for the chain and
 * the start of what follows; a chain taller than the room left (a run of
 * empty sections) breaks where it must, repeating the levels above. */
static void place_chain(tbl *t)
{
	lay_flow *f = t->f;
	for (int i = 0; i < t->nchain; i++) {
		const trow *r = &t->chain[i];
		if (f->y + simple_height(t, r) > f->limit && !f->empty)
			table_break(t, f->y, r->kind - TBL_STICKY(0));
		place_chain_row(t, r);
	}
	t->nchain = 0;
}

void tbl_row(tbl *t, tbl_row_kind kind, const tbl_cell *cells, int ncells,
	     const char *mark_title)
{
	lay_flow *f = t->f;
	trow r;
	if (ncells > TBL_MAX_COLS)
		ncells = TBL_MAX_COLS;
	r.kind = kind;
	r.ncells = ncells;
	memcpy(r.cells, cells, (size_t)ncells * sizeof *cells);
	r.mark = mark_title;
	r.tr = 0;
	r.pre = 0;

	if (kind == TBL_HEADER) {
		flat_struct(t, &r);
		t->headers = xrealloc(t->headers,
				      (size_t)(t->nheaders + 1) * sizeof(trow));
		t->headers[t->nheaders++] = r;
		return;
	}
	if (kind >= TBL_STICKY(TBL_LEVELS))
		kind = TBL_STICKY(TBL_LEVELS - 1);
	r.kind = kind;
	if (kind >= TBL_STICKY(0)) {
		end_spans(t);
		flat_struct(t, &r);
		if (t->nchain == t->capchain) {
			t->capchain = t->capchain * 2 + 4;
			t->chain = xrealloc(t->chain,
					    (size_t)t->capchain * sizeof(trow));
		}
		t->chain[t->nchain++] = r;
		return;
	}

	/* A body row: first make room for what must stay with it. */
	float y0 = f->y;
	r.tr = row_struct(t, TBL_BODY);
	open_cells(t, &r, y0);
	float first = row_min_part(t, y0);
	float full = row_need(t, y0);
	if (full < first)
		first = full;
	first += notes_need(t);
	if (!t->started) {
		lay_flow_begin(f, lead_in_height(t, 1) + first);
		t->started = 1;
		t->rows_on_page = 0;
		for (int i = 0; i < t->nheaders; i++)
			place_simple(t, &t->headers[i], 0);
	} else if (t->nchain &&
		   f->y + lead_in_height(t, 0) + first > f->limit &&
		   t->rows_on_page > 0) {
		/* Move the chain to the next page, with the sticky rows
		 * above its first level. */
		table_break(t, f->y, t->chain[0].kind - TBL_STICKY(0));
	}
	place_chain(t);
	/* The row's own cells start below the lead-in. */
	for (int c = 0; c < t->ncols; c++)
		if (t->act[c].open && t->act[c].fresh)
			t->act[c].top = f->y;
	t->body_mark = mark_title && t->o.mark_body >= 0 ? mark_title : NULL;
	place_open_row(t);
	t->body_mark = NULL;
	if (t->nact == 0)
		arena_reset(&t->a);
}

void tbl_end(tbl *t)
{
	end_spans(t);
	if (t->started && !t->nchain)
		table_rule(t, t->f->y);
	if (t->nchain) {
		/* Trailing band/group rows with no body row after them. */
		lay_flow_begin(t->f, lead_in_height(t, !t->started));
		if (!t->started)
			for (int i = 0; i < t->nheaders; i++)
				place_simple(t, &t->headers[i], 0);
		place_chain(t);
		table_rule(t, t->f->y);
	}
	arena_free(&t->a);
	free(t->headers);
	free(t->chain);
	free(t);
}
