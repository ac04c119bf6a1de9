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
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFF(f) offsetof(tpl, f)

const char *const tpl_yes_no[] = {"no", "yes", NULL};
static const char *const amend_names[] = {"contesto", "organo", "numero",
					  "data",     "tipo",	NULL};
const char *const tpl_doc_names[] = {
	"ente",		 "titolo", "allegato", "organo", "delibera_numero",
	"delibera_data", "anno",   "page",     "pages",	 "anno_successivo",
	"bozza",	 NULL};
static const char *const band_names[] = {"codice", "denominazione", NULL};
static const char *const group_names[] = {"codice", "titolo", NULL};

static int is_pdfa(const void *t)
{
	return ((const tpl *)t)->pdfa;
}

#define AMEND_DEF(word, ctx)                                                   \
	word ctx " con deliberazione della {organo}[ n. {numero}][ del "       \
		 "{data}]"

/* The document's keys, in the order they are read (which is also the
 * order of "did you mean" among equally close keys). */
static const tpl_key doc_keys[] = {
	TK_ROW("document:parts", TK_LIST, OFF(part_list),
	       "cruscotto, mappa, registro", 0, 0, NULL,
	       "the parts, in order (see the sections of the parts below)"),
	TK_ROW("document:title", TK_PHRASE, OFF(title), "{titolo}", 0, 0,
	       tpl_doc_names, "title on the first page and in the PDF's Info"),
	TK_ROW("document:subtitle", TK_PHRASE, OFF(subtitle),
	       "{ente}[ - {allegato}]", 0, 0, tpl_doc_names,
	       "line under the title; the PDF's Subject"),
	TK_ROW("document:compress", TK_ENUM, OFF(compress), "yes", 0, 0,
	       tpl_yes_no, "deflate the page content"),
	TK_ROW("document:new_page", TK_ENUM, OFF(new_page), "yes", 0, 0,
	       tpl_yes_no,
	       "each part after the first starts on a new page (see "
	       "new_page.<part>)"),
	TK_ROW("output:pdfa", TK_ENUM, OFF(pdfa), "2a", 0, 0,
	       ((const char *const[]){"none", "2u", "2a", NULL}),
	       "PDF/A-2a (tagged: structure and reading order), PDF/A-2u, or "
	       "a plain PDF"),
	TK_ROW("output:ua", TK_ENUM, OFF(ua), "yes", 0, 0, tpl_yes_no,
	       "PDF/UA-1: a tagged PDF for screen readers (with pdfa = 2a "
	       "the file is both)"),
	TK_ROW("document:lang", TK_TEXT, OFF(lang), "it-IT", 0, 0, NULL,
	       "language of the text (BCP 47), the PDF's /Lang"),
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
	TK_ROW("table:orphans", TK_INT, OFF(orphans), "2", 1, 20, NULL,
	       "a row split by a page break leaves at least this many lines "
	       "of a cell at the foot of the page, else it moves whole"),
	TK_ROW("table:widows", TK_INT, OFF(widows), "2", 1, 20, NULL,
	       "a cell cut by a page break carries at least this many lines "
	       "to the next page"),
	TK_ROW("table:part_gap", TK_LENGTH, OFF(part_gap), "10pt", 0, 2000,
	       NULL, "space before a part heading"),
	TK_ROW("header:left", TK_PHRASE, OFF(header[0]),
	       "{allegato} D GC n.[ {delibera_numero}] {delibera_data:num}", 0,
	       0, tpl_doc_names, "running header, left (as All. 1.1 reads)"),
	TK_ROW("footer:left", TK_PHRASE, OFF(footer[0]), "{ente}", 0, 0,
	       tpl_doc_names, "running footer, left"),
	TK_ROW("header:center", TK_PHRASE, OFF(header[1]), "{bozza}", 0, 0,
	       tpl_doc_names,
	       "running header, centre ({bozza}: the draft phrase)"),
	TK_ROW("footer:center", TK_PHRASE, OFF(footer[1]), "", 0, 0,
	       tpl_doc_names, "running footer, centre"),
	TK_ROW("header:right", TK_PHRASE, OFF(header[2]), "{titolo}", 0, 0,
	       tpl_doc_names, "running header, right"),
	TK_ROW("footer:right", TK_PHRASE, OFF(footer[2]),
	       "Pagina {page} di {pages}", 0, 0, tpl_doc_names,
	       "running footer, right"),
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
	       "{allegato}, {titolo}, {ente}", 0, 0, tpl_doc_names,
	       "the PDF's Keywords"),
	TK_ROW("text:months", TK_LIST, OFF(months),
	       "gennaio, febbraio, marzo, aprile, maggio, giugno, luglio, "
	       "agosto, settembre, ottobre, novembre, dicembre",
	       12, 12, NULL, "month names, January first"),
	TK_ROW("text:mark", TK_TEXT, OFF(yes_mark), "X", 0, 0, NULL,
	       "the mark of the Albero and Produttività columns"),
	TK_ROW("text:hyphenate", TK_TEXT, OFF(hyphenate), "it_IT", 0, 0, NULL,
	       "language of the hyphenation patterns "
	       "(/usr/share/hyphen/hyph_LANG.dic, Debian's hyphen-it for "
	       "it_IT), or none"),
	TK_ROW("text:patterns", TK_TEXT, OFF(patterns), "", 0, 0, NULL,
	       "another hyphenation patterns file (libhyphen .dic), relative "
	       "to the template"),
	TK_ROW("text:perspective", TK_PHRASE, OFF(band_format[0]),
	       "{denominazione}", 0, 0, band_names,
	       "text of a perspective band"),
	TK_ROW("text:mission", TK_PHRASE, OFF(band_format[1]),
	       "{codice} {denominazione}", 0, 0, band_names,
	       "text of a mission band"),
	TK_ROW("text:objective", TK_PHRASE, OFF(group_format),
	       "{codice}. {titolo}", 0, 0, group_names,
	       "text of a strategic objective row"),
	/* Letterhead, draft, cover, organs (tpl_giunta). */
	TK_ROW("document:logo", TK_FILE, OFF(g.logo), "", 0, 0, NULL,
	       "a PNG or JPEG logo (alpha flattened onto white); none by "
	       "default"),
	TK_ROW("document:logo_height", TK_LENGTH, OFF(g.logo_height), "8mm", 1,
	       2000, NULL, "height of the logo"),
	TK_ROW("document:logo_position", TK_ENUM, OFF(g.logo_pos),
	       "header_left", 0, 0,
	       ((const char *const[]){"header_left", "header_right", "title",
				      NULL}),
	       "in the running header of every page, or once above the title"),
	TK_ROW("document:logo_alt", TK_PHRASE, OFF(g.logo_alt), "Logo {ente}",
	       0, 0, tpl_doc_names,
	       "what a screen reader says for the logo above the title (in "
	       "the running header it is page furniture)"),
	TK_ROW("draft:watermark", TK_TEXT, OFF(g.draft_mark), "BOZZA", 0, 0,
	       NULL, "printed across every page of a draft (stato = bozza)"),
	TK_ROW("draft:color", TK_COLOUR, OFF(g.draft_color), "E0E0E0", 0, 0,
	       NULL, "colour of the watermark, drawn under the content"),
	TK_ROW("draft:header", TK_PHRASE, OFF(g.draft_header),
	       "Bozza - documento non approvato", 0, 0, tpl_doc_names,
	       "{bozza} in a draft (empty in a final document)"),
	TK_ROW("draft:number", TK_TEXT, OFF(g.draft_number), "____", 0, 0, NULL,
	       "a missing deliberation number in a draft"),
	TK_ROW("cover:show", TK_ENUM, OFF(g.cover), "no", 0, 0, tpl_yes_no,
	       "a cover page before the title"),
	TK_ROW("cover:line1", TK_PHRASE, OFF(g.cover_line[0]), "{ente}", 0, 0,
	       tpl_doc_names, "cover, first line"),
	TK_ROW("cover:line2", TK_PHRASE, OFF(g.cover_line[1]), "{titolo}", 0, 0,
	       tpl_doc_names, "cover, second line (large)"),
	TK_ROW("cover:line3", TK_PHRASE, OFF(g.cover_line[2]),
	       "{allegato} alla deliberazione della {organo} n.[ "
	       "{delibera_numero}][ del {delibera_data}]",
	       0, 0, tpl_doc_names, "cover, third line"),
	TK_ROW("cover:line4", TK_PHRASE, OFF(g.cover_line[3]), "[{bozza}]", 0,
	       0, tpl_doc_names, "cover, fourth line"),
	TK_ROW("text:organo.giunta", TK_TEXT, OFF(g.organ_def[0]),
	       "Giunta camerale, Giunta, Giunta della Camera, GC, G.C.", 0, 0,
	       NULL,
	       "an organ: the name printed, then the spellings accepted "
	       "(any case); organo.<key> adds one"),
	TK_ROW("text:organo.consiglio", TK_TEXT, OFF(g.organ_def[1]),
	       "Consiglio camerale, Consiglio, Consiglio della Camera, CC, "
	       "C.C.",
	       0, 0, NULL, "an organ"),
	TK_ROW("text:organo.presidente", TK_TEXT, OFF(g.organ_def[2]),
	       "Presidente, Presidente camerale, Presidente della Camera, "
	       "Presidenza",
	       0, 0, NULL, "an organ"),
	TK_ROW("text:organo.segretario", TK_TEXT, OFF(g.organ_def[3]),
	       "Segretario generale, Segretario, SG, S.G.", 0, 0, NULL,
	       "an organ"),
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

