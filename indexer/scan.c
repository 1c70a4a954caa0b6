/*
 * scan.c - walk the roots and list candidate minutes; see scan.h.
 */
#include "scan.h"

#include "stl/people.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stl/formats.h"
#include "stl/people.h"
#include "stl/status.h"
#include "stl/strbuf.h"

int64_t scan_mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

/* The extension of @name without its dot, or NULL ("x", ".x", "x."). */
static const char *extension(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && dot != name && dot[1] ? dot + 1 : NULL;
}

const char *scan_format_hint(const char *name)
{
	return stl_format_name(stl_format_of_extension(extension(name)));
}

enum scan_kind scan_kind_of_name(const char *name)
{
	if (!name[0] || name[0] == '.' || (name[0] == '~' && name[1] == '$') ||
	    name[strlen(name) - 1] == '~' ||
	    !strcasecmp(name, SCAN_CLOSED_DAYS_FILE) ||
	    !strcasecmp(name, SCAN_INSTITUTIONS_FILE) ||
	    !strcasecmp(name, PEOPLE_TSV_FILE))
		return SCAN_IGNORED;
	return scan_format_hint(name) ? SCAN_CANDIDATE : SCAN_UNSUPPORTED;
}

int scan_is_candidate_name(const char *name)
{
	return scan_kind_of_name(name) == SCAN_CANDIDATE;
}

static int ext_cmp(const void *a, const void *b)
{
	return strcmp(((const struct scan_ext *)a)->ext,
		      ((const struct scan_ext *)b)->ext);
}

/* Count @name under its lowercase extension (long ones cut). */
static stl_status_t count_unsupported(struct scan_list *list, const char *name)
{
	const char *ext = extension(name);
	struct scan_ext key = { "", 0 }, *e, *v;
	size_t i;

	if (ext) {
		key.ext[0] = '.';
		for (i = 0; ext[i] && i + 2 < sizeof(key.ext); i++)
			key.ext[i + 1] = (char)((ext[i] >= 'A' && ext[i] <= 'Z') ?
						ext[i] - 'A' + 'a' : ext[i]);
		key.ext[i + 1] = '\0';
	}
	e = list->nunsupported ?
	    bsearch(&key, list->unsupported, list->nunsupported, sizeof(key),
		    ext_cmp) : NULL;
	if (e) {
		e->count++;
		return STL_STATUS_SUCCESS;
	}
	v = realloc(list->unsupported, (list->nunsupported + 1) * sizeof(*v));
	if (!v)
		return STL_STATUS_OUT_OF_MEMORY;
	list->unsupported = v;
	key.count = 1;
	v[list->nunsupported++] = key;
	qsort(v, list->nunsupported, sizeof(*v), ext_cmp);
	return STL_STATUS_SUCCESS;
}

static stl_status_t list_add(struct scan_list *list, const char *path,
			     const struct stat *st)
{
	struct scan_file *f;

	if (list->n == list->alloc) {
		size_t alloc = list->alloc ? list->alloc * 2 : 256;
		f = realloc(list->files, alloc * sizeof(*f));
		if (!f)
			return STL_STATUS_OUT_OF_MEMORY;
		list->files = f;
		list->alloc = alloc;
	}
	f = &list->files[list->n];
	f->path = strdup(path);
	if (!f->path)
		return STL_STATUS_OUT_OF_MEMORY;
	f->size = (uint64_t)st->st_size;
	f->mtime_ns = scan_mtime_ns(st);
	list->n++;
	return STL_STATUS_SUCCESS;
}

static void skip(struct scan_list *list, scan_warn_fn warn, void *ctx,
		 const char *path, const char *reason)
{
	list->skipped++;
	if (warn)
		warn(ctx, path, reason);
}

static const char *errno_reason(int err)
{
	switch (err) {
	case ELOOP:
		return "enlace simbólico en ciclo";
	case ENOENT:
		return "enlace simbólico roto o archivo desaparecido";
	case EACCES:
		return "permiso denegado";
	default:
		return stl_errno_text(err);
	}
}

/*
 * A candidate name found while walking: follow a symlink to see what it
 * is, but only keep regular files.
 */
static stl_status_t visit_file(struct scan_list *list, const char *path,
			       scan_warn_fn warn, void *ctx)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		skip(list, warn, ctx, path, errno_reason(errno));
		return STL_STATUS_SUCCESS;
	}
	if (S_ISDIR(st.st_mode)) {
		skip(list, warn, ctx, path, "es una carpeta, no un archivo");
		return STL_STATUS_SUCCESS;
	}
	if (!S_ISREG(st.st_mode)) {
		skip(list, warn, ctx, path,
		     "no es un archivo regular (FIFO, socket o dispositivo)");
		return STL_STATUS_SUCCESS;
	}
	return list_add(list, path, &st);
}

