/*
 * template.c - reading templates/NAME.ini (see template.h).
 *
 * Every key is one row of a table below (keys.h): name, type, the field
 * of tpl it fills, default, range and help.  The defaults are the look of
 * All. 1.1, so the shipped templates stay short.  After the tables are
 * read, finish() derives what depends on several keys (the page size,
 * the parts, the checks across keys).  Paths in [fonts] and [output] icc
 * are relative to the template's folder.
 *
 * Adding a key: a field in tpl (template.h) and a row here, in the table
 * of its section; `annex template-keys` and the README's reference follow
 * (`make readme-keys`).
 */
#include "template.h"
#include "phrase.h"
#include "../data/ini.h"

#include <stdlib.h>
#include <string.h>

#define OFF(f) offsetof(tpl, f)
#define REL(f) offsetof(tpl, rel.f)

static const char *const yes_no[] = {"no", "yes", NULL};
static const char *const amend_names[] = {"contesto", "organo", "numero",
					  "data",     "tipo",	NULL};
static const char *const doc_names[] = {
	"ente",		 "titolo", "allegato", "organo", "delibera_numero",
	"delibera_data", "anno",   "page",     "pages",	 NULL};
static const char *const band_names[] = {"codice", "denominazione", NULL};
static const char *const group_names[] = {"codice", "titolo", NULL};

static const char *const part_names[PART_COUNT + 1] = {
	"cruscotto", "mappa", "registro", "relazione", NULL};

static int is_pdfa(const void *t)
{
	return ((const tpl *)t)->pdfa;
}

/* The columns of the annex's tables. */
static const tpl_coldef cruscotto_cols[] = {
	{"descrizione", "34", "left", "Indicatore"},
	{"anni", "6.5", "center", ""},
	{"owner", "12", "left", "Owner"},
	{"note", "24", "left", "Note"},
	{NULL, NULL, NULL, NULL},
};
static const tpl_coldef mappa_cols[] = {
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
	{NULL, NULL, NULL, NULL},
};
static const tpl_coldef registro_cols[] = {
	{"data", "9.5", "left", "Data"},
	{"organo", "10", "left", "Organo"},
	{"numero", "5", "center", "Numero"},
	{"tipo", "8", "left", "Tipo"},
	{"codice", "7", "left", "Codice"},
	{"record", "40", "left", "Elemento modificato"},
	{"nota", "20.5", "left", "Nota"},
	{NULL, NULL, NULL, NULL},
};

#define AMEND_DEF(word, ctx)                                                   \
	word ctx " con deliberazione della {organo}[ n. {numero}][ del "       \
		 "{data}]"

/* The document's keys, in the order they are read (which is also the
 * order of "did you mean" among equally close keys). */
