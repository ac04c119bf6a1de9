/*
 * export.c - `annex export` and `annex init` (see export.h).
 *
 * Every source (a plan folder, a workbook, the schema for init) becomes a
 * list of out_sheet: a name, a header with help and choices per column,
 * and rows of texts.  Three writers take that list: xlsx (libxlsxwriter),
 * ods (content.xml and settings.xml built here, zipped in memory by
 * libzip) and a CSV folder (';', RFC 4180 quoting, UTF-8, documento.ini).
 */
#include "export.h"
#include "csv.h"
#include "ini.h"
#include "plan.h"
#include "workbook.h"
#include "../util/arena.h"
#include "../util/atomic.h"
#include "../util/buf.h"
#include "../util/text.h"
#include "../util/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <xlsxwriter.h>
#include <zip.h>

#define MAX_SHEETS 16
#define MIN_WIDTH  8
#define MAX_WIDTH  50

typedef struct out_sheet {
	const char *name;
	int ncols;
	const char **header, **help, **choices;
	int nrows;
	const char ***rows; /* nrows x ncols, "" when empty */
} out_sheet;

typedef struct out_book {
	arena a;
	out_sheet sheet[MAX_SHEETS];
	int n;
	long long epoch;
} out_book;

/* ---- building the sheets ---------------------------------------------- */

static out_sheet *add_sheet(out_book *b, const char *name, int ncols)
{
	out_sheet *s = &b->sheet[b->n++];
	s->name = arena_strdup(&b->a, name);
	s->ncols = ncols;
	s->header = arena_zalloc(&b->a, sizeof(char *) * (size_t)(ncols + 1));
	s->help = arena_zalloc(&b->a, sizeof(char *) * (size_t)(ncols + 1));
	s->choices = arena_zalloc(&b->a, sizeof(char *) * (size_t)(ncols + 1));
	return s;
}

/* Help and choices of the header's columns, from the schema of table t. */
static void describe(out_book *b, out_sheet *s, int t)
{
	plan_column cols[32];
	int n = plan_schema_columns(t, cols, 32);
	for (int c = 0; c < s->ncols; c++) {
		char f[64];
		text_fold(s->header[c], f, sizeof f);
		for (int i = 0; i < n; i++)
			if (text_eq_fold(f, cols[i].name)) {
				s->help[c] = cols[i].help;
				s->choices[c] = cols[i].choices;
			}
		if (!strncmp(f, "target_", 7) && strlen(f) == 11)
			s->help[c] = arena_printf(
				&b->a,
				"Target dell'anno %s, p.es. ≥ 90%%, 31/12/%s, "
				"x ≤ x-1",
				f + 7, f + 7);
	}
}

/* A table read from a CSV file or a sheet: its rows padded to the
 * header's width (a field beyond it gets an empty header). */
static void from_table(out_book *b, const char *name, const csv_table *t,
		       int schema_t)
{
	int w = 0;
	for (int r = 0; r < t->nrows; r++)
		if (t->rows[r].nfields > w)
			w = t->rows[r].nfields;
	out_sheet *s = add_sheet(b, name, w);
	for (int c = 0; c < w; c++)
		s->header[c] = csv_field(&t->rows[0], c);
	s->nrows = t->nrows - 1;
	s->rows = arena_alloc(&b->a, sizeof(char **) * (size_t)(s->nrows + 1));
	for (int r = 1; r < t->nrows; r++) {
		s->rows[r - 1] = arena_alloc(&b->a, sizeof(char *) * (size_t)w);
		for (int c = 0; c < w; c++)
			s->rows[r - 1][c] = csv_field(&t->rows[r], c);
	}
	if (schema_t >= 0)
		describe(b, s, schema_t);
}

