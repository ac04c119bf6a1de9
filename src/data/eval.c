/*
 * eval.c - the evaluation engine of the Relazione (see eval.h).
 *
 * ev_run() works bottom-up in three steps: link the tree (parallel node
 * arrays, children by index), evaluate every indicator from its target
 * and its monitoraggio.csv rows, then roll the degrees up level by level.
 * The monitoraggio rows are bucketed per indicator once, so the whole run
 * is linear in the size of the plan.
 */
#include "eval.h"
#include "../util/arena.h"
#include "../util/i18n.h"
#include "../util/text.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

ev_opts ev_opts_default(void)
{
	ev_opts o;
	memset(&o, 0, sizeof o);
	o.rules = eval_rules_default();
	o.share_strategic = 0.5;
	return o;
}

static void node_init(ev_node *n, ev_level lv, const plan_rec *rec,
		      const char *name, double weight)
{
	memset(n, 0, sizeof *n);
	n->level = lv;
	n->rec = rec;
	n->codice = rec ? rec->codice : "";
	n->name = name ? name : "";
	n->weight = weight > 0 && isfinite(weight) ? weight : 1.0;
	n->degree = NAN;
	n->verdict = ESITO_NON_VALUTABILE;
	n->reason = EV_R_OK;
	n->target_text = "";
	n->part[0] = n->part[1] = NAN;
	n->computed = NAN;
	n->soglia[0] = n->soglia[1] = NAN;
	n->first[0] = n->first[1] = -1;
	n->next = -1;
}

/* Append child index c to the list first/last of a parent. */
static void link_child(ev_node *arr, int *first, int *last, int c)
{
	if (*last < 0)
		*first = c;
	else
		arr[*last].next = c;
	*last = c;
}

/* ---- step 1: the tree ---------------------------------------------- */

