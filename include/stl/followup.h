/*
 * followup.h - agreements' deadlines and statuses as a search sees them:
 * today's date, the days left to a deadline, and each agreement's status
 * as the latest minute that reported on it states (its "SEGUIMIENTO DE
 * ACUERDOS"), with that minute as the source.
 *
 * Statuses are derived when searching, from the stating minutes in the
 * index at that moment (stl_schema_followups()), never stored in the
 * agreements' documents: a minute added, changed or deleted changes them
 * at once, and an agreement no live minute reports on is "sin
 * seguimiento". The map below is what one request reads of that.
 */
#ifndef STL_FOLLOWUP_H
#define STL_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/minute.h"
#include "stl/schema.h"
#include "stl/status.h"
#include "stl/xapian.h"

/* Days ahead that plazo:proximo covers, today included. */
#define FOLLOWUP_SOON_DAYS 30

/*
 * Today as "YYYY-MM-DD" in @out: @given if not NULL nor "" (it must be a
 * valid date written so), else the local date. Returns SUCCESS, or
 * INVALID_ARGUMENT for a bad @given with a malloc'ed one-line Spanish
 * message in *@errmsg naming it.
 */
stl_status_t followup_today(const char *given, char out[11], char **errmsg);

/* Days from @today to @deadline (both "YYYY-MM-DD"; negative when past)
 * in *@days; false if either is not a date. */
bool followup_days_left(const char *deadline, const char *today, long *days);

/*
 * What a deadline means today, for people, into @out: "vencido hace 3
 * días", "vence hoy", "falta 1 día", "faltan 5 días"; or the status
 * itself for an agreement stated cumplido or cancelado (never "vencido"
 * then). "" when @deadline or @today is not a date.
 */
void followup_deadline_note(const char *deadline, const char *today,
			    enum stl_agr_status status, char *out,
			    size_t size);

/* An agreement's status and the minute that stated it. */
struct followup_status {
	enum stl_agr_status status;	/* STL_AGR_NONE: no minute states one */
	char source_id[STL_SCHEMA_ID_SIZE];	/* the stating minute's id */
	char source_date[11];		/* its date, "" if undated */
	char *source_path;		/* owned; NULL with STL_AGR_NONE */
};

void followup_status_release(struct followup_status *s);

/* One agreement's latest statement. */
struct followup_entry {
	char date[11];		/* its minute's date */
	unsigned number;
	struct followup_status st;
};

/* The latest statement on each agreement reported on, sorted by date and
 * number. */
struct followup_map {
	struct followup_entry *v;
	size_t n;
};

/*
 * Read every statement of the stating minutes of @r into *@out: of the
 * statements on one agreement, the one of the latest minute (by date;
 * then by path, so the choice is the same each time) wins. Minutes dated
 * after @today ("YYYY-MM-DD"; NULL or "": no limit) have not spoken yet,
 * so that STLSEARCH_HOY gives the archive as it stood that day. Release it with
 * followup_map_release(). Returns SUCCESS, OUT_OF_MEMORY or the reader's
 * error (DATABASE_MODIFIED: retry).
 */
stl_status_t followup_map_load(stl_reader_t *r, const char *today,
			       struct followup_map *out);
void followup_map_release(struct followup_map *m);

/* The entry of agreement @number of the minute dated @date, or NULL. */
const struct followup_entry *followup_map_find(const struct followup_map *m,
					       const char *date,
					       unsigned number);

/*
 * The status of agreement @number of the minute dated @date into *@out (a
 * copy the caller releases with followup_status_release()). Returns
 * SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t followup_status_of(const struct followup_map *m,
				const char *date, unsigned number,
				struct followup_status *out);

/*
 * The agreements whose latest status is one of the @n statuses of @want,
 * as a query on agreement documents, into *@out: an OR of their reference
 * terms (stl_schema_followup_term()), or for STL_AGR_NONE every document
 * but those reported on. Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t followup_status_query(const struct followup_map *m,
				   const enum stl_agr_status *want, size_t n,
				   stl_query_t **out);

/*
 * The query of plazo:@value (@deadline) or estado:@value on documents of
 * @kind, as typed (accents and case ignored), with @today "YYYY-MM-DD",
 * into *@out. plazo: takes fecha:'s dates and ranges (fecha.h), vencido
 * (before @today and the latest status neither cumplido nor cancelado),
 * proximo (@today to FOLLOWUP_SOON_DAYS after, both in) and ninguno;
 * estado: a status stl_agr_status_parse() reads, whole. On minutes, the
 * minutes with such agreements. Statuses are read from @r now
 * (followup_map_load()). Returns SUCCESS, BAD_QUERY with a malloc'ed
 * Spanish message naming @value in *@errmsg, OUT_OF_MEMORY or the
 * reader's error.
 */
stl_status_t followup_field_query(stl_reader_t *r, const char *today,
				  bool deadline, enum stl_doc_kind kind,
				  const char *value, stl_query_t **out,
				  char **errmsg);

#endif /* STL_FOLLOWUP_H */
