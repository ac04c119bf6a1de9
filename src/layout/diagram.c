/* diagram.c - the strategy map drawn on a page (see diagram.h). */
#include "diagram.h"
#include "graph.h"
#include "../util/utf8.h"

#include <math.h>
#include <string.h>

/* Fixed proportions of the drawing, points. */
#define BAND_PAD   7.0f /* band background above and below its boxes */
#define BOX_PAD	   4.5f /* box border to text, above and below */
#define TEXT_LEFT  9.0f /* box border to text, left (past the stripe) */
#define TEXT_RIGHT 5.0f
#define BOX_RADIUS 3.5f
#define BOX_GAP	   12.0f /* at least between two boxes of a band */
#define VIRT_W	   6.0f	 /* an arrow's place in a band it passes */
#define TRACK_GAP  4.0f	 /* between two arrows running side by side */
#define PORT_SEP   3.5f
#define CHAN_MIN   8.0f /* between two bands without tracks */
#define HEAD_LEN   5.0f
#define HEAD_HALF  2.6f
#define LINE_W	   0.9f
#define LABEL_PAD  14.0f /* a band's name to its ends */

typedef struct dg {
	lay_flow *f;
	const dg_spec *s;
	arena a;
	gr_graph g;
	float x0, width, top, bottom;
	float lw, bx0, area;
	float *bw; /* per band: its boxes' width */
	float key_h;
	float size;
	const char **text; /* per box: its title, maybe shortened */
	float gutter;	   /* left of the titles: the numbers, at size */
	lay_lines *lines;  /* per box, at size */
	lay_lines *under;  /* per box: its line under the title, at size */
	float *row_h;	   /* per band */
	float *label_h;	   /* per band */
	float *chan_h;	   /* per channel */
	int shortened;
} dg;

static lay_style style_of(float size, int font)
{
	return (lay_style){font, size, size * 1.2f, 0};
}

/* Width of the titles' lines in box i. */
static float text_w(const dg *d, int i)
{
	return d->bw[d->s->boxes[i].band] - TEXT_LEFT - TEXT_RIGHT - d->gutter;
}

/* ---- sizes -------------------------------------------------------------- */

/* The numbers' column at size: the widest number and a space. */
static float gutter(const dg *d, float size)
{
	const dg_spec *s = d->s;
	float w = 0;
	for (int i = 0; i < s->nboxes; i++) {
		const char *n = s->boxes[i].num;
		w = fmaxf(w, lay_text_width(d->f->fonts[s->bold], size, n,
					    strlen(n)));
	}
	return w + size * 0.45f;
}

static lay_lines break_title(dg *d, int i, const char *t, float size)
{
	return lay_break_h(&d->a, d->f->fonts[d->s->font], size, t,
			   text_w(d, i), d->f->hyph);
}

static void break_boxes(dg *d, float size)
{
	d->gutter = gutter(d, size);
	for (int i = 0; i < d->s->nboxes; i++) {
		const char *u = d->s->boxes[i].under;
		d->lines[i] = break_title(d, i, d->text[i], size);
		d->under[i] = u ? lay_break(&d->a, d->f->fonts[d->s->bold],
					    size, u, text_w(d, i))
				: (lay_lines){0, NULL};
	}
}

/* Height of box i's content at size with n lines of title. */
static float box_h(const dg *d, int i, int n, float size)
{
	float lines = (float)(n + d->under[i].n);
	return lines * size * 1.2f + 2 * BOX_PAD;
}

/* Row heights at size, titles cut to cap lines (0: no cap); returns the
 * total height of bands, channels and key. */
static float heights(dg *d, float size, int cap)
{
	const dg_spec *s = d->s;
	float total = d->key_h;
	for (int b = 0; b < s->nbands; b++)
		d->row_h[b] = d->label_h[b] - 2 * BAND_PAD;
	for (int i = 0; i < s->nboxes; i++) {
		int n = d->lines[i].n;
		if (cap && n > cap)
			n = cap;
		float h = box_h(d, i, n, size);
		if (h > d->row_h[s->boxes[i].band])
			d->row_h[s->boxes[i].band] = h;
	}
	for (int b = 0; b < s->nbands; b++)
		total += d->row_h[b] + 2 * BAND_PAD;
	for (int c = 0; c <= s->nbands; c++)
		total += d->chan_h[c];
	return total;
}

