/*
 * diag.h - user-facing diagnostics.
 *
 * Every problem found in the user's input is reported through a diag as
 *     file:line: error|warning: message
 * (or "file: ..." when no line applies, "annex: ..." when no file does),
 * in the order found, and counted, so that one run lists all problems and
 * the caller decides the exit status from diag.errors.  Output goes to a
 * FILE (stderr in the tool) or, for tests, into a capture buffer.
 *
 * diag_report is the one place where a message is made safe to print:
 *   - every %s argument and the file name have their control characters
 *     escaped (\n \r \t, others and invalid UTF-8 bytes as \xNN), so no
 *     message can span two lines or forge another;
 *   - a QUOTED value, a '%s' in the format (the quote right before the %
 *     and right after the conversion), is also cut to DIAG_VALUE_MAX bytes
 *     on a UTF-8 boundary, followed by "...";
 *   - the message has no length limit and is never cut mid-character.
 * The format is translated (gettext, domain "annex") before it is used,
 * and so are "error" and "warning": "file:line: errore: ..." in Italian.
 * Translations keep the quotes of '%s' so that values stay safe.
 *
 * With collapse set (the tool, without -v), messages are held until
 * diag_flush(), which prints them in order; warnings of one file and one
 * format that differ only in their place and quoted values (the record,
 * the value: "no deliberation number for the amendment of 'IS-2.2'" 24
 * times) are printed once, at the first place, with "(and 23 more like it
 * in this file; -v shows all)", when there are DIAG_COLLAPSE_MIN or more
 * (fewer print in full).  Unquoted values (a column, a character)
 * make different warnings; errors are never collapsed.
 *
 * So callers pass raw user values and quote them with '%s'.  The format
 * supports the C conversions d i u x X o c s f e g a p % with flags, width,
 * precision (also *) and the length modifiers hh h l ll z j t L; positional
 * arguments (%1$s) are not supported.
 */
#ifndef ANNEX_DIAG_H
#define ANNEX_DIAG_H

#include "buf.h"

#include <stdarg.h>
#include <stdio.h>

/* Warnings of one kind (collapse) print once from this many on. */
#define DIAG_COLLAPSE_MIN 4

/* Longest quoted value shown in a message, in bytes after escaping. */
#define DIAG_VALUE_MAX 80

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_level;

typedef struct diag {
	FILE *out;    /* where messages go when capture is NULL */
	buf *capture; /* if set, messages are appended here instead */
	int errors;
	int warnings;
	int quiet;    /* warnings are counted, not printed (annex -q) */
	int collapse; /* hold messages; repeated warnings print once */
	struct diag_held *held; /* held messages, in order */
	int nheld, capheld;
	int *slots; /* hash of held warnings' kinds: index into held, -1 */
	int nslots;
} diag;

void diag_init(diag *d, FILE *out);
/* Print the held messages (collapse) and forget them; call before the
 * program ends and whenever the messages so far should appear. */
void diag_flush(diag *d);
void diag_report(diag *d, diag_level lvl, const char *file, int line,
		 const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 5, 6)))
#endif
	;
void diag_vreport(diag *d, diag_level lvl, const char *file, int line,
		  const char *fmt, va_list ap);
#define diag_error(d, file, line, ...)                                         \
	diag_report((d), DIAG_ERROR, (file), (line), __VA_ARGS__)
#define diag_warning(d, file, line, ...)                                       \
	diag_report((d), DIAG_WARNING, (file), (line), __VA_ARGS__)

/* Messages found on another thread, put where they would have been had
 * they been found at a point of d's: diag_child makes c, which holds
 * what is reported to it as d would (collapse, quiet); diag_mark(d) is
 * that point; diag_splice(d, mark, c) puts c's messages there, adds its
 * counts, and empties c.  Only for a d that holds (collapse): one that
 * prints at once cannot take messages back in time. */
void diag_child(diag *c, const diag *parent);
int diag_mark(const diag *d);
void diag_splice(diag *d, int at, diag *c);

/* Append s[0..len) to b as diag_report shows a value: control characters
 * and invalid UTF-8 escaped; if max > 0, cut on a character boundary so
 * that at most max bytes are appended, then "..." when something was cut. */
void diag_quote(buf *b, const char *s, size_t len, size_t max);

/* Format like diag_report into b (without the "file:line: level: " prefix
 * and the newline). */
void diag_vformat(buf *b, const char *fmt, va_list ap);

#endif