static const tpl_key doc_keys[] = {
	TK_ROW("document:parts", TK_LIST, OFF(part_list),
	       "cruscotto, mappa, registro", 0, 0, NULL,
	       "the parts, in order: cruscotto, mappa, registro, relazione"),
	TK_ROW("document:title", TK_PHRASE, OFF(title), "{titolo}", 0, 0,
	       doc_names, "title on the first page and in the PDF's Info"),
	TK_ROW("document:subtitle", TK_PHRASE, OFF(subtitle),
	       "{ente}[ - {allegato}]", 0, 0, doc_names,
	       "line under the title; the PDF's Subject"),
	TK_ROW("document:compress", TK_ENUM, OFF(compress), "yes", 0, 0, yes_no,
	       "deflate the page content"),
	TK_ROW("output:pdfa", TK_ENUM, OFF(pdfa), "2u", 0, 0,
	       ((const char *const[]){"none", "2u", NULL}),
	       "PDF/A-2u, or a plain PDF"),
	{"output:icc", TK_FILE, OFF(icc_path), "../fonts/sRGB.icc", 0, 0, NULL,
	 "ICC profile of the PDF/A output intent", is_pdfa},
	TK_ROW("page:size", TK_ENUM, OFF(page_size), "A4", 0, 0,
	       ((const char *const[]){"A4", "A3", NULL}), "paper size"),
	TK_ROW("page:orientation", TK_ENUM, OFF(orientation), "landscape", 0, 0,
	       ((const char *const[]){"landscape", "portrait", NULL}),
	       "page orientation"),
	TK_ROW("page:margin_left", TK_LENGTH, OFF(geo.left), "12mm", 0, 2000,
	       NULL, "left margin"),
	TK_ROW("page:margin_right", TK_LENGTH, OFF(geo.right), "12mm", 0, 2000,
	       NULL, "right margin"),
	TK_ROW("page:margin_top", TK_LENGTH, OFF(geo.top), "16mm", 0, 2000,
	       NULL, "top margin; the running header sits in it"),
	TK_ROW("page:margin_bottom", TK_LENGTH, OFF(geo.bottom), "14mm", 0,
	       2000, NULL, "bottom margin; the running footer sits in it"),
	TK_ROW("fonts:regular", TK_FILE, OFF(font_path[FONT_REGULAR]),
	       "../fonts/LiberationSans-Regular.ttf", 0, 0, NULL,
	       "TrueType font of regular text"),
	TK_ROW("fonts:bold", TK_FILE, OFF(font_path[FONT_BOLD]),
	       "../fonts/LiberationSans-Bold.ttf", 0, 0, NULL,
	       "TrueType font of bold text"),
	TK_ROW("fonts:italic", TK_FILE, OFF(font_path[FONT_ITALIC]),
	       "../fonts/LiberationSans-Italic.ttf", 0, 0, NULL,
	       "TrueType font of italic text"),
	TK_ROW("styles:title", TK_STYLE, OFF(styles[ST_TITLE]),
	       "bold 16 1F3864", 0, 0, NULL, "document title"),
	TK_ROW("styles:part", TK_STYLE, OFF(styles[ST_PART]), "bold 12 1F3864",
	       0, 0, NULL, "part headings and the subtitle"),
	TK_ROW("styles:band", TK_STYLE, OFF(styles[ST_BAND]), "bold 9 FFFFFF",
	       0, 0, NULL, "perspective and mission bands"),
	TK_ROW("styles:group", TK_STYLE, OFF(styles[ST_GROUP]),
	       "bold 8.5 1F3864", 0, 0, NULL, "strategic objective rows"),
	TK_ROW("styles:header", TK_STYLE, OFF(styles[ST_HEADER]),
	       "bold 8 000000", 0, 0, NULL, "table header cells"),
	TK_ROW("styles:body", TK_STYLE, OFF(styles[ST_BODY]),
	       "regular 8 000000", 0, 0, NULL, "table cells"),
	TK_ROW("styles:note", TK_STYLE, OFF(styles[ST_NOTE]),
	       "regular 7 333333", 0, 0, NULL, "amendment notes and footnotes"),
	TK_ROW("styles:running", TK_STYLE, OFF(styles[ST_RUNNING]),
	       "regular 7 555555", 0, 0, NULL, "running header and footer"),
	TK_ROW("colors:perspective_fill", TK_COLOUR, OFF(band_fill[0]),
	       "1F3864", 0, 0, NULL, "background of perspective bands"),
	TK_ROW("colors:mission_fill", TK_COLOUR, OFF(band_fill[1]), "2F5496", 0,
	       0, NULL, "background of mission bands"),
	TK_ROW("colors:objective_fill", TK_COLOUR, OFF(group_fill), "D9E2F3", 0,
	       0, NULL, "background of strategic objective rows"),
	TK_ROW("colors:header_fill", TK_COLOUR, OFF(header_fill), "E7E6E6", 0,
	       0, NULL, "background of table headers"),
	TK_ROW("colors:border", TK_COLOUR, OFF(border_color), "8EA9DB", 0, 0,
	       NULL, "table rules and the hairline under the header"),
	TK_ROW("colors:removed", TK_COLOUR, OFF(removed_color), "808080", 0, 0,
	       NULL, "text of removed records"),
	TK_ROW("table:border_width", TK_NUMBER, OFF(border_width), "0.5", 0, 5,
	       NULL, "width of table rules, points"),
	TK_ROW("table:padding_x", TK_LENGTH, OFF(pad_x), "2.5pt", 0, 2000, NULL,
	       "space left and right of a cell's text"),
	TK_ROW("table:padding_y", TK_LENGTH, OFF(pad_y), "2pt", 0, 2000, NULL,
	       "space above and below a cell's text"),
	TK_ROW("table:segue", TK_TEXT, OFF(segue), "(segue)", 0, 0, NULL,
	       "added to rows repeated after a page break"),
	TK_ROW("table:span", TK_ENUM, OFF(span_repeat), "repeat", 0, 0,
	       ((const char *const[]){"continue", "repeat", NULL}),
	       "a spanning cell cut by a page break repeats its text or goes "
	       "on with the rest"),
	TK_ROW("table:part_gap", TK_LENGTH, OFF(part_gap), "10pt", 0, 2000,
	       NULL, "space before a part heading"),
	TK_ROW("header:left", TK_PHRASE, OFF(header[0]),
	       "{allegato} D GC[ n. {delibera_numero}][ del "
	       "{delibera_data:num}]",
	       0, 0, doc_names, "running header, left"),
	TK_ROW("footer:left", TK_PHRASE, OFF(footer[0]), "{ente}", 0, 0,
	       doc_names, "running footer, left"),
	TK_ROW("header:center", TK_PHRASE, OFF(header[1]), "", 0, 0, doc_names,
	       "running header, centre"),
	TK_ROW("footer:center", TK_PHRASE, OFF(footer[1]), "", 0, 0, doc_names,
	       "running footer, centre"),
	TK_ROW("header:right", TK_PHRASE, OFF(header[2]), "{titolo}", 0, 0,
	       doc_names, "running header, right"),
	TK_ROW("footer:right", TK_PHRASE, OFF(footer[2]),
	       "Pagina {page} di {pages}", 0, 0, doc_names,
	       "running footer, right"),
	TK_ROW("cruscotto:title", TK_TEXT, OFF(table[PART_CRUSCOTTO].title),
	       "CRUSCOTTO STRATEGICO", 0, 0, NULL, "heading of the cruscotto"),
	TK_ROW("cruscotto:columns", TK_COLUMNS, OFF(table[PART_CRUSCOTTO]),
	       NULL, 0, 0, cruscotto_cols,
	       "the cruscotto's columns, in order (anni: one per target year)"),
	TK_ROW("mappa:title", TK_TEXT, OFF(table[PART_MAPPA].title),
	       "STRATEGY MAP - PIANO OPERATIVO", 0, 0, NULL,
	       "heading of the strategy map"),
	TK_ROW("mappa:columns", TK_COLUMNS, OFF(table[PART_MAPPA]), NULL, 0, 0,
	       mappa_cols, "the strategy map's columns, in order"),
	TK_ROW("registro:title", TK_TEXT, OFF(table[PART_REGISTRO].title),
	       "REGISTRO DELLE MODIFICHE", 0, 0, NULL,
	       "heading of the register of amendments"),
	TK_ROW("registro:columns", TK_COLUMNS, OFF(table[PART_REGISTRO]), NULL,
	       0, 0, registro_cols, "the register's columns, in order"),
	TK_ROW("relazione:title", TK_TEXT, OFF(table[PART_RELAZIONE].title),
	       "RELAZIONE SULLA PERFORMANCE", 0, 0, NULL,
	       "heading of the relazione when it is not the first part"),
	TK_ROW("amendments:inserito", TK_PHRASE, OFF(phrase[TIPO_INSERITO]),
	       AMEND_DEF("Inserito", "[ in sede di {contesto}]"), 0, 0,
	       amend_names, "note of an insertion"),
	TK_ROW("amendments:aggiornato", TK_PHRASE, OFF(phrase[TIPO_AGGIORNATO]),
	       AMEND_DEF("Aggiornato", "[ in sede di {contesto}]"), 0, 0,
	       amend_names, "note of an update"),
	TK_ROW("amendments:modificato", TK_PHRASE, OFF(phrase[TIPO_MODIFICATO]),
	       AMEND_DEF("Modificato", "[ {contesto}]"), 0, 0, amend_names,
	       "note of a change"),
	TK_ROW("amendments:eliminato", TK_PHRASE, OFF(phrase[TIPO_ELIMINATO]),
	       AMEND_DEF("Eliminato", "[ in sede di {contesto}]"), 0, 0,
	       amend_names, "note of a removal"),
	TK_ROW("amendments:separator", TK_TEXT, OFF(note_sep), "\\n", 0, 0,
	       NULL, "between the notes of one cell (\\n: a line break)"),
	TK_ROW("amendments:removed", TK_ENUM, OFF(removed), "strike", 0, 0,
	       ((const char *const[]){"strike", "grey", "hide", NULL}),
	       "how removed records print"),
	TK_ROW("amendments:footnotes", TK_ENUM, OFF(footnotes), "page", 0, 0,
	       ((const char *const[]){"page", "part", "inline", NULL}),
	       "where an amendment's nota goes"),
	TK_ROW("text:notes", TK_TEXT, OFF(notes_title), "Note", 0, 0, NULL,
	       "heading of the notes at the end of a part"),
	TK_ROW("text:label.missione", TK_TEXT, OFF(kind_label[REC_MISSIONE]),
	       "Missione", 0, 0, NULL, "name of a mission"),
	TK_ROW("text:label.prospettiva", TK_TEXT,
	       OFF(kind_label[REC_PROSPETTIVA]), "Prospettiva", 0, 0, NULL,
	       "name of a perspective"),
	TK_ROW("text:label.obiettivo", TK_TEXT, OFF(kind_label[REC_OBIETTIVO]),
	       "Obiettivo strategico", 0, 0, NULL,
	       "name of a strategic objective"),
	TK_ROW("text:label.indicatore_strategico", TK_TEXT,
	       OFF(kind_label[REC_IND_STRAT]), "Indicatore strategico", 0, 0,
	       NULL, "name of a strategic indicator"),
	TK_ROW("text:label.programma", TK_TEXT, OFF(kind_label[REC_PROGRAMMA]),
	       "Programma", 0, 0, NULL, "name of a programme"),
	TK_ROW("text:label.obiettivo_operativo", TK_TEXT,
	       OFF(kind_label[REC_OB_OPER]), "Obiettivo operativo", 0, 0, NULL,
	       "name of an operational objective"),
	TK_ROW("text:label.indicatore_operativo", TK_TEXT,
	       OFF(kind_label[REC_IND_OPER]), "Indicatore operativo", 0, 0,
	       NULL, "name of an operational indicator"),
	TK_ROW("text:tipo.inserito", TK_TEXT, OFF(tipo_label[TIPO_INSERITO]),
	       "Inserito", 0, 0, NULL, "register's Tipo of an insertion"),
	TK_ROW("text:tipo.aggiornato", TK_TEXT,
	       OFF(tipo_label[TIPO_AGGIORNATO]), "Aggiornato", 0, 0, NULL,
	       "register's Tipo of an update"),
	TK_ROW("text:tipo.modificato", TK_TEXT,
	       OFF(tipo_label[TIPO_MODIFICATO]), "Modificato", 0, 0, NULL,
	       "register's Tipo of a change"),
	TK_ROW("text:tipo.eliminato", TK_TEXT, OFF(tipo_label[TIPO_ELIMINATO]),
	       "Eliminato", 0, 0, NULL, "register's Tipo of a removal"),
	TK_ROW("document:keywords", TK_PHRASE, OFF(keywords),
	       "{allegato}, {titolo}, {ente}", 0, 0, doc_names,
	       "the PDF's Keywords"),
	TK_ROW("text:months", TK_LIST, OFF(months),
	       "gennaio, febbraio, marzo, aprile, maggio, giugno, luglio, "
	       "agosto, settembre, ottobre, novembre, dicembre",
	       12, 12, NULL, "month names, January first"),
	TK_ROW("text:mark", TK_TEXT, OFF(yes_mark), "X", 0, 0, NULL,
	       "the mark of the Albero and Produttività columns"),
	TK_ROW("text:perspective", TK_PHRASE, OFF(band_format[0]),
	       "{denominazione}", 0, 0, band_names,
	       "text of a perspective band"),
	TK_ROW("text:mission", TK_PHRASE, OFF(band_format[1]),
	       "{codice} {denominazione}", 0, 0, band_names,
	       "text of a mission band"),
	TK_ROW("text:objective", TK_PHRASE, OFF(group_format),
	       "{codice}. {titolo}", 0, 0, group_names,
	       "text of a strategic objective row"),
};

