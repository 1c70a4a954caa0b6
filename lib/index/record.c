/*
 * record.c - the records stored as document data (layout in
 * include/stl/record.h): written from a parsed minute, read back into
 * plain C data.
 *
 * jansson escapes control characters and keeps any Unicode, so a record
 * round-trips every string. jansson refuses strings that are not UTF-8;
 * those (a file name in Latin-1, or a caller handing the parser undecoded
 * bytes) are written with U+FFFD in place of each bad byte rather than
 * failing.
 */
#include "stl/record.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unistr.h>

#include "stl/schema.h"
#include "stl/strbuf.h"

/* ---- Writing -------------------------------------------------------------- */

/* @len bytes of @s with each invalid UTF-8 byte replaced by U+FFFD. */
static json_t *json_repaired(const char *s, size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0;
	json_t *j;
	int n;

	while (i < len) {
		n = u8_mblen(u + i, len - i);
		if (n < 0) {
			stl_strbuf_add(&sb, "\xEF\xBF\xBD", 3);
			i++;
			continue;
		}
		if (n == 0)
			n = 1;	/* a NUL byte: kept, jansson escapes it */
		stl_strbuf_add(&sb, s + i, (size_t)n);
		i += (size_t)n;
	}
	j = stl_strbuf_failed(&sb) ? NULL : json_stringn(sb.buf, sb.len);
	stl_strbuf_release(&sb);
	return j;
}

/* A string, or null for NULL and "" (the record writes no empty strings). */
static json_t *jstr_len(const char *s, size_t len)
{
	json_t *j;

	if (!s || !len)
		return json_null();
	j = json_stringn(s, len);
	if (!j && u8_check((const uint8_t *)s, len))
		j = json_repaired(s, len);
	return j;
}

static json_t *jstr(const char *s)
{
	return jstr_len(s, s ? strlen(s) : 0);
}

/* json_object_set_new() that remembers a failure (it frees @v on error). */
static void put(json_t *obj, const char *key, json_t *v, bool *ok)
{
	if (!v || json_object_set_new(obj, key, v))
		*ok = false;
}

static void append(json_t *arr, json_t *v, bool *ok)
{
	if (!v || json_array_append_new(arr, v))
		*ok = false;
}

static json_t *attendee_json(const struct stl_attendee *a, bool *ok)
{
	json_t *o = json_object();

	if (!o) {
		*ok = false;
		return NULL;
	}
	put(o, "name", jstr(a->name), ok);
	put(o, "role", jstr(a->role), ok);
	put(o, "institution", jstr(a->institution), ok);
	put(o, "institution_id", jstr(a->institution_id), ok);
	put(o, "person_id", jstr(a->person_id), ok);
	return o;
}

/* The keys of an agreement, in both records: number, text, persons,
 * deadline, and due_next_meeting only when true. */
static void put_agreement(json_t *o, const struct stl_agreement *ag, bool *ok)
{
	json_t *persons = json_array();
	size_t i;

	for (i = 0; persons && i < ag->npersons; i++)
		append(persons, jstr(ag->persons[i]), ok);
	put(o, "number", json_integer(ag->number), ok);
	put(o, "text", jstr(ag->text), ok);
	put(o, "persons", persons, ok);
	put(o, "deadline", jstr(ag->deadline), ok);
	if (ag->due_next_meeting)
		put(o, "due_next_meeting", json_true(), ok);
}

static json_t *agreement_json(const struct stl_agreement *ag, bool *ok)
{
	json_t *o = json_object();

	if (!o) {
		*ok = false;
		return NULL;
	}
	put_agreement(o, ag, ok);
	return o;
}

static json_t *next_json(const struct stl_minute *m, bool *ok)
{
	json_t *o;

	if (!m->next_date[0] && !m->next_time[0])
		return json_null();
	o = json_object();
	if (!o)
		return NULL;
	put(o, "date", jstr(m->next_date), ok);
	put(o, "time", jstr(m->next_time), ok);
	return o;
}

