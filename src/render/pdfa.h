/*
 * pdfa.h - turning a libharu 2.3.0 document into PDF/A-2u before it is saved.
 *
 * Design.  libharu 2.3.0 cannot write PDF/A-2u by itself, and its own PDF/A
 * call (HPDF_PDFA_SetPDFAConformance) is broken: it writes /SubType instead
 * of /Subtype, copies Info into XMP unescaped, and makes a time-based /ID.
 * So pdfa_prepare() edits libharu's object tree directly, through the
 * object API that libhpdf-dev installs (hpdf_objects.h, hpdf_doc.h,
 * hpdf_font.h), once, after the last page is drawn and before the save:
 *
 *  - ToUnicode.  For a TrueType font loaded with embedding and the "UTF-8"
 *    encoder, libharu writes /Encoding /Identity-H and puts the Unicode code
 *    point of each BMP character in the content stream as a two-byte code,
 *    which is also the CID (its CIDToGIDMap maps that CID to the glyph).  It
 *    creates the /ToUnicode stream when the font is created (HPDF_GetFont ->
 *    HPDF_Type0Font_New -> CreateCMap, kept in HPDF_FontAttr.cmap_stream)
 *    and fills it with an encoding CMap (begincidrange <0000> <FFFF> 0),
 *    which is not a valid ToUnicode map.  We replace the data of that same
 *    stream object with a bfrange CMap mapping every code to the same
 *    UTF-16 value, skipping U+0000, the surrogates, U+FEFF, U+FFFE and
 *    U+FFFF (ISO 19005-2, 6.2.11.7).  The map does not depend on the text,
 *    so nothing has to be recorded while drawing.  The font's own
 *    before-write hook still sets the stream's compression at save time.
 *  - Metadata.  An uncompressed XMP stream (/Type /Metadata /Subtype /XML)
 *    with pdfaid:part 2 and pdfaid:conformance U (A for a tagged PDF,
 *    whose structure render/tags.c writes; with pdfuaid:part 1 and its
 *    extension schema for PDF/UA-1), and a document
 *    information dictionary with the same title, author, subject,
 *    keywords, creator tool, producer and dates, both built from
 *    pdfa_info.  Text is checked as UTF-8, XML-escaped in the XMP, written
 *    as UTF-16BE in Info when not plain ASCII; control characters that
 *    XML 1.0 cannot carry become spaces in both places.
 *  - Output intent.  /OutputIntents with one /GTS_PDFA1 intent whose
 *    /DestOutputProfile is the ICC profile read from icc_path (it must be
 *    an RGB display or output profile, version 2 or 4: fonts/sRGB.icc).
 *  - File identifier.  Trailer /ID of two equal 16-byte strings, the MD5 of
 *    id_seed (or of the XMP packet when id_seed_len is 0), so the same
 *    inputs give byte-identical files.
 *  - Header.  The version is raised to %PDF-1.7 (libharu writes 1.3; it
 *    always writes the binary comment line).
 *  - Annotations.  Every annotation gets the Print flag (/F 4) and loses
 *    Hidden, Invisible, NoView and ToggleNoView (6.3.2); annotations other
 *    than Link and Popup without an appearance stream are refused (6.3.3).
 *
 * What it refuses (returns -1 and says why): a document already in
 * libharu's error state, encryption, fonts that are not embedded UTF-8
 * TrueType fonts (base-14 fonts are never embedded), an existing /Metadata
 * or /OutputIntents (a second call, or libharu's own PDF/A call), 3D,
 * Sound, Screen and Movie annotations, invalid UTF-8, dates outside years
 * 1970-9999, an unreadable or unsuitable ICC profile; it checks all of
 * these before changing anything.  Nothing else in the document is checked:
 * the renderer must draw no glyph the font lacks (.notdef, 6.2.11.8), use
 * only RGB or grey colour (the intent is RGB), and no transparency.
 * tests/pdfa_check verifies the saved file.
 *
 * Order of calls (all libharu state lives in pdf; no global state here):
 *   HPDF_New; HPDF_SetCompressionMode (optional, before fonts);
 *   HPDF_UseUTFEncodings; HPDF_SetCurrentEncoder(pdf, "UTF-8");
 *   HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE); HPDF_GetFont(.., "UTF-8");
 *   draw pages, outlines, links;
 *   pdfa_prepare(...)  - once, after the last HPDF_GetFont and annotation;
 *   HPDF_SaveToFile.
 * Fonts obtained after pdfa_prepare would keep libharu's broken ToUnicode.
 */
#ifndef ANNEX_RENDER_PDFA_H
#define ANNEX_RENDER_PDFA_H

#include <stddef.h>

#include <hpdf.h>

typedef struct pdfa_info {
	/* UTF-8; NULL or "" leaves the entry out of both Info and XMP.  Any
	 * character is allowed, & < > " included. */
	const char *title;
	const char *author;	  /* one dc:creator entry */
	const char *subject;	  /* dc:description */
	const char *keywords;	  /* pdf:Keywords */
	const char *creator_tool; /* Info /Creator, xmp:CreatorTool */
	const char *producer;	  /* NULL: "libHaru 2.3.0" */
	/* Creation and modification date, seconds since 1970-01-01 UTC (from
	 * SOURCE_DATE_EPOCH or the input); negative: no dates at all. */
	long long epoch;
	char conformance; /* pdfaid:conformance 'A' (a tagged PDF) or 'U'
			     (0: 'U') */
	int ua;		  /* also pdfuaid:part 1 (PDF/UA-1) */
} pdfa_info;

/*
 * Make pdf a PDF/A-2u document as described above.  icc_path: an RGB ICC
 * profile (fonts/sRGB.icc).  id_seed: bytes identifying the document, e.g.
 * a digest of the input files; the same seed gives the same /ID.
 * Returns 0, or -1 with a one-line message in err (if errlen > 0); after a
 * failure the document may be half-edited and should not be saved.
 */
int pdfa_prepare(HPDF_Doc pdf, const pdfa_info *info, const char *icc_path,
		 const void *id_seed, size_t id_seed_len, char *err,
		 size_t errlen);

/*
 * What a plain (not PDF/A) document gets too: the correct ToUnicode map
 * in place of libharu's, and the Info dictionary from info (UTF-16BE for
 * non-ASCII text, which libharu's own HPDF_SetInfoAttr cannot write).
 * Same calling rules and return values as pdfa_prepare().
 */
int pdfa_plain(HPDF_Doc pdf, const pdfa_info *info, char *err, size_t errlen);

#endif
