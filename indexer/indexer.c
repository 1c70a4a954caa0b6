/*
 * indexer.c - one stlindex run; see indexer.h.
 *
 * Order of work: open the index (lock), check its schema, settle the roots
 * and the institutions table, load the stored file states, scan the disk,
 * then process changed files and deletions in batches, each batch one
 * transaction. A kill at any point leaves the last committed batch; the
 * next run sees the rest as new or changed and finishes the work.
 */
#include "indexer.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "docbuild.h"
#include "progress.h"
#include "scan.h"
#include "state.h"
#include "synonyms.h"
#include "wqueue.h"
#include "stl/minute.h"
#include "stl/paths.h"
#include "stl/people.h"
#include "stl/schema.h"
#include "stl/strbuf.h"
#include "stl/text.h"
#include "stl/xapian.h"

#define INSTITUTIONS_FILE "instituciones.tsv"

struct run {
	const struct index_opts *o;
	struct index_summary *sum;
	char **errmsg;

	stl_writer_t *w;
	stl_reader_t *view;
	/* While files are processed, the writer runs on its own thread and
	 * every write goes through this queue. */
	struct wqueue *wq;
	struct stl_strbuf roots_meta;	/* the roots, as metadata */
	bool in_txn;
	unsigned in_batch;	/* files changed in the open transaction */
	bool fresh;		/* the index was empty: add, never replace */
	bool identities_stale;	/* who is who to be stored again */
	bool identities_cleared;	/* taken out with the first change */
	bool reindex_all;	/* --full, or the institutions table or the
				 * days declared inhábiles changed */

	char **roots;		/* every remembered root, sorted */
	size_t nroots;
	char **scan_roots;	/* the roots this run scans */
	size_t nscan;

	struct stl_institutions *inst;
	char *inst_tsv;
	char *closed_days;	/* stl_institutions_closed_days_text() */
	/* personas.tsv's good lines (people.h), kept in the metadata; the
	 * searcher applies them, so they never cost a reindexing. */
	struct stl_strbuf persons;
	struct docbuild *builder;

	struct state_list state;
	struct scan_list scan;
	struct state_file **gone;	/* unseen under scanned roots, by hash */
	size_t ngone;

	struct stl_strbuf bytes;	/* the file being read */
	struct stl_strbuf text;		/* its decoded text */
	struct stl_stext st;		/* its structured text */
	struct extclient ext;		/* stlextract, for the other formats */
	bool ext_ready;			/* extclient_init() done */
	stl_status_t ext_found;		/* what it said */
	bool no_model_told;		/* the missing OCR model was reported */
	bool ocr_line;			/* an OCR progress line is on stderr */
	const char *ocr_path;		/* the file stlextract is reading */
	bool ocr_warned;		/* OCR left out a page of this file */
	struct progress progress;
};

/* ---- messages ------------------------------------------------------------ */

const char *index_plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void warn_file(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A file name may hold a newline or an ESC: show those escaped, so a
 * message stays one line and never drives the terminal. Malloc'ed; NULL
 * if out of memory.
 */
static char *shown_path(const char *path)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++) {
		if (*p == '\n')
			stl_strbuf_addstr(&sb, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			stl_strbuf_addf(&sb, "\\x%02x", *p);
		else
			stl_strbuf_addch(&sb, *p);
	}
	return stl_strbuf_detach(&sb, NULL);
}

