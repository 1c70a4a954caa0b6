/*
 * xapian.h - the C API of the Xapian wrapper (lib/index/xapian.cc, the only C++
 * in stlsearch).
 *
 * Handles are opaque and split by role, as in cyrus-imapd's xapian_wrap.h:
 *
 *   stl_writer_t   a writable index (one process at a time holds its lock)
 *   stl_reader_t   a read-only view of an index, at one revision
 *   stl_doc_t      a document being built for a writer
 *   stl_query_t    a query tree
 *   stl_qparser_t  a configured query parser
 *   stl_results_t  one page of ranked hits, copied out as plain C data
 *
 * Rules that hold for every function here:
 * - No C++ exception ever leaves the wrapper. Each entry point catches
 *   everything and returns a status (include/stl/status.h):
 *     Xapian::DatabaseLockError       -> STL_STATUS_DATABASE_LOCKED
 *     Xapian::DatabaseNotFoundError   -> STL_STATUS_DATABASE_NOT_FOUND
 *     Xapian::DatabaseOpeningError    -> STL_STATUS_DATABASE_UNREADABLE
 *     Xapian::DatabaseCorruptError    -> STL_STATUS_DATABASE_CORRUPT
 *     Xapian::DatabaseModifiedError   -> STL_STATUS_DATABASE_MODIFIED
 *     Xapian::DatabaseVersionError    -> STL_STATUS_DATABASE_VERSION
 *     Xapian::QueryParserError        -> STL_STATUS_BAD_QUERY
 *     Xapian::DocNotFoundError        -> STL_STATUS_NOT_FOUND
 *     other Xapian::DatabaseError
 *       carrying an errno (a failed
 *       mkdir/read/write/fsync)       -> STL_STATUS_IO_ERROR
 *     std::bad_alloc                  -> STL_STATUS_OUT_OF_MEMORY
 *     other Xapian::Error             -> STL_STATUS_XAPIAN_ERROR
 *     anything else                   -> STL_STATUS_INTERNAL_ERROR
 *   When opening, the file system corrects Xapian: a lock or index this
 *   user may not write or read (Xapian says locked, or not found) is
 *   DATABASE_UNREADABLE, and a plain DatabaseError without errno (a
 *   truncated table) DATABASE_CORRUPT.
 * - When a function on a handle fails, the handle keeps a message for
 *   people (Spanish, lowercase, quoting the path or query: "no se puede
 *   abrir el índice '/x': ..."; Xapian's English never, only errno's
 *   Spanish text, see stl_errno_text()), returned by stl_<object>_last_error() and
 *   valid until the next call on that handle. Functions that create a
 *   handle return the message through @errmsg instead (malloc'ed, the
 *   caller frees it; NULL when no memory was left for it).
 * - Nothing Xapian owns leaves the wrapper: strings and arrays returned are
 *   malloc'ed copies that the caller frees as documented.
 * - destroy functions accept NULL.
 * - Terms are byte strings of 1..STL_XAPIAN_TERM_MAX bytes; a longer or
 *   empty term is STL_STATUS_INVALID_ARGUMENT.
 *
 * Snippets are not made here: Xapian's MSet::snippet() splits and folds
 * words by its own rules and would miss "Álvarez" for the query "alvarez".
 * stl_reader_search() returns the terms each hit matched, and the C
 * snippet module highlights them with the same analyzer as the index.
 */
#ifndef STL_XAPIAN_H
#define STL_XAPIAN_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stl_writer stl_writer_t;
typedef struct stl_reader stl_reader_t;
typedef struct stl_doc stl_doc_t;
typedef struct stl_query stl_query_t;
typedef struct stl_qparser stl_qparser_t;

/* Longest term Xapian's glass backend stores. */
#define STL_XAPIAN_TERM_MAX 245

/* Value slots are small integers; document ids start at 1. */
typedef unsigned stl_slot_t;
typedef unsigned stl_docid_t;

/* ---- Writer ------------------------------------------------------------ */

