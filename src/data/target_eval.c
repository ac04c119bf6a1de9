/*
 * target_eval.c - evaluating one indicator against its target (rules in
 * target.h), manual esiti and weighted roll-ups.
 *
 * Every numeric kind (comparison, relative, ordinal) reduces to
 * compare_degree() on two doubles; deadlines are counted separately.
 * target_parse.c reads the expressions and values evaluated here.
 */
#include "target.h"

#include "../util/text.h"

#include <math.h>
#include <string.h>

#define EQ_EPS	 1e-9 /* relative tolerance for "equal" numbers */
#define RULE_EPS 1e-9 /* tolerance when comparing with full/partial */

/* ------------------------------------------------------------------ */
/* Evaluation                                                         */

eval_rules eval_rules_default(void)
{
	eval_rules r = {.full = 1.0, .partial = 0.6, .cap = 1.2};
	return r;
}

static int near(double v, double t)
{
	return fabs(v - t) <= EQ_EPS * fmax(1.0, fabs(t));
}

/*
 * Degree of v against threshold t with sign op (TGT_ATLEAST already
 * resolved by polarity): rule 1 of target.h.
 */
static double compare_degree(tgt_op op, double v, double t, const eval_rules *r)
{
	int met;
	switch (op) {
	case TGT_GE:
		met = v >= t || near(v, t);
		break;
	case TGT_GT:
		met = v > t && !near(v, t);
		break;
	case TGT_LE:
		met = v <= t || near(v, t);
		break;
	case TGT_LT:
		met = v < t && !near(v, t);
		break;
	default: /* TGT_EQ */
		met = near(v, t);
		break;
	}
	if (t == 0 && r->zero_tol > 0 && fabs(v) <= r->zero_tol) {
		met = op != TGT_GT && op != TGT_LT;
		v = 0;
	}
	if (!(t > 0 && v >= 0))
		return met ? 1.0 : 0.0;
	double ratio;
	if (op == TGT_GE || op == TGT_GT)
		ratio = v / t;
	else if (op == TGT_LE || op == TGT_LT)
		ratio = v == 0 ? 1.0 : t / v;
	else
		ratio = fmin(v, t) / fmax(v, t);
	if (met)
		return r->allow_over && ratio > 1.0
			       ? fmin(ratio, fmax(1.0, r->cap))
			       : 1.0;
	if (ratio > TARGET_UNMET_MAX)
		ratio = TARGET_UNMET_MAX;
	return ratio < 0 ? 0.0 : ratio;
}

static void not_evaluable(eval_result *out, eval_reason why)
{
	out->degree = NAN;
	out->verdict = ESITO_NON_VALUTABILE;
	out->reason = why;
}

static void eval_deadline(const target *t, const measured *v,
			  const eval_rules *r, eval_result *out)
{
	int64_t grace = r->grace_days;
	int met = 0, total = t->ndates;
#define MEETS(date, dl)                                                        \
	(t->op == TGT_LT ? (int64_t)(date) < (int64_t)(dl) + grace             \
			 : (int64_t)(date) <= (int64_t)(dl) + grace)
	if (v->ndates <= 1) {
		int32_t dl = t->dates[total - 1];
		if (total > 1)
			out->notes |= EVAL_NOTE_LAST_DEADLINE_ONLY;
		out->degree = MEETS(v->date, dl) ? 1.0 : 0.0;
		if (out->degree == 0 && r->late_days > 0) {
			double late = (double)v->date - (double)dl - grace;
			double d = 1.0 - late / r->late_days;
			out->degree = d < 0 ? 0 : fmin(d, TARGET_UNMET_MAX);
		}
		return;
	}
	for (int k = 0; k < total && k < v->ndates; k++)
		met += MEETS(v->dates[k], t->dates[k]);
#undef MEETS
	if (v->ndates < total)
		out->notes |= EVAL_NOTE_MISSING_DATES;
	if (v->ndates > total)
		out->notes |= EVAL_NOTE_EXTRA_DATES;
	out->degree = (double)met / total;
}

