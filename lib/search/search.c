/*
 * search.c - one stlsearch request; see search.h.
 */
#include "stl/search.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "stl/followup.h"
#include "stl/qparser.h"
#include "stl/qnames.h"
#include "stl/query.h"
#include "stl/snippet.h"
#include "stl/minute.h"
#include "stl/paths.h"
#include "stl/people.h"
#include "stl/record.h"
#include "stl/schema.h"
#include "stl/strbuf.h"

/*
 * A writer that commits again and again may outrun a search several times
 * in a row: retry, waiting a little longer each time (1 ms doubling up to
 * 200 ms), for about ten seconds in all before giving up.
 */
#define SEARCH_ATTEMPTS 60
#define SEARCH_PAUSE_MAX_MS 200
/* Matching agreements shown under one minute, at most. */
#define SUBS_MAX 20

struct req {
	const struct search_opts *o;
	struct search_result *res;
	char **errmsg;
	stl_reader_t *r;
	/* The caller's reader (search_run_on()): moved, never destroyed. */
	stl_reader_t *borrowed;
	struct stl_institutions *inst;
	struct query_parser *qp;
	struct stl_strbuf canonical;
	struct stl_strbuf fast;		/* canonical, phrases marked */
	struct query_info info;
	bool no_words;		/* only filters, or nothing: no ranking */
	bool probing;		/* a suggestion tried: no hits, no suggesting */
	char *candidate;	/* a correction of the canonical query */
	char today[11];		/* followup_today() of o->today */
	struct links *links;	/* made for the first hit that needs it */
};

static stl_status_t fail(struct req *q, stl_status_t st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static stl_status_t fail(struct req *q, stl_status_t st, const char *fmt, ...)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	stl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(*q->errmsg);
	*q->errmsg = stl_strbuf_detach(&sb, NULL);
	return st;
}

static stl_status_t reader_fail(struct req *q, stl_status_t st)
{
	if (st == STL_STATUS_DATABASE_MODIFIED)
		return st;	/* retried, not reported */
	return fail(q, st, "%s", stl_reader_last_error(q->r));
}

/* ---- opening ------------------------------------------------------------------ */

stl_status_t search_index_open(const char *db, stl_reader_t **r,
			       char **errmsg)
{
	char *msg = NULL;
	stl_status_t st;

	*r = NULL;
	st = stl_db_check_links(db, &msg);
	/* A folder it cannot read is reported by the open that follows. */
	if (st == STL_STATUS_INVALID_ARGUMENT) {
		*errmsg = msg;
		return st;
	}
	free(msg);
	msg = NULL;
	st = stl_reader_open(db, r, &msg);
	if (st == STL_STATUS_DATABASE_NOT_FOUND) {
		free(msg);
		*errmsg = stl_strdup_printf(
			"no hay índice en '%s': ejecute stlindex primero (por ejemplo: stlindex ~/minutas)",
			db);
	} else if (st) {
		*errmsg = msg ? msg : strdup(stl_status_to_string(st));
	}
	return st;
}

/* A reader's error as search_index_check() reports it. */
static stl_status_t check_fail(stl_reader_t *r, stl_status_t st,
			       char **errmsg)
{
	if (st != STL_STATUS_DATABASE_MODIFIED)
		*errmsg = strdup(stl_reader_last_error(r));
	return st;
}

stl_status_t search_index_check(stl_reader_t *r, const char *db,
				struct stl_institutions **inst, char **errmsg)
{
	char *msg = NULL, *tsv = NULL;
	long version = 0;
	stl_status_t st;
	size_t len = 0;

	*inst = NULL;
	st = stl_schema_version(r, &version);
	if (st)
		return check_fail(r, st, errmsg);
	if (!version) {
		*errmsg = stl_strdup_printf(
			"el índice '%s' no tiene versión de esquema: ejecute stlindex --full",
			db);
		return STL_STATUS_DATABASE_VERSION;
	}
	if (version != STL_SCHEMA_VERSION) {
		*errmsg = stl_strdup_printf(
			"el índice '%s' es de otra versión de stlsearch (esquema %ld; esta usa el %d): ejecute stlindex --full",
			db, version, STL_SCHEMA_VERSION);
		return STL_STATUS_DATABASE_VERSION;
	}
	*inst = stl_institutions_new();
	if (!*inst) {
		*errmsg = strdup("memoria insuficiente");
		return STL_STATUS_OUT_OF_MEMORY;
	}
	st = stl_reader_get_metadata(r, STL_META_INSTITUTIONS, &tsv, &len);
	if (!st) {
		/* The table the index was built with; it was valid then. */
		st = stl_institutions_add_tsv(*inst, "índice", tsv, len, &msg);
		free(msg);
		free(tsv);
	}
	if (st && st != STL_STATUS_NOT_FOUND &&
	    st != STL_STATUS_INVALID_ARGUMENT) {
		stl_institutions_destroy(*inst);
		*inst = NULL;
		return check_fail(r, st, errmsg);
	}
	return STL_STATUS_SUCCESS;
}

/* q->r open (or the borrowed one at its latest revision), checked, with
 * its institutions and a query parser. */
