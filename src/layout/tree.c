/* tree.c - the logical structure of a document (see tree.h). */
#include "tree.h"

#include <stdlib.h>
#include <string.h>

void lay_tree_init(lay_tree *t)
{
	memset(t, 0, sizeof *t);
	t->cap = 1024;
	t->e = xmalloc(t->cap * sizeof *t->e);
	memset(&t->e[0], 0, sizeof t->e[0]);
	arena_init(&t->a, 4096);
	t->n = 0;
	lay_tree_add(t, 0, LAY_S_DOCUMENT);
}

void lay_tree_free(lay_tree *t)
{
	free(t->e);
	arena_free(&t->a);
	memset(t, 0, sizeof *t);
}

uint32_t lay_tree_add(lay_tree *t, uint32_t parent, lay_stype type)
{
	if (!t)
		return 0;
	if (t->n + 1 >= t->cap) {
		t->cap *= 2;
		t->e = xrealloc(t->e, t->cap * sizeof *t->e);
	}
	uint32_t id = ++t->n;
	if (parent == 0 || parent >= id)
		parent = id == 1 ? 0 : 1;
	t->e[id] = (lay_elem){.parent = parent,
			      .type = (uint8_t)type,
			      .rowspan = 1,
			      .colspan = 1};
	return id;
}

static lay_elem *elem(lay_tree *t, uint32_t id)
{
	return t && id && id <= t->n ? &t->e[id] : NULL;
}

void lay_tree_span(lay_tree *t, uint32_t id, int rowspan, int colspan)
{
	lay_elem *e = elem(t, id);
	if (!e)
		return;
	e->rowspan = (uint16_t)(rowspan < 1	  ? 1
				: rowspan > 65535 ? 65535
						  : rowspan);
	e->colspan = (uint16_t)(colspan < 1	  ? 1
				: colspan > 65535 ? 65535
						  : colspan);
}

void lay_tree_scope(lay_tree *t, uint32_t id, int scope)
{
	lay_elem *e = elem(t, id);
	if (e)
		e->scope = (uint8_t)scope;
}

void lay_tree_alt(lay_tree *t, uint32_t id, const char *alt)
{
	lay_elem *e = elem(t, id);
	if (e)
		e->alt = alt ? arena_strdup(&t->a, alt) : NULL;
}

void lay_tree_retype(lay_tree *t, uint32_t id, lay_stype type)
{
	lay_elem *e = elem(t, id);
	if (e)
		e->type = (uint8_t)type;
}
