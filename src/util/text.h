/*
 * text.h - small string helpers shared by the stages.
 */
#ifndef ANNEX_TEXT_H
#define ANNEX_TEXT_H

#include <stddef.h>

/* Fold a name for matching: trim surrounding white space, lower-case ASCII,
 * strip accents from Latin letters (à->a, É->e, ...), collapse inner runs
 * of white space to one space.  Writes at most outsz-1 bytes plus NUL into
 * out; returns out.  "  Produttività " and "produttivita" fold equal. */
char *text_fold(const char *in, char *out, size_t outsz);
/* Case- and accent-insensitive equality (text_fold of both). */
int text_eq_fold(const char *a, const char *b);
/* Pointer to the first non-space byte of s and, through *len, the length
 * without trailing spaces (space, tab, CR, LF, NBSP). */
const char *text_trim(const char *s, size_t *len);
/* Width in bytes of the white-space character at s[0..n) (space, tab, CR,
 * LF, NBSP U+00A0, narrow NBSP U+202F), or 0. */
size_t text_space_width(const char *s, size_t n);
/* True if s is NULL or only white space. */
int text_blank(const char *s);
/* Levenshtein distance of two byte strings (99 when either is longer
 * than 64 bytes), for "did you mean". */
int text_distance(const char *a, const char *b);
/* The candidate closest to word, or NULL when none is close enough (a
 * distance under 4 and under the word's length): the "did you mean" of
 * unknown keys, commands, options and codes.  cands may hold NULLs. */
const char *text_closest(const char *word, const char *const *cands, int n);

#endif