enum stl_writer_flag {
	/* Create the index if the path has none (else NOT_FOUND), or
	 * holds only the tables of a creation killed before its end. */
	STL_WRITER_CREATE = 1u << 0,
	/* Discard whatever index is there and start empty. */
	STL_WRITER_OVERWRITE = 1u << 1,
	/* A new empty index in memory, gone with the handle (@path is
	 * only named in messages): documents built for one request, like
	 * the people of stlsearch --personas, searched as an index is. */
	STL_WRITER_INMEMORY = 1u << 2,
};

/*
 * Open the index at @path for writing, taking its lock without waiting.
 * On success *@out owns the handle (free with stl_writer_destroy()).
 * On failure *@out is NULL and *@errmsg (if @errmsg is not NULL) a
 * malloc'ed message naming @path.
 *
 * Returns SUCCESS, DATABASE_LOCKED (another writer holds the lock),
 * DATABASE_NOT_FOUND (no index and no STL_WRITER_CREATE),
 * DATABASE_UNREADABLE (permissions, not an index), DATABASE_CORRUPT,
 * DATABASE_VERSION, OUT_OF_MEMORY, XAPIAN_ERROR, INTERNAL_ERROR.
 */
stl_status_t stl_writer_open(const char *path, unsigned flags,
			     stl_writer_t **out, char **errmsg);

/*
 * Close the index: an open transaction is cancelled (its changes are
 * lost); changes made outside a transaction are committed; the lock is
 * released. Accepts NULL.
 */
void stl_writer_destroy(stl_writer_t *w);

/* The message of the last failed call on @w ("" if none). Owned by @w. */
const char *stl_writer_last_error(const stl_writer_t *w);

/*
 * A read-only view of the documents @w has, including its uncommitted
 * changes. Borrowed: owned by @w, valid until @w is destroyed; never pass
 * it to stl_reader_destroy() or stl_reader_reopen(). Errors of calls made
 * through it are reported by stl_reader_last_error() on the view.
 */
stl_reader_t *stl_writer_reader(stl_writer_t *w);

/*
 * Transactions: begin, then commit (all the changes since begin become
 * durable at once) or cancel (all are dropped). Outside a transaction,
 * stl_writer_commit() makes pending changes durable.
 * A kill between begin and commit leaves the index as it was at begin.
 * Return SUCCESS, INVALID_ARGUMENT (begin inside a transaction, commit or
 * cancel outside one), DATABASE_CORRUPT, IO_ERROR (disk full),
 * OUT_OF_MEMORY, XAPIAN_ERROR.
 */
stl_status_t stl_writer_begin(stl_writer_t *w);
stl_status_t stl_writer_commit_transaction(stl_writer_t *w);
stl_status_t stl_writer_cancel_transaction(stl_writer_t *w);
stl_status_t stl_writer_commit(stl_writer_t *w);

/*
 * Add @doc as a new document; *@docid (if not NULL) receives its id.
 * @doc is not consumed. Returns SUCCESS, OUT_OF_MEMORY, XAPIAN_ERROR, ...
 */
stl_status_t stl_writer_add(stl_writer_t *w, const stl_doc_t *doc,
			    stl_docid_t *docid);

/*
 * Replace the document indexed by @unique_term with @doc, or add @doc if
 * none is (if several are, the first is replaced and the others deleted).
 * @doc should itself hold @unique_term. @doc is not consumed.
 */
stl_status_t stl_writer_replace(stl_writer_t *w, const char *unique_term,
				const stl_doc_t *doc);

/* Delete every document indexed by @term (none is not an error). */
stl_status_t stl_writer_delete(stl_writer_t *w, const char *term);

/*
 * The ids of the documents indexed by @term as the writer sees them (its
 * uncommitted changes included), ascending, in *@ids (malloc'ed, caller
 * frees; NULL when *@n is 0). Returns SUCCESS, INVALID_ARGUMENT,
 * OUT_OF_MEMORY or a Xapian error.
 */
stl_status_t stl_writer_docids(stl_writer_t *w, const char *term,
			       stl_docid_t **ids, size_t *n);

/*
 * Document @docid becomes @doc (not consumed), added under that id if it
 * does not exist. Xapian compares the old document with the new one and
 * rewrites only the postings and positions that differ: for a file that
 * changed a little, far less than deleting and adding. Returns SUCCESS,
 * INVALID_ARGUMENT (@docid 0), OUT_OF_MEMORY or a Xapian error.
 */
