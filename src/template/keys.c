/*
 * keys.c - reading and listing table-declared template keys (keys.h).
 *
 * Numbers are read by tk_parse_number, not strtod: a template is the same
 * file in every locale, and "nan", "inf", "1e999" or "0x10" are not
 * numbers a template means.  Every number is then checked against the
 * row's range, so a value is finite and in range or an error at its line.
 */
#include "keys.h"
#include "phrase.h"
#include "../layout/table.h"
#include "../util/i18n.h"
#include "../util/infile.h"
#include "../util/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const type_names[TK_TYPE_COUNT] = {
	"text",	  "phrase", "length", "number", "integer", "colour",
	"choice", "style",  "file",   "list",	"columns"};

static const char *const align_names[] = {"left", "center", "right", NULL};
static const char *const font_names[] = {"regular", "bold", "italic", NULL};

static void remember(tk_reader *R, const char *key)
{
	if (R->nknown == R->capknown) {
		R->capknown = R->capknown ? 2 * R->capknown : 256;
		R->known = xrealloc(R->known,
				    (size_t)R->capknown * sizeof *R->known);
	}
	R->known[R->nknown++] = arena_strdup(R->a, key);
}

const char *tk_get(tk_reader *R, const char *key, const char *def)
{
	remember(R, key);
	const char *v = R->ini ? ini_get(R->ini, key, &R->line) : NULL;
	if (!v) {
		R->line = 0;
		return def;
	}
	size_t n;
	v = text_trim(v, &n);
	return arena_strndup(R->a, v, n);
}

void tk_bad(tk_reader *R, const char *key, const char *v, const char *what)
{
	/* what is a literal (xgettext: -ktk_bad:4) or built from
	 * translated pieces, which gettext leaves as they are. */
	diag_error(R->d, R->ini ? R->ini->name : "template", R->line,
		   "%s = '%s': %s", key, v, _(what));
}

void tk_warn_unknown(tk_reader *R)
{
	if (R->ini)
		ini_warn_unused(R->ini, R->known, R->nknown, R->d);
}

void tk_reader_free(tk_reader *R)
{
	free(R->known);
	R->known = NULL;
	R->nknown = R->capknown = 0;
}

/* The number at the start of s; *end after it.  See tk_parse_number. */
static int scan_number(const char *s, double *x, const char **end)
{
	const char *p = s;
	int neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	double m = 0;
	int digits = 0, frac = 0, seen_point = 0;
	for (;; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++digits > 15)
				return -1;
			m = m * 10 + (*p - '0');
			frac += seen_point;
		} else if (*p == '.' && !seen_point) {
			seen_point = 1;
		} else {
			break;
		}
	}
	if (!digits || (seen_point && !frac))
		return -1;
	/* m and 10^frac are exact (at most 15 digits), so the division is
	 * the correctly rounded value, the same as strtod's. */
	double scale = 1;
	for (int i = 0; i < frac; i++)
		scale *= 10;
	*x = (neg ? -m : m) / scale;
	*end = p;
	return 0;
}

int tk_parse_number(const char *s, double *x)
{
	const char *end;
	double v;
	if (scan_number(s, &v, &end) != 0 || *end)
		return -1;
	*x = v;
	return 0;
}

/* "from LO to HI" (with unit) into what. */
static void range_text(char *what, size_t n, const char *lead, const tpl_key *k,
		       const char *unit)
{
	snprintf(what, n, _("%s from %g to %g%s"), _(lead), k->lo, k->hi, unit);
}

/* A length: a number with an optional unit pt, mm, cm, in (default pt),
 * in k's range in points. */
static float read_length(tk_reader *R, const tpl_key *k, const char *v)
{
	double x;
	const char *end;
	int ok = scan_number(v, &x, &end) == 0;
	while (ok && *end == ' ')
		end++;
	double f = 1;
	if (!ok || !strcmp(end, "pt") || !*end)
		f = 1;
	else if (!strcmp(end, "mm"))
		f = 72.0 / 25.4;
	else if (!strcmp(end, "cm"))
		f = 72.0 / 2.54;
	else if (!strcmp(end, "in"))
		f = 72.0;
	else
		ok = 0;
	if (ok && x * f >= k->lo && x * f <= k->hi)
		return (float)(x * f);
	char what[128];
	range_text(what, sizeof what, "expected a length such as 12pt or 15mm,",
		   k, "pt");
	tk_bad(R, k->key, v, what);
	return (float)k->lo;
}

