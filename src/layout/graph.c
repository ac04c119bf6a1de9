/* graph.c - a layered drawing of a directed graph (see graph.h). */
#include "graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int dlayer(const gr_graph *g, int e)
{
	return abs(g->layer[g->from[e]] - g->layer[g->to[e]]);
}

/* Nodes along each edge: a virtual node in each layer between. */
static void make_chains(gr_graph *g)
{
	g->cfirst = arena_alloc(&g->a, sizeof(int) * (size_t)(g->m + 1));
	int len = 0;
	for (int e = 0; e < g->m; e++) {
		g->cfirst[e] = len;
		len += dlayer(g, e) ? dlayer(g, e) + 1 : 2;
	}
	g->cfirst[g->m] = len;
	g->chain = arena_alloc(&g->a, sizeof(int) * (size_t)(len + 1));
	int v = g->n;
	for (int e = 0; e < g->m; e++) {
		int *c = g->chain + g->cfirst[e];
		int la = g->layer[g->from[e]], lb = g->layer[g->to[e]];
		int step = lb > la ? 1 : -1, k = 0;
		c[k++] = g->from[e];
		for (int l = la + step; la != lb && l != lb; l += step) {
			g->layer[v] = l;
			c[k++] = v++;
		}
		c[k] = g->to[e];
	}
}

/* rank[] from pos[]. */
static void ranks_from_pos(gr_graph *g)
{
	for (int v = 0; v < g->nv; v++)
		g->rank[g->layer[v]][g->pos[v]] = v;
}

void gr_init(gr_graph *g, int nlayers, int n, const int *layer, int m,
	     const int *from, const int *to)
{
	memset(g, 0, sizeof *g);
	arena_init(&g->a, 16 * 1024);
	g->nlayers = nlayers;
	g->n = n;
	g->m = m;
	g->from = from;
	g->to = to;
	int nv = n;
	for (int e = 0; e < m; e++) {
		int d = abs(layer[from[e]] - layer[to[e]]);
		nv += d > 1 ? d - 1 : 0;
	}
	g->nv = nv;
	size_t sz = (size_t)nv + 1;
	g->layer = arena_alloc(&g->a, sizeof(int) * sz);
	memcpy(g->layer, layer, sizeof(int) * (size_t)n);
	make_chains(g);
	g->pos = arena_alloc(&g->a, sizeof(int) * sz);
	g->x = arena_zalloc(&g->a, sizeof(float) * sz);
	g->w = arena_zalloc(&g->a, sizeof(float) * sz);
	g->y = arena_zalloc(&g->a, sizeof(float) * sz);
	g->h = arena_zalloc(&g->a, sizeof(float) * sz);
	g->count = arena_zalloc(&g->a, sizeof(int) * (size_t)(nlayers + 1));
	for (int v = 0; v < nv; v++)
		g->pos[v] = g->count[g->layer[v]]++;
	g->rank = arena_alloc(&g->a, sizeof(int *) * (size_t)(nlayers + 1));
	for (int l = 0; l < nlayers; l++)
		g->rank[l] = arena_alloc(
			&g->a, sizeof(int) * (size_t)(g->count[l] + 1));
	ranks_from_pos(g);
	g->ntracks = arena_zalloc(&g->a, sizeof(int) * (size_t)(nlayers + 2));
}

void gr_free(gr_graph *g)
{
	arena_free(&g->a);
}

/* ---- order -------------------------------------------------------------- */

/* The pieces of edges between adjacent layers, as (upper, lower) node
 * pairs: *n of them, in a. */
static int *pieces(const gr_graph *g, arena *a, int *n)
{
	int *s =
		arena_alloc(a, sizeof(int) * 2 * (size_t)(g->cfirst[g->m] + 1));
	int k = 0;
	for (int e = 0; e < g->m; e++)
		for (int i = g->cfirst[e]; i + 1 < g->cfirst[e + 1]; i++) {
			int u = g->chain[i], v = g->chain[i + 1];
			if (g->layer[u] == g->layer[v])
				continue;
			if (g->layer[u] > g->layer[v]) {
				int t = u;
				u = v;
				v = t;
			}
			s[2 * k] = u;
			s[2 * k + 1] = v;
			k++;
		}
	*n = k;
	return s;
}

