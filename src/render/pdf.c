/*
 * pdf.c - drawing laid-out pages with libharu (see pdf.h).
 *
 * libharu facts we rely on (../shared/notes/library-facts.md): compression
 * must be set before fonts are loaded; UTF-8 needs HPDF_UseUTFEncodings and
 * the "UTF-8" encoder; widths come from HPDF_Font_GetUnicodeWidth, which
 * also marks the glyph as used (so every glyph we print was measured by
 * the layout first); a missing glyph has glyph id 0, reported once per code
 * point.  libharu's error handler only records the first error; we check it
 * at the end.
 *
 * Speed: libharu's path and text operators cost thousands of instructions
 * each (every call clears a buffer and formats numbers slowly), more than
 * everything else annex does.  So a page's content is written by us into
 * one buffer and handed to the page's content stream in a single
 * HPDF_Stream_Write: fills first, then rules, then text (path operators are
 * illegal inside BT/ET).  With the "UTF-8" encoder libharu's Type0 fonts use
 * Identity-H with the BMP code point as the code, so text is written as
 * 4-digit hex strings of code points; libharu still names the font in the
 * page's resources (HPDF_Page_GetLocalFontName) and embeds it.  A code
 * point beyond the BMP (which libharu cannot encode) prints as U+FFFD with
 * a warning.  Fonts are loaded on first use, so an unused one costs
 * nothing.
 */
#include "pdf.h"
#include "hpdf_fast.h"
#include "xref.h"
#include "pack.h"
#include "pdfa.h"
#include "tags.h"
#include "../util/arena.h"
#include "../util/atomic.h"
#include "../util/infile.h"
#include "../util/utf8.h"

#include <hpdf.h>
#include <png.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file goes to the sink in blocks of this size: libharu writes it in
 * pieces of a few bytes each. */
#define RND_WRITE_BLOCK (256 * 1024)

typedef struct rnd_font {
	HPDF_Font font; /* NULL until first used */
	HPDF_FontDef def;
	lay_font lf;
	uint8_t missing[8192]; /* one bit per BMP code point without glyph */
	uint8_t quiet[8192];   /* already reported by the document stage */
	uint32_t box;	       /* what prints instead of a missing glyph */
	const char *path;
	struct rnd_doc *doc;
	int failed; /* could not be loaded: reported once */
} rnd_font;

struct rnd_doc {
	HPDF_Doc pdf;
	HPDF_STATUS error;
	HPDF_STATUS detail;
	diag *d;
	int reported; /* the libharu error was reported */
	rnd_font fonts[RND_MAX_FONTS];
	lay_font *lfonts[RND_MAX_FONTS];
	int nfonts;
	HPDF_Page *pages;
	int npages, cappages;
	float page_w, page_h;
	int compress;
	/* Open outline entries by level, to parent deeper ones. */
	HPDF_Outline outline[8];
	buf content; /* the page being drawn */
	pack *pk;    /* deflating (when compressing), from the first page */
	int threads; /* for pk: rnd_set_threads */
	uint64_t digest[2]; /* of every page's content: the file's /ID */
	rnd_meta meta;
	const char *icc;	    /* PDF/A-2u with this profile, or NULL */
	char conformance;	    /* of the PDF/A: 'A' or 'U' */
	rnd_tags *tags;		    /* tagged PDF: marked content, or NULL */
	const char *lang;	    /* and its /Lang */
	int ua;			    /* PDF/UA-1 */
	uint32_t warned_astral[64]; /* non-BMP code points warned about */
	long runs, glyphs;	    /* text drawn, for the benchmark */
	HPDF_Image *images;	    /* rnd_image, by id */
	int nimages;
	int nastral;
};

/* libharu's error codes in words (hpdf_error.h).  A code not listed
 * here is "an internal error of the PDF library" with its number. */
