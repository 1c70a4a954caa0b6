/*
 * test_text.c - decoding, folding, tokenizing and stop words
 * (lib/text/).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/stext.h"
#include "stl/strbuf.h"
#include "stl/text.h"
#include "../../lib/text/text_internal.h"

/* ---- helpers ------------------------------------------------------------ */

struct tok {
	char term[STL_TERM_MAX + 1];
	uint32_t pos;
	size_t start, end;
	unsigned flags;
};

struct toks {
	struct tok *v;
	size_t n, cap;
	size_t text_len;
	size_t stop_after;	/* 0: never stop */
};

static int collect(const stl_token_t *t, void *ctx)
{
	struct toks *ts = ctx;

	/* What every token must be, whatever the input. */
	assert_true(t->len >= 1 && t->len <= STL_TERM_MAX);
	assert_int_equal(strlen(t->term), t->len);
	assert_true(t->start < t->end && t->end <= ts->text_len);
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 16;
		ts->v = realloc(ts->v, ts->cap * sizeof(*ts->v));
		assert_non_null(ts->v);
	}
	memcpy(ts->v[ts->n].term, t->term, t->len + 1);
	ts->v[ts->n].pos = t->pos;
	ts->v[ts->n].start = t->start;
	ts->v[ts->n].end = t->end;
	ts->v[ts->n].flags = t->flags;
	ts->n++;
	return ts->stop_after && ts->n >= ts->stop_after;
}

static void analyze_len(const char *s, size_t len, unsigned flags,
			uint32_t *pos, struct toks *ts)
{
	ts->n = 0;
	ts->text_len = len;
	assert_int_equal(stl_text_analyze(s, len, flags, pos, collect, ts),
			 STL_STATUS_SUCCESS);
}

static void analyze(const char *s, unsigned flags, struct toks *ts)
{
	uint32_t pos = 1;

	analyze_len(s, strlen(s), flags, &pos, ts);
}

/* "term:pos" for each token, '*' after extra terms, space separated. */
static void repr(const struct toks *ts, struct stl_strbuf *out)
{
	size_t i;

	stl_strbuf_reset(out);
	for (i = 0; i < ts->n; i++)
		stl_strbuf_addf(out, "%s%s:%u%s", i ? " " : "", ts->v[i].term,
				ts->v[i].pos,
				(ts->v[i].flags & STL_TOKEN_EXTRA) ? "*" : "");
}

static void fold_str(const char *s, size_t len, struct stl_strbuf *out)
{
	stl_strbuf_reset(out);
	assert_int_equal(stl_text_fold(s, len, out), STL_STATUS_SUCCESS);
}

/* ---- decoding ------------------------------------------------------------- */

struct dcase {
	const char *in;
	size_t len;
	stl_status_t status;
	const char *out;
	stl_encoding_t enc;
};

#define D(s, st, o, e) { s, sizeof(s) - 1, st, o, e }

