/*
 * output.c - printing results; see output.h.
 */
#include "stl/output.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stl/followup.h"
#include "stl/record.h"
#include "stl/schema.h"
#include "stl/strbuf.h"

/* @s, or "" for none. */
static const char *str(const char *s)
{
	return s ? s : "";
}

/* @s, or NULL (JSON null) for none and "" (the record's null). */
static const char *str_or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/*
 * The file's format: as the record says, or, for a record written before
 * stlindex read other formats, "md" or "txt" by the path.
 */
static const char *record_format(const struct stl_record *rec)
{
	const char *p = rec->path;
	size_t n = p ? strlen(p) : 0;

	if (rec->minute->format[0])
		return rec->minute->format;
	return n > 3 && !strcasecmp(p + n - 3, ".md") ? "md" : "txt";
}

static bool is_agreement(const struct stl_record *rec)
{
	return rec->kind == STL_DOC_AGREEMENT;
}

/* ---- for people ------------------------------------------------------------ */

/* The noun counted, agreeing with @n; *@fem tells its gender. */
static const char *noun(const struct search_opts *o, unsigned n, bool *fem)
{
	*fem = o->kind == STL_DOC_MINUTE;
	switch (o->kind) {
	case STL_DOC_MINUTE:
		return n == 1 ? "minuta" : "minutas";
	case STL_DOC_AGREEMENT:
		return n == 1 ? "acuerdo" : "acuerdos";
	default:
		return n == 1 ? "resultado" : "resultados";
	}
}

/* A query with nothing to show (stlsearch --acuerdos). */
static bool blank(const char *s)
{
	return !s || !s[strspn(s, " \t")];
}

