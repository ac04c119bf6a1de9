/* build.c - composing a document and writing it (see build.h). */
#include "build.h"
#include "../template/phrase.h"
#include "../render/pdf.h"
#include "../reports/report.h"
#include "../util/atomic.h"
#include "../util/utf8.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct run_ctx {
	rep *r;
	int page, pages;
} run_ctx;

static int running_lookup(void *ctx, const char *name, const char *fmt,
			  buf *out)
{
	run_ctx *c = ctx;
	(void)fmt;
	if (!strcmp(name, "page"))
		buf_printf(out, "%d", c->page);
	else if (!strcmp(name, "pages"))
		buf_printf(out, "%d", c->pages);
	else
		return 0;
	return 1;
}

/* The logo once loaded: its id and size on the page, points. */
typedef struct logo {
	int id; /* -1: none */
	float w, h;
	const char *alt; /* above the title: what it says (a Figure) */
} logo;

static logo load_logo(rnd_doc *doc, const tpl *t, diag *d)
{
	logo L = {-1, 0, 0, NULL};
	int pw, ph;
	if (!t->g.logo)
		return L;
	L.id = rnd_image(doc, t->g.logo, t->path, t->g.logo_line, &pw, &ph, d);
	if (L.id >= 0 && pw > 0 && ph > 0) {
		L.h = t->g.logo_height;
		L.w = L.h * (float)pw / (float)ph;
	}
	return L;
}

/* Running header and footer: placeholders other than {page} and {pages}
 * are expanded once, then those two on each page.  The logo (in the
 * header) and the draft watermark (under the content) go on every page. */
static void running(rep *r, rnd_doc *doc, lay_font **fonts, const logo *L)
{
	const tpl *t = r->t;
	const char *head[3], *foot[3];
	for (int i = 0; i < 3; i++) {
		/* Protect {page} and {pages} from the document lookup by
		 * expanding them last: the document lookup leaves unknown
		 * names as written. */
		head[i] = rep_doc_text(r, t->header[i]);
		foot[i] = rep_doc_text(r, t->footer[i]);
	}
	const lay_style *st = &t->styles[ST_RUNNING];
	lay_font *f = fonts[st->font];
	float hy = t->geo.top * 0.55f;
	float fy = t->geo.height - t->geo.bottom * 0.40f;
	float x0 = t->geo.left, x1 = t->geo.width - t->geo.right;
	float ry = hy + st->size * 0.5f; /* a hairline under the header */
	float hx0 = x0, hx1 = x1;	 /* the header text beside the logo */
	int in_head = L->id >= 0 && t->g.logo_pos != LOGO_TITLE;
	if (in_head && t->g.logo_pos == LOGO_HEADER_LEFT)
		hx0 += L->w + st->size;
	else if (in_head)
		hx1 -= L->w + st->size;
	int pages = rnd_page_count(doc);
	lay_item items[64], under_items[2];
	lay_page pg = {.items = items, .capitems = 63};
	lay_page under = {.items = under_items, .capitems = 2};
	arena a;
	arena_init(&a, 4096);
	buf b = BUF_INIT;
	for (int n = 1; n <= pages; n++) {
		run_ctx c = {r, n, pages};
		const char *texts[6];
		pg.nitems = under.nitems = 0;
		for (int k = 0; k < 6; k++) {
			buf_reset(&b);
			phrase_expand(&b, k < 3 ? head[k] : foot[k - 3],
				      running_lookup, &c);
			texts[k] = arena_strdup(&a, buf_cstr(&b));
		}
		lay_running_band(&pg, &a, f, st, hx0, hx1, hy, -1, texts);
		lay_running_band(&pg, &a, f, st, x0, x1, fy, +1, texts + 3);
		pg.items[pg.nitems++] = (lay_item){.kind = LAY_RULE,
						   .color = t->border_color,
						   .x = x0,
						   .y = ry,
						   .w = x1,
						   .h = ry,
						   .lw = 0.4f};
		if (in_head)
			lay_page_image(&pg, L->id,
				       t->g.logo_pos == LOGO_HEADER_LEFT
					       ? x0
					       : x1 - L->w,
				       ry - 2 - L->h, L->w, L->h);
		if (r->p->doc.bozza)
			lay_page_watermark(&under, &a, fonts[FONT_BOLD],
					   FONT_BOLD, 160, t->g.draft_color,
					   &t->geo, t->g.draft_mark);
		rnd_overlay(doc, n, under.nitems ? &under : NULL, &pg);
		arena_reset(&a);
	}
	arena_free(&a);
	buf_free(&b);
}

