/*
 * minute_tokens.c - words of roles and agreements as the analyzer sees
 * them (stl_text_analyze(): folded, "A.C." as "ac"), and institution names
 * matched as word sequences over them.
 */
#include "minute_internal.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "stl/text.h"

struct tok_ctx {
	struct mn_tokens *t;
	const char *text;
	size_t len;
	bool oom;
};

static bool starts_upper(const char *s, size_t len)
{
	ucs4_t uc;

	if (!len)
		return false;
	u8_mbtouc(&uc, (const uint8_t *)s, len);
	return uc_is_upper(uc);
}

static int add_token(const stl_token_t *tok, void *data)
{
	struct tok_ctx *c = data;
	struct mn_tokens *t = c->t;
	struct mn_token *v;

	if (!mn_grow((void **)&t->v, &t->alloc, t->n + 1, sizeof(*t->v))) {
		c->oom = true;
		return 1;
	}
	v = &t->v[t->n];
	v->start = tok->start;
	v->end = tok->end;
	v->term = t->terms.len;
	v->flags = tok->flags;
	if (tok->start < c->len &&
	    starts_upper(c->text + tok->start, c->len - tok->start))
		v->flags |= MN_TOKEN_CAPITAL;
	stl_strbuf_add(&t->terms, tok->term, tok->len);
	stl_strbuf_addch(&t->terms, '\0');
	if (stl_strbuf_failed(&t->terms)) {
		c->oom = true;
		return 1;
	}
	t->n++;
	return 0;
}

stl_status_t mn_tokenize(struct mn_tokens *t, const char *s, size_t len)
{
	struct tok_ctx c = { t, s, len, false };
	uint32_t pos = 1;
	stl_status_t st;

	st = stl_text_analyze(s, len, STL_ANALYZE_QUERY, &pos, add_token, &c);
	if (st == STL_STATUS_SUCCESS && c.oom)
		st = STL_STATUS_OUT_OF_MEMORY;
	return st;
}

void mn_tokens_release(struct mn_tokens *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->alloc = 0;
	stl_strbuf_release(&t->terms);
}

bool mn_term_is(const struct mn_tokens *t, size_t i, const char *w)
{
	return i < t->n && !strcmp(mn_term(t, i), w);
}

int mn_word_index(const char *w, const char *const *list)
{
	int k;

	for (k = 0; list[k]; k++)
		if (!strcmp(w, list[k]))
			return k;
	return -1;
}

bool mn_term_in(const struct mn_tokens *t, size_t i, const char *const *list)
{
	return i < t->n && mn_word_index(mn_term(t, i), list) >= 0;
}

/* ---- Institution forms ----------------------------------------------------- */

stl_status_t mn_forms_add(struct mn_forms *f, const char *text, size_t len,
			  const char *id, const char *name)
{
	size_t first = f->toks.n;
	stl_status_t st;

	st = mn_tokenize(&f->toks, text, len);
	if (st != STL_STATUS_SUCCESS || f->toks.n == first)
		return st;
	if (!mn_grow((void **)&f->v, &f->alloc, f->n + 1, sizeof(*f->v)))
		return STL_STATUS_OUT_OF_MEMORY;
	f->v[f->n].first = first;
	f->v[f->n].ntok = f->toks.n - first;
	f->v[f->n].id = id;
	f->v[f->n].name = name;
	f->n++;
	f->sorted = false;
	return STL_STATUS_SUCCESS;
}

/* Tokens of the form from @first (@n of them) without the legal forms at
 * their end ("sa de cv" counts as one): how many remain. */
static size_t without_legal_form(const struct mn_tokens *t, size_t first,
				 size_t n)
{
	while (n > 1 && mn_term_in(t, first + n - 1, mn_legal_forms)) {
		n--;
		if (n > 2 && mn_term_is(t, first + n - 1, "de") &&
		    mn_term_in(t, first + n - 2, mn_legal_forms))
			n--;
	}
	return n;
}

stl_status_t mn_forms_add_org(struct mn_forms *f, const char *text,
			      size_t len, const char *id, const char *name)
{
	size_t nforms = f->n, n;
	stl_status_t st;

	st = mn_forms_add(f, text, len, id, name);
	if (st != STL_STATUS_SUCCESS || f->n == nforms)
		return st;
	n = without_legal_form(&f->toks, f->v[nforms].first, f->v[nforms].ntok);
	if (n == f->v[nforms].ntok)
		return STL_STATUS_SUCCESS;
	/* The shorter form shares the tokens of the whole one. */
	if (!mn_grow((void **)&f->v, &f->alloc, f->n + 1, sizeof(*f->v)))
		return STL_STATUS_OUT_OF_MEMORY;
	f->v[f->n] = f->v[nforms];
	f->v[f->n].ntok = n;
	f->n++;
	return STL_STATUS_SUCCESS;
}

stl_status_t mn_forms_add_table(struct mn_forms *f,
				const struct stl_institutions *t)
{
	const struct stl_institution *in;
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t i, k, n = t ? stl_institutions_count(t) : 0;

	for (i = 0; i < n && st == STL_STATUS_SUCCESS; i++) {
		in = stl_institutions_get(t, i);
		st = mn_forms_add(f, in->short_name, strlen(in->short_name),
				  in->id, in->short_name);
		if (st == STL_STATUS_SUCCESS)
			st = mn_forms_add(f, in->full_name,
					  strlen(in->full_name), in->id,
					  in->short_name);
		for (k = 0; k < in->naliases && st == STL_STATUS_SUCCESS; k++)
			st = mn_forms_add(f, in->aliases[k],
					  strlen(in->aliases[k]), in->id,
					  in->short_name);
	}
	return st;
}

