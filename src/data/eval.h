/*
 * eval.h - the evaluation engine of the Relazione sulla performance.
 *
 * One pass over a loaded plan and its monitoraggio.csv rows gives, for
 * every indicator, the target, the value reached, the degree of
 * achievement and the verdict (esito), and rolls them up, weighted, to
 * the operational objectives, programmes, strategic objectives,
 * perspectives and the whole plan.  Everything that prints or exports a
 * result (the PDF report and its open-data CSV) reads it from here, so
 * the two can never disagree.  Single indicators are evaluated by
 * target_eval() (target.h documents those rules); this module decides
 * which values to feed it and how results combine.
 *
 * Which values
 * ------------
 * - The value of an indicator is its year-end row for the plan's year
 *   (periodo = YYYY equal to opts.anno, by default documento.ini anno).
 *   A second year-end row for the same year is warned about and the later
 *   one is used.  Rows with a date in periodo are intermediate checks:
 *   those dated in the plan's year are kept, sorted by date, for the
 *   report's monitoring column; they never give the verdict.  With only
 *   intermediate rows the indicator is not evaluable (EV_R_INTERIM_ONLY).
 * - A strategic indicator's target is its target_YYYY column for the
 *   plan's year; an operational indicator's is its target column.
 * - A relative target "x < x-k" compares with the year-end row of year
 *   anno-k.
 * - A year-on-year ratio: when the target is a plain comparison without
 *   '%' or unit (">1", "≥1", "<=1") and the description speaks of a
 *   year-on-year ratio (it contains "x-1" or "anno precedente"; also
 *   "x+1", which the seed plan writes where it means the previous year),
 *   what the value is decides (the indicator's tipo_valore column, or
 *   else the rule below, with a warning saying what it decided):
 *     rapporto     the value is the ratio itself ("1,10" against "≥1");
 *     conteggio    the value is divided by the year-end value of anno-1
 *                  ("40.105" over "38.412" -> 1,044);
 *     percentuale  the same division, both as percentages.
 *   Without tipo_valore: a percentage is percentuale, a whole number is a
 *   conteggio, any other number (a decimal such as 1,10) is the ratio
 *   itself -- whether or not the earlier year has a value, so the same
 *   data is always read the same way.  A count without the earlier value
 *   is not evaluable (EV_R_NO_PREVIOUS), a zero earlier value too
 *   (EV_R_ZERO_PREVIOUS).  A percentage over a plain number (13,7% and
 *   0,142) is compared in one unit (the percentage divided by 100), with
 *   a warning.
 * - soglia_piena and soglia_parziale (percentages) replace the plan's
 *   thresholds for one indicator.
 * - With missing = zero (ev_opts.missing_zero) an indicator that could be
 *   evaluated but has no value counts as 0 (zeroed); by default it is not
 *   evaluable and drops out of the roll-ups, and the coverage says so.
 * - esito in the year-end row overrides the computed verdict
 *   (eval_override, target.h rule 7); the override is flagged, the
 *   computed degree and verdict are kept beside it (computed,
 *   computed_verdict), and an override without a nota is warned about.
 * - A record removed from the plan (its latest amendment, or one of an
 *   ancestor's, is "eliminato") is not evaluable (EV_R_REMOVED), whatever
 *   monitoraggio.csv says, and drops out of every roll-up.
 *
 * Roll-up
 * -------
 * Every level takes the weighted mean of the evaluable degrees just below
 * it (rollup_weighted: non-evaluable children are skipped; nothing
 * evaluable gives a non-evaluable node, EV_R_NO_EVALUABLE); each child
 * weighs its peso (default 1; prospettive, obiettivi_strategici and
 * programmi may have a peso column too):
 *     operational objective = its indicators;
 *     programme             = its operational objectives (equal);
 *     strategic objective   = share_strategic x (its strategic indicators)
 *                             + (1 - share_strategic) x (its programmes);
 *                             when one side is not evaluable the other
 *                             counts whole;
 *     perspective           = its strategic objectives;
 *     plan                  = its perspectives and, as one entry each, the
 *                             objectives without a perspective.
 * With allow_over every level is capped at rules.cap.  The verdict of
 * every node follows from its degree rounded as it prints
 * (esito_from_degree), so "100,0%" is always raggiunto.  Each node counts
 * the indicators beneath it that are not removed (total) and those of them
 * with a degree (measured): its coverage, "12 di 19 indicatori misurati".
 *
 * Memory: an ev_plan owns its arena; ev_free() releases it.  Strings it
 * points at (codes, names, targets, monitoraggio rows) belong to the plan,
 * which must outlive it.  No global state.
 */
#ifndef ANNEX_EVAL_H
#define ANNEX_EVAL_H

#include "plan.h"
#include "target.h"

typedef enum {
	EV_PLAN,
	EV_PERSPECTIVE,
	EV_OBJECTIVE,
	EV_IND_STRAT,
	EV_PROGRAMME,
	EV_OB_OPER,
	EV_IND_OPER,
	EV_LEVEL_COUNT
} ev_level;

/*
 * Why a node is not evaluable: the one table of reasons.  Each row is the
 * enum name (EV_R_<id>), the key of its template text
 * (relazione:reason.<key>, whose Italian default is in template.c) and an
 * English description (ev_reason_str).  EV_R_OK, "evaluated", comes first
 * and has no key.  Reasons that target_eval() gives are converted by
 * ev_reason_of(), by name, not by position.
 */
