/*
 * test_graph.c - the layered drawing (layout/graph.c): virtual nodes on
 * long edges, crossings counted and reduced by the barycentre sweeps,
 * places across a layer, and routes that never cross a box, table-driven
 * on small graphs whose answer is known, then on generated graphs of the
 * size of a large strategy map (40 objectives, 80 links, 4 layers).
 */
#include "testutil.h"

#include "layout/graph.h"

#include <math.h>
#include <stdio.h>

typedef struct gcase {
	const char *name;
	int nlayers, n;
	int layer[8];
	int m;
	int from[8], to[8];
	long before, after; /* crossings in input order, after gr_order */
	int nv;		    /* nodes with the virtual ones */
} gcase;

static const gcase cases[] = {
	/* Two layers, each top node linked to the one below it: none. */
	{"parallel", 2, 4, {0, 0, 1, 1}, 2, {2, 3}, {0, 1}, 0, 0, 4},
	/* A cross: 2 -> 1 and 3 -> 0; reordering removes it. */
	{"one cross", 2, 4, {0, 0, 1, 1}, 2, {2, 3}, {1, 0}, 1, 0, 4},
	/* K(2,2) always crosses once. */
	{"complete 2x2",
	 2,
	 4,
	 {0, 0, 1, 1},
	 4,
	 {2, 2, 3, 3},
	 {0, 1, 0, 1},
	 1,
	 1,
	 4},
	/* A reversed chain of three: three crossings, then none. */
	{"reversed",
	 2,
	 6,
	 {0, 0, 0, 1, 1, 1},
	 3,
	 {3, 4, 5},
	 {2, 1, 0},
	 3,
	 0,
	 6},
	/* An edge over two layers gets a virtual node in the middle one,
	 * which crosses 2 -> 1 there until both layers below move. */
	{"long edge", 3, 5, {0, 0, 1, 2, 2}, 3, {4, 3, 2}, {0, 2, 1}, 1, 0, 6},
	/* A same-layer edge has no piece between layers. */
	{"same layer", 2, 3, {0, 0, 1}, 2, {0, 2}, {1, 0}, 0, 0, 3},
};

static void test_order(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const gcase *c = &cases[i];
		gr_graph g;
		gr_init(&g, c->nlayers, c->n, c->layer, c->m, c->from, c->to);
		if (gr_crossings(&g) != c->before || g.nv != c->nv)
			fail_msg("%s: %ld crossings, %d nodes before", c->name,
				 gr_crossings(&g), g.nv);
		long after = gr_order(&g, 8);
		if (after != c->after || gr_crossings(&g) != c->after)
			fail_msg("%s: %ld crossings after", c->name, after);
		for (int l = 0; l < g.nlayers; l++)
			for (int k = 0; k < g.count[l]; k++)
				assert_int_equal(g.pos[g.rank[l][k]], k);
		gr_free(&g);
	}
}

/* Places across a layer: boxes of equal width, free space shared
 * equally, in the order found. */
static void test_place_x(void **state)
{
	(void)state;
	const int layer[] = {0, 0, 1};
	const int from[] = {2}, to[] = {1};
	gr_graph g;
	gr_init(&g, 2, 3, layer, 1, from, to);
	const float bw[] = {80, 80};
	gr_place_x(&g, 100, 300, bw, 6);
	/* Layer 0: two boxes, 140 free, 70 around each: 135 and 285. */
	assert_true(fabsf(g.x[0] - 135) < 0.01f);
	assert_true(fabsf(g.x[1] - 285) < 0.01f);
	assert_true(fabsf(g.w[1] - 80) < 0.01f);
	/* Layer 1: one box in the middle. */
	assert_true(fabsf(g.x[2] - 210) < 0.01f);
	gr_free(&g);
}

/* A layer with room moves its node over the one it is linked to; a full
 * layer keeps its places, in order and apart. */
