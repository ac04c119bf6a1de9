/*
 * page.c - the page flow (see page.h).
 *
 * A pending heading is laid out into a side buffer with y relative to its
 * own top; lay_flow_begin() either appends it where the flow stands or,
 * when it would be stranded at the foot of the page, moves it to the next
 * page together with the block that follows.
 */
#include "page.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void page_reset(lay_flow *f)
{
	f->nnotes = 0;
	f->notes_h = 0;
	f->page.nitems = 0;
	f->page.nmarks = 0;
	arena_reset(&f->page_arena);
	f->y = f->geo.top;
	f->limit = f->geo.height - f->geo.bottom;
	f->empty = 1;
}

void lay_flow_init(lay_flow *f, const lay_geometry *geo, lay_font **fonts,
		   int nfonts, const lay_style *styles, int nstyles,
		   lay_page_fn emit, void *ctx)
{
	memset(f, 0, sizeof *f);
	f->geo = *geo;
	f->fonts = fonts;
	f->nfonts = nfonts;
	f->styles = styles;
	f->nstyles = nstyles;
	f->emit = emit;
	f->emit_ctx = ctx;
	arena_init(&f->page_arena, 64 * 1024);
	arena_init(&f->scratch, 4 * 1024);
	arena_init(&f->pending_arena, 4 * 1024);
	f->page.capitems = 512;
	f->page.items = xmalloc((size_t)f->page.capitems * sizeof(lay_item));
	f->page.capmarks = 16;
	f->page.marks = xmalloc((size_t)f->page.capmarks * sizeof(lay_mark));
	page_reset(f);
}

static void place_notes(lay_flow *f);

static void emit_page(lay_flow *f)
{
	place_notes(f);
	f->pages++;
	f->page.number = f->pages;
	if (f->emit)
		f->emit(f->emit_ctx, &f->page);
	page_reset(f);
}

void lay_flow_finish(lay_flow *f)
{
	if (f->pending) {
		lay_flow_begin(f, 0);
	}
	if (!f->empty || f->pages == 0)
		emit_page(f);
	free(f->page.items);
	free(f->page.marks);
	free(f->notes);
	free(f->note_sid);
	free(f->pend_items);
	free(f->pend_marks);
	arena_free(&f->page_arena);
	arena_free(&f->scratch);
	arena_free(&f->pending_arena);
}

float lay_flow_width(const lay_flow *f)
{
	return f->geo.width - f->geo.left - f->geo.right;
}

float lay_flow_room(const lay_flow *f)
{
	return f->limit - f->y;
}

void lay_flow_new_page(lay_flow *f)
{
	if (!f->empty)
		emit_page(f);
}

static lay_item *new_item(lay_flow *f)
{
	lay_page *p = &f->page;
	if (p->nitems == p->capitems) {
		p->capitems *= 2;
		p->items = xrealloc(p->items,
				    (size_t)p->capitems * sizeof(lay_item));
	}
	f->empty = 0;
	return &p->items[p->nitems++];
}

/* Add item it, owned by the structure element sid (0: an artifact). */
static void put_item(lay_flow *f, lay_item it, uint32_t sid)
{
	it.sid = sid;
	*new_item(f) = it;
}

void lay_add_text(lay_flow *f, int st, float x, float y, const char *s,
		  uint32_t len, float w, unsigned flags, uint32_t color)
{
	const lay_style *style = &f->styles[st];
	put_item(f,
		 (lay_item){.kind = LAY_TEXT,
			    .font = (uint8_t)style->font,
			    .flags = (uint8_t)flags,
			    .color = color,
			    .x = x,
			    .y = y,
			    .w = w,
			    .h = style->size,
			    .s = s,
			    .len = len},
		 f->sid);
}

void lay_add_rule(lay_flow *f, float x1, float y1, float x2, float y2, float lw,
		  uint32_t color)
{
	put_item(f,
		 (lay_item){.kind = LAY_RULE,
			    .color = color,
			    .x = x1,
			    .y = y1,
			    .w = x2,
			    .h = y2,
			    .lw = lw},
		 f->sid);
}

