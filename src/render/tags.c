/* tags.c - marked content and the structure tree (see tags.h). */
#include "tags.h"
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

/* What a write hook needs: the tags, and which element (or range of
 * parent tree keys) its dictionary stands for. */
typedef struct hook {
	rnd_tags *g;
	uint32_t a, b;
} hook;

/* Parent tree leaves hold at most this many pages. */
#define PT_LEAF 128

struct rnd_tags {
	const lay_tree *tree;
	uint32_t *mc; /* the owner of each MCID, page after page */
	size_t nmc, capmc;
	uint32_t *page_start; /* page i's first MCID is mc[page_start[i]] */
	int npages, cappages;
	int in_page;

	/* While writing. */
	HPDF_Page *pages;
	HPDF_Dict root, ptree, *dict; /* dict[id]: element id's StructElem */
	hook *hooks;
	uint32_t *kid_start, *kid; /* children of element i: kid[kid_start
				      [i] .. kid_start[i + 1]) */
	uint32_t *mcr_start, *mcr; /* its MCIDs (indexes into mc) */
	int *key_page;		   /* parent tree key -> page */
	int nkeys;
	HPDF_Dict *leaves;
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
	free(g->dict);
	free(g->hooks);
	free(g->kid_start);
	free(g->kid);
	free(g->mcr_start);
	free(g->mcr);
	free(g->key_page);
	free(g->leaves);
	buf_free(&g->out);
	free(g);
}

void tags_page_begin(rnd_tags *g)
{
	if (!g)
		return;
	if (g->npages + 2 > g->cappages) {
		g->cappages = g->cappages ? g->cappages * 2 : 256;
		g->page_start = xrealloc(
			g->page_start, (size_t)g->cappages * sizeof(uint32_t));
	}
	g->page_start[g->npages++] = (uint32_t)g->nmc;
	g->page_start[g->npages] = (uint32_t)g->nmc;
	g->in_page = 1;
}

void tags_page_end(rnd_tags *g)
{
	if (g) {
		g->in_page = 0;
		g->page_start[g->npages] = (uint32_t)g->nmc;
	}
}

void tags_begin(rnd_tags *g, buf *b, uint32_t sid)
{
	if (!g)
		return;
	if (!sid || !g->in_page || sid > g->tree->n) {
		buf_puts(b, "/Artifact BMC\n");
		return;
	}
	if (g->nmc == g->capmc) {
		g->capmc = g->capmc ? g->capmc * 2 : 4096;
		g->mc = xrealloc(g->mc, g->capmc * sizeof(uint32_t));
	}
	size_t mcid = g->nmc - g->page_start[g->npages - 1];
	g->mc[g->nmc++] = sid;
	buf_printf(b, "/%s <</MCID %zu>> BDC\n",
		   type_name[g->tree->e[sid].type], mcid);
}

void tags_end(rnd_tags *g, buf *b)
{
	if (g)
		buf_puts(b, "EMC\n");
}

/* ---- writing ---------------------------------------------------------- */

static unsigned objno(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFu;
}

static void put_ref(buf *b, const void *obj)
{
	buf_printf(b, " %u 0 R", objno(obj));
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
	if (e->scope && e->scope < 4)
		buf_printf(b, " /Scope /%s", scope_name[e->scope]);
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
		put_ref(b, g->pages[pg]);
	}
	if (m0 == m1 && k0 == k1)
		return;
	buf_puts(b, " /K [");
	for (uint32_t i = m0; i < m1; i++) {
		uint32_t at = g->mcr[i];
		int p = page_of(g, at);
		uint32_t mcid = at - g->page_start[p];
		if (p == pg) {
			buf_printf(b, " %u", mcid);
			continue;
		}
		buf_puts(b, " <</Type /MCR /Pg");
		put_ref(b, g->pages[p]);
		buf_printf(b, " /MCID %u>>", mcid);
	}
	for (uint32_t i = k0; i < k1; i++)
		put_ref(b, g->dict[g->kid[i]]);
	buf_puts(b, " ]");
}

static HPDF_STATUS flush(buf *b, HPDF_Stream out)
{
	buf_puts(b, "\012");
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)b->data,
				 (HPDF_UINT)b->len);
}

static HPDF_STATUS write_elem(HPDF_Dict d, HPDF_Stream out)
{
	const hook *h = d->attr;
	rnd_tags *g = h->g;
	const lay_elem *e = &g->tree->e[h->a];
	buf *b = &g->out;
	buf_reset(b);
	buf_printf(b, "/Type /StructElem /S /%s /P", type_name[e->type]);
	put_ref(b, e->parent ? (void *)g->dict[e->parent] : (void *)g->root);
	put_kids(b, g, h->a);
	put_attrs(b, e);
	if (e->type == LAY_S_NOTE) /* PDF/UA-1, 7.9: a unique ID */
		buf_printf(b, " /ID (n%u)", h->a);
	return flush(b, out);
}

