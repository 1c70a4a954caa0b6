/*
 * test_state.c - indexer/state.c: the per-file state (size, mtime, hash)
 * kept in minute documents, and reading it back from an index that
 * index_run() built.
 *
 * Each test works in a temporary directory (mkdtemp under $TMPDIR or
 * /tmp) holding a folder of minutes, copied from $STL_TEST_DATA/search
 * and corpus/, and the index; the teardown removes it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <xxhash.h>

#include "stl/schema.h"
#include "stl/xapian.h"
#include "../../indexer/indexer.h"
#include "../../indexer/scan.h"
#include "../../indexer/state.h"
#include "testutil.h"

#define FMT(buf, ...)                                                        \
	assert_true((size_t)snprintf((buf), sizeof(buf), __VA_ARGS__) <      \
		    sizeof(buf))

/* The minutes each test indexes: source (from the repository root) and
 * name in the test folder. */
static const struct {
	const char *src;
	const char *name;
} minutes[] = {
	{ "corpus/minuta-2020-06-17.txt", "minuta-2020-06-17.txt" },
	{ "corpus/minuta-2020-09-24.txt", "minuta-2020-09-24.txt" },
	{ "search/minuta-2020-10-01.txt", "sub/minuta 2020-10-01.txt" },
};
#define NMINUTES (sizeof(minutes) / sizeof(minutes[0]))

struct fixture {
	char dir[PATH_MAX];
	char root[PATH_MAX];
	char db[PATH_MAX];
	char *builtin;
};

static const char *data_dir(void)
{
	const char *d = getenv("STL_TEST_DATA");

	return d && *d ? d : "tests/data";
}

static void copy_file(const char *from, const char *to)
{
	size_t len = 0;
	char *text = test_slurp(from, &len);
	FILE *f;

	if (!text)
		fail_msg("cannot read %s (run from the repository root)", from);
	f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(text);
}

