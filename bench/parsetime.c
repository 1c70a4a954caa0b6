/*
 * parsetime.c - where a query's time goes before the search itself: the
 * query language (query_translate(), query_fast_phrases()) and Xapian's
 * parser configured from the table (query_parse(), both kinds), against a
 * whole search_run() in process. For the design note's decision on
 * parsing the query once or twice; never a test.
 *
 *   build/bench/parsetime DB [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stl/qparser.h"
#include "stl/query.h"
#include "stl/search.h"
#include "stl/xapian.h"

static const char *const queries[] = {
	"transparencia",
	"\"hoja de ruta\"",
	"participación ciudadana",
	"persona:\"Lilibeth Álvarez\"",
	"institucion:IEEM",
	"compromiso fecha:2016..2020",
	"tema:(datos abiertos) O acuerdo:difusión",
	"transp* -campaña",
	"\"plan de acción\" NEAR seguimiento",
	"institucion:\"Instituto Electoral del Estado de México\" fecha:2019",
};

#define NQUERIES (sizeof(queries) / sizeof(queries[0]))

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* The canonical and fast forms of @q, in @canon and @fast. */
static int translate(const char *q, struct stl_strbuf *canon,
		     struct stl_strbuf *fast)
{
	struct query_info info;
	char *msg = NULL;
	int bad;

	stl_strbuf_reset(canon);
	stl_strbuf_reset(fast);
	bad = query_translate(q, canon, &info, &msg) ||
	      query_fast_phrases(canon->buf, fast);
	query_info_release(&info);
	free(msg);
	return bad;
}

static int parse_both(struct query_parser *p, const char *fast)
{
	unsigned k;

	for (k = 0; k < STL_DOC_NKINDS; k++) {
		stl_query_t *q = NULL;
		char *msg = NULL;

		if (query_parse(p, (enum stl_doc_kind)k, fast, &q, &msg))
			return 1;
		stl_query_destroy(q);
		free(msg);
	}
	return 0;
}

static double search_once(const char *db, const char *q)
{
	struct search_opts o = { .db = db, .query = q,
				 .kind = STL_DOC_MINUTE, .limit = 10,
				 .hl_on = "", .hl_off = "", .snippet_max = 240 };
	struct search_result res;
	char *msg = NULL;
	double t0 = now_us();

	if (search_run(&o, &res, &msg) == STL_STATUS_SUCCESS)
		search_result_release(&res);
	free(msg);
	return now_us() - t0;
}

int main(int argc, char **argv)
{
	struct stl_strbuf canon = STL_STRBUF_INIT, fast = STL_STRBUF_INIT;
	struct query_parser *p = NULL;
	stl_reader_t *r = NULL;
	unsigned rounds = argc > 2 ? (unsigned)atoi(argv[2]) : 200, i;
	char *msg = NULL;
	size_t k;

	if (argc < 2 || stl_reader_open(argv[1], &r, &msg) ||
	    query_parser_new(r, NULL, &p)) {
		fprintf(stderr, "usage: parsetime DB [ROUNDS] (%s)\n",
			msg ? msg : "");
		return 2;
	}
	printf("| query | translate, µs | Xapian parse (2 kinds), µs | search_run, µs | both parses / search |\n");
	printf("|---|---|---|---|---|\n");
	for (k = 0; k < NQUERIES; k++) {
		double t0, tr = 0, pa = 0, se = 0;

		for (i = 0; i < rounds; i++) {
			t0 = now_us();
			if (translate(queries[k], &canon, &fast))
				return 1;
			tr += now_us() - t0;
			t0 = now_us();
			if (parse_both(p, fast.buf))
				return 1;
			pa += now_us() - t0;
		}
		for (i = 0; i < rounds / 10 + 1; i++)
			se += search_once(argv[1], queries[k]);
		tr /= rounds;
		pa /= rounds;
		se /= rounds / 10 + 1;
		printf("| `%s` | %.1f | %.1f | %.0f | %.1f %% |\n", queries[k], tr,
		       pa, se, 100 * (tr + pa) / se);
	}
	query_parser_destroy(p);
	stl_reader_destroy(r);
	stl_strbuf_release(&canon);
	stl_strbuf_release(&fast);
	free(msg);
	return 0;
}
