/*
 * relazione.c - the Relazione sulla performance and its open data.
 *
 * The part has four sections, all fed from one evaluation of the plan
 * (data/eval.h):
 *   - a cover: legal basis, the plan it reports on, the notice that the
 *     values are illustrative (when the template says so), the plan's
 *     overall degree with its bar, the indicators counted by verdict and
 *     the evaluation criteria;
 *   - the summary: one row per strategic objective (grouped by
 *     perspective, closed by the whole plan) with its degree as a number,
 *     a horizontal bar coloured by verdict and the verdict in words, and
 *     a colour legend;
 *   - the detail: one table with a band per perspective, a row per
 *     strategic objective, its strategic indicators, then its programmes
 *     and operational objectives with their indicators: target, value,
 *     intermediate values, degree, verdict, notes;
 *   - the non-evaluable indicators with the reason.
 * rep_relazione_export() makes <out>.csv with one row per node, from the
 * same evaluation (rep.ev, run once by rep_evaluate()).  Every text that
 * is both printed and exported (degree, verdict, value, reason) comes from
 * one function here, so the two agree to the character.  Words come from
 * the template (tpl_relazione).
 */
#include "report.h"
#include "../data/eval.h"
#include "../template/phrase.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

_Static_assert(TPL_REL_REASONS == EV_R_COUNT,
	       "tpl_relazione.reason must follow ev_reason");
_Static_assert(TPL_REL_LEVELS == EV_LEVEL_COUNT,
	       "tpl_relazione.level must follow ev_level");

typedef struct relctx {
	rep *r;
	const tpl_relazione *t;
	ev_plan *e;
	double bar_max; /* degree drawn as a full bar */
} relctx;

/* The evaluation options the template asks for. */
static ev_opts options(const tpl_relazione *t)
{
	ev_opts o = ev_opts_default();
	o.rules.full = t->full / 100.0;
	o.rules.partial = t->partial / 100.0;
	o.rules.allow_over = t->allow_over;
	o.rules.grace_days = t->grace_days;
	o.share_strategic = t->share_strategic / 100.0;
	return o;
}

ev_plan *rep_evaluate(const plan *p, const tpl *t, diag *d)
{
	ev_opts o = options(&t->rel);
	return ev_run(p, &o, d);
}

/* ---- phrases --------------------------------------------------------- */

/* Placeholder values for one expansion: plain strings or one date. */
typedef struct kv {
	const char *name;
	const char *value;
	const pdate *date;
} kv;

typedef struct kv_ctx {
	const kv *v;
	int n;
	const tpl *t;
} kv_ctx;

static int kv_lookup(void *ctx, const char *name, const char *fmt, buf *out)
{
	kv_ctx *c = ctx;
	for (int i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].name, name))
			continue;
		if (c->v[i].date)
			phrase_date(out, c->v[i].date, c->t->months.v,
				    !strcmp(fmt, "num"));
		else
			buf_puts(out, c->v[i].value ? c->v[i].value : "");
		return 1;
	}
	return 0;
}

/* Expand pattern with the values v[0..n) into rep.a. */
static const char *expand(relctx *X, const char *pattern, const kv *v, int n)
{
	kv_ctx c = {v, n, X->r->t};
	buf_reset(&X->r->tmp);
	phrase_expand(&X->r->tmp, pattern, kv_lookup, &c);
	return arena_strndup(&X->r->a, buf_cstr(&X->r->tmp), X->r->tmp.len);
}

/* ---- texts shared by the PDF and the CSV ----------------------------- */

/* The degree as printed: "95,4%"; when not evaluable the template's
 * "n.v." (pdf) or "" (csv). */
static const char *degree_text(relctx *X, const ev_node *n, int pdf)
{
	char s[48];
	degree_format(n->degree, s, sizeof s);
	if (!*s)
		return pdf ? X->t->nv : "";
	return arena_strdup(&X->r->a, s);
}

/* A fraction as a percentage, for thresholds and shares. */
static const char *pct_text(relctx *X, double d)
{
	char s[48];
	degree_format(d, s, sizeof s);
	return arena_strdup(&X->r->a, s);
}