static stl_status_t open_index(struct req *q)
{
	char *msg = NULL;
	stl_status_t st;

	if (q->borrowed) {
		/* A server's reader: at the latest revision, as an open is. */
		q->r = q->borrowed;
		st = stl_reader_reopen(q->r);
		if (st)
			return reader_fail(q, st);
	} else {
		st = search_index_open(q->o->db, &q->r, &msg);
	}
	if (!st)
		st = search_index_check(q->r, q->o->db, &q->inst, &msg);
	if (msg) {
		free(*q->errmsg);
		*q->errmsg = msg;
	}
	if (st)
		return st;
	st = query_parser_new(q->r, q->inst, &q->qp);
	if (!st)
		query_parser_set_today(q->qp, q->today);
	return st ? fail(q, st, "memoria insuficiente") : st;
}

static void close_index(struct req *q)
{
	query_parser_destroy(q->qp);
	links_destroy(q->links);
	q->links = NULL;
	if (q->r != q->borrowed)
		stl_reader_destroy(q->r);
	stl_institutions_destroy(q->inst);
	q->qp = NULL;
	q->r = NULL;
	q->inst = NULL;
}

/* ---- one attempt ----------------------------------------------------------------- */

/* @in restricted to documents of @kind, in *@out (a new query). */
static stl_status_t kind_filter(struct req *q, const stl_query_t *in,
				enum stl_doc_kind kind, stl_query_t **out)
{
	stl_query_t *subs[2] = { (stl_query_t *)in, NULL };
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t st;

	stl_schema_kind_term(kind, term);
	st = stl_query_new_term(term, &subs[1]);
	if (!st)
		st = stl_query_combine(STL_QUERY_FILTER, subs, 2, 0, out);
	stl_query_destroy(subs[1]);
	return st ? fail(q, st, "memoria insuficiente") : st;
}

/* A term that only documents of the kind *@ctx have (schema.h). */
static bool kind_only_term(const char *term, size_t len, void *ctx)
{
	const enum stl_doc_kind *kind = ctx;

	return stl_schema_term_kinds(term, len) == 1u << *kind;
}

/*
 * @in restricted to documents of @kind: a query whose every term is a word
 * only that kind has needs no filter, whose posting list (every document
 * of the kind) would be read for nothing.
 */
static stl_status_t restrict_kind(struct req *q, const stl_query_t *in,
				  enum stl_doc_kind kind, stl_query_t **out)
{
	if (stl_query_all_terms(in, kind_only_term, &kind)) {
		stl_query_t *subs[1] = { (stl_query_t *)in };
		stl_status_t st = stl_query_combine(STL_QUERY_OR, subs, 1, 0,
						    out);

		return st ? fail(q, st, "memoria insuficiente") : st;
	}
	return kind_filter(q, in, kind, out);
}

/* The record's path, "" if it has none. */
static const char *record_path(const struct stl_record *rec)
{
	return rec->path ? rec->path : "";
}

/* The text the document was indexed from: a minute's, or an agreement's. */
static const char *record_text(const struct stl_record *rec)
{
	const char *s = rec->kind == STL_DOC_AGREEMENT ? rec->agreement.text
							  : rec->minute->text;

	return s ? s : "";
}

static stl_status_t make_snippets(struct req *q, const stl_hit_t *h,
				  const char *text, char **hl, char **plain,
				  size_t max)
{
	struct snippet_terms st;
	bool matched;
	stl_status_t ret;

	ret = snippet_terms_init(&st, h->terms, h->nterms, q->info.wildcards,
				 q->info.nwildcards);
	if (ret)
		return ret;
	*hl = snippet_make(text, strlen(text), &st, max, q->o->hl_on,
			   q->o->hl_off, &matched);
	/* Without markers (no colour, JSON) both are the same: analyzing
	 * the text is most of a snippet's cost, do it once. */
	if (!*q->o->hl_on && !*q->o->hl_off)
		*plain = *hl ? strdup(*hl) : NULL;
	else
		*plain = snippet_make(text, strlen(text), &st, max, "", "",
				      &matched);
	snippet_terms_release(&st);
	return *hl && *plain ? STL_STATUS_SUCCESS : STL_STATUS_OUT_OF_MEMORY;
}

/* @hit's stable id, from its document's file key. */
static stl_status_t hit_id(struct req *q, struct search_hit *hit)
{
	char key[STL_SCHEMA_KEY_SIZE];
	stl_status_t st;
	unsigned number = hit->record->kind == STL_DOC_AGREEMENT
				  ? hit->record->agreement.number
				  : 0;

	st = stl_schema_doc_key(q->r, hit->docid, key);
	if (st == STL_STATUS_NOT_FOUND) {
		hit->id[0] = '\0';
		return STL_STATUS_SUCCESS;
	}
	if (st)
		return reader_fail(q, st);
	stl_schema_id(key, number, hit->id);
	return STL_STATUS_SUCCESS;
}

static stl_status_t take_hit(struct req *q, const stl_hit_t *h,
			     struct search_hit *out)
{
	stl_status_t st;

	memset(out, 0, sizeof(*out));
	st = stl_record_read(h->data, h->data_len, &out->record);
	if (st == STL_STATUS_OUT_OF_MEMORY)
		return st;
	if (st != STL_STATUS_SUCCESS)
		return fail(q, STL_STATUS_DATABASE_CORRUPT,
			    "el índice '%s' tiene un documento ilegible (%u): ejecute stlindex --full",
			    q->o->db, h->docid);
	out->docid = h->docid;
	out->score = h->weight;
	out->rank = h->rank + 1;	/* h->rank counts from the first match */
	st = hit_id(q, out);
	if (!st)
		st = make_snippets(q, h, record_text(out->record),
				   &out->snippet, &out->snippet_plain,
				   q->o->snippet_max);
	/* Failed half-way (a writer committed under us): nothing kept. */
	if (st)
		search_hit_release(out);
	return st;
}

