/*
 * minute.c - stl_minute_parse_stext(): the structure of a minute.
 *
 *   Metepec a 24 de septiembre de 2020.        <- place-and-date line
 *   Minuta Reunión de Trabajo                  <- title
 *   EVENTO / FECHA / LUGAR                     <- one-paragraph fields
 *   ASISTENTES                                 <- bullets or a table
 *   TEMAS QUE ABORDARON / ACUERDOS             <- numbered lists or a table
 *   REUNIÓN DE SEGUIMIENTO                     <- date and time
 *   SEGUIMIENTO DE ACUERDOS                    <- statuses of earlier ones
 *
 * The input is a structured text (stl/stext.h): paragraphs, which may
 * carry the list label and level a word processor keeps apart from the
 * text, and table rows. A plain text is one paragraph a line, so a
 * paragraph without a label is read exactly as a typed line.
 *
 * Two passes over the blocks. The first only notes which list sections
 * use Roman numerals or any list marker at all, and the level of their
 * first labelled item, because that decides what a paragraph means in the
 * second: under Roman numerals, "1." and "a)" belong to the agreement
 * above them, as does a labelled paragraph deeper than the first item;
 * without any marker, each line is an item. The second pass fills the
 * minute. Headings are recognized with or without accents, in any case,
 * with a trailing colon and with content on the same line; what is
 * between headings belongs to the last one. Attendee and agreement tables
 * (minute_table.c) give their items by column wherever they stand; other
 * tables are read as the lines they spell.
 *
 * Both passes do bounded work per byte: the parser is linear in the size
 * of the text whatever it holds.
 */
#include "minute_internal.h"

#include <stdlib.h>
#include <string.h>

enum section {
	SEC_PREAMBLE,
	SEC_EVENT,
	SEC_DATE,
	SEC_TIME,
	SEC_PLACE,
	SEC_NEXT,
	SEC_ATTENDEES,
	SEC_TOPICS,
	SEC_AGREEMENTS,
	SEC_FOLLOWUP,	/* each line a statement (minute_followup.c) */
	SEC_COUNT
};

#define NSCALARS (SEC_NEXT + 1)

struct heading {
	const char *kw;
	enum section sec;
};

/* Longer keywords first: "temas que abordaron" before "temas". */
static const struct heading headings[] = {
	{ "seguimiento de acuerdos", SEC_FOLLOWUP },
	{ "seguimiento a acuerdos", SEC_FOLLOWUP },
	{ "seguimiento de los acuerdos", SEC_FOLLOWUP },
	{ "reunion de seguimiento", SEC_NEXT },
	{ "proxima reunion", SEC_NEXT },
	{ "siguiente reunion", SEC_NEXT },
	{ "temas que se abordaron", SEC_TOPICS },
	{ "temas que abordaron", SEC_TOPICS },
	{ "temas abordados", SEC_TOPICS },
	{ "temas a tratar", SEC_TOPICS },
	{ "orden del dia", SEC_TOPICS },
	{ "temas", SEC_TOPICS },
	{ "acuerdos tomados", SEC_AGREEMENTS },
	{ "acuerdos", SEC_AGREEMENTS },
	{ "lista de asistencia", SEC_ATTENDEES },
	{ "asistentes", SEC_ATTENDEES },
	{ "participantes", SEC_ATTENDEES },
	{ "asistencia", SEC_ATTENDEES },
	{ "fecha y hora", SEC_DATE },
	{ "fecha", SEC_DATE },
	{ "hora", SEC_TIME },
	{ "lugar", SEC_PLACE },
	{ "sede", SEC_PLACE },
	{ "modalidad", SEC_PLACE },
	{ "evento", SEC_EVENT },
};

/* MARK_ROMAN also stands for ordinal words ("PRIMERO.-"), the other way
 * agreements are numbered in Mexican minutes. */
enum marker { MARK_NONE, MARK_BULLET, MARK_ARABIC, MARK_LETTER, MARK_ROMAN };

/* What the first pass learns about each list section. */
struct layout {
	bool roman[SEC_COUNT];
	bool marked[SEC_COUNT];
	/* Its items carry list labels; the level of the first one. */
	bool labelled[SEC_COUNT];
	unsigned base_level[SEC_COUNT];
	/* OCR text (see struct parser), and the numerals seen so far in
	 * each section: an OCR-misread one must be the next of them. */
	bool ocr;
	unsigned nroman[SEC_COUNT];
};

/* A span of the minute's text. */
struct span {
	size_t off, len;
};

struct parser {
	struct stl_minute *m;
	const struct stl_stext *in;	/* its spans are of m->text */
	const struct stl_institutions *table;
	struct mn_table tab;		/* the table being read */
	struct mn_agreement_cells *cells;	/* one per agreement */
	size_t alloc_cells;
	struct mn_forms forms;
	struct layout layout;
	enum section sec;
	/* The text was read by OCR (st->ocr_confidence >= 0): read its
	 * recognition errors leniently. Typed text never is. */
	bool ocr;
	/* A blank line came after the last content line (OCR paragraphs). */
	bool gap;
	/* Characters of the last list line of OCR text, to tell a wrapped
	 * one. */
	size_t last_chars;
	/* EVENTO, FECHA, HORA, LUGAR, REUNIÓN DE SEGUIMIENTO: first paragraph. */
	struct stl_strbuf scalar[NSCALARS];
	bool closed[NSCALARS];
	struct span place_line, title_line;
	bool title_is_minuta;
	/* The list item being read. */
	struct stl_strbuf item;
	enum section item_sec;
	bool item_open;
	size_t alloc_att, alloc_top, alloc_agr, alloc_fol;
	stl_status_t st;
};

/* ---- Lines ----------------------------------------------------------------- */

/* Bytes of blanks, NBSP, BOM and zero-width space at the start of @s. */
static size_t line_lskip(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	for (;;) {
		i += mn_lskip(s + i, len - i);
		if (i + 1 < len && u[i] == 0xC2 && u[i + 1] == 0xA0)
			i += 2;
		else if (i + 2 < len && u[i] == 0xEF && u[i + 1] == 0xBB &&
			 u[i + 2] == 0xBF)
			i += 3;
		else if (i + 2 < len && u[i] == 0xE2 && u[i + 1] == 0x80 &&
			 u[i + 2] == 0x8B)
			i += 3;
		else
			return i;
	}
}

/* "[image: C:\Users\...png]": what a mail or office export leaves. */
static bool image_line(const char *s, size_t len)
{
	len = mn_rstrip(s, len, "", false);
	if (mn_kw_match(s, len, "[image") || mn_kw_match(s, len, "[imagen") ||
	    mn_kw_match(s, len, "[cid:"))
		return true;
	return len >= 2 && s[0] == '[' && s[len - 1] == ']';
}

