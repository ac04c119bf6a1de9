/*
 * workbook.h - a plan kept as one workbook (.xlsx or .ods): each sheet read
 * into a csv_table, so that data/load.c validates it exactly as it
 * validates a CSV file of a plan folder.
 *
 * Reading streams: libzip inflates each XML part in chunks straight into
 * expat, so memory grows with the cells kept (the plan), never with the
 * XML (.xlsx: xlsx.c, .ods: ods.c).  Each cell is the text the user sees:
 * shared strings, inline strings and rich-text runs joined; numbers
 * through their number format (cell.h); a formula's cached value (a
 * formula without one is an error at its cell); the value of merged cells
 * in the top-left cell only.  A sheet row is a table row with line = the
 * row number and field i = column i (A = 0); empty rows are skipped and
 * empty trailing cells dropped, as for CSV.  Trimming, line breaks and the
 * limits of csv.h apply as for CSV.
 *
 * Diagnostics name the sheet and the cell: "plan.xlsx[programmi]!C5" for
 * a cell, "plan.xlsx[programmi]:5" for a row; the table's `where`
 * formatter (csv.h) writes them.
 */
#ifndef ANNEX_WORKBOOK_H
#define ANNEX_WORKBOOK_H

#include "csv.h"
#include "../util/arena.h"
#include "../util/diag.h"

/* Limits against a hostile file: uncompressed bytes of one XML part, and
 * sheets in a workbook. */
#define WB_MAX_PART_BYTES (512u * 1024 * 1024)
#define WB_MAX_SHEETS	  256

typedef enum { WB_NONE, WB_XLSX, WB_ODS } wb_kind;

typedef struct wb_sheet {
	const char *name; /* as the workbook spells it */
	int hidden;
	csv_table t; /* t.name = "book[sheet]", t.where = cell references */
	/* Cells with errors: their rows are left out (as csv_parse_partial
	 * leaves out rows with errors); when that happened before the header
	 * row was kept, the table has no rows at all and header_bad is set. */
	int errors;
	int header_bad;
} wb_sheet;

typedef struct workbook {
	const char *name; /* as shown in diagnostics */
	wb_kind kind;
	int nsheets;
	wb_sheet *sheets;
} workbook;

/* The kind a path names by its extension (.xlsx, .ods, any case). */
wb_kind wb_kind_of(const char *path);

/* Read the workbook at path (shown as name) into a.  Problems go to d
 * (a hidden sheet is a warning); returns NULL when the file cannot be
 * read as a workbook at all.  A sheet with errors in some cells is still
 * returned with its other cells (the errors are counted in d), so that
 * one run reports everything. */
workbook *wb_read(const char *path, const char *name, arena *a, diag *d);

/* The sheet whose name folds (text_fold) to that of name, or NULL. */
wb_sheet *wb_sheet_find(const workbook *wb, const char *name);

/* The location formatter of sheet tables: col >= 0 gives
 * "book[sheet]!C5", col < 0 "book[sheet]:5". */
const char *wb_where(const csv_table *t, int line, int col, char *out,
		     size_t n);

#endif
