/*
 * followup.c - today, days left, and agreements' statuses derived from
 * the stating minutes at search time; see followup.h.
 */
#include "stl/followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stl/date.h"
#include "stl/fecha.h"
#include "stl/strbuf.h"
#include "stl/text.h"

/* "YYYY-MM-DD" as a day number; false if it is not a valid date. */
static bool iso_days(const char *s, long *days)
{
	int y, m, d, n = 0;

	if (!s || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || !stl_date_valid(y, m, d))
		return false;
	for (n = 0; n < 10; n++)
		if (n != 4 && n != 7 && (s[n] < '0' || s[n] > '9'))
			return false;
	*days = stl_date_to_days(y, m, d);
	return true;
}

stl_status_t followup_today(const char *given, char out[11], char **errmsg)
{
	struct tm tm;
	time_t now;
	long days;

	*errmsg = NULL;
	if (given && *given) {
		if (!iso_days(given, &days)) {
			*errmsg = stl_strdup_printf("fecha de hoy no válida: '%s' (use AAAA-MM-DD)",
						    given);
			return STL_STATUS_INVALID_ARGUMENT;
		}
		memcpy(out, given, 11);
		return STL_STATUS_SUCCESS;
	}
	now = time(NULL);
	if (!localtime_r(&now, &tm))
		memset(&tm, 0, sizeof(tm));
	stl_date_format(stl_date_to_days(tm.tm_year + 1900, tm.tm_mon + 1,
					 tm.tm_mday), out);
	return STL_STATUS_SUCCESS;
}

bool followup_days_left(const char *deadline, const char *today, long *days)
{
	long a, b;

	if (!iso_days(deadline, &a) || !iso_days(today, &b))
		return false;
	*days = a - b;
	return true;
}

void followup_deadline_note(const char *deadline, const char *today,
			    enum stl_agr_status status, char *out,
			    size_t size)
{
	long d;

	if (!size)
		return;
	out[0] = '\0';
	if (status == STL_AGR_DONE || status == STL_AGR_CANCELLED) {
		snprintf(out, size, "%s", stl_agr_status_name(status));
		return;
	}
	if (!followup_days_left(deadline, today, &d))
		return;
	if (d < 0)
		snprintf(out, size, "vencido hace %ld %s", -d,
			 d == -1 ? "día" : "días");
	else if (!d)
		snprintf(out, size, "vence hoy");
	else
		snprintf(out, size, "%s %ld %s", d == 1 ? "falta" : "faltan",
			 d, d == 1 ? "día" : "días");
}

void followup_status_release(struct followup_status *s)
{
	free(s->source_path);
	memset(s, 0, sizeof(*s));
}

/* ---- the map ------------------------------------------------------------------ */

struct loader {
	struct followup_map *m;
	const char *today;	/* statements of later minutes are not yet made */
	size_t alloc;
	bool failed;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct followup_entry *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	if (c)
		return c;
	return x->number < y->number ? -1 : x->number > y->number;
}

/* Does a statement of the minute dated @date at @path win over @e's? */
static bool later(const struct followup_entry *e, const char *date,
		  const char *path)
{
	int c = strcmp(date, e->st.source_date);

	if (c)
		return c > 0;
	return strcmp(path, e->st.source_path ? e->st.source_path : "") > 0;
}

static int note_statement(const char *src_date, const char *src_path,
			  const char *date, unsigned number,
			  enum stl_agr_status status, void *ctx)
{
	struct loader *l = ctx;
	struct followup_map *m = l->m;
	struct followup_entry *e;
	char key[STL_SCHEMA_KEY_SIZE];

	if (l->today && *l->today && *src_date && strcmp(src_date, l->today) > 0)
		return 0;
	if (m->n == l->alloc) {
		size_t na = l->alloc ? 2 * l->alloc : 16;

		e = realloc(m->v, na * sizeof(*e));
		if (!e) {
			l->failed = true;
			return 1;
		}
		m->v = e;
		l->alloc = na;
	}
	e = &m->v[m->n];
	memset(e, 0, sizeof(*e));
	memcpy(e->date, date, sizeof(e->date));
	e->number = number;
	e->st.status = status;
	snprintf(e->st.source_date, sizeof(e->st.source_date), "%s", src_date);
	e->st.source_path = strdup(src_path ? src_path : "");
	if (!e->st.source_path) {
		l->failed = true;
		return 1;
	}
	stl_schema_file_key(src_path, key);
	stl_schema_id(key, 0, e->st.source_id);
	m->n++;
	return 0;
}