/* ---- statuses of agreements --------------------------------------------- */

/* The statuses of @h's agreements from @m (stl/followup.h). */
static stl_status_t hit_statuses(const struct followup_map *m,
				 struct search_hit *h, const char *today)
{
	const struct stl_record *rec = h->record;
	const struct stl_minute *mn = rec->minute;
	size_t i, n = rec->kind == STL_DOC_AGREEMENT ? 1 : mn->nagreements;
	stl_status_t st = STL_STATUS_SUCCESS;

	memcpy(h->today, today, sizeof(h->today));
	h->statuses = calloc(n ? n : 1, sizeof(*h->statuses));
	if (!h->statuses)
		return STL_STATUS_OUT_OF_MEMORY;
	for (i = 0; i < n && !st; i++) {
		unsigned number = rec->kind == STL_DOC_AGREEMENT
					  ? rec->agreement.number
					  : mn->agreements[i].number;

		st = followup_status_of(m, mn->date, number, &h->statuses[i]);
		h->nstatuses += !st;
	}
	return st;
}

/* Every hit's statuses, read once from the stating minutes. */
static stl_status_t take_statuses(struct req *q, struct search_hit *hits,
				  size_t n)
{
	struct followup_map m;
	stl_status_t st;
	size_t i;

	if (!n)
		return STL_STATUS_SUCCESS;
	st = followup_map_load(q->r, q->today, &m);
	for (i = 0; i < n && !st; i++)
		st = hit_statuses(&m, &hits[i], q->today);
	followup_map_release(&m);	/* zeroed when the load failed */
	return st;
}

/* ---- copies of one minute --------------------------------------------- */

/* Files listed with one hit at most: far more than any archive keeps of
 * one minute, and a bound on the records read for one hit. */
#define COPIES_MAX 1000

struct copy_walk {
	stl_docid_t self;
	stl_docid_t *ids;
	size_t n, alloc;
	bool failed;
};

static int note_copy(stl_docid_t docid, void *ctx)
{
	struct copy_walk *w = ctx;
	stl_docid_t *v;

	if (docid == w->self)
		return 0;
	if (w->n == w->alloc) {
		w->alloc = w->alloc ? 2 * w->alloc : 4;
		v = realloc(w->ids, w->alloc * sizeof(*v));
		if (!v) {
			w->failed = true;
			return 1;
		}
		w->ids = v;
	}
	w->ids[w->n++] = docid;
	return w->n == COPIES_MAX;
}

static int copy_cmp(const void *a, const void *b)
{
	const struct stl_record *x = *(struct stl_record *const *)a;
	const struct stl_record *y = *(struct stl_record *const *)b;

	return strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

/* The other files of @hit, found by its copy key @key. */
static stl_status_t find_copies(struct req *q, const char *key,
				struct search_hit *hit)
{
	char term[STL_SCHEMA_TERM_SIZE], *data;
	struct copy_walk w = { .self = hit->docid };
	stl_status_t st;
	size_t i, len;

	if (!key || !*key || !stl_schema_copy_term(key, term))
		return STL_STATUS_SUCCESS;
	st = stl_reader_postings(q->r, term, note_copy, &w);
	if (!st && w.failed)
		st = STL_STATUS_OUT_OF_MEMORY;
	if (st || !w.n)
		goto out;
	hit->copies = calloc(w.n, sizeof(*hit->copies));
	if (!hit->copies) {
		st = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	for (i = 0; i < w.n && !st; i++) {
		st = stl_reader_get_data(q->r, w.ids[i], &data, &len);
		if (st == STL_STATUS_NOT_FOUND) {
			st = STL_STATUS_SUCCESS;
			continue;	/* gone since the match: not a copy */
		}
		if (!st)
			st = stl_record_read(data, len,
					     &hit->copies[hit->ncopies]);
		if (!st)
			hit->ncopies++;
		else if (st != STL_STATUS_OUT_OF_MEMORY)
			st = STL_STATUS_SUCCESS;	/* unreadable: left out */
		free(data);
	}
	qsort(hit->copies, hit->ncopies, sizeof(*hit->copies), copy_cmp);
out:
	free(w.ids);
	return st;
}

static stl_status_t take_copies(struct req *q, const stl_results_t *rs)
{
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < q->res->nhits && !st; i++)
		st = find_copies(q, rs->hits[i].collapse_key, &q->res->hits[i]);
	return st;
}

/*
 * The follow-up links of @hit (stl/links.h): a minute's previous and next
 * meetings; for an agreement due at the follow-up meeting, that meeting.
 */
static stl_status_t hit_links(struct req *q, struct search_hit *hit)
{
	const struct stl_record *rec = hit->record;
	const struct stl_minute *m = rec->minute;
	char key[STL_SCHEMA_KEY_SIZE], *copy = NULL;
	struct links_minute lm = { key, m->date, m->event, m->next_date, NULL };
	unsigned number;
	stl_status_t st;

	if (!stl_schema_id_parse(hit->id, key, &number))
		return STL_STATUS_SUCCESS;
	if (rec->kind == STL_DOC_AGREEMENT && !rec->agreement.due_next_meeting)
		return STL_STATUS_SUCCESS;
	if (!q->links) {
		st = links_new(q->r, q->inst, &q->links);
		if (st)
			return st;
	}
	if (rec->kind == STL_DOC_AGREEMENT) {
		/* Due at the follow-up meeting: the deadline is its date. */
		lm.announced = rec->agreement.deadline;
		return links_next(q->links, &lm, &hit->due_meeting);
	}
	st = links_next(q->links, &lm, &hit->next);
	if (!st)
		st = stl_reader_get_value(q->r, hit->docid, STL_SLOT_COPY, &copy,
					  NULL);
	lm.copy = copy;
	if (!st)
		st = links_previous(q->links, &lm, &hit->previous);
	free(copy);
	return st;
}

static stl_status_t take_links(struct req *q)
{
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < q->res->nhits && !st; i++)
		st = hit_links(q, &q->res->hits[i]);
	return st;
}

