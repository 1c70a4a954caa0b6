/*
 * people_query.c - the people of an index, selected by a query, and the
 * identities persona: and asistente: search by; see people.h.
 *
 * A query about people is run the way one about minutes is, by the same
 * lexer, rewrites and Xapian parser: over an in-memory index of one
 * document per person, built for the request, whose terms are those a
 * minute has for the same things (schema.h): the names' words as an
 * attendee's, the posts' words as free text, the institutions' terms and
 * the dates of the meetings attended. So institucion:CPC, fecha:2021,
 * alvarez, Y/O/NO mean what they mean on minutes.
 */
#include "stl/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stl/paths.h"
#include "stl/qparser.h"
#include "stl/query.h"
#include "stl/schema.h"
#include "stl/search.h"
#include "stl/text.h"

/* As search.c: a writer committing again and again is waited for. */
#define PEOPLE_ATTEMPTS 60

/* ---- identities ----------------------------------------------------------------- */

struct identities {
	stl_reader_t *r;
	struct people_dir dir;	/* read when the index stores no identities */
	char *text;		/* STL_META_IDENTITIES, or NULL */
	size_t len;
	bool loaded;
};

static stl_status_t alts_of(const char *value, void *ctx,
			    struct stl_strbuf *alts)
{
	struct identities *id = ctx;
	stl_status_t st;

	if (!id->loaded) {
		st = stl_reader_get_metadata(id->r, STL_META_IDENTITIES,
					     &id->text, &id->len);
		if (st == STL_STATUS_NOT_FOUND) {
			st = people_dir_init(&id->dir);
			if (!st)
				st = people_load(id->r, &id->dir);
		}
		if (st)
			return st;
		id->loaded = true;
	}
	if (id->text)
		people_alternatives_text(id->text, id->len, value, alts);
	else
		people_alternatives(&id->dir, value, alts);
	return STL_STATUS_SUCCESS;
}

stl_status_t people_query_identities(stl_reader_t *r, const char *canonical,
				     struct stl_strbuf *out)
{
	struct identities id = { .r = r };
	stl_status_t st;

	st = query_by_person(canonical, alts_of, &id, out);
	people_dir_release(&id.dir);
	free(id.text);
	return st;
}

/* Identities from a directory already built (--personas's own query). */
static stl_status_t alts_of_dir(const char *value, void *ctx,
				struct stl_strbuf *alts)
{
	people_alternatives(ctx, value, alts);
	return STL_STATUS_SUCCESS;
}

/* ---- one document a person -------------------------------------------------------- */

struct words_ctx {
	stl_doc_t *doc;
	const char *prefix;	/* of the field the words are of */
	stl_status_t st;
};

/* A word as docbuild adds one: at its position, its stem under the
 * prefix, and the union stem. */
static int add_word(const stl_token_t *tok, void *ctx)
{
	struct words_ctx *w = ctx;
	char buf[STL_SCHEMA_TERM_SIZE], stem[STL_TERM_MAX + 1];
	size_t n, slen;

	n = stl_schema_word_term(w->prefix, tok->term, tok->len, buf);
	if (!n)
		return 0;
	w->st = stl_doc_add_posting(w->doc, buf, n, tok->pos);
	slen = stl_stem(tok->term, tok->len, stem);
	if (!w->st && (n = stl_schema_stem_term(w->prefix, stem, slen, buf)))
		w->st = stl_doc_add_term(w->doc, buf, n);
	if (!w->st && stl_schema_in_union(w->prefix, strlen(w->prefix)) &&
	    (n = stl_schema_stem_term("", stem, slen, buf)))
		w->st = stl_doc_add_term(w->doc, buf, n);
	return w->st != STL_STATUS_SUCCESS;
}

static stl_status_t add_words(stl_doc_t *doc, enum stl_field_id field,
			      const char *s, uint32_t *pos)
{
	struct words_ctx w = {
		doc, stl_fields[field].prefix[STL_DOC_MINUTE], STL_STATUS_SUCCESS
	};
	stl_status_t st;

	if (!s || !*s)
		return STL_STATUS_SUCCESS;
	st = stl_text_analyze(s, strlen(s), 0, pos, add_word, &w);
	*pos += STL_POSITION_GAP;
	return st ? st : w.st;
}

