/*
 * test_schema.c - the table of fields (lib/index/schema.c) against what
 * is really indexed and searched. A minute is indexed with stlindex's own
 * code (index_run: parser, document builder, writer) and every field of
 * the table must find it through the search library (search_run), on each
 * kind of document that has the field, and nothing on a kind that has
 * not. A field added to the table without a sample here, or without what
 * makes it searchable, fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../indexer/indexer.h"
#include "stl/schema.h"
#include "stl/search.h"
#include "stl/strbuf.h"
#include "testutil.h"

#define MINUTE "tests/data/search/minuta-2020-10-01.txt"

/*
 * For each field: a value the sample minute holds in that field, one its
 * agreements hold (NULL: the agreements do not have the field), and a
 * word of the minute that is not in that field (NULL: none makes sense);
 * for a field flagged STL_FIELD_BY_INSTITUTION, an institution one of the
 * minute's attendees is from, in none of the field's words.
 */
struct sample {
	const char *minute;
	const char *agreement;
	const char *elsewhere;
	const char *institution;
};

static const struct sample samples[STL_NFIELDS] = {
	[STL_FIELD_TEXT] = { "informaciones", "informaciones", NULL },
	[STL_FIELD_ATTENDEE] = { "Mariana Ortega", NULL, "difusión", "CPC" },
	[STL_FIELD_PERSON] = { "\"Lilibeth Álvarez\"", "\"Jorge Medina\"",
			       "campaña" },
	[STL_FIELD_INSTITUTION] = { "\"Instituto Electoral del Estado de México\"",
				    "IEEM",
				    "Tendiendo" },
	[STL_FIELD_TOPIC] = { "\"hoja de ruta\"", NULL, "medina" },
	[STL_FIELD_AGREEMENT] = { "difundirá", "difundirá", "zoom" },
	[STL_FIELD_PLACE] = { "zoom", NULL, "medina" },
	[STL_FIELD_EVENT] = { "secretariado", NULL, "zoom" },
	[STL_FIELD_KIND] = { "minuta", "acuerdo", NULL },
	[STL_FIELD_DATE] = { "\"1 de octubre de 2020\"", "2020-10",
			     "2019" },
	/* On minutes: the minutes with such agreements. */
	[STL_FIELD_DEADLINE] = { "2020-10", "2020-10-15", "2019" },
	[STL_FIELD_STATUS] = { "\"sin seguimiento\"", "\"sin seguimiento\"",
			       "cumplido" },
};

struct fixture {
	char dir[PATH_MAX];
	char db[PATH_MAX + 8];
};

/* An index of the one sample minute. */
static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct index_summary sum;
	struct index_opts o = { .batch = 10 };
	char root[PATH_MAX + 16], *roots[1] = { root }, *tsv, *text, *msg = NULL;
	const char *tmp = getenv("TMPDIR");
	size_t len;
	FILE *f;

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/stl-schema-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->db, sizeof(fx->db), "%s/db", fx->dir);
	snprintf(root, sizeof(root), "%s/minutas", fx->dir);
	text = test_slurp(MINUTE, &len);
	tsv = test_slurp("corpus/instituciones.tsv", &len);
	if (!text || !tsv || mkdir(root, 0700))
		return -1;
	snprintf(root + strlen(root), sizeof(root) - strlen(root), "/m.txt");
	f = fopen(root, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		return -1;
	*strrchr(root, '/') = '\0';
	o.db = fx->db;
	o.roots = roots;
	o.nroots = 1;
	o.builtin_institutions = tsv;
	if (index_run(&o, &sum, &msg) != STL_STATUS_SUCCESS || sum.added != 1) {
		fprintf(stderr, "index_run: %s\n", msg ? msg : "?");
		return -1;
	}
	free(msg);
	free(text);
	free(tsv);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc = test_remove_tree(fx->dir);

	free(fx);
	return rc;
}

/* Matches of @query on documents of @kind. */
static unsigned count(const struct fixture *fx, const char *query,
		      enum stl_doc_kind kind)
{
	struct search_opts o = { .db = fx->db, .query = query, .kind = kind,
				 .count_only = true, .hl_on = "", .hl_off = "",
				 .snippet_max = 100 };
	struct search_result res;
	char *msg = NULL;
	unsigned n;