/* The minute hit an agreement of @path belongs to, or NULL. */
static struct search_hit *minute_of(struct search_result *res,
				    const char *path)
{
	size_t i;

	for (i = 0; i < res->nhits; i++) {
		const struct stl_record *rec = res->hits[i].record;

		if (rec->kind == STL_DOC_AGREEMENT)
			continue;
		if (!strcmp(record_path(rec), path))
			return &res->hits[i];
	}
	return NULL;
}

/*
 * A term that filters rather than answers: a boolean term (kind, file,
 * date, institution id), or a word of an institution's name, which
 * institucion: looks for among the attendees, as every document of the
 * minute has them.
 */
static bool is_filter_term(const char *term, size_t len, void *ctx)
{
	const char *inst = stl_fields[STL_FIELD_INSTITUTION].prefix[STL_DOC_MINUTE];
	struct stl_term_parts tp;

	(void)ctx;
	if (!stl_schema_split_term(term, len, &tp))
		return true;
	return tp.prefix_len == strlen(inst) &&
	       !memcmp(tp.prefix, inst, tp.prefix_len);
}

/* The hit matched a word of the query, not only its filters. */
static bool has_word(const stl_hit_t *h)
{
	size_t i;

	for (i = 0; i < h->nterms; i++)
		if (!is_filter_term(h->terms[i], strlen(h->terms[i]), NULL))
			return true;
	return false;
}

static stl_status_t attach_sub(struct req *q, const stl_hit_t *h)
{
	struct search_hit tmp, *m;
	struct search_sub *v;
	stl_status_t st;

	/* Filters alone match every agreement of the minute. */
	if (!has_word(h))
		return STL_STATUS_SUCCESS;
	st = take_hit(q, h, &tmp);
	if (st)
		return st;
	m = minute_of(q->res, record_path(tmp.record));
	if (!m || m->nsubs >= SUBS_MAX)
		goto out;
	v = realloc(m->subs, (m->nsubs + 1) * sizeof(*v));
	if (!v) {
		st = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	m->subs = v;
	v[m->nsubs].number = tmp.record->agreement.number;
	v[m->nsubs].snippet = tmp.snippet;
	tmp.snippet = NULL;
	m->nsubs++;
out:
	stl_record_destroy(tmp.record);
	free(tmp.snippet);
	free(tmp.snippet_plain);
	return st;
}

/*
 * For the minutes on this page, their agreements that match the query too,
 * in one more search restricted to those files.
 */
static stl_status_t find_subs(struct req *q, const stl_query_t *base)
{
	struct search_result *res = q->res;
	struct stl_search_opts so = { .limit = SUBS_MAX * 10,
				      .query_terms = true };
	stl_query_t **files, *any = NULL, *in_files = NULL, *qq = NULL;
	stl_query_t *subs[2];
	stl_results_t *rs = NULL;
	size_t i, n = 0;
	stl_status_t st = STL_STATUS_SUCCESS;

	files = calloc(res->nhits ? res->nhits : 1, sizeof(*files));
	if (!files)
		return STL_STATUS_OUT_OF_MEMORY;
	for (i = 0; i < res->nhits && !st; i++) {
		const struct stl_record *rec = res->hits[i].record;
		char term[STL_SCHEMA_TERM_SIZE], *path = NULL;

		if (rec->kind == STL_DOC_AGREEMENT)
			continue;
		/* The file key hashes the path as indexed; the record's may
		 * be repaired (a name that is not UTF-8). */
		st = stl_reader_get_value(q->r, res->hits[i].docid,
					  STL_SLOT_PATH, &path, NULL);
		if (st)
			break;
		stl_schema_file_term(*path ? path : record_path(rec), term);
		free(path);
		st = stl_query_new_term(term, &files[n++]);
	}
	if (st || !n)
		goto out;
	st = stl_query_combine(STL_QUERY_OR, files, n, 0, &any);
	if (!st)
		st = restrict_kind(q, base, STL_DOC_AGREEMENT, &in_files);
	subs[0] = in_files;
	subs[1] = any;
	if (!st)
		st = stl_query_combine(STL_QUERY_FILTER, subs, 2, 0, &qq);
	if (!st)
		st = stl_reader_search(q->r, qq, &so, &rs);
	if (st)
		goto out;
	for (i = 0; i < rs->nhits && !st; i++)
		st = attach_sub(q, &rs->hits[i]);
out:
	while (n)
		stl_query_destroy(files[--n]);
	free(files);
	stl_query_destroy(any);
	stl_query_destroy(in_files);
	stl_query_destroy(qq);
	stl_results_destroy(rs);
	return st;
}

/* The text of agreement @number of @m, or NULL. */
static const char *agreement_text(const struct stl_minute *m, unsigned number)
{
	size_t i;

	for (i = 0; i < m->nagreements; i++)
		if (m->agreements[i].number == number)
			return m->agreements[i].text;
	return NULL;
}

/*
 * The snippet of minute @hit (found as @h) taken again from its text
 * without the agreements shown under it, so no sentence is printed twice
 * in one hit. Without another matching sentence it is the first one.
 */
static stl_status_t snippet_besides_subs(struct req *q, const stl_hit_t *h,
					 struct search_hit *hit)
{
	const struct stl_minute *m = hit->record->minute;
	char *text, *hl = NULL, *plain = NULL;
	bool blanked = false;
	stl_status_t st;
	size_t k;

	text = strdup(record_text(hit->record));
	if (!text)
		return STL_STATUS_OUT_OF_MEMORY;
	for (k = 0; k < hit->nsubs; k++) {
		const char *a = agreement_text(m, hit->subs[k].number);

		if (a && snippet_blank(text, strlen(text), a))
			blanked = true;
	}
	st = STL_STATUS_SUCCESS;
	if (blanked)
		st = make_snippets(q, h, text, &hl, &plain,
				   q->o->snippet_max);
	if (!st && blanked) {
		free(hit->snippet);
		free(hit->snippet_plain);
		hit->snippet = hl;
		hit->snippet_plain = plain;
		hl = plain = NULL;
	}
	free(hl);
	free(plain);
	free(text);
	return st;
}

static stl_status_t dedupe_snippets(struct req *q, const stl_results_t *rs)
{
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < q->res->nhits && !st; i++)
		if (q->res->hits[i].nsubs)
			st = snippet_besides_subs(q, &rs->hits[i],
						  &q->res->hits[i]);
	return st;
}

