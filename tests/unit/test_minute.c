/*
 * test_minute.c - stl_minute_parse() on the two real minutes (every
 * field), on one hand-made variant per quirk (tests/data/minutes/), on
 * odd and huge input, and the date and missing-field helpers.
 *
 * Run from the repository root: the corpus is corpus/, the variants are
 * under $STL_TEST_DATA (tests/data).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stl/minute.h"
#include "testutil.h"

/* ---- Fixtures ------------------------------------------------------------ */


static struct stl_institutions *load_table(void)
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
	return t;
}

static struct stl_minute *parse_variant(const char *name,
					const struct stl_institutions *t)
{
	const char *dir = getenv("STL_TEST_DATA");
	char path[512];

	snprintf(path, sizeof(path), "%s/minutes/%s", dir ? dir : "tests/data",
		 name);
	return test_parse_minute(path, t);
}

static struct stl_minute *parse_string(const char *text,
				       const struct stl_institutions *t)
{
	struct stl_minute *m = NULL;

	assert_int_equal(stl_minute_parse(text, strlen(text), t, &m),
			 STL_STATUS_SUCCESS);
	assert_non_null(m);
	return m;
}

static int setup_table(void **state)
{
	*state = load_table();
	return 0;
}

static int teardown_table(void **state)
{
	stl_institutions_destroy(*state);
	return 0;
}

/* ---- Assertions ------------------------------------------------------------ */

struct att {
	const char *name, *role, *inst, *inst_id, *person_id;
};

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

static void check_topics(const struct stl_minute *m, const char *const *t,
			 size_t n)
{
	size_t i;

	assert_int_equal(m->ntopics, n);
	for (i = 0; i < n; i++)
		assert_string_equal(m->topics[i], t[i]);
}

/* Agreement @i (0-based): number, text, persons (NULL-terminated) and
 * deadline. */
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

/* Persons of agreement @i, NULL-terminated, ignoring text and deadline. */
static void check_persons(const struct stl_minute *m, size_t i, ...)
{
	const struct stl_agreement *ag;
	const char *p;
	size_t k = 0;
	va_list ap;

	assert_true(i < m->nagreements);
	ag = &m->agreements[i];
	va_start(ap, i);
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

/* ---- The real minutes ---------------------------------------------------------- */

static const struct att june_attendees[] = {
	{ "Enrique Serrano Arenas", "Representante", "Tendiendo Puentes A.C.",
	  "tendiendo puentes ac", "enrique serrano arenas" },
	{ "Lilibeth Álvarez Rodríguez", "Jefa de la Unidad de Transparencia",
	  "IEEM", "ieem", "lilibeth alvarez rodriguez" },
	{ "Alfredo Burgos Cohl", "Subjefe de Transparencia", "IEEM", "ieem",
	  "alfredo burgos cohl" },
	{ "Emmanuel Hernández García", "Jefe de Obligaciones de Transparencia",
	  "IEEM", "ieem", "emmanuel hernandez garcia" },
	{ "Leslie Adriana Serrano Flores",
	  "Directora General de Transparencia, Acceso a la Información Pública y Gobierno Abierto",
	  "Infoem", "infoem", "leslie adriana serrano flores" },
	{ "Arturo Tonatiuh Romero Malagón",
	  "Jefe de Departamento de Gobierno Abierto y Transparencia Proactiva",
	  "Infoem", "infoem", "arturo tonatiuh romero malagon" },
	{ "Adriana Yadira Cárdenas Tagle",
	  "Subcoordinadora de ponencia del Comisionado Luis Gustavo Parra Noriega",
	  "Infoem", "infoem", "adriana yadira cardenas tagle" },
	{ "Hitzi Herrera Carreño",
	  "Servidora Pública adscrita al Departamento de Gobierno Abierto y Transparencia Proactiva",
	  "Infoem", "infoem", "hitzi herrera carreño" },
};

static void real_june(void **state)
{
	struct stl_minute *m = test_parse_minute("corpus/minuta-2020-06-17.txt", *state);
	static const char *const topics[] = {
		"Compromiso del eje “eje democrático”",
		"Mesa de participación",
	};

	assert_string_equal(m->date, "2020-06-17");
	assert_string_equal(m->time, "17:00");
	check_str(m->city, "Metepec");
	check_str(m->title, "Minuta Reunión de Trabajo");
	check_str(m->event, "Grupo Operativo del STL");
	check_str(m->medium,
		  "Video llamada por medios electrónicos (Videoconferencia Telmex)");
	check_attendees(m, june_attendees, N(june_attendees));
	check_topics(m, topics, N(topics));
	assert_int_equal(m->nagreements, 7);
	check_agreement(m, 0,
		"Es prematuro invitar a los Partidos Políticos a participar en la mesa de participación, toda vez que el proceso electoral no ha comenzado, se considera tener cautela con su invitación y es conveniente que se haga cuando el proyecto se encuentre más consolidado.",
		"", NULL);
	check_agreement(m, 1,
		"El día de hoy o mañana 18 de junio de 2020, la titular de la unidad de transparencia del IEEM deberá enviar el documento final de calidad del estudio de la ciudadanía para poder socializarlo.",
		"2020-06-18", "Lilibeth Álvarez Rodríguez", NULL);
	check_agreement(m, 2,
		"Para la presentación del estudio calidad de la ciudadanía será la Consejera María Guadalupe González Jordan, puesto que es la presidenta del Comité de Transparencia del IEEM.",
		"", "María Guadalupe González Jordan", NULL);
	/* A scheduled date, not a deadline. */
	check_agreement(m, 3,
		"Fecha para realizar la mesa de participación el día 9 de julio de 2020 a las 11:00 hrs. de manera virtual.",
		"", NULL);
	check_agreement(m, 4,
		"Habrá dos mesas de participación, la primera será la presentación del estudio de calidad de la ciudadanía y la segunda mesa se buscaría la manera de que los Partidos Políticos formaran parte de la misma.",
		"", NULL);
	/* Due at the follow-up meeting. */
	check_agreement(m, 5,
		"En la próxima reunión presentar un documento con el desarrollo de cómo sería la mesa de participación, los actores involucrados, orden del día, etc.",
		"2020-06-24", NULL);
	check_agreement(m, 6,
		"Edgar Serrano, de Tendiendo Puentes A.C. propuso una dinámica de observaciones de sociedades involucradas en tema de democracia a nivel estatal, para que puedan participar y observar la mesa de participación.",
		"", "Edgar Serrano", NULL);
	/* "Miércoles 24 de junio de 20202 a las 17:00 hrs." */
	assert_string_equal(m->next_date, "2020-06-24");
	assert_string_equal(m->next_time, "17:00");
	assert_int_equal(m->missing, 0);
	assert_non_null(strstr(m->text, "[image: C:\\Users"));
	stl_minute_destroy(m);
}

static const struct att september_attendees[] = {
	{ "Rafael Funes Díaz", "Facilitador", "STL", "stl", "rafael funes diaz" },
	{ "Daniel Rosemberg Cervantes Pérez",
	  "Representante de la Sociedad Civil", "STL", "stl",
	  "daniel rosemberg cervantes perez" },
	{ "Lilibeth Álvarez Rodríguez", "Jefa de la Unidad de Transparencia",
	  "IEEM", "ieem", "lilibeth alvarez rodriguez" },
	{ "Alfredo Burgos Cohl", "Subjefe de Transparencia", "IEEM", "ieem",
	  "alfredo burgos cohl" },
	{ "Emmanuel Hernández García",
	  "Jefe del Departamento de Obligaciones de Transparencia", "IEEM",
	  "ieem", "emmanuel hernandez garcia" },
	{ "Adriana Yadira Cárdenas Tagle",
	  "Directora General de Transparencia, Acceso a la Información Pública y Gobierno Abierto",
	  "Infoem", "infoem", "adriana yadira cardenas tagle" },
	{ "Arturo Tonatiuh Romero Malagón",
	  "Jefe de Departamento de Gobierno Abierto y Transparencia Proactiva",
	  "Infoem", "infoem", "arturo tonatiuh romero malagon" },
	{ "Josué Martínez Noriega",
	  "Servidor Público adscrito al Departamento de Gobierno Abierto y Transparencia Proactiva",
	  "Infoem", "infoem", "josue martinez noriega" },
};

static void real_september(void **state)
{
	struct stl_minute *m = test_parse_minute("corpus/minuta-2020-09-24.txt", *state);
	static const char *const topics[] = {
		"Árbol de problemas IEEM (retroalimentación de integrantes) y creación de hoja de ruta",
		"Participación del CPC",
		"Presentación y en su caso, aprobación de las minutas del Grupo Operativo del STL",
		"Compromiso proactivo por parte del Infoem",
	};

	assert_string_equal(m->date, "2020-09-24");
	assert_string_equal(m->time, "17:00");
	check_str(m->city, "Metepec");
	check_str(m->title, "Minuta Reunión de Trabajo");
	check_str(m->event, "Grupo Operativo del Secretariado Técnico Local");
	check_str(m->medium, "Video llamada por medios electrónicos (Zoom)");
	check_attendees(m, september_attendees, N(september_attendees));
	check_topics(m, topics, N(topics));
	assert_int_equal(m->nagreements, 4);
	check_agreement(m, 0,
		"Se realizó la retroalimentación por parte del grupo operativo del STL sobre el árbol de problemas presentado por el IEEM, acordándose incorporar las observaciones del Infoem y la Sociedad Civil acepto los cambios, sumándose a la propuesta del Órgano Garante no emitiendo comentarios sobre él mismo y por último, propusieron avanzar en la definición la hoja de ruta para la siguiente reunión",
		"2020-10-01", NULL);
	check_agreement(m, 1,
		"Se enviará la redacción del Compromiso por parte de la Titular de la Unidad de Transparencia del IEEM, para las acotaciones pertinentes y en su caso, su debida aprobación.",
		"", "Lilibeth Álvarez Rodríguez", NULL);
	/* The Directora General of the Infoem at THIS meeting. */
	check_agreement(m, 2,
		"La Directora General del Infoem pone a consideración la aprobación de las minutas de las reuniones de trabajo previas, acordándose que se realizará la retroalimentación correspondiente para su aprobación en la siguiente reunión",
		"2020-10-01", "Adriana Yadira Cárdenas Tagle", NULL);
	check_agreement(m, 3,
		"Se acordó prospectar el Compromiso posible del Infoem sobre gobierno abierto, denominado “Cultura de Gobierno Abierto”.",
		"", NULL);
	/* "Jueves 1ª de octubre a las17:oo horas." */
	assert_string_equal(m->next_date, "2020-10-01");
	assert_string_equal(m->next_time, "17:00");
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);
}

