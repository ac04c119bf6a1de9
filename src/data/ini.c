/* ini.c - INI files with line numbers (see ini.h). */
#include "ini.h"
#include "../util/arena.h"

#include <iniparser.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static char *read_all(const char *path, size_t *len, diag *d,
		      const char *name)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_error(d, name, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	buf b = BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_append(&b, chunk, n);
		if (b.len > INI_MAX_BYTES) {
			diag_error(d, name, 0,
				   "file larger than the limit of %d bytes",
				   INI_MAX_BYTES);
			fclose(fp);
			buf_free(&b);
			return NULL;
		}
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

/* Scan text for syntax and key lines.  Returns the number of errors. */
static int scan(ini_doc *ini, const char *text, size_t len, diag *d)
{
	int errors = 0, line = 0;
	char *section = trim_dup("", 0);
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		line++;
		size_t n = j - i;
		const char *s = text + i;
		i = j + 1;
		if (n >= 1024) {
			diag_error(d, ini->name, line,
				   "line longer than 1023 bytes");
			errors++;
			continue;
		}
		char *t = trim_dup(s, n);
		if (!*t || *t == ';' || *t == '#') {
			free(t);
			continue;
		}
		if (*t == '[') {
			char *end = strchr(t, ']');
			if (!end) {
				diag_error(d, ini->name, line,
					   "section name without ']'");
				errors++;
				free(t);
				continue;
			}
			free(section);
			section = trim_dup(t + 1, (size_t)(end - t - 1));
			lower(section);
			ini->sections = xrealloc(ini->sections,
						 (size_t)(ini->nsections + 1) *
							 sizeof(char *));
			ini->sections[ini->nsections++] =
				trim_dup(section, strlen(section));
			free(t);
			continue;
		}
		char *eq = strchr(t, '=');
		if (!eq) {
			diag_error(d, ini->name, line,
				   "expected 'key = value' or '[section]'");
			errors++;
			free(t);
			continue;
		}
		char *key = trim_dup(t, (size_t)(eq - t));
		lower(key);
		size_t kl = strlen(section) + strlen(key) + 2;
		char *full = xmalloc(kl);
		snprintf(full, kl, "%s:%s", section, key);
		free(key);
		for (int k = 0; k < ini->nkeys; k++)
			if (strcmp(ini->keys[k].name, full) == 0) {
				diag_warning(d, ini->name, line,
					     "'%s' set again (line %d); "
					     "this value wins",
					     full, ini->keys[k].line);
				ini->keys[k].line = line;
				free(full);
				full = NULL;
				break;
			}
		if (full) {
			ini->keys = xrealloc(ini->keys,
					     (size_t)(ini->nkeys + 1) *
						     sizeof(ini_key));
			ini->keys[ini->nkeys].name = full;
			ini->keys[ini->nkeys].line = line;
			ini->keys[ini->nkeys].used = 0;
			ini->nkeys++;
		}
		free(t);
	}
	free(section);
	return errors;
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
		diag_error(d, name, 0, "binary file, not an INI file");
		free(text);
		ini_close(ini);
		return NULL;
	}
	int bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
	if (scan(ini, text + (bom ? 3 : 0), len - (bom ? 3 : 0), d) > 0) {
		free(text);
		ini_close(ini);
		return NULL;
	}
	iniparser_set_error_callback(quiet);
	if (bom) {
		/* iniparser rejects the BOM: load a copy without it. */
		char tmp[] = "/tmp/annex-iniXXXXXX";
		int fd = mkstemp(tmp);
		if (fd >= 0) {
			ssize_t w = write(fd, text + 3, len - 3);
			close(fd);
			if (w == (ssize_t)(len - 3))
				ini->dict = iniparser_load(tmp);
			unlink(tmp);
		}
	} else {
		ini->dict = iniparser_load(path);
	}
	free(text);
	if (!ini->dict) {
		diag_error(d, name, 0, "cannot parse the INI file");
		ini_close(ini);
		return NULL;
	}
	return ini;
}

void ini_close(ini_doc *ini)
{
	if (!ini)
		return;
	if (ini->dict)
		iniparser_freedict(ini->dict);
	for (int i = 0; i < ini->nkeys; i++)
		free(ini->keys[i].name);
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
			/* CVE-2023-33461: look the entry up before asking
			 * for it. */
			if (!iniparser_find_entry(ini->dict, key))
				return NULL;
			return iniparser_getstring(ini->dict, key, NULL);
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

/* Levenshtein distance, for "did you mean". */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cur = row[j];
			int sub = prev + (a[i - 1] != b[j - 1]);
			int del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins)
					   : (del < ins ? del : ins);
			prev = cur;
		}
	}
	return row[lb];
}

void ini_warn_unused(ini_doc *ini, const char *const *known, int nknown,
		     diag *d)
{
	for (int k = 0; k < ini->nkeys; k++) {
		if (ini->keys[k].used)
			continue;
		const char *best = NULL;
		int bestd = 4;
		for (int i = 0; i < nknown; i++) {
			int dd = distance(ini->keys[k].name, known[i]);
			if (dd < bestd) {
				bestd = dd;
				best = known[i];
			}
		}
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
