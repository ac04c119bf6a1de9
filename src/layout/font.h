/*
 * font.h - glyph advances for layout, measured once per font.
 *
 * The layout stage never calls libharu: it asks a lay_font for widths, and
 * the lay_font asks its advance callback (provided by the render stage, or
 * by a test) the first time a code point is seen, then remembers the answer
 * in a 64K table.  Widths are in 1/1000 em, as in the font's metrics.
 */
#ifndef ANNEX_LAYOUT_FONT_H
#define ANNEX_LAYOUT_FONT_H

#include <stddef.h>
#include <stdint.h>

/* Advance of code point cp in 1/1000 em.  cp is always <= 0xFFFF; code
 * points above the BMP are measured as U+FFFD (the renderer warns and
 * prints a substitute). */
typedef int (*lay_advance_fn)(void *ctx, uint32_t cp);

#define LAY_ADV_UNKNOWN 0xFFFFu

typedef struct lay_font {
	uint16_t *adv; /* 65536 entries, LAY_ADV_UNKNOWN until measured */
	lay_advance_fn advance;
	void *ctx;
} lay_font;

void lay_font_init(lay_font *f, lay_advance_fn advance, void *ctx);
void lay_font_free(lay_font *f);

/* Advance of one code point, in 1/1000 em. */
static inline unsigned lay_font_adv(lay_font *f, uint32_t cp)
{
	if (cp > 0xFFFF)
		cp = 0xFFFD;
	uint16_t a = f->adv[cp];
	if (a == LAY_ADV_UNKNOWN) {
		int w = f->advance(f->ctx, cp);
		a = (uint16_t)(w < 0 ? 0 : w > 0xFFFE ? 0xFFFE : w);
		f->adv[cp] = a;
	}
	return a;
}

/* Width in points of s[0..len) set at size points. */
float lay_text_width(lay_font *f, float size, const char *s, size_t len);

#endif
