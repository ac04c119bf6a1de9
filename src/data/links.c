/*
 * links.c - the links of collegamenti.csv checked as a graph (plan.h,
 * plan_check_links).
 *
 * load.c reads the rows and checks each on its own (both ends strategic
 * objectives, not the same one).  What needs the whole file is here:
 *
 *   - a link given twice: sorted by (da, a, line), equal neighbours are
 *     duplicates; the later one is a warning naming the first and is
 *     dropped (the map would draw the same arrow twice);
 *   - cycles: "1 sustains 2 sustains 1" has no cause and no effect.  A
 *     depth-first search in file order (iterative: a hostile file of a
 *     million links in one chain must not exhaust the stack) finds each
 *     link that goes back to an objective still on the search path; the
 *     cycle it closes is reported once, at the cycle's link written last
 *     (the likeliest mistake), with the cycle in words.
 *
 * Objectives are numbered by their place in plan.obiettivi, so the search
 * needs arrays, not a hash.
 */
#include "plan.h"
#include "../util/buf.h"

#include <stdlib.h>
#include <string.h>

typedef struct link_key {
	int da, a, at; /* objective numbers, place in the file */
} link_key;

static int cmp_key(const void *x, const void *y)
{
	const link_key *p = x, *q = y;
	if (p->da != q->da)
		return p->da < q->da ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->at > q->at) - (p->at < q->at);
}

static int obj_no(const plan *p, const obiettivo *o)
{
	return (int)(o - p->obiettivi);
}

/* Drop the links given twice, with a warning at each later one. */
static void drop_duplicates(plan *p, diag *d)
{
	int n = p->n_collegamenti;
	link_key *k = xmalloc(sizeof *k * (size_t)(n + 1));
	char *dup = xcalloc((size_t)n + 1, 1);
	for (int i = 0; i < n; i++) {
		const collegamento *c = &p->collegamenti[i];
		k[i] = (link_key){obj_no(p, c->da), obj_no(p, c->a), i};
	}
	qsort(k, (size_t)n, sizeof *k, cmp_key);
	for (int i = 1, first = 0; i < n; i++) {
		if (k[i].da != k[first].da || k[i].a != k[first].a) {
			first = i;
			continue;
		}
		const collegamento *c = &p->collegamenti[k[i].at];
		const collegamento *f = &p->collegamenti[k[first].at];
		diag_warning(d, c->file, c->line,
			     "the link from '%s' to '%s' is given twice (first "
			     "at %s:%d); this row is ignored",
			     c->da->r.codice, c->a->r.codice, f->file, f->line);
		dup[k[i].at] = 1;
	}
	int m = 0;
	for (int i = 0; i < n; i++)
		if (!dup[i])
			p->collegamenti[m++] = p->collegamenti[i];
	p->n_collegamenti = m;
	free(k);
	free(dup);
}

/* The links as adjacency lists: the links leaving objective o are
 * out[first[o] .. first[o + 1]), in file order. */
typedef struct graph {
	int *first, *out;
} graph;

static graph adjacency(const plan *p)
{
	int no = p->n_obiettivi, nl = p->n_collegamenti;
	graph g = {xcalloc((size_t)no + 2, sizeof(int)),
		   xmalloc(sizeof(int) * (size_t)(nl + 1))};
	for (int i = 0; i < nl; i++)
		g.first[obj_no(p, p->collegamenti[i].da) + 2]++;
	for (int o = 0; o < no; o++)
		g.first[o + 2] += g.first[o + 1];
	for (int i = 0; i < nl; i++)
		g.out[g.first[obj_no(p, p->collegamenti[i].da) + 1]++] = i;
	return g;
}

/* A cycle found: the links path[from .. depth), each leading to the next
 * and the last back to the first.  It is reported once, at its link
 * written last in the file (the likeliest mistake), unless that link has
 * been reported already, with the cycle in words from that link's target
 * round to it again. */
static void report_cycle(const plan *p, const int *path, int from, int depth,
			 char *reported, buf *b, diag *d)
{
	int k = from;
	for (int i = from; i < depth; i++)
		if (p->collegamenti[path[i]].line >
		    p->collegamenti[path[k]].line)
			k = i;
	const collegamento *c = &p->collegamenti[path[k]];
	if (reported[path[k]])
		return;
	reported[path[k]] = 1;
	buf_reset(b);
	for (int j = 1; j <= depth - from; j++) {
		int i = from + (k - from + j) % (depth - from);
		buf_printf(b, "%s → ", p->collegamenti[path[i]].da->r.codice);
	}
	buf_puts(b, c->a->r.codice);
	diag_error(d, c->file, c->line,
		   "the link from '%s' to '%s' closes the cycle '%s': an "
		   "objective would sustain itself",
		   c->da->r.codice, c->a->r.codice, buf_cstr(b));
}

enum { WHITE, ON_PATH, DONE };

typedef struct search_state {
	char *state;	/* of each objective */
	int *next;	/* of each objective: the next of its links to try */
	int *path;	/* the link taken at each depth */
	char *reported; /* of each link */
	buf b;
} search_state;

/* Depth-first search from objective s. */
static void search(const plan *p, const graph *g, int s, search_state *S,
		   diag *d)
{
	int depth = 0, o = s;
	S->state[s] = ON_PATH;
	for (;;) {
		if (S->next[o] == g->first[o + 1]) {
			S->state[o] = DONE;
			if (depth == 0)
				return;
			o = obj_no(p, p->collegamenti[S->path[--depth]].da);
			continue;
		}
		int l = g->out[S->next[o]++];
		int t = obj_no(p, p->collegamenti[l].a);
		S->path[depth] = l;
		if (S->state[t] == ON_PATH) {
			int from = depth;
			while (obj_no(p, p->collegamenti[S->path[from]].da) !=
			       t)
				from--;
			report_cycle(p, S->path, from, depth + 1, S->reported,
				     &S->b, d);
		} else if (S->state[t] == WHITE) {
			depth++;
			S->state[t] = ON_PATH;
			o = t;
		}
	}
}

void plan_check_links(plan *p, diag *d)
{
	if (p->n_collegamenti == 0)
		return;
	drop_duplicates(p, d);
	int no = p->n_obiettivi, nl = p->n_collegamenti;
	graph g = adjacency(p);
	search_state S = {xcalloc((size_t)no + 1, 1),
			  xmalloc(sizeof(int) * (size_t)(no + 1)),
			  xmalloc(sizeof(int) * (size_t)(nl + 1)),
			  xcalloc((size_t)nl + 1, 1), BUF_INIT};
	for (int o = 0; o < no; o++)
		S.next[o] = g.first[o];
	for (int o = 0; o < no; o++)
		if (S.state[o] == WHITE)
			search(p, &g, o, &S, d);
	buf_free(&S.b);
	free(g.first);
	free(g.out);
	free(S.state);
	free(S.next);
	free(S.path);
	free(S.reported);
}
