/*
 * test_eval.c - the Relazione's evaluation engine (data/eval.c).
 *
 * Plans are written as CSV files into a temporary folder and loaded with
 * plan_load(), so every case reads like a plan a chamber keeps.
 *
 * Table-driven:
 *   - indicator_cases: one operational indicator per row (target,
 *     polarity, description, monitoraggio rows) -> degree, verdict,
 *     override flag, reason, ratio, intermediate values and the warning it
 *     must raise.  Each row of the spec's target table appears with a met,
 *     a partly met and a missed value, plus overrides, polarity, relative
 *     targets, year-on-year ratios and the non-evaluable cases.
 *   - rollup_cases: one small plan with two perspectives, weighted
 *     indicators, an operational objective and a strategic objective whose
 *     indicators are all non-evaluable, and an objective without a
 *     perspective, evaluated with several strategic shares; every level's
 *     degree is checked against a hand computation.
 *   - number_cases: number_format.
 */
#include "testutil.h"

#include "data/eval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define CHECK(cond, what)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			print_error("case \"%s\": %s\n", (what), #cond);       \
			fail();                                                \
		}                                                              \
	} while (0)

static int same_degree(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= 1e-9;
}

/* ---- plan folders -------------------------------------------------- */

#define MAX_FILES 12

typedef struct folder {
	char dir[64];
	const char *names[MAX_FILES];
	int n;
} folder;

static void put(folder *f, const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	f->names[f->n++] = name;
}

static void folder_open(folder *f)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof f->dir, "%s/annex-eval-XXXXXX",
		 tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	f->n = 0;
}

static void folder_close(folder *f)
{
	char path[128];
	for (int i = 0; i < f->n; i++) {
		snprintf(path, sizeof path, "%s/%s", f->dir, f->names[i]);
		unlink(path);
	}
	rmdir(f->dir);
}

static const char documento_ini[] = "[documento]\n"
				    "ente = Camera di prova\n"
				    "titolo = Piano di prova\n"
				    "allegato = All. 1\n"
				    "organo = Giunta\n"
				    "delibera_numero = 1\n"
				    "delibera_data = 2021-01-15\n"
				    "anno = 2021\n";

/* Load the folder; diagnostics of loading and evaluation go to msgs. */
static plan *load(folder *f, diag *d, buf *msgs)
{
	diag_init(d, NULL);
	d->capture = msgs;
	plan *p = plan_load(f->dir, d);
	if (!p)
		print_error("plan did not load:\n%s\n", buf_cstr(msgs));
	assert_non_null(p);
	return p;
}

/* Is there a diagnostic line holding both a and b? */
/* A line holding a and b (b NULL: any), other than the reminder that a
 * deviation has no explanation when b is "warning" (test_deviation
 * checks that one). */
static int has_line(const char *msgs, const char *a, const char *b)
{
	const char *s = msgs;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char line[1024];
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, s, n);
		line[n] = '\0';
		int reminder = b && !strcmp(b, "warning") &&
			       strstr(line, "explains the deviation");
		if (strstr(line, a) && (!b || strstr(line, b)) && !reminder)
			return 1;
		s += n + (e ? 1 : 0);
	}
	return 0;
}

/* ---- single indicators ------------------------------------------- */

typedef struct ind_case {
	const char *name;
	const char *target;
	const char *polarita; /* "" or "decrescente" */
	const char *descr;    /* NULL: "Indicatore di prova" */
	const char *rows;     /* monitoraggio rows "periodo;valore;esito|..." */
	int removed;	      /* an "eliminato" amendment */
	double degree;	      /* NAN: not evaluable */
	esito verdict;
	int overridden;
	ev_reason reason;
	int ratio;
	int ninterim;
	const char *warning; /* substring of a warning naming it, or NULL */
	const char *kind;    /* tipo_valore, NULL: none */
	const char *soglie;  /* "soglia_piena;soglia_parziale", NULL: none */
} ind_case;

#define NV NAN
#define R_ ESITO_RAGGIUNTO
#define P_ ESITO_PARZIALE
#define N_ ESITO_NON_RAGGIUNTO
#define X_ ESITO_NON_VALUTABILE

/* IC(name, target, polarita, descr, rows, degree, verdict, overridden,
 *    reason[, .removed = 1][, .ratio = 1][, .ninterim = n][, .warning = s]) */
#define IC(n, t, pol, de, ro, deg, v, ov, ...)                                 \
	{                                                                      \
		.name = n, .target = t, .polarita = pol, .descr = de,          \
		.rows = ro, .degree = deg, .verdict = v, .overridden = ov,     \
		.reason = __VA_ARGS__                                          \
	}