/* ---- the Relazione sulla performance (tpl_relazione) ---------------- */

static const tpl_coldef rel_summary_cols[] = {
	{"obiettivo", "50", "left", "Obiettivo strategico"},
	{"grado", "7", "right", "Grado"},
	{"barra", "27", "left", "Grado di raggiungimento (0-100%)"},
	{"esito", "16", "left", "Esito"},
	{NULL, NULL, NULL, NULL},
};
static const tpl_coldef rel_detail_cols[] = {
	{"indicatore", "29", "left", "Indicatore"},
	{"target", "9", "center", "Target"},
	{"valore", "10", "center", "Valore"},
	{"monitoraggio", "11", "left", "Monitoraggio intermedio"},
	{"grado", "7", "right", "Grado"},
	{"esito", "14", "left", "Esito"},
	{"note", "20", "left", "Note"},
	{NULL, NULL, NULL, NULL},
};
static const tpl_coldef rel_nv_cols[] = {
	{"indicatore", "40", "left", "Indicatore"},
	{"target", "10", "center", "Target"},
	{"valore", "10", "center", "Valore"},
	{"motivo", "18", "left", "Motivo"},
	{"note", "22", "left", "Note"},
	{NULL, NULL, NULL, NULL},
};

static const char *const label_names[] = {"codice", "titolo", "denominazione",
					  NULL};
