/*
 * fuzz_workbook.c - libFuzzer harness for the workbook readers
 * (src/data/xlsx.c, ods.c, workbook.c, cell.c): the XML of a sheet.
 *
 * The first byte chooses the format: even, the rest is the worksheet XML
 * of a .xlsx whose other parts (workbook, relationships, styles with a few
 * number formats, shared strings) are fixed; odd, the rest is the
 * content.xml of a .ods.  The archive is built with libzip in a temporary
 * file and read with wb_read().  Invariants: every message is an error or
 * warning about the workbook (its name first); a NULL workbook comes with
 * an error; every row of every sheet has 1..CSV_MAX_FIELDS fields, none
 * NULL, its line >= 1, and no field has spaces at its ends.
 *
 * Built with clang -fsanitize=fuzzer for `make fuzz`, and with
 * tests/fuzz/replay.c instead of libFuzzer for `make fuzz-replay`.
 */
#include "fuzz.h"
#include "data/workbook.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

static const char *const xlsx_parts[][2] = {
	{"[Content_Types].xml", "<Types/>"},
	{"_rels/.rels",
	 "<Relationships><Relationship Id=\"r1\" Type=\"" REL
	 "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
	{"xl/workbook.xml",
	 "<workbook xmlns=\"" MAIN "\" xmlns:r=\"" REL "\"><sheets>"
	 "<sheet name=\"s\" sheetId=\"1\" r:id=\"r1\"/></sheets></workbook>"},
	{"xl/_rels/workbook.xml.rels",
	 "<Relationships><Relationship Id=\"r1\" Type=\"" REL
	 "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship "
	 "Id=\"r2\" Type=\"" REL "/styles\" Target=\"styles.xml\"/>"
	 "<Relationship Id=\"r3\" Type=\"" REL "/sharedStrings\" "
	 "Target=\"sharedStrings.xml\"/></Relationships>"},
	{"xl/styles.xml",
	 "<styleSheet xmlns=\"" MAIN "\"><numFmts><numFmt numFmtId=\"164\" "
	 "formatCode=\"#,##0.0&quot; gg&quot;;[Red]-0;&quot;zero&quot;\"/>"
	 "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
	 "<xf numFmtId=\"9\"/><xf numFmtId=\"164\"/><xf numFmtId=\"22\"/>"
	 "</cellXfs></styleSheet>"},
	{"xl/sharedStrings.xml",
	 "<sst xmlns=\"" MAIN "\"><si><t>codice</t></si><si><r><t>a</t></r>"
	 "<r><t xml:space=\"preserve\"> b</t></r><rPh><t>x</t></rPh></si>"
	 "<si><t>_x000D_riga_x0020_</t></si></sst>"},
};

static int add(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, p, n, 0);
	if (!s)
		return -1;
	if (zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(s);
		return -1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int ods = data[0] & 1;
	char path[] = "/tmp/fuzz_workbookXXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	close(fd);
	int err;
	zip_t *z = zip_open(path, ZIP_TRUNCATE, &err);
	CHECK(z != NULL);
	if (ods) {
		add(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
		    46);
		add(z, "content.xml", data + 1, size - 1);
	} else {
		for (size_t i = 0; i < sizeof xlsx_parts / sizeof xlsx_parts[0];
		     i++)
			add(z, xlsx_parts[i][0], xlsx_parts[i][1],
			    strlen(xlsx_parts[i][1]));
		add(z, "xl/worksheets/sheet1.xml", data + 1, size - 1);
	}
	CHECK(zip_close(z) == 0);

	arena a;
	diag d;
	buf out = BUF_INIT;
	arena_init(&a, 4096);
	diag_init(&d, NULL);
	d.capture = &out;
	workbook *wb = wb_read(path, "book", &a, &d);
	unlink(path);
	const char *m = buf_cstr(&out);
	for (const char *p = m; *p; p = strchr(p, '\n') + 1) {
		CHECK(strchr(p, '\n') != NULL);
		CHECK(strncmp(p, "book", 4) == 0);
		CHECK(strstr(p, ": error: ") || strstr(p, ": warning: "));
	}
	CHECK(wb != NULL || d.errors > 0);
	for (int s = 0; wb && s < wb->nsheets; s++) {
		const csv_table *t = &wb->sheets[s].t;
		for (int r = 0; r < t->nrows; r++) {
			const csv_row *row = &t->rows[r];
			CHECK(row->line >= 1);
			CHECK(row->nfields >= 1 && row->nfields <= CSV_MAX_FIELDS);
			for (int c = 0; c < row->nfields; c++) {
				const char *f = row->fields[c];
				CHECK(f != NULL);
				size_t n = strlen(f);
				CHECK(n <= CSV_MAX_FIELD_BYTES);
				CHECK(n == 0 || (f[0] != ' ' && f[n - 1] != ' '));
			}
		}
	}
	buf_free(&out);
	arena_free(&a);
	return 0;
}