static void warn_file(const char *path, const char *fmt, ...)
{
	va_list ap;

	char *shown = shown_path(path);

	fprintf(stderr, "stlindex: '%s': ", shown ? shown : path);
	free(shown);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void scan_warn(void *ctx, const char *path, const char *reason)
{
	struct run *r = ctx;

	progress_finish(&r->progress);
	warn_file(path, "se omite: %s", reason);
}

static stl_status_t fail(struct run *r, stl_status_t status,
			 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static stl_status_t fail(struct run *r, stl_status_t status,
			 const char *fmt, ...)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	va_list ap;

	if (*r->errmsg)
		return status;
	va_start(ap, fmt);
	stl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	*r->errmsg = stl_strbuf_detach(&sb, NULL);
	return status;
}

/* Stop the writer thread; its first failure, if any, becomes the run's. */
static stl_status_t stop_writer_thread(struct run *r, stl_status_t status)
{
	char *msg = NULL;
	stl_status_t st = wqueue_finish(r->wq, &msg);

	r->wq = NULL;
	if (st != STL_STATUS_SUCCESS)
		status = fail(r, st, "%s", msg ? msg : stl_status_to_string(st));
	free(msg);
	return status;
}

/* A write failed: the writer thread's message becomes the run's. */
static stl_status_t writer_fail(struct run *r, stl_status_t status)
{
	status = stop_writer_thread(r, status);
	return fail(r, status, "%s", stl_status_to_string(status));
}

/* ---- string lists ---------------------------------------------------------- */

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strv_free(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

static bool strv_has(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

static stl_status_t strv_add(char ***v, size_t *n, const char *s)
{
	char **nv;

	if (strv_has(*v, *n, s))
		return STL_STATUS_SUCCESS;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return STL_STATUS_OUT_OF_MEMORY;
	*v = nv;
	nv[*n] = strdup(s);
	if (!nv[*n])
		return STL_STATUS_OUT_OF_MEMORY;
	(*n)++;
	return STL_STATUS_SUCCESS;
}

/* True if @path is @root or lies under it. */
static bool path_under(const char *path, const char *root)
{
	size_t len = strlen(root);

	if (strncmp(path, root, len))
		return false;
	return !path[len] || path[len] == '/' || (len && root[len - 1] == '/');
}

/* ---- opening the index ------------------------------------------------------ */

static stl_status_t open_writer(struct run *r, unsigned flags)
{
	char *msg = NULL;
	stl_status_t ret;

	ret = stl_writer_open(r->o->db, flags, &r->w, &msg);
	if (ret != STL_STATUS_SUCCESS) {
		fail(r, ret, "%s", msg ? msg : stl_status_to_string(ret));
		free(msg);
		return ret;
	}
	r->view = stl_writer_reader(r->w);
	return STL_STATUS_SUCCESS;
}

/* The remembered roots, before anything else could overwrite them. */
static stl_status_t load_roots(struct run *r)
{
	char *value = NULL, *line, *save = NULL;
	stl_status_t ret;

	ret = stl_reader_get_metadata(r->view, STL_META_ROOTS, &value, NULL);
	if (ret == STL_STATUS_NOT_FOUND)
		return STL_STATUS_SUCCESS;
	if (ret != STL_STATUS_SUCCESS)
		return fail(r, ret, "%s", stl_reader_last_error(r->view));
	for (line = strtok_r(value, "\n", &save); line && !ret;
	     line = strtok_r(NULL, "\n", &save))
		ret = strv_add(&r->roots, &r->nroots, line);
	free(value);
	return ret;
}

/*
 * An index written by an older schema is rebuilt from its remembered
 * roots; one written by a newer stlsearch is refused. Never mixed.
 */
static stl_status_t check_schema(struct run *r)
{
	long version = 0;
	stl_status_t ret;

	ret = stl_schema_version(r->view, &version);
	if (ret != STL_STATUS_SUCCESS)
		return fail(r, ret, "%s", stl_reader_last_error(r->view));
	if (version > STL_SCHEMA_VERSION)
		return fail(r, STL_STATUS_DATABASE_VERSION,
			    "el índice '%s' fue creado por una versión más nueva de stlsearch (esquema %ld; esta versión usa el %d): actualice stlsearch o use otro --db",
			    r->o->db, version, STL_SCHEMA_VERSION);
	if (version == STL_SCHEMA_VERSION)
		return STL_STATUS_SUCCESS;
	fprintf(stderr,
		"stlindex: el índice '%s' tiene el esquema %ld; se reconstruye con el esquema %d\n",
		r->o->db, version, STL_SCHEMA_VERSION);
	/* Start from an empty index: nothing old can survive in it. */
	ret = load_roots(r);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	stl_writer_destroy(r->w);
	r->w = NULL;
	r->reindex_all = true;
	return open_writer(r, STL_WRITER_CREATE | STL_WRITER_OVERWRITE);
}

/* ---- roots and the institutions table ---------------------------------------- */

static stl_status_t nothing_to_index(struct run *r)
{
	return fail(r, STL_STATUS_INVALID_ARGUMENT,
		    "no hay nada que indexar en '%s': indique una carpeta o archivo (stlindex RUTA)",
		    r->o->db);
}

/*
 * The roots named on the command line must exist and have a name that
 * can be remembered, before the index is created: a run that can index
 * nothing leaves no index behind.
 */
static stl_status_t check_named_roots(struct run *r)
{
	struct stat st;
	size_t i;

	for (i = 0; i < r->o->nroots; i++) {
		if (stat(r->o->roots[i], &st) < 0)
			return fail(r, STL_STATUS_NOT_FOUND,
				    "no se puede indexar la ruta '%s': %s",
				    r->o->roots[i], stl_errno_text(errno));
		/* The roots are remembered one a line (STL_META_ROOTS): a
		 * newline would split one into two bogus roots, and the next
		 * run would drop its minutes as vanished. */
		if (strchr(r->o->roots[i], '\n')) {
			char *shown = shown_path(r->o->roots[i]);

			fail(r, STL_STATUS_INVALID_ARGUMENT,
			     "la ruta '%s' tiene un salto de línea en el nombre: no se puede indexar como raíz; indique la carpeta que la contiene",
			     shown ? shown : "");
			free(shown);
			return STL_STATUS_INVALID_ARGUMENT;
		}
	}
	/* Without roots only an index that remembers some has work. */
	if (!r->o->nroots && access(r->o->db, F_OK) < 0 && errno == ENOENT)
		return nothing_to_index(r);
	return STL_STATUS_SUCCESS;
}

static stl_status_t settle_roots(struct run *r)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	if (!r->nroots && (ret = load_roots(r)))
		return ret;
	for (i = 0; i < r->o->nroots && !ret; i++) {
		ret = strv_add(&r->roots, &r->nroots, r->o->roots[i]);
		if (!ret)
			ret = strv_add(&r->scan_roots, &r->nscan,
				       r->o->roots[i]);
	}
	for (i = 0; i < r->nroots && !r->o->nroots && !ret; i++)
		ret = strv_add(&r->scan_roots, &r->nscan, r->roots[i]);
	if (ret)
		return fail(r, ret, "memoria insuficiente");
	if (!r->nscan)
		return nothing_to_index(r);
	qsort(r->roots, r->nroots, sizeof(*r->roots), str_cmp);
	return STL_STATUS_SUCCESS;
}

/* Remembered roots that vanished are forgotten (their minutes go too). */
static void drop_vanished_roots(struct run *r)
{
	size_t i, out = 0;

	for (i = 0; i < r->nroots; i++) {
		if (access(r->roots[i], F_OK) < 0 && errno == ENOENT) {
			fprintf(stderr,
				"stlindex: la ruta '%s' ya no existe; se quitan del índice sus minutas\n",
				r->roots[i]);
			free(r->roots[i]);
			continue;
		}
		r->roots[out++] = r->roots[i];
	}
	r->nroots = out;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static stl_status_t read_small_file(const char *path, struct stl_strbuf *out)
{
	char buf[8192];
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? STL_STATUS_NOT_FOUND
				       : STL_STATUS_IO_ERROR;
	while ((n = read(fd, buf, sizeof(buf))) > 0 && out->len < (1u << 20))
		stl_strbuf_add(out, buf, (size_t)n);
	err = errno;
	close(fd);
	if (n < 0) {
		errno = err;	/* the caller reports read()'s errno */
		return STL_STATUS_IO_ERROR;
	}
	return stl_strbuf_failed(out) ? STL_STATUS_OUT_OF_MEMORY
				      : STL_STATUS_SUCCESS;
}

/*
 * A user's file read into @sb: SUCCESS, NOT_FOUND when there is none or it
 * cannot be read (said in a warning naming @what), or OUT_OF_MEMORY.
 */
static stl_status_t read_user_file(const char *path, const char *what,
				   struct stl_strbuf *sb)
{
	stl_status_t ret = read_small_file(path, sb);

	if (ret == STL_STATUS_IO_ERROR) {
		warn_file(path, "no se puede leer %s: %s", what,
			  stl_errno_text(errno));
		ret = STL_STATUS_NOT_FOUND;
	}
	return ret;
}

typedef stl_status_t (*user_file_fn)(struct run *r, const char *path);

/*
 * @fn for the file @name at the top of each root folder (a root that is a
 * file has none: its folder was not named, and may be anyone's, like
 * /tmp), then in the user's folder ($XDG_CONFIG_HOME or ~/.config).
 */
static stl_status_t for_each_user_file(struct run *r, const char *name,
				       user_file_fn fn)
{
	const char *cfg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	stl_status_t ret = STL_STATUS_SUCCESS;
	char *path;
	size_t i;

	for (i = 0; i < r->nroots && !ret; i++) {
		if (!is_dir(r->roots[i]))
			continue;
		path = stl_strdup_printf("%s/%s", r->roots[i], name);
		ret = path ? fn(r, path) : STL_STATUS_OUT_OF_MEMORY;
		free(path);
	}
	if (ret || !((cfg && *cfg == '/') || home))
		return ret;
	path = cfg && *cfg == '/'
		       ? stl_strdup_printf("%s/stlsearch/%s", cfg, name)
		       : stl_strdup_printf("%s/.config/stlsearch/%s", home, name);
	ret = path ? fn(r, path) : STL_STATUS_OUT_OF_MEMORY;
	free(path);
	return ret;
}

static stl_status_t add_table_file(struct run *r, const char *path)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	char *msg = NULL;
	stl_status_t ret;

	ret = read_user_file(path, "la tabla de instituciones", &sb);
	if (ret == STL_STATUS_NOT_FOUND) {
		ret = STL_STATUS_SUCCESS;
		goto out;
	}
	if (ret != STL_STATUS_SUCCESS)
		goto out;
	ret = stl_institutions_add_tsv(r->inst, path, sb.buf, sb.len, &msg);
	if (ret == STL_STATUS_INVALID_ARGUMENT) {
		/* A bad line in a user's table must not stop indexing. */
		fprintf(stderr, "stlindex: %s\n", msg ? msg : path);
		ret = STL_STATUS_SUCCESS;
	}
out:
	free(msg);
	stl_strbuf_release(&sb);
	return ret;
}

/*
 * The table: the shipped one, then the users' instituciones.tsv
 * (for_each_user_file()). Later entries amend earlier ones. If it differs
 * from the table the index was built with, every minute is indexed again.
 */
static stl_status_t load_institutions(struct run *r)
{
	const char *builtin = r->o->builtin_institutions;
	char *stored = NULL, *msg = NULL;
	stl_status_t ret = STL_STATUS_SUCCESS;

	r->inst = stl_institutions_new();
	if (!r->inst)
		return fail(r, STL_STATUS_OUT_OF_MEMORY, "memoria insuficiente");
	if (builtin)
		ret = stl_institutions_add_tsv(r->inst, "tabla incluida",
					       builtin, strlen(builtin), &msg);
	free(msg);
	if (!ret)
		ret = for_each_user_file(r, INSTITUTIONS_FILE, add_table_file);
	if (ret)
		return fail(r, ret, "no se pudo cargar la tabla de instituciones");
	r->inst_tsv = stl_institutions_to_tsv(r->inst);
	r->builder = docbuild_new(r->inst);
	if (!r->inst_tsv || !r->builder)
		return fail(r, STL_STATUS_OUT_OF_MEMORY, "memoria insuficiente");

	ret = stl_reader_get_metadata(r->view, STL_META_INSTITUTIONS, &stored,
				      NULL);
	if (ret == STL_STATUS_SUCCESS && strcmp(stored, r->inst_tsv) &&
	    !r->fresh && !r->reindex_all) {
		fprintf(stderr,
			"stlindex: la tabla de instituciones cambió; se indexan de nuevo todas las minutas\n");
		r->reindex_all = true;
	}
	free(stored);
	if (ret == STL_STATUS_NOT_FOUND)
		ret = STL_STATUS_SUCCESS;
	return ret ? fail(r, ret, "%s", stl_reader_last_error(r->view)) : ret;
}

/* One dias-inhabiles.txt into the table's list; a bad line is a warning. */
static stl_status_t add_days_file(struct run *r, const char *path)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	char *msg = NULL, *line, *save = NULL;
	stl_status_t ret;

	ret = read_user_file(path, "la lista de días inhábiles", &sb);
	if (ret == STL_STATUS_NOT_FOUND) {
		ret = STL_STATUS_SUCCESS;
		goto out;
	}
	if (ret != STL_STATUS_SUCCESS)
		goto out;
	ret = stl_institutions_add_closed_days(r->inst, path, sb.buf, sb.len,
					       &msg);
	if (ret == STL_STATUS_INVALID_ARGUMENT) {
		for (line = strtok_r(msg, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			fprintf(stderr, "stlindex: %s\n", line);
		ret = STL_STATUS_SUCCESS;
	}
out:
	free(msg);
	stl_strbuf_release(&sb);
	return ret;
}

/*
 * The days declared inhábiles: the users' dias-inhabiles.txt, read where
 * instituciones.tsv is (for_each_user_file()); every list adds its days.
 * If they differ from the ones the index was built with, every minute is
 * indexed again, its deadlines counted anew.
 */
static stl_status_t load_closed_days(struct run *r)
{
	stl_status_t ret;
	char *stored = NULL;

	ret = for_each_user_file(r, SCAN_CLOSED_DAYS_FILE, add_days_file);
	if (!ret) {
		r->closed_days = stl_institutions_closed_days_text(r->inst);
		ret = r->closed_days ? ret : STL_STATUS_OUT_OF_MEMORY;
	}
	if (ret)
		return fail(r, ret, "memoria insuficiente");
	ret = stl_reader_get_metadata(r->view, STL_META_CLOSED_DAYS, &stored,
				      NULL);
	if (ret == STL_STATUS_NOT_FOUND)
		ret = STL_STATUS_SUCCESS;
	if (!ret && strcmp(stored ? stored : "", r->closed_days) && !r->fresh &&
	    !r->reindex_all) {
		fprintf(stderr,
			"stlindex: la lista de días inhábiles cambió; se indexan de nuevo todas las minutas\n");
		r->reindex_all = true;
	}
	free(stored);
	return ret ? fail(r, ret, "%s", stl_reader_last_error(r->view)) : ret;
}

/* One personas.tsv: its good lines kept, a bad one is a warning. */
static stl_status_t add_persons_file(struct run *r, const char *path)
{
	struct stl_strbuf sb = STL_STRBUF_INIT, bad = STL_STRBUF_INIT;
	struct people_dir d;
	char *line, *save = NULL;
	stl_status_t ret;

	ret = read_user_file(path, "la lista de personas", &sb);
	if (ret == STL_STATUS_NOT_FOUND) {
		ret = STL_STATUS_SUCCESS;
		goto out;
	}
	if (!ret)
		ret = people_dir_init(&d);
	if (ret)
		goto out;
	ret = people_add_tsv(&d, path, sb.buf, sb.len, &r->persons, &bad);
	people_dir_release(&d);
	for (line = strtok_r(bad.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, "stlindex: %s\n", line);
out:
	stl_strbuf_release(&sb);
	stl_strbuf_release(&bad);
	return ret;
}

/*
 * Who is who: the users' personas.tsv, read where instituciones.tsv is
 * (for_each_user_file()); every file adds its lines.
 */
static stl_status_t load_persons(struct run *r)
{
	stl_status_t ret;

	ret = for_each_user_file(r, PEOPLE_TSV_FILE, add_persons_file);
	if (!ret && stl_strbuf_failed(&r->persons))
		ret = STL_STATUS_OUT_OF_MEMORY;
	return ret ? fail(r, ret, "memoria insuficiente") : ret;
}

/* ---- transactions ------------------------------------------------------------ */

static stl_status_t ensure_txn(struct run *r)
{
	stl_status_t ret;

	if (r->in_txn)
		return STL_STATUS_SUCCESS;
	ret = wqueue_begin(r->wq);
	if (ret != STL_STATUS_SUCCESS)
		return writer_fail(r, ret);
	r->in_txn = true;
	return STL_STATUS_SUCCESS;
}

static stl_status_t clear_identities(stl_writer_t *w, void *ctx)
{
	(void)ctx;
	return stl_writer_set_metadata(w, STL_META_IDENTITIES, "", 0);
}

/*
 * A transaction that changes documents, with who is who taken out in the
 * first one: a run killed before its end leaves no identities that its
 * changes made wrong (the searcher then works them out itself, and the
 * next run stores them again).
 */
static stl_status_t ensure_doc_txn(struct run *r)
{
	stl_status_t ret = ensure_txn(r);

	if (ret || r->identities_cleared)
		return ret;
	ret = wqueue_call(r->wq, clear_identities, NULL);
	if (ret)
		return writer_fail(r, ret);
	r->identities_cleared = true;
	return STL_STATUS_SUCCESS;
}

static stl_status_t commit_batch(struct run *r)
{
	struct docbuild_words *words;
	stl_status_t ret;

	if (!r->in_txn)
		return STL_STATUS_SUCCESS;
	words = docbuild_take_words(r->builder);
	ret = words ? wqueue_commit(r->wq, words) : STL_STATUS_OUT_OF_MEMORY;
	if (ret != STL_STATUS_SUCCESS)
		return writer_fail(r, ret);
	r->in_txn = false;
	r->in_batch = 0;
	return STL_STATUS_SUCCESS;
}

/* Count one file's change; commit when the batch is full. */
static stl_status_t batch_done(struct run *r)
{
	if (++r->in_batch < r->o->batch)
		return STL_STATUS_SUCCESS;
	return commit_batch(r);
}

static stl_status_t delete_file_docs(struct run *r, const char *path)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t ret;

	stl_schema_file_term(path, term);
	ret = ensure_doc_txn(r);
	if (ret == STL_STATUS_SUCCESS)
		ret = wqueue_delete(r->wq, term);
	return ret == STL_STATUS_SUCCESS ? ret : writer_fail(r, ret);
}

/*
 * A changed file's new documents take over its old ones' ids: Xapian then
 * rewrites only the postings and positions that differ, where deleting
 * and adding rewrote every one.
 */
static stl_status_t replace_file_docs(struct run *r, const char *path)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t ret;

	stl_schema_file_term(path, term);
	ret = ensure_doc_txn(r);
	if (ret == STL_STATUS_SUCCESS)
		ret = wqueue_replace(r->wq, term);
	return ret == STL_STATUS_SUCCESS ? ret : writer_fail(r, ret);
}

/* ---- one file ------------------------------------------------------------------ */

struct touch {
	stl_docid_t docid;
	char state[STATE_STR_MAX];
};

static stl_status_t write_touch(stl_writer_t *w, void *ctx)
{
	struct touch *t = ctx;
	stl_status_t ret;

	ret = stl_writer_set_value(w, t->docid, STL_SLOT_FILE_STATE, t->state,
				   strlen(t->state));
	free(t);
	return ret;
}

/*
 * A file touched but not changed keeps its documents: only its minute's
 * stored state takes the new mtime, so that the next run need not read
 * it again, and nothing is extracted or parsed again.
 */
static stl_status_t touch_file(struct run *r, const struct state_file *known,
			       const char *state)
{
	struct touch *t = malloc(sizeof(*t));
	stl_status_t ret;

	if (!t)
		return fail(r, STL_STATUS_OUT_OF_MEMORY, "memoria insuficiente");
	t->docid = known->docid;
	snprintf(t->state, sizeof(t->state), "%s", state);
	ret = ensure_txn(r);
	if (ret == STL_STATUS_SUCCESS)
		ret = wqueue_call(r->wq, write_touch, t);
	else
		free(t);
	return ret == STL_STATUS_SUCCESS ? ret : writer_fail(r, ret);
}

enum outcome { OUT_ADDED, OUT_UPDATED, OUT_UNCHANGED, OUT_SKIPPED };

/*
 * Read the whole file into r->bytes. A file can be swapped for a FIFO or
 * vanish between scan and read: open without blocking, check it is still
 * a regular file, and report instead of failing the run.
 */
static const char *read_file(struct run *r, const char *path,
			     struct stat *st)
{
	char buf[65536];
	const char *why = NULL;
	ssize_t n;
	int fd;

	stl_strbuf_reset(&r->bytes);
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? "desapareció antes de leerlo"
				       : stl_errno_text(errno);
	if (fstat(fd, st) < 0) {
		why = stl_errno_text(errno);
		goto out;
	}
	if (!S_ISREG(st->st_mode)) {
		why = "no es un archivo regular";
		goto out;
	}
	if ((uint64_t)st->st_size > INDEX_MAX_FILE_SIZE) {
		why = "demasiado grande para ser una minuta (más de 16 MiB)";
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		stl_strbuf_add(&r->bytes, buf, (size_t)n);
		if (r->bytes.len > INDEX_MAX_FILE_SIZE) {
			why = "demasiado grande para ser una minuta (más de 16 MiB)";
			goto out;
		}
	}
	if (n < 0)
		why = stl_errno_text(errno);
	else if (stl_strbuf_failed(&r->bytes))
		why = "memoria insuficiente";
out:
	close(fd);
	return why;
}

static bool blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
			return false;
	return true;
}

static stl_status_t emit_doc(void *ctx, stl_doc_t *doc)
{
	struct run *r = ctx;
	stl_doc_t *mine = docbuild_take_doc(r->builder);
	stl_status_t ret;

	(void)doc;
	ret = mine ? wqueue_add(r->wq, mine) : STL_STATUS_OUT_OF_MEMORY;
	return ret == STL_STATUS_SUCCESS ? ret : writer_fail(r, ret);
}

/* "a", "a y b", "a, b y c" (or with @last " ni "): item @i of @n. */
static void add_listed(struct stl_strbuf *sb, size_t i, size_t n,
		       const char *last, const char *item)
{
	if (i)
		stl_strbuf_addstr(sb, i + 1 == n ? last : ", ");
	stl_strbuf_addstr(sb, item);
}

/* "no se encontró la fecha ni la lista de asistentes" */
static void add_missing(struct stl_strbuf *sb, unsigned missing)
{
	static const struct {
		unsigned bit;
		const char *name;
		bool plural;
	} parts[] = {
		{ STL_MISSING_DATE, "la fecha", false },
		{ STL_MISSING_ATTENDEES, "la lista de asistentes", false },
		{ STL_MISSING_AGREEMENTS, "los acuerdos", true },
	};
	size_t k, i = 0, n = 0;
	bool plural = false;

	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		if (missing & parts[k].bit) {
			n++;
			plural |= parts[k].plural;
		}
	}
	stl_strbuf_addstr(sb, plural ? "no se encontraron " : "no se encontró ");
	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
		if (missing & parts[k].bit)
			add_listed(sb, i++, n, " ni ", parts[k].name);
}

