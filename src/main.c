/*
 * main.c - the annex command line.
 *
 *   annex build [-t TEMPLATE]... [-o OUT.pdf] PLANDIR
 *   annex check [-t TEMPLATE]... PLANDIR
 *   annex all [--if-changed] PLANDIR
 *
 * Subcommands and options are two tables (commands[], options[]): a new
 * subcommand is one row in commands[] with its run function, the options
 * it accepts (a mask of OPT bits) and how many operands it takes; a new
 * option is one enum value and one row in options[].  Parsing, --help of
 * every subcommand, "did you mean" of unknown commands and options, -q,
 * -v and --strict are common to all.
 *
 * Data flow: plan folder -> data (plan_load) -> document (tpl_load,
 * doc_build) -> layout -> render.  Exit status: 0 ok, 1 input errors (or
 * warnings with --strict), 2 usage; with several documents, the worst.
 */
#include "data/export.h"
#include "data/ini.h"
#include "data/plan.h"
#include "document/build.h"
#include "document/output.h"
#include "template/template.h"
#include "document/diffcmd.h"
#include "util/atomic.h"
#include "util/arena.h"
#include "util/datadir.h"
#include "util/diag.h"
#include "util/heap.h"
#include "util/i18n.h"
#include "util/text.h"

#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ANNEX_VERSION "0.1.0"
#define MAX_DOCS      16

/* ---- options -------------------------------------------------------- */

enum {
	O_TEMPLATE,
	O_OUTPUT,
	O_IF_CHANGED,
	O_DRAFT,
	O_QUIET,
	O_VERBOSE,
	O_STRICT,
	O_FORCE,
	O_HELP,
	O_MARKDOWN,
	O_SINCE,
	O_OLD,
	O_ORGANO,
	O_NUMERO,
	O_DATA,
	O_CONTESTO,
	O_WRITE,
	O_PDF,
	O_CSV_BOM,
	O_COUNT
};
#define OPT(o)	   (1u << (o))
#define OPT_COMMON (OPT(O_QUIET) | OPT(O_VERBOSE) | OPT(O_STRICT) | OPT(O_HELP))

typedef struct opt_spec {
	char shrt;	  /* 0: long form only */
	const char *lng;  /* without "--" */
	const char *arg;  /* metavariable, NULL for a flag */
	const char *help; /* N_() */
} opt_spec;

static const opt_spec options[O_COUNT] = {
	[O_TEMPLATE] =
		{'t', "template", N_("TEMPLATE"),
		 N_("a template file, or the name of a shipped one\n"
		    "(all-1.1, relazione); build and check take several")},
	[O_OUTPUT] = {'o', "output", N_("OUT.pdf"),
		      N_("the PDF to write (default output/TEMPLATE.pdf)")},
	[O_IF_CHANGED] = {0, "if-changed", NULL,
			  N_("skip a document whose PDF is newer than every "
			     "file it reads")},
	[O_DRAFT] =
		{0, "draft", NULL,
		 N_("the plan is a draft, as stato = bozza in documento.ini:\n"
		    "BOZZA on every page, missing numbers as n. ____")},
	[O_QUIET] = {'q', "quiet", NULL, N_("print errors only")},
	[O_VERBOSE] = {'v', "verbose", NULL,
		       N_("print the time of each stage and every repeated "
			  "warning")},
	[O_STRICT] = {0, "strict", NULL,
		      N_("treat warnings as errors (exit status 1)")},
	[O_FORCE] = {0, "force", NULL,
		     N_("replace OUT.pdf even if it is not a PDF")},
	[O_HELP] = {'h', "help", NULL, N_("show this help and exit")},
	[O_MARKDOWN] = {0, "markdown", NULL,
			N_("print a Markdown table (the README's reference)")},
	[O_SINCE] = {0, "since", N_("OLDPLAN"),
		     N_("warn about each record changed since OLDPLAN\n"
			"without a newer amendment")},
	[O_OLD] = {0, "old", N_("OLDPLAN"),
		   N_("the earlier version, for the comparison\n"
		      "(templates/confronto.ini)")},
	[O_ORGANO] = {0, "organo", N_("ORGANO"),
		      N_("the organ of the deliberation (default: "
			 "documento.ini)")},
	[O_NUMERO] = {0, "numero", N_("N"),
		      N_("the deliberation's number (none: pending)")},
	[O_DATA] = {0, "data", N_("YYYY-MM-DD"),
		    N_("the deliberation's date (default: documento.ini\n"
		       "delibera_data, else today)")},
	[O_CONTESTO] = {0, "contesto", N_("TEXT"),
			N_("the amendments' contesto, e.g. \"rolling "
			   "annuale\"")},
	[O_WRITE] = {0, "write", NULL,
		     N_("add the amendments to NEWPLAN/modifiche.csv and\n"
			"put removed records back")},
	[O_PDF] = {0, "pdf", N_("OUT.pdf"),
		   N_("also write the comparison (Prospetto delle\n"
		      "modifiche) to OUT.pdf")},
	[O_CSV_BOM] = {0, "csv-bom", NULL,
		       N_("start the CSV files written beside the PDF (the\n"
			  "relazione's open data) with a BOM, for Excel")},
};

