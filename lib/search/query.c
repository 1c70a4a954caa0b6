/*
 * query.c - the query language: translation to a canonical query; see
 * query.h.
 */
#include "stl/query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "stl/fecha.h"
#include "stl/schema.h"
#include "stl/text.h"

#include "query_internal.h"

/* ---- fields --------------------------------------------------------------- */

void query_field_names(struct stl_strbuf *out)
{
	size_t i, n = 0;

	for (i = 0; i < STL_NFIELDS; i++)
		if (stl_fields[i].name)
			stl_strbuf_addf(out, "%s%s", n++ ? ", " : "",
					stl_fields[i].name);
	stl_strbuf_addstr(out, " (en inglés: ");
	for (i = 0, n = 0; i < STL_NFIELDS; i++)
		if (stl_fields[i].name && stl_fields[i].aliases[0])
			stl_strbuf_addf(out, "%s%s", n++ ? ", " : "",
					stl_fields[i].aliases[0]);
	stl_strbuf_addch(out, ')');
}

/* @value is one status, whole ("en proceso", "sin seguimiento"). */
static bool status_value(const char *value)
{
	enum stl_agr_status st;

	return stl_agr_status_parse_whole(value, strlen(value), &st);
}

bool query_value_parses(const char *field, size_t len, const char *value)
{
	struct stl_strbuf name = STL_STRBUF_INIT;
	const struct stl_field *f;
	char lo[9], hi[9], *msg = NULL;
	bool parses = false;

	stl_text_fold(field, len, &name);
	f = stl_schema_field_by_name(name.buf ? name.buf : "");
	if (f && (f->id == STL_FIELD_DATE || f->id == STL_FIELD_DEADLINE))
		parses = fecha_parse(value, lo, hi, &msg) == STL_STATUS_SUCCESS;
	if (f && f->id == STL_FIELD_STATUS)
		parses = status_value(value);
	free(msg);
	stl_strbuf_release(&name);
	return parses;
}

/* ---- characters ------------------------------------------------------------ */

static bool is_space_cp(ucs4_t c)
{
	return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202f || c == 0x205f || c == 0x3000;
}

static bool is_quote_cp(ucs4_t c)
{
	return c == '"' || c == 0x201c || c == 0x201d || c == 0x201e ||
	       c == 0xab || c == 0xbb;
}

static bool is_break_cp(ucs4_t c)
{
	return is_space_cp(c) || is_quote_cp(c) || c == '(' || c == ')';
}

/* The code point at @s (valid UTF-8 checked beforehand); its length. */
static size_t cp_at(const char *s, size_t left, ucs4_t *c)
{
	int n = u8_mbtouc(c, (const uint8_t *)s, left);

	return n > 0 ? (size_t)n : 1;
}

/* ---- translation state --------------------------------------------------------- */

struct tr {
	const char *q;
	size_t len, i;
	struct stl_strbuf *out;
	struct query_info *info;
	char **errmsg;
	unsigned depth;
	bool in_quotes;
	bool glue;		/* the next item attaches without a space */
	bool last_op;		/* the last item was an operator */
	bool last_near;		/* ... and it was NEAR or ADJ */
	bool sign_pending;	/* a '+' or '-' waits for its word */
	bool signed_item;	/* the last item was a +word or -word */
	bool quote_signed;	/* the open phrase is a +"..." or -"..." */
	size_t op_start;	/* where that operator began in out */
	size_t sign_at;		/* where the pending sign's item began */
	char sign_char;		/* that sign */
	size_t items;		/* items in the current group */
	/* Excluded filters of each open group, written at its end; where
	 * the group began in out; whether it has an item not excluded. */
	struct stl_strbuf tails[QUERY_MAX_DEPTH + 1];
	size_t group_start[QUERY_MAX_DEPTH + 1];
	bool positive[QUERY_MAX_DEPTH + 1];
	stl_status_t status;
};

static stl_status_t tr_error(struct tr *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static stl_status_t tr_error(struct tr *t, const char *fmt, ...)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	stl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(*t->errmsg);
	*t->errmsg = stl_strbuf_detach(&sb, NULL);
	t->status = STL_STATUS_BAD_QUERY;
	return t->status;
}

static void emit_sep(struct tr *t)
{
	if (!t->glue && t->out->len)
		stl_strbuf_addch(t->out, ' ');
	t->glue = false;
}

/* An item begins: note whether its group now has one not excluded. */
static void note_item(struct tr *t)
{
	if (!t->in_quotes && !(t->sign_pending && t->sign_char == '-'))
		t->positive[t->depth] = true;
}

