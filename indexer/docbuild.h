/*
 * docbuild.h - turn a parsed minute into Xapian documents (schema.h):
 * one for the minute, one for each agreement.
 *
 * This is the "minute -> terms" step. Every word goes through the shared
 * analyzer (text.h), so the searcher, which uses the same analyzer, finds
 * exactly what was indexed.
 */
#ifndef STL_INDEXER_DOCBUILD_H
#define STL_INDEXER_DOCBUILD_H

#include "stl/minute.h"
#include "stl/status.h"
#include "stl/xapian.h"

struct docbuild;

/*
 * A builder that recognises the institutions of @inst in free text (it is
 * borrowed and must outlive the builder). NULL if out of memory.
 */
struct docbuild *docbuild_new(const struct stl_institutions *inst);
void docbuild_destroy(struct docbuild *b);

/* Receives each document with the id that names it (a minute's is its
 * unique term Qm<key>; an agreement's, Qa<key>.<n>, is not a term of the
 * document). The document is owned by the builder and reused after the
 * call returns. */
typedef stl_status_t (*docbuild_emit_fn)(void *ctx, const char *unique_term,
					 stl_doc_t *doc);

/*
 * Build the documents of @m, read from @path. @key names the file in terms
 * (F<key>, Qm<key>); @file_state is stored for the next incremental run.
 * Stops at and returns the first status @emit returns that is not SUCCESS;
 * otherwise SUCCESS, OUT_OF_MEMORY or INVALID_ARGUMENT.
 */
stl_status_t docbuild_minute(struct docbuild *b, const struct stl_minute *m,
			     const char *path, const char *key,
			     const char *file_state, docbuild_emit_fn emit,
			     void *ctx);

/*
 * Words seen since the last flush go to the spelling dictionary of @w, and
 * the synonyms that make institution acronyms and full names equivalent in
 * free text are (re)written. Call before each commit.
 */
stl_status_t docbuild_flush_spelling(struct docbuild *b, stl_writer_t *w);

/*
 * The same in two steps, for a writer on another thread: take the words
 * counted since the last take (NULL if out of memory; the builder starts
 * a new count), write them to @w, free them (accepts NULL).
 */
struct docbuild_words;
struct docbuild_words *docbuild_take_words(struct docbuild *b);
stl_status_t docbuild_words_write(const struct docbuild_words *words,
				  stl_writer_t *w);
void docbuild_words_free(struct docbuild_words *words);

/*
 * The document being emitted, for the emit callback to keep (it then
 * owns it); the builder goes on with a new one. NULL if out of memory.
 */
stl_doc_t *docbuild_take_doc(struct docbuild *b);
stl_status_t docbuild_write_synonyms(struct docbuild *b, stl_writer_t *w);

#endif /* STL_INDEXER_DOCBUILD_H */
