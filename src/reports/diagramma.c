/*
 * diagramma.c - "Mappa strategica": the strategy map as a picture, drawn
 * from the same plan as the tables on every build.
 *
 * One band per perspective, in the plan's order (objectives without one
 * in a last band, [diagramma] other), the strategic objectives as boxes
 * with number and title, the links of collegamenti.csv as arrows, and the
 * missions as a colour key (a stripe on each box).  Removed objectives
 * follow the document's rule ([amendments] removed): struck through and
 * grey, grey, or absent with their links.  The drawing is
 * layout/diagram.c's; this file only gathers what it shows.
 *
 * Size: up to max_objectives objectives the map is one page; a larger
 * plan gets one page per perspective (with the links inside it), and a
 * plan whose perspectives are each still too many gets a warning and no
 * map, as does a map that does not fit its page even at min_size with the
 * titles shortened.  Shortened titles are one warning.
 *
 * With [diagramma] verdict = yes (the relazione's template) each box is
 * tinted by the verdict of the relazione's evaluation, with the degree
 * and verdict under the title, and the verdicts join the key.
 *
 * Tagging (issue 15): the map is one figure; its description in words
 * (dg_spec.alt, from [diagramma] alt and alt_link) lists the
 * perspectives, the objectives and the links.
 */
#include "report.h"
#include "../layout/diagram.h"
#include "../template/phrase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct conf {
	const char *title; /* documento placeholders */
	int max_objectives;
	float size, min_size, label_size, max_box_w;
	uint32_t band_fill, box_fill, text_color, arrow;
	tpl_list mission_colors;
	const char *key_title, *other, *alt, *alt_link, *page_title;
	int verdict; /* boxes coloured by the relazione's verdict */
	const char *verdict_line;  /* {grado} {esito}: under the title */
	const char *verdict_title; /* before the verdicts' key */
	float tint;		   /* of the verdict's colour in a box */
} conf;

#define OFF(f) offsetof(conf, f)
static const char *const alt_names[] = {"prospettive", "obiettivi",
					"collegamenti", NULL};
static const char *const link_names[] = {"da", "a", NULL};
static const char *const page_names[] = {"titolo", "prospettiva", NULL};
static const char *const verdict_names[] = {"grado", "esito", NULL};