static int cmp_date(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * The date terms of the meetings @p attended (fecha: looks them up): each
 * day's, and each month's and year's once; sorted, so that a month or a
 * year is the one before or new.
 */
static stl_status_t add_dates(stl_doc_t *doc, struct people_person *p)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t st = STL_STATUS_SUCCESS;
	int y, m, d, py = 0, pm = 0;
	size_t i, n;

	if (p->ndates > 1)
		qsort(p->dates, p->ndates, sizeof(*p->dates), cmp_date);
	for (i = 0; i < p->ndates && !st; i++) {
		if (sscanf(p->dates[i], "%4d-%2d-%2d", &y, &m, &d) != 3)
			continue;
		if (y != py && (n = stl_schema_date_term(y, 0, 0, term)))
			st = stl_doc_add_boolean_term(doc, term, n);
		if (!st && (y != py || m != pm) &&
		    (n = stl_schema_date_term(y, m, 0, term)))
			st = stl_doc_add_boolean_term(doc, term, n);
		if (!st && (n = stl_schema_date_term(y, m, d, term)))
			st = stl_doc_add_boolean_term(doc, term, n);
		py = y;
		pm = m;
	}
	return st;
}

static stl_status_t person_doc(stl_doc_t *doc, struct people_person *p)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t st;
	uint32_t pos = 1;
	size_t i, n;

	stl_doc_clear(doc);
	st = add_words(doc, STL_FIELD_ATTENDEE, p->name, &pos);
	for (i = 0; i < p->nnames && !st; i++)
		st = add_words(doc, STL_FIELD_ATTENDEE, p->names[i], &pos);
	for (i = 0; i < p->nposts && !st; i++) {
		const struct people_post *q = &p->posts[i];
		const char *id = strchr(q->key, '|') + 1;

		st = add_words(doc, STL_FIELD_TEXT, q->role, &pos);
		if (!st)
			st = add_words(doc, STL_FIELD_INSTITUTION,
				       q->institution, &pos);
		n = stl_schema_institution_term(id, term);
		if (!st && n)
			st = stl_doc_add_boolean_term(doc, term, n);
	}
	if (!st)
		st = add_dates(doc, p);
	if (!st)
		st = stl_schema_kind_term(STL_DOC_MINUTE, term)
			     ? stl_doc_add_boolean_term(doc, term, strlen(term))
			     : STL_STATUS_SUCCESS;
	return st;
}

/* ---- the request ------------------------------------------------------------------- */

struct preq {
	const char *db;
	const char *query;
	char **errmsg;
	stl_reader_t *r;
	struct stl_institutions *inst;
	struct people_dir *d;
};

static stl_status_t pfail(struct preq *q, stl_status_t st, const char *msg)
{
	free(*q->errmsg);
	*q->errmsg = strdup(msg);
	return st;
}

static stl_status_t open_db(struct preq *q)
{
	stl_status_t st = search_index_open(q->db, &q->r, q->errmsg);

	if (!st)
		st = search_index_check(q->r, q->db, &q->inst, q->errmsg);
	return st;
}

/* The canonical query, rewritten as a search of minutes is, in @fast. */
static stl_status_t translate(struct preq *q, struct stl_strbuf *fast,
			      bool *all)
{
	struct stl_strbuf canon = STL_STRBUF_INIT, a = STL_STRBUF_INIT,
			  b = STL_STRBUF_INIT;
	struct query_info info = { 0 };
	char *why = NULL, *shown;
	stl_status_t st;

	st = query_translate(q->query ? q->query : "", &canon, &info, &why);
	*all = info.match_all;
	if (st == STL_STATUS_BAD_QUERY) {
		shown = search_query_shown(q->query);
		*q->errmsg = stl_strdup_printf("consulta no válida '%s': %s",
					       shown ? shown : "",
					       why ? why : "");
		free(shown);
	}
	if (!st && !*all)
		st = query_by_person(canon.buf, alts_of_dir, q->d, &a);
	if (!st && !*all)
		st = query_by_institution(a.buf, &b);
	if (!st && !*all)
		st = query_fast_phrases(b.buf, fast);
	free(why);
	query_info_release(&info);
	stl_strbuf_release(&canon);
	stl_strbuf_release(&a);
	stl_strbuf_release(&b);
	return st;
}