/* The documento sheet: chiave | valore, one row per key. */
static out_sheet *documento_sheet(out_book *b, const char *const *values)
{
	plan_column keys[16];
	int n = plan_schema_documento(keys, 16);
	out_sheet *s = add_sheet(b, "documento", 2);
	s->header[0] = "chiave";
	s->header[1] = "valore";
	s->help[0] =
		"Il nome di un dato del documento (ente, titolo, anno, ...)";
	s->help[1] = "Il suo valore";
	s->nrows = 0;
	s->rows = arena_alloc(&b->a, sizeof(char **) * (size_t)n);
	for (int i = 0; i < n; i++) {
		/* An optional key the plan does not have (stato) is not
		 * invented; init (no values) lists every key. */
		if (values && !values[i] && !keys[i].required)
			continue;
		char **row = arena_alloc(&b->a, sizeof(char *) * 2);
		row[0] = (char *)keys[i].name;
		row[1] = (char *)(values && values[i] ? values[i] : "");
		s->rows[s->nrows++] = (const char **)row;
	}
	return s;
}

static int from_folder(out_book *b, const char *dir, diag *d)
{
	int errors = d->errors;
	for (int t = 0; t < plan_schema_tables(); t++) {
		int optional;
		const char *file = plan_schema_table(t, &optional);
		char *path = arena_printf(&b->a, "%s/%s", dir, file);
		struct stat st;
		if (stat(path, &st) != 0 && optional)
			continue;
		csv_table *tab = arena_zalloc(&b->a, sizeof *tab);
		if (csv_read_file(path, path, tab, &b->a, d) != 0 ||
		    !tab->nrows)
			continue;
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(file, "."),
			 file);
		from_table(b, name, tab, t);
	}
	char *ini_path = arena_printf(&b->a, "%s/documento.ini", dir);
	ini_doc *ini = ini_open(ini_path, ini_path, d);
	if (ini) {
		plan_column keys[16];
		const char *values[16] = {0};
		int n = plan_schema_documento(keys, 16);
		for (int i = 0; i < n; i++) {
			char k[64];
			snprintf(k, sizeof k, "documento:%s", keys[i].name);
			const char *v = ini_get(ini, k, NULL);
			size_t len;
			v = v ? text_trim(v, &len) : NULL;
			values[i] = v ? arena_strndup(&b->a, v, len) : NULL;
		}
		ini_close(ini);
		documento_sheet(b, values);
	}
	return d->errors > errors ? -1 : 0;
}

static int from_workbook(out_book *b, const char *path, diag *d)
{
	workbook *wb = wb_read(path, path, &b->a, d);
	if (!wb || d->errors)
		return -1;
	for (int t = 0; t < plan_schema_tables(); t++) {
		const char *file = plan_schema_table(t, NULL);
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(file, "."),
			 file);
		wb_sheet *sh = wb_sheet_find(wb, name);
		if (sh && sh->t.nrows)
			from_table(b, name, &sh->t, t);
	}
	wb_sheet *sh = wb_sheet_find(wb, "documento");
	if (!sh) {
		diag_error(d, path, 0, "no sheet 'documento'");
		return -1;
	}
	plan_column keys[16];
	const char *values[16] = {0};
	int n = plan_schema_documento(keys, 16);
	for (int r = 0; r < sh->t.nrows; r++)
		for (int i = 0; i < n; i++)
			if (text_eq_fold(csv_field(&sh->t.rows[r], 0),
					 keys[i].name))
				values[i] = csv_field(&sh->t.rows[r], 1);
	documento_sheet(b, values);
	return 0;
}

/* An empty plan: every table's columns, target_YYYY for the year of the
 * epoch and the next two. */
static void from_schema(out_book *b)
{
	time_t now = b->epoch >= 0 ? (time_t)b->epoch : time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	for (int t = 0; t < plan_schema_tables(); t++) {
		plan_column cols[32];
		int n = plan_schema_columns(t, cols, 32);
		const char *file = plan_schema_table(t, NULL);
		int years = !strcmp(file, "indicatori_strategici.csv") ? 3 : 0;
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(file, "."),
			 file);
		out_sheet *s = add_sheet(b, name, n + years);
		for (int i = 0; i < n; i++)
			s->header[i] = cols[i].name;
		for (int y = 0; y < years; y++)
			s->header[n + y] = arena_printf(&b->a, "target_%d",
							tm.tm_year + 1900 + y);
		describe(b, s, t);
	}
	documento_sheet(b, NULL);
}

