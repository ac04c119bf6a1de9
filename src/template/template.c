/*
 * template.c - reading templates/NAME.ini (see template.h).
 *
 * Every key is asked for through get(), which records its name (for the
 * "did you mean" of unknown keys) and returns the template's value or the
 * built-in default.  The defaults are the look of All. 1.1, so the
 * shipped templates stay short.  Paths in [fonts] are relative to the
 * template's folder.
 */
#include "template.h"
#include "phrase.h"
#include "../data/ini.h"
#include "../util/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
	tpl *t;
	ini_doc *ini;
	diag *d;
	const char *known[512];
	int nknown;
	int line; /* line of the last value read, 0 for a default */
} reader;

static const char *get(reader *R, const char *key, const char *def)
{
	if (R->nknown < (int)(sizeof R->known / sizeof R->known[0]))
		R->known[R->nknown++] = arena_strdup(&R->t->a, key);
	const char *v = ini_get(R->ini, key, &R->line);
	if (!v) {
		R->line = 0;
		return def;
	}
	size_t n;
	v = text_trim(v, &n);
	return arena_strndup(&R->t->a, v, n);
}

static void bad(reader *R, const char *key, const char *v, const char *what)
{
	diag_error(R->d, R->ini->name, R->line, "%s = '%s': %s", key, v, what);
}

/* A length: a number with an optional unit pt, mm, cm, in (default pt). */
static float get_len(reader *R, const char *key, const char *def)
{
	const char *v = get(R, key, def);
	char *end;
	double x = strtod(v, &end);
	while (*end == ' ')
		end++;
	double k = 1;
	if (!strcmp(end, "mm"))
		k = 72.0 / 25.4;
	else if (!strcmp(end, "cm"))
		k = 72.0 / 2.54;
	else if (!strcmp(end, "in"))
		k = 72.0;
	else if (*end && strcmp(end, "pt") != 0)
		x = -1;
	if (end == v || x < 0 || x > 2000) {
		bad(R, key, v, "expected a length such as 12pt or 15mm");
		return 0;
	}
	return (float)(x * k);
}

static float get_num(reader *R, const char *key, const char *def, float lo,
		     float hi)
{
	const char *v = get(R, key, def);
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end || x < lo || x > hi) {
		char what[96];
		snprintf(what, sizeof what, "expected a number from %g to %g",
			 (double)lo, (double)hi);
		bad(R, key, v, what);
		return lo;
	}
	return (float)x;
}

static int parse_color(const char *v, uint32_t *out)
{
	if (*v == '#')
		v++;
	if (strlen(v) != 6)
		return -1;
	char *end;
	unsigned long c = strtoul(v, &end, 16);
	if (*end)
		return -1;
	*out = (uint32_t)c;
	return 0;
}

static uint32_t get_color(reader *R, const char *key, const char *def)
{
	const char *v = get(R, key, def);
	uint32_t c = 0;
	if (parse_color(v, &c) != 0)
		bad(R, key, v, "expected a colour as six hex digits (1F3864)");
	return c;
}

static int get_enum(reader *R, const char *key, const char *def,
		    const char *const *names, int n)
{
	const char *v = get(R, key, def);
	for (int i = 0; i < n; i++)
		if (text_eq_fold(v, names[i]))
			return i;
	char what[256] = "expected one of:";
	for (int i = 0; i < n; i++)
		snprintf(what + strlen(what), sizeof what - strlen(what), " %s",
			 names[i]);
	bad(R, key, v, what);
	return 0;
}

/* The path of a file the template names: absolute, or relative to the
 * template's folder.  A default (a key the template does not set) that is
 * not there is also looked for under fonts/ of the current folder, so that
 * a template copied elsewhere still finds the shipped fonts. */