/* Without a table institutions are kept as written. */
static void real_without_table(void **state)
{
	struct stl_minute *m = test_parse_minute("corpus/minuta-2020-09-24.txt", NULL);

	(void)state;
	assert_int_equal(m->nattendees, 8);
	/* An acronym glued to the role is an institution even unknown. */
	check_str(m->attendees[0].role, "Facilitador");
	check_str(m->attendees[0].institution, "STL");
	check_str(m->attendees[0].institution_id, "stl");
	check_str(m->attendees[1].role, "Representante de la Sociedad Civil");
	check_str(m->attendees[2].role, "Jefa de la Unidad de Transparencia");
	check_str(m->attendees[2].institution, "IEEM");
	check_str(m->attendees[2].institution_id, "ieem");
	check_str(m->attendees[3].institution, "IEEM");
	check_str(m->attendees[5].institution, "Infoem");
	check_str(m->attendees[5].institution_id, "infoem");
	check_persons(m, 1, "Lilibeth Álvarez Rodríguez", NULL);
	check_persons(m, 2, "Adriana Yadira Cárdenas Tagle", NULL);
	stl_minute_destroy(m);
}

/* ---- Variants: one quirk each ------------------------------------------------- */

static void variant_lowercase_colons(void **state)
{
	struct stl_minute *m = parse_variant("lowercase-colons.txt", *state);
	static const struct att att[] = {
		{ "Ana María López Pérez", "Jefa de la Unidad de Transparencia",
		  "IEEM", "ieem", "ana maria lopez perez" },
		{ "Carlos Ruiz Soto", "Representante de la Sociedad Civil", "STL",
		  "stl", "carlos ruiz soto" },
	};
	static const char *const topics[] = {
		"Revisión de la hoja de ruta", "Asuntos generales",
	};

	assert_string_equal(m->date, "2021-03-03");
	assert_string_equal(m->time, "10:30");
	check_str(m->city, "Toluca de Lerdo");
	check_str(m->title, "Minuta de Reunión de Trabajo");
	check_str(m->event, "Grupo Operativo del STL");
	check_str(m->medium, "Sala de juntas del Infoem");
	check_attendees(m, att, N(att));
	check_topics(m, topics, N(topics));
	assert_int_equal(m->nagreements, 2);
	check_agreement(m, 0, "Se aprueba la hoja de ruta.", "", NULL);
	check_agreement(m, 1, "Se enviará la minuta a los integrantes.", "", NULL);
	assert_string_equal(m->next_date, "2021-03-10");
	assert_string_equal(m->next_time, "10:30");
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);
}