/* The part named name: its index in t->defs, or -1. */
static int part_index(const tpl *t, const char *name)
{
	for (int k = 0; t->defs[k]; k++)
		if (!strcmp(t->defs[k]->name, name))
			return k;
	return -1;
}

/* [document] parts: each a known part. */
static void find_parts(tk_reader *R, tpl *t)
{
	t->parts = arena_alloc(&t->a,
			       (size_t)(t->part_list.n + 1) * sizeof *t->parts);
	for (int i = 0; i < t->part_list.n; i++) {
		int k = part_index(t, t->part_list.v[i]);
		if (k >= 0) {
			t->parts[t->nparts++] = k;
			continue;
		}
		char what[512] = "unknown part; the parts are:";
		for (int j = 0; t->defs[j]; j++)
			snprintf(what + strlen(what),
				 sizeof what - strlen(what), " %s",
				 t->defs[j]->name);
		R->line = t->part_list.line;
		tk_bad(R, "document:parts", t->part_list.v[i], what);
	}
}

/* The hyphenation patterns: [text] patterns, else Debian's file for
 * [text] hyphenate.  A missing default file only turns hyphenation off,
 * with a warning; a file the template names must be there. */
static void hyphenation(tk_reader *R, tpl *t)
{
	t->hyph_path = NULL;
	if (!strcmp(t->hyphenate, "none"))
		return;
	for (const char *c = t->hyphenate; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      *c == '_' || *c == '-') ||
		    !*t->hyphenate) {
			const char *v = tk_get(R, "text:hyphenate", "it_IT");
			tk_bad(R, "text:hyphenate", v,
			       "expected a language such as it_IT, or none");
			return;
		}
	const char *path;
	if (*t->patterns) {
		path = *t->patterns == '/' ? t->patterns
					   : arena_printf(&t->a, "%s/%s",
							  t->dir, t->patterns);
	} else {
		path = arena_printf(&t->a, "/usr/share/hyphen/hyph_%s.dic",
				    t->hyphenate);
	}
	FILE *fp = fopen(path, "rb");
	if (fp) {
		fclose(fp);
		t->hyph_path = path;
		return;
	}
	if (*t->patterns) {
		const char *v = tk_get(R, "text:patterns", "");
		char what[600];
		snprintf(what, sizeof what, "cannot read %s", path);
		tk_bad(R, "text:patterns", v, what);
		return;
	}
	const char *v = tk_get(R, "text:hyphenate", "it_IT");
	diag_warning(R->d, R->ini->name, R->line,
		     "text:hyphenate = '%s': no patterns at %s (Debian: "
		     "apt-get install hyphen-it); words are not hyphenated",
		     v, path);
}

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
	hyphenation(R, t);
	if (t->hyph_path) {
		t->hyph = lay_hyph_load(t->hyph_path);
		if (!t->hyph)
			diag_warning(R->d, R->ini->name, 0,
				     "cannot read the hyphenation patterns %s; "
				     "words are not hyphenated",
				     t->hyph_path);
	}
	if (!strcmp(t->note_sep, "\\n"))
		t->note_sep = "\n";
	find_parts(R, t);
}

