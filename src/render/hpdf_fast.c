/*
 * hpdf_fast.c - libharu's slowest internal functions, replaced: most of
 * the fixed cost of every build.
 *
 * libharu calls its own exported functions through the PLT, so a function
 * of the same name and type defined here is the one its calls reach too
 * (with a libharu that did not, they would only be slower).  Each
 * replacement gives libharu what its own would, as far as libharu can
 * tell; test_hpdf_fast checks them against the originals' algorithms.
 *
 * 1. Glyph ids.
 * With the UTF-8 encoder, libharu builds each Type0 font's widths and
 * CIDToGIDMap when the font is created by asking
 * HPDF_TTFontDef_GetGlyphid for every one of the 65,536 BMP code points,
 * and that function scans the cmap's segments from the first each time:
 * about 40 million instructions a font, half of a one-page build.  Here
 * the answer, the same as libharu's code point by code point, comes from
 * a table of the 65,536 glyph ids
 * built in one pass over the cmap the first time a font is asked about:
 * the segment a code point falls in only moves forward as the code point
 * grows.  The tables are dropped with the document (hpdf_fast_forget).
 *
 * 2. HPDF_MemCpy, libharu's byte-by-byte copy (every stream and font file
 * goes through it): memmove.
 *
 * 3. HPDF_Stream_WriteToStreamWithDeflate, which deflates the streams
 * libharu writes itself at the save (the embedded font subsets, their
 * CIDToGIDMaps, the ICC profile) with zlib through 4 KB buffers: the
 * whole stream deflated at once by libdeflate at annex's level, as the
 * pages are (pack.c).  annex never encrypts; an encrypted stream would be
 * encrypted in one piece.
 *
 * 4. HPDF_List_Add, which grows a full list by a fixed block (the
 * cross-reference table's list by 1,024 entries): quadratic copying,
 * with a fresh mapping of the whole list each time, on a tagged
 * document's 350,000 objects (13% of a 10,000-indicator build).  Here a
 * list grows by its block while smaller than one, then doubles.
 *
 * Only the main thread calls libharu (pack.c's workers never do), so the
 * cache needs no lock.
 */
#include "hpdf_fast.h"
#include "pdf.h"
#include "../util/arena.h"
#include "../util/atomic.h"
#include "../util/buf.h"

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_utils.h>
#include <libdeflate.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define CACHED (RND_MAX_FONTS * 2)

static struct {
	HPDF_FontDef def;
	const HPDF_UINT16 *end_count; /* the cmap the table was made from */
	HPDF_UINT16 *gid;	      /* 65,536 glyph ids */
} cache[CACHED];
static int next_victim, last;

/* Glyph id of code point u in segment i, as libharu computes it. */
static HPDF_UINT16 in_segment(const HPDF_TTF_CmapRange *m, HPDF_UINT seg,
			      HPDF_UINT i, HPDF_UINT16 u)
{
	if (m->start_count[i] > u)
		return 0;
	if (m->id_range_offset[i] == 0)
		return (HPDF_UINT16)(u + m->id_delta[i]);
	HPDF_UINT idx =
		m->id_range_offset[i] / 2 + (u - m->start_count[i]) - (seg - i);
	/* libharu reads one past the array when idx equals its count */
	if (idx >= m->glyph_id_array_count)
		return 0;
	return (HPDF_UINT16)(m->glyph_id_array[idx] + m->id_delta[i]);
}

