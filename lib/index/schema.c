/*
 * schema.c - the index layout: the table of fields and the builders of
 * every term; see schema.h.
 */
#include "stl/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Boolean term prefixes: one capital letter other than X (split_term()). */
#define PREFIX_ID "Q"		/* Qm<key>: unique to a minute document */
#define PREFIX_FILE "F"		/* F<key>: every document of a file */
#define PREFIX_KIND "K"		/* Kminuta, Kacuerdo */
#define PREFIX_YEAR "Y"		/* Y2020 */
#define PREFIX_MONTH "M"	/* M202010 */
#define PREFIX_DAY "D"		/* D20201015 */
#define PREFIX_INSTITUTION "I"	/* I<institution id> of attendees */
#define PREFIX_COPY "C"		/* C<copy key>: the same minute's files */
#define PREFIX_NEXT "N"		/* N20201001: a minute announcing that day */
#define PREFIX_EVENT "V"	/* V<hash of the event key>: its minutes */
#define PREFIX_STEM "Z"

#define WORDS(...) STL_FIELD_WORDS, { __VA_ARGS__ }

const struct stl_field stl_fields[STL_NFIELDS] = {
	[STL_FIELD_TEXT] = { STL_FIELD_TEXT, NULL, { NULL },
			     WORDS("", NULL), STL_FIELD_FREE },
	[STL_FIELD_ATTENDEE] = { STL_FIELD_ATTENDEE, "asistente",
				 { "attendee", NULL }, WORDS("XA", NULL),
				 STL_FIELD_FREE | STL_FIELD_UNION |
				 STL_FIELD_BY_INSTITUTION },
	/* Not free text: the names are the attendees' (XA) or the
	 * agreements' people, whom free text finds in the agreements. */
	[STL_FIELD_PERSON] = { STL_FIELD_PERSON, "persona", { "person", NULL },
			       WORDS("XP", "XR"), STL_FIELD_ATTENDEES_TOO },
	[STL_FIELD_INSTITUTION] = { STL_FIELD_INSTITUTION, "institucion",
				    { "institution", NULL },
				    STL_FIELD_PROCESSOR, { "XI", NULL },
				    STL_FIELD_FREE | STL_FIELD_UNION },
	[STL_FIELD_TOPIC] = { STL_FIELD_TOPIC, "tema", { "topic", NULL },
			      WORDS("XT", NULL),
			      STL_FIELD_FREE | STL_FIELD_UNION },
	[STL_FIELD_AGREEMENT] = { STL_FIELD_AGREEMENT, "acuerdo",
				  { "agreement", NULL }, WORDS("XC", "XD"),
				  STL_FIELD_FREE | STL_FIELD_UNION },
	[STL_FIELD_PLACE] = { STL_FIELD_PLACE, "lugar", { "place", NULL },
			      WORDS("XL", NULL),
			      STL_FIELD_FREE | STL_FIELD_UNION },
	[STL_FIELD_EVENT] = { STL_FIELD_EVENT, "evento", { "event", NULL },
			      WORDS("XE", NULL),
			      STL_FIELD_FREE | STL_FIELD_UNION },
	[STL_FIELD_KIND] = { STL_FIELD_KIND, "tipo", { "type", "kind", NULL },
			     STL_FIELD_BOOLEAN, { PREFIX_KIND, PREFIX_KIND },
			     0 },
	[STL_FIELD_DATE] = { STL_FIELD_DATE, "fecha", { "date", NULL },
			     STL_FIELD_PROCESSOR, { NULL, NULL }, 0 },
};

/* ---- kinds --------------------------------------------------------------- */

static const char *const kind_names[STL_DOC_NKINDS] = { "minuta", "acuerdo" };

const char *stl_schema_kind_name(enum stl_doc_kind kind)
{
	return (unsigned)kind < STL_DOC_NKINDS ? kind_names[kind] : NULL;
}

