/*
 * ods.c - reading an OpenDocument spreadsheet (.ods) into sheet tables
 * (see workbook.h).
 *
 * One part, content.xml, streamed once through expat.  Its automatic
 * styles come first: which tables are hidden (table:display="false") and
 * the data style of each cell style, turned into the equivalent Excel
 * format code so that cell.c shows the numbers of both formats alike.
 * Then each table: rows and cells, repeated ones (number-rows-repeated,
 * number-columns-repeated) expanded only when they hold something, the
 * text of each cell's paragraphs joined by line breaks (spans, links,
 * text:s spaces, tabs and line breaks included; annotations and shapes
 * left out), covered cells of a merge empty.
 */
#include "wbint.h"
#include "cell.h"

#include <stdlib.h>
#include <string.h>

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0|"
#define NS_TABLE  "urn:oasis:names:tc:opendocument:xmlns:table:1.0|"
#define NS_TEXT	  "urn:oasis:names:tc:opendocument:xmlns:text:1.0|"
#define NS_STYLE  "urn:oasis:names:tc:opendocument:xmlns:style:1.0|"
#define NS_NUMBER "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0|"
#define NS_CALCEXT                                                             \
	"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1."  \
	"0|"

/* Largest repeat count expanded for a row or cell that holds something. */
#define MAX_REPEAT 100000

typedef struct named {
	const char *name, *value;
} named;

typedef struct cellv {
	int col;
	size_t off, len;
} cellv;

typedef struct ods {
	wb_xml x;
	wb_ctx *w;
	/* styles */
	named *hidden_tables; /* table style name -> "1" when hidden */
	named *cell_styles;   /* cell style -> data style name */
	named *data_styles;   /* data style name -> Excel format code */
	int nht, nht_cap, ncs, ncs_cap, nds, nds_cap;
	const char *style_name; /* the style being read */
	int style_family_table;
	buf code; /* format code of the data style being read */
	int in_data_style, ds_date, ds_d, ds_m, ds_y;
	/* the table being read */
	wb_sheet *sh;
	wb_builder b;
	int row, col;
	int row_repeat;
	const char *col_style[CSV_MAX_FIELDS]; /* default cell styles */
	int ncol_styles;
	buf cells; /* texts of the current row's non-empty cells */
	cellv *cv;
	int ncv, cv_cap;
	/* the cell being read */
	int in_cell, covered, col_repeat, npara, skip, in_p;
	char vtype[16];
	const char *value, *date_value, *bool_value, *formula, *style;
	int error_value;
	buf text;
} ods;

static const char *attr(const char **at, const char *full)
{
	for (int i = 0; at[i]; i += 2)
		if (!strcmp(at[i], full))
			return at[i + 1];
	return NULL;
}

static const char *lookup(const named *v, int n, const char *name)
{
	if (!name)
		return NULL;
	for (int i = n - 1; i >= 0; i--)
		if (!strcmp(v[i].name, name))
			return v[i].value;
	return NULL;
}

static int repeat(const char *v)
{
	long n = v ? strtol(v, NULL, 10) : 1;
	return n < 1 ? 1 : n > 1048576 ? 1048576 : (int)n;
}

/* ---- styles ----------------------------------------------------------- */