/* ---- Headings ------------------------------------------------------------------ */

static bool has_lower(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return true;
	return false;
}

/*
 * If the line @s is a heading, return its section and set *@content to
 * the bytes after it (after a colon, if any). A keyword followed by other
 * words is a heading only when written in capitals ("FECHA 24 de ..."),
 * so that "Fecha para realizar la mesa ..." stays text.
 */
static enum section plain_heading(const char *s, size_t len, size_t *content)
{
	size_t k, n, j;

	for (k = 0; k < sizeof(headings) / sizeof(headings[0]); k++) {
		n = mn_kw_word(s, len, headings[k].kw);
		if (!n)
			continue;
		j = n + mn_lskip(s + n, len - n);
		if (j < len && (s[j] == ':' || s[j] == '.' || s[j] == '-')) {
			j++;
		} else if (j < len && has_lower(s, n)) {
			return SEC_PREAMBLE;
		}
		*content = j + mn_lskip(s + j, len - j);
		return headings[k].sec;
	}
	return SEC_PREAMBLE;
}

/*
 * "6 ACUERDOS", "VI. ACUERDOS": a heading numbered in its text, as
 * antiword prints Word's numbered headings. Only a keyword alone and in
 * capitals, so that a topic "2. Acuerdos de la sesión anterior" stays an
 * item.
 */
static enum section numbered_heading(const char *s, size_t len,
				     size_t *content)
{
	size_t j = 0, c;
	enum section h;

	if (len && s[0] >= '0' && s[0] <= '9')
		while (j < len && j < 2 && s[j] >= '0' && s[j] <= '9')
			j++;
	else
		while (j < len && j < 4 && s[j] && strchr("IVX", s[j]))
			j++;
	if (!j)
		return SEC_PREAMBLE;
	if (j < len && (s[j] == '.' || s[j] == ')'))
		j++;
	if (j < len && s[j] == '-')
		j++;
	if (j >= len || !mn_is_blank((unsigned char)s[j]))
		return SEC_PREAMBLE;
	j += mn_lskip(s + j, len - j);
	h = plain_heading(s + j, len - j, &c);
	if (h == SEC_PREAMBLE || has_lower(s + j, len - j))
		return SEC_PREAMBLE;
	if (mn_rstrip(s + j + c, len - j - c, "", false))
		return SEC_PREAMBLE;
	*content = len;
	return h;
}

static enum section heading_of(const char *s, size_t len, size_t *content)
{
	enum section h = plain_heading(s, len, content);

	return h != SEC_PREAMBLE ? h : numbered_heading(s, len, content);
}

/* ---- OCR headings ----------------------------------------------------------- */

/*
 * Append the letters of the line @s to @buf (@n used of @size): ASCII
 * letters and Latin-1 ones (UTF-8 lead byte 0xC3), nothing else, so that
 * the blanks and stray marks OCR puts in a heading ("ACUER DOS",
 * "«ACUERDOS.", "ASISTENTES |") go. False if the line has a lower-case
 * letter (a heading is in capitals) or does not fit.
 */
static bool heading_letters(const char *s, size_t len, char *buf,
			    size_t size, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++) {
		if (u[i] >= 'a' && u[i] <= 'z')
			return false;
		if (u[i] >= 'A' && u[i] <= 'Z') {
			if (*n + 1 >= size)
				return false;
			buf[(*n)++] = s[i];
		} else if (u[i] == 0xC3 && i + 1 < len) {
			if (*n + 2 >= size)
				return false;
			buf[(*n)++] = s[i];
			buf[(*n)++] = s[++i];
		}
	}
	return true;
}

/* The section whose keyword, without its spaces, is all of @buf. */
static enum section letters_heading(const char *buf, size_t n)
{
	char kw[32];
	size_t k, i, j;

	if (!n)
		return SEC_PREAMBLE;
	for (k = 0; k < sizeof(headings) / sizeof(headings[0]); k++) {
		for (i = j = 0; headings[k].kw[i] && j + 1 < sizeof(kw); i++)
			if (headings[k].kw[i] != ' ')
				kw[j++] = headings[k].kw[i];
		kw[j] = '\0';
		if (mn_kw_match(buf, n, kw) == n)
			return headings[k].sec;
	}
	return SEC_PREAMBLE;
}

/* In OCR text, a line in capitals whose letters spell a keyword alone. */
static enum section ocr_heading(const char *s, size_t len)
{
	char buf[64];
	size_t n = 0;

	if (!heading_letters(s, len, buf, sizeof(buf), &n))
		return SEC_PREAMBLE;
	return letters_heading(buf, n);
}

/* heading_of(), and in OCR text ocr_heading() (which has no content). */
static enum section line_heading(bool ocr, const char *s, size_t len,
				 size_t *content)
{
	enum section h = heading_of(s, len, content);

	if (!ocr)
		return h;
	if (h != SEC_PREAMBLE) {
		/* "EVENTO," : OCR reads the colon as a comma. */
		if (*content < len && strchr(",;", s[*content]))
			*content += 1 + mn_lskip(s + *content + 1,
						 len - *content - 1);
		return h;
	}
	h = ocr_heading(s, len);
	*content = len;
	return h;
}

/* ---- List markers ------------------------------------------------------------- */

static bool blank_at(const char *s, size_t len, size_t i)
{
	return i < len && mn_is_blank((unsigned char)s[i]);
}

/* An ASCII or Latin-1 capital letter at @s[i]. */
static bool capital_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i < len && u[i] >= 'A' && u[i] <= 'Z')
		return true;
	return i + 1 < len && u[i] == 0xC3 && u[i + 1] >= 0x80 &&
	       u[i + 1] <= 0x9E;
}

/*
 * What Tesseract reads a bullet as, besides the typed ones: "«", "»",
 * "°", "©", "¢", ":", ";", ".", each before a blank; and the letters "e"
 * and "o" before a blank and a capital (*@weak then: "e Innovación" may
 * as well be a wrapped line, so the caller decides). 0 if none.
 */
static size_t ocr_bullet_len(const char *s, size_t len, bool *weak)
{
	static const char *const glyphs[] = {
		"\xC2\xAB", "\xC2\xBB", "\xC2\xB0", "\xC2\xA9", "\xC2\xA2",
		":", ";", ".", NULL
	};
	size_t k, n;

	*weak = false;
	for (k = 0; glyphs[k]; k++) {
		n = strlen(glyphs[k]);
		if (len > n && !memcmp(s, glyphs[k], n) && blank_at(s, len, n))
			return n;
	}
	if (len && (s[0] == 'e' || s[0] == 'o') && blank_at(s, len, 1) &&
	    capital_at(s, len, 1 + mn_lskip(s + 1, len - 1))) {
		*weak = true;
		return 1;
	}
	return 0;
}