static const char *const facet_names[] = { "año", "institucion", "asistente" };
static const char *const facet_labels[] = { "año", "institución",
					    "asistente" };
static const stl_slot_t facet_slots[] = { STL_SLOT_YEAR,
					  STL_SLOT_INSTITUTIONS,
					  STL_SLOT_ATTENDEES };

static stl_status_t take_facets(struct search_result *res,
				const stl_results_t *rs)
{
	size_t i, k;

	res->facets = calloc(rs->nfacets ? rs->nfacets : 1,
			     sizeof(*res->facets));
	if (!res->facets)
		return STL_STATUS_OUT_OF_MEMORY;
	for (i = 0; i < rs->nfacets; i++) {
		struct search_facet *f = &res->facets[i];

		f->name = facet_names[i];
		f->label = facet_labels[i];
		f->values = calloc(rs->facets[i].nvalues + 1, sizeof(*f->values));
		if (!f->values)
			return STL_STATUS_OUT_OF_MEMORY;
		res->nfacets++;
		for (k = 0; k < rs->facets[i].nvalues; k++) {
			f->values[k].value = strdup(rs->facets[i].values[k].value);
			if (!f->values[k].value)
				return STL_STATUS_OUT_OF_MEMORY;
			f->values[k].count = rs->facets[i].values[k].count;
			f->n++;
		}
	}
	return STL_STATUS_SUCCESS;
}

/* The dictionary's spelling of a word the index does not have. */
static char *fix_word(const char *word, size_t len, void *ctx,
		      stl_status_t *err)
{
	struct req *q = ctx;
	char *w, *fix = NULL;
	unsigned freq = 0;

	w = strndup(word, len);
	if (!w) {
		*err = STL_STATUS_OUT_OF_MEMORY;
		return NULL;
	}
	*err = stl_reader_term_freq(q->r, w, &freq);
	if (!*err && !freq)
		*err = stl_reader_spelling_suggestion(q->r, w, &fix);
	free(w);
	return fix;
}

/*
 * A correction of the query, word by word through the index's spelling
 * dictionary (fields too; Xapian's corrected query leaves their words
 * alone and changes stop words in phrases), in q->candidate; whether it
 * finds anything is tried after.
 */
static stl_status_t suggest(struct req *q)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	bool changed;
	stl_status_t st;

	st = query_correct(q->canonical.buf, fix_word, q, &sb, &changed);
	free(q->candidate);
	q->candidate = NULL;
	if (!st && changed)
		q->candidate = stl_strbuf_detach(&sb, NULL);
	stl_strbuf_release(&sb);
	if (st == STL_STATUS_DATABASE_MODIFIED)
		return st;
	return st == STL_STATUS_OUT_OF_MEMORY ? st : STL_STATUS_SUCCESS;
}

/* The parser's message without its own "consulta no válida: " lead. */
static const char *parser_reason(const char *msg)
{
	static const char lead[] = "consulta no válida: ";

	if (!msg)
		return "error de sintaxis";
	if (!strncmp(msg, lead, sizeof(lead) - 1))
		return msg + sizeof(lead) - 1;
	return msg;
}

/* The canonical query for documents of @kind, in *@out. */
static stl_status_t parse_for(struct req *q, enum stl_doc_kind kind,
			      stl_query_t **out)
{
	char *msg = NULL;
	stl_status_t st;

	if (q->info.match_all) {
		st = stl_query_new_match_all(out);
		return st ? fail(q, st, "memoria insuficiente") : st;
	}
	st = query_parse(q->qp, kind, q->fast.buf, out, &msg);
	if (st == STL_STATUS_BAD_QUERY) {
		char *shown = search_query_shown(q->o->query);

		fail(q, st, "consulta no válida '%s': %s", shown ? shown : "",
		     parser_reason(msg));
		free(shown);
	}
	free(msg);
	return st;
}

/*
 * What to search: the query parsed for each kind of document asked for
 * (their text prefixes differ), each restricted to its kind, ORed. A
 * query that says tipo: itself gets both kinds.
 */
