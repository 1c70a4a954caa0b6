/*
 * links.c - follow-up links between minutes, found at query time; the
 * rules are in links.h.
 */
#include "stl/links.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "stl/date.h"
#include "stl/record.h"
#include "stl/strbuf.h"

struct links {
	stl_reader_t *r;
	struct stl_inst_matcher *matcher;
};

/* A minute a lookup found: what its values say (schema.h), no record. */
struct cand {
	stl_docid_t docid;
	char key[STL_SCHEMA_KEY_SIZE];
	char date[11];
	char announced[11];
	char event[STL_SCHEMA_TERM_SIZE];	/* its event's term, or "" */
	char copy[STL_SCHEMA_COPY_KEY_SIZE];	/* its copy key, or "" */
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

static void cands_clear(struct cands *c)
{
	c->n = 0;
}

/* The term of the event @event (schema.h) into @term ("" for none). */
static stl_status_t event_term(struct links *l, const char *event,
			       char term[STL_SCHEMA_TERM_SIZE])
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_status_t st;

	term[0] = '\0';
	st = stl_minute_event_key(event, l->matcher, &sb);
	if (!st && !stl_schema_event_term(sb.buf, term))
		term[0] = '\0';
	stl_strbuf_release(&sb);
	return st;
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

/* Value @slot of document @docid into @out (@size bytes, NUL included)
 * and its length in *@len; "" when it does not fit. Returns SUCCESS,
 * NOT_FOUND (no such document) or the reader's error. */
static stl_status_t get_value(struct links *l, stl_docid_t docid,
			      stl_slot_t slot, char *out, size_t size,
			      size_t *len)
{
	char *v = NULL;
	stl_status_t st;

	*len = 0;
	out[0] = '\0';
	st = stl_reader_get_value(l->r, docid, slot, &v, len);
	if (!st && *len < size)
		memcpy(out, v, *len + 1);
	else if (!st)
		*len = 0;
	free(v);
	return st;
}

/*
 * Hit @h as a candidate at the end of @c, from its values alone: its
 * record holds the whole text, far more to read. One gone meanwhile is
 * left out (the search is retried when the index changed).
 */
static stl_status_t take_cand(struct links *l, const stl_hit_t *h,
			      struct cands *c)
{
	struct cand *k = &c->v[c->n];
	char v[2 * STL_SCHEMA_TERM_SIZE];
	stl_status_t st;
	size_t len;

	memset(k, 0, sizeof(*k));
	k->docid = h->docid;
	st = stl_schema_doc_key(l->r, h->docid, k->key);
	if (!st)
		st = get_value(l, h->docid, STL_SLOT_DATE, v, sizeof(v), &len);
	if (!st && len == 8)
		snprintf(k->date, sizeof(k->date), "%.4s-%.2s-%.2s", v, v + 4,
			 v + 6);
	if (!st)
		st = get_value(l, h->docid, STL_SLOT_LINKS, v, sizeof(v), &len);
	if (!st && len)
		stl_schema_links_parse(v, len, k->announced, k->event);
	if (!st)
		st = get_value(l, h->docid, STL_SLOT_COPY, k->copy,
			       sizeof(k->copy), &len);
	if (st == STL_STATUS_NOT_FOUND)
		return STL_STATUS_SUCCESS;
	c->n += !st;
	return st;
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
 * Months looked at after (or before) a minute's month before the rest of
 * the archive: the next meeting is most often within weeks. Day, month
 * and year terms say what is later or earlier, so the search needs no
 * value range, which Xapian would check on every dated document.
 */
static const int windows[] = { 2, 12 };

#define SPAN_TERMS (31 + 12)

/* The terms of the days of @days's month after it (@later) or before it,
 * and of the @n months after (or before) that month, into @v. */
static stl_status_t window_terms(long days, bool later, int n,
				 stl_query_t **v, size_t *k)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t st = STL_STATUS_SUCCESS;
	int y, m, d, i, last;

	stl_date_from_days(days, &y, &m, &d);
	last = stl_date_days_in_month(y, m);
	for (i = later ? d + 1 : 1; i <= (later ? last : d - 1) && !st; i++)
		if (stl_schema_date_term(y, m, i, term))
			st = stl_query_new_term(term, &v[(*k)++]);
	for (i = 0; i < n && !st; i++) {
		m += later ? 1 : -1;
		if (m > 12 || m < 1) {
			y += later ? 1 : -1;
			m = later ? 1 : 12;
		}
		if (stl_schema_date_term(y, m, 0, term))
			st = stl_query_new_term(term, &v[(*k)++]);
	}
	return st;
}

/* The year terms after @days's year up to the index's last (@later), or
 * from its first up to the one before, into @v: what the windows, which
 * cover the rest of its year, leave. */
static stl_status_t year_terms(struct links *l, long days, bool later,
			       stl_query_t **v, size_t *k, size_t max)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t st = STL_STATUS_SUCCESS;
	int y, m, d, from, to, first, last;