/* The cover page ([cover] show = yes): the logo and the cover lines,
 * centred, then a new page. */
static void cover(rep *r, const logo *L)
{
	const tpl *t = r->t;
	lay_flow *f = r->flow;
	/* A fifth of the page down (lay_flow_space drops space at a page's
	 * top). */
	lay_flow_begin(f, 0);
	f->y += (f->limit - f->y) * 0.2f;
	if (L->id >= 0) {
		lay_flow_image(f, L->id, L->w * 2, L->h * 2, LAY_CENTER,
			       L->alt);
		lay_flow_space(f, t->styles[ST_TITLE].size * 2);
	}
	static const int style[4] = {ST_PART, ST_TITLE, ST_PART, ST_PART};
	for (int i = 0; i < 4; i++) {
		const char *s = rep_doc_text(r, t->g.cover_line[i]);
		if (!*s)
			continue;
		lay_flow_paragraph(f, style[i], LAY_CENTER, s, 0, -1, NULL);
		lay_flow_space(f, t->styles[style[i]].size);
	}
	lay_flow_new_page(f);
}

/* Characters the fonts cannot print, reported once each at the first
 * place of the plan they come from. */
typedef struct charcheck {
	rnd_doc *doc;
	const tpl *t;
	diag *d;
	uint8_t seen[8192];
	uint32_t astral[64];
	int nastral;
} charcheck;

static void check_text(void *ctx, const char *file, int line,
		       const char *column, const char *text)
{
	charcheck *c = ctx;
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		i += utf8_ascii_span(text + i, len - i); /* the fonts have it */
		if (i >= len)
			break;
		uint32_t cp = (unsigned char)text[i];
		if (cp < 0x80) {
			i++;
			if (cp >= 0x20 && cp != 0x7F)
				continue; /* the fonts have ASCII */
		} else {
			i += (size_t)utf8_decode(text + i, len - i, &cp);
		}
		int seen = 0;
		if (cp <= 0xFFFF) {
			seen = c->seen[cp >> 3] & (1u << (cp & 7));
			c->seen[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		} else {
			for (int k = 0; k < c->nastral && !seen; k++)
				seen = c->astral[k] == cp;
			if (!seen && c->nastral < 64)
				c->astral[c->nastral++] = cp;
		}
		if (seen)
			continue;
		int ok = rnd_printable(c->doc, FONT_REGULAR, cp);
		ok = rnd_printable(c->doc, FONT_BOLD, cp) && ok;
		if (ok)
			continue;
		char u[5] = {0};
		if (cp >= 0x20 && cp != 0x7F)
			utf8_encode(cp, u);
		diag_warning(c->d, file, line,
			     "%s: character U+%04X%s%s%s cannot be printed "
			     "with the template's fonts; it prints as a white "
			     "square (reported once)",
			     column, (unsigned)cp, *u ? " '" : "", u,
			     *u ? "'" : "");
	}
}

/* Warn about the plan's characters the template's fonts lack. */
static void check_chars(rnd_doc *doc, const plan *p, const tpl *t, diag *d)
{
	charcheck *cc = xcalloc(1, sizeof *cc);
	cc->doc = doc;
	cc->t = t;
	cc->d = d;
	plan_texts(p, check_text, cc);
	free(cc);
}

tpl *doc_load_template(const char *path, diag *d)
{
	return tpl_load(path, rep_part_defs, d);
}

void doc_print_keys(FILE *out, int markdown)
{
	tpl_print_keys(out, rep_part_defs, markdown);
}

/* The part at place i of the document and what the template says for
 * it. */
static const rep_part *part_at(const tpl *t, int i, const void **conf)
{
	int k = t->parts[i];
	*conf = t->conf[k];
	return rep_part_of(t->defs[k]);
}

/* Whether the part at place i is listed before: it is checked and exports
 * once. */
