/*
 * docbuild.c - a parsed minute becomes Xapian documents; see docbuild.h.
 * Which words go under which prefix, and which terms a document carries,
 * comes from the table of fields and the term builders of schema.h.
 */
#include "docbuild.h"

#include <stdlib.h>
#include <string.h>

#include "doctext.h"
#include "stemcache.h"
#include "stl/record.h"
#include "stl/schema.h"
#include "stl/strbuf.h"
#include "stl/text.h"
#include "wordcount.h"

/* Where a field's words go on the kind of document being built. */
struct field_terms {
	const char *prefix;	/* NULL: the kind has no such field */
	bool in_union;		/* its stems also under "Z" alone */
};

struct docbuild {
	const struct stl_institutions *inst;
	struct stl_inst_matcher *matcher;
	stl_doc_t *doc;
	struct doctext text;
	struct stl_strbuf persons;	/* people done, folded, '\n'-separated */
	struct stemcache stems;
	struct wordcount words;
	enum stl_doc_kind kind;		/* of the document being built */
	struct stl_strbuf canon;	/* the minute's copy text */
	unsigned copy_number;		/* of the document being built */
	struct field_terms fields[STL_DOC_NKINDS][STL_NFIELDS];
};

static void load_fields(struct docbuild *b)
{
	size_t k, i;

	for (k = 0; k < STL_DOC_NKINDS; k++)
		for (i = 0; i < STL_NFIELDS; i++) {
			const char *p = stl_fields[i].prefix[k];

			b->fields[k][i].prefix = p;
			b->fields[k][i].in_union =
				k == STL_DOC_MINUTE && p &&
				(stl_fields[i].flags & STL_FIELD_UNION);
		}
}

struct docbuild *docbuild_new(const struct stl_institutions *inst)
{
	struct docbuild *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->inst = inst;
	doctext_init(&b->text);
	stl_strbuf_init(&b->persons, 0);
	stl_strbuf_init(&b->canon, 0);
	load_fields(b);
	b->doc = stl_doc_new();
	if (!b->doc || !stemcache_init(&b->stems) ||
	    stl_inst_matcher_new(inst, &b->matcher) != STL_STATUS_SUCCESS) {
		docbuild_destroy(b);
		return NULL;
	}
	return b;
}

void docbuild_destroy(struct docbuild *b)
{
	if (!b)
		return;
	stl_inst_matcher_destroy(b->matcher);
	stl_doc_destroy(b->doc);
	doctext_release(&b->text);
	stl_strbuf_release(&b->persons);
	stl_strbuf_release(&b->canon);
	stemcache_release(&b->stems);
	wordcount_release(&b->words);
	free(b);
}

/* ---- indexing words ----------------------------------------------------------- */

/*
 * @term of field @field at @pos, and its stem under the field's prefix
 * (ranking by stem, without positions), as the query parser looks them
 * up; for a field of the union, its stem alone too.
 */
static stl_status_t add_word(struct docbuild *b, enum stl_field_id field,
			     const char *term, size_t len, uint32_t pos)
{
	const struct field_terms *ft = &b->fields[b->kind][field];
	char buf[STL_SCHEMA_TERM_SIZE], stem[STL_TERM_MAX + 1];
	size_t n, slen;
	stl_status_t ret;

	if (!ft->prefix)
		return STL_STATUS_SUCCESS;
	n = stl_schema_word_term(ft->prefix, term, len, buf);
	if (!n)
		return STL_STATUS_SUCCESS;
	ret = stl_doc_add_posting(b->doc, buf, n, pos);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	slen = stemcache_stem(&b->stems, term, len, stem);
	n = stl_schema_stem_term(ft->prefix, stem, slen, buf);
	ret = stl_doc_add_term(b->doc, buf, n);
	if (ret != STL_STATUS_SUCCESS || !ft->in_union)
		return ret;
	n = stl_schema_stem_term("", stem, slen, buf);
	return stl_doc_add_term(b->doc, buf, n);
}

struct field_ctx {
	struct docbuild *b;
	enum stl_field_id field;
	stl_status_t status;
};

static int index_token(const stl_token_t *tok, void *ctx)
{
	struct field_ctx *f = ctx;

	f->status = add_word(f->b, f->field, tok->term, tok->len, tok->pos);
	return f->status != STL_STATUS_SUCCESS;
}

