/*
 * heap.c - the memory a run will use, faulted in ahead on a second thread
 * (see heap.h).
 *
 * A page's first touch is the dearest thing a build does on the machine
 * annex is measured on: the kernel zeroes it (2 MB at a time with huge
 * pages) and, on a virtual machine that hands freed memory back to its
 * host, the host faults it in again.  On the 10,000-indicator cruscotto
 * that was 26% of the main thread's time while the plan loaded and 29%
 * while the pages were laid out, all of it on the critical path (a run's
 * memory grows on the main thread) while the second core idled through
 * the loading.
 *
 * heap_warm_start grows glibc's heap by the bytes asked at once (blocks
 * of 16 MB allocated and freed: the memory stays as the top of the heap,
 * with the trim threshold raised so that glibc keeps it and the mmap
 * threshold raised to its limit so that large blocks come from it too;
 * sbrk(0) says where it ends; M_TOP_PAD would be simpler but is ignored
 * with glibc.malloc.hugetlb=1) and starts a thread that
 * faults it in, one huge page's worth per call, with
 * madvise(MADV_POPULATE_WRITE): the kernel maps and zeroes the pages
 * without writing to them, so the main thread may already be allocating
 * from the same memory.  Chunks keep each call short: a page fault of the
 * main thread never waits long behind the thread.  heap_warm_end stops it
 * after the current chunk and joins it.
 *
 * Only for glibc's allocator in a build without sanitizers (the caller
 * says whether valgrind's replaced it) and on Linux 5.14 or later; a
 * failed call ends the warming, nothing else.
 */
#define _GNU_SOURCE /* madvise, MADV_POPULATE_WRITE, mallopt */
#include "heap.h"
#include "arena.h"

#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE) &&                      \
	!defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define HEAP_CAN_WARM 1
#else
#define HEAP_CAN_WARM 0
#endif

/* The heap grows by blocks of this (below glibc's mmap limit). */
#define HEAP_GROW ((size_t)16 << 20)

/* One call's worth: a huge page. */
#define CHUNK ((size_t)2 << 20)

struct heap_warm {
	char *at;
	size_t len;
	atomic_int stop;
	pthread_t th;
};

#if HEAP_CAN_WARM
static void *warm(void *arg)
{
	heap_warm *w = arg;
	for (size_t o = 0; o < w->len && !atomic_load(&w->stop); o += CHUNK) {
		size_t n = w->len - o < CHUNK ? w->len - o : CHUNK;
		if (madvise(w->at + o, n, MADV_POPULATE_WRITE) != 0)
			break;
	}
	return NULL;
}
#endif

heap_warm *heap_warm_start(size_t bytes, int plain_malloc)
{
#if HEAP_CAN_WARM
	if (!plain_malloc || bytes < HEAP_WARM_MIN)
		return NULL;
	if (bytes > HEAP_WARM_MAX)
		bytes = HEAP_WARM_MAX;
	/* Large blocks from the heap (up to glibc's limit, 32 MB) and freed
	 * memory kept; then the heap grown by bytes, in blocks below that
	 * limit, all freed again. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, (int)(HEAP_WARM_MAX + HEAP_WARM_MAX / 2));
	size_t k = (bytes + HEAP_GROW - 1) / HEAP_GROW;
	char *blk[HEAP_WARM_MAX / HEAP_GROW];
	for (size_t i = 0; i < k; i++)
		blk[i] = malloc(i + 1 < k ? HEAP_GROW : bytes - i * HEAP_GROW);
	char *end = sbrk(0);
	/* The whole pages from the first block to the break, if the blocks
	 * are the heap's (not mmap'd): its top once they are free. */
	uintptr_t a = ((uintptr_t)blk[0] + 4095) & ~(uintptr_t)4095;
	uintptr_t b = (uintptr_t)end & ~(uintptr_t)4095;
	int heap = end != (char *)-1;
	for (size_t i = 0; i < k; i++)
		heap = heap && blk[i] && (uintptr_t)blk[i] >= a - 4096 &&
		       (uintptr_t)blk[i] < (uintptr_t)end;
	for (size_t i = k; i-- > 0;)
		free(blk[i]);
	if (!heap)
		return NULL;
	heap_warm *w = xcalloc(1, sizeof *w);
	w->at = (char *)a;
	w->len = b > a ? b - a : 0;
	atomic_init(&w->stop, 0);
	/* The signals stay with the main thread (atomic.c's handlers). */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&w->th, NULL, warm, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		free(w);
		return NULL;
	}
	return w;
#else
	(void)bytes;
	(void)plain_malloc;
	return NULL;
#endif
}

void heap_warm_end(heap_warm *w)
{
	if (!w)
		return;
	atomic_store(&w->stop, 1);
	pthread_join(w->th, NULL);
	free(w);
}
