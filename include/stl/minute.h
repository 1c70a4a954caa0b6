/*
 * minute.h - the minutes model: what one "minuta" says, the parser that
 * reads it out of hand-typed text, and the institutions table.
 *
 * Data flows one way: structured text (stl/stext.h, from any format) ->
 * stl_minute_parse_stext() -> struct stl_minute -> (indexer) terms + the
 * record (stl/record.h) -> index.
 *
 * Ownership: a struct stl_minute and everything it points to belong to it
 * and are freed by stl_minute_destroy(). Strings are UTF-8 as written in
 * the minute (trimmed, whitespace runs collapsed), not folded.
 */
#ifndef STL_MINUTE_H
#define STL_MINUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/status.h"
#include "stl/strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Institutions table ------------------------------------------------ */

/*
 * One institution: "IEEM", "Instituto Electoral del Estado de México",
 * aliases. The table file (corpus/instituciones.tsv) has one per line:
 *
 *   short name <TAB> full name <TAB> alias|alias|...
 *
 * '#' starts a comment line; blank lines are skipped; the aliases column
 * may be empty or missing.
 */
struct stl_institution {
	char *id;		/* folded short name: "ieem" (term-safe) */
	char *short_name;	/* "IEEM" */
	char *full_name;	/* "Instituto Electoral del Estado de México" */
	char **aliases;		/* as written in the file */
	size_t naliases;
};

struct stl_institutions;

/* An empty table, or NULL if out of memory. */
struct stl_institutions *stl_institutions_new(void);
void stl_institutions_destroy(struct stl_institutions *t);

/*
 * Add the lines of a table file's text to @t. A later entry with the same
 * short name replaces the earlier one (so a user's file can amend the
 * shipped one). @name names the source in messages.
 * Returns SUCCESS, OUT_OF_MEMORY, or INVALID_ARGUMENT with *@errmsg
 * (malloc'ed) as "'<name>' línea N: <reason>".
 */
stl_status_t stl_institutions_add_tsv(struct stl_institutions *t,
				      const char *name, const char *text,
				      size_t len, char **errmsg);

/* The table back as TSV text, malloc'ed (caller frees); NULL on OOM. The
 * indexer stores it in the index so the searcher uses the same table. */
char *stl_institutions_to_tsv(const struct stl_institutions *t);

size_t stl_institutions_count(const struct stl_institutions *t);
const struct stl_institution *
stl_institutions_get(const struct stl_institutions *t, size_t i);

/*
 * The institution whose short name, full name or an alias folds
 * (through the analyzer's terms: "A.C." and "AC" alike, accents and case
 * ignored) to
 * the same string as @name, or NULL. Borrowed from @t.
 */
const struct stl_institution *
stl_institutions_lookup(const struct stl_institutions *t, const char *name,
			size_t len);

/* Where a part of a name may stand in it. */
enum stl_inst_part {
	/* Anywhere: a field that asks for an institution
	 * (institucion:"Participación Ciudadana"). */
	STL_INST_PART_ANYWHERE,
	/* At the start, two words at least: how people shorten a name in
	 * running text ("Instituto Electoral"), which a common phrase
	 * inside a name ("gobierno abierto") is not. */
	STL_INST_PART_LEADING,
};

/*
 * The institution @name names by a part of its names, as people write it:
 * stl_institutions_lookup() if that finds one; else the one institution
 * one of whose names has @name's words together and in that order, where
 * @where allows ("Instituto Electoral" is the IEEM's). NULL if none, or if
 * names of several institutions have them ("Instituto"). Borrowed from
 * @t. Costs one pass over the table's names.
 */
const struct stl_institution *
stl_institutions_lookup_part(const struct stl_institutions *t,
			     const char *name, size_t len,
			     enum stl_inst_part where);

