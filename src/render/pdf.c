/*
 * pdf.c - drawing laid-out pages with libharu (see pdf.h).
 *
 * libharu facts we rely on (../shared/notes/library-facts.md): compression
 * must be set before fonts are loaded; UTF-8 needs HPDF_UseUTFEncodings and
 * the "UTF-8" encoder; path operators are illegal inside BT/ET, so each page
 * is drawn in three passes (fills, rules, text); widths come from
 * HPDF_Font_GetUnicodeWidth, which also marks the glyph as used; a missing
 * glyph has glyph id 0 and characters beyond the BMP become spaces, both
 * reported once per code point.  libharu's error handler only records the
 * first error; we check it at the end.
 */
#include "pdf.h"
#include "../util/arena.h"
#include "../util/utf8.h"

#include <hpdf.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct rnd_font {
	HPDF_Font font;
	HPDF_FontDef def;
	lay_font lf;
	uint8_t warned[8192]; /* one bit per BMP code point */
	const char *path;
	struct rnd_doc *doc;
} rnd_font;

struct rnd_doc {
	HPDF_Doc pdf;
	HPDF_STATUS error;
	HPDF_STATUS detail;
	diag *d;
	rnd_font fonts[RND_MAX_FONTS];
	lay_font *lfonts[RND_MAX_FONTS];
	int nfonts;
	HPDF_Page *pages;
	int npages, cappages;
	float page_w, page_h;
	/* Open outline entries by level, to parent deeper ones. */
	HPDF_Outline outline[8];
	char *textbuf;
	size_t textcap;
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *ud)
{
	rnd_doc *r = ud;
	if (!r->error) {
		r->error = error;
		r->detail = detail;
	}
}

static int advance(void *ctx, uint32_t cp)
{
	rnd_font *f = ctx;
	if (cp != 0xFFFD && cp >= 0x20 &&
	    HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) == 0 &&
	    !(f->warned[cp >> 3] & (1u << (cp & 7)))) {
		f->warned[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		char u[5] = {0};
		utf8_encode(cp, u);
		diag_warning(f->doc->d, f->path, 0,
			     "font has no glyph for U+%04X '%s'; it prints "
			     "as a blank box",
			     (unsigned)cp, u);
	}
	return HPDF_Font_GetUnicodeWidth(f->font, (HPDF_UNICODE)cp);
}

rnd_doc *rnd_open(const char *const *font_paths, int nfonts, float page_w,
		  float page_h, int compress, const char *where, diag *d)
{
	rnd_doc *r = xcalloc(1, sizeof *r);
	int bad = 0;
	r->d = d;
	r->page_w = page_w;
	r->page_h = page_h;
	for (int i = 0; i < nfonts; i++) {
		FILE *fp = fopen(font_paths[i], "rb");
		if (!fp) {
			diag_error(d, where, 0, "cannot read font file %s: %s",
				   font_paths[i], strerror(errno));
			bad = 1;
		} else {
			fclose(fp);
		}
	}
	if (bad || nfonts > RND_MAX_FONTS) {
		free(r);
		return NULL;
	}
	r->pdf = HPDF_New(on_error, r);
	if (!r->pdf) {
		diag_error(d, NULL, 0, "cannot start a PDF document");
		free(r);
		return NULL;
	}
	if (compress)
		HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(r->pdf);
	HPDF_SetCurrentEncoder(r->pdf, "UTF-8");
	for (int i = 0; i < nfonts; i++) {
		rnd_font *f = &r->fonts[i];
		const char *name =
			HPDF_LoadTTFontFromFile(r->pdf, font_paths[i], HPDF_TRUE);
		f->font = name ? HPDF_GetFont(r->pdf, name, "UTF-8") : NULL;
		if (!f->font || r->error) {
			diag_error(d, where, 0,
				   "cannot load TrueType font %s (libharu "
				   "error 0x%04X)",
				   font_paths[i], (unsigned)r->error);
			rnd_free(r);
			return NULL;
		}
		f->def = ((HPDF_FontAttr)f->font->attr)->fontdef;
		f->path = font_paths[i];
		f->doc = r;
		lay_font_init(&f->lf, advance, f);
		r->lfonts[i] = &f->lf;
	}
	r->nfonts = nfonts;
	HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	return r;
}

lay_font **rnd_fonts(rnd_doc *r)
{
	return r->lfonts;
}

int rnd_page_count(const rnd_doc *r)
{
	return r->npages;
}

static void set_rgb_fill(HPDF_Page p, uint32_t c)
{
	HPDF_Page_SetRGBFill(p, (float)((c >> 16) & 255) / 255.0f,
			     (float)((c >> 8) & 255) / 255.0f,
			     (float)(c & 255) / 255.0f);
}

static void set_rgb_stroke(HPDF_Page p, uint32_t c)
{
	HPDF_Page_SetRGBStroke(p, (float)((c >> 16) & 255) / 255.0f,
			       (float)((c >> 8) & 255) / 255.0f,
			       (float)(c & 255) / 255.0f);
}