static void test_decode(void **state)
{
	static const struct dcase cases[] = {
		D("", STL_STATUS_SUCCESS, "", STL_ENCODING_UTF8),
		D("hola", STL_STATUS_SUCCESS, "hola", STL_ENCODING_UTF8),
		D("Reunión\r\nAño\rx", STL_STATUS_SUCCESS, "Reunión\r\nAño\rx",
		  STL_ENCODING_UTF8),
		D("\xEF\xBB\xBF" "año", STL_STATUS_SUCCESS, "año",
		  STL_ENCODING_UTF8_BOM),
		D("\xEF\xBB\xBF", STL_STATUS_SUCCESS, "", STL_ENCODING_UTF8_BOM),
		/* UTF-16 with BOMs, a pair outside the BMP */
		D("\xFF\xFEh\0\xF3\0n\0", STL_STATUS_SUCCESS, "hón",
		  STL_ENCODING_UTF16LE),
		D("\xFE\xFF\0h\0\xF3\0n", STL_STATUS_SUCCESS, "hón",
		  STL_ENCODING_UTF16BE),
		D("\xFF\xFE=\xD8\0\xDE", STL_STATUS_SUCCESS, "\xF0\x9F\x98\x80",
		  STL_ENCODING_UTF16LE),
		D("\xFF\xFE\r\0\n\0\xAC\x20", STL_STATUS_SUCCESS, "\r\n€",
		  STL_ENCODING_UTF16LE),
		/* UTF-16: lone surrogates, odd length, NUL are binary */
		D("\xFF\xFE=\xD8" "a\0", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\xFF\xFE\0\xDE", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\xFF\xFE=\xD8", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\xFF\xFEh\0i", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\xFF\xFEh\0\0\0", STL_STATUS_BINARY_INPUT, NULL, 0),
		/* Windows-1252 */
		D("Reuni\xF3n de trabajo", STL_STATUS_SUCCESS,
		  "Reunión de trabajo", STL_ENCODING_CP1252),
		D("\x93" "Cultura\x94 \x80 \x85", STL_STATUS_SUCCESS,
		  "“Cultura” € …", STL_ENCODING_CP1252),
		D("A\xD1O a\xF1o \xC1lvarez", STL_STATUS_SUCCESS,
		  "AÑO año Álvarez", STL_ENCODING_CP1252),
		D("\xA0\xAD\xFF", STL_STATUS_SUCCESS, "\xC2\xA0\xC2\xAD\xC3\xBF",
		  STL_ENCODING_CP1252),
		/* invalid UTF-8 after a BOM: the whole is Windows-1252 */
		D("\xEF\xBB\xBF\xE1", STL_STATUS_SUCCESS, "ï»¿á",
		  STL_ENCODING_CP1252),
		/* binary */
		D("ab\0cd", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\0", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("caf\xE9\x81", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\x8D", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\x8F", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\x90", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("x\x9D", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\x01\x02\x03\x04hola", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\x1B[0m\x1B[1m", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\x01\x02\x03\xE1", STL_STATUS_BINARY_INPUT, NULL, 0),
		D("\xC2\x80\xC2\x81\xC2\x82", STL_STATUS_BINARY_INPUT, NULL, 0),
		/* one stray control in real text is fine; tabs, FF, VT are text */
		D("Minuta de la reunión del grupo operativo\x1A", STL_STATUS_SUCCESS,
		  "Minuta de la reunión del grupo operativo\x1A",
		  STL_ENCODING_UTF8),
		D("\t\f\v\r\n", STL_STATUS_SUCCESS, "\t\f\v\r\n",
		  STL_ENCODING_UTF8),
	};
	struct stl_strbuf out = STL_STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dcase *c = &cases[i];
		stl_encoding_t enc = (stl_encoding_t)99;
		stl_status_t st;

		stl_strbuf_reset(&out);
		stl_strbuf_addstr(&out, "prefix:");
		st = stl_text_decode(c->in, c->len, &out, &enc);
		if (st != c->status)
			print_error("case %zu\n", i);
		assert_int_equal(st, c->status);
		if (c->out) {
			assert_int_equal(enc, c->enc);
			assert_int_equal(out.len, 7 + strlen(c->out));
			assert_memory_equal(out.buf + 7, c->out, strlen(c->out));
		} else {
			/* output untouched, encoding not reported */
			assert_string_equal(out.buf, "prefix:");
			assert_int_equal(out.len, 7);
			assert_int_equal(enc, 99);
		}
		assert_int_equal(out.buf[out.len], '\0');
	}
	/* NULL @enc is allowed */
	stl_strbuf_reset(&out);
	assert_int_equal(stl_text_decode("x", 1, &out, NULL),
			 STL_STATUS_SUCCESS);
	assert_string_equal(out.buf, "x");
	stl_strbuf_release(&out);
}

/* Every byte 0xA0-0xFF of Windows-1252 is Latin-1: U+00A0-U+00FF. */
static void test_decode_cp1252_table(void **state)
{
	struct stl_strbuf out = STL_STRBUF_INIT;
	char in[2] = { 'x', 0 };
	unsigned b;

	(void)state;
	for (b = 0xA0; b <= 0xFF; b++) {
		stl_encoding_t enc;

		in[1] = (char)b;
		stl_strbuf_reset(&out);
		assert_int_equal(stl_text_decode(in, 2, &out, &enc),
				 STL_STATUS_SUCCESS);
		assert_int_equal(enc, STL_ENCODING_CP1252);
		assert_int_equal(out.len, 3);
		assert_int_equal((unsigned char)out.buf[1], 0xC0 | (b >> 6));
		assert_int_equal((unsigned char)out.buf[2], 0x80 | (b & 0x3F));
	}
	stl_strbuf_release(&out);
}

static void test_encoding_name(void **state)
{
	(void)state;
	assert_string_equal(stl_encoding_name(STL_ENCODING_UTF8), "utf-8");
	assert_string_equal(stl_encoding_name(STL_ENCODING_CP1252),
			    "windows-1252");
	assert_string_equal(stl_encoding_name(STL_ENCODING_UTF16LE),
			    "utf-16le");
	assert_string_equal(stl_encoding_name(STL_ENCODING_UTF16BE),
			    "utf-16be");
	assert_non_null(stl_encoding_name(STL_ENCODING_UTF8_BOM));
}

/* ---- folding -------------------------------------------------------------- */

struct fcase {
	const char *in, *out;
};

static void test_fold(void **state)
{
	static const struct fcase cases[] = {
		{ "", "" },
		{ "   \t\r\n ", "" },
		{ "Hola", "hola" },
		{ "Participación", "participacion" },
		{ "PARTICIPACIÓN", "participacion" },
		/* decomposed input folds to the same bytes */
		{ "Participacio\xCC\x81n", "participacion" },
		{ "A\xCC\x81rbol", "arbol" },
		{ "a\xCC\x81\xCC\xA3", "a" },
		/* ñ stays a letter, composed or not, upper or lower */
		{ "año", "año" },
		{ "AÑO", "año" },
		{ "an\xCC\x83o", "año" },
		{ "AN\xCC\x83O", "año" },
		{ "Campaña", "campaña" },
		{ "ano", "ano" },
		{ "ÁÉÍÓÚ áéíóú àèìòù Üü ç Ç â ã ö", "aeiou aeiou aeiou uu c c a a o" },
		{ "Lilibeth Álvarez Rodríguez", "lilibeth alvarez rodriguez" },
		{ "Árbol de problemas IEEM", "arbol de problemas ieem" },
		/* NFKC: fullwidth, ligatures, superscripts, ordinal */
		{ "ＩＥＥＭ", "ieem" },
		{ "ﬁnanzas ﬂujo", "finanzas flujo" },
		{ "m²", "m2" },
		{ "1ª", "1a" },
		{ "Straße", "strasse" },
		{ "İstanbul", "istanbul" },
		/* spaces of every kind, collapsed and trimmed */
		{ "hoja\xC2\xA0" "de\xE2\x80\x83ruta", "hoja de ruta" },
		{ " hoja  de\r\nruta\t", "hoja de ruta" },
		{ "hoja\xE3\x80\x80" "de\xE2\x80\xA8ruta\xC2\x85x", "hoja de ruta x" },
		/* invisible characters vanish */
		{ "trans\xC2\xAD" "parencia", "transparencia" },
		{ "a\xE2\x80\x8B" "b\xE2\x80\x8C" "c\xE2\x80\x8D" "d\xE2\x81\xA0"
		  "e\xEF\xBB\xBF" "f", "abcdef" },
		{ "\xEF\xBB\xBF" "hola", "hola" },
		/* punctuation is kept: fold is for whole names and keys */
		{ "Tendiendo Puentes, A.C.", "tendiendo puentes, a.c." },
		{ "“Cultura”", "“cultura”" },
		/* invalid UTF-8 becomes a space */
		{ "a\xFF" "b", "a b" },
		{ "\xC3", "" },
		{ "caf\xC3 x", "caf x" },
		/* other scripts keep their marks */
		{ "Άλφα", "άλφα" },
		{ "ЙОД", "йод" },
		{ "東京", "東京" },
		{ "\xE3\x82\xAB\xE3\x82\x99", "\xE3\x82\xAC" },	/* カ + ゙ -> ガ */
	};
	struct stl_strbuf out = STL_STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fold_str(cases[i].in, strlen(cases[i].in), &out);
		if (strcmp(out.buf, cases[i].out))
			print_error("fold(\"%s\")\n", cases[i].in);
		assert_string_equal(out.buf, cases[i].out);
	}
	stl_strbuf_release(&out);
}

