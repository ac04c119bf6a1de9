/* diag.c - user-facing diagnostics (see diag.h). */
#include "diag.h"

#include <stdarg.h>

void diag_init(diag *d, FILE *out)
{
	d->out = out;
	d->capture = NULL;
	d->errors = d->warnings = 0;
}

void diag_report(diag *d, diag_level lvl, const char *file, int line,
		 const char *fmt, ...)
{
	buf msg = BUF_INIT;
	va_list ap;
	char text[2048];

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (!file)
		buf_puts(&msg, "annex");
	else if (line > 0)
		buf_printf(&msg, "%s:%d", file, line);
	else
		buf_puts(&msg, file);
	buf_printf(&msg, ": %s: %s\n", lvl == DIAG_ERROR ? "error" : "warning",
		   text);
	if (lvl == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->capture)
		buf_append(d->capture, msg.data, msg.len);
	else if (d->out)
		fputs(msg.data, d->out);
	buf_free(&msg);
}
