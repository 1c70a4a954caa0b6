/*
 * schema.h - how minutes are laid out in the Xapian index, and the one
 * place that knows it: the fields (query names, term prefixes, how each
 * is indexed and searched), the boolean terms (file, kind, dates,
 * institutions), value slots, metadata keys and the schema version. The
 * document builder (indexer/) and the query parser (lib/search/) are both
 * driven by the table of fields below; nothing else spells a prefix or
 * builds a term.
 *
 * Two kinds of document: one per minute, one per agreement (linked to its
 * minute by the file term). The words of a field are indexed with
 * positions (phrases) under the field's prefix, plus "Z" + prefix + stem
 * (ranking by stem); exact ids are boolean terms that filter without
 * weighting.
 *
 * A minute also has "Z" + stem for the words of every field flagged
 * STL_FIELD_UNION, so free text looks a word's stem up in one posting
 * list instead of one per field. Field searches use "Z" + prefix + stem.
 *
 * The two kinds share no word prefix: an agreement's text and people have
 * prefixes of their own. A search for minutes then walks posting lists of
 * minutes only, and one for agreements those of agreements only.
 */
#ifndef STL_SCHEMA_H
#define STL_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/minute.h"
#include "stl/status.h"
#include "stl/xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bump when terms, values, data or metadata change meaning. */
#define STL_SCHEMA_VERSION 7

/* Room for any term the builders below write, NUL included. */
#define STL_SCHEMA_TERM_SIZE (STL_XAPIAN_TERM_MAX + 1)

/* ---- Kinds of document ------------------------------------------------- */

enum stl_doc_kind {
	STL_DOC_MINUTE,
	STL_DOC_AGREEMENT,
	STL_DOC_NKINDS,
	/* Not a kind of document: a search over both. */
	STL_DOC_ANY = STL_DOC_NKINDS,
};

/* "minuta" or "acuerdo": tipo:'s values, the kind terms and the record's
 * "kind". Static; NULL for STL_DOC_ANY. */
const char *stl_schema_kind_name(enum stl_doc_kind kind);

/*
 * The kind the folded word @w names, as a user types it: "minuta(s)",
 * "acuerdo(s)", or "todo(s)" for STL_DOC_ANY. Returns false for any other
 * word (*@kind untouched).
 */
bool stl_schema_kind_parse(const char *w, enum stl_doc_kind *kind);

/* ---- Fields ------------------------------------------------------------- */

enum stl_field_id {
	STL_FIELD_TEXT,		/* the whole text; no query name */
	STL_FIELD_ATTENDEE,	/* asistente: attendee names */
	STL_FIELD_PERSON,	/* persona: attendees + people concerned */
	STL_FIELD_INSTITUTION,	/* institucion: names of institutions */
	STL_FIELD_TOPIC,	/* tema: */
	STL_FIELD_AGREEMENT,	/* acuerdo: */
	STL_FIELD_PLACE,	/* lugar: city and medium */
	STL_FIELD_EVENT,	/* evento: event and title */
	STL_FIELD_KIND,		/* tipo: */
	STL_FIELD_DATE,		/* fecha: */
	STL_FIELD_DEADLINE,	/* plazo: agreements' deadlines */
	STL_FIELD_STATUS,	/* estado: what follow-ups stated */
	STL_NFIELDS
};

enum stl_field_type {
	STL_FIELD_WORDS,	/* words with positions and stems */
	STL_FIELD_BOOLEAN,	/* one exact term per value (prefix + value) */
	STL_FIELD_PROCESSOR,	/* a field processor of lib/search builds
				 * the query (dates, the institutions table) */
};

enum stl_field_flag {
	/* Free text searches the field's words. */
	STL_FIELD_FREE = 1u << 0,
	/* A minute's "Z" + stem holds the stems of the field's words. */
	STL_FIELD_UNION = 1u << 1,
	/* On minutes the field searches the attendees' names too: they are
	 * the people of a minute, and are indexed once, as asistente:. */
	STL_FIELD_ATTENDEES_TOO = 1u << 2,
	/* On minutes the field also finds the attendees of the institution
	 * its value names (asistente:cpc): query_by_institution(). */
	STL_FIELD_BY_INSTITUTION = 1u << 3,
};