typedef struct pp {
	int u, l; /* places in the upper and the lower layer */
} pp;

static int cmp_pp(const void *a, const void *b)
{
	const pp *p = a, *q = b;
	if (p->u != q->u)
		return p->u < q->u ? -1 : 1;
	return (p->l > q->l) - (p->l < q->l);
}

long gr_crossings(const gr_graph *g)
{
	arena a;
	arena_init(&a, 4096);
	int ns;
	int *s = pieces(g, &a, &ns);
	pp *v = arena_alloc(&a, sizeof(pp) * (size_t)(ns + 1));
	long total = 0;
	for (int l = 0; l + 1 < g->nlayers; l++) {
		int k = 0;
		for (int i = 0; i < ns; i++)
			if (g->layer[s[2 * i]] == l)
				v[k++] = (pp){g->pos[s[2 * i]],
					      g->pos[s[2 * i + 1]]};
		qsort(v, (size_t)k, sizeof *v, cmp_pp);
		/* Inversions of the lower places: a Fenwick tree counts the
		 * pieces seen so far that end further right. */
		int nl = g->count[l + 1];
		int *fw = arena_zalloc(&a, sizeof(int) * (size_t)(nl + 2));
		for (int i = 0; i < k; i++) {
			int below = 0;
			for (int j = v[i].l + 1; j > 0; j -= j & -j)
				below += fw[j];
			total += i - below;
			for (int j = v[i].l + 1; j <= nl; j += j & -j)
				fw[j]++;
		}
	}
	arena_free(&a);
	return total;
}

typedef struct bary {
	double b;
	int pos, v;
} bary;

static int cmp_bary(const void *a, const void *b)
{
	const bary *p = a, *q = b;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return (p->pos > q->pos) - (p->pos < q->pos);
}

/* Order layer l by the mean place of each node's neighbours in layer r;
 * a node without any keeps its place. */
static void sweep(gr_graph *g, const int *s, int ns, int l, int r, arena *a)
{
	int k = g->count[l];
	bary *b = arena_alloc(a, sizeof(bary) * (size_t)(k + 1));
	double *sum = arena_zalloc(a, sizeof(double) * (size_t)(g->nv + 1));
	int *cnt = arena_zalloc(a, sizeof(int) * (size_t)(g->nv + 1));
	for (int i = 0; i < ns; i++)
		for (int end = 0; end < 2; end++) {
			int v = s[2 * i + end], o = s[2 * i + 1 - end];
			if (g->layer[v] == l && g->layer[o] == r) {
				sum[v] += g->pos[o];
				cnt[v]++;
			}
		}
	for (int i = 0; i < k; i++) {
		int v = g->rank[l][i];
		/* Scaled so that a node's own place and its neighbours'
		 * compare across layers of different sizes. */
		double scale = g->count[r] > 1
				       ? (double)(k - 1) / (g->count[r] - 1)
				       : 1;
		b[i] = (bary){cnt[v] ? sum[v] / cnt[v] * scale : i, i, v};
	}
	qsort(b, (size_t)k, sizeof *b, cmp_bary);
	for (int i = 0; i < k; i++) {
		g->rank[l][i] = b[i].v;
		g->pos[b[i].v] = i;
	}
}

long gr_order(gr_graph *g, int rounds)
{
	arena a;
	arena_init(&a, 16 * 1024);
	int ns;
	int *s = pieces(g, &a, &ns);
	int *best = arena_alloc(&a, sizeof(int) * (size_t)(g->nv + 1));
	memcpy(best, g->pos, sizeof(int) * (size_t)g->nv);
	long bc = gr_crossings(g);
	for (int round = 0; round < rounds && bc > 0; round++) {
		for (int dir = 0; dir < 2; dir++) {
			for (int i = 1; i < g->nlayers; i++) {
				int l = dir ? g->nlayers - 1 - i : i;
				sweep(g, s, ns, l, dir ? l + 1 : l - 1, &a);
			}
			long c = gr_crossings(g);
			if (c < bc) {
				bc = c;
				memcpy(best, g->pos,
				       sizeof(int) * (size_t)g->nv);
			}
		}
	}
	memcpy(g->pos, best, sizeof(int) * (size_t)g->nv);
	ranks_from_pos(g);
	arena_free(&a);
	return bc;
}