static void emit_item(struct tr *t, const char *s, size_t len)
{
	note_item(t);
	emit_sep(t);
	stl_strbuf_add(t->out, s, len);
	t->last_op = false;
	t->signed_item = t->sign_pending && !t->in_quotes;
	t->sign_pending = false;
	t->items++;
}

/* ---- words ------------------------------------------------------------------------ */

/* Analyze @len bytes at @s as the index did; terms joined by @sep. */
static size_t analyze_into(const char *s, size_t len, char sep,
			   struct stl_strbuf *out)
{
	size_t n = 0;

	if (stl_text_terms(s, len, STL_ANALYZE_QUERY, sep, out, &n))
		out->oom = true;
	return n;
}

static stl_status_t add_wildcard(struct tr *t, const char *prefix,
				 size_t len)
{
	struct query_info *in = t->info;
	char **v = realloc(in->wildcards, (in->nwildcards + 1) * sizeof(*v));

	if (!v)
		return STL_STATUS_OUT_OF_MEMORY;
	in->wildcards = v;
	v[in->nwildcards] = strndup(prefix, len);
	if (!v[in->nwildcards])
		return STL_STATUS_OUT_OF_MEMORY;
	in->nwildcards++;
	return STL_STATUS_SUCCESS;
}

/*
 * A word outside quotes. Several terms from one word ("socio-económico",
 * "17:00") are joined by '-', which Xapian's parser takes as a phrase.
 */
static void emit_word(struct tr *t, const char *s, size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	bool wild = false;
	size_t n;

	while (len && s[len - 1] == '*') {
		len--;
		wild = true;
	}
	n = analyze_into(s, len, '-', &sb);
	if (n) {
		if (wild && n == 1) {
			if (add_wildcard(t, sb.buf, sb.len))
				sb.oom = true;
			stl_strbuf_addch(&sb, '*');
		}
		emit_item(t, sb.buf, sb.len);
	} else if (t->glue) {
		/* "+" or "field:" with nothing left: drop what waits for it. */
		t->glue = false;
	}
	if (stl_strbuf_failed(&sb))
		t->status = STL_STATUS_OUT_OF_MEMORY;
	stl_strbuf_release(&sb);
}

/* ---- operators ------------------------------------------------------------------------ */

/* The operator @s spells, in Xapian's words, or NULL. */
static const char *operator_of(const char *s, size_t len)
{
	static const char *const ops[][2] = {
		{ "AND", "AND" }, { "OR", "OR" }, { "NOT", "NOT" },
		{ "XOR", "XOR" }, { "Y", "AND" }, { "O", "OR" },
		{ "NO", "NOT" },
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strlen(ops[i][0]) == len && !memcmp(s, ops[i][0], len))
			return ops[i][1];
	return NULL;
}

/* NEAR, NEAR/n, ADJ, ADJ/n (n of 1..99) keep their spelling. */
bool query_is_near(const char *s, size_t len)
{
	size_t k;

	if (len >= 4 && !memcmp(s, "NEAR", 4))
		k = 4;
	else if (len >= 3 && !memcmp(s, "ADJ", 3))
		k = 3;
	else
		return false;
	if (k == len)
		return true;
	if (s[k] != '/' || len - k - 1 < 1 || len - k - 1 > 2)
		return false;
	for (k++; k < len; k++)
		if (s[k] < '0' || s[k] > '9')
			return false;
	return true;
}

/*
 * Operators need terms on both sides (NOT may start a query). Leading
 * ones are dropped, and a second one replaces the first, so that a
 * sloppy query still gets a sensible answer rather than a syntax error.
 */
static void emit_operator(struct tr *t, const char *op, size_t len)
{
	bool is_not = len == 3 && !memcmp(op, "NOT", 3);

	if (!t->items && !is_not)
		return;
	if (t->last_op && !is_not) {
		stl_strbuf_setlen(t->out, t->op_start);
		t->glue = false;
	}
	t->op_start = t->out->len;
	emit_sep(t);
	stl_strbuf_add(t->out, op, len);
	t->last_op = true;
	t->last_near = false;
	t->items++;
}

/* ---- fields ----------------------------------------------------------------------------- */

/* If the run is "name:rest" with a name of letters only, its length. */
static size_t field_name_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		ucs4_t c;
		size_t n = cp_at(s + i, len - i, &c);

		if (c == ':')
			return i;
		if (!uc_is_alpha(c))
			return 0;
		i += n;
	}
	return 0;
}