/* The verdict in words; marked (pdf) when it comes from a manual esito. */
static const char *verdict_text(relctx *X, const ev_node *n, int pdf)
{
	const char *w = X->t->esito[n->verdict];
	if (!pdf || !n->overridden)
		return w;
	kv v[] = {{"esito", w, NULL}};
	return expand(X, X->t->override, v, 1);
}

/* Why a node is not evaluable, or that its esito is manual; "" else. */
static const char *reason_text(relctx *X, const ev_node *n)
{
	if (isnan(n->degree) || n->verdict == ESITO_NON_VALUTABILE)
		return X->t->reason[n->reason];
	if (n->overridden)
		return X->t->override_reason;
	return "";
}

/* The value reached: the valore as written, or with the earlier value it
 * was compared with ("1,044 (40.105 / 38.412)", "28,9% (2017: 31,8%)"). */
static const char *value_text(relctx *X, const ev_node *n)
{
	if (!n->value)
		return "";
	if (!n->previous || (!n->ratio && n->tgt.kind != TGT_RELATIVE))
		return n->value->valore;
	char ratio[48], year[16];
	number_format(n->ratio_value, 3, ratio, sizeof ratio);
	snprintf(year, sizeof year, "%d", n->previous->periodo.y);
	kv v[] = {{"rapporto", ratio, NULL},
		  {"valore", n->value->valore, NULL},
		  {"precedente", n->previous->valore, NULL},
		  {"anno_precedente", year, NULL}};
	return expand(X, n->ratio ? X->t->value_ratio : X->t->value_relative, v,
		      4);
}

/* The row label of a node: "{codice}. {titolo}" and the like. */
static const char *label_text(relctx *X, const ev_node *n)
{
	kv v[] = {{"codice", n->codice, NULL},
		  {"titolo", n->name, NULL},
		  {"denominazione", n->name, NULL}};
	return expand(X, X->t->label[n->level], v, 3);
}

/* The intermediate values, one per line: "30.06.2021: 15,8%". */
static const char *interim_text(relctx *X, const ev_node *n)
{
	if (!n->ninterim)
		return "";
	buf all = BUF_INIT;
	for (int i = 0; i < n->ninterim; i++) {
		const misura *m = n->interim[i];
		kv v[] = {{"data", NULL, &m->periodo},
			  {"valore", m->valore, NULL}};
		if (i)
			buf_putc(&all, '\n');
		buf_puts(&all, expand(X, X->t->interim, v, 2));
	}
	const char *s = arena_strndup(&X->r->a, buf_cstr(&all), all.len);
	buf_free(&all);
	return s;
}

/* Notes: the year-end row's nota, then those of the intermediate rows
 * (prefixed by their date). */
static const char *note_text(relctx *X, const ev_node *n)
{
	buf all = BUF_INIT;
	if (n->value && *n->value->nota)
		buf_puts(&all, n->value->nota);
	for (int i = 0; i < n->ninterim; i++) {
		const misura *m = n->interim[i];
		if (!*m->nota)
			continue;
		if (all.len)
			buf_putc(&all, '\n');
		buf_puts(&all, rep_date(X->r, &m->periodo));
		buf_puts(&all, ": ");
		buf_puts(&all, m->nota);
	}
	const char *s = arena_strndup(&X->r->a, buf_cstr(&all), all.len);
	buf_free(&all);
	return s;
}

/* ---- cells ----------------------------------------------------------- */

static float bar_of(const relctx *X, const ev_node *n)
{
	if (isnan(n->degree) || n->degree <= 0)
		return 0;
	float f = (float)(n->degree / X->bar_max);
	if (f > 1)
		f = 1;
	return f < 0.004f ? 0.004f : f;
}

static int hidden(const relctx *X, const ev_node *n)
{
	return n->removed && X->r->t->removed == REMOVED_HIDE;
}

static void heading(relctx *X, const char *title)
{
	lay_flow_space(X->r->flow, X->r->t->part_gap);
	lay_flow_paragraph(X->r->flow, ST_PART, LAY_LEFT, title, 1, 0, NULL);
	lay_flow_space(X->r->flow, X->r->t->styles[ST_PART].size * 0.4f);
}

