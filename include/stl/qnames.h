/*
 * qnames.h - institution names in free text, found on the client.
 *
 * An institution named in full in free text ("Instituto Electoral del
 * Estado de México") also finds the minutes that name it otherwise: the
 * document builder writes the institution's id where the text names it.
 * Xapian's synonym table did this inside its parser, but Xapian's remote
 * backend has no synonyms; this rewrite of the canonical query, with the
 * table the index stores in its metadata, works the same on a local
 * index, over remote shards, and on both.
 */
#ifndef STL_QNAMES_H
#define STL_QNAMES_H

#include "stl/minute.h"
#include "stl/status.h"
#include "stl/strbuf.h"

/*
 * The field query_by_name() writes: its value is an institution's id,
 * which qparser.c turns into the id under each prefix of free text. Not
 * a field a user can type (query_translate() rejects it as unknown).
 */
#define QUERY_NAME_FIELD "stlnombre"

/*
 * @canonical (from query_translate()) with each run of free-text words
 * (outside quotes and fields, without a sign) that spells a name of an
 * institution of @inst (the longest from each word on) written as
 * "((words) OR stlnombre:id)", appended to @out. Names that are their id
 * already, and ids with a space, are left alone. @inst may be NULL.
 * Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t query_by_name(const struct stl_institutions *inst,
			   const char *canonical, struct stl_strbuf *out);

#endif /* STL_QNAMES_H */
