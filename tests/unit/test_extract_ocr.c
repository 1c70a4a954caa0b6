/*
 * test_extract_ocr.c - the OCR reader (extractor/ocr.c) on the fixtures
 * of tests/data/ocr/ (make.sh there): the formats' names and signatures,
 * a photographed minute read, a page over its time limit left out with
 * a warning while the rest is read, OCR turned off, a damaged image, no
 * Spanish model.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "testutil.h"

static struct ex_limits limits = {
	EX_DEFAULT_ENTRY_SIZE, EX_DEFAULT_RATIO, EX_DEFAULT_ENTRIES,
	EX_DEFAULT_TEXT, 60, 0, 60, NULL, NULL,
};

static unsigned progress_calls, last_done, last_total;
static char warnings[1024];

static void on_progress(unsigned done, unsigned total)
{
	progress_calls++;
	last_done = done;
	last_total = total;
}

static void on_warning(const char *w)
{
	size_t n = strlen(warnings);

	snprintf(warnings + n, sizeof(warnings) - n, "%s\n", w);
}

static char *input(const char *name, size_t *len)
{
	const char *dir = getenv("STL_TEST_DATA");
	char path[4096];
	char *buf;

	snprintf(path, sizeof(path), "%s/ocr/%s", dir ? dir : "tests/data", name);
	buf = test_slurp(path, len);
	if (!buf)
		fail_msg("cannot read %s", path);
	return buf;
}

static stl_status_t read_image(const char *name, const struct ex_limits *lim,
			       struct stl_stext *st, const char **why)
{
	size_t len;
	char *buf = input(name, &len);
	stl_status_t ret;

	*why = NULL;
	progress_calls = 0;
	warnings[0] = '\0';
	ret = ex_image(buf, len, lim, st, why);
	free(buf);
	return ret;
}

static void test_formats(void **state)
{
	(void)state;
	assert_int_equal(stl_format_of_extension("png"), STL_FORMAT_PNG);
	assert_int_equal(stl_format_of_extension("JPG"), STL_FORMAT_JPG);
	assert_int_equal(stl_format_of_extension("jpeg"), STL_FORMAT_JPG);
	assert_int_equal(stl_format_of_extension("Tif"), STL_FORMAT_TIFF);
	assert_int_equal(stl_format_of_extension("tiff"), STL_FORMAT_TIFF);
	assert_string_equal(stl_format_name(STL_FORMAT_JPG), "jpg");
	assert_string_equal(stl_format_name(STL_FORMAT_TIFF), "tiff");
	assert_int_equal(stl_format_parse("jpeg"), STL_NFORMATS);
	assert_int_equal(ex_sniff("\x89PNG\r\n\x1a\n....", 12, EX_JPG), EX_PNG);
	assert_int_equal(ex_sniff("\xff\xd8\xff\xe0....", 8, EX_PNG), EX_JPG);
	assert_int_equal(ex_sniff("II*\0....", 8, EX_PNG), EX_TIFF);
	assert_int_equal(ex_sniff("MM\0*....", 8, EX_PNG), EX_TIFF);
	/* a .jpg that is a PDF is read as a PDF */
	assert_int_equal(ex_sniff("%PDF-1.4\n", 9, EX_JPG), EX_PDF);
}

static void test_photo(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	assert_int_equal(read_image("foto-150.jpg", &limits, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_non_null(strstr(st.text.buf, "Daniel Rosemberg Cervantes Pérez"));
	assert_non_null(strstr(st.text.buf, "ACUERDOS"));
	assert_non_null(strstr(st.text.buf, "24 de septiembre de 2020"));
	/* one line a paragraph, no blank ones */
	assert_null(strstr(st.text.buf, "\n\n"));
	assert_true(st.nblocks > 30);
	assert_true(st.ocr_confidence >= 50 && st.ocr_confidence <= 100);
	assert_int_equal(last_done, 1);
	assert_int_equal(last_total, 1);
	assert_int_equal(progress_calls, 2);	/* 0 of 1, 1 of 1 */
	assert_string_equal(warnings, "");
	stl_stext_release(&st);
}

/* Page 1 of the TIFF is six pages wide: over a 1 s limit; page 2 is the
 * minute's first lines and is read. */
static void test_page_limit(void **state)
{
	struct ex_limits lim = limits;
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	lim.ocr_seconds = 1;
	assert_int_equal(read_image("dos-paginas.tif", &lim, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_string_equal(warnings,
			    "página 1: el OCR excedió el límite de 1 s y se omitió\n");
	assert_non_null(strstr(st.text.buf, "Metepec a 24 de septiembre"));
	assert_null(strstr(st.text.buf, "ACUERDOS"));
	assert_int_equal(last_done, 2);
	assert_int_equal(last_total, 2);
	stl_stext_release(&st);
}

static void test_off_and_damaged(void **state)
{
	struct ex_limits lim = limits;
	struct stl_stext st = STL_STEXT_INIT;
	const char *why = NULL;
	static const char bad[] = "\x89PNG\r\n\x1a\nnada de imagen aquí";

	(void)state;
	lim.ocr_seconds = 0;
	assert_int_equal(read_image("foto-150.jpg", &lim, &st, &why),
			 STL_STATUS_NOT_FOUND);
	assert_non_null(strstr(why, "--sin-ocr"));
	assert_int_equal(st.nblocks, 0);
	why = NULL;
	assert_int_equal(ex_image(bad, sizeof(bad) - 1, &limits, &st, &why),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_non_null(why);
	assert_null(strstr(why, "error"));
	stl_stext_release(&st);
}

/* Last: it changes the environment. */
static void test_no_model(void **state)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why;

	(void)state;
	setenv("TESSDATA_PREFIX", "/nonexistent/tessdata", 1);
	assert_int_equal(read_image("foto-150.jpg", &limits, &st, &why),
			 STL_STATUS_NOT_FOUND);
	assert_string_equal(why, STL_OCR_NO_MODEL);
	unsetenv("TESSDATA_PREFIX");
	stl_stext_release(&st);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_photo),
		cmocka_unit_test(test_page_limit),
		cmocka_unit_test(test_off_and_damaged),
		cmocka_unit_test(test_no_model),
	};

	(void)argc;
	/* As stlextract does (extractor/main.c): OpenMP's spinning threads
	 * would triple the time. */
	if (!getenv("OMP_THREAD_LIMIT") && setenv("OMP_THREAD_LIMIT", "1", 1) == 0)
		execv("/proc/self/exe", argv);
	limits.progress = on_progress;
	limits.warning = on_warning;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
