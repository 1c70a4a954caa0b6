/*
 * docbuild.c - a parsed minute becomes Xapian documents; see docbuild.h
 * and the layout in include/stl/schema.h.
 */
#include "docbuild.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "stl/schema.h"
#include "stl/strbuf.h"
#include "stl/text.h"

/* Longest prefix in schema.h plus the stem prefix, with room to spare. */
#define TERM_BUF (8 + STL_TERM_MAX + 1)

/* One way of writing an institution, as a sequence of folded terms. */
struct inst_name {
	char *terms;		/* the terms joined by single spaces */
	size_t first_len;	/* length of the first term */
	size_t nterms;
	const char *id;		/* institution id the name stands for */
};

/* Word -> count, for the spelling dictionary (open addressing). */
struct wordcount {
	char **keys;
	unsigned *counts;
	size_t cap;
	size_t n;
};

struct docbuild {
	const struct stl_institutions *inst;
	struct inst_name *names;	/* sorted by terms */
	size_t nnames;
	stl_doc_t *doc;
	/* Terms of the free text, kept to find institution names in it. */
	struct stl_strbuf arena;
	size_t *offsets;
	uint32_t *positions;
	size_t ntoks, toks_alloc;
	struct wordcount words;
};

/* ---- spelling words ----------------------------------------------------- */

static bool wordcount_grow(struct wordcount *wc)
{
	size_t cap = wc->cap ? wc->cap * 2 : 1024, i;
	char **keys = calloc(cap, sizeof(*keys));
	unsigned *counts = calloc(cap, sizeof(*counts));

	if (!keys || !counts) {
		free(keys);
		free(counts);
		return false;
	}
	for (i = 0; i < wc->cap; i++) {
		size_t j;

		if (!wc->keys[i])
			continue;
		j = XXH3_64bits(wc->keys[i], strlen(wc->keys[i])) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = wc->keys[i];
		counts[j] = wc->counts[i];
	}
	free(wc->keys);
	free(wc->counts);
	wc->keys = keys;
	wc->counts = counts;
	wc->cap = cap;
	return true;
}

static bool wordcount_add(struct wordcount *wc, const char *w, size_t len)
{
	size_t j;

	if (wc->n * 2 >= wc->cap && !wordcount_grow(wc))
		return false;
	j = XXH3_64bits(w, len) & (wc->cap - 1);
	while (wc->keys[j]) {
		if (!strncmp(wc->keys[j], w, len) && !wc->keys[j][len]) {
			wc->counts[j]++;
			return true;
		}
		j = (j + 1) & (wc->cap - 1);
	}
	wc->keys[j] = strndup(w, len);
	if (!wc->keys[j])
		return false;
	wc->counts[j] = 1;
	wc->n++;
	return true;
}

static void wordcount_clear(struct wordcount *wc)
{
	size_t i;

	for (i = 0; i < wc->cap; i++) {
		free(wc->keys[i]);
		wc->keys[i] = NULL;
	}
	wc->n = 0;
}

/* ---- institution names ---------------------------------------------------- */

struct join_ctx {
	struct stl_strbuf *sb;
	size_t first_len;
	size_t n;
};

static int join_token(const stl_token_t *tok, void *ctx)
{
	struct join_ctx *j = ctx;

	if (j->n++)
		stl_strbuf_addch(j->sb, ' ');
	else
		j->first_len = tok->len;
	stl_strbuf_add(j->sb, tok->term, tok->len);
	return 0;
}

