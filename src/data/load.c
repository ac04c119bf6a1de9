/*
 * load.c - reading a plan folder into the plan model (see plan.h).
 *
 * Files are read in the order of the input spec.  The record files share
 * one table-driven loader: each file is described by its columns (name,
 * required, kind of value, where it goes in the record).  References
 * always point to files read earlier, except those of modifiche.csv and
 * monitoraggio.csv, which are read last and may point at any record.
 * Every problem is reported, and loading goes on, so that one run lists
 * them all; plan_load() fails at the end if any was an error.
 *
 * One mistake gives one message, not a cascade: a CSV file with syntax
 * errors still hands on its good rows (csv_read_file_partial), which are
 * checked as usual; a record with a bad value is still registered, so
 * references to it resolve; and when some records of a kind could not be
 * read at all (a missing file or column, a dropped row, a row without
 * codice) that kind is "incomplete": a reference not found there is not
 * reported, since the missing record may well be among those.  Values
 * are quoted raw in messages: diag_report shortens them and keeps them on
 * one line.
 */
#include "plan.h"
#include "csv.h"
#include "ini.h"
#include "itnum.h"
#include "workbook.h"
#include "../util/text.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define COL(n, req, t, type, field, ref, help)                                 \
	{                                                                      \
		n, req, t, offsetof(type, field), ref, help, NULL              \
	}
#define COLC(n, req, t, type, field, ref, help, choices)                       \
	{                                                                      \
		n, req, t, offsetof(type, field), ref, help, choices           \
	}
#define POLARITA "crescente,decrescente"

static const colspec missioni_cols[] = {
	COL("codice", 1, C_CODICE, missione, r, 0,
	    "Codice della missione di bilancio, p.es. 011 (gli zeri iniziali "
	    "restano)"),
	COL("denominazione", 1, C_TEXT, missione, denominazione, 0,
	    "Nome della missione, p.es. Competitività delle Imprese"),
};
static const colspec prospettive_cols[] = {
	COL("codice", 1, C_CODICE, prospettiva, r, 0,
	    "Codice della prospettiva (area strategica), p.es. ITC"),
	COL("denominazione", 1, C_TEXT, prospettiva, denominazione, 0,
	    "Nome della prospettiva, p.es. Imprese Territorio e Consumatori"),
	COL("peso", 0, C_WEIGHT, prospettiva, peso, 0,
	    "Peso nell'aggregazione del piano (relazione), default 1"),
};
static const colspec obiettivi_cols[] = {
	COL("codice", 1, C_CODICE, obiettivo, r, 0,
	    "Codice dell'obiettivo strategico, unico in tutto il piano, p.es. "
	    "1"),
	COL("titolo", 1, C_TEXT, obiettivo, titolo, 0,
	    "Titolo dell'obiettivo strategico"),
	COL("missione", 1, C_REF, obiettivo, missione, REC_MISSIONE,
	    "Codice di una missione (foglio missioni)"),
	COL("prospettiva", 0, C_REF, obiettivo, prospettiva, REC_PROSPETTIVA,
	    "Codice di una prospettiva (foglio prospettive); facoltativo"),
	COL("peso", 0, C_WEIGHT, obiettivo, peso, 0,
	    "Peso nell'aggregazione della prospettiva (relazione), default 1"),
};
/* The columns both kinds of indicator end with: polarity, weight, value
 * kind and thresholds. */
#define IND_POLICY_COLS(type)                                                  \
	COLC("polarita", 0, C_POLARITY, type, decreasing, 0,                   \
	     "crescente (più è meglio, il default) o decrescente", POLARITA),  \
		COL("peso", 0, C_WEIGHT, type, peso, 0,                        \
		    "Peso nelle aggregazioni, un numero > 0 (default 1)"),     \
		COLC("tipo_valore", 0, C_VKIND, type, tipo_valore, 0,          \
		     "Che cosa sono i valori: rapporto, conteggio o "          \
		     "percentuale (facoltativo; vuoto: dedotto, con un "       \
		     "avviso)",                                                \
		     "rapporto,conteggio,percentuale"),                        \
		COL("soglia_piena", 0, C_SHARE, type, soglia_piena, 0,         \
		    "Soglia di raggiungimento pieno di questo indicatore, in " \
		    "percentuale (p.es. 95); facoltativa"),                    \
		COL("soglia_parziale", 0, C_SHARE, type, soglia_parziale, 0,   \
		    "Soglia di raggiungimento parziale, sotto soglia_piena; "  \
		    "facoltativa")
static const colspec ind_strat_cols[] = {
	COL("codice", 1, C_CODICE, ind_strat, r, 0,
	    "Codice dell'indicatore strategico, unico in tutto il piano"),
	COL("obiettivo", 1, C_REF, ind_strat, obiettivo, REC_OBIETTIVO,
	    "Codice di un obiettivo strategico (foglio obiettivi_strategici)"),
	COL("descrizione", 1, C_TEXT, ind_strat, descrizione, 0,
	    "L'indicatore e la sua formula, come scritti nel piano"),
	COL("owner", 0, C_TEXT, ind_strat, owner, 0,
	    "Servizio responsabile, p.es. S.Anagrafico Certificativo"),
	IND_POLICY_COLS(ind_strat),
};
static const colspec programmi_cols[] = {
	COL("codice", 1, C_CODICE, programma, r, 0,
	    "Codice del programma, unico in tutto il piano"),
	COL("obiettivo", 1, C_REF, programma, obiettivo, REC_OBIETTIVO,
	    "Codice di un obiettivo strategico (foglio obiettivi_strategici)"),
	COL("titolo", 1, C_TEXT, programma, titolo, 0,
	    "Il programma di intervento"),
	COL("benefici", 0, C_TEXT, programma, benefici, 0,
	    "Benefici attesi; facoltativo"),
	COL("risorse", 0, C_TEXT, programma, risorse, 0,
	    "Risorse economiche: un importo (1.670.000) o un testo"),
	COL("peso", 0, C_WEIGHT, programma, peso, 0,
	    "Peso nell'aggregazione dell'obiettivo (relazione), default 1"),
};
static const colspec ob_oper_cols[] = {
	COL("codice", 1, C_CODICE, ob_oper, r, 0,
	    "Codice dell'obiettivo operativo, unico in tutto il piano"),
	COL("programma", 1, C_REF, ob_oper, programma, REC_PROGRAMMA,
	    "Codice di un programma (foglio programmi)"),
	COL("descrizione", 1, C_TEXT, ob_oper, descrizione, 0,
	    "L'obiettivo operativo"),
	COL("risorse", 0, C_TEXT, ob_oper, risorse, 0,
	    "Risorse, quando sono date per obiettivo operativo"),
};
static const colspec ind_oper_cols[] = {
	COL("codice", 1, C_CODICE, ind_oper, r, 0,
	    "Codice dell'indicatore operativo, unico in tutto il piano"),
	COL("obiettivo_operativo", 1, C_REF, ind_oper, ob_oper, REC_OB_OPER,
	    "Codice di un obiettivo operativo (foglio obiettivi_operativi)"),
	COL("descrizione", 1, C_TEXT, ind_oper, descrizione, 0, "L'indicatore"),
	COL("target", 0, C_TEXT, ind_oper, target, 0,
	    "Target dell'anno del piano, p.es. ≥ 90%, 31/12/2021, x ≤ x-1"),
	COL("albero", 0, C_FLAG, ind_oper, albero, 0,
	    "X (o sì, 1) se l'indicatore è nell'albero della performance"),
	COL("produttivita", 0, C_FLAG, ind_oper, produttivita, 0,
	    "X (o sì, 1) se concorre all'incentivo di produttività"),
	COL("strutture", 0, C_TEXT, ind_oper, strutture, 0,
	    "Strutture coinvolte, p.es. Servizio Promozione"),
	IND_POLICY_COLS(ind_oper),
};