/* ---- shared by the writers ---------------------------------------------- */

/* A plain integer (no sign, no leading zero, at most 15 digits): written
 * as a number, it reads back as the same digits. */
static int plain_integer(const char *v)
{
	size_t n = strlen(v);
	if (n == 0 || n > 15 || v[0] == '0')
		return 0;
	return strspn(v, "0123456789") == n;
}

/* Column width in characters: the longest first line, within limits. */
static int col_width(const out_sheet *s, int c)
{
	size_t w = utf8_length(s->header[c], strlen(s->header[c])) + 2;
	for (int r = 0; r < s->nrows; r++) {
		const char *v = s->rows[r][c];
		size_t l = utf8_length(v, strcspn(v, "\n"));
		if (l > w)
			w = l;
	}
	return w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : (int)w;
}

/* ---- .xlsx -------------------------------------------------------------- */

/* "a,b,c" as the NULL-terminated list libxlsxwriter takes. */
static char **choice_list(arena *a, const char *choices)
{
	int n = 1;
	for (const char *p = choices; *p; p++)
		n += *p == ',';
	char **list = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	const char *p = choices;
	for (int i = 0; i < n; i++) {
		size_t l = strcspn(p, ",");
		list[i] = arena_strndup(a, p, l);
		p += l + (p[l] == ',');
	}
	list[n] = NULL;
	return list;
}

/* A libxlsxwriter call's result: out of memory ends the run (the library
 * would go on with NULL and crash); the first other error is kept in *first
 * and reported by write_xlsx (e.g. a cell over 32,767 characters). */
static void lxw_check(lxw_error e, lxw_error *first)
{
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		oom_exit();
	if (e != LXW_NO_ERROR && *first == LXW_NO_ERROR)
		*first = e;
}

/* libxlsxwriter's constructors give NULL only when memory runs out (the
 * sheet names are ours and valid). */
static void *lxw_new(void *p)
{
	if (!p)
		oom_exit();
	return p;
}

static void xlsx_header(lxw_worksheet *ws, const out_sheet *s, int c,
			lxw_format *bold, arena *a, lxw_error *e)
{
	lxw_check(
		worksheet_write_string(ws, 0, (lxw_col_t)c, s->header[c], bold),
		e);
	lxw_check(worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
				       col_width(s, c), NULL),
		  e);
	if (s->help[c]) {
		lxw_comment_options co = {
			.author = "annex", .width = 240, .height = 60};
		lxw_check(worksheet_write_comment_opt(ws, 0, (lxw_col_t)c,
						      s->help[c], &co),
			  e);
	}
	if (s->choices[c]) {
		lxw_data_validation dv = {
			.validate = LXW_VALIDATION_TYPE_LIST,
			.value_list = choice_list(a, s->choices[c]),
			.ignore_blank = LXW_VALIDATION_ON,
			.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING,
		};
		lxw_check(worksheet_data_validation_range(ws, 1, (lxw_col_t)c,
							  LXW_ROW_MAX - 1,
							  (lxw_col_t)c, &dv),
			  e);
	}
}

/* A cell of the data: a plain integer as a number, anything else as text. */
static lxw_error xlsx_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
			   const char *v)
{
	if (plain_integer(v))
		return worksheet_write_number(ws, r, c, strtod(v, NULL), NULL);
	return worksheet_write_string(ws, r, c, v, NULL);
}

static void xlsx_sheet(lxw_workbook *wb, const out_sheet *s, lxw_format *bold,
		       arena *a, lxw_error *e)
{
	lxw_worksheet *ws = lxw_new(workbook_add_worksheet(wb, s->name));
	for (int c = 0; c < s->ncols; c++)
		xlsx_header(ws, s, c, bold, a, e);
	worksheet_freeze_panes(ws, 1, 0);
	for (int r = 0; r < s->nrows; r++)
		for (int c = 0; c < s->ncols; c++)
			if (*s->rows[r][c])
				lxw_check(xlsx_cell(ws, (lxw_row_t)r + 1,
						    (lxw_col_t)c,
						    s->rows[r][c]),
					  e);
}

