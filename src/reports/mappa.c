/*
 * mappa.c - part two of All. 1.1: the strategy map / operational plan.
 *
 * One table under a band per perspective and mission.  A strategic
 * objective, a programme (with its benefits and resources) and an
 * operational objective are each one cell spanning the indicator rows
 * beneath them; each indicator row has its target, the Albero and
 * Produttività marks, the structures involved and the notes.  The notes of
 * an indicator row also carry the amendments of the records whose spanning
 * cell starts on that row, each prefixed with the kind of record.
 *
 * Columns come from the template in any order: for every row we emit, in
 * column order, the cells that start on that row; the table skips the
 * columns still covered by a span.  Resources print on the programme, or
 * on each operational objective when the plan gives them there.
 */
#include "report.h"

#include <stddef.h>
#include <string.h>

typedef enum { LV_OBIETTIVO, LV_PROGRAMMA, LV_OB_OPER, LV_INDICATORE } level;

typedef struct colinfo {
	const tpl_column *c;
	level lv;
} colinfo;

typedef struct walk {
	rep *r;
	tbl *t;
	colinfo cols[TBL_MAX_COLS];
	int n;
	const char *mark; /* outline entry of the row being emitted */
	rep_groups prog, oo, ind;
	int *oo_rows;	/* rows of each operational objective */
	int *prog_rows; /* rows of each programme */
	tbl_auto *m;	/* measuring for auto widths: no row is placed */
} walk;

/* The records in force on one table row; NULL below the deepest one. */
typedef struct rowrec {
	const obiettivo *ob;
	const programma *pr;
	const ob_oper *oo;
	const ind_oper *in;
	int starts; /* deepest level whose cell starts on this row */
	int span[LV_INDICATORE + 1];
	int removed[LV_INDICATORE + 1];
} rowrec;

static void note_for(walk *w, buf *b, rep_notes *fn, const plan_rec *rec,
		     int prefixed)
{
	rep *r = w->r;
	if (!rec || !rec->first)
		return;
	const char *prefix =
		prefixed ? arena_printf(&r->a,
					"%s: ", r->t->kind_label[rec->kind])
			 : NULL;
	const char *s = rep_amendments(r, rec, prefix, fn);
	if (b->len)
		buf_puts(b, r->t->note_sep);
	buf_puts(b, s);
}

/* Column tags: the level of the record a column shows, and flags. */
enum {
	M_LEVEL = 7,	 /* mask of the level */
	M_RESOURCES = 8, /* at LV_OB_OPER when objectives have resources */
	M_NOTE = 16	 /* not struck through when the record is removed */
};

/* Fill cell c (text "", ST_BODY) of column level lv on row rr. */
typedef void (*map_fill)(walk *w, const rowrec *rr, level lv, tbl_cell *c);

static void fill_obiettivo(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)lv;
	c->text = rep_rec_text(w->r, w->r->t->group_format, rr->ob->r.codice,
			       rr->ob->titolo);
	c->style = ST_GROUP;
	c->fill = w->r->t->group_fill;
	w->mark = c->text;
}

static void fill_programma(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)w, (void)lv;
	if (rr->pr)
		c->text = rr->pr->titolo;
}

static void fill_benefici(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)w, (void)lv;
	if (rr->pr)
		c->text = rr->pr->benefici;
}

/* On the programme, or per operational objective with the programme's
 * own amount on its first row. */
static void fill_risorse(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	rep *r = w->r;
	if (lv == LV_PROGRAMMA) {
		c->text = rr->pr ? rep_amount(r, rr->pr->risorse) : "";
		return;
	}
	const char *text = rr->oo ? rep_amount(r, rr->oo->risorse) : "";
	if (rr->pr && *rr->pr->risorse && rr->starts <= LV_PROGRAMMA) {
		const char *own = rep_amount(r, rr->pr->risorse);
		text = *text ? arena_printf(&r->a, "%s\n%s", own, text) : own;
	}
	c->text = text;
}

static void fill_ob_oper(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)w, (void)lv;
	if (rr->oo)
		c->text = rr->oo->descrizione;
}

static void fill_indicatore(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)w, (void)lv;
	if (rr->in)
		c->text = rr->in->descrizione;
}

static void fill_target(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)w, (void)lv;
	if (rr->in)
		c->text = rr->in->target;
}

static void fill_albero(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)lv;
	if (rr->in && rr->in->albero)
		c->text = w->r->t->yes_mark;
}