static void test_fold_appends(void **state)
{
	struct stl_strbuf out = STL_STRBUF_INIT;

	(void)state;
	stl_strbuf_addstr(&out, "p:");
	assert_int_equal(stl_text_fold("  Año ", 6, &out), STL_STATUS_SUCCESS);
	assert_string_equal(out.buf, "p:año");
	/* nothing to add: nothing added, not even a space */
	assert_int_equal(stl_text_fold(" \xE2\x80\x8B ", 5, &out),
			 STL_STATUS_SUCCESS);
	assert_string_equal(out.buf, "p:año");
	stl_strbuf_release(&out);
}

/* año != ano, campaña != campana, but á == a. */
static void test_fold_keeps_ntilde_apart(void **state)
{
	struct stl_strbuf a = STL_STRBUF_INIT, b = STL_STRBUF_INIT;

	(void)state;
	fold_str("año", strlen("año"), &a);
	fold_str("ano", 3, &b);
	assert_string_not_equal(a.buf, b.buf);
	fold_str("campaña", strlen("campaña"), &a);
	fold_str("campana", 7, &b);
	assert_string_not_equal(a.buf, b.buf);
	fold_str("reunión", strlen("reunión"), &a);
	fold_str("reunion", 7, &b);
	assert_string_equal(a.buf, b.buf);
	stl_strbuf_release(&a);
	stl_strbuf_release(&b);
}