/* "se indexaron el texto completo, la fecha y 3 acuerdos" */
static void add_indexed(struct stl_strbuf *sb, const struct stl_minute *m)
{
	char people[48], agreements[48];
	const char *items[4];
	size_t i, n = 0;

	items[n++] = "el texto completo";
	if (m->date[0])
		items[n++] = "la fecha";
	snprintf(people, sizeof(people), "%zu %s", m->nattendees,
		 index_plural((unsigned)m->nattendees, "asistente", "asistentes"));
	if (m->nattendees)
		items[n++] = people;
	snprintf(agreements, sizeof(agreements), "%zu %s", m->nagreements,
		 index_plural((unsigned)m->nagreements, "acuerdo", "acuerdos"));
	if (m->nagreements)
		items[n++] = agreements;
	stl_strbuf_addstr(sb, n > 1 ? "se indexaron " : "se indexó ");
	for (i = 0; i < n; i++)
		add_listed(sb, i, n, " y ", items[i]);
}

/*
 * A minute without a required section (STL_MISSING_REQUIRED) is indexed
 * with what was found: say what is missing and what was indexed.
 */
static void warn_missing(struct run *r, const char *path,
			 const struct stl_minute *m)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	add_missing(&sb, m->missing & STL_MISSING_REQUIRED);
	stl_strbuf_addstr(&sb, "; ");
	add_indexed(&sb, m);
	progress_finish(&r->progress);
	warn_file(path, "aviso: %s",
		  stl_strbuf_failed(&sb) ? "falta parte de la estructura"
					 : sb.buf);
	stl_strbuf_release(&sb);
	r->sum->warnings++;
}