void lay_add_fill(lay_flow *f, float x, float y, float w, float h,
		  uint32_t color)
{
	put_item(f,
		 (lay_item){.kind = LAY_FILL,
			    .color = color,
			    .x = x,
			    .y = y,
			    .w = w,
			    .h = h},
		 f->sid);
}

void lay_add_mark(lay_flow *f, int level, const char *title, float y)
{
	lay_page *p = &f->page;
	if (p->nmarks == p->capmarks) {
		p->capmarks *= 2;
		p->marks = xrealloc(p->marks,
				    (size_t)p->capmarks * sizeof(lay_mark));
	}
	p->marks[p->nmarks].level = level;
	p->marks[p->nmarks].title = lay_flow_strdup(f, title);
	p->marks[p->nmarks].y = y;
	p->nmarks++;
}

const char *lay_flow_strdup(lay_flow *f, const char *s)
{
	return arena_strdup(&f->page_arena, s);
}

/*
 * The one baseline and alignment rule of the layout stage: the first
 * baseline of text in style st whose line box starts at top sits half a
 * leading plus a third of the size below it; a line lw wide aligned in a
 * box [x0, x0 + w] starts at line_x().
 */
static float first_baseline(const lay_style *st, float top)
{
	return top + st->leading * 0.5f + st->size * 0.33f;
}

static float line_x(int align, float x0, float w, float lw)
{
	if (align == LAY_CENTER)
		return x0 + (w - lw) / 2;
	if (align == LAY_RIGHT)
		return x0 + w - lw;
	return x0;
}

/* The printed text of line l copied into a: with its hyphen, if any. */
static const char *line_copy(arena *a, const lay_line *l)
{
	char *s = arena_alloc(a, (size_t)l->len + 2);
	memcpy(s, l->s, l->len);
	s[l->len] = '-';
	s[l->len + (l->hyph ? 1 : 0)] = '\0';
	return s;
}

/* The text item of line l in style st, its string s (copied or not; its
 * hyphen included when l has one). */
static lay_item line_item(const lay_style *st, const lay_line *l, float x,
			  float base, const char *s, unsigned flags,
			  uint32_t color)
{
	if (!l->hyph && l->len && l->s[l->len] == ' ')
		flags |= LAY_SPACE;
	return (lay_item){.kind = LAY_TEXT,
			  .font = (uint8_t)st->font,
			  .flags = (uint8_t)flags,
			  .color = color,
			  .x = x,
			  .y = base,
			  .w = l->width,
			  .h = st->size,
			  .s = s,
			  .len = l->len + (l->hyph ? 1u : 0u)};
}

void lay_place_lines(lay_flow *f, int st, const lay_line *lines, int n,
		     float x0, float w, float top, int align, unsigned flags,
		     uint32_t color)
{
	const lay_style *style = &f->styles[st];
	float base = first_baseline(style, top);
	for (int i = 0; i < n; i++) {
		float x = line_x(align, x0, w, lines[i].width);
		if (lines[i].len)
			put_item(f,
				 line_item(style, &lines[i], x, base,
					   lines[i].hyph
						   ? line_copy(&f->page_arena,
							       &lines[i])
						   : lines[i].s,
					   flags, color),
				 f->sid);
		base += style->leading;
	}
}

#define NOTE_GAP 6.0f /* space above the separator rule */

int lay_flow_note_lines(lay_flow *f, int st, const char *note)
{
	const lay_style *style = &f->styles[st];
	lay_lines ls =
		lay_break_h(&f->scratch, f->fonts[style->font], style->size,
			    note, lay_flow_width(f), f->hyph);
	arena_reset(&f->scratch); /* only the count is kept */
	return ls.n ? ls.n : 1;
}

float lay_flow_note_lines_height(const lay_flow *f, int st, int lines)
{
	float h = f->styles[st].leading * (float)lines;
	return f->nnotes ? h : h + NOTE_GAP;
}

float lay_flow_note_height(lay_flow *f, int st, const char *note)
{
	return lay_flow_note_lines_height(f, st,
					  lay_flow_note_lines(f, st, note));
}