static const tpl_key keys[] = {
	TK_ROW("diagramma:title", TK_TEXT, OFF(title),
	       "Mappa strategica {anno}-{anno_successivo}", 0, 0, NULL,
	       "heading of the strategy map (documento placeholders)"),
	TK_ROW("diagramma:page_title", TK_PHRASE, OFF(page_title),
	       "{titolo} - {prospettiva}", 0, 0, page_names,
	       "heading of each page of a map drawn one perspective a page"),
	TK_ROW("diagramma:max_objectives", TK_INT, OFF(max_objectives), "40", 1,
	       500, NULL,
	       "most objectives on one page; a larger plan gets a page per "
	       "perspective"),
	TK_ROW("diagramma:size", TK_NUMBER, OFF(size), "8.5", 3, 24, NULL,
	       "text size of the boxes, points"),
	TK_ROW("diagramma:min_size", TK_NUMBER, OFF(min_size), "6", 3, 24, NULL,
	       "smallest text size of the boxes; below it titles are shortened "
	       "with …"),
	TK_ROW("diagramma:label_size", TK_NUMBER, OFF(label_size), "8.5", 3, 24,
	       NULL, "text size of the perspectives' names and the key"),
	TK_ROW("diagramma:max_box_width", TK_LENGTH, OFF(max_box_w), "150pt",
	       36, 2000, NULL, "widest box"),
	TK_ROW("diagramma:band_fill", TK_COLOUR, OFF(band_fill), "EDF1F8", 0, 0,
	       NULL, "background of a perspective's band"),
	TK_ROW("diagramma:box_fill", TK_COLOUR, OFF(box_fill), "FFFFFF", 0, 0,
	       NULL, "background of an objective's box"),
	TK_ROW("diagramma:text_color", TK_COLOUR, OFF(text_color), "1A1A1A", 0,
	       0, NULL, "text of the boxes and the key"),
	TK_ROW("diagramma:arrow", TK_COLOUR, OFF(arrow), "4A5A78", 0, 0, NULL,
	       "colour of the arrows"),
	TK_ROW("diagramma:mission_colors", TK_LIST, OFF(mission_colors),
	       "2F5496, C55A11, 548235, 7030A0, BF8F00, 1F7A7A, A5A5A5", 1, 24,
	       NULL,
	       "colours of the missions (stripe and key), in the plan's order, "
	       "used again from the first when there are more missions"),
	TK_ROW("diagramma:key_title", TK_TEXT, OFF(key_title), "Missioni:", 0,
	       0, NULL, "before the missions' colour key"),
	TK_ROW("diagramma:other", TK_TEXT, OFF(other), "Altri obiettivi", 0, 0,
	       NULL, "band of the objectives without a perspective"),
	TK_ROW("diagramma:alt", TK_PHRASE, OFF(alt),
	       "Mappa strategica: {prospettive} prospettive, {obiettivi} "
	       "obiettivi strategici, {collegamenti} collegamenti.",
	       0, 0, alt_names,
	       "start of the map's description for screen readers"),
	TK_ROW("diagramma:verdict", TK_ENUM, OFF(verdict), "no", 0, 0,
	       tpl_yes_no,
	       "colour each box by the verdict of the relazione's evaluation "
	       "([relazione] rules and colours), the degree under the title"),
	TK_ROW("diagramma:verdict_line", TK_PHRASE, OFF(verdict_line),
	       "{grado} · {esito}", 0, 0, verdict_names,
	       "with verdict: the line under an objective's title"),
	TK_ROW("diagramma:verdict_title", TK_TEXT, OFF(verdict_title),
	       "Esiti:", 0, 0, NULL, "with verdict: before the verdicts' key"),
	TK_ROW("diagramma:tint", TK_NUMBER, OFF(tint), "0.3", 0.05, 1, NULL,
	       "with verdict: share of the verdict's colour in a box's "
	       "background (the rest white)"),
	TK_ROW("diagramma:alt_link", TK_PHRASE, OFF(alt_link),
	       "l'obiettivo {da} sostiene l'obiettivo {a}", 0, 0, link_names,
	       "a link in the map's description"),
};

/* A colour of mission_colors: six hex digits, an optional '#'. */
static int parse_colour(const char *s, uint32_t *out)
{
	if (*s == '#')
		s++;
	if (strlen(s) != 6 || strspn(s, "0123456789abcdefABCDEF") != 6)
		return -1;
	*out = (uint32_t)strtoul(s, NULL, 16);
	return 0;
}

static void finish(tk_reader *R, void *cv)
{
	conf *c = cv;
	uint32_t x;
	for (int i = 0; i < c->mission_colors.n; i++)
		if (parse_colour(c->mission_colors.v[i], &x) != 0) {
			R->line = c->mission_colors.line;
			tk_bad(R, "diagramma:mission_colors",
			       c->mission_colors.v[i],
			       "expected colours of six hex digits such as "
			       "2F5496");
		}
	if (c->min_size > c->size) {
		const char *v = tk_get(R, "diagramma:min_size", "6");
		tk_bad(R, "diagramma:min_size", v,
		       "must not exceed diagramma:size");
	}
}

/* ---- the model ------------------------------------------------------------
 */

typedef struct map {
	rep *r;
	const conf *c;
	ev_plan *e; /* with verdict: the relazione's evaluation */
	const char **bands;
	int nbands;
	int *band_of; /* of each objective: its band, -1 not drawn */
	dg_box *boxes;
	int *box_of; /* of each objective: its box on the page, -1 */
	int *from, *to;
	dg_key *keys;
} map;

static int shown(const map *m, const obiettivo *o)
{
	return m->r->t->removed != REMOVED_HIDE || !plan_removed_by(&o->r);
}