/* ---- places and routes ----------------------------------------------------
 */

void gr_place_x(gr_graph *g, float x0, float width, const float *box_w,
		float virt_w)
{
	for (int l = 0; l < g->nlayers; l++) {
		int k = g->count[l];
		float used = 0, shares = 0;
		for (int i = 0; i < k; i++) {
			int v = g->rank[l][i];
			g->w[v] = v < g->n ? box_w[l] : virt_w;
			used += g->w[v];
			shares += v < g->n ? 1 : GR_VIRT_SHARE;
		}
		float unit = width > used && k ? (width - used) / shares : 0;
		float x = x0;
		for (int i = 0; i < k; i++) {
			int v = g->rank[l][i];
			float gap = unit * (v < g->n ? 1 : GR_VIRT_SHARE);
			g->x[v] = x + gap / 2;
			x += g->w[v] + gap;
		}
	}
}

/* Isotonic regression of t[0..k) (pool adjacent violators): the
 * non-decreasing z closest to t, into z. */
static void isotonic(const float *t, float *z, int k, arena *a)
{
	float *sum = arena_alloc(a, sizeof(float) * (size_t)(k + 1));
	int *len = arena_alloc(a, sizeof(int) * (size_t)(k + 1));
	int nb = 0;
	for (int i = 0; i < k; i++) {
		sum[nb] = t[i];
		len[nb++] = 1;
		while (nb > 1 && sum[nb - 2] / (float)len[nb - 2] >
					 sum[nb - 1] / (float)len[nb - 1]) {
			sum[nb - 2] += sum[nb - 1];
			len[nb - 2] += len[nb - 1];
			nb--;
		}
	}
	for (int b = 0, i = 0; b < nb; b++)
		for (int j = 0; j < len[b]; j++)
			z[i++] = sum[b] / (float)len[b];
}

/* Layer l's nodes moved towards the mean centre of their neighbours in
 * layer r, in order, gap apart (a virtual node's gap GR_VIRT_SHARE of
 * it), within [x0, x0 + width]: the closest such places (isotonic
 * regression of the wished left edges less the room before each). */
static void align_layer(gr_graph *g, const int *s, int ns, int l, int r,
			float x0, float width, float gap, arena *a)
{
	int k = g->count[l];
	float *sum = arena_zalloc(a, sizeof(float) * (size_t)(g->nv + 1));
	int *cnt = arena_zalloc(a, sizeof(int) * (size_t)(g->nv + 1));
	float *t = arena_alloc(a, sizeof(float) * (size_t)(k + 1));
	float *z = arena_alloc(a, sizeof(float) * (size_t)(k + 1));
	float *off = arena_alloc(a, sizeof(float) * (size_t)(k + 1));
	for (int i = 0; i < ns; i++)
		for (int end = 0; end < 2; end++) {
			int v = s[2 * i + end], o = s[2 * i + 1 - end];
			if (g->layer[v] == l && g->layer[o] == r) {
				sum[v] += g->x[o] + g->w[o] / 2;
				cnt[v]++;
			}
		}
	float room = 0;
	for (int i = 0; i < k; i++) {
		int v = g->rank[l][i];
		if (i > 0) {
			int u = g->rank[l][i - 1];
			room += g->w[u] + (u < g->n && v < g->n
						   ? gap
						   : gap * GR_VIRT_SHARE);
		}
		off[i] = room;
		float c =
			cnt[v] ? sum[v] / (float)cnt[v] : g->x[v] + g->w[v] / 2;
		t[i] = c - g->w[v] / 2 - room;
	}
	int last = g->rank[l][k - 1];
	float zmax = x0 + width - off[k - 1] - g->w[last];
	if (zmax < x0)
		return; /* no room to move */
	isotonic(t, z, k, a);
	for (int i = 0; i < k; i++)
		g->x[g->rank[l][i]] = fminf(fmaxf(z[i], x0), zmax) + off[i];
}