static void print_header(FILE *f, const struct search_result *res,
			 const struct search_opts *o)
{
	char *shown = search_query_shown(o->query);
	const char *what;
	bool fem;

	what = noun(o, res->matches, &fem);
	if (res->from_suggestion) {
		char *fix = search_query_shown(res->suggestion);

		fprintf(f, "Sin resultados para «%s»; se muestran los de «%s» (%u %s)",
			shown ? shown : "", fix ? fix : "", res->matches,
			what);
		free(fix);
		free(shown);
		fputs(".\n", f);
		return;
	}
	/* An estimate of one is no estimate worth saying. */
	if (!res->exact && res->matches > 1)
		fputs(fem ? "unas " : "unos ", f);
	if (blank(o->query))
		fprintf(f, "%u %s en el índice", res->matches, what);
	else
		fprintf(f, "%u %s para «%s»", res->matches, what,
			shown ? shown : "");
	free(shown);
	if (res->nhits == 1 && (o->offset || res->matches > 1))
		fprintf(f, " (se muestra el n.º %u)", o->offset + 1);
	else if (res->nhits && (o->offset || res->nhits < res->matches))
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

static void print_persons(FILE *f, const struct stl_agreement *a)
{
	size_t i;

	if (!a->npersons)
		return;
	fputs(a->npersons == 1 ? "   Persona:" : "   Personas:", f);
	for (i = 0; i < a->npersons; i++)
		fprintf(f, "%s %s", i ? "," : "", a->persons[i]);
	fputs("\n", f);
}

/* The status of agreement @i of @h (its only one for an agreement hit),
 * or NULL if not looked up. */
static const struct followup_status *status_at(const struct search_hit *h,
					       size_t i)
{
	return i < h->nstatuses ? &h->statuses[i] : NULL;
}

/* "Plazo: 2020-10-05 (vencido hace 3 días)" and, when a minute stated
 * one, "Estado: cumplido (minuta del 2020-10-15, id ...)". */
static void print_followup(FILE *f, const char *indent,
			   const struct stl_agreement *a,
			   const struct followup_status *fs, const char *today)
{
	enum stl_agr_status st = fs ? fs->status : STL_AGR_NONE;
	char note[64];

	if (*a->deadline) {
		followup_deadline_note(a->deadline, today, st, note,
				       sizeof(note));
		fprintf(f, "%sPlazo: %s%s%s%s\n", indent, a->deadline,
			*note ? " (" : "", note, *note ? ")" : "");
	}
	if (st == STL_AGR_NONE)
		return;
	fprintf(f, "%sEstado: %s (minuta del %s, id %s)\n", indent,
		stl_agr_status_name(st),
		*fs->source_date ? fs->source_date : "(sin fecha)",
		fs->source_id);
}

/* A linked minute in a list of hits: its date and file name (--ver
 * gives the whole path). */
static void print_link(FILE *f, const struct search_link *k)
{
	const char *p = str(k->path), *slash = strrchr(p, '/');

	fprintf(f, "%s (%s)", *k->date ? k->date : "sin fecha",
		slash && slash[1] ? slash + 1 : p);
}

/* The meeting an agreement "para la siguiente reunión" is due at. */
static void print_due(FILE *f, const char *indent, const struct search_link *k)
{
	if (!*k->id) {
		fprintf(f, "%sPara la siguiente reunión (sin minuta de ella en el índice)\n",
			indent);
		return;
	}
	fprintf(f, "%sPara la reunión del ", indent);
	print_link(f, k);
	fputs("\n", f);
}

/* A minute's meetings before and after it, when it has either. */
static void print_links(FILE *f, const struct search_hit *h)
{
	if (!*h->previous.id && !*h->next.id)
		return;
	fputs("   Anterior: ", f);
	if (*h->previous.id)
		print_link(f, &h->previous);
	else
		fputs("ninguna", f);
	fputs(" · Siguiente: ", f);
	if (*h->next.id)
		print_link(f, &h->next);
	else
		fputs("ninguna", f);
	fputs("\n", f);
}

static void print_hit(FILE *f, const struct search_hit *h, bool color)
{
	const char *b = color ? "\033[1m" : "", *n = color ? "\033[0m" : "";
	const struct stl_record *rec = h->record;
	const struct stl_minute *m = rec->minute;
	char num[32];
	size_t k;

	fprintf(f, "\n%s%u. %s", b, h->rank, *m->date ? m->date : "(sin fecha)");
	if (*m->time)
		fprintf(f, " %s", m->time);
	if (is_agreement(rec))
		fprintf(f, " · acuerdo %s", roman(rec->agreement.number, num));
	if (m->event && *m->event)
		fprintf(f, " · %s", m->event);
	/* Read by OCR: the text may hold recognition errors. */
	fprintf(f, "%s\n   %s%s\n", n, str(rec->path),
		m->ocr ? " (escaneo)" : "");
	for (k = 0; k < h->ncopies; k++)
		fprintf(f, "%s%s", k ? ", " : "   También en: ",
			str(h->copies[k]->path));
	fprintf(f, "%s   %s\n", h->ncopies ? "\n" : "", h->snippet);
	if (is_agreement(rec)) {
		print_persons(f, &rec->agreement);
		print_followup(f, "   ", &rec->agreement, status_at(h, 0),
			       h->today);
		if (rec->agreement.due_next_meeting)
			print_due(f, "   ", &h->due_meeting);
	} else {
		print_links(f, h);
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

		fprintf(f, "%sPor %s:", i ? "" : "\n",
			fc->label ? fc->label : fc->name);
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

		if (blank(o->query))
			fputs("Sin resultados: el índice está vacío.\n", f);
		else
			fprintf(f, "Sin resultados para «%s».\n",
				shown ? shown : "");
		free(shown);
		if (res->suggestion)
			fprintf(f, "¿Quiso decir «%s»?\n", res->suggestion);
		return;
	}
	print_header(f, res, o);
	for (i = 0; i < res->nhits; i++)
		print_hit(f, &res->hits[i], color);
	if (o->facets)
		print_facets(f, res);
}

/* What the hits are the results of, when not the query typed. */
static int put_suggested(json_t *o, const struct search_result *res)
{
	if (!res->from_suggestion)
		return 0;
	return json_object_set_new(o, "suggested_query",
				   json_string(res->suggestion));
}

/* ---- for scripts --------------------------------------------------------------- */

/* An array of strings; NULL if out of memory. */
static json_t *strings_json(char *const *v, size_t n)
{
	json_t *out = json_array();
	size_t i;

	for (i = 0; out && i < n; i++)
		if (json_array_append_new(out, json_string(v[i]))) {
			json_decref(out);
			out = NULL;
		}
	return out;
}

/* Attendees as {name, role, institution}, nothing internal. */
static json_t *attendees_json(const struct stl_minute *m)
{
	json_t *out = json_array(), *o;
	size_t i;

	for (i = 0; out && i < m->nattendees; i++) {
		const struct stl_attendee *a = &m->attendees[i];

		o = json_pack("{s:s?,s:s?,s:s?}", "name", str_or_null(a->name),
			      "role", str_or_null(a->role), "institution",
			      str_or_null(a->institution));
		if (!o || json_array_append_new(out, o)) {
			json_decref(out);
			out = NULL;
		}
	}
	return out;
}

/* "days_left", "status", "status_source" of agreement @a. */
static int put_followup(json_t *o, const struct stl_agreement *a,
			const struct followup_status *fs, const char *today)
{
	enum stl_agr_status st = fs ? fs->status : STL_AGR_NONE;
	json_t *src = json_null();
	long days;
	int err;

	err = json_object_set_new(o, "days_left",
				  followup_days_left(a->deadline, today, &days)
					  ? json_integer(days)
					  : json_null());
	err |= json_object_set_new(o, "status",
				   json_string(stl_agr_status_name(st)));
	if (st != STL_AGR_NONE)
		src = json_pack("{s:s,s:s?,s:s?}", "id", fs->source_id, "date",
				str_or_null(fs->source_date), "path",
				str_or_null(fs->source_path));
	err |= json_object_set_new(o, "status_source", src);
	return err;
}

/* The keys of an agreement, as the record has them. */
static int put_agreement(json_t *o, const struct stl_agreement *a)
{
	int err;

	err = json_object_set_new(o, "number", json_integer(a->number));
	err |= json_object_set_new(o, "text",
				   a->text && *a->text ? json_string(a->text)
						       : json_null());
	err |= json_object_set_new(o, "persons",
				   strings_json(a->persons, a->npersons));
	err |= json_object_set_new(o, "deadline",
				   *a->deadline ? json_string(a->deadline)
						: json_null());
	return err;
}

/* A linked minute (stl/links.h): {id, date, path}, or null. */
static json_t *link_json(const struct search_link *k)
{
	if (!*k->id)
		return json_null();
	return json_pack("{s:s,s:s?,s:s?}", "id", k->id, "date",
			 str_or_null(k->date), "path", str_or_null(k->path));
}

/* "due_meeting" on an agreement due at the follow-up meeting, @due. */
static int put_due(json_t *o, const struct stl_agreement *a,
		   const struct search_link *due)
{
	if (!a->due_next_meeting)
		return 0;
	return json_object_set_new(o, "due_meeting", link_json(due));
}

/* A minute's agreements with their statuses; those due at the follow-up
 * meeting are due at its next meeting, h->next (stl/links.h). */
static json_t *agreements_json(const struct search_hit *h)
{
	const struct stl_minute *m = h->record->minute;
	json_t *out = json_array(), *o;
	size_t i;

	for (i = 0; out && i < m->nagreements; i++) {
		o = json_object();
		if (!o || put_agreement(o, &m->agreements[i]) ||
		    put_followup(o, &m->agreements[i], status_at(h, i),
				 h->today) ||
		    put_due(o, &m->agreements[i], &h->next) ||
		    json_array_append_new(out, o)) {
			json_decref(o);
			json_decref(out);
			out = NULL;
		}
	}
	return out;
}

static json_t *next_meeting_json(const struct stl_minute *m)
{
	if (!*m->next_date && !*m->next_time)
		return json_null();
	return json_pack("{s:s?,s:s?}", "date", str_or_null(m->next_date),
			 "time", str_or_null(m->next_time));
}

static json_t *subs_json(const struct search_hit *h)
{
	json_t *subs = json_array();
	size_t k;

	for (k = 0; subs && k < h->nsubs; k++)
		if (json_array_append_new(subs,
					  json_integer(h->subs[k].number))) {
			json_decref(subs);
			subs = NULL;
		}
	return subs;
}

static json_t *facets_json(const struct search_result *res);

/*
 * What every line says of the whole result: the number of matches (an
 * estimate unless total_exact) and, asked for, the facets.
 */
static int put_totals(json_t *o, const struct search_result *res)
{
	int err;

	err = json_object_set_new(o, "total", json_integer(res->matches));
	err |= json_object_set_new(o, "total_exact",
				   json_boolean(res->exact));
	return err;
}

/* The facets, last on the line, when asked for. */
static int put_facets(json_t *o, const struct search_result *res,
		      const struct search_opts *opts)
{
	if (!opts->facets)
		return 0;
	return json_object_set_new(o, "facets", facets_json(res));
}

static json_t *file_json(const struct stl_record *rec)
{
	return json_pack("{s:s?,s:s}", "path", str_or_null(rec->path),
			 "format", record_format(rec));
}

/* Every file the hit stands for, its own first (copies: search.h). */
static json_t *files_json(const struct search_hit *h)
{
	json_t *a = json_array();
	size_t k;

	if (!a || json_array_append_new(a, file_json(h->record)))
		goto out_fail;
	for (k = 0; k < h->ncopies; k++)
		if (json_array_append_new(a, file_json(h->copies[k])))
			goto out_fail;
	return a;
out_fail:
	json_decref(a);
	return NULL;
}

static json_t *hit_json(const struct search_hit *h,
			const struct search_result *res,
			const struct search_opts *opts)
{
	const struct stl_record *rec = h->record;
	const struct stl_minute *m = rec->minute;
	json_t *o;
	int err;

	o = json_pack("{s:I}", "rank", (json_int_t)h->rank);
	if (!o || put_totals(o, res) ||
	    json_object_set_new(o, "id", *h->id ? json_string(h->id)
						: json_null())) {
		json_decref(o);
		return NULL;
	}
	err = json_object_update_new(o,
		json_pack("{s:s,s:s?,s:s,s:s?,s:s?,s:s?,s:f,s:s}",
		      "kind", is_agreement(rec) ? stl_schema_kind_name(STL_DOC_AGREEMENT)
						: stl_schema_kind_name(STL_DOC_MINUTE),
		      "path", str_or_null(rec->path),
		      "format", record_format(rec),
		      "date", str_or_null(m->date),
		      "time", str_or_null(m->time),
		      "event", str_or_null(m->event),
		      "score", h->score, "snippet", h->snippet_plain));
	if (err) {
		json_decref(o);
		return NULL;
	}
	/* Only a hit read by OCR has them: typed hits keep their layout. */
	err = m->ocr ? json_object_set_new(o, "ocr", json_true()) : 0;
	if (m->ocr)
		err |= json_object_set_new(o, "ocr_confidence",
					   json_integer(m->ocr_confidence));
	err |= json_object_set_new(o, "files", files_json(h));
	if (err) {
		json_decref(o);
		return NULL;
	}
	if (is_agreement(rec)) {
		err = put_agreement(o, &rec->agreement);
		err |= put_followup(o, &rec->agreement, status_at(h, 0),
				    h->today);
		err |= put_due(o, &rec->agreement, &h->due_meeting);
	} else {
		err = json_object_set_new(o, "attendees", attendees_json(m));
		err |= json_object_set_new(o, "topics",
					   strings_json(m->topics, m->ntopics));
		err |= json_object_set_new(o, "agreements", agreements_json(h));
		err |= json_object_set_new(o, "next_meeting",
					   next_meeting_json(m));
		err |= json_object_set_new(o, "previous",
					   link_json(&h->previous));
		err |= json_object_set_new(o, "next", link_json(&h->next));
		err |= json_object_set_new(o, "matching_agreements",
					   subs_json(h));
	}
	err |= put_suggested(o, res);
	err |= put_facets(o, res, opts);
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
	return all;
}

/* With no hit on the page (--limit 0, --offset past the end), one line
 * with what the hits would have carried. */
static json_t *totals_json(const struct search_result *res,
			   const struct search_opts *opts)
{
	json_t *o = json_object();

	if (o && !put_totals(o, res) && !put_facets(o, res, opts))
		return o;
	json_decref(o);
	return NULL;
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
		if (put_line(f, hit_json(&res->hits[i], res, o)))
			return -1;
	if (!res->nhits && o->facets && res->matches &&
	    put_line(f, totals_json(res, o)))
		return -1;
	return fflush(f) ? -1 : 0;
}

/* ---- CSV ------------------------------------------------------------------------- */

/* Joins the values of one cell. */
#define CSV_JOIN "; "

struct csv {
	FILE *f;
	const char *eol;	/* "\n", or "\r\n" for Excel */
	bool first;		/* no field yet on this row */
};

/* One field, quoted when it holds a quote, a comma, CR or LF (RFC 4180). */
static void csv_field(struct csv *c, const char *s)
{
	s = str(s);
	if (!c->first)
		fputc(',', c->f);
	c->first = false;
	if (!strpbrk(s, "\",\r\n")) {
		fputs(s, c->f);
		return;
	}
	fputc('"', c->f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', c->f);
		fputc(*s, c->f);
	}
	fputc('"', c->f);
}

static void csv_end_row(struct csv *c)
{
	fputs(c->eol, c->f);
	c->first = true;
}

/* Several values in one field, joined with "; " (empty ones left out). */
static void csv_joined(struct csv *c, const char *const *v, size_t n)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!v[i] || !*v[i])
			continue;
		if (sb.len)
			stl_strbuf_addstr(&sb, CSV_JOIN);
		stl_strbuf_addstr(&sb, v[i]);
	}
	csv_field(c, sb.len ? sb.buf : "");
	stl_strbuf_release(&sb);
}

