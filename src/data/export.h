/*
 * export.h - `annex export` and `annex init`: a plan moved between a plan
 * folder and a workbook, and an empty plan to start from.
 *
 *   plan_export(PLANDIR, OUT.xlsx | OUT.ods)  the folder as a workbook
 *   plan_export(WORKBOOK, OUTDIR)             the workbook as a folder
 *   plan_init(OUT.xlsx | OUT.ods | DIR)        an empty plan
 *
 * A workbook gets one sheet per table (named like its CSV file without
 * .csv) and a documento sheet (chiave | valore); the header row is bold
 * and frozen, columns as wide as their text, a drop-down list where the
 * column takes a closed list of values (polarita, tipo, esito), and each
 * header cell a comment saying what the column holds.  Column names, help
 * and choices come from data/load.c's own tables (plan_schema_*).  Cells
 * keep their text, except plain integers, written as numbers (General),
 * which read back as the same digits: folder -> workbook -> folder gives
 * the same records.  .xlsx is written by libxlsxwriter, .ods as its XML
 * zipped by libzip; every file is written atomically (util/atomic.h).
 * Both return 0, or -1 after reporting to d.
 */
#ifndef ANNEX_EXPORT_H
#define ANNEX_EXPORT_H

#include "../util/diag.h"

int plan_export(const char *from, const char *to, long long epoch, diag *d);
int plan_init(const char *to, long long epoch, diag *d);

#endif