/* ---- subcommands ---------------------------------------------------- */

typedef struct args {
	const struct command *cmd;
	const char **val[O_COUNT]; /* values of each option, in order */
	int n[O_COUNT];		   /* times each option was given */
	char **pos;		   /* operands */
	int npos;
	char *data; /* the data folder (datadir.h) */
} args;

typedef struct command {
	const char *name;
	int (*run)(const args *a);
	unsigned opts;		 /* OPT() mask */
	int min_pos, max_pos;	 /* operands */
	const char *synopsis;	 /* N_() */
	const char *description; /* N_() */
} command;

static int cmd_build(const args *a);
static int cmd_check(const args *a);
static int cmd_all(const args *a);
static int cmd_template_keys(const args *a);
static int cmd_diff(const args *a);
static int cmd_amend(const args *a);
#define OPT_DELIB (OPT(O_ORGANO) | OPT(O_NUMERO) | OPT(O_DATA))
static int cmd_export(const args *a);
static int cmd_init(const args *a);

static const command commands[] = {
	{"build", cmd_build,
	 OPT(O_TEMPLATE) | OPT(O_OUTPUT) | OPT(O_IF_CHANGED) | OPT(O_FORCE) |
		 OPT(O_OLD) | OPT(O_DRAFT) | OPT(O_CSV_BOM) | OPT_COMMON,
	 1, 1,
	 N_("annex build [-t TEMPLATE]... [-o OUT.pdf] [--old OLDPLAN] "
	    "[--draft]\n"
	    "            [--csv-bom] PLANDIR"),
	 N_("Typeset the plan in PLANDIR with each TEMPLATE (default all-1.1)\n"
	    "into OUT.pdf (default output/TEMPLATE.pdf; the folder output/ is\n"
	    "created when missing).  The PDF is written atomically: a failed\n"
	    "build leaves the previous one as it was.")},
	{"check", cmd_check,
	 OPT(O_TEMPLATE) | OPT(O_SINCE) | OPT(O_DRAFT) | OPT_COMMON, 1, 1,
	 N_("annex check [-t TEMPLATE]... [--since OLDPLAN] [--draft] PLANDIR"),
	 N_("Load and validate the plan and the template as build would;\n"
	    "write nothing.  With --since, warn about every record that\n"
	    "differs from OLDPLAN without an amendment newer than OLDPLAN's.")},
	{"diff", cmd_diff,
	 OPT(O_TEMPLATE) | OPT_DELIB | OPT(O_CONTESTO) | OPT(O_WRITE) |
		 OPT(O_PDF) | OPT_COMMON,
	 2, 2,
	 N_("annex diff [-t TEMPLATE] [--organo O] [--numero N] [--data D]\n"
	    "           [--contesto C] [--write] [--pdf OUT.pdf] OLDPLAN "
	    "NEWPLAN"),
	 N_("Print the amendments that turn OLDPLAN into NEWPLAN as rows of\n"
	    "modifiche.csv (inserito, eliminato, aggiornato with a nota).\n"
	    "--write adds them to NEWPLAN/modifiche.csv and puts removed\n"
	    "records back, so that the annex prints them struck through;\n"
	    "without --numero they are pending and documento.ini gets\n"
	    "stato = bozza.  Exit status: 0 no changes, 3 changes.")},
	{"amend", cmd_amend, OPT_DELIB | OPT_COMMON, 1, 1,
	 N_("annex amend --numero N --data YYYY-MM-DD [--organo O] PLANDIR"),
	 N_("Give every pending amendment of PLANDIR (no number yet) the\n"
	    "deliberation's number and date, and clear stato = bozza.")},
	{"all", cmd_all, OPT(O_IF_CHANGED) | OPT(O_CSV_BOM) | OPT_COMMON, 1, 1,
	 N_("annex all [--if-changed] [--csv-bom] PLANDIR"),
	 N_("Build every document that PLANDIR/documento.ini lists\n"
	    "([annex] documents = all-1.1, relazione; without the key, both)\n"
	    "into output/.  The exit status is the worst of the documents'.")},
	{"export", cmd_export, OPT_COMMON, 2, 2,
	 N_("annex export PLANDIR OUT.xlsx|OUT.ods   (or WORKBOOK OUTDIR)"),
	 N_("Write the plan folder PLANDIR as one workbook, or a workbook\n"
	    "as a plan folder (CSV files and documento.ini).")},
	{"init", cmd_init, OPT_COMMON, 1, 1,
	 N_("annex init OUT.xlsx|OUT.ods|DIR"),
	 N_("Write an empty plan: every table with its columns; in a\n"
	    "workbook each header cell has a comment saying what the\n"
	    "column holds, in a folder documento.ini explains its keys.")},
	{"template-keys", cmd_template_keys, OPT(O_MARKDOWN) | OPT(O_HELP), 0,
	 0, N_("annex template-keys [--markdown]   (or annex --list-keys)"),
	 N_("Print every key a template may set, with its type, default\n"
	    "and meaning.")},
};
#define NCOMMANDS ((int)(sizeof commands / sizeof commands[0]))

