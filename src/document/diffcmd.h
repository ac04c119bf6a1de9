/*
 * diffcmd.h - the commands of a rolling update:
 *
 *   annex diff [-t TEMPLATE] [--organo O] [--numero N] [--data YYYY-MM-DD]
 *              [--contesto C] [--write] [--pdf OUT.pdf] OLDPLAN NEWPLAN
 *   annex amend --numero N --data YYYY-MM-DD [--organo O] PLAN
 *   annex check --since OLDPLAN NEWPLAN   (diff_check_since)
 *
 * diff prints the amendments that turn OLDPLAN into NEWPLAN as rows of
 * modifiche.csv; --write adds them to NEWPLAN (and puts removed records
 * back, so the annex prints them struck through).  amend gives the
 * pending amendments (no number yet) their deliberation.
 */
#ifndef ANNEX_DIFFCMD_H
#define ANNEX_DIFFCMD_H

#include "../template/template.h"
#include "../data/plan.h"

/* What the command line gives (main.c parses it). */
typedef struct diff_args {
	const char *tpl_path; /* resolved template file */
	const char *organo, *numero, *data, *contesto; /* NULL: default */
	const char *pdf;			       /* NULL: none */
	int write;
	const char *dir[2]; /* old, new (amend: dir[0]) */
	const char *version;
	long long epoch; /* SOURCE_DATE_EPOCH or -1 */
} diff_args;

/* Exit status: diff 0 no changes, 3 changes, 1 input errors; amend 0 or
 * 1.  Problems go to d. */
int diffcmd_diff(const diff_args *a, diag *d);
int diffcmd_amend(const diff_args *a, diag *d);

/* Warn about each record of neu that differs from the plan in old_dir
 * and has no amendment newer than the old plan's newest.  Returns the
 * number of warnings, or -1 when old_dir cannot be loaded. */
int diff_check_since(const char *old_dir, const plan *neu, const tpl *t,
		     diag *d);

#endif
