/* diag.c - user-facing diagnostics (see diag.h). */
#include "diag.h"
#include "arena.h"
#include "i18n.h"
#include "utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A message held for diag_flush (collapse). */
typedef struct diag_held {
	char *line; /* the whole message, without its newline */
	char *kind; /* a warning's kind: file, format, unquoted values */
	int first;  /* index of the first of its kind; -1 for an error */
	int count;  /* on the first of a kind: how many */
} diag_held;

void diag_init(diag *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
}

/* The escaped form of one character, or NULL if it prints as itself. */
static const char *escape_of(const char *s, size_t len, int *used, char tmp[8])
{
	unsigned char c = (unsigned char)s[0];
	uint32_t cp;
	*used = 1;
	if (c == '\n')
		return "\\n";
	if (c == '\r')
		return "\\r";
	if (c == '\t')
		return "\\t";
	if (c < 0x20 || c == 0x7F) {
		snprintf(tmp, 8, "\\x%02X", c);
		return tmp;
	}
	if (c < 0x80)
		return NULL;
	*used = utf8_decode(s, len, &cp);
	if (cp == 0xFFFD &&
	    !(*used == 3 && memcmp(s, "\xEF\xBF\xBD", 3) == 0)) {
		*used = 1; /* an invalid byte */
		snprintf(tmp, 8, "\\x%02X", c);
		return tmp;
	}
	if (cp >= 0x80 && cp < 0xA0) { /* C1 controls: NEL and friends */
		snprintf(tmp, 8, "\\u%04X", (unsigned)cp);
		return tmp;
	}
	if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
		snprintf(tmp, 8, "\\u%04X", (unsigned)cp);
		return tmp;
	}
	return NULL;
}

void diag_quote(buf *b, const char *s, size_t len, size_t max)
{
	size_t shown = 0;
	for (size_t i = 0; i < len;) {
		char tmp[8];
		int used;
		const char *esc = escape_of(s + i, len - i, &used, tmp);
		size_t n = esc ? strlen(esc) : (size_t)used;
		if (max && shown + n > max) {
			buf_puts(b, "...");
			return;
		}
		buf_append(b, esc ? esc : s + i, n);
		shown += n;
		i += (size_t)used;
	}
}

/* One conversion specification: %[flags][width][.prec][length]conv. */
typedef struct spec {
	char text[48]; /* the specification with * replaced by numbers */
	char conv;
	char len[3];
	int prec; /* -1 if none */
} spec;

static const char *parse_spec(const char *p, spec *sp, va_list *ap)
{
	size_t n = 0;
	sp->text[n++] = '%';
	sp->prec = -1;
	while (*p && strchr("-+ #0", *p) && n < 8)
		sp->text[n++] = *p++;
	if (*p == '*') {
		n += (size_t)snprintf(sp->text + n, 12, "%d", va_arg(*ap, int));
		p++;
	} else
		while (*p >= '0' && *p <= '9' && n < 16)
			sp->text[n++] = *p++;
	if (*p == '.') {
		p++;
		if (*p == '*') {
			sp->prec = va_arg(*ap, int);
			p++;
		} else
			for (sp->prec = 0; *p >= '0' && *p <= '9'; p++)
				sp->prec = sp->prec * 10 + (*p - '0');
		if (sp->prec >= 0)
			n += (size_t)snprintf(sp->text + n, 13, ".%d",
					      sp->prec);
	}
	size_t l = 0;
	while (*p && strchr("hlzjtL", *p) && l < 2)
		sp->len[l++] = *p++;
	sp->len[l] = '\0';
	memcpy(sp->text + n, sp->len, l);
	n += l;
	sp->conv = *p ? *p++ : '\0';
	sp->text[n++] = sp->conv;
	sp->text[n] = '\0';
	return p;
}

static void put_integer(buf *b, const spec *sp, va_list *ap)
{
	const char *l = sp->len;
	int sgn = sp->conv == 'd' || sp->conv == 'i';
	if (!strcmp(l, "ll"))
		sgn ? buf_printf(b, sp->text, va_arg(*ap, long long))
		    : buf_printf(b, sp->text, va_arg(*ap, unsigned long long));
	else if (!strcmp(l, "l"))
		sgn ? buf_printf(b, sp->text, va_arg(*ap, long))
		    : buf_printf(b, sp->text, va_arg(*ap, unsigned long));
	else if (!strcmp(l, "z"))
		buf_printf(b, sp->text, va_arg(*ap, size_t));
	else if (!strcmp(l, "j"))
		sgn ? buf_printf(b, sp->text, va_arg(*ap, intmax_t))
		    : buf_printf(b, sp->text, va_arg(*ap, uintmax_t));
	else if (!strcmp(l, "t"))
		buf_printf(b, sp->text, va_arg(*ap, ptrdiff_t));
	else /* int, short and char promote to int */
		sgn ? buf_printf(b, sp->text, va_arg(*ap, int))
		    : buf_printf(b, sp->text, va_arg(*ap, unsigned));
}