/* ---- help and usage ------------------------------------------------- */

static void print_options(FILE *f, unsigned mask)
{
	fputs(_("Options:\n"), f);
	for (int o = 0; o < O_COUNT; o++) {
		if (!(mask & OPT(o)))
			continue;
		const opt_spec *s = &options[o];
		char left[64];
		int n = 0;
		if (s->shrt)
			n = snprintf(left, sizeof left, "-%c, ", s->shrt);
		snprintf(left + n, sizeof left - (size_t)n, "--%s%s%s", s->lng,
			 s->arg ? " " : "", s->arg ? _(s->arg) : "");
		fprintf(f, "  %-24s ", left);
		for (const char *h = _(s->help); *h; h++) {
			fputc(*h, f);
			if (*h == '\n')
				fprintf(f, "%27s", "");
		}
		fputc('\n', f);
	}
}

static void print_common_end(FILE *f)
{
	fputs(_("\nProblems are printed as file:line: error|warning: message; "
		"a warning\nthat repeats with only its place changing is "
		"printed once, with a count.\nExit status: 0 ok, 1 errors in "
		"the input, 2 usage.\nSOURCE_DATE_EPOCH sets the PDF's dates "
		"(reproducible builds); ANNEX_DATA\nthe folder of the shipped "
		"templates and fonts.  See man annex.\n"),
	      f);
}

