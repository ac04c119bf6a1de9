/*
 * target.h - target expressions and the evaluation of one indicator.
 *
 * A plan states each indicator's target the way people write it in a
 * spreadsheet ("≥ 90%", "<= 40 gg", "31/12/2021", "x ≤ x-1", "≥ a medio",
 * "Anno di rilevazione", "ITP < -10", free text ...), and monitoraggio.csv
 * gives the measured value the same way ("95,4%", "28/06/2021", "medio").
 * This module turns both into small structs and computes how far the value
 * reaches the target: a degree (0..1) and a verdict (esito).  It is pure C:
 * no I/O, no locale, no global mutable state.  Strings it keeps (the text as
 * written, a unit, a name) live in the caller's arena.
 *
 * Design
 * ------
 * - Parsing never fails hard.  An expression that cannot be read becomes
 *   TGT_TEXT with a reason code (target_reason_str() gives an English
 *   debug/diagnostic string); it is printed as written and is "non
 *   valutabile" unless monitoraggio.csv gives a manual esito.
 * - Numbers are read by itnum_scan() (itnum.h: decimal comma, thousands
 *   dots, "1.000" = 1000, "1.5" = 1.5, a sign, at most 15 significant
 *   digits) and dates by itdate_scan() (itdate.h), never by strtod or
 *   the locale.
 * - A trailing '%' sets percent; the number is stored as written (90 for
 *   "90%").  A trailing word ("gg", "immissioni", "giorni lavorativi": it
 *   must start with a letter and contain no digit and no comparison sign,
 *   at most TARGET_MAX_UNIT bytes) is kept in unit for display and ignored
 *   when evaluating.  Anything else after the number makes the whole
 *   expression TGT_TEXT.
 * - Spaces (ASCII, TAB, NBSP U+00A0, narrow NBSP U+202F) are optional
 *   between all tokens.  Comparison signs: "≥" "⩾" ">=" "=>" and the typo
 *   "≥=" (also "> =") mean ≥; "≤" "⩽" "<=" "=<" "≤=" mean ≤; ">" "<";
 *   "=" or "==" mean equal.
 *
 * Forms (tried in this order; the first that matches the whole text wins):
 *
 *   ""                        TGT_EMPTY
 *   "Anno di rilevazione",    TGT_BASELINE (case/accent-insensitive; also
 *   "Anno rilevazione"          "anno base")
 *   "31/12/2021", "2021-12-31", "31.12.2021", "entro il 31/12/2021",
 *   "≤ 31/12/2021"            TGT_DEADLINE, op TGT_LE (TGT_LT for "<"), one
 *                               date in dates[0]; a date after ≥, > or = is
 *                               text
 *   "11/01/2021 - 30/06/2021 - 10/09/2021"
 *                             TGT_DEADLINE with ndates = 3 (separators: - –
 *                               — , ; "e" or just spaces; at most
 *                               TARGET_MAX_DATES).  Dates are validated
 *                               (31/02/2021 is text); two-digit years are
 *                               not accepted.
 *   "x ≤ x-1", "x < x-2"      TGT_RELATIVE, op, lag = 1, 2 (1..99)
 *   "≥ 90%", "> 3,5", "<= 40 gg", "ITP < -10"
 *                             TGT_COMPARE with op, value, percent, unit; an
 *                               optional name before the sign (it must start
 *                               with a letter, hold no '%', be at most 64
 *                               bytes: longer is prose, so text) is kept in
 *                               name; a name is also allowed before a level
 *                               or a date
 *   "100%", "10 immissioni", "0,00", "1"
 *                             TGT_COMPARE with op TGT_ATLEAST (a bare value:
 *                               at least it, or at most it for a decrescente
 *                               indicator)
 *   "≥1", ">1,2" on a ratio "anno x / anno x-1"
 *                             plain TGT_COMPARE with value 1 / 1.2: the
 *                               caller supplies the measured ratio as the
 *                               value; there is no ratio flag (the parser
 *                               cannot know what the indicator measures)
 *   "≥ a medio", "≥Medio", "alto"
 *                             TGT_ORDINAL: level is the 1-based rank on the
 *                               scale (default basso=1 < medio=2 < alto=3;
 *                               an "a"/"al"/"ad" before the level is
 *                               skipped); bare level = TGT_ATLEAST.  "buono"
 *                               is not on the default scale: it belongs to
 *                               another scale (insufficiente < sufficiente <
 *                               buono < ottimo) and mixing scales would
 *                               compare unlike things; pass a level_scale to
 *                               use another scale.
 *   anything else             TGT_TEXT ("Conclusione entro 6 mesi dalla
 *                               prova scritta", "≥ media cluster", "=").
 *
 * Evaluation (target_eval)
 * ------------------------
 * Rules: eval_rules gives full (default 1.0), partial (default 0.6),
 * allow_over (default 0) and grace_days (default 0).  The verdict always
 * follows from the degree d (unless overridden):
 *     d >= full -> RAGGIUNTO;  d >= partial -> PARZIALE;  else NON_RAGGIUNTO;
 *     d = NAN   -> NON_VALUTABILE.
 * (comparisons with full and partial tolerate 1e-9 so that 0.6 computed as
 * 0.59999999999 is still 0.6).
 *
 * 1. Comparison (TGT_COMPARE, also named).  The direction is:
 *      "at least T" for ≥ and >, and for a bare value when crescente;
 *      "at most T"  for ≤ and <, and for a bare value when decrescente;
 *      "equal to T" for =.
 *    An explicit sign wins over polarity; polarity only resolves bare
 *    values.  met: v ≥ T, v > T, v ≤ T, v < T, v = T, where two numbers
 *    within 1e-9 (relative to max(1, |T|)) are equal, so a strict sign is
 *    NOT met at the exact threshold ("> 90%" with 90% is not met).
 *      - met:   d = 1; with allow_over d = the ratio below when it exceeds 1
 *               (at least: v/T, at most: T/v, v = 0 gives 1), never above
 *               rules.cap (default 1.2 = 120%);
 *      - unmet: d = the linear ratio toward T: at least v/T, at most T/v,
 *               equal min(v,T)/max(v,T), clamped to [0, TARGET_UNMET_MAX]
 *               (0.999): an unmet target never prints as 100% and never
 *               reaches the default full.
 *    The ratio is only meaningful for T > 0 and v >= 0.  With T <= 0 or
 *    v < 0 (e.g. "ITP < -10", "≥ 0") the result is binary: met 1, unmet 0.
 *    A target of 0 takes a value within rules.zero_tol of 0 as 0 ("≤ 0
 *    reclami" with 0,4 and zero_tol 0,5 is met).
 *    Percent: a percent target and a percent value compare as written
 *    (95,4% vs 90%).  A plain value against a percent target is read as a
 *    ratio when |v| <= 1 (0,95 -> 95%; note EVAL_NOTE_RATIO_AS_PERCENT) and
 *    as percent points otherwise (95 -> 95%; EVAL_NOTE_NUMBER_AS_PERCENT).
 *    A percent value against a plain target is divided by 100 (105% against
 *    "≥1" -> 1.05; EVAL_NOTE_PERCENT_AS_RATIO).  Notes let the caller warn.
 *    Worked example, default rules, target "≥ 90%": 95,4% -> met, d = 1,
 *    raggiunto; 72% -> 72/90 = 0.8, "80,0%", parzialmente raggiunto; 45%
 *    -> 0.5, non raggiunto.  Target "<= 40 gg", value 50 -> 40/50 = 0.8.
 *
 * 2. Deadline (TGT_DEADLINE).  The value is a date (or a list of dates in
 *    the same form as the target).  A date meets deadline D when
 *    date <= D + grace_days (date < D + grace_days for "<").
 *      - a single date: it is taken as the completion of the whole
 *        activity and compared with the LAST deadline, d = 1 or 0 (with
 *        several deadlines, note EVAL_NOTE_LAST_DEADLINE_ONLY); with
 *        rules.late_days = L > 0 a date k days late scores 1 - k/L (never
 *        below 0, and never above TARGET_UNMET_MAX when late);
 *      - a list of dates: paired with the deadlines by position,
 *        d = number met / number of deadlines ("4 milestones, 3 on time"
 *        -> 0.75, parzialmente raggiunto); a missing date counts as unmet
 *        (EVAL_NOTE_MISSING_DATES), extra dates are ignored
 *        (EVAL_NOTE_EXTRA_DATES).
 *
 * 3. Baseline (TGT_BASELINE): non valutabile, reason EVAL_R_BASELINE; the
 *    value is only recorded.
 *
 * 4. Relative (TGT_RELATIVE): previous must be the measured value of the
 *    period lag years earlier (the caller looks it up).  Missing/unreadable
 *    previous -> non valutabile (EVAL_R_NO_PREVIOUS).  Otherwise rule 1 with
 *    T = previous and the target's sign (x ≤ x-1 with 10 then 11 ->
 *    10/11 = 0.909).  If exactly one of the two is a percent it is divided
 *    by 100 (EVAL_NOTE_PERCENT_AS_RATIO).
 *
 * 5. Ordinal (TGT_ORDINAL): the value must be a level on the same scale;
 *    rule 1 on the ranks (basso=1, medio=2, alto=3): "≥ medio" with basso
 *    -> 1/2 = 0.5.
 *
 * 6. Not evaluable (degree NAN, ESITO_NON_VALUTABILE), with a reason code:
 *    no target (EVAL_R_NO_TARGET), baseline, text target
 *    (EVAL_R_TEXT_TARGET), no value (EVAL_R_NO_VALUE), unreadable value
 *    (EVAL_R_BAD_VALUE), a value of the wrong kind such as a date for "≥ 90%"
 *    (EVAL_R_KIND_MISMATCH), relative without previous.
 *
 * 7. Manual esito (eval_override): the verdict becomes the given esito and
 *    overridden = 1; computed and computed_verdict keep what was computed.
 *    The computed degree is kept when it lies in the band of that esito
 *    (so roll-ups keep the information); otherwise it moves to the
 *    nearest edge of the band: raggiunto [full, ...) -> full; parzialmente
 *    raggiunto [partial, full) -> partial, or full - 0,1 points from
 *    above; non raggiunto [0, partial) -> partial - 0,1 points from above
 *    (97,4% declared non raggiunto becomes 59,9%, not 0).  Without a
 *    computed degree the band's representative value is used: full,
 *    partial, 0.  Non valutabile -> NAN (it then drops out of roll-ups).
 *
 * 8. Roll-up (rollup_weighted): weighted mean of the evaluable degrees;
 *    NAN degrees and entries whose weight is not finite and > 0 are
 *    skipped; NAN when nothing is left.
 */
