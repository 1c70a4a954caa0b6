/*
 * test_minute_stext.c - stl_minute_parse_stext() on structured texts built
 * as the extractors build them: list labels and levels, Word headings,
 * attendee and agreement tables, tables that are neither, repeated header
 * rows, metadata, and that a plain text parses as stl_minute_parse() does.
 *
 * Run from the repository root: the table is corpus/instituciones.tsv.
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
#include "stl/stext.h"
#include "testutil.h"

/* ---- Fixtures ------------------------------------------------------------ */

static int setup_table(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	char *text, *err = NULL;
	size_t len;

	assert_non_null(t);
	text = test_slurp("corpus/instituciones.tsv", &len);
	assert_non_null(text);
	assert_int_equal(stl_institutions_add_tsv(t, "instituciones.tsv", text,
						  len, &err),
			 STL_STATUS_SUCCESS);
	assert_null(err);
	free(text);
	*state = t;
	return 0;
}

static int teardown_table(void **state)
{
	stl_institutions_destroy(*state);
	return 0;
}

/* ---- Building structured texts -------------------------------------------- */

static void para(struct stl_stext *st, const char *label, unsigned level,
		 const char *text)
{
	assert_int_equal(stl_stext_para(st, label, text, strlen(text), level),
			 STL_STATUS_SUCCESS);
}

/* A plain paragraph: what a typed line is. */
static void line(struct stl_stext *st, const char *text)
{
	para(st, NULL, 0, text);
}

/* One row of the open table; the cells are NULL-terminated. */
static void row(struct stl_stext *st, ...)
{
	const char *c;
	va_list ap;

	assert_int_equal(stl_stext_row_begin(st), STL_STATUS_SUCCESS);
	va_start(ap, st);
	while ((c = va_arg(ap, const char *)))
		assert_int_equal(stl_stext_cell(st, c, strlen(c)),
				 STL_STATUS_SUCCESS);
	va_end(ap);
	assert_int_equal(stl_stext_row_end(st), STL_STATUS_SUCCESS);
}

static struct stl_minute *parse(struct stl_stext *st,
				const struct stl_institutions *t)
{
	struct stl_minute *m = NULL;

	assert_int_equal(stl_minute_parse_stext(st, t, &m), STL_STATUS_SUCCESS);
	assert_non_null(m);
	/* The minute's text is the structured text's. */
	assert_int_equal(m->text_len, st->text.len);
	assert_memory_equal(m->text, st->text.buf, st->text.len);
	stl_stext_release(st);
	return m;
}

/* ---- Assertions ------------------------------------------------------------ */

static void check_str(const char *got, const char *want)
{
	if (!want) {
		if (got)
			fail_msg("expected NULL, got \"%s\"", got);
		return;
	}
	if (!got)
		fail_msg("expected \"%s\", got NULL", want);
	assert_string_equal(got, want);
}

struct att {
	const char *name, *role, *inst, *inst_id, *person_id;
};

static void check_attendees(const struct stl_minute *m, const struct att *a,
			    size_t n)
{
	size_t i;

	assert_int_equal(m->nattendees, n);
	for (i = 0; i < n; i++) {
		check_str(m->attendees[i].name, a[i].name);
		check_str(m->attendees[i].role, a[i].role);
		check_str(m->attendees[i].institution, a[i].inst);
		check_str(m->attendees[i].institution_id, a[i].inst_id);
		check_str(m->attendees[i].person_id, a[i].person_id);
	}
}

