/*
 * docbuild.c - a parsed minute becomes Xapian documents; see docbuild.h
 * and the layout in include/stl/schema.h.
 */
#include "docbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "stl/record.h"
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

/*
 * The fields a word of a minute's text can belong to. Each word is indexed
 * once, under the prefix of the field that owns it (schema.h).
 */
enum label {
	L_TEXT, L_ATTENDEE, L_INSTITUTION, L_TOPIC, L_AGREEMENT, L_PLACE,
	L_EVENT, NLABELS
};

static const char *const label_prefix[NLABELS] = {
	STL_PREFIX_TEXT, STL_PREFIX_ATTENDEE, STL_PREFIX_INSTITUTION,
	STL_PREFIX_TOPIC, STL_PREFIX_AGREEMENT, STL_PREFIX_PLACE,
	STL_PREFIX_EVENT,
};

/* A word of the text, kept until the fields are known. */
struct ktok {
	uint32_t off;		/* of the term in the arena */
	uint32_t pos;
	uint8_t len;
	uint8_t label;		/* enum label */
	uint8_t flags;		/* enum stl_token_flag */
};

struct toklist {
	struct ktok *v;
	size_t n, alloc;
};

/* Word -> stem, so each distinct word is stemmed once per run. */
struct stemcache {
	char (*words)[STL_TERM_MAX + 1];
	char (*stems)[STL_TERM_MAX + 1];
	uint8_t *slen;
	size_t cap;		/* power of two; direct-mapped */
};

struct docbuild {
	const struct stl_institutions *inst;
	struct inst_name *names;	/* sorted by terms */
	size_t nnames;
	stl_doc_t *doc;
	/* Terms of the text being indexed, in the arena. */
	struct stl_strbuf arena;
	struct toklist toks;	/* words, in text order */
	struct toklist extras;	/* STL_TOKEN_EXTRA compounds */
	size_t cursor;		/* where the next field is looked for */
	uint32_t next_pos;	/* first position after the text */
	struct stl_strbuf persons;	/* person ids done, '\n'-separated */
	struct stemcache stems;
	struct wordcount words;
	bool agreement_doc;	/* building an agreement's own document */
};

/* An agreement document's words are not under its minute's prefixes. */
static const char *prefix_of(const struct docbuild *b, unsigned label)
{
	if (b->agreement_doc && label == L_AGREEMENT)
		return STL_PREFIX_AGREEMENT_DOC;
	return label_prefix[label];
}

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