/* [document] new_page.<part>: yes or no, or (the default) inherit
 * [document] new_page; its row, with the key in a (or buf when a is
 * NULL). */
static const char *const new_page_names[] = {"no", "yes", "inherit", NULL};
static tpl_key new_page_row(arena *a, char *buf, size_t n, const char *part)
{
	char *key = buf;
	if (a)
		key = arena_printf(a, "document:new_page.%s", part);
	else
		snprintf(buf, n, "document:new_page.%s", part);
	return (tpl_key)TK_ROW(key, TK_ENUM, 0, "inherit", 0, 0, new_page_names,
			       "this part starts on a new page (yes, no, or "
			       "inherit document:new_page)");
}

/* Every part's keys, into a struct of its own, and whether it starts on a
 * new page. */
static void read_parts(tk_reader *R, tpl *t)
{
	int n = 0;
	while (t->defs[n])
		n++;
	t->conf = arena_alloc(&t->a, (size_t)(n + 1) * sizeof *t->conf);
	t->new_page_of = arena_alloc(&t->a, (size_t)(n + 1) * sizeof(int));
	for (int k = 0; k < n; k++) {
		const tpl_partdef *def = t->defs[k];
		tpl_key np = new_page_row(&t->a, NULL, 0, def->name);
		int v = 2;
		tk_read(R, &np, 1, &v);
		t->new_page_of[k] = v == 2 ? t->new_page : v;
		t->conf[k] = arena_zalloc(&t->a,
					  def->conf_size ? def->conf_size : 1);
		tk_read(R, def->keys, def->nkeys, t->conf[k]);
		if (def->finish)
			def->finish(R, t->conf[k]);
	}
}