/* Sorted, keep the latest statement on each agreement. */
static void keep_latest(struct followup_map *m)
{
	size_t i, n = 0;

	if (!m->n)
		return;
	qsort(m->v, m->n, sizeof(*m->v), entry_cmp);
	for (i = 0; i < m->n; i++) {
		struct followup_entry *e = &m->v[i];

		if (n && !entry_cmp(&m->v[n - 1], e)) {
			if (later(&m->v[n - 1], e->st.source_date,
				  e->st.source_path)) {
				followup_status_release(&m->v[n - 1].st);
				m->v[n - 1] = *e;
			} else {
				followup_status_release(&e->st);
			}
			continue;
		}
		m->v[n++] = *e;
	}
	m->n = n;
}

stl_status_t followup_map_load(stl_reader_t *r, const char *today,
			       struct followup_map *out)
{
	struct loader l = { .m = out, .today = today };
	stl_status_t st;

	memset(out, 0, sizeof(*out));
	st = stl_schema_followups(r, note_statement, &l);
	if (st == STL_STATUS_SUCCESS && l.failed)
		st = STL_STATUS_OUT_OF_MEMORY;
	if (st) {
		followup_map_release(out);
		return st;
	}
	keep_latest(out);
	return STL_STATUS_SUCCESS;
}

