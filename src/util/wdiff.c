/*
 * wdiff.c - word diff (see wdiff.h).
 */
#include "wdiff.h"
#include "arena.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct tok {
	const char *s;
	size_t len;
	int space; /* a run of white space */
} tok;

typedef enum { CL_SPACE, CL_WORD, CL_OTHER } cl;

static cl classify(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
	    cp == 0x202F)
		return CL_SPACE;
	if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z'))
		return CL_WORD;
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return CL_OTHER;
	/* General punctuation, letterlike and number forms, arrows, maths,
	 * technical symbols, boxes, dingbats ... */
	if (cp >= 0x2000 && cp <= 0x2BFF)
		return CL_OTHER;
	if (cp >= 0x3000 && cp <= 0x303F)
		return CL_OTHER;
	if (cp >= 0xFE30 && cp <= 0xFE6F)
		return CL_OTHER;
	if (cp >= 0x1F000)
		return CL_OTHER;
	return CL_WORD;
}

/* Cut s into tokens (in a). */
static tok *tokens(arena *a, const char *s, int *n)
{
	size_t len = strlen(s);
	tok *v = arena_alloc(a, sizeof *v * (len + 1));
	int k = 0;
	size_t i = 0;
	cl run = CL_OTHER;
	while (i < len) {
		uint32_t cp = (unsigned char)s[i];
		int w = 1;
		if (cp >= 0x80)
			w = utf8_decode(s + i, len - i, &cp);
		cl c = classify(cp);
		if (k > 0 && c == run && c != CL_OTHER) {
			v[k - 1].len += (size_t)w;
		} else {
			v[k++] = (tok){s + i, (size_t)w, c == CL_SPACE};
		}
		run = c;
		i += (size_t)w;
	}
	*n = k;
	return v;
}

static int teq(const tok *x, const tok *y)
{
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

typedef struct segv {
	wd_seg *v;
	int n;
} segv;

static void emit(segv *o, wd_op op, const char *s, size_t len)
{
	if (!len)
		return;
	if (o->n && o->v[o->n - 1].op == op &&
	    o->v[o->n - 1].s + o->v[o->n - 1].len == s) {
		o->v[o->n - 1].len += len;
		return;
	}
	o->v[o->n++] = (wd_seg){op, s, len};
}

/* Bytes of tokens [i, j) of v. */
static void emit_toks(segv *o, wd_op op, const tok *v, int i, int j)
{
	if (i < j)
		emit(o, op, v[i].s,
		     (size_t)(v[j - 1].s + v[j - 1].len - v[i].s));
}

/*
 * The alignment of a[0..na) and b[0..nb): keep[i] = j when a[i] is kept
 * as b[j], else -1.  LCS by dynamic programming from the end.
 */
static void lcs(const tok *a, int na, const tok *b, int nb, int *keep)
{
	size_t w = (size_t)nb + 1;
	uint32_t *L = xcalloc(((size_t)na + 1) * w, sizeof *L);
	for (int i = na - 1; i >= 0; i--)
		for (int j = nb - 1; j >= 0; j--)
			L[i * w + j] = teq(&a[i], &b[j])
					       ? L[(i + 1) * w + j + 1] + 1
				       : L[(i + 1) * w + j] > L[i * w + j + 1]
					       ? L[(i + 1) * w + j]
					       : L[i * w + j + 1];
	int i = 0, j = 0;
	for (int k = 0; k < na; k++)
		keep[k] = -1;
	while (i < na && j < nb) {
		if (teq(&a[i], &b[j]) &&
		    L[i * w + j] == L[(i + 1) * w + j + 1] + 1) {
			keep[i++] = j++;
		} else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	free(L);
}

/* Kept white space with changes on both sides joins them: drop it from
 * the kept tokens. */
static void join_changes(const tok *a, int na, int nb, int *keep)
{
	int i = 0;
	while (i < na) {
		if (keep[i] < 0) {
			i++;
			continue;
		}
		/* [s, i): kept tokens, consecutive in both texts */
		int s = i++, all_space = a[s].space;
		while (i < na && keep[i] == keep[i - 1] + 1) {
			all_space &= a[i].space;
			i++;
		}
		int before = s > 0 || keep[s] > 0;
		int after = i < na || keep[i - 1] + 1 < nb;
		if (all_space && before && after)
			for (int k = s; k < i; k++)
				keep[k] = -1;
	}
}

int wdiff(arena *a, const char *old, const char *neu, wd_seg **out)
{
	int na, nb;
	tok *ta = tokens(a, old, &na), *tb = tokens(a, neu, &nb);
	segv o = {arena_alloc(a, sizeof(wd_seg) * (size_t)(2 * (na + nb) + 2)),
		  0};
	int p = 0;
	while (p < na && p < nb && teq(&ta[p], &tb[p]))
		p++;
	int sa = na, sb = nb;
	while (sa > p && sb > p && teq(&ta[sa - 1], &tb[sb - 1]))
		sa--, sb--;
	emit_toks(&o, WD_SAME, ta, 0, p);
	int ma = sa - p, mb = sb - p;
	if ((size_t)ma * (size_t)mb > WDIFF_MAX_CELLS || !ma || !mb) {
		emit_toks(&o, WD_DEL, ta, p, sa);
		emit_toks(&o, WD_INS, tb, p, sb);
	} else {
		int *keep = arena_alloc(a, sizeof(int) * (size_t)ma);
		lcs(ta + p, ma, tb + p, mb, keep);
		join_changes(ta + p, ma, mb, keep);
		int i = 0, j = 0; /* relative to p */
		while (i < ma || j < mb) {
			int i1 = i, j1 = j;
			while (i1 < ma && keep[i1] < 0)
				i1++;
			/* the next kept token, or the ends */
			j1 = i1 < ma ? keep[i1] : mb;
			emit_toks(&o, WD_DEL, ta, p + i, p + i1);
			emit_toks(&o, WD_INS, tb, p + j, p + j1);
			i = i1, j = j1;
			while (i < ma && keep[i] >= 0 && keep[i] == j) {
				emit_toks(&o, WD_SAME, ta, p + i, p + i + 1);
				i++, j++;
			}
		}
	}
	emit_toks(&o, WD_SAME, ta, sa, na);
	*out = o.v;
	return o.n;
}