static const ind_case indicator_cases[] = {
	/* comparison with a threshold, percent */
	IC("ge pct met", "≥ 90%", "", NULL, "2021;95,4%;", 1, R_, 0, EV_R_OK),
	IC("ge pct partly", "≥ 90%", "", NULL, "2021;72%;", 0.8, P_, 0,
	   EV_R_OK),
	IC("ge pct missed", "≥ 90%", "", NULL, "2021;45%;", 0.5, N_, 0,
	   EV_R_OK),
	IC(">= ascii", ">= 90%", "", NULL, "2021;90%;", 1, R_, 0, EV_R_OK),
	IC("typo ≥=", "≥= 80%", "", NULL, "2021;60%;", 0.75, P_, 0, EV_R_OK),
	IC("strict > at the threshold", "> 3,5", "", NULL, "2021;3,5;", 0.999,
	   P_, 0, EV_R_OK),
	IC("> met", "> 3,5", "", NULL, "2021;3,9;", 1, R_, 0, EV_R_OK),
	IC("> missed", "> 3,5", "", NULL, "2021;1,4;", 0.4, N_, 0, EV_R_OK),
	/* at most */
	IC("< pct met", "< 20%", "decrescente", NULL, "2021;12,5%;", 1, R_, 0,
	   EV_R_OK),
	IC("< pct partly", "< 20%", "decrescente", NULL, "2021;25%;", 0.8, P_,
	   0, EV_R_OK),
	IC("< pct missed", "< 20%", "decrescente", NULL, "2021;50%;", 0.4, N_,
	   0, EV_R_OK),
	IC("<= gg met", "<= 40 gg", "decrescente", NULL, "2021;34;", 1, R_, 0,
	   EV_R_OK),
	IC("<= gg partly", "<= 40 gg", "decrescente", NULL, "2021;50;", 0.8, P_,
	   0, EV_R_OK),
	IC("<= gg missed", "<= 40 gg", "decrescente", NULL, "2021;100;", 0.4,
	   N_, 0, EV_R_OK),
	IC("≤ pct met", "≤ 5%", "decrescente", NULL, "2021;3,2%;", 1, R_, 0,
	   EV_R_OK),
	/* bare values: polarity decides */
	IC("bare crescente met", "100%", "", NULL, "2021;100%;", 1, R_, 0,
	   EV_R_OK),
	IC("bare crescente partly", "100%", "", NULL, "2021;87,5%;", 0.875, P_,
	   0, EV_R_OK),
	IC("bare crescente missed", "100%", "", NULL, "2021;12%;", 0.12, N_, 0,
	   EV_R_OK),
	IC("bare unit met", "10 immissioni", "", NULL, "2021;14;", 1, R_, 0,
	   EV_R_OK),
	IC("bare unit partly", "10 immissioni", "", NULL, "2021;7;", 0.7, P_, 0,
	   EV_R_OK),
	IC("bare decrescente met", "10", "decrescente", NULL, "2021;8;", 1, R_,
	   0, EV_R_OK),
	IC("bare decrescente partly", "10", "decrescente", NULL, "2021;12,5;",
	   0.8, P_, 0, EV_R_OK),
	IC("bare decrescente missed", "10", "decrescente", NULL, "2021;40;",
	   0.25, N_, 0, EV_R_OK),
	IC("bare polarity flips", "10", "", NULL, "2021;12,5;", 1, R_, 0,
	   EV_R_OK),
	IC(">90 no space", ">90", "", NULL, "2021;81;", 0.9, P_, 0, EV_R_OK),
	IC("zero target decrescente", "0,00", "decrescente", NULL, "2021;0;", 1,
	   R_, 0, EV_R_OK),
	IC("zero target missed", "0%", "decrescente", NULL, "2021;1,2%;", 0, N_,
	   0, EV_R_OK),
	/* deadlines */
	IC("deadline met", "31/12/2021", "", NULL, "2021;15/12/2021;", 1, R_, 0,
	   EV_R_OK),
	IC("deadline on the day", "31/12/2021", "", NULL, "2021;2021-12-31;", 1,
	   R_, 0, EV_R_OK),
	IC("deadline missed", "30/04/2021", "", NULL, "2021;12/05/2021;", 0, N_,
	   0, EV_R_OK),
	IC("deadlines all met", "11/01/2021 - 30/06/2021 - 10/09/2021", "",
	   NULL, "2021;11/01/2021 - 29/06/2021 - 10/09/2021;", 1, R_, 0,
	   EV_R_OK),
	IC("deadlines two of three", "11/01/2021 - 30/06/2021 - 10/09/2021", "",
	   NULL, "2021;11/01/2021 - 29/06/2021 - 20/09/2021;", 2.0 / 3, P_, 0,
	   EV_R_OK),
	IC("deadlines one of three", "11/01/2021 - 30/06/2021 - 10/09/2021", "",
	   NULL, "2021;11/01/2021 - 29/07/2021 - 20/09/2021;", 1.0 / 3, N_, 0,
	   EV_R_OK),
	IC("deadlines, one date", "11/01/2021 - 30/06/2021", "", NULL,
	   "2021;20/06/2021;", 1, R_, 0, EV_R_OK, .warning = "last one"),
	/* baseline */
	IC("baseline", "Anno di rilevazione", "", NULL, "2021;35;", NV, X_, 0,
	   EV_R_BASELINE),
	/* relative targets use the earlier year */
	IC("relative met", "x ≤ x-1", "decrescente", NULL, "2020;11|2021;10;",
	   1, R_, 0, EV_R_OK),
	IC("relative partly", "x ≤ x-1", "decrescente", NULL,
	   "2020;10|2021;11;", 10.0 / 11, P_, 0, EV_R_OK),
	IC("relative missed", "x ≤ x-1", "decrescente", NULL,
	   "2020;10|2021;20;", 0.5, N_, 0, EV_R_OK),
	IC("relative lag 4", "x < x-4", "decrescente", NULL,
	   "2017;31,8%|2020;20%|2021;28,9%;", 1, R_, 0, EV_R_OK),
	IC("relative without earlier", "x < x-2", "decrescente", NULL,
	   "2020;5|2021;4;", NV, X_, 0, EV_R_NO_PREVIOUS),
	/* year-on-year ratios: the description says x-1 */
	IC("ratio met", "≥1", "", "n. anno x / n. anno x-1", "2020;24|2021;27;",
	   1, R_, 0, EV_R_OK, .ratio = 1, .warning = "read as conteggio"),
	IC("ratio partly", "≥1", "", "n. anno x / n. anno x-1",
	   "2020;9|2021;6;", 6.0 / 9, P_, 0, EV_R_OK, .ratio = 1,
	   .warning = "read as conteggio"),
	IC("ratio missed", "> 1,2", "", "n. anno x / n. anno x - 1",
	   "2020;100|2021;50;", 0.5 / 1.2, N_, 0, EV_R_OK, .ratio = 1,
	   .warning = "read as conteggio"),
	IC("ratio decrescente, declared", "<1", "decrescente",
	   "(costi / proventi anno x) / (costi / proventi anno x-1)",
	   "2020;0,142|2021;0,137;", 1, R_, 0, EV_R_OK, .ratio = 1,
	   .kind = "conteggio"),
	IC("ratio decrescente, inferred", "<1", "decrescente",
	   "(costi / proventi anno x) / (costi / proventi anno x-1)",
	   "2020;0,142|2021;0,137;", 1, R_, 0, EV_R_OK,
	   .warning = "ratio itself"),
	/* values that are already ratios are not divided again */
	IC("ratio as given, both years", "≥1", "", "n. anno x / n. anno x-1",
	   "2020;1,22|2021;1,10;", 1, R_, 0, EV_R_OK,
	   .warning = "ratio itself"),
	IC("ratio declared rapporto", "≥1", "", "n. anno x / n. anno x-1",
	   "2020;1,22|2021;1,10;", 1, R_, 0, EV_R_OK, .kind = "Rapporto"),
	IC("count without earlier", "≥1", "", "n. anno x / n. anno x-1",
	   "2021;27;", NV, X_, 0, EV_R_NO_PREVIOUS,
	   .warning = "no year-end value"),
	IC("mixed units", "<1", "decrescente", "costi anno x / costi anno x-1",
	   "2020;0,142|2021;13,7%;", 1, R_, 0, EV_R_OK, .ratio = 1,
	   .kind = "percentuale", .warning = "different units"),
	/* the indicator's own thresholds */
	IC("own thresholds", "≥ 90%", "", NULL, "2021;81%;", 0.9, R_, 0,
	   EV_R_OK, .soglie = "90;50"),
	IC("own partial threshold", "≥ 90%", "", NULL, "2021;45%;", 0.5, P_, 0,
	   EV_R_OK, .soglie = ";50"),
	IC("thresholds upside down", "≥ 90%", "", NULL, "2021;45%;", 0.5, N_, 0,
	   EV_R_OK, .soglie = "50;90", .warning = "soglia_parziale"),
	IC("ratio, plan's x+1", "≥1", "", "seminari anno x/ seminari anno x+1",
	   "2020;10|2021;8;", 0.8, P_, 0, EV_R_OK, .ratio = 1,
	   .warning = "read as conteggio"),
	IC("ratio over zero", "≥1", "", "accessi anno x / accessi anno x-1",
	   "2020;0|2021;5;", NV, X_, 0, EV_R_ZERO_PREVIOUS,
	   .warning = "read as conteggio"),
	IC("ratio without earlier", "≥1", "", "n. anno x / n. anno x-1",
	   "2021;1,1;", 1, R_, 0, EV_R_OK, .warning = "ratio itself"),
	IC("no ratio without x-1", "≥1", "", "n. iniziative", "2020;30|2021;3;",
	   1, R_, 0, EV_R_OK),
	IC("no ratio for percent", "≥ 90%", "", "anno x / anno x-1",
	   "2020;50%|2021;95%;", 1, R_, 0, EV_R_OK),
	/* ordinal levels */
	IC("ordinal met", "≥ a medio", "", NULL, "2021;alto;", 1, R_, 0,
	   EV_R_OK),
	IC("ordinal partly", "≥ alto", "", NULL, "2021;medio;", 2.0 / 3, P_, 0,
	   EV_R_OK),
	IC("ordinal missed", "≥Medio", "", NULL, "2021;basso;", 0.5, N_, 0,
	   EV_R_OK),
	IC("ordinal on the level", "≥ a medio", "", NULL, "2021;medio;", 1, R_,
	   0, EV_R_OK),
	/* a named quantity */
	IC("named met", "ITP < -10", "decrescente", NULL, "2021;-17,4;", 1, R_,
	   0, EV_R_OK),
	IC("named missed", "ITP < -10", "decrescente", NULL, "2021;-5;", 0, N_,
	   0, EV_R_OK),
	/* free text: only an esito evaluates it */
	IC("text target", "Conclusione entro 6 mesi dalla prova scritta", "",
	   NULL, "2021;5 mesi;", NV, X_, 0, EV_R_TEXT_TARGET,
	   .warning = "cannot be evaluated"),
	IC("text target, esito", "Conclusione entro 6 mesi dalla prova scritta",
	   "", NULL, "2021;;raggiunto;prova scritta svolta", 1, R_, 1, EV_R_OK),
	/* overrides: the nearest edge of the band, and a nota saying why */
	IC("override up", "≥ 90%", "", NULL, "2021;78%;raggiunto;motivo", 1, R_,
	   1, EV_R_OK),
	IC("override down", "90%", "", NULL,
	   "2021;91%;parzialmente raggiunto;motivo", 0.999, P_, 1, EV_R_OK),
	IC("override keeps a degree in band", "≥ 90%", "", NULL,
	   "2021;72%;Parzialmente Raggiunto;motivo", 0.8, P_, 1, EV_R_OK),
	IC("override non valutabile", "≥ 90%", "", NULL,
	   "2021;95%;non valutabile;motivo", NV, X_, 1, EV_R_MANUAL),
	IC("override to non raggiunto", "31/12/2021", "", NULL,
	   "2021;01/12/2021;non raggiunto;motivo", 0.599, N_, 1, EV_R_OK),
	IC("override 97,4% down, no nota", "≥ 95%", "", NULL,
	   "2021;97,4%;non raggiunto", 0.599, N_, 1, EV_R_OK,
	   .warning = "without a nota"),
	IC("unknown esito ignored", "≥ 90%", "", NULL, "2021;95%;boh", 1, R_, 0,
	   EV_R_OK, .warning = "esito 'boh'"),
	/* which values */
	IC("no rows", "≥ 90%", "", NULL, "", NV, X_, 0, EV_R_NO_VALUE),
	IC("other year only", "≥ 90%", "", NULL, "2020;95%;", NV, X_, 0,
	   EV_R_NO_VALUE),
	IC("interim only", "≥ 90%", "", NULL, "2021-06-30;40%;|2021-03-31;20%;",
	   NV, X_, 0, EV_R_INTERIM_ONLY, .ninterim = 2),
	IC("interim and year-end", "≥ 90%", "", NULL,
	   "2021-09-30;60%;|2021;92%;|2021-06-30;40%;|2020-06-30;1%;", 1, R_, 0,
	   EV_R_OK, .ninterim = 2),
	IC("second year-end wins", "≥ 90%", "", NULL, "2021;45%;|2021;90%;", 1,
	   R_, 0, EV_R_OK, .warning = "second year-end"),
	IC("no target", "", "", NULL, "2021;95%;", NV, X_, 0, EV_R_NO_TARGET),
	IC("unreadable value", "≥ 90%", "", NULL, "2021;circa novanta;", NV, X_,
	   0, EV_R_BAD_VALUE, .warning = "is not a number"),
	IC("value of the wrong kind", "≥ 90%", "", NULL, "2021;30/06/2021;", NV,
	   X_, 0, EV_R_KIND_MISMATCH, .warning = "does not fit"),
	IC("percent read from a ratio", "≥ 90%", "", NULL, "2021;0,95;", 1, R_,
	   0, EV_R_OK, .warning = "read as a ratio"),
	/* removed records */
	IC("removed", "≥ 90%", "", NULL, "2021;95%;raggiunto", NV, X_, 0,
	   EV_R_REMOVED, .removed = 1),
};