static void general_help(FILE *f)
{
	fputs(_("usage: "), f);
	for (int i = 0; i < NCOMMANDS; i++)
		fprintf(f, "%s%s\n", i ? "       " : "",
			_(commands[i].synopsis));
	fprintf(f, "       annex COMMAND --help | annex --help | annex "
		   "--version\n\n");
	for (int i = 0; i < NCOMMANDS; i++) {
		const char *d = _(commands[i].description);
		fprintf(f, "%-7s ", commands[i].name);
		for (const char *p = d; *p; p++) {
			fputc(*p, f);
			if (*p == '\n')
				fputs("        ", f);
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	print_options(f, ~0u);
	print_common_end(f);
}

static void command_help(const command *c, FILE *f)
{
	fprintf(f, _("usage: %s\n\n%s\n\n"), _(c->synopsis), _(c->description));
	print_options(f, c->opts);
	print_common_end(f);
}

/* A usage error: the message, how to get help, status 2. */
static int usage(const command *c, const char *fmt, const char *word,
		 const char *hint)
{
	fputs("annex: ", stderr);
	fprintf(stderr, fmt, word);
	if (hint)
		fprintf(stderr, _("; did you mean '%s'?"), hint);
	fputc('\n', stderr);
	if (c)
		fprintf(stderr, _("Try 'annex %s --help'.\n"), c->name);
	else
		fputs(_("Try 'annex --help'.\n"), stderr);
	return 2;
}

/* ---- parsing -------------------------------------------------------- */

static const command *find_command(const char *name)
{
	for (int i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *names[NCOMMANDS];
	for (int i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	return usage(NULL, _("unknown command '%s'"), name,
		     text_closest(name, names, NCOMMANDS));
}

static int unknown_option(const command *c, const char *word)
{
	char spelled[O_COUNT][40];
	const char *cands[O_COUNT];
	int n = 0;
	for (int o = 0; o < O_COUNT; o++)
		if (c->opts & OPT(o)) {
			snprintf(spelled[n], sizeof spelled[n], "--%s",
				 options[o].lng);
			cands[n] = spelled[n];
			n++;
		}
	const char *eq = strchr(word, '=');
	char bare[40];
	snprintf(bare, sizeof bare, "%.*s",
		 (int)(eq ? (size_t)(eq - word) : strlen(word)), word);
	const char *hint = word[1] == '-' ? text_closest(bare, cands, n) : NULL;
	return usage(c, _("unknown option '%s'"), word, hint);
}

/* The option word names (--long, --long=VALUE, -s), or -1. */
static int match_option(const command *c, const char *w, const char **inl)
{
	*inl = NULL;
	for (int o = 0; o < O_COUNT; o++) {
		if (!(c->opts & OPT(o)))
			continue;
		const opt_spec *s = &options[o];
		if (w[1] == '-') {
			size_t n = strlen(s->lng);
			if (strncmp(w + 2, s->lng, n) != 0)
				continue;
			if (w[2 + n] == '\0')
				return o;
			if (w[2 + n] == '=' && s->arg) {
				*inl = w + 3 + n;
				return o;
			}
		} else if (s->shrt && w[1] == s->shrt && w[2] == '\0') {
			return o;
		}
	}
	return -1;
}

static int parse_args(const command *c, int argc, char **argv, args *a)
{
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		if (!strcmp(w, "--")) {
			while (++i < argc)
				a->pos[a->npos++] = argv[i];
			break;
		}
		if (w[0] != '-' || !w[1]) {
			a->pos[a->npos++] = argv[i];
			continue;
		}
		const char *v;
		int o = match_option(c, w, &v);
		if (o < 0)
			return unknown_option(c, w);
		if (options[o].arg && !v) {
			if (i + 1 >= argc)
				return usage(c, _("option '%s' needs a value"),
					     w, NULL);
			v = argv[++i];
		}
		a->val[o][a->n[o]++] = v;
	}
	if (a->n[O_HELP])
		return 0;
	if (a->npos < c->min_pos)
		return usage(c, _("%s: no plan folder given"), c->name, NULL);
	if (a->npos > c->max_pos)
		return usage(c, _("one plan folder only, not also '%s'"),
			     a->pos[c->max_pos], NULL);
	if (a->n[O_OUTPUT] > 1 || (a->n[O_OUTPUT] && a->n[O_TEMPLATE] > 1))
		return usage(c, _("%s: -o names one PDF: give one template"),
			     c->name, NULL);
	if (a->n[O_TEMPLATE] > MAX_DOCS)
		return usage(c, _("%s: too many templates"), c->name, NULL);
	return 0;
}

/* ---- running documents ---------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What the run of one command shares: the diagnostics, the plan (loaded
 * once, when first needed) and the flags. */
typedef struct run {
	const args *a;
	diag d;
	plan *p;
	plan *old; /* --old */
	int plan_loaded;
	long long epoch;
	int threads;
	int quiet, verbose;
	heap_warm *warm; /* the memory the build will use, faulted in ahead */
} run;

static void timing(const run *r, const char *stage, const char *what, double t0)
{
	if (r->verbose)
		fprintf(stderr, _("annex: %s %s: %.3f s\n"), stage, what,
			now() - t0);
}

static long long source_date_epoch(diag *d)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	/* The PDF's dates need a 4-digit year: up to 9999-12-31 23:59:59. */
	if (errno || *end || end == s || v < 0 || v > 253402300799LL) {
		diag_warning(d, NULL, 0,
			     "SOURCE_DATE_EPOCH '%s' is not a number of "
			     "seconds from 0 to 253402300799 (year 9999); "
			     "ignored",
			     s);
		return -1;
	}
	return v;
}

/* ANNEX_THREADS: how many threads make the PDF, the main one included
 * (render/pack.h); unset: 2 on a machine of two cores or more, else 1.
 * The PDF's bytes are the same whatever the number. */
static int annex_threads(diag *d)
{
	int dflt = sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
	const char *s = getenv("ANNEX_THREADS");
	if (!s || !*s)
		return dflt;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 1 || v > RND_MAX_THREADS) {
		diag_warning(d, NULL, 0,
			     "ANNEX_THREADS '%s' is not a number of threads "
			     "from 1 to %d; using %d",
			     s, RND_MAX_THREADS, dflt);
		return dflt;
	}
	return (int)v;
}

static plan *get_plan(run *r)
{
	if (!r->plan_loaded) {
		double t0 = now();
		r->p = plan_load_draft(r->a->pos[0], r->a->n[O_DRAFT] > 0,
				       &r->d);
		r->plan_loaded = 1;
		timing(r, _("load plan"), r->a->pos[0], t0);
	}
	return r->p;
}

/* The earlier version given with --old, loaded once; NULL if none. */
static plan *get_old(run *r)
{
	if (!r->old && r->a->n[O_OLD])
		r->old = plan_load(r->a->val[O_OLD][0], &r->d);
	return r->old;
}

/* The default output/ is created when missing; out_check (document/
 * output.c) checks the folder and the file. */
static int make_default_dir(const char *out, int is_default, diag *d)
{
	const char *slash = strrchr(out, '/');
	if (!is_default || !slash)
		return 0;
	char *dn = xstrndup(out, (size_t)(slash - out));
	struct stat sb;
	int rc = 0;
	if (*dn && stat(dn, &sb) != 0 && errno == ENOENT &&
	    mkdir(dn, 0777) != 0) {
		diag_error(d, out, 0, "cannot create the folder %s: %s", dn,
			   strerror(errno));
		rc = -1;
	}
	free(dn);
	return rc;
}

/* Modification time of path in nanoseconds, or 0. */
static long long mtime_of(const char *path)
{
	struct stat sb;
	if (!path || stat(path, &sb) != 0)
		return 0;
	return (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
}

/* Whether out is newer than every file the document reads: the plan
 * folder's files, the template, its fonts and ICC profile. */
static int up_to_date(const char *out, const char *plandir, const tpl *t)
{
	long long o = mtime_of(out), newest = mtime_of(t->path);
	if (!o)
		return 0;
	for (int i = 0; i < FONT_COUNT; i++)
		if (mtime_of(t->font_path[i]) > newest)
			newest = mtime_of(t->font_path[i]);
	if (mtime_of(t->icc_path) > newest)
		newest = mtime_of(t->icc_path);
	DIR *dir = opendir(plandir);
	if (!dir)
		return 0;
	struct dirent *e;
	char path[4096];
	while ((e = readdir(dir)) != NULL) {
		snprintf(path, sizeof path, "%s/%s", plandir, e->d_name);
		if (e->d_name[0] != '.' && data_is_file(path) &&
		    mtime_of(path) > newest)
			newest = mtime_of(path);
	}
	closedir(dir);
	return o > newest;
}

static void success(const run *r, const char *out, int pages, double secs)
{
	if (r->quiet)
		return;
	long cs = (long)(secs * 100 + 0.5);
	printf(dngettext(ANNEX_DOMAIN, "wrote %s (%d page, %ld.%02ld s)\n",
			 "wrote %s (%d pages, %ld.%02ld s)\n",
			 (unsigned long)pages),
	       out, pages, cs / 100, cs % 100);
	fflush(stdout);
}

/* Build (or, when !write, check) one document.  Returns 0 or 1. */
static int one_document(run *r, const char *tpl_arg, const char *out_arg,
			int write)
{
	char *tpath = data_template(r->a->data, tpl_arg);
	double t0 = now(), start = t0;
	int errors0 = r->d.errors;
	diag scratch;
	diag_init(&scratch, NULL);
	int rc = 0;
	tpl *t = doc_load_template(tpath,
				   r->a->n[O_IF_CHANGED] ? &scratch : &r->d);
	char *out = NULL;
	if (t && write) {
		size_t n = strlen(t->name) + 16;
		out = out_arg ? xstrdup(out_arg) : xmalloc(n);
		if (!out_arg)
			snprintf(out, n, "output/%s.pdf", t->name);
	}
	if (t && write && r->a->n[O_IF_CHANGED]) {
		if (scratch.errors == 0 && scratch.warnings == 0 &&
		    up_to_date(out, r->a->pos[0], t)) {
			if (!r->quiet)
				printf(_("up to date: %s\n"), out);
			goto done;
		}
		tpl_free(t); /* again, reporting what it finds */
		t = doc_load_template(tpath, &r->d);
	}
	timing(r, _("load template"), tpath, t0);
	plan *p = get_plan(r);
	if (!t || !p || r->d.errors > errors0) {
		rc = 1;
	} else if (!write) {
		t0 = now();
		rc = doc_check(p, t, &r->d) != 0;
		if (r->a->n[O_SINCE] &&
		    diff_check_since(r->a->val[O_SINCE][0], p, t, &r->d) < 0)
			rc = 1;
		timing(r, _("check"), t->name, t0);
	} else if (make_default_dir(out, !out_arg, &r->d) != 0 ||
		   out_check(p, t, out, r->a->n[O_FORCE], &r->d) != 0) {
		rc = 1;
	} else {
		int pages = 0;
		build_opts o = {.epoch = r->epoch,
				.version = "annex " ANNEX_VERSION,
				.pages = &pages,
				.old = get_old(r),
				.csv_bom = r->a->n[O_CSV_BOM] > 0,
				.threads = r->threads};
		t0 = now();
		rc = doc_build(p, t, out, &o, &r->d) != 0 ||
		     r->d.errors > errors0;
		timing(r, _("typeset and write"), out, t0);
		diag_flush(&r->d);
		if (!rc)
			success(r, out, pages, now() - start);
	}
done:
	diag_flush(&r->d);
	free(out);
	free(tpath);
	tpl_free(t);
	return rc;
}

/* ---- the subcommands ------------------------------------------------ */

static int run_documents(run *r, const char *const *tpls, int n, int write)
{
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *out =
			r->a->n[O_OUTPUT] ? r->a->val[O_OUTPUT][0] : NULL;
		if (one_document(r, tpls[i], out, write) != 0)
			rc = 1;
	}
	return rc;
}

/* The names of the shipped templates (DATA/templates/NAME.ini), for a
 * "did you mean"; returns how many, up to max, malloc'd into names. */
static int shipped_templates(const char *data, char **names, int max)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/templates", data);
	DIR *dir = opendir(path);
	int n = 0;
	struct dirent *e;
	while (dir && n < max && (e = readdir(dir)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".ini"))
			names[n++] = xstrndup(e->d_name, l - 4);
	}
	if (dir)
		closedir(dir);
	return n;
}