static stl_status_t make_query(struct req *q, stl_query_t *base[STL_DOC_NKINDS],
			       stl_query_t **out)
{
	bool want[STL_DOC_NKINDS];
	stl_query_t *f[STL_DOC_NKINDS] = { NULL, NULL };
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t n = 0;
	int k;

	want[STL_DOC_MINUTE] = q->info.has_kind || q->o->kind != STL_DOC_AGREEMENT;
	want[STL_DOC_AGREEMENT] = q->info.has_kind || q->o->kind != STL_DOC_MINUTE;
	/* The agreements under each minute need the agreements' query. */
	if (q->o->kind != STL_DOC_AGREEMENT)
		want[STL_DOC_AGREEMENT] = true;
	for (k = 0; k < STL_DOC_NKINDS && !st; k++)
		if (want[k])
			st = parse_for(q, (enum stl_doc_kind)k, &base[k]);
	if (q->info.has_kind || q->o->kind == STL_DOC_ANY) {
		for (k = 0; k < STL_DOC_NKINDS && !st; k++)
			st = restrict_kind(q, base[k], (enum stl_doc_kind)k,
					   &f[n++]);
		if (!st)
			st = stl_query_combine(STL_QUERY_OR, f, n, 0, out);
	} else {
		k = q->o->kind;
		if (!st)
			st = restrict_kind(q, base[k], (enum stl_doc_kind)k, out);
	}
	while (n)
		stl_query_destroy(f[--n]);
	return st;
}

/*
 * A query without words ranks nothing (every weight is 0): it lists what
 * its filters allow, newest first, unless an order was asked for.
 */
static void order_of(struct req *q, const stl_query_t *qq,
		     struct stl_search_opts *so)
{
	q->no_words = q->info.match_all ||
		      stl_query_all_terms(qq, is_filter_term, NULL);
	if (q->no_words && so->sort == STL_SORT_RELEVANCE)
		so->sort = STL_SORT_VALUE_DESC;
}

/*
 * Equal scores are ordered newest first, not by Xapian's document ids,
 * which differ between one index and its shards.
 */
static const struct stl_sort_tie newest_first = { STL_SLOT_DATE, true };