static void style_start(ods *o, const char *el, const char **at)
{
	arena *a = o->w->a;
	if (!strcmp(el, NS_STYLE "style")) {
		const char *name = attr(at, NS_STYLE "name");
		const char *fam = attr(at, NS_STYLE "family");
		const char *ds = attr(at, NS_STYLE "data-style-name");
		o->style_name = name ? arena_strdup(a, name) : NULL;
		o->style_family_table = fam && !strcmp(fam, "table");
		if (name && ds && fam && !strcmp(fam, "table-cell")) {
			GROW(o->cell_styles, o->ncs, o->ncs_cap);
			o->cell_styles[o->ncs++] =
				(named){o->style_name, arena_strdup(a, ds)};
		}
	} else if (!strcmp(el, NS_STYLE "table-properties") &&
		   o->style_family_table && o->style_name) {
		const char *d = attr(at, NS_TABLE "display");
		if (d && !strcmp(d, "false")) {
			GROW(o->hidden_tables, o->nht, o->nht_cap);
			o->hidden_tables[o->nht++] =
				(named){o->style_name, "1"};
		}
	} else if (!strncmp(el, NS_NUMBER, strlen(NS_NUMBER))) {
		const char *l = el + strlen(NS_NUMBER);
		if (!strcmp(l, "number-style") ||
		    !strcmp(l, "percentage-style") ||
		    !strcmp(l, "currency-style") || !strcmp(l, "date-style")) {
			o->in_data_style = 1;
			o->ds_date = !strcmp(l, "date-style");
			o->ds_d = o->ds_m = o->ds_y = 0;
			buf_reset(&o->code);
			const char *name = attr(at, NS_STYLE "name");
			o->style_name = name ? arena_strdup(a, name) : NULL;
			if (!strcmp(l, "percentage-style"))
				o->ds_date = -1; /* percent: '%' at the end */
		} else if (o->in_data_style && !strcmp(l, "number") &&
			   !o->code.len) {
			const char *dp = attr(at, NS_NUMBER "decimal-places");
			const char *g = attr(at, NS_NUMBER "grouping");
			int dec = dp ? atoi(dp) : 0;
			buf_puts(&o->code,
				 g && !strcmp(g, "true") ? "#,##0" : "0");
			if (dec > 0 && dec < 16) {
				buf_putc(&o->code, '.');
				for (int i = 0; i < dec; i++)
					buf_putc(&o->code, '0');
			}
		} else if (o->in_data_style && !strcmp(l, "day")) {
			o->ds_d = 1;
		} else if (o->in_data_style && !strcmp(l, "month")) {
			o->ds_m = 1;
		} else if (o->in_data_style && !strcmp(l, "year")) {
			o->ds_y = 1;
		}
	}
}

static void style_end(ods *o, const char *el)
{
	if (!o->in_data_style || strncmp(el, NS_NUMBER, strlen(NS_NUMBER)) ||
	    !strstr(el, "-style"))
		return;
	o->in_data_style = 0;
	if (!o->style_name)
		return;
	const char *code;
	if (o->ds_date > 0)
		code = o->ds_d || !o->ds_y ? "dd/mm/yyyy"
		       : o->ds_m	   ? "mmmm yyyy"
					   : "yyyy";
	else {
		if (o->ds_date < 0) {
			if (!o->code.len)
				buf_putc(&o->code, '0');
			buf_putc(&o->code, '%');
		}
		code = o->code.len ? arena_strdup(o->w->a, o->code.data)
				   : "General";
	}
	GROW(o->data_styles, o->nds, o->nds_cap);
	o->data_styles[o->nds++] = (named){o->style_name, code};
}

/* ---- tables ----------------------------------------------------------- */

static void table_start(ods *o, const char **at)
{
	const char *name = attr(at, NS_TABLE "name");
	const char *st = attr(at, NS_TABLE "style-name");
	if (!name)
		name = "";
	int hidden = lookup(o->hidden_tables, o->nht, st) != NULL;
	o->sh = wb_add_sheet(o->w, name, strlen(name), hidden);
	if (!o->sh) {
		XML_StopParser(o->x.parser, XML_FALSE);
		return;
	}
	wb_builder_init(&o->b, o->w, o->sh);
	o->row = 1;
	o->ncol_styles = 0;
}

static void table_end(ods *o)
{
	wb_builder_done(&o->b);
	o->sh = NULL;
}

static void column(ods *o, const char **at)
{
	const char *st = attr(at, NS_TABLE "default-cell-style-name");
	int n = repeat(attr(at, NS_TABLE "number-columns-repeated"));
	for (int i = 0; i < n && o->ncol_styles < CSV_MAX_FIELDS; i++)
		o->col_style[o->ncol_styles++] =
			st ? arena_strdup(o->w->a, st) : NULL;
}

static void row_start(ods *o, const char **at)
{
	o->row_repeat = repeat(attr(at, NS_TABLE "number-rows-repeated"));
	o->col = 0;
	o->ncv = 0;
	buf_reset(&o->cells);
	wb_row(&o->b, o->row); /* so that a cell's error names its row */
}

