/*
 * xref.c - the save's objects and cross-reference table, with objects
 * that are not libharu's appended.
 *
 * A tagged document of 10,000 indicators has some 330,000 structure
 * elements.  As libharu objects each cost a dictionary, a list and a
 * cross-reference entry (three allocations, over 150 bytes) and a
 * printf-style write; here they cost nothing until the save, where their
 * owner (tags.c) writes each one's value straight from its own arrays.
 *
 * libharu saves a document by calling HPDF_Xref_WriteToStream, which it
 * calls through the PLT, so the function of that name defined here is the
 * one that runs (as in hpdf_fast.c).  It does what libharu 2.3.0's does
 * -- every object of the xref chain as "N G obj ... endobj", the classic
 * cross-reference table with its two-byte "\r\n" line ends, the trailer
 * with /Size (and /Prev), startxref and %%EOF -- and writes the appended
 * objects after libharu's, with their lines at the end of the table's
 * newest section.  Without appended objects the bytes are libharu's.
 *
 * The registration is one static slot, like hpdf_fast.c's glyph cache:
 * only the main thread saves, one document at a time.
 */
#include "xref.h"

#include "../util/arena.h"

#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_utils.h>

#include <stdlib.h>
#include <string.h>

static struct {
	HPDF_Xref xref;
	xref_extra x;
} slot;

void xref_extra_set(HPDF_Doc pdf, const xref_extra *x)
{
	slot.xref = x ? pdf->xref : NULL;
	if (x)
		slot.x = *x;
}

void xref_put_ref(buf *b, uint32_t obj)
{
	buf_putc(b, ' ');
	buf_put_uint(b, obj);
	buf_append(b, " 0 R", 4);
}

/* libharu makes some objects while it saves them: a dictionary's
 * before-write hook (a font's, say) may add the objects it refers to.
 * Run those hooks first, once each, as the save would, so that the count
 * of objects is final before the appended ones are numbered. */
static HPDF_STATUS run_hooks(HPDF_Xref x)
{
	for (HPDF_UINT i = 0; i < x->entries->count; i++) {
		HPDF_XrefEntry en = HPDF_List_ItemAt(x->entries, i);
		HPDF_Obj_Header *h = en->obj;
		if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
			continue;
		HPDF_Dict d = en->obj;
		HPDF_Dict_BeforeWriteFunc fn = d->before_write_fn;
		d->before_write_fn = NULL;
		HPDF_STATUS rc = fn ? fn(d) : HPDF_OK;
		if (rc != HPDF_OK)
			return rc;
	}
	return HPDF_OK;
}

/* Written in blocks of about this size. */
#define XREF_CHUNK (64 * 1024)

static HPDF_STATUS flush(HPDF_Stream s, buf *b, size_t at_least)
{
	if (b->len < at_least)
		return HPDF_OK;
	HPDF_STATUS rc = HPDF_Stream_Write(s, (const HPDF_BYTE *)b->data,
					   (HPDF_UINT)b->len);
	buf_reset(b);
	return rc;
}

/* The objects of one xref section, as libharu writes them. */
static HPDF_STATUS own_objects(HPDF_Xref x, HPDF_Stream s, HPDF_Encrypt e)
{
	char t[HPDF_SHORT_BUF_SIZ];
	char *end = t + sizeof t - 1;
	for (HPDF_UINT i = x->start_offset == 0; i < x->entries->count; i++) {
		HPDF_XrefEntry en = HPDF_List_ItemAt(x->entries, i);
		HPDF_UINT id = x->start_offset + i;
		en->byte_offset = s->size;
		char *p = HPDF_IToA(t, (HPDF_INT32)id, end);
		*p++ = ' ';
		p = HPDF_IToA(p, en->gen_no, end);
		HPDF_StrCpy(p, " obj\012", end);
		HPDF_STATUS rc = HPDF_Stream_WriteStr(s, t);
		if (rc == HPDF_OK && e)
			HPDF_Encrypt_InitKey(e, id, en->gen_no);
		if (rc == HPDF_OK)
			rc = HPDF_Obj_WriteValue(en->obj, s, e);
		if (rc == HPDF_OK)
			rc = HPDF_Stream_WriteStr(s, "\012endobj\012");
		if (rc != HPDF_OK)
			return rc;
	}
	return HPDF_OK;
}

/* The appended objects, numbered from first; off[i] gets the offset of
 * object i. */
static HPDF_STATUS extra_objects(const xref_extra *x, uint32_t first,
				 HPDF_Stream s, HPDF_UINT *off)
{
	buf b = BUF_INIT;
	HPDF_STATUS rc = HPDF_OK;
	HPDF_UINT at = s->size; /* the offset of b's first byte */
	for (uint32_t i = 0; i < x->count && rc == HPDF_OK; i++) {
		off[i] = at + (HPDF_UINT)b.len;
		buf_put_uint(&b, first + i);
		buf_append(&b, " 0 obj\012", 7);
		x->put(x->ctx, i, &b);
		buf_append(&b, "\012endobj\012", 8);
		rc = flush(s, &b, XREF_CHUNK);
		at = b.len ? at : s->size;
	}
	if (rc == HPDF_OK)
		rc = flush(s, &b, 0);
	buf_free(&b);
	return rc;
}