static int write_xlsx(out_book *b, const char *path, diag *d)
{
	atomic_file f;
	if (atomic_open(&f, path, d) != 0)
		return -1;
	lxw_workbook *wb = workbook_new(f.tmp);
	if (!wb) {
		diag_error(d, path, 0, "cannot write the workbook");
		atomic_abort(&f);
		return -1;
	}
	lxw_doc_properties props = {.title = "Piano", .author = "annex"};
	props.created = b->epoch >= 0 ? (time_t)b->epoch : 0;
	lxw_error e = LXW_NO_ERROR;
	lxw_check(workbook_set_properties(wb, &props), &e);
	lxw_format *bold = lxw_new(workbook_add_format(wb));
	format_set_bold(bold);
	for (int i = 0; i < b->n; i++)
		xlsx_sheet(wb, &b->sheet[i], bold, &b->a, &e);
	lxw_error closed = workbook_close(wb);
	lxw_check(closed, &e);
	if (e != LXW_NO_ERROR) {
		diag_error(d, path, 0, "cannot write the workbook: %s",
			   lxw_strerror(e));
		atomic_abort(&f);
		return -1;
	}
	return atomic_commit(&f, d);
}

/* ---- .ods --------------------------------------------------------------- */

#define ODS_NS                                                                 \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "   \
	"xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "     \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "       \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "     \
	"xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:"                    \
	"xsl-fo-compatible:1.0\" "                                             \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "                       \
	"xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" "           \
	"office:version=\"1.2\""

/* Empty rows after the data that still carry the drop-down lists. */
#define ODS_LIST_ROWS 1000

static void xml_text(buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			buf_puts(o, "&amp;");
			break;
		case '<':
			buf_puts(o, "&lt;");
			break;
		case '>':
			buf_puts(o, "&gt;");
			break;
		case '"':
			buf_puts(o, "&quot;");
			break;
		default:
			/* XML 1.0 has no other control characters */
			if ((unsigned char)s[i] >= 0x20 || s[i] == '\t')
				buf_putc(o, s[i]);
		}
	}
}

/* A cell's text as paragraphs: one text:p per line, runs of spaces as
 * text:s (XML would fold them). */
static void ods_paragraphs(buf *o, const char *v)
{
	do {
		size_t n = strcspn(v, "\n");
		buf_puts(o, "<text:p>");
		for (size_t i = 0; i < n;) {
			size_t sp = 0;
			while (i + sp < n && v[i + sp] == ' ')
				sp++;
			if (sp > 1 || (sp == 1 && (i == 0 || i + 1 == n))) {
				buf_printf(o, "<text:s text:c=\"%zu\"/>", sp);
				i += sp;
			} else if (sp == 1) {
				buf_putc(o, ' ');
				i++;
			} else {
				size_t k = i;
				while (k < n && v[k] != ' ')
					k++;
				xml_text(o, v + i, k - i);
				i = k;
			}
		}
		buf_puts(o, "</text:p>");
		v += n;
	} while (*v++ == '\n');
}

/* The validation name of a choices list (one per distinct list). */
static int validation_of(const char **lists, int n, const char *choices)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(lists[i], choices))
			return i;
	return -1;
}