/* Box widths: each band's boxes, and the arrows passing through it, fit
 * across the area; at most max_box_w.  Returns the narrowest. */
static float box_widths(dg *d)
{
	float narrowest = d->s->max_box_w;
	for (int l = 0; l < d->g.nlayers; l++) {
		int real = 0, virt = 0;
		for (int i = 0; i < d->g.count[l]; i++)
			*(d->g.rank[l][i] < d->g.n ? &real : &virt) += 1;
		float w = d->s->max_box_w;
		if (real)
			w = fminf(w, (d->area -
				      (float)virt * (VIRT_W +
						     BOX_GAP * GR_VIRT_SHARE) -
				      (float)real * BOX_GAP) /
					     (float)real);
		d->bw[l] = w;
		narrowest = fminf(narrowest, w);
	}
	return narrowest;
}

/* Height of the key: its entries in lines across the width. */
static float key_height(dg *d, int draw, float y)
{
	const dg_spec *s = d->s;
	if (!s->nkeys)
		return 0;
	lay_font *f = d->f->fonts[s->font];
	float sz = s->label_size, lead = sz * 1.3f, sw = sz * 0.9f;
	float x = d->x0, line = 0;
	if (s->key_title) {
		float w = lay_text_width(d->f->fonts[s->bold], sz, s->key_title,
					 strlen(s->key_title));
		if (draw)
			lay_add_run(d->f, s->bold, sz, x, y + sz, s->key_title,
				    (uint32_t)strlen(s->key_title), w, 0,
				    s->key_color);
		x += w + sz;
	}
	for (int k = 0; k < s->nkeys; k++) {
		const char *t = s->keys[k].label;
		if (s->keys[k].color == LAY_NOPAINT) { /* a title */
			float w = lay_text_width(d->f->fonts[s->bold], sz, t,
						 strlen(t));
			x += sz;
			if (draw)
				lay_add_run(d->f, s->bold, sz, x, y + line + sz,
					    t, (uint32_t)strlen(t), w, 0,
					    s->key_color);
			x += w + sz;
			continue;
		}
		float w = lay_text_width(f, sz, t, strlen(t));
		if (x + sw + 4 + w > d->x0 + d->width && x > d->x0) {
			x = d->x0;
			line += lead;
		}
		if (draw) {
			lay_path p = {NULL,	   0, 0, 1.2f, s->keys[k].color,
				      LAY_NOPAINT, 0};
			lay_add_path(d->f, x, y + line + sz * 0.1f, sw, sw, &p);
			lay_add_run(d->f, s->font, sz, x + sw + 4,
				    y + line + sz, t, (uint32_t)strlen(t), w, 0,
				    s->key_color);
		}
		x += sw + 4 + w + sz * 1.5f;
	}
	return line + lead + 8;
}

/* Shorten the title of box i to cap lines, the last ending in "…": the
 * longest start of it that, so ended, breaks into cap lines. */
static void shorten(dg *d, int i, int cap, float size)
{
	if (d->lines[i].n <= cap)
		return;
	const char *text = d->text[i];
	const lay_line *last = &d->lines[i].line[cap - 1];
	size_t len = (size_t)(last->s - text) + last->len;
	while (len > 0) {
		do
			len--;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80);
		size_t k = len;
		while (k > 0 && strchr(" ,;:-", text[k - 1]))
			k--;
		char *t = arena_printf(&d->a, "%.*s…", (int)k, text);
		lay_lines ls = break_title(d, i, t, size);
		if (ls.n <= cap) {
			d->text[i] = t;
			d->lines[i] = ls;
			break;
		}
	}
	d->shortened++;
}