#ifndef ANNEX_TARGET_H
#define ANNEX_TARGET_H

#include "itdate.h"
#include "itnum.h"
#include "../util/arena.h"

#include <stddef.h>
#include <stdint.h>

#define TARGET_MAX_DATES 8
#define TARGET_MAX_UNIT	 40
#define TARGET_MAX_LEVEL 16 /* levels on a scale */
#define TARGET_UNMET_MAX 0.999

typedef enum {
	TGT_EMPTY,    /* nothing written */
	TGT_COMPARE,  /* [name] [sign] number [%] [unit] */
	TGT_DEADLINE, /* one or more dates */
	TGT_BASELINE, /* "Anno di rilevazione": record only */
	TGT_RELATIVE, /* x <sign> x-lag */
	TGT_ORDINAL,  /* [name] [sign] level */
	TGT_TEXT      /* unreadable: shown as written, reason says why */
} tgt_kind;

typedef enum {
	TGT_NOOP,   /* no comparison (empty, baseline, text) */
	TGT_GE,	    /* ≥ */
	TGT_GT,	    /* > */
	TGT_LE,	    /* ≤ */
	TGT_LT,	    /* < */
	TGT_EQ,	    /* = */
	TGT_ATLEAST /* bare value: ≥ when crescente, ≤ when decrescente */
} tgt_op;

