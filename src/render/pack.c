/*
 * pack.c - deflating content streams on worker threads (see pack.h).
 *
 * A ring of PACK_RING slots, numbered by three counters that only grow:
 * head (slots handed to the caller and submitted), next (slots a worker
 * has taken) and tail (slots delivered).  tail <= next <= head and head -
 * tail <= PACK_RING.  A slot is QUEUED from submission until a worker
 * takes it, then BUSY, then DONE; the caller delivers slot tail once it is
 * DONE.  One mutex guards the counters and the states; the deflating
 * itself runs unlocked, on a slot no other thread touches then.  When the
 * ring is full the workers are behind (drawing and deflating a page can
 * take longer than laying it out): rather than wait, the caller's thread
 * takes the oldest queued slot and does it itself (help), so that both
 * cores stay busy whichever stage is the slower.  Workers
 * start with every signal blocked, so the signal handlers of atomic.c
 * always run on the main thread, where atomic_block works.
 */
#include "pack.h"
#include "../util/arena.h"
#include "../util/atomic.h"

#include <libdeflate.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

enum { FREE, QUEUED, BUSY, DONE };

typedef struct slot {
	buf in;	 /* the content as drawn, or a job to draw */
	buf mid; /* the job's content */
	buf res; /* what drawing the job found */
	buf out; /* deflated */
	void *tag;
	int state;
} slot;

struct pack {
	slot ring[PACK_RING];
	long head, next, tail;
	int level, nworkers, quit;
	pthread_mutex_t mu;
	pthread_cond_t work; /* a slot was queued, or quit */
	pthread_cond_t done; /* a slot is DONE */
	pthread_t workers[PACK_MAX_THREADS - 1];
	struct libdeflate_compressor *own; /* the caller's (made when needed) */
	pack_done_fn fn;
	pack_draw_fn draw;
	void *ctx;
};

static struct libdeflate_compressor *compressor(int level)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
	if (!c)
		oom_exit();
	return c;
}

/* Draw the slot's job (a pack that draws), then deflate the content. */
static void deflate_slot(pack *p, struct libdeflate_compressor *c, slot *s)
{
	buf *in = &s->in;
	buf_reset(&s->res);
	if (p->draw) {
		p->draw(p->ctx, &s->in, &s->mid, &s->res);
		in = &s->mid;
	}
	size_t cap = libdeflate_zlib_compress_bound(c, in->len);
	buf_reset(&s->out);
	buf_reserve(&s->out, cap);
	s->out.len = libdeflate_zlib_compress(c, in->data, in->len, s->out.data,
					      cap);
}

static void *worker(void *arg)
{
	pack *p = arg;
	struct libdeflate_compressor *c = compressor(p->level);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->next == p->head)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->next == p->head)
			break; /* quit, and nothing left */
		slot *s = &p->ring[p->next++ % PACK_RING];
		s->state = BUSY;
		pthread_mutex_unlock(&p->mu);
		deflate_slot(p, c, s);
		pthread_mutex_lock(&p->mu);
		s->state = DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	libdeflate_free_compressor(c);
	return NULL;
}

pack *pack_new(int level, int threads, pack_done_fn done, pack_draw_fn draw,
	       void *ctx)
{
	pack *p = xcalloc(1, sizeof *p);
	p->level = level;
	p->fn = done;
	p->draw = draw;
	p->ctx = ctx;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	if (threads > PACK_MAX_THREADS)
		threads = PACK_MAX_THREADS;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (int i = 0; i < threads - 1; i++)
		if (pthread_create(&p->workers[p->nworkers], NULL, worker, p) ==
		    0)
			p->nworkers++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!p->nworkers)
		p->own = compressor(level);
	return p;
}

/* Deliver slot tail, waiting for it if wait, else only if DONE.  Returns
 * whether one was delivered. */
static int deliver(pack *p, int wait)
{
	if (p->tail == p->head)
		return 0;
	slot *s = &p->ring[p->tail % PACK_RING];
	pthread_mutex_lock(&p->mu);
	while (wait && s->state != DONE)
		pthread_cond_wait(&p->done, &p->mu);
	int ready = s->state == DONE;
	pthread_mutex_unlock(&p->mu);
	if (!ready)
		return 0;
	p->fn(p->ctx, s->tag, s->out.data, s->out.len, s->res.data, s->res.len);
	s->state = FREE;
	p->tail++;
	return 1;
}

/* On the caller's thread, draw and deflate the oldest slot no worker has
 * taken yet.  Returns whether there was one. */
static int help(pack *p)
{
	pthread_mutex_lock(&p->mu);
	if (p->next == p->head) {
		pthread_mutex_unlock(&p->mu);
		return 0;
	}
	slot *s = &p->ring[p->next++ % PACK_RING];
	s->state = BUSY;
	pthread_mutex_unlock(&p->mu);
	if (!p->own)
		p->own = compressor(p->level);
	deflate_slot(p, p->own, s);
	pthread_mutex_lock(&p->mu);
	s->state = DONE;
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
	return 1;
}

/* Make room for one more slot: deliver what is done, help while the ring
 * is full and something is queued, else wait for the oldest. */
static void make_room(pack *p)
{
	while (deliver(p, 0))
		;
	while (p->head - p->tail == PACK_RING) {
		if (!help(p)) {
			deliver(p, 1);
			break;
		}
		while (deliver(p, 0))
			;
	}
}

void pack_submit(pack *p, buf *b, void *tag)
{
	make_room(p);
	slot *s = &p->ring[p->head % PACK_RING];
	buf mine = s->in;
	s->in = *b;
	*b = mine;
	buf_reset(b);
	s->tag = tag;
	if (!p->nworkers) {
		deflate_slot(p, p->own, s);
		s->state = DONE;
		p->head++;
		deliver(p, 1);
		return;
	}
	pthread_mutex_lock(&p->mu);
	s->state = QUEUED;
	p->head++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void pack_flush(pack *p)
{
	while (p->nworkers && help(p))
		;
	while (deliver(p, 1))
		;
}

void pack_free(pack *p)
{
	if (!p)
		return;
	pack_flush(p);
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->nworkers; i++)
		pthread_join(p->workers[i], NULL);
	if (p->own)
		libdeflate_free_compressor(p->own);
	for (int i = 0; i < PACK_RING; i++) {
		buf_free(&p->ring[i].in);
		buf_free(&p->ring[i].mid);
		buf_free(&p->ring[i].res);
		buf_free(&p->ring[i].out);
	}
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