	if (search_run(&o, &res, &msg) == STL_STATUS_SUCCESS) {
		n = res.matches;
		search_result_release(&res);
	} else {
		n = 0;
	}
	free(msg);
	return n;
}

static unsigned count_field(const struct fixture *fx, const struct stl_field *f,
			    const char *value, enum stl_doc_kind kind)
{
	struct stl_strbuf q = STL_STRBUF_INIT;
	unsigned n;

	stl_strbuf_addf(&q, "%s:%s", f->name, value);
	n = count(fx, q.buf, kind);
	stl_strbuf_release(&q);
	return n;
}

/* Every field a user can type has samples, and finds the sample minute
 * and its agreements by them. */
static void test_every_field_finds(void **state)
{
	const struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < STL_NFIELDS; i++) {
		const struct stl_field *f = &stl_fields[i];
		const struct sample *s = &samples[i];

		if (!f->name)
			continue;
		if (!s->minute)
			fail_msg("field '%s' has no sample in test_schema.c", f->name);
		if (count_field(fx, f, s->minute, STL_DOC_MINUTE) != 1)
			fail_msg("%s:%s does not find the minute", f->name,
				 s->minute);
		if (s->agreement &&
		    count_field(fx, f, s->agreement, STL_DOC_AGREEMENT) < 1)
			fail_msg("%s:%s finds no agreement", f->name,
				 s->agreement);
		if (s->elsewhere &&
		    count_field(fx, f, s->elsewhere, STL_DOC_ANY) != 0)
			fail_msg("%s:%s finds a word of another field", f->name,
				 s->elsewhere);
	}
}

/* A field flagged STL_FIELD_BY_INSTITUTION finds the minute by an
 * attendee's institution (the field's own words do not have it), on
 * minutes only. */
static void test_by_institution(void **state)
{
	const struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < STL_NFIELDS; i++) {
		const struct stl_field *f = &stl_fields[i];
		const char *v = samples[i].institution;

		if (!(f->flags & STL_FIELD_BY_INSTITUTION))
			continue;
		if (!v)
			fail_msg("field '%s' has no institution sample", f->name);
		if (count_field(fx, f, v, STL_DOC_MINUTE) != 1)
			fail_msg("%s:%s does not find the minute", f->name, v);
		if (count_field(fx, f, v, STL_DOC_AGREEMENT))
			fail_msg("%s:%s finds agreements", f->name, v);
	}
}

/* A field the agreements do not have finds none of them, even with the
 * minute's value. */
static void test_missing_fields_find_nothing(void **state)
{
	const struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < STL_NFIELDS; i++) {
		const struct stl_field *f = &stl_fields[i];

		if (!f->name || f->type != STL_FIELD_WORDS ||
		    f->prefix[STL_DOC_AGREEMENT])
			continue;
		assert_null(samples[i].agreement);
		if (count_field(fx, f, samples[i].minute, STL_DOC_AGREEMENT))
			fail_msg("%s: on agreements, a field they do not have",
				 f->name);
	}
}

/* Free text finds the words of every field flagged for it, on each kind
 * that has the field; English aliases name the same field. */
static void test_free_text_and_aliases(void **state)
{
	const struct fixture *fx = *state;
	size_t i, k;

	for (i = 0; i < STL_NFIELDS; i++) {
		const struct stl_field *f = &stl_fields[i];

		if (!(f->flags & STL_FIELD_FREE))
			continue;
		if (count(fx, samples[i].minute, STL_DOC_MINUTE) != 1)
			fail_msg("free text does not find %s", samples[i].minute);
		if (f->prefix[STL_DOC_AGREEMENT] &&
		    count(fx, samples[i].agreement, STL_DOC_AGREEMENT) < 1)
			fail_msg("free text finds no agreement by %s",
				 samples[i].agreement);
	}
	for (i = 0; i < STL_NFIELDS; i++) {
		const struct stl_field *f = &stl_fields[i];

		for (k = 0; f->name && f->aliases[k]; k++) {
			struct stl_strbuf q = STL_STRBUF_INIT;

			stl_strbuf_addf(&q, "%s:%s", f->aliases[k],
					samples[i].minute);
			if (count(fx, q.buf, STL_DOC_MINUTE) != 1)
				fail_msg("alias '%s' does not work", q.buf);
			stl_strbuf_release(&q);
		}
	}
}