static const struct {
	HPDF_STATUS code;
	const char *text;
} hpdf_errors[] = {
	{HPDF_FAILD_TO_ALLOC_MEM, "out of memory"},
	{HPDF_FILE_IO_ERROR, "a file could not be read or written"},
	{HPDF_FILE_OPEN_ERROR, "a file could not be opened"},
	{HPDF_FONT_INVALID_WIDTHS_TABLE, "the font's widths are damaged"},
	{HPDF_INVALID_FONTDEF_DATA, "the font file is damaged"},
	{HPDF_INVALID_FONTDEF_TYPE, "the font is of a kind that cannot be "
				    "used"},
	{HPDF_INVALID_FONT_NAME, "the font has no usable name"},
	{HPDF_INVALID_FONT, "the font cannot be used"},
	{HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font's licence forbids "
					 "embedding it in a PDF"},
	{HPDF_TTF_INVALID_CMAP, "the font has no Unicode character map"},
	{HPDF_TTF_INVALID_FOMAT, "the font is not a TrueType font libharu "
				 "can read"},
	{HPDF_TTF_MISSING_TABLE, "the font file lacks a table it needs "
				 "(truncated or damaged)"},
	{HPDF_INVALID_TTC_FILE, "the font collection is damaged"},
	{HPDF_INVALID_TTC_INDEX, "the font is not in the collection"},
	{HPDF_UNSUPPORTED_FONT_TYPE, "the font is of an unsupported kind"},
	{HPDF_INVALID_IMAGE, "the image is damaged"},
	{HPDF_INVALID_PNG_IMAGE, "the PNG image is damaged"},
	{HPDF_LIBPNG_ERROR, "the PNG image cannot be read"},
	{HPDF_INVALID_JPEG_DATA, "the JPEG image is damaged"},
	{HPDF_UNSUPPORTED_JPEG_FORMAT, "the JPEG image is of an unsupported "
				       "kind"},
	{HPDF_INVALID_ICC_COMPONENT_NUM, "the ICC profile is not an RGB "
					 "profile"},
	{HPDF_ZLIB_ERROR, "compressing the PDF failed"},
	{HPDF_PAGE_INVALID_SIZE, "the page size is out of range"},
	{HPDF_PAGE_OUT_OF_RANGE, "a position is outside the page"},
	{HPDF_REAL_OUT_OF_RANGE, "a number is outside the range a PDF "
				 "allows"},
	{HPDF_STRING_OUT_OF_RANGE, "a text is longer than a PDF allows"},
	{HPDF_PAGE_INVALID_FONT_SIZE, "a font size is out of range"},
	{HPDF_XREF_COUNT_ERR, "the document has more objects than a PDF "
			      "allows"},
	{HPDF_ARRAY_COUNT_ERR, "the document has more items in a list "
			       "than a PDF allows"},
	{HPDF_DICT_COUNT_ERR, "the document has more entries than a PDF "
			      "allows"},
};

const char *rnd_error_text(unsigned long code, char *tmp, size_t n)
{
	for (size_t i = 0; i < sizeof hpdf_errors / sizeof *hpdf_errors; i++)
		if (hpdf_errors[i].code == code)
			return hpdf_errors[i].text;
	snprintf(tmp, n,
		 "an internal error of the PDF library (libharu code "
		 "0x%04lX)",
		 code);
	return tmp;
}

/* Report the first libharu error, once, in words, and say the document is
 * not usable.  Returns -1. */
static int report_error(rnd_doc *r, const char *where)
{
	char tmp[96];
	if (!r->reported) {
		r->reported = 1;
		if (r->error == HPDF_FAILD_TO_ALLOC_MEM)
			oom_exit();
		diag_error(r->d, where, 0, "cannot make the PDF: %s",
			   rnd_error_text(r->error, tmp, sizeof tmp));
	}
	return -1;
}