static stl_status_t add_inst_name(struct docbuild *b, const char *name,
				  const char *id)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	struct join_ctx j = { &sb, 0, 0 };
	struct inst_name *v;
	uint32_t pos = 1;
	stl_status_t ret;

	if (!name || !*name || strchr(id, ' '))
		return STL_STATUS_SUCCESS;
	ret = stl_text_analyze(name, strlen(name), STL_ANALYZE_QUERY, &pos,
			       join_token, &j);
	if (ret != STL_STATUS_SUCCESS)
		goto out;
	/* A one-word name that is the id itself adds nothing. */
	if (!j.n || (j.n == 1 && !strcmp(sb.buf, id)))
		goto out;
	v = realloc(b->names, (b->nnames + 1) * sizeof(*v));
	if (!v || stl_strbuf_failed(&sb)) {
		if (v)
			b->names = v;
		ret = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	b->names = v;
	v[b->nnames].terms = stl_strbuf_detach(&sb, NULL);
	v[b->nnames].first_len = j.first_len;
	v[b->nnames].nterms = j.n;
	v[b->nnames].id = id;
	b->nnames++;
out:
	stl_strbuf_release(&sb);
	return ret;
}

static int inst_name_cmp(const void *a, const void *c)
{
	const struct inst_name *x = a, *y = c;
	int r = strcmp(x->terms, y->terms);

	return r ? r : strcmp(x->id, y->id);
}

static stl_status_t load_inst_names(struct docbuild *b)
{
	size_t i, k, n = b->inst ? stl_institutions_count(b->inst) : 0;
	stl_status_t ret = STL_STATUS_SUCCESS;

	for (i = 0; i < n && ret == STL_STATUS_SUCCESS; i++) {
		const struct stl_institution *in = stl_institutions_get(b->inst, i);

		ret = add_inst_name(b, in->short_name, in->id);
		if (ret == STL_STATUS_SUCCESS)
			ret = add_inst_name(b, in->full_name, in->id);
		for (k = 0; k < in->naliases && ret == STL_STATUS_SUCCESS; k++)
			ret = add_inst_name(b, in->aliases[k], in->id);
	}
	if (b->nnames)
		qsort(b->names, b->nnames, sizeof(*b->names), inst_name_cmp);
	return ret;
}

struct docbuild *docbuild_new(const struct stl_institutions *inst)
{
	struct docbuild *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->inst = inst;
	stl_strbuf_init(&b->arena, 0);
	b->doc = stl_doc_new();
	if (!b->doc || load_inst_names(b) != STL_STATUS_SUCCESS) {
		docbuild_destroy(b);
		return NULL;
	}
	return b;
}

void docbuild_destroy(struct docbuild *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->nnames; i++)
		free(b->names[i].terms);
	free(b->names);
	stl_doc_destroy(b->doc);
	stl_strbuf_release(&b->arena);
	free(b->offsets);
	free(b->positions);
	wordcount_clear(&b->words);
	free(b->words.keys);
	free(b->words.counts);
	free(b);
}

/* ---- indexing text ---------------------------------------------------------- */

struct field_ctx {
	struct docbuild *b;
	const char *prefix;
	size_t plen;
	bool keep;		/* keep the tokens for institution matching */
	bool spell;		/* feed the spelling dictionary */
	stl_status_t status;
};

static stl_status_t keep_token(struct docbuild *b, const stl_token_t *tok)
{
	if (b->ntoks == b->toks_alloc) {
		size_t alloc = b->toks_alloc ? b->toks_alloc * 2 : 512;
		size_t *o = realloc(b->offsets, alloc * sizeof(*o));
		uint32_t *p;

		if (!o)
			return STL_STATUS_OUT_OF_MEMORY;
		b->offsets = o;
		p = realloc(b->positions, alloc * sizeof(*p));
		if (!p)
			return STL_STATUS_OUT_OF_MEMORY;
		b->positions = p;
		b->toks_alloc = alloc;
	}
	b->offsets[b->ntoks] = b->arena.len;
	b->positions[b->ntoks] = tok->pos;
	stl_strbuf_add(&b->arena, tok->term, tok->len + 1);
	if (stl_strbuf_failed(&b->arena))
		return STL_STATUS_OUT_OF_MEMORY;
	b->ntoks++;
	return STL_STATUS_SUCCESS;
}

