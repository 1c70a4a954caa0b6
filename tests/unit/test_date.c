/*
 * test_date.c - the shared Spanish calendar (lib/text/date.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "stl/date.h"

static int month_of(const char *w, bool abbrev)
{
	return stl_date_month_of(w, strlen(w), abbrev);
}

static void test_month_names(void **state)
{
	(void)state;
	assert_string_equal(stl_date_month_name(1), "enero");
	assert_string_equal(stl_date_month_name(9), "septiembre");
	assert_string_equal(stl_date_month_name(12), "diciembre");
	assert_null(stl_date_month_name(0));
	assert_null(stl_date_month_name(13));
	assert_null(stl_date_month_name(-1));
}

/* The twelve names in order, then the variants; NULL after them. */
static void test_month_spellings(void **state)
{
	const char *w;
	unsigned int i;
	int m = -1, setiembre = 0;

	(void)state;
	for (i = 0; i < 12; i++) {
		w = stl_date_month_spelling(i, &m);
		assert_int_equal(m, (int)i + 1);
		assert_string_equal(w, stl_date_month_name(m));
	}
	for (; (w = stl_date_month_spelling(i, &m)); i++) {
		assert_true(m >= 1 && m <= 12);
		setiembre += !strcmp(w, "setiembre") && m == 9;
		assert_true(i < 64);
	}
	assert_int_equal(setiembre, 1);
	m = -1;
	assert_null(stl_date_month_spelling(i, &m));
	assert_int_equal(m, -1);
}

static void test_month_of(void **state)
{
	(void)state;
	assert_int_equal(month_of("enero", false), 1);
	assert_int_equal(month_of("septiembre", false), 9);
	assert_int_equal(month_of("setiembre", false), 9);
	assert_int_equal(month_of("diciembre", false), 12);
	/* ASCII case does not matter. */
	assert_int_equal(month_of("Septiembre", false), 9);
	assert_int_equal(month_of("OCTUBRE", false), 10);
	assert_int_equal(month_of("SePt", true), 9);
	/* Accents are the caller's to fold: the module sees other bytes. */
	assert_int_equal(month_of("s\xc3\xa9ptiembre", false), 0);
	assert_int_equal(month_of("m\xc3\xa1rzo", true), 0);
	/* Abbreviations only when asked for. */
	assert_int_equal(month_of("sept", false), 0);
	assert_int_equal(month_of("sept", true), 9);
	assert_int_equal(month_of("sep", true), 9);
	assert_int_equal(month_of("set", true), 9);
	assert_int_equal(month_of("set", false), 0);
	assert_int_equal(month_of("ene", true), 1);
	assert_int_equal(month_of("mar", true), 3);
	assert_int_equal(month_of("may", true), 5);
	assert_int_equal(month_of("jun", true), 6);
	assert_int_equal(month_of("jul", true), 7);
	assert_int_equal(month_of("octu", true), 10);
	/* Too short, too long, or not a month. */
	assert_int_equal(month_of("ma", true), 0);
	assert_int_equal(month_of("", true), 0);
	assert_int_equal(month_of("septiembres", true), 0);
	assert_int_equal(month_of("seti", true), 0);
	assert_int_equal(month_of("ayer", true), 0);
	assert_int_equal(month_of("de", true), 0);
	/* @len bounds the word: no NUL needed. */
	assert_int_equal(stl_date_month_of("mayo 2020", 4, false), 5);
	assert_int_equal(stl_date_month_of("mayo 2020", 3, false), 0);
}

static void test_leap(void **state)
{
	(void)state;
	assert_false(stl_date_leap(1900));	/* a century */
	assert_true(stl_date_leap(2000));	/* every fourth century */
	assert_true(stl_date_leap(2024));
	assert_false(stl_date_leap(2023));
	assert_false(stl_date_leap(2100));
	assert_true(stl_date_leap(2020));
}

