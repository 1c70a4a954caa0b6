/*
 * test_people.c - the directory of people (lib/search/people.c): forms of
 * one name merged by the subset rule and not when two people share the
 * shorter form, personas.tsv (good and bad lines), posts equal in gender
 * and head word, Spanish order with ñ after n, the alternatives persona:
 * searches by, and the people value of slot 10 read back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/minute.h"
#include "stl/people.h"
#include "stl/query.h"
#include "stl/schema.h"
#include "stl/strbuf.h"

static void attend(struct people_dir *d, const char *meeting,
		   const char *date, const char *name, const char *role,
		   const char *inst)
{
	assert_int_equal(people_add_attendance(d, meeting, date, name, role,
					       inst, inst),
			 STL_STATUS_SUCCESS);
}

static const struct people_person *by_name(const struct people_dir *d,
					   const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].name, name))
			return &d->v[i];
	return NULL;
}

static void forms_merge(void **state)
{
	struct people_dir d;
	const struct people_person *p;

	(void)state;
	assert_int_equal(people_dir_init(&d), STL_STATUS_SUCCESS);
	attend(&d, "m1", "2020-06-17", "Lilibeth Álvarez",
	       "Jefa de la Unidad de Transparencia", "IEEM");
	attend(&d, "m2", "2020-09-24", "Mtra. Lilibeth Alvarez Rodriguez",
	       "Titular de la Unidad de Transparencia", "IEEM");
	attend(&d, "m3", "2021-03-15", "Lilibeth Álvarez Rodríguez",
	       "Jefa de la Unidad de Transparencia", "IEEM");
	assert_int_equal(people_add_agreement(&d, "m2", 2, "2020-09-24",
					      "Lilibeth Álvarez"),
			 STL_STATUS_SUCCESS);
	assert_int_equal(people_dir_finish(&d), STL_STATUS_SUCCESS);
	assert_int_equal(d.n, 1);
	p = &d.v[0];
	/* The longest form, accented, without its title. */
	assert_string_equal(p->name, "Lilibeth Álvarez Rodríguez");
	assert_int_equal(p->nnames, 3);
	assert_int_equal(p->meetings, 3);
	assert_string_equal(p->first, "2020-06-17");
	assert_string_equal(p->last, "2021-03-15");
	assert_int_equal(p->agreements, 1);
	/* Jefa and Titular of one unit: one post. */
	assert_int_equal(p->nposts, 1);
	assert_int_equal(p->posts[0].meetings, 3);
	assert_string_equal(p->posts[0].role,
			    "Jefa de la Unidad de Transparencia");
	people_dir_release(&d);
}

/* The longest form, with the accents another form gives a word. */
static void accents_borrowed(void **state)
{
	struct people_dir d;

	(void)state;
	assert_int_equal(people_dir_init(&d), STL_STATUS_SUCCESS);
	attend(&d, "m1", "2022-01-20", "Lilibeth Alvarez Rodriguez", NULL, NULL);
	attend(&d, "m2", "2022-02-17", "Lilibeth Álvarez", NULL, NULL);
	assert_int_equal(people_dir_finish(&d), STL_STATUS_SUCCESS);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].name, "Lilibeth Álvarez Rodriguez");
	people_dir_release(&d);
}

/* Two people share "Juan Pérez": the archive cannot tell whose it is. */
static void contradiction_stays_apart(void **state)
{
	struct people_dir d;

	(void)state;
	assert_int_equal(people_dir_init(&d), STL_STATUS_SUCCESS);
	attend(&d, "m1", "2020-01-01", "Juan Pérez López", "Vocal", "IEEM");
	attend(&d, "m2", "2020-02-01", "Juan Pérez Soto", "Vocal", "CPC");
	attend(&d, "m3", "2020-03-01", "Juan Pérez", "Vocal", "CPC");
	assert_int_equal(people_dir_finish(&d), STL_STATUS_SUCCESS);
	assert_int_equal(d.n, 3);
	assert_non_null(by_name(&d, "Juan Pérez"));
	assert_int_equal(by_name(&d, "Juan Pérez López")->meetings, 1);
	assert_int_equal(by_name(&d, "Juan Pérez Soto")->meetings, 1);
	people_dir_release(&d);
}

