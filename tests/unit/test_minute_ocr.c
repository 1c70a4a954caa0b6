/*
 * test_minute_ocr.c - stl_minute_parse_stext() on text read by OCR
 * (st->ocr_confidence >= 0): bullets, Roman numerals, headings and
 * acronyms as Tesseract misreads them, agreements wrapped over lines,
 * institutions near a table name. The samples are what Tesseract printed
 * (tests/data/ocr-text/, README there); the same lines as typed text
 * parse as they always did.
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

#define OCR 87		/* a confidence Tesseract gives a clean page */
#define TYPED -1

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

/* @text as one paragraph a line, read by OCR with @confidence (or typed:
 * -1), parsed. */
static struct stl_minute *parse_text(const char *text, int confidence,
				     const struct stl_institutions *t)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m = NULL;

	assert_int_equal(stl_stext_from_lines(&st, text, strlen(text)),
			 STL_STATUS_SUCCESS);
	st.ocr_confidence = confidence;
	assert_int_equal(stl_minute_parse_stext(&st, t, &m), STL_STATUS_SUCCESS);
	assert_non_null(m);
	stl_stext_release(&st);
	return m;
}

static struct stl_minute *parse_file(const char *name, int confidence,
				     const struct stl_institutions *t)
{
	char path[256], *text;
	struct stl_minute *m;
	size_t len;

	snprintf(path, sizeof(path), "tests/data/ocr-text/%s", name);
	text = test_slurp(path, &len);
	assert_non_null(text);
	m = parse_text(text, confidence, t);
	free(text);
	return m;
}

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

/* Agreement @i starts with @prefix. */
static void check_agreement_starts(const struct stl_minute *m, size_t i,
				   const char *prefix)
{
	assert_true(i < m->nagreements);
	if (strncmp(m->agreements[i].text, prefix, strlen(prefix)))
		fail_msg("agreement %zu: \"%s\" does not start with \"%s\"", i,
			 m->agreements[i].text, prefix);
}

static void check_attendee(const struct stl_minute *m, size_t i,
			   const char *name, const char *inst)
{
	assert_true(i < m->nattendees);
	check_str(m->attendees[i].name, name);
	check_str(m->attendees[i].institution, inst);
}

/* ---- Real OCR output --------------------------------------------------------- */

/* 100 dpi: bullets "+", "-", ":" (and a "1." for agreement I, with a
 * typed "II." after it); "Infoe" for Infoem. */
static void ocr_100dpi(void **state)
{
	struct stl_minute *m = parse_file("minuta-2020-09-24-100dpi.txt", OCR,
					  *state);

	assert_int_equal(m->nattendees, 8);
	check_attendee(m, 0, "Rafael Funes Díaz", "STL");
	/* ": Daniel Rosemberg ..." */
	check_attendee(m, 1, "Daniel Rosemberg Cervantes Pérez", "STL");
	check_attendee(m, 4, "Emmanuel Hernández García", "IEEM");
	check_attendee(m, 5, "Adriana Yadira Cárdenas Tagle", "Infoem");
	assert_int_equal(m->nagreements, 4);
	check_agreement_starts(m, 0, "Se realizó la retroalimentación");
	check_agreement_starts(m, 1, "Se enviará la redacción");
	check_agreement_starts(m, 3, "Se acordó prospectar");
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);

	/* Typed, the ":" is no bullet and "Infoe" no institution. */
	m = parse_file("minuta-2020-09-24-100dpi.txt", TYPED, *state);
	assert_true(m->nattendees < 6 ||
		    strcmp(m->attendees[1].name, "Daniel Rosemberg Cervantes Pérez") ||
		    strcmp(m->attendees[5].institution, "Infoem"));
	stl_minute_destroy(m);
}

/* 80 dpi: numerals "1,", "IL.", "TIT.", "Iv."; "EVENTO,"; "1EEM",
 * "Infoen"; an IEEM read as "TEEM", a real institution, stays TEEM. */
static void ocr_80dpi(void **state)
{
	struct stl_minute *m = parse_file("minuta-2020-09-24-80dpi.txt", OCR,
					  *state);

	check_str(m->event, "Grupo Operativo del Secretariado Técnico Local");
	assert_int_equal(m->nagreements, 4);
	check_agreement_starts(m, 0, "Se realizó la retroalimentación");
	check_agreement_starts(m, 1, "Se enviará la redacción");
	check_agreement_starts(m, 2, "La Directora General del Infoem");
	check_agreement_starts(m, 3, "Se acordó prospectar");
	assert_int_equal(m->nattendees, 8);
	check_attendee(m, 3, "Alfredo Burgos Cohl", "TEEM");	/* exact wins */
	check_attendee(m, 4, "Emmanuel Hernández García", "IEEM");	/* 1EEM */
	stl_minute_destroy(m);

	m = parse_file("minuta-2020-09-24-80dpi.txt", TYPED, *state);
	assert_int_not_equal(m->nagreements, 4);
	stl_minute_destroy(m);
}