static const char *const esito_names[] = {"esito", NULL};
static const char *const crit_names[] = {"pieno", "parziale",	"quota",
					 "tetto", "tolleranza", NULL};
static const char *const ratio_names[] = {"rapporto", "valore", "precedente",
					  "anno_precedente", NULL};
static const char *const interim_names[] = {"data", "valore", NULL};

#define ESITO(k, i, word, colour)                                              \
	TK_ROW("relazione:esito." k, TK_TEXT, REL(esito[i]), word, 0, 0, NULL, \
	       "verdict word: " word),                                         \
		TK_ROW("relazione:color." k, TK_COLOUR, REL(esito_color[i]),   \
		       colour, 0, 0, NULL, "bar colour: " word)
/* Reasons follow ev_reason in data/eval.h; [0], "evaluated", has no key. */
#define REASON(k, i, text)                                                     \
	TK_ROW("relazione:reason." k, TK_TEXT, REL(reason[i]), text, 0, 0,     \
	       NULL, "why an indicator is not evaluable")
/* Levels follow ev_level in data/eval.h. */
#define LEVEL(k, i, word, lab)                                                 \
	TK_ROW("relazione:level." k, TK_TEXT, REL(level[i]), word, 0, 0, NULL, \
	       "level word (open data livello)"),                              \
		TK_ROW("relazione:label." k, TK_PHRASE, REL(label[i]), lab, 0, \
		       0, label_names, "row label of the level")