/* Draw the items of lp on page p in three passes. */
static void draw_items(rnd_doc *r, HPDF_Page p, const lay_page *lp)
{
	const float H = r->page_h;
	uint32_t color = 0xFFFFFFFFu;
	float lw = -1;

	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_FILL)
			continue;
		if (it->color != color)
			set_rgb_fill(p, color = it->color);
		HPDF_Page_Rectangle(p, it->x, H - it->y - it->h, it->w, it->h);
		HPDF_Page_Fill(p);
	}
	color = 0xFFFFFFFFu;
	int open = 0;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		float x1, y1, x2, y2, w;
		uint32_t c = it->color;
		if (it->kind == LAY_RULE) {
			x1 = it->x, y1 = it->y, x2 = it->w, y2 = it->h;
			w = it->lw;
		} else if (it->kind == LAY_TEXT && (it->flags & LAY_STRIKE)) {
			x1 = it->x, x2 = it->x + it->w;
			y1 = y2 = it->y - it->h * 0.3f;
			w = it->h * 0.06f;
		} else {
			continue;
		}
		if (open && (c != color || w != lw)) {
			HPDF_Page_Stroke(p);
			open = 0;
		}
		if (c != color)
			set_rgb_stroke(p, color = c);
		if (w != lw)
			HPDF_Page_SetLineWidth(p, lw = w);
		HPDF_Page_MoveTo(p, x1, H - y1);
		HPDF_Page_LineTo(p, x2, H - y2);
		open = 1;
	}
	if (open)
		HPDF_Page_Stroke(p);

	int font = -1;
	float size = -1;
	color = 0xFFFFFFFFu;
	int bt = 0;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_TEXT)
			continue;
		if (!bt) {
			HPDF_Page_BeginText(p);
			bt = 1;
		}
		if (it->font != font || it->h != size) {
			font = it->font;
			size = it->h;
			HPDF_Page_SetFontAndSize(p, r->fonts[font].font, size);
		}
		if (it->color != color)
			set_rgb_fill(p, color = it->color);
		if (it->len + 1 > r->textcap) {
			r->textcap = (it->len + 1) * 2;
			r->textbuf = xrealloc(r->textbuf, r->textcap);
		}
		memcpy(r->textbuf, it->s, it->len);
		r->textbuf[it->len] = '\0';
		HPDF_Page_TextOut(p, it->x, H - it->y, r->textbuf);
	}
	if (bt)
		HPDF_Page_EndText(p);
}

static void add_marks(rnd_doc *r, HPDF_Page p, const lay_page *lp)
{
	HPDF_Encoder enc = HPDF_GetEncoder(r->pdf, "UTF-8");
	for (int i = 0; i < lp->nmarks; i++) {
		const lay_mark *m = &lp->marks[i];
		int lvl = m->level < 0 ? 0 : m->level > 7 ? 7 : m->level;
		HPDF_Outline parent = NULL;
		for (int k = lvl - 1; k >= 0 && !parent; k--)
			parent = r->outline[k];
		HPDF_Outline o =
			HPDF_CreateOutline(r->pdf, parent, m->title, enc);
		if (!o)
			continue;
		HPDF_Destination dst = HPDF_Page_CreateDestination(p);
		HPDF_Destination_SetFitH(dst, r->page_h - m->y + 4);
		HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, lvl == 0);
		r->outline[lvl] = o;
		for (int k = lvl + 1; k < 8; k++)
			r->outline[k] = NULL;
	}
}

void rnd_emit_page(void *ctx, const lay_page *lp)
{
	rnd_doc *r = ctx;
	HPDF_Page p = HPDF_AddPage(r->pdf);
	if (!p)
		return;
	HPDF_Page_SetWidth(p, r->page_w);
	HPDF_Page_SetHeight(p, r->page_h);
	if (r->npages == r->cappages) {
		r->cappages = r->cappages ? r->cappages * 2 : 64;
		r->pages = xrealloc(r->pages,
				    (size_t)r->cappages * sizeof(HPDF_Page));
	}
	r->pages[r->npages++] = p;
	if (r->npages == 32767)
		HPDF_SetPagesConfiguration(r->pdf, 1000);
	draw_items(r, p, lp);
	add_marks(r, p, lp);
}

void rnd_overlay(rnd_doc *r, int number, const lay_page *lp)
{
	if (number < 1 || number > r->npages)
		return;
	draw_items(r, r->pages[number - 1], lp);
}

void rnd_set_meta(rnd_doc *r, const rnd_meta *m)
{
	(void)r;
	(void)m;
}

int rnd_save(rnd_doc *r, const char *path, diag *d)
{
	if (r->npages > 0) {
		/* Open at page 1, whole page, with the outline shown. */
		HPDF_Destination dst = HPDF_Page_CreateDestination(r->pages[0]);
		HPDF_Destination_SetFit(dst);
		HPDF_SetOpenAction(r->pdf, dst);
	}
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 16);
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_error(d, path, 0, "cannot write: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	if (r->error) {
		diag_error(d, path, 0, "PDF library error 0x%04X (detail %u)",
			   (unsigned)r->error, (unsigned)r->detail);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	HPDF_STATUS st = HPDF_SaveToFile(r->pdf, tmp);
	if (st != HPDF_OK || r->error) {
		diag_error(d, path, 0, "cannot write the PDF (error 0x%04X)",
			   (unsigned)(st ? st : r->error));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		diag_error(d, path, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

void rnd_free(rnd_doc *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nfonts; i++)
		lay_font_free(&r->fonts[i].lf);
	if (r->pdf)
		HPDF_Free(r->pdf);
	free(r->pages);
	free(r->textbuf);
	free(r);
}
