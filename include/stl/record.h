/*
 * record.h - the record: the JSON stored as the data of each document, so
 * that the searcher prints a hit without re-reading its file. The indexer
 * writes it, the searcher reads it back; nothing else knows its keys.
 *
 * A minute's record is one compact JSON object with these keys, in this
 * order:
 *
 *   {"v":1, "path": "...", "date": "2020-09-24", "time": "17:00",
 *    "city": ..., "title": ..., "event": ..., "medium": ...,
 *    "attendees": [{"name":..., "role":..., "institution":...,
 *                   "institution_id":..., "person_id":...}],
 *    "topics": ["..."],
 *    "agreements": [{"number":1, "text":..., "persons":[...],
 *                    "deadline": "2020-10-05" | null,
 *                    "due_next_meeting": true (only when true)}],
 *    "next_meeting": {"date":..., "time":...} | null,
 *    "followups": [{"date": "2020-09-24", "number": 3,
 *                   "status": "cumplido"}],   (absent: none stated)
 *    "missing": <int>, "text": "<whole text>"}
 *
 * An agreement's record carries what is printed for it, without going
 * back to the minute:
 *
 *   {"v":1, "kind":"acuerdo", "path": "...", "date": ..., "time": ...,
 *    "event": ..., "number":1, "text": ..., "persons": [...],
 *    "deadline": ... | null, "due_next_meeting": true (only when true)}
 *
 * A record without "kind" is a minute's. Empty strings are written as
 * null. Every string keeps any Unicode and control character (escaped);
 * a byte that is not UTF-8 (a file name need not be) is written as U+FFFD,
 * since JSON strings are UTF-8.
 *
 * Ownership: the writers return malloc'ed bytes the caller frees with
 * free(). The reader copies everything out into a struct stl_record that
 * owns it all and is freed with stl_record_destroy(). Nothing here keeps
 * pointers into its arguments.
 */
#ifndef STL_RECORD_H
#define STL_RECORD_H

#include <stddef.h>

#include "stl/minute.h"
#include "stl/schema.h"
#include "stl/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The "v" of every record written; the reader accepts no other. */
#define STL_RECORD_VERSION 1


/*
 * A record, parsed. Absent and null strings are NULL (the fixed-size
 * fields of struct stl_minute and struct stl_agreement are "").
 */
struct stl_record {
	enum stl_doc_kind kind;	/* STL_DOC_MINUTE or STL_DOC_AGREEMENT */
	char *path;		/* as indexed (bad bytes as U+FFFD), or NULL */
	/*
	 * A minute's record: the whole minute, as stl_minute_parse() gave
	 * it. An agreement's: its meeting's date, time and event; the rest
	 * is empty. Never NULL; owned by the record.
	 */
	struct stl_minute *minute;
	/* An agreement's record: the agreement. A minute's: all zero. */
	struct stl_agreement agreement;
};

/*
 * The record of the minute @m found at @path (may be NULL). On success
 * *@out is a malloc'ed NUL-terminated compact JSON text the caller frees,
 * and *@len (if @len is not NULL) its length.
 *
 * Returns SUCCESS, INVALID_ARGUMENT (@m or @out NULL), or OUT_OF_MEMORY;
 * *@out is NULL on failure.
 */
stl_status_t stl_record_write_minute(const struct stl_minute *m,
				     const char *path, char **out,
				     size_t *len);

/*
 * The record of the agreement @a of the minute @m found at @path (may be
 * NULL): like stl_record_write_minute().
 *
 * Returns SUCCESS, INVALID_ARGUMENT (@m, @a or @out NULL), or
 * OUT_OF_MEMORY; *@out is NULL on failure.
 */
stl_status_t stl_record_write_agreement(const struct stl_minute *m,
					const struct stl_agreement *a,
					const char *path, char **out,
					size_t *len);

/*
 * Parse the @len bytes at @data (a record as the writers above wrote it)
 * into a new struct stl_record in *@out, which the caller frees with
 * stl_record_destroy(). What is written back from a minute's record is
 * the same bytes.
 *
 * Returns SUCCESS; INVALID_ARGUMENT if @data or @out is NULL or the bytes
 * are not a record of this version (not JSON, not an object, another
 * "v", a key of the wrong type or form, an unknown "kind"); or
 * OUT_OF_MEMORY. *@out is NULL on failure.
 */
stl_status_t stl_record_read(const char *data, size_t len,
			     struct stl_record **out);

/* Free @r and everything it owns. @r may be NULL. */
void stl_record_destroy(struct stl_record *r);

#ifdef __cplusplus
}
#endif

#endif /* STL_RECORD_H */