bool stl_schema_kind_parse(const char *w, enum stl_doc_kind *kind)
{
	static const struct {
		const char *word;
		enum stl_doc_kind kind;
	} words[] = {
		{ "minuta", STL_DOC_MINUTE }, { "minutas", STL_DOC_MINUTE },
		{ "acuerdo", STL_DOC_AGREEMENT },
		{ "acuerdos", STL_DOC_AGREEMENT },
		{ "todo", STL_DOC_ANY }, { "todos", STL_DOC_ANY },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(w, words[i].word)) {
			*kind = words[i].kind;
			return true;
		}
	return false;
}

/* ---- fields ---------------------------------------------------------------- */

const struct stl_field *stl_schema_field_by_name(const char *name)
{
	size_t i, k;

	for (i = 0; i < STL_NFIELDS; i++) {
		const struct stl_field *f = &stl_fields[i];

		if (!f->name)
			continue;
		if (!strcmp(f->name, name))
			return f;
		for (k = 0; f->aliases[k]; k++)
			if (!strcmp(f->aliases[k], name))
				return f;
	}
	return NULL;
}

const char *stl_schema_query_prefix(const struct stl_field *f,
				    enum stl_doc_kind kind)
{
	return f->prefix[kind] ? f->prefix[kind] : f->prefix[STL_DOC_MINUTE];
}

size_t stl_schema_free_prefixes(enum stl_doc_kind kind, const char **out,
				size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < STL_NFIELDS; i++) {
		const struct stl_field *f = &stl_fields[i];

		if (!(f->flags & STL_FIELD_FREE) || !f->prefix[kind])
			continue;
		if (n < max)
			out[n] = f->prefix[kind];
		n++;
	}
	return n;
}

static bool prefix_is(const char *prefix, const char *p, size_t len)
{
	return prefix && strlen(prefix) == len && !memcmp(prefix, p, len);
}

bool stl_schema_in_union(const char *prefix, size_t len)
{
	size_t i;

	for (i = 0; i < STL_NFIELDS; i++)
		if ((stl_fields[i].flags & STL_FIELD_UNION) &&
		    prefix_is(stl_fields[i].prefix[STL_DOC_MINUTE], prefix, len))
			return true;
	return false;
}

/* ---- word terms ------------------------------------------------------------- */

static size_t join(const char *a, size_t alen, const char *b, size_t blen,
		   const char *c, size_t clen, char out[STL_SCHEMA_TERM_SIZE])
{
	if (alen + blen + clen > STL_XAPIAN_TERM_MAX)
		return 0;
	memcpy(out, a, alen);
	memcpy(out + alen, b, blen);
	memcpy(out + alen + blen, c, clen);
	out[alen + blen + clen] = '\0';
	return alen + blen + clen;
}

size_t stl_schema_word_term(const char *prefix, const char *word, size_t len,
			    char out[STL_SCHEMA_TERM_SIZE])
{
	return join(prefix, strlen(prefix), word, len, "", 0, out);
}

size_t stl_schema_stem_term(const char *prefix, const char *stem, size_t len,
			    char out[STL_SCHEMA_TERM_SIZE])
{
	return join(PREFIX_STEM, 1, prefix, strlen(prefix), stem, len, out);
}

static bool is_capital(char c)
{
	return c >= 'A' && c <= 'Z';
}

bool stl_schema_split_term(const char *term, size_t len,
			   struct stl_term_parts *out)
{
	size_t k = 0, p;

	out->stem = len && term[0] == PREFIX_STEM[0];
	k = out->stem;
	p = k;
	if (k < len && is_capital(term[k])) {
		if (term[k] != 'X')
			return false;
		while (k < len && is_capital(term[k]))
			k++;
	}
	out->prefix = term + p;
	out->prefix_len = k - p;
	out->word = term + k;
	out->word_len = len - k;
	return true;
}

unsigned stl_schema_term_kinds(const char *term, size_t len)
{
	struct stl_term_parts tp;
	unsigned mask = 0, kind;
	size_t i;

	if (!stl_schema_split_term(term, len, &tp))
		return 0;
	/* "Z" + stem alone is a minute's union stem. */
	if (tp.stem && !tp.prefix_len)
		return 1u << STL_DOC_MINUTE;
	for (i = 0; i < STL_NFIELDS; i++) {
		if (stl_fields[i].type == STL_FIELD_BOOLEAN)
			continue;
		for (kind = 0; kind < STL_DOC_NKINDS; kind++)
			if (prefix_is(stl_fields[i].prefix[kind], tp.prefix,
				      tp.prefix_len))
				mask |= 1u << kind;
	}
	return mask;
}

