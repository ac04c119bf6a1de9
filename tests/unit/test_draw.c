/*
 * test_draw.c - render/draw.c: a page copied into a job (draw_job) and
 * drawn from it (draw_run) after the page's own memory is gone: each
 * marking mode (plain, artifacts, tagged with MCIDs numbered in drawing
 * order and their owners reported), the texts' escapes and missing
 * glyphs, images by name, paths, the counts, an empty page.
 */
#include "testutil.h"

#include "render/draw.h"

#include <stdlib.h>

/* The job's content as a C string for strstr: glyph codes have NULs. */
static char *visible(const buf *b)
{
	char *s = malloc(b->len + 1);
	for (size_t i = 0; i < b->len; i++)
		s[i] = b->data[i] ? b->data[i] : '.';
	s[b->len] = '\0';
	return s;
}

typedef struct page {
	lay_page lp;
	lay_item items[8];
	char text[32];
	float pt[6];
	lay_path path;
	lay_tree tree;
} page;

/* Fill, image (Figure 3), path (Figure 3), rule, text (P 2), turned
 * text: the texts and points in the page's memory. */
static void make_page(page *p)
{
	memset(p, 0, sizeof *p);
	lay_tree_init(&p->tree);
	lay_tree_add(&p->tree, 1, LAY_S_P);	 /* 2 */
	lay_tree_add(&p->tree, 1, LAY_S_FIGURE); /* 3 */
	strcpy(p->text, "Citt\xc3\xa0 (x)\\");
	memcpy(p->pt, (float[]){10, 10, 20, 20, 30, 10}, sizeof p->pt);
	p->path = (lay_path){p->pt, 3, 1, 0, 0xFF0000, LAY_NOPAINT, 0};
	lay_item *it = p->items;
	it[0] = (lay_item){.kind = LAY_FILL, .x = 1, .y = 2, .w = 3, .h = 4};
	it[1] = (lay_item){.kind = LAY_IMAGE, .w = 5, .h = 5, .sid = 3};
	it[2] = (lay_item){.kind = LAY_PATH, .sid = 3, .path = &p->path};
	it[3] = (lay_item){.kind = LAY_RULE, .w = 50, .lw = 1};
	it[4] = (lay_item){.kind = LAY_TEXT,
			   .x = 10,
			   .y = 20,
			   .h = 9,
			   .flags = LAY_SPACE,
			   .sid = 2,
			   .s = p->text,
			   .len = (uint32_t)strlen(p->text)};
	it[5] = it[4];
	it[5].angle = 45;
	it[5].sid = 0;
	p->lp = (lay_page){1, 6, 8, p->items, 0, 0, NULL};
}

static draw_font font; /* lacks 'x' */

static void run(int mode, buf *content, draw_result *r, uint32_t *owners)
{
	page *p = malloc(sizeof *p);
	make_page(p);
	const char *fname[8] = {"F1"}, *iname[1] = {"X1"};
	draw_page pg = {&p->lp, 800, mode, &p->tree, fname, iname, 1};
	buf job = BUF_INIT, res = BUF_INIT;
	draw_job(&job, &pg);
	lay_tree_free(&p->tree);
	memset(p, 0xAB, sizeof *p); /* the page's memory goes */
	free(p);
	font.box = 0x25A1;
	atomic_store(&font.missing['x' >> 3], (unsigned char)(1u << ('x' & 7)));
	const draw_font *fonts[8] = {&font};
	draw_run(fonts, &job, content, &res);
	assert_true(res.len >= sizeof *r);
	memcpy(r, res.data, sizeof *r);
	assert_int_equal(res.len, sizeof *r + r->nmc * sizeof(uint32_t));
	memcpy(owners, res.data + sizeof *r, r->nmc * sizeof(uint32_t));
	buf_free(&job);
	buf_free(&res);
}

static void test_tagged(void **state)
{
	(void)state;
	buf c = BUF_INIT;
	draw_result r;
	uint32_t own[8];
	run(DRAW_TAGGED, &c, &r, own);
	char *s = visible(&c);
	/* MCIDs in drawing order: image, path, text; the rest artifacts */
	assert_int_equal(r.nmc, 3);
	assert_int_equal(own[0], 3);
	assert_int_equal(own[1], 3);
	assert_int_equal(own[2], 2);
	const char *a = strstr(s, "/Figure <</MCID 0>> BDC\nq ");
	const char *b = strstr(s, "/Figure <</MCID 1>> BDC\nq 1 j 1 J");
	const char *t = strstr(s, "/P <</MCID 2>> BDC\n/F1 9 Tf");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(t);
	assert_true(a < b && b < t);
	assert_non_null(strstr(s, "cm /X1 Do Q"));
	assert_true(strncmp(s, "/Artifact BMC\n", 14) == 0); /* the fill */
	assert_non_null(strstr(s, "1 794 3 4 re f"));
	/* the escapes, the missing 'x' as its box, the space after */
	assert_non_null(strstr(s, ".C.i.t.t.\xe0. .\\(%\xa1.\\).\\\\. )Tj"));
	assert_int_equal(r.runs, 2);
	assert_int_equal(r.glyphs, 20);
	assert_int_equal(r.mode, DRAW_TAGGED);
	assert_int_equal(r.content, c.len);
	free(s);
	buf_free(&c);
}

static void test_modes(void **state)
{
	(void)state;
	buf c = BUF_INIT;
	draw_result r;
	uint32_t own[8];
	run(DRAW_ARTIFACT, &c, &r, own);
	char *s = visible(&c);
	assert_int_equal(r.nmc, 0);
	assert_null(strstr(s, "BDC"));
	assert_non_null(strstr(s, "/Artifact BMC"));
	assert_non_null(strstr(s, ". )Tj")); /* tagged file: the space */
	free(s);
	run(DRAW_PLAIN, &c, &r, own);
	s = visible(&c);
	assert_null(strstr(s, "BMC"));
	assert_null(strstr(s, "BDC"));
	assert_null(strstr(s, "EMC"));
	assert_null(strstr(s, ". )Tj")); /* untagged: no space */
	free(s);
	buf_free(&c);
}

static void test_empty(void **state)
{
	(void)state;
	lay_page lp = {1, 0, 0, NULL, 0, 0, NULL};
	const char *fname[8] = {0};
	draw_page pg = {&lp, 800, DRAW_TAGGED, NULL, fname, NULL, 0};
	buf job = BUF_INIT, c = BUF_INIT, res = BUF_INIT;
	draw_job(&job, &pg);
	const draw_font *fonts[8] = {&font};
	draw_run(fonts, &job, &c, &res);
	draw_result r;
	memcpy(&r, res.data, sizeof r);
	assert_int_equal(c.len, 0);
	assert_int_equal(r.content, 0);
	assert_int_equal(r.nmc, 0);
	buf_free(&job);
	buf_free(&c);
	buf_free(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tagged),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests_name("draw", tests, NULL, NULL);
}
