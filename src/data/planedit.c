/*
 * planedit.c - small in-place edits of a plan's files (see planedit.h).
 */

#include "planedit.h"
#include "../util/atomic.h"
#include "../util/text.h"
#include "../util/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int read_all(const char *path, char **out, size_t *len, diag *d)
{
	FILE *fp = fopen(path, "rb");
	*out = NULL;
	*len = 0;
	if (!fp) {
		if (errno == ENOENT)
			return 0;
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&b, chunk, n);
	int err = ferror(fp);
	fclose(fp);
	if (err) {
		diag_error(d, path, 0, "cannot read");
		buf_free(&b);
		return -1;
	}
	buf_putc(&b, '\0'); /* never NULL, even when empty */
	*out = b.data;
	*len = b.len - 1;
	return 0;
}

/* Physical lines end at LF, CRLF or a lone CR, as the CSV reader has it. */
static void index_lines(pe_file *f)
{
	size_t cap = 64;
	f->off = xmalloc(sizeof(size_t) * cap);
	int n = 0;
	f->off[1] = 0;
	f->eol = "\n";
	size_t i = 0;
	while (i < f->len) {
		char c = f->raw[i++];
		if (c != '\n' && c != '\r')
			continue;
		if (c == '\r' && i < f->len && f->raw[i] == '\n') {
			i++;
			f->eol = "\r\n";
		}
		if ((size_t)n + 3 >= cap)
			f->off = xrealloc(f->off, sizeof(size_t) * (cap *= 2));
		f->off[++n + 1] = i;
	}
	/* A last line without its line end still counts. */
	if (f->len && f->off[n + 1] < f->len) {
		n++;
		if ((size_t)n + 2 >= cap)
			f->off = xrealloc(f->off, sizeof(size_t) * (cap + 2));
		f->off[n + 1] = f->len;
	}
	f->nlines = n;
}

int pe_open(pe_file *f, const char *dir, const char *file, int csv, arena *a,
	    diag *d)
{
	memset(f, 0, sizeof *f);
	size_t n = strlen(dir) + strlen(file) + 2;
	f->path = xmalloc(n);
	snprintf(f->path, n, "%s/%s", dir, file);
	f->t.sep = ';';
	if (read_all(f->path, &f->raw, &f->len, d) != 0)
		return -1;
	index_lines(f);
	if (!csv || !f->raw)
		return 0;
	/* The plan was loaded from this file: its warnings (Windows-1252
	 * ...) have been given once already. */
	const char *name = arena_strdup(a, f->path);
	diag quiet;
	buf said = BUF_INIT;
	diag_init(&quiet, NULL);
	quiet.capture = &said;
	int rc = csv_parse(name, f->raw, f->len, &f->t, a, &quiet);
	buf_free(&said);
	if (rc != 0) {
		diag_error(d, f->path, 0, "changed while annex was reading it");
		return -1;
	}
	f->cp1252 = f->t.encoding == CSV_CP1252;
	return 0;
}

void pe_close(pe_file *f)
{
	for (int i = 0; i < f->ne; i++)
		free(f->e[i].text);
	free(f->e);
	free(f->off);
	free(f->raw);
	free(f->path);
	memset(f, 0, sizeof *f);
}

size_t pe_line_off(const pe_file *f, int line)
{
	if (line < 1)
		return 0;
	if (line > f->nlines)
		return f->len;
	return f->off[line];
}

void pe_row_range(const pe_file *f, int r, size_t *off, size_t *len)
{
	const csv_row *row = &f->t.rows[r];
	int k = 1;
	for (int i = 0; i < row->nfields; i++)
		for (const char *s = row->fields[i]; *s; s++)
			k += *s == '\n';
	*off = pe_line_off(f, row->line);
	*len = pe_line_off(f, row->line + k) - *off;
}

void pe_csv_line(buf *out, const pe_file *f, const char *const *fields, int n)
{
	char sep = f->t.sep ? f->t.sep : ';';
	for (int i = 0; i < n; i++) {
		const char *s = fields[i] ? fields[i] : "";
		if (i)
			buf_putc(out, sep);
		if (strchr(s, sep) || strpbrk(s, "\"\r\n")) {
			buf_putc(out, '"');
			for (; *s; s++) {
				if (*s == '"')
					buf_putc(out, '"');
				if (*s == '\n')
					buf_puts(out, f->eol);
				else
					buf_putc(out, *s);
			}
			buf_putc(out, '"');
		} else {
			buf_puts(out, s);
		}
	}
	buf_puts(out, f->eol ? f->eol : "\n");
}

