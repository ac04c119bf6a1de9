/*
 * sample.c - a small PDF made the way the renderer makes them, for the
 * PDF/A test (tests/pdfa/run.sh).
 *
 *   sample OUT.pdf FONT_DIR ICC_PROFILE [--plain | --notdef]
 *
 * Two A4 pages with Italian text and typographic symbols in Liberation Sans
 * Regular and Bold (UTF-8 encoder, embedded, compressed), a filled and a
 * stroked RGB rectangle, outline entries with UTF-8 titles and a URI link.
 * Then pdfa_prepare() with a title that needs XML escaping, unless --plain
 * is given: that is the negative case, what libharu writes by itself.
 * --notdef also draws a character the font lacks (U+4E2D), which PDF/A
 * forbids (6.2.11.8): the other negative case, with pdfa_prepare().
 * The date comes from SOURCE_DATE_EPOCH (default 1609459200, 2021-01-01).
 * Exit status 0 on success.
 */
#include "../../src/render/pdfa.h"

#include <hpdf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sample_err {
	HPDF_STATUS error, detail;
} sample_err;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *ud)
{
	sample_err *e = ud;
	if (!e->error) {
		e->error = error;
		e->detail = detail;
	}
}

static const char *const lines[] = {
	"Piano della performance 2021",
	"Indicatori: ≥ ≤ Σ à è € “ ” – …",
	"Città: perché più caffè; 50 % ≥ 40 %",
};

static void draw_page(HPDF_Doc pdf, HPDF_Font regular, HPDF_Font bold,
		      int number, int notdef)
{
	HPDF_Page p = HPDF_AddPage(pdf);
	HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	float h = HPDF_Page_GetHeight(p);

	HPDF_Page_SetRGBFill(p, 0.85f, 0.9f, 1.0f);
	HPDF_Page_Rectangle(p, 50, h - 120, 495, 60);
	HPDF_Page_Fill(p);
	HPDF_Page_SetRGBStroke(p, 0.2f, 0.2f, 0.5f);
	HPDF_Page_SetLineWidth(p, 0.5f);
	HPDF_Page_Rectangle(p, 50, h - 300, 495, 160);
	HPDF_Page_Stroke(p);

	HPDF_Page_SetRGBFill(p, 0, 0, 0);
	HPDF_Page_BeginText(p);
	HPDF_Page_SetFontAndSize(p, bold, 14);
	HPDF_Page_TextOut(p, 60, h - 100, lines[0]);
	for (size_t i = 1; i < sizeof lines / sizeof *lines; i++) {
		HPDF_Page_SetFontAndSize(p, i == 1 ? bold : regular, 11);
		HPDF_Page_TextOut(p, 60, h - 160 - 20 * (float)i, lines[i]);
	}
	if (notdef)
		HPDF_Page_TextOut(p, 60, h - 260,
				  "Missing glyph: \xE4\xB8\xAD");
	HPDF_Page_SetFontAndSize(p, regular, 9);
	HPDF_Page_TextOut(p, 60, 40,
			  number == 1 ? "Pagina 1 di 2 – www.example.org"
				      : "Pagina 2 di 2 – fine");
	HPDF_Page_EndText(p);

	HPDF_Outline o = HPDF_CreateOutline(
		pdf, NULL,
		number == 1 ? "Sezione 1 – Obiettivi" : "Sezione 2 – Σ",
		HPDF_GetEncoder(pdf, "UTF-8"));
	HPDF_Destination d = HPDF_Page_CreateDestination(p);
	HPDF_Destination_SetXYZ(d, 0, h, 1);
	HPDF_Outline_SetDestination(o, d);

	if (number == 1) {
		HPDF_Rect r = {160, 35, 300, 50};
		HPDF_Page_CreateURILinkAnnot(p, r, "https://www.example.org/");
	}
}

int main(int argc, char **argv)
{
	const char *opt = argc == 5 ? argv[4] : "";
	if (argc < 4 || argc > 5 ||
	    (argc == 5 && strcmp(opt, "--plain") && strcmp(opt, "--notdef"))) {
		fprintf(stderr, "usage: sample OUT.pdf FONT_DIR ICC_PROFILE "
				"[--plain | --notdef]\n");
		return 2;
	}
	const char *out = argv[1], *dir = argv[2], *icc = argv[3];
	int plain = !strcmp(opt, "--plain"), notdef = !strcmp(opt, "--notdef");
	const char *env = getenv("SOURCE_DATE_EPOCH");
	long long epoch = env && *env ? strtoll(env, NULL, 10) : 1609459200LL;

	sample_err e = {0, 0};
	HPDF_Doc pdf = HPDF_New(on_error, &e);
	if (!pdf)
		return 1;
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);

	char path[4096];
	snprintf(path, sizeof path, "%s/LiberationSans-Regular.ttf", dir);
	const char *rn = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	snprintf(path, sizeof path, "%s/LiberationSans-Bold.ttf", dir);
	const char *bn = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	if (!rn || !bn) {
		fprintf(stderr, "sample: cannot load fonts from %s\n", dir);
		HPDF_Free(pdf);
		return 1;
	}
	HPDF_Font regular = HPDF_GetFont(pdf, rn, "UTF-8");
	HPDF_Font bold = HPDF_GetFont(pdf, bn, "UTF-8");

	draw_page(pdf, regular, bold, 1, 0);
	draw_page(pdf, regular, bold, 2, notdef);

	if (!plain) {
		static const char seed[] = "tests/pdfa/sample.c v1";
		pdfa_info info = {
			.title = "Strategy Map & <Piano> “2021”",
			.author = "Ufficio Pianificazione – Comune di Prova",
			.subject = "Sample (PDF/A-2u) \\ test; a \"quoted\" "
				   "'word'",
			.keywords = "piano, performance, città",
			.creator_tool = "annex 0.1",
			.producer = NULL,
			.epoch = epoch,
		};
		char msg[256];
		if (pdfa_prepare(pdf, &info, icc, seed, sizeof seed - 1, msg,
				 sizeof msg) != 0) {
			fprintf(stderr, "sample: pdfa_prepare: %s\n", msg);
			HPDF_Free(pdf);
			return 1;
		}
	}

	if (e.error == HPDF_OK && HPDF_SaveToFile(pdf, out) != HPDF_OK &&
	    e.error == HPDF_OK)
		e.error = HPDF_GetError(pdf);
	HPDF_Free(pdf);
	if (e.error != HPDF_OK) {
		fprintf(stderr, "sample: libharu error 0x%04X (detail %u)\n",
			(unsigned)e.error, (unsigned)e.detail);
		return 1;
	}
	return 0;
}
