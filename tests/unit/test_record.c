/*
 * test_record.c - the records of stl/record.h: every field of a parsed
 * minute and of each agreement survives the round trip (real minutes and
 * hand-built ones with Unicode and control characters), the documented
 * layout and version, file names that are not UTF-8, and what is not a
 * record.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "stl/minute.h"
#include "stl/record.h"
#include "testutil.h"


static int setup_table(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	size_t len;
	char *text = test_slurp("corpus/instituciones.tsv", &len);

	if (!t || !text)
		return -1;
	if (stl_institutions_add_tsv(t, "instituciones.tsv", text, len, NULL))
		return -1;
	free(text);
	*state = t;
	return 0;
}

static int teardown_table(void **state)
{
	stl_institutions_destroy(*state);
	return 0;
}

/* ---- Field-by-field comparison ------------------------------------------------ */

static void same_str(const char *a, const char *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	assert_string_equal(a, b);
}

static void same_attendee(const struct stl_attendee *a,
			  const struct stl_attendee *b)
{
	same_str(a->name, b->name);
	same_str(a->role, b->role);
	same_str(a->institution, b->institution);
	same_str(a->institution_id, b->institution_id);
	same_str(a->person_id, b->person_id);
}

static void same_agreement(const struct stl_agreement *a,
			   const struct stl_agreement *b)
{
	size_t k;

	assert_int_equal(a->number, b->number);
	same_str(a->text, b->text);
	assert_string_equal(a->deadline, b->deadline);
	assert_int_equal(a->due_next_meeting, b->due_next_meeting);
	assert_int_equal(a->npersons, b->npersons);
	for (k = 0; k < a->npersons; k++)
		same_str(a->persons[k], b->persons[k]);
}

static void same_minute(const struct stl_minute *a, const struct stl_minute *b)
{
	size_t i;

	assert_string_equal(a->date, b->date);
	assert_string_equal(a->time, b->time);
	assert_string_equal(a->format, b->format);
	assert_int_equal(a->ocr, b->ocr);
	assert_int_equal(a->ocr_confidence, b->ocr_confidence);
	same_str(a->city, b->city);
	same_str(a->title, b->title);
	same_str(a->event, b->event);
	same_str(a->medium, b->medium);
	assert_int_equal(a->nattendees, b->nattendees);
	for (i = 0; i < a->nattendees; i++)
		same_attendee(&a->attendees[i], &b->attendees[i]);
	assert_int_equal(a->ntopics, b->ntopics);
	for (i = 0; i < a->ntopics; i++)
		same_str(a->topics[i], b->topics[i]);
	assert_int_equal(a->nagreements, b->nagreements);
	for (i = 0; i < a->nagreements; i++)
		same_agreement(&a->agreements[i], &b->agreements[i]);
	assert_string_equal(a->next_date, b->next_date);
	assert_string_equal(a->next_time, b->next_time);
	assert_int_equal(a->missing, b->missing);
	assert_int_equal(a->text_len, b->text_len);
	assert_memory_equal(a->text, b->text, a->text_len);
	assert_int_equal(b->text[b->text_len], '\0');
}

/* @m's record written (failing the test if it cannot be); caller frees. */
static char *minute_record(const struct stl_minute *m, const char *path,
			   size_t *len)
{
	char *json = NULL;

	assert_int_equal(stl_record_write_minute(m, path, &json, len),
			 STL_STATUS_SUCCESS);
	assert_non_null(json);
	return json;
}

/* The record of @json read back (failing the test if it cannot be). */
static struct stl_record *read_record(const char *json, size_t len)
{
	struct stl_record *r = NULL;

	assert_int_equal(stl_record_read(json, len, &r), STL_STATUS_SUCCESS);
	assert_non_null(r);
	assert_non_null(r->minute);
	return r;
}

/* Write, read, compare; returns the JSON (caller frees). */
static char *round_trip(const struct stl_minute *m, const char *path)
{
	struct stl_record *back;
	size_t len = 0;
	char *json;

	json = minute_record(m, path, &len);
	assert_int_equal(len, strlen(json));
	back = read_record(json, len);
	assert_int_equal(back->kind, STL_DOC_MINUTE);
	same_minute(m, back->minute);
	same_str(back->path, path);
	/* A minute's record holds no agreement of its own. */
	assert_int_equal(back->agreement.number, 0);
	assert_null(back->agreement.text);
	stl_record_destroy(back);
	return json;
}

