/*
 * test_target.c - target expressions, measured values and evaluation.
 *
 * Table-driven: each table row states the text as a plan writes it and
 * everything the parser or the evaluator must produce for it; a failing
 * row prints its text.  The parse table holds every row of the spec's
 * target table, every form met in the real seed plan and the edge cases of
 * the number and date scanners.  Evaluation rows go through target_parse
 * and measured_parse, so they read like a monitoraggio.csv line: target,
 * polarity, value, previous value, rules -> degree, esito, reason, notes.
 * Dates are days since 1970-01-01, computed independently (Python's
 * datetime) rather than with the code under test.
 */
#include "testutil.h"

#include "data/target.h"

#include <math.h>
#include <stdio.h>

#define CHECK(cond, what)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			print_error("case \"%s\": %s\n", (what), #cond);       \
			fail();                                                \
		}                                                              \
	} while (0)

/* Days since 1970-01-01 (python3 datetime). */
#define D_2018_12_31 17896
#define D_2020_02_29 18321
#define D_2021_01_11 18638
#define D_2021_03_31 18717
#define D_2021_04_30 18747
#define D_2021_06_28 18806
#define D_2021_06_30 18808
#define D_2021_07_27 18835
#define D_2021_09_10 18880
#define D_2021_09_30 18900
#define D_2021_11_30 18961
#define D_2021_12_11 18972
#define D_2021_12_30 18991
#define D_2021_12_31 18992
#define D_1970_01_01 0
#define D_1969_12_31 (-1)

static int same_num(double a, double b)
{
	return fabs(a - b) <= 1e-12 * fmax(1.0, fabs(b));
}

static int same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                            */

typedef struct parse_case {
	const char *text;
	tgt_kind kind;
	tgt_op op;
	double value;
	int percent;
	const char *unit;
	const char *name;
	int lag;
	int level;
	tgt_reason reason;
	int ndates;
	int32_t dates[TARGET_MAX_DATES];
	const char *written; /* out->text when it differs from text */
} parse_case;

/* CMP(text, op, value[, more designated fields]) */
#define CMP(t, o, ...)                                                         \
	{                                                                      \
		.text = t, .kind = TGT_COMPARE, .op = o, .value = __VA_ARGS__  \
	}
#define TXT(t, r)                                                              \
	{                                                                      \
		.text = t, .kind = TGT_TEXT, .op = TGT_NOOP, .reason = r       \
	}