/* Squeezed 80 dpi: "»" bullets; "TEM" is as near TEEM as GEM, so it
 * stays as written; "Infoen" is Infoem. */
static void ocr_squeezed(void **state)
{
	struct stl_minute *m = parse_file("minuta-2020-09-24-80dpi-squeezed.txt",
					  OCR, *state);

	assert_int_equal(m->nattendees, 8);
	check_attendee(m, 3, "Alfredo Burgos Cohl", "IEEM");	/* "» Alfredo" */
	check_attendee(m, 4, "Emanuel Mernández García", "TEM");
	check_attendee(m, 5, "Adriana Yadira Cárdenas Tagle", "Infoem");
	check_attendee(m, 7, "Josué Martínez Noriega", "Infoem");
	assert_int_equal(m->nagreements, 4);
	stl_minute_destroy(m);

	m = parse_file("minuta-2020-09-24-80dpi-squeezed.txt", TYPED, *state);
	check_str(m->attendees[3].name, "» Alfredo Burgos Cohl");
	stl_minute_destroy(m);
}

/* Numbering lost: agreements are paragraphs separated by blank lines,
 * each wrapped over two or three lines. */
static void ocr_wrapped_agreements(void **state)
{
	struct stl_minute *m = parse_file("minuta-150dpi-p1.txt", OCR, *state);

	assert_true(m->nagreements >= 3);
	check_str(m->agreements[0].text,
		  "La titular de la Unidad de Transparencia del IEEM enviará "
		  "el documento de la hoja de ruta a más tardar el 5 de "
		  "octubre de 2020.");
	check_str(m->agreements[0].deadline, "2020-10-05");
	check_str(m->agreements[1].text,
		  "Los integrantes del grupo operativo harán llegar sus "
		  "comentarios sobre el árbol de problemas a Daniel Rosemberg "
		  "Cervantes Pérez, Representante de la Sociedad Civil, antes "
		  "del 15 de octubre de 2020.");
	check_str(m->agreements[1].deadline, "2020-10-15");
	check_agreement_starts(m, 2, "La Directora General de Transparencia");
	stl_minute_destroy(m);

	/* Typed, each line is an agreement. */
	m = parse_file("minuta-150dpi-p1.txt", TYPED, *state);
	assert_true(m->nagreements >= 7);
	stl_minute_destroy(m);
}

/* Short unmarked items are not wrapped lines: each is its own, in OCR
 * text as typed. */
static void ocr_short_items(void **state)
{
	static const char text[] =
		"TEMAS QUE ABORDARON\n"
		"Árbol de problemas IEEM\n"
		"Participación del CPC\n"
		"ACUERDOS\n"
		"Se aprueba la hoja de ruta\n"
		"Se integra la mesa de trabajo\n";
	struct stl_minute *m = parse_text(text, OCR, *state);

	assert_int_equal(m->ntopics, 2);
	check_str(m->topics[1], "Participación del CPC");
	assert_int_equal(m->nagreements, 2);
	check_str(m->agreements[1].text, "Se integra la mesa de trabajo");
	stl_minute_destroy(m);
}

/* "|.", "ll.", "lll." for I, II, III. */
static void ocr_roman_rotated(void **state)
{
	struct stl_minute *m = parse_file("minuta-150dpi-rotated-p1.txt", OCR,
					  *state);

	assert_int_equal(m->nagreements, 3);
	check_agreement_starts(m, 0, "La titular de la Unidad");
	check_agreement_starts(m, 1, "Los integrantes del grupo operativo");
	check_agreement_starts(m, 2, "La Directora General de Transparencia");
	stl_minute_destroy(m);
}

/* 100 dpi rotated: "l.", "II.", "MI." for I, II, III. */
static void ocr_roman_merged(void **state)
{
	struct stl_minute *m = parse_file("minuta-100dpi-rotated-p1.txt", OCR,
					  *state);

	assert_int_equal(m->nagreements, 3);
	check_agreement_starts(m, 0, "La titular de la Unidad");
	check_agreement_starts(m, 1, "Los integrantes del grupo Operativo");
	check_agreement_starts(m, 2, "La Directora General de Transparencia");
	stl_minute_destroy(m);
}

