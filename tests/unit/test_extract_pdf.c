/*
 * test_extract_pdf.c - the .pdf reader (extractor/pdf.c) and the .doc
 * and .rtf readers that run antiword and unrtf (extractor/child.c), on
 * the files in tests/data/extract/ (made by its make.sh).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"
#include "testutil.h"

#define AGREEMENT_1 "Se acuerda por unanimidad aprobar el acta de la sesión " \
	"anterior, celebrada el día quince de febrero, sin ninguna enmienda " \
	"ni observación por parte de los miembros presentes en la sala."
#define TERCERO "TERCERO.- El señor Núñez pregunta por la situación del " \
	"camión de basura y la señora Muñoz contesta que ya está reparado."

static const struct ex_limits limits = {
	EX_DEFAULT_ENTRY_SIZE, EX_DEFAULT_RATIO, EX_DEFAULT_ENTRIES,
	EX_DEFAULT_TEXT, 20, 0, 0, NULL, NULL,
};

/* The bytes of tests/data/extract/@name. */
static char *input(const char *name, size_t *len)
{
	const char *dir = getenv("STL_TEST_DATA");
	char path[4096];
	char *buf;

	snprintf(path, sizeof(path), "%s/extract/%s", dir ? dir : "tests/data",
		 name);
	buf = test_slurp(path, len);
	if (!buf)
		fail_msg("cannot read %s", path);
	return buf;
}

/* Run @reader on tests/data/extract/@name into @st. */
static stl_status_t run(stl_status_t (*reader)(const char *, size_t,
					       const struct ex_limits *,
					       struct stl_stext *,
					       const char **),
			const char *name, const struct ex_limits *lim,
			struct stl_stext *st, const char **why)
{
	size_t len;
	char *buf = input(name, &len);
	stl_status_t ret;

	*why = NULL;
	ret = reader(buf, len, lim, st, why);
	free(buf);
	return ret;
}

/* The index of the first paragraph of @st that is exactly @line, or -1. */
static long find_para(const struct stl_stext *st, const char *line)
{
	size_t i, n = strlen(line);

	for (i = 0; i < st->nblocks; i++) {
		const struct stl_block *b = &st->blocks[i];

		if (b->kind == STL_BLOCK_PARA && b->line.len == n &&
		    !memcmp(st->text.buf + b->line.off, line, n))
			return (long)i;
	}
	return -1;
}

/* Whether some paragraph of @st is exactly @line. */
static bool has_para(const struct stl_stext *st, const char *line)
{
	return find_para(st, line) >= 0;
}

/* Whether block @b of @st has @text in its line. */
static bool block_has(const struct stl_stext *st, const struct stl_block *b,
		      const char *text)
{
	const char *s = st->text.buf + b->line.off;
	size_t n = strlen(text), k;

	for (k = 0; k + n <= b->line.len; k++)
		if (!memcmp(s + k, text, n))
			return true;
	return false;
}

/* Whether some block of @st has @text in its line. */
static bool has_text(const struct stl_stext *st, const char *text)
{
	size_t i;

	for (i = 0; i < st->nblocks; i++)
		if (block_has(st, &st->blocks[i], text))
			return true;
	return false;
}

/* Block @i of @st is a paragraph with label @label and text @text. */
static void assert_item(const struct stl_stext *st, long i, const char *label,
			const char *text)
{
	const struct stl_block *b;
	size_t ln = strlen(label), tn = strlen(text);

	assert_true(i >= 0 && (size_t)i < st->nblocks);
	b = &st->blocks[i];
	assert_int_equal(b->kind, STL_BLOCK_PARA);
	assert_int_equal(b->label.len, ln);
	assert_memory_equal(st->text.buf + b->label.off, label, ln);
	assert_int_equal(b->line.len, ln + 1 + tn);
	assert_memory_equal(st->text.buf + b->line.off + ln + 1, text, tn);
}

static bool cell_is(const struct stl_stext *st, const struct stl_block *b,
		    size_t i, const char *text)
{
	const struct stl_span *c = &st->cells[b->cell + i];

	return c->len == strlen(text) &&
	       !memcmp(st->text.buf + c->off, text, c->len);
}

/* The rows of table @table (1-based) of @st into @rows (room for @max);
 * how many. */
static size_t table_rows(const struct stl_stext *st, unsigned table,
			 const struct stl_block **rows, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < st->nblocks; i++)
		if (st->blocks[i].kind == STL_BLOCK_ROW &&
		    st->blocks[i].table == table && n < max)
			rows[n++] = &st->blocks[i];
	return n;
}

