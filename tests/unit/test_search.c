/*
 * test_search.c - lib/search/search.c: search_run() in process, over an
 * index that index_run() builds once (group setup) from corpus/ and
 * $STL_TEST_DATA/search, in a temporary directory. The queries mirror
 * tests/e2e/search.sh.
 *
 * A hit's record is read in one place, hit_info().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "stl/schema.h"
#include "stl/search.h"
#include "stl/status.h"
#include "../../indexer/indexer.h"
#include "testutil.h"

#define FMT(buf, ...)                                                        \
	assert_true((size_t)snprintf((buf), sizeof(buf), __VA_ARGS__) <      \
		    sizeof(buf))

/* ---- the one place that reads a hit's record ------------------------------- */

struct hit_info {
	const char *path;
	const char *kind;	/* "minuta" or "acuerdo" */
	const char *date;	/* "YYYY-MM-DD" */
	long number;		/* agreement number; 0 for a minute */
};

static struct hit_info hit_info(const struct search_hit *h)
{
	struct hit_info i;

	i.path = h->record->path;
	i.kind = stl_schema_kind_name(h->record->kind);
	i.date = h->record->minute->date[0] ? h->record->minute->date : NULL;
	i.number = h->record->kind == STL_DOC_AGREEMENT
			   ? (long)h->record->agreement.number
			   : 0;
	return i;
}

/* ---- fixture: the index, built once ------------------------------------------ */

static char tmpdir[PATH_MAX];
static char dbpath[PATH_MAX];