/* Read a quoted value starting at the quote at t->i; its bounds. */
static void read_quoted(struct tr *t, size_t *start, size_t *end)
{
	ucs4_t c;

	t->i += cp_at(t->q + t->i, t->len - t->i, &c);
	*start = t->i;
	while (t->i < t->len) {
		size_t n = cp_at(t->q + t->i, t->len - t->i, &c);

		if (is_quote_cp(c)) {
			*end = t->i;
			t->i += n;
			return;
		}
		t->i += n;
	}
	*end = t->len;
}

static void emit_kind(struct tr *t, const char *value, size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	enum stl_doc_kind kind;

	stl_text_fold(value, len, &sb);
	t->info->has_kind = true;
	if (!stl_schema_kind_parse(sb.buf, &kind)) {
		tr_error(t, "tipo no válido '%.*s': use tipo:minuta, tipo:acuerdo o tipo:todo",
			 (int)len, value);
	} else if (kind != STL_DOC_ANY) {
		stl_strbuf_reset(&sb);
		stl_strbuf_addf(&sb, "%s:%s", stl_fields[STL_FIELD_KIND].name,
				stl_schema_kind_name(kind));
		emit_item(t, sb.buf, sb.len);
		if (stl_strbuf_failed(&sb))
			t->status = STL_STATUS_OUT_OF_MEMORY;
	}
	stl_strbuf_release(&sb);
}

/* A value for a field processor, passed through quoted and untouched. */
static void emit_raw(struct tr *t, const struct stl_field *f, const char *value,
		     size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	size_t k;

	stl_strbuf_addf(&sb, "%s:\"", f->name);
	for (k = 0; k < len; k++) {
		/* Xapian reads "" inside a quoted value as one quote. */
		if (value[k] == '"')
			stl_strbuf_addch(&sb, '"');
		stl_strbuf_addch(&sb, value[k]);
	}
	stl_strbuf_addch(&sb, '"');
	emit_item(t, sb.buf, sb.len);
	if (stl_strbuf_failed(&sb))
		t->status = STL_STATUS_OUT_OF_MEMORY;
	stl_strbuf_release(&sb);
}

static void emit_field(struct tr *t, const struct stl_field *f, const char *rest,
		       size_t rlen)
{
	size_t vs, ve;
	ucs4_t c = 0;

	if (t->i < t->len)
		cp_at(t->q + t->i, t->len - t->i, &c);
	if (!rlen && (t->i >= t->len || !(is_quote_cp(c) || c == '('))) {
		tr_error(t, "falta el valor del campo '%s:'", f->name);
		return;
	}
	if (f->type != STL_FIELD_WORDS) {
		if (!rlen && c == '(') {
			tr_error(t, "el campo '%s:' no admite paréntesis; escriba un valor por campo",
				 f->name);
			return;
		}
		if (!rlen) {
			read_quoted(t, &vs, &ve);
			rest = t->q + vs;
			rlen = ve - vs;
		}
		if (f->id == STL_FIELD_KIND)
			emit_kind(t, rest, rlen);
		else
			emit_raw(t, f, rest, rlen);
		return;
	}
	emit_sep(t);
	stl_strbuf_addf(t->out, "%s:", f->name);
	t->glue = true;
	if (rlen)
		emit_word(t, rest, rlen);
	/* Else a quote or '(' follows and attaches to the "field:". */
}

/* ---- the lexer ----------------------------------------------------------------------------- */

/* True if a quote or '(' comes right after the current run. */
static bool next_opens(const struct tr *t)
{
	ucs4_t c;

	if (t->i >= t->len)
		return false;
	cp_at(t->q + t->i, t->len - t->i, &c);
	return is_quote_cp(c) || c == '(';
}

static void unknown_field(struct tr *t, const char *s, size_t len)
{
	struct stl_strbuf names = STL_STRBUF_INIT;

	query_field_names(&names);
	tr_error(t, "campo desconocido '%.*s:'; los campos son: %s", (int)len,
		 s, names.buf);
	stl_strbuf_release(&names);
}

/* The item being read has a '-' before it. */
static bool excluded(const struct tr *t)
{
	return t->sign_pending && !t->in_quotes && t->out->len &&
	       t->out->buf[t->out->len - 1] == '-';
}