static void count_format(struct run *r, const char *format)
{
	struct index_summary *s = r->sum;
	size_t i;

	for (i = 0; i < s->nformats; i++)
		if (!strcmp(s->formats[i].name, format))
			break;
	if (i == s->nformats) {
		if (i == sizeof(s->formats) / sizeof(s->formats[0]))
			return;
		snprintf(s->formats[i].name, sizeof(s->formats[i].name), "%s",
			 format);
		s->nformats++;
	}
	s->formats[i].count++;
}

/* .txt and .md: decoded into r->text, which stl_minute_parse() reads
 * (it makes the one-paragraph-a-line structure itself). */
static stl_status_t decode_text(struct run *r, const char *path,
				const char **why)
{
	stl_encoding_t enc;
	stl_status_t ret;

	stl_strbuf_reset(&r->text);
	ret = stl_text_decode(r->bytes.buf, r->bytes.len, &r->text, &enc);
	if (ret == STL_STATUS_BINARY_INPUT) {
		*why = "no es texto (binario)";
		return STL_STATUS_SUCCESS;
	}
	if (ret != STL_STATUS_SUCCESS)
		return fail(r, ret, "memoria insuficiente al leer '%s'", path);
	return ret;
}

static const char *base_name(const char *path);

/* ---- the OCR cache ------------------------------------------------------------ */

