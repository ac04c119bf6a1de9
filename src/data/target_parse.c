/*
 * target_parse.c - reading target expressions and measured values (see
 * target.h for the accepted forms; target_eval.c evaluates them).
 *
 * The parser is a hand-written scanner over the trimmed UTF-8 text: a few
 * token readers (spaces, comparison sign, Italian number, date, date list)
 * each return 1 when they consumed a token, 0 when the text does not start
 * with one (nothing consumed) and -1 when it looks like one but is invalid
 * (with a tgt_reason).  target_parse_scale() tries the forms in the order
 * documented in target.h and falls back to TGT_TEXT.  Numbers and dates
 * are read by the one reader of each (itnum.h, itdate.h).
 */
#include "target.h"

#include "../util/i18n.h"
#include "../util/text.h"

#include <string.h>

/* UTF-8 encodings of the non-ASCII signs we accept. */
#define U_GE   "\xE2\x89\xA5" /* ≥ U+2265 */
#define U_LE   "\xE2\x89\xA4" /* ≤ U+2264 */
#define U_GE2  "\xE2\xA9\xBE" /* ⩾ U+2A7E */
#define U_LE2  "\xE2\xA9\xBD" /* ⩽ U+2A7D */
#define U_MIN  "\xE2\x88\x92" /* − U+2212 */
#define U_EN   "\xE2\x80\x93" /* – U+2013 */
#define U_EM   "\xE2\x80\x94" /* — U+2014 */
#define U_NBSP "\xC2\xA0"     /* U+00A0 */
#define U_NNBS "\xE2\x80\xAF" /* U+202F */

#define MAX_NAME 64 /* bytes in a name before the sign */
#define FOLD_BUF 128

/* ------------------------------------------------------------------ */
/* Scanning                                                           */

typedef struct scan {
	const char *s;
	size_t n; /* length of s */
	size_t i; /* current position */
} scan;

static int has(const scan *c, size_t k, const char *lit)
{
	size_t len = strlen(lit);
	return c->i + k + len <= c->n && memcmp(c->s + c->i + k, lit, len) == 0;
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Digit at offset k from the current position, or 0. */
static int digit_at(const scan *c, size_t k)
{
	return c->i + k < c->n && is_digit(c->s[c->i + k]);
}

/* Width of a white-space character at the current position, or 0. */
static size_t space_width(const scan *c)
{
	if (c->i >= c->n)
		return 0;
	return text_space_width(c->s + c->i, c->n - c->i);
}

static void skip_spaces(scan *c)
{
	size_t w;
	while ((w = space_width(c)) != 0)
		c->i += w;
}

static int at_end(const scan *c)
{
	return c->i >= c->n;
}

/* Width of a minus sign ('-', U+2212, U+2013) at the position, or 0. */
static size_t minus_width(const scan *c)
{
	if (c->i < c->n && c->s[c->i] == '-')
		return 1;
	if (has(c, 0, U_MIN) || has(c, 0, U_EN))
		return 3;
	return 0;
}

/* True if a comparison sign starts at s[0..n). */
static int op_starts(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == '<' || s[0] == '>' || s[0] == '=')
		return 1;
	return n >= 3 && (memcmp(s, U_GE, 3) == 0 || memcmp(s, U_LE, 3) == 0 ||
			  memcmp(s, U_GE2, 3) == 0 || memcmp(s, U_LE2, 3) == 0);
}

/*
 * Comparison sign: ≥ ⩾ >= => ≥= mean GE; ≤ ⩽ <= =< ≤= mean LE; > < = ==.
 * Spaces may separate a '<', '>', '≥' or '≤' from a following '='.
 */
static int scan_op(scan *c, tgt_op *op)
{
	tgt_op o;
	if (has(c, 0, U_GE) || has(c, 0, U_GE2)) {
		o = TGT_GE;
		c->i += 3;
	} else if (has(c, 0, U_LE) || has(c, 0, U_LE2)) {
		o = TGT_LE;
		c->i += 3;
	} else if (has(c, 0, ">")) {
		o = TGT_GT;
		c->i += 1;
	} else if (has(c, 0, "<")) {
		o = TGT_LT;
		c->i += 1;
	} else if (has(c, 0, "=>")) {
		*op = TGT_GE;
		c->i += 2;
		return 1;
	} else if (has(c, 0, "=<")) {
		*op = TGT_LE;
		c->i += 2;
		return 1;
	} else if (has(c, 0, "==")) {
		*op = TGT_EQ;
		c->i += 2;
		return 1;
	} else if (has(c, 0, "=")) {
		*op = TGT_EQ;
		c->i += 1;
		return 1;
	} else {
		return 0;
	}
	/* An '=' after the sign: ">=", "> =", and the typo "≥=". */
	size_t save = c->i;
	skip_spaces(c);
	if (has(c, 0, "=") && !has(c, 0, "=>") && !has(c, 0, "=<")) {
		c->i += 1;
		if (o == TGT_GT)
			o = TGT_GE;
		else if (o == TGT_LT)
			o = TGT_LE;
	} else {
		c->i = save;
	}
	*op = o;
	return 1;
}