static int group_setup(void **state)
{
	const char *tmp = getenv("TMPDIR"), *data = getenv("STL_TEST_DATA");
	char cfg[PATH_MAX], search_dir[PATH_MAX];
	char *roots[2] = { NULL, NULL }, *builtin, *msg = NULL;
	struct index_summary sum;
	struct index_opts o;
	stl_status_t st;
	size_t len;

	(void)state;
	if ((size_t)snprintf(tmpdir, sizeof(tmpdir), "%s/stl-search-XXXXXX",
			     tmp && *tmp ? tmp : "/tmp") >= sizeof(tmpdir) ||
	    !mkdtemp(tmpdir))
		return -1;
	if ((size_t)snprintf(dbpath, sizeof(dbpath), "%s/db", tmpdir) >=
		    sizeof(dbpath) ||
	    (size_t)snprintf(cfg, sizeof(cfg), "%s/config", tmpdir) >=
		    sizeof(cfg) ||
	    (size_t)snprintf(search_dir, sizeof(search_dir), "%s/search",
			     data && *data ? data : "tests/data") >=
		    sizeof(search_dir))
		return -1;
	/* No user's table from ~/.config. */
	if (mkdir(cfg, 0755))
		return -1;
	setenv("XDG_CONFIG_HOME", cfg, 1);
	roots[0] = realpath("corpus", NULL);
	roots[1] = realpath(search_dir, NULL);
	builtin = test_slurp("corpus/instituciones.tsv", &len);
	if (!roots[0] || !roots[1] || !builtin) {
		fprintf(stderr, "run from the repository root\n");
		free(roots[0]);
		free(roots[1]);
		free(builtin);
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.db = dbpath;
	o.roots = roots;
	o.nroots = 2;
	o.batch = 100;
	o.builtin_institutions = builtin;
	st = index_run(&o, &sum, &msg);
	if (st)
		fprintf(stderr, "index_run: %s\n", msg ? msg : "");
	free(msg);
	free(roots[0]);
	free(roots[1]);
	free(builtin);
	return st == STL_STATUS_SUCCESS && sum.added == 4 ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	test_remove_tree(tmpdir);
	return 0;
}

/* ---- running searches -------------------------------------------------------- */

static struct search_opts opts(const char *query)
{
	struct search_opts o;

	memset(&o, 0, sizeof(o));
	o.db = dbpath;
	o.query = query;
	o.kind = STL_DOC_MINUTE;
	o.sort = STL_SORT_RELEVANCE;
	o.limit = 100;
	o.hl_on = "[";
	o.hl_off = "]";
	o.snippet_max = 300;
	return o;
}

/* Run @o; fails the test unless it succeeds. */
static void run(const struct search_opts *o, struct search_result *res)
{
	char *msg = NULL;
	stl_status_t st = search_run(o, res, &msg);

	if (st != STL_STATUS_SUCCESS)
		fail_msg("search '%s': status %d: %s", o->query, st,
			 msg ? msg : "(no message)");
	assert_null(msg);
}

/* The number of matches of @query (exact, as --count). */
static unsigned count_kind(const char *query, enum stl_doc_kind kind)
{
	struct search_opts o = opts(query);
	struct search_result res;
	unsigned n;

	o.count_only = true;
	o.kind = kind;
	run(&o, &res);
	assert_true(res.exact);
	assert_int_equal(res.nhits, 0);
	n = res.matches;
	search_result_release(&res);
	return n;
}

static unsigned count(const char *query)
{
	return count_kind(query, STL_DOC_MINUTE);
}

/* "date date " of the hits of @query in output order (as search.sh). */
static char *dates_sorted(const char *query, enum stl_doc_kind kind,
			  stl_sort_t sort)
{
	static char buf[4][1024];
	static int k;
	struct search_opts o = opts(query);
	struct search_result res;
	size_t i, len = 0;

	k = (k + 1) % 4;
	o.kind = kind;
	o.sort = sort;
	run(&o, &res);
	buf[k][0] = '\0';
	for (i = 0; i < res.nhits; i++) {
		struct hit_info hi = hit_info(&res.hits[i]);
		int n;

		assert_non_null(hi.date);
		if (hi.number)
			n = snprintf(buf[k] + len, sizeof(buf[k]) - len,
				     "%s %ld ", hi.date, hi.number);
		else
			n = snprintf(buf[k] + len, sizeof(buf[k]) - len, "%s ",
				     hi.date);
		assert_true(n > 0 && (size_t)n < sizeof(buf[k]) - len);
		len += (size_t)n;
	}
	search_result_release(&res);
	return buf[k];
}

static char *dates(const char *query)
{
	return dates_sorted(query, STL_DOC_MINUTE, STL_SORT_RELEVANCE);
}

static char *dates_by_date(const char *query)
{
	return dates_sorted(query, STL_DOC_MINUTE, STL_SORT_VALUE_ASC);
}

static char *agreements(const char *query)
{
	return dates_sorted(query, STL_DOC_AGREEMENT, STL_SORT_VALUE_ASC);
}

/* Run @query expecting @status; the message, malloc'ed. */
static char *run_fail(const char *query, const char *db, stl_status_t status)
{
	struct search_opts o = opts(query);
	struct search_result res;
	char *msg = NULL;

	if (db)
		o.db = db;
	assert_int_equal(search_run(&o, &res, &msg), status);
	search_result_release(&res);
	assert_non_null(msg);
	return msg;
}

static void assert_contains(const char *s, const char *part)
{
	if (!s || !strstr(s, part))
		fail_msg("'%s' does not contain '%s'", s ? s : "(null)", part);
}

/* The same, ignoring ASCII case. */
static void assert_contains_nocase(const char *s, const char *part)
{
	char low[2048];
	size_t i;

	assert_non_null(s);
	for (i = 0; s[i] && i < sizeof(low) - 1; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a'
							    : s[i]);
	low[i] = '\0';
	if (!strstr(low, part))
		fail_msg("'%s' does not contain '%s'", s, part);
}

/* ---- free text ------------------------------------------------------------------ */

static void test_phrase(void **state)
{
	(void)state;
	assert_string_equal(dates_by_date("\"hoja de ruta\""),
			    "2020-09-24 2020-10-01 ");
	assert_int_equal(count("\"HOJA DE RUTA\""), 2);
	assert_int_equal(count("hoja ruta"), 2);
	/* Not the words in another order. */
	assert_int_equal(count("\"ruta de hoja\""), 0);
}

/* A phrase that names one institution of the table finds the minutes that
 * write its acronym or full name; only 2020-10-01 writes the phrase. */
static void test_phrase_institution(void **state)
{
	(void)state;
	assert_string_equal(dates_by_date("\"Instituto Electoral\""),
			    "2020-06-17 2020-09-24 2020-10-01 2021-03-15 ");
	assert_string_equal(agreements("\"Instituto Electoral\""),
			    "2020-06-17 2 2020-06-17 3 2020-09-24 2 2020-09-24 1 "
			    "2020-10-01 1 2021-03-15 2 ");
	/* A part several institutions share stays a phrase. */
	assert_string_equal(dates("\"Estado de México\" informaciones"),
			    "2020-10-01 ");
}

static void test_accents_and_inflection(void **state)
{
	unsigned n;

	(void)state;
	n = count("reunión");
	assert_true(n > 0);
	assert_int_equal(count("reuniones"), n);
	assert_int_equal(count("reunion"), n);
	assert_int_equal(count("participacion"), 4);
	assert_int_equal(count("participaciones"), 4);
	assert_int_equal(count("acuerdo"), count("ACUERDOS"));
	/* ñ is a letter of its own. */
	assert_string_equal(dates("año"), "2020-10-01 ");
	assert_string_equal(dates("ano"), "2021-03-15 ");
	assert_string_equal(dates("socioeconomico"), "2020-10-01 ");
}

static void test_no_match(void **state)
{
	struct search_opts o = opts("zzzxq");
	struct search_result res;

	(void)state;
	run(&o, &res);
	assert_int_equal(res.matches, 0);
	assert_int_equal(res.nhits, 0);
	assert_null(res.suggestion);
	search_result_release(&res);
}

/* The suggestion of @query (NULL: none) and, taken, how many it finds. */
static void expect_suggestion(const char *query, const char *want,
			      unsigned matches)
{
	struct search_opts o = opts(query);
	struct search_result res;

	run(&o, &res);
	assert_int_equal(res.matches, 0);
	assert_int_equal(res.nhits, 0);
	if (!want)
		assert_null(res.suggestion);
	else
		assert_string_equal(res.suggestion ? res.suggestion : "", want);
	assert_false(res.from_suggestion);
	search_result_release(&res);
	if (!want)
		return;
	o.take_suggestion = true;
	run(&o, &res);
	assert_true(res.from_suggestion);
	assert_string_equal(res.suggestion, want);
	assert_int_equal(res.matches, matches);
	assert_int_equal(res.nhits, matches);
	search_result_release(&res);
}

static void test_spelling_suggestion(void **state)
{
	(void)state;
	expect_suggestion("partcipacion", "participacion", 4);
	/* Inside a field. */
	expect_suggestion("persona:lilibet", "persona:lilibeth", 4);
	/* Stop words are no misspellings, in a phrase neither. */
	expect_suggestion("\"ruta de hoja\"", NULL, 0);
	/* Only a suggestion that finds something. */
	expect_suggestion("partcipacion hoja -hoja", NULL, 0);
}

/* ---- fields --------------------------------------------------------------------- */

/* A '-' before a filter (a boolean or processor field) excludes, as it
 * does before words: alone, with words, with other exclusions, with OR,
 * in a group. */
static void test_exclude_filters(void **state)
{
	(void)state;
	assert_string_equal(dates("-fecha:2020"), "2021-03-15 ");
	assert_string_equal(dates_by_date("-institucion:cpc"),
			    "2020-06-17 2020-09-24 2021-03-15 ");
	assert_int_equal(count_kind("-tipo:acuerdo", STL_DOC_ANY), 4);
	assert_int_equal(count("zoom -fecha:2020"), 0);
	assert_string_equal(dates("-fecha:2020 -lugar:zoom"), "2021-03-15 ");
	assert_string_equal(dates("-lugar:zoom -fecha:2020"), "2021-03-15 ");
	assert_string_equal(dates("-\"hoja de ruta\" -fecha:2021"),
			    "2020-06-17 ");
	assert_int_equal(count("hoja O zoom -fecha:2020"), 0);
	assert_string_equal(dates_by_date("hoja O zoom -fecha:2021"),
			    "2020-09-24 2020-10-01 ");
	assert_string_equal(dates_by_date("(zoom -fecha:2021) O cpc"),
			    "2020-09-24 2020-10-01 ");
	assert_int_equal(count("lilibeth -institucion:cpc"), 3);
}

static void test_fields(void **state)
{
	(void)state;
	assert_string_equal(dates_by_date("asistente:\"lilibeth alvarez\""),
			    "2020-06-17 2020-09-24 2020-10-01 2021-03-15 ");
	assert_string_equal(dates("asistente:medina"), "2020-10-01 ");
	assert_int_equal(count("institucion:IEEM"), 4);
	assert_int_equal(
		count("institucion:\"Instituto Electoral del Estado de México\""),
		4);
	assert_string_equal(dates("institucion:cpc"), "2020-10-01 ");
	assert_string_equal(dates("institucion:\"Tendiendo Puentes\""),
			    "2020-06-17 ");
	/* A part of a name that is one institution's alone; a part that
	 * several share is words. */
	assert_string_equal(dates_by_date("institucion:\"Instituto Electoral\""),
			    "2020-06-17 2020-09-24 2020-10-01 2021-03-15 ");
	assert_string_equal(dates("institucion:\"Comité de Participación\""),
			    "2020-10-01 ");
	assert_int_equal(count("institucion:Instituto"), 0);
	/* An attendee field naming an institution: attendees from it (the
	 * CPC is named in the topics of 2020-09-24, but attended 2020-10-01
	 * only). */
	assert_string_equal(dates("asistente:cpc"), "2020-10-01 ");
	assert_string_equal(dates("asistente:\"Comité de Participación\""),
			    "2020-10-01 ");
	assert_int_equal(count("asistente:ieem"), 4);
	assert_int_equal(count("lilibeth -asistente:cpc"), 3);
	assert_string_equal(dates_by_date("tema:\"hoja de ruta\""),
			    "2020-09-24 2020-10-01 ");
	assert_string_equal(dates("acuerdo:prematuro"), "2020-06-17 ");
	assert_string_equal(dates_by_date("lugar:zoom"),
			    "2020-09-24 2020-10-01 ");
	assert_string_equal(dates("lugar:telmex"), "2020-06-17 ");
	assert_int_equal(count("evento:\"secretariado tecnico local\""), 2);
}

static void test_persons(void **state)
{
	(void)state;
	/* Named in the text (not an attendee). */
	assert_string_equal(agreements("persona:\"María Guadalupe González\""),
			    "2020-06-17 3 ");
	/* Meant by role: the Directora General of the Infoem. */
	assert_string_equal(agreements("persona:\"Adriana Yadira Cárdenas\""),
			    "2020-09-24 3 ");
	assert_string_equal(agreements("persona:\"Lilibeth Alvarez\" fecha:2021"),
			    "2021-03-15 2 ");
}

static void test_fecha(void **state)
{
	(void)state;
	assert_int_equal(count("fecha:2020 minuta"), 3);
	assert_string_equal(dates("fecha:2020-10 minuta"), "2020-10-01 ");
	assert_string_equal(dates("fecha:2020-09-24 minuta"), "2020-09-24 ");
	assert_string_equal(dates("fecha:2020-06-01..2020-06-30 minuta"),
			    "2020-06-17 ");
	assert_string_equal(dates("fecha:..2020-07-01 minuta"), "2020-06-17 ");
	assert_int_equal(count("fecha:2020-07-01.. minuta"), 3);
	assert_string_equal(dates("fecha:\"24 de septiembre de 2020\" minuta"),
			    "2020-09-24 ");
	assert_string_equal(dates("fecha:24/09/2020 minuta"), "2020-09-24 ");
}

/* ---- operators -------------------------------------------------------------------- */

static void test_booleans(void **state)
{
	(void)state;
	assert_int_equal(count("zoom O telmex O sala"), 4);
	assert_string_equal(dates("zoom Y medina"), "2020-10-01 ");
	assert_string_equal(dates("zoom NO medina"), "2020-09-24 ");
	assert_string_equal(dates("zoom -medina"), "2020-09-24 ");
	assert_int_equal(count("(telmex OR cpc) participacion"), 3);
	assert_int_equal(count("transparen*"),
			 count("transparencia O transparente O transparentes"));
	assert_string_equal(dates("estudio NEAR/3 ciudadania"), "2020-06-17 ");
}

/* ---- kinds ------------------------------------------------------------------------- */

static void test_kinds(void **state)
{
	struct search_opts o = opts("transparencia");
	struct search_result res;
	unsigned minutes = 0, agrs = 0;
	size_t i;

	(void)state;
	assert_string_equal(agreements("IEEM fecha:2020-10"), "2020-10-01 1 ");
	assert_int_equal(count_kind("partidos", STL_DOC_AGREEMENT),
			 count("tipo:acuerdo partidos"));

	o.kind = STL_DOC_ANY;
	run(&o, &res);
	for (i = 0; i < res.nhits; i++) {
		struct hit_info hi = hit_info(&res.hits[i]);

		assert_non_null(hi.kind);
		if (!strcmp(hi.kind, stl_schema_kind_name(STL_DOC_MINUTE))) {
			minutes++;
			assert_int_equal(hi.number, 0);
		} else {
			assert_string_equal(hi.kind, stl_schema_kind_name(STL_DOC_AGREEMENT));
			assert_true(hi.number > 0);
			agrs++;
			/* Agreements are not listed under minutes. */
			assert_int_equal(res.hits[i].nsubs, 0);
		}
	}
	assert_int_equal(res.nhits, minutes + agrs);
	assert_int_equal(minutes, count_kind("transparencia", STL_DOC_MINUTE));
	assert_int_equal(agrs, count_kind("transparencia", STL_DOC_AGREEMENT));
	assert_true(minutes > 0 && agrs > 0);
	assert_int_equal(count_kind("transparencia", STL_DOC_ANY), minutes + agrs);
	search_result_release(&res);
}

static void test_minute_hit(void **state)
{
	struct search_opts o = opts("\"hoja de ruta\" fecha:2020-09");
	struct search_result res;
	struct hit_info hi;

	(void)state;
	run(&o, &res);
	assert_int_equal(res.nhits, 1);
	hi = hit_info(&res.hits[0]);
	assert_string_equal(hi.kind, stl_schema_kind_name(STL_DOC_MINUTE));
	assert_string_equal(hi.date, "2020-09-24");
	assert_non_null(hi.path);
	assert_true(hi.path[0] == '/');
	assert_non_null(strstr(hi.path, "/corpus/minuta-2020-09-24.txt"));
	assert_int_equal(res.hits[0].rank, 1);
	assert_true(res.hits[0].score > 0);
	assert_true(res.hits[0].docid > 0);
	/* Agreement I mentions the hoja de ruta too. (Not checked: its
	 * snippet misses the phrase today, centred on the first "de" of the
	 * long sentence; reported as a bug.) */
	assert_int_equal(res.hits[0].nsubs, 1);
	assert_int_equal(res.hits[0].subs[0].number, 1);
	assert_non_null(res.hits[0].subs[0].snippet);
	search_result_release(&res);

	/* The agreements of the minute that match, in order, each with its
	 * snippet. */
	o = opts("compromiso fecha:2020-09");
	run(&o, &res);
	assert_int_equal(res.nhits, 1);
	assert_contains(res.hits[0].snippet, "[Compromiso] proactivo");
	assert_int_equal(res.hits[0].nsubs, 2);
	assert_int_equal(res.hits[0].subs[0].number, 2);
	assert_int_equal(res.hits[0].subs[1].number, 4);
	assert_contains(res.hits[0].subs[0].snippet, "del [Compromiso] por");
	assert_contains(res.hits[0].subs[1].snippet, "el [Compromiso] posible");
	search_result_release(&res);

	/* Agreements asked for: none under another hit. */
	o = opts("compromiso fecha:2020-09");
	o.kind = STL_DOC_AGREEMENT;
	run(&o, &res);
	assert_int_equal(res.nhits, 2);
	assert_int_equal(res.hits[0].nsubs + res.hits[1].nsubs, 0);
	search_result_release(&res);
}

/*
 * Under a minute, the agreements its words match: filters alone match
 * every agreement of the minute, and show none. The minute's snippet is
 * never the text of an agreement shown under it.
 */
static void test_minute_subs(void **state)
{
	struct search_opts o = opts("institucion:cpc");
	struct search_result res;
	size_t i;

	(void)state;
	run(&o, &res);
	assert_int_equal(res.nhits, 1);
	assert_int_equal(res.hits[0].nsubs, 0);
	search_result_release(&res);
	o = opts("fecha:2020");
	run(&o, &res);
	assert_int_equal(res.nhits, 3);
	for (i = 0; i < res.nhits; i++)
		assert_int_equal(res.hits[i].nsubs, 0);
	search_result_release(&res);
	/* A word and a filter: the agreements of the word. */
	o = opts("institucion:cpc difundira");
	run(&o, &res);
	assert_int_equal(res.nhits, 1);
	assert_int_equal(res.hits[0].nsubs, 1);
	assert_int_equal(res.hits[0].subs[0].number, 3);
	assert_contains(res.hits[0].subs[0].snippet,
			"del CPC, [difundirá] la campaña");
	/* The sentence is agreement III's: the minute says another. */
	assert_null(strstr(res.hits[0].snippet_plain, "difundirá"));
	assert_string_equal(res.hits[0].snippet_plain,
			    "Metepec a 1 de octubre de 2020.");
	search_result_release(&res);
	/* Said elsewhere in the minute too: that sentence. */
	o = opts("jorge");
	run(&o, &res);
	assert_int_equal(res.nhits, 1);
	assert_int_equal(res.hits[0].nsubs, 1);
	assert_contains(res.hits[0].snippet, "[Jorge] Medina Soto, Integrante");
	assert_null(strstr(res.hits[0].snippet_plain, "difundirá"));
	search_result_release(&res);
}

/* ---- counts, facets, order, pages ------------------------------------------------- */

static void test_count_only(void **state)
{
	struct search_opts o = opts("asistente:lilibeth");
	struct search_result res;

	(void)state;
	o.count_only = true;
	run(&o, &res);
	assert_int_equal(res.matches, 4);
	assert_true(res.exact);
	assert_int_equal(res.nhits, 0);
	search_result_release(&res);
}

static const struct search_facet *facet(const struct search_result *res,
					const char *name)
{
	size_t i;

	for (i = 0; i < res->nfacets; i++)
		if (!strcmp(res->facets[i].name, name))
			return &res->facets[i];
	fail_msg("no facet '%s'", name);
	return NULL;
}

static unsigned facet_count(const struct search_facet *f, const char *value)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (!strcmp(f->values[i].value, value))
			return f->values[i].count;
	return 0;
}

