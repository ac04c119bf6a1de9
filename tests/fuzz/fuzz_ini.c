/*
 * fuzz_ini.c - libFuzzer harness for INI reading (src/data/ini.c) and the
 * template loader on top of it (src/template/template.c).
 *
 * The input bytes are written to a temporary file, which is read twice:
 * as a template (tpl_load, which asks for every template key and warns
 * about the others) and as a documento.ini (ini_open, ini_get of its keys
 * and of names that are sections or missing, ini_warn_unused).  Every
 * diagnostic must have the form "FILE[:LINE]: error|warning: ", and
 * tpl_load must fail exactly when it reported an error.
 *
 * Built with clang -fsanitize=fuzzer for `make fuzz`, and with
 * tests/fuzz/replay.c instead of libFuzzer for `make fuzz-replay`.
 */
#include "fuzz.h"
#include "data/ini.h"
#include "document/build.h"
#include "layout/table.h"
#include "reports/report.h"
#include "template/template.h"
#include "util/buf.h"
#include "util/diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every number and table of every part's keys is in its range. */
static void check_parts(const tpl *t)
{
	for (int k = 0; t->defs[k]; k++) {
		const tpl_partdef *def = t->defs[k];
		const char *conf = t->conf[k];
		for (int i = 0; i < def->nkeys; i++) {
			const tpl_key *key = &def->keys[i];
			const void *f = conf + key->off;
			if (key->type == TK_COLUMNS) {
				const tpl_table *tt = f;
				CHECK(tt->ncols >= 0 &&
				      tt->ncols <= TBL_MAX_COLS);
			} else if (key->type == TK_NUMBER ||
				   key->type == TK_LENGTH) {
				float x = *(const float *)f;
				CHECK(x >= key->lo && x <= key->hi);
			} else if (key->type == TK_INT) {
				int x = *(const int *)f;
				CHECK(x >= key->lo && x <= key->hi);
			}
		}
	}
}

static void fuzz_template(const char *path)
{
	buf msgs = BUF_INIT;
	diag d;
	diag_init(&d, NULL);
	d.capture = &msgs;
	tpl *t = doc_load_template(path, &d);
	CHECK((t != NULL) == (d.errors == 0));
	CHECK(fuzz_check_messages(buf_cstr(&msgs), path) == d.errors);
	if (t) {
		CHECK(t->nparts >= 0 && t->nparts <= t->part_list.n);
		check_parts(t);
		for (int i = 0; i < FONT_COUNT; i++)
			CHECK(t->font_path[i] != NULL);
		/* Every number is finite and in range (issue 11). */
		const float len[] = {t->geo.left,   t->geo.right,   t->geo.top,
				     t->geo.bottom, t->pad_x,	    t->pad_y,
				     t->part_gap,   t->border_width};
		for (size_t i = 0; i < sizeof len / sizeof len[0]; i++)
			CHECK(len[i] >= 0 && len[i] <= 2000);
		for (int i = 0; i < ST_COUNT; i++)
			CHECK(t->styles[i].size >= 3 &&
			      t->styles[i].size <= 72);
	}
	tpl_free(t);
	buf_free(&msgs);
}

static void fuzz_documento(const char *path)
{
	static const char *const known[] = {
		"documento:ente",
		"documento:titolo",
		"documento:allegato",
		"documento:organo",
		"documento:delibera_numero",
		"documento:delibera_data",
		"documento:anno",
	};
	/* Names that may be sections, or nothing at all. */
	static const char *const odd[] = {"documento", "", ":",
					  "documento:", "page:size"};
	buf msgs = BUF_INIT;
	diag d;
	diag_init(&d, NULL);
	d.capture = &msgs;
	ini_doc *ini = ini_open(path, "documento.ini", &d);
	if (ini) {
		for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
			int line = -1;
			const char *v = ini_get(ini, known[i], &line);
			CHECK(line >= 0);
			CHECK(!v || line > 0);
			if (v)
				CHECK(strlen(v) < 1024);
		}
		for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
			(void)ini_get(ini, odd[i], NULL);
		(void)ini_has_section(ini, "documento");
		ini_warn_unused(ini, known,
				(int)(sizeof known / sizeof known[0]), &d);
		ini_close(ini);
	} else {
		CHECK(d.errors > 0);
	}
	CHECK(fuzz_check_messages(buf_cstr(&msgs), "documento.ini") ==
	      d.errors);
	buf_free(&msgs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/annex-fuzz-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		abort();
	}
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(fd, data + done, size - done);
		if (w <= 0) {
			perror("write");
			abort();
		}
		done += (size_t)w;
	}
	close(fd);
	fuzz_template(path);
	fuzz_documento(path);
	unlink(path);
	return 0;
}