struct stl_field {
	enum stl_field_id id;
	const char *name;	/* folded, as a user types it; NULL: none */
	const char *aliases[3];	/* English names, NULL-terminated; the
				 * first is the one messages show */
	enum stl_field_type type;
	/* The term prefix on each kind of document; NULL where that kind
	 * does not have the field. For STL_FIELD_INSTITUTION it is the
	 * prefix of the words of names the table does not know; known
	 * ones are boolean terms (stl_schema_institution_term()). */
	const char *prefix[STL_DOC_NKINDS];
	unsigned flags;		/* enum stl_field_flag */
};

/* The table of fields, indexed by enum stl_field_id. */
extern const struct stl_field stl_fields[STL_NFIELDS];

/* The field typed as the folded @name (a Spanish name or an English
 * alias), or NULL. */
const struct stl_field *stl_schema_field_by_name(const char *name);

/*
 * The prefix to search field @f under on documents of @kind. A field the
 * kind does not have keeps its minutes' prefix, so the query still parses
 * and simply finds nothing.
 */
const char *stl_schema_query_prefix(const struct stl_field *f,
				    enum stl_doc_kind kind);

/*
 * The prefixes free text searches on documents of @kind, in table order:
 * writes up to @max of them to @out and returns how many there are.
 */
size_t stl_schema_free_prefixes(enum stl_doc_kind kind, const char **out,
				size_t max);

/* True if a minute's union stem ("Z" + stem) covers the stems of words
 * under the @len bytes of @prefix. */
bool stl_schema_in_union(const char *prefix, size_t len);

/* ---- Word terms ---------------------------------------------------------- */

/*
 * @prefix + the @len bytes of @word into @out; its length, or 0 if it
 * would be longer than a term can be.
 */
size_t stl_schema_word_term(const char *prefix, const char *word, size_t len,
			    char out[STL_SCHEMA_TERM_SIZE]);

/* "Z" + @prefix + the @len bytes of @stem into @out (prefix "" for a
 * union stem); its length, or 0 if too long for a term. */
size_t stl_schema_stem_term(const char *prefix, const char *stem, size_t len,
			    char out[STL_SCHEMA_TERM_SIZE]);

/*
 * The parts of an index term: an optional "Z" (a stem), the text prefix
 * ("X" and capitals, or none) and the word. Words are lowercase and
 * prefixes uppercase ASCII, so the split needs no table.
 */
struct stl_term_parts {
	bool stem;		/* "Z" + prefix + stem */
	const char *prefix;	/* into the term; prefix_len 0: unprefixed */
	size_t prefix_len;
	const char *word;	/* into the term (may be empty) */
	size_t word_len;
};

/*
 * Split the @len bytes of @term into *@out. Returns false for a boolean
 * term (one capital letter other than X after the optional Z: kind, file,
 * year, month, day, institution ids), which is no word of any text.
 */
bool stl_schema_split_term(const char *term, size_t len,
			   struct stl_term_parts *out);

/*
 * The kinds of document that can hold the word term @term (@len bytes):
 * a mask of 1u << enum stl_doc_kind, 0 for a boolean term or an unknown
 * prefix.
 */
unsigned stl_schema_term_kinds(const char *term, size_t len);

/* ---- Boolean terms -------------------------------------------------------- */

/*
 * Each writes a NUL-terminated term to @out and returns its length, or 0
 * when the value is empty or the term would be too long (such a value
 * cannot be searched exactly anyway).
 */

/* On every document of the file at @path: a key of 16 hex digits (the
 * XXH64 of the path), so any path, however long, makes a short term. */
size_t stl_schema_file_term(const char *path, char out[STL_SCHEMA_TERM_SIZE]);
/* Unique to the minute document of the file at @path. */
size_t stl_schema_minute_term(const char *path,
			      char out[STL_SCHEMA_TERM_SIZE]);
size_t stl_schema_kind_term(enum stl_doc_kind kind,
			    char out[STL_SCHEMA_TERM_SIZE]);