/* Agreement @i (0-based): text, deadline and persons (NULL-terminated). */
static void check_agreement(const struct stl_minute *m, size_t i,
			    const char *text, const char *deadline, ...)
{
	const struct stl_agreement *ag;
	const char *p;
	size_t k = 0;
	va_list ap;

	assert_true(i < m->nagreements);
	ag = &m->agreements[i];
	assert_int_equal(ag->number, i + 1);
	assert_string_equal(ag->text, text);
	assert_string_equal(ag->deadline, deadline);
	va_start(ap, deadline);
	while ((p = va_arg(ap, const char *))) {
		if (k >= ag->npersons)
			fail_msg("agreement %zu: missing person \"%s\"", i + 1, p);
		assert_string_equal(ag->persons[k], p);
		k++;
	}
	va_end(ap);
	if (k != ag->npersons)
		fail_msg("agreement %zu: unexpected person \"%s\"", i + 1,
			 ag->persons[k]);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Lists ------------------------------------------------------------------ */

/* Word's "I.", "II." with "1." sub-items one level down: the sub-items
 * belong to the agreement above, labels and all. */
static void labelled_agreements(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	line(&st, "ACUERDOS");
	para(&st, "I.", 0, "Se aprueba la hoja de ruta.");
	para(&st, "1.", 1, "Con las metas revisadas;");
	para(&st, "2.", 1, "y el calendario.");
	para(&st, "II.", 0, "Se integra la mesa de trabajo.");
	m = parse(&st, *state);
	assert_int_equal(m->nagreements, 2);
	check_agreement(m, 0, "Se aprueba la hoja de ruta. 1. Con las metas "
			"revisadas; 2. y el calendario.", "", NULL);
	check_agreement(m, 1, "Se integra la mesa de trabajo.", "", NULL);
	stl_minute_destroy(m);
}

/* Arabic labels with "a)" one level down; and a list that starts at
 * level 1 (an indented list) keeps level 1 as its items' level. */
static void labelled_levels(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	line(&st, "ACUERDOS");
	para(&st, "1.", 1, "Enviar el informe.");
	para(&st, "a)", 2, "Con anexos.");
	para(&st, "2.", 1, "Publicar la minuta.");
	para(&st, "3.", 0, "Convocar a la siguiente sesión.");
	m = parse(&st, *state);
	assert_int_equal(m->nagreements, 3);
	check_agreement(m, 0, "Enviar el informe. a) Con anexos.", "", NULL);
	check_agreement(m, 1, "Publicar la minuta.", "", NULL);
	check_agreement(m, 2, "Convocar a la siguiente sesión.", "", NULL);
	stl_minute_destroy(m);
}

/* The marker is the label, not the text: an item whose text starts with
 * a number keeps it, and a paragraph without a label after an item
 * continues it, as a typed line would. */
static void labelled_topics(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	line(&st, "TEMAS QUE ABORDARON");
	para(&st, "1.", 0, "Presentación de avances;");
	para(&st, "2.", 0, "2020 como año de arranque,");
	line(&st, "con los compromisos del plan.");
	para(&st, "3.", 0, "Acuerdos: revisión de los anteriores.");
	m = parse(&st, *state);
	assert_int_equal(m->ntopics, 3);
	assert_string_equal(m->topics[0], "Presentación de avances");
	assert_string_equal(m->topics[1],
			    "2020 como año de arranque, con los compromisos del plan");
	/* Inside a list "Acuerdos: ..." in lower case is an item. */
	assert_string_equal(m->topics[2], "Acuerdos: revisión de los anteriores");
	assert_int_equal(m->nagreements, 0);
	stl_minute_destroy(m);
}

/* Word numbers headings too: "1." + "ACUERDOS" is the heading, and so is
 * a numbered keyword alone; an unlabelled "1. ACUERDOS" typed by hand is
 * read as today. */
static void word_heading(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	para(&st, "1.", 0, "TEMAS");
	para(&st, "1.1.", 1, "Avances del plan.");
	para(&st, "2.", 0, "Acuerdos");
	para(&st, "I.", 0, "Se aprueba el plan.");
	para(&st, "3.", 0, "REUNIÓN DE SEGUIMIENTO: 8 de octubre de 2020");
	m = parse(&st, *state);
	assert_int_equal(m->ntopics, 1);
	assert_string_equal(m->topics[0], "Avances del plan");
	assert_int_equal(m->nagreements, 1);
	check_agreement(m, 0, "Se aprueba el plan.", "", NULL);
	assert_string_equal(m->next_date, "2020-10-08");
	stl_minute_destroy(m);
}

/* ---- Tables ------------------------------------------------------------------ */

static const struct att table_attendees[] = {
	{ "Lilibeth Álvarez Rodríguez", "Jefa de la Unidad de Transparencia",
	  "IEEM", "ieem", "lilibeth alvarez rodriguez" },
	{ "Leslie Adriana Serrano Flores", "Directora General", "Infoem",
	  "infoem", "leslie adriana serrano flores" },
	{ "Enrique Serrano Arenas", "Representante", "Tendiendo Puentes A.C.",
	  "tendiendo puentes ac", "enrique serrano arenas" },
	{ "Alfredo Burgos Cohl", "Subjefe de Transparencia", "IEEM", "ieem",
	  "alfredo burgos cohl" },
	{ "Rafael Funes Díaz", NULL, NULL, NULL, "rafael funes diaz" },
};

/* Headers in another order, case and without accents; the institution
 * cell resolved against the table (whole name, alias, leading words), or
 * kept as written; titles dropped from names. */
static void add_attendee_table(struct stl_stext *st)
{
	assert_int_equal(stl_stext_table_begin(st), STL_STATUS_SUCCESS);
	row(st, "INSTITUCIÓN", "Cargo", "nombre", NULL);
	row(st, "IEEM", "Jefa de la Unidad de Transparencia",
	    "Lic. Lilibeth Álvarez Rodríguez", NULL);
	row(st, "Instituto de Transparencia del Estado de México",
	    "Directora General", "Mtra. Leslie Adriana Serrano Flores", NULL);
	row(st, "Tendiendo Puentes A.C.", "Representante",
	    "Enrique Serrano Arenas", NULL);
	row(st, "Instituto Electoral", "Subjefe de Transparencia",
	    "Alfredo Burgos Cohl", NULL);
	row(st, "", "", "Rafael Funes Díaz", NULL);
	row(st, "IEEM", "Jefa", "", NULL);	/* no name: no attendee */
	assert_int_equal(stl_stext_table_end(st), STL_STATUS_SUCCESS);
}

static void attendee_table(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	line(&st, "ASISTENTES");
	add_attendee_table(&st);
	m = parse(&st, *state);
	check_attendees(m, table_attendees, N(table_attendees));
	assert_false(m->missing & STL_MISSING_ATTENDEES);
	stl_minute_destroy(m);
}

/* Without an institution column, the role may name one, as the rest of
 * a typed entry does; "Participante" is a name column too. */
static void attendee_table_role_only(void **state)
{
	static const struct att want[] = {
		{ "Arturo Tonatiuh Romero Malagón", "Jefe de Departamento",
		  "Infoem", "infoem", "arturo tonatiuh romero malagon" },
		{ "Ana Pérez Ruiz", "Consultora", NULL, NULL, "ana perez ruiz" },
	};
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	row(&st, "Participante", "Puesto", NULL);
	row(&st, "Arturo Tonatiuh Romero Malagón", "Jefe de Departamento, Infoem",
	    NULL);
	row(&st, "Ana Pérez Ruiz", "Consultora", NULL);
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	m = parse(&st, *state);
	check_attendees(m, want, N(want));
	stl_minute_destroy(m);
}

/* No. | Acuerdo | Responsable | Fecha límite, after an attendee table:
 * persons from the Responsable cell (names, posts, people who did not
 * attend) then from the text; the deadline from the cell (a date, or
 * relative wording the column implies the cue of), else from the text. */
static void agreement_table(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	line(&st, "FECHA: 24 de septiembre de 2020");
	line(&st, "ASISTENTES");
	add_attendee_table(&st);
	line(&st, "ACUERDOS");
	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	row(&st, "No.", "Acuerdo", "Responsable", "Fecha límite", NULL);
	row(&st, "1", "Enviar el informe de avances.",
	    "Lilibeth Álvarez Rodríguez", "5 de octubre de 2020", NULL);
	row(&st, "2", "Revisar la hoja de ruta con Enrique Serrano.",
	    "Directora General del Infoem; Pedro Gómez Ruiz",
	    "10 días hábiles", NULL);
	row(&st, "3", "Publicar la minuta antes del 30 de septiembre.", "", "",
	    NULL);
	row(&st, "4", "III. Dar seguimiento.", "Lic. Marta Ruiz Soto y "
	    "Alfredo Burgos Cohl", "Permanente", NULL);
	row(&st, "5", "", "Lilibeth Álvarez Rodríguez", "", NULL);
	row(&st, "6", "Difundir la convocatoria.", "IEEM / STL",
	    "15/10/2020", NULL);
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	m = parse(&st, *state);
	assert_string_equal(m->date, "2020-09-24");
	assert_int_equal(m->nagreements, 5);
	check_agreement(m, 0, "Enviar el informe de avances.", "2020-10-05",
			"Lilibeth Álvarez Rodríguez", NULL);
	/* Ten business days from Thursday 24 September. */
	check_agreement(m, 1, "Revisar la hoja de ruta con Enrique Serrano.",
			"2020-10-08", "Leslie Adriana Serrano Flores",
			"Enrique Serrano Arenas", "Pedro Gómez Ruiz", NULL);
	check_agreement(m, 2, "Publicar la minuta antes del 30 de septiembre.",
			"2020-09-30", NULL);
	/* The numeral typed in the cell is dropped; "Permanente" is no
	 * deadline. */
	check_agreement(m, 3, "Dar seguimiento.", "", "Alfredo Burgos Cohl",
			"Marta Ruiz Soto", NULL);
	/* Institutions are not persons. */
	check_agreement(m, 4, "Difundir la convocatoria.", "2020-10-15", NULL);
	stl_minute_destroy(m);
}

/* A recognized header makes the table what it says wherever it stands:
 * here before any heading, and an agreement table under ASISTENTES. */
static void tables_anywhere(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	line(&st, "Minuta de trabajo");
	add_attendee_table(&st);
	line(&st, "ASISTENTES");
	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	row(&st, "ACUERDOS", "Plazo", NULL);
	row(&st, "Enviar el informe.", "a más tardar el 5 de octubre de 2020",
	    NULL);
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	m = parse(&st, *state);
	assert_string_equal(m->title, "Minuta de trabajo");
	assert_int_equal(m->nattendees, N(table_attendees));
	assert_int_equal(m->nagreements, 1);
	check_agreement(m, 0, "Enviar el informe.", "2020-10-05", NULL);
	stl_minute_destroy(m);
}

/* A table that is neither: each row is the line it spells, read as a
 * typed line would be (here, topics of an unmarked list). */
static void neither_table(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	line(&st, "TEMAS");
	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	row(&st, "Tema", "Expositor", NULL);
	row(&st, "Avances del plan", "Ana Pérez", NULL);
	row(&st, "ACUERDOS", NULL);
	row(&st, "I. Se aprueba el plan.", NULL);
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	m = parse(&st, *state);
	assert_int_equal(m->ntopics, 2);
	assert_string_equal(m->topics[0], "Tema | Expositor");
	assert_string_equal(m->topics[1], "Avances del plan | Ana Pérez");
	assert_int_equal(m->nagreements, 1);
	check_agreement(m, 0, "Se aprueba el plan.", "", NULL);
	stl_minute_destroy(m);
}

/* Word repeats the header row on a new page: skipped, whatever its case;
 * a row that only starts like a header is an attendee. */
static void repeated_header(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	row(&st, "Nombre", "Cargo", "Institución", NULL);
	row(&st, "Ana Pérez Ruiz", "Consultora", "Tendiendo Puentes A.C.", NULL);
	row(&st, "NOMBRE", "CARGO", "INSTITUCION", NULL);
	row(&st, "Luis Gómez Soto", "Enlace", "IEEM", NULL);
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	/* A second table with the same header is a header again. */
	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	row(&st, "Nombre", "Cargo", "Institución", NULL);
	row(&st, "Nombre Cargo Institucion", "Vocal", "IEEM", NULL);
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	m = parse(&st, *state);
	assert_int_equal(m->nattendees, 3);
	assert_string_equal(m->attendees[0].name, "Ana Pérez Ruiz");
	assert_string_equal(m->attendees[1].name, "Luis Gómez Soto");
	assert_string_equal(m->attendees[2].name, "Nombre Cargo Institucion");
	stl_minute_destroy(m);
}

/* ---- Metadata and entry points ----------------------------------------------- */

static void metadata_fallback(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;

	stl_stext_set_date(&st, "2020-11-05");
	assert_int_equal(stl_stext_set_title(&st, "Minuta del GOSTL"),
			 STL_STATUS_SUCCESS);
	line(&st, "ACUERDOS");
	para(&st, "1.", 0, "Entregar el reporte en un plazo de cinco días "
	     "naturales.");
	m = parse(&st, *state);
	assert_string_equal(m->date, "2020-11-05");
	assert_string_equal(m->title, "Minuta del GOSTL");
	assert_false(m->missing & STL_MISSING_DATE);
	/* Deadlines count from the metadata date too. */
	check_agreement(m, 0, "Entregar el reporte en un plazo de cinco días "
			"naturales.", "2020-11-10", NULL);
	stl_minute_destroy(m);

	/* The text's own date and title come first. */
	stl_stext_set_date(&st, "2020-11-05");
	assert_int_equal(stl_stext_set_title(&st, "Documento1"),
			 STL_STATUS_SUCCESS);
	line(&st, "Metepec a 24 de septiembre de 2020.");
	line(&st, "Minuta Reunión de Trabajo");
	m = parse(&st, *state);
	assert_string_equal(m->date, "2020-09-24");
	assert_string_equal(m->title, "Minuta Reunión de Trabajo");
	stl_minute_destroy(m);
}

static void check_same(const struct stl_minute *a, const struct stl_minute *b)
{
	size_t i, k;

	assert_string_equal(a->date, b->date);
	assert_string_equal(a->time, b->time);
	check_str(a->city, b->city);
	check_str(a->title, b->title);
	check_str(a->event, b->event);
	check_str(a->medium, b->medium);
	assert_string_equal(a->next_date, b->next_date);
	assert_string_equal(a->next_time, b->next_time);
	assert_int_equal(a->missing, b->missing);
	assert_int_equal(a->nattendees, b->nattendees);
	for (i = 0; i < a->nattendees; i++) {
		check_str(a->attendees[i].name, b->attendees[i].name);
		check_str(a->attendees[i].role, b->attendees[i].role);
		check_str(a->attendees[i].institution, b->attendees[i].institution);
		check_str(a->attendees[i].institution_id,
			  b->attendees[i].institution_id);
		check_str(a->attendees[i].person_id, b->attendees[i].person_id);
	}
	assert_int_equal(a->ntopics, b->ntopics);
	for (i = 0; i < a->ntopics; i++)
		assert_string_equal(a->topics[i], b->topics[i]);
	assert_int_equal(a->nagreements, b->nagreements);
	for (i = 0; i < a->nagreements; i++) {
		assert_string_equal(a->agreements[i].text, b->agreements[i].text);
		assert_string_equal(a->agreements[i].deadline,
				    b->agreements[i].deadline);
		assert_int_equal(a->agreements[i].npersons,
				 b->agreements[i].npersons);
		for (k = 0; k < a->agreements[i].npersons; k++)
			assert_string_equal(a->agreements[i].persons[k],
					    b->agreements[i].persons[k]);
	}
}

/* A plain text is its lines as paragraphs: the same record either way. */
static void plain_text_same(void **state)
{
	static const char *const files[] = {
		"corpus/minuta-2020-06-17.txt", "corpus/minuta-2020-09-24.txt",
		"tests/data/minutes/roman-subitems.txt",
		"tests/data/minutes/crlf.txt",
		"tests/data/minutes/relative-deadlines.txt",
	};
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *a, *b;
	size_t i, len;
	char *text;

	for (i = 0; i < N(files); i++) {
		text = test_slurp(files[i], &len);
		if (!text)
			fail_msg("cannot read %s", files[i]);
		assert_int_equal(stl_minute_parse(text, len, *state, &a),
				 STL_STATUS_SUCCESS);
		assert_int_equal(stl_stext_from_lines(&st, text, len),
				 STL_STATUS_SUCCESS);
		b = parse(&st, *state);
		assert_true(a->nagreements > 0);
		check_same(a, b);
		stl_minute_destroy(a);
		stl_minute_destroy(b);
		free(text);
	}
}

static void bad_input(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m = (struct stl_minute *)&st;

	assert_int_equal(stl_minute_parse_stext(NULL, *state, &m),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_null(m);
	/* An empty structured text is an empty minute. */
	assert_int_equal(stl_minute_parse_stext(&st, *state, &m),
			 STL_STATUS_SUCCESS);
	assert_int_equal(m->text_len, 0);
	assert_non_null(m->text);
	assert_true(m->missing & STL_MISSING_DATE);
	stl_minute_destroy(m);
	/* A structured text a builder call failed on lacks blocks. */
	st.failed = true;
	assert_int_equal(stl_minute_parse_stext(&st, *state, &m),
			 STL_STATUS_OUT_OF_MEMORY);
	assert_null(m);
}

/* A table of many rows and many long cells stays linear. */
static void big_table(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m;
	char cell[64];
	size_t i;

	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	row(&st, "Acuerdo", "Responsable", "Plazo", NULL);
	for (i = 0; i < 20000; i++) {
		snprintf(cell, sizeof(cell), "Acuerdo número %zu de Ana Ana.", i);
		row(&st, cell, "la jefa de la jefa de la Ana Ana Ana, Ana / Ana y",
		    "1 de 1 de dias dias 5", NULL);
	}
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	m = parse(&st, *state);
	assert_int_equal(m->nagreements, 4096);
	stl_minute_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(labelled_agreements),
		cmocka_unit_test(labelled_levels),
		cmocka_unit_test(labelled_topics),
		cmocka_unit_test(word_heading),
		cmocka_unit_test(attendee_table),
		cmocka_unit_test(attendee_table_role_only),
		cmocka_unit_test(agreement_table),
		cmocka_unit_test(tables_anywhere),
		cmocka_unit_test(neither_table),
		cmocka_unit_test(repeated_header),
		cmocka_unit_test(metadata_fallback),
		cmocka_unit_test(plain_text_same),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(big_table),
	};

	return cmocka_run_group_tests(tests, setup_table, teardown_table);
}
