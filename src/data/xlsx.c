/*
 * xlsx.c - reading an Office Open XML workbook (.xlsx) into sheet tables
 * (see workbook.h).
 *
 * Parts, each streamed once through expat: _rels/.rels (where the
 * workbook part is), the workbook (sheet names, order, visibility, the
 * 1904 date system), its relationships (which part holds which sheet, the
 * styles and the shared strings), the styles (the number format of each
 * cell style), the shared strings (kept: the plan's own texts), then each
 * sheet, whose cells go straight to the row builder.  Element and
 * attribute names are matched by their local name, so the transitional
 * and the strict namespaces and prefixed writers all read alike.
 */
#include "wbint.h"
#include "cell.h"

#include <stdlib.h>
#include <string.h>

typedef struct rel {
	const char *id, *type, *target;
} rel;

typedef struct xlsx {
	wb_ctx *w;
	/* workbook.xml */
	int date1904;
	int nsheets;
	struct {
		const char *name, *rid;
		int hidden;
	} sheet[WB_MAX_SHEETS];
	/* relationships of the workbook part */
	rel *rels;
	int nrels, rels_cap;
	/* styles: number format code of each cellXfs entry */
	const char **xf_fmt;
	int nxf, xf_cap;
	struct {
		int id;
		const char *code;
	} * numfmt;
	int nnumfmt, numfmt_cap;
	/* shared strings */
	const char **sst;
	int nsst, sst_cap;
} xlsx;

/* Text collected from the elements that hold it. */
typedef struct collect {
	buf b;
	int on;
	int depth_skip; /* inside <rPh> (phonetic runs): not shown */
	int full;	/* more than a cell may hold: the rest is dropped */
} collect;

static void collect_text(collect *c, const char *s, int n)
{
	if (!c->on || c->depth_skip)
		return;
	if (c->b.len + (size_t)n > CSV_MAX_FIELD_BYTES + 1) {
		c->full = 1;
		return;
	}
	buf_append(&c->b, s, (size_t)n);
}

/* ---- relationships -------------------------------------------------- */

typedef struct rels_ud {
	wb_xml x;
	xlsx *X;
} rels_ud;

static void XMLCALL rels_start(void *ud, const char *el, const char **at)
{
	xlsx *X = ((rels_ud *)ud)->X;
	if (strcmp(wb_local(el), "Relationship"))
		return;
	const char *id = wb_attr(at, "Id"), *type = wb_attr(at, "Type"),
		   *target = wb_attr(at, "Target");
	if (!id || !type || !target)
		return;
	GROW(X->rels, X->nrels, X->rels_cap);
	arena *a = X->w->a;
	X->rels[X->nrels++] = (rel){arena_strdup(a, id), arena_strdup(a, type),
				    arena_strdup(a, target)};
}

static void XMLCALL no_end(void *ud, const char *el)
{
	(void)ud, (void)el;
}

static void XMLCALL no_text(void *ud, const char *s, int n)
{
	(void)ud, (void)s, (void)n;
}

/* The part a relationship target names, relative to the folder of base
 * ("xl/workbook.xml" + "worksheets/sheet1.xml"), or absolute ("/xl/..."). */
static const char *resolve_part(xlsx *X, const char *base, const char *target)
{
	if (*target == '/')
		return arena_strdup(X->w->a, target + 1);
	const char *slash = strrchr(base, '/');
	size_t dl = slash ? (size_t)(slash - base) : 0;
	while (!strncmp(target, "../", 3)) {
		target += 3;
		while (dl > 0 && base[dl - 1] != '/')
			dl--;
		if (dl > 0)
			dl--;
	}
	return dl ? arena_printf(X->w->a, "%.*s/%s", (int)dl, base, target)
		  : arena_strdup(X->w->a, target);
}

/* The target of the first relationship whose type ends in suffix. */
static const rel *rel_of_type(xlsx *X, const char *suffix)
{
	size_t sl = strlen(suffix);
	for (int i = 0; i < X->nrels; i++) {
		size_t tl = strlen(X->rels[i].type);
		if (tl >= sl && !strcmp(X->rels[i].type + tl - sl, suffix))
			return &X->rels[i];
	}
	return NULL;
}

/* ---- workbook.xml ----------------------------------------------------- */