static float read_number(tk_reader *R, const tpl_key *k, const char *v)
{
	double x;
	if (tk_parse_number(v, &x) == 0 && x >= k->lo && x <= k->hi)
		return (float)x;
	char what[96];
	range_text(what, sizeof what, "expected a number", k, "");
	tk_bad(R, k->key, v, what);
	return (float)k->lo;
}

static int read_int(tk_reader *R, const tpl_key *k, const char *v)
{
	double x;
	if (tk_parse_number(v, &x) == 0 && x >= k->lo && x <= k->hi &&
	    x == (double)(long)x)
		return (int)x;
	char what[96];
	range_text(what, sizeof what, "expected a whole number", k, "");
	tk_bad(R, k->key, v, what);
	return (int)k->lo;
}

/* Six hex digits, with an optional leading '#'. */
static int parse_colour(const char *v, uint32_t *out)
{
	if (*v == '#')
		v++;
	uint32_t c = 0;
	for (int i = 0; i < 6; i++) {
		char h = v[i];
		int d = h >= '0' && h <= '9'   ? h - '0'
			: h >= 'a' && h <= 'f' ? h - 'a' + 10
			: h >= 'A' && h <= 'F' ? h - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		c = c << 4 | (uint32_t)d;
	}
	if (v[6])
		return -1;
	*out = c;
	return 0;
}

static uint32_t read_colour(tk_reader *R, const tpl_key *k, const char *v)
{
	uint32_t c = 0;
	if (parse_colour(v, &c) != 0)
		tk_bad(R, k->key, v,
		       "expected a colour as six hex digits (1F3864)");
	return c;
}

static int find_name(const char *const *names, const char *v)
{
	for (int i = 0; names[i]; i++)
		if (text_eq_fold(v, names[i]))
			return i;
	return -1;
}

static int read_enum(tk_reader *R, const char *key, const char *v,
		     const char *const *names)
{
	int i = find_name(names, v);
	if (i >= 0)
		return i;
	char what[256];
	snprintf(what, sizeof what, "%s", _("expected one of:"));
	for (int j = 0; names[j]; j++)
		snprintf(what + strlen(what), sizeof what - strlen(what), " %s",
			 names[j]);
	tk_bad(R, key, v, what);
	return 0;
}

/* Split v at white space into at most max words (in an arena copy);
 * returns the number of words, max + 1 if there are more. */
static int words(tk_reader *R, const char *v, const char **w, int max)
{
	char *s = arena_strdup(R->a, v);
	int n = 0;
	char *save = NULL;
	for (char *p = strtok_r(s, " \t", &save); p;
	     p = strtok_r(NULL, " \t", &save)) {
		if (n == max)
			return max + 1;
		w[n++] = p;
	}
	return n;
}

/* "bold 14 1F3864" or "regular 8 000000 10" (leading). */
static lay_style read_style(tk_reader *R, const tpl_key *k, const char *v)
{
	const char *w[4];
	int n = words(R, v, w, 4);
	double size = 0, leading = 0;
	uint32_t c = 0;
	int f = n >= 2 && n <= 4 ? find_name(font_names, w[0]) : -1;
	int ok = f >= 0 && tk_parse_number(w[1], &size) == 0 && size >= 3 &&
		 size <= 72;
	if (ok && n >= 3)
		ok = parse_colour(w[2], &c) == 0;
	if (ok && n == 4)
		ok = tk_parse_number(w[3], &leading) == 0 && leading >= size &&
		     leading <= 200;
	if (!ok) {
		tk_bad(R, k->key, v,
		       "expected 'FONT SIZE [COLOUR [LEADING]]' with FONT "
		       "regular, bold or italic, SIZE from 3 to 72, LEADING "
		       "from SIZE to 200");
		f = 0, size = 8, c = 0, leading = 0;
	}
	lay_style st = {0};
	st.font = f;
	st.size = (float)size;
	st.color = c;
	st.leading = leading > 0 ? (float)leading : st.size * 1.2f;
	return st;
}

