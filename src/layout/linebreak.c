/*
 * linebreak.c - greedy first-fit line breaker (see linebreak.h).
 *
 * One pass over the text.  For the current line we keep its start, the
 * width so far, the last break opportunity (where the line would end, its
 * width there, and where the next line would start), the last joining
 * space and the start of the current word.  When a code point does not
 * fit, the line ends as linebreak.h says.  The word that overflows is
 * measured to its end once per line, and hyphenated only when it must
 * break, so the cost stays linear in the text.
 *
 * Widths are summed in font units and scaled once, exactly as
 * lay_text_width() does, so a text measured with it fits a column of that
 * width (summing scaled advances in float drifts by a few ulps and broke
 * such a text one code point early).
 */
#include "linebreak.h"
#include "../util/utf8.h"

#include <string.h>

typedef struct {
	lay_line *v;
	int n, cap;
	arena *a;
} line_vec;

static void push(line_vec *lv, const char *s, size_t len, float w, int hyph)
{
	if (lv->n == lv->cap) {
		int cap = lv->cap ? lv->cap * 2 : 8;
		lay_line *nv = arena_alloc(lv->a, (size_t)cap * sizeof *nv);
		if (lv->n)
			memcpy(nv, lv->v, (size_t)lv->n * sizeof *nv);
		lv->v = nv;
		lv->cap = cap;
	}
	/* Trailing spaces never count. */
	while (len && s[len - 1] == ' ') {
		len--;
		w = -1; /* recomputed by the caller below */
	}
	lv->v[lv->n].s = s;
	lv->v[lv->n].len = (uint32_t)len;
	lv->v[lv->n].width = w;
	lv->v[lv->n].hyph = hyph;
	lv->n++;
}

/* Width in points of units 1/1000 em at size, as lay_text_width() has it. */
static float points(unsigned long units, float size)
{
	return (float)units * size / 1000.0f;
}

/* ---- joining spaces ---------------------------------------------------- */

/* A word and its length in bytes: the lists are searched at every space
 * of every text, so a length that differs rules a word out at once. */
typedef struct word {
	const char *s;
	size_t n;
} word;
#define W(s)                                                                   \
	{                                                                      \
		s, sizeof(s) - 1                                               \
	}

static const word months[] = {W("gennaio"), W("febbraio"), W("marzo"),
			      W("aprile"),  W("maggio"),   W("giugno"),
			      W("luglio"),  W("agosto"),   W("settembre"),
			      W("ottobre"), W("novembre"), W("dicembre")};
/* Words that stay with the number before them. */
static const word units[] = {W("%"),	    W("‰"),	W("gg"),   W("gg."),
			     W("giorni"),   W("mesi"),	W("anni"), W("ore"),
			     W("h"),	    W("euro"),	W("€"),	   W("mln"),
			     W("milioni"),  W("mila"),	W("km"),   W("mq"),
			     W("unità"),    W("punti"), W("p.p."), W("pp"),
			     W("settimane")};
/* Words that stay with the number after them. */
static const word before_num[] = {
	W("n."),    W("N."),	W("n°"),    W("N°"),  W("nr."),	 W("art."),
	W("artt."), W("comma"), W("lett."), W("p."),  W("pag."), W("≥"),
	W("≤"),	    W(">"),	W("<"),	    W("="),   W("±"),	 W("€"),
	W("+"),	    W("-"),	W("§"),	    W("cap.")};

static int closing_punct(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == ')';
}

/* t[0..n) without closing punctuation equals one of list. */
static int in_list(const char *t, size_t n, const word *list, size_t count,
		   int strip)
{
	while (strip && n > 1 && closing_punct(t[n - 1]))
		n--;
	for (size_t k = 0; k < count; k++)
		if (list[k].n == n && list[k].s[0] == t[0] &&
		    !memcmp(list[k].s, t, n))
			return 1;
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number: digits with . , as separators ("129", "1.670.000", "2,5"). */
static int is_number(const char *t, size_t n)
{
	int digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_digit(t[i]))
			digits++;
		else if (!(t[i] == '.' || t[i] == ',') || i == 0)
			return 0;
	}
	return digits > 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The first bytes of months[] and of before_num[] (ASCII ones; every
 * byte >= 0x80 may start one of the latter).  A switch, not strchr(): this
 * is asked at every space of every text. */