void gr_align_x(gr_graph *g, float x0, float width, float gap, int rounds)
{
	arena a;
	arena_init(&a, 16 * 1024);
	int ns;
	int *s = pieces(g, &a, &ns);
	for (int round = 0; round < rounds; round++)
		for (int dir = 0; dir < 2; dir++)
			for (int i = 1; i < g->nlayers; i++) {
				int l = dir ? g->nlayers - 1 - i : i;
				if (g->count[l])
					align_layer(g, s, ns, l,
						    dir ? l + 1 : l - 1, x0,
						    width, gap, &a);
			}
	arena_free(&a);
}

static int nhops(const gr_graph *g)
{
	return g->cfirst[g->m] - g->m;
}

/* One end of a hop on a node: sorted by node, side, then where the hop's
 * other end is. */
typedef struct hop_end {
	int node, side; /* side 0: top, 1: bottom */
	float key;
	int hop, end; /* end 0: the hop's start, 1: its end */
} hop_end;

static int cmp_end(const void *a, const void *b)
{
	const hop_end *p = a, *q = b;
	if (p->node != q->node)
		return p->node < q->node ? -1 : 1;
	if (p->side != q->side)
		return p->side < q->side ? -1 : 1;
	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return (p->hop > q->hop) - (p->hop < q->hop);
}

static float centre(const gr_graph *g, int v)
{
	return g->x[v] + g->w[v] / 2;
}

/* The hops: channel, direction, and each end's node. */
static void make_hops(gr_graph *g, int *node_s, int *node_e)
{
	g->hop = arena_zalloc(&g->a, sizeof(gr_hop) * (size_t)(nhops(g) + 1));
	for (int e = 0; e < g->m; e++)
		for (int i = g->cfirst[e]; i + 1 < g->cfirst[e + 1]; i++) {
			int h = i - e, a = g->chain[i], b = g->chain[i + 1];
			int la = g->layer[a], lb = g->layer[b];
			gr_hop *p = &g->hop[h];
			/* Up: the channel above a; down: above b; the same
			 * layer: below it. */
			p->chan = la > lb ? la : lb == la ? la + 1 : lb;
			p->up_s = la <= lb;
			p->up_e = la >= lb;
			p->xs = centre(g, a);
			p->xe = centre(g, b);
			node_s[h] = a;
			node_e[h] = b;
		}
}

/* Spread the ends on each side of each real node along it, in the order
 * of where they go. */
static void ports(gr_graph *g, const int *node_s, const int *node_e,
		  float inset, arena *a)
{
	int nh = nhops(g), k = 0;
	hop_end *v = arena_alloc(a, sizeof(hop_end) * (size_t)(2 * nh + 1));
	for (int h = 0; h < nh; h++) {
		const gr_hop *p = &g->hop[h];
		if (node_s[h] < g->n)
			v[k++] = (hop_end){node_s[h], p->up_s,
					   centre(g, node_e[h]), h, 0};
		if (node_e[h] < g->n)
			v[k++] = (hop_end){node_e[h], p->up_e,
					   centre(g, node_s[h]), h, 1};
	}
	qsort(v, (size_t)k, sizeof *v, cmp_end);
	for (int i = 0, j; i < k; i = j) {
		for (j = i;
		     j < k && v[j].node == v[i].node && v[j].side == v[i].side;
		     j++)
			;
		int nd = v[i].node;
		float span = g->w[nd] - 2 * inset;
		for (int q = i; q < j; q++) {
			float x =
				g->x[nd] + inset +
				span * ((float)(q - i) + 0.5f) / (float)(j - i);
			gr_hop *p = &g->hop[v[q].hop];
			*(v[q].end ? &p->xe : &p->xs) = x;
		}
	}
}