static void test_indicators(void **state)
{
	(void)state;
	const int n = (int)ARRAY_LEN(indicator_cases);
	folder f;
	folder_open(&f);
	buf oo = BUF_INIT, io = BUF_INIT, mon = BUF_INIT, mod = BUF_INIT;
	buf_puts(&oo, "codice;programma;descrizione\n");
	buf_puts(&io, "codice;obiettivo_operativo;descrizione;target;"
		      "polarita;tipo_valore;soglia_piena;soglia_parziale\n");
	buf_puts(&mon, "indicatore;periodo;valore;esito;nota\n");
	buf_puts(&mod, "riferimento;tipo;data;organo;numero\n");
	for (int i = 0; i < n; i++) {
		const ind_case *c = &indicator_cases[i];
		buf_printf(&oo, "OO-%d;P-1;Obiettivo %d\n", i, i);
		buf_printf(&io, "IO-%d;OO-%d;\"%s\";\"%s\";%s;%s;%s\n", i, i,
			   c->descr ? c->descr : "Indicatore di prova",
			   c->target, c->polarita, c->kind ? c->kind : "",
			   c->soglie ? c->soglie : ";");
		for (const char *s = c->rows; *s;) {
			const char *e = strchr(s, '|');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			buf_printf(&mon, "IO-%d;%.*s\n", i, (int)len, s);
			s += len + (e ? 1 : 0);
		}
		if (c->removed)
			buf_printf(&mod,
				   "IO-%d;eliminato;2021-03-01;Giunta;7\n", i);
	}
	put(&f, "documento.ini", documento_ini);
	put(&f, "missioni.csv", "codice;denominazione\n011;Missione\n");
	put(&f, "obiettivi_strategici.csv",
	    "codice;titolo;missione\n1;Obiettivo strategico;011\n");
	put(&f, "indicatori_strategici.csv",
	    "codice;obiettivo;descrizione;target_2021\n");
	put(&f, "programmi.csv", "codice;obiettivo;titolo\nP-1;1;Programma\n");
	put(&f, "obiettivi_operativi.csv", buf_cstr(&oo));
	put(&f, "indicatori_operativi.csv", buf_cstr(&io));
	put(&f, "monitoraggio.csv", buf_cstr(&mon));
	put(&f, "modifiche.csv", buf_cstr(&mod));

	diag d;
	buf msgs = BUF_INIT;
	plan *p = load(&f, &d, &msgs);
	assert_int_equal(p->n_ind_oper, n);
	ev_plan *e = ev_run(p, NULL, &d);
	for (int i = 0; i < n; i++) {
		const ind_case *c = &indicator_cases[i];
		const ev_node *x = &e->io[i];
		char code[32];
		snprintf(code, sizeof code, "'IO-%d'", i);
		if (!same_degree(x->degree, c->degree))
			print_error("case \"%s\": degree %.12g, expected "
				    "%.12g\n",
				    c->name, x->degree, c->degree);
		CHECK(same_degree(x->degree, c->degree), c->name);
		CHECK(x->verdict == c->verdict, c->name);
		CHECK(x->overridden == c->overridden, c->name);
		if (x->reason != c->reason)
			print_error("case \"%s\": reason %s\n", c->name,
				    ev_reason_str(x->reason));
		CHECK(x->reason == c->reason, c->name);
		CHECK(x->ratio == c->ratio, c->name);
		CHECK(x->ninterim == c->ninterim, c->name);
		for (int k = 1; k < x->ninterim; k++)
			CHECK(pdate_cmp(&x->interim[k - 1]->periodo,
					&x->interim[k]->periodo) < 0,
			      c->name);
		CHECK(x->removed == c->removed, c->name);
		if (c->warning)
			CHECK(has_line(buf_cstr(&msgs), code, c->warning),
			      c->name);
		else if (has_line(buf_cstr(&msgs), code, "warning")) {
			print_error("case \"%s\": unexpected:\n%s\n", c->name,
				    buf_cstr(&msgs));
			fail();
		}
	}
	/* A warning names the monitoraggio.csv line. */
	assert_true(has_line(buf_cstr(&msgs), "monitoraggio.csv:",
			     "second "
			     "year-end"));
	ev_free(e);
	plan_free(p);
	buf_free(&msgs);
	buf_free(&oo);
	buf_free(&io);
	buf_free(&mon);
	buf_free(&mod);
	folder_close(&f);
}

