/* output.c - checks of the files a build writes (see output.h). */
#include "output.h"
#include "build.h"
#include "../util/infile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder of out must exist, be a folder and be writable. */
static int check_dir(const char *out, diag *d)
{
	char *dir = xstrdup(out);
	char *slash = strrchr(dir, '/');
	const char *dn = ".";
	if (slash) {
		*slash = '\0';
		dn = *dir ? dir : "/";
	}
	struct stat sb;
	int rc = -1;
	if (stat(dn, &sb) != 0)
		diag_error(d, out, 0, "output folder %s does not exist", dn);
	else if (!S_ISDIR(sb.st_mode))
		diag_error(d, out, 0, "%s is not a folder", dn);
	else if (access(dn, W_OK) != 0)
		diag_error(d, out, 0, "output folder %s is not writable", dn);
	else
		rc = 0;
	free(dir);
	return rc;
}

typedef struct input {
	const char *path;
	const char *what;
} input;

/* The input of this run that st is, or NULL. */
static const input *which_input(const struct stat *st, const input *in, int n)
{
	for (int i = 0; i < n; i++) {
		struct stat s;
		if (in[i].path && stat(in[i].path, &s) == 0 &&
		    s.st_dev == st->st_dev && s.st_ino == st->st_ino)
			return &in[i];
	}
	return NULL;
}

/* Whether the regular file path starts with %PDF- (or is empty: an
 * interrupted copy, nothing to lose). */
static int is_pdf(const char *path)
{
	struct stat st;
	char head[5];
	int fd = infile_open(path, &st);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	return n == 0 || (n == 5 && !memcmp(head, "%PDF-", 5));
}

static int check_one(const char *path, int is_main, int force, const input *in,
		     int nin, diag *d)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 0; /* nothing there yet (or the write reports why) */
	if (S_ISDIR(st.st_mode)) {
		diag_error(d, path, 0, "is a folder; name the PDF to write");
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(d, path, 0,
			   "is %s, not a regular file; annex writes only "
			   "regular files",
			   infile_kind(&st));
		return -1;
	}
	const input *i = which_input(&st, in, nin);
	if (i) {
		diag_error(d, path, 0,
			   "is an input of this build (the %s %s); choose "
			   "another output",
			   i->what, i->path);
		return -1;
	}
	if (is_main && !force && !is_pdf(path)) {
		diag_error(d, path, 0,
			   "exists and is not a PDF; annex does not replace "
			   "it (remove it, choose another name or use "
			   "--force)");
		return -1;
	}
	return 0;
}

int out_check(const plan *p, const tpl *t, const char *out, int force, diag *d)
{
	input in[PLAN_MAX_INPUTS + FONT_COUNT + 2];
	int nin = 0;
	in[nin++] = (input){t->path, "template"};
	for (int i = 0; i < FONT_COUNT; i++)
		in[nin++] = (input){t->font_path[i], "font"};
	in[nin++] = (input){t->icc_path, "ICC profile"};
	for (int i = 0; i < p->ninputs; i++)
		in[nin++] = (input){p->inputs[i], "plan file"};
	char *paths[DOC_MAX_OUTPUTS];
	int n = doc_outputs(t, out, paths);
	int rc = check_dir(out, d);
	for (int k = 0; k < n && rc == 0; k++)
		rc = check_one(paths[k], k == 0, force, in, nin, d);
	for (int k = 0; k < n; k++)
		free(paths[k]);
	return rc;
}