static void fill_produttivita(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)lv;
	if (rr->in && rr->in->produttivita)
		c->text = w->r->t->yes_mark;
}

static void fill_strutture(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)w, (void)lv;
	if (rr->in)
		c->text = rr->in->strutture;
}

/* The amendments of the records whose cells start on this row. */
static void fill_note(walk *w, const rowrec *rr, level lv, tbl_cell *c)
{
	(void)lv;
	rep *r = w->r;
	rep_notes fn = {NULL, 0, 0};
	buf b = BUF_INIT;
	if (rr->starts <= LV_OBIETTIVO)
		note_for(w, &b, &fn, &rr->ob->r, 1);
	if (rr->starts <= LV_PROGRAMMA && rr->pr)
		note_for(w, &b, &fn, &rr->pr->r, 1);
	if (rr->starts <= LV_OB_OPER && rr->oo)
		note_for(w, &b, &fn, &rr->oo->r, 1);
	if (rr->in)
		note_for(w, &b, &fn, &rr->in->r, 0);
	c->text = arena_strndup(&r->a, buf_cstr(&b), b.len);
	buf_free(&b);
	c->style = ST_NOTE;
	rep_cell_notes(r, c, &fn);
}

static const tpl_coldef columns_def[] = {
	REP_COLC("obiettivo", "auto", "left", "Obiettivi strategici",
		 fill_obiettivo, LV_OBIETTIVO, "label"),
	REP_COLC("programma", "auto", "left", "Programma di intervento",
		 fill_programma, LV_PROGRAMMA, "label"),
	REP_COLC("benefici", "auto", "left", "Benefici attesi", fill_benefici,
		 LV_PROGRAMMA, "rest"),
	REP_COL("risorse", "auto", "right", "Risorse economiche", fill_risorse,
		LV_PROGRAMMA | M_RESOURCES),
	REP_COLC("ob_oper", "auto", "left", "Obiettivi operativi", fill_ob_oper,
		 LV_OB_OPER, "rest"),
	REP_COLC("indicatore", "auto", "left", "Indicatori", fill_indicatore,
		 LV_INDICATORE, "rest"),
	REP_COL("target", "auto", "center", "Target", fill_target,
		LV_INDICATORE),
	REP_COL("albero", "auto", "center", "Albero", fill_albero,
		LV_INDICATORE),
	REP_COL("produttivita", "auto", "center", "Produttività",
		fill_produttivita, LV_INDICATORE),
	REP_COL("strutture", "auto", "left", "Strutture coinvolte",
		fill_strutture, LV_INDICATORE),
	REP_COLC("note", "auto", "left", "Note", fill_note,
		 LV_INDICATORE | M_NOTE, "rest"),
	REP_COL_END,
};

static void emit_row(walk *w, const rowrec *rr, int *first_of_ob)
{
	tbl_cell cells[TBL_MAX_COLS];
	int colof[TBL_MAX_COLS];
	int nc = 0;
	w->mark = NULL;
	for (int i = 0; i < w->n; i++) {
		level lv = w->cols[i].lv;
		if ((int)lv < rr->starts)
			continue; /* covered by a span from above */
		colof[nc] = i;
		tbl_cell *c = &cells[nc++];
		*c = rep_cell("", ST_BODY);
		((map_fill)w->cols[i].c->fill)(w, rr, lv, c);
		c->rowspan = lv == LV_INDICATORE ? 1 : rr->span[lv];
		if (rr->removed[lv] && !(w->cols[i].c->tag & M_NOTE))
			rep_mark_removed(w->r, c);
	}
	if (w->m)
		for (int k = 0; k < nc; k++)
			tbl_auto_cell(w->m, w->r->flow, colof[k], cells[k].text,
				      cells[k].style);
	else
		tbl_row(w->t, TBL_BODY, cells, nc,
			*first_of_ob ? w->mark : NULL);
	*first_of_ob = 0;
}

static int hidden(const rep *r, const plan_rec *rec)
{
	return r->t->removed == REMOVED_HIDE && plan_removed_by(rec);
}

