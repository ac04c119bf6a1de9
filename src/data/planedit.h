/*
 * planedit.h - changing the files of a plan folder in place, as little as
 * possible, and all of them or none.
 *
 * annex diff --write and annex amend add rows to CSV files and change a
 * few rows and keys; everything else of the file stays byte for byte as
 * the user's spreadsheet wrote it: its separator, line ends, encoding
 * (a Windows-1252 file gets Windows-1252 rows), quoting of other rows.
 * Edits are gathered per file (insert or replace a byte range) and
 * pe_commit() writes every changed file to a temporary file next to it,
 * then renames them all: a failure leaves every file as it was and no
 * temporary file behind.
 */
#ifndef ANNEX_PLANEDIT_H
#define ANNEX_PLANEDIT_H

#include "csv.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/diag.h"

typedef struct pe_edit {
	size_t off, del; /* replace del bytes at off */
	char *text;	 /* in the file's encoding */
	size_t len;
	int seq;
} pe_edit;

typedef struct pe_file {
	char *path; /* dir/file */
	char *raw;  /* the bytes as read; NULL when the file is absent */
	size_t len;
	csv_table t;	 /* parsed (CSV files); nrows 0 when absent */
	size_t *off;	 /* off[L]: start of physical line L (1-based) */
	int nlines;	 /* off[nlines + 1] == len */
	const char *eol; /* "\n" or "\r\n", as the file has it */
	int cp1252;	 /* the file is Windows-1252 */
	pe_edit *e;
	int ne, cap;
} pe_file;

/* Open dir/file: read it and, if csv, parse it.  An absent file is not an
 * error (raw NULL).  Returns 0, or -1 after reporting to d. */
int pe_open(pe_file *f, const char *dir, const char *file, int csv, arena *a,
	    diag *d);
void pe_close(pe_file *f);

/* Byte offset where physical line line starts (len past the end). */
size_t pe_line_off(const pe_file *f, int line);
/* The byte range of data row r (t.rows[r]) including its line end. */
void pe_row_range(const pe_file *f, int r, size_t *off, size_t *len);

/* One CSV line of fields with the file's separator and line end, quoted
 * where needed (RFC 4180), UTF-8. */
void pe_csv_line(buf *out, const pe_file *f, const char *const *fields, int n);

/* Replace del bytes at off with text (UTF-8; converted to the file's
 * encoding).  Returns 0, or -1 after reporting a character the file's
 * encoding cannot hold. */
int pe_edit_at(pe_file *f, size_t off, size_t del, const char *text, diag *d);
/* Add text (whole lines, UTF-8) at the end, after a line end if the file
 * lacks its last one. */
int pe_append(pe_file *f, const char *text, diag *d);

/* Set key = value in [section] of an INI file (value NULL: remove the
 * key's line); the key's line is replaced, or a new one goes after the
 * section's last key (a missing section is added at the end). */
int pe_ini_set(pe_file *f, const char *section, const char *key,
	       const char *value, diag *d);

/* Write every file of files[] that has edits, all or none.  Returns 0,
 * or -1 after reporting to d (nothing changed). */
int pe_commit(pe_file *const *files, int n, diag *d);

#endif
