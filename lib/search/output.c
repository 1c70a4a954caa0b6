/*
 * output.c - printing results; see output.h.
 */
#include "stl/output.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "stl/schema.h"

static const char *str(json_t *rec, const char *key)
{
	const char *s = json_string_value(json_object_get(rec, key));

	return s ? s : "";
}

static bool is_agreement(json_t *rec)
{
	return !strcmp(str(rec, "kind"), stl_schema_kind_name(STL_DOC_AGREEMENT));
}

/* ---- for people ------------------------------------------------------------ */

static const char *noun(const struct search_opts *o, unsigned n)
{
	switch (o->kind) {
	case STL_DOC_MINUTE:
		return n == 1 ? "minuta" : "minutas";
	case STL_DOC_AGREEMENT:
		return n == 1 ? "acuerdo" : "acuerdos";
	default:
		return n == 1 ? "resultado" : "resultados";
	}
}

static void print_header(FILE *f, const struct search_result *res,
			 const struct search_opts *o)
{
	char *shown = search_query_shown(o->query);

	fprintf(f, "%s%u %s para «%s»", res->exact ? "" : "unas ",
		res->matches, noun(o, res->matches), shown ? shown : "");
	free(shown);
	if (res->nhits && (o->offset || res->nhits < res->matches))
		fprintf(f, " (se muestran %u–%u)", o->offset + 1,
			o->offset + (unsigned)res->nhits);
	fputs("\n", f);
}

