/*
 * links.c - follow-up links between minutes, found at query time; the
 * rules are in links.h.
 */
#include "stl/links.h"

#include <stdlib.h>
#include <string.h>

#include "stl/date.h"
#include "stl/record.h"
#include "stl/strbuf.h"

struct links {
	stl_reader_t *r;
	struct stl_inst_matcher *matcher;
};

/* A minute a lookup found. */
struct cand {
	char key[STL_SCHEMA_KEY_SIZE];
	char date[11];
	char announced[11];
	char *path;
	char *event;		/* as written, or NULL */
	char *evkey;		/* stl_minute_event_key(), "" for none */
};

struct cands {
	struct cand v[LINKS_TIES];
	size_t n;
};

stl_status_t links_new(stl_reader_t *r, const struct stl_institutions *inst,
		       struct links **out)
{
	struct links *l = calloc(1, sizeof(*l));

	*out = NULL;
	if (!l)
		return STL_STATUS_OUT_OF_MEMORY;
	l->r = r;
	if (inst && stl_inst_matcher_new(inst, &l->matcher)) {
		free(l);
		return STL_STATUS_OUT_OF_MEMORY;
	}
	*out = l;
	return STL_STATUS_SUCCESS;
}

void links_destroy(struct links *l)
{
	if (!l)
		return;
	stl_inst_matcher_destroy(l->matcher);
	free(l);
}

void search_link_release(struct search_link *k)
{
	free(k->path);
	memset(k, 0, sizeof(*k));
}

static void cand_release(struct cand *k)
{
	free(k->path);
	free(k->event);
	free(k->evkey);
	memset(k, 0, sizeof(*k));
}

static void cands_release(struct cands *c)
{
	while (c->n)
		cand_release(&c->v[--c->n]);
}

/* The event key of @event, malloc'ed ("" for none); NULL if out of memory. */
static char *event_key(struct links *l, const char *event)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	if (stl_minute_event_key(event, l->matcher, &sb)) {
		stl_strbuf_release(&sb);
		return NULL;
	}
	return stl_strbuf_detach(&sb, NULL);
}

/* The day number of @iso in *@days; false if it is no date. */
static bool iso_days(const char *iso, long *days)
{
	int y, m, d;

	if (!iso || strlen(iso) != 10 || !stl_date_number(iso, 4, 4, &y) ||
	    !stl_date_number(iso + 5, 2, 2, &m) ||
	    !stl_date_number(iso + 8, 2, 2, &d) || !stl_date_valid(y, m, d))
		return false;
	*days = stl_date_to_days(y, m, d);
	return true;
}

/* Day @days as the date slot holds it, "YYYYMMDD". */
static void slot_date(long days, char out[11])
{
	char iso[11];

	stl_date_format(days, iso);
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 3);
}

/* The day term of @iso into @term; false if it is no date. */
static bool day_term(const char *iso, char term[STL_SCHEMA_TERM_SIZE])
{
	long days;
	int y, m, d;

	if (!iso_days(iso, &days))
		return false;
	stl_date_from_days(days, &y, &m, &d);
	return stl_schema_date_term(y, m, d, term) > 0;
}

/* Hit @h as a candidate at the end of @c; one not read back is left out. */
static stl_status_t take_cand(struct links *l, const stl_hit_t *h,
			      struct cands *c)
{
	struct cand *k = &c->v[c->n];
	struct stl_record *rec = NULL;
	stl_status_t st;

	memset(k, 0, sizeof(*k));
	st = stl_schema_doc_key(l->r, h->docid, k->key);
	if (st == STL_STATUS_NOT_FOUND)
		return STL_STATUS_SUCCESS;
	if (st)
		return st;
	st = stl_record_read(h->data, h->data_len, &rec);
	if (st == STL_STATUS_OUT_OF_MEMORY)
		return st;
	if (st || rec->kind != STL_DOC_MINUTE) {
		stl_record_destroy(rec);
		return STL_STATUS_SUCCESS;
	}
	memcpy(k->date, rec->minute->date, sizeof(k->date));
	memcpy(k->announced, rec->minute->next_date, sizeof(k->announced));
	k->path = rec->path;
	rec->path = NULL;
	k->event = rec->minute->event;
	rec->minute->event = NULL;
	k->evkey = event_key(l, k->event);
	stl_record_destroy(rec);
	c->n++;
	return k->evkey ? STL_STATUS_SUCCESS : STL_STATUS_OUT_OF_MEMORY;
}

