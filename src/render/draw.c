/*
 * draw.c - a page's content stream from its laid-out items, on any
 * thread.
 *
 * Design.  Formatting a page's content (numbers, glyph codes, marked
 * content) is a fifth of a long document's work on the main thread, and
 * needs nothing of libharu once the page's resource names are known.  So
 * the main thread (pdf.c) copies what a page needs into a job, a buffer
 * of its own: the items, their texts and paths (the page's memory is
 * reused for the next page), the names of its fonts and images (asking
 * libharu for them also puts them in the page's resources), and the
 * structure type of each item's element (the tree grows while pages are
 * drawn).  pack.c hands the job to a worker, which draws it here and
 * deflates the content; the results come back to the main thread in page
 * order: the content, the digest of the file's /ID and, for a tagged
 * page, the element that owns each MCID (the page's MCIDs are numbered
 * here, from 0).  The bytes are those the main thread would write.
 *
 * A job: a job_head, then (each 8-byte aligned) the items, the item
 * types, the texts, names and paths; pointers in the copied items are
 * offsets into the job until draw_run turns them back into pointers.
 */
#include "draw.h"
#include "pdf.h"
#include "tags.h"
#include "../util/utf8.h"

#include <math.h>
#include <string.h>

#define DRAW_NOTYPE 0xFF /* an item of no element: an artifact */

typedef struct job_head {
	float height;
	int mode, nitems;
	size_t items, types; /* offsets */
	char fname[RND_MAX_FONTS][DRAW_NAME];
} job_head;

/* What the drawing functions share. */
typedef struct dctx {
	buf *b;
	float H;
	int mode;
	const uint8_t *type; /* of each item's element, or DRAW_NOTYPE */
	const char (*fname)[DRAW_NAME];
	const draw_font *const *fonts;
	buf *res; /* the MCID owners, after a draw_result */
	uint32_t nmc;
	long runs, glyphs;
} dctx;

/* The code point that prints for cp in font f: itself, or its box when
 * the font lacks it (or it is beyond the BMP). */
static uint32_t printable(const draw_font *f, uint32_t cp)
{
	if (cp == '\t')
		return ' ';
	if (cp <= 0xFFFF &&
	    !(atomic_load_explicit(&f->missing[cp >> 3], memory_order_relaxed) &
	      (1u << (cp & 7))))
		return cp;
	return f->box;
}

/* Open marked content for element sid of the given type: /Artifact when
 * there is none or the job marks only artifacts. */
static void mark_begin(dctx *dc, uint32_t sid, uint8_t type)
{
	if (dc->mode == DRAW_PLAIN)
		return;
	if (dc->mode == DRAW_ARTIFACT || !sid || type == DRAW_NOTYPE) {
		buf_puts(dc->b, "/Artifact BMC\n");
		return;
	}
	buf_putc(dc->b, '/');
	buf_puts(dc->b, tags_type_name(type));
	buf_append(dc->b, " <</MCID ", 9);
	buf_put_uint(dc->b, dc->nmc++);
	buf_append(dc->b, ">> BDC\n", 7);
	buf_append(dc->res, (const char *)&sid, sizeof sid);
}

static void mark_end(dctx *dc)
{
	if (dc->mode != DRAW_PLAIN)
		buf_puts(dc->b, "EMC\n");
}

/* Append v hundredths as a decimal number and a space, without printf
 * (it is the hot loop). */
static void put_cents(buf *b, long v)
{
	if (v < 0) {
		buf_putc(b, '-');
		v = -v;
	}
	buf_put_uint(b, (unsigned long)v / 100);
	int fp = (int)(v % 100);
	buf_reserve(b, 4);
	if (fp) {
		b->data[b->len++] = '.';
		b->data[b->len++] = (char)('0' + fp / 10);
		if (fp % 10)
			b->data[b->len++] = (char)('0' + fp % 10);
	}
	b->data[b->len++] = ' ';
	b->data[b->len] = '\0';
}

static long cents(float x)
{
	return (long)(x * 100.0f + (x < 0 ? -0.5f : 0.5f));
}

/* Append x with at most two decimals. */
static void put_num(buf *b, float x)
{
	put_cents(b, cents(x));
}

static void put_rgb(buf *b, uint32_t c, const char *op)
{
	put_num(b, (float)((c >> 16) & 255) / 255.0f);
	put_num(b, (float)((c >> 8) & 255) / 255.0f);
	put_num(b, (float)(c & 255) / 255.0f);
	buf_puts(b, op);
}

/* What a byte of a literal string is escaped as after a backslash (0:
 * written as it is). */
