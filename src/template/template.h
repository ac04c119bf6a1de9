/*
 * template.h - the look of a document, read from templates/NAME.ini.
 *
 * A template says which parts a document has and in which order, the page,
 * fonts, text styles, colours, the running header and footer, each table's
 * columns (which, in which order, headings, relative widths, alignment)
 * and every word the PDF prints that does not come from the plan (titles,
 * headings, amendment phrases, month names).  Every key has a default, so
 * a template only states what it changes; unknown keys are warned about
 * with a "did you mean", bad values are errors naming file and line.
 */
#ifndef ANNEX_TEMPLATE_H
#define ANNEX_TEMPLATE_H

#include "keys.h"
#include "../data/plan.h"
#include "../layout/page.h"
#include "../util/arena.h"
#include "../util/diag.h"

#include <stdio.h>

/* Text styles, indexes into tpl.styles (and the flow's style table). */
enum {
	ST_TITLE,   /* document title on the first page */
	ST_PART,    /* part heading ("CRUSCOTTO STRATEGICO") */
	ST_BAND,    /* perspective / mission band */
	ST_GROUP,   /* strategic objective row */
	ST_HEADER,  /* table header cells */
	ST_BODY,    /* table cells */
	ST_NOTE,    /* amendment notes and footnotes */
	ST_RUNNING, /* running header and footer */
	ST_COUNT
};

enum { FONT_REGULAR, FONT_BOLD, FONT_ITALIC, FONT_COUNT };

/* Parts a document can contain. */
typedef enum {
	PART_CRUSCOTTO,
	PART_MAPPA,
	PART_REGISTRO,
	PART_RELAZIONE,
	PART_COUNT
} tpl_part;

/* Values of tpl.removed and tpl.footnotes. */
enum { REMOVED_STRIKE, REMOVED_GREY, REMOVED_HIDE };
enum { FOOTNOTES_PAGE, FOOTNOTES_PART, FOOTNOTES_INLINE };

/*
 * The Relazione sulla performance (sections [relazione], [esiti],
 * [summary], [detail], [not_evaluable]; the rows of rel_keys in
 * template.c, used by reports/relazione.c).  Arrays
 * indexed by verdict follow esito (non valutabile, non raggiunto,
 * parzialmente raggiunto, raggiunto); by reason and level they follow
 * ev_reason and ev_level of data/eval.h (relazione.c checks the sizes).
 */
#define TPL_REL_REASONS 13
#define TPL_REL_LEVELS	7
typedef struct tpl_relazione {
	float full, partial;	 /* verdict thresholds, percent (100, 60) */
	int allow_over;		 /* degrees above 100% are reported */
	int grace_days;		 /* tolerance on deadlines, days */
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
	const char *criteria;	     /* rules: {pieno} {parziale} {quota}
					{tetto} {tolleranza} */
	const char *strategic;	     /* detail: strategic indicators band */
	const char *value_ratio;     /* {rapporto} {valore} {precedente}
					{anno_precedente} */
	const char *value_relative;  /* {valore} {precedente}
					{anno_precedente} */
	const char *interim;	     /* {data} {valore} */
	uint32_t programme_fill, ob_oper_fill, notice_fill;
	uint32_t bar_track;		   /* background of the bar cells */
	tpl_table summary, detail, nvlist; /* titles and columns */
} tpl_relazione;

/*
 * The wording of the amendments annex diff derives ([diff]; the rows of
 * diff_keys in template.c, used by document/diffnote.c).  Each column of
 * the plan (tpl_diff_cols) has one phrase, col[i]: a long text says that
 * it changed ("Descrizione modificata"), a parent says where the record
 * moved ("Spostato dal programma {prima} al {dopo}"), any other column
 * gives its label ({campo}) to the phrases changed, set and cleared.
 */
typedef enum { TPL_DIFF_LABEL, TPL_DIFF_TEXT, TPL_DIFF_MOVED } tpl_diff_kind;
#define TPL_DIFF_COLS 17
typedef struct tpl_diff_col {
	const char *column; /* as in the plan's CSV files */
	tpl_diff_kind kind;
} tpl_diff_col;
extern const tpl_diff_col tpl_diff_cols[TPL_DIFF_COLS];
typedef struct tpl_diff {
	const char *changed;		/* {campo} {prima} {dopo} */
	const char *set;		/* {campo} {dopo}: was empty */
	const char *cleared;		/* {campo} {prima}: now empty */
	const char *target;		/* {campo} of a yearly target: {anno} */
	const char *renamed;		/* {prima} {dopo} */
	const char *children;		/* {codici}: removed with the record */
	const char *separator;		/* between two phrases of one nota */
	const char *contesto;		/* default contesto of the amendments */
	const char *col[TPL_DIFF_COLS]; /* the phrase of each column */
} tpl_diff;

typedef struct tpl {
	arena a;
	const char *path; /* as given */
	const char *name; /* file name without .ini: the default output */
	const char *dir;  /* folder of fonts etc.: the template's parent */

	tpl_part *parts; /* [document] parts, in order */
	int nparts;
	tpl_list part_list; /* as written */
	int page_size;	    /* 0 A4, 1 A3 */
	int orientation;    /* 0 landscape, 1 portrait */
	lay_geometry geo;
	const char *font_path[FONT_COUNT];
	lay_style styles[ST_COUNT];
	int compress;
	int pdfa;	      /* 0 none, 1 PDF/A-2u */
	const char *icc_path; /* PDF/A-2u output intent; NULL: plain PDF */

	uint32_t band_fill[2]; /* perspective, mission */
	uint32_t group_fill, header_fill, removed_color;
	uint32_t border_color;
	float border_width, pad_x, pad_y;
	float part_gap; /* space before a part heading, points */

	const char *title; /* first-page title, placeholders allowed */
	const char *subtitle;
	const char *header[3]; /* left, center, right */
	const char *footer[3];

	tpl_table table[PART_COUNT];
	const char *phrase[TIPO_COUNT];
	const char *note_sep;	 /* between amendment phrases in a cell */
	int removed;		 /* REMOVED_STRIKE ... */
	int footnotes;		 /* FOOTNOTES_PAGE ... */
	const char *notes_title; /* heading of end-of-part notes */
	const char *kind_label[REC_KIND_COUNT]; /* "Obiettivo operativo" */
	const char *tipo_label[TIPO_COUNT];	/* register's Tipo column */
	const char *keywords;
	const char *segue;
	int span_repeat;      /* row-span continuation: 1 repeat, 0 continue */
	tpl_list months;      /* 12 names */
	const char *yes_mark; /* Albero / Produttività mark */
	const char *band_format[2]; /* "{codice} {denominazione}" */
	const char *group_format;   /* "{codice}. {titolo}" */
	tpl_relazione rel;	    /* the Relazione sulla performance */
	tpl_diff diff;		    /* annex diff's notes */
} tpl;

/* Load the template at path.  Returns NULL after reporting errors. */
tpl *tpl_load(const char *path, diag *d);
void tpl_free(tpl *t);

/* Every key a template may set, as `annex template-keys` prints it: one
 * entry per key with type, default and help (markdown: a Markdown table,
 * the README's template reference). */
void tpl_print_keys(FILE *out, int markdown);

#endif