void lay_flow_note(lay_flow *f, int st, const char *note)
{
	float h = lay_flow_note_height(f, st, note);
	if (f->nnotes == f->capnotes) {
		f->capnotes = f->capnotes ? f->capnotes * 2 : 8;
		f->notes = xrealloc(f->notes,
				    (size_t)f->capnotes * sizeof(char *));
		f->note_sid = xrealloc(f->note_sid,
				       (size_t)f->capnotes * sizeof(uint32_t));
	}
	if (!f->nnotes)
		f->note_style = st;
	f->note_sid[f->nnotes] = lay_flow_struct(f, LAY_S_NOTE);
	f->notes[f->nnotes++] = arena_strdup(&f->page_arena, note);
	f->notes_h += h;
	f->limit -= h;
}

/* Set the page's footnotes at its foot, under a short rule. */
static void place_notes(lay_flow *f)
{
	if (!f->nnotes)
		return;
	const lay_style *style = &f->styles[f->note_style];
	float w = lay_flow_width(f);
	float y = f->geo.height - f->geo.bottom - f->notes_h + NOTE_GAP;
	lay_add_rule(f, f->geo.left, y - NOTE_GAP / 2, f->geo.left + w / 4,
		     y - NOTE_GAP / 2, 0.5f, style->color);
	uint32_t sid = f->sid;
	for (int i = 0; i < f->nnotes; i++) {
		lay_lines ls =
			lay_break_h(&f->page_arena, f->fonts[style->font],
				    style->size, f->notes[i], w, f->hyph);
		f->sid = f->note_sid[i];
		lay_place_lines(f, f->note_style, ls.line, ls.n, f->geo.left, w,
				y, LAY_LEFT, 0, style->color);
		y += style->leading * (float)(ls.n ? ls.n : 1);
	}
	f->sid = sid;
}

/* Move the pending heading's items onto the page at the current y. */
static void flush_pending(lay_flow *f)
{
	for (int i = 0; i < f->npend; i++) {
		lay_item *it = new_item(f);
		*it = f->pend_items[i];
		it->y += f->y;
		if (it->kind == LAY_RULE)
			it->h += f->y;
		if (it->s) {
			char *copy =
				arena_strndup(&f->page_arena, it->s, it->len);
			it->s = copy;
		}
	}
	for (int i = 0; i < f->npend_marks; i++)
		lay_add_mark(f, f->pend_marks[i].level, f->pend_marks[i].title,
			     f->y + f->pend_marks[i].y);
	f->npend_marks = 0;
	f->y += f->pending_h;
	f->pending = 0;
	f->pending_h = 0;
	f->npend = 0;
	arena_reset(&f->pending_arena);
}

void lay_flow_begin(lay_flow *f, float need)
{
	float h = f->pending ? f->pending_h : 0;
	if (!f->empty && f->y + h + need > f->limit)
		lay_flow_new_page(f);
	if (f->pending)
		flush_pending(f);
}

void lay_flow_space(lay_flow *f, float h)
{
	if (f->empty && !f->pending)
		return;
	if (f->pending) {
		f->pending_h += h;
		return;
	}
	f->y += h;
	if (f->y > f->limit)
		f->y = f->limit;
}

/* Add an outline entry to the pending heading, y relative to its top. */
static void pend_mark(lay_flow *f, int level, const char *title)
{
	if (f->npend_marks == f->cappend_marks) {
		f->cappend_marks = f->cappend_marks * 2 + 4;
		f->pend_marks =
			xrealloc(f->pend_marks,
				 (size_t)f->cappend_marks * sizeof(lay_mark));
	}
	lay_mark *m = &f->pend_marks[f->npend_marks++];
	m->level = level;
	m->title = arena_strdup(&f->pending_arena, title);
	m->y = f->pending_h;
}

/* Lay a heading's lines out in the side buffer, relative to y = 0, after
 * whatever is already pending; lay_flow_begin() places them. */