static const tpl_key rel_keys[] = {
	TK_ROW("relazione:full", TK_NUMBER, REL(full), "100", 1, 1000, NULL,
	       "degree (percent) from which a target is raggiunto"),
	TK_ROW("relazione:partial", TK_NUMBER, REL(partial), "60", 0, 1000,
	       NULL,
	       "degree (percent) from which a target is parzialmente "
	       "raggiunto; at most full"),
	TK_ROW("relazione:allow_over", TK_ENUM, REL(allow_over), "no", 0, 0,
	       yes_no, "report degrees above 100%"),
	TK_ROW("relazione:grace_days", TK_INT, REL(grace_days), "0", 0, 366,
	       NULL, "tolerance on deadlines, days"),
	TK_ROW("relazione:strategic_share", TK_NUMBER, REL(share_strategic),
	       "50", 0, 100, NULL,
	       "percent of an objective's degree given by its strategic "
	       "indicators"),
	/* Colour-blind-safe: blue, orange and dark red stay apart under
	 * protanopia, deuteranopia and tritanopia (README). */
	ESITO("non_valutabile", 0, "non valutabile", "9E9E9E"),
	ESITO("non_raggiunto", 1, "non raggiunto", "8B1A1A"),
	ESITO("parzialmente_raggiunto", 2, "parzialmente raggiunto", "E69F00"),
	ESITO("raggiunto", 3, "raggiunto", "0072B2"),
	REASON("no_target", 1, "Nessun target per l'anno"),
	REASON("baseline", 2,
	       "Anno di rilevazione: il valore è solo registrato"),
	REASON("text_target", 3,
	       "Target non misurabile e nessun esito nel monitoraggio"),
	REASON("no_value", 4, "Nessun valore rilevato per l'anno"),
	REASON("bad_value", 5, "Valore rilevato non leggibile"),
	REASON("kind_mismatch", 6,
	       "Valore rilevato non confrontabile con il target"),
	REASON("no_previous", 7, "Manca il valore dell'anno di confronto"),
	REASON("manual", 8, "Dichiarato non valutabile nel monitoraggio"),
	REASON("interim_only", 9,
	       "Solo valori intermedi: manca il valore di fine anno"),
	REASON("zero_previous", 10,
	       "Valore dell'anno precedente nullo: rapporto non calcolabile"),
	REASON("removed", 11, "Eliminato dal piano"),
	REASON("no_evaluable", 12, "Nessun indicatore valutabile"),
	LEVEL("plan", 0, "piano", "Piano nel complesso"),
	LEVEL("perspective", 1, "prospettiva", "{codice} – {denominazione}"),
	LEVEL("objective", 2, "obiettivo strategico", "{codice}. {titolo}"),
	LEVEL("strategic_indicator", 3, "indicatore strategico",
	      "{codice} {titolo}"),
	LEVEL("programme", 4, "programma", "Programma {codice}: {titolo}"),
	LEVEL("operational_objective", 5, "obiettivo operativo",
	      "Obiettivo operativo {codice}: {titolo}"),
	LEVEL("operational_indicator", 6, "indicatore operativo",
	      "{codice} {titolo}"),
	TK_ROW("relazione:not_evaluable", TK_TEXT, REL(nv), "n.v.", 0, 0, NULL,
	       "degree cell of what is not evaluable"),
	TK_ROW("relazione:override", TK_PHRASE, REL(override), "{esito} *", 0,
	       0, esito_names, "verdict given in monitoraggio.csv"),
	TK_ROW("relazione:override_note", TK_TEXT, REL(override_note),
	       "* Esito indicato nel monitoraggio, che prevale su quello "
	       "calcolato.",
	       0, 0, NULL, "legend of the override mark"),
	TK_ROW("relazione:override_reason", TK_TEXT, REL(override_reason),
	       "Esito indicato nel monitoraggio", 0, 0, NULL,
	       "open data motivo of an overridden row"),
	TK_ROW("relazione:cover1", TK_PHRASE, REL(cover[0]),
	       "ai sensi dell'articolo 10, comma 1, lettera b), del decreto "
	       "legislativo 27 ottobre 2009, n. 150",
	       0, 0, doc_names, "cover, first line"),
	TK_ROW("relazione:cover2", TK_PHRASE, REL(cover[1]),
	       "Piano di riferimento: {titolo}[ ({allegato}[ alla "
	       "deliberazione della {organo}[ n. {delibera_numero}][ del "
	       "{delibera_data}]])]",
	       0, 0, doc_names, "cover, second line"),
	TK_ROW("relazione:cover3", TK_PHRASE, REL(cover[2]), "", 0, 0,
	       doc_names, "cover, third line"),
	TK_ROW("relazione:illustrative", TK_PHRASE, REL(illustrative), "", 0, 0,
	       doc_names, "cover notice that the values are illustrative"),
	TK_ROW("relazione:overall", TK_TEXT, REL(overall),
	       "Grado di raggiungimento complessivo del piano", 0, 0, NULL,
	       "cover: label of the plan's degree"),
	TK_ROW("relazione:counts", TK_TEXT, REL(counts), "Indicatori per esito",
	       0, 0, NULL, "cover: label of the indicator counts"),
	TK_ROW("relazione:criteria", TK_PHRASE, REL(criteria),
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
	       0, 0, crit_names, "the evaluation rules on the cover"),
	TK_ROW("relazione:strategic_indicators", TK_TEXT, REL(strategic),
	       "Indicatori strategici", 0, 0, NULL,
	       "detail: band of the strategic indicators"),
	TK_ROW("relazione:value_ratio", TK_PHRASE, REL(value_ratio),
	       "{rapporto} ({valore} / {precedente})", 0, 0, ratio_names,
	       "value of a target relative to the previous year, as a ratio"),
	TK_ROW("relazione:value_relative", TK_PHRASE, REL(value_relative),
	       "{valore} ({anno_precedente}: {precedente})", 0, 0, ratio_names,
	       "value of a target relative to the previous year"),
	TK_ROW("relazione:interim", TK_PHRASE, REL(interim),
	       "{data:num}: {valore}", 0, 0, interim_names,
	       "an intermediate value"),
	TK_ROW("relazione:programme_fill", TK_COLOUR, REL(programme_fill),
	       "EAF0F9", 0, 0, NULL, "background of programme rows"),
	TK_ROW("relazione:ob_oper_fill", TK_COLOUR, REL(ob_oper_fill), "F5F7FB",
	       0, 0, NULL, "background of operational objective rows"),
	TK_ROW("relazione:notice_fill", TK_COLOUR, REL(notice_fill), "FFF2CC",
	       0, 0, NULL, "background of the illustrative notice"),
	TK_ROW("relazione:bar_track", TK_COLOUR, REL(bar_track), "EDEDED", 0, 0,
	       NULL, "background of the bar cells"),
	TK_ROW("summary:title", TK_TEXT, REL(summary.title),
	       "SINTESI DEGLI OBIETTIVI STRATEGICI", 0, 0, NULL,
	       "heading of the summary"),
	TK_ROW("summary:columns", TK_COLUMNS, REL(summary), NULL, 0, 0,
	       rel_summary_cols, "the summary's columns, in order"),
	TK_ROW("detail:title", TK_TEXT, REL(detail.title),
	       "RISULTATI PER OBIETTIVO STRATEGICO", 0, 0, NULL,
	       "heading of the detail"),
	TK_ROW("detail:columns", TK_COLUMNS, REL(detail), NULL, 0, 0,
	       rel_detail_cols, "the detail's columns, in order"),
	TK_ROW("not_evaluable:title", TK_TEXT, REL(nvlist.title),
	       "INDICATORI NON VALUTABILI", 0, 0, NULL,
	       "heading of the list of indicators not evaluable"),
	TK_ROW("not_evaluable:columns", TK_COLUMNS, REL(nvlist), NULL, 0, 0,
	       rel_nv_cols, "the list's columns, in order"),
};