/*
 * Index @s as words of @field at *@pos onwards, then leave a gap so a
 * phrase never runs from this value into the next one of the same field.
 * For values that are not words of the kept text.
 */
static stl_status_t index_str(struct docbuild *b, enum stl_field_id field,
			      const char *s, uint32_t *pos)
{
	struct field_ctx f = { b, field, STL_STATUS_SUCCESS };
	stl_status_t ret;

	if (!s || !*s)
		return STL_STATUS_SUCCESS;
	ret = stl_text_analyze(s, strlen(s), 0, pos, index_token, &f);
	if (ret == STL_STATUS_SUCCESS)
		ret = f.status;
	*pos += STL_POSITION_GAP;
	return ret;
}

static stl_status_t emit_words(struct docbuild *b, const struct dt_words *l,
			       bool spell)
{
	stl_status_t ret;
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct dt_word *w = &l->v[i];
		const char *term = doctext_term(&b->text, w);

		ret = add_word(b, w->field, term, w->len, w->pos);
		if (ret != STL_STATUS_SUCCESS)
			return ret;
		if (spell && !(w->flags & (STL_TOKEN_NUMBER | STL_TOKEN_EXTRA)) &&
		    w->len > 2 && !wordcount_add(&b->words, term, w->len))
			return STL_STATUS_OUT_OF_MEMORY;
	}
	return STL_STATUS_SUCCESS;
}

/* ---- institution names in the text ------------------------------------------- */

static const char *word_at(const void *seq, size_t i)
{
	const struct doctext *t = seq;

	return doctext_term(t, &t->words.v[i]);
}

/* An id that is no single term, or a one-word name that is the id
 * itself, adds nothing to the text. */
static bool adds_term(const char *id, const char *first, size_t ntok)
{
	return !strchr(id, ' ') && (ntok > 1 || strcmp(first, id));
}

/*
 * Where the text names an institution ("Instituto Electoral del Estado de
 * México", "Órgano Garante"), add its id ("ieem") at the same position and
 * in the same field, so the acronym finds the full name and phrases are
 * not disturbed.
 */
static stl_status_t add_inst_terms(struct docbuild *b)
{
	const struct dt_words *l = &b->text.words;
	stl_status_t ret;
	size_t i = 0, ntok, len;

	while (i < l->n) {
		const struct dt_word *w = &l->v[i];
		const char *id = stl_inst_matcher_at(b->matcher, word_at,
						     &b->text, i, l->n, &ntok);

		if (!id) {
			i++;
			continue;
		}
		len = strlen(id);
		if (len <= STL_TERM_MAX &&
		    adds_term(id, doctext_term(&b->text, w), ntok)) {
			ret = add_word(b, w->field, id, len, w->pos);
			if (ret != STL_STATUS_SUCCESS)
				return ret;
		}
		i += ntok;
	}
	return STL_STATUS_SUCCESS;
}

/* Index the kept text: every word once, under its field's prefix. */
static stl_status_t emit_text(struct docbuild *b, bool spell)
{
	stl_status_t ret;

	doctext_label_extras(&b->text);
	ret = emit_words(b, &b->text.words, spell);
	if (ret == STL_STATUS_SUCCESS)
		ret = emit_words(b, &b->text.extras, false);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_inst_terms(b);
	return ret;
}

/* ---- boolean terms and values ------------------------------------------------- */

/* @len 0: a term too long to be one, which cannot be searched anyway. */
static stl_status_t add_bool(stl_doc_t *doc, const char *term, size_t len)
{
	return len ? stl_doc_add_boolean_term(doc, term, len)
		   : STL_STATUS_SUCCESS;
}

static stl_status_t set_value_str(stl_doc_t *doc, stl_slot_t slot,
				  const char *s)
{
	return s && *s ? stl_doc_set_value(doc, slot, s, strlen(s))
		       : STL_STATUS_SUCCESS;
}

/* True if @s is one of the '\n'-separated lines of @lines. */
static bool has_line(const char *lines, const char *s)
{
	size_t len = strlen(s);
	const char *p = lines;

	while ((p = strstr(p, s))) {
		if ((p == lines || p[-1] == '\n') && (!p[len] || p[len] == '\n'))
			return true;
		p++;
	}
	return false;
}

static void add_line(struct stl_strbuf *sb, const char *s)
{
	if (sb->len)
		stl_strbuf_addch(sb, '\n');
	stl_strbuf_addstr(sb, s);
}

