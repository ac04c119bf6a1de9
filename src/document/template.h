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

#include "../data/plan.h"
#include "../layout/page.h"
#include "../util/arena.h"
#include "../util/diag.h"

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

#define TPL_MAX_COLS 16

typedef struct tpl_column {
	const char *key;     /* e.g. "descrizione", "anni" */
	float width;         /* relative */
	int align;           /* LAY_LEFT ... */
	const char *heading; /* header text */
} tpl_column;

typedef struct tpl_table {
	const char *title; /* part heading */
	int ncols;
	tpl_column cols[TPL_MAX_COLS];
} tpl_table;

typedef enum { REMOVED_STRIKE, REMOVED_GREY, REMOVED_HIDE } tpl_removed;
typedef enum { FOOTNOTES_PAGE, FOOTNOTES_PART, FOOTNOTES_INLINE } tpl_footnotes;

typedef struct tpl {
	arena a;
	const char *path; /* as given */
	const char *name; /* file name without .ini: the default output */
	const char *dir;  /* folder of fonts etc.: the template's parent */

	tpl_part parts[PART_COUNT];
	int nparts;
	lay_geometry geo;
	const char *font_path[FONT_COUNT];
	lay_style styles[ST_COUNT];
	int compress;

	uint32_t band_fill[2]; /* perspective, mission */
	uint32_t group_fill, header_fill, removed_color;
	uint32_t border_color;
	float border_width, pad_x, pad_y;
	float part_gap; /* space before a part heading, points */

	const char *title;     /* first-page title, placeholders allowed */
	const char *subtitle;
	const char *header[3]; /* left, center, right */
	const char *footer[3];

	tpl_table table[PART_COUNT];
	const char *phrase[TIPO_COUNT];
	const char *note_sep;  /* between amendment phrases in a cell */
	tpl_removed removed;
	tpl_footnotes footnotes;
	const char *notes_title; /* heading of end-of-part notes */
	const char *kind_label[REC_KIND_COUNT]; /* "Obiettivo operativo" */
	const char *tipo_label[TIPO_COUNT];     /* register's Tipo column */
	const char *keywords;
	const char *segue;
	int span_repeat; /* row-span continuation: 1 repeat, 0 continue */
	const char *months[12];
	const char *yes_mark; /* Albero / Produttività mark */
	const char *band_format[2]; /* "{codice} {denominazione}" */
	const char *group_format;   /* "{codice}. {titolo}" */
} tpl;

/* Load the template at path.  Returns NULL after reporting errors. */
tpl *tpl_load(const char *path, diag *d);
void tpl_free(tpl *t);

#endif
