/*
 * test_extract_docx.c - the .docx and .odt readers (extractor/docx.c,
 * odt.c) and format sniffing (format.c) on small files built here with
 * libzip from XML strings: paragraphs, tables, list labels (formats,
 * overrides, restarts, styles), tracked changes, text boxes, field codes,
 * headers, notes, and the limits (entries, ratio, sizes, damaged files).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "extract.h"
#include "stl/stext.h"

/* ---- building zips ----------------------------------------------------------- */

struct entry {
	const char *name;
	const char *data;	/* NULL ends a list */
	size_t len;		/* 0: strlen(data) */
	bool store;		/* not compressed */
};

/* The zip of @e, malloc'ed, its size in *@len. */
static char *make_zip(const struct entry *e, size_t *len)
{
	zip_source_t *src, *fs;
	zip_stat_t zs;
	zip_error_t err;
	zip_int64_t idx;
	char *buf;
	zip_t *za;

	zip_error_init(&err);
	src = zip_source_buffer_create(NULL, 0, 0, &err);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (; e->data; e++) {
		size_t n = e->len ? e->len : strlen(e->data);

		fs = zip_source_buffer(za, e->data, n, 0);
		assert_non_null(fs);
		idx = zip_file_add(za, e->name, fs, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		if (e->store)
			zip_set_file_compression(za, (zip_uint64_t)idx,
						 ZIP_CM_STORE, 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &zs), 0);
	assert_int_equal(zip_source_open(src), 0);
	buf = malloc(zs.size ? zs.size : 1);
	assert_non_null(buf);
	assert_int_equal(zip_source_read(src, buf, zs.size), (zip_int64_t)zs.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
	*len = zs.size;
	return buf;
}

static const struct ex_limits LIMITS = {
	EX_DEFAULT_ENTRY_SIZE, EX_DEFAULT_RATIO, EX_DEFAULT_ENTRIES,
	EX_DEFAULT_TEXT, EX_DEFAULT_CPU_SECONDS, EX_DEFAULT_MEMORY_MIB, 0, NULL, NULL,
};

typedef stl_status_t (*reader_fn)(const char *, size_t,
				  const struct ex_limits *, struct stl_stext *,
				  const char **);

/* Read the zip of @e with @fn into @st; the status, *@why on failure. */
static stl_status_t read_zip(reader_fn fn, const struct entry *e,
			     const struct ex_limits *lim, struct stl_stext *st,
			     const char **why)
{
	size_t len;
	char *zip = make_zip(e, &len);
	stl_status_t ret;

	*why = NULL;
	stl_stext_init(st);
	ret = fn(zip, len, lim, st, why);
	free(zip);
	return ret;
}

/* ---- checking blocks --------------------------------------------------------- */

static void dump(const struct stl_stext *st)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	stl_stext_write(st, &sb);
	print_message("%s", sb.buf);
	stl_strbuf_release(&sb);
}

static void check_para(const struct stl_stext *st, size_t i, const char *label,
		       const char *text, unsigned level)
{
	const struct stl_block *b;
	size_t off, len;

	if (i >= st->nblocks)
		dump(st);
	assert_true(i < st->nblocks);
	b = &st->blocks[i];
	if (b->kind != STL_BLOCK_PARA)
		dump(st);
	assert_int_equal(b->kind, STL_BLOCK_PARA);
	off = b->line.off;
	len = b->line.len;
	if (b->label.len) {
		off = b->label.off + b->label.len + 1;
		len = b->line.off + b->line.len - off;
	}
	if (b->label.len != strlen(label) ||
	    memcmp(st->text.buf + b->label.off, label, b->label.len) ||
	    len != strlen(text) || memcmp(st->text.buf + off, text, len) ||
	    b->level != level) {
		print_message("block %zu: want P%u [%s] [%s]\n", i, level, label,
			      text);
		dump(st);
		fail();
	}
}

/* Row @i has the cells given, NULL-terminated. */
static void check_row(const struct stl_stext *st, size_t i, ...)
{
	const struct stl_block *b;
	const char *want;
	size_t k = 0;
	va_list ap;

	assert_true(i < st->nblocks);
	b = &st->blocks[i];
	if (b->kind != STL_BLOCK_ROW)
		dump(st);
	assert_int_equal(b->kind, STL_BLOCK_ROW);
	va_start(ap, i);
	while ((want = va_arg(ap, const char *))) {
		const struct stl_span *c;

		assert_true(k < b->ncells);
		c = &st->cells[b->cell + k++];
		if (c->len != strlen(want) ||
		    memcmp(st->text.buf + c->off, want, c->len)) {
			print_message("row %zu cell %zu: want [%s]\n", i, k - 1,
				      want);
			dump(st);
			fail();
		}
	}
	va_end(ap);
	assert_int_equal(b->ncells, k);
}

/* ---- .docx -------------------------------------------------------------------- */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DOC(body)                                                             \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"       \
	"<w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"" MC_NS "\" "            \
	"xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/"         \
	"wordprocessingShape\"><w:body>" body "<w:sectPr/></w:body></w:document>"
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define NP(num, lvl, text)                                                   \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" \
	#num "\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define LVL(i, start, fmt, text)                                             \
	"<w:lvl w:ilvl=\"" #i "\"><w:start w:val=\"" #start "\"/>"          \
	"<w:numFmt w:val=\"" fmt "\"/><w:lvlText w:val=\"" text "\"/></w:lvl>"

static stl_status_t read_docx(const char *document, const char *numbering,
			      const char *styles, struct stl_stext *st)
{
	struct entry e[4] = { { "word/document.xml", document, 0, false } };
	const char *why;
	size_t n = 1;

	if (numbering)
		e[n++] = (struct entry){ "word/numbering.xml", numbering, 0, false };
	if (styles)
		e[n++] = (struct entry){ "word/styles.xml", styles, 0, false };
	e[n] = (struct entry){ NULL, NULL, 0, false };
	return read_zip(ex_docx, e, &LIMITS, st, &why);
}

static void docx_text(void **state)
{
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_docx(DOC(P("Primero") "<w:p/>"
			      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"1\"/>"
			      "</w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/>"
			      "<w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t>"
			      "<w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/>"
			      "<w:t>f</w:t><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/>"
			      "</w:r></w:p>"
			      "<w:p><w:hyperlink><w:r><w:t>Enlace</w:t></w:r>"
			      "</w:hyperlink><w:r><w:t xml:space=\"preserve\"> "
			      "y más</w:t></w:r></w:p>"),
			  NULL, NULL, &st),
		STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 4);
	check_para(&st, 0, "", "Primero", 0);
	check_para(&st, 1, "", "", 0);
	check_para(&st, 2, "", "a b c d-ef", 0);
	check_para(&st, 3, "", "Enlace y más", 0);
	stl_stext_release(&st);
}

