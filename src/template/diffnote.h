/*
 * diffnote.h - the Italian words for what plan_diff found, from the
 * template's [diff] phrases: the nota of a derived amendment ("Target
 * 2021: da ≥90% a ≥95%; Descrizione modificata") and the label of each
 * changed column.
 */
#ifndef ANNEX_DIFFNOTE_H
#define ANNEX_DIFFNOTE_H

#include "template.h"
#include "../data/plandiff.h"
#include "../util/buf.h"

/* The amendment kind of a change: inserito, eliminato or aggiornato. */
mod_tipo diff_tipo(const pd_change *c);
/* The phrase of one changed column, appended to out. */
void diff_field_text(buf *out, const tpl *t, const pd_field *f);
/* The label of a changed column ("Target 2021", "Owner", "Descrizione"),
 * appended to out. */
void diff_field_label(buf *out, const tpl *t, const pd_field *f);
/* The nota of a change: its columns' phrases joined by the separator, the
 * rename, the records removed with it; "" for an insertion. */
void diff_nota(buf *out, const tpl *t, const pd_change *c);

#endif