static size_t bullet_len(const char *s, size_t len)
{
	static const char *const bullets[] = {
		"\xC2\xB7", "\xE2\x80\xA2", "\xE2\x97\x8F", "\xE2\x96\xAA",
		"\xE2\x97\xA6", "\xE2\x97\x8B", "\xE2\x96\xA0", "\xE2\x96\xBA",
		"\xE2\x80\x93", "\xE2\x80\x94", "\xEF\x82\xB7", NULL
	};
	size_t k, n;

	if (len && (s[0] == '-' || s[0] == '*' || s[0] == '+'))
		return len == 1 || !strchr("-*+=_", s[1]) ? 1 : 0;
	for (k = 0; bullets[k]; k++) {
		n = strlen(bullets[k]);
		if (len >= n && !memcmp(s, bullets[k], n))
			return n;
	}
	return 0;
}

/* After a numeral: "." or ")" (or ".-", "-"), then a blank or the end. */
static size_t numeral_end(const char *s, size_t len, size_t j)
{
	if (j >= len || (s[j] != '.' && s[j] != ')' && s[j] != '-'))
		return 0;
	j++;
	if (j < len && s[j] == '-')
		j++;
	return j == len || mn_is_blank((unsigned char)s[j]) ? j : 0;
}

/* "PRIMERO.-", "Segundo:" (capitalized, then punctuation). */
static size_t ordinal_word(const char *s, size_t len)
{
	static const char *const ordinals[] = {
		"primero", "segundo", "tercero", "cuarto", "quinto", "sexto",
		"septimo", "octavo", "noveno", "decimo", NULL
	};
	size_t k, n;

	if (!len || s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (k = 0; ordinals[k]; k++) {
		n = mn_kw_word(s, len, ordinals[k]);
		if (!n)
			continue;
		if (n < len && s[n] == ':')
			return n + 1 == len || mn_is_blank((unsigned char)s[n + 1]) ?
			       n + 1 : 0;
		return numeral_end(s, len, n);
	}
	return 0;
}

static enum marker marker_of(const char *s, size_t len, size_t *skip)
{
	size_t j = 0, e;

	*skip = 0;
	if ((e = bullet_len(s, len))) {
		*skip = e + mn_lskip(s + e, len - e);
		return MARK_BULLET;
	}
	while (j < len && j < 7 && strchr("IVXL", s[j]) && s[j])
		j++;
	if ((j && (e = numeral_end(s, len, j))) || (e = ordinal_word(s, len))) {
		*skip = e + mn_lskip(s + e, len - e);
		return MARK_ROMAN;
	}
	for (j = 0; j < len && j < 4 && s[j] >= '0' && s[j] <= '9'; j++)
		;
	if (j && j < 4 && (e = numeral_end(s, len, j))) {
		*skip = e + mn_lskip(s + e, len - e);
		return MARK_ARABIC;
	}
	if (len >= 2 && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) &&
	    (s[1] == ')' || (s[1] == '.' && (len == 2 || mn_is_blank((unsigned char)s[2]))))) {
		*skip = 2 + mn_lskip(s + 2, len - 2);
		return MARK_LETTER;
	}
	return MARK_NONE;
}

/*
 * The value of the Roman numeral @s spells (I, V, X, L; up to 89),
 * only in its usual spelling ("IIII" and "IL" are none): 0 if none.
 */
static unsigned roman_value(const char *s, size_t n)
{
	static const char *const units[] = {
		"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"
	};
	static const char *const tens[] = {
		"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX"
	};
	size_t t, u, lt, lu;

	for (t = 0; t < sizeof(tens) / sizeof(tens[0]); t++) {
		lt = strlen(tens[t]);
		if (lt > n || memcmp(s, tens[t], lt))
			continue;
		for (u = 0; u < 10; u++) {
			lu = strlen(units[u]);
			if (lt + lu == n && !memcmp(s + lt, units[u], lu) &&
			    (t || u))
				return (unsigned)(t * 10 + u);
		}
	}
	return 0;
}

/* The glyphs Tesseract reads an I as: "Il.", "lll.", "|.", "1I.",
 * "TIT.", "]V."; and "IL." for II, tried when L as 50 does not fit. "Iv."
 * has a lower-case V; "MI." is III, two I run together (no list gets
 * to M, 1000). */
#define OCR_I_GLYPHS "l1|!][T"

static char ocr_roman_glyph(char c)
{
	if (strchr(OCR_I_GLYPHS, c))
		return 'I';
	return c == 'v' ? 'V' : c == 'x' ? 'X' : c;
}

/*
 * Is @s a Roman numeral as OCR reads it, of value @expected (the next
 * number of the list)? With a "," for its "." too. The bytes up to its
 * blank in *@end. All digits ("1.", "11.") only if @digits: that is an
 * Arabic numeral unless the section is known to use Roman ones. Only the
 * expected number is taken, and only before "." or ")" and a blank, so
 * no word is ever read as a numeral.
 */
static bool ocr_roman(const char *s, size_t len, bool digits,
		      unsigned expected, size_t *end)
{
	char buf[16], alt[16];
	size_t j, k, n = 0;
	bool letter = false;

	for (j = 0; j < len && j < 7 && s[j] &&
		    strchr("IVXLMvx" OCR_I_GLYPHS, s[j]); j++) {
		if (s[j] == 'M')
			buf[n++] = 'I';
		buf[n++] = s[j] == 'M' ? 'I' : ocr_roman_glyph(s[j]);
		letter |= s[j] != '1';
	}
	/* "M." and "T." alone are initials ("M. en C."), never numerals. */
	if (!j || (!letter && !digits) || (j == 1 && strchr("MT", s[0])))
		return false;
	for (k = 0; k < n; k++)
		alt[k] = buf[k] == 'L' ? 'I' : buf[k];
	*end = numeral_end(s, len, j);
	if (!*end && j < len && s[j] == ',' &&
	    (j + 1 == len || blank_at(s, len, j + 1)))
		*end = j + 1;
	return *end && (roman_value(buf, n) == expected ||
			roman_value(alt, n) == expected);
}

static bool list_section(enum section sec)
{
	return sec == SEC_ATTENDEES || sec == SEC_TOPICS || sec == SEC_AGREEMENTS;
}

/* ---- First pass ------------------------------------------------------------------ */