static size_t put_utf8(char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xC0 | c >> 6);
		p[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	p[0] = (char)(0xE0 | c >> 12);
	p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	p[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

/*
 * The per-character shortcut for Latin letters must give exactly what the
 * libunistring pipeline gives, for every character of the BMP's first
 * blocks and the fullwidth forms, alone and between ASCII letters.
 */
static void test_fold_shortcut_matches_pipeline(void **state)
{
	struct stl_strbuf quick = STL_STRBUF_INIT, full = STL_STRBUF_INIT;
	uint32_t c;

	(void)state;
	for (c = 0xA0; c <= 0xFFEF; c++) {
		char buf[16];
		size_t n = 0;

		if (c == 0x3400)
			c = 0xF900;	/* skip the CJK ideographs */
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		buf[n++] = 'X';
		n += put_utf8(buf + n, c);
		buf[n++] = 'y';
		stl_strbuf_reset(&quick);
		stl_strbuf_reset(&full);
		assert_true(stl_text_fold_chunk((unsigned char *)buf, n, false,
						&quick));
		assert_true(stl_text_fold_chunk((unsigned char *)buf, n, true,
						&full));
		if (quick.len != full.len || memcmp(quick.buf, full.buf, full.len))
			print_error("U+%04X\n", (unsigned)c);
		assert_int_equal(quick.len, full.len);
		assert_memory_equal(quick.buf, full.buf, full.len);
	}
	stl_strbuf_release(&quick);
	stl_strbuf_release(&full);
}

/* ---- tokenizing ---------------------------------------------------------- */

struct acase {
	const char *in;
	unsigned flags;
	const char *out;
};

static void test_analyze(void **state)
{
	static const struct acase cases[] = {
		{ "", 0, "" },
		{ " \t\r\n ", 0, "" },
		{ "...,;:!¡¿? — «»", 0, "" },
		{ "hoja de\r\nruta", 0, "hoja:1 de:2 ruta:3" },
		{ "Hoja\tde\fRuta\v.", 0, "hoja:1 de:2 ruta:3" },
		{ "Lilibeth Álvarez Rodríguez", 0,
		  "lilibeth:1 alvarez:2 rodriguez:3" },
		{ "Participacio\xCC\x81n ciudadana", 0,
		  "participacion:1 ciudadana:2" },
		{ "AÑO año ano Campaña an\xCC\x83o", 0,
		  "año:1 año:2 ano:3 campaña:4 año:5" },
		/* acronyms with dots are their letters */
		{ "A.C. AC a.c S.A. de C.V.", 0, "ac:1 ac:2 ac:3 sa:4 de:5 cv:6" },
		{ "I.E.E.M.", 0, "ieem:1" },
		{ "Á.C. e.g.", 0, "ac:1 eg:2" },
		{ "Tendiendo Puentes A.C.;", 0, "tendiendo:1 puentes:2 ac:3" },
		/* not acronyms: parts at consecutive positions */
		{ "Ing.Juan S.A.de", 0, "ing:1 juan:2 s:3 a:4 de:5" },
		{ "A..C", 0, "a:1 c:2" },
		/* hyphens */
		{ "socio-económico", 0, "socio:1 economico:2 socioeconomico:2*" },
		{ "socio-económico", STL_ANALYZE_QUERY, "socio:1 economico:2" },
		{ "Socio-Economico x", 0,
		  "socio:1 economico:2 socioeconomico:2* x:3" },
		{ "ex-director-general", 0,
		  "ex:1 director:2 general:3 exdirectorgeneral:3*" },
		{ "socio\xE2\x80\x90" "económico", 0,
		  "socio:1 economico:2 socioeconomico:2*" },
		{ "socio\xE2\x80\x91" "economico", 0,
		  "socio:1 economico:2 socioeconomico:2*" },
		{ "2020-10-01", 0, "2020:1 10:2 01:3" },
		{ "covid-19", 0, "covid:1 19:2" },
		{ "a - b a--b a-", 0, "a:1 b:2 a:3 b:4 a:5" },
		{ "-a-b-", 0, "a:1 b:2 ab:2*" },
		{ "A.C.-Infoem", 0, "ac:1 infoem:2" },
		/* no punctuation inside a term */
		{ "l'amour l’amour", 0, "l:1 amour:2 l:3 amour:4" },
		{ "1,000.50 17:00 hoja_de_ruta", 0,
		  "1:1 000:2 50:3 17:4 00:5 hoja:6 de:7 ruta:8" },
		{ "l·l a:b", 0, "l:1 l:2 a:3 b:4" },
		{ "½", 0, "12:1" },
		/* invisible characters and spaces */
		{ "trans\xC2\xAD" "parencia", 0, "transparencia:1" },
		{ "trans\xE2\x80\x8B" "parencia trans\xE2\x81\xA0" "parencia", 0,
		  "transparencia:1 transparencia:2" },
		{ "hoja\xC2\xA0" "de\xE2\x80\x83ruta\xE3\x80\x80x", 0,
		  "hoja:1 de:2 ruta:3 x:4" },
		{ "ＩＥＥＭ ﬁnanzas", 0, "ieem:1 finanzas:2" },
		/* other scripts */
		{ "Москва 東京 Άλφα", 0, "москва:1 東:2 京:3 άλφα:4" },
		/* invalid UTF-8 separates words */
		{ "hola\xFFmundo\xC3", 0, "hola:1 mundo:2" },
		{ "\xC3\xA1\xFF\xC3\xA9", 0, "a:1 e:2" },
		{ "\xE2\x82", 0, "" },
		/* stray combining marks */
		{ "x\xCC\x81", 0, "x:1" },
		{ "\xCC\x81 a", 0, "a:1" },
		/* corpus lines */
		{ "Jueves 1ª de octubre a las17:oo horas.", 0,
		  "jueves:1 1a:2 de:3 octubre:4 a:5 las17:6 oo:7 horas:8" },
		{ "denominado “Cultura de Gobierno Abierto”.", 0,
		  "denominado:1 cultura:2 de:3 gobierno:4 abierto:5" },
		{ "· Lilibeth Álvarez Rodríguez, Jefa de la Unidad de "
		  "Transparencia IEEM;", 0,
		  "lilibeth:1 alvarez:2 rodriguez:3 jefa:4 de:5 la:6 unidad:7 "
		  "de:8 transparencia:9 ieem:10" },
		{ "IV. Fecha para realizar la mesa de participación el día 9 de "
		  "julio de 2020 a las 11:00 hrs. de manera virtual.", 0,
		  "iv:1 fecha:2 para:3 realizar:4 la:5 mesa:6 de:7 "
		  "participacion:8 el:9 dia:10 9:11 de:12 julio:13 de:14 "
		  "2020:15 a:16 las:17 11:18 00:19 hrs:20 de:21 manera:22 "
		  "virtual:23" },
		{ "[image: C:\\Users\\USUARIO\\Desktop\\TODO\\Sin título.png]", 0,
		  "image:1 c:2 users:3 usuario:4 desktop:5 todo:6 sin:7 titulo:8 "
		  "png:9" },
	};
	struct toks ts = { 0 };
	struct stl_strbuf out = STL_STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		analyze(cases[i].in, cases[i].flags, &ts);
		repr(&ts, &out);
		if (strcmp(out.buf, cases[i].out))
			print_error("analyze(\"%s\")\n", cases[i].in);
		assert_string_equal(out.buf, cases[i].out);
	}
	free(ts.v);
	stl_strbuf_release(&out);
}

static void test_analyze_positions_continue(void **state)
{
	struct toks ts = { 0 };
	struct stl_strbuf out = STL_STRBUF_INIT;
	const char *s = "hoja de ruta";
	uint32_t pos = 10;

	(void)state;
	analyze_len(s, strlen(s), 0, &pos, &ts);
	repr(&ts, &out);
	assert_string_equal(out.buf, "hoja:10 de:11 ruta:12");
	assert_int_equal(pos, 13);
	/* a second field goes on from there */
	analyze_len("Álvarez", strlen("Álvarez"), 0, &pos, &ts);
	repr(&ts, &out);
	assert_string_equal(out.buf, "alvarez:13");
	assert_int_equal(pos, 14);
	/* nothing to emit: *pos unchanged */
	analyze_len(" ,. ", 4, 0, &pos, &ts);
	assert_int_equal(ts.n, 0);
	assert_int_equal(pos, 14);
	/* an extra term takes no position of its own */
	pos = 1;
	analyze_len("socio-economico x", 17, 0, &pos, &ts);
	assert_int_equal(ts.n, 4);
	assert_int_equal(pos, 4);
	free(ts.v);
	stl_strbuf_release(&out);
}

struct ocase {
	const char *in;
	size_t n;		/* tokens */
	struct {
		const char *term;
		size_t start, end;
	} t[4];
};

static void test_analyze_offsets(void **state)
{
	static const struct ocase cases[] = {
		{ "Lilibeth Álvarez", 2,
		  { { "lilibeth", 0, 8 }, { "alvarez", 9, 17 } } },
		{ "A.C. x", 2, { { "ac", 0, 3 }, { "x", 5, 6 } } },
		{ "(I.E.E.M.)", 1, { { "ieem", 1, 8 } } },
		{ "trans\xC2\xAD" "parencia.", 1,
		  { { "transparencia", 0, 15 } } },
		{ "\xC2\xAD" "hola\xE2\x80\x8B", 1, { { "hola", 2, 6 } } },
		{ "socio-económico", 3,
		  { { "socio", 0, 5 }, { "economico", 6, 16 },
		    { "socioeconomico", 0, 16 } } },
		{ "Participacio\xCC\x81n", 1,
		  { { "participacion", 0, 15 } } },
		{ "x\xFF" "año\xC2\xA0" "b", 3,
		  { { "x", 0, 1 }, { "año", 2, 6 }, { "b", 8, 9 } } },
		{ "ＩＥＥＭ", 1, { { "ieem", 0, 12 } } },
		{ "l'amour", 2, { { "l", 0, 1 }, { "amour", 2, 7 } } },
	};
	struct toks ts = { 0 };
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		analyze(cases[i].in, 0, &ts);
		assert_int_equal(ts.n, cases[i].n);
		for (j = 0; j < ts.n; j++) {
			assert_string_equal(ts.v[j].term, cases[i].t[j].term);
			assert_int_equal(ts.v[j].start, cases[i].t[j].start);
			assert_int_equal(ts.v[j].end, cases[i].t[j].end);
		}
	}
	free(ts.v);
}