/*
 * The days the offices declared inhábiles (dias-inhabiles.txt), which
 * deadlines in días hábiles skip besides week-ends and the rest days of
 * stl_date_rest_day(): one date a line, YYYY-MM-DD; '#' starts a comment
 * (a whole line, or after the date); blank lines are skipped. They are
 * kept with the table because stl_minute_parse() reads both. The good
 * lines are added even when others are bad. @name names the source.
 * Returns SUCCESS, OUT_OF_MEMORY, or INVALID_ARGUMENT with *@errmsg
 * (malloc'ed) holding one line "'<name>' línea N: <reason>" per bad line,
 * '\n'-separated.
 */
stl_status_t stl_institutions_add_closed_days(struct stl_institutions *t,
					      const char *name,
					      const char *text, size_t len,
					      char **errmsg);

/* The declared days, ascending and once each, as day numbers
 * (stl_date_to_days()), their number in *@n; borrowed from @t (NULL: none). */
const long *stl_institutions_closed_days(const struct stl_institutions *t,
					 size_t *n);

/* The declared days as text, "YYYY-MM-DD\n" each, ascending, malloc'ed
 * (caller frees; "" for none); NULL on OOM. The indexer stores it, so a
 * changed list indexes every minute again. */
char *stl_institutions_closed_days_text(const struct stl_institutions *t);

/*
 * The institution matcher: every name of every institution of a table
 * (short name, full name, aliases) as a sequence of analyzer terms,
 * found longest first at a place of any sequence of terms. The minutes
 * parser finds institutions in roles and agreements with it, the
 * document builder the names in a minute's text.
 */
struct stl_inst_matcher;

/* Term @i of the sequence @seq (folded, NUL-terminated). */
typedef const char *(*stl_term_at_fn)(const void *seq, size_t i);

/*
 * A matcher over the names of @t (borrowed: it must outlive the matcher;
 * may be NULL for a matcher that finds nothing), in *@out. Returns
 * SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t stl_inst_matcher_new(const struct stl_institutions *t,
				  struct stl_inst_matcher **out);
/* Accepts NULL. */
void stl_inst_matcher_destroy(struct stl_inst_matcher *m);

/*
 * The id of the institution whose name is the longest one spelt by terms
 * @i, @i + 1, ... (before @n) of @seq, with its length in terms in
 * *@ntok; NULL (and *@ntok 0) if none. The id is borrowed from the table.
 */
const char *stl_inst_matcher_at(struct stl_inst_matcher *m,
				stl_term_at_fn term, const void *seq,
				size_t i, size_t n, size_t *ntok);

/* How many names the matcher holds. */
size_t stl_inst_matcher_count(const struct stl_inst_matcher *m);

/*
 * Name @k (below stl_inst_matcher_count()): its terms joined by single
 * spaces, appended to @terms, their number in *@nterms, and the id of its
 * institution (borrowed) in *@id. Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t stl_inst_matcher_name(const struct stl_inst_matcher *m, size_t k,
				   struct stl_strbuf *terms, size_t *nterms,
				   const char **id);

/* ---- The minute ---------------------------------------------------------- */

struct stl_attendee {
	char *name;		/* "Lilibeth Álvarez Rodríguez" */
	char *role;		/* "Jefa de la Unidad de Transparencia" */
	/*
	 * Short name from the table ("IEEM"), or the organization as written
	 * when it is not in the table ("Tendiendo Puentes A.C."), or NULL.
	 */
	char *institution;
	/* stl_institution.id, or the folded organization name, or NULL. */
	char *institution_id;
	char *person_id;	/* folded name: "lilibeth alvarez rodriguez" */
};

struct stl_agreement {
	unsigned number;	/* 1-based position in the minute */
	char *text;		/* without its "II." numeral */
	/*
	 * The people it concerns: attendees named in it or meant by their
	 * post (given by the attendee's full name), then people named in it
	 * who did not attend (name as written, titles like "Consejera"
	 * dropped). No duplicates.
	 */
	char **persons;
	size_t npersons;
	char deadline[11];	/* "YYYY-MM-DD" or "" */
	/* The deadline is the follow-up meeting the minute announces ("para
	 * la siguiente reunión"): the searcher links it to the minute held
	 * then (stl/links.h). */
	bool due_next_meeting;
};