/* The x of end `end` of hop h, and whether it comes from above. */
static float *end_x(gr_graph *g, int h, int end, int *up)
{
	gr_hop *p = &g->hop[h];
	*up = end ? p->up_e : p->up_s;
	return end ? &p->xe : &p->xs;
}

/* Whether x is at least sep from every end of channel c coming from the
 * other side than `up`, and apart from those on the same side (hop h's
 * own ends aside). */
static int clear_of(gr_graph *g, int c, int h, int up, float x, float sep)
{
	for (int o = 0; o < nhops(g); o++) {
		if (o == h || g->hop[o].chan != c)
			continue;
		for (int end = 0; end < 2; end++) {
			int oup;
			float ox = *end_x(g, o, end, &oup);
			if (fabsf(ox - x) < (oup != up ? sep : 1.0f))
				return 0;
		}
	}
	return 1;
}

static const float tries[] = {1, -1, 2, -2, 3, -3};

/* Move the ports that face another hop's end across their channel closer
 * than sep (the two vertical runs would overlap) aside within their box:
 * those from below first, then those from above. */
static void separate_ports(gr_graph *g, const int *node_s, const int *node_e,
			   float inset, float sep)
{
	for (int pass = 0; pass < 2; pass++)
		for (int h = 0; h < nhops(g); h++)
			for (int end = 0; end < 2; end++) {
				int up, nd = end ? node_e[h] : node_s[h];
				float *x = end_x(g, h, end, &up);
				int c = g->hop[h].chan;
				if (nd >= g->n || up != pass ||
				    clear_of(g, c, h, up, *x, sep))
					continue;
				for (int t = 0; t < 6; t++) {
					float nx = *x + tries[t] * sep;
					if (nx >= g->x[nd] + inset / 2 &&
					    nx <= g->x[nd] + g->w[nd] -
							    inset / 2 &&
					    clear_of(g, c, h, up, nx, sep)) {
						*x = nx;
						break;
					}
				}
			}
}

/* Whether virtual node v (ends of hops a and b) could stand at x: clear
 * of the boxes of its layer and of the ends facing it. */
static int virtual_fits(gr_graph *g, int v, int a, int b, float x, float sep)
{
	for (int i = 0; i < g->count[g->layer[v]]; i++) {
		int o = g->rank[g->layer[v]][i];
		if (o < g->n && x > g->x[o] - sep &&
		    x < g->x[o] + g->w[o] + sep)
			return 0;
	}
	int up;
	end_x(g, a, 1, &up);
	if (!clear_of(g, g->hop[a].chan, a, up, x, sep))
		return 0;
	end_x(g, b, 0, &up);
	return clear_of(g, g->hop[b].chan, b, up, x, sep);
}

/* A virtual node facing another hop's end across a channel: moved
 * aside, both its hops with it. */
static void separate_virtual(gr_graph *g, const int *node_s, float sep)
{
	for (int h = 0; h + 1 < nhops(g); h++) {
		int v = node_s[h + 1], up;
		if (v < g->n) /* hop h + 1 does not go on from a virtual node */
			continue;
		float x = g->hop[h].xe;
		end_x(g, h, 1, &up);
		int ok = clear_of(g, g->hop[h].chan, h, up, x, sep);
		end_x(g, h + 1, 0, &up);
		if (ok && clear_of(g, g->hop[h + 1].chan, h + 1, up, x, sep))
			continue;
		for (int t = 0; t < 6; t++) {
			float nx = x + tries[t] * sep;
			if (virtual_fits(g, v, h, h + 1, nx, sep)) {
				g->hop[h].xe = g->hop[h + 1].xs = nx;
				g->x[v] = nx - g->w[v] / 2;
				break;
			}
		}
	}
}

typedef struct run {
	float lo, hi;
	int hop;
	long score; /* how much it would rather be above the others */
} run;

static int cmp_run(const void *a, const void *b)
{
	const run *p = a, *q = b;
	if (p->score != q->score)
		return p->score < q->score ? -1 : 1;
	if (p->lo != q->lo)
		return p->lo < q->lo ? -1 : 1;
	return (p->hop > q->hop) - (p->hop < q->hop);
}