/* Load font f if not yet loaded.  Returns 0, or -1 after reporting. */
static int font_load(rnd_font *f)
{
	rnd_doc *r = f->doc;
	if (f->font)
		return 0;
	if (r->error || f->failed)
		return -1;
	const char *name = HPDF_LoadTTFontFromFile(r->pdf, f->path, HPDF_TRUE);
	f->font = name ? HPDF_GetFont(r->pdf, name, "UTF-8") : NULL;
	if (!f->font || r->error) {
		char tmp[96];
		if (r->error == HPDF_FAILD_TO_ALLOC_MEM)
			oom_exit();
		diag_error(
			r->d, f->path, 0, "cannot load the font: %s",
			rnd_error_text(r->error ? r->error : HPDF_INVALID_FONT,
				       tmp, sizeof tmp));
		r->reported = 1;
		f->font = NULL;
		f->failed = 1;
		return -1;
	}
	f->def = ((HPDF_FontAttr)f->font->attr)->fontdef;
	f->box = HPDF_TTFontDef_GetGlyphid(f->def, 0x25A1) ? 0x25A1 : '?';
	return 0;
}

/* libharu's allocations: out of memory ends the run at once ("out of
 * memory", exit 1), as everywhere else. */
static void *hpdf_alloc(HPDF_UINT size)
{
	return xmalloc(size);
}

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *ud)
{
	rnd_doc *r = ud;
	if (error == HPDF_FAILD_TO_ALLOC_MEM)
		oom_exit();
	if (!r->error) {
		r->error = error;
		r->detail = detail;
	}
}

/* The code point that prints for cp in font f: itself, or, when the font
 * has no glyph for it (or it is a control character), a white square
 * U+25A1 (or '?' if the font lacks that too).  PDF/A forbids .notdef. */
static uint32_t printable(rnd_font *f, uint32_t cp)
{
	if (cp == '\t')
		return ' ';
	if (cp <= 0xFFFF && !(f->missing[cp >> 3] & (1u << (cp & 7))))
		return cp;
	return f->box;
}

static int advance(void *ctx, uint32_t cp)
{
	rnd_font *f = ctx;
	if (font_load(f) != 0)
		return 500;
	if (cp == '\t')
		cp = ' ';
	if (cp < 0x20 || cp == 0x7F ||
	    HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) == 0) {
		f->missing[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		char u[5] = {0};
		if (cp >= 0x20)
			utf8_encode(cp, u);
		if (cp != 0xFFFD && !(f->quiet[cp >> 3] & (1u << (cp & 7))))
			diag_warning(f->doc->d, f->path, 0,
				     "no glyph for U+%04X%s%s%s; it prints as "
				     "a white square",
				     (unsigned)cp, *u ? " '" : "", u,
				     *u ? "'" : "");
		cp = f->box;
	}
	return HPDF_Font_GetUnicodeWidth(f->font, (HPDF_UNICODE)cp);
}

rnd_doc *rnd_open(const char *const *font_paths, int nfonts, float page_w,
		  float page_h, int compress, const char *where, diag *d)
{
	rnd_doc *r = xcalloc(1, sizeof *r);
	int bad = 0;
	r->d = d;
	r->digest[0] = 14695981039346656037ull;
	r->digest[1] = 0x84222325cbf29ce4ull;
	r->meta.epoch = -1;
	r->page_w = page_w;
	r->page_h = page_h;
	/* Every font is verified (a regular file, a whole TrueType font)
	 * before libharu reads it: template.c did so at the key's line. */
	for (int i = 0; i < nfonts; i++) {
		char why[256];
		if (infile_verify(font_paths[i], INFILE_TTF, why, sizeof why)) {
			diag_error(d, where, 0, "font %s: %s", font_paths[i],
				   why);
			bad = 1;
		}
	}
	if (bad || nfonts > RND_MAX_FONTS) {
		free(r);
		return NULL;
	}
	r->pdf = HPDF_NewEx(on_error, hpdf_alloc, free, 0, r);
	if (!r->pdf) {
		diag_error(d, NULL, 0, "cannot start a PDF document");
		free(r);
		return NULL;
	}
	r->compress = compress;
	if (compress) {
		HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL);
	}
	HPDF_UseUTFEncodings(r->pdf);
	HPDF_SetCurrentEncoder(r->pdf, "UTF-8");
	for (int i = 0; i < nfonts; i++) {
		rnd_font *f = &r->fonts[i];
		f->path = font_paths[i];
		f->doc = r;
		lay_font_init(&f->lf, advance, f);
		r->lfonts[i] = &f->lf;
	}
	/* Every style is loaded now, so that a broken font file is reported
	 * once, before any layout work, by check as by build. */
	r->nfonts = nfonts;
	for (int i = 0; i < nfonts; i++)
		if (font_load(&r->fonts[i]) != 0 ||
		    HPDF_Font_GetUnicodeWidth(r->fonts[i].font, ' ') < 0 ||
		    r->error) {
			if (r->error)
				report_error(r, r->fonts[i].path);
			rnd_free(r);
			return NULL;
		}
	HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	return r;
}

