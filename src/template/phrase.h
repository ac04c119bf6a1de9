/*
 * phrase.h - the template's little text language.
 *
 * A phrase is text with placeholders and optional groups:
 *
 *     Aggiornato[ in sede di {contesto}] con deliberazione della {organo}
 *     [ n. {numero}][ del {data}]
 *
 * {name} is replaced by a value; {name:fmt} asks for a format of it (dates:
 * {data} "2 dicembre 2019", {data:num} "02.12.2019").  A [group] is
 * dropped whole when a placeholder inside it is empty, so a missing number
 * leaves no "n.  del".  Groups nest.  A backslash takes the next character
 * literally (\[ \] \{ \} \\).  An unknown placeholder is left as written,
 * and reported by phrase_check().
 */
#ifndef ANNEX_PHRASE_H
#define ANNEX_PHRASE_H

#include "../data/plan.h"
#include "../util/buf.h"

/* Append the value of placeholder name (with format fmt, "" if none) to
 * out.  Returns 1 if the name is known (even when its value is empty), 0
 * if unknown. */
typedef int (*phrase_lookup)(void *ctx, const char *name, const char *fmt,
			     buf *out);

/* Expand pattern into out.  Returns 0, or -1 if an unknown placeholder
 * was met (it is copied as written). */
int phrase_expand(buf *out, const char *pattern, phrase_lookup lookup,
		  void *ctx);

/* Placeholders as two lists: names (NULL-terminated) and their values
 * (NULL prints as ""); phrase_lookup_vals is their lookup. */
typedef struct phrase_vals {
	const char *const *names;
	const char *const *v;
} phrase_vals;
int phrase_lookup_vals(void *ctx, const char *name, const char *fmt, buf *out);

/* Check pattern's syntax and names without a context: returns NULL when
 * fine, else a message (static or in *detail) about the first problem.
 * known lists the valid names, NULL-terminated. */
const char *phrase_check(const char *pattern, const char *const *known,
			 char *detail, size_t detail_len);

/* Italian-style date: "2 dicembre 2019", "dicembre 2020", "2018" with the
 * template's month names; numeric "02.12.2019". */
void phrase_date(buf *out, const pdate *d, const char *const months[12],
		 int numeric);

#endif