static void pend_lines(lay_flow *f, int st, int align, lay_lines ls,
		       uint32_t sid)
{
	const lay_style *style = &f->styles[st];
	float w = lay_flow_width(f);
	if (f->npend + ls.n > f->cappend) {
		f->cappend = (f->npend + ls.n) * 2 + 8;
		f->pend_items = xrealloc(f->pend_items,
					 (size_t)f->cappend * sizeof(lay_item));
	}
	float base = first_baseline(style, f->pending_h);
	for (int i = 0; i < ls.n; i++) {
		const lay_line *l = &ls.line[i];
		float x = line_x(align, f->geo.left, w, l->width);
		if (l->len) {
			f->pend_items[f->npend] =
				line_item(style, l, x, base,
					  line_copy(&f->pending_arena, l), 0,
					  style->color);
			f->pend_items[f->npend++].sid = sid;
		}
		base += style->leading;
	}
	f->pending_h += style->leading * (float)ls.n;
	f->pending = 1;
}

/* An ordinary paragraph: may break across pages line by line. */
static void flow_lines(lay_flow *f, int st, int align, lay_lines ls,
		       int mark_level, const char *mark_title, uint32_t sid)
{
	const lay_style *style = &f->styles[st];
	int i = 0;
	lay_flow_begin(f, style->leading * (ls.n < 2 ? (float)ls.n : 2.0f));
	if (mark_level >= 0)
		lay_add_mark(f, mark_level, mark_title, f->y);
	while (i < ls.n) {
		int fit = (int)(lay_flow_room(f) / style->leading);
		if (fit <= 0) {
			lay_flow_new_page(f);
			continue;
		}
		if (fit > ls.n - i)
			fit = ls.n - i;
		/* Copy the strings (with the space after: LAY_SPACE): text
		 * may not outlive the page. */
		for (int k = i; k < i + fit; k++)
			ls.line[k].s = arena_strndup(
				&f->page_arena, ls.line[k].s,
				ls.line[k].len +
					(ls.line[k].s[ls.line[k].len] == ' '));
		uint32_t was = f->sid;
		f->sid = sid;
		lay_place_lines(f, st, ls.line + i, fit, f->geo.left,
				lay_flow_width(f), f->y, align, 0,
				style->color);
		f->sid = was;
		f->y += style->leading * (float)fit;
		i += fit;
	}
}

uint32_t lay_flow_struct(lay_flow *f, lay_stype type)
{
	return lay_tree_add(f->tree, f->parent, type);
}

void lay_flow_paragraph(lay_flow *f, int st, int align, const char *text,
			int keep_next, int mark_level, const char *mark_title)
{
	lay_flow_block(f, LAY_S_P, st, align, text, keep_next, mark_level,
		       mark_title);
}

void lay_flow_block(lay_flow *f, lay_stype type, int st, int align,
		    const char *text, int keep_next, int mark_level,
		    const char *mark_title)
{
	const lay_style *style = &f->styles[st];
	uint32_t sid = text && *text ? lay_flow_struct(f, type) : 0;
	arena tmp;
	arena_init(&tmp, 4096);
	lay_lines ls = lay_break_h(&tmp, f->fonts[style->font], style->size,
				   text, lay_flow_width(f), f->hyph);
	const char *title = mark_title ? mark_title : text;
	if (keep_next) {
		if (mark_level >= 0)
			pend_mark(f, mark_level, title);
		pend_lines(f, st, align, ls, sid);
	} else {
		flow_lines(f, st, align, ls, mark_level, title, sid);
	}
	arena_free(&tmp);
}

void lay_running_band(lay_page *pg, arena *a, lay_font *f, const lay_style *st,
		      float x0, float x1, float y, int dir,
		      const char *const text[3])
{
	static const int align[3] = {LAY_LEFT, LAY_CENTER, LAY_RIGHT};
	const float gap = st->size;
	int zones = *text[1] ? 3 : 2;
	float zw = (x1 - x0 - gap * (float)(zones - 1)) / (float)zones;
	for (int k = 0; k < 3; k++) {
		if (!*text[k])
			continue;
		lay_lines ls = lay_break(a, f, st->size, text[k], zw);
		for (int i = 0; i < ls.n; i++) {
			if (pg->nitems == pg->capitems)
				return;
			const lay_line *l = &ls.line[i];
			float x = line_x(align[k], x0, x1 - x0, l->width);
			/* Lines go toward the edge: the last line sits on y
			 * for a header, the first for a footer. */
			int step = dir < 0 ? i - (ls.n - 1) : i;
			pg->items[pg->nitems++] = line_item(
				st, l, x, y + (float)step * st->leading,
				line_copy(a, l), 0, st->color);
		}
	}
}