static void XMLCALL book_start(void *ud, const char *el, const char **at)
{
	xlsx *X = ((rels_ud *)ud)->X;
	const char *l = wb_local(el);
	if (!strcmp(l, "workbookPr")) {
		const char *v = wb_attr(at, "date1904");
		X->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	} else if (!strcmp(l, "sheet")) {
		const char *name = wb_attr(at, "name"),
			   *rid = wb_attr(at, "id");
		const char *state = wb_attr(at, "state");
		if (!name || !rid || X->nsheets >= WB_MAX_SHEETS)
			return;
		arena *a = X->w->a;
		X->sheet[X->nsheets].name = arena_strdup(a, name);
		X->sheet[X->nsheets].rid = arena_strdup(a, rid);
		X->sheet[X->nsheets].hidden =
			state && strcmp(state, "visible") != 0;
		X->nsheets++;
	}
}

/* ---- styles.xml ------------------------------------------------------- */

typedef struct styles_ud {
	wb_xml x;
	xlsx *X;
	int in_cellxfs;
} styles_ud;

static void XMLCALL styles_start(void *ud, const char *el, const char **at)
{
	styles_ud *u = ud;
	xlsx *X = u->X;
	const char *l = wb_local(el);
	if (!strcmp(l, "cellXfs")) {
		u->in_cellxfs = 1;
	} else if (!strcmp(l, "numFmt")) {
		const char *id = wb_attr(at, "numFmtId");
		const char *code = wb_attr(at, "formatCode");
		if (!id || !code)
			return;
		GROW(X->numfmt, X->nnumfmt, X->numfmt_cap);
		X->numfmt[X->nnumfmt].id = atoi(id);
		X->numfmt[X->nnumfmt++].code = arena_strdup(X->w->a, code);
	} else if (!strcmp(l, "xf") && u->in_cellxfs) {
		const char *id = wb_attr(at, "numFmtId");
		int n = id ? atoi(id) : 0;
		const char *code = cell_builtin_format(n);
		for (int i = 0; i < X->nnumfmt; i++)
			if (X->numfmt[i].id == n)
				code = X->numfmt[i].code;
		GROW(X->xf_fmt, X->nxf, X->xf_cap);
		X->xf_fmt[X->nxf++] = code;
	}
}

static void XMLCALL styles_end(void *ud, const char *el)
{
	if (!strcmp(wb_local(el), "cellXfs"))
		((styles_ud *)ud)->in_cellxfs = 0;
}

/* ---- sharedStrings.xml ------------------------------------------------ */

typedef struct sst_ud {
	wb_xml x;
	xlsx *X;
	collect c;
} sst_ud;

static void XMLCALL sst_start(void *ud, const char *el, const char **at)
{
	sst_ud *u = ud;
	const char *l = wb_local(el);
	(void)at;
	if (!strcmp(l, "si")) {
		buf_reset(&u->c.b);
		buf_reserve(&u->c.b, 1);
		u->c.full = 0;
	} else if (!strcmp(l, "rPh")) {
		u->c.depth_skip++;
	} else if (!strcmp(l, "t")) {
		u->c.on = 1;
	}
}

static void XMLCALL sst_end(void *ud, const char *el)
{
	sst_ud *u = ud;
	xlsx *X = u->X;
	const char *l = wb_local(el);
	if (!strcmp(l, "rPh")) {
		u->c.depth_skip--;
	} else if (!strcmp(l, "t")) {
		u->c.on = 0;
	} else if (!strcmp(l, "si")) {
		size_t n = cell_unescape_x(u->c.b.data, u->c.b.len);
		GROW(X->sst, X->nsst, X->sst_cap);
		X->sst[X->nsst++] = arena_strndup(X->w->a, u->c.b.data, n);
	}
}

static void XMLCALL sst_text(void *ud, const char *s, int n)
{
	collect_text(&((sst_ud *)ud)->c, s, n);
}

/* ---- a worksheet ------------------------------------------------------ */

typedef struct merge {
	int c0, r0, c1, r1;
} merge;

typedef struct sheet_ud {
	wb_xml x;
	xlsx *X;
	wb_builder b;
	wb_sheet *sh;
	int in_data;  /* inside <sheetData> */
	int next_row; /* for rows without r= */
	int next_col; /* for cells without r= */
	/* the cell being read */
	int col, style, has_f, has_v, in_cell;
	char type[12];
	collect c;
	merge *merges;
	int nmerges, merges_cap;
} sheet_ud;