/* The attendees' institutions: terms and the facet values. */
static stl_status_t add_attendees(stl_doc_t *doc, const struct stl_minute *m)
{
	struct stl_strbuf insts = STL_STRBUF_INIT, names = STL_STRBUF_INIT;
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < m->nattendees && ret == STL_STATUS_SUCCESS; i++) {
		const struct stl_attendee *a = &m->attendees[i];

		ret = add_bool(doc, term,
			       stl_schema_institution_term(a->institution_id,
							   term));
		if (a->institution && !has_line(insts.buf, a->institution))
			add_line(&insts, a->institution);
		if (a->name)
			add_line(&names, a->name);
	}
	if (stl_strbuf_failed(&insts) || stl_strbuf_failed(&names))
		ret = STL_STATUS_OUT_OF_MEMORY;
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(doc, STL_SLOT_INSTITUTIONS, insts.buf);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(doc, STL_SLOT_ATTENDEES, names.buf);
	stl_strbuf_release(&insts);
	stl_strbuf_release(&names);
	return ret;
}

/*
 * What two files of one minute share: its date and its agreements'
 * words, folded, one agreement a line. Left empty for a minute without
 * a date or agreements, which is then never taken for another's copy.
 */
static stl_status_t copy_canon(struct stl_strbuf *sb, const struct stl_minute *m)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	const char *t;
	size_t i;

	stl_strbuf_reset(sb);
	if (!m->date[0] || !m->nagreements)
		return STL_STATUS_SUCCESS;
	stl_strbuf_addstr(sb, m->date);
	for (i = 0; i < m->nagreements && ret == STL_STATUS_SUCCESS; i++) {
		t = m->agreements[i].text ? m->agreements[i].text : "";
		stl_strbuf_addch(sb, '\n');
		ret = stl_text_terms(t, strlen(t), STL_ANALYZE_QUERY, ' ', sb,
				     NULL);
	}
	if (ret == STL_STATUS_SUCCESS && stl_strbuf_failed(sb))
		ret = STL_STATUS_OUT_OF_MEMORY;
	return ret;
}

/* The minute's people, for the directory of people (stl/people.h). */
static stl_status_t add_people_value(stl_doc_t *doc, const struct stl_minute *m)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_status_t ret;

	ret = stl_schema_people_value(m, &sb);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_doc_set_value(doc, STL_SLOT_PEOPLE, sb.buf, sb.len);
	stl_strbuf_release(&sb);
	return ret;
}

/* The copy key's term and value, on a minute with one. */
static stl_status_t add_copy_key(struct docbuild *b)
{
	char key[STL_SCHEMA_COPY_KEY_SIZE], term[STL_SCHEMA_TERM_SIZE];
	size_t n;
	stl_status_t ret;

	if (!b->canon.len)
		return STL_STATUS_SUCCESS;
	n = stl_schema_copy_key(b->canon.buf, b->canon.len, b->copy_number,
				key);
	ret = add_bool(b->doc, term, stl_schema_copy_term(key, term));
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_doc_set_value(b->doc, STL_SLOT_COPY, key, n);
	return ret;
}

/* Values and terms every document of a minute carries. */
static stl_status_t add_common(struct docbuild *b, const struct stl_minute *m,
			       const char *path)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t ret;

	ret = add_bool(b->doc, term, stl_schema_file_term(path, term));
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(b->doc, term, stl_schema_kind_term(b->kind, term));
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_schema_add_date(b->doc, m->date);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_attendees(b->doc, m);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_copy_key(b);
	return ret;
}

/* ---- the fields of a minute ------------------------------------------------------- */

/* Label @value's words in the text as @field, else index it apart. */
static stl_status_t label(struct docbuild *b, const char *value,
			  enum stl_field_id field)
{
	if (doctext_label(&b->text, value, field))
		return STL_STATUS_SUCCESS;
	return index_str(b, field, value, &b->text.next_pos);
}

/*
 * The meeting's fields in the text: place and event first, then each
 * attendee's name and organization, the topics and the agreements. What
 * the text does not spell word for word is indexed after it.
 */