/* The path of a file the template names: absolute, or relative to the
 * template's folder.  A default (a key the template does not set) that is
 * not there is also looked for under fonts/ of the current folder, so that
 * a template copied elsewhere still finds the shipped fonts. */
static const char *resolve(tk_reader *R, const char *v)
{
	if (*v == '/')
		return v;
	const char *p = arena_printf(R->a, "%s/%s", R->dir, v);
	if (R->line == 0) {
		struct stat st;
		if (stat(p, &st) == 0)
			return p;
		const char *base = strrchr(v, '/');
		const char *alt =
			arena_printf(R->a, "fonts/%s", base ? base + 1 : v);
		if (stat(alt, &st) == 0)
			return alt;
	}
	return p;
}

/* A file the template names must be a regular file of its kind (a
 * TrueType font, an RGB ICC profile), verified now so that check finds
 * what build would: reported at the key's line (0 for a default), with
 * the path as resolved. */
static const char *read_file(tk_reader *R, const tpl_key *k, const char *v)
{
	const char *path = resolve(R, v);
	infile_type type = !strncmp(k->key, "fonts:", 6)   ? INFILE_TTF
			   : !strcmp(k->key, "output:icc") ? INFILE_ICC
							   : INFILE_ANY;
	char why[256], what[512];
	if (infile_verify(path, type, why, sizeof why) == 0)
		return path;
	snprintf(what, sizeof what, "%s: %s", path, why);
	tk_bad(R, k->key, v, what);
	return path;
}

/* Split a comma-separated list into trimmed, non-empty items. */
static tpl_list split(tk_reader *R, const char *v)
{
	tpl_list l = {NULL, 0, R->line};
	int cap = 1;
	for (const char *p = v; *p; p++)
		cap += *p == ',';
	l.v = arena_alloc(R->a, (size_t)cap * sizeof *l.v);
	while (*v) {
		const char *c = strchr(v, ',');
		size_t len = c ? (size_t)(c - v) : strlen(v);
		size_t tl;
		char *tmp = arena_strndup(R->a, v, len);
		const char *s = text_trim(tmp, &tl);
		if (tl)
			l.v[l.n++] = arena_strndup(R->a, s, tl);
		v += len + (c ? 1 : 0);
	}
	return l;
}

static tpl_list read_list(tk_reader *R, const tpl_key *k, const char *v)
{
	tpl_list l = split(R, v);
	if (l.n >= k->lo && (k->hi <= 0 || l.n <= k->hi))
		return l;
	char what[96];
	if (k->lo == k->hi)
		snprintf(what, sizeof what, _("expected %g items, not %d"),
			 k->lo, l.n);
	else
		range_text(what, sizeof what, "expected a number of items", k,
			   "");
	tk_bad(R, k->key, v, what);
	return l;
}

/* The section of "section:key" into sec. */
static void section_of(const char *key, char *sec, size_t n)
{
	const char *c = strchr(key, ':');
	size_t len = c ? (size_t)(c - key) : strlen(key);
	if (len >= n)
		len = n - 1;
	memcpy(sec, key, len);
	sec[len] = '\0';
}

/* continue.X, tbl_cont - 1 (TBL_CONT_DEFAULT, 0, is the value unset). */
static const char *const cont_names[] = {"label", "full", "rest", "none", NULL};

/* One column's width (a number, or auto: -1, fitted to the content),
 * alignment, heading and continuation. */
static tpl_column read_column(tk_reader *R, const char *sec,
			      const tpl_coldef *c)
{
	char key[160];
	tpl_column col;
	col.key = c->key;
	col.fill = c->fill;
	col.tag = c->tag;
	snprintf(key, sizeof key, "%s:width.%s", sec, c->key);
	tpl_key wk = TK_ROW(key, TK_NUMBER, 0, c->width, 0.1, 1000, NULL, "");
	const char *wv = tk_get(R, key, c->width);
	col.width = !strcmp(wv, "auto") ? -1 : read_number(R, &wk, wv);
	snprintf(key, sizeof key, "%s:align.%s", sec, c->key);
	col.align = read_enum(R, key, tk_get(R, key, c->align), align_names);
	snprintf(key, sizeof key, "%s:heading.%s", sec, c->key);
	col.heading = tk_get(R, key, c->heading);
	snprintf(key, sizeof key, "%s:continue.%s", sec, c->key);
	const char *cv = tk_get(R, key, c->cont ? c->cont : "");
	col.cont = *cv ? read_enum(R, key, cv, cont_names) + 1 : 0;
	return col;
}

