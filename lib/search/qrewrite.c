/*
 * qrewrite.c - rewrites of a canonical query (query.h) before Xapian's
 * parser sees it: phrases of free text for their field processor, the
 * attendees of an institution, spelling corrections.
 */
#include "stl/query.h"

#include <stdlib.h>
#include <string.h>

#include "stl/schema.h"
#include "stl/text.h"

#include "query_internal.h"

/* ---- phrases of free text ------------------------------------------------------------------ */

/*
 * Skip the quoted value starting at @s[i] (a quote); where it ends.
 * A field processor's value doubles its quotes (emit_raw()).
 */
static size_t skip_quoted(const char *s, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (s[i] != '"')
			continue;
		if (i + 1 < len && s[i + 1] == '"') {
			i++;
			continue;
		}
		return i + 1;
	}
	return len;
}

/*
 * The token before @s[@i] (a sign, spaces and parentheses skipped) is
 * NEAR or ADJ.
 */
static bool near_before(const char *s, size_t i)
{
	size_t end;

	if (i && (s[i - 1] == '+' || s[i - 1] == '-'))
		i--;
	while (i && (s[i - 1] == ' ' || s[i - 1] == '('))
		i--;
	end = i;
	while (i && s[i - 1] != ' ' && s[i - 1] != '(' && s[i - 1] != ')')
		i--;
	return end > i && query_is_near(s + i, end - i);
}

/* The token at or after @s[@i] (spaces and parentheses skipped) is NEAR
 * or ADJ. */
static bool near_after(const char *s, size_t len, size_t i)
{
	size_t start;

	while (i < len && (s[i] == ' ' || s[i] == ')'))
		i++;
	start = i;
	while (i < len && s[i] != ' ' && s[i] != '(' && s[i] != ')' &&
	       s[i] != '"')
		i++;
	return i > start && query_is_near(s + start, i - start);
}

stl_status_t query_fast_phrases(const char *canonical, struct stl_strbuf *out)
{
	size_t len = strlen(canonical), i = 0, from = 0;
	unsigned depth = 0, field_depth = 0;

	while (i < len) {
		char c = canonical[i];
		bool after_field = i && canonical[i - 1] == ':';
		size_t end, k, words = 1;
		bool plain = true;

		if (c == '(') {
			depth++;
			/* "tema:(a b)": the field applies inside. */
			if (after_field && !field_depth)
				field_depth = depth;
			i++;
			continue;
		}
		if (c == ')') {
			if (depth == field_depth)
				field_depth = 0;
			if (depth)
				depth--;
			i++;
			continue;
		}
		if (c != '"') {
			i++;
			continue;
		}
		end = skip_quoted(canonical, len, i);
		if (after_field || field_depth) {
			i = end;
			continue;
		}
		for (k = i + 1; k < end - 1 && plain; k++) {
			unsigned char b = (unsigned char)canonical[k];

			words += b == ' ';
			plain = b == ' ' || b >= 0x80 || (b >= 'a' && b <= 'z') ||
				(b >= '0' && b <= '9');
		}
		/* Xapian's NEAR and ADJ take words and phrases of words,
		 * not a field processor's query: such a phrase stays. */
		if (words > 1 && plain && end - i >= 2 &&
		    canonical[end - 1] == '"' && !near_before(canonical, i) &&
		    !near_after(canonical, len, end)) {
			stl_strbuf_add(out, canonical + from, i - from);
			stl_strbuf_addstr(out, QUERY_PHRASE_FIELD ":");
			for (k = i + 1; k < end - 1; k++)
				stl_strbuf_addch(out, canonical[k] == ' '
							      ? '_'
							      : canonical[k]);
			from = end;
		}
		i = end;
	}
	stl_strbuf_add(out, canonical + from, len - from);
	return stl_strbuf_failed(out) ? STL_STATUS_OUT_OF_MEMORY
				      : STL_STATUS_SUCCESS;
}

/* ---- attendees by institution --------------------------------------------------------- */

/* A field term may start at @s[@i]: after a space, '(' or a sign there. */
static bool term_start(const char *s, size_t i)
{
	if (i && (s[i - 1] == '+' || s[i - 1] == '-'))
		i--;
	return !i || s[i - 1] == ' ' || s[i - 1] == '(';
}

