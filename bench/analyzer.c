/*
 * analyzer.c - how fast the text analysis runs on minute-like text.
 *
 *   build/bench/analyzer [-n N] FILE...
 *
 * Reads the files, then times three passes over all of them, each repeated
 * N times: decoding (stl_text_decode), analysis alone (stl_text_analyze
 * with a callback that only counts) and analysis with every term stemmed
 * (stl_stem), as the indexer does. Without -n, N is chosen so the stemming
 * pass runs about two seconds. MB/s counts 10^6 bytes of decoded UTF-8.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stl/strbuf.h"
#include "stl/text.h"

struct input {
	char *raw;
	size_t raw_len;
	struct stl_strbuf text;	/* decoded */
};

struct counts {
	unsigned long long tokens;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count_token(const stl_token_t *tok, void *ctx)
{
	struct counts *c = ctx;

	(void)tok;
	c->tokens++;
	return 0;
}

static int stem_token(const stl_token_t *tok, void *ctx)
{
	struct counts *c = ctx;
	char stem[STL_TERM_MAX + 1];

	c->tokens++;
	stl_stem(tok->term, tok->len, stem);
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stl_strbuf sb = STL_STRBUF_INIT;
	char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		stl_strbuf_add(&sb, buf, n);
	if (ferror(f)) {
		fclose(f);
		stl_strbuf_release(&sb);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	return stl_strbuf_detach(&sb, len);
}

/* One pass of @mode over every input; returns false on failure. */
enum mode { DECODE, ANALYZE, ANALYZE_STEM };

static bool run_pass(struct input *in, size_t nin, enum mode mode,
		     struct counts *c)
{
	struct stl_strbuf scratch = STL_STRBUF_INIT;
	size_t i;
	bool ok = true;

	for (i = 0; i < nin && ok; i++) {
		uint32_t pos = 1;

		switch (mode) {
		case DECODE:
			stl_strbuf_reset(&scratch);
			ok = stl_text_decode(in[i].raw, in[i].raw_len, &scratch,
					     NULL) == STL_STATUS_SUCCESS;
			break;
		case ANALYZE:
			ok = stl_text_analyze(in[i].text.buf, in[i].text.len, 0,
					      &pos, count_token, c) ==
			     STL_STATUS_SUCCESS;
			break;
		case ANALYZE_STEM:
			ok = stl_text_analyze(in[i].text.buf, in[i].text.len, 0,
					      &pos, stem_token, c) ==
			     STL_STATUS_SUCCESS;
			break;
		}
	}
	stl_strbuf_release(&scratch);
	return ok;
}

static bool measure(const char *name, struct input *in, size_t nin,
		    size_t bytes, enum mode mode, unsigned long repeats)
{
	struct counts c = { 0 };
	unsigned long r;
	double t0, secs;

	t0 = now();
	for (r = 0; r < repeats; r++)
		if (!run_pass(in, nin, mode, &c))
			return false;
	secs = now() - t0;
	printf("%-13s %12llu bytes %11llu tokens %8.3f s %9.1f MB/s\n", name,
	       (unsigned long long)bytes * repeats, c.tokens, secs,
	       secs > 0 ? (double)bytes * (double)repeats / secs / 1e6 : 0.0);
	return true;
}

static void usage(void)
{
	fprintf(stderr, "usage: analyzer [-n REPEATS] FILE...\n");
}

int main(int argc, char **argv)
{
	struct input *in;
	unsigned long repeats = 0;
	size_t nin, i, bytes = 0;
	int opt, rc = 1;

	while ((opt = getopt(argc, argv, "n:h")) != -1) {
		switch (opt) {
		case 'n':
			repeats = strtoul(optarg, NULL, 10);
			if (!repeats) {
				usage();
				return 2;
			}
			break;
		default:
			usage();
			return opt == 'h' ? 0 : 2;
		}
	}
	if (optind >= argc) {
		usage();
		return 2;
	}
	nin = (size_t)(argc - optind);
	in = calloc(nin, sizeof(*in));
	if (!in) {
		perror("analyzer");
		return 1;
	}
	for (i = 0; i < nin; i++) {
		const char *path = argv[optind + (int)i];

		stl_strbuf_init(&in[i].text, 0);
		in[i].raw = read_all(path, &in[i].raw_len);
		if (!in[i].raw) {
			fprintf(stderr, "analyzer: %s: %s\n", path,
				strerror(errno));
			goto out_free;
		}
		if (stl_text_decode(in[i].raw, in[i].raw_len, &in[i].text,
				    NULL) != STL_STATUS_SUCCESS) {
			fprintf(stderr, "analyzer: %s: not text\n", path);
			goto out_free;
		}
		bytes += in[i].text.len;
	}
	if (!repeats) {
		/* one pass to calibrate: about 2 s for the slowest */
		struct counts c = { 0 };
		double t0 = now(), secs;

		if (!run_pass(in, nin, ANALYZE_STEM, &c))
			goto out_oom;
		secs = now() - t0;
		repeats = secs > 0 ? (unsigned long)(2.0 / secs) : 1;
		if (!repeats)
			repeats = 1;
	}
	printf("%zu files, %zu bytes decoded, %lu repeats\n", nin, bytes,
	       repeats);
	if (!measure("decode", in, nin, bytes, DECODE, repeats) ||
	    !measure("analyze", in, nin, bytes, ANALYZE, repeats) ||
	    !measure("analyze+stem", in, nin, bytes, ANALYZE_STEM, repeats))
		goto out_oom;
	rc = 0;
	goto out_free;
out_oom:
	fprintf(stderr, "analyzer: out of memory\n");
out_free:
	for (i = 0; i < nin; i++) {
		free(in[i].raw);
		stl_strbuf_release(&in[i].text);
	}
	free(in);
	return rc;
}