/*
 * OCR is slow, so its answers are kept by content: the structured text
 * of a file read by OCR is stored in $XDG_CACHE_HOME/stlsearch/ocr/ (or
 * ~/.cache/...) under the 128-bit hash of the file's bytes, as its format
 * on the first line and the stext line format after it. A --full run, a
 * moved or copied scan, a rebuilt index read it instead of the image.
 * Written atomically (a temporary file renamed); a file that does not
 * read back is ignored (and overwritten by the next OCR).
 */
static bool ocr_candidate(const char *hint)
{
	return !strcmp(hint, "pdf") || !strcmp(hint, "png") ||
	       !strcmp(hint, "jpg") || !strcmp(hint, "tiff");
}

/* The cache folder, malloc'ed, or NULL when there is no home. */
static char *ocr_cache_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct stl_strbuf sb = STL_STRBUF_INIT;

	if (x && *x == '/')
		stl_strbuf_addf(&sb, "%s/stlsearch/ocr", x);
	else if (home && *home)
		stl_strbuf_addf(&sb, "%s/.cache/stlsearch/ocr", home);
	else
		return NULL;
	return stl_strbuf_detach(&sb, NULL);
}

static char *ocr_cache_path(struct run *r)
{
	XXH128_hash_t h = XXH3_128bits(r->bytes.buf, r->bytes.len);
	char *dir = ocr_cache_dir(), *p;
	struct stl_strbuf sb = STL_STRBUF_INIT;

	if (!dir)
		return NULL;
	stl_strbuf_addf(&sb, "%s/%016llx%016llx", dir,
			(unsigned long long)h.high64, (unsigned long long)h.low64);
	free(dir);
	p = stl_strbuf_detach(&sb, NULL);
	return p;
}

/* The cached answer for r->bytes into r->st: true when there was one. */
static bool ocr_cache_get(struct run *r, const char **format)
{
	char *path = ocr_cache_path(r), *nl;
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const char *name;
	bool ok = false;
	FILE *f;
	char chunk[8192];
	size_t n;

	if (!path)
		return false;
	f = fopen(path, "rb");
	free(path);
	if (!f)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		stl_strbuf_add(&sb, chunk, n);
	fclose(f);
	nl = sb.len ? memchr(sb.buf, '\n', sb.len) : NULL;
	if (nl && !stl_strbuf_failed(&sb)) {
		*nl = '\0';
		name = stl_format_name(stl_format_parse(sb.buf));
		stl_stext_release(&r->st);
		if (name && !stl_stext_read(&r->st, nl + 1,
					    sb.len - (size_t)(nl + 1 - sb.buf)) &&
		    r->st.ocr_confidence >= 0 && !r->st.failed) {
			*format = name;
			ok = true;
		} else {
			stl_stext_release(&r->st);
		}
	}
	stl_strbuf_release(&sb);
	return ok;
}

/* Keep r->st, read by OCR, for these bytes; failures only cost time. */
static void ocr_cache_put(struct run *r, const char *format)
{
	char *path = ocr_cache_path(r), *dir = ocr_cache_dir();
	struct stl_strbuf sb = STL_STRBUF_INIT, tmp = STL_STRBUF_INIT;
	int fd;

	if (!path || !dir || stl_mkdir_p(dir) != STL_STATUS_SUCCESS)
		goto out;
	stl_strbuf_addf(&sb, "%s\n", format);
	stl_stext_write(&r->st, &sb);
	stl_strbuf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
	if (stl_strbuf_failed(&sb) || stl_strbuf_failed(&tmp))
		goto out;
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	if (write(fd, sb.buf, sb.len) != (ssize_t)sb.len || close(fd) < 0 ||
	    rename(tmp.buf, path) < 0)
		unlink(tmp.buf);
out:
	stl_strbuf_release(&sb);
	stl_strbuf_release(&tmp);
	free(path);
	free(dir);
}