static stl_status_t attempt(struct req *q)
{
	const struct search_opts *o = q->o;
	struct stl_search_opts so = {
		.offset = o->offset,
		.limit = o->count_only || q->probing ? 0 : o->limit,
		.sort = o->sort,
		.sort_slot = o->sort_by_deadline ? STL_SLOT_DEADLINE
						 : STL_SLOT_DATE,
		.sort_empty_last = o->sort_by_deadline,
		.exact_count = o->count_only || o->facets,
		.query_terms = true,
		.facet_slots = o->facets ? facet_slots : NULL,
		.nfacets = o->facets ? 3 : 0,
		.collapse = true,
		.collapse_slot = STL_SLOT_COPY,
	};
	stl_query_t *qq = NULL, *base[STL_DOC_NKINDS] = { NULL, NULL };
	stl_results_t *rs = NULL;
	stl_status_t st;
	size_t i;

	st = make_query(q, base, &qq);
	if (st)
		goto out;
	order_of(q, qq, &so);
	so.tie = &newest_first;
	st = stl_reader_search(q->r, qq, &so, &rs);
	if (st) {
		reader_fail(q, st);
		goto out;
	}
	q->res->matches = rs->matches;
	q->res->exact = so.exact_count ||
			rs->matches_lower == rs->matches_upper;
	q->res->hits = calloc(rs->nhits ? rs->nhits : 1,
			      sizeof(*q->res->hits));
	if (!q->res->hits) {
		st = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	for (i = 0; i < rs->nhits && !st; i++) {
		st = take_hit(q, &rs->hits[i], &q->res->hits[i]);
		q->res->nhits += !st;
	}
	if (!st)
		st = take_copies(q, rs);
	if (!st)
		st = take_statuses(q, q->res->hits, q->res->nhits);
	if (!st)
		st = take_links(q);
	if (!st && o->facets)
		st = take_facets(q->res, rs);
	if (!st && q->res->nhits && o->kind != STL_DOC_AGREEMENT &&
	    !q->no_words)
		st = find_subs(q, base[STL_DOC_AGREEMENT]);
	if (!st)
		st = dedupe_snippets(q, rs);
	if (!st && !rs->matches && !q->probing)
		st = suggest(q);
	if (st && st != STL_STATUS_DATABASE_MODIFIED && !*q->errmsg)
		reader_fail(q, st);
out:
	stl_query_destroy(qq);
	stl_query_destroy(base[STL_DOC_MINUTE]);
	stl_query_destroy(base[STL_DOC_AGREEMENT]);
	stl_results_destroy(rs);
	return st;
}

/* Let the writer get ahead before attempt number @tries + 1. */
static void retry_pause(int tries)
{
	long ms = tries < 8 ? 1L << tries : SEARCH_PAUSE_MAX_MS;
	struct timespec ts;

	if (ms > SEARCH_PAUSE_MAX_MS)
		ms = SEARCH_PAUSE_MAX_MS;
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

/* A writer may commit twice between the open and the metadata reads
 * that follow it: open again, as a search is retried. */
static stl_status_t open_retried(struct req *q)
{
	stl_status_t st;
	int tries;

	for (tries = 1;; tries++) {
		st = open_index(q);
		if (st != STL_STATUS_DATABASE_MODIFIED ||
		    tries == SEARCH_ATTEMPTS)
			return st;
		close_index(q);
		retry_pause(tries);
	}
}

/*
 * The canonical query rewritten, in q->fast: persona: and asistente: by
 * every form of the people they name (people.h: each minute's people,
 * read only when the query has such a field), asistente: by institution,
 * phrases of free text marked.
 */
static stl_status_t rewrite(struct req *q)
{
	struct stl_strbuf people = STL_STRBUF_INIT, mid = STL_STRBUF_INIT;
	stl_status_t st;
	int tries;

	for (tries = 1;; tries++) {
		stl_strbuf_reset(&people);
		st = people_query_identities(q->r, q->canonical.buf, &people);
		if (st != STL_STATUS_DATABASE_MODIFIED ||
		    tries == SEARCH_ATTEMPTS)
			break;
		retry_pause(tries);
		st = stl_reader_reopen(q->r);
		if (st)
			break;
	}
	if (!st)
		st = query_by_institution(people.buf, &mid);
	/* Names of institutions on the client: remote shards have no
	 * synonyms (qnames.h). */
	stl_strbuf_reset(&people);
	if (!st)
		st = query_by_name(q->inst, mid.buf, &people);
	if (!st)
		st = query_fast_phrases(people.buf, &q->fast);
	if (st == STL_STATUS_OUT_OF_MEMORY)
		fail(q, st, "memoria insuficiente");
	else if (st && st != STL_STATUS_DATABASE_MODIFIED)
		reader_fail(q, st);
	stl_strbuf_release(&people);
	stl_strbuf_release(&mid);
	return st;
}

static stl_status_t attempts(struct req *q)
{
	stl_status_t st = STL_STATUS_SUCCESS;
	int tries;

	for (tries = 1; !st; tries++) {
		st = attempt(q);
		if (st != STL_STATUS_DATABASE_MODIFIED ||
		    tries == SEARCH_ATTEMPTS)
			break;
		/* A writer committed under us: start over on its revision. */
		search_result_release(q->res);
		retry_pause(tries);
		st = stl_reader_reopen(q->r);
		if (st)
			reader_fail(q, st);
	}
	return st;
}

/*
 * Nothing was found: search q->candidate. It becomes the suggestion only
 * if it finds something, and its results are given when asked for.
 */
static stl_status_t try_suggestion(struct req *q)
{
	struct search_result *orig = q->res, alt;
	stl_status_t st;
	bool found;

	memset(&alt, 0, sizeof(alt));
	stl_strbuf_reset(&q->canonical);
	stl_strbuf_reset(&q->fast);
	stl_strbuf_addstr(&q->canonical, q->candidate);
	st = query_fast_phrases(q->canonical.buf, &q->fast);
	q->probing = !q->o->take_suggestion;
	q->res = &alt;
	if (!st)
		st = attempts(q);
	q->res = orig;
	found = !st && alt.matches;
	if (found && q->o->take_suggestion) {
		search_result_release(orig);
		*orig = alt;
		orig->from_suggestion = true;
	} else {
		search_result_release(&alt);
	}
	if (found) {
		orig->suggestion = q->candidate;
		q->candidate = NULL;
	}
	return st;
}

stl_status_t search_run(const struct search_opts *o, struct search_result *res,
			char **errmsg)
{
	return search_run_on(NULL, o, res, errmsg);
}

stl_status_t search_run_on(stl_reader_t *r, const struct search_opts *o,
			   struct search_result *res, char **errmsg)
{
	struct req q = { .o = o, .res = res, .errmsg = errmsg, .borrowed = r };
	stl_status_t st;

	*errmsg = NULL;
	memset(res, 0, sizeof(*res));
	stl_strbuf_init(&q.canonical, 0);
	stl_strbuf_init(&q.fast, 0);
	st = followup_today(o->today, q.today, errmsg);
	if (!st)
		st = query_translate(o->query, &q.canonical, &q.info, errmsg);
	if (st == STL_STATUS_BAD_QUERY) {
		char *why = *errmsg, *shown = search_query_shown(o->query);

		*errmsg = stl_strdup_printf("consulta no válida '%s': %s",
					    shown ? shown : "",
					    why ? why : "");
		free(shown);
		free(why);
	}
	if (!st)
		st = open_retried(&q);
	if (!st)
		st = rewrite(&q);
	if (!st)
		st = attempts(&q);
	if (!st && !res->matches && q.candidate)
		st = try_suggestion(&q);
	if (st == STL_STATUS_DATABASE_MODIFIED)
		fail(&q, st, "el índice '%s' cambió demasiadas veces durante la búsqueda; inténtelo de nuevo",
		     o->db);
	free(q.candidate);
	close_index(&q);
	query_info_release(&q.info);
	stl_strbuf_release(&q.canonical);
	stl_strbuf_release(&q.fast);
	return st;
}

void search_hit_release(struct search_hit *h)
{
	size_t k;

	stl_record_destroy(h->record);
	free(h->snippet);
	free(h->snippet_plain);
	for (k = 0; k < h->nsubs; k++)
		free(h->subs[k].snippet);
	free(h->subs);
	for (k = 0; k < h->ncopies; k++)
		stl_record_destroy(h->copies[k]);
	free(h->copies);
	for (k = 0; k < h->nstatuses; k++)
		followup_status_release(&h->statuses[k]);
	free(h->statuses);
	search_link_release(&h->previous);
	search_link_release(&h->next);
	search_link_release(&h->due_meeting);
	memset(h, 0, sizeof(*h));
}

/* ---- one minute, whole ------------------------------------------------------- */

static int first_doc(stl_docid_t docid, void *ctx)
{
	*(stl_docid_t *)ctx = docid;
	return 1;
}

/* One attempt at reading the minute of @term into @out. */
static stl_status_t minute_attempt(struct req *q, const char *term,
				   struct search_hit *out)
{
	stl_docid_t docid = 0;
	char *data = NULL, *copy = NULL;
	size_t len = 0;
	stl_status_t st;

	st = stl_reader_postings(q->r, term, first_doc, &docid);
	if (st)
		return reader_fail(q, st);
	if (!docid)
		return STL_STATUS_NOT_FOUND;
	st = stl_reader_get_data(q->r, docid, &data, &len);
	if (st == STL_STATUS_NOT_FOUND)
		return STL_STATUS_DATABASE_MODIFIED;	/* gone meanwhile */
	if (st)
		return reader_fail(q, st);
	st = stl_record_read(data, len, &out->record);
	free(data);
	if (st == STL_STATUS_OUT_OF_MEMORY)
		return fail(q, st, "memoria insuficiente");
	if (st || out->record->kind != STL_DOC_MINUTE)
		return fail(q, STL_STATUS_DATABASE_CORRUPT,
			    "el índice '%s' tiene un documento ilegible (%u): ejecute stlindex --full",
			    q->o->db, docid);
	out->docid = docid;
	st = hit_id(q, out);
	if (!st)
		st = stl_reader_get_value(q->r, docid, STL_SLOT_COPY, &copy,
					  NULL);
	if (!st)
		st = find_copies(q, copy, out);
	if (!st)
		st = take_statuses(q, out, 1);
	if (!st)
		st = hit_links(q, out);
	free(copy);
	if (st && st != STL_STATUS_DATABASE_MODIFIED && !*q->errmsg)
		reader_fail(q, st);
	return st;
}

static stl_status_t minute_by_term(stl_reader_t *r, const char *db,
				   const char *term, const char *today,
				   struct search_hit *out, char **errmsg)
{
	struct search_opts o = { .db = db, .today = today };
	struct search_result res = { 0 };
	struct req q = { .o = &o, .res = &res, .errmsg = errmsg,
			 .borrowed = r };
	stl_status_t st;
	int tries;

	*errmsg = NULL;
	memset(out, 0, sizeof(*out));
	st = followup_today(today, q.today, errmsg);
	if (!st)
		st = open_retried(&q);
	for (tries = 1; !st; tries++) {
		st = minute_attempt(&q, term, out);
		if (st != STL_STATUS_DATABASE_MODIFIED ||
		    tries == SEARCH_ATTEMPTS)
			break;
		search_hit_release(out);
		retry_pause(tries);
		st = stl_reader_reopen(q.r);
		if (st)
			reader_fail(&q, st);
	}
	if (st == STL_STATUS_DATABASE_MODIFIED)
		fail(&q, st, "el índice '%s' cambió demasiadas veces durante la búsqueda; inténtelo de nuevo",
		     db);
	if (st)
		search_hit_release(out);
	if (st == STL_STATUS_NOT_FOUND) {
		free(*errmsg);
		*errmsg = NULL;
	}
	close_index(&q);
	return st;
}

stl_status_t search_minute_by_key(const char *db, const char *key,
				  const char *today, struct search_hit *out,
				  char **errmsg)
{
	return search_minute_by_key_on(NULL, db, key, today, out, errmsg);
}

stl_status_t search_minute_by_key_on(stl_reader_t *r, const char *db,
				     const char *key, const char *today,
				     struct search_hit *out, char **errmsg)
{
	char term[STL_SCHEMA_TERM_SIZE];

	*errmsg = NULL;
	memset(out, 0, sizeof(*out));
	if (!stl_schema_minute_term_of_key(key, term))
		return STL_STATUS_NOT_FOUND;
	return minute_by_term(r, db, term, today, out, errmsg);
}

stl_status_t search_minute_by_path(const char *db, const char *path,
				   const char *today, struct search_hit *out,
				   char **errmsg)
{
	char key[STL_SCHEMA_KEY_SIZE];

	stl_schema_file_key(path, key);
	return search_minute_by_key(db, key, today, out, errmsg);
}

void search_result_release(struct search_result *res)
{
	size_t i, k;

	for (i = 0; i < res->nhits; i++)
		search_hit_release(&res->hits[i]);
	free(res->hits);
	for (i = 0; i < res->nfacets; i++) {
		for (k = 0; k < res->facets[i].n; k++)
			free(res->facets[i].values[k].value);
		free(res->facets[i].values);
	}
	free(res->facets);
	free(res->suggestion);
	memset(res, 0, sizeof(*res));
}

/* Longest part of a query quoted back, in bytes. */
#define SHOWN_MAX 120

char *search_query_shown(const char *query)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const uint8_t *s = (const uint8_t *)query;
	size_t len = strlen(query), i = 0;

	while (i < len) {
		ucs4_t c;
		int n = u8_mbtouc(&c, s + i, len - i);

		if (sb.len >= SHOWN_MAX) {
			stl_strbuf_addstr(&sb, "…");
			break;
		}
		/* u8_mbtouc() gives U+FFFD for an invalid sequence: write
		 * that, not the bytes it stands for. */
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
		    c == 0xfffd)
			stl_strbuf_addstr(&sb, "\xEF\xBF\xBD");
		else
			stl_strbuf_add(&sb, s + i, (size_t)n);
		i += (size_t)n;
	}
	return stl_strbuf_detach(&sb, NULL);
}
