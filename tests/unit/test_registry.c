/*
 * test_registry.c - the part registry (reports/registry.c): a new part is
 * one descriptor and one line in a list.
 *
 * The toy part below is all a new part needs: a struct for what the
 * template says, its key rows (a title, a number and a table of columns
 * with one fill function each) and run.  Given to tpl_load() and
 * doc_build() through a list of its own (what the X(NAME) line of
 * registry.c does for annex's parts), its keys are read, checked, listed
 * and suggested, and it is typeset into a real PDF.
 */
#include "testutil.h"

#include "document/build.h"
#include "reports/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- the toy part: what reports/toy.c would hold ---------------------- */

typedef struct toy_conf {
	tpl_table table;
	float weight;
} toy_conf;

typedef const char *(*toy_fill)(rep *r, int row);

static int rows_run; /* what run did, for the test */
static float weight_seen;

static const char *fill_row(rep *r, int row)
{
	return arena_printf(&r->a, "riga %d", row + 1);
}

static const char *fill_square(rep *r, int row)
{
	return arena_printf(&r->a, "%d", (row + 1) * (row + 1));
}

static const tpl_coldef toy_cols[] = {
	REP_COL("riga", "10", "left", "Riga", fill_row, 0),
	REP_COL("quadrato", "5", "right", "Quadrato", fill_square, 0),
	REP_COL_END,
};

static void *toy_run(rep *r, const void *conf)
{
	const toy_conf *c = conf;
	const tpl_table *tt = &c->table;
	rep_part_heading(r, tt->title);
	tbl_opts o = rep_tbl_opts(r);
	tbl *t = rep_table_begin(r, tt, &o, -1, NULL);
	for (int row = 0; row < 3; row++) {
		tbl_cell cells[TBL_MAX_COLS];
		for (int i = 0; i < tt->ncols; i++)
			cells[i] = rep_cell(
				((toy_fill)tt->cols[i].fill)(r, row), ST_BODY);
		tbl_row(t, TBL_BODY, cells, tt->ncols, NULL);
		rows_run++;
	}
	tbl_end(t);
	weight_seen = c->weight;
	return NULL;
}

static const tpl_key toy_keys[] = {
	TK_ROW("toy:title", TK_TEXT, offsetof(toy_conf, table.title), "GIOCO",
	       0, 0, NULL, "heading of the toy part"),
	TK_ROW("toy:columns", TK_COLUMNS, offsetof(toy_conf, table), NULL, 0, 0,
	       toy_cols, "the toy's columns, in order"),
	TK_ROW("toy:weight", TK_NUMBER, offsetof(toy_conf, weight), "1", 0, 10,
	       NULL, "a number of the toy"),
};

static const rep_part rep_part_toy = {
	.tpl = {"toy", toy_keys, REP_NKEYS(toy_keys), sizeof(toy_conf), NULL},
	.run = toy_run,
};

/* ---- the registry line ------------------------------------------------- */

static const tpl_partdef *const parts[] = {&rep_part_toy.tpl, NULL};

/* ---- tests ------------------------------------------------------------- */

static char *write_tmp(const char *text)
{
	char *path = malloc(64);
	snprintf(path, 64, "/tmp/annex-test-regXXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
	return path;
}

static tpl *load(const char *text, buf *msgs, char **path)
{
	*path = write_tmp(text);
	diag d;
	diag_init(&d, NULL);
	d.capture = msgs;
	return tpl_load(*path, parts, &d);
}

static void test_toy_part_builds(void **state)
{
	(void)state;
	buf msgs = BUF_INIT;
	char *tp;
	tpl *t = load("[document]\nparts = toy\n[toy]\ntitle = Prova\n"
		      "columns = quadrato, riga\nweight = 2.5\n",
		      &msgs, &tp);
	assert_non_null(t);
	assert_int_equal(t->nparts, 1);
	const toy_conf *c = tpl_conf(t, &rep_part_toy.tpl);
	assert_string_equal(c->table.title, "Prova");
	assert_int_equal(c->table.ncols, 2);
	assert_string_equal(c->table.cols[0].key, "quadrato");
	assert_true(c->table.cols[1].fill == (tpl_fill)fill_row);

	diag d;
	diag_init(&d, NULL);
	d.capture = &msgs;
	plan *p = plan_load("input", &d);
	assert_non_null(p);
	char *out = write_tmp("");
	build_opts o = {.epoch = 0, .version = "test"};
	rows_run = 0;
	assert_int_equal(doc_build(p, t, out, &o, &d), 0);
	assert_int_equal(rows_run, 3);
	assert_true(weight_seen == 2.5f);
	FILE *f = fopen(out, "rb");
	assert_non_null(f);
	char head[5] = {0};
	assert_int_equal(fread(head, 1, 4, f), 4);
	assert_string_equal(head, "%PDF");
	fclose(f);
	unlink(out);
	unlink(tp);
	free(out);
	free(tp);
	plan_free(p);
	tpl_free(t);
	buf_free(&msgs);
}

static void test_toy_keys_checked(void **state)
{
	(void)state;
	buf msgs = BUF_INIT;
	char *tp;
	tpl *t = load("[toy]\nweight = nan\ncolumns = riga, cubo\nwieght = 3\n"
		      "[document]\nparts = toy, nope\n",
		      &msgs, &tp);
	assert_null(t);
	const char *m = buf_cstr(&msgs);
	assert_non_null(strstr(m, ":2: error: toy:weight = 'nan'"));
	assert_non_null(strstr(m, ":3: error: toy:columns = 'cubo'"));
	assert_non_null(strstr(m, "did you mean 'toy:weight'"));
	assert_non_null(strstr(m, ":6: error: document:parts = 'nope': "
				  "unknown part; the parts are: toy"));
	unlink(tp);
	free(tp);
	buf_free(&msgs);
}

static void test_toy_keys_listed(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	tpl_print_keys(f, parts, 0);
	fclose(f);
	assert_non_null(strstr(text, "toy:weight = 1\n"));
	assert_non_null(strstr(text, "toy:width.quadrato = 5\n"));
	assert_non_null(strstr(text, "toy:heading.riga = Riga\n"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toy_part_builds),
		cmocka_unit_test(test_toy_keys_checked),
		cmocka_unit_test(test_toy_keys_listed),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
