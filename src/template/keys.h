/*
 * keys.h - template keys declared as tables.
 *
 * Every key a template may set is one row: its name ("section:key"), its
 * type, where its value goes (an offset into the struct the table fills),
 * its default as a template would write it, its range and one line of
 * help.  tk_read() reads a table into a struct: the template's value or
 * the default, checked against the type and range, with an error at the
 * key's file:line when it is wrong.  The same rows give the "did you
 * mean" of unknown keys, `annex template-keys` and the README's template
 * reference, so a key exists in one place only.
 *
 * Adding a key: add a row to the table of its section (template.c for
 * the document, the part's file in reports/ for a part) and a field to
 * the struct it fills.
 */
#ifndef ANNEX_KEYS_H
#define ANNEX_KEYS_H

#include "../data/ini.h"
#include "../layout/page.h"
#include "../util/arena.h"
#include "../util/diag.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
	TK_TEXT,    /* const char *: any text */
	TK_PHRASE,  /* const char *: text with {placeholders} of .arg */
	TK_LENGTH,  /* float, points: 12pt, 15mm, 1.5cm, 1in; range in pt */
	TK_NUMBER,  /* float: a decimal number in [lo, hi] */
	TK_INT,	    /* int: a whole number in [lo, hi] */
	TK_COLOUR,  /* uint32_t: six hex digits RRGGBB */
	TK_ENUM,    /* int: index of the value in .arg (names) */
	TK_STYLE,   /* lay_style: FONT SIZE [COLOUR [LEADING]] */
	TK_FILE,    /* const char *: a path relative to the template, resolved
		       and checked readable; with the default "" optional
		       (NULL when not set) */
	TK_LIST,    /* tpl_list: comma-separated items, lo to hi of them */
	TK_COLUMNS, /* tpl_table: a table's columns, .arg the tpl_coldef
		       rows; also the keys width.X (a number or auto: -1),
		       align.X, heading.X, continue.X */
	TK_TYPE_COUNT
} tpl_type;

/* A list of trimmed items (TK_LIST). */
typedef struct tpl_list {
	const char **v;
	int n;
	int line; /* where it was set, 0 for the default */
} tpl_list;

/* A part's fill function for a column, stored untyped: the part casts it
 * back to its own type (void (*)(void) converts to and from any function
 * pointer type). */
typedef void (*tpl_fill)(void);

/* A column a table can show: key, default width (relative), alignment
 * and heading, and for the part that prints it, the function that fills
 * its cells and a number of the part's choosing (tag).  Arrays of them
 * end with a row whose key is NULL. */
typedef struct tpl_coldef {
	const char *key;
	const char *width, *align, *heading;
	tpl_fill fill;
	int tag;
	const char *cont; /* continue.X: label, full, rest, none; NULL: the
			     table's span */
} tpl_coldef;

typedef struct tpl_column {
	const char *key;     /* e.g. "descrizione", "anni" */
	float width;	     /* relative */
	int align;	     /* LAY_LEFT ... */
	const char *heading; /* header text */
	tpl_fill fill;	     /* from its tpl_coldef */
	int tag;
	int cont; /* tbl_cont: what follows a page break (0: span) */
} tpl_column;

typedef struct tpl_table {
	const char *title; /* part heading */
	int ncols;
	tpl_column *cols; /* in the template's order (its `columns`) */
} tpl_table;

/* One key.  For TK_COLUMNS the key is "section:columns". */
typedef struct tpl_key {
	const char *key;
	tpl_type type;
	size_t off; /* of the field in the struct being filled */
	const char *def;
	double lo, hi;	 /* TK_NUMBER, TK_INT, TK_LENGTH, TK_LIST (count) */
	const void *arg; /* NULL-terminated names (TK_ENUM, TK_PHRASE),
			    tpl_coldef rows (TK_COLUMNS) */
	const char *help;
	/* If set and false for the struct read so far, a TK_FILE is not
	 * looked for and its field is NULL (e.g. the ICC profile of a plain
	 * PDF). */
	int (*when)(const void *base);
} tpl_key;

/* Row constructors; OFF is the offset of the field. */
#define TK_ROW(k, type, off, def, lo, hi, arg, help)                           \
	{                                                                      \
		(k), (type), (off), (def), (lo), (hi), (arg), (help), NULL     \
	}

/* Reading a template. */
typedef struct tk_reader {
	arena *a;     /* values live here */
	ini_doc *ini; /* NULL: every key takes its default */
	diag *d;
	const char *dir;    /* the template's folder, for TK_FILE */
	int line;	    /* of the last value read, 0 for a default */
	const char **known; /* every key asked for, for "did you mean" */
	int nknown, capknown;
} tk_reader;

/* Fill base from rows[0..n): every key's value or default.  Problems are
 * errors at the key's file:line. */
void tk_read(tk_reader *R, const tpl_key *rows, int n, void *base);
/* The trimmed value of key (recorded as known), or def; R->line is its
 * line or 0. */
const char *tk_get(tk_reader *R, const char *key, const char *def);
/* Report a bad value of key at R->line. */
void tk_bad(tk_reader *R, const char *key, const char *v, const char *what);
/* Warn about the template's keys that no table knows, with "did you
 * mean". */
void tk_warn_unknown(tk_reader *R);
void tk_reader_free(tk_reader *R);

/* A decimal number as templates write it, whatever the locale:
 * [+-]digits[.digits], at most 15 digits.  Returns 0 and sets *x, or -1.
 * Never NaN or infinite. */
int tk_parse_number(const char *s, double *x);

/* Print rows as `annex template-keys` does: one line per key (type,
 * default, range, help), or a Markdown table (markdown != 0).  A
 * TK_COLUMNS row prints as its columns, width.X, align.X, heading.X and
 * continue.X. */
void tk_print(FILE *out, const tpl_key *rows, int n, int markdown);

#endif
