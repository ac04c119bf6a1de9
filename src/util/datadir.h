/*
 * datadir.h - where the shipped data is: templates/, fonts/ and the
 * message catalogues, so that an installed annex runs from any folder.
 *
 * The data folder is, in order: $ANNEX_DATA; ../share/annex next to the
 * binary (/proc/self/exe: PREFIX/bin/annex -> PREFIX/share/annex, as
 * `make install` lays it out); the source tree the binary was built in
 * (build/annex, build/asan/annex); the current folder.
 */
#ifndef ANNEX_DATADIR_H
#define ANNEX_DATADIR_H

/* The data folder (see above), malloc'd. */
char *data_dir(void);

/* The template a -t value names, malloc'd: the file itself when it
 * exists, else the shipped template DATA/templates/ARG[.ini] when ARG is
 * a plain name (`relazione`, `all-1.1.ini`), else DATA/ARG when ARG is a
 * relative path there (`templates/relazione.ini`), else ARG unchanged (the
 * loader then reports that it cannot be read). */
char *data_template(const char *data, const char *arg);

/* The folder of the compiled catalogues (LANG/LC_MESSAGES/annex.mo),
 * malloc'd: DATA/build/locale in the source tree, PREFIX/share/locale
 * when installed. */
char *data_localedir(const char *data);

/* Whether path names an existing regular file / folder. */
int data_is_file(const char *path);
int data_is_dir(const char *path);

#endif
