/*
 * querytime.c - in-process latency of stlsearch requests.
 *
 *   build/bench/querytime [-n REPEATS] DB QUERY...
 *
 * Runs each QUERY REPEATS times (default 20) through search_run() with
 * the options of a plain `stlsearch QUERY`: minutes, ranked, top 10, with
 * snippets and the matching agreements under each minute. The index is
 * opened by every request, as the CLI does. Prints, per query, the median
 * time in milliseconds and the number of matches, tab-separated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "stl/search.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One query, @n times; its median in *@ms. Returns the match count or -1. */
static long time_query(const char *db, const char *query, unsigned n,
		       double *ms)
{
	struct search_opts o = { .db = db, .query = query,
				 .kind = STL_DOC_MINUTE, .limit = 10,
				 .hl_on = "", .hl_off = "", .snippet_max = 240 };
	double *t = calloc(n, sizeof(*t));
	long matches = -1;
	unsigned i;

	if (!t)
		return -1;
	for (i = 0; i < n; i++) {
		struct search_result res;
		char *msg = NULL;
		double t0 = now_ms();
		stl_status_t st = search_run(&o, &res, &msg);

		t[i] = now_ms() - t0;
		if (st != STL_STATUS_SUCCESS) {
			fprintf(stderr, "querytime: %s: %s\n", query,
				msg ? msg : "error");
			free(msg);
			free(t);
			return -1;
		}
		matches = res.matches;
		search_result_release(&res);
		free(msg);
	}
	qsort(t, n, sizeof(*t), dbl_cmp);
	*ms = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	free(t);
	return matches;
}

int main(int argc, char **argv)
{
	unsigned n = 20;
	int opt, i, rc = 0;

	while ((opt = getopt(argc, argv, "n:h")) != -1) {
		switch (opt) {
		case 'n':
			n = (unsigned)strtoul(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: querytime [-n REPEATS] DB QUERY...\n");
			return 2;
		}
	}
	if (optind + 2 > argc || !n) {
		fprintf(stderr, "usage: querytime [-n REPEATS] DB QUERY...\n");
		return 2;
	}
	for (i = optind + 1; i < argc; i++) {
		double ms = 0;
		long m = time_query(argv[optind], argv[i], n, &ms);

		if (m < 0)
			rc = 1;
		printf("%.3f\t%ld\t%s\n", ms, m, argv[i]);
	}
	return rc;
}