/* A single word is too little to join anyone. */
static void one_word_stays_apart(void **state)
{
	struct people_dir d;

	(void)state;
	assert_int_equal(people_dir_init(&d), STL_STATUS_SUCCESS);
	attend(&d, "m1", "2020-01-01", "Jorge Medina Soto", NULL, NULL);
	attend(&d, "m2", "2020-02-01", "Jorge", NULL, NULL);
	assert_int_equal(people_dir_finish(&d), STL_STATUS_SUCCESS);
	assert_int_equal(d.n, 2);
	people_dir_release(&d);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

static void tsv_aliases(void **state)
{
	static const char tsv[] =
		"# quién es quién\n"
		"Edgar Serrano\tEnrique Serrano Arenas\n"
		"\n"
		"sin tabulador\n"
		"Juan Pérez\tJuan Pérez López | \n"
		"\tnadie\n"
		"Solo\t \n";
	struct stl_strbuf norm = STL_STRBUF_INIT, bad = STL_STRBUF_INIT;
	struct people_dir d;
	const struct people_person *p;

	(void)state;
	assert_int_equal(people_dir_init(&d), STL_STATUS_SUCCESS);
	attend(&d, "m1", "2020-06-17", "Enrique Serrano Arenas",
	       "Representante", "Tendiendo Puentes A.C.");
	assert_int_equal(people_add_agreement(&d, "m2", 7, "2020-09-24",
					      "Edgar Serrano"),
			 STL_STATUS_SUCCESS);
	attend(&d, "m1", "2020-06-17", "Juan Pérez López", "Vocal", "IEEM");
	attend(&d, "m2", "2020-09-24", "Juan Pérez Soto", "Vocal", "CPC");
	attend(&d, "m3", "2020-10-01", "Juan Pérez", "Vocal", "IEEM");
	assert_int_equal(people_add_tsv(&d, "personas.tsv", tsv,
					strlen(tsv), &norm, &bad),
			 STL_STATUS_SUCCESS);
	assert_string_equal(norm.buf,
			    "Edgar Serrano\tEnrique Serrano Arenas\n"
			    "Juan Pérez\tJuan Pérez López\n");
	assert_string_equal(
		bad.buf,
		"'personas.tsv' línea 4: falta el tabulador entre el nombre y sus otras formas\n"
		"'personas.tsv' línea 6: falta el nombre\n"
		"'personas.tsv' línea 7: falta al menos otra forma del nombre (separadas por |)\n");
	assert_int_equal(people_dir_finish(&d), STL_STATUS_SUCCESS);
	/* Edgar = Enrique; Juan Pérez = Juan Pérez López, as the user said. */
	assert_int_equal(d.n, 3);
	p = by_name(&d, "Edgar Serrano");
	assert_non_null(p);
	assert_int_equal(p->nnames, 2);
	assert_int_equal(p->meetings, 1);
	assert_int_equal(p->agreements, 1);
	p = by_name(&d, "Juan Pérez");
	assert_non_null(p);
	assert_int_equal(p->meetings, 2);
	assert_int_equal(p->nposts, 1);
	assert_null(by_name(&d, "Juan Pérez López"));
	assert_non_null(by_name(&d, "Juan Pérez Soto"));

	/* persona:"edgar serrano" also searches the other form. */
	stl_strbuf_reset(&norm);
	people_alternatives(&d, "edgar serrano", &norm);
	assert_string_equal(norm.buf, "enrique serrano arenas\n");
	stl_strbuf_reset(&norm);
	people_alternatives(&d, "arenas", &norm);
	assert_string_equal(norm.buf, "edgar serrano\n");

	/* Stored as text (STL_META_IDENTITIES), the same alternatives:
	 * only people with two forms or more are written. */
	stl_strbuf_reset(&norm);
	assert_int_equal(people_identities_text(&d, &bad), STL_STATUS_SUCCESS);
	stl_strbuf_reset(&bad);
	assert_int_equal(people_identities_text(&d, &bad), STL_STATUS_SUCCESS);
	assert_int_equal(count_lines(bad.buf), 2);
	people_alternatives_text(bad.buf, bad.len, "edgar serrano", &norm);
	assert_string_equal(norm.buf, "enrique serrano arenas\n");
	stl_strbuf_reset(&norm);
	people_alternatives_text(bad.buf, bad.len, "arenas", &norm);
	assert_string_equal(norm.buf, "edgar serrano\n");
	stl_strbuf_reset(&norm);
	people_alternatives_text(bad.buf, bad.len, "juan perez soto", &norm);
	assert_string_equal(norm.buf ? norm.buf : "", "");
	stl_strbuf_release(&norm);
	stl_strbuf_release(&bad);
	people_dir_release(&d);
}

static void post_rule(void **state)
{
	struct stl_strbuf a = STL_STRBUF_INIT, b = STL_STRBUF_INIT;

	(void)state;
	assert_int_equal(people_post_key("Jefa de la Unidad de Transparencia",
					 "ieem", &a),
			 STL_STATUS_SUCCESS);
	assert_int_equal(people_post_key("Titular de la Unidad de Transparencia",
					 "ieem", &b),
			 STL_STATUS_SUCCESS);
	assert_string_equal(a.buf, b.buf);
	people_post_key("Encargado de la unidad de transparencia", "ieem", &b);
	assert_string_equal(a.buf, b.buf);
	/* Gender folded: Directora / Director, Secretaria / Secretario. */
	people_post_key("Directora General", "infoem", &a);
	people_post_key("Director General", "infoem", &b);
	assert_string_equal(a.buf, b.buf);
	people_post_key("Secretaria Técnica", "cpc", &a);
	people_post_key("Secretario Tecnico", "cpc", &b);
	assert_string_equal(a.buf, b.buf);
	/* Another institution, another post. */
	people_post_key("Directora General", "ieem", &b);
	people_post_key("Directora General", "infoem", &a);
	assert_string_not_equal(a.buf, b.buf);
	/* Another unit, another post. */
	people_post_key("Jefa de la Unidad de Transparencia", "ieem", &a);
	people_post_key("Jefa de la Unidad Jurídica", "ieem", &b);
	assert_string_not_equal(a.buf, b.buf);
	stl_strbuf_release(&a);
	stl_strbuf_release(&b);
}

static void spanish_order(void **state)
{
	struct people_dir d;

	(void)state;
	assert_true(people_name_cmp("Nuñez", "Nuzco") < 0);
	assert_true(people_name_cmp("Nuñez", "Nunzio") > 0);
	assert_true(people_name_cmp("Nuñez", "Nunez") > 0);
	assert_true(people_name_cmp("Ñandú", "Nzima") > 0);
	assert_true(people_name_cmp("Ñandú", "Oscar") < 0);
	assert_true(people_name_cmp("álvarez", "Alvarez Ruiz") < 0);
	assert_true(people_name_cmp("Émilio", "edgar") > 0);
	assert_true(people_name_cmp("Ana María", "Anabel") < 0);

	assert_int_equal(people_dir_init(&d), STL_STATUS_SUCCESS);
	attend(&d, "m1", "", "Oscar Ruiz", NULL, NULL);
	attend(&d, "m1", "", "Ñeco Ruiz", NULL, NULL);
	attend(&d, "m1", "", "nora Ruiz", NULL, NULL);
	attend(&d, "m1", "", "Álvaro Ruiz", NULL, NULL);
	attend(&d, "m1", "", "Nuzco Ruiz", NULL, NULL);
	assert_int_equal(people_dir_finish(&d), STL_STATUS_SUCCESS);
	assert_int_equal(d.n, 5);
	assert_string_equal(d.v[0].name, "Álvaro Ruiz");
	assert_string_equal(d.v[1].name, "nora Ruiz");
	assert_string_equal(d.v[2].name, "Nuzco Ruiz");
	assert_string_equal(d.v[3].name, "Ñeco Ruiz");
	assert_string_equal(d.v[4].name, "Oscar Ruiz");
	people_dir_release(&d);
}

/* One minute counted once however many times a name appears in it. */
static void meetings_once(void **state)
{
	struct people_dir d;

	(void)state;
	assert_int_equal(people_dir_init(&d), STL_STATUS_SUCCESS);
	attend(&d, "m1", "2020-06-17", "Rafael Funes Díaz", "Facilitador", "STL");
	attend(&d, "m1", "2020-06-17", "Rafael Funes", "Facilitador", "STL");
	people_add_agreement(&d, "m1", 3, "2020-06-17", "Rafael Funes Díaz");
	people_add_agreement(&d, "m1", 3, "2020-06-17", "Rafael Funes");
	assert_int_equal(people_dir_finish(&d), STL_STATUS_SUCCESS);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].meetings, 1);
	assert_int_equal(d.v[0].agreements, 1);
	assert_int_equal(d.v[0].posts[0].meetings, 1);
	people_dir_release(&d);
}

