/*
 * output.h - may this build write where it was told to?
 *
 * Before anything is laid out, every file a build would write (the -o
 * PDF, the relazione's <out>.csv beside it) is checked:
 *   - its folder exists, is a folder and is writable;
 *   - the path (symbolic links followed) is nothing yet or a regular file:
 *     never a folder, a device, a FIFO or a socket;
 *   - it is none of the inputs of this run (plan files, template, fonts,
 *     ICC profile), compared by device and inode, so no spelling of the
 *     path (../, links, hard links) gets past;
 *   - an existing -o file must be a PDF (it starts with %PDF-), unless
 *     force: annex replaces its own output, not a file of the user's.
 * Each refusal is one error naming the output path.
 */
#ifndef ANNEX_OUTPUT_H
#define ANNEX_OUTPUT_H

#include "../data/plan.h"
#include "../template/template.h"

/* Returns 0, or -1 after reporting to d. */
int out_check(const plan *p, const tpl *t, const char *out, int force, diag *d);

#endif
