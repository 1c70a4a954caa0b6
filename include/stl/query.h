/*
 * query.h - the query language: from what the user typed to a canonical
 * query.
 *
 * query_translate() reads the Spanish query language (the fields of the
 * schema's table, accents optional, English aliases, Y/O/NO, quotes of
 * every kind) and runs every word through the same analyzer the index
 * used, writing a canonical query in which words are folded terms; an
 * unknown field is an error, never a phrase. The parser of qparser.h
 * turns that into a Xapian query.
 */
#ifndef STL_QUERY_H
#define STL_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/status.h"
#include "stl/strbuf.h"

/* Longest query accepted, in bytes. */
#define QUERY_MAX 8192
/* Deepest nesting of parentheses accepted. */
#define QUERY_MAX_DEPTH 32

struct query_info {
	bool has_kind;		/* the query says tipo: itself */
	bool match_all;		/* no words at all: matches everything */
	char **wildcards;	/* folded prefixes typed with '*', for snippets */
	size_t nwildcards;
};

void query_info_release(struct query_info *info);

/*
 * Translate @query into the canonical form, appended to @out.
 * Returns SUCCESS, OUT_OF_MEMORY, or BAD_QUERY with a malloc'ed Spanish
 * message in *@errmsg (unknown field, invalid UTF-8, too long, too deep,
 * a field without a value, a bad tipo:, no word but operators or quotes).
 * Nothing typed, or only "*", is no error: @out gets nothing and
 * info->match_all is set.
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

/*
 * The field query_by_institution() ORs with an attendee field: its value
 * is what the attendee field's was. Not a field a user can type.
 */
#define QUERY_INSTITUTION_FIELD "stlinstitucion"

/*
 * @canonical (from query_translate()) with the value of each field flagged
 * STL_FIELD_BY_INSTITUTION (a word or a phrase) also given to
 * QUERY_INSTITUTION_FIELD, appended to @out: asistente:cpc becomes
 * (asistente:cpc OR stlinstitucion:"cpc"), whose field processor finds the
 * minutes an attendee of the institution the value names attended.
 * Values with wildcards, groups and words next to NEAR/ADJ are left
 * alone. Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t query_by_institution(const char *canonical,
				  struct stl_strbuf *out);

/*
 * The other forms of the people a persona:/asistente: value names:
 * @value is its folded words one space apart (a word, or a phrase without
 * its quotes); append each other form to @alts, folded words one space
 * apart, one a line. Returns SUCCESS or an error that stops the rewrite.
 */
typedef stl_status_t (*query_alts_fn)(const char *value, void *ctx,
				      struct stl_strbuf *alts);

/*
 * @canonical with each persona: and asistente: value (a word or a phrase)
 * ORed with the other forms @fn gives, appended to @out: with personas.tsv
 * saying Edgar Serrano = Enrique Serrano Arenas, persona:"edgar serrano"
 * becomes (persona:"edgar serrano" OR persona:"enrique serrano arenas").
 * @fn is only called when the query has such a field, so the identities
 * are built only then. Values with wildcards, groups, a sign before them
 * or words next to NEAR/ADJ are left alone. Returns SUCCESS,
 * OUT_OF_MEMORY or what @fn returned.
 */
stl_status_t query_by_person(const char *canonical, query_alts_fn fn,
			     void *ctx, struct stl_strbuf *out);

/*
 * A word's correction: a malloc'ed replacement for the @len bytes of
 * @word, or NULL to keep it. Sets *@err on a failure (the walk stops).
 */
typedef char *(*query_fix_fn)(const char *word, size_t len, void *ctx,
			      stl_status_t *err);

/*
 * @canonical with its words corrected by @fn, appended to @out: every word
 * of free text or of a field of words (persona:lilibet), in phrases too;
 * never an operator, a wildcard, a number, a stop word ("de" stays "de"
 * in "ruta de hoja"), nor the value of a field processor or of tipo:
 * (fecha:, institucion:). *@changed tells whether any word changed.
 * Returns SUCCESS, OUT_OF_MEMORY or what @fn set.
 */
stl_status_t query_correct(const char *canonical, query_fix_fn fn, void *ctx,
			   struct stl_strbuf *out, bool *changed);

/*
 * True if @value, typed after the @len bytes of a field's name at @field
 * ("fecha:octubre de 2020" as one argument), is one value of that field
 * that parses whole: a fecha: or plazo: date, an estado: status. Split
 * at its spaces such a value could only become something else, so it is
 * never retried split.
 */
bool query_value_parses(const char *field, size_t len, const char *value);

/* The names of the fields a user can type, for messages: appended to
 * @out ("asistente, persona, ... (en inglés: attendee, ...)"). */
void query_field_names(struct stl_strbuf *out);

#endif /* STL_QUERY_H */