lay_font **rnd_fonts(rnd_doc *r)
{
	return r->lfonts;
}

int rnd_printable(rnd_doc *r, int font, uint32_t cp)
{
	rnd_font *f = &r->fonts[font];
	if (font_load(f) != 0)
		return 1;
	if (cp > 0xFFFF) {
		if (r->nastral < 64)
			r->warned_astral[r->nastral++] = cp;
		return 0;
	}
	f->quiet[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	if (cp == '\t' || cp == '\n')
		return 1;
	return cp >= 0x20 && cp != 0x7F &&
	       HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) != 0;
}

void rnd_text_stats(const rnd_doc *r, long *runs, long *glyphs)
{
	*runs = r->runs;
	*glyphs = r->glyphs;
}

int rnd_page_count(const rnd_doc *r)
{
	return r->npages;
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
 * space after it (LAY_SPACE in a tagged PDF). */
static void put_text(rnd_doc *r, rnd_font *f, buf *b, const char *s,
		     uint32_t len, int space)
{
	buf_reserve(b, (size_t)len * 4 + 8);
	b->data[b->len++] = '(';
	r->runs++;
	for (uint32_t i = 0; i < len;) {
		uint32_t cp = (unsigned char)s[i];
		if (cp < 0x80)
			i++;
		else
			i += (uint32_t)utf8_decode(s + i, len - i, &cp);
		if (cp > 0xFFFF) {
			int seen = 0;
			for (int k = 0; k < r->nastral && !seen; k++)
				seen = r->warned_astral[k] == cp;
			if (!seen && r->nastral < 64) {
				r->warned_astral[r->nastral++] = cp;
				diag_warning(r->d, NULL, 0,
					     "character U+%04X is outside the "
					     "Basic Multilingual Plane, which "
					     "the PDF fonts cannot encode; it "
					     "prints as a white square",
					     (unsigned)cp);
			}
			cp = f->box;
		} else {
			cp = printable(f, cp);
		}
		r->glyphs++; /* room reserved above: at most 4 bytes a glyph */
		put_code(b, cp);
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
static void draw_fills(rnd_tags *g, buf *b, float H, const lay_page *lp)
{
	uint32_t color = 0xFFFFFFFFu, sid = 0;
	int any = 0;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_FILL)
			continue;
		if (any && it->sid != sid)
			tags_end(g, b);
		if (!any++ || it->sid != sid)
			tags_begin(g, b, sid = it->sid);
		if (it->color != color)
			put_rgb(b, color = it->color, "rg\n");
		put_num(b, it->x);
		put_num(b, H - it->y - it->h);
		put_num(b, it->w);
		put_num(b, it->h);
		buf_puts(b, "re f\n");
	}
	if (any)
		tags_end(g, b);
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
static void draw_rules(rnd_tags *tg, buf *b, float H, const lay_page *lp)
{
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
			tags_end(tg, b);
		}
		if (!any++ || own != sid)
			tags_begin(tg, b, sid = own);
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
		tags_end(tg, b);
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
static void draw_paths(rnd_tags *g, buf *b, float H, const lay_page *lp)
{
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
			tags_end(g, b);
			open = 0;
		}
		if (!open) {
			tags_begin(g, b, sid = it->sid);
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
		tags_end(g, b);
	}
}

/* The texts of lp, in one BT ... ET. */
static void draw_texts(rnd_doc *r, HPDF_Page p, const lay_page *lp)
{
	buf *b = &r->content;
	int font = -1;
	float size = -1;
	long tx = 0, ty = 0; /* start of the current line, hundredths */
	uint32_t color = 0xFFFFFFFFu;
	int bt = 0;
	uint32_t sid = 0; /* of the open marked content */
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_TEXT || it->angle != 0)
			continue;
		if (!bt) {
			buf_puts(b, "BT\n");
			bt = 1;
		} else if (it->sid != sid) {
			tags_end(r->tags, b);
		}
		if (bt == 1 || it->sid != sid) {
			tags_begin(r->tags, b, sid = it->sid);
			bt = 2;
		}
		if (it->font != font || it->h != size) {
			rnd_font *f = &r->fonts[it->font];
			font = it->font;
			size = it->h;
			if (font_load(f) != 0)
				continue;
			buf_printf(b, "/%s ",
				   HPDF_Page_GetLocalFontName(p, f->font));
			put_num(b, size);
			buf_puts(b, "Tf\n");
		}
		if (it->color != color)
			put_rgb(b, color = it->color, "rg\n");
		/* Td moves relative to the previous line's start; positions
		 * are rounded first, so the moves add up exactly. */
		long x = cents(it->x), y = cents(r->page_h - it->y);
		put_cents(b, x - tx);
		put_cents(b, y - ty);
		buf_puts(b, "Td");
		tx = x;
		ty = y;
		put_text(r, &r->fonts[font], b, it->s, it->len,
			 r->tags && (it->flags & LAY_SPACE));
	}
	if (bt) {
		tags_end(r->tags, b);
		buf_puts(b, "ET\n");
	}
}