/* Silent without a diag, and the same results. */
static void test_silent_and_stable(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	put(&f, "documento.ini", documento_ini);
	put(&f, "missioni.csv", "codice;denominazione\n011;Missione\n");
	put(&f, "obiettivi_strategici.csv",
	    "codice;titolo;missione\n1;Obiettivo;011\n");
	put(&f, "indicatori_strategici.csv",
	    "codice;obiettivo;descrizione;target_2020;target_2021\n"
	    "IS-1;1;Testo;≥ 80%;Conclusione entro l'anno\n"
	    "IS-2;1;Testo;≥ 80%;≥ 90%\n");
	put(&f, "programmi.csv", "codice;obiettivo;titolo\n");
	put(&f, "obiettivi_operativi.csv", "codice;programma;descrizione\n");
	put(&f, "indicatori_operativi.csv",
	    "codice;obiettivo_operativo;descrizione;target\n");
	put(&f, "monitoraggio.csv",
	    "indicatore;periodo;valore;esito\n"
	    "IS-2;2021;72%;\nIS-2;2021;81%;\n");
	diag d;
	buf msgs = BUF_INIT;
	plan *p = load(&f, &d, &msgs);
	int before = d.warnings;
	ev_plan *a = ev_run(p, NULL, NULL);
	assert_int_equal(d.warnings, before);
	ev_plan *b = ev_run(p, NULL, &d);
	/* text target, duplicate, deviation without a nota */
	assert_int_equal(d.warnings, before + 3);
	assert_true(has_line(buf_cstr(&msgs), "indicatori_strategici.csv:2",
			     "'IS-1'"));
	/* The target is the plan year's column. */
	assert_string_equal(a->is[0].target_text, "Conclusione entro l'anno");
	assert_string_equal(a->is[1].target_text, "≥ 90%");
	assert_true(same_degree(a->is[1].degree, 0.9));
	assert_true(same_degree(a->obj[0].degree, b->obj[0].degree));
	assert_true(same_degree(a->plan.degree, 0.9));
	ev_free(a);
	ev_free(b);
	plan_free(p);
	buf_free(&msgs);
	folder_close(&f);
}