static const parse_case parse_cases[] = {
	/* --- the spec's table, row by row --- */
	CMP("≥ 90%", TGT_GE, 90, .percent = 1),
	CMP(">= 90%", TGT_GE, 90, .percent = 1),
	CMP("≥= 80%", TGT_GE, 80, .percent = 1),
	CMP("> 3,5", TGT_GT, 3.5),
	CMP("< 20%", TGT_LT, 20, .percent = 1),
	CMP("<= 40 gg", TGT_LE, 40, .unit = "gg"),
	CMP("≤ 5%", TGT_LE, 5, .percent = 1),
	CMP("100%", TGT_ATLEAST, 100, .percent = 1),
	CMP("10 immissioni", TGT_ATLEAST, 10, .unit = "immissioni"),
	CMP(">90", TGT_GT, 90),
	{.text = "31/12/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_12_31}},
	{.text = "11/01/2021 - 30/06/2021 - 10/09/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 3,
	 .dates = {D_2021_01_11, D_2021_06_30, D_2021_09_10}},
	{.text = "Anno di rilevazione", .kind = TGT_BASELINE},
	{.text = "x ≤ x-1", .kind = TGT_RELATIVE, .op = TGT_LE, .lag = 1},
	{.text = "x < x-2", .kind = TGT_RELATIVE, .op = TGT_LT, .lag = 2},
	CMP("≥1", TGT_GE, 1),
	{.text = "≥ a medio", .kind = TGT_ORDINAL, .op = TGT_GE, .level = 2},
	{.text = "≥Medio", .kind = TGT_ORDINAL, .op = TGT_GE, .level = 2},
	CMP("ITP < -10", TGT_LT, -10, .name = "ITP"),
	TXT("Conclusione entro 6 mesi dalla prova scritta", TGT_R_NOT_A_TARGET),
	{.text = "", .kind = TGT_EMPTY},

	/* --- the other forms of the brief --- */
	TXT("=", TGT_R_NO_OPERAND),
	CMP("= 100%", TGT_EQ, 100, .percent = 1),
	CMP("== 3", TGT_EQ, 3),
	CMP(">=2", TGT_GE, 2),
	CMP("0,00", TGT_ATLEAST, 0),
	CMP("1", TGT_ATLEAST, 1),
	{.text = "2021-12-31",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_12_31}},
	{.text = "Anno rilevazione", .kind = TGT_BASELINE},
	{.text = "  ANNO   DI RILEVAZIONE ",
	 .kind = TGT_BASELINE,
	 .written = "ANNO   DI RILEVAZIONE"},
	{.text = "anno base", .kind = TGT_BASELINE},
	CMP(">1,2", TGT_GT, 1.2),
	TXT("scostamento max 0,02 da media cluster", TGT_R_NOT_A_TARGET),
	TXT("≥ media cluster", TGT_R_BAD_OPERAND),

	/* --- every other form in the seed plan --- */
	CMP("≥ 1", TGT_GE, 1),
	CMP("> 1", TGT_GT, 1),
	CMP(">1", TGT_GT, 1),
	CMP("<1", TGT_LT, 1),
	CMP("<=1", TGT_LE, 1),
	CMP("≥5", TGT_GE, 5),
	CMP("≥4", TGT_GE, 4),
	CMP("≥10", TGT_GE, 10),
	CMP("≥90%", TGT_GE, 90, .percent = 1),
	CMP("≥ 3,5", TGT_GE, 3.5),
	CMP("≥= 3", TGT_GE, 3),
	CMP("≥= 3,5", TGT_GE, 3.5),
	CMP("≥= 75%", TGT_GE, 75, .percent = 1),
	CMP("> 3,0", TGT_GT, 3),
	CMP("> 96%", TGT_GT, 96, .percent = 1),
	CMP("< 2", TGT_LT, 2),
	CMP("< 18%", TGT_LT, 18, .percent = 1),
	CMP("≤ 30 gg", TGT_LE, 30, .unit = "gg"),
	CMP("0%", TGT_ATLEAST, 0, .percent = 1),
	CMP("95%", TGT_ATLEAST, 95, .percent = 1),
	CMP("1,45", TGT_ATLEAST, 1.45),
	CMP("4,6", TGT_ATLEAST, 4.6),
	CMP("25", TGT_ATLEAST, 25),
	CMP("ITP < -15", TGT_LT, -15, .name = "ITP"),
	{.text = "x < x-4", .kind = TGT_RELATIVE, .op = TGT_LT, .lag = 4},
	{.text = "31/03/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_03_31}},
	{.text = "30/04/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_04_30}},
	{.text = "31/12/2018",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2018_12_31}},
	{.text = "11/01/2021 - 30/06/2021 - 10/09/2021 - 11/12/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 4,
	 .dates = {D_2021_01_11, D_2021_06_30, D_2021_09_10, D_2021_12_11}},
	TXT("scostamento max 0,01 da media cluster", TGT_R_NOT_A_TARGET),
	TXT("Sperimentazione su almeno 5 processi di comunicazione",
	    TGT_R_NOT_A_TARGET),

	/* --- spaces and sign spellings --- */
	CMP("  ≥   90 %  ", TGT_GE, 90, .percent = 1, .written = "≥   90 %"),
	CMP("≥\xC2\xA0"
	    "90%",
	    TGT_GE, 90, .percent = 1),
	CMP("⩾ 90%", TGT_GE, 90, .percent = 1),
	CMP("⩽ 5", TGT_LE, 5),
	CMP("=> 90%", TGT_GE, 90, .percent = 1),
	CMP("=< 5", TGT_LE, 5),
	CMP("> = 80%", TGT_GE, 80, .percent = 1),
	CMP("< =80%", TGT_LE, 80, .percent = 1),
	CMP("≤= 5%", TGT_LE, 5, .percent = 1),
	CMP("<=40gg", TGT_LE, 40, .unit = "gg"),
	CMP("ITP<-10", TGT_LT, -10, .name = "ITP"),
	CMP("ITP < \xE2\x88\x92"
	    "10",
	    TGT_LT, -10, .name = "ITP"), /* U+2212 minus */
	CMP("ITP < - 10", TGT_LT, -10, .name = "ITP"),
	CMP("Tempo medio ≤ 30 gg", TGT_LE, 30, .unit = "gg",
	    .name = "Tempo medio"),
	TXT("≥", TGT_R_NO_OPERAND),
	TXT("<>5", TGT_R_BAD_OPERAND),
	TXT("%", TGT_R_NOT_A_TARGET),
	TXT("5 < 7", TGT_R_TRAILING),
	TXT("ITP -10", TGT_R_NOT_A_TARGET),
	TXT("Percentuale di realizzazione del piano di miglioramento dei "
	    "servizi < 5",
	    TGT_R_NOT_A_TARGET), /* a "name" over 64 bytes is prose */
	TXT("Quota % ≥ 90%", TGT_R_NOT_A_TARGET),

	/* --- numbers --- */
	CMP("1.000", TGT_ATLEAST, 1000),
	CMP("1.5", TGT_ATLEAST, 1.5),
	CMP("1.670.000,00", TGT_ATLEAST, 1670000),
	CMP("1.000,5", TGT_ATLEAST, 1000.5),
	CMP("1.0005", TGT_ATLEAST, 1.0005),
	CMP("0.500", TGT_ATLEAST, 0.5),
	CMP("1000.000", TGT_ATLEAST, 1000),
	CMP("12.345", TGT_ATLEAST, 12345),
	CMP("-3", TGT_ATLEAST, -3),
	CMP("\xE2\x88\x92 2,5", TGT_ATLEAST, -2.5),
	CMP("+4", TGT_ATLEAST, 4),
	CMP("95,4%", TGT_ATLEAST, 95.4, .percent = 1),
	CMP("≥ 1.000 €", TGT_GE, 1000, .unit = "€"),
	CMP("≥ 3 iniziative realizzate", TGT_GE, 3,
	    .unit = "iniziative realizzate"),
	CMP("5 gg", TGT_ATLEAST, 5, .unit = "gg"),
	CMP("123456789012345", TGT_ATLEAST, 123456789012345.0),
	TXT("1234567890123456", TGT_R_BAD_NUMBER),
	TXT("1.000.5", TGT_R_TRAILING),
	TXT("≥ 90% (vedi allegato)", TGT_R_TRAILING),
	TXT("90%%", TGT_R_TRAILING),
	TXT("≥ 5 processi in 2 sedi", TGT_R_TRAILING),
	TXT("5 gg ≥ x", TGT_R_TRAILING),
	TXT("5 gg%", TGT_R_TRAILING),
	CMP("<= 40 gg\xE2\x80\xAF", TGT_LE, 40, .unit = "gg"),
	CMP("0,000000000000000012345", TGT_ATLEAST, 1.2345e-17),
	CMP("0000000000000000001", TGT_ATLEAST, 1),
	TXT(",5", TGT_R_NOT_A_TARGET),

	/* --- dates and deadlines --- */
	{.text = "27.07.2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_07_27}},
	{.text = "29/02/2020",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2020_02_29}},
	{.text = "1/1/1970",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_1970_01_01}},
	{.text = "1969-12-31",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_1969_12_31}},
	{.text = "entro il 31/12/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_12_31}},
	{.text = "entro al 30/11/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_11_30}},
	{.text = "Entro 30/09/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_09_30}},
	{.text = "≤ 31/12/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 1,
	 .dates = {D_2021_12_31}},
	{.text = "< 31/12/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LT,
	 .ndates = 1,
	 .dates = {D_2021_12_31}},
	{.text = "30/06/2021 e 31/12/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 2,
	 .dates = {D_2021_06_30, D_2021_12_31}},
	{.text = "30/06/2021, 31/12/2021;30/11/2021",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 3,
	 .dates = {D_2021_06_30, D_2021_12_31, D_2021_11_30}},
	{.text = "30/06/2021 – 2021-12-31",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 2,
	 .dates = {D_2021_06_30, D_2021_12_31}},
	{.text = "1/1/1970 2/1/1970 3/1/1970 4/1/1970 5/1/1970 6/1/1970 "
		 "7/1/1970 8/1/1970",
	 .kind = TGT_DEADLINE,
	 .op = TGT_LE,
	 .ndates = 8,
	 .dates = {0, 1, 2, 3, 4, 5, 6, 7}},
	TXT("1/1/1970 2/1/1970 3/1/1970 4/1/1970 5/1/1970 6/1/1970 "
	    "7/1/1970 8/1/1970 9/1/1970",
	    TGT_R_TOO_MANY_DATES),
	TXT("≥ 31/12/2021", TGT_R_DATE_SIGN),
	TXT("31/02/2021", TGT_R_BAD_DATE),
	TXT("29/02/2021", TGT_R_BAD_DATE),
	TXT("31/12/21", TGT_R_BAD_DATE),
	TXT("2021-13-01", TGT_R_BAD_DATE),
	TXT("31/12/2021 - 32/12/2021", TGT_R_BAD_DATE),
	TXT("31/12/2021 (delibera)", TGT_R_TRAILING),
	TXT("entro 6 mesi", TGT_R_NOT_A_TARGET),

	/* --- relative --- */
	{.text = "X<=X - 3", .kind = TGT_RELATIVE, .op = TGT_LE, .lag = 3},
	{.text = "x ≥ x\xE2\x88\x92"
		 "1",
	 .kind = TGT_RELATIVE,
	 .op = TGT_GE,
	 .lag = 1},
	TXT("x ≤ x-0", TGT_R_BAD_LAG),
	TXT("x < x-100", TGT_R_BAD_LAG),
	TXT("x ≤ x+1", TGT_R_BAD_OPERAND),

	/* --- ordinal --- */
	{.text = "alto", .kind = TGT_ORDINAL, .op = TGT_ATLEAST, .level = 3},
	{.text = "> basso", .kind = TGT_ORDINAL, .op = TGT_GT, .level = 1},
	{.text = "≤ ALTO", .kind = TGT_ORDINAL, .op = TGT_LE, .level = 3},
	{.text = "≥ al medio", .kind = TGT_ORDINAL, .op = TGT_GE, .level = 2},
	{.text = "Livello ≥ medio",
	 .kind = TGT_ORDINAL,
	 .op = TGT_GE,
	 .level = 2,
	 .name = "Livello"},
	TXT("≥ buono", TGT_R_BAD_OPERAND),
	TXT("a medio", TGT_R_NOT_A_TARGET),
};

static void check_parse_case(const parse_case *pc, arena *a)
{
	target t;
	int rc = target_parse(pc->text, &t, a);
	const char *w = pc->written ? pc->written : pc->text;
	CHECK(rc == (pc->kind == TGT_TEXT ? -1 : 0), pc->text);
	CHECK(t.kind == pc->kind, pc->text);
	CHECK(t.op == pc->op, pc->text);
	CHECK(same_num(t.value, pc->value), pc->text);
	CHECK(t.percent == pc->percent, pc->text);
	CHECK(same_str(t.unit, pc->unit), pc->text);
	CHECK(same_str(t.name, pc->name), pc->text);
	CHECK(t.lag == pc->lag, pc->text);
	CHECK(t.level == pc->level, pc->text);
	CHECK(t.reason == pc->reason, pc->text);
	CHECK(t.ndates == pc->ndates, pc->text);
	for (int k = 0; k < pc->ndates; k++)
		CHECK(t.dates[k] == pc->dates[k], pc->text);
	CHECK(t.text != NULL && strcmp(t.text, w) == 0, pc->text);
}

static void test_parse_table(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 4096);
	for (size_t i = 0; i < ARRAY_LEN(parse_cases); i++)
		check_parse_case(&parse_cases[i], &a);
	arena_free(&a);
}

/* NULL is empty; strings are copies in the arena, not pointers into the
 * caller's buffer. */
static void test_parse_null_and_copies(void **state)
{
	(void)state;
	arena a;
	target t;
	char buf[64];
	arena_init(&a, 256);
	assert_int_equal(target_parse(NULL, &t, &a), 0);
	assert_int_equal(t.kind, TGT_EMPTY);
	assert_string_equal(t.text, "");

	strcpy(buf, " ITP < -10 gg ");
	assert_int_equal(target_parse(buf, &t, &a), 0);
	memset(buf, 'z', sizeof buf - 1);
	buf[sizeof buf - 1] = '\0';
	assert_string_equal(t.text, "ITP < -10 gg");
	assert_string_equal(t.name, "ITP");
	assert_string_equal(t.unit, "gg");
	arena_free(&a);
}

/* Every byte prefix of every table row parses to a consistent result
 * (no crash under ASan, -1 exactly for TGT_TEXT). */
static void test_parse_prefixes(void **state)
{
	(void)state;
	arena a;
	char buf[256];
	arena_init(&a, 1 << 16);
	for (size_t i = 0; i < ARRAY_LEN(parse_cases); i++) {
		size_t len = strlen(parse_cases[i].text);
		assert_true(len < sizeof buf);
		for (size_t k = 0; k <= len; k++) {
			target t;
			measured m;
			memcpy(buf, parse_cases[i].text, k);
			buf[k] = '\0';
			int rc = target_parse(buf, &t, &a);
			CHECK(rc == (t.kind == TGT_TEXT ? -1 : 0), buf);
			CHECK(t.text != NULL, buf);
			CHECK((t.kind == TGT_TEXT) == (t.reason != TGT_R_NONE),
			      buf);
			rc = measured_parse(buf, &m);
			CHECK(rc == (m.kind == VAL_TEXT ? -1 : 0), buf);
		}
		arena_reset(&a);
	}
	arena_free(&a);
}

static void test_custom_scale(void **state)
{
	(void)state;
	static const char *const names[] = {"insufficiente", "sufficiente",
					    "buono", "ottimo"};
	const level_scale sc = {names, 4};
	arena a;
	target t;
	measured m;
	eval_result r;
	arena_init(&a, 256);

	assert_int_equal(target_parse_scale("≥ buono", &sc, &t, &a), 0);
	assert_int_equal(t.kind, TGT_ORDINAL);
	assert_int_equal(t.level, 3);
	assert_int_equal(measured_parse_scale("Ottimo", &sc, &m), 0);
	assert_int_equal(m.kind, VAL_LEVEL);
	assert_int_equal(m.level, 4);
	target_eval(&t, 0, &m, NULL, NULL, &r);
	assert_true(same_num(r.degree, 1.0));
	assert_int_equal(r.verdict, ESITO_RAGGIUNTO);
	assert_int_equal(measured_parse_scale("sufficiente", &sc, &m), 0);
	target_eval(&t, 0, &m, NULL, NULL, &r);
	assert_true(same_num(r.degree, 2.0 / 3.0));
	assert_int_equal(r.verdict, ESITO_PARZIALE);
	/* "medio" is not on this scale, "buono" not on the default one */
	assert_int_equal(measured_parse_scale("medio", &sc, &m), -1);
	assert_int_equal(target_parse("≥ buono", &t, &a), -1);
	assert_int_equal(level_scale_default()->n, 3);
	assert_string_equal(level_scale_default()->names[1], "medio");
	arena_free(&a);
}

static void test_reason_strings(void **state)
{
	(void)state;
	for (int r = TGT_R_NONE; r <= TGT_R_BAD_LAG; r++) {
		const char *s = target_reason_str((tgt_reason)r);
		assert_non_null(s);
		assert_true(strlen(s) > 0);
		assert_string_not_equal(s, "unknown reason");
		for (int q = TGT_R_NONE; q < r; q++)
			assert_string_not_equal(
				s, target_reason_str((tgt_reason)q));
	}
	for (int r = EVAL_R_OK; r <= EVAL_R_MANUAL; r++) {
		const char *s = eval_reason_str((eval_reason)r);
		assert_true(strlen(s) > 0);
		assert_string_not_equal(s, "unknown reason");
		for (int q = EVAL_R_OK; q < r; q++)
			assert_string_not_equal(
				s, eval_reason_str((eval_reason)q));
	}
}

/* ------------------------------------------------------------------ */
/* Measured values                                                    */

typedef struct measured_case {
	const char *text;
	int rc;
	val_kind kind;
	double number;
	int percent;
	int ndates;
	int32_t dates[TARGET_MAX_DATES];
	int level;
} measured_case;

static const measured_case measured_cases[] = {
	{"95,4%", 0, VAL_NUMBER, 95.4, 1, 0, {0}, 0},
	{"95,4 %", 0, VAL_NUMBER, 95.4, 1, 0, {0}, 0},
	{"1,45", 0, VAL_NUMBER, 1.45, 0, 0, {0}, 0},
	{"12", 0, VAL_NUMBER, 12, 0, 0, {0}, 0},
	{"1.000", 0, VAL_NUMBER, 1000, 0, 0, {0}, 0},
	{"1.5", 0, VAL_NUMBER, 1.5, 0, 0, {0}, 0},
	{"-12", 0, VAL_NUMBER, -12, 0, 0, {0}, 0},
	{"0", 0, VAL_NUMBER, 0, 0, 0, {0}, 0},
	{"35 gg", 0, VAL_NUMBER, 35, 0, 0, {0}, 0},
	{" 28/06/2021 ", 0, VAL_DATE, 0, 0, 1, {D_2021_06_28}, 0},
	{"2021-06-28", 0, VAL_DATE, 0, 0, 1, {D_2021_06_28}, 0},
	{"11/01/2021 - 30/06/2021",
	 0,
	 VAL_DATE,
	 0,
	 0,
	 2,
	 {D_2021_01_11, D_2021_06_30},
	 0},
	{"medio", 0, VAL_LEVEL, 0, 0, 0, {0}, 2},
	{"Alto", 0, VAL_LEVEL, 0, 0, 0, {0}, 3},
	{"BASSO ", 0, VAL_LEVEL, 0, 0, 0, {0}, 1},
	{"", 0, VAL_NONE, 0, 0, 0, {0}, 0},
	{"   ", 0, VAL_NONE, 0, 0, 0, {0}, 0},
	{"n.d.", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
	{"fatto", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
	{"a medio", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
	{"≥ 90%", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
	{"31/02/2021", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
	{"28/06/2021 circa", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
	{"1.000.5", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
	{"12 (stima)", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
	{"1234567890123456", -1, VAL_TEXT, 0, 0, 0, {0}, 0},
};

static void test_measured_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(measured_cases); i++) {
		const measured_case *mc = &measured_cases[i];
		measured m;
		memset(&m, 0x5A, sizeof m);
		int rc = measured_parse(mc->text, &m);
		CHECK(rc == mc->rc, mc->text);
		CHECK(m.kind == mc->kind, mc->text);
		CHECK(same_num(m.number, mc->number), mc->text);
		CHECK(m.percent == mc->percent, mc->text);
		CHECK(m.ndates == mc->ndates, mc->text);
		for (int k = 0; k < mc->ndates; k++)
			CHECK(m.dates[k] == mc->dates[k], mc->text);
		CHECK(m.date == (mc->ndates ? mc->dates[mc->ndates - 1] : 0),
		      mc->text);
		CHECK(m.level == mc->level, mc->text);
	}
	measured m;
	assert_int_equal(measured_parse(NULL, &m), 0);
	assert_int_equal(m.kind, VAL_NONE);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                         */

enum { R_DEF, R_OVER, R_GRACE5, R_FULL95, R_CAP3, R_LATE30, R_ZTOL };

static eval_rules rules_for(int which)
{
	eval_rules r = eval_rules_default();
	if (which == R_OVER)
		r.allow_over = 1;
	if (which == R_GRACE5)
		r.grace_days = 5;
	if (which == R_FULL95) {
		r.full = 0.95;
		r.partial = 0.5;
	}
	if (which == R_CAP3) {
		r.allow_over = 1;
		r.cap = 3;
	}
	if (which == R_LATE30)
		r.late_days = 30;
	if (which == R_ZTOL)
		r.zero_tol = 0.5;
	return r;
}

#define CRESC 0
#define DECR  1
#define NV    NAN

typedef struct eval_case {
	const char *target;
	int decreasing;
	const char *value;    /* NULL: no value */
	const char *previous; /* NULL: none */
	int rules;
	double degree; /* NAN: not evaluable */
	esito verdict;
	eval_reason reason;
	unsigned notes;
} eval_case;

#define RAG ESITO_RAGGIUNTO
#define PAR ESITO_PARZIALE
#define NON ESITO_NON_RAGGIUNTO
#define NVA ESITO_NON_VALUTABILE
#define OK  EVAL_R_OK

static const eval_case eval_cases[] = {
	/* comparison at least: met, partly met, missed, exact threshold */
	{"≥ 90%", CRESC, "95,4%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≥ 90%", CRESC, "72%", NULL, R_DEF, 0.8, PAR, OK, 0},
	{"≥ 90%", CRESC, "45%", NULL, R_DEF, 0.5, NON, OK, 0},
	{"≥ 90%", CRESC, "90%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≥ 90%", CRESC, "54%", NULL, R_DEF, 0.6, PAR, OK, 0},
	{">= 90%", CRESC, "89,9%", NULL, R_DEF, 89.9 / 90, PAR, OK, 0},
	{"≥= 80%", CRESC, "100%", NULL, R_DEF, 1.0, RAG, OK, 0},
	/* strict: not met at the threshold, capped below 100% */
	{"> 90%", CRESC, "90%", NULL, R_DEF, 0.999, PAR, OK, 0},
	{"> 90%", CRESC, "90,1%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"> 90%", CRESC, "30%", NULL, R_DEF, 1.0 / 3, NON, OK, 0},
	{">90", CRESC, "95", NULL, R_DEF, 1.0, RAG, OK, 0},
	{">=2", CRESC, "1", NULL, R_DEF, 0.5, NON, OK, 0},
	{"> 3,5", CRESC, "3,5", NULL, R_DEF, 0.999, PAR, OK, 0},
	{"> 3,5", CRESC, "3,6", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≥ 3,5", CRESC, "3,5", NULL, R_DEF, 1.0, RAG, OK, 0},
	/* at most */
	{"< 20%", CRESC, "19%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"< 20%", CRESC, "20%", NULL, R_DEF, 0.999, PAR, OK, 0},
	{"< 20%", CRESC, "25%", NULL, R_DEF, 0.8, PAR, OK, 0},
	{"< 20%", CRESC, "40%", NULL, R_DEF, 0.5, NON, OK, 0},
	{"<= 40 gg", CRESC, "40", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"<= 40 gg", CRESC, "50", NULL, R_DEF, 0.8, PAR, OK, 0},
	{"<= 40 gg", CRESC, "100 gg", NULL, R_DEF, 0.4, NON, OK, 0},
	{"<= 40 gg", CRESC, "0", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≤ 5%", CRESC, "0%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≤ 5%", CRESC, "6%", NULL, R_DEF, 5.0 / 6, PAR, OK, 0},
	{"< 2", CRESC, "1,45", NULL, R_DEF, 1.0, RAG, OK, 0},
	/* equal */
	{"= 100%", CRESC, "100%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"= 100%", CRESC, "80%", NULL, R_DEF, 0.8, PAR, OK, 0},
	{"= 3", CRESC, "4", NULL, R_DEF, 0.75, PAR, OK, 0},
	{"= 3", CRESC, "1", NULL, R_DEF, 1.0 / 3, NON, OK, 0},
	{"= 0", CRESC, "0", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"= 0", CRESC, "1", NULL, R_DEF, 0.0, NON, OK, 0},
	/* bare values: polarity decides */
	{"100%", CRESC, "100%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"100%", CRESC, "95%", NULL, R_DEF, 0.95, PAR, OK, 0},
	{"100%", CRESC, "50%", NULL, R_DEF, 0.5, NON, OK, 0},
	{"10 immissioni", CRESC, "12", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"10 immissioni", CRESC, "7", NULL, R_DEF, 0.7, PAR, OK, 0},
	{"10 immissioni", CRESC, "5", NULL, R_DEF, 0.5, NON, OK, 0},
	{"1,45", CRESC, "1,2", NULL, R_DEF, 1.2 / 1.45, PAR, OK, 0},
	{"1,45", DECR, "1,2", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"1,45", DECR, "1,45", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"1,45", DECR, "1,6", NULL, R_DEF, 1.45 / 1.6, PAR, OK, 0},
	{"1,45", DECR, "2,9", NULL, R_DEF, 0.5, NON, OK, 0},
	{"25", DECR, "20", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"0,00", DECR, "0", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"0,00", DECR, "2", NULL, R_DEF, 0.0, NON, OK, 0},
	{"0%", DECR, "0%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"0%", DECR, "3%", NULL, R_DEF, 0.0, NON, OK, 0},
	{"1", CRESC, "1", NULL, R_DEF, 1.0, RAG, OK, 0},
	/* an explicit sign wins over polarity */
	{"≥ 90%", DECR, "95%", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"< 20%", CRESC, "10%", NULL, R_DEF, 1.0, RAG, OK, 0},
	/* over-achievement */
	{"≥ 90%", CRESC, "99%", NULL, R_OVER, 1.1, RAG, OK, 0},
	{"≥ 90%", CRESC, "80%", NULL, R_OVER, 80.0 / 90, PAR, OK, 0},
	{"10 immissioni", CRESC, "12", NULL, R_OVER, 1.2, RAG, OK, 0},
	{"< 20%", CRESC, "10%", NULL, R_OVER, 1.2, RAG, OK, 0}, /* cap */
	{"< 20%", CRESC, "10%", NULL, R_CAP3, 2.0, RAG, OK, 0},
	{"10 immissioni", CRESC, "40", NULL, R_CAP3, 3.0, RAG, OK, 0},
	/* late deadlines on a linear scale */
	{"30/06/2021", CRESC, "15/07/2021", NULL, R_LATE30, 0.5, NON, OK, 0},
	{"30/06/2021", CRESC, "01/07/2021", NULL, R_LATE30, 29.0 / 30, PAR, OK,
	 0},
	{"30/06/2021", CRESC, "30/08/2021", NULL, R_LATE30, 0.0, NON, OK, 0},
	{"30/06/2021", CRESC, "30/06/2021", NULL, R_LATE30, 1.0, RAG, OK, 0},
	/* a target of 0 with a tolerance */
	{"0,00", DECR, "0,4", NULL, R_ZTOL, 1.0, RAG, OK, 0},
	{"0,00", DECR, "0,6", NULL, R_ZTOL, 0.0, NON, OK, 0},
	{"= 0", CRESC, "-0,2", NULL, R_ZTOL, 1.0, RAG, OK, 0},
	{"<= 40 gg", CRESC, "0", NULL, R_OVER, 1.0, RAG, OK, 0},
	{"= 3", CRESC, "3", NULL, R_OVER, 1.0, RAG, OK, 0},
	/* other thresholds */
	{"≥ 90%", CRESC, "86%", NULL, R_FULL95, 86.0 / 90, RAG, OK, 0},
	{"≥ 90%", CRESC, "45%", NULL, R_FULL95, 0.5, PAR, OK, 0},
	{"≥ 90%", CRESC, "44%", NULL, R_FULL95, 44.0 / 90, NON, OK, 0},
	/* percent and plain values */
	{"≥ 90%", CRESC, "0,95", NULL, R_DEF, 1.0, RAG, OK,
	 EVAL_NOTE_RATIO_AS_PERCENT},
	{"≥ 90%", CRESC, "0,72", NULL, R_DEF, 0.8, PAR, OK,
	 EVAL_NOTE_RATIO_AS_PERCENT},
	{"100%", CRESC, "1", NULL, R_DEF, 1.0, RAG, OK,
	 EVAL_NOTE_RATIO_AS_PERCENT},
	{"≥ 90%", CRESC, "95", NULL, R_DEF, 1.0, RAG, OK,
	 EVAL_NOTE_NUMBER_AS_PERCENT},
	{"≥ 90%", CRESC, "72", NULL, R_DEF, 0.8, PAR, OK,
	 EVAL_NOTE_NUMBER_AS_PERCENT},
	{"≥1", CRESC, "105%", NULL, R_DEF, 1.0, RAG, OK,
	 EVAL_NOTE_PERCENT_AS_RATIO},
	{"≥1", CRESC, "80%", NULL, R_DEF, 0.8, PAR, OK,
	 EVAL_NOTE_PERCENT_AS_RATIO},
	{"0%", DECR, "0", NULL, R_DEF, 1.0, RAG, OK, 0},
	/* ratio "anno x / anno x-1": the caller gives the ratio */
	{"≥1", CRESC, "1,1", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≥1", CRESC, "0,9", NULL, R_DEF, 0.9, PAR, OK, 0},
	{"≥1", CRESC, "0,5", NULL, R_DEF, 0.5, NON, OK, 0},
	{"> 1,2", CRESC, "1,2", NULL, R_DEF, 0.999, PAR, OK, 0},
	{"> 1,2", CRESC, "1,3", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"<1", CRESC, "0,98", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"<1", CRESC, "1,25", NULL, R_DEF, 0.8, PAR, OK, 0},
	/* negative and zero thresholds: binary */
	{"ITP < -10", CRESC, "-12", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"ITP < -10", CRESC, "-10", NULL, R_DEF, 0.0, NON, OK, 0},
	{"ITP < -10", CRESC, "-5", NULL, R_DEF, 0.0, NON, OK, 0},
	{"ITP < -10", CRESC, "3", NULL, R_DEF, 0.0, NON, OK, 0},
	{"ITP < -10", CRESC, "-12", NULL, R_OVER, 1.0, RAG, OK, 0},
	{"-3", DECR, "-4", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≥ 0", CRESC, "0", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≥ 0", CRESC, "-1", NULL, R_DEF, 0.0, NON, OK, 0},
	{"≥ 5", CRESC, "-1", NULL, R_DEF, 0.0, NON, OK, 0},
	/* deadlines */
	{"31/12/2021", CRESC, "28/06/2021", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"31/12/2021", CRESC, "31/12/2021", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"31/12/2021", CRESC, "01/01/2022", NULL, R_DEF, 0.0, NON, OK, 0},
	{"31/12/2021", CRESC, "05/01/2022", NULL, R_GRACE5, 1.0, RAG, OK, 0},
	{"31/12/2021", CRESC, "06/01/2022", NULL, R_GRACE5, 0.0, NON, OK, 0},
	{"2021-12-31", DECR, "2021-12-30", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"< 31/12/2021", CRESC, "31/12/2021", NULL, R_DEF, 0.0, NON, OK, 0},
	{"< 31/12/2021", CRESC, "30/12/2021", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"11/01/2021 - 30/06/2021 - 10/09/2021 - 11/12/2021", CRESC,
	 "10/01/2021 - 29/06/2021 - 10/09/2021 - 11/12/2021", NULL, R_DEF, 1.0,
	 RAG, OK, 0},
	{"11/01/2021 - 30/06/2021 - 10/09/2021 - 11/12/2021", CRESC,
	 "10/01/2021 - 29/06/2021 - 15/09/2021 - 11/12/2021", NULL, R_DEF, 0.75,
	 PAR, OK, 0},
	{"11/01/2021 - 30/06/2021 - 10/09/2021 - 11/12/2021", CRESC,
	 "10/01/2021 - 29/06/2021 - 15/09/2021 - 11/12/2021", NULL, R_GRACE5,
	 1.0, RAG, OK, 0},
	{"11/01/2021 - 30/06/2021 - 10/09/2021 - 11/12/2021", CRESC,
	 "20/01/2021 - 29/07/2021 - 15/09/2021 - 11/12/2021", NULL, R_DEF, 0.25,
	 NON, OK, 0},
	{"11/01/2021 - 30/06/2021 - 10/09/2021 - 11/12/2021", CRESC,
	 "10/01/2021 - 29/06/2021", NULL, R_DEF, 0.5, NON, OK,
	 EVAL_NOTE_MISSING_DATES},
	{"11/01/2021 - 30/06/2021 - 10/09/2021 - 11/12/2021", CRESC,
	 "11/12/2021", NULL, R_DEF, 1.0, RAG, OK, EVAL_NOTE_LAST_DEADLINE_ONLY},
	{"11/01/2021 - 30/06/2021 - 10/09/2021 - 11/12/2021", CRESC,
	 "12/12/2021", NULL, R_DEF, 0.0, NON, OK, EVAL_NOTE_LAST_DEADLINE_ONLY},
	{"11/01/2021 - 30/06/2021", CRESC,
	 "10/01/2021 - 29/06/2021 - 10/09/2021", NULL, R_DEF, 1.0, RAG, OK,
	 EVAL_NOTE_EXTRA_DATES},
	{"31/12/2021", CRESC, "30/06/2021 - 05/01/2022", NULL, R_DEF, 1.0, RAG,
	 OK, EVAL_NOTE_EXTRA_DATES},
	/* relative */
	{"x ≤ x-1", CRESC, "10", "10", R_DEF, 1.0, RAG, OK, 0},
	{"x ≤ x-1", CRESC, "9", "10", R_DEF, 1.0, RAG, OK, 0},
	{"x ≤ x-1", CRESC, "11", "10", R_DEF, 10.0 / 11, PAR, OK, 0},
	{"x ≤ x-1", CRESC, "25", "10", R_DEF, 0.4, NON, OK, 0},
	{"x ≤ x-1", CRESC, "5", "10", R_OVER, 1.2, RAG, OK, 0},
	{"x ≤ x-1", CRESC, "5", "10", R_CAP3, 2.0, RAG, OK, 0},
	{"x < x-2", CRESC, "10", "10", R_DEF, 0.999, PAR, OK, 0},
	{"x < x-2", CRESC, "9,5", "10", R_DEF, 1.0, RAG, OK, 0},
	{"x < x-2", DECR, "20", "10", R_DEF, 0.5, NON, OK, 0},
	{"x ≥ x-1", CRESC, "12%", "0,15", R_DEF, 0.8, PAR, OK,
	 EVAL_NOTE_PERCENT_AS_RATIO},
	{"x ≤ x-1", CRESC, "12%", "0,15", R_DEF, 1.0, RAG, OK,
	 EVAL_NOTE_PERCENT_AS_RATIO},
	{"x ≤ x-1", CRESC, "12%", "15%", R_DEF, 1.0, RAG, OK, 0},
	{"x ≥ x-1", CRESC, "0,12", "15%", R_DEF, 0.8, PAR, OK,
	 EVAL_NOTE_PERCENT_AS_RATIO},
	{"x ≤ x-1", CRESC, "10", NULL, R_DEF, NV, NVA, EVAL_R_NO_PREVIOUS, 0},
	{"x ≤ x-1", CRESC, "10", "", R_DEF, NV, NVA, EVAL_R_NO_PREVIOUS, 0},
	{"x ≤ x-1", CRESC, "10", "n.d.", R_DEF, NV, NVA, EVAL_R_NO_PREVIOUS, 0},
	{"x ≤ x-1", CRESC, "10", "medio", R_DEF, NV, NVA, EVAL_R_KIND_MISMATCH,
	 0},
	{"x ≤ x-1", CRESC, "medio", "10", R_DEF, NV, NVA, EVAL_R_KIND_MISMATCH,
	 0},
	{"x ≤ x-1", CRESC, NULL, "10", R_DEF, NV, NVA, EVAL_R_NO_VALUE, 0},
	/* ordinal */
	{"≥ a medio", CRESC, "medio", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≥ a medio", CRESC, "alto", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≥ a medio", CRESC, "basso", NULL, R_DEF, 0.5, NON, OK, 0},
	{"≥ a medio", CRESC, "alto", NULL, R_CAP3, 1.5, RAG, OK, 0},
	{"≥ a medio", CRESC, "alto", NULL, R_OVER, 1.2, RAG, OK, 0},
	{"≥Medio", CRESC, "Alto", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"> medio", CRESC, "medio", NULL, R_DEF, 0.999, PAR, OK, 0},
	{"≥ alto", CRESC, "medio", NULL, R_DEF, 2.0 / 3, PAR, OK, 0},
	{"medio", DECR, "alto", NULL, R_DEF, 2.0 / 3, PAR, OK, 0},
	{"medio", DECR, "basso", NULL, R_DEF, 1.0, RAG, OK, 0},
	{"≤ medio", CRESC, "basso", NULL, R_DEF, 1.0, RAG, OK, 0},
	/* not evaluable */
	{"", CRESC, "12", NULL, R_DEF, NV, NVA, EVAL_R_NO_TARGET, 0},
	{"Anno di rilevazione", CRESC, "12", NULL, R_DEF, NV, NVA,
	 EVAL_R_BASELINE, 0},
	{"Anno rilevazione", CRESC, NULL, NULL, R_DEF, NV, NVA, EVAL_R_BASELINE,
	 0},
	{"Conclusione entro 6 mesi dalla prova scritta", CRESC, "fatto", NULL,
	 R_DEF, NV, NVA, EVAL_R_TEXT_TARGET, 0},
	{"≥ media cluster", CRESC, "0,8", NULL, R_DEF, NV, NVA,
	 EVAL_R_TEXT_TARGET, 0},
	{"≥ 90%", CRESC, NULL, NULL, R_DEF, NV, NVA, EVAL_R_NO_VALUE, 0},
	{"≥ 90%", CRESC, "", NULL, R_DEF, NV, NVA, EVAL_R_NO_VALUE, 0},
	{"≥ 90%", CRESC, "n.d.", NULL, R_DEF, NV, NVA, EVAL_R_BAD_VALUE, 0},
	{"≥ 90%", CRESC, "28/06/2021", NULL, R_DEF, NV, NVA,
	 EVAL_R_KIND_MISMATCH, 0},
	{"≥ 90%", CRESC, "medio", NULL, R_DEF, NV, NVA, EVAL_R_KIND_MISMATCH,
	 0},
	{"31/12/2021", CRESC, "100%", NULL, R_DEF, NV, NVA,
	 EVAL_R_KIND_MISMATCH, 0},
	{"≥ a medio", CRESC, "3,5", NULL, R_DEF, NV, NVA, EVAL_R_KIND_MISMATCH,
	 0},
};

static void eval_row(const char *tgt, int decreasing, const char *value,
		     const char *previous, int rules, eval_result *r, arena *a)
{
	target t;
	measured v, p;
	eval_rules rl = rules_for(rules);
	target_parse(tgt, &t, a);
	if (value)
		measured_parse(value, &v);
	if (previous)
		measured_parse(previous, &p);
	memset(r, 0x5A, sizeof *r);
	target_eval(&t, decreasing, value ? &v : NULL, previous ? &p : NULL,
		    &rl, r);
}

static void test_eval_table(void **state)
{
	(void)state;
	arena a;
	char what[256];
	arena_init(&a, 4096);
	for (size_t i = 0; i < ARRAY_LEN(eval_cases); i++) {
		const eval_case *ec = &eval_cases[i];
		eval_result r;
		snprintf(what, sizeof what, "%s | %s | %s | %s | rules %d",
			 ec->target, ec->decreasing ? "decr" : "cresc",
			 ec->value ? ec->value : "(none)",
			 ec->previous ? ec->previous : "(none)", ec->rules);
		eval_row(ec->target, ec->decreasing, ec->value, ec->previous,
			 ec->rules, &r, &a);
		if (isnan(ec->degree))
			CHECK(isnan(r.degree), what);
		else
			CHECK(!isnan(r.degree) &&
				      fabs(r.degree - ec->degree) < 1e-9,
			      what);
		CHECK(r.verdict == ec->verdict, what);
		CHECK(r.reason == ec->reason, what);
		CHECK(r.notes == ec->notes, what);
		CHECK(r.overridden == 0, what);
	}
	arena_free(&a);
}

/* NULL rules mean the defaults. */
static void test_eval_default_rules(void **state)
{
	(void)state;
	arena a;
	target t;
	measured v;
	eval_result r;
	arena_init(&a, 256);
	eval_rules d = eval_rules_default();
	assert_true(d.full == 1.0 && d.partial == 0.6);
	assert_int_equal(d.allow_over, 0);
	assert_int_equal(d.grace_days, 0);
	target_parse("≥ 90%", &t, &a);
	measured_parse("99%", &v);
	target_eval(&t, 0, &v, NULL, NULL, &r);
	assert_true(r.degree == 1.0);
	assert_int_equal(r.verdict, ESITO_RAGGIUNTO);
	/* a date given only as .date (ndates 0) is used */
	target_parse("31/12/2021", &t, &a);
	memset(&v, 0, sizeof v);
	v.kind = VAL_DATE;
	v.date = D_2021_12_30;
	target_eval(&t, 0, &v, NULL, NULL, &r);
	assert_true(r.degree == 1.0);
	arena_free(&a);
}

typedef struct verdict_case {
	double degree;
	int rules;
	esito verdict;
} verdict_case;

static const verdict_case verdict_cases[] = {
	{1.0, R_DEF, ESITO_RAGGIUNTO},
	{1.5, R_DEF, ESITO_RAGGIUNTO},
	{0.9999999999, R_DEF, ESITO_RAGGIUNTO}, /* within 1e-9 */
	/* rounded as printed first: 99,95% prints 100,0% */
	{0.9995, R_DEF, ESITO_RAGGIUNTO},
	{0.99949, R_DEF, ESITO_PARZIALE},
	{0.999, R_DEF, ESITO_PARZIALE},
	{0.6, R_DEF, ESITO_PARZIALE},
	{0.5999999999, R_DEF, ESITO_PARZIALE},
	{0.59951, R_DEF, ESITO_PARZIALE}, /* prints 60,0% */
	{0.5994, R_DEF, ESITO_NON_RAGGIUNTO},
	{0.599, R_DEF, ESITO_NON_RAGGIUNTO},
	{0.0, R_DEF, ESITO_NON_RAGGIUNTO},
	{0.95, R_FULL95, ESITO_RAGGIUNTO},
	{0.94, R_FULL95, ESITO_PARZIALE},
	{0.5, R_FULL95, ESITO_PARZIALE},
	{0.49, R_FULL95, ESITO_NON_RAGGIUNTO},
	{NAN, R_DEF, ESITO_NON_VALUTABILE},
};

static void test_esito_from_degree(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(verdict_cases); i++) {
		eval_rules r = rules_for(verdict_cases[i].rules);
		assert_int_equal(esito_from_degree(verdict_cases[i].degree, &r),
				 verdict_cases[i].verdict);
	}
	assert_int_equal(esito_from_degree(0.6, NULL), ESITO_PARZIALE);
	assert_int_equal(esito_from_degree(0.59, NULL), ESITO_NON_RAGGIUNTO);
}

/* ------------------------------------------------------------------ */
/* Manual esito                                                       */

typedef struct override_case {
	const char *target;
	const char *value;
	int rules;
	esito manual;
	double degree;
	eval_reason reason;
} override_case;

static const override_case override_cases[] = {
	/* computed degree outside the band: the band's nearest edge */
	{"≥ 90%", "72%", R_DEF, ESITO_RAGGIUNTO, 1.0, OK},
	{"≥ 90%", "45%", R_DEF, ESITO_PARZIALE, 0.6, OK},
	{"≥ 90%", "95%", R_DEF, ESITO_PARZIALE, 0.999, OK},
	{"≥ 90%", "95%", R_DEF, ESITO_NON_RAGGIUNTO, 0.599, OK},
	{"≥ 95%", "92,53%", R_DEF, ESITO_NON_RAGGIUNTO, 0.599, OK},
	{"≥ 90%", "45%", R_FULL95, ESITO_PARZIALE, 0.5, OK},
	{"≥ 90%", "45%", R_FULL95, ESITO_RAGGIUNTO, 0.95, OK},
	/* computed degree inside the band: kept */
	{"≥ 90%", "72%", R_DEF, ESITO_PARZIALE, 0.8, OK},
	{"≥ 90%", "45%", R_DEF, ESITO_NON_RAGGIUNTO, 0.5, OK},
	{"≥ 90%", "99%", R_OVER, ESITO_RAGGIUNTO, 1.1, OK},
	/* nothing computed */
	{"Conclusione entro 6 mesi dalla prova scritta", NULL, R_DEF,
	 ESITO_RAGGIUNTO, 1.0, OK},
	{"Conclusione entro 6 mesi dalla prova scritta", "fatto", R_DEF,
	 ESITO_PARZIALE, 0.6, OK},
	{"Conclusione entro 6 mesi dalla prova scritta", NULL, R_DEF,
	 ESITO_NON_RAGGIUNTO, 0.0, OK},
	{"Anno di rilevazione", "12", R_DEF, ESITO_RAGGIUNTO, 1.0, OK},
	/* manual non valutabile drops the degree */
	{"≥ 90%", "95%", R_DEF, ESITO_NON_VALUTABILE, NAN, EVAL_R_MANUAL},
	{"x ≤ x-1", "10", R_DEF, ESITO_NON_VALUTABILE, NAN, EVAL_R_MANUAL},
};

static void test_override_table(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 1024);
	for (size_t i = 0; i < ARRAY_LEN(override_cases); i++) {
		const override_case *oc = &override_cases[i];
		eval_rules rl = rules_for(oc->rules);
		eval_result r;
		eval_row(oc->target, 0, oc->value, NULL, oc->rules, &r, &a);
		unsigned notes = r.notes;
		double before = r.degree;
		esito before_v = r.verdict;
		eval_override(&r, oc->manual, &rl);
		/* The computed result is kept beside the override. */
		CHECK(isnan(before) ? isnan(r.computed) : r.computed == before,
		      oc->target);
		CHECK(r.computed_verdict == before_v, oc->target);
		CHECK(r.overridden == 1, oc->target);
		CHECK(r.verdict == oc->manual, oc->target);
		CHECK(r.reason == oc->reason, oc->target);
		CHECK(r.notes == notes, oc->target);
		if (isnan(oc->degree))
			CHECK(isnan(r.degree), oc->target);
		else
			CHECK(fabs(r.degree - oc->degree) < 1e-9, oc->target);
	}
	/* NULL rules: defaults */
	eval_result r = {.degree = NAN,
			 .verdict = ESITO_NON_VALUTABILE,
			 .reason = EVAL_R_TEXT_TARGET};
	eval_override(&r, ESITO_PARZIALE, NULL);
	assert_true(r.degree == 0.6);
	arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* esito keywords                                                     */

typedef struct esito_case {
	const char *text;
	int rc;
	esito e;
} esito_case;

static const esito_case esito_cases[] = {
	{"raggiunto", 0, ESITO_RAGGIUNTO},
	{"Raggiunto", 0, ESITO_RAGGIUNTO},
	{" PARZIALMENTE   RAGGIUNTO ", 0, ESITO_PARZIALE},
	{"parzialmente raggiunto", 0, ESITO_PARZIALE},
	{"non raggiunto", 0, ESITO_NON_RAGGIUNTO},
	{"Nòn Raggiùnto", 0, ESITO_NON_RAGGIUNTO},
	{"Non Valutabile", 0, ESITO_NON_VALUTABILE},
	{"non\tvalutàbile", 0, ESITO_NON_VALUTABILE},
	{"", -1, 0},
	{"raggiunta", -1, 0},
	{"parzialmente", -1, 0},
	{"n.v.", -1, 0},
	{"non raggiunto!", -1, 0},
};

static void test_esito_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(esito_cases); i++) {
		esito e = (esito)77;
		int rc = esito_parse(esito_cases[i].text, &e);
		CHECK(rc == esito_cases[i].rc, esito_cases[i].text);
		if (rc == 0)
			CHECK(e == esito_cases[i].e, esito_cases[i].text);
		else
			CHECK(e == (esito)77, esito_cases[i].text);
	}
	esito e = ESITO_PARZIALE;
	assert_int_equal(esito_parse(NULL, &e), -1);
	assert_int_equal(e, ESITO_PARZIALE);
	/* keywords round-trip */
	for (int k = ESITO_NON_VALUTABILE; k <= ESITO_RAGGIUNTO; k++) {
		assert_int_equal(esito_parse(esito_keyword((esito)k), &e), 0);
		assert_int_equal(e, k);
	}
	assert_string_equal(esito_keyword(ESITO_PARZIALE),
			    "parzialmente raggiunto");
	assert_string_equal(esito_keyword((esito)9), "");
	/* ordered by achievement; zero is non valutabile */
	assert_int_equal(ESITO_NON_VALUTABILE, 0);
	assert_true(ESITO_NON_RAGGIUNTO < ESITO_PARZIALE &&
		    ESITO_PARZIALE < ESITO_RAGGIUNTO);
}

/* ------------------------------------------------------------------ */
/* Roll-up                                                            */

static void test_rollup(void **state)
{
	(void)state;
	int n = -1;
	const double d1[] = {1.0, 0.5};
	const double w1[] = {1.0, 3.0};
	assert_true(same_num(rollup_weighted(d1, w1, 2, &n), 0.625));
	assert_int_equal(n, 2);

	const double d2[] = {1.0, NAN, 0.5};
	const double w2[] = {1.0, 100.0, 3.0};
	assert_true(same_num(rollup_weighted(d2, w2, 3, &n), 0.625));
	assert_int_equal(n, 2);

	assert_true(same_num(rollup_weighted(d2, NULL, 3, &n), 0.75));
	assert_int_equal(n, 2);

	const double d3[] = {NAN, NAN};
	assert_true(isnan(rollup_weighted(d3, w1, 2, &n)));
	assert_int_equal(n, 0);
	n = -1;
	assert_true(isnan(rollup_weighted(d3, NULL, 0, &n)));
	assert_int_equal(n, 0);

	/* weights that are not positive and finite are skipped */
	const double d4[] = {1.0, 0.2, 0.4, 0.0};
	const double w4[] = {1.0, 0.0, -1.0, INFINITY};
	assert_true(same_num(rollup_weighted(d4, w4, 4, &n), 1.0));
	assert_int_equal(n, 1);
	const double w5[] = {0.0, NAN};
	assert_true(isnan(rollup_weighted(d1, w5, 2, &n)));
	assert_int_equal(n, 0);

	/* over-achievement is averaged as given */
	const double d6[] = {1.2, 0.6};
	assert_true(same_num(rollup_weighted(d6, NULL, 2, NULL), 0.9));
}

/* ------------------------------------------------------------------ */
/* Degree formatting                                                  */

typedef struct format_case {
	double d;
	const char *out;
} format_case;

static const format_case format_cases[] = {
	{1.0, "100,0%"},
	{0.954, "95,4%"},
	{0.9545, "95,5%"}, /* half up, despite 0.9545 being below in binary */
	{0.95449, "95,4%"},
	{83.835 / 90, "93,2%"}, /* 931.4999999999999 tenths: still half up */
	{0.945 / 90, "1,1%"},
	{0.8, "80,0%"},
	{0.6, "60,0%"},
	{54.0 / 90, "60,0%"},
	{2.0 / 3, "66,7%"},
	{1.0 / 3, "33,3%"},
	{0.999, "99,9%"},
	{0.9995, "100,0%"},
	{0.0, "0,0%"},
	{0.00049, "0,0%"},
	{0.0005, "0,1%"},
	{-0.0001, "0,0%"},
	{-0.5, "-50,0%"},
	{1.2, "120,0%"},
	{12.345, "1.234,5%"},
	{12345.678, "1.234.567,8%"},
	{NAN, ""},
	{INFINITY, ""},
};

static void test_degree_format(void **state)
{
	(void)state;
	char out[32];
	for (size_t i = 0; i < ARRAY_LEN(format_cases); i++) {
		memset(out, 'z', sizeof out);
		degree_format(format_cases[i].d, out, sizeof out);
		CHECK(strcmp(out, format_cases[i].out) == 0,
		      format_cases[i].out);
	}
	/* truncation keeps the NUL; n = 0 writes nothing */
	memset(out, 'z', sizeof out);
	degree_format(0.954, out, 4);
	assert_string_equal(out, "95,");
	out[0] = 'q';
	degree_format(0.954, out, 0);
	assert_int_equal(out[0], 'q');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_null_and_copies),
		cmocka_unit_test(test_parse_prefixes),
		cmocka_unit_test(test_custom_scale),
		cmocka_unit_test(test_reason_strings),
		cmocka_unit_test(test_measured_table),
		cmocka_unit_test(test_eval_table),
		cmocka_unit_test(test_eval_default_rules),
		cmocka_unit_test(test_esito_from_degree),
		cmocka_unit_test(test_override_table),
		cmocka_unit_test(test_esito_parse),
		cmocka_unit_test(test_rollup),
		cmocka_unit_test(test_degree_format),
	};
	return cmocka_run_group_tests_name("target", tests, NULL, NULL);
}
