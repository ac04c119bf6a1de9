/*
 * cruscotto.c - part one of All. 1.1: the cruscotto strategico.
 *
 * One table: a band per perspective and per mission, a row per strategic
 * objective that also heads the year columns ("N. Titolo | 2016 ... |
 * Owner | Note"), and a row per strategic indicator with its yearly
 * targets, owner and amendment notes.  The template chooses the columns
 * and their order; "anni" stands for one column per target_YYYY year.
 */
#include "report.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Column tags. */
enum {
	C_YEARS = 1, /* one column per target year */
	C_NOTE = 2,  /* not struck through when the record is removed */
	C_TITLE = 4  /* struck through on a removed objective's row */
};

/* One cell being filled: the objective of an objective row, or the
 * indicator of an indicator row; year is the column's year index. */
typedef struct crow {
	rep *r;
	const obiettivo *ob;
	const ind_strat *is;
	int year;
} crow;
typedef void (*crus_fill)(const crow *w, tbl_cell *c);

static void fill_descrizione(const crow *w, tbl_cell *c)
{
	if (w->is)
		c->text = w->is->descrizione;
	else
		c->text = rep_rec_text(w->r, w->r->t->group_format,
				       w->ob->r.codice, w->ob->titolo);
}

static void fill_anni(const crow *w, tbl_cell *c)
{
	if (w->is)
		c->text = w->is->target[w->year];
	else
		c->text = arena_printf(&w->r->a, "%d", w->r->p->years[w->year]);
}

/* An objective row repeats the heading ("Owner"). */
static void fill_owner(const crow *w, tbl_cell *c)
{
	if (w->is)
		c->text = w->is->owner;
}

static void fill_note(const crow *w, tbl_cell *c)
{
	const plan_rec *rec = w->is ? &w->is->r : &w->ob->r;
	if (!w->is && !rec->first)
		return; /* the heading ("Note") */
	rep_notes fn = {NULL, 0, 0};
	c->text = rep_amendments(w->r, rec, NULL, &fn);
	c->style = ST_NOTE;
	rep_cell_notes(w->r, c, &fn);
}

static const tpl_coldef columns_def[] = {
	REP_COLC("descrizione", "34", "left", "Indicatore", fill_descrizione,
		 C_TITLE, "label"),
	REP_COL("anni", "6.5", "center", "", fill_anni, C_YEARS),
	REP_COL("owner", "12", "left", "Owner", fill_owner, 0),
	REP_COLC("note", "24", "left", "Note", fill_note, C_NOTE, "none"),
	REP_COL_END,
};

typedef struct layout {
	tbl_col cols[TBL_MAX_COLS];
	const tpl_column *src[TBL_MAX_COLS]; /* template column */
	int year[TBL_MAX_COLS];		     /* year index */
	int n;
} layout;

/* The table's columns: the template's, "anni" once per year (as many as
 * the table can take). */
static void columns(rep *r, const tpl_table *tt, layout *L)
{
	L->n = 0;
	for (int i = 0; i < tt->ncols; i++) {
		const tpl_column *c = &tt->cols[i];
		int reps = c->tag & C_YEARS ? r->p->nyears : 1;
		for (int k = 0; k < reps && L->n < TBL_MAX_COLS; k++) {
			L->cols[L->n].rel = rep_col_width(c);
			L->cols[L->n].align = c->align;
			L->src[L->n] = c;
			L->year[L->n] = k;
			L->n++;
		}
	}
}

/* The cells of a row, in column order. */
static void fill_row(crow *w, const layout *L, tbl_cell *cells, int style)
{
	for (int i = 0; i < L->n; i++) {
		const tpl_column *c = L->src[i];
		cells[i] = rep_cell(w->is ? "" : c->heading, style);
		w->year = L->year[i];
		((crus_fill)c->fill)(w, &cells[i]);
	}
}