static int month_initial(unsigned char c)
{
	switch (c) {
	case 'g':
	case 'f':
	case 'm':
	case 'a':
	case 'l':
	case 's':
	case 'o':
	case 'n':
	case 'd':
		return 1;
	default:
		return 0;
	}
}

static int before_initial(unsigned char c)
{
	switch (c) {
	case 'n':
	case 'N':
	case 'a':
	case 'p':
	case 'c':
	case 'l':
	case '<':
	case '>':
	case '=':
	case '+':
	case '-':
		return 1;
	default:
		return c >= 0x80;
	}
}

/* Whether the space between token p[0..pl) and the token at q (up to the
 * next space or newline) joins them. */
static int joins(const char *p, size_t pl, const char *q)
{
	/* Most words are none of these: decide on the first byte. */
	unsigned char c0 = (unsigned char)p[0];
	int pnum = is_digit(p[0]) && is_number(p, pl);
	int pmonth = !pnum && pl >= 5 && pl <= 10 && month_initial(c0) &&
		     in_list(p, pl, months, COUNT(months), 0);
	int pbefore = !pnum && !pmonth && pl <= 5 && before_initial(c0) &&
		      in_list(p, pl, before_num, COUNT(before_num), 0);
	if (!pnum && !pmonth && !pbefore)
		return 0;
	size_t ql = 0;
	while (q[ql] && q[ql] != ' ' && q[ql] != '\n')
		ql++;
	if (!ql)
		return 0;
	if (pnum)
		return in_list(q, ql, months, COUNT(months), 1) ||
		       in_list(q, ql, units, COUNT(units), 1);
	if (pmonth)
		return ql >= 4 && is_digit(q[0]) && is_digit(q[1]) &&
		       is_digit(q[2]) && is_digit(q[3]);
	return is_digit(q[0]);
}

/* ---- the breaker --------------------------------------------------------- */

static int is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* Units of text[a..b). */
static unsigned long units_of(lay_font *f, const char *text, size_t a, size_t b)
{
	unsigned long w = 0;
	while (a < b) {
		uint32_t cp = (unsigned char)text[a];
		int n = 1;
		if (cp >= 0x80)
			n = utf8_decode(text + a, b - a, &cp);
		w += lay_font_adv(f, cp);
		a += (size_t)n;
	}
	return w;
}

typedef struct brk_state {
	lay_font *f;
	float size, maxw;
	const lay_hyph *h;
	const char *text;
	size_t len;
	int fast;	   /* fit holds: compare units, not points */
	unsigned long fit; /* most units whose points() are <= maxw */
} brk_state;

/*
 * The test made once per code point, points(w, size) > maxw, as an integer
 * comparison.  points() never decreases as w grows (each float step is
 * monotonic), so the widths that fit are 0..fit: fit is found from the
 * quotient and corrected against points() itself, which makes the answer
 * the float test's, bit for bit.  Sizes or widths out of the ordinary
 * (negative, not finite, columns over 2^23 units) keep the float test.
 */
static void set_fit(brk_state *B)
{
	double q = (double)B->maxw * 1000.0 / (double)B->size;
	B->fast = B->size > 0 && B->maxw >= 0 && q < 8388608.0;
	if (!B->fast)
		return;
	unsigned long u = (unsigned long)q;
	while (u > 0 && points(u, B->size) > B->maxw)
		u--;
	while (points(u + 1, B->size) <= B->maxw)
		u++;
	B->fit = u;
}

/* Whether w font units are wider than the column. */
static int over(const brk_state *B, unsigned long w)
{
	return B->fast ? w > B->fit : points(w, B->size) > B->maxw;
}

/* Whether the word from ws, w units wide up to i, fits a line of its own;
 * measured only as far as the column. */
