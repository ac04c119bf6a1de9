/*
 * phrase.c - placeholders and optional groups (see phrase.h).
 *
 * A recursive descent over the pattern: expand() handles a sequence up to
 * a closing ']' or the end, and reports whether any placeholder in it was
 * empty, which is what decides whether an enclosing group survives.
 */
#include "phrase.h"

#include <stdio.h>
#include <string.h>

typedef struct expander {
	const char *p;
	phrase_lookup lookup;
	void *ctx;
	int unknown;
	int closed; /* the last expand() stopped at a ']' */
} expander;

/* Expand until ']' (consumed) or end.  Returns 1 if some placeholder was
 * empty. */
static int expand(expander *e, buf *out)
{
	int empty = 0;
	while (*e->p && *e->p != ']') {
		char c = *e->p;
		if (c == '\\' && e->p[1]) {
			buf_putc(out, e->p[1]);
			e->p += 2;
		} else if (c == '[') {
			buf inner = BUF_INIT;
			e->p++;
			int drop = expand(e, &inner);
			if (!drop)
				buf_append(out, inner.data ? inner.data : "",
					   inner.len);
			buf_free(&inner);
		} else if (c == '{') {
			const char *end = strchr(e->p, '}');
			if (!end) {
				buf_puts(out, e->p);
				e->p += strlen(e->p);
				break;
			}
			char name[64], fmt[32] = "";
			size_t n = (size_t)(end - e->p - 1);
			if (n >= sizeof name)
				n = sizeof name - 1;
			memcpy(name, e->p + 1, n);
			name[n] = '\0';
			char *colon = strchr(name, ':');
			if (colon) {
				*colon = '\0';
				snprintf(fmt, sizeof fmt, "%s", colon + 1);
			}
			size_t before = out->len;
			if (!e->lookup(e->ctx, name, fmt, out)) {
				buf_append(out, e->p, (size_t)(end - e->p + 1));
				e->unknown = 1;
			} else if (out->len == before) {
				empty = 1;
			}
			e->p = end + 1;
		} else {
			buf_putc(out, c);
			e->p++;
		}
	}
	e->closed = *e->p == ']';
	if (e->closed)
		e->p++;
	return empty;
}

int phrase_expand(buf *out, const char *pattern, phrase_lookup lookup,
		  void *ctx)
{
	expander e = {pattern, lookup, ctx, 0, 0};
	while (*e.p) {
		expand(&e, out);
		if (e.closed) /* a stray ']' at top level is literal text */
			buf_putc(out, ']');
	}
	if (!out->data)
		buf_puts(out, "");
	return e.unknown ? -1 : 0;
}

const char *phrase_check(const char *pattern, const char *const *known,
			 char *detail, size_t detail_len)
{
	int depth = 0;
	for (const char *p = pattern; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			depth++;
		} else if (*p == ']') {
			if (--depth < 0)
				return "']' without '['";
		} else if (*p == '{') {
			const char *end = strchr(p, '}');
			if (!end)
				return "'{' without '}'";
			size_t n = (size_t)(end - p - 1);
			const char *colon = memchr(p + 1, ':', n);
			if (colon)
				n = (size_t)(colon - p - 1);
			int ok = 0;
			for (int i = 0; known[i] && !ok; i++)
				ok = strlen(known[i]) == n &&
				     memcmp(known[i], p + 1, n) == 0;
			if (!ok) {
				snprintf(detail, detail_len,
					 "unknown placeholder {%.*s}", (int)n,
					 p + 1);
				return detail;
			}
			p = end;
		}
	}
	if (depth > 0)
		return "'[' without ']'";
	return NULL;
}

void phrase_date(buf *out, const pdate *d, const char *const months[12],
		 int numeric)
{
	if (!d->y)
		return;
	if (numeric) {
		if (d->d)
			buf_printf(out, "%02d.%02d.%04d", d->d, d->m, d->y);
		else if (d->m)
			buf_printf(out, "%02d.%04d", d->m, d->y);
		else
			buf_printf(out, "%04d", d->y);
		return;
	}
	if (d->d)
		buf_printf(out, "%d ", d->d);
	if (d->m)
		buf_printf(out, "%s ", months[d->m - 1]);
	buf_printf(out, "%d", d->y);
}

int phrase_lookup_vals(void *ctx, const char *name, const char *fmt, buf *out)
{
	const phrase_vals *x = ctx;
	(void)fmt;
	for (int i = 0; x->names[i]; i++)
		if (!strcmp(name, x->names[i])) {
			buf_puts(out, x->v[i] ? x->v[i] : "");
			return 1;
		}
	return 0;
}