/* Rule 1: a number against a threshold, percent read as target.h says. */
static void eval_compare(const target *t, tgt_op op, const measured *value,
			 const eval_rules *r, eval_result *out)
{
	double v = value->number;
	if (t->percent && !value->percent && v != 0) {
		if (fabs(v) <= 1) {
			v *= 100;
			out->notes |= EVAL_NOTE_RATIO_AS_PERCENT;
		} else {
			out->notes |= EVAL_NOTE_NUMBER_AS_PERCENT;
		}
	} else if (!t->percent && value->percent && v != 0) {
		v /= 100;
		out->notes |= EVAL_NOTE_PERCENT_AS_RATIO;
	}
	out->degree = compare_degree(op, v, t->value, r);
}

/* Rule 4: against the value of an earlier period. */
static void eval_relative(tgt_op op, const measured *value,
			  const measured *previous, const eval_rules *r,
			  eval_result *out)
{
	if (!previous || previous->kind == VAL_NONE ||
	    previous->kind == VAL_TEXT) {
		not_evaluable(out, EVAL_R_NO_PREVIOUS);
		return;
	}
	if (previous->kind != VAL_NUMBER) {
		not_evaluable(out, EVAL_R_KIND_MISMATCH);
		return;
	}
	double v = value->number, thr = previous->number;
	if (value->percent != previous->percent) {
		if (value->percent)
			v /= 100;
		else
			thr /= 100;
		if ((value->percent ? v : thr) != 0)
			out->notes |= EVAL_NOTE_PERCENT_AS_RATIO;
	}
	out->degree = compare_degree(op, v, thr, r);
}

/* Why t and value cannot be evaluated at all, or EVAL_R_OK. */
static eval_reason unevaluable(const target *t, const measured *value)
{
	static const val_kind wants[] = {
		[TGT_COMPARE] = VAL_NUMBER,
		[TGT_RELATIVE] = VAL_NUMBER,
		[TGT_ORDINAL] = VAL_LEVEL,
		[TGT_DEADLINE] = VAL_DATE,
	};
	switch (t->kind) {
	case TGT_EMPTY:
		return EVAL_R_NO_TARGET;
	case TGT_BASELINE:
		return EVAL_R_BASELINE;
	case TGT_COMPARE:
	case TGT_RELATIVE:
	case TGT_ORDINAL:
	case TGT_DEADLINE:
		break;
	default:
		return EVAL_R_TEXT_TARGET;
	}
	if (!value || value->kind == VAL_NONE)
		return EVAL_R_NO_VALUE;
	if (value->kind == VAL_TEXT)
		return EVAL_R_BAD_VALUE;
	if (value->kind != wants[t->kind] ||
	    (t->kind == TGT_DEADLINE && t->ndates < 1))
		return EVAL_R_KIND_MISMATCH;
	return EVAL_R_OK;
}

void target_eval(const target *t, int decreasing, const measured *value,
		 const measured *previous, const eval_rules *rules,
		 eval_result *out)
{
	eval_rules def = eval_rules_default();
	const eval_rules *r = rules ? rules : &def;
	out->degree = NAN;
	out->verdict = ESITO_NON_VALUTABILE;
	out->overridden = 0;
	out->computed = NAN;
	out->computed_verdict = ESITO_NON_VALUTABILE;
	out->reason = EVAL_R_OK;
	out->notes = 0;
	eval_reason why = unevaluable(t, value);
	if (why != EVAL_R_OK) {
		not_evaluable(out, why);
		return;
	}
	tgt_op op = t->op;
	if (op == TGT_ATLEAST)
		op = decreasing ? TGT_LE : TGT_GE;
	if (t->kind == TGT_COMPARE)
		eval_compare(t, op, value, r, out);
	else if (t->kind == TGT_RELATIVE)
		eval_relative(op, value, previous, r, out);
	else if (t->kind == TGT_ORDINAL)
		out->degree = compare_degree(op, value->level, t->level, r);
	else
		eval_deadline(t, value, r, out);
	if (out->reason == EVAL_R_OK)
		out->verdict = esito_from_degree(out->degree, r);
}