/* Bands: the perspectives with objectives to show, then "other". */
static void make_bands(map *m)
{
	const plan *p = m->r->p;
	int np = p->n_prospettive;
	int *band_of_p = arena_alloc(&m->r->a, sizeof(int) * (size_t)(np + 1));
	m->bands = arena_alloc(&m->r->a, sizeof(char *) * (size_t)(np + 2));
	m->band_of = arena_alloc(&m->r->a,
				 sizeof(int) * (size_t)(p->n_obiettivi + 1));
	for (int k = 0; k <= np; k++)
		band_of_p[k] = -1;
	for (int k = 0; k < np; k++)
		for (int i = 0; i < p->n_obiettivi; i++) {
			const obiettivo *o = &p->obiettivi[i];
			if (o->prospettiva == &p->prospettive[k] &&
			    shown(m, o)) {
				band_of_p[k] = m->nbands;
				m->bands[m->nbands++] =
					p->prospettive[k].denominazione;
				break;
			}
		}
	int other = -1;
	for (int i = 0; i < p->n_obiettivi; i++) {
		const obiettivo *o = &p->obiettivi[i];
		m->band_of[i] = -1;
		if (!shown(m, o))
			continue;
		if (o->prospettiva) {
			m->band_of[i] =
				band_of_p[o->prospettiva - p->prospettive];
			continue;
		}
		if (other < 0) {
			other = m->nbands;
			m->bands[m->nbands++] = m->c->other;
		}
		m->band_of[i] = other;
	}
}

static uint32_t mission_colour(const map *m, const missione *ms)
{
	const tpl_list *l = &m->c->mission_colors;
	uint32_t c = 0x808080;
	parse_colour(l->v[(ms - m->r->p->missioni) % l->n], &c);
	return c;
}

/* c mixed with white, share of c. */
static uint32_t tint(uint32_t c, float share)
{
	uint32_t out = 0;
	for (int k = 0; k < 24; k += 8) {
		float v = (float)((c >> k) & 255) * share + 255 * (1 - share);
		out |= (uint32_t)(v + 0.5f) << k;
	}
	return out;
}

/* With verdict: box b of objective i filled by its verdict, its degree
 * and verdict under the title. */
static void colour_box(map *m, int i, dg_box *b)
{
	rep *r = m->r;
	const ev_node *n = &m->e->obj[i];
	const char *word, *nv;
	uint32_t color;
	char deg[48];
	rep_relazione_verdict(r->t, n->verdict, &word, &color, &nv);
	degree_format(n->degree, deg, sizeof deg);
	const char *v[] = {*deg ? deg : nv, word};
	b->fill = tint(color, m->c->tint);
	b->under = rep_expand(r, m->c->verdict_line, verdict_names, v);
}

/* With verdict: the verdicts after the missions in the key. */
static int verdict_keys(map *m, int nk)
{
	m->keys[nk++] = (dg_key){m->c->verdict_title, LAY_NOPAINT};
	for (int v = ESITO_RAGGIUNTO; v >= 0; v--) {
		const char *word, *nv;
		uint32_t color;
		rep_relazione_verdict(m->r->t, (esito)v, &word, &color, &nv);
		m->keys[nk++] = (dg_key){word, tint(color, m->c->tint)};
	}
	return nk;
}

/* The boxes of band (-1: every band) and the links between them, into
 * spec; the key lists the missions shown. */
static void make_page(map *m, int band, dg_spec *s)
{
	rep *r = m->r;
	const plan *p = r->p;
	int n = 0, nk = 0;
	char *seen = arena_zalloc(&r->a, (size_t)p->n_missioni + 1);
	for (int i = 0; i < p->n_obiettivi; i++) {
		const obiettivo *o = &p->obiettivi[i];
		m->box_of[i] = -1;
		if (m->band_of[i] < 0 || (band >= 0 && m->band_of[i] != band))
			continue;
		const plan_rec *gone = plan_removed_by(&o->r);
		dg_box *b = &m->boxes[n];
		*b = (dg_box){band >= 0 ? 0 : m->band_of[i],
			      o->r.codice,
			      o->titolo,
			      NULL,
			      m->c->box_fill,
			      gone ? r->t->removed_color : m->c->text_color,
			      gone ? r->t->removed_color
				   : mission_colour(m, o->missione),
			      gone && r->t->removed == REMOVED_STRIKE
				      ? LAY_STRIKE
				      : 0};
		if (m->e && !gone)
			colour_box(m, i, b);
		m->box_of[i] = n++;
		int mi = (int)(o->missione - p->missioni);
		if (!gone && !seen[mi]++)
			m->keys[nk++] = (dg_key){
				rep_rec_text(r, r->t->band_format[1],
					     o->missione->r.codice,
					     o->missione->denominazione),
				b->accent};
	}
	if (m->e)
		nk = verdict_keys(m, nk);
	int nl = 0;
	for (int i = 0; i < p->n_collegamenti; i++) {
		const collegamento *c = &p->collegamenti[i];
		int a = m->box_of[c->da - p->obiettivi];
		int b = m->box_of[c->a - p->obiettivi];
		if (a < 0 || b < 0)
			continue;
		m->from[nl] = a;
		m->to[nl++] = b;
	}
	s->bands = band >= 0 ? &m->bands[band] : m->bands;
	s->nbands = band >= 0 ? 1 : m->nbands;
	s->boxes = m->boxes;
	s->nboxes = n;
	s->from = m->from;
	s->to = m->to;
	s->nlinks = nl;
	s->keys = m->keys;
	s->nkeys = nk;
}