/* The field flagged STL_FIELD_BY_INSTITUTION whose "name:" starts @s;
 * *@nlen gets the length of "name:". */
static const struct stl_field *by_institution_field(const char *s,
						    size_t *nlen)
{
	size_t i, n;

	for (i = 0; i < STL_NFIELDS; i++) {
		const struct stl_field *f = &stl_fields[i];

		if (!f->name || !(f->flags & STL_FIELD_BY_INSTITUTION))
			continue;
		n = strlen(f->name);
		if (!strncmp(s, f->name, n) && s[n] == ':') {
			*nlen = n + 1;
			return f;
		}
	}
	return NULL;
}

/* Where the word or phrase at @s[@i] ends; 0 if it is neither (a group,
 * a wildcard, nothing). */
static size_t simple_value_end(const char *s, size_t len, size_t i)
{
	size_t end;

	if (i >= len || s[i] == ' ' || s[i] == '(' || s[i] == ')')
		return 0;
	if (s[i] == '"') {
		end = skip_quoted(s, len, i);
		return end - i > 2 && s[end - 1] == '"' ? end : 0;
	}
	for (end = i; end < len && !strchr(" ()\"", s[end]); end++)
		if (s[end] == '*')
			return 0;
	return end;
}

/* "(field:value OR QUERY_INSTITUTION_FIELD:"value")" for @s[@i..@end). */
static void add_by_institution(struct stl_strbuf *out, const char *s,
			       size_t i, size_t vs, size_t end)
{
	bool quoted = s[vs] == '"';
	size_t k;

	stl_strbuf_addch(out, '(');
	stl_strbuf_add(out, s + i, end - i);
	stl_strbuf_addstr(out, " OR " QUERY_INSTITUTION_FIELD ":\"");
	for (k = vs + quoted; k < end - quoted; k++) {
		if (s[k] == '"')
			stl_strbuf_addch(out, '"');
		stl_strbuf_addch(out, s[k]);
	}
	stl_strbuf_addstr(out, "\")");
}

/*
 * Rewrite the field:value terms of @canonical whose field @is_field takes
 * (*@nlen: the length of "name:"), at a term's start, outside quotes,
 * with a simple value, not beside NEAR and, with @no_sign, without a sign
 * before it: @rw writes each one's replacement of @s[@i..@end) to @out,
 * and what lies between is copied. Returns the first failure of @rw, or
 * OUT_OF_MEMORY, or SUCCESS.
 */
typedef stl_status_t (*term_rewrite_fn)(struct stl_strbuf *out,
					const char *s, size_t i, size_t nlen,
					size_t end, void *ctx);

static stl_status_t rewrite_terms(const char *canonical,
				  bool (*is_field)(const char *s, size_t *nlen),
				  bool no_sign, term_rewrite_fn rw, void *ctx,
				  struct stl_strbuf *out)
{
	size_t len = strlen(canonical), i = 0, from = 0, nlen, end;
	stl_status_t st;

	while (i < len) {
		if (canonical[i] == '"') {
			i = skip_quoted(canonical, len, i);
			continue;
		}
		if (!term_start(canonical, i) ||
		    (no_sign && i &&
		     (canonical[i - 1] == '+' || canonical[i - 1] == '-')) ||
		    !is_field(canonical + i, &nlen) ||
		    !(end = simple_value_end(canonical, len, i + nlen)) ||
		    near_before(canonical, i) ||
		    near_after(canonical, len, end)) {
			i++;
			continue;
		}
		stl_strbuf_add(out, canonical + from, i - from);
		st = rw(out, canonical, i, nlen, end, ctx);
		if (st)
			return st;
		from = i = end;
	}
	stl_strbuf_add(out, canonical + from, len - from);
	return stl_strbuf_failed(out) ? STL_STATUS_OUT_OF_MEMORY
				      : STL_STATUS_SUCCESS;
}

static bool is_by_institution(const char *s, size_t *nlen)
{
	return by_institution_field(s, nlen) != NULL;
}