/* ---- letterhead, draft, cover, organs (tpl_giunta) ------------------ */

static void add_organ(tk_reader *R, tpl *t, const char *key, const char *v)
{
	tpl_giunta *g = &t->g;
	const char *items[TPL_MAX_ALIASES];
	int n = 0;
	while (*v && n < TPL_MAX_ALIASES) {
		const char *c = strchr(v, ',');
		size_t len = c ? (size_t)(c - v) : strlen(v), tl;
		const char *s = text_trim(arena_strndup(&t->a, v, len), &tl);
		if (tl)
			items[n++] = arena_strndup(&t->a, s, tl);
		v += len + (c ? 1 : 0);
	}
	if (!n)
		return; /* "organo.presidente =" drops a default organ */
	if (g->norgans == TPL_MAX_ORGANS) {
		tk_bad(R, key, v, "too many organs (at most 32)");
		return;
	}
	tpl_organ *o = &g->organs[g->norgans++];
	o->key = key;
	o->name = items[0];
	for (int i = 0; i < n; i++) {
		char f[256];
		text_fold(items[i], f, sizeof f);
		o->alias[o->nalias++] = arena_strdup(&t->a, f);
	}
}

/* The organs: the four rows of the table, then the template's own
 * text:organo.<key> keys. */
static void read_organs(tk_reader *R, tpl *t)
{
	static const char *const keys[4] = {
		"text:organo.giunta", "text:organo.consiglio",
		"text:organo.presidente", "text:organo.segretario"};
	for (int i = 0; i < 4; i++)
		add_organ(R, t, keys[i], t->g.organ_def[i]);
	for (int k = 0; R->ini && k < R->ini->nkeys; k++) {
		const char *name = R->ini->keys[k].name;
		if (strncmp(name, "text:organo.", 12) != 0 ||
		    R->ini->keys[k].used)
			continue;
		add_organ(R, t, name, tk_get(R, name, ""));
	}
}

