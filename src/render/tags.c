/* tags.c - marked content and the structure tree (see tags.h). */
#include "tags.h"
#include "xref.h"
#include "../util/arena.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The PDF names of the structure types (ISO 32000-1, 14.8.4). */
static const char *const type_name[LAY_S_COUNT] = {
	[LAY_S_NONE] = "NonStruct", [LAY_S_DOCUMENT] = "Document",
	[LAY_S_H1] = "H1",	    [LAY_S_H2] = "H2",
	[LAY_S_H3] = "H3",	    [LAY_S_P] = "P",
	[LAY_S_TABLE] = "Table",    [LAY_S_THEAD] = "THead",
	[LAY_S_TBODY] = "TBody",    [LAY_S_TR] = "TR",
	[LAY_S_TH] = "TH",	    [LAY_S_TD] = "TD",
	[LAY_S_FIGURE] = "Figure",  [LAY_S_NOTE] = "Note",
};

static const char *const scope_name[] = {NULL, "Row", "Column", "Both"};

/* Parent tree leaves hold at most this many pages. */
#define PT_LEAF 128

struct rnd_tags {
	const lay_tree *tree;
	uint32_t *mc; /* the owner of each MCID, page after page */
	size_t nmc, capmc;
	uint32_t *page_start; /* page i's first MCID is mc[page_start[i]] */
	int npages, cappages;

	/* While writing. */
	HPDF_Page *pages;
	HPDF_Dict root, ptree; /* libharu's: the catalog refers to root */
	uint32_t first; /* the object number of element 1; the elements and
			   then the parent tree's leaves follow (xref.h) */
	uint32_t *kid_start, *kid; /* children of element i: kid[kid_start
				      [i] .. kid_start[i + 1]) */
	uint32_t *mcr_start, *mcr; /* its MCIDs (indexes into mc) */
	int *key_page;		   /* parent tree key -> page */
	int nkeys;
	int nleaves;
	buf out;
};

rnd_tags *tags_new(const lay_tree *tree)
{
	rnd_tags *g = xcalloc(1, sizeof *g);
	g->tree = tree;
	buf_init(&g->out);
	return g;
}

void tags_free(rnd_tags *g)
{
	if (!g)
		return;
	free(g->mc);
	free(g->page_start);
	free(g->kid_start);
	free(g->kid);
	free(g->mcr_start);
	free(g->mcr);
	free(g->key_page);
	buf_free(&g->out);
	free(g);
}

const char *tags_type_name(int type)
{
	return type >= 0 && type < LAY_S_COUNT && type_name[type]
		       ? type_name[type]
		       : "NonStruct";
}

void tags_page_add(rnd_tags *g, const uint32_t *owner, size_t n)
{
	if (!g)
		return;
	if (g->npages + 2 > g->cappages) {
		g->cappages = g->cappages ? g->cappages * 2 : 256;
		g->page_start = xrealloc(
			g->page_start, (size_t)g->cappages * sizeof(uint32_t));
	}
	if (g->nmc + n > g->capmc) {
		while (g->nmc + n > g->capmc)
			g->capmc = g->capmc ? g->capmc * 2 : 4096;
		g->mc = xrealloc(g->mc, g->capmc * sizeof(uint32_t));
	}
	g->page_start[g->npages++] = (uint32_t)g->nmc;
	if (n)
		memcpy(g->mc + g->nmc, owner, n * sizeof *owner);
	g->nmc += n;
	g->page_start[g->npages] = (uint32_t)g->nmc;
}

/* ---- writing ---------------------------------------------------------- */

static uint32_t objno(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFu;
}

/* The object numbers of element id and of parent tree leaf i. */
static uint32_t elem_obj(const rnd_tags *g, uint32_t id)
{
	return g->first + id - 1;
}

static uint32_t leaf_obj(const rnd_tags *g, int i)
{
	return g->first + g->tree->n + (uint32_t)i;
}

