/*
 * output.h - what stlsearch prints: for people (ranked list with dates,
 * snippets, highlights), for scripts (JSON Lines, one object a hit,
 * written with jansson) or for spreadsheets (CSV, output_csv()).
 */
#ifndef STL_OUTPUT_H
#define STL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "stl/search.h"

/* Highlight markers for a terminal. */
#define OUTPUT_HL_ON "\033[1;31m"
#define OUTPUT_HL_OFF "\033[0m"

void output_human(FILE *f, const struct search_result *res,
		  const struct search_opts *o, bool color);

/*
 * One JSON object per hit, keys: rank, total (the matches in all),
 * total_exact (false: total is Xapian's estimate), kind, path, date, time,
 * event, score, snippet; for a minute also attendees, topics, agreements,
 * next_meeting, previous, next ({id, date, path} or null: stl/links.h),
 * matching_agreements; for an agreement number, text, persons, deadline,
 * days_left (null without a deadline; negative when past), status and
 * status_source ({id, date, path} of the minute that stated it, or null),
 * and due_meeting ({id, date, path} or null) when it is due at the
 * follow-up meeting — the agreements of a minute have these too; suggested_query when the hits are those of the
 * spelling suggestion (res->from_suggestion); with facets, last, facets {"año": {...}, ...}, the
 * same on every line. So every line is a hit: | jq .path prints paths.
 * With facets and matches but no hit on the page (limit 0), one line
 * {"total", "total_exact", "facets"}.
 * Returns 0, or -1 if out of memory or the write failed.
 */
int output_json(FILE *f, const struct search_result *res,
		const struct search_opts *o);

/*
 * The hits as CSV (RFC 4180: a field with a quote, comma, CR or LF is
 * quoted, quotes doubled), UTF-8, a header row in Spanish, then one row a
 * hit, the page the query lists (limit and offset apply). Several values
 * of one cell are joined with "; ". With o->kind STL_DOC_AGREEMENT, or
 * when every hit is an agreement (tipo:acuerdo in the query), the rows are
 * agreements: id, fecha, numero, acuerdo, personas, plazo,
 * estado (stl/followup.h), evento, archivo; else minutes: id, fecha, hora, evento, lugar
 * (city; medium), asistentes (names), temas, archivo. "archivo" is the
 * hit's file and, when it stands for copies, theirs after it. Hits of the
 * other kind (a query saying tipo:todo) are left out. Dates are ISO; a value
 * the record lacks is empty. Rows end with LF; @excel adds a UTF-8 BOM and
 * ends them with CR LF, which Excel needs to read accents.
 * Returns 0, or -1 if the write failed.
 */
int output_csv(FILE *f, const struct search_result *res,
	       const struct search_opts *o, bool excel);

/*
 * A table as output_csv() writes one: the @ncols cells of @head, then
 * @nrows rows of @ncols cells each from @cells (row by row; NULL is
 * empty). For tables of other things than hits (stlsearch --personas).
 * Returns 0, or -1 if the write failed.
 */
int output_csv_table(FILE *f, const char *const *head, size_t ncols,
		     const char *const *cells, size_t nrows, bool excel);

/*
 * The minute @h (as search_minute_by_key() gives it) whole, for reading
 * it in a terminal (stlsearch --ver): a header (date, time, event, id,
 * title, place, medium, its file and copies), the attendees with post and
 * institution, the topics, the agreements (with their ids, the people
 * they concern and deadlines; agreement @mark, if not 0, marked with
 * "▶"; one due at the follow-up meeting, the minute of it), the meetings
 * before and after it (h->previous, h->next: stl/links.h), and the
 * follow-up meeting it announces. A section is missing
 * when the minute has nothing for it. Returns 0, or -1 if @h is not a
 * minute or the write failed.
 */
int output_minute(FILE *f, const struct search_hit *h, unsigned mark,
		  bool color);

#endif /* STL_OUTPUT_H */