static const char NUMBERING[] =
	"<w:numbering xmlns:w=\"" W_NS "\">"
	"<w:abstractNum w:abstractNumId=\"0\">"
	LVL(0, 1, "upperRoman", "%1.")
	LVL(1, 1, "decimal", "%1.%2.")
	LVL(2, 1, "lowerLetter", "%3)")
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"1\">"
	LVL(0, 1, "bullet", "\xef\x82\xb7")
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"2\">"
	LVL(0, 1, "decimal", "%1.")
	"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:lvlRestart w:val=\"0\"/>"
	"<w:numFmt w:val=\"upperLetter\"/><w:lvlText w:val=\"%2.\"/></w:lvl>"
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"3\">"
	LVL(0, 5, "decimal", "Art. %1")
	LVL(1, 1, "lowerRoman", "(%2)")
	"</w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
	"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
	"<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/>"
	"<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride>"
	"</w:num>"
	"<w:num w:numId=\"5\"><w:abstractNumId w:val=\"3\"/>"
	"<w:lvlOverride w:ilvl=\"1\">" LVL(1, 3, "decimal", "%1-%2") "</w:lvlOverride>"
	"</w:num>"
	"<w:num w:numId=\"6\"><w:abstractNumId w:val=\"0\"/></w:num>"
	"</w:numbering>";

