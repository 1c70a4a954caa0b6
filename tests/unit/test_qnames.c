/*
 * test_qnames.c - institution names in free text found on the client
 * (lib/search/qnames.c): what query_by_name() writes for a canonical
 * query, over a table of its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "stl/qnames.h"

static const char table[] =
	"IEEM\tInstituto Electoral del Estado de México\n"
	"INE\tInstituto Nacional Electoral\tIFE\n";

static void test_by_name(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "instituto electoral del estado de mexico",
		  "((instituto electoral del estado de mexico) OR "
		  QUERY_NAME_FIELD ":ieem)" },
		{ "acuerdos del instituto nacional electoral",
		  "acuerdos del ((instituto nacional electoral) OR "
		  QUERY_NAME_FIELD ":ine)" },
		/* A one-word alias; a name that is its id stays. */
		{ "ife ieem", "((ife) OR " QUERY_NAME_FIELD ":ine) ieem" },
		/* Not in phrases, fields, signs or next to NEAR. */
		{ "\"instituto nacional electoral\"",
		  "\"instituto nacional electoral\"" },
		{ "tema:(instituto nacional electoral)",
		  "tema:(instituto nacional electoral)" },
		{ "-ife", "-ife" },
		{ "ife NEAR datos", "ife NEAR datos" },
		{ "datos NEAR ife", "datos NEAR ife" },
		/* Parentheses and operators end a name. */
		{ "(instituto nacional) electoral",
		  "(instituto nacional) electoral" },
		{ "instituto nacional OR electoral",
		  "instituto nacional OR electoral" },
		{ "", "" },
	};
	struct stl_institutions *t = stl_institutions_new();
	char *msg = NULL;
	size_t i;

	(void)state;
	assert_non_null(t);
	assert_int_equal(stl_institutions_add_tsv(t, "test", table,
						  strlen(table), &msg),
			 STL_STATUS_SUCCESS);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stl_strbuf out = STL_STRBUF_INIT;

		assert_int_equal(query_by_name(t, cases[i].in, &out),
				 STL_STATUS_SUCCESS);
		if (strcmp(out.buf ? out.buf : "", cases[i].out))
			print_error("'%s' gave '%s'\n", cases[i].in,
				    out.buf ? out.buf : "");
		assert_string_equal(out.buf ? out.buf : "", cases[i].out);
		stl_strbuf_release(&out);
	}
	/* No table: nothing changes. */
	{
		struct stl_strbuf out = STL_STRBUF_INIT;

		assert_int_equal(query_by_name(NULL, "ife", &out),
				 STL_STATUS_SUCCESS);
		assert_string_equal(out.buf, "ife");
		stl_strbuf_release(&out);
	}
	stl_institutions_destroy(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_name),
	};

	return cmocka_run_group_tests_name("qnames", tests, NULL, NULL);
}