static void variant_bullets(void **state)
{
	struct stl_minute *m = parse_variant("bullets.txt", *state);
	static const struct att att[] = {
		{ "Rafael Funes Díaz", "Facilitador", "STL", "stl", "rafael funes diaz" },
		{ "Lilibeth Álvarez Rodríguez", "Jefa de la Unidad de Transparencia",
		  "IEEM", "ieem", "lilibeth alvarez rodriguez" },
		{ "Adriana Yadira Cárdenas Tagle",
		  "Directora General de Transparencia, Acceso a la Información Pública y Gobierno Abierto",
		  "Infoem", "infoem", "adriana yadira cardenas tagle" },
	};
	static const char *const topics[] = {
		"Hoja de ruta del compromiso", "Calendario de mesas",
	};

	assert_string_equal(m->date, "2020-10-08");
	check_attendees(m, att, N(att));
	check_topics(m, topics, N(topics));
	assert_int_equal(m->nagreements, 2);
	/* A partial name resolves to the attendee's full name. */
	check_agreement(m, 0, "Lilibeth Álvarez enviará la hoja de ruta.", "",
			"Lilibeth Álvarez Rodríguez", NULL);
	/* A bullet item continued on the next line. */
	check_agreement(m, 1,
			"Se revisará el calendario de mesas de participación.", "",
			NULL);
	/* "Jueves 15 de octubre": the year is the meeting's. */
	assert_string_equal(m->next_date, "2020-10-15");
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);
}

static void variant_crlf(void **state)
{
	struct stl_minute *m = parse_variant("crlf.txt", *state);
	static const char *const topics[] = { "Hoja de ruta", "Participación del CPC" };

	assert_null(memchr(m->text, '\r', m->text_len));
	assert_string_equal(m->date, "2020-09-24");
	assert_string_equal(m->time, "17:00");
	check_str(m->title, "Minuta Reunión de Trabajo");
	check_str(m->event, "Grupo Operativo del STL");
	check_str(m->medium, "Video llamada por medios electrónicos (Zoom)");
	assert_int_equal(m->nattendees, 2);
	check_str(m->attendees[1].name, "Lilibeth Álvarez Rodríguez");
	check_str(m->attendees[1].role, "Jefa de la Unidad de Transparencia");
	check_topics(m, topics, N(topics));
	assert_int_equal(m->nagreements, 2);
	check_persons(m, 0, "Lilibeth Álvarez Rodríguez", NULL);
	assert_string_equal(m->agreements[1].text, "Se revisará la hoja de ruta.");
	assert_string_equal(m->next_date, "2020-10-01");
	assert_string_equal(m->next_time, "17:00");
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);
}

static void variant_del_2020(void **state)
{
	struct stl_minute *m = parse_variant("del-2020.txt", *state);

	assert_string_equal(m->date, "2020-06-17");
	check_str(m->city, "Metepec");
	check_agreement(m, 0,
			"Se enviará el documento a más tardar el 30 de junio del 2020.",
			"2020-06-30", NULL);
	assert_string_equal(m->next_date, "2020-06-24");
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);
}

static void variant_missing_agreements(void **state)
{
	struct stl_minute *m = parse_variant("missing-acuerdos.txt", *state);
	char *desc;

	assert_int_equal(m->nagreements, 0);
	assert_int_equal(m->ntopics, 1);
	assert_string_equal(m->topics[0], "Hoja de ruta");
	assert_int_equal(m->missing, STL_MISSING_AGREEMENTS);
	desc = stl_minute_missing_describe(m->missing);
	assert_string_equal(desc, "acuerdos");
	free(desc);
	assert_string_equal(m->next_date, "2020-10-01");
	stl_minute_destroy(m);
}

static void variant_missing_fecha(void **state)
{
	struct stl_minute *m = parse_variant("missing-fecha.txt", *state);

	/* The date comes from the place-and-date line; no time anywhere. */
	assert_string_equal(m->date, "2020-09-24");
	assert_string_equal(m->time, "");
	check_str(m->city, "Metepec");
	assert_int_equal(m->missing, 0);
	assert_string_equal(m->next_date, "2020-10-01");
	stl_minute_destroy(m);
}

static void variant_date_typo(void **state)
{
	struct stl_minute *m = parse_variant("date-typo.txt", *state);

	/* "31 de septiembre" is rejected and flagged, never invented. */
	assert_string_equal(m->date, "");
	assert_int_equal(m->missing, STL_MISSING_DATE);
	assert_string_equal(m->time, "17:00");
	check_str(m->city, "Metepec");
	/* The follow-up still gets the year written in the minute. */
	assert_string_equal(m->next_date, "2020-10-08");
	stl_minute_destroy(m);
}

static void date_typo_in_fecha_only(void **state)
{
	struct stl_minute *m = parse_string(
		"Metepec a 30 de septiembre de 2020.\nMinuta\nFECHA\n"
		"31 de septiembre de 2020\n", *state);

	/* FECHA is unreadable; the place-and-date line is a date written
	 * in the minute, so it is used. */
	assert_string_equal(m->date, "2020-09-30");
	assert_false(m->missing & STL_MISSING_DATE);
	stl_minute_destroy(m);
}

static void variant_heading_content(void **state)
{
	struct stl_minute *m = parse_variant("heading-content.txt", *state);
	static const char *const topics[] = { "Árbol de problemas", "Hoja de ruta" };

	assert_string_equal(m->date, "2020-09-24");
	assert_string_equal(m->time, "17:00");
	check_str(m->event, "Grupo Operativo del Secretariado Técnico Local");
	check_str(m->medium, "Video llamada por medios electrónicos (Zoom)");
	assert_int_equal(m->nattendees, 2);
	check_str(m->attendees[0].name, "Rafael Funes Díaz");
	check_str(m->attendees[1].institution, "IEEM");
	check_topics(m, topics, N(topics));
	assert_int_equal(m->nagreements, 2);
	assert_string_equal(m->agreements[0].text, "Se aprueba el árbol de problemas.");
	assert_string_equal(m->agreements[1].text, "Se revisará la hoja de ruta.");
	assert_string_equal(m->next_date, "2020-10-01");
	assert_string_equal(m->next_time, "17:00");
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);
}

