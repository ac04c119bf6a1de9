/*
 * ini.h - INI files (documento.ini, templates) with line numbers.
 *
 * Our own reader (iniparser 4.1 knew no line numbers, printed syntax
 * errors itself, kept the last of duplicate keys silently and crashed when
 * memory ran out): syntax problems are reported as file:line, every key
 * keeps its line, and duplicate keys are warned about.  A UTF-8 BOM is
 * skipped, and a file that is not UTF-8 is read as Windows-1252 with a
 * warning.
 *
 * Comments: a line starting with ';' or '#' is a comment, and so is the
 * rest of a value from a ';' that follows white space; a ';' elsewhere
 * and '#' inside a value are literal ("titolo = A;B" is "A;B", "x = A ;B"
 * is "A", "colour = #1F3864" is "#1F3864").  A value in double or single
 * quotes is taken as written, quotes removed.
 */
#ifndef ANNEX_INI_H
#define ANNEX_INI_H

#include "../util/diag.h"

/* Limits that keep a broken or hostile file from costing much; exceeding
 * one is an error naming the limit. */
#define INI_MAX_BYTES	 (1024 * 1024)
#define INI_MAX_LINE	 1000 /* bytes in a line, continuation lines included */
#define INI_MAX_KEYS	 2000
#define INI_MAX_SECTIONS 200

typedef struct ini_key {
	char *name;  /* "section:key", lower case */
	char *value; /* as read by ini_value_of */
	int line;
	int used; /* looked up by ini_get */
} ini_key;

typedef struct ini_doc {
	char *name; /* as shown in diagnostics */
	ini_key *keys;
	int nkeys;
	char **sections;
	int nsections;
} ini_doc;

/* Load path (shown as name).  Returns NULL after reporting to d when the
 * file is missing or malformed. */
ini_doc *ini_open(const char *path, const char *name, diag *d);
void ini_close(ini_doc *ini);
/* Value of "section:key" (lower case), or NULL when absent; *line (if not
 * NULL) gets its line, or 0. */
const char *ini_get(ini_doc *ini, const char *key, int *line);
int ini_has_section(const ini_doc *ini, const char *section);
/* The value of a "key = value" line given what follows its '=', by the
 * rules above, malloc'd. */
char *ini_value_of(const char *raw);
/* Warn about every key not looked up with ini_get, suggesting the closest
 * known key of the same section ("did you mean ...?"). */
void ini_warn_unused(ini_doc *ini, const char *const *known, int nknown,
		     diag *d);

#endif