/* Why an expression is TGT_TEXT. */
typedef enum {
	TGT_R_NONE,	    /* readable */
	TGT_R_NOT_A_TARGET, /* no sign, number, date, level or keyword */
	TGT_R_NO_OPERAND,   /* a sign with nothing after it ("=") */
	TGT_R_BAD_OPERAND,  /* after the sign: not a number, date or level */
	TGT_R_TRAILING,	    /* something unreadable after the number/date */
	TGT_R_BAD_NUMBER,   /* too many digits */
	TGT_R_BAD_DATE,	    /* looks like a date but is not a valid one */
	TGT_R_TOO_MANY_DATES,
	TGT_R_DATE_SIGN, /* a date after ≥, > or = */
	TGT_R_BAD_LAG	 /* x-0 or a lag over 99 */
} tgt_reason;

typedef struct target {
	tgt_kind kind;
	tgt_op op;
	double value;	  /* threshold as written (90 for "90%") */
	int percent;	  /* a '%' followed the number */
	const char *unit; /* "gg", "immissioni" or NULL (arena) */
	const char *name; /* "ITP" or NULL (arena) */
	int ndates;	  /* TGT_DEADLINE: 1..TARGET_MAX_DATES */
	int32_t dates[TARGET_MAX_DATES]; /* days since 1970-01-01 */
	int lag;			 /* TGT_RELATIVE: x-1 -> 1 */
	int level;	   /* TGT_ORDINAL: 1-based rank on the scale */
	const char *text;  /* trimmed text as written (arena), never NULL */
	tgt_reason reason; /* TGT_TEXT: why */
} target;

