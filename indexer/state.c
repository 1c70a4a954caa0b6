/*
 * state.c - the per-file state stored in the index; see state.h.
 */
#include "state.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/schema.h"

void state_format(char out[STATE_STR_MAX], uint64_t size, int64_t mtime_ns,
		  uint64_t hash)
{
	snprintf(out, STATE_STR_MAX, "%" PRIu64 " %" PRId64 " %016" PRIx64,
		 size, mtime_ns, hash);
}

bool state_parse(const char *s, uint64_t *size, int64_t *mtime_ns,
		 uint64_t *hash)
{
	return sscanf(s, "%" SCNu64 " %" SCNd64 " %" SCNx64, size, mtime_ns,
		      hash) == 3;
}

/* Both value walks run in docid order; pair them up by docid. */
struct pending {
	stl_docid_t *docids;
	char **values;
	size_t n, alloc;
	bool oom;
};

static int collect(stl_docid_t docid, const char *value, size_t len,
		   void *ctx)
{
	struct pending *p = ctx;

	if (p->n == p->alloc) {
		size_t alloc = p->alloc ? p->alloc * 2 : 1024;
		stl_docid_t *d = realloc(p->docids, alloc * sizeof(*d));
		char **v;

		if (!d)
			goto oom;
		p->docids = d;
		v = realloc(p->values, alloc * sizeof(*v));
		if (!v)
			goto oom;
		p->values = v;
		p->alloc = alloc;
	}
	p->values[p->n] = strndup(value, len);
	if (!p->values[p->n])
		goto oom;
	p->docids[p->n++] = docid;
	return 0;
oom:
	p->oom = true;
	return 1;
}

static void pending_release(struct pending *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->values[i]);
	free(p->values);
	free(p->docids);
}

static int file_cmp(const void *a, const void *b)
{
	const struct state_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

static stl_status_t join(struct pending *paths, struct pending *states,
			 struct state_list *out)
{
	size_t i = 0, j = 0;

	out->files = calloc(paths->n ? paths->n : 1, sizeof(*out->files));
	if (!out->files)
		return STL_STATUS_OUT_OF_MEMORY;
	for (; i < paths->n; i++) {
		struct state_file *f = &out->files[out->n];

		while (j < states->n && states->docids[j] < paths->docids[i])
			j++;
		f->path = paths->values[i];
		f->docid = paths->docids[i];
		paths->values[i] = NULL;
		/* A path without a readable state is re-read: state 0. */
		if (j < states->n && states->docids[j] == paths->docids[i])
			state_parse(states->values[j], &f->size, &f->mtime_ns,
				    &f->hash);
		out->n++;
	}
	qsort(out->files, out->n, sizeof(*out->files), file_cmp);
	return STL_STATUS_SUCCESS;
}

stl_status_t state_load(stl_reader_t *r, struct state_list *out)
{
	struct pending paths = { 0 }, states = { 0 };
	stl_status_t ret;

	memset(out, 0, sizeof(*out));
	ret = stl_reader_values(r, STL_SLOT_PATH, collect, &paths);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_reader_values(r, STL_SLOT_FILE_STATE, collect,
					&states);
	if (ret == STL_STATUS_SUCCESS && (paths.oom || states.oom))
		ret = STL_STATUS_OUT_OF_MEMORY;
	if (ret == STL_STATUS_SUCCESS)
		ret = join(&paths, &states, out);
	pending_release(&paths);
	pending_release(&states);
	if (ret != STL_STATUS_SUCCESS)
		state_list_release(out);
	return ret;
}

void state_list_release(struct state_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->files[i].path);
	free(list->files);
	list->files = NULL;
	list->n = 0;
}

struct state_file *state_find(const struct state_list *list,
			      const char *path)
{
	struct state_file key = { .path = (char *)path };

	if (!list->n)
		return NULL;
	return bsearch(&key, list->files, list->n, sizeof(key), file_cmp);
}
