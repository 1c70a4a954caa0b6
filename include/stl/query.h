/*
 * query.h - from what the user typed to a Xapian query.
 *
 * Two steps. query_translate() reads the Spanish query language (fields
 * with accents optional and English aliases, Y/O/NO, quotes of every
 * kind) and runs every word through the same analyzer the index used,
 * writing a canonical query in which words are folded terms; an unknown
 * field is an error, never a phrase. query_parse() hands that canonical
 * query to Xapian's query parser, configured with the schema's prefixes,
 * the accent-independent stemmer, the stop words, and C field processors
 * for fecha: (date ranges) and institucion: (the institutions table).
 */
#ifndef STL_QUERY_H
#define STL_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/minute.h"
#include "stl/status.h"
#include "stl/strbuf.h"
#include "stl/xapian.h"

/* Longest query accepted, in bytes. */
#define QUERY_MAX 8192
/* Deepest nesting of parentheses accepted. */
#define QUERY_MAX_DEPTH 32

struct query_info {
	bool has_kind;		/* the query says tipo: itself */
	char **wildcards;	/* folded prefixes typed with '*', for snippets */
	size_t nwildcards;
};

void query_info_release(struct query_info *info);

/*
 * Translate @query into the canonical form, appended to @out.
 * Returns SUCCESS, OUT_OF_MEMORY, or BAD_QUERY with a malloc'ed Spanish
 * message in *@errmsg (unknown field, invalid UTF-8, too long, too deep,
 * empty, a field without a value, a bad tipo:).
 */
stl_status_t query_translate(const char *query, struct stl_strbuf *out,
			     struct query_info *info, char **errmsg);

/*
 * The field query_fast_phrases() puts before a phrase of free text. Not a
 * field a user can type: query_translate() rejects it as unknown.
 */
#define QUERY_PHRASE_FIELD "stlfrase"

/*
 * @canonical (from query_translate()) with each phrase of free text of two
 * words or more written as QUERY_PHRASE_FIELD:word_word_word, appended to
 * @out: the parser hands that one "word" to a field processor, which
 * builds one phrase per text prefix combined with MAX, not OR (Xapian's
 * parser passes a field processor single words only, and ORs a phrase's
 * prefixes itself). Phrases of a field (tema:"datos abiertos",
 * tema:(a "b c")), field processors' values and phrases with a term that
 * is not letters and digits are left alone. Returns SUCCESS or
 * OUT_OF_MEMORY.
 */
stl_status_t query_fast_phrases(const char *canonical, struct stl_strbuf *out);

/* The names of the fields, for messages and --help. */
const char *query_field_names(void);

struct query_parser;

/* Minutes and agreements share no text prefix (schema.h): a query is
 * parsed for one kind of document. */
enum query_kind {
	QUERY_MINUTES,
	QUERY_AGREEMENTS,
	QUERY_NKINDS
};

/*
 * A parser over @r; @inst is the institutions table the index was built
 * with (borrowed; may be NULL). Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t query_parser_new(stl_reader_t *r,
			      const struct stl_institutions *inst,
			      struct query_parser **out);
void query_parser_destroy(struct query_parser *p);

/*
 * Parse a canonical query (from query_translate()) for documents of
 * @kind. With @spelling, a corrected query is computed as well
 * (query_parser_corrected(); the dictionary is the same for both kinds)
 * and *@out is left as Xapian parsed it: it is only for the suggestion.
 * Returns SUCCESS, BAD_QUERY (*@errmsg says why), DATABASE_MODIFIED,
 * OUT_OF_MEMORY or another reader error (*@errmsg set).
 */
stl_status_t query_parse(struct query_parser *p, enum query_kind kind,
			 const char *canonical, bool spelling,
			 stl_query_t **out, char **errmsg);

/* After a parse of QUERY_MINUTES with @spelling: the corrected canonical
 * query or NULL
 * (malloc'ed, caller frees). */
char *query_parser_corrected(struct query_parser *p);

#endif /* STL_QUERY_H */