stl_status_t stl_writer_replace_docid(stl_writer_t *w, stl_docid_t docid,
				      const stl_doc_t *doc);

/*
 * As stl_writer_replace_docid(), unless the document stored under @docid
 * has in @slot the same checksum as @doc (stl_doc_set_checksum()): then
 * nothing is written. Xapian's own comparison reads every stored
 * position list of the document; this reads one value. A @doc without a
 * checksum in @slot is always written. *@written (may be NULL) says
 * whether it was. Returns as stl_writer_replace_docid().
 */
stl_status_t stl_writer_update_docid(stl_writer_t *w, stl_docid_t docid,
				     const stl_doc_t *doc, stl_slot_t slot,
				     bool *written);

/*
 * Set value @slot of document @docid to the @len bytes of @value and
 * leave the rest of the document as it is (Xapian then rewrites the
 * values only). Returns SUCCESS, NOT_FOUND (no such document),
 * INVALID_ARGUMENT, OUT_OF_MEMORY or a Xapian error.
 */
stl_status_t stl_writer_set_value(stl_writer_t *w, stl_docid_t docid,
				  stl_slot_t slot, const char *value,
				  size_t len);

/* Delete document @docid. Returns SUCCESS, NOT_FOUND, or an error. */
stl_status_t stl_writer_delete_docid(stl_writer_t *w, stl_docid_t docid);

/*
 * Metadata: small key/value strings stored with the index (schema
 * version, indexed roots, tables). An empty value deletes the key.
 */
stl_status_t stl_writer_set_metadata(stl_writer_t *w, const char *key,
				     const char *value, size_t len);

/* Synonyms: @synonym (a term) is added to the list of @key, where @key is
 * a term or several unprefixed terms joined by single spaces. */
stl_status_t stl_writer_add_synonym(stl_writer_t *w, const char *key,
				    const char *synonym);
stl_status_t stl_writer_clear_synonyms(stl_writer_t *w, const char *key);

/* Spelling dictionary: words the parser may suggest ("¿Quiso decir?").
 * @freq is added to (or taken from) the word's frequency. */
stl_status_t stl_writer_add_spelling(stl_writer_t *w, const char *word,
				     unsigned freq);
stl_status_t stl_writer_remove_spelling(stl_writer_t *w, const char *word,
					unsigned freq);

/* ---- Documents --------------------------------------------------------- */

/* A new empty document, or NULL if out of memory. */
stl_doc_t *stl_doc_new(void);
void stl_doc_destroy(stl_doc_t *doc);
/* Remove everything from @doc so it can be filled again. */
void stl_doc_clear(stl_doc_t *doc);

/*
 * Index @term (@len bytes) at word position @pos (positions start at 1),
 * adding 1 to its within-document frequency. For phrase search.
 * Returns SUCCESS, INVALID_ARGUMENT (empty or too long), OUT_OF_MEMORY.
 */
stl_status_t stl_doc_add_posting(stl_doc_t *doc, const char *term,
				 size_t len, unsigned pos);
/* Index @term without a position, adding 1 to its frequency (stems). */
stl_status_t stl_doc_add_term(stl_doc_t *doc, const char *term, size_t len);
/* Index @term as an exact filter: no position, no effect on ranking. */
stl_status_t stl_doc_add_boolean_term(stl_doc_t *doc, const char *term,
				      size_t len);
/* Set value slot @slot (dates sort as "YYYYMMDD" strings). */
stl_status_t stl_doc_set_value(stl_doc_t *doc, stl_slot_t slot,
			       const char *value, size_t len);
/* Set the document data (the parsed record the searcher prints). */
stl_status_t stl_doc_set_data(stl_doc_t *doc, const char *data, size_t len);
/*
 * Set value slot @slot to a checksum (16 hex digits) of everything else
 * @doc holds: its terms with their frequencies and positions, its other
 * values and its data. Call it last, once the document is complete; see
 * stl_writer_update_docid(). Returns SUCCESS, INVALID_ARGUMENT (NULL),
 * OUT_OF_MEMORY or a Xapian error.
 */
