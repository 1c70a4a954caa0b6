/*
 * fuzz_extract.c - harness (5): arbitrary bytes through the .docx, .odt
 * and PDF readers of stlextract (libzip + libxml2, poppler-glib), as a
 * hostile file would reach them, then through the line format stlindex
 * reads the answer in; an RTF through the pass that accepts its tracked
 * changes (unrtf itself is another program's parser).
 *
 * Invariants: a reader either succeeds or gives a reason; what it gives
 * stays under the text limit (plus one paragraph); written in the line
 * format and read back, the structured text has the same blocks and the
 * same plain text.
 */
#include <string.h>

#include "extract.h"
#include "fuzz.h"

static const struct ex_limits limits = {
	1u << 20, 200, 200, 1u << 16, 0, 0, 0, NULL, NULL,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void roundtrip(const struct stl_stext *st)
{
	struct stl_stext back = STL_STEXT_INIT;
	struct stl_strbuf line = STL_STRBUF_INIT;

	FUZZ_CHECK(stl_stext_write(st, &line) == STL_STATUS_SUCCESS);
	FUZZ_CHECK(stl_stext_read(&back, line.buf, line.len) ==
		   STL_STATUS_SUCCESS);
	FUZZ_CHECK(back.nblocks == st->nblocks);
	FUZZ_CHECK(back.text.len == st->text.len);
	FUZZ_CHECK(!memcmp(back.text.buf, st->text.buf, st->text.len));
	stl_stext_release(&back);
	stl_strbuf_release(&line);
}

/* The revision pass never fails on any bytes and never grows them. */
static int rtf(const char *bytes, size_t size)
{
	struct stl_strbuf out = STL_STRBUF_INIT;

	FUZZ_CHECK(ex_rtf_accept(bytes, size, &out) == STL_STATUS_SUCCESS);
	FUZZ_CHECK(out.len <= size);
	stl_strbuf_release(&out);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *bytes = (const char *)data, *why = NULL;
	enum ex_format f;
	stl_status_t ret;

	f = ex_sniff(bytes, size, EX_DOCX);
	if (f == EX_DOCX)
		ret = ex_docx(bytes, size, &limits, &st, &why);
	else if (f == EX_ODT)
		ret = ex_odt(bytes, size, &limits, &st, &why);
	else if (f == EX_PDF)
		ret = ex_pdf(bytes, size, &limits, &st, &why);
	else if (f == EX_RTF)
		return rtf(bytes, size);
	else
		return 0;	/* .doc is another program's parser */
	if (ret != STL_STATUS_SUCCESS)
		FUZZ_CHECK(why && *why);
	else
		roundtrip(&st);
	stl_stext_release(&st);
	return 0;
}
