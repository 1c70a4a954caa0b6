/*
 * fuzz_query.c - harness (3): a query string through translation, Xapian's
 * parser and the search on a small index, then both outputs.
 *
 * The index is built once, at start-up, with the indexer's own code from
 * the minutes in corpus/ and tests/data/search/ (run from the repository root,
 * or set STL_SRCDIR) in a temporary folder removed at exit.
 *
 * Input: the first byte picks the options (kind, order, facets, count),
 * the rest up to a NUL is the query (a command line cannot hold a NUL).
 * Invariants: the search succeeds or says BAD_QUERY with a message; every
 * JSON line parses and has a rank and a path; ranks count up from 1.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <jansson.h>
#include <string.h>
#include <unistd.h>

#include "../../indexer/indexer.h"
#include "stl/output.h"
#include "stl/search.h"
#include "fuzz.h"
#include "stl/xapian.h"

extern const char stl_builtin_institutions[];

static char tmpdir[4096];
static char db[4200];

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (*tmpdir)
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("STL_SRCDIR"), *tmp = getenv("TMPDIR");
	char corpus[4096], data[4096];
	char *roots[2] = { corpus, data };
	struct index_opts o = { .db = db, .roots = roots, .nroots = 2,
				.batch = 1000,
				.builtin_institutions =
					stl_builtin_institutions };
	struct index_summary sum;
	char *msg = NULL;

	(void)argc;
	(void)argv;
	if (!src)
		src = ".";
	snprintf(tmpdir, sizeof(tmpdir), "%s/stl-fuzz-query.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	FUZZ_CHECK(mkdtemp(tmpdir));
	atexit(cleanup);
	snprintf(db, sizeof(db), "%s/db", tmpdir);
	FUZZ_CHECK(realpath(src, corpus));
	strcpy(data, corpus);
	strcat(corpus, "/corpus");
	strcat(data, "/tests/data/search");
	/* Only the minutes: keep the user's and the machine's tables out. */
	setenv("HOME", tmpdir, 1);
	unsetenv("XDG_CONFIG_HOME");
	if (index_run(&o, &sum, &msg) != STL_STATUS_SUCCESS) {
		fprintf(stderr, "fuzz_query: no se pudo crear el índice: %s\n",
			msg ? msg : "?");
		abort();
	}
	FUZZ_CHECK(sum.added >= 4);
	free(msg);
	return 0;
}

static void check_json(const char *out, size_t len, unsigned nhits)
{
	const char *line = out, *nl;
	unsigned lines = 0;

	while (line < out + len) {
		json_error_t err;
		json_t *o;

		nl = memchr(line, '\n', (size_t)(out + len - line));
		FUZZ_CHECK(nl);
		o = json_loadb(line, (size_t)(nl - line), 0, &err);
		FUZZ_CHECK(o && json_is_object(o));
		FUZZ_CHECK(json_is_integer(json_object_get(o, "total")));
		/* A line of facets alone (no hit shown) has no rank. */
		if (json_object_get(o, "rank")) {
			FUZZ_CHECK(json_is_string(json_object_get(o, "path")));
			FUZZ_CHECK(json_integer_value(json_object_get(o, "rank")) >= 1);
			lines++;
		}
		json_decref(o);
		line = nl + 1;
	}
	FUZZ_CHECK(lines == nhits);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct search_opts o = { .db = db, .limit = 5, .snippet_max = 240,
				 .hl_on = "[", .hl_off = "]" };
	struct search_result res;
	char *query, *msg = NULL, *out = NULL;
	size_t outlen = 0, i;
	stl_status_t st;
	FILE *f;

	if (!size)
		return 0;
	o.kind = (enum stl_doc_kind)(data[0] % 3);
	o.sort = (stl_sort_t)((data[0] >> 2) % 3);
	o.facets = data[0] & 0x10;
	o.count_only = data[0] & 0x20;
	o.offset = data[0] & 0x40 ? 2 : 0;
	query = strndup((const char *)data + 1, size - 1);
	FUZZ_CHECK(query);
	o.query = query;

	st = search_run(&o, &res, &msg);
	if (st != STL_STATUS_SUCCESS) {
		if (st != STL_STATUS_BAD_QUERY)
			fprintf(stderr, "status %d: %s\n", st, msg ? msg : "");
		FUZZ_CHECK(st == STL_STATUS_BAD_QUERY);
		FUZZ_CHECK(msg && *msg);
		goto out;
	}
	FUZZ_CHECK(res.nhits <= o.limit && res.nhits <= res.matches);
	for (i = 0; i < res.nhits; i++) {
		FUZZ_CHECK(res.hits[i].record && res.hits[i].snippet);
		FUZZ_CHECK(res.hits[i].rank == o.offset + i + 1);
	}
	f = open_memstream(&out, &outlen);
	FUZZ_CHECK(f);
	FUZZ_CHECK(output_json(f, &res, &o) == 0);
	fclose(f);
	check_json(out, outlen, (unsigned)res.nhits);
	free(out);
	out = NULL;
	f = open_memstream(&out, &outlen);
	FUZZ_CHECK(f);
	output_human(f, &res, &o, data[0] & 0x80);
	fclose(f);
	FUZZ_CHECK(out && outlen > 0);
	free(out);
out:
	search_result_release(&res);
	free(msg);
	free(query);
	return 0;
}
