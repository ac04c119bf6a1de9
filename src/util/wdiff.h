/*
 * wdiff.h - a word diff of two UTF-8 texts.
 *
 * The texts are cut into tokens: words (letters, accented ones included,
 * and digits), runs of white space, and each other character (punctuation,
 * symbols such as ≥) on its own.  The longest common subsequence of tokens
 * gives the parts kept; the rest is deleted from the old text or inserted
 * in the new one.  Changed words separated only by white space form one
 * change ("a b" -> "x y" is "a b" deleted, "x y" inserted, not four
 * pieces), and in a change the deletion comes before the insertion.
 *
 * Segments point into the two texts (no copies): the SAME and DEL
 * segments in order spell the old text, the SAME and INS segments the new
 * one.  Cost: linear for the common start and end, then time and memory
 * proportional to the product of the token counts of the middle; above
 * WDIFF_MAX_CELLS the middle is one deletion and one insertion.
 */
#ifndef ANNEX_WDIFF_H
#define ANNEX_WDIFF_H

#include "arena.h"

#include <stddef.h>

#define WDIFF_MAX_CELLS (4u * 1024 * 1024)

typedef enum { WD_SAME, WD_DEL, WD_INS } wd_op;

typedef struct wd_seg {
	wd_op op;
	const char *s; /* into the old text (SAME, DEL) or the new (INS) */
	size_t len;
} wd_seg;

/* Diff old against neu; *out gets the segments (in a).  Returns their
 * number (0 when both are empty). */
int wdiff(arena *a, const char *old, const char *neu, wd_seg **out);

#endif
