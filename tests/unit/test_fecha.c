/*
 * test_fecha.c - values of the fecha: field (lib/search/fecha.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/fecha.h"

struct tcase {
	const char *in, *lo, *hi;	/* lo NULL: an error is expected */
	const char *msg_has;
};

static void test_forms(void **state)
{
	static const struct tcase cases[] = {
		{ "2020", "20200101", "20201231", NULL },
		{ "2020-10", "20201001", "20201031", NULL },
		{ "2020-02", "20200201", "20200229", NULL },
		{ "2021-02", "20210201", "20210228", NULL },
		{ "2020-10-01", "20201001", "20201001", NULL },
		{ "24/09/2020", "20200924", "20200924", NULL },
		{ "24-09-2020", "20200924", "20200924", NULL },
		{ "09/2020", "20200901", "20200930", NULL },
		{ "septiembre de 2020", "20200901", "20200930", NULL },
		{ "Septiembre del 2020", "20200901", "20200930", NULL },
		{ "sept 2020", "20200901", "20200930", NULL },
		{ "24 de septiembre de 2020", "20200924", "20200924", NULL },
		{ "1 de Octubre de 2020", "20201001", "20201001", NULL },
		{ "2020-06-01..2020-06-30", "20200601", "20200630", NULL },
		{ "..2020-07-01", "", "20200701", NULL },
		{ "2020-07-01..", "20200701", "", NULL },
		{ "2019..2020", "20190101", "20201231", NULL },
		{ "junio de 2020..julio de 2020", "20200601", "20200731", NULL },
		{ "ayer", NULL, NULL, "AAAA-MM-DD" },
		{ "2020-13", NULL, NULL, "mes" },
		{ "31/09/2020", NULL, NULL, "día" },
		{ "2020-02-30", NULL, NULL, "día" },
		{ "..", NULL, NULL, "extremo" },
		{ "2021..2020", NULL, NULL, "posterior" },
		{ "", NULL, NULL, "vacía" },
		{ "20202", NULL, NULL, "AAAA" },
		/* Without a year: that day or month in every year. */
		{ "17 de junio", "00000617", "00000617", NULL },
		{ "junio", "00000601", "00000630", NULL },
		{ "febrero", "00000201", "00000229", NULL },
		{ "29 de febrero", "00000229", "00000229", NULL },
		{ "junio..agosto", "00000601", "00000831", NULL },
		/* The message names the part that is wrong. */
		{ "31 de febrero", NULL, NULL, "el día 31 no existe en febrero" },
		{ "29 de febrero de 2023", NULL, NULL,
		  "el día 29 no existe en febrero de 2023" },
		{ "17 de junii", NULL, NULL, "'junii'" },
		{ "17", NULL, NULL, "falta el mes" },
		{ "junio..2020", NULL, NULL, "año" },
		{ "1850", NULL, NULL, "año" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tcase *c = &cases[i];
		char lo[9], hi[9], *msg = NULL;
		stl_status_t st = fecha_parse(c->in, lo, hi, &msg);

		if (c->lo) {
			if (st)
				print_error("'%s': %s\n", c->in, msg);
			assert_int_equal(st, STL_STATUS_SUCCESS);
			assert_string_equal(lo, c->lo);
			assert_string_equal(hi, c->hi);
		} else {
			if (!st)
				print_error("'%s' gave %s..%s\n", c->in, lo, hi);
			assert_int_equal(st, STL_STATUS_BAD_QUERY);
			assert_non_null(msg);
			assert_non_null(strstr(msg, c->in));
			if (!strstr(msg, c->msg_has))
				fail_msg("'%s' lacks '%s'", msg, c->msg_has);
		}
		free(msg);
	}
}

/* A span written as its index term would be ("Y2020", "M202010",
 * "D20201015"), so that the cases read like the terms they stand for. */
static int join_term(int year, int month, int day, void *ctx)
{
	char *out = ctx;
	size_t len = strlen(out);

	if (!month)
		sprintf(out + len, "Y%04d ", year);
	else if (!day)
		sprintf(out + len, "M%04d%02d ", year, month);
	else
		sprintf(out + len, "D%04d%02d%02d ", year, month, day);
	return 0;
}

static int stop_at_two(int year, int month, int day, void *ctx)
{
	int *n = ctx;

	(void)year;
	(void)month;
	(void)day;
	return ++*n == 2;
}

/* The fewest year, month and day terms, in order. */
static void test_cover(void **state)
{
	static const struct {
		const char *lo, *hi, *terms;
	} cases[] = {
		{ "20201015", "20210203",
		  "D20201015 D20201016 D20201017 D20201018 D20201019 "
		  "D20201020 D20201021 D20201022 D20201023 D20201024 "
		  "D20201025 D20201026 D20201027 D20201028 D20201029 "
		  "D20201030 D20201031 M202011 M202012 M202101 D20210201 "
		  "D20210202 D20210203 " },
		{ "20200101", "20201231", "Y2020 " },
		{ "20160101", "20181231", "Y2016 Y2017 Y2018 " },
		{ "20201001", "20201031", "M202010 " },
		{ "20200924", "20200924", "D20200924 " },
		{ "20191201", "20210131", "M201912 Y2020 M202101 " },
		/* A leap year's February ends on the 29th. */
		{ "20240201", "20240229", "M202402 " },
		{ "20240201", "20240228",
		  "D20240201 D20240202 D20240203 D20240204 D20240205 "
		  "D20240206 D20240207 D20240208 D20240209 D20240210 "
		  "D20240211 D20240212 D20240213 D20240214 D20240215 "
		  "D20240216 D20240217 D20240218 D20240219 D20240220 "
		  "D20240221 D20240222 D20240223 D20240224 D20240225 "
		  "D20240226 D20240227 D20240228 " },
		{ "20201231", "20210101", "D20201231 D20210101 " },
		{ "20190101", "20200131", "Y2019 M202001 " },
	};
	char out[2048];
	size_t i, n;
	int stopped = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out[0] = '\0';
		n = fecha_cover(cases[i].lo, cases[i].hi, join_term, out);
		assert_string_equal(out, cases[i].terms);
		assert_int_equal(n, fecha_cover(cases[i].lo, cases[i].hi,
						NULL, NULL));
	}
	/* The callback stops the walk. */
	assert_int_equal(fecha_cover("20200101", "20201231", stop_at_two,
				     &stopped), 1);
	assert_int_equal(fecha_cover("20201001", "20201003", stop_at_two,
				     &stopped), 1);
	stopped = 0;
	assert_int_equal(fecha_cover("20201001", "20201003", stop_at_two,
				     &stopped), 2);
}

/* A range without a year: its spans in each year of the index. */
static void test_cover_years(void **state)
{
	static const struct {
		const char *lo, *hi, *terms;
	} cases[] = {
		{ "00000617", "00000617", "D20190617 D20200617 D20210617 " },
		{ "00000601", "00000630", "M201906 M202006 M202106 " },
		/* 29 February only where there is one. */
		{ "00000229", "00000229", "D20200229 " },
		{ "00000201", "00000229", "M201902 M202002 M202102 " },
		{ "00001231", "00001231", "D20191231 D20201231 D20211231 " },
	};
	char out[512];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out[0] = '\0';
		n = fecha_cover_years(cases[i].lo, cases[i].hi, 2019, 2021,
				      join_term, out);
		assert_string_equal(out, cases[i].terms);
		assert_int_equal(n, fecha_cover_years(cases[i].lo, cases[i].hi,
						      2019, 2021, NULL, NULL));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_cover),
		cmocka_unit_test(test_cover_years),
	};

	return cmocka_run_group_tests_name("fecha", tests, NULL, NULL);
}