/* 100 dpi rotated: an entry ending "IEEM:" ends there; "1EEM" is the
 * IEEM; "TEEN" is one edit from TEEM alone, so TEEM. */
static void ocr_attendees_rotated(void **state)
{
	struct stl_minute *m = parse_file("minuta-2020-09-24-100dpi-rotated.txt",
					  OCR, *state);

	assert_int_equal(m->nattendees, 8);
	check_attendee(m, 2, "fivibeth Álvarez Rodríguez", "TEEM");
	check_attendee(m, 3, "Alfredo Burgos Cohl", "IEEM");
	check_str(m->attendees[3].role, "Subjefe de Transparencia");
	check_str(m->attendees[4].institution, "IEEM");
	stl_minute_destroy(m);

	m = parse_file("minuta-2020-09-24-100dpi-rotated.txt", TYPED, *state);
	assert_true(m->nattendees < 8);	/* entries run together */
	stl_minute_destroy(m);
}

/* ---- Shapes, one at a time ------------------------------------------------------ */

/* A misread numeral is one only as the next number: "Il." after II is
 * text, and so is "1." under I; typed, "1I." is never a numeral. */
static void ocr_roman_sequence(void **state)
{
	static const char text[] =
		"ACUERDOS\n"
		"I. Se aprueba la hoja de ruta, con\n"
		"1. las metas revisadas;\n"
		"1I. Se integra la mesa de trabajo y\n"
		"Il. sus reglas.\n"
		"lll. Se publica la minuta.\n"
		"IV, Se convoca a la siguiente sesión.\n";
	struct stl_minute *m = parse_text(text, OCR, *state);

	assert_int_equal(m->nagreements, 4);
	check_str(m->agreements[0].text,
		  "Se aprueba la hoja de ruta, con 1. las metas revisadas");
	check_str(m->agreements[1].text,
		  "Se integra la mesa de trabajo y Il. sus reglas.");
	check_str(m->agreements[2].text, "Se publica la minuta.");
	check_str(m->agreements[3].text, "Se convoca a la siguiente sesión.");
	stl_minute_destroy(m);

	m = parse_text(text, TYPED, *state);
	assert_int_equal(m->nagreements, 1);
	stl_minute_destroy(m);
}

/* Every numeral misread, none typed: the list is still Roman; an
 * initial "M." (II as "M" run together would be) stays text. */
static void ocr_roman_all_misread(void **state)
{
	static const char text[] =
		"ACUERDOS\n"
		"l. Se aprueba la hoja de ruta que presentó la\n"
		"M. en C. Ana Pérez;\n"
		"ll. Se integra la mesa de trabajo.\n";
	struct stl_minute *m = parse_text(text, OCR, *state);

	assert_int_equal(m->nagreements, 2);
	check_str(m->agreements[0].text, "Se aprueba la hoja de ruta que "
		  "presentó la M. en C. Ana Pérez");
	check_str(m->agreements[1].text, "Se integra la mesa de trabajo.");
	stl_minute_destroy(m);
}

/* Bullets "«", "°", ";" and a letter "e" before a capital; an "e" that
 * goes on an unfinished entry stays a word. */
static void ocr_bullets(void **state)
{
	static const char text[] =
		"ASISTENTES\n"
		"« Rafael Funes Díaz, Facilitador del STL;\n"
		"e Lilibeth Álvarez Rodríguez, Jefa de la Unidad de Transparencia,\n"
		"e Investigación, IEEM;\n"
		"° Alfredo Burgos Cohl, Subjefe de Transparencia, IEEM;\n"
		"; Josué Martínez Noriega, Servidor Público, Infoem.\n";
	struct stl_minute *m = parse_text(text, OCR, *state);

	assert_int_equal(m->nattendees, 4);
	check_attendee(m, 0, "Rafael Funes Díaz", "STL");
	check_attendee(m, 1, "Lilibeth Álvarez Rodríguez", "IEEM");
	check_str(m->attendees[1].role,
		  "Jefa de la Unidad de Transparencia, e Investigación");
	check_attendee(m, 2, "Alfredo Burgos Cohl", "IEEM");
	check_attendee(m, 3, "Josué Martínez Noriega", "Infoem");
	stl_minute_destroy(m);

	m = parse_text(text, TYPED, *state);
	check_str(m->attendees[0].name, "« Rafael Funes Díaz");
	stl_minute_destroy(m);
}

