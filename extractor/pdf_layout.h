/*
 * pdf_layout.h - the page geometry of the .pdf reader: pdf_layout.c makes
 * the words, lines and segments of each page from poppler's character
 * rectangles and says what each line is (body, page header or footer,
 * footnote, table, prose in columns); pdf.c makes the paragraphs and
 * tables of the structured text from them.
 */
#ifndef STL_PDF_LAYOUT_H
#define STL_PDF_LAYOUT_H

#include <poppler.h>
#include <stdbool.h>
#include <stddef.h>

#include "stl/stext.h"
#include "stl/strbuf.h"

/* How far off a column's edge a cell may start, in font heights. */
#define ALIGN_EM 0.15
/* Columns of a table, at most; blocks of prose in columns a page. */
#define MAX_COLS STL_STEXT_MAX_CELLS
#define MAX_PROSE 16

/* A word: bytes of the page text, where it is, and where its text is in
 * the page's line texts (->lt). */
struct pdf_word {
	size_t off, len;
	double x0, x1, top, bottom;
	size_t toff;
	bool space_before;	/* poppler wrote a space before it */
};

enum line_kind {
	LINE_BODY,
	LINE_FURNITURE,
	LINE_FOOTNOTE,
	LINE_TABLE,
	LINE_COLUMNS,		/* in a block of text set in columns */
};

struct pdf_line {
	size_t w, nw;		/* ->words[w .. w + nw), left to right */
	size_t off, len;	/* its text in ->lt */
	double x0, x1, top, bottom;
	double em;		/* its font height */
	double space;		/* its usual gap between words; 0: none */
	enum line_kind kind;
	unsigned table;		/* LINE_TABLE, _COLUMNS: ->tables or
				 * ->prose index + 1 */
	bool row;		/* LINE_TABLE: the first line of a row */
	bool label;		/* its first segment is a list label */
};

/* A block of prose in two or three columns: where each column is. */
struct pdf_prose {
	int ncols;
	double cut[2];		/* the gutters' middles */
	double left[3], right[3];
};

/* A table of a page: its columns' left edges, left to right. */
struct pdf_table {
	int ncols;
	double cols[MAX_COLS];
};

struct pdf_page {
	char *text;		/* poppler's */
	struct pdf_word *words;
	size_t nwords;
	struct pdf_line *lines;
	size_t nlines;
	struct stl_strbuf lt;	/* the lines' texts, one after another */
	double spacing;		/* usual distance between line tops */
	double em;		/* usual font height */
	double space;		/* usual space between words */
	bool geom;		/* the words have rectangles */
	struct pdf_prose *prose;	/* see LINE_COLUMNS; malloc'ed */
	unsigned nprose;
	struct pdf_table *tables;	/* see LINE_TABLE; malloc'ed */
	unsigned ntables;
};

/* Words [a, b) of a line: a segment, a phrase, a cell's part. */
struct pdf_seg {
	size_t a, b;
	double x0, x1;
	bool far;		/* a gap of over FAR_EM before it */
};

/* Whitespace as poppler's text has it (NBSP too). */
bool pdf_is_space(gunichar c);
/* Bytes of line @l's text; of words [a, b) of one line. */
const char *pdf_line_str(const struct pdf_page *pg,
			    const struct pdf_line *l, size_t *len);
const char *pdf_words_str(const struct pdf_page *pg, size_t a, size_t b,
			     size_t *len);
/* Line @l cut into segments at wide gaps, into @s (room for @max). */
size_t pdf_line_segs(const struct pdf_page *pg, const struct pdf_line *l,
			struct pdf_seg *s, size_t max);
/* A list marker or ordinal begins @s: "1.", "1)", "II.", "a)", "•". */
bool pdf_starts_marker(const char *s, size_t n);
/* No lowercase letter and at least two capitals. */
bool pdf_all_caps(const char *s, size_t n);
/* Ends with a letter and "-", and @next begins in lowercase. */
bool pdf_hyphenated(const char *s, size_t n, const char *next, size_t nn);
/* Ends with ".", ":" or ";". */
bool pdf_ends_sentence(const char *s, size_t n);
/* Equal but for digits and spaces: "Página 3" and "Página 4". */
bool pdf_same_but_numbers(const char *a, size_t an, const char *b,
			     size_t bn);
/* Line @l begins with a digit or "*" (a footnote's number). */
bool pdf_starts_digit(const struct pdf_page *pg, const struct pdf_line *l);
/* Words of line @l in column @c of block @b: [*a, *e); false if none. */
bool pdf_prose_words(const struct pdf_page *pg, const struct pdf_line *l,
			const struct pdf_prose *b, int c, size_t *a, size_t *e);
/* The words of line @l in column @c of table @t: [*a, *e); false if
 * none. */
bool pdf_cell_words(const struct pdf_page *pg, const struct pdf_line *l,
		    const struct pdf_table *t, int c, size_t *a, size_t *e);
/* The words and lines of @pg->text (rectangles: one a character, or
 * NULL). False on OOM. */
bool pdf_page_lines(struct pdf_page *pg, const PopplerRectangle *rects,
		       guint nrects);
/* What each line of every page is (enum line_kind, labels, rows). */
void pdf_classify(struct pdf_page *pages, int n);

#endif /* STL_PDF_LAYOUT_H */
