/*
 * people.h - the people of an archive (stlsearch --personas) and who is
 * who: the attendees of every minute and the people its agreements name,
 * one entry a person however many ways the minutes write the name, with
 * the posts held over time.
 *
 * Everything is derived at query time from what each minute's record says
 * (and from the users' personas.tsv kept in the index metadata), so it
 * stays right as minutes are added, changed or deleted and as
 * personas.tsv changes; nothing is written into other minutes' documents.
 *
 * Rules (documented for users in man/stlsearch.1, PERSONAS):
 *
 * - A name's words are folded (accents and case aside) and titles left
 *   out ("Mtra.", "Lic.", "Dr.", "Consejera"...). Two forms are one
 *   person when one's words are a subset of the other's and the smaller
 *   has two words or more, unless the smaller is a subset of two forms
 *   that are not subsets of each other ("Juan Pérez" beside "Juan Pérez
 *   López" and "Juan Pérez Soto": the archive cannot tell, it stays apart).
 * - personas.tsv: "canonical name TAB alias|alias"; '#' starts a comment.
 *   Every form of its line is one person, shown by the canonical name.
 * - A person is shown by the canonical name of personas.tsv, or else by
 *   the form with most words (as written, titles dropped), each word with
 *   the accents any form of the person gives it.
 * - Posts: a role and an institution. Two roles are one post when, folded,
 *   they differ only in gender (-a/-o, -ora/-or) or in the head word
 *   ("Jefe", "Jefa", "Titular", "Encargado", "Encargada", "Responsable")
 *   and articles: "Jefa de la Unidad de Transparencia" and "Titular de
 *   la Unidad de Transparencia" of one institution are one post.
 * - Meetings are counted once per minute, whatever its files.
 *
 * Ownership: a people_dir owns everything in it; free it with
 * people_dir_release(). Strings given to the adders are copied.
 */
#ifndef STL_PEOPLE_H
#define STL_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "stl/minute.h"
#include "stl/status.h"
#include "stl/strbuf.h"
#include "stl/xapian.h"

/* The users' file of identities, beside instituciones.tsv. */
#define PEOPLE_TSV_FILE "personas.tsv"

struct people_post {
	char *role;		/* as last written; may be "" */
	char *institution;	/* short name as last written; may be "" */
	char first[11], last[11];	/* ISO dates of the first and last
					 * meetings in the post ("" undated) */
	unsigned meetings;
	char *key;		/* folded role + institution (post rule) */
};

struct people_form;

struct people_person {
	char *name;		/* shown */
	char **names;		/* every form seen, as written (titles kept) */
	size_t nnames;
	struct people_post *posts;	/* by first meeting */
	size_t nposts;
	unsigned meetings;	/* attended */
	char first[11], last[11];
	unsigned agreements;	/* that name the person */
	char (*dates)[11];	/* of the meetings attended, distinct */
	size_t ndates;
	char *sortkey;		/* folded name, "ñ" after "n" */
	/* The folded word lists of the forms (for persona:), one a string,
	 * words separated by one space. */
	char **keys;
	size_t nkeys;
};

struct people_dir {
	struct people_person *v;	/* sorted by name, Spanish order */
	size_t n;
	/* While adding: the occurrences and forms (internal). */
	struct people_build *b;
};

/* An empty directory to add to. Returns SUCCESS or OUT_OF_MEMORY. */
stl_status_t people_dir_init(struct people_dir *d);

/*
 * One attendance: @name attended the meeting @meeting (a key unique to the
 * minute, the same for its copies) of @date ("" if unknown) as @role of
 * @institution (@inst_id its table id or folded name); any may be NULL
 * but @name and @meeting. Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t people_add_attendance(struct people_dir *d, const char *meeting,
				   const char *date, const char *name,
				   const char *role, const char *institution,
				   const char *inst_id);

/* The agreement @number of @meeting names @name. Returns SUCCESS or
 * OUT_OF_MEMORY. */
stl_status_t people_add_agreement(struct people_dir *d, const char *meeting,
				  unsigned number, const char *date,
				  const char *name);

