/* atomic.c - atomic file writes and signal clean-up (see atomic.h). */
#define _GNU_SOURCE /* sync_file_range, where there is one */
#include "atomic.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

/* ---- the table of live temporary files ---------------------------------
 * Written only with the signals blocked and live_lock held; read by the
 * handler and by fatal_exit, which takes live_lock for good: a file
 * another thread is creating is in the table before it is unlinked. */
#define LIVE_MAX  8
#define LIVE_PATH 4096
static char live_path[LIVE_MAX][LIVE_PATH];
static volatile sig_atomic_t live_used[LIVE_MAX];
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;

/* Set by the first of fatal_exit and the signal handler to end the run:
 * threads (the validation, the commit, the layout's worker) may run out
 * of memory at once, and the run prints one message, not two mixed. */
static atomic_int ending;

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

void atomic_block(int block)
{
	static sigset_t old;
	if (block) {
		sigset_t set;
		sigemptyset(&set);
		for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
			sigaddset(&set, caught[i]);
		sigprocmask(SIG_BLOCK, &set, &old);
	} else
		sigprocmask(SIG_SETMASK, &old, NULL);
}

int atomic_track(const char *path)
{
	size_t n = strlen(path);
	if (n >= LIVE_PATH)
		return -1;
	for (int i = 0; i < LIVE_MAX; i++)
		if (!live_used[i]) {
			memcpy(live_path[i], path, n + 1);
			live_used[i] = 1;
			return i;
		}
	return -1;
}

void atomic_untrack(int slot)
{
	if (slot >= 0 && slot < LIVE_MAX)
		live_used[slot] = 0;
}

static void put(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(2, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void unlink_live(void)
{
	for (int i = 0; i < LIVE_MAX; i++)
		if (live_used[i])
			unlink(live_path[i]);
}

void fatal_exit(const char *msg)
{
	if (atomic_exchange(&ending, 1))
		for (;;) /* another thread is ending the run */
			pause();
	pthread_mutex_lock(&live_lock);
	unlink_live();
	put("annex: error: ");
	put(msg);
	put("\n");
	_exit(1);
}

void oom_exit(void)
{
	fatal_exit("out of memory");
}

static int guarded;

static void guard_exit(void)
{
	if (guarded)
		oom_exit();
}

void oom_guard(int on)
{
	static int registered;
	if (on && !registered)
		registered = atexit(guard_exit) == 0;
	guarded = on;
}

static void on_signal(int sig)
{
	if (atomic_exchange(&ending, 1))
		return; /* fatal_exit is ending the run */
	unlink_live();
	put(sig == SIGINT    ? "annex: interrupted (SIGINT)"
	    : sig == SIGTERM ? "annex: terminated (SIGTERM)"
			     : "annex: hung up (SIGHUP)");
	put("; nothing half-written is left\n");
	_exit(128 + sig);
}

void atomic_test_pause(const char *stage)
{
	static int paused;
	const char *want = getenv("ANNEX_TEST_PAUSE");
	if (paused || !want || strcmp(want, stage) != 0)
		return;
	paused = 1;
	put("annex: test: paused in the ");
	put(stage);
	put("\n");
	struct timespec tenth = {0, 100000000L};
	for (int i = 0; i < 600; i++)
		nanosleep(&tenth, NULL);
}

void atomic_catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
		sigaddset(&sa.sa_mask, caught[i]);
	for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
		sigaction(caught[i], &sa, NULL);
	signal(SIGXFSZ, SIG_IGN);
}

/* ---- atomic writes ------------------------------------------------------ */

/* path with symbolic links followed to the file they name (which may not
 * exist yet).  malloc'd. */
static char *follow_links(const char *path)
{
	char *cur = xstrdup(path);
	for (int hops = 0; cur && hops < 40; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		char link[PATH_MAX];
		ssize_t n = readlink(cur, link, sizeof link - 1);
		if (n < 0)
			return cur;
		link[n] = '\0';
		char *next;
		const char *slash = strrchr(cur, '/');
		if (link[0] == '/' || !slash)
			next = xstrdup(link);
		else {
			size_t dl = (size_t)(slash - cur) + 1;
			next = xmalloc(dl + (size_t)n + 1);
			memcpy(next, cur, dl);
			memcpy(next + dl, link, (size_t)n + 1);
		}
		free(cur);
		cur = next;
	}
	return cur;
}

/* "DIR/NAME.tmpXXXXXX" with NAME cut (on a UTF-8 boundary) so that the
 * last component stays within NAME_MAX. */
static char *temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
	size_t bl = strlen(path + dl);
	const size_t suffix = sizeof ".tmpXXXXXX" - 1;
	if (bl + suffix > NAME_MAX) {
		bl = NAME_MAX - suffix;
		while (bl > 0 && ((unsigned char)path[dl + bl] & 0xC0) == 0x80)
			bl--;
	}
	char *t = xmalloc(dl + bl + suffix + 1);
	memcpy(t, path, dl + bl);
	memcpy(t + dl + bl, ".tmpXXXXXX", suffix + 1);
	return t;
}