static void test_facets(void **state)
{
	struct search_opts o = opts("asistente:lilibeth");
	const struct search_facet *f;
	struct search_result res;
	size_t i;

	(void)state;
	o.facets = true;
	run(&o, &res);
	assert_true(res.exact);
	assert_int_equal(res.matches, 4);
	assert_int_equal(res.nhits, 4);
	assert_int_equal(res.nfacets, 3);
	f = facet(&res, "año");
	assert_int_equal(f->n, 2);
	assert_string_equal(f->values[0].value, "2020");
	assert_int_equal(f->values[0].count, 3);
	assert_string_equal(f->values[1].value, "2021");
	assert_int_equal(f->values[1].count, 1);
	f = facet(&res, "institucion");
	assert_string_equal(f->label, "institución");
	assert_int_equal(facet_count(f, "IEEM"), 4);
	assert_int_equal(facet_count(f, "CPC"), 1);
	assert_int_equal(facet_count(f, "Tendiendo Puentes A.C."), 1);
	assert_int_equal(facet_count(f, "OSFEM"), 0);
	f = facet(&res, "asistente");
	assert_int_equal(f->values[0].count, 4);
	assert_string_equal(f->values[0].value, "Lilibeth Álvarez Rodríguez");
	/* Most frequent first. */
	for (i = 1; i < f->n; i++)
		assert_true(f->values[i - 1].count >= f->values[i].count);
	search_result_release(&res);
}