/* An ordinal scale, lowest level first; names are matched with text_fold
 * (case- and accent-insensitive).  At most TARGET_MAX_LEVEL names. */
typedef struct level_scale {
	const char *const *names;
	int n;
} level_scale;

/* basso < medio < alto. */
const level_scale *level_scale_default(void);

/*
 * Parse a target expression (NULL counts as empty).  Fills *out
 * completely; strings are copied into a (which must not be NULL).
 * Returns 0 when the expression was understood (including TGT_EMPTY and
 * TGT_BASELINE) and -1 when it is TGT_TEXT (out->reason says why).
 */
int target_parse(const char *text, target *out, arena *a);
/* The same with an ordinal scale (NULL = default). */
int target_parse_scale(const char *text, const level_scale *scale, target *out,
		       arena *a);
/* A target with '?' where Excel, saving as Windows-1252, lost a ≥ or ≤
 * ("?4", "x ? x-1"): returns 1 and writes the likely intended expression
 * (≥, or ≤ for a decrescente indicator) into out; 0 when text has no '?'
 * or does not read even with the sign put back. */
int target_lost_sign(const char *text, int decreasing, char *out, size_t n);
/* English description of a reason code, for diagnostics and debugging. */
const char *target_reason_str(tgt_reason r);

typedef enum { VAL_NONE, VAL_NUMBER, VAL_DATE, VAL_LEVEL, VAL_TEXT } val_kind;

typedef struct measured {
	val_kind kind;
	double number; /* as written (95.4 for "95,4%") */
	int percent;
	int32_t date; /* VAL_DATE: the last (or only) date */
	int ndates;   /* VAL_DATE: 1..TARGET_MAX_DATES */
	int32_t dates[TARGET_MAX_DATES];
	int level; /* VAL_LEVEL: 1-based rank */
} measured;

/*
 * Parse a measured value: a number with the rules above ("95,4%", "1,45",
 * "12", "1.000", "-3", "35 gg": a trailing unit is ignored), a date or a
 * list of dates ("28/06/2021", "2021-06-28", "10/01/2021 - 29/06/2021") or
 * a level ("medio").  Blank -> VAL_NONE and 0; unreadable -> VAL_TEXT and
 * -1; otherwise 0.
 */
int measured_parse(const char *text, measured *out);
int measured_parse_scale(const char *text, const level_scale *scale,
			 measured *out);

/* Ordered by achievement, and a zero-filled result is "non valutabile". */
typedef enum {
	ESITO_NON_VALUTABILE,
	ESITO_NON_RAGGIUNTO,
	ESITO_PARZIALE,
	ESITO_RAGGIUNTO
} esito;

typedef struct eval_rules {
	double full;	 /* degree for raggiunto, default 1.0 */
	double partial;	 /* degree for parzialmente raggiunto, default 0.6 */
	int allow_over;	 /* report over-achievement (degree > 1) */
	int grace_days;	 /* deadlines: days of tolerance, default 0 */
	double cap;	 /* allow_over: the highest degree, default 1.2 */
	int late_days;	 /* deadlines: linear scale over so many days late
			    (0: met or missed), default 0 */
	double zero_tol; /* a target of 0: values within it count as 0 */
} eval_rules;

