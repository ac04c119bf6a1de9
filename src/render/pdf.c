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
#include "draw.h"
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
	draw_font df;	     /* the glyphs it lacks, what prints instead */
	uint8_t quiet[8192]; /* already reported by the document stage */
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
	buf content; /* the page being drawn (one thread) */
	buf job;     /* the page to draw (draw.h) */
	pack *pk;    /* deflating (when compressing), from the first page */
	int threads; /* for pk: rnd_set_threads */
	uint64_t digest[2]; /* of every page's content: the file's /ID */
	rnd_meta meta;
	const char *icc;	    /* PDF/A-2u with this profile, or NULL */
	char conformance;	    /* of the PDF/A: 'A' or 'U' */
	rnd_tags *tags;		    /* tagged PDF: marked content, or NULL */
	const lay_tree *tree;	    /* and its structure */
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
	f->df.box = HPDF_TTFontDef_GetGlyphid(f->def, 0x25A1) ? 0x25A1 : '?';
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

static int advance(void *ctx, uint32_t cp)
{
	rnd_font *f = ctx;
	if (font_load(f) != 0)
		return 500;
	if (cp == '\t')
		cp = ' ';
	if (cp < 0x20 || cp == 0x7F ||
	    HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) == 0) {
		atomic_fetch_or_explicit(&f->df.missing[cp >> 3],
					 (unsigned char)(1u << (cp & 7)),
					 memory_order_relaxed);
		char u[5] = {0};
		if (cp >= 0x20)
			utf8_encode(cp, u);
		if (cp != 0xFFFD && !(f->quiet[cp >> 3] & (1u << (cp & 7))))
			diag_warning(f->doc->d, f->path, 0,
				     "no glyph for U+%04X%s%s%s; it prints as "
				     "a white square",
				     (unsigned)cp, *u ? " '" : "", u,
				     *u ? "'" : "");
		cp = f->df.box;
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

/* ---- pages to draw (draw.h) ------------------------------------------- */

/* Warn once about each code point beyond the BMP in s (the fonts cannot
 * encode it; draw.c prints the box). */
static void warn_astral(rnd_doc *r, const char *s, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		uint32_t cp;
		if ((unsigned char)s[i] < 0xF0 ||
		    utf8_decode(s + i, len - i, &cp) != 4 || cp <= 0xFFFF)
			continue;
		int seen = 0;
		for (int k = 0; k < r->nastral && !seen; k++)
			seen = r->warned_astral[k] == cp;
		if (!seen && r->nastral < 64) {
			r->warned_astral[r->nastral++] = cp;
			diag_warning(r->d, NULL, 0,
				     "character U+%04X is outside the Basic "
				     "Multilingual Plane, which the PDF fonts "
				     "cannot encode; it prints as a white "
				     "square",
				     (unsigned)cp);
		}
	}
}

/* The names page p gives the fonts and images of lp, asked in the order
 * drawing uses them (images, texts, turned texts), so that the page's
 * resources are listed as before; the texts' astral characters are warned
 * about in that order too. */
static void page_names(rnd_doc *r, HPDF_Page p, const lay_page *lp,
		       const char **fname, const char **iname)
{
	for (int i = 0; i < lp->nitems; i++) {
		const lay_item *it = &lp->items[i];
		if (it->kind == LAY_IMAGE && it->len < (uint32_t)r->nimages &&
		    !iname[it->len])
			iname[it->len] =
				HPDF_Page_GetXObjectName(p, r->images[it->len]);
	}
	for (int turned = 0; turned < 2; turned++)
		for (int i = 0; i < lp->nitems; i++) {
			const lay_item *it = &lp->items[i];
			if (it->kind != LAY_TEXT || (it->angle != 0) != turned)
				continue;
			rnd_font *f = &r->fonts[it->font];
			if (!fname[it->font] && font_load(f) == 0)
				fname[it->font] =
					HPDF_Page_GetLocalFontName(p, f->font);
			warn_astral(r, it->s, it->len);
		}
}

static void draw_job_fn(void *ctx, buf *job, buf *content, buf *res)
{
	rnd_doc *r = ctx;
	const draw_font *fonts[RND_MAX_FONTS];
	for (int i = 0; i < RND_MAX_FONTS; i++)
		fonts[i] = &r->fonts[i].df;
	draw_run(fonts, job, content, res);
}

/* libharu writes a stream's /Filter only from its own filter flags (and
 * removes any we add when they are clear): say it from the dict's write
 * hook, which runs just before the closing ">>". */