static void test_days_in_month(void **state)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	int m;

	(void)state;
	for (m = 1; m <= 12; m++)
		assert_int_equal(stl_date_days_in_month(2023, m), days[m - 1]);
	assert_int_equal(stl_date_days_in_month(2024, 2), 29);
	assert_int_equal(stl_date_days_in_month(2000, 2), 29);
	assert_int_equal(stl_date_days_in_month(1900, 2), 28);
	assert_int_equal(stl_date_days_in_month(2024, 0), 0);
	assert_int_equal(stl_date_days_in_month(2024, 13), 0);
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(stl_date_valid(2020, 9, 24));
	assert_true(stl_date_valid(2024, 2, 29));
	assert_true(stl_date_valid(2000, 2, 29));
	assert_true(stl_date_valid(2020, 12, 31));
	assert_false(stl_date_valid(2020, 4, 31));	/* 31 de abril */
	assert_false(stl_date_valid(2023, 2, 29));	/* 2023 is not leap */
	assert_false(stl_date_valid(1900, 2, 29));
	assert_false(stl_date_valid(2020, 9, 31));
	assert_false(stl_date_valid(2020, 1, 0));
	assert_false(stl_date_valid(2020, 0, 1));
	assert_false(stl_date_valid(2020, 13, 1));
	/* The archive's years. */
	assert_true(stl_date_valid(STL_DATE_YEAR_MIN, 1, 1));
	assert_true(stl_date_valid(STL_DATE_YEAR_MAX, 12, 31));
	assert_false(stl_date_valid(STL_DATE_YEAR_MIN - 1, 12, 31));
	assert_false(stl_date_valid(STL_DATE_YEAR_MAX + 1, 1, 1));
	assert_false(stl_date_valid(20202, 1, 1));
}

static void test_number(void **state)
{
	int v = -1;

	(void)state;
	assert_true(stl_date_number("2020", 4, 4, &v));
	assert_int_equal(v, 2020);
	assert_true(stl_date_number("09", 2, 2, &v));
	assert_int_equal(v, 9);
	assert_true(stl_date_number("24/09", 2, 2, &v));
	assert_int_equal(v, 24);
	v = -1;
	assert_false(stl_date_number("20202", 5, 4, &v));	/* too long */
	assert_false(stl_date_number("", 0, 4, &v));
	assert_false(stl_date_number("2o20", 4, 4, &v));
	assert_false(stl_date_number("-1", 2, 4, &v));
	assert_false(stl_date_number("1234567890", 10, 20, &v)); /* > int */
	assert_int_equal(v, -1);	/* untouched on failure */
	assert_true(stl_date_number("123456789", 9, 20, &v));
	assert_int_equal(v, 123456789);
}

/* "YYYY-MM-DD" as a day number, for readable cases. */
static long day(const char *iso)
{
	int y = 0, m = 0, d = 0;

	assert_true(stl_date_number(iso, 4, 4, &y));
	assert_true(stl_date_number(iso + 5, 2, 2, &m));
	assert_true(stl_date_number(iso + 8, 2, 2, &d));
	return stl_date_to_days(y, m, d);
}

static void assert_day(long days, const char *iso)
{
	char out[11];

	stl_date_format(days, out);
	assert_string_equal(out, iso);
}

static void test_day_numbers(void **state)
{
	long n;
	int y, m, d;

	(void)state;
	assert_int_equal(stl_date_to_days(1970, 1, 1), 0);
	assert_int_equal(stl_date_to_days(1969, 12, 31), -1);
	assert_int_equal(stl_date_to_days(2000, 3, 1) -
			 stl_date_to_days(2000, 2, 28), 2);
	assert_int_equal(stl_date_to_days(1900, 3, 1) -
			 stl_date_to_days(1900, 2, 28), 1);
	/* Every day of the plausible years comes back as it went in. */
	for (n = stl_date_to_days(STL_DATE_YEAR_MIN, 1, 1);
	     n <= stl_date_to_days(STL_DATE_YEAR_MAX, 12, 31); n++) {
		stl_date_from_days(n, &y, &m, &d);
		assert_true(stl_date_valid(y, m, d));
		assert_int_equal(stl_date_to_days(y, m, d), n);
	}
	assert_day(day("2020-09-24") + 10, "2020-10-04");
	assert_day(day("2020-12-31") + 1, "2021-01-01");
	assert_day(day("2024-02-28") + 1, "2024-02-29");
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(stl_date_weekday(day("2020-09-24")), 3);	/* Thu */
	assert_int_equal(stl_date_weekday(day("2024-10-01")), 1);	/* Tue */
	assert_int_equal(stl_date_weekday(day("1970-01-01")), 3);	/* Thu */
	assert_int_equal(stl_date_weekday(day("1969-12-29")), 0);	/* Mon */
	assert_int_equal(stl_date_weekday(day("2021-03-14")), 6);	/* Sun */
}