static void put_lists(json_t *o, const struct stl_minute *m, bool *ok)
{
	json_t *att = json_array(), *top = json_array(), *agr = json_array();
	size_t i;

	for (i = 0; att && i < m->nattendees; i++)
		append(att, attendee_json(&m->attendees[i], ok), ok);
	for (i = 0; top && i < m->ntopics; i++)
		append(top, jstr(m->topics[i]), ok);
	for (i = 0; agr && i < m->nagreements; i++)
		append(agr, agreement_json(&m->agreements[i], ok), ok);
	put(o, "attendees", att, ok);
	put(o, "topics", top, ok);
	put(o, "agreements", agr, ok);
}

/* What the minute says of earlier agreements, when it says anything. */
static void put_followups(json_t *o, const struct stl_minute *m, bool *ok)
{
	json_t *arr, *f;
	size_t i;

	if (!m->nfollowups)
		return;
	arr = json_array();
	for (i = 0; arr && i < m->nfollowups; i++) {
		const struct stl_followup *fu = &m->followups[i];

		f = json_object();
		if (!f) {
			*ok = false;
			break;
		}
		put(f, "date", jstr(fu->date), ok);
		put(f, "number", json_integer(fu->number), ok);
		put(f, "status", json_string(stl_agr_status_name(fu->status)),
		    ok);
		append(arr, f, ok);
	}
	put(o, "followups", arr, ok);
}

/* The compact text of @o into *@out and *@len; @o is released. */
static stl_status_t dump(json_t *o, bool ok, char **out, size_t *len)
{
	if (ok)
		*out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!*out)
		return STL_STATUS_OUT_OF_MEMORY;
	if (len)
		*len = strlen(*out);
	return STL_STATUS_SUCCESS;
}

/* The keys both records start with: v, [kind,] path, date, time. */
static json_t *record_head(const struct stl_minute *m, const char *kind,
			   const char *path, bool *ok)
{
	json_t *o = json_object();

	if (!o) {
		*ok = false;
		return NULL;
	}
	put(o, "v", json_integer(STL_RECORD_VERSION), ok);
	if (kind)
		put(o, "kind", json_string(kind), ok);
	put(o, "path", jstr(path), ok);
	if (m->format[0])
		put(o, "format", json_string(m->format), ok);
	if (m->ocr) {
		put(o, "ocr", json_true(), ok);
		put(o, "ocr_confidence", json_integer(m->ocr_confidence), ok);
	}
	put(o, "date", jstr(m->date), ok);
	put(o, "time", jstr(m->time), ok);
	return o;
}

stl_status_t stl_record_write_minute(const struct stl_minute *m,
				     const char *path, char **out,
				     size_t *len)
{
	bool ok = true;
	json_t *o;

	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = NULL;
	if (!m)
		return STL_STATUS_INVALID_ARGUMENT;
	o = record_head(m, NULL, path, &ok);
	if (!o)
		return STL_STATUS_OUT_OF_MEMORY;
	put(o, "city", jstr(m->city), &ok);
	put(o, "title", jstr(m->title), &ok);
	put(o, "event", jstr(m->event), &ok);
	put(o, "medium", jstr(m->medium), &ok);
	put_lists(o, m, &ok);
	put(o, "next_meeting", next_json(m, &ok), &ok);
	put_followups(o, m, &ok);
	put(o, "missing", json_integer(m->missing), &ok);
	put(o, "text", jstr_len(m->text, m->text_len), &ok);
	return dump(o, ok, out, len);
}

stl_status_t stl_record_write_agreement(const struct stl_minute *m,
					const struct stl_agreement *a,
					const char *path, char **out,
					size_t *len)
{
	bool ok = true;
	json_t *o;

	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = NULL;
	if (!m || !a)
		return STL_STATUS_INVALID_ARGUMENT;
	o = record_head(m, stl_schema_kind_name(STL_DOC_AGREEMENT), path, &ok);
	if (!o)
		return STL_STATUS_OUT_OF_MEMORY;
	put(o, "event", jstr(m->event), &ok);
	put_agreement(o, a, &ok);
	return dump(o, ok, out, len);
}

/* ---- Reading ---------------------------------------------------------------- */

/*
 * Copy the string @v into *@dst. False if it is not a string, holds a NUL
 * (only a minute's text may, and it is read apart) or memory ran out
 * (*@st says which).
 */