/* The page whose MCIDs include mc[i]. */
static int page_of(const rnd_tags *g, uint32_t i)
{
	int lo = 0, hi = g->npages - 1;
	while (lo < hi) { /* last page whose start is <= i */
		int mid = (lo + hi + 1) / 2;
		if (g->page_start[mid] <= i)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* A PDF text string: literal when printable ASCII, else UTF-16BE. */
static void put_text(buf *b, const char *s)
{
	size_t n = strlen(s);
	int ascii = 1;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] >= 0x20 &&
			(unsigned char)s[i] < 0x7F;
	if (ascii) {
		buf_puts(b, " (");
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
				buf_append(b, "\\", 1);
			buf_append(b, s + i, 1);
		}
		buf_puts(b, ")");
		return;
	}
	buf_puts(b, " <FEFF");
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		i += k > 0 ? (size_t)k : 1;
		if (k <= 0 || cp < 0x20)
			cp = k <= 0 ? 0xFFFD : ' ';
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			buf_printf(b, "%04X%04X", 0xD800 + (cp >> 10),
				   0xDC00 + (cp & 0x3FF));
		} else {
			buf_printf(b, "%04X", cp);
		}
	}
	buf_puts(b, ">");
}

/* /A of a table cell: its scope and spans, when any. */
static void put_attrs(buf *b, const lay_elem *e)
{
	if (e->type == LAY_S_FIGURE && e->alt) {
		buf_puts(b, " /Alt");
		put_text(b, e->alt);
	}
	if (e->type != LAY_S_TH && e->type != LAY_S_TD)
		return;
	if (!e->scope && e->rowspan < 2 && e->colspan < 2)
		return;
	buf_puts(b, " /A <</O /Table");
	if (e->scope && e->scope < 4) {
		buf_puts(b, " /Scope /");
		buf_puts(b, scope_name[e->scope]);
	}
	if (e->rowspan > 1)
		buf_printf(b, " /RowSpan %u", (unsigned)e->rowspan);
	if (e->colspan > 1)
		buf_printf(b, " /ColSpan %u", (unsigned)e->colspan);
	buf_puts(b, ">>");
}

/* /K: the element's marked content, then its children. */
static void put_kids(buf *b, rnd_tags *g, uint32_t id)
{
	uint32_t m0 = g->mcr_start[id], m1 = g->mcr_start[id + 1];
	uint32_t k0 = g->kid_start[id], k1 = g->kid_start[id + 1];
	int pg = m0 < m1 ? page_of(g, g->mcr[m0]) : -1;
	if (pg >= 0) {
		buf_puts(b, " /Pg");
		xref_put_ref(b, objno(g->pages[pg]));
	}
	if (m0 == m1 && k0 == k1)
		return;
	buf_puts(b, " /K [");
	for (uint32_t i = m0; i < m1; i++) {
		uint32_t at = g->mcr[i];
		int p = page_of(g, at);
		uint32_t mcid = at - g->page_start[p];
		if (p == pg) {
			buf_putc(b, ' ');
			buf_put_uint(b, mcid);
			continue;
		}
		buf_puts(b, " <</Type /MCR /Pg");
		xref_put_ref(b, objno(g->pages[p]));
		buf_puts(b, " /MCID ");
		buf_put_uint(b, mcid);
		buf_puts(b, ">>");
	}
	for (uint32_t i = k0; i < k1; i++)
		xref_put_ref(b, elem_obj(g, g->kid[i]));
	buf_puts(b, " ]");
}

/* Element id's StructElem (the optional /Type left out: a third of a
 * table cell's bytes). */
static void put_elem(rnd_tags *g, uint32_t id, buf *b)
{
	const lay_elem *e = &g->tree->e[id];
	buf_puts(b, "<</S /");
	buf_puts(b, type_name[e->type]);
	buf_puts(b, " /P");
	xref_put_ref(b, e->parent ? elem_obj(g, e->parent) : objno(g->root));
	put_kids(b, g, id);
	put_attrs(b, e);
	if (e->type == LAY_S_NOTE) { /* PDF/UA-1, 7.9: a unique ID */
		buf_puts(b, " /ID (n");
		buf_put_uint(b, id);
		buf_putc(b, ')');
	}
	buf_puts(b, ">>");
}