/* ---- boolean terms ----------------------------------------------------------- */

static void file_key(const char *path, char key[STL_SCHEMA_KEY_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	XXH64_hash_t h = XXH64(path, strlen(path), 0);
	int i;

	for (i = 15; i >= 0; i--, h >>= 4)
		key[i] = hex[h & 0xf];
	key[16] = '\0';
}

static size_t bool_term(const char *prefix, const char *value,
			char out[STL_SCHEMA_TERM_SIZE])
{
	if (!value || !*value)
		return 0;
	return join(prefix, strlen(prefix), value, strlen(value), "", 0, out);
}

size_t stl_schema_file_term(const char *path, char out[STL_SCHEMA_TERM_SIZE])
{
	char key[17];

	file_key(path, key);
	return bool_term(PREFIX_FILE, key, out);
}

size_t stl_schema_copy_key(const char *canon, size_t len, unsigned number,
			   char out[STL_SCHEMA_COPY_KEY_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	XXH64_hash_t h = XXH64(canon, len, 0);
	int i;

	for (i = 15; i >= 0; i--, h >>= 4)
		out[i] = hex[h & 0xf];
	out[16] = '\0';
	if (number)
		snprintf(out + 16, STL_SCHEMA_COPY_KEY_SIZE - 16, "-%u", number);
	return strlen(out);
}

size_t stl_schema_copy_term(const char *key, char out[STL_SCHEMA_TERM_SIZE])
{
	return bool_term(PREFIX_COPY, key, out);
}

size_t stl_schema_minute_term(const char *path,
			      char out[STL_SCHEMA_TERM_SIZE])
{
	char key[STL_SCHEMA_KEY_SIZE];

	file_key(path, key);
	return join(PREFIX_ID, 1, "m", 1, key, 16, out);
}

/* ---- ids ----------------------------------------------------------------------- */

void stl_schema_file_key(const char *path, char key[STL_SCHEMA_KEY_SIZE])
{
	file_key(path ? path : "", key);
}

/* @s starts with 16 lowercase hex digits. */
static bool is_key(const char *s)
{
	int i;

	for (i = 0; i < 16; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

size_t stl_schema_minute_term_of_key(const char *key,
				     char out[STL_SCHEMA_TERM_SIZE])
{
	if (!key || strlen(key) != 16 || !is_key(key))
		return 0;
	return join(PREFIX_ID, 1, "m", 1, key, 16, out);
}

size_t stl_schema_id(const char *key, unsigned number,
		     char out[STL_SCHEMA_ID_SIZE])
{
	int n;

	if (!key || strlen(key) != 16 || !is_key(key)) {
		out[0] = '\0';
		return 0;
	}
	if (number)
		n = snprintf(out, STL_SCHEMA_ID_SIZE, "%s-%u", key, number);
	else
		n = snprintf(out, STL_SCHEMA_ID_SIZE, "%s", key);
	return n > 0 ? (size_t)n : 0;
}

bool stl_schema_id_parse(const char *s, char key[STL_SCHEMA_KEY_SIZE],
			 unsigned *number)
{
	char low[16];
	unsigned long v = 0;
	const char *p;
	int i;

	if (!s || strlen(s) < 16)
		return false;
	for (i = 0; i < 16; i++)
		low[i] = (s[i] >= 'A' && s[i] <= 'F') ? (char)(s[i] - 'A' + 'a')
						      : s[i];
	if (!is_key(low))
		return false;
	p = s + 16;
	if (*p == '-') {
		if (!p[1] || strlen(p + 1) > 9)
			return false;
		for (p++; *p; p++) {
			if (*p < '0' || *p > '9')
				return false;
			v = v * 10 + (unsigned long)(*p - '0');
		}
		if (!v)
			return false;
	} else if (*p) {
		return false;
	}
	memcpy(key, low, 16);
	key[16] = '\0';
	*number = (unsigned)v;
	return true;
}

struct key_walk {
	char *key;
	bool found;
};

static int take_file_key(const char *term, size_t len, unsigned freq,
			 void *ctx)
{
	struct key_walk *w = ctx;

	(void)freq;
	if (len == 17 && is_key(term + 1)) {
		memcpy(w->key, term + 1, 16);
		w->key[16] = '\0';
		w->found = true;
		return 1;
	}
	return 0;
}

stl_status_t stl_schema_doc_key(stl_reader_t *r, stl_docid_t docid,
				char key[STL_SCHEMA_KEY_SIZE])
{
	struct key_walk w = { .key = key };
	char *path = NULL;
	stl_status_t st;

	key[0] = '\0';
	/* A minute's path as indexed is at hand; an agreement's is not. */
	st = stl_reader_get_value(r, docid, STL_SLOT_PATH, &path, NULL);
	if (st)
		return st;
	if (*path) {
		file_key(path, key);
		free(path);
		return STL_STATUS_SUCCESS;
	}
	free(path);
	st = stl_reader_doc_terms(r, docid, PREFIX_FILE, take_file_key, &w);
	if (st)
		return st;
	return w.found ? STL_STATUS_SUCCESS : STL_STATUS_NOT_FOUND;
}

size_t stl_schema_kind_term(enum stl_doc_kind kind,
			    char out[STL_SCHEMA_TERM_SIZE])
{
	return bool_term(PREFIX_KIND, stl_schema_kind_name(kind), out);
}

size_t stl_schema_institution_term(const char *id,
				   char out[STL_SCHEMA_TERM_SIZE])
{
	return bool_term(PREFIX_INSTITUTION, id, out);
}

size_t stl_schema_date_term(int year, int month, int day,
			    char out[STL_SCHEMA_TERM_SIZE])
{
	int n;

	if (year < 0 || year > 9999 || month < 0 || month > 12 || day < 0 ||
	    day > 31 || (day && !month))
		return 0;
	if (!month)
		n = snprintf(out, STL_SCHEMA_TERM_SIZE, PREFIX_YEAR "%04d", year);
	else if (!day)
		n = snprintf(out, STL_SCHEMA_TERM_SIZE, PREFIX_MONTH "%04d%02d",
			     year, month);
	else
		n = snprintf(out, STL_SCHEMA_TERM_SIZE, PREFIX_DAY "%04d%02d%02d",
			     year, month, day);
	return n > 0 ? (size_t)n : 0;
}

static int digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

stl_status_t stl_schema_add_date(stl_doc_t *doc, const char *iso)
{
	char term[STL_SCHEMA_TERM_SIZE], value[9];
	int y, m, d, k;
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t len;

	if (!iso || strlen(iso) != 10)
		return STL_STATUS_SUCCESS;
	y = digits(iso, 4);
	m = digits(iso + 5, 2);
	d = digits(iso + 8, 2);
	if (y < 0 || m <= 0 || d <= 0)
		return STL_STATUS_SUCCESS;
	for (k = 0; k < 3 && ret == STL_STATUS_SUCCESS; k++) {
		len = stl_schema_date_term(y, k ? m : 0, k == 2 ? d : 0, term);
		if (len)
			ret = stl_doc_add_boolean_term(doc, term, len);
	}
	snprintf(value, sizeof(value), "%04d%02d%02d", y % 10000, m % 100,
		 d % 100);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_doc_set_value(doc, STL_SLOT_DATE, value, 8);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_doc_set_value(doc, STL_SLOT_YEAR, value, 4);
	return ret;
}

struct years {
	int first, last;
};

static int year_cb(const char *term, size_t len, unsigned freq, void *ctx)
{
	struct years *y = ctx;
	int v;

	(void)freq;
	if (len != 5)
		return 0;
	v = atoi(term + 1);
	if (!y->first)
		y->first = v;
	y->last = v;
	return 0;
}

stl_status_t stl_schema_years(stl_reader_t *r, int *first, int *last)
{
	struct years y = { 0, 0 };
	stl_status_t ret = stl_reader_terms(r, PREFIX_YEAR, year_cb, &y);

	*first = y.first;
	*last = y.last;
	return ret;
}

/* ---- follow-up links ------------------------------------------------------------ */

size_t stl_schema_next_meeting_term(const char *iso,
				    char out[STL_SCHEMA_TERM_SIZE])
{
	int y, m, d;

	if (!iso || strlen(iso) != 10)
		return 0;
	y = digits(iso, 4);
	m = digits(iso + 5, 2);
	d = digits(iso + 8, 2);
	if (y < 0 || m <= 0 || m > 12 || d <= 0 || d > 31)
		return 0;
	return (size_t)snprintf(out, STL_SCHEMA_TERM_SIZE,
				PREFIX_NEXT "%04d%02d%02d", y, m, d);
}

size_t stl_schema_event_term(const char *key, char out[STL_SCHEMA_TERM_SIZE])
{
	char hash[STL_SCHEMA_KEY_SIZE];

	if (!key || !*key)
		return 0;
	/* The key's hash, so that a long event name makes a short term. */
	file_key(key, hash);
	return bool_term(PREFIX_EVENT, hash, out);
}

/* The value of STL_SLOT_LINKS: the follow-up day's term, a newline, the
 * event's term; either may be empty. */
stl_status_t stl_schema_add_links(stl_doc_t *doc, const char *event_key,
				  const char *next_iso)
{
	char ev[STL_SCHEMA_TERM_SIZE], next[STL_SCHEMA_TERM_SIZE];
	char value[2 * STL_SCHEMA_TERM_SIZE];
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t elen, nlen;

	elen = stl_schema_event_term(event_key, ev);
	nlen = stl_schema_next_meeting_term(next_iso, next);
	if (elen)
		ret = stl_doc_add_boolean_term(doc, ev, elen);
	if (nlen && ret == STL_STATUS_SUCCESS)
		ret = stl_doc_add_boolean_term(doc, next, nlen);
	if ((!elen && !nlen) || ret != STL_STATUS_SUCCESS)
		return ret;
	memcpy(value, next, nlen);
	value[nlen] = '\n';
	memcpy(value + nlen + 1, ev, elen);
	return stl_doc_set_value(doc, STL_SLOT_LINKS, value, nlen + 1 + elen);
}

bool stl_schema_links_parse(const char *v, size_t len, char next_iso[11],
			    char event[STL_SCHEMA_TERM_SIZE])
{
	const char *nl = memchr(v, '\n', len);
	size_t nlen = nl ? (size_t)(nl - v) : 0, elen = len - nlen - 1;

	next_iso[0] = event[0] = '\0';
	if (!nl || (nlen && (nlen != 9 || v[0] != PREFIX_NEXT[0])) ||
	    (elen && (elen >= STL_SCHEMA_TERM_SIZE || nl[1] != PREFIX_EVENT[0])))
		return false;
	if (nlen)
		snprintf(next_iso, 11, "%.4s-%.2s-%.2s", v + 1, v + 5, v + 7);
	memcpy(event, nl + 1, elen);
	event[elen] = '\0';
	return true;
}

/* ---- the version -------------------------------------------------------------- */

#define META_SCHEMA "stl:schema"	/* STL_SCHEMA_VERSION, decimal */

stl_status_t stl_schema_version(stl_reader_t *r, long *version)
{
	char *value = NULL;
	unsigned count = 0;
	stl_status_t ret;

	ret = stl_reader_get_metadata(r, META_SCHEMA, &value, NULL);
	if (ret == STL_STATUS_NOT_FOUND) {
		ret = stl_reader_doccount(r, &count);
		*version = count ? 0 : STL_SCHEMA_VERSION;
		return ret;
	}
	if (ret == STL_STATUS_SUCCESS)
		*version = strtol(value, NULL, 10);
	free(value);
	return ret;
}

stl_status_t stl_schema_stamp(stl_writer_t *w)
{
	char v[16];

	snprintf(v, sizeof(v), "%d", STL_SCHEMA_VERSION);
	return stl_writer_set_metadata(w, META_SCHEMA, v, strlen(v));
}
