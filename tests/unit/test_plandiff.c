/*
 * test_plandiff.c - comparing two plan versions (data/plandiff.c).
 *
 * The pair tests/e2e/plans/diff-old and diff-new has one of every kind of
 * change (each yearly target, a text, an owner, a move between parents, a
 * weight, a flag, an insertion, a removal, a rename, a removed parent with
 * children, a record already removed in the old plan and dropped).  Each
 * change is written as one line "kind codice[<-old] field:before>after"
 * and the whole list compared with the expected one; then small cases
 * (an ambiguous rename, a plan against itself).
 */
#include "testutil.h"

#include "data/plandiff.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const kinds[] = {"ins", "del", "upd", "ren"};

static void describe(const plan_diff *d, buf *b)
{
	for (int i = 0; i < d->n; i++) {
		const pd_change *c = &d->v[i];
		buf_printf(b, "%s %s", kinds[c->kind], c->codice);
		if (strcmp(c->codice, c->old_codice))
			buf_printf(b, "<-%s", c->old_codice);
		if (c->with_parent)
			buf_printf(b, " with %s", c->with_parent->codice);
		if (c->kind == PD_REMOVED && c->neu)
			buf_puts(b, " kept");
		for (int k = 0; k < c->nchildren; k++)
			buf_printf(b, "%s%s", k ? "," : " children ",
				   c->children[k]);
		for (int k = 0; k < c->nf; k++) {
			const pd_field *f = &c->f[k];
			buf_printf(b, " %s", f->column);
			if (f->year)
				buf_printf(b, "_%d", f->year);
			buf_printf(b, ":%s>%s", f->before, f->after);
		}
		buf_putc(b, '\n');
	}
}

static plan *load(const char *dir)
{
	diag d;
	buf cap = BUF_INIT;
	diag_init(&d, NULL);
	d.capture = &cap;
	plan *p = plan_load(dir, &d);
	if (!p)
		fail_msg("%s: %s", dir, buf_cstr(&cap));
	buf_free(&cap);
	return p;
}

static const char expected[] =
	"upd 012 denominazione:Regolazione dei mercati>Regolazione e tutela "
	"dei mercati\n"
	"upd 2 titolo:Sostegno alla competitività delle imprese>Sostegno "
	"alla competitività e all'innovazione delle imprese\n"
	"upd 3 prospettiva:PI>ITC\n"
	"upd IS-1.1 target_2021:≥90%>≥95% target_2022:>≥97% "
	"target_2023:>≥98%\n"
	"upd IS-1.2 owner:S.Anagrafico Certificativo>S.Innovazione "
	"Digitalizzazione\n"
	"upd IS-1.3 descrizione:Comunicazioni non digitali (escluse quelle "
	"verso soggetti privi di PEC) / comunicazioni in "
	"uscita>Comunicazioni non digitali (escluse quelle verso destinatari "
	"privi di domicilio digitale) / comunicazioni inviate\n"
	"ins IS-1.4\n"
	"upd IS-2.1 peso:1>2\n"
	"ren IS-2.9<-IS-2.3\n"
	"upd IS-3.1 obiettivo:3>2\n"
	"del IS-2.2\n"
	"upd P-1.1 benefici:Dati più affidabili per imprese e cittadini>Dati "
	"più affidabili e tempestivi per imprese, enti e cittadini "
	"risorse:28.920>30.000\n"
	"del P-3.1 children OO-3.1.1,IO-3.1.1.1,IO-3.1.1.2\n"
	"upd OO-1.1.2 programma:P-1.1>P-1.2\n"
	"del OO-3.1.1 with P-3.1\n"
	"upd IO-1.1.1.1 target:30%>40% produttivita:sì>no "
	"strutture:Servizi Anagrafico Certificativi>Servizi Anagrafico "
	"Certificativi e Servizio Ispettivo\n"
	"ins IO-1.1.2.2\n"
	"del IO-3.1.1.1 with P-3.1\n"
	"del IO-3.1.1.2 with P-3.1\n";

