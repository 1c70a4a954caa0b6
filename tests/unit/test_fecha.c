/*
 * test_fecha.c - values of the fecha: field (searcher/fecha.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../searcher/fecha.h"

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
		{ "septiembre", NULL, NULL, "AAAA" },
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
	};

	return cmocka_run_group_tests_name("fecha", tests, NULL, NULL);
}
