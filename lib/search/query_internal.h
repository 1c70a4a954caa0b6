/*
 * query_internal.h - what the two files of the query language share
 * (query.c, the lexer; qrewrite.c, the rewrites of a canonical query).
 */
#ifndef STL_QUERY_INTERNAL_H
#define STL_QUERY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/strbuf.h"

/* True if the @len bytes at @s spell NEAR, NEAR/n, ADJ or ADJ/n (n of
 * 1..99), the proximity operators, which keep their spelling. */
bool query_is_near(const char *s, size_t len);

/*
 * The items of the group that starts at @from in @out, for the excluded
 * filters the lexer writes after it as "NOT field:value": enclosed in
 * parentheses when the group has an item not excluded, else with each
 * "-item" of its own level written "NOT item". False if out of memory.
 */
bool query_enclose(struct stl_strbuf *out, size_t from);
bool query_hate_to_not(struct stl_strbuf *out, size_t from);

#endif /* STL_QUERY_INTERNAL_H */
