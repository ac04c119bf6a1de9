/*
 * wblib.c - the workbook libraries (libzip, expat, libxlsxwriter), loaded
 * the first time a workbook is read or written.
 *
 * Linked as usual, the three and what they bring (libcrypto, libbz2,
 * libminizip...) are mapped and relocated when any annex command starts:
 * 3.8 ms of a start of 7.9, and a build starts twice (main.c's
 * prefer_huge_pages), for commands that never touch a workbook.  So annex
 * is not linked with them: each function it calls is defined here with
 * the library's own prototype (the compiler checks it against the
 * header), and its first call opens the library with dlopen, by the
 * soname the Makefile read from the library installed, and looks the
 * function up with dlsym; later calls go straight through the pointer.
 * The pointers are a cache of what dlsym answers, like a PLT's: the
 * readers and the export run on the main thread only.
 *
 * A library that cannot be opened is a broken installation (they are
 * annex's dependencies): the run ends, as when memory runs out, with the
 * live temporary files removed and the library named.
 */
#include "../util/atomic.h"
#include "../util/i18n.h"

#include <dlfcn.h>
#include <expat.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#ifndef WB_ZIP_SO
#define WB_ZIP_SO "libzip.so.4"
#endif
#ifndef WB_EXPAT_SO
#define WB_EXPAT_SO "libexpat.so.1"
#endif
#ifndef WB_XLSX_SO
#define WB_XLSX_SO "libxlsxwriter.so.4"
#endif

enum { ZIP, EXPAT, XLSX, NLIBS };
static const char *const soname[NLIBS] = {WB_ZIP_SO, WB_EXPAT_SO, WB_XLSX_SO};

/* The address of name in library lib, opening it the first time. */
static void *wb_sym(int lib, const char *name)
{
	static void *handle[NLIBS];
	if (!handle[lib])
		handle[lib] = dlopen(soname[lib], RTLD_NOW | RTLD_LOCAL);
	void *p = handle[lib] ? dlsym(handle[lib], name) : NULL;
	if (!p) {
		char msg[512];
		const char *why = dlerror();
		snprintf(msg, sizeof msg,
			 _("cannot load %s from %s (%s); reinstall annex's "
			   "dependencies (make deps)"),
			 name, soname[lib], why ? why : "?");
		fatal_exit(msg);
	}
	return p;
}

/* The pointer fn to name of lib, looked up on the first call.  It goes
 * through memcpy: ISO C has no conversion from void * to a function
 * pointer, POSIX guarantees the bytes. */
