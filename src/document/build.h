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
} build_opts;

/* Most files one build writes. */
#define DOC_MAX_OUTPUTS 2
/* The files a build of t into out writes: out, and for the relazione its
 * open data <out>.csv.  Fills paths (malloc'd, the caller frees them) and
 * returns their number. */
int doc_outputs(const tpl *t, const char *out, char *paths[DOC_MAX_OUTPUTS]);

/* What a build checks beyond loading, without writing anything: for the
 * relazione, the evaluation's warnings.  Returns 0, or -1 on errors. */
int doc_check(const plan *p, const tpl *t, diag *d);

/* Returns 0, or -1 after reporting to d (the output is then untouched). */
int doc_build(const plan *p, const tpl *t, const char *out, const build_opts *o,
	      diag *d);

#endif