/* The hit's file, then its copies'. */
static void csv_files(struct csv *c, const struct search_hit *h)
{
	const char **v = calloc(h->ncopies + 1, sizeof(*v));
	size_t k;

	if (!v) {
		csv_field(c, h->record->path);
		return;
	}
	v[0] = h->record->path;
	for (k = 0; k < h->ncopies; k++)
		v[k + 1] = h->copies[k]->path;
	csv_joined(c, v, h->ncopies + 1);
	free(v);
}

static const char *const csv_minute_header[] = {
	"id", "fecha", "hora", "evento", "lugar", "asistentes", "temas",
	"archivo",
};

static const char *const csv_agreement_header[] = {
	"id", "fecha", "numero", "acuerdo", "personas", "plazo", "estado",
	"evento", "archivo",
};

static void csv_minute_row(struct csv *c, const struct search_hit *h)
{
	const struct stl_minute *m = h->record->minute;
	const char *place[2] = { m->city, m->medium };
	const char **names = calloc(m->nattendees + 1, sizeof(*names));
	size_t i;

	csv_field(c, h->id);
	csv_field(c, m->date);
	csv_field(c, m->time);
	csv_field(c, m->event);
	csv_joined(c, place, 2);
	for (i = 0; names && i < m->nattendees; i++)
		names[i] = m->attendees[i].name;
	csv_joined(c, names, names ? m->nattendees : 0);
	free(names);
	csv_joined(c, (const char *const *)m->topics, m->ntopics);
	csv_files(c, h);
	csv_end_row(c);
}