/* One summary-style row (label, degree, bar, verdict) for node n. */
static void summary_row(relctx *X, tbl *tb, const tpl_table *tt,
			const ev_node *n, const char *label, int style,
			uint32_t fill)
{
	tbl_cell c[TBL_MAX_COLS];
	for (int i = 0; i < tt->ncols; i++) {
		const char *key = tt->cols[i].key;
		const char *text = "";
		if (!strcmp(key, "obiettivo"))
			text = label;
		else if (!strcmp(key, "grado"))
			text = degree_text(X, n, 1);
		else if (!strcmp(key, "esito"))
			text = verdict_text(X, n, 1);
		c[i] = rep_cell(text, style);
		c[i].fill = fill;
		if (!strcmp(key, "barra")) {
			c[i].fill = X->t->bar_track;
			c[i].bar = bar_of(X, n);
			c[i].bar_color = X->t->esito_color[n->verdict];
		}
		if (n->removed && !strcmp(key, "obiettivo"))
			rep_mark_removed(X->r, &c[i]);
	}
	tbl_row(tb, TBL_BODY, c, tt->ncols, NULL);
}

/* ---- cover ------------------------------------------------------------ */

static void cover(relctx *X)
{
	rep *r = X->r;
	const tpl_relazione *t = X->t;
	lay_flow_space(r->flow, 18);
	for (int i = 0; i < 3; i++) {
		const char *s = rep_doc_text(r, t->cover[i]);
		if (*s)
			lay_flow_paragraph(r->flow, ST_GROUP, LAY_LEFT, s, 0,
					   -1, NULL);
	}
	tbl_opts o = rep_tbl_opts(r);
	const char *notice = rep_doc_text(r, t->illustrative);
	if (*notice) {
		lay_flow_space(r->flow, 14);
		tbl_col col = {1, LAY_LEFT};
		tbl *tb = tbl_begin(r->flow, &col, 1, &o);
		tbl_cell c = rep_cell(notice, ST_GROUP);
		c.fill = t->notice_fill;
		tbl_row(tb, TBL_BODY, &c, 1, NULL);
		tbl_end(tb);
	}

	/* The plan's degree, as a summary row. */
	lay_flow_space(r->flow, 18);
	const tpl_table *st = &t->summary;
	tbl *tb = rep_table_begin(r, st, &o, -1);
	summary_row(X, tb, st, &X->e->plan, t->overall, ST_GROUP,
		    r->t->group_fill);
	tbl_end(tb);

	/* Indicators by verdict, best first. */
	lay_flow_space(r->flow, 12);
	tbl_col cc[5] = {{st->ncols ? st->cols[0].width : 46, LAY_LEFT},
			 {13.5f, LAY_CENTER},
			 {13.5f, LAY_CENTER},
			 {13.5f, LAY_CENTER},
			 {13.5f, LAY_CENTER}};
	tb = tbl_begin(r->flow, cc, 5, &o);
	tbl_cell h[5], b[5];
	h[0] = rep_cell("", ST_HEADER);
	b[0] = rep_cell(t->counts, ST_GROUP);
	for (int k = 1; k < 5; k++) {
		esito v = (esito)(4 - k);
		h[k] = rep_cell(t->esito[v], ST_HEADER);
		b[k] = rep_cell(arena_printf(&r->a, "%d", X->e->plan.count[v]),
				ST_GROUP);
	}
	for (int k = 0; k < 5; k++)
		h[k].fill = r->t->header_fill;
	tbl_row(tb, TBL_HEADER, h, 5, NULL);
	tbl_row(tb, TBL_BODY, b, 5, NULL);
	tbl_end(tb);

	char tol[16] = "";
	if (t->grace_days)
		snprintf(tol, sizeof tol, "%d", t->grace_days);
	kv v[] = {{"pieno", pct_text(X, t->full / 100.0), NULL},
		  {"parziale", pct_text(X, t->partial / 100.0), NULL},
		  {"quota", pct_text(X, t->share_strategic / 100.0), NULL},
		  {"tetto", t->allow_over ? "" : pct_text(X, 1.0), NULL},
		  {"tolleranza", tol, NULL}};
	lay_flow_space(r->flow, 14);
	lay_flow_paragraph(r->flow, ST_NOTE, LAY_LEFT,
			   expand(X, t->criteria, v, 5), 0, -1, NULL);
}

