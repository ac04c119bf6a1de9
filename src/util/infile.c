/* infile.c - safe opening and verification of input files (see
 * infile.h). */
#include "infile.h"
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Largest font or profile read for verification. */
#define VERIFY_MAX (64u * 1024 * 1024)

int infile_open(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl != -1)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

const char *infile_kind(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return "a folder";
	if (S_ISFIFO(st->st_mode))
		return "a FIFO";
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return "a device";
	if (S_ISSOCK(st->st_mode))
		return "a socket";
	return "not a regular file";
}

void infile_why(const char *path, int err, char *why, size_t n)
{
	struct stat st;
	if ((err == EINVAL || err == EISDIR) && stat(path, &st) == 0 &&
	    !S_ISREG(st.st_mode))
		snprintf(why, n, "%s, not a regular file", infile_kind(&st));
	else if (err == ENXIO && stat(path, &st) == 0)
		/* a FIFO or socket with no writer refuses O_NONBLOCK opens */
		snprintf(why, n, "%s, not a regular file", infile_kind(&st));
	else
		snprintf(why, n, "%s", strerror(err));
}

FILE *infile_fopen(const char *path, struct stat *st, char *why, size_t n)
{
	int fd = infile_open(path, st);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!f) {
		infile_why(path, errno, why, n);
		if (fd >= 0)
			close(fd);
	}
	return f;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* A TrueType font libharu can embed: the sfnt header, every table inside
 * the file, the tables it needs present. */
static int verify_ttf(const unsigned char *s, size_t len, char *why, size_t n)
{
	static const char need[][5] = {"cmap", "glyf", "head", "hhea",
				       "hmtx", "loca", "maxp"};
	if (len >= 4 && !memcmp(s, "OTTO", 4))
		return snprintf(why, n,
				"an OpenType font with PostScript (CFF) "
				"outlines, which cannot be embedded; use a "
				"TrueType (.ttf) font"),
		       -1;
	if (len >= 4 && !memcmp(s, "ttcf", 4))
		return snprintf(why, n,
				"a TrueType collection (.ttc); use a single "
				"TrueType (.ttf) font"),
		       -1;
	if (len < 12 || (be32(s) != 0x00010000 && memcmp(s, "true", 4)))
		return snprintf(why, n, "not a TrueType font"), -1;
	size_t ntab = (size_t)s[4] << 8 | s[5];
	if (12 + 16 * ntab > len)
		return snprintf(why, n,
				"truncated: the table directory is "
				"incomplete"),
		       -1;
	unsigned found = 0;
	for (size_t i = 0; i < ntab; i++) {
		const unsigned char *e = s + 12 + 16 * i;
		uint64_t end = (uint64_t)be32(e + 8) + be32(e + 12);
		if (end > len)
			return snprintf(why, n,
					"truncated or damaged: table "
					"'%.4s' ends past the end of the "
					"file",
					(const char *)e),
			       -1;
		for (size_t k = 0; k < sizeof need / sizeof *need; k++)
			if (!memcmp(e, need[k], 4))
				found |= 1u << k;
	}
	for (size_t k = 0; k < sizeof need / sizeof *need; k++)
		if (!(found & (1u << k)))
			return snprintf(why, n,
					"not a usable TrueType font: no "
					"'%s' table",
					need[k]),
			       -1;
	return 0;
}

/* An RGB ICC profile: the 128-byte header with the 'acsp' signature, the
 * size it declares, the RGB colour space the output intent needs. */
static int verify_icc(const unsigned char *s, size_t len, char *why, size_t n)
{
	if (len < 132 || memcmp(s + 36, "acsp", 4))
		return snprintf(why, n, "not an ICC colour profile"), -1;
	if (be32(s) > len)
		return snprintf(why, n,
				"truncated ICC profile: %zu bytes "
				"of the %lu it declares",
				len, (unsigned long)be32(s)),
		       -1;
	if (memcmp(s + 16, "RGB ", 4))
		return snprintf(why, n,
				"an ICC profile for the '%.4s' colour space; "
				"PDF/A output needs an RGB profile (such as "
				"sRGB)",
				(const char *)s + 16),
		       -1;
	return 0;
}

int infile_verify(const char *path, infile_type t, char *why, size_t n)
{
	struct stat st;
	int fd = infile_open(path, &st);
	if (fd < 0) {
		infile_why(path, errno, why, n);
		return -1;
	}
	if (t == INFILE_ANY) {
		close(fd);
		return 0;
	}
	if ((unsigned long long)st.st_size > VERIFY_MAX) {
		close(fd);
		snprintf(why, n, "too large: more than %u bytes", VERIFY_MAX);
		return -1;
	}
	buf b = BUF_INIT;
	/* Room for one byte more than the file (and the NUL), so that its
	 * end is found without growing (a copy into fresh memory). */
	buf_reserve(&b, (size_t)st.st_size + 1);
	ssize_t got;
	while (b.len <= VERIFY_MAX &&
	       (got = read(fd, b.data + b.len, b.cap - 1 - b.len)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			snprintf(why, n, "%s", strerror(errno));
			close(fd);
			buf_free(&b);
			return -1;
		}
		b.len += (size_t)got;
		if (b.len + 1 == b.cap) /* full */
			buf_reserve(&b, 65536);
	}
	close(fd);
	const unsigned char *s = (const unsigned char *)(b.data ? b.data : "");
	int rc = t == INFILE_TTF ? verify_ttf(s, b.len, why, n)
				 : verify_icc(s, b.len, why, n);
	buf_free(&b);
	return rc;
}
