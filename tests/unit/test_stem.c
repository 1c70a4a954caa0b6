/*
 * test_stem.c - the accent-independent Spanish stemmer (lib/text/stem_es.c).
 *
 * Words are written as people type them, with or without accents, and go
 * through stl_text_analyze() first, as in the indexer and the query
 * parser: the stemmer only ever sees folded terms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "stl/text.h"
#include "stemcmp.h"

struct one {
	char term[STL_TERM_MAX + 1];
	unsigned count;
};

static int keep_term(const stl_token_t *t, void *ctx)
{
	struct one *o = ctx;

	memcpy(o->term, t->term, t->len + 1);
	o->count++;
	return 0;
}

/* The stem of @word as typed: analyzed (one term expected), then stemmed. */
static void stem_typed(const char *word, char *out)
{
	struct one o = { .count = 0 };
	uint32_t pos = 1;
	size_t n;

	assert_int_equal(stl_text_analyze(word, strlen(word), 0, &pos,
					  keep_term, &o), STL_STATUS_SUCCESS);
	if (o.count != 1)
		print_error("'%s' gave %u terms\n", word, o.count);
	assert_int_equal(o.count, 1);
	n = stl_stem(o.term, strlen(o.term), out);
	assert_int_equal(n, strlen(out));
	assert_true(n <= strlen(o.term));
}

static void assert_stem(const char *word, const char *want)
{
	char got[STL_TERM_MAX + 1];

	stem_typed(word, got);
	if (strcmp(got, want))
		print_error("stem('%s') = '%s', want '%s'\n", word, got, want);
	assert_string_equal(got, want);
}

struct group {
	const char *stem;
	const char *words[4];
};

