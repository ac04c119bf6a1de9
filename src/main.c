/*
 * main.c - the annex command line.
 *
 *   annex build [-t TEMPLATE] [-o OUT.pdf] PLANDIR
 *   annex check [-t TEMPLATE] PLANDIR
 *
 * Data flow: plan folder -> data (plan_load) -> document (tpl_load,
 * doc_build) -> layout -> render.  Exit status: 0 ok, 1 input errors,
 * 2 usage.
 */
#include "data/plan.h"
#include "document/build.h"
#include "document/template.h"
#include "util/diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ANNEX_VERSION "0.1.0"

static const char usage_text[] =
	"usage: annex build [-t TEMPLATE] [-o OUT.pdf] PLANDIR\n"
	"       annex check [-t TEMPLATE] PLANDIR\n"
	"       annex --help | --version\n"
	"\n"
	"build   typeset the plan in PLANDIR with TEMPLATE (default\n"
	"        templates/all-1.1.ini) into OUT.pdf (default\n"
	"        output/<template name>.pdf)\n"
	"check   load and validate the plan and the template; write nothing\n"
	"\n"
	"Problems are printed as file:line: error|warning: message.\n"
	"Exit status: 0 ok, 1 errors in the input, 2 usage.\n"
	"SOURCE_DATE_EPOCH sets the PDF's dates (reproducible builds).\n";

static int usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "annex: %s\n", msg);
	fputs(usage_text, stderr);
	return 2;
}

static long long source_date_epoch(diag *d)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		diag_warning(d, NULL, 0,
			     "SOURCE_DATE_EPOCH '%s' is not a number of "
			     "seconds; ignored",
			     s);
		return -1;
	}
	return v;
}

/* The folder of out must exist and be writable. */
static int check_out_dir(const char *out, diag *d)
{
	char *dir = strdup(out);
	char *slash = strrchr(dir, '/');
	const char *dn = ".";
	if (slash) {
		*slash = '\0';
		dn = *dir ? dir : "/";
	}
	struct stat sb;
	int rc = 0;
	if (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		diag_error(d, out, 0, "is a folder; name the PDF to write");
		rc = -1;
	} else if (stat(dn, &sb) != 0) {
		diag_error(d, out, 0, "output folder %s does not exist", dn);
		rc = -1;
	} else if (!S_ISDIR(sb.st_mode)) {
		diag_error(d, out, 0, "%s is not a folder", dn);
		rc = -1;
	} else if (access(dn, W_OK) != 0) {
		diag_error(d, out, 0, "output folder %s is not writable", dn);
		rc = -1;
	}
	free(dir);
	return rc;
}

int main(int argc, char **argv)
{
	const char *tpl_path = "templates/all-1.1.ini";
	const char *out = NULL;
	const char *dir = NULL;
	int build;

	if (argc < 2)
		return usage(NULL);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("annex %s\n", ANNEX_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "build"))
		build = 1;
	else if (!strcmp(argv[1], "check"))
		build = 0;
	else
		return usage("unknown command");
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-t") || !strcmp(a, "-o")) {
			if (i + 1 >= argc)
				return usage("option needs a value");
			if (a[1] == 't')
				tpl_path = argv[++i];
			else if (build)
				out = argv[++i];
			else
				return usage("check writes nothing: no -o");
		} else if (a[0] == '-' && a[1]) {
			return usage("unknown option");
		} else if (dir) {
			return usage("one plan folder only");
		} else {
			dir = a;
		}
	}
	if (!dir)
		return usage("no plan folder given");

	diag d;
	diag_init(&d, stderr);
	long long epoch = source_date_epoch(&d);
	tpl *t = tpl_load(tpl_path, &d);
	plan *p = plan_load(dir, &d);
	char *out_buf = NULL;
	if (build && t && !out) {
		size_t n = strlen(t->name) + 16;
		out_buf = malloc(n);
		snprintf(out_buf, n, "output/%s.pdf", t->name);
		out = out_buf;
	}
	int rc = 0;
	if (!t || !p || d.errors)
		rc = 1;
	else if (!build && doc_check(p, t, &d) != 0)
		rc = 1;
	else if (build && check_out_dir(out, &d) != 0)
		rc = 1;
	else if (build) {
		build_opts o = {epoch, "annex " ANNEX_VERSION};
		if (doc_build(p, t, out, &o, &d) != 0 || d.errors)
			rc = 1;
	}
	if (d.errors || d.warnings)
		fprintf(stderr, "annex: %d error%s, %d warning%s\n", d.errors,
			d.errors == 1 ? "" : "s", d.warnings,
			d.warnings == 1 ? "" : "s");
	free(out_buf);
	plan_free(p);
	tpl_free(t);
	return rc;
}