static bool copy_str(const json_t *v, char **dst, stl_status_t *st)
{
	const char *s = json_string_value(v);

	if (!s || strlen(s) != json_string_length(v)) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	*dst = strdup(s);
	if (!*dst)
		*st = STL_STATUS_OUT_OF_MEMORY;
	return *dst != NULL;
}

/* The string at @key of @o into *@dst: NULL for null or absent. */
static bool get_str(const json_t *o, const char *key, char **dst,
		    stl_status_t *st)
{
	const json_t *v = json_object_get(o, key);

	*dst = NULL;
	if (!v || json_is_null(v))
		return true;
	return copy_str(v, dst, st);
}

/* A fixed-size field ("2020-09-24" in char[11]): null, or exactly
 * @size - 1 bytes. */
static bool get_fixed(const json_t *o, const char *key, char *dst,
		      size_t size, stl_status_t *st)
{
	const json_t *v = json_object_get(o, key);

	dst[0] = '\0';
	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v) || json_string_length(v) != size - 1 ||
	    strlen(json_string_value(v)) != size - 1) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	memcpy(dst, json_string_value(v), size);
	return true;
}

/* A short string (shorter than @size) into @dst; absent or null: "". */
static bool get_short(const json_t *o, const char *key, char *dst,
		      size_t size, stl_status_t *st)
{
	const json_t *v = json_object_get(o, key);

	dst[0] = '\0';
	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v) || json_string_length(v) >= size ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	memcpy(dst, json_string_value(v), json_string_length(v) + 1);
	return true;
}

/* The array at @key (absent or null: empty). False if not an array. */
static bool get_array(const json_t *o, const char *key, const json_t **arr,
		      size_t *n, stl_status_t *st)
{
	const json_t *v = json_object_get(o, key);

	*arr = NULL;
	*n = 0;
	if (!v || json_is_null(v))
		return true;
	if (!json_is_array(v)) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	*arr = v;
	*n = json_array_size(v);
	return true;
}

static bool read_attendee(const json_t *v, struct stl_attendee *a,
			  stl_status_t *st)
{
	if (!json_is_object(v)) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	return get_str(v, "name", &a->name, st) &&
	       get_str(v, "role", &a->role, st) &&
	       get_str(v, "institution", &a->institution, st) &&
	       get_str(v, "institution_id", &a->institution_id, st) &&
	       get_str(v, "person_id", &a->person_id, st) &&
	       (a->name || (*st = STL_STATUS_INVALID_ARGUMENT, false));
}

static bool read_persons(const json_t *v, struct stl_agreement *ag,
			 stl_status_t *st)
{
	const json_t *arr, *p;
	size_t n, i;

	if (!get_array(v, "persons", &arr, &n, st))
		return false;
	if (!n)
		return true;
	ag->persons = calloc(n, sizeof(char *));
	if (!ag->persons) {
		*st = STL_STATUS_OUT_OF_MEMORY;
		return false;
	}
	for (i = 0; i < n; i++) {
		p = json_array_get(arr, i);
		if (!copy_str(p, &ag->persons[i], st))
			return false;
		ag->npersons++;
	}
	return true;
}

static bool read_agreement(const json_t *v, struct stl_agreement *ag,
			   stl_status_t *st)
{
	const json_t *num;

	if (!json_is_object(v)) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	num = json_object_get(v, "number");
	if (!json_is_integer(num) || json_integer_value(num) < 1 ||
	    json_integer_value(num) > UINT_MAX) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	ag->number = (unsigned)json_integer_value(num);
	/* Absent in records written before it was kept: false. */
	ag->due_next_meeting = json_is_true(json_object_get(v, "due_next_meeting"));
	return get_str(v, "text", &ag->text, st) &&
	       (ag->text || (*st = STL_STATUS_INVALID_ARGUMENT, false)) &&
	       read_persons(v, ag, st) &&
	       get_fixed(v, "deadline", ag->deadline, sizeof(ag->deadline), st);
}

static bool read_attendees(const json_t *o, struct stl_minute *m,
			   stl_status_t *st)
{
	const json_t *arr;
	size_t n, i;

	if (!get_array(o, "attendees", &arr, &n, st) || !n)
		return *st == STL_STATUS_SUCCESS;
	m->attendees = calloc(n, sizeof(*m->attendees));
	if (!m->attendees) {
		*st = STL_STATUS_OUT_OF_MEMORY;
		return false;
	}
	for (i = 0; i < n; i++) {
		m->nattendees++;
		if (!read_attendee(json_array_get(arr, i), &m->attendees[i], st))
			return false;
	}
	return true;
}

