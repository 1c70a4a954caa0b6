/*
 * output.h - what stlsearch prints: for people (ranked list with dates,
 * snippets, highlights) or for scripts (JSON Lines, one object a hit,
 * written with jansson).
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
 * next_meeting, matching_agreements; for an agreement number, text,
 * persons, deadline; suggested_query when the hits are those of the
 * spelling suggestion (res->from_suggestion); with facets, last, facets {"año": {...}, ...}, the
 * same on every line. So every line is a hit: | jq .path prints paths.
 * With facets and matches but no hit on the page (limit 0), one line
 * {"total", "total_exact", "facets"}.
 * Returns 0, or -1 if out of memory or the write failed.
 */
int output_json(FILE *f, const struct search_result *res,
		const struct search_opts *o);

#endif /* STL_OUTPUT_H */
