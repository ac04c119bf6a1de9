/* utf8.c - UTF-8 and Windows-1252 helpers (see utf8.h). */
#include "utf8.h"
#include "arena.h"

#include <string.h>

int utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[0];
	int n;
	uint32_t min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 2, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if ((size_t)n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return n;
}

int utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Eight bytes w are all printable ASCII unless one has its high bit set,
 * is below 0x20 ((w - 0x20..) & ~w & 0x80.. is non-zero exactly then, the
 * bytes being below 0x80) or is 0x7F (a zero byte in w ^ 0x7F..). */
size_t utf8_ascii_span(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w, d;
		memcpy(&w, s + i, 8);
		d = w ^ (ones * 0x7F);
		if ((w | ((w - ones * 0x20) & ~w) | ((d - ones) & ~d)) & highs)
			break;
	}
	while (i < len && (unsigned char)s[i] >= 0x20 &&
	       (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

size_t utf8_first_invalid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_ascii_span(s + i, len - i);
		if (i >= len)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			return i;
		i += (size_t)n;
	}
	return len;
}

int utf8_valid(const char *s, size_t len)
{
	return utf8_first_invalid(s, len) == len;
}

size_t utf8_length(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

uint32_t cp1252_to_unicode(unsigned char b)
{
	if (b >= 0x80 && b < 0xA0)
		return cp1252_high[b - 0x80];
	return b;
}

char *cp1252_to_utf8(const char *s, size_t len, size_t *outlen)
{
	char *out = xmalloc(len * 3 + 1), *o = out;
	for (size_t i = 0; i < len; i++)
		o += utf8_encode(cp1252_to_unicode((unsigned char)s[i]), o);
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

int utf8_to_cp1252(const char *s, size_t len, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = (unsigned char)s[i];
		int n = 1;
		if (cp >= 0x80)
			n = utf8_decode(s + i, len - i, &cp);
		int b = -1;
		if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
			b = (int)cp;
		for (int k = 0; k < 32 && b < 0; k++)
			if (cp1252_high[k] == cp)
				b = 0x80 + k;
		if (b < 0)
			return -1;
		out[o++] = (char)b;
		i += (size_t)n;
	}
	return (int)o;
}