	/* Read each time: a retry on a newer revision may know more years. */
	st = stl_schema_years(l->r, &first, &last);
	if (st)
		return st;
	stl_date_from_days(days, &y, &m, &d);
	from = later ? y + 1 : first;
	to = later ? last : y - 1;
	for (; from <= to && *k < max && !st; from++)
		if (stl_schema_date_term(from, 0, 0, term))
			st = stl_query_new_term(term, &v[(*k)++]);
	return st;
}

/*
 * The nearest minute of the event @evterm after @days (@later) or before
 * it, into @c: within window @window of windows[] months, or (0) in the
 * years past them; by date.
 */
static stl_status_t nearest(struct links *l, const char *evterm, long days,
			    bool later, int window, struct cands *c)
{
	stl_query_t *span[SPAN_TERMS + 1] = { NULL }, *subs[2] = { NULL, NULL };
	stl_query_t *q = NULL;
	stl_status_t st;
	size_t k = 0;

	st = window ? window_terms(days, later, window, span, &k)
		    : year_terms(l, days, later, span, &k, SPAN_TERMS);
	if (st || !k)
		goto out;
	st = stl_query_new_term(evterm, &subs[0]);
	if (!st)
		st = stl_query_combine(STL_QUERY_OR, span, k, 0, &subs[1]);
	if (!st)
		st = stl_query_combine(STL_QUERY_FILTER, subs, 2, 0, &q);
	if (!st)
		st = find(l, q, later ? STL_SORT_VALUE_ASC : STL_SORT_VALUE_DESC,
			  1, c);
out:
	stl_query_destroy(q);
	stl_query_destroy(subs[0]);
	stl_query_destroy(subs[1]);
	while (k)
		stl_query_destroy(span[--k]);
	return st;
}

/*
 * The minutes of the event whose term is @evterm nearest @iso: the first
 * ones after it (@later), or the last ones before it, all of one day.
 * The nearest one gives the day, then that day's are read.
 */
static stl_status_t event_near(struct links *l, const char *evterm,
			       const char *iso, bool later, struct cands *c)
{
	char day[STL_SCHEMA_TERM_SIZE];
	stl_query_t *limit = NULL, *q = NULL;
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t w;
	long days;

	if (!*evterm || !iso_days(iso, &days))
		return STL_STATUS_SUCCESS;
	for (w = 0; !st && !c->n && w <= sizeof(windows) / sizeof(*windows);
	     w++)
		st = nearest(l, evterm, days, later,
			     w < sizeof(windows) / sizeof(*windows) ? windows[w]
								    : 0,
			     c);
	if (st || !c->n || !day_term(c->v[0].date, day))
		return st;
	cands_clear(c);
	st = stl_query_new_term(day, &limit);
	if (!st)
		st = term_query(evterm, limit, &q);
	if (!st)
		st = find(l, q, STL_SORT_RELEVANCE, LINKS_TIES, c);
	stl_query_destroy(limit);
	stl_query_destroy(q);
	return st;
}

/* Whether @a is a better pick than @b for a minute of event @evterm. */
static bool better(const struct cand *a, const struct cand *b,
		   const char *evterm)
{
	bool ea = *evterm && !strcmp(a->event, evterm);
	bool eb = *evterm && !strcmp(b->event, evterm);

	if (ea != eb)
		return ea;
	return strcmp(a->key, b->key) < 0;
}

/* A minute of another event is no follow-up of one of @evterm (two
 * groups may meet the same day); one without an event may be. */
static bool compatible(const struct cand *k, const char *evterm)
{
	return !*evterm || !*k->event || !strcmp(k->event, evterm);
}

/* The best of @c (not @self) for event @evterm, or NULL. */
static const struct cand *pick(const struct cands *c, const char *self,
			       const char *evterm)
{
	const struct cand *best = NULL;
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (!strcmp(c->v[i].key, self) || !compatible(&c->v[i], evterm))
			continue;
		if (!best || better(&c->v[i], best, evterm))
			best = &c->v[i];
	}
	return best;
}

/* The path of candidate @k as its record has it (valid UTF-8, as JSON
 * needs: record.h) into *@path, NULL if it has none. */