/*
 * What a minute can state of an agreement in its "SEGUIMIENTO DE ACUERDOS"
 * section or table. STL_AGR_NONE is no statement ("sin seguimiento"): a
 * status is never guessed.
 */
enum stl_agr_status {
	STL_AGR_NONE,		/* "sin seguimiento" */
	STL_AGR_DONE,		/* "cumplido" */
	STL_AGR_IN_PROGRESS,	/* "en proceso" */
	STL_AGR_PENDING,	/* "pendiente" */
	STL_AGR_CANCELLED,	/* "cancelado" */
	STL_AGR_NSTATUS
};

/* The status's Spanish name as output shows it ("en proceso"); static. */
const char *stl_agr_status_name(enum stl_agr_status s);

/*
 * The status the @len bytes at @s name, as minutes write them and users
 * type them, accents and case ignored: cumplido/cumplida, concluido/
 * concluida, atendido/atendida -> cumplido; "en proceso", "en curso",
 * "en trámite" -> en proceso; pendiente; cancelado/cancelada -> cancelado;
 * "sin seguimiento" -> STL_AGR_NONE. The words may be followed by others
 * ("cumplido en tiempo"). Returns false if @s names none.
 */
bool stl_agr_status_parse(const char *s, size_t len,
			  enum stl_agr_status *out);

/* The same, but @s must be the status alone (blanks aside): what a user
 * types after estado:. */
bool stl_agr_status_parse_whole(const char *s, size_t len,
				enum stl_agr_status *out);

/*
 * One statement of a follow-up section: agreement @number of the minute
 * dated @date has status @status. A date written without a year takes the
 * stating minute's, or the year before when that would be after it.
 */
struct stl_followup {
	char date[11];		/* "YYYY-MM-DD" of the minute it reports on */
	unsigned number;	/* the agreement's number there */
	enum stl_agr_status status;	/* never STL_AGR_NONE */
};

/* Fields the parser looked for and did not find (for warnings). */
enum stl_minute_missing {
	STL_MISSING_DATE = 1u << 0,
	STL_MISSING_EVENT = 1u << 1,
	STL_MISSING_PLACE = 1u << 2,	/* LUGAR / medium */
	STL_MISSING_ATTENDEES = 1u << 3,
	STL_MISSING_TOPICS = 1u << 4,
	STL_MISSING_AGREEMENTS = 1u << 5,
	STL_MISSING_NEXT_MEETING = 1u << 6,
};

/*
 * What a minute must say to be a minute: when (the date), who (the
 * attendees) and what was agreed. The event, place, topics and follow-up
 * meeting are optional ("Por definir." or absent is normal); stlindex
 * warns only when a required one is missing.
 */
#define STL_MISSING_REQUIRED \
	(STL_MISSING_DATE | STL_MISSING_ATTENDEES | STL_MISSING_AGREEMENTS)

