/*
 * report.h - the parts of a document, composed from tables.
 *
 * A report reads the plan and the template and feeds rows to layout
 * tables on the page flow; it never draws.  The strings it builds for
 * cells live in rep.a until the document is saved.
 */
#ifndef ANNEX_REPORT_H
#define ANNEX_REPORT_H

#include "../data/eval.h"
#include "../data/plan.h"
#include "../template/template.h"
#include "../layout/table.h"
#include "../util/buf.h"

/* Footnotes gathered for one cell. */
typedef struct rep_notes {
	const char **v;
	int n, cap;
} rep_notes;

typedef struct rep {
	const plan *p;
	const tpl *t;
	lay_flow *flow;
	diag *d;
	arena a; /* cell texts */
	buf tmp;
	int note_no;	      /* last footnote number used */
	rep_notes part_notes; /* notes kept for the end of the part */
	ev_plan *ev;	      /* the relazione's evaluation, once; owned */
} rep;

/* The parts. */
void rep_cruscotto(rep *r);
void rep_mappa(rep *r);
void rep_registro(rep *r);
void rep_relazione(rep *r);
/* Evaluate the plan with the template's rules (thresholds, grace, share):
 * the one evaluation the relazione's PDF and CSV print.  Warnings about
 * the values go to d (may be NULL).  The caller frees with ev_free. */
ev_plan *rep_evaluate(const plan *p, const tpl *t, diag *d);
/* The open data of the relazione (written next to the PDF as <out>.csv
 * by the document stage, together with the PDF or not at all): one row
 * per node, into out. */
void rep_relazione_export(rep *r, buf *out);

/* Shared helpers (common.c). */

/* Expand a documento phrase ({ente}, {titolo}, ...) into rep.a. */
const char *rep_doc_text(rep *r, const char *pattern);
/* Expand pattern with {codice} and {denominazione}/{titolo} of rec. */
const char *rep_rec_text(rep *r, const char *pattern, const char *codice,
			 const char *name);
/* The Note cell of a record: the phrase of each amendment, oldest first,
 * joined by the template's separator; "" when none.  An amendment's nota
 * becomes a numbered marker "(n)" and its footnote goes to notes (or to
 * the end of the part, or inline, as the template says).  prefix, if not
 * NULL, starts each phrase (e.g. "Obiettivo operativo: "). */
const char *rep_amendments(rep *r, const plan_rec *rec, const char *prefix,
			   rep_notes *notes);
/* Attach gathered notes to a cell and clear the list. */
void rep_cell_notes(rep *r, tbl_cell *c, rep_notes *notes);
/* Print the notes kept for the end of the part, if any. */
void rep_part_notes(rep *r);
/* The main text of any record (title, description, denomination). */
const char *rep_rec_label(const plan_rec *rec);
/* Children of each parent in file order, without a quadratic scan:
 * first[i] is the index of parent i's first child or -1, next[j] the
 * child after child j or -1.  parent_off is where each child keeps its
 * parent pointer; a NULL parent is skipped. */
typedef struct rep_groups {
	int *first, *next;
} rep_groups;
rep_groups rep_group(rep *r, const void *parents, size_t psize, int np,
		     const void *children, size_t csize, int nc,
		     size_t parent_off);

/* Resources: a plain amount in Italian format (1.670.000), else as
 * written. */
const char *rep_amount(rep *r, const char *s);
/* Italian date in rep.a. */
const char *rep_date(rep *r, const pdate *d);
/* Table options from the template. */
tbl_opts rep_tbl_opts(const rep *r);
/* A part heading, kept with what follows, with an outline entry. */
void rep_part_heading(rep *r, tpl_part part);
/* Start a table with the template's columns of tt (widths, alignment)
 * and a header row of their headings, which repeats on every page.
 * head_align: LAY_CENTER etc. for the headings, -1 for each column's own. */
tbl *rep_table_begin(rep *r, const tpl_table *tt, const tbl_opts *o,
		     int head_align);
/* A cell with the given text and style, other fields default. */
tbl_cell rep_cell(const char *text, int style);
/* Apply the template's look for removed records to a cell. */
void rep_mark_removed(const rep *r, tbl_cell *c);

#endif
