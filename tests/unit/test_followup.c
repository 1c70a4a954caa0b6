/*
 * test_followup.c - lib/search/followup.c without an index: today's date
 * (given or local), the days left to a deadline, and how a deadline is
 * told to people (never "vencido" for an agreement stated done).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stl/followup.h"

static void today_given_or_local(void **state)
{
	static const char *const bad[] = {
		"2020-02-30", "2020-13-01", "20-10-2020", "2020-1-05",
		"2020-10-05x", "hoy", "2020/10/05",
	};
	char out[11], local[11];
	char *msg = NULL;
	struct tm tm;
	time_t now;
	size_t i;

	(void)state;
	assert_int_equal(followup_today("2020-02-29", out, &msg),
			 STL_STATUS_SUCCESS);
	assert_null(msg);
	assert_string_equal(out, "2020-02-29");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(followup_today(bad[i], out, &msg),
				 STL_STATUS_INVALID_ARGUMENT);
		assert_non_null(msg);
		assert_non_null(strstr(msg, bad[i]));
		assert_null(strchr(msg, '\n'));
		free(msg);
		msg = NULL;
	}
	/* NULL and "" are the local date. */
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(local, sizeof(local), "%Y-%m-%d", &tm);
	assert_int_equal(followup_today(NULL, out, &msg), STL_STATUS_SUCCESS);
	assert_string_equal(out, local);
	assert_int_equal(followup_today("", out, &msg), STL_STATUS_SUCCESS);
	assert_string_equal(out, local);
}

static void days_left(void **state)
{
	long d = 99;

	(void)state;
	assert_true(followup_days_left("2020-10-05", "2020-10-05", &d));
	assert_int_equal(d, 0);
	assert_true(followup_days_left("2020-10-05", "2020-10-08", &d));
	assert_int_equal(d, -3);
	assert_true(followup_days_left("2021-01-01", "2020-12-31", &d));
	assert_int_equal(d, 1);
	assert_true(followup_days_left("2020-03-01", "2020-02-28", &d));
	assert_int_equal(d, 2);	/* 2020 is a leap year */
	assert_false(followup_days_left("", "2020-10-05", &d));
	assert_false(followup_days_left("2020-10-05", "", &d));
}

static void deadline_notes(void **state)
{
	static const struct {
		const char *deadline, *today;
		enum stl_agr_status st;
		const char *want;
	} cases[] = {
		{ "2020-10-05", "2020-10-08", STL_AGR_NONE, "vencido hace 3 días" },
		{ "2020-10-05", "2020-10-06", STL_AGR_PENDING, "vencido hace 1 día" },
		{ "2020-10-05", "2020-10-05", STL_AGR_NONE, "vence hoy" },
		{ "2020-10-05", "2020-10-04", STL_AGR_IN_PROGRESS, "falta 1 día" },
		{ "2020-10-05", "2020-09-30", STL_AGR_NONE, "faltan 5 días" },
		{ "2020-10-05", "2020-10-08", STL_AGR_DONE, "cumplido" },
		{ "2020-10-05", "2020-10-08", STL_AGR_CANCELLED, "cancelado" },
		{ "", "2020-10-08", STL_AGR_NONE, "" },
	};
	char out[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		followup_deadline_note(cases[i].deadline, cases[i].today,
				       cases[i].st, out, sizeof(out));
		assert_string_equal(out, cases[i].want);
	}
}

/* Without statements nothing is found and every status is none. */
static void empty_map(void **state)
{
	struct followup_map m = { NULL, 0 };
	struct followup_status s;

	(void)state;
	assert_null(followup_map_find(&m, "2020-09-24", 1));
	assert_int_equal(followup_status_of(&m, "2020-09-24", 1, &s),
			 STL_STATUS_SUCCESS);
	assert_int_equal(s.status, STL_AGR_NONE);
	assert_null(s.source_path);
	assert_string_equal(s.source_id, "");
	followup_status_release(&s);
	followup_map_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(today_given_or_local),
		cmocka_unit_test(days_left),
		cmocka_unit_test(deadline_notes),
		cmocka_unit_test(empty_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
