/*
 * test_minute_followup.c - the "SEGUIMIENTO DE ACUERDOS" of a minute
 * (lib/minute/minute_followup.c): statements read from lines and from a
 * table, the year of dates written without one, the status words, and
 * the statements' round trip through the record (lib/index/record.c).
 *
 * Run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/minute.h"
#include "stl/record.h"
#include "stl/stext.h"
#include "testutil.h"

static struct stl_minute *parse_string(const char *text)
{
	struct stl_minute *m = NULL;

	assert_int_equal(stl_minute_parse(text, strlen(text), NULL, &m),
			 STL_STATUS_SUCCESS);
	assert_non_null(m);
	return m;
}

static void check(const struct stl_minute *m, size_t i, const char *date,
		  unsigned number, enum stl_agr_status st)
{
	assert_true(i < m->nfollowups);
	assert_string_equal(m->followups[i].date, date);
	assert_int_equal(m->followups[i].number, number);
	assert_int_equal(m->followups[i].status, st);
}

/* The test minute: bullets, Roman numbers, a date without a year, a
 * minute named in parentheses; its own agreements are not follow-ups. */
static void section_lines(void **state)
{
	struct stl_minute *m;

	(void)state;
	m = test_parse_minute("tests/data/seguimiento/minuta-2020-10-15.txt",
			      NULL);
	assert_string_equal(m->date, "2020-10-15");
	assert_int_equal(m->nfollowups, 3);
	check(m, 0, "2020-09-24", 1, STL_AGR_DONE);
	check(m, 1, "2020-09-24", 3, STL_AGR_IN_PROGRESS);
	check(m, 2, "2020-10-01", 2, STL_AGR_CANCELLED);
	/* The section does not swallow the agreements after it. */
	assert_int_equal(m->nagreements, 1);
	assert_string_equal(m->agreements[0].deadline, "2020-10-30");
	stl_minute_destroy(m);
}

/*
 * A day later in the year than the stating minute was the year before;
 * a line without a status word, number or date says nothing; accents and
 * case do not matter.
 */
static void years_and_words(void **state)
{
	struct stl_minute *m;

	(void)state;
	m = parse_string("Toluca a 20 de enero de 2021.\n"
			 "FECHA\n20 de enero de 2021\n"
			 "SEGUIMIENTO DE ACUERDOS:\n"
			 "1. Acuerdo 2 de la minuta del 10 de diciembre: CUMPLIDA\n"
			 "2. Acuerdo 4 de la minuta del 15 de enero: En Trámite\n"
			 "3. Acuerdo 5 de la minuta del 15 de enero: se revisará\n"
			 "4. El acuerdo de la minuta del 15 de enero: pendiente\n"
			 "5. Acuerdo VII: pendiente\n"
			 "6. Acuerdo No. 6, minuta del 15/01/2021, concluido\n"
			 "ACUERDOS\nI. Se aprobó el calendario.\n");
	assert_int_equal(m->nfollowups, 3);
	check(m, 0, "2020-12-10", 2, STL_AGR_DONE);
	check(m, 1, "2021-01-15", 4, STL_AGR_IN_PROGRESS);
	check(m, 2, "2021-01-15", 6, STL_AGR_DONE);
	assert_int_equal(m->nagreements, 1);
	stl_minute_destroy(m);

	/* No date of its own: a date without a year has none to take. */
	m = parse_string("SEGUIMIENTO DE ACUERDOS\n"
			 "Acuerdo 1 de la minuta del 3 de marzo: pendiente\n"
			 "Acuerdo 2 de la minuta del 3 de marzo de 2020: pendiente\n");
	assert_int_equal(m->nfollowups, 1);
	check(m, 0, "2020-03-03", 2, STL_AGR_PENDING);
	stl_minute_destroy(m);
}

static void row(struct stl_stext *st, ...)
{
	const char *c;
	va_list ap;

	assert_int_equal(stl_stext_row_begin(st), STL_STATUS_SUCCESS);
	va_start(ap, st);
	while ((c = va_arg(ap, const char *)))
		assert_int_equal(stl_stext_cell(st, c, strlen(c)),
				 STL_STATUS_SUCCESS);
	va_end(ap);
	assert_int_equal(stl_stext_row_end(st), STL_STATUS_SUCCESS);
}