static stl_status_t label_fields(struct docbuild *b, const struct stl_minute *m)
{
	stl_status_t ret;
	size_t i;

	ret = label(b, m->city, STL_FIELD_PLACE);
	if (ret == STL_STATUS_SUCCESS)
		ret = label(b, m->title, STL_FIELD_EVENT);
	if (ret == STL_STATUS_SUCCESS)
		ret = label(b, m->event, STL_FIELD_EVENT);
	if (ret == STL_STATUS_SUCCESS)
		ret = label(b, m->medium, STL_FIELD_PLACE);
	for (i = 0; i < m->nattendees && ret == STL_STATUS_SUCCESS; i++) {
		const struct stl_attendee *a = &m->attendees[i];

		ret = label(b, a->name, STL_FIELD_ATTENDEE);
		/* A table institution is found by its id (boolean terms);
		 * only one written as is needs its words. */
		if (ret == STL_STATUS_SUCCESS && a->institution &&
		    !doctext_label(&b->text, a->institution,
				   STL_FIELD_INSTITUTION) &&
		    !stl_institutions_lookup(b->inst, a->institution,
					     strlen(a->institution)))
			ret = index_str(b, STL_FIELD_INSTITUTION,
					a->institution, &b->text.next_pos);
	}
	for (i = 0; i < m->ntopics && ret == STL_STATUS_SUCCESS; i++)
		ret = label(b, m->topics[i], STL_FIELD_TOPIC);
	for (i = 0; i < m->nagreements && ret == STL_STATUS_SUCCESS; i++)
		ret = label(b, m->agreements[i].text, STL_FIELD_AGREEMENT);
	return ret;
}

/* Note the folded @id as a person done; false if it was already. */
static bool note_person(struct docbuild *b, const char *id)
{
	if (b->persons.len && has_line(b->persons.buf, id))
		return false;
	add_line(&b->persons, id);
	return true;
}

/* A person an agreement concerns: the name as persona: words, once per
 * document. */
static stl_status_t add_person(struct docbuild *b, const char *name,
			       uint32_t *pos)
{
	struct stl_strbuf id = STL_STRBUF_INIT;
	stl_status_t ret;

	ret = stl_text_fold(name, strlen(name), &id);
	if (ret == STL_STATUS_SUCCESS && id.len && note_person(b, id.buf))
		ret = index_str(b, STL_FIELD_PERSON, name, pos);
	if (ret == STL_STATUS_SUCCESS && stl_strbuf_failed(&b->persons))
		ret = STL_STATUS_OUT_OF_MEMORY;
	stl_strbuf_release(&id);
	return ret;
}

/*
 * Attendees are persons too: persona: searches their names as asistente:
 * words on a minute (STL_FIELD_ATTENDEES_TOO), so an agreement's person
 * who attended is not indexed again.
 */
static stl_status_t note_attendees(struct docbuild *b,
				   const struct stl_minute *m)
{
	size_t i;

	for (i = 0; i < m->nattendees; i++) {
		const char *pid = m->attendees[i].person_id;

		if (pid && *pid)
			note_person(b, pid);
	}
	return stl_strbuf_failed(&b->persons) ? STL_STATUS_OUT_OF_MEMORY
					      : STL_STATUS_SUCCESS;
}

/* ---- the two kinds of document ------------------------------------------------- */

/* The record @ret says was written becomes @doc's data. */
static stl_status_t set_data(stl_doc_t *doc, stl_status_t ret, char *data,
			     size_t len)
{
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_doc_set_data(doc, data, len);
	free(data);
	return ret;
}

/* What the searcher links minutes by (stl/links.h): its event and the
 * follow-up meeting it announces, as its own terms. */
static stl_status_t add_links(struct docbuild *b, const struct stl_minute *m)
{
	struct stl_strbuf key = STL_STRBUF_INIT;
	stl_status_t ret;

	ret = stl_minute_event_key(m->event, b->matcher, &key);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_schema_add_links(b->doc, key.buf, m->next_date);
	stl_strbuf_release(&key);
	return ret;
}

