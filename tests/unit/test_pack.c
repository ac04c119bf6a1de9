/*
 * test_pack.c - deflating on worker threads (render/pack.c).
 *
 * Each row is a number of threads and a sequence of streams (sizes, with
 * contents made from a seed).  Every stream must come back once, in
 * submission order, inflate to what was submitted, and its deflated bytes
 * must be the same as with one thread, whatever the scheduling.  Each row
 * runs twice: with plain content, which comes back with no report, and
 * with a pack that draws, whose streams are jobs (a stream number the
 * draw callback turns into that stream's content, reporting the number):
 * they come back drawn, with their report.  When the workers are slow (a
 * draw that sleeps), the submitting thread does some jobs itself.
 */
#include "testutil.h"

#include "render/pack.h"
#include "util/buf.h"

#include <libdeflate.h>
#include <pthread.h>
#include <time.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct row {
	int threads;
	int nstreams;
	size_t size; /* up to this many bytes each; 0: every one empty */
} row;

static const row rows[] = {
	{1, 1, 100},	{1, 40, 30000}, {2, 1, 100},	{2, 40, 30000},
	{2, 3, 0},	{3, 40, 30000}, {4, 200, 4000}, {8, 9, 70000},
	{99, 20, 5000}, /* more than PACK_MAX_THREADS: clamped */
};

/* What the done callback saw. */
typedef struct seen {
	int n;
	int tags[256];
	int res[256]; /* the job's report, -1: none */
	buf z[256];
	size_t max; /* the row's size, for the draw callback */
	int slow;   /* the draw callback sleeps 2 ms */
	pthread_t caller;
	char by_caller[256]; /* job i was drawn on the submitting thread */
} seen;

static void on_done(void *ctx, void *tag, const void *z, size_t n,
		    const void *res, size_t rn)
{
	seen *s = ctx;
	s->tags[s->n] = (int)(intptr_t)tag;
	s->res[s->n] = -1;
	if (rn == sizeof(int))
		memcpy(&s->res[s->n], res, sizeof(int));
	else
		assert_int_equal(rn, 0);
	buf_init(&s->z[s->n]);
	buf_append(&s->z[s->n], z, n);
	s->n++;
}

/* Content of stream i: PDF-like text from a simple generator. */
static void content(buf *b, int i, size_t max)
{
	uint32_t x = 2654435761u * (uint32_t)(i + 1);
	size_t n = max ? (x % max) + 1 : 0;
	static const char *words[] = {
		"BT ",	     "/F1 9 Tf ", "12.5 -11 Td ",   "(Indicatore) Tj\n",
		"0 0 0 rg ", "ET\n",	  "1 0 0 1 5 5 cm "};
	while (b->len < n) {
		x = x * 1103515245u + 12345u;
		buf_puts(b, words[(x >> 16) % 7]);
	}
	b->len = n;
}

/* A job: the stream's number; drawn, its content, reported. */
static void on_draw(void *ctx, buf *job, buf *out, buf *res)
{
	seen *s = ctx;
	int i;
	memcpy(&i, job->data, sizeof i);
	if (s->slow)
		nanosleep(&(struct timespec){0, 2000000}, NULL);
	s->by_caller[i] = (char)pthread_equal(pthread_self(), s->caller);
	buf_reset(out);
	content(out, i, s->max);
	buf_append(res, (const char *)&i, sizeof i);
}

/* Row r's streams through a pack; draws: as jobs of a pack that draws. */
static void run(const row *r, seen *s, int draws)
{
	int slow = s->slow;
	memset(s, 0, sizeof *s);
	s->slow = slow;
	s->caller = pthread_self();
	s->max = r->size;
	pack *p = pack_new(6, r->threads, on_done, draws ? on_draw : NULL, s);
	buf b = BUF_INIT;
	for (int i = 0; i < r->nstreams; i++) {
		buf_reset(&b);
		if (draws)
			buf_append(&b, (const char *)&i, sizeof i);
		else
			content(&b, i, r->size);
		pack_submit(p, &b, (void *)(intptr_t)i);
		assert_int_equal(b.len, 0); /* exchanged for an empty one */
		/* delivered in order, never more than PACK_RING behind */
		assert_true(s->n <= i + 1 && s->n >= i + 1 - PACK_RING);
	}
	pack_free(p);
	buf_free(&b);
}

static void test_rows(void **state)
{
	(void)state;
	struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
	for (size_t k = 0; k < 2 * ARRAY_LEN(rows); k++) {
		const row *r = &rows[k / 2];
		int draws = (int)(k % 2);
		seen *one = calloc(1, sizeof *one),
		     *many = calloc(1, sizeof *many);
		run(&(row){1, r->nstreams, r->size}, one, draws);
		run(r, many, draws);
		assert_int_equal(many->n, r->nstreams);
		for (int i = 0; i < many->n; i++) {
			assert_int_equal(many->tags[i], i);
			assert_int_equal(many->res[i], draws ? i : -1);
			assert_int_equal(many->z[i].len, one->z[i].len);
			assert_memory_equal(many->z[i].data, one->z[i].data,
					    one->z[i].len);
			buf want = BUF_INIT, got = BUF_INIT;
			content(&want, i, r->size);
			buf_reserve(&got, want.len + 1);
			size_t n = 0;
			assert_int_equal(libdeflate_zlib_decompress(
						 d, many->z[i].data,
						 many->z[i].len, got.data,
						 want.len + 1, &n),
					 LIBDEFLATE_SUCCESS);
			assert_int_equal(n, want.len);
			assert_memory_equal(got.data, want.data, n);
			buf_free(&want);
			buf_free(&got);
		}
		for (int i = 0; i < one->n; i++)
			buf_free(&one->z[i]);
		for (int i = 0; i < many->n; i++)
			buf_free(&many->z[i]);
		free(one);
		free(many);
	}
	libdeflate_free_decompressor(d);
}

static void test_help(void **state)
{
	(void)state;
	seen *s = calloc(1, sizeof *s);
	s->slow = 1;
	run(&(row){2, 60, 1000}, s, 1);
	assert_int_equal(s->n, 60);
	int helped = 0;
	for (int i = 0; i < s->n; i++) {
		assert_int_equal(s->tags[i], i);
		buf_free(&s->z[i]);
		/* before the last ring's worth, which pack_free finishes */
		helped += i < s->n - PACK_RING && s->by_caller[i];
	}
	/* 60 jobs of 2 ms each on one worker: the caller, which submits
	 * at once, fills the ring and does some itself */
	assert_true(helped > 0);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