/* Draw the items of lp on page p: fills, rules, then text. */
/* Images: each loaded once (rnd_image) and drawn by name on every page
 * that shows it, scaled into its box. */
static void draw_images(rnd_doc *r, HPDF_Page p, const lay_page *lp)
{
	buf *b = &r->content;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_IMAGE || it->len >= (uint32_t)r->nimages)
			continue;
		const char *name =
			HPDF_Page_GetXObjectName(p, r->images[it->len]);
		if (!name)
			continue;
		tags_begin(r->tags, b, it->sid);
		buf_puts(b, "q ");
		put_num(b, it->w);
		buf_puts(b, "0 0 ");
		put_num(b, it->h);
		put_num(b, it->x);
		put_num(b, r->page_h - it->y - it->h);
		buf_printf(b, "cm /%s Do Q\n", name);
		tags_end(r->tags, b);
	}
}

/* Text turned by its angle (the draft watermark), each in its own text
 * object with a text matrix. */
static void draw_turned(rnd_doc *r, HPDF_Page p, const lay_page *lp)
{
	buf *b = &r->content;
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind != LAY_TEXT || it->angle == 0)
			continue;
		rnd_font *f = &r->fonts[it->font];
		if (font_load(f) != 0)
			continue;
		double a = it->angle * 3.14159265358979 / 180.0;
		float c = (float)cos(a), s = (float)sin(a);
		tags_begin(r->tags, b, 0);
		buf_printf(b, "BT\n/%s ",
			   HPDF_Page_GetLocalFontName(p, f->font));
		put_num(b, it->h);
		buf_puts(b, "Tf\n");
		put_rgb(b, it->color, "rg\n");
		put_num(b, c);
		put_num(b, s);
		put_num(b, -s);
		put_num(b, c);
		put_num(b, it->x);
		put_num(b, r->page_h - it->y);
		buf_puts(b, "Tm");
		put_text(r, f, b, it->s, it->len, 0);
		buf_puts(b, "ET\n");
		tags_end(r->tags, b);
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