static stl_status_t add_inst_name(struct docbuild *b, const char *name,
				  const char *id)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	struct inst_name *v;
	stl_status_t ret;
	size_t n = 0;

	if (!name || !*name || strchr(id, ' '))
		return STL_STATUS_SUCCESS;
	ret = stl_text_terms(name, strlen(name), STL_ANALYZE_QUERY, ' ', &sb,
			     &n);
	if (ret != STL_STATUS_SUCCESS)
		goto out;
	/* A one-word name that is the id itself adds nothing. */
	if (!n || (n == 1 && !strcmp(sb.buf, id)))
		goto out;
	v = realloc(b->names, (b->nnames + 1) * sizeof(*v));
	if (!v || stl_strbuf_failed(&sb)) {
		if (v)
			b->names = v;
		ret = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	b->names = v;
	v[b->nnames].first_len = strcspn(sb.buf, " ");
	v[b->nnames].terms = stl_strbuf_detach(&sb, NULL);
	if (!v[b->nnames].terms) {
		ret = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	v[b->nnames].nterms = n;
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

/* ---- the stem cache ---------------------------------------------------------- */

/* 64k entries: the vocabulary of minutes fits, and a miss only costs a
 * stem (profiling showed stemming at about half the analysis time). */
#define STEMCACHE_SIZE (1u << 16)

static bool stemcache_init(struct stemcache *c)
{
	c->cap = STEMCACHE_SIZE;
	c->words = calloc(c->cap, sizeof(*c->words));
	c->stems = calloc(c->cap, sizeof(*c->stems));
	c->slen = calloc(c->cap, sizeof(*c->slen));
	return c->words && c->stems && c->slen;
}

static void stemcache_release(struct stemcache *c)
{
	free(c->words);
	free(c->stems);
	free(c->slen);
}

/* stl_stem() through the cache; @out has room for STL_TERM_MAX + 1. */
static size_t stem_cached(struct stemcache *c, const char *term, size_t len,
			  char *out)
{
	size_t i = XXH3_64bits(term, len) & (c->cap - 1), slen;

	if (!strncmp(c->words[i], term, len) && !c->words[i][len]) {
		memcpy(out, c->stems[i], c->slen[i] + 1u);
		return c->slen[i];
	}
	slen = stl_stem(term, len, out);
	memcpy(c->words[i], term, len);
	c->words[i][len] = '\0';
	memcpy(c->stems[i], out, slen + 1);
	c->slen[i] = (uint8_t)slen;
	return slen;
}

struct docbuild *docbuild_new(const struct stl_institutions *inst)
{
	struct docbuild *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->inst = inst;
	stl_strbuf_init(&b->arena, 0);
	stl_strbuf_init(&b->persons, 0);
	b->doc = stl_doc_new();
	if (!b->doc || !stemcache_init(&b->stems) ||
	    load_inst_names(b) != STL_STATUS_SUCCESS) {
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
	stl_strbuf_release(&b->persons);
	free(b->toks.v);
	free(b->extras.v);
	stemcache_release(&b->stems);
	wordcount_clear(&b->words);
	free(b->words.keys);
	free(b->words.counts);
	free(b);
}

/* ---- indexing terms ----------------------------------------------------------- */

/*
 * Free text looks a word's stem up as "Z" + stem alone (schema.h), so a
 * minute has it for the words of every field free text covers, not for
 * the names of persona: (XP) or an agreement document's words.
 */
static bool in_union(const struct docbuild *b, const char *prefix)
{
	return !b->agreement_doc && *prefix &&
	       strcmp(prefix, STL_PREFIX_PERSON) != 0;
}

/*
 * @term under @prefix at @pos, and "Z" + prefix + stem (ranking by stem,
 * without positions), as the query parser looks them up; in a minute's
 * fields, "Z" + stem too.
 */
static stl_status_t add_word(struct docbuild *b, const char *prefix,
			     const char *term, size_t len, uint32_t pos)
{
	char buf[TERM_BUF], stem[STL_TERM_MAX + 1];
	size_t plen = strlen(prefix), slen;
	stl_status_t ret;

	memcpy(buf, prefix, plen);
	memcpy(buf + plen, term, len);
	ret = stl_doc_add_posting(b->doc, buf, plen + len, pos);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	slen = stem_cached(&b->stems, term, len, stem);
	buf[0] = STL_PREFIX_STEM[0];
	memcpy(buf + 1, prefix, plen);
	memcpy(buf + 1 + plen, stem, slen);
	ret = stl_doc_add_term(b->doc, buf, 1 + plen + slen);
	if (ret != STL_STATUS_SUCCESS || !in_union(b, prefix))
		return ret;
	memcpy(buf + 1, stem, slen);
	return stl_doc_add_term(b->doc, buf, 1 + slen);
}

struct field_ctx {
	struct docbuild *b;
	const char *prefix;
	stl_status_t status;
};

static int index_token(const stl_token_t *tok, void *ctx)
{
	struct field_ctx *f = ctx;

	f->status = add_word(f->b, f->prefix, tok->term, tok->len, tok->pos);
	return f->status != STL_STATUS_SUCCESS;
}

/*
 * Index @text under @prefix at *@pos onwards, then leave a gap so a phrase
 * never runs from this value into the next one of the same field. For
 * values that are not words of the indexed text.
 */
static stl_status_t index_text(struct docbuild *b, const char *prefix,
			       const char *text, size_t len, uint32_t *pos)
{
	struct field_ctx f = { b, prefix, STL_STATUS_SUCCESS };
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
	return s ? index_text(b, prefix, s, strlen(s), pos)
		 : STL_STATUS_SUCCESS;
}

/* ---- the kept text ------------------------------------------------------------- */

static bool toklist_push(struct toklist *l, const struct ktok *t)
{
	if (l->n == l->alloc) {
		size_t alloc = l->alloc ? l->alloc * 2 : 1024;
		struct ktok *v = realloc(l->v, alloc * sizeof(*v));

		if (!v)
			return false;
		l->v = v;
		l->alloc = alloc;
	}
	l->v[l->n++] = *t;
	return true;
}

static const char *ktok_term(const struct docbuild *b, const struct ktok *t)
{
	return b->arena.buf + t->off;
}

static int keep_token(const stl_token_t *tok, void *ctx)
{
	struct docbuild *b = ctx;
	struct ktok t = { (uint32_t)b->arena.len, tok->pos, (uint8_t)tok->len,
			  L_TEXT, (uint8_t)tok->flags };

	stl_strbuf_add(&b->arena, tok->term, tok->len + 1);
	if (stl_strbuf_failed(&b->arena))
		return 1;
	return !toklist_push(tok->flags & STL_TOKEN_EXTRA ? &b->extras
							   : &b->toks, &t);
}

/* Analyze @text once into b->toks and b->extras, every word unlabelled. */
static stl_status_t keep_text(struct docbuild *b, const char *text,
			      size_t len)
{
	uint32_t pos = 1;
	stl_status_t ret;

	b->toks.n = 0;
	b->extras.n = 0;
	b->cursor = 0;
	stl_strbuf_reset(&b->arena);
	ret = stl_text_analyze(text, len, 0, &pos, keep_token, b);
	if (ret == STL_STATUS_SUCCESS && (stl_strbuf_failed(&b->arena) ||
					  b->arena.len > UINT32_MAX))
		ret = STL_STATUS_OUT_OF_MEMORY;
	b->next_pos = pos + STL_POSITION_GAP;
	return ret;
}

/* The words of @value (terms separated by spaces in @sb); their number. */
static size_t value_terms(const char *value, struct stl_strbuf *sb)
{
	size_t n = 0;

	stl_strbuf_reset(sb);
	if (stl_text_terms(value, strlen(value), STL_ANALYZE_QUERY, ' ', sb,
			   &n))
		sb->oom = true;
	return n;
}

/* True if the unlabelled words at @i spell the @n terms of @terms. */
static bool run_at(const struct docbuild *b, size_t i, const char *terms,
		   size_t n)
{
	size_t j;

	for (j = 0; j < n; j++) {
		const struct ktok *t = &b->toks.v[i + j];

		if (t->label != L_TEXT || strncmp(terms, ktok_term(b, t), t->len) ||
		    (terms[t->len] != ' ' && terms[t->len]))
			return false;
		terms += t->len + 1;
	}
	return true;
}

static size_t find_run(const struct docbuild *b, size_t from,
		       const char *terms, size_t n)
{
	size_t i;

	for (i = from; i + n <= b->toks.n; i++)
		if (run_at(b, i, terms, n))
			return i;
	return SIZE_MAX;
}

/*
 * Label the words of the text that spell @value (a field the parser found,
 * as written) with @label: the first unlabelled run after the last field,
 * else anywhere. Fields come in text order, so this finds the place the
 * value was read from. Returns false if the text does not hold @value
 * word for word; the caller then indexes it apart.
 */
static bool label_value(struct docbuild *b, struct stl_strbuf *scratch,
			const char *value, enum label label)
{
	size_t n, i, k;

	if (!value || !*value)
		return true;
	n = value_terms(value, scratch);
	if (!n || stl_strbuf_failed(scratch))
		return !n && !stl_strbuf_failed(scratch);
	i = find_run(b, b->cursor, scratch->buf, n);
	if (i == SIZE_MAX)
		i = find_run(b, 0, scratch->buf, n);
	if (i == SIZE_MAX)
		return false;
	for (k = i; k < i + n; k++)
		b->toks.v[k].label = (uint8_t)label;
	b->cursor = i + n;
	return true;
}

/* A compound belongs to the field of its last part (same position). */
static void label_extras(struct docbuild *b)
{
	size_t i, lo, hi;

	for (i = 0; i < b->extras.n; i++) {
		struct ktok *x = &b->extras.v[i];

		lo = 0;
		hi = b->toks.n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (b->toks.v[mid].pos < x->pos)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < b->toks.n && b->toks.v[lo].pos == x->pos)
			x->label = b->toks.v[lo].label;
	}
}

static stl_status_t emit_list(struct docbuild *b, const struct toklist *l,
			      bool spell)
{
	stl_status_t ret;
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct ktok *t = &l->v[i];
		const char *term = ktok_term(b, t);

		ret = add_word(b, prefix_of(b, t->label), term, t->len, t->pos);
		if (ret != STL_STATUS_SUCCESS)
			return ret;
		if (spell && !(t->flags & (STL_TOKEN_NUMBER | STL_TOKEN_EXTRA)) &&
		    t->len > 2 && !wordcount_add(&b->words, term, t->len))
			return STL_STATUS_OUT_OF_MEMORY;
	}
	return STL_STATUS_SUCCESS;
}

/* ---- institution names in the text ------------------------------------------------ */

/* The name matching the kept words at @i, longest first, or NULL. */
static const struct inst_name *match_inst_name(const struct docbuild *b,
					       size_t i)
{
	const struct inst_name *best = NULL;
	const struct ktok *ft = &b->toks.v[i];
	const char *first = ktok_term(b, ft);
	size_t lo = 0, hi = b->nnames, k, flen = ft->len;

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
		if (i + nm->nterms > b->toks.n)
			continue;
		for (j = 0; j < nm->nterms; j++) {
			const struct ktok *kt = &b->toks.v[i + j];
			size_t tl = kt->len;

			if (strncmp(t, ktok_term(b, kt), tl) ||
			    (t[tl] != ' ' && t[tl]))
				break;
			t += tl + (t[tl] == ' ');
		}
		if (j == nm->nterms && (!best || nm->nterms > best->nterms))
			best = nm;
	}
	return best;
}