/* ---- annex diff ([diff], tpl_diff) ---------------------------------- */

#define DIF(f) offsetof(tpl, diff.f)
static const char *const dv_names[] = {"campo", "prima", "dopo", NULL};
static const char *const dm_names[] = {"prima", "dopo", NULL};

const tpl_diff_col tpl_diff_cols[TPL_DIFF_COLS] = {
	{"denominazione", TPL_DIFF_TEXT},
	{"titolo", TPL_DIFF_TEXT},
	{"descrizione", TPL_DIFF_TEXT},
	{"benefici", TPL_DIFF_TEXT},
	{"missione", TPL_DIFF_MOVED},
	{"prospettiva", TPL_DIFF_MOVED},
	{"obiettivo", TPL_DIFF_MOVED},
	{"programma", TPL_DIFF_MOVED},
	{"obiettivo_operativo", TPL_DIFF_MOVED},
	{"owner", TPL_DIFF_LABEL},
	{"polarita", TPL_DIFF_LABEL},
	{"peso", TPL_DIFF_LABEL},
	{"risorse", TPL_DIFF_LABEL},
	{"target", TPL_DIFF_LABEL},
	{"albero", TPL_DIFF_LABEL},
	{"produttivita", TPL_DIFF_LABEL},
	{"strutture", TPL_DIFF_LABEL},
};