stl_status_t stl_doc_set_checksum(stl_doc_t *doc, stl_slot_t slot);

/* ---- Reader ------------------------------------------------------------ */

/*
 * Open the index at @path read-only, at its latest committed revision.
 * Same ownership and error conventions as stl_writer_open(); returns
 * SUCCESS, DATABASE_NOT_FOUND, DATABASE_UNREADABLE, DATABASE_CORRUPT,
 * DATABASE_VERSION, OUT_OF_MEMORY, XAPIAN_ERROR, INTERNAL_ERROR.
 */
stl_status_t stl_reader_open(const char *path, stl_reader_t **out,
			     char **errmsg);
void stl_reader_destroy(stl_reader_t *r);
const char *stl_reader_last_error(const stl_reader_t *r);

/*
 * Move @r to the latest committed revision. Call it after any call on @r
 * returned DATABASE_MODIFIED, then retry that call.
 */
stl_status_t stl_reader_reopen(stl_reader_t *r);

/* Number of documents. */
stl_status_t stl_reader_doccount(stl_reader_t *r, unsigned *count);

/*
 * Metadata value of @key, malloc'ed and NUL-terminated in *@value (caller
 * frees), its length in *@len (may be NULL). An absent key is NOT_FOUND.
 */
stl_status_t stl_reader_get_metadata(stl_reader_t *r, const char *key,
				     char **value, size_t *len);

/* Number of documents indexed by @term (0 if none). */
stl_status_t stl_reader_term_freq(stl_reader_t *r, const char *term,
				  unsigned *freq);

/* Called for each item; return non-zero to stop the walk. */
typedef int (*stl_docid_fn)(stl_docid_t docid, void *ctx);
typedef int (*stl_value_fn)(stl_docid_t docid, const char *value,
			    size_t len, void *ctx);
typedef int (*stl_term_fn)(const char *term, size_t len, unsigned freq,
			   void *ctx);

/* Each document indexed by @term, in docid order. */
stl_status_t stl_reader_postings(stl_reader_t *r, const char *term,
				 stl_docid_fn fn, void *ctx);
/* Each document that has a value in @slot, in docid order. */
stl_status_t stl_reader_values(stl_reader_t *r, stl_slot_t slot,
			       stl_value_fn fn, void *ctx);
/* Each term starting with @prefix ("" for all), in byte order, with its
 * document frequency. */
stl_status_t stl_reader_terms(stl_reader_t *r, const char *prefix,
			      stl_term_fn fn, void *ctx);
/* Each term of document @docid starting with @prefix ("" for all), with
 * its within-document frequency (0 for boolean terms). */
stl_status_t stl_reader_doc_terms(stl_reader_t *r, stl_docid_t docid,
				  const char *prefix, stl_term_fn fn,
				  void *ctx);

/* Data / value @slot of document @docid, malloc'ed and NUL-terminated
 * (caller frees). A missing document is NOT_FOUND; an unset value is "". */
stl_status_t stl_reader_get_data(stl_reader_t *r, stl_docid_t docid,
				 char **data, size_t *len);
stl_status_t stl_reader_get_value(stl_reader_t *r, stl_docid_t docid,
				  stl_slot_t slot, char **value, size_t *len);

/* Each synonym of @key (see stl_writer_add_synonym()); freq is 0. */
stl_status_t stl_reader_synonyms(stl_reader_t *r, const char *key,
				 stl_term_fn fn, void *ctx);

/*
 * The spelling dictionary's best correction for @word, malloc'ed in
 * *@suggestion (caller frees), or NULL when there is none.
 */
stl_status_t stl_reader_spelling_suggestion(stl_reader_t *r,
					    const char *word,
					    char **suggestion);

/* ---- Queries ----------------------------------------------------------- */

typedef enum stl_query_op {
	STL_QUERY_AND,		/* all subqueries match; weights add */
	STL_QUERY_OR,		/* any matches */
	STL_QUERY_AND_NOT,	/* the first, but none of the others */
	STL_QUERY_FILTER,	/* the first, restricted to the others; only
				   the first is weighted */
	STL_QUERY_SYNONYM,	/* any matches, weighted as one term */
	STL_QUERY_PHRASE,	/* terms in order, adjacent (window 0) or
				   within a window */
	STL_QUERY_NEAR,		/* terms in any order within a window */
	STL_QUERY_MAX,		/* any matches, weighted as its best
				   subquery (the matcher can then skip
				   documents that cannot make the page) */
} stl_query_op_t;

