/*
 * xref.h - the save's objects and cross-reference table, with objects
 * that are not libharu's appended (see xref.c).
 */
#ifndef ANNEX_RENDER_XREF_H
#define ANNEX_RENDER_XREF_H

#include "../util/buf.h"

#include <hpdf.h>
#include <stdint.h>

/* count objects written after libharu's own, numbered first, first + 1,
 * ...: first is the lowest number libharu left free, told to begin()
 * before any object of the file is written (libharu's too, so that their
 * write hooks can refer to the appended ones).  put() appends object i's
 * value (a dictionary, no stream) to b. */
typedef struct xref_extra {
	uint32_t count;
	void (*begin)(void *ctx, uint32_t first);
	void (*put)(void *ctx, uint32_t i, buf *b);
	void *ctx;
} xref_extra;

/* Append x's objects when pdf is saved; NULL: none.  One document at a
 * time (the main thread's): call xref_extra_set(pdf, NULL) after the save
 * and before x goes away. */
void xref_extra_set(HPDF_Doc pdf, const xref_extra *x);

/* " N 0 R": the structure tree writes millions. */
void xref_put_ref(buf *b, uint32_t obj);

#endif
