/*
 * schema.h - how minutes are laid out in the Xapian index: term prefixes,
 * value slots and metadata keys. The indexer writes this layout and the
 * searcher reads it; STL_SCHEMA_VERSION changes whenever either side would
 * no longer understand an index written by the other.
 *
 * Two kinds of document: one per minute, one per agreement (linked to its
 * minute by the file term). Free-text fields are indexed with positions
 * (phrases) plus a "Z" + prefix + stem term for each word (ranking by
 * stem); exact ids are boolean terms that filter without weighting.
 *
 * A minute also has "Z" + stem for the words of every field free text
 * covers (not persona:'s XP names; the text's own stems are those
 * already): free text looks a word up in one posting list, not in one
 * per field (schema 4; matching a two-word query on 100,000 minutes:
 * 17.8 -> 7.3 ms). Field searches use "Z" + prefix + stem.
 *
 * The two kinds share no free-text prefix: an agreement's own text and
 * people are XD and XR, not XC and XP. A search for minutes then walks
 * posting lists of minutes only, and one for agreements those of
 * agreements only (six times fewer entries than a shared prefix: a minute
 * has about six agreements).
 */
#ifndef STL_SCHEMA_H
#define STL_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bump when terms, values, data or metadata change meaning. */
#define STL_SCHEMA_VERSION 4

/* ---- Free-text prefixes (positional + stemmed) ------------------------ */
#define STL_PREFIX_TEXT ""		/* the whole text */
#define STL_PREFIX_ATTENDEE "XA"	/* asistente: attendee names */
#define STL_PREFIX_PERSON "XP"		/* persona: attendees + people concerned */
#define STL_PREFIX_INSTITUTION "XI"	/* institucion: names of institutions */
#define STL_PREFIX_TOPIC "XT"		/* tema: */
#define STL_PREFIX_AGREEMENT "XC"	/* acuerdo: */
#define STL_PREFIX_PLACE "XL"		/* lugar: city and medium */
#define STL_PREFIX_EVENT "XE"		/* evento: event and title */
#define STL_PREFIX_STEM "Z"		/* "Z" + prefix + stem */
/* On agreement documents, instead of XC and XP: */
#define STL_PREFIX_AGREEMENT_DOC "XD"	/* the agreement's text */
#define STL_PREFIX_PERSON_DOC "XR"	/* the people it concerns */

/* ---- Boolean prefixes (exact ids) -------------------------------------- */
#define STL_TERM_ID "Q"			/* unique: Qm<key> (minutes only) */
#define STL_TERM_FILE "F"		/* F<key> on every document of a file */
#define STL_TERM_KIND "K"		/* Kminuta / Kacuerdo */
#define STL_TERM_YEAR "Y"		/* Y2020 */
#define STL_TERM_MONTH "M"		/* M202010 */
#define STL_TERM_DAY "D"		/* D20201015 */
#define STL_TERM_INSTITUTION "I"	/* I<institution id> of attendees */
/* Schema 2's A<person id> and P<person id> are gone: nothing searched
 * them. People are found by their names' words (XA, XP, XR). */

#define STL_KIND_MINUTE "minuta"
#define STL_KIND_AGREEMENT "acuerdo"

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
};

/* ---- Metadata keys ------------------------------------------------------- */
#define STL_META_SCHEMA "stl:schema"		/* STL_SCHEMA_VERSION, decimal */
#define STL_META_ROOTS "stl:roots"		/* indexed roots, '\n'-separated */
#define STL_META_INSTITUTIONS "stl:institutions"	/* the table, TSV */
#define STL_META_SYNONYM_KEYS "stl:synonym-keys"	/* keys we added, '\n'-sep. */

/*
 * The key that names a file in terms (F<key>, Qm<key>): 16 hex digits of
 * the XXH64 of its path, so any path, however long, makes a short term.
 */
void stl_schema_file_key(const char *path, char key[17]);

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

/* Word positions: gap between separate values of one field (two people's
 * names), so a phrase never spans them. */
#define STL_POSITION_GAP 100

#ifdef __cplusplus
}
#endif

#endif /* STL_SCHEMA_H */