static const char *resolve(reader *R, const char *v)
{
	tpl *t = R->t;
	if (*v == '/')
		return v;
	const char *p = arena_printf(&t->a, "%s/%s", t->dir, v);
	if (R->line == 0) {
		FILE *fp = fopen(p, "rb");
		if (fp) {
			fclose(fp);
			return p;
		}
		const char *base = strrchr(v, '/');
		const char *alt =
			arena_printf(&t->a, "fonts/%s", base ? base + 1 : v);
		if ((fp = fopen(alt, "rb")) != NULL) {
			fclose(fp);
			return alt;
		}
	}
	return p;
}

/* A file the template names must be readable: reported at the key's line
 * (R->line, 0 for a default), with the path as resolved. */
static void check_file(reader *R, const char *key, const char *v,
		       const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp) {
		fclose(fp);
		return;
	}
	char what[512];
	snprintf(what, sizeof what, "cannot read %s: %s", path,
		 strerror(errno));
	bad(R, key, v, what);
}

static const char *const font_names[FONT_COUNT] = {"regular", "bold", "italic"};
static const char *const align_names[] = {"left", "center", "right"};

/* "bold 14 1F3864" or "regular 8 000000 10" (leading). */
static void get_style(reader *R, const char *key, const char *def,
		      lay_style *st)
{
	const char *v = get(R, key, def);
	char font[32], color[32] = "000000";
	float size = 0, leading = 0;
	int n = sscanf(v, "%31s %f %31s %f", font, &size, color, &leading);
	int f = -1;
	for (int i = 0; n >= 2 && i < FONT_COUNT; i++)
		if (!strcmp(font, font_names[i]))
			f = i;
	uint32_t c = 0;
	if (n < 2 || f < 0 || size < 3 || size > 72 ||
	    parse_color(color, &c) != 0 || (n == 4 && leading < size)) {
		bad(R, key, v,
		    "expected 'FONT SIZE [COLOUR [LEADING]]' with FONT "
		    "regular, "
		    "bold or italic, SIZE from 3 to 72");
		f = 0, size = 8, c = 0, leading = 0;
	}
	st->font = f;
	st->size = size;
	st->color = c;
	st->leading = leading > 0 ? leading : size * 1.2f;
}

/* A phrase with placeholders from known. */
static const char *get_phrase(reader *R, const char *key, const char *def,
			      const char *const *known)
{
	const char *v = get(R, key, def);
	char detail[128];
	const char *err = phrase_check(v, known, detail, sizeof detail);
	if (err)
		bad(R, key, v, err);
	return v;
}

/* Split a comma-separated list into at most max trimmed items. */
static int split(reader *R, const char *v, const char **items, int max)
{
	int n = 0;
	while (*v && n < max) {
		const char *c = strchr(v, ',');
		size_t len = c ? (size_t)(c - v) : strlen(v);
		size_t tl;
		char *tmp = arena_strndup(&R->t->a, v, len);
		const char *s = text_trim(tmp, &tl);
		if (tl)
			items[n++] = arena_strndup(&R->t->a, s, tl);
		v += len + (c ? 1 : 0);
	}
	return n;
}

typedef struct coldef {
	const char *key;
	const char *width, *align, *heading;
} coldef;

static const coldef cruscotto_cols[] = {
	{"descrizione", "34", "left", "Indicatore"},
	{"anni", "6.5", "center", ""},
	{"owner", "12", "left", "Owner"},
	{"note", "24", "left", "Note"},
};
static const coldef mappa_cols[] = {
	{"obiettivo", "11", "left", "Obiettivi strategici"},
	{"programma", "11", "left", "Programma di intervento"},
	{"benefici", "10.5", "left", "Benefici attesi"},
	{"risorse", "7", "right", "Risorse economiche"},
	{"ob_oper", "12.5", "left", "Obiettivi operativi"},
	{"indicatore", "13", "left", "Indicatori"},
	{"target", "7", "center", "Target"},
	{"albero", "4.5", "center", "Albero"},
	{"produttivita", "7", "center", "Produttività"},
	{"strutture", "9", "left", "Strutture coinvolte"},
	{"note", "11", "left", "Note"},
};
static const coldef registro_cols[] = {
	{"data", "9.5", "left", "Data"},
	{"organo", "10", "left", "Organo"},
	{"numero", "5", "center", "Numero"},
	{"tipo", "8", "left", "Tipo"},
	{"codice", "7", "left", "Codice"},
	{"record", "40", "left", "Elemento modificato"},
	{"nota", "20.5", "left", "Nota"},
};

