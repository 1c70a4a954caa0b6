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

#endif /* STL_TESTUTIL_H */