void mn_forms_release(struct mn_forms *f)
{
	mn_tokens_release(&f->toks);
	free(f->v);
	f->v = NULL;
	f->n = f->alloc = 0;
}

/* Sort by first term; qsort has no context argument, so the terms are
 * compared through a small array of pointers built for the purpose. */
struct form_key {
	const char *term;
	struct mn_form form;
};

static int cmp_form_key(const void *a, const void *b)
{
	const struct form_key *x = a, *y = b;
	int c = strcmp(x->term, y->term);

	if (c)
		return c;
	return x->form.first < y->form.first ? -1 : x->form.first > y->form.first;
}

static bool forms_sort(struct mn_forms *f)
{
	struct form_key *k;
	size_t i;

	if (f->sorted || f->n < 2) {
		f->sorted = true;
		return true;
	}
	k = malloc(f->n * sizeof(*k));
	if (!k)
		return false;
	for (i = 0; i < f->n; i++) {
		k[i].term = mn_term(&f->toks, f->v[i].first);
		k[i].form = f->v[i];
	}
	qsort(k, f->n, sizeof(*k), cmp_form_key);
	for (i = 0; i < f->n; i++)
		f->v[i] = k[i].form;
	free(k);
	f->sorted = true;
	return true;
}

/* First form whose first term is >= @w. */
static size_t forms_lower_bound(const struct mn_forms *f, const char *w)
{
	size_t lo = 0, hi = f->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(mn_term(&f->toks, f->v[mid].first), w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const char *token_term(const void *seq, size_t i)
{
	return mn_term(seq, i);
}

static bool form_matches(const struct mn_forms *f, const struct mn_form *fm,
			 stl_term_at_fn term, const void *seq, size_t i,
			 size_t limit)
{
	size_t k;

	if (fm->ntok > limit - i)
		return false;
	for (k = 1; k < fm->ntok; k++)
		if (strcmp(mn_term(&f->toks, fm->first + k), term(seq, i + k)))
			return false;
	return true;
}

/* The longest form at term @i of @seq (before @limit); see mn_forms_at(). */
static const struct mn_form *forms_at(struct mn_forms *f, stl_term_at_fn term,
				      const void *seq, size_t i, size_t limit,
				      size_t *ntok)
{
	const struct mn_form *best = NULL;
	const char *w;
	size_t k;

	*ntok = 0;
	if (i >= limit || !f->n)
		return NULL;
	if (!forms_sort(f))
		return NULL;	/* no memory to sort: no match, never wrong */
	w = term(seq, i);
	for (k = forms_lower_bound(f, w); k < f->n; k++) {
		if (strcmp(mn_term(&f->toks, f->v[k].first), w))
			break;
		if (f->v[k].ntok > *ntok &&
		    form_matches(f, &f->v[k], term, seq, i, limit)) {
			best = &f->v[k];
			*ntok = best->ntok;
		}
	}
	return best;
}

const struct mn_form *mn_forms_at(struct mn_forms *f,
				  const struct mn_tokens *t, size_t i,
				  size_t limit, size_t *ntok)
{
	*ntok = 0;
	if (limit > t->n)
		return NULL;
	return forms_at(f, token_term, t, i, limit, ntok);
}

/* ---- The public matcher ---------------------------------------------------- */

struct stl_inst_matcher {
	struct mn_forms forms;
};

stl_status_t stl_inst_matcher_new(const struct stl_institutions *t,
				  struct stl_inst_matcher **out)
{
	struct stl_inst_matcher *m = calloc(1, sizeof(*m));
	stl_status_t st;

	*out = NULL;
	if (!m)
		return STL_STATUS_OUT_OF_MEMORY;
	m->forms = (struct mn_forms)MN_FORMS_INIT;
	st = mn_forms_add_table(&m->forms, t);
	if (st == STL_STATUS_SUCCESS && !forms_sort(&m->forms))
		st = STL_STATUS_OUT_OF_MEMORY;
	if (st != STL_STATUS_SUCCESS) {
		stl_inst_matcher_destroy(m);
		return st;
	}
	*out = m;
	return STL_STATUS_SUCCESS;
}

void stl_inst_matcher_destroy(struct stl_inst_matcher *m)
{
	if (!m)
		return;
	mn_forms_release(&m->forms);
	free(m);
}

const char *stl_inst_matcher_at(struct stl_inst_matcher *m,
				stl_term_at_fn term, const void *seq,
				size_t i, size_t n, size_t *ntok)
{
	const struct mn_form *fm = forms_at(&m->forms, term, seq, i, n, ntok);

	return fm ? fm->id : NULL;
}

size_t stl_inst_matcher_count(const struct stl_inst_matcher *m)
{
	return m->forms.n;
}

stl_status_t stl_inst_matcher_name(const struct stl_inst_matcher *m, size_t k,
				   struct stl_strbuf *terms, size_t *nterms,
				   const char **id)
{
	const struct mn_form *fm = &m->forms.v[k];
	size_t j;

	for (j = 0; j < fm->ntok; j++) {
		if (j)
			stl_strbuf_addch(terms, ' ');
		stl_strbuf_addstr(terms, mn_term(&m->forms.toks, fm->first + j));
	}
	*nterms = fm->ntok;
	*id = fm->id;
	return stl_strbuf_failed(terms) ? STL_STATUS_OUT_OF_MEMORY
					: STL_STATUS_SUCCESS;
}
