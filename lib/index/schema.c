/*
 * schema.c - the few computations the index layout needs; see schema.h.
 */
#include "stl/schema.h"

#include <string.h>
#include <xxhash.h>

void stl_schema_file_key(const char *path, char key[17])
{
	static const char hex[] = "0123456789abcdef";
	XXH64_hash_t h = XXH64(path, strlen(path), 0);
	int i;

	for (i = 15; i >= 0; i--, h >>= 4)
		key[i] = hex[h & 0xf];
	key[16] = '\0';
}

static bool is_capital(char c)
{
	return c >= 'A' && c <= 'Z';
}

bool stl_schema_split_term(const char *term, size_t len,
			   struct stl_term_parts *out)
{
	size_t k = 0, p;

	out->stem = len && term[0] == STL_PREFIX_STEM[0];
	k = out->stem;
	p = k;
	if (k < len && is_capital(term[k])) {
		if (term[k] != 'X')
			return false;
		while (k < len && is_capital(term[k]))
			k++;
	}
	out->prefix = term + p;
	out->prefix_len = k - p;
	out->word = term + k;
	out->word_len = len - k;
	return true;
}
