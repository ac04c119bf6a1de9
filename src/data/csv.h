/*
 * csv.h - reading one CSV file of a plan folder into rows of UTF-8 fields.
 *
 * This is the byte level of the data stage: encoding (UTF-8 with or without
 * BOM, else Windows-1252 with one warning), separator detection (; , TAB
 * from the header line), RFC 4180 quoting through libcsv in strict mode,
 * CRLF normalisation, trimming, blank-line skipping, and the physical line
 * number where each row starts.  It knows nothing of what the columns mean:
 * data/load.c maps headers to the plan model.
 */
#ifndef ANNEX_CSV_H
#define ANNEX_CSV_H

#include "../util/arena.h"
#include "../util/diag.h"

#include <stddef.h>

/*
 * libcsv's <csv.h> declares its own csv_parse(struct csv_parser *, ...), so
 * a function of ours called csv_parse would clash with it both when csv.c
 * includes the two headers and at link time (our definition would shadow
 * libcsv's).  Callers keep writing csv_parse(name, buf, ...); the symbol
 * they call is annex_csv_parse.  A file that needs libcsv itself must
 * include <csv.h> and use libcsv's csv_parse before including this header
 * (only csv.c does).
 */
#define csv_parse annex_csv_parse

/* Limits that keep a broken or hostile file from exhausting the machine;
 * exceeding one is an error naming the limit. */
#define CSV_MAX_FILE_BYTES  (64u * 1024 * 1024)
#define CSV_MAX_FIELD_BYTES (64u * 1024)
#define CSV_MAX_FIELDS	    256
#define CSV_MAX_ROWS	    1000000 /* data rows, not counting the header */

typedef enum { CSV_UTF8, CSV_UTF8_BOM, CSV_CP1252 } csv_encoding;

typedef struct csv_row {
	int line; /* physical line where the row starts; 1 = header */
	int nfields;
	char **fields; /* UTF-8, NUL-terminated, trimmed, "\r\n" -> "\n" */
} csv_row;

struct csv_table;
/* Where row `line` (and column col, or col < 0 for the whole row) of a
 * table is, as diagnostics show it; written into out (n bytes). */
typedef const char *(*csv_where_fn)(const struct csv_table *t, int line,
				    int col, char *out, size_t n);

typedef struct csv_table {
	const char *name; /* file name as shown in diagnostics */
	/* NULL for a CSV file ("name:line"); a workbook sheet sets its
	 * cell references (workbook.h). */
	csv_where_fn where;
	char sep; /* ';', ',' or '\t' */
	csv_encoding encoding;
	int nrows; /* rows[0] is the header row */
	csv_row *rows;
} csv_table;

/*
 * Parse buf[0..len) as a CSV file called name (used in diagnostics).
 * Everything is allocated in a.  Returns 0 on success; on failure reports
 * every problem found through d (name:line: error: ...) and returns -1.
 * Warnings (Windows-1252 fallback, a row with more fields than the header
 * is reported by the loader, not here) do not make it fail.
 *
 * Rules: a UTF-8 BOM is stripped; invalid UTF-8 means the whole file is
 * converted from Windows-1252 with one warning naming the file; a NUL byte
 * or other sign of a binary file is an error; the separator is the one of
 * ';' TAB ',' that occurs most often outside quotes in the first line (';'
 * wins ties, then TAB); blank lines are skipped; fields are trimmed of
 * spaces and tabs (also quoted ones, after unquoting); an unterminated quote
 * or a quote inside an unquoted field is an error with the line where it
 * happens; a file with no header row is an error.
 *
 * Details of the contract:
 * - A line ends at LF, CRLF or a lone CR (as libcsv ends rows); line breaks
 *   inside quoted fields count too, so each row's line is the physical line
 *   where it starts.  Inside fields every line break becomes "\n".
 * - A row whose fields are all empty after trimming (a blank line, or
 *   ";;;;" as Excel writes for an empty sheet row) is skipped, also before
 *   the header: the header is the first row with a non-empty field.
 * - Only spaces and tabs are trimmed; line breaks at the ends of a quoted
 *   field are kept.  Rows keep their own number of fields (no padding, no
 *   dropping of trailing empty fields).
 * - An unterminated quote is reported at the line where the quote opens.
 * - The separator is detected on the first line that holds something other
 *   than spaces, tabs, ';' and ','; a header with none of ';' TAB ','
 *   outside quotes (one column) gets ';'.
 * - A UTF-16 file (BOM FF FE or FE FF) is refused with its own message.
 * - On failure *out has name, sep and encoding set but nrows = 0 and rows =
 *   NULL: a half-read table is never handed on.
 * - Empty fields may share one "" string: do not write into fields.
 */
int csv_parse(const char *name, const char *buf, size_t len, csv_table *out,
	      arena *a, diag *d);

/*
 * As csv_parse, but a file with errors still hands on the rows that were
 * read cleanly (the rows where an error was found are dropped), so that
 * the caller can check them too and one run reports every problem.  It
 * returns -1 all the same, with the same messages.  The rows are handed
 * on only when the header row itself was read before any error; otherwise
 * (or for a file refused as a whole: too large, binary, UTF-16) nrows = 0.
 */
int csv_parse_partial(const char *name, const char *buf, size_t len,
		      csv_table *out, arena *a, diag *d);

/* Read path (shown as name) and csv_parse it.  A missing or unreadable
 * file is reported as "name: error: cannot read: <strerror>". */
int csv_read_file(const char *path, const char *name, csv_table *out, arena *a,
		  diag *d);

/* Read path (shown as name) and csv_parse_partial it. */
int csv_read_file_partial(const char *path, const char *name, csv_table *out,
			  arena *a, diag *d);

/* Index of the first header column whose folded name (text_fold) equals
 * the folded name, or -1 (also for a name that folds to "" and for a table
 * without rows). */
int csv_column(const csv_table *t, const char *name);

/* Field i of row r, or "" when the row is shorter (or i < 0, r NULL). */
const char *csv_field(const csv_row *r, int i);

#endif