/* The default of a `columns` key: every column, in the table's order. */
static const char *all_columns(const tpl_key *k, char *s, size_t n)
{
	if (k->def)
		return k->def;
	*s = '\0';
	for (const tpl_coldef *c = k->arg; c->key; c++)
		snprintf(s + strlen(s), n - strlen(s), "%s%s",
			 c == k->arg ? "" : ", ", c->key);
	return s;
}

/* A table's columns: which, in which order (`columns`, all of them by
 * default), and each one's width.X, align.X, heading.X. */
static tpl_table read_columns(tk_reader *R, const tpl_key *k, tpl_table tt)
{
	const tpl_coldef *defs = k->arg;
	char sec[64];
	section_of(k->key, sec, sizeof sec);
	char all[1024];
	const char *v = tk_get(R, k->key, all_columns(k, all, sizeof all));
	tpl_list l = split(R, v);
	int line = R->line;
	tt.ncols = l.n;
	tt.cols = arena_alloc(R->a, (size_t)(l.n + 1) * sizeof *tt.cols);
	int *found = arena_alloc(R->a, (size_t)(l.n + 1) * sizeof *found);
	memset(found, 0, (size_t)(l.n + 1) * sizeof *found);
	for (const tpl_coldef *c = defs; c->key; c++) {
		tpl_column col = read_column(R, sec, c);
		for (int i = 0; i < l.n; i++)
			if (!strcmp(l.v[i], c->key))
				tt.cols[i] = col, found[i] = 1;
	}
	R->line = line;
	for (int i = 0; i < l.n; i++)
		if (!found[i]) {
			char what[512];
			snprintf(what, sizeof what, "%s",
				 _("unknown column; the columns are:"));
			for (const tpl_coldef *c = defs; c->key; c++)
				snprintf(what + strlen(what),
					 sizeof what - strlen(what), " %s",
					 c->key);
			tk_bad(R, k->key, l.v[i], what);
			tt.ncols = 0;
		}
	if (l.n > TBL_MAX_COLS) {
		char what[96];
		snprintf(what, sizeof what,
			 _("%d columns: a table has at most %d"), l.n,
			 TBL_MAX_COLS);
		tk_bad(R, k->key, v, what);
		tt.ncols = 0;
	}
	return tt;
}

#define FIELD(T) (*(T *)(void *)(b + k->off))

static void read_key(tk_reader *R, const tpl_key *k, char *b)
{
	if (k->type == TK_COLUMNS) {
		FIELD(tpl_table) = read_columns(R, k, FIELD(tpl_table));
		return;
	}
	const char *v = tk_get(R, k->key, k->def);
	switch (k->type) {
	case TK_TEXT:
		FIELD(const char *) = v;
		break;
	case TK_PHRASE: {
		char detail[128];
		const char *err =
			phrase_check(v, k->arg, detail, sizeof detail);
		if (err)
			tk_bad(R, k->key, v, err);
		FIELD(const char *) = v;
		break;
	}
	case TK_LENGTH:
		FIELD(float) = read_length(R, k, v);
		break;
	case TK_NUMBER:
		FIELD(float) = read_number(R, k, v);
		break;
	case TK_INT:
		FIELD(int) = read_int(R, k, v);
		break;
	case TK_COLOUR:
		FIELD(uint32_t) = read_colour(R, k, v);
		break;
	case TK_ENUM:
		FIELD(int) = read_enum(R, k->key, v, k->arg);
		break;
	case TK_STYLE:
		FIELD(lay_style) = read_style(R, k, v);
		break;
	case TK_FILE:
		/* A row whose default is "" names an optional file. */
		FIELD(const char *) =
			(k->when && !k->when(b)) || (k->def && !*k->def && !*v)
				? NULL
				: read_file(R, k, v);
		break;
	case TK_LIST:
		FIELD(tpl_list) = read_list(R, k, v);
		break;
	case TK_COLUMNS:
	case TK_TYPE_COUNT:
		break;
	}
}