static bool read_topics(const json_t *o, struct stl_minute *m,
			stl_status_t *st)
{
	const json_t *arr, *v;
	size_t n, i;

	if (!get_array(o, "topics", &arr, &n, st) || !n)
		return *st == STL_STATUS_SUCCESS;
	m->topics = calloc(n, sizeof(char *));
	if (!m->topics) {
		*st = STL_STATUS_OUT_OF_MEMORY;
		return false;
	}
	for (i = 0; i < n; i++) {
		v = json_array_get(arr, i);
		if (!copy_str(v, &m->topics[i], st))
			return false;
		m->ntopics++;
	}
	return true;
}

static bool read_agreements(const json_t *o, struct stl_minute *m,
			    stl_status_t *st)
{
	const json_t *arr;
	size_t n, i;

	if (!get_array(o, "agreements", &arr, &n, st) || !n)
		return *st == STL_STATUS_SUCCESS;
	m->agreements = calloc(n, sizeof(*m->agreements));
	if (!m->agreements) {
		*st = STL_STATUS_OUT_OF_MEMORY;
		return false;
	}
	for (i = 0; i < n; i++) {
		m->nagreements++;
		if (!read_agreement(json_array_get(arr, i), &m->agreements[i], st))
			return false;
	}
	return true;
}

static bool read_next(const json_t *o, struct stl_minute *m, stl_status_t *st)
{
	const json_t *v = json_object_get(o, "next_meeting");

	if (!v || json_is_null(v))
		return true;
	if (!json_is_object(v)) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	return get_fixed(v, "date", m->next_date, sizeof(m->next_date), st) &&
	       get_fixed(v, "time", m->next_time, sizeof(m->next_time), st);
}

static bool read_text(const json_t *o, struct stl_minute *m, stl_status_t *st)
{
	const json_t *v = json_object_get(o, "text");
	const char *s = "";
	size_t len = 0;

	if (v && !json_is_null(v)) {
		if (!json_is_string(v)) {
			*st = STL_STATUS_INVALID_ARGUMENT;
			return false;
		}
		s = json_string_value(v);
		len = json_string_length(v);
	}
	m->text = malloc(len + 1);
	if (m->text) {
		memcpy(m->text, s, len);
		m->text[len] = '\0';
	}
	m->text_len = len;
	if (!m->text)
		*st = STL_STATUS_OUT_OF_MEMORY;
	return m->text != NULL;
}

static bool read_followup(const json_t *v, struct stl_followup *f,
			  stl_status_t *st)
{
	const json_t *num = json_object_get(v, "number");
	const json_t *status = json_object_get(v, "status");

	*st = STL_STATUS_INVALID_ARGUMENT;
	if (!json_is_object(v) || !json_is_integer(num) ||
	    json_integer_value(num) < 1 || json_integer_value(num) > UINT_MAX ||
	    !json_is_string(status) ||
	    !stl_agr_status_parse(json_string_value(status),
				  json_string_length(status), &f->status) ||
	    f->status == STL_AGR_NONE)
		return false;
	*st = STL_STATUS_SUCCESS;
	f->number = (unsigned)json_integer_value(num);
	return get_fixed(v, "date", f->date, sizeof(f->date), st) &&
	       f->date[0];
}

/* "followups": absent in a minute that reports on no agreement. */
static bool read_followups(const json_t *o, struct stl_minute *m,
			   stl_status_t *st)
{
	const json_t *arr;
	size_t n, i;

	if (!get_array(o, "followups", &arr, &n, st) || !n)
		return *st == STL_STATUS_SUCCESS;
	m->followups = calloc(n, sizeof(*m->followups));
	if (!m->followups) {
		*st = STL_STATUS_OUT_OF_MEMORY;
		return false;
	}
	for (i = 0; i < n; i++) {
		if (!read_followup(json_array_get(arr, i), &m->followups[i], st))
			return false;
		m->nfollowups++;
	}
	return true;
}