/* Parent tree entries of keys [a, z): key -> the owner of each MCID of
 * its page. */
static void put_nums(buf *b, rnd_tags *g, uint32_t a, uint32_t z)
{
	buf_puts(b, " /Nums [");
	for (uint32_t k = a; k < z; k++) {
		int p = g->key_page[k];
		buf_putc(b, '\012');
		buf_put_uint(b, k);
		buf_puts(b, " [");
		for (uint32_t i = g->page_start[p]; i < g->page_start[p + 1];
		     i++)
			xref_put_ref(b, elem_obj(g, g->mc[i]));
		buf_puts(b, " ]");
	}
	buf_puts(b, " ]");
}

/* Leaf i of the parent tree: PT_LEAF keys. */
static void put_leaf(rnd_tags *g, int i, buf *b)
{
	uint32_t a = (uint32_t)i * PT_LEAF, z = a + PT_LEAF;
	if (z > (uint32_t)g->nkeys)
		z = (uint32_t)g->nkeys;
	buf_puts(b, "<</Limits [");
	buf_put_uint(b, a);
	buf_putc(b, ' ');
	buf_put_uint(b, z - 1);
	buf_putc(b, ']');
	put_nums(b, g, a, z);
	buf_puts(b, ">>");
}

/* The appended objects (xref.h): the elements, then the leaves. */
static void extra_begin(void *ctx, uint32_t first)
{
	((rnd_tags *)ctx)->first = first;
}

static void extra_put(void *ctx, uint32_t i, buf *b)
{
	rnd_tags *g = ctx;
	if (i < g->tree->n)
		put_elem(g, i + 1, b);
	else
		put_leaf(g, (int)(i - g->tree->n), b);
}

static HPDF_STATUS flush(buf *b, HPDF_Stream out)
{
	buf_puts(b, "\012");
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)b->data,
				 (HPDF_UINT)b->len);
}

/* The parent tree's root: its keys, or its leaves. */
static HPDF_STATUS write_parent_tree(HPDF_Dict d, HPDF_Stream out)
{
	rnd_tags *g = d->attr; /* hooked() */
	buf *b = &g->out;
	buf_reset(b);
	if (g->nleaves == 0) {
		put_nums(b, g, 0, (uint32_t)g->nkeys);
		return flush(b, out);
	}
	buf_puts(b, "/Kids [");
	for (int i = 0; i < g->nleaves; i++)
		xref_put_ref(b, leaf_obj(g, i));
	buf_puts(b, " ]");
	return flush(b, out);
}

static HPDF_STATUS write_root(HPDF_Dict d, HPDF_Stream out)
{
	rnd_tags *g = d->attr; /* hooked() */
	buf *b = &g->out;
	buf_reset(b);
	buf_puts(b, "/Type /StructTreeRoot /K [");
	xref_put_ref(b, elem_obj(g, 1));
	buf_puts(b, " ] /ParentTree");
	xref_put_ref(b, objno(g->ptree));
	buf_puts(b, " /ParentTreeNextKey ");
	buf_put_uint(b, (uint32_t)g->nkeys);
	return flush(b, out);
}

/* Counting sort: for each of n + 1 owners, the items (in order) whose
 * owner is own[i], i < count; *start gets n + 2 offsets. */
static void group(uint32_t n, const uint32_t *own, size_t count,
		  uint32_t **start, uint32_t **items)
{
	uint32_t *s = xcalloc((size_t)n + 2, sizeof *s);
	uint32_t *it = xmalloc((count ? count : 1) * sizeof *it);
	for (size_t i = 0; i < count; i++)
		s[own[i] + 1]++;
	for (uint32_t i = 0; i <= n; i++)
		s[i + 1] += s[i];
	uint32_t *fill = xmalloc(((size_t)n + 1) * sizeof *fill);
	memcpy(fill, s, ((size_t)n + 1) * sizeof *fill);
	for (size_t i = 0; i < count; i++)
		it[fill[own[i]]++] = (uint32_t)i;
	free(fill);
	*start = s;
	*items = it;
}