static const struct {
	const char *section, *title;
	const coldef *cols;
	int ncols;
} tables[PART_COUNT] = {
	{"cruscotto", "CRUSCOTTO STRATEGICO", cruscotto_cols, 4},
	{"mappa", "STRATEGY MAP - PIANO OPERATIVO", mappa_cols, 11},
	{"registro", "REGISTRO DELLE MODIFICHE", registro_cols, 7},
	{"relazione", "RELAZIONE SULLA PERFORMANCE", NULL, 0},
};

static void read_table(reader *R, const char *sec, const char *title,
		       const coldef *cols, int ncols, tpl_table *tt);

static void get_table(reader *R, tpl_part part)
{
	tpl_table *tt = &R->t->table[part];
	if (!tables[part].ncols) {
		char key[64];
		snprintf(key, sizeof key, "%s:title", tables[part].section);
		tt->title = get(R, key, tables[part].title);
		return;
	}
	read_table(R, tables[part].section, tables[part].title,
		   tables[part].cols, tables[part].ncols, tt);
}

static const char *const part_names[PART_COUNT] = {"cruscotto", "mappa",
						   "registro", "relazione"};

static const char *const amend_names[] = {"contesto", "organo", "numero",
					  "data",     "tipo",	NULL};
static const char *const doc_names[] = {
	"ente",		 "titolo", "allegato", "organo", "delibera_numero",
	"delibera_data", "anno",   "page",     "pages",	 NULL};

/* ---- the Relazione sulla performance (tpl_relazione) ---------------- */

static const coldef rel_summary_cols[] = {
	{"obiettivo", "50", "left", "Obiettivo strategico"},
	{"grado", "7", "right", "Grado"},
	{"barra", "27", "left", "Grado di raggiungimento (0-100%)"},
	{"esito", "16", "left", "Esito"},
};
static const coldef rel_detail_cols[] = {
	{"indicatore", "29", "left", "Indicatore"},
	{"target", "9", "center", "Target"},
	{"valore", "10", "center", "Valore"},
	{"monitoraggio", "11", "left", "Monitoraggio intermedio"},
	{"grado", "7", "right", "Grado"},
	{"esito", "14", "left", "Esito"},
	{"note", "20", "left", "Note"},
};
static const coldef rel_nv_cols[] = {
	{"indicatore", "40", "left", "Indicatore"},
	{"target", "10", "center", "Target"},
	{"valore", "10", "center", "Valore"},
	{"motivo", "18", "left", "Motivo"},
	{"note", "22", "left", "Note"},
};

/* A table in section sec: title, columns (which, in which order; all of
 * cols by default), width.X, align.X, heading.X. */
static void read_table(reader *R, const char *sec, const char *title,
		       const coldef *cols, int ncols, tpl_table *tt)
{
	char key[128], all[256] = "";
	snprintf(key, sizeof key, "%s:title", sec);
	tt->title = get(R, key, title);
	for (int i = 0; i < ncols; i++)
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s",
			 i ? ", " : "", cols[i].key);
	snprintf(key, sizeof key, "%s:columns", sec);
	const char *list = get(R, key, all);
	int line = R->line;
	const char *names[TPL_MAX_COLS];
	int n = split(R, list, names, TPL_MAX_COLS);
	tt->ncols = 0;
	for (int i = 0; i < ncols; i++) {
		tpl_column col;
		col.key = cols[i].key;
		snprintf(key, sizeof key, "%s:width.%s", sec, col.key);
		col.width = get_num(R, key, cols[i].width, 0.1f, 1000);
		snprintf(key, sizeof key, "%s:align.%s", sec, col.key);
		col.align = get_enum(R, key, cols[i].align, align_names, 3);
		snprintf(key, sizeof key, "%s:heading.%s", sec, col.key);
		col.heading = get(R, key, cols[i].heading);
		for (int k = 0; k < n; k++)
			if (!strcmp(names[k], col.key)) {
				tt->cols[k] = col;
				names[k] = "";
			}
	}
	for (int k = 0; k < n; k++)
		if (*names[k]) {
			R->line = line;
			snprintf(key, sizeof key, "%s:columns", sec);
			bad(R, key, names[k], "unknown column");
			return;
		}
	tt->ncols = n;
}