#define WB_LOOKUP(lib, name, fn)                                               \
	if (!fn) {                                                             \
		void *p = wb_sym(lib, #name);                                  \
		memcpy(&fn, &p, sizeof fn);                                    \
	}

/* ret name params, calling the library's with args. */
#define WB_FN(lib, ret, name, params, args)                                    \
	ret name params                                                        \
	{                                                                      \
		static ret(*fn) params;                                        \
		WB_LOOKUP(lib, name, fn)                                       \
		return fn args;                                                \
	}
/* The same for a function returning nothing. */
#define WB_VOID(lib, name, params, args)                                       \
	void name params                                                       \
	{                                                                      \
		static void(*fn) params;                                       \
		WB_LOOKUP(lib, name, fn)                                       \
		fn args;                                                       \
	}

/* ---- libzip ----------------------------------------------------------- */
WB_FN(ZIP, int, zip_close, (zip_t * z), (z))
WB_VOID(ZIP, zip_discard, (zip_t * z), (z))
WB_VOID(ZIP, zip_error_fini, (zip_error_t * e), (e))
WB_VOID(ZIP, zip_error_init, (zip_error_t * e), (e))
WB_VOID(ZIP, zip_error_init_with_code, (zip_error_t * e, int c), (e, c))
WB_FN(ZIP, const char *, zip_error_strerror, (zip_error_t * e), (e))
WB_FN(ZIP, int, zip_fclose, (zip_file_t * f), (f))
WB_FN(ZIP, zip_int64_t, zip_file_add,
      (zip_t * z, const char *n, zip_source_t *s, zip_flags_t f), (z, n, s, f))
WB_FN(ZIP, int, zip_file_set_mtime,
      (zip_t * z, zip_uint64_t i, time_t t, zip_flags_t f), (z, i, t, f))
WB_FN(ZIP, const char *, zip_file_strerror, (zip_file_t * f), (f))
WB_FN(ZIP, zip_file_t *, zip_fopen, (zip_t * z, const char *n, zip_flags_t f),
      (z, n, f))
WB_FN(ZIP, zip_int64_t, zip_fread, (zip_file_t * f, void *b, zip_uint64_t n),
      (f, b, n))
WB_FN(ZIP, zip_int64_t, zip_name_locate,
      (zip_t * z, const char *n, zip_flags_t f), (z, n, f))
WB_FN(ZIP, zip_t *, zip_open, (const char *p, int f, int *e), (p, f, e))
WB_FN(ZIP, zip_t *, zip_open_from_source,
      (zip_source_t * s, int f, zip_error_t *e), (s, f, e))
WB_FN(ZIP, int, zip_set_file_compression,
      (zip_t * z, zip_uint64_t i, zip_int32_t m, zip_uint32_t l), (z, i, m, l))
WB_FN(ZIP, zip_source_t *, zip_source_buffer,
      (zip_t * z, const void *d, zip_uint64_t n, int f), (z, d, n, f))
WB_FN(ZIP, zip_source_t *, zip_source_buffer_create,
      (const void *d, zip_uint64_t n, int f, zip_error_t *e), (d, n, f, e))
WB_FN(ZIP, int, zip_source_close, (zip_source_t * s), (s))
WB_VOID(ZIP, zip_source_free, (zip_source_t * s), (s))
WB_VOID(ZIP, zip_source_keep, (zip_source_t * s), (s))
WB_FN(ZIP, int, zip_source_open, (zip_source_t * s), (s))
WB_FN(ZIP, zip_int64_t, zip_source_read,
      (zip_source_t * s, void *b, zip_uint64_t n), (s, b, n))
WB_FN(ZIP, int, zip_source_stat, (zip_source_t * s, zip_stat_t *st), (s, st))

/* ---- expat ------------------------------------------------------------ */
WB_FN(EXPAT, const XML_LChar *, XML_ErrorString, (enum XML_Error c), (c))
WB_FN(EXPAT, XML_Size, XML_GetCurrentLineNumber, (XML_Parser p), (p))
WB_FN(EXPAT, enum XML_Error, XML_GetErrorCode, (XML_Parser p), (p))
WB_FN(EXPAT, enum XML_Status, XML_Parse,
      (XML_Parser p, const char *s, int n, int last), (p, s, n, last))
WB_FN(EXPAT, XML_Parser, XML_ParserCreateNS,
      (const XML_Char *enc, XML_Char sep), (enc, sep))
WB_VOID(EXPAT, XML_ParserFree, (XML_Parser p), (p))
WB_VOID(EXPAT, XML_SetCharacterDataHandler,
	(XML_Parser p, XML_CharacterDataHandler h), (p, h))
WB_VOID(EXPAT, XML_SetElementHandler,
	(XML_Parser p, XML_StartElementHandler s, XML_EndElementHandler e),
	(p, s, e))
WB_VOID(EXPAT, XML_SetStartDoctypeDeclHandler,
	(XML_Parser p, XML_StartDoctypeDeclHandler h), (p, h))
WB_VOID(EXPAT, XML_SetUserData, (XML_Parser p, void *u), (p, u))
WB_FN(EXPAT, enum XML_Status, XML_StopParser, (XML_Parser p, XML_Bool r),
      (p, r))

/* ---- libxlsxwriter ---------------------------------------------------- */
WB_VOID(XLSX, format_set_bold, (lxw_format * f), (f))
WB_FN(XLSX, char *, lxw_strerror, (lxw_error e), (e))
WB_FN(XLSX, lxw_format *, workbook_add_format, (lxw_workbook * w), (w))
WB_FN(XLSX, lxw_worksheet *, workbook_add_worksheet,
      (lxw_workbook * w, const char *n), (w, n))
WB_FN(XLSX, lxw_error, workbook_close, (lxw_workbook * w), (w))
WB_FN(XLSX, lxw_workbook *, workbook_new, (const char *f), (f))
WB_FN(XLSX, lxw_error, workbook_set_properties,
      (lxw_workbook * w, lxw_doc_properties *p), (w, p))
WB_FN(XLSX, lxw_error, worksheet_data_validation_range,
      (lxw_worksheet * w, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1,
       lxw_col_t c1, lxw_data_validation *v),
      (w, r0, c0, r1, c1, v))
WB_VOID(XLSX, worksheet_freeze_panes,
	(lxw_worksheet * w, lxw_row_t r, lxw_col_t c), (w, r, c))
WB_FN(XLSX, lxw_error, worksheet_set_column,
      (lxw_worksheet * w, lxw_col_t c0, lxw_col_t c1, double wd, lxw_format *f),
      (w, c0, c1, wd, f))
WB_FN(XLSX, lxw_error, worksheet_write_comment_opt,
      (lxw_worksheet * w, lxw_row_t r, lxw_col_t c, const char *s,
       lxw_comment_options *o),
      (w, r, c, s, o))
WB_FN(XLSX, lxw_error, worksheet_write_number,
      (lxw_worksheet * w, lxw_row_t r, lxw_col_t c, double n, lxw_format *f),
      (w, r, c, n, f))
WB_FN(XLSX, lxw_error, worksheet_write_string,
      (lxw_worksheet * w, lxw_row_t r, lxw_col_t c, const char *s,
       lxw_format *f),
      (w, r, c, s, f))
