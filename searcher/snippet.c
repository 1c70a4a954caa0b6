/*
 * snippet.c - best sentence with highlights; see snippet.h.
 */
#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stl/strbuf.h"
#include "stl/text.h"

/* ---- the words to match ------------------------------------------------------- */

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool in_sorted(char **v, size_t n, const char *s)
{
	return n && bsearch(&s, v, n, sizeof(*v), str_cmp);
}

static bool push(char ***v, size_t *n, const char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return false;
	*v = nv;
	nv[*n] = strdup(s);
	if (!nv[*n])
		return false;
	(*n)++;
	return true;
}

/*
 * Index terms are lowercase; prefixes are uppercase ASCII. "Z" marks a
 * stem; a prefix of one other letter is a boolean filter (kind, year,
 * ids), never a word of the text.
 */
static bool add_term(struct snippet_terms *st, const char *t)
{
	bool stem = false;
	size_t k = 0;

	if (t[0] == 'Z') {
		stem = true;
		k = 1;
	}
	if (t[k] >= 'A' && t[k] <= 'Z') {
		if (t[k] != 'X')
			return true;
		while (t[k] >= 'A' && t[k] <= 'Z')
			k++;
	}
	if (!t[k])
		return true;
	return stem ? push(&st->stems, &st->nstems, t + k)
		    : push(&st->exact, &st->nexact, t + k);
}

stl_status_t snippet_terms_init(struct snippet_terms *st, char *const *terms,
				size_t nterms, char *const *wild, size_t nwild)
{
	size_t i;

	memset(st, 0, sizeof(*st));
	st->wild = wild;
	st->nwild = nwild;
	for (i = 0; i < nterms; i++) {
		if (!add_term(st, terms[i])) {
			snippet_terms_release(st);
			return STL_STATUS_OUT_OF_MEMORY;
		}
	}
	if (st->nexact)
		qsort(st->exact, st->nexact, sizeof(char *), str_cmp);
	if (st->nstems)
		qsort(st->stems, st->nstems, sizeof(char *), str_cmp);
	return STL_STATUS_SUCCESS;
}

void snippet_terms_release(struct snippet_terms *st)
{
	while (st->nexact)
		free(st->exact[--st->nexact]);
	while (st->nstems)
		free(st->stems[--st->nstems]);
	free(st->exact);
	free(st->stems);
	memset(st, 0, sizeof(*st));
}

static bool term_matches(const struct snippet_terms *st, const char *term,
			 size_t len)
{
	char stem[STL_TERM_MAX + 1];
	size_t i;

	if (in_sorted(st->exact, st->nexact, term))
		return true;
	if (st->nstems) {
		stl_stem(term, len, stem);
		if (in_sorted(st->stems, st->nstems, stem))
			return true;
	}
	for (i = 0; i < st->nwild; i++)
		if (!strncmp(term, st->wild[i], strlen(st->wild[i])))
			return true;
	return false;
}

/* ---- matched words in the text ---------------------------------------------------- */

struct hit {
	size_t start, end;
	uint32_t pos;
};

struct hits {
	const struct snippet_terms *st;
	struct hit *v;
	size_t n, alloc;
	bool oom;
};

static int collect(const stl_token_t *tok, void *ctx)
{
	struct hits *h = ctx;

	if (!term_matches(h->st, tok->term, tok->len))
		return 0;
	/* A compound and its last part cover the same word: keep one. */
	if (h->n && h->v[h->n - 1].end > tok->start) {
		if (tok->start < h->v[h->n - 1].start)
			h->v[h->n - 1].start = tok->start;
		return 0;
	}
	if (h->n == h->alloc) {
		size_t alloc = h->alloc ? h->alloc * 2 : 32;
		struct hit *v = realloc(h->v, alloc * sizeof(*v));

		if (!v) {
			h->oom = true;
			return 1;
		}
		h->v = v;
		h->alloc = alloc;
	}
	h->v[h->n++] = (struct hit){ tok->start, tok->end, tok->pos };
	return 0;
}

/* ---- choosing the sentence --------------------------------------------------------------- */

static bool is_lower_start(const char *s, size_t len, size_t i)
{
	unsigned char c;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	if (i >= len)
		return false;
	c = (unsigned char)s[i];
	/* ASCII lowercase, or a UTF-8 lowercase accented Latin letter. */
	return (c >= 'a' && c <= 'z') ||
	       (c == 0xc3 && i + 1 < len && (unsigned char)s[i + 1] >= 0xa0);
}

/*
 * A '.' ends a sentence after a lowercase word or a number inside the
 * line; not after "A.C." or the "I." and "1." that number items.
 */
