/*
 * ini.c - INI files with line numbers (see ini.h).
 *
 * ini_open() reads the whole file (at most INI_MAX_BYTES), checks it and
 * scans it line by line; the syntax is iniparser 4.1's (the library this
 * reader replaced), so a file it read reads the same, and every problem it
 * would have rejected the file for is an error here with its line:
 *
 *  - a line is split at LF; surrounding white space (CR included) is
 *    dropped; a line ending in '\' goes on with the next one (joined
 *    without the '\'), and counts as the line it starts on;
 *  - empty lines and lines starting with ';' or '#' are skipped;
 *  - a value ends at a ';' that follows white space (a comment); a ';'
 *    elsewhere and '#' are literal; a value in quotes is taken as written
 *    (ini_value_of; iniparser cut at any ';' or '#');
 *  - "[name]" opens a section: it must end with ']' and name must not be
 *    empty (iniparser kept the previous section);
 *  - any other line must be "key = value" with a non-empty key.
 *
 * Limits (INI_MAX_*) keep a hostile file from costing much: a logical line
 * of INI_MAX_LINE bytes (iniparser's own limit was 1,023), INI_MAX_KEYS
 * keys, INI_MAX_SECTIONS sections; each is an error naming the limit.
 *
 * Encoding: as for CSV files, a UTF-8 BOM is skipped, and a file that is
 * not valid UTF-8 is read as Windows-1252 with one warning.  The scan
 * keeps every key with its value and line; ini_get looks them up.  No
 * temporary file, no library: memory running out ends the run (xmalloc).
 */