void followup_map_release(struct followup_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		followup_status_release(&m->v[i].st);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

const struct followup_entry *followup_map_find(const struct followup_map *m,
					       const char *date,
					       unsigned number)
{
	struct followup_entry key;

	if (!m->n || !date || strlen(date) != 10)
		return NULL;
	memset(&key, 0, sizeof(key));
	memcpy(key.date, date, sizeof(key.date));
	key.number = number;
	return bsearch(&key, m->v, m->n, sizeof(*m->v), entry_cmp);
}

stl_status_t followup_status_of(const struct followup_map *m,
				const char *date, unsigned number,
				struct followup_status *out)
{
	const struct followup_entry *e = followup_map_find(m, date, number);

	memset(out, 0, sizeof(*out));
	if (!e)
		return STL_STATUS_SUCCESS;
	*out = e->st;
	out->source_path = strdup(e->st.source_path ? e->st.source_path : "");
	if (!out->source_path) {
		memset(out, 0, sizeof(*out));
		return STL_STATUS_OUT_OF_MEMORY;
	}
	return STL_STATUS_SUCCESS;
}

/* ---- queries ------------------------------------------------------------------- */

static bool wanted(enum stl_agr_status s, const enum stl_agr_status *want,
		   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (want[i] == s)
			return true;
	return false;
}

/* The OR of the reference terms of the entries whose status is (or, with
 * !@in, is not) wanted; match-nothing for none. */
static stl_status_t refs_query(const struct followup_map *m,
			       const enum stl_agr_status *want, size_t nwant,
			       bool in, stl_query_t **out)
{
	stl_query_t **v = calloc(m->n ? m->n : 1, sizeof(*v));
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t i, n = 0;

	if (!v)
		return STL_STATUS_OUT_OF_MEMORY;
	for (i = 0; i < m->n && !st; i++) {
		char term[STL_SCHEMA_TERM_SIZE];

		if (wanted(m->v[i].st.status, want, nwant) != in ||
		    !stl_schema_followup_term(m->v[i].date, m->v[i].number,
					      term))
			continue;
		st = stl_query_new_term(term, &v[n]);
		n += !st;
	}
	if (!st && n)
		st = stl_query_combine(STL_QUERY_OR, v, n, 0, out);
	else if (!st)
		st = stl_query_new_match_nothing(out);
	while (n)
		stl_query_destroy(v[--n]);
	free(v);
	return st;
}

stl_status_t followup_status_query(const struct followup_map *m,
				   const enum stl_agr_status *want, size_t n,
				   stl_query_t **out)
{
	stl_query_t *subs[2] = { NULL, NULL };
	stl_status_t st;

	*out = NULL;
	if (!wanted(STL_AGR_NONE, want, n))
		return refs_query(m, want, n, true, out);
	/* Not reported on, or reported on with a wanted status: all but
	 * those whose latest status is another. */
	st = stl_query_new_match_all(&subs[0]);
	if (!st)
		st = refs_query(m, want, n, false, &subs[1]);
	if (!st)
		st = stl_query_combine(STL_QUERY_AND_NOT, subs, 2, 0, out);
	stl_query_destroy(subs[0]);
	stl_query_destroy(subs[1]);
	return st;
}

/* ---- plazo: and estado: -------------------------------------------------------- */

/* What building plazo: and estado: needs. */
struct fctx {
	stl_reader_t *r;
	const char *today;	/* "YYYY-MM-DD" */
};



/* Day number @days as "YYYYMMDD". */
static void compact_date(long days, char out[9])
{
	char iso[11];

	stl_date_format(days, iso);
	snprintf(out, 9, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
}

/* Today's day number. */
static long today_days(const struct fctx *p)
{
	return stl_date_to_days(atoi(p->today), atoi(p->today + 5),
				atoi(p->today + 8));
}

/* @a AND NOT @b, in *@out; both stay the caller's. */
static stl_status_t and_not(stl_query_t *a, stl_query_t *b, stl_query_t **out)
{
	stl_query_t *subs[2] = { a, b };

	return stl_query_combine(STL_QUERY_AND_NOT, subs, 2, 0, out);
}

/* Agreements whose latest status is cumplido or cancelado. */
static stl_status_t closed_query(const struct fctx *p, stl_query_t **out)
{
	static const enum stl_agr_status closed[] = { STL_AGR_DONE,
						      STL_AGR_CANCELLED };
	struct followup_map m;
	stl_status_t ret;

	ret = followup_map_load(p->r, p->today, &m);
	if (ret)
		return ret;
	ret = followup_status_query(&m, closed, 2, out);
	followup_map_release(&m);
	return ret;
}

/* Deadlines @lo..@hi ("YYYYMMDD", an end "" open), of any year if 0000. */
static stl_status_t deadline_range(const struct fctx *p, char lo[9],
				   char hi[9], stl_query_t **out)
{
	int years[2] = { 0, 0 };
	stl_status_t ret;

	ret = stl_schema_deadline_years(p->r, &years[0], &years[1]);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	/* An open end is the first or last year of the deadlines. */
	if (!lo[0] && years[0])
		snprintf(lo, 9, "%04u0101", (unsigned)years[0] % 10000u);
	if (!hi[0] && years[1])
		snprintf(hi, 9, "%04u1231", (unsigned)years[1] % 10000u);
	return fecha_range_query(lo, hi, years, stl_schema_deadline_term, out);
}

/* plazo:vencido: due before today, and not stated done or cancelled. */
static stl_status_t overdue_query(const struct fctx *p, stl_query_t **out)
{
	stl_query_t *due = NULL, *closed = NULL;
	char lo[9] = "", hi[9];
	stl_status_t ret;

	compact_date(today_days(p) - 1, hi);
	ret = deadline_range(p, lo, hi, &due);
	if (!ret)
		ret = closed_query(p, &closed);
	if (!ret)
		ret = and_not(due, closed, out);
	stl_query_destroy(due);
	stl_query_destroy(closed);
	return ret;
}

/* The query of plazo:@value on agreement documents. */
static stl_status_t deadline_query(const struct fctx *p, const char *value,
				   stl_query_t **out, char **errmsg)
{
	char term[STL_SCHEMA_TERM_SIZE], lo[9], hi[9];
	stl_status_t ret;

	if (!strcmp(value, "vencido") || !strcmp(value, "vencidos"))
		return overdue_query(p, out);
	if (!strcmp(value, "proximo") || !strcmp(value, "proximos")) {
		compact_date(today_days(p), lo);
		compact_date(today_days(p) + FOLLOWUP_SOON_DAYS, hi);
		return deadline_range(p, lo, hi, out);
	}
	if (!strcmp(value, "ninguno") || !strcmp(value, "sin")) {
		stl_schema_no_deadline_term(term);
		return stl_query_new_term(term, out);
	}
	ret = fecha_parse(value, lo, hi, errmsg);
	if (ret == STL_STATUS_BAD_QUERY) {
		free(*errmsg);
		*errmsg = stl_strdup_printf("plazo no válido: '%s' (use una fecha o rango como en fecha:, vencido, proximo o ninguno)",
					    value);
	}
	if (ret)
		return ret;
	return deadline_range(p, lo, hi, out);
}

/* The query of estado:@value on agreement documents. */
static stl_status_t status_query(const struct fctx *p, const char *value,
				 stl_query_t **out, char **errmsg)
{
	enum stl_agr_status want;
	struct followup_map m;
	stl_status_t ret;

	/* Xapian hands a quoted value over with its spaces: "en proceso". */
	if (!stl_agr_status_parse_whole(value, strlen(value), &want)) {
		*errmsg = stl_strdup_printf("estado no válido: '%s' (use cumplido, \"en proceso\", pendiente, cancelado o \"sin seguimiento\")",
					    value);
		return STL_STATUS_BAD_QUERY;
	}
	ret = followup_map_load(p->r, p->today, &m);
	if (ret)
		return ret;
	ret = followup_status_query(&m, &want, 1, out);
	followup_map_release(&m);
	return ret;
}

/* Agreements found by @q: their minutes' documents, in *@out. */
#define MINUTES_OF_MAX 100000

static stl_status_t minutes_of(const struct fctx *p, stl_query_t *q,
			       stl_query_t **out)
{
	struct stl_search_opts so = { .limit = MINUTES_OF_MAX };
	stl_query_t *subs[2] = { q, NULL }, *agr = NULL, **v = NULL;
	char term[STL_SCHEMA_TERM_SIZE], key[STL_SCHEMA_KEY_SIZE];
	stl_results_t *rs = NULL;
	stl_status_t ret;
	size_t i, n = 0;

	stl_schema_kind_term(STL_DOC_AGREEMENT, term);
	ret = stl_query_new_term(term, &subs[1]);
	if (!ret)
		ret = stl_query_combine(STL_QUERY_FILTER, subs, 2, 0, &agr);
	if (!ret)
		ret = stl_reader_search(p->r, agr, &so, &rs);
	if (!ret && !(v = calloc(rs->nhits ? rs->nhits : 1, sizeof(*v))))
		ret = STL_STATUS_OUT_OF_MEMORY;
	for (i = 0; !ret && i < rs->nhits; i++) {
		ret = stl_schema_doc_key(p->r, rs->hits[i].docid, key);
		if (ret == STL_STATUS_NOT_FOUND) {
			ret = STL_STATUS_SUCCESS;
			continue;
		}
		if (!ret && stl_schema_minute_term_of_key(key, term))
			ret = stl_query_new_term(term, &v[n++]);
	}
	if (!ret && n)
		ret = stl_query_combine(STL_QUERY_OR, v, n, 0, out);
	else if (!ret)
		ret = stl_query_new_match_nothing(out);
	while (n)
		stl_query_destroy(v[--n]);
	free(v);
	stl_results_destroy(rs);
	stl_query_destroy(subs[1]);
	stl_query_destroy(agr);
	return ret;
}

/*
 * plazo: and estado: are of agreements; on minutes they find the minutes
 * that have such an agreement.
 */
stl_status_t followup_field_query(stl_reader_t *r, const char *today,
				  bool deadline, enum stl_doc_kind kind,
				  const char *value, stl_query_t **out,
				  char **errmsg)
{
	struct fctx c = { r, today }, *p = &c;
	struct stl_strbuf folded = STL_STRBUF_INIT;
	stl_query_t *q = NULL;
	stl_status_t ret;

	*errmsg = NULL;
	if (stl_text_fold(value, strlen(value), &folded) ||
	    stl_strbuf_failed(&folded)) {
		stl_strbuf_release(&folded);
		return STL_STATUS_OUT_OF_MEMORY;
	}
	if (deadline)
		ret = deadline_query(p, folded.buf ? folded.buf : "", &q,
				     errmsg);
	else
		ret = status_query(p, folded.buf ? folded.buf : "", &q,
				   errmsg);
	stl_strbuf_release(&folded);
	if (ret || kind == STL_DOC_AGREEMENT) {
		*out = q;
		return ret;
	}
	ret = minutes_of(p, q, out);
	stl_query_destroy(q);
	return ret;
}

