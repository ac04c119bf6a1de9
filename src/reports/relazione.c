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
 * export() writes <out>.csv with one row per node, from the same
 * evaluation (run's state, evaluated once by evaluate()).  Every text that
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

/*
 * What the template says (sections [relazione], [summary], [detail],
 * [not_evaluable]; the rows of keys[] at the end of this file).  Arrays
 * indexed by verdict follow esito (non valutabile, non raggiunto,
 * parzialmente raggiunto, raggiunto); by reason and level they follow
 * ev_reason and ev_level of data/eval.h (relazione.c checks the sizes).
 */
#define TPL_REL_REASONS 13
#define TPL_REL_LEVELS	7
typedef struct tpl_relazione {
	const char *title;	 /* heading when it is not the first part */
	float full, partial;	 /* verdict thresholds, percent (100, 60) */
	int allow_over;		 /* degrees above 100% are reported */
	int grace_days;		 /* tolerance on deadlines, days */
	float cap;		 /* allow_over: highest degree, percent */
	int late_days;		 /* deadlines: linear scale, days */
	float zero_tolerance;	 /* a target of 0: tolerance */
	int missing_zero;	 /* missing = zero */
	float share_strategic;	 /* percent of an objective's degree given by
				    its strategic indicators (50) */
	const char *esito[4];	 /* verdict words */
	uint32_t esito_color[4]; /* bar colours */
	const char *reason[TPL_REL_REASONS]; /* why not evaluable */
	const char *level[TPL_REL_LEVELS];   /* level words (CSV livello) */
	const char *label[TPL_REL_LEVELS];   /* row labels: {codice} {titolo} */
	const char *nv;		     /* degree cell when not evaluable */
	const char *override;	     /* verdict from a manual esito: {esito} */
	const char *override_note;   /* legend of that mark */
	const char *override_reason; /* CSV motivo of an overridden row */
	const char *cover[3];	     /* cover lines, documento placeholders */
	const char *illustrative;    /* cover notice, "" for none */
	const char *overall;	     /* cover: label of the plan's degree */
	const char *counts;	     /* cover: label of the indicator counts */
	const char *trend_alt;	     /* the trend line in words: {valori} */
	const char *criteria;	     /* rules: {pieno} {parziale} {quota}
					{tetto} {tolleranza} */
	const char *strategic;	     /* detail: strategic indicators band */
	const char *value_ratio;     /* {rapporto} {valore} {precedente}
					{anno_precedente} */
	const char *value_relative;  /* {valore} {precedente}
					{anno_precedente} */
	const char *interim;	     /* {data} {valore} */
	uint32_t programme_fill, ob_oper_fill, notice_fill;
	uint32_t bar_track;	    /* background of the bar cells */
	const char *coverage;	    /* {misurati} {totale}: detail notes */
	const char *coverage_short; /* the same, summary column */
	const char *nv_reason;	    /* {esito} {motivo}: a verdict n.v. */
	const char *trend[3];	    /* down, same, up */
	const char *gap;	    /* {punti}: deviation from full */
	int csv_bom;		    /* the CSV starts with a BOM */
	tpl_table summary, detail, nvlist; /* titles and columns */
	tpl_table devlist, rmlist, reslist;
} tpl_relazione;

_Static_assert(TPL_REL_REASONS == EV_R_COUNT,
	       "tpl_relazione.reason must follow ev_reason");
_Static_assert(TPL_REL_LEVELS == EV_LEVEL_COUNT,
	       "tpl_relazione.level must follow ev_level");

/* Earlier years evaluated beside the plan's, for the previous year's
 * columns and the sparklines. */
#define REL_HIST 4

/* What run() evaluates and export() prints: the plan's year and the
 * earlier years of monitoraggio.csv (hist[k] is year hist_year[k],
 * oldest first). */
typedef struct rel_state {
	ev_plan *e;
	ev_plan *hist[REL_HIST];
	int hist_year[REL_HIST];
	int nhist;
} rel_state;

typedef struct relctx {
	rep *r;
	const tpl_relazione *t;
	ev_plan *e;
	double bar_max;	 /* degree drawn as a full bar */
	int in_detail;	 /* composing the detail */
	rep_notes notes; /* footnotes gathered for a cell */
	const rel_state *s;
	double max_amount; /* the largest programme's resources */
} relctx;

/* The evaluation options the template asks for. */
static ev_opts options(const tpl_relazione *t)
{
	ev_opts o = ev_opts_default();
	o.rules.full = t->full / 100.0;
	o.rules.partial = t->partial / 100.0;
	o.rules.allow_over = t->allow_over;
	o.rules.grace_days = t->grace_days;
	o.rules.cap = t->cap / 100.0;
	o.rules.late_days = t->late_days;
	o.rules.zero_tol = t->zero_tolerance;
	o.missing_zero = t->missing_zero;
	o.share_strategic = t->share_strategic / 100.0;
	return o;
}

/* The one evaluation the relazione's PDF and CSV print, with the
 * template's rules (thresholds, grace, share).  Warnings about the values
 * go to d (may be NULL).  The caller frees with ev_free. */
static ev_plan *evaluate(const plan *p, const tpl_relazione *t, diag *d)
{
	ev_opts o = options(t);
	return ev_run(p, &o, d);
}

/* The years before the plan's that have year-end values, at most
 * REL_HIST, evaluated silently with the same rules, oldest first. */
static void evaluate_history(rel_state *st, const plan *p,
			     const tpl_relazione *t)
{
	int anno = st->e->o.anno;
	for (int y = anno - REL_HIST; y < anno; y++) {
		int any = 0;
		for (int i = 0; i < p->n_misure && !any; i++)
			any = p->misure[i].periodo.y == y &&
			      !p->misure[i].periodo.m;
		if (!any)
			continue;
		ev_opts o = options(t);
		o.anno = y;
		st->hist_year[st->nhist] = y;
		st->hist[st->nhist++] = ev_run(p, &o, NULL);
	}
}

/* The node of to that is n of from (the same record). */
static const ev_node *peer(const ev_plan *from, const ev_plan *to,
			   const ev_node *n)
{
	switch (n->level) {
	case EV_PLAN:
		return &to->plan;
	case EV_PERSPECTIVE:
		return &to->persp[n - from->persp];
	case EV_OBJECTIVE:
		return &to->obj[n - from->obj];
	case EV_IND_STRAT:
		return &to->is[n - from->is];
	case EV_PROGRAMME:
		return &to->prog[n - from->prog];
	case EV_OB_OPER:
		return &to->oo[n - from->oo];
	default:
		return &to->io[n - from->io];
	}
}

/* n in the previous year's evaluation, or NULL when that year has no
 * values. */
static const ev_node *previous(const relctx *X, const ev_node *n)
{
	const rel_state *s = X->s;
	if (!s || !s->nhist || s->hist_year[s->nhist - 1] != X->e->o.anno - 1)
		return NULL;
	return peer(X->e, s->hist[s->nhist - 1], n);
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

/* The verdict in words.  In the PDF a manual esito is marked, with the
 * computed result beside it, and a verdict "non valutabile" says why. */
static const char *verdict_text(relctx *X, const ev_node *n, int pdf)
{
	const char *w = X->t->esito[n->verdict];
	if (!pdf)
		return n->removed ? "eliminato" : w;
	if (n->overridden) {
		const char *calc = "";
		if (!isnan(n->computed))
			calc = arena_printf(&X->r->a, "%s %s",
					    pct_text(X, n->computed),
					    X->t->esito[n->computed_verdict]);
		kv v[] = {{"esito", w, NULL}, {"calcolato", calc, NULL}};
		return expand(X, X->t->override, v, 2);
	}
	if (n->verdict == ESITO_NON_VALUTABILE && !n->removed &&
	    n->reason != EV_R_OK) {
		kv v[] = {{"esito", w, NULL},
			  {"motivo", X->t->reason[n->reason], NULL}};
		return expand(X, X->t->nv_reason, v, 2);
	}
	return w;
}

/* "12 di 19 indicatori misurati" of an aggregate; "" for an indicator. */
static const char *coverage_text(relctx *X, const ev_node *n, int brief)
{
	if (ev_is_indicator(n) || n->removed || !n->total)
		return "";
	char m[16], t[16];
	snprintf(m, sizeof m, "%d", n->measured);
	snprintf(t, sizeof t, "%d", n->total);
	kv v[] = {{"misurati", m, NULL}, {"totale", t, NULL}};
	return expand(X, brief ? X->t->coverage_short : X->t->coverage, v, 2);
}

/* ↑ ↓ = against the previous year, as printed (rounded); "" when either
 * year is not evaluable. */
static const char *trend_text(relctx *X, const ev_node *n)
{
	const ev_node *pn = previous(X, n);
	if (!pn || isnan(n->degree) || isnan(pn->degree))
		return "";
	double a = degree_round(n->degree), b = degree_round(pn->degree);
	return X->t->trend[a > b + 1e-9 ? 2 : a < b - 1e-9 ? 0 : 1];
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
	lay_flow_block(X->r->flow, LAY_S_H2, ST_PART, LAY_LEFT, title, 1, 0,
		       NULL);
	lay_flow_space(X->r->flow, X->r->t->styles[ST_PART].size * 0.4f);
}

/* ---- the columns of the relazione's tables ----------------------------- */

/* Fill cell c (text "", the row's style and fill) of node n, whose row
 * label is label.  The summary, the detail and the list of what is not
 * evaluable share them. */
typedef void (*rel_fill)(relctx *X, const ev_node *n, const char *label,
			 tbl_cell *c);

/* The row's label, struck through when the record was removed. */
static void col_label(relctx *X, const ev_node *n, const char *label,
		      tbl_cell *c)
{
	c->text = label;
	if (n->removed)
		rep_mark_removed(X->r, c);
}

/* The row's label as it is (the list of what is not evaluable: the
 * reason says it was removed). */
static void col_name(relctx *X, const ev_node *n, const char *label,
		     tbl_cell *c)
{
	(void)X, (void)n;
	c->text = label;
}

static void col_grado(relctx *X, const ev_node *n, const char *label,
		      tbl_cell *c)
{
	(void)label;
	c->text = degree_text(X, n, 1);
}

static void col_esito(relctx *X, const ev_node *n, const char *label,
		      tbl_cell *c)
{
	(void)label;
	c->text = verdict_text(X, n, 1);
}

static void col_barra(relctx *X, const ev_node *n, const char *label,
		      tbl_cell *c)
{
	(void)label;
	c->fill = X->t->bar_track;
	c->bar = bar_of(X, n);
	c->bar_color = X->t->esito_color[n->verdict];
}

/* Target, value, intermediate values and reason: of indicators only. */
static void col_target(relctx *X, const ev_node *n, const char *label,
		       tbl_cell *c)
{
	(void)X, (void)label;
	if (ev_is_indicator(n))
		c->text = n->target_text;
}

static void col_valore(relctx *X, const ev_node *n, const char *label,
		       tbl_cell *c)
{
	(void)label;
	if (ev_is_indicator(n))
		c->text = value_text(X, n);
}

static void col_monitoraggio(relctx *X, const ev_node *n, const char *label,
			     tbl_cell *c)
{
	(void)label;
	if (ev_is_indicator(n))
		c->text = interim_text(X, n);
}

static void col_motivo(relctx *X, const ev_node *n, const char *label,
		       tbl_cell *c)
{
	(void)label;
	c->text = reason_text(X, n);
}

/* An indicator's notes; in the detail a removed record's amendments
 * first (their footnotes gathered in X->notes). */
static void col_note(relctx *X, const ev_node *n, const char *label,
		     tbl_cell *c)
{
	(void)label;
	const char *text = ev_is_indicator(n) ? note_text(X, n)
			   : X->in_detail     ? coverage_text(X, n, 0)
					      : "";
	if (X->in_detail && n->removed && n->rec && n->rec->first) {
		const char *am = rep_amendments(X->r, n->rec, NULL, &X->notes);
		text = *text ? arena_printf(&X->r->a, "%s\n%s", am, text) : am;
	}
	c->text = text;
	if (ev_is_indicator(n))
		c->style = ST_NOTE;
	if (X->notes.n)
		rep_cell_notes(X->r, c, &X->notes);
}

static void col_copertura(relctx *X, const ev_node *n, const char *label,
			  tbl_cell *c)
{
	(void)label;
	c->text = coverage_text(X, n, 1);
}

/* The trend line in words, for a tagged PDF: "2019 80%, 2020 n.v.". */
static const char *trend_words(relctx *X, const ev_node *n)
{
	const rel_state *s = X->s;
	buf b = BUF_INIT;
	for (int i = 0; i <= s->nhist; i++) {
		const ev_node *m = i < s->nhist ? peer(X->e, s->hist[i], n) : n;
		int year = i < s->nhist ? s->hist_year[i] : X->e->o.anno;
		buf_printf(&b, "%s%d %s", i ? ", " : "", year,
			   degree_text(X, m, 1));
	}
	kv v[] = {{"valori", buf_cstr(&b), NULL}};
	const char *alt = expand(X, X->t->trend_alt, v, 1);
	buf_free(&b);
	return alt;
}

/* The degree over the years of monitoraggio.csv, oldest first, drawn as
 * a line (vector, no image); nothing with fewer than two years; a Figure
 * with the values in words (trend_words) in a tagged PDF. */
static void col_andamento(relctx *X, const ev_node *n, const char *label,
			  tbl_cell *c)
{
	(void)label;
	const rel_state *s = X->s;
	if (!s || !s->nhist || n->removed)
		return;
	int k = s->nhist + 1, have = 0;
	float *v = arena_alloc(&X->r->a, sizeof(float) * (size_t)k);
	for (int i = 0; i < k; i++) {
		const ev_node *m = i < s->nhist ? peer(X->e, s->hist[i], n) : n;
		double d = isnan(m->degree) ? NAN : m->degree / X->bar_max;
		v[i] = isnan(d) ? NAN : (float)fmin(1.0, fmax(0.0, d));
		have += !isnan(d);
	}
	if (have < 2)
		return;
	c->spark = v;
	c->nspark = k;
	c->spark_color = X->t->esito_color[ESITO_RAGGIUNTO];
	c->alt = trend_words(X, n);
}

/* The previous year: an indicator's value, anyone's degree, the trend. */
static void col_valore_prec(relctx *X, const ev_node *n, const char *label,
			    tbl_cell *c)
{
	(void)label;
	const ev_node *pn = previous(X, n);
	if (ev_is_indicator(n) && pn)
		c->text = value_text(X, pn);
}

static void col_grado_prec(relctx *X, const ev_node *n, const char *label,
			   tbl_cell *c)
{
	(void)label;
	const ev_node *pn = previous(X, n);
	if (pn && !n->removed && !isnan(pn->degree))
		c->text = degree_text(X, pn, 1);
}

static void col_tendenza(relctx *X, const ev_node *n, const char *label,
			 tbl_cell *c)
{
	(void)label;
	c->text = trend_text(X, n);
}

/* The gap to full achievement, in points: "-12,5 punti". */
static void col_scostamento(relctx *X, const ev_node *n, const char *label,
			    tbl_cell *c)
{
	(void)label;
	char num[48];
	double pts = (degree_round(n->degree) - X->t->full / 100.0) * 100.0;
	number_format(pts, 1, num, sizeof num);
	kv v[] = {{"punti", num, NULL}};
	c->text = expand(X, X->t->gap, v, 1);
}

static void col_livello(relctx *X, const ev_node *n, const char *label,
			tbl_cell *c)
{
	(void)label;
	c->text = X->t->level[n->level];
}

/* The amendments that removed a record, with their footnotes. */
static void col_deliberazione(relctx *X, const ev_node *n, const char *label,
			      tbl_cell *c)
{
	(void)label;
	c->text = rep_amendments(X->r, n->rec, NULL, &X->notes);
	c->style = ST_NOTE;
	if (X->notes.n)
		rep_cell_notes(X->r, c, &X->notes);
}

/* A programme's resources as a number, or NAN for free text. */
static double amount_of(const ev_node *n)
{
	itnum v;
	const programma *pr = (const programma *)n->rec;
	if (!pr->risorse || itnum_parse(pr->risorse, &v) != 0 || v.percent)
		return NAN;
	return v.value;
}

static void col_risorse(relctx *X, const ev_node *n, const char *label,
			tbl_cell *c)
{
	(void)label;
	const programma *pr = (const programma *)n->rec;
	if (n->level == EV_PROGRAMME)
		c->text = rep_amount(X->r, pr->risorse ? pr->risorse : "");
}

static void col_barra_risorse(relctx *X, const ev_node *n, const char *label,
			      tbl_cell *c)
{
	(void)label;
	c->fill = X->t->bar_track;
	double a = n->level == EV_PROGRAMME ? amount_of(n) : NAN;
	if (isnan(a) || !(X->max_amount > 0) || a <= 0)
		return;
	c->bar = (float)fmax(0.004, a / X->max_amount);
	c->bar_color = X->t->esito_color[ESITO_NON_VALUTABILE];
}

/* Column tags: an aggregate's label (D_LABEL) spans over the D_SPANNED
 * columns that follow it. */
enum { D_SPANNED = 1, D_LABEL = 2 };

static const tpl_coldef summary_cols[] = {
	REP_COL("obiettivo", "38", "left", "Obiettivo strategico", col_label,
		0),
	REP_COL("grado", "7", "right", "Grado", col_grado, 0),
	REP_COL("barra", "20", "left", "Grado di raggiungimento (0-100%)",
		col_barra, 0),
	REP_COL("esito", "15", "left", "Esito", col_esito, 0),
	REP_COL("copertura", "10", "center", "Indicatori misurati",
		col_copertura, 0),
	REP_COL("andamento", "10", "left", "Andamento negli anni",
		col_andamento, 0),
	REP_COL_END,
};

static const tpl_coldef detail_cols[] = {
	REP_COL("indicatore", "25", "left", "Indicatore", col_label, D_LABEL),
	REP_COL("target", "8", "center", "Target", col_target, D_SPANNED),
	REP_COL("valore", "9", "center", "Valore {anno}", col_valore,
		D_SPANNED),
	REP_COL("monitoraggio", "9", "left", "Monitoraggio intermedio",
		col_monitoraggio, D_SPANNED),
	REP_COL("valore_prec", "8", "center", "Valore {anno_precedente}",
		col_valore_prec, D_SPANNED),
	REP_COL("grado_prec", "6", "right", "Grado {anno_precedente}",
		col_grado_prec, 0),
	REP_COL("grado", "6", "right", "Grado {anno}", col_grado, 0),
	REP_COL("tendenza", "3", "center", "", col_tendenza, 0),
	REP_COL("esito", "11", "left", "Esito", col_esito, 0),
	REP_COL("note", "15", "left", "Note", col_note, 0),
	REP_COL_END,
};

static const tpl_coldef nv_cols[] = {
	REP_COL("indicatore", "40", "left", "Indicatore", col_name, 0),
	REP_COL("target", "10", "center", "Target", col_target, 0),
	REP_COL("valore", "10", "center", "Valore", col_valore, 0),
	REP_COL("motivo", "18", "left", "Motivo", col_motivo, 0),
	REP_COL("note", "22", "left", "Note", col_note, 0),
	REP_COL_END,
};

static const tpl_coldef dev_cols[] = {
	REP_COL("indicatore", "30", "left", "Indicatore", col_name, 0),
	REP_COL("target", "9", "center", "Target", col_target, 0),
	REP_COL("valore", "10", "center", "Valore", col_valore, 0),
	REP_COL("grado", "7", "right", "Grado", col_grado, 0),
	REP_COL("scostamento", "9", "right", "Scostamento", col_scostamento, 0),
	REP_COL("esito", "11", "left", "Esito", col_esito, 0),
	REP_COL("spiegazione", "24", "left", "Spiegazione", col_note, 0),
	REP_COL_END,
};

static const tpl_coldef rm_cols[] = {
	REP_COL("elemento", "45", "left", "Obiettivo o indicatore", col_name,
		0),
	REP_COL("livello", "15", "left", "Livello", col_livello, 0),
	REP_COL("deliberazione", "40", "left", "Eliminato con",
		col_deliberazione, 0),
	REP_COL_END,
};

static const tpl_coldef res_cols[] = {
	REP_COL("programma", "36", "left", "Programma", col_name, 0),
	REP_COL("risorse", "12", "right", "Risorse (euro)", col_risorse, 0),
	REP_COL("barra_risorse", "16", "left", "Risorse", col_barra_risorse, 0),
	REP_COL("grado", "7", "right", "Grado", col_grado, 0),
	REP_COL("barra", "16", "left", "Grado di raggiungimento", col_barra, 0),
	REP_COL("copertura", "13", "center", "Indicatori misurati",
		col_copertura, 0),
	REP_COL_END,
};

/* The cells of a row of tt for node n. */
static int fill_cells(relctx *X, const tpl_table *tt, const ev_node *n,
		      const char *label, int style, uint32_t fill, tbl_cell *c)
{
	int nc = 0;
	for (int i = 0; i < tt->ncols; i++) {
		tbl_cell *cell = &c[nc++];
		*cell = rep_cell("", style);
		cell->fill = fill;
		((rel_fill)tt->cols[i].fill)(X, n, label, cell);
		/* An aggregate's label spans the columns of indicators. */
		if ((tt->cols[i].tag & D_LABEL) && !ev_is_indicator(n))
			while (i + 1 < tt->ncols &&
			       (tt->cols[i + 1].tag & D_SPANNED)) {
				cell->colspan++;
				i++;
			}
	}
	return nc;
}

/* One summary-style row (label, degree, bar, verdict) for node n. */
static void summary_row(relctx *X, tbl *tb, const tpl_table *tt,
			const ev_node *n, const char *label, int style,
			uint32_t fill)
{
	tbl_cell c[TBL_MAX_COLS];
	int nc = fill_cells(X, tt, n, label, style, fill, c);
	tbl_row(tb, TBL_BODY, c, nc, NULL);
}

/* Start a table of the template's columns of tt, headings expanded with
 * {anno} and {anno_precedente}; first, when not NULL, heads the first
 * column instead. */
static tbl *rel_table(relctx *X, const tpl_table *tt, const tbl_opts *o,
		      const char *first)
{
	tpl_table copy = *tt;
	char cur[16], prev[16];
	snprintf(cur, sizeof cur, "%d", X->e->o.anno);
	snprintf(prev, sizeof prev, "%d", X->e->o.anno - 1);
	kv v[] = {{"anno", cur, NULL}, {"anno_precedente", prev, NULL}};
	copy.cols = arena_alloc(&X->r->a,
				sizeof(tpl_column) *
					(size_t)(tt->ncols ? tt->ncols : 1));
	for (int i = 0; i < tt->ncols; i++) {
		copy.cols[i] = tt->cols[i];
		copy.cols[i].heading = expand(X, tt->cols[i].heading, v, 2);
	}
	if (first && tt->ncols)
		copy.cols[0].heading = first;
	return rep_table_begin(X->r, &copy, o, -1, NULL);
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
	/* The plan's own source of the values: a file, or a sheet. */
	const char *src =
		r->p->n_misure
			? r->p->misure[0].file
			: arena_printf(&r->a, "%s/monitoraggio.csv", r->p->dir);
	kv mon[] = {{"monitoraggio", src, NULL}};
	const char *notice =
		rep_doc_text(r, expand(X, t->illustrative, mon, 1));
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
	tbl *tb = rel_table(X, st, &o, "");
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
	tbl *tb = rel_table(X, st, &o, NULL);
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
} detail_ctx;

/* A row of the detail table.  Aggregates (band, objective, programme,
 * operational objective) span their label over the target, value and
 * monitoring columns that follow it. */
static void detail_row(detail_ctx *D, const ev_node *n, tbl_row_kind kind,
		       int style, uint32_t fill, const char *label)
{
	tbl_cell c[TBL_MAX_COLS];
	int nc = fill_cells(D->X, D->tt, n, label, style, fill, c);
	tbl_row(D->tb, kind, c, nc, ev_is_indicator(n) ? NULL : label);
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
	detail_ctx D = {X, rel_table(X, tt, &o, NULL), tt};
	X->in_detail = 1;
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
	X->in_detail = 0;
	free(X->notes.v);
	X->notes = (rep_notes){NULL, 0, 0};
	lay_flow_space(r->flow, 4);
	lay_flow_paragraph(r->flow, ST_NOTE, LAY_LEFT, X->t->override_note, 0,
			   -1, NULL);
	rep_part_notes(r);
}

/* ---- non-evaluable indicators ------------------------------------------ */

static void nv_row(relctx *X, tbl *tb, const tpl_table *tt, const ev_node *n)
{
	if (!isnan(n->degree) || n->removed)
		return;
	tbl_cell c[TBL_MAX_COLS];
	int nc = fill_cells(X, tt, n, label_text(X, n), ST_BODY, TBL_NOFILL, c);
	tbl_row(tb, TBL_BODY, c, nc, NULL);
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
		any |= isnan(e->is[i].degree) && !e->is[i].removed;
	for (int i = 0; i < r->p->n_ind_oper; i++)
		any |= isnan(e->io[i].degree) && !e->io[i].removed;
	if (!any)
		return;
	heading(X, tt->title);
	tbl_opts o = rep_tbl_opts(r);
	tbl *tb = rep_table_begin(r, tt, &o, -1, NULL);
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

/* ---- lists: deviations, removed records, resources -------------------- */

/* A list is one table of rows chosen from the tree in report order: want
 * says which nodes make a row (2: a band row spanning the table).  The
 * walk does not go below a removed node, nor below floor. */
typedef struct list_ctx {
	relctx *X;
	const tpl_table *tt;
	int (*want)(const ev_node *n);
	ev_level floor;
	tbl *tb; /* NULL while counting */
	int rows;
} list_ctx;

static int list_visit(void *ctx, const ev_node *n)
{
	list_ctx *L = ctx;
	relctx *X = L->X;
	int w = L->want(n);
	if (w == 2 && L->tb) {
		tbl_cell c = rep_cell(label_text(X, n), ST_GROUP);
		c.colspan = L->tt->ncols;
		c.fill = X->r->t->group_fill;
		tbl_row(L->tb, TBL_STICKY(1), &c, 1, NULL);
	} else if (w && L->tb) {
		tbl_cell c[TBL_MAX_COLS];
		int nc = fill_cells(X, L->tt, n, label_text(X, n), ST_BODY,
				    TBL_NOFILL, c);
		tbl_row(L->tb, TBL_BODY, c, nc, NULL);
	}
	L->rows += w == 1;
	return !n->removed && n->level != L->floor;
}

/* The list tt with a heading, when it has rows. */
static void list_table(relctx *X, const tpl_table *tt,
		       int (*want)(const ev_node *), ev_level floor)
{
	if (!tt->ncols)
		return;
	list_ctx L = {X, tt, want, floor, NULL, 0};
	ev_walk(X->e, NULL, list_visit, NULL, &L);
	if (!L.rows)
		return;
	heading(X, tt->title);
	tbl_opts o = rep_tbl_opts(X->r);
	L.tb = rel_table(X, tt, &o, NULL);
	ev_walk(X->e, NULL, list_visit, NULL, &L);
	tbl_end(L.tb);
	rep_part_notes(X->r);
}

/* Analisi degli scostamenti: every indicator below full achievement. */
static int want_deviation(const ev_node *n)
{
	return ev_is_indicator(n) && !n->removed &&
	       (n->verdict == ESITO_PARZIALE ||
		n->verdict == ESITO_NON_RAGGIUNTO);
}

/* Removed during the cycle: each record removed itself (its children go
 * with it), with the amendments that removed it. */
static int want_removed(const ev_node *n)
{
	return n->rec && plan_removed(n->rec);
}

/* Resources against results: the programmes, grouped by perspective. */
static int want_resources(const ev_node *n)
{
	if (n->level == EV_PERSPECTIVE && n->first[0] >= 0 && !n->removed)
		return 2;
	return n->level == EV_PROGRAMME && !n->removed;
}

/* The largest amount of any programme not removed, for the bars. */
static double max_amount(const ev_plan *e)
{
	double m = 0;
	for (int i = 0; i < e->p->n_programmi; i++) {
		double a = amount_of(&e->prog[i]);
		if (!e->prog[i].removed && a > m)
			m = a;
	}
	return m;
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

static void *run(rep *r, const void *conf)
{
	rel_state *st = xcalloc(1, sizeof *st);
	relctx X = {r, conf, NULL, 1, 0, {NULL, 0, 0}, st, 0};
	X.e = st->e = evaluate(r->p, X.t, r->d);
	evaluate_history(st, r->p, X.t);
	X.bar_max = X.t->allow_over ? max_degree(X.e) : 1;
	X.max_amount = max_amount(X.e);
	/* After other parts the relazione opens a page of its own, headed
	 * by its title ([relazione] title); first, it follows the
	 * document's title. */
	if (r->part_no > 0) {
		lay_flow_new_page(r->flow);
		heading(&X, X.t->title);
	}
	cover(&X);
	lay_flow_new_page(r->flow);
	summary(&X);
	detail(&X);
	list_table(&X, &X.t->devlist, want_deviation, EV_LEVEL_COUNT);
	list_table(&X, &X.t->reslist, want_resources, EV_PROGRAMME);
	not_evaluable(&X);
	list_table(&X, &X.t->rmlist, want_removed, EV_LEVEL_COUNT);
	free(X.notes.v);
	return st;
}

/* ---- open data ------------------------------------------------------- */

/* The columns of <out>.csv, described again in <out>.json (CSVW): name,
 * datatype and what it holds. */
enum {
	K_CODICE,
	K_PADRE,
	K_LIVELLO,
	K_DESCRIZIONE,
	K_ANNO,
	K_PESO,
	K_POLARITA,
	K_TARGET,
	K_TARGET_NUM,
	K_VALORE,
	K_VALORE_NUM,
	K_GRADO,
	K_GRADO_NUM,
	K_GRADO_CALC,
	K_ESITO,
	K_MOTIVO,
	K_COPERTURA,
	K_COUNT
};

static const struct {
	const char *name, *type, *text;
} csv_cols[K_COUNT] = {
	{"codice", "string", "Codice dell'elemento (PIANO per il piano)"},
	{"padre", "string", "Codice dell'elemento superiore"},
	{"livello", "string",
	 "Livello: piano, prospettiva, obiettivo "
	 "strategico, indicatore, programma, ..."},
	{"descrizione", "string", "Titolo o descrizione"},
	{"anno", "integer", "Anno della relazione"},
	{"peso", "number", "Peso nella media del livello superiore"},
	{"polarita", "string", "crescente o decrescente (indicatori)"},
	{"target", "string", "Target dell'anno, come scritto nel piano"},
	{"target_num", "number",
	 "Soglia del target come numero (percentuali come frazioni: 90% = "
	 "0.9), vuoto se non numerica"},
	{"valore", "string", "Valore rilevato, come stampato nella relazione"},
	{"valore_num", "number",
	 "Valore confrontato con il target come numero (rapporti e "
	 "percentuali come frazioni)"},
	{"grado", "string", "Grado di raggiungimento, come stampato"},
	{"grado_num", "number", "Grado di raggiungimento (1 = 100%)"},
	{"grado_calcolato", "number",
	 "Grado calcolato prima di un esito indicato nel monitoraggio"},
	{"esito", "string",
	 "raggiunto, parzialmente raggiunto, non "
	 "raggiunto, non valutabile o eliminato"},
	{"motivo", "string",
	 "Perché non è valutabile, o che l'esito è "
	 "indicato nel monitoraggio"},
	{"copertura", "string",
	 "Indicatori misurati / indicatori, sotto "
	 "l'elemento"},
};

/* One CSV field: quoted when it holds ; or ", line breaks replaced by
 * " / " so that each record is one line. */
static void csv_field(buf *b, const char *s, int last)
{
	int quote = strpbrk(s, ";\"") != NULL;
	if (quote)
		buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '\r')
			continue;
		if (*s == '\n')
			buf_puts(b, " / ");
		else if (*s == '"')
			buf_puts(b, "\"\"");
		else
			buf_putc(b, *s);
	}
	if (quote)
		buf_putc(b, '"');
	buf_putc(b, last ? '\n' : ';');
}

/* A number with a dot, as much precision as it has: "0.954", "1670000";
 * "" for NAN. */
static const char *num_text(relctx *X, double v)
{
	if (!isfinite(v))
		return "";
	return arena_printf(&X->r->a, "%.6g", v);
}

/* The codice of the node's parent ("PIANO" above the top). */
static const char *parent_code(const ev_node *n)
{
	const plan_rec *r = n->rec;
	const plan_rec *up = NULL;
	if (!r)
		return "";
	switch (r->kind) {
	case REC_OBIETTIVO:
		up = (const plan_rec *)((const obiettivo *)r)->prospettiva;
		break;
	case REC_IND_STRAT:
		up = &((const ind_strat *)r)->obiettivo->r;
		break;
	case REC_PROGRAMMA:
		up = &((const programma *)r)->obiettivo->r;
		break;
	case REC_OB_OPER:
		up = &((const ob_oper *)r)->programma->r;
		break;
	case REC_IND_OPER:
		up = &((const ind_oper *)r)->ob_oper->r;
		break;
	default:
		break;
	}
	return up ? up->codice : "PIANO";
}

/* The numbers an indicator compared: target and value as fractions. */
static void compared(relctx *X, const ev_node *n, const char **tgt,
		     const char **val)
{
	*tgt = *val = "";
	if (n->tgt.kind == TGT_COMPARE)
		*tgt = num_text(X, n->tgt.percent ? n->tgt.value / 100.0
						  : n->tgt.value);
	measured m;
	if (n->ratio)
		*val = num_text(X, n->ratio_value);
	else if (n->value && measured_parse(n->value->valore, &m) == 0 &&
		 m.kind == VAL_NUMBER)
		*val = num_text(X, m.percent ? m.number / 100.0 : m.number);
}

static void csv_row(relctx *X, buf *b, const ev_node *n)
{
	int ind = ev_is_indicator(n);
	const char *f[K_COUNT];
	f[K_CODICE] = n->level == EV_PLAN ? "PIANO" : n->codice;
	f[K_PADRE] = n->level == EV_PLAN ? "" : parent_code(n);
	f[K_LIVELLO] = X->t->level[n->level];
	f[K_DESCRIZIONE] = n->level == EV_PLAN ? label_text(X, n) : n->name;
	f[K_ANNO] = arena_printf(&X->r->a, "%d", X->e->o.anno);
	f[K_PESO] = n->level == EV_PLAN ? "" : num_text(X, n->weight);
	f[K_POLARITA] = !ind ? "" : n->decreasing ? "decrescente" : "crescente";
	f[K_TARGET] = ind ? n->target_text : "";
	f[K_VALORE] = ind ? value_text(X, n) : "";
	compared(X, n, &f[K_TARGET_NUM], &f[K_VALORE_NUM]);
	f[K_GRADO] = degree_text(X, n, 0);
	f[K_GRADO_NUM] = num_text(X, n->degree);
	f[K_GRADO_CALC] = n->overridden ? num_text(X, n->computed) : "";
	f[K_ESITO] = verdict_text(X, n, 0);
	f[K_MOTIVO] =
		n->removed ? X->t->reason[EV_R_REMOVED] : reason_text(X, n);
	f[K_COPERTURA] = ind || !n->total ? ""
					  : arena_printf(&X->r->a, "%d/%d",
							 n->measured, n->total);
	for (int k = 0; k < K_COUNT; k++)
		csv_field(b, f[k], k == K_COUNT - 1);
}

typedef struct csv_out {
	relctx *X;
	buf *out;
} csv_out;

static int csv_visit(void *ctx, const ev_node *n)
{
	csv_out *c = ctx;
	csv_row(c->X, c->out, n);
	return 1;
}

/* <out>.csv: one row per node in report order, from run's evaluation. */
static void export_csv(rep *r, const void *conf, void *state, buf *out)
{
	relctx X = {r,	   conf, ((rel_state *)state)->e, 1, 0, {NULL, 0, 0},
		    state, 0};
	buf_reset(out);
	if (X.t->csv_bom)
		buf_puts(out, "\xEF\xBB\xBF");
	for (int k = 0; k < K_COUNT; k++)
		csv_field(out, csv_cols[k].name, k == K_COUNT - 1);
	csv_out c = {&X, out};
	ev_walk(X.e, NULL, csv_visit, NULL, &c);
}

/* A JSON string. */
static void json_str(buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

/* <out>.json: the CSV described as CSV on the Web metadata (W3C CSVW),
 * the columns with their datatypes and meaning. */
static void export_json(rep *r, const void *conf, void *state, buf *out)
{
	(void)conf, (void)state;
	const plan *p = r->p;
	buf_reset(out);
	buf_puts(out, "{\n  \"@context\": [\"http://www.w3.org/ns/csvw\", "
		      "{\"@language\": \"it\"}],\n  \"url\": ");
	json_str(out, "relazione.csv");
	buf_puts(out, ",\n  \"dc:title\": ");
	json_str(out, rep_doc_text(r, "Relazione sulla performance {anno} - "
				      "{ente}"));
	buf_puts(out, ",\n  \"dc:publisher\": ");
	json_str(out, p->doc.ente ? p->doc.ente : "");
	buf_puts(out, ",\n  \"dialect\": {\"delimiter\": \";\", "
		      "\"encoding\": \"utf-8\", \"header\": true},\n"
		      "  \"tableSchema\": {\n    \"primaryKey\": \"codice\",\n"
		      "    \"columns\": [\n");
	for (int k = 0; k < K_COUNT; k++) {
		buf_puts(out, "      {\"name\": ");
		json_str(out, csv_cols[k].name);
		buf_puts(out, ", \"titles\": ");
		json_str(out, csv_cols[k].name);
		buf_puts(out, ", \"datatype\": ");
		json_str(out, csv_cols[k].type);
		buf_puts(out, ", \"dc:description\": ");
		json_str(out, csv_cols[k].text);
		buf_puts(out, k + 1 < K_COUNT ? "},\n" : "}\n");
	}
	buf_puts(out, "    ]\n  }\n}\n");
}

static const rep_export exports[] = {
	{".csv", export_csv},
	{".json", export_json},
	{NULL, NULL},
};

/* ---- the part -------------------------------------------------------- */

static int check(const plan *p, const tpl *t, const void *conf, diag *d)
{
	(void)t;
	ev_free(evaluate(p, conf, d));
	return d->errors ? -1 : 0;
}

static void free_state(void *state)
{
	rel_state *st = state;
	if (!st)
		return;
	ev_free(st->e);
	for (int i = 0; i < st->nhist; i++)
		ev_free(st->hist[i]);
	free(st);
}

#define OFF(f) offsetof(tpl_relazione, f)

static const char *const label_names[] = {"codice", "titolo", "denominazione",
					  NULL};
static const char *const esito_names[] = {"esito", "calcolato", NULL};
static const char *const nv_names[] = {"esito", "motivo", NULL};
static const char *const coverage_names[] = {"misurati", "totale", NULL};
static const char *const gap_names[] = {"punti", NULL};
static const char *const trend_names[] = {"valori", NULL};
static const char *const notice_names[] = {"ente",
					   "titolo",
					   "allegato",
					   "organo",
					   "delibera_numero",
					   "delibera_data",
					   "anno",
					   "page",
					   "pages",
					   "monitoraggio",
					   NULL};

static const char *const crit_names[] = {"pieno", "parziale",	"quota",
					 "tetto", "tolleranza", NULL};
static const char *const ratio_names[] = {"rapporto", "valore", "precedente",
					  "anno_precedente", NULL};
static const char *const interim_names[] = {"data", "valore", NULL};

#define ESITO(k, i, word, colour)                                              \
	TK_ROW("relazione:esito." k, TK_TEXT, OFF(esito[i]), word, 0, 0, NULL, \
	       "verdict word: " word),                                         \
		TK_ROW("relazione:color." k, TK_COLOUR, OFF(esito_color[i]),   \
		       colour, 0, 0, NULL, "bar colour: " word)
/* Reasons follow ev_reason in data/eval.h; [0], "evaluated", has no key. */
#define REASON(k, i, text)                                                     \
	TK_ROW("relazione:reason." k, TK_TEXT, OFF(reason[i]), text, 0, 0,     \
	       NULL, "why an indicator is not evaluable")
/* Levels follow ev_level in data/eval.h. */
#define LEVEL(k, i, word, lab)                                                 \
	TK_ROW("relazione:level." k, TK_TEXT, OFF(level[i]), word, 0, 0, NULL, \
	       "level word (open data livello)"),                              \
		TK_ROW("relazione:label." k, TK_PHRASE, OFF(label[i]), lab, 0, \
		       0, label_names, "row label of the level")

static const char *const missing_names[] = {"excluded", "zero", NULL};

static const tpl_key keys[] = {
	TK_ROW("relazione:title", TK_TEXT, OFF(title),
	       "RELAZIONE SULLA PERFORMANCE", 0, 0, NULL,
	       "heading of the relazione when it is not the first part"),
	TK_ROW("relazione:full", TK_NUMBER, OFF(full), "100", 1, 1000, NULL,
	       "degree (percent) from which a target is raggiunto"),
	TK_ROW("relazione:partial", TK_NUMBER, OFF(partial), "60", 0, 1000,
	       NULL,
	       "degree (percent) from which a target is parzialmente "
	       "raggiunto; at most full"),
	TK_ROW("relazione:allow_over", TK_ENUM, OFF(allow_over), "no", 0, 0,
	       tpl_yes_no, "report degrees above 100%"),
	TK_ROW("relazione:grace_days", TK_INT, OFF(grace_days), "0", 0, 366,
	       NULL, "tolerance on deadlines, days"),
	TK_ROW("relazione:cap", TK_NUMBER, OFF(cap), "120", 100, 1000, NULL,
	       "with allow_over: the highest degree (percent), at every "
	       "level"),
	TK_ROW("relazione:late_days", TK_INT, OFF(late_days), "0", 0, 3660,
	       NULL,
	       "deadlines: a date late by k days scores 1 - k/late_days (0: "
	       "met or missed)"),
	TK_ROW("relazione:zero_tolerance", TK_NUMBER, OFF(zero_tolerance), "0",
	       0, 1e9, NULL,
	       "a target of 0: values within this distance of 0 count as 0"),
	TK_ROW("relazione:missing", TK_ENUM, OFF(missing_zero), "excluded", 0,
	       0, missing_names,
	       "an indicator without a value: excluded from the roll-ups, or "
	       "counted as zero"),

	TK_ROW("relazione:strategic_share", TK_NUMBER, OFF(share_strategic),
	       "50", 0, 100, NULL,
	       "percent of an objective's degree given by its strategic "
	       "indicators"),
	/* Colour-blind-safe: blue, orange and dark red stay apart under
	 * protanopia, deuteranopia and tritanopia (README). */
	ESITO("non_valutabile", 0, "non valutabile", "9E9E9E"),
	ESITO("non_raggiunto", 1, "non raggiunto", "8B1A1A"),
	ESITO("parzialmente_raggiunto", 2, "parzialmente raggiunto", "E69F00"),
	ESITO("raggiunto", 3, "raggiunto", "0072B2"),
	REASON("no_target", 1, "Nessun target per l'anno"),
	REASON("baseline", 2,
	       "Anno di rilevazione: il valore è solo registrato"),
	REASON("text_target", 3,
	       "Target non misurabile e nessun esito nel monitoraggio"),
	REASON("no_value", 4, "Nessun valore rilevato per l'anno"),
	REASON("bad_value", 5, "Valore rilevato non leggibile"),
	REASON("kind_mismatch", 6,
	       "Valore rilevato non confrontabile con il target"),
	REASON("no_previous", 7, "Manca il valore dell'anno di confronto"),
	REASON("manual", 8, "Dichiarato non valutabile nel monitoraggio"),
	REASON("interim_only", 9,
	       "Solo valori intermedi: manca il valore di fine anno"),
	REASON("zero_previous", 10,
	       "Valore dell'anno precedente nullo: rapporto non calcolabile"),
	REASON("removed", 11, "Eliminato dal piano"),
	REASON("no_evaluable", 12, "Nessun indicatore valutabile"),
	LEVEL("plan", 0, "piano", "Piano nel complesso"),
	LEVEL("perspective", 1, "prospettiva", "{codice} – {denominazione}"),
	LEVEL("objective", 2, "obiettivo strategico", "{codice}. {titolo}"),
	LEVEL("strategic_indicator", 3, "indicatore strategico",
	      "{codice} {titolo}"),
	LEVEL("programme", 4, "programma", "Programma {codice}: {titolo}"),
	LEVEL("operational_objective", 5, "obiettivo operativo",
	      "Obiettivo operativo {codice}: {titolo}"),
	LEVEL("operational_indicator", 6, "indicatore operativo",
	      "{codice} {titolo}"),
	TK_ROW("relazione:not_evaluable", TK_TEXT, OFF(nv), "n.v.", 0, 0, NULL,
	       "degree cell of what is not evaluable"),
	TK_ROW("relazione:override", TK_PHRASE, OFF(override),
	       "{esito} *[ (calcolato: {calcolato})]", 0, 0, esito_names,
	       "verdict given in monitoraggio.csv, with the computed one"),
	TK_ROW("relazione:nv_reason", TK_PHRASE, OFF(nv_reason),
	       "{esito}: {motivo}", 0, 0, nv_names,
	       "verdict of what is not evaluable, with the reason"),
	TK_ROW("relazione:coverage", TK_PHRASE, OFF(coverage),
	       "{misurati} di {totale} indicatori misurati", 0, 0,
	       coverage_names, "coverage of an aggregate, in the detail"),
	TK_ROW("relazione:coverage_short", TK_PHRASE, OFF(coverage_short),
	       "{misurati} di {totale}", 0, 0, coverage_names,
	       "coverage, in the summary's column"),
	TK_ROW("relazione:gap", TK_PHRASE, OFF(gap), "{punti} punti", 0, 0,
	       gap_names, "deviation from full achievement"),
	TK_ROW("relazione:trend.down", TK_TEXT, OFF(trend[0]), "↓", 0, 0, NULL,
	       "degree below the previous year's"),
	TK_ROW("relazione:trend.same", TK_TEXT, OFF(trend[1]), "=", 0, 0, NULL,
	       "degree equal to the previous year's"),
	TK_ROW("relazione:trend.up", TK_TEXT, OFF(trend[2]), "↑", 0, 0, NULL,
	       "degree above the previous year's"),
	TK_ROW("relazione:csv_bom", TK_ENUM, OFF(csv_bom), "no", 0, 0,
	       tpl_yes_no, "start the open data CSV with a BOM (for Excel)"),
	TK_ROW("relazione:override_note", TK_TEXT, OFF(override_note),
	       "* Esito indicato nel monitoraggio, che prevale su quello "
	       "calcolato.",
	       0, 0, NULL, "legend of the override mark"),
	TK_ROW("relazione:override_reason", TK_TEXT, OFF(override_reason),
	       "Esito indicato nel monitoraggio", 0, 0, NULL,
	       "open data motivo of an overridden row"),
	TK_ROW("relazione:cover1", TK_PHRASE, OFF(cover[0]),
	       "ai sensi dell'articolo 10, comma 1, lettera b), del decreto "
	       "legislativo 27 ottobre 2009, n. 150",
	       0, 0, tpl_doc_names, "cover, first line"),
	TK_ROW("relazione:cover2", TK_PHRASE, OFF(cover[1]),
	       "Piano di riferimento: {titolo}[ ({allegato}[ alla "
	       "deliberazione della {organo}[ n. {delibera_numero}][ del "
	       "{delibera_data}]])]",
	       0, 0, tpl_doc_names, "cover, second line"),
	TK_ROW("relazione:cover3", TK_PHRASE, OFF(cover[2]), "", 0, 0,
	       tpl_doc_names, "cover, third line"),
	TK_ROW("relazione:illustrative", TK_PHRASE, OFF(illustrative), "", 0, 0,
	       notice_names,
	       "cover notice that the values are illustrative; "
	       "{monitoraggio} is the plan's file"),
	TK_ROW("relazione:overall", TK_TEXT, OFF(overall),
	       "Grado di raggiungimento complessivo del piano", 0, 0, NULL,
	       "cover: label of the plan's degree"),
	TK_ROW("relazione:counts", TK_TEXT, OFF(counts), "Indicatori per esito",
	       0, 0, NULL, "cover: label of the indicator counts"),
	TK_ROW("relazione:trend_alt", TK_PHRASE, OFF(trend_alt),
	       "Andamento del grado di raggiungimento: {valori}", 0, 0,
	       trend_names,
	       "what a screen reader says for the trend line (andamento); "
	       "{valori} is each year and its degree"),
	TK_ROW("relazione:criteria", TK_PHRASE, OFF(criteria),
	       "Criteri di valutazione. Per ogni indicatore il grado di "
	       "raggiungimento è il rapporto tra il valore rilevato e il "
	       "target (il rapporto inverso per gli indicatori "
	       "decrescenti)[, fino a un massimo di {tetto}]; una scadenza "
	       "rispettata[ (con una tolleranza di {tolleranza} giorni)] "
	       "vale 100%, una mancata 0%; i target relativi all'anno "
	       "precedente si confrontano con il valore di quell'anno "
	       "indicato nel monitoraggio. L'esito è «raggiunto» con un "
	       "grado di almeno {pieno}, «parzialmente raggiunto» con almeno "
	       "{parziale}, altrimenti «non raggiunto»; un esito indicato "
	       "nel monitoraggio prevale su quello calcolato. I gradi si "
	       "aggregano per media ponderata con i pesi degli indicatori: "
	       "obiettivo operativo, programma, obiettivo strategico "
	       "(indicatori strategici per il {quota}, programmi per il "
	       "resto), prospettiva, piano. Gli indicatori non valutabili "
	       "sono esclusi dalle medie.",
	       0, 0, crit_names, "the evaluation rules on the cover"),
	TK_ROW("relazione:strategic_indicators", TK_TEXT, OFF(strategic),
	       "Indicatori strategici", 0, 0, NULL,
	       "detail: band of the strategic indicators"),
	TK_ROW("relazione:value_ratio", TK_PHRASE, OFF(value_ratio),
	       "{rapporto} ({valore} / {precedente})", 0, 0, ratio_names,
	       "value of a target relative to the previous year, as a ratio"),
	TK_ROW("relazione:value_relative", TK_PHRASE, OFF(value_relative),
	       "{valore} ({anno_precedente}: {precedente})", 0, 0, ratio_names,
	       "value of a target relative to the previous year"),
	TK_ROW("relazione:interim", TK_PHRASE, OFF(interim), "{data}: {valore}",
	       0, 0, interim_names, "an intermediate value"),
	TK_ROW("relazione:programme_fill", TK_COLOUR, OFF(programme_fill),
	       "EAF0F9", 0, 0, NULL, "background of programme rows"),
	TK_ROW("relazione:ob_oper_fill", TK_COLOUR, OFF(ob_oper_fill), "F5F7FB",
	       0, 0, NULL, "background of operational objective rows"),
	TK_ROW("relazione:notice_fill", TK_COLOUR, OFF(notice_fill), "FFF2CC",
	       0, 0, NULL, "background of the illustrative notice"),
	TK_ROW("relazione:bar_track", TK_COLOUR, OFF(bar_track), "EDEDED", 0, 0,
	       NULL, "background of the bar cells"),
	TK_ROW("summary:title", TK_TEXT, OFF(summary.title),
	       "SINTESI DEGLI OBIETTIVI STRATEGICI", 0, 0, NULL,
	       "heading of the summary"),
	TK_ROW("summary:columns", TK_COLUMNS, OFF(summary), NULL, 0, 0,
	       summary_cols, "the summary's columns, in order"),
	TK_ROW("detail:title", TK_TEXT, OFF(detail.title),
	       "RISULTATI PER OBIETTIVO STRATEGICO", 0, 0, NULL,
	       "heading of the detail"),
	TK_ROW("detail:columns", TK_COLUMNS, OFF(detail), NULL, 0, 0,
	       detail_cols, "the detail's columns, in order"),
	TK_ROW("not_evaluable:title", TK_TEXT, OFF(nvlist.title),
	       "INDICATORI NON VALUTABILI", 0, 0, NULL,
	       "heading of the list of indicators not evaluable"),
	TK_ROW("not_evaluable:columns", TK_COLUMNS, OFF(nvlist), NULL, 0, 0,
	       nv_cols, "the list's columns, in order"),
	TK_ROW("deviations:title", TK_TEXT, OFF(devlist.title),
	       "ANALISI DEGLI SCOSTAMENTI", 0, 0, NULL,
	       "heading of the indicators below full achievement"),
	TK_ROW("deviations:columns", TK_COLUMNS, OFF(devlist), NULL, 0, 0,
	       dev_cols, "the deviations' columns, in order"),
	TK_ROW("resources:title", TK_TEXT, OFF(reslist.title),
	       "RISORSE E RISULTATI DEI PROGRAMMI", 0, 0, NULL,
	       "heading of the programmes' resources against their degree"),
	TK_ROW("resources:columns", TK_COLUMNS, OFF(reslist), NULL, 0, 0,
	       res_cols, "the resources' columns, in order"),
	TK_ROW("removed:title", TK_TEXT, OFF(rmlist.title),
	       "OBIETTIVI E INDICATORI ELIMINATI NEL CORSO DEL CICLO", 0, 0,
	       NULL, "heading of the records removed during the cycle"),
	TK_ROW("removed:columns", TK_COLUMNS, OFF(rmlist), NULL, 0, 0, rm_cols,
	       "the removed records' columns, in order"),
};

static void finish(tk_reader *R, void *conf)
{
	tpl_relazione *t = conf;
	t->reason[0] = "";
	if (t->partial > t->full) {
		const char *v = tk_get(R, "relazione:partial", "60");
		tk_bad(R, "relazione:partial", v,
		       "must not exceed relazione:full");
	}
}

const rep_part rep_part_relazione = {
	.tpl = {"relazione", keys, REP_NKEYS(keys), sizeof(tpl_relazione),
		finish},
	.run = run,
	.check = check,
	.exports = exports,
	.free_state = free_state,
};

/* ---- for the strategy map coloured by verdict (diagramma.c) ---------- */

ev_plan *rep_relazione_evaluate(const tpl *t, const plan *p)
{
	const tpl_relazione *c = tpl_conf(t, &rep_part_relazione.tpl);
	ev_opts o = c ? options(c) : ev_opts_default();
	return ev_run(p, &o, NULL);
}

void rep_relazione_verdict(const tpl *t, esito v, const char **word,
			   uint32_t *color, const char **nv)
{
	const tpl_relazione *c = tpl_conf(t, &rep_part_relazione.tpl);
	*word = c ? c->esito[v] : "";
	*color = c ? c->esito_color[v] : 0x808080;
	*nv = c ? c->nv : "";
}