static HPDF_UINT16 *make_table(const HPDF_TTF_CmapRange *m)
{
	HPDF_UINT16 *t = xmalloc(65536 * sizeof *t);
	HPDF_UINT seg = m->seg_count_x2 / 2, i = 0;
	for (HPDF_UINT u = 0; u < 65536; u++) {
		while (i < seg && u > m->end_count[i])
			i++;
		t[u] = i < seg ? in_segment(m, seg, i, (HPDF_UINT16)u) : 0;
	}
	return t;
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)fontdef->attr;
	const HPDF_TTF_CmapRange *m = &attr->cmap;
	if (m->format == 0)
		return m->glyph_id_array[unicode & 0xFF];
	if (m->seg_count_x2 == 0) {
		HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
		return 0;
	}
	if (cache[last].def == fontdef && cache[last].end_count == m->end_count)
		return cache[last].gid[unicode];
	for (int k = 0; k < CACHED; k++)
		if (cache[k].def == fontdef &&
		    cache[k].end_count == m->end_count) {
			last = k;
			return cache[k].gid[unicode];
		}
	int k = last = next_victim;
	next_victim = (next_victim + 1) % CACHED;
	free(cache[k].gid);
	cache[k].def = fontdef;
	cache[k].end_count = m->end_count;
	cache[k].gid = make_table(m);
	return cache[k].gid[unicode];
}

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (n)
		memmove(out, in, n);
	return out + n;
}

HPDF_STATUS HPDF_List_Add(HPDF_List list, void *item)
{
	if (list->count >= list->block_siz) {
		HPDF_UINT step = list->block_siz > list->items_per_block
					 ? list->block_siz
					 : list->items_per_block;
		HPDF_UINT n = list->block_siz + step;
		if (n < list->block_siz || n > UINT_MAX / sizeof(void *))
			return HPDF_SetError(list->error,
					     HPDF_FAILD_TO_ALLOC_MEM, 0);
		void **obj = HPDF_GetMem(list->mmgr, n * sizeof(void *));
		if (!obj)
			return HPDF_Error_GetCode(list->error);
		if (list->obj) {
			memcpy(obj, list->obj, list->count * sizeof(void *));
			HPDF_FreeMem(list->mmgr, list->obj);
		}
		list->obj = obj;
		list->block_siz = n;
	}
	list->obj[list->count++] = item;
	return HPDF_OK;
}

void hpdf_fast_forget(void)
{
	for (int k = 0; k < CACHED; k++) {
		free(cache[k].gid);
		cache[k].gid = NULL;
		cache[k].def = NULL;
		cache[k].end_count = NULL;
	}
	next_victim = last = 0;
}

HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src,
						 HPDF_Stream dst,
						 HPDF_Encrypt e)
{
	HPDF_STATUS ret = HPDF_Stream_Seek(src, 0, HPDF_SEEK_SET);
	if (ret != HPDF_OK)
		return ret;
	buf in = BUF_INIT, out = BUF_INIT;
	for (;;) {
		HPDF_UINT n = 64 * 1024;
		buf_reserve(&in, n);
		ret = HPDF_Stream_Read(src, (HPDF_BYTE *)in.data + in.len, &n);
		in.len += n;
		if (ret == HPDF_STREAM_EOF)
			break;
		if (ret != HPDF_OK) {
			buf_free(&in);
			return ret;
		}
	}
	struct libdeflate_compressor *c =
		libdeflate_alloc_compressor(RND_DEFLATE_LEVEL);
	if (!c)
		oom_exit();
	size_t cap = libdeflate_zlib_compress_bound(c, in.len);
	buf_reserve(&out, cap);
	out.len = libdeflate_zlib_compress(c, in.data, in.len, out.data, cap);
	libdeflate_free_compressor(c);
	if (e) {
		buf enc = BUF_INIT;
		buf_reserve(&enc, out.len);
		HPDF_Encrypt_CryptBuf(e, (HPDF_BYTE *)out.data,
				      (HPDF_BYTE *)enc.data,
				      (HPDF_UINT)out.len);
		memcpy(out.data, enc.data, out.len);
		buf_free(&enc);
	}
	ret = HPDF_Stream_Write(dst, (HPDF_BYTE *)out.data, (HPDF_UINT)out.len);
	buf_free(&in);
	buf_free(&out);
	return ret;
}
