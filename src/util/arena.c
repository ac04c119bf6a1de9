/*
 * arena.c - region allocator (see arena.h).
 *
 * Blocks are malloc'd in a singly linked list, newest first.  A request
 * larger than a quarter of the block size gets a block of its own, so big
 * strings do not waste the tail of the current block.
 */
#include "arena.h"
#include "atomic.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	arena_block *next;
	size_t size; /* usable bytes in data[] */
	size_t pos;  /* next free byte */
	max_align_t data[];
};

#define ALIGN (sizeof(max_align_t))

static void oom(void)
{
	oom_exit();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *xstrndup(const char *s, size_t n)
{
	size_t l = strnlen(s, n);
	char *d = memcpy(xmalloc(l + 1), s, l);
	d[l] = '\0';
	return d;
}

void arena_init(arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size < 1024 ? 1024 : block_size;
	a->used = 0;
}

static arena_block *new_block(size_t size)
{
	arena_block *b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->pos = 0;
	return b;
}

void *arena_alloc(arena *a, size_t n)
{
	size_t need = (n + ALIGN - 1) & ~(ALIGN - 1);
	arena_block *b = a->head;
	if (need == 0)
		need = ALIGN;
	a->used += need;
	if (b && b->size - b->pos >= need) {
		void *p = (char *)b->data + b->pos;
		b->pos += need;
		return p;
	}
	if (need > a->block_size / 4) {
		/* Big request: own block, linked behind the current one. */
		arena_block *big = new_block(need);
		big->pos = need;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			a->head = big;
		}
		return big->data;
	}
	b = new_block(a->block_size);
	b->next = a->head;
	a->head = b;
	b->pos = need;
	return b->data;
}

void *arena_zalloc(arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_reset(arena *a)
{
	arena_block *b = a->head;
	arena_block *keep = NULL;
	while (b) {
		arena_block *next = b->next;
		if (!next && b->size == a->block_size)
			keep = b; /* the oldest regular block */
		else
			free(b);
		b = next;
	}
	if (keep)
		keep->pos = 0;
	a->head = keep;
	a->used = 0;
}

void arena_free(arena *a)
{
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