static stl_status_t rewrite_by_institution(struct stl_strbuf *out,
					   const char *s, size_t i,
					   size_t nlen, size_t end, void *ctx)
{
	(void)ctx;
	add_by_institution(out, s, i, i + nlen, end);
	return STL_STATUS_SUCCESS;
}

stl_status_t query_by_institution(const char *canonical,
				  struct stl_strbuf *out)
{
	return rewrite_terms(canonical, is_by_institution, false,
			     rewrite_by_institution, NULL, out);
}

/* ---- people by any form of their name ---------------------------------------------------- */

/* persona: or asistente: starts @s; *@nlen gets the length of "name:". */
static bool person_field(const char *s, size_t *nlen)
{
	static const enum stl_field_id ids[] = { STL_FIELD_PERSON,
						 STL_FIELD_ATTENDEE };
	size_t i, n;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		n = strlen(stl_fields[ids[i]].name);
		if (!strncmp(s, stl_fields[ids[i]].name, n) && s[n] == ':') {
			*nlen = n + 1;
			return true;
		}
	}
	return false;
}

/*
 * "(field:value OR field:"alt" ...)" for @s[@i..@end) when @fn gives
 * alternatives; else the term as it was. False: @fn failed (*@st).
 */
static bool add_by_person(struct stl_strbuf *out, const char *s, size_t i,
			  size_t nlen, size_t end, query_alts_fn fn, void *ctx,
			  stl_status_t *st)
{
	struct stl_strbuf value = STL_STRBUF_INIT, alts = STL_STRBUF_INIT;
	size_t vs = i + nlen;
	bool quoted = s[vs] == '"';
	const char *p;

	stl_strbuf_add(&value, s + vs + quoted, end - vs - 2 * quoted);
	*st = stl_strbuf_failed(&value) ? STL_STATUS_OUT_OF_MEMORY
					: fn(value.buf, ctx, &alts);
	if (!*st && stl_strbuf_failed(&alts))
		*st = STL_STATUS_OUT_OF_MEMORY;
	if (*st || !alts.len) {
		stl_strbuf_add(out, s + i, end - i);
		goto out;
	}
	stl_strbuf_addch(out, '(');
	stl_strbuf_add(out, s + i, end - i);
	for (p = alts.buf; *p;) {
		size_t n = strcspn(p, "\n");

		stl_strbuf_addstr(out, " OR ");
		stl_strbuf_add(out, s + i, nlen);
		stl_strbuf_addch(out, '"');
		stl_strbuf_add(out, p, n);
		stl_strbuf_addch(out, '"');
		p += n + (p[n] == '\n');
	}
	stl_strbuf_addch(out, ')');
out:
	stl_strbuf_release(&value);
	stl_strbuf_release(&alts);
	return !*st;
}

struct person_rw {
	query_alts_fn fn;
	void *ctx;
};

static stl_status_t rewrite_by_person(struct stl_strbuf *out, const char *s,
				      size_t i, size_t nlen, size_t end,
				      void *ctx)
{
	const struct person_rw *p = ctx;
	stl_status_t st = STL_STATUS_SUCCESS;

	add_by_person(out, s, i, nlen, end, p->fn, p->ctx, &st);
	return st;
}

stl_status_t query_by_person(const char *canonical, query_alts_fn fn,
			     void *ctx, struct stl_strbuf *out)
{
	struct person_rw p = { fn, ctx };

	/* A sign before the field: Xapian's grammar takes none before a
	 * group, so such a term is left alone. */
	return rewrite_terms(canonical, person_field, true, rewrite_by_person,
			     &p, out);
}

/* ---- corrections ------------------------------------------------------------------------ */

static bool is_sep(char c)
{
	return c == ' ' || c == '(' || c == ')' || c == '"';
}

/* Where the value of a field that is not words, at @s[@i], ends. */
static size_t skip_value(const char *s, size_t len, size_t i)
{
	unsigned depth = 0;

	if (i < len && s[i] == '"')
		return skip_quoted(s, len, i);
	for (; i < len; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth && !--depth)
			return i + 1;
		else if (!depth && is_sep(s[i]))
			break;
	}
	return i;
}

