/*
 * qnames.c - institution names in free text, found on the client; see
 * stl/qnames.h.
 */
#include "stl/qnames.h"

#include <stdlib.h>
#include <string.h>

#include "stl/query.h"

/* The words of a run: offsets into the canonical query, NUL-terminated
 * copies for the matcher. */
struct run {
	char **w;
	size_t *start, *end;
	size_t n, cap;
};

static const char *run_term(const void *seq, size_t i)
{
	const struct run *r = seq;

	return r->w[i];
}

static void run_clear(struct run *r)
{
	while (r->n)
		free(r->w[--r->n]);
}

static void run_release(struct run *r)
{
	run_clear(r);
	free(r->w);
	free(r->start);
	free(r->end);
}

static bool run_push(struct run *r, const char *s, size_t b, size_t e)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 8;
		char **w = realloc(r->w, cap * sizeof(*w));
		size_t *st, *en;

		if (!w)
			return false;
		r->w = w;
		st = realloc(r->start, cap * sizeof(*st));
		if (!st)
			return false;
		r->start = st;
		en = realloc(r->end, cap * sizeof(*en));
		if (!en)
			return false;
		r->end = en;
		r->cap = cap;
	}
	r->w[r->n] = strndup(s + b, e - b);
	if (!r->w[r->n])
		return false;
	r->start[r->n] = b;
	r->end[r->n] = e;
	r->n++;
	return true;
}

/* Xapian's operators, which end a run of words. */
static bool is_operator(const char *s, size_t len)
{
	static const char *const ops[] = { "AND", "OR", "NOT", "XOR", "NEAR",
					   "ADJ" };
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (len >= strlen(ops[i]) && !strncmp(s, ops[i], strlen(ops[i])))
			return true;
	return false;
}

static bool is_near(const char *s, size_t len)
{
	return (len >= 4 && !strncmp(s, "NEAR", 4)) ||
	       (len >= 3 && !strncmp(s, "ADJ", 3));
}

/* A plain word from @b to @e: letters and digits, no field, sign or
 * wildcard. */
static bool plain_word(const char *s, size_t b, size_t e)
{
	size_t k;

	if (is_operator(s + b, e - b))
		return false;
	for (k = b; k < e; k++) {
		unsigned char c = (unsigned char)s[k];

		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

/* Write the run's words into @out from canonical offset *@from, each name
 * ORed with its id. */
static void emit_run(struct stl_inst_matcher *m, const char *s,
		     struct run *r, size_t *from, struct stl_strbuf *out)
{
	size_t i = 0, ntok;

	while (i < r->n) {
		const char *id = stl_inst_matcher_at(m, run_term, r, i, r->n,
						     &ntok);

		if (!id || strchr(id, ' ') ||
		    (ntok == 1 && !strcmp(r->w[i], id))) {
			i++;
			continue;
		}
		stl_strbuf_add(out, s + *from, r->start[i] - *from);
		stl_strbuf_addstr(out, "((");
		stl_strbuf_add(out, s + r->start[i],
			       r->end[i + ntok - 1] - r->start[i]);
		stl_strbuf_addstr(out, ") OR " QUERY_NAME_FIELD ":");
		stl_strbuf_addstr(out, id);
		stl_strbuf_addch(out, ')');
		*from = r->end[i + ntok - 1];
		i += ntok;
	}
	run_clear(r);
}

/* The end of the quoted phrase that starts at @s[@i]. */
static size_t quoted_end(const char *s, size_t len, size_t i)
{
	for (i++; i < len && s[i] != '"'; i++)
		;
	return i < len ? i + 1 : len;
}

/* The end of a field's value at @s[@i]: a phrase, a group or a word. */
static size_t value_end(const char *s, size_t len, size_t i)
{
	unsigned depth = 0;

	if (i < len && s[i] == '"')
		return quoted_end(s, len, i);
	for (; i < len; i++) {
		if (s[i] == '"')
			i = quoted_end(s, len, i) - 1;
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth-- == 0)
			break;
		else if (s[i] == ' ' && !depth)
			break;
	}
	return i;
}

static stl_status_t scan(struct stl_inst_matcher *m, const char *s,
			 struct stl_strbuf *out)
{
	struct run r = { NULL, NULL, NULL, 0, 0 };
	size_t len = strlen(s), i = 0, from = 0;
	bool oom = false, near = false;

	while (i < len && !oom) {
		size_t b = i, e;

		if (s[i] == ' ' || s[i] == '(' || s[i] == ')') {
			/* Parentheses group: a name does not span them. */
			if (s[i] != ' ')
				emit_run(m, s, &r, &from, out);
			i++;
			continue;
		}
		if (s[i] == '"') {
			emit_run(m, s, &r, &from, out);
			i = quoted_end(s, len, i);
			continue;
		}
		for (e = i; e < len && s[e] != ' ' && s[e] != '(' &&
			    s[e] != ')' && s[e] != '"' && s[e] != ':'; e++)
			;
		if (e < len && s[e] == ':') {
			emit_run(m, s, &r, &from, out);
			i = value_end(s, len, e + 1);
			continue;
		}
		if (near && plain_word(s, b, e)) {
			/* NEAR and ADJ take words, not groups. */
			near = false;
		} else if (is_near(s + b, e - b)) {
			run_clear(&r);
			near = true;
		} else if (plain_word(s, b, e)) {
			oom = !run_push(&r, s, b, e);
		} else {
			emit_run(m, s, &r, &from, out);
		}
		i = e;
	}
	if (!oom)
		emit_run(m, s, &r, &from, out);
	stl_strbuf_add(out, s + from, len - from);
	run_release(&r);
	return oom || stl_strbuf_failed(out) ? STL_STATUS_OUT_OF_MEMORY
					     : STL_STATUS_SUCCESS;
}

stl_status_t query_by_name(const struct stl_institutions *inst,
			   const char *canonical, struct stl_strbuf *out)
{
	struct stl_inst_matcher *m = NULL;
	stl_status_t ret;

	ret = stl_inst_matcher_new(inst, &m);
	if (!ret)
		ret = scan(m, canonical, out);
	stl_inst_matcher_destroy(m);
	return ret;
}
