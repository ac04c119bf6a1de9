/* rich.c - line breaking and placing of rich text (see rich.h). */
#include "rich.h"
#include "../util/utf8.h"

#include <string.h>

/* The span holding byte i, moving *k forward (spans are sorted); NULL
 * outside every span. */
static const lay_span *span_at(lay_rich sp, int *k, uint32_t i)
{
	while (*k < sp.n && sp.v[*k].off + sp.v[*k].len <= i)
		(*k)++;
	if (*k < sp.n && sp.v[*k].off <= i)
		return &sp.v[*k];
	return NULL;
}

static lay_font *font_of(lay_font *const *fonts, const lay_style *st,
			 const lay_span *s)
{
	return fonts[s && s->font >= 0 ? s->font : st->font];
}

typedef struct lines_out {
	lay_line *v;
	int n, cap;
	arena *a;
} lines_out;

static void push(lines_out *o, const char *s, size_t len, float w)
{
	if (o->n == o->cap) {
		int cap = o->cap ? o->cap * 2 : 8;
		lay_line *nv = arena_alloc(o->a, sizeof *nv * (size_t)cap);
		if (o->n)
			memcpy(nv, o->v, sizeof *nv * (size_t)o->n);
		o->v = nv;
		o->cap = cap;
	}
	o->v[o->n++] = (lay_line){.s = s, .len = (uint32_t)len, .width = w};
}

lay_lines lay_break_rich(arena *a, lay_font *const *fonts, const lay_style *st,
			 const char *text, lay_rich sp, float maxw)
{
	lines_out o = {NULL, 0, 0, a};
	size_t len = strlen(text), i = 0;
	int k = 0;
	float em = st->size / 1000.0f;
	while (i < len) {
		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t start = i, brk = 0, next = 0;
		float w = 0, brk_w = 0;
		int forced = 0;
		while (i < len) {
			if (text[i] == '\n') {
				forced = 1;
				break;
			}
			uint32_t cp = (unsigned char)text[i];
			int n = 1;
			if (cp >= 0x80)
				n = utf8_decode(text + i, len - i, &cp);
			const lay_span *s = span_at(sp, &k, (uint32_t)i);
			float cw =
				(float)lay_font_adv(font_of(fonts, st, s), cp) *
				em;
			if (cp == ' ') {
				if (i > start && (!brk || text[i - 1] != ' '))
					brk = i, brk_w = w, next = i + 1;
			} else if (w + cw > maxw && i > start) {
				break;
			}
			w += cw;
			i += (size_t)n;
		}
		if (!forced && i < len && brk > start) {
			push(&o, text + start, brk - start, brk_w);
			i = next;
			k = 0; /* the spans are searched again from the start */
		} else {
			size_t end = i;
			while (end > start && text[end - 1] == ' ')
				end--;
			push(&o, text + start, end - start, 0);
			/* measured again below */
			o.v[o.n - 1].width = -1;
			if (forced)
				i++;
		}
	}
	/* Widths of lines cut at the column edge: their spaces excluded. */
	for (int l = 0; l < o.n; l++) {
		if (o.v[l].width >= 0)
			continue;
		float w = 0;
		int kk = 0;
		uint32_t base = (uint32_t)(o.v[l].s - text);
		for (uint32_t j = 0; j < o.v[l].len;) {
			uint32_t cp = (unsigned char)o.v[l].s[j];
			int n = 1;
			if (cp >= 0x80)
				n = utf8_decode(o.v[l].s + j, o.v[l].len - j,
						&cp);
			const lay_span *s = span_at(sp, &kk, base + j);
			w += (float)lay_font_adv(font_of(fonts, st, s), cp) *
			     em;
			j += (uint32_t)n;
		}
		o.v[l].width = w;
	}
	return (lay_lines){o.n, o.v};
}

void lay_place_rich(lay_flow *f, int st, const char *text, lay_rich sp,
		    const lay_line *lines, int n, float x0, float w, float top,
		    int align, unsigned flags, uint32_t color)
{
	lay_place_rich_in(f, &f->styles[st], text, sp, lines, n, x0, w, top,
			  align, flags, color);
}

void lay_place_rich_in(lay_flow *f, const lay_style *style, const char *text,
		       lay_rich sp, const lay_line *lines, int n, float x0,
		       float w, float top, int align, unsigned flags,
		       uint32_t color)
{
	float base = lay_first_baseline(style, top);
	for (int l = 0; l < n; l++, base += style->leading) {
		const lay_line *ln = &lines[l];
		float x = lay_line_x(align, x0, w, ln->width);
		uint32_t from = (uint32_t)(ln->s - text), end = from + ln->len;
		int k = 0;
		while (from < end) {
			const lay_span *s = span_at(sp, &k, from);
			uint32_t to = end;
			if (s && s->off + s->len < to)
				to = s->off + s->len;
			else if (!s && k < sp.n && sp.v[k].off < to)
				to = sp.v[k].off;
			int font = s && s->font >= 0 ? s->font : style->font;
			const char *piece = arena_strndup(
				&f->page_arena, text + from, to - from);
			float pw = lay_text_width(f->fonts[font], style->size,
						  piece, to - from);
			uint32_t c = s && s->color != LAY_SPAN_CELLCOLOR
					     ? s->color
					     : color;
			lay_add_run(f, font, style->size, x, base, piece,
				    to - from, pw, flags | (s ? s->flags : 0),
				    c);
			x += pw;
			from = to;
		}
	}
}
