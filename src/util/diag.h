/*
 * diag.h - user-facing diagnostics.
 *
 * Every problem found in the user's input is reported through a diag as
 *     file:line: error|warning: message
 * (or "file: ..." when no line applies, "annex: ..." when no file does),
 * in the order found, and counted, so that one run lists all problems and
 * the caller decides the exit status from diag.errors.  Output goes to a
 * FILE (stderr in the tool) or, for tests, into a capture buffer.
 */
#ifndef ANNEX_DIAG_H
#define ANNEX_DIAG_H

#include "buf.h"

#include <stdio.h>

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_level;

typedef struct diag {
	FILE *out;    /* where messages go when capture is NULL */
	buf *capture; /* if set, messages are appended here instead */
	int errors;
	int warnings;
} diag;

void diag_init(diag *d, FILE *out);
void diag_report(diag *d, diag_level lvl, const char *file, int line,
		 const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 5, 6)))
#endif
	;
#define diag_error(d, file, line, ...)                                         \
	diag_report((d), DIAG_ERROR, (file), (line), __VA_ARGS__)
#define diag_warning(d, file, line, ...)                                       \
	diag_report((d), DIAG_WARNING, (file), (line), __VA_ARGS__)

#endif
