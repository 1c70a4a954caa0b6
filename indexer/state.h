/*
 * state.h - what the index remembers of each file it holds: path, size,
 * modification time and content hash (value slots of minute documents).
 * An incremental run compares it with the disk.
 */
#ifndef STL_INDEXER_STATE_H
#define STL_INDEXER_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stl/xapian.h"

struct state_file {
	char *path;
	uint64_t size;
	int64_t mtime_ns;
	uint64_t hash;		/* XXH3-64 of the bytes */
	stl_docid_t docid;	/* of its minute document */
	bool seen;		/* found again by this run's scan */
};

struct state_list {
	struct state_file *files;	/* sorted by path */
	size_t n;
};

/* Longest string state_format() writes, with its NUL. */
#define STATE_STR_MAX 64

void state_format(char out[STATE_STR_MAX], uint64_t size, int64_t mtime_ns,
		  uint64_t hash);
bool state_parse(const char *s, uint64_t *size, int64_t *mtime_ns,
		 uint64_t *hash);

/*
 * Read the state of every minute document of @r into @out. Returns
 * SUCCESS, OUT_OF_MEMORY, or the reader's status (DATABASE_CORRUPT...).
 */
stl_status_t state_load(stl_reader_t *r, struct state_list *out);
void state_list_release(struct state_list *list);

/* The entry for @path, or NULL. */
struct state_file *state_find(const struct state_list *list,
			      const char *path);

#endif /* STL_INDEXER_STATE_H */
