/*
 * pack.h - deflating content streams on worker threads, in order.
 *
 * The renderer draws each content stream into a buffer of its own, or
 * puts what drawing it needs in a job for the workers to draw (draw.c),
 * and hands it over with pack_submit and a tag (the stream it belongs to),
 * getting an empty buffer back in exchange (no copy).  Workers deflate the
 * buffers (zlib format, libdeflate, one
 * compressor each) while drawing goes on; the results come back through
 * the done callback on the submitting thread, in submission order, so the
 * caller may use libraries that are not thread-safe there.  At most
 * PACK_RING streams are in flight: pack_submit waits for the oldest when
 * the ring is full, so memory stays bounded whatever the document's length.
 *
 * Each stream is deflated on its own with the same level, so the bytes do
 * not depend on the number of threads or on their scheduling.  With one
 * thread there are no workers: pack_submit deflates at once.
 */
#ifndef ANNEX_RENDER_PACK_H
#define ANNEX_RENDER_PACK_H

#include "../util/buf.h"

#include <stddef.h>

/* 16, not 4: the pages' shares of layout (caller) and drawing (workers)
 * vary, and a deeper queue lets each stage run ahead of the other instead
 * of waiting: the 10,000-indicator cruscotto's pages took 17% less time
 * (median of 8 cold runs, 207 -> 172 ms; 32 gave the same), for some
 * 2 MB of buffers. */
#define PACK_RING	 16
#define PACK_MAX_THREADS 8

typedef struct pack pack;
/* A finished stream: its tag, its n deflated bytes at z and, when the
 * pack draws, the rn bytes its drawing reported at res (both valid only
 * during the call; rn is 0 when the pack does not draw). */
typedef void (*pack_done_fn)(void *ctx, void *tag, const void *z, size_t n,
			     const void *res, size_t rn);
/* Turn job into content, reporting in res: runs on a worker (or on the
 * caller's thread with one thread), so it may only read what nobody
 * changes meanwhile. */
typedef void (*pack_draw_fn)(void *ctx, buf *job, buf *content, buf *res);

/* threads: 1 = deflate on the caller's thread, N = N - 1 workers (at most
 * PACK_MAX_THREADS - 1).  level: libdeflate's, 1-12.  draw: NULL, the
 * submitted buffers are content; else each is a job draw turns into the
 * content first. */
pack *pack_new(int level, int threads, pack_done_fn done, pack_draw_fn draw,
	       void *ctx);
/* Deflate the content in *b (when the pack draws: the content draw makes
 * of the job in *b); tag goes to done.  *b is exchanged for an empty
 * buffer.  First delivers the streams already finished, waiting for the
 * oldest if PACK_RING are in flight. */
void pack_submit(pack *p, buf *b, void *tag);
/* Wait for every stream submitted and deliver them all. */
void pack_flush(pack *p);
/* pack_flush, then stop the workers and free p (NULL: nothing). */
void pack_free(pack *p);

#endif