static void csv_agreement_row(struct csv *c, const struct search_hit *h)
{
	const struct stl_record *rec = h->record;
	const struct stl_agreement *a = &rec->agreement;
	char num[16];

	snprintf(num, sizeof(num), "%u", a->number);
	csv_field(c, h->id);
	csv_field(c, rec->minute->date);
	csv_field(c, num);
	csv_field(c, a->text);
	csv_joined(c, (const char *const *)a->persons, a->npersons);
	csv_field(c, a->deadline);
	csv_field(c, stl_agr_status_name(h->nstatuses ? h->statuses[0].status
						      : STL_AGR_NONE));
	csv_field(c, rec->minute->event);
	csv_files(c, h);
	csv_end_row(c);
}

/* Every hit is an agreement (tipo:acuerdo in the query), and there is one. */
static bool only_agreements(const struct search_result *res)
{
	size_t i;

	for (i = 0; i < res->nhits; i++)
		if (!is_agreement(res->hits[i].record))
			return false;
	return res->nhits > 0;
}

int output_csv(FILE *f, const struct search_result *res,
	       const struct search_opts *o, bool excel)
{
	struct csv c = { .f = f, .eol = excel ? "\r\n" : "\n", .first = true };
	bool agreements = o->kind == STL_DOC_AGREEMENT || only_agreements(res);
	const char *const *head = agreements ? csv_agreement_header
					     : csv_minute_header;
	size_t i, n = agreements
			      ? sizeof(csv_agreement_header) / sizeof(*head)
			      : sizeof(csv_minute_header) / sizeof(*head);

	if (excel)
		fputs("\xEF\xBB\xBF", f);	/* the BOM: Excel reads UTF-8 */
	for (i = 0; i < n; i++)
		csv_field(&c, head[i]);
	csv_end_row(&c);
	for (i = 0; i < res->nhits; i++) {
		const struct search_hit *h = &res->hits[i];

		/* A query saying tipo: finds both kinds: one table, one kind. */
		if (is_agreement(h->record) != agreements)
			continue;
		if (agreements)
			csv_agreement_row(&c, h);
		else
			csv_minute_row(&c, h);
	}
	if (fflush(f) || ferror(f))
		return -1;
	return 0;
}

