/*
 * tree.h - the logical structure of a document, built by the layout stage.
 *
 * Design.  A tagged PDF (PDF/A-2a, PDF/UA-1) needs a structure tree: the
 * document's headings, paragraphs, tables with their rows and cells,
 * figures and notes, in reading order, each owning the marked content that
 * draws it.  The layout stage knows that structure (a table cell is a
 * cell, a repeated header row is a repetition) and the renderer knows the
 * PDF, so they meet here: layout adds elements to a lay_tree as it is
 * given the document, and stamps every item it places with the id of the
 * element that owns it (lay_item.sid), or 0 for an artifact (page
 * furniture, rules, fills, repetitions such as a header row repeated on a
 * new page or "(segue)").  An element keeps its id for the whole document,
 * so a cell cut by a page break has items with the same id on both pages.
 * The renderer turns items into marked content and the tree into the PDF's
 * StructTreeRoot (render/tags.c); this file is pure computation.
 *
 * Elements are numbered from 1 in the order they are added; 1 is the
 * Document.  An element's children are the elements naming it as parent,
 * in id order: the reading order is the order in which the document was
 * given to the layout (row by row, cell by cell), whatever order things
 * end up on the pages.  Attributes (a header cell's scope, spans, a
 * figure's alternate text) may be set until the tree is written.
 */
#ifndef ANNEX_LAYOUT_TREE_H
#define ANNEX_LAYOUT_TREE_H

#include "../util/arena.h"

#include <stdint.h>

/* Structure types: the standard ones of ISO 32000-1, 14.8.4 that annex
 * uses. */
typedef enum {
	LAY_S_NONE,
	LAY_S_DOCUMENT,
	LAY_S_H1,
	LAY_S_H2,
	LAY_S_H3,
	LAY_S_P,
	LAY_S_TABLE,
	LAY_S_THEAD,
	LAY_S_TBODY,
	LAY_S_TR,
	LAY_S_TH,
	LAY_S_TD,
	LAY_S_FIGURE,
	LAY_S_NOTE,
	LAY_S_COUNT
} lay_stype;

/* Scope of a header cell (TH). */
enum { LAY_SCOPE_NONE, LAY_SCOPE_ROW, LAY_SCOPE_COLUMN, LAY_SCOPE_BOTH };

typedef struct lay_elem {
	uint32_t parent;	   /* 0 for the Document */
	uint8_t type;		   /* lay_stype */
	uint8_t scope;		   /* TH: LAY_SCOPE_* */
	uint16_t rowspan, colspan; /* TH, TD: 1 unless spanning */
	const char *alt; /* Figure: alternate text (in the tree's arena) */
} lay_elem;

typedef struct lay_tree {
	lay_elem *e; /* e[1 .. n]; e[0] unused */
	uint32_t n, cap;
	arena a; /* alternate texts */
} lay_tree;

/* A tree holding only the Document (id 1). */
void lay_tree_init(lay_tree *t);
void lay_tree_free(lay_tree *t);
/* A new element of type under parent (an id, or 0 for the Document);
 * returns its id.  With t NULL (an untagged document) returns 0. */
uint32_t lay_tree_add(lay_tree *t, uint32_t parent, lay_stype type);
/* Attributes; ignored for id 0. */
void lay_tree_span(lay_tree *t, uint32_t id, int rowspan, int colspan);
void lay_tree_scope(lay_tree *t, uint32_t id, int scope);
void lay_tree_alt(lay_tree *t, uint32_t id, const char *alt);
void lay_tree_retype(lay_tree *t, uint32_t id, lay_stype type);

#endif
