/*
 * utf8.h - UTF-8 decoding and encoding, and Windows-1252 conversion.
 */
#ifndef ANNEX_UTF8_H
#define ANNEX_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point from s[0..len).  Returns the number of bytes used
 * (1..4) and stores the code point; on an invalid or truncated sequence
 * returns 1 and stores U+FFFD.  len must be > 0. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns bytes written. */
int utf8_encode(uint32_t cp, char *out);
/* True if s[0..len) is entirely valid UTF-8 (no overlongs, no
 * surrogates). */
int utf8_valid(const char *s, size_t len);
/* Offset of the first byte of s[0..len) that is not part of valid UTF-8,
 * or len. */
size_t utf8_first_invalid(const char *s, size_t len);
/* s[0..len) read as Windows-1252, as a malloc'd NUL-terminated UTF-8
 * string (the caller frees it); *outlen gets its length. */
char *cp1252_to_utf8(const char *s, size_t len, size_t *outlen);
/* s[0..len) (UTF-8) in Windows-1252 into out (at least len bytes):
 * returns the number of bytes written, or -1 when a character has no
 * Windows-1252 code. */
int utf8_to_cp1252(const char *s, size_t len, char *out);
/* Length of the run of printable ASCII (0x20 to 0x7E) that s[0..len)
 * starts with: the bytes a scan for anything else may skip.  Read eight
 * bytes at a time. */
size_t utf8_ascii_span(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s, size_t len);
/* Code point of Windows-1252 byte b (undefined bytes 0x81 0x8D 0x8F 0x90
 * 0x9D map to their C1 control, as Windows does). */
uint32_t cp1252_to_unicode(unsigned char b);

#endif