static const char *in_root(const struct fixture *fx, const char *name)
{
	static char buf[2][PATH_MAX];
	static int k;

	k ^= 1;
	FMT(buf[k], "%s/%s", fx->root, name);
	return buf[k];
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	char src[PATH_MAX], cfg[PATH_MAX], *real;
	size_t len, i;

	if (!fx)
		return -1;
	FMT(fx->dir, "%s/stl-state-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	real = realpath(fx->dir, NULL);
	assert_non_null(real);
	FMT(fx->dir, "%s", real);
	free(real);
	FMT(fx->root, "%s/minutas", fx->dir);
	FMT(fx->db, "%s/indice", fx->dir);
	/* No user's table from ~/.config: an empty config folder. */
	FMT(cfg, "%s/config", fx->dir);
	assert_int_equal(mkdir(cfg, 0755), 0);
	setenv("XDG_CONFIG_HOME", cfg, 1);
	assert_int_equal(mkdir(fx->root, 0755), 0);
	assert_int_equal(mkdir(in_root(fx, "sub"), 0755), 0);
	for (i = 0; i < NMINUTES; i++) {
		if (!strncmp(minutes[i].src, "search/", 7))
			FMT(src, "%s/%s", data_dir(), minutes[i].src);
		else
			FMT(src, "%s", minutes[i].src);
		copy_file(src, in_root(fx, minutes[i].name));
	}
	fx->builtin = test_slurp("corpus/instituciones.tsv", &len);
	assert_non_null(fx->builtin);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	test_remove_tree(fx->dir);
	free(fx->builtin);
	free(fx);
	return 0;
}

static void run_index(struct fixture *fx, struct index_summary *sum)
{
	char *roots[1] = { fx->root };
	struct index_opts o = {
		.db = fx->db,
		.roots = roots,
		.nroots = 1,
		.batch = 100,
		.builtin_institutions = fx->builtin,
	};
	char *msg = NULL;
	stl_status_t st;

	memset(sum, 0, sizeof(*sum));
	st = index_run(&o, sum, &msg);
	if (st != STL_STATUS_SUCCESS)
		fail_msg("index_run: %d %s", st, msg ? msg : "");
	free(msg);
}

static void load(const struct fixture *fx, struct state_list *list)
{
	stl_reader_t *r = NULL;
	char *msg = NULL;

	assert_int_equal(stl_reader_open(fx->db, &r, &msg), STL_STATUS_SUCCESS);
	assert_int_equal(state_load(r, list), STL_STATUS_SUCCESS);
	stl_reader_destroy(r);
	free(msg);
}

/* Size, mtime and XXH3 of the file at @path, as the indexer sees it. */
static void disk_state(const char *path, uint64_t *size, int64_t *mtime,
		       uint64_t *hash)
{
	struct stat st;
	size_t len = 0;
	char *bytes = test_slurp(path, &len);

	assert_non_null(bytes);
	assert_int_equal(stat(path, &st), 0);
	*size = (uint64_t)st.st_size;
	*mtime = scan_mtime_ns(&st);
	*hash = XXH3_64bits(bytes, len);
	assert_int_equal(len, *size);
	free(bytes);
}

static void append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* ---- the state string -------------------------------------------------------- */

static void test_format_exact(void **state)
{
	char s[STATE_STR_MAX];

	(void)state;
	state_format(s, 12, 34, 0xab);
	assert_string_equal(s, "12 34 00000000000000ab");
	state_format(s, 0, 0, 0);
	assert_string_equal(s, "0 0 0000000000000000");
}

static void test_roundtrip(void **state)
{
	static const struct {
		uint64_t size;
		int64_t mtime;
		uint64_t hash;
	} cases[] = {
		{ 0, 0, 0 },
		{ 1, 1, 1 },
		{ 4096, INT64_C(1600000000123456789), UINT64_C(0x0123456789abcdef) },
		{ UINT64_MAX, INT64_MAX, UINT64_MAX },
		{ 7, -1, UINT64_C(0xfedcba9876543210) },
		{ 5, INT64_MIN, 0 },
	};
	char s[STATE_STR_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t size = 99, hash = 99;
		int64_t mtime = 99;

		state_format(s, cases[i].size, cases[i].mtime, cases[i].hash);
		/* The longest one fits with room: nothing was cut. */
		assert_true(strlen(s) < STATE_STR_MAX - 1);
		assert_true(state_parse(s, &size, &mtime, &hash));
		assert_int_equal(size, cases[i].size);
		assert_int_equal(mtime, cases[i].mtime);
		assert_int_equal(hash, cases[i].hash);
	}
	/* The widest string: 20 + 1 + 20 + 1 + 16 bytes. */
	state_format(s, UINT64_MAX, INT64_MIN, UINT64_MAX);
	assert_int_equal(strlen(s), 58);
}

static void test_parse_rejects(void **state)
{
	uint64_t size, hash;
	int64_t mtime;

	(void)state;
	assert_false(state_parse("", &size, &mtime, &hash));
	assert_false(state_parse("12", &size, &mtime, &hash));
	assert_false(state_parse("12 34", &size, &mtime, &hash));
	assert_false(state_parse("x 34 ab", &size, &mtime, &hash));
	assert_false(state_parse("12 y ab", &size, &mtime, &hash));
	assert_false(state_parse("12 34 zz", &size, &mtime, &hash));
}

/* ---- state_load ------------------------------------------------------------------- */

static void test_load_empty_index(void **state)
{
	struct fixture *fx = *state;
	struct state_list list = { 0 };
	stl_writer_t *w = NULL;
	char *msg = NULL;

	assert_int_equal(stl_writer_open(fx->db, STL_WRITER_CREATE, &w, &msg),
			 STL_STATUS_SUCCESS);
	assert_int_equal(state_load(stl_writer_reader(w), &list),
			 STL_STATUS_SUCCESS);
	assert_int_equal(list.n, 0);
	assert_null(state_find(&list, "/x.txt"));
	state_list_release(&list);
	stl_writer_destroy(w);
}

static void test_load_after_index_run(void **state)
{
	struct fixture *fx = *state;
	struct state_list list = { 0 };
	struct index_summary sum;
	stl_reader_t *r = NULL;
	unsigned docs = 0;
	char *msg = NULL;
	size_t i;

	run_index(fx, &sum);
	assert_int_equal(sum.added, NMINUTES);
	load(fx, &list);
	/* One entry per file, though the index holds a document per
	 * agreement too. */
	assert_int_equal(list.n, NMINUTES);
	assert_int_equal(stl_reader_open(fx->db, &r, &msg), STL_STATUS_SUCCESS);
	assert_int_equal(stl_reader_doccount(r, &docs), STL_STATUS_SUCCESS);
	stl_reader_destroy(r);
	assert_true(docs > NMINUTES);

	for (i = 0; i < list.n; i++) {
		if (i)
			assert_true(strcmp(list.files[i - 1].path,
					   list.files[i].path) < 0);
		assert_false(list.files[i].seen);
	}
	for (i = 0; i < NMINUTES; i++) {
		const char *path = in_root(fx, minutes[i].name);
		struct state_file *f = state_find(&list, path);
		uint64_t size, hash;
		int64_t mtime;

		assert_non_null(f);
		assert_string_equal(f->path, path);
		disk_state(path, &size, &mtime, &hash);
		assert_int_equal(f->size, size);
		assert_int_equal(f->mtime_ns, mtime);
		assert_int_equal(f->hash, hash);
	}
	assert_null(state_find(&list, in_root(fx, "otra.txt")));
	assert_null(state_find(&list, fx->root));
	state_list_release(&list);
	assert_null(list.files);
	assert_int_equal(list.n, 0);
}

static void test_changes(void **state)
{
	struct fixture *fx = *state;
	struct state_list before = { 0 }, after = { 0 };
	char changed[PATH_MAX], touched[PATH_MAX], gone[PATH_MAX];
	struct state_file *b, *a;
	struct index_summary sum;
	struct timespec ts[2];
	uint64_t size, hash;
	int64_t mtime;

	FMT(changed, "%s", in_root(fx, minutes[1].name));
	FMT(touched, "%s", in_root(fx, minutes[0].name));
	FMT(gone, "%s", in_root(fx, minutes[2].name));
	run_index(fx, &sum);
	load(fx, &before);

	/* Bytes added: size, mtime and hash follow the file. */
	append(changed, "\nNota añadida al final.\n");
	/* Touched only: new mtime, same bytes. */
	ts[0].tv_sec = ts[1].tv_sec = 1500000000;
	ts[0].tv_nsec = ts[1].tv_nsec = 250;
	assert_int_equal(utimensat(AT_FDCWD, touched, ts, 0), 0);
	/* Deleted: its entry goes. */
	assert_int_equal(unlink(gone), 0);

	run_index(fx, &sum);
	assert_int_equal(sum.updated, 1);
	assert_int_equal(sum.removed, 1);
	assert_int_equal(sum.unchanged, 1);
	assert_int_equal(sum.added, 0);
	load(fx, &after);
	assert_int_equal(after.n, NMINUTES - 1);
	assert_null(state_find(&after, gone));

	b = state_find(&before, changed);
	a = state_find(&after, changed);
	assert_non_null(b);
	assert_non_null(a);
	disk_state(changed, &size, &mtime, &hash);
	assert_int_equal(a->size, size);
	assert_int_equal(a->size, b->size + strlen("\nNota añadida al final.\n"));
	assert_int_equal(a->mtime_ns, mtime);
	assert_int_equal(a->hash, hash);
	assert_true(a->hash != b->hash);

	b = state_find(&before, touched);
	a = state_find(&after, touched);
	assert_non_null(b);
	assert_non_null(a);
	assert_int_equal(a->size, b->size);
	assert_int_equal(a->hash, b->hash);
	/* The new mtime is stored so the next run need not read the file. */
	assert_int_equal(a->mtime_ns, INT64_C(1500000000000000250));
	assert_true(a->mtime_ns != b->mtime_ns);

	state_list_release(&before);
	state_list_release(&after);

	/* A third run finds nothing to do. */
	run_index(fx, &sum);
	assert_int_equal(sum.unchanged, NMINUTES - 1);
	assert_int_equal(sum.added + sum.updated + sum.removed, 0);
}

/* Documents written by hand: a path with no state or a garbled one is
 * loaded with state 0 (the file is then read again); a document with no
 * path is not a file's. */
static void test_load_partial_state(void **state)
{
	struct fixture *fx = *state;
	struct state_list list = { 0 };
	stl_writer_t *w = NULL;
	stl_doc_t *doc;
	struct state_file *f;
	char s[STATE_STR_MAX];
	char *msg = NULL;

	assert_int_equal(stl_writer_open(fx->db, STL_WRITER_CREATE, &w, &msg),
			 STL_STATUS_SUCCESS);
	doc = stl_doc_new();
	assert_non_null(doc);

	/* Added in an order that is not the paths'. */
	state_format(s, 10, 20, 0x30);
	assert_int_equal(stl_doc_set_value(doc, STL_SLOT_PATH, "/z/c.txt", 8), 0);
	assert_int_equal(stl_doc_set_value(doc, STL_SLOT_FILE_STATE, s,
					   strlen(s)), 0);
	assert_int_equal(stl_writer_add(w, doc, NULL), STL_STATUS_SUCCESS);

	stl_doc_clear(doc);
	assert_int_equal(stl_doc_set_value(doc, STL_SLOT_PATH, "/a/sin-estado.txt",
					   17), 0);
	assert_int_equal(stl_writer_add(w, doc, NULL), STL_STATUS_SUCCESS);

	stl_doc_clear(doc);
	assert_int_equal(stl_doc_set_value(doc, STL_SLOT_FILE_STATE, s,
					   strlen(s)), 0);
	assert_int_equal(stl_writer_add(w, doc, NULL), STL_STATUS_SUCCESS);

	stl_doc_clear(doc);
	assert_int_equal(stl_doc_set_value(doc, STL_SLOT_PATH, "/m/roto.txt",
					   11), 0);
	assert_int_equal(stl_doc_set_value(doc, STL_SLOT_FILE_STATE, "basura",
					   6), 0);
	assert_int_equal(stl_writer_add(w, doc, NULL), STL_STATUS_SUCCESS);
	stl_doc_destroy(doc);

	assert_int_equal(state_load(stl_writer_reader(w), &list),
			 STL_STATUS_SUCCESS);
	assert_int_equal(list.n, 3);
	assert_string_equal(list.files[0].path, "/a/sin-estado.txt");
	assert_string_equal(list.files[1].path, "/m/roto.txt");
	assert_string_equal(list.files[2].path, "/z/c.txt");
	f = state_find(&list, "/z/c.txt");
	assert_ptr_equal(f, &list.files[2]);
	assert_int_equal(f->size, 10);
	assert_int_equal(f->mtime_ns, 20);
	assert_int_equal(f->hash, 0x30);
	f = state_find(&list, "/a/sin-estado.txt");
	assert_non_null(f);
	assert_int_equal(f->size, 0);
	assert_int_equal(f->mtime_ns, 0);
	assert_int_equal(f->hash, 0);
	f = state_find(&list, "/m/roto.txt");
	assert_non_null(f);
	assert_int_equal(f->hash, 0);
	assert_null(state_find(&list, "/a"));
	state_list_release(&list);
	stl_writer_destroy(w);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_exact),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_parse_rejects),
		T(test_load_empty_index),
		T(test_load_after_index_run),
		T(test_changes),
		T(test_load_partial_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
