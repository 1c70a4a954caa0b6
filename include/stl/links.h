/*
 * links.h - follow-up links between minutes: the meeting before a minute
 * and the one after it, and the meeting an agreement "para la siguiente
 * reunión" is due at. They are facts about several minutes, so none is
 * stored in a minute's documents: each minute's own terms say its date,
 * its event and the follow-up meeting it announces (stl/schema.h,
 * stl_schema_add_links()), and the links are found at query time, a few
 * posting-list lookups for each hit shown. They stay right when minutes
 * are added, changed or deleted.
 *
 * The rules:
 *
 * - Same event: two minutes whose events make the same
 *   stl_minute_event_key() (folded words, institution names as their
 *   ids). A minute without an event has no event to share.
 * - next(M): the minute held on the date M's "REUNIÓN DE SEGUIMIENTO"
 *   announces, unless it is of another event than M's (two groups may
 *   meet the same day; a minute without an event may be anyone's); among
 *   several, one of M's event first, then the smallest id. When M
 *   announces no date, or no such minute was held on it: the first
 *   minute of M's event dated after M (the smallest id among those of
 *   that day), if M has a date and an event. Else none.
 * - previous(M): among the minutes P whose next(P) is M (or a copy of M:
 *   stl/schema.h, copies of one minute), the latest, then
 *   the smallest id. The only minutes that can be such a P are those that
 *   announced M's date and the latest earlier minutes of M's event, so
 *   those are the ones tried. Hence next(previous(M)) is M, always.
 * - due_meeting of an agreement due at the follow-up meeting
 *   (stl_agreement.due_next_meeting): next() of its minute.
 *
 * Ties are looked at among at most LINKS_TIES minutes of one day.
 *
 * Cost, for each hit shown: a handful of searches on boolean terms (the
 * minutes held on a day, those announcing it, the event's nearest minute
 * in a window of day, month and year terms, then that day's), reading
 * values, not records; the path of each link found is read once.
 */
#ifndef STL_LINKS_H
#define STL_LINKS_H

#include "stl/minute.h"
#include "stl/schema.h"
#include "stl/status.h"
#include "stl/xapian.h"

/* Minutes of one day that ties are decided among. */
#define LINKS_TIES 16

/* A linked minute, as plain C data; id "" when there is none. */
struct search_link {
	char id[STL_SCHEMA_ID_SIZE];	/* its file key */
	char date[11];			/* "YYYY-MM-DD" or "" */
	char *path;			/* as its record says; owned, or NULL */
};

/* What the rules need of one minute, borrowed from its record. */
struct links_minute {
	const char *key;	/* its file key (stl_schema_file_key()) */
	const char *date;	/* "YYYY-MM-DD" or "" */
	const char *event;	/* as written, or NULL */
	const char *announced;	/* the follow-up meeting's date, or "" */
	/* Its copy key (STL_SLOT_COPY), or NULL: a minute whose next is
	 * another file of the same minute (the PDF of a .docx: one hit
	 * stands for both) is its previous too. */
	const char *copy;
};

struct links;

/*
 * A finder of links over @r, with the institutions @inst (the index's
 * table; may be NULL) for the event keys. Both are borrowed and must
 * outlive it. Returns SUCCESS or OUT_OF_MEMORY (*@out NULL).
 */
stl_status_t links_new(stl_reader_t *r, const struct stl_institutions *inst,
		       struct links **out);
/* Accepts NULL. */
void links_destroy(struct links *l);

/*
 * next(@m) and previous(@m) into *@out (released first with
 * search_link_release(); zeroed when there is none). Returns SUCCESS,
 * OUT_OF_MEMORY, or the reader's error (DATABASE_MODIFIED: reopen and
 * try again; its message in the reader).
 */
stl_status_t links_next(struct links *l, const struct links_minute *m,
			struct search_link *out);
stl_status_t links_previous(struct links *l, const struct links_minute *m,
			    struct search_link *out);

/* Free what @k owns and zero it. */
void search_link_release(struct search_link *k);

#endif /* STL_LINKS_H */