/* Crossings between runs i and j of one channel when i's track is above
 * j's: i's ends below it come down through j's run, j's ends above it go
 * up through i's. */
static int cost_above(const gr_graph *g, const run *i, const run *j)
{
	const gr_hop *p = &g->hop[i->hop], *q = &g->hop[j->hop];
	int n = 0;
	n += !p->up_s && p->xs > j->lo && p->xs < j->hi;
	n += !p->up_e && p->xe > j->lo && p->xe < j->hi;
	n += q->up_s && q->xs > i->lo && q->xs < i->hi;
	n += q->up_e && q->xe > i->lo && q->xe < i->hi;
	return n;
}

static int overlap(const run *a, const run *b, float sep)
{
	return a->lo < b->hi + sep && b->lo < a->hi + sep;
}

/* Tracks of channel c, the first on top.  Runs that overlap share no
 * track.  Of two that overlap, the one whose order costs fewer crossings
 * goes above: runs are placed in the order of how much they would rather
 * be above the others, each on the first free track below every placed
 * run it would rather be under. */
static void assign_tracks(gr_graph *g, int c, float sep, arena *a)
{
	int nh = nhops(g), k = 0;
	run *r = arena_alloc(a, sizeof(run) * (size_t)(nh + 1));
	int *track = arena_alloc(a, sizeof(int) * (size_t)(nh + 1));
	for (int h = 0; h < nh; h++) {
		gr_hop *p = &g->hop[h];
		if (p->chan != c)
			continue;
		p->track = -1;
		if (fabsf(p->xs - p->xe) > 0.5f)
			r[k++] = (run){fminf(p->xs, p->xe), fmaxf(p->xs, p->xe),
				       h, 0};
	}
	for (int i = 0; i < k; i++)
		for (int j = 0; j < k; j++)
			if (i != j && overlap(&r[i], &r[j], sep))
				r[i].score += cost_above(g, &r[i], &r[j]) -
					      cost_above(g, &r[j], &r[i]);
	qsort(r, (size_t)k, sizeof *r, cmp_run);
	int nt = 0;
	for (int i = 0; i < k; i++) {
		int t = 0;
		for (int j = 0; j < i; j++)
			if (overlap(&r[i], &r[j], sep) &&
			    cost_above(g, &r[i], &r[j]) >
				    cost_above(g, &r[j], &r[i]) &&
			    track[j] + 1 > t)
				t = track[j] + 1;
		for (int busy = 1; busy; t += busy) {
			busy = 0;
			for (int j = 0; j < i && !busy; j++)
				busy = track[j] == t &&
				       overlap(&r[i], &r[j], sep);
		}
		track[i] = t;
		if (t + 1 > nt)
			nt = t + 1;
		g->hop[r[i].hop].track = t;
	}
	g->ntracks[c] = nt;
}

void gr_tracks(gr_graph *g, float inset, float sep)
{
	arena a;
	arena_init(&a, 16 * 1024);
	int nh = nhops(g);
	int *node_s = arena_alloc(&a, sizeof(int) * (size_t)(nh + 1));
	int *node_e = arena_alloc(&a, sizeof(int) * (size_t)(nh + 1));
	make_hops(g, node_s, node_e);
	ports(g, node_s, node_e, inset, &a);
	separate_ports(g, node_s, node_e, inset, sep);
	separate_virtual(g, node_s, sep);
	for (int c = 0; c <= g->nlayers; c++)
		assign_tracks(g, c, sep, &a);
	arena_free(&a);
}

/* Append point (x, y) to the route being built, dropping repeats and
 * merging collinear runs. */