#define EV_REASONS(X)                                                          \
	X(NO_TARGET, "no_target", "no target for the year")                    \
	X(BASELINE, "baseline",                                                \
	  "baseline year: value recorded, not evaluated")                      \
	X(TEXT_TARGET, "text_target", "target is free text")                   \
	X(NO_VALUE, "no_value", "no value for the year in monitoraggio.csv")   \
	X(BAD_VALUE, "bad_value", "measured value unreadable")                 \
	X(KIND_MISMATCH, "kind_mismatch",                                      \
	  "measured value of the wrong kind for the target")                   \
	X(NO_PREVIOUS, "no_previous",                                          \
	  "no value for the earlier year of a relative target")                \
	X(MANUAL, "manual", "manual esito: non valutabile")                    \
	X(INTERIM_ONLY, "interim_only",                                        \
	  "only intermediate values for the year")                             \
	X(ZERO_PREVIOUS, "zero_previous",                                      \
	  "year-on-year ratio over a zero value")                              \
	X(REMOVED, "removed", "removed from the plan")                         \
	X(NO_EVALUABLE, "no_evaluable", "nothing below it is evaluable")

typedef enum {
	EV_R_OK,
#define EV_R_ENUM(id, key, text) EV_R_##id,
	EV_REASONS(EV_R_ENUM)
#undef EV_R_ENUM
		EV_R_COUNT
} ev_reason;

/* The reason of a node for the reason target_eval() gave. */
ev_reason ev_reason_of(eval_reason r);

typedef struct ev_opts {
	eval_rules rules;
	double share_strategic;	  /* 0..1: see "Roll-up"; default 0.5 */
	int anno;		  /* 0: documento.ini anno */
	const level_scale *scale; /* NULL: basso < medio < alto */
	int missing_zero;	  /* an indicator without a value counts 0 */
} ev_opts;

/* Defaults: eval_rules_default(), share 0.5, anno 0, default scale. */
ev_opts ev_opts_default(void);

/*
 * One node of the tree: an indicator, an objective, a programme, a
 * perspective or the plan.  Children are linked by index into the
 * ev_plan array of their level: first[] is the first child (-1 if none),
 * next the next sibling under the same parent (-1 at the end), in file
 * order.
 *     plan:         first[0] perspective, first[1] objective without one
 *     perspective:  first[0] objective
 *     objective:    first[0] strategic indicator, first[1] programme
 *     programme:    first[0] operational objective
 *     ob. operativo first[0] operational indicator
 */
typedef struct ev_node {
	ev_level level;
	const plan_rec *rec; /* NULL for the plan */
	const char *codice;  /* "" for the plan */
	const char *name;    /* titolo, denominazione or descrizione */
	double weight;	     /* peso for indicators, 1 otherwise */
	int removed;	     /* eliminato, itself or an ancestor */

	double degree; /* NAN when not evaluable */
	esito verdict;
	int overridden;		/* verdict from a manual esito */
	double computed;	/* overridden: the degree computed before */
	esito computed_verdict; /* overridden: the verdict computed before */
	ev_reason reason;
	int total, measured; /* indicators beneath (itself for one) not
				removed, and those of them evaluated */

	/* Indicators. */
	const char *target_text; /* as written, "" when none */
	target tgt;
	int decreasing;
	int kind;		/* value_kind: declared, or inferred */
	int inferred;		/* kind was inferred (year-on-year ratios) */
	int zeroed;		/* no value, counted as 0 (missing = zero) */
	double soglia[2];	/* own thresholds full, partial, or NAN */
	const misura *value;	/* year-end row of the year, or NULL */
	const misura *previous; /* earlier row compared with, or NULL */
	int ratio;		/* value evaluated = value / previous */
	double ratio_value;	/* that quotient */
	const misura **interim; /* dated rows of the year, by date */
	int ninterim;
	unsigned notes; /* EVAL_NOTE_* */

	/* Aggregates. */
	double part[2]; /* objective: strategic indicators, programmes
			   (NAN when not evaluable) */
	int count[4];	/* indicators beneath, by verdict (esito order) */

	int first[2];
	int next;
} ev_node;

typedef struct ev_plan {
	arena a;
	const plan *p;
	ev_opts o; /* anno resolved */
	ev_node plan;
	/* Parallel to the plan's arrays: persp[i] is p->prospettive[i]. */
	ev_node *persp, *obj, *is, *prog, *oo, *io;
} ev_plan;

/*
 * Evaluate plan p.  opts NULL = ev_opts_default().  Problems of the data
 * (unreadable targets or values, a duplicate year-end row, an unknown
 * esito, a ratio without its earlier value) are warnings to d, which may
 * be NULL to stay silent.  Never fails.
 */
/*
 * The one walk of the tree, in report order: the plan; each perspective
 * with its objectives, then the objectives without a perspective; under
 * an objective its strategic indicators, then its programmes, each with
 * its operational objectives and their indicators (file order within a
 * level).  pre is called on a node before its children and returns
 * nonzero to descend into them, 0 to skip them; post (may be NULL) after
 * them, or right after pre when they are skipped.  from NULL is the plan.
 */
typedef int (*ev_visit_fn)(void *ctx, const ev_node *n);
void ev_walk(const ev_plan *e, const ev_node *from, ev_visit_fn pre,
	     ev_visit_fn post, void *ctx);

/* Is n an indicator (strategic or operational)? */
int ev_is_indicator(const ev_node *n);

ev_plan *ev_run(const plan *p, const ev_opts *opts, diag *d);
void ev_free(ev_plan *e);

/* English description, for diagnostics. */
const char *ev_reason_str(ev_reason r);
/* A short stable name of a reason ("no_target"), for template keys. */
const char *ev_reason_key(ev_reason r);

/* The node of an indicator record (REC_IND_STRAT or REC_IND_OPER), or
 * NULL. */
const ev_node *ev_indicator(const ev_plan *e, const plan_rec *rec);

#endif
