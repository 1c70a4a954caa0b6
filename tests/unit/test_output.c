/*
 * test_output.c - what stlsearch prints (lib/search/output.c): the JSON
 * line of a minute hit and of an agreement hit, the facets line, and the
 * lines of the human format, from a search_result built by hand out of
 * stored records.
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

#include "stl/output.h"
#include "stl/record.h"
#include "stl/search.h"

/* A minute's record as stlindex stores it (keys of stl/record.h). */
static const char minute_record[] =
	"{\"v\":1,\"path\":\"corpus/minuta-2020-09-24.txt\","
	"\"date\":\"2020-09-24\",\"time\":null,\"city\":\"Metepec\","
	"\"title\":\"Minuta\",\"event\":\"Grupo Operativo del STL\","
	"\"medium\":null,"
	"\"attendees\":[{\"name\":\"Lilibeth Álvarez Rodríguez\","
	"\"role\":\"Jefa de la Unidad de Transparencia\","
	"\"institution\":\"IEEM\",\"institution_id\":\"ieem\","
	"\"person_id\":\"lilibeth alvarez rodriguez\"},"
	"{\"name\":\"Jorge\",\"role\":null,\"institution\":null,"
	"\"institution_id\":null,\"person_id\":\"jorge\"}],"
	"\"topics\":[\"Hoja de ruta\",\"Participación del CPC\"],"
	"\"agreements\":[{\"number\":1,\"text\":\"Enviar la hoja de ruta.\","
	"\"persons\":[],\"deadline\":null},"
	"{\"number\":2,\"text\":\"La titular enviará el \\\"documento\\\".\","
	"\"persons\":[\"Lilibeth Álvarez Rodríguez\"],"
	"\"deadline\":\"2020-10-05\"}],"
	"\"next_meeting\":{\"date\":\"2020-10-01\",\"time\":null},"
	"\"missing\":0,\"text\":\"ACUERDOS\\nI. Enviar la hoja de ruta.\"}";

/* An agreement's record, of another minute without a date. */
static const char agreement_record[] =
	"{\"v\":1,\"kind\":\"acuerdo\",\"path\":\"tests/otra.txt\","
	"\"date\":null,\"time\":\"10:30\",\"event\":\"Mesa\",\"number\":14,"
	"\"text\":\"Revisar el formato.\","
	"\"persons\":[\"Juan Carlos Mendoza Ruiz\",\"Emmanuel Hernández García\"],"
	"\"deadline\":\"2020-11-19\"}";

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	assert_non_null(p);
	return p;
}

static void set_hit(struct search_hit *h, const char *record, unsigned rank,
		    double score, const char *snippet, const char *plain)
{
	assert_int_equal(stl_record_read(record, strlen(record), &h->record),
			 STL_STATUS_SUCCESS);
	h->rank = rank;
	h->score = score;
	h->snippet = xstrdup(snippet);
	h->snippet_plain = xstrdup(plain);
}

/*
 * Two hits (a minute whose agreement II matches too, and an agreement of
 * another minute) of 5 matches, and two facets, one empty. Freed with
 * search_result_release().
 */
static void make_result(struct search_result *res)
{
	struct search_facet *fc;

	memset(res, 0, sizeof(*res));
	res->hits = calloc(2, sizeof(*res->hits));
	assert_non_null(res->hits);
	res->nhits = 2;
	res->matches = 5;
	res->exact = true;
	set_hit(&res->hits[0], minute_record, 1, 2.5,
		"I. Enviar la [hoja] de ruta.", "I. Enviar la hoja de ruta.");
	res->hits[0].subs = calloc(1, sizeof(*res->hits[0].subs));
	assert_non_null(res->hits[0].subs);
	res->hits[0].subs[0].number = 2;
	res->hits[0].subs[0].snippet = xstrdup("La titular enviará");
	res->hits[0].nsubs = 1;
	set_hit(&res->hits[1], agreement_record, 2, 0.5,
		"Revisar el [formato].", "Revisar el formato.");
	/* Ids as search.c gives them (file key, -number for agreements). */
	strcpy(res->hits[0].id, "0123456789abcdef");
	strcpy(res->hits[1].id, "fedcba9876543210-14");
	/* The agreement was stated cumplido by a later minute. */
	strcpy(res->hits[1].today, "2020-11-20");
	res->hits[1].statuses = calloc(1, sizeof(*res->hits[1].statuses));
	assert_non_null(res->hits[1].statuses);
	res->hits[1].statuses[0].status = STL_AGR_DONE;
	strcpy(res->hits[1].statuses[0].source_id, "00000000000000aa");
	strcpy(res->hits[1].statuses[0].source_date, "2020-11-26");
	res->hits[1].statuses[0].source_path = xstrdup("tests/despues.txt");
	res->hits[1].nstatuses = 1;

	fc = calloc(2, sizeof(*fc));
	assert_non_null(fc);
	fc[0].name = "año";
	fc[0].label = "año";
	fc[0].values = calloc(2, sizeof(*fc[0].values));
	assert_non_null(fc[0].values);
	fc[0].values[0].value = xstrdup("2020");
	fc[0].values[0].count = 4;
	fc[0].values[1].value = xstrdup("2021");
	fc[0].values[1].count = 1;
	fc[0].n = 2;
	fc[1].name = "institucion";
	fc[1].label = "institución";
	res->facets = fc;
	res->nfacets = 2;
}

