/*
 * stemcache.h - stl_stem() through a direct-mapped cache, so the document
 * builder stems each distinct word of a run about once.
 */
#ifndef STL_INDEXER_STEMCACHE_H
#define STL_INDEXER_STEMCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stl/text.h"

struct stemcache {
	char (*words)[STL_TERM_MAX + 1];
	char (*stems)[STL_TERM_MAX + 1];
	uint8_t *slen;
	size_t cap;		/* power of two */
};

/* An empty cache in @c; false if out of memory (then release it). */
bool stemcache_init(struct stemcache *c);
/* Frees what stemcache_init() allocated; @c may be zeroed. */
void stemcache_release(struct stemcache *c);

/*
 * The stem of the @len bytes of the folded @term, written NUL-terminated
 * to @out (room for STL_TERM_MAX + 1 bytes); returns its length. @len is
 * at most STL_TERM_MAX.
 */
size_t stemcache_stem(struct stemcache *c, const char *term, size_t len,
		      char *out);

#endif /* STL_INDEXER_STEMCACHE_H */