static void read_relazione(reader *R)
{
	tpl_relazione *rel = &R->t->rel;
	char key[96];

	rel->full = get_num(R, "relazione:full", "100", 1, 1000);
	rel->partial = get_num(R, "relazione:partial", "60", 0, 1000);
	if (rel->partial > rel->full)
		bad(R, "relazione:partial", get(R, "relazione:partial", "60"),
		    "must not exceed relazione:full");
	rel->allow_over = get_enum(R, "relazione:allow_over", "no",
				   (const char *const[]){"no", "yes"}, 2);
	const char *gv = get(R, "relazione:grace_days", "0");
	rel->grace_days = (int)get_num(R, "relazione:grace_days", "0", 0, 366);
	if ((float)rel->grace_days != strtof(gv, NULL))
		bad(R, "relazione:grace_days", gv, "expected whole days");
	rel->share_strategic =
		get_num(R, "relazione:strategic_share", "50", 0, 100);

	static const char *const esito_keys[4] = {
		"non_valutabile", "non_raggiunto", "parzialmente_raggiunto",
		"raggiunto"};
	static const char *const esito_def[4] = {
		"non valutabile", "non raggiunto", "parzialmente raggiunto",
		"raggiunto"};
	/* Colour-blind-safe: blue, orange and dark red stay apart under
	 * protanopia, deuteranopia and tritanopia (README). */
	static const char *const color_def[4] = {"9E9E9E", "8B1A1A", "E69F00",
						 "0072B2"};
	for (int i = 0; i < 4; i++) {
		snprintf(key, sizeof key, "relazione:esito.%s", esito_keys[i]);
		rel->esito[i] = get(R, key, esito_def[i]);
		snprintf(key, sizeof key, "relazione:color.%s", esito_keys[i]);
		rel->esito_color[i] = get_color(R, key, color_def[i]);
	}

	/* Same order as ev_reason in data/eval.h; [0] is "evaluated". */
	static const char *const reason_keys[TPL_REL_REASONS] = {
		"",
		"no_target",
		"baseline",
		"text_target",
		"no_value",
		"bad_value",
		"kind_mismatch",
		"no_previous",
		"manual",
		"interim_only",
		"zero_previous",
		"removed",
		"no_evaluable"};
	static const char *const reason_def[TPL_REL_REASONS] = {
		"",
		"Nessun target per l'anno",
		"Anno di rilevazione: il valore è solo registrato",
		"Target non misurabile e nessun esito nel monitoraggio",
		"Nessun valore rilevato per l'anno",
		"Valore rilevato non leggibile",
		"Valore rilevato non confrontabile con il target",
		"Manca il valore dell'anno di confronto",
		"Dichiarato non valutabile nel monitoraggio",
		"Solo valori intermedi: manca il valore di fine anno",
		"Valore dell'anno precedente nullo: rapporto non calcolabile",
		"Eliminato dal piano",
		"Nessun indicatore valutabile"};
	rel->reason[0] = "";
	for (int i = 1; i < TPL_REL_REASONS; i++) {
		snprintf(key, sizeof key, "relazione:reason.%s",
			 reason_keys[i]);
		rel->reason[i] = get(R, key, reason_def[i]);
	}

	/* Same order as ev_level in data/eval.h. */
	static const char *const level_keys[TPL_REL_LEVELS] = {
		"plan",
		"perspective",
		"objective",
		"strategic_indicator",
		"programme",
		"operational_objective",
		"operational_indicator"};
	static const char *const level_def[TPL_REL_LEVELS] = {
		"piano",
		"prospettiva",
		"obiettivo strategico",
		"indicatore strategico",
		"programma",
		"obiettivo operativo",
		"indicatore operativo"};
	static const char *const label_def[TPL_REL_LEVELS] = {
		"Piano nel complesso",
		"{codice} – {denominazione}",
		"{codice}. {titolo}",
		"{codice} {titolo}",
		"Programma {codice}: {titolo}",
		"Obiettivo operativo {codice}: {titolo}",
		"{codice} {titolo}"};
	static const char *const label_names[] = {"codice", "titolo",
						  "denominazione", NULL};
	for (int i = 0; i < TPL_REL_LEVELS; i++) {
		snprintf(key, sizeof key, "relazione:level.%s", level_keys[i]);
		rel->level[i] = get(R, key, level_def[i]);
		snprintf(key, sizeof key, "relazione:label.%s", level_keys[i]);
		rel->label[i] = get_phrase(R, key, label_def[i], label_names);
	}

	rel->nv = get(R, "relazione:not_evaluable", "n.v.");
	static const char *const esito_names[] = {"esito", NULL};
	rel->override =
		get_phrase(R, "relazione:override", "{esito} *", esito_names);
	rel->override_note =
		get(R, "relazione:override_note",
		    "* Esito indicato nel monitoraggio, che prevale su quello "
		    "calcolato.");
	rel->override_reason = get(R, "relazione:override_reason",
				   "Esito indicato nel monitoraggio");
	static const char *const cover_def[3] = {
		"ai sensi dell'articolo 10, comma 1, lettera b), del decreto "
		"legislativo 27 ottobre 2009, n. 150",
		"Piano di riferimento: {titolo}[ ({allegato}[ alla "
		"deliberazione della {organo}[ n. {delibera_numero}][ del "
		"{delibera_data}]])]",
		""};
	for (int i = 0; i < 3; i++) {
		snprintf(key, sizeof key, "relazione:cover%d", i + 1);
		rel->cover[i] = get_phrase(R, key, cover_def[i], doc_names);
	}
	rel->illustrative =
		get_phrase(R, "relazione:illustrative", "", doc_names);
	rel->overall = get(R, "relazione:overall",
			   "Grado di raggiungimento complessivo del piano");
	rel->counts = get(R, "relazione:counts", "Indicatori per esito");
	static const char *const crit_names[] = {"pieno", "parziale",	"quota",
						 "tetto", "tolleranza", NULL};
	rel->criteria = get_phrase(
		R, "relazione:criteria",
		"Criteri di valutazione. Per ogni indicatore il grado di "
		"raggiungimento è il rapporto tra il valore rilevato e il "
		"target (il rapporto inverso per gli indicatori "
		"decrescenti)[, fino a un massimo di {tetto}]; una scadenza "
		"rispettata[ (con una tolleranza di {tolleranza} giorni)] "
		"vale 100%, una mancata 0%; i target relativi all'anno "
		"precedente si confrontano con il valore di quell'anno "
		"indicato nel monitoraggio. L'esito è «raggiunto» con un "
		"grado di almeno {pieno}, «parzialmente raggiunto» con almeno "
		"{parziale}, altrimenti «non raggiunto»; un esito indicato "
		"nel monitoraggio prevale su quello calcolato. I gradi si "
		"aggregano per media ponderata con i pesi degli indicatori: "
		"obiettivo operativo, programma, obiettivo strategico "
		"(indicatori strategici per il {quota}, programmi per il "
		"resto), prospettiva, piano. Gli indicatori non valutabili "
		"sono esclusi dalle medie.",
		crit_names);
	rel->strategic = get(R, "relazione:strategic_indicators",
			     "Indicatori strategici");
	static const char *const ratio_names[] = {
		"rapporto", "valore", "precedente", "anno_precedente", NULL};
	rel->value_ratio =
		get_phrase(R, "relazione:value_ratio",
			   "{rapporto} ({valore} / {precedente})", ratio_names);
	rel->value_relative = get_phrase(
		R, "relazione:value_relative",
		"{valore} ({anno_precedente}: {precedente})", ratio_names);
	static const char *const interim_names[] = {"data", "valore", NULL};
	rel->interim = get_phrase(R, "relazione:interim",
				  "{data:num}: {valore}", interim_names);
	rel->programme_fill =
		get_color(R, "relazione:programme_fill", "EAF0F9");
	rel->ob_oper_fill = get_color(R, "relazione:ob_oper_fill", "F5F7FB");
	rel->notice_fill = get_color(R, "relazione:notice_fill", "FFF2CC");
	rel->bar_track = get_color(R, "relazione:bar_track", "EDEDED");

	read_table(R, "summary", "SINTESI DEGLI OBIETTIVI STRATEGICI",
		   rel_summary_cols, 4, &rel->summary);
	read_table(R, "detail", "RISULTATI PER OBIETTIVO STRATEGICO",
		   rel_detail_cols, 7, &rel->detail);
	read_table(R, "not_evaluable", "INDICATORI NON VALUTABILI", rel_nv_cols,
		   5, &rel->nvlist);
}