int output_csv_table(FILE *f, const char *const *head, size_t ncols,
		     const char *const *cells, size_t nrows, bool excel)
{
	struct csv c = { .f = f, .eol = excel ? "\r\n" : "\n", .first = true };
	size_t i, k;

	if (excel)
		fputs("\xEF\xBB\xBF", f);	/* the BOM: Excel reads UTF-8 */
	for (i = 0; i < ncols; i++)
		csv_field(&c, head[i]);
	csv_end_row(&c);
	for (k = 0; k < nrows; k++) {
		for (i = 0; i < ncols; i++)
			csv_field(&c, cells[k * ncols + i]);
		csv_end_row(&c);
	}
	if (fflush(f) || ferror(f))
		return -1;
	return 0;
}

/* ---- one minute, whole ---------------------------------------------------------- */

/*
 * The sections of a minute as --ver prints them, in order. Each prints
 * itself, starting with a blank line; status and previous/next meetings
 * come as sections (or lines of the agreements') of their own.
 */
struct show {
	FILE *f;
	const struct search_hit *h;
	unsigned mark;		/* agreement number marked, 0 none */
	const char *b, *n;	/* bold on, off ("" without colour) */
};

/* @label padded to the column of values (by characters, not bytes). */
static void show_label(const struct show *s, const char *label)
{
	size_t w = 0;
	const char *p;

	fputs(label, s->f);
	for (p = label; *p; p++)
		w += ((unsigned char)*p & 0xc0) != 0x80;
	do
		fputc(' ', s->f);
	while (++w < 12);
}

