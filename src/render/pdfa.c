/*
 * pdfa.c - PDF/A-2u for libharu 2.3.0 documents (design in pdfa.h).
 *
 * Everything here works on libharu's in-memory object tree (HPDF_Dict,
 * HPDF_Array, HPDF_Stream) before the save; nothing is written to the file
 * directly.  pdfa_prepare() first checks and computes everything that can
 * fail without touching the document (fonts, annotations, ICC profile,
 * text, dates), then edits it.  The internal libharu calls used here record
 * errors in the document (HPDF_SetError) without calling the application's
 * error handler; we turn them into a message.
 *
 * libharu details this relies on, read from the 2.3.0 sources and checked
 * on its output:
 *  - HPDF_Doc_Rec exposes catalog, info, trailer, xref, font_mgr (every
 *    font HPDF_GetFont made), page_list and pdf_version (used by the header
 *    writer at save time).
 *  - HPDF_Dict_Add replaces an existing key in place, so the key order, and
 *    with it the output, stays deterministic.
 *  - HPDF_DictStream_New makes an indirect stream object with filter NONE;
 *    a stream is written with dict->filter at save time.
 *  - A Type0 TrueType font's before-write hook only copies the font's
 *    filter to its ToUnicode stream; replacing dict->stream of that stream
 *    object is therefore enough to change what is written.
 */
#include "pdfa.h"

#include <hpdf.h>
#include <hpdf_encrypt.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_ICC_SIZE	 (4L * 1024 * 1024)
#define MAX_TEXT_BYTES	 32767 /* ISO 19005-2, 6.1.13: longest string */
#define MEM_STREAM_CHUNK 8192  /* libharu memory stream block size */
#define DEFAULT_PRODUCER "Haru Free PDF Library " HPDF_VERSION_TEXT

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

typedef struct errbuf {
	char *msg;
	size_t len;
} errbuf;

static int fail(errbuf *e, const char *fmt, ...) PRINTF_LIKE(2, 3);