/*
 * Constructors. On success *@out owns a new query (free with
 * stl_query_destroy()); they return SUCCESS, INVALID_ARGUMENT (empty or
 * over-long term, no subqueries, an op that needs terms given other
 * queries) or OUT_OF_MEMORY. Subqueries are copied, not consumed.
 */
stl_status_t stl_query_new_term(const char *term, stl_query_t **out);
/* Terms starting with @prefix (right truncation), at most @max_expansion
 * of the most frequent ones (0: no limit). */
stl_status_t stl_query_new_wildcard(const char *prefix,
				    unsigned max_expansion,
				    stl_query_t **out);
/* Documents whose value in @slot is >= @lo and <= @hi, compared as byte
 * strings; NULL means open at that end (both NULL: match all). */
stl_status_t stl_query_new_value_range(stl_slot_t slot, const char *lo,
				       const char *hi, stl_query_t **out);
/* Every document (weight 0: it ranks nothing), and none. */
stl_status_t stl_query_new_match_all(stl_query_t **out);
stl_status_t stl_query_new_match_nothing(stl_query_t **out);
/* Combine @n subqueries with @op; @window is used by PHRASE and NEAR
 * (0: the number of subqueries). */
stl_status_t stl_query_combine(stl_query_op_t op, stl_query_t *const *subs,
			       size_t n, unsigned window, stl_query_t **out);
void stl_query_destroy(stl_query_t *q);

/*
 * True when every leaf of @q is a term (no match-all, wildcard, value
 * range or other leaf; MatchNothing is allowed) and @fn accepts each of
 * them, under NOT too. Lets a caller see that a query can only match
 * documents that have some kind of term. False on NULL or any error.
 */
bool stl_query_all_terms(const stl_query_t *q,
			 bool (*fn)(const char *term, size_t len, void *ctx),
			 void *ctx);

/*
 * The term that covers @term (@len bytes), written to @buf (room for
 * STL_XAPIAN_TERM_MAX bytes, not terminated); returns its length, or 0
 * if none does. A term covers another when every document indexed with
 * the second has the first too.
 */
typedef size_t (*stl_cover_fn)(const char *term, size_t len, char *buf,
			       void *ctx);

/*
 * A copy of @q, in *@out, without the terms a sibling covers: under each
 * OR and SYNONYM, a term leaf is dropped when the term @fn names for it
 * is another leaf of the same operator. The documents matched stay the
 * same (the covering term's are a superset), only their weights change,
 * and the matcher walks one posting list where it walked several.
 * Phrases and NEAR keep all their terms. The caller destroys *@out.
 *
 * Returns: SUCCESS; INVALID_ARGUMENT (a NULL argument; *@out is NULL);
 * OUT_OF_MEMORY or OTHER from Xapian.
 */
stl_status_t stl_query_drop_covered(const stl_query_t *q, stl_cover_fn fn,
				    void *ctx, stl_query_t **out);

/* True if @q matches nothing by construction (an empty query). */
bool stl_query_is_empty(const stl_query_t *q);

/* Xapian's description of @q, malloc'ed (caller frees); NULL if out of
 * memory. For tests and --debug output. */
char *stl_query_describe(const stl_query_t *q);

/* ---- Query parser ------------------------------------------------------ */

/*
 * Stemmer supplied from C: write the stem of @word (@len bytes) to @out,
 * which has room for @len + 1 bytes, and return its length.
 * stl_stem() from text.h has this shape (with @ctx unused).
 */
typedef size_t (*stl_stem_fn)(void *ctx, const char *word, size_t len,
			      char *out);

/*
 * Field processor supplied from C: turn the text after "field:" (the
 * contents when quoted) into a query. Return SUCCESS and set *@out, or
 * return BAD_QUERY (or another status) and set *@errmsg to a malloc'ed
 * message for the user (the parser reports it as its own last error).
 */