/* The rows of operational objective k (one when it has no indicator). */
static void ob_oper_rows(walk *w, rowrec *rr, int k, int *first_of_ob)
{
	const plan *p = w->r->p;
	int anyin = 0;
	for (int j = w->ind.first[k]; j >= 0; j = w->ind.next[j]) {
		const ind_oper *in = &p->ind_oper[j];
		if (hidden(w->r, &in->r))
			continue;
		anyin = 1;
		rr->in = in;
		rr->removed[LV_INDICATORE] =
			rr->removed[LV_OB_OPER] || plan_removed(&in->r);
		emit_row(w, rr, first_of_ob);
		rr->starts = LV_INDICATORE;
	}
	if (!anyin) {
		rr->in = NULL;
		rr->removed[LV_INDICATORE] = rr->removed[LV_OB_OPER];
		emit_row(w, rr, first_of_ob);
		rr->starts = LV_INDICATORE;
	}
}

/* The rows of programme pi (one when it has no operational objective). */
static void programme_rows(walk *w, rowrec *rr, int pi, int *first_of_ob)
{
	const plan *p = w->r->p;
	int anyoo = 0;
	for (int k = w->oo.first[pi]; k >= 0; k = w->oo.next[k]) {
		const ob_oper *oo = &p->ob_oper[k];
		if (hidden(w->r, &oo->r))
			continue;
		anyoo = 1;
		rr->oo = oo;
		rr->span[LV_OB_OPER] = w->oo_rows[k];
		rr->removed[LV_OB_OPER] =
			rr->removed[LV_PROGRAMMA] || plan_removed(&oo->r);
		if (rr->starts > LV_OB_OPER)
			rr->starts = LV_OB_OPER;
		ob_oper_rows(w, rr, k, first_of_ob);
	}
	if (!anyoo) {
		rr->oo = NULL;
		rr->in = NULL;
		rr->span[LV_OB_OPER] = 1;
		rr->removed[LV_OB_OPER] = rr->removed[LV_INDICATORE] =
			rr->removed[LV_PROGRAMMA];
		if (rr->starts > LV_OB_OPER)
			rr->starts = LV_OB_OPER;
		emit_row(w, rr, first_of_ob);
		rr->starts = LV_INDICATORE;
	}
}

/* The rows of a strategic objective (one when it has no programme). */
static void objective_rows(walk *w, const obiettivo *ob, int ob_rows)
{
	const plan *p = w->r->p;
	rowrec rr;
	int first_of_ob = 1;
	memset(&rr, 0, sizeof rr);
	rr.ob = ob;
	rr.starts = LV_OBIETTIVO;
	rr.span[LV_OBIETTIVO] = ob_rows;
	rr.removed[LV_OBIETTIVO] = plan_removed_by(&ob->r) != NULL;
	int oi = (int)(ob - p->obiettivi);
	int any = 0;
	for (int pi = w->prog.first[oi]; pi >= 0; pi = w->prog.next[pi]) {
		const programma *pr = &p->programmi[pi];
		if (hidden(w->r, &pr->r) || !w->prog_rows[pi])
			continue;
		any = 1;
		rr.pr = pr;
		rr.span[LV_PROGRAMMA] = w->prog_rows[pi];
		rr.removed[LV_PROGRAMMA] =
			rr.removed[LV_OBIETTIVO] || plan_removed(&pr->r);
		if (rr.starts > LV_PROGRAMMA)
			rr.starts = LV_PROGRAMMA;
		programme_rows(w, &rr, pi, &first_of_ob);
	}
	if (!any) {
		rr.pr = NULL;
		rr.oo = NULL;
		rr.in = NULL;
		for (int l = LV_PROGRAMMA; l <= LV_INDICATORE; l++) {
			rr.span[l] = 1;
			rr.removed[l] = rr.removed[LV_OBIETTIVO];
		}
		emit_row(w, &rr, &first_of_ob);
	}
}

static void band(rep *r, tbl *t, int ncols, int level, const plan_rec *rec,
		 const char *name)
{
	const char *text =
		rep_rec_text(r, r->t->band_format[level], rec->codice, name);
	tbl_cell c = rep_cell(text, ST_BAND);
	c.colspan = ncols;
	c.fill = r->t->band_fill[level];
	tbl_row(t, TBL_STICKY(level), &c, 1, text);
}

/* Every objective under its perspective and mission bands (no band when
 * measuring). */