static const struct search_opts all_opts = {
	.query = "hoja", .kind = STL_DOC_ANY, .facets = true,
};

/* What output_json() writes for @res, as a malloc'ed string. */
static char *capture_json(const struct search_result *res,
			  const struct search_opts *o)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_int_equal(output_json(f, res, o), 0);
	fclose(f);
	return out;
}

/* What output_human() writes for @res, as a malloc'ed string. */
static char *capture_human(const struct search_result *res,
			   const struct search_opts *o, bool color)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	output_human(f, res, o, color);
	fclose(f);
	return out;
}

/* Line @n (0-based) of @out parsed as a JSON object. */
static json_t *json_line(const char *out, unsigned n)
{
	const char *line = out, *nl;
	json_error_t err;
	json_t *o;

	while (n--) {
		line = strchr(line, '\n');
		assert_non_null(line);
		line++;
	}
	nl = strchr(line, '\n');
	assert_non_null(nl);
	o = json_loadb(line, (size_t)(nl - line), 0, &err);
	if (!o)
		fail_msg("not JSON: %s", err.text);
	assert_true(json_is_object(o));
	return o;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

static void assert_keys(json_t *o, const char *const *keys, size_t n)
{
	const char *key;
	json_t *v;
	size_t i = 0;

	assert_int_equal(json_object_size(o), n);
	json_object_foreach(o, key, v) {
		(void)v;
		assert_string_equal(key, keys[i]);
		i++;
	}
}

/* ---- JSON ------------------------------------------------------------------------ */

static void json_minute_hit(void **state)
{
	static const char *const keys[] = {
		"rank", "total", "total_exact", "id", "kind", "path", "format", "date", "time",
		"event", "score", "snippet", "files", "attendees", "topics",
		"agreements", "next_meeting", "previous", "next",
		"matching_agreements", "facets",
	};
	struct search_result res;
	json_t *o, *a, *v;
	char *out;

	(void)state;
	make_result(&res);
	out = capture_json(&res, &all_opts);
	o = json_line(out, 0);
	assert_keys(o, keys, sizeof(keys) / sizeof(keys[0]));
	assert_int_equal(json_integer_value(json_object_get(o, "rank")), 1);
	/* How many match in all, beyond the page. */
	assert_int_equal(json_integer_value(json_object_get(o, "total")), 5);
	assert_true(json_is_true(json_object_get(o, "total_exact")));
	assert_string_equal(jstr(o, "id"), "0123456789abcdef");
	assert_string_equal(jstr(o, "kind"), "minuta");
	assert_string_equal(jstr(o, "path"), "corpus/minuta-2020-09-24.txt");
	/* A record without a format (older index) goes by the path. */
	assert_string_equal(jstr(o, "format"), "txt");
	assert_string_equal(jstr(o, "date"), "2020-09-24");
	assert_true(json_is_null(json_object_get(o, "time")));
	assert_string_equal(jstr(o, "event"), "Grupo Operativo del STL");
	assert_true(json_real_value(json_object_get(o, "score")) == 2.5);
	/* The snippet without highlight markers. */
	assert_string_equal(jstr(o, "snippet"), "I. Enviar la hoja de ruta.");
	/* Attendees: nothing internal (ids). */
	a = json_object_get(o, "attendees");
	assert_int_equal(json_array_size(a), 2);
	v = json_array_get(a, 0);
	assert_int_equal(json_object_size(v), 3);
	assert_string_equal(jstr(v, "name"), "Lilibeth Álvarez Rodríguez");
	assert_string_equal(jstr(v, "role"),
			    "Jefa de la Unidad de Transparencia");
	assert_string_equal(jstr(v, "institution"), "IEEM");
	v = json_array_get(a, 1);
	assert_int_equal(json_object_size(v), 3);
	assert_string_equal(jstr(v, "name"), "Jorge");
	assert_true(json_is_null(json_object_get(v, "role")));
	assert_true(json_is_null(json_object_get(v, "institution")));
	a = json_object_get(o, "topics");
	assert_int_equal(json_array_size(a), 2);
	assert_string_equal(json_string_value(json_array_get(a, 1)),
			    "Participación del CPC");
	a = json_object_get(o, "agreements");
	assert_int_equal(json_array_size(a), 2);
	v = json_array_get(a, 1);
	assert_int_equal(json_integer_value(json_object_get(v, "number")), 2);
	assert_string_equal(jstr(v, "text"),
			    "La titular enviará el \"documento\".");
	assert_string_equal(json_string_value(json_array_get(
				json_object_get(v, "persons"), 0)),
			    "Lilibeth Álvarez Rodríguez");
	assert_string_equal(jstr(v, "deadline"), "2020-10-05");
	v = json_array_get(a, 0);
	assert_int_equal(json_array_size(json_object_get(v, "persons")), 0);
	assert_true(json_is_null(json_object_get(v, "deadline")));
	v = json_object_get(o, "next_meeting");
	assert_string_equal(jstr(v, "date"), "2020-10-01");
	assert_true(json_is_null(json_object_get(v, "time")));
	/* No meeting before or after it in the index. */
	assert_true(json_is_null(json_object_get(o, "previous")));
	assert_true(json_is_null(json_object_get(o, "next")));
	/* Not due at the follow-up meeting: no due_meeting. */
	assert_null(json_object_get(v, "due_meeting"));
	a = json_object_get(o, "matching_agreements");
	assert_int_equal(json_array_size(a), 1);
	assert_int_equal(json_integer_value(json_array_get(a, 0)), 2);
	json_decref(o);
	free(out);
	search_result_release(&res);
	assert_null(res.hits);
	assert_int_equal(res.nhits, 0);
}

static void json_agreement_hit(void **state)
{
	struct search_result res;
	char *out, *line, *nl;

	(void)state;
	make_result(&res);
	out = capture_json(&res, &all_opts);
	line = strchr(out, '\n');
	assert_non_null(line);
	line++;
	nl = strchr(line, '\n');
	assert_non_null(nl);
	nl[0] = '\0';
	/* Byte for byte: the layout scripts read. */
	assert_string_equal(line,
		"{\"rank\":2,\"total\":5,\"total_exact\":true,"
		"\"id\":\"fedcba9876543210-14\","
		"\"kind\":\"acuerdo\",\"path\":\"tests/otra.txt\",\"format\":\"txt\","
		"\"date\":null,\"time\":\"10:30\",\"event\":\"Mesa\","
		"\"score\":0.5,\"snippet\":\"Revisar el formato.\","
		"\"files\":[{\"path\":\"tests/otra.txt\",\"format\":\"txt\"}],"
		"\"number\":14,\"text\":\"Revisar el formato.\","
		"\"persons\":[\"Juan Carlos Mendoza Ruiz\","
		"\"Emmanuel Hernández García\"],\"deadline\":\"2020-11-19\","
		"\"days_left\":-1,\"status\":\"cumplido\","
		"\"status_source\":{\"id\":\"00000000000000aa\","
		"\"date\":\"2020-11-26\",\"path\":\"tests/despues.txt\"},"
		"\"facets\":{\"año\":{\"2020\":4,\"2021\":1},"
		"\"institucion\":{}}}");
	free(out);
	search_result_release(&res);
}

/* The facets of line @n of @out ("facets" key), checked against
 * make_result(). */
static void assert_facets_line(const char *out, unsigned n)
{
	json_t *l = json_line(out, n), *f = json_object_get(l, "facets");

	assert_int_equal(json_integer_value(json_object_get(
				json_object_get(f, "año"), "2021")), 1);
	assert_int_equal(json_integer_value(json_object_get(
				json_object_get(f, "año"), "2020")), 4);
	assert_int_equal(json_object_size(json_object_get(f, "institucion")),
			 0);
	json_decref(l);
}

/* Facets ride on every hit line, so each line is a hit: jq .path prints
 * paths only. */
static void json_facets(void **state)
{
	struct search_opts o = all_opts;
	struct search_result res;
	char *out;
	json_t *l;

	(void)state;
	make_result(&res);
	out = capture_json(&res, &o);
	assert_facets_line(out, 0);
	assert_facets_line(out, 1);
	assert_int_equal(strchr(strchr(out, '\n') + 1, '\n')[1], '\0');
	free(out);
	/* Without --facetas: the two hits only, no facets. */
	o.facets = false;
	out = capture_json(&res, &o);
	assert_non_null(strstr(out, "\"rank\":2"));
	assert_null(strstr(out, "facets"));
	assert_int_equal(strchr(strchr(out, '\n') + 1, '\n')[1], '\0');
	free(out);
	/* No hit on the page (--limit 0): one line, the total and facets. */
	o.facets = true;
	res.nhits = 0;
	out = capture_json(&res, &o);
	l = json_line(out, 0);
	assert_int_equal(json_object_size(l), 3);
	assert_int_equal(json_integer_value(json_object_get(l, "total")), 5);
	assert_true(json_is_true(json_object_get(l, "total_exact")));
	json_decref(l);
	assert_facets_line(out, 0);
	assert_int_equal(strchr(out, '\n')[1], '\0');
	free(out);
	res.nhits = 2;
	/* An estimate says so. */
	res.exact = false;
	o.facets = false;
	out = capture_json(&res, &o);
	l = json_line(out, 1);
	assert_true(json_is_false(json_object_get(l, "total_exact")));
	json_decref(l);
	free(out);
	search_result_release(&res);
}

/* ---- For people --------------------------------------------------------------- */

static void human_lines(void **state)
{
	struct search_result res;
	char *out;

	(void)state;
	make_result(&res);
	out = capture_human(&res, &all_opts, false);
	assert_string_equal(out,
		"5 resultados para «hoja» (se muestran 1–2)\n"
		"\n"
		"1. 2020-09-24 · Grupo Operativo del STL\n"
		"   corpus/minuta-2020-09-24.txt\n"
		"   I. Enviar la [hoja] de ruta.\n"
		"   Acuerdo II: La titular enviará\n"
		"\n"
		"2. (sin fecha) 10:30 · acuerdo XIV · Mesa\n"
		"   tests/otra.txt\n"
		"   Revisar el [formato].\n"
		"   Personas: Juan Carlos Mendoza Ruiz, Emmanuel Hernández García\n"
		"   Plazo: 2020-11-19 (cumplido)\n"
		"   Estado: cumplido (minuta del 2020-11-26, id 00000000000000aa)\n"
		"\n"
		"Por año: 2020 (4), 2021 (1)\n"
		"Por institución: —\n");
	free(out);
	search_result_release(&res);
}

/* A hit read by OCR: "(escaneo)" after its path, "ocr" and
 * "ocr_confidence" in JSON, after "snippet". */
static void scanned_hit(void **state)
{
	static const char rec[] =
		"{\"v\":1,\"kind\":\"acuerdo\",\"path\":\"actas/foto.jpg\","
		"\"format\":\"jpg\",\"ocr\":true,\"ocr_confidence\":91,"
		"\"date\":null,\"time\":null,\"event\":null,\"number\":3,"
		"\"text\":\"Revisar.\",\"persons\":[],\"deadline\":null}";
	struct search_result res;
	char *out;

	(void)state;
	memset(&res, 0, sizeof(res));
	res.hits = calloc(1, sizeof(*res.hits));
	assert_non_null(res.hits);
	res.nhits = 1;
	res.matches = 1;
	res.exact = true;
	set_hit(&res.hits[0], rec, 1, 1.0, "[Revisar].", "Revisar.");
	out = capture_human(&res, &all_opts, false);
	assert_non_null(strstr(out, "\n   actas/foto.jpg (escaneo)\n"));
	free(out);
	out = capture_json(&res, &all_opts);
	assert_non_null(strstr(out, "\"snippet\":\"Revisar.\",\"ocr\":true,"
				    "\"ocr_confidence\":91,\"files\":"));
	assert_non_null(strstr(out, "\"format\":\"jpg\""));
	free(out);
	search_result_release(&res);
}

static void human_header_and_color(void **state)
{
	struct search_opts o = { .query = "hoja", .kind = STL_DOC_AGREEMENT,
				 .offset = 3 };
	struct search_result res;
	char *out;

	(void)state;
	make_result(&res);
	res.exact = false;
	res.matches = 1000;
	out = capture_human(&res, &o, true);
	assert_memory_equal(out,
		"unos 1000 acuerdos para «hoja» (se muestran 4–5)\n"
		"\n\033[1m1. 2020-09-24 · Grupo Operativo del STL\033[0m\n",
		strlen("unos 1000 acuerdos para «hoja» (se muestran 4–5)\n"
		       "\n\033[1m1. 2020-09-24 · Grupo Operativo del STL\033[0m\n"));
	assert_non_null(strstr(out, "   \033[1mAcuerdo II:\033[0m La titular"));
	/* No facets unless asked. */
	assert_null(strstr(out, "Por año"));
	free(out);
	search_result_release(&res);
}

static void human_no_results(void **state)
{
	struct search_result res = { 0 };
	char *out;

	(void)state;
	out = capture_human(&res, &all_opts, false);
	assert_string_equal(out, "Sin resultados para «hoja».\n");
	free(out);
	res.suggestion = xstrdup("hojas");
	out = capture_human(&res, &all_opts, false);
	assert_string_equal(out, "Sin resultados para «hoja».\n"
				 "¿Quiso decir «hojas»?\n");
	free(out);
	search_result_release(&res);
	assert_null(res.suggestion);
}

/* Every count agrees with its noun, in number and gender. */
static void human_counts_agree(void **state)
{
	struct search_opts o = { .query = "hoja", .kind = STL_DOC_MINUTE };
	struct search_result res;
	char *out;

	(void)state;
	make_result(&res);
	res.matches = 1;
	res.nhits = 1;
	out = capture_human(&res, &o, false);
	assert_memory_equal(out, "1 minuta para «hoja»\n",
			    strlen("1 minuta para «hoja»\n"));
	free(out);
	o.kind = STL_DOC_ANY;
	res.matches = 7;
	res.exact = false;
	out = capture_human(&res, &o, false);
	assert_memory_equal(out, "unos 7 resultados para «hoja» (se muestra el n.º 1)\n",
			    strlen("unos 7 resultados para «hoja» (se muestra el n.º 1)\n"));
	free(out);
	o.kind = STL_DOC_MINUTE;
	out = capture_human(&res, &o, false);
	assert_memory_equal(out, "unas 7 minutas", strlen("unas 7 minutas"));
	free(out);
	/* An estimate of one is no estimate. */
	res.matches = 1;
	out = capture_human(&res, &o, false);
	assert_memory_equal(out, "1 minuta para", strlen("1 minuta para"));
	free(out);
	res.nhits = 2;
	search_result_release(&res);

	/* One person concerned: "Persona:". */
	make_result(&res);
	res.hits[1].record->agreement.npersons = 1;
	out = capture_human(&res, &all_opts, false);
	assert_non_null(strstr(out, "   Persona: Juan Carlos Mendoza Ruiz\n"));
	res.hits[1].record->agreement.npersons = 2;
	free(out);
	search_result_release(&res);
}

/* The suggestion's results: one line says so, and each JSON line. */
static void suggested_results(void **state)
{
	struct search_opts o = { .query = "hoxa", .kind = STL_DOC_ANY };
	struct search_result res;
	char *out;
	json_t *l;

	(void)state;
	make_result(&res);
	res.suggestion = xstrdup("hoja");
	res.from_suggestion = true;
	out = capture_human(&res, &o, false);
	assert_memory_equal(out,
		"Sin resultados para «hoxa»; se muestran los de «hoja» (5 resultados).\n\n1. ",
		strlen("Sin resultados para «hoxa»; se muestran los de «hoja» (5 resultados).\n\n1. "));
	free(out);
	out = capture_json(&res, &o);
	l = json_line(out, 1);
	assert_string_equal(jstr(l, "suggested_query"), "hoja");
	json_decref(l);
	free(out);
	search_result_release(&res);
}

/* A hit that stands for the same minute in other files names them. */
static void copies_listed(void **state)
{
	static const char pdf[] = "corpus/minuta-2020-09-24.pdf";
	struct search_result res;
	struct search_hit *h;
	char *rec, *out, *at;
	json_t *o, *files;

	(void)state;
	make_result(&res);
	h = &res.hits[0];
	/* The same record in a PDF. */
	rec = xstrdup(minute_record);
	at = strstr(rec, "\"date\"");
	assert_non_null(at);
	assert_non_null(strstr(rec, ".txt\","));
	memcpy(strstr(rec, ".txt\","), ".pdf", 4);
	out = malloc(strlen(rec) + 32);
	assert_non_null(out);
	sprintf(out, "%.*s\"format\":\"pdf\",%s", (int)(at - rec), rec, at);
	h->copies = calloc(1, sizeof(*h->copies));
	assert_non_null(h->copies);
	assert_int_equal(stl_record_read(out, strlen(out), &h->copies[0]),
			 STL_STATUS_SUCCESS);
	h->ncopies = 1;
	free(out);
	free(rec);

	out = capture_human(&res, &all_opts, false);
	assert_non_null(strstr(out, "   corpus/minuta-2020-09-24.txt\n"
				    "   También en: corpus/minuta-2020-09-24.pdf\n"
				    "   I. Enviar la [hoja] de ruta.\n"));
	free(out);
	out = capture_json(&res, &all_opts);
	o = json_line(out, 0);
	files = json_object_get(o, "files");
	assert_int_equal(json_array_size(files), 2);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(files, 0), "path")), "corpus/minuta-2020-09-24.txt");
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(files, 1), "path")), pdf);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(files, 1), "format")), "pdf");
	json_decref(o);
	free(out);
	search_result_release(&res);
}