/* An agreement's record written and read back: the agreement and its
 * meeting's date, time and event; returns the JSON (caller frees). */
static char *agreement_round_trip(const struct stl_minute *m,
				  const struct stl_agreement *a,
				  const char *path)
{
	struct stl_record *back;
	char *json = NULL;
	size_t len = 0;

	assert_int_equal(stl_record_write_agreement(m, a, path, &json, &len),
			 STL_STATUS_SUCCESS);
	assert_non_null(json);
	assert_int_equal(len, strlen(json));
	back = read_record(json, len);
	assert_int_equal(back->kind, STL_DOC_AGREEMENT);
	same_agreement(a, &back->agreement);
	same_str(back->path, path);
	assert_string_equal(back->minute->date, m->date);
	assert_string_equal(back->minute->time, m->time);
	same_str(back->minute->event, m->event);
	/* Only the meeting's fields: the rest of the minute stays empty. */
	assert_null(back->minute->title);
	assert_int_equal(back->minute->nattendees, 0);
	assert_int_equal(back->minute->nagreements, 0);
	stl_record_destroy(back);
	return json;
}

/* ---- Round trips ----------------------------------------------------------------- */

static void real_minutes(void **state)
{
	static const char *const paths[] = {
		"corpus/minuta-2020-06-17.txt", "corpus/minuta-2020-09-24.txt",
	};
	struct stl_minute *m;
	size_t i, k;

	for (i = 0; i < 2; i++) {
		m = test_parse_minute(paths[i], *state);
		assert_true(m->nagreements > 0);
		free(round_trip(m, paths[i]));
		for (k = 0; k < m->nagreements; k++)
			free(agreement_round_trip(m, &m->agreements[k],
						  paths[i]));
		stl_minute_destroy(m);
	}
}

static void variants(void **state)
{
	static const char *const names[] = {
		"organizations.txt", "date-typo.txt", "missing-acuerdos.txt",
		"crlf.txt", "deadlines.txt",
	};
	const char *dir = getenv("STL_TEST_DATA");
	struct stl_minute *m;
	char path[512];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/minutes/%s",
			 dir ? dir : "tests/data", names[i]);
		m = test_parse_minute(path, *state);
		free(round_trip(m, NULL));
		stl_minute_destroy(m);
	}
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	assert_non_null(p);
	return p;
}

/* A minute built by hand: every string holds what JSON must escape. */
static struct stl_minute *odd_minute(void)
{
	static const char odd[] = "ñ€😀 \"comillas\" \\ \x01\x1f\t\n\x7f /";
	struct stl_minute *m = calloc(1, sizeof(*m));

	assert_non_null(m);
	strcpy(m->date, "2020-09-24");
	strcpy(m->time, "17:00");
	m->city = xstrdup("Metepec\x02");
	m->title = xstrdup(odd);
	m->event = xstrdup("Grupo \"Operativo\"");
	m->medium = NULL;
	m->attendees = calloc(2, sizeof(*m->attendees));
	assert_non_null(m->attendees);
	m->nattendees = 2;
	m->attendees[0].name = xstrdup("Hitzi Herrera Carreño");
	m->attendees[0].role = xstrdup(odd);
	m->attendees[0].institution = xstrdup("Infoem");
	m->attendees[0].institution_id = xstrdup("infoem");
	m->attendees[0].person_id = xstrdup("hitzi herrera carreño");
	m->attendees[1].name = xstrdup("Jorge");
	m->attendees[1].person_id = xstrdup("jorge");
	m->topics = calloc(1, sizeof(char *));
	assert_non_null(m->topics);
	m->ntopics = 1;
	m->topics[0] = xstrdup(odd);
	m->agreements = calloc(2, sizeof(*m->agreements));
	assert_non_null(m->agreements);
	m->nagreements = 2;
	m->agreements[0].number = 1;
	m->agreements[0].text = xstrdup(odd);
	m->agreements[0].persons = calloc(2, sizeof(char *));
	assert_non_null(m->agreements[0].persons);
	m->agreements[0].persons[0] = xstrdup("María Guadalupe González Jordan");
	m->agreements[0].persons[1] = xstrdup(odd);
	m->agreements[0].npersons = 2;
	strcpy(m->agreements[0].deadline, "2020-10-05");
	m->agreements[1].number = 2;
	m->agreements[1].text = xstrdup("Sin personas");
	strcpy(m->next_time, "17:00");
	m->missing = STL_MISSING_PLACE | STL_MISSING_NEXT_MEETING;
	m->text_len = 11;
	m->text = malloc(12);
	assert_non_null(m->text);
	memcpy(m->text, "con\0NUL\r\n\x1b!", 12);
	return m;
}

