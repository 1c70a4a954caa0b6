/*
 * snippet.c - best sentence with highlights; see snippet.h.
 */
#include "stl/snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stl/schema.h"
#include "stl/strbuf.h"
#include "stl/text.h"

/* ---- the words to match ------------------------------------------------------- */

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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

/* The word of an index term, as a stem or an exact word; boolean terms
 * (kind, year, ids) are never words of the text. */
static bool add_term(struct snippet_terms *st, const char *t)
{
	struct stl_term_parts tp;

	if (!stl_schema_split_term(t, strlen(t), &tp) || !tp.word_len)
		return true;
	return tp.stem ? push(&st->stems, &st->nstems, tp.word)
		       : push(&st->exact, &st->nexact, tp.word);
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
	for (i = 0; i < st->nstems; i++)
		st->stem_first[(unsigned char)st->stems[i][0]] = 1;
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

/*
 * Which of the query's words @term is (exact terms first, then stems, then
 * wildcards), or -1. Sentences are ranked by how many different words they
 * hold.
 */
static int term_id(const struct snippet_terms *st, const char *term,
		   size_t len)
{
	char stem[STL_TERM_MAX + 1], **found;
	size_t i;

	found = st->nexact ? bsearch(&term, st->exact, st->nexact,
				     sizeof(char *), str_cmp) : NULL;
	if (found)
		return (int)(found - st->exact);
	/* A stem keeps its word's first letter (suffixes only are cut:
	 * test_stem checks it), so most words need no stemming here. */
	if (st->nstems && st->stem_first[(unsigned char)term[0]]) {
		const char *key = stem;

		stl_stem(term, len, stem);
		found = bsearch(&key, st->stems, st->nstems, sizeof(char *),
				str_cmp);
		if (found)
			return (int)(st->nexact + (size_t)(found - st->stems));
	}
	for (i = 0; i < st->nwild; i++)
		if (!strncmp(term, st->wild[i], strlen(st->wild[i])))
			return (int)(st->nexact + st->nstems + i);
	return -1;
}

/* ---- matched words in the text ---------------------------------------------------- */

struct hit {
	size_t start, end;
	unsigned id;		/* which query word, see term_id() */
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
	int id = term_id(h->st, tok->term, tok->len);

	if (id < 0)
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
	h->v[h->n++] = (struct hit){ tok->start, tok->end, (unsigned)id };
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

/* A sentence with matches: where it is and which query words it holds. */
struct span {
	size_t start, end;
	uint64_t words;		/* bit (id % 64) per query word */
	size_t count;
};

static unsigned popcount64(uint64_t v)
{
	unsigned n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/* The sentences that hold matches, in text order (@out has h->n room). */
static size_t match_spans(const char *s, size_t len, const struct hits *h,
			  struct span *out)
{
	size_t i = 0, k = 0, n = 0, end;

	while (i < len && k < h->n) {
		end = sentence_end(s, len, i);
		if (h->v[k].start < end) {
			out[n] = (struct span){ i, end, 0, 0 };
			for (; k < h->n && h->v[k].start < end; k++) {
				out[n].words |= UINT64_C(1) << (h->v[k].id % 64);
				out[n].count++;
			}
			n++;
		}
		i = end + 1;
	}
	return n;
}

/*
 * The sentence holding most different query words (then most matches,
 * then the first), and a second one when it adds words the first lacks:
 * "lilibeth compromiso" shows where each is said.
 */
static size_t choose_spans(const struct span *v, size_t n, size_t pick[2])
{
	size_t i, best = 0, second = n;
	unsigned gain = 0, g;

	for (i = 1; i < n; i++) {
		unsigned a = popcount64(v[i].words);
		unsigned b = popcount64(v[best].words);

		if (a > b || (a == b && v[i].count > v[best].count))
			best = i;
	}
	for (i = 0; i < n; i++) {
		g = popcount64(v[i].words & ~v[best].words);
		if (g > gain) {
			gain = g;
			second = i;
		}
	}
	if (second == n) {
		pick[0] = best;
		return 1;
	}
	pick[0] = best < second ? best : second;
	pick[1] = best < second ? second : best;
	return 2;
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

/* Append [bs, be) of @text, narrowed to @max, with highlights. */
static void add_sentence(struct stl_strbuf *out, const char *text,
			 const struct hits *h, size_t bs, size_t be,
			 size_t max, const char *on, const char *off)
{
	size_t ss = bs, se = be, k, at;

	narrow(text, h, max, &bs, &be);
	if (bs > ss)
		stl_strbuf_addstr(out, "… ");
	while (bs < be && is_space(text[bs]))
		bs++;
	at = bs;
	for (k = 0; k < h->n; k++) {
		if (h->v[k].start < bs || h->v[k].end > be)
			continue;
		add_text(out, text, at, h->v[k].start);
		stl_strbuf_addstr(out, on);
		add_text(out, text, h->v[k].start, h->v[k].end);
		stl_strbuf_addstr(out, off);
		at = h->v[k].end;
	}
	add_text(out, text, at, be);
	while (out->len && out->buf[out->len - 1] == ' ')
		stl_strbuf_setlen(out, out->len - 1);
	if (be < se)
		stl_strbuf_addstr(out, " …");
}

/* Where @p, said loosely (see snippet_blank()) at @t[@i], ends; 0 if it
 * is not said there. */
static size_t loose_end(const char *t, size_t len, size_t i, const char *p)
{
	while (*p) {
		if (is_space(*p)) {
			if (i >= len || !is_space(t[i]))
				return 0;
			while (is_space(*p))
				p++;
			while (i < len && is_space(t[i]))
				i++;
			continue;
		}
		if (i >= len || t[i] != *p)
			return 0;
		i++;
		p++;
	}
	return i;
}

bool snippet_blank(char *text, size_t len, const char *passage)
{
	size_t i, end;

	while (is_space(*passage))
		passage++;
	if (!*passage)
		return false;
	for (i = 0; i < len; i++) {
		if (text[i] != *passage)
			continue;
		end = loose_end(text, len, i, passage);
		if (end) {
			memset(text + i, ' ', end - i);
			return true;
		}
	}
	return false;
}

char *snippet_make(const char *text, size_t len,
		   const struct snippet_terms *st, size_t max,
		   const char *on, const char *off, bool *matched)
{
	struct stl_strbuf out = STL_STRBUF_INIT;
	struct hits h = { .st = st };
	struct span *spans = NULL;
	size_t bs, be, pick[2], npick, i;
	uint32_t pos = 1;

	if (stl_text_analyze(text, len, 0, &pos, collect, &h) !=
		    STL_STATUS_SUCCESS || h.oom)
		goto fail;
	*matched = h.n > 0;
	if (!h.n) {
		first_sentence(text, len, &bs, &be);
		add_sentence(&out, text, &h, bs, be, max, on, off);
		goto out;
	}
	spans = malloc(h.n * sizeof(*spans));
	if (!spans)
		goto fail;
	npick = choose_spans(spans, match_spans(text, len, &h, spans), pick);
	for (i = 0; i < npick; i++) {
		if (i)
			stl_strbuf_addstr(&out, " … ");
		add_sentence(&out, text, &h, spans[pick[i]].start,
			     spans[pick[i]].end, max / npick, on, off);
	}
out:
	free(spans);
	free(h.v);
	return stl_strbuf_detach(&out, NULL);
fail:
	free(spans);
	free(h.v);
	stl_strbuf_release(&out);
	return NULL;
}