static HPDF_STATUS write_flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Write a content stream's n bytes into its memory stream, in one piece
 * of exactly n: libharu gives a memory stream its room in blocks of 4 KB
 * as it is written, most of them part empty (a page header's stream is
 * some 100 bytes; 4.5 of the 10,000-indicator cruscotto's 14 MB of
 * content blocks were slack, memory the kernel must hand out fresh). */
static void write_content(HPDF_Dict cs, const void *p, size_t n)
{
	HPDF_Stream st = cs->stream;
	HPDF_MemStreamAttr m = st->attr;
	if (st->type == HPDF_STREAM_MEMORY && m->buf->count == 0 && n > 0)
		m->buf_siz = m->w_pos = (HPDF_UINT)n; /* no block yet */
	HPDF_Stream_Write(st, p, (HPDF_UINT)n);
}

/* What drawing a page found, in page order: its MCIDs' owners, the
 * digest, the counts.  Returns the bytes drawn. */
static size_t take_result(rnd_doc *r, const void *res, size_t rn)
{
	draw_result d;
	if (rn < sizeof d)
		return 0;
	memcpy(&d, res, sizeof d);
	for (int k = 0; k < 2; k++)
		r->digest[k] = (r->digest[k] ^ d.digest[k]) * 1099511628211ull;
	r->runs += d.runs;
	r->glyphs += d.glyphs;
	if (d.mode == DRAW_TAGGED) /* the owners follow, 4-byte aligned */
		tags_page_add(r->tags,
			      (const uint32_t *)((const char *)res + sizeof d),
			      d.nmc);
	return d.content;
}

/* A drawn, deflated content stream (pack.h) goes into its dict, on this
 * thread, with libharu's own filter cleared; a page that shows nothing
 * keeps an empty stream. */
static void packed(void *ctx, void *tag, const void *z, size_t n,
		   const void *res, size_t rn)
{
	HPDF_Dict cs = tag;
	if (!take_result(ctx, res, rn))
		return;
	write_content(cs, z, n);
	cs->filter = HPDF_STREAM_FILTER_NONE;
	cs->write_fn = write_flate_key;
}

/*
 * Draw lp into the content stream dict cs of page p, marked as mode says.
 * When compressing, the page goes to pack.c as a job (draw.h): a worker
 * draws it and deflates it with libdeflate while the next pages are laid
 * out, and the result comes back in page order (packed).  libharu's own
 * filter would keep every page uncompressed in memory until the save
 * (about 18 KB a page, most of the memory of a long document) and deflate
 * them all then, on one thread, with zlib at about half libdeflate's
 * speed for the same size (README.md, "Performance").
 */
static void write_page(rnd_doc *r, HPDF_Page p, const lay_page *lp, int mode,
		       HPDF_Dict cs)
{
	const char *fname[RND_MAX_FONTS] = {0};
	const char **iname = xcalloc((size_t)r->nimages + 1, sizeof *iname);
	page_names(r, p, lp, fname, iname);
	draw_page pg = {lp, r->page_h, mode, r->tree, fname, iname, r->nimages};
	draw_job(&r->job, &pg);
	free(iname);
	if (r->compress) {
		if (!r->pk)
			r->pk = pack_new(RND_DEFLATE_LEVEL, r->threads, packed,
					 draw_job_fn, r);
		pack_submit(r->pk, &r->job, cs);
		return;
	}
	buf res = BUF_INIT;
	draw_job_fn(r, &r->job, &r->content, &res);
	size_t drawn = take_result(r, res.data, res.len);
	buf_free(&res);
	if (drawn)
		write_content(cs, r->content.data, r->content.len);
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
	write_page(r, p, lp, r->tags ? DRAW_TAGGED : DRAW_PLAIN,
		   ((HPDF_PageAttr)p->attr)->contents);
	add_marks(r, p, lp);
}

/* A new content stream on page p holding lp's items. */
static HPDF_Dict extra_stream(rnd_doc *r, HPDF_Page p, const lay_page *lp)
{
	HPDF_Dict cs = HPDF_DictStream_New(r->pdf->mmgr, r->pdf->xref);
	if (!cs)
		return NULL;
	write_page(r, p, lp, r->tags ? DRAW_ARTIFACT : DRAW_PLAIN, cs);
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
	r->tree = tree;
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
	buf_free(&r->job);
	free(r);
}