static int listed_before(const tpl *t, int i)
{
	for (int j = 0; j < i; j++)
		if (t->parts[j] == t->parts[i])
			return 1;
	return 0;
}

int doc_check(const plan *p, const tpl *t, diag *d)
{
	rnd_doc *doc = rnd_open(t->font_path, FONT_COUNT, t->geo.width,
				t->geo.height, t->compress, t->path, d);
	if (doc) {
		check_chars(doc, p, t, d);
		load_logo(doc, t, d); /* a logo build cannot read fails here */
		rnd_free(doc);
	}
	doc_validate(p, t, d);
	int evaluated = 0; /* the relazione's check evaluates the plan */
	for (int i = 0; i < t->nparts; i++) {
		const void *conf;
		const rep_part *part = part_at(t, i, &conf);
		if (!listed_before(t, i) && part->check) {
			part->check(p, t, conf, d);
			evaluated = 1;
		}
	}
	/* What a shipped template (the relazione) would read is checked
	 * whatever this template is. */
	if (!evaluated) {
		ev_opts o = ev_opts_default();
		ev_free(ev_run(p, &o, d));
	}
	return d->errors ? -1 : 0;
}

/* The files beside the PDF: the exports of the document's parts, in
 * order, each part once, at most max (exporter[k] is the place of the
 * part of paths[k] times DOC_MAX_OUTPUTS plus the export's index). */
static int beside(const tpl *t, const char *out, char **paths, int *exporter,
		  int max)
{
	int n = 0;
	size_t len = strlen(out);
	if (len > 4 && !strcmp(out + len - 4, ".pdf"))
		len -= 4;
	for (int i = 0; i < t->nparts && n < max; i++) {
		const void *conf;
		const rep_part *part = part_at(t, i, &conf);
		if (!part->exports || listed_before(t, i))
			continue;
		for (int j = 0; part->exports[j].ext && n < max; j++) {
			const char *ext = part->exports[j].ext;
			paths[n] = xmalloc(len + strlen(ext) + 1);
			memcpy(paths[n], out, len);
			strcpy(paths[n] + len, ext);
			exporter[n++] = i * DOC_MAX_OUTPUTS + j;
		}
	}
	return n;
}

int doc_outputs(const tpl *t, const char *out, char *paths[DOC_MAX_OUTPUTS])
{
	int exporter[DOC_MAX_OUTPUTS];
	paths[0] = xstrdup(out);
	return 1 + beside(t, out, paths + 1, exporter, DOC_MAX_OUTPUTS - 1);
}
static int to_file(void *ctx, const void *p, size_t n)
{
	int rc = atomic_write(ctx, p, n);
	atomic_test_pause("save"); /* the temporary file has a block now */
	return rc;
}

/* The export which (beside()'s numbering) into f; a CSV starts with a
 * BOM when o->csv_bom asks for one and the part did not write it.
 * Returns 0, or -1 after reporting. */
static int write_export(rep *r, const build_opts *o, void **state, int which,
			atomic_file *f)
{
	static const char bom[] = "\xEF\xBB\xBF";
	const void *conf;
	int i = which / DOC_MAX_OUTPUTS;
	const rep_part *part = part_at(r->t, i, &conf);
	const rep_export *ex = &part->exports[which % DOC_MAX_OUTPUTS];
	buf b = BUF_INIT;
	ex->write(r, conf, state[i], &b);
	int add_bom = o->csv_bom && !strcmp(ex->ext, ".csv") &&
		      !(b.len >= 3 && !memcmp(b.data, bom, 3));
	int rc = 0;
	if ((add_bom && atomic_write(f, bom, 3) != 0) ||
	    atomic_write(f, b.data, b.len) != 0)
		rc = atomic_sync(f, r->d); /* reports the write error */
	buf_free(&b);
	return rc;
}

/* The files a build writes: written by save, committed on a second thread
 * (atomic.h) while the document is freed, after the last step that may
 * fail (the validation's splice allocates), so that a run that ends in
 * error has not replaced any output. */
typedef struct saving {
	atomic_file f[DOC_MAX_OUTPUTS];
	atomic_batch b;
	int n;	     /* files written, waiting for the commit */
	int started; /* the commit is under way: doc_build finishes it */
} saving;