/* An empty indirect dictionary written by fn with g. */
static HPDF_Dict hooked(HPDF_Doc pdf, HPDF_Dict_OnWriteFunc fn, rnd_tags *g)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	d->write_fn = fn;
	d->attr = g;
	return d;
}
/* /StructParents and /Tabs of each page; the keys of pages with MCIDs. */
static int page_keys(rnd_tags *g, HPDF_Page *pages, int npages)
{
	g->key_page = xmalloc(((size_t)npages + 1) * sizeof(int));
	for (int p = 0; p < npages && p < g->npages; p++) {
		if (HPDF_Dict_AddName(pages[p], "Tabs", "S") != HPDF_OK)
			return -1;
		if (g->page_start[p] == g->page_start[p + 1])
			continue;
		if (HPDF_Dict_AddNumber(pages[p], "StructParents", g->nkeys) !=
		    HPDF_OK)
			return -1;
		g->key_page[g->nkeys++] = p;
	}
	return 0;
}

/* /MarkInfo, /Lang, /ViewerPreferences /DisplayDocTitle in the
 * catalog. */
static int catalog(HPDF_Doc pdf, HPDF_Dict root, const char *lang)
{
	HPDF_Dict cat = pdf->catalog, mi = HPDF_Dict_New(pdf->mmgr);
	if (!mi || HPDF_Dict_AddBoolean(mi, "Marked", HPDF_TRUE) != HPDF_OK ||
	    HPDF_Dict_Add(cat, "MarkInfo", mi) != HPDF_OK ||
	    HPDF_Dict_Add(cat, "StructTreeRoot", root) != HPDF_OK)
		return -1;
	if (lang && *lang &&
	    HPDF_Dict_Add(cat, "Lang",
			  HPDF_String_New(pdf->mmgr, lang, NULL)) != HPDF_OK)
		return -1;
	HPDF_Dict vp =
		HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (!vp) {
		vp = HPDF_Dict_New(pdf->mmgr);
		if (!vp ||
		    HPDF_Dict_Add(cat, "ViewerPreferences", vp) != HPDF_OK)
			return -1;
	}
	return HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE) == HPDF_OK
		       ? 0
		       : -1;
}

int tags_write(rnd_tags *g, HPDF_Doc pdf, HPDF_Page *pages, int npages,
	       const char *lang, char *err, size_t errlen)
{
	const lay_tree *t = g->tree;
	uint32_t n = t->n;
	g->pages = pages;
	if (!g->npages)
		tags_page_add(g, NULL, 0); /* no page: no MCIDs */
	if (g->npages > npages)
		g->npages = npages;
	uint32_t *parent = xmalloc(((size_t)n + 1) * sizeof *parent);
	parent[0] = 0;
	for (uint32_t i = 1; i <= n; i++)
		parent[i] = t->e[i].parent;
	/* Element 1 (the Document) is nobody's child. */
	group(n, parent + 1, n, &g->kid_start, &g->kid);
	for (uint32_t i = 0; i < n; i++)
		g->kid[i]++; /* indexes into parent + 1: ids */
	free(parent);
	group(n, g->mc, g->page_start[g->npages], &g->mcr_start, &g->mcr);
	if (page_keys(g, pages, npages) != 0)
		goto fail;
	g->nleaves =
		g->nkeys > PT_LEAF ? (g->nkeys + PT_LEAF - 1) / PT_LEAF : 0;
	if (!(g->root = hooked(pdf, write_root, g)) ||
	    !(g->ptree = hooked(pdf, write_parent_tree, g)) ||
	    catalog(pdf, g->root, lang) != 0)
		goto fail;
	xref_extra ex = {n + (uint32_t)g->nleaves, extra_begin, extra_put, g};
	xref_extra_set(pdf, &ex);
	return 0;
fail:
	snprintf(err, errlen, "cannot write the structure tree");
	return -1;
}