static void docx_numbering(void **state)
{
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_docx(DOC(NP(1, 0, "Uno") NP(1, 0, "Dos") NP(1, 1, "Dos.uno")
			      NP(1, 1, "Dos.dos") NP(1, 2, "letra") NP(1, 2, "otra")
			      NP(1, 0, "Tres") NP(1, 1, "Tres.uno")
			      NP(2, 0, "viñeta") P("suelto") NP(0, 0, "sin número")
			      NP(4, 0, "de nuevo") NP(6, 0, "sigue")
			      NP(3, 0, "a") NP(3, 1, "b") NP(3, 0, "c")
			      NP(3, 1, "d") NP(5, 0, "art") NP(5, 1, "sub")
			      NP(9, 0, "no existe")),
			  NUMBERING, NULL, &st),
		STL_STATUS_SUCCESS);
	check_para(&st, 0, "I.", "Uno", 0);
	check_para(&st, 1, "II.", "Dos", 0);
	check_para(&st, 2, "II.1.", "Dos.uno", 1);
	check_para(&st, 3, "II.2.", "Dos.dos", 1);
	check_para(&st, 4, "a)", "letra", 2);
	check_para(&st, 5, "b)", "otra", 2);
	check_para(&st, 6, "III.", "Tres", 0);
	check_para(&st, 7, "III.1.", "Tres.uno", 1);
	check_para(&st, 8, "•", "viñeta", 0);
	check_para(&st, 9, "", "suelto", 0);
	check_para(&st, 10, "", "sin número", 0);
	/* an override restarts; a plain w:num of the same abstract goes on
	 * (LibreOffice writes a list so: the first item's w:num overrides) */
	check_para(&st, 11, "I.", "de nuevo", 0);
	check_para(&st, 12, "II.", "sigue", 0);
	/* w:lvlRestart 0: the letters go on after the next number */
	check_para(&st, 13, "1.", "a", 0);
	check_para(&st, 14, "A.", "b", 1);
	check_para(&st, 15, "2.", "c", 0);
	check_para(&st, 16, "B.", "d", 1);
	/* w:start 5, and a level redefined by the w:num */
	check_para(&st, 17, "Art. 5", "art", 0);
	check_para(&st, 18, "5-3", "sub", 1);
	check_para(&st, 19, "", "no existe", 0);
	stl_stext_release(&st);
}

static void docx_style_numbering(void **state)
{
	static const char styles[] =
		"<w:styles xmlns:w=\"" W_NS "\">"
		"<w:style w:type=\"paragraph\" w:styleId=\"Base\">"
		"<w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Punto\">"
		"<w:basedOn w:val=\"Base\"/></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Sub\">"
		"<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/>"
		"</w:numPr></w:pPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Cambio\">"
		"<w:pPr><w:pPrChange><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
		"</w:numPr></w:pPr></w:pPrChange></w:pPr></w:style>"
		"</w:styles>";
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_docx(DOC("<w:p><w:pPr><w:pStyle w:val=\"Punto\"/></w:pPr>"
			      "<w:r><w:t>uno</w:t></w:r></w:p>"
			      "<w:p><w:pPr><w:pStyle w:val=\"Sub\"/></w:pPr>"
			      "<w:r><w:t>sub</w:t></w:r></w:p>"
			      "<w:p><w:pPr><w:pStyle w:val=\"Punto\"/><w:numPr>"
			      "<w:numId w:val=\"0\"/></w:numPr></w:pPr>"
			      "<w:r><w:t>quitado</w:t></w:r></w:p>"
			      "<w:p><w:pPr><w:pStyle w:val=\"Punto\"/></w:pPr>"
			      "<w:r><w:t>dos</w:t></w:r></w:p>"
			      "<w:p><w:pPr><w:pStyle w:val=\"Cambio\"/><w:pPrChange>"
			      "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr>"
			      "</w:pPr></w:pPrChange></w:pPr>"
			      "<w:r><w:t>antes numerado</w:t></w:r></w:p>"),
			  NUMBERING, styles, &st),
		STL_STATUS_SUCCESS);
	check_para(&st, 0, "1.", "uno", 0);
	check_para(&st, 1, "A.", "sub", 1);
	check_para(&st, 2, "", "quitado", 0);
	check_para(&st, 3, "2.", "dos", 0);
	check_para(&st, 4, "", "antes numerado", 0);
	stl_stext_release(&st);
}

static void docx_changes_fields(void **state)
{
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_docx(DOC("<w:p><w:r><w:t xml:space=\"preserve\">Se </w:t></w:r>"
			      "<w:del w:id=\"1\"><w:r><w:delText>rechaza</w:delText>"
			      "</w:r></w:del><w:ins w:id=\"2\"><w:r><w:t>aprueba"
			      "</w:t></w:r></w:ins><w:moveFrom><w:r><w:t> viejo"
			      "</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t> ya"
			      "</w:t></w:r></w:moveTo></w:p>"
			      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
			      "<w:r><w:instrText> PAGE </w:instrText></w:r>"
			      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
			      "<w:r><w:t>7</w:t></w:r><w:r><w:fldChar "
			      "w:fldCharType=\"end\"/></w:r><w:fldSimple "
			      "w:instr=\" DATE \"><w:r><w:t> hoy</w:t></w:r>"
			      "</w:fldSimple></w:p>"),
			  NULL, NULL, &st),
		STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 2);
	check_para(&st, 0, "", "Se aprueba ya", 0);
	check_para(&st, 1, "", "7 hoy", 0);
	stl_stext_release(&st);
}

#define TXBX(text) "<w:txbxContent>" P(text) "</w:txbxContent>"

