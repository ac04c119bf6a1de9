/*
 * report.h - the parts of a document, composed from tables.
 *
 * A report reads the plan and the template and feeds rows to layout
 * tables on the page flow; it never draws.  The strings it builds for
 * cells live in rep.a until the document is saved.
 *
 * Each part is one file here that exports one descriptor (rep_part): its
 * name (as `[document] parts` writes it), its template keys (table rows
 * filling a struct of its own, with its columns and their fill
 * functions), and what it does: run, and optionally check and export.
 * registry.c lists the descriptors; document/build.c walks the list.
 * Adding a part is a new file and one line in registry.c.
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
	buf amend;	      /* rep_amendments' text as it grows, reused */
	int note_no;	      /* last footnote number used */
	rep_notes part_notes; /* notes kept for the end of the part */
	int part_no;	      /* the running part's place in the document */
	const plan *old;      /* the earlier version (--old), or NULL */
} rep;

/* Free what r owns (its arena and buffers), not what it points to. */
void rep_free(rep *r);

/* A file a part writes beside the PDF. */
typedef struct rep_export {
	const char *ext; /* replaces ".pdf": ".csv" */
	void (*write)(rep *r, const void *conf, void *state, buf *out);
} rep_export;

/* A part.  conf is what the template says for it (the struct its keys
 * fill, tpl_conf()). */
typedef struct rep_part {
	tpl_partdef tpl; /* name and template keys */
	/* Compose the part on r->flow.  What it returns (NULL for nothing)
	 * is kept for export and then given to free_state. */
	void *(*run)(rep *r, const void *conf);
	/* Optional: what `annex check` checks beyond loading, without
	 * writing anything (the relazione's evaluation).  Returns 0 or -1. */
	int (*check)(const plan *p, const tpl *t, const void *conf, diag *d);
	/* Optional: files written beside the PDF, each named as the PDF with
	 * its ext for ".pdf" (the relazione's open data ".csv" and its
	 * metadata ".json"): their bytes into out.  The document stage
	 * writes them with the PDF, all or none.  NULL, or ended by a row
	 * whose ext is NULL. */
	const struct rep_export *exports;
	void (*free_state)(void *state);
} rep_part;

/* The parts (registry.c), NULL-terminated, and their template side in
 * the same order, for tpl_load() and tpl_print_keys(). */
extern const rep_part *const rep_parts[];
extern const tpl_partdef *const rep_part_defs[];
/* The part whose template side is def.  Every def given to tpl_load() for
 * a build must be the tpl member of a rep_part (rep_part_defs, or a list
 * of one's own, as the unit tests do). */
const rep_part *rep_part_of(const tpl_partdef *def);

/* The keys of a part that is one table: a title and columns (its conf is
 * a tpl_table). */
#define REP_TABLE_KEYS(sec, heading, what, cols)                               \
	TK_ROW(sec ":title", TK_TEXT, offsetof(tpl_table, title), heading, 0,  \
	       0, NULL, "heading of " what),                                   \
		TK_ROW(sec ":columns", TK_COLUMNS, 0, NULL, 0, 0, cols,        \
		       "the columns of " what ", in order")
/* A column of a part: key, width, alignment, heading, fill function (of
 * the part's own type) and tag. */
#define REP_COL(key, width, align, heading, fill, tag)                         \
	REP_COLC(key, width, align, heading, fill, tag, NULL)
/* The same with a continuation (continue.X): "label", "full", "rest",
 * "none". */
#define REP_COLC(key, width, align, heading, fill, tag, cont)                  \
	{                                                                      \
		(key), (width), (align), (heading), (tpl_fill)(fill), (tag),   \
			(cont)                                                 \
	}
#define REP_COL_END                                                            \
	{                                                                      \
		NULL, NULL, NULL, NULL, NULL, 0, NULL                          \
	}
#define REP_NKEYS(rows) ((int)(sizeof(rows) / sizeof(rows)[0]))
/* The keys and the descriptor rep_part_NAME of a part that is one table
 * (a title and the columns cols; its conf is a tpl_table), run by run. */
#define REP_TABLE_PART(NAME, heading, what, cols, run)                         \
	static const tpl_key NAME##_keys[] = {                                 \
		REP_TABLE_KEYS(#NAME, heading, what, cols)};                   \
	const rep_part rep_part_##NAME = {.tpl = {#NAME, NAME##_keys,          \
						  REP_NKEYS(NAME##_keys),      \
						  sizeof(tpl_table), NULL},    \
					  .run = (run)}

/* The relazione's evaluation of p with the rules of t's [relazione],
 * silent (the relazione warns), and a verdict's word and colour there
 * with the degree of what is not evaluable (n.v.): for the strategy map
 * coloured by verdict (relazione.c). */
ev_plan *rep_relazione_evaluate(const tpl *t, const plan *p);
void rep_relazione_verdict(const tpl *t, esito v, const char **word,
			   uint32_t *color, const char **nv);

/* Shared helpers (common.c). */

/* The organ's canonical name ([text] organo.*), or typed when unknown. */
const char *rep_organ(const rep *r, const char *typed);
/* A deliberation number as printed: in a draft a missing one is the
 * template's placeholder ("____"), in a final document it stays empty. */
const char *rep_number(const rep *r, const char *numero);
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
/* pattern with the placeholders names[i] given as v[i], in rep.a. */
const char *rep_expand(rep *r, const char *pattern, const char *const *names,
		       const char *const *v);
/* A column's relative width where no measuring pass fits auto columns:
 * an auto column (width < 0) gets 10, a tenth of a table of ten. */
float rep_col_width(const tpl_column *c);
/* Table options from the template. */
tbl_opts rep_tbl_opts(const rep *r);
/* A part heading, kept with what follows, with an outline entry; on a
 * new page when the part is not the first and the template says so
 * ([document] new_page, new_page.<part>). */
void rep_part_heading(rep *r, const char *title);
/* Start a table with the template's columns of tt (widths, alignment)
 * and a header row of their headings, which repeats on every page.
 * head_align: LAY_CENTER etc. for the headings, -1 for each column's own.
 * Each column continues after a page break as its continue.X says.  m:
 * what a measuring pass over the cells found (tbl_auto_cell), for the
 * columns whose width is auto; NULL: an auto column gets a tenth. */
tbl *rep_table_begin(rep *r, const tpl_table *tt, const tbl_opts *o,
		     int head_align, tbl_auto *m);
/* A cell with the given text and style, other fields default. */
tbl_cell rep_cell(const char *text, int style);
/* Apply the template's look for removed records to a cell. */
void rep_mark_removed(const rep *r, tbl_cell *c);

#endif