static void draw_items(rnd_doc *r, HPDF_Page p, const lay_page *lp)
{
	buf *b = &r->content;
	buf_reset(b);
	draw_fills(r->tags, b, r->page_h, lp);
	draw_images(r, p, lp);
	draw_paths(r->tags, b, r->page_h, lp);
	draw_rules(r->tags, b, r->page_h, lp);
	draw_texts(r, p, lp);
	draw_turned(r, p, lp);
	digest(r->digest, b);
}

/* libharu writes a stream's /Filter only from its own filter flags (and
 * removes any we add when they are clear): say it from the dict's write
 * hook, which runs just before the closing ">>". */
static HPDF_STATUS write_flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* A deflated content stream (pack.h) goes into its dict, on this thread,
 * with libharu's own filter cleared. */
static void packed(void *ctx, void *tag, const void *z, size_t n)
{
	HPDF_Dict cs = tag;
	(void)ctx;
	HPDF_Stream_Write(cs->stream, z, (HPDF_UINT)n);
	cs->filter = HPDF_STREAM_FILTER_NONE;
	cs->write_fn = write_flate_key;
}

/*
 * Put r->content into the content stream dict cs.  When compressing, the
 * content goes to pack.c, which deflates it with libdeflate, on a worker
 * thread while the next pages are laid out, and hands the result back in
 * page order (packed).  libharu's own filter would keep every page
 * uncompressed in memory until the save (about 18 KB a page, most of the
 * memory of a long document) and deflate them all then, on one thread,
 * with zlib at about half libdeflate's speed for the same size
 * (README.md, "Performance").
 */
static void write_content(rnd_doc *r, HPDF_Dict cs)
{
	buf *b = &r->content;
	if (!b->len)
		return;
	if (!r->compress) {
		HPDF_Stream_Write(cs->stream, (const HPDF_BYTE *)b->data,
				  (HPDF_UINT)b->len);
		return;
	}
	if (!r->pk)
		r->pk = pack_new(RND_DEFLATE_LEVEL, r->threads, packed, r);
	pack_submit(r->pk, b, cs);
}

void rnd_set_threads(rnd_doc *r, int threads)
{
	if (!r->pk)
		r->threads = threads;
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
	tags_page_begin(r->tags);
	draw_items(r, p, lp);
	tags_page_end(r->tags);
	write_content(r, ((HPDF_PageAttr)p->attr)->contents);
	add_marks(r, p, lp);
}

/* A new content stream on page p holding lp's items. */
static HPDF_Dict extra_stream(rnd_doc *r, HPDF_Page p, const lay_page *lp)
{
	HPDF_Dict cs = HPDF_DictStream_New(r->pdf->mmgr, r->pdf->xref);
	if (!cs)
		return NULL;
	draw_items(r, p, lp);
	write_content(r, cs);
	return cs;
}

void rnd_overlay(rnd_doc *r, int number, const lay_page *under,
		 const lay_page *over)
{
	if (number < 1 || number > r->npages)
		return;
	/* The page's content is already written (and deflated): what goes
	 * under and over it are more content streams, /Contents becoming
	 * [under page over]. */
	HPDF_Page p = r->pages[number - 1];
	HPDF_PageAttr attr = (HPDF_PageAttr)p->attr;
	HPDF_Array contents = HPDF_Array_New(r->pdf->mmgr);
	if (!contents)
		return;
	HPDF_Dict u = under ? extra_stream(r, p, under) : NULL;
	HPDF_Dict o = over ? extra_stream(r, p, over) : NULL;
	if (u)
		HPDF_Array_Add(contents, u);
	HPDF_Array_Add(contents, attr->contents);
	if (o)
		HPDF_Array_Add(contents, o);
	HPDF_Dict_Add(p, "Contents", contents);
}

