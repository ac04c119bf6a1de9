/*
 * cell.h - spreadsheet cells as a user sees them: references ("C5") and
 * the display of a number through its number format.
 *
 * The workbook readers (xlsx.c, ods.c) hand the plan loader each cell as
 * the text the user sees in Excel or Calc, so that the loader validates a
 * workbook exactly as it validates a CSV file.  Numbers are shown the
 * Italian way (decimal comma, thousands dot when the format groups), a
 * General number as plain digits (2002800, 2018, 3,5), a percentage as
 * "95%", a date as DD/MM/YYYY (the form the plan's dates take).
 */
#ifndef ANNEX_CELL_H
#define ANNEX_CELL_H

#include <stddef.h>

/* Longest text cell_number() writes, with its NUL. */
#define CELL_NUM_MAX 64

/* "A" for col 0, "Z", "AA", ..., "XFD"; then the row (1 = first): "C5".
 * out needs 16 bytes.  row <= 0 gives the column letters alone. */
char *cell_ref(int col, int row, char *out);

/* Parse "C5", "$C$5" or "C" (row 0) into a 0-based column and a 1-based
 * row.  Returns 0, or -1 for anything else (also for a column beyond
 * XFD or a row beyond 1048576). */
int cell_ref_parse(const char *s, int *col, int *row);

/* Excel's format code of a built-in number format id, or NULL when the id
 * is not one (0 is "General"). */
const char *cell_builtin_format(int id);

/* Whether a format code shows a date or time (d, m, y, h, s outside quotes
 * and brackets). */
int cell_format_is_date(const char *code);

/* The serial number of a spreadsheet date as a calendar date (the 1900
 * date system with its phantom 29 February 1900, or the 1904 system).
 * Returns -1 for a serial out of 1900..9999. */
int cell_serial_date(double serial, int date1904, int *y, int *m, int *d);

/* v as the format code shows it (NULL or "General": plain digits, up to
 * 15 significant, decimal comma).  Dates come out as DD/MM/YYYY (a month
 * without day as "luglio 2021", a year as "2021"), times as HH:MM. */
void cell_number(double v, const char *code, int date1904, char *out, size_t n);

/* Read a number as XML writes it ("2002800", "0.95", "-1.5E-3"), whatever
 * the process's locale.  Returns 0, or -1 when s is not all a number. */
int cell_parse_number(const char *s, double *v);

/* General format: "2002800", "3,5", "-0,25", "1E+20". */
void cell_general(double v, char *out, size_t n);

/* Decode Excel's _xHHHH_ escapes (a character XML cannot carry, written
 * as its code point) in s[0..n) in place; returns the new length. */
size_t cell_unescape_x(char *s, size_t n);

#endif