#include "ini.h"
#include "../util/infile.h"
#include "../util/arena.h"
#include "../util/text.h"
#include "../util/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The whole file, NUL-terminated, or NULL after reporting why. */
static char *read_all(const char *path, size_t *len, diag *d, const char *name)
{
	struct stat st;
	char why[128];
	FILE *fp = infile_fopen(path, &st, why, sizeof why);
	if (!fp) {
		diag_error(d, name, 0, "cannot read: %s", why);
		return NULL;
	}
	buf b = BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_append(&b, chunk, n);
		if (b.len > INI_MAX_BYTES) {
			diag_error(d, name, 0,
				   "file too large: more than %d bytes, the "
				   "limit",
				   INI_MAX_BYTES);
			fclose(fp);
			buf_free(&b);
			return NULL;
		}
	}
	if (ferror(fp)) {
		diag_error(d, name, 0, "cannot read: %s", strerror(errno));
		fclose(fp);
		buf_free(&b);
		return NULL;
	}
	fclose(fp);
	*len = b.len;
	if (!b.data)
		buf_puts(&b, "");
	return b.data;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	char *r = xmalloc(n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *ini_value_of(const char *raw)
{
	while (*raw == ' ' || *raw == '\t')
		raw++;
	char q = *raw;
	if (q == '"' || q == '\'') {
		/* Like iniparser: "text" (at least one character) up to the
		 * next quote. */
		const char *end = strchr(raw + 1, q);
		if (end && end > raw + 1) {
			size_t n = (size_t)(end - raw - 1);
			char *v = xmalloc(n + 1);
			memcpy(v, raw + 1, n);
			v[n] = '\0';
			return v;
		}
	}
	size_t n = 0;
	while (raw[n] && !(raw[n] == ';' &&
			   (n == 0 || raw[n - 1] == ' ' || raw[n - 1] == '\t')))
		n++;
	char *v = trim_dup(raw, n);
	if (!strcmp(v, "\"\"") || !strcmp(v, "''"))
		*v = '\0';
	return v;
}

/* Record a key (full name "section:key" and value, malloc'd, taken over)
 * set on line, warning when it was set before.  Returns -1 past
 * INI_MAX_KEYS. */
static int add_key(ini_doc *ini, char *full, char *value, int line, diag *d)
{
	for (int k = 0; k < ini->nkeys; k++)
		if (strcmp(ini->keys[k].name, full) == 0) {
			diag_warning(d, ini->name, line,
				     "'%s' set again (first on line %d); "
				     "this value wins",
				     full, ini->keys[k].line);
			ini->keys[k].line = line;
			free(ini->keys[k].value);
			ini->keys[k].value = value;
			free(full);
			return 0;
		}
	if (ini->nkeys >= INI_MAX_KEYS) {
		diag_error(d, ini->name, line,
			   "too many keys: more than %d, the limit per file",
			   INI_MAX_KEYS);
		free(full);
		free(value);
		return -1;
	}
	ini->keys =
		xrealloc(ini->keys, (size_t)(ini->nkeys + 1) * sizeof(ini_key));
	ini->keys[ini->nkeys].name = full;
	ini->keys[ini->nkeys].value = value;
	ini->keys[ini->nkeys].line = line;
	ini->keys[ini->nkeys].used = 0;
	ini->nkeys++;
	return 0;
}

/* Record a section (malloc'd name, taken over) unless known already.
 * Returns -1 past INI_MAX_SECTIONS. */
static int add_section(ini_doc *ini, char *name, int line, diag *d)
{
	if (ini_has_section(ini, name)) {
		free(name);
		return 0;
	}
	if (ini->nsections >= INI_MAX_SECTIONS) {
		diag_error(d, ini->name, line,
			   "too many sections: more than %d, the limit per "
			   "file",
			   INI_MAX_SECTIONS);
		free(name);
		return -1;
	}
	ini->sections = xrealloc(ini->sections,
				 (size_t)(ini->nsections + 1) * sizeof(char *));
	ini->sections[ini->nsections++] = name;
	return 0;
}

/* One logical line t (trimmed, continuation lines joined), starting on
 * physical line line.  *section is the current section (malloc'd).
 * Returns 0, or -1 after an error; *stop is set past a limit. */
static int scan_line(ini_doc *ini, char *t, int line, char **section, int *stop,
		     diag *d)
{
	if (!*t || *t == ';' || *t == '#')
		return 0;
	size_t n = strlen(t);
	if (*t == '[') {
		if (t[n - 1] != ']') {
			diag_error(d, ini->name, line,
				   strchr(t, ']') ? "text after the ']' of a "
						    "section name"
						  : "section name without ']'");
			return -1;
		}
		/* Like iniparser: the name ends at the first ']'. */
		char *end = strchr(t, ']');
		char *name = trim_dup(t + 1, (size_t)(end - t - 1));
		if (!*name) {
			diag_error(d, ini->name, line, "empty section name");
			free(name);
			return -1;
		}
		lower(name);
		free(*section);
		*section = trim_dup(name, strlen(name));
		if (add_section(ini, name, line, d) != 0) {
			*stop = 1;
			return -1;
		}
		return 0;
	}
	char *eq = strchr(t, '=');
	if (!eq) {
		diag_error(d, ini->name, line,
			   "expected 'key = value' or '[section]'");
		return -1;
	}
	char *key = trim_dup(t, (size_t)(eq - t));
	if (!*key) {
		diag_error(d, ini->name, line, "no key name before '='");
		free(key);
		return -1;
	}
	lower(key);
	size_t kl = strlen(*section) + strlen(key) + 2;
	char *full = xmalloc(kl);
	snprintf(full, kl, "%s:%s", *section, key);
	free(key);
	if (add_key(ini, full, ini_value_of(eq + 1), line, d) != 0) {
		*stop = 1;
		return -1;
	}
	return 0;
}

/* Scan text for syntax and key lines.  Returns the number of errors. */
static int scan(ini_doc *ini, const char *text, size_t len, diag *d)
{
	int errors = 0, line = 0, stop = 0;
	char *section = trim_dup("", 0);
	buf logical = BUF_INIT; /* the line being joined, as iniparser does */
	size_t raw = 0;		/* its length in the file */
	int first = 0;		/* its first physical line */
	int skip = 0;		/* drop the rest of an overlong line */
	size_t i = 0;
	while (i < len && !stop) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		line++;
		size_t n = j - i;
		const char *s = text + i;
		int last = j >= len || j + 1 == len;
		i = j + 1;
		if (!raw && !skip)
			first = line;
		raw += n + 1;
		/* Drop trailing white space; a '\' left at the end joins
		 * the next line. */
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		int more = n > 0 && s[n - 1] == '\\';
		if (skip) {
			skip = more;
			raw = 0;
			continue;
		}
		if (raw > INI_MAX_LINE) {
			diag_error(d, ini->name, first,
				   "line too long: more than %d bytes%s, the "
				   "limit",
				   INI_MAX_LINE,
				   line > first ? " with its continuation "
						  "lines"
						: "");
			errors++;
			skip = more;
			raw = 0;
			buf_reset(&logical);
			continue;
		}
		buf_append(&logical, s, more ? n - 1 : n);
		if (more && !last)
			continue;
		if (more) {
			/* iniparser drops a line still waiting for its
			 * continuation at the end of the file. */
			diag_warning(d, ini->name, first,
				     "the last line ends with '\\', which "
				     "joins it to a next line; it is ignored");
		} else {
			char *l = trim_dup(buf_cstr(&logical), logical.len);
			if (scan_line(ini, l, first, &section, &stop, d) != 0)
				errors++;
			free(l);
		}
		buf_reset(&logical);
		raw = 0;
	}
	buf_free(&logical);
	free(section);
	return errors;
}

