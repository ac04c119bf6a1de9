/*
 * csv.c - reading one CSV file into rows of UTF-8 fields (see csv.h).
 *
 * csv_parse() works on the whole file in memory, in five steps:
 *
 *  1. Checks on the raw bytes: the size limit, then UTF-16 (by its BOM) and
 *     binary files (a NUL byte, or C0 control characters making up more
 *     than 5% of the bytes) are refused before anything is parsed; the
 *     scan for controls goes eight bytes at a time.
 *  2. Encoding: a UTF-8 BOM is skipped; if the rest is not valid UTF-8 the
 *     whole of it is converted from Windows-1252 into a temporary buffer,
 *     with one warning.  Both encodings agree on ASCII, so separators,
 *     quotes and line breaks stay where they were.
 *  3. The separator is chosen from the header line (detect_sep()).
 *  4. libcsv, in strict mode, is fed one physical line at a time.  libcsv
 *     reports neither positions nor line numbers, and feeding it line by
 *     line is what gives rows and errors their lines: a strict error always
 *     lies in the line just fed, and a row starts on the line being fed
 *     whenever no row was open before it.  A row stays open across a line
 *     end only inside a quoted field, which is inferred without looking
 *     into libcsv's state: after a line holding anything but blanks, either
 *     libcsv called the row callback (the line end closed the row) or it is
 *     inside quotes.  A line ends at LF, CRLF or a lone CR, exactly the
 *     bytes at which libcsv ends a row.  Most lines hold no quote: such a
 *     line that starts a row is split at its separators with memchr
 *     instead (split_plain()), which gives exactly the fields libcsv would
 *     and is several times faster; lines are found with memchr too.
 *  5. The callbacks trim and normalise each field straight into the arena
 *     and collect the row; a row whose fields are all empty is dropped.
 *
 * Recovery: after a quoting error the partial row is dropped, the parser is
 * reset and parsing resumes at the next line, so that one run reports every
 * problem.  An unterminated quote only shows at the end of the file; it is
 * reported at the line where the quote opened and parsing resumes at the
 * line after that one.  Each such rewind starts later in the file, but to
 * keep pathological input linear there are at most MAX_REWINDS of them.
 * csv_parse() then hands on no rows; csv_parse_partial() hands on those
 * read cleanly, unless an error came before the header row was kept (the
 * row taken for the header could then be a data row: header_bad).
 *
 * Memory: fields and rows live in the caller's arena, each row in one
 * block (its pointer array, then its strings), so 100,000 rows of short
 * fields do not pay the arena's alignment once per field.  The fields of
 * the row being read collect in a reused buffer; the Windows-1252 copy and
 * the growing row vector are malloc'd too (the vector is copied into the
 * arena once at the end, rather than regrown inside it), and all of them
 * are freed before returning.  libcsv's field buffer grows through
 * grow_buffer(), in powers of two, so a huge field costs O(n) and not O(n^2) as
 * with libcsv's fixed increments; csv_free() releases it.  There is no global
 * state: the callbacks get everything through a parse_ctx.
 */

/* libcsv, from the system include path (src/data is never an -I
 * directory).  data/csv.h renames our csv_parse to annex_csv_parse with a
 * macro, so libcsv's csv_parse is bound to another name before it is
 * included. */
#include <csv.h>

static size_t libcsv_parse(struct csv_parser *p, const char *s, size_t len,
			   void (*field_cb)(void *, size_t, void *),
			   void (*row_cb)(int, void *), void *ud)
{
	return csv_parse(p, s, len, field_cb, row_cb, ud);
}

#include "csv.h"
#include "../util/infile.h"
#include "../util/buf.h"
#include "../util/text.h"
#include "../util/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_REWINDS 16

#define EMPTY_FIELD ((size_t)-1)

/* Longest header name quoted in a message, in bytes. */
#define LABEL_NAME_MAX 60