/* The minutes @q matches, in the order @sort asks (by date), into @c. */
static stl_status_t find(struct links *l, stl_query_t *q, stl_sort_t sort,
			 unsigned limit, struct cands *c)
{
	struct stl_search_opts so = { .limit = limit, .sort = sort,
				      .sort_slot = STL_SLOT_DATE };
	stl_results_t *rs = NULL;
	stl_status_t st;
	size_t i;

	st = stl_reader_search(l->r, q, &so, &rs);
	for (i = 0; !st && i < rs->nhits && c->n < LINKS_TIES; i++)
		st = take_cand(l, &rs->hits[i], c);
	stl_results_destroy(rs);
	return st;
}

/* The query of @term, filtered by @filter (may be NULL). */
static stl_status_t term_query(const char *term, stl_query_t *filter,
			       stl_query_t **out)
{
	stl_query_t *subs[2] = { NULL, filter };
	stl_status_t st;

	st = stl_query_new_term(term, &subs[0]);
	if (st || !filter) {
		*out = subs[0];
		return st;
	}
	st = stl_query_combine(STL_QUERY_FILTER, subs, 2, 0, out);
	stl_query_destroy(subs[0]);
	return st;
}

/* The minutes held on @iso. */
static stl_status_t held_on(struct links *l, const char *iso,
			    struct cands *c)
{
	char term[STL_SCHEMA_TERM_SIZE], kind[STL_SCHEMA_TERM_SIZE];
	stl_query_t *k = NULL, *q = NULL;
	stl_status_t st;

	if (!day_term(iso, term) || !stl_schema_kind_term(STL_DOC_MINUTE, kind))
		return STL_STATUS_SUCCESS;
	/* Agreements carry their meeting's date too. */
	st = stl_query_new_term(kind, &k);
	if (!st)
		st = term_query(term, k, &q);
	if (!st)
		st = find(l, q, STL_SORT_RELEVANCE, LINKS_TIES, c);
	stl_query_destroy(k);
	stl_query_destroy(q);
	return st;
}

/* The minutes that announced @iso as their follow-up meeting. */
static stl_status_t announcing(struct links *l, const char *iso,
			       struct cands *c)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_query_t *q = NULL;
	stl_status_t st;

	if (!stl_schema_next_meeting_term(iso, term))
		return STL_STATUS_SUCCESS;
	st = term_query(term, NULL, &q);
	if (!st)
		st = find(l, q, STL_SORT_RELEVANCE, LINKS_TIES, c);
	stl_query_destroy(q);
	return st;
}

/*
 * The minutes of the event @evkey nearest @iso: the first ones after it
 * (@later), or the last ones before it, all of one day. The nearest one
 * gives the day, then that day's are read: a sorted page of several
 * would read minutes of other days for nothing.
 */
static stl_status_t event_near(struct links *l, const char *evkey,
			       const char *iso, bool later, struct cands *c)
{
	char term[STL_SCHEMA_TERM_SIZE], day[STL_SCHEMA_TERM_SIZE], bound[11];
	stl_query_t *limit = NULL, *q = NULL;
	stl_status_t st;
	long days;

	if (!*evkey || !stl_schema_event_term(evkey, term) ||
	    !iso_days(iso, &days))
		return STL_STATUS_SUCCESS;
	slot_date(later ? days + 1 : days - 1, bound);
	st = stl_query_new_value_range(STL_SLOT_DATE, later ? bound : NULL,
				       later ? NULL : bound, &limit);
	if (!st)
		st = term_query(term, limit, &q);
	if (!st)
		st = find(l, q, later ? STL_SORT_VALUE_ASC : STL_SORT_VALUE_DESC,
			  1, c);
	stl_query_destroy(limit);
	stl_query_destroy(q);
	limit = q = NULL;
	if (st || !c->n || !day_term(c->v[0].date, day))
		return st;
	cands_release(c);
	st = stl_query_new_term(day, &limit);
	if (!st)
		st = term_query(term, limit, &q);
	if (!st)
		st = find(l, q, STL_SORT_RELEVANCE, LINKS_TIES, c);
	stl_query_destroy(limit);
	stl_query_destroy(q);
	return st;
}

/* Whether @a is a better pick than @b for a minute of event @evkey. */
static bool better(const struct cand *a, const struct cand *b,
		   const char *evkey)
{
	bool ea = *evkey && !strcmp(a->evkey, evkey);
	bool eb = *evkey && !strcmp(b->evkey, evkey);

	if (ea != eb)
		return ea;
	return strcmp(a->key, b->key) < 0;
}