#define FILESPEC(f, opt, kind, type, cols, arr)                                \
	{                                                                      \
		f, opt, kind, sizeof(type), cols,                              \
			(int)(sizeof cols / sizeof cols[0]),                   \
			offsetof(plan, arr), offsetof(plan, n_##arr)           \
	}

const filespec plan_files[PLAN_FILES] = {
	FILESPEC("missioni.csv", 0, REC_MISSIONE, missione, missioni_cols,
		 missioni),
	FILESPEC("prospettive.csv", 1, REC_PROSPETTIVA, prospettiva,
		 prospettive_cols, prospettive),
	FILESPEC("obiettivi_strategici.csv", 0, REC_OBIETTIVO, obiettivo,
		 obiettivi_cols, obiettivi),
	FILESPEC("indicatori_strategici.csv", 0, REC_IND_STRAT, ind_strat,
		 ind_strat_cols, ind_strat),
	FILESPEC("programmi.csv", 0, REC_PROGRAMMA, programma, programmi_cols,
		 programmi),
	FILESPEC("obiettivi_operativi.csv", 0, REC_OB_OPER, ob_oper,
		 ob_oper_cols, ob_oper),
	FILESPEC("indicatori_operativi.csv", 0, REC_IND_OPER, ind_oper,
		 ind_oper_cols, ind_oper),
};

/* modifiche.csv and monitoraggio.csv: read by their own loaders. */
static const colspec modifiche_cols[] = {
	{"riferimento", 1, C_TEXT, 0, 0,
	 "Codice del record modificato (di qualunque foglio)", NULL},
	{"tipo", 1, C_TEXT, 0, 0,
	 "inserito, aggiornato, modificato o eliminato",
	 "inserito,aggiornato,modificato,eliminato"},
	{"data", 1, C_TEXT, 0, 0, "Data della deliberazione (GG/MM/AAAA)",
	 NULL},
	{"organo", 0, C_TEXT, 0, 0,
	 "p.es. Giunta camerale; vuoto: l'organo del documento", NULL},
	{"numero", 0, C_TEXT, 0, 0, "Numero della deliberazione", NULL},
	{"contesto", 0, C_TEXT, 0, 0, "p.es. rolling annuale", NULL},
	{"nota", 0, C_TEXT, 0, 0,
	 "Spiegazione, stampata come nota a piè di pagina", NULL},
};
static const colspec monitoraggio_cols[] = {
	{"indicatore", 1, C_TEXT, 0, 0,
	 "Codice di un indicatore strategico o operativo", NULL},
	{"periodo", 1, C_TEXT, 0, 0,
	 "AAAA (valore di fine anno) o una data (verifica intermedia)", NULL},
	{"valore", 1, C_TEXT, 0, 0,
	 "Valore misurato: un numero (95,4%), una data o un livello (medio)",
	 NULL},
	{"esito", 0, C_TEXT, 0, 0,
	 "Esito manuale, che prevale su quello calcolato",
	 "raggiunto,parzialmente raggiunto,non raggiunto,non valutabile"},
	{"nota", 0, C_TEXT, 0, 0,
	 "Commento mostrato nella relazione; per un indicatore non pienamente "
	 "raggiunto, la spiegazione dello scostamento",
	 NULL},
	{"scostamento", 0, C_TEXT, 0, 0,
	 "Altro nome della colonna nota (se nota è vuota)", NULL},
};

static const colspec collegamenti_cols[] = {
	{"da", 1, C_TEXT, 0, 0,
	 "Codice dell'obiettivo strategico che sostiene l'altro (la freccia "
	 "parte da qui)",
	 NULL},
	{"a", 1, C_TEXT, 0, 0,
	 "Codice dell'obiettivo strategico sostenuto (la freccia arriva qui)",
	 NULL},
	{"nota", 0, C_TEXT, 0, 0,
	 "Perché l'uno sostiene l'altro; facoltativa (non stampata nella "
	 "mappa)",
	 NULL},
};

static const char *const kind_file[REC_KIND_COUNT] = {
	"missioni.csv",
	"prospettive.csv",
	"obiettivi_strategici.csv",
	"indicatori_strategici.csv",
	"programmi.csv",
	"obiettivi_operativi.csv",
	"indicatori_operativi.csv",
};

/* Read exactly n digits (the year of a target_YYYY column). */
static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* ---- the codice index ----------------------------------------------- */

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static plan_rec **slot(const plan *p, const char *codice)
{
	size_t mask = p->index_cap - 1;
	size_t i = (size_t)hash(codice) & mask;
	while (p->index[i] && strcmp(p->index[i]->codice, codice) != 0)
		i = (i + 1) & mask;
	return &p->index[i];
}

plan_rec *plan_find(const plan *p, const char *codice)
{
	if (!p->index_cap)
		return NULL;
	return *slot(p, codice);
}

/* A codice as it is mistyped: lower case, and the look-alikes l I | -> 1,
 * o -> 0 made equal. */
static void fold_lookalikes(const char *s, char *out, size_t n)
{
	size_t i = 0;
	for (; *s && i + 1 < n; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		out[i++] = c == 'l' || c == 'i' || c == '|' ? '1'
			   : c == 'o'			    ? '0'
							    : c;
	}
	out[i] = '\0';
}

/* The codice closest to v among the records whose kind is in the mask
 * (1u << rec_kind): a "did you mean" for a mistyped reference (OO-2.l.1
 * for OO-2.1.1), or NULL when none is within a third of v's length.
 * Closest: fewest edits once look-alikes are folded, then fewest edits,
 * then the first in codice order (the index's order must not show).  A
 * walk of the index: *budget caps how many walks a broken plan costs. */
static const char *closest_codice(const plan *p, const char *v, unsigned mask,
				  int *budget)
{
	size_t vl = strlen(v);
	int limit = (int)(vl / 3) + 1; /* a distance must be below this */
	int best_f = limit, best_d = 99;
	const char *best = NULL;
	char fv[72], fc[72];
	if (*budget <= 0 || limit < 2 || vl > 64)
		return NULL;
	--*budget;
	fold_lookalikes(v, fv, sizeof fv);
	for (size_t i = 0; i < p->index_cap; i++) {
		const plan_rec *r = p->index[i];
		if (!r || !(mask & (1u << r->kind)))
			continue;
		size_t cl = strlen(r->codice);
		if ((vl > cl ? vl - cl : cl - vl) >= (size_t)limit)
			continue;
		fold_lookalikes(r->codice, fc, sizeof fc);
		int f = text_distance(fv, fc);
		if (f > best_f || f >= limit)
			continue;
		int d = text_distance(v, r->codice);
		if (f < best_f || d < best_d ||
		    (d == best_d && strcmp(r->codice, best) < 0)) {
			best_f = f;
			best_d = d;
			best = r->codice;
		}
	}
	return best;
}

int plan_removed(const plan_rec *r)
{
	return r->last && r->last->tipo == TIPO_ELIMINATO;
}

/* The record a record belongs to (an objective's mission), or NULL. */
static const plan_rec *parent_of(const plan_rec *r)
{
	const void *up = NULL;
	switch (r->kind) {
	case REC_IND_STRAT:
		up = ((const ind_strat *)r)->obiettivo;
		break;
	case REC_PROGRAMMA:
		up = ((const programma *)r)->obiettivo;
		break;
	case REC_OB_OPER:
		up = ((const ob_oper *)r)->programma;
		break;
	case REC_IND_OPER:
		up = ((const ind_oper *)r)->ob_oper;
		break;
	case REC_OBIETTIVO:
		up = ((const obiettivo *)r)->missione;
		break;
	default:
		break;
	}
	return up; /* plan_rec is the first member of every record */
}

const plan_rec *plan_removed_by(const plan_rec *r)
{
	for (; r; r = parent_of(r)) {
		if (plan_removed(r))
			return r;
		if (r->kind == REC_OBIETTIVO) {
			const prospettiva *ps =
				((const obiettivo *)r)->prospettiva;
			if (ps && plan_removed(&ps->r))
				return &ps->r;
		}
	}
	return NULL;
}

/* ---- loading -------------------------------------------------------- */

typedef struct loader {
	plan *p;
	diag *d;
	arena scratch; /* CSV tables, dropped at the end */
	char path[4096];
	workbook *wb; /* the plan is a workbook: its sheets are the tables */
	/* Some records of this kind could not be read: a reference not
	 * found among them is not reported (it would only echo the first
	 * error). */
	int incomplete[REC_KIND_COUNT];
	int any_incomplete;
	int suggest_budget; /* "did you mean" searches left */
} loader;

static void set_incomplete(loader *L, rec_kind k)
{
	L->incomplete[k] = 1;
	L->any_incomplete = 1;
}

/* Report a problem at row `line`, column col (-1: the whole row) of t:
 * "file:line" for a CSV file, "book[sheet]!C5" for a sheet (t->where). */
static void report(loader *L, diag_level lvl, const csv_table *t, int line,
		   int col, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 6, 7)))