typedef struct parse_ctx {
	const char *name; /* for diagnostics */
	arena *a;
	diag *d;
	char sep;
	char *empty; /* the "" shared by all empty fields */

	/* Where the feeding loop is. */
	int line;	  /* physical line being fed */
	size_t chunk_end; /* offset just past that line's terminator */

	/* The row being collected. */
	int row_open;	/* a row has begun and not ended */
	int row_ended;	/* the row callback ran during the current line */
	int row_line;	/* line where the row began */
	int field_line; /* line where the current (unfinished) field began */
	size_t field_resume; /* offset of the line after field_line */
	int nfields;	     /* fields seen so far, also past CSV_MAX_FIELDS */
	int row_bad;	     /* a limit was exceeded: drop the row */
	int row_nonempty;    /* some field is non-empty */
	/* The row's fields, NUL-terminated one after the other in text; an
	 * empty field has no bytes there and offset EMPTY_FIELD. */
	buf text;
	size_t off[CSV_MAX_FIELDS];

	/* Finished rows (malloc'd; copied into the arena at the end). */
	csv_row *rows;
	int nrows;
	size_t cap;
	int stop;	/* row limit reached: parse no further */
	int errors0;	/* d->errors when parsing began */
	int header_bad; /* an error came before the header row was kept */
} parse_ctx;

/* ---- libcsv set-up ---------------------------------------------------- */

/* libcsv grows its field buffer by a fixed block (csv_set_blk_size) with
 * each realloc.  Rounding every request up to a power of two makes the
 * allocator's block grow geometrically: requests that still fit are
 * served in place. */
static void *grow_buffer(void *p, size_t n)
{
	size_t cap = 256;
	while (cap < n)
		cap *= 2;
	return xrealloc(p, cap);
}

static void parser_start(struct csv_parser *p, char sep)
{
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(p, (unsigned char)sep);
	csv_set_realloc_func(p, grow_buffer);
	csv_set_blk_size(p, 4096);
}

/* Forget the partial row and restart libcsv in its initial state (after
 * a strict error libcsv stays in the middle of a field). */
static void parser_restart(struct csv_parser *p, parse_ctx *c)
{
	csv_free(p);
	parser_start(p, c->sep);
	c->row_open = 0;
	c->nfields = 0;
	c->row_bad = 0;
	c->row_nonempty = 0;
	buf_reset(&c->text);
}

/* ---- messages --------------------------------------------------------- */

/* "field 3" or, once the header is known, "field 3 ("descrizione")". */
static void field_label(const parse_ctx *c, int idx, char *out, size_t size)
{
	const char *h = NULL;
	if (c->nrows > 0 && idx < c->rows[0].nfields)
		h = c->rows[0].fields[idx];
	if (h && *h) {
		size_t n = strlen(h);
		if (n > LABEL_NAME_MAX) {
			n = LABEL_NAME_MAX;
			/* Do not cut a UTF-8 sequence. */
			while (n > 0 && ((unsigned char)h[n] & 0xC0) == 0x80)
				n--;
		}
		/* A quoted header name may hold line breaks: a message
		 * stays on one line. */
		char name[LABEL_NAME_MAX + 1];
		for (size_t i = 0; i < n; i++)
			name[i] = (unsigned char)h[i] < 0x20 ? ' ' : h[i];
		name[n] = '\0';
		snprintf(out, size, "field %d (\"%s\")", idx + 1, name);
	} else {
		snprintf(out, size, "field %d", idx + 1);
	}
}

/* libcsv stopped at line[at] in strict mode.  It does so for a quote in an
 * unquoted field (x"y), and after the closing quote of a quoted field for
 * anything but a separator, a line end or blanks ("x"y, "x" "). */
static void quote_error(const parse_ctx *c, const char *line, size_t at)
{
	char what[160];
	int col = (int)utf8_length(line, at) + 1;
	size_t j = at;
	field_label(c, c->nfields, what, sizeof what);

	/* A quote preceded by blanks and a quote is the "x" " case. */
	while (j > 0 &&
	       (line[j - 1] == ' ' || (line[j - 1] == '\t' && c->sep != '\t')))
		j--;
	if (line[at] == '"' && !(j < at && j > 0 && line[j - 1] == '"')) {
		diag_error(c->d, c->name, c->line,
			   "quote inside unquoted %s (column %d): enclose the "
			   "whole field in quotes and double the quotes "
			   "inside it",
			   what, col);
	} else if (c->field_line != c->line) {
		diag_error(c->d, c->name, c->line,
			   "text after the closing quote of %s (column %d), "
			   "a quoted field that began on line %d: double the "
			   "quotes inside a quoted field",
			   what, col, c->field_line);
	} else {
		diag_error(c->d, c->name, c->line,
			   "text after the closing quote of %s (column %d): "
			   "double the quotes inside a quoted field",
			   what, col);
	}
}

/* ---- callbacks -------------------------------------------------------- */