/*
 * Where the text names an institution ("Instituto Electoral del Estado de
 * México", "Órgano Garante"), add its id ("ieem") at the same position and
 * in the same field, so the acronym finds the full name and phrases are
 * not disturbed.
 */
static stl_status_t add_inst_terms(struct docbuild *b)
{
	size_t i = 0;

	while (i < b->toks.n) {
		const struct inst_name *nm = match_inst_name(b, i);
		const struct ktok *t = &b->toks.v[i];
		size_t len;
		stl_status_t ret;

		if (!nm) {
			i++;
			continue;
		}
		len = strlen(nm->id);
		if (len <= STL_TERM_MAX) {
			ret = add_word(b, prefix_of(b, t->label), nm->id, len,
				       t->pos);
			if (ret != STL_STATUS_SUCCESS)
				return ret;
		}
		i += nm->nterms;
	}
	return STL_STATUS_SUCCESS;
}

/* Index the kept text: every word once, under its field's prefix. */
static stl_status_t emit_text(struct docbuild *b, bool spell)
{
	stl_status_t ret;

	label_extras(b);
	ret = emit_list(b, &b->toks, spell);
	if (ret == STL_STATUS_SUCCESS)
		ret = emit_list(b, &b->extras, false);
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
	char date[9] = "", year[5] = "", month[7] = "";
	size_t i;

	if (m->date[0]) {
		memcpy(date, m->date, 4);
		memcpy(date + 4, m->date + 5, 2);
		memcpy(date + 6, m->date + 8, 2);
		date[8] = '\0';
		memcpy(year, m->date, 4);
		year[4] = '\0';
		memcpy(month, date, 6);
		month[6] = '\0';
	}
	ret = add_bool(doc, STL_TERM_FILE, key);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(doc, STL_TERM_KIND, kind);
	/* fecha: looks up whole years, months and days as terms; a value
	 * range would read the date of every document. */
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(doc, STL_TERM_YEAR, year);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(doc, STL_TERM_MONTH, month);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_bool(doc, STL_TERM_DAY, date);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(doc, STL_SLOT_DATE, date);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(doc, STL_SLOT_YEAR, year);
	for (i = 0; i < m->nattendees && ret == STL_STATUS_SUCCESS; i++) {
		const struct stl_attendee *a = &m->attendees[i];

		ret = add_bool(doc, STL_TERM_INSTITUTION, a->institution_id);
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

/*
 * The meeting's fields in the text: place and event first, then each
 * attendee's name and organization, the topics and the agreements. What
 * the text does not spell word for word is indexed after it.
 */
static stl_status_t label_fields(struct docbuild *b, const struct stl_minute *m)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_status_t ret = STL_STATUS_SUCCESS;
	uint32_t *pos = &b->next_pos;
	size_t i;

#define LABEL(value, label, prefix)                                          \
	do {                                                                 \
		if (ret == STL_STATUS_SUCCESS &&                             \
		    !label_value(b, &sb, (value), (label)))                  \
			ret = index_str(b, (prefix), (value), pos);          \
	} while (0)

	LABEL(m->city, L_PLACE, STL_PREFIX_PLACE);
	LABEL(m->title, L_EVENT, STL_PREFIX_EVENT);
	LABEL(m->event, L_EVENT, STL_PREFIX_EVENT);
	LABEL(m->medium, L_PLACE, STL_PREFIX_PLACE);
	for (i = 0; i < m->nattendees; i++) {
		const struct stl_attendee *a = &m->attendees[i];

		LABEL(a->name, L_ATTENDEE, STL_PREFIX_ATTENDEE);
		/* A table institution is found by its id (I terms); only
		 * one written as is needs its words. */
		if (ret == STL_STATUS_SUCCESS && a->institution &&
		    !label_value(b, &sb, a->institution, L_INSTITUTION) &&
		    !(b->inst && stl_institutions_lookup(b->inst, a->institution,
							 strlen(a->institution))))
			ret = index_str(b, STL_PREFIX_INSTITUTION,
					a->institution, pos);
	}
	for (i = 0; i < m->ntopics; i++)
		LABEL(m->topics[i], L_TOPIC, STL_PREFIX_TOPIC);
	for (i = 0; i < m->nagreements; i++)
		LABEL(m->agreements[i].text, L_AGREEMENT, STL_PREFIX_AGREEMENT);
#undef LABEL
	if (ret == STL_STATUS_SUCCESS && stl_strbuf_failed(&sb))
		ret = STL_STATUS_OUT_OF_MEMORY;
	stl_strbuf_release(&sb);
	return ret;
}

/*
 * A person an agreement concerns: the name as persona: text, once per
 * document. (Schema 2 also wrote the folded name as a boolean id, and
 * attendees' ids too; no search used them, and on 700,000 documents they
 * were ~8 % of a build.)
 */
static stl_status_t add_person(struct docbuild *b, const char *name,
			       uint32_t *pos)
{
	struct stl_strbuf id = STL_STRBUF_INIT;
	stl_status_t ret;

	ret = stl_text_fold(name, strlen(name), &id);
	if (ret != STL_STATUS_SUCCESS || !id.len ||
	    (b->persons.len && has_line(b->persons.buf, id.buf)))
		goto out;
	stl_strbuf_addf(&b->persons, "%s%s", b->persons.len ? "\n" : "",
			id.buf);
	ret = index_str(b, b->agreement_doc ? STL_PREFIX_PERSON_DOC
					    : STL_PREFIX_PERSON, name, pos);
out:
	stl_strbuf_release(&id);
	return ret;
}

/*
 * Attendees are persons too: their names are XA words of the text, which
 * persona: searches on a minute, so an agreement's person who attended is
 * not indexed again as XP.
 */
static stl_status_t note_attendees(struct docbuild *b,
				   const struct stl_minute *m)
{
	size_t i;

	for (i = 0; i < m->nattendees; i++) {
		const char *pid = m->attendees[i].person_id;

		if (!pid || !*pid || (b->persons.len && has_line(b->persons.buf, pid)))
			continue;
		stl_strbuf_addf(&b->persons, "%s%s", b->persons.len ? "\n" : "",
				pid);
	}
	return stl_strbuf_failed(&b->persons) ? STL_STATUS_OUT_OF_MEMORY
					      : STL_STATUS_SUCCESS;
}

/* ---- the two kinds of document ------------------------------------------------- */

static stl_status_t build_minute_doc(struct docbuild *b,
				     const struct stl_minute *m,
				     const char *path, const char *key,
				     const char *file_state)
{
	stl_status_t ret;
	size_t i, k, len;
	char *data;

	stl_strbuf_reset(&b->persons);
	ret = keep_text(b, m->text, m->text_len);
	if (ret == STL_STATUS_SUCCESS)
		ret = label_fields(b, m);
	if (ret == STL_STATUS_SUCCESS)
		ret = emit_text(b, true);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_common(b, m, key, STL_KIND_MINUTE);
	if (ret == STL_STATUS_SUCCESS)
		ret = note_attendees(b, m);
	for (i = 0; i < m->nagreements && ret == STL_STATUS_SUCCESS; i++)
		for (k = 0; k < m->agreements[i].npersons &&
			    ret == STL_STATUS_SUCCESS; k++)
			ret = add_person(b, m->agreements[i].persons[k],
					 &b->next_pos);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(b->doc, STL_SLOT_PATH, path);
	if (ret == STL_STATUS_SUCCESS)
		ret = set_value_str(b->doc, STL_SLOT_FILE_STATE, file_state);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	ret = stl_record_write_minute(m, path, &data, &len);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	ret = stl_doc_set_data(b->doc, data, len);
	free(data);
	return ret;
}

/*
 * An agreement document is light: its text (acuerdo: words, found by free
 * text too), the people it concerns, the meeting's ids and values. The
 * meeting's words stay on the minute document.
 */
static stl_status_t build_agreement_doc(struct docbuild *b,
					const struct stl_minute *m,
					const struct stl_agreement *a,
					const char *path, const char *key)
{
	uint32_t pp = 1;
	stl_status_t ret;
	size_t k, len;
	char *data;

	stl_strbuf_reset(&b->persons);
	b->agreement_doc = true;
	ret = keep_text(b, a->text, a->text ? strlen(a->text) : 0);
	for (k = 0; k < b->toks.n; k++)
		b->toks.v[k].label = L_AGREEMENT;
	if (ret == STL_STATUS_SUCCESS)
		ret = emit_text(b, false);
	if (ret == STL_STATUS_SUCCESS)
		ret = add_common(b, m, key, STL_KIND_AGREEMENT);
	for (k = 0; k < a->npersons && ret == STL_STATUS_SUCCESS; k++)
		ret = add_person(b, a->persons[k], &pp);
	b->agreement_doc = false;
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	ret = stl_record_write_agreement(m, a, path, &data, &len);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	ret = stl_doc_set_data(b->doc, data, len);
	free(data);
	/* A change to a minute's file mostly leaves its agreements as they
	 * were: an update then skips them (stl_writer_update_docid()). */
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_doc_set_checksum(b->doc, STL_SLOT_CHECKSUM);
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

		/* No unique term: an agreement is added and deleted with
		 * its file (F<key>), and one more term placed at random in
		 * the B-tree per agreement cost ~6 % of a build. */
		stl_doc_clear(b->doc);
		snprintf(id, sizeof(id), "%sa%s.%u", STL_TERM_ID, key,
			 a->number);
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
	const struct wordcount *wc = &words->wc;
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	for (i = 0; i < wc->cap && ret == STL_STATUS_SUCCESS; i++)
		if (wc->keys[i])
			ret = stl_writer_add_spelling(w, wc->keys[i],
						      wc->counts[i]);
	return ret;
}

void docbuild_words_free(struct docbuild_words *words)
{
	if (!words)
		return;
	wordcount_clear(&words->wc);
	free(words->wc.keys);
	free(words->wc.counts);
	free(words);
}

stl_doc_t *docbuild_take_doc(struct docbuild *b)
{
	stl_doc_t *doc = stl_doc_new(), *taken = b->doc;

	if (!doc)
		return NULL;
	b->doc = doc;
	return taken;
}

stl_status_t docbuild_write_synonyms(struct docbuild *b, stl_writer_t *w)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i, k;

	for (i = 0; i < b->nnames && ret == STL_STATUS_SUCCESS; i++) {
		ret = stl_writer_clear_synonyms(w, b->names[i].terms);
		/* The parser uses a synonym as the term it is: one for each
		 * field the id can be a word of. */
		for (k = 0; k <= NLABELS && ret == STL_STATUS_SUCCESS; k++) {
			char term[TERM_BUF + STL_TERM_MAX];

			snprintf(term, sizeof(term), "%s%s",
				 k < NLABELS ? label_prefix[k]
					     : STL_PREFIX_AGREEMENT_DOC,
				 b->names[i].id);
			ret = stl_writer_add_synonym(w, b->names[i].terms, term);
		}
		/* A one-word name is looked up under the field's prefix too:
		 * free text on agreements has XD alone, no "". */
		if (ret == STL_STATUS_SUCCESS && b->names[i].nterms == 1) {
			char key[TERM_BUF + STL_TERM_MAX], term[TERM_BUF + STL_TERM_MAX];

			snprintf(key, sizeof(key), "%s%s",
				 STL_PREFIX_AGREEMENT_DOC, b->names[i].terms);
			snprintf(term, sizeof(term), "%s%s",
				 STL_PREFIX_AGREEMENT_DOC, b->names[i].id);
			ret = stl_writer_clear_synonyms(w, key);
			if (ret == STL_STATUS_SUCCESS)
				ret = stl_writer_add_synonym(w, key, term);
		}
	}
	return ret;
}