/*
 * -fecha:2020, -tipo:acuerdo, -institucion:cpc. Xapian's parser ignores a
 * '-' before a filter, and its NOT takes all that follows as its operand,
 * so the field goes to the end of its group as "NOT field:value": the
 * group without it, as a '-' means (alone: everything without it).
 */
static void exclude_filter(struct tr *t, const struct stl_field *f,
			   const char *rest, size_t rlen)
{
	struct stl_strbuf item = STL_STRBUF_INIT, *out = t->out;
	struct stl_strbuf *tail = &t->tails[t->depth];
	bool positive = t->positive[t->depth];

	stl_strbuf_setlen(out, t->sign_at);
	t->sign_pending = false;
	t->out = &item;
	t->glue = true;
	emit_field(t, f, rest, rlen);
	t->out = out;
	t->positive[t->depth] = positive;
	t->glue = false;
	t->signed_item = false;
	if (item.len)
		stl_strbuf_addf(tail, " NOT %s", item.buf);
	if (stl_strbuf_failed(&item))
		t->status = STL_STATUS_OUT_OF_MEMORY;
	stl_strbuf_release(&item);
}

/* The excluded filters of the group at @depth, at its end. */
static void flush_tail(struct tr *t, unsigned depth)
{
	struct stl_strbuf *tail = &t->tails[depth];

	if (!tail->len)
		return;
	if (!(t->positive[depth] ? query_enclose(t->out, t->group_start[depth])
				 : query_hate_to_not(t->out, t->group_start[depth])))
		t->status = STL_STATUS_OUT_OF_MEMORY;
	/* Only exclusions: "NOT x" alone means everything without x. */
	if (!t->out->len || t->out->buf[t->out->len - 1] == '(')
		stl_strbuf_add(t->out, tail->buf + 1, tail->len - 1);
	else
		stl_strbuf_add(t->out, tail->buf, tail->len);
	stl_strbuf_reset(tail);
}

static void handle_run(struct tr *t, const char *s, size_t len)
{
	const struct stl_field *f;
	const char *op;
	size_t nlen;

	if (t->in_quotes) {
		struct stl_strbuf sb = STL_STRBUF_INIT;

		if (analyze_into(s, len, ' ', &sb))
			emit_item(t, sb.buf, sb.len);
		stl_strbuf_release(&sb);
		return;
	}
	if ((op = operator_of(s, len))) {
		emit_operator(t, op, strlen(op));
		return;
	}
	/*
	 * Xapian's NEAR and ADJ take plain words: next to a +word or -word
	 * its parser fails, falls back to searching every word (NEAR too)
	 * with OR, and in 1.4.22 leaks on the way ("-o NEAR i-a"). Such a
	 * NEAR is dropped: the words are simply all required.
	 */
	if (query_is_near(s, len)) {
		if (t->signed_item)
			return;
		emit_operator(t, s, len);
		t->last_near = t->last_op;
		return;
	}
	/* +word, -word, -"a phrase", -(a group): required, excluded. */
	if ((s[0] == '+' || s[0] == '-') && (len > 1 || next_opens(t))) {
		if (t->last_op && t->last_near) {
			stl_strbuf_setlen(t->out, t->op_start);
			t->last_op = t->last_near = false;
			t->glue = false;
		}
		t->sign_pending = true;
		t->sign_char = s[0];
		t->sign_at = t->out->len;
		emit_sep(t);
		stl_strbuf_addch(t->out, s[0]);
		t->glue = true;
		s++;
		len--;
		if (!len)
			return;	/* the phrase or group that follows */
	}
	nlen = field_name_len(s, len);
	if (nlen) {
		struct stl_strbuf name = STL_STRBUF_INIT;

		stl_text_fold(s, nlen, &name);
		f = stl_schema_field_by_name(name.buf ? name.buf : "");
		if (!f)
			unknown_field(t, s, nlen);
		else if (f->type != STL_FIELD_WORDS && excluded(t))
			exclude_filter(t, f, s + nlen + 1, len - nlen - 1);
		else
			emit_field(t, f, s + nlen + 1, len - nlen - 1);
		stl_strbuf_release(&name);
		return;
	}
	emit_word(t, s, len);
}

static void handle_quote(struct tr *t)
{
	if (t->in_quotes) {
		stl_strbuf_addch(t->out, '"');
		t->in_quotes = false;
		t->glue = false;
		t->signed_item = t->quote_signed;
		return;
	}
	note_item(t);
	emit_sep(t);
	stl_strbuf_addch(t->out, '"');
	t->quote_signed = t->sign_pending;
	t->sign_pending = false;
	t->in_quotes = true;
	t->glue = true;
	t->last_op = false;
	t->items++;
}

