/*
 * test_atomic.c - unit tests of the one atomic-write helper
 * (src/util/atomic.c): the target is the old file or the new one, never a
 * part; nothing is left behind on failure; symbolic links are followed;
 * temporary names stay within NAME_MAX; the signal table is kept.
 */
#include "testutil.h"

#include "util/atomic.h"
#include "util/buf.h"
#include "util/diag.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct fx {
	char dir[64];
	diag d;
	buf msgs;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/annex-atomic-XXXXXX");
	if (!f || !mkdtemp(f->dir))
		return -1;
	diag_init(&f->d, NULL);
	f->d.capture = &f->msgs;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	DIR *dir = opendir(f->dir);
	struct dirent *e;
	char p[600];
	while (dir && (e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.' || strlen(e->d_name) > 2) {
			snprintf(p, sizeof p, "%s/%s", f->dir, e->d_name);
			unlink(p);
		}
	if (dir)
		closedir(dir);
	rmdir(f->dir);
	buf_free(&f->msgs);
	free(f);
	return 0;
}

/* Number of entries in the folder (without . and ..). */
static int entries(const char *dir)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static char *slurp(const char *path)
{
	static char data[256];
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t n = fread(data, 1, sizeof data - 1, f);
	fclose(f);
	data[n] = '\0';
	return data;
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(s, f);
	fclose(f);
}

static void test_commit_and_abort(void **state)
{
	fx *f = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", f->dir);
	write_file(path, "old");
	atomic_file a;
	assert_int_equal(atomic_open(&a, path, &f->d), 0);
	assert_int_equal(atomic_write(&a, "new ", 4), 0);
	assert_string_equal(slurp(path), "old"); /* not yet */
	assert_int_equal(entries(f->dir), 2);	 /* out.pdf and the temp */
	assert_int_equal(atomic_write(&a, "data", 4), 0);
	assert_int_equal(atomic_commit(&a, &f->d), 0);
	assert_string_equal(slurp(path), "new data");
	assert_int_equal(entries(f->dir), 1);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	mode_t mask = umask(0);
	umask(mask);
	assert_int_equal(st.st_mode & 0777, 0666 & ~mask);

	assert_int_equal(atomic_open(&a, path, &f->d), 0);
	atomic_write(&a, "half", 4);
	atomic_abort(&a);
	atomic_abort(&a); /* twice is harmless */
	assert_string_equal(slurp(path), "new data");
	assert_int_equal(entries(f->dir), 1);
	assert_int_equal(f->d.errors, 0);
}

static void test_symlink_followed(void **state)
{
	fx *f = *state;
	char target[128], link[128];
	snprintf(target, sizeof target, "%s/target.pdf", f->dir);
	snprintf(link, sizeof link, "%s/link.pdf", f->dir);
	write_file(target, "old");
	assert_int_equal(symlink("target.pdf", link), 0);
	atomic_file a;
	assert_int_equal(atomic_open(&a, link, &f->d), 0);
	atomic_write(&a, "new", 3);
	assert_int_equal(atomic_commit(&a, &f->d), 0);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(slurp(target), "new");
	/* a dangling link: its target is created */
	unlink(target);
	assert_int_equal(atomic_open(&a, link, &f->d), 0);
	atomic_write(&a, "made", 4);
	assert_int_equal(atomic_commit(&a, &f->d), 0);
	assert_string_equal(slurp(target), "made");
}

static void test_long_name(void **state)
{
	fx *f = *state;
	char path[600];
	int n = snprintf(path, sizeof path, "%s/", f->dir);
	/* 251 bytes of 'é' (2 bytes each) and 'a', then ".pdf": 255 */
	memset(path + n, 'a', 1);
	for (int i = 1; i < 251; i += 2)
		memcpy(path + n + i, "\xC3\xA9", 2);
	strcpy(path + n + 251, ".pdf");
	atomic_file a;
	assert_int_equal(atomic_open(&a, path, &f->d), 0);
	const char *base = strrchr(a.tmp, '/') + 1;
	assert_true(strlen(base) <= NAME_MAX);
	/* cut on a character boundary */
	size_t cut = strlen(base) - strlen(".tmpXXXXXX");
	assert_true(((unsigned char)base[cut - 1] & 0xC0) != 0xC0);
	atomic_write(&a, "x", 1);
	assert_int_equal(atomic_commit(&a, &f->d), 0);
	assert_string_equal(slurp(path), "x");
}

static void test_errors(void **state)
{
	fx *f = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/no/such/folder.pdf", f->dir);
	atomic_file a;
	assert_int_equal(atomic_open(&a, path, &f->d), -1);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(strstr(f->msgs.data, "folder.pdf: error: cannot "
					     "write: No such file"));
	/* a write error is reported by sync, and nothing is left */
	snprintf(path, sizeof path, "%s/w.pdf", f->dir);
	assert_int_equal(atomic_open(&a, path, &f->d), 0);
	a.err = 28; /* as if write() had failed with ENOSPC */
	assert_int_equal(atomic_write(&a, "x", 1), -1);
	assert_int_equal(atomic_commit(&a, &f->d), -1);
	assert_int_equal(f->d.errors, 2);
	assert_int_equal(entries(f->dir), 0);
}

