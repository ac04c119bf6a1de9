/*
 * registro.c - the register of amendments.
 */
#include "report.h"

void rep_registro(rep *r)
{
	(void)r;
}