/* ---- the description in words ---------------------------------------------
 */

/* "Mappa strategica: 2 prospettive, ... Imprese ...: 1. Semplificazione
 * ...; 2. ... Collegamenti: l'obiettivo 10 sostiene l'obiettivo 1; ..." */
static const char *alt_text(map *m, const dg_spec *s)
{
	rep *r = m->r;
	const plan *p = r->p;
	char nb[16], no[16], nl[16];
	snprintf(nb, sizeof nb, "%d", s->nbands);
	snprintf(no, sizeof no, "%d", s->nboxes);
	snprintf(nl, sizeof nl, "%d", s->nlinks);
	const char *v[] = {nb, no, nl};
	buf b = BUF_INIT;
	buf_puts(&b, rep_expand(r, m->c->alt, alt_names, v));
	for (int k = 0; k < s->nbands; k++) {
		buf_printf(&b, " %s:", s->bands[k]);
		const char *sep = " ";
		for (int i = 0; i < s->nboxes; i++)
			if (s->boxes[i].band == k) {
				buf_printf(&b, "%s%s. %s", sep, s->boxes[i].num,
					   s->boxes[i].title);
				sep = "; ";
			}
		buf_puts(&b, ".");
	}
	for (int i = 0; i < s->nlinks; i++) {
		const char *lv[] = {s->boxes[s->from[i]].num,
				    s->boxes[s->to[i]].num};
		buf_puts(&b, i ? "; " : " ");
		buf_puts(&b, rep_expand(r, m->c->alt_link, link_names, lv));
	}
	if (s->nlinks)
		buf_puts(&b, ".");
	(void)p;
	const char *t = arena_strdup(&r->a, buf_cstr(&b));
	buf_free(&b);
	return t;
}

/* ---- run ------------------------------------------------------------------
 */

/* The height of the part's heading (rep_part_heading) above the map. */
static float heading_height(rep *r, const char *title)
{
	const lay_style *st = &r->t->styles[ST_PART];
	arena a;
	arena_init(&a, 4096);
	lay_lines ls =
		lay_break(&a, r->flow->fonts[st->font], st->size,
			  rep_doc_text(r, title), lay_flow_width(r->flow));
	arena_free(&a);
	return r->t->part_gap + (float)ls.n * st->leading + st->size * 0.4f;
}

/* One page of the map under its heading; first: the part's first page.
 * It is measured first, so that a map that does not fit leaves no
 * heading behind. */
