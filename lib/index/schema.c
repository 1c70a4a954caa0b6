/*
 * schema.c - the index layout: the table of fields and the builders of
 * every term; see schema.h.
 */
#include "stl/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "stl/minute.h"
#include "stl/strbuf.h"

/* Boolean term prefixes: one capital letter other than X (split_term()). */
#define PREFIX_ID "Q"		/* Qm<key>: unique to a minute document */
#define PREFIX_FILE "F"		/* F<key>: every document of a file */
#define PREFIX_KIND "K"		/* Kminuta, Kacuerdo */
#define PREFIX_YEAR "Y"		/* Y2020 */
#define PREFIX_MONTH "M"	/* M202010 */
#define PREFIX_DAY "D"		/* D20201015 */
#define PREFIX_INSTITUTION "I"	/* I<institution id> of attendees */
#define PREFIX_COPY "C"		/* C<copy key>: the same minute's files */
#define PREFIX_DEADLINE "P"	/* PY2020, PM202010, PD20201015; PN: none */
#define PREFIX_FOLLOWUP "R"	/* R20200924-3: agreement III of 24/09/2020 */
#define TERM_HAS_FOLLOWUPS "Hs"	/* a minute that states follow-ups */
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
	/* Of agreements; on minutes, the minutes with such agreements. */
	[STL_FIELD_DEADLINE] = { STL_FIELD_DEADLINE, "plazo",
				 { "deadline", NULL }, STL_FIELD_PROCESSOR,
				 { NULL, NULL }, 0 },
	[STL_FIELD_STATUS] = { STL_FIELD_STATUS, "estado", { "status", NULL },
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

size_t stl_schema_deadline_term(int year, int month, int day,
				char out[STL_SCHEMA_TERM_SIZE])
{
	char t[STL_SCHEMA_TERM_SIZE];

	if (!stl_schema_date_term(year, month, day, t))
		return 0;
	return join(PREFIX_DEADLINE, 1, t, strlen(t), "", 0, out);
}

size_t stl_schema_no_deadline_term(char out[STL_SCHEMA_TERM_SIZE])
{
	return join(PREFIX_DEADLINE, 1, "N", 1, "", 0, out);
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

/* "YYYY-MM-DD" as numbers; false if it is not that. */
static bool iso_date(const char *iso, int *y, int *m, int *d)
{
	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return false;
	*y = digits(iso, 4);
	*m = digits(iso + 5, 2);
	*d = digits(iso + 8, 2);
	return *y >= 0 && *m > 0 && *d > 0;
}

stl_status_t stl_schema_add_deadline(stl_doc_t *doc, const char *iso)
{
	char term[STL_SCHEMA_TERM_SIZE], value[9];
	stl_status_t ret = STL_STATUS_SUCCESS;
	int y, m, d, k;
	size_t len;

	if (!iso_date(iso, &y, &m, &d)) {
		len = stl_schema_no_deadline_term(term);
		return stl_doc_add_boolean_term(doc, term, len);
	}
	for (k = 0; k < 3 && ret == STL_STATUS_SUCCESS; k++) {
		len = stl_schema_deadline_term(y, k ? m : 0, k == 2 ? d : 0,
					       term);
		if (len)
			ret = stl_doc_add_boolean_term(doc, term, len);
	}
	snprintf(value, sizeof(value), "%04u%02u%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_doc_set_value(doc, STL_SLOT_DEADLINE, value, 8);
	return ret;
}

size_t stl_schema_followup_term(const char *iso, unsigned number,
				char out[STL_SCHEMA_TERM_SIZE])
{
	int y, m, d, n;

	if (!number || !iso_date(iso, &y, &m, &d))
		return 0;
	n = snprintf(out, STL_SCHEMA_TERM_SIZE, PREFIX_FOLLOWUP "%04d%02d%02d-%u",
		     y, m, d, number);
	return n > 0 ? (size_t)n : 0;
}

size_t stl_schema_has_followups_term(char out[STL_SCHEMA_TERM_SIZE])
{
	return join(TERM_HAS_FOLLOWUPS, strlen(TERM_HAS_FOLLOWUPS), "", 0, "",
		    0, out);
}

/* STL_SLOT_FOLLOWUPS holds one "YYYYMMDD number status\n" a statement,
 * status as enum stl_agr_status's value. */
stl_status_t stl_schema_add_followups(stl_doc_t *doc,
				      const struct stl_minute *m)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	char term[STL_SCHEMA_TERM_SIZE];
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i, len;

	for (i = 0; i < m->nfollowups && ret == STL_STATUS_SUCCESS; i++) {
		const struct stl_followup *f = &m->followups[i];

		len = stl_schema_followup_term(f->date, f->number, term);
		if (!len)
			continue;
		ret = stl_doc_add_boolean_term(doc, term, len);
		stl_strbuf_addf(&sb, "%.4s%.2s%.2s %u %d\n", f->date,
				f->date + 5, f->date + 8, f->number,
				(int)f->status);
	}
	if (ret == STL_STATUS_SUCCESS && stl_strbuf_failed(&sb))
		ret = STL_STATUS_OUT_OF_MEMORY;
	if (ret == STL_STATUS_SUCCESS && sb.len) {
		len = stl_schema_has_followups_term(term);
		ret = stl_doc_add_boolean_term(doc, term, len);
		if (ret == STL_STATUS_SUCCESS)
			ret = stl_doc_set_value(doc, STL_SLOT_FOLLOWUPS, sb.buf,
						sb.len);
	}
	stl_strbuf_release(&sb);
	return ret;
}

struct docids {
	stl_docid_t *v;
	size_t n, alloc;
	bool failed;
};

static int note_docid(stl_docid_t docid, void *ctx)
{
	struct docids *d = ctx;
	stl_docid_t *v;

	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 16;
		v = realloc(d->v, d->alloc * sizeof(*v));
		if (!v) {
			d->failed = true;
			return 1;
		}
		d->v = v;
	}
	d->v[d->n++] = docid;
	return 0;
}

/* The statements of one minute's STL_SLOT_FOLLOWUPS value @v. */
static int walk_statements(const char *v, const char *src_date,
			   const char *src_path, stl_followup_fn fn, void *ctx)
{
	char date[11];
	unsigned number;
	int status, stop;

	while (*v) {
		if (strlen(v) < 8 || digits(v, 8) < 0)
			break;
		if (sscanf(v + 8, " %u %d", &number, &status) != 2 ||
		    status <= STL_AGR_NONE || status >= STL_AGR_NSTATUS)
			break;
		snprintf(date, sizeof(date), "%.4s-%.2s-%.2s", v, v + 4, v + 6);
		stop = fn(src_date, src_path, date, number,
			  (enum stl_agr_status)status, ctx);
		if (stop)
			return stop;
		v = strchr(v, '\n');
		if (!v)
			break;
		v++;
	}
	return 0;
}

stl_status_t stl_schema_followups(stl_reader_t *r, stl_followup_fn fn,
				  void *ctx)
{
	struct docids ids = { NULL, 0, 0, false };
	char term[STL_SCHEMA_TERM_SIZE], src[11];
	char *date = NULL, *path = NULL, *v = NULL;
	stl_status_t ret;
	size_t i;

	stl_schema_has_followups_term(term);
	/* Read after the walk: no other read inside a posting list's. */
	ret = stl_reader_postings(r, term, note_docid, &ids);
	if (ret == STL_STATUS_SUCCESS && ids.failed)
		ret = STL_STATUS_OUT_OF_MEMORY;
	for (i = 0; i < ids.n && ret == STL_STATUS_SUCCESS; i++) {
		ret = stl_reader_get_value(r, ids.v[i], STL_SLOT_DATE, &date,
					   NULL);
		if (ret == STL_STATUS_SUCCESS)
			ret = stl_reader_get_value(r, ids.v[i], STL_SLOT_PATH,
						   &path, NULL);
		if (ret == STL_STATUS_SUCCESS)
			ret = stl_reader_get_value(r, ids.v[i],
						   STL_SLOT_FOLLOWUPS, &v, NULL);
		if (ret == STL_STATUS_NOT_FOUND)
			ret = STL_STATUS_DATABASE_MODIFIED;	/* gone meanwhile */
		src[0] = '\0';
		if (ret == STL_STATUS_SUCCESS && strlen(date) == 8)
			snprintf(src, sizeof(src), "%.4s-%.2s-%.2s", date,
				 date + 4, date + 6);
		if (ret == STL_STATUS_SUCCESS &&
		    walk_statements(v, src, path, fn, ctx))
			i = ids.n;
		free(date);
		free(path);
		free(v);
		date = path = v = NULL;
	}
	free(ids.v);
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
	/* Y2020, or a deadline's PY2020. */
	if (len != 5 && !(len == 6 && term[0] == PREFIX_DEADLINE[0]))
		return 0;
	v = atoi(term + len - 4);
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

/* ---- a minute's people ------------------------------------------------------ */

/* TAB, then @s with its tabs and line breaks as spaces. */
static void people_field(struct stl_strbuf *out, const char *s)
{
	stl_strbuf_addch(out, '\t');
	for (; s && *s; s++)
		stl_strbuf_addch(out, *s == '\t' || *s == '\n' || *s == '\r'
					      ? ' '
					      : *s);
}

stl_status_t stl_schema_people_value(const struct stl_minute *m,
				     struct stl_strbuf *out)
{
	size_t i, k;

	stl_strbuf_addstr(out, m->date);
	for (i = 0; i < m->nattendees; i++) {
		const struct stl_attendee *a = &m->attendees[i];

		if (!a->name)
			continue;
		stl_strbuf_addstr(out, "\na");
		people_field(out, a->name);
		people_field(out, a->role);
		people_field(out, a->institution);
		people_field(out, a->institution_id);
	}
	for (i = 0; i < m->nagreements; i++)
		for (k = 0; k < m->agreements[i].npersons; k++) {
			stl_strbuf_addf(out, "\np\t%u",
					m->agreements[i].number);
			people_field(out, m->agreements[i].persons[k]);
		}
	return stl_strbuf_failed(out) ? STL_STATUS_OUT_OF_MEMORY
				      : STL_STATUS_SUCCESS;
}

/* The entry of the line @s[0..@len), false if it is none. */
static bool people_line(const char *s, size_t len, struct stl_people_entry *e)
{
	const char *end = s + len, *tab;
	size_t n = 0;

	memset(e, 0, sizeof(*e));
	if (len < 2 || (s[0] != 'a' && s[0] != 'p') || s[1] != '\t')
		return false;
	e->attendee = s[0] == 'a';
	s += 2;
	if (!e->attendee) {
		e->number = (unsigned)strtoul(s, NULL, 10);
		tab = memchr(s, '\t', (size_t)(end - s));
		if (!tab)
			return false;
		s = tab + 1;
	}
	while (n < 4) {
		tab = memchr(s, '\t', (size_t)(end - s));
		e->f[n] = s;
		e->len[n++] = (size_t)((tab ? tab : end) - s);
		if (!tab || !e->attendee)
			break;
		s = tab + 1;
	}
	return true;
}

void stl_schema_people_parse(const char *value, size_t len, char date[11],
			     int (*fn)(const struct stl_people_entry *e,
				       void *ctx),
			     void *ctx)
{
	const char *p = value, *end = value + len, *nl;
	struct stl_people_entry e;
	size_t n;

	nl = memchr(p, '\n', len);
	n = (size_t)((nl ? nl : end) - p);
	snprintf(date, 11, "%.*s", (int)(n < 10 ? n : 10), p);
	while (nl) {
		p = nl + 1;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl : end) - p);
		if (people_line(p, n, &e) && fn(&e, ctx))
			return;
	}
}

stl_status_t stl_schema_deadline_years(stl_reader_t *r, int *first, int *last)
{
	struct years y = { 0, 0 };
	stl_status_t ret = stl_reader_terms(r, PREFIX_DEADLINE PREFIX_YEAR,
					    year_cb, &y);

	*first = y.first;
	*last = y.last;
	return ret;
}