static void variant_deadlines(void **state)
{
	struct stl_minute *m = parse_variant("deadlines.txt", *state);

	assert_int_equal(m->nagreements, 4);
	check_agreement(m, 0,
		"La titular de la Unidad de Transparencia del IEEM enviará el documento a más tardar el 5 de octubre de 2020.",
		"2020-10-05", "Lilibeth Álvarez Rodríguez", NULL);
	check_agreement(m, 1,
		"Los integrantes harán llegar sus comentarios antes del 15 de octubre.",
		"2020-10-15", NULL);
	check_agreement(m, 2,
		"El Infoem publicará la convocatoria a más tardar el 5/10/2020.",
		"2020-10-05", NULL);
	/* When something will happen is not a deadline. */
	check_agreement(m, 3,
		"La mesa de participación se realizará el día 20 de octubre de 2020 a las 11:00 hrs.",
		"", NULL);
	stl_minute_destroy(m);
}

/*
 * Deadlines counted from the day after the meeting (Thursday 10 September
 * 2020): business days skip week-ends and 16 September, a rest day.
 */
static void variant_relative_deadlines(void **state)
{
	struct stl_minute *m = parse_variant("relative-deadlines.txt", *state);

	assert_int_equal(m->nagreements, 7);
	check_agreement(m, 0,
		"Se enviarán las observaciones en un plazo de diez días hábiles.",
		"2020-09-25", NULL);
	check_agreement(m, 1,
		"Se publicará la convocatoria dentro de los cinco días naturales siguientes.",
		"2020-09-15", NULL);
	/* The Friday of the week after the meeting's. */
	check_agreement(m, 2,
		"Se circulará la versión final la próxima semana.",
		"2020-09-18", NULL);
	/* The follow-up meeting's date. */
	check_agreement(m, 3,
		"Se presentará el diagnóstico para la siguiente reunión.",
		"2020-10-01", NULL);
	check_agreement(m, 4,
		"Se entregará el informe en un plazo de 15 días hábiles.",
		"2020-10-02", NULL);
	check_agreement(m, 5,
		"Se revisará el calendario en un plazo de treinta días naturales.",
		"2020-10-10", NULL);
	check_agreement(m, 6, "Se aprueba el orden del día.", "", NULL);
	/* Only IV's deadline is the follow-up meeting itself. */
	for (size_t i = 0; i < m->nagreements; i++)
		assert_int_equal(m->agreements[i].due_next_meeting, i == 3);
	stl_minute_destroy(m);
}

/* A date written out is no "siguiente reunión", even the same day; and
 * without a follow-up date nothing is due at it. */
static void due_next_meeting_flag(void **state)
{
	static const char text[] =
		"Metepec a 10 de septiembre de 2020.\n"
		"FECHA\n10 de septiembre de 2020 a las 17:00 horas.\n"
		"ASISTENTES\n· Lilibeth Álvarez Rodríguez, Jefa de la Unidad de Transparencia IEEM;\n"
		"ACUERDOS\n"
		"I. Se enviará el informe a más tardar el 1 de octubre de 2020.\n"
		"II. Se revisará antes de la próxima sesión.\n"
		"REUNIÓN DE SEGUIMIENTO\nJueves 1 de octubre a las 17:00 horas.\n";
	struct stl_minute *m = NULL;
	char *bare;

	assert_int_equal(stl_minute_parse(text, strlen(text), *state, &m),
			 STL_STATUS_SUCCESS);
	assert_int_equal(m->nagreements, 2);
	assert_string_equal(m->agreements[0].deadline, "2020-10-01");
	assert_false(m->agreements[0].due_next_meeting);
	assert_string_equal(m->agreements[1].deadline, "2020-10-01");
	assert_true(m->agreements[1].due_next_meeting);
	stl_minute_destroy(m);
	/* No follow-up meeting announced: no deadline, no flag. */
	bare = strdup(text);
	assert_non_null(bare);
	*strstr(bare, "REUNIÓN DE SEGUIMIENTO") = '\0';
	assert_int_equal(stl_minute_parse(bare, strlen(bare), *state, &m),
			 STL_STATUS_SUCCESS);
	assert_string_equal(m->agreements[1].deadline, "");
	assert_false(m->agreements[1].due_next_meeting);
	stl_minute_destroy(m);
	free(bare);
}

/* Days an office declared inhábiles are skipped too. */
static void closed_days(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	static const char list[] =
		"# inhábiles del IEEM\n\n2020-09-22\n2020-09-21  # lunes\n"
		"2020-09-22\n";
	struct stl_minute *m;
	const long *days;
	char *msg = NULL, *text;
	size_t n;

	(void)state;
	assert_non_null(t);
	assert_int_equal(stl_institutions_add_closed_days(t, "x.txt", list,
							  strlen(list), &msg),
			 STL_STATUS_SUCCESS);
	assert_null(msg);
	days = stl_institutions_closed_days(t, &n);
	assert_int_equal(n, 2);
	assert_true(days[0] < days[1]);
	text = stl_institutions_closed_days_text(t);
	assert_string_equal(text, "2020-09-21\n2020-09-22\n");
	free(text);
	m = parse_variant("relative-deadlines.txt", t);
	assert_string_equal(m->agreements[0].deadline, "2020-09-29");
	assert_string_equal(m->agreements[4].deadline, "2020-10-06");
	/* Natural days count every day. */
	assert_string_equal(m->agreements[1].deadline, "2020-09-15");
	stl_minute_destroy(m);
	stl_institutions_destroy(t);
}