static void layout_line(struct layout *l, enum section sec, const char *s,
			size_t len)
{
	size_t skip;
	enum marker mk;
	bool weak;

	if (!list_section(sec) || !len)
		return;
	mk = marker_of(s, len, &skip);
	/* The next numeral, or the one after it when OCR lost that one
	 * ("1," for "I."): only whether the section is Roman is decided. */
	if (l->ocr && mk != MARK_ROMAN) {
		if (ocr_roman(s, len, false, l->nroman[sec] + 1, &skip)) {
			mk = MARK_ROMAN;
		} else if (ocr_roman(s, len, false, l->nroman[sec] + 2,
				     &skip)) {
			mk = MARK_ROMAN;
			l->nroman[sec]++;
		}
	}
	if (l->ocr && mk == MARK_NONE && ocr_bullet_len(s, len, &weak))
		mk = MARK_BULLET;
	if (mk != MARK_NONE)
		l->marked[sec] = true;
	if (mk == MARK_ROMAN) {
		l->roman[sec] = true;
		l->nroman[sec]++;
	}
}

/*
 * The heading a labelled paragraph is, if any: Word numbers headings too
 * (label "1.", text "ACUERDOS"). Inside a list an item's text may begin
 * with a heading word ("Acuerdos: se revisan ..."), so there only the
 * keyword alone or in capitals makes a heading.
 */
static enum section label_heading(enum section cur, const char *s, size_t len,
				  size_t *content)
{
	enum section h = heading_of(s, len, content);

	if (h == SEC_PREAMBLE || !list_section(cur))
		return h;
	if (*content >= len || !has_lower(s, *content))
		return h;
	return SEC_PREAMBLE;
}

/* A labelled paragraph's text: what follows its label and the space. */
static struct stl_span label_text(const struct stl_block *b)
{
	size_t end = b->line.off + b->line.len;
	size_t off = b->label.off + b->label.len;

	if (off < end)
		off++;
	return (struct stl_span){ off, end - off };
}

/* The first pass over a labelled paragraph @b that is not a heading. */
static void layout_label(struct layout *l, enum section sec, const char *text,
			 const struct stl_block *b)
{
	size_t skip;

	if (!list_section(sec))
		return;
	l->marked[sec] = true;
	if (marker_of(text + b->label.off, b->label.len, &skip) == MARK_ROMAN)
		l->roman[sec] = true;
	if (!l->labelled[sec]) {
		l->labelled[sec] = true;
		l->base_level[sec] = b->level;
	}
}

/* The first pass over a paragraph, or a row read as a line. */
static void layout_para(struct layout *l, enum section *sec, const char *text,
			const struct stl_block *b)
{
	struct stl_span sp = b->label.len ? label_text(b) : b->line;
	const char *s = text + sp.off;
	size_t n = sp.len, skip = line_lskip(s, n), content;
	enum section h;

	s += skip;
	n -= skip;
	if (b->label.len) {
		n = mn_rstrip(s, n, "", false);
		if (!n)
			return;
		h = label_heading(*sec, s, n, &content);
	} else {
		h = line_heading(l->ocr, s, n, &content);
	}
	if (h != SEC_PREAMBLE) {
		*sec = h;
		layout_line(l, h, s + content, n - content);
	} else if (b->label.len) {
		layout_label(l, *sec, text, b);
	} else {
		layout_line(l, *sec, s, n);
	}
}

/* Does block @b lie inside the minute's text? (It always should.) */
static bool block_ok(const struct parser *p, const struct stl_block *b)
{
	return b->line.off <= p->m->text_len &&
	       b->line.len <= p->m->text_len - b->line.off;
}

/*
 * OCR breaks a long heading over two lines ("REUNIÓN DE" / "SEGUIMIENTO",
 * "TEMAS QUE" / "ABORDARON"): the section plain paragraphs @i and @i + 1
 * spell together as a heading alone, or SEC_PREAMBLE. Only in OCR text.
 */
static enum section split_heading(const struct parser *p, size_t i)
{
	const struct stl_block *a, *b;
	const char *t = p->m->text;
	char buf[64];
	size_t n = 0, first;

	if (!p->ocr || i + 1 >= p->in->nblocks)
		return SEC_PREAMBLE;
	a = &p->in->blocks[i];
	b = a + 1;
	if (a->kind != STL_BLOCK_PARA || b->kind != STL_BLOCK_PARA ||
	    a->label.len || b->label.len || !block_ok(p, a) || !block_ok(p, b))
		return SEC_PREAMBLE;
	if (!heading_letters(t + a->line.off, a->line.len, buf, sizeof(buf),
			     &n))
		return SEC_PREAMBLE;
	first = n;
	if (!first || !heading_letters(t + b->line.off, b->line.len, buf,
				       sizeof(buf), &n) || n == first)
		return SEC_PREAMBLE;
	return letters_heading(buf, n);
}

static stl_status_t scan_layout(struct parser *p)
{
	enum section sec = SEC_PREAMBLE;
	const struct stl_block *b;
	enum section h;
	stl_status_t st;
	size_t i;

	for (i = 0; i < p->in->nblocks; i++) {
		b = &p->in->blocks[i];
		if (!block_ok(p, b))
			continue;
		if ((h = split_heading(p, i)) != SEC_PREAMBLE) {
			sec = h;
			i++;
			continue;
		}
		if (b->kind == STL_BLOCK_ROW && b->table != p->tab.table) {
			st = mn_table_begin(&p->tab, p->in, p->m->text, b);
			if (st != STL_STATUS_SUCCESS)
				return st;
		}
		/* Rows of attendee and agreement tables are not list lines. */
		if (b->kind == STL_BLOCK_PARA || p->tab.kind == MN_TABLE_TEXT)
			layout_para(&p->layout, &sec, p->m->text, b);
	}
	p->tab.table = 0;	/* the second pass reads the headers again */
	return STL_STATUS_SUCCESS;
}

/* ---- Lists ------------------------------------------------------------------------- */

/* A topic is a title: its closing "." goes like the ";" of the items
 * before it. An agreement is a sentence and keeps it. */
static char *item_text(struct parser *p)
{
	const char *s = p->item.buf;
	size_t len = mn_rstrip(s, p->item.len, ";,",
			       p->item_sec == SEC_TOPICS);

	return mn_clean(s, len);
}

static void add_topic(struct parser *p, char *text)
{
	struct stl_minute *m = p->m;

	if (!mn_grow((void **)&m->topics, &p->alloc_top, m->ntopics + 1,
		     sizeof(char *))) {
		free(text);
		p->st = STL_STATUS_OUT_OF_MEMORY;
		return;
	}
	m->topics[m->ntopics++] = text;
}