/* Acuerdo | Minuta | Estado: one statement a row, by column. */
static void section_table(void **state)
{
	static const char date[] = "FECHA 15 de octubre de 2020";
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m = NULL;

	(void)state;
	assert_int_equal(stl_stext_para(&st, NULL, date, strlen(date), 0),
			 STL_STATUS_SUCCESS);
	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	row(&st, "No. de acuerdo", "Minuta", "Estatus", NULL);
	row(&st, "III", "24 de septiembre de 2020", "Cumplido", NULL);
	row(&st, "Acuerdo 2", "1 de octubre", "en proceso", NULL);
	row(&st, "IV", "24 de septiembre de 2020", "", NULL);
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	assert_int_equal(stl_minute_parse_stext(&st, NULL, &m),
			 STL_STATUS_SUCCESS);
	stl_stext_release(&st);
	assert_int_equal(m->nfollowups, 2);
	check(m, 0, "2020-09-24", 3, STL_AGR_DONE);
	check(m, 1, "2020-10-01", 2, STL_AGR_IN_PROGRESS);
	/* Not an agreement table: no agreements come from it. */
	assert_int_equal(m->nagreements, 0);
	stl_minute_destroy(m);
}

static void status_words(void **state)
{
	static const struct {
		const char *s;
		enum stl_agr_status st;
	} ok[] = {
		{ "cumplido", STL_AGR_DONE }, { "Concluida", STL_AGR_DONE },
		{ "EN PROCESO", STL_AGR_IN_PROGRESS },
		{ "en  curso", STL_AGR_IN_PROGRESS },
		{ "pendiente", STL_AGR_PENDING },
		{ "Cancelado", STL_AGR_CANCELLED },
		{ "sin seguimiento", STL_AGR_NONE },
	};
	enum stl_agr_status st;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_true(stl_agr_status_parse(ok[i].s, strlen(ok[i].s), &st));
		assert_int_equal(st, ok[i].st);
	}
	assert_false(stl_agr_status_parse("cumplidos", 9, &st));
	assert_true(stl_agr_status_parse("cumplido en tiempo", 18, &st));
	assert_false(stl_agr_status_parse_whole("cumplido en tiempo", 18, &st));
	assert_true(stl_agr_status_parse_whole(" en proceso ", 12, &st));
	assert_int_equal(st, STL_AGR_IN_PROGRESS);
	assert_false(stl_agr_status_parse("proceso", 7, &st));
	assert_string_equal(stl_agr_status_name(STL_AGR_IN_PROGRESS),
			    "en proceso");
	assert_string_equal(stl_agr_status_name(STL_AGR_NONE),
			    "sin seguimiento");
}

/* The record keeps the statements, and writes the same bytes back; a
 * minute without any has no "followups" key. */
static void record_round_trip(void **state)
{
	struct stl_minute *m;
	struct stl_record *r = NULL;
	char *a = NULL, *b = NULL;
	size_t i;

	(void)state;
	m = test_parse_minute("tests/data/seguimiento/minuta-2020-10-15.txt",
			      NULL);
	assert_int_equal(stl_record_write_minute(m, "x.txt", &a, NULL),
			 STL_STATUS_SUCCESS);
	assert_non_null(strstr(a, "\"followups\":[{\"date\":\"2020-09-24\","
				  "\"number\":1,\"status\":\"cumplido\"}"));
	assert_int_equal(stl_record_read(a, strlen(a), &r), STL_STATUS_SUCCESS);
	assert_int_equal(r->minute->nfollowups, m->nfollowups);
	for (i = 0; i < m->nfollowups; i++)
		check(r->minute, i, m->followups[i].date,
		      m->followups[i].number, m->followups[i].status);
	assert_int_equal(stl_record_write_minute(r->minute, "x.txt", &b, NULL),
			 STL_STATUS_SUCCESS);
	assert_string_equal(a, b);
	stl_record_destroy(r);
	stl_minute_destroy(m);
	free(a);
	free(b);

	m = test_parse_minute("corpus/minuta-2020-09-24.txt", NULL);
	assert_int_equal(m->nfollowups, 0);
	assert_int_equal(stl_record_write_minute(m, "y.txt", &a, NULL),
			 STL_STATUS_SUCCESS);
	assert_null(strstr(a, "\"followups\""));
	stl_minute_destroy(m);
	free(a);

	/* A bad statement makes the record unreadable, not half-read. */
	static const char bad[] = "{\"v\":1,\"path\":null,\"date\":null,"
		"\"time\":null,\"followups\":[{\"date\":\"2020-09-24\","
		"\"number\":0,\"status\":\"cumplido\"}]}";
	r = NULL;
	assert_int_equal(stl_record_read(bad, strlen(bad), &r),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(section_lines),
		cmocka_unit_test(years_and_words),
		cmocka_unit_test(section_table),
		cmocka_unit_test(status_words),
		cmocka_unit_test(record_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