static void walk_plan(walk *w)
{
	rep *r = w->r;
	const plan *p = r->p;
	const prospettiva *cur_p = NULL;
	const missione *cur_m = NULL;
	for (int oi = 0; oi < p->n_obiettivi; oi++) {
		const obiettivo *ob = &p->obiettivi[oi];
		if (hidden(r, &ob->r))
			continue;
		if (ob->prospettiva && ob->prospettiva != cur_p) {
			cur_p = ob->prospettiva;
			cur_m = NULL;
			if (!w->m)
				band(r, w->t, w->n, 0, &cur_p->r,
				     cur_p->denominazione);
		}
		if (ob->missione != cur_m) {
			cur_m = ob->missione;
			if (!w->m)
				band(r, w->t, w->n, 1, &cur_m->r,
				     cur_m->denominazione);
		}
		int rows = 0;
		for (int pi = w->prog.first[oi]; pi >= 0; pi = w->prog.next[pi])
			rows += w->prog_rows[pi];
		objective_rows(w, ob, rows ? rows : 1);
	}
}

/* Children of each record, in file order. */
static void group(walk *w)
{
	rep *r = w->r;
	const plan *p = r->p;
	w->prog = rep_group(r, p->obiettivi, sizeof(obiettivo), p->n_obiettivi,
			    p->programmi, sizeof(programma), p->n_programmi,
			    offsetof(programma, obiettivo));
	w->oo = rep_group(r, p->programmi, sizeof(programma), p->n_programmi,
			  p->ob_oper, sizeof(ob_oper), p->n_ob_oper,
			  offsetof(ob_oper, programma));
	w->ind = rep_group(r, p->ob_oper, sizeof(ob_oper), p->n_ob_oper,
			   p->ind_oper, sizeof(ind_oper), p->n_ind_oper,
			   offsetof(ind_oper, ob_oper));
}

/* Rows under each record, bottom up.  Returns whether any operational
 * objective has resources of its own. */
static int count_rows(walk *w)
{
	rep *r = w->r;
	const plan *p = r->p;
	w->oo_rows =
		arena_zalloc(&r->a, sizeof(int) * (size_t)(p->n_ob_oper + 1));
	w->prog_rows =
		arena_zalloc(&r->a, sizeof(int) * (size_t)(p->n_programmi + 1));
	int any_res_oo = 0;
	for (int k = 0; k < p->n_ob_oper; k++) {
		int n = 0;
		if (hidden(r, &p->ob_oper[k].r))
			continue;
		for (int j = w->ind.first[k]; j >= 0; j = w->ind.next[j])
			n += !hidden(r, &p->ind_oper[j].r);
		w->oo_rows[k] = n ? n : 1;
		if (*p->ob_oper[k].risorse)
			any_res_oo = 1;
	}
	for (int pi = 0; pi < p->n_programmi; pi++) {
		int n = 0;
		if (hidden(r, &p->programmi[pi].r))
			continue;
		for (int k = w->oo.first[pi]; k >= 0; k = w->oo.next[k])
			n += w->oo_rows[k];
		w->prog_rows[pi] = n ? n : 1;
	}
	return any_res_oo;
}

/* The template's columns; resources per operational objective when any
 * objective has its own. */
static void set_columns(walk *w, const tpl_table *tt, int any_res_oo)
{
	for (int i = 0; i < tt->ncols; i++) {
		w->cols[i].c = &tt->cols[i];
		int tag = tt->cols[i].tag;
		w->cols[i].lv = (tag & M_RESOURCES) && any_res_oo
					? LV_OB_OPER
					: (level)(tag & M_LEVEL);
	}
	w->n = tt->ncols;
}

static void *run(rep *r, const void *conf)
{
	const plan *p = r->p;
	const tpl_table *tt = conf;
	walk w;
	memset(&w, 0, sizeof w);
	w.r = r;
	group(&w);
	set_columns(&w, tt, count_rows(&w));

	rep_part_heading(r, tt->title);
	tbl_opts o = rep_tbl_opts(r);
	int deep = p->n_prospettive > 0;
	o.mark_level[0] = 1;
	o.mark_level[1] = 1 + deep;
	o.mark_body = 2 + deep;
	/* One pass to fit the columns to their content (the footnote
	 * numbers it gives out are taken back), one to print. */
	tbl_auto m;
	memset(&m, 0, sizeof m);
	int note_no = r->note_no, part_notes = r->part_notes.n;
	w.m = &m;
	walk_plan(&w);
	r->note_no = note_no;
	r->part_notes.n = part_notes;
	w.m = NULL;
	w.t = rep_table_begin(r, tt, &o, LAY_CENTER, &m);
	walk_plan(&w);
	tbl_end(w.t);
	rep_part_notes(r);
	return NULL;
}

REP_TABLE_PART(mappa, "STRATEGY MAP - PIANO OPERATIVO", "the strategy map",
	       columns_def, run);