/* The row ends: its cells go to the builder once per repetition. */
static void row_end(ods *o)
{
	int n = o->ncv ? o->row_repeat : 0;
	if (n > MAX_REPEAT)
		n = MAX_REPEAT;
	for (int r = 0; r < n && !o->b.too_many; r++) {
		if (r > 0)
			wb_row(&o->b, o->row + r);
		for (int i = 0; i < o->ncv; i++)
			wb_cell(&o->b, o->cv[i].col,
				o->cells.data + o->cv[i].off, o->cv[i].len);
		wb_row_end(&o->b);
	}
	if (o->b.row)
		wb_row_end(&o->b);
	o->row += o->row_repeat;
}

static void cell_start(ods *o, const char *el, const char **at)
{
	arena *a = o->w->a;
	o->in_cell = 1;
	o->covered = !strcmp(el, NS_TABLE "covered-table-cell");
	o->col_repeat = repeat(attr(at, NS_TABLE "number-columns-repeated"));
	const char *vt = attr(at, NS_OFFICE "value-type");
	const char *cvt = attr(at, NS_CALCEXT "value-type");
	snprintf(o->vtype, sizeof o->vtype, "%s", vt ? vt : "");
	o->error_value = cvt && !strcmp(cvt, "error");
	const char *v;
	o->value =
		(v = attr(at, NS_OFFICE "value")) ? arena_strdup(a, v) : NULL;
	o->date_value = (v = attr(at, NS_OFFICE "date-value"))
				? arena_strdup(a, v)
				: NULL;
	o->bool_value = (v = attr(at, NS_OFFICE "boolean-value"))
				? arena_strdup(a, v)
				: NULL;
	o->formula = attr(at, NS_TABLE "formula") ? "=" : NULL;
	o->style = (v = attr(at, NS_TABLE "style-name")) ? arena_strdup(a, v)
		   : o->col < o->ncol_styles		 ? o->col_style[o->col]
							 : NULL;
	o->npara = 0;
	buf_reset(&o->text);
}