static stl_status_t record_path(struct links *l, const struct cand *k,
				char **path)
{
	struct stl_record *rec = NULL;
	char *data = NULL;
	size_t len = 0;
	stl_status_t st;

	*path = NULL;
	st = stl_reader_get_data(l->r, k->docid, &data, &len);
	if (!st)
		st = stl_record_read(data, len, &rec);
	free(data);
	if (st == STL_STATUS_INVALID_ARGUMENT)
		return STL_STATUS_SUCCESS;	/* unreadable: no path */
	if (!st) {
		*path = rec->path;
		rec->path = NULL;
	}
	stl_record_destroy(rec);
	return st;
}

/* @k (may be NULL: none) as a link. */
static stl_status_t set_link(struct links *l, const struct cand *k,
			     struct search_link *out)
{
	char *path = NULL;
	size_t len = 0;
	stl_status_t st;

	search_link_release(out);
	if (!k)
		return STL_STATUS_SUCCESS;
	/* The path as indexed, unless it is no UTF-8: the record's then. */
	st = stl_reader_get_value(l->r, k->docid, STL_SLOT_PATH, &path, &len);
	if (!st && (!len || u8_check((const uint8_t *)path, len))) {
		free(path);
		st = record_path(l, k, &path);
	}
	if (st == STL_STATUS_NOT_FOUND)
		st = STL_STATUS_DATABASE_MODIFIED;	/* gone meanwhile */
	if (st) {
		free(path);
		return st;
	}
	memcpy(out->id, k->key, STL_SCHEMA_KEY_SIZE);
	memcpy(out->date, k->date, sizeof(out->date));
	out->path = path;
	return STL_STATUS_SUCCESS;
}

/* next(@m), of the event @evterm, as a candidate in *@out (NULL: none);
 * @c holds it. */
static stl_status_t next_cand(struct links *l, const struct links_minute *m,
			      const char *evterm, struct cands *c,
			      const struct cand **out)
{
	stl_status_t st = STL_STATUS_SUCCESS;

	*out = NULL;
	if (m->announced && *m->announced) {
		st = held_on(l, m->announced, c);
		if (!st)
			*out = pick(c, m->key, evterm);
	}
	if (!st && !*out) {
		cands_clear(c);
		st = event_near(l, evterm, m->date, true, c);
		if (!st)
			*out = pick(c, m->key, "");
	}
	return st;
}

stl_status_t links_next(struct links *l, const struct links_minute *m,
			struct search_link *out)
{
	char evterm[STL_SCHEMA_TERM_SIZE];
	const struct cand *best = NULL;
	struct cands c = { .n = 0 };
	stl_status_t st;

	search_link_release(out);
	st = event_term(l, m->event, evterm);
	if (!st)
		st = next_cand(l, m, evterm, &c, &best);
	if (!st)
		st = set_link(l, best, out);
	return st;
}

/* Whether candidate @k's next meeting is the minute @m, or a copy of it. */
static stl_status_t leads_to(struct links *l, const struct cand *k,
			     const struct links_minute *m, bool *yes)
{
	struct links_minute pm = { k->key, k->date, NULL, k->announced, NULL };
	const struct cand *next = NULL;
	struct cands c = { .n = 0 };
	stl_status_t st;

	st = next_cand(l, &pm, k->event, &c, &next);
	*yes = !st && next &&
	       (!strcmp(next->key, m->key) ||
		(m->copy && *m->copy && !strcmp(next->copy, m->copy)));
	return st;
}

/* The better previous meeting of @a and @b: the latest, then by id. */
static bool later(const struct cand *a, const struct cand *b)
{
	int d = strcmp(a->date, b->date);

	return d ? d > 0 : strcmp(a->key, b->key) < 0;
}

stl_status_t links_previous(struct links *l, const struct links_minute *m,
			    struct search_link *out)
{
	char evterm[STL_SCHEMA_TERM_SIZE];
	struct cands c = { .n = 0 }, e = { .n = 0 };
	const struct cand *best = NULL;
	stl_status_t st;
	size_t i;
	bool yes;

	search_link_release(out);
	st = event_term(l, m->event, evterm);
	if (!st && m->date && *m->date)
		st = announcing(l, m->date, &c);
	if (!st && m->date && *m->date)
		st = event_near(l, evterm, m->date, false, &e);
	/* The two lists, as one: the event's after the announcers. */
	for (i = 0; !st && i < e.n && c.n < LINKS_TIES; i++)
		c.v[c.n++] = e.v[i];
	for (i = 0; !st && i < c.n; i++) {
		const struct cand *k = &c.v[i];

		if (!strcmp(k->key, m->key) || (best && !later(k, best)))
			continue;
		st = leads_to(l, k, m, &yes);
		if (!st && yes)
			best = k;
	}
	if (!st)
		st = set_link(l, best, out);
	return st;
}
