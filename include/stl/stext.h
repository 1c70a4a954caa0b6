/*
 * stext.h - structured text: what every format's extractor gives the
 * minutes parser, whatever the file was (.txt, .md, .docx, .odt, .pdf,
 * .doc, .rtf).
 *
 * A structured text is a sequence of blocks. A block is either a
 * paragraph, with an optional list label (the "II." or "1." Word shows
 * but keeps in numbering.xml, not in the text) and a list level, or one
 * row of a table, as cells. The parser reads the structure and never
 * learns where it came from. A .txt or .md file is one paragraph a line,
 * without labels (stl_stext_from_lines()).
 *
 * The blocks also spell one plain text, ->text, one line a block: a
 * paragraph is "label text" (label and a space, when there is a label),
 * a row is its cells joined by " | ". That text is what is indexed in
 * full and what snippets quote, so a hit shows "II. Se acuerda ..." as
 * the document does.
 *
 * Extractors run in another process (stlextract) and send a structured
 * text over a pipe in a line format (stl_stext_write(), stl_stext_read()):
 *
 *   P<level>\t<label>\t<text>\n	a paragraph (level 0..9)
 *   T\n				a table begins
 *   R\t<cell>\t<cell>...\n		one row (at least one cell)
 *   E\n				the table ends
 *   M\t<key>\t<value>\n		metadata: "title", "date" (YYYY-MM-DD)
 *
 * Tabs, CR and LF inside a label, text, cell or value are written as
 * spaces; every other byte is passed as is (the parser cleans invalid
 * UTF-8 and control characters).
 *
 * Ownership: a struct stl_stext owns its buffers; init it with
 * STL_STEXT_INIT or stl_stext_init(), release it with stl_stext_release()
 * (which leaves it empty and reusable). Builder calls never fail halfway:
 * on OOM they set ->failed, do nothing further, and every later call
 * returns STL_STATUS_OUT_OF_MEMORY too.
 */
#ifndef STL_STEXT_H
#define STL_STEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/status.h"
#include "stl/strbuf.h"

enum stl_block_kind {
	STL_BLOCK_PARA,
	STL_BLOCK_ROW,
};

/* A span of ->text. */
struct stl_span {
	size_t off, len;
};

struct stl_block {
	enum stl_block_kind kind;
	struct stl_span line;	/* the whole line in ->text, without its LF */
	struct stl_span label;	/* a paragraph's label, inside ->line; len 0: none */
	unsigned level;		/* a paragraph's list level, 0 outside lists */
	unsigned table;		/* a row's table, 1-based in order; 0: paragraph */
	size_t cell, ncells;	/* a row's cells: ->cells[cell .. cell+ncells) */
};

/* Largest list level kept (deeper ones are written as this one). */
#define STL_STEXT_MAX_LEVEL 9

/* Cells of one row beyond this many are joined into the last one. */
#define STL_STEXT_MAX_CELLS 64

struct stl_stext {
	struct stl_strbuf text;	/* one line a block, LF-terminated */
	struct stl_block *blocks;
	size_t nblocks, alloc_blocks;
	struct stl_span *cells;	/* spans of ->text */
	size_t ncells, alloc_cells;
	unsigned ntables;	/* tables begun so far */
	bool in_table, in_row;
	char *title;		/* metadata "title", or NULL */
	char date[11];		/* metadata "date", "YYYY-MM-DD" or "" */
	/*
	 * Metadata "ocr": the text was read off page images by OCR, so it
	 * may hold recognition errors the parser should tolerate; -1 when
	 * it was not, else Tesseract's mean word confidence, 0..100.
	 */
	int ocr_confidence;
	bool failed;		/* a builder call ran out of memory */
};

#define STL_STEXT_INIT \
	{ STL_STRBUF_INIT, NULL, 0, 0, NULL, 0, 0, 0, false, false, NULL, "", \
	  -1, false }

void stl_stext_init(struct stl_stext *st);
/* Free everything @st holds and leave it as after init. NULL is fine. */
void stl_stext_release(struct stl_stext *st);

/*
 * Append a paragraph. @label (NUL-terminated, may be NULL or "") is its
 * list label without trailing spaces; @text of @len bytes is its text
 * (line breaks inside become spaces). @level is clamped to
 * STL_STEXT_MAX_LEVEL. A paragraph inside a table (between table_begin and
 * table_end but outside a row) is allowed and ends nothing. Returns
 * SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t stl_stext_para(struct stl_stext *st, const char *label,
			    const char *text, size_t len, unsigned level);

/*
 * Tables: table_begin, then per row row_begin, cells, row_end, then
 * table_end. A row without cells is dropped; table_end closes an open
 * row; row_begin outside a table begins one. Each returns SUCCESS or
 * OUT_OF_MEMORY.
 */
stl_status_t stl_stext_table_begin(struct stl_stext *st);
stl_status_t stl_stext_row_begin(struct stl_stext *st);
stl_status_t stl_stext_cell(struct stl_stext *st, const char *text, size_t len);
stl_status_t stl_stext_row_end(struct stl_stext *st);
stl_status_t stl_stext_table_end(struct stl_stext *st);

/* Metadata an extractor found besides the text (a PDF's title and
 * creation date), used only where the text lacks them. @date must be
 * "YYYY-MM-DD" or it is ignored. SUCCESS or OUT_OF_MEMORY. */
stl_status_t stl_stext_set_title(struct stl_stext *st, const char *title);
void stl_stext_set_date(struct stl_stext *st, const char *date);

/*
 * @text (UTF-8, any of LF, CR LF or CR line ends) as one paragraph a
 * line, without labels: what a .txt or .md minute is. Appends to @st.
 * SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t stl_stext_from_lines(struct stl_stext *st, const char *text,
				  size_t len);

/* Bytes of ->text the blocks have so far (the builder's own count, used
 * by extractors to stop at an output limit). */
static inline size_t stl_stext_size(const struct stl_stext *st)
{
	return st->text.len;
}

/* Append @st in the line format above to @out. SUCCESS or OUT_OF_MEMORY. */
stl_status_t stl_stext_write(const struct stl_stext *st, struct stl_strbuf *out);

/*
 * Append the structured text in the line format in @buf (@len bytes) to
 * @st. Returns SUCCESS, OUT_OF_MEMORY, or INVALID_ARGUMENT for a line that is not
 * of the format (then @st holds the blocks before it).
 */
stl_status_t stl_stext_read(struct stl_stext *st, const char *buf, size_t len);

#endif /* STL_STEXT_H */