/* ---- CSV ------------------------------------------------------------------------- */

/* What output_csv() writes for @res, as a malloc'ed string. */
static char *capture_csv(const struct search_result *res,
			 const struct search_opts *o, bool excel)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_int_equal(output_csv(f, res, o, excel), 0);
	fclose(f);
	return out;
}

static void csv_minute_rows(void **state)
{
	static const struct search_opts minutes = { .kind = STL_DOC_MINUTE };
	struct search_result res;
	char *out;

	(void)state;
	make_result(&res);
	out = capture_csv(&res, &minutes, false);
	/* The agreement hit is no row of a table of minutes. */
	assert_string_equal(out,
		"id,fecha,hora,evento,lugar,asistentes,temas,archivo\n"
		"0123456789abcdef,2020-09-24,,Grupo Operativo del STL,Metepec,"
		"Lilibeth Álvarez Rodríguez; Jorge,"
		"Hoja de ruta; Participación del CPC,"
		"corpus/minuta-2020-09-24.txt\n");
	free(out);
	search_result_release(&res);
}

static void csv_agreement_rows(void **state)
{
	static const struct search_opts agreements = {
		.kind = STL_DOC_AGREEMENT,
	};
	struct search_result res;
	char *out;

	(void)state;
	make_result(&res);
	out = capture_csv(&res, &agreements, false);
	assert_string_equal(out,
		"id,fecha,numero,acuerdo,personas,plazo,estado,evento,archivo\n"
		"fedcba9876543210-14,,14,Revisar el formato.,"
		"Juan Carlos Mendoza Ruiz; Emmanuel Hernández García,"
		"2020-11-19,cumplido,Mesa,tests/otra.txt\n");
	free(out);
	search_result_release(&res);
}