/* ---- summary ----------------------------------------------------------- */

static void legend(relctx *X)
{
	rep *r = X->r;
	const tpl_relazione *t = X->t;
	tbl_opts o = rep_tbl_opts(r);
	o.border = 0;
	tbl_col cols[7] = {{2, LAY_LEFT},  {22, LAY_LEFT}, {2, LAY_LEFT},
			   {22, LAY_LEFT}, {2, LAY_LEFT},  {22, LAY_LEFT},
			   {28, LAY_LEFT}};
	tbl *tb = tbl_begin(r->flow, cols, 7, &o);
	tbl_cell c[7];
	const char *full = pct_text(X, t->full / 100.0);
	const char *part = pct_text(X, t->partial / 100.0);
	const char *words[3] = {arena_printf(&r->a, "%s (≥ %s)",
					     t->esito[ESITO_RAGGIUNTO], full),
				arena_printf(&r->a, "%s (≥ %s)",
					     t->esito[ESITO_PARZIALE], part),
				arena_printf(&r->a, "%s (< %s)",
					     t->esito[ESITO_NON_RAGGIUNTO],
					     part)};
	for (int k = 0; k < 3; k++) {
		c[2 * k] = rep_cell("", ST_NOTE);
		c[2 * k].bar = 1;
		c[2 * k].bar_color = t->esito_color[ESITO_RAGGIUNTO - k];
		c[2 * k + 1] = rep_cell(words[k], ST_NOTE);
	}
	c[6] = rep_cell(arena_printf(&r->a, "%s = %s", t->nv,
				     t->esito[ESITO_NON_VALUTABILE]),
			ST_NOTE);
	tbl_row(tb, TBL_BODY, c, 7, NULL);
	tbl_end(tb);
}

static void summary(relctx *X)
{
	rep *r = X->r;
	const ev_plan *e = X->e;
	const tpl_table *st = &X->t->summary;
	if (!st->ncols)
		return;
	heading(X, st->title);
	tbl_opts o = rep_tbl_opts(r);
	tbl *tb = rep_table_begin(r, st, &o, -1);
	for (int pi = e->plan.first[0]; pi >= 0; pi = e->persp[pi].next) {
		const ev_node *pn = &e->persp[pi];
		if (hidden(X, pn) || pn->first[0] < 0)
			continue;
		summary_row(X, tb, st, pn, label_text(X, pn), ST_GROUP,
			    r->t->group_fill);
		for (int oi = pn->first[0]; oi >= 0; oi = e->obj[oi].next)
			if (!hidden(X, &e->obj[oi]))
				summary_row(X, tb, st, &e->obj[oi],
					    label_text(X, &e->obj[oi]), ST_BODY,
					    TBL_NOFILL);
	}
	for (int oi = e->plan.first[1]; oi >= 0; oi = e->obj[oi].next)
		if (!hidden(X, &e->obj[oi]))
			summary_row(X, tb, st, &e->obj[oi],
				    label_text(X, &e->obj[oi]), ST_BODY,
				    TBL_NOFILL);
	summary_row(X, tb, st, &e->plan, label_text(X, &e->plan), ST_GROUP,
		    r->t->group_fill);
	tbl_end(tb);
	lay_flow_space(r->flow, 6);
	legend(X);
}

/* ---- detail ------------------------------------------------------------ */

typedef struct detail_ctx {
	relctx *X;
	tbl *tb;
	const tpl_table *tt;
	rep_notes notes;
} detail_ctx;

/* A row of the detail table.  Aggregates (band, objective, programme,
 * operational objective) span their label over the target, value and
 * monitoring columns that follow it. */
