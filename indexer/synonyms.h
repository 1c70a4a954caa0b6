/*
 * synonyms.h - the synonyms that make an institution's names and its id
 * equivalent in searches: "Instituto Electoral del Estado de México" finds
 * the minutes that write "IEEM", and the other way round.
 */
#ifndef STL_INDEXER_SYNONYMS_H
#define STL_INDEXER_SYNONYMS_H

#include "stl/minute.h"
#include "stl/status.h"
#include "stl/xapian.h"

/*
 * (Re)write to @w, for every name of every institution of @inst (may be
 * NULL), its id under each prefix free text and the fields search.
 * Returns SUCCESS, OUT_OF_MEMORY or the writer's error.
 */
stl_status_t synonyms_write(const struct stl_institutions *inst,
			    stl_writer_t *w);

#endif /* STL_INDEXER_SYNONYMS_H */
