/*
 * failmalloc.c - an LD_PRELOAD library for t_oom.sh: memory "runs out" at
 * the FAILMALLOC_AT-th allocation (counting from 1): that malloc, calloc
 * or realloc and every later one return NULL with ENOMEM, as when the
 * machine is out of memory.  Without FAILMALLOC_AT nothing fails.
 * glibc only (__libc_malloc and friends).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long left = -2; /* -2: not read yet, -1: never fail */

static int out_of_memory(void)
{
	if (left == -2) {
		const char *s = getenv("FAILMALLOC_AT");
		left = s ? atol(s) - 1 : -1;
	}
	if (left < 0)
		return left == -1 ? 0 : 1;
	if (left == 0) {
		left = -3; /* from now on every allocation fails */
		return 1;
	}
	left--;
	return 0;
}

void *malloc(size_t n)
{
	if (out_of_memory()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (out_of_memory()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	if (out_of_memory()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n);
}