static void docx_text_box(void **state)
{
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_docx(DOC("<w:p><w:r><w:t>Ancla</w:t></w:r><w:r>"
			      "<mc:AlternateContent><mc:Choice Requires=\"wps\">"
			      "<w:drawing><wps:txbx>" TXBX("Caja")
			      "</wps:txbx></w:drawing></mc:Choice><mc:Fallback>"
			      "<w:pict>" TXBX("Caja") "</w:pict></mc:Fallback>"
			      "</mc:AlternateContent></w:r>"
			      "<w:r><w:t xml:space=\"preserve\"> final</w:t>"
			      "</w:r></w:p>"
			      "<w:p><w:r><mc:AlternateContent><mc:Fallback>"
			      "<w:t>solo fallback</w:t></mc:Fallback>"
			      "</mc:AlternateContent></w:r></w:p>"),
			  NULL, NULL, &st),
		STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 3);
	check_para(&st, 0, "", "Caja", 0);
	check_para(&st, 1, "", "Ancla final", 0);
	check_para(&st, 2, "", "solo fallback", 0);
	stl_stext_release(&st);
}

#define TC(x) "<w:tc><w:tcPr/>" x "</w:tc>"

static void docx_tables(void **state)
{
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_docx(DOC(P("antes")
			      "<w:tbl><w:tblPr/><w:tr>" TC(P("Nombre")) TC(P("Cargo"))
			      "</w:tr><w:tr>" TC(P("Ana") P("Pérez"))
			      TC("<w:tbl><w:tr>" TC(P("a")) TC(P("b"))
				 "</w:tr><w:tr>" TC(P("c")) "</w:tr></w:tbl>" P("d"))
			      "</w:tr><w:tr>" TC("<w:p/>") TC(NP(2, 0, "x"))
			      "</w:tr></w:tbl>" P("después")),
			  NUMBERING, NULL, &st),
		STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 5);
	check_para(&st, 0, "", "antes", 0);
	check_row(&st, 1, "Nombre", "Cargo", NULL);
	check_row(&st, 2, "Ana Pérez", "a b c d", NULL);
	check_row(&st, 3, "", "• x", NULL);
	check_para(&st, 4, "", "después", 0);
	assert_int_equal(st.blocks[1].table, 1);
	assert_int_equal(st.blocks[3].table, 1);
	stl_stext_release(&st);
}

#define HDR(tag, body)                                                       \
	"<w:" tag " xmlns:w=\"" W_NS "\">" body "</w:" tag ">"

static void docx_stories(void **state)
{
	static const char notes[] =
		"<w:footnotes xmlns:w=\"" W_NS "\">"
		"<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r>"
		"<w:separator/><w:t>sep</w:t></w:r></w:p></w:footnote>"
		"<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p>"
		"<w:r><w:t>cont</w:t></w:r></w:p></w:footnote>"
		"<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r>"
		"<w:t xml:space=\"preserve\"> Nota uno.</w:t></w:r></w:p>"
		"</w:footnote></w:footnotes>";
	const struct entry e[] = {
		{ "word/document.xml",
		  DOC("<w:p><w:r><w:t>Cuerpo</w:t></w:r><w:r>"
		      "<w:footnoteReference w:id=\"1\"/></w:r></w:p>"),
		  0, false },
		{ "word/header2.xml", HDR("hdr", P("Ayuntamiento") "<w:p/>"), 0, false },
		{ "word/header10.xml", HDR("hdr", P("Otra")), 0, false },
		{ "word/header1.xml", HDR("hdr", P("Ayuntamiento")), 0, false },
		{ "word/footer1.xml", HDR("ftr", P("Pie")), 0, false },
		{ "word/footnotes.xml", notes, 0, false },
		{ NULL, NULL, 0, false },
	};
	struct stl_stext st;
	const char *why;

	(void)state;
	assert_int_equal(read_zip(ex_docx, e, &LIMITS, &st, &why),
			 STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 5);
	check_para(&st, 0, "", "Ayuntamiento", 0);
	check_para(&st, 1, "", "Otra", 0);
	check_para(&st, 2, "", "Cuerpo", 0);
	check_para(&st, 3, "", " Nota uno.", 0);
	check_para(&st, 4, "", "Pie", 0);
	stl_stext_release(&st);
}

/* ---- limits and damaged files -------------------------------------------------- */

#define WHY_BOMB "el archivo comprimido excede los límites de seguridad (posible bomba zip)"

static void expect_fail(reader_fn fn, const struct entry *e,
			const struct ex_limits *lim, const char *why_want)
{
	struct stl_stext st;
	const char *why;

	assert_int_not_equal(read_zip(fn, e, lim, &st, &why), STL_STATUS_SUCCESS);
	assert_non_null(why);
	assert_string_equal(why, why_want);
	stl_stext_release(&st);
}