/* Files committed on the second thread: all or none, as save() needs. */
static void test_batch(void **state)
{
	fx *f = *state;
	static const struct {
		int fail_write; /* which file's write fails, or -1 */
		int dir_second; /* the second target is a folder: rename fails */
		int rc, errors;
		const char *first, *second; /* after; NULL: the folder */
		const char *msg;
	} cases[] = {
		{-1, 0, 0, 0, "new0", "new1", NULL},
		{1, 0, -1, 1, "old0", "old1", "b.pdf: error: cannot write: No "
					      "space left"},
		{0, 0, -1, 1, "old0", "old1", "a.pdf: error: cannot write"},
		{-1, 1, -1, 1, "new0", NULL, "b.pdf: error: cannot write: Is a"},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		char path[2][128];
		atomic_file a[2];
		for (int i = 0; i < 2; i++) {
			snprintf(path[i], sizeof path[i], "%s/%c.pdf", f->dir,
				 'a' + i);
			if (i == 1 && cases[c].dir_second) {
				unlink(path[i]);
				assert_int_equal(mkdir(path[i], 0700), 0);
			}
			else
				write_file(path[i], i ? "old1" : "old0");
			assert_int_equal(atomic_open(&a[i], path[i], &f->d),
					 0);
			assert_int_equal(
				atomic_write(&a[i], i ? "new1" : "new0", 4), 0);
		}
		if (cases[c].fail_write >= 0)
			a[cases[c].fail_write].err = 28; /* ENOSPC */
		f->d.errors = 0;
		buf_reset(&f->msgs);
		atomic_batch b;
		atomic_commit_start(&b, a, 2);
		assert_int_equal(atomic_commit_finish(&b, &f->d), cases[c].rc);
		assert_int_equal(f->d.errors, cases[c].errors);
		if (cases[c].msg)
			assert_non_null(strstr(f->msgs.data, cases[c].msg));
		assert_string_equal(slurp(path[0]), cases[c].first);
		if (cases[c].second)
			assert_string_equal(slurp(path[1]), cases[c].second);
		assert_int_equal(entries(f->dir), 2); /* no temporary file */
		if (cases[c].dir_second)
			rmdir(path[1]);
	}
}

/* A file of several MB, its disk writing started as it grows, reads back
 * whole. */
static void test_large(void **state)
{
	fx *f = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/big.pdf", f->dir);
	static char block[256 * 1024];
	memset(block, 'x', sizeof block);
	atomic_file a;
	assert_int_equal(atomic_open(&a, path, &f->d), 0);
	for (int i = 0; i < 13; i++)
		assert_int_equal(atomic_write(&a, block, sizeof block), 0);
	assert_int_equal(atomic_commit(&a, &f->d), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 13 * (long)sizeof block);
	assert_int_equal(entries(f->dir), 1);
}

static void test_signal_table(void **state)
{
	(void)state;
	int slots[8];
	for (int i = 0; i < 8; i++) {
		slots[i] = atomic_track("/tmp/x");
		assert_true(slots[i] >= 0);
	}
	assert_int_equal(atomic_track("/tmp/x"), -1); /* full */
	for (int i = 0; i < 8; i++)
		atomic_untrack(slots[i]);
	int s = atomic_track("/tmp/y");
	assert_true(s >= 0);
	atomic_untrack(s);
}

/* ---- fatal_exit from several threads at once ---------------------------
 * Threads may run out of memory together (the layout's worker, the
 * validation, the commit): the run ends with one message, whole, and the
 * live temporary file removed.  Each round forks a child whose 8 threads
 * meet at a barrier and call fatal_exit together. */
#define RACERS 8
static pthread_barrier_t racers;

static void *racer(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&racers);
	fatal_exit("out of memory");
}

static void race_child(const char *dir, int err_fd)
{
	char path[600];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	atomic_file af;
	diag d;
	diag_init(&d, NULL);
	dup2(err_fd, 2);
	if (atomic_open(&af, path, &d) != 0 || atomic_write(&af, "x", 1) != 0)
		_exit(3);
	alarm(20); /* a child that hangs fails the test, not the whole run */
	pthread_t t[RACERS];
	pthread_barrier_init(&racers, NULL, RACERS);
	for (int i = 0; i < RACERS; i++)
		if (pthread_create(&t[i], NULL, racer, NULL) != 0)
			_exit(5);
	pthread_join(t[0], NULL);
	_exit(4); /* not reached: fatal_exit ends the process */
}

static void test_fatal_once(void **state)
{
	fx *f = *state;
	for (int round = 0; round < 20; round++) {
		int p[2];
		assert_int_equal(pipe(p), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(p[0]);
			race_child(f->dir, p[1]);
		}
		close(p[1]);
		char out[512];
		size_t n = 0;
		ssize_t r;
		while (n < sizeof out - 1 &&
		       (r = read(p[0], out + n, sizeof out - 1 - n)) > 0)
			n += (size_t)r;
		out[n] = 0;
		close(p[0]);
		int st;
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 1);
		assert_string_equal(out, "annex: error: out of memory\n");
		assert_int_equal(entries(f->dir), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_and_abort, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_symlink_followed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_long_name, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large, setup, teardown),
		cmocka_unit_test(test_signal_table),
		cmocka_unit_test_setup_teardown(test_fatal_once, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