/* Quotes, commas and line breaks are quoted (RFC 4180); copies joined;
 * Excel gets a BOM and CR LF. */
static void csv_quoting_and_excel(void **state)
{
	static const struct search_opts agreements = {
		.kind = STL_DOC_AGREEMENT,
	};
	static const char rec[] =
		"{\"v\":1,\"kind\":\"acuerdo\",\"path\":\"a,b.txt\","
		"\"date\":\"2021-01-02\",\"time\":null,\"event\":\"Mesa \\\"A\\\"\","
		"\"number\":3,\"text\":\"Uno, dos\\ny \\\"tres\\\".\","
		"\"persons\":[],\"deadline\":null}";
	struct search_result res;
	struct search_hit *h;
	char *out;

	(void)state;
	memset(&res, 0, sizeof(res));
	res.hits = calloc(1, sizeof(*res.hits));
	assert_non_null(res.hits);
	res.nhits = 1;
	res.matches = 1;
	h = &res.hits[0];
	set_hit(h, rec, 1, 1.0, "x", "x");
	strcpy(h->id, "00000000000000aa-3");
	h->copies = calloc(1, sizeof(*h->copies));
	assert_non_null(h->copies);
	assert_int_equal(stl_record_read(rec, strlen(rec), &h->copies[0]),
			 STL_STATUS_SUCCESS);
	free(h->copies[0]->path);
	h->copies[0]->path = xstrdup("copia.pdf");
	h->ncopies = 1;

	out = capture_csv(&res, &agreements, false);
	assert_string_equal(out,
		"id,fecha,numero,acuerdo,personas,plazo,estado,evento,archivo\n"
		"00000000000000aa-3,2021-01-02,3,\"Uno, dos\ny \"\"tres\"\".\",,,"
		"sin seguimiento,\"Mesa \"\"A\"\"\",\"a,b.txt; copia.pdf\"\n");
	free(out);
	out = capture_csv(&res, &agreements, true);
	assert_string_equal(out,
		"\xEF\xBB\xBF"
		"id,fecha,numero,acuerdo,personas,plazo,estado,evento,archivo\r\n"
		"00000000000000aa-3,2021-01-02,3,\"Uno, dos\ny \"\"tres\"\".\",,,"
		"sin seguimiento,\"Mesa \"\"A\"\"\",\"a,b.txt; copia.pdf\"\r\n");
	free(out);
	search_result_release(&res);
}