/* An unknown document name in documento.ini: an error at its line. */
static void unknown_document(run *r, const char *file, int line,
			     const char *name)
{
	char *names[64];
	int n = shipped_templates(r->a->data, names, 64);
	const char *best = text_closest(name, (const char *const *)names, n);
	if (best)
		diag_error(&r->d, file, line,
			   "documents: no template '%s'; did you mean '%s'?",
			   name, best);
	else
		diag_error(&r->d, file, line, "documents: no template '%s'",
			   name);
	for (int i = 0; i < n; i++)
		free(names[i]);
}

/* The documents documento.ini lists ([annex] documents), or the annex and
 * the relazione.  Returns how many, up to max; names point into buf.  An
 * unknown name is an error, and left out. */
static int listed_documents(run *r, char *buf, size_t bufsz, const char **names,
			    int max)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/documento.ini", r->a->pos[0]);
	diag scratch; /* plan_load reports problems of the file */
	diag_init(&scratch, NULL);
	ini_doc *ini = ini_open(path, path, &scratch);
	int line = 0;
	const char *v = ini ? ini_get(ini, "annex:documents", &line) : NULL;
	snprintf(buf, bufsz, "%s", v && *v ? v : "all-1.1, relazione");
	if (ini)
		ini_close(ini);
	int n = 0;
	for (char *tok = strtok(buf, ", \t"); tok && n < max;
	     tok = strtok(NULL, ", \t")) {
		char *tp = data_template(r->a->data, tok);
		if (data_is_file(tp))
			names[n++] = tok;
		else
			unknown_document(r, path, line, tok);
		free(tp);
	}
	return n;
}

