/*
 * graph.h - a layered drawing of a directed graph: boxes in horizontal
 * layers, arrows as orthogonal connectors between them.  Pure geometry,
 * no fonts and no page: layout/diagram.c sizes the boxes and draws.
 *
 * The method is the layered one (Sugiyama): layers are given (a strategic
 * objective's perspective); an edge spanning several layers gets a
 * virtual node in each layer between, so that every piece joins adjacent
 * layers; the order within each layer is improved by barycentre sweeps
 * (each node moved to the mean place of its neighbours in the layer above,
 * then below), keeping the order with the fewest crossings, the input
 * order winning ties.
 *
 * Routing.  Between layer c-1 and layer c lies channel c (channel 0 above
 * the first layer, channel L below the last).  Each piece of an edge (a
 * hop) leaves its box from the side facing the channel, at a port of its
 * own, runs vertically into the channel, horizontally on a track of the
 * channel, and vertically into the next box or through the next layer at
 * its virtual node.  A same-layer edge runs from the bottom of one box
 * through the channel below to the bottom of the other (in a strategy
 * map the lower perspectives link most among themselves, and below the
 * last band there is room).  Boxes lie only in
 * layers and horizontal runs only in channels, and vertical runs cross a
 * layer only at a virtual node's place, kept free of boxes: so no arrow
 * crosses a box.  Ports are spread along a box's side in the order of
 * where their hops go; runs sharing a channel that overlap get different
 * tracks, and of two such the one whose place above the other costs
 * fewer crossings goes above (each run's vertical ends pass through the
 * tracks between it and the side they come from); a port facing another hop's
 * end across a channel is moved aside, so that no two vertical runs overlap.
 *
 * Coordinates: points, y down.
 */
#ifndef ANNEX_LAYOUT_GRAPH_H
#define ANNEX_LAYOUT_GRAPH_H

#include "../util/arena.h"

typedef struct gr_hop {
	int chan;	/* channel crossed */
	int track;	/* its track, -1 when it runs straight */
	float xs, xe;	/* x where it enters and leaves the channel */
	int up_s, up_e; /* the start (end) comes from the layer above */
} gr_hop;

typedef struct gr_graph {
	arena a;
	/* Input. */
	int nlayers;
	int n;		      /* real nodes */
	int m;		      /* edges */
	const int *from, *to; /* [m] node indexes */
	/* Nodes, the virtual ones after the real: layer, place in it,
	 * left edge and width (gr_place_x), top and height (gr_route). */
	int nv;
	int *layer, *pos;
	float *x, *w, *y, *h;
	/* Layers: count[l] nodes, rank[l][i] the node at place i. */
	int *count;
	int **rank;
	/* Edges: the nodes along edge e are chain[cfirst[e] ..
	 * cfirst[e + 1]), source first; hop i of e is hop[cfirst[e] - e +
	 * i] (gr_hops). */
	int *chain, *cfirst;
	gr_hop *hop;
	/* Channels: tracks each needs (gr_tracks). */
	int *ntracks;
	/* Routes (gr_route): the polyline of edge e is the points
	 * pt[2 * pfirst[e] .. 2 * pfirst[e + 1]), x and y. */
	float *pt;
	int *pfirst;
} gr_graph;

/* A graph of n nodes in nlayers layers (layer[i] of node i) and m edges
 * from[e] -> to[e] (no edge from a node to itself).  Nodes start in input
 * order.  gr_free releases what it holds. */
void gr_init(gr_graph *g, int nlayers, int n, const int *layer, int m,
	     const int *from, const int *to);
void gr_free(gr_graph *g);

/* Crossings between the pieces of edges joining adjacent layers, for the
 * current order. */
long gr_crossings(const gr_graph *g);
/* Reorder the layers by barycentre sweeps (at most rounds rounds, each a
 * sweep down and one up); the order with the fewest crossings is kept.
 * Returns them. */
long gr_order(gr_graph *g, int rounds);

/* Horizontal places: the nodes of each layer l across [x0, x0 + width],
 * real nodes box_w[l] wide, virtual ones virt_w, the free space shared
 * around them, a virtual node's share GR_VIRT_SHARE of a box's. */
#define GR_VIRT_SHARE 0.25f
void gr_place_x(gr_graph *g, float x0, float width, const float *box_w,
		float virt_w);
/* Then each layer's nodes moved, in order and at least gap apart (a
 * virtual node GR_VIRT_SHARE of it), towards the mean centre of their
 * neighbours in the layer above, then below, rounds times: arrows run
 * straighter where a layer has room. */
void gr_align_x(gr_graph *g, float x0, float width, float gap, int rounds);
/* Hops, ports and tracks: ports at least sep apart and inset from a
 * box's corners; runs on one track at least sep apart.  Fills ntracks. */
void gr_tracks(gr_graph *g, float inset, float sep);
/* Vertical places and routes: layer l's boxes from row_top[l] to
 * row_bot[l]; track k of channel c at chan_top[c] + (k + 1) * gap. */
void gr_route(gr_graph *g, const float *row_top, const float *row_bot,
	      const float *chan_top, float gap);

/* Checks of a routed graph, for the tests: segments of routes that pass
 * through a box (other than at their own ends), and crossings between
 * routes of different edges. */
int gr_box_hits(const gr_graph *g);
int gr_route_crossings(const gr_graph *g);

#endif
