/*
 * fuzz_load.c - libFuzzer harness for loading a whole plan folder
 * (src/data/load.c on top of csv.c and ini.c).
 *
 * The input is the files of a plan folder joined by NUL bytes, in this
 * order: documento.ini, missioni.csv, prospettive.csv,
 * obiettivi_strategici.csv, indicatori_strategici.csv, programmi.csv,
 * obiettivi_operativi.csv, indicatori_operativi.csv, modifiche.csv,
 * monitoraggio.csv.  A part that is a single 0x01 byte stands for a file
 * that is absent (parts past the end are absent too).  They are written
 * to a temporary folder and plan_load()ed; the plan must load exactly when
 * no error was reported, every message must name one of the files, and a
 * loaded plan's links must point to records of the right kind.
 *
 * Built with clang -fsanitize=fuzzer for `make fuzz`, and with
 * tests/fuzz/replay.c instead of libFuzzer for `make fuzz-replay`.
 */
#include "fuzz.h"
#include "data/plan.h"
#include "util/buf.h"
#include "util/diag.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const files[] = {
	"documento.ini",
	"missioni.csv",
	"prospettive.csv",
	"obiettivi_strategici.csv",
	"indicatori_strategici.csv",
	"programmi.csv",
	"obiettivi_operativi.csv",
	"indicatori_operativi.csv",
	"modifiche.csv",
	"monitoraggio.csv",
};
#define NFILES (sizeof files / sizeof files[0])

static void put(const char *dir, const char *name, const uint8_t *p, size_t n)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

/* Every line of s starts with dir/ and then names one of the files (or
 * is about the folder itself). */
static int check_messages(const char *s, const char *dir)
{
	size_t dl = strlen(dir);
	int errors = 0;
	while (*s) {
		const char *end = strchr(s, '\n');
		CHECK(end != NULL);
		CHECK(strncmp(s, dir, dl) == 0);
		CHECK(s[dl] == '/');
		const char *f = s + dl + 1;
		int known = 0;
		for (size_t i = 0; i < NFILES && !known; i++) {
			size_t n = strlen(files[i]);
			known = strncmp(f, files[i], n) == 0 && (f[n] == ':');
		}
		CHECK(known);
		const char *p = strstr(f, ": ");
		CHECK(p != NULL && p < end);
		if (strncmp(p + 2, "error: ", 7) == 0)
			errors++;
		else
			CHECK(strncmp(p + 2, "warning: ", 9) == 0);
		s = end + 1;
	}
	return errors;
}

static void check_plan(const plan *p)
{
	for (int i = 0; i < p->n_obiettivi; i++) {
		const obiettivo *o = &p->obiettivi[i];
		CHECK(o->missione && o->missione->r.kind == REC_MISSIONE);
		CHECK(!o->prospettiva ||
		      o->prospettiva->r.kind == REC_PROSPETTIVA);
		CHECK(plan_find(p, o->r.codice) == &o->r);
	}
	for (int i = 0; i < p->n_ind_strat; i++)
		CHECK(p->ind_strat[i].obiettivo &&
		      p->ind_strat[i].obiettivo->r.kind == REC_OBIETTIVO &&
		      p->ind_strat[i].peso > 0 &&
		      isfinite(p->ind_strat[i].peso));
	for (int i = 0; i < p->n_programmi; i++)
		CHECK(p->programmi[i].obiettivo &&
		      p->programmi[i].obiettivo->r.kind == REC_OBIETTIVO);
	for (int i = 0; i < p->n_ob_oper; i++)
		CHECK(p->ob_oper[i].programma &&
		      p->ob_oper[i].programma->r.kind == REC_PROGRAMMA);
	for (int i = 0; i < p->n_ind_oper; i++)
		CHECK(p->ind_oper[i].ob_oper &&
		      p->ind_oper[i].ob_oper->r.kind == REC_OB_OPER &&
		      p->ind_oper[i].peso > 0 && isfinite(p->ind_oper[i].peso));
	for (int i = 0; i < p->n_modifiche; i++) {
		const amendment *m = &p->modifiche[i];
		CHECK(m->rec && m->tipo < TIPO_COUNT && m->organo);
		int found = 0;
		for (const amendment *a = m->rec->first; a; a = a->next) {
			found |= a == m;
			CHECK(!a->next ||
			      pdate_cmp(&a->data, &a->next->data) <= 0);
		}
		CHECK(found);
	}
	for (int i = 0; i < p->n_misure; i++) {
		const misura *m = &p->misure[i];
		CHECK(m->indicatore && (m->indicatore->kind == REC_IND_STRAT ||
					m->indicatore->kind == REC_IND_OPER));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof dir, "%s/annex-fuzz-plan-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	size_t start = 0, k = 0;
	for (size_t i = 0; i <= size && k < NFILES; i++) {
		if (i < size && data[i] != 0)
			continue;
		size_t n = i - start;
		if (!(n == 1 && data[start] == 1))
			put(dir, files[k], data + start, n);
		k++;
		start = i + 1;
	}

	buf msgs = BUF_INIT;
	diag d;
	diag_init(&d, NULL);
	d.capture = &msgs;
	plan *p = plan_load(dir, &d);
	CHECK((p != NULL) == (d.errors == 0));
	CHECK(check_messages(buf_cstr(&msgs), dir) == d.errors);
	if (p)
		check_plan(p);
	plan_free(p);
	buf_free(&msgs);

	for (size_t i = 0; i < NFILES; i++) {
		char path[600];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}
