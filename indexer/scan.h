/*
 * scan.h - find the minutes under the roots stlindex is given.
 *
 * A root is a file or a folder. Folders are walked recursively; symbolic
 * links to files are followed, links to folders are not (no loops, no
 * leaving the tree). Regular files named *.txt, *.md, *.docx, *.doc,
 * *.odt, *.pdf or *.rtf (any case) are candidates; FIFOs, sockets and
 * folders named x.txt are reported and skipped without ever being opened.
 * Files of any other type are counted by extension (->unsupported), never
 * silently dropped. Hidden entries (".x", folders too), office lock and
 * temporary files ("~$minuta.docx", ".~lock.minuta.docx#") and the tables
 * stlindex reads (SCAN_CLOSED_DAYS_FILE, SCAN_INSTITUTIONS_FILE,
 * PEOPLE_TSV_FILE of stl/people.h) are
 * neither candidates nor counted.
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
	struct scan_ext *unsupported;	/* by extension, sorted by ->ext */
	size_t nunsupported;
};

/* Files of a type stlindex does not read, per extension. */
struct scan_ext {
	char ext[16];		/* ".xlsx", lowercase; "" for no extension */
	unsigned count;
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

/* The institutions table a root may hold (read by stlsearch and stlindex). */
#define SCAN_INSTITUTIONS_FILE "instituciones.tsv"

enum scan_kind {
	SCAN_IGNORED,		/* hidden, lock or temporary file, a table */
	SCAN_UNSUPPORTED,	/* counted by extension */
	SCAN_CANDIDATE,
};

/* What a directory entry named @name is to stlindex. */
enum scan_kind scan_kind_of_name(const char *name);

/* True if @name is a candidate (scan_kind_of_name() == SCAN_CANDIDATE). */
int scan_is_candidate_name(const char *name);

/*
 * The format a candidate's extension suggests: "txt", "md", "docx", "doc",
 * "odt", "pdf" or "rtf" (static), or NULL for a name that is none.
 */
const char *scan_format_hint(const char *name);

/* Modification time of @st in nanoseconds. */
int64_t scan_mtime_ns(const struct stat *st);

#endif /* STL_INDEXER_SCAN_H */