static void add_agreement(struct parser *p, char *text)
{
	struct stl_minute *m = p->m;
	struct stl_agreement *ag;

	if (!mn_grow((void **)&p->cells, &p->alloc_cells, m->nagreements + 1,
		     sizeof(*p->cells)) ||
	    !mn_grow((void **)&m->agreements, &p->alloc_agr,
		     m->nagreements + 1, sizeof(*m->agreements))) {
		free(text);
		p->st = STL_STATUS_OUT_OF_MEMORY;
		return;
	}
	memset(&p->cells[m->nagreements], 0, sizeof(*p->cells));
	ag = &m->agreements[m->nagreements];
	memset(ag, 0, sizeof(*ag));
	ag->text = text;
	ag->number = (unsigned)++m->nagreements;
}

/* Keep @a (which then belongs to the minute) if it has a name. */
static void keep_attendee(struct parser *p, struct stl_attendee *a)
{
	struct stl_minute *m = p->m;

	if (p->st != STL_STATUS_SUCCESS || !a->name)
		return;
	if (!mn_grow((void **)&m->attendees, &p->alloc_att,
		     m->nattendees + 1, sizeof(*m->attendees))) {
		mn_attendee_release(a);
		p->st = STL_STATUS_OUT_OF_MEMORY;
		return;
	}
	m->attendees[m->nattendees++] = *a;
}

static void add_attendee(struct parser *p)
{
	struct stl_attendee a;

	p->st = mn_attendee_parse(p->item.buf, p->item.len, p->table,
				  &p->forms, &a);
	keep_attendee(p, &a);
}

static size_t list_count(const struct stl_minute *m, enum section sec)
{
	if (sec == SEC_ATTENDEES)
		return m->nattendees;
	return sec == SEC_TOPICS ? m->ntopics : m->nagreements;
}