/* The table's names are unique, and each field's id is its index. */
static void test_table(void **state)
{
	size_t i, j, k;

	(void)state;
	for (i = 0; i < STL_NFIELDS; i++) {
		assert_int_equal(stl_fields[i].id, i);
		if (!stl_fields[i].name)
			continue;
		assert_ptr_equal(stl_schema_field_by_name(stl_fields[i].name),
				 &stl_fields[i]);
		for (k = 0; stl_fields[i].aliases[k]; k++)
			assert_ptr_equal(stl_schema_field_by_name(stl_fields[i].aliases[k]),
					 &stl_fields[i]);
		for (j = i + 1; j < STL_NFIELDS; j++)
			if (stl_fields[j].name)
				assert_string_not_equal(stl_fields[i].name,
							stl_fields[j].name);
	}
	assert_null(stl_schema_field_by_name("autor"));
}

/* The term builders and the term classifier agree with each other. */
/* Ids: the file key of the file term, "-number" for agreements, parsed
 * back in either case; anything else is no id. */
static void test_ids(void **state)
{
	char key[STL_SCHEMA_KEY_SIZE], id[STL_SCHEMA_ID_SIZE];
	char t[STL_SCHEMA_TERM_SIZE], u[STL_SCHEMA_TERM_SIZE];
	unsigned number = 99;

	(void)state;
	stl_schema_file_key("/srv/minutas/minuta-2020-09-24.txt", key);
	assert_int_equal(strlen(key), 16);
	stl_schema_file_term("/srv/minutas/minuta-2020-09-24.txt", t);
	assert_string_equal(t + strlen(t) - 16, key);
	stl_schema_minute_term("/srv/minutas/minuta-2020-09-24.txt", t);
	assert_true(stl_schema_minute_term_of_key(key, u) > 0);
	assert_string_equal(t, u);
	assert_int_equal(stl_schema_id(key, 0, id), 16);
	assert_string_equal(id, key);
	assert_int_equal(stl_schema_id(key, 12, id), 19);
	assert_true(stl_schema_id_parse(id, u, &number));
	assert_string_equal(u, key);
	assert_int_equal(number, 12);
	assert_true(stl_schema_id_parse("0123456789ABCDEF", u, &number));
	assert_string_equal(u, "0123456789abcdef");
	assert_int_equal(number, 0);
	assert_false(stl_schema_id_parse("0123456789abcde", u, &number));
	assert_false(stl_schema_id_parse("0123456789abcdefa", u, &number));
	assert_false(stl_schema_id_parse("0123456789abcdeg", u, &number));
	assert_false(stl_schema_id_parse("0123456789abcdef-", u, &number));
	assert_false(stl_schema_id_parse("0123456789abcdef-0", u, &number));
	assert_false(stl_schema_id_parse("0123456789abcdef-1x", u, &number));
	assert_false(stl_schema_id_parse("0123456789abcdef-1234567890", u,
					 &number));
	assert_false(stl_schema_id_parse("minuta.txt", u, &number));
	assert_int_equal(stl_schema_id("nokey", 1, id), 0);
	assert_string_equal(id, "");
	assert_int_equal(stl_schema_minute_term_of_key("XYZ", t), 0);
}