/* A query saying tipo:acuerdo lists agreements only: their table. */
static void csv_only_agreements(void **state)
{
	static const struct search_opts minutes = { .kind = STL_DOC_MINUTE };
	struct search_result res;
	char *out;

	(void)state;
	memset(&res, 0, sizeof(res));
	res.hits = calloc(1, sizeof(*res.hits));
	assert_non_null(res.hits);
	res.nhits = res.matches = 1;
	set_hit(&res.hits[0], agreement_record, 1, 1.0, "x", "x");
	out = capture_csv(&res, &minutes, false);
	assert_non_null(strstr(out, "id,fecha,numero,acuerdo,"));
	assert_non_null(strstr(out, "\n,,14,Revisar el formato.,"));
	free(out);
	search_result_release(&res);
}

/* Nothing found: the header row alone. */
static void csv_empty(void **state)
{
	static const struct search_opts minutes = { .kind = STL_DOC_MINUTE };
	struct search_result res;
	char *out;

	(void)state;
	memset(&res, 0, sizeof(res));
	out = capture_csv(&res, &minutes, true);
	assert_string_equal(out, "\xEF\xBB\xBF"
			    "id,fecha,hora,evento,lugar,asistentes,temas,archivo\r\n");
	free(out);
}

/* ---- one minute, whole ----------------------------------------------------------- */

