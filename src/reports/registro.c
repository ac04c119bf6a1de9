/*
 * registro.c - the "Registro delle modifiche": every amendment of the plan
 * in date order (file order among equal dates), with the deliberation, the
 * kind of amendment, the amended record (code and text) and the note.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static int by_date(const void *a, const void *b)
{
	const amendment *x = *(const amendment *const *)a;
	const amendment *y = *(const amendment *const *)b;
	int c = pdate_cmp(&x->data, &y->data);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The text of a column for amendment m. */
typedef const char *(*reg_fill)(rep *r, const amendment *m);

static const char *fill_data(rep *r, const amendment *m)
{
	return rep_date(r, &m->data);
}

static const char *fill_organo(rep *r, const amendment *m)
{
	return rep_organ(r, m->organo);
}

static const char *fill_numero(rep *r, const amendment *m)
{
	return rep_number(r, m->numero);
}

static const char *fill_tipo(rep *r, const amendment *m)
{
	return r->t->tipo_label[m->tipo];
}

static const char *fill_codice(rep *r, const amendment *m)
{
	(void)r;
	return m->rec->codice;
}

static const char *fill_record(rep *r, const amendment *m)
{
	return arena_printf(&r->a, "%s: %s", r->t->kind_label[m->rec->kind],
			    rep_rec_label(m->rec));
}

static const char *fill_nota(rep *r, const amendment *m)
{
	(void)r;
	return m->nota;
}

static const tpl_coldef columns_def[] = {
	REP_COL("data", "auto", "left", "Data", fill_data, 0),
	REP_COL("organo", "auto", "left", "Organo", fill_organo, 0),
	REP_COL("numero", "auto", "center", "Numero", fill_numero, 0),
	REP_COL("tipo", "auto", "left", "Tipo", fill_tipo, 0),
	REP_COL("codice", "auto", "left", "Codice", fill_codice, 0),
	REP_COL("record", "auto", "left", "Elemento modificato", fill_record,
		0),
	REP_COL("nota", "auto", "left", "Nota", fill_nota, 0),
	REP_COL_END,
};

static void *run(rep *r, const void *conf)
{
	const plan *p = r->p;
	const tpl_table *tt = conf;
	if (!p->n_modifiche)
		return NULL;
	const amendment **v =
		arena_alloc(&r->a, sizeof(*v) * (size_t)p->n_modifiche);
	for (int i = 0; i < p->n_modifiche; i++)
		v[i] = &p->modifiche[i];
	qsort(v, (size_t)p->n_modifiche, sizeof(*v), by_date);

	tbl_cell cells[TBL_MAX_COLS];
	int nc = tt->ncols < TBL_MAX_COLS ? tt->ncols : TBL_MAX_COLS;
	rep_part_heading(r, tt->title);
	tbl_opts o = rep_tbl_opts(r);
	/* One pass to fit the columns to their content, one to print; the
	 * texts are made once. */
	const char **text = arena_alloc(
		&r->a, sizeof(*text) * (size_t)p->n_modifiche * (size_t)nc);
	tbl_auto m;
	memset(&m, 0, sizeof m);
	for (int k = 0; k < p->n_modifiche; k++)
		for (int i = 0; i < nc; i++) {
			text[k * nc + i] =
				((reg_fill)tt->cols[i].fill)(r, v[k]);
			tbl_auto_cell(&m, r->flow, i, text[k * nc + i],
				      ST_BODY);
		}
	tbl *t = rep_table_begin(r, tt, &o, LAY_CENTER, &m);
	for (int k = 0; k < p->n_modifiche; k++) {
		for (int i = 0; i < nc; i++)
			cells[i] = rep_cell(text[k * nc + i], ST_BODY);
		tbl_row(t, TBL_BODY, cells, nc, NULL);
	}
	tbl_end(t);
	return NULL;
}

REP_TABLE_PART(registro, "REGISTRO DELLE MODIFICHE",
	       "the register of amendments", columns_def, run);