static const char escaped[256] = {
	['('] = '(', [')'] = ')', ['\\'] = '\\', ['\r'] = 'r'};

/* Code point cp (BMP) as two bytes of a literal string, big-endian. */
static void put_code(buf *b, uint32_t cp)
{
	char *p = b->data + b->len;
	unsigned char c[2] = {(unsigned char)(cp >> 8),
			      (unsigned char)(cp & 0xFF)};
	for (int k = 0; k < 2; k++) {
		if (escaped[c[k]]) {
			*p++ = '\\';
			*p++ = escaped[c[k]];
		} else {
			*p++ = (char)c[k];
		}
	}
	b->len = (size_t)(p - b->data);
}

/* Text as a literal string of 2-byte BMP code points, big-endian, with
 * the bytes a literal string must escape escaped: half the size of the
 * hex form, which matters because the content is compressed.  space: a
 * space after it (LAY_SPACE in a tagged PDF).  A code point the font
 * lacks, or beyond the BMP, prints as its box (pdf.c warned about it). */
static void put_text(dctx *dc, const draw_font *f, const char *s, uint32_t len,
		     int space)
{
	buf *b = dc->b;
	buf_reserve(b, (size_t)len * 4 + 8);
	b->data[b->len++] = '(';
	dc->runs++;
	for (uint32_t i = 0; i < len;) {
		uint32_t cp = (unsigned char)s[i];
		if (cp < 0x80)
			i++;
		else
			i += (uint32_t)utf8_decode(s + i, len - i, &cp);
		dc->glyphs++; /* room reserved above: at most 4 bytes a glyph */
		put_code(b, printable(f, cp));
	}
	buf_reserve(b, 4);
	if (space) {
		b->data[b->len++] = '\0';
		b->data[b->len++] = ' ';
	}
	b->data[b->len++] = ')';
	b->data[b->len] = '\0';
	buf_puts(b, "Tj\n");
}

/* The fills of lp, in marked content by owner (artifacts, figures). */
static void draw_fills(dctx *dc, const lay_page *lp)
{
	buf *b = dc->b;
	float H = dc->H;
	uint32_t color = 0xFFFFFFFFu, sid = 0;
	int any = 0;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_FILL)
			continue;
		if (any && it->sid != sid)
			mark_end(dc);
		if (!any++ || it->sid != sid)
			mark_begin(dc, sid = it->sid, dc->type[i]);
		if (it->color != color)
			put_rgb(b, color = it->color, "rg\n");
		put_num(b, it->x);
		put_num(b, H - it->y - it->h);
		put_num(b, it->w);
		put_num(b, it->h);
		buf_puts(b, "re f\n");
	}
	if (any)
		mark_end(dc);
}

/* A line segment to stroke: from (x1, y1) to (x2, y2), width w, colour
 * c, in layout coordinates (y down). */
typedef struct seg {
	float x1, y1, x2, y2, w;
	uint32_t c;
} seg;

/* Stroking segments in runs of one colour and width; pend is the
 * horizontal segment that may still grow (hpend: there is one). */
typedef struct strokes {
	buf *b;
	float H;
	uint32_t color;
	float lw;
	int open;
	seg pend;
	int hpend;
} strokes;

static void stroke(strokes *s, const seg *g)
{
	buf *b = s->b;
	if (s->open && (g->c != s->color || g->w != s->lw)) {
		buf_puts(b, "S\n");
		s->open = 0;
	}
	if (g->c != s->color)
		put_rgb(b, s->color = g->c, "RG\n");
	if (g->w != s->lw) {
		put_num(b, s->lw = g->w);
		buf_puts(b, "w\n");
	}
	put_num(b, g->x1);
	put_num(b, s->H - g->y1);
	buf_puts(b, "m ");
	put_num(b, g->x2);
	put_num(b, s->H - g->y2);
	buf_puts(b, "l\n");
	s->open = 1;
}

/* The segment item it draws: a rule, or the line through a struck-through
 * text.  Returns 0 for other items. */
static int segment_of(const lay_item *it, seg *g)
{
	if (it->kind == LAY_RULE) {
		*g = (seg){it->x, it->y, it->w, it->h, it->lw, it->color};
		return 1;
	}
	if (it->kind == LAY_TEXT && (it->flags & LAY_STRIKE)) {
		float y = it->y - it->h * 0.3f;
		*g = (seg){it->x,	  y,	    it->x + it->w, y,
			   it->h * 0.06f, it->color};
		return 1;
	}
	return 0;
}

/* Stroke what is pending of s: the path ends (before an EMC). */
static void strokes_flush(strokes *s)
{
	if (s->hpend)
		stroke(s, &s->pend);
	if (s->open)
		buf_puts(s->b, "S\n");
	s->hpend = s->open = 0;
}

