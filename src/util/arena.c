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
	a->spare = NULL;
	a->block_size = block_size < 1024 ? 1024 : block_size;
	a->used = 0;
}

/* A block of size bytes; zeroed when zero is set, by calloc, which skips
 * the memory the kernel has just handed out (it is zero already). */
static arena_block *new_block(size_t size, int zero)
{
	arena_block *b = zero ? xcalloc(1, sizeof(*b) + size)
			      : xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->pos = 0;
	return b;
}

/* n bytes, zeroed when zero is set. */
static void *alloc(arena *a, size_t n, int zero)
{
	size_t need = (n + ALIGN - 1) & ~(ALIGN - 1);
	arena_block *b = a->head;
	if (need == 0)
		need = ALIGN;
	a->used += need;
	if (b && b->size - b->pos >= need) {
		void *p = (char *)b->data + b->pos;
		b->pos += need;
		return zero ? memset(p, 0, n) : p;
	}
	if (need > a->block_size / 4) {
		/* Big request: own block, linked behind the current one. */
		arena_block *big = new_block(need, zero);
		big->pos = need;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			a->head = big;
		}
		return big->data;
	}
	if (a->spare) {
		b = a->spare;
		a->spare = b->next;
	} else {
		b = new_block(a->block_size, 0);
	}
	b->next = a->head;
	a->head = b;
	b->pos = need;
	return zero ? memset(b->data, 0, n) : b->data;
}

void *arena_alloc(arena *a, size_t n)
{
	return alloc(a, n, 0);
}

void *arena_zalloc(arena *a, size_t n)
{
	return alloc(a, n, 1);
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

/* Formatted once into a buffer on the stack, which holds the short texts
 * the reports make per cell, and copied; a longer text is formatted again
 * straight into the arena. */
char *arena_printf(arena *a, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof tmp)
		return arena_strndup(a, tmp, (size_t)n);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

#if defined(__SANITIZE_ADDRESS__)
#define KEEP_BLOCKS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KEEP_BLOCKS 0
#endif
#endif
#ifndef KEEP_BLOCKS
#define KEEP_BLOCKS 1
#endif

static void free_chain(arena_block *b)
{
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
}

void arena_reset(arena *a)
{
	arena_block *b = a->head;
	while (b && KEEP_BLOCKS) {
		arena_block *next = b->next;
		if (b->size == a->block_size) {
			b->pos = 0;
			b->next = a->spare;
			a->spare = b;
		} else {
			free(b);
		}
		b = next;
	}
	free_chain(b);
	a->head = NULL;
	a->used = 0;
}

void arena_free(arena *a)
{
	free_chain(a->head);
	free_chain(a->spare);
	a->head = NULL;
	a->spare = NULL;
	a->used = 0;
}
