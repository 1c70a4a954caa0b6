/*
 * wordcount.c - word counts in an open-addressing table; see wordcount.h.
 */
#include "wordcount.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static bool wordcount_grow(struct wordcount *wc)
{
	size_t cap = wc->cap ? wc->cap * 2 : 1024, i;
	char **keys = calloc(cap, sizeof(*keys));
	unsigned *counts = calloc(cap, sizeof(*counts));

	if (!keys || !counts) {
		free(keys);
		free(counts);
		return false;
	}
	for (i = 0; i < wc->cap; i++) {
		size_t j;

		if (!wc->keys[i])
			continue;
		j = XXH3_64bits(wc->keys[i], strlen(wc->keys[i])) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = wc->keys[i];
		counts[j] = wc->counts[i];
	}
	free(wc->keys);
	free(wc->counts);
	wc->keys = keys;
	wc->counts = counts;
	wc->cap = cap;
	return true;
}

bool wordcount_add(struct wordcount *wc, const char *w, size_t len)
{
	size_t j;

	if (wc->n * 2 >= wc->cap && !wordcount_grow(wc))
		return false;
	j = XXH3_64bits(w, len) & (wc->cap - 1);
	while (wc->keys[j]) {
		if (!strncmp(wc->keys[j], w, len) && !wc->keys[j][len]) {
			wc->counts[j]++;
			return true;
		}
		j = (j + 1) & (wc->cap - 1);
	}
	wc->keys[j] = strndup(w, len);
	if (!wc->keys[j])
		return false;
	wc->counts[j] = 1;
	wc->n++;
	return true;
}

stl_status_t wordcount_write(const struct wordcount *wc, stl_writer_t *w)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < wc->cap && ret == STL_STATUS_SUCCESS; i++)
		if (wc->keys[i])
			ret = stl_writer_add_spelling(w, wc->keys[i],
						      wc->counts[i]);
	return ret;
}

void wordcount_release(struct wordcount *wc)
{
	size_t i;

	for (i = 0; i < wc->cap; i++)
		free(wc->keys[i]);
	free(wc->keys);
	free(wc->counts);
	memset(wc, 0, sizeof(*wc));
}