/* Append s[0..len) to the row's text, trimmed of spaces and tabs, with
 * CRLF and lone CR turned into LF; return its offset there, or EMPTY_FIELD
 * when nothing is left after trimming. */
static size_t store_field(parse_ctx *c, const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (len == 0)
		return EMPTY_FIELD;
	buf_reserve(&c->text, len + 1);
	size_t start = c->text.len;
	char *o = c->text.data + start;
	if (!memchr(s, '\r', len)) {
		memcpy(o, s, len);
		o += len;
	} else {
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '\r') {
				*o++ = '\n';
				if (i + 1 < len && s[i + 1] == '\n')
					i++;
			} else {
				*o++ = s[i];
			}
		}
	}
	*o++ = '\0';
	c->text.len = (size_t)(o - c->text.data);
	c->text.data[c->text.len] = '\0'; /* buf's invariant */
	return start;
}

/* One field as libcsv hands it on (unquoted, without the blanks around an
 * unquoted field) or as split_plain() cuts it. */
static void field_done(parse_ctx *c, const char *data, size_t len)
{
	int idx = c->nfields++;
	int line = c->field_line;

	/* The next field begins where this one ended, i.e. on this line (a
	 * line end outside quotes would end the row instead). */
	c->field_line = c->line;
	c->field_resume = c->chunk_end;
	if (c->row_bad || c->stop)
		return;
	if (idx >= CSV_MAX_FIELDS) {
		diag_error(
			c->d, c->name, c->row_line,
			"too many fields: more than %d in one row, the limit",
			CSV_MAX_FIELDS);
		c->row_bad = 1;
		return;
	}
	if (len > CSV_MAX_FIELD_BYTES) {
		char what[160];
		field_label(c, idx, what, sizeof what);
		diag_error(c->d, c->name, line,
			   "%s is too long: %zu bytes, the limit is %u bytes "
			   "per field",
			   what, len, CSV_MAX_FIELD_BYTES);
		c->row_bad = 1;
		return;
	}
	if (idx == 0 && len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		/* Files joined one after another leave a BOM inside. */
		diag_warning(c->d, c->name, line,
			     "a byte order mark (U+FEFF, an invisible "
			     "character) at the start of the row; removed");
		data += 3;
		len -= 3;
	}
	c->off[idx] = store_field(c, data, len);
	if (c->off[idx] != EMPTY_FIELD)
		c->row_nonempty = 1;
}

static void on_field(void *data, size_t len, void *ud)
{
	field_done(ud, data, len);
}

static void add_row(parse_ctx *c)
{
	/* A header read after an error may be a data row: the real header
	 * was dropped (see csv_parse_partial). */
	if (c->nrows == 0 && c->d->errors != c->errors0)
		c->header_bad = 1;
	/* rows[0] is the header, which the limit does not count. */
	if (c->nrows > CSV_MAX_ROWS) {
		diag_error(c->d, c->name, c->row_line,
			   "too many rows: more than %d, the limit per file",
			   CSV_MAX_ROWS);
		c->stop = 1;
		return;
	}
	if ((size_t)c->nrows == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
	}
	csv_row *r = &c->rows[c->nrows++];
	r->line = c->row_line;
	r->nfields = c->nfields;
	/* One block per row: the pointer array, then the strings. */
	size_t ptrs = (size_t)c->nfields * sizeof(char *);
	char *block = arena_alloc(c->a, ptrs + c->text.len);
	char *text = block + ptrs;
	memcpy(text, c->text.data, c->text.len);
	r->fields = (char **)(void *)block;
	for (int i = 0; i < c->nfields; i++)
		r->fields[i] =
			c->off[i] == EMPTY_FIELD ? c->empty : text + c->off[i];
}

static void on_row(int term, void *ud)
{
	parse_ctx *c = ud;
	(void)term;
	c->row_ended = 1;
	c->row_open = 0;
	if (!c->row_bad && !c->stop && c->row_nonempty)
		add_row(c);
	c->nfields = 0;
	c->row_bad = 0;
	c->row_nonempty = 0;
	buf_reset(&c->text);
}

/* ---- the feeding loop ------------------------------------------------- */

/* One physical line: s[pos..stop) is its text, end is just past its LF,
 * CRLF or CR; content tells whether it holds anything libcsv does not skip
 * between rows, i.e. anything but spaces and (non-separator) tabs.  lf
 * caches the first LF at or after the line start (SIZE_MAX: unknown), so
 * that a file whose lines end in lone CRs is not searched to its end for
 * an LF once per line. */