static void detail_row(detail_ctx *D, const ev_node *n, tbl_row_kind kind,
		       int style, uint32_t fill, const char *label)
{
	relctx *X = D->X;
	const tpl_table *tt = D->tt;
	int indicator = n->level == EV_IND_STRAT || n->level == EV_IND_OPER;
	tbl_cell c[TBL_MAX_COLS];
	int nc = 0;
	for (int i = 0; i < tt->ncols; i++) {
		const char *key = tt->cols[i].key;
		const char *text = "";
		int st = style;
		if (!strcmp(key, "indicatore"))
			text = label;
		else if (!strcmp(key, "grado"))
			text = degree_text(X, n, 1);
		else if (!strcmp(key, "esito"))
			text = verdict_text(X, n, 1);
		else if (indicator && !strcmp(key, "target"))
			text = n->target_text;
		else if (indicator && !strcmp(key, "valore"))
			text = value_text(X, n);
		else if (indicator && !strcmp(key, "monitoraggio"))
			text = interim_text(X, n);
		else if (!strcmp(key, "note")) {
			text = indicator ? note_text(X, n) : "";
			if (n->removed && n->rec && n->rec->first) {
				const char *am = rep_amendments(
					X->r, n->rec, NULL, &D->notes);
				text = *text ? arena_printf(&X->r->a, "%s\n%s",
							    am, text)
					     : am;
			}
			if (indicator)
				st = ST_NOTE;
		}
		tbl_cell *cell = &c[nc++];
		*cell = rep_cell(text, st);
		cell->fill = fill;
		if (!strcmp(key, "note") && D->notes.n)
			rep_cell_notes(X->r, cell, &D->notes);
		if (!strcmp(key, "indicatore")) {
			if (n->removed)
				rep_mark_removed(X->r, cell);
			if (!indicator)
				while (i + 1 < tt->ncols &&
				       (!strcmp(tt->cols[i + 1].key,
						"target") ||
					!strcmp(tt->cols[i + 1].key,
						"valore") ||
					!strcmp(tt->cols[i + 1].key,
						"monitoraggio"))) {
					cell->colspan++;
					i++;
				}
		}
	}
	tbl_row(D->tb, kind, c, nc, indicator ? NULL : label);
}

/* An aggregate row with nothing in it but a label (the strategic
 * indicators band). */
static void band_row(detail_ctx *D, tbl_row_kind kind, const char *label,
		     uint32_t fill)
{
	tbl_cell c = rep_cell(label, ST_GROUP);
	c.colspan = D->tt->ncols;
	c.fill = fill;
	tbl_row(D->tb, kind, &c, 1, NULL);
}

static void detail_objective(detail_ctx *D, int oi)
{
	relctx *X = D->X;
	const ev_plan *e = X->e;
	const tpl *t = X->r->t;
	const ev_node *on = &e->obj[oi];
	if (hidden(X, on))
		return;
	detail_row(D, on, TBL_STICKY(1), ST_GROUP, t->group_fill,
		   label_text(X, on));
	int any = 0;
	for (int i = on->first[0]; i >= 0; i = e->is[i].next)
		any |= !hidden(X, &e->is[i]);
	if (any) {
		band_row(D, TBL_STICKY(2), X->t->strategic,
			 X->t->programme_fill);
		for (int i = on->first[0]; i >= 0; i = e->is[i].next)
			if (!hidden(X, &e->is[i]))
				detail_row(D, &e->is[i], TBL_BODY, ST_BODY,
					   TBL_NOFILL,
					   label_text(X, &e->is[i]));
	}
	for (int pi = on->first[1]; pi >= 0; pi = e->prog[pi].next) {
		const ev_node *pn = &e->prog[pi];
		if (hidden(X, pn))
			continue;
		detail_row(D, pn, TBL_STICKY(2), ST_GROUP, X->t->programme_fill,
			   label_text(X, pn));
		for (int k = pn->first[0]; k >= 0; k = e->oo[k].next) {
			const ev_node *kn = &e->oo[k];
			if (hidden(X, kn))
				continue;
			detail_row(D, kn, TBL_STICKY(3), ST_GROUP,
				   X->t->ob_oper_fill, label_text(X, kn));
			for (int i = kn->first[0]; i >= 0; i = e->io[i].next)
				if (!hidden(X, &e->io[i]))
					detail_row(D, &e->io[i], TBL_BODY,
						   ST_BODY, TBL_NOFILL,
						   label_text(X, &e->io[i]));
		}
	}
}