/* "Label: value", when there is a value. */
static void show_line(const struct show *s, const char *label,
		      const char *value)
{
	if (value && *value) {
		show_label(s, label);
		fprintf(s->f, "%s\n", value);
	}
}

/* A meeting before or after the minute (stl/links.h). */
static void show_link(const struct show *s, const char *label,
		      const struct search_link *k)
{
	show_label(s, label);
	if (!*k->id) {
		fputs("ninguna en el índice\n", s->f);
		return;
	}
	fprintf(s->f, "%s  %s  (id %s)\n", *k->date ? k->date : "(sin fecha)",
		str(k->path), k->id);
}

static void show_header(const struct show *s)
{
	const struct stl_minute *m = s->h->record->minute;
	size_t k;

	fprintf(s->f, "%sMinuta %s", s->b, *m->date ? m->date : "(sin fecha)");
	if (*m->time)
		fprintf(s->f, " %s", m->time);
	if (m->event && *m->event)
		fprintf(s->f, " · %s", m->event);
	fprintf(s->f, "%s\n", s->n);
	show_line(s, "id:", s->h->id);
	show_line(s, "Fecha:", m->date);
	show_line(s, "Hora:", m->time);
	show_line(s, "Evento:", m->event);
	show_line(s, "Título:", m->title);
	show_line(s, "Lugar:", m->city);
	show_line(s, "Medio:", m->medium);
	show_label(s, "Archivo:");
	fprintf(s->f, "%s%s\n", str(s->h->record->path),
		m->ocr ? " (escaneo)" : "");
	for (k = 0; k < s->h->ncopies; k++) {
		show_label(s, k ? "" : "También en:");
		fprintf(s->f, "%s\n", str(s->h->copies[k]->path));
	}
	show_link(s, "Anterior:", &s->h->previous);
	show_link(s, "Siguiente:", &s->h->next);
}