static int *neg_ints(arena *a, int n)
{
	int *v = arena_alloc(a, sizeof(int) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		v[i] = -1;
	return v;
}

/* Node i of arr: a record of level lv under list k of parent; removed
 * when the record or the parent is. */
static ev_node *add_node(ev_node *arr, int i, ev_level lv, const plan_rec *rec,
			 const char *name, double weight, ev_node *parent,
			 int k, int *last)
{
	ev_node *n = &arr[i];
	node_init(n, lv, rec, name, weight);
	n->removed = plan_removed(rec) || parent->removed;
	link_child(arr, &parent->first[k], last, i);
	return n;
}

static ev_node *node_array(arena *a, int n)
{
	return arena_zalloc(a, sizeof(ev_node) * (size_t)(n + 1));
}

/* What an indicator's node takes from its columns: polarity, value kind
 * and own thresholds. */
static void set_policy(ev_node *n, int decreasing, int kind, double piena,
		       double parziale)
{
	n->decreasing = decreasing;
	n->kind = kind;
	n->soglia[0] = piena;
	n->soglia[1] = parziale;
}

/* Step 1, the operational half: programmes under their objectives,
 * operational objectives and their indicators. */
static void build_programmes(ev_plan *e)
{
	const plan *p = e->p;
	arena *a = &e->a;
	int *last = neg_ints(a, p->n_obiettivi);
	for (int i = 0; i < p->n_programmi; i++) {
		int k = (int)(p->programmi[i].obiettivo - p->obiettivi);
		add_node(e->prog, i, EV_PROGRAMME, &p->programmi[i].r,
			 p->programmi[i].titolo, p->programmi[i].peso,
			 &e->obj[k], 1, &last[k]);
	}
	last = neg_ints(a, p->n_programmi);
	for (int i = 0; i < p->n_ob_oper; i++) {
		int k = (int)(p->ob_oper[i].programma - p->programmi);
		add_node(e->oo, i, EV_OB_OPER, &p->ob_oper[i].r,
			 p->ob_oper[i].descrizione, 1, &e->prog[k], 0,
			 &last[k]);
	}
	last = neg_ints(a, p->n_ob_oper);
	for (int i = 0; i < p->n_ind_oper; i++) {
		const ind_oper *x = &p->ind_oper[i];
		int k = (int)(x->ob_oper - p->ob_oper);
		ev_node *n =
			add_node(e->io, i, EV_IND_OPER, &x->r, x->descrizione,
				 x->peso, &e->oo[k], 0, &last[k]);
		set_policy(n, x->decreasing, x->tipo_valore, x->soglia_piena,
			   x->soglia_parziale);
		n->target_text = x->target ? x->target : "";
	}
}

/* Step 1: one node per record, linked under its parent in file order. */
static void build_tree(ev_plan *e)
{
	const plan *p = e->p;
	arena *a = &e->a;
	e->persp = node_array(a, p->n_prospettive);
	e->obj = node_array(a, p->n_obiettivi);
	e->is = node_array(a, p->n_ind_strat);
	e->prog = node_array(a, p->n_programmi);
	e->oo = node_array(a, p->n_ob_oper);
	e->io = node_array(a, p->n_ind_oper);
	node_init(&e->plan, EV_PLAN, NULL, p->doc.titolo, 1);
	int plast[2] = {-1, -1};
	for (int i = 0; i < p->n_prospettive; i++)
		add_node(e->persp, i, EV_PERSPECTIVE, &p->prospettive[i].r,
			 p->prospettive[i].denominazione,
			 p->prospettive[i].peso, &e->plan, 0, &plast[0]);
	int *last = neg_ints(a, p->n_prospettive);
	for (int i = 0; i < p->n_obiettivi; i++) {
		const obiettivo *x = &p->obiettivi[i];
		int k = x->prospettiva ? (int)(x->prospettiva - p->prospettive)
				       : -1;
		ev_node *n = add_node(e->obj, i, EV_OBJECTIVE, &x->r, x->titolo,
				      x->peso, k < 0 ? &e->plan : &e->persp[k],
				      k < 0, k < 0 ? &plast[1] : &last[k]);
		n->removed |= x->missione && plan_removed(&x->missione->r);
	}
	int *islast = neg_ints(a, p->n_obiettivi);
	for (int i = 0; i < p->n_ind_strat; i++) {
		const ind_strat *x = &p->ind_strat[i];
		int k = (int)(x->obiettivo - p->obiettivi);
		ev_node *n =
			add_node(e->is, i, EV_IND_STRAT, &x->r, x->descrizione,
				 x->peso, &e->obj[k], 0, &islast[k]);
		set_policy(n, x->decreasing, x->tipo_valore, x->soglia_piena,
			   x->soglia_parziale);
		for (int y = 0; y < p->nyears; y++)
			if (p->years[y] == e->o.anno && x->target)
				n->target_text = x->target[y];
	}
	build_programmes(e);
}

/* ---- the walk -------------------------------------------------------- */

/* The level of each level's child lists first[0] and first[1];
 * EV_LEVEL_COUNT where there is none. */
static const ev_level child_level[EV_LEVEL_COUNT][2] = {
	[EV_PLAN] = {EV_PERSPECTIVE, EV_OBJECTIVE},
	[EV_PERSPECTIVE] = {EV_OBJECTIVE, EV_LEVEL_COUNT},
	[EV_OBJECTIVE] = {EV_IND_STRAT, EV_PROGRAMME},
	[EV_IND_STRAT] = {EV_LEVEL_COUNT, EV_LEVEL_COUNT},
	[EV_PROGRAMME] = {EV_OB_OPER, EV_LEVEL_COUNT},
	[EV_OB_OPER] = {EV_IND_OPER, EV_LEVEL_COUNT},
	[EV_IND_OPER] = {EV_LEVEL_COUNT, EV_LEVEL_COUNT},
};

static const ev_node *level_nodes(const ev_plan *e, ev_level lv)
{
	const ev_node *const arrays[EV_LEVEL_COUNT] = {
		[EV_PERSPECTIVE] = e->persp, [EV_OBJECTIVE] = e->obj,
		[EV_IND_STRAT] = e->is,	     [EV_PROGRAMME] = e->prog,
		[EV_OB_OPER] = e->oo,	     [EV_IND_OPER] = e->io,
	};
	return lv < EV_LEVEL_COUNT ? arrays[lv] : NULL;
}

void ev_walk(const ev_plan *e, const ev_node *from, ev_visit_fn pre,
	     ev_visit_fn post, void *ctx)
{
	const ev_node *n = from ? from : &e->plan;
	if (pre(ctx, n))
		for (int k = 0; k < 2; k++) {
			const ev_node *arr =
				level_nodes(e, child_level[n->level][k]);
			for (int i = n->first[k]; arr && i >= 0;
			     i = arr[i].next)
				ev_walk(e, &arr[i], pre, post, ctx);
		}
	if (post)
		post(ctx, n);
}

int ev_is_indicator(const ev_node *n)
{
	return n->level == EV_IND_STRAT || n->level == EV_IND_OPER;
}

/* ---- step 2: indicators -------------------------------------------- */

const ev_node *ev_indicator(const ev_plan *e, const plan_rec *rec)
{
	const plan *p = e->p;
	if (!rec)
		return NULL;
	if (rec->kind == REC_IND_STRAT) {
		const ind_strat *x = (const ind_strat *)rec;
		if (x >= p->ind_strat && x < p->ind_strat + p->n_ind_strat)
			return &e->is[x - p->ind_strat];
	} else if (rec->kind == REC_IND_OPER) {
		const ind_oper *x = (const ind_oper *)rec;
		if (x >= p->ind_oper && x < p->ind_oper + p->n_ind_oper)
			return &e->io[x - p->ind_oper];
	}
	return NULL;
}

/* Does a description speak of a year-on-year ratio?  "x-1", "x - 1",
 * "x+1" (a standalone x), or "anno precedente". */
static int mentions_previous_year(const char *descr)
{
	size_t n = strlen(descr);
	char *f = xmalloc(n + 1);
	text_fold(descr, f, n + 1);
	int found = strstr(f, "anno precedente") != NULL;
	for (const char *s = f; !found && (s = strchr(s, 'x')) != NULL; s++) {
		if (s > f && (isalnum((unsigned char)s[-1]) || s[-1] == '_'))
			continue;
		const char *q = s + 1;
		while (*q == ' ')
			q++;
		if (*q != '-' && *q != '+')
			continue;
		q++;
		while (*q == ' ')
			q++;
		if (q[0] == '1' && !isdigit((unsigned char)q[1]))
			found = 1;
	}
	free(f);
	return found;
}

typedef struct rows {
	int *head, *tail, *next; /* per indicator slot, per misura */
} rows;

/* Slot of an indicator: strategic ones first, then operational. */
static int slot_of(const ev_plan *e, const plan_rec *rec)
{
	const ev_node *n = ev_indicator(e, rec);
	if (!n)
		return -1;
	if (n->level == EV_IND_STRAT)
		return (int)(n - e->is);
	return e->p->n_ind_strat + (int)(n - e->io);
}

static void bucket_rows(ev_plan *e, rows *R)
{
	const plan *p = e->p;
	int slots = p->n_ind_strat + p->n_ind_oper;
	R->head = neg_ints(&e->a, slots);
	R->tail = neg_ints(&e->a, slots);
	R->next = neg_ints(&e->a, p->n_misure);
	for (int i = 0; i < p->n_misure; i++) {
		int s = slot_of(e, p->misure[i].indicatore);
		if (s < 0)
			continue;
		if (R->tail[s] < 0)
			R->head[s] = i;
		else
			R->next[R->tail[s]] = i;
		R->tail[s] = i;
	}
}

/* The year-end row of year y for the slot (the last one), or NULL. */
static const misura *year_end(const ev_plan *e, const rows *R, int slot, int y)
{
	const misura *found = NULL;
	for (int i = R->head[slot]; i >= 0; i = R->next[i]) {
		const misura *m = &e->p->misure[i];
		if (m->periodo.y == y && m->periodo.m == 0)
			found = m;
	}
	return found;
}

static const char *monit_file(ev_plan *e)
{
	return arena_printf(&e->a, "%s/monitoraggio.csv", e->p->dir);
}

/* Collect the rows of one indicator: year-end value (warning on a
 * duplicate) and the sorted intermediate rows of the year. */
static void collect_rows(ev_plan *e, const rows *R, int slot, ev_node *n,
			 diag *d)
{
	int ninterim = 0;
	for (int i = R->head[slot]; i >= 0; i = R->next[i]) {
		const misura *m = &e->p->misure[i];
		if (m->periodo.y != e->o.anno)
			continue;
		if (m->periodo.m) {
			ninterim++;
			continue;
		}
		if (n->value && d)
			diag_warning(d, monit_file(e), m->line,
				     "a second year-end value of '%s' for %d "
				     "(the first is on line %d); this one is "
				     "used",
				     n->codice, e->o.anno, n->value->line);
		n->value = m;
	}
	if (!ninterim)
		return;
	n->interim = arena_alloc(&e->a, sizeof(misura *) * (size_t)ninterim);
	for (int i = R->head[slot]; i >= 0; i = R->next[i]) {
		const misura *m = &e->p->misure[i];
		if (m->periodo.y != e->o.anno || !m->periodo.m)
			continue;
		/* Insertion sort by date, stable. */
		int k = n->ninterim++;
		while (k > 0 && pdate_cmp(&n->interim[k - 1]->periodo,
					  &m->periodo) > 0) {
			n->interim[k] = n->interim[k - 1];
			k--;
		}
		n->interim[k] = m;
	}
}

static void warn_notes(ev_plan *e, const ev_node *n, diag *d)
{
	static const struct {
		unsigned bit;
		const char *what;
	} notes[] = {
		{EVAL_NOTE_RATIO_AS_PERCENT,
		 N_("a plain number against a percent target is read as a "
		    "ratio (0,95 = 95%)")},
		{EVAL_NOTE_NUMBER_AS_PERCENT,
		 N_("a plain number against a percent target is read as "
		    "percent points (95 = 95%)")},
		{EVAL_NOTE_PERCENT_AS_RATIO,
		 N_("a percent value against a plain target is divided by "
		    "100")},
		{EVAL_NOTE_LAST_DEADLINE_ONLY,
		 N_("one date against several deadlines is compared with the "
		    "last one")},
		{EVAL_NOTE_MISSING_DATES,
		 N_("fewer dates than deadlines: the missing ones count as "
		    "missed")},
		{EVAL_NOTE_EXTRA_DATES,
		 N_("more dates than deadlines: the extra ones are ignored")},
	};
	if (!d || !n->value)
		return;
	for (size_t k = 0; k < sizeof notes / sizeof notes[0]; k++)
		if (n->notes & notes[k].bit)
			diag_warning(d, monit_file(e), n->value->line,
				     "'%s' valore '%s' against target '%s': %s",
				     n->codice, n->value->valore,
				     n->target_text, _(notes[k].what));
}

/* The manual esito of the year-end row: 1 with *manual set, 0 when there
 * is none (or it is not a verdict, with a warning). */
static int manual_esito(ev_plan *e, const ev_node *n, esito *manual, diag *d)
{
	if (!n->value || text_blank(n->value->esito))
		return 0;
	if (esito_parse(n->value->esito, manual) == 0)
		return 1;
	if (d)
		diag_warning(d, monit_file(e), n->value->line,
			     "esito '%s' of '%s' is not raggiunto, "
			     "parzialmente raggiunto, non raggiunto "
			     "or non valutabile; ignored",
			     n->value->esito, n->codice);
	return 0;
}

/* What target_eval() compares: the value (or the year-on-year ratio, in
 * *ratio) and the earlier value of a relative target (in *prev). */
typedef struct inputs {
	measured val, prev, ratio;
	const measured *vp, *pp;
	int zero_prev; /* a ratio over a zero earlier value */
	int no_prev;   /* a count to divide, without the earlier value */
} inputs;

/* Is a plain number whole (a count, not a quotient)? */
static int whole(double v)
{
	return fabs(v - round(v)) < 1e-9;
}

/* What a year-on-year value is: the ratio itself, or a count (or a
 * percentage) to divide by the previous year's (eval.h, "Which values").
 * Sets n->inferred when the rule, not tipo_valore, decided. */
static int yoy_is_ratio(ev_node *n, const measured *v)
{
	if (n->kind != VK_NONE)
		return n->kind == VK_RAPPORTO;
	n->inferred = 1;
	if (v->percent) {
		n->kind = VK_PERCENTUALE;
		return 0;
	}
	n->kind = whole(v->number) ? VK_CONTEGGIO : VK_RAPPORTO;
	return n->kind == VK_RAPPORTO;
}

static void warn_inferred(ev_plan *e, const ev_node *n, diag *d)
{
	if (!d || !n->inferred)
		return;
	diag_warning(d, monit_file(e), n->value->line,
		     "'%s' measures a year-on-year ratio and declares no "
		     "tipo_valore: '%s' is read as %s (%s); declare "
		     "tipo_valore to confirm",
		     n->codice, n->value->valore, value_kind_names[n->kind],
		     n->kind == VK_RAPPORTO ? "the ratio itself"
					    : "divided by the previous year's");
}

/* A year-on-year value divided by the previous year's: both in the same
 * unit (a percentage against a plain number is divided by 100, with a
 * warning). */
static void yoy_divide(ev_plan *e, const rows *R, int slot, ev_node *n,
		       inputs *in, diag *d)
{
	const misura *pm = year_end(e, R, slot, e->o.anno - 1);
	if (!pm || measured_parse_scale(pm->valore, e->o.scale, &in->prev) ||
	    in->prev.kind != VAL_NUMBER) {
		in->no_prev = 1;
		return;
	}
	n->previous = pm;
	double v = in->val.number, p = in->prev.number;
	if (in->val.percent != in->prev.percent) {
		if (in->val.percent)
			v /= 100;
		else
			p /= 100;
		if (d)
			diag_warning(d, monit_file(e), n->value->line,
				     "'%s': '%s' and the %d value '%s' "
				     "are in different units; the "
				     "percentage is divided by 100",
				     n->codice, n->value->valore, e->o.anno - 1,
				     pm->valore);
	}
	if (p == 0) {
		in->zero_prev = 1;
		return;
	}
	n->ratio = 1;
	n->ratio_value = v / p;
	memset(&in->ratio, 0, sizeof in->ratio);
	in->ratio.kind = VAL_NUMBER;
	in->ratio.number = n->ratio_value;
	in->vp = &in->ratio;
}

/* A plain comparison on a year-on-year ratio. */
static void ratio_input(ev_plan *e, const rows *R, int slot, ev_node *n,
			inputs *in, diag *d)
{
	int itself = yoy_is_ratio(n, &in->val);
	warn_inferred(e, n, d);
	if (itself) {
		in->val.percent = 0; /* 1,10 against ">= 1" as it is */
		return;
	}
	yoy_divide(e, R, slot, n, in, d);
	if (in->no_prev && d)
		diag_warning(d, monit_file(e), n->value->line,
			     "'%s' has a target on a year-on-year ratio and "
			     "'%s' is a %s, but there is no year-end value "
			     "for %d to divide it by: not evaluable",
			     n->codice, n->value->valore,
			     value_kind_names[n->kind], e->o.anno - 1);
}

static void read_inputs(ev_plan *e, const rows *R, int slot, ev_node *n,
			inputs *in, diag *d)
{
	memset(in, 0, sizeof *in);
	if (n->value) {
		measured_parse_scale(n->value->valore, e->o.scale, &in->val);
		in->vp = &in->val;
	}
	if (n->tgt.kind == TGT_RELATIVE) {
		n->previous = year_end(e, R, slot, e->o.anno - n->tgt.lag);
		if (n->previous) {
			measured_parse_scale(n->previous->valore, e->o.scale,
					     &in->prev);
			in->pp = &in->prev;
		}
	} else if (n->tgt.kind == TGT_COMPARE && !n->tgt.percent &&
		   !n->tgt.unit && in->vp && in->val.kind == VAL_NUMBER &&
		   mentions_previous_year(n->name)) {
		ratio_input(e, R, slot, n, in, d);
	}
}

/* Warnings about what made an indicator not evaluable. */
static void warn_indicator(ev_plan *e, const ev_node *n, diag *d)
{
	const plan_rec *rec = n->rec;
	char fixed[256];
	if (n->tgt.kind == TGT_TEXT &&
	    target_lost_sign(n->target_text, n->decreasing, fixed,
			     sizeof fixed))
		diag_warning(d, rec->file, rec->line,
			     "target '%s' of '%s': a character was lost when "
			     "the file was saved as Windows-1252 \xE2\x80\x94 "
			     "did you mean %s? (save as CSV UTF-8)",
			     n->target_text, n->codice, fixed);
	else if (n->tgt.kind == TGT_TEXT)
		diag_warning(d, rec->file, rec->line,
			     "target '%s' of '%s' cannot be evaluated (%s); "
			     "it is shown as written and needs an esito in "
			     "monitoraggio.csv",
			     n->target_text, n->codice,
			     _(target_reason_str(n->tgt.reason)));
	if (n->value && n->reason == EV_R_BAD_VALUE)
		diag_warning(d, monit_file(e), n->value->line,
			     "valore '%s' of '%s' is not a number, a date or "
			     "a level: not evaluable",
			     n->value->valore, n->codice);
	if (n->value && n->reason == EV_R_KIND_MISMATCH)
		diag_warning(d, monit_file(e), n->value->line,
			     "valore '%s' of '%s' does not fit the kind of "
			     "its target '%s': not evaluable",
			     n->value->valore, n->codice, n->target_text);
	warn_notes(e, n, d);
}

/* The rules of one indicator: the plan's, with its own thresholds
 * (soglia_piena, soglia_parziale) where it gives sensible ones. */
static eval_rules indicator_rules(ev_plan *e, const ev_node *n, diag *d)
{
	eval_rules r = e->o.rules;
	double full = isnan(n->soglia[0]) ? r.full : n->soglia[0];
	double part = isnan(n->soglia[1]) ? r.partial : n->soglia[1];
	if (part < full && full > 0) {
		r.full = full;
		r.partial = part;
	} else if (d) {
		diag_warning(d, n->rec->file, n->rec->line,
			     "'%s': soglia_parziale must be below "
			     "soglia_piena; the plan's thresholds are used",
			     n->codice);
	}
	return r;
}

/* A manual esito: applied, with the computed result kept beside it; an
 * override should say why (the row's nota). */
static void apply_override(ev_plan *e, ev_node *n, eval_result *res,
			   esito manual, const eval_rules *rules, diag *d)
{
	eval_override(res, manual, rules);
	n->overridden = 1;
	n->computed = res->computed;
	n->computed_verdict = res->computed_verdict;
	n->reason = manual == ESITO_NON_VALUTABILE ? EV_R_MANUAL : EV_R_OK;
	if (d && text_blank(n->value->nota))
		diag_warning(d, monit_file(e), n->value->line,
			     "esito '%s' of '%s' overrides the computed "
			     "result without a nota saying why",
			     n->value->esito, n->codice);
}

/* missing = zero: an evaluable indicator without a value counts as 0. */
static void missing_as_zero(ev_node *n, eval_result *res,
			    const eval_rules *rules)
{
	if (n->reason != EV_R_NO_VALUE && n->reason != EV_R_INTERIM_ONLY)
		return;
	res->degree = 0;
	res->verdict = esito_from_degree(0, rules);
	n->reason = EV_R_OK;
	n->zeroed = 1;
}

/* Step 2: one indicator, from its target and its monitoraggio rows. */
static void eval_indicator(ev_plan *e, const rows *R, int slot, ev_node *n,
			   diag *d)
{
	collect_rows(e, R, slot, n, d);
	target_parse_scale(n->target_text, e->o.scale, &n->tgt, &e->a);
	if (n->removed) {
		n->reason = EV_R_REMOVED;
		return;
	}
	eval_rules rules = indicator_rules(e, n, d);
	esito manual = ESITO_NON_VALUTABILE;
	int has_manual = manual_esito(e, n, &manual, d);
	inputs in;
	read_inputs(e, R, slot, n, &in, has_manual ? NULL : d);
	eval_result res;
	target_eval(&n->tgt, n->decreasing, in.vp, in.pp, &rules, &res);
	n->reason = ev_reason_of(res.reason);
	if (in.zero_prev || in.no_prev) {
		res.degree = NAN;
		res.verdict = ESITO_NON_VALUTABILE;
		n->reason =
			in.zero_prev ? EV_R_ZERO_PREVIOUS : EV_R_NO_PREVIOUS;
	}
	if (!n->value && n->reason == EV_R_NO_VALUE && n->ninterim)
		n->reason = EV_R_INTERIM_ONLY;
	if (e->o.missing_zero && !has_manual)
		missing_as_zero(n, &res, &rules);
	n->notes = res.notes;
	if (has_manual)
		apply_override(e, n, &res, manual, &rules, d);
	n->degree = res.degree;
	n->verdict = res.verdict;
	if (d && !has_manual)
		warn_indicator(e, n, d);
	if (d && !has_manual && n->value && text_blank(n->value->nota) &&
	    (n->verdict == ESITO_PARZIALE || n->verdict == ESITO_NON_RAGGIUNTO))
		diag_warning(d, monit_file(e), n->value->line,
			     "'%s' is %s but no nota explains the deviation",
			     n->codice, esito_keyword(n->verdict));
}

/* ---- step 3: roll-up ----------------------------------------------- */

/* Verdict and reason of an aggregate from its degree (capped when
 * over-achievement counts, at every level). */
static void settle(ev_node *n, const eval_rules *rules)
{
	if (n->removed) {
		n->degree = NAN;
		n->reason = EV_R_REMOVED;
	} else if (isnan(n->degree)) {
		n->reason = EV_R_NO_EVALUABLE;
	} else if (rules->allow_over && n->degree > rules->cap) {
		n->degree = fmax(1.0, rules->cap);
	}
	n->verdict = esito_from_degree(n->degree, rules);
}

/* Add child c's indicator counts and coverage to parent. */
static void count_into(ev_node *parent, const ev_node *c)
{
	if (ev_is_indicator(c)) {
		parent->count[c->verdict]++;
		parent->total += !c->removed;
		parent->measured +=
			!c->removed && !isnan(c->degree) && !c->zeroed;
		return;
	}
	for (int v = 0; v < 4; v++)
		parent->count[v] += c->count[v];
	parent->total += c->total;
	parent->measured += c->measured;
}

/* Weighted mean (peso) of the children of list first in arr; adds their
 * indicator counts and coverage to parent. */
static double mean_of(ev_plan *e, const ev_node *arr, int first,
		      ev_node *parent)
{
	int n = 0;
	for (int i = first; i >= 0; i = arr[i].next)
		n++;
	if (!n)
		return NAN;
	double *deg = arena_alloc(&e->a, sizeof(double) * (size_t)n);
	double *w = arena_alloc(&e->a, sizeof(double) * (size_t)n);
	int k = 0;
	for (int i = first; i >= 0; i = arr[i].next, k++) {
		deg[k] = arr[i].degree;
		w[k] = arr[i].weight;
		count_into(parent, &arr[i]);
	}
	return rollup_weighted(deg, w, n, NULL);
}

/* An objective: its strategic indicators and its programmes, shared. */
static double objective_degree(ev_plan *e, ev_node *n)
{
	double share = e->o.share_strategic;
	if (!(share >= 0 && share <= 1))
		share = 0.5;
	n->part[0] = mean_of(e, e->is, n->first[0], n);
	n->part[1] = mean_of(e, e->prog, n->first[1], n);
	/* One side alone counts whole, whatever the share. */
	if (isnan(n->part[0]))
		return n->part[1];
	if (isnan(n->part[1]))
		return n->part[0];
	return share * n->part[0] + (1 - share) * n->part[1];
}

/* The plan: one weighted mean over its perspectives and the objectives
 * without one, each entry with its peso. */
static double plan_degree(ev_plan *e)
{
	double sum = 0, wsum = 0;
	const ev_node *lists[2] = {e->persp, e->obj};
	for (int k = 0; k < 2; k++)
		for (int i = e->plan.first[k]; i >= 0; i = lists[k][i].next) {
			const ev_node *c = &lists[k][i];
			count_into(&e->plan, c);
			if (isnan(c->degree))
				continue;
			sum += c->weight * c->degree;
			wsum += c->weight;
		}
	return wsum > 0 ? sum / wsum : NAN;
}

static int descend(void *ctx, const ev_node *n)
{
	(void)ctx;
	return !ev_is_indicator(n);
}

/* Step 3, after the children of an aggregate n.  n is one of e's own
 * nodes, handed back by ev_walk as const. */
static int rollup_node(void *ctx, const ev_node *cn)
{
	ev_plan *e = ctx;
	ev_node *n = (ev_node *)cn;
	switch (n->level) {
	case EV_OB_OPER:
		n->degree = mean_of(e, e->io, n->first[0], n);
		break;
	case EV_PROGRAMME:
		n->degree = mean_of(e, e->oo, n->first[0], n);
		break;
	case EV_OBJECTIVE:
		n->degree = objective_degree(e, n);
		break;
	case EV_PERSPECTIVE:
		n->degree = mean_of(e, e->obj, n->first[0], n);
		break;
	case EV_PLAN:
		n->degree = plan_degree(e);
		break;
	default: /* indicators: evaluated in step 2 */
		return 1;
	}
	settle(n, &e->o.rules);
	return 1;
}

ev_plan *ev_run(const plan *p, const ev_opts *opts, diag *d)
{
	ev_plan *e = xcalloc(1, sizeof *e);
	arena_init(&e->a, 32 * 1024);
	e->p = p;
	e->o = opts ? *opts : ev_opts_default();
	if (!e->o.anno)
		e->o.anno = p->doc.anno;
	if (!e->o.anno && p->nyears)
		e->o.anno = p->years[p->nyears - 1];
	build_tree(e);
	rows R;
	bucket_rows(e, &R);
	for (int i = 0; i < p->n_ind_strat; i++)
		eval_indicator(e, &R, i, &e->is[i], d);
	for (int i = 0; i < p->n_ind_oper; i++)
		eval_indicator(e, &R, p->n_ind_strat + i, &e->io[i], d);
	ev_walk(e, NULL, descend, rollup_node, e);
	return e;
}

void ev_free(ev_plan *e)
{
	if (!e)
		return;
	arena_free(&e->a);
	free(e);
}

static const struct {
	const char *key, *text;
} reasons[EV_R_COUNT] = {{"ok", "evaluated"},
#define EV_R_ROW(id, key, text) {key, text},
			 EV_REASONS(EV_R_ROW)
#undef EV_R_ROW
};

ev_reason ev_reason_of(eval_reason r)
{
	/* By name: eval_reason and ev_reason need not share an order. */
	static const ev_reason of[] = {
		[EVAL_R_OK] = EV_R_OK,
		[EVAL_R_NO_TARGET] = EV_R_NO_TARGET,
		[EVAL_R_BASELINE] = EV_R_BASELINE,
		[EVAL_R_TEXT_TARGET] = EV_R_TEXT_TARGET,
		[EVAL_R_NO_VALUE] = EV_R_NO_VALUE,
		[EVAL_R_BAD_VALUE] = EV_R_BAD_VALUE,
		[EVAL_R_KIND_MISMATCH] = EV_R_KIND_MISMATCH,
		[EVAL_R_NO_PREVIOUS] = EV_R_NO_PREVIOUS,
		[EVAL_R_MANUAL] = EV_R_MANUAL,
	};
	_Static_assert(sizeof of / sizeof of[0] == EVAL_R_COUNT,
		       "every eval_reason has its ev_reason");
	return (unsigned)r < sizeof of / sizeof of[0] ? of[r]
						      : EV_R_NO_EVALUABLE;
}

const char *ev_reason_str(ev_reason r)
{
	return (int)r >= 0 && r < EV_R_COUNT ? reasons[r].text : "unknown";
}

const char *ev_reason_key(ev_reason r)
{
	return (int)r >= 0 && r < EV_R_COUNT ? reasons[r].key : "";
}
