/*
 * diffcmd.c - annex diff, annex amend and check --since (see diffcmd.h).
 *
 * The comparison itself is data/plandiff.c, the wording diffnote.c, the
 * file edits data/planedit.c; this file decides which rows to print or
 * write and where removed records go back.
 */
#include "diffcmd.h"
#include "build.h"
#include "output.h"
#include "../template/diffnote.h"
#include "../data/csv.h"
#include "../data/plandiff.h"
#include "../data/planedit.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* A full date given on the command line. */
static int full_date(const char *s, pdate *out)
{
	return pdate_parse(s, out) == 0 && out->d ? 0 : -1;
}

static pdate newest_amendment(const plan *p)
{
	pdate n = {0, 0, 0};
	for (int i = 0; i < p->n_modifiche; i++)
		if (pdate_cmp(&p->modifiche[i].data, &n) > 0)
			n = p->modifiche[i].data;
	return n;
}

/* The amendment of rec that already records this change: one of the
 * same deliberation (number and date), or one still pending (no number)
 * newer than the old plan's amendments; a draft run also takes any
 * amendment newer than those. */
static int recorded(const plan_rec *rec, const char *numero, const pdate *data,
		    const pdate *since)
{
	for (const amendment *m = rec ? rec->first : NULL; m; m = m->next) {
		int newer = pdate_cmp(&m->data, since) > 0;
		if (*numero && text_eq_fold(m->numero, numero) &&
		    pdate_cmp(&m->data, data) == 0)
			return 1;
		if (newer && (!*m->numero || !*numero))
			return 1;
	}
	return 0;
}

/* ---- the rows ------------------------------------------------------- */

typedef struct drow {
	const pd_change *c;
	const char *nota;
} drow;

typedef struct run {
	const diff_args *o;
	tpl *t;
	plan *p[2]; /* old, new */
	plan_diff *df;
	diag *d;
	arena a;
	pdate data;
	const char *organo, *numero, *contesto, *data_s;
	drow *rows;
	int nrows;
} run;

static void collect(run *R)
{
	pdate since = newest_amendment(R->p[0]);
	R->rows = arena_alloc(&R->a, sizeof(drow) * (size_t)(R->df->n + 1));
	buf b = BUF_INIT;
	for (int i = 0; i < R->df->n; i++) {
		const pd_change *c = &R->df->v[i];
		if (c->with_parent)
			continue;
		if (recorded(c->neu, R->numero, &R->data, &since))
			continue;
		buf_reset(&b);
		diff_nota(&b, R->t, c);
		R->rows[R->nrows++] =
			(drow){c, arena_strdup(&R->a, buf_cstr(&b))};
	}
	buf_free(&b);
}

static const char *const tipo_word[TIPO_COUNT] = {"inserito", "aggiornato",
						  "modificato", "eliminato"};

/* The seven columns of modifiche.csv for row r. */
static void row_fields(const run *R, const drow *r, const char *v[7])
{
	v[0] = r->c->codice;
	v[1] = tipo_word[diff_tipo(r->c)];
	v[2] = R->data_s;
	v[3] = R->organo;
	v[4] = R->numero;
	v[5] = R->contesto;
	v[6] = r->nota;
}

static const char *const mod_cols[7] = {
	"riferimento", "tipo", "data", "organo", "numero", "contesto", "nota"};

