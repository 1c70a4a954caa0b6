/*
 * progress.h - a progress bar on stderr, only when stderr is a terminal
 * and the run is long enough to need one.
 */
#ifndef STL_INDEXER_PROGRESS_H
#define STL_INDEXER_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress {
	bool enabled;
	bool drawn;
	size_t total;
	double start;		/* seconds */
	double last;		/* last time drawn */
};

/* Start counting to @total; @enabled false makes every call a no-op. */
void progress_start(struct progress *p, size_t total, bool enabled);
/* @done of total are finished; redraws at most ten times a second. */
void progress_update(struct progress *p, size_t done);
/* Erase the bar so the next line starts clean. */
void progress_finish(struct progress *p);

#endif /* STL_INDEXER_PROGRESS_H */