struct stl_minute {
	char date[11];		/* "2020-09-24" or "" */
	char time[6];		/* "17:00" or "" */
	char *city;		/* "Metepec", from the place-and-date line */
	char *title;		/* "Minuta Reunión de Trabajo" */
	char *event;		/* "Grupo Operativo del Secretariado Técnico Local" */
	char *medium;		/* "Video llamada por medios electrónicos (Zoom)" */
	struct stl_attendee *attendees;
	size_t nattendees;
	char **topics;
	size_t ntopics;
	struct stl_agreement *agreements;
	size_t nagreements;
	/* What its "SEGUIMIENTO DE ACUERDOS" says of earlier agreements. */
	struct stl_followup *followups;
	size_t nfollowups;
	char next_date[11];	/* follow-up meeting, "" if none */
	char next_time[6];
	unsigned missing;	/* enum stl_minute_missing */
	/*
	 * The file's format ("txt", "md", "docx", "odt", "pdf", "doc",
	 * "rtf"), or "" when unknown. Not the parser's business: the indexer
	 * sets it, the record keeps it.
	 */
	char format[8];
	/*
	 * The text was read by OCR off page images (a scanned PDF, a photo):
	 * it may hold recognition errors. ocr_confidence is Tesseract's mean
	 * word confidence, 0..100 (meaningful only when ocr). Set by the
	 * indexer from the structured text, kept by the record.
	 */
	bool ocr;
	int ocr_confidence;
	/*
	 * The whole text as given to the parser (decoded UTF-8, CR LF made
	 * LF), for full-text indexing and snippets.
	 */
	char *text;
	size_t text_len;
};

struct stl_stext;

/*
 * Parse one minute from its structured text (stl/stext.h), whatever
 * format it came from. List labels give the items' numbering and levels
 * (a labelled paragraph deeper than its list's first item continues the
 * item above); attendee tables (Nombre | Cargo | Institución) give
 * attendees and agreement tables (No. | Acuerdo | Responsable |
 * Fecha/Plazo) agreements with their persons and deadlines, wherever they
 * stand; other tables are read as the lines they spell. The text's own
 * date and title come first; @st's metadata date and title are used only
 * when the text has none. @institutions may be NULL (no table:
 * institutions are kept as written). Never fails on odd input: what it
 * cannot find is left empty and flagged in ->missing.
 *
 * @st is only read (the caller keeps and releases it); the minute's ->text
 * is a copy of st->text. On success *@out owns a new minute; on failure
 * *@out is NULL. Returns SUCCESS, OUT_OF_MEMORY (also when @st->failed: a
 * builder call ran out of memory and blocks are missing), or
 * INVALID_ARGUMENT for a NULL @st.
 */
stl_status_t stl_minute_parse_stext(const struct stl_stext *st,
				    const struct stl_institutions *institutions,
				    struct stl_minute **out);

/*
 * Parse the decoded text of one minute: stl_minute_parse_stext() of the
 * text as one paragraph a line (stl_stext_from_lines()); ->text is @text
 * with CR LF and lone CR made LF. @text may be NULL (empty). On success
 * *@out owns a new minute.
 *
 * Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t stl_minute_parse(const char *text, size_t len,
			      const struct stl_institutions *institutions,
			      struct stl_minute **out);

void stl_minute_destroy(struct stl_minute *m);

/*
 * What makes two minutes' events one event (the follow-up links of
 * stl/links.h): the words of @event folded as the analyzer folds a query,
 * joined by single spaces, with each institution name @m finds (may be
 * NULL: none) written as its id, so that "Grupo Operativo del STL" and
 * "Grupo Operativo del Secretariado Técnico Local." are one event.
 * Appended to @out; nothing for a NULL or wordless @event.
 *
 * Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t stl_minute_event_key(const char *event,
				  struct stl_inst_matcher *m,
				  struct stl_strbuf *out);

/*
 * The missing fields of @missing as a Spanish list for a warning
 * ("fecha, acuerdos"), malloc'ed (caller frees); NULL on OOM or if none.
 */
char *stl_minute_missing_describe(unsigned missing);

/*
 * Parse a Spanish date written in a minute ("24 de septiembre de 2020",
 * "1ª de octubre", "17 de junio del 2020", "20202" typo tolerated as 2020
 * when @year_hint agrees) into "YYYY-MM-DD" in @out. A missing year is
 * taken from @year_hint (0: none, then it fails). Returns true on success.
 */
bool stl_date_parse_es(const char *s, size_t len, int year_hint,
		       char out[11]);

#ifdef __cplusplus
}
#endif

#endif /* STL_MINUTE_H */