static stl_status_t walk(struct scan_list *list, struct stl_strbuf *path,
			 scan_warn_fn warn, void *ctx, unsigned depth);

static stl_status_t visit_entry(struct scan_list *list,
				struct stl_strbuf *path, const char *name,
				scan_warn_fn warn, void *ctx, unsigned depth)
{
	enum scan_kind kind = scan_kind_of_name(name);
	size_t base = path->len;
	stl_status_t ret = STL_STATUS_SUCCESS;
	struct stat st;

	if (kind == SCAN_IGNORED)
		return STL_STATUS_SUCCESS;
	if (path->len && path->buf[path->len - 1] != '/')
		stl_strbuf_addch(path, '/');
	stl_strbuf_addstr(path, name);
	if (stl_strbuf_failed(path))
		return STL_STATUS_OUT_OF_MEMORY;

	/* lstat: a symlinked folder is never entered (loops, escapes). */
	if (lstat(path->buf, &st) < 0) {
		skip(list, warn, ctx, path->buf, errno_reason(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		ret = walk(list, path, warn, ctx, depth + 1);
	} else if (kind == SCAN_CANDIDATE) {
		ret = visit_file(list, path->buf, warn, ctx);
	} else if (kind == SCAN_UNSUPPORTED && !S_ISLNK(st.st_mode)) {
		ret = count_unsupported(list, name);
	}
out:
	stl_strbuf_setlen(path, base);
	return ret;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the names of a folder, sorted, so runs are deterministic. */
static stl_status_t read_names(DIR *dir, char ***names, size_t *n)
{
	size_t alloc = 0;
	struct dirent *de;
	char **v = NULL, **nv;

	*n = 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' &&
		    (!de->d_name[1] ||
		     (de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 32;
			nv = realloc(v, alloc * sizeof(*v));
			if (!nv)
				goto fail;
			v = nv;
		}
		v[*n] = strdup(de->d_name);
		if (!v[*n])
			goto fail;
		(*n)++;
	}
	if (*n)
		qsort(v, *n, sizeof(*v), name_cmp);
	*names = v;
	return STL_STATUS_SUCCESS;
fail:
	while (*n)
		free(v[--*n]);
	free(v);
	return STL_STATUS_OUT_OF_MEMORY;
}

/* Deep enough for any real archive, shallow enough to stop pathologies. */
#define SCAN_MAX_DEPTH 64

static stl_status_t walk(struct scan_list *list, struct stl_strbuf *path,
			 scan_warn_fn warn, void *ctx, unsigned depth)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	char **names = NULL;
	size_t n = 0, i;
	DIR *dir;

	if (depth > SCAN_MAX_DEPTH) {
		skip(list, warn, ctx, path->buf, "carpetas demasiado anidadas");
		return STL_STATUS_SUCCESS;
	}
	dir = opendir(path->buf);
	if (!dir) {
		skip(list, warn, ctx, path->buf, errno_reason(errno));
		return STL_STATUS_SUCCESS;
	}
	ret = read_names(dir, &names, &n);
	closedir(dir);
	for (i = 0; i < n && ret == STL_STATUS_SUCCESS; i++)
		ret = visit_entry(list, path, names[i], warn, ctx, depth);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ret;
}

stl_status_t scan_root(const char *root, struct scan_list *list,
		       scan_warn_fn warn, void *ctx)
{
	struct stl_strbuf path = STL_STRBUF_INIT;
	stl_status_t ret;
	struct stat st;

	/* A root itself may be a symlink: the user named it, follow it. */
	if (stat(root, &st) < 0)
		return errno == ENOENT ? STL_STATUS_NOT_FOUND
				       : STL_STATUS_IO_ERROR;
	if (!S_ISDIR(st.st_mode)) {
		if (!S_ISREG(st.st_mode)) {
			skip(list, warn, ctx, root,
			     "no es un archivo regular (FIFO, socket o dispositivo)");
			return STL_STATUS_SUCCESS;
		}
		return list_add(list, root, &st);
	}
	stl_strbuf_addstr(&path, root);
	if (stl_strbuf_failed(&path))
		return STL_STATUS_OUT_OF_MEMORY;
	ret = walk(list, &path, warn, ctx, 0);
	stl_strbuf_release(&path);
	return ret;
}

static int file_cmp(const void *a, const void *b)
{
	const struct scan_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

void scan_list_finish(struct scan_list *list)
{
	size_t i, out = 0;

	if (!list->n)
		return;
	qsort(list->files, list->n, sizeof(*list->files), file_cmp);
	for (i = 0; i < list->n; i++) {
		if (out && !strcmp(list->files[out - 1].path,
				   list->files[i].path)) {
			free(list->files[i].path);
			continue;
		}
		list->files[out++] = list->files[i];
	}
	list->n = out;
}

void scan_list_release(struct scan_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->files[i].path);
	free(list->files);
	free(list->unsupported);
	memset(list, 0, sizeof(*list));
}
