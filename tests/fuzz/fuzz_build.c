/*
 * fuzz_build.c - libFuzzer harness for the whole pipeline: template, plan,
 * layout and PDF, in memory.
 *
 * The input is a template and the files of a plan folder joined by NUL
 * bytes, in this order: the template, documento.ini, missioni.csv,
 * prospettive.csv, obiettivi_strategici.csv, indicatori_strategici.csv,
 * programmi.csv, obiettivi_operativi.csv, indicatori_operativi.csv,
 * modifiche.csv, monitoraggio.csv.  A part that is a single 0x01 byte
 * stands for a file that is absent (parts past the end are absent too).
 * The template's default fonts and ICC profile are found under fonts/ of
 * the current folder (run from the repository's root, as make does).
 *
 * What is loaded without errors is built with doc_build into memory (no
 * file is written; at most 30 pages are drawn).  Invariants: every
 * diagnostic is one line "PLACE: error|warning: message"; a build that
 * succeeds reported no error and gives bytes that begin with %PDF- and end
 * with %%EOF; one that fails reported at least one error.
 *
 * Built with clang -fsanitize=fuzzer for `make fuzz`, and with
 * tests/fuzz/replay.c instead of libFuzzer for `make fuzz-replay`.
 */
#include "fuzz.h"
#include "data/plan.h"
#include "document/build.h"
#include "template/template.h"
#include "util/buf.h"
#include "util/diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const files[] = {
	"t/template.ini",
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

/* Each line is "PLACE: error: ..." or "PLACE: warning: ...".  Returns
 * the number of errors. */
static int check_lines(const char *s)
{
	int errors = 0;
	while (*s) {
		const char *end = strchr(s, '\n');
		CHECK(end != NULL);
		const char *e = strstr(s, ": error: ");
		const char *w = strstr(s, ": warning: ");
		CHECK((e && e < end) || (w && w < end));
		if (e && e < end && (!w || w > end || e < w))
			errors++;
		s = end + 1;
	}
	return errors;
}

typedef struct sink {
	size_t n;
	char head[5], tail[6];
} sink;

static int to_memory(void *ctx, const void *p, size_t n)
{
	sink *s = ctx;
	const char *c = p;
	for (size_t i = 0; i < n; i++, s->n++) {
		if (s->n < 5)
			s->head[s->n] = c[i];
		memmove(s->tail, s->tail + 1, 5);
		s->tail[5] = c[i];
	}
	return 0;
}

static void build(const char *dir, diag *d)
{
	char tpath[600], out[600];
	snprintf(tpath, sizeof tpath, "%s/%s", dir, files[0]);
	snprintf(out, sizeof out, "%s/out.pdf", dir);
	tpl *t = doc_load_template(tpath, d);
	plan *p = plan_load(dir, d);
	if (t && p && d->errors == 0) {
		sink s = {0, {0}, {0}};
		build_opts o = {.epoch = 0,
				.version = "annex fuzz",
				.sink = to_memory,
				.sink_ctx = &s,
				.max_pages = 30};
		int rc = doc_build(p, t, out, &o, d);
		if (getenv("FUZZ_VERBOSE")) /* what a seed reaches */
			fprintf(stderr, "fuzz_build: built %d, %zu bytes\n", rc,
				s.n);
		if (rc == 0) {
			CHECK(d->errors == 0);
			CHECK(s.n > 100 && !memcmp(s.head, "%PDF-", 5));
			CHECK(!memcmp(s.tail, "%%EOF\n", 6));
		} else {
			CHECK(d->errors > 0);
		}
		struct stat st;
		CHECK(stat(out, &st) != 0); /* nothing written */
	}
	plan_free(p);
	tpl_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], sub[600];
	snprintf(dir, sizeof dir, "%s/annex-fuzz-build-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	snprintf(sub, sizeof sub, "%s/t", dir);
	mkdir(sub, 0700);
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
	build(dir, &d);
	CHECK(check_lines(buf_cstr(&msgs)) == d.errors);
	buf_free(&msgs);

	for (size_t i = 0; i < NFILES; i++) {
		char path[600];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(sub);
	rmdir(dir);
	return 0;
}
