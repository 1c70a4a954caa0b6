/*
 * wqueue.c - the index writer on a thread of its own; see wqueue.h.
 */
#include "wqueue.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "stl/schema.h"

/* Enough to keep the writer busy, few enough to bound memory: a document
 * of a minute is some tens of KiB while queued. */
#define WQ_SLOTS 256

enum wq_kind { WQ_BEGIN, WQ_ADD, WQ_DELETE, WQ_REPLACE, WQ_CALL, WQ_COMMIT,
	       WQ_STOP };

struct wq_op {
	enum wq_kind kind;
	stl_doc_t *doc;
	char *term;
	struct docbuild_words *words;
	wqueue_fn fn;
	void *ctx;
};

struct wqueue {
	stl_writer_t *w;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct wq_op ops[WQ_SLOTS];
	size_t head, n;
	stl_status_t status;	/* first failure */
	char *errmsg;
	/* The writer thread's own: the ids of the file being replaced that
	 * the adds after WQ_REPLACE take over, in order. */
	stl_docid_t *old;
	size_t nold, next_old;
};

static void op_release(struct wq_op *op)
{
	stl_doc_destroy(op->doc);
	free(op->term);
	docbuild_words_free(op->words);
}

/* The replaced file's documents no add took over are deleted. */
static stl_status_t end_replace(struct wqueue *q)
{
	stl_status_t ret = STL_STATUS_SUCCESS;

	while (q->next_old < q->nold && !ret) {
		ret = stl_writer_delete_docid(q->w, q->old[q->next_old++]);
		if (ret == STL_STATUS_NOT_FOUND)
			ret = STL_STATUS_SUCCESS;
	}
	free(q->old);
	q->old = NULL;
	q->nold = q->next_old = 0;
	return ret;
}

static stl_status_t op_run(struct wqueue *q, struct wq_op *op)
{
	stl_writer_t *w = q->w;
	stl_status_t ret = STL_STATUS_SUCCESS;

	if (op->kind != WQ_ADD && q->old) {
		ret = end_replace(q);
		if (ret != STL_STATUS_SUCCESS)
			return ret;
	}
	switch (op->kind) {
	case WQ_BEGIN:
		return stl_writer_begin(w);
	case WQ_ADD:
		if (q->next_old < q->nold)
			return stl_writer_update_docid(w, q->old[q->next_old++],
						       op->doc,
						       STL_SLOT_CHECKSUM, NULL);
		return stl_writer_add(w, op->doc, NULL);
	case WQ_REPLACE:
		return stl_writer_docids(w, op->term, &q->old, &q->nold);
	case WQ_DELETE:
		ret = stl_writer_delete(w, op->term);
		return ret == STL_STATUS_NOT_FOUND ? STL_STATUS_SUCCESS : ret;
	case WQ_CALL:
		return op->fn(w, op->ctx);
	case WQ_COMMIT:
		if (op->words)
			ret = docbuild_words_write(op->words, w);
		return ret ? ret : stl_writer_commit_transaction(w);
	case WQ_STOP:
		break;
	}
	return ret;
}

/* Keep the first failure and its message for wqueue_finish(). */
static void record(struct wqueue *q, stl_status_t ret)
{
	char *msg;

	if (ret == STL_STATUS_SUCCESS)
		return;
	msg = strdup(stl_writer_last_error(q->w));
	pthread_mutex_lock(&q->lock);
	q->status = ret;
	q->errmsg = msg;
	pthread_mutex_unlock(&q->lock);
}