static void test_analyze_flags(void **state)
{
	struct toks ts = { 0 };

	(void)state;
	analyze("de la participación 2020 2020a A.C. y que-hacer", 0, &ts);
	assert_int_equal(ts.n, 10);
	assert_string_equal(ts.v[0].term, "de");
	assert_int_equal(ts.v[0].flags, STL_TOKEN_STOPWORD);
	assert_int_equal(ts.v[1].flags, STL_TOKEN_STOPWORD);
	assert_string_equal(ts.v[2].term, "participacion");
	assert_int_equal(ts.v[2].flags, 0);
	assert_string_equal(ts.v[3].term, "2020");
	assert_int_equal(ts.v[3].flags, STL_TOKEN_NUMBER);
	assert_string_equal(ts.v[4].term, "2020a");
	assert_int_equal(ts.v[4].flags, 0);
	assert_string_equal(ts.v[5].term, "ac");
	assert_int_equal(ts.v[5].flags, 0);
	assert_string_equal(ts.v[6].term, "y");
	assert_int_equal(ts.v[6].flags, STL_TOKEN_STOPWORD);
	assert_string_equal(ts.v[7].term, "que");
	assert_int_equal(ts.v[7].flags, STL_TOKEN_STOPWORD);
	assert_string_equal(ts.v[8].term, "hacer");
	assert_int_equal(ts.v[8].flags, 0);
	assert_string_equal(ts.v[9].term, "quehacer");
	assert_int_equal(ts.v[9].flags, STL_TOKEN_EXTRA);
	free(ts.v);
}

/*
 * Past its first terms a call looks stop words up in a table of its own:
 * flags must still be exactly stl_is_stopword()'s, for every stop word and
 * for words that are near misses.
 */
static void test_analyze_stopword_flags_long(void **state)
{
	static const char *const others[] = {
		"participacion", "estado", "des", "l", "laa", "tu", "tuyos",
		"nosotras", "nosotro", "zz", "2020", "ñ", "año", "estuviesemos",
		"estuviesemoss",
	};
	struct stl_strbuf in = STL_STRBUF_INIT;
	struct toks ts = { 0 };
	const char *const *list;
	size_t n, i, stops = 0;
	int round;

	(void)state;
	list = stl_stopwords(&n);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < n; i++)
			stl_strbuf_addf(&in, "%s %s ", list[i],
					others[i % (sizeof(others) /
						    sizeof(others[0]))]);
	}
	analyze(in.buf, 0, &ts);
	assert_int_equal(ts.n, 4 * n);
	for (i = 0; i < ts.n; i++) {
		bool want = stl_is_stopword(ts.v[i].term,
					    strlen(ts.v[i].term));

		assert_int_equal(!!(ts.v[i].flags & STL_TOKEN_STOPWORD), want);
		stops += want;
	}
	assert_true(stops >= 2 * n);
	stl_strbuf_release(&in);
	free(ts.v);
}

