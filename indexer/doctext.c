/*
 * doctext.c - a text's words kept with field labels; see doctext.h.
 */
#include "doctext.h"

#include <stdlib.h>
#include <string.h>

#include "stl/text.h"

void doctext_init(struct doctext *t)
{
	memset(t, 0, sizeof(*t));
	stl_strbuf_init(&t->arena, 0);
	stl_strbuf_init(&t->scratch, 0);
}

void doctext_release(struct doctext *t)
{
	stl_strbuf_release(&t->arena);
	stl_strbuf_release(&t->scratch);
	free(t->words.v);
	free(t->extras.v);
	memset(t, 0, sizeof(*t));
}

static bool words_push(struct dt_words *l, const struct dt_word *w)
{
	if (l->n == l->alloc) {
		size_t alloc = l->alloc ? l->alloc * 2 : 1024;
		struct dt_word *v = realloc(l->v, alloc * sizeof(*v));

		if (!v)
			return false;
		l->v = v;
		l->alloc = alloc;
	}
	l->v[l->n++] = *w;
	return true;
}

static int keep_token(const stl_token_t *tok, void *ctx)
{
	struct doctext *t = ctx;
	struct dt_word w = { (uint32_t)t->arena.len, tok->pos,
			     (uint8_t)tok->len, STL_FIELD_TEXT,
			     (uint8_t)tok->flags };

	stl_strbuf_add(&t->arena, tok->term, tok->len + 1);
	if (stl_strbuf_failed(&t->arena))
		return 1;
	return !words_push(tok->flags & STL_TOKEN_EXTRA ? &t->extras
							: &t->words, &w);
}

stl_status_t doctext_keep(struct doctext *t, const char *text, size_t len)
{
	uint32_t pos = 1;
	stl_status_t ret;

	t->words.n = 0;
	t->extras.n = 0;
	t->cursor = 0;
	stl_strbuf_reset(&t->arena);
	ret = stl_text_analyze(text, len, 0, &pos, keep_token, t);
	if (ret == STL_STATUS_SUCCESS && (stl_strbuf_failed(&t->arena) ||
					  t->arena.len > UINT32_MAX))
		ret = STL_STATUS_OUT_OF_MEMORY;
	t->next_pos = pos + STL_POSITION_GAP;
	return ret;
}

/* True if the unlabelled words at @i spell the @n terms of @terms. */
static bool run_at(const struct doctext *t, size_t i, const char *terms,
		   size_t n)
{
	size_t j;

	for (j = 0; j < n; j++) {
		const struct dt_word *w = &t->words.v[i + j];

		if (w->field != STL_FIELD_TEXT ||
		    strncmp(terms, doctext_term(t, w), w->len) ||
		    (terms[w->len] != ' ' && terms[w->len]))
			return false;
		terms += w->len + 1;
	}
	return true;
}

static size_t find_run(const struct doctext *t, size_t from,
		       const char *terms, size_t n)
{
	size_t i;

	for (i = from; i + n <= t->words.n; i++)
		if (run_at(t, i, terms, n))
			return i;
	return SIZE_MAX;
}

bool doctext_label(struct doctext *t, const char *value,
		   enum stl_field_id field)
{
	struct stl_strbuf *sb = &t->scratch;
	size_t n = 0, i, k;

	if (!value || !*value)
		return true;
	stl_strbuf_reset(sb);
	if (stl_text_terms(value, strlen(value), STL_ANALYZE_QUERY, ' ', sb,
			   &n) || stl_strbuf_failed(sb))
		return false;
	if (!n)
		return true;
	i = find_run(t, t->cursor, sb->buf, n);
	if (i == SIZE_MAX)
		i = find_run(t, 0, sb->buf, n);
	if (i == SIZE_MAX)
		return false;
	for (k = i; k < i + n; k++)
		t->words.v[k].field = (uint8_t)field;
	t->cursor = i + n;
	return true;
}

void doctext_label_all(struct doctext *t, enum stl_field_id field)
{
	size_t k;

	for (k = 0; k < t->words.n; k++)
		t->words.v[k].field = (uint8_t)field;
}

void doctext_label_extras(struct doctext *t)
{
	size_t i, lo, hi;

	for (i = 0; i < t->extras.n; i++) {
		struct dt_word *x = &t->extras.v[i];

		lo = 0;
		hi = t->words.n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (t->words.v[mid].pos < x->pos)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < t->words.n && t->words.v[lo].pos == x->pos)
			x->field = t->words.v[lo].field;
	}
}
