/*
 * test_arena.c - the region allocator (util/arena.c).
 *
 * arena_printf() formats short texts on the stack and long ones straight
 * into the arena: both sides of the 256-byte boundary must give what
 * snprintf() gives.  arena_reset() keeps the blocks of the default size
 * for reuse (in this ASan build it frees them, so that a pointer kept
 * across a reset is caught): either way, what is allocated after a reset
 * is fresh, aligned and writable, whatever the sizes, and big requests
 * keep working beside the reused blocks.
 */
#include "testutil.h"

#include "util/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void test_printf_lengths(void **state)
{
	(void)state;
	static const size_t lens[] = {0, 1, 254, 255, 256, 257, 1000, 70000};
	arena a;
	arena_init(&a, 4096);
	for (size_t k = 0; k < ARRAY_LEN(lens); k++) {
		size_t n = lens[k];
		char *want = malloc(n + 16);
		char *src = malloc(n + 1);
		assert_non_null(want);
		assert_non_null(src);
		for (size_t i = 0; i < n; i++)
			src[i] = (char)('a' + i % 26);
		src[n] = '\0';
		snprintf(want, n + 16, "<%s>%d", src, (int)n);
		char *got = arena_printf(&a, "<%s>%d", src, (int)n);
		assert_string_equal(got, want);
		free(want);
		free(src);
	}
	arena_free(&a);
}

/* Fill blocks, reset, fill again with other sizes: every allocation is
 * aligned, distinct and keeps what was written until the next reset. */
static void test_reset_reuse(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 1024);
	for (int round = 0; round < 6; round++) {
		char *p[200];
		size_t n[200];
		for (int i = 0; i < 200; i++) {
			/* Mostly small, now and then bigger than a quarter
			 * of a block (a block of its own). */
			n[i] = (size_t)(i % 37 == 0 ? 700 + round * 100
						    : 1 + (i * 7 + round) % 90);
			p[i] = arena_alloc(&a, n[i]);
			assert_int_equal(
				(uintptr_t)p[i] % _Alignof(max_align_t), 0);
			memset(p[i], 'A' + i % 26, n[i]);
		}
		for (int i = 0; i < 200; i++)
			for (size_t k = 0; k < n[i]; k++)
				assert_int_equal(p[i][k], 'A' + i % 26);
		arena_reset(&a);
	}
	/* Zeroed whether from a reused (dirty) block, a block of its own
	 * (calloc) or the rest of the current block. */
	static const size_t zn[] = {50, 300, 5000, 7, 90};
	for (size_t k = 0; k < sizeof zn / sizeof *zn; k++) {
		char *z = arena_zalloc(&a, zn[k]);
		for (size_t i = 0; i < zn[k]; i++)
			assert_int_equal(z[i], 0);
		memset(z, 'Z', zn[k]);
	}
	assert_string_equal(arena_strdup(&a, "dopo"), "dopo");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printf_lengths),
		cmocka_unit_test(test_reset_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