/* A bad line is named with its file and number; the good ones count. */
static void closed_days_bad_lines(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	static const char list[] =
		"2020-09-22\n22/09/2020\n2020-02-30\n2020-10-12 lunes\n";
	char *msg = NULL;
	size_t n;

	(void)state;
	assert_int_equal(stl_institutions_add_closed_days(t, "dias.txt", list,
							  strlen(list), &msg),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_string_equal(msg,
		"'dias.txt' línea 2: fecha no válida '22/09/2020': use AAAA-MM-DD, una por línea\n"
		"'dias.txt' línea 3: fecha no válida '2020-02-30': use AAAA-MM-DD, una por línea\n"
		"'dias.txt' línea 4: fecha no válida '2020-10-12 lunes': use AAAA-MM-DD, una por línea");
	stl_institutions_closed_days(t, &n);
	assert_int_equal(n, 1);
	free(msg);
	stl_institutions_destroy(t);
}

static void variant_jefe_man(void **state)
{
	struct stl_minute *m = parse_variant("jefe-man.txt", *state);

	assert_int_equal(m->nagreements, 3);
	/* "el Jefe de la Unidad de Transparencia del IEEM" is a man here. */
	check_persons(m, 0, "Juan Carlos Mendoza Ruiz", NULL);
	/* titular = jefe; the unit tells two jefes of the IEEM apart. */
	check_persons(m, 1, "Juan Carlos Mendoza Ruiz",
		      "Emmanuel Hernández García", NULL);
	check_persons(m, 2, "Alfredo Burgos Cohl", NULL);
	stl_minute_destroy(m);
}

static void variant_other_directora(void **state)
{
	struct stl_minute *m = parse_variant("other-directora.txt", *state);

	/* Same words as agreement III of 2020-09-24, another person. */
	check_persons(m, 0, "María Fernanda Ortiz Luna", NULL);
	check_persons(m, 1, "María Fernanda Ortiz Luna",
		      "Lilibeth Álvarez Rodríguez", NULL);
	stl_minute_destroy(m);
}

static void variant_unaccented_no_blanks(void **state)
{
	struct stl_minute *m = parse_variant("unaccented-no-blanks.txt", *state);
	static const char *const topics[] = { "Hoja de ruta", "Minutas" };

	assert_string_equal(m->date, "2020-10-01");
	assert_string_equal(m->time, "17:00");	/* "5:00 pm" */
	check_str(m->title, "MINUTA REUNION DE TRABAJO");
	check_str(m->event, "Grupo Operativo del STL");
	check_str(m->medium, "Video llamada (Zoom)");
	assert_int_equal(m->nattendees, 2);
	check_str(m->attendees[0].role, "Facilitador");
	check_topics(m, topics, N(topics));
	assert_int_equal(m->nagreements, 1);
	assert_string_equal(m->next_date, "2020-10-08");
	assert_string_equal(m->next_time, "17:00");	/* "a las 17 horas" */
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);
}

static void variant_roman_subitems(void **state)
{
	struct stl_minute *m = parse_variant("roman-subitems.txt", *state);
	static const char *const topics[] = {
		"Hoja de ruta del compromiso del eje democrático", "Calendario",
	};

	check_topics(m, topics, N(topics));
	assert_int_equal(m->nagreements, 2);
	/* Under Roman numerals, "a)" and "1." lines belong to the item. */
	check_agreement(m, 0,
		"Se acuerda lo siguiente: a) Enviar la hoja de ruta; b) Revisar el calendario. 1. Con fechas tentativas.",
		"", NULL);
	check_agreement(m, 1, "Se levanta la sesión.", "", NULL);
	stl_minute_destroy(m);
}

static void variant_letter_agreements(void **state)
{
	struct stl_minute *m = parse_variant("letter-agreements.txt", *state);

	assert_int_equal(m->nagreements, 3);
	check_agreement(m, 0, "Se aprueba el calendario.", "", NULL);
	check_agreement(m, 1,
		"El Facilitador del STL enviará la convocatoria antes del 30 de octubre.",
		"2020-10-30", "Rafael Funes Díaz", NULL);
	check_agreement(m, 2, "Se levanta la sesión.", "", NULL);
	assert_string_equal(m->next_date, "2020-10-29");
	stl_minute_destroy(m);
}

static void variant_organizations(void **state)
{
	struct stl_minute *m = parse_variant("organizations.txt", *state);
	static const struct att att[] = {
		{ "Enrique Serrano Arenas", "Representante", "Tendiendo Puentes A.C.",
		  "tendiendo puentes ac", "enrique serrano arenas" },
		{ "Laura Gómez Díaz", "Jefa de la Unidad de Transparencia",
		  "Ayuntamiento de Metepec", "ayuntamiento de metepec",
		  "laura gomez diaz" },
		{ "Pedro Ramírez Luna", "Analista", "SEDESEM", "sedesem",
		  "pedro ramirez luna" },
		{ "Sofía Torres Vega", "Consejera Electoral", "IEEM", "ieem",
		  "sofia torres vega" },
		{ "Rosa Elena Cruz Ávila", "Comisionada", "Infoem", "infoem",
		  "rosa elena cruz avila" },
		{ "Jorge Luis Peña Soto", NULL, NULL, NULL, "jorge luis peña soto" },
	};

	check_attendees(m, att, N(att));
	assert_int_equal(m->nagreements, 3);
	/* By post at an organization not in the table; by title and partial
	 * name. */
	check_persons(m, 0, "Enrique Serrano Arenas", "Sofía Torres Vega", NULL);
	/* Attendees first, then people who did not attend, titles dropped. */
	check_persons(m, 1, "Rosa Elena Cruz Ávila", "Ramón Díaz Ordaz", NULL);
	/* Capitalized words are not people. */
	check_persons(m, 2, NULL);
	stl_minute_destroy(m);
}

/*
 * An organization outside the table is named by role without its legal
 * form: "La Representante del Observatorio Ciudadano de Toluca" is the
 * attendee of "Observatorio Ciudadano de Toluca A.C.".
 */
static void variant_role_organization(void **state)
{
	struct stl_minute *m = parse_variant("role-organization.txt", *state);
	static const struct att att[] = {
		{ "Ximena Robles Treviño", "Representante",
		  "Observatorio Ciudadano de Toluca A.C.",
		  "observatorio ciudadano de toluca ac", "ximena robles treviño" },
		{ "Enrique Serrano Arenas", "Representante", "Tendiendo Puentes A.C.",
		  "tendiendo puentes ac", "enrique serrano arenas" },
		{ "Rosa Elena Cruz Ávila", "Comisionada", "Infoem", "infoem",
		  "rosa elena cruz avila" },
	};

	check_attendees(m, att, N(att));
	assert_int_equal(m->nagreements, 2);
	check_persons(m, 0, "Ximena Robles Treviño", NULL);
	check_persons(m, 1, "Enrique Serrano Arenas", "Rosa Elena Cruz Ávila",
		      NULL);
	stl_minute_destroy(m);
}