static void test_analyze_long_words(void **state)
{
	struct toks ts = { 0 };
	struct stl_strbuf in = STL_STRBUF_INIT, out = STL_STRBUF_INIT;
	int i;

	(void)state;
	/* 64 bytes: kept; 65: skipped, taking no position */
	stl_strbuf_addstr(&in, "a ");
	for (i = 0; i < STL_TERM_MAX; i++)
		stl_strbuf_addch(&in, 'x');
	stl_strbuf_addstr(&in, " b ");
	for (i = 0; i < STL_TERM_MAX + 1; i++)
		stl_strbuf_addch(&in, 'Y');
	stl_strbuf_addstr(&in, " c");
	analyze(in.buf, 0, &ts);
	assert_int_equal(ts.n, 4);
	assert_int_equal(strlen(ts.v[1].term), STL_TERM_MAX);
	assert_string_equal(ts.v[2].term, "b");
	assert_int_equal(ts.v[2].pos, 3);
	assert_string_equal(ts.v[3].term, "c");
	assert_int_equal(ts.v[3].pos, 4);

	/* the limit is on the folded bytes: 33 á fold to 33 bytes, 33 ñ to 66 */
	stl_strbuf_reset(&in);
	for (i = 0; i < 33; i++)
		stl_strbuf_addstr(&in, "Á");
	stl_strbuf_addch(&in, ' ');
	for (i = 0; i < 33; i++)
		stl_strbuf_addstr(&in, "ñ");
	stl_strbuf_addstr(&in, " fin");
	analyze(in.buf, 0, &ts);
	assert_int_equal(ts.n, 2);
	assert_int_equal(strlen(ts.v[0].term), 33);
	assert_string_equal(ts.v[1].term, "fin");
	assert_int_equal(ts.v[1].pos, 2);

	/* parts that fit, a compound that does not: no compound */
	stl_strbuf_reset(&in);
	for (i = 0; i < 40; i++)
		stl_strbuf_addch(&in, 'a');
	stl_strbuf_addch(&in, '-');
	for (i = 0; i < 40; i++)
		stl_strbuf_addch(&in, 'b');
	analyze(in.buf, 0, &ts);
	repr(&ts, &out);
	assert_int_equal(ts.n, 2);
	assert_int_equal(ts.v[1].flags, 0);

	/* a chain with a skipped part gives no compound */
	stl_strbuf_reset(&in);
	stl_strbuf_addstr(&in, "pre-");
	for (i = 0; i < 70; i++)
		stl_strbuf_addch(&in, 'z');
	stl_strbuf_addstr(&in, "-post");
	analyze(in.buf, 0, &ts);
	repr(&ts, &out);
	assert_string_equal(out.buf, "pre:1 post:2");
	stl_strbuf_release(&in);
	stl_strbuf_release(&out);
	free(ts.v);
}

static void test_analyze_stop_early(void **state)
{
	struct toks ts = { 0 };
	uint32_t pos = 1;
	const char *s = "uno dos tres cuatro";

	(void)state;
	ts.stop_after = 2;
	analyze_len(s, strlen(s), 0, &pos, &ts);
	assert_int_equal(ts.n, 2);
	assert_string_equal(ts.v[1].term, "dos");
	/* also when the callback stops on the last part of a chain */
	ts.stop_after = 2;
	pos = 1;
	analyze_len("socio-economico x", 17, 0, &pos, &ts);
	assert_int_equal(ts.n, 2);
	free(ts.v);
}

/* xorshift32: the tests' own deterministic random numbers */
static uint32_t next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void assert_same_tokens(const char *s, size_t len)
{
	struct toks fast = { 0 }, slow = { 0 };
	uint32_t pf = 7, ps = 7;
	size_t i;

	analyze_len(s, len, 0, &pf, &fast);
	analyze_len(s, len, STL_ANALYZE_INTERNAL_SLOW, &ps, &slow);
	if (fast.n != slow.n || pf != ps)
		print_error("fast/slow differ on \"%.*s\"\n", (int)len, s);
	assert_int_equal(fast.n, slow.n);
	assert_int_equal(pf, ps);
	for (i = 0; i < fast.n; i++) {
		if (strcmp(fast.v[i].term, slow.v[i].term))
			print_error("fast/slow differ on \"%.*s\"\n", (int)len, s);
		assert_string_equal(fast.v[i].term, slow.v[i].term);
		assert_int_equal(fast.v[i].pos, slow.v[i].pos);
		assert_int_equal(fast.v[i].start, slow.v[i].start);
		assert_int_equal(fast.v[i].end, slow.v[i].end);
		assert_int_equal(fast.v[i].flags, slow.v[i].flags);
	}
	free(fast.v);
	free(slow.v);
}

/*
 * The ASCII fast path and u8_wordbreaks must agree on every ASCII string:
 * hand-picked edge cases, then random strings over an alphabet heavy in
 * the characters UAX #29 treats specially (. ' : , ; _ - digits).
 */