#endif
	;
static void report(loader *L, diag_level lvl, const csv_table *t, int line,
		   int col, const char *fmt, ...)
{
	char at[512];
	va_list ap;
	va_start(ap, fmt);
	if (t->where)
		diag_vreport(L->d, lvl, t->where(t, line, col, at, sizeof at),
			     0, fmt, ap);
	else
		diag_vreport(L->d, lvl, t->name, line, fmt, ap);
	va_end(ap);
}
#define err_at(L, t, line, col, ...)                                           \
	report((L), DIAG_ERROR, (t), (line), (col), __VA_ARGS__)
#define warn_at(L, t, line, col, ...)                                          \
	report((L), DIAG_WARNING, (t), (line), (col), __VA_ARGS__)

static const char *plan_path(loader *L, const char *file)
{
	snprintf(L->path, sizeof L->path, "%s/%s", L->p->dir, file);
	return L->path;
}

/* The file name as shown in diagnostics: dir/file. */
static const char *shown(loader *L, const char *file)
{
	return arena_printf(&L->p->a, "%s/%s", L->p->dir, file);
}

/* The sheet of a workbook plan that stands for file ("missioni.csv" is
 * the sheet "missioni"), as read_csv() hands on a CSV file. */
static csv_table *read_sheet(loader *L, const char *file, int optional,
			     int *broken)
{
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)(strcspn(file, ".")), file);
	wb_sheet *sh = wb_sheet_find(L->wb, name);
	if (!sh && !optional)
		diag_error(L->d, L->wb->name, 0,
			   "required sheet '%s' is missing", name);
	if (broken && ((!sh && !optional) || (sh && sh->errors)))
		*broken = 1;
	return sh && sh->t.nrows > 0 ? &sh->t : NULL;
}

static void note_input(plan *p, const char *path)
{
	if (p->ninputs < PLAN_MAX_INPUTS)
		p->inputs[p->ninputs++] = arena_strdup(&p->a, path);
}

/* Read one CSV of the plan; NULL when absent (and optional) or when not
 * even its header could be read.  *broken (if not NULL) is set when the
 * file is required and missing, or when it had errors, whose rows were
 * dropped: the table then holds the rows read cleanly. */
static csv_table *read_csv(loader *L, const char *file, int optional,
			   int *broken)
{
	if (broken)
		*broken = 0;
	if (L->wb)
		return read_sheet(L, file, optional, broken);
	const char *name = shown(L, file);
	const char *path = plan_path(L, file);
	struct stat st;
	int st_rc = stat(path, &st);
	if (st_rc != 0 && errno == ENOENT) {
		if (!optional) {
			diag_error(L->d, name, 0, "required file is missing");
			if (broken)
				*broken = 1;
		}
		return NULL;
	}
	if (st_rc == 0 && S_ISDIR(st.st_mode)) {
		diag_error(L->d, name, 0, "a folder, not a CSV file");
		if (broken)
			*broken = 1;
		return NULL;
	}
	/* Any other problem (no permission ...) is reported by the reader. */
	note_input(L->p, path);
	csv_table *t = arena_zalloc(&L->scratch, sizeof *t);
	if (csv_read_file_partial(path, name, t, &L->p->a, L->d) != 0 && broken)
		*broken = 1;
	return t->nrows > 0 ? t : NULL;
}

/* Map each spec column to its header index; report missing required
 * columns and unused ones.  idx[i] = -1 when absent.  Returns -1 when a
 * required column is missing. */
static int map_columns(loader *L, const csv_table *t, const colspec *cols,
		       int ncols, int *idx, int (*extra)(const char *))
{
	int bad = 0;
	const csv_row *h = &t->rows[0];
	for (int i = 0; i < ncols; i++) {
		idx[i] = csv_column(t, cols[i].name);
		if (idx[i] < 0 && cols[i].required) {
			err_at(L, t, h->line, -1, "missing column '%s'",
			       cols[i].name);
			bad = 1;
		}
	}
	for (int c = 0; c < h->nfields; c++) {
		int known = 0;
		char fa[128], fb[128];
		text_fold(h->fields[c], fa, sizeof fa);
		for (int i = 0; i < ncols && !known; i++) {
			if (strcmp(fa, text_fold(cols[i].name, fb, sizeof fb)))
				continue;
			known = 1;
			if (idx[i] != c)
				warn_at(L, t, h->line, c,
					"column '%s' appears twice "
					"(columns %d and %d); column %d "
					"is used",
					cols[i].name, idx[i] + 1, c + 1,
					idx[i] + 1);
		}
		if (!known && extra && extra(fa))
			known = 1;
		if (!known && *h->fields[c])
			warn_at(L, t, h->line, c,
				"unused column '%s' (kept, not printed)",
				h->fields[c]);
	}
	return bad ? -1 : 0;
}