#ifdef __GNUC__
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
#endif
static void put_conversion(buf *b, const spec *sp, int quoted, va_list *ap)
{
	switch (sp->conv) {
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		size_t n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec)
					 : strlen(s);
		diag_quote(b, s, n, quoted ? DIAG_VALUE_MAX : 0);
		break;
	}
	case 'c': {
		char c = (char)va_arg(*ap, int);
		diag_quote(b, &c, 1, 0);
		break;
	}
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (!strcmp(sp->len, "L"))
			buf_printf(b, sp->text, va_arg(*ap, long double));
		else
			buf_printf(b, sp->text, va_arg(*ap, double));
		break;
	case 'p':
		buf_printf(b, sp->text, va_arg(*ap, void *));
		break;
	case '%':
		buf_putc(b, '%');
		break;
	default:
		put_integer(b, sp, ap);
	}
}
#ifdef __GNUC__
#pragma GCC diagnostic pop
#endif

/* diag_vformat; with elide, quoted values are left out (the kind of a
 * message, for collapse). */
static void format_into(buf *b, const char *fmt, va_list ap0, int elide)
{
	va_list ap;
	va_copy(ap, ap0);
	for (const char *p = fmt; *p;) {
		const char *pc = strchr(p, '%');
		if (!pc) {
			diag_quote(b, p, strlen(p), 0);
			break;
		}
		diag_quote(b, p, (size_t)(pc - p), 0);
		spec sp;
		const char *next = parse_spec(pc + 1, &sp, &ap);
		if (!sp.conv)
			break;
		int quoted = pc > fmt && pc[-1] == '\'' && *next == '\'';
		if (quoted && elide) {
			buf skip = BUF_INIT;
			put_conversion(&skip, &sp, quoted, &ap);
			buf_free(&skip);
		} else {
			put_conversion(b, &sp, quoted, &ap);
		}
		p = next;
	}
	va_end(ap);
}

void diag_vformat(buf *b, const char *fmt, va_list ap)
{
	format_into(b, fmt, ap, 0);
}

/* Write one message line (and its suffix) where d sends messages. */
static void emit(diag *d, const char *line, const char *suffix)
{
	buf b = BUF_INIT;
	buf_puts(&b, line);
	if (suffix)
		buf_puts(&b, suffix);
	buf_putc(&b, '\n');
	if (d->capture)
		buf_append(d->capture, b.data, b.len);
	else if (d->out)
		fputs(b.data, d->out);
	buf_free(&b);
}