static void read_all(reader *R)
{
	tpl *t = R->t;
	const char *parts[PART_COUNT];
	int n = split(R, get(R, "document:parts", "cruscotto, mappa, registro"),
		      parts, PART_COUNT);
	int line = R->line;
	t->nparts = 0;
	for (int i = 0; i < n; i++) {
		int k;
		for (k = 0; k < PART_COUNT; k++)
			if (!strcmp(parts[i], part_names[k]))
				break;
		if (k == PART_COUNT) {
			R->line = line;
			bad(R, "document:parts", parts[i],
			    "unknown part (cruscotto, mappa, registro, "
			    "relazione)");
		} else {
			t->parts[t->nparts++] = (tpl_part)k;
		}
	}
	t->title = get_phrase(R, "document:title", "{titolo}", doc_names);
	t->subtitle = get_phrase(R, "document:subtitle",
				 "{ente}[ - {allegato}]", doc_names);
	t->compress = get_enum(R, "document:compress", "yes",
			       (const char *const[]){"no", "yes"}, 2);
	int pdfa = get_enum(R, "output:pdfa", "2u",
			    (const char *const[]){"none", "2u"}, 2);
	const char *icc = get(R, "output:icc", "../fonts/sRGB.icc");
	t->icc_path = pdfa ? resolve(R, icc) : NULL;
	if (t->icc_path)
		check_file(R, "output:icc", icc, t->icc_path);

	static const char *const sizes[] = {"A4", "A3"};
	static const char *const orient[] = {"landscape", "portrait"};
	int size = get_enum(R, "page:size", "A4", sizes, 2);
	int o = get_enum(R, "page:orientation", "landscape", orient, 2);
	float w = size == 0 ? 595.276f : 841.890f;
	float h = size == 0 ? 841.890f : 1190.551f;
	t->geo.width = o == 0 ? h : w;
	t->geo.height = o == 0 ? w : h;
	t->geo.left = get_len(R, "page:margin_left", "12mm");
	t->geo.right = get_len(R, "page:margin_right", "12mm");
	t->geo.top = get_len(R, "page:margin_top", "16mm");
	t->geo.bottom = get_len(R, "page:margin_bottom", "14mm");
	if (t->geo.left + t->geo.right > t->geo.width * 0.8f ||
	    t->geo.top + t->geo.bottom > t->geo.height * 0.8f)
		diag_error(R->d, R->ini->name, 0,
			   "margins leave less than a fifth of the page");

	static const char *const font_def[FONT_COUNT] = {
		"../fonts/LiberationSans-Regular.ttf",
		"../fonts/LiberationSans-Bold.ttf",
		"../fonts/LiberationSans-Italic.ttf"};
	for (int i = 0; i < FONT_COUNT; i++) {
		char key[64];
		snprintf(key, sizeof key, "fonts:%s", font_names[i]);
		const char *p = get(R, key, font_def[i]);
		t->font_path[i] = resolve(R, p);
		check_file(R, key, p, t->font_path[i]);
	}

	static const char *const st_keys[ST_COUNT] = {"title", "part",	 "band",
						      "group", "header", "body",
						      "note",  "running"};
	static const char *const st_def[ST_COUNT] = {
		"bold 16 1F3864",   "bold 12 1F3864",  "bold 9 FFFFFF",
		"bold 8.5 1F3864",  "bold 8 000000",   "regular 8 000000",
		"regular 7 333333", "regular 7 555555"};
	for (int i = 0; i < ST_COUNT; i++) {
		char key[64];
		snprintf(key, sizeof key, "styles:%s", st_keys[i]);
		get_style(R, key, st_def[i], &t->styles[i]);
	}

	t->band_fill[0] = get_color(R, "colors:perspective_fill", "1F3864");
	t->band_fill[1] = get_color(R, "colors:mission_fill", "2F5496");
	t->group_fill = get_color(R, "colors:objective_fill", "D9E2F3");
	t->header_fill = get_color(R, "colors:header_fill", "E7E6E6");
	t->border_color = get_color(R, "colors:border", "8EA9DB");
	t->removed_color = get_color(R, "colors:removed", "808080");

	t->border_width = get_num(R, "table:border_width", "0.5", 0, 5);
	t->pad_x = get_len(R, "table:padding_x", "2.5pt");
	t->pad_y = get_len(R, "table:padding_y", "2pt");
	t->segue = get(R, "table:segue", "(segue)");
	t->span_repeat =
		get_enum(R, "table:span", "repeat",
			 (const char *const[]){"continue", "repeat"}, 2);
	t->part_gap = get_len(R, "table:part_gap", "10pt");

	static const char *const hf[3] = {"left", "center", "right"};
	static const char *const hdef[3] = {
		"{allegato} D GC[ n. {delibera_numero}][ del "
		"{delibera_data:num}]",
		"", "{titolo}"};
	static const char *const fdef[3] = {"{ente}", "",
					    "Pagina {page} di {pages}"};
	for (int i = 0; i < 3; i++) {
		char key[64];
		snprintf(key, sizeof key, "header:%s", hf[i]);
		t->header[i] = get_phrase(R, key, hdef[i], doc_names);
		snprintf(key, sizeof key, "footer:%s", hf[i]);
		t->footer[i] = get_phrase(R, key, fdef[i], doc_names);
	}

	for (int p = 0; p < PART_COUNT; p++)
		get_table(R, (tpl_part)p);

	static const char *const tipo_keys[TIPO_COUNT] = {
		"amendments:inserito", "amendments:aggiornato",
		"amendments:modificato", "amendments:eliminato"};
	static const char *const tipo_def[TIPO_COUNT] = {
		"Inserito[ in sede di {contesto}] con deliberazione della "
		"{organo}[ n. {numero}][ del {data}]",
		"Aggiornato[ in sede di {contesto}] con deliberazione della "
		"{organo}[ n. {numero}][ del {data}]",
		"Modificato[ {contesto}] con deliberazione della {organo}[ n. "
		"{numero}][ del {data}]",
		"Eliminato[ in sede di {contesto}] con deliberazione della "
		"{organo}[ n. {numero}][ del {data}]"};
	for (int i = 0; i < TIPO_COUNT; i++)
		t->phrase[i] =
			get_phrase(R, tipo_keys[i], tipo_def[i], amend_names);
	t->note_sep = get(R, "amendments:separator", "\\n");
	if (!strcmp(t->note_sep, "\\n"))
		t->note_sep = "\n";
	t->removed = (tpl_removed)get_enum(
		R, "amendments:removed", "strike",
		(const char *const[]){"strike", "grey", "hide"}, 3);

	t->footnotes = (tpl_footnotes)get_enum(
		R, "amendments:footnotes", "page",
		(const char *const[]){"page", "part", "inline"}, 3);
	t->notes_title = get(R, "text:notes", "Note");
	static const char *const kind_keys[REC_KIND_COUNT] = {
		"text:label.missione",
		"text:label.prospettiva",
		"text:label.obiettivo",
		"text:label.indicatore_strategico",
		"text:label.programma",
		"text:label.obiettivo_operativo",
		"text:label.indicatore_operativo"};
	static const char *const kind_def[REC_KIND_COUNT] = {
		"Missione",
		"Prospettiva",
		"Obiettivo strategico",
		"Indicatore strategico",
		"Programma",
		"Obiettivo operativo",
		"Indicatore operativo"};
	for (int i = 0; i < REC_KIND_COUNT; i++)
		t->kind_label[i] = get(R, kind_keys[i], kind_def[i]);
	static const char *const tl_keys[TIPO_COUNT] = {
		"text:tipo.inserito", "text:tipo.aggiornato",
		"text:tipo.modificato", "text:tipo.eliminato"};
	static const char *const tl_def[TIPO_COUNT] = {
		"Inserito", "Aggiornato", "Modificato", "Eliminato"};
	for (int i = 0; i < TIPO_COUNT; i++)
		t->tipo_label[i] = get(R, tl_keys[i], tl_def[i]);
	t->keywords = get_phrase(R, "document:keywords",
				 "{allegato}, {titolo}, {ente}", doc_names);

	const char *months[12];
	const char *mv = get(R, "text:months",
			     "gennaio, febbraio, marzo, aprile, maggio, "
			     "giugno, luglio, agosto, settembre, ottobre, "
			     "novembre, dicembre");
	if (split(R, mv, months, 12) != 12)
		bad(R, "text:months", mv, "expected 12 month names");
	else
		memcpy(t->months, months, sizeof months);
	t->yes_mark = get(R, "text:mark", "X");
	static const char *const band_names[] = {"codice", "denominazione",
						 NULL};
	static const char *const group_names[] = {"codice", "titolo", NULL};
	t->band_format[0] = get_phrase(R, "text:perspective", "{denominazione}",
				       band_names);
	t->band_format[1] = get_phrase(R, "text:mission",
				       "{codice} {denominazione}", band_names);
	t->group_format = get_phrase(R, "text:objective", "{codice}. {titolo}",
				     group_names);
	read_relazione(R);
}

tpl *tpl_load(const char *path, diag *d)
{
	tpl *t = xcalloc(1, sizeof *t);
	int errors = d->errors;
	arena_init(&t->a, 16 * 1024);
	t->path = arena_strdup(&t->a, path);
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t bl = strlen(base);
	if (bl > 4 && !strcmp(base + bl - 4, ".ini"))
		bl -= 4;
	t->name = arena_strndup(&t->a, base, bl);
	t->dir = slash ? arena_strndup(&t->a, path, (size_t)(slash - path))
		       : ".";
	reader R;
	memset(&R, 0, sizeof R);
	R.t = t;
	R.d = d;
	R.ini = ini_open(path, path, d);
	if (!R.ini) {
		tpl_free(t);
		return NULL;
	}
	read_all(&R);
	ini_warn_unused(R.ini, R.known, R.nknown, d);
	ini_close(R.ini);
	if (d->errors > errors) {
		tpl_free(t);
		return NULL;
	}
	return t;
}

void tpl_free(tpl *t)
{
	if (!t)
		return;
	arena_free(&t->a);
	free(t);
}