/* One line of the table: ten digits of offset, five of generation. */
static void put_line(buf *b, HPDF_UINT off, HPDF_UINT gen, char type)
{
	buf_reserve(b, 20);
	char *p = b->data + b->len;
	for (int k = 9; k >= 0; k--, off /= 10)
		p[k] = (char)('0' + off % 10);
	p[10] = ' ';
	for (int k = 15; k >= 11; k--, gen /= 10)
		p[k] = (char)('0' + gen % 10);
	p[16] = ' ';
	p[17] = type;
	p[18] = '\015'; /* Acrobat 8.15 wants \r\n, as libharu says */
	p[19] = '\012';
	b->len += 20;
	b->data[b->len] = '\0';
}

/* A section of the table: its own entries, then n appended ones. */
static HPDF_STATUS table(HPDF_Xref x, HPDF_Stream s, const HPDF_UINT *off,
			 uint32_t n)
{
	buf b = BUF_INIT;
	x->addr = s->size;
	buf_puts(&b, "xref\012");
	buf_put_uint(&b, x->start_offset);
	buf_putc(&b, ' ');
	buf_put_uint(&b, x->entries->count + n);
	buf_putc(&b, '\012');
	HPDF_STATUS rc = HPDF_OK;
	for (HPDF_UINT i = 0; i < x->entries->count + n && rc == HPDF_OK; i++) {
		if (i < x->entries->count) {
			HPDF_XrefEntry en = HPDF_List_ItemAt(x->entries, i);
			put_line(&b, en->byte_offset, en->gen_no,
				 en->entry_typ);
		} else {
			put_line(&b, off[i - x->entries->count], 0, 'n');
		}
		rc = flush(s, &b, XREF_CHUNK);
	}
	if (rc == HPDF_OK)
		rc = flush(s, &b, 0);
	buf_free(&b);
	return rc;
}

static HPDF_STATUS trailer(HPDF_Xref x, HPDF_Stream s, uint32_t n)
{
	HPDF_STATUS rc = HPDF_Dict_AddNumber(
		x->trailer, "Size",
		(HPDF_INT32)(x->entries->count + x->start_offset + n));
	if (rc == HPDF_OK && x->prev)
		rc = HPDF_Dict_AddNumber(x->trailer, "Prev",
					 (HPDF_INT32)x->prev->addr);
	if (rc == HPDF_OK)
		rc = HPDF_Stream_WriteStr(s, "trailer\012");
	if (rc == HPDF_OK)
		rc = HPDF_Dict_Write(x->trailer, s, NULL);
	if (rc == HPDF_OK)
		rc = HPDF_Stream_WriteStr(s, "\012startxref\012");
	if (rc == HPDF_OK)
		rc = HPDF_Stream_WriteUInt(s, x->addr);
	if (rc == HPDF_OK)
		rc = HPDF_Stream_WriteStr(s, "\012%%EOF\012");
	return rc;
}

HPDF_STATUS HPDF_Xref_WriteToStream(HPDF_Xref xref, HPDF_Stream stream,
				    HPDF_Encrypt e)
{
	const xref_extra *x = slot.xref == xref ? &slot.x : NULL;
	uint32_t n = x ? x->count : 0;
	if (x && (e || xref->prev)) /* never encrypted, one section */
		return HPDF_SetError(xref->error, HPDF_INVALID_OPERATION, 0);
	HPDF_STATUS rc = x ? run_hooks(xref) : HPDF_OK;
	uint32_t first = xref->start_offset + xref->entries->count;
	if (x && rc == HPDF_OK)
		x->begin(x->ctx, first);
	for (HPDF_Xref t = xref; t && rc == HPDF_OK; t = t->prev)
		rc = own_objects(t, stream, e);
	/* A hook run at the write added an object: the numbers are wrong. */
	if (x && rc == HPDF_OK &&
	    xref->start_offset + xref->entries->count != first)
		rc = HPDF_SetError(xref->error, HPDF_INVALID_OBJECT, 0);
	HPDF_UINT *off = xmalloc(((size_t)n + 1) * sizeof *off);
	if (rc == HPDF_OK && n)
		rc = extra_objects(x, first, stream, off);
	for (HPDF_Xref t = xref; t && rc == HPDF_OK; t = t->prev)
		rc = table(t, stream, off, t == xref ? n : 0);
	free(off);
	return rc == HPDF_OK ? trailer(xref, stream, n) : rc;
}
