/* text.c - small string helpers (see text.h). */
#include "text.h"
#include "utf8.h"

#include <string.h>

/* Base letter of a Latin-1 Supplement / Latin Extended-A code point, or 0. */
static char base_letter(unsigned cp)
{
	static const char latin1[] = /* U+00C0 .. U+00FF */
		"aaaaaaaceeeeiiii"
		"dnooooo*ouuuuyts"
		"aaaaaaaceeeeiiii"
		"dnooooo/ouuuuyty";
	if (cp >= 0xC0 && cp <= 0xFF) {
		char c = latin1[cp - 0xC0];
		return (c == '*' || c == '/') ? 0 : c;
	}
	return 0;
}

static int is_space_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	       cp == 0xA0;
}

char *text_fold(const char *in, char *out, size_t outsz)
{
	size_t o = 0, len = strlen(in), i = 0;
	int pending_space = 0;
	if (outsz == 0)
		return out;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(in + i, len - i, &cp);
		i += (size_t)n;
		if (is_space_cp(cp)) {
			pending_space = o > 0;
			continue;
		}
		char tmp[4];
		int tn;
		char b = base_letter(cp);
		if (b) {
			tmp[0] = b;
			tn = 1;
		} else if (cp < 0x80) {
			tmp[0] =
				(char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
			tn = 1;
		} else {
			tn = utf8_encode(cp, tmp);
		}
		if (pending_space) {
			if (o + 1 >= outsz)
				break;
			out[o++] = ' ';
			pending_space = 0;
		}
		if (o + (size_t)tn >= outsz)
			break;
		memcpy(out + o, tmp, (size_t)tn);
		o += (size_t)tn;
	}
	out[o] = '\0';
	return out;
}

int text_eq_fold(const char *a, const char *b)
{
	char fa[256], fb[256];
	return strcmp(text_fold(a, fa, sizeof fa),
		      text_fold(b, fb, sizeof fb)) == 0;
}

static int space_at(const unsigned char *s, size_t n, size_t *w)
{
	if (n >= 1 &&
	    (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) {
		*w = 1;
		return 1;
	}
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {
		*w = 2;
		return 1;
	}
	return 0;
}

size_t text_space_width(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w;
	if (space_at(s, n, &w))
		return w;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF)
		return 3;
	return 0;
}

const char *text_trim(const char *str, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), w;
	while (n && space_at(s, n, &w)) {
		s += w;
		n -= w;
	}
	while (n) {
		if (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
		    s[n - 1] == '\n')
			n--;
		else if (n >= 2 && s[n - 2] == 0xC2 && s[n - 1] == 0xA0)
			n -= 2;
		else
			break;
	}
	*len = n;
	return (const char *)s;
}

int text_blank(const char *s)
{
	size_t n;
	if (!s)
		return 1;
	text_trim(s, &n);
	return n == 0;
}

int text_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cur = row[j];
			int sub = prev + (a[i - 1] != b[j - 1]);
			int del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins)
					   : (del < ins ? del : ins);
			prev = cur;
		}
	}
	return row[lb];
}

const char *text_closest(const char *word, const char *const *cands, int n)
{
	const char *best = NULL;
	size_t wl = strlen(word);
	int bestd = wl < 4 ? (int)wl : 4;
	for (int i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		/* The distance is at least the difference in length: skip
		 * the costly cases that cannot win. */
		size_t cl = strlen(cands[i]);
		if ((wl > cl ? wl - cl : cl - wl) >= (size_t)bestd)
			continue;
		int d = text_distance(word, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return best;
}
