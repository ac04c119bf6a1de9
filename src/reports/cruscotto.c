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

typedef struct layout {
	tbl_col cols[TBL_MAX_COLS];
	const tpl_column *src[TBL_MAX_COLS]; /* template column */
	int year[TBL_MAX_COLS];		     /* year index, or -1 */
	int n;
} layout;

static void columns(rep *r, layout *L)
{
	const tpl_table *tt = &r->t->table[PART_CRUSCOTTO];
	L->n = 0;
	for (int i = 0; i < tt->ncols; i++) {
		const tpl_column *c = &tt->cols[i];
		int reps = strcmp(c->key, "anni") ? 1 : r->p->nyears;
		for (int k = 0; k < reps && L->n < TBL_MAX_COLS; k++) {
			L->cols[L->n].rel = c->width;
			L->cols[L->n].align = c->align;
			L->src[L->n] = c;
			L->year[L->n] =
				reps == 1 && strcmp(c->key, "anni") ? -1 : k;
			L->n++;
		}
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
	const char *title =
		rep_rec_text(r, r->t->group_format, o->r.codice, o->titolo);
	for (int i = 0; i < L->n; i++) {
		const tpl_column *c = L->src[i];
		const char *text = c->heading;
		if (L->year[i] >= 0)
			text = arena_printf(&r->a, "%d",
					    r->p->years[L->year[i]]);
		else if (!strcmp(c->key, "descrizione"))
			text = title;
		cells[i] = rep_cell(text, ST_GROUP);
		if (!strcmp(c->key, "note") && o->r.first) {
			rep_notes fn = {NULL, 0, 0};
			cells[i].text = rep_amendments(r, &o->r, NULL, &fn);
			cells[i].style = ST_NOTE;
			rep_cell_notes(r, &cells[i], &fn);
		}
		cells[i].fill = r->t->group_fill;
		if (plan_removed(&o->r) && !strcmp(c->key, "descrizione"))
			rep_mark_removed(r, &cells[i]);
	}
	tbl_row(t, TBL_STICKY(2), cells, L->n, title);
}

static void indicator(rep *r, tbl *t, const layout *L, const ind_strat *is)
{
	tbl_cell cells[TBL_MAX_COLS];
	int removed = plan_removed(&is->r);
	if (removed && r->t->removed == REMOVED_HIDE)
		return;
	for (int i = 0; i < L->n; i++) {
		const char *key = L->src[i]->key;
		const char *text = "";
		int style = ST_BODY;
		rep_notes fn = {NULL, 0, 0};
		if (L->year[i] >= 0)
			text = is->target[L->year[i]];
		else if (!strcmp(key, "descrizione"))
			text = is->descrizione;
		else if (!strcmp(key, "owner"))
			text = is->owner;
		else if (!strcmp(key, "note")) {
			text = rep_amendments(r, &is->r, NULL, &fn);
			style = ST_NOTE;
		}
		cells[i] = rep_cell(text, style);
		rep_cell_notes(r, &cells[i], &fn);
		if (removed && strcmp(key, "note"))
			rep_mark_removed(r, &cells[i]);
	}
	tbl_row(t, TBL_BODY, cells, L->n, NULL);
}

void rep_cruscotto(rep *r)
{
	const plan *p = r->p;
	layout L;
	columns(r, &L);
	rep_part_heading(r, PART_CRUSCOTTO);
	tbl_opts o = rep_tbl_opts(r);
	/* Outline: part > perspective > mission > objective; without
	 * perspectives missions come right under the part. */
	int deep = p->n_prospettive > 0;
	o.mark_level[0] = 1;
	o.mark_level[1] = 1 + deep;
	o.mark_level[2] = 2 + deep;
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
		objective(r, t, &L, ob);
		for (int i = g.first[oi]; i >= 0; i = g.next[i])
			indicator(r, t, &L, &p->ind_strat[i]);
	}
	tbl_end(t);
	rep_part_notes(r);
}