/* A word spelling may change: letters, not an operator, wildcard, number
 * or stop word. */
static bool correctable(const char *w, size_t len)
{
	size_t k;
	bool letter = false;

	if (!len || (w[0] >= 'A' && w[0] <= 'Z') || w[len - 1] == '*')
		return false;
	for (k = 0; k < len; k++)
		letter |= (unsigned char)w[k] >= 0x80 ||
			  (w[k] >= 'a' && w[k] <= 'z');
	return letter && !stl_is_stopword(w, len);
}

/* The field named by the @len bytes at @s, if it is not one of words. */
static bool not_words_field(const char *s, size_t len)
{
	char name[32];
	const struct stl_field *f;

	if (len >= sizeof(name))
		return false;
	memcpy(name, s, len);
	name[len] = '\0';
	f = stl_schema_field_by_name(name);
	return f && f->type != STL_FIELD_WORDS;
}

stl_status_t query_correct(const char *canonical, query_fix_fn fn, void *ctx,
			   struct stl_strbuf *out, bool *changed)
{
	size_t len = strlen(canonical), i = 0, end;
	stl_status_t err = STL_STATUS_SUCCESS;
	const char *colon;
	char *fix;

	*changed = false;
	while (i < len && !err) {
		if (is_sep(canonical[i]) || canonical[i] == '+' ||
		    canonical[i] == '-') {
			stl_strbuf_addch(out, canonical[i++]);
			continue;
		}
		for (end = i; end < len && !is_sep(canonical[end]); end++)
			;
		colon = memchr(canonical + i, ':', end - i);
		if (colon) {
			size_t v = (size_t)(colon - canonical) + 1;

			end = not_words_field(canonical + i, v - 1 - i)
				      ? skip_value(canonical, len, v) : v;
			stl_strbuf_add(out, canonical + i, end - i);
			i = end;
			continue;
		}
		fix = correctable(canonical + i, end - i)
			      ? fn(canonical + i, end - i, ctx, &err) : NULL;
		if (fix) {
			stl_strbuf_addstr(out, fix);
			*changed = true;
			free(fix);
		} else {
			stl_strbuf_add(out, canonical + i, end - i);
		}
		i = end;
	}
	if (!err && stl_strbuf_failed(out))
		err = STL_STATUS_OUT_OF_MEMORY;
	return err;
}

/* ---- excluded filters ------------------------------------------------------------------ */

/* @out from @from on replaced by @sb, which is released. False if out of
 * memory. */
static bool replace_from(struct stl_strbuf *out, size_t from,
			 struct stl_strbuf *sb)
{
	bool ok;

	stl_strbuf_setlen(out, from);
	stl_strbuf_add(out, sb->buf, sb->len);
	ok = !stl_strbuf_failed(sb) && !stl_strbuf_failed(out);
	stl_strbuf_release(sb);
	return ok;
}

/*
 * The excluded items ("-x") of the group that starts at @from as "NOT x":
 * a group of exclusions alone followed by NOT would mean nothing to
 * Xapian's parser, while "NOT a NOT b" means neither.
 */
bool query_hate_to_not(struct stl_strbuf *out, size_t from)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const char *s = out->buf;
	size_t i, len = out->len;
	unsigned depth = 0;
	bool quoted = false;

	for (i = from; i < len; i++) {
		char c = s[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && c == '(')
			depth++;
		else if (!quoted && c == ')' && depth)
			depth--;
		if (c == '-' && !quoted && !depth &&
		    (i == from || s[i - 1] == ' ' || s[i - 1] == '(')) {
			stl_strbuf_addstr(&sb, "NOT ");
			continue;
		}
		stl_strbuf_addch(&sb, c);
	}
	return replace_from(out, from, &sb);
}

/* The group that starts at @from in parentheses, so that a NOT after it
 * applies to all of it, as a '-' does ("a O b NOT x"). */
bool query_enclose(struct stl_strbuf *out, size_t from)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	stl_strbuf_addch(&sb, '(');
	stl_strbuf_add(&sb, out->buf + from, out->len - from);
	stl_strbuf_addch(&sb, ')');
	return replace_from(out, from, &sb);
}