const char *eval_reason_str(eval_reason r)
{
	switch (r) {
	case EVAL_R_OK:
		return "evaluated";
	case EVAL_R_NO_TARGET:
		return "no target";
	case EVAL_R_BASELINE:
		return "baseline year: value recorded, not evaluated";
	case EVAL_R_TEXT_TARGET:
		return "target is free text";
	case EVAL_R_NO_VALUE:
		return "no measured value";
	case EVAL_R_BAD_VALUE:
		return "measured value unreadable";
	case EVAL_R_KIND_MISMATCH:
		return "measured value of the wrong kind for the target";
	case EVAL_R_NO_PREVIOUS:
		return "no value for the earlier period of a relative target";
	case EVAL_R_MANUAL:
		return "manual esito: non valutabile";
	case EVAL_R_COUNT:
		break;
	}
	return "unknown reason";
}

double degree_round(double d)
{
	/* The rounding of number_format(d * 100, 1): half away from zero,
	 * with its tolerance on the last digit. */
	if (!isfinite(d))
		return d;
	double x = floor(fabs(d) * 1000.0 + 0.5 + 1e-6) / 1000.0;
	return d < 0 ? -x : x;
}

esito esito_from_degree(double degree, const eval_rules *rules)
{
	eval_rules def = eval_rules_default();
	const eval_rules *r = rules ? rules : &def;
	if (isnan(degree))
		return ESITO_NON_VALUTABILE;
	degree = degree_round(degree);
	if (degree >= r->full - RULE_EPS)
		return ESITO_RAGGIUNTO;
	if (degree >= r->partial - RULE_EPS)
		return ESITO_PARZIALE;
	return ESITO_NON_RAGGIUNTO;
}

void eval_override(eval_result *res, esito e, const eval_rules *rules)
{
	eval_rules def = eval_rules_default();
	const eval_rules *r = rules ? rules : &def;
	double step = 0.001; /* one printed step: 0,1 points of percent */
	double d = res->degree;
	res->computed = d;
	res->computed_verdict = res->verdict;
	res->overridden = 1;
	res->verdict = e;
	if (e == ESITO_NON_VALUTABILE) {
		res->degree = NAN;
		res->reason = EVAL_R_MANUAL;
		return;
	}
	res->reason = EVAL_R_OK;
	if (!isnan(d) && esito_from_degree(d, r) == e)
		return;
	if (isnan(d))
		res->degree = e == ESITO_RAGGIUNTO  ? r->full
			      : e == ESITO_PARZIALE ? r->partial
						    : 0.0;
	else if (e == ESITO_RAGGIUNTO)
		res->degree = r->full;
	else if (e == ESITO_PARZIALE)
		res->degree = d < r->partial ? r->partial : r->full - step;
	else
		res->degree = fmax(0.0, r->partial - step);
}

static const char *const esito_words[] = {"non valutabile", "non raggiunto",
					  "parzialmente raggiunto",
					  "raggiunto"};

int esito_parse(const char *text, esito *out)
{
	char f[64];
	if (!text)
		return -1;
	text_fold(text, f, sizeof f);
	for (int k = 0; k < 4; k++)
		if (strcmp(f, esito_words[k]) == 0) {
			*out = (esito)k;
			return 0;
		}
	return -1;
}

const char *esito_keyword(esito e)
{
	if ((int)e < 0 || (int)e > 3)
		return "";
	return esito_words[e];
}

double rollup_weighted(const double *degrees, const double *weights, int n,
		       int *n_evaluated)
{
	double sum = 0, wsum = 0;
	int used = 0;
	for (int k = 0; k < n; k++) {
		double w = weights ? weights[k] : 1.0;
		if (isnan(degrees[k]) || !(w > 0) || !isfinite(w))
			continue;
		sum += w * degrees[k];
		wsum += w;
		used++;
	}
	if (n_evaluated)
		*n_evaluated = used;
	return used ? sum / wsum : NAN;
}