/* The text size, from the largest: 0 when nothing fits. */
static int fit(dg *d)
{
	const dg_spec *s = d->s;
	float avail = d->bottom - d->top;
	for (float size = s->size; size >= s->min_size - 0.01f; size -= 0.5f) {
		break_boxes(d, size);
		if (heights(d, size, 0) <= avail) {
			d->size = size;
			return 1;
		}
	}
	d->size = s->min_size;
	break_boxes(d, d->size);
	for (int cap = 12; cap >= 1; cap--)
		if (heights(d, d->size, cap) <= avail) {
			for (int i = 0; i < s->nboxes; i++)
				shorten(d, i, cap, d->size);
			return 1;
		}
	return 0;
}

/* ---- drawing ------------------------------------------------------------ */

static void rounded(dg *d, float x, float y, float w, float h, float r,
		    uint32_t fill, uint32_t stroke, float lw)
{
	lay_path p = {NULL, 0, 0, r, fill, stroke, lw};
	lay_add_path(d->f, x, y, w, h, &p);
}

/* The shortest width at which band b's name breaks into at most two
 * lines: how tall its band must be, the name turned up the strip. */
static float label_len(dg *d, int b)
{
	const dg_spec *s = d->s;
	lay_font *f = d->f->fonts[s->bold];
	const char *t = s->bands[b];
	float hi = lay_text_width(f, s->label_size, t, strlen(t)) + 1;
	float lo = fminf(lay_min_width(f, s->label_size, t), hi);
	for (int k = 0; k < 12; k++) {
		float mid = (lo + hi) / 2;
		if (lay_break(&d->a, f, s->label_size, t, mid).n <= 2)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* Each band's background, and its strip with the name turned to read
 * upwards, centred, in one or two lines. */
static void draw_bands(dg *d, const float *row_top, const float *row_bot)
{
	const dg_spec *s = d->s;
	lay_style st = style_of(s->label_size, s->bold);
	for (int b = 0; b < s->nbands; b++) {
		float y0 = row_top[b] - BAND_PAD, y1 = row_bot[b] + BAND_PAD;
		rounded(d, d->x0, y0, d->width, y1 - y0, 4, s->band_fill,
			LAY_NOPAINT, 0);
		rounded(d, d->x0, y0, d->lw, y1 - y0, 4, s->label_fill,
			LAY_NOPAINT, 0);
		float len = fmaxf(label_len(d, b), y1 - y0 - LABEL_PAD);
		lay_lines ls = lay_break(&d->a, d->f->fonts[s->bold],
					 s->label_size, s->bands[b], len);
		float left = d->x0 + (d->lw - (float)ls.n * st.leading) / 2;
		float base = lay_first_baseline(&st, left);
		for (int k = 0; k < ls.n; k++, base += st.leading) {
			const lay_line *l = &ls.line[k];
			lay_add_run(
				d->f, s->bold, s->label_size, base,
				(y0 + y1 + l->width) / 2,
				arena_strndup(&d->f->page_arena, l->s, l->len),
				l->len, l->width, 0, s->label_color);
			d->f->page.items[d->f->page.nitems - 1].angle = 90;
		}
	}
}

static void draw_arrows(dg *d)
{
	const gr_graph *g = &d->g;
	for (int e = 0; e < g->m; e++) {
		int a = g->pfirst[e], n = g->pfirst[e + 1] - a;
		float *pt = arena_alloc(&d->a, sizeof(float) * 2 * (size_t)n);
		memcpy(pt, g->pt + 2 * a, sizeof(float) * 2 * (size_t)n);
		/* The last segment is vertical: stop the line at the head. */
		float tx = pt[2 * n - 2], ty = pt[2 * n - 1];
		float dir = pt[2 * n - 3] < ty ? 1.0f : -1.0f;
		pt[2 * n - 1] = ty - dir * (HEAD_LEN - 0.5f);
		lay_path line = {pt, n, 0, 0, LAY_NOPAINT, d->s->arrow, LINE_W};
		lay_add_path(d->f, 0, 0, 0, 0, &line);
		float head[6] = {tx,
				 ty,
				 tx - HEAD_HALF,
				 ty - dir * HEAD_LEN,
				 tx + HEAD_HALF,
				 ty - dir * HEAD_LEN};
		lay_path h = {head, 3, 1, 0, d->s->arrow, LAY_NOPAINT, 0};
		lay_add_path(d->f, 0, 0, 0, 0, &h);
	}
}

static void draw_box(dg *d, int i)
{
	const dg_spec *s = d->s;
	const dg_box *b = &s->boxes[i];
	const gr_graph *g = &d->g;
	float x = g->x[i], y = g->y[i], w = g->w[i], h = g->h[i];
	rounded(d, x, y, w, h, BOX_RADIUS, b->fill, s->border, 0.6f);
	rounded(d, x + 3, y + 3.5f, 2.6f, h - 7, 1.3f, b->accent, LAY_NOPAINT,
		0);
	lay_style st = style_of(d->size, s->font);
	lay_lines ls = d->lines[i];
	float th = (float)(ls.n + d->under[i].n) * st.leading;
	float top = y + (h - th) / 2, tx = x + TEXT_LEFT;
	float base = lay_first_baseline(&st, top);
	const char *num = lay_flow_strdup(d->f, b->num);
	lay_add_run(
		d->f, s->bold, d->size, tx, base, num, (uint32_t)strlen(num),
		lay_text_width(d->f->fonts[s->bold], d->size, num, strlen(num)),
		b->flags, b->color);
	for (int k = 0; k < ls.n; k++, base += st.leading) {
		const lay_line *l = &ls.line[k];
		const char *t =
			arena_printf(&d->f->page_arena, "%.*s%s", (int)l->len,
				     l->s, l->hyph ? "-" : "");
		lay_add_run(d->f, s->font, d->size, tx + d->gutter, base, t,
			    (uint32_t)strlen(t), l->width, b->flags, b->color);
	}
	for (int k = 0; k < d->under[i].n; k++, base += st.leading) {
		const lay_line *l = &d->under[i].line[k];
		lay_add_run(d->f, s->bold, d->size, tx + d->gutter, base,
			    arena_strndup(&d->f->page_arena, l->s, l->len),
			    l->len, l->width, 0, b->color);
	}
}

/* ---- the whole ------------------------------------------------------------
 */

static void prepare(dg *d)
{
	const dg_spec *s = d->s;
	int n = s->nboxes;
	d->text = arena_alloc(&d->a, sizeof(char *) * (size_t)(n + 1));
	d->lines = arena_zalloc(&d->a, sizeof(lay_lines) * (size_t)(n + 1));
	d->under = arena_zalloc(&d->a, sizeof(lay_lines) * (size_t)(n + 1));
	d->row_h = arena_zalloc(&d->a, sizeof(float) * (size_t)(s->nbands + 1));
	d->label_h =
		arena_zalloc(&d->a, sizeof(float) * (size_t)(s->nbands + 1));
	d->chan_h =
		arena_zalloc(&d->a, sizeof(float) * (size_t)(s->nbands + 2));
	d->bw = arena_zalloc(&d->a, sizeof(float) * (size_t)(s->nbands + 1));
	for (int i = 0; i < n; i++)
		d->text[i] = s->boxes[i].title;
	int *layer = arena_alloc(&d->a, sizeof(int) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		layer[i] = s->boxes[i].band;
	gr_init(&d->g, s->nbands, n, layer, s->nlinks, s->from, s->to);
}

/* Band names' heights and channels' from the tracks. */
static void fixed_heights(dg *d)
{
	const dg_spec *s = d->s;
	for (int b = 0; b < s->nbands; b++)
		d->label_h[b] = label_len(d, b) + LABEL_PAD;
	for (int c = 0; c <= s->nbands; c++) {
		int t = d->g.ntracks[c], outer = c == 0 || c == s->nbands;
		d->chan_h[c] = t       ? (float)(t + 1) * TRACK_GAP + CHAN_MIN
			       : outer ? 0
				       : CHAN_MIN;
	}
}

/* Spare height opens the channels between bands (up to 56 pt each),
 * then makes the bands taller (up to a third), the boxes' text centred. */
static void spread(dg *d, float spare)
{
	int nb = d->s->nbands;
	if (spare <= 0)
		return;
	if (nb > 1) {
		float each = fminf(spare / (float)(nb - 1), 56);
		for (int c = 1; c < nb; c++)
			d->chan_h[c] += each;
		spare -= each * (float)(nb - 1);
	}
	for (int b = 0; b < nb; b++) {
		float more = fminf(spare / (float)nb, d->row_h[b] / 3);
		d->row_h[b] += more;
	}
}

static void place(dg *d, dg_result *r)
{
	const dg_spec *s = d->s;
	int nb = s->nbands;
	float *row_top = arena_alloc(&d->a, sizeof(float) * (size_t)(nb + 1));
	float *row_bot = arena_alloc(&d->a, sizeof(float) * (size_t)(nb + 1));
	float *chan_top = arena_alloc(&d->a, sizeof(float) * (size_t)(nb + 2));
	float y = d->top;
	for (int c = 0; c <= nb; c++) {
		/* Tracks sit in the middle of a channel widened by spread. */
		float used = d->g.ntracks[c]
				     ? (float)(d->g.ntracks[c] + 1) * TRACK_GAP
				     : 0;
		chan_top[c] = y + (d->chan_h[c] - used) / 2;
		y += d->chan_h[c];
		if (c == nb)
			break;
		row_top[c] = y + BAND_PAD;
		row_bot[c] = row_top[c] + d->row_h[c];
		y = row_bot[c] + BAND_PAD;
	}
	gr_route(&d->g, row_top, row_bot, chan_top, TRACK_GAP);
	/* One Figure with the description in words (tagged PDF). */
	uint32_t was = d->f->sid, fig = lay_flow_struct(d->f, LAY_S_FIGURE);
	lay_tree_alt(d->f->tree, fig, s->alt);
	d->f->sid = fig;
	r->first_item = d->f->page.nitems;
	draw_bands(d, row_top, row_bot);
	draw_arrows(d);
	for (int i = 0; i < s->nboxes; i++)
		draw_box(d, i);
	y += key_height(d, 1, y + 8);
	r->last_item = d->f->page.nitems;
	d->f->sid = was;
	r->height = y - d->top;
	d->f->y = y;
}

dg_result lay_diagram(lay_flow *f, const dg_spec *s)
{
	dg_result r = {0, 0, 0, 0, 0, 0, 0};
	dg d;
	memset(&d, 0, sizeof d);
	d.f = f;
	d.s = s;
	arena_init(&d.a, 16 * 1024);
	d.x0 = f->geo.left;
	d.width = lay_flow_width(f);
	d.top = f->y + s->reserve;
	d.bottom = f->limit;
	d.lw = 2 * s->label_size * 1.2f + 10; /* two lines, turned */
	d.bx0 = d.x0 + d.lw + 8;
	d.area = d.x0 + d.width - d.bx0 - 2;
	prepare(&d);
	r.crossings = gr_order(&d.g, 12);
	if (s->nbands > 0 && box_widths(&d) >= 36) {
		gr_place_x(&d.g, d.bx0, d.area, d.bw, VIRT_W);
		gr_align_x(&d.g, d.bx0, d.area, BOX_GAP, 4);
		gr_tracks(&d.g, BOX_RADIUS + 3, PORT_SEP);
		d.key_h = key_height(&d, 0, 0);
		fixed_heights(&d);
		r.fits = fit(&d);
	}
	if (r.fits && s->measure) {
		r.size = d.size;
		r.shortened = d.shortened;
	} else if (r.fits) {
		spread(&d, d.bottom - d.top - heights(&d, d.size, 0));
		place(&d, &r);
		r.size = d.size;
		r.shortened = d.shortened;
	}
	gr_free(&d.g);
	arena_free(&d.a);
	return r;
}