/* stlextract's OCR pages, on a terminal: "OCR de 'acta.pdf': 2/5 páginas". */
static void ocr_progress(void *ctx, unsigned done, unsigned total)
{
	struct run *r = ctx;
	char *shown;

	if (!r->o->progress || !total)
		return;
	progress_finish(&r->progress);
	shown = shown_path(r->ocr_path ? base_name(r->ocr_path) : "");
	fprintf(stderr, "\r\033[Kstlindex: OCR de '%.60s': %u/%u %s",
		shown ? shown : "", done, total,
		index_plural(total, "página", "páginas"));
	free(shown);
	fflush(stderr);
	r->ocr_line = true;
}

static void ocr_progress_end(struct run *r)
{
	if (r->ocr_line)
		fputs("\r\033[K", stderr);
	r->ocr_line = false;
}

/* The other formats: stlextract's answer, or *@why it gave none. */
static stl_status_t extracted_stext(struct run *r, const char *path,
				    const char *hint, const char **format,
				    const char **why)
{
	bool ocr = ocr_candidate(hint) && !r->o->limits.no_ocr;
	const char *w, *nl;
	stl_status_t ret;

	if (ocr && ocr_cache_get(r, format)) {
		*why = NULL;
		return STL_STATUS_SUCCESS;
	}
	if (!r->ext_ready) {
		r->ext_found = extclient_init(&r->ext, &r->o->limits);
		r->ext.on_progress = ocr_progress;
		r->ext.ctx = r;
		r->ext_ready = true;
	}
	if (r->ext_found == STL_STATUS_OUT_OF_MEMORY)
		return fail(r, STL_STATUS_OUT_OF_MEMORY, "memoria insuficiente");
	if (r->ext_found != STL_STATUS_SUCCESS) {
		*why = "no se encontró el lector de formatos stlextract "
		       "(instale stlsearch completo)";
		return STL_STATUS_SUCCESS;
	}
	r->ocr_path = path;
	ret = extclient_extract(&r->ext, hint, r->bytes.buf, r->bytes.len,
				&r->st, format, why);
	r->ocr_path = NULL;
	ocr_progress_end(r);
	for (w = r->ext.warnings.buf; w && r->ext.warnings.len && *w; w = nl + 1) {
		nl = strchr(w, '\n');
		if (!nl)
			break;
		progress_finish(&r->progress);
		warn_file(path, "aviso: %.*s", (int)(nl - w), w);
		r->ocr_warned = true;
	}
	if (ret == STL_STATUS_OUT_OF_MEMORY && !**why)
		return fail(r, ret, "memoria insuficiente al leer '%s'", path);
	if (ret != STL_STATUS_SUCCESS && !**why)
		*why = "no se pudo leer el documento";
	if (ret == STL_STATUS_SUCCESS) {
		*why = NULL;
		/* A page left out (over its limit) is not kept: a run with
		 * a larger limit reads it again. */
		if (r->st.ocr_confidence >= 0 && ocr && !r->ext.warnings.len)
			ocr_cache_put(r, *format);
	}
	return STL_STATUS_SUCCESS;
}

/* The base name of @path. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Read, parse and write the documents of the bytes in r->bytes. */
static stl_status_t index_bytes(struct run *r, const char *path,
				const char *state, bool replace, bool warn,
				enum outcome *out)
{
	const char *hint = scan_format_hint(base_name(path));
	const char *format, *why = NULL;
	struct stl_minute *m = NULL;
	stl_status_t ret;
	bool typed;

	*out = OUT_SKIPPED;
	if (!hint)
		hint = "txt";	/* a root named by the user */
	format = hint;
	typed = !strcmp(hint, "txt") || !strcmp(hint, "md");
	r->ocr_warned = false;
	stl_stext_release(&r->st);
	if (typed)
		ret = decode_text(r, path, &why);
	else
		ret = extracted_stext(r, path, hint, &format, &why);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	if (!why && typed && blank(r->text.buf, r->text.len))
		why = "archivo vacío";
	else if (!why && !typed && blank(r->st.text.buf, r->st.text.len))
		why = "el documento no tiene texto";
	if (why && !strcmp(why, STL_OCR_NO_MODEL)) {
		/* One line a run, not one a scan. */
		if (!r->no_model_told) {
			progress_finish(&r->progress);
			fputs("stlindex: aviso: no hay modelo de OCR en español; "
			      "instálelo con: apt-get install tesseract-ocr-spa\n",
			      stderr);
		}
		r->no_model_told = true;
		return replace ? delete_file_docs(r, path) : STL_STATUS_SUCCESS;
	}
	if (why) {
		progress_finish(&r->progress);
		warn_file(path, "se omite: %s", why);
		return replace ? delete_file_docs(r, path) : STL_STATUS_SUCCESS;
	}
	/*
	 * A typed file is parsed from its own text so that spans keep its
	 * offsets; a document from the structure its reader found (list
	 * numbers, table cells).
	 */
	if (typed)
		ret = stl_minute_parse(r->text.buf, r->text.len, r->inst, &m);
	else
		ret = stl_minute_parse_stext(&r->st, r->inst, &m);
	if (ret != STL_STATUS_SUCCESS)
		return fail(r, ret, "memoria insuficiente al analizar '%s'",
			    path);
	snprintf(m->format, sizeof(m->format), "%s", format);
	m->ocr = r->st.ocr_confidence >= 0;
	m->ocr_confidence = m->ocr ? r->st.ocr_confidence : 0;
	if (warn)
		count_format(r, format);
	if ((m->missing & STL_MISSING_REQUIRED) && warn)
		warn_missing(r, path, m);
	else if (r->ocr_warned && warn)
		r->sum->warnings++;	/* a file with warnings counts once */
	ret = replace ? replace_file_docs(r, path) : ensure_doc_txn(r);
	if (ret == STL_STATUS_SUCCESS) {
		ret = docbuild_minute(r->builder, m, path, state, emit_doc, r);
		if (ret != STL_STATUS_SUCCESS && !*r->errmsg)
			fail(r, ret, "no se pudo indexar '%s': %s", path,
			     stl_status_to_string(ret));
	}
	stl_minute_destroy(m);
	*out = ret == STL_STATUS_SUCCESS ? OUT_ADDED : OUT_SKIPPED;
	return ret;
}

static int gone_cmp(const void *a, const void *b)
{
	const struct state_file *x = *(struct state_file *const *)a;
	const struct state_file *y = *(struct state_file *const *)b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* A vanished file with these very bytes: the file was moved. */
static struct state_file *find_moved(struct run *r, uint64_t hash,
				     uint64_t size)
{
	size_t lo = 0, hi = r->ngone;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->gone[mid]->hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->ngone && r->gone[lo]->hash == hash; lo++)
		if (!r->gone[lo]->seen && r->gone[lo]->size == size)
			return r->gone[lo];
	return NULL;
}