static stl_status_t build_minute_doc(struct docbuild *b,
				     const struct stl_minute *m,
				     const char *path, const char *file_state)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t ret;
	size_t i, k, len = 0;
	char *data = NULL;

	b->kind = STL_DOC_MINUTE;
	stl_strbuf_reset(&b->persons);
	ret = add_bool(b->doc, term, stl_schema_minute_term(path, term));
	if (ret == STL_STATUS_SUCCESS)
		ret = doctext_keep(&b->text, m->text, m->text_len);
	if (ret == STL_STATUS_SUCCESS)
		ret = label_fields(b, m);
	if (ret == STL_STATUS_SUCCESS)
		ret = emit_text(b, true);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_common(b, m, path);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_links(b, m);
	if (ret == STL_STATUS_SUCCESS)
		ret = note_attendees(b, m);
	for (i = 0; i < m->nagreements && ret == STL_STATUS_SUCCESS; i++)
		for (k = 0; k < m->agreements[i].npersons &&
			    ret == STL_STATUS_SUCCESS; k++)
			ret = add_person(b, m->agreements[i].persons[k],
					 &b->text.next_pos);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(b->doc, STL_SLOT_PATH, path);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(b->doc, STL_SLOT_FILE_STATE, file_state);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_people_value(b->doc, m);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_schema_add_followups(b->doc, m);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	ret = stl_record_write_minute(m, path, &data, &len);
	return set_data(b->doc, ret, data, len);
}

/*
 * An agreement document is light: its text (acuerdo: words, found by free
 * text too), the people it concerns, the meeting's ids and values. The
 * meeting's words stay on the minute document.
 */
static stl_status_t build_agreement_doc(struct docbuild *b,
					const struct stl_minute *m,
					const struct stl_agreement *a,
					const char *path)
{
	char term[STL_SCHEMA_TERM_SIZE];
	uint32_t pp = 1;
	stl_status_t ret;
	size_t k, len = 0;
	char *data = NULL;

	b->kind = STL_DOC_AGREEMENT;
	stl_strbuf_reset(&b->persons);
	ret = doctext_keep(&b->text, a->text, a->text ? strlen(a->text) : 0);
	doctext_label_all(&b->text, STL_FIELD_AGREEMENT);
	if (ret == STL_STATUS_SUCCESS)
		ret = emit_text(b, false);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_common(b, m, path);
	for (k = 0; k < a->npersons && ret == STL_STATUS_SUCCESS; k++)
		ret = add_person(b, a->persons[k], &pp);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_schema_add_deadline(b->doc, a->deadline);
	/* What a later minute's follow-up calls it (estado:). */
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(b->doc, term,
			       stl_schema_followup_term(m->date, a->number,
							term));
	if (ret == STL_STATUS_SUCCESS) {
		ret = stl_record_write_agreement(m, a, path, &data, &len);
		ret = set_data(b->doc, ret, data, len);
	}
	/* A change to a minute's file mostly leaves its agreements as they
	 * were: an update then skips them (stl_writer_update_docid()). */
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_doc_set_checksum(b->doc, STL_SLOT_CHECKSUM);
	return ret;
}

stl_status_t docbuild_minute(struct docbuild *b, const struct stl_minute *m,
			     const char *path, const char *file_state,
			     docbuild_emit_fn emit, void *ctx)
{
	stl_status_t ret;
	size_t i;

	ret = copy_canon(&b->canon, m);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	stl_doc_clear(b->doc);
	b->copy_number = 0;
	ret = build_minute_doc(b, m, path, file_state);
	if (ret == STL_STATUS_SUCCESS)
		ret = emit(ctx, b->doc);
	/* An agreement has no unique term: it is added and deleted with its
	 * file (the file term). */
	for (i = 0; i < m->nagreements && ret == STL_STATUS_SUCCESS; i++) {
		stl_doc_clear(b->doc);
		b->copy_number = (unsigned)i + 1;
		ret = build_agreement_doc(b, m, &m->agreements[i], path);
		if (ret == STL_STATUS_SUCCESS)
			ret = emit(ctx, b->doc);
	}
	return ret;
}

stl_doc_t *docbuild_take_doc(struct docbuild *b)
{
	stl_doc_t *doc = stl_doc_new(), *taken = b->doc;

	if (!doc)
		return NULL;
	b->doc = doc;
	return taken;
}

/* ---- the spelling dictionary ------------------------------------------------------- */

struct docbuild_words {
	struct wordcount wc;
};

struct docbuild_words *docbuild_take_words(struct docbuild *b)
{
	struct docbuild_words *words = malloc(sizeof(*words));

	if (!words)
		return NULL;
	words->wc = b->words;
	memset(&b->words, 0, sizeof(b->words));
	return words;
}

stl_status_t docbuild_words_write(const struct docbuild_words *words,
				  stl_writer_t *w)
{
	return wordcount_write(&words->wc, w);
}

void docbuild_words_free(struct docbuild_words *words)
{
	if (!words)
		return;
	wordcount_release(&words->wc);
	free(words);
}