/* Rules, with collinear horizontal segments that touch merged into one (a
 * table row's top edges), stroked in runs of one colour and width; in
 * marked content by owner (artifacts; the lines of a figure). */
static void draw_rules(dctx *dc, const lay_page *lp)
{
	buf *b = dc->b;
	float H = dc->H;
	strokes s = {b, H, 0xFFFFFFFFu, -1, 0, {0, 0, 0, 0, 0, 0}, 0};
	seg g;
	int any = 0;
	uint32_t sid = 0;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (!segment_of(it, &g))
			continue;
		uint32_t own = it->kind == LAY_RULE ? it->sid : 0;
		if (any && own != sid) {
			strokes_flush(&s);
			mark_end(dc);
		}
		if (!any++ || own != sid)
			mark_begin(dc, sid = own,
				   own ? dc->type[i] : DRAW_NOTYPE);
		int horiz = g.y1 == g.y2 && g.x2 >= g.x1;
		if (s.hpend && horiz && g.y1 == s.pend.y1 && g.w == s.pend.w &&
		    g.c == s.pend.c && g.x1 <= s.pend.x2 + 0.01f &&
		    g.x1 >= s.pend.x1) {
			if (g.x2 > s.pend.x2)
				s.pend.x2 = g.x2;
			continue;
		}
		if (!horiz) {
			stroke(&s, &g); /* the pending one may still grow */
			continue;
		}
		if (s.hpend)
			stroke(&s, &s.pend);
		s.pend = g;
		s.hpend = 1;
	}
	strokes_flush(&s);
	if (any)
		mark_end(dc);
}

/* ---- paths: the strategy map's bands, boxes and arrows ---------------- */

/* A rounded rectangle (layout coordinates, y down) as a closed path:
 * straight sides and quarter circles as Bézier curves. */
static void put_rounded(buf *b, float H, float x, float y, float w, float h,
			float r)
{
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	const float k = 0.5523f * r; /* control points of a quarter circle */
	float x1 = x + w, y0 = H - y - h, y1 = H - y;
	put_num(b, x + r);
	put_num(b, y0);
	buf_puts(b, "m ");
	const float c[4][8] = {
		{x1 - r, y0, x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r},
		{x1, y1 - r, x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1},
		{x + r, y1, x + r - k, y1, x, y1 - r + k, x, y1 - r},
		{x, y0 + r, x, y0 + r - k, x + r - k, y0, x + r, y0},
	};
	for (int i = 0; i < 4; i++) {
		put_num(b, c[i][0]);
		put_num(b, c[i][1]);
		buf_puts(b, "l ");
		for (int j = 2; j < 8; j++)
			put_num(b, c[i][j]);
		buf_puts(b, "c\n");
	}
	buf_puts(b, "h ");
}

/* The LAY_PATH items of lp, in their order, each run of one structure
 * element (the strategy map's Figure) marked and in one q ... Q (round
 * joins). */
static void draw_paths(dctx *dc, const lay_page *lp)
{
	buf *b = dc->b;
	float H = dc->H;
	uint32_t sid = 0;
	int open = 0;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_PATH)
			continue;
		const lay_path *p = it->path;
		int fill = p->fill != LAY_NOPAINT;
		int stroke = p->stroke != LAY_NOPAINT && p->lw > 0;
		if (!fill && !stroke)
			continue;
		if (open && it->sid != sid) {
			buf_puts(b, "Q\n");
			mark_end(dc);
			open = 0;
		}
		if (!open) {
			mark_begin(dc, sid = it->sid, dc->type[i]);
			buf_puts(b, "q 1 j 1 J\n");
			open = 1;
		}
		if (fill)
			put_rgb(b, p->fill, "rg ");
		if (stroke) {
			put_rgb(b, p->stroke, "RG ");
			put_num(b, p->lw);
			buf_puts(b, "w\n");
		}
		if (p->n == 0)
			put_rounded(b, H, it->x, it->y, it->w, it->h, p->r);
		for (int k = 0; k < p->n; k++) {
			put_num(b, p->pt[2 * k]);
			put_num(b, H - p->pt[2 * k + 1]);
			buf_puts(b, k ? "l " : "m ");
		}
		if (p->n > 0 && p->closed)
			buf_puts(b, "h ");
		buf_puts(b, fill && stroke ? "B\n" : fill ? "f\n" : "S\n");
	}
	if (open) {
		buf_puts(b, "Q\n");
		mark_end(dc);
	}
}

