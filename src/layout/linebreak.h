/*
 * linebreak.h - greedy line breaking of one cell or paragraph.
 *
 * Lines point into the original text (no copies).  Break opportunities:
 * after a run of spaces (the spaces are dropped), after '-' and '/' (kept at
 * the end of the line) unless a digit follows, so that dates and numbers
 * stay whole, and forced at '\n'.  Some spaces are no opportunity (they
 * join, like a non-breaking space): between a number and a month or a
 * unit ("2 dicembre 2019", "30 gg", "90 %"), between a month and a year,
 * and after a sign or an abbreviation that a number follows ("≥ 90%",
 * "n. 129").
 *
 * A word wider than what is left of the line is hyphenated at the last
 * point of the patterns (hyphen.h) that fits, with a visible '-' (the
 * line's hyph flag; the hyphen is not in the source text).  When no point
 * fits: the last opportunity, else a joining space, else after the word's
 * last '/', '-', '.' or ',' that fits ("31/12/" "2021"), else between
 * code points, with a hyphen between two letters; so text is never cut or
 * spills out.  At least one code point goes on every line.
 */
#ifndef ANNEX_LAYOUT_LINEBREAK_H
#define ANNEX_LAYOUT_LINEBREAK_H

#include "font.h"
#include "hyphen.h"
#include "../util/arena.h"

typedef struct lay_line {
	const char *s; /* into the source text */
	uint32_t len;
	float width; /* points, the added hyphen included */
	int hyph;    /* 1: print a '-' after s[0..len) */
} lay_line;

typedef struct lay_lines {
	int n;
	lay_line *line;
} lay_lines;

/* Break text (UTF-8) set in font f at size into lines no wider than
 * maxw points, hyphenating with h (NULL: no patterns).  Empty text gives
 * zero lines.  Lines are allocated in a. */
lay_lines lay_break_h(arena *a, lay_font *f, float size, const char *text,
		      float maxw, const lay_hyph *h);
/* lay_break_h without patterns. */
lay_lines lay_break(arena *a, lay_font *f, float size, const char *text,
		    float maxw);

/* Width of the longest piece of text that no break without patterns can
 * split (a word, or words joined as above), in points: the narrowest
 * column that breaks text only at opportunities. */
float lay_min_width(lay_font *f, float size, const char *text);
/* In one pass: that minimum, the longest line (between '\n's) and the
 * sum of the lines' widths, in points. */
typedef struct lay_measure {
	float min, nat, total;
} lay_measure;
lay_measure lay_measure_text(lay_font *f, float size, const char *text);

#endif
