/* validate.c - what check and build look at beyond loading (see build.h).
 *
 * The plan's values that load.c accepts but a template would print or
 * read doubtfully: organs the template does not know, targets that do not
 * read (in the years the relazione does not evaluate: it warns about its
 * own), resources that are neither an amount nor text.  Each problem is one
 * warning at the first place it occurs, with a count when it repeats.
 */
#include "build.h"
#include "../data/target.h"
#include "../reports/report.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void warn_organ(const tpl *t, const char *file, int line,
		       const char *organo, int count, diag *d)
{
	const char *g = tpl_organ_guess(t, organo);
	if (g)
		diag_warning(d, file, line,
			     "organo '%s' is not an organ the template knows "
			     "([text] organo.*); it prints as written "
			     "(amendments: %d); did you mean '%s'?",
			     organo, count, g);
	else
		diag_warning(d, file, line,
			     "organo '%s' is not an organ the template knows "
			     "([text] organo.*); it prints as written "
			     "(amendments: %d)",
			     organo, count);
}

/* Organs: each unknown spelling once, at its first amendment, with the
 * number of amendments that use it. */
static void check_organs(const plan *p, const tpl *t, diag *d)
{
	if (*p->doc.organo && !tpl_organ_name(t, p->doc.organo))
		warn_organ(t, p->doc.file, 0, p->doc.organo, 1, d);
	enum { MAX = 64 };
	const amendment *first[MAX];
	int count[MAX], n = 0;
	for (int i = 0; i < p->n_modifiche; i++) {
		const amendment *m = &p->modifiche[i];
		if (m->organo == p->doc.organo || tpl_organ_name(t, m->organo))
			continue;
		int k = 0;
		while (k < n && !text_eq_fold(first[k]->organo, m->organo))
			k++;
		if (k == n && n == MAX)
			continue; /* more spellings than anyone reads */
		if (k == n) {
			first[n] = m;
			count[n++] = 0;
		}
		count[k]++;
	}
	for (int k = 0; k < n; k++)
		warn_organ(t, first[k]->file, first[k]->line, first[k]->organo,
			   count[k], d);
}

/* Why a target the relazione does not evaluate deserves a word: a sign
 * lost to Windows-1252 (fixed gets the likely expression), or an
 * expression that does not read; NULL for one that reads and for free
 * text ("Conclusione entro 6 mesi", "≥ media cluster"). */
static const char *target_problem(const char *text, int decreasing, char *fixed,
				  size_t n, arena *a)
{
	target tg;
	if (target_lost_sign(text, decreasing, fixed, n))
		return "lost";
	if (target_parse(text, &tg, a) == 0 || tg.reason == TGT_R_NOT_A_TARGET)
		return NULL;
	if (tg.reason == TGT_R_BAD_OPERAND && !strpbrk(text, "0123456789"))
		return NULL; /* a comparison with words */
	return target_reason_str(tg.reason);
}

/* The strategic targets of the years other than anno (the relazione
 * warns about anno's): one warning per indicator and text, naming the
 * years it occurs in. */
static void check_ind_targets(const plan *p, const ind_strat *is, arena *a,
			      diag *d)
{
	for (int y = 0; y < p->nyears; y++) {
		const char *text = is->target[y];
		char fixed[256];
		if (p->years[y] == p->doc.anno || !*text)
			continue;
		int dup = 0;
		for (int k = 0; k < y && !dup; k++)
			dup = p->years[k] != p->doc.anno &&
			      !strcmp(is->target[k], text);
		const char *why = dup ? NULL
				      : target_problem(text, is->decreasing,
						       fixed, sizeof fixed, a);
		if (!why)
			continue;
		buf cols = BUF_INIT;
		for (int k = y; k < p->nyears; k++)
			if (p->years[k] != p->doc.anno &&
			    !strcmp(is->target[k], text))
				buf_printf(&cols, "%starget_%d",
					   cols.len ? ", " : "", p->years[k]);
		if (!strcmp(why, "lost"))
			diag_warning(d, is->r.file, is->r.line,
				     "%s '%s' of '%s': a character was lost "
				     "when the file was saved as "
				     "Windows-1252 \xE2\x80\x94 did you mean "
				     "%s? (save as CSV UTF-8)",
				     buf_cstr(&cols), text, is->r.codice,
				     fixed);
		else
			diag_warning(d, is->r.file, is->r.line,
				     "%s '%s' of '%s' cannot be read (%s); it "
				     "prints as written",
				     buf_cstr(&cols), text, is->r.codice, why);
		buf_free(&cols);
	}
}

static void check_targets(const plan *p, diag *d)
{
	arena a;
	arena_init(&a, 4096);
	for (int i = 0; i < p->n_ind_strat; i++) {
		check_ind_targets(p, &p->ind_strat[i], &a, d);
		arena_reset(&a);
	}
	arena_free(&a);
}

/* Resources: an amount ("28.920", "1.670.000,00") or text with words
 * ("Piano investimenti 345.000", "-"); digits and signs that are no
 * amount ("660/53") are reported. */
static void check_amount(rep *r, const plan_rec *rec, const char *s, diag *d)
{
	int letters = 0, digits = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z')
			letters = 1;
		else if (*c >= 0x80)
			letters = 1; /* accented letters, the euro sign */
		else if (*c >= '0' && *c <= '9')
			digits = 1;
	}
	if (letters || !digits || rep_amount(r, s) != s)
		return;
	diag_warning(d, rec->file, rec->line,
		     "risorse '%s' of '%s' is not an amount (such as 28.920 "
		     "or 1.670.000,00); it prints as written",
		     s, rec->codice);
}

static void check_amounts(const plan *p, const tpl *t, diag *d)
{
	rep r;
	memset(&r, 0, sizeof r);
	r.p = p;
	r.t = t;
	arena_init(&r.a, 4096);
	buf_init(&r.tmp);
	for (int i = 0; i < p->n_programmi; i++)
		check_amount(&r, &p->programmi[i].r, p->programmi[i].risorse,
			     d);
	for (int i = 0; i < p->n_ob_oper; i++)
		check_amount(&r, &p->ob_oper[i].r, p->ob_oper[i].risorse, d);
	rep_free(&r);
}

void doc_validate(const plan *p, const tpl *t, diag *d)
{
	check_organs(p, t, d);
	check_targets(p, d);
	check_amounts(p, t, d);
}
