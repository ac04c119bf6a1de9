/*
 * linebreak.c - greedy first-fit line breaker (see linebreak.h).
 *
 * One pass over the text.  For the current line we keep its start, the
 * width so far, and the last break opportunity (where the line would end,
 * its width there, and where the next line would start).  When a code point
 * does not fit, the line ends at the last opportunity or, when there is
 * none, just before that code point.  Cost is linear in the text.
 *
 * Widths are summed in font units and scaled once, exactly as
 * lay_text_width() does, so a text measured with it fits a column of that
 * width (summing scaled advances in float drifts by a few ulps and broke
 * such a text one code point early).
 */
#include "linebreak.h"
#include "../util/utf8.h"

#include <string.h>

typedef struct {
	lay_line *v;
	int n, cap;
	arena *a;
} line_vec;

static void push(line_vec *lv, const char *s, size_t len, float w)
{
	if (lv->n == lv->cap) {
		int cap = lv->cap ? lv->cap * 2 : 8;
		lay_line *nv = arena_alloc(lv->a, (size_t)cap * sizeof *nv);
		if (lv->n)
			memcpy(nv, lv->v, (size_t)lv->n * sizeof *nv);
		lv->v = nv;
		lv->cap = cap;
	}
	/* Trailing spaces never count. */
	while (len && s[len - 1] == ' ') {
		len--;
		w = -1; /* recomputed by the caller below */
	}
	lv->v[lv->n].s = s;
	lv->v[lv->n].len = (uint32_t)len;
	lv->v[lv->n].width = w;
	lv->n++;
}

/* Width in points of units 1/1000 em at size, as lay_text_width() has it. */
static float points(unsigned long units, float size)
{
	return (float)units * size / 1000.0f;
}

lay_lines lay_break(arena *a, lay_font *f, float size, const char *text,
		    float maxw)
{
	line_vec lv = {NULL, 0, 0, a};
	size_t len = strlen(text);
	size_t i = 0;

	while (i < len) {
		/* Start of a line: skip spaces left over from a break. */
		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t start = i;
		unsigned long w = 0;		  /* font units */
		size_t brk_end = 0, brk_next = 0; /* 0 = no opportunity */
		unsigned long brk_w = 0;
		/* Last-resort break inside a word too wide for the column:
		 * after its last '/', '-', '.' or ',' ("31/12/" + "2021",
		 * "1.670." + "000") rather than at any code point. */
		size_t soft_end = 0;
		unsigned long soft_w = 0;
		int forced = 0;

		while (i < len) {
			uint32_t cp = (unsigned char)text[i];
			int n = 1;
			if (text[i] == '\n') {
				forced = 1;
				break;
			}
			if (cp >= 0x80)
				n = utf8_decode(text + i, len - i, &cp);
			unsigned long cw = lay_font_adv(f, cp);
			if (cp == ' ') {
				/* Opportunity before the space run. */
				if (i > start) {
					brk_end = i;
					brk_w = w;
					brk_next = i + 1;
				}
				soft_end = 0;
				w += cw;
				i += (size_t)n;
				continue;
			}
			if (points(w + cw, size) > maxw && i > start) {
				if (brk_end > start) {
					push(&lv, text + start, brk_end - start,
					     points(brk_w, size));
					i = brk_next;
				} else if (soft_end > start) {
					push(&lv, text + start,
					     soft_end - start,
					     points(soft_w, size));
					i = soft_end;
				} else {
					push(&lv, text + start, i - start,
					     points(w, size));
				}
				goto next_line;
			}
			w += cw;
			i += (size_t)n;
			if ((cp == '/' || cp == '-' || cp == '.' ||
			     cp == ',') &&
			    i < len && text[i] != ' ' && text[i] != '\n') {
				soft_end = i;
				soft_w = w;
			}
			if (cp == '-' || cp == '/') {
				/* Opportunity after the hyphen or slash, if
				 * more of the word follows and it is not a
				 * number ("31/12/2021", "x-1", "-10"). */
				if (i < len && text[i] != ' ' &&
				    text[i] != '\n' &&
				    !(text[i] >= '0' && text[i] <= '9')) {
					brk_end = i;
					brk_w = w;
					brk_next = i;
				}
			}
		}
		push(&lv, text + start, i - start, points(w, size));
		if (forced)
			i++; /* consume the '\n' */
	next_line:;
	}
	/* Lines that lost trailing spaces get their width measured again. */
	for (int k = 0; k < lv.n; k++)
		if (lv.v[k].width < 0)
			lv.v[k].width =
				lay_text_width(f, size, lv.v[k].s, lv.v[k].len);
	lay_lines out = {lv.n, lv.v};
	return out;
}
