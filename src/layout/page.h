/*
 * page.h - the page flow: placing blocks top to bottom on pages.
 *
 * The layout stage turns the document into pages of absolutely positioned
 * items (text runs, rules, fills) without calling libharu.  A lay_flow owns
 * the page being filled; when it is full the page goes to the sink (the
 * renderer draws it at once) and its memory is recycled, so memory stays
 * flat however long the document.
 *
 * Coordinates are in points from the top-left corner of the page, y down.
 * Styles are indexes into the flow's style table; fonts are indexes into
 * its font table.
 */
#ifndef ANNEX_LAYOUT_PAGE_H
#define ANNEX_LAYOUT_PAGE_H

#include "font.h"
#include "linebreak.h"
#include "tree.h"
#include "../util/arena.h"

#include <stdint.h>

enum { LAY_LEFT, LAY_CENTER, LAY_RIGHT };

/* Text decoration flags. */
#define LAY_STRIKE 1u
/* The line ended at a space: a word follows on the next line.  A tagged
 * PDF writes that space, so that the words stay apart when the text is
 * extracted or read aloud. */
#define LAY_SPACE 2u

typedef struct lay_style {
	int font;	/* index into lay_flow.fonts */
	float size;	/* points */
	float leading;	/* baseline-to-baseline distance, points */
	uint32_t color; /* 0xRRGGBB */
} lay_style;

typedef enum {
	LAY_TEXT,
	LAY_RULE,
	LAY_FILL,
	LAY_IMAGE,
	LAY_PATH
} lay_item_kind;

/* No fill, or no stroke, of a path. */
#define LAY_NOPAINT 0xFF000000u

/*
 * A path (LAY_PATH): a rounded rectangle, the item's x, y, w, h with
 * corners of radius r (n == 0), or a line through n points (x0, y0, x1,
 * y1, ..., page coordinates; closed: back to the first, a polygon).  It is
 * filled in fill and then stroked in stroke, lw wide (either LAY_NOPAINT),
 * lines joined round.  The strategy map's bands, boxes and arrows.
 */
typedef struct lay_path {
	const float *pt;
	int n, closed;
	float r;
	uint32_t fill, stroke;
	float lw;
} lay_path;

typedef struct lay_item {
	uint8_t kind;  /* lay_item_kind */
	uint8_t font;  /* LAY_TEXT */
	uint8_t flags; /* LAY_STRIKE, LAY_SPACE */
	uint32_t color;
	float x, y;   /* TEXT: baseline start; RULE: from; FILL, IMAGE:
			 top-left */
	float w, h;   /* TEXT: advance width, size in h; RULE: to-point in
			 (w,h); FILL, IMAGE: extent */
	float lw;     /* RULE: line width */
	uint32_t sid; /* the structure element (tree.h) whose content it is
			 (a text, an image, the fills and rules of a
			 figure); 0: an artifact */
	union {
		const char *s;	      /* TEXT, not NUL-terminated */
		const lay_path *path; /* PATH, in the page's memory */
	};
	uint32_t len; /* TEXT: bytes of s; IMAGE: the renderer's image id */
	float angle;  /* TEXT: degrees anticlockwise about (x, y), 0 */
} lay_item;

typedef struct lay_mark {
	int level;	   /* 0 = top */
	const char *title; /* UTF-8, NUL-terminated */
	float y;
} lay_mark;

typedef struct lay_page {
	int number; /* 1-based */
	int nitems, capitems;
	lay_item *items;
	int nmarks, capmarks;
	lay_mark *marks;
} lay_page;

typedef void (*lay_page_fn)(void *ctx, const lay_page *page);

typedef struct lay_geometry {
	float width, height; /* page size */
	float left, right;   /* margins */
	float top, bottom;   /* body area limits, from the page edges */
} lay_geometry;

typedef struct lay_flow {
	lay_geometry geo;
	lay_font **fonts;
	int nfonts;
	const lay_style *styles;
	int nstyles;
	const lay_hyph *hyph; /* hyphenation patterns, NULL for none */
	lay_page_fn emit;
	void *emit_ctx;

	/* The logical structure (tree.h), NULL for an untagged document:
	 * new blocks become children of parent; new items get sid. */
	lay_tree *tree;
	uint32_t parent;
	uint32_t sid;

	lay_page page;
	arena page_arena; /* strings copied for this page, recycled */
	arena scratch;	  /* lines of a note being measured, reset after */
	float y;	  /* next free position on the page */
	float limit;	  /* y where the body ends on this page */
	int empty;	  /* nothing placed on the page yet */
	int pages;	  /* pages emitted so far */

	/* Footnotes of this page, placed at its foot when it is emitted. */
	const char **notes;
	uint32_t *note_sid; /* each one's Note element */
	int nnotes, capnotes;
	int note_style;
	float notes_h; /* height they take, separator included */

	/* A heading waiting for the block it must stay with. */
	int pending;
	float pending_h;
	arena pending_arena;
	lay_item *pend_items;
	int npend, cappend;
	lay_mark *pend_marks; /* their outline entries, y relative */
	int npend_marks, cappend_marks;
} lay_flow;

void lay_flow_init(lay_flow *f, const lay_geometry *geo, lay_font **fonts,
		   int nfonts, const lay_style *styles, int nstyles,
		   lay_page_fn emit, void *ctx);
/* Emit the last page (if anything is on it) and free the flow's memory. */
void lay_flow_finish(lay_flow *f);

