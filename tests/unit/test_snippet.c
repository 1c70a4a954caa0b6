/*
 * test_snippet.c - the best sentence and its highlights (lib/search/snippet.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "stl/snippet.h"

/* Terms are writable arrays: -Wwrite-strings makes literals const. */
static char *make(const char *text, char *const *terms, size_t n,
		  char *const *wild, size_t nwild, size_t max, bool *matched)
{
	struct snippet_terms st;
	char *s;

	assert_int_equal(snippet_terms_init(&st, terms, n, wild, nwild),
			 STL_STATUS_SUCCESS);
	s = snippet_make(text, strlen(text), &st, max, "[", "]", matched);
	snippet_terms_release(&st);
	assert_non_null(s);
	return s;
}

static const char minute[] =
	"Metepec a 24 de septiembre de 2020.\n"
	"\tASISTENTES\n"
	"\t· Lilibeth Álvarez Rodríguez, Jefa de la Unidad de Transparencia IEEM;\n"
	"\tACUERDOS\n"
	"I. Se realizó la retroalimentación. Se propuso avanzar en la hoja de\n"
	"ruta para la siguiente reunión; la Hoja de Ruta se enviará.\n";

static void test_accents_and_prefixes(void **state)
{
	char *terms[] = { (char[]){ "XAalvarez" }, (char[]){ "Kminuta" }, (char[]){ "Y2020" } };
	bool matched;
	char *s;

	(void)state;
	s = make(minute, terms, 3, NULL, 0, 240, &matched);
	assert_true(matched);
	assert_string_equal(s, "· Lilibeth [Álvarez] Rodríguez, Jefa de la "
			       "Unidad de Transparencia IEEM;");
	free(s);
}

static void test_best_sentence_and_stems(void **state)
{
	char *terms[] = { (char[]){ "hoja" }, (char[]){ "ruta" }, (char[]){ "Zreunion" } };
	bool matched;
	char *s;

	(void)state;
	/* The sentence with most matches wins; line breaks do not end it. */
	s = make(minute, terms, 3, NULL, 0, 240, &matched);
	assert_true(matched);
	assert_string_equal(s, "Se propuso avanzar en la [hoja] de [ruta] para "
			       "la siguiente [reunión];");
	free(s);
}

static void test_two_sentences(void **state)
{
	char *terms[] = { (char[]){ "lilibeth" }, (char[]){ "siguiente" } };
	bool matched;
	char *s;

	(void)state;
	/* No sentence has both words: show where each is said. */
	s = make(minute, terms, 2, NULL, 0, 400, &matched);
	assert_true(matched);
	assert_string_equal(s, "· [Lilibeth] Álvarez Rodríguez, Jefa de la "
			       "Unidad de Transparencia IEEM; … Se propuso "
			       "avanzar en la hoja de ruta para la [siguiente] "
			       "reunión;");
	free(s);
}

static void test_wildcard(void **state)
{
	char *wild[] = { (char[]){ "retro" } };
	bool matched;
	char *s;

	(void)state;
	s = make(minute, NULL, 0, wild, 1, 240, &matched);
	assert_true(matched);
	assert_string_equal(s, "I. Se realizó la [retroalimentación].");
	free(s);
}

static void test_narrowed(void **state)
{
	char *terms[] = { (char[]){ "enviara" } };
	bool matched;
	char *s;

	(void)state;
	s = make(minute, terms, 1, NULL, 0, 16, &matched);
	assert_true(matched);
	assert_non_null(strstr(s, "[enviará]"));
	assert_true(!strncmp(s, "… ", strlen("… ")));
	free(s);
}

static void test_no_match(void **state)
{
	char *terms[] = { (char[]){ "inexistente" } };
	bool matched;
	char *s;

	(void)state;
	s = make(minute, terms, 1, NULL, 0, 240, &matched);
	assert_false(matched);
	assert_string_equal(s, "Metepec a 24 de septiembre de 2020.");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accents_and_prefixes),
		cmocka_unit_test(test_best_sentence_and_stems),
		cmocka_unit_test(test_two_sentences),
		cmocka_unit_test(test_wildcard),
		cmocka_unit_test(test_narrowed),
		cmocka_unit_test(test_no_match),
	};

	return cmocka_run_group_tests_name("snippet", tests, NULL, NULL);
}