/* Parent tree entries of keys [a, b): key -> the owner of each MCID of
 * its page. */
static void put_nums(buf *b, rnd_tags *g, uint32_t a, uint32_t z)
{
	buf_puts(b, " /Nums [");
	for (uint32_t k = a; k < z; k++) {
		int p = g->key_page[k];
		buf_printf(b, "\012%u [", k);
		for (uint32_t i = g->page_start[p]; i < g->page_start[p + 1];
		     i++)
			put_ref(b, g->dict[g->mc[i]]);
		buf_puts(b, " ]");
	}
	buf_puts(b, " ]");
}

static HPDF_STATUS write_leaf(HPDF_Dict d, HPDF_Stream out)
{
	const hook *h = d->attr;
	buf *b = &h->g->out;
	buf_reset(b);
	buf_printf(b, "/Limits [%u %u]", h->a, h->b - 1);
	put_nums(b, h->g, h->a, h->b);
	return flush(b, out);
}

static HPDF_STATUS write_parent_tree(HPDF_Dict d, HPDF_Stream out)
{
	const hook *h = d->attr;
	rnd_tags *g = h->g;
	buf *b = &g->out;
	buf_reset(b);
	if (g->nleaves == 0) {
		put_nums(b, g, 0, (uint32_t)g->nkeys);
		return flush(b, out);
	}
	buf_puts(b, "/Kids [");
	for (int i = 0; i < g->nleaves; i++)
		put_ref(b, g->leaves[i]);
	buf_puts(b, " ]");
	return flush(b, out);
}

static HPDF_STATUS write_root(HPDF_Dict d, HPDF_Stream out)
{
	const hook *h = d->attr;
	rnd_tags *g = h->g;
	buf *b = &g->out;
	buf_reset(b);
	buf_puts(b, "/Type /StructTreeRoot /K [");
	put_ref(b, g->dict[1]);
	buf_puts(b, " ] /ParentTree");
	put_ref(b, g->ptree);
	buf_printf(b, " /ParentTreeNextKey %d", g->nkeys);
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

/* An empty indirect dictionary written by fn with h. */
static HPDF_Dict hooked(HPDF_Doc pdf, HPDF_Dict_OnWriteFunc fn, hook *h)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	d->write_fn = fn;
	d->attr = h;
	return d;
}

/* The parent tree: flat, or leaves of PT_LEAF keys under one root. */
static HPDF_Dict parent_tree(rnd_tags *g, HPDF_Doc pdf, hook *h)
{
	if (g->nkeys > PT_LEAF) {
		g->nleaves = (g->nkeys + PT_LEAF - 1) / PT_LEAF;
		g->leaves = xcalloc((size_t)g->nleaves, sizeof *g->leaves);
		for (int i = 0; i < g->nleaves; i++) {
			hook *l = &h[1 + i];
			l->g = g;
			l->a = (uint32_t)(i * PT_LEAF);
			l->b = (uint32_t)((i + 1) * PT_LEAF < g->nkeys
						  ? (i + 1) * PT_LEAF
						  : g->nkeys);
			if (!(g->leaves[i] = hooked(pdf, write_leaf, l)))
				return NULL;
		}
	}
	h->g = g;
	return hooked(pdf, write_parent_tree, h);
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
		tags_page_begin(g); /* no page: no MCIDs */
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
	int nleaf = (g->nkeys + PT_LEAF - 1) / PT_LEAF;
	g->hooks = xcalloc((size_t)n + 3 + (size_t)nleaf, sizeof *g->hooks);
	g->dict = xcalloc((size_t)n + 1, sizeof *g->dict);
	hook *rh = &g->hooks[n + 1], *ph = &g->hooks[n + 2];
	rh->g = g;
	if (!(g->root = hooked(pdf, write_root, rh)))
		goto fail;
	for (uint32_t i = 1; i <= n; i++) {
		g->hooks[i] = (hook){g, i, 0};
		if (!(g->dict[i] = hooked(pdf, write_elem, &g->hooks[i])))
			goto fail;
	}
	if (!(g->ptree = parent_tree(g, pdf, ph)) ||
	    catalog(pdf, g->root, lang) != 0)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "cannot write the structure tree");
	return -1;
}
