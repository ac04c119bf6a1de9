/*
 * workbook.c - what the .xlsx and .ods readers share (see workbook.h and
 * wbint.h): the archive, streaming a part into expat, the row builder,
 * cell references in messages.
 */
#include "wbint.h"
#include "cell.h"
#include "../util/text.h"
#include "../util/atomic.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

wb_kind wb_kind_of(const char *path)
{
	size_t n = strlen(path);
	if (n > 5 && !strcasecmp(path + n - 5, ".xlsx"))
		return WB_XLSX;
	if (n > 4 && !strcasecmp(path + n - 4, ".ods"))
		return WB_ODS;
	return WB_NONE;
}

const char *wb_where(const csv_table *t, int line, int col, char *out, size_t n)
{
	char ref[16];
	if (col >= 0)
		snprintf(out, n, "%s!%s", t->name, cell_ref(col, line, ref));
	else if (line > 0)
		snprintf(out, n, "%s:%d", t->name, line);
	else
		snprintf(out, n, "%s", t->name);
	return out;
}

void wb_cell_error(wb_builder *b, int col, const char *fmt, ...)
{
	char at[512];
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(b->w->d, DIAG_ERROR,
		     wb_where(&b->sh->t, b->row, col, at, sizeof at), 0, fmt,
		     ap);
	va_end(ap);
	b->sh->errors++;
	b->row_bad = 1;
}

wb_sheet *wb_add_sheet(wb_ctx *w, const char *name, size_t len, int hidden)
{
	workbook *wb = w->wb;
	if (wb->nsheets >= WB_MAX_SHEETS) {
		diag_error(w->d, w->name, 0, "more than %d sheets",
			   WB_MAX_SHEETS);
		w->stop = 1;
		return NULL;
	}
	if (!wb->sheets)
		wb->sheets =
			arena_zalloc(w->a, sizeof(wb_sheet) * WB_MAX_SHEETS);
	wb_sheet *sh = &wb->sheets[wb->nsheets++];
	sh->name = arena_strndup(w->a, name, len);
	sh->hidden = hidden;
	sh->t.name = arena_printf(w->a, "%s[%s]", w->name, sh->name);
	sh->t.where = wb_where;
	sh->t.sep = ';';
	sh->t.encoding = CSV_UTF8;
	if (hidden)
		diag_warning(w->d, sh->t.name, 0,
			     "the sheet is hidden; it is read all the same");
	return sh;
}

wb_sheet *wb_sheet_find(const workbook *wb, const char *name)
{
	for (int i = 0; i < wb->nsheets; i++)
		if (text_eq_fold(wb->sheets[i].name, name))
			return &wb->sheets[i];
	return NULL;
}

/* ---- streaming a part into expat -------------------------------------- */

int wb_has_part(wb_ctx *w, const char *part)
{
	return zip_name_locate(w->zip, part, 0) >= 0;
}

const char *wb_local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

const char *wb_attr(const char **atts, const char *local)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(wb_local(atts[i]), local))
			return atts[i + 1];
	return NULL;
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name,
			       const XML_Char *sysid, const XML_Char *pubid,
			       int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	XML_StopParser(((wb_xml *)ud)->parser, XML_FALSE);
}

/* Stream the part f through p in chunks, at most WB_MAX_PART_BYTES of
 * XML.  Returns 0, or -1 after reporting. */
static int stream_part(wb_ctx *w, const char *part, zip_file_t *f, XML_Parser p)
{
	enum { CHUNK = 64 * 1024 };
	char *chunk = xmalloc(CHUNK);
	zip_int64_t n;
	size_t total = 0;
	int rc = 0, done = 0;
	while (!done && rc == 0 && !w->stop) {
		n = zip_fread(f, chunk, CHUNK);
		if (n < 0) {
			diag_error(w->d, w->name, 0, "%s: cannot inflate: %s",
				   part, zip_file_strerror(f));
			rc = -1;
			break;
		}
		total += (size_t)n;
		if (total > WB_MAX_PART_BYTES) {
			diag_error(w->d, w->name, 0,
				   "%s: more than %u MB of XML (the limit)",
				   part, WB_MAX_PART_BYTES >> 20);
			rc = -1;
			break;
		}
		done = n == 0;
		if (XML_Parse(p, chunk, (int)n, done) != XML_STATUS_OK) {
			enum XML_Error e = XML_GetErrorCode(p);
			diag_error(w->d, w->name, 0,
				   "%s:%lu: malformed XML: %s", part,
				   (unsigned long)XML_GetCurrentLineNumber(p),
				   e == XML_ERROR_ABORTED
					   ? "a document type declaration"
					   : XML_ErrorString(e));
			rc = -1;
		}
	}
	free(chunk);
	return rc;
}

int wb_parse_part(wb_ctx *w, const char *part, int required,
		  XML_StartElementHandler start, XML_EndElementHandler end,
		  XML_CharacterDataHandler text, void *ud)
{
	zip_file_t *f = zip_fopen(w->zip, part, 0);
	if (!f) {
		if (required) {
			diag_error(w->d, w->name, 0,
				   "not a workbook: part %s is missing", part);
			w->stop = 1;
		}
		return -1;
	}
	XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
	if (!p)
		oom_exit();
	((wb_xml *)ud)->parser = p;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	/* A workbook part has no DTD: refusing one rules out entity
	 * expansion altogether. */
	XML_SetStartDoctypeDeclHandler(p, no_doctype);
	int rc = stream_part(w, part, f, p);
	if (rc != 0)
		w->stop = 1;
	XML_ParserFree(p);
	zip_fclose(f);
	return rc;
}

