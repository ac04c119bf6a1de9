/*
 * pdf.h - the render stage: the only code that calls libharu.
 *
 * A rnd_doc is one PDF being written.  It loads the TrueType fonts (always
 * embedded, UTF-8 encoded), gives the layout stage a lay_font per font whose
 * advances come from libharu, draws each laid-out page as the flow emits it,
 * adds outline entries and, at the end, saves atomically: a temporary file
 * in the target folder, renamed over the target only when complete.
 */
#ifndef ANNEX_RENDER_PDF_H
#define ANNEX_RENDER_PDF_H

#include "../layout/font.h"
#include "../layout/page.h"
#include "../util/diag.h"
#include "pack.h"

#define RND_MAX_FONTS 8
/* libdeflate's level for every stream annex deflates: of the levels that
 * keep the size (the table in README.md, "Performance"), the best time x
 * size: 4 is 1.4 times as fast as 6 for 1.3% more bytes of content (0.6%
 * of a tagged annex), 2.4 times as fast as zlib's default. */
#define RND_DEFLATE_LEVEL 4
/* Most threads rnd_set_threads takes. */
#define RND_MAX_THREADS PACK_MAX_THREADS

typedef struct rnd_meta {
	const char *title, *author, *subject, *keywords, *creator;
	long long epoch; /* creation date, seconds since 1970; <0: none */
} rnd_meta;

typedef struct rnd_doc rnd_doc;

/*
 * Start a document of page_w x page_h points using the given TrueType files
 * (font i of the layout is fonts[i]).  compress: deflate content streams.
 * Problems (a font file missing or unreadable) go to d with the template file
 * name as their place; returns NULL then.
 */
rnd_doc *rnd_open(const char *const *font_paths, int nfonts, float page_w,
		  float page_h, int compress, const char *where, diag *d);
lay_font **rnd_fonts(rnd_doc *r);
/* lay_page_fn: draw a page the flow emits, on a new PDF page. */
void rnd_emit_page(void *r, const lay_page *p);
/* Draw more items on page number (1-based), already emitted: under its
 * content (the draft watermark) and over it (running header and footer);
 * either may be NULL. */
void rnd_overlay(rnd_doc *r, int number, const lay_page *under,
		 const lay_page *over);
/* Load a PNG or JPEG once, for LAY_IMAGE items naming the returned id on
 * any page.  A PNG's alpha channel is composited onto white (no soft mask:
 * PDF/A without transparency); a CMYK JPEG is refused.  *w, *h get its
 * size in pixels.  Returns the id, or -1 after reporting to d at where:line. */
#define RND_MAX_IMAGE_PIXELS 40000000
int rnd_image(rnd_doc *r, const char *path, const char *where, int line, int *w,
	      int *h, diag *d);
int rnd_page_count(const rnd_doc *r);
/* Deflate content streams on threads - 1 worker threads besides the
 * caller's (render/pack.h); 1 (the default): on the caller's thread.  The
 * file's bytes are the same either way.  Call before the first page. */
void rnd_set_threads(rnd_doc *r, int threads);
/* Whether font can print cp as itself (it has the glyph; cp is in the
 * BMP and not a control character).  A code point asked about here is
 * not warned about again when it is drawn: the caller reports it, with the
 * place it comes from. */
int rnd_printable(rnd_doc *r, int font, uint32_t cp);
/* Text runs (one per line of text drawn) and code points drawn so far:
 * what the benchmark's floor program must draw too. */
void rnd_text_stats(const rnd_doc *r, long *runs, long *glyphs);
/* Document information (Title, Author, Subject, Keywords, dates).  The
 * strings must live until rnd_write. */
void rnd_set_meta(rnd_doc *r, const rnd_meta *m);
/* Make the saved file PDF/A-2 with this ICC profile (render/pdfa.h) and
 * conformance level 'U' or 'A' (a tagged PDF: rnd_set_tags); icc_path
 * NULL: not PDF/A. */
void rnd_set_pdfa(rnd_doc *r, const char *icc_path, char conformance);
/* Make the PDF tagged (render/tags.h), before the first page: the
 * structure is tree (which must live until rnd_write), the items' sid its
 * elements; lang is the document's /Lang; ua: claim PDF/UA-1 in the XMP
 * (with PDF/A only: a plain PDF has no XMP).  tree NULL: untagged. */
void rnd_set_tags(rnd_doc *r, const lay_tree *tree, const char *lang, int ua);
/* Where rnd_write sends the PDF's bytes: returns 0, or -1 to stop. */
typedef int (*rnd_sink)(void *ctx, const void *p, size_t n);
/* Finish the document (PDF/A) and write it to fn.  Returns 0; or -1 after
 * reporting a libharu error (one message, in words, as where); or -1
 * without a message when fn failed (its owner reports why). */
int rnd_write(rnd_doc *r, rnd_sink fn, void *ctx, const char *where, diag *d);
/* libharu error code in words (tmp holds the text of an unknown code). */
const char *rnd_error_text(unsigned long code, char *tmp, size_t n);
void rnd_free(rnd_doc *r);

#endif
