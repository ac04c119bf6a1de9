/* hyphen.c - hyphenation points with libhyphen (see hyphen.h). */
#include "hyphen.h"
#include "../util/arena.h"
#include "../util/atomic.h"

#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

#define HYPH_MAX_WORD 128 /* longer "words" are not hyphenated */
#define HYPH_MIN      2	  /* letters kept on each side of a point */

struct lay_hyph {
	HyphenDict *dict;
};

lay_hyph *lay_hyph_load(const char *path)
{
	oom_guard(1);
	HyphenDict *d = hnj_hyphen_load(path);
	oom_guard(0);
	if (!d)
		return NULL;
	lay_hyph *h = xmalloc(sizeof *h);
	h->dict = d;
	return h;
}

void lay_hyph_free(lay_hyph *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
}

/* A letter: ASCII, or a two-byte UTF-8 Latin letter (U+00C0..U+017F). */
static int letter_len(const unsigned char *s, size_t n)
{
	if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
		return 1;
	if (n >= 2 && (*s == 0xC3 || *s == 0xC4 || *s == 0xC5) &&
	    (s[1] & 0xC0) == 0x80 &&
	    !(*s == 0xC3 && (s[1] == 0x97 || s[1] == 0xB7)))
		return 2;
	return 0;
}

static int is_apostrophe(const unsigned char *s, size_t n, int *len)
{
	if (*s == '\'') {
		*len = 1;
		return 1;
	}
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99) {
		*len = 3; /* ’ */
		return 1;
	}
	return 0;
}

/* The word inside the token: trailing and leading punctuation skipped.
 * Returns 0 when the token is not a plain word. */
static int word_bounds(const unsigned char *s, size_t len, size_t *b, size_t *e)
{
	size_t i = 0;
	static const char lead[] = "([\"«“";
	while (i < len && s[i] && s[i] < 0x80 && strchr(lead, s[i]))
		i++;
	/* «“ are multi-byte: skip them too. */
	while (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xAB)
		i += 2;
	while (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
	       s[i + 2] == 0x9C)
		i += 3;
	*b = i;
	int letters = 0;
	while (i < len) {
		int n = letter_len(s + i, len - i), al;
		if (n) {
			if (letters && ((s[i] >= 'A' && s[i] <= 'Z') ||
					(s[i] == 0xC3 && s[i + 1] < 0x9F)))
				return 0; /* a capital inside: a code */
			letters++;
			i += (size_t)n;
		} else if (letters && is_apostrophe(s + i, len - i, &al) &&
			   i + (size_t)al < len &&
			   letter_len(s + i + al, len - i - al)) {
			i += (size_t)al;
			letters = 0; /* "all'Internazionalizzazione" */
		} else {
			break;
		}
	}
	*e = i;
	/* What follows may only be closing punctuation. */
	while (i < len) {
		if (s[i] < 0x80 && s[i] && strchr(".,;:!?)]\"'", s[i]))
			i++;
		else if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xBB)
			i += 2; /* » */
		else if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
			 (s[i + 2] == 0x9D || s[i + 2] == 0x99))
			i += 3; /* ” ’ */
		else
			return 0;
	}
	return *e > *b;
}

int lay_hyph_points(const lay_hyph *h, const char *w, size_t len, char *pts)
{
	memset(pts, 0, len);
	size_t b, e;
	const unsigned char *s = (const unsigned char *)w;
	if (!h || len < 2 * HYPH_MIN || !word_bounds(s, len, &b, &e) ||
	    e - b > HYPH_MAX_WORD)
		return 0;
	/* Lower case for the patterns. */
	char low[HYPH_MAX_WORD + 1], marks[HYPH_MAX_WORD + 5];
	size_t n = e - b;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[b + i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (i > 0 && s[b + i - 1] == 0xC3 && c >= 0x80 &&
			 c <= 0x9E)
			c = (unsigned char)(c + 32);
		low[i] = (char)c;
	}
	low[n] = '\0';
	memset(marks, 0, sizeof marks);
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	oom_guard(1);
	int bad = hnj_hyphen_hyphenate2(h->dict, low, (int)n, marks, NULL, &rep,
					&pos, &cut);
	oom_guard(0);
	if (bad)
		return 0;
	if (rep) {
		for (size_t i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	/* Count letters (code points) before each byte to keep HYPH_MIN on
	 * both sides; no point next to an apostrophe. */
	int total = 0, count = 0;
	for (size_t i = 0; i < n; i++)
		total += (s[b + i] & 0xC0) != 0x80;
	int before = 0;
	for (size_t i = 0; i < n; i++) {
		before += (s[b + i] & 0xC0) != 0x80;
		if (!(marks[i] & 1) || i + 1 >= n)
			continue;
		if ((s[b + i + 1] & 0xC0) == 0x80)
			continue; /* not at a code point boundary */
		if (before < HYPH_MIN || total - before < HYPH_MIN)
			continue;
		if (low[i] == '\'' || low[i + 1] == '\'' ||
		    (unsigned char)low[i] == 0x99)
			continue;
		pts[b + i] = 1;
		count++;
	}
	return count;
}
