/*
 * infile.h - opening the files annex reads, safely.
 *
 * An input is opened with O_NONBLOCK (so a FIFO or a device cannot hang
 * the run), checked with fstat to be a regular file, and only then read
 * (O_NONBLOCK cleared).  Fonts and ICC profiles are also verified before
 * anything is laid out: a truncated or wrong file is an error at the line
 * that names it, not a libharu failure during the save.
 */
#ifndef ANNEX_INFILE_H
#define ANNEX_INFILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/* Open path for reading.  Returns a blocking file descriptor of a regular
 * file, or -1 with errno set; for an existing file that is not a regular
 * one errno is EINVAL (infile_kind on st names it) or EISDIR. */
int infile_open(const char *path, struct stat *st);
/* "a folder", "a FIFO", "a device", "a socket" or "not a regular file". */
const char *infile_kind(const struct stat *st);
/* Why path cannot be opened as an input: writes a sentence (such as "a
 * FIFO, not a regular file" or "No such file or directory") into why. */
void infile_why(const char *path, int err, char *why, size_t n);
/* infile_open as a stdio stream; NULL with the sentence of infile_why in
 * why when it cannot be opened. */
FILE *infile_fopen(const char *path, struct stat *st, char *why, size_t n);

typedef enum { INFILE_ANY, INFILE_TTF, INFILE_ICC } infile_type;
/* Open, read and verify path as a file of type t.  Returns 0, or -1 with
 * a sentence in why ("truncated: table 'glyf' ends past the end of the
 * file", "not an ICC colour profile"...). */
int infile_verify(const char *path, infile_type t, char *why, size_t n);

#endif
