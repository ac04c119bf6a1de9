/*
 * errors.c - pdfa_prepare() on documents it must refuse, and on awkward
 * metadata it must accept (tests/pdfa/run.sh).
 *
 *   errors FONT_DIR ICC_PROFILE OTHER_ICC_PROFILE OUT.pdf
 *
 * Refusals: a second call, invalid UTF-8, a base-14 (non-embedded) font,
 * a missing or non-RGB ICC profile, a date after year 9999, a document
 * already in libharu's error state.  Acceptance: control characters,
 * CR/LF, XML metacharacters and a character outside the BMP in the
 * metadata, no dates (epoch < 0), no id seed (the /ID is then the MD5 of
 * the XMP packet); that document is saved to OUT.pdf for tests/pdfa_check.
 * Prints "ok CASE" or "FAIL CASE: ..." per case; exit status 1 if any
 * case failed.
 */
#include "../../src/render/pdfa.h"

#include <hpdf.h>

#include <stdio.h>
#include <string.h>

static void ignore_error(HPDF_STATUS error, HPDF_STATUS detail, void *ud)
{
	(void)error;
	(void)detail;
	(void)ud;
}

/* A one-page document with one embedded UTF-8 font, or also Helvetica. */
static HPDF_Doc make_doc(const char *font_dir, int base14)
{
	char path[4096];
	HPDF_Doc pdf = HPDF_New(ignore_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	snprintf(path, sizeof path, "%s/LiberationSans-Regular.ttf", font_dir);
	const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	HPDF_Font f = HPDF_GetFont(pdf, name, "UTF-8");
	HPDF_Page p = HPDF_AddPage(pdf);
	HPDF_Page_BeginText(p);
	HPDF_Page_SetFontAndSize(p, f, 12);
	HPDF_Page_TextOut(p, 50, 700, "Prova – àèìòù");
	if (base14) {
		HPDF_Page_SetFontAndSize(
			p, HPDF_GetFont(pdf, "Helvetica", NULL), 12);
		HPDF_Page_TextOut(p, 50, 680, "Helvetica");
	}
	HPDF_Page_EndText(p);
	return pdf;
}

/* Expect pdfa_prepare to fail with a message containing want; count a
 * failure in *failures otherwise. */
static void expect_refusal(int *failures, const char *name, HPDF_Doc pdf,
			   const pdfa_info *info, const char *icc,
			   const char *want)
{
	char msg[256] = "";
	int rc = pdfa_prepare(pdf, info, icc, "x", 1, msg, sizeof msg);
	if (rc == -1 && strstr(msg, want)) {
		printf("ok %s (%s)\n", name, msg);
	} else {
		printf("FAIL %s: rc %d, message \"%s\", wanted \"%s\"\n", name,
		       rc, msg, want);
		(*failures)++;
	}
	HPDF_Free(pdf);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: errors FONT_DIR ICC_PROFILE "
				"OTHER_ICC_PROFILE OUT.pdf\n");
		return 2;
	}
	const char *font_dir = argv[1];
	int failures = 0;
	const char *icc = argv[2], *gray = argv[3], *out = argv[4];
	pdfa_info good = {
		.title = "T", .creator_tool = "annex 0.1", .epoch = 0};
	pdfa_info bad_utf8 = good, far_date = good;
	bad_utf8.title = "bad \xC3\x28 text";
	far_date.epoch = 253402300800LL; /* 10000-01-01 */

	HPDF_Doc twice = make_doc(font_dir, 0);
	char msg[256];
	if (pdfa_prepare(twice, &good, icc, "x", 1, msg, sizeof msg) != 0) {
		printf("FAIL first call: %s\n", msg);
		failures++;
	}
	expect_refusal(&failures, "second_call", twice, &good, icc,
		       "called twice");
	expect_refusal(&failures, "invalid_utf8", make_doc(font_dir, 0),
		       &bad_utf8, icc, "title: invalid UTF-8 at byte 4");
	expect_refusal(&failures, "base14_font", make_doc(font_dir, 1), &good,
		       icc, "Helvetica");
	expect_refusal(&failures, "missing_icc", make_doc(font_dir, 0), &good,
		       "/nonexistent.icc", "cannot open ICC profile");
	expect_refusal(&failures, "gray_icc", make_doc(font_dir, 0), &good,
		       gray, "needs an RGB display or output profile");
	expect_refusal(&failures, "date_after_9999", make_doc(font_dir, 0),
		       &far_date, icc, "outside years");
	HPDF_Doc broken = make_doc(font_dir, 0);
	HPDF_Page_SetLineWidth(HPDF_GetCurrentPage(broken), -1);
	expect_refusal(&failures, "error_state", broken, &good, icc,
		       "error state");

	/* Awkward but acceptable metadata, saved for the checker. */
	HPDF_Doc pdf = make_doc(font_dir, 0);
	pdfa_info odd = {
		.title = "\x01Tab\tCR\rLF\nAmp&Lt<Gt>Quot\"Apos'",
		.author = "Zoë \xF0\x9D\x94\xB8 (U+1D538)",
		.subject = "   leading and trailing spaces   ",
		.keywords = "",
		.creator_tool = "annex 0.1",
		.producer = "annex test producer (libharu 2.3.0)",
		.epoch = -1,
	};
	if (pdfa_prepare(pdf, &odd, icc, NULL, 0, msg, sizeof msg) != 0) {
		printf("FAIL odd_metadata: %s\n", msg);
		failures++;
	} else if (HPDF_SaveToFile(pdf, out) != HPDF_OK) {
		printf("FAIL odd_metadata: save error 0x%04X\n",
		       (unsigned)HPDF_GetError(pdf));
		failures++;
	} else {
		printf("ok odd_metadata\n");
	}
	HPDF_Free(pdf);
	return failures ? 1 : 0;
}
