/*
 * qparser.h - Xapian's query parser configured from the schema's table of
 * fields: the prefixes of each field on each kind of document, the
 * accent-independent stemmer, the stop words, and C field processors for
 * fecha: (date ranges), institucion: (the institutions table), plazo:
 * (deadlines), estado: (follow-up statuses, stl/followup.h) and the
 * phrases of free text. It parses the canonical queries of query.h.
 */
#ifndef STL_QPARSER_H
#define STL_QPARSER_H

#include <stdbool.h>

#include "stl/minute.h"
#include "stl/schema.h"
#include "stl/status.h"
#include "stl/xapian.h"

struct query_parser;

/*
 * A parser over @r; @inst is the institutions table the index was built
 * with (borrowed; may be NULL). Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t query_parser_new(stl_reader_t *r,
			      const struct stl_institutions *inst,
			      struct query_parser **out);
void query_parser_destroy(struct query_parser *p);

/* The day plazo:vencido and plazo:proximo count from, "YYYY-MM-DD" (as
 * followup_today() gives it); the local date until set. */
void query_parser_set_today(struct query_parser *p, const char *today);

/*
 * Parse a canonical query (from query_translate()) for documents of
 * @kind (not STL_DOC_ANY: the kinds share no word prefix), into *@out
 * (the caller destroys it). Spelling corrections are query_correct()'s,
 * on the canonical query. Returns SUCCESS, BAD_QUERY (*@errmsg says why),
 * DATABASE_MODIFIED, OUT_OF_MEMORY or another reader error (*@errmsg
 * set; malloc'ed, caller frees).
 */
stl_status_t query_parse(struct query_parser *p, enum stl_doc_kind kind,
			 const char *canonical, stl_query_t **out,
			 char **errmsg);

#endif /* STL_QPARSER_H */