static bool period_ends(const char *s, size_t i)
{
	size_t k = i;

	if (!k)
		return false;
	if (s[k - 1] >= 'a' && s[k - 1] <= 'z')
		return true;
	if ((unsigned char)s[k - 1] >= 0x80 || s[k - 1] == ')' ||
	    s[k - 1] == '"')
		return true;
	if (s[k - 1] < '0' || s[k - 1] > '9')
		return false;
	while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
		k--;
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	return k > 0 && s[k - 1] != '\n';
}

/*
 * Where the sentence starting at @i ends. Minutes are typed with hard line
 * breaks, so a line break ends a sentence only when the next line does not
 * carry on in lowercase ("hoja de\nruta").
 */
static size_t sentence_end(const char *s, size_t len, size_t i)
{
	for (; i < len; i++) {
		bool space_after = i + 1 == len || s[i + 1] == ' ' ||
				   s[i + 1] == '\t' || s[i + 1] == '\n' ||
				   s[i + 1] == '\r';

		if (s[i] == '\n' && !is_lower_start(s, len, i + 1))
			return i;
		if (s[i] == ';' && space_after)
			return i + 1;
		if (s[i] == '.' && space_after && period_ends(s, i))
			return i + 1;
	}
	return len;
}

/* The sentence with the most matches; the first when equal. */
static void best_sentence(const char *s, size_t len, const struct hits *h,
			  size_t *bs, size_t *be)
{
	size_t i = 0, k = 0, best = 0, start, end, count;

	*bs = 0;
	*be = 0;
	while (i < len) {
		start = i;
		end = sentence_end(s, len, i);
		count = 0;
		while (k < h->n && h->v[k].start < end) {
			if (h->v[k].start >= start)
				count++;
			k++;
		}
		if (count > best) {
			best = count;
			*bs = start;
			*be = end;
		}
		i = end + 1;
	}
}

/* Without a match: the first line that says something. */
static void first_sentence(const char *s, size_t len, size_t *bs, size_t *be)
{
	size_t i = 0, end;

	while (i < len) {
		end = sentence_end(s, len, i);
		while (i < end && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (end - i > 3 && strncmp(s + i, "[image:", 7)) {
			*bs = i;
			*be = end;
			return;
		}
		i = end + 1;
	}
	*bs = 0;
	*be = len;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Narrow [*bs, *be) to about @max bytes around the first match in it. */
static void narrow(const char *s, const struct hits *h, size_t max,
		   size_t *bs, size_t *be)
{
	size_t center = *bs, k, from, to;

	if (*be - *bs <= max)
		return;
	for (k = 0; k < h->n; k++)
		if (h->v[k].start >= *bs && h->v[k].start < *be) {
			center = h->v[k].start;
			break;
		}
	from = center > *bs + max / 3 ? center - max / 3 : *bs;
	to = from + max < *be ? from + max : *be;
	/* Cut at spaces so no word (nor UTF-8 sequence) is split. */
	while (from > *bs && !is_space(s[from - 1]))
		from--;
	while (to < *be && !is_space(s[to]))
		to++;
	*bs = from;
	*be = to;
}

/* Copy [from, to) collapsing whitespace runs into one space. */
static void add_text(struct stl_strbuf *out, const char *s, size_t from,
		     size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (is_space(s[i])) {
			if (out->len && out->buf[out->len - 1] != ' ')
				stl_strbuf_addch(out, ' ');
			continue;
		}
		stl_strbuf_addch(out, s[i]);
	}
}

char *snippet_make(const char *text, size_t len,
		   const struct snippet_terms *st, size_t max,
		   const char *on, const char *off, bool *matched)
{
	struct stl_strbuf out = STL_STRBUF_INIT;
	struct hits h = { .st = st };
	size_t bs, be, ss, se, k, at;
	uint32_t pos = 1;

	if (stl_text_analyze(text, len, 0, &pos, collect, &h) !=
		    STL_STATUS_SUCCESS || h.oom) {
		free(h.v);
		return NULL;
	}
	*matched = h.n > 0;
	if (h.n)
		best_sentence(text, len, &h, &bs, &be);
	else
		first_sentence(text, len, &bs, &be);
	ss = bs;
	se = be;
	narrow(text, &h, max, &bs, &be);
	if (bs > ss)
		stl_strbuf_addstr(&out, "… ");
	while (bs < be && is_space(text[bs]))
		bs++;
	at = bs;
	for (k = 0; k < h.n; k++) {
		if (h.v[k].start < bs || h.v[k].end > be)
			continue;
		add_text(&out, text, at, h.v[k].start);
		stl_strbuf_addstr(&out, on);
		add_text(&out, text, h.v[k].start, h.v[k].end);
		stl_strbuf_addstr(&out, off);
		at = h.v[k].end;
	}
	add_text(&out, text, at, be);
	stl_strbuf_trim(&out);
	if (be < se)
		stl_strbuf_addstr(&out, " …");
	free(h.v);
	return stl_strbuf_detach(&out, NULL);
}
