/*
 * confronto.c - "Prospetto delle modifiche": what changed between two
 * versions of the plan, for the Giunta.
 *
 * The changes are plan_diff's (data/plandiff.c), grouped by strategic
 * objective (a band each; missions and perspectives first), in the order
 * of the new plan.  Each changed record is one cell spanning its rows:
 * kind, code and text, and in italics its place in the plan (mission,
 * perspective, objective, programme, operational objective).  Each
 * changed column is a row: its name, the old text and the new one side
 * by side, from a word diff (util/wdiff.c): deleted words struck through
 * and grey in the old text, inserted ones bold in the new (rich cells,
 * layout/rich.h).  Each yearly target that changed is a row of its own,
 * so the targets form a small old/new table.  The counts come first.
 */
#include "report.h"
#include "../data/plandiff.h"
#include "../template/diffnote.h"
#include "../template/phrase.h"
#include "../util/wdiff.h"

#include <stdlib.h>
#include <string.h>

/* What the template says ([confronto]). */
typedef struct conf {
	tpl_table table;      /* title and columns */
	const char *versions; /* {prima} {dopo}: the two plan folders */
	const char *counts;   /* {totale} {inseriti} {eliminati} {aggiornati}
				 {rinominati} */
	const char *group;    /* {codice} {titolo}: a strategic objective */
	const char *other;    /* records under no strategic objective */
	const char *place;    /* {tipo} {codice}: one step of a place */
	const char *inserted, *removed, *children, *code; /* campo words */
	const char *missing; /* the part without --old */
} conf;

typedef struct cctx {
	rep *r;
	const plan *old, *neu;
	const conf *c;
	const tpl_table *tt;
	plan_diff *df;
	tbl *t;
} cctx;

/* ---- places --------------------------------------------------------- */

/* The record r belongs to (an objective's mission), or NULL. */
static const plan_rec *parent_of(const plan_rec *r)
{
	switch (r->kind) {
	case REC_IND_STRAT:
		return &((const ind_strat *)r)->obiettivo->r;
	case REC_PROGRAMMA:
		return &((const programma *)r)->obiettivo->r;
	case REC_OB_OPER:
		return &((const ob_oper *)r)->programma->r;
	case REC_IND_OPER:
		return &((const ind_oper *)r)->ob_oper->r;
	default:
		return NULL;
	}
}

/* The strategic objective of r (r itself for one), or NULL. */
static const plan_rec *objective_of(const plan_rec *r)
{
	while (r && r->kind != REC_OBIETTIVO)
		r = parent_of(r);
	return r;
}

static void place_step(cctx *X, buf *b, const plan_rec *p)
{
	static const char *const names[] = {"tipo", "codice", NULL};
	const char *v[] = {X->r->t->kind_label[p->kind], p->codice};
	if (b->len)
		buf_puts(b, " › ");
	buf_puts(b, rep_expand(X->r, X->c->place, names, v));
}