static void put_pt(float *pt, int *n, float x, float y)
{
	if (*n >= 1 && fabsf(pt[2 * *n - 2] - x) < 0.01f &&
	    fabsf(pt[2 * *n - 1] - y) < 0.01f)
		return;
	if (*n >= 2) {
		float x1 = pt[2 * *n - 4], y1 = pt[2 * *n - 3];
		float x2 = pt[2 * *n - 2], y2 = pt[2 * *n - 1];
		if ((fabsf(x1 - x2) < 0.01f && fabsf(x2 - x) < 0.01f) ||
		    (fabsf(y1 - y2) < 0.01f && fabsf(y2 - y) < 0.01f))
			--*n;
	}
	pt[2 * *n] = x;
	pt[2 * *n + 1] = y;
	++*n;
}

void gr_route(gr_graph *g, const float *row_top, const float *row_bot,
	      const float *chan_top, float gap)
{
	for (int v = 0; v < g->nv; v++) {
		g->y[v] = row_top[g->layer[v]];
		g->h[v] = row_bot[g->layer[v]] - g->y[v];
	}
	int nh = nhops(g);
	g->pt = arena_alloc(&g->a, sizeof(float) * 2 * (size_t)(4 * nh + 2));
	g->pfirst = arena_alloc(&g->a, sizeof(int) * (size_t)(g->m + 1));
	int n = 0;
	for (int e = 0; e < g->m; e++) {
		g->pfirst[e] = n;
		int h0 = g->cfirst[e] - e, h1 = g->cfirst[e + 1] - e - 1;
		int s = g->from[e], t = g->to[e];
		int k = 0;
		float *pt = g->pt + 2 * n;
		const gr_hop *p = &g->hop[h0];
		float x = p->xs; /* a straight hop keeps it */
		put_pt(pt, &k, x, p->up_s ? g->y[s] + g->h[s] : g->y[s]);
		for (int h = h0; h < h1; h++) {
			p = &g->hop[h];
			if (p->track >= 0) {
				float ty = chan_top[p->chan] +
					   (float)(p->track + 1) * gap;
				put_pt(pt, &k, x, ty);
				put_pt(pt, &k, x = p->xe, ty);
			}
		}
		p = &g->hop[h1 - 1];
		put_pt(pt, &k, x, p->up_e ? g->y[t] + g->h[t] : g->y[t]);
		n += k;
	}
	g->pfirst[g->m] = n;
}

/* ---- checks ------------------------------------------------------------- */

int gr_box_hits(const gr_graph *g)
{
	int hits = 0;
	for (int e = 0; e < g->m; e++)
		for (int i = g->pfirst[e]; i + 1 < g->pfirst[e + 1]; i++) {
			const float *a = g->pt + 2 * i, *b = a + 2;
			float x0 = fminf(a[0], b[0]), x1 = fmaxf(a[0], b[0]);
			float y0 = fminf(a[1], b[1]), y1 = fmaxf(a[1], b[1]);
			for (int v = 0; v < g->n; v++)
				if (x1 > g->x[v] + 0.5f &&
				    x0 < g->x[v] + g->w[v] - 0.5f &&
				    y1 > g->y[v] + 0.5f &&
				    y0 < g->y[v] + g->h[v] - 0.5f)
					hits++;
		}
	return hits;
}

/* Whether horizontal segment h and vertical segment v cross inside both. */
static int cross(const float *h, const float *v)
{
	float hx0 = fminf(h[0], h[2]), hx1 = fmaxf(h[0], h[2]);
	float vy0 = fminf(v[1], v[3]), vy1 = fmaxf(v[1], v[3]);
	return v[0] > hx0 + 0.01f && v[0] < hx1 - 0.01f && h[1] > vy0 + 0.01f &&
	       h[1] < vy1 - 0.01f;
}

int gr_route_crossings(const gr_graph *g)
{
	int n = 0;
	for (int e = 0; e < g->m; e++)
		for (int f = 0; f < g->m; f++) {
			if (e == f)
				continue;
			for (int i = g->pfirst[e]; i + 1 < g->pfirst[e + 1];
			     i++)
				for (int j = g->pfirst[f];
				     j + 1 < g->pfirst[f + 1]; j++) {
					const float *a = g->pt + 2 * i;
					const float *b = g->pt + 2 * j;
					if (a[1] == a[3] && b[0] == b[2] &&
					    cross(a, b))
						n++;
				}
		}
	return n;
}
