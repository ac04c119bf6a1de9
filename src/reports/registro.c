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

void rep_registro(rep *r)
{
	const plan *p = r->p;
	const tpl *T = r->t;
	const tpl_table *tt = &T->table[PART_REGISTRO];
	if (!p->n_modifiche)
		return;
	const amendment **v =
		arena_alloc(&r->a, sizeof(*v) * (size_t)p->n_modifiche);
	for (int i = 0; i < p->n_modifiche; i++)
		v[i] = &p->modifiche[i];
	qsort(v, (size_t)p->n_modifiche, sizeof(*v), by_date);

	tbl_cell cells[TBL_MAX_COLS];
	rep_part_heading(r, PART_REGISTRO);
	tbl_opts o = rep_tbl_opts(r);
	tbl *t = rep_table_begin(r, tt, &o, LAY_CENTER);
	for (int k = 0; k < p->n_modifiche; k++) {
		const amendment *m = v[k];
		for (int i = 0; i < tt->ncols; i++) {
			const char *key = tt->cols[i].key;
			const char *text = "";
			if (!strcmp(key, "data"))
				text = rep_date(r, &m->data);
			else if (!strcmp(key, "organo"))
				text = m->organo;
			else if (!strcmp(key, "numero"))
				text = m->numero;
			else if (!strcmp(key, "tipo"))
				text = T->tipo_label[m->tipo];
			else if (!strcmp(key, "codice"))
				text = m->rec->codice;
			else if (!strcmp(key, "record"))
				text = arena_printf(&r->a, "%s: %s",
						    T->kind_label[m->rec->kind],
						    rep_rec_label(m->rec));
			else if (!strcmp(key, "nota"))
				text = m->nota;
			cells[i] = rep_cell(text, ST_BODY);
		}
		tbl_row(t, TBL_BODY, cells, tt->ncols, NULL);
	}
	tbl_end(t);
}
