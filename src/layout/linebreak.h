/*
 * linebreak.h - greedy line breaking of one cell or paragraph.
 *
 * Lines point into the original text (no copies).  Break opportunities:
 * after a run of spaces (the spaces are dropped), after '-' and '/' (kept at
 * the end of the line) unless a digit follows, so that dates and numbers
 * stay whole, and forced at '\n'.  A word wider than the column is
 * broken inside, after its last '/', '-', '.' or ',' that fits ("31/12/"
 * "2021"), else between code points, so text is never cut or spills out;
 * at least one code point goes on every line.
 */
#ifndef ANNEX_LAYOUT_LINEBREAK_H
#define ANNEX_LAYOUT_LINEBREAK_H

#include "font.h"
#include "../util/arena.h"

typedef struct lay_line {
	const char *s; /* into the source text */
	uint32_t len;
	float width; /* points */
} lay_line;

typedef struct lay_lines {
	int n;
	lay_line *line;
} lay_lines;

/* Break text (UTF-8) set in font f at size into lines no wider than
 * maxw points.  Empty text gives zero lines.  Lines are allocated in a. */
lay_lines lay_break(arena *a, lay_font *f, float size, const char *text,
		    float maxw);

#endif
