/* diffnote.c - wording of plan changes (see diffnote.h). */
#include "diffnote.h"
#include "phrase.h"

#include <string.h>

typedef struct vals {
	const char *campo, *prima, *dopo, *codici;
	int anno;
} vals;

static int lookup(void *ctx, const char *name, const char *fmt, buf *out)
{
	const vals *v = ctx;
	(void)fmt;
	if (!strcmp(name, "anno")) {
		if (v->anno)
			buf_printf(out, "%d", v->anno);
		return 1;
	}
	const char *s = !strcmp(name, "campo")	  ? v->campo
			: !strcmp(name, "prima")  ? v->prima
			: !strcmp(name, "dopo")	  ? v->dopo
			: !strcmp(name, "codici") ? v->codici
						  : NULL;
	if (!s)
		return 0;
	buf_puts(out, s);
	return 1;
}

mod_tipo diff_tipo(const pd_change *c)
{
	return c->kind == PD_INSERTED  ? TIPO_INSERITO
	       : c->kind == PD_REMOVED ? TIPO_ELIMINATO
				       : TIPO_AGGIORNATO;
}

/* The column's kind and phrase; 0 when the template has none. */
static int field_of(const tpl *t, const char *column, tpl_diff_kind *kind,
		    const char **phrase)
{
	for (int i = 0; i < TPL_DIFF_COLS; i++)
		if (!strcmp(tpl_diff_cols[i].column, column)) {
			*kind = tpl_diff_cols[i].kind;
			*phrase = t->diff.col[i];
			return 1;
		}
	return 0;
}

void diff_field_label(buf *out, const tpl *t, const pd_field *f)
{
	vals v = {"", "", "", "", f->year};
	if (f->year) {
		phrase_expand(out, t->diff.target, lookup, &v);
		return;
	}
	tpl_diff_kind kind;
	const char *phrase;
	if (field_of(t, f->column, &kind, &phrase) && kind == TPL_DIFF_LABEL) {
		buf_puts(out, phrase);
		return;
	}
	/* Texts and parents: the column's name, capitalised. */
	const char *lab = f->column;
	for (const char *s = lab; *s; s++)
		buf_putc(out, s == lab && *s >= 'a' && *s <= 'z'
				      ? (char)(*s - 32)
			      : *s == '_' ? ' '
					  : *s);
}

void diff_field_text(buf *out, const tpl *t, const pd_field *f)
{
	tpl_diff_kind kind = TPL_DIFF_LABEL;
	const char *phrase = NULL;
	if (!f->year)
		field_of(t, f->column, &kind, &phrase);
	vals v = {"", f->before, f->after, "", f->year};
	if (phrase && kind == TPL_DIFF_TEXT) {
		buf_puts(out, phrase);
		return;
	}
	if (phrase && kind == TPL_DIFF_MOVED) {
		phrase_expand(out, phrase, lookup, &v);
		return;
	}
	buf lab = BUF_INIT;
	diff_field_label(&lab, t, f);
	v.campo = buf_cstr(&lab);
	const char *ph = !*f->before  ? t->diff.set
			 : !*f->after ? t->diff.cleared
				      : t->diff.changed;
	phrase_expand(out, ph, lookup, &v);
	buf_free(&lab);
}

void diff_nota(buf *out, const tpl *t, const pd_change *c)
{
	const char *sep = "";
	if (c->kind == PD_RENAMED) {
		vals v = {"", c->old_codice, c->codice, "", 0};
		phrase_expand(out, t->diff.renamed, lookup, &v);
		sep = t->diff.separator;
	}
	for (int i = 0; i < c->nf; i++) {
		buf_puts(out, sep);
		diff_field_text(out, t, &c->f[i]);
		sep = t->diff.separator;
	}
	if (c->nchildren) {
		buf list = BUF_INIT;
		for (int i = 0; i < c->nchildren; i++)
			buf_printf(&list, "%s%s", i ? ", " : "",
				   c->children[i]);
		vals v = {"", "", "", buf_cstr(&list), 0};
		buf_puts(out, sep);
		phrase_expand(out, t->diff.children, lookup, &v);
		buf_free(&list);
	}
}