static void test_next_week_friday(void **state)
{
	(void)state;
	assert_day(stl_date_next_week_friday(day("2020-09-24")), "2020-10-02");
	assert_day(stl_date_next_week_friday(day("2020-09-21")), "2020-10-02");
	/* Sunday ends its week: the next one starts the day after. */
	assert_day(stl_date_next_week_friday(day("2020-09-27")), "2020-10-02");
	assert_day(stl_date_next_week_friday(day("2020-09-28")), "2020-10-09");
	assert_day(stl_date_next_week_friday(day("2020-12-31")), "2021-01-08");
}

/* Ley Federal del Trabajo, art. 74. */
static void test_rest_days(void **state)
{
	static const char *const rest[] = {
		"2020-01-01", "2020-02-03", "2021-02-01", "2020-03-16",
		"2021-03-15", "2020-05-01", "2020-09-16", "2020-11-16",
		"2021-11-15", "2020-12-25", "2024-10-01", "2030-10-01",
		"2018-12-01", "2012-12-01",
	};
	static const char *const work[] = {
		"2020-09-24", "2020-02-05", "2020-03-21", "2025-10-01",
		"2024-12-01", "2019-12-01", "2020-11-20", "2021-03-21",
		"2020-12-24",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rest) / sizeof(rest[0]); i++)
		if (!stl_date_rest_day(day(rest[i])))
			fail_msg("%s is a rest day", rest[i]);
	for (i = 0; i < sizeof(work) / sizeof(work[0]); i++)
		if (stl_date_rest_day(day(work[i])))
			fail_msg("%s is no rest day", work[i]);
}

static void test_business_days(void **state)
{
	long closed[2];

	(void)state;
	/* Counted from the day after: Thursday + 10 skips two weekends. */
	assert_day(stl_date_add_business_days(day("2020-09-24"), 10, NULL, 0),
		   "2020-10-08");
	assert_day(stl_date_add_business_days(day("2020-09-24"), 1, NULL, 0),
		   "2020-09-25");
	assert_day(stl_date_add_business_days(day("2020-09-25"), 1, NULL, 0),
		   "2020-09-28");
	/* 16 September and the third Monday of November are rest days. */
	assert_day(stl_date_add_business_days(day("2020-09-10"), 5, NULL, 0),
		   "2020-09-18");
	assert_day(stl_date_add_business_days(day("2020-11-12"), 3, NULL, 0),
		   "2020-11-18");
	/* Days the office declared inhábiles, ascending. */
	closed[0] = day("2020-09-30");
	closed[1] = day("2020-10-02");
	assert_day(stl_date_add_business_days(day("2020-09-24"), 10, closed, 2),
		   "2020-10-12");
	/* A week-end day declared inhábil changes nothing. */
	closed[0] = day("2020-09-26");
	assert_day(stl_date_add_business_days(day("2020-09-24"), 10, closed, 1),
		   "2020-10-08");
	/* Zero days: the day itself. */
	assert_day(stl_date_add_business_days(day("2020-09-24"), 0, NULL, 0),
		   "2020-09-24");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_month_spellings),
		cmocka_unit_test(test_month_of),
		cmocka_unit_test(test_leap),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_next_week_friday),
		cmocka_unit_test(test_rest_days),
		cmocka_unit_test(test_business_days),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