/* Row @b has the @n cells @cells. */
static void assert_row(const struct stl_stext *st, const struct stl_block *b,
		       size_t n, const char *const *cells)
{
	size_t i;

	assert_int_equal(b->ncells, n);
	for (i = 0; i < n; i++)
		if (!cell_is(st, b, i, cells[i]))
			fail_msg("cell %zu is not '%s'", i, cells[i]);
}

/* The table rows of acta.fodt: Grupo | Votos, Partido Señorial | Once. */
static void assert_table(const struct stl_stext *st)
{
	const struct stl_block *rows[2];
	size_t i, n = 0;

	for (i = 0; i < st->nblocks; i++)
		if (st->blocks[i].kind == STL_BLOCK_ROW && n < 2)
			rows[n++] = &st->blocks[i];
	assert_int_equal(n, 2);
	assert_int_equal(rows[0]->ncells, 2);
	assert_int_equal(rows[1]->ncells, 2);
	assert_true(cell_is(st, rows[0], 0, "Grupo"));
	assert_true(cell_is(st, rows[0], 1, "Votos"));
	assert_true(cell_is(st, rows[1], 0, "Partido Señorial"));
	assert_true(cell_is(st, rows[1], 1, "Once"));
	assert_int_equal(rows[0]->table, rows[1]->table);
}

/* The paragraphs every reader must find in acta.*. */
static void assert_common(const struct stl_stext *st)
{
	assert_true(has_para(st, "ACTA DE LA SESIÓN ORDINARIA DEL PLENO"));
	assert_true(has_para(st, "ORDEN DEL DÍA"));
	assert_true(has_para(st, TERCERO));
	assert_true(has_para(st, "¿Alguna pregunta más? Ninguna."));
	assert_true(has_para(st, "Y no habiendo más asuntos, se levanta la "
			     "sesión a las once horas."));
	assert_true(has_para(st, "En la ciudad de Cáceres, siendo las diez "
			     "horas del día catorce de marzo de dos mil "
			     "veinticuatro, se reúne el Pleno del Ayuntamiento "
			     "en el salón de sesiones con la asistencia de los "
			     "señores concejales que se relacionan."));
}

/* ---- pdf ----------------------------------------------------------------- */

/* Wrapped agreements are one paragraph each; headings and bullets stand
 * alone; "repa-" "rado." is one word again. */