static void minute_shown(void **state)
{
	struct search_result res;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	make_result(&res);
	f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(output_minute(f, &res.hits[0], 2, false), 0);
	/* An agreement is no minute to show. */
	assert_int_equal(output_minute(f, &res.hits[1], 0, false), -1);
	fclose(f);
	assert_string_equal(out,
		"Minuta 2020-09-24 · Grupo Operativo del STL\n"
		"id:         0123456789abcdef\n"
		"Fecha:      2020-09-24\n"
		"Evento:     Grupo Operativo del STL\n"
		"Título:     Minuta\n"
		"Lugar:      Metepec\n"
		"Archivo:    corpus/minuta-2020-09-24.txt\n"
		"Anterior:   ninguna en el índice\n"
		"Siguiente:  ninguna en el índice\n"
		"\n"
		"Asistentes (2):\n"
		"  Lilibeth Álvarez Rodríguez — Jefa de la Unidad de Transparencia, IEEM\n"
		"  Jorge\n"
		"\n"
		"Temas (2):\n"
		"  1. Hoja de ruta\n"
		"  2. Participación del CPC\n"
		"\n"
		"Acuerdos (2):\n"
		"  I. Enviar la hoja de ruta.\n"
		"     id: 0123456789abcdef-1\n"
		"▶ II. La titular enviará el \"documento\".  ◀ el acuerdo pedido\n"
		"     id: 0123456789abcdef-2\n"
		"     Persona: Lilibeth Álvarez Rodríguez\n"
		"     Plazo: 2020-10-05\n"
		"\n"
		"Próxima reunión: 2020-10-01\n");
	free(out);
	search_result_release(&res);
}

