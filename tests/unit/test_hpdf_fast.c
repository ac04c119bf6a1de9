/*
 * test_hpdf_fast.c - libharu's functions that render/hpdf_fast.c replaces
 * answer as libharu's own do.
 *
 * Glyph ids: for every font of the table, every one of the 65,536 BMP
 * code points gets the glyph id of libharu 2.3.0's algorithm (copied
 * below: a linear scan of the cmap's segments), the cache also after
 * other fonts were asked about and after hpdf_fast_forget.  HPDF_MemCpy:
 * copies and returns the end, overlapping too.  The deflating of
 * libharu's own streams (reached, as at a save, through libharu's
 * HPDF_Stream_WriteToStream): a stream of each size in the table inflates
 * back to itself, and is what libdeflate makes of it.
 */
#include "testutil.h"

#include "render/hpdf_fast.h"
#include "render/pdf.h"

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>

static const char *fonts[] = {
	"fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf",
	"fonts/LiberationSans-Italic.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", /* if there */
};

/* libharu 2.3.0's HPDF_TTFontDef_GetGlyphid, format 4 (a bounds check
 * made strict where libharu reads one past the array). */
static HPDF_UINT16 reference(HPDF_FontDef def, HPDF_UINT16 u)
{
	const HPDF_TTF_CmapRange *m = &((HPDF_TTFontDefAttr)def->attr)->cmap;
	HPDF_UINT seg = m->seg_count_x2 / 2, i;
	for (i = 0; i < seg; i++)
		if (u <= m->end_count[i])
			break;
	if (i == seg || m->start_count[i] > u)
		return 0;
	if (m->id_range_offset[i] == 0)
		return (HPDF_UINT16)(u + m->id_delta[i]);
	HPDF_UINT idx =
		m->id_range_offset[i] / 2 + (u - m->start_count[i]) - (seg - i);
	if (idx >= m->glyph_id_array_count)
		return 0;
	return (HPDF_UINT16)(m->glyph_id_array[idx] + m->id_delta[i]);
}

static void test_glyph_ids(void **state)
{
	(void)state;
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_FontDef defs[ARRAY_LEN(fonts)];
	int n = 0;
	for (size_t k = 0; k < ARRAY_LEN(fonts); k++) {
		FILE *f = fopen(fonts[k], "rb");
		if (!f)
			continue;
		fclose(f);
		const char *name = HPDF_LoadTTFontFromFile(pdf, fonts[k], 1);
		assert_non_null(name);
		defs[n++] = HPDF_GetFontDef(pdf, name);
	}
	assert_true(n >= 3);
	for (int pass = 0; pass < 2; pass++) {
		long mapped = 0;
		for (int k = 0; k < n; k++)
			for (unsigned u = 0; u < 65536; u++) {
				HPDF_UINT16 want =
					reference(defs[k], (HPDF_UINT16)u);
				HPDF_UINT16 got = HPDF_TTFontDef_GetGlyphid(
					defs[k], (HPDF_UINT16)u);
				if (got != want)
					fail_msg("%s U+%04X: %u, libharu %u",
						 fonts[k], u, got, want);
				mapped += want != 0;
			}
		assert_true(mapped > 3 * 2000); /* the fonts were read */
		/* interleaved lookups hit the right table */
		assert_int_equal(HPDF_TTFontDef_GetGlyphid(defs[0], 'A'),
				 reference(defs[0], 'A'));
		assert_int_equal(HPDF_TTFontDef_GetGlyphid(defs[1], 0x20AC),
				 reference(defs[1], 0x20AC));
		hpdf_fast_forget();
	}
	HPDF_Free(pdf);
}

static void test_memcpy(void **state)
{
	(void)state;
	HPDF_BYTE a[16] = "abcdefghijklmno", b[16] = {0};
	assert_ptr_equal(HPDF_MemCpy(b, a, 5), b + 5);
	assert_memory_equal(b, "abcde", 5);
	assert_int_equal(b[5], 0);
	assert_ptr_equal(HPDF_MemCpy(b, a, 0), b);
	HPDF_MemCpy(a + 2, a, 6); /* overlapping */
	assert_memory_equal(a, "ababcdefijklmno", 15);
}

static const size_t sizes[] = {1, 100, 4095, 4096, 4097, 70000, 300000};

static void test_deflate(void **state)
{
	(void)state;
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
	for (size_t k = 0; k < ARRAY_LEN(sizes); k++) {
		size_t n = sizes[k];
		HPDF_BYTE *data = malloc(n), *back = malloc(n + 1);
		for (size_t i = 0; i < n; i++)
			data[i] = (HPDF_BYTE)((i * 7 + i / 300) % 61);
		HPDF_Stream src = HPDF_MemStream_New(pdf->mmgr, 4096);
		HPDF_Stream dst = HPDF_MemStream_New(pdf->mmgr, 4096);
		assert_int_equal(HPDF_Stream_Write(src, data, (HPDF_UINT)n),
				 HPDF_OK);
		assert_int_equal(HPDF_Stream_WriteToStream(
					 src, dst,
					 HPDF_STREAM_FILTER_FLATE_DECODE, NULL),
				 HPDF_OK);
		HPDF_UINT zn = HPDF_Stream_Size(dst);
		HPDF_BYTE *z = malloc(zn);
		HPDF_Stream_Seek(dst, 0, HPDF_SEEK_SET);
		HPDF_UINT got = zn;
		HPDF_Stream_Read(dst, z, &got);
		assert_int_equal(got, zn);
		size_t out = 0;
		assert_int_equal(
			libdeflate_zlib_decompress(d, z, zn, back, n + 1, &out),
			LIBDEFLATE_SUCCESS);
		assert_int_equal(out, n);
		assert_memory_equal(back, data, n);
		/* deflated here, not by libharu's zlib */
		struct libdeflate_compressor *c =
			libdeflate_alloc_compressor(RND_DEFLATE_LEVEL);
		HPDF_BYTE *mine = malloc(n + 1024);
		size_t mn =
			libdeflate_zlib_compress(c, data, n, mine, n + 1024);
		assert_int_equal(mn, zn);
		assert_memory_equal(mine, z, zn);
		libdeflate_free_compressor(c);
		free(mine);
		HPDF_Stream_Free(src);
		HPDF_Stream_Free(dst);
		free(z);
		free(data);
		free(back);
	}
	libdeflate_free_decompressor(d);
	HPDF_Free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glyph_ids),
		cmocka_unit_test(test_memcpy),
		cmocka_unit_test(test_deflate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