static int index_token(const stl_token_t *tok, void *ctx)
{
	struct field_ctx *f = ctx;
	char term[TERM_BUF], stem[STL_TERM_MAX + 1];
	size_t slen;

	memcpy(term, f->prefix, f->plen);
	memcpy(term + f->plen, tok->term, tok->len);
	f->status = stl_doc_add_posting(f->b->doc, term, f->plen + tok->len,
					tok->pos);
	if (f->status != STL_STATUS_SUCCESS)
		return 1;

	/* Ranking by stem: "Z" + prefix + stem, without positions. */
	slen = stl_stem(tok->term, tok->len, stem);
	term[0] = 'Z';
	memcpy(term + 1, f->prefix, f->plen);
	memcpy(term + 1 + f->plen, stem, slen);
	f->status = stl_doc_add_term(f->b->doc, term, 1 + f->plen + slen);
	if (f->status != STL_STATUS_SUCCESS)
		return 1;

	if (f->spell && !(tok->flags & (STL_TOKEN_NUMBER | STL_TOKEN_EXTRA)) &&
	    tok->len > 2 && !wordcount_add(&f->b->words, tok->term, tok->len)) {
		f->status = STL_STATUS_OUT_OF_MEMORY;
		return 1;
	}
	if (f->keep && !(tok->flags & STL_TOKEN_EXTRA)) {
		f->status = keep_token(f->b, tok);
		if (f->status != STL_STATUS_SUCCESS)
			return 1;
	}
	return 0;
}

/*
 * Index @text under @prefix at *@pos onwards, then leave a gap so a phrase
 * never runs from this value into the next one of the same field.
 */
static stl_status_t index_text(struct docbuild *b, const char *prefix,
			       const char *text, size_t len, uint32_t *pos,
			       bool keep)
{
	struct field_ctx f = { b, prefix, strlen(prefix), keep, keep,
			       STL_STATUS_SUCCESS };
	stl_status_t ret;

	if (!text || !len)
		return STL_STATUS_SUCCESS;
	ret = stl_text_analyze(text, len, 0, pos, index_token, &f);
	if (ret == STL_STATUS_SUCCESS)
		ret = f.status;
	*pos += STL_POSITION_GAP;
	return ret;
}

static stl_status_t index_str(struct docbuild *b, const char *prefix,
			      const char *s, uint32_t *pos)
{
	return s ? index_text(b, prefix, s, strlen(s), pos, false)
		 : STL_STATUS_SUCCESS;
}

