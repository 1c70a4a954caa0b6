/*
 * test_extract_child.c - the readers that run a Debian tool (extractor/
 * child.c: antiword for .doc, unrtf for .rtf) and the RTF revision pass
 * (rtfrev.c), on the LibreOffice files of tests/data/formats/ (see its
 * README.md) and on RTF strings written here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "stl/stext.h"
#include "testutil.h"

static const struct ex_limits limits = {
	EX_DEFAULT_ENTRY_SIZE, EX_DEFAULT_RATIO, EX_DEFAULT_ENTRIES,
	EX_DEFAULT_TEXT, 20, 0, 0, NULL, NULL,
};

/* ---- the revision pass ------------------------------------------------- */

static void expect_accepted(const char *rtf, const char *want)
{
	struct stl_strbuf out = STL_STRBUF_INIT;

	assert_int_equal(ex_rtf_accept(rtf, strlen(rtf), &out),
			 STL_STATUS_SUCCESS);
	assert_string_equal(out.buf ? out.buf : "", want);
	stl_strbuf_release(&out);
}

static void test_accept_drops_deleted_group(void **state)
{
	(void)state;
	expect_accepted("{\\rtf1 antes {\\deleted\\revauthdel1 del 8}"
			"{\\revised del 15}.}",
			"{\\rtf1 antes {\\deleted\\revauthdel1 }"
			"{\\revised del 15}.}");
}

static void test_accept_deleted_ends_with_plain_or_zero(void **state)
{
	(void)state;
	expect_accepted("{\\deleted uno\\plain dos}", "{\\deleted \\plain dos}");
	expect_accepted("{\\deleted uno\\deleted0 dos}",
			"{\\deleted \\deleted0 dos}");
}

static void test_accept_drops_escapes_keeps_destinations(void **state)
{
	(void)state;
	/* Escaped and Unicode characters of a deletion go; a nested
	 * destination, the group structure and what follows stay. */
	expect_accepted("{\\deleted a\\'e1\\u225 b\\tab\\~{\\*\\revtbl x}}c",
			"{\\deleted {\\*\\revtbl }}c");
	expect_accepted("{\\b negrita\\'e1}", "{\\b negrita\\'e1}");
}

static void test_accept_hostile(void **state)
{
	struct stl_strbuf out = STL_STRBUF_INIT;
	size_t n = 200000, i;
	char *deep = malloc(2 * n + 1);

	(void)state;
	assert_non_null(deep);
	/* Far deeper than the state it keeps, unbalanced, cut mid-escape. */
	for (i = 0; i < n; i++)
		deep[i] = '{';
	memcpy(deep + n, "\\deleted x", 10);
	for (i = n + 10; i < 2 * n; i++)
		deep[i] = '}';
	deep[2 * n] = '\0';
	assert_int_equal(ex_rtf_accept(deep, 2 * n, &out), STL_STATUS_SUCCESS);
	assert_true(out.len <= 2 * n);
	assert_null(memchr(out.buf, 'x', out.len));
	expect_accepted("}}}\\", "}}}\\");
	expect_accepted("{\\deleted \\'", "{\\deleted ");
	expect_accepted("\\bin5 ab", "\\bin5 ab");
	stl_strbuf_release(&out);
	free(deep);
}

/* ---- the readers on LibreOffice files -------------------------------- */

static char *input(const char *name, size_t *len)
{
	const char *dir = getenv("STL_TEST_DATA");
	char path[4096];
	char *buf;

	snprintf(path, sizeof(path), "%s/formats/%s", dir ? dir : "tests/data",
		 name);
	buf = test_slurp(path, len);
	if (!buf)
		fail_msg("cannot read %s", path);
	return buf;
}

static bool text_has(const struct stl_stext *st, const char *s)
{
	return st->text.buf && strstr(st->text.buf, s);
}

/* The cells of the @row-th row of the document, joined by " | ". */
static void expect_row(const struct stl_stext *st, size_t row, const char *want)
{
	size_t i, k, seen = 0;
	char got[1024] = "";

	for (i = 0; i < st->nblocks; i++) {
		const struct stl_block *b = &st->blocks[i];

		if (b->kind != STL_BLOCK_ROW || seen++ != row)
			continue;
		for (k = 0; k < b->ncells; k++) {
			const struct stl_span *c = &st->cells[b->cell + k];

			snprintf(got + strlen(got), sizeof(got) - strlen(got),
				 "%s%.*s", k ? " | " : "", (int)c->len,
				 st->text.buf + c->off);
		}
		assert_string_equal(got, want);
		return;
	}
	fail_msg("no row %zu", row);
}

static void read_file(stl_status_t (*reader)(const char *, size_t,
					     const struct ex_limits *,
					     struct stl_stext *, const char **),
		      const char *name, struct stl_stext *st)
{
	const char *why = NULL;
	size_t len;
	char *buf = input(name, &len);

	assert_int_equal(reader(buf, len, &limits, st, &why),
			 STL_STATUS_SUCCESS);
	free(buf);
}

static void test_doc_tracked_change_and_wrapped_cells(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;

	(void)state;
	read_file(ex_doc, "minuta.doc", &st);
	assert_true(text_has(&st, "antes del 15 de octubre de 2020"));
	assert_false(text_has(&st, "antes del 8 de octubre"));
	expect_row(&st, 0, "Nombre | Cargo | Institución");
	/* antiword wraps these cells onto the next line. */
	expect_row(&st, 3, "Adriana Yadira Cárdenas Tagle | Directora General "
		   "de Transparencia, Acceso a la Información Pública y "
		   "Gobierno Abierto | Infoem");
	expect_row(&st, 4, "Daniel Rosemberg Cervantes Pérez | Representante "
		   "de la Sociedad Civil | Observatorio Ciudadano de Toluca "
		   "A.C.");
	stl_stext_release(&st);
}

static void test_rtf_tracked_change(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;

	(void)state;
	read_file(ex_rtf, "minuta.rtf", &st);
	assert_true(text_has(&st, "antes del 15 de octubre de 2020"));
	assert_false(text_has(&st, "antes del 8 de octubre"));
	assert_true(text_has(&st, "Lilibeth Álvarez Rodríguez"));
	stl_stext_release(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept_drops_deleted_group),
		cmocka_unit_test(test_accept_deleted_ends_with_plain_or_zero),
		cmocka_unit_test(test_accept_drops_escapes_keeps_destinations),
		cmocka_unit_test(test_accept_hostile),
		cmocka_unit_test(test_doc_tracked_change_and_wrapped_cells),
		cmocka_unit_test(test_rtf_tracked_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
