/*
 * wbint.h - what the workbook readers share (workbook.c): the zip archive
 * streamed into expat, and the builder that turns cells into table rows.
 * Private to data/workbook.c, xlsx.c and ods.c.
 */
#ifndef ANNEX_WBINT_H
#define ANNEX_WBINT_H

#include "workbook.h"
#include "../util/buf.h"

#include <expat.h>
#include <zip.h>

/* Make room for one more element of a growing array arr of n elements,
 * cap allocated (xrealloc: out of memory ends the run). */
#define GROW(arr, n, cap)                                                      \
	do {                                                                   \
		if ((n) == (cap)) {                                            \
			(cap) = (cap) ? (cap)*2 : 16;                          \
			(arr) = xrealloc((arr),                                \
					 sizeof *(arr) * (size_t)(cap));       \
		}                                                              \
	} while (0)

typedef struct wb_ctx {
	zip_t *zip;
	const char *name; /* the workbook as shown */
	arena *a;
	diag *d;
	workbook *wb;
	int stop; /* a fatal problem: stop reading */
} wb_ctx;

/* The first member of the user data of every part's handlers: the parser
 * reading it (set by wb_parse_part), e.g. to stop it. */
typedef struct wb_xml {
	XML_Parser parser;
} wb_xml;

/* Whether the archive holds this part. */
int wb_has_part(wb_ctx *w, const char *part);

/* Stream the part through a new namespace-aware expat parser (names come
 * as "uri|local") with these handlers and user data ud, which starts with
 * a wb_xml.  Returns 0, or -1
 * after reporting a missing part (when required) or malformed XML.  A
 * document type declaration is refused (no entities, no expansion). */
int wb_parse_part(wb_ctx *w, const char *part, int required,
		  XML_StartElementHandler start, XML_EndElementHandler end,
		  XML_CharacterDataHandler text, void *ud);

/* The local part of an expat "uri|local" name. */
const char *wb_local(const char *name);
/* The value of the attribute with this local name, or NULL. */
const char *wb_attr(const char **atts, const char *local);

/* Collects the cells of one sheet into its csv_table. */
typedef struct wb_builder {
	wb_ctx *w;
	wb_sheet *sh;
	int row;      /* current row number, 1-based; 0 before the first */
	int last_row; /* the last row kept */
	int nfields;  /* 1 + the last non-empty column of the row */
	buf text;     /* the row's cell texts, NUL-terminated */
	size_t off[CSV_MAX_FIELDS];
	csv_row *rows; /* malloc'd, copied into the arena at the end */
	int nrows, cap;
	int too_many; /* the row limit was reported */
	int too_wide; /* the column limit was reported */
	int row_bad;  /* a cell of the current row had an error */
} wb_builder;

void wb_builder_init(wb_builder *b, wb_ctx *w, wb_sheet *sh);
/* Start row number row (ascending; a gap is empty rows). */
void wb_row(wb_builder *b, int row);
/* Cell col (0-based) of the current row holds s[0..n): trimmed, line
 * breaks normalised, checked against the limits. */
void wb_cell(wb_builder *b, int col, const char *s, size_t n);
/* End the current row (kept when some cell is non-empty). */
void wb_row_end(wb_builder *b);
/* Finish: the table of the sheet is complete. */
void wb_builder_done(wb_builder *b);
/* Empty the cells of the merged range c0..c1 x r0..r1 but the top-left
 * one (after wb_builder_done). */
void wb_unmerge(wb_sheet *sh, int c0, int r0, int c1, int r1);

/* Report an error at cell col of the current row ("book[sheet]!C5"); the
 * row is left out. */
void wb_cell_error(wb_builder *b, int col, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Add a sheet to the workbook (its table still empty). */
wb_sheet *wb_add_sheet(wb_ctx *w, const char *name, size_t len, int hidden);

int wb_read_xlsx(wb_ctx *w);
int wb_read_ods(wb_ctx *w);

#endif
