/* datadir.c - where the shipped data is (see datadir.h). */
#define _DEFAULT_SOURCE /* realpath */
#include "datadir.h"
#include "arena.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int data_is_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int data_is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s/%s", a, b);
	return s;
}

/* Whether dir holds the shipped default template. */
static int has_templates(const char *dir)
{
	char *t = join(dir, "templates/all-1.1.ini");
	int ok = data_is_file(t);
	free(t);
	return ok;
}

char *data_dir(void)
{
	const char *env = getenv("ANNEX_DATA");
	if (env && *env)
		return xstrdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* PREFIX/bin -> PREFIX/share/annex; build/ and build/asan/
		 * -> the source tree. */
		static const char *const rel[] = {"../share/annex", "..",
						  "../.."};
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			char *d = join(exe, rel[i]);
			char real[PATH_MAX];
			if (has_templates(d) && realpath(d, real)) {
				free(d);
				return xstrdup(real);
			}
			free(d);
		}
	}
	return xstrdup(".");
}

char *data_template(const char *data, const char *arg)
{
	if (data_is_file(arg))
		return xstrdup(arg);
	if (strchr(arg, '/')) { /* templates/relazione.ini from elsewhere */
		char *path = join(data, arg);
		if (arg[0] != '/' && data_is_file(path))
			return path;
		free(path);
		return xstrdup(arg);
	}
	size_t n = strlen(arg);
	int ext = n > 4 && strcmp(arg + n - 4, ".ini") == 0;
	char *name = xmalloc(n + 16);
	snprintf(name, n + 16, "templates/%s%s", arg, ext ? "" : ".ini");
	char *path = join(data, name);
	free(name);
	if (data_is_file(path))
		return path;
	free(path);
	return xstrdup(arg);
}

char *data_localedir(const char *data)
{
	char *src = join(data, "build/locale");
	if (data_is_dir(src))
		return src;
	free(src);
	return join(data, "../locale");
}
