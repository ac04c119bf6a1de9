/* common.c - helpers shared by the reports (see report.h). */
#include "report.h"
#include "../data/itnum.h"
#include "../template/phrase.h"

#include <stddef.h>
#include <string.h>

static const char *copy_tmp(rep *r)
{
	return arena_strndup(&r->a, buf_cstr(&r->tmp), r->tmp.len);
}

const char *rep_date(rep *r, const pdate *d)
{
	buf_reset(&r->tmp);
	phrase_date(&r->tmp, d, r->t->months.v, 0);
	return copy_tmp(r);
}

const char *rep_organ(const rep *r, const char *typed)
{
	const char *name = tpl_organ_name(r->t, typed);
	return name ? name : typed;
}

const char *rep_number(const rep *r, const char *numero)
{
	return *numero || !r->p->doc.bozza ? numero : r->t->g.draft_number;
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

/* A placeholder that is a field of a struct: text, a date or a year
 * (printed when not 0). */
typedef enum { F_TEXT, F_DATE, F_YEAR } field_kind;
typedef struct field {
	const char *name;
	size_t off;
	field_kind kind;
} field;

/* Expand placeholder name from the fields of base; 0 if none is name. */
static int field_lookup(const rep *r, const field *f, const void *base,
			const char *name, const char *fmt, buf *out)
{
	for (; f->name && strcmp(f->name, name); f++)
		;
	if (!f->name)
		return 0;
	const char *p = (const char *)base + f->off;
	if (f->kind == F_DATE)
		phrase_date(out, (const pdate *)(const void *)p, r->t->months.v,
			    !strcmp(fmt, "num"));
	else if (f->kind == F_YEAR && *(const int *)(const void *)p)
		buf_printf(out, "%d", *(const int *)(const void *)p);
	else if (f->kind == F_TEXT)
		buf_puts(out, *(const char *const *)(const void *)p);
	return 1;
}

/* The placeholders of documento.ini (template.h, tpl_doc_names). */
static const field doc_fields[] = {
	{"ente", offsetof(documento, ente), F_TEXT},
	{"titolo", offsetof(documento, titolo), F_TEXT},
	{"allegato", offsetof(documento, allegato), F_TEXT},
	{"organo", offsetof(documento, organo), F_TEXT},
	{"delibera_numero", offsetof(documento, delibera_numero), F_TEXT},
	{"delibera_data", offsetof(documento, delibera_data), F_DATE},
	{"anno", offsetof(documento, anno), F_YEAR},
	{NULL, 0, F_TEXT},
};

static int doc_lookup(void *ctx, const char *name, const char *fmt, buf *out)
{
	const rep *r = ctx;
	const documento *d = &r->p->doc;
	if (!strcmp(name, "organo"))
		buf_puts(out, rep_organ(r, d->organo));
	else if (!strcmp(name, "delibera_numero"))
		buf_puts(out, rep_number(r, d->delibera_numero));
	else if (!strcmp(name, "bozza")) {
		if (d->bozza)
			buf_puts(out, r->t->g.draft_header);
	} else if (!strcmp(name, "anno_successivo")) {
		if (d->anno)
			buf_printf(out, "%d", d->anno + 1);
	} else
		return field_lookup(r, doc_fields, d, name, fmt, out);
	return 1;
}

const char *rep_doc_text(rep *r, const char *pattern)
{
	buf_reset(&r->tmp);
	phrase_expand(&r->tmp, pattern, doc_lookup, r);
	return copy_tmp(r);
}

typedef struct amend_ctx {
	const rep *r;
	const amendment *m;
} amend_ctx;

static const char *const tipo_words[TIPO_COUNT] = {"inserito", "aggiornato",
						   "modificato", "eliminato"};

/* The placeholders of an amendment phrase, but {tipo}. */
static const field amend_fields[] = {
	{"contesto", offsetof(amendment, contesto), F_TEXT},
	{"organo", offsetof(amendment, organo), F_TEXT},
	{"numero", offsetof(amendment, numero), F_TEXT},
	{"data", offsetof(amendment, data), F_DATE},
	{NULL, 0, F_TEXT},
};

static int amend_lookup(void *ctx, const char *name, const char *fmt, buf *out)
{
	amend_ctx *c = ctx;
	if (!strcmp(name, "tipo"))
		buf_puts(out, tipo_words[c->m->tipo]);
	else if (!strcmp(name, "organo"))
		buf_puts(out, rep_organ(c->r, c->m->organo));
	else if (!strcmp(name, "numero"))
		buf_puts(out, rep_number(c->r, c->m->numero));
	else
		return field_lookup(c->r, amend_fields, c->m, name, fmt, out);
	return 1;
}

static void notes_push(rep *r, rep_notes *n, const char *text)
{
	if (n->n == n->cap) {
		int cap = n->cap ? n->cap * 2 : 4;
		const char **v =
			arena_alloc(&r->a, sizeof(char *) * (size_t)cap);
		if (n->n)
			memcpy(v, n->v, sizeof(char *) * (size_t)n->n);
		n->v = v;
		n->cap = cap;
	}
	n->v[n->n++] = text;
}

/* Append one amendment's phrase to out. */
static void amendment_text(rep *r, const amendment *m, buf *out,
			   rep_notes *notes)
{
	amend_ctx c = {r, m};
	phrase_expand(out, r->t->phrase[m->tipo], amend_lookup, &c);
	if (!*m->nota)
		return;
	if (r->t->footnotes == FOOTNOTES_INLINE) {
		buf_printf(out, " (%s)", m->nota);
		return;
	}
	int n = ++r->note_no;
	buf_printf(out, " (%d)", n);
	const char *fn = arena_printf(&r->a, "(%d) %s", n, m->nota);
	if (r->t->footnotes == FOOTNOTES_PART)
		notes_push(r, &r->part_notes, fn);
	else
		notes_push(r, notes, fn);
}

void rep_free(rep *r)
{
	arena_free(&r->a);
	buf_free(&r->tmp);
	buf_free(&r->amend);
}

const char *rep_amendments(rep *r, const plan_rec *rec, const char *prefix,
			   rep_notes *notes)
{
	if (!rec->first)
		return "";
	/* In r->amend, reused: a buffer made and freed per record cost a
	 * malloc and, as the heap's top came and went, page faults. */
	buf *all = &r->amend;
	buf_reset(all);
	for (const amendment *m = rec->first; m; m = m->next) {
		if (m != rec->first)
			buf_puts(all, r->t->note_sep);
		if (prefix)
			buf_puts(all, prefix);
		amendment_text(r, m, all, notes);
	}
	return arena_strndup(&r->a, buf_cstr(all), all->len);
}

void rep_cell_notes(rep *r, tbl_cell *c, rep_notes *notes)
{
	(void)r;
	c->notes = notes->v;
	c->nnotes = notes->n;
	notes->v = NULL;
	notes->n = notes->cap = 0;
}

void rep_part_notes(rep *r)
{
	if (!r->part_notes.n)
		return;
	lay_flow_space(r->flow, r->t->styles[ST_NOTE].size);
	lay_flow_block(r->flow, LAY_S_H3, ST_HEADER, LAY_LEFT,
		       r->t->notes_title, 1, -1, NULL);
	for (int i = 0; i < r->part_notes.n; i++)
		lay_flow_paragraph(r->flow, ST_NOTE, LAY_LEFT,
				   r->part_notes.v[i], 0, -1, NULL);
	r->part_notes.n = 0;
}

/* Where each kind of record keeps its main text; every record starts with
 * its plan_rec. */
static const size_t label_off[REC_KIND_COUNT] = {
	[REC_MISSIONE] = offsetof(missione, denominazione),
	[REC_PROSPETTIVA] = offsetof(prospettiva, denominazione),
	[REC_OBIETTIVO] = offsetof(obiettivo, titolo),
	[REC_IND_STRAT] = offsetof(ind_strat, descrizione),
	[REC_PROGRAMMA] = offsetof(programma, titolo),
	[REC_OB_OPER] = offsetof(ob_oper, descrizione),
	[REC_IND_OPER] = offsetof(ind_oper, descrizione),
};

const char *rep_rec_label(const plan_rec *rec)
{
	if ((unsigned)rec->kind >= REC_KIND_COUNT)
		return "";
	const char *base = (const char *)rec;
	return *(const char *const *)(const void *)(base +
						    label_off[rec->kind]);
}

rep_groups rep_group(rep *r, const void *parents, size_t psize, int np,
		     const void *children, size_t csize, int nc,
		     size_t parent_off)
{
	rep_groups g;
	int *last = arena_alloc(&r->a, sizeof(int) * (size_t)(np + 1));
	g.first = arena_alloc(&r->a, sizeof(int) * (size_t)(np + 1));
	g.next = arena_alloc(&r->a, sizeof(int) * (size_t)(nc + 1));
	for (int i = 0; i < np; i++)
		g.first[i] = last[i] = -1;
	for (int j = 0; j < nc; j++) {
		const char *child = (const char *)children + csize * (size_t)j;
		const char *parent;
		memcpy(&parent, child + parent_off, sizeof parent);
		g.next[j] = -1;
		if (!parent)
			continue;
		int i = (int)((size_t)(parent - (const char *)parents) / psize);
		if (last[i] < 0)
			g.first[i] = j;
		else
			g.next[last[i]] = j;
		last[i] = j;
	}
	return g;
}

const char *rep_amount(rep *r, const char *s)
{
	/* One number (data/itnum.h) reprinted with its decimals: "2002800"
	 * -> "2.002.800", "1670000,00" -> "1.670.000,00"; else as written. */
	itnum num;
	char out[64];
	if (itnum_parse(s, &num) != 0 || num.percent || num.decimals > 6)
		return s;
	number_format(num.value, num.decimals, out, sizeof out);
	return *out ? arena_strdup(&r->a, out) : s;
}

const char *rep_expand(rep *r, const char *pattern, const char *const *names,
		       const char *const *v)
{
	phrase_vals x = {names, v};
	buf_reset(&r->tmp);
	phrase_expand(&r->tmp, pattern, phrase_lookup_vals, &x);
	return arena_strdup(&r->a, buf_cstr(&r->tmp));
}

float rep_col_width(const tpl_column *c)
{
	return c->width < 0 ? 10 : c->width;
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
	o.note_style = ST_NOTE;
	o.orphans = r->t->orphans;
	o.widows = r->t->widows;
	for (int i = 0; i < TBL_LEVELS; i++)
		o.mark_level[i] = -1;
	o.mark_body = -1;
	return o;
}

void rep_part_heading(rep *r, const char *title)
{
	if (r->part_no > 0 && r->t->new_page_of[r->t->parts[r->part_no]])
		lay_flow_new_page(r->flow);
	lay_flow_space(r->flow, r->t->part_gap);
	lay_flow_block(r->flow, LAY_S_H2, ST_PART, LAY_LEFT,
		       rep_doc_text(r, title), 1, 0, NULL);
	lay_flow_space(r->flow, r->t->styles[ST_PART].size * 0.4f);
}

/* Auto widths from what m measured; the headings' words are never broken
 * either. */
static void auto_widths(rep *r, const tpl_table *tt, tbl_col *cols, int n,
			tbl_auto *m)
{
	const lay_style *st = &r->t->styles[ST_HEADER];
	lay_font *f = r->flow->fonts[st->font];
	for (int i = 0; i < n; i++) {
		float hw = lay_min_width(f, st->size, tt->cols[i].heading);
		if (hw > m->min[i])
			m->min[i] = hw;
	}
	tbl_auto_widths(m, cols, n, lay_flow_width(r->flow), r->t->pad_x);
}

tbl *rep_table_begin(rep *r, const tpl_table *tt, const tbl_opts *o,
		     int head_align, tbl_auto *m)
{
	tbl_col cols[TBL_MAX_COLS];
	tbl_cell head[TBL_MAX_COLS];
	tbl_opts oc = *o;
	int n = tt->ncols < TBL_MAX_COLS ? tt->ncols : TBL_MAX_COLS;
	int any_auto = 0;
	for (int i = 0; i < n; i++) {
		cols[i].rel = tt->cols[i].width;
		cols[i].align = tt->cols[i].align;
		head[i] = rep_cell(tt->cols[i].heading, ST_HEADER);
		head[i].fill = r->t->header_fill;
		head[i].align = head_align;
		oc.cont[i] = (tbl_cont)tt->cols[i].cont;
		any_auto |= cols[i].rel < 0;
		if (!m)
			cols[i].rel = rep_col_width(&tt->cols[i]);
	}
	if (any_auto && m)
		auto_widths(r, tt, cols, n, m);
	tbl *t = tbl_begin(r->flow, cols, n, &oc);
	tbl_row(t, TBL_HEADER, head, n, NULL);
	return t;
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
