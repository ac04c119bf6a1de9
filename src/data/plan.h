/*
 * plan.h - the plan model: what a plan folder says, checked and linked.
 *
 * data/load.c fills a plan from the CSV files and documento.ini of a plan
 * folder; everything after it reads the plan and never the files.  All of
 * a plan's memory is in its arena: plan_free() releases it at once.
 *
 * Every record has a plan_rec header: its codice, where it was read, and
 * the amendments (modifiche.csv) that point at it, oldest first.  Links
 * between records are pointers, resolved and checked at load.
 */
#ifndef ANNEX_PLAN_H
#define ANNEX_PLAN_H

#include "itdate.h"
#include "../util/arena.h"
#include "../util/diag.h"

#include <stddef.h>

typedef enum {
	TIPO_INSERITO,
	TIPO_AGGIORNATO,
	TIPO_MODIFICATO,
	TIPO_ELIMINATO,
	TIPO_COUNT
} mod_tipo;

typedef enum {
	REC_MISSIONE,
	REC_PROSPETTIVA,
	REC_OBIETTIVO,
	REC_IND_STRAT,
	REC_PROGRAMMA,
	REC_OB_OPER,
	REC_IND_OPER,
	REC_KIND_COUNT
} rec_kind;

typedef struct amendment amendment;

typedef struct plan_rec {
	const char *codice;
	const char *file;
	int line;
	rec_kind kind;
	amendment *first, *last; /* oldest first */
	int namend;
} plan_rec;

struct amendment {
	plan_rec *rec;
	mod_tipo tipo;
	pdate data;
	const char *organo;   /* never NULL: documento organo by default */
	const char *numero;   /* "" when missing */
	const char *contesto; /* "" when missing */
	const char *nota;     /* "" when missing */
	const char *file;     /* modifiche.csv, as shown in diagnostics */
	int line;	      /* in modifiche.csv */
	int seq;	      /* file order, for a stable date sort */
	amendment *next;      /* next amendment of the same record */
};

/* What an indicator's values are (tipo_valore; eval.h says how it is
 * used and inferred when absent). */
typedef enum {
	VK_NONE,	/* not declared */
	VK_RAPPORTO,	/* a ratio: the value is the quotient itself */
	VK_CONTEGGIO,	/* a count or an amount */
	VK_PERCENTUALE, /* a percentage */
	VK_COUNT
} value_kind;

/* The words of value_kind as tipo_valore writes them ("" for VK_NONE). */
extern const char *const value_kind_names[VK_COUNT];

typedef struct missione {
	plan_rec r;
	const char *denominazione;
} missione;

typedef struct prospettiva {
	plan_rec r;
	const char *denominazione;
	double peso; /* in the plan's roll-up, default 1 */
} prospettiva;

typedef struct obiettivo {
	plan_rec r;
	const char *titolo;
	missione *missione;
	prospettiva *prospettiva; /* NULL when not given */
	double peso;		  /* in its perspective's roll-up, default 1 */
} obiettivo;

typedef struct ind_strat {
	plan_rec r;
	obiettivo *obiettivo;
	const char *descrizione;
	const char *owner;
	int decreasing;
	double peso;
	const char **target; /* plan.nyears entries, "" when empty */
	int tipo_valore;     /* value_kind */
	double soglia_piena, soglia_parziale; /* 0..10 (1 = 100%), NAN */
} ind_strat;

typedef struct programma {
	plan_rec r;
	obiettivo *obiettivo;
	const char *titolo, *benefici, *risorse;
	double peso; /* in its objective's roll-up, default 1 */
} programma;

typedef struct ob_oper {
	plan_rec r;
	programma *programma;
	const char *descrizione, *risorse;
} ob_oper;

typedef struct ind_oper {
	plan_rec r;
	ob_oper *ob_oper;
	const char *descrizione, *target, *strutture;
	int albero, produttivita, decreasing;
	double peso;
	int tipo_valore;		      /* value_kind */
	double soglia_piena, soglia_parziale; /* 0..10 (1 = 100%), NAN */
} ind_oper;

typedef struct misura {
	plan_rec *indicatore;
	pdate periodo; /* y only for a year-end value */
	const char *valore, *esito, *nota;
	const char *file; /* monitoraggio.csv, as shown in diagnostics */
	int line;
} misura;

/* A link of collegamenti.csv: strategic objective da sustains objective a
 * (an arrow of the strategy map, from da to a). */
typedef struct collegamento {
	obiettivo *da, *a;
	const char *nota; /* "" when missing */
	const char *file; /* collegamenti.csv, as shown in diagnostics */
	int line;
} collegamento;

typedef struct documento {
	const char *ente, *titolo, *allegato, *organo, *delibera_numero;
	pdate delibera_data; /* y == 0 when missing */
	int anno;
	int bozza;	  /* stato = bozza (or annex --draft): not approved */
	const char *file; /* path shown in diagnostics */
} documento;

#define PLAN_ARRAY(type, name)                                                 \
	type *name;                                                            \
	int n_##name

#define PLAN_MAX_INPUTS 32