static stl_status_t process_file(struct run *r, const struct scan_file *f,
				 struct state_file *known)
{
	char state[STATE_STR_MAX];
	struct state_file *moved = NULL;
	enum outcome out;
	const char *why;
	stl_status_t ret;
	struct stat st;
	uint64_t hash;

	why = read_file(r, f->path, &st);
	if (why) {
		progress_finish(&r->progress);
		warn_file(f->path, "se omite: %s", why);
		/* Gone between scan and read: its documents go too. */
		if (known && access(f->path, F_OK) < 0 && errno == ENOENT) {
			r->sum->removed++;
			return delete_file_docs(r, f->path);
		}
		r->sum->skipped++;
		return STL_STATUS_SUCCESS;
	}
	hash = XXH3_64bits(r->bytes.buf, r->bytes.len);
	state_format(state, r->bytes.len, scan_mtime_ns(&st), hash);
	if (known && known->hash == hash && known->size == r->bytes.len &&
	    !r->reindex_all) {
		r->sum->unchanged++;
		if (known->docid)
			ret = touch_file(r, known, state);
		else
			ret = index_bytes(r, f->path, state, true, false, &out);
		return ret ? ret : batch_done(r);
	}
	if (!known)
		moved = find_moved(r, hash, r->bytes.len);
	ret = index_bytes(r, f->path, state, known || !r->fresh, true, &out);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	if (out == OUT_SKIPPED) {
		r->sum->skipped++;
	} else if (moved) {
		moved->seen = true;
		ret = delete_file_docs(r, moved->path);
		r->sum->updated++;
	} else {
		if (known)
			r->sum->updated++;
		else
			r->sum->added++;
	}
	return ret ? ret : batch_done(r);
}

/* ---- the whole run ---------------------------------------------------------------- */

static bool under_scanned_root(const struct run *r, const char *path)
{
	size_t i;

	for (i = 0; i < r->nscan; i++)
		if (path_under(path, r->scan_roots[i]))
			return true;
	return false;
}

static stl_status_t scan_all(struct run *r)
{
	stl_status_t ret;
	size_t i;

	for (i = 0; i < r->nscan; i++) {
		ret = scan_root(r->scan_roots[i], &r->scan, scan_warn, r);
		if (ret == STL_STATUS_NOT_FOUND)
			continue;	/* a vanished root: its files are gone */
		if (ret != STL_STATUS_SUCCESS)
			return fail(r, ret, "no se puede recorrer '%s': %s",
				    r->scan_roots[i], stl_errno_text(errno));
	}
	scan_list_finish(&r->scan);
	r->sum->skipped += (unsigned)r->scan.skipped;
	return STL_STATUS_SUCCESS;
}

/* Mark what the scan found again; what is left under the roots is gone. */
static stl_status_t find_gone(struct run *r)
{
	size_t i;

	for (i = 0; i < r->scan.n; i++) {
		struct state_file *known = state_find(&r->state,
						      r->scan.files[i].path);
		if (known)
			known->seen = true;
	}
	r->gone = calloc(r->state.n ? r->state.n : 1, sizeof(*r->gone));
	if (!r->gone)
		return fail(r, STL_STATUS_OUT_OF_MEMORY, "memoria insuficiente");
	for (i = 0; i < r->state.n; i++) {
		struct state_file *s = &r->state.files[i];

		if (!s->seen && under_scanned_root(r, s->path))
			r->gone[r->ngone++] = s;
	}
	qsort(r->gone, r->ngone, sizeof(*r->gone), gone_cmp);
	return STL_STATUS_SUCCESS;
}

static bool needs_read(const struct run *r, const struct scan_file *f,
		       const struct state_file *known)
{
	return !known || r->reindex_all || known->size != f->size ||
	       known->mtime_ns != f->mtime_ns;
}

static stl_status_t process_files(struct run *r)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i, todo = 0, done = 0;

	for (i = 0; i < r->scan.n; i++)
		todo += needs_read(r, &r->scan.files[i],
				   state_find(&r->state, r->scan.files[i].path));
	progress_start(&r->progress, todo, r->o->progress);
	for (i = 0; i < r->scan.n && !ret; i++) {
		const struct scan_file *f = &r->scan.files[i];
		struct state_file *known = state_find(&r->state, f->path);

		if (!needs_read(r, f, known)) {
			r->sum->unchanged++;
			continue;
		}
		ret = process_file(r, f, known);
		progress_update(&r->progress, ++done);
	}
	progress_finish(&r->progress);
	return ret;
}

static stl_status_t remove_gone(struct run *r)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < r->ngone && !ret; i++) {
		if (r->gone[i]->seen)
			continue;	/* moved: already handled */
		ret = delete_file_docs(r, r->gone[i]->path);
		if (!ret) {
			r->sum->removed++;
			ret = batch_done(r);
		}
	}
	return ret;
}

/*
 * Whether who is who must be worked out again: the run changed a minute,
 * personas.tsv changed, or the index has no identities yet. A run that
 * changed nothing skips it, since it reads every minute's people.
 */
static bool identities_stale(struct run *r)
{
	char *stored = NULL;
	size_t len = 0;
	bool stale;

	if (r->identities_cleared || r->fresh)
		return true;
	if (stl_reader_get_metadata(r->view, STL_META_IDENTITIES, &stored,
				    NULL))
		return true;
	free(stored);
	stored = NULL;
	if (stl_reader_get_metadata(r->view, STL_META_PERSONS, &stored, &len))
		return r->persons.len != 0;
	stale = len != r->persons.len ||
		(len && memcmp(stored, r->persons.buf, len));
	free(stored);
	return stale;
}

/*
 * On the writer thread, after personas.tsv is set: who is who from every
 * minute the index now holds (this run's changes included) and that file,
 * stored so that persona:/asistente: need not read every minute.
 */
static stl_status_t write_identities(stl_writer_t *w)
{
	struct stl_strbuf text = STL_STRBUF_INIT;
	struct people_dir d;
	stl_status_t ret;

	ret = people_dir_init(&d);
	if (!ret)
		ret = people_load(stl_writer_reader(w), &d);
	if (!ret)
		ret = people_identities_text(&d, &text);
	/* Never empty: an empty value deletes the key, which says "not
	 * worked out", and every run would work it out again. */
	if (!ret && !text.len)
		stl_strbuf_addch(&text, '\n');
	if (!ret)
		ret = stl_strbuf_failed(&text) ? STL_STATUS_OUT_OF_MEMORY
		      : stl_writer_set_metadata(w, STL_META_IDENTITIES,
						text.buf, text.len);
	people_dir_release(&d);
	stl_strbuf_release(&text);
	return ret;
}