/* Warn about fields beyond the header: they would be lost. */
static void check_width(loader *L, const csv_table *t, const csv_row *r)
{
	int nh = t->rows[0].nfields;
	if (r->nfields > nh) {
		for (int c = nh; c < r->nfields; c++)
			if (*r->fields[c]) {
				warn_at(L, t, r->line, c,
					"%d fields but the header has %d; "
					"'%s' is not printed",
					r->nfields, nh, r->fields[c]);
				break;
			}
	}
}

/* Double the index when half full, so probing stays short. */
static void grow_index(plan *p)
{
	plan_rec **old = p->index;
	size_t oldcap = p->index_cap;
	p->index_cap *= 2;
	p->index = arena_zalloc(&p->a, sizeof(plan_rec *) * p->index_cap);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			*slot(p, old[i]->codice) = old[i];
}

static int register_codice(loader *L, plan_rec *rec, const csv_table *t,
			   int line, int col)
{
	if (++L->p->index_used * 2 > L->p->index_cap)
		grow_index(L->p);
	plan_rec **s = slot(L->p, rec->codice);
	if (*s) {
		err_at(L, t, line, col,
		       "duplicate codice '%s' (first at %s:%d)", rec->codice,
		       (*s)->file, (*s)->line);
		return -1;
	}
	*s = rec;
	return 0;
}

static int parse_flag(const char *v, int *out)
{
	char f[16];
	text_fold(v, f, sizeof f);
	if (!*f) {
		*out = 0;
		return 0;
	}
	if (!strcmp(f, "x") || !strcmp(f, "si") || !strcmp(f, "1") ||
	    !strcmp(f, "s")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(f, "no") || !strcmp(f, "0") || !strcmp(f, "-")) {
		*out = 0;
		return 0;
	}
	return -1;
}

/* A weight: a plain number (itnum.h), not a percentage. */
static int parse_number(const char *v, double *out)
{
	itnum num;
	if (itnum_parse(v, &num) != 0 || num.percent)
		return -1;
	*out = num.value;
	return 0;
}

