/*
 * people_output.c - printing the people of stlsearch --personas; see
 * people.h.
 */
#include "stl/people.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "stl/output.h"
#include "stl/strbuf.h"

static const char *plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "el 2020-06-17" or "del 2020-06-17 al 2020-09-24"; "" undated. */
static void print_span(FILE *f, const char *first, const char *last)
{
	if (!*first)
		return;
	if (!strcmp(first, last))
		fprintf(f, "el %s", first);
	else
		fprintf(f, "del %s al %s", first, last);
}

/* The forms seen other than the name shown. */
static size_t other_names(const struct people_person *p, const char **out)
{
	size_t i, n = 0;

	for (i = 0; i < p->nnames; i++)
		if (strcmp(p->names[i], p->name))
			out[n++] = p->names[i];
	return n;
}

static void print_person(FILE *f, const struct people_person *p, bool color)
{
	const char *b = color ? "\033[1m" : "", *e = color ? "\033[0m" : "";
	const char **others = calloc(p->nnames + 1, sizeof(*others));
	size_t i, n = others ? other_names(p, others) : 0;

	fprintf(f, "\n%s%s%s\n  ", b, p->name, e);
	if (p->meetings) {
		fprintf(f, "%u %s", p->meetings,
			plural(p->meetings, "reunión", "reuniones"));
		if (*p->first) {
			fputs(", ", f);
			print_span(f, p->first, p->last);
		}
	} else {
		fputs("sin reuniones como asistente", f);
	}
	fprintf(f, "; %u %s\n", p->agreements,
		plural(p->agreements, "acuerdo", "acuerdos"));
	for (i = 0; i < p->nposts; i++) {
		const struct people_post *q = &p->posts[i];

		fprintf(f, "  · %s%s%s", q->role,
			*q->role && *q->institution ? ", " : "",
			q->institution);
		if (*q->first) {
			fputs(": ", f);
			print_span(f, q->first, q->last);
		}
		fprintf(f, " (%u %s)\n", q->meetings,
			plural(q->meetings, "reunión", "reuniones"));
	}
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? "; " : "  Otras formas: ", others[i]);
	if (n)
		fputc('\n', f);
	free(others);
}

int people_output_human(FILE *f, const struct people_dir *d, bool color)
{
	size_t i;

	fprintf(f, "%zu %s\n", d->n, plural((unsigned)d->n, "persona",
					     "personas"));
	for (i = 0; i < d->n; i++)
		print_person(f, &d->v[i], color);
	return fflush(f) || ferror(f) ? -1 : 0;
}

/* @s, or JSON null for "". */
static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *person_json(const struct people_person *p)
{
	json_t *o = json_object(), *names = json_array(), *posts = json_array();
	size_t i;

	for (i = 0; i < p->nnames; i++)
		json_array_append_new(names, json_string(p->names[i]));
	for (i = 0; i < p->nposts; i++) {
		const struct people_post *q = &p->posts[i];

		json_array_append_new(posts, json_pack(
			"{s:o, s:o, s:o, s:o, s:I}",
			"role", str_or_null(q->role),
			"institution", str_or_null(q->institution),
			"first", str_or_null(q->first),
			"last", str_or_null(q->last),
			"meetings", (json_int_t)q->meetings));
	}
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "names", names);
	json_object_set_new(o, "posts", posts);
	json_object_set_new(o, "meetings", json_integer(p->meetings));
	json_object_set_new(o, "first", str_or_null(p->first));
	json_object_set_new(o, "last", str_or_null(p->last));
	json_object_set_new(o, "agreements", json_integer(p->agreements));
	return o;
}

int people_output_json(FILE *f, const struct people_dir *d)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < d->n && !ret; i++) {
		json_t *o = person_json(&d->v[i]);
		char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)
			    : NULL;

		ret = s && fprintf(f, "%s\n", s) > 0 ? 0 : -1;
		free(s);
		json_decref(o);
	}
	return ret || fflush(f) || ferror(f) ? -1 : 0;
}

static const char *const csv_people_header[] = {
	"nombre", "otras formas", "cargo actual", "institución actual",
	"reuniones", "primera", "última", "acuerdos",
};

#define NCOLS (sizeof(csv_people_header) / sizeof(*csv_people_header))

/* The current post: the one held last. */
static const struct people_post *current_post(const struct people_person *p)
{
	const struct people_post *cur = NULL;
	size_t i;

	for (i = 0; i < p->nposts; i++)
		if (!cur || strcmp(p->posts[i].last, cur->last) >= 0)
			cur = &p->posts[i];
	return cur;
}

/* Row @p into @cells; its strings into @own (freed by the caller). */
static void person_row(const struct people_person *p, const char **cells,
		       char **own)
{
	const struct people_post *cur = current_post(p);
	const char **others = calloc(p->nnames + 1, sizeof(*others));
	size_t i, n = others ? other_names(p, others) : 0;
	size_t len = 1;

	for (i = 0; i < n; i++)
		len += strlen(others[i]) + 2;
	own[0] = calloc(1, len);
	for (i = 0; own[0] && i < n; i++) {
		if (i)
			strcat(own[0], "; ");
		strcat(own[0], others[i]);
	}
	free(others);
	own[1] = stl_strdup_printf("%u", p->meetings);
	own[2] = stl_strdup_printf("%u", p->agreements);
	cells[0] = p->name;
	cells[1] = own[0];
	cells[2] = cur ? cur->role : NULL;
	cells[3] = cur ? cur->institution : NULL;
	cells[4] = own[1];
	cells[5] = p->first;
	cells[6] = p->last;
	cells[7] = own[2];
}

int people_output_csv(FILE *f, const struct people_dir *d, bool excel)
{
	const char **cells = calloc(d->n * NCOLS + 1, sizeof(*cells));
	char **own = calloc(d->n * 3 + 1, sizeof(*own));
	size_t i;
	int ret = -1;

	if (!cells || !own)
		goto out;
	for (i = 0; i < d->n; i++)
		person_row(&d->v[i], cells + i * NCOLS, own + i * 3);
	ret = output_csv_table(f, csv_people_header, NCOLS, cells, d->n, excel);
out:
	for (i = 0; own && i < d->n * 3; i++)
		free(own[i]);
	free(own);
	free(cells);
	return ret;
}