static int word_fits(const brk_state *B, size_t ws, unsigned long w, size_t i)
{
	(void)ws;
	while (i < B->len && B->text[i] != ' ' && B->text[i] != '\n') {
		uint32_t cp = (unsigned char)B->text[i];
		int n = 1;
		if (cp >= 0x80)
			n = utf8_decode(B->text + i, B->len - i, &cp);
		w += lay_font_adv(B->f, cp);
		if (over(B, w))
			return 0;
		i += (size_t)n;
	}
	return !over(B, w);
}

/* Where to end the line start.. that overflows at i inside the word that
 * starts at ws (width ws_w from start) when the word must break: the last
 * hyphenation point that fits, or 0. */
static size_t hyph_point(const brk_state *B, size_t start, size_t ws,
			 unsigned long ws_w, size_t i)
{
	char pts[256];
	if (!B->h)
		return 0;
	size_t we = i;
	while (we < B->len && B->text[we] != ' ' && B->text[we] != '\n' &&
	       we - ws <= sizeof pts)
		we++;
	if (we - ws > sizeof pts ||
	    !lay_hyph_points(B->h, B->text + ws, we - ws, pts))
		return 0;
	size_t best = 0;
	unsigned long w = ws_w;
	for (size_t k = ws; k < i;) {
		uint32_t cp = (unsigned char)B->text[k];
		int n = 1;
		if (cp >= 0x80)
			n = utf8_decode(B->text + k, B->len - k, &cp);
		w += lay_font_adv(B->f, cp);
		k += (size_t)n;
		if (pts[k - 1 - ws] &&
		    points(w + lay_font_adv(B->f, '-'), B->size) <= B->maxw &&
		    k > start)
			best = k;
	}
	return best;
}

/* A cut between code points at or before i: the last boundary between
 * two letters where the line with a hyphen fits (*hyph = 1), else at i. */
static size_t cut_point(const brk_state *B, size_t start, size_t i, int *hyph)
{
	unsigned long hw = lay_font_adv(B->f, '-');
	unsigned long w = units_of(B->f, B->text, start, i);
	uint32_t after;
	utf8_decode(B->text + i, B->len - i, &after);
	*hyph = 0;
	for (size_t k = i; k > start;) {
		size_t pk = k - 1;
		while (pk > start &&
		       ((unsigned char)B->text[pk] & 0xC0) == 0x80)
			pk--;
		uint32_t prev;
		utf8_decode(B->text + pk, k - pk, &prev);
		if (is_letter(prev) && is_letter(after) &&
		    points(w + hw, B->size) <= B->maxw) {
			*hyph = 1;
			return k;
		}
		w -= lay_font_adv(B->f, prev);
		after = prev;
		k = pk;
	}
	return i;
}

/* The line being filled: where it starts, its width so far (font units)
 * and its break opportunities (0: none). */
typedef struct line_st {
	size_t start;
	unsigned long w;
	size_t brk_end, brk_next; /* the last break between words */
	unsigned long brk_w;
	size_t glue_end; /* the last joining space */
	unsigned long glue_w;
	/* Last-resort break inside a word too wide for the column: after its
	 * last '/', '-', '.' or ',' ("31/12/" + "2021", "1.670." + "000")
	 * rather than at any code point. */
	size_t soft_end;
	unsigned long soft_w;
	size_t ws; /* start of the current word */
	unsigned long ws_w;
} line_st;

/* Push text[start..end) of width w font units. */
static void push_units(const brk_state *B, line_vec *lv, size_t start,
		       size_t end, unsigned long w, int hyph)
{
	push(lv, B->text + start, end - start, points(w, B->size), hyph);
}

/* Push text[start..end), measured, with a hyphen when hyph. */
static void push_measured(const brk_state *B, line_vec *lv, size_t start,
			  size_t end, int hyph)
{
	unsigned long w = units_of(B->f, B->text, start, end);
	if (hyph)
		w += lay_font_adv(B->f, '-');
	push_units(B, lv, start, end, w, hyph);
}