/* A PNG decoded by libpng, any alpha composited onto white, as raw RGB:
 * PDF/A as annex writes it has no soft masks and no transparency. */
static HPDF_Image load_png(rnd_doc *r, const char *path, const char *where,
			   int line, diag *d)
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&im, path)) {
		diag_error(d, where, line, "logo %s: %s", path, im.message);
		return NULL;
	}
	if ((double)im.width * im.height > RND_MAX_IMAGE_PIXELS) {
		diag_error(d, where, line,
			   "logo %s: %ux%u pixels, more than the %d million "
			   "a logo may have",
			   path, im.width, im.height,
			   RND_MAX_IMAGE_PIXELS / 1000000);
		png_image_free(&im);
		return NULL;
	}
	im.format = PNG_FORMAT_RGB;
	png_color white = {255, 255, 255};
	unsigned char *px = xcalloc(1, PNG_IMAGE_SIZE(im));
	HPDF_Image img = NULL;
	if (!png_image_finish_read(&im, &white, px, 0, NULL))
		diag_error(d, where, line, "logo %s: %s", path, im.message);
	else
		img = HPDF_LoadRawImageFromMem(r->pdf, px, im.width, im.height,
					       HPDF_CS_DEVICE_RGB, 8);
	free(px);
	png_image_free(&im);
	return img;
}

int rnd_image(rnd_doc *r, const char *path, const char *where, int line, int *w,
	      int *h, diag *d)
{
	unsigned char magic[8] = {0};
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(magic, 1, sizeof magic, fp) : 0;
	if (fp)
		fclose(fp);
	HPDF_Image img = NULL;
	if (n == 8 && !memcmp(magic, "\x89PNG\r\n\x1a\n", 8)) {
		img = load_png(r, path, where, line, d);
	} else if (n >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 &&
		   magic[2] == 0xFF) {
		HPDF_STATUS before = r->error;
		img = HPDF_LoadJpegImageFromFile(r->pdf, path);
		HPDF_Error_Reset(&r->pdf->error);
		r->error = before; /* a bad JPEG is reported here */
		const char *cs = img ? HPDF_Image_GetColorSpace(img) : NULL;
		if (!img)
			diag_error(d, where, line,
				   "logo %s: not a JPEG libharu can read "
				   "(baseline or progressive, 8 bits)",
				   path);
		else if (cs && !strcmp(cs, "DeviceCMYK")) {
			diag_error(d, where, line,
				   "logo %s: a CMYK JPEG cannot go into a "
				   "PDF/A with an sRGB output intent; save it "
				   "as RGB",
				   path);
			img = NULL;
		}
	} else {
		diag_error(d, where, line, "logo %s: %s", path,
			   fp ? "neither a PNG nor a JPEG file"
			      : strerror(errno));
	}
	if (!img)
		return -1;
	r->images = xrealloc(r->images,
			     (size_t)(r->nimages + 1) * sizeof(HPDF_Image));
	r->images[r->nimages] = img;
	*w = (int)HPDF_Image_GetWidth(img);
	*h = (int)HPDF_Image_GetHeight(img);
	return r->nimages++;
}

void rnd_set_meta(rnd_doc *r, const rnd_meta *m)
{
	r->meta = *m;
}

void rnd_set_pdfa(rnd_doc *r, const char *icc_path, char conformance)
{
	r->icc = icc_path;
	r->conformance = conformance;
}

void rnd_set_tags(rnd_doc *r, const lay_tree *tree, const char *lang, int ua)
{
	tags_free(r->tags);
	r->tags = tree ? tags_new(tree) : NULL;
	r->lang = lang;
	r->ua = ua;
}

/* The sink behind libharu's callback stream: bytes gather in blk and go
 * to fn a block at a time; failed: fn refused a block. */
typedef struct sink_ctx {
	rnd_sink fn;
	void *ctx;
	char *blk;
	size_t len;
	int failed;
} sink_ctx;

