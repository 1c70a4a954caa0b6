/*
 * extract.c - how fast stlextract reads each format, through the client
 * stlindex uses (indexer/extclient.c: socketpair, protocol, parsing the
 * structured text back).
 *
 *   build/bench/extract [-x STLEXTRACT] [-r ROUNDS] [-n N] [-s S] FILE...
 *
 * For each round and, inside it, each file in turn (so the files are
 * interleaved and share the machine's drift): N requests of that file to
 * one running stlextract, then S requests each to a fresh stlextract
 * (started, one file, ended: what a file costs when the process is not
 * kept). The process of the first batch is started and warmed up with one
 * request before the clock starts. Prints one tab-separated line a file,
 * medians over the rounds:
 *
 *   format  file  bytes  text_bytes  files_per_s  in_MB_per_s
 *   text_MB_per_s  ms_per_file  ms_per_file_spawned  spawn_ms
 *
 * text_bytes is the plain text of the answer (stl_stext ->text, one line
 * a block); MB are 10^6 bytes; spawn_ms is ms_per_file_spawned minus
 * ms_per_file. STLEXTRACT defaults to ../stlextract beside this program.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../indexer/extclient.h"
#include "stl/stext.h"

struct input {
	const char *path;
	char hint[16];
	char *bytes;
	size_t len, text_len;
	double *per_file, *per_spawn;	/* seconds, one a round */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) &&
	    fread(p, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
		fclose(f);
		return p;
	}
	free(p);
	fclose(f);
	return NULL;
}

static void set_hint(struct input *in)
{
	const char *dot = strrchr(in->path, '.');

	snprintf(in->hint, sizeof(in->hint), "%s", dot ? dot + 1 : "txt");
}

/* One request; exits on failure (a bench of a failing reader is void). */
static void extract_one(struct extclient *c, struct input *in)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *format, *why;

	if (extclient_extract(c, in->hint, in->bytes, in->len, &st, &format,
			      &why)) {
		fprintf(stderr, "extract: %s: %s\n", in->path, why);
		exit(1);
	}
	in->text_len = st.text.len;
	stl_stext_release(&st);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, unsigned n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void client_init(struct extclient *c)
{
	if (extclient_init(c, NULL)) {
		fprintf(stderr, "extract: stlextract not found (%s)\n",
			c->exe ? c->exe : "?");
		exit(1);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: extract [-x STLEXTRACT] [-r ROUNDS] [-n N] "
			"[-s S] FILE...\n");
	exit(2);
}

/* ../stlextract beside this program (build/bench/extract -> build/). */
static void default_extractor(void)
{
	char self[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (getenv("STL_EXTRACTOR") || n <= 0)
		return;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return;
	snprintf(slash, sizeof(self) - (size_t)(slash - self), "/../stlextract");
	setenv("STL_EXTRACTOR", self, 1);
}

int main(int argc, char **argv)
{
	unsigned rounds = 5, n = 200, s = 20, r, k, i;
	struct input *in;
	struct extclient c;
	int opt, nin;
	double t;

	while ((opt = getopt(argc, argv, "x:r:n:s:")) != -1) {
		switch (opt) {
		case 'x': setenv("STL_EXTRACTOR", optarg, 1); break;
		case 'r': rounds = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'n': n = (unsigned)strtoul(optarg, NULL, 10); break;
		case 's': s = (unsigned)strtoul(optarg, NULL, 10); break;
		default: usage();
		}
	}
	nin = argc - optind;
	if (nin < 1 || !rounds || !n)
		usage();
	default_extractor();
	in = calloc((size_t)nin, sizeof(*in));
	if (!in)
		return 1;
	for (k = 0; k < (unsigned)nin; k++) {
		in[k].path = argv[optind + (int)k];
		in[k].bytes = read_file(in[k].path, &in[k].len);
		in[k].per_file = calloc(rounds, sizeof(double));
		in[k].per_spawn = calloc(rounds, sizeof(double));
		if (!in[k].bytes || !in[k].per_file || !in[k].per_spawn) {
			fprintf(stderr, "extract: %s: %s\n", in[k].path,
				strerror(errno));
			return 1;
		}
		set_hint(&in[k]);
	}
	for (r = 0; r < rounds; r++) {
		for (k = 0; k < (unsigned)nin; k++) {
			client_init(&c);
			extract_one(&c, &in[k]);	/* start and warm up */
			t = now();
			for (i = 0; i < n; i++)
				extract_one(&c, &in[k]);
			in[k].per_file[r] = (now() - t) / n;
			extclient_release(&c);
			if (!s)
				continue;
			t = now();
			for (i = 0; i < s; i++) {
				client_init(&c);
				extract_one(&c, &in[k]);
				extclient_release(&c);
			}
			in[k].per_spawn[r] = (now() - t) / s;
		}
	}
	for (k = 0; k < (unsigned)nin; k++) {
		double pf = median(in[k].per_file, rounds);
		double ps = s ? median(in[k].per_spawn, rounds) : 0;
		const char *base = strrchr(in[k].path, '/');

		printf("%s\t%s\t%zu\t%zu\t%.1f\t%.2f\t%.2f\t%.3f\t%.3f\t%.3f\n",
		       in[k].hint, base ? base + 1 : in[k].path, in[k].len,
		       in[k].text_len, 1 / pf, in[k].len / pf / 1e6,
		       in[k].text_len / pf / 1e6, pf * 1e3, ps * 1e3,
		       s ? (ps - pf) * 1e3 : 0);
		free(in[k].bytes);
		free(in[k].per_file);
		free(in[k].per_spawn);
	}
	free(in);
	return 0;
}