/* The texts of lp, in one BT ... ET. */
static void draw_texts(dctx *dc, const lay_page *lp)
{
	buf *b = dc->b;
	int font = -1;
	float size = -1;
	long tx = 0, ty = 0; /* start of the current line, hundredths */
	uint32_t color = 0xFFFFFFFFu;
	int bt = 0;
	uint32_t sid = 0; /* of the open marked content */
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_TEXT || it->angle != 0 ||
		    !dc->fname[it->font][0])
			continue;
		if (!bt) {
			buf_puts(b, "BT\n");
			bt = 1;
		} else if (it->sid != sid) {
			mark_end(dc);
		}
		if (bt == 1 || it->sid != sid) {
			mark_begin(dc, sid = it->sid, dc->type[i]);
			bt = 2;
		}
		if (it->font != font || it->h != size) {
			font = it->font;
			size = it->h;
			buf_putc(b, '/');
			buf_puts(b, dc->fname[font]);
			buf_putc(b, ' ');
			put_num(b, size);
			buf_puts(b, "Tf\n");
		}
		if (it->color != color)
			put_rgb(b, color = it->color, "rg\n");
		/* Td moves relative to the previous line's start; positions
		 * are rounded first, so the moves add up exactly. */
		long x = cents(it->x), y = cents(dc->H - it->y);
		put_cents(b, x - tx);
		put_cents(b, y - ty);
		buf_puts(b, "Td");
		tx = x;
		ty = y;
		put_text(dc, dc->fonts[font], it->s, it->len,
			 dc->mode != DRAW_PLAIN && (it->flags & LAY_SPACE));
	}
	if (bt) {
		mark_end(dc);
		buf_puts(b, "ET\n");
	}
}

/* Images: each loaded once (rnd_image) and drawn by name (the item's s,
 * set by draw_job) on every page that shows it, scaled into its box. */
static void draw_images(dctx *dc, const lay_page *lp)
{
	buf *b = dc->b;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_IMAGE || !it->s)
			continue;
		mark_begin(dc, it->sid, dc->type[i]);
		buf_puts(b, "q ");
		put_num(b, it->w);
		buf_puts(b, "0 0 ");
		put_num(b, it->h);
		put_num(b, it->x);
		put_num(b, dc->H - it->y - it->h);
		buf_puts(b, "cm /");
		buf_puts(b, it->s);
		buf_puts(b, " Do Q\n");
		mark_end(dc);
	}
}

/* Text turned by its angle (the draft watermark), each in its own text
 * object with a text matrix. */
static void draw_turned(dctx *dc, const lay_page *lp)
{
	buf *b = dc->b;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_TEXT || it->angle == 0 ||
		    !dc->fname[it->font][0])
			continue;
		double a = it->angle * 3.14159265358979 / 180.0;
		float c = (float)cos(a), s = (float)sin(a);
		mark_begin(dc, 0, DRAW_NOTYPE);
		buf_puts(b, "BT\n/");
		buf_puts(b, dc->fname[it->font]);
		buf_putc(b, ' ');
		put_num(b, it->h);
		buf_puts(b, "Tf\n");
		put_rgb(b, it->color, "rg\n");
		put_num(b, c);
		put_num(b, s);
		put_num(b, -s);
		put_num(b, c);
		put_num(b, it->x);
		put_num(b, dc->H - it->y);
		buf_puts(b, "Tm");
		put_text(dc, dc->fonts[it->font], it->s, it->len, 0);
		buf_puts(b, "ET\n");
		mark_end(dc);
	}
}

/* Two FNV-1a lanes over the content, eight bytes a step (the machine's
 * byte order: the /ID of the same input is the same on one machine): what
 * the document's /ID is derived from, so that equal inputs give equal
 * files. */
static void digest(uint64_t h[2], const buf *b)
{
	const uint64_t prime = 1099511628211ull;
	size_t i = 0;
	for (; i + 16 <= b->len; i += 16) {
		uint64_t w[2];
		memcpy(w, b->data + i, sizeof w);
		h[0] = (h[0] ^ w[0]) * prime;
		h[1] = (h[1] ^ w[1]) * prime;
	}
	for (; i < b->len; i++)
		h[i & 1] = (h[i & 1] ^ (unsigned char)b->data[i]) * prime;
}

/* ---- jobs --------------------------------------------------------------- */

/* Pad b to a multiple of 8 and return that offset. */
static size_t align8(buf *b)
{
	static const char zero[8];
	buf_append(b, zero, (8 - b->len % 8) % 8);
	return b->len;
}

