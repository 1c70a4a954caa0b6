/*
 * test_query.c - the query language's translation to canonical queries
 * (lib/search/query.c), without an index, and what Xapian is asked for a
 * canonical query (over an empty one).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stl/qparser.h"
#include "stl/query.h"
#include "stl/xapian.h"

struct tcase {
	const char *in;
	const char *out;	/* NULL: a BAD_QUERY error is expected */
	const char *msg_has;	/* with an error: a part of its message */
};

static void run_case(const struct tcase *c)
{
	struct stl_strbuf out = STL_STRBUF_INIT;
	struct query_info info;
	char *msg = NULL;
	stl_status_t st;

	st = query_translate(c->in, &out, &info, &msg);
	if (c->out) {
		if (st != STL_STATUS_SUCCESS)
			print_error("query '%s': %s\n", c->in, msg ? msg : "?");
		assert_int_equal(st, STL_STATUS_SUCCESS);
		assert_string_equal(out.buf, c->out);
		assert_null(msg);
	} else {
		if (st == STL_STATUS_SUCCESS)
			print_error("query '%s' gave '%s'\n", c->in, out.buf);
		assert_int_equal(st, STL_STATUS_BAD_QUERY);
		assert_non_null(msg);
		if (c->msg_has && !strstr(msg, c->msg_has))
			fail_msg("message '%s' lacks '%s'", msg, c->msg_has);
	}
	free(msg);
	query_info_release(&info);
	stl_strbuf_release(&out);
}