static void test_sort_by_date(void **state)
{
	(void)state;
	assert_string_equal(dates_by_date("asistente:lilibeth"),
			    "2020-06-17 2020-09-24 2020-10-01 2021-03-15 ");
	assert_string_equal(dates_sorted("asistente:lilibeth", STL_DOC_MINUTE,
					 STL_SORT_VALUE_DESC),
			    "2021-03-15 2020-10-01 2020-09-24 2020-06-17 ");
}

/* No words, only filters or nothing: everything they allow, newest
 * first. */
static void test_no_words(void **state)
{
	struct search_opts o = opts("");
	struct search_result res;

	(void)state;
	assert_string_equal(dates(""),
			    "2021-03-15 2020-10-01 2020-09-24 2020-06-17 ");
	assert_string_equal(dates("*"),
			    "2021-03-15 2020-10-01 2020-09-24 2020-06-17 ");
	assert_string_equal(dates("fecha:2020"),
			    "2020-10-01 2020-09-24 2020-06-17 ");
	assert_string_equal(dates("institucion:cpc"), "2020-10-01 ");
	assert_int_equal(count_kind("", STL_DOC_AGREEMENT), 16);
	assert_string_equal(dates_sorted("fecha:2021", STL_DOC_AGREEMENT,
					 STL_SORT_RELEVANCE),
			    "2021-03-15 1 2021-03-15 2 ");
	/* Asked for: oldest first. */
	assert_string_equal(dates_by_date(""),
			    "2020-06-17 2020-09-24 2020-10-01 2021-03-15 ");
	/* Words: by relevance still. */
	assert_string_equal(dates("ano"), "2021-03-15 ");
	o.facets = true;
	run(&o, &res);
	assert_int_equal(res.matches, 4);
	assert_int_equal(facet_count(facet(&res, "año"), "2020"), 3);
	search_result_release(&res);
}