static void docx_limits(void **state)
{
	struct ex_limits lim = LIMITS;
	const size_t big = 2u << 20;
	char *zeros = calloc(1, big);
	struct entry e[] = {
		{ "word/document.xml", DOC(P("Uno") P("Dos") P("Tres")), 0, false },
		{ "a", "x", 0, false },
		{ "b", "y", 0, false },
		{ NULL, NULL, 0, false },
	};

	(void)state;
	assert_non_null(zeros);
	lim.entries = 2;
	expect_fail(ex_docx, e, &lim, WHY_BOMB);
	lim = LIMITS;
	lim.text = 10;
	expect_fail(ex_docx, e, &lim, "el texto extraído excede el límite de tamaño");
	lim = LIMITS;
	lim.entry_size = 100;
	expect_fail(ex_docx, e, &lim, WHY_BOMB);
	/* 2 MiB of zeros inflate from a few kilobytes: far past 200:1 */
	e[1] = (struct entry){ "word/numbering.xml", zeros, big, false };
	expect_fail(ex_docx, e, &LIMITS, WHY_BOMB);
	/* stored, the same entry is merely big (and not XML: ignored) */
	e[1].store = true;
	{
		struct stl_stext st;
		const char *why;

		assert_int_equal(read_zip(ex_docx, e, &LIMITS, &st, &why),
				 STL_STATUS_SUCCESS);
		check_para(&st, 2, "", "Tres", 0);
		stl_stext_release(&st);
	}
	free(zeros);
}