static int count_entry(const struct stl_people_entry *e, void *ctx)
{
	unsigned *n = ctx;

	if (e->attendee) {
		assert_int_equal(e->len[0], strlen("Ana Ruiz"));
		assert_memory_equal(e->f[0], "Ana Ruiz", e->len[0]);
		assert_int_equal(e->len[1], 6);
		assert_memory_equal(e->f[1], "Jefa A", 6);
		assert_int_equal(e->len[2], 4);
		assert_int_equal(e->len[3], 4);
	} else {
		assert_int_equal(e->number, 2);
		assert_memory_equal(e->f[0], "Luis Soto", e->len[0]);
	}
	(*n)++;
	return 0;
}

/* Slot 10's value written and read back (stl/schema.h). */
static void people_value(void **state)
{
	struct stl_attendee att = { .name = (char *)"Ana Ruiz",
				    .role = (char *)"Jefa\tA",
				    .institution = (char *)"IEEM",
				    .institution_id = (char *)"ieem" };
	char *persons[] = { (char *)"Luis Soto" };
	struct stl_agreement ag = { .number = 2, .persons = persons,
				    .npersons = 1 };
	struct stl_minute m;
	struct stl_strbuf sb = STL_STRBUF_INIT;
	char date[11];
	unsigned n = 0;

	(void)state;
	memset(&m, 0, sizeof(m));
	strcpy(m.date, "2020-09-24");
	m.attendees = &att;
	m.nattendees = 1;
	m.agreements = &ag;
	m.nagreements = 1;
	assert_int_equal(stl_schema_people_value(&m, &sb), STL_STATUS_SUCCESS);
	stl_schema_people_parse(sb.buf, sb.len, date, count_entry, &n);
	assert_string_equal(date, "2020-09-24");
	assert_int_equal(n, 2);
	stl_strbuf_release(&sb);
}