/* ---- roll-ups ------------------------------------------------------- */

/*
 * Perspective A
 *   objective 1: IS-1a peso 3 (95% of ≥ 90%: 1), IS-1b peso 1 (45%: 0.5)
 *                -> strategic part 3.5/4 = 0.875
 *     P-1: OO-1 IO-1a peso 1 (1), IO-1b peso 3 (60% of 100%: 0.6)
 *              -> (1 + 1.8) / 4 = 0.7
 *          OO-2 every indicator non-evaluable (baseline, no target, no
 *              value) -> not evaluable, left out: P-1 = 0.7
 *     P-2: OO-3 IO-3 (40% of 100%: 0.4) -> 0.4
 *                -> programmes part (0.7 + 0.4) / 2 = 0.55
 *   objective 2: all non-evaluable (strategic baseline, OO-4 with a
 *                free-text target) -> not evaluable
 *   objective 5: removed, with a met indicator -> not evaluable
 *   A = objective 1 only
 * Perspective B
 *   objective 3: IS-3 only (met: 1) -> 1
 *   B = 1
 * Objective 4, no perspective: P-4 / OO-5 / IO-5 (90% of 100%) -> 0.9
 * Plan = (A + B + 0.9) / 3.
 */
static const char rollup_obiettivi[] =
	"codice;titolo;missione;prospettiva\n"
	"1;Uno;011;A\n2;Due;011;A\n5;Cinque;011;A\n3;Tre;011;B\n4;Quattro;"
	"011;\n";
static const char rollup_is[] =
	"codice;obiettivo;descrizione;peso;target_2021\n"
	"IS-1a;1;Uno a;3;≥ 90%\nIS-1b;1;Uno b;1;≥ 90%\n"
	"IS-2;2;Due;1;Anno di rilevazione\nIS-3;3;Tre;2;≥ 90%\n"
	"IS-5;5;Cinque;1;≥ 90%\n";
static const char rollup_prog[] = "codice;obiettivo;titolo\n"
				  "P-1;1;Programma 1\nP-2;1;Programma 2\n"
				  "P-3;2;Programma 3\nP-4;4;Programma 4\n";
static const char rollup_oo[] = "codice;programma;descrizione\n"
				"OO-1;P-1;Uno\nOO-2;P-1;Due\nOO-3;P-2;Tre\n"
				"OO-4;P-3;Quattro\nOO-5;P-4;Cinque\n";
static const char rollup_io[] =
	"codice;obiettivo_operativo;descrizione;target;peso\n"
	"IO-1a;OO-1;Uno a;100%;1\nIO-1b;OO-1;Uno b;100%;3\n"
	"IO-2a;OO-2;Due a;Anno di rilevazione;1\nIO-2b;OO-2;Due b;;1\n"
	"IO-2c;OO-2;Due c;≥ 5;1\n"
	"IO-3;OO-3;Tre;100%;1\nIO-4;OO-4;Quattro;Come da cronoprogramma;1\n"
	"IO-5;OO-5;Cinque;100%;1\n";
static const char rollup_mon[] =
	"indicatore;periodo;valore;esito\n"
	"IS-1a;2021;95%;\nIS-1b;2021;45%;\nIS-2;2021;12;\nIS-3;2021;91%;\n"
	"IS-5;2021;99%;\n"
	"IO-1a;2021;100%;\nIO-1b;2021;60%;\nIO-2a;2021;3;\nIO-3;2021;40%;\n"
	"IO-4;2021;fatto;\nIO-5;2021;90%;\n";

typedef struct rollup_case {
	const char *name;
	double share; /* strategic share */
	double obj1, persp_a, plan;
	esito obj1_verdict;
} rollup_case;

#define PLAN3(a) (((a) + 1.0 + 0.9) / 3)

static const rollup_case rollup_cases[] = {
	{"share 50%", 0.5, 0.7125, 0.7125, PLAN3(0.7125), P_},
	{"share 100%: strategic only", 1.0, 0.875, 0.875, PLAN3(0.875), P_},
	{"share 0%: programmes only", 0.0, 0.55, 0.55, PLAN3(0.55), N_},
	{"share 25%", 0.25, 0.25 * 0.875 + 0.75 * 0.55,
	 0.25 * 0.875 + 0.75 * 0.55, PLAN3(0.25 * 0.875 + 0.75 * 0.55), P_},
};

