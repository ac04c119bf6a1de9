/*
 * fuzz_target.c - libFuzzer harness for target expressions and their
 * evaluation (src/data/target_parse.c, target_eval.c).
 *
 * Input: one option byte, then up to four texts separated by newlines:
 * the target, the measured value, the previous period's value and a
 * manual esito.  The option byte picks the polarity, the rules
 * (allow_over, grace days, partial threshold) and the level scale.  The
 * texts are parsed (target_parse_scale, measured_parse_scale), evaluated
 * (target_eval, eval_override), formatted and rolled up; the results are
 * checked against target.h: a text target has a reason, a degree is NAN
 * or within [0, 1] unless over-achievement is allowed, the verdict
 * follows from the degree, strings are never NULL.
 *
 * Built with clang -fsanitize=fuzzer for `make fuzz`, and with
 * tests/fuzz/replay.c instead of libFuzzer for `make fuzz-replay`.
 */
#include "fuzz.h"
#include "data/target.h"
#include "util/arena.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_target(const target *t, int rc)
{
	CHECK(t->text != NULL);
	CHECK((rc == -1) == (t->kind == TGT_TEXT));
	CHECK((t->kind == TGT_TEXT) == (t->reason != TGT_R_NONE));
	CHECK(target_reason_str(t->reason) != NULL);
	if (t->kind == TGT_DEADLINE)
		CHECK(t->ndates >= 1 && t->ndates <= TARGET_MAX_DATES);
	if (t->kind == TGT_RELATIVE)
		CHECK(t->lag >= 1 && t->lag <= 99);
	if (t->kind == TGT_COMPARE)
		CHECK(isfinite(t->value));
	if (t->unit)
		CHECK(strlen(t->unit) <= TARGET_MAX_UNIT);
}

static void check_measured(const measured *m, int rc)
{
	CHECK((rc == -1) == (m->kind == VAL_TEXT));
	if (m->kind == VAL_DATE)
		CHECK(m->ndates >= 1 && m->ndates <= TARGET_MAX_DATES);
	if (m->kind == VAL_NUMBER)
		CHECK(isfinite(m->number));
}

static void check_result(const eval_result *r, const eval_rules *rules)
{
	CHECK(eval_reason_str(r->reason) != NULL);
	CHECK(esito_keyword(r->verdict) != NULL);
	if (isnan(r->degree)) {
		CHECK(r->verdict == ESITO_NON_VALUTABILE);
	} else {
		CHECK(r->degree >= 0);
		CHECK(rules->allow_over || r->degree <= 1);
		if (!r->overridden)
			CHECK(r->verdict ==
			      esito_from_degree(r->degree, rules));
	}
	char pct[32];
	degree_format(r->degree, pct, sizeof pct);
	CHECK(strlen(pct) < sizeof pct);
	char tiny[4];
	degree_format(r->degree, tiny, sizeof tiny);
	CHECK(strlen(tiny) < sizeof tiny);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const scale_names[] = {
		"insufficiente", "sufficiente", "buono", "ottimo"};
	const level_scale other = {scale_names, 4};
	if (size < 1)
		return 0;
	unsigned opt = data[0];
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';

	/* Split into at most four NUL-terminated parts. */
	const char *part[4] = {"", "", "", ""};
	char *p = text;
	for (int i = 0; i < 4 && p; i++) {
		part[i] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';
	}

	const level_scale *scale = (opt & 0x40) ? &other : NULL;
	eval_rules rules = eval_rules_default();
	rules.allow_over = (opt & 0x02) != 0;
	rules.grace_days = (int)((opt >> 2) & 0x3) * 15;
	if (opt & 0x20)
		rules.partial = 0.5;
	int decreasing = opt & 0x01;

	arena a;
	arena_init(&a, 4096);
	target t;
	measured v, prev;
	int rc = target_parse_scale(part[0], scale, &t, &a);
	check_target(&t, rc);
	rc = measured_parse_scale(part[1], scale, &v);
	check_measured(&v, rc);
	rc = measured_parse_scale(part[2], scale, &prev);
	check_measured(&prev, rc);

	/* The default-scale entry points agree with the explicit ones. */
	if (!scale) {
		target t2;
		rc = target_parse(part[0], &t2, &a);
		CHECK(t2.kind == t.kind && t2.reason == t.reason);
		measured v2;
		rc = measured_parse(part[1], &v2);
		CHECK(v2.kind == v.kind);
	}

	eval_result r;
	target_eval(&t, decreasing, &v, &prev, &rules, &r);
	check_result(&r, &rules);
	target_eval(&t, decreasing, (opt & 0x80) ? NULL : &v, NULL, NULL, &r);
	eval_rules def = eval_rules_default();
	check_result(&r, &def);

	esito e;
	if (esito_parse(part[3], &e) == 0) {
		CHECK(esito_parse(esito_keyword(e), &e) == 0);
		target_eval(&t, decreasing, &v, &prev, &rules, &r);
		eval_override(&r, e, &rules);
		CHECK(r.overridden && r.verdict == e);
		check_result(&r, &rules);
	}

	double degrees[3] = {r.degree, NAN, 0.5};
	double weights[3] = {1, 2, (opt & 0x10) ? -1 : 0.5};
	int used = -1;
	double m = rollup_weighted(degrees, (opt & 0x08) ? NULL : weights, 3,
				   &used);
	CHECK(used >= 0 && used <= 3);
	CHECK(isnan(m) == (used == 0));

	arena_free(&a);
	free(text);
	return 0;
}
