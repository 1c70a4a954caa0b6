/*
 * qparser.c - Xapian's query parser configured from the table of fields
 * (schema.h), with the field processors of fecha:, institucion:, plazo:,
 * estado: (those two built by followup.c) and the phrases of free text;
 * see qparser.h.
 */
#include "stl/qparser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/fecha.h"
#include "stl/followup.h"
#include "stl/qnames.h"
#include "stl/query.h"
#include "stl/schema.h"
#include "stl/text.h"

/* What a field processor of one kind's parser needs. */
struct kind_ctx {
	struct query_parser *p;
	enum stl_doc_kind kind;
};

/* One Xapian parser per kind of document: they share no word prefix. */
struct query_parser {
	stl_qparser_t *qp[STL_DOC_NKINDS];
	struct kind_ctx ctx[STL_DOC_NKINDS];
	stl_reader_t *r;
	const struct stl_institutions *inst;
	char today[11];		/* "YYYY-MM-DD": plazo:vencido, proximo */
};

static size_t stem_cb(void *ctx, const char *word, size_t len, char *out)
{
	(void)ctx;
	return stl_stem(word, len, out);
}

/* ---- phrases ------------------------------------------------------------------ */

/* Terms of @value under @prefix as a phrase (or a term). */
static stl_status_t phrase_query(const char *prefix, const char *value,
				 stl_query_t **out)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_query_t **subs = NULL;
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t n = 0, i = 0;
	char *p, *save = NULL;

	*out = NULL;
	if (stl_text_terms(value, strlen(value), STL_ANALYZE_QUERY, ' ', &sb,
			   &n) || stl_strbuf_failed(&sb)) {
		ret = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	subs = calloc(n ? n : 1, sizeof(*subs));
	if (!subs) {
		ret = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	for (p = strtok_r(sb.buf, " ", &save); p && !ret && i < n;
	     p = strtok_r(NULL, " ", &save)) {
		char term[STL_SCHEMA_TERM_SIZE];

		if (!stl_schema_word_term(prefix, p, strlen(p), term))
			continue;
		ret = stl_query_new_term(term, &subs[i++]);
	}
	if (!ret && i == 1) {
		*out = subs[0];
		subs[0] = NULL;
	} else if (!ret && i > 1) {
		ret = stl_query_combine(STL_QUERY_PHRASE, subs, i, 0, out);
	} else if (!ret) {
		ret = stl_query_new_match_nothing(out);
	}
	while (subs && i)
		stl_query_destroy(subs[--i]);
out:
	free(subs);
	stl_strbuf_release(&sb);
	return ret;
}

/* @q OR the term @prefix + @id, in place. */
static stl_status_t or_term(stl_query_t **q, const char *prefix,
			    const char *id)
{
	char term[STL_SCHEMA_TERM_SIZE];
	stl_query_t *subs[2] = { *q, NULL };
	stl_status_t ret;

	if (!stl_schema_word_term(prefix, id, strlen(id), term))
		return STL_STATUS_SUCCESS;
	ret = stl_query_new_term(term, &subs[1]);
	if (!ret)
		ret = stl_query_combine(STL_QUERY_OR, subs, 2, 0, q);
	if (!ret)
		stl_query_destroy(subs[0]);
	stl_query_destroy(subs[1]);
	return ret;
}

/*
 * A phrase that names one institution of the table (a whole name or the
 * start of one that is its alone) also finds the text that names it
 * otherwise: the document builder writes the institution's id where the
 * text names it, so each prefix's phrase is ORed with the id under that
 * prefix, as the index's synonyms do for whole names.
 */
static stl_status_t or_institution(const struct stl_institutions *inst,
				   const char *words, const char **prefixes,
				   stl_query_t **per, size_t n)
{
	const struct stl_institution *in;
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	in = stl_institutions_lookup_part(inst, words, strlen(words),
					  STL_INST_PART_LEADING);
	for (i = 0; in && i < n && !ret; i++)
		ret = or_term(&per[i], prefixes[i], in->id);
	return ret;
}

/*
 * A phrase of free text (query_fast_phrases()): the phrase under each
 * prefix free text searches, combined with MAX. Xapian's parser ORs them,
 * and an OR of phrases has a maximum weight no page of hits reaches, so
 * the matcher would check the positions of every candidate.
 */
static stl_status_t phrase_cb(void *ctx, const char *value,
			      stl_query_t **out, char **errmsg)
{
	const struct kind_ctx *kc = ctx;
	const char *prefixes[STL_NFIELDS];
	stl_query_t *per[STL_NFIELDS] = { NULL };
	stl_status_t ret = STL_STATUS_SUCCESS;
	char *words = strdup(value), *u;
	size_t i, n;

	*errmsg = NULL;
	if (!words)
		return STL_STATUS_OUT_OF_MEMORY;
	for (u = words; *u; u++)
		if (*u == '_')
			*u = ' ';
	n = stl_schema_free_prefixes(kc->kind, prefixes, STL_NFIELDS);
	for (i = 0; i < n && !ret; i++)
		ret = phrase_query(prefixes[i], words, &per[i]);
	if (!ret)
		ret = or_institution(kc->p->inst, words, prefixes, per, n);
	free(words);
	if (!ret)
		ret = stl_query_combine(STL_QUERY_MAX, per, n, 0, out);
	for (i = 0; i < n; i++)
		stl_query_destroy(per[i]);
	return ret;
}

/*
 * QUERY_NAME_FIELD (query_by_name()): an institution's id, as a word under
 * each prefix of free text, where the document builder writes it for any
 * of its names.
 */
static stl_status_t name_cb(void *ctx, const char *value, stl_query_t **out,
			    char **errmsg)
{
	const struct kind_ctx *kc = ctx;
	const char *prefixes[STL_NFIELDS];
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i, n;

	*errmsg = NULL;
	ret = stl_query_new_match_nothing(out);
	n = stl_schema_free_prefixes(kc->kind, prefixes, STL_NFIELDS);
	for (i = 0; i < n && !ret; i++)
		ret = or_term(out, prefixes[i], value);
	return ret;
}

/* ---- fecha: -------------------------------------------------------------------- */

/* An open end is the first or last year the index has. */
static stl_status_t close_range(struct query_parser *p, char lo[9],
				char hi[9])
{
	int first = 0, last = 0;
	stl_status_t ret;

	if (lo[0] && hi[0])
		return STL_STATUS_SUCCESS;
	ret = stl_schema_years(p->r, &first, &last);
	if (ret != STL_STATUS_SUCCESS || !first)
		return ret;
	if (!lo[0])
		snprintf(lo, 9, "%04d0101", first);
	if (!hi[0])
		snprintf(hi, 9, "%04d1231", last);
	return ret;
}

/* fecha: as the year, month and day terms covering the range. */
static stl_status_t fecha_cb(void *ctx, const char *value,
			     stl_query_t **out, char **errmsg)
{
	const struct kind_ctx *kc = ctx;
	char lo[9], hi[9];
	int years[2] = { 0, 0 };
	stl_status_t ret;

	ret = fecha_parse(value, lo, hi, errmsg);
	if (ret == STL_STATUS_SUCCESS)
		ret = close_range(kc->p, lo, hi);
	if (ret == STL_STATUS_SUCCESS && !strncmp(lo, "0000", 4))
		ret = stl_schema_years(kc->p->r, &years[0], &years[1]);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	/* No dated document: no year to look a day of any year up in. */
	return fecha_range_query(lo, hi, years, stl_schema_date_term, out);
}

/* ---- plazo: and estado: ------------------------------------------------------------ */

/* Both are of agreements and built by stl/followup.h. */
static stl_status_t plazo_cb(void *ctx, const char *value, stl_query_t **out,
			     char **errmsg)
{
	const struct kind_ctx *kc = ctx;

	return followup_field_query(kc->p->r, kc->p->today, true, kc->kind,
				    value, out, errmsg);
}

static stl_status_t estado_cb(void *ctx, const char *value,
			      stl_query_t **out, char **errmsg)
{
	const struct kind_ctx *kc = ctx;

	return followup_field_query(kc->p->r, kc->p->today, false, kc->kind,
				    value, out, errmsg);
}

/* ---- institucion: ---------------------------------------------------------------- */

/*
 * institucion:IEEM, institucion:"Instituto Electoral del Estado de
 * México", institucion:"Instituto Electoral", institucion:"Tendiendo
 * Puentes": the table's id when the value names a known institution (by a
 * whole name or a part that is its alone), or else the words as a phrase
 * in the institution names of attendees.
 */
static stl_status_t institution_cb(void *ctx, const char *value,
				   stl_query_t **out, char **errmsg)
{
	const struct kind_ctx *kc = ctx;
	const struct stl_field *f = &stl_fields[STL_FIELD_INSTITUTION];
	const struct stl_institution *in;
	struct stl_strbuf id = STL_STRBUF_INIT;
	stl_query_t *subs[2] = { NULL, NULL };
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t ret;
	size_t n = 1;

	*errmsg = NULL;
	in = stl_institutions_lookup_part(kc->p->inst, value, strlen(value),
					  STL_INST_PART_ANYWHERE);
	ret = phrase_query(stl_schema_query_prefix(f, kc->kind), value,
			   &subs[0]);
	/* Every document carries the institution terms of its attendees. */
	if (!ret && !in)
		ret = stl_text_fold(value, strlen(value), &id);
	if (!ret && stl_schema_institution_term(in ? in->id : id.buf, term))
		ret = stl_query_new_term(term, &subs[n++]);
	if (!ret && n > 1)
		ret = stl_query_combine(STL_QUERY_OR, subs, n, 0, out);
	else if (!ret)
		*out = subs[0];
	if (n > 1 || ret)
		stl_query_destroy(subs[0]);
	stl_query_destroy(subs[1]);
	stl_strbuf_release(&id);
	return ret;
}

/*
 * QUERY_INSTITUTION_FIELD (query_by_institution()): on documents that have
 * the attendee field, the institution term of the institution the value
 * names, so asistente:cpc finds the minutes a CPC attendee attended.
 * Anything else matches nothing: the attendee field's words still do.
 */
static stl_status_t attendee_institution_cb(void *ctx, const char *value,
					    stl_query_t **out, char **errmsg)
{
	const struct kind_ctx *kc = ctx;
	const struct stl_institution *in = NULL;
	char term[STL_SCHEMA_TERM_SIZE];

	*errmsg = NULL;
	if (stl_fields[STL_FIELD_ATTENDEE].prefix[kc->kind])
		in = stl_institutions_lookup_part(kc->p->inst, value,
						  strlen(value),
						  STL_INST_PART_ANYWHERE);
	if (!in || !stl_schema_institution_term(in->id, term))
		return stl_query_new_match_nothing(out);
	return stl_query_new_term(term, out);
}

/* ---- configuration ------------------------------------------------------------- */

static stl_status_t add_field(struct query_parser *p, enum stl_doc_kind kind,
			      const struct stl_field *f)
{
	stl_qparser_t *qp = p->qp[kind];
	stl_status_t ret = STL_STATUS_SUCCESS;

	if ((f->flags & STL_FIELD_ATTENDEES_TOO) && kind == STL_DOC_MINUTE)
		ret = stl_qparser_add_prefix(qp, f->name,
					     stl_fields[STL_FIELD_ATTENDEE].prefix[kind]);
	if (ret)
		return ret;
	switch (f->type) {
	case STL_FIELD_WORDS:
		return stl_qparser_add_prefix(qp, f->name,
					      stl_schema_query_prefix(f, kind));
	case STL_FIELD_BOOLEAN:
		return stl_qparser_add_boolean_prefix(qp, f->name,
						      f->prefix[kind], true);
	case STL_FIELD_PROCESSOR:
		if (f->id == STL_FIELD_DATE)
			return stl_qparser_add_field(qp, f->name, fecha_cb,
						     &p->ctx[kind], true, true);
		if (f->id == STL_FIELD_DEADLINE || f->id == STL_FIELD_STATUS)
			return stl_qparser_add_field(qp, f->name,
						     f->id == STL_FIELD_DEADLINE
							     ? plazo_cb
							     : estado_cb,
						     &p->ctx[kind], true, true);
		return stl_qparser_add_field(qp, f->name, institution_cb,
					     &p->ctx[kind], true, false);
	}
	return STL_STATUS_INVALID_ARGUMENT;
}

static stl_status_t configure(struct query_parser *p, enum stl_doc_kind kind)
{
	stl_qparser_t *qp = p->qp[kind];
	const char *prefixes[STL_NFIELDS];
	size_t i, n, nstop;
	const char *const *stop = stl_stopwords(&nstop);
	stl_status_t ret;

	p->ctx[kind].p = p;
	p->ctx[kind].kind = kind;
	ret = stl_qparser_set_stemmer(qp, stem_cb, NULL);
	if (!ret)
		ret = stl_qparser_set_stopwords(qp, stop, nstop);
	if (!ret)
		ret = stl_qparser_set_max_wildcard(qp, 1000);
	/* Free text searches the words of every field flagged for it; on
	 * minutes query_parse() then keeps only the union stem. */
	n = stl_schema_free_prefixes(kind, prefixes, STL_NFIELDS);
	for (i = 0; i < n && !ret; i++)
		ret = stl_qparser_add_prefix(qp, "", prefixes[i]);
	if (!ret)
		ret = stl_qparser_add_field(qp, QUERY_PHRASE_FIELD, phrase_cb,
					    &p->ctx[kind], false, false);
	if (!ret)
		ret = stl_qparser_add_field(qp, QUERY_NAME_FIELD, name_cb,
					    &p->ctx[kind], false, false);
	if (!ret)
		ret = stl_qparser_add_field(qp, QUERY_INSTITUTION_FIELD,
					    attendee_institution_cb,
					    &p->ctx[kind], true, false);
	for (i = 0; i < STL_NFIELDS && !ret; i++)
		if (stl_fields[i].name)
			ret = add_field(p, kind, &stl_fields[i]);
	return ret;
}

stl_status_t query_parser_new(stl_reader_t *r,
			      const struct stl_institutions *inst,
			      struct query_parser **out)
{
	struct query_parser *p = calloc(1, sizeof(*p));
	stl_status_t ret = STL_STATUS_SUCCESS;
	char *msg = NULL;
	unsigned k;

	*out = NULL;
	if (!p)
		return STL_STATUS_OUT_OF_MEMORY;
	p->inst = inst;
	p->r = r;
	followup_today(NULL, p->today, &msg);	/* the local date: no error */
	for (k = 0; k < STL_DOC_NKINDS && !ret; k++) {
		ret = stl_qparser_new(r, &p->qp[k]);
		if (!ret)
			ret = configure(p, (enum stl_doc_kind)k);
	}
	if (ret) {
		query_parser_destroy(p);
		return ret;
	}
	*out = p;
	return STL_STATUS_SUCCESS;
}

void query_parser_set_today(struct query_parser *p, const char *today)
{
	if (today && strlen(today) == 10)
		memcpy(p->today, today, 11);
}

void query_parser_destroy(struct query_parser *p)
{
	unsigned k;

	if (!p)
		return;
	for (k = 0; k < STL_DOC_NKINDS; k++)
		stl_qparser_destroy(p->qp[k]);
	free(p);
}

/* ---- parsing ------------------------------------------------------------------ */

/* A minute's union stem covers the stem of a word under each prefix of
 * the union (schema.h). */
static size_t union_stem(const char *term, size_t len, char *buf, void *ctx)
{
	struct stl_term_parts tp;

	(void)ctx;
	if (!stl_schema_split_term(term, len, &tp) || !tp.stem ||
	    !tp.prefix_len || !stl_schema_in_union(tp.prefix, tp.prefix_len))
		return 0;
	return stl_schema_stem_term("", tp.word, tp.word_len, buf);
}

stl_status_t query_parse(struct query_parser *p, enum stl_doc_kind kind,
			 const char *canonical, stl_query_t **out,
			 char **errmsg)
{
	unsigned flags = STL_QP_BOOLEAN | STL_QP_PHRASE | STL_QP_LOVEHATE |
			 STL_QP_WILDCARD | STL_QP_PURE_NOT | STL_QP_SYNONYMS |
			 STL_QP_NEAR;
	stl_query_t *parsed = NULL;
	stl_status_t ret;

	*out = NULL;
	*errmsg = NULL;
	ret = stl_qparser_parse(p->qp[kind], canonical, flags, &parsed);
	if (ret != STL_STATUS_SUCCESS) {
		*errmsg = strdup(stl_qparser_last_error(p->qp[kind]));
		return ret;
	}
	if (kind != STL_DOC_MINUTE) {
		*out = parsed;
		return STL_STATUS_SUCCESS;
	}
	/* Xapian ORs a free-text word's stem under each prefix; the union
	 * stem alone finds the same minutes. */
	ret = stl_query_drop_covered(parsed, union_stem, NULL, out);
	stl_query_destroy(parsed);
	if (ret != STL_STATUS_SUCCESS)
		*errmsg = strdup(stl_status_to_string(ret));
	return ret;
}
