/*
 * hyphen.h - hyphenation points of words, with libhyphen's patterns
 * (Debian's hyphen-it: /usr/share/hyphen/hyph_it_IT.dic).
 *
 * Only plain words are hyphenated: a run of letters (with apostrophes)
 * holding no digit, no capital after its first letter (codes, acronyms)
 * and no URL or path character.  At least two letters stay on each side
 * of a point.
 */
#ifndef ANNEX_LAYOUT_HYPHEN_H
#define ANNEX_LAYOUT_HYPHEN_H

#include <stddef.h>

typedef struct lay_hyph lay_hyph; /* opaque; one per document */

/* Load a patterns file; NULL when it cannot be read. */
lay_hyph *lay_hyph_load(const char *path);
void lay_hyph_free(lay_hyph *h);

/*
 * The token w[0..len) (between spaces, punctuation included): sets
 * pts[i] = 1 when the token may break after byte i with a hyphen added,
 * 0 elsewhere (pts holds len bytes).  Returns the number of points; 0 for
 * tokens that are not plain words.  h may be NULL (no points).
 */
int lay_hyph_points(const lay_hyph *h, const char *w, size_t len, char *pts);

#endif