/* The defaults: 1.0, 0.6, no over-achievement, no grace, cap 1.2, no late
 * scale, no tolerance on 0. */
eval_rules eval_rules_default(void);

typedef enum {
	EVAL_R_OK,	      /* evaluated */
	EVAL_R_NO_TARGET,     /* TGT_EMPTY */
	EVAL_R_BASELINE,      /* TGT_BASELINE */
	EVAL_R_TEXT_TARGET,   /* TGT_TEXT */
	EVAL_R_NO_VALUE,      /* no measured value */
	EVAL_R_BAD_VALUE,     /* measured value unreadable (VAL_TEXT) */
	EVAL_R_KIND_MISMATCH, /* e.g. a date for "≥ 90%" */
	EVAL_R_NO_PREVIOUS,   /* relative target without the earlier value */
	EVAL_R_MANUAL,	      /* manual esito "non valutabile" */
	EVAL_R_COUNT
} eval_reason;

/* Bits of eval_result.notes: how the value was read, for warnings. */
enum {
	EVAL_NOTE_RATIO_AS_PERCENT = 1u << 0,  /* 0,95 vs "90%" -> 95% */
	EVAL_NOTE_NUMBER_AS_PERCENT = 1u << 1, /* 95 vs "90%" -> 95% */
	EVAL_NOTE_PERCENT_AS_RATIO = 1u << 2,  /* 105% vs "≥1" -> 1.05 */
	EVAL_NOTE_LAST_DEADLINE_ONLY = 1u << 3,
	EVAL_NOTE_MISSING_DATES = 1u << 4,
	EVAL_NOTE_EXTRA_DATES = 1u << 5
};

typedef struct eval_result {
	double degree; /* 0..1 (>1 with allow_over); NAN if not evaluable */
	esito verdict;
	double computed; /* overridden: the degree before the override */
	esito computed_verdict;
	int overridden;	    /* verdict comes from a manual esito */
	eval_reason reason; /* EVAL_R_OK unless non valutabile */
	unsigned notes;	    /* EVAL_NOTE_* bits */
} eval_result;

/*
 * Evaluate value against t (rules in the header comment).  decreasing is
 * the indicator's polarity (1 = decrescente); previous is the value of the
 * period t->lag years earlier (only used by TGT_RELATIVE, may be NULL);
 * value may be NULL (= no value); rules NULL = eval_rules_default().
 */
void target_eval(const target *t, int decreasing, const measured *value,
		 const measured *previous, const eval_rules *rules,
		 eval_result *out);
/* English description of a reason code. */
const char *eval_reason_str(eval_reason r);
/*
 * Verdict for a degree (NAN -> non valutabile); rules NULL = defaults.
 * The degree is first rounded as it prints (degree_round: 0,1 points of
 * percent), so a verdict never contradicts its printed degree: 0,99951
 * prints "100,0%" and is raggiunto, 0,5996 prints "60,0%" and is
 * parzialmente raggiunto.
 */
esito esito_from_degree(double degree, const eval_rules *rules);
/* d rounded to the precision it prints with (one decimal of percent). */
double degree_round(double d);
/* Apply a manual esito (rule 7); rules NULL = defaults. */
void eval_override(eval_result *r, esito e, const eval_rules *rules);

/* "raggiunto", "parzialmente raggiunto", "non raggiunto", "non valutabile"
 * (case/accent/space-insensitive).  Returns 0, or -1 if text is none of
 * them (*out untouched). */
int esito_parse(const char *text, esito *out);
/* The canonical keyword, as esito_parse accepts it ("non raggiunto"). */
const char *esito_keyword(esito e);

/*
 * Weighted mean of degrees[0..n) with weights (NULL = all 1), skipping NAN
 * degrees and weights that are not finite and > 0.  *n_evaluated (if not NULL)
 * gets the number of entries used.  NAN when none is used.
 */
double rollup_weighted(const double *degrees, const double *weights, int n,
		       int *n_evaluated);

#endif