static int finish(run *r, int rc);

/* Whether glibc's allocator is the one in use: not a sanitizer's, not
 * valgrind's (which preloads its own). */
static int plain_malloc(void)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
	return 0;
#else
	const char *pre = getenv("LD_PRELOAD");
	return !(pre && strstr(pre, "vgpreload"));
#endif
}

/* The heap a build (a check) of the plan grows to, per byte of its
 * input, at least: the 10,000-indicator plan's 6.4 MB of CSV peak at 51
 * MB for the cruscotto alone, 96 MB for the whole annex, 33 MB for a
 * check; warming this much (heap.h) does not raise the peak. */
#define HEAP_PER_INPUT_BUILD 6
#define HEAP_PER_INPUT_CHECK 4

static void setup_run(run *r, int per_input_byte)
{
	diag_init(&r->d, stderr);
	r->quiet = r->d.quiet = r->a->n[O_QUIET] > 0;
	r->verbose = r->a->n[O_VERBOSE] > 0;
	r->d.collapse = !r->verbose;
	r->epoch = source_date_epoch(&r->d);
	r->threads = annex_threads(&r->d);
	if (r->a->npos > 0)
		r->warm = heap_warm_start(plan_input_size(r->a->pos[0]) *
						  (size_t)per_input_byte,
					  plain_malloc());
}

