/*
 * fuzz_csv.c - libFuzzer harness for the CSV reader (src/data/csv.c).
 *
 * The input bytes are one CSV file.  They are parsed twice, with
 * csv_parse() and csv_parse_partial(), and the tables handed on are
 * checked against the contract of csv.h: on failure no rows (csv_parse)
 * or only rows read cleanly (csv_parse_partial), rows in line order,
 * fields valid UTF-8 with no CR, trimmed, within the limits.  A broken
 * invariant aborts, which libFuzzer reports like a crash.  Diagnostics go
 * to a buffer and each must have the form "file[:line]: error|warning: ".
 *
 * Built with clang -fsanitize=fuzzer for `make fuzz`, and with
 * tests/fuzz/replay.c instead of libFuzzer for `make fuzz-replay`.
 */
#include "fuzz.h"
#include "data/csv.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_table(const csv_table *t)
{
	int prev = 0;
	CHECK(t->nrows >= 0 && t->nrows <= CSV_MAX_ROWS + 1);
	CHECK(t->nrows == 0 || t->rows != NULL);
	CHECK(t->sep == ';' || t->sep == ',' || t->sep == '\t');
	for (int i = 0; i < t->nrows; i++) {
		const csv_row *r = &t->rows[i];
		int nonempty = 0;
		CHECK(r->line > prev);
		prev = r->line;
		CHECK(r->nfields >= 1 && r->nfields <= CSV_MAX_FIELDS);
		for (int j = 0; j < r->nfields; j++) {
			const char *f = r->fields[j];
			size_t n = strlen(f);
			CHECK(n <= CSV_MAX_FIELD_BYTES);
			CHECK(utf8_valid(f, n));
			CHECK(!memchr(f, '\r', n));
			if (n) {
				nonempty = 1;
				CHECK(f[0] != ' ' && f[0] != '\t');
				CHECK(f[n - 1] != ' ' && f[n - 1] != '\t');
			}
			CHECK(csv_field(r, j) == f);
		}
		CHECK(nonempty);
		CHECK(*csv_field(r, r->nfields) == '\0');
		CHECK(*csv_field(r, -1) == '\0');
	}
	if (t->nrows > 0) {
		/* Every header name is found again (the first of equal
		 * names), and names that fold to "" never are. */
		const csv_row *h = &t->rows[0];
		for (int j = 0; j < h->nfields; j++) {
			int k = csv_column(t, h->fields[j]);
			CHECK(k >= -1 && k <= j);
		}
	}
	CHECK(csv_column(t, "") == -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena a;
	buf msgs = BUF_INIT;
	diag d;
	csv_table t;

	arena_init(&a, 16 * 1024);
	diag_init(&d, NULL);
	d.capture = &msgs;

	int rc = csv_parse("x.csv", (const char *)data, size, &t, &a, &d);
	CHECK((rc == 0) == (d.errors == 0));
	CHECK(fuzz_check_messages(buf_cstr(&msgs), "x.csv") == d.errors);
	if (rc == 0)
		CHECK(t.nrows >= 1);
	else
		CHECK(t.nrows == 0 && t.rows == NULL);
	check_table(&t);
	int rows = t.nrows, errors = d.errors, warnings = d.warnings;

	/* The same input, keeping what was read cleanly: the same
	 * messages, and the same rows when there was no error. */
	buf_reset(&msgs);
	d.errors = d.warnings = 0;
	int rc2 = csv_parse_partial("x.csv", (const char *)data, size, &t, &a,
				    &d);
	CHECK(rc2 == rc && d.errors == errors && d.warnings == warnings);
	CHECK(rc != 0 || t.nrows == rows);
	check_table(&t);

	arena_free(&a);
	buf_free(&msgs);
	return 0;
}
