/*
 * query_internal.h - what the two files of the query language share
 * (query.c, the lexer; qrewrite.c, the rewrites of a canonical query).
 */
#ifndef STL_QUERY_INTERNAL_H
#define STL_QUERY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* True if the @len bytes at @s spell NEAR, NEAR/n, ADJ or ADJ/n (n of
 * 1..99), the proximity operators, which keep their spelling. */
bool query_is_near(const char *s, size_t len);

#endif /* STL_QUERY_INTERNAL_H */
