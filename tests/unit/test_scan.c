/*
 * test_scan.c - indexer/scan.c: walking the roots stlindex is given.
 *
 * Every test builds its tree in a temporary directory (mkdtemp under
 * $TMPDIR or /tmp), removed by the teardown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "../../indexer/scan.h"
#include "testutil.h"

/* snprintf that fails the test when @buf (an array) is too small. */
#define FMT(buf, ...)                                                        \
	assert_true((size_t)snprintf((buf), sizeof(buf), __VA_ARGS__) <      \
		    sizeof(buf))

/* ---- fixture: a temporary directory -------------------------------------- */

struct fixture {
	char dir[PATH_MAX];
	struct scan_list list;
	/* What the warn callback was told. */
	char warned[16][PATH_MAX];
	char reasons[16][128];
	size_t nwarn;
};

static int setup_dir(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	char *real;

	if (!fx)
		return -1;
	FMT(fx->dir, "%s/stl-scan-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	/* Paths come back as walked: make the root canonical. */
	real = realpath(fx->dir, NULL);
	if (real) {
		FMT(fx->dir, "%s", real);
		free(real);
	}
	*state = fx;
	return 0;
}

static int teardown_dir(void **state)
{
	struct fixture *fx = *state;

	scan_list_release(&fx->list);
	test_remove_tree(fx->dir);
	free(fx);
	return 0;
}

/* fx->dir + "/" + @rel, in a static buffer (one at a time). */
static const char *at(const struct fixture *fx, const char *rel)
{
	static char buf[2][PATH_MAX];
	static int k;

	k ^= 1;
	FMT(buf[k], "%s/%s", fx->dir, rel);
	return buf[k];
}

static void mkdir_at(const struct fixture *fx, const char *rel)
{
	assert_int_equal(mkdir(at(fx, rel), 0755), 0);
}

static void write_at(const struct fixture *fx, const char *rel,
		     const char *content)
{
	FILE *f = fopen(at(fx, rel), "w");

	assert_non_null(f);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
}

static void symlink_at(const struct fixture *fx, const char *target,
		       const char *rel)
{
	assert_int_equal(symlink(target, at(fx, rel)), 0);
}

static void warn_cb(void *ctx, const char *path, const char *reason)
{
	struct fixture *fx = ctx;

	assert_non_null(path);
	assert_non_null(reason);
	assert_true(*reason != '\0');
	if (fx->nwarn < 16) {
		FMT(fx->warned[fx->nwarn], "%s", path);
		FMT(fx->reasons[fx->nwarn], "%s", reason);
	}
	fx->nwarn++;
}

/* The reason given for @rel, or NULL if it was not reported. */
static const char *reason_for(const struct fixture *fx, const char *rel)
{
	const char *path = at(fx, rel);
	size_t i;

	for (i = 0; i < fx->nwarn && i < 16; i++)
		if (!strcmp(fx->warned[i], path))
			return fx->reasons[i];
	return NULL;
}

static bool listed(const struct fixture *fx, const char *rel)
{
	const char *path = at(fx, rel);
	size_t i;

	for (i = 0; i < fx->list.n; i++)
		if (!strcmp(fx->list.files[i].path, path))
			return true;
	return false;
}

static void scan_dir(struct fixture *fx)
{
	assert_int_equal(scan_root(fx->dir, &fx->list, warn_cb, fx),
			 STL_STATUS_SUCCESS);
	scan_list_finish(&fx->list);
}

/* ---- names and times ---------------------------------------------------------- */

static void test_candidate_names(void **state)
{
	(void)state;
	assert_true(scan_is_candidate_name("minuta.txt"));
	assert_true(scan_is_candidate_name("MINUTA.TXT"));
	assert_true(scan_is_candidate_name("Notas.Md"));
	assert_true(scan_is_candidate_name("a.md"));
	/* The list of días inhábiles is a setting, not a minute. */
	assert_false(scan_is_candidate_name("dias-inhabiles.txt"));
	assert_false(scan_is_candidate_name("Dias-Inhabiles.TXT"));
	assert_true(scan_is_candidate_name("minuta-dias-inhabiles.txt"));
	assert_true(scan_is_candidate_name("año 2020 reunión.txt"));
	assert_false(scan_is_candidate_name(".oculta.txt"));
	assert_true(scan_is_candidate_name("Minuta.DOCX"));
	assert_true(scan_is_candidate_name("acta.pdf"));
	assert_true(scan_is_candidate_name("vieja.doc"));
	assert_true(scan_is_candidate_name("x.odt"));
	assert_true(scan_is_candidate_name("x.rtf"));
	assert_false(scan_is_candidate_name("~$minuta.docx"));
	assert_false(scan_is_candidate_name(".~lock.minuta.docx#"));
	assert_false(scan_is_candidate_name("minuta.docx~"));
	assert_false(scan_is_candidate_name("instituciones.tsv"));
	assert_int_equal(scan_kind_of_name("tabla.xlsx"), SCAN_UNSUPPORTED);
	assert_int_equal(scan_kind_of_name("LEEME"), SCAN_UNSUPPORTED);
	assert_int_equal(scan_kind_of_name("Instituciones.TSV"), SCAN_IGNORED);
	assert_string_equal(scan_format_hint("A.PDF"), "pdf");
	assert_null(scan_format_hint("a.xlsx"));
	assert_false(scan_is_candidate_name(".txt"));
	assert_false(scan_is_candidate_name(".md"));
	assert_false(scan_is_candidate_name("txt"));
	assert_false(scan_is_candidate_name("minuta.txt~"));
	assert_false(scan_is_candidate_name("minuta.txt.bak"));
	assert_false(scan_is_candidate_name("minuta.text"));
	assert_false(scan_is_candidate_name("minuta.markdown"));
	assert_false(scan_is_candidate_name("minutatxt"));
	assert_false(scan_is_candidate_name(""));
}

static void test_mtime_ns(void **state)
{
	struct stat st;

	(void)state;
	memset(&st, 0, sizeof(st));
	st.st_mtim.tv_sec = 1600000000;
	st.st_mtim.tv_nsec = 123456789;
	assert_int_equal(scan_mtime_ns(&st), INT64_C(1600000000123456789));
	st.st_mtim.tv_sec = 0;
	st.st_mtim.tv_nsec = 1;
	assert_int_equal(scan_mtime_ns(&st), 1);
}

/* ---- walking -------------------------------------------------------------------- */

static void test_walk_candidates_sorted(void **state)
{
	struct fixture *fx = *state;
	static const char *const want[] = {
		"A.TXT", "año ñandú.md", "b.md", "con espacio.txt",
		"notas.pdf", "sub/c.doc", "sub/c.txt", "sub/deeper/d.Md",
		"zz.txt",
	};
	size_t i;

	write_at(fx, "zz.txt", "z\n");
	write_at(fx, "b.md", "bb\n");
	write_at(fx, "A.TXT", "aaa\n");
	write_at(fx, "con espacio.txt", "espacio\n");
	write_at(fx, "año ñandú.md", "acentos\n");
	write_at(fx, "notas.pdf", "no\n");
	write_at(fx, "LEEME", "no\n");
	write_at(fx, "copia.txt~", "no\n");
	write_at(fx, "tabla.XLSX", "no\n");
	write_at(fx, "otra.xlsx", "no\n");
	write_at(fx, "~$minuta.docx", "no\n");
	write_at(fx, ".~lock.minuta.docx#", "no\n");
	write_at(fx, ".oculta.txt", "no\n");
	write_at(fx, "instituciones.tsv", "no\n");
	mkdir_at(fx, ".git");
	write_at(fx, ".git/x.txt", "no\n");
	mkdir_at(fx, "sub");
	write_at(fx, "sub/c.txt", "c\n");
	write_at(fx, "sub/c.doc", "no\n");
	mkdir_at(fx, "sub/deeper");
	write_at(fx, "sub/deeper/d.Md", "dddd\n");
	mkdir_at(fx, "vacia");

	scan_dir(fx);
	assert_int_equal(fx->list.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < fx->list.n; i++) {
		struct stat st;

		assert_string_equal(fx->list.files[i].path, at(fx, want[i]));
		assert_int_equal(stat(fx->list.files[i].path, &st), 0);
		assert_int_equal(fx->list.files[i].size, (uint64_t)st.st_size);
		assert_int_equal(fx->list.files[i].mtime_ns, scan_mtime_ns(&st));
		if (i)
			assert_true(strcmp(fx->list.files[i - 1].path,
					   fx->list.files[i].path) < 0);
	}
	assert_int_equal(fx->list.files[0].size, 4);	/* "aaa\n" */
	/* Files that are not candidates are not "skipped": never opened,
	 * but counted by extension (lock files, hidden ones and tables not). */
	assert_int_equal(fx->list.skipped, 0);
	assert_int_equal(fx->list.nunsupported, 2);
	assert_string_equal(fx->list.unsupported[0].ext, "");
	assert_int_equal(fx->list.unsupported[0].count, 1);	/* LEEME */
	assert_string_equal(fx->list.unsupported[1].ext, ".xlsx");
	assert_int_equal(fx->list.unsupported[1].count, 2);
	assert_int_equal(fx->nwarn, 0);
}

static void test_empty_dir(void **state)
{
	struct fixture *fx = *state;

	scan_dir(fx);
	assert_int_equal(fx->list.n, 0);
	assert_int_equal(fx->list.skipped, 0);
	scan_list_release(&fx->list);
	assert_null(fx->list.files);
	assert_int_equal(fx->list.n, 0);
	assert_int_equal(fx->list.alloc, 0);
}

static void test_symlinks(void **state)
{
	struct fixture *fx = *state;
	const char *why;
	struct stat st;

	write_at(fx, "a.txt", "contenido de a\n");
	mkdir_at(fx, "sub");
	write_at(fx, "sub/b.txt", "b\n");
	/* A link to a file is followed; it is listed under its own name. */
	symlink_at(fx, "a.txt", "enlace.txt");
	/* A link to a folder is never entered (nor one that loops). */
	symlink_at(fx, "sub", "sub-enlace");
	symlink_at(fx, ".", "bucle");
	symlink_at(fx, "..", "sub/arriba");
	/* A link to itself, a broken link. */
	symlink_at(fx, "ciclo.txt", "ciclo.txt");
	symlink_at(fx, "no-existe.txt", "roto.txt");
	/* A link with a candidate name to a folder. */
	symlink_at(fx, "sub", "carpeta-enlace.txt");

	scan_dir(fx);
	assert_int_equal(fx->list.n, 3);
	assert_true(listed(fx, "a.txt"));
	assert_true(listed(fx, "enlace.txt"));
	assert_true(listed(fx, "sub/b.txt"));
	assert_false(listed(fx, "sub-enlace/b.txt"));
	assert_false(listed(fx, "bucle/a.txt"));
	/* The link's entry has the target's size. */
	assert_int_equal(stat(at(fx, "a.txt"), &st), 0);
	assert_int_equal(fx->list.files[1].size, (uint64_t)st.st_size);
	assert_string_equal(fx->list.files[1].path, at(fx, "enlace.txt"));

	assert_int_equal(fx->list.skipped, 3);
	assert_int_equal(fx->nwarn, 3);
	why = reason_for(fx, "ciclo.txt");
	assert_non_null(why);
	assert_non_null(strstr(why, "ciclo"));
	why = reason_for(fx, "roto.txt");
	assert_non_null(why);
	assert_non_null(strstr(why, "roto"));
	why = reason_for(fx, "carpeta-enlace.txt");
	assert_non_null(why);
	assert_non_null(strstr(why, "carpeta"));
}

static void test_not_regular_files(void **state)
{
	struct fixture *fx = *state;
	const char *why;

	write_at(fx, "ok.md", "ok\n");
	mkdir_at(fx, "carpeta.txt");
	write_at(fx, "carpeta.txt/dentro.txt", "dentro\n");
	assert_int_equal(mkfifo(at(fx, "tubo.txt"), 0600), 0);

	scan_dir(fx);
	/* A folder named x.txt is walked like any folder. */
	assert_int_equal(fx->list.n, 2);
	assert_true(listed(fx, "ok.md"));
	assert_true(listed(fx, "carpeta.txt/dentro.txt"));
	/* The FIFO is reported and skipped, never opened (the walk would
	 * block on it). */
	assert_int_equal(fx->list.skipped, 1);
	why = reason_for(fx, "tubo.txt");
	assert_non_null(why);
	assert_non_null(strstr(why, "regular"));
}

static void test_unreadable_folder(void **state)
{
	struct fixture *fx = *state;
	const char *why;

	if (geteuid() == 0)
		skip();	/* root reads anything */
	write_at(fx, "a.txt", "a\n");
	mkdir_at(fx, "cerrada");
	write_at(fx, "cerrada/b.txt", "b\n");
	mkdir_at(fx, "z");
	write_at(fx, "z/c.txt", "c\n");
	assert_int_equal(chmod(at(fx, "cerrada"), 0), 0);

	/* The walk goes on past the folder it cannot read. */
	scan_dir(fx);
	chmod(at(fx, "cerrada"), 0700);
	assert_int_equal(fx->list.n, 2);
	assert_true(listed(fx, "a.txt"));
	assert_true(listed(fx, "z/c.txt"));
	assert_int_equal(fx->list.skipped, 1);
	why = reason_for(fx, "cerrada");
	assert_non_null(why);
	assert_non_null(strstr(why, "permiso"));
}

static void test_too_deep(void **state)
{
	struct fixture *fx = *state;
	char rel[PATH_MAX] = "";
	char shallow[PATH_MAX] = "";
	int i;

	for (i = 0; i < 70; i++) {
		strcat(rel, i ? "/d" : "d");
		mkdir_at(fx, rel);
		if (i == 9) {
			FMT(shallow, "%s/diez.txt", rel);
			write_at(fx, shallow, "diez\n");
		}
	}
	strcat(rel, "/hondo.txt");
	write_at(fx, rel, "hondo\n");

	scan_dir(fx);
	assert_int_equal(fx->list.n, 1);
	assert_true(listed(fx, shallow));
	assert_int_equal(fx->list.skipped, 1);
	assert_int_equal(fx->nwarn, 1);
	assert_non_null(strstr(fx->reasons[0], "anidadas"));
}

/* ---- roots ---------------------------------------------------------------------- */

static void test_root_is_file(void **state)
{
	struct fixture *fx = *state;
	char path[PATH_MAX];

	/* A file root is what the user named: taken whatever its name. */
	write_at(fx, "minuta.pdf", "texto\n");
	FMT(path, "%s", at(fx, "minuta.pdf"));
	assert_int_equal(scan_root(path, &fx->list, warn_cb, fx),
			 STL_STATUS_SUCCESS);
	assert_int_equal(fx->list.n, 1);
	assert_string_equal(fx->list.files[0].path, path);
	assert_int_equal(fx->list.files[0].size, 6);
}

static void test_root_symlink_followed(void **state)
{
	struct fixture *fx = *state;
	char path[PATH_MAX];

	mkdir_at(fx, "real");
	write_at(fx, "real/a.txt", "a\n");
	symlink_at(fx, "real", "enlace");
	FMT(path, "%s", at(fx, "enlace"));
	assert_int_equal(scan_root(path, &fx->list, warn_cb, fx),
			 STL_STATUS_SUCCESS);
	assert_int_equal(fx->list.n, 1);
	/* Listed under the root as given, not resolved. */
	assert_string_equal(fx->list.files[0].path, at(fx, "enlace/a.txt"));
}

static void test_root_errors(void **state)
{
	struct fixture *fx = *state;
	char path[PATH_MAX];

	FMT(path, "%s", at(fx, "no-existe"));
	assert_int_equal(scan_root(path, &fx->list, warn_cb, fx),
			 STL_STATUS_NOT_FOUND);
	assert_int_equal(fx->list.n, 0);

	/* Under a file: ENOTDIR, not "not found". */
	write_at(fx, "archivo", "x\n");
	FMT(path, "%s", at(fx, "archivo/debajo"));
	assert_int_equal(scan_root(path, &fx->list, warn_cb, fx),
			 STL_STATUS_IO_ERROR);

	/* A FIFO root is reported, not an error of the run. */
	assert_int_equal(mkfifo(at(fx, "tubo"), 0600), 0);
	FMT(path, "%s", at(fx, "tubo"));
	assert_int_equal(scan_root(path, &fx->list, warn_cb, fx),
			 STL_STATUS_SUCCESS);
	assert_int_equal(fx->list.n, 0);
	assert_int_equal(fx->list.skipped, 1);
	assert_non_null(reason_for(fx, "tubo"));
}

static void test_roots_dedup(void **state)
{
	struct fixture *fx = *state;
	char path[PATH_MAX];
	size_t i;

	write_at(fx, "a.txt", "a\n");
	write_at(fx, "b.txt", "b\n");
	mkdir_at(fx, "sub");
	write_at(fx, "sub/c.txt", "c\n");

	/* The same folder twice (once with a trailing slash), a file in it
	 * and its subfolder: each file once. */
	assert_int_equal(scan_root(fx->dir, &fx->list, warn_cb, fx),
			 STL_STATUS_SUCCESS);
	FMT(path, "%s/", fx->dir);
	assert_int_equal(scan_root(path, &fx->list, warn_cb, fx),
			 STL_STATUS_SUCCESS);
	FMT(path, "%s", at(fx, "sub"));
	assert_int_equal(scan_root(path, &fx->list, warn_cb, fx),
			 STL_STATUS_SUCCESS);
	FMT(path, "%s", at(fx, "b.txt"));
	assert_int_equal(scan_root(path, &fx->list, warn_cb, fx),
			 STL_STATUS_SUCCESS);
	assert_int_equal(fx->list.n, 8);
	scan_list_finish(&fx->list);
	assert_int_equal(fx->list.n, 3);
	assert_string_equal(fx->list.files[0].path, at(fx, "a.txt"));
	assert_string_equal(fx->list.files[1].path, at(fx, "b.txt"));
	assert_string_equal(fx->list.files[2].path, at(fx, "sub/c.txt"));
	for (i = 0; i < fx->list.n; i++)
		assert_int_equal(fx->list.files[i].size, 2);
	/* Finishing again changes nothing. */
	scan_list_finish(&fx->list);
	assert_int_equal(fx->list.n, 3);
}

static void test_many_files(void **state)
{
	struct fixture *fx = *state;
	char rel[64];
	int i;

	/* More than one allocation step of the list (256). */
	for (i = 599; i >= 0; i--) {
		FMT(rel, "m%04d.txt", i);
		write_at(fx, rel, "x\n");
	}
	scan_dir(fx);
	assert_int_equal(fx->list.n, 600);
	for (i = 0; i < 600; i++) {
		FMT(rel, "m%04d.txt", i);
		assert_string_equal(fx->list.files[i].path, at(fx, rel));
	}
}

static void test_no_warn_callback(void **state)
{
	struct fixture *fx = *state;

	symlink_at(fx, "nada.txt", "roto.txt");
	write_at(fx, "a.txt", "a\n");
	/* warn may be NULL: skips are still counted. */
	assert_int_equal(scan_root(fx->dir, &fx->list, NULL, NULL),
			 STL_STATUS_SUCCESS);
	assert_int_equal(fx->list.n, 1);
	assert_int_equal(fx->list.skipped, 1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup_dir, teardown_dir)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_candidate_names),
		cmocka_unit_test(test_mtime_ns),
		T(test_walk_candidates_sorted),
		T(test_empty_dir),
		T(test_symlinks),
		T(test_not_regular_files),
		T(test_unreadable_folder),
		T(test_too_deep),
		T(test_root_is_file),
		T(test_root_symlink_followed),
		T(test_root_errors),
		T(test_roots_dedup),
		T(test_many_files),
		T(test_no_warn_callback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
