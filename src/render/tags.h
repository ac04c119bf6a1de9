/*
 * tags.h - marked content and the structure tree of a tagged PDF.
 *
 * Design.  The layout stage builds the document's logical structure
 * (layout/tree.h) and stamps each text and image item with the element
 * that owns it, 0 for an artifact.  When a page is drawn (draw.c, on a
 * worker thread), what it writes is wrapped in marked-content sequences:
 * "/Artifact BMC ... EMC" for furniture, rules and fills, and
 * "/TD <</MCID 3>> BDC ... EMC" for content (a figure's rules and fills
 * too), the MCID numbering the page's sequences from 0.  Here we only
 * record, per page and in page order (tags_page_add), which element owns
 * each MCID (four bytes each).
 *
 * tags_write() turns that into the PDF's structure, after the last page
 * and before the save: one StructElem per element, the ParentTree (per
 * page, MCID -> element), /StructParents and /Tabs /S on the pages,
 * /MarkInfo << /Marked true >>, /Lang and /ViewerPreferences
 * << /DisplayDocTitle true >> in the catalog.  A document of 10,000
 * indicators has hundreds of thousands of elements: as libharu objects
 * each would cost a dictionary, a list and a cross-reference entry, so
 * they are appended to the file after libharu's objects (xref.h) and
 * written at the save straight from the tree and the MCID arrays, as are
 * the parent tree's leaves; only the StructTreeRoot and the parent tree's
 * root are libharu dictionaries (the catalog refers to the first), with
 * write hooks.  An element's /K lists its marked content first (in page
 * and MCID order; an MCID on another page than the element's /Pg as an
 * MCR dictionary)
 * and then its child elements, in id order.
 */
#ifndef ANNEX_RENDER_TAGS_H
#define ANNEX_RENDER_TAGS_H

#include "../layout/tree.h"
#include "../util/buf.h"

#include <hpdf.h>
#include <stddef.h>

typedef struct rnd_tags rnd_tags;

/* Marked content for the elements of tree, which must live until
 * tags_write(). */
rnd_tags *tags_new(const lay_tree *tree);
void tags_free(rnd_tags *g);

/* The next page's MCIDs: owner[k] is the element whose content MCID k
 * marks (draw.c numbers them, and marks only content of elements the tree
 * had when the page was laid out), n of them.  Pages are added in order. */
void tags_page_add(rnd_tags *g, const uint32_t *owner, size_t n);

/* The PDF name of structure type type (lay_stype), "TD" say. */
const char *tags_type_name(int type);

/* Write the structure into pdf, whose pages[i] is page i + 1 (each
 * page's MCIDs added by tags_page_add, in order).  lang: the
 * document's language ("it-IT").  Returns 0, or -1 with a message in
 * err.  The elements are written by the next save of pdf, which g must
 * outlive; call xref_extra_set(pdf, NULL) after it. */
int tags_write(rnd_tags *g, HPDF_Doc pdf, HPDF_Page *pages, int npages,
	       const char *lang, char *err, size_t errlen);

#endif