/* Write the PDF (and the relazione's open data) into temporary files
 * (s->n of them).  Returns 0, or -1 after reporting, with nothing left
 * behind. */
static int save(rep *r, rnd_doc *doc, const char *out, const build_opts *o,
		void **state, saving *s)
{
	diag *d = r->d;
	if (o->sink)
		return rnd_write(doc, o->sink, o->sink_ctx, out, d);
	char *paths[DOC_MAX_OUTPUTS];
	int exporter[DOC_MAX_OUTPUTS];
	atomic_file *f = s->f;
	paths[0] = xstrdup(out);
	int n = 1 + beside(r->t, out, paths + 1, exporter, DOC_MAX_OUTPUTS - 1);
	int k = 0, rc = 0;
	for (; k < n && rc == 0; k++)
		rc = atomic_open(&f[k], paths[k], d);
	if (rc != 0)
		k--; /* f[k - 1] failed and is already cleaned up */
	for (int j = 1; j < n && rc == 0; j++)
		rc = write_export(r, o, state, exporter[j - 1], &f[j]);
	if (rc == 0 && rnd_write(doc, to_file, &f[0], out, d) != 0) {
		atomic_sync(&f[0], d); /* reports a write error */
		rc = -1;
	}
	if (rc == 0)
		s->n = k;
	for (int i = 0; i < k && rc != 0; i++)
		atomic_abort(&f[i]);
	for (int i = 0; i < n; i++)
		free(paths[i]);
	return rc;
}

/* The title, the subtitle and every part, on r's flow; each part's state
 * goes to state[i]. */
static void compose(rep *r, const char *title, void **state)
{
	const tpl *t = r->t;
	lay_flow_block(r->flow, LAY_S_H1, ST_TITLE, LAY_LEFT, title, 0, -1,
		       NULL);
	const char *sub = rep_doc_text(r, t->subtitle);
	if (*sub)
		lay_flow_paragraph(r->flow, ST_PART, LAY_LEFT, sub, 0, -1,
				   NULL);
	for (int i = 0; i < t->nparts; i++) {
		const void *conf;
		const rep_part *part = part_at(t, i, &conf);
		r->part_no = i;
		state[i] = part->run(r, conf);
	}
}

static void free_states(const tpl *t, void **state)
{
	for (int i = 0; i < t->nparts; i++) {
		const void *conf;
		const rep_part *part = part_at(t, i, &conf);
		if (state[i] && part->free_state)
			part->free_state(state[i]);
	}
	free(state);
}

/* rnd_emit_page, drawing no more than max pages (0: all). */
typedef struct emit_ctx {
	rnd_doc *doc;
	int n, max;
} emit_ctx;

static void emit_limited(void *ctx, const lay_page *lp)
{
	emit_ctx *e = ctx;
	if (e->max && e->n >= e->max)
		return;
	e->n++;
	rnd_emit_page(e->doc, lp);
	atomic_test_pause("layout");
}

/*
 * doc_validate only reads the plan and the template and only warns, so a
 * build runs it during the save, on a second thread: the save is the
 * longest stretch with a core idle (the pages are all drawn).  Its
 * warnings are spliced in where a build that ran it before the layout
 * would have put them, so the messages are the same; a diag that prints
 * at once (-v) gets them from a run before the layout instead.
 */
typedef struct checking {
	const plan *p;
	const tpl *t;
	diag d;
	int at, threaded;
	pthread_t th;
} checking;

static void *validate_thread(void *arg)
{
	checking *c = arg;
	doc_validate(c->p, c->t, &c->d);
	return NULL;
}

/* Before the layout: validate now, or mark where its warnings go. */
static void validate_begin(checking *c, const plan *p, const tpl *t, diag *d)
{
	c->p = p;
	c->t = t;
	c->threaded = 0;
	c->at = d->collapse ? diag_mark(d) : -1;
	if (c->at < 0)
		doc_validate(p, t, d);
}

/* Around the save: start the thread, then wait and splice. */
static void validate_start(checking *c, const diag *d)
{
	if (c->at < 0)
		return;
	diag_child(&c->d, d);
	c->threaded = pthread_create(&c->th, NULL, validate_thread, c) == 0;
	if (!c->threaded)
		doc_validate(c->p, c->t, &c->d);
}