#define DIFF_TEXT(i, c, def)                                                   \
	TK_ROW("diff:text." c, TK_TEXT, DIF(col[i]), def, 0, 0, NULL,          \
	       "annex diff: the nota when the " c " changed")
#define DIFF_MOVED(i, c, def)                                                  \
	TK_ROW("diff:moved." c, TK_PHRASE, DIF(col[i]), def, 0, 0, dm_names,   \
	       "annex diff: the nota when the " c " changed ({prima} "         \
	       "{dopo})")
#define DIFF_LABEL(i, c, def)                                                  \
	TK_ROW("diff:label." c, TK_TEXT, DIF(col[i]), def, 0, 0, NULL,         \
	       "annex diff: {campo} of the " c " column")

static const tpl_key diff_keys[] = {
	TK_ROW("diff:changed", TK_PHRASE, DIF(changed),
	       "{campo}: da {prima} a {dopo}", 0, 0, dv_names,
	       "annex diff: a value changed"),
	TK_ROW("diff:set", TK_PHRASE, DIF(set), "{campo}: {dopo}", 0, 0,
	       dv_names, "annex diff: a value given where there was none"),
	TK_ROW("diff:cleared", TK_PHRASE, DIF(cleared),
	       "{campo} eliminato (era {prima})", 0, 0, dv_names,
	       "annex diff: a value taken away"),
	TK_ROW("diff:target", TK_PHRASE, DIF(target), "Target {anno}", 0, 0,
	       ((const char *const[]){"anno", NULL}),
	       "annex diff: {campo} of a yearly target"),
	TK_ROW("diff:renamed", TK_PHRASE, DIF(renamed),
	       "Codice modificato: da {prima} a {dopo}", 0, 0, dm_names,
	       "annex diff: a record whose code alone changed"),
	TK_ROW("diff:children", TK_PHRASE, DIF(children),
	       "Eliminati con esso: {codici}", 0, 0,
	       ((const char *const[]){"codici", NULL}),
	       "annex diff: the records removed with a removed one"),
	TK_ROW("diff:separator", TK_TEXT, DIF(separator), "; ", 0, 0, NULL,
	       "annex diff: between the phrases of one nota"),
	TK_ROW("diff:contesto", TK_TEXT, DIF(contesto), "", 0, 0, NULL,
	       "annex diff: contesto of the amendments (--contesto)"),
	DIFF_TEXT(0, "denominazione", "Denominazione modificata"),
	DIFF_TEXT(1, "titolo", "Titolo modificato"),
	DIFF_TEXT(2, "descrizione", "Descrizione modificata"),
	DIFF_TEXT(3, "benefici", "Benefici attesi modificati"),
	DIFF_MOVED(4, "missione",
		   "Spostato dalla missione {prima} alla {dopo}"),
	DIFF_MOVED(5, "prospettiva",
		   "Spostato[ dalla prospettiva {prima}][ alla prospettiva "
		   "{dopo}]"),
	DIFF_MOVED(6, "obiettivo",
		   "Spostato dall'obiettivo strategico {prima} al {dopo}"),
	DIFF_MOVED(7, "programma", "Spostato dal programma {prima} al {dopo}"),
	DIFF_MOVED(8, "obiettivo_operativo",
		   "Spostato dall'obiettivo operativo {prima} al {dopo}"),
	DIFF_LABEL(9, "owner", "Owner"),
	DIFF_LABEL(10, "polarita", "Polarità"),
	DIFF_LABEL(11, "peso", "Peso"),
	DIFF_LABEL(12, "risorse", "Risorse economiche"),
	DIFF_LABEL(13, "target", "Target"),
	DIFF_LABEL(14, "albero", "Albero della performance"),
	DIFF_LABEL(15, "produttivita", "Produttività"),
	DIFF_LABEL(16, "strutture", "Strutture coinvolte"),
};

