/*
 * heap.h - faulting in, on a second thread, the memory a run is about to
 * use (heap.c says why and how).
 *
 * w = heap_warm_start(bytes, plain) makes the next bytes of the heap ready
 * while the caller goes on; heap_warm_end(w) stops and frees w (NULL: no
 * warming was started).  plain says glibc's malloc is the allocator (not
 * valgrind's); nothing happens for fewer than HEAP_WARM_MIN bytes, and at
 * most HEAP_WARM_MAX are warmed.  The memory is the allocator's: warming
 * changes no byte and no result, only how soon the memory is ready.
 */
#ifndef ANNEX_HEAP_H
#define ANNEX_HEAP_H

#include <stddef.h>

#define HEAP_WARM_MIN ((size_t)8 << 20)
#define HEAP_WARM_MAX ((size_t)1 << 30)

typedef struct heap_warm heap_warm;

heap_warm *heap_warm_start(size_t bytes, int plain_malloc);
void heap_warm_end(heap_warm *w);

#endif
