/*
 * synonyms.h - the synonyms earlier versions wrote to make an
 * institution's names and its id equivalent in searches. The searcher
 * finds names itself now (stl/qnames.h), the same over Xapian's remote
 * backend, which has no synonyms; left in an index, they would count a
 * name twice, so every run clears them.
 */
#ifndef STL_INDEXER_SYNONYMS_H
#define STL_INDEXER_SYNONYMS_H

#include "stl/minute.h"
#include "stl/status.h"
#include "stl/xapian.h"

/*
 * Clear in @w the synonyms of every name of every institution of @inst
 * (may be NULL). Returns SUCCESS, OUT_OF_MEMORY or the writer's error.
 */
stl_status_t synonyms_write(const struct stl_institutions *inst,
			    stl_writer_t *w);

#endif /* STL_INDEXER_SYNONYMS_H */