static void test_pair(void **state)
{
	(void)state;
	plan *o = load("tests/e2e/plans/diff-old");
	plan *n = load("tests/e2e/plans/diff-new");
	plan_diff *d = plan_diff_compute(o, n);
	buf b = BUF_INIT;
	describe(d, &b);
	if (strcmp(buf_cstr(&b), expected))
		fail_msg("got:\n%s", buf_cstr(&b));
	plan_diff_free(d);
	/* Against itself: nothing; reversed: the inverse kinds. */
	d = plan_diff_compute(n, n);
	assert_int_equal(d->n, 0);
	plan_diff_free(d);
	d = plan_diff_compute(n, o);
	int ins = 0, del = 0, ren = 0;
	for (int i = 0; i < d->n; i++) {
		ins += d->v[i].kind == PD_INSERTED;
		del += d->v[i].kind == PD_REMOVED;
		ren += d->v[i].kind == PD_RENAMED;
	}
	/* P-3.1, OO-3.1.1, IO-3.1.1.1, IO-3.1.1.2, IS-2.2; IS-3.2 comes back
	 * as removed already (its amendment came with it). */
	assert_int_equal(ins, 6);
	assert_int_equal(del, 2); /* IS-1.4, IO-1.1.2.2 */
	assert_int_equal(ren, 1);
	plan_diff_free(d);
	buf_free(&b);
	plan_free(o);
	plan_free(n);
}

/* A small plan in a temporary folder: ind is the body of
 * indicatori_strategici.csv after its header. */
static char *small_plan(const char *ind)
{
	char *dir = strdup("/tmp/annex-pdXXXXXX");
	assert_non_null(mkdtemp(dir));
	static const char *const files[][2] = {
		{"documento.ini", "[documento]\nente = E\ntitolo = T\nanno = "
				  "2021\n"},
		{"missioni.csv", "codice;denominazione\n011;M\n"},
		{"obiettivi_strategici.csv",
		 "codice;titolo;missione\n1;O;011\n2;P;011\n"},
		{"programmi.csv", "codice;obiettivo;titolo\n"},
		{"obiettivi_operativi.csv", "codice;programma;descrizione\n"},
		{"indicatori_operativi.csv",
		 "codice;obiettivo_operativo;descrizione\n"},
		{"indicatori_strategici.csv", NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		char path[256];
		snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		if (files[i][1])
			fputs(files[i][1], f);
		else
			fprintf(f,
				"codice;obiettivo;descrizione;target_2021\n%s",
				ind);
		fclose(f);
	}
	return dir;
}

static void drop(char *dir)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -r '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

/* Renames: only an unambiguous pairing is a rename. */
static void test_renames(void **state)
{
	(void)state;
	static const struct {
		const char *old, *neu, *want;
	} rows[] = {
		{"A;1;x;1\n", "B;1;x;1\n", "ren B<-A\n"},
		/* a column differs: removal and insertion */
		{"A;1;x;1\n", "B;1;x;2\n", "ins B\ndel A\n"},
		{"A;1;x;1\n", "B;2;x;1\n", "ins B\ndel A\n"},
		/* two old records with the same columns: ambiguous */
		{"A;1;x;1\nC;1;x;1\n", "B;1;x;1\n", "ins B\ndel A\ndel C\n"},
		/* two new ones: ambiguous */
		{"A;1;x;1\n", "B;1;x;1\nD;1;x;1\n", "ins B\nins D\ndel A\n"},
		/* two pairs, each unambiguous */
		{"A;1;x;1\nC;1;y;1\n", "D;1;y;1\nB;1;x;1\n",
		 "ren D<-C\nren B<-A\n"},
		/* a move and a text change on one record */
		{"A;1;x;1\n", "A;2;y;1\n",
		 "upd A obiettivo:1>2 descrizione:x>y\n"},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char *od = small_plan(rows[i].old),
		     *nd = small_plan(rows[i].neu);
		plan *o = load(od), *n = load(nd);
		plan_diff *d = plan_diff_compute(o, n);
		buf b = BUF_INIT;
		describe(d, &b);
		if (strcmp(buf_cstr(&b), rows[i].want))
			fail_msg("row %zu: got\n%s", i, buf_cstr(&b));
		buf_free(&b);
		plan_diff_free(d);
		plan_free(o);
		plan_free(n);
		drop(od);
		drop(nd);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pair),
		cmocka_unit_test(test_renames),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
