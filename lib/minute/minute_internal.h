/*
 * minute_internal.h - private helpers shared by the minutes model files
 * (lib/minute/, lib/index/record.c). Nothing else may use
 * them; they change when the parser does.
 *
 * The parser works on byte spans of one normalized text (LF line ends).
 * Every helper here does bounded work per byte so that the whole parse
 * stays linear in the size of the minute.
 */
#ifndef STL_MINUTE_INTERNAL_H
#define STL_MINUTE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/minute.h"
#include "stl/status.h"
#include "stl/stext.h"
#include "stl/strbuf.h"

/* At most this many attendees, topics or agreements are extracted from one
 * minute (real ones have a few dozen); the rest stays in the indexed text. */
#define MN_MAX_ITEMS 4096

/* ---- Text helpers (minute_text.c) ------------------------------------- */

/* Spaces and tabs (what separates words on one line). */
bool mn_is_blank(unsigned char c);

/* Grow an array of @size-byte elements so that it holds @need elements. */
bool mn_grow(void **v, size_t *alloc, size_t need, size_t size);

/*
 * If @s starts with @kw (lowercase ASCII; a space in @kw matches a run of
 * blanks), compared ignoring ASCII case, the accents of Spanish vowels
 * (composed or not) and the tilde of ñ, return the number of bytes of @s
 * it covers; else 0.
 */
size_t mn_kw_match(const char *s, size_t len, const char *kw);

/* Like mn_kw_match(), but the match must end at a word boundary. */
size_t mn_kw_word(const char *s, size_t len, const char *kw);

/* True if @kw occurs as a word anywhere in @s (@len should be small). */
bool mn_kw_find(const char *s, size_t len, const char *kw);

/*
 * Append @s to @out with whitespace runs (any Unicode space, control
 * characters, NUL) collapsed to one space and invalid UTF-8 replaced by
 * U+FFFD. Leading and trailing spaces are not added.
 */
void mn_clean_into(struct stl_strbuf *out, const char *s, size_t len);

/* mn_clean_into() into a new string; NULL on OOM. */
char *mn_clean(const char *s, size_t len);

/*
 * Length of @s once trailing blanks and the characters of @punct are
 * dropped. A final '.' is dropped only if @dots, and never the dot of an
 * abbreviation like "A.C." (a word with another dot inside).
 */
size_t mn_rstrip(const char *s, size_t len, const char *punct, bool dots);

/* @s without leading blanks: the number of bytes skipped. */
size_t mn_lskip(const char *s, size_t len);

/* The comparison key of a name: folded, dots dropped, ",;:()" made
 * spaces, spaces collapsed. Appended to @out. */
stl_status_t mn_key(const char *s, size_t len, struct stl_strbuf *out);

/* strdup() of @len bytes. */
char *mn_strndup(const char *s, size_t len);

/* ---- Institutions (institutions.c) ------------------------------------- */

/*
 * What an OCR-read name names: stl_institutions_lookup() if that finds
 * one, which always wins ("TEEM" is the TEEM, not a misread IEEM); else
 * the one entry nearest it, within one edit for a name of up to 5 letters
 * and two for a longer one, where confusing glyphs Tesseract mixes up
 * ("lEEM", "1EEM", "¡EEM", "Infoen", "Infoern") or losing a thin one
 * counts half an edit. NULL if none is that near, or if two entries are
 * equally near. Only for OCR text: typed text looks names up exactly.
 */
const struct stl_institution *
mn_institutions_near(const struct stl_institutions *t, const char *name,
		     size_t len);

/* ---- Dates and times (minute_date.c) ------------------------------------ */

struct mn_date {
	size_t start, end;	/* the bytes the date was read from */
	int year, month, day;
	bool valid;		/* a real calendar day with a known year */
};

/*
 * Find the first date-like expression in @s from byte @from on ("24 de
 * septiembre de 2020", "1ª de octubre", "5/10/2020", "2020-10-05").
 * Returns false if there is none; true with @d filled otherwise (check
 * d->valid: "31 de septiembre" is found but not valid).
 */
bool mn_find_date(const char *s, size_t len, size_t from, int year_hint,
		  struct mn_date *d);

/*
 * OCR text: if @s names a weekday before the date @d was read from and
 * the date falls on another day, while the day with one of its two
 * digits dropped falls on that one, take that day ("Jueves 1ª de
 * octubre" is read as "Jueves 12 de octubre"). Otherwise @d is left.
 */
void mn_date_fit_weekday(const char *s, size_t len, struct mn_date *d);

/* Write "YYYY-MM-DD" of a valid @d to @out. */
void mn_date_format(const struct mn_date *d, char out[11]);

/* Find a time of day ("17:00", "las17:oo", "5 pm", "11:00 hrs") in @s and
 * write "HH:MM" to @out. */
bool mn_find_time(const char *s, size_t len, char out[6]);