typedef stl_status_t (*stl_field_fn)(void *ctx, const char *value,
				     stl_query_t **out, char **errmsg);

enum stl_qparser_flag {
	STL_QP_BOOLEAN = 1u << 0,	/* AND OR NOT XOR, parentheses */
	STL_QP_PHRASE = 1u << 1,	/* "quoted phrases", a-b as phrases */
	STL_QP_LOVEHATE = 1u << 2,	/* +required -excluded */
	STL_QP_WILDCARD = 1u << 3,	/* transp* */
	STL_QP_PURE_NOT = 1u << 4,	/* NOT x alone */
	STL_QP_SYNONYMS = 1u << 5,	/* expand (multi-word) synonyms */
	STL_QP_SPELLING = 1u << 6,	/* compute a corrected query */
	STL_QP_NEAR = 1u << 7,		/* NEAR, NEAR/n, ADJ (part of BOOLEAN
					   in Xapian 1.4: alone, no effect) */
};

/*
 * A parser bound to @db (used for wildcards, synonyms and spelling; may be
 * NULL, then those features find nothing). @db must outlive the parser.
 * Default operator: AND. Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t stl_qparser_new(stl_reader_t *db, stl_qparser_t **out);
void stl_qparser_destroy(stl_qparser_t *qp);
const char *stl_qparser_last_error(const stl_qparser_t *qp);

/* Stem unquoted words with @fn ("Z" + prefix + stem terms); phrases and
 * wildcards use the unstemmed terms. */
stl_status_t stl_qparser_set_stemmer(stl_qparser_t *qp, stl_stem_fn fn,
				     void *ctx);
/* Words dropped from ranking queries (kept in phrases, and kept when a
 * query has nothing else). The list is copied. */
stl_status_t stl_qparser_set_stopwords(stl_qparser_t *qp,
				       const char *const *words, size_t n);
/* Wildcards expand to at most @max terms (the most frequent). */
stl_status_t stl_qparser_set_max_wildcard(stl_qparser_t *qp, unsigned max);

/*
 * "field:" searches free-text terms with @prefix. Calling it again for the
 * same field adds a prefix (the field then matches any of them). The field
 * "" sets the prefixes of unprefixed words.
 */
stl_status_t stl_qparser_add_prefix(stl_qparser_t *qp, const char *field,
				    const char *prefix);
/*
 * "field:value" filters on the exact term @prefix + value (no effect on
 * ranking). Several filters of an @exclusive field are ORed, of a
 * non-exclusive one ANDed.
 */
stl_status_t stl_qparser_add_boolean_prefix(stl_qparser_t *qp,
					    const char *field,
					    const char *prefix,
					    bool exclusive);
/*
 * "field:value" is turned into a query by @fn. With @boolean the value
 * runs to the next space or ')' (or is quoted) and the query filters,
 * combined as for add_boolean_prefix(); otherwise it is a single word that
 * is weighted. @ctx must outlive the parser.
 */
stl_status_t stl_qparser_add_field(stl_qparser_t *qp, const char *field,
				   stl_field_fn fn, void *ctx, bool boolean,
				   bool exclusive);

/*
 * Parse @query (UTF-8) with @flags (enum stl_qparser_flag). On success
 * *@out owns the query. Returns SUCCESS, BAD_QUERY (syntax error or a
 * field processor's error; the last error says why), OUT_OF_MEMORY,
 * DATABASE_MODIFIED (reopen the reader and parse again), XAPIAN_ERROR.
 */
stl_status_t stl_qparser_parse(stl_qparser_t *qp, const char *query,
			       unsigned flags, stl_query_t **out);

/*
 * After a parse with STL_QP_SPELLING: the query with misspelt words
 * replaced by the dictionary's suggestions, malloc'ed (caller frees), or
 * NULL when nothing was corrected.
 */
char *stl_qparser_corrected_query(const stl_qparser_t *qp);

/* ---- Search ------------------------------------------------------------ */

typedef enum stl_sort {
	STL_SORT_RELEVANCE,	/* BM25, best first */
	STL_SORT_VALUE_ASC,	/* by sort_slot, then relevance */
	STL_SORT_VALUE_DESC,
} stl_sort_t;