static void test_fast_path_matches_wordbreaks(void **state)
{
	static const char *const edge[] = {
		"a.b", "a..b", ".a.", "a.1", "1.a", "1.2", "1..2", "a'b", "a''b",
		"1'2", "a:b", "1:2", "a,b", "1,2", "1,,2", "a;b", "1;2", "_", "__",
		"_a", "a_", "a_1", "1_a", "_._", "a._b", "a_.b", "A.C.", "A.C.-x",
		"e.g.", "x-y-z", "x--y", "-x-", "1-2-3", "a1b2", "1a.2", "a.b.c.d",
		"a.b1.c", "...", "'a'", "\"a\"", "a\"b", "a/b", "a\\b", "a@b.c",
		"http://a.b/c?d=e&f", "a\x7f" "b", "a\x01" "b", "\x1b[1m",
		"las17:oo", "11:00hrs.", "S.A.de C.V.",
	};
	static const char alphabet[] = "aAbZz09.'_:,;-- \t\n!\"/xyY.1,.'";
	char buf[96];
	uint32_t seed = 0x9E3779B9u;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		assert_same_tokens(edge[i], strlen(edge[i]));
	for (i = 0; i < 30000; i++) {
		size_t n = next_rand(&seed) % sizeof(buf);

		for (k = 0; k < n; k++)
			buf[k] = alphabet[next_rand(&seed) %
					  (sizeof(alphabet) - 1)];
		assert_same_tokens(buf, n);
	}
	/* long runs that cross STL_TERM_MAX */
	for (i = 0; i < 200; i++) {
		size_t n = 60 + next_rand(&seed) % 30;

		for (k = 0; k < n; k++)
			buf[k] = (next_rand(&seed) % 23) ? 'q' : "._-"[k % 3];
		assert_same_tokens(buf, n);
	}
}

/* Random bytes: never a crash, tokens always well formed (see collect()). */
static void test_analyze_garbage(void **state)
{
	static const unsigned char pieces[] = {
		'a', 'Z', '1', '.', '-', ' ', '\'', 0xC3, 0xA1, 0xB1, 0xCC, 0x81,
		0xE2, 0x80, 0x8B, 0x90, 0xAD, 0xC2, 0xA0, 0xF0, 0x9F, 0xFF, 0x00,
	};
	struct toks ts = { 0 };
	struct stl_strbuf out = STL_STRBUF_INIT;
	unsigned char buf[64];
	uint32_t seed = 12345;
	size_t i, k;

	(void)state;
	for (i = 0; i < 20000; i++) {
		size_t n = next_rand(&seed) % sizeof(buf);
		uint32_t pos = 1;

		for (k = 0; k < n; k++)
			buf[k] = pieces[next_rand(&seed) % sizeof(pieces)];
		analyze_len((char *)buf, n, i % 2 ? STL_ANALYZE_QUERY : 0, &pos,
			    &ts);
		for (k = 0; k < ts.n; k++) {
			/* a term is its own fold: no spaces, no capitals */
			fold_str(ts.v[k].term, strlen(ts.v[k].term), &out);
			assert_string_equal(out.buf, ts.v[k].term);
		}
		stl_strbuf_reset(&out);
		assert_int_equal(stl_text_fold((char *)buf, n, &out),
				 STL_STATUS_SUCCESS);
	}
	free(ts.v);
	stl_strbuf_release(&out);
}

/* Read a corpus file; NULL if the tests run elsewhere. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		if (buf)
			*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/*
 * The real minutes: fast and slow paths agree, and every term is the fold
 * of the bytes its offsets point at (dots of acronyms left out).
 */
static void test_corpus(void **state)
{
	static const char *const files[] = {
		"corpus/minuta-2020-06-17.txt",
		"corpus/minuta-2020-09-24.txt",
	};
	struct stl_strbuf dec = STL_STRBUF_INIT, f = STL_STRBUF_INIT;
	struct toks ts = { 0 };
	size_t i, k, seen = 0;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len;
		char *raw = read_file(files[i], &len);
		uint32_t pos = 1;

		if (!raw)
			continue;
		seen++;
		stl_strbuf_reset(&dec);
		assert_int_equal(stl_text_decode(raw, len, &dec, NULL),
				 STL_STATUS_SUCCESS);
		assert_same_tokens(dec.buf, dec.len);
		analyze_len(dec.buf, dec.len, 0, &pos, &ts);
		assert_true(ts.n > 200);
		for (k = 0; k < ts.n; k++) {
			size_t a, b = 0;

			if (ts.v[k].flags & STL_TOKEN_EXTRA)
				continue;
			fold_str(dec.buf + ts.v[k].start,
				 ts.v[k].end - ts.v[k].start, &f);
			for (a = 0; a < f.len; a++)
				if (f.buf[a] != '.')
					f.buf[b++] = f.buf[a];
			stl_strbuf_setlen(&f, b);
			assert_string_equal(f.buf, ts.v[k].term);
		}
		free(raw);
	}
	if (!seen)
		print_message("corpus/ not found: run from the top directory\n");
	free(ts.v);
	stl_strbuf_release(&dec);
	stl_strbuf_release(&f);
}

/* ---- stop words ------------------------------------------------------------ */

