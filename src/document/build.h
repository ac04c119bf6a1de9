/*
 * build.h - the document stage: from a loaded plan and template to a PDF.
 *
 * doc_build() runs the parts the template asks for, in its order, on one
 * page flow whose pages go straight to the renderer; then it adds the
 * running header and footer ("Pagina 3 di 40" needs the page count) and
 * saves atomically.
 */
#ifndef ANNEX_BUILD_H
#define ANNEX_BUILD_H

#include "../data/plan.h"
#include "../template/template.h"
#include "../render/pdf.h"

#include <stdio.h>

typedef struct build_opts {
	long long epoch; /* SOURCE_DATE_EPOCH, or -1 */
	const char *version;
	int *pages; /* if not NULL, gets the page count of a written PDF */
	/* If set, the PDF goes to sink (no file is written; for the fuzz
	 * harness) and the build stops after max_pages pages (0: no
	 * limit). */
	rnd_sink sink;
	void *sink_ctx;
	int max_pages;
	const plan *old; /* the earlier version, for the comparison; or NULL */
	int csv_bom;	 /* CSV files beside the PDF start with a UTF-8 BOM
			    (--csv-bom), whatever the template says */
	int threads;	 /* deflating the pages (rnd_set_threads); 0 = 1 */
} build_opts;

/* Most files one build writes: the PDF and the files its parts write
 * beside it (the relazione's open data). */
#define DOC_MAX_OUTPUTS 8
/* The files a build of t into out writes: out, and the export of each
 * part that has one (for the relazione its open data <out>.csv).  Fills
 * paths (malloc'd, the caller frees them) and returns their number. */
int doc_outputs(const tpl *t, const char *out, char *paths[DOC_MAX_OUTPUTS]);
/* The template at path, with the keys of every part annex knows
 * (reports/registry.c).  Returns NULL after reporting errors. */
tpl *doc_load_template(const char *path, diag *d);
/* `annex template-keys`: every key of the template and of the parts. */
void doc_print_keys(FILE *out, int markdown);

/* The plan's values that load accepts but the templates would print or
 * read doubtfully, as warnings: unknown organs ([text] organo.*),
 * targets that lost a sign to Windows-1252 or do not read, resources that
 * are neither an amount nor text.  Run by doc_check and doc_build. */
void doc_validate(const plan *p, const tpl *t, diag *d);

/* What a build checks beyond loading, without writing anything: what
 * doc_validate says, and the relazione's evaluation (targets, monitoring
 * values) whatever the template, since a shipped template reads them.  Returns
 * 0, or -1 on errors. */
int doc_check(const plan *p, const tpl *t, diag *d);

/* Returns 0, or -1 after reporting to d (the output is then untouched). */
int doc_build(const plan *p, const tpl *t, const char *out, const build_opts *o,
	      diag *d);

#endif
