/*
 * rich.h - text whose words differ in font, decoration or colour.
 *
 * A rich text is a UTF-8 text and spans: byte ranges of it, sorted and
 * not overlapping, each with its own font (an index into the flow's
 * fonts, or -1 for the style's), flags (LAY_STRIKE) and colour.  Text
 * outside every span is set in the style.  The comparison of two plan
 * versions uses it for word diffs: deleted words struck through and
 * grey, inserted ones bold, in the middle of a table cell.
 *
 * Lines are broken as by lay_break (after spaces, forced at '\n', a word
 * wider than the column broken between code points), each code point
 * measured in the font of its span; placing sets each piece of a line as
 * its own text item, so the renderer needs nothing new.
 */
#ifndef ANNEX_LAYOUT_RICH_H
#define ANNEX_LAYOUT_RICH_H

#include "page.h"

#define LAY_SPAN_CELLCOLOR 0xFF000000u

typedef struct lay_span {
	uint32_t off, len; /* bytes of the text */
	int font;	   /* -1: the style's */
	unsigned flags;	   /* added to the cell's */
	uint32_t color;	   /* LAY_SPAN_CELLCOLOR: the cell's */
} lay_span;

typedef struct lay_rich {
	const lay_span *v;
	int n;
} lay_rich;

/* Break text with spans sp in style st into lines no wider than maxw. */
lay_lines lay_break_rich(arena *a, lay_font *const *fonts, const lay_style *st,
			 const char *text, lay_rich sp, float maxw);

/* Place lines (from lay_break_rich of text) like lay_place_lines, each
 * piece in its span's font, flags and colour.  The pieces are copied
 * into the page. */
void lay_place_rich(lay_flow *f, int st, const char *text, lay_rich sp,
		    const lay_line *lines, int n, float x0, float w, float top,
		    int align, unsigned flags, uint32_t color);

/* The same in a style of the caller's (a size no style table has: the
 * strategy map's boxes). */
void lay_place_rich_in(lay_flow *f, const lay_style *style, const char *text,
		       lay_rich sp, const lay_line *lines, int n, float x0,
		       float w, float top, int align, unsigned flags,
		       uint32_t color);

#endif