/* Of an attendee's institution: the table's id, or the folded name of
 * an organization the table does not know. */
size_t stl_schema_institution_term(const char *id,
				   char out[STL_SCHEMA_TERM_SIZE]);
/*
 * Dates: fecha: looks up whole years, months and days as terms, since a
 * value range would read the date of every document. @month 0 is the
 * whole year, @day 0 the whole month.
 */
size_t stl_schema_date_term(int year, int month, int day,
			    char out[STL_SCHEMA_TERM_SIZE]);

/*
 * What a document dated @iso ("YYYY-MM-DD"; "" for none) carries: the
 * year, month and day terms, and the date and year values. Returns
 * SUCCESS or what the wrapper returns.
 */
stl_status_t stl_schema_add_date(stl_doc_t *doc, const char *iso);

/*
 * The first and last years of the dated documents of @r, in *@first and
 * *@last (0 when none is dated). Returns SUCCESS or the reader's error.
 */
stl_status_t stl_schema_years(stl_reader_t *r, int *first, int *last);

/*
 * Deadlines (plazo:): an agreement with one carries year, month and day
 * terms of their own (as fecha:'s, under another prefix) and the value
 * STL_SLOT_DEADLINE "YYYYMMDD" (--orden plazo); one without, the term of
 * no deadline. Each returns the term's length, or 0 for a bad date.
 */
size_t stl_schema_deadline_term(int year, int month, int day,
				char out[STL_SCHEMA_TERM_SIZE]);
size_t stl_schema_no_deadline_term(char out[STL_SCHEMA_TERM_SIZE]);

/* The first and last years of the agreements' deadlines in @r (0 when
 * none has one). SUCCESS or the reader's error. */
stl_status_t stl_schema_deadline_years(stl_reader_t *r, int *first,
				       int *last);

/* The deadline terms and value of an agreement due @iso ("YYYY-MM-DD"; ""
 * or NULL: the no-deadline term). SUCCESS or what the wrapper returns. */
stl_status_t stl_schema_add_deadline(stl_doc_t *doc, const char *iso);

/*
 * Follow-up of agreements (estado:). An agreement is referred to by its
 * minute's date and its number: the term "R" YYYYMMDD "-" number is on
 * the agreement's own document and on the document of every minute whose
 * "SEGUIMIENTO DE ACUERDOS" reports on it. Statuses are derived when
 * searching, from the stating minutes alive then, so that a deleted or
 * changed minute takes its statements with it. @iso "YYYY-MM-DD"; 0 if
 * it is not a date or @number is 0.
 */
size_t stl_schema_followup_term(const char *iso, unsigned number,
				char out[STL_SCHEMA_TERM_SIZE]);

/* On every minute that states a follow-up. */
size_t stl_schema_has_followups_term(char out[STL_SCHEMA_TERM_SIZE]);

/*
 * The follow-up terms of minute @m's statements (their references, the
 * has-follow-ups term) and the value STL_SLOT_FOLLOWUPS that lists them;
 * nothing for a minute without any. SUCCESS or the wrapper's error.
 */
stl_status_t stl_schema_add_followups(stl_doc_t *doc,
				      const struct stl_minute *m);

/*
 * One statement of a stating minute (dated @src_date "YYYY-MM-DD", or ""
 * if undated, at @src_path as indexed): agreement @number of the minute
 * dated @date has @status. Return non-zero to stop the walk.
 */
typedef int (*stl_followup_fn)(const char *src_date, const char *src_path,
			       const char *date, unsigned number,
			       enum stl_agr_status status, void *ctx);

/*
 * Each statement of each stating minute of @r, minute by minute in
 * document order. Returns SUCCESS or the reader's error.
 */
stl_status_t stl_schema_followups(stl_reader_t *r, stl_followup_fn fn,
				  void *ctx);

/*
 * Follow-up links between minutes (stl/links.h), on minute documents
 * only, so that each minute's own record decides them and the searcher
 * finds the others at query time: the day its "REUNIÓN DE SEGUIMIENTO"
 * announces (@iso "YYYY-MM-DD"), and its event, by the key
 * stl_minute_event_key() makes of it (a hash of it: any length makes a
 * short term).
 */
