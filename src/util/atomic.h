/*
 * atomic.h - the one way annex writes a file, and the table of live
 * temporary files that signals clean up.
 *
 * A file is written to a temporary file beside its target (mkstemp, the
 * usual permissions by fchmod), flushed to disk (fsync) and renamed over
 * the target, so the target is either the old file or the new one, never a
 * part.  The disk writing starts while the file is being written
 * (sync_file_range, on Linux), so that fsync waits for little.  A symbolic link as target is followed: its target is replaced and
 * the link stays.  Temporary names stay within NAME_MAX.
 *
 * While a temporary file exists its name is in a fixed table; SIGINT,
 * SIGTERM and SIGHUP (after atomic_catch_signals) unlink every name in it
 * and exit 130, 143 or 129 with a message, using only async-signal-safe
 * calls.  SIGXFSZ is ignored, so an over-large file is a write error
 * (EFBIG) reported like any other.
 */
#ifndef ANNEX_ATOMIC_H
#define ANNEX_ATOMIC_H

#include "diag.h"

#include <pthread.h>
#include <stddef.h>

typedef struct atomic_file {
	char *path; /* the file replaced (symbolic links followed) */
	char *tmp;  /* the temporary file beside it */
	int fd;
	int err;  /* errno of the first failed write, 0 if none */
	int slot; /* in the table of live temporary files, or -1 */
	unsigned long long written, kicked; /* bytes written, sent to disk */
} atomic_file;

/* Create the temporary file for path.  Returns 0, or -1 after reporting
 * (as path: error: ...). */
int atomic_open(atomic_file *f, const char *path, diag *d);
/* Append n bytes.  Returns 0, or -1 (f->err says why; reported by
 * atomic_commit). */
int atomic_write(atomic_file *f, const void *p, size_t n);
/* Flush to disk and close the temporary file.  Returns 0, or -1 after
 * reporting and removing it. */
int atomic_sync(atomic_file *f, diag *d);
/* atomic_sync if not done, then rename over the target.  Returns 0, or -1
 * after reporting; the temporary file is gone either way. */
int atomic_commit(atomic_file *f, diag *d);
/* Remove the temporary file (if any) and free f; safe to call twice. */
void atomic_abort(atomic_file *f);

/* All or none of n files, as atomic_sync on each, then atomic_commit on
 * each, would make them, on a second thread while the caller goes on
 * (on this one if no thread can be made): the start returns at once,
 * the finish waits, reports the first failure as atomic_commit would,
 * removes what is left and frees every f[i].  Returns 0, or -1 (a
 * failed rename leaves the files renamed before it renamed).  Between the
 * two, f belongs to the batch. */
typedef struct atomic_batch {
	atomic_file *f;
	int n;
	int bad, err; /* the first file that failed and its errno; -1, 0 */
	int threaded;
	pthread_t th;
} atomic_batch;
void atomic_commit_start(atomic_batch *b, atomic_file *f, int n);
int atomic_commit_finish(atomic_batch *b, diag *d);

/* Put path (a temporary file this process created) in the signal table.
 * Returns its slot, or -1 if the table is full.  Call with the signals
 * blocked (atomic_block) between creating the file and this call. */
int atomic_track(const char *path);
/* Take slot out of the table (before unlinking or renaming the file). */
void atomic_untrack(int slot);
/* Block / restore SIGINT, SIGTERM and SIGHUP around creating a file. */
void atomic_block(int block);
/* Install the handlers: remove the live temporary files and exit. */
void atomic_catch_signals(void);
/* The tests' hook for signals at a known point (tests/e2e/t_safety.sh):
 * when the environment has ANNEX_TEST_PAUSE=stage, the first call with
 * that stage says "annex: test: paused in the STAGE" on stderr and sleeps
 * up to 60 seconds, so that a signal sent after that line arrives there
 * whatever the machine's speed.  Otherwise it does nothing. */
void atomic_test_pause(const char *stage);
/* A run that cannot go on: remove the live temporary files, print
 * "annex: error: MSG" and exit 1 (no abort, no core). */
void fatal_exit(const char *msg)
#ifdef __GNUC__
	__attribute__((noreturn))
#endif
	;
/* fatal_exit("out of memory"). */
void oom_exit(void)
#ifdef __GNUC__
	__attribute__((noreturn))
#endif
	;
/* Around calls into a library that exits by itself when memory runs out
 * (libhyphen prints "can't allocate N bytes" and calls exit(1)): while on,
 * such an exit becomes oom_exit. */
void oom_guard(int on);

#endif