/* ---- Tokens (minute_tokens.c) ------------------------------------------- */

/* Extra token flag: the word starts with an upper-case letter. */
#define MN_TOKEN_CAPITAL (1u << 16)

struct mn_token {
	size_t start, end;	/* bytes of the analyzed text */
	size_t term;		/* offset of the folded term in ->terms */
	unsigned flags;		/* STL_TOKEN_* | MN_TOKEN_CAPITAL */
};

struct mn_tokens {
	struct mn_token *v;
	size_t n, alloc;
	struct stl_strbuf terms;	/* NUL-separated folded terms */
};

#define MN_TOKENS_INIT { NULL, 0, 0, STL_STRBUF_INIT }

/* Append the words of @s (stl_text_analyze(), query mode) to @t. */
stl_status_t mn_tokenize(struct mn_tokens *t, const char *s, size_t len);
void mn_tokens_release(struct mn_tokens *t);

static inline const char *mn_term(const struct mn_tokens *t, size_t i)
{
	return t->terms.buf + t->v[i].term;
}

bool mn_term_is(const struct mn_tokens *t, size_t i, const char *w);
/* True if term @i is one of the NULL-terminated @list. */
bool mn_term_in(const struct mn_tokens *t, size_t i, const char *const *list);

/* Index of @w in the NULL-terminated @list, or -1. */
int mn_word_index(const char *w, const char *const *list);

/*
 * Institution forms as token sequences, to find "IEEM", "Órgano Garante"
 * or "Tendiendo Puentes A.C." inside a role or an agreement without
 * folding every candidate substring.
 */
struct mn_form {
	size_t first;		/* its first token in ->toks */
	size_t ntok;
	const char *id;		/* borrowed */
	const char *name;	/* borrowed: short name or as written */
};

struct mn_forms {
	struct mn_tokens toks;
	struct mn_form *v;
	size_t n, alloc;
	bool sorted;
	/* The text was read by OCR: an attendee's institution may also be
	 * a table name within a small edit distance
	 * (mn_institutions_near()). */
	bool ocr;
};

#define MN_FORMS_INIT { MN_TOKENS_INIT, NULL, 0, 0, false, false }

stl_status_t mn_forms_add(struct mn_forms *f, const char *text, size_t len,
			  const char *id, const char *name);
/*
 * Add an organization as written in an attendee's entry, and the same
 * without its legal form ("Observatorio Ciudadano de Toluca A.C." is also
 * "Observatorio Ciudadano de Toluca"): agreements name it without one.
 */
stl_status_t mn_forms_add_org(struct mn_forms *f, const char *text,
			      size_t len, const char *id, const char *name);
/* Add every name of every institution of @t (may be NULL). */
stl_status_t mn_forms_add_table(struct mn_forms *f,
				const struct stl_institutions *t);
void mn_forms_release(struct mn_forms *f);

/*
 * The longest form whose tokens are those of @t from @i on (ending before
 * @limit), or NULL. *@ntok receives its length in tokens.
 */
const struct mn_form *mn_forms_at(struct mn_forms *f,
				  const struct mn_tokens *t, size_t i,
				  size_t limit, size_t *ntok);

/* ---- Attendees (minute_people.c) -------------------------------------- */

/*
 * Parse one attendee entry ("Lilibeth Álvarez Rodríguez, Jefa de la Unidad
 * de Transparencia IEEM;") into @a. Returns SUCCESS (a->name NULL when the
 * entry holds no name) or OUT_OF_MEMORY.
 */
stl_status_t mn_attendee_parse(const char *s, size_t len,
			       const struct stl_institutions *table,
			       struct mn_forms *forms,
			       struct stl_attendee *a);
/*
 * The same from the cells of an attendee table's row: @name (titles
 * dropped), @role, @inst (the table's entry it names, else as written);
 * each may be NULL or empty. Without an institution, the role is read as
 * the rest of an entry is, and may give one. Returns SUCCESS (a->name
 * NULL when the name cell is empty) or OUT_OF_MEMORY.
 */
stl_status_t mn_attendee_fields(const char *name, size_t nlen,
				const char *role, size_t rlen,
				const char *inst, size_t ilen,
				const struct stl_institutions *table,
				struct mn_forms *forms,
				struct stl_attendee *a);
void mn_attendee_release(struct stl_attendee *a);

/* Words that can name a post or role ("jefa", "representante"). */
extern const char *const mn_role_words[];
/* Titles written before a person's name ("lic", "consejera"). */
extern const char *const mn_titles[];
/* Legal forms that end an organization's name ("A.C." is "ac"). */
extern const char *const mn_legal_forms[];

/* ---- Tables (minute_table.c) ------------------------------------------ */

