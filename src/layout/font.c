/* font.c - lazily filled glyph-advance tables (see font.h). */
#include "font.h"
#include "../util/arena.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

void lay_font_init(lay_font *f, lay_advance_fn advance, void *ctx)
{
	f->adv = xmalloc(65536 * sizeof(uint16_t));
	memset(f->adv, 0xFF, 65536 * sizeof(uint16_t));
	f->advance = advance;
	f->ctx = ctx;
}

void lay_font_free(lay_font *f)
{
	free(f->adv);
	f->adv = NULL;
}

float lay_text_width(lay_font *f, float size, const char *s, size_t len)
{
	unsigned long total = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp = (unsigned char)s[i];
		if (cp < 0x80)
			i++;
		else
			i += (size_t)utf8_decode(s + i, len - i, &cp);
		total += lay_font_adv(f, cp);
	}
	return (float)total * size / 1000.0f;
}