static void ods_validations(buf *o, const out_book *b, const char **lists,
			    int *nlists)
{
	*nlists = 0;
	for (int i = 0; i < b->n; i++)
		for (int c = 0; c < b->sheet[i].ncols; c++) {
			const char *ch = b->sheet[i].choices[c];
			if (ch && validation_of(lists, *nlists, ch) < 0 &&
			    *nlists < 16)
				lists[(*nlists)++] = ch;
		}
	if (!*nlists)
		return;
	buf_puts(o, "<table:content-validations>");
	for (int i = 0; i < *nlists; i++) {
		buf_printf(o,
			   "<table:content-validation table:name=\"val%d\" "
			   "table:allow-empty-cell=\"true\" "
			   "table:display-list=\"unsorted\" "
			   "table:condition=\"of:cell-content-is-in-list(",
			   i + 1);
		const char *p = lists[i];
		while (*p) {
			size_t l = strcspn(p, ",");
			buf_puts(o, "&quot;");
			xml_text(o, p, l);
			buf_puts(o, "&quot;");
			p += l;
			if (*p == ',' && p++)
				buf_putc(o, ';');
		}
		buf_puts(o, ")\"/>");
	}
	buf_puts(o, "</table:content-validations>");
}

static void ods_cell(buf *o, const char *v, const char *val_attr)
{
	if (!*v) {
		buf_printf(o, "<table:table-cell%s/>", val_attr);
	} else if (plain_integer(v)) {
		buf_printf(o,
			   "<table:table-cell%s office:value-type=\"float\" "
			   "office:value=\"%s\"><text:p>%s</text:p>"
			   "</table:table-cell>",
			   val_attr, v, v);
	} else {
		buf_printf(o,
			   "<table:table-cell%s office:value-type=\"string\">",
			   val_attr);
		ods_paragraphs(o, v);
		buf_puts(o, "</table:table-cell>");
	}
}

static void ods_table(buf *o, const out_sheet *s, int si, const char **lists,
		      int nlists)
{
	char val[16][64];
	for (int c = 0; c < s->ncols && c < 16; c++) {
		int v = s->choices[c]
				? validation_of(lists, nlists, s->choices[c])
				: -1;
		val[c][0] = '\0';
		if (v >= 0)
			snprintf(val[c], sizeof val[c],
				 " table:content-validation-name=\"val%d\"",
				 v + 1);
	}
	buf_puts(o, "<table:table table:name=\"");
	xml_text(o, s->name, strlen(s->name));
	buf_puts(o, "\">");
	for (int c = 0; c < s->ncols; c++)
		buf_printf(o,
			   "<table:table-column table:style-name=\"co%d_%d\"/>",
			   si, c);
	buf_puts(o, "<table:table-row>");
	for (int c = 0; c < s->ncols; c++) {
		buf_puts(o, "<table:table-cell table:style-name=\"bold\" "
			    "office:value-type=\"string\">");
		if (s->help[c]) {
			buf_puts(o, "<office:annotation><dc:creator>annex"
				    "</dc:creator>");
			ods_paragraphs(o, s->help[c]);
			buf_puts(o, "</office:annotation>");
		}
		ods_paragraphs(o, s->header[c]);
		buf_puts(o, "</table:table-cell>");
	}
	buf_puts(o, "</table:table-row>");
	for (int r = 0; r < s->nrows; r++) {
		buf_puts(o, "<table:table-row>");
		for (int c = 0; c < s->ncols; c++)
			ods_cell(o, s->rows[r][c], c < 16 ? val[c] : "");
		buf_puts(o, "</table:table-row>");
	}
	int any = 0;
	for (int c = 0; c < s->ncols && c < 16; c++)
		any |= val[c][0] != '\0';
	if (any) {
		buf_printf(
			o,
			"<table:table-row table:number-rows-repeated=\"%d\">",
			ODS_LIST_ROWS);
		for (int c = 0; c < s->ncols && c < 16; c++)
			buf_printf(o, "<table:table-cell%s/>", val[c]);
		buf_puts(o, "</table:table-row>");
	}
	buf_puts(o, "</table:table>");
}