static void show_attendees(const struct show *s)
{
	const struct stl_minute *m = s->h->record->minute;
	size_t i;

	if (!m->nattendees) {
		fputs("\nAsistentes: ninguno registrado\n", s->f);
		return;
	}
	fprintf(s->f, "\n%sAsistentes (%zu):%s\n", s->b, m->nattendees, s->n);
	for (i = 0; i < m->nattendees; i++) {
		const struct stl_attendee *a = &m->attendees[i];
		bool role = a->role && *a->role;
		bool inst = a->institution && *a->institution;

		fprintf(s->f, "  %s", str(a->name));
		if (role || inst)
			fprintf(s->f, " — %s%s%s", role ? a->role : "",
				role && inst ? ", " : "",
				inst ? a->institution : "");
		fputs("\n", s->f);
	}
}

static void show_topics(const struct show *s)
{
	const struct stl_minute *m = s->h->record->minute;
	size_t i;

	if (!m->ntopics)
		return;
	fprintf(s->f, "\n%sTemas (%zu):%s\n", s->b, m->ntopics, s->n);
	for (i = 0; i < m->ntopics; i++)
		fprintf(s->f, "  %zu. %s\n", i + 1, str(m->topics[i]));
}

/* The meeting an agreement due at the follow-up meeting is due at. */
static void show_due(const struct show *s, const struct search_link *k)
{
	if (!*k->id)
		fputs("     Para la siguiente reunión (sin minuta de ella en el índice)\n",
		      s->f);
	else
		fprintf(s->f, "     Para la reunión del %s (%s)\n",
			*k->date ? k->date : "sin fecha", str(k->path));
}

static void show_agreement(const struct show *s, const struct stl_agreement *a,
			   const struct followup_status *fs)
{
	bool marked = s->mark && a->number == s->mark;
	char num[32], id[STL_SCHEMA_ID_SIZE] = "";
	size_t i;

	fprintf(s->f, "%s%s%s.%s %s%s\n", marked ? "▶ " : "  ", s->b,
		roman(a->number, num), s->n, str(a->text),
		marked ? "  ◀ el acuerdo pedido" : "");
	/* The agreement's id is its minute's key and its number. */
	if (stl_schema_id(s->h->id, a->number, id))
		fprintf(s->f, "     id: %s\n", id);
	if (a->npersons) {
		fputs(a->npersons == 1 ? "     Persona:" : "     Personas:",
		      s->f);
		for (i = 0; i < a->npersons; i++)
			fprintf(s->f, "%s %s", i ? ";" : "", a->persons[i]);
		fputs("\n", s->f);
	}
	print_followup(s->f, "     ", a, fs, s->h->today);
	if (a->due_next_meeting)
		show_due(s, &s->h->next);
}

static void show_agreements(const struct show *s)
{
	const struct stl_minute *m = s->h->record->minute;
	size_t i;

	if (!m->nagreements) {
		fputs("\nAcuerdos: ninguno registrado\n", s->f);
		return;
	}
	fprintf(s->f, "\n%sAcuerdos (%zu):%s\n", s->b, m->nagreements, s->n);
	for (i = 0; i < m->nagreements; i++)
		show_agreement(s, &m->agreements[i], status_at(s->h, i));
}

static void show_next(const struct show *s)
{
	const struct stl_minute *m = s->h->record->minute;

	if (!*m->next_date && !*m->next_time)
		return;
	fprintf(s->f, "\n%sPróxima reunión:%s %s%s%s\n", s->b, s->n,
		*m->next_date ? m->next_date : "(sin fecha)",
		*m->next_time ? " " : "", m->next_time);
}

int output_minute(FILE *f, const struct search_hit *h, unsigned mark,
		  bool color)
{
	static void (*const sections[])(const struct show *) = {
		show_header, show_attendees, show_topics, show_agreements,
		show_next,
	};
	struct show s = { .f = f, .h = h, .mark = mark,
			  .b = color ? "\033[1m" : "",
			  .n = color ? "\033[0m" : "" };
	size_t i;

	if (!h->record || is_agreement(h->record))
		return -1;
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		sections[i](&s);
	return fflush(f) || ferror(f) ? -1 : 0;
}