/* A minute of another event is no follow-up of one of @evkey (two
 * groups may meet the same day); one without an event may be. */
static bool compatible(const struct cand *k, const char *evkey)
{
	return !*evkey || !*k->evkey || !strcmp(k->evkey, evkey);
}

/* The best of @c (not @self) for event @evkey, or NULL. */
static const struct cand *pick(const struct cands *c, const char *self,
			       const char *evkey)
{
	const struct cand *best = NULL;
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (!strcmp(c->v[i].key, self) || !compatible(&c->v[i], evkey))
			continue;
		if (!best || better(&c->v[i], best, evkey))
			best = &c->v[i];
	}
	return best;
}

static stl_status_t set_link(const struct cand *k, struct search_link *out)
{
	search_link_release(out);
	if (!k)
		return STL_STATUS_SUCCESS;
	memcpy(out->id, k->key, STL_SCHEMA_KEY_SIZE);
	memcpy(out->date, k->date, sizeof(out->date));
	if (k->path && !(out->path = strdup(k->path)))
		return STL_STATUS_OUT_OF_MEMORY;
	return STL_STATUS_SUCCESS;
}

static stl_status_t next_of(struct links *l, const struct links_minute *m,
			    const char *evkey, struct search_link *out)
{
	struct cands c = { .n = 0 };
	const struct cand *best = NULL;
	stl_status_t st = STL_STATUS_SUCCESS;

	if (m->announced && *m->announced) {
		st = held_on(l, m->announced, &c);
		best = st ? NULL : pick(&c, m->key, evkey);
	}
	if (!st && !best) {
		cands_release(&c);
		st = event_near(l, evkey, m->date, true, &c);
		best = st ? NULL : pick(&c, m->key, "");
	}
	if (!st)
		st = set_link(best, out);
	cands_release(&c);
	return st;
}

stl_status_t links_next(struct links *l, const struct links_minute *m,
			struct search_link *out)
{
	char *evkey = event_key(l, m->event);
	stl_status_t st;

	search_link_release(out);
	if (!evkey)
		return STL_STATUS_OUT_OF_MEMORY;
	st = next_of(l, m, evkey, out);
	free(evkey);
	return st;
}

/* Whether candidate @k's next meeting is the minute @key. */
static stl_status_t leads_to(struct links *l, const struct cand *k,
			     const char *key, bool *yes)
{
	struct links_minute pm = { k->key, k->date, k->event, k->announced };
	struct search_link next = { .path = NULL };
	stl_status_t st;

	st = next_of(l, &pm, k->evkey, &next);
	*yes = !st && !strcmp(next.id, key);
	search_link_release(&next);
	return st;
}

/* The better previous meeting of @a and @b: the latest, then by id. */
static bool later(const struct cand *a, const struct cand *b)
{
	int d = strcmp(a->date, b->date);

	return d ? d > 0 : strcmp(a->key, b->key) < 0;
}

static stl_status_t previous_of(struct links *l, const struct links_minute *m,
				const char *evkey, struct search_link *out)
{
	struct cands c = { .n = 0 }, e = { .n = 0 };
	const struct cand *best = NULL;
	stl_status_t st;
	size_t i;
	bool yes;

	st = announcing(l, m->date, &c);
	if (!st)
		st = event_near(l, evkey, m->date, false, &e);
	/* The two lists, as one: the event's after the announcers. */
	for (i = 0; !st && i < e.n && c.n < LINKS_TIES; i++) {
		c.v[c.n++] = e.v[i];
		memset(&e.v[i], 0, sizeof(e.v[i]));
	}
	for (i = 0; !st && i < c.n; i++) {
		const struct cand *k = &c.v[i];

		if (!strcmp(k->key, m->key) || (best && !later(k, best)))
			continue;
		st = leads_to(l, k, m->key, &yes);
		if (!st && yes)
			best = k;
	}
	if (!st)
		st = set_link(best, out);
	cands_release(&c);
	cands_release(&e);
	return st;
}

stl_status_t links_previous(struct links *l, const struct links_minute *m,
			    struct search_link *out)
{
	char *evkey = event_key(l, m->event);
	stl_status_t st;

	search_link_release(out);
	if (!evkey)
		return STL_STATUS_OUT_OF_MEMORY;
	st = previous_of(l, m, evkey, out);
	free(evkey);
	return st;
}
