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

/* Receives each document. The document is owned by the builder and reused
 * after the call returns (docbuild_take_doc() keeps it). */
typedef stl_status_t (*docbuild_emit_fn)(void *ctx, stl_doc_t *doc);

/*
 * Build the documents of @m, read from @path: the minute's, then one for
 * each agreement. @file_state is stored for the next incremental run.
 * Stops at and returns the first status @emit returns that is not SUCCESS;
 * otherwise SUCCESS, OUT_OF_MEMORY or INVALID_ARGUMENT.
 */
stl_status_t docbuild_minute(struct docbuild *b, const struct stl_minute *m,
			     const char *path, const char *file_state,
			     docbuild_emit_fn emit, void *ctx);

/*
 * The document being emitted, for the emit callback to keep (it then
 * owns it); the builder goes on with a new one. NULL if out of memory.
 */
stl_doc_t *docbuild_take_doc(struct docbuild *b);

/*
 * The words of minutes counted since the last take, for the spelling
 * dictionary (NULL if out of memory; the builder starts a new count); a
 * writer, maybe on another thread, writes them to @w; free them (accepts
 * NULL). docbuild_words_write() returns SUCCESS or the writer's error.
 */
struct docbuild_words;
struct docbuild_words *docbuild_take_words(struct docbuild *b);
stl_status_t docbuild_words_write(const struct docbuild_words *words,
				  stl_writer_t *w);
void docbuild_words_free(struct docbuild_words *words);

#endif /* STL_INDEXER_DOCBUILD_H */
