/*
 * testutil.h - what every cmocka unit test includes: the headers cmocka
 * needs in the order it needs them.
 */
#ifndef ANNEX_TESTUTIL_H
#define ANNEX_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