static void ods_content(buf *o, const out_book *b)
{
	buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<office:document-content " ODS_NS ">"
		    "<office:automatic-styles>"
		    "<style:style style:name=\"bold\" "
		    "style:family=\"table-cell\"><style:text-properties "
		    "fo:font-weight=\"bold\"/></style:style>");
	for (int i = 0; i < b->n; i++)
		for (int c = 0; c < b->sheet[i].ncols; c++)
			buf_printf(o,
				   "<style:style style:name=\"co%d_%d\" "
				   "style:family=\"table-column\">"
				   "<style:table-column-properties "
				   "style:column-width=\"%.2fcm\"/>"
				   "</style:style>",
				   i, c, col_width(&b->sheet[i], c) * 0.22);
	buf_puts(o, "</office:automatic-styles><office:body>"
		    "<office:spreadsheet>");
	const char *lists[16];
	int nlists;
	ods_validations(o, b, lists, &nlists);
	for (int i = 0; i < b->n; i++)
		ods_table(o, &b->sheet[i], i, lists, nlists);
	buf_puts(o, "</office:spreadsheet></office:body>"
		    "</office:document-content>\n");
}

/* settings.xml: the header row of every table frozen. */
static void ods_settings(buf *o, const out_book *b)
{
	buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<office:document-settings "
		    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:"
		    "office:1.0\" xmlns:config=\"urn:oasis:names:tc:"
		    "opendocument:xmlns:config:1.0\" office:version=\"1.2\">"
		    "<office:settings><config:config-item-set "
		    "config:name=\"ooo:view-settings\">"
		    "<config:config-item-map-indexed config:name=\"Views\">"
		    "<config:config-item-map-entry>"
		    "<config:config-item config:name=\"ViewId\" "
		    "config:type=\"string\">view1</config:config-item>"
		    "<config:config-item-map-named config:name=\"Tables\">");
	for (int i = 0; i < b->n; i++) {
		buf_puts(o, "<config:config-item-map-entry config:name=\"");
		xml_text(o, b->sheet[i].name, strlen(b->sheet[i].name));
		buf_puts(o, "\">");
		static const char *const items[][3] = {
			{"VerticalSplitMode", "short", "2"},
			{"VerticalSplitPosition", "int", "1"},
			{"ActiveSplitRange", "short", "2"},
			{"PositionTop", "int", "0"},
			{"PositionBottom", "int", "1"},
		};
		for (size_t k = 0; k < sizeof items / sizeof items[0]; k++)
			buf_printf(o,
				   "<config:config-item config:name=\"%s\" "
				   "config:type=\"%s\">%s</config:config-item>",
				   items[k][0], items[k][1], items[k][2]);
		buf_puts(o, "</config:config-item-map-entry>");
	}
	buf_puts(o, "</config:config-item-map-named>"
		    "</config:config-item-map-entry>"
		    "</config:config-item-map-indexed>"
		    "</config:config-item-set></office:settings>"
		    "</office:document-settings>\n");
}

static const char ods_manifest[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:"
	"xmlns:manifest:1.0\" manifest:version=\"1.2\">"
	"<manifest:file-entry manifest:full-path=\"/\" "
	"manifest:version=\"1.2\" "
	"manifest:media-type=\"application/"
	"vnd.oasis.opendocument.spreadsheet\"/>"
	"<manifest:file-entry manifest:full-path=\"content.xml\" "
	"manifest:media-type=\"text/xml\"/>"
	"<manifest:file-entry manifest:full-path=\"settings.xml\" "
	"manifest:media-type=\"text/xml\"/>"
	"</manifest:manifest>\n";

static const char ods_mimetype[] =
	"application/vnd.oasis.opendocument.spreadsheet";

/* Add a part to the archive; the data must live until zip_close. */
static int zip_part(zip_t *z, const char *name, const char *data, size_t n,
		    int store, time_t mtime)
{
	zip_source_t *src = zip_source_buffer(z, data, n, 0);
	zip_int64_t i = src ? zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) : -1;
	if (i < 0) {
		zip_source_free(src);
		return -1;
	}
	zip_set_file_compression(z, (zip_uint64_t)i,
				 store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9);
	zip_file_set_mtime(z, (zip_uint64_t)i, mtime, 0);
	return 0;
}