/* ---- the row builder -------------------------------------------------- */

#define NO_CELL ((size_t)-1)

void wb_builder_init(wb_builder *b, wb_ctx *w, wb_sheet *sh)
{
	memset(b, 0, sizeof *b);
	b->w = w;
	b->sh = sh;
	buf_init(&b->text);
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		b->off[i] = NO_CELL;
}

void wb_row(wb_builder *b, int row)
{
	if (b->row)
		wb_row_end(b);
	b->row = row;
}

void wb_cell(wb_builder *b, int col, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || !b->row)
		return;
	if (col >= CSV_MAX_FIELDS) {
		char ref[16];
		if (b->too_wide++)
			return;
		wb_cell_error(b, col,
			      "a cell beyond column %s: a table has at most "
			      "%d columns",
			      cell_ref(CSV_MAX_FIELDS - 1, 0, ref),
			      CSV_MAX_FIELDS);
		return;
	}
	if (n > CSV_MAX_FIELD_BYTES) {
		wb_cell_error(b, col,
			      "the cell holds %zu bytes, more than the limit "
			      "of %u",
			      n, CSV_MAX_FIELD_BYTES);
		return;
	}
	b->off[col] = b->text.len;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			buf_putc(&b->text, '\n');
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else {
			buf_putc(&b->text, s[i]);
		}
	}
	buf_putc(&b->text, '\0');
	if (col + 1 > b->nfields)
		b->nfields = col + 1;
}

void wb_row_end(wb_builder *b)
{
	int nf = b->nfields;
	int row = b->row;
	int bad = b->row_bad;
	if (b->nrows > CSV_MAX_ROWS && nf && !b->too_many) {
		wb_cell_error(b, -1, "more than %d rows (the limit)",
			      CSV_MAX_ROWS);
		b->too_many = 1;
	}
	b->row = 0;
	b->nfields = 0;
	b->row_bad = 0;
	if (bad && b->nrows == 0)
		b->sh->header_bad = 1;
	if (nf == 0 || bad || b->too_many || b->sh->header_bad) {
		for (int i = 0; i < nf; i++)
			b->off[i] = NO_CELL;
		buf_reset(&b->text);
		return;
	}
	{
		/* One block: the pointers, then "" and the texts. */
		size_t ptrs = sizeof(char *) * (size_t)nf;
		char *blk = arena_alloc(b->w->a, ptrs + 1 + b->text.len);
		char **fields = (char **)(void *)blk;
		char *strs = blk + ptrs;
		strs[0] = '\0';
		memcpy(strs + 1, b->text.data, b->text.len);
		for (int i = 0; i < nf; i++)
			fields[i] = b->off[i] == NO_CELL ? strs
							 : strs + 1 + b->off[i];
		if (b->nrows == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 64;
			b->rows = xrealloc(b->rows,
					   sizeof(csv_row) * (size_t)b->cap);
		}
		b->rows[b->nrows++] = (csv_row){row, nf, fields};
	}
	for (int i = 0; i < nf; i++)
		b->off[i] = NO_CELL;
	buf_reset(&b->text);
}

void wb_builder_done(wb_builder *b)
{
	if (b->row)
		wb_row_end(b);
	csv_table *t = &b->sh->t;
	if (b->sh->header_bad)
		b->nrows = 0;
	t->nrows = b->nrows;
	t->rows = NULL;
	if (b->nrows) {
		t->rows = arena_alloc(b->w->a,
				      sizeof(csv_row) * (size_t)b->nrows);
		memcpy(t->rows, b->rows, sizeof(csv_row) * (size_t)b->nrows);
	}
	free(b->rows);
	b->rows = NULL;
	buf_free(&b->text);
}

void wb_unmerge(wb_sheet *sh, int c0, int r0, int c1, int r1)
{
	csv_table *t = &sh->t;
	int lo = 0, hi = t->nrows;
	while (lo < hi) { /* first row at or after r0 */
		int mid = (lo + hi) / 2;
		if (t->rows[mid].line < r0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < t->nrows && t->rows[i].line <= r1; i++) {
		csv_row *r = &t->rows[i];
		for (int c = c0; c <= c1 && c < r->nfields; c++)
			if ((r->line != r0 || c != c0) && *r->fields[c])
				r->fields[c] =
					r->fields[c] + strlen(r->fields[c]);
	}
}

/* ---- reading a workbook ----------------------------------------------- */

workbook *wb_read(const char *path, const char *name, arena *a, diag *d)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		if (zerr == ZIP_ER_NOZIP || zerr == ZIP_ER_INCONS)
			diag_error(d, name, 0,
				   "not a workbook (.xlsx and .ods files are "
				   "zip archives)");
		else
			diag_error(d, name, 0, "cannot read: %s",
				   zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return NULL;
	}
	workbook *wb = arena_zalloc(a, sizeof *wb);
	wb->name = arena_strdup(a, name);
	wb_ctx w = {z, wb->name, a, d, wb, 0};
	int rc;
	if (zip_name_locate(z, "content.xml", 0) >= 0) {
		wb->kind = WB_ODS;
		rc = wb_read_ods(&w);
	} else if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0 ||
		   zip_name_locate(z, "[Content_Types].xml", 0) >= 0) {
		wb->kind = WB_XLSX;
		rc = wb_read_xlsx(&w);
	} else {
		diag_error(d, name, 0,
			   "not a workbook: a zip archive with neither "
			   "xl/workbook.xml (.xlsx) nor content.xml (.ods)");
		rc = -1;
	}
	zip_discard(z);
	return rc == 0 ? wb : NULL;
}