static void test_align(void **state)
{
	(void)state;
	const int layer[] = {0, 1, 1, 1};
	const int from[] = {3}, to[] = {0};
	const float bw[] = {80, 80};
	gr_graph g;
	gr_init(&g, 2, 4, layer, 1, from, to);
	gr_place_x(&g, 0, 300, bw, 6);
	assert_true(fabsf(g.x[0] - 110) < 0.01f); /* in the middle */
	gr_align_x(&g, 0, 300, 12, 4);
	assert_true(fabsf(g.x[0] - g.x[3]) < 0.01f); /* over node 3 */
	for (int i = 1; i < 3; i++)
		assert_true(g.x[i] + g.w[i] + 12 <= g.x[i + 1] + 0.01f);
	assert_true(g.x[1] >= -0.01f && g.x[3] + g.w[3] <= 300.01f);
	gr_free(&g);
}

/* Route a graph on rows of height 40, channels sized by their tracks,
 * nodes aligned or evenly spread; returns the total height. */
static float route(gr_graph *g, float box_w, float width, int align)
{
	float row_top[16], row_bot[16], chan_top[17];
	const float gap = 4;
	float bw[16];
	for (int l = 0; l < g->nlayers; l++)
		bw[l] = box_w;
	gr_place_x(g, 0, width, bw, 6);
	if (align)
		gr_align_x(g, 0, width, 12, 4);
	gr_tracks(g, 6, 4);
	float y = 0;
	for (int l = 0; l <= g->nlayers; l++) {
		chan_top[l] = y;
		y += (float)(g->ntracks[l] + 1) * gap + 8;
		if (l == g->nlayers)
			break;
		row_top[l] = y;
		row_bot[l] = y + 40;
		y += 40;
	}
	gr_route(g, row_top, row_bot, chan_top, gap);
	return y;
}

/* Whether [a0, a1] and [b0, b1] share more than a point. */
static int share(float a0, float a1, float b0, float b1)
{
	return fminf(fmaxf(a0, a1), fmaxf(b0, b1)) -
		       fmaxf(fminf(a0, a1), fminf(b0, b1)) >
	       0.01f;
}

/* Segments of two different edges lying on one another. */
static int overlaps(const gr_graph *g)
{
	int n = 0;
	for (int e = 0; e < g->m; e++)
		for (int f = e + 1; f < g->m; f++)
			for (int i = g->pfirst[e]; i + 1 < g->pfirst[e + 1];
			     i++)
				for (int j = g->pfirst[f];
				     j + 1 < g->pfirst[f + 1]; j++) {
					const float *a = g->pt + 2 * i;
					const float *b = g->pt + 2 * j;
					if (a[0] == a[2] && b[0] == b[2] &&
					    fabsf(a[0] - b[0]) < 0.5f &&
					    share(a[1], a[3], b[1], b[3]))
						n++;
					if (a[1] == a[3] && b[1] == b[3] &&
					    fabsf(a[1] - b[1]) < 0.5f &&
					    share(a[0], a[2], b[0], b[2]))
						n++;
				}
	return n;
}

/* Every route starts on its source's side and ends on its target's, is
 * made of horizontal and vertical segments and passes through no box. */
static void check_routes(const gr_graph *g, const char *name)
{
	for (int e = 0; e < g->m; e++) {
		int a = g->pfirst[e], b = g->pfirst[e + 1] - 1;
		const float *p = g->pt;
		int s = g->from[e], t = g->to[e];
		if (b <= a)
			fail_msg("%s: edge %d has %d points", name, e,
				 b - a + 1);
		if (p[2 * a] < g->x[s] || p[2 * a] > g->x[s] + g->w[s] ||
		    p[2 * b] < g->x[t] || p[2 * b] > g->x[t] + g->w[t])
			fail_msg("%s: edge %d does not start and end on its "
				 "boxes",
				 name, e);
		int on_s = fabsf(p[2 * a + 1] - g->y[s]) < 0.01f ||
			   fabsf(p[2 * a + 1] - g->y[s] - g->h[s]) < 0.01f;
		int on_t = fabsf(p[2 * b + 1] - g->y[t]) < 0.01f ||
			   fabsf(p[2 * b + 1] - g->y[t] - g->h[t]) < 0.01f;
		if (!on_s || !on_t)
			fail_msg("%s: edge %d does not touch its boxes' sides",
				 name, e);
		for (int i = a; i < b; i++)
			if (p[2 * i] != p[2 * i + 2] &&
			    p[2 * i + 1] != p[2 * i + 3])
				fail_msg("%s: edge %d has a slanted segment",
					 name, e);
	}
	if (gr_box_hits(g))
		fail_msg("%s: %d segments pass through a box", name,
			 gr_box_hits(g));
	if (overlaps(g))
		fail_msg("%s: %d segments of two edges overlap", name,
			 overlaps(g));
}