/* ---- Odd input ------------------------------------------------------------------ */

static void empty_input(void **state)
{
	struct stl_minute *m = NULL;

	assert_int_equal(stl_minute_parse("", 0, *state, &m), STL_STATUS_SUCCESS);
	assert_int_equal(m->missing, STL_MISSING_DATE | STL_MISSING_EVENT |
			 STL_MISSING_PLACE | STL_MISSING_ATTENDEES |
			 STL_MISSING_TOPICS | STL_MISSING_AGREEMENTS |
			 STL_MISSING_NEXT_MEETING);
	assert_null(m->title);
	assert_null(m->city);
	assert_non_null(m->text);
	assert_int_equal(m->text_len, 0);
	stl_minute_destroy(m);
	assert_int_equal(stl_minute_parse(NULL, 0, NULL, &m), STL_STATUS_SUCCESS);
	stl_minute_destroy(m);
	stl_minute_destroy(NULL);
}

static void text_is_kept(void **state)
{
	static const char text[] = "a\r\nb\rc\n\0d";
	struct stl_minute *m = NULL;

	assert_int_equal(stl_minute_parse(text, sizeof(text) - 1, *state, &m),
			 STL_STATUS_SUCCESS);
	assert_int_equal(m->text_len, 8);
	assert_memory_equal(m->text, "a\nb\nc\n\0d", 8);
	stl_minute_destroy(m);
}

static void headings_only(void **state)
{
	struct stl_minute *m = parse_string(
		"EVENTO\nFECHA\nLUGAR\nASISTENTES\nTEMAS QUE ABORDARON\nACUERDOS\n"
		"REUNIÓN DE SEGUIMIENTO\n", *state);

	assert_int_equal(m->missing, STL_MISSING_DATE | STL_MISSING_EVENT |
			 STL_MISSING_PLACE | STL_MISSING_ATTENDEES |
			 STL_MISSING_TOPICS | STL_MISSING_AGREEMENTS |
			 STL_MISSING_NEXT_MEETING);
	stl_minute_destroy(m);
}

/* Words that only look like headings stay text. */
static void not_headings(void **state)
{
	struct stl_minute *m = parse_string(
		"ACUERDOS\nI. Fecha para la mesa.\nFecha para otra cosa.\n"
		"II. Acuerdos tomados antes.\n", *state);

	assert_int_equal(m->nagreements, 2);
	assert_string_equal(m->agreements[0].text,
			    "Fecha para la mesa. Fecha para otra cosa.");
	assert_string_equal(m->agreements[1].text, "Acuerdos tomados antes.");
	stl_minute_destroy(m);
}

/* "PRIMERO.-" numbers agreements like Roman numerals; HORA gives the time
 * when FECHA has none. */
static void ordinal_agreements_and_hora(void **state)
{
	struct stl_minute *m = parse_string(
		"FECHA: 24 de septiembre de 2020\nHORA: 17:30 hrs.\n"
		"ACUERDOS\nPRIMERO.- Se aprueba la minuta.\n"
		"a) con cambios.\nSegundo: Se levanta la sesión.\n"
		"Primero, se leyó el acta.\n", *state);

	assert_string_equal(m->date, "2020-09-24");
	assert_string_equal(m->time, "17:30");
	assert_int_equal(m->nagreements, 2);
	assert_string_equal(m->agreements[0].text,
			    "Se aprueba la minuta. a) con cambios.");
	assert_string_equal(m->agreements[1].text,
			    "Se levanta la sesión. Primero, se leyó el acta.");
	stl_minute_destroy(m);
}

/* An entry wrapped by hand continues until its ';'. */
static void wrapped_attendee(void **state)
{
	struct stl_minute *m = parse_string(
		"ASISTENTES\n"
		"· Leslie Adriana Serrano Flores, Directora General de "
		"Transparencia, Acceso a la\n"
		"  Información Pública y Gobierno Abierto, Infoem;\n"
		"· Arturo Tonatiuh Romero Malagón, Jefe de Departamento de "
		"Gobierno Abierto y Transparencia Proactiva\n", *state);

	assert_int_equal(m->nattendees, 2);
	check_str(m->attendees[0].role,
		  "Directora General de Transparencia, Acceso a la Información "
		  "Pública y Gobierno Abierto");
	check_str(m->attendees[0].institution, "Infoem");
	/* No institution written: none is made up from the unit. */
	check_str(m->attendees[1].role, "Jefe de Departamento de Gobierno "
		  "Abierto y Transparencia Proactiva");
	check_str(m->attendees[1].institution, NULL);
	check_str(m->attendees[1].institution_id, NULL);
	stl_minute_destroy(m);
}

static void unbulleted_lists(void **state)
{
	struct stl_minute *m = parse_string(
		"ASISTENTES\nAna Pérez López, IEEM\nLuis Soto Ruiz, Infoem\n"
		"TEMAS\nHoja de ruta\nCalendario\n", *state);

	assert_int_equal(m->nattendees, 2);
	check_str(m->attendees[0].role, NULL);
	check_str(m->attendees[0].institution, "IEEM");
	check_str(m->attendees[1].institution, "Infoem");
	assert_int_equal(m->ntopics, 2);
	assert_string_equal(m->topics[1], "Calendario");
	stl_minute_destroy(m);
}

/* Random bytes, random lines built from minute pieces: never a crash
 * (ASan run), always a minute. */