static void unicode_and_controls(void **state)
{
	struct stl_minute *m = odd_minute();
	char *json;

	(void)state;
	json = round_trip(m, "dir/minuta ñ \"1\".txt");
	/* Compact, one line: control characters are escaped. */
	assert_null(strchr(json, '\n'));
	assert_null(strchr(json, '\x01'));
	assert_non_null(strstr(json, "\\u0000"));
	free(json);
	json = agreement_round_trip(m, &m->agreements[0], "dir/ñ \"1\".txt");
	assert_null(strchr(json, '\n'));
	assert_null(strchr(json, '\x01'));
	free(json);
	free(agreement_round_trip(m, &m->agreements[1], NULL));
	stl_minute_destroy(m);
}

/* The layout documented in record.h. */
static void layout(void **state)
{
	struct stl_minute *m = odd_minute();
	json_t *o, *a;
	char *json;

	(void)state;
	json = minute_record(m, "x.txt", NULL);
	o = json_loads(json, JSON_ALLOW_NUL, NULL);
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "v")),
			 STL_RECORD_VERSION);
	assert_null(json_object_get(o, "kind"));
	assert_string_equal(json_string_value(json_object_get(o, "path")), "x.txt");
	assert_string_equal(json_string_value(json_object_get(o, "date")),
			    "2020-09-24");
	assert_true(json_is_null(json_object_get(o, "medium")));
	a = json_array_get(json_object_get(o, "attendees"), 1);
	assert_true(json_is_null(json_object_get(a, "role")));
	assert_true(json_is_null(json_object_get(a, "institution")));
	a = json_array_get(json_object_get(o, "agreements"), 0);
	assert_int_equal(json_integer_value(json_object_get(a, "number")), 1);
	assert_string_equal(json_string_value(json_object_get(a, "deadline")),
			    "2020-10-05");
	assert_int_equal(json_array_size(json_object_get(a, "persons")), 2);
	a = json_array_get(json_object_get(o, "agreements"), 1);
	assert_true(json_is_null(json_object_get(a, "deadline")));
	assert_int_equal(json_array_size(json_object_get(a, "persons")), 0);
	a = json_object_get(o, "next_meeting");
	assert_true(json_is_null(json_object_get(a, "date")));
	assert_string_equal(json_string_value(json_object_get(a, "time")), "17:00");
	assert_int_equal(json_integer_value(json_object_get(o, "missing")),
			 STL_MISSING_PLACE | STL_MISSING_NEXT_MEETING);
	assert_int_equal(json_string_length(json_object_get(o, "text")), 11);
	json_decref(o);
	free(json);
	stl_minute_destroy(m);
}

/* "ocr" and "ocr_confidence" only in a record read by OCR, on minutes and
 * agreements alike. */
static void ocr_keys(void **state)
{
	struct stl_minute *m = odd_minute();
	struct stl_record *back;
	char *json;
	size_t len = 0;

	(void)state;
	strcpy(m->format, "jpg");
	json = minute_record(m, "x.jpg", NULL);
	assert_null(strstr(json, "\"ocr"));
	free(json);
	m->ocr = true;
	m->ocr_confidence = 87;
	json = round_trip(m, "x.jpg");
	assert_non_null(strstr(json, "\"format\":\"jpg\",\"ocr\":true,\"ocr_confidence\":87"));
	free(json);
	assert_true(m->nagreements > 0);
	assert_int_equal(stl_record_write_agreement(m, &m->agreements[0], "x.jpg",
						    &json, &len),
			 STL_STATUS_SUCCESS);
	back = read_record(json, len);
	assert_true(back->minute->ocr);
	assert_int_equal(back->minute->ocr_confidence, 87);
	stl_record_destroy(back);
	free(json);
	stl_minute_destroy(m);
}