static plan *rollup_plan(folder *f, diag *d, buf *msgs)
{
	folder_open(f);
	put(f, "documento.ini", documento_ini);
	put(f, "missioni.csv", "codice;denominazione\n011;Missione\n");
	put(f, "prospettive.csv",
	    "codice;denominazione\nA;Prospettiva A\nB;Prospettiva B\n");
	put(f, "obiettivi_strategici.csv", rollup_obiettivi);
	put(f, "indicatori_strategici.csv", rollup_is);
	put(f, "programmi.csv", rollup_prog);
	put(f, "obiettivi_operativi.csv", rollup_oo);
	put(f, "indicatori_operativi.csv", rollup_io);
	put(f, "monitoraggio.csv", rollup_mon);
	put(f, "modifiche.csv",
	    "riferimento;tipo;data;organo;numero\n"
	    "5;eliminato;2021-05-01;Giunta;3\n");
	return load(f, d, msgs);
}

static void test_rollups(void **state)
{
	(void)state;
	folder f;
	diag d;
	buf msgs = BUF_INIT;
	plan *p = rollup_plan(&f, &d, &msgs);
	for (size_t k = 0; k < ARRAY_LEN(rollup_cases); k++) {
		const rollup_case *c = &rollup_cases[k];
		ev_opts o = ev_opts_default();
		o.share_strategic = c->share;
		ev_plan *e = ev_run(p, &o, NULL);
		/* indices follow file order */
		const ev_node *obj1 = &e->obj[0], *obj2 = &e->obj[1],
			      *obj5 = &e->obj[2], *obj3 = &e->obj[3],
			      *obj4 = &e->obj[4];
		CHECK(same_degree(e->oo[0].degree, 0.7), c->name);
		CHECK(same_degree(e->oo[1].degree, NAN), c->name);
		CHECK(e->oo[1].reason == EV_R_NO_EVALUABLE, c->name);
		CHECK(e->oo[1].verdict == X_, c->name);
		CHECK(same_degree(e->prog[0].degree, 0.7), c->name);
		CHECK(same_degree(e->prog[1].degree, 0.4), c->name);
		CHECK(same_degree(obj1->part[0], 0.875), c->name);
		CHECK(same_degree(obj1->part[1], 0.55), c->name);
		CHECK(same_degree(obj1->degree, c->obj1), c->name);
		CHECK(obj1->verdict == c->obj1_verdict, c->name);
		/* all non-evaluable: dropped, not counted as zero */
		CHECK(same_degree(obj2->degree, NAN), c->name);
		CHECK(obj2->reason == EV_R_NO_EVALUABLE, c->name);
		CHECK(same_degree(e->prog[2].degree, NAN), c->name);
		CHECK(obj5->removed && isnan(obj5->degree), c->name);
		CHECK(obj5->reason == EV_R_REMOVED, c->name);
		CHECK(e->is[4].reason == EV_R_REMOVED, c->name);
		CHECK(same_degree(obj3->degree, 1), c->name);
		CHECK(isnan(obj3->part[1]), c->name);
		CHECK(same_degree(obj4->degree, 0.9), c->name);
		CHECK(isnan(obj4->part[0]), c->name);
		CHECK(same_degree(e->persp[0].degree, c->persp_a), c->name);
		CHECK(same_degree(e->persp[1].degree, 1), c->name);
		CHECK(same_degree(e->plan.degree, c->plan), c->name);
		CHECK(e->plan.verdict == esito_from_degree(c->plan, NULL),
		      c->name);
		/* tree links */
		CHECK(e->plan.first[0] == 0 && e->persp[0].next == 1, c->name);
		CHECK(e->plan.first[1] == 4 && obj4->next == -1, c->name);
		CHECK(e->persp[0].first[0] == 0 && obj1->next == 1 &&
			      obj2->next == 2 && obj5->next == -1,
		      c->name);
		/* counts: 13 indicators; raggiunto IS-1a IS-3 IO-1a, partly
		 * IO-1b, missed IS-1b IO-3 (0.4), IO-5 partly (0.9) */
		CHECK(e->plan.count[R_] == 3, c->name);
		CHECK(e->plan.count[P_] == 2, c->name);
		CHECK(e->plan.count[N_] == 2, c->name);
		CHECK(e->plan.count[X_] == 6, c->name);
		/* coverage: 12 not removed (IS-5 is), 7 of them measured */
		CHECK(e->plan.total == 12 && e->plan.measured == 7, c->name);
		CHECK(obj1->total == 8 && obj1->measured == 5, c->name);
		CHECK(e->oo[1].total == 3 && e->oo[1].measured == 0, c->name);
		CHECK(obj5->total == 0, c->name);
		ev_free(e);
	}
	plan_free(p);
	buf_free(&msgs);
	folder_close(&f);
}

/*
 * Policy: weights above the indicators, rounding before classifying,
 * missing values.
 *   objective 1 (perspective A, peso 1): IS-1 99,9% of 100% (0.999),
 *     IS-2 100% (1), IS-3 no value -> 0.9995, printed "100,0%":
 *     raggiunto, 2 of 3 measured; with missing = zero (0.999 + 1 + 0) / 3
 *   objective 2 (perspective B, peso 3): P-1 peso 3 (1), P-2 peso 1 (0.2)
 *     -> 3.2 / 4 = 0.8
 *   plan = (1 x 0.9995 + 3 x 0.8) / 4
 */