static void test_offset_limit(void **state)
{
	struct search_opts o = opts("asistente:lilibeth");
	struct search_result all, page;
	size_t i;

	(void)state;
	o.sort = STL_SORT_VALUE_ASC;
	run(&o, &all);
	assert_int_equal(all.nhits, 4);
	for (i = 0; i < all.nhits; i++)
		assert_int_equal(all.hits[i].rank, i + 1);

	o.limit = 2;
	run(&o, &page);
	assert_int_equal(page.nhits, 2);
	assert_int_equal(page.matches, 4);
	search_result_release(&page);

	o.offset = 2;
	run(&o, &page);
	assert_int_equal(page.nhits, 2);
	assert_int_equal(page.hits[0].rank, 3);
	assert_int_equal(page.hits[1].rank, 4);
	assert_int_equal(page.hits[0].docid, all.hits[2].docid);
	assert_int_equal(page.hits[1].docid, all.hits[3].docid);
	search_result_release(&page);

	o.offset = 10;
	run(&o, &page);
	assert_int_equal(page.nhits, 0);
	search_result_release(&page);
	search_result_release(&all);
}

/* ---- snippets -------------------------------------------------------------------- */

static void test_snippets(void **state)
{
	struct search_opts o = opts("\"hoja de ruta\"");
	struct search_result res;
	size_t i;

	(void)state;
	run(&o, &res);
	assert_int_equal(res.nhits, 2);
	for (i = 0; i < res.nhits; i++) {
		struct hit_info hi = hit_info(&res.hits[i]);

		/* As written: 2020-10-01 has "Hoja de\nRuta". */
		assert_contains_nocase(res.hits[i].snippet, "[hoja]");
		assert_contains_nocase(res.hits[i].snippet, "[ruta]");
		assert_null(strchr(res.hits[i].snippet_plain, '['));
		assert_true(strlen(res.hits[i].snippet_plain) <= o.snippet_max);
		if (!strcmp(hi.date, "2020-09-24")) {
			assert_contains(res.hits[i].snippet,
					"[hoja] [de] [ruta]");
			assert_contains(res.hits[i].snippet_plain,
					"creación de hoja de ruta");
		}
	}
	search_result_release(&res);

	/* The marked word as written, accent and all, found unaccented. */
	o = opts("reunion");
	o.hl_on = "<b>";
	o.hl_off = "</b>";
	run(&o, &res);
	assert_true(res.nhits > 0);
	assert_contains_nocase(res.hits[0].snippet, "<b>reuni");
	for (i = 0; i < res.nhits; i++)
		assert_null(strstr(res.hits[i].snippet_plain, "<b>"));
	search_result_release(&res);

	/* No markers: both snippets alike. */
	o = opts("campaña");
	o.hl_on = "";
	o.hl_off = "";
	run(&o, &res);
	assert_int_equal(res.nhits, 1);
	assert_string_equal(res.hits[0].snippet, res.hits[0].snippet_plain);
	assert_contains(res.hits[0].snippet, "campaña");
	search_result_release(&res);
}