static void detail(relctx *X)
{
	rep *r = X->r;
	const ev_plan *e = X->e;
	const tpl_table *tt = &X->t->detail;
	if (!tt->ncols)
		return;
	lay_flow_new_page(r->flow);
	heading(X, tt->title);
	tbl_opts o = rep_tbl_opts(r);
	o.mark_level[0] = 1;
	o.mark_level[1] = 2;
	detail_ctx D = {X, rep_table_begin(r, tt, &o, -1), tt, {NULL, 0, 0}};
	for (int pi = e->plan.first[0]; pi >= 0; pi = e->persp[pi].next) {
		const ev_node *pn = &e->persp[pi];
		if (hidden(X, pn) || pn->first[0] < 0)
			continue;
		detail_row(&D, pn, TBL_STICKY(0), ST_BAND, r->t->band_fill[0],
			   label_text(X, pn));
		for (int oi = pn->first[0]; oi >= 0; oi = e->obj[oi].next)
			detail_objective(&D, oi);
	}
	for (int oi = e->plan.first[1]; oi >= 0; oi = e->obj[oi].next)
		detail_objective(&D, oi);
	tbl_end(D.tb);
	free(D.notes.v);
	lay_flow_space(r->flow, 4);
	lay_flow_paragraph(r->flow, ST_NOTE, LAY_LEFT, X->t->override_note, 0,
			   -1, NULL);
	rep_part_notes(r);
}

/* ---- non-evaluable indicators ------------------------------------------ */

static void nv_row(relctx *X, tbl *tb, const tpl_table *tt, const ev_node *n)
{
	if (!isnan(n->degree) || hidden(X, n))
		return;
	tbl_cell c[TBL_MAX_COLS];
	for (int i = 0; i < tt->ncols; i++) {
		const char *key = tt->cols[i].key;
		const char *text = "";
		int st = ST_BODY;
		if (!strcmp(key, "indicatore"))
			text = label_text(X, n);
		else if (!strcmp(key, "target"))
			text = n->target_text;
		else if (!strcmp(key, "valore"))
			text = value_text(X, n);
		else if (!strcmp(key, "motivo"))
			text = reason_text(X, n);
		else if (!strcmp(key, "note")) {
			text = note_text(X, n);
			st = ST_NOTE;
		}
		/* Not struck through: the reason says it was removed. */
		c[i] = rep_cell(text, st);
	}
	tbl_row(tb, TBL_BODY, c, tt->ncols, NULL);
}

static void not_evaluable(relctx *X)
{
	rep *r = X->r;
	const ev_plan *e = X->e;
	const tpl_table *tt = &X->t->nvlist;
	if (!tt->ncols)
		return;
	int any = 0;
	for (int i = 0; i < r->p->n_ind_strat; i++)
		any |= isnan(e->is[i].degree) && !hidden(X, &e->is[i]);
	for (int i = 0; i < r->p->n_ind_oper; i++)
		any |= isnan(e->io[i].degree) && !hidden(X, &e->io[i]);
	if (!any)
		return;
	heading(X, tt->title);
	tbl_opts o = rep_tbl_opts(r);
	tbl *tb = rep_table_begin(r, tt, &o, -1);
	/* In the order of the detail: by objective, strategic first. */
	for (int oi = 0; oi < r->p->n_obiettivi; oi++) {
		const ev_node *on = &e->obj[oi];
		for (int i = on->first[0]; i >= 0; i = e->is[i].next)
			nv_row(X, tb, tt, &e->is[i]);
		for (int pi = on->first[1]; pi >= 0; pi = e->prog[pi].next)
			for (int k = e->prog[pi].first[0]; k >= 0;
			     k = e->oo[k].next)
				for (int i = e->oo[k].first[0]; i >= 0;
				     i = e->io[i].next)
					nv_row(X, tb, tt, &e->io[i]);
	}
	tbl_end(tb);
}