static int fail(errbuf *e, const char *fmt, ...)
{
	if (e->msg && e->len > 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, e->len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* ---- growable byte buffer ---------------------------------------------- */

typedef struct sbuf {
	char *p;
	size_t len, cap;
	int oom;
} sbuf;

static void sb_put(sbuf *b, const void *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *q = realloc(b->p, cap);
		if (!q) {
			b->oom = 1;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

/* ---- UTF-8 text -------------------------------------------------------- */

/* Decode the code point at s[*i] (strict: no overlongs, no surrogates, at
 * most U+10FFFF) and advance *i; -1 on malformed input. */
static long u8_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i];
	uint32_t cp, min;
	size_t len;

	if (c < 0x80) {
		(*i)++;
		return (long)c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return -1;
	}
	if (n - *i < len)
		return -1;
	for (size_t k = 1; k < len; k++) {
		unsigned d = s[*i + k];
		if ((d & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (d & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += len;
	return (long)cp;
}

static size_t u8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A code point XML 1.0 cannot carry, even as a character reference. */
static int xml_forbidden(uint32_t cp)
{
	return (cp < 0x20 && cp != 0x09 && cp != 0x0A && cp != 0x0D) ||
	       cp == 0xFFFE || cp == 0xFFFF;
}

/*
 * Check a UTF-8 field and copy it with XML-forbidden characters replaced by
 * spaces, so that Info and XMP get the same text.  NULL or "" gives NULL
 * (field absent).  Returns 0, or -1 with a message.
 */
static int clean_text(const char *field, const char *in, char **out, errbuf *e)
{
	*out = NULL;
	if (!in || !*in)
		return 0;
	size_t n = strlen(in), i = 0, o = 0, units = 0;
	const unsigned char *s = (const unsigned char *)in;
	char *r = malloc(n + 1);
	if (!r)
		return fail(e, "out of memory");
	while (i < n) {
		size_t at = i;
		long cp = u8_next(s, n, &i);
		if (cp < 0) {
			free(r);
			return fail(e, "%s: invalid UTF-8 at byte %zu", field,
				    at);
		}
		if (xml_forbidden((uint32_t)cp))
			cp = ' ';
		units += cp > 0xFFFF ? 2 : 1;
		o += u8_put((uint32_t)cp, r + o);
	}
	r[o] = '\0';
	if (2 + 2 * units > MAX_TEXT_BYTES) {
		free(r);
		return fail(e, "%s: longer than a PDF string may be", field);
	}
	*out = r;
	return 0;
}

/* What XML text must escape; character references for the line ends and
 * tabs survive XML end-of-line handling. */
static const char *const xml_entity[128] = {
	['&'] = "&amp;",   ['<'] = "&lt;",  ['>'] = "&gt;",   ['"'] = "&quot;",
	['\''] = "&apos;", ['\t'] = "&#9;", ['\n'] = "&#10;", ['\r'] = "&#13;",
};

static void xml_escape(sbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 128 && xml_entity[c])
			sb_str(b, xml_entity[c]);
		else
			sb_put(b, s, 1);
	}
}

/* A PDF text string object for clean UTF-8 s: a literal string if s is
 * printable ASCII (the same bytes in PDFDocEncoding), else UTF-16BE with a
 * byte order mark, written by libharu in hex.  NULL when out of memory. */
static void *text_object(HPDF_MMgr mmgr, const char *s)
{
	size_t n = strlen(s), i = 0, o = 2;
	const unsigned char *u = (const unsigned char *)s;
	int ascii = 1;

	for (size_t k = 0; k < n; k++)
		if (u[k] >= 0x7F)
			ascii = 0;
	if (ascii)
		return HPDF_String_New(mmgr, s, NULL);

	HPDF_BYTE *w = malloc(2 + 4 * n);
	if (!w)
		return NULL;
	w[0] = 0xFE;
	w[1] = 0xFF;
	while (i < n) {
		uint32_t cp = (uint32_t)u8_next(u, n, &i); /* already valid */
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			uint32_t hi = 0xD800 + (cp >> 10),
				 lo = 0xDC00 + (cp & 0x3FF);
			w[o++] = (HPDF_BYTE)(hi >> 8);
			w[o++] = (HPDF_BYTE)hi;
			w[o++] = (HPDF_BYTE)(lo >> 8);
			w[o++] = (HPDF_BYTE)lo;
		} else {
			w[o++] = (HPDF_BYTE)(cp >> 8);
			w[o++] = (HPDF_BYTE)cp;
		}
	}
	HPDF_Binary b = HPDF_Binary_New(mmgr, w, (HPDF_UINT)o);
	free(w);
	return b;
}

/* ---- dates ------------------------------------------------------------- */

/* Format epoch as a PDF date and an XMP date.  -1 if out of range. */
static int format_dates(long long epoch, char *pdfd, size_t pdflen, char *xmpd,
			size_t xmplen)
{
	if (epoch < 0 || epoch > 253402300799LL) /* 9999-12-31T23:59:59Z */
		return -1;
	time_t t = (time_t)epoch;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return -1;
	snprintf(pdfd, pdflen, "D:%04d%02d%02d%02d%02d%02d+00'00'",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
	snprintf(xmpd, xmplen, "%04d-%02d-%02dT%02d:%02d:%02d+00:00",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
	return 0;
}

/* ---- libharu object helpers -------------------------------------------- */

static void *resolve(void *obj)
{
	HPDF_Obj_Header *h = obj;
	if (h && h->obj_class == HPDF_OCLASS_PROXY)
		return ((HPDF_Proxy)obj)->obj;
	return obj;
}

static int has_class(void *obj, HPDF_UINT16 cls)
{
	HPDF_Obj_Header *h = obj;
	return h && (h->obj_class & HPDF_OCLASS_ANY) == cls;
}

/* d[key] if it is of class cls, else NULL.  Unlike HPDF_Dict_GetItem, a
 * value of another class does not put the document in an error state. */
static void *dict_get(HPDF_Dict d, const char *key, HPDF_UINT16 cls)
{
	for (HPDF_UINT i = 0; i < d->list->count; i++) {
		HPDF_DictElement el = HPDF_List_ItemAt(d->list, i);
		if (strcmp(el->key, key) == 0) {
			void *v = resolve(el->value);
			return has_class(v, cls) ? v : NULL;
		}
	}
	return NULL;
}

static int dict_has(HPDF_Dict d, const char *key)
{
	for (HPDF_UINT i = 0; i < d->list->count; i++) {
		HPDF_DictElement el = HPDF_List_ItemAt(d->list, i);
		if (strcmp(el->key, key) == 0)
			return 1;
	}
	return 0;
}

static const char *name_of(HPDF_Dict d, const char *key)
{
	HPDF_Name n = dict_get(d, key, HPDF_OCLASS_NAME);
	return n ? n->value : "";
}

static int hpdf_failed(HPDF_Doc pdf, errbuf *e, const char *what)
{
	return fail(e, "libharu error 0x%04X while %s",
		    (unsigned)pdf->error.error_no, what);
}

/* ---- fonts ------------------------------------------------------------- */

/*
 * The ToUnicode CMap for libharu's UTF-8 encoder: the two-byte code is the
 * UTF-16 code unit.  One bfrange per high byte (a range may not cross a
 * change of the first byte), at most 100 per block, leaving out U+0000, the
 * surrogates, U+FEFF, U+FFFE and U+FFFF.
 */
static void build_tounicode(sbuf *b)
{
	unsigned lo[256], hi[256];
	int n = 0;
	char line[64];

	for (unsigned h = 0; h < 256; h++) {
		if (h >= 0xD8 && h <= 0xDF)
			continue;
		unsigned first = h << 8, last = first | 0xFF;
		if (h == 0x00)
			first = 0x0001;
		if (h == 0xFE)
			last = 0xFEFE;
		if (h == 0xFF)
			last = 0xFFFD;
		lo[n] = first;
		hi[n] = last;
		n++;
	}
	sb_str(b, "/CIDInit /ProcSet findresource begin\n"
		  "12 dict begin\n"
		  "begincmap\n"
		  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
		  "/Supplement 0 >> def\n"
		  "/CMapName /Adobe-Identity-UCS def\n"
		  "/CMapType 2 def\n"
		  "1 begincodespacerange\n"
		  "<0000> <FFFF>\n"
		  "endcodespacerange\n");
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof line, "%d beginbfrange\n", k);
		sb_str(b, line);
		for (int j = i; j < i + k; j++) {
			snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n",
				 lo[j], hi[j], lo[j]);
			sb_str(b, line);
		}
		sb_str(b, "endbfrange\n");
	}
	sb_str(b, "endcmap\n"
		  "CMapName currentdict /CMap defineresource pop\n"
		  "end\n"
		  "end\n");
}

static const char *font_name(HPDF_Font f)
{
	HPDF_FontAttr a = f->attr;
	return a && a->fontdef ? a->fontdef->base_font : "(unknown)";
}

/* Every font must be an embedded TrueType font with the UTF-8 encoder
 * whose ToUnicode stream is where libharu 2.3.0 puts it. */
static int check_fonts(HPDF_Doc pdf, errbuf *e)
{
	HPDF_List l = pdf->font_mgr;
	for (HPDF_UINT i = 0; l && i < l->count; i++) {
		HPDF_Font f = HPDF_List_ItemAt(l, i);
		HPDF_FontAttr a = f->attr;
		if (!a || a->type != HPDF_FONT_TYPE0_TT || !a->encoder ||
		    a->encoder->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE ||
		    strcmp(a->encoder->name, "UTF-8") != 0 || !a->fontdef ||
		    a->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE)
			return fail(e,
				    "font %s: PDF/A needs TrueType fonts "
				    "loaded with embedding and the UTF-8 "
				    "encoder",
				    font_name(f));
		HPDF_TTFontDefAttr da = a->fontdef->attr;
		if (!da || !da->embedding)
			return fail(e, "font %s is not embedded", font_name(f));
		HPDF_Dict cmap = a->cmap_stream;
		if (!cmap || !cmap->stream ||
		    dict_get(f, "ToUnicode", HPDF_OCLASS_DICT) != cmap)
			return fail(e,
				    "font %s: ToUnicode stream not found "
				    "where libharu 2.3.0 puts it",
				    font_name(f));
	}
	return 0;
}

static int fix_fonts(HPDF_Doc pdf, const sbuf *map, errbuf *e)
{
	static const char *const cmap_keys[] = {"Type", "CMapName",
						"CIDSystemInfo", "WMode"};
	HPDF_List l = pdf->font_mgr;

	for (HPDF_UINT i = 0; l && i < l->count; i++) {
		HPDF_Font f = HPDF_List_ItemAt(l, i);
		HPDF_Dict cmap = ((HPDF_FontAttr)f->attr)->cmap_stream;
		HPDF_Stream s =
			HPDF_MemStream_New(cmap->mmgr, MEM_STREAM_CHUNK);
		if (!s)
			return hpdf_failed(pdf, e, "replacing ToUnicode");
		if (HPDF_Stream_Write(s, (const HPDF_BYTE *)map->p,
				      (HPDF_UINT)map->len) != HPDF_OK) {
			HPDF_Stream_Free(s);
			return hpdf_failed(pdf, e, "replacing ToUnicode");
		}
		HPDF_Stream_Free(cmap->stream);
		cmap->stream = s;
		/* Keys of an encoding CMap; a ToUnicode stream has none. */
		for (size_t k = 0; k < sizeof cmap_keys / sizeof *cmap_keys;
		     k++)
			if (dict_has(cmap, cmap_keys[k]))
				HPDF_Dict_RemoveElement(cmap, cmap_keys[k]);
	}
	return 0;
}

/* ---- annotations ------------------------------------------------------- */

enum {
	ANNOT_INVISIBLE = 1,
	ANNOT_HIDDEN = 2,
	ANNOT_PRINT = 4,
	ANNOT_NOZOOM = 8,
	ANNOT_NOROTATE = 16,
	ANNOT_NOVIEW = 32,
	ANNOT_TOGGLENOVIEW = 256,
};

static int rect_is_empty(HPDF_Dict annot)
{
	HPDF_Array r = dict_get(annot, "Rect", HPDF_OCLASS_ARRAY);
	double v[4];
	if (!r || r->list->count != 4)
		return 0;
	for (int i = 0; i < 4; i++) {
		void *o = resolve(HPDF_List_ItemAt(r->list, (HPDF_UINT)i));
		if (has_class(o, HPDF_OCLASS_NUMBER))
			v[i] = ((HPDF_Number)o)->value;
		else if (has_class(o, HPDF_OCLASS_REAL))
			v[i] = ((HPDF_Real)o)->value;
		else
			return 0;
	}
	return v[0] == v[2] && v[1] == v[3];
}

/* Visit every annotation; fix != 0: set the flags, else only check. */
static int walk_annots(HPDF_Doc pdf, int fix, errbuf *e)
{
	HPDF_List pages = pdf->page_list;
	for (HPDF_UINT p = 0; pages && p < pages->count; p++) {
		HPDF_Dict page = HPDF_List_ItemAt(pages, p);
		HPDF_Array annots = dict_get(page, "Annots", HPDF_OCLASS_ARRAY);
		for (HPDF_UINT i = 0; annots && i < annots->list->count; i++) {
			HPDF_Dict a =
				resolve(HPDF_List_ItemAt(annots->list, i));
			if (!has_class(a, HPDF_OCLASS_DICT))
				continue;
			const char *sub = name_of(a, "Subtype");
			int exempt =
				!strcmp(sub, "Link") || !strcmp(sub, "Popup");
			if (!fix) {
				if (!strcmp(sub, "3D") ||
				    !strcmp(sub, "Sound") ||
				    !strcmp(sub, "Screen") ||
				    !strcmp(sub, "Movie"))
					return fail(e,
						    "page %u: %s annotations "
						    "are not allowed in PDF/A",
						    (unsigned)p + 1, sub);
				if (!exempt && !dict_has(a, "AP") &&
				    !rect_is_empty(a))
					return fail(e,
						    "page %u: %s annotation "
						    "without an appearance "
						    "stream",
						    (unsigned)p + 1, sub);
				continue;
			}
			if (!strcmp(sub, "Popup"))
				continue;
			HPDF_INT32 keep = ~(
				HPDF_INT32)(ANNOT_INVISIBLE | ANNOT_HIDDEN |
					    ANNOT_NOVIEW | ANNOT_TOGGLENOVIEW);
			HPDF_INT32 add = ANNOT_PRINT;
			if (!strcmp(sub, "Text"))
				add |= ANNOT_NOZOOM | ANNOT_NOROTATE;
			HPDF_Number f = dict_get(a, "F", HPDF_OCLASS_NUMBER);
			if (f) {
				HPDF_Number_SetValue(f,
						     (f->value & keep) | add);
			} else if (HPDF_Dict_AddNumber(a, "F", add) !=
				   HPDF_OK) {
				return hpdf_failed(pdf, e,
						   "setting annotation flags");
			}
		}
	}
	return 0;
}

/* ---- ICC profile ------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Read and check the profile; *desc gets its v2 'desc' text, or "Custom". */
static int read_icc(const char *path, unsigned char **data, size_t *size,
		    char *desc, size_t desclen, errbuf *e)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return fail(e, "cannot open ICC profile %s", path);
	/* Room for the file as it is now and one byte: a file that grew is
	 * still refused below, and no 4 MB is asked of the allocator. */
	struct stat st;
	size_t room = fstat(fileno(fp), &st) == 0 && st.st_size >= 0 &&
			      st.st_size < MAX_ICC_SIZE
		      ? (size_t)st.st_size + 1
		      : MAX_ICC_SIZE + 1;
	unsigned char *d = malloc(room);
	size_t n = d ? fread(d, 1, room, fp) : 0;
	int bad = !d || ferror(fp);
	fclose(fp);
	if (bad) {
		free(d);
		return fail(e, "cannot read ICC profile %s", path);
	}
	if (n > MAX_ICC_SIZE) {
		free(d);
		return fail(e, "ICC profile %s is too large", path);
	}
	if (n < 132 || be32(d) != n || memcmp(d + 36, "acsp", 4) != 0) {
		free(d);
		return fail(e, "%s is not an ICC profile", path);
	}
	if (memcmp(d + 16, "RGB ", 4) != 0 ||
	    (memcmp(d + 12, "mntr", 4) != 0 &&
	     memcmp(d + 12, "prtr", 4) != 0) ||
	    (d[8] != 2 && d[8] != 4)) {
		free(d);
		return fail(e,
			    "%s: PDF/A-2 needs an RGB display or output "
			    "profile of ICC version 2 or 4",
			    path);
	}

	snprintf(desc, desclen, "Custom");
	uint32_t ntags = be32(d + 128);
	for (uint32_t i = 0; i < ntags && 132 + 12 * (size_t)i + 12 <= n; i++) {
		const unsigned char *t = d + 132 + 12 * (size_t)i;
		uint32_t off = be32(t + 4), len = be32(t + 8);
		if (memcmp(t, "desc", 4) != 0 || off > n || len > n - off ||
		    len < 12 || memcmp(d + off, "desc", 4) != 0)
			continue;
		uint32_t cnt = be32(d + off + 8);
		size_t k = 0;
		for (uint32_t j = 0; j < cnt && 12 + j < len && k + 1 < desclen;
		     j++) {
			unsigned char c = d[off + 12 + j];
			if (c == 0)
				break;
			if (c >= 0x20 && c < 0x7F)
				desc[k++] = (char)c;
		}
		if (k > 0)
			desc[k] = '\0';
		break;
	}
	*data = d;
	*size = n;
	return 0;
}

/* ---- the document parts ------------------------------------------------ */

typedef struct fields {
	char *title, *author, *subject, *keywords, *creator, *producer;
	int dated;
	char pdfdate[64], xmpdate[64];
	char conformance; /* 'A' or 'U' */
	int ua;		  /* pdfuaid:part 1 */
} fields;

static int set_info_entry(HPDF_Doc pdf, HPDF_Dict info, const char *key,
			  const char *value, errbuf *e)
{
	if (!value) {
		if (dict_has(info, key))
			HPDF_Dict_RemoveElement(info, key);
		return 0;
	}
	void *o = text_object(pdf->mmgr, value);
	if (!o || HPDF_Dict_Add(info, key, o) != HPDF_OK)
		return hpdf_failed(pdf, e, "writing the Info dictionary");
	return 0;
}

static int set_info(HPDF_Doc pdf, const fields *f, errbuf *e)
{
	HPDF_Dict info = pdf->info;
	if (!info) {
		info = HPDF_Dict_New(pdf->mmgr);
		if (!info || HPDF_Xref_Add(pdf->xref, info) != HPDF_OK ||
		    HPDF_Dict_Add(pdf->trailer, "Info", info) != HPDF_OK)
			return hpdf_failed(pdf, e, "creating Info");
		pdf->info = info;
	}
	const char *date = f->dated ? f->pdfdate : NULL;
	if (set_info_entry(pdf, info, "Title", f->title, e) ||
	    set_info_entry(pdf, info, "Author", f->author, e) ||
	    set_info_entry(pdf, info, "Subject", f->subject, e) ||
	    set_info_entry(pdf, info, "Keywords", f->keywords, e) ||
	    set_info_entry(pdf, info, "Creator", f->creator, e) ||
	    set_info_entry(pdf, info, "Producer", f->producer, e) ||
	    set_info_entry(pdf, info, "CreationDate", date, e) ||
	    set_info_entry(pdf, info, "ModDate", date, e))
		return -1;
	return 0;
}

static void xmp_simple(sbuf *b, const char *prop, const char *value)
{
	if (!value)
		return;
	sb_str(b, "   <");
	sb_str(b, prop);
	sb_str(b, ">");
	xml_escape(b, value);
	sb_str(b, "</");
	sb_str(b, prop);
	sb_str(b, ">\n");
}

static void xmp_alt(sbuf *b, const char *prop, const char *value)
{
	if (!value)
		return;
	sb_str(b, "   <");
	sb_str(b, prop);
	sb_str(b, "><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_escape(b, value);
	sb_str(b, "</rdf:li></rdf:Alt></");
	sb_str(b, prop);
	sb_str(b, ">\n");
}

/* PDF/UA-1's identification, with the extension schema PDF/A-2 requires
 * for a namespace it does not predefine (ISO 19005-2, 6.6.2.3.3). */
static const char pdfua_xmp[] =
	"  <rdf:Description rdf:about=\"\"\n"
	"    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	"   <pdfuaid:part>1</pdfuaid:part>\n"
	"  </rdf:Description>\n"
	"  <rdf:Description rdf:about=\"\"\n"
	"    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
	"    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
	"    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
	"   <pdfaExtension:schemas><rdf:Bag>\n"
	"    <rdf:li rdf:parseType=\"Resource\">\n"
	"     <pdfaSchema:schema>PDF/UA Universal Accessibility "
	"Schema</pdfaSchema:schema>\n"
	"     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"
	"</pdfaSchema:namespaceURI>\n"
	"     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
	"     <pdfaSchema:property><rdf:Seq>\n"
	"      <rdf:li rdf:parseType=\"Resource\">\n"
	"       <pdfaProperty:name>part</pdfaProperty:name>\n"
	"       <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
	"       <pdfaProperty:category>internal</pdfaProperty:category>\n"
	"       <pdfaProperty:description>Part of ISO 14289 the file "
	"follows</pdfaProperty:description>\n"
	"      </rdf:li>\n"
	"     </rdf:Seq></pdfaSchema:property>\n"
	"    </rdf:li>\n"
	"   </rdf:Bag></pdfaExtension:schemas>\n"
	"  </rdf:Description>\n";

static void build_xmp(sbuf *b, const fields *f)
{
	sb_str(b, "<?xpacket begin=\"\xEF\xBB\xBF\" "
		  "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		  " <rdf:RDF "
		  "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		  "  <rdf:Description rdf:about=\"\"\n"
		  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		  "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
		  "   <pdfaid:part>2</pdfaid:part>\n");
	sb_str(b, f->conformance == 'A'
			  ? "   <pdfaid:conformance>A</pdfaid:conformance>\n"
			  : "   <pdfaid:conformance>U</pdfaid:conformance>\n");
	sb_str(b, "   <dc:format>application/pdf</dc:format>\n");
	xmp_alt(b, "dc:title", f->title);
	if (f->author) {
		sb_str(b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_escape(b, f->author);
		sb_str(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	xmp_alt(b, "dc:description", f->subject);
	xmp_simple(b, "pdf:Keywords", f->keywords);
	xmp_simple(b, "pdf:Producer", f->producer);
	xmp_simple(b, "xmp:CreatorTool", f->creator);
	if (f->dated) {
		xmp_simple(b, "xmp:CreateDate", f->xmpdate);
		xmp_simple(b, "xmp:ModifyDate", f->xmpdate);
		xmp_simple(b, "xmp:MetadataDate", f->xmpdate);
	}
	sb_str(b, "  </rdf:Description>\n");
	if (f->ua)
		sb_str(b, pdfua_xmp);
	sb_str(b, " </rdf:RDF>\n"
		  "</x:xmpmeta>\n"
		  "<?xpacket end=\"w\"?>");
}

static HPDF_Dict new_stream(HPDF_Doc pdf, const void *data, size_t len)
{
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!s || HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return s;
}

static int add_metadata(HPDF_Doc pdf, const sbuf *xmp, errbuf *e)
{
	HPDF_Dict m = new_stream(pdf, xmp->p, xmp->len);
	if (!m || HPDF_Dict_AddName(m, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(m, "Subtype", "XML") != HPDF_OK ||
	    HPDF_Dict_Add(pdf->catalog, "Metadata", m) != HPDF_OK)
		return hpdf_failed(pdf, e, "adding the XMP metadata");
	m->filter = HPDF_STREAM_FILTER_NONE; /* readable without PDF tools */
	return 0;
}

static int add_output_intent(HPDF_Doc pdf, const unsigned char *icc,
			     size_t icclen, const char *desc, errbuf *e)
{
	HPDF_Dict prof = new_stream(pdf, icc, icclen);
	HPDF_Dict oi = HPDF_Dict_New(pdf->mmgr);
	HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
	if (!prof || !oi || !arr)
		return hpdf_failed(pdf, e, "adding the output intent");
	prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (HPDF_Dict_AddNumber(prof, "N", 3) != HPDF_OK ||
	    HPDF_Dict_AddName(oi, "Type", "OutputIntent") != HPDF_OK ||
	    HPDF_Dict_AddName(oi, "S", "GTS_PDFA1") != HPDF_OK ||
	    HPDF_Dict_Add(oi, "OutputConditionIdentifier",
			  HPDF_String_New(pdf->mmgr, desc, NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(oi, "Info", HPDF_String_New(pdf->mmgr, desc, NULL)) !=
		    HPDF_OK ||
	    HPDF_Dict_Add(oi, "DestOutputProfile", prof) != HPDF_OK ||
	    HPDF_Array_Add(arr, oi) != HPDF_OK ||
	    HPDF_Dict_Add(pdf->catalog, "OutputIntents", arr) != HPDF_OK)
		return hpdf_failed(pdf, e, "adding the output intent");
	return 0;
}

static int set_id(HPDF_Doc pdf, const void *seed, size_t len, errbuf *e)
{
	HPDF_MD5_CTX ctx;
	HPDF_BYTE digest[16];
	const HPDF_BYTE *p = seed;

	HPDF_MD5Init(&ctx);
	while (len > 0) {
		HPDF_UINT32 k =
			len > 0x10000000 ? 0x10000000 : (HPDF_UINT32)len;
		HPDF_MD5Update(&ctx, p, k);
		p += k;
		len -= k;
	}
	HPDF_MD5Final(digest, &ctx);

	HPDF_Array id = HPDF_Array_New(pdf->mmgr);
	if (!id || HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16)) ||
	    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16)) ||
	    HPDF_Dict_Add(pdf->trailer, "ID", id) != HPDF_OK)
		return hpdf_failed(pdf, e, "setting the file identifier");
	return 0;
}

/* ---- entry point ------------------------------------------------------- */

static void free_fields(fields *f)
{
	free(f->title);
	free(f->author);
	free(f->subject);
	free(f->keywords);
	free(f->creator);
	free(f->producer);
}

/* The Info and XMP values of info, checked: nonzero after fail(). */
static int get_fields(const pdfa_info *info, fields *f, errbuf *e)
{
	if (clean_text("title", info->title, &f->title, e) ||
	    clean_text("author", info->author, &f->author, e) ||
	    clean_text("subject", info->subject, &f->subject, e) ||
	    clean_text("keywords", info->keywords, &f->keywords, e) ||
	    clean_text("creator tool", info->creator_tool, &f->creator, e) ||
	    clean_text("producer",
		       info->producer ? info->producer : DEFAULT_PRODUCER,
		       &f->producer, e))
		return -1;
	f->conformance = info->conformance == 'A' ? 'A' : 'U';
	f->ua = info->ua;
	if (info->epoch < 0)
		return 0;
	if (format_dates(info->epoch, f->pdfdate, sizeof f->pdfdate, f->xmpdate,
			 sizeof f->xmpdate)) {
		fail(e, "date %lld is outside years 1970-9999", info->epoch);
		return -1;
	}
	f->dated = 1;
	return 0;
}

int pdfa_plain(HPDF_Doc pdf, const pdfa_info *info, char *err, size_t errlen)
{
	errbuf e = {err, errlen};
	fields f;
	sbuf map = {0};
	int rc = -1;

	memset(&f, 0, sizeof f);
	if (err && errlen > 0)
		err[0] = '\0';
	if (!pdf || !info || !HPDF_HasDoc(pdf))
		return fail(&e, "pdfa_plain: invalid arguments");
	if (pdf->error.error_no != HPDF_OK)
		return fail(&e, "the document is in libharu error state 0x%04X",
			    (unsigned)pdf->error.error_no);
	if (check_fonts(pdf, &e))
		goto out;
	if (get_fields(info, &f, &e))
		goto out;
	build_tounicode(&map);
	if (map.oom) {
		fail(&e, "out of memory");
		goto out;
	}
	if (fix_fonts(pdf, &map, &e) || set_info(pdf, &f, &e))
		goto out;
	rc = 0;
out:
	free_fields(&f);
	free(map.p);
	return rc;
}

int pdfa_prepare(HPDF_Doc pdf, const pdfa_info *info, const char *icc_path,
		 const void *id_seed, size_t id_seed_len, char *err,
		 size_t errlen)
{
	errbuf e = {err, errlen};
	fields f;
	sbuf xmp = {0}, map = {0};
	unsigned char *icc = NULL;
	size_t icclen = 0;
	char desc[65];
	int rc = -1;

	memset(&f, 0, sizeof f);
	if (err && errlen > 0)
		err[0] = '\0';
	if (!pdf || !info || !icc_path || (!id_seed && id_seed_len > 0))
		return fail(&e, "pdfa_prepare: invalid arguments");
	if (pdf->error.error_no != HPDF_OK)
		return fail(&e, "the document is in libharu error state 0x%04X",
			    (unsigned)pdf->error.error_no);
	if (!HPDF_HasDoc(pdf))
		return fail(&e, "pdfa_prepare: not a libharu document");
	if (pdf->encrypt_on)
		return fail(&e, "PDF/A forbids encryption");
	if (dict_has(pdf->catalog, "Metadata") ||
	    dict_has(pdf->catalog, "OutputIntents"))
		return fail(&e, "the document already has Metadata or "
				"OutputIntents (pdfa_prepare called twice?)");

	/* Everything that can fail before the document is touched. */
	if (check_fonts(pdf, &e) || walk_annots(pdf, 0, &e))
		goto out;
	if (get_fields(info, &f, &e))
		goto out;
	if (read_icc(icc_path, &icc, &icclen, desc, sizeof desc, &e))
		goto out;
	build_tounicode(&map);
	build_xmp(&xmp, &f);
	if (map.oom || xmp.oom) {
		fail(&e, "out of memory");
		goto out;
	}

	/* Edit the document. */
	if (fix_fonts(pdf, &map, &e) || walk_annots(pdf, 1, &e) ||
	    set_info(pdf, &f, &e) || add_metadata(pdf, &xmp, &e) ||
	    add_output_intent(pdf, icc, icclen, desc, &e))
		goto out;
	if (id_seed_len > 0 ? set_id(pdf, id_seed, id_seed_len, &e)
			    : set_id(pdf, xmp.p, xmp.len, &e))
		goto out;
	if (pdf->pdf_version < HPDF_VER_17)
		pdf->pdf_version = HPDF_VER_17;
	rc = 0;
out:
	free_fields(&f);
	free(xmp.p);
	free(map.p);
	free(icc);
	return rc;
}