static stl_status_t alts(const char *value, void *ctx, struct stl_strbuf *out)
{
	(void)ctx;
	if (!strcmp(value, "edgar serrano"))
		stl_strbuf_addstr(out, "enrique serrano arenas\n");
	return STL_STATUS_SUCCESS;
}

/* The rewrite of persona: and asistente: values (lib/search/qrewrite.c). */
static void rewrite(void **state)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	(void)state;
	assert_int_equal(query_by_person("persona:\"edgar serrano\" fecha:2020",
					 alts, NULL, &sb),
			 STL_STATUS_SUCCESS);
	assert_string_equal(sb.buf,
			    "(persona:\"edgar serrano\" OR persona:\"enrique serrano arenas\") fecha:2020");
	stl_strbuf_reset(&sb);
	query_by_person("asistente:\"edgar serrano\" O tema:\"edgar serrano\"",
			alts, NULL, &sb);
	assert_string_equal(sb.buf,
			    "(asistente:\"edgar serrano\" OR asistente:\"enrique serrano arenas\") O tema:\"edgar serrano\"");
	stl_strbuf_reset(&sb);
	/* No other form, a sign before: as it was. */
	query_by_person("persona:lilibeth -persona:\"edgar serrano\"", alts,
			NULL, &sb);
	assert_string_equal(sb.buf,
			    "persona:lilibeth -persona:\"edgar serrano\"");
	stl_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(forms_merge),
		cmocka_unit_test(accents_borrowed),
		cmocka_unit_test(contradiction_stays_apart),
		cmocka_unit_test(one_word_stays_apart),
		cmocka_unit_test(tsv_aliases),
		cmocka_unit_test(post_rule),
		cmocka_unit_test(spanish_order),
		cmocka_unit_test(meetings_once),
		cmocka_unit_test(people_value),
		cmocka_unit_test(rewrite),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
