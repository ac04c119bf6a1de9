/*
 * table.h - tables with repeated headers, row-spans and page splitting.
 *
 * Rows are fed one at a time (a table of 100,000 rows is never held in
 * memory) and placed on the flow's pages as they come:
 *
 *   - header rows (TBL_HEADER) repeat at the top of every page the table
 *     reaches; sticky rows (TBL_STICKY(level): a perspective, a mission, an
 *     objective) repeat after the header on a continuation page, their
 *     first cell followed by the table's continuation text ("(segue)").  A
 *     sticky row ends the sticky rows of deeper levels, and is kept on the
 *     same page as the row after it.
 *   - a cell may span columns (colspan) and the rows beneath it (rowspan).
 *     A spanning cell's text flows down through all its rows; its last row
 *     grows if the text needs it.  When a page break cuts it, its text
 *     either continues on the next page (TBL_SPAN_CONTINUE) or starts again
 *     there followed by the continuation text (TBL_SPAN_REPEAT).
 *   - a row taller than the space left on the page is split across the
 *     break, line by line in every cell, rather than leaving a hole; a row
 *     is moved whole when a cell it starts would leave fewer than
 *     opts.orphans lines behind, and a cell cut carries at least
 *     opts.widows lines over (fewer are taken back from the foot).
 *
 * Each cell portion on a page is a box with its own fill and border, so a
 * cut table is closed at the foot of the page and reopened at the top of
 * the next.
 */
#ifndef ANNEX_LAYOUT_TABLE_H
#define ANNEX_LAYOUT_TABLE_H

#include "page.h"
#include "rich.h"

#define TBL_MAX_COLS 32

/* Row kinds: body rows, header rows, and sticky rows of nesting level
 * 0..TBL_LEVELS-1 (TBL_STICKY(0) is the outermost band). */
typedef int tbl_row_kind;
#define TBL_BODY	  0
#define TBL_HEADER	  1
#define TBL_LEVELS	  4
#define TBL_STICKY(level) (2 + (level))
typedef enum { TBL_SPAN_CONTINUE, TBL_SPAN_REPEAT } tbl_span_mode;

/*
 * What a cell cut by a page break shows on the next page, per column:
 *   LABEL  its label (tbl_cell.label, else its text) and the continuation
 *          text, "7. Titolo (segue)", whatever was left of it;
 *   FULL   its whole text again and the continuation text;
 *   REST   the rest of its text, or the continuation text alone when
 *          nothing is left of a spanning cell;
 *   NONE   the rest of its text, if any, with no marker;
 *   DEFAULT the table's span_mode: a spanning cell whose text is all
 *          placed repeats it (REPEAT) or shows nothing more (CONTINUE);
 *          otherwise the rest.
 * LABEL and FULL apply to any cell cut, spanning or not (a row split
 * across the break shows whose row goes on).  In a repeated sticky row,
 * REST and NONE columns are left empty.
 */
typedef enum {
	TBL_CONT_DEFAULT,
	TBL_CONT_LABEL,
	TBL_CONT_FULL,
	TBL_CONT_REST,
	TBL_CONT_NONE
} tbl_cont;

typedef struct tbl_col {
	float rel; /* relative width; scaled to the body width */
	int align; /* LAY_LEFT, LAY_CENTER, LAY_RIGHT */
} tbl_col;

typedef struct tbl_cell {
	const char *text;	  /* UTF-8; must live until lay_flow_finish */
	const char *label;	  /* TBL_CONT_LABEL: what a continuation
				     shows; NULL: the text */
	int style;		  /* lay_flow style index */
	int align;		  /* -1: the column's */
	int colspan;		  /* 0 or 1: one column */
	int rowspan;		  /* 0 or 1: this row only */
	uint32_t fill;		  /* background, TBL_NOFILL for none */
	uint32_t color;		  /* text colour, TBL_STYLECOLOR: the style's */
	unsigned flags;		  /* LAY_STRIKE */
	const char *const *notes; /* footnotes ("(3) text") set at the foot */
	int nnotes;		  /* of the page where the cell starts */
	float bar; /* > 0: a horizontal bar of this fraction (0..1] of
		      the cell's inner width, drawn under the text, one
		      line high whatever the row's height */
	uint32_t bar_color;
	lay_rich rich;	    /* spans of text in their own font, flags, colour
			       (rich.h); n == 0: all in style */
	const float *spark; /* a sparkline: nspark values in [0, 1] (NAN:
			       a gap), left to right over the inner width,
			       one line high; must live as text does */
	int nspark;
	uint32_t spark_color;
	const char *alt; /* what the bar or sparkline says, for a tagged PDF:
			    with it the graphic is a Figure in the cell,
			    without it an artifact (the text says it) */
} tbl_cell;

#define TBL_NOFILL     0xFF000000u
#define TBL_STYLECOLOR 0xFF000000u

typedef struct tbl_opts {
	float pad_x, pad_y; /* cell padding, points */
	float border;	    /* border line width, 0 = none */
	uint32_t border_color;
	tbl_span_mode span_mode;
	const char *segue;	    /* continuation text, e.g. "(segue)" */
	int note_style;		    /* style of footnotes */
	int mark_level[TBL_LEVELS]; /* outline level of sticky rows, -1 none */
	int mark_body;		    /* outline level of body rows given a
				       mark_title, -1 none */
	int orphans; /* a row split by a page break leaves at least this
			many lines of a cell at the foot (<= 0: 2) */
	int widows;  /* ... and carries at least this many of a cell to
			the next page (<= 0: 1, no limit) */
	tbl_cont cont[TBL_MAX_COLS]; /* continuation of each column */
} tbl_opts;

typedef struct tbl tbl; /* opaque; one per table being placed */

/* Start a table on flow f with ncols columns. */
tbl *tbl_begin(lay_flow *f, const tbl_col *cols, int ncols,
	       const tbl_opts *opts);
/*
 * Add a row of cells.  Cells fill the columns left to right, skipping
 * columns still covered by a spanning cell from a row above.  The cells
 * array is copied; the texts are not.  mark_title, if not NULL, overrides
 * the first cell's text as the outline title of a sticky row; a body row
 * gets an outline entry only when it has a mark_title.
 */
void tbl_row(tbl *t, tbl_row_kind kind, const tbl_cell *cells, int ncells,
	     const char *mark_title);
/* Place what is still pending and free the table. */
void tbl_end(tbl *t);

/*
 * Column widths that fit the content (width.X = auto).  Before the table
 * starts, the report passes every cell once to tbl_auto_cell(): per column
 * it keeps the minimum (the longest piece no break without hyphenation can
 * split), the natural width (the longest line) and the text's area.
 * tbl_auto_widths() then gives each auto column (tbl_col.rel < 0) a share
 * of what the fixed columns leave (a fixed rel is a percentage of the
 * width there): never below its minimum when the minimums fit, never above
 * its natural width when there is room, and otherwise in proportion to
 * the square root of its area, which keeps the table's height small (the
 * height a column needs falls as area / width).  Linear in the cells.
 */
typedef struct tbl_auto {
	float min[TBL_MAX_COLS], nat[TBL_MAX_COLS];
	double area[TBL_MAX_COLS];
} tbl_auto;

void tbl_auto_cell(tbl_auto *m, const lay_flow *f, int col, const char *text,
		   int style);
void tbl_auto_widths(const tbl_auto *m, tbl_col *cols, int ncols, float width,
		     float pad_x);

/* Column widths in points as tbl_begin computed them (for tests). */
float tbl_col_width(const tbl *t, int col);

#endif