/* Width of the body area. */
float lay_flow_width(const lay_flow *f);
/* Space left on the current page. */
float lay_flow_room(const lay_flow *f);
/* Close the current page (if not empty) and start a new one. */
void lay_flow_new_page(lay_flow *f);
/*
 * Make sure a block whose first unbreakable part is need points tall
 * starts here: places a pending heading and breaks the page first when
 * heading + need do not fit (unless the page is empty).  Every block calls
 * this before it places anything.
 */
void lay_flow_begin(lay_flow *f, float need);
/* Vertical space; dropped at the top of a page. */
void lay_flow_space(lay_flow *f, float h);
/*
 * A paragraph in style st, aligned, across the body width.  keep_next
 * keeps it on the same page as the start of the next block (headings).
 * If mark_level >= 0 an outline entry titled mark_title (or the text)
 * points at it.
 */
void lay_flow_paragraph(lay_flow *f, int st, int align, const char *text,
			int keep_next, int mark_level, const char *mark_title);

/*
 * A block of type (LAY_S_P, LAY_S_H1 ...) under the flow's structure
 * parent, otherwise as lay_flow_paragraph (which is lay_flow_block with
 * LAY_S_P).
 */
void lay_flow_block(lay_flow *f, lay_stype type, int st, int align,
		    const char *text, int keep_next, int mark_level,
		    const char *mark_title);
/* A new structure element of type under the flow's parent (0 when the
 * document is untagged). */
uint32_t lay_flow_struct(lay_flow *f, lay_stype type);

/*
 * Footnotes.  lay_flow_note_height() is the height note (a complete line
 * such as "(3) text") would take at the foot of the current page, the
 * separator included if it is the page's first; lay_flow_note() adds it
 * there and lowers the page's body limit by that much.  Notes are set in
 * style st (the first note's style is used for the whole page).  Each
 * note is a Note element under the flow's structure parent.
 */
float lay_flow_note_height(lay_flow *f, int st, const char *note);
void lay_flow_note(lay_flow *f, int st, const char *note);
/* lay_flow_note_height() in two steps, for a caller that measures a note
 * once and asks its height again as pages fill: the lines note takes (at
 * least one), and the height of that many lines at the foot of the
 * current page, the separator included if it would be the page's first. */
int lay_flow_note_lines(lay_flow *f, int st, const char *note);
float lay_flow_note_lines_height(const lay_flow *f, int st, int lines);

/* Low-level item adders used by the table code.  Strings must outlive the
 * page: pass text owned by the plan, or copy with lay_flow_strdup(). */
void lay_add_text(lay_flow *f, int st, float x, float y, const char *s,
		  uint32_t len, float w, unsigned flags, uint32_t color);
void lay_add_rule(lay_flow *f, float x1, float y1, float x2, float y2, float lw,
		  uint32_t color);
void lay_add_fill(lay_flow *f, float x, float y, float w, float h,
		  uint32_t color);
void lay_add_mark(lay_flow *f, int level, const char *title, float y);
const char *lay_flow_strdup(lay_flow *f, const char *s);
/* A path (its points copied into the page): a rounded rectangle at x, y,
 * w, h when p->n is 0. */
void lay_add_path(lay_flow *f, float x, float y, float w, float h,
		  const lay_path *p);

/*
 * A running header or footer line on page pg (not the flow's): text[0]
 * left, text[1] centred, text[2] right (any may be ""), baseline y.  Each
 * text keeps to its own zone of [x0, x1] (thirds, or halves when there is
 * no centre text) and is broken into lines there when it is too long;
 * further lines go toward the page edge (dir -1 up, +1 down), so the three
 * never overlap.  Strings are copied into a; items beyond pg->capitems
 * are dropped.
 */
void lay_running_band(lay_page *pg, arena *a, lay_font *f, const lay_style *st,
		      float x0, float x1, float y, int dir,
		      const char *const text[3]);

/* The baseline of the first line of a block whose top is top, and the x
 * where a line of width lw starts in [x0, x0 + w] aligned: the one rule
 * every placer follows. */
float lay_first_baseline(const lay_style *st, float top);
float lay_line_x(int align, float x0, float w, float lw);
/* A text item in font (an index into the flow's fonts) at size, for text
 * whose pieces differ in font (rich.c). */
void lay_add_run(lay_flow *f, int font, float size, float x, float y,
		 const char *s, uint32_t len, float w, unsigned flags,
		 uint32_t color);

/* An image (the renderer's image id) of w x h points with its top-left
 * corner at (x, y) on page pg; dropped beyond pg->capitems. */
void lay_page_image(lay_page *pg, int id, float x, float y, float w, float h);
/* A watermark: text in font f at size, centred on the page of geo along its
 * diagonal (bottom-left to top-right), on page pg. */
void lay_page_watermark(lay_page *pg, arena *a, lay_font *f, int font,
			float size, uint32_t color, const lay_geometry *geo,
			const char *text);
/* An image in the flow, aligned across the body width, kept with the next
 * block; with alt (not NULL) a Figure with that alternate text, else an
 * artifact. */
void lay_flow_image(lay_flow *f, int id, float w, float h, int align,
		    const char *alt);

/* Place lines of text (from lay_break) with their first baseline at
 * top + ascent, x between x0 and x0+w according to align. */
void lay_place_lines(lay_flow *f, int st, const lay_line *lines, int n,
		     float x0, float w, float top, int align, unsigned flags,
		     uint32_t color);

#endif