/* A space at i: an opportunity before the space run, unless the space
 * joins two words ("2 dicembre 2019", "n. 129"). */
static void at_space(const brk_state *B, line_st *L, size_t i)
{
	const char *text = B->text;
	if (i > L->start && text[i - 1] != ' ') {
		size_t q = i;
		while (q < B->len && text[q] == ' ')
			q++;
		if (!joins(text + L->ws, i - L->ws, text + q)) {
			L->brk_end = i;
			L->brk_w = L->w;
			L->brk_next = i + 1;
		} else {
			L->glue_end = i;
			L->glue_w = L->w;
		}
	}
	L->soft_end = 0;
}

/* After the code point cp, which ends at i, when more of its word
 * follows: a soft break, and an opportunity after a hyphen or slash unless
 * a number follows ("31/12/2021", "x-1", "-10"). */
static void after_char(const brk_state *B, line_st *L, uint32_t cp, size_t i)
{
	const char *text = B->text;
	if (i >= B->len || text[i] == ' ' || text[i] == '\n')
		return;
	if (cp == '/' || cp == '-' || cp == '.' || cp == ',') {
		L->soft_end = i;
		L->soft_w = L->w;
	}
	if ((cp == '-' || cp == '/') && !(text[i] >= '0' && text[i] <= '9')) {
		L->brk_end = i;
		L->brk_w = L->w;
		L->brk_next = i;
	}
}

/* The line overflows at i: end it at the best place, push it and return
 * where the next line starts.  In order: the last break between words
 * when the word fits a line of its own, a hyphenation point, the last
 * break between words, the last joining space, the last soft break, else
 * a cut between letters (with a hyphen) or at i. */
static size_t overflow(const brk_state *B, line_vec *lv, const line_st *L,
		       size_t i)
{
	size_t start = L->start, hp;
	if (L->brk_end > start && word_fits(B, L->ws, L->w - L->ws_w, i)) {
		push_units(B, lv, start, L->brk_end, L->brk_w, 0);
		return L->brk_next;
	}
	if ((hp = hyph_point(B, start, L->ws, L->ws_w, i)) > 0) {
		push_measured(B, lv, start, hp, 1);
		return hp;
	}
	if (L->brk_end > start) {
		push_units(B, lv, start, L->brk_end, L->brk_w, 0);
		return L->brk_next;
	}
	if (L->glue_end > start) {
		push_units(B, lv, start, L->glue_end, L->glue_w, 0);
		return L->glue_end + 1;
	}
	if (L->soft_end > start) {
		push_units(B, lv, start, L->soft_end, L->soft_w, 0);
		return L->soft_end;
	}
	int hy;
	size_t e = cut_point(B, start, i, &hy);
	push_measured(B, lv, start, e, hy);
	return e;
}

/* A printable ASCII byte other than the space. */
static int plain_byte(char c)
{
	return c > ' ' && c < 0x7F;
}

/* The rest of a word from i, while it is plain ASCII: no space, line end,
 * control or code point that after_char() marks ('/', '-', '.', ','), so
 * that break_line() would only add each advance and test the width.  This
 * loop does just that, and leaves at the first other byte or at the one
 * that does not fit, which break_line() takes up as before: the same
 * advances are asked for in the same order, the lines are the same.  Most
 * of a text is such runs. */
static size_t plain_run(const brk_state *B, line_st *L, size_t i)
{
	while (i < B->len) {
		char c = B->text[i];
		if (!plain_byte(c) || c == '/' || c == '-' || c == '.' ||
		    c == ',')
			break;
		unsigned long cw = lay_font_adv(B->f, (unsigned char)c);
		if (over(B, L->w + cw))
			break;
		L->w += cw;
		i++;
	}
	return i;
}

/* Fill one line from i, which is not a space: push it and return where
 * the next one starts. */