static void test_stopwords(void **state)
{
	struct stl_strbuf f = STL_STRBUF_INIT;
	const char *const *list;
	size_t n, i;

	(void)state;
	list = stl_stopwords(&n);
	assert_non_null(list);
	assert_true(n > 100);
	for (i = 0; i < n; i++) {
		/* sorted, unique, folded, and found */
		if (i)
			assert_true(strcmp(list[i - 1], list[i]) < 0);
		fold_str(list[i], strlen(list[i]), &f);
		assert_string_equal(f.buf, list[i]);
		assert_true(stl_is_stopword(list[i], strlen(list[i])));
	}
	static const char *const yes[] = {
		"de", "la", "que", "el", "en", "y", "a", "los", "del", "se",
		"las", "por", "un", "para", "con", "no", "una", "su", "al", "lo",
		"como", "mas", "pero", "sus", "le", "ya", "o", "este", "si",
		"porque", "esta", "entre", "cuando", "muy", "sin", "sobre",
		"tambien", "me", "hasta", "hay", "donde", "quien", "desde",
		"todo", "nos", "durante", "todos", "uno", "les", "ni", "contra",
		"otros", "ese", "eso", "ante", "ellos", "e", "esto", "mi",
		"antes", "algunos", "unos", "yo", "otro", "otras", "otra",
		"tanto", "esa", "estos", "mucho", "quienes", "nada", "muchos",
		"cual", "poco", "ella", "estar", "estas", "algunas", "algo",
		"nosotros", "u",
	};
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!stl_is_stopword(yes[i], strlen(yes[i])))
			print_error("'%s' should be a stop word\n", yes[i]);
		assert_true(stl_is_stopword(yes[i], strlen(yes[i])));
	}
	static const char *const no[] = {
		"", "d", "dee", "reunion", "estado", "estados", "gobierno",
		"transparencia", "más", "él", "De", "zzz", "aa",
	};
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(stl_is_stopword(no[i], strlen(no[i])));
	/* @len counts, not the NUL */
	assert_true(stl_is_stopword("dex", 2));
	assert_false(stl_is_stopword("de", 1));
	assert_non_null(stl_stopwords(NULL));
	stl_strbuf_release(&f);
}

/* stl_text_terms: the analyzer's terms joined, for names and queries. */
static void test_terms(void **state)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	size_t n = 99;

	(void)state;
	assert_int_equal(stl_text_terms("Tendiendo Puentes A.C.", 22,
					STL_ANALYZE_QUERY, ' ', &sb, &n),
			 STL_STATUS_SUCCESS);
	assert_string_equal(sb.buf, "tendiendo puentes ac");
	assert_int_equal(n, 3);
	stl_strbuf_reset(&sb);
	/* Without the query flag a hyphenated word brings its compound. */
	assert_int_equal(stl_text_terms("socio-económico", strlen("socio-económico"),
					0, '-', &sb, &n),
			 STL_STATUS_SUCCESS);
	assert_string_equal(sb.buf, "socio-economico-socioeconomico");
	assert_int_equal(n, 3);
	stl_strbuf_reset(&sb);
	assert_int_equal(stl_text_terms(" ;. ", 4, 0, ' ', &sb, NULL),
			 STL_STATUS_SUCCESS);
	assert_string_equal(sb.buf, "");
	stl_strbuf_release(&sb);
}

/* The line format stlextract answers in gives back the same blocks,
 * cells and text, an empty last cell of a row too. */
static void test_stext_wire(void **state)
{
	struct stl_stext st = STL_STEXT_INIT, back = STL_STEXT_INIT;
	struct stl_strbuf wire = STL_STRBUF_INIT;
	size_t i;

	(void)state;
	assert_int_equal(stl_stext_para(&st, "II.", "Enviar\tla hoja", 15, 1),
			 STL_STATUS_SUCCESS);
	assert_int_equal(stl_stext_table_begin(&st), STL_STATUS_SUCCESS);
	assert_int_equal(stl_stext_cell(&st, "Nombre", 6), STL_STATUS_SUCCESS);
	assert_int_equal(stl_stext_cell(&st, "", 0), STL_STATUS_SUCCESS);
	assert_int_equal(stl_stext_cell(&st, "", 0), STL_STATUS_SUCCESS);
	assert_int_equal(stl_stext_row_end(&st), STL_STATUS_SUCCESS);
	assert_int_equal(stl_stext_table_end(&st), STL_STATUS_SUCCESS);
	st.ocr_confidence = 87;
	assert_int_equal(stl_stext_write(&st, &wire), STL_STATUS_SUCCESS);
	assert_int_equal(stl_stext_read(&back, wire.buf, wire.len),
			 STL_STATUS_SUCCESS);
	assert_int_equal(back.ocr_confidence, 87);
	assert_int_equal(back.nblocks, st.nblocks);
	for (i = 0; i < st.nblocks; i++) {
		assert_int_equal(back.blocks[i].kind, st.blocks[i].kind);
		assert_int_equal(back.blocks[i].ncells, st.blocks[i].ncells);
		assert_int_equal(back.blocks[i].level, st.blocks[i].level);
	}
	assert_int_equal(st.blocks[1].ncells, 3);
	assert_int_equal(back.text.len, st.text.len);
	assert_memory_equal(back.text.buf, st.text.buf, st.text.len);
	stl_stext_release(&st);
	stl_stext_release(&back);
	stl_strbuf_release(&wire);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_stext_wire),
		cmocka_unit_test(test_decode_cp1252_table),
		cmocka_unit_test(test_encoding_name),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_appends),
		cmocka_unit_test(test_fold_keeps_ntilde_apart),
		cmocka_unit_test(test_fold_shortcut_matches_pipeline),
		cmocka_unit_test(test_analyze),
		cmocka_unit_test(test_analyze_positions_continue),
		cmocka_unit_test(test_analyze_offsets),
		cmocka_unit_test(test_analyze_flags),
		cmocka_unit_test(test_analyze_stopword_flags_long),
		cmocka_unit_test(test_analyze_long_words),
		cmocka_unit_test(test_analyze_stop_early),
		cmocka_unit_test(test_fast_path_matches_wordbreaks),
		cmocka_unit_test(test_analyze_garbage),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_stopwords),
		cmocka_unit_test(test_terms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