static void test_policy(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	put(&f, "documento.ini", documento_ini);
	put(&f, "missioni.csv", "codice;denominazione\n011;Missione\n");
	put(&f, "prospettive.csv",
	    "codice;denominazione;peso\nA;Prospettiva A;1\nB;Prospettiva "
	    "B;3\n");
	put(&f, "obiettivi_strategici.csv",
	    "codice;titolo;missione;prospettiva\n1;Uno;011;A\n2;Due;011;B\n");
	put(&f, "indicatori_strategici.csv",
	    "codice;obiettivo;descrizione;target_2021\n"
	    "IS-1;1;Uno;≥ 100%\nIS-2;1;Due;≥ 100%\nIS-3;1;Tre;≥ 100%\n");
	put(&f, "programmi.csv",
	    "codice;obiettivo;titolo;peso\n"
	    "P-1;2;Uno;3\nP-2;2;Due;1\n");
	put(&f, "obiettivi_operativi.csv",
	    "codice;programma;descrizione\n"
	    "OO-1;P-1;Uno\nOO-2;P-2;Due\n");
	put(&f, "indicatori_operativi.csv",
	    "codice;obiettivo_operativo;descrizione;target\n"
	    "IO-1;OO-1;Uno;100%\nIO-2;OO-2;Due;100%\n");
	put(&f, "monitoraggio.csv",
	    "indicatore;periodo;valore\n"
	    "IS-1;2021;99,9%\nIS-2;2021;100%\n"
	    "IO-1;2021;100%\nIO-2;2021;20%\n");
	diag d;
	buf msgs = BUF_INIT;
	plan *p = load(&f, &d, &msgs);
	ev_plan *e = ev_run(p, NULL, NULL);
	char pct[32];
	degree_format(e->obj[0].degree, pct, sizeof pct);
	assert_string_equal(pct, "100,0%");
	assert_int_equal(e->obj[0].verdict, R_);
	assert_int_equal(e->obj[0].total, 3);
	assert_int_equal(e->obj[0].measured, 2);
	assert_true(same_degree(e->obj[1].degree, 0.8));
	assert_true(same_degree(e->plan.degree, (0.9995 + 3 * 0.8) / 4));
	ev_free(e);

	ev_opts o = ev_opts_default();
	o.missing_zero = 1;
	e = ev_run(p, &o, NULL);
	assert_true(same_degree(e->is[2].degree, 0));
	assert_true(e->is[2].zeroed);
	assert_int_equal(e->is[2].verdict, N_);
	assert_true(same_degree(e->obj[0].degree, 1.999 / 3));
	assert_int_equal(e->obj[0].measured, 2); /* zeroed is not measured */
	ev_free(e);
	plan_free(p);
	buf_free(&msgs);
	folder_close(&f);
}

/* An indicator below full achievement asks for a nota explaining it. */
static void test_deviation(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	put(&f, "documento.ini", documento_ini);
	put(&f, "missioni.csv", "codice;denominazione\n011;Missione\n");
	put(&f, "obiettivi_strategici.csv",
	    "codice;titolo;missione\n1;Uno;011\n");
	put(&f, "indicatori_strategici.csv",
	    "codice;obiettivo;descrizione;target_2021\n"
	    "IS-1;1;Uno;≥ 90%\nIS-2;1;Due;≥ 90%\nIS-3;1;Tre;≥ 90%\n");
	put(&f, "programmi.csv", "codice;obiettivo;titolo\n");
	put(&f, "obiettivi_operativi.csv", "codice;programma;descrizione\n");
	put(&f, "indicatori_operativi.csv",
	    "codice;obiettivo_operativo;descrizione;target\n");
	put(&f, "monitoraggio.csv",
	    "indicatore;periodo;valore;esito;scostamento\n"
	    "IS-1;2021;72%;;\nIS-2;2021;72%;;Personale ridotto\n"
	    "IS-3;2021;95%;;\n");
	diag d;
	buf msgs = BUF_INIT;
	plan *p = load(&f, &d, &msgs);
	ev_plan *e = ev_run(p, NULL, &d);
	const char *m = buf_cstr(&msgs);
	assert_true(strstr(m, "monitoraggio.csv:2: warning: 'IS-1' is "
			      "parzialmente raggiunto but no nota explains"));
	assert_null(strstr(m, "'IS-2' is"));
	assert_null(strstr(m, "'IS-3' is"));
	assert_string_equal(p->misure[1].nota, "Personale ridotto");
	ev_free(e);
	plan_free(p);
	buf_free(&msgs);
	folder_close(&f);
}

/* Rules from the options: thresholds, over-achievement, grace days. */
static void test_rules(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	put(&f, "documento.ini", documento_ini);
	put(&f, "missioni.csv", "codice;denominazione\n011;Missione\n");
	put(&f, "obiettivi_strategici.csv",
	    "codice;titolo;missione\n1;Obiettivo;011\n");
	put(&f, "indicatori_strategici.csv",
	    "codice;obiettivo;descrizione;target_2021\n"
	    "IS-1;1;Uno;≥ 80%\nIS-2;1;Due;30/06/2021\n");
	put(&f, "programmi.csv", "codice;obiettivo;titolo\n");
	put(&f, "obiettivi_operativi.csv", "codice;programma;descrizione\n");
	put(&f, "indicatori_operativi.csv",
	    "codice;obiettivo_operativo;descrizione;target\n");
	put(&f, "monitoraggio.csv",
	    "indicatore;periodo;valore\n"
	    "IS-1;2021;100%\nIS-2;2021;05/07/2021\n");
	diag d;
	buf msgs = BUF_INIT;
	plan *p = load(&f, &d, &msgs);

	ev_plan *e = ev_run(p, NULL, NULL);
	assert_true(same_degree(e->is[0].degree, 1));
	assert_true(same_degree(e->is[1].degree, 0));
	assert_true(same_degree(e->obj[0].degree, 0.5));
	assert_int_equal(e->obj[0].verdict, N_);
	ev_free(e);

	ev_opts o = ev_opts_default();
	o.rules.allow_over = 1;
	o.rules.grace_days = 5;
	o.rules.partial = 0.5;
	e = ev_run(p, &o, NULL);
	/* 125% is capped at the default 120%, at every level. */
	assert_true(same_degree(e->is[0].degree, 1.2));
	assert_true(same_degree(e->is[1].degree, 1));
	assert_true(same_degree(e->obj[0].degree, 1.1));
	assert_int_equal(e->obj[0].verdict, R_);
	ev_free(e);
	o.rules.cap = 2;
	e = ev_run(p, &o, NULL);
	assert_true(same_degree(e->is[0].degree, 1.25));
	assert_true(same_degree(e->obj[0].degree, 1.125));
	ev_free(e);

	o = ev_opts_default();
	o.anno = 2020; /* no column, no values for 2020 */
	e = ev_run(p, &o, NULL);
	assert_int_equal(e->is[0].reason, EV_R_NO_TARGET);
	assert_true(isnan(e->plan.degree));
	assert_int_equal(e->plan.reason, EV_R_NO_EVALUABLE);
	ev_free(e);

	plan_free(p);
	buf_free(&msgs);
	folder_close(&f);
}