static void no_next_meeting_is_null(void **state)
{
	struct stl_minute *m = NULL;
	char *json;

	assert_int_equal(stl_minute_parse("", 0, *state, &m), STL_STATUS_SUCCESS);
	json = round_trip(m, NULL);
	assert_non_null(strstr(json, "\"next_meeting\":null"));
	assert_non_null(strstr(json, "\"path\":null"));
	assert_non_null(strstr(json, "\"attendees\":[]"));
	free(json);
	stl_minute_destroy(m);
}

/* Bytes that are not UTF-8 (a caller that skipped decoding) still give a
 * record, with U+FFFD for each bad byte. */
static void invalid_utf8_repaired(void **state)
{
	static const char text[] = "FECHA\n24 de septiembre de 2020 \xff\xfe\n";
	struct stl_minute *m = NULL;
	struct stl_record *back;
	char *json;

	assert_int_equal(stl_minute_parse(text, sizeof(text) - 1, *state, &m),
			 STL_STATUS_SUCCESS);
	json = minute_record(m, NULL, NULL);
	back = read_record(json, strlen(json));
	assert_non_null(strstr(back->minute->text,
			       "2020 \xEF\xBF\xBD\xEF\xBF\xBD\n"));
	assert_string_equal(back->minute->date, "2020-09-24");
	free(json);
	stl_record_destroy(back);
	stl_minute_destroy(m);
}

/* ---- Agreements ------------------------------------------------------------------ */

/* The agreement's layout documented in record.h, key order included. */
static void agreement_layout(void **state)
{
	struct stl_minute *m = odd_minute();
	char *json = NULL;
	size_t len = 0;

	(void)state;
	free(m->event);
	m->event = xstrdup("Grupo Operativo");
	free(m->agreements[0].persons[1]);
	m->agreements[0].persons[1] = xstrdup("Jorge");
	free(m->agreements[0].text);
	m->agreements[0].text = xstrdup("Enviar \"el\" documento.");
	assert_int_equal(stl_record_write_agreement(m, &m->agreements[0],
						    "a/b.txt", &json, &len),
			 STL_STATUS_SUCCESS);
	assert_string_equal(json,
		"{\"v\":1,\"kind\":\"acuerdo\",\"path\":\"a/b.txt\","
		"\"date\":\"2020-09-24\",\"time\":\"17:00\","
		"\"event\":\"Grupo Operativo\",\"number\":1,"
		"\"text\":\"Enviar \\\"el\\\" documento.\","
		"\"persons\":[\"María Guadalupe González Jordan\",\"Jorge\"],"
		"\"deadline\":\"2020-10-05\"}");
	assert_int_equal(len, strlen(json));
	free(json);
	/* Empty fields are null; no persons is an empty list. */
	m->date[0] = '\0';
	assert_int_equal(stl_record_write_agreement(m, &m->agreements[1], NULL,
						    &json, NULL),
			 STL_STATUS_SUCCESS);
	assert_string_equal(json,
		"{\"v\":1,\"kind\":\"acuerdo\",\"path\":null,\"date\":null,"
		"\"time\":\"17:00\",\"event\":\"Grupo Operativo\",\"number\":2,"
		"\"text\":\"Sin personas\",\"persons\":[],\"deadline\":null}");
	free(json);
	stl_minute_destroy(m);
}

/* Due at the follow-up meeting: a key when true, absent when false
 * (records written before it read as false), in both records. */
