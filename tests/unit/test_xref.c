/*
 * test_xref.c - render/xref.c's save: objects appended after libharu's
 * are numbered after libharu's last (also after the objects libharu makes
 * while saving a TrueType font), every line of the cross-reference table
 * points at its "N 0 obj", a libharu object's write hook can refer to the
 * appended ones, and /Size counts them; hpdf_fast.c's HPDF_List_Add keeps
 * the order and grows geometrically.
 */
#include "testutil.h"

#include "render/xref.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>

/* The appended objects: <</T i>>; begin() records the first number. */
static uint32_t first_seen;

static void begin(void *ctx, uint32_t first)
{
	(void)ctx;
	first_seen = first;
}

static void put(void *ctx, uint32_t i, buf *b)
{
	(void)ctx;
	buf_puts(b, "<</T ");
	buf_put_uint(b, i);
	buf_puts(b, ">>");
}

/* A libharu dictionary that refers to appended object 7. */
static HPDF_STATUS write_ref(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	buf b = BUF_INIT;
	buf_puts(&b, "/Ref");
	xref_put_ref(&b, first_seen + 7);
	buf_putc(&b, '\012');
	HPDF_STATUS rc = HPDF_Stream_Write(out, (const HPDF_BYTE *)b.data,
					   (HPDF_UINT)b.len);
	buf_free(&b);
	return rc;
}

/* The saved file, in memory. */
static char *save(HPDF_Doc pdf, size_t *len)
{
	assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
	*len = HPDF_GetStreamSize(pdf);
	char *s = malloc(*len + 1);
	HPDF_UINT32 n = (HPDF_UINT32)*len;
	assert_int_equal(HPDF_ReadFromStream(pdf, (HPDF_BYTE *)s, &n), HPDF_OK);
	s[n] = '\0';
	return s;
}

/* The last occurrence of w in s[0, len) (the file holds binary
 * streams: no strstr). */
static const char *find(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
		if (memcmp(s + i, w, n) == 0)
			return s + i;
	return NULL;
}

/* Every in-use line of the table points at its object; returns /Size. */
static unsigned check_table(const char *s, size_t len)
{
	const char *sx = find(s, len, "startxref\012");
	assert_non_null(sx);
	size_t at = strtoul(sx + 10, NULL, 10);
	assert_true(at < len);
	assert_memory_equal(s + at, "xref\0120 ", 7);
	char *p;
	unsigned count = (unsigned)strtoul(s + at + 7, &p, 10);
	p++; /* \012 */
	for (unsigned i = 0; i < count; i++, p += 20) {
		assert_int_equal(p[18], '\015');
		if (p[17] != 'n')
			continue;
		size_t off = strtoul(p, NULL, 10);
		char want[32];
		int k = snprintf(want, sizeof want, "%u 0 obj\012", i);
		assert_memory_equal(s + off, want, (size_t)k);
	}
	const char *sz = find(s, len, "/Size ");
	assert_non_null(sz);
	assert_int_equal(strtoul(sz + 6, NULL, 10), count);
	return count;
}

static HPDF_Doc doc_with_font(void)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	const char *name = HPDF_LoadTTFontFromFile(
		pdf, "fonts/LiberationSans-Regular.ttf", HPDF_TRUE);
	assert_non_null(name);
	HPDF_Page page = HPDF_AddPage(pdf);
	HPDF_Page_SetFontAndSize(page, HPDF_GetFont(pdf, name, "UTF-8"), 12);
	HPDF_Page_BeginText(page);
	HPDF_Page_ShowText(page, "Città");
	HPDF_Page_EndText(page);
	return pdf;
}

static void test_appended(void **state)
{
	(void)state;
	HPDF_Doc pdf = doc_with_font();
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	assert_int_equal(HPDF_Xref_Add(pdf->xref, d), HPDF_OK);
	d->write_fn = write_ref;
	HPDF_Dict_Add(pdf->catalog, "Test", d);
	HPDF_UINT before = pdf->xref->entries->count;
	xref_extra x = {1000, begin, put, NULL};
	xref_extra_set(pdf, &x);
	size_t len;
	char *s = save(pdf, &len);
	xref_extra_set(pdf, NULL);
	/* the font's objects made at the save come before the appended */
	assert_true(first_seen > before);
	assert_int_equal(first_seen, pdf->xref->entries->count);
	assert_int_equal(check_table(s, len), first_seen + 1000);
	char want[64];
	snprintf(want, sizeof want, "\012%u 0 obj\012<</T 7>>\012endobj",
		 first_seen + 7);
	assert_non_null(find(s, len, want));
	snprintf(want, sizeof want, "/Ref %u 0 R", first_seen + 7);
	assert_non_null(find(s, len, want));
	free(s);
	HPDF_Free(pdf);
}

static void test_none(void **state)
{
	(void)state;
	HPDF_Doc pdf = doc_with_font();
	size_t len;
	char *s = save(pdf, &len);
	assert_int_equal(check_table(s, len), pdf->xref->entries->count);
	free(s);
	HPDF_Free(pdf);
}

static void test_list_add(void **state)
{
	(void)state;
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_List l = HPDF_List_New(pdf->mmgr, 8);
	for (uintptr_t i = 1; i <= 100000; i++) {
		assert_int_equal(HPDF_List_Add(l, (void *)i), HPDF_OK);
		assert_true(l->block_siz >= l->count);
		assert_true(l->block_siz <= 2 * l->count + 8);
	}
	for (uintptr_t i = 1; i <= 100000; i++)
		assert_true(HPDF_List_ItemAt(l, (HPDF_UINT)(i - 1)) ==
			    (void *)i);
	HPDF_List_Free(l);
	HPDF_Free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appended),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_list_add),
	};
	return cmocka_run_group_tests_name("xref", tests, NULL, NULL);
}
