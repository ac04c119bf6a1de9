/*
 * buf.h - growable byte buffer, always NUL-terminated after its length.
 * The owner calls buf_free(); buf_cstr() of an empty buffer is "".
 */
#ifndef ANNEX_BUF_H
#define ANNEX_BUF_H

#include <stddef.h>

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
void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
const char *buf_cstr(const buf *b);

#endif
