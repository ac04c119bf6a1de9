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

/*
 * A part of a document (cruscotto, mappa, ...) as the template sees it:
 * its name in `[document] parts` and the rows of its keys, which fill a
 * struct of conf_size bytes that only the part knows.  The parts live in
 * reports/ (above this folder), which hands their list to tpl_load(): the
 * template reads every listed part's keys, whether the document prints
 * the part or not, so that they are checked and known.
 */
typedef struct tpl_partdef {
	const char *name;
	const tpl_key *keys;
	int nkeys;
	size_t conf_size;
	/* Checks across the part's keys once they are read (optional);
	 * errors through tk_bad or diag. */
	void (*finish)(tk_reader *R, void *conf);
} tpl_partdef;

/* Values of tpl.removed and tpl.footnotes. */
enum { REMOVED_STRIKE, REMOVED_GREY, REMOVED_HIDE };
enum { FOOTNOTES_PAGE, FOOTNOTES_PART, FOOTNOTES_INLINE };

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

/* An organ that deliberates amendments: the name the PDF prints and the
 * spellings people type for it (folded, the name included). */
#define TPL_MAX_ORGANS	32
#define TPL_MAX_ALIASES 16
typedef struct tpl_organ {
	const char *key;  /* [text] organo.<key> */
	const char *name; /* canonical, printed */
	const char *alias[TPL_MAX_ALIASES];
	int nalias;
} tpl_organ;

typedef enum { LOGO_HEADER_LEFT, LOGO_HEADER_RIGHT, LOGO_TITLE } tpl_logo_pos;
enum { TPL_PDFA_NONE, TPL_PDFA_2U, TPL_PDFA_2A };

/* Letterhead, draft marks, cover and organs ([document] logo*, [draft],
 * [cover], [text] organo.*). */
typedef struct tpl_giunta {
	const char *logo; /* resolved path of a PNG or JPEG, NULL for none */
	int logo_line;	  /* of the key, for messages */
	float logo_height;
	int logo_pos;		  /* tpl_logo_pos */
	const char *logo_alt;	  /* its alternate text (a phrase) */
	const char *draft_mark;	  /* "BOZZA" across every page */
	uint32_t draft_color;	  /* light grey, drawn under the content */
	const char *draft_header; /* {bozza} in running header or footer */
	const char *draft_number; /* an amendment's missing number: "____" */
	int cover;		  /* a cover page before the title */
	const char *cover_line[4];
	const char *organ_def[4]; /* organo.giunta ... as read */
	tpl_organ organs[TPL_MAX_ORGANS];
	int norgans;
} tpl_giunta;

typedef struct tpl {
	arena a;
	const char *path; /* as given */
	const char *name; /* file name without .ini: the default output */
	const char *dir;  /* folder of fonts etc.: the template's parent */

	/* The parts the template knows (NULL-terminated, from tpl_load),
	 * what each one's keys say, and the document's parts in order
	 * (indexes into defs). */
	const tpl_partdef *const *defs;
	void **conf;
	int *parts;
	int nparts;
	tpl_list part_list; /* [document] parts as written */
	int page_size;	    /* 0 A4, 1 A3 */
	int orientation;    /* 0 landscape, 1 portrait */
	lay_geometry geo;
	const char *font_path[FONT_COUNT];
	lay_style styles[ST_COUNT];
	int compress;
	int pdfa;	      /* TPL_PDFA_*: none, 2u, 2a */
	int ua;		      /* PDF/UA-1 */
	const char *lang;     /* /Lang, "it-IT" */
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

	const char *phrase[TIPO_COUNT];
	const char *note_sep;	 /* between amendment phrases in a cell */
	int removed;		 /* REMOVED_STRIKE ... */
	int footnotes;		 /* FOOTNOTES_PAGE ... */
	const char *notes_title; /* heading of end-of-part notes */
	const char *kind_label[REC_KIND_COUNT]; /* "Obiettivo operativo" */
	const char *tipo_label[TIPO_COUNT];	/* register's Tipo column */
	const char *keywords;
	const char *segue;
	int span_repeat;       /* row-span continuation: 1 repeat, 0 continue */
	int orphans, widows;   /* lines of a split row kept at the foot
				  and carried to the next page */
	int new_page;	       /* [document] new_page */
	int *new_page_of;      /* per def: the part starts on a new page */
	tpl_list months;       /* 12 names */
	const char *yes_mark;  /* Albero / Produttività mark */
	const char *hyphenate; /* language of the patterns, or "none" */
	const char *patterns;  /* patterns file as written, "" default */
	const char *hyph_path; /* patterns to load, NULL for none */
	lay_hyph *hyph; /* those patterns, loaded with the template (before
			   the plan: libhyphen exits when out of memory) */
	const char *band_format[2]; /* "{codice} {denominazione}" */
	const char *group_format;   /* "{codice}. {titolo}" */
	tpl_diff diff;		    /* annex diff's notes */

	tpl_giunta g;
} tpl;

/* Values and placeholders shared by key tables: the choice no/yes, and
 * the placeholders of documento.ini ({ente}, {titolo}, ...). */
extern const char *const tpl_yes_no[];
extern const char *const tpl_doc_names[];

/* Load the template at path, with the keys of the parts in defs
 * (NULL-terminated; reports/registry.c has the list of annex's parts).
 * Returns NULL after reporting errors. */
tpl *tpl_load(const char *path, const tpl_partdef *const *defs, diag *d);
void tpl_free(tpl *t);
/* What the template says for the part def (its conf struct); NULL if def
 * was not given to tpl_load. */
const void *tpl_conf(const tpl *t, const tpl_partdef *def);
/* The canonical name of an organ as typed (any case, accents, spacing),
 * or NULL when the template knows no such organ. */
const char *tpl_organ_name(const tpl *t, const char *typed);
/* The canonical name of the organ closest to typed, for a "did you mean",
 * or NULL when none is close. */
const char *tpl_organ_guess(const tpl *t, const char *typed);

/* Every key a template may set, as `annex template-keys` prints it: one
 * entry per key with type, default and help (markdown: a Markdown table,
 * the README's template reference), the document's keys then each part's
 * of defs. */
void tpl_print_keys(FILE *out, const tpl_partdef *const *defs, int markdown);

#endif