static void test_words_and_phrases(void **state)
{
	static const struct tcase cases[] = {
		{ "hoja de ruta", "hoja de ruta", NULL },
		{ "\"Hoja de Ruta\"", "\"hoja de ruta\"", NULL },
		{ "\xe2\x80\x9choja de ruta\xe2\x80\x9d", "\"hoja de ruta\"", NULL },
		{ "«Hoja  de\truta»", "\"hoja de ruta\"", NULL },
		{ "Reunión PARTICIPACIÓN", "reunion participacion", NULL },
		{ "año campaña", "año campaña", NULL },
		{ "socio-económico", "socio-economico", NULL },
		{ "Tendiendo Puentes A.C.", "tendiendo puentes ac", NULL },
		{ "17:00 horas", "17-00 horas", NULL },
		{ "\"hoja de ruta", "\"hoja de ruta\"", NULL },
		{ "hoja\x01ruta", "hoja ruta", NULL },
		{ "ﬁrma ＩＥＥＭ", "firma ieem", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}

static void test_operators(void **state)
{
	static const struct tcase cases[] = {
		{ "cpc O infoem", "cpc OR infoem", NULL },
		{ "mesa Y partidos", "mesa AND partidos", NULL },
		{ "mesa NO partidos", "mesa NOT partidos", NULL },
		{ "mesa AND NOT partidos", "mesa AND NOT partidos", NULL },
		{ "mesa o partidos", "mesa o partidos", NULL },
		{ "-partidos mesa", "-partidos mesa", NULL },
		{ "+mesa -\"partidos politicos\"",
		  "+mesa -\"partidos politicos\"", NULL },
		{ "(cpc O infoem) Y compromiso", "(cpc OR infoem) AND compromiso",
		  NULL },
		{ "estudio NEAR/5 ciudadanía", "estudio NEAR/5 ciudadania", NULL },
		/* NEAR takes plain words: next to a signed one it is dropped
		 * (Xapian 1.4.22 fails, falls back to OR and leaks). */
		{ "-o NEAR i-a", "-o i-a", NULL },
		{ "mesa NEAR -partidos", "mesa -partidos", NULL },
		{ "+mesa ADJ/3 partidos", "+mesa partidos", NULL },
		{ "-\"o p\" NEAR x", "-\"o p\" x", NULL },
		{ "-o Y NEAR x", "-o AND x", NULL },
		{ "AND hoja", "hoja", NULL },
		{ "hoja AND", "hoja", NULL },
		{ "hoja AND OR ruta", "hoja OR ruta", NULL },
		{ "NOT partidos", "NOT partidos", NULL },
		{ "(hoja", "(hoja)", NULL },
		{ "hoja)", "hoja", NULL },
		{ "transp*", "transp*", NULL },
		{ "\"transp*\"", "\"transp\"", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}

static void test_fields(void **state)
{
	static const struct tcase cases[] = {
		{ "Asistente:\"Lilibeth Álvarez\"",
		  "asistente:\"lilibeth alvarez\"", NULL },
		{ "attendee:lilibeth", "asistente:lilibeth", NULL },
		{ "persona:(lilibeth O rafael)", "persona:(lilibeth OR rafael)",
		  NULL },
		{ "institución:IEEM", "institucion:\"IEEM\"", NULL },
		{ "institucion:\"Instituto Electoral del Estado de México\"",
		  "institucion:\"Instituto Electoral del Estado de México\"",
		  NULL },
		{ "fecha:\"septiembre de 2020\"", "fecha:\"septiembre de 2020\"",
		  NULL },
		{ "fecha:2020-06-01..2020-06-30",
		  "fecha:\"2020-06-01..2020-06-30\"", NULL },
		{ "TEMA:hoja LUGAR:zoom evento:stl",
		  "tema:hoja lugar:zoom evento:stl", NULL },
		{ "acuerdo:transp*", "acuerdo:transp*", NULL },
		{ "tipo:Acuerdos", "tipo:acuerdo", NULL },
		{ "date:2020", "fecha:\"2020\"", NULL },
		{ "-persona:lilibeth hoja", "-persona:lilibeth hoja", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}

static void test_errors(void **state)
{
	static const struct tcase cases[] = {
		{ "asistnte:lilibeth", NULL, "'asistnte:'" },
		{ "asistnte:lilibeth", NULL, "asistente, persona, institucion" },
		{ "hora:17", NULL, "campo desconocido" },
		{ "fecha:", NULL, "falta el valor" },
		{ "asistente: lilibeth", NULL, "falta el valor" },
		{ "tipo:reunion", NULL, "tipo no válido" },
		{ "fecha:(2020)", NULL, "paréntesis" },
		/* Typed, but no word: a slip, not "everything". */
		{ "AND OR", NULL, "vacía" },
		{ "\"\" ()", NULL, "vacía" },
		{ "-", NULL, "vacía" },
		{ "hoja \xff\xfe ruta", NULL, "UTF-8" },
	};
	struct tcase deep = { NULL, NULL, "paréntesis anidados" };
	struct tcase big = { NULL, NULL, "demasiado larga" };
	char buf[200], *huge;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);

	memset(buf, '(', 40);
	strcpy(buf + 40, "hoja");
	deep.in = buf;
	run_case(&deep);

	huge = malloc(100001);
	assert_non_null(huge);
	memset(huge, 'a', 100000);
	for (i = 7; i < 100000; i += 8)
		huge[i] = ' ';
	huge[100000] = '\0';
	big.in = huge;
	run_case(&big);
	free(huge);
}

/* Nothing typed, or only "*": an empty canonical query, which matches
 * everything. */
static void test_no_words(void **state)
{
	static const char *const cases[] = { "", "   ", "*", " * \t" };
	struct stl_strbuf out = STL_STRBUF_INIT;
	struct query_info info;
	char *msg = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(query_translate(cases[i], &out, &info, &msg),
				 STL_STATUS_SUCCESS);
		assert_null(msg);
		assert_string_equal(out.buf, "");
		assert_true(info.match_all);
		query_info_release(&info);
		stl_strbuf_setlen(&out, 0);
	}
	assert_int_equal(query_translate("hoja", &out, &info, &msg),
			 STL_STATUS_SUCCESS);
	assert_false(info.match_all);
	query_info_release(&info);
	stl_strbuf_release(&out);
}

/* A corrector that knows a few misspellings, and would change "de". */
static char *fix_word(const char *word, size_t len, void *ctx,
		      stl_status_t *err)
{
	static const char *const fixes[][2] = {
		{ "lilibet", "lilibeth" }, { "partcipacion", "participacion" },
		{ "de", "del" }, { "ieex", "ieem" }, { "minuta", "minutas" },
	};
	size_t i;

	(void)ctx;
	(void)err;
	for (i = 0; i < sizeof(fixes) / sizeof(fixes[0]); i++)
		if (strlen(fixes[i][0]) == len && !memcmp(word, fixes[i][0], len))
			return strdup(fixes[i][1]);
	return NULL;
}

static void expect_corrected(const char *in, const char *want)
{
	struct stl_strbuf out = STL_STRBUF_INIT;
	bool changed;

	assert_int_equal(query_correct(in, fix_word, NULL, &out, &changed),
			 STL_STATUS_SUCCESS);
	assert_string_equal(out.buf ? out.buf : "", want);
	assert_int_equal(changed, strcmp(in, want) != 0);
	stl_strbuf_release(&out);
}

static void test_correct(void **state)
{
	(void)state;
	expect_corrected("partcipacion", "participacion");
	/* Inside fields of words too. */
	expect_corrected("persona:lilibet", "persona:lilibeth");
	expect_corrected("-persona:(lilibet OR rafael)",
			 "-persona:(lilibeth OR rafael)");
	expect_corrected("asistente:\"lilibet alvarez\"",
			 "asistente:\"lilibeth alvarez\"");
	/* Stop words stay, in phrases too. */
	expect_corrected("\"ruta de hoja\"", "\"ruta de hoja\"");
	/* Not the values of processors or of tipo:, not operators,
	 * wildcards or numbers. */
	expect_corrected("institucion:\"ieex\" fecha:\"2020\" tipo:minuta",
			 "institucion:\"ieex\" fecha:\"2020\" tipo:minuta");
	expect_corrected("lilibet* AND NOT lilibet NEAR/5 2020",
			 "lilibet* AND NOT lilibeth NEAR/5 2020");
	expect_corrected("tipo:acuerdo +partcipacion",
			 "tipo:acuerdo +participacion");
}

static void test_wildcards_and_kind(void **state)
{
	struct stl_strbuf out = STL_STRBUF_INIT;
	struct query_info info;
	char *msg = NULL;

	(void)state;
	assert_int_equal(query_translate("Transpa* tipo:minuta reunión", &out,
					 &info, &msg),
			 STL_STATUS_SUCCESS);
	assert_string_equal(out.buf, "transpa* tipo:minuta reunion");
	assert_true(info.has_kind);
	assert_int_equal(info.nwildcards, 1);
	assert_string_equal(info.wildcards[0], "transpa");
	query_info_release(&info);
	stl_strbuf_release(&out);

	assert_int_equal(query_translate("reunión", &out, &info, &msg),
			 STL_STATUS_SUCCESS);
	assert_false(info.has_kind);
	assert_int_equal(info.nwildcards, 0);
	query_info_release(&info);
	stl_strbuf_release(&out);
}

/* Free-text phrases go to the phrase field; the rest is left alone. */
static void test_fast_phrases(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "\"hoja de ruta\"", "stlfrase:hoja_de_ruta" },
		{ "\"hoja de ruta\" minuta", "stlfrase:hoja_de_ruta minuta" },
		{ "-\"hoja de ruta\" +\"año dos\"",
		  "-stlfrase:hoja_de_ruta +stlfrase:año_dos" },
		{ "(\"a b\" OR c)", "(stlfrase:a_b OR c)" },
		/* One word is a term, not a phrase. */
		{ "\"hoja\"", "\"hoja\"" },
		/* A field's phrase, in a field's group, a processor's value. */
		{ "tema:\"datos abiertos\"", "tema:\"datos abiertos\"" },
		{ "tema:(x \"a b\") \"c d\"", "tema:(x \"a b\") stlfrase:c_d" },
		{ "(tema:(\"a b\")) \"c d\"",
		  "(tema:(\"a b\")) stlfrase:c_d" },
		{ "institucion:\"Tendiendo \"\"Puentes\"\" AC\" \"x y\"",
		  "institucion:\"Tendiendo \"\"Puentes\"\" AC\" stlfrase:x_y" },
		/* Next to NEAR or ADJ a phrase stays Xapian's. */
		{ "\"a b\" NEAR c \"d e\"", "\"a b\" NEAR c stlfrase:d_e" },
		{ "c NEAR/3 \"a b\"", "c NEAR/3 \"a b\"" },
		{ "c ADJ -\"a b\"", "c ADJ -\"a b\"" },
		{ "\"a b\" ADJ/2 \"c d\"", "\"a b\" ADJ/2 \"c d\"" },
		{ "(\"a b\") NEAR c", "(\"a b\") NEAR c" },
		{ "c NEAR (\"a b\")", "c NEAR (\"a b\")" },
		/* A term that is not letters and digits stays a phrase. */
		{ "\"a_b c\"", "\"a_b c\"" },
		{ "\"a b", "\"a b" },
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stl_strbuf out = STL_STRBUF_INIT;

		assert_int_equal(query_fast_phrases(cases[i].in, &out),
				 STL_STATUS_SUCCESS);
		assert_string_equal(out.buf ? out.buf : "", cases[i].out);
		stl_strbuf_release(&out);
	}
}

/* An attendee field's word or phrase is also the institution field's. */
static void test_by_institution(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "asistente:cpc", "(asistente:cpc OR stlinstitucion:\"cpc\")" },
		{ "-asistente:cpc x",
		  "-(asistente:cpc OR stlinstitucion:\"cpc\") x" },
		{ "(asistente:\"comite de participacion\")",
		  "((asistente:\"comite de participacion\" OR "
		  "stlinstitucion:\"comite de participacion\"))" },
		/* Wildcards, groups, NEAR and other fields stay. */
		{ "asistente:lili*", "asistente:lili*" },
		{ "asistente:(a b)", "asistente:(a b)" },
		{ "asistente:a NEAR b", "asistente:a NEAR b" },
		{ "persona:cpc tema:asistente", "persona:cpc tema:asistente" },
		{ "\"asistente:cpc\"", "\"asistente:cpc\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stl_strbuf out = STL_STRBUF_INIT;

		assert_int_equal(query_by_institution(cases[i].in, &out),
				 STL_STATUS_SUCCESS);
		assert_string_equal(out.buf ? out.buf : "", cases[i].out);
		stl_strbuf_release(&out);
	}
}

/* An empty index in a fresh directory, its path in *@state. */
static int setup_index(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = malloc(64);
	stl_writer_t *w = NULL;

	if (!dir)
		return -1;
	snprintf(dir, 64, "%s/stl-query-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) ||
	    stl_writer_open(dir, STL_WRITER_CREATE, &w, NULL)) {
		free(dir);
		return -1;
	}
	stl_writer_destroy(w);
	*state = dir;
	return 0;
}

/* A Xapian index is a flat directory. */
static int teardown_index(void **state)
{
	char *dir = *state;
	char path[64 + sizeof(((struct dirent *)0)->d_name) + 1];
	struct dirent *e;
	DIR *d = opendir(dir);
	int rc;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rc = rmdir(dir);
	free(dir);
	return rc;
}

static void expect_parsed(struct query_parser *p, enum stl_doc_kind kind,
			  const char *canonical, const char *want)
{
	stl_query_t *q = NULL;
	char *msg = NULL, *desc;

	if (query_parse(p, kind, canonical, &q, &msg))
		print_error("'%s': %s\n", canonical, msg ? msg : "?");
	assert_null(msg);
	desc = stl_query_describe(q);
	if (strcmp(desc, want))
		print_error("'%s' parsed as %s\n", canonical, desc);
	assert_string_equal(desc, want);
	free(desc);
	stl_query_destroy(q);
}

/*
 * A free-text word of a minute is its union stem alone (schema.h); a
 * field's word keeps its field's stem, and so do an agreement's words.
 */
static void test_parse_union_stems(void **state)
{
	struct query_parser *p = NULL;
	stl_reader_t *r = NULL;

	assert_int_equal(stl_reader_open(*state, &r, NULL), STL_STATUS_SUCCESS);
	assert_int_equal(query_parser_new(r, NULL, &p), STL_STATUS_SUCCESS);
	expect_parsed(p, STL_DOC_MINUTE, "participacion ciudadana",
		      "Query((Zparticip@1 AND Zciudadan@2))");
	expect_parsed(p, STL_DOC_MINUTE, "tema:participacion ciudadana",
		      "Query((ZXTparticip@1 AND Zciudadan@2))");
	expect_parsed(p, STL_DOC_MINUTE, "cpc -tema:difusion",
		      "Query((Zcpc@1 AND_NOT ZXTdifusion@2))");
	expect_parsed(p, STL_DOC_MINUTE, "cpc OR (difusion tema:cpc)",
		      "Query((Zcpc@1 OR (Zdifusion@2 AND ZXTcpc@3)))");
	/* persona: is not in the union (an agreement's people). */
	expect_parsed(p, STL_DOC_MINUTE, "persona:ramon",
		      "Query((SYNONYM (ZXAramon@1 OR ZXPramon@1)))");
	expect_parsed(p, STL_DOC_AGREEMENT, "participacion",
		      "Query(ZXDparticip@1)");
	query_parser_destroy(p);
	stl_reader_destroy(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_phrases),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_no_words),
		cmocka_unit_test(test_correct),
		cmocka_unit_test(test_wildcards_and_kind),
		cmocka_unit_test(test_fast_phrases),
		cmocka_unit_test(test_by_institution),
		cmocka_unit_test_setup_teardown(test_parse_union_stems,
						setup_index, teardown_index),
	};

	return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
