/*
 * query.c - the query language: translation to a canonical query and the
 * configured Xapian parser; see query.h.
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

/* ---- fields --------------------------------------------------------------- */

enum field_type { F_TEXT, F_KIND, F_DATE, F_INSTITUTION };

struct field {
	const char *name;	/* folded, as the user may type it */
	const char *canon;	/* the name given to Xapian's parser */
	enum field_type type;
	const char *prefix;	/* term prefix of F_TEXT fields */
};

static const struct field fields[] = {
	{ "asistente", "asistente", F_TEXT, STL_PREFIX_ATTENDEE },
	{ "persona", "persona", F_TEXT, STL_PREFIX_PERSON },
	{ "institucion", "institucion", F_INSTITUTION, NULL },
	{ "tema", "tema", F_TEXT, STL_PREFIX_TOPIC },
	{ "acuerdo", "acuerdo", F_TEXT, STL_PREFIX_AGREEMENT },
	{ "lugar", "lugar", F_TEXT, STL_PREFIX_PLACE },
	{ "evento", "evento", F_TEXT, STL_PREFIX_EVENT },
	{ "tipo", "tipo", F_KIND, NULL },
	{ "fecha", "fecha", F_DATE, NULL },
	/* English aliases. */
	{ "attendee", "asistente", F_TEXT, STL_PREFIX_ATTENDEE },
	{ "person", "persona", F_TEXT, STL_PREFIX_PERSON },
	{ "institution", "institucion", F_INSTITUTION, NULL },
	{ "topic", "tema", F_TEXT, STL_PREFIX_TOPIC },
	{ "agreement", "acuerdo", F_TEXT, STL_PREFIX_AGREEMENT },
	{ "place", "lugar", F_TEXT, STL_PREFIX_PLACE },
	{ "event", "evento", F_TEXT, STL_PREFIX_EVENT },
	{ "type", "tipo", F_KIND, NULL },
	{ "kind", "tipo", F_KIND, NULL },
	{ "date", "fecha", F_DATE, NULL },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

const char *query_field_names(void)
{
	return "asistente, persona, institucion, tema, acuerdo, lugar, "
	       "evento, tipo, fecha (en inglés: attendee, person, "
	       "institution, topic, agreement, place, event, type, date)";
}

static const struct field *find_field(const char *folded)
{
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (!strcmp(fields[i].name, folded))
			return &fields[i];
	return NULL;
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
	size_t items;		/* items in the current group */
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

static void emit_item(struct tr *t, const char *s, size_t len)
{
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
static bool is_near(const char *s, size_t len)
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

	stl_text_fold(value, len, &sb);
	t->info->has_kind = true;
	if (!strcmp(sb.buf, "minuta") || !strcmp(sb.buf, "minutas"))
		emit_item(t, "tipo:" STL_KIND_MINUTE,
			  strlen("tipo:" STL_KIND_MINUTE));
	else if (!strcmp(sb.buf, "acuerdo") || !strcmp(sb.buf, "acuerdos"))
		emit_item(t, "tipo:" STL_KIND_AGREEMENT,
			  strlen("tipo:" STL_KIND_AGREEMENT));
	else if (strcmp(sb.buf, "todo") && strcmp(sb.buf, "todos"))
		tr_error(t, "tipo no válido '%.*s': use tipo:minuta, tipo:acuerdo o tipo:todo",
			 (int)len, value);
	stl_strbuf_release(&sb);
}

/* A value for a field processor, passed through quoted and untouched. */
static void emit_raw(struct tr *t, const struct field *f, const char *value,
		     size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	size_t k;

	stl_strbuf_addf(&sb, "%s:\"", f->canon);
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

static void emit_field(struct tr *t, const struct field *f, const char *rest,
		       size_t rlen)
{
	size_t vs, ve;
	ucs4_t c = 0;

	if (t->i < t->len)
		cp_at(t->q + t->i, t->len - t->i, &c);
	if (!rlen && (t->i >= t->len || !(is_quote_cp(c) || c == '('))) {
		tr_error(t, "falta el valor del campo '%s:'", f->canon);
		return;
	}
	if (f->type != F_TEXT) {
		if (!rlen && c == '(') {
			tr_error(t, "el campo '%s:' no admite paréntesis; escriba un valor por campo",
				 f->canon);
			return;
		}
		if (!rlen) {
			read_quoted(t, &vs, &ve);
			rest = t->q + vs;
			rlen = ve - vs;
		}
		if (f->type == F_KIND)
			emit_kind(t, rest, rlen);
		else
			emit_raw(t, f, rest, rlen);
		return;
	}
	emit_sep(t);
	stl_strbuf_addf(t->out, "%s:", f->canon);
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

static void handle_run(struct tr *t, const char *s, size_t len)
{
	const struct field *f;
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
	if (is_near(s, len)) {
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
		f = find_field(name.buf);
		if (!f)
			tr_error(t, "campo desconocido '%.*s:'; los campos son: %s",
				 (int)nlen, s, query_field_names());
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
		emit_sep(t);
		stl_strbuf_addch(t->out, '(');
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
	while (t->depth--)
		stl_strbuf_addch(t->out, ')');
}

stl_status_t query_translate(const char *query, struct stl_strbuf *out,
			     struct query_info *info, char **errmsg)
{
	struct tr t = { .q = query, .out = out, .info = info,
			.errmsg = errmsg, .status = STL_STATUS_SUCCESS };
	size_t base = out->len, k;

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
	if (t.status == STL_STATUS_SUCCESS && stl_strbuf_failed(out))
		t.status = STL_STATUS_OUT_OF_MEMORY;
	for (k = base; t.status == STL_STATUS_SUCCESS && k < out->len; k++)
		if (out->buf[k] != ' ' && out->buf[k] != '"' &&
		    out->buf[k] != '(' && out->buf[k] != ')')
			break;
	if (t.status == STL_STATUS_SUCCESS && k == out->len)
		tr_error(&t, "la consulta está vacía: escriba al menos una palabra");
	return t.status;
}

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
	return end > i && is_near(s + i, end - i);
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
	return i > start && is_near(s + start, i - start);
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

void query_info_release(struct query_info *info)
{
	while (info->nwildcards)
		free(info->wildcards[--info->nwildcards]);
	free(info->wildcards);
	info->wildcards = NULL;
}

/* ---- the Xapian parser ------------------------------------------------------------------ */

struct query_parser;

/* What the phrase field processor of one kind's parser needs. */
struct phrase_ctx {
	enum query_kind kind;
};

/* One Xapian parser per kind of document: they share no text prefix. */
struct query_parser {
	stl_qparser_t *qp[QUERY_NKINDS];
	struct phrase_ctx phrase[QUERY_NKINDS];
	stl_reader_t *r;
	const struct stl_institutions *inst;
};

static size_t stem_cb(void *ctx, const char *word, size_t len, char *out)
{
	(void)ctx;
	return stl_stem(word, len, out);
}

/* Where the words of a minute are (schema.h): free text searches these. */
static const char *const text_prefixes[] = {
	STL_PREFIX_TEXT, STL_PREFIX_ATTENDEE, STL_PREFIX_INSTITUTION,
	STL_PREFIX_TOPIC, STL_PREFIX_AGREEMENT, STL_PREFIX_PLACE,
	STL_PREFIX_EVENT,
};

#define NTEXT_PREFIXES (sizeof(text_prefixes) / sizeof(text_prefixes[0]))

static const char *const agreement_prefixes[] = { STL_PREFIX_AGREEMENT_DOC };

static stl_status_t phrase_query(const char *prefix, const char *value,
				 stl_query_t **out);

/*
 * A phrase of free text (query_fast_phrases()): the phrase under each
 * text prefix, combined with MAX. Xapian's parser ORs them, and an OR of
 * phrases has a maximum weight no page of hits reaches, so the matcher
 * checked the positions of every candidate (52 ms for "hoja de ruta" on
 * 100,000 minutes; one prefix alone: 8 ms).
 */
static stl_status_t phrase_cb(void *ctx, const char *value,
			      stl_query_t **out, char **errmsg)
{
	const struct phrase_ctx *pc = ctx;
	const char *const *prefixes = pc->kind == QUERY_AGREEMENTS
					      ? agreement_prefixes
					      : text_prefixes;
	size_t nprefixes = pc->kind == QUERY_AGREEMENTS ? 1 : NTEXT_PREFIXES;
	stl_query_t *per[NTEXT_PREFIXES] = { NULL };
	stl_status_t ret = STL_STATUS_SUCCESS;
	char *words = strdup(value), *u;
	size_t i;

	*errmsg = NULL;
	if (!words)
		return STL_STATUS_OUT_OF_MEMORY;
	for (u = words; *u; u++)
		if (*u == '_')
			*u = ' ';
	for (i = 0; i < nprefixes && !ret; i++)
		ret = phrase_query(prefixes[i], words, &per[i]);
	free(words);
	if (!ret)
		ret = stl_query_combine(STL_QUERY_MAX, per, nprefixes, 0, out);
	for (i = 0; i < nprefixes; i++)
		stl_query_destroy(per[i]);
	return ret;
}

/* The first and last year of a dated document ("" if none). */
struct years {
	char first[5], last[5];
};

static int year_cb(const char *term, size_t len, unsigned freq, void *ctx)
{
	struct years *y = ctx;

	(void)freq;
	if (len != 5)
		return 0;
	if (!y->first[0])
		memcpy(y->first, term + 1, 5);
	memcpy(y->last, term + 1, 5);
	return 0;
}

struct cover {
	stl_query_t **v;
	size_t n;
	stl_status_t st;
};

static int cover_cb(int year, int month, int day, void *ctx)
{
	struct cover *c = ctx;
	char term[16];

	if (!month)
		snprintf(term, sizeof(term), "%s%04d", STL_TERM_YEAR, year);
	else if (!day)
		snprintf(term, sizeof(term), "%s%04d%02d", STL_TERM_MONTH,
			 year, month);
	else
		snprintf(term, sizeof(term), "%s%04d%02d%02d", STL_TERM_DAY,
			 year, month, day);
	c->st = stl_query_new_term(term, &c->v[c->n]);
	c->n += !c->st;
	return c->st != STL_STATUS_SUCCESS;
}

/*
 * An open end is the first or last year an index has: a range then
 * becomes terms too.
 */
static stl_status_t close_range(struct query_parser *p, char lo[9],
				char hi[9])
{
	struct years y = { "", "" };
	stl_status_t ret = STL_STATUS_SUCCESS;

	if (lo[0] && hi[0])
		return ret;
	ret = stl_reader_terms(p->r, STL_TERM_YEAR, year_cb, &y);
	if (ret != STL_STATUS_SUCCESS || !y.first[0])
		return ret;
	if (!lo[0])
		snprintf(lo, 9, "%s0101", y.first);
	if (!hi[0])
		snprintf(hi, 9, "%s1231", y.last);
	return ret;
}

/*
 * fecha: as the year, month and day terms covering the range: a posting
 * list or a few, where a value range would read the date of every
 * document.
 */
static stl_status_t fecha_cb(void *ctx, const char *value,
			     stl_query_t **out, char **errmsg)
{
	struct query_parser *p = ctx;
	struct cover c = { NULL, 0, STL_STATUS_SUCCESS };
	char lo[9], hi[9];
	size_t max;
	stl_status_t ret;

	ret = fecha_parse(value, lo, hi, errmsg);
	if (ret == STL_STATUS_SUCCESS)
		ret = close_range(p, lo, hi);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	if (!lo[0] || !hi[0] || strcmp(lo, hi) > 0)
		return stl_query_new_match_nothing(out);
	max = fecha_cover(lo, hi, NULL, NULL);
	c.v = calloc(max, sizeof(*c.v));
	if (!c.v)
		return STL_STATUS_OUT_OF_MEMORY;
	fecha_cover(lo, hi, cover_cb, &c);
	ret = c.st;
	if (!ret)
		ret = stl_query_combine(STL_QUERY_OR, c.v, c.n, 0, out);
	while (c.n)
		stl_query_destroy(c.v[--c.n]);
	free(c.v);
	return ret;
}

/* Terms of @value under @prefix as a phrase (or a term). */
static stl_status_t phrase_query(const char *prefix, const char *value,
				 stl_query_t **out)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_query_t **subs = NULL;
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t n, i, plen = strlen(prefix);
	char *p, *save = NULL;

	*out = NULL;
	n = analyze_into(value, strlen(value), ' ', &sb);
	if (stl_strbuf_failed(&sb))
		return STL_STATUS_OUT_OF_MEMORY;
	subs = calloc(n ? n : 1, sizeof(*subs));
	if (!subs) {
		ret = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	i = 0;
	for (p = strtok_r(sb.buf, " ", &save); p && !ret && i < n;
	     p = strtok_r(NULL, " ", &save)) {
		char term[STL_XAPIAN_TERM_MAX + 1];

		snprintf(term, sizeof(term), "%.*s%s", (int)plen, prefix, p);
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

/*
 * institucion:IEEM, institucion:"Instituto Electoral del Estado de
 * México", institucion:"Tendiendo Puentes": the table's id when the value
 * names a known institution, or else the words as a phrase in the
 * institution names of attendees.
 */
static stl_status_t institution_cb(void *ctx, const char *value,
				   stl_query_t **out, char **errmsg)
{
	struct query_parser *p = ctx;
	const struct stl_institution *in = NULL;
	stl_query_t *subs[2] = { NULL, NULL };
	char term[STL_XAPIAN_TERM_MAX + 1];
	stl_status_t ret;

	struct stl_strbuf id = STL_STRBUF_INIT;
	size_t n = 1;

	*errmsg = NULL;
	if (p->inst)
		in = stl_institutions_lookup(p->inst, value, strlen(value));
	ret = phrase_query(STL_PREFIX_INSTITUTION, value, &subs[0]);
	/* Every document carries I<id>: the table's id, or the folded name
	 * of an organization the table does not know. */
	if (!ret && !in)
		ret = stl_text_fold(value, strlen(value), &id);
	if (!ret && (in || id.len)) {
		snprintf(term, sizeof(term), "%s%s", STL_TERM_INSTITUTION,
			 in ? in->id : id.buf);
		ret = stl_query_new_term(term, &subs[n++]);
	}
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


/* The prefix of a text field on documents of @kind. */
static const char *field_prefix(const struct field *f, enum query_kind kind)
{
	if (kind == QUERY_AGREEMENTS) {
		if (!strcmp(f->prefix, STL_PREFIX_AGREEMENT))
			return STL_PREFIX_AGREEMENT_DOC;
		if (!strcmp(f->prefix, STL_PREFIX_PERSON))
			return STL_PREFIX_PERSON_DOC;
	}
	return f->prefix;
}

static stl_status_t configure(struct query_parser *p, enum query_kind kind)
{
	stl_qparser_t *qp = p->qp[kind];
	size_t i, nstop;
	const char *const *stop = stl_stopwords(&nstop);
	stl_status_t ret;

	ret = stl_qparser_set_stemmer(qp, stem_cb, NULL);
	if (!ret)
		ret = stl_qparser_set_stopwords(qp, stop, nstop);
	if (!ret)
		ret = stl_qparser_set_max_wildcard(qp, 1000);
	/* Each word of a minute is indexed under the prefix of the field
	 * that holds it, its stem under that prefix and alone (schema 4):
	 * free text searches every field, and query_parse() keeps only the
	 * stem alone. An agreement's words are all its text. */
	if (kind == QUERY_AGREEMENTS && !ret)
		ret = stl_qparser_add_prefix(qp, "", STL_PREFIX_AGREEMENT_DOC);
	for (i = 0; kind == QUERY_MINUTES && i < NTEXT_PREFIXES && !ret; i++)
		ret = stl_qparser_add_prefix(qp, "", text_prefixes[i]);
	p->phrase[kind].kind = kind;
	if (!ret)
		ret = stl_qparser_add_field(qp, QUERY_PHRASE_FIELD, phrase_cb,
					    &p->phrase[kind], false, false);
	/* persona: on a minute is who attended (their names are asistente:
	 * words) and who its agreements concern. */
	if (kind == QUERY_MINUTES && !ret)
		ret = stl_qparser_add_prefix(qp, "persona",
					     STL_PREFIX_ATTENDEE);
	for (i = 0; i < NFIELDS && !ret; i++) {
		const struct field *f = &fields[i];

		/* Aliases were mapped to canonical names already. */
		if (strcmp(f->name, f->canon))
			continue;
		if (f->type == F_TEXT)
			ret = stl_qparser_add_prefix(qp, f->canon,
						     field_prefix(f, kind));
		else if (f->type == F_KIND)
			ret = stl_qparser_add_boolean_prefix(qp, f->canon,
							     STL_TERM_KIND,
							     true);
		else if (f->type == F_DATE)
			ret = stl_qparser_add_field(qp, f->canon, fecha_cb,
						    p, true, true);
		else
			ret = stl_qparser_add_field(qp, f->canon,
						    institution_cb, p, true,
						    false);
	}
	return ret;
}

stl_status_t query_parser_new(stl_reader_t *r,
			      const struct stl_institutions *inst,
			      struct query_parser **out)
{
	struct query_parser *p = calloc(1, sizeof(*p));
	stl_status_t ret;

	*out = NULL;
	if (!p)
		return STL_STATUS_OUT_OF_MEMORY;
	p->inst = inst;
	p->r = r;
	ret = stl_qparser_new(r, &p->qp[QUERY_MINUTES]);
	if (!ret)
		ret = configure(p, QUERY_MINUTES);
	if (!ret)
		ret = stl_qparser_new(r, &p->qp[QUERY_AGREEMENTS]);
	if (!ret)
		ret = configure(p, QUERY_AGREEMENTS);
	if (ret) {
		query_parser_destroy(p);
		return ret;
	}
	*out = p;
	return STL_STATUS_SUCCESS;
}

void query_parser_destroy(struct query_parser *p)
{
	if (!p)
		return;
	stl_qparser_destroy(p->qp[QUERY_MINUTES]);
	stl_qparser_destroy(p->qp[QUERY_AGREEMENTS]);
	free(p);
}

/*
 * A minute's "Z" + stem has the stems of all its fields (schema.h), so it
 * covers "Z" + field prefix + stem for each prefix free text searches.
 */
static size_t union_stem(const char *term, size_t len, char *buf, void *ctx)
{
	struct stl_term_parts tp;
	size_t i;

	(void)ctx;
	if (!stl_schema_split_term(term, len, &tp) || !tp.stem ||
	    !tp.prefix_len)
		return 0;
	for (i = 0; i < NTEXT_PREFIXES; i++)
		if (strlen(text_prefixes[i]) == tp.prefix_len &&
		    !memcmp(text_prefixes[i], tp.prefix, tp.prefix_len))
			break;
	if (i == NTEXT_PREFIXES || 1 + tp.word_len > STL_XAPIAN_TERM_MAX)
		return 0;
	buf[0] = STL_PREFIX_STEM[0];
	memcpy(buf + 1, tp.word, tp.word_len);
	return 1 + tp.word_len;
}

stl_status_t query_parse(struct query_parser *p, enum query_kind kind,
			 const char *canonical, bool spelling,
			 stl_query_t **out, char **errmsg)
{
	unsigned flags = STL_QP_BOOLEAN | STL_QP_PHRASE | STL_QP_LOVEHATE |
			 STL_QP_WILDCARD | STL_QP_PURE_NOT | STL_QP_SYNONYMS |
			 STL_QP_NEAR;
	stl_query_t *parsed = NULL;
	stl_status_t ret;

	*out = NULL;
	*errmsg = NULL;
	if (spelling)
		flags |= STL_QP_SPELLING;
	ret = stl_qparser_parse(p->qp[kind], canonical, flags, &parsed);
	if (ret != STL_STATUS_SUCCESS) {
		*errmsg = strdup(stl_qparser_last_error(p->qp[kind]));
		return ret;
	}
	/* A parse for the spelling suggestion is never run. */
	if (kind != QUERY_MINUTES || spelling) {
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

char *query_parser_corrected(struct query_parser *p)
{
	return stl_qparser_corrected_query(p->qp[QUERY_MINUTES]);
}