/* The columns a header row can name. */
enum mn_col {
	MN_COL_NAME,
	MN_COL_ROLE,
	MN_COL_INST,
	MN_COL_AGREEMENT,
	MN_COL_NUMBER,
	MN_COL_RESPONSIBLE,
	MN_COL_DUE,
	MN_COL_STATUS,		/* Estado, Estatus: a follow-up table */
	MN_COL_MINUTE,		/* Minuta: the minute reported on */
	MN_NCOLS
};

enum mn_table_kind { MN_TABLE_TEXT, MN_TABLE_ATTENDEES, MN_TABLE_AGREEMENTS,
		     MN_TABLE_FOLLOWUPS };

/* One table as its header row made it. */
struct mn_table {
	unsigned table;		/* stl_block.table; 0: none yet */
	enum mn_table_kind kind;
	long col[MN_NCOLS];	/* the cell of each column, -1: none */
	size_t ncells;		/* of the header row */
	struct stl_strbuf key;	/* its folded text (mn_key()) */
	struct stl_strbuf scratch;
};

#define MN_TABLE_INIT \
	{ 0, MN_TABLE_TEXT, { 0 }, 0, STL_STRBUF_INIT, STL_STRBUF_INIT }

/* Read the header row @header (the first row of its table; its spans are
 * of @text, which spells @st) into @t. SUCCESS or OUT_OF_MEMORY. */
stl_status_t mn_table_begin(struct mn_table *t, const struct stl_stext *st,
			    const char *text, const struct stl_block *header);
/* Is @row the header again (as Word repeats it on a new page)? */
stl_status_t mn_table_is_header(struct mn_table *t, const char *text,
				const struct stl_block *row, bool *is);
/* The span of column @col in @row; len 0 if the table has none. */
struct stl_span mn_table_cell(const struct mn_table *t,
			      const struct stl_stext *st,
			      const struct stl_block *row, enum mn_col col);
void mn_table_release(struct mn_table *t);

/* ---- Agreements (minute_resolve.c) ------------------------------------ */

/*
 * What a row of an agreement table says besides the agreement: its
 * Responsable and Fecha/Plazo cells, cleaned, or NULL.
 */
struct mn_agreement_cells {
	char *responsible;
	char *due;
};

/*
 * Fill persons and deadline of every agreement of @m, resolving names and
 * posts against @m's attendees. @cells, if not NULL, has one entry per
 * agreement: the persons of its responsible cell come first, then those
 * of the text; its due cell gives the deadline before the text does.
 * With @ocr (the text was read by OCR), the institution after a post may
 * be misread ("la Titular de la Unidad de Transparencia del lEEM":
 * mn_institutions_near()). Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t mn_resolve_agreements(struct stl_minute *m,
				   const struct stl_institutions *table,
				   const struct mn_agreement_cells *cells,
				   bool ocr);

/* What the deadlines of one minute's agreements are counted from. */
struct mn_deadline_ctx {
	int year_hint;		/* of dates written without a year */
	bool has_meeting;	/* the minute's date is known: */
	long meeting;		/* its day number (stl_date_to_days()) */
	const char *next;	/* the follow-up meeting, "YYYY-MM-DD" or "" */
	const long *closed;	/* days declared inhábiles, ascending */
	size_t nclosed;
	/* Set true (when not NULL) by a deadline that is the follow-up
	 * meeting ("para la siguiente reunión"). */
	bool *by_next;
};

/*
 * The deadline an agreement's text @s sets, as "YYYY-MM-DD" in @out with
 * *@found true: a date after a cue ("a más tardar el 5 de octubre"), or
 * else one counted from the day after the meeting ("en un plazo de diez
 * días hábiles", "dentro de los cinco días naturales siguientes", "la
 * próxima semana": the Friday of next week, "para la siguiente reunión":
 * the follow-up meeting). Días without "hábiles" are natural days.
 * Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t mn_find_deadline(const char *s, size_t len,
			      const struct mn_deadline_ctx *dc, char out[11],
			      bool *found);

/* ---- Follow-up of agreements (minute_followup.c) ----------------------- */

/*
 * A line of a "SEGUIMIENTO DE ACUERDOS" section ("Acuerdo III de la
 * minuta del 24 de septiembre de 2020: cumplido"): its statement, if it
 * makes one, appended to m->followups (@alloc: its allocated length), a
 * date without a year as "0000-MM-DD". Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t mn_followup_line(struct stl_minute *m, size_t *alloc,
			      const char *s, size_t len);

/* The same from a follow-up table's cells: the agreement's number ("III",
 * "Acuerdo 3"), the minute's date and the status. */
stl_status_t mn_followup_cells(struct stl_minute *m, size_t *alloc,
			       const char *num, size_t nlen,
			       const char *date, size_t dlen,
			       const char *status, size_t slen);

/* Once m->date is known: the year of dates written without one (the
 * minute's, or the year before for a later day of the year); statements
 * left without a year are dropped. */
void mn_followups_resolve(struct stl_minute *m);

#endif /* STL_MINUTE_INTERNAL_H */