static void test_pdf_paragraphs(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	assert_int_equal(run(ex_pdf, "acta.pdf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_common(&st);
	assert_true(has_para(&st, "1. " AGREEMENT_1));
	assert_true(has_para(&st, "2. Se acuerda adjudicar el contrato de "
			     "mantenimiento de las instalaciones deportivas "
			     "municipales a la empresa que presentó la oferta "
			     "económicamente más ventajosa para el "
			     "Ayuntamiento."));
	assert_true(has_para(&st, "• Votos a favor: once."));
	assert_true(has_para(&st, "• Abstenciones: ninguna."));
	/* Metadata as fallback: the title, and the date the PDF was made. */
	assert_non_null(st.title);
	assert_string_equal(st.title, "Acta del Pleno de marzo");
	assert_int_equal(strlen(st.date), 10);
	stl_stext_release(&st);
}

/* An agreement goes on over the page break; the footer goes after the
 * body, once: its repetition on page 2 is dropped. */
static void test_pdf_two_pages(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct stl_strbuf want = STL_STRBUF_INIT;
	const char *why;
	size_t i, n;

	(void)state;
	assert_int_equal(run(ex_pdf, "dos_paginas.pdf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	stl_strbuf_addstr(&want, "CUARTO.- Se acuerda");
	for (i = 1; i <= 12; i++)
		stl_strbuf_addf(&want, " aprobar la partida número %zu del "
				"presupuesto municipal", i);
	stl_strbuf_addstr(&want, " y publicarlo en el boletín oficial de la "
			  "provincia.");
	assert_true(has_para(&st, want.buf));
	assert_true(has_para(&st, "Punto 44 del orden del día."));
	assert_true(has_para(&st, "Página 1"));
	assert_false(has_para(&st, "Página 2"));
	n = st.nblocks;
	assert_int_equal(n, 44 + 1 + 1);
	assert_true(has_para(&st, "Página 1") &&
		    st.blocks[n - 1].line.len == strlen("Página 1"));
	stl_strbuf_release(&want);
	stl_stext_release(&st);
}

/*
 * tabla.pdf: a table whose cells wrap comes out as a table, one row a
 * table row and one cell a column, a cell's lines joined (poppler's own
 * text glues the cells: "NombreCargoInstitución").
 */
static void test_pdf_table(void **state)
{
	static const char *const head[] = { "Nombre", "Cargo", "Institución" };
	static const char *const r1[] = {
		"María Jesús Fernández de la Peña", "Secretaria", "Ayuntamiento"
	};
	static const char *const r2[] = {
		"Óscar Ruiz", "Director del Servicio Provincial de Archivos, "
		"Bibliotecas y Museos", "Diputación Provincial de Toledo"
	};
	static const char *const r3[] = {
		"Lucía Gómez", "Vocal", "Consejo Ciudadano"
	};
	struct stl_stext st = STL_STEXT_INIT;
	const struct stl_block *rows[8];
	const char *why;

	(void)state;
	assert_int_equal(run(ex_pdf, "tabla.pdf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_int_equal(st.ntables, 1);
	assert_int_equal(table_rows(&st, 1, rows, 8), 4);
	assert_row(&st, rows[0], 3, head);
	assert_row(&st, rows[1], 3, r1);
	assert_row(&st, rows[2], 3, r2);
	assert_row(&st, rows[3], 3, r3);
	/* The paragraphs around it stay out of it. */
	assert_true(has_para(&st, "ASISTENCIA"));
	assert_true(has_para(&st, "ACUERDOS"));
	stl_stext_release(&st);
}

/*
 * tabla_larga.pdf: a table over three pages, its header row repeated on
 * each and one row cut by a page break, is one table of 41 rows: the
 * repeated headers are dropped (they are no page headers either) and the
 * cut row is whole again.
 */
static void test_pdf_table_pages(void **state)
{
	static const char *const head[] = {
		"No.", "Acuerdo", "Responsable", "Fecha"
	};
	struct stl_stext st = STL_STEXT_INIT;
	const struct stl_block *rows[64];
	char num[8], text[128], date[16];
	const char *cells[4] = { num, text, "Secretaría", date };
	const char *why;
	int i;

	(void)state;
	assert_int_equal(run(ex_pdf, "tabla_larga.pdf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_int_equal(st.ntables, 1);
	assert_int_equal(table_rows(&st, 1, rows, 64), 41);
	assert_row(&st, rows[0], 4, head);
	for (i = 1; i <= 40; i++) {
		snprintf(num, sizeof(num), "%d", i);
		snprintf(text, sizeof(text), "Revisar el expediente número %d "
			 "del registro y remitir el informe a la comisión", i);
		snprintf(date, sizeof(date), "%d/05/2024", i % 28 + 1);
		assert_row(&st, rows[i], 4, cells);
	}
	assert_false(has_text(&st, "No. Acuerdo"));
	assert_true(has_para(&st, "Se levanta la sesión."));
	stl_stext_release(&st);
}

/* sin_relleno.pdf: a table without padding, its lines evenly spaced:
 * a row starts where the first column has text. */
static void test_pdf_table_tight(void **state)
{
	static const char *const r1[] = {
		"1", "Aprobar el acta de la sesión anterior sin enmiendas",
		"Secretaría"
	};
	static const char *const r3[] = {
		"3", "Publicar la convocatoria de las ayudas de rehabilitación "
		"de viviendas en el boletín", "Alcaldía"
	};
	struct stl_stext st = STL_STEXT_INIT;
	const struct stl_block *rows[8];
	const char *why;

	(void)state;
	assert_int_equal(run(ex_pdf, "sin_relleno.pdf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_int_equal(table_rows(&st, 1, rows, 8), 5);
	assert_row(&st, rows[0], 3, r1);
	assert_row(&st, rows[2], 3, r3);
	assert_true(has_para(&st, "Y no habiendo más asuntos que tratar, se "
			     "levanta la sesión a las trece horas del día "
			     "señalado."));
	stl_stext_release(&st);
}

/* List numbers set apart by a tab are their items' labels, each item
 * one paragraph in reading order (poppler gives "I." "II." "III." first,
 * then the three texts). */
static void test_pdf_labels(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;
	long i;

	(void)state;
	assert_int_equal(run(ex_pdf, "tabla.pdf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	i = find_para(&st, "ACUERDOS");
	assert_true(i >= 0);
	assert_item(&st, i + 1, "I.", "La secretaria enviará el borrador del "
		    "reglamento a todos los miembros del consejo antes del "
		    "día diez de abril.");
	assert_item(&st, i + 2, "II.", "Se aprueba el calendario de sesiones.");
	assert_item(&st, i + 3, "III.", "El director publicará la convocatoria "
		    "de ayudas para la conservación de archivos municipales en "
		    "el boletín de la provincia.");
	assert_false(has_para(&st, "I."));
	stl_stext_release(&st);
}

/* columnas.pdf: prose in two columns is read column after column, its
 * paragraphs whole and in order, and the paragraph after it last (the
 * gutter is no table column). */
static void test_pdf_columns(void **state)
{
	static const char *const starts[] = {
		"BOLETÍN INFORMATIVO", "El pleno del ayuntamiento aprobó",
		"La concejalía de cultura", "Los grupos municipales acordaron",
		"Por último, la alcaldía", "Se levanta la sesión",
	};
	struct stl_stext st = STL_STEXT_INIT;
	const struct stl_block *b;
	const char *why;
	size_t i;

	(void)state;
	assert_int_equal(run(ex_pdf, "columnas.pdf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 6);
	assert_int_equal(st.ntables, 0);
	for (i = 0; i < 6; i++) {
		b = &st.blocks[i];
		assert_true(b->line.len >= strlen(starts[i]));
		assert_memory_equal(st.text.buf + b->line.off, starts[i],
				    strlen(starts[i]));
	}
	assert_true(has_para(&st, "La concejalía de cultura presentó el "
			     "programa de actividades del verano, que "
			     "incluye conciertos en la plaza mayor, talleres "
			     "de lectura para niños y una exposición de "
			     "fotografía antigua cedida por los vecinos, "
			     "abierta hasta el final de septiembre."));
	stl_stext_release(&st);
}

/* A page turned a quarter reads as it does upright: poppler's rectangles
 * are the unrotated page's, where its lines run down. */
static void test_pdf_rotated(void **state)
{
	struct stl_stext up = STL_STEXT_INIT, turned = STL_STEXT_INIT;
	const char *why;

	(void)state;
	assert_int_equal(run(ex_pdf, "tabla.pdf", &limits, &up, &why),
			 STL_STATUS_SUCCESS);
	assert_int_equal(run(ex_pdf, "tabla_girada.pdf", &limits, &turned,
			     &why), STL_STATUS_SUCCESS);
	assert_int_equal(turned.nblocks, up.nblocks);
	assert_int_equal(turned.ntables, 1);
	assert_int_equal(turned.text.len, up.text.len);
	assert_memory_equal(turned.text.buf, up.text.buf, up.text.len);
	stl_stext_release(&up);
	stl_stext_release(&turned);
}

/* Text far apart on one baseline (a right tab stop) is two phrases. */
static void test_pdf_gap(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	assert_int_equal(run(ex_pdf, "tabla.pdf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_int_equal(find_para(&st, "Toledo, a 3 de marzo de 2024."), 0);
	assert_int_equal(find_para(&st, "Borrador para revisión"), 1);
	assert_int_equal(find_para(&st, "ASISTENCIA"), 2);
	assert_false(has_text(&st, "2024. Borrador"));
	stl_stext_release(&st);
}

/*
 * tests/data/formats/minuta.pdf: the attendee table, the labelled topics
 * and agreements (the list goes on over the page break), the text box
 * apart from the date line, the page header once and the footnote after
 * the body, out of the list.
 */
static void test_pdf_minuta(void **state)
{
	static const char *const r3[] = {
		"Adriana Yadira Cárdenas Tagle",
		"Directora General de Transparencia, Acceso a la Información "
		"Pública y Gobierno Abierto", "Infoem"
	};
	static const char *const header =
		"Secretariado Técnico Local de Gobierno Abierto";
	struct stl_stext st = STL_STEXT_INIT;
	const struct stl_block *rows[8], *b;
	const char *why;
	size_t n, k;
	long i;

	(void)state;
	assert_int_equal(run(ex_pdf, "../formats/minuta.pdf", &limits, &st,
			     &why), STL_STATUS_SUCCESS);
	assert_int_equal(table_rows(&st, 1, rows, 8), 5);
	assert_row(&st, rows[3], 3, r3);
	assert_int_equal(find_para(&st, header), 0);
	assert_true(has_para(&st, "Metepec a 24 de septiembre de 2020."));
	assert_true(has_para(&st, "Documento de trabajo"));
	i = find_para(&st, "TEMAS QUE ABORDARON");
	assert_item(&st, i + 3, "3.", "Presentación y en su caso, aprobación "
		    "de las minutas del Grupo Operativo del STL;");
	i = find_para(&st, "ACUERDOS");
	assert_item(&st, i + 1, "I.", "La titular de la Unidad de "
		    "Transparencia del IEEM enviará el documento de la hoja de "
		    "ruta a más tardar el 5 de octubre de 2020.");
	assert_int_equal(st.blocks[i + 2].label.len, 3);
	assert_int_equal(st.blocks[i + 3].label.len, 4);
	assert_item(&st, i + 4, "IV.", "Alfredo Burgos Cohl, Subjefe de "
		    "Transparencia del IEEM, coordinará la mesa de "
		    "participación, que se realizará el día 20 de octubre de "
		    "2020 a las 11:00 hrs.");
	assert_true(find_para(&st, "REUNIÓN DE SEGUIMIENTO") == i + 5);
	/* The footnote comes last; the header of page 2 is dropped. */
	b = &st.blocks[st.nblocks - 1];
	assert_true(block_has(&st, b, "1 El enlace a la sesión se envió"));
	for (n = 0, k = 0; k < st.nblocks; k++)
		n += st.blocks[k].line.len == strlen(header) &&
		     !memcmp(st.text.buf + st.blocks[k].line.off, header,
			     strlen(header));
	assert_int_equal(n, 1);
	stl_stext_release(&st);
}

static void test_pdf_encrypted(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	assert_int_not_equal(run(ex_pdf, "cifrado.pdf", &limits, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why,
			    "PDF cifrado: se necesita la contraseña para leerlo");
	stl_stext_release(&st);
}

static void test_pdf_damaged(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why = NULL;
	size_t len;
	char *buf = input("acta.pdf", &len);

	(void)state;
	/* The first 400 bytes: a header and no pages. */
	assert_int_not_equal(ex_pdf(buf, 400, &limits, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why, "PDF dañado o incompleto");
	assert_int_not_equal(ex_pdf("%PDF-1.4\nbasura", 15, &limits, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why, "PDF dañado o incompleto");
	free(buf);
	stl_stext_release(&st);
}

/*
 * Poppler's own complaints about a damaged file (English, through g_log)
 * reach neither stderr nor stdout (where GLib prints messages of level
 * info, and where stlextract writes its answer), even with
 * G_MESSAGES_DEBUG set.
 */
static void test_pdf_quiet(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why = NULL;
	FILE *out = tmpfile();
	size_t len;
	char *buf = input("acta.pdf", &len), *stream;
	int saved1, saved2;

	(void)state;
	assert_non_null(out);
	stream = strstr(buf, "stream");
	assert_non_null(stream);
	assert_true(stream + 500 < buf + len);
	memset(stream + 300, 'G', 140);
	fflush(stdout);
	fflush(stderr);
	saved1 = dup(1);
	saved2 = dup(2);
	assert_true(saved1 >= 0 && saved2 >= 0);
	assert_true(dup2(fileno(out), 1) >= 0 && dup2(fileno(out), 2) >= 0);
	/* GLib prints poppler's messages (level info) only when asked. */
	setenv("G_MESSAGES_DEBUG", "all", 1);
	ex_pdf(buf, len, &limits, &st, &why);
	unsetenv("G_MESSAGES_DEBUG");
	fflush(stdout);
	fflush(stderr);
	assert_true(dup2(saved1, 1) >= 0 && dup2(saved2, 2) >= 0);
	close(saved1);
	close(saved2);
	assert_int_equal(lseek(fileno(out), 0, SEEK_END), 0);
	fclose(out);
	free(buf);
	stl_stext_release(&st);
}

static void test_pdf_no_text(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	assert_int_equal(run(ex_pdf, "sin_texto.pdf", &limits, &st, &why),
			 STL_STATUS_NOT_FOUND);
	assert_string_equal(why, "PDF sin capa de texto (imagen escaneada): "
			    "no se pudo leer texto");
	stl_stext_release(&st);
}

static void test_pdf_limit(void **state)
{
	struct ex_limits lim = limits;
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	lim.text = 200;
	assert_int_not_equal(run(ex_pdf, "acta.pdf", &lim, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why, "el texto extraído excede el límite de tamaño");
	stl_stext_release(&st);
}

/* ---- doc and rtf --------------------------------------------------------- */

/* antiword drops Word's automatic list numbers: the text stays. */
static void test_doc(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	assert_int_equal(run(ex_doc, "acta.doc", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_common(&st);
	assert_true(has_para(&st, AGREEMENT_1));
	assert_true(has_para(&st, "Votos a favor: once."));
	assert_table(&st);
	stl_stext_release(&st);
}

/* unrtf keeps the labels, the title and the creation date. */
static void test_rtf(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	assert_int_equal(run(ex_rtf, "acta.rtf", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_common(&st);
	assert_true(has_para(&st, "1. " AGREEMENT_1));
	assert_true(has_para(&st, "• Votos a favor: once."));
	assert_table(&st);
	assert_non_null(st.title);
	assert_string_equal(st.title, "Acta del Pleno de marzo");
	assert_string_equal(st.date, "2024-03-14");
	stl_stext_release(&st);
}

static void test_rtf_limit(void **state)
{
	struct ex_limits lim = limits;
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	lim.text = 100;
	assert_int_not_equal(run(ex_rtf, "acta.rtf", &lim, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why, "el texto extraído excede el límite de tamaño");
	stl_stext_release(&st);
}

/* A folder for fake tools, which PATH then points to alone. */
struct fake_path {
	char dir[4096];
	char *old_path;
};

static void fake_path_begin(struct fake_path *fp, const char *tool,
			    const char *script)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096 + 64];
	FILE *f;

	snprintf(fp->dir, sizeof(fp->dir), "%s/test_extract_pdf-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(fp->dir));
	if (tool) {
		snprintf(path, sizeof(path), "%s/%s", fp->dir, tool);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(script, f);
		fclose(f);
		assert_int_equal(chmod(path, 0755), 0);
	}
	fp->old_path = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	assert_non_null(fp->old_path);
	setenv("PATH", fp->dir, 1);
}

static void fake_path_end(struct fake_path *fp)
{
	setenv("PATH", fp->old_path, 1);
	free(fp->old_path);
	assert_int_equal(test_remove_tree(fp->dir), 0);
}

static void test_doc_missing_tool(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	struct fake_path fp;
	const char *why;

	(void)state;
	fake_path_begin(&fp, NULL, NULL);
	assert_int_not_equal(run(ex_doc, "acta.doc", &limits, &st, &why),
			     STL_STATUS_SUCCESS);
	fake_path_end(&fp);
	assert_string_equal(why, "falta el programa 'antiword' (paquete "
			    "antiword de Debian)");
	stl_stext_release(&st);
}

/* A tool that hangs is killed after lim->cpu_seconds, its children too
 * (the script's sleep holds the pipe open). */
static void test_doc_timeout(void **state)
{
	struct ex_limits lim = limits;
	struct stl_stext st = STL_STEXT_INIT;
	struct fake_path fp;
	const char *why;
	time_t t0;

	(void)state;
	lim.cpu_seconds = 1;
	fake_path_begin(&fp, "antiword", "#!/bin/sh\necho parcial\n/bin/sleep 30\n");
	t0 = time(NULL);
	assert_int_not_equal(run(ex_doc, "acta.doc", &lim, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_true(time(NULL) - t0 < 10);
	fake_path_end(&fp);
	assert_string_equal(why, "la conversión tardó demasiado y se detuvo");
	stl_stext_release(&st);
}

/* A tool that fails says the document is damaged, in Spanish. */
static void test_doc_not_word(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why = NULL;

	(void)state;
	assert_int_not_equal(ex_doc("no es un documento", 18, &limits, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_non_null(why);
	assert_non_null(strstr(why, "antiword"));
	stl_stext_release(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_paragraphs),
		cmocka_unit_test(test_pdf_two_pages),
		cmocka_unit_test(test_pdf_table),
		cmocka_unit_test(test_pdf_table_pages),
		cmocka_unit_test(test_pdf_table_tight),
		cmocka_unit_test(test_pdf_labels),
		cmocka_unit_test(test_pdf_gap),
		cmocka_unit_test(test_pdf_rotated),
		cmocka_unit_test(test_pdf_columns),
		cmocka_unit_test(test_pdf_minuta),
		cmocka_unit_test(test_pdf_encrypted),
		cmocka_unit_test(test_pdf_damaged),
		cmocka_unit_test(test_pdf_quiet),
		cmocka_unit_test(test_pdf_no_text),
		cmocka_unit_test(test_pdf_limit),
		cmocka_unit_test(test_doc),
		cmocka_unit_test(test_rtf),
		cmocka_unit_test(test_rtf_limit),
		cmocka_unit_test(test_doc_missing_tool),
		cmocka_unit_test(test_doc_timeout),
		cmocka_unit_test(test_doc_not_word),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