/* ---- errors ------------------------------------------------------------------------ */

static void test_bad_queries(void **state)
{
	char *msg;

	(void)state;
	msg = run_fail("asistnte:lilibeth", NULL, STL_STATUS_BAD_QUERY);
	assert_contains(msg, "consulta no válida");
	assert_contains(msg, "asistnte");
	assert_contains(msg, "asistente, persona, institucion, tema, acuerdo, lugar, evento, tipo, fecha");
	free(msg);
	msg = run_fail("fecha:ayer minuta", NULL, STL_STATUS_BAD_QUERY);
	assert_contains(msg, "fecha no válida 'ayer'");
	free(msg);
	msg = run_fail("fecha:2020-13 minuta", NULL, STL_STATUS_BAD_QUERY);
	assert_contains(msg, "mes");
	free(msg);
	/* Bad queries are found before the index is opened. */
	msg = run_fail("asistnte:x", "/nonexistent/stl-db", STL_STATUS_BAD_QUERY);
	assert_contains(msg, "asistnte");
	free(msg);
}

static void test_missing_index(void **state)
{
	char db[PATH_MAX], *msg;

	(void)state;
	FMT(db, "%s/nada", tmpdir);
	msg = run_fail("minuta", db, STL_STATUS_DATABASE_NOT_FOUND);
	assert_contains(msg, "stlindex");
	assert_contains(msg, db);
	free(msg);
}