void tk_read(tk_reader *R, const tpl_key *rows, int n, void *base)
{
	for (int i = 0; i < n; i++)
		read_key(R, &rows[i], base);
}

/* ---- listing ------------------------------------------------------- */

/* v with '|' escaped for a Markdown table cell. */
static void md_cell(FILE *out, const char *v)
{
	for (; *v; v++) {
		if (*v == '|')
			fputc('\\', out);
		fputc(*v, out);
	}
}

/* The type with its range or values, e.g. "number 0.1-1000". */
static void type_text(char *s, size_t n, const tpl_key *k)
{
	const char *t = type_names[k->type];
	const char *const *names = k->arg;
	switch (k->type) {
	case TK_LENGTH:
		snprintf(s, n, "%s %g-%gpt", t, k->lo, k->hi);
		break;
	case TK_NUMBER:
	case TK_INT:
		snprintf(s, n, "%s %g-%g", t, k->lo, k->hi);
		break;
	case TK_LIST:
		if (k->lo == k->hi && k->hi > 0)
			snprintf(s, n, "%s of %g", t, k->lo);
		else
			snprintf(s, n, "%s", t);
		break;
	case TK_ENUM:
	case TK_PHRASE:
		snprintf(s, n, "%s", t);
		for (int i = 0; names && names[i]; i++)
			snprintf(s + strlen(s), n - strlen(s),
				 k->type == TK_ENUM ? "%s%s" : "%s{%s}",
				 i ? (k->type == TK_ENUM ? "/" : " ") : " ",
				 names[i]);
		break;
	default:
		snprintf(s, n, "%s", t);
	}
}

static void print_row(FILE *out, const char *key, const char *type,
		      const char *def, const char *help, int markdown)
{
	if (!markdown) {
		fprintf(out, "%s = %s\n    %s: %s\n", key, def, type, help);
		return;
	}
	fprintf(out, "| `%s` | ", key);
	md_cell(out, type);
	fputs(" | ", out);
	if (*def) {
		fputc('`', out);
		md_cell(out, def);
		fputc('`', out);
	}
	fputs(" | ", out);
	md_cell(out, help);
	fputs(" |\n", out);
}

static void print_columns(FILE *out, const tpl_key *k, int markdown)
{
	char sec[64], key[160], help[320], all[1024];
	section_of(k->key, sec, sizeof sec);
	print_row(out, k->key, "list of columns",
		  all_columns(k, all, sizeof all), k->help, markdown);
	for (const tpl_coldef *c = k->arg; c->key; c++) {
		snprintf(key, sizeof key, "%s:width.%s", sec, c->key);
		snprintf(help, sizeof help,
			 "relative width of column %s (auto: fitted to its "
			 "content; a number beside auto columns is a "
			 "percentage of the width)",
			 c->key);
		print_row(out, key, "number 0.1-1000 or auto", c->width, help,
			  markdown);
		snprintf(key, sizeof key, "%s:align.%s", sec, c->key);
		snprintf(help, sizeof help, "alignment of column %s", c->key);
		print_row(out, key, "choice left/center/right", c->align, help,
			  markdown);
		snprintf(key, sizeof key, "%s:heading.%s", sec, c->key);
		snprintf(help, sizeof help, "heading of column %s", c->key);
		print_row(out, key, "text", c->heading, help, markdown);
		snprintf(key, sizeof key, "%s:continue.%s", sec, c->key);
		snprintf(help, sizeof help,
			 "what column %s shows after a page break cuts its "
			 "cell: its label and (segue), its full text and "
			 "(segue), the rest of its text (or (segue) alone), "
			 "or the rest with no marker; unset: table:span",
			 c->key);
		print_row(out, key, "choice label/full/rest/none",
			  c->cont ? c->cont : "", help, markdown);
	}
}

void tk_print(FILE *out, const tpl_key *rows, int n, int markdown)
{
	for (int i = 0; i < n; i++) {
		const tpl_key *k = &rows[i];
		if (k->type == TK_COLUMNS) {
			print_columns(out, k, markdown);
			continue;
		}
		char type[512];
		type_text(type, sizeof type, k);
		print_row(out, k->key, type, k->def, k->help, markdown);
	}
}