/* The archive built in memory, then written atomically. */
static int write_ods(out_book *b, const char *path, diag *d)
{
	buf content = BUF_INIT, settings = BUF_INIT, out = BUF_INIT;
	ods_content(&content, b);
	ods_settings(&settings, b);
	/* zip dates from 1980: SOURCE_DATE_EPOCH or that */
	time_t mtime = b->epoch > 315532800 ? (time_t)b->epoch : 315532800;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
	int rc = -1;
	if (z) {
		zip_source_keep(mem);
		int bad = zip_part(z, "mimetype", ods_mimetype,
				   strlen(ods_mimetype), 1, mtime) ||
			  zip_part(z, "content.xml", content.data, content.len,
				   0, mtime) ||
			  zip_part(z, "settings.xml", settings.data,
				   settings.len, 0, mtime) ||
			  zip_part(z, "META-INF/manifest.xml", ods_manifest,
				   strlen(ods_manifest), 0, mtime);
		if (bad || zip_close(z) != 0)
			zip_discard(z);
		else
			rc = 0;
	}
	zip_stat_t st;
	if (rc == 0 && zip_source_open(mem) == 0) {
		rc = zip_source_stat(mem, &st) == 0 ? 0 : -1;
		buf_reserve(&out, rc == 0 ? st.size : 0);
		while (rc == 0 && out.len < st.size) {
			zip_int64_t n = zip_source_read(mem, out.data + out.len,
							st.size - out.len);
			if (n <= 0)
				rc = -1;
			else
				out.len += (size_t)n;
		}
		zip_source_close(mem);
	}
	if (mem)
		zip_source_free(mem);
	zip_error_fini(&ze);
	atomic_file f;
	if (rc != 0)
		diag_error(d, path, 0, "cannot build the .ods archive");
	else if (atomic_open(&f, path, d) != 0)
		rc = -1;
	else {
		atomic_write(&f, out.data, out.len);
		rc = atomic_commit(&f, d);
	}
	buf_free(&content);
	buf_free(&settings);
	buf_free(&out);
	return rc;
}

/* ---- a CSV folder ------------------------------------------------------- */

/* One field, quoted when it holds ; " a line break or surrounding spaces. */
static void csv_field_out(buf *o, const char *v)
{
	size_t n = strlen(v);
	int quote = strpbrk(v, ";\"\n\r") != NULL ||
		    (n && (v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' ||
			   v[n - 1] == '\t'));
	if (!quote) {
		buf_append(o, v, n);
		return;
	}
	buf_putc(o, '"');
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			buf_putc(o, '"');
		buf_putc(o, *p);
	}
	buf_putc(o, '"');
}

static int write_file(const char *path, const buf *b, diag *d)
{
	atomic_file f;
	if (atomic_open(&f, path, d) != 0)
		return -1;
	atomic_write(&f, b->data ? b->data : "", b->len);
	return atomic_commit(&f, d);
}

static int write_csv(const out_sheet *s, const char *path, diag *d)
{
	buf o = BUF_INIT;
	for (int r = -1; r < s->nrows; r++) {
		for (int c = 0; c < s->ncols; c++) {
			if (c)
				buf_putc(&o, ';');
			csv_field_out(&o, r < 0 ? s->header[c] : s->rows[r][c]);
		}
		buf_putc(&o, '\n');
	}
	int rc = write_file(path, &o, d);
	buf_free(&o);
	return rc;
}

/* documento.ini from the documento sheet; for init, each key with its help
 * as a comment.  A value that an INI line could not carry as it is (a ';'
 * or '#', surrounding spaces, a quote) is quoted. */