/* "Missione 011 › Prospettiva ITC › Obiettivo strategico 1 › ..." */
static const char *place_of(cctx *X, const plan_rec *r)
{
	const plan_rec *chain[8];
	int n = 0;
	for (const plan_rec *p = parent_of(r); p && n < 6; p = parent_of(p))
		chain[n++] = p;
	const plan_rec *ob = r->kind == REC_OBIETTIVO ? r : objective_of(r);
	buf b = BUF_INIT;
	if (ob) {
		const obiettivo *o = (const obiettivo *)ob;
		place_step(X, &b, &o->missione->r);
		if (o->prospettiva)
			place_step(X, &b, &o->prospettiva->r);
	}
	while (n > 0)
		place_step(X, &b, chain[--n]);
	const char *s = arena_strdup(&X->r->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* ---- cells ---------------------------------------------------------- */

/* The record's cell: "Kind CODE: text", then its place in italics. */
static tbl_cell elemento(cctx *X, const pd_change *ch)
{
	rep *r = X->r;
	const plan_rec *rec = ch->neu ? ch->neu : ch->old;
	const char *head =
		arena_printf(&r->a, "%s %s: %s", r->t->kind_label[rec->kind],
			     rec->codice, rep_rec_label(rec));
	const char *place = place_of(X, rec);
	tbl_cell c = rep_cell(head, ST_BODY);
	if (!*place)
		return c;
	c.text = arena_printf(&r->a, "%s\n%s", head, place);
	lay_span *sp = arena_alloc(&r->a, sizeof *sp);
	*sp = (lay_span){(uint32_t)strlen(head) + 1, (uint32_t)strlen(place),
			 FONT_ITALIC, 0, LAY_SPAN_CELLCOLOR};
	c.rich = (lay_rich){sp, 1};
	return c;
}

/* The old and new texts side by side from a word diff: deletions struck
 * and grey in the old, insertions bold in the new. */
static void side_by_side(cctx *X, const char *a, const char *b, tbl_cell *pc,
			 tbl_cell *dc)
{
	rep *r = X->r;
	a = arena_strdup(&r->a, a); /* the cells outlive the diff */
	b = arena_strdup(&r->a, b);
	wd_seg *s;
	int n = wdiff(&r->a, a, b, &s);
	lay_span *spa = arena_alloc(&r->a, sizeof *spa * (size_t)(n + 1));
	lay_span *spb = arena_alloc(&r->a, sizeof *spb * (size_t)(n + 1));
	int na = 0, nb = 0;
	size_t la = 0, lb = 0;
	for (int i = 0; i < n; i++) {
		if (s[i].op == WD_DEL)
			spa[na++] =
				(lay_span){(uint32_t)la, (uint32_t)s[i].len, -1,
					   LAY_STRIKE, r->t->removed_color};
		if (s[i].op == WD_INS)
			spb[nb++] =
				(lay_span){(uint32_t)lb, (uint32_t)s[i].len,
					   FONT_BOLD, 0, LAY_SPAN_CELLCOLOR};
		if (s[i].op != WD_INS)
			la += s[i].len;
		if (s[i].op != WD_DEL)
			lb += s[i].len;
	}
	*pc = rep_cell(a, ST_BODY);
	*dc = rep_cell(b, ST_BODY);
	pc->rich = (lay_rich){spa, na};
	dc->rich = (lay_rich){spb, nb};
}

/* A parent's code with its text, from plan p: "P-1.1 Qualità ...". */
static const char *with_label(rep *r, const plan *p, const char *code)
{
	const plan_rec *rec = *code ? plan_find(p, code) : NULL;
	return rec ? arena_printf(&r->a, "%s %s", code, rep_rec_label(rec))
		   : code;
}

/* One row: the record's cell (first row only), campo, old, new. */
static void row(cctx *X, const tbl_cell *el, int span, const char *campo,
		const char *a, const char *b)
{
	tbl_cell cells[TBL_MAX_COLS], pc, dc;
	side_by_side(X, a, b, &pc, &dc);
	int n = 0;
	for (int i = 0; i < X->tt->ncols; i++) {
		const char *key = X->tt->cols[i].key;
		if (!strcmp(key, "elemento")) {
			if (!el)
				continue;
			cells[n] = *el;
			cells[n].rowspan = span;
		} else if (!strcmp(key, "campo")) {
			cells[n] = rep_cell(campo, ST_BODY);
		} else {
			cells[n] = !strcmp(key, "prima") ? pc : dc;
		}
		n++;
	}
	tbl_row(X->t, TBL_BODY, cells, n, NULL);
}

/* The main text of a record, for an insertion or a removal. */
static const char *main_text(const plan_rec *rec)
{
	return rep_rec_label(rec);
}

static void change_rows(cctx *X, const pd_change *ch)
{
	rep *r = X->r;
	tbl_cell el = elemento(X, ch);
	buf b = BUF_INIT;
	switch (ch->kind) {
	case PD_INSERTED:
		row(X, &el, 1, X->c->inserted, "", main_text(ch->neu));
		break;
	case PD_RENAMED:
		row(X, &el, 1, X->c->code, ch->old_codice, ch->codice);
		break;
	case PD_REMOVED:
		row(X, &el, ch->nchildren ? 2 : 1, X->c->removed,
		    main_text(ch->old), "");
		for (int i = 0; i < ch->nchildren; i++)
			buf_printf(&b, "%s%s %s", i ? "\n" : "",
				   ch->children[i],
				   rep_rec_label(
					   plan_find(X->old, ch->children[i])));
		if (ch->nchildren)
			row(X, NULL, 0, X->c->children, buf_cstr(&b), "");
		break;
	case PD_UPDATED:
		for (int i = 0; i < ch->nf; i++) {
			const pd_field *f = &ch->f[i];
			buf_reset(&b);
			diff_field_label(&b, r->t, f);
			const char *campo = arena_strdup(&r->a, buf_cstr(&b));
			const char *a = f->before, *d = f->after;
			if (f->type == C_REF) {
				a = with_label(r, X->old, a);
				d = with_label(r, X->neu, d);
			}
			row(X, i ? NULL : &el, ch->nf, campo, a, d);
		}
		break;
	}
	buf_free(&b);
}

/* ---- groups --------------------------------------------------------- */

typedef struct item {
	const pd_change *ch;
	int group; /* -1: no objective; objectives of the new plan, then the
		      old plan's that are gone */
	int seq;
	const plan_rec *ob;
} item;

static int by_group(const void *a, const void *b)
{
	const item *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int index_of(const plan *p, const plan_rec *ob)
{
	const char *base = (const char *)plan_record(p, REC_OBIETTIVO, 0);
	return (int)(((const char *)ob - base) / (long)sizeof(obiettivo));
}

static item *sorted(cctx *X, int *n)
{
	item *v = arena_alloc(&X->r->a, sizeof *v * (size_t)(X->df->n + 1));
	int k = 0;
	for (int i = 0; i < X->df->n; i++) {
		const pd_change *ch = &X->df->v[i];
		if (ch->with_parent)
			continue;
		const plan_rec *ob = objective_of(ch->neu ? ch->neu : ch->old);
		int g = -1;
		if (ob && !ch->neu) {
			/* gone: under its objective if the new plan has it */
			const plan_rec *nob = plan_find(X->neu, ob->codice);
			if (nob && nob->kind == REC_OBIETTIVO)
				ob = nob;
			else
				g = X->neu->n_obiettivi + index_of(X->old, ob);
		}
		if (ob && g < 0)
			g = index_of(X->neu, ob);
		v[k++] = (item){ch, g, i, ob};
	}
	qsort(v, (size_t)k, sizeof *v, by_group);
	*n = k;
	return v;
}

static void band(cctx *X, const plan_rec *ob)
{
	rep *r = X->r;
	const char *text = X->c->other;
	if (ob) {
		static const char *const names[] = {"codice", "titolo", NULL};
		const char *v[] = {ob->codice, rep_rec_label(ob)};
		text = rep_expand(r, X->c->group, names, v);
	}
	tbl_cell c = rep_cell(text, ST_GROUP);
	c.colspan = X->tt->ncols;
	c.fill = r->t->group_fill;
	tbl_row(X->t, TBL_STICKY(0), &c, 1, NULL);
}

static void counts(cctx *X, const item *v, int n)
{
	int k[4] = {0, 0, 0, 0};
	for (int i = 0; i < n; i++)
		k[v[i].ch->kind]++;
	char s[5][16];
	snprintf(s[0], 16, "%d", n);
	snprintf(s[1], 16, "%d", k[PD_INSERTED]);
	snprintf(s[2], 16, "%d", k[PD_REMOVED]);
	snprintf(s[3], 16, "%d", k[PD_UPDATED]);
	snprintf(s[4], 16, "%d", k[PD_RENAMED]);
	static const char *const names[] = {"totale",	  "inseriti",
					    "eliminati",  "aggiornati",
					    "rinominati", NULL};
	const char *vals[] = {s[0], s[1], s[2], s[3], s[4]};
	static const char *const vn[] = {"prima", "dopo", NULL};
	const char *dirs[] = {X->old->dir, X->neu->dir};
	lay_flow_paragraph(X->r->flow, ST_BODY, LAY_LEFT,
			   rep_expand(X->r, X->c->versions, vn, dirs), 0, -1,
			   NULL);
	lay_flow_space(X->r->flow, 4);
	lay_flow_paragraph(X->r->flow, ST_GROUP, LAY_LEFT,
			   rep_expand(X->r, X->c->counts, names, vals), 0, -1,
			   NULL);
	lay_flow_space(X->r->flow, 8);
}

static void *run(rep *r, const void *cf)
{
	const conf *c = cf;
	cctx X = {r, r->old, r->p, c, &c->table, NULL, NULL};
	rep_part_heading(r, c->table.title);
	if (!r->old) {
		lay_flow_paragraph(r->flow, ST_BODY, LAY_LEFT, c->missing, 0,
				   -1, NULL);
		return NULL;
	}
	X.df = plan_diff_compute(r->old, r->p);
	int n;
	item *v = sorted(&X, &n);
	counts(&X, v, n);
	if (n) {
		tbl_opts o = rep_tbl_opts(r);
		o.mark_level[0] = 0;
		X.t = rep_table_begin(r, X.tt, &o, LAY_CENTER, NULL);
		for (int i = 0; i < n; i++) {
			if (i == 0 || v[i].group != v[i - 1].group)
				band(&X, v[i].ob);
			change_rows(&X, v[i].ch);
		}
		tbl_end(X.t);
	}
	plan_diff_free(X.df);
	return NULL;
}

/* ---- template keys -------------------------------------------------- */

static const tpl_coldef columns_def[] = {
	REP_COL("elemento", "24", "left", "Elemento e collocazione", NULL, 0),
	REP_COL("campo", "12", "left", "Campo", NULL, 0),
	REP_COL("prima", "32", "left", "Testo precedente", NULL, 0),
	REP_COL("dopo", "32", "left", "Testo nuovo", NULL, 0),
	REP_COL_END,
};

#define OFF(f) offsetof(conf, f)
static const char *const two_names[] = {"prima", "dopo", NULL};
static const char *const count_names[] = {
	"totale", "inseriti", "eliminati", "aggiornati", "rinominati", NULL};
static const char *const group_names[] = {"codice", "titolo", NULL};
static const char *const place_names[] = {"tipo", "codice", NULL};

static const tpl_key keys[] = {
	TK_ROW("confronto:title", TK_TEXT, OFF(table.title),
	       "PROSPETTO DELLE MODIFICHE", 0, 0, NULL,
	       "heading of the comparison of two plan versions"),
	TK_ROW("confronto:columns", TK_COLUMNS, OFF(table), NULL, 0, 0,
	       columns_def, "the comparison's columns, in order"),
	TK_ROW("confronto:versions", TK_PHRASE, OFF(versions),
	       "Confronto tra {prima} (testo precedente) e {dopo} (testo "
	       "nuovo). Le parole eliminate sono barrate in grigio, quelle "
	       "inserite in grassetto.",
	       0, 0, two_names, "first line: the two versions compared"),
	TK_ROW("confronto:counts", TK_PHRASE, OFF(counts),
	       "Elementi modificati: {totale} (inseriti {inseriti}, eliminati "
	       "{eliminati}, aggiornati {aggiornati}, codici modificati "
	       "{rinominati})",
	       0, 0, count_names, "the counts on the first page"),
	TK_ROW("confronto:group", TK_PHRASE, OFF(group),
	       "Obiettivo strategico {codice}. {titolo}", 0, 0, group_names,
	       "band of a strategic objective"),
	TK_ROW("confronto:other", TK_TEXT, OFF(other), "Missioni e prospettive",
	       0, 0, NULL, "band of the records under no strategic objective"),
	TK_ROW("confronto:place", TK_PHRASE, OFF(place), "{tipo} {codice}", 0,
	       0, place_names, "one step of a record's place in the plan"),
	TK_ROW("confronto:inserted", TK_TEXT, OFF(inserted), "Inserito", 0, 0,
	       NULL, "campo of an inserted record"),
	TK_ROW("confronto:removed", TK_TEXT, OFF(removed), "Eliminato", 0, 0,
	       NULL, "campo of a removed record"),
	TK_ROW("confronto:children", TK_TEXT, OFF(children),
	       "Eliminati con esso", 0, 0, NULL,
	       "campo of the records removed with a removed one"),
	TK_ROW("confronto:code", TK_TEXT, OFF(code), "Codice", 0, 0, NULL,
	       "campo of a changed code"),
	TK_ROW("confronto:missing", TK_TEXT, OFF(missing),
	       "Nessuna versione precedente indicata (annex build --old "
	       "CARTELLA).",
	       0, 0, NULL, "printed when the build has no --old"),
};

const rep_part rep_part_confronto = {
	.tpl = {"confronto", keys, REP_NKEYS(keys), sizeof(conf), NULL},
	.run = run,
};