static int cmd_all(const args *a)
{
	run r = {.a = a};
	setup_run(&r, HEAP_PER_INPUT_BUILD);
	char buf[1024];
	const char *names[MAX_DOCS];
	int n = listed_documents(&r, buf, sizeof buf, names, MAX_DOCS);
	int rc = run_documents(&r, names, n, 1);
	return finish(&r, rc || r.d.errors);
}

static int build_or_check(const args *a, int write)
{
	run r = {.a = a};
	setup_run(&r, write ? HEAP_PER_INPUT_BUILD : HEAP_PER_INPUT_CHECK);
	static const char *const dflt[] = {"all-1.1"};
	const char *const *tpls = a->n[O_TEMPLATE] ? a->val[O_TEMPLATE] : dflt;
	int n = a->n[O_TEMPLATE] ? a->n[O_TEMPLATE] : 1;
	return finish(&r, run_documents(&r, tpls, n, write));
}

static int cmd_template_keys(const args *a)
{
	doc_print_keys(stdout, a->n[O_MARKDOWN] > 0);
	return 0;
}

static int cmd_build(const args *a)
{
	return build_or_check(a, 1);
}

static int cmd_check(const args *a)
{
	return build_or_check(a, 0);
}

/* export and init live in data/export.c. */
static int export_or_init(const args *a, int init)
{
	run r = {.a = a};
	diag_init(&r.d, stderr);
	r.quiet = r.d.quiet = a->n[O_QUIET] > 0;
	r.epoch = source_date_epoch(&r.d);
	int rc = init ? plan_init(a->pos[0], r.epoch, &r.d)
		      : plan_export(a->pos[0], a->pos[1], r.epoch, &r.d);
	return finish(&r, rc != 0 || r.d.errors);
}

static int cmd_export(const args *a)
{
	return export_or_init(a, 0);
}

static int cmd_init(const args *a)
{
	return export_or_init(a, 1);
}

/* The closing summary and the exit status (--strict: warnings count). */
static int finish(run *r, int rc)
{
	diag *d = &r->d;
	diag_flush(d);
	if (d->errors || (d->warnings && !r->quiet)) {
		fprintf(stderr, "annex: ");
		fprintf(stderr,
			dngettext(ANNEX_DOMAIN, "%d error", "%d errors",
				  (unsigned long)d->errors),
			d->errors);
		fputs(", ", stderr);
		fprintf(stderr,
			dngettext(ANNEX_DOMAIN, "%d warning", "%d warnings",
				  (unsigned long)d->warnings),
			d->warnings);
		fputc('\n', stderr);
	}
	if (r->a->n[O_STRICT] && d->warnings && rc == 0)
		rc = 1;
	heap_warm_end(r->warm);
	plan_free(r->p);
	plan_free(r->old);
	return rc;
}