static unsigned long hash_kind(const char *kind)
{
	unsigned long h = 5381;
	for (const char *p = kind; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return h;
}

/* Grow the hash of warning kinds to keep it at most half full. */
static void rehash(diag *d)
{
	int n = d->nslots ? d->nslots * 2 : 64;
	free(d->slots);
	d->slots = xmalloc((size_t)n * sizeof *d->slots);
	d->nslots = n;
	for (int i = 0; i < n; i++)
		d->slots[i] = -1;
	for (int i = 0; i < d->nheld; i++) {
		diag_held *h = &d->held[i];
		if (h->first != i)
			continue;
		unsigned long s = hash_kind(h->kind) % (unsigned)n;
		while (d->slots[s] >= 0)
			s = (s + 1) % (unsigned)n;
		d->slots[s] = i;
	}
}

/* Hold a message (line and kind are the held entry's from now on),
 * counting the warnings of each kind.  kind is NULL for errors; every
 * warning keeps its kind, which diag_splice holds again. */
static void hold_owned(diag *d, char *kind, char *line)
{
	int first = -1;
	if (kind) {
		if (2 * (d->nheld + 1) > d->nslots)
			rehash(d);
		unsigned long s = hash_kind(kind) % (unsigned)d->nslots;
		for (; d->slots[s] >= 0; s = (s + 1) % (unsigned)d->nslots)
			if (!strcmp(d->held[d->slots[s]].kind, kind)) {
				first = d->slots[s];
				break;
			}
		if (first < 0)
			d->slots[s] = first = d->nheld;
	}
	if (d->nheld == d->capheld) {
		d->capheld = d->capheld ? 2 * d->capheld : 32;
		d->held =
			xrealloc(d->held, (size_t)d->capheld * sizeof *d->held);
	}
	diag_held *h = &d->held[d->nheld++];
	h->line = line;
	h->kind = kind;
	h->first = first;
	h->count = 0;
	if (first >= 0)
		d->held[first].count++;
}

static void hold(diag *d, const char *kind, buf *msg)
{
	hold_owned(d, kind ? xstrdup(kind) : NULL, xstrdup(msg->data));
}

static void forget_held(diag *d)
{
	free(d->held);
	free(d->slots);
	d->held = NULL;
	d->slots = NULL;
	d->nheld = d->capheld = d->nslots = 0;
}

void diag_child(diag *c, const diag *parent)
{
	diag_init(c, NULL);
	c->quiet = parent->quiet;
	c->collapse = 1;
}

int diag_mark(const diag *d)
{
	return d->nheld;
}

void diag_splice(diag *d, int at, diag *c)
{
	diag_held *old = d->held;
	int n = d->nheld;
	if (at > n)
		at = n;
	d->held = NULL; /* held again, in the new order */
	free(d->slots);
	d->slots = NULL;
	d->nheld = d->capheld = d->nslots = 0;
	for (int i = 0; i < at; i++)
		hold_owned(d, old[i].kind, old[i].line);
	for (int i = 0; i < c->nheld; i++)
		hold_owned(d, c->held[i].kind, c->held[i].line);
	for (int i = at; i < n; i++)
		hold_owned(d, old[i].kind, old[i].line);
	free(old);
	d->errors += c->errors;
	d->warnings += c->warnings;
	forget_held(c);
	c->errors = c->warnings = 0;
}

void diag_flush(diag *d)
{
	for (int i = 0; i < d->nheld; i++) {
		diag_held *h = &d->held[i];
		char suffix[128] = "";
		int n = h->first >= 0 ? d->held[h->first].count : 1;
		if (n >= DIAG_COLLAPSE_MIN && h->first != i)
			; /* counted on the first */
		else if (n >= DIAG_COLLAPSE_MIN)
			snprintf(suffix, sizeof suffix,
				 dngettext(ANNEX_DOMAIN,
					   " (and %d more like it in this "
					   "file; -v shows all)",
					   " (and %d more like it in this "
					   "file; -v shows all)",
					   (unsigned long)h->count - 1),
				 h->count - 1);
		if (n < DIAG_COLLAPSE_MIN || h->first == i)
			emit(d, h->line, suffix);
		free(h->line);
		free(h->kind);
	}
	forget_held(d);
}

void diag_vreport(diag *d, diag_level lvl, const char *file, int line,
		  const char *fmt, va_list ap)
{
	buf msg = BUF_INIT;
	if (!file)
		buf_puts(&msg, "annex");
	else
		diag_quote(&msg, file, strlen(file), 0);
	if (file && line > 0)
		buf_printf(&msg, ":%d", line);
	/* TRANSLATORS: the level of a message, "file:line: error: ..";
	 * keep it one word, programs and people look for it. */
	buf_printf(&msg,
		   ": %s: ", lvl == DIAG_ERROR ? _("error") : _("warning"));
	buf kind = BUF_INIT;
	if (d->collapse && lvl == DIAG_WARNING) {
		/* Warnings of one file and format whose only differences are
		 * quoted values (the record, the value: the place) are one
		 * kind; anything else (a column, a character) makes another. */
		buf_puts(&kind, file ? file : "");
		buf_putc(&kind, '\n');
		buf_puts(&kind, fmt);
		buf_putc(&kind, '\n');
		format_into(&kind, fmt, ap, 1);
	}
	diag_vformat(&msg, _(fmt), ap);
	if (lvl == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (lvl == DIAG_WARNING && d->quiet)
		;
	else if (d->collapse)
		hold(d, lvl == DIAG_WARNING ? buf_cstr(&kind) : NULL, &msg);
	else
		emit(d, msg.data, NULL);
	buf_free(&kind);
	buf_free(&msg);
}

void diag_report(diag *d, diag_level lvl, const char *file, int line,
		 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(d, lvl, file, line, fmt, ap);
	va_end(ap);
}