static void docx_damaged(void **state)
{
	const struct entry good[] = {
		{ "word/document.xml", DOC(P("Uno") P("Dos")), 0, false },
		{ NULL, NULL, 0, false },
	};
	const struct entry broken[] = {
		{ "word/document.xml", "<w:document xmlns:w=\"" W_NS "\"><w:body>"
		  "<w:p><w:r><w:t>a</w:t></w:r>", 0, false },
		{ NULL, NULL, 0, false },
	};
	const struct entry other[] = {
		{ "content.xml", "<x/>", 0, false },
		{ NULL, NULL, 0, false },
	};
	struct stl_stext st = STL_STEXT_INIT;
	const char *why = NULL;
	size_t len;
	char *zip = make_zip(good, &len);

	(void)state;
	assert_int_not_equal(ex_docx(zip, len / 2, &LIMITS, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why, "archivo .docx dañado o incompleto");
	stl_stext_release(&st);
	/* a flipped byte in the compressed data fails its CRC */
	zip[30 + (zip[26] & 0xff) + (zip[28] & 0xff) + 4] ^= 0x55;
	assert_int_not_equal(ex_docx(zip, len, &LIMITS, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why, "archivo .docx dañado o incompleto");
	stl_stext_release(&st);
	free(zip);
	assert_int_not_equal(ex_docx("hola, mundo", 11, &LIMITS, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why, "no es un documento de Word (.docx)");
	stl_stext_release(&st);
	expect_fail(ex_docx, other, &LIMITS, "no es un documento de Word (.docx)");
	expect_fail(ex_docx, broken, &LIMITS, "archivo .docx dañado o incompleto");
}

/* ---- .odt ------------------------------------------------------------------------ */

#define ODT_NS                                                                \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "  \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "      \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "    \
	"xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "    \
	"xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "   \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "                      \
	"xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
#define CONTENT(styles, body)                                                \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " \
	ODT_NS "><office:automatic-styles>" styles                           \
	"</office:automatic-styles><office:body><office:text>" body           \
	"</office:text></office:body></office:document-content>"
#define MIME "application/vnd.oasis.opendocument.text"

static stl_status_t read_odt(const char *content, const char *styles,
			     struct stl_stext *st)
{
	struct entry e[4] = {
		{ "mimetype", MIME, 0, true },
		{ "content.xml", content, 0, false },
	};
	const char *why;

	e[2] = styles ? (struct entry){ "styles.xml", styles, 0, false }
		      : (struct entry){ NULL, NULL, 0, false };
	e[3] = (struct entry){ NULL, NULL, 0, false };
	return read_zip(ex_odt, e, &LIMITS, st, &why);
}

static void odt_text(void **state)
{
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_odt(CONTENT("",
				 "<text:tracked-changes><text:changed-region "
				 "text:id=\"c1\"><text:deletion><text:p>borrado"
				 "</text:p></text:deletion></text:changed-region>"
				 "</text:tracked-changes>"
				 "<text:h text:outline-level=\"1\">Acta</text:h>\n"
				 "<text:p>  uno<text:s text:c=\"3\"/>dos<text:tab/>"
				 "tres<text:line-break/>cuatro <text:span>en\n"
				 "  línea</text:span><text:soft-page-break/>.</text:p>"
				 "<text:p>Se <text:change text:change-id=\"c1\"/>"
				 "<text:change-start text:change-id=\"c2\"/>aprueba"
				 "<text:change-end text:change-id=\"c2\"/>"
				 "<office:annotation><dc:creator>X</dc:creator>"
				 "<text:p>comentario</text:p></office:annotation>"
				 " el acta<text:note text:note-class=\"footnote\">"
				 "<text:note-citation>1</text:note-citation>"
				 "<text:note-body><text:p>Nota al pie.</text:p>"
				 "</text:note-body></text:note>.</text:p>"
				 "<text:p>Ancla<draw:frame><draw:text-box><text:p>"
				 "Caja</text:p></draw:text-box><svg:title>t"
				 "</svg:title></draw:frame></text:p>"),
			 NULL, &st),
		STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 6);
	check_para(&st, 0, "", "Acta", 0);
	check_para(&st, 1, "", "uno   dos tres cuatro en línea.", 0);
	check_para(&st, 2, "", "Se aprueba el acta.", 0);
	check_para(&st, 3, "", "Nota al pie.", 0);
	check_para(&st, 4, "", "Caja", 0);
	check_para(&st, 5, "", "Ancla", 0);
	stl_stext_release(&st);
}

static const char ODT_LISTS[] =
	"<text:list-style style:name=\"L1\">"
	"<text:list-level-style-number text:level=\"1\" style:num-format=\"I\" "
	"style:num-suffix=\".\"/>"
	"<text:list-level-style-number text:level=\"2\" style:num-format=\"1\" "
	"style:num-suffix=\".\" text:display-levels=\"2\"/>"
	"<text:list-level-style-number text:level=\"3\" style:num-format=\"a\" "
	"style:num-prefix=\"(\" style:num-suffix=\")\"/>"
	"</text:list-style>"
	"<text:list-style style:name=\"L2\">"
	"<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"-\"/>"
	"</text:list-style>";

#define LI(text) "<text:list-item><text:p>" text "</text:p></text:list-item>"

static void odt_lists_styled(void **state)
{
	struct stl_stext st;
	char content[4096];

	(void)state;
	snprintf(content, sizeof(content), "%s%s%s",
		 "<?xml version=\"1.0\"?><office:document-content " ODT_NS
		 "><office:automatic-styles>",
		 ODT_LISTS,
		 "</office:automatic-styles><office:body><office:text>"
		 "<text:list xml:id=\"a\" text:style-name=\"L1\">" LI("uno")
		 "<text:list-item><text:p>dos</text:p><text:p>más</text:p>"
		 "<text:list>" LI("dos.uno")
		 "<text:list-item><text:p>dos.dos</text:p><text:list>"
		 LI("letra") "</text:list></text:list-item></text:list>"
		 "</text:list-item><text:list-header><text:p>cabecera</text:p>"
		 "</text:list-header></text:list><text:p>suelto</text:p>"
		 "<text:list text:style-name=\"L1\" "
		 "text:continue-numbering=\"true\">" LI("tres")
		 "<text:list-item text:start-value=\"10\"><text:p>diez</text:p>"
		 "</text:list-item></text:list>"
		 "<text:list text:style-name=\"L2\">" LI("viñeta") "</text:list>"
		 "<text:list text:style-name=\"L1\">" LI("nueva") "</text:list>"
		 "<text:list text:style-name=\"L1\" text:continue-list=\"a\">"
		 LI("once") "</text:list>"
		 "<text:list text:style-name=\"L9\">" LI("sin estilo")
		 "</text:list></office:text></office:body>"
		 "</office:document-content>");
	assert_int_equal(read_odt(content, NULL, &st), STL_STATUS_SUCCESS);
	check_para(&st, 0, "I.", "uno", 0);
	check_para(&st, 1, "II.", "dos", 0);
	check_para(&st, 2, "", "más", 0);
	check_para(&st, 3, "II.1.", "dos.uno", 1);
	check_para(&st, 4, "II.2.", "dos.dos", 1);
	check_para(&st, 5, "(a)", "letra", 2);
	check_para(&st, 6, "", "cabecera", 0);
	check_para(&st, 7, "", "suelto", 0);
	check_para(&st, 8, "III.", "tres", 0);
	check_para(&st, 9, "X.", "diez", 0);
	check_para(&st, 10, "•", "viñeta", 0);
	check_para(&st, 11, "I.", "nueva", 0);
	check_para(&st, 12, "XI.", "once", 0);
	check_para(&st, 13, "", "sin estilo", 0);
	assert_int_equal(st.nblocks, 14);
	stl_stext_release(&st);
}

static void odt_tables(void **state)
{
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_odt(CONTENT("",
				 "<table:table table:name=\"T\"><table:table-column/>"
				 "<table:table-header-rows><table:table-row>"
				 "<table:table-cell table:number-columns-spanned=\"2\">"
				 "<text:p>Votos</text:p></table:table-cell>"
				 "<table:covered-table-cell><text:p>x</text:p>"
				 "</table:covered-table-cell></table:table-row>"
				 "</table:table-header-rows><table:table-row>"
				 "<table:table-cell><text:p>Sí</text:p><text:p>10"
				 "</text:p></table:table-cell><table:table-cell>"
				 "<table:table><table:table-row><table:table-cell>"
				 "<text:p>a</text:p></table:table-cell>"
				 "<table:table-cell><text:p>b</text:p>"
				 "</table:table-cell></table:table-row></table:table>"
				 "</table:table-cell><table:table-cell/>"
				 "</table:table-row></table:table><text:p>fin</text:p>"),
			 NULL, &st),
		STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 3);
	check_row(&st, 0, "Votos", NULL);
	check_row(&st, 1, "Sí 10", "a b", "", NULL);
	check_para(&st, 2, "", "fin", 0);
	stl_stext_release(&st);
}

static void odt_master_pages(void **state)
{
	static const char styles[] =
		"<office:document-styles " ODT_NS "><office:styles>"
		"<text:outline-style style:name=\"Outline\">"
		"<text:outline-level-style text:level=\"1\" style:num-format=\"1\" "
		"style:num-suffix=\".\"/></text:outline-style></office:styles>"
		"<office:master-styles><style:master-page style:name=\"Standard\">"
		"<style:header-style/><style:header><text:p>Ayuntamiento</text:p>"
		"</style:header><style:footer><text:p>Pie</text:p></style:footer>"
		"</style:master-page><style:master-page style:name=\"First\">"
		"<style:header><text:p>Ayuntamiento</text:p></style:header>"
		"</style:master-page></office:master-styles>"
		"</office:document-styles>";
	struct stl_stext st;

	(void)state;
	assert_int_equal(
		read_odt(CONTENT("", "<text:h text:outline-level=\"1\">Orden</text:h>"
				 "<text:h text:outline-level=\"2\">Sin</text:h>"
				 "<text:h text:outline-level=\"1\">Ruegos</text:h>"),
			 styles, &st),
		STL_STATUS_SUCCESS);
	assert_int_equal(st.nblocks, 5);
	check_para(&st, 0, "", "Ayuntamiento", 0);
	check_para(&st, 1, "1.", "Orden", 0);
	check_para(&st, 2, "", "Sin", 1);
	check_para(&st, 3, "2.", "Ruegos", 0);
	check_para(&st, 4, "", "Pie", 0);
	stl_stext_release(&st);
}

static void odt_failures(void **state)
{
	const struct entry calc[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0, true },
		{ "content.xml", CONTENT("", ""), 0, false },
		{ NULL, NULL, 0, false },
	};
	const struct entry crypt[] = {
		{ "mimetype", MIME, 0, true },
		{ "META-INF/manifest.xml", "<manifest:manifest><manifest:file-entry>"
		  "<manifest:encryption-data/></manifest:file-entry>"
		  "</manifest:manifest>", 0, false },
		{ "content.xml", "\x01\x02garbage", 0, false },
		{ NULL, NULL, 0, false },
	};
	const struct entry broken[] = {
		{ "mimetype", MIME, 0, true },
		{ "content.xml", "<office:document-content " ODT_NS "><text:p>",
		  0, false },
		{ NULL, NULL, 0, false },
	};
	const struct entry none[] = {
		{ "mimetype", MIME, 0, true },
		{ NULL, NULL, 0, false },
	};
	struct ex_limits lim = LIMITS;
	const struct entry big[] = {
		{ "content.xml", CONTENT("", "<text:p>Un párrafo largo</text:p>"),
		  0, false },
		{ NULL, NULL, 0, false },
	};

	(void)state;
	expect_fail(ex_odt, calc, &LIMITS,
		    "no es un documento de texto OpenDocument (.odt)");
	expect_fail(ex_odt, none, &LIMITS,
		    "no es un documento de texto OpenDocument (.odt)");
	expect_fail(ex_odt, crypt, &LIMITS,
		    "documento cifrado: se necesita la contraseña");
	expect_fail(ex_odt, broken, &LIMITS, "archivo .odt dañado o incompleto");
	lim.text = 8;
	expect_fail(ex_odt, big, &lim, "el texto extraído excede el límite de tamaño");
	lim = LIMITS;
	lim.entries = 0;
	expect_fail(ex_odt, big, &lim, WHY_BOMB);
}