static void flush_item(struct parser *p)
{
	char *text;

	if (!p->item_open)
		return;
	p->item_open = false;
	if (stl_strbuf_failed(&p->item)) {
		p->st = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	if (list_count(p->m, p->item_sec) >= MN_MAX_ITEMS)
		goto out;
	if (p->item_sec == SEC_ATTENDEES) {
		add_attendee(p);
		goto out;
	}
	text = item_text(p);
	if (!text) {
		p->st = STL_STATUS_OUT_OF_MEMORY;
	} else if (!*text) {
		free(text);
	} else if (p->item_sec == SEC_TOPICS) {
		add_topic(p, text);
	} else {
		add_agreement(p, text);
	}
out:
	stl_strbuf_reset(&p->item);
}

/* Does a line without a marker continue the open item? */
static bool continues(const struct parser *p, enum section sec)
{
	size_t len;

	if (!p->item_open || !p->layout.marked[sec])
		return false;
	if (sec != SEC_ATTENDEES)
		return true;
	/* An attendee entry ends with ';' or '.' (OCR reads a ';' as ':'
	 * too); a line after it is the next entry even without a bullet. */
	len = mn_rstrip(p->item.buf, p->item.len, "", false);
	return len && p->item.buf[len - 1] != ';' &&
	       p->item.buf[len - 1] != '.' &&
	       !(p->ocr && p->item.buf[len - 1] == ':');
}

/* The number the next item of section @sec would have. */
static unsigned next_number(const struct parser *p, enum section sec)
{
	return (unsigned)list_count(p->m, sec) +
	       (p->item_open && p->item_sec == sec) + 1;
}

/*
 * The marker of an OCR line, @mk being what marker_of() found: under
 * Roman numerals, a misread one ("Il.", "lll.", "1.") if it is the next
 * number; else an OCR bullet if there is no marker, but a letter ("e")
 * not where the line would continue the item above anyway.
 */
static enum marker ocr_marker(const struct parser *p, enum section sec,
			      const char *s, size_t len, enum marker mk,
			      size_t *skip)
{
	size_t e;
	bool weak;

	if (mk != MARK_ROMAN && p->layout.roman[sec] && sec != SEC_ATTENDEES &&
	    ocr_roman(s, len, true, next_number(p, sec), &e)) {
		*skip = e + mn_lskip(s + e, len - e);
		return MARK_ROMAN;
	}
	if (mk != MARK_NONE)
		return mk;
	e = ocr_bullet_len(s, len, &weak);
	if (!e || (weak && continues(p, sec)))
		return MARK_NONE;
	*skip = e + mn_lskip(s + e, len - e);
	return MARK_BULLET;
}

/* A printed line at least this long may have been wrapped: shorter ones
 * are a list's short items ("Participación del CPC"). A4 at 11 points
 * holds some 80. */
#define OCR_WRAPPED_CHARS 50

static size_t utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/*
 * In OCR text without list markers, does a line continue the item above?
 * OCR breaks a paragraph into its printed lines, and Tesseract leaves a
 * blank line between paragraphs: a line goes on when the one above was
 * long enough to have been wrapped, and neither a blank line nor the end
 * of a sentence (".", ";", ":") came between.
 */
static bool ocr_continues(const struct parser *p, enum section sec,
			  size_t above)
{
	size_t len;

	if (!p->ocr || p->layout.marked[sec] || !p->item_open ||
	    p->item_sec != sec || p->gap || above < OCR_WRAPPED_CHARS)
		return false;
	len = mn_rstrip(p->item.buf, p->item.len, "", false);
	return len && !strchr(".;:", p->item.buf[len - 1]);
}

static void list_line(struct parser *p, const char *s, size_t len)
{
	enum section sec = p->sec;
	size_t skip, above = p->last_chars;
	enum marker mk;
	bool starts;

	mk = marker_of(s, len, &skip);
	if (p->ocr) {
		mk = ocr_marker(p, sec, s, len, mk, &skip);
		p->last_chars = utf8_chars(s, len);
	}
	if (p->layout.roman[sec] && sec != SEC_ATTENDEES)
		starts = mk == MARK_ROMAN;
	else
		starts = mk != MARK_NONE;
	if (!starts && (continues(p, sec) || ocr_continues(p, sec, above))) {
		stl_strbuf_addch(&p->item, ' ');
		stl_strbuf_add(&p->item, s, len);
		return;
	}
	flush_item(p);
	if (starts) {
		s += skip;
		len -= skip;
	}
	p->item_open = true;
	p->item_sec = sec;
	stl_strbuf_add(&p->item, s, len);
}

/*
 * A labelled paragraph in a list section; @s is its text. The marker is
 * the label's, not guessed from the text. Deeper than the section's first
 * labelled item, it continues the item above ("a)" under "II."), and
 * under Roman numerals only a Roman label starts an item, as in text.
 */
static void list_label(struct parser *p, const struct stl_block *b,
		       const char *s, size_t len)
{
	enum section sec = p->sec;
	const char *line = p->m->text + b->label.off;
	size_t skip;
	bool starts;

	starts = !(p->layout.labelled[sec] &&
		   b->level > p->layout.base_level[sec]);
	if (starts && p->layout.roman[sec] && sec != SEC_ATTENDEES)
		starts = marker_of(line, b->label.len, &skip) == MARK_ROMAN;
	if (!starts && p->item_open) {
		/* Kept with its label, as a typed sub-item would be. */
		stl_strbuf_addch(&p->item, ' ');
		stl_strbuf_add(&p->item, line, (size_t)(s + len - line));
		return;
	}
	flush_item(p);
	p->item_open = true;
	p->item_sec = sec;
	stl_strbuf_add(&p->item, s, len);
}

/* ---- Preamble and one-paragraph fields ----------------------------------------------- */

static void preamble_line(struct parser *p, const char *s, size_t len)
{
	struct span sp = { (size_t)(s - p->m->text), len };
	struct mn_date d;
	bool minuta = mn_kw_find(s, len < 256 ? len : 256, "minuta");

	if (!minuta && !p->place_line.len && mn_find_date(s, len, 0, 0, &d)) {
		p->place_line = sp;
		return;
	}
	if (!p->title_line.len || (minuta && !p->title_is_minuta)) {
		p->title_line = sp;
		p->title_is_minuta = minuta;
	}
}

static void scalar_line(struct parser *p, const char *s, size_t len)
{
	struct stl_strbuf *sb = &p->scalar[p->sec];

	if (p->closed[p->sec])
		return;
	if (sb->len)
		stl_strbuf_addch(sb, ' ');
	stl_strbuf_add(sb, s, len);
}

static void content_line(struct parser *p, const char *s, size_t len)
{
	if (!len)
		return;
	if (list_section(p->sec))
		list_line(p, s, len);
	else if (p->sec == SEC_FOLLOWUP)
		p->st = mn_followup_line(p->m, &p->alloc_fol, s, len);
	else if (p->sec == SEC_PREAMBLE)
		preamble_line(p, s, len);
	else
		scalar_line(p, s, len);
}

static void blank_line(struct parser *p)
{
	/* A blank line ends the paragraph of a one-paragraph field. */
	if (p->sec != SEC_PREAMBLE && p->sec < NSCALARS &&
	    p->scalar[p->sec].len)
		p->closed[p->sec] = true;
	p->gap = true;
}

static void parse_line(struct parser *p, const char *s, size_t len)
{
	size_t skip = line_lskip(s, len), content;
	enum section h;

	s += skip;
	len = mn_rstrip(s, len - skip, "", false);
	if (!len) {
		blank_line(p);
		return;
	}
	if (image_line(s, len))
		return;
	h = line_heading(p->ocr, s, len, &content);
	if (h != SEC_PREAMBLE) {
		flush_item(p);
		p->sec = h;
		content_line(p, s + content, len - content);
	} else {
		content_line(p, s, len);
	}
	p->gap = false;
}

/*
 * A paragraph with a list label. A heading is a heading whatever its
 * number; outside lists (preamble, one-paragraph fields) the paragraph is
 * read as the line "label text" it spells.
 */
static void parse_label(struct parser *p, const struct stl_block *b)
{
	struct stl_span sp = label_text(b);
	const char *s = p->m->text + sp.off;
	size_t len = sp.len, skip = line_lskip(s, len), content;
	enum section h;

	s += skip;
	len = mn_rstrip(s, len - skip, "", false);
	if (!len || image_line(s, len))
		return;		/* an empty numbered paragraph says nothing */
	h = label_heading(p->sec, s, len, &content);
	if (h != SEC_PREAMBLE) {
		flush_item(p);
		p->sec = h;
		content_line(p, s + content, len - content);
	} else if (list_section(p->sec)) {
		list_label(p, b, s, len);
	} else {
		content_line(p, p->m->text + b->label.off,
			     (size_t)(s + len - (p->m->text + b->label.off)));
	}
}

/* ---- Tables ---------------------------------------------------------------- */

/* Cell @col of row @b, cleaned, without trailing ";,"; NULL if empty or
 * out of memory (then p->st says so). */
static char *cell_string(struct parser *p, const struct stl_block *b,
			 enum mn_col col)
{
	struct stl_span c = mn_table_cell(&p->tab, p->in, b, col);
	const char *s = p->m->text + c.off;
	char *v;

	if (!c.len)
		return NULL;
	v = mn_clean(s, c.len);
	if (!v) {
		p->st = STL_STATUS_OUT_OF_MEMORY;
		return NULL;
	}
	v[mn_rstrip(v, strlen(v), ";,", false)] = '\0';
	if (!*v) {
		free(v);
		return NULL;
	}
	return v;
}

static void table_attendee(struct parser *p, const struct stl_block *b)
{
	struct stl_span n = mn_table_cell(&p->tab, p->in, b, MN_COL_NAME);
	struct stl_span r = mn_table_cell(&p->tab, p->in, b, MN_COL_ROLE);
	struct stl_span i = mn_table_cell(&p->tab, p->in, b, MN_COL_INST);
	const char *t = p->m->text;
	struct stl_attendee a;

	if (p->m->nattendees >= MN_MAX_ITEMS)
		return;
	p->st = mn_attendee_fields(t + n.off, n.len, t + r.off, r.len,
				   t + i.off, i.len, p->table, &p->forms, &a);
	keep_attendee(p, &a);
}

/* One agreement per row: its text without a numeral, and the Responsable
 * and Fecha/Plazo cells for mn_resolve_agreements(). */
static void table_agreement(struct parser *p, const struct stl_block *b)
{
	struct stl_span c = mn_table_cell(&p->tab, p->in, b, MN_COL_AGREEMENT);
	const char *s = p->m->text + c.off;
	size_t len = c.len, skip = line_lskip(s, len);
	struct mn_agreement_cells *cells;
	char *text;

	if (p->m->nagreements >= MN_MAX_ITEMS)
		return;
	s += skip;
	len -= skip;
	if (marker_of(s, len, &skip) != MARK_NONE) {
		s += skip;
		len -= skip;
	}
	text = mn_clean(s, mn_rstrip(s, len, ";,", false));
	if (!text || !*text) {
		if (!text)
			p->st = STL_STATUS_OUT_OF_MEMORY;
		free(text);
		return;		/* a row without an agreement: none */
	}
	add_agreement(p, text);
	if (p->st != STL_STATUS_SUCCESS)
		return;
	cells = &p->cells[p->m->nagreements - 1];
	cells->responsible = cell_string(p, b, MN_COL_RESPONSIBLE);
	cells->due = cell_string(p, b, MN_COL_DUE);
}

/* One statement per row: number, minute's date, status. */
static void table_followup(struct parser *p, const struct stl_block *b)
{
	struct stl_span n = mn_table_cell(&p->tab, p->in, b, MN_COL_NUMBER);
	struct stl_span d = mn_table_cell(&p->tab, p->in, b, MN_COL_MINUTE);
	struct stl_span s = mn_table_cell(&p->tab, p->in, b, MN_COL_STATUS);
	const char *t = p->m->text;

	if (!n.len)
		n = mn_table_cell(&p->tab, p->in, b, MN_COL_AGREEMENT);
	if (!d.len)
		d = mn_table_cell(&p->tab, p->in, b, MN_COL_DUE);
	p->st = mn_followup_cells(p->m, &p->alloc_fol, t + n.off, n.len,
				  t + d.off, d.len, t + s.off, s.len);
}

/*
 * A row. The first of a table is its header: an attendee or agreement
 * table is that wherever it stands; any other table is text, each row
 * the line it spells.
 */
static void parse_row(struct parser *p, const struct stl_block *b)
{
	bool header = b->table != p->tab.table, again;

	if (header) {
		p->st = mn_table_begin(&p->tab, p->in, p->m->text, b);
		if (p->st != STL_STATUS_SUCCESS)
			return;
	}
	if (p->tab.kind == MN_TABLE_TEXT) {
		parse_line(p, p->m->text + b->line.off, b->line.len);
		return;
	}
	flush_item(p);
	if (header)
		return;
	p->st = mn_table_is_header(&p->tab, p->m->text, b, &again);
	if (p->st != STL_STATUS_SUCCESS || again)
		return;
	if (p->tab.kind == MN_TABLE_ATTENDEES)
		table_attendee(p, b);
	else if (p->tab.kind == MN_TABLE_FOLLOWUPS)
		table_followup(p, b);
	else
		table_agreement(p, b);
}

static void parse_block(struct parser *p, const struct stl_block *b)
{
	if (!block_ok(p, b))
		return;
	if (b->kind == STL_BLOCK_ROW)
		parse_row(p, b);
	else if (b->label.len)
		parse_label(p, b);
	else
		parse_line(p, p->m->text + b->line.off, b->line.len);
}

/* ---- Putting the fields together ------------------------------------------------------ */

/*
 * Set *@dst to the cleaned @s without trailing @punct (and a final dot),
 * or leave it NULL when nothing is left. False only when out of memory.
 */
static bool set_field(char **dst, const char *s, size_t len, const char *punct)
{
	char *v;

	len = mn_rstrip(s, len, punct, true);
	if (!len)
		return true;
	v = mn_clean(s, len);
	if (!v)
		return false;
	if (*v)
		*dst = v;
	else
		free(v);
	return true;
}

/* "Metepec a 24 de septiembre" -> "Metepec"; "Metepec, Estado de México,
 * a ..." -> "Metepec". */
static bool set_city(char **dst, const char *s, size_t date_start)
{
	size_t len = mn_rstrip(s, date_start, ",", false), w, i;

	for (w = len; w && !mn_is_blank((unsigned char)s[w - 1]); w--)
		;
	if (w && (mn_kw_word(s + w, len - w, "a") == len - w ||
		  mn_kw_word(s + w, len - w, "al") == len - w))
		len = mn_rstrip(s, w, ",", false);
	for (i = 0; i < len && s[i] != ','; i++)
		;
	return set_field(dst, s, i, "");
}

static bool set_strings(struct parser *p, struct mn_date *header)
{
	struct stl_minute *m = p->m;
	const char *pl = m->text + p->place_line.off;
	const struct stl_strbuf *ev = &p->scalar[SEC_EVENT];
	const struct stl_strbuf *pc = &p->scalar[SEC_PLACE];

	memset(header, 0, sizeof(*header));
	if (p->place_line.len &&
	    mn_find_date(pl, p->place_line.len, 0, 0, header) &&
	    !set_city(&m->city, pl, header->start))
		return false;
	if (!set_field(&m->title, m->text + p->title_line.off,
		       p->title_line.len, ":"))
		return false;
	/* The document's own title (a PDF's) when the text has none. */
	if (!m->title && p->in->title &&
	    !set_field(&m->title, p->in->title, strlen(p->in->title), ":"))
		return false;
	return set_field(&m->event, ev->buf, ev->len, ";,:") &&
	       set_field(&m->medium, pc->buf, pc->len, ";,:");
}

static void set_dates(struct parser *p, const struct mn_date *header)
{
	struct stl_minute *m = p->m;
	const struct stl_strbuf *fecha = &p->scalar[SEC_DATE];
	const struct stl_strbuf *next = &p->scalar[SEC_NEXT];
	struct mn_date d;
	int year;

	if (mn_find_date(fecha->buf, fecha->len, 0, header->year, &d) && d.valid)
		mn_date_format(&d, m->date);
	else if (p->place_line.len && header->valid)
		mn_date_format(header, m->date);
	else if (p->in->date[0])
		memcpy(m->date, p->in->date, sizeof(m->date));
	if (!mn_find_time(fecha->buf, fecha->len, m->time) &&
	    !mn_find_time(p->scalar[SEC_TIME].buf, p->scalar[SEC_TIME].len, m->time) &&
	    p->place_line.len)
		mn_find_time(m->text + p->place_line.off, p->place_line.len, m->time);
	year = m->date[0] ? atoi(m->date) : header->year;
	if (mn_find_date(next->buf, next->len, 0, year, &d) && d.valid) {
		if (p->ocr)
			mn_date_fit_weekday(next->buf, next->len, &d);
		mn_date_format(&d, m->next_date);
	}
	mn_find_time(next->buf, next->len, m->next_time);
}

static void set_missing(struct stl_minute *m)
{
	if (!m->date[0])
		m->missing |= STL_MISSING_DATE;
	if (!m->event)
		m->missing |= STL_MISSING_EVENT;
	if (!m->medium)
		m->missing |= STL_MISSING_PLACE;
	if (!m->nattendees)
		m->missing |= STL_MISSING_ATTENDEES;
	if (!m->ntopics)
		m->missing |= STL_MISSING_TOPICS;
	if (!m->nagreements)
		m->missing |= STL_MISSING_AGREEMENTS;
	if (!m->next_date[0])
		m->missing |= STL_MISSING_NEXT_MEETING;
}

/* ---- Entry points ----------------------------------------------------------------------- */

/* The text with CR LF and lone CR made LF. */
static char *normalize(const char *text, size_t len, size_t *out_len)
{
	char *t = malloc(len + 1);
	size_t i, n = 0;

	if (!t)
		return NULL;
	for (i = 0; i < len; i++) {
		if (text[i] == '\r') {
			t[n++] = '\n';
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
			continue;
		}
		t[n++] = text[i];
	}
	t[n] = '\0';
	*out_len = n;
	return t;
}

static void parser_release(struct parser *p)
{
	size_t k;

	for (k = 0; k < NSCALARS; k++)
		stl_strbuf_release(&p->scalar[k]);
	stl_strbuf_release(&p->item);
	mn_forms_release(&p->forms);
	mn_table_release(&p->tab);
	for (k = 0; p->cells && k < p->m->nagreements; k++) {
		free(p->cells[k].responsible);
		free(p->cells[k].due);
	}
	free(p->cells);
}

static stl_status_t parse_blocks(struct parser *p)
{
	struct stl_minute *m = p->m;
	struct mn_date header;
	enum section h;
	size_t i;

	p->st = scan_layout(p);
	if (p->st == STL_STATUS_SUCCESS)
		p->st = mn_forms_add_table(&p->forms, p->table);
	for (i = 0; p->st == STL_STATUS_SUCCESS && i < p->in->nblocks; i++) {
		h = split_heading(p, i);
		if (h == SEC_PREAMBLE) {
			parse_block(p, &p->in->blocks[i]);
			continue;
		}
		flush_item(p);
		p->sec = h;
		p->gap = false;
		i++;
	}
	if (p->st == STL_STATUS_SUCCESS)
		flush_item(p);
	if (p->st != STL_STATUS_SUCCESS)
		return p->st;
	for (i = 0; i < NSCALARS; i++)
		if (stl_strbuf_failed(&p->scalar[i]))
			return STL_STATUS_OUT_OF_MEMORY;
	if (!set_strings(p, &header))
		return STL_STATUS_OUT_OF_MEMORY;
	set_dates(p, &header);
	mn_followups_resolve(m);
	p->st = mn_resolve_agreements(m, p->table, p->cells, p->ocr);
	set_missing(m);
	return p->st;
}

/*
 * Parse the blocks of @in, whose spans are of @text (@len bytes; owned by
 * the new minute from here on, freed when this fails).
 */
static stl_status_t parse(const struct stl_stext *in, char *text, size_t len,
			  const struct stl_institutions *institutions,
			  struct stl_minute **out)
{
	struct parser p;
	stl_status_t st;
	size_t k;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	for (k = 0; k < NSCALARS; k++)
		p.scalar[k] = (struct stl_strbuf)STL_STRBUF_INIT;
	p.item = (struct stl_strbuf)STL_STRBUF_INIT;
	p.forms = (struct mn_forms)MN_FORMS_INIT;
	p.tab = (struct mn_table)MN_TABLE_INIT;
	p.in = in;
	p.table = institutions;
	p.ocr = in->ocr_confidence >= 0;
	p.layout.ocr = p.ocr;
	p.forms.ocr = p.ocr;
	p.m = calloc(1, sizeof(*p.m));
	if (!p.m || !text) {
		free(p.m);
		free(text);
		return STL_STATUS_OUT_OF_MEMORY;
	}
	p.m->text = text;
	p.m->text_len = len;
	st = parse_blocks(&p);
	parser_release(&p);
	if (st != STL_STATUS_SUCCESS) {
		stl_minute_destroy(p.m);
		return st;
	}
	*out = p.m;
	return STL_STATUS_SUCCESS;
}

stl_status_t stl_minute_parse_stext(const struct stl_stext *st,
				    const struct stl_institutions *institutions,
				    struct stl_minute **out)
{
	size_t len = 0;
	char *text;

	*out = NULL;
	if (!st)
		return STL_STATUS_INVALID_ARGUMENT;
	if (st->failed)
		return STL_STATUS_OUT_OF_MEMORY;	/* it lacks blocks */
	text = normalize(st->text.buf ? st->text.buf : "", st->text.len, &len);
	return parse(st, text, len, institutions, out);
}

stl_status_t stl_minute_parse(const char *text, size_t len,
			      const struct stl_institutions *institutions,
			      struct stl_minute **out)
{
	struct stl_stext st = STL_STEXT_INIT;
	stl_status_t ret;
	size_t n = 0;
	char *t;

	*out = NULL;
	if (!text) {
		text = "";
		len = 0;
	}
	ret = stl_stext_from_lines(&st, text, len);
	/*
	 * The minute keeps the text as given, CR LF made LF, rather than the
	 * structured text's spelling of it (tabs made spaces, a last LF
	 * added): its lines, and so every span, are at the same offsets.
	 */
	if (ret == STL_STATUS_SUCCESS) {
		t = normalize(text, len, &n);
		ret = parse(&st, t, n, institutions, out);
	}
	stl_stext_release(&st);
	return ret;
}

void stl_minute_destroy(struct stl_minute *m)
{
	size_t i, k;

	if (!m)
		return;
	free(m->city);
	free(m->title);
	free(m->event);
	free(m->medium);
	for (i = 0; i < m->nattendees; i++)
		mn_attendee_release(&m->attendees[i]);
	free(m->attendees);
	for (i = 0; i < m->ntopics; i++)
		free(m->topics[i]);
	free(m->topics);
	for (i = 0; i < m->nagreements; i++) {
		free(m->agreements[i].text);
		for (k = 0; k < m->agreements[i].npersons; k++)
			free(m->agreements[i].persons[k]);
		free(m->agreements[i].persons);
	}
	free(m->agreements);
	free(m->followups);
	free(m->text);
	free(m);
}

char *stl_minute_missing_describe(unsigned missing)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
		{ STL_MISSING_DATE, "fecha" },
		{ STL_MISSING_EVENT, "evento" },
		{ STL_MISSING_PLACE, "lugar" },
		{ STL_MISSING_ATTENDEES, "asistentes" },
		{ STL_MISSING_TOPICS, "temas" },
		{ STL_MISSING_AGREEMENTS, "acuerdos" },
		{ STL_MISSING_NEXT_MEETING, "reunión de seguimiento" },
	};
	struct stl_strbuf sb = STL_STRBUF_INIT;
	size_t k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (!(missing & names[k].bit))
			continue;
		if (sb.len)
			stl_strbuf_addstr(&sb, ", ");
		stl_strbuf_addstr(&sb, names[k].name);
	}
	if (!sb.len)
		return NULL;
	return stl_strbuf_detach(&sb, NULL);
}