static void print_rows(const run *R)
{
	pe_file std; /* only its separator and line end */
	memset(&std, 0, sizeof std);
	std.t.sep = ';';
	std.eol = "\n";
	buf b = BUF_INIT;
	pe_csv_line(&b, &std, mod_cols, 7);
	for (int i = 0; i < R->nrows; i++) {
		const char *v[7];
		row_fields(R, &R->rows[i], v);
		pe_csv_line(&b, &std, v, 7);
	}
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

/* ---- --write -------------------------------------------------------- */

typedef struct writer {
	run *R;
	pe_file nf[REC_KIND_COUNT], of[REC_KIND_COUNT];
	int open[REC_KIND_COUNT];
	pe_file mod, doc;
} writer;

/* The new code of an old record's code (renamed), or the code itself. */
static const char *new_code(const run *R, const char *old)
{
	for (int i = 0; i < R->df->n; i++)
		if (R->df->v[i].kind == PD_RENAMED &&
		    !strcmp(R->df->v[i].old_codice, old))
			return R->df->v[i].codice;
	return old;
}

static int open_kind(writer *W, rec_kind k)
{
	if (W->open[k])
		return W->open[k] > 0 ? 0 : -1;
	run *R = W->R;
	const char *file = plan_files[k].file;
	int rc = pe_open(&W->nf[k], R->o->dir[1], file, 1, &R->a, R->d);
	if (rc == 0)
		rc = pe_open(&W->of[k], R->o->dir[0], file, 1, &R->a, R->d);
	W->open[k] = rc == 0 ? 1 : -1;
	return rc;
}

/* The old file's row of record r. */
static const csv_row *old_row(const pe_file *f, const plan_rec *r)
{
	int lo = 1, hi = f->t.nrows - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (f->t.rows[mid].line == r->line)
			return &f->t.rows[mid];
		if (f->t.rows[mid].line < r->line)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* Where a removed record goes back in the new file: before the next
 * record of the old plan that the new plan still has. */
static size_t put_back_at(const run *R, const pe_file *nf, const plan_rec *o)
{
	rec_kind k = o->kind;
	const char *base = (const char *)plan_record(R->p[0], k, 0);
	int i = (int)(((const char *)o - base) / (long)plan_files[k].size);
	for (int j = i + 1; j < plan_count(R->p[0], k); j++) {
		const char *c = new_code(R, plan_record(R->p[0], k, j)->codice);
		const plan_rec *n = plan_find(R->p[1], c);
		if (n && n->kind == k)
			return pe_line_off(nf, n->line);
	}
	return nf->len;
}

static int put_back(writer *W, const pd_change *c)
{
	run *R = W->R;
	rec_kind k = c->rkind;
	if (open_kind(W, k) != 0)
		return -1;
	pe_file *nf = &W->nf[k], *of = &W->of[k];
	const csv_row *orow = old_row(of, c->old);
	if (!orow)
		return -1;
	buf b = BUF_INIT;
	const csv_table *ht = nf->raw ? &nf->t : &of->t;
	const csv_row *h = &ht->rows[0];
	if (!nf->raw)
		pe_csv_line(&b, nf, (const char *const *)h->fields, h->nfields);
	const char **v =
		arena_alloc(&R->a, sizeof(char *) * (size_t)h->nfields);
	const filespec *fs = &plan_files[k];
	for (int i = 0; i < h->nfields; i++) {
		v[i] = csv_field(orow, csv_column(&of->t, h->fields[i]));
		for (int j = 0; j < fs->ncols; j++)
			if (fs->cols[j].type == C_REF &&
			    text_eq_fold(fs->cols[j].name, h->fields[i]))
				v[i] = new_code(R, v[i]);
	}
	pe_csv_line(&b, nf, v, h->nfields);
	size_t at = nf->raw ? put_back_at(R, nf, c->old) : 0;
	int rc = at == nf->len ? pe_append(nf, buf_cstr(&b), R->d)
			       : pe_edit_at(nf, at, 0, buf_cstr(&b), R->d);
	buf_free(&b);
	return rc;
}

static int append_rows(writer *W)
{
	run *R = W->R;
	pe_file *f = &W->mod;
	if (pe_open(f, R->o->dir[1], "modifiche.csv", 1, &R->a, R->d) != 0)
		return -1;
	buf b = BUF_INIT;
	int idx[7], ncols = 7;
	if (!f->raw) {
		pe_csv_line(&b, f, mod_cols, 7);
		for (int i = 0; i < 7; i++)
			idx[i] = i;
	} else {
		ncols = f->t.rows[0].nfields;
		for (int i = 0; i < 7; i++)
			idx[i] = csv_column(&f->t, mod_cols[i]);
	}
	const char **line = arena_alloc(&R->a, sizeof(char *) * (size_t)ncols);
	for (int r = 0; r < R->nrows; r++) {
		const char *v[7];
		row_fields(R, &R->rows[r], v);
		for (int i = 0; i < ncols; i++)
			line[i] = "";
		for (int i = 0; i < 7; i++)
			if (idx[i] >= 0)
				line[idx[i]] = v[i];
		pe_csv_line(&b, f, line, ncols);
	}
	int rc = pe_append(f, buf_cstr(&b), R->d);
	buf_free(&b);
	return rc;
}

/* --write and amend change CSV files in place: a plan folder, not a
 * workbook. */
static int is_folder(const char *dir, diag *d)
{
	struct stat st;
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 1;
	diag_error(d, dir, 0,
		   "is a workbook: annex writes amendments into a plan folder "
		   "of CSV files only; add the rows printed to its sheets");
	return 0;
}

static int write_all(run *R)
{
	if (!is_folder(R->o->dir[0], R->d) || !is_folder(R->o->dir[1], R->d))
		return -1;
	writer *W = xcalloc(1, sizeof *W);
	W->R = R;
	int rc = append_rows(W);
	for (int i = 0; i < R->df->n && rc == 0; i++) {
		const pd_change *c = &R->df->v[i];
		if (c->kind == PD_REMOVED && !c->neu)
			rc = put_back(W, c);
	}
	if (rc == 0 && !*R->numero) {
		rc = pe_open(&W->doc, R->o->dir[1], "documento.ini", 0, &R->a,
			     R->d);
		if (rc == 0)
			rc = pe_ini_set(&W->doc, "documento", "stato", "bozza",
					R->d);
	}
	pe_file *files[REC_KIND_COUNT + 2];
	int n = 0;
	files[n++] = &W->mod;
	files[n++] = &W->doc;
	for (int k = 0; k < REC_KIND_COUNT; k++)
		if (W->open[k] > 0)
			files[n++] = &W->nf[k];
	if (rc == 0)
		rc = pe_commit(files, n, R->d);
	for (int k = 0; k < REC_KIND_COUNT; k++)
		if (W->open[k]) {
			pe_close(&W->nf[k]);
			pe_close(&W->of[k]);
		}
	pe_close(&W->mod);
	pe_close(&W->doc);
	free(W);
	return rc;
}

/* ---- annex diff ----------------------------------------------------- */

static void today(pdate *d)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	*d = (pdate){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* Organ, number, date and context of the amendments. */
static int deliberation(run *R)
{
	const documento *doc = &R->p[1]->doc;
	R->organo = R->o->organo ? R->o->organo : doc->organo;
	R->numero = R->o->numero ? R->o->numero : "";
	R->contesto = R->o->contesto ? R->o->contesto : R->t->diff.contesto;
	if (R->o->data) {
		if (full_date(R->o->data, &R->data) != 0) {
			diag_error(R->d, NULL, 0,
				   "--data '%s' is not a date (YYYY-MM-DD)",
				   R->o->data);
			return -1;
		}
	} else if (doc->delibera_data.d) {
		R->data = doc->delibera_data;
	} else {
		today(&R->data);
	}
	R->data_s = arena_printf(&R->a, "%04d-%02d-%02d", R->data.y, R->data.m,
				 R->data.d);
	return 0;
}

static int run_diff(run *R)
{
	R->t = doc_load_template(R->o->tpl_path, R->d);
	for (int i = 0; i < 2; i++)
		R->p[i] = plan_load(R->o->dir[i], R->d);
	if (!R->t || !R->p[0] || !R->p[1] || R->d->errors)
		return 1;
	if (deliberation(R) != 0)
		return 1;
	R->df = plan_diff_compute(R->p[0], R->p[1]);
	collect(R);
	if (R->nrows && !R->o->write)
		print_rows(R);
	if (R->o->pdf) {
		build_opts bo = {.epoch = R->o->epoch,
				 .version = R->o->version,
				 .old = R->p[0]};
		if (out_check(R->p[1], R->t, R->o->pdf, 0, R->d) != 0 ||
		    out_check(R->p[0], R->t, R->o->pdf, 0, R->d) != 0 ||
		    doc_build(R->p[1], R->t, R->o->pdf, &bo, R->d) != 0)
			return 1;
	}
	if (R->o->write && R->nrows) {
		print_rows(R);
		if (write_all(R) != 0)
			return 1;
	}
	return R->nrows ? 3 : 0;
}

int diffcmd_diff(const diff_args *a, diag *d)
{
	run R;
	memset(&R, 0, sizeof R);
	R.o = a;
	R.d = d;
	arena_init(&R.a, 16 * 1024);
	int rc = run_diff(&R);
	plan_diff_free(R.df);
	plan_free(R.p[0]);
	plan_free(R.p[1]);
	tpl_free(R.t);
	arena_free(&R.a);
	return rc;
}

/* ---- annex amend ---------------------------------------------------- */

/* Give the pending rows of f (modifiche.csv) number n, date dt and, if
 * given, organ org.  Returns how many, or -1. */
static int number_rows(pe_file *f, const char *n, const char *dt,
		       const char *org, arena *a, diag *d)
{
	int inum = csv_column(&f->t, "numero"),
	    idat = csv_column(&f->t, "data");
	int iorg = csv_column(&f->t, "organo"),
	    iref = csv_column(&f->t, "riferimento");
	int ncols = f->t.nrows ? f->t.rows[0].nfields : 0;
	if (inum < 0 || idat < 0 || iref < 0)
		return 0; /* plan_load has reported the missing column */
	int count = 0;
	for (int r = 1; r < f->t.nrows; r++) {
		const csv_row *row = &f->t.rows[r];
		if (*csv_field(row, inum) || !*csv_field(row, iref))
			continue;
		int nf = row->nfields > ncols ? row->nfields : ncols;
		const char **v = arena_alloc(a, sizeof(char *) * (size_t)nf);
		for (int i = 0; i < nf; i++)
			v[i] = csv_field(row, i);
		v[inum] = n;
		v[idat] = dt;
		if (org && iorg >= 0)
			v[iorg] = org;
		buf b = BUF_INIT;
		pe_csv_line(&b, f, v, nf);
		size_t off, len;
		pe_row_range(f, r, &off, &len);
		/* Keep a last line without its line end as it was. */
		if (off + len == f->len && f->len &&
		    f->raw[f->len - 1] != '\n' && f->raw[f->len - 1] != '\r')
			b.data[b.len -= strlen(f->eol)] = '\0';
		int rc = pe_edit_at(f, off, len, buf_cstr(&b), d);
		buf_free(&b);
		if (rc != 0)
			return -1;
		count++;
	}
	return count;
}

int diffcmd_amend(const diff_args *o, diag *d)
{
	pdate dt;
	if (full_date(o->data, &dt) != 0) {
		diag_error(d, NULL, 0, "--data '%s' is not a date (YYYY-MM-DD)",
			   o->data);
		return 1;
	}
	arena a;
	arena_init(&a, 16 * 1024);
	const char *ds = arena_printf(&a, "%04d-%02d-%02d", dt.y, dt.m, dt.d);
	int errors = d->errors;
	plan *p = plan_load(o->dir[0], d);
	pe_file mod, doc;
	memset(&mod, 0, sizeof mod);
	memset(&doc, 0, sizeof doc);
	int n = -1;
	if (p && is_folder(o->dir[0], d) &&
	    pe_open(&mod, o->dir[0], "modifiche.csv", 1, &a, d) == 0 &&
	    pe_open(&doc, o->dir[0], "documento.ini", 0, &a, d) == 0)
		n = number_rows(&mod, o->numero, ds, o->organo, &a, d);
	int rc = n < 0 ? -1 : pe_ini_set(&doc, "documento", "stato", NULL, d);
	if (rc == 0 && !*p->doc.delibera_numero)
		rc = pe_ini_set(&doc, "documento", "delibera_numero", o->numero,
				d) |
		     pe_ini_set(&doc, "documento", "delibera_data", ds, d);
	pe_file *files[2] = {&mod, &doc};
	if (rc == 0)
		rc = pe_commit(files, 2, d);
	if (rc == 0)
		printf("%d pending amendment%s of %s: n. %s del %s\n", n,
		       n == 1 ? "" : "s", o->dir[0], o->numero, ds);
	pe_close(&mod);
	pe_close(&doc);
	plan_free(p);
	arena_free(&a);
	return rc == 0 && d->errors == errors ? 0 : 1;
}

/* ---- annex check --since -------------------------------------------- */

int diff_check_since(const char *old_dir, const plan *neu, const tpl *t,
		     diag *d)
{
	plan *old = plan_load(old_dir, d);
	if (!old)
		return -1;
	plan_diff *df = plan_diff_compute(old, neu);
	pdate since = newest_amendment(old);
	char when[32] = "";
	if (since.y)
		snprintf(when, sizeof when, " after %04d-%02d-%02d", since.y,
			 since.m ? since.m : 1, since.d ? since.d : 1);
	int warned = 0;
	buf b = BUF_INIT;
	for (int i = 0; i < df->n; i++) {
		const pd_change *c = &df->v[i];
		if (c->with_parent)
			continue;
		int covered = 0;
		for (const amendment *m = c->neu ? c->neu->first : NULL; m;
		     m = m->next)
			covered |= pdate_cmp(&m->data, &since) > 0;
		if (covered)
			continue;
		buf_reset(&b);
		diff_nota(&b, t, c);
		warned++;
		if (!c->neu)
			diag_warning(d, c->old->file, c->old->line,
				     "'%s' is no longer in %s: keep it there "
				     "with an 'eliminato' amendment (annex "
				     "diff --write does both)",
				     c->codice, neu->dir);
		else
			diag_warning(d, c->neu->file, c->neu->line,
				     "'%s' %s since %s%s%s%s but has no "
				     "amendment%s in modifiche.csv",
				     c->codice,
				     c->kind == PD_INSERTED ? "is new"
				     : c->kind == PD_REMOVED
					     ? "is marked eliminato"
					     : "changed",
				     old->dir, b.len ? " (" : "", buf_cstr(&b),
				     b.len ? ")" : "", when);
	}
	buf_free(&b);
	plan_diff_free(df);
	plan_free(old);
	return warned;
}