static int target_year_column(const char *folded)
{
	int y;
	return strncmp(folded, "target_", 7) == 0 && strlen(folded) == 11 &&
	       digits(folded + 7, 4, &y) == 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The target_YYYY columns of indicatori_strategici.csv: fills p->years and
 * col[k] = header index of year k. */
static int *year_columns(loader *L, const csv_table *t)
{
	const csv_row *h = &t->rows[0];
	plan *p = L->p;
	int *years = arena_alloc(&p->a, sizeof(int) * (size_t)(h->nfields + 1));
	int n = 0;
	for (int c = 0; c < h->nfields; c++) {
		char f[64];
		text_fold(h->fields[c], f, sizeof f);
		if (target_year_column(f)) {
			int y;
			digits(f + 7, 4, &y);
			int dup = 0;
			for (int k = 0; k < n; k++)
				dup |= years[k] == y;
			if (dup)
				err_at(L, t, h->line, c,
				       "column '%s' appears twice",
				       h->fields[c]);
			else
				years[n++] = y;
		}
	}
	qsort(years, (size_t)n, sizeof(int), cmp_int);
	p->years = years;
	p->nyears = n;
	int *col = arena_alloc(&p->a, sizeof(int) * (size_t)(n + 1));
	for (int k = 0; k < n; k++) {
		char want[16];
		snprintf(want, sizeof want, "target_%04d", years[k]);
		col[k] = csv_column(t, want);
	}
	return col;
}

/* Where records of kind k are kept: "programmi.csv", or for a workbook
 * "sheet programmi". */
static const char *kind_name(loader *L, rec_kind k)
{
	if (!L->wb)
		return kind_file[k];
	return arena_printf(&L->scratch, "sheet %.*s",
			    (int)strcspn(kind_file[k], "."), kind_file[k]);
}

/* Resolve the reference v of column c; NULL (with an error, unless the
 * kind referred to is incomplete) when it is not found. */
static plan_rec *resolve(loader *L, const csv_table *t, const csv_row *row,
			 int col, const colspec *c, const char *v)
{
	plan_rec *target = plan_find(L->p, v);
	if (target && target->kind == c->ref)
		return target;
	if (target)
		err_at(L, t, row->line, col,
		       "%s '%s' not found in %s: it is the codice of a "
		       "record of %s:%d",
		       c->name, v, kind_name(L, c->ref), target->file,
		       target->line);
	else if (!L->incomplete[c->ref]) {
		const char *near = closest_codice(L->p, v, 1u << c->ref,
						  &L->suggest_budget);
		if (near)
			err_at(L, t, row->line, col,
			       "%s '%s' not found in %s; did you mean '%s'?",
			       c->name, v, kind_name(L, c->ref), near);
		else
			err_at(L, t, row->line, col, "%s '%s' not found in %s",
			       c->name, v, kind_name(L, c->ref));
	}
	return NULL;
}

const char *const value_kind_names[VK_COUNT] = {"", "rapporto", "conteggio",
						"percentuale"};

/* tipo_valore: empty, rapporto, conteggio or percentuale. */
static int read_vkind(loader *L, const csv_table *t, const csv_row *row,
		      int col, const colspec *c, const char *v, int *out)
{
	const char *const *names = value_kind_names;
	char f[32];
	text_fold(v, f, sizeof f);
	for (int k = 0; k < VK_COUNT; k++)
		if (!strcmp(f, names[k])) {
			*out = k;
			return 0;
		}
	*out = VK_NONE;
	err_at(L, t, row->line, col,
	       "%s must be rapporto, conteggio or percentuale, not '%s'",
	       c->name, v);
	return -1;
}

/* A threshold in percent ("95" or "95%"), kept as a degree (0.95). */
static int read_share(loader *L, const csv_table *t, const csv_row *row,
		      int col, const colspec *c, const char *v, double *out)
{
	itnum num;
	*out = NAN;
	if (!*v)
		return 0;
	if (itnum_parse(v, &num) == 0 && num.value >= 0 && num.value <= 1000) {
		*out = num.value / 100.0;
		return 0;
	}
	err_at(L, t, row->line, col,
	       "%s must be a percentage from 0 to 1000 (such as 95 or 95%%), "
	       "not '%s'",
	       c->name, v);
	return -1;
}

/* Read one value of a record; returns 0, or -1 after reporting it. */
static int read_value(loader *L, const csv_table *t, const csv_row *row,
		      int col, const colspec *c, const char *v, char *rec)
{
	void *field = rec + c->off;
	switch (c->type) {
	case C_CODICE:
		((plan_rec *)rec)->codice = v;
		return 0;
	case C_TEXT:
		*(const char **)field = v;
		return 0;
	case C_REF:
		*(plan_rec **)field = NULL;
		if (!*v)
			return 0;
		*(plan_rec **)field = resolve(L, t, row, col, c, v);
		return *(plan_rec **)field ? 0 : -1;
	case C_FLAG:
		if (parse_flag(v, (int *)field) == 0)
			return 0;
		err_at(L, t, row->line, col,
		       "%s must be X, sì, 1 or empty, not '%s'", c->name, v);
		return -1;
	case C_POLARITY: {
		char f[32];
		text_fold(v, f, sizeof f);
		if (!*f || !strcmp(f, "crescente")) {
			*(int *)field = 0;
			return 0;
		}
		if (!strcmp(f, "decrescente")) {
			*(int *)field = 1;
			return 0;
		}
		err_at(L, t, row->line, col,
		       "polarita must be crescente or decrescente, not "
		       "'%s'",
		       v);
		return -1;
	}
	case C_WEIGHT: {
		double w = 1;
		int bad = *v && (parse_number(v, &w) != 0 || !(w > 0) ||
				 !isfinite(w));
		*(double *)field = bad ? 1 : w;
		if (!bad)
			return 0;
		err_at(L, t, row->line, col,
		       "%s must be a number > 0 (such as 1 or 0,5), not "
		       "'%s'",
		       c->name, v);
		return -1;
	}
	case C_VKIND:
		return read_vkind(L, t, row, col, c, v, (int *)field);
	case C_SHARE:
		return read_share(L, t, row, col, c, v, (double *)field);
	}
	return 0;
}

static void load_records(loader *L, const filespec *fs)
{
	plan *p = L->p;
	int broken;
	csv_table *t = read_csv(L, fs->file, fs->optional, &broken);
	void **arr = (void **)((char *)p + fs->arr_off);
	int *count = (int *)((char *)p + fs->n_off);
	*arr = NULL;
	*count = 0;
	if (broken)
		set_incomplete(L, fs->kind);
	if (!t)
		return;
	int idx[16];
	int is_strat = fs->kind == REC_IND_STRAT;
	if (map_columns(L, t, fs->cols, fs->ncols, idx,
			is_strat ? target_year_column : NULL) != 0) {
		set_incomplete(L, fs->kind);
		return;
	}
	int *ycol = is_strat ? year_columns(L, t) : NULL;
	char *base = arena_zalloc(&p->a, fs->size * (size_t)t->nrows);
	int n = 0;
	for (int ri = 1; ri < t->nrows; ri++) {
		const csv_row *row = &t->rows[ri];
		char *rec = base + fs->size * (size_t)n;
		plan_rec *pr = (plan_rec *)rec;
		check_width(L, t, row);
		pr->file = t->name;
		pr->line = row->line;
		pr->kind = fs->kind;
		for (int i = 0; i < fs->ncols; i++) {
			const colspec *c = &fs->cols[i];
			const char *v =
				idx[i] >= 0 ? csv_field(row, idx[i]) : "";
			if (!*v && c->required) {
				err_at(L, t, row->line, idx[i],
				       "missing value for '%s'", c->name);
				continue;
			}
			(void)read_value(L, t, row, idx[i], c, v, rec);
		}
		if (is_strat) {
			ind_strat *is = (ind_strat *)rec;
			is->target = arena_alloc(
				&p->a,
				sizeof(char *) * (size_t)(p->nyears + 1));
			for (int k = 0; k < p->nyears; k++)
				is->target[k] = csv_field(row, ycol[k]);
		}
		/* A record with a bad value is kept all the same (the load
		 * fails anyway), so that references to it resolve. */
		if (!pr->codice) {
			set_incomplete(L, fs->kind);
			continue;
		}
		if (register_codice(L, pr, t, row->line, idx[0]) != 0)
			continue;
		n++;
	}
	*arr = base;
	*count = n;
}

/* The values of a row's columns ("" when absent); reports each missing
 * required value and returns -1 if there was one. */
static int row_values(loader *L, const csv_table *t, const csv_row *row,
		      const colspec *cols, int ncols, const int *idx,
		      const char **v)
{
	int ok = 1;
	check_width(L, t, row);
	for (int i = 0; i < ncols; i++) {
		v[i] = idx[i] >= 0 ? csv_field(row, idx[i]) : "";
		if (cols[i].required && !*v[i]) {
			err_at(L, t, row->line, idx[i],
			       "missing value for '%s'", cols[i].name);
			ok = 0;
		}
	}
	return ok ? 0 : -1;
}

/* The amended record, tipo and data of m from riferimento, tipo and data;
 * each problem reported; returns -1 if there was one. */
static int amendment_keys(loader *L, const csv_table *t, int line,
			  const int *idx, const char *const *v, amendment *m)
{
	static const char *const tipi[TIPO_COUNT] = {"inserito", "aggiornato",
						     "modificato", "eliminato"};
	int ok = 1;
	m->rec = plan_find(L->p, v[0]);
	/* A record not found may be among those that could not be read:
	 * their error is reported already. */
	const char *near =
		m->rec || L->any_incomplete
			? NULL
			: closest_codice(L->p, v[0], ~0u, &L->suggest_budget);
	if (near)
		err_at(L, t, line, idx[0],
		       "riferimento '%s' is not the codice of any record; "
		       "did you mean '%s'?",
		       v[0], near);
	else if (!m->rec && !L->any_incomplete)
		err_at(L, t, line, idx[0],
		       "riferimento '%s' is not the codice of any record",
		       v[0]);
	ok = m->rec != NULL;
	char f[32];
	text_fold(v[1], f, sizeof f);
	m->tipo = TIPO_COUNT;
	for (int k = 0; k < TIPO_COUNT; k++)
		if (!strcmp(f, tipi[k]))
			m->tipo = (mod_tipo)k;
	if (m->tipo == TIPO_COUNT) {
		err_at(L, t, line, idx[1],
		       "tipo must be inserito, aggiornato, modificato or "
		       "eliminato, not '%s'",
		       v[1]);
		ok = 0;
	}
	if (pdate_parse(v[2], &m->data) != 0) {
		err_at(L, t, line, idx[2],
		       "data '%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
		       v[2]);
		ok = 0;
	}
	return ok ? 0 : -1;
}

/* Add m to its record's list, kept oldest first (stable). */
static void file_amendment(amendment *m)
{
	amendment **pp = &m->rec->first;
	while (*pp && pdate_cmp(&(*pp)->data, &m->data) <= 0)
		pp = &(*pp)->next;
	m->next = *pp;
	*pp = m;
	if (!m->next)
		m->rec->last = m;
	m->rec->namend++;
}

static void load_modifiche(loader *L)
{
	plan *p = L->p;
	const colspec *cols = modifiche_cols;
	int idx[7];
	csv_table *t = read_csv(L, "modifiche.csv", 1, NULL);
	p->modifiche = NULL;
	p->n_modifiche = 0;
	if (!t || map_columns(L, t, cols, 7, idx, NULL) != 0)
		return;
	p->modifiche =
		arena_zalloc(&p->a, sizeof(amendment) * (size_t)t->nrows);
	for (int ri = 1; ri < t->nrows; ri++) {
		const csv_row *row = &t->rows[ri];
		amendment *m = &p->modifiche[p->n_modifiche];
		const char *v[7];
		if (row_values(L, t, row, cols, 7, idx, v) != 0 ||
		    amendment_keys(L, t, row->line, idx, v, m) != 0)
			continue;
		m->organo = *v[3] ? v[3] : p->doc.organo;
		m->numero = v[4];
		m->contesto = v[5];
		m->nota = v[6];
		m->line = row->line;
		m->file = t->name;
		m->seq = p->n_modifiche;
		file_amendment(m);
		p->n_modifiche++;
	}
}

/* The values of a monitoraggio row: indicatore and periodo are required,
 * and valore unless esito gives the verdict.  -1 after reporting. */
static int misura_values(loader *L, const csv_table *t, const csv_row *row,
			 const int *idx, const char **v)
{
	int ok = 1;
	check_width(L, t, row);
	for (int i = 0; i < 6; i++)
		v[i] = idx[i] >= 0 ? csv_field(row, idx[i]) : "";
	for (int i = 0; i < 2; i++)
		if (!*v[i]) {
			err_at(L, t, row->line, idx[i],
			       "missing value for '%s'",
			       monitoraggio_cols[i].name);
			ok = 0;
		}
	if (!*v[2] && !*v[3]) {
		err_at(L, t, row->line, idx[2],
		       "missing value for 'valore' (or 'esito')");
		ok = 0;
	}
	return ok ? 0 : -1;
}

/* The indicator whose codice is code, or NULL after reporting (nothing
 * when some indicators could not be read: that error is reported). */
static plan_rec *misura_indicator(loader *L, const csv_table *t, int line,
				  int col, const char *code)
{
	plan *p = L->p;
	plan_rec *r = plan_find(p, code);
	if (r && r->kind != REC_IND_STRAT && r->kind != REC_IND_OPER) {
		err_at(L, t, line, col,
		       "indicatore '%s' is not the codice of an indicator but "
		       "of a record of %s:%d",
		       code, r->file, r->line);
		return NULL;
	}
	if (r || L->incomplete[REC_IND_STRAT] || L->incomplete[REC_IND_OPER])
		return r;
	unsigned ind = (1u << REC_IND_STRAT) | (1u << REC_IND_OPER);
	const char *near = closest_codice(p, code, ind, &L->suggest_budget);
	if (near)
		err_at(L, t, line, col,
		       "indicatore '%s' is not the codice of an indicator; did "
		       "you mean '%s'?",
		       code, near);
	else
		err_at(L, t, line, col,
		       "indicatore '%s' is not the codice of an indicator",
		       code);
	return NULL;
}

static void load_monitoraggio(loader *L)
{
	plan *p = L->p;
	int idx[6];
	csv_table *t = read_csv(L, "monitoraggio.csv", 1, NULL);
	p->misure = NULL;
	p->n_misure = 0;
	if (!t || map_columns(L, t, monitoraggio_cols, 6, idx, NULL) != 0)
		return;
	p->misure = arena_zalloc(&p->a, sizeof(misura) * (size_t)t->nrows);
	for (int ri = 1; ri < t->nrows; ri++) {
		const csv_row *row = &t->rows[ri];
		misura *m = &p->misure[p->n_misure];
		const char *v[6];
		if (misura_values(L, t, row, idx, v) != 0)
			continue;
		m->indicatore = misura_indicator(L, t, row->line, idx[0], v[0]);
		int ok = m->indicatore != NULL;
		if (pdate_parse(v[1], &m->periodo) != 0 ||
		    (m->periodo.m && !m->periodo.d)) {
			err_at(L, t, row->line, idx[1],
			       "periodo '%s' must be a year (YYYY) or a date",
			       v[1]);
			ok = 0;
		}
		if (!ok)
			continue;
		m->valore = v[2];
		m->esito = v[3];
		m->nota = *v[4] ? v[4] : v[5]; /* scostamento: another name */
		m->line = row->line;
		m->file = t->name;
		p->n_misure++;
	}
}

/* One end of a link: the strategic objective whose codice is v, or NULL
 * after reporting (not found, or the codice of another kind of record;
 * nothing when some objectives could not be read). */
static obiettivo *link_end(loader *L, const csv_table *t, int line, int col,
			   const char *name, const char *v)
{
	plan_rec *r = plan_find(L->p, v);
	if (r && r->kind == REC_OBIETTIVO)
		return (obiettivo *)r;
	const char *near =
		r || L->incomplete[REC_OBIETTIVO]
			? NULL
			: closest_codice(L->p, v, 1u << REC_OBIETTIVO,
					 &L->suggest_budget);
	if (r)
		err_at(L, t, line, col,
		       "'%s' (column %s) is not a strategic objective but a "
		       "record of %s:%d",
		       v, name, r->file, r->line);
	else if (near)
		err_at(L, t, line, col,
		       "objective '%s' (column %s) not found in %s; did you "
		       "mean '%s'?",
		       v, name, kind_name(L, REC_OBIETTIVO), near);
	else if (!L->incomplete[REC_OBIETTIVO])
		err_at(L, t, line, col,
		       "objective '%s' (column %s) not found in %s", v, name,
		       kind_name(L, REC_OBIETTIVO));
	return NULL;
}

/* collegamenti.csv: the links of the strategy map, each end a strategic
 * objective and no objective linked to itself; duplicates and cycles are
 * found by plan_check_links (links.c). */
static void load_collegamenti(loader *L)
{
	plan *p = L->p;
	const colspec *cols = collegamenti_cols;
	int idx[3];
	csv_table *t = read_csv(L, "collegamenti.csv", 1, NULL);
	p->collegamenti = NULL;
	p->n_collegamenti = 0;
	if (!t || map_columns(L, t, cols, 3, idx, NULL) != 0)
		return;
	p->collegamenti =
		arena_zalloc(&p->a, sizeof(collegamento) * (size_t)t->nrows);
	for (int ri = 1; ri < t->nrows; ri++) {
		const csv_row *row = &t->rows[ri];
		collegamento *c = &p->collegamenti[p->n_collegamenti];
		const char *v[3];
		if (row_values(L, t, row, cols, 3, idx, v) != 0)
			continue;
		c->da = link_end(L, t, row->line, idx[0], "da", v[0]);
		c->a = link_end(L, t, row->line, idx[1], "a", v[1]);
		if (!c->da || !c->a)
			continue;
		if (c->da == c->a) {
			err_at(L, t, row->line, idx[1],
			       "objective '%s' is linked to itself", v[0]);
			continue;
		}
		c->nota = v[2];
		c->file = t->name;
		c->line = row->line;
		p->n_collegamenti++;
	}
}

/* documento's keys; the last one is read by `annex all` (main.c), not
 * here. */
static const char *const doc_known[] = {
	"documento:ente",
	"documento:titolo",
	"documento:allegato",
	"documento:organo",
	"documento:delibera_numero",
	"documento:delibera_data",
	"documento:anno",
	"documento:stato",
	"annex:documents",
};
#define DOC_KEYS 8 /* the values of documento */
static const char *const doc_help[DOC_KEYS] = {
	"Nome dell'ente",
	"Titolo del documento, p.es. Strategy Map 2021-2022",
	"p.es. All. 1.1",
	"p.es. Giunta camerale",
	"Numero della deliberazione; vuoto finché è una bozza",
	"Data della deliberazione (GG/MM/AAAA)",
	"Anno a cui si riferisce il piano",
	"bozza finché la Giunta non ha approvato, altrimenti approvato",
};

/* One value of documento: its text (NULL when the key is absent) and
 * where it was read: file and line, or a cell reference and line 0. */
typedef struct docval {
	const char *v;
	const char *file;
	int line;
} docval;

static void doc_from_ini(ini_doc *ini, const char *name, docval *dv)
{
	for (int i = 0; i < DOC_KEYS; i++) {
		int line;
		const char *v = ini_get(ini, doc_known[i], &line);
		dv[i] = (docval){v, name, line};
	}
}

/* The documento sheet of a workbook: key | value rows, with an optional
 * header row "chiave | valore". */
static void doc_from_sheet(loader *L, const csv_table *t, docval *dv)
{
	char at[512];
	for (int i = 0; i < DOC_KEYS; i++)
		dv[i] = (docval){NULL, t->name, 0};
	for (int r = 0; r < t->nrows; r++) {
		const csv_row *row = &t->rows[r];
		char f[64];
		text_fold(csv_field(row, 0), f, sizeof f);
		if (r == 0 && !strcmp(f, "chiave"))
			continue;
		int k = -1;
		for (int i = 0; i < DOC_KEYS; i++)
			if (!strcmp(f, doc_known[i] + 10))
				k = i;
		if (k < 0) {
			if (*f)
				warn_at(L, t, row->line, 0,
					"unknown key '%s' (not printed)",
					csv_field(row, 0));
			continue;
		}
		if (dv[k].v)
			warn_at(L, t, row->line, 0,
				"key '%s' appears twice; this row is used",
				doc_known[k] + 10);
		if (row->nfields > 2 && *csv_field(row, 2))
			warn_at(L, t, row->line, 2,
				"only the key and its value are read");
		const char *where = t->where(t, row->line, 1, at, sizeof at);
		dv[k] = (docval){csv_field(row, 1),
				 arena_strdup(&L->p->a, where), 0};
	}
}

/* Check and keep documento's values. */
static void doc_check(loader *L, const docval *dv)
{
	plan *p = L->p;
	documento *doc = &p->doc;
	const char **dst[] = {&doc->ente, &doc->titolo, &doc->allegato,
			      &doc->organo, &doc->delibera_numero};
	for (int i = 0; i < 5; i++) {
		const char *v = dv[i].v;
		if (v && *v) {
			size_t n;
			const char *s = text_trim(v, &n);
			*dst[i] = arena_strndup(&p->a, s, n);
		} else if (i < 2) {
			if (v)
				diag_error(L->d, dv[i].file, dv[i].line,
					   "empty key '%s'", doc_known[i] + 10);
			else
				diag_error(L->d, dv[i].file, dv[i].line,
					   "missing key '%s'",
					   doc_known[i] + 10);
		}
	}
	const docval *dd = &dv[5], *an = &dv[6];
	if (dd->v && *dd->v && pdate_parse(dd->v, &doc->delibera_data) != 0)
		diag_error(L->d, dd->file, dd->line,
			   "delibera_data '%s' is not a date (YYYY-MM-DD or "
			   "DD/MM/YYYY)",
			   dd->v);
	pdate y;
	if (!an->v || !*an->v)
		diag_error(L->d, an->file, an->line,
			   an->v ? "empty key 'anno'" : "missing key 'anno'");
	else if (pdate_parse(an->v, &y) != 0 || y.m)
		diag_error(L->d, an->file, an->line, "anno '%s' is not a year",
			   an->v);
	else
		doc->anno = y.y;
	const docval *st = &dv[7];
	if (st->v && *st->v) {
		if (text_eq_fold(st->v, "bozza"))
			doc->bozza = 1;
		else if (!text_eq_fold(st->v, "approvato"))
			diag_error(L->d, st->file, st->line,
				   "stato '%s' must be bozza or approvato",
				   st->v);
	}
}

/* documento.ini of the folder; for a workbook, the one beside it (which
 * wins over the documento sheet, with a warning) or the sheet. */
static void load_documento(loader *L)
{
	plan *p = L->p;
	documento *doc = &p->doc;
	const char *name = shown(L, "documento.ini");
	const char *path = plan_path(L, "documento.ini");
	docval dv[DOC_KEYS];
	doc->ente = doc->titolo = doc->allegato = doc->delibera_numero = "";
	doc->organo = "Giunta camerale";
	if (L->wb) {
		const char *slash = strrchr(p->dir, '/');
		int dl = slash ? (int)(slash - p->dir) : 0;
		name = slash ? arena_printf(&p->a, "%.*s/documento.ini", dl,
					    p->dir)
			     : "documento.ini";
		path = name;
		wb_sheet *sh = wb_sheet_find(L->wb, "documento");
		struct stat st;
		int has_ini = stat(path, &st) == 0;
		if (sh && has_ini)
			diag_warning(L->d, name, 0,
				     "both this file and the sheet 'documento' "
				     "of %s give the edition's data: this "
				     "file is used",
				     L->wb->name);
		if (sh && !has_ini) {
			doc->file = sh->t.name;
			doc_from_sheet(L, &sh->t, dv);
			doc_check(L, dv);
			return;
		}
		if (!has_ini) {
			diag_error(L->d, L->wb->name, 0,
				   "required sheet 'documento' is missing "
				   "(or a documento.ini beside the workbook)");
			return;
		}
	}
	doc->file = name;
	note_input(p, path);
	ini_doc *ini = ini_open(path, name, L->d);
	if (!ini)
		return;
	doc_from_ini(ini, name, dv);
	doc_check(L, dv);
	ini_get(ini, "annex:documents", NULL); /* main.c reads it */
	ini_warn_unused(ini, doc_known, DOC_KEYS + 1, L->d);
	ini_close(ini);
}

/* A sheet of a workbook plan that is no table of the plan is ignored,
 * with a warning. */
static void warn_unknown_sheets(loader *L)
{
	for (int i = 0; i < L->wb->nsheets; i++) {
		const wb_sheet *sh = &L->wb->sheets[i];
		int known = text_eq_fold(sh->name, "documento") ||
			    text_eq_fold(sh->name, "modifiche") ||
			    text_eq_fold(sh->name, "monitoraggio") ||
			    text_eq_fold(sh->name, "collegamenti");
		for (size_t f = 0; f < PLAN_FILES; f++) {
			char n[64];
			snprintf(n, sizeof n, "%.*s",
				 (int)strcspn(plan_files[f].file, "."),
				 plan_files[f].file);
			known |= text_eq_fold(sh->name, n);
		}
		if (!known)
			diag_warning(L->d, sh->t.name, 0,
				     "not a table of the plan; ignored");
	}
}

void plan_texts(const plan *p, plan_text_fn fn, void *ctx)
{
	const documento *doc = &p->doc;
	const char *dv[5] = {doc->ente, doc->titolo, doc->allegato, doc->organo,
			     doc->delibera_numero};
	static const char *const dk[5] = {"ente", "titolo", "allegato",
					  "organo", "delibera_numero"};
	for (int i = 0; i < 5; i++)
		fn(ctx, doc->file, 0, dk[i], dv[i]);
	for (size_t f = 0; f < PLAN_FILES; f++) {
		const filespec *fs = &plan_files[f];
		const char *base =
			*(char *const *)((const char *)p + fs->arr_off);
		int n = *(const int *)((const char *)p + fs->n_off);
		for (int i = 0; i < n; i++) {
			const char *rec = base + fs->size * (size_t)i;
			const plan_rec *pr = (const plan_rec *)rec;
			for (int c = 0; c < fs->ncols; c++)
				if (fs->cols[c].type == C_TEXT)
					fn(ctx, pr->file, pr->line,
					   fs->cols[c].name,
					   *(const char *const
						     *)(rec + fs->cols[c].off));
			if (fs->kind == REC_IND_STRAT)
				for (int y = 0; y < p->nyears; y++)
					fn(ctx, pr->file, pr->line, "target",
					   ((const ind_strat *)rec)->target[y]);
		}
	}
	for (int i = 0; i < p->n_modifiche; i++) {
		const amendment *m = &p->modifiche[i];
		const char *mv[4] = {m->organo, m->numero, m->contesto,
				     m->nota};
		static const char *const mk[4] = {"organo", "numero",
						  "contesto", "nota"};
		for (int k = 0; k < 4; k++)
			fn(ctx, m->file, m->line, mk[k], mv[k]);
	}
	for (int i = 0; i < p->n_misure; i++) {
		const misura *m = &p->misure[i];
		const char *mv[3] = {m->valore, m->esito, m->nota};
		static const char *const mk[3] = {"valore", "esito", "nota"};
		for (int k = 0; k < 3; k++)
			fn(ctx, m->file, m->line, mk[k], mv[k]);
	}
}

/* A final document should name every deliberation: one warning for all
 * the amendments without a number, at the first.  A draft prints them as
 * "n. ____" (the template's words). */
static void check_numbers(const plan *p, diag *d)
{
	const amendment *first = NULL;
	int n = 0;
	if (p->doc.bozza)
		return;
	for (int i = 0; i < p->n_modifiche; i++) {
		const amendment *m = &p->modifiche[i];
		if (*m->numero)
			continue;
		if (!first || m->line < first->line)
			first = m;
		n++;
	}
	if (n == 1)
		diag_warning(d, first->file, first->line,
			     "no deliberation number for the amendment of "
			     "'%s' (set stato = bozza in documento.ini while "
			     "it is pending)",
			     first->rec->codice);
	else if (n > 1)
		diag_warning(d, first->file, first->line,
			     "%d amendments have no deliberation number, the "
			     "first here ('%s'); a final document prints them "
			     "without one (set stato = bozza in documento.ini "
			     "while they are pending)",
			     n, first->rec->codice);
}

plan *plan_load(const char *dir, diag *d)
{
	return plan_load_draft(dir, 0, d);
}

plan *plan_load_draft(const char *dir, int draft, diag *d)
{
	plan *p = xcalloc(1, sizeof *p);
	p->doc.bozza = draft;
	loader L;
	int errors = d->errors;
	memset(&L, 0, sizeof L);
	arena_init(&p->a, 256 * 1024);
	arena_init(&L.scratch, 64 * 1024);
	L.p = p;
	L.d = d;
	L.suggest_budget = 50;
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	p->dir = arena_strndup(&p->a, dir, dl);
	struct stat st;
	int failed = 1;
	if (stat(p->dir, &st) != 0)
		diag_error(d, p->dir, 0, "cannot open the plan folder: %s",
			   strerror(errno));
	else if (S_ISREG(st.st_mode) && wb_kind_of(p->dir) != WB_NONE) {
		note_input(p, p->dir);
		failed = (L.wb = wb_read(p->dir, p->dir, &p->a, d)) == NULL;
	} else if (!S_ISDIR(st.st_mode))
		diag_error(d, p->dir, 0,
			   "not a folder: give the plan folder or a workbook "
			   "(.xlsx, .ods)");
	else
		failed = 0;
	if (failed) {
		arena_free(&L.scratch);
		plan_free(p);
		return NULL;
	}
	load_documento(&L);
	p->index_cap = 1024;
	p->index = arena_zalloc(&p->a, sizeof(plan_rec *) * p->index_cap);
	for (size_t i = 0; i < PLAN_FILES; i++)
		load_records(&L, &plan_files[i]);
	load_modifiche(&L);
	check_numbers(p, d);
	load_monitoraggio(&L);
	load_collegamenti(&L);
	plan_check_links(p, d);
	if (L.wb)
		warn_unknown_sheets(&L);
	arena_free(&L.scratch);
	if (d->errors > errors) {
		plan_free(p);
		return NULL;
	}
	return p;
}

size_t plan_input_size(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return 0;
	if (S_ISREG(st.st_mode))
		return (size_t)st.st_size;
	DIR *d = S_ISDIR(st.st_mode) ? opendir(dir) : NULL;
	size_t total = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".csv") != 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			total += (size_t)st.st_size;
	}
	if (d)
		closedir(d);
	return total;
}