int atomic_open(atomic_file *f, const char *path, diag *d)
{
	f->path = follow_links(path);
	f->tmp = temp_name(f->path);
	f->err = 0;
	f->written = f->kicked = 0;
	atomic_block(1);
	pthread_mutex_lock(&live_lock);
	f->fd = mkstemp(f->tmp);
	int err = errno;
	f->slot = f->fd >= 0 ? atomic_track(f->tmp) : -1;
	pthread_mutex_unlock(&live_lock);
	atomic_block(0);
	if (f->fd < 0) {
		diag_error(d, path, 0, "cannot write: %s", strerror(err));
		free(f->tmp);
		f->tmp = NULL;
		atomic_abort(f);
		return -1;
	}
	/* mkstemp makes it 0600: give it the usual permissions. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(f->fd, 0666 & ~mask);
	return 0;
}

/* Start the disk writing of what was written since the last call, once
 * there is ATOMIC_KICK of it, without waiting for it: the fsync at the
 * end then waits for less (the 10,000-indicator cruscotto's 17 MB: 18
 * ms, 12 with this).  A hint: fsync reports what fails. */
#define ATOMIC_KICK (1 << 20)

static void kick(atomic_file *f)
{
#ifdef SYNC_FILE_RANGE_WRITE
	if (f->written - f->kicked < ATOMIC_KICK)
		return;
	sync_file_range(f->fd, (off_t)f->kicked,
			(off_t)(f->written - f->kicked), SYNC_FILE_RANGE_WRITE);
	f->kicked = f->written;
#else
	(void)f;
#endif
}

int atomic_write(atomic_file *f, const void *p, size_t n)
{
	const char *s = p;
	if (f->err)
		return -1;
	f->written += n;
	while (n > 0) {
		ssize_t w = write(f->fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->err = w < 0 ? errno : ENOSPC;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	kick(f);
	return 0;
}

/* fsync and close f's temporary file; 0 or the errno of what failed (a
 * write's before anything else). */
static int sync_quiet(atomic_file *f)
{
	if (!f->err && fsync(f->fd) != 0)
		f->err = errno;
	if (close(f->fd) != 0 && !f->err)
		f->err = errno;
	f->fd = -1;
	return f->err;
}

static void report(const atomic_file *f, int err, diag *d)
{
	diag_error(d, f->path, 0, "cannot write: %s",
		   err == EFBIG ? "the file is larger than the size limit "
				  "(ulimit -f)"
				: strerror(err));
}

int atomic_sync(atomic_file *f, diag *d)
{
	if (f->fd < 0)
		return f->tmp ? 0 : -1;
	if (sync_quiet(f)) {
		report(f, f->err, d);
		atomic_abort(f);
		return -1;
	}
	return 0;
}

/* The temporary file is the target now: nothing to remove any more. */
static void renamed(atomic_file *f)
{
	atomic_untrack(f->slot);
	f->slot = -1;
	free(f->tmp);
	f->tmp = NULL;
}

int atomic_commit(atomic_file *f, diag *d)
{
	if (atomic_sync(f, d) != 0)
		return -1;
	if (rename(f->tmp, f->path) != 0) {
		diag_error(d, f->path, 0, "cannot write: %s", strerror(errno));
		atomic_abort(f);
		return -1;
	}
	renamed(f);
	atomic_abort(f);
	return 0;
}

/* ---- committing on a second thread -------------------------------------
 * The fsync waits for the disk (12 to 18 ms for a 17 MB PDF, even with
 * the writing started early) and the rename drops the replaced file's
 * pages (7 ms): work the caller can overlap with freeing its document. */

static void commit_all(atomic_batch *b)
{
	for (int i = 0; i < b->n && b->bad < 0; i++)
		if (b->f[i].fd >= 0 && sync_quiet(&b->f[i]))
			b->bad = i, b->err = b->f[i].err;
	for (int i = 0; i < b->n && b->bad < 0; i++) {
		if (!b->f[i].tmp)
			continue;
		if (rename(b->f[i].tmp, b->f[i].path) != 0)
			b->bad = i, b->err = errno;
		else
			renamed(&b->f[i]);
	}
}

static void *commit_thread(void *arg)
{
	commit_all(arg);
	return NULL;
}

void atomic_commit_start(atomic_batch *b, atomic_file *f, int n)
{
	b->f = f;
	b->n = n;
	b->bad = -1;
	b->err = 0;
	/* The signals stay with the main thread, whose handler removes the
	 * temporary files. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	b->threaded = pthread_create(&b->th, NULL, commit_thread, b) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!b->threaded)
		commit_all(b);
}

int atomic_commit_finish(atomic_batch *b, diag *d)
{
	if (b->threaded)
		pthread_join(b->th, NULL);
	b->threaded = 0;
	if (b->bad >= 0)
		report(&b->f[b->bad], b->err, d);
	for (int i = 0; i < b->n; i++)
		atomic_abort(&b->f[i]);
	return b->bad >= 0 ? -1 : 0;
}

void atomic_abort(atomic_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->tmp) {
		unlink(f->tmp);
		atomic_block(1);
		atomic_untrack(f->slot);
		atomic_block(0);
	}
	f->slot = -1;
	free(f->tmp);
	free(f->path);
	f->tmp = f->path = NULL;
}