static void due_next_meeting_key(void **state)
{
	static const char old_record[] =
		"{\"v\":1,\"kind\":\"acuerdo\",\"path\":null,\"date\":null,"
		"\"time\":null,\"event\":null,\"number\":2,\"text\":\"x\","
		"\"persons\":[],\"deadline\":\"2020-10-01\"}";
	struct stl_minute *m = odd_minute();
	struct stl_record *r = NULL;
	char *json = NULL, *again = NULL;
	size_t len = 0;

	(void)state;
	m->agreements[1].due_next_meeting = true;
	assert_int_equal(stl_record_write_agreement(m, &m->agreements[1], NULL,
						    &json, &len),
			 STL_STATUS_SUCCESS);
	assert_non_null(strstr(json, ",\"deadline\":null,\"due_next_meeting\":true}"));
	assert_int_equal(stl_record_read(json, len, &r), STL_STATUS_SUCCESS);
	assert_true(r->agreement.due_next_meeting);
	stl_record_destroy(r);
	free(json);
	/* The minute's record keeps it per agreement, and reads it back. */
	assert_int_equal(stl_record_write_minute(m, "a.txt", &json, &len),
			 STL_STATUS_SUCCESS);
	assert_int_equal(stl_record_read(json, len, &r), STL_STATUS_SUCCESS);
	assert_false(r->minute->agreements[0].due_next_meeting);
	assert_true(r->minute->agreements[1].due_next_meeting);
	same_minute(m, r->minute);
	assert_int_equal(stl_record_write_minute(r->minute, "a.txt", &again,
						 NULL),
			 STL_STATUS_SUCCESS);
	assert_string_equal(json, again);
	stl_record_destroy(r);
	free(json);
	free(again);
	assert_int_equal(stl_record_read(old_record, strlen(old_record), &r),
			 STL_STATUS_SUCCESS);
	assert_false(r->agreement.due_next_meeting);
	stl_record_destroy(r);
	stl_minute_destroy(m);
}