static size_t break_line(const brk_state *B, line_vec *lv, size_t i)
{
	const char *text = B->text;
	line_st L;
	memset(&L, 0, sizeof L);
	L.start = L.ws = i;
	while (i < B->len) {
		if (text[i] == '\n') {
			push_units(B, lv, L.start, i, L.w, 0);
			return i + 1; /* the '\n' is consumed */
		}
		uint32_t cp = (unsigned char)text[i];
		int n = 1;
		if (cp >= 0x80)
			n = utf8_decode(text + i, B->len - i, &cp);
		unsigned long cw = lay_font_adv(B->f, cp);
		if (cp == ' ') {
			at_space(B, &L, i);
		} else {
			if (i == L.start || text[i - 1] == ' ') {
				L.ws = i;
				L.ws_w = L.w;
			}
			if (over(B, L.w + cw) && i > L.start)
				return overflow(B, lv, &L, i);
		}
		L.w += cw;
		i += (size_t)n;
		if (cp != ' ') {
			after_char(B, &L, cp, i);
			i = plain_run(B, &L, i);
		}
	}
	push_units(B, lv, L.start, i, L.w, 0);
	return i;
}

lay_lines lay_break_h(arena *a, lay_font *f, float size, const char *text,
		      float maxw, const lay_hyph *h)
{
	line_vec lv = {NULL, 0, 0, a};
	size_t len = strlen(text);
	brk_state B = {f, size, maxw, h, text, len, 0, 0};
	set_fit(&B);
	for (size_t i = 0; i < len;) {
		/* Start of a line: skip spaces left over from a break. */
		while (i < len && text[i] == ' ')
			i++;
		if (i < len)
			i = break_line(&B, &lv, i);
	}
	/* Lines that lost trailing spaces get their width measured again. */
	for (int k = 0; k < lv.n; k++)
		if (lv.v[k].width < 0)
			lv.v[k].width =
				lay_text_width(f, size, lv.v[k].s, lv.v[k].len);
	lay_lines out = {lv.n, lv.v};
	return out;
}

lay_lines lay_break(arena *a, lay_font *f, float size, const char *text,
		    float maxw)
{
	return lay_break_h(a, f, size, text, maxw, NULL);
}

float lay_min_width(lay_font *f, float size, const char *text)
{
	return lay_measure_text(f, size, text).min;
}

lay_measure lay_measure_text(lay_font *f, float size, const char *text)
{
	/* Pieces between opportunities: spaces that do not join, '\n', and
	 * after '-' or '/' followed by a letter. */
	unsigned long best = 0, w = 0, line = 0, longest = 0, total = 0;
	size_t len = strlen(text), ws = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = (unsigned char)text[i];
		int n = 1;
		if (cp >= 0x80)
			n = utf8_decode(text + i, len - i, &cp);
		unsigned long adv = cp == '\n' ? 0 : lay_font_adv(f, cp);
		if (cp == '\n') {
			total += line;
			longest = line > longest ? line : longest;
			line = 0;
		}
		line += adv;
		if (cp == ' ' || cp == '\n') {
			size_t q = i;
			while (q < len && text[q] == ' ')
				q++;
			if (cp == '\n' || i == ws ||
			    !joins(text + ws, i - ws, text + q)) {
				best = w > best ? w : best;
				w = 0;
			} else {
				w += adv;
			}
			i += (size_t)n;
			ws = i;
			continue;
		}
		w += adv;
		i += (size_t)n;
		if ((cp == '-' || cp == '/') && i < len && text[i] != ' ' &&
		    !is_digit(text[i])) {
			best = w > best ? w : best;
			w = 0;
		}
		/* The rest of a word in plain ASCII only adds its advances
		 * (as plain_run() in the breaker). */
		while (i < len && plain_byte(text[i]) && text[i] != '-' &&
		       text[i] != '/') {
			unsigned long a =
				lay_font_adv(f, (unsigned char)text[i]);
			line += a;
			w += a;
			i++;
		}
	}
	best = w > best ? w : best;
	total += line;
	longest = line > longest ? line : longest;
	lay_measure out = {points(best, size), points(longest, size),
			   points(total, size)};
	return out;
}