static void cell_start(sheet_ud *u, const char **at)
{
	const char *r = wb_attr(at, "r"), *s = wb_attr(at, "s"),
		   *t = wb_attr(at, "t");
	int col, row;
	if (r && cell_ref_parse(r, &col, &row) == 0)
		u->col = col;
	else
		u->col = u->next_col;
	u->next_col = u->col + 1;
	u->style = s ? atoi(s) : 0;
	snprintf(u->type, sizeof u->type, "%s", t ? t : "n");
	u->has_f = u->has_v = 0;
	u->in_cell = 1;
	buf_reset(&u->c.b);
	u->c.full = 0;
}

static void XMLCALL sheet_start(void *ud, const char *el, const char **at)
{
	sheet_ud *u = ud;
	const char *l = wb_local(el);
	if (!strcmp(l, "sheetData")) {
		u->in_data = 1;
	} else if (u->in_data && !strcmp(l, "row")) {
		const char *r = wb_attr(at, "r");
		int n = r ? atoi(r) : 0;
		if (n <= 0 || n > 1048576)
			n = u->next_row;
		wb_row(&u->b, n);
		u->next_row = n + 1;
		u->next_col = 0;
	} else if (u->in_data && !strcmp(l, "c")) {
		cell_start(u, at);
	} else if (u->in_cell && !strcmp(l, "f")) {
		u->has_f = 1;
	} else if (u->in_cell && !strcmp(l, "v")) {
		u->has_v = 1;
		u->c.on = 1;
	} else if (u->in_cell && !strcmp(l, "rPh")) {
		u->c.depth_skip++;
	} else if (u->in_cell && !strcmp(l, "t")) {
		u->has_v = 1;
		u->c.on = 1;
	} else if (!strcmp(l, "mergeCell")) {
		const char *ref = wb_attr(at, "ref");
		char a[16], b[16];
		merge m;
		if (!ref ||
		    sscanf(ref, "%15[A-Za-z0-9$]:%15[A-Za-z0-9$]", a, b) != 2 ||
		    cell_ref_parse(a, &m.c0, &m.r0) ||
		    cell_ref_parse(b, &m.c1, &m.r1))
			return;
		GROW(u->merges, u->nmerges, u->merges_cap);
		u->merges[u->nmerges++] = m;
	}
}

/* The text of the finished cell as the user sees it; NULL after an
 * error at the cell. */
static const char *cell_text(sheet_ud *u, char *num, size_t *len)
{
	xlsx *X = u->X;
	const char *v = u->c.b.data ? u->c.b.data : "";
	*len = u->c.b.len;
	/* openpyxl writes <v></v> for a formula it cannot compute. */
	if (u->has_f && (!u->has_v || (!*len && strcmp(u->type, "str")))) {
		wb_cell_error(&u->b, u->col,
			      "a formula without a computed value (open the "
			      "workbook in Excel or LibreOffice Calc and save "
			      "it again)");
		return NULL;
	}
	if (!strcmp(u->type, "s")) {
		long i = strtol(v, NULL, 10);
		if (i < 0 || i >= X->nsst) {
			wb_cell_error(&u->b, u->col,
				      "shared string %ld does not exist", i);
			return NULL;
		}
		*len = strlen(X->sst[i]);
		return X->sst[i];
	}
	if (!strcmp(u->type, "inlineStr") || !strcmp(u->type, "str")) {
		*len = cell_unescape_x(u->c.b.data ? u->c.b.data : num, *len);
		return u->c.b.data ? u->c.b.data : "";
	}
	if (!strcmp(u->type, "e")) {
		wb_cell_error(&u->b, u->col, "the cell shows the error '%s'",
			      v);
		return NULL;
	}
	if (!strcmp(u->type, "b")) {
		snprintf(num, CELL_NUM_MAX, "%s", *v == '1' ? "VERO" : "FALSO");
	} else if (!strcmp(u->type, "d")) {
		int y, m, d;
		if (sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3)
			return v;
		snprintf(num, CELL_NUM_MAX, "%02d/%02d/%04d", d, m, y);
	} else {
		double x;
		if (!*v)
			return "";
		if (cell_parse_number(v, &x) != 0) {
			wb_cell_error(&u->b, u->col, "'%s' is not a number", v);
			return NULL;
		}
		const char *code = u->style >= 0 && u->style < X->nxf
					   ? X->xf_fmt[u->style]
					   : NULL;
		cell_number(x, code, X->date1904, num, CELL_NUM_MAX);
	}
	*len = strlen(num);
	return num;
}