static void draw(map *m, const char *title, dg_spec *s, int first)
{
	rep *r = m->r;
	lay_flow *f = r->flow;
	/* A page of its own: a part after the first starts one when the
	 * template says so (rep_part_heading's rule), and so does a map
	 * that would share its page with more than the document's title. */
	if (!first ||
	    (r->part_no > 0 && r->t->new_page_of[r->t->parts[r->part_no]]) ||
	    lay_flow_room(f) <
		    (f->geo.height - f->geo.top - f->geo.bottom) * 0.75f)
		lay_flow_new_page(f);
	s->alt = alt_text(m, s);
	s->measure = 1;
	s->reserve = heading_height(r, title);
	dg_result res = lay_diagram(f, s);
	if (res.fits) {
		rep_part_heading(r, title);
		lay_flow_begin(f, lay_flow_room(f) * 0.9f);
		s->measure = 0;
		s->reserve = 0;
		res = lay_diagram(f, s);
		lay_flow_new_page(f);
	}
	if (getenv("ANNEX_STATS")) /* as build.c's: for measurements */
		fprintf(stderr,
			"annex: stats: map '%s': %d objectives, %d links, "
			"%ld crossings, text %.1f pt, %d shortened\n",
			title, s->nboxes, s->nlinks, res.crossings,
			(double)res.size, res.shortened);
	if (!res.fits)
		diag_warning(r->d, r->t->path, 0,
			     "the strategy map '%s' does not fit its page "
			     "even at diagramma:min_size; it is left out "
			     "(A3 paper, a smaller min_size or fewer "
			     "max_objectives may help)",
			     title);
	else if (res.shortened)
		diag_warning(r->d, r->t->path, 0,
			     "the strategy map '%s': %d titles shortened with "
			     "'…' to fit the page (A3 paper or a smaller "
			     "diagramma:min_size keeps them whole)",
			     title, res.shortened);
}

/* The map's arrays, for objectives and links of the whole plan. */
static void alloc_map(map *m)
{
	rep *r = m->r;
	const plan *p = r->p;
	size_t no = (size_t)p->n_obiettivi + 1;
	size_t nl = (size_t)p->n_collegamenti + 1;
	m->boxes = arena_alloc(&r->a, sizeof(dg_box) * no);
	m->box_of = arena_alloc(&r->a, sizeof(int) * no);
	m->from = arena_alloc(&r->a, sizeof(int) * nl);
	m->to = arena_alloc(&r->a, sizeof(int) * nl);
	m->keys = arena_alloc(&r->a,
			      sizeof(dg_key) * (size_t)(p->n_missioni + 6));
}

/* Objectives shown, and in the fullest band. */
static int count_shown(const map *m, int *largest)
{
	int total = 0;
	int *count =
		arena_zalloc(&m->r->a, sizeof(int) * (size_t)(m->nbands + 1));
	*largest = 0;
	for (int i = 0; i < m->r->p->n_obiettivi; i++)
		if (m->band_of[i] >= 0) {
			total++;
			if (++count[m->band_of[i]] > *largest)
				*largest = count[m->band_of[i]];
		}
	return total;
}

static void *run(rep *r, const void *cv)
{
	const conf *c = cv;
	map m = {r, c, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL};
	make_bands(&m);
	alloc_map(&m);
	if (c->verdict)
		m.e = rep_relazione_evaluate(r->t, r->p);
	dg_spec s = {.key_title = c->key_title,
		     .font = FONT_REGULAR,
		     .bold = FONT_BOLD,
		     .size = c->size,
		     .min_size = c->min_size,
		     .label_size = c->label_size,
		     .max_box_w = c->max_box_w,
		     .band_fill = c->band_fill,
		     .label_fill = r->t->band_fill[0],
		     .label_color = r->t->styles[ST_BAND].color,
		     .border = r->t->border_color,
		     .arrow = c->arrow,
		     .key_color = c->text_color};
	const char *title = rep_doc_text(r, c->title);
	int largest, total = count_shown(&m, &largest);
	if (!total)
		;
	else if (total <= c->max_objectives) {
		make_page(&m, -1, &s);
		draw(&m, title, &s, 1);
	} else if (largest <= c->max_objectives) {
		for (int k = 0; k < m.nbands; k++) {
			const char *v[] = {title, m.bands[k]};
			make_page(&m, k, &s);
			draw(&m, rep_expand(r, c->page_title, page_names, v),
			     &s, k == 0);
		}
	} else {
		diag_warning(
			r->d, r->t->path, 0,
			"the strategy map is left out: a perspective has "
			"%d objectives, more than diagramma:max_objectives "
			"(%d)",
			largest, c->max_objectives);
	}
	if (m.e)
		ev_free(m.e);
	return NULL;
}

const rep_part rep_part_diagramma = {
	.tpl = {"diagramma", keys, REP_NKEYS(keys), sizeof(conf), finish},
	.run = run,
};