size_t stl_schema_next_meeting_term(const char *iso,
				    char out[STL_SCHEMA_TERM_SIZE]);
size_t stl_schema_event_term(const char *key, char out[STL_SCHEMA_TERM_SIZE]);

/*
 * Both terms above on the minute document @doc, those that apply (an
 * empty @event_key or @next_iso adds none), and the same in value
 * STL_SLOT_LINKS, so that the searcher reads them of a document it found
 * without parsing its record. Returns SUCCESS or what the wrapper
 * returns.
 */
stl_status_t stl_schema_add_links(stl_doc_t *doc, const char *event_key,
				  const char *next_iso);

/*
 * The @len bytes of a STL_SLOT_LINKS value: the follow-up day into
 * @next_iso ("YYYY-MM-DD", "" for none) and the event term into @event
 * ("" for none). Returns false (both "") for a value of another form.
 */
bool stl_schema_links_parse(const char *v, size_t len, char next_iso[11],
			    char event[STL_SCHEMA_TERM_SIZE]);

/* ---- Ids ------------------------------------------------------------------ */

/*
 * What people and programs call a minute or an agreement: stable across
 * reindexing, compaction and shards, unlike Xapian's document ids. A
 * minute's id is its file key (16 lowercase hex digits, the XXH64 of the
 * path as indexed); an agreement's is the key, "-" and its number:
 * "0123456789abcdef-2".
 */
#define STL_SCHEMA_KEY_SIZE 17	/* a file key, NUL included */
#define STL_SCHEMA_ID_SIZE 28	/* an id, NUL included */

/* The file key of the file at @path (as indexed) into @key. */
void stl_schema_file_key(const char *path, char key[STL_SCHEMA_KEY_SIZE]);

/* The id of the minute with file key @key (@number 0) or of its agreement
 * @number into @out; its length, or 0 (and "") if @key is not a key. */
size_t stl_schema_id(const char *key, unsigned number,
		     char out[STL_SCHEMA_ID_SIZE]);

/*
 * @s as an id a user typed (hex digits in either case): its file key in
 * @key and the agreement's number in *@number (0: the minute). Returns
 * false, leaving both untouched, if @s is no id.
 */
bool stl_schema_id_parse(const char *s, char key[STL_SCHEMA_KEY_SIZE],
			 unsigned *number);

/* The term unique to the minute document with file key @key (what
 * stl_schema_minute_term() makes of its path); 0 if @key is no key. */
size_t stl_schema_minute_term_of_key(const char *key,
				     char out[STL_SCHEMA_TERM_SIZE]);

/*
 * The file key of document @docid of @r (either kind) into @key. Returns
 * SUCCESS, NOT_FOUND (a document without a file term; @key ""), or the
 * reader's error.
 */
stl_status_t stl_schema_doc_key(stl_reader_t *r, stl_docid_t docid,
				char key[STL_SCHEMA_KEY_SIZE]);

/* ---- Value slots --------------------------------------------------------- */
enum stl_slot {
	STL_SLOT_DATE = 0,		/* "YYYYMMDD"; sorts and ranges as bytes */
	STL_SLOT_PATH = 1,		/* path as indexed (minute documents) */
	STL_SLOT_FILE_STATE = 2,	/* size, mtime, content hash (minutes) */
	STL_SLOT_YEAR = 3,		/* "2020" (facet) */
	STL_SLOT_INSTITUTIONS = 4,	/* short names, '\n'-separated (facet) */
	STL_SLOT_ATTENDEES = 5,		/* names, '\n'-separated (facet) */
	STL_SLOT_CHECKSUM = 6,		/* of the rest (agreements): an
					 * update leaves an equal one alone */
	STL_SLOT_COPY = 7,		/* copy key (stl_schema_copy_key());
					 * a search shows one hit per key */
	STL_SLOT_DEADLINE = 8,		/* "YYYYMMDD" (agreements with one) */
	STL_SLOT_FOLLOWUPS = 9,		/* a stating minute's statements
					 * (stl_schema_followups()) */
	STL_SLOT_PEOPLE = 10,		/* a minute's people, compact
					 * (stl_schema_people_value()) */
	STL_SLOT_LINKS = 11,		/* a minute's follow-up day and event
					 * (stl_schema_add_links()) */
};

