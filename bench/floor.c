/*
 * floor.c - what libharu alone costs: the floor annex is measured against.
 *
 *   floor OUT.pdf PAGES RUNS GLYPHS SOURCE.txt FONT.ttf
 *
 * Draws RUNS lines of text holding GLYPHS characters in all (what annex
 * drew: `ANNEX_STATS=1 annex build` prints the three numbers), spread
 * evenly over PAGES A4 landscape pages, one HPDF_Page_TextOut call per
 * line, with the same TrueType font (embedded, UTF-8), size and
 * compression as the annex.  The characters are taken in order from
 * SOURCE.txt (the plan's CSV files: the same words, so the content
 * compresses as the annex's does).  Nothing else: no layout, no tables, no
 * rules, no outline.  It is what libharu alone costs to print that text.
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
	if (argc != 7) {
		fputs("usage: floor OUT.pdf PAGES RUNS GLYPHS SOURCE.txt "
		      "FONT.ttf\n",
		      stderr);
		return 2;
	}
	long pages = atol(argv[2]), runs = atol(argv[3]),
	     glyphs = atol(argv[4]);
	size_t len;
	char *src = slurp(argv[5], &len);
	if (pages < 1 || runs < 1 || glyphs < runs || !src || len == 0) {
		fputs("floor: bad arguments\n", stderr);
		return 2;
	}
	/* Separators and line ends become spaces. */
	for (size_t i = 0; i < len; i++)
		if (src[i] == ';' || src[i] == '\n' || src[i] == '\r' ||
		    src[i] == '"')
			src[i] = ' ';
	long per_line = glyphs / runs, per_page = (runs + pages - 1) / pages;
	char *line = malloc((size_t)per_line * 4 + 1);
	size_t pos = 0;

	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	if (pages > 32000)
		HPDF_SetPagesConfiguration(pdf, 1000);
	const char *name = HPDF_LoadTTFontFromFile(pdf, argv[6], HPDF_TRUE);
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	long drawn = 0;
	for (long p = 0; p < pages; p++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(page, 841.89f);
		HPDF_Page_SetHeight(page, 595.28f);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 8);
		for (long k = 0; k < per_page && drawn < runs; k++, drawn++) {
			/* The next per_line code points of the source. */
			size_t o = 0;
			for (long g = 0; g < per_line; g++) {
				do {
					line[o++] = src[pos];
					pos = (pos + 1) % len;
				} while (((unsigned char)src[pos] & 0xC0) ==
					 0x80);
			}
			line[o] = '\0';
			HPDF_Page_TextOut(page, 34, 560 - (float)(k % 60) * 9,
					  line);
		}
		HPDF_Page_EndText(page);
	}
	HPDF_SaveToFile(pdf, argv[1]);
	HPDF_Free(pdf);
	free(line);
	free(src);
	return 0;
}