/* Physical line (1-based) of offset off in s. */
static int line_of(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

ini_doc *ini_open(const char *path, const char *name, diag *d)
{
	size_t len;
	char *text = read_all(path, &len, d, name);
	if (!text)
		return NULL;
	ini_doc *ini = xcalloc(1, sizeof *ini);
	ini->name = trim_dup(name, strlen(name));
	if (memchr(text, '\0', len)) {
		diag_error(
			d, name,
			line_of(text, (size_t)((char *)memchr(text, '\0', len) -
					       text)),
			"binary file, not an INI file (a NUL byte)");
		free(text);
		ini_close(ini);
		return NULL;
	}
	if (len >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
			 (text[0] == '\xFE' && text[1] == '\xFF'))) {
		diag_error(d, name, 0, "UTF-16 text: save the file as UTF-8");
		free(text);
		ini_close(ini);
		return NULL;
	}
	const char *body = text;
	size_t blen = len;
	int bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
	if (bom)
		body += 3, blen -= 3;
	char *conv = NULL;
	if (!utf8_valid(body, blen)) {
		int bad = line_of(body, utf8_first_invalid(body, blen));
		conv = cp1252_to_utf8(body, blen, &blen);
		body = conv;
		diag_warning(d, name, 0,
			     "not valid UTF-8; read as Windows-1252 (first "
			     "non-UTF-8 byte on line %d)",
			     bad);
	}
	int bad = scan(ini, body, blen, d) > 0;
	free(conv);
	free(text);
	if (bad) {
		ini_close(ini);
		return NULL;
	}
	return ini;
}

void ini_close(ini_doc *ini)
{
	if (!ini)
		return;
	for (int i = 0; i < ini->nkeys; i++) {
		free(ini->keys[i].name);
		free(ini->keys[i].value);
	}
	for (int i = 0; i < ini->nsections; i++)
		free(ini->sections[i]);
	free(ini->sections);
	free(ini->keys);
	free(ini->name);
	free(ini);
}

const char *ini_get(ini_doc *ini, const char *key, int *line)
{
	if (line)
		*line = 0;
	for (int k = 0; k < ini->nkeys; k++)
		if (strcmp(ini->keys[k].name, key) == 0) {
			ini->keys[k].used = 1;
			if (line)
				*line = ini->keys[k].line;
			return ini->keys[k].value;
		}
	return NULL;
}

int ini_has_section(const ini_doc *ini, const char *section)
{
	for (int i = 0; i < ini->nsections; i++)
		if (strcmp(ini->sections[i], section) == 0)
			return 1;
	return 0;
}

void ini_warn_unused(ini_doc *ini, const char *const *known, int nknown,
		     diag *d)
{
	for (int k = 0; k < ini->nkeys; k++) {
		if (ini->keys[k].used)
			continue;
		const char *best =
			text_closest(ini->keys[k].name, known, nknown);
		if (best)
			diag_warning(d, ini->name, ini->keys[k].line,
				     "unknown key '%s' ignored; did you mean "
				     "'%s'?",
				     ini->keys[k].name, best);
		else
			diag_warning(d, ini->name, ini->keys[k].line,
				     "unknown key '%s' ignored",
				     ini->keys[k].name);
	}
}