/* What only a minute's record has. */
static bool read_minute(const json_t *o, struct stl_minute *m,
			stl_status_t *st)
{
	const json_t *missing = json_object_get(o, "missing");

	if (missing && (!json_is_integer(missing) ||
			json_integer_value(missing) < 0 ||
			json_integer_value(missing) > UINT_MAX)) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	m->missing = missing ? (unsigned)json_integer_value(missing) : 0;
	return get_str(o, "city", &m->city, st) &&
	       get_str(o, "title", &m->title, st) &&
	       get_str(o, "medium", &m->medium, st) &&
	       read_attendees(o, m, st) && read_topics(o, m, st) &&
	       read_agreements(o, m, st) && read_next(o, m, st) &&
	       read_followups(o, m, st) && read_text(o, m, st);
}

/* The kind of record @o is, from its version and "kind". */
static bool read_kind(const json_t *o, enum stl_doc_kind *kind,
		      stl_status_t *st)
{
	const json_t *v = json_object_get(o, "v");
	const json_t *k = json_object_get(o, "kind");

	*st = STL_STATUS_INVALID_ARGUMENT;
	if (!json_is_integer(v) || json_integer_value(v) != STL_RECORD_VERSION)
		return false;
	if (!k)
		*kind = STL_DOC_MINUTE;
	else if (json_is_string(k) &&
		 !strcmp(json_string_value(k), stl_schema_kind_name(STL_DOC_AGREEMENT)))
		*kind = STL_DOC_AGREEMENT;
	else
		return false;
	*st = STL_STATUS_SUCCESS;
	return true;
}

static bool read_record(const json_t *o, struct stl_record *r,
			stl_status_t *st)
{
	struct stl_minute *m = r->minute;

	if (!json_is_object(o)) {
		*st = STL_STATUS_INVALID_ARGUMENT;
		return false;
	}
	if (!read_kind(o, &r->kind, st) ||
	    !get_str(o, "path", &r->path, st) ||
	    !get_fixed(o, "date", m->date, sizeof(m->date), st) ||
	    !get_fixed(o, "time", m->time, sizeof(m->time), st) ||
	    !get_short(o, "format", m->format, sizeof(m->format), st) ||
	    !get_str(o, "event", &m->event, st))
		return false;
	/* "ocr" and "ocr_confidence" only in a record read by OCR. */
	if (json_is_true(json_object_get(o, "ocr"))) {
		json_int_t c = json_integer_value(json_object_get(o, "ocr_confidence"));

		m->ocr = true;
		m->ocr_confidence = c < 0 ? 0 : c > 100 ? 100 : (int)c;
	}
	if (r->kind == STL_DOC_AGREEMENT)
		return read_agreement(o, &r->agreement, st);
	return read_minute(o, m, st);
}

stl_status_t stl_record_read(const char *data, size_t len,
			     struct stl_record **out)
{
	stl_status_t st = STL_STATUS_SUCCESS;
	struct stl_record *r = NULL;
	json_error_t err;
	json_t *o;

	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = NULL;
	if (!data)
		return STL_STATUS_INVALID_ARGUMENT;
	o = json_loadb(data, len, JSON_ALLOW_NUL, &err);
	if (!o)
		return json_error_code(&err) == json_error_out_of_memory ?
		       STL_STATUS_OUT_OF_MEMORY : STL_STATUS_INVALID_ARGUMENT;
	r = calloc(1, sizeof(*r));
	if (r)
		r->minute = calloc(1, sizeof(*r->minute));
	if (!r || !r->minute)
		st = STL_STATUS_OUT_OF_MEMORY;
	else if (read_record(o, r, &st))
		*out = r;
	else if (st == STL_STATUS_SUCCESS)
		st = STL_STATUS_INVALID_ARGUMENT;
	json_decref(o);
	if (st != STL_STATUS_SUCCESS)
		stl_record_destroy(r);
	return st;
}

void stl_record_destroy(struct stl_record *r)
{
	size_t k;

	if (!r)
		return;
	free(r->path);
	stl_minute_destroy(r->minute);
	free(r->agreement.text);
	for (k = 0; k < r->agreement.npersons; k++)
		free(r->agreement.persons[k]);
	free(r->agreement.persons);
	free(r);
}