/* Headings with blanks and stray marks in them, or split over two
 * lines. */
static void ocr_headings(void **state)
{
	static const char text[] =
		"«EVENTO\n"
		"Grupo Operativo del STL.\n"
		"FECHA.\n"
		"24 de septiembre de 2020.\n"
		"ASISTEN TES |\n"
		"- Rafael Funes Díaz, Facilitador del STL;\n"
		"TEMAS QUE\n"
		"ABORDARON\n"
		"1. Árbol de problemas;\n"
		"LUGAR,\n"
		"Zoom.\n"
		"ACUER DOS:\n"
		"1. Se aprueba la hoja de ruta.\n"
		"REUNIÓN DE\n"
		"SEGUIMIENTO\n"
		"1 de octubre de 2020 a las 17:00 horas.\n";
	struct stl_minute *m = parse_text(text, OCR, *state);

	check_str(m->event, "Grupo Operativo del STL");
	check_str(m->medium, "Zoom");
	check_str(m->date, "2020-09-24");
	assert_int_equal(m->nattendees, 1);
	assert_int_equal(m->ntopics, 1);
	check_str(m->topics[0], "Árbol de problemas");
	assert_int_equal(m->nagreements, 1);
	check_str(m->agreements[0].text, "Se aprueba la hoja de ruta.");
	check_str(m->next_date, "2020-10-01");
	check_str(m->next_time, "17:00");
	assert_int_equal(m->missing, 0);
	stl_minute_destroy(m);

	m = parse_text(text, TYPED, *state);
	assert_int_equal(m->nagreements, 0);
	assert_int_equal(m->nattendees, 0);
	stl_minute_destroy(m);
}

/* Acronyms misread within an edit: the one nearest entry, glyphs
 * Tesseract confuses counting less; an exact name always wins; two
 * entries as near: as written. Typed text is looked up exactly. */
static void ocr_institutions(void **state)
{
	static const char text[] =
		"ASISTENTES\n"
		"- Ana Uno, Jefa de Transparencia, lEEM;\n"
		"- Ana Dos, Jefa de Transparencia, 1EEM;\n"
		"- Ana Tres, Jefa de Transparencia ¡EEM;\n"
		"- Ana Cuatro, Directora General, lnfoem;\n"
		"- Ana Cinco, Directora General, Infoern;\n"
		"- Ana Seis, Magistrada, TEEM;\n"
		"- Ana Siete, Magistrada, TEM;\n"
		"- Ana Ocho, Auditora, Organo Superior de Fiscalizacion del "
		"Estado de Mexlco;\n"
		"- Ana Nueve, Jefa de Transparencia, IEEN;\n";
	static const char *const want[] = {
		"IEEM", "IEEM", "IEEM", "Infoem", "Infoem", "TEEM", "TEM",
		"OSFEM", "IEEM"
	};
	struct stl_minute *m = parse_text(text, OCR, *state);
	size_t i;

	assert_int_equal(m->nattendees, 9);
	for (i = 0; i < 9; i++)
		check_str(m->attendees[i].institution, want[i]);
	stl_minute_destroy(m);

	m = parse_text(text, TYPED, *state);
	assert_int_equal(m->nattendees, 9);
	for (i = 0; i < 5; i++) {
		const char *in = m->attendees[i].institution;

		assert_true(!in || (strcmp(in, "IEEM") && strcmp(in, "Infoem")));
	}
	check_str(m->attendees[5].institution, "TEEM");
	stl_minute_destroy(m);
}

/* A post's institution misread in an agreement still names the
 * attendee who holds the post ("del lEEM", "del Infoen"). */
static void ocr_agreement_posts(void **state)
{
	static const char text[] =
		"ASISTENTES\n"
		"- Lilibeth Álvarez Rodríguez, Jefa de la Unidad de "
		"Transparencia, IEEM;\n"
		"- Ana Pérez, Jefa de la Unidad de Transparencia, Infoem;\n"
		"ACUERDOS\n"
		"1. La Jefa de la Unidad de Transparencia del lEEM enviará el "
		"documento.\n"
		"2. La Jefa de la Unidad de Transparencia del Infoen enviará "
		"el otro.\n";
	struct stl_minute *m = parse_text(text, OCR, *state);

	assert_int_equal(m->nagreements, 2);
	assert_int_equal(m->agreements[0].npersons, 1);
	check_str(m->agreements[0].persons[0], "Lilibeth Álvarez Rodríguez");
	assert_int_equal(m->agreements[1].npersons, 1);
	check_str(m->agreements[1].persons[0], "Ana Pérez");
	stl_minute_destroy(m);

	m = parse_text(text, TYPED, *state);
	assert_int_equal(m->agreements[0].npersons, 0);
	assert_int_equal(m->agreements[1].npersons, 0);
	stl_minute_destroy(m);
}