/* Append n bytes of s, NUL-terminated; return their offset. */
static size_t put_bytes(buf *b, const char *s, size_t n)
{
	size_t at = b->len;
	buf_append(b, s, n);
	buf_putc(b, '\0');
	return at;
}

/* Item i's copy in the job: its text, name or path stored as offsets. */
static void copy_refs(buf *job, size_t items, int i, const draw_page *pg)
{
	const lay_item *it = &pg->lp->items[i];
	size_t off = 0;
	if (it->kind == LAY_TEXT) {
		off = put_bytes(job, it->s, it->len);
	} else if (it->kind == LAY_IMAGE) {
		const char *name = it->len < (uint32_t)pg->nimages
					   ? pg->iname[it->len]
					   : NULL;
		off = name ? put_bytes(job, name, strlen(name)) : 0;
	} else if (it->kind == LAY_PATH) {
		const lay_path *p = it->path;
		size_t pts = align8(job);
		buf_append(job, (const char *)p->pt,
			   (size_t)p->n * 2 * sizeof *p->pt);
		lay_path copy = *p;
		copy.pt = (const float *)(uintptr_t)pts;
		off = align8(job);
		buf_append(job, (const char *)&copy, sizeof copy);
	} else {
		return;
	}
	lay_item *c = (lay_item *)(job->data + items) + i;
	if (it->kind == LAY_PATH)
		c->path = (const lay_path *)(uintptr_t)off;
	else
		c->s = (const char *)(uintptr_t)off;
}

static uint8_t type_of(const draw_page *pg, const lay_item *it)
{
	if (pg->mode != DRAW_TAGGED || !it->sid || it->sid > pg->tree->n)
		return DRAW_NOTYPE;
	return pg->tree->e[it->sid].type;
}

void draw_job(buf *job, const draw_page *pg)
{
	const lay_page *lp = pg->lp;
	buf_reset(job);
	job_head h = {pg->height, pg->mode, lp->nitems, 0, 0, {{0}}};
	for (int f = 0; f < RND_MAX_FONTS; f++)
		if (pg->fname[f])
			strncpy(h.fname[f], pg->fname[f], DRAW_NAME - 1);
	buf_append(job, (const char *)&h, sizeof h);
	h.items = align8(job);
	buf_append(job, (const char *)lp->items,
		   (size_t)lp->nitems * sizeof *lp->items);
	h.types = job->len;
	for (int i = 0; i < lp->nitems; i++) {
		uint8_t t = type_of(pg, &lp->items[i]);
		buf_append(job, (const char *)&t, 1);
	}
	for (int i = 0; i < lp->nitems; i++)
		copy_refs(job, h.items, i, pg);
	memcpy(job->data, &h, sizeof h);
}

/* The job's offsets back to pointers (copy_refs wrote them). */
static lay_item *relocate(buf *job, const job_head *h)
{
	char *base = job->data;
	lay_item *items = (lay_item *)(base + h->items);
	for (int i = 0; i < h->nitems; i++) {
		lay_item *it = &items[i];
		if (it->kind == LAY_PATH) {
			lay_path *p = (lay_path *)(base + (uintptr_t)it->path);
			p->pt = (const float *)(base + (uintptr_t)p->pt);
			it->path = p;
		} else if (it->kind == LAY_TEXT ||
			   (it->kind == LAY_IMAGE && it->s)) {
			it->s = base + (uintptr_t)it->s; /* 0: no image name */
		}
	}
	return items;
}

void draw_run(const draw_font *const *fonts, buf *job, buf *content, buf *res)
{
	job_head h;
	memcpy(&h, job->data, sizeof h);
	lay_page lp = {0, h.nitems, h.nitems, relocate(job, &h), 0, 0, NULL};
	draw_result r = {{14695981039346656037ull, 0x84222325cbf29ce4ull},
			 0,
			 0,
			 h.mode,
			 0,
			 0};
	buf_reset(content);
	buf_reset(res);
	buf_append(res, (const char *)&r, sizeof r);
	dctx dc = {content,
		   h.height,
		   h.mode,
		   (const uint8_t *)job->data + h.types,
		   (const char(*)[DRAW_NAME])h.fname,
		   fonts,
		   res,
		   0,
		   0,
		   0};
	draw_fills(&dc, &lp);
	draw_images(&dc, &lp);
	draw_paths(&dc, &lp);
	draw_rules(&dc, &lp);
	draw_texts(&dc, &lp);
	draw_turned(&dc, &lp);
	digest(r.digest, content);
	r.runs = dc.runs;
	r.glyphs = dc.glyphs;
	r.nmc = dc.nmc;
	r.content = content->len;
	memcpy(res->data, &r, sizeof r);
}