/* ---- for other placers (rich.c) -------------------------------------- */

float lay_first_baseline(const lay_style *st, float top)
{
	return first_baseline(st, top);
}

float lay_line_x(int align, float x0, float w, float lw)
{
	return line_x(align, x0, w, lw);
}

void lay_add_run(lay_flow *f, int font, float size, float x, float y,
		 const char *s, uint32_t len, float w, unsigned flags,
		 uint32_t color)
{
	put_item(f,
		 (lay_item){.kind = LAY_TEXT,
			    .font = (uint8_t)font,
			    .flags = (uint8_t)flags,
			    .color = color,
			    .x = x,
			    .y = y,
			    .w = w,
			    .h = size,
			    .s = s,
			    .len = len},
		 f->sid);
}

void lay_add_path(lay_flow *f, float x, float y, float w, float h,
		  const lay_path *p)
{
	lay_path *c = arena_alloc(&f->page_arena, sizeof *c);
	*c = *p;
	if (p->n > 0) {
		size_t sz = sizeof(float) * 2 * (size_t)p->n;
		float *pt = arena_alloc(&f->page_arena, sz);
		memcpy(pt, p->pt, sz);
		c->pt = pt;
	}
	put_item(f,
		 (lay_item){.kind = LAY_PATH,
			    .x = x,
			    .y = y,
			    .w = w,
			    .h = h,
			    .path = c},
		 f->sid);
}

void lay_page_image(lay_page *pg, int id, float x, float y, float w, float h)
{
	if (pg->nitems == pg->capitems || id < 0)
		return;
	pg->items[pg->nitems++] = (lay_item){.kind = LAY_IMAGE,
					     .x = x,
					     .y = y,
					     .w = w,
					     .h = h,
					     .len = (uint32_t)id};
}

void lay_page_watermark(lay_page *pg, arena *a, lay_font *f, int font,
			float size, uint32_t color, const lay_geometry *geo,
			const char *text)
{
	size_t len = strlen(text);
	if (pg->nitems == pg->capitems || !len)
		return;
	float gw = geo->width, gh = geo->height;
	float diag = sqrtf(gw * gw + gh * gh);
	float w = lay_text_width(f, size, text, len);
	/* At most three fifths of the diagonal long. */
	if (w > diag * 0.6f) {
		size *= diag * 0.6f / w;
		w = diag * 0.6f;
	}
	/* Up the diagonal: on the page (y down) the direction is
	 * (cos a, -sin a); the baseline starts half the width back from the
	 * centre and a third of the size below it, across the text. */
	float c = gw / diag, s = gh / diag;
	float cx = gw / 2 + s * size * 0.35f, cy = gh / 2 + c * size * 0.35f;
	pg->items[pg->nitems++] =
		(lay_item){.kind = LAY_TEXT,
			   .font = (uint8_t)font,
			   .color = color,
			   .x = cx - c * w / 2,
			   .y = cy + s * w / 2,
			   .w = w,
			   .h = size,
			   .s = arena_strndup(a, text, len),
			   .len = (uint32_t)len,
			   .angle = atan2f(gh, gw) * 180.0f / 3.14159265f};
}

void lay_flow_image(lay_flow *f, int id, float w, float h, int align,
		    const char *alt)
{
	if (id < 0)
		return;
	uint32_t sid = alt ? lay_flow_struct(f, LAY_S_FIGURE) : 0;
	lay_tree_alt(f->tree, sid, alt);
	lay_flow_begin(f, h);
	float x = f->geo.left;
	if (align == LAY_CENTER)
		x += (lay_flow_width(f) - w) / 2;
	else if (align == LAY_RIGHT)
		x += lay_flow_width(f) - w;
	put_item(f,
		 (lay_item){.kind = LAY_IMAGE,
			    .x = x,
			    .y = f->y,
			    .w = w,
			    .h = h,
			    .len = (uint32_t)id},
		 sid);
	f->y += h;
}
