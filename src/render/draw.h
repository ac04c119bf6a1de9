/*
 * draw.h - a page's content stream from its laid-out items, on any
 * thread (see draw.c).
 */
#ifndef ANNEX_RENDER_DRAW_H
#define ANNEX_RENDER_DRAW_H

#include "../layout/page.h"
#include "../layout/tree.h"
#include "../util/buf.h"

#include <stdatomic.h>
#include <stdint.h>

#define DRAW_NAME 16 /* a resource name ("F1", "X3") and its NUL */

/* What drawing needs of a font.  missing: one bit per BMP code point the
 * font has no glyph for, set on the main thread while the layout
 * measures (before any page showing the code point is drawn) and read by
 * the workers, hence atomic; box: what prints instead. */
typedef struct draw_font {
	atomic_uchar missing[8192];
	uint32_t box;
} draw_font;

/* How a job marks its content: not at all (an untagged PDF), all as
 * artifacts (the running header and footer drawn over a page), or by
 * structure element (a page of a tagged PDF). */
enum { DRAW_PLAIN, DRAW_ARTIFACT, DRAW_TAGGED };

/* What the main thread knows of a page that drawing needs. */
typedef struct draw_page {
	const lay_page *lp;
	float height;
	int mode;		  /* DRAW_* */
	const lay_tree *tree;	  /* DRAW_TAGGED: each item's element */
	const char *const *fname; /* the page's name of font i, or NULL */
	const char *const *iname; /* of image id k, or NULL (not shown) */
	int nimages;
} draw_page;

/* What drawing a job found, delivered with its content: the digest the
 * file's /ID comes from, the text drawn, and (DRAW_TAGGED) the owner of
 * each MCID in order, nmc uint32_t after this header. */
typedef struct draw_result {
	uint64_t digest[2];
	long runs, glyphs;
	int mode;	/* the job's */
	size_t content; /* bytes drawn (0: the page shows nothing) */
	uint32_t nmc;
} draw_result;

/* Copy page pg into job (its previous content replaced): the items, their
 * texts and paths, the names and each item's structure type, so that the
 * page's own memory may go. */
void draw_job(buf *job, const draw_page *pg);

/* Draw job (made by draw_job; it is changed) with fonts[i] for font i
 * into content and say what was found in res (a draw_result and the MCID
 * owners). */
void draw_run(const draw_font *const *fonts, buf *job, buf *content, buf *res);

#endif
