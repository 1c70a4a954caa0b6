/*
 * test_status.c - the Spanish texts of statuses and system errors
 * (lib/base/status.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "stl/status.h"

/* The errno values a user meets, each with its own Spanish text. */
static void errno_texts(void **state)
{
	(void)state;
	assert_string_equal(stl_errno_text(EACCES), "permiso denegado");
	assert_string_equal(stl_errno_text(ENOENT), "no existe");
	assert_string_equal(stl_errno_text(ENOTDIR),
			    "una parte de la ruta no es una carpeta");
	assert_string_equal(stl_errno_text(EROFS),
			    "el sistema de archivos es de solo lectura");
	assert_string_equal(stl_errno_text(ENOSPC),
			    "no queda espacio en el disco");
	assert_string_equal(stl_errno_text(EISDIR), "es una carpeta");
	assert_string_equal(stl_errno_text(ELOOP), "enlace simbólico en ciclo");
}

/* Never strerror()'s English, never NULL. */
static void errno_never_english(void **state)
{
	static const int user_met[] = {
		EACCES, EPERM, ENOENT, ENOTDIR, EISDIR, EROFS, ENOSPC,
		EDQUOT, EMFILE, ENFILE, ENOMEM, EIO, ELOOP, ENAMETOOLONG,
		EEXIST, EBUSY, EAGAIN, EINVAL, EXDEV, EFBIG,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(user_met) / sizeof(user_met[0]); i++) {
		const char *s = stl_errno_text(user_met[i]);

		assert_non_null(s);
		assert_string_not_equal(s, strerror(user_met[i]));
		assert_null(strstr(s, "errno"));
	}
}

static void errno_fallback(void **state)
{
	(void)state;
	assert_string_equal(stl_errno_text(0), "error del sistema (errno 0)");
	assert_string_equal(stl_errno_text(4242),
			    "error del sistema (errno 4242)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(errno_texts),
		cmocka_unit_test(errno_never_english),
		cmocka_unit_test(errno_fallback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
