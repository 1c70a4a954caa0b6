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
	EX_DEFAULT_TEXT, 20, 0,
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

/* Whether some paragraph of @st is exactly @line. */
static bool has_para(const struct stl_stext *st, const char *line)
{
	size_t i, n = strlen(line);

	for (i = 0; i < st->nblocks; i++) {
		const struct stl_block *b = &st->blocks[i];

		if (b->kind == STL_BLOCK_PARA && b->line.len == n &&
		    !memcmp(st->text.buf + b->line.off, line, n))
			return true;
	}
	return false;
}

static bool cell_is(const struct stl_stext *st, const struct stl_block *b,
		    size_t i, const char *text)
{
	const struct stl_span *c = &st->cells[b->cell + i];

	return c->len == strlen(text) &&
	       !memcmp(st->text.buf + c->off, text, c->len);
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
