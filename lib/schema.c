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
