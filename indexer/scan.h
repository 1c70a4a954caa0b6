/*
 * scan.h - find the minutes under the roots stlindex is given.
 *
 * A root is a file or a folder. Folders are walked recursively; symbolic
 * links to files are followed, links to folders are not (no loops, no
 * leaving the tree). Only regular files named *.txt or *.md (any case) are
 * candidates; anything else (FIFOs, sockets, folders named x.txt) is
 * reported and skipped without ever being opened.
 */
#ifndef STL_INDEXER_SCAN_H
#define STL_INDEXER_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "stl/status.h"

struct scan_file {
	char *path;		/* absolute, as it will be indexed */
	uint64_t size;
	int64_t mtime_ns;
};

struct scan_list {
	struct scan_file *files;	/* sorted by path (strcmp) */
	size_t n;
	size_t alloc;
	size_t skipped;		/* entries reported and skipped */
};

/* Called for each entry skipped, with a Spanish reason. */
typedef void (*scan_warn_fn)(void *ctx, const char *path, const char *reason);

/*
 * Add the candidates under @root (an absolute path) to @list. Problems
 * with single entries are reported through @warn and counted in
 * ->skipped; they never stop the walk. Returns SUCCESS, OUT_OF_MEMORY, or
 * NOT_FOUND / IO_ERROR when @root itself cannot be read.
 */
stl_status_t scan_root(const char *root, struct scan_list *list,
		       scan_warn_fn warn, void *ctx);

/* Sort @list by path and drop duplicates (a root given twice). */
void scan_list_finish(struct scan_list *list);

void scan_list_release(struct scan_list *list);

/* The list of days declared inhábiles a root may hold: a setting of the
 * indexer, never a minute. */
#define SCAN_CLOSED_DAYS_FILE "dias-inhabiles.txt"

/* True if @name ends in .txt or .md, in any case, and is no
 * SCAN_CLOSED_DAYS_FILE. */
int scan_is_candidate_name(const char *name);

/* Modification time of @st in nanoseconds. */
int64_t scan_mtime_ns(const struct stat *st);

#endif /* STL_INDEXER_SCAN_H */
