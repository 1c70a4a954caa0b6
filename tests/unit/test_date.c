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
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