/* An institution cell of an attendee table, misread. */
static void ocr_institution_cell(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_minute *m = NULL;
	static const char *const rows[][3] = {
		{ "Nombre", "Cargo", "Institución" },
		{ "Ana Uno", "Jefa de Transparencia", "lEEM" },
		{ "Ana Dos", "Directora General", "Infoen" },
	};
	size_t r, c;

	stl_stext_para(&st, NULL, "ASISTENTES", 10, 0);
	stl_stext_table_begin(&st);
	for (r = 0; r < 3; r++) {
		stl_stext_row_begin(&st);
		for (c = 0; c < 3; c++)
			stl_stext_cell(&st, rows[r][c], strlen(rows[r][c]));
		stl_stext_row_end(&st);
	}
	stl_stext_table_end(&st);
	st.ocr_confidence = OCR;
	assert_int_equal(stl_minute_parse_stext(&st, *state, &m),
			 STL_STATUS_SUCCESS);
	assert_int_equal(m->nattendees, 2);
	check_attendee(m, 0, "Ana Uno", "IEEM");
	check_attendee(m, 1, "Ana Dos", "Infoem");
	stl_minute_destroy(m);
	stl_stext_release(&st);
}

/* "Jueves 1ª de octubre" read as "Jueves 12 de octubre": the weekday
 * says which day was meant (OCR only; a typed date is as written). */
static void ocr_weekday_date(void **state)
{
	static const char text[] =
		"FECHA\n24 de septiembre de 2020 a las 17:00 horas.\n"
		"ACUERDOS\nI. Revisar el documento para la siguiente reunión.\n"
		"REUNIÓN DE SEGUIMIENTO\nJueves 12 de octubre a las 17:00 horas.\n";
	static const char right[] =
		"FECHA\n24 de septiembre de 2020 a las 17:00 horas.\n"
		"REUNIÓN DE SEGUIMIENTO\nLunes 12 de octubre a las 17:00 horas.\n";
	static const char two[] =
		"FECHA\n24 de septiembre de 2020.\n"
		"REUNIÓN DE SEGUIMIENTO\nViernes 18 de diciembre de 2020.\n";
	struct stl_minute *m;

	m = parse_text(text, OCR, *state);
	assert_string_equal(m->next_date, "2020-10-01");
	assert_string_equal(m->agreements[0].deadline, "2020-10-01");
	stl_minute_destroy(m);
	m = parse_text(text, TYPED, *state);
	assert_string_equal(m->next_date, "2020-10-12");
	stl_minute_destroy(m);
	/* A raised "ª" read as "*". */
	m = parse_text("FECHA\n24 de septiembre de 2020.\nREUNIÓN DE SEGUIMIENTO\n"
		       "Jueves 1* de octubre a las17:00 horas.\n", OCR, *state);
	assert_string_equal(m->next_date, "2020-10-01");
	stl_minute_destroy(m);
	/* The weekday agrees: left alone. */
	m = parse_text(right, OCR, *state);
	assert_string_equal(m->next_date, "2020-10-12");
	stl_minute_destroy(m);
	/* 2020-12-18 is a Friday already; and were it not, 1 and 8 would
	 * both be Tuesdays: no guess. */
	m = parse_text(two, OCR, *state);
	assert_string_equal(m->next_date, "2020-12-18");
	stl_minute_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ocr_100dpi),
		cmocka_unit_test(ocr_80dpi),
		cmocka_unit_test(ocr_squeezed),
		cmocka_unit_test(ocr_wrapped_agreements),
		cmocka_unit_test(ocr_short_items),
		cmocka_unit_test(ocr_roman_rotated),
		cmocka_unit_test(ocr_roman_merged),
		cmocka_unit_test(ocr_attendees_rotated),
		cmocka_unit_test(ocr_roman_sequence),
		cmocka_unit_test(ocr_roman_all_misread),
		cmocka_unit_test(ocr_bullets),
		cmocka_unit_test(ocr_headings),
		cmocka_unit_test(ocr_institutions),
		cmocka_unit_test(ocr_institution_cell),
		cmocka_unit_test(ocr_agreement_posts),
		cmocka_unit_test(ocr_weekday_date),
	};

	return cmocka_run_group_tests(tests, setup_table, teardown_table);
}
