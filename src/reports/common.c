/* common.c - helpers shared by the reports (see report.h). */
#include "report.h"
#include "../document/phrase.h"

#include <string.h>

static const char *copy_tmp(rep *r)
{
	return arena_strndup(&r->a, buf_cstr(&r->tmp), r->tmp.len);
}

const char *rep_date(rep *r, const pdate *d)
{
	buf_reset(&r->tmp);
	phrase_date(&r->tmp, d, r->t->months, 0);
	return copy_tmp(r);
}

typedef struct rec_ctx {
	const char *codice, *name;
} rec_ctx;

static int rec_lookup(void *ctx, const char *name, const char *fmt, buf *out)
{
	rec_ctx *c = ctx;
	(void)fmt;
	if (!strcmp(name, "codice"))
		buf_puts(out, c->codice);
	else if (!strcmp(name, "denominazione") || !strcmp(name, "titolo"))
		buf_puts(out, c->name);
	else
		return 0;
	return 1;
}

const char *rep_rec_text(rep *r, const char *pattern, const char *codice,
			 const char *name)
{
	rec_ctx c = {codice, name};
	buf_reset(&r->tmp);
	phrase_expand(&r->tmp, pattern, rec_lookup, &c);
	return copy_tmp(r);
}

typedef struct doc_ctx {
	const rep *r;
} doc_ctx;

static int doc_lookup(void *ctx, const char *name, const char *fmt, buf *out)
{
	const rep *r = ((doc_ctx *)ctx)->r;
	const documento *d = &r->p->doc;
	if (!strcmp(name, "ente"))
		buf_puts(out, d->ente);
	else if (!strcmp(name, "titolo"))
		buf_puts(out, d->titolo);
	else if (!strcmp(name, "allegato"))
		buf_puts(out, d->allegato);
	else if (!strcmp(name, "organo"))
		buf_puts(out, d->organo);
	else if (!strcmp(name, "delibera_numero"))
		buf_puts(out, d->delibera_numero);
	else if (!strcmp(name, "delibera_data"))
		phrase_date(out, &d->delibera_data, r->t->months,
			    !strcmp(fmt, "num"));
	else if (!strcmp(name, "anno")) {
		if (d->anno)
			buf_printf(out, "%d", d->anno);
	} else
		return 0;
	return 1;
}

const char *rep_doc_text(rep *r, const char *pattern)
{
	doc_ctx c = {r};
	buf_reset(&r->tmp);
	phrase_expand(&r->tmp, pattern, doc_lookup, &c);
	return copy_tmp(r);
}

typedef struct amend_ctx {
	const rep *r;
	const amendment *m;
} amend_ctx;

static const char *const tipo_words[TIPO_COUNT] = {
	"inserito", "aggiornato", "modificato", "eliminato"};

static int amend_lookup(void *ctx, const char *name, const char *fmt,
			buf *out)
{
	amend_ctx *c = ctx;
	const amendment *m = c->m;
	if (!strcmp(name, "contesto"))
		buf_puts(out, m->contesto);
	else if (!strcmp(name, "organo"))
		buf_puts(out, m->organo);
	else if (!strcmp(name, "numero"))
		buf_puts(out, m->numero);
	else if (!strcmp(name, "data"))
		phrase_date(out, &m->data, c->r->t->months,
			    !strcmp(fmt, "num"));
	else if (!strcmp(name, "tipo"))
		buf_puts(out, tipo_words[m->tipo]);
	else
		return 0;
	return 1;
}

const char *rep_amendment(rep *r, const amendment *m)
{
	amend_ctx c = {r, m};
	buf_reset(&r->tmp);
	phrase_expand(&r->tmp, r->t->phrase[m->tipo], amend_lookup, &c);
	if (*m->nota) {
		buf_puts(&r->tmp, " (");
		buf_puts(&r->tmp, m->nota);
		buf_puts(&r->tmp, ")");
	}
	return copy_tmp(r);
}

const char *rep_amendments(rep *r, const plan_rec *rec)
{
	if (!rec->first)
		return "";
	buf all = BUF_INIT;
	for (const amendment *m = rec->first; m; m = m->next) {
		if (m != rec->first)
			buf_puts(&all, r->t->note_sep);
		buf_puts(&all, rep_amendment(r, m));
	}
	const char *s = arena_strndup(&r->a, buf_cstr(&all), all.len);
	buf_free(&all);
	return s;
}

tbl_opts rep_tbl_opts(const rep *r)
{
	tbl_opts o;
	memset(&o, 0, sizeof o);
	o.pad_x = r->t->pad_x;
	o.pad_y = r->t->pad_y;
	o.border = r->t->border_width;
	o.border_color = r->t->border_color;
	o.span_mode = r->t->span_repeat ? TBL_SPAN_REPEAT : TBL_SPAN_CONTINUE;
	o.segue = r->t->segue;
	for (int i = 0; i < TBL_LEVELS; i++)
		o.mark_level[i] = -1;
	return o;
}

void rep_part_heading(rep *r, tpl_part part)
{
	lay_flow_space(r->flow, r->t->part_gap);
	lay_flow_paragraph(r->flow, ST_PART, LAY_LEFT, r->t->table[part].title,
			   1, 0, NULL);
	lay_flow_space(r->flow, r->t->styles[ST_PART].size * 0.4f);
}

tbl_cell rep_cell(const char *text, int style)
{
	tbl_cell c;
	memset(&c, 0, sizeof c);
	c.text = text ? text : "";
	c.style = style;
	c.align = -1;
	c.colspan = 1;
	c.rowspan = 1;
	c.fill = TBL_NOFILL;
	c.color = TBL_STYLECOLOR;
	return c;
}

void rep_mark_removed(const rep *r, tbl_cell *c)
{
	if (r->t->removed == REMOVED_STRIKE)
		c->flags |= LAY_STRIKE;
	c->color = r->t->removed_color;
}