int pe_edit_at(pe_file *f, size_t off, size_t del, const char *text, diag *d)
{
	size_t n = strlen(text);
	char *t = xmalloc(n + 1);
	if (f->cp1252) {
		int m = utf8_to_cp1252(text, n, t);
		if (m < 0) {
			diag_error(d, f->path, 0,
				   "the file is Windows-1252 and cannot hold "
				   "a character of the text to write; save it "
				   "as UTF-8 and try again");
			free(t);
			return -1;
		}
		n = (size_t)m;
	} else {
		memcpy(t, text, n);
	}
	if (f->ne == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->e = xrealloc(f->e, sizeof *f->e * (size_t)f->cap);
	}
	f->e[f->ne] = (pe_edit){off, del, t, n, f->ne};
	f->ne++;
	return 0;
}

int pe_append(pe_file *f, const char *text, diag *d)
{
	if (f->len && f->raw[f->len - 1] != '\n' &&
	    f->raw[f->len - 1] != '\r' &&
	    pe_edit_at(f, f->len, 0, f->eol, d) != 0)
		return -1;
	return pe_edit_at(f, f->len, 0, text, d);
}

/* ---- INI ------------------------------------------------------------ */

/* Line [s, e) is "[name]": its name, trimmed, in *n. */
static int section_line(const char *s, const char *e, const char **name,
			size_t *n)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		e--;
	if (s >= e || *s != '[' || e[-1] != ']')
		return 0;
	*name = s + 1;
	*n = (size_t)(e - s - 2);
	return 1;
}

/* Line [s, e) sets key (case-insensitive). */
static int key_line(const char *s, const char *e, const char *key)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	size_t kl = strlen(key);
	if ((size_t)(e - s) <= kl || strncasecmp(s, key, kl) != 0)
		return 0;
	s += kl;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s < e && (*s == '=' || *s == ':');
}

static int blank_or_comment(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++;
	return s == e || *s == ';' || *s == '#';
}

int pe_ini_set(pe_file *f, const char *section, const char *key,
	       const char *value, diag *d)
{
	int in = 0, found_sec = 0;
	size_t after = 0; /* end of the section's last key line */
	for (int L = 1; L <= f->nlines; L++) {
		const char *s = f->raw + f->off[L], *e = f->raw + f->off[L + 1];
		const char *name;
		size_t n;
		if (section_line(s, e, &name, &n)) {
			in = n == strlen(section) &&
			     strncasecmp(name, section, n) == 0;
			if (in) {
				found_sec = 1;
				after = f->off[L + 1];
			}
			continue;
		}
		if (!in)
			continue;
		if (key_line(s, e, key)) {
			char *line = NULL;
			if (value) {
				size_t ln = strlen(key) + strlen(value) + 8;
				line = xmalloc(ln);
				snprintf(line, ln, "%s = %s%s", key, value,
					 f->eol);
			}
			int rc = pe_edit_at(f, f->off[L],
					    f->off[L + 1] - f->off[L],
					    line ? line : "", d);
			free(line);
			return rc;
		}
		if (!blank_or_comment(s, e))
			after = f->off[L + 1];
	}
	if (!value)
		return 0;
	buf b = BUF_INIT;
	if (!found_sec) {
		after = f->len;
		if (f->len && f->raw[f->len - 1] != '\n')
			buf_puts(&b, f->eol);
		buf_printf(&b, "[%s]%s", section, f->eol);
	} else if (after && f->raw[after - 1] != '\n' &&
		   f->raw[after - 1] != '\r') {
		buf_puts(&b, f->eol);
	}
	buf_printf(&b, "%s = %s%s", key, value, f->eol);
	int rc = pe_edit_at(f, after, 0, buf_cstr(&b), d);
	buf_free(&b);
	return rc;
}

/* ---- writing -------------------------------------------------------- */

static int cmp_edit(const void *a, const void *b)
{
	const pe_edit *x = a, *y = b;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The file's new bytes. */
static void apply(pe_file *f, buf *out)
{
	qsort(f->e, (size_t)f->ne, sizeof *f->e, cmp_edit);
	size_t at = 0;
	for (int i = 0; i < f->ne; i++) {
		const pe_edit *e = &f->e[i];
		if (e->off > at)
			buf_append(out, f->raw + at, e->off - at);
		buf_append(out, e->text, e->len);
		if (e->off + e->del > at)
			at = e->off + e->del;
	}
	if (at < f->len)
		buf_append(out, f->raw + at, f->len - at);
}

int pe_commit(pe_file *const *files, int n, diag *d)
{
	atomic_file *af = xcalloc((size_t)n + 1, sizeof *af);
	for (int i = 0; i < n; i++)
		af[i].fd = af[i].slot = -1;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (!files[i]->ne)
			continue;
		buf b = BUF_INIT;
		apply(files[i], &b);
		rc = atomic_open(&af[i], files[i]->path, d);
		if (rc == 0)
			atomic_write(&af[i], b.data ? b.data : "", b.len);
		if (rc == 0)
			rc = atomic_sync(&af[i], d);
		buf_free(&b);
	}
	for (int i = 0; i < n && rc == 0; i++)
		if (files[i]->ne)
			rc = atomic_commit(&af[i], d);
	for (int i = 0; i < n; i++)
		atomic_abort(&af[i]);
	free(af);
	return rc;
}