/* A date-value "2021-07-27" or "2021-07-27T10:30:00" as the style shows it. */
static void show_date(ods *o, const char *code, char *num)
{
	int y = 0, m = 0, d = 0;
	if (sscanf(o->date_value, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		snprintf(num, CELL_NUM_MAX, "%.40s", o->date_value);
		return;
	}
	static const char *const mesi[12] = {"gennaio", "febbraio", "marzo",
					     "aprile",	"maggio",   "giugno",
					     "luglio",	"agosto",   "settembre",
					     "ottobre", "novembre", "dicembre"};
	if (code && !strcmp(code, "mmmm yyyy") && m >= 1 && m <= 12)
		snprintf(num, CELL_NUM_MAX, "%s %04d", mesi[m - 1], y);
	else if (code && !strcmp(code, "yyyy"))
		snprintf(num, CELL_NUM_MAX, "%04d", y);
	else
		snprintf(num, CELL_NUM_MAX, "%02d/%02d/%04d", d, m, y);
}

/* The text of the finished cell as the user sees it, or NULL after an
 * error at the cell. */
static const char *cell_text(ods *o, char *num, size_t *len)
{
	const char *code = lookup(o->data_styles, o->nds,
				  lookup(o->cell_styles, o->ncs, o->style));
	const char *t = o->text.data ? o->text.data : "";
	*len = o->text.len;
	if (o->error_value) {
		wb_cell_error(&o->b, o->col, "the cell shows the error '%s'",
			      t);
		return NULL;
	}
	if (o->formula && !*o->vtype) {
		wb_cell_error(&o->b, o->col,
			      "a formula without a computed value (open the "
			      "workbook in LibreOffice Calc or Excel and save "
			      "it again)");
		return NULL;
	}
	double x;
	if ((!strcmp(o->vtype, "float") || !strcmp(o->vtype, "currency") ||
	     !strcmp(o->vtype, "percentage")) &&
	    o->value && cell_parse_number(o->value, &x) == 0) {
		if (!code && !strcmp(o->vtype, "percentage"))
			code = "0%";
		cell_number(x, code, 0, num, CELL_NUM_MAX);
	} else if (!strcmp(o->vtype, "date") && o->date_value) {
		show_date(o, code, num);
	} else if (!strcmp(o->vtype, "boolean") && o->bool_value) {
		snprintf(num, CELL_NUM_MAX, "%s",
			 !strcmp(o->bool_value, "true") ? "VERO" : "FALSO");
	} else {
		return t;
	}
	*len = strlen(num);
	return num;
}

static void cell_end(ods *o)
{
	char num[CELL_NUM_MAX];
	size_t len = 0;
	const char *s = NULL;
	o->in_cell = 0;
	if (!o->covered && (o->text.len || *o->vtype || o->formula))
		s = cell_text(o, num, &len);
	int n = o->col_repeat;
	if (s && len) {
		if (n > CSV_MAX_FIELDS)
			n = CSV_MAX_FIELDS + 1;
		for (int i = 0; i < n; i++) {
			GROW(o->cv, o->ncv, o->cv_cap);
			o->cv[o->ncv++] =
				(cellv){o->col + i, o->cells.len, len};
			buf_append(&o->cells, s, len);
		}
	}
	o->col += o->col_repeat;
}

/* ---- the handlers ----------------------------------------------------- */

static void XMLCALL ods_start(void *ud, const char *el, const char **at)
{
	ods *o = ud;
	if (o->skip) {
		o->skip++;
		return;
	}
	if (!o->sh) {
		if (!strcmp(el, NS_TABLE "table"))
			table_start(o, at);
		else
			style_start(o, el, at);
		return;
	}
	if (!strcmp(el, NS_OFFICE "annotation") || strstr(el, ":drawing:") ||
	    !strcmp(el, NS_TABLE "table")) {
		o->skip = 1; /* comments, shapes, sub-tables: not the cell */
	} else if (!strcmp(el, NS_TABLE "table-column")) {
		column(o, at);
	} else if (!strcmp(el, NS_TABLE "table-row")) {
		row_start(o, at);
	} else if (!strcmp(el, NS_TABLE "table-cell") ||
		   !strcmp(el, NS_TABLE "covered-table-cell")) {
		cell_start(o, el, at);
	} else if (o->in_cell && !strcmp(el, NS_TEXT "p")) {
		if (o->npara++)
			buf_putc(&o->text, '\n');
		o->in_p = 1;
	} else if (o->in_p && !strcmp(el, NS_TEXT "s")) {
		int n = repeat(attr(at, NS_TEXT "c"));
		for (int i = 0; i < n && o->text.len <= CSV_MAX_FIELD_BYTES;
		     i++)
			buf_putc(&o->text, ' ');
	} else if (o->in_p && !strcmp(el, NS_TEXT "tab")) {
		buf_putc(&o->text, '\t');
	} else if (o->in_p && !strcmp(el, NS_TEXT "line-break")) {
		buf_putc(&o->text, '\n');
	}
}

static void XMLCALL ods_end(void *ud, const char *el)
{
	ods *o = ud;
	if (o->skip) {
		o->skip--;
		return;
	}
	if (!o->sh) {
		style_end(o, el);
		return;
	}
	if (!strcmp(el, NS_TABLE "table"))
		table_end(o);
	else if (!strcmp(el, NS_TABLE "table-row"))
		row_end(o);
	else if (o->in_cell && (!strcmp(el, NS_TABLE "table-cell") ||
				!strcmp(el, NS_TABLE "covered-table-cell")))
		cell_end(o);
	else if (!strcmp(el, NS_TEXT "p"))
		o->in_p = 0;
}

static void XMLCALL ods_text(void *ud, const char *s, int n)
{
	ods *o = ud;
	if (o->in_p && !o->skip && o->text.len <= CSV_MAX_FIELD_BYTES)
		buf_append(&o->text, s, (size_t)n);
}

int wb_read_ods(wb_ctx *w)
{
	ods *o = xcalloc(1, sizeof *o);
	o->w = w;
	buf_init(&o->code);
	buf_init(&o->cells);
	buf_init(&o->text);
	wb_parse_part(w, "content.xml", 1, ods_start, ods_end, ods_text, o);
	if (o->sh) /* the XML stopped inside a table */
		wb_builder_done(&o->b);
	buf_free(&o->code);
	buf_free(&o->cells);
	buf_free(&o->text);
	free(o->hidden_tables);
	free(o->cell_styles);
	free(o->data_styles);
	free(o->cv);
	free(o);
	return w->stop ? -1 : 0;
}
