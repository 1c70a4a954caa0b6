/*
 * search.h - one stlsearch request: open the index, parse, search, and
 * gather for each hit its record, snippet and (for a minute) the
 * agreements of it that match too. A writer committing meanwhile is
 * handled by reopening and retrying.
 */
#ifndef STL_SEARCH_H
#define STL_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/followup.h"
#include "stl/links.h"
#include "stl/schema.h"
#include "stl/record.h"
#include "stl/status.h"
#include "stl/xapian.h"

struct stl_institutions;

struct search_opts {
	const char *db;
	const char *query;
	enum stl_doc_kind kind;	/* STL_DOC_ANY: both kinds */
	stl_sort_t sort;	/* by relevance or STL_SLOT_DATE */
	/* Sort by the agreements' deadlines instead of the date (those
	 * without one last, either way). */
	bool sort_by_deadline;
	/* "YYYY-MM-DD" plazo: and days left count from; NULL or "": the
	 * local date. A bad one is an error (INVALID_ARGUMENT). */
	const char *today;
	unsigned offset, limit;
	bool count_only;
	bool facets;
	/* Nothing found and the spelling suggestion finds something: give
	 * the suggestion's results (res->from_suggestion). */
	bool take_suggestion;
	const char *hl_on, *hl_off;	/* highlight markers ("" for none) */
	size_t snippet_max;	/* bytes */
};

struct search_sub {
	unsigned number;	/* agreement number */
	char *snippet;
};

struct search_hit {
	struct stl_record *record;	/* the document data, parsed (owned) */
	stl_docid_t docid;
	/* Its stable id (stl/schema.h, ids): "<file key>" for a minute,
	 * "<file key>-<number>" for an agreement; "" if unknown. */
	char id[STL_SCHEMA_ID_SIZE];
	double score;
	unsigned rank;		/* 1-based over the whole match set */
	char *snippet;		/* with the highlight markers */
	char *snippet_plain;
	struct search_sub *subs;	/* matching agreements of a minute */
	size_t nsubs;
	/* The same minute (or agreement) in other files, e.g. the PDF of a
	 * .docx: one hit stands for them all (stl/schema.h, copy key).
	 * Their records, owned, by path. */
	struct stl_record **copies;
	size_t ncopies;
	/*
	 * The status of an agreement hit (one), or of each agreement of a
	 * minute (in the record's order), as the latest minute reporting
	 * on it states (stl/followup.h); owned. NULL if not looked up.
	 */
	struct followup_status *statuses;
	size_t nstatuses;
	/* The day deadlines' days left count from ("YYYY-MM-DD"). */
	char today[11];
	/* Follow-up links, found at query time (stl/links.h; id "" for
	 * none): a minute's meetings before and after it; an agreement due
	 * at the follow-up meeting, the meeting it is due at. */
	struct search_link previous, next;
	struct search_link due_meeting;
};

struct search_facet_value {
	char *value;
	unsigned count;
};

struct search_facet {
	const char *name;	/* key: "año", "institucion", "asistente" */
	const char *label;	/* for people: "año", "institución", ... */
	struct search_facet_value *values;
	size_t n;
};

struct search_result {
	unsigned matches;	/* exact when counting or faceting */
	bool exact;
	struct search_hit *hits;
	size_t nhits;
	struct search_facet *facets;
	size_t nfacets;
	/* A corrected canonical query that finds something, when the query
	 * found nothing; NULL otherwise. */
	char *suggestion;
	bool from_suggestion;	/* the hits and counts are the suggestion's */
};

/*
 * Run @o. On failure returns the status and a malloc'ed one-line Spanish
 * message in *@errmsg (BAD_QUERY: why; DATABASE_NOT_FOUND: run stlindex
 * first; DATABASE_VERSION: run stlindex --full; ...).
 */
stl_status_t search_run(const struct search_opts *o, struct search_result *res,
			char **errmsg);
void search_result_release(struct search_result *res);

/*
 * search_run() on @r, a reader the caller opened on o->db and keeps (a
 * server's thread keeps one, never shared between threads): it is first
 * moved to the latest revision (stl_reader_reopen()), so a reindex is
 * seen; it is not destroyed. @r NULL: search_run(). Same statuses.
 */
stl_status_t search_run_on(stl_reader_t *r, const struct search_opts *o,
			   struct search_result *res, char **errmsg);

/*
 * The minute whose file key is @key (stl/schema.h, ids) in the index @db,
 * whole, for reading it (stlsearch --ver; a web page later): *@out gets
 * its record, document id, id, copies and its agreements' statuses; rank,
 * score, snippets and matching agreements are zero. @today
 * ("YYYY-MM-DD", as search_opts.today; NULL: the local date) is the day
 * its deadlines count from and its statuses stand on. Free it with
 * search_hit_release().
 *
 * Returns SUCCESS; NOT_FOUND when no minute has that key (no message);
 * else the errors of search_run(), with a malloc'ed Spanish message in
 * *@errmsg.
 */
stl_status_t search_minute_by_key(const char *db, const char *key,
				  const char *today, struct search_hit *out,
				  char **errmsg);

/* search_minute_by_key() on the caller's reader @r, as search_run_on(). */
stl_status_t search_minute_by_key_on(stl_reader_t *r, const char *db,
				     const char *key, const char *today,
				     struct search_hit *out, char **errmsg);

/* The same, by the minute's path as indexed. */
stl_status_t search_minute_by_path(const char *db, const char *path,
				   const char *today, struct search_hit *out,
				   char **errmsg);

/*
 * Open the index @db for reading, as every request does: refused if the
 * folder holds a symbolic link (stl/paths.h), "run stlindex first" if
 * there is none. *@r gets the reader (stl_reader_destroy() it). Returns
 * SUCCESS or the open's status, with a malloc'ed one-line Spanish
 * message in *@errmsg.
 */
stl_status_t search_index_open(const char *db, stl_reader_t **r,
			       char **errmsg);

/*
 * Check that @r (the index @db) has this schema version and read the
 * institutions table it was built with into *@inst (new, owned by the
 * caller; NULL on failure). Returns SUCCESS; DATABASE_VERSION ("run
 * stlindex --full"), OUT_OF_MEMORY or the reader's error with a
 * malloc'ed Spanish message in *@errmsg; DATABASE_MODIFIED (reopen and
 * retry) without one.
 */
stl_status_t search_index_check(stl_reader_t *r, const char *db,
				struct stl_institutions **inst,
				char **errmsg);

/* Free what @h owns and zero it. */
void search_hit_release(struct search_hit *h);

/*
 * @query as it is quoted back to people (messages, headings): at most about
 * 120 bytes, cut with "…", with control characters (an ESC would drive the
 * terminal) and bytes that are not UTF-8 shown as U+FFFD. Malloc'ed; NULL
 * if out of memory.
 */
char *search_query_shown(const char *query);

#endif /* STL_SEARCH_H */