typedef struct plan {
	arena a;
	const char *dir;
	/* Every file of the folder the loader read (paths as opened): an
	 * output must not be one of them. */
	const char *inputs[PLAN_MAX_INPUTS];
	int ninputs;
	documento doc;
	PLAN_ARRAY(missione, missioni);
	PLAN_ARRAY(prospettiva, prospettive);
	PLAN_ARRAY(obiettivo, obiettivi);
	PLAN_ARRAY(ind_strat, ind_strat);
	PLAN_ARRAY(programma, programmi);
	PLAN_ARRAY(ob_oper, ob_oper);
	PLAN_ARRAY(ind_oper, ind_oper);
	PLAN_ARRAY(amendment, modifiche);
	PLAN_ARRAY(misura, misure);
	PLAN_ARRAY(collegamento, collegamenti); /* file order, checked */
	int *years; /* the target_YYYY columns, ascending */
	int nyears;
	/* codice -> record, open addressing */
	plan_rec **index;
	size_t index_cap, index_used;
} plan;

/*
 * What each record file holds, as load.c reads it: one filespec per file,
 * in reading order (plan_files[i].kind == i), with its columns.  Other
 * stages walk the same table (plan_diff compares records column by
 * column) instead of naming the fields again.
 */
typedef enum {
	C_CODICE,   /* the record's codice */
	C_TEXT,	    /* const char * */
	C_REF,	    /* pointer to a record of kind ref */
	C_FLAG,	    /* int: X, sì, si, 1 */
	C_POLARITY, /* int decreasing: crescente | decrescente */
	C_WEIGHT,   /* double > 0, default 1 */
	C_VKIND,    /* int value_kind: rapporto | conteggio | percentuale */
	C_SHARE,    /* double: a percentage, 0-1000 ("95" or "95%" = 0.95),
		       NAN when empty */
} col_type;

typedef struct colspec {
	const char *name;
	int required;
	col_type type;
	size_t off;
	rec_kind ref;
	const char *help;    /* for the workbook's header comments (export) */
	const char *choices; /* "a,b": a drop-down list in the workbook */
} colspec;

typedef struct filespec {
	const char *file;
	int optional;
	rec_kind kind;
	size_t size;
	const colspec *cols;
	int ncols;
	size_t arr_off, n_off; /* where the array and its count live in plan */
} filespec;

#define PLAN_FILES REC_KIND_COUNT
extern const filespec plan_files[PLAN_FILES];

/* Record i of kind k (0 <= i < plan_count(p, k)). */
int plan_count(const plan *p, rec_kind k);
plan_rec *plan_record(const plan *p, rec_kind k, int i);

/* Load the plan folder dir.  Problems are reported to d; returns NULL when
 * there were errors (d->errors > 0). */
plan *plan_load(const char *dir, diag *d);
/* The same for a draft (annex --draft): as if documento.ini said stato =
 * bozza.  A final document gets one warning counting its amendments
 * without a deliberation number. */
plan *plan_load_draft(const char *dir, int draft, diag *d);
/* The bytes of the plan at dir as read (its CSV files, or the workbook):
 * for sizing what a run will use; 0 when there is nothing to read. */
size_t plan_input_size(const char *dir);
void plan_free(plan *p);

/* Call fn for every text of the plan that a document may print: each
 * text column of each record, the yearly targets, the amendments' and
 * measures' texts, documento.ini's values; with the file and line it was
 * read from and the column's name. */
typedef void (*plan_text_fn)(void *ctx, const char *file, int line,
			     const char *column, const char *text);
void plan_texts(const plan *p, plan_text_fn fn, void *ctx);

/* The links of collegamenti.csv once read (data/links.c): a link given
 * twice is a warning at its later line, naming the first, and is dropped;
 * a link that closes a cycle of links (1 -> 2 -> 3 -> 1: each objective
 * would sustain itself) is an error at its line, naming the cycle. */
void plan_check_links(plan *p, diag *d);

/* The record with this codice, or NULL. */
plan_rec *plan_find(const plan *p, const char *codice);
/* The latest amendment of r is "eliminato". */
int plan_removed(const plan_rec *r);
/* The one removal rule: the record whose removal removes r (r itself, or
 * the objective, programme, operational objective, mission or perspective
 * it belongs to), NULL when r is in force.  Every part prints r as removed
 * when this is not NULL; the amendment that removed it prints on that
 * record only. */
const plan_rec *plan_removed_by(const plan_rec *r);

/* The tables of a plan as data/load.c reads them, from its own tables,
 * for `annex export` and `annex init` (data/export.c): the files in the
 * order of the input spec, each column's name, whether it is required, a
 * short help (Italian, for the workbook's header comments) and, for a
 * closed list of values, the choices ("a,b,c"; otherwise NULL). */
typedef struct plan_column {
	const char *name;
	int required;
	const char *help;
	const char *choices;
} plan_column;
int plan_schema_tables(void);
/* "missioni.csv", ...; *optional (if not NULL) whether it may be absent. */
const char *plan_schema_table(int t, int *optional);
int plan_schema_columns(int t, plan_column *out, int max);
/* documento's keys (ente, titolo, ...), in the order of documento.ini. */
int plan_schema_documento(plan_column *out, int max);

#endif