static void *writer_main(void *arg)
{
	struct wqueue *q = arg;
	struct wq_op op;
	stl_status_t ret;

	for (;;) {
		pthread_mutex_lock(&q->lock);
		while (!q->n)
			pthread_cond_wait(&q->not_empty, &q->lock);
		op = q->ops[q->head];
		q->head = (q->head + 1) % WQ_SLOTS;
		q->n--;
		pthread_cond_signal(&q->not_full);
		ret = q->status;
		pthread_mutex_unlock(&q->lock);
		/* The last file replaced may still have ids left over. */
		if (op.kind == WQ_STOP) {
			if (ret == STL_STATUS_SUCCESS && q->old)
				record(q, end_replace(q));
			return NULL;
		}
		/* After a failure, what follows is dropped. */
		if (ret == STL_STATUS_SUCCESS)
			record(q, op_run(q, &op));
		op_release(&op);
	}
}

static stl_status_t push(struct wqueue *q, struct wq_op *op)
{
	stl_status_t ret;

	pthread_mutex_lock(&q->lock);
	while (q->n == WQ_SLOTS)
		pthread_cond_wait(&q->not_full, &q->lock);
	ret = q->status;
	if (ret == STL_STATUS_SUCCESS || op->kind == WQ_STOP) {
		q->ops[(q->head + q->n) % WQ_SLOTS] = *op;
		q->n++;
		pthread_cond_signal(&q->not_empty);
	}
	pthread_mutex_unlock(&q->lock);
	if (ret != STL_STATUS_SUCCESS && op->kind != WQ_STOP)
		op_release(op);
	return op->kind == WQ_STOP ? STL_STATUS_SUCCESS : ret;
}

stl_status_t wqueue_start(stl_writer_t *w, struct wqueue **out)
{
	struct wqueue *q = calloc(1, sizeof(*q));

	*out = NULL;
	if (!q)
		return STL_STATUS_OUT_OF_MEMORY;
	q->w = w;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->not_empty, NULL);
	pthread_cond_init(&q->not_full, NULL);
	if (pthread_create(&q->thread, NULL, writer_main, q)) {
		pthread_mutex_destroy(&q->lock);
		pthread_cond_destroy(&q->not_empty);
		pthread_cond_destroy(&q->not_full);
		free(q);
		return STL_STATUS_INTERNAL_ERROR;
	}
	*out = q;
	return STL_STATUS_SUCCESS;
}

stl_status_t wqueue_begin(struct wqueue *q)
{
	struct wq_op op = { .kind = WQ_BEGIN };

	return push(q, &op);
}

stl_status_t wqueue_add(struct wqueue *q, stl_doc_t *doc)
{
	struct wq_op op = { .kind = WQ_ADD, .doc = doc };

	return push(q, &op);
}

stl_status_t wqueue_delete(struct wqueue *q, const char *term)
{
	struct wq_op op = { .kind = WQ_DELETE, .term = strdup(term) };

	if (!op.term)
		return STL_STATUS_OUT_OF_MEMORY;
	return push(q, &op);
}

stl_status_t wqueue_replace(struct wqueue *q, const char *term)
{
	struct wq_op op = { .kind = WQ_REPLACE, .term = strdup(term) };

	if (!op.term)
		return STL_STATUS_OUT_OF_MEMORY;
	return push(q, &op);
}

stl_status_t wqueue_call(struct wqueue *q, wqueue_fn fn, void *ctx)
{
	struct wq_op op = { .kind = WQ_CALL, .fn = fn, .ctx = ctx };

	return push(q, &op);
}

stl_status_t wqueue_commit(struct wqueue *q, struct docbuild_words *words)
{
	struct wq_op op = { .kind = WQ_COMMIT, .words = words };

	return push(q, &op);
}

stl_status_t wqueue_finish(struct wqueue *q, char **errmsg)
{
	struct wq_op op = { .kind = WQ_STOP };
	stl_status_t ret;

	*errmsg = NULL;
	if (!q)
		return STL_STATUS_SUCCESS;
	push(q, &op);
	pthread_join(q->thread, NULL);
	ret = q->status;
	*errmsg = q->errmsg;
	free(q->old);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->not_empty);
	pthread_cond_destroy(&q->not_full);
	free(q);
	return ret;
}
