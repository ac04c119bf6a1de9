/*
 * floor.c - what libharu alone costs: the floor annex is measured against.
 *
 *   floor OUT.pdf PAGES TEXT.txt FONT.ttf
 *
 * Writes the lines of TEXT.txt (UTF-8, e.g. `pdftotext -raw` of the annex's
 * PDF: the same glyphs) spread evenly over PAGES A4 landscape pages, one
 * HPDF_Page_TextOut call per line, with the same TrueType font (embedded,
 * UTF-8), size and compression as the annex.  Nothing else: no layout, no
 * tables, no rules, no outline.  It is what libharu alone costs to print
 * that text.
 */
#include <hpdf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
	(void)u;
	fprintf(stderr, "floor: libharu error 0x%04X (%u)\n", (unsigned)e,
		(unsigned)d);
	exit(1);
}

/* Read the whole file; lines are split in place. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, n = 0, k;
	char *b = malloc(cap + 1);
	while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			b = realloc(b, (cap *= 2) + 1);
	}
	fclose(f);
	if (b)
		b[n] = '\0';
	*len = n;
	return b;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fputs("usage: floor OUT.pdf PAGES TEXT.txt FONT.ttf\n", stderr);
		return 2;
	}
	int pages = atoi(argv[2]);
	size_t len;
	char *text = slurp(argv[3], &len);
	if (pages < 1 || !text) {
		fputs("floor: bad arguments\n", stderr);
		return 2;
	}
	/* Split into lines (form feeds from pdftotext are dropped). */
	size_t nlines = 0, cap = 1024;
	char **line = malloc(cap * sizeof *line);
	for (char *p = text; *p;) {
		char *e = strchr(p, '\n');
		if (e)
			*e = '\0';
		if (*p == '\f')
			p++;
		if (nlines == cap)
			line = realloc(line, (cap *= 2) * sizeof *line);
		line[nlines++] = p;
		if (!e)
			break;
		p = e + 1;
	}
	size_t per_page = (nlines + (size_t)pages - 1) / (size_t)pages;

	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	if (pages > 32000)
		HPDF_SetPagesConfiguration(pdf, 1000);
	const char *name = HPDF_LoadTTFontFromFile(pdf, argv[4], HPDF_TRUE);
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	size_t l = 0;
	for (int p = 0; p < pages; p++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(page, 841.89f);
		HPDF_Page_SetHeight(page, 595.28f);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 8);
		for (size_t k = 0; k < per_page && l < nlines; k++, l++)
			HPDF_Page_TextOut(page, 34, 560 - (float)(k % 60) * 9,
					  line[l]);
		HPDF_Page_EndText(page);
	}
	HPDF_SaveToFile(pdf, argv[1]);
	HPDF_Free(pdf);
	free(line);
	free(text);
	return 0;
}