static void band(rep *r, tbl *t, const layout *L, int level,
		 const plan_rec *rec, const char *name)
{
	const char *text =
		rep_rec_text(r, r->t->band_format[level], rec->codice, name);
	rep_notes fn = {NULL, 0, 0};
	const char *notes = rep_amendments(r, rec, NULL, &fn);
	if (*notes) {
		buf b = BUF_INIT;
		buf_printf(&b, "%s\n%s", text, notes);
		text = arena_strdup(&r->a, buf_cstr(&b));
		buf_free(&b);
	}
	tbl_cell c = rep_cell(text, ST_BAND);
	c.colspan = L->n;
	c.fill = r->t->band_fill[level];
	if (plan_removed(rec))
		rep_mark_removed(r, &c);
	rep_cell_notes(r, &c, &fn);
	tbl_row(t, TBL_STICKY(level), &c, 1,
		rep_rec_text(r, r->t->band_format[level], rec->codice, name));
}

static void objective(rep *r, tbl *t, const layout *L, const obiettivo *o)
{
	tbl_cell cells[TBL_MAX_COLS];
	crow w = {r, o, NULL, 0};
	fill_row(&w, L, cells, ST_GROUP);
	for (int i = 0; i < L->n; i++) {
		cells[i].fill = r->t->group_fill;
		if (plan_removed_by(&o->r) && (L->src[i]->tag & C_TITLE))
			rep_mark_removed(r, &cells[i]);
	}
	tbl_row(t, TBL_STICKY(2), cells, L->n,
		rep_rec_text(r, r->t->group_format, o->r.codice, o->titolo));
}

static void indicator(rep *r, tbl *t, const layout *L, const ind_strat *is)
{
	tbl_cell cells[TBL_MAX_COLS];
	/* Removed directly or with its objective (mission, perspective). */
	int removed = plan_removed_by(&is->r) != NULL;
	if (removed && r->t->removed == REMOVED_HIDE)
		return;
	crow w = {r, NULL, is, 0};
	fill_row(&w, L, cells, ST_BODY);
	for (int i = 0; i < L->n; i++)
		if (removed && !(L->src[i]->tag & C_NOTE))
			rep_mark_removed(r, &cells[i]);
	tbl_row(t, TBL_BODY, cells, L->n, NULL);
}

static void *run(rep *r, const void *conf)
{
	const tpl_table *tt = conf;
	const plan *p = r->p;
	layout L;
	columns(r, tt, &L);
	rep_part_heading(r, tt->title);
	tbl_opts o = rep_tbl_opts(r);
	/* Outline: part > perspective > mission > objective; without
	 * perspectives missions come right under the part. */
	int deep = p->n_prospettive > 0;
	o.mark_level[0] = 1;
	o.mark_level[1] = 1 + deep;
	o.mark_level[2] = 2 + deep;
	for (int i = 0; i < L.n; i++)
		o.cont[i] = (tbl_cont)L.src[i]->cont;
	tbl *t = tbl_begin(r->flow, L.cols, L.n, &o);

	/* Indicators grouped by objective, objectives in file order; the
	 * band changes whenever perspective or mission does. */
	rep_groups g =
		rep_group(r, p->obiettivi, sizeof(obiettivo), p->n_obiettivi,
			  p->ind_strat, sizeof(ind_strat), p->n_ind_strat,
			  offsetof(ind_strat, obiettivo));
	int no = p->n_obiettivi;
	const prospettiva *cur_p = NULL;
	const missione *cur_m = NULL;
	for (int oi = 0; oi < no; oi++) {
		const obiettivo *ob = &p->obiettivi[oi];
		if (ob->prospettiva && ob->prospettiva != cur_p) {
			cur_p = ob->prospettiva;
			cur_m = NULL;
			band(r, t, &L, 0, &cur_p->r, cur_p->denominazione);
		}
		if (ob->missione != cur_m) {
			cur_m = ob->missione;
			band(r, t, &L, 1, &cur_m->r, cur_m->denominazione);
		}
		if (r->t->removed == REMOVED_HIDE && plan_removed_by(&ob->r))
			continue;
		objective(r, t, &L, ob);
		for (int i = g.first[oi]; i >= 0; i = g.next[i])
			indicator(r, t, &L, &p->ind_strat[i]);
	}
	tbl_end(t);
	rep_part_notes(r);
	return NULL;
}

REP_TABLE_PART(cruscotto, "CRUSCOTTO STRATEGICO", "the cruscotto", columns_def,
	       run);