typedef struct line_span {
	size_t stop, end, lf;
	int content;
} line_span;

static void line_end(const char *s, size_t n, size_t pos, char sep,
		     line_span *l)
{
	if (l->lf == SIZE_MAX || l->lf < pos) {
		const char *lf = memchr(s + pos, '\n', n - pos);
		l->lf = lf ? (size_t)(lf - s) : n;
	}
	const char *cr = memchr(s + pos, '\r', l->lf - pos);
	size_t i = cr ? (size_t)(cr - s) : l->lf, k = pos;
	while (k < i && (s[k] == ' ' || (s[k] == '\t' && sep != '\t')))
		k++;
	l->content = k < i;
	l->stop = i;
	if (i < n)
		i += (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
	l->end = i;
}

/*
 * A line with no quote that starts a row is split here rather than fed to
 * libcsv, at memchr speed: its fields are the pieces between separators,
 * trimmed of spaces and tabs as libcsv trims an unquoted field, and go to
 * the same callbacks in the same order, so the rows are the ones libcsv
 * would give (a quote-free line can raise no strict-mode error).  Lines
 * with a quote, and lines inside a quoted field, stay with libcsv.
 */
static void split_plain(parse_ctx *c, const char *s, size_t len)
{
	size_t i = 0;
	for (;;) {
		const char *sep = memchr(s + i, c->sep, len - i);
		size_t j = sep ? (size_t)(sep - s) : len, b = j;
		while (i < b && (s[i] == ' ' || s[i] == '\t'))
			i++;
		while (b > i && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		field_done(c, s + i, b - i);
		if (!sep)
			break;
		i = j + 1;
	}
	on_row(0, c);
}

/* Feed the line at s[pos..) (its span l) to libcsv or split_plain(). */
static void feed_line(parse_ctx *c, struct csv_parser *p, const char *s,
		      size_t pos, const line_span *l)
{
	if (!c->row_open && l->content &&
	    !memchr(s + pos, '"', l->stop - pos)) {
		split_plain(c, s + pos, l->stop - pos);
		return;
	}
	size_t used =
		libcsv_parse(p, s + pos, l->end - pos, on_field, on_row, c);
	/* grow_buffer() never fails, so a short count is a strict-mode
	 * error at s[pos + used]. */
	if (used < l->end - pos) {
		quote_error(c, s + pos, used);
		parser_restart(p, c);
	} else if (!c->row_ended && l->content) {
		/* Something began a row and the line end did not close it:
		 * we are inside quotes. */
		c->row_open = 1;
	}
}

static void feed(parse_ctx *c, struct csv_parser *p, const char *s, size_t n)
{
	size_t pos = 0;
	int line = 1, rewinds = 0;

	for (;;) {
		line_span l = {0, 0, SIZE_MAX, 0};
		while (pos < n && !c->stop) {
			line_end(s, n, pos, c->sep, &l);
			c->line = line;
			c->chunk_end = l.end;
			c->row_ended = 0;
			if (!c->row_open) {
				c->row_line = c->field_line = line;
				c->field_resume = l.end;
			}
			feed_line(c, p, s, pos, &l);
			pos = l.end;
			line++;
		}
		if (c->stop || csv_fini(p, on_field, on_row, c) == 0)
			return;

		/* End of file inside a quoted field. */
		char what[160];
		field_label(c, c->nfields, what, sizeof what);
		diag_error(
			c->d, c->name, c->field_line,
			"unterminated quoted %s: no closing quote before the "
			"end of the file",
			what);
		pos = c->field_resume;
		line = c->field_line + 1;
		parser_restart(p, c);
		if (pos >= n || rewinds++ >= MAX_REWINDS)
			return;
	}
}

/* ---- encoding and separator ------------------------------------------- */

/* Bytes that count as binary: C0 controls other than TAB LF CR FF, and
 * DEL (NUL is tested on its own). */
static int control_byte(unsigned char b)
{
	return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') ||
	       b == 0x7F;
}

/* A NUL byte, or C0 controls other than TAB LF CR FF (and DEL) making up
 * more than 5% of the bytes, at least 8 of them.  Text has few bytes
 * below 0x20 (its line ends) and no DEL, so eight bytes at a time are
 * skipped when none of them is either: (w - 0x20..) & ~w & 0x80.. is
 * non-zero exactly when some byte of w is below 0x20, and w ^ 0x7F..
 * has a zero byte where w has a DEL. */
static int looks_binary(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	size_t ctl = 0, i = 0;
	if (memchr(str, '\0', n))
		return 1;
	for (; i + 8 <= n; i += 8) {
		uint64_t w, d;
		memcpy(&w, s + i, 8);
		d = w ^ (ones * 0x7F);
		uint64_t low = (w - ones * 0x20) & ~w, del = (d - ones) & ~d;
		if (!((low | del) & highs))
			continue;
		for (size_t k = i; k < i + 8; k++)
			ctl += (size_t)control_byte(s[k]);
	}
	for (; i < n; i++)
		ctl += (size_t)control_byte(s[i]);
	return ctl >= 8 && ctl > n / 20;
}

/* Physical line (1-based) of offset off in s[0..n). */
static int line_of(const char *s, size_t n, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n' ||
		    (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
			line++;
	}
	return line;
}

/* The most frequent of ';' TAB ',' outside quotes in the header record
 * (ties: ';' then TAB then ','), ';' when there is none.  The header
 * record is the first line holding anything but blanks and separators,
 * continued over line breaks inside quotes. */
static char detect_sep(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t start = i;
		int real = 0;
		while (i < n && s[i] != '\n' && s[i] != '\r') {
			if (s[i] != ' ' && s[i] != '\t' && s[i] != ';' &&
			    s[i] != ',')
				real = 1;
			i++;
		}
		if (!real) {
			i++;
			continue;
		}
		size_t semi = 0, tab = 0, comma = 0;
		int quoted = 0;
		for (i = start; i < n; i++) {
			char ch = s[i];
			if (ch == '"')
				quoted = !quoted;
			else if (quoted)
				continue;
			else if (ch == '\n' || ch == '\r')
				break;
			else if (ch == ';')
				semi++;
			else if (ch == '\t')
				tab++;
			else if (ch == ',')
				comma++;
		}
		if (semi >= tab && semi >= comma)
			return ';';
		return tab >= comma ? '\t' : ',';
	}
	return ';';
}

/* ---- public API ------------------------------------------------------- */

/* A file that is not CSV at all: too large, UTF-16 or binary.  -1 after
 * reporting. */
static int refuse(const char *name, const char *text, size_t n, diag *d)
{
	if (n > CSV_MAX_FILE_BYTES) {
		diag_error(d, name, 0,
			   "file too large: %zu bytes, the limit is %u bytes",
			   n, CSV_MAX_FILE_BYTES);
		return -1;
	}
	if (n >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
		       (text[0] == '\xFE' && text[1] == '\xFF'))) {
		diag_error(d, name, 0,
			   "UTF-16 text, not CSV in UTF-8 or Windows-1252: "
			   "save it as \"CSV UTF-8\"");
		return -1;
	}
	if (looks_binary(text, n)) {
		diag_error(d, name, 0,
			   "binary file, not CSV (an Excel workbook? save it "
			   "as \"CSV UTF-8\")");
		return -1;
	}
	return 0;
}

