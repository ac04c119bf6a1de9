/*
 * registry.c - the parts annex knows, in the order `annex template-keys`
 * lists their keys.  A new part is a file reports/NAME.c exporting
 * `const rep_part rep_part_NAME` and one X(NAME) line below.
 */
#include "report.h"

#define PARTS(X)                                                               \
	X(cruscotto)                                                           \
	X(mappa)                                                               \
	X(registro)                                                            \
	X(relazione)                                                           \
	X(confronto)                                                           \
	X(diagramma)

#define DECLARE(n) extern const rep_part rep_part_##n;
PARTS(DECLARE)

#define PART(n) &rep_part_##n,
const rep_part *const rep_parts[] = {PARTS(PART) NULL};

#define DEF(n) &rep_part_##n.tpl,
const tpl_partdef *const rep_part_defs[] = {PARTS(DEF) NULL};

/* tpl is the first member of rep_part, so a pointer to it is a pointer to
 * its part (C11 6.7.2.1p15). */
const rep_part *rep_part_of(const tpl_partdef *def)
{
	return (const rep_part *)(const void *)def;
}
