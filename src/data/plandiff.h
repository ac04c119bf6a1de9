/*
 * plandiff.h - what changed between two versions of a plan.
 *
 * plan_diff() matches the records of two loaded plans by codice, in every
 * file, and compares them column by column through the load table
 * (plan_files): texts, parents (by code), flags, polarity, weight and each
 * yearly target.  The result is a list of changes in a fixed order (by
 * kind of record in reading order; in each kind the records of the new
 * plan in file order, then the ones that are gone, in the old plan's
 * order), with the old and new values as text.  It is pure: it reads the
 * two plans and writes nothing; the wording (the Italian "nota") is the
 * document stage's business (document/diffcmd.c).
 *
 * Rules:
 *  - a code only in the new plan is "inserted"; a code only in the old
 *    plan is "removed", unless the old record was removed already (its
 *    latest amendment is "eliminato": dropping it is a clean-up, not a
 *    change);
 *  - a record in both whose latest amendment is "eliminato" in the new
 *    plan only is "removed" too (with neu set): the record was removed by
 *    an amendment and kept, as the annex prints it;
 *  - a removed record and an inserted one of the same kind whose columns
 *    are all equal (parents compared after their own renames) are one
 *    "renamed" record, when neither side has another record with those
 *    same columns;
 *  - a removed record whose parent is removed too is listed with
 *    with_parent set: it goes with its parent (the parent's change lists
 *    it in children);
 *  - the yearly targets are compared over the years of both plans (a
 *    year only one plan has counts as empty in the other).
 */
#ifndef ANNEX_PLANDIFF_H
#define ANNEX_PLANDIFF_H

#include "plan.h"

typedef enum {
	PD_INSERTED,
	PD_REMOVED,
	PD_UPDATED,
	PD_RENAMED,
} pd_kind;

/* One changed column of an updated record. */
typedef struct pd_field {
	const char *column; /* "descrizione", "obiettivo", "target" ... */
	col_type type;	    /* C_TEXT, C_REF (a move), C_FLAG ... */
	int year;	    /* target_YYYY of a strategic indicator, else 0 */
	const char *before, *after; /* as text; codes for C_REF; "" empty */
} pd_field;

typedef struct pd_change pd_change;
struct pd_change {
	pd_kind kind;
	rec_kind rkind;
	const plan_rec *old;	/* NULL when inserted */
	const plan_rec *neu;	/* NULL when the record is gone */
	const char *codice;	/* the code in the new plan (old when gone) */
	const char *old_codice; /* differs from codice when renamed */
	pd_field *f;		/* changed columns (PD_UPDATED) */
	int nf;
	const pd_change *with_parent; /* removed with this parent */
	const char **children;	      /* codes removed with it */
	int nchildren;
};

typedef struct plan_diff {
	arena a;
	pd_change *v;
	int n;
} plan_diff;

/* Compare old with neu.  Never fails; free with plan_diff_free. */
plan_diff *plan_diff_compute(const plan *old, const plan *neu);
void plan_diff_free(plan_diff *d);

/* The value of column c of rec as text, the way plan_diff compares it:
 * text as is, a parent's code, "sì"/"no", "crescente"/"decrescente", a
 * weight with a decimal comma ("0,5"); in a. */
const char *pd_value(arena *a, const plan_rec *rec, const colspec *c);

#endif
