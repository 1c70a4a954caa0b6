/*
 * snippet.h - the sentence of a hit that best answers the query, with the
 * matched words highlighted.
 *
 * Matching goes through the same analyzer and stemmer as the index, so
 * "Álvarez" lights up for the query "alvarez" and "reuniones" for
 * "reunión" (Xapian's own snippet code folds words differently).
 */
#ifndef STL_SNIPPET_H
#define STL_SNIPPET_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/status.h"

/* The words to light up, from a hit's matching terms. */
struct snippet_terms {
	char **exact;		/* folded terms, field prefixes removed */
	size_t nexact;
	char **stems;		/* stems, from "Z" terms */
	size_t nstems;
	unsigned char stem_first[256];	/* first bytes of the stems */
	char *const *wild;	/* wildcard prefixes (borrowed) */
	size_t nwild;
};

/*
 * Fill @st from a hit's matching terms (prefixed index terms) and the
 * query's wildcard prefixes (borrowed, must outlive @st). Boolean filter
 * terms are ignored. Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t snippet_terms_init(struct snippet_terms *st, char *const *terms,
				size_t nterms, char *const *wild, size_t nwild);
void snippet_terms_release(struct snippet_terms *st);

/*
 * The best sentence of @text (about @max bytes at most, cut at words with
 * "…"), whitespace collapsed, each matched word wrapped in @on and @off
 * (may be ""). *@matched tells whether any word matched; when none did
 * the snippet is the start of the text. Malloc'ed; NULL on OOM.
 */
char *snippet_make(const char *text, size_t len,
		   const struct snippet_terms *st, size_t max,
		   const char *on, const char *off, bool *matched);

/*
 * Overwrite with spaces the first place @passage is said in the @len bytes
 * of @text, a run of whitespace in either matching any run in the other
 * (the parser joins an agreement's lines). Offsets stay as they were, so
 * snippet_make() then picks another sentence. False if @passage is not
 * there.
 */
bool snippet_blank(char *text, size_t len, const char *passage);

#endif /* STL_SNIPPET_H */