/* A slot that orders what compares equal, ascending or @reverse. */
struct stl_sort_tie {
	stl_slot_t slot;
	bool reverse;
};

struct stl_search_opts {
	unsigned offset;	/* hits to skip */
	unsigned limit;		/* hits to return (0: none, just counts) */
	stl_sort_t sort;
	stl_slot_t sort_slot;
	/* Documents without a value in sort_slot come last, whichever the
	 * direction (agreements without a deadline). */
	bool sort_empty_last;
	/* Count the whole match set exactly (for --count and facets). */
	bool exact_count;
	/* Return the query terms each hit matched (for snippets). */
	bool matching_terms;
	/*
	 * Cheaper, for snippets: with each hit, every term of the query
	 * outside the right side of an AND_NOT or FILTER (whether the hit
	 * has it or not) and the hit's expansions of wildcards. Xapian's matching terms
	 * read each hit's term list; these do not. Ignored when
	 * matching_terms is set.
	 */
	bool query_terms;
	/*
	 * Count values of these slots over the whole match set. A value may
	 * hold several entries separated by '\n'; each is counted (once per
	 * document).
	 */
	const stl_slot_t *facet_slots;
	size_t nfacets;
	/*
	 * One hit per distinct non-empty value of collapse_slot, the best
	 * ranked, with the number of others it stands for; counts and facets
	 * count each value once. Documents without the value never collapse.
	 */
	bool collapse;
	stl_slot_t collapse_slot;
	/*
	 * Equal scores are ordered by this slot (NULL: by document id, which
	 * differs between one index and its shards). One slot: Xapian
	 * 1.4's remote backend sorts by values, not by key makers.
	 */
	const struct stl_sort_tie *tie;
};

typedef struct stl_hit {
	stl_docid_t docid;
	unsigned rank;		/* 0-based, counting from the first match */
	double weight;		/* BM25 score */
	int percent;		/* 0..100 */
	char *data;		/* document data, NUL-terminated */
	size_t data_len;
	char **terms;		/* matching (or query) terms if asked, else
				   NULL: the query's (by query position,
				   then bytes), then wildcard expansions */
	size_t nterms;
	/* With collapse: the hit's collapse value (NUL-terminated, "" for
	 * none) and how many more documents of the match set share it (a
	 * lower bound: Xapian stops counting once it has enough hits). */
	char *collapse_key;
	unsigned collapsed;
} stl_hit_t;

typedef struct stl_facet_value {
	char *value;
	unsigned count;
} stl_facet_value_t;

typedef struct stl_facet {
	stl_slot_t slot;
	stl_facet_value_t *values;	/* most frequent first, then by value */
	size_t nvalues;
} stl_facet_t;

typedef struct stl_results {
	unsigned matches;	/* estimate; exact with exact_count */
	unsigned matches_lower, matches_upper;
	stl_hit_t *hits;
	size_t nhits;
	stl_facet_t *facets;	/* one per requested slot, in order */
	size_t nfacets;
} stl_results_t;

/*
 * Run @q on @r. On success *@out owns plain C results (free with
 * stl_results_destroy()). Returns SUCCESS, DATABASE_MODIFIED (reopen and
 * retry), DATABASE_CORRUPT, OUT_OF_MEMORY, INVALID_ARGUMENT,
 * XAPIAN_ERROR, INTERNAL_ERROR.
 */
stl_status_t stl_reader_search(stl_reader_t *r, const stl_query_t *q,
			       const struct stl_search_opts *opts,
			       stl_results_t **out);
void stl_results_destroy(stl_results_t *res);

/* ---- Maintenance ------------------------------------------------------- */

/*
 * Merge the indexes at @sources into a new compacted index at @dest (which
 * must not exist). Used to build shards in parallel and merge them.
 * *@errmsg as for stl_writer_open(). Returns SUCCESS,
 * DATABASE_NOT_FOUND, DATABASE_UNREADABLE, IO_ERROR, XAPIAN_ERROR, ...
 */
stl_status_t stl_xapian_compact(const char *const *sources, size_t n,
				const char *dest, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif /* STL_XAPIAN_H */