static void fuzz_small(void **state)
{
	static const char *const pieces[] = {
		"ACUERDOS", "I.", "II)", "· ", "- ", "1.", "a)", "de", "la",
		"Jefa", "titular", "del IEEM", "Infoem", ", ", ";", ".", "\n",
		"\r\n", "\t", " ", "Lilibeth Álvarez", "Consejera", "Ana", "31",
		"1ª", "de octubre", "de 20202", "a las17:oo", "FECHA:",
		"ASISTENTES", "REUNION DE SEGUIMIENTO", "\xC3", "\xE2\x80",
		"<NUL>", "A.C.", "antes del", "5/10/2020", "[image: x]", "Directora",
		"General", "de Tendiendo Puentes A.C.",
	};
	char buf[512];
	struct stl_minute *m;
	unsigned seed = 12345, i, k;
	size_t len, n;

	for (i = 0; i < 3000; i++) {
		len = 0;
		for (k = 0; k < 40; k++) {
			seed = seed * 1103515245u + 12345u;
			n = (seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]));
			if (i % 3 == 0) {	/* raw bytes */
				buf[len++] = (char)(seed >> 8);
				continue;
			}
			if (!strcmp(pieces[n], "<NUL>")) {
				buf[len++] = '\0';
				continue;
			}
			if (len + strlen(pieces[n]) >= sizeof(buf))
				break;
			memcpy(buf + len, pieces[n], strlen(pieces[n]));
			len += strlen(pieces[n]);
		}
		assert_int_equal(stl_minute_parse(buf, len, *state, &m),
				 STL_STATUS_SUCCESS);
		assert_int_equal(m->text_len <= len, 1);
		stl_minute_destroy(m);
	}
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Fill @len bytes with @unit repeated. */
static char *repeat(const char *unit, size_t len)
{
	size_t n = strlen(unit), i;
	char *buf = malloc(len + 1);

	assert_non_null(buf);
	for (i = 0; i < len; i++)
		buf[i] = unit[i % n];
	buf[len] = '\0';
	return buf;
}

static void parse_timed(const char *what, const char *text, size_t len,
			const struct stl_institutions *t)
{
	struct stl_minute *m = NULL;
	struct timespec t0;
	double s;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(stl_minute_parse(text, len, t, &m), STL_STATUS_SUCCESS);
	s = seconds_since(&t0);
	/* Linear work takes well under a second per MB even under ASan; a
	 * quadratic blowup on these sizes takes hours. */
	if (s > 60.0)
		fail_msg("%s: %.1f s", what, s);
	if (getenv("STL_TEST_VERBOSE"))
		print_message("%-20s %zu bytes: %.2f s\n", what, len, s);
	stl_minute_destroy(m);
}

/* A 10 MB line of each shape that could make a scanner quadratic. */
static void huge_lines(void **state)
{
	static const char *const units[] = {
		"a", " ", "1", "1 de ", "· ", "Ana Ana ", "la jefa de la ",
		"Consejera ", "I. ", "Lilibeth Álvarez ", "de de de ", ",",
		"\xC3", "FECHA ",
	};
	const size_t len = 10u << 20;
	char *buf, *text;
	size_t k;

	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		buf = repeat(units[k], len);
		parse_timed(units[k], buf, len, *state);
		/* The same line as an agreement among real attendees. */
		text = malloc(len + 256);
		assert_non_null(text);
		strcpy(text, "ASISTENTES\n· Lilibeth Álvarez Rodríguez, Jefa de la "
		       "Unidad de Transparencia IEEM;\nACUERDOS\nI. ");
		strcat(text, buf);
		parse_timed(units[k], text, strlen(text), *state);
		free(text);
		free(buf);
	}
}

/* A 50 MB file of many short items. */
static void huge_file(void **state)
{
	static const char unit[] =
		"I. la titular de la unidad de transparencia del IEEM y Ana Ana "
		"Pérez, de Algo A.C., antes del 5 de octubre.\n"
		"· Ana Pérez Ruiz, Jefa de la Unidad de Transparencia IEEM;\n"
		"ACUERDOS\n";
	const size_t len = 50u << 20;
	char *buf = repeat(unit, len);

	parse_timed("50 MB", buf, len, *state);
	free(buf);
}

/* ---- Helpers: dates and missing fields -------------------------------------------- */

static void dates(void **state)
{
	char out[11];

	(void)state;
	assert_true(stl_date_parse_es("24 de septiembre de 2020", 24, 0, out));
	assert_string_equal(out, "2020-09-24");
	assert_true(stl_date_parse_es("17 de junio del 2020", 20, 0, out));
	assert_string_equal(out, "2020-06-17");
	assert_true(stl_date_parse_es("Jueves 1ª de octubre a las17:oo horas.",
				      strlen("Jueves 1ª de octubre a las17:oo horas."),
				      2020, out));
	assert_string_equal(out, "2020-10-01");
	assert_false(stl_date_parse_es("1ª de octubre", strlen("1ª de octubre"),
				       0, out));
	assert_true(stl_date_parse_es("24 de junio de 20202", 20, 2020, out));
	assert_string_equal(out, "2020-06-24");
	assert_false(stl_date_parse_es("24 de junio de 20202", 20, 0, out));
	assert_false(stl_date_parse_es("24 de junio de 20212", 20, 2020, out));
	assert_false(stl_date_parse_es("31 de septiembre de 2020", 24, 0, out));
	assert_false(stl_date_parse_es("29 de febrero de 2021", 21, 0, out));
	assert_true(stl_date_parse_es("29 de febrero de 2020", 21, 0, out));
	assert_string_equal(out, "2020-02-29");
	assert_true(stl_date_parse_es("5/10/2020", 9, 0, out));
	assert_string_equal(out, "2020-10-05");
	assert_true(stl_date_parse_es("2020-10-05", 10, 0, out));
	assert_string_equal(out, "2020-10-05");
	assert_true(stl_date_parse_es("primero de Octubre", 18, 2021, out));
	assert_string_equal(out, "2021-10-01");
	assert_true(stl_date_parse_es("3 DE MARZO, 2021", 16, 0, out));
	assert_string_equal(out, "2021-03-03");
	assert_true(stl_date_parse_es("15 de setiembre", 15, 2020, out));
	assert_string_equal(out, "2020-09-15");
	/* Two dates: the second one's day is not the first one's year. */
	assert_true(stl_date_parse_es("9 de julio, 10 de agosto", 24, 2020, out));
	assert_string_equal(out, "2020-07-09");
	assert_false(stl_date_parse_es("sin fecha", 9, 2020, out));
	assert_false(stl_date_parse_es("123 de enero", 12, 2020, out));
	assert_false(stl_date_parse_es(NULL, 0, 2020, out));
	/* Only @len bytes are read. */
	assert_false(stl_date_parse_es("24 de septiembre", 5, 2020, out));
}

