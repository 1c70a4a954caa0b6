/*
 * wordcount.h - how often each word was seen: the document builder counts
 * the words of minutes for the spelling dictionary, and the writer thread
 * writes the counts at each commit.
 */
#ifndef STL_INDEXER_WORDCOUNT_H
#define STL_INDEXER_WORDCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/status.h"
#include "stl/xapian.h"

/* Word -> count, open addressing. Zeroed is empty. */
struct wordcount {
	char **keys;
	unsigned *counts;
	size_t cap;
	size_t n;
};

/* One more sighting of the @len bytes at @w. False if out of memory. */
bool wordcount_add(struct wordcount *wc, const char *w, size_t len);

/* Every word with its count to @w's spelling dictionary. Returns SUCCESS
 * or the writer's first error. */
stl_status_t wordcount_write(const struct wordcount *wc, stl_writer_t *w);

/* Free everything; @wc is empty again. */
void wordcount_release(struct wordcount *wc);

#endif /* STL_INDEXER_WORDCOUNT_H */