/* The acceptance table: each group one stem, accents typed or not. */
static void test_groups(void **state)
{
	static const struct group groups[] = {
		{ "particip", { "participación", "participacion",
				"participaciones", "PARTICIPACIÓN" } },
		{ "inform", { "información", "informacion", "informaciones" } },
		{ "reunion", { "reunión", "reunion", "reuniones", "Reunión" } },
		{ "acuerd", { "acuerdo", "acuerdos" } },
		{ "compromis", { "compromiso", "compromisos" } },
		{ "organiz", { "organización", "organizaciones",
			       "organizacion" } },
		{ "año", { "año", "años", "AÑO", "an\xCC\x83os" } },
		{ "acta", { "acta", "actas", "Actas" } },
		{ "transparent", { "transparente", "transparentes" } },
		/* beyond the table */
		{ "ano", { "ano", "anos" } },
		{ "campañ", { "campaña", "campañas" } },
		{ "campan", { "campana", "campanas" } },
		{ "gobiern", { "gobierno", "gobiernos", "Gobierno" } },
		{ "minut", { "minuta", "minutas" } },
		{ "sesion", { "sesión", "sesiones", "sesion" } },
		{ "mes", { "mes", "meses" } },
		{ "ley", { "ley", "leyes" } },
		{ "pais", { "país", "países", "pais", "paises" } },
		{ "celul", { "celular", "celulares" } },
		{ "abund", { "abundante", "abundantes" } },
		{ "famos", { "famosa", "famosas", "famoso", "famosos" } },
		{ "camb", { "cambio", "cambios" } },
		{ "transparent", { "transparencia", "transparencias" } },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		for (j = 0; j < 4 && groups[i].words[j]; j++)
			assert_stem(groups[i].words[j], groups[i].stem);
}

/* ñ is a letter: these never meet. */
static void test_pairs_apart(void **state)
{
	static const char *const pairs[][2] = {
		{ "año", "ano" },
		{ "años", "anos" },
		{ "año", "anos" },
		{ "campaña", "campana" },
		{ "campañas", "campanas" },
		{ "señal", "senal" },
	};
	char a[STL_TERM_MAX + 1], b[STL_TERM_MAX + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		stem_typed(pairs[i][0], a);
		stem_typed(pairs[i][1], b);
		if (!strcmp(a, b))
			print_error("'%s' and '%s' both '%s'\n", pairs[i][0],
				    pairs[i][1], a);
		assert_string_not_equal(a, b);
	}
}

struct scase {
	const char *word, *stem;
};

static void test_verbs(void **state)
{
	static const struct scase cases[] = {
		{ "hablar", "habl" }, { "hablando", "habl" },
		{ "hablaron", "habl" }, { "hablaba", "habl" },
		{ "hablabas", "habl" },
		{ "comer", "com" }, { "comiendo", "com" }, { "comía", "com" },
		{ "comia", "com" }, { "comió", "com" },
		{ "realizó", "realiz" }, { "realizará", "realiz" },
		{ "realizara", "realiz" }, { "realizaron", "realiz" },
		{ "acordó", "acord" }, { "acordándose", "acord" },
		{ "acordandose", "acord" },
		{ "enviará", "envi" }, { "enviarles", "envi" },
		{ "presentarlos", "present" }, { "propusieron", "propus" },
		/* -yendo after u, -gue/-guen keep no u */
		{ "construyendo", "constru" }, { "averigüen", "averig" },
		{ "averiguen", "averig" }, { "averigüe", "averig" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_stem(cases[i].word, cases[i].stem);
}

/* Snowball's own results (its sample vocabulary), on folded input. */
static void test_snowball_cases(void **state)
{
	static const struct scase cases[] = {
		{ "abandonada", "abandon" }, { "aceptable", "acept" },
		{ "abastecimiento", "abastec" }, { "rápidamente", "rapid" },
		{ "posibilidades", "posibil" }, { "actividad", "activ" },
		{ "activamente", "activ" }, { "soluciones", "solucion" },
		{ "democrático", "democrat" }, { "consolidado", "consolid" },
		{ "lógica", "logic" }, { "biología", "biolog" },
		{ "educación", "educ" }, { "felizmente", "feliz" },
		{ "proactiva", "proactiv" }, { "documento", "document" },
		{ "crisis", "cris" }, { "análisis", "analis" },
		{ "chiquito", "chiquit" }, { "virus", "virus" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_stem(cases[i].word, cases[i].stem);
}

struct vocab_row {
	const char *word, *unaccented;
	int group;		/* same group, same stem; else different */
};

/*
 * Words of Snowball's vocabulary (tests/data/snowball-spanish/), verb forms
 * whose -s the plural step must not take among them, each also typed
 * without its accents. Snowball gives each group one stem and keeps the
 * groups apart, and so must we.
 */
static const struct vocab_row vocab_rows[] = {
	{ "presentamos", "presentamos", 1 },
	{ "presentaremos", "presentaremos", 1 },
	{ "presentáramos", "presentaramos", 1 },
	{ "presentar", "presentar", 1 },
	{ "presentaron", "presentaron", 1 },
	{ "presentado", "presentado", 1 },
	{ "tomemos", "tomemos", 2 },
	{ "tomamos", "tomamos", 2 },
	{ "tomar", "tomar", 2 },
	{ "tomó", "tomo", 2 },
	{ "toman", "toman", 2 },
	{ "llegaremos", "llegaremos", 3 },
	{ "llegamos", "llegamos", 3 },
	{ "lleguemos", "lleguemos", 3 },
	{ "llegó", "llego", 3 },
	{ "llegada", "llegada", 3 },
	{ "esperábamos", "esperabamos", 4 },
	{ "esperaremos", "esperaremos", 4 },
	{ "esperar", "esperar", 4 },
	{ "deberíamos", "deberiamos", 5 },
	{ "debemos", "debemos", 5 },
	{ "deber", "deber", 5 },
	{ "hacíamos", "haciamos", 6 },
	{ "hacemos", "hacemos", 6 },
	{ "haciendo", "haciendo", 6 },
	{ "realizaremos", "realizaremos", 7 },
	{ "realizó", "realizo", 7 },
	{ "conocimos", "conocimos", 8 },
	{ "conocemos", "conocemos", 8 },
	{ "reuniones", "reuniones", 9 },
	{ "reunión", "reunion", 9 },
	{ "reunió", "reunio", 10 },
	{ "reunir", "reunir", 10 },
	{ "presidentes", "presidentes", 11 },
	{ "hacienda", "hacienda", 12 },
	{ "tomate", "tomate", 13 },
	{ "lleno", "lleno", 14 },
	{ "debate", "debate", 15 },
	{ "años", "anos", 16 },	/* typed "anos", it is another word */
	{ "año", "año", 16 },
	{ "campañas", "campanas", 17 },
	{ "campaña", "campaña", 17 },
	{ "señal", "señal", 18 },
	{ "senado", "senado", 19 },
	/* an infinitive with "nos" is no -ernos plural (gobiernos) */
	{ "comprometernos", "comprometernos", 20 },
	{ "comprometer", "comprometer", 20 },
	{ "traernos", "traernos", 21 },
	{ "traer", "traer", 21 },
	{ "movernos", "movernos", 22 },
	{ "mover", "mover", 22 },
	{ "gobiernos", "gobiernos", 23 },
	{ "gobierno", "gobierno", 23 },
	{ "modernos", "modernos", 24 },
	{ "moderno", "moderno", 24 },
	/* -icio, -icia: nouns and -iciar verbs, not -ió, -ía */
	{ "inició", "inicio", 25 },
	{ "inicio", "inicio", 25 },
	{ "iniciar", "iniciar", 25 },
	{ "inicia", "inicia", 25 },
	{ "inician", "inician", 25 },
	{ "beneficio", "beneficio", 26 },
	{ "benefició", "beneficio", 26 },
	{ "beneficiar", "beneficiar", 26 },
	{ "noticia", "noticia", 27 },
	{ "noticias", "noticias", 27 },
	{ "iglesia", "iglesia", 35 },
	{ "iglesias", "iglesias", 35 },
	{ "gimnasio", "gimnasio", 36 },
	{ "gimnasios", "gimnasios", 36 },
	/* -tera, -rera, -mera: nouns, not the future -erá */
	{ "carrera", "carrera", 28 },
	{ "carreras", "carreras", 28 },
	{ "barrera", "barrera", 29 },
	{ "barreras", "barreras", 29 },
	{ "barrer", "barrer", 30 },
	{ "cartera", "cartera", 31 },
	{ "primera", "primera", 32 },
	{ "primeras", "primeras", 32 },
	{ "aprenderá", "aprendera", 33 },
	{ "aprender", "aprender", 33 },
	/* -era, -eran, -ere of -erar verbs: no -er future */
	{ "considera", "considera", 37 },
	{ "consideran", "consideran", 37 },
	{ "considere", "considere", 37 },
	{ "considerar", "considerar", 37 },
	{ "espera", "espera", 4 },
	{ "esperan", "esperan", 4 },
	{ "conocerá", "conocera", 8 },
	{ "conocer", "conocer", 8 },
};

static void test_vocab_sample(void **state)
{
	const size_t n = sizeof(vocab_rows) / sizeof(vocab_rows[0]);
	char a[STL_TERM_MAX + 1], b[STL_TERM_MAX + 1];
	size_t i, j;

	(void)state;
	for (i = 0; i < n; i++) {
		const struct vocab_row *r = &vocab_rows[i];

		stem_typed(r->word, a);
		/* año/anos and campañas/campanas: the ñ is no accent */
		if (strcmp(r->word, "años") && strcmp(r->word, "campañas"))
			assert_stem(r->unaccented, a);
		for (j = 0; j < n; j++) {
			stem_typed(vocab_rows[j].word, b);
			if ((vocab_rows[j].group == r->group) != !strcmp(a, b))
				print_error("'%s' -> '%s', '%s' -> '%s'\n",
					    r->word, a, vocab_rows[j].word, b);
			assert_int_equal(vocab_rows[j].group == r->group,
					 !strcmp(a, b));
		}
	}
	stem_typed("anos", a);
	stem_typed("años", b);
	assert_string_not_equal(a, b);
	stem_typed("campanas", a);
	stem_typed("campañas", b);
	assert_string_not_equal(a, b);
}

/*
 * Recall and precision against Snowball on its whole vocabulary (see
 * stemcmp.h; make stemcheck lists the misses). Precision stays below
 * recall: folded, Snowball's accented endings -ía, -ió, -erá, -án, -í
 * read the same as the unaccented -ia, -io, -era, -an, -i of nouns
 * (materia, barrio, bandera), which Snowball keeps apart from the verbs.
 * The floors sit just under today's figures (bench/README.md), so that
 * any rule that loses agreement fails here.
 */
#define MIN_RECALL 0.985
#define MIN_PRECISION 0.958

static void test_snowball_agreement(void **state)
{
	const char *data = getenv("STL_TEST_DATA");
	char dir[4096];
	struct stemcmp c;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/snowball-spanish",
		 data ? data : "tests/data");
	assert_int_equal(stemcmp_load(&c, dir, 1), 0);
	assert_true(c.n > 28000);
	stemcmp_count(&c);
	if (stemcmp_recall(&c) < MIN_RECALL ||
	    stemcmp_precision(&c) < MIN_PRECISION)
		print_error("recall %.4f precision %.4f\n", stemcmp_recall(&c),
			    stemcmp_precision(&c));
	assert_true(stemcmp_recall(&c) >= MIN_RECALL);
	assert_true(stemcmp_precision(&c) >= MIN_PRECISION);
	stemcmp_free(&c);
}

/* Numbers, mixed and non-Latin terms, unfolded input: unchanged. */
static void test_unchanged(void **state)
{
	static const char *const words[] = {
		"2020", "01", "las17", "1a", "covid19", "москва", "東",
		"άλφα", "Hola", "a.c", "año2020", "",
	};
	char out[STL_TERM_MAX + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i]);

		memset(out, 'X', sizeof(out));
		assert_int_equal(stl_stem(words[i], n, out), n);
		assert_string_equal(out, words[i]);
	}
}

static void test_too_long_unchanged(void **state)
{
	char word[STL_TERM_MAX + 10], out[STL_TERM_MAX + 10];
	const size_t n = sizeof(word) - 1;

	(void)state;
	memset(word, 'a', n);
	memcpy(word + n - 6, "ciones", 6);
	assert_int_equal(stl_stem(word, n, out), n);
	assert_memory_equal(out, word, n);
	assert_int_equal(out[n], '\0');
}

/* xorshift32: the tests' own deterministic random numbers */
static uint32_t next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* A stem is a valid folded word no longer than the term, and it starts
 * with the term's first byte (lib/search/snippet.c stems only the words
 * whose first byte starts a query stem). */
static void check_stem(const char *w, size_t n)
{
	char out[STL_TERM_MAX + 1];
	size_t m, i;

	/* ASan/UBSan watch the reads: the term is exactly @n bytes */
	char *term = malloc(n ? n : 1);

	assert_non_null(term);
	memcpy(term, w, n);
	m = stl_stem(term, n, out);
	free(term);
	assert_true(m <= n);
	assert_int_equal(out[m], '\0');
	if (m)
		assert_int_equal(out[0], w[0]);
	for (i = 0; i < m; i++) {
		unsigned char c = (unsigned char)out[i];

		if (c == 0xC3) {
			assert_true(i + 1 < m);
			assert_int_equal((unsigned char)out[++i], 0xB1);
		} else {
			assert_true(c >= 'a' && c <= 'z');
		}
	}
}

static void test_short_and_random_words(void **state)
{
	static const char *const letters[] = {
		"a", "e", "i", "o", "u", "s", "n", "r", "l", "m", "d", "g", "y",
		"c", "t", "ñ",
	};
	const size_t nl = sizeof(letters) / sizeof(letters[0]);
	char w[STL_TERM_MAX + 1];
	uint32_t seed = 2020;
	size_t a, b, c, i, k;

	(void)state;
	check_stem("", 0);
	/* every word of up to three letters */
	for (a = 0; a < nl; a++) {
		check_stem(letters[a], strlen(letters[a]));
		for (b = 0; b < nl; b++) {
			strcpy(w, letters[a]);
			strcat(w, letters[b]);
			check_stem(w, strlen(w));
			for (c = 0; c < nl; c++) {
				strcpy(w, letters[a]);
				strcat(w, letters[b]);
				strcat(w, letters[c]);
				check_stem(w, strlen(w));
			}
		}
	}
	/* random words with Spanish endings */
	static const char *const endings[] = {
		"s", "es", "os", "as", "aciones", "amente", "mente", "idades",
		"iendo", "yendo", "selos", "arla", "ico", "uciones", "logias",
		"encias", "guen", "gue", "ivas", "abamos", "ñas",
	};
	for (i = 0; i < 50000; i++) {
		size_t n = 1 + next_rand(&seed) % 12;
		const char *e = endings[next_rand(&seed) %
					(sizeof(endings) / sizeof(endings[0]))];

		w[0] = '\0';
		for (k = 0; k < n; k++)
			strcat(w, letters[next_rand(&seed) % nl]);
		if (next_rand(&seed) % 2)
			strcat(w, e);
		check_stem(w, strlen(w));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_pairs_apart),
		cmocka_unit_test(test_verbs),
		cmocka_unit_test(test_snowball_cases),
		cmocka_unit_test(test_vocab_sample),
		cmocka_unit_test(test_snowball_agreement),
		cmocka_unit_test(test_unchanged),
		cmocka_unit_test(test_too_long_unchanged),
		cmocka_unit_test(test_short_and_random_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