static int write_ini(const out_sheet *s, const char *path, int with_help,
		     diag *d)
{
	buf o = BUF_INIT;
	plan_column keys[16];
	int nk = plan_schema_documento(keys, 16);
	buf_puts(&o, "[documento]\n");
	for (int r = 0; r < s->nrows; r++) {
		const char *k = s->rows[r][0], *v = s->rows[r][1];
		if (with_help)
			for (int i = 0; i < nk; i++)
				if (!strcmp(keys[i].name, k))
					buf_printf(&o, "; %s\n", keys[i].help);
		buf_printf(&o, "%-15s =", k);
		if (*v && strpbrk(v, ";#\"'\n") == NULL && v[0] != ' ' &&
		    v[strlen(v) - 1] != ' ')
			buf_printf(&o, " %s", v);
		else if (*v) {
			buf_puts(&o, " \"");
			for (const char *p = v; *p; p++)
				if (*p != '"' && *p != '\n')
					buf_putc(&o, *p);
			buf_putc(&o, '"');
		}
		buf_putc(&o, '\n');
	}
	int rc = write_file(path, &o, d);
	buf_free(&o);
	return rc;
}

/* The folder (created when missing).  init refuses to replace a file. */
static int write_folder(out_book *b, const char *dir, int init, diag *d)
{
	struct stat st;
	if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0) {
		diag_error(d, dir, 0, "cannot create the folder: %s",
			   strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error(d, dir, 0, "not a folder");
		return -1;
	}
	char *paths[MAX_SHEETS];
	for (int i = 0; i < b->n; i++) {
		const char *n = b->sheet[i].name;
		paths[i] =
			!strcmp(n, "documento")
				? arena_printf(&b->a, "%s/documento.ini", dir)
				: arena_printf(&b->a, "%s/%s.csv", dir, n);
		if (init && stat(paths[i], &st) == 0) {
			diag_error(d, paths[i], 0,
				   "exists already: init writes only a new "
				   "plan");
			return -1;
		}
	}
	int rc = 0;
	for (int i = 0; i < b->n && rc == 0; i++)
		rc = !strcmp(b->sheet[i].name, "documento")
			     ? write_ini(&b->sheet[i], paths[i], init, d)
			     : write_csv(&b->sheet[i], paths[i], d);
	return rc;
}

/* ---- the commands ---------------------------------------------------------
 */

static int write_book(out_book *b, const char *to, int init, diag *d)
{
	wb_kind k = wb_kind_of(to);
	struct stat st;
	if (init && k != WB_NONE && stat(to, &st) == 0) {
		diag_error(d, to, 0,
			   "exists already: init writes only a new plan");
		return -1;
	}
	if (k == WB_XLSX)
		return write_xlsx(b, to, d);
	if (k == WB_ODS)
		return write_ods(b, to, d);
	return write_folder(b, to, init, d);
}

int plan_export(const char *from, const char *to, long long epoch, diag *d)
{
	out_book *b = xcalloc(1, sizeof *b);
	arena_init(&b->a, 64 * 1024);
	b->epoch = epoch;
	struct stat st;
	int rc;
	int from_wb = stat(from, &st) == 0 && S_ISREG(st.st_mode) &&
		      wb_kind_of(from) != WB_NONE;
	if (stat(from, &st) != 0) {
		diag_error(d, from, 0, "cannot open: %s", strerror(errno));
		rc = -1;
	} else if (!from_wb && !S_ISDIR(st.st_mode)) {
		diag_error(d, from, 0,
			   "give a plan folder or a workbook (.xlsx, .ods)");
		rc = -1;
	} else if (from_wb == (wb_kind_of(to) != WB_NONE)) {
		diag_error(d, to, 0,
			   from_wb ? "a workbook is exported to a folder"
				   : "a plan folder is exported to a .xlsx or "
				     ".ods workbook");
		rc = -1;
	} else {
		rc = from_wb ? from_workbook(b, from, d)
			     : from_folder(b, from, d);
		if (rc == 0)
			rc = write_book(b, to, 0, d);
	}
	arena_free(&b->a);
	free(b);
	return rc;
}

int plan_init(const char *to, long long epoch, diag *d)
{
	out_book *b = xcalloc(1, sizeof *b);
	arena_init(&b->a, 64 * 1024);
	b->epoch = epoch;
	from_schema(b);
	int rc = write_book(b, to, 1, d);
	arena_free(&b->a);
	free(b);
	return rc;
}
