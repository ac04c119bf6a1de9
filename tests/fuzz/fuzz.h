/*
 * fuzz.h - what the harnesses share: the invariant check and the shape of
 * a diagnostic line.  Each harness is a libFuzzer target
 * (LLVMFuzzerTestOneInput), also run over its corpus by replay.c.
 */
#ifndef ANNEX_FUZZ_H
#define ANNEX_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the code under test: abort, so the fuzzer keeps the
 * input. */
#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",       \
				__FILE__, __LINE__, #cond);                    \
			abort();                                               \
		}                                                              \
	} while (0)

/* Each line of s is name, an optional ":LINE" (LINE >= 1), then
 * ": error: " or ": warning: " and a message.  Returns the number of
 * errors. */
static inline int fuzz_check_messages(const char *s, const char *name)
{
	size_t nl = strlen(name);
	int errors = 0;
	while (*s) {
		const char *end = strchr(s, '\n');
		CHECK(end != NULL);
		CHECK(strncmp(s, name, nl) == 0);
		const char *p = s + nl;
		if (*p == ':' && p[1] >= '1' && p[1] <= '9') {
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		CHECK(*p == ':' && p[1] == ' ');
		p += 2;
		if (strncmp(p, "error: ", 7) == 0)
			errors++;
		else
			CHECK(strncmp(p, "warning: ", 9) == 0);
		s = end + 1;
	}
	return errors;
}

#endif
