/*
 * synonyms.c - the institution synonyms of earlier versions, cleared; see
 * synonyms.h.
 */
#include "synonyms.h"

#include <stdlib.h>
#include <string.h>

#include "stl/schema.h"
#include "stl/strbuf.h"

struct name {
	char *terms;		/* the name's terms joined by spaces */
	size_t nterms;
	const char *id;
};

struct names {
	struct name *v;
	size_t n;
};

static int name_cmp(const void *a, const void *b)
{
	const struct name *x = a, *y = b;
	int r = strcmp(x->terms, y->terms);

	return r ? r : strcmp(x->id, y->id);
}

static void names_release(struct names *l)
{
	while (l->n)
		free(l->v[--l->n].terms);
	free(l->v);
}

/* The names that are not their id already, sorted by terms and id. */
static stl_status_t names_load(const struct stl_institutions *inst,
			       struct names *l)
{
	struct stl_inst_matcher *m = NULL;
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_status_t ret;
	size_t k, count;

	ret = stl_inst_matcher_new(inst, &m);
	count = m ? stl_inst_matcher_count(m) : 0;
	l->v = calloc(count ? count : 1, sizeof(*l->v));
	if (!ret && !l->v)
		ret = STL_STATUS_OUT_OF_MEMORY;
	for (k = 0; k < count && !ret; k++) {
		struct name *nm = &l->v[l->n];

		stl_strbuf_reset(&sb);
		ret = stl_inst_matcher_name(m, k, &sb, &nm->nterms, &nm->id);
		if (ret || strchr(nm->id, ' ') ||
		    (nm->nterms == 1 && !strcmp(sb.buf, nm->id)))
			continue;
		nm->terms = strdup(sb.buf);
		if (!nm->terms)
			ret = STL_STATUS_OUT_OF_MEMORY;
		else
			l->n++;
	}
	if (!ret && l->n)
		qsort(l->v, l->n, sizeof(*l->v), name_cmp);
	stl_strbuf_release(&sb);
	stl_inst_matcher_destroy(m);
	return ret;
}

/*
 * Clear the keys earlier versions gave a name: the name's terms, and for a
 * one-word name the word under each prefix of agreements' free text.
 */
static stl_status_t clear_name(stl_writer_t *w, const struct name *nm)
{
	const char *free_ag[STL_NFIELDS];
	char key[STL_SCHEMA_TERM_SIZE];
	stl_status_t ret;
	size_t i, n;

	ret = stl_writer_clear_synonyms(w, nm->terms);
	if (ret || nm->nterms != 1)
		return ret;
	n = stl_schema_free_prefixes(STL_DOC_AGREEMENT, free_ag, STL_NFIELDS);
	for (i = 0; i < n && !ret; i++)
		if (*free_ag[i] && stl_schema_word_term(free_ag[i], nm->terms,
							strlen(nm->terms), key))
			ret = stl_writer_clear_synonyms(w, key);
	return ret;
}

stl_status_t synonyms_write(const struct stl_institutions *inst,
			    stl_writer_t *w)
{
	struct names l = { NULL, 0 };
	stl_status_t ret;
	size_t i;

	ret = names_load(inst, &l);
	for (i = 0; i < l.n && ret == STL_STATUS_SUCCESS; i++)
		ret = clear_name(w, &l.v[i]);
	names_release(&l);
	return ret;
}
