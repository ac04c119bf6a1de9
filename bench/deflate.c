/*
 * deflate.c - make bench's table of compressors: zlib levels 1-9 against
 * libdeflate levels 1-12 on the content streams of a real PDF.
 *
 * Usage: deflate STREAMS, where STREAMS holds the page content streams as
 * "LENGTH\n" followed by LENGTH bytes, one after another (bench/streams.py
 * writes it from a PDF).  Each stream is compressed on its own, in zlib
 * format (what /FlateDecode reads), as annex does a page at a time.  For
 * each compressor and level: input MB per CPU second (the best of three
 * passes), output/input size and the output in MB.
 */
#include <libdeflate.h>
#include <zlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct stream {
	const unsigned char *p;
	size_t n;
} stream;

static double cpu_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* zlib with one z_stream reset between streams (deflateInit for each
 * stream, as libharu does, costs more than the deflating of a page). */
static size_t zlib_pack(z_stream *z, const stream *s, unsigned char *out,
			size_t cap)
{
	deflateReset(z);
	z->next_in = (Bytef *)s->p;
	z->avail_in = (uInt)s->n;
	z->next_out = out;
	z->avail_out = (uInt)cap;
	if (deflate(z, Z_FINISH) != Z_STREAM_END)
		return 0;
	return cap - z->avail_out;
}

static size_t ld_pack(struct libdeflate_compressor *c, const stream *s,
		      unsigned char *out, size_t cap)
{
	return libdeflate_zlib_compress(c, s->p, s->n, out, cap);
}

/* One pass over all streams; returns the output bytes. */
static size_t pass(struct libdeflate_compressor *c, z_stream *z,
		   const stream *v, int n, unsigned char *out, size_t cap)
{
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += c ? ld_pack(c, &v[i], out, cap)
			   : zlib_pack(z, &v[i], out, cap);
	return total;
}

static void row(int lib, int level, const stream *v, int n, size_t in,
		unsigned char *out, size_t cap)
{
	struct libdeflate_compressor *c =
		lib ? libdeflate_alloc_compressor(level) : NULL;
	z_stream z;
	memset(&z, 0, sizeof z);
	if (!lib)
		deflateInit(&z, level);
	double best = 1e9;
	size_t size = 0;
	for (int k = 0; k < 3; k++) {
		double t0 = cpu_seconds();
		size = pass(c, &z, v, n, out, cap);
		double t = cpu_seconds() - t0;
		if (t < best)
			best = t;
	}
	printf("| %-10s | %5d | %7.1f | %6.4f | %7.3f |\n",
	       lib ? "libdeflate" : "zlib", level, (double)in / 1e6 / best,
	       (double)size / (double)in, (double)size / 1e6);
	if (c)
		libdeflate_free_compressor(c);
	else
		deflateEnd(&z);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

int main(int argc, char **argv)
{
	size_t len;
	unsigned char *data = argc == 2 ? slurp(argv[1], &len) : NULL;
	if (!data) {
		fprintf(stderr, "usage: deflate STREAMS (see bench/deflate.c)\n");
		return 2;
	}
	stream *v = NULL;
	int n = 0;
	size_t in = 0, biggest = 0;
	for (size_t at = 0; at < len;) {
		char *end;
		size_t k = strtoul((const char *)data + at, &end, 10);
		at = (size_t)((unsigned char *)end - data) + 1;
		if (at + k > len)
			break;
		v = realloc(v, (size_t)(n + 1) * sizeof *v);
		v[n++] = (stream){data + at, k};
		at += k;
		in += k;
		if (k > biggest)
			biggest = k;
	}
	size_t cap = compressBound((uLong)biggest) + 1024;
	unsigned char *out = malloc(cap);
	printf("%d streams, %.2f MB\n\n", n, (double)in / 1e6);
	printf("| compressor | level | MB/s in | ratio  | out MB  |\n");
	printf("|------------|------:|--------:|-------:|--------:|\n");
	for (int level = 1; level <= 9; level++)
		row(0, level, v, n, in, out, cap);
	for (int level = 1; level <= 12; level++)
		row(1, level, v, n, in, out, cap);
	free(out);
	free(v);
	free(data);
	return 0;
}
