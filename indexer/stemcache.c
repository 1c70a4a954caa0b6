/*
 * stemcache.c - a direct-mapped stem cache; see stemcache.h.
 */
#include "stemcache.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* The vocabulary of a minutes archive fits, and a miss only costs a stem. */
#define STEMCACHE_SIZE (1u << 16)

bool stemcache_init(struct stemcache *c)
{
	c->cap = STEMCACHE_SIZE;
	c->words = calloc(c->cap, sizeof(*c->words));
	c->stems = calloc(c->cap, sizeof(*c->stems));
	c->slen = calloc(c->cap, sizeof(*c->slen));
	return c->words && c->stems && c->slen;
}

void stemcache_release(struct stemcache *c)
{
	free(c->words);
	free(c->stems);
	free(c->slen);
	memset(c, 0, sizeof(*c));
}

size_t stemcache_stem(struct stemcache *c, const char *term, size_t len,
		      char *out)
{
	size_t i = XXH3_64bits(term, len) & (c->cap - 1), slen;

	if (!strncmp(c->words[i], term, len) && !c->words[i][len]) {
		memcpy(out, c->stems[i], c->slen[i] + 1u);
		return c->slen[i];
	}
	slen = stl_stem(term, len, out);
	memcpy(c->words[i], term, len);
	c->words[i][len] = '\0';
	memcpy(c->stems[i], out, slen + 1);
	c->slen[i] = (uint8_t)slen;
	return slen;
}