/* Agreements are numbered with Roman numerals in the minutes. */
static const char *roman(unsigned n, char out[32])
{
	static const struct { unsigned v; const char *s; } t[] = {
		{ 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" },
		{ 100, "C" }, { 90, "XC" }, { 50, "L" }, { 40, "XL" },
		{ 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" },
	};
	size_t i, len = 0;

	if (!n || n >= 4000) {
		snprintf(out, 32, "%u", n);
		return out;
	}
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		while (n >= t[i].v) {
			len += (size_t)snprintf(out + len, 32 - len, "%s", t[i].s);
			n -= t[i].v;
		}
	return out;
}

static void print_hit(FILE *f, const struct search_hit *h, bool color)
{
	const char *b = color ? "\033[1m" : "", *n = color ? "\033[0m" : "";
	json_t *rec = h->record;
	char num[32];
	size_t k;

	fprintf(f, "\n%s%u. %s", b, h->rank,
		*str(rec, "date") ? str(rec, "date") : "(sin fecha)");
	if (*str(rec, "time"))
		fprintf(f, " %s", str(rec, "time"));
	if (is_agreement(rec))
		fprintf(f, " · acuerdo %s",
			roman((unsigned)json_integer_value(
				      json_object_get(rec, "number")), num));
	if (*str(rec, "event"))
		fprintf(f, " · %s", str(rec, "event"));
	fprintf(f, "%s\n   %s\n   %s\n", n, str(rec, "path"), h->snippet);
	if (is_agreement(rec)) {
		json_t *persons = json_object_get(rec, "persons"), *p;
		size_t i;

		if (json_array_size(persons)) {
			fputs("   Personas:", f);
			json_array_foreach(persons, i, p)
				fprintf(f, "%s %s", i ? "," : "",
					json_string_value(p));
			fputs("\n", f);
		}
		if (*str(rec, "deadline"))
			fprintf(f, "   Plazo: %s\n", str(rec, "deadline"));
	}
	for (k = 0; k < h->nsubs; k++)
		fprintf(f, "   %sAcuerdo %s:%s %s\n", b,
			roman(h->subs[k].number, num), n, h->subs[k].snippet);
}

static void print_facets(FILE *f, const struct search_result *res)
{
	size_t i, k;

	for (i = 0; i < res->nfacets; i++) {
		const struct search_facet *fc = &res->facets[i];

		fprintf(f, "%sPor %s:", i ? "" : "\n", fc->name);
		for (k = 0; k < fc->n; k++)
			fprintf(f, "%s %s (%u)", k ? "," : "",
				fc->values[k].value, fc->values[k].count);
		fputs(fc->n ? "\n" : " —\n", f);
	}
}

void output_human(FILE *f, const struct search_result *res,
		  const struct search_opts *o, bool color)
{
	size_t i;

	if (!res->matches) {
		char *shown = search_query_shown(o->query);

		fprintf(f, "Sin resultados para «%s».\n", shown ? shown : "");
		free(shown);
		if (res->suggestion)
			fprintf(f, "¿Quisiste decir «%s»?\n", res->suggestion);
		return;
	}
	print_header(f, res, o);
	for (i = 0; i < res->nhits; i++)
		print_hit(f, &res->hits[i], color);
	if (o->facets)
		print_facets(f, res);
}

/* ---- for scripts --------------------------------------------------------------- */

static json_t *copy_or_null(json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);

	return v ? json_deep_copy(v) : json_null();
}

/* Attendees as {name, role, institution}, nothing internal. */
static json_t *attendees_json(json_t *rec)
{
	json_t *out = json_array(), *a;
	size_t i;

	if (!out)
		return NULL;
	json_array_foreach(json_object_get(rec, "attendees"), i, a) {
		json_t *o = json_pack("{s:O?,s:O?,s:O?}",
				      "name", json_object_get(a, "name"),
				      "role", json_object_get(a, "role"),
				      "institution",
				      json_object_get(a, "institution"));

		if (!o || json_array_append_new(out, o)) {
			json_decref(out);
			return NULL;
		}
	}
	return out;
}

static json_t *hit_json(const struct search_hit *h)
{
	json_t *rec = h->record, *o, *subs;
	int err;
	size_t k;

	o = json_pack("{s:I,s:s,s:O?,s:O?,s:O?,s:O?,s:f,s:s}",
		      "rank", (json_int_t)h->rank,
		      "kind", is_agreement(rec) ? stl_schema_kind_name(STL_DOC_AGREEMENT)
						: stl_schema_kind_name(STL_DOC_MINUTE),
		      "path", json_object_get(rec, "path"),
		      "date", json_object_get(rec, "date"),
		      "time", json_object_get(rec, "time"),
		      "event", json_object_get(rec, "event"),
		      "score", h->score, "snippet", h->snippet_plain);
	if (!o)
		return NULL;
	if (is_agreement(rec)) {
		err = json_object_set_new(o, "number",
					  copy_or_null(rec, "number"));
		err |= json_object_set_new(o, "text", copy_or_null(rec, "text"));
		err |= json_object_set_new(o, "persons",
					   copy_or_null(rec, "persons"));
		err |= json_object_set_new(o, "deadline",
					   copy_or_null(rec, "deadline"));
	} else {
		subs = json_array();
		for (k = 0; subs && k < h->nsubs; k++)
			json_array_append_new(subs,
					      json_integer(h->subs[k].number));
		err = json_object_set_new(o, "attendees", attendees_json(rec));
		err |= json_object_set_new(o, "topics",
					   copy_or_null(rec, "topics"));
		err |= json_object_set_new(o, "agreements",
					   copy_or_null(rec, "agreements"));
		err |= json_object_set_new(o, "next_meeting",
					   copy_or_null(rec, "next_meeting"));
		err |= json_object_set_new(o, "matching_agreements", subs);
	}
	if (err) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *facets_json(const struct search_result *res)
{
	json_t *all = json_object();
	size_t i, k;

	for (i = 0; all && i < res->nfacets; i++) {
		json_t *f = json_object();

		for (k = 0; f && k < res->facets[i].n; k++)
			json_object_set_new(f, res->facets[i].values[k].value,
					    json_integer(res->facets[i].values[k].count));
		if (!f || json_object_set_new(all, res->facets[i].name, f)) {
			json_decref(all);
			return NULL;
		}
	}
	return all ? json_pack("{s:o}", "facets", all) : NULL;
}

static int put_line(FILE *f, json_t *o)
{
	int ret;

	if (!o)
		return -1;
	/* Control characters come out escaped; text stays UTF-8. */
	ret = json_dumpf(o, f, JSON_COMPACT);
	json_decref(o);
	if (ret || fputc('\n', f) == EOF)
		return -1;
	return 0;
}

int output_json(FILE *f, const struct search_result *res,
		const struct search_opts *o)
{
	size_t i;

	for (i = 0; i < res->nhits; i++)
		if (put_line(f, hit_json(&res->hits[i])))
			return -1;
	if (o->facets && res->matches && put_line(f, facets_json(res)))
		return -1;
	return fflush(f) ? -1 : 0;
}