static double max_degree(const ev_plan *e)
{
	double m = 1;
	for (int i = 0; i < e->p->n_obiettivi; i++)
		if (e->obj[i].degree > m)
			m = e->obj[i].degree;
	for (int i = 0; i < e->p->n_prospettive; i++)
		if (e->persp[i].degree > m)
			m = e->persp[i].degree;
	if (e->plan.degree > m)
		m = e->plan.degree;
	return m;
}

void rep_relazione(rep *r)
{
	relctx X = {r, &r->t->rel, NULL, 1};
	if (!r->ev)
		r->ev = rep_evaluate(r->p, r->t, r->d);
	X.e = r->ev;
	X.bar_max = X.t->allow_over ? max_degree(X.e) : 1;
	/* After other parts the relazione opens a page of its own, headed
	 * by its title ([relazione] title); first, it follows the
	 * document's title. */
	if (r->t->nparts && r->t->parts[0] != PART_RELAZIONE) {
		lay_flow_new_page(r->flow);
		heading(&X, r->t->table[PART_RELAZIONE].title);
	}
	cover(&X);
	lay_flow_new_page(r->flow);
	summary(&X);
	detail(&X);
	not_evaluable(&X);
}

/* ---- open data ------------------------------------------------------- */

/* One CSV field: quoted when it holds ; " or a line break. */
static void csv_field(buf *b, const char *s, int last)
{
	if (strpbrk(s, ";\"\r\n")) {
		buf_putc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				buf_putc(b, '"');
			buf_putc(b, *s);
		}
		buf_putc(b, '"');
	} else {
		buf_puts(b, s);
	}
	buf_putc(b, last ? '\n' : ';');
}

static void csv_row(relctx *X, buf *b, const ev_node *n)
{
	int indicator = n->level == EV_IND_STRAT || n->level == EV_IND_OPER;
	const char *name = n->level == EV_PLAN ? label_text(X, n) : n->name;
	csv_field(b, n->codice, 0);
	csv_field(b, X->t->level[n->level], 0);
	csv_field(b, name, 0);
	csv_field(b, indicator ? n->target_text : "", 0);
	csv_field(b, indicator ? value_text(X, n) : "", 0);
	csv_field(b, degree_text(X, n, 0), 0);
	csv_field(b, verdict_text(X, n, 0), 0);
	csv_field(b, reason_text(X, n), 1);
}

static void csv_objective(relctx *X, buf *b, int oi)
{
	const ev_plan *e = X->e;
	const ev_node *on = &e->obj[oi];
	csv_row(X, b, on);
	for (int i = on->first[0]; i >= 0; i = e->is[i].next)
		csv_row(X, b, &e->is[i]);
	for (int pi = on->first[1]; pi >= 0; pi = e->prog[pi].next) {
		csv_row(X, b, &e->prog[pi]);
		for (int k = e->prog[pi].first[0]; k >= 0; k = e->oo[k].next) {
			csv_row(X, b, &e->oo[k]);
			for (int i = e->oo[k].first[0]; i >= 0;
			     i = e->io[i].next)
				csv_row(X, b, &e->io[i]);
		}
	}
}

void rep_relazione_export(rep *r, buf *out)
{
	relctx X = {r, &r->t->rel, NULL, 1};
	if (!r->ev)
		r->ev = rep_evaluate(r->p, r->t, r->d);
	X.e = r->ev;
	buf_reset(out);
	buf_puts(out, "codice;livello;descrizione;target;valore;grado;esito;"
		      "motivo\n");
	csv_row(&X, out, &X.e->plan);
	const ev_plan *e = X.e;
	for (int pi = e->plan.first[0]; pi >= 0; pi = e->persp[pi].next) {
		csv_row(&X, out, &e->persp[pi]);
		for (int oi = e->persp[pi].first[0]; oi >= 0;
		     oi = e->obj[oi].next)
			csv_objective(&X, out, oi);
	}
	for (int oi = e->plan.first[1]; oi >= 0; oi = e->obj[oi].next)
		csv_objective(&X, out, oi);
}
