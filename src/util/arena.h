/*
 * arena.h - region allocator.
 *
 * An arena owns every block it hands out; they are released together by
 * arena_free() (or recycled by arena_reset()).  The plan model, the parsed
 * CSV tables and each laid-out page live in arenas, so nothing in them is
 * freed one by one.  Allocation failure ends the run (oom_exit): annex is
 * a batch tool and has nothing sensible to do without memory.
 */
#ifndef ANNEX_ARENA_H
#define ANNEX_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
	arena_block *head;  /* current block; older blocks chain behind it */
	arena_block *spare; /* blocks of block_size kept by arena_reset() */
	size_t block_size;  /* default size of a new block */
	size_t used;	    /* bytes handed out since init/reset */
} arena;

void arena_init(arena *a, size_t block_size);
/* Uninitialised memory, aligned for any type.  Never returns NULL. */
void *arena_alloc(arena *a, size_t n);
/* Zero-filled memory. */
void *arena_zalloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Forget everything allocated but keep the blocks of the default size for
 * reuse (an arena reset once per page or per table row allocates nothing
 * once it has reached its largest size; big requests' own blocks are
 * freed).  In an ASan build every block is freed, so that a pointer kept
 * across a reset is caught. */
void arena_reset(arena *a);
void arena_free(arena *a);

/* Exit 1 with "out of memory" when memory runs out (shared by the few
 * mallocs outside arenas); see oom_exit in atomic.h. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
