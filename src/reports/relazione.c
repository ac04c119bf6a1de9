/*
 * relazione.c - the Relazione sulla performance (issue 4; not yet built).
 */
#include "report.h"

void rep_relazione(rep *r)
{
	(void)r;
}

int rep_relazione_export(rep *r, const char *pdf_path)
{
	(void)r;
	(void)pdf_path;
	return 0;
}