#define NROWS(a) ((int)(sizeof(a) / sizeof(a)[0]))

/* What depends on several keys. */
static void finish(tk_reader *R, tpl *t)
{
	static const float side[2][2] = {{595.276f, 841.890f},
					 {841.890f, 1190.551f}};
	float w = side[t->page_size][0], h = side[t->page_size][1];
	t->geo.width = t->orientation == 0 ? h : w;
	t->geo.height = t->orientation == 0 ? w : h;
	if (t->geo.left + t->geo.right > t->geo.width * 0.8f ||
	    t->geo.top + t->geo.bottom > t->geo.height * 0.8f)
		diag_error(R->d, R->ini->name, 0,
			   "margins leave less than a fifth of the page");

	t->parts = arena_alloc(&t->a,
			       (size_t)(t->part_list.n + 1) * sizeof *t->parts);
	for (int i = 0; i < t->part_list.n; i++) {
		int k = 0;
		while (part_names[k] &&
		       strcmp(t->part_list.v[i], part_names[k]))
			k++;
		if (part_names[k]) {
			t->parts[t->nparts++] = (tpl_part)k;
			continue;
		}
		R->line = t->part_list.line;
		tk_bad(R, "document:parts", t->part_list.v[i],
		       "unknown part (cruscotto, mappa, registro, relazione)");
	}
	if (!strcmp(t->note_sep, "\\n"))
		t->note_sep = "\n";
	t->rel.reason[0] = "";
	if (t->rel.partial > t->rel.full) {
		const char *v = tk_get(R, "relazione:partial", "60");
		tk_bad(R, "relazione:partial", v,
		       "must not exceed relazione:full");
	}
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
	tk_reader R = {.a = &t->a, .d = d, .dir = t->dir};
	R.ini = ini_open(path, path, d);
	if (!R.ini) {
		tpl_free(t);
		return NULL;
	}
	tk_read(&R, doc_keys, NROWS(doc_keys), t);
	tk_read(&R, rel_keys, NROWS(rel_keys), t);
	tk_read(&R, diff_keys, NROWS(diff_keys), t);
	finish(&R, t);
	tk_warn_unknown(&R);
	tk_reader_free(&R);
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

void tpl_print_keys(FILE *out, int markdown)
{
	if (markdown)
		fputs("| key | type | default | meaning |\n|---|---|---|---|\n",
		      out);
	tk_print(out, doc_keys, NROWS(doc_keys), markdown);
	tk_print(out, rel_keys, NROWS(rel_keys), markdown);
	tk_print(out, diff_keys, NROWS(diff_keys), markdown);
}