/*
 * The @len bytes of a personas.tsv at @text (@file names it in messages).
 * Good lines are added; a bad one (no TAB, no alias, an empty name) is
 * skipped and described in @warnings, one line each ("'FILE' línea N:
 * ..."). If @norm is not NULL the good lines are appended to it as
 * "canonical TAB alias|alias\n", what the index metadata keeps.
 * Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t people_add_tsv(struct people_dir *d, const char *file,
			    const char *text, size_t len,
			    struct stl_strbuf *norm,
			    struct stl_strbuf *warnings);

/* Merge the forms into people and sort them: d->v and d->n. Nothing may
 * be added after. Returns SUCCESS or OUT_OF_MEMORY. */
stl_status_t people_dir_finish(struct people_dir *d);

void people_dir_release(struct people_dir *d);

/* Keep the people @keep (one flag a person, in order) and free the others. */
void people_dir_keep(struct people_dir *d, const bool *keep);

/*
 * Compare two names in Spanish order: folded (accents and case ignored),
 * "ñ" after "n". For qsort-like use on NUL-terminated UTF-8.
 */
int people_name_cmp(const char *a, const char *b);

/*
 * The key of a post: @role and @inst_id folded by the post rule above,
 * into @out (reset first). Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t people_post_key(const char *role, const char *inst_id,
			     struct stl_strbuf *out);

/*
 * The people of every minute of @r (each minute document's STL_SLOT_PEOPLE
 * value, stl/schema.h; copies of a minute, by their copy key, count once)
 * into @d (people_dir_init() done), with the personas.tsv of @r's
 * metadata (STL_META_PERSONS), and finish it. Returns SUCCESS,
 * DATABASE_MODIFIED (reopen and retry), OUT_OF_MEMORY or another reader
 * error (its message in the reader).
 */
stl_status_t people_load(stl_reader_t *r, struct people_dir *d);

/*
 * The forms of the people a persona:/asistente: value names, for
 * query_by_person(): @value is the folded words of the value (a word or
 * a phrase, one space apart). Every person with a form holding all of
 * them gives its other forms that do not, appended to @alts one a line.
 */
void people_alternatives(const struct people_dir *d, const char *value,
			 struct stl_strbuf *alts);

/*
 * The identities of @d as text, for stlindex to store (STL_META_IDENTITIES)
 * so that a search need not read every minute's people: one line per
 * person with more than one form, the folded forms (people_person.keys)
 * separated by tabs. Appended to @out. Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t people_identities_text(const struct people_dir *d,
				    struct stl_strbuf *out);

/* people_alternatives() over the @len bytes of such a text. */
void people_alternatives_text(const char *text, size_t len, const char *value,
			      struct stl_strbuf *alts);

/*
 * @canonical (from query_translate()) with every persona:/asistente: value
 * ORed with the other forms of the people it names (query_by_person()),
 * appended to @out. Only if the query has such a field, the identities
 * are read: those stlindex stored (STL_META_IDENTITIES), or, in an index
 * without them, the people of @r (people_load()). Returns SUCCESS, OUT_OF_MEMORY or people_load()'s errors
 * (DATABASE_MODIFIED: reopen and retry).
 */
stl_status_t people_query_identities(stl_reader_t *r, const char *canonical,
				     struct stl_strbuf *out);

/*
 * stlsearch --personas: the people of the index @db that @query (the
 * query language, about the people themselves: names, institucion:,
 * fecha: of the meetings attended, Y/O/NO) selects, or all with a NULL or
 * empty @query, into @d (which the caller releases; initialized here).
 *
 * Returns SUCCESS; the errors of search_run() with a malloc'ed Spanish
 * message in *@errmsg (BAD_QUERY, DATABASE_NOT_FOUND, DATABASE_VERSION,
 * ...).
 */
stl_status_t people_run(const char *db, const char *query,
			struct people_dir *d, char **errmsg);

/*
 * Printing (people_output.c). Text for people, one block a person;
 * JSON Lines, one object a person ("name", "names", "posts" [{"role",
 * "institution", "first", "last", "meetings"}], "meetings", "first",
 * "last", "agreements"); CSV with the header nombre, otras formas, cargo
 * actual, institución actual, reuniones, primera, última, acuerdos
 * (@excel: BOM and CRLF). Each returns 0, or -1 if the write failed.
 */
int people_output_human(FILE *f, const struct people_dir *d, bool color);
int people_output_json(FILE *f, const struct people_dir *d);
int people_output_csv(FILE *f, const struct people_dir *d, bool excel);

#endif /* STL_PEOPLE_H */
