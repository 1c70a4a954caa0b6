/*
 * wqueue.h - the index writer on a thread of its own.
 *
 * A build spends its time both in Xapian (inverting documents,
 * committing) and in reading, parsing and building the documents; with
 * the writes on a thread of their own both run at once on two cores.
 * Every write of a run goes through the queue, in order, so batches and
 * transactions (and what a kill leaves behind) are exactly as if one
 * thread did all.
 */
#ifndef STL_INDEXER_WQUEUE_H
#define STL_INDEXER_WQUEUE_H

#include "docbuild.h"
#include "stl/status.h"
#include "stl/xapian.h"

struct wqueue;

/*
 * Start a writer thread for @w, which nobody else may use until
 * wqueue_finish(). Returns SUCCESS, OUT_OF_MEMORY or INTERNAL_ERROR (no
 * thread).
 */
stl_status_t wqueue_start(stl_writer_t *w, struct wqueue **out);

/*
 * Queue operations; they take ownership of @doc and @words. Once an
 * operation has failed, later ones are dropped and these return that
 * failure's status (the message comes from wqueue_finish()).
 */
stl_status_t wqueue_begin(struct wqueue *q);
stl_status_t wqueue_add(struct wqueue *q, stl_doc_t *doc);
/* Delete every document indexed by @term (copied). */
stl_status_t wqueue_delete(struct wqueue *q, const char *term);
/*
 * The documents of @term's file are being replaced: the adds that follow
 * take over their ids in order (stl_writer_replace_docid(): only what
 * differs is rewritten), and those left over are deleted before the next
 * operation of another kind. An add past them adds.
 */
stl_status_t wqueue_replace(struct wqueue *q, const char *term);
/*
 * Run @fn(writer, @ctx) on the writer thread, in its turn: for writes
 * that are neither documents nor commits (metadata, synonyms). @ctx must
 * stay valid until then; a status other than SUCCESS is a failure.
 */
typedef stl_status_t (*wqueue_fn)(stl_writer_t *w, void *ctx);
stl_status_t wqueue_call(struct wqueue *q, wqueue_fn fn, void *ctx);
/* Write @words (may be NULL) to the spelling dictionary, then commit the
 * transaction. */
stl_status_t wqueue_commit(struct wqueue *q, struct docbuild_words *words);

/*
 * Wait for every queued operation, stop the thread and free @q. Returns
 * the status of the first failure (with its message, malloc'ed, in
 * *@errmsg) or SUCCESS. Accepts NULL.
 */
stl_status_t wqueue_finish(struct wqueue *q, char **errmsg);

#endif /* STL_INDEXER_WQUEUE_H */