/*
 * A number (itnum.h), with its '%': returns 1 with *v set, 0 if no number
 * starts here (nothing consumed), -1 if it has too many digits.
 */
static int scan_number(scan *c, itnum *v, tgt_reason *why)
{
	int rc = itnum_scan(c->s + c->i, c->n - c->i, v);
	if (rc < 0) {
		*why = TGT_R_BAD_NUMBER;
		return -1;
	}
	c->i += (size_t)rc;
	return rc > 0;
}

/* Read up to max digits; returns how many, value in *v. */
static int read_digits(scan *c, int max, int *v)
{
	int k = 0;
	*v = 0;
	while (k < max && digit_at(c, 0)) {
		*v = *v * 10 + (c->s[c->i++] - '0');
		k++;
	}
	return k;
}

/* A full date (itdate.h): 1 with *days set, 0 if none starts here
 * (nothing consumed), -1 if it is date-shaped but invalid. */
static int scan_date(scan *c, int32_t *days, tgt_reason *why)
{
	pdate d;
	int rc = itdate_scan(c->s + c->i, c->n - c->i, &d);
	if (rc < 0) {
		*why = TGT_R_BAD_DATE;
		return -1;
	}
	if (rc == 0)
		return 0;
	c->i += (size_t)rc;
	*days = pdate_days(&d);
	return 1;
}

/* Separator between dates: - – — , ; or the word "e"; spaces around. */
static void skip_date_sep(scan *c)
{
	skip_spaces(c);
	if (has(c, 0, "-") || has(c, 0, ",") || has(c, 0, ";"))
		c->i += 1;
	else if (has(c, 0, U_EN) || has(c, 0, U_EM))
		c->i += 3;
	else if ((has(c, 0, "e ") || has(c, 0, "E ")))
		c->i += 1;
	skip_spaces(c);
}

/*
 * One or more dates.  Returns the number read (position after the last
 * one), 0 if no date starts here (nothing consumed) or -1.
 */
static int scan_date_list(scan *c, int32_t *dates, tgt_reason *why)
{
	int nd = 0, rc;
	if ((rc = scan_date(c, &dates[0], why)) <= 0)
		return rc;
	nd = 1;
	for (;;) {
		size_t save = c->i;
		int32_t d;
		skip_date_sep(c);
		rc = scan_date(c, &d, why);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			c->i = save;
			return nd;
		}
		if (nd == TARGET_MAX_DATES) {
			*why = TGT_R_TOO_MANY_DATES;
			return -1;
		}
		dates[nd++] = d;
	}
}

/* Case-insensitive ASCII word at the position, followed by a space. */
static int scan_word(scan *c, const char *w)
{
	size_t len = strlen(w);
	if (c->i + len > c->n)
		return 0;
	for (size_t k = 0; k < len; k++) {
		char ch = c->s[c->i + k];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		if (ch != w[k])
			return 0;
	}
	size_t save = c->i;
	c->i += len;
	if (space_width(c) == 0) {
		c->i = save;
		return 0;
	}
	skip_spaces(c);
	return 1;
}

/* A letter: ASCII, or the lead byte of a non-ASCII character that is not
 * a comparison or minus sign. */
static int starts_letter(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	unsigned char c0 = (unsigned char)s[0];
	if (is_alpha((char)c0))
		return 1;
	return c0 >= 0xC0 && !op_starts(s, n) &&
	       !(n >= 3 && memcmp(s, U_MIN, 3) == 0);
}

/*
 * A unit after a number, or a name before a sign: starts with a letter
 * (ASCII or any non-ASCII character that is not a sign), holds no
 * comparison sign or '%', and no digit unless digits_ok.
 */