/* On the writer thread: everything but the documents. */
static stl_status_t write_meta(stl_writer_t *w, void *ctx)
{
	struct run *r = ctx;
	stl_status_t ret;

	ret = stl_schema_stamp(w);
	if (!ret)
		ret = stl_writer_set_metadata(w, STL_META_ROOTS, r->roots_meta.buf,
					      r->roots_meta.len);
	if (!ret)
		ret = stl_writer_set_metadata(w, STL_META_INSTITUTIONS,
					      r->inst_tsv, strlen(r->inst_tsv));
	if (!ret)
		ret = stl_writer_set_metadata(w, STL_META_CLOSED_DAYS,
					      r->closed_days,
					      strlen(r->closed_days));
	if (!ret)
		ret = stl_writer_set_metadata(w, STL_META_PERSONS,
					      r->persons.buf, r->persons.len);
	if (!ret && r->identities_stale)
		ret = write_identities(w);
	if (!ret)
		ret = synonyms_write(r->inst, w);
	return ret;
}

static stl_status_t write_metadata(struct run *r)
{
	stl_status_t ret;
	size_t i;

	for (i = 0; i < r->nroots; i++)
		stl_strbuf_addf(&r->roots_meta, "%s%s", i ? "\n" : "",
				r->roots[i]);
	if (stl_strbuf_failed(&r->roots_meta))
		return fail(r, STL_STATUS_OUT_OF_MEMORY, "memoria insuficiente");
	r->identities_stale = identities_stale(r);
	ret = ensure_txn(r);
	if (!ret && (ret = wqueue_call(r->wq, write_meta, r)))
		return writer_fail(r, ret);
	if (!ret)
		ret = commit_batch(r);
	return ret;
}

/*
 * A new index says its schema before its first batch: a run killed after
 * some batches leaves an index the searcher can read and the next run can
 * finish, instead of one without a version (refused by stlsearch, rebuilt
 * from nothing by stlindex). The rest of the metadata waits for the end:
 * an institutions table stored early would hide from a killed run that
 * the older minutes still need indexing again. Written before the writer
 * thread starts.
 */
static stl_status_t stamp_schema(struct run *r)
{
	stl_status_t ret;

	ret = stl_schema_stamp(r->w);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_writer_commit(r->w);
	if (ret != STL_STATUS_SUCCESS)
		return fail(r, ret, "%s", stl_writer_last_error(r->w));
	return ret;
}

/* Never write through a link out of the index (see stl_db_check_links). */
static stl_status_t check_links(struct run *r)
{
	char *msg = NULL;
	stl_status_t ret = stl_db_check_links(r->o->db, &msg);

	if (ret)
		fail(r, ret, "%s", msg ? msg : stl_status_to_string(ret));
	free(msg);
	return ret;
}

static stl_status_t prepare(struct run *r)
{
	unsigned count = 0;
	stl_status_t ret;

	ret = check_named_roots(r);
	if (ret)
		return ret;
	if (stl_mkdir_p(r->o->db) != STL_STATUS_SUCCESS)
		return fail(r, STL_STATUS_IO_ERROR,
			    "no se puede crear el índice '%s': %s", r->o->db,
			    stl_errno_text(errno));
	ret = check_links(r);
	if (!ret)
		ret = open_writer(r, STL_WRITER_CREATE);
	if (!ret)
		ret = check_schema(r);
	if (!ret && !(ret = stl_reader_doccount(r->view, &count)))
		r->fresh = count == 0;
	if (!ret && r->fresh)
		ret = stamp_schema(r);
	if (!ret)
		ret = settle_roots(r);
	if (!ret && !r->o->nroots)
		drop_vanished_roots(r);
	if (!ret)
		ret = load_institutions(r);
	if (!ret)
		ret = load_closed_days(r);
	if (!ret)
		ret = load_persons(r);
	if (!ret && r->o->full)
		r->reindex_all = true;
	if (!ret && (ret = state_load(r->view, &r->state)))
		fail(r, ret, "%s", stl_reader_last_error(r->view));
	return ret;
}

static void run_release(struct run *r)
{
	/* An open transaction here means a failure: drop it, keep the
	 * batches already committed. */
	stop_writer_thread(r, STL_STATUS_SUCCESS);
	stl_writer_destroy(r->w);
	strv_free(r->roots, r->nroots);
	strv_free(r->scan_roots, r->nscan);
	docbuild_destroy(r->builder);
	stl_institutions_destroy(r->inst);
	free(r->inst_tsv);
	free(r->closed_days);
	stl_strbuf_release(&r->persons);
	state_list_release(&r->state);
	scan_list_release(&r->scan);
	free(r->gone);
	stl_strbuf_release(&r->bytes);
	stl_strbuf_release(&r->text);
	stl_strbuf_release(&r->roots_meta);
	stl_stext_release(&r->st);
	if (r->ext_ready)
		extclient_release(&r->ext);
}

void index_summary_release(struct index_summary *s)
{
	if (!s)
		return;
	free(s->unsupported);
	s->unsupported = NULL;
	s->nunsupported = 0;
}

/* The scan's count of unsupported files, into the summary. */
static stl_status_t take_unsupported(struct run *r)
{
	struct index_summary *s = r->sum;
	size_t i;

	if (!r->scan.nunsupported)
		return STL_STATUS_SUCCESS;
	s->unsupported = calloc(r->scan.nunsupported, sizeof(*s->unsupported));
	if (!s->unsupported)
		return fail(r, STL_STATUS_OUT_OF_MEMORY, "memoria insuficiente");
	for (i = 0; i < r->scan.nunsupported; i++) {
		snprintf(s->unsupported[i].name, sizeof(s->unsupported[i].name),
			 "%s", r->scan.unsupported[i].ext);
		s->unsupported[i].count = r->scan.unsupported[i].count;
		s->nunsupported_files += r->scan.unsupported[i].count;
	}
	s->nunsupported = r->scan.nunsupported;
	return STL_STATUS_SUCCESS;
}

stl_status_t index_run(const struct index_opts *o, struct index_summary *sum,
		       char **errmsg)
{
	struct run r;
	stl_status_t ret;

	memset(&r, 0, sizeof(r));
	memset(sum, 0, sizeof(*sum));
	*errmsg = NULL;
	r.o = o;
	r.sum = sum;
	r.errmsg = errmsg;
	stl_strbuf_init(&r.bytes, 0);
	stl_strbuf_init(&r.text, 0);
	stl_strbuf_init(&r.roots_meta, 0);
	stl_strbuf_init(&r.persons, 0);
	stl_stext_init(&r.st);

	ret = prepare(&r);
	if (!ret)
		ret = scan_all(&r);
	if (!ret)
		ret = take_unsupported(&r);
	if (!ret)
		ret = find_gone(&r);
	if (!ret && (ret = wqueue_start(r.w, &r.wq)))
		fail(&r, ret, "no se pudo iniciar la escritura del índice");
	if (!ret)
		ret = process_files(&r);
	if (!ret)
		ret = remove_gone(&r);
	if (!ret)
		ret = write_metadata(&r);
	if (!ret)
		ret = stop_writer_thread(&r, ret);
	run_release(&r);
	return ret;
}
