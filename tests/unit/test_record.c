/*
 * test_record.c - stl_minute_to_json() / stl_minute_from_json(): every
 * field of a parsed minute survives the round trip (real minutes and
 * hand-built ones with Unicode and control characters), the documented
 * layout, and what is not a record.
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
	assert_int_equal(a->npersons, b->npersons);
	for (k = 0; k < a->npersons; k++)
		same_str(a->persons[k], b->persons[k]);
}

static void same_minute(const struct stl_minute *a, const struct stl_minute *b)
{
	size_t i;

	assert_string_equal(a->date, b->date);
	assert_string_equal(a->time, b->time);
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

/* to_json, from_json, compare; returns the JSON (caller frees). */
static char *round_trip(const struct stl_minute *m, const char *path)
{
	struct stl_minute *back = NULL;
	char *json, *got_path = NULL;
	size_t len = 0;

	json = stl_minute_to_json(m, path, &len);
	assert_non_null(json);
	assert_int_equal(len, strlen(json));
	assert_int_equal(stl_minute_from_json(json, len, &back, &got_path),
			 STL_STATUS_SUCCESS);
	same_minute(m, back);
	same_str(got_path, path);
	free(got_path);
	stl_minute_destroy(back);
	return json;
}

/* ---- Round trips ----------------------------------------------------------------- */

static void real_minutes(void **state)
{
	static const char *const paths[] = {
		"corpus/minuta-2020-06-17.txt", "corpus/minuta-2020-09-24.txt",
	};
	struct stl_minute *m;
	size_t i;

	for (i = 0; i < 2; i++) {
		m = test_parse_minute(paths[i], *state);
		assert_true(m->nagreements > 0);
		free(round_trip(m, paths[i]));
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
	stl_minute_destroy(m);
}

/* The layout documented in minute.h. */
static void layout(void **state)
{
	struct stl_minute *m = odd_minute();
	json_t *o, *a;
	char *json;

	(void)state;
	json = stl_minute_to_json(m, "x.txt", NULL);
	assert_non_null(json);
	o = json_loads(json, JSON_ALLOW_NUL, NULL);
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "v")), 1);
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
	struct stl_minute *m = NULL, *back = NULL;
	char *json;

	assert_int_equal(stl_minute_parse(text, sizeof(text) - 1, *state, &m),
			 STL_STATUS_SUCCESS);
	json = stl_minute_to_json(m, NULL, NULL);
	assert_non_null(json);
	assert_int_equal(stl_minute_from_json(json, strlen(json), &back, NULL),
			 STL_STATUS_SUCCESS);
	assert_non_null(strstr(back->text, "2020 \xEF\xBF\xBD\xEF\xBF\xBD\n"));
	assert_string_equal(back->date, "2020-09-24");
	free(json);
	stl_minute_destroy(back);
	stl_minute_destroy(m);
}

/* ---- Not records ----------------------------------------------------------------- */

static void check_invalid(const char *json)
{
	struct stl_minute *m = (struct stl_minute *)1;
	char *path = (char *)1;

	assert_int_equal(stl_minute_from_json(json, strlen(json), &m, &path),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(m);
	assert_null(path);
}

static void not_records(void **state)
{
	struct stl_minute *m = NULL;

	(void)state;
	check_invalid("");
	check_invalid("{");
	check_invalid("[]");
	check_invalid("{}");
	check_invalid("{\"v\":2}");
	check_invalid("{\"v\":\"1\"}");
	check_invalid("{\"v\":1,\"date\":\"2020-9-24\"}");
	check_invalid("{\"v\":1,\"date\":5}");
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
	check_invalid("{\"v\":1,\"text\":3}");
	assert_int_equal(stl_minute_from_json(NULL, 0, &m, NULL),
			 STL_STATUS_INVALID_ARGUMENT);
	/* The smallest record: everything absent is empty. */
	assert_int_equal(stl_minute_from_json("{\"v\":1}", 7, &m, NULL),
			 STL_STATUS_SUCCESS);
	assert_string_equal(m->date, "");
	assert_null(m->title);
	assert_int_equal(m->nagreements, 0);
	assert_string_equal(m->text, "");
	stl_minute_destroy(m);
	assert_null(stl_minute_to_json(NULL, NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_minutes),
		cmocka_unit_test(variants),
		cmocka_unit_test(unicode_and_controls),
		cmocka_unit_test(layout),
		cmocka_unit_test(no_next_meeting_is_null),
		cmocka_unit_test(invalid_utf8_repaired),
		cmocka_unit_test(not_records),
	};

	return cmocka_run_group_tests(tests, setup_table, teardown_table);
}