int plan_count(const plan *p, rec_kind k)
{
	return *(const int *)((const char *)p + plan_files[k].n_off);
}

plan_rec *plan_record(const plan *p, rec_kind k, int i)
{
	const filespec *fs = &plan_files[k];
	char *base = *(char *const *)((const char *)p + fs->arr_off);
	return (plan_rec *)(base + fs->size * (size_t)i);
}

void plan_free(plan *p)
{
	if (!p)
		return;
	arena_free(&p->a);
	free(p);
}

/* ---- the schema, for export and init ---------------------------------- */

typedef struct table_schema {
	const char *file;
	int optional;
	const colspec *cols;
	int ncols;
} table_schema;

static table_schema schema(int t)
{
	int nf = PLAN_FILES;
	if (t < nf)
		return (table_schema){plan_files[t].file,
				      plan_files[t].optional,
				      plan_files[t].cols, plan_files[t].ncols};
	if (t == nf)
		return (table_schema){"modifiche.csv", 1, modifiche_cols,
				      (int)(sizeof modifiche_cols /
					    sizeof modifiche_cols[0])};
	if (t == nf + 2)
		return (table_schema){"collegamenti.csv", 1, collegamenti_cols,
				      (int)(sizeof collegamenti_cols /
					    sizeof collegamenti_cols[0])};
	return (table_schema){
		"monitoraggio.csv", 1, monitoraggio_cols,
		(int)(sizeof monitoraggio_cols / sizeof monitoraggio_cols[0])};
}

int plan_schema_tables(void)
{
	return PLAN_FILES + 3;
}

const char *plan_schema_table(int t, int *optional)
{
	table_schema ts = schema(t);
	if (optional)
		*optional = ts.optional;
	return ts.file;
}

int plan_schema_columns(int t, plan_column *out, int max)
{
	table_schema ts = schema(t);
	int n = 0;
	for (int i = 0; i < ts.ncols && n < max; i++)
		out[n++] = (plan_column){ts.cols[i].name, ts.cols[i].required,
					 ts.cols[i].help, ts.cols[i].choices};
	return n;
}

int plan_schema_documento(plan_column *out, int max)
{
	int n = 0;
	for (int i = 0; i < DOC_KEYS && n < max; i++)
		out[n++] = (plan_column){doc_known[i] + 10, i < 2 || i == 6,
					 doc_help[i], NULL};
	return n;
}