static int diff_or_amend(const args *a, int amend)
{
	run r = {.a = a};
	diag_init(&r.d, stderr);
	r.quiet = r.d.quiet = a->n[O_QUIET] > 0;
	diff_args da;
	memset(&da, 0, sizeof da);
	const char *const *v[O_COUNT];
	for (int o = 0; o < O_COUNT; o++)
		v[o] = a->n[o] ? a->val[o] + a->n[o] - 1 : NULL;
	da.organo = v[O_ORGANO] ? *v[O_ORGANO] : NULL;
	da.numero = v[O_NUMERO] ? *v[O_NUMERO] : NULL;
	da.data = v[O_DATA] ? *v[O_DATA] : NULL;
	da.contesto = v[O_CONTESTO] ? *v[O_CONTESTO] : NULL;
	da.pdf = v[O_PDF] ? *v[O_PDF] : NULL;
	da.write = a->n[O_WRITE] > 0;
	da.dir[0] = a->pos[0];
	da.dir[1] = a->npos > 1 ? a->pos[1] : NULL;
	da.version = "annex " ANNEX_VERSION;
	da.epoch = source_date_epoch(&r.d);
	if (amend && (!da.numero || !*da.numero || !da.data))
		return usage(a->cmd, _("%s: give --numero and --data"), "amend",
			     NULL);
	/* Every template has the notes' phrases; --pdf typesets the
	 * comparison. */
	const char *tname = v[O_TEMPLATE] ? *v[O_TEMPLATE]
			    : da.pdf	  ? "confronto"
					  : "all-1.1";
	char *tpath = data_template(a->data, tname);
	da.tpl_path = tpath;
	int rc = amend ? diffcmd_amend(&da, &r.d) : diffcmd_diff(&da, &r.d);
	free(tpath);
	int frc = finish(&r, rc == 3 ? 0 : rc);
	return rc == 3 && frc == 0 ? 3 : frc;
}

static int cmd_diff(const args *a)
{
	return diff_or_amend(a, 0);
}

static int cmd_amend(const args *a)
{
	return diff_or_amend(a, 1);
}

/* ---- main ----------------------------------------------------------- */

static void setup_messages(const char *data)
{
	/* Only the messages follow the locale: numbers in the plan and in
	 * the PDF never do. */
	setlocale(LC_MESSAGES, "");
	char *dir = data_localedir(data);
	bindtextdomain(ANNEX_DOMAIN, dir);
	bind_textdomain_codeset(ANNEX_DOMAIN, "UTF-8");
	free(dir);
}

static int dispatch(const command *c, int argc, char **argv, char *data)
{
	args a;
	memset(&a, 0, sizeof a);
	a.cmd = c;
	a.data = data;
	a.pos = xcalloc((size_t)argc + 1, sizeof *a.pos);
	for (int o = 0; o < O_COUNT; o++)
		a.val[o] = xcalloc((size_t)argc + 1, sizeof *a.val[o]);
	int rc = parse_args(c, argc, argv, &a);
	if (rc == 0 && a.n[O_HELP])
		command_help(c, stdout);
	else if (rc == 0)
		rc = c->run(&a);
	for (int o = 0; o < O_COUNT; o++)
		free(a.val[o]);
	free(a.pos);
	return rc;
}

/*
 * Huge pages.  A build touches its memory once, page by page: 27,000 page
 * faults for the 10,000-indicator annex, which on a virtual machine cost
 * more than a tenth of the run.  glibc's malloc asks the kernel for
 * transparent huge pages (one fault per 2 MB) only when the environment
 * says glibc.malloc.hugetlb=1 when the process starts, so annex starts
 * itself again once, with that set: 2,500 faults and 12% to 30% less CPU
 * (README.md, "Performance").  Not when GLIBC_TUNABLES is set already (to
 * anything: GLIBC_TUNABLES= turns this off), under valgrind or a
 * sanitizer (their allocators ignore it), or when the program cannot be
 * found again; the process, its pid and its arguments are the same.
 */
static void prefer_huge_pages(char **argv)
{
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
	if (getenv("GLIBC_TUNABLES") || !plain_malloc())
		return;
	if (setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) != 0)
		return;
	execv("/proc/self/exe", argv);
	unsetenv("GLIBC_TUNABLES"); /* not started again: go on as we are */
#else
	(void)argv;
#endif
}

int main(int argc, char **argv)
{
	prefer_huge_pages(argv);
	atomic_catch_signals();
	char *data = data_dir();
	setup_messages(data);
	int rc;
	if (argc < 2) {
		general_help(stderr);
		rc = 2;
	} else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		general_help(stdout);
		rc = 0;
	} else if (!strcmp(argv[1], "--version")) {
		printf("annex %s\n", ANNEX_VERSION);
		rc = 0;
	} else if (!strcmp(argv[1], "help") && argc > 2 &&
		   find_command(argv[2])) {
		command_help(find_command(argv[2]), stdout);
		rc = 0;
	} else if (!strcmp(argv[1], "--list-keys")) {
		rc = dispatch(find_command("template-keys"), argc - 2, argv + 2,
			      data);
	} else if (find_command(argv[1])) {
		rc = dispatch(find_command(argv[1]), argc - 2, argv + 2, data);
	} else {
		rc = unknown_command(argv[1]);
	}
	free(data);
	return rc;
}