/* The text as UTF-8 without its BOM: *text and *n past a BOM, or a file
 * that is not UTF-8 read as Windows-1252, converted (returned, for the
 * caller to free) with a warning; out->encoding says which. */
static char *as_utf8(const char *name, const char **text, size_t *n,
		     csv_table *out, diag *d)
{
	if (*n >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
		*text += 3;
		*n -= 3;
		out->encoding = CSV_UTF8_BOM;
	}
	if (utf8_valid(*text, *n))
		return NULL;
	int bad = line_of(*text, *n, utf8_first_invalid(*text, *n));
	char *conv = cp1252_to_utf8(*text, *n, n);
	*text = conv;
	out->encoding = CSV_CP1252;
	diag_warning(d, name, 0,
		     "not valid UTF-8; read as Windows-1252 (first "
		     "non-UTF-8 byte on line %d)",
		     bad);
	return conv;
}

/* csv_parse() and, with partial set, csv_parse_partial(). */
static int parse(const char *name, const char *buf, size_t len, csv_table *out,
		 arena *a, diag *d, int partial)
{
	int errors0 = d->errors;
	const char *text = buf;
	size_t n = len;

	memset(out, 0, sizeof *out);
	out->name = arena_strdup(a, name);
	out->where = NULL;
	out->sep = ';';
	out->encoding = CSV_UTF8;

	if (refuse(name, text, n, d) != 0)
		return -1;
	char *conv = as_utf8(name, &text, &n, out, d);
	out->sep = detect_sep(text, n);

	parse_ctx c;
	memset(&c, 0, sizeof c);
	buf_init(&c.text);
	c.name = name;
	c.a = a;
	c.d = d;
	c.sep = out->sep;
	c.empty = arena_zalloc(a, 1);
	c.errors0 = errors0;

	struct csv_parser p;
	parser_start(&p, c.sep);
	feed(&c, &p, text, n);
	csv_free(&p);
	buf_free(&c.text);
	free(conv);

	if (d->errors == errors0 && c.nrows == 0)
		diag_error(d, name, 0, "no header row: the file is empty");
	int rc = d->errors != errors0 ? -1 : 0;
	if (rc == 0 || (partial && !c.header_bad && c.nrows > 0)) {
		out->nrows = c.nrows;
		out->rows = arena_alloc(a, (size_t)c.nrows * sizeof *c.rows);
		memcpy(out->rows, c.rows, (size_t)c.nrows * sizeof *c.rows);
	}
	free(c.rows);
	return rc;
}