static int word_ok(const char *s, size_t n, size_t max, int digits_ok)
{
	if (n == 0 || n > max || !starts_letter(s, n))
		return 0;
	for (size_t j = 0; j < n; j++) {
		if (op_starts(s + j, n - j) || s[j] == '%')
			return 0;
		if (is_digit(s[j]) && !digits_ok)
			return 0;
		if (n - j >= 3 && (memcmp(s + j, U_MIN, 3) == 0))
			return 0;
	}
	return 1;
}

/* Trim trailing spaces (ASCII, NBSP, narrow NBSP) of s[0..*n). */
static void rtrim(const char *s, size_t *n)
{
	for (;;) {
		if (*n >= 1 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
			*n -= 1;
		else if (*n >= 2 && memcmp(s + *n - 2, U_NBSP, 2) == 0)
			*n -= 2;
		else if (*n >= 3 && memcmp(s + *n - 3, U_NNBS, 3) == 0)
			*n -= 3;
		else
			return;
	}
}

/* ------------------------------------------------------------------ */
/* Levels                                                             */

static const char *const default_levels[] = {"basso", "medio", "alto"};
static const level_scale default_scale = {default_levels, 3};

const level_scale *level_scale_default(void)
{
	return &default_scale;
}

/*
 * Rank (1-based) of the level named by s[0..n) on sc, or 0.  With
 * article, a leading "a", "al" or "ad" is skipped ("≥ a medio").
 */
static int level_find(const level_scale *sc, const char *s, size_t n,
		      int article)
{
	char raw[FOLD_BUF], f[FOLD_BUF], g[FOLD_BUF];
	if (n == 0 || n >= sizeof raw)
		return 0;
	memcpy(raw, s, n);
	raw[n] = '\0';
	text_fold(raw, f, sizeof f);
	const char *cand[2] = {f, NULL};
	if (article) {
		if (strncmp(f, "a ", 2) == 0)
			cand[1] = f + 2;
		else if (strncmp(f, "al ", 3) == 0 || strncmp(f, "ad ", 3) == 0)
			cand[1] = f + 3;
	}
	int nl = sc->n < TARGET_MAX_LEVEL ? sc->n : TARGET_MAX_LEVEL;
	for (int k = 0; k < 2 && cand[k]; k++)
		for (int l = 0; l < nl; l++)
			if (strcmp(cand[k],
				   text_fold(sc->names[l], g, sizeof g)) == 0)
				return l + 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Target parsing                                                     */

static int make_text(target *out, tgt_reason why)
{
	out->kind = TGT_TEXT;
	out->op = TGT_NOOP;
	out->reason = why;
	out->value = 0;
	out->percent = 0;
	out->unit = NULL;
	out->name = NULL;
	out->ndates = 0;
	out->lag = 0;
	out->level = 0;
	return -1;
}

/* "x <sign> x-N": 1 (filled), 0 (not this form), -1 (bad lag). */
static int parse_relative(const char *s, size_t n, target *out)
{
	scan c = {s, n, 0};
	tgt_op op;
	int lag;
	if (!(has(&c, 0, "x") || has(&c, 0, "X")))
		return 0;
	c.i++;
	skip_spaces(&c);
	if (!scan_op(&c, &op))
		return 0;
	skip_spaces(&c);
	if (!(has(&c, 0, "x") || has(&c, 0, "X")))
		return 0;
	c.i++;
	skip_spaces(&c);
	size_t w = minus_width(&c);
	if (!w)
		return 0;
	c.i += w;
	skip_spaces(&c);
	int nd = read_digits(&c, 3, &lag);
	skip_spaces(&c);
	if (nd == 0 || !at_end(&c))
		return 0;
	if (lag < 1 || lag > 99)
		return -1;
	out->kind = TGT_RELATIVE;
	out->op = op;
	out->lag = lag;
	return 1;
}

/* The rest of the text after a sign (or a bare value). */
static int parse_operand(scan *c, target *out, int explicit_op,
			 const level_scale *sc, arena *a)
{
	tgt_reason why = TGT_R_NONE;
	int rc;
	if (at_end(c))
		return make_text(out, TGT_R_NO_OPERAND);
	if (explicit_op) {
		rc = scan_date_list(c, out->dates, &why);
		if (rc < 0)
			return make_text(out, why);
		if (rc > 0) {
			skip_spaces(c);
			if (!at_end(c))
				return make_text(out, TGT_R_TRAILING);
			if (out->op != TGT_LE && out->op != TGT_LT)
				return make_text(out, TGT_R_DATE_SIGN);
			out->kind = TGT_DEADLINE;
			out->ndates = rc;
			return 0;
		}
	}
	itnum num;
	rc = scan_number(c, &num, &why);
	if (rc < 0)
		return make_text(out, why);
	if (rc > 0) {
		out->value = num.value;
		out->percent = num.percent;
		skip_spaces(c);
		if (!at_end(c)) {
			size_t len = c->n - c->i;
			rtrim(c->s + c->i, &len);
			if (!word_ok(c->s + c->i, len, TARGET_MAX_UNIT, 0))
				return make_text(out, TGT_R_TRAILING);
			out->unit = arena_strndup(a, c->s + c->i, len);
		}
		out->kind = TGT_COMPARE;
		return 0;
	}
	int lv = level_find(sc, c->s + c->i, c->n - c->i, 1);
	if (lv) {
		out->kind = TGT_ORDINAL;
		out->level = lv;
		return 0;
	}
	return make_text(out,
			 explicit_op ? TGT_R_BAD_OPERAND : TGT_R_NOT_A_TARGET);
}

/* Deadlines: "31/12/2021", lists, "entro [il|al] 31/12/2021".  Returns
 * 0 for a deadline, -1 for a broken one (made text, as make_text), or 1
 * when no date starts here (c where it was). */
static int parse_deadline(scan *c, target *out)
{
	tgt_reason why = TGT_R_NONE;
	size_t at = c->i;
	int entro = scan_word(c, "entro");
	if (entro && !scan_word(c, "il"))
		(void)scan_word(c, "al");
	int rc = scan_date_list(c, out->dates, &why);
	if (rc < 0)
		return make_text(out, why);
	if (rc > 0) {
		skip_spaces(c);
		if (!at_end(c))
			return make_text(out, TGT_R_TRAILING);
		out->kind = TGT_DEADLINE;
		out->op = TGT_LE;
		out->ndates = rc;
		return 0;
	}
	if (entro)
		return make_text(out, TGT_R_NOT_A_TARGET);
	c->i = at;
	return 1;
}

/* The name before the sign of "name sign operand" (c at a letter): 1
 * with out->name set and c after it; without a sign, 0 for a bare level
 * or -1 (text, as make_text). */
static int parse_name(scan *c, target *out, const level_scale *sc, arena *a)
{
	const char *s = c->s;
	size_t n = c->n, j = 0;
	while (j < n && !op_starts(s + j, n - j))
		j++;
	if (j == n) {
		int lv = level_find(sc, s, n, 0);
		if (!lv)
			return make_text(out, TGT_R_NOT_A_TARGET);
		out->kind = TGT_ORDINAL;
		out->op = TGT_ATLEAST;
		out->level = lv;
		return 0;
	}
	size_t len = j;
	rtrim(s, &len);
	if (!word_ok(s, len, MAX_NAME, 1))
		return make_text(out, TGT_R_NOT_A_TARGET);
	out->name = arena_strndup(a, s, len);
	c->i = j;
	return 1;
}

/* Whether s (trimmed) names the baseline year: folded once (text.h) and
 * compared with the folded phrases, and only when it can fold to a word
 * starting with 'a' (most targets are numbers: 46,000 calls on a plan of
 * 10,000 indicators). */
static int is_baseline(const char *s)
{
	static const char *const phrase[] = {
		"anno di rilevazione", "anno rilevazione", "anno base"};
	unsigned char c = (unsigned char)s[0];
	if ((c | 0x20) != 'a' && c < 0x80)
		return 0;
	char f[256];
	text_fold(s, f, sizeof f);
	for (size_t i = 0; i < sizeof phrase / sizeof *phrase; i++)
		if (strcmp(f, phrase[i]) == 0)
			return 1;
	return 0;
}

int target_parse_scale(const char *text, const level_scale *scale, target *out,
		       arena *a)
{
	const level_scale *sc = scale ? scale : &default_scale;
	size_t n;
	int rc;

	memset(out, 0, sizeof *out);
	out->kind = TGT_EMPTY;
	out->op = TGT_NOOP;
	const char *t = text_trim(text ? text : "", &n);
	char *s = arena_strndup(a, t, n);
	out->text = s;
	if (n == 0)
		return 0;

	if (is_baseline(s)) {
		out->kind = TGT_BASELINE;
		return 0;
	}

	scan c = {s, n, 0};
	rc = parse_deadline(&c, out);
	if (rc != 1)
		return rc;

	rc = parse_relative(s, n, out);
	if (rc > 0)
		return 0;
	if (rc < 0)
		return make_text(out, TGT_R_BAD_LAG);

	/* [name] [sign] operand */
	if (starts_letter(s, n) && (rc = parse_name(&c, out, sc, a)) != 1)
		return rc;
	int explicit_op = scan_op(&c, &out->op);
	if (!explicit_op)
		out->op = TGT_ATLEAST;
	skip_spaces(&c);
	return parse_operand(&c, out, explicit_op, sc, a);
}

int target_parse(const char *text, target *out, arena *a)
{
	return target_parse_scale(text, NULL, out, a);
}

const char *target_reason_str(tgt_reason r)
{
	switch (r) {
	case TGT_R_NONE:
		return N_("readable");
	case TGT_R_NOT_A_TARGET:
		return N_(
			"no comparison, number, date, level or known keyword");
	case TGT_R_NO_OPERAND:
		return N_("comparison sign without a value");
	case TGT_R_BAD_OPERAND:
		return N_(
			"value after the comparison sign is not a number, date "
			"or level");
	case TGT_R_TRAILING:
		return N_("unreadable text after the value");
	case TGT_R_BAD_NUMBER:
		return N_("number with too many digits");
	case TGT_R_BAD_DATE:
		return N_("invalid date (day, month or four-digit year)");
	case TGT_R_TOO_MANY_DATES:
		return N_("too many dates");
	case TGT_R_DATE_SIGN:
		return N_("a date can only be compared with <= or <");
	case TGT_R_BAD_LAG:
		return N_("relative target must refer to 1 to 99 years before");
	}
	return N_("unknown reason");
}

/* ------------------------------------------------------------------ */
/* Measured values                                                    */

int measured_parse_scale(const char *text, const level_scale *scale,
			 measured *out)
{
	const level_scale *sc = scale ? scale : &default_scale;
	tgt_reason why = TGT_R_NONE;
	size_t n;
	int rc;

	memset(out, 0, sizeof *out);
	out->kind = VAL_NONE;
	const char *s = text_trim(text ? text : "", &n);
	if (n == 0)
		return 0;

	scan c = {s, n, 0};
	rc = scan_date_list(&c, out->dates, &why);
	if (rc > 0) {
		skip_spaces(&c);
		if (at_end(&c)) {
			out->kind = VAL_DATE;
			out->ndates = rc;
			out->date = out->dates[rc - 1];
			return 0;
		}
	}
	if (rc != 0)
		goto text;

	itnum num;
	rc = scan_number(&c, &num, &why);
	if (rc > 0) {
		out->number = num.value;
		out->percent = num.percent;
		skip_spaces(&c);
		size_t len = c.n - c.i;
		rtrim(c.s + c.i, &len);
		if (len == 0 || word_ok(c.s + c.i, len, TARGET_MAX_UNIT, 0)) {
			out->kind = VAL_NUMBER;
			return 0;
		}
		goto text;
	}
	if (rc < 0)
		goto text;
	out->level = level_find(sc, s, n, 0);
	if (out->level) {
		out->kind = VAL_LEVEL;
		return 0;
	}
text:
	memset(out, 0, sizeof *out);
	out->kind = VAL_TEXT;
	return -1;
}

int measured_parse(const char *text, measured *out)
{
	return measured_parse_scale(text, NULL, out);
}

/* ------------------------------------------------------------------ */
/* A comparison sign lost to Windows-1252                             */
/* ------------------------------------------------------------------ */

int target_lost_sign(const char *text, int decreasing, char *out, size_t n)
{
	if (!text || !strchr(text, '?') || n == 0)
		return 0;
	/* Windows-1252 has no ≥ or ≤: Excel saves them as '?'.  Put back
	 * the sign the indicator's polarity suggests and see whether the
	 * expression reads. */
	const char *sign = decreasing ? "\xE2\x89\xA4" : "\xE2\x89\xA5";
	size_t o = 0;
	for (const char *s = text; *s && o + 4 < n; s++) {
		if (*s == '?') {
			memcpy(out + o, sign, 3);
			o += 3;
		} else {
			out[o++] = *s;
		}
	}
	out[o] = '\0';
	arena a;
	arena_init(&a, 512);
	target t;
	int ok = target_parse(out, &t, &a) == 0 && t.kind != TGT_EMPTY;
	arena_free(&a);
	return ok;
}
