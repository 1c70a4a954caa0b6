/*
 * indexer.h - one stlindex run: scan the roots, compare with what the
 * index holds, and bring the index up to date in committed batches.
 *
 * New files are added, changed files replaced, deleted files removed,
 * unchanged files (same size and mtime) not even read; a file whose mtime
 * changed but whose bytes did not (XXH3 hash) counts as unchanged, and a
 * file that moved (same bytes under a new path while the old path is gone)
 * is updated in place, never indexed twice.
 */
#ifndef STL_INDEXER_INDEXER_H
#define STL_INDEXER_INDEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "extclient.h"
#include "stl/status.h"

struct index_opts {
	const char *db;		/* index directory (created if missing) */
	char **roots;		/* absolute paths given; none: the remembered */
	size_t nroots;
	bool full;		/* re-read and re-index every file */
	bool progress;		/* progress bar on stderr */
	unsigned batch;		/* files per committed transaction */
	const char *builtin_institutions;	/* default table, TSV text */
	struct extlimits limits;	/* of the format readers; 0: default */
};

/* Files of one format or extension, in a summary. */
struct index_count {
	char name[16];		/* "docx"; for unsupported ones ".xlsx" or "" */
	unsigned count;
};

/* Counts of files, not of documents. */
struct index_summary {
	unsigned added;
	unsigned updated;
	unsigned removed;
	unsigned unchanged;
	unsigned skipped;	/* not indexed: empty, binary, unreadable... */
	unsigned warnings;	/* indexed, with a warning (missing fields) */
	/* Files read and indexed this run, by format ("txt", "docx"...). */
	struct index_count formats[16];
	size_t nformats;
	/* Files of types stlindex does not read, by extension (malloc'ed;
	 * index_summary_release() frees it). */
	struct index_count *unsupported;
	size_t nunsupported;
	unsigned nunsupported_files;	/* their total */
};

/* Free what index_run() put in @s (NULL-safe). */
void index_summary_release(struct index_summary *s);

/* Files larger than this are not minutes; they are skipped. */
#define INDEX_MAX_FILE_SIZE (16u << 20)

/*
 * Run. Warnings (one line each, naming the file and the reason) go to
 * stderr as they happen. On failure *@errmsg gets a malloc'ed one-line
 * Spanish message. Returns SUCCESS, DATABASE_LOCKED (another stlindex),
 * NOT_FOUND (a root does not exist; no index is created then),
 * INVALID_ARGUMENT (nothing to index), IO_ERROR (index location not
 * writable), DATABASE_UNREADABLE (an index this user may not write), DATABASE_VERSION (index of a
 * newer stlsearch), or another error status.
 */
stl_status_t index_run(const struct index_opts *o, struct index_summary *sum,
		       char **errmsg);

/*
 * The word that agrees with the count @n in a message: @one for 1, else
 * @many ("1 nueva", "0 nuevas", "2 nuevas"). Returns one of its arguments.
 */
const char *index_plural(unsigned n, const char *one, const char *many);

#endif /* STL_INDEXER_INDEXER_H */