/* The name matching the kept tokens at @i, longest first, or NULL. */
static const struct inst_name *match_inst_name(const struct docbuild *b,
					       size_t i)
{
	const struct inst_name *best = NULL;
	const char *first = b->arena.buf + b->offsets[i];
	size_t lo = 0, hi = b->nnames, k, flen = strlen(first);

	/* Binary search for the first name starting with this term. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strncmp(b->names[mid].terms, first, flen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < b->nnames; k++) {
		const struct inst_name *nm = &b->names[k];
		const char *t = nm->terms;
		size_t j;

		if (nm->first_len != flen || strncmp(t, first, flen))
			break;
		if (i + nm->nterms > b->ntoks)
			continue;
		for (j = 0; j < nm->nterms; j++) {
			const char *tok = b->arena.buf + b->offsets[i + j];
			size_t tl = strlen(tok);

			if (strncmp(t, tok, tl) || (t[tl] != ' ' && t[tl]))
				break;
			t += tl + (t[tl] == ' ');
		}
		if (j == nm->nterms && (!best || nm->nterms > best->nterms))
			best = nm;
	}
	return best;
}

/* An institution id in free text, as if it were a word of the text. */
static stl_status_t add_id_term(stl_doc_t *doc, const char *id, uint32_t pos)
{
	char term[STL_TERM_MAX + 2];
	size_t len = strlen(id);
	stl_status_t ret;

	if (len > STL_TERM_MAX)
		return STL_STATUS_SUCCESS;
	ret = stl_doc_add_posting(doc, id, len, pos);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	/* Unquoted query words are looked up by stem. */
	term[0] = STL_PREFIX_STEM[0];
	len = stl_stem(id, len, term + 1);
	return stl_doc_add_term(doc, term, len + 1);
}

/*
 * Where the text names an institution ("Instituto Electoral del Estado de
 * México", "Órgano Garante"), add its id ("ieem") at the same position, so
 * the acronym finds the full name and phrases are not disturbed.
 */
static stl_status_t add_inst_terms(struct docbuild *b)
{
	size_t i = 0;

	while (i < b->ntoks) {
		const struct inst_name *nm = match_inst_name(b, i);
		stl_status_t ret;

		if (!nm) {
			i++;
			continue;
		}
		ret = add_id_term(b->doc, nm->id, b->positions[i]);
		if (ret != STL_STATUS_SUCCESS)
			return ret;
		i += nm->nterms;
	}
	return STL_STATUS_SUCCESS;
}

static stl_status_t index_full_text(struct docbuild *b, const char *text,
				    size_t len)
{
	uint32_t pos = 1;
	stl_status_t ret;

	b->ntoks = 0;
	stl_strbuf_reset(&b->arena);
	ret = index_text(b, STL_PREFIX_TEXT, text, len, &pos, true);
	if (ret == STL_STATUS_SUCCESS && b->nnames)
		ret = add_inst_terms(b);
	return ret;
}

/* ---- boolean terms and values ------------------------------------------------- */

static stl_status_t add_bool(stl_doc_t *doc, const char *prefix,
			     const char *value)
{
	char term[STL_XAPIAN_TERM_MAX + 1];
	size_t plen = strlen(prefix), vlen;

	if (!value || !*value)
		return STL_STATUS_SUCCESS;
	vlen = strlen(value);
	/* An id too long to be a term cannot be searched exactly anyway. */
	if (plen + vlen > STL_XAPIAN_TERM_MAX)
		return STL_STATUS_SUCCESS;
	memcpy(term, prefix, plen);
	memcpy(term + plen, value, vlen);
	return stl_doc_add_boolean_term(doc, term, plen + vlen);
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

/* Values and terms every document of a minute carries. */
static stl_status_t add_common(struct docbuild *b, const struct stl_minute *m,
			       const char *key, const char *kind)
{
	struct stl_strbuf insts = STL_STRBUF_INIT, names = STL_STRBUF_INIT;
	stl_doc_t *doc = b->doc;
	stl_status_t ret;
	char date[9] = "", year[5] = "";
	size_t i;

	if (m->date[0]) {
		memcpy(date, m->date, 4);
		memcpy(date + 4, m->date + 5, 2);
		memcpy(date + 6, m->date + 8, 2);
		date[8] = '\0';
		memcpy(year, m->date, 4);
		year[4] = '\0';
	}
	ret = add_bool(doc, STL_TERM_FILE, key);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(doc, STL_TERM_KIND, kind);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(doc, STL_TERM_YEAR, year);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(doc, STL_SLOT_DATE, date);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(doc, STL_SLOT_YEAR, year);
	for (i = 0; i < m->nattendees && ret == STL_STATUS_SUCCESS; i++) {
		const struct stl_attendee *a = &m->attendees[i];

		ret = add_bool(doc, STL_TERM_INSTITUTION, a->institution_id);
		if (ret == STL_STATUS_SUCCESS)
			ret = add_bool(doc, STL_TERM_ATTENDEE, a->person_id);
		if (a->institution && !has_line(insts.buf, a->institution)) {
			if (insts.len)
				stl_strbuf_addch(&insts, '\n');
			stl_strbuf_addstr(&insts, a->institution);
		}
		if (a->name) {
			if (names.len)
				stl_strbuf_addch(&names, '\n');
			stl_strbuf_addstr(&names, a->name);
		}
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

/* asistente:, institucion:, lugar:, evento: words every document carries. */
static stl_status_t add_meeting_fields(struct docbuild *b,
				       const struct stl_minute *m)
{
	uint32_t pa = 1, pi = 1, pl = 1, pe = 1;
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < m->nattendees && ret == STL_STATUS_SUCCESS; i++) {
		const struct stl_attendee *a = &m->attendees[i];
		const struct stl_institution *in = NULL;

		ret = index_str(b, STL_PREFIX_ATTENDEE, a->name, &pa);
		if (ret != STL_STATUS_SUCCESS || !a->institution)
			continue;
		ret = index_str(b, STL_PREFIX_INSTITUTION, a->institution, &pi);
		if (b->inst)
			in = stl_institutions_lookup(b->inst, a->institution,
						     strlen(a->institution));
		if (ret == STL_STATUS_SUCCESS && in)
			ret = index_str(b, STL_PREFIX_INSTITUTION,
					in->full_name, &pi);
	}
	if (ret == STL_STATUS_SUCCESS)
		ret = index_str(b, STL_PREFIX_PLACE, m->city, &pl);
	if (ret == STL_STATUS_SUCCESS)
		ret = index_str(b, STL_PREFIX_PLACE, m->medium, &pl);
	if (ret == STL_STATUS_SUCCESS)
		ret = index_str(b, STL_PREFIX_EVENT, m->event, &pe);
	if (ret == STL_STATUS_SUCCESS)
		ret = index_str(b, STL_PREFIX_EVENT, m->title, &pe);
	return ret;
}

/* A person id: the folded name. */
static stl_status_t add_person(struct docbuild *b, const char *name,
			       uint32_t *pos)
{
	struct stl_strbuf id = STL_STRBUF_INIT;
	stl_status_t ret;

	ret = index_str(b, STL_PREFIX_PERSON, name, pos);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_text_fold(name, strlen(name), &id);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(b->doc, STL_TERM_PERSON, id.buf);
	stl_strbuf_release(&id);
	return ret;
}

/* ---- the two kinds of document ------------------------------------------------- */

static stl_status_t build_minute_doc(struct docbuild *b,
				     const struct stl_minute *m,
				     const char *path, const char *key,
				     const char *file_state)
{
	uint32_t pp = 1, pt = 1, pc = 1;
	stl_status_t ret;
	size_t i, k, len;
	char *data;

	ret = index_full_text(b, m->text, m->text_len);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_common(b, m, key, STL_KIND_MINUTE);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_meeting_fields(b, m);
	for (i = 0; i < m->nattendees && ret == STL_STATUS_SUCCESS; i++)
		if (m->attendees[i].name)
			ret = add_person(b, m->attendees[i].name, &pp);
	for (i = 0; i < m->nagreements && ret == STL_STATUS_SUCCESS; i++)
		for (k = 0; k < m->agreements[i].npersons &&
			    ret == STL_STATUS_SUCCESS; k++)
			ret = add_person(b, m->agreements[i].persons[k], &pp);
	for (i = 0; i < m->ntopics && ret == STL_STATUS_SUCCESS; i++)
		ret = index_str(b, STL_PREFIX_TOPIC, m->topics[i], &pt);
	for (i = 0; i < m->nagreements && ret == STL_STATUS_SUCCESS; i++)
		ret = index_str(b, STL_PREFIX_AGREEMENT, m->agreements[i].text,
				&pc);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(b->doc, STL_SLOT_PATH, path);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(b->doc, STL_SLOT_FILE_STATE, file_state);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	data = stl_minute_to_json(m, path, &len);
	if (!data)
		return STL_STATUS_OUT_OF_MEMORY;
	ret = stl_doc_set_data(b->doc, data, len);
	free(data);
	return ret;
}

/* Through the record's writer: a path need not be UTF-8. */
static json_t *json_str_or_null(const char *s)
{
	return stl_record_string(s);
}

/*
 * The record of an agreement: what the searcher prints for it, without
 * going back to the minute.
 */
static char *agreement_json(const struct stl_minute *m,
			    const struct stl_agreement *a, const char *path,
			    size_t *len)
{
	json_t *o = json_object(), *persons = json_array();
	char *s = NULL;
	size_t k;

	if (!o || !persons)
		goto out;
	for (k = 0; k < a->npersons; k++)
		json_array_append_new(persons, json_string(a->persons[k]));
	if (json_object_set_new(o, "v", json_integer(1)) ||
	    json_object_set_new(o, "kind", json_string(STL_KIND_AGREEMENT)) ||
	    json_object_set_new(o, "path", json_str_or_null(path)) ||
	    json_object_set_new(o, "date", json_str_or_null(m->date)) ||
	    json_object_set_new(o, "time", json_str_or_null(m->time)) ||
	    json_object_set_new(o, "event", json_str_or_null(m->event)) ||
	    json_object_set_new(o, "number", json_integer(a->number)) ||
	    json_object_set_new(o, "text", json_str_or_null(a->text)) ||
	    json_object_set(o, "persons", persons) ||
	    json_object_set_new(o, "deadline", json_str_or_null(a->deadline)))
		goto out;
	s = json_dumps(o, JSON_COMPACT);
	if (s && len)
		*len = strlen(s);
out:
	json_decref(persons);
	json_decref(o);
	return s;
}

static stl_status_t build_agreement_doc(struct docbuild *b,
					const struct stl_minute *m,
					const struct stl_agreement *a,
					const char *path, const char *key)
{
	uint32_t pp = 1, pc = 1;
	stl_status_t ret;
	size_t k, len;
	char *data;

	ret = index_full_text(b, a->text, a->text ? strlen(a->text) : 0);
	if (ret == STL_STATUS_SUCCESS)
		ret = index_str(b, STL_PREFIX_AGREEMENT, a->text, &pc);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_common(b, m, key, STL_KIND_AGREEMENT);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_meeting_fields(b, m);
	for (k = 0; k < a->npersons && ret == STL_STATUS_SUCCESS; k++)
		ret = add_person(b, a->persons[k], &pp);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	data = agreement_json(m, a, path, &len);
	if (!data)
		return STL_STATUS_OUT_OF_MEMORY;
	ret = stl_doc_set_data(b->doc, data, len);
	free(data);
	return ret;
}

stl_status_t docbuild_minute(struct docbuild *b, const struct stl_minute *m,
			     const char *path, const char *key,
			     const char *file_state, docbuild_emit_fn emit,
			     void *ctx)
{
	char id[STL_XAPIAN_TERM_MAX + 1];
	stl_status_t ret;
	size_t i;

	stl_doc_clear(b->doc);
	snprintf(id, sizeof(id), "%sm%s", STL_TERM_ID, key);
	ret = stl_doc_add_boolean_term(b->doc, id, strlen(id));
	if (ret == STL_STATUS_SUCCESS)
		ret = build_minute_doc(b, m, path, key, file_state);
	if (ret == STL_STATUS_SUCCESS)
		ret = emit(ctx, id, b->doc);
	for (i = 0; i < m->nagreements && ret == STL_STATUS_SUCCESS; i++) {
		const struct stl_agreement *a = &m->agreements[i];

		stl_doc_clear(b->doc);
		snprintf(id, sizeof(id), "%sa%s.%u", STL_TERM_ID, key,
			 a->number);
		ret = stl_doc_add_boolean_term(b->doc, id, strlen(id));
		if (ret == STL_STATUS_SUCCESS)
			ret = build_agreement_doc(b, m, a, path, key);
		if (ret == STL_STATUS_SUCCESS)
			ret = emit(ctx, id, b->doc);
	}
	return ret;
}

/* ---- dictionary and synonyms ---------------------------------------------------- */

stl_status_t docbuild_flush_spelling(struct docbuild *b, stl_writer_t *w)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < b->words.cap && ret == STL_STATUS_SUCCESS; i++)
		if (b->words.keys[i])
			ret = stl_writer_add_spelling(w, b->words.keys[i],
						      b->words.counts[i]);
	wordcount_clear(&b->words);
	return ret;
}

stl_status_t docbuild_write_synonyms(struct docbuild *b, stl_writer_t *w)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < b->nnames && ret == STL_STATUS_SUCCESS; i++) {
		ret = stl_writer_clear_synonyms(w, b->names[i].terms);
		if (ret == STL_STATUS_SUCCESS)
			ret = stl_writer_add_synonym(w, b->names[i].terms,
						     b->names[i].id);
	}
	return ret;
}