static void handle_paren(struct tr *t, ucs4_t c)
{
	if (c == '(') {
		if (++t->depth > QUERY_MAX_DEPTH) {
			tr_error(t, "demasiados paréntesis anidados (máximo %d)",
				 QUERY_MAX_DEPTH);
			return;
		}
		t->depth--;
		note_item(t);
		t->depth++;
		emit_sep(t);
		stl_strbuf_addch(t->out, '(');
		t->group_start[t->depth] = t->out->len;
		t->positive[t->depth] = false;
		t->glue = true;
		t->items = 0;
		return;
	}
	if (!t->depth)
		return;		/* an unmatched ')' is dropped */
	if (t->last_op) {
		stl_strbuf_setlen(t->out, t->op_start);
		t->last_op = false;
	}
	flush_tail(t, t->depth);
	t->depth--;
	stl_strbuf_addch(t->out, ')');
	t->glue = false;
	t->items = 1;
}

static void lex(struct tr *t)
{
	while (t->i < t->len && t->status == STL_STATUS_SUCCESS) {
		size_t start = t->i;
		ucs4_t c;
		size_t n = cp_at(t->q + t->i, t->len - t->i, &c);

		if (is_space_cp(c)) {
			t->i += n;
			continue;
		}
		if (is_quote_cp(c)) {
			t->i += n;
			handle_quote(t);
			continue;
		}
		if (!t->in_quotes && (c == '(' || c == ')')) {
			t->i += n;
			handle_paren(t, c);
			continue;
		}
		while (t->i < t->len) {
			n = cp_at(t->q + t->i, t->len - t->i, &c);
			if (is_break_cp(c))
				break;
			t->i += n;
		}
		if (t->i == start) {	/* '(' or ')' inside quotes */
			t->i += n;
			continue;
		}
		handle_run(t, t->q + start, t->i - start);
	}
}

static void finish(struct tr *t)
{
	if (t->in_quotes)
		stl_strbuf_addch(t->out, '"');
	if (t->last_op)
		stl_strbuf_setlen(t->out, t->op_start);
	for (; t->depth; t->depth--) {
		flush_tail(t, t->depth);
		stl_strbuf_addch(t->out, ')');
	}
	flush_tail(t, 0);
}

stl_status_t query_translate(const char *query, struct stl_strbuf *out,
			     struct query_info *info, char **errmsg)
{
	struct tr t = { .q = query, .out = out, .info = info,
			.errmsg = errmsg, .status = STL_STATUS_SUCCESS };
	size_t base = out->len, k;

	for (k = 0; k <= QUERY_MAX_DEPTH; k++)
		stl_strbuf_init(&t.tails[k], 0);
	t.group_start[0] = base;
	*errmsg = NULL;
	memset(info, 0, sizeof(*info));
	t.len = strlen(query);
	if (t.len > QUERY_MAX)
		return tr_error(&t, "la consulta es demasiado larga (%zu bytes; el máximo es %d)",
				t.len, QUERY_MAX);
	if (u8_check((const uint8_t *)query, t.len))
		return tr_error(&t, "la consulta no es texto UTF-8 válido");
	lex(&t);
	if (t.status == STL_STATUS_SUCCESS)
		finish(&t);
	for (k = 0; k <= QUERY_MAX_DEPTH; k++)
		stl_strbuf_release(&t.tails[k]);
	if (t.status == STL_STATUS_SUCCESS && stl_strbuf_failed(out))
		t.status = STL_STATUS_OUT_OF_MEMORY;
	for (k = base; t.status == STL_STATUS_SUCCESS && k < out->len; k++)
		if (out->buf[k] != ' ' && out->buf[k] != '"' &&
		    out->buf[k] != '(' && out->buf[k] != ')')
			break;
	/* Nothing typed, or only "*": everything. Operators, quotes or
	 * signs without a word are a slip, said so. */
	if (t.status == STL_STATUS_SUCCESS && k == out->len) {
		if (query[strspn(query, " \t*")])
			return tr_error(&t, "la consulta está vacía: escriba al menos una palabra");
		stl_strbuf_setlen(out, base);
		info->match_all = true;
	}
	return t.status;
}

void query_info_release(struct query_info *info)
{
	while (info->nwildcards)
		free(info->wildcards[--info->nwildcards]);
	free(info->wildcards);
	info->wildcards = NULL;
}