static void next_meeting_times(void **state)
{
	static const struct {
		const char *line, *date, *time;
	} cases[] = {
		{ "Jueves 1 de octubre a las 5 pm", "2020-10-01", "17:00" },
		{ "Jueves 1 de octubre a las 11.30 hrs.", "2020-10-01", "11:30" },
		{ "Jueves 1 de octubre, 12:00 p.m.", "2020-10-01", "12:00" },
		{ "Jueves 1 de octubre a las 9:00", "2020-10-01", "09:00" },
		{ "Jueves 1 de octubre a las 25:00", "2020-10-01", "" },
		{ "Por definir", "", "" },
	};
	char text[256];
	struct stl_minute *m;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text),
			 "FECHA\n24 de septiembre de 2020\n\n"
			 "REUNIÓN DE SEGUIMIENTO\n%s\n", cases[i].line);
		m = parse_string(text, *state);
		assert_string_equal(m->next_date, cases[i].date);
		assert_string_equal(m->next_time, cases[i].time);
		assert_int_equal(!!(m->missing & STL_MISSING_NEXT_MEETING),
				 !*cases[i].date);
		stl_minute_destroy(m);
	}
}

/* One event however its institutions are named; none without words. */
static void event_key(void **state)
{
	struct stl_strbuf a = STL_STRBUF_INIT, b = STL_STRBUF_INIT;
	struct stl_inst_matcher *mt = NULL;

	assert_int_equal(stl_inst_matcher_new(*state, &mt), STL_STATUS_SUCCESS);
	assert_int_equal(stl_minute_event_key("Grupo Operativo del STL", mt, &a),
			 STL_STATUS_SUCCESS);
	assert_int_equal(stl_minute_event_key(
				 "Grupo  Operativo del Secretariado Técnico Local.",
				 mt, &b),
			 STL_STATUS_SUCCESS);
	assert_string_equal(a.buf, "grupo operativo del stl");
	assert_string_equal(a.buf, b.buf);
	stl_strbuf_reset(&b);
	/* Without the table the words stay as they are. */
	assert_int_equal(stl_minute_event_key("Grupo Operativo del STL", NULL,
					      &b),
			 STL_STATUS_SUCCESS);
	assert_string_equal(b.buf, "grupo operativo del stl");
	stl_strbuf_reset(&b);
	assert_int_equal(stl_minute_event_key("Mesa del IEEM", mt, &b),
			 STL_STATUS_SUCCESS);
	assert_string_equal(b.buf, "mesa del ieem");
	stl_strbuf_reset(&b);
	assert_int_equal(stl_minute_event_key(" ¿? ", mt, &b),
			 STL_STATUS_SUCCESS);
	assert_int_equal(b.len, 0);
	assert_int_equal(stl_minute_event_key(NULL, mt, &b),
			 STL_STATUS_SUCCESS);
	assert_int_equal(b.len, 0);
	stl_inst_matcher_destroy(mt);
	stl_strbuf_release(&a);
	stl_strbuf_release(&b);
}

static void missing_describe(void **state)
{
	char *s;

	(void)state;
	assert_null(stl_minute_missing_describe(0));
	s = stl_minute_missing_describe(STL_MISSING_DATE | STL_MISSING_AGREEMENTS);
	assert_string_equal(s, "fecha, acuerdos");
	free(s);
	s = stl_minute_missing_describe(~0u);
	assert_string_equal(s, "fecha, evento, lugar, asistentes, temas, "
			    "acuerdos, reunión de seguimiento");
	free(s);
}

/* Headings numbered in the text, as antiword prints Word's numbered
 * headings; a numbered topic that merely names a section stays a topic. */
static void numbered_headings(void **state)
{
	struct stl_minute *m = parse_string(
		"Minuta\n1 EVENTO\nGrupo Operativo.\n2 FECHA\n"
		"24 de septiembre de 2020 a las 17:00 horas.\n"
		"IV. TEMAS QUE ABORDARON\n1. Acuerdos de la sesión anterior;\n"
		"2. Acuerdos\n6 ACUERDOS\n"
		"La titular enviará el documento a más tardar el 5 de octubre "
		"de 2020.\nSe revisará el árbol de problemas.\n"
		"7.- REUNIÓN DE SEGUIMIENTO\n1 de octubre de 2020.\n", *state);

	assert_string_equal(m->date, "2020-09-24");
	assert_string_equal(m->event, "Grupo Operativo");
	assert_int_equal(m->ntopics, 2);
	assert_string_equal(m->topics[1], "Acuerdos");
	assert_int_equal(m->nagreements, 2);
	assert_int_equal(m->agreements[1].number, 2);
	assert_string_equal(m->agreements[1].text,
			    "Se revisará el árbol de problemas.");
	assert_string_equal(m->next_date, "2020-10-01");
	stl_minute_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_june),
		cmocka_unit_test(real_september),
		cmocka_unit_test(real_without_table),
		cmocka_unit_test(variant_lowercase_colons),
		cmocka_unit_test(variant_bullets),
		cmocka_unit_test(variant_crlf),
		cmocka_unit_test(variant_del_2020),
		cmocka_unit_test(variant_missing_agreements),
		cmocka_unit_test(variant_missing_fecha),
		cmocka_unit_test(variant_date_typo),
		cmocka_unit_test(date_typo_in_fecha_only),
		cmocka_unit_test(variant_heading_content),
		cmocka_unit_test(variant_deadlines),
		cmocka_unit_test(due_next_meeting_flag),
		cmocka_unit_test(event_key),
		cmocka_unit_test(variant_relative_deadlines),
		cmocka_unit_test(closed_days),
		cmocka_unit_test(closed_days_bad_lines),
		cmocka_unit_test(variant_jefe_man),
		cmocka_unit_test(variant_other_directora),
		cmocka_unit_test(variant_unaccented_no_blanks),
		cmocka_unit_test(variant_roman_subitems),
		cmocka_unit_test(variant_letter_agreements),
		cmocka_unit_test(variant_organizations),
		cmocka_unit_test(variant_role_organization),
		cmocka_unit_test(empty_input),
		cmocka_unit_test(text_is_kept),
		cmocka_unit_test(headings_only),
		cmocka_unit_test(not_headings),
		cmocka_unit_test(ordinal_agreements_and_hora),
		cmocka_unit_test(wrapped_attendee),
		cmocka_unit_test(unbulleted_lists),
		cmocka_unit_test(fuzz_small),
		cmocka_unit_test(huge_lines),
		cmocka_unit_test(huge_file),
		cmocka_unit_test(dates),
		cmocka_unit_test(next_meeting_times),
		cmocka_unit_test(missing_describe),
		cmocka_unit_test(numbered_headings),
	};

	return cmocka_run_group_tests(tests, setup_table, teardown_table);
}
