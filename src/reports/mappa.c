/*
 * mappa.c - part two of All. 1.1: the strategy map / operational plan.
 */
#include "report.h"

void rep_mappa(rep *r)
{
	(void)r;
}