static int sink_flush(sink_ctx *s)
{
	if (s->len && !s->failed && s->fn(s->ctx, s->blk, s->len) != 0)
		s->failed = 1;
	s->len = 0;
	return s->failed ? -1 : 0;
}

static HPDF_STATUS sink_write(HPDF_Stream st, const HPDF_BYTE *p, HPDF_UINT n)
{
	sink_ctx *s = st->attr;
	while (n > 0) {
		if (s->len == RND_WRITE_BLOCK && sink_flush(s) != 0)
			return HPDF_FILE_IO_ERROR;
		size_t k = RND_WRITE_BLOCK - s->len;
		if (k > n)
			k = n;
		memcpy(s->blk + s->len, p, k);
		s->len += k;
		p += k;
		n -= (HPDF_UINT)k;
	}
	return s->failed ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

int rnd_write(rnd_doc *r, rnd_sink fn, void *ctx, const char *where, diag *d)
{
	/* Every page is in the document now: the workers, their buffers and
	 * the glyph tables go before the save, the memory's peak. */
	pack_free(r->pk);
	r->pk = NULL;
	hpdf_fast_forget();
	if (r->error)
		return report_error(r, where);
	if (r->npages > 0) {
		/* Open at page 1, whole page, with the outline shown. */
		HPDF_Destination dst = HPDF_Page_CreateDestination(r->pages[0]);
		HPDF_Destination_SetFit(dst);
		HPDF_SetOpenAction(r->pdf, dst);
	}
	char msg[256];
	pdfa_info info = {r->meta.title,    r->meta.author,  r->meta.subject,
			  r->meta.keywords, r->meta.creator, NULL,
			  r->meta.epoch,    r->conformance,  r->tags && r->ua};
	if (r->tags && tags_write(r->tags, r->pdf, r->pages, r->npages, r->lang,
				  msg, sizeof msg) != 0) {
		if (r->error)
			return report_error(r, where);
		diag_error(d, where, 0, "%s", msg);
		return -1;
	}
	if ((r->icc ? pdfa_prepare(r->pdf, &info, r->icc, r->digest,
				   sizeof r->digest, msg, sizeof msg)
		    : pdfa_plain(r->pdf, &info, msg, sizeof msg)) != 0) {
		if (r->error)
			return report_error(r, where);
		diag_error(d, where, 0, "%s%s", r->icc ? "PDF/A: " : "", msg);
		return -1;
	}
	/* libharu writes the file through our sink: its memory stream is
	 * replaced by a callback stream, so the file is never held twice. */
	sink_ctx s = {fn, ctx, NULL, 0, 0};
	HPDF_Stream st = HPDF_CallbackWriter_New(r->pdf->mmgr, sink_write, &s);
	if (!st)
		return report_error(r, where);
	s.blk = xmalloc(RND_WRITE_BLOCK);
	HPDF_Stream old = r->pdf->stream;
	r->pdf->stream = st;
	HPDF_STATUS rc = HPDF_SaveToStream(r->pdf);
	xref_extra_set(r->pdf, NULL); /* tags_write's */
	r->pdf->stream = old;
	HPDF_Stream_Free(st);
	if (rc == HPDF_OK && sink_flush(&s) != 0)
		rc = HPDF_FILE_IO_ERROR;
	free(s.blk);
	if (rc == HPDF_FILE_IO_ERROR || (r->error == HPDF_FILE_IO_ERROR))
		return -1; /* the sink failed: its owner reports why */
	if (rc != HPDF_OK || r->error)
		return report_error(r, where);
	return 0;
}

void rnd_free(rnd_doc *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nfonts; i++)
		lay_font_free(&r->fonts[i].lf);
	pack_free(r->pk); /* may still write into the document */
	hpdf_fast_forget();
	if (r->pdf) {
		xref_extra_set(r->pdf, NULL); /* a save that did not happen */
		HPDF_Free(r->pdf);
	}
	free(r->pages);
	free(r->images);
	tags_free(r->tags);
	buf_free(&r->content);
	free(r);
}
