/*
 * i18n.h - message translation through gettext (text domain "annex").
 *
 * _("...") translates a message now; N_("...") marks a string for
 * xgettext that is translated later (tables).  Diagnostics are translated
 * inside diag_report, so their call sites need no marking: xgettext
 * collects them through --keyword=diag_error:4 (see the Makefile, `make
 * po`).  The catalogues are po/LANG.po; README.md says how to add one.
 */
#ifndef ANNEX_I18N_H
#define ANNEX_I18N_H

#include <libintl.h>

#define ANNEX_DOMAIN "annex"
#define _(s)	     dgettext(ANNEX_DOMAIN, s)
#define N_(s)	     s

#endif