static void validate_end(checking *c, diag *d)
{
	if (c->at < 0)
		return;
	if (c->threaded)
		pthread_join(c->th, NULL);
	diag_splice(d, c->at, &c->d);
	c->at = -1;
}

int doc_build(const plan *p, const tpl *t, const char *out, const build_opts *o,
	      diag *d)
{
	rnd_doc *doc = rnd_open(t->font_path, FONT_COUNT, t->geo.width,
				t->geo.height, t->compress, t->path, d);
	if (!doc)
		return -1;
	rnd_set_threads(doc, o->threads > 0 ? o->threads : 1);
	check_chars(doc, p, t, d);
	checking vc;
	validate_begin(&vc, p, t, d);
	lay_font **fonts = rnd_fonts(doc);
	lay_flow flow;
	emit_ctx ec = {doc, 0, o->max_pages};
	lay_flow_init(&flow, &t->geo, fonts, FONT_COUNT, t->styles, ST_COUNT,
		      emit_limited, &ec);
	flow.hyph = t->hyph;
	/* A tagged PDF (PDF/A-2a, PDF/UA-1): the structure layout builds. */
	lay_tree tree;
	int tagged = t->pdfa == TPL_PDFA_2A || t->ua;
	if (tagged) {
		lay_tree_init(&tree);
		flow.tree = &tree;
		rnd_set_tags(doc, &tree, t->lang, t->ua);
	}
	rep r;
	memset(&r, 0, sizeof r);
	r.p = p;
	r.old = o->old;
	r.t = t;
	r.flow = &flow;
	r.d = d;
	arena_init(&r.a, 64 * 1024);
	buf_init(&r.tmp);

	logo L = load_logo(doc, t, d);
	L.alt = rep_doc_text(&r, t->g.logo_alt);
	if (!*L.alt)
		L.alt = NULL;
	if (t->g.logo && L.id < 0) {
		validate_start(&vc, d);
		validate_end(&vc, d);
		lay_flow_finish(&flow);
		rep_free(&r);
		rnd_free(doc);
		if (tagged)
			lay_tree_free(&tree);
		return -1;
	}
	if (t->g.cover)
		cover(&r, &L);
	if (L.id >= 0 && t->g.logo_pos == LOGO_TITLE) {
		lay_flow_image(&flow, L.id, L.w, L.h, LAY_LEFT, L.alt);
		lay_flow_space(&flow, t->styles[ST_TITLE].size * 0.5f);
	}
	void **state = xcalloc((size_t)t->nparts + 1, sizeof *state);
	const char *title = rep_doc_text(&r, t->title);
	compose(&r, title, state);
	lay_flow_finish(&flow);
	running(&r, doc, fonts, &L);

	rnd_meta m = {title,
		      p->doc.ente,
		      rep_doc_text(&r, t->subtitle),
		      rep_doc_text(&r, t->keywords),
		      o->version,
		      o->epoch};
	rnd_set_meta(doc, &m);
	rnd_set_pdfa(doc, t->icc_path, t->pdfa == TPL_PDFA_2A ? 'A' : 'U');
	saving sv;
	sv.n = sv.started = 0;
	validate_start(&vc, d);
	int rc = save(&r, doc, out, o, state, &sv);
	validate_end(&vc, d);
	if (sv.n > 0) {
		atomic_commit_start(&sv.b, sv.f, sv.n);
		sv.started = 1;
	}
	if (rc == 0 && o->pages)
		*o->pages = rnd_page_count(doc);
	if (getenv("ANNEX_STATS")) {
		/* For make bench: what the libharu floor must draw. */
		long runs, glyphs;
		rnd_text_stats(doc, &runs, &glyphs);
		fprintf(stderr, "annex: stats: pages=%d runs=%ld glyphs=%ld\n",
			rnd_page_count(doc), runs, glyphs);
	}
	rep_free(&r);
	free_states(t, state);
	rnd_free(doc);
	if (tagged)
		lay_tree_free(&tree);
	if (sv.started && atomic_commit_finish(&sv.b, d) != 0)
		rc = -1;
	return rc;
}