/* Keep the people whose documents match @qq in @view. */
static stl_status_t keep_matching(struct preq *q, stl_reader_t *view,
				  const stl_query_t *qq)
{
	struct stl_search_opts so = { .limit = (unsigned)q->d->n,
				      .sort = STL_SORT_VALUE_ASC,
				      .sort_slot = STL_SLOT_PATH };
	stl_results_t *rs = NULL;
	bool *keep = calloc(q->d->n + 1, sizeof(*keep));
	size_t i;
	stl_status_t st;

	if (!keep)
		return STL_STATUS_OUT_OF_MEMORY;
	st = stl_reader_search(view, qq, &so, &rs);
	for (i = 0; !st && i < rs->nhits; i++)
		if (rs->hits[i].docid >= 1 && rs->hits[i].docid <= q->d->n)
			keep[rs->hits[i].docid - 1] = true;
	stl_results_destroy(rs);
	if (st)
		goto out;
	/* Document i + 1 is person i: added in order to a new index. */
	people_dir_keep(q->d, keep);
out:
	free(keep);
	return st;
}

static stl_status_t filter(struct preq *q)
{
	struct stl_strbuf fast = STL_STRBUF_INIT;
	struct query_parser *qp = NULL;
	stl_writer_t *w = NULL;
	stl_doc_t *doc = NULL;
	stl_query_t *qq = NULL;
	char *msg = NULL, *shown;
	bool all = false;
	stl_status_t st;
	size_t i;

	st = translate(q, &fast, &all);
	if (st || all)
		goto out;
	st = stl_writer_open("personas", STL_WRITER_INMEMORY, &w, &msg);
	doc = st ? NULL : stl_doc_new();
	if (!st && !doc)
		st = STL_STATUS_OUT_OF_MEMORY;
	for (i = 0; i < q->d->n && !st; i++) {
		st = person_doc(doc, &q->d->v[i]);
		if (!st)
			st = stl_writer_add(w, doc, NULL);
	}
	if (!st)
		st = query_parser_new(stl_writer_reader(w), q->inst, &qp);
	free(msg);
	msg = NULL;
	if (!st)
		st = query_parse(qp, STL_DOC_MINUTE, fast.buf, &qq, &msg);
	if (st == STL_STATUS_BAD_QUERY) {
		shown = search_query_shown(q->query);
		*q->errmsg = stl_strdup_printf("consulta no válida '%s': %s",
					       shown ? shown : "",
					       msg ? msg : "");
		free(shown);
	}
	if (!st)
		st = keep_matching(q, stl_writer_reader(w), qq);
out:
	if (st && !*q->errmsg)
		pfail(q, st, st == STL_STATUS_OUT_OF_MEMORY
				     ? "memoria insuficiente"
				     : stl_status_to_string(st));
	free(msg);
	stl_query_destroy(qq);
	query_parser_destroy(qp);
	stl_doc_destroy(doc);
	stl_writer_destroy(w);
	stl_strbuf_release(&fast);
	return st;
}

static void close_db(struct preq *q)
{
	stl_reader_destroy(q->r);
	stl_institutions_destroy(q->inst);
	q->r = NULL;
	q->inst = NULL;
}

static void pause_ms(long ms)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = ms * 1000000L };

	nanosleep(&ts, NULL);
}

stl_status_t people_run(const char *db, const char *query,
			struct people_dir *d, char **errmsg)
{
	struct preq q = { .db = db, .query = query, .errmsg = errmsg, .d = d };
	stl_status_t st;
	int tries;

	*errmsg = NULL;
	memset(d, 0, sizeof(*d));
	st = open_db(&q);
	for (tries = 1; !st; tries++) {
		st = people_dir_init(d);
		if (!st)
			st = people_load(q.r, d);
		if (st != STL_STATUS_DATABASE_MODIFIED ||
		    tries == PEOPLE_ATTEMPTS)
			break;
		/* A writer committed under us: start over on its revision,
		 * letting it get ahead first (1 ms doubling up to 200). */
		people_dir_release(d);
		pause_ms(tries < 8 ? 1L << tries : 200);
		st = stl_reader_reopen(q.r);
	}
	if (st == STL_STATUS_DATABASE_MODIFIED)
		*errmsg = stl_strdup_printf(
			"el índice '%s' cambió demasiadas veces durante la búsqueda; inténtelo de nuevo",
			db);
	else if (st == STL_STATUS_OUT_OF_MEMORY && !*errmsg)
		pfail(&q, st, "memoria insuficiente");
	else if (st && !*errmsg)
		pfail(&q, st, q.r ? stl_reader_last_error(q.r)
				  : stl_status_to_string(st));
	if (!st)
		st = filter(&q);
	close_db(&q);
	return st;
}