static void test_terms(void **state)
{
	char t[STL_SCHEMA_TERM_SIZE], big[STL_SCHEMA_TERM_SIZE + 10];
	struct stl_term_parts tp;
	size_t n;

	(void)state;
	n = stl_schema_word_term(stl_fields[STL_FIELD_TOPIC].prefix[0], "hoja",
				 4, t);
	assert_int_equal(n, strlen(t));
	assert_true(stl_schema_split_term(t, n, &tp));
	assert_false(tp.stem);
	assert_int_equal(tp.word_len, 4);
	assert_int_equal(stl_schema_term_kinds(t, n), 1u << STL_DOC_MINUTE);
	n = stl_schema_word_term(stl_fields[STL_FIELD_AGREEMENT].prefix[1],
				 "hoja", 4, t);
	assert_int_equal(stl_schema_term_kinds(t, n), 1u << STL_DOC_AGREEMENT);
	n = stl_schema_stem_term("", "hoj", 3, t);
	assert_true(stl_schema_split_term(t, n, &tp) && tp.stem);
	assert_int_equal(stl_schema_term_kinds(t, n), 1u << STL_DOC_MINUTE);
	n = stl_schema_kind_term(STL_DOC_AGREEMENT, t);
	assert_true(n > 0);
	assert_false(stl_schema_split_term(t, n, &tp));
	assert_int_equal(stl_schema_term_kinds(t, n), 0);
	assert_int_equal(stl_schema_date_term(2020, 13, 0, t), 0);
	assert_int_equal(stl_schema_date_term(2020, 0, 5, t), 0);
	assert_true(stl_schema_date_term(2020, 10, 1, t) >
		    stl_schema_date_term(2020, 10, 0, big));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(stl_schema_institution_term(big, t), 0);
	assert_int_equal(stl_schema_institution_term("", t), 0);
}

/* The follow-up links' terms: boolean, short however long the event, and
 * what the links value says read back. */
static void test_link_terms(void **state)
{
	char t[STL_SCHEMA_TERM_SIZE], e[STL_SCHEMA_TERM_SIZE];
	char big[400], iso[11], ev[STL_SCHEMA_TERM_SIZE];
	struct stl_term_parts tp;
	size_t n;

	(void)state;
	n = stl_schema_next_meeting_term("2020-10-01", t);
	assert_true(n > 0);
	assert_false(stl_schema_split_term(t, n, &tp));
	assert_int_equal(stl_schema_next_meeting_term("", t), 0);
	assert_int_equal(stl_schema_next_meeting_term("2020-13-01", t), 0);
	assert_int_equal(stl_schema_next_meeting_term("1 de octubre", t), 0);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n = stl_schema_event_term(big, e);
	assert_true(n > 0 && n < 32);
	assert_false(stl_schema_split_term(e, n, &tp));
	assert_int_equal(stl_schema_event_term("", t), 0);
	assert_int_equal(stl_schema_event_term(NULL, t), 0);
	stl_schema_event_term("grupo operativo del stl", t);
	assert_string_not_equal(t, e);
	/* The value stl_schema_add_links() writes, as it writes it. */
	n = stl_schema_next_meeting_term("2020-10-01", t);
	memcpy(big, t, n);
	big[n] = '\n';
	strcpy(big + n + 1, e);
	assert_true(stl_schema_links_parse(big, strlen(big), iso, ev));
	assert_string_equal(iso, "2020-10-01");
	assert_string_equal(ev, e);
	assert_true(stl_schema_links_parse("\n", 1, iso, ev));
	assert_string_equal(iso, "");
	assert_string_equal(ev, "");
	assert_false(stl_schema_links_parse("2020-10-01", 10, iso, ev));
	assert_false(stl_schema_links_parse("X\n", 2, iso, ev));
	assert_string_equal(iso, "");
}

static void test_kinds(void **state)
{
	enum stl_doc_kind k = STL_DOC_MINUTE;

	(void)state;
	assert_true(stl_schema_kind_parse("acuerdos", &k));
	assert_int_equal(k, STL_DOC_AGREEMENT);
	assert_true(stl_schema_kind_parse("todo", &k));
	assert_int_equal(k, STL_DOC_ANY);
	assert_false(stl_schema_kind_parse("minutos", &k));
	assert_int_equal(k, STL_DOC_ANY);
	assert_string_equal(stl_schema_kind_name(STL_DOC_MINUTE), "minuta");
	assert_null(stl_schema_kind_name(STL_DOC_ANY));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_link_terms),
		cmocka_unit_test_setup_teardown(test_every_field_finds, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_by_institution, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_missing_fields_find_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_text_and_aliases,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