/* Both writers stamp the one version, and the reader wants it. */
static void version(void **state)
{
	struct stl_minute *m = odd_minute();
	struct stl_record *r = (struct stl_record *)1;
	char *json, *v;

	(void)state;
	assert_int_equal(STL_RECORD_VERSION, 1);
	json = minute_record(m, NULL, NULL);
	assert_memory_equal(json, "{\"v\":1,", 7);
	free(json);
	assert_int_equal(stl_record_write_agreement(m, &m->agreements[0], NULL,
						    &json, NULL),
			 STL_STATUS_SUCCESS);
	assert_memory_equal(json, "{\"v\":1,", 7);
	/* The same record from another version is not read. */
	v = strstr(json, "\"v\":1");
	assert_non_null(v);
	v[4] = '2';
	assert_int_equal(stl_record_read(json, strlen(json), &r),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(r);
	free(json);
	stl_minute_destroy(m);
}

/* A file name that is not UTF-8 is stored with U+FFFD for each bad
 * byte, in both records, and read back so. */
static void path_not_utf8(void **state)
{
	static const char path[] = "dir/mi\xffnuta\xe9.txt";
	static const char repaired[] = "dir/mi\xEF\xBF\xBDnuta\xEF\xBF\xBD.txt";
	struct stl_minute *m = odd_minute();
	struct stl_record *r;
	char *json;
	size_t len;

	(void)state;
	json = minute_record(m, path, &len);
	r = read_record(json, len);
	assert_string_equal(r->path, repaired);
	same_minute(m, r->minute);
	stl_record_destroy(r);
	free(json);
	assert_int_equal(stl_record_write_agreement(m, &m->agreements[0], path,
						    &json, &len),
			 STL_STATUS_SUCCESS);
	r = read_record(json, len);
	assert_string_equal(r->path, repaired);
	same_agreement(&m->agreements[0], &r->agreement);
	stl_record_destroy(r);
	free(json);
	stl_minute_destroy(m);
}

/* ---- Not records ----------------------------------------------------------------- */

static void check_invalid(const char *json)
{
	struct stl_record *r = (struct stl_record *)1;

	assert_int_equal(stl_record_read(json, strlen(json), &r),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(r);
}

static void not_records(void **state)
{
	static const char agreement[] =
		"{\"v\":1,\"kind\":\"acuerdo\",\"number\":3,\"text\":\"x\"}";
	struct stl_record *r = NULL;

	(void)state;
	check_invalid("");
	check_invalid("{");
	check_invalid("[]");
	check_invalid("\"v\"");
	check_invalid("{}");
	check_invalid("{\"v\":2}");
	check_invalid("{\"v\":\"1\"}");
	check_invalid("{\"v\":1,\"date\":\"2020-9-24\"}");
	check_invalid("{\"v\":1,\"date\":5}");
	check_invalid("{\"v\":1,\"path\":3}");
	check_invalid("{\"v\":1,\"path\":\"a\\u0000b\"}");
	check_invalid("{\"v\":1,\"path\":\"p\",\"title\":[]}");
	check_invalid("{\"v\":1,\"attendees\":{}}");
	check_invalid("{\"v\":1,\"attendees\":[{\"role\":\"x\"}]}");
	check_invalid("{\"v\":1,\"attendees\":[1]}");
	check_invalid("{\"v\":1,\"topics\":[null]}");
	check_invalid("{\"v\":1,\"agreements\":[{\"text\":\"x\"}]}");
	check_invalid("{\"v\":1,\"agreements\":[{\"number\":0,\"text\":\"x\"}]}");
	check_invalid("{\"v\":1,\"agreements\":[{\"number\":1}]}");
	check_invalid("{\"v\":1,\"agreements\":[{\"number\":1,\"text\":\"x\","
		      "\"persons\":[\"a\",2]}]}");
	check_invalid("{\"v\":1,\"next_meeting\":\"mañana\"}");
	check_invalid("{\"v\":1,\"next_meeting\":{\"time\":\"17:00:00\"}}");
	check_invalid("{\"v\":1,\"missing\":\"no\"}");
	check_invalid("{\"v\":1,\"missing\":-1}");
	check_invalid("{\"v\":1,\"text\":3}");
	/* Agreements: a known kind, a number and a text. */
	check_invalid("{\"v\":1,\"kind\":\"otro\"}");
	check_invalid("{\"v\":1,\"kind\":null}");
	check_invalid("{\"v\":1,\"kind\":\"acuerdo\"}");
	check_invalid("{\"v\":1,\"kind\":\"acuerdo\",\"number\":1}");
	check_invalid("{\"v\":1,\"kind\":\"acuerdo\",\"number\":\"1\","
		      "\"text\":\"x\"}");
	check_invalid("{\"v\":1,\"kind\":\"acuerdo\",\"number\":1,"
		      "\"text\":\"x\",\"deadline\":\"pronto\"}");
	check_invalid("{\"kind\":\"acuerdo\",\"number\":1,\"text\":\"x\"}");
	assert_int_equal(stl_record_read(NULL, 0, &r),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(r);
	assert_int_equal(stl_record_read("{\"v\":1}", 7, NULL),
			 STL_STATUS_INVALID_ARGUMENT);
	/* The smallest records: everything absent is empty. */
	r = read_record("{\"v\":1}", 7);
	assert_int_equal(r->kind, STL_DOC_MINUTE);
	assert_null(r->path);
	assert_string_equal(r->minute->date, "");
	assert_null(r->minute->title);
	assert_int_equal(r->minute->nagreements, 0);
	assert_string_equal(r->minute->text, "");
	stl_record_destroy(r);
	r = read_record(agreement, strlen(agreement));
	assert_int_equal(r->kind, STL_DOC_AGREEMENT);
	assert_int_equal(r->agreement.number, 3);
	assert_string_equal(r->agreement.text, "x");
	assert_int_equal(r->agreement.npersons, 0);
	assert_string_equal(r->agreement.deadline, "");
	assert_null(r->minute->event);
	stl_record_destroy(r);
	stl_record_destroy(NULL);
}

/* The writers' documented argument errors. */
static void writer_arguments(void **state)
{
	struct stl_minute *m = odd_minute();
	char *json = (char *)1;

	(void)state;
	assert_int_equal(stl_record_write_minute(NULL, NULL, &json, NULL),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(json);
	assert_int_equal(stl_record_write_minute(m, NULL, NULL, NULL),
			 STL_STATUS_INVALID_ARGUMENT);
	json = (char *)1;
	assert_int_equal(stl_record_write_agreement(m, NULL, NULL, &json, NULL),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(json);
	json = (char *)1;
	assert_int_equal(stl_record_write_agreement(NULL, &m->agreements[0],
						    NULL, &json, NULL),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(json);
	stl_minute_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_minutes),
		cmocka_unit_test(variants),
		cmocka_unit_test(unicode_and_controls),
		cmocka_unit_test(layout),
		cmocka_unit_test(ocr_keys),
		cmocka_unit_test(no_next_meeting_is_null),
		cmocka_unit_test(invalid_utf8_repaired),
		cmocka_unit_test(agreement_layout),
		cmocka_unit_test(due_next_meeting_key),
		cmocka_unit_test(version),
		cmocka_unit_test(path_not_utf8),
		cmocka_unit_test(not_records),
		cmocka_unit_test(writer_arguments),
	};

	return cmocka_run_group_tests(tests, setup_table, teardown_table);
}