/* An index at @name under the temporary directory, with @schema as its
 * schema version (NULL: none) and @ndocs empty documents. */
static const char *make_index(const char *name, const char *schema,
			      unsigned ndocs)
{
	static char db[PATH_MAX];
	stl_writer_t *w = NULL;
	stl_doc_t *doc = stl_doc_new();
	char *msg = NULL;
	unsigned i;

	assert_non_null(doc);
	FMT(db, "%s/%s", tmpdir, name);
	assert_int_equal(stl_writer_open(db, STL_WRITER_CREATE, &w, &msg),
			 STL_STATUS_SUCCESS);
	free(msg);
	if (schema)
		assert_int_equal(stl_writer_set_metadata(w, "stl:schema",
							 schema, strlen(schema)),
				 STL_STATUS_SUCCESS);
	assert_int_equal(stl_doc_add_boolean_term(doc, "Kminuta", 7),
			 STL_STATUS_SUCCESS);
	for (i = 0; i < ndocs; i++)
		assert_int_equal(stl_writer_add(w, doc, NULL),
				 STL_STATUS_SUCCESS);
	assert_int_equal(stl_writer_commit(w), STL_STATUS_SUCCESS);
	stl_writer_destroy(w);
	stl_doc_destroy(doc);
	return db;
}