/* ---- follow-up links ---------------------------------------------------------- */

static void set_link(struct search_link *k, const char *id, const char *date,
		     const char *path)
{
	strcpy(k->id, id);
	strcpy(k->date, date);
	k->path = xstrdup(path);
}

/*
 * The minute hit with a meeting before and after it, its agreement I due
 * at the follow-up meeting, and the agreement hit due at one no minute
 * of the index records: JSON, the list and --ver.
 */
static void links_shown(void **state)
{
	struct search_result res;
	char *out = NULL;
	json_t *o, *v;
	size_t len = 0;
	FILE *f;

	(void)state;
	make_result(&res);
	set_link(&res.hits[0].previous, "1111111111111111", "2020-06-17",
		 "corpus/minuta-2020-06-17.txt");
	set_link(&res.hits[0].next, "2222222222222222", "2020-10-01",
		 "datos/minuta-2020-10-01.txt");
	res.hits[0].record->minute->agreements[0].due_next_meeting = true;
	res.hits[1].record->agreement.due_next_meeting = true;

	out = capture_json(&res, &all_opts);
	o = json_line(out, 0);
	v = json_object_get(o, "previous");
	assert_int_equal(json_object_size(v), 3);
	assert_string_equal(jstr(v, "id"), "1111111111111111");
	assert_string_equal(jstr(v, "date"), "2020-06-17");
	assert_string_equal(jstr(v, "path"), "corpus/minuta-2020-06-17.txt");
	assert_string_equal(jstr(json_object_get(o, "next"), "id"),
			    "2222222222222222");
	/* Due at the follow-up meeting: at the minute's next one. */
	v = json_array_get(json_object_get(o, "agreements"), 0);
	assert_string_equal(jstr(json_object_get(v, "due_meeting"), "date"),
			    "2020-10-01");
	assert_null(json_object_get(json_array_get(
			json_object_get(o, "agreements"), 1), "due_meeting"));
	json_decref(o);
	o = json_line(out, 1);
	v = json_object_get(o, "due_meeting");
	assert_non_null(v);
	assert_true(json_is_null(v));
	json_decref(o);
	free(out);

	out = capture_human(&res, &all_opts, false);
	assert_non_null(strstr(out, "\n   Anterior: 2020-06-17 (minuta-2020-06-17.txt)"
			       " · Siguiente: 2020-10-01 (minuta-2020-10-01.txt)\n"));
	assert_non_null(strstr(out, "   Plazo: 2020-11-19 (cumplido)\n"
			       "   Estado: cumplido (minuta del 2020-11-26, id 00000000000000aa)\n"
			       "   Para la siguiente reunión (sin minuta de ella en el índice)\n"));
	free(out);

	out = NULL;
	f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(output_minute(f, &res.hits[0], 0, false), 0);
	fclose(f);
	assert_non_null(strstr(out,
		"Anterior:   2020-06-17  corpus/minuta-2020-06-17.txt  (id 1111111111111111)\n"
		"Siguiente:  2020-10-01  datos/minuta-2020-10-01.txt  (id 2222222222222222)\n"));
	assert_non_null(strstr(out, "     id: 0123456789abcdef-1\n"
			       "     Para la reunión del 2020-10-01 (datos/minuta-2020-10-01.txt)\n"));
	free(out);
	search_result_release(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_minute_hit),
		cmocka_unit_test(json_agreement_hit),
		cmocka_unit_test(json_facets),
		cmocka_unit_test(human_lines),
		cmocka_unit_test(scanned_hit),
		cmocka_unit_test(copies_listed),
		cmocka_unit_test(human_header_and_color),
		cmocka_unit_test(human_no_results),
		cmocka_unit_test(human_counts_agree),
		cmocka_unit_test(suggested_results),
		cmocka_unit_test(csv_minute_rows),
		cmocka_unit_test(csv_agreement_rows),
		cmocka_unit_test(csv_quoting_and_excel),
		cmocka_unit_test(csv_only_agreements),
		cmocka_unit_test(csv_empty),
		cmocka_unit_test(minute_shown),
		cmocka_unit_test(links_shown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
