/*
 * testutil.h - small helpers the cmocka suites share. Header-only, so each
 * suite stays one file and one binary.
 */
#ifndef STL_TESTUTIL_H
#define STL_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

/*
 * The whole file at @path (relative to the repository root, where the
 * suites run), malloc'ed and NUL-terminated; its length in *@len. NULL if
 * it cannot be read.
 */
static inline char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		goto out;
	buf = malloc((size_t)n + 1);
	if (buf) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
out:
	fclose(f);
	return buf;
}

#ifdef STL_MINUTE_H
/*
 * Parse the minute in the file at @path with the table @t (may be NULL);
 * fails the test if it cannot be read or parsed. For suites that include
 * cmocka.h and stl/minute.h before this header.
 */
static inline struct stl_minute *
test_parse_minute(const char *path, const struct stl_institutions *t)
{
	struct stl_minute *m = NULL;
	size_t len = 0;
	char *text = test_slurp(path, &len);

	if (!text)
		fail_msg("cannot read %s (run from the repository root)", path);
	assert_int_equal(stl_minute_parse(text, len, t, &m), STL_STATUS_SUCCESS);
	assert_non_null(m);
	assert_true(m->text_len <= len);
	free(text);
	return m;
}
#endif

#endif /* STL_TESTUTIL_H */