static void test_index_versions(void **state)
{
	struct search_opts o;
	struct search_result res;
	const char *db;
	char *msg;

	(void)state;
	db = make_index("viejo", "3", 1);
	msg = run_fail("minuta", db, STL_STATUS_DATABASE_VERSION);
	assert_contains(msg, "esquema 3");
	assert_contains(msg, "stlindex --full");
	free(msg);

	db = make_index("sin-esquema", NULL, 2);
	msg = run_fail("minuta", db, STL_STATUS_DATABASE_VERSION);
	assert_contains(msg, "no tiene versión de esquema");
	assert_contains(msg, "stlindex --full");
	free(msg);

	/* Empty and without a version: nothing found, no error. */
	db = make_index("vacio", NULL, 0);
	o = opts("minuta");
	o.db = db;
	run(&o, &res);
	assert_int_equal(res.matches, 0);
	assert_int_equal(res.nhits, 0);
	search_result_release(&res);
}

static void test_query_shown(void **state)
{
	char long_q[400], *s;

	(void)state;
	s = search_query_shown("hoja de ruta");
	assert_string_equal(s, "hoja de ruta");
	free(s);
	s = search_query_shown("a\033[31mb");
	assert_string_equal(s, "a\xEF\xBF\xBD[31mb");
	free(s);
	/* Bytes that are not UTF-8 come back as U+FFFD too. */
	s = search_query_shown("x\xff y");
	assert_string_equal(s, "x\xef\xbf\xbd y");
	free(s);
	s = search_query_shown("caf\xc3");
	assert_string_equal(s, "caf\xef\xbf\xbd");
	free(s);
	memset(long_q, 'a', sizeof(long_q) - 1);
	long_q[sizeof(long_q) - 1] = '\0';
	s = search_query_shown(long_q);
	assert_true(strlen(s) < 130);
	assert_contains(s, "…");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phrase),
		cmocka_unit_test(test_accents_and_inflection),
		cmocka_unit_test(test_no_match),
		cmocka_unit_test(test_spelling_suggestion),
		cmocka_unit_test(test_phrase_institution),
		cmocka_unit_test(test_exclude_filters),
		cmocka_unit_test(test_no_words),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_persons),
		cmocka_unit_test(test_fecha),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_minute_hit),
		cmocka_unit_test(test_minute_subs),
		cmocka_unit_test(test_count_only),
		cmocka_unit_test(test_facets),
		cmocka_unit_test(test_sort_by_date),
		cmocka_unit_test(test_offset_limit),
		cmocka_unit_test(test_snippets),
		cmocka_unit_test(test_bad_queries),
		cmocka_unit_test(test_missing_index),
		cmocka_unit_test(test_index_versions),
		cmocka_unit_test(test_query_shown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