/* ---- sniffing ---------------------------------------------------------------------- */

static void sniff(void **state)
{
	const struct entry docx[] = {
		{ "[Content_Types].xml", "<Types/>", 0, false },
		{ "word/document.xml", DOC(""), 0, false },
		{ NULL, NULL, 0, false },
	};
	const struct entry odt[] = {
		{ "mimetype", MIME, 0, true },
		{ "content.xml", CONTENT("", ""), 0, false },
		{ NULL, NULL, 0, false },
	};
	const struct entry ods[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0, true },
		{ "content.xml", CONTENT("", ""), 0, false },
		{ NULL, NULL, 0, false },
	};
	const struct entry bare[] = {
		{ "content.xml", CONTENT("", ""), 0, false },
		{ NULL, NULL, 0, false },
	};
	static const char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest";
	static const char enc[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...E\0n\0c\0r\0"
				  "y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	size_t len;
	char *zip;
	unsigned f;

	(void)state;
	zip = make_zip(docx, &len);
	assert_int_equal(ex_sniff(zip, len, EX_ODT), EX_DOCX);
	/* a truncated zip is told by its local headers */
	assert_int_equal(ex_sniff(zip, len - 30, EX_UNKNOWN), EX_DOCX);
	free(zip);
	zip = make_zip(odt, &len);
	assert_int_equal(ex_sniff(zip, len, EX_DOCX), EX_ODT);
	free(zip);
	zip = make_zip(ods, &len);
	assert_int_equal(ex_sniff(zip, len, EX_UNKNOWN), EX_UNKNOWN);
	free(zip);
	zip = make_zip(bare, &len);
	assert_int_equal(ex_sniff(zip, len, EX_DOCX), EX_ODT);
	free(zip);
	assert_int_equal(ex_sniff("%PDF-1.7\n", 9, EX_DOC), EX_PDF);
	assert_int_equal(ex_sniff("\r\n%PDF-1.4", 10, EX_UNKNOWN), EX_PDF);
	assert_int_equal(ex_sniff("{\\rtf1\\ansi", 11, EX_DOC), EX_RTF);
	assert_int_equal(ex_sniff(ole, sizeof(ole) - 1, EX_DOCX), EX_DOC);
	assert_int_equal(ex_sniff(enc, sizeof(enc) - 1, EX_DOC), EX_DOCX);
	assert_int_equal(ex_sniff("hola", 4, EX_TXT), EX_TXT);
	assert_int_equal(ex_sniff("", 0, EX_MD), EX_MD);
	assert_int_equal(ex_sniff("PK", 2, EX_MD), EX_MD);
	for (f = 0; f <= EX_UNKNOWN; f++)
		assert_int_equal(ex_format_parse(ex_format_name((enum ex_format)f)),
				 f);
	assert_string_equal(ex_format_name(EX_DOCX), "docx");
	assert_int_equal(ex_format_parse("DOCX"), EX_UNKNOWN);
	assert_int_equal(ex_format_parse(NULL), EX_UNKNOWN);
}

static void encrypted_docx(void **state)
{
	static const char enc[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...E\0n\0c\0r\0"
				  "y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	struct stl_stext st = STL_STEXT_INIT;
	const char *why = NULL;

	(void)state;
	assert_int_not_equal(ex_docx(enc, sizeof(enc) - 1, &LIMITS, &st, &why),
			     STL_STATUS_SUCCESS);
	assert_string_equal(why, "documento cifrado: se necesita la contraseña");
	stl_stext_release(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(docx_text),
		cmocka_unit_test(docx_numbering),
		cmocka_unit_test(docx_style_numbering),
		cmocka_unit_test(docx_changes_fields),
		cmocka_unit_test(docx_text_box),
		cmocka_unit_test(docx_tables),
		cmocka_unit_test(docx_stories),
		cmocka_unit_test(docx_limits),
		cmocka_unit_test(docx_damaged),
		cmocka_unit_test(encrypted_docx),
		cmocka_unit_test(odt_text),
		cmocka_unit_test(odt_lists_styled),
		cmocka_unit_test(odt_tables),
		cmocka_unit_test(odt_master_pages),
		cmocka_unit_test(odt_failures),
		cmocka_unit_test(sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