int csv_parse(const char *name, const char *buf, size_t len, csv_table *out,
	      arena *a, diag *d)
{
	return parse(name, buf, len, out, a, d, 0);
}

int csv_parse_partial(const char *name, const char *buf, size_t len,
		      csv_table *out, arena *a, diag *d)
{
	return parse(name, buf, len, out, a, d, 1);
}

/* csv_read_file() and, with partial set, csv_read_file_partial(). */
static int read_file(const char *path, const char *name, csv_table *out,
		     arena *a, diag *d, int partial)
{
	struct stat st;
	buf b = BUF_INIT;
	char why[128];
	FILE *f = infile_fopen(path, &st, why, sizeof why);

	memset(out, 0, sizeof *out);
	out->name = arena_strdup(a, name);
	out->where = NULL;
	out->sep = ';';
	if (!f) {
		diag_error(d, name, 0, "cannot read: %s", why);
		return -1;
	}
	{
		if ((unsigned long long)st.st_size > CSV_MAX_FILE_BYTES) {
			diag_error(
				d, name, 0,
				"file too large: %lld bytes, the limit is %u "
				"bytes",
				(long long)st.st_size, CSV_MAX_FILE_BYTES);
			fclose(f);
			return -1;
		}
		/* Room for one byte more than the file (and the NUL): its
		 * end is found without growing the buffer. */
		buf_reserve(&b, (size_t)st.st_size + 1);
	}
	/* Read at most one byte past the limit: enough for csv_parse to
	 * refuse a file that grew or is not a regular file. */
	while (b.len <= CSV_MAX_FILE_BYTES) {
		if (b.len + 1 == b.cap) /* full */
			buf_reserve(&b, 65536);
		size_t want = b.cap - 1 - b.len;
		if (want > CSV_MAX_FILE_BYTES + 1 - b.len)
			want = CSV_MAX_FILE_BYTES + 1 - b.len;
		size_t got = fread(b.data + b.len, 1, want, f);
		b.len += got;
		if (got < want)
			break;
	}
	if (ferror(f)) {
		int err = errno;
		diag_error(d, name, 0, "cannot read: %s", strerror(err));
		fclose(f);
		buf_free(&b);
		return -1;
	}
	fclose(f);
	int rc = parse(name, b.data ? b.data : "", b.len, out, a, d, partial);
	buf_free(&b);
	return rc;
}

int csv_read_file(const char *path, const char *name, csv_table *out, arena *a,
		  diag *d)
{
	return read_file(path, name, out, a, d, 0);
}

int csv_read_file_partial(const char *path, const char *name, csv_table *out,
			  arena *a, diag *d)
{
	return read_file(path, name, out, a, d, 1);
}

int csv_column(const csv_table *t, const char *name)
{
	char want[256], have[256];
	if (!t || t->nrows == 0 || !name)
		return -1;
	if (!*text_fold(name, want, sizeof want))
		return -1;
	const csv_row *h = &t->rows[0];
	for (int i = 0; i < h->nfields; i++) {
		if (strcmp(text_fold(h->fields[i], have, sizeof have), want) ==
		    0)
			return i;
	}
	return -1;
}

const char *csv_field(const csv_row *r, int i)
{
	if (!r || i < 0 || i >= r->nfields)
		return "";
	return r->fields[i];
}
