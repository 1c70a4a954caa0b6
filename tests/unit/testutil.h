/*
 * testutil.h - small helpers the cmocka suites share. Header-only, so each
 * suite stays one file and one binary.
 */
#ifndef STL_TESTUTIL_H
#define STL_TESTUTIL_H

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/*
 * Remove @path and, if it is a folder, everything in it (symbolic links
 * are removed, never followed). 0, or -1 if something stayed.
 */
static inline int test_remove_tree(const char *path)
{
	char sub[PATH_MAX];
	struct dirent *e;
	struct stat st;
	int rc = 0;
	DIR *d;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
				     e->d_name) >= sizeof(sub) ||
		    test_remove_tree(sub))
			rc = -1;
	}
	closedir(d);
	return rmdir(path) ? -1 : rc;
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