static void XMLCALL sheet_end(void *ud, const char *el)
{
	sheet_ud *u = ud;
	const char *l = wb_local(el);
	if (!strcmp(l, "sheetData")) {
		u->in_data = 0;
	} else if (u->in_data && !strcmp(l, "row")) {
		wb_row_end(&u->b);
	} else if (u->in_cell && !strcmp(l, "c")) {
		char num[CELL_NUM_MAX];
		size_t len;
		u->in_cell = 0;
		u->c.on = 0;
		const char *s = cell_text(u, num, &len);
		if (s)
			wb_cell(&u->b, u->col, s, len);
	} else if (u->in_cell && (!strcmp(l, "v") || !strcmp(l, "t"))) {
		u->c.on = 0;
	} else if (u->in_cell && !strcmp(l, "rPh")) {
		u->c.depth_skip--;
	}
}

static void XMLCALL sheet_text(void *ud, const char *s, int n)
{
	collect_text(&((sheet_ud *)ud)->c, s, n);
}

static void read_sheet(xlsx *X, int i, const char *book_part)
{
	wb_ctx *w = X->w;
	const char *part = NULL;
	for (int k = 0; k < X->nrels && !part; k++)
		if (!strcmp(X->rels[k].id, X->sheet[i].rid))
			part = resolve_part(X, book_part, X->rels[k].target);
	wb_sheet *sh =
		wb_add_sheet(w, X->sheet[i].name, strlen(X->sheet[i].name),
			     X->sheet[i].hidden);
	if (!sh)
		return;
	if (!part) {
		diag_error(w->d, sh->t.name, 0,
			   "the workbook names no part for this sheet");
		return;
	}
	sheet_ud u;
	memset(&u, 0, sizeof u);
	u.X = X;
	u.sh = sh;
	u.next_row = 1;
	wb_builder_init(&u.b, w, sh);
	buf_init(&u.c.b);
	/* A chart sheet or a missing part: an empty table. */
	wb_parse_part(w, part, 0, sheet_start, sheet_end, sheet_text, &u);
	wb_builder_done(&u.b);
	for (int k = 0; k < u.nmerges; k++)
		wb_unmerge(sh, u.merges[k].c0, u.merges[k].r0, u.merges[k].c1,
			   u.merges[k].r1);
	free(u.merges);
	buf_free(&u.c.b);
}

/* ---- the workbook ----------------------------------------------------- */

static const char *find_book_part(xlsx *X)
{
	rels_ud u = {{NULL}, X};
	const char *part = "xl/workbook.xml";
	if (wb_parse_part(X->w, "_rels/.rels", 0, rels_start, no_end, no_text,
			  &u) == 0) {
		const rel *r = rel_of_type(X, "/officeDocument");
		if (r)
			part = resolve_part(X, "", r->target);
	}
	X->nrels = 0;
	return part;
}

static void read_parts(xlsx *X, const char *book)
{
	wb_ctx *w = X->w;
	const char *slash = strrchr(book, '/');
	const char *relp = arena_printf(w->a, "%.*s_rels/%s.rels",
					slash ? (int)(slash - book + 1) : 0,
					book, slash ? slash + 1 : book);
	rels_ud ru = {{NULL}, X};
	if (wb_parse_part(w, relp, 1, rels_start, no_end, no_text, &ru) != 0)
		return;
	if (wb_parse_part(w, book, 1, book_start, no_end, no_text, &ru) != 0)
		return;
	const rel *r = rel_of_type(X, "/styles");
	if (r) {
		styles_ud su = {{NULL}, X, 0};
		wb_parse_part(w, resolve_part(X, book, r->target), 0,
			      styles_start, styles_end, no_text, &su);
	}
	r = rel_of_type(X, "/sharedStrings");
	if (r && !w->stop) {
		sst_ud su;
		memset(&su, 0, sizeof su);
		su.X = X;
		wb_parse_part(w, resolve_part(X, book, r->target), 0, sst_start,
			      sst_end, sst_text, &su);
		buf_free(&su.c.b);
	}
	for (int i = 0; i < X->nsheets && !w->stop; i++)
		read_sheet(X, i, book);
}

int wb_read_xlsx(wb_ctx *w)
{
	xlsx *X = xcalloc(1, sizeof *X);
	X->w = w;
	read_parts(X, find_book_part(X));
	free(X->rels);
	free(X->xf_fmt);
	free(X->numfmt);
	free(X->sst);
	free(X);
	return w->stop ? -1 : 0;
}