static void test_route_small(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const gcase *c = &cases[i];
		gr_graph g;
		gr_init(&g, c->nlayers, c->n, c->layer, c->m, c->from, c->to);
		gr_order(&g, 8);
		route(&g, 80, 400, 1);
		check_routes(&g, c->name);
		gr_free(&g);
	}
}

/* An upward edge leaves the top of its source and enters the bottom of
 * its target; a same-layer edge joins the bottoms through the channel
 * below. */
static void test_route_sides(void **state)
{
	(void)state;
	const int layer[] = {0, 0, 1};
	const int from[] = {2, 0}, to[] = {0, 1};
	gr_graph g;
	gr_init(&g, 2, 3, layer, 2, from, to);
	route(&g, 80, 400, 0);
	const float *p = g.pt;
	int a = g.pfirst[0], b = g.pfirst[1] - 1;
	assert_true(fabsf(p[2 * a + 1] - g.y[2]) < 0.01f);
	assert_true(fabsf(p[2 * b + 1] - (g.y[0] + g.h[0])) < 0.01f);
	a = g.pfirst[1];
	b = g.pfirst[2] - 1;
	assert_true(fabsf(p[2 * a + 1] - (g.y[0] + g.h[0])) < 0.01f);
	assert_true(fabsf(p[2 * b + 1] - (g.y[1] + g.h[1])) < 0.01f);
	assert_int_equal(g.ntracks[0], 0);
	assert_int_equal(g.ntracks[1], 2); /* both run between the layers */
	gr_free(&g);
}

/* Two arrows running left up through one channel, side by side: the one
 * that starts further right goes on the upper track, so that neither
 * crosses the other (the left-edge order would cross them). */
static void test_tracks(void **state)
{
	(void)state;
	const int layer[] = {0, 0, 0, 1, 1, 1};
	const int from[] = {4, 5}, to[] = {0, 1};
	gr_graph g;
	gr_init(&g, 2, 6, layer, 2, from, to);
	assert_int_equal(gr_order(&g, 8), 0);
	route(&g, 80, 400, 0);
	check_routes(&g, "left up");
	assert_int_equal(g.ntracks[1], 2);
	assert_true(g.hop[1].track < g.hop[0].track);
	assert_int_equal(gr_route_crossings(&g), 0);
	gr_free(&g);
}

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7FFF;
}

/* 40 nodes in 4 layers, 80 edges without repeats, mostly upward as a
 * strategy map's; the sweeps reduce the crossings, and the routes on a
 * width of A3 landscape pass through no box. */
static void test_large(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 5; seed++) {
		int layer[40], from[80], to[80], m = 0;
		unsigned s = seed;
		for (int i = 0; i < 40; i++)
			layer[i] = i / 10;
		while (m < 80) {
			int a = (int)(lcg(&s) % 40), b = (int)(lcg(&s) % 40);
			int dup = a == b;
			for (int k = 0; k < m && !dup; k++)
				dup = (from[k] == a && to[k] == b) ||
				      (from[k] == b && to[k] == a);
			if (dup)
				continue;
			if (layer[a] < layer[b]) {
				int t = a;
				a = b;
				b = t;
			}
			from[m] = a;
			to[m] = b;
			m++;
		}
		gr_graph g;
		gr_init(&g, 4, 40, layer, 80, from, to);
		long before = gr_crossings(&g);
		long after = gr_order(&g, 12);
		char name[32];
		snprintf(name, sizeof name, "seed %u", seed);
		if (after >= before)
			fail_msg("%s: %ld crossings, %ld before", name, after,
				 before);
		float h = route(&g, 70, 1050, 1);
		check_routes(&g, name);
		if (h > 760)
			fail_msg("%s: %.0f pt tall", name, (double)h);
		gr_free(&g);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_place_x),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_route_small),
		cmocka_unit_test(test_route_sides),
		cmocka_unit_test(test_tracks),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