/* ---- number formatting ------------------------------------------------ */

typedef struct number_case {
	double v;
	int decimals;
	const char *out;
} number_case;

static const number_case number_cases[] = {
	{1.04410, 3, "1,044"},
	{40105.0 / 38412, 3, "1,044"},
	{38412, 0, "38.412"},
	{1234567.891, 2, "1.234.567,89"},
	{0.5, 0, "1"},
	{0.0005, 3, "0,001"},
	{-17.45, 1, "-17,5"},
	{-0.0004, 3, "0,000"},
	{999.9996, 3, "1.000,000"},
	{0, 2, "0,00"},
	{NAN, 2, ""},
	{INFINITY, 1, ""},
	{2.5, 7, ""},
};

static void test_number_format(void **state)
{
	(void)state;
	for (size_t k = 0; k < ARRAY_LEN(number_cases); k++) {
		char s[64];
		number_format(number_cases[k].v, number_cases[k].decimals, s,
			      sizeof s);
		if (strcmp(s, number_cases[k].out))
			print_error("%.10g with %d: '%s', expected '%s'\n",
				    number_cases[k].v, number_cases[k].decimals,
				    s, number_cases[k].out);
		assert_string_equal(s, number_cases[k].out);
	}
	char small[4];
	number_format(38412, 0, small, sizeof small);
	assert_string_equal(small, "38.");
}

static void test_reason_names(void **state)
{
	(void)state;
	for (int r = 0; r < EV_R_COUNT; r++) {
		assert_true(*ev_reason_str((ev_reason)r));
		assert_true(r == 0 || *ev_reason_key((ev_reason)r));
	}
	assert_string_equal(ev_reason_key(EV_R_REMOVED), "removed");
	/* target_eval's reasons become the ones of the same name. */
	static const struct {
		eval_reason from;
		ev_reason to;
	} same[] = {
		{EVAL_R_OK, EV_R_OK},
		{EVAL_R_NO_TARGET, EV_R_NO_TARGET},
		{EVAL_R_BASELINE, EV_R_BASELINE},
		{EVAL_R_TEXT_TARGET, EV_R_TEXT_TARGET},
		{EVAL_R_NO_VALUE, EV_R_NO_VALUE},
		{EVAL_R_BAD_VALUE, EV_R_BAD_VALUE},
		{EVAL_R_KIND_MISMATCH, EV_R_KIND_MISMATCH},
		{EVAL_R_NO_PREVIOUS, EV_R_NO_PREVIOUS},
		{EVAL_R_MANUAL, EV_R_MANUAL},
	};
	assert_int_equal(ARRAY_LEN(same), EVAL_R_COUNT);
	for (size_t k = 0; k < ARRAY_LEN(same); k++)
		assert_int_equal(ev_reason_of(same[k].from), same[k].to);
}

/* ---- the walk ---------------------------------------------------------- */

typedef struct walk_log {
	buf pre, post;
	ev_level stop; /* do not descend below this level */
} walk_log;

static int log_pre(void *ctx, const ev_node *n)
{
	walk_log *w = ctx;
	buf_printf(&w->pre, "%s|", n->codice);
	return n->level != w->stop;
}

static int log_post(void *ctx, const ev_node *n)
{
	walk_log *w = ctx;
	buf_printf(&w->post, "%s|", n->codice);
	return 1;
}

/* Every node once, in report order (perspectives with their objectives,
 * then the loose one; strategic indicators before programmes); a visit
 * that returns 0 prunes; post comes after the children. */
static void test_walk(void **state)
{
	(void)state;
	static const struct {
		ev_level stop;
		const char *pre, *post;
	} cases[] = {
		{EV_LEVEL_COUNT,
		 "|A|1|IS-1a|IS-1b|P-1|OO-1|IO-1a|IO-1b|OO-2|IO-2a|IO-2b|"
		 "IO-2c|P-2|OO-3|IO-3|2|IS-2|P-3|OO-4|IO-4|5|IS-5|B|3|IS-3|4|"
		 "P-4|OO-5|IO-5|",
		 "IS-1a|IS-1b|IO-1a|IO-1b|OO-1|IO-2a|IO-2b|IO-2c|OO-2|P-1|IO-3|"
		 "OO-3|P-2|1|IS-2|IO-4|OO-4|P-3|2|IS-5|5|A|IS-3|3|B|IO-5|OO-5|"
		 "P-4|4||"},
		{EV_OBJECTIVE, "|A|1|2|5|B|3|4|", "1|2|5|A|3|B|4||"},
		{EV_PLAN, "|", "|"},
	};
	folder f;
	diag d;
	buf msgs = BUF_INIT;
	plan *p = rollup_plan(&f, &d, &msgs);
	ev_plan *e = ev_run(p, NULL, NULL);
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		walk_log w = {BUF_INIT, BUF_INIT, cases[k].stop};
		ev_walk(e, NULL, log_pre, log_post, &w);
		assert_string_equal(buf_cstr(&w.pre), cases[k].pre);
		assert_string_equal(buf_cstr(&w.post), cases[k].post);
		buf_free(&w.pre);
		buf_free(&w.post);
	}
	/* From a node: its subtree only. */
	walk_log w = {BUF_INIT, BUF_INIT, EV_LEVEL_COUNT};
	ev_walk(e, &e->prog[1], log_pre, NULL, &w);
	assert_string_equal(buf_cstr(&w.pre), "P-2|OO-3|IO-3|");
	buf_free(&w.pre);
	buf_free(&w.post);
	ev_free(e);
	plan_free(p);
	buf_free(&msgs);
	folder_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indicators),
		cmocka_unit_test(test_silent_and_stable),
		cmocka_unit_test(test_rollups),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_deviation),
		cmocka_unit_test(test_number_format),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_reason_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
