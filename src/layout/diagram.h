/*
 * diagram.h - the strategy map drawn on a page: one horizontal band per
 * perspective with its name turned to read upwards in a narrow dark strip
 * on the left (in two lines when the band is short), the strategic
 * objectives as rounded boxes in their band, the links as arrows, and a
 * colour key below.
 *
 * The geometry is graph.h's (order, places, routes); this file sizes the
 * boxes from their text and places everything on the flow's page.  Box
 * width: the widest that lets the fullest band (boxes and the virtual
 * places of arrows passing through) fit across, at most max_box_w.  Box
 * height: equal within a band, the tallest text of the band.  The text
 * size is the largest from size down to min_size (half a point at a time)
 * at which bands, channels and key fit the rest of the page; when even
 * min_size does not fit, the titles are shortened with "…" to the lines
 * each band can hold (counted in dg_result.shortened, for a warning).
 * Arrows leave the source box's side facing the target and end on the
 * target's with an arrowhead.
 *
 * Tagging: the diagram is one Figure element whose /Alt is dg_spec.alt
 * (perspectives, objectives and links in words); its items are those
 * from dg_result.first_item to last_item of the page.
 */
#ifndef ANNEX_LAYOUT_DIAGRAM_H
#define ANNEX_LAYOUT_DIAGRAM_H

#include "page.h"

typedef struct dg_box {
	int band;
	const char *num;   /* printed bold before the title: "1" */
	const char *title; /* UTF-8 */
	const char *under; /* a line under the title (a degree), or NULL */
	uint32_t fill;	   /* the box's background */
	uint32_t color;	   /* its text */
	uint32_t accent;   /* the stripe along its left side (the mission) */
	unsigned flags;	   /* LAY_STRIKE: a removed objective */
} dg_box;

typedef struct dg_key {
	const char *label;
	uint32_t color;
} dg_key;

typedef struct dg_spec {
	const char *const *bands; /* their names, top first */
	int nbands;
	const dg_box *boxes;
	int nboxes;
	const int *from, *to; /* links, box indexes */
	int nlinks;
	const dg_key *keys; /* the colour key, in a line below; may be 0 */
	int nkeys;
	const char *key_title; /* before the key ("Missioni:") */
	int font, bold;	       /* flow font indexes */
	float size, min_size;  /* text of the boxes, points */
	float label_size;      /* band names and key */
	float max_box_w;
	uint32_t band_fill, label_fill, label_color, border, arrow, key_color;
	const char *alt; /* the figure in words (tagging) */
	float reserve;	 /* points to leave free above the map */
	int measure;	 /* only say whether and how it fits */
} dg_spec;

typedef struct dg_result {
	int fits;	/* 0: nothing drawn, not even at min_size */
	float size;	/* text size used */
	int shortened;	/* titles shortened with "…" */
	long crossings; /* of arrows, between adjacent bands */
	int first_item; /* the diagram's items on the page: */
	int last_item;	/* [first_item, last_item) */
	float height;	/* points used below the flow's y */
} dg_result;

/* Draw the diagram in the rest of the current page of f, from reserve
 * below f->y down to its body limit, and move f->y below it; with
 * measure, draw nothing and only say whether (and at what size) it
 * fits. */
dg_result lay_diagram(lay_flow *f, const dg_spec *s);

#endif