/* In the header the logo stands on the header's rule (document/build.c):
 * it must fit above it. */
static void check_logo(tk_reader *R, tpl *t)
{
	tpl_giunta *g = &t->g;
	if (!g->logo)
		return;
	tk_get(R, "document:logo", "");
	g->logo_line = R->line;
	float room = t->geo.top * 0.55f + t->styles[ST_RUNNING].size * 0.5f - 4;
	if (g->logo_pos == LOGO_TITLE || g->logo_height <= room)
		return;
	const char *v = tk_get(R, "document:logo_height", "8mm");
	char what[160];
	snprintf(what, sizeof what,
		 "a logo in the header can be at most %.1fmm high with this "
		 "margin_top (or raise margin_top)",
		 (double)room * 25.4 / 72);
	tk_bad(R, "document:logo_height", v, what);
}

const char *tpl_organ_name(const tpl *t, const char *typed)
{
	char f[256];
	text_fold(typed, f, sizeof f);
	for (int i = 0; i < t->g.norgans; i++)
		for (int k = 0; k < t->g.organs[i].nalias; k++)
			if (!strcmp(f, t->g.organs[i].alias[k]))
				return t->g.organs[i].name;
	return NULL;
}

const char *tpl_organ_guess(const tpl *t, const char *typed)
{
	char f[256];
	text_fold(typed, f, sizeof f);
	const char *best = NULL;
	int bestd = (int)strlen(f) / 3 + 1; /* a third of the letters */
	if (bestd > 4)
		bestd = 4;
	for (int i = 0; i < t->g.norgans; i++)
		for (int k = 0; k < t->g.organs[i].nalias; k++) {
			int d = text_distance(f, t->g.organs[i].alias[k]);
			if (d < bestd) {
				bestd = d;
				best = t->g.organs[i].name;
			}
		}
	return best;
}

const void *tpl_conf(const tpl *t, const tpl_partdef *def)
{
	for (int k = 0; t->defs[k]; k++)
		if (t->defs[k] == def)
			return t->conf[k];
	return NULL;
}

tpl *tpl_load(const char *path, const tpl_partdef *const *defs, diag *d)
{
	static const tpl_partdef *const none[] = {NULL};
	tpl *t = xcalloc(1, sizeof *t);
	t->defs = defs ? defs : none;
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
	tk_read(&R, diff_keys, NROWS(diff_keys), t);
	read_parts(&R, t);
	finish(&R, t);
	read_organs(&R, t);
	check_logo(&R, t);
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
	lay_hyph_free(t->hyph);
	arena_free(&t->a);
	free(t);
}

void tpl_print_keys(FILE *out, const tpl_partdef *const *defs, int markdown)
{
	if (markdown)
		fputs("| key | type | default | meaning |\n|---|---|---|---|\n",
		      out);
	tk_print(out, doc_keys, NROWS(doc_keys), markdown);
	tk_print(out, diff_keys, NROWS(diff_keys), markdown);
	for (int k = 0; defs && defs[k]; k++) {
		char key[96];
		tpl_key np = new_page_row(NULL, key, sizeof key, defs[k]->name);
		tk_print(out, &np, 1, markdown);
	}
	for (int k = 0; defs && defs[k]; k++)
		tk_print(out, defs[k]->keys, defs[k]->nkeys, markdown);
}
