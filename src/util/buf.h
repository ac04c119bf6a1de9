/*
 * buf.h - growable byte buffer, always NUL-terminated after its length.
 * The owner calls buf_free(); buf_cstr() of an empty buffer is "".
 */
#ifndef ANNEX_BUF_H
#define ANNEX_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct buf {
	char *data;
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT                                                               \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);
/* Room for extra more bytes and the NUL: inline, since the renderer asks
 * for a few bytes at a time millions of times; buf_grow does the rest. */
void buf_grow(buf *b, size_t extra);
static inline void buf_reserve(buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		buf_grow(b, extra);
}
/* Inline too: most appends are a few bytes of a constant string. */
static inline void buf_append(buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void buf_puts(buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

static inline void buf_putc(buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void buf_printf(buf *b, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
const char *buf_cstr(const buf *b);
/* v in decimal, two digits a step (the PDF writer's numbers). */
void buf_put_uint(buf *b, unsigned long v);

#endif