/* ---- A minute's people ------------------------------------------------------ */

struct stl_minute;
struct stl_strbuf;

/*
 * What the directory of people (people.h) reads of each minute, instead
 * of its whole record: the value of STL_SLOT_PEOPLE on minute documents,
 * its date on the first line, then one line an attendee
 * ("a TAB name TAB role TAB institution TAB institution id") and one a
 * person an agreement names ("p TAB number TAB name"); tabs and line
 * breaks inside values are written as spaces. Appended to @out.
 * Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t stl_schema_people_value(const struct stl_minute *m,
				     struct stl_strbuf *out);

/* One line of that value, as stl_schema_people_parse() gives it: fields
 * into the value (not NUL-terminated: each with its length). */
struct stl_people_entry {
	bool attendee;		/* else a person an agreement names */
	unsigned number;	/* the agreement's */
	const char *f[4];	/* name, role, institution, institution id */
	size_t len[4];		/* (an agreement's person: the name only) */
};

/*
 * The @len bytes of a STL_SLOT_PEOPLE value: its date ("" if none, at
 * most 10 bytes) into @date, and @fn for each entry (non-zero stops).
 */
void stl_schema_people_parse(const char *value, size_t len, char date[11],
			     int (*fn)(const struct stl_people_entry *e,
				       void *ctx),
			     void *ctx);

/* ---- Copies of one minute --------------------------------------------------- */

/*
 * One minute is often kept in two files: the .docx and the PDF exported
 * from it. Both have the same date and the same agreements once their
 * words are folded, which docbuild writes as one canonical text; its
 * hash is the minute's copy key, and a search collapses documents with
 * the same key into one hit that lists every file.
 */
#define STL_SCHEMA_COPY_KEY_SIZE 28

/*
 * The copy key of the @len bytes of @canon into @out: 16 hex digits for
 * the minute (@number 0), then "-" and the agreement's @number for its
 * agreement documents, so each agreement collapses with its own copy.
 * Returns the key's length.
 */
size_t stl_schema_copy_key(const char *canon, size_t len, unsigned number,
			   char out[STL_SCHEMA_COPY_KEY_SIZE]);

/* On every document with copy key @key: finds a hit's other files. */
size_t stl_schema_copy_term(const char *key, char out[STL_SCHEMA_TERM_SIZE]);

/* ---- Metadata keys ------------------------------------------------------- */
#define STL_META_ROOTS "stl:roots"		/* indexed roots, '\n'-separated */
#define STL_META_INSTITUTIONS "stl:institutions"	/* the table, TSV */
#define STL_META_SYNONYM_KEYS "stl:synonym-keys"	/* keys we added, '\n'-sep. */
#define STL_META_CLOSED_DAYS "stl:closed-days"	/* días inhábiles, one a line */
/* personas.tsv's good lines, "name TAB alias|alias" (people.h); absent:
 * none. Applied at query time, so a change needs no reindexing. */
#define STL_META_PERSONS "stl:persons"
/* Who is who, as stlindex worked it out from every minute's people and
 * personas.tsv at the end of its last run that changed either
 * (people_identities_text()): what persona:/asistente: expand by. */
#define STL_META_IDENTITIES "stl:identities"

/*
 * The schema version @r was written with, in *@version: 0 for an index
 * with documents but no version, STL_SCHEMA_VERSION for an empty one.
 * Returns SUCCESS or the reader's error (its message in the reader).
 */
stl_status_t stl_schema_version(stl_reader_t *r, long *version);

/* Record STL_SCHEMA_VERSION in @w's metadata (in its transaction, if one
 * is open). Returns what stl_writer_set_metadata() returns. */
stl_status_t stl_schema_stamp(stl_writer_t *w);

/* Word positions: gap between separate values of one field (two people's
 * names), so a phrase never spans them. */
#define STL_POSITION_GAP 100

#ifdef __cplusplus
}
#endif

#endif /* STL_SCHEMA_H */
