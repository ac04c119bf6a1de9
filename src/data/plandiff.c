/*
 * plandiff.c - comparing two versions of a plan (see plandiff.h).
 *
 * One pass per kind of record, in reading order, so that a parent's
 * rename is known when its children are compared.  Codes are looked up
 * with plan_find (the plans' own hash index); renames and removed records
 * go in small string maps of this file.  Everything is linear in the
 * number of records except the column comparison itself.
 */
#include "plandiff.h"
#include "itnum.h"
#include "../util/buf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a string -> int map (open addressing, in an arena) -------------- */

typedef struct smap {
	const char **key;
	int *val;
	size_t cap, n;
	arena *a;
} smap;

static uint64_t shash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void smap_init(smap *m, arena *a, size_t expect)
{
	m->cap = 16;
	while (m->cap < expect * 2 + 2)
		m->cap *= 2;
	m->n = 0;
	m->a = a;
	m->key = arena_zalloc(a, sizeof(char *) * m->cap);
	m->val = arena_zalloc(a, sizeof(int) * m->cap);
}

static size_t smap_slot(const smap *m, const char *k)
{
	size_t i = (size_t)shash(k) & (m->cap - 1);
	while (m->key[i] && strcmp(m->key[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* The value of k, or -1. */
static int smap_get(const smap *m, const char *k)
{
	size_t i = smap_slot(m, k);
	return m->key[i] ? m->val[i] : -1;
}

/* A pointer to k's value, created as def when absent. */
static int *smap_ref(smap *m, const char *k, int def)
{
	if ((m->n + 1) * 2 > m->cap) {
		smap old = *m;
		smap_init(m, old.a, old.cap);
		for (size_t i = 0; i < old.cap; i++)
			if (old.key[i]) {
				size_t j = smap_slot(m, old.key[i]);
				m->key[j] = old.key[i];
				m->val[j] = old.val[i];
				m->n++;
			}
	}
	size_t i = smap_slot(m, k);
	if (!m->key[i]) {
		m->key[i] = k;
		m->val[i] = def;
		m->n++;
	}
	return &m->val[i];
}

/* ---- values --------------------------------------------------------- */

const char *pd_value(arena *a, const plan_rec *rec, const colspec *c)
{
	const char *base = (const char *)rec;
	switch (c->type) {
	case C_CODICE:
		return rec->codice;
	case C_TEXT: {
		const char *s = *(const char *const *)(base + c->off);
		return s ? s : "";
	}
	case C_REF: {
		const plan_rec *r = *(plan_rec *const *)(base + c->off);
		return r ? r->codice : "";
	}
	case C_FLAG:
		return *(const int *)(base + c->off) ? "sì" : "no";
	case C_POLARITY:
		return *(const int *)(base + c->off) ? "decrescente"
						     : "crescente";
	case C_WEIGHT: {
		/* As few decimals as the weight needs: 1, 0,5, 0,25. */
		double w = *(const double *)(base + c->off), sc = 1;
		int dec = 0;
		while (dec < 6 && fabs(w * sc - round(w * sc)) > 1e-9)
			dec++, sc *= 10;
		char s[64];
		number_format(w, dec, s, sizeof s);
		return arena_strdup(a, s);
	}
	case C_VKIND: {
		int k = *(const int *)(base + c->off);
		return k > 0 && k < VK_COUNT ? value_kind_names[k] : "";
	}
	case C_SHARE: {
		double v = *(const double *)(base + c->off);
		char s[64];
		if (isnan(v))
			return "";
		number_format(v * 100, 1, s, sizeof s);
		return arena_printf(a, "%s%%", s);
	}
	}
	return "";
}

/* ---- the comparison ------------------------------------------------- */

typedef struct differ {
	const plan *old, *neu;
	plan_diff *out;
	arena *a;
	int *years, nyears; /* of both plans, ascending */
	smap renamed;	    /* old code -> index of the new record */
	smap gone;	    /* old code -> index of its change */
	int cap;	    /* of out->v, allocated once */
} differ;

/* The record of kind k with this code in p, or NULL. */
static const plan_rec *find_kind(const plan *p, const char *codice, rec_kind k)
{
	const plan_rec *r = plan_find(p, codice);
	return r && r->kind == k ? r : NULL;
}

static void union_years(differ *D)
{
	const plan *o = D->old, *n = D->neu;
	D->years = arena_alloc(
		D->a, sizeof(int) * (size_t)(o->nyears + n->nyears + 1));
	int i = 0, j = 0, k = 0;
	while (i < o->nyears || j < n->nyears) {
		int y;
		if (j >= n->nyears ||
		    (i < o->nyears && o->years[i] < n->years[j]))
			y = o->years[i++];
		else if (i >= o->nyears || n->years[j] < o->years[i])
			y = n->years[j++];
		else
			y = o->years[i++], j++;
		D->years[k++] = y;
	}
	D->nyears = k;
}

/* Target of year y of a strategic indicator of p, "" when p lacks it. */
static const char *target_of(const plan *p, const plan_rec *r, int y)
{
	for (int k = 0; k < p->nyears; k++)
		if (p->years[k] == y)
			return ((const ind_strat *)r)->target[k];
	return "";
}

/* Column c of the old record r, with a parent's code as renamed. */
static const char *old_value(differ *D, const plan_rec *r, const colspec *c)
{
	const char *v = pd_value(D->a, r, c);
	if (c->type == C_REF && *v) {
		int i = smap_get(&D->renamed, v);
		if (i >= 0)
			v = plan_record(D->neu, c->ref, i)->codice;
	}
	return v;
}

/* Everything but the code, for matching renames. */
static const char *signature(differ *D, const plan *p, const plan_rec *r,
			     int is_old)
{
	const filespec *fs = &plan_files[r->kind];
	buf b = BUF_INIT;
	for (int i = 0; i < fs->ncols; i++) {
		const colspec *c = &fs->cols[i];
		if (c->type == C_CODICE)
			continue;
		buf_puts(&b,
			 is_old ? old_value(D, r, c) : pd_value(D->a, r, c));
		buf_putc(&b, '\x1f');
	}
	if (r->kind == REC_IND_STRAT)
		for (int k = 0; k < D->nyears; k++) {
			buf_puts(&b, target_of(p, r, D->years[k]));
			buf_putc(&b, '\x1f');
		}
	const char *s = arena_strdup(D->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static pd_change *add_change(differ *D, pd_kind kind, rec_kind rk,
			     const plan_rec *old, const plan_rec *neu)
{
	pd_change *c = &D->out->v[D->out->n++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->rkind = rk;
	c->old = old;
	c->neu = neu;
	c->codice = neu ? neu->codice : old->codice;
	c->old_codice = old ? old->codice : c->codice;
	return c;
}

/* The changed columns of a record present in both plans. */
static void compare(differ *D, pd_change *ch, const plan_rec *o,
		    const plan_rec *n)
{
	const filespec *fs = &plan_files[o->kind];
	int max = fs->ncols + (o->kind == REC_IND_STRAT ? D->nyears : 0);
	pd_field *f = arena_alloc(D->a, sizeof *f * (size_t)(max + 1));
	int nf = 0;
	for (int i = 0; i < fs->ncols; i++) {
		const colspec *c = &fs->cols[i];
		if (c->type == C_CODICE)
			continue;
		const char *b = old_value(D, o, c), *a = pd_value(D->a, n, c);
		if (strcmp(b, a) != 0)
			f[nf++] = (pd_field){c->name, c->type, 0, b, a};
	}
	if (o->kind == REC_IND_STRAT)
		for (int k = 0; k < D->nyears; k++) {
			int y = D->years[k];
			const char *b = target_of(D->old, o, y);
			const char *a = target_of(D->neu, n, y);
			if (strcmp(b, a) != 0)
				f[nf++] = (pd_field){"target", C_TEXT, y, b, a};
		}
	ch->f = f;
	ch->nf = nf;
}

/* Pair the removed and inserted records of kind k whose columns are all
 * equal, when the pairing is unambiguous: renamed[old code] = new index. */
static void match_renames(differ *D, rec_kind k)
{
	int no = plan_count(D->old, k), nn = plan_count(D->neu, k);
	smap so, sn; /* signature -> index, or -2 when repeated */
	smap_init(&so, D->a, 16);
	smap_init(&sn, D->a, 16);
	for (int i = 0; i < no; i++) {
		const plan_rec *r = plan_record(D->old, k, i);
		if (find_kind(D->neu, r->codice, k) || plan_removed(r))
			continue;
		int *v = smap_ref(&so, signature(D, D->old, r, 1), -1);
		*v = *v == -1 ? i : -2;
	}
	if (!so.n)
		return;
	for (int i = 0; i < nn; i++) {
		const plan_rec *r = plan_record(D->neu, k, i);
		if (find_kind(D->old, r->codice, k))
			continue;
		int *v = smap_ref(&sn, signature(D, D->neu, r, 0), -1);
		*v = *v == -1 ? i : -2;
	}
	for (size_t s = 0; s < sn.cap; s++) {
		if (!sn.key[s] || sn.val[s] < 0)
			continue;
		int oi = smap_get(&so, sn.key[s]);
		if (oi < 0)
			continue;
		const plan_rec *r = plan_record(D->old, k, oi);
		*smap_ref(&D->renamed, r->codice, -1) = sn.val[s];
	}
}

/* The change a removed old record goes with: its parent's (or the
 * parent's own parent's), or NULL. */
static pd_change *removed_parent(differ *D, const plan_rec *r)
{
	const filespec *fs = &plan_files[r->kind];
	for (int i = 0; i < fs->ncols; i++) {
		const colspec *c = &fs->cols[i];
		if (c->type != C_REF)
			continue;
		const char *pc = pd_value(D->a, r, c);
		int gi = *pc ? smap_get(&D->gone, pc) : -1;
		if (gi < 0)
			continue;
		pd_change *p = &D->out->v[gi];
		return p->with_parent ? (pd_change *)p->with_parent : p;
	}
	return NULL;
}

static void add_child(differ *D, pd_change *p, const char *codice)
{
	if ((p->nchildren & (p->nchildren - 1)) == 0) {
		int cap = p->nchildren ? p->nchildren * 2 : 1;
		const char **v =
			arena_alloc(D->a, sizeof(char *) * (size_t)cap);
		if (p->nchildren)
			memcpy(v, p->children,
			       sizeof(char *) * (size_t)p->nchildren);
		p->children = v;
	}
	p->children[p->nchildren++] = codice;
}

static void diff_kind(differ *D, rec_kind k)
{
	int no = plan_count(D->old, k), nn = plan_count(D->neu, k);
	match_renames(D, k);
	/* Renamed: new index -> old record. */
	const plan_rec **from =
		arena_zalloc(D->a, sizeof(*from) * (size_t)(nn + 1));
	for (int i = 0; i < no; i++) {
		const plan_rec *r = plan_record(D->old, k, i);
		int ni = smap_get(&D->renamed, r->codice);
		if (ni >= 0 && !find_kind(D->neu, r->codice, k))
			from[ni] = r;
	}
	for (int i = 0; i < nn; i++) {
		const plan_rec *n = plan_record(D->neu, k, i);
		const plan_rec *o = find_kind(D->old, n->codice, k);
		if (from[i]) {
			add_change(D, PD_RENAMED, k, from[i], n);
		} else if (!o) {
			add_change(D, PD_INSERTED, k, NULL, n);
		} else if (plan_removed(n) && !plan_removed(o)) {
			add_change(D, PD_REMOVED, k, o, n);
		} else {
			pd_change *c = add_change(D, PD_UPDATED, k, o, n);
			compare(D, c, o, n);
			if (!c->nf)
				D->out->n--;
		}
	}
	for (int i = 0; i < no; i++) {
		const plan_rec *o = plan_record(D->old, k, i);
		if (find_kind(D->neu, o->codice, k) || plan_removed(o) ||
		    smap_get(&D->renamed, o->codice) >= 0)
			continue;
		pd_change *p = removed_parent(D, o);
		pd_change *c = add_change(D, PD_REMOVED, k, o, NULL);
		if (p) {
			c->with_parent = p;
			add_child(D, p, o->codice);
		}
		*smap_ref(&D->gone, o->codice, -1) = (int)(c - D->out->v);
	}
}

plan_diff *plan_diff_compute(const plan *old, const plan *neu)
{
	plan_diff *out = xcalloc(1, sizeof *out);
	arena_init(&out->a, 64 * 1024);
	differ D = {.old = old, .neu = neu, .out = out, .a = &out->a};
	int total = 0;
	for (int k = 0; k < REC_KIND_COUNT; k++)
		total += plan_count(old, (rec_kind)k) +
			 plan_count(neu, (rec_kind)k);
	out->v = arena_alloc(&out->a, sizeof(pd_change) * (size_t)(total + 1));
	union_years(&D);
	smap_init(&D.renamed, D.a, 64);
	smap_init(&D.gone, D.a, 64);
	for (int k = 0; k < REC_KIND_COUNT; k++)
		diff_kind(&D, (rec_kind)k);
	return out;
}

void plan_diff_free(plan_diff *d)
{
	if (!d)
		return;
	arena_free(&d->a);
	free(d);
}
