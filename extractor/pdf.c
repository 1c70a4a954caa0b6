/*
 * pdf.c - .pdf through poppler-glib: the text layer rebuilt into the
 * paragraphs, list items and tables the author wrote.
 *
 * pdf_layout.c reads each page into lines and says what each is; here
 * they become the structured text. Two lines of the body are one
 * paragraph unless something says otherwise (should_break()):
 *
 *   - the gap between them is over 1.5 times the page's usual spacing,
 *     or the next line is above the previous one;
 *   - the next line has a list label or starts with a list marker or an
 *     ordinal ("PRIMERO.-"), or one of the two is a short line in
 *     capitals (a heading);
 *   - the previous line ends so far from the right margin that the next
 *     line's first word would have fitted there: the typesetter broke it
 *     on purpose (this works for ragged and justified text alike);
 *   - the next line shares neither the left edge, the right edge nor the
 *     centre of the previous one (text in another frame);
 *   - the next line is indented and the previous ended a sentence.
 *
 * Text far apart on one line is two phrases. A word split with "-" at a
 * line end and continued in lowercase is joined without the hyphen, in
 * paragraphs and in cells. A paragraph goes on over a page break (and
 * into the next column) when it did not end in punctuation and the next
 * text starts in lowercase. A table's rows are its rows, the lines of a
 * cell joined; a table goes on over a page break. The first page's
 * header stays where it is; footers and footnotes go after the body,
 * once, and repeated headers are dropped, so that nothing parts a list
 * that goes on over a page break.
 */
#include "extract.h"
#include "pdf_layout.h"

#include <math.h>
#include <poppler.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define WHY_ENCRYPTED "PDF cifrado: se necesita la contraseña para leerlo"
#define WHY_DAMAGED "PDF dañado o incompleto"
#define WHY_NO_TEXT \
	"PDF sin capa de texto (imagen escaneada): no se pudo leer texto"
#define WHY_TOO_BIG "el texto extraído excede el límite de tamaño"
#define WHY_OOM "no hay memoria suficiente para leer el PDF"

/* Page headers and footers kept, at most (the rest are repetitions). */
#define MAX_FURNITURE 16

static void silent_log(const gchar *domain, GLogLevelFlags level,
		       const gchar *msg, gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

/* Poppler reports syntax errors of damaged files through g_log: they are
 * English and for developers, and the user gets our why instead. */
static void silence_poppler(void)
{
	static bool done;

	if (done)
		return;
	g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
			  G_LOG_FLAG_RECURSION, silent_log, NULL);
	done = true;
}

/* Ends like a paragraph does: a full stop, a colon, a question... */
static bool ends_para(const struct stl_strbuf *para)
{
	static const char *const ends[] = { ".", ":", ";", "?", "!", "»", ")" };
	size_t i, k;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		k = strlen(ends[i]);
		if (para->len >= k &&
		    !memcmp(para->buf + para->len - k, ends[i], k))
			return true;
	}
	return false;
}

/* ---- paragraphs --------------------------------------------------------- */

struct layout {
	double left, right;	/* the body's margins, whole document */
};

/* A piece of a body line that goes into a paragraph: its words after the
 * label, up to a far gap; or a line's text in one column of prose. */
struct pdf_unit {
	const struct pdf_line *l;
	size_t a, b;
	double x0, x1, first_w;
	double left, right;	/* the margins of its text: page or column */
	bool far;		/* follows a far gap on its line */
};

static const char *unit_str(const struct pdf_page *pg,
			    const struct pdf_unit *u, size_t *len)
{
	return pdf_words_str(pg, u->a, u->b, len);
}

/* A short line in capitals: a heading ("ORDEN DEL DÍA"), not the end of
 * a sentence ("STL;"). */
static bool is_heading(const struct pdf_page *pg, const struct pdf_unit *u,
		       double width)
{
	size_t n;
	const char *s = unit_str(pg, u, &n);

	if (n && (s[n - 1] == ',' || s[n - 1] == ';'))
		return false;
	return pdf_all_caps(s, n) && (u->x1 - u->x0) < 0.8 * width;
}

/*
 * Whether @c lies under @p as the next line of one paragraph does: the
 * same left edge, right edge or centre, or (after a first line) a left
 * edge a few ems off, for a first-line or a hanging indent. A line that
 * starts left of a later line of a paragraph, centred or not, begins the
 * next one: a hanging item whose number is no list marker ("[II.]").
 */
static bool aligned(const struct pdf_unit *p, const struct pdf_unit *c,
		    double em, bool first)
{
	double tol = 0.5 * em;
	bool centred = fabs((c->x0 + c->x1) - (p->x0 + p->x1)) <= 2 * tol;

	if (centred)
		return true;
	if (!first && c->x0 < p->x0 - tol)
		return false;
	if (fabs(c->x0 - p->x0) <= tol || fabs(c->x1 - p->x1) <= tol)
		return true;
	return first && fabs(c->x0 - p->x0) <= 4 * em;
}

/* Whether unit @c starts a paragraph after unit @p (see the top); @first:
 * @p is the paragraph's first line. */
static bool should_break(const struct pdf_page *pg, const struct pdf_unit *p,
			 const struct pdf_unit *c, bool first)
{
	size_t pn, cn;
	const char *ps = unit_str(pg, p, &pn), *cs = unit_str(pg, c, &cn);
	double width = c->right - c->left, delta;

	if (!pg->geom || !pn || !cn || c->far || c->l->label)
		return true;
	delta = c->l->top - p->l->top;
	if (delta <= 0 || delta > 1.5 * pg->spacing)
		return true;
	if (pdf_starts_marker(cs, cn))
		return true;
	if (is_heading(pg, p, width) || is_heading(pg, c, width))
		return true;
	if (pdf_hyphenated(ps, pn, cs, cn))
		return false;
	if (p->right - p->x1 > c->first_w + 0.5 * pg->em)
		return true;
	if (!aligned(p, c, pg->em, first))
		return true;
	return c->x0 > p->x0 + pg->em && pdf_ends_sentence(ps, pn);
}

/* Append @s (@n bytes) to @buf, after a space or over a hyphen. */
static void join_text(struct stl_strbuf *buf, const char *s, size_t n)
{
	if (buf->len && n) {
		if (buf->buf[buf->len - 1] == '-' &&
		    pdf_hyphenated(buf->buf, buf->len, s, n))
			stl_strbuf_setlen(buf, buf->len - 1);
		else
			stl_strbuf_addch(buf, ' ');
	}
	stl_strbuf_add(buf, s, n);
}

struct pdf_out {
	struct stl_stext *st;
	size_t limit;
	const char **why;
	const struct layout *lay;
	struct stl_strbuf para, label;	/* the open paragraph */
	unsigned plines;		/* its lines so far */
	struct pdf_unit prev;		/* its last unit, if ->has_prev */
	bool has_prev;
	/* What goes after the body, one paragraph a line: footers and
	 * footnotes. */
	struct stl_strbuf tail;
	bool tail_note;			/* its last line is a footnote */
	/* The last table, while nothing came after it: a table at the top
	 * of the next page with its columns (goes_on()) is the same table,
	 * without the header row repeated there. */
	bool table_open;
	bool page_fresh;		/* nothing of this page written yet */
	struct pdf_table table;
	struct stl_strbuf table_head;	/* its first row's cells */
	struct stl_strbuf row;		/* its last row, not written yet */
	bool has_row;
	/* The page headers and footers kept so far (texts of the pages). */
	size_t nkept;
	const char *kept[MAX_FURNITURE];
	size_t kept_len[MAX_FURNITURE];
	/* Pages without a text layer read by OCR: [k] is page k's text, or
	 * NULL for a page of text (or all NULL). */
	struct stl_stext **ocr;
	unsigned nocr;			/* texts of ocr_scanned_pages() */
};

static stl_status_t check(struct pdf_out *o, stl_status_t ret)
{
	if (ret == STL_STATUS_SUCCESS && o->st->failed)
		ret = STL_STATUS_OUT_OF_MEMORY;
	if (ret == STL_STATUS_OUT_OF_MEMORY) {
		*o->why = WHY_OOM;
		return ret;
	}
	if (ret == STL_STATUS_SUCCESS && stl_stext_size(o->st) > o->limit) {
		*o->why = WHY_TOO_BIG;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	return ret;
}

/*
 * Row @row (cells ended by tabs) into the table, without its empty cells
 * at the end: they say nothing, and the line format cannot carry a last
 * empty cell (stl_stext_read() drops it).
 */
static stl_status_t emit_row(struct pdf_out *o, const struct stl_strbuf *row)
{
	stl_status_t ret = stl_stext_row_begin(o->st);
	const char *s = row->buf, *end = row->buf + row->len, *tab;

	if (stl_strbuf_failed(row))
		return check(o, STL_STATUS_OUT_OF_MEMORY);
	while (end > s && end[-1] == '\t')
		end--;
	while (ret == STL_STATUS_SUCCESS && s < end) {
		tab = memchr(s, '\t', (size_t)(end - s));
		if (!tab)
			tab = end;
		ret = stl_stext_cell(o->st, s, (size_t)(tab - s));
		s = tab + 1;
	}
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_stext_row_end(o->st);
	return check(o, ret);
}

/* The pending row, if any, into the table. */
static stl_status_t flush_row(struct pdf_out *o)
{
	if (!o->has_row)
		return STL_STATUS_SUCCESS;
	o->has_row = false;
	return emit_row(o, &o->row);
}

/* End the last table: something else comes after it. */
static stl_status_t close_table(struct pdf_out *o)
{
	stl_status_t ret;

	if (!o->table_open)
		return STL_STATUS_SUCCESS;
	o->table_open = false;
	ret = flush_row(o);
	return ret ? ret : check(o, stl_stext_table_end(o->st));
}

static stl_status_t add_para(struct pdf_out *o, const char *label,
			     const char *s, size_t n)
{
	stl_status_t ret;

	if (!n)
		return STL_STATUS_SUCCESS;
	ret = close_table(o);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	o->page_fresh = false;
	return check(o, stl_stext_para(o->st, label, s, n, 0));
}

/* Emit the open paragraph, if any. */
static stl_status_t flush_para(struct pdf_out *o)
{
	stl_status_t ret;

	if (stl_strbuf_failed(&o->para) || stl_strbuf_failed(&o->label)) {
		*o->why = WHY_OOM;
		return STL_STATUS_OUT_OF_MEMORY;
	}
	ret = add_para(o, o->label.len ? o->label.buf : NULL, o->para.buf,
		       o->para.len);
	stl_strbuf_reset(&o->para);
	stl_strbuf_reset(&o->label);
	o->plines = 0;
	return ret;
}

/*
 * Whether the paragraph left open at the end of the previous page goes
 * on with unit @u, the first of this page: it did not end like a
 * paragraph and @u starts in lowercase.
 */
static bool continues(const struct pdf_out *o, const struct pdf_page *pg,
		      const struct pdf_unit *u)
{
	size_t n;
	const char *s = unit_str(pg, u, &n);

	return o->para.len && !u->l->label && !ends_para(&o->para) &&
	       !pdf_starts_marker(s, n) &&
	       g_unichar_islower(g_utf8_get_char(s));
}

/* Add unit @u of page @pg to the paragraphs. */
static stl_status_t add_unit(struct pdf_out *o, const struct pdf_page *pg,
			     const struct pdf_unit *u, const char *label,
			     size_t label_len)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t n;
	const char *s = unit_str(pg, u, &n);
	bool brk = o->has_prev ? should_break(pg, &o->prev, u, o->plines == 1)
			       : !continues(o, pg, u);

	if (brk)
		ret = flush_para(o);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	if (label)
		stl_strbuf_add(&o->label, label, label_len);
	join_text(&o->para, s, n);
	o->plines++;
	o->prev = *u;
	o->has_prev = true;
	return STL_STATUS_SUCCESS;
}

/* Unit of segments [s, e) of line @l, in the text block between @left
 * and @right. */
static void unit_init(const struct pdf_page *pg, struct pdf_unit *u,
		      const struct pdf_line *l, const struct pdf_seg *s,
		      const struct pdf_seg *e, double left, double right)
{
	const struct pdf_word *w = &pg->words[s->a];

	u->l = l;
	u->a = s->a;
	u->b = e[-1].b;
	u->x0 = s->x0;
	u->x1 = e[-1].x1;
	u->first_w = w->x1 - w->x0;
	u->left = left;
	u->right = right;
	u->far = s->far;
}

/* A body line: its label, then its phrases (segments up to a far gap;
 * the segments between are one phrase, whatever their gaps). */
static stl_status_t emit_line(struct pdf_out *o, const struct pdf_page *pg,
			      const struct pdf_line *l)
{
	struct pdf_seg s[MAX_COLS];
	size_t i, e, n = pdf_line_segs(pg, l, s, MAX_COLS), first = l->label;
	const char *label = NULL;
	size_t label_len = 0;
	stl_status_t ret = STL_STATUS_SUCCESS;
	struct pdf_unit u;

	if (l->label)
		label = pdf_words_str(pg, s[0].a, s[0].b, &label_len);
	for (i = first; i < n && ret == STL_STATUS_SUCCESS; i = e) {
		for (e = i + 1; e < n && !s[e].far; e++)
			;
		unit_init(pg, &u, l, &s[i], &s[e], o->lay->left,
			  o->lay->right);
		ret = add_unit(o, pg, &u, i == first ? label : NULL,
			       label_len);
	}
	return ret;
}

/*
 * The block of prose in columns that starts at line @i; *@end is the
 * line after it. Column after column, top to bottom; a paragraph goes
 * on at the top of the next column as it does over a page break.
 */
static stl_status_t emit_columns(struct pdf_out *o, const struct pdf_page *pg,
				 size_t i, size_t *end)
{
	const struct pdf_line *l = &pg->lines[i];
	const struct pdf_prose *b = &pg->prose[l->table - 1];
	stl_status_t ret = STL_STATUS_SUCCESS;
	struct pdf_seg seg;
	struct pdf_unit u;
	size_t j = i + 1, k;
	int c;

	while (j < pg->nlines && pg->lines[j].kind == LINE_COLUMNS &&
	       pg->lines[j].table == l->table)
		j++;
	*end = j;
	for (c = 0; c < b->ncols && ret == STL_STATUS_SUCCESS; c++) {
		o->has_prev = false;
		for (k = i; k < j && ret == STL_STATUS_SUCCESS; k++) {
			if (!pdf_prose_words(pg, &pg->lines[k], b, c, &seg.a,
					 &seg.b))
				continue;
			seg.x0 = pg->words[seg.a].x0;
			seg.x1 = pg->words[seg.b - 1].x1;
			seg.far = false;
			unit_init(pg, &u, &pg->lines[k], &seg, &seg + 1,
				  b->left[c], b->right[c]);
			ret = add_unit(o, pg, &u, NULL, 0);
		}
	}
	o->has_prev = false;
	return ret;
}

/* ---- tables ------------------------------------------------------------- */

/* The text of column @c in lines [i, j) of table @t into @cell, word by
 * word (two cells may be one segment); text left of the first column
 * goes to it. */
static void cell_text(const struct pdf_page *pg, size_t i, size_t j,
		      const struct pdf_table *t, int c,
		      struct stl_strbuf *cell)
{
	size_t k, a, e, len;
	const char *s;

	for (k = i; k < j; k++)
		if (pdf_cell_words(pg, &pg->lines[k], t, c, &a, &e)) {
			s = pdf_words_str(pg, a, e, &len);
			join_text(cell, s, len);
		}
}

/* The cells of the row of lines [i, j) of table @t into @row, each
 * ended by a tab (cells have none). */
static void row_text(const struct pdf_page *pg, size_t i, size_t j,
		     const struct pdf_table *t, struct stl_strbuf *row)
{
	struct stl_strbuf cell = STL_STRBUF_INIT;
	int c;

	for (c = 0; c < t->ncols; c++) {
		stl_strbuf_reset(&cell);
		cell_text(pg, i, j, t, c, &cell);
		stl_strbuf_add(row, cell.buf, cell.len);
		stl_strbuf_addch(row, '\t');
		if (stl_strbuf_failed(&cell))
			row->oom = true;
	}
	stl_strbuf_release(&cell);
}

/* Join @row's cells to the pending row's, cell by cell: the rest of a row
 * that a page break cut. */
static void merge_row(struct pdf_out *o, const struct stl_strbuf *row)
{
	struct stl_strbuf out = STL_STRBUF_INIT;
	const char *a = o->row.buf, *b = row->buf, *ta, *tb;

	while ((ta = strchr(a, '\t')) && (tb = strchr(b, '\t'))) {
		size_t mark = out.len;

		stl_strbuf_add(&out, a, (size_t)(ta - a));
		if (tb > b) {
			/* join_text() looks at the whole buffer: this cell. */
			struct stl_strbuf cell = STL_STRBUF_INIT;

			stl_strbuf_add(&cell, out.buf + mark, out.len - mark);
			join_text(&cell, b, (size_t)(tb - b));
			stl_strbuf_setlen(&out, mark);
			stl_strbuf_add(&out, cell.buf, cell.len);
			out.oom = out.oom || stl_strbuf_failed(&cell);
			stl_strbuf_release(&cell);
		}
		stl_strbuf_addch(&out, '\t');
		a = ta + 1;
		b = tb + 1;
	}
	stl_strbuf_release(&o->row);
	o->row = out;
}

/*
 * Row @row of the table: it waits, so that the rest of it at the top of
 * the next page (@may_merge: the first row there, its first cell empty)
 * can join it.
 */
static stl_status_t put_row(struct pdf_out *o, const struct stl_strbuf *row,
			    bool may_merge)
{
	stl_status_t ret;

	if (stl_strbuf_failed(row))
		return check(o, STL_STATUS_OUT_OF_MEMORY);
	if (may_merge && o->has_row && row->len && row->buf[0] == '\t') {
		merge_row(o, row);
		return STL_STATUS_SUCCESS;
	}
	ret = flush_row(o);
	stl_strbuf_reset(&o->row);
	stl_strbuf_add(&o->row, row->buf, row->len);
	o->has_row = true;
	return ret;
}

/* Whether table @t at the top of a page goes on the last one, left open
 * at the end of the previous page: each of its columns is one of that
 * table's (two cells close together may have hidden one). */
static bool goes_on(const struct pdf_out *o, const struct pdf_table *t,
		    double em)
{
	int c, d = 0;

	if (!o->table_open || !o->page_fresh)
		return false;
	for (c = 0; c < t->ncols; c++) {
		while (d < o->table.ncols &&
		       o->table.cols[d] < t->cols[c] - ALIGN_EM * em)
			d++;
		if (d == o->table.ncols ||
		    fabs(t->cols[c] - o->table.cols[d]) > ALIGN_EM * em)
			return false;
	}
	return true;
}

/* Begin table @t unless it goes on the last one. */
static stl_status_t table_start(struct pdf_out *o, const struct pdf_table *t,
				double em, bool *go_on)
{
	stl_status_t ret;

	*go_on = goes_on(o, t, em);
	if (*go_on)
		return STL_STATUS_SUCCESS;
	ret = close_table(o);
	if (ret == STL_STATUS_SUCCESS)
		ret = check(o, stl_stext_table_begin(o->st));
	o->table_open = true;
	o->table = *t;
	stl_strbuf_reset(&o->table_head);
	return ret;
}

/* The table that starts at line @i of @pg; *@end is the line after it.
 * It stays open (see struct pdf_out). */
static stl_status_t emit_table(struct pdf_out *o, const struct pdf_page *pg,
			       size_t i, size_t *end)
{
	const struct pdf_line *l = &pg->lines[i];
	const struct pdf_table *t = &pg->tables[l->table - 1];
	struct stl_strbuf row = STL_STRBUF_INIT;
	stl_status_t ret = flush_para(o);
	size_t j = i + 1, r = i, k;
	bool go_on = false, first = true;

	while (j < pg->nlines && pg->lines[j].kind == LINE_TABLE &&
	       pg->lines[j].table == l->table)
		j++;
	*end = j;
	o->has_prev = false;
	if (ret == STL_STATUS_SUCCESS)
		ret = table_start(o, t, l->em, &go_on);
	for (; ret == STL_STATUS_SUCCESS && r < j; r = k) {
		for (k = r + 1; k < j && !pg->lines[k].row; k++)
			;
		stl_strbuf_reset(&row);
		row_text(pg, r, k, go_on ? &o->table : t, &row);
		if (r == i && go_on && row.len == o->table_head.len &&
		    !memcmp(row.buf, o->table_head.buf, row.len))
			continue;	/* the header row, repeated */
		if (!o->table_head.len)
			stl_strbuf_add(&o->table_head, row.buf, row.len);
		ret = put_row(o, &row, go_on && first);
		first = false;
	}
	stl_strbuf_release(&row);
	o->page_fresh = false;
	return ret;
}

/* ---- headers, footers and footnotes out --------------------------------- */

/* Whether @s (@n bytes) is, but for numbers, a header or footer kept
 * already; if not, and there is room, remember it. */
static bool seen_furniture(struct pdf_out *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < o->nkept; i++)
		if (pdf_same_but_numbers(s, n, o->kept[i], o->kept_len[i]))
			return true;
	if (o->nkept == MAX_FURNITURE)
		return true;
	o->kept[o->nkept] = s;
	o->kept_len[o->nkept++] = n;
	return false;
}

/*
 * A page header or footer: the first page's header in place (it comes
 * before the body anyway), any other one after the body, each once.
 */
static stl_status_t emit_furniture(struct pdf_out *o, const struct pdf_page *pg,
				   const struct pdf_line *l, bool in_place)
{
	size_t n;
	const char *s = pdf_line_str(pg, l, &n);
	stl_status_t ret;

	if (seen_furniture(o, s, n))
		return STL_STATUS_SUCCESS;
	if (!in_place) {
		if (o->tail.len)
			stl_strbuf_addch(&o->tail, '\n');
		stl_strbuf_add(&o->tail, s, n);
		o->tail_note = false;
		return STL_STATUS_SUCCESS;
	}
	ret = flush_para(o);
	o->has_prev = false;
	return ret == STL_STATUS_SUCCESS ? add_para(o, NULL, s, n) : ret;
}

/* A note's first line into the tail: its number apart from its text
 * ("1El enlace" is "1 El enlace": the number was a superscript). */
static void note_start(struct stl_strbuf *tail, const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && s[k] >= '0' && s[k] <= '9')
		k++;
	stl_strbuf_add(tail, s, k);
	if (k && k < n && s[k] != ' ')
		stl_strbuf_addch(tail, ' ');
	stl_strbuf_add(tail, s + k, n - k);
}

/* A footnote's line, kept for after the body; a new note begins with its
 * number. */
static void keep_footnote(struct pdf_out *o, const struct pdf_page *pg,
			  const struct pdf_line *l)
{
	size_t n;
	const char *s = pdf_line_str(pg, l, &n);

	if (o->tail.len && (!o->tail_note || pdf_starts_digit(pg, l)))
		stl_strbuf_addch(&o->tail, '\n');
	if (o->tail.len && o->tail.buf[o->tail.len - 1] != '\n')
		join_text(&o->tail, s, n);
	else
		note_start(&o->tail, s, n);
	o->tail_note = true;
}

/* The paragraphs kept for after the body, one a line. */
static stl_status_t emit_tail(struct pdf_out *o)
{
	const char *s = o->tail.buf, *nl;
	stl_status_t ret = STL_STATUS_SUCCESS;

	if (stl_strbuf_failed(&o->tail)) {
		*o->why = WHY_OOM;
		return STL_STATUS_OUT_OF_MEMORY;
	}
	while (ret == STL_STATUS_SUCCESS && *s) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		ret = add_para(o, NULL, s, (size_t)(nl - s));
		s = *nl ? nl + 1 : nl;
	}
	return ret;
}

/* ---- pages -------------------------------------------------------------- */

/* The blocks of page @k into @o; its last paragraph stays open, for the
 * next page to continue. */
static stl_status_t emit_page(struct pdf_out *o, const struct pdf_page *pg,
			      int k)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i = 0;

	o->has_prev = false;
	o->page_fresh = true;
	while (i < pg->nlines && ret == STL_STATUS_SUCCESS) {
		const struct pdf_line *l = &pg->lines[i];

		switch (l->kind) {
		case LINE_FURNITURE:
			ret = emit_furniture(o, pg, l, !k && !i);
			break;
		case LINE_FOOTNOTE:
			keep_footnote(o, pg, l);
			break;
		case LINE_TABLE:
			ret = emit_table(o, pg, i, &i);
			continue;
		case LINE_COLUMNS:
			ret = emit_columns(o, pg, i, &i);
			continue;
		case LINE_BODY:
			ret = emit_line(o, pg, l);
			break;
		}
		i++;
	}
	return ret;
}

/* A scanned page among pages of text: its OCR lines, one paragraph each,
 * after what came before is closed. */
static stl_status_t emit_ocr_page(struct pdf_out *o, const struct stl_stext *pg)
{
	stl_status_t ret = flush_para(o);
	size_t i;

	if (ret == STL_STATUS_SUCCESS)
		ret = close_table(o);
	for (i = 0; i < pg->nblocks && ret == STL_STATUS_SUCCESS; i++)
		ret = check(o, stl_stext_para(o->st, NULL,
					     pg->text.buf + pg->blocks[i].line.off,
					     pg->blocks[i].line.len, 0));
	o->has_prev = false;
	o->page_fresh = true;
	return ret;
}

/* Every page's blocks into @o, then what was kept for the end. */
static stl_status_t emit_pages(struct pdf_out *o, const struct pdf_page *pages,
			       int n)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	int k;

	for (k = 0; k < n && ret == STL_STATUS_SUCCESS; k++) {
		if (o->ocr && o->ocr[k])
			ret = emit_ocr_page(o, o->ocr[k]);
		else
			ret = emit_page(o, &pages[k], k);
	}
	if (ret == STL_STATUS_SUCCESS)
		ret = flush_para(o);
	if (ret == STL_STATUS_SUCCESS)
		ret = close_table(o);
	if (ret == STL_STATUS_SUCCESS)
		ret = emit_tail(o);
	stl_strbuf_release(&o->table_head);
	stl_strbuf_release(&o->row);
	stl_strbuf_release(&o->para);
	stl_strbuf_release(&o->label);
	stl_strbuf_release(&o->tail);
	return ret;
}

static void free_pages(struct pdf_page *pages, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		g_free(pages[i].text);
		free(pages[i].words);
		free(pages[i].lines);
		free(pages[i].prose);
		free(pages[i].tables);
		stl_strbuf_release(&pages[i].lt);
	}
	free(pages);
}

/* Read page @idx's text and lines into @pg. False on OOM. */
static bool load_page(PopplerDocument *doc, int idx, struct pdf_page *pg)
{
	PopplerPage *page = poppler_document_get_page(doc, idx);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	bool ok;

	if (!page) {
		pg->text = g_strdup("");
		return pdf_page_lines(pg, NULL, 0);
	}
	pg->text = poppler_page_get_text(page);
	if (!pg->text)
		pg->text = g_strdup("");
	if (!poppler_page_get_text_layout(page, &rects, &nrects))
		nrects = 0;
	ok = pdf_page_lines(pg, rects, nrects);
	g_free(rects);
	g_object_unref(page);
	return ok;
}

static bool only_space(const char *s)
{
	for (; *s; s = g_utf8_next_char(s))
		if (!pdf_is_space(g_utf8_get_char(s)))
			return false;
	return true;
}

/* The margins of the body over every page of the document. */
static void doc_layout(const struct pdf_page *pages, int n, struct layout *lay)
{
	bool any = false;
	size_t i;
	int k;

	lay->left = lay->right = 0;
	for (k = 0; k < n; k++)
		for (i = 0; i < pages[k].nlines; i++) {
			const struct pdf_line *l = &pages[k].lines[i];

			if (!pages[k].geom || l->kind != LINE_BODY)
				continue;
			if (!any || l->x0 < lay->left)
				lay->left = l->x0;
			if (!any || l->x1 > lay->right)
				lay->right = l->x1;
			any = true;
		}
}

/* Title and creation date, which the parser uses only if the text has
 * none: a PDF's metadata is often the template's, not the minute's. */
static stl_status_t add_metadata(PopplerDocument *doc, struct stl_stext *st)
{
	gchar *title = poppler_document_get_title(doc);
	GDateTime *dt = poppler_document_get_creation_date_time(doc);
	stl_status_t ret = STL_STATUS_SUCCESS;

	if (title && *title && !only_space(title))
		ret = stl_stext_set_title(st, title);
	g_free(title);
	if (dt) {
		gchar *d = g_date_time_format(dt, "%Y-%m-%d");

		if (d)
			stl_stext_set_date(st, d);
		g_free(d);
		g_date_time_unref(dt);
	}
	return ret;
}

static stl_status_t open_doc(const char *bytes, size_t len,
			     PopplerDocument **doc, const char **why)
{
	GBytes *gb = g_bytes_new_static(bytes, len);
	GError *err = NULL;

	*doc = poppler_document_new_from_bytes(gb, NULL, &err);
	g_bytes_unref(gb);
	if (*doc)
		return STL_STATUS_SUCCESS;
	if (err && err->domain == POPPLER_ERROR &&
	    err->code == POPPLER_ERROR_ENCRYPTED)
		*why = WHY_ENCRYPTED;
	else
		*why = WHY_DAMAGED;
	g_clear_error(&err);
	return STL_STATUS_INVALID_ARGUMENT;
}

/* True if page @k has an image (a page without text and without images
 * is blank: nothing to read). */
static bool has_image(PopplerDocument *doc, int k)
{
	PopplerPage *page = poppler_document_get_page(doc, k);
	GList *map;
	bool any;

	if (!page)
		return false;
	map = poppler_page_get_image_mapping(page);
	any = map != NULL;
	poppler_page_free_image_mapping(map);
	g_object_unref(page);
	return any;
}

/*
 * A PDF with some pages scanned: read those by OCR into o->ocr. Without
 * OCR, or when it reads nothing (no model), the pages of text are what
 * the document has. SUCCESS, or OUT_OF_MEMORY.
 */
static stl_status_t ocr_scanned_pages(PopplerDocument *doc,
				      const struct pdf_page *pages, int n,
				      const struct ex_limits *lim,
				      struct pdf_out *o, struct stl_stext **texts)
{
	unsigned *map, m = 0, i;
	const char *why = NULL;
	stl_status_t ret;
	int k;

	*texts = NULL;
	if (!lim || !lim->ocr_seconds || n <= 0)
		return STL_STATUS_SUCCESS;
	map = malloc((size_t)n * sizeof(*map));
	o->ocr = calloc((size_t)n, sizeof(*o->ocr));
	if (!map || !o->ocr)
		goto oom;
	for (k = 0; k < n; k++)
		if (only_space(pages[k].text) && has_image(doc, k))
			map[m++] = (unsigned)k;
	if (!m) {
		free(map);
		free(o->ocr);
		o->ocr = NULL;
		return STL_STATUS_SUCCESS;
	}
	*texts = calloc(m, sizeof(**texts));
	if (!*texts)
		goto oom;
	for (i = 0; i < m; i++)
		stl_stext_init(&(*texts)[i]);
	o->nocr = m;
	ret = ex_ocr_pdf_pages(doc, map, m, lim, *texts, o->st, &why);
	if (ret == STL_STATUS_OUT_OF_MEMORY)
		goto oom;
	for (i = 0; ret == STL_STATUS_SUCCESS && i < m; i++)
		o->ocr[map[i]] = &(*texts)[i];
	free(map);
	return STL_STATUS_SUCCESS;
oom:
	free(map);
	return STL_STATUS_OUT_OF_MEMORY;
}

/*
 * Every page's lines into @pages (@n of them). All pages are read before
 * any paragraph is made (the margins are the document's), so the limit
 * is checked here too: the paragraphs are the page texts less some
 * spaces, and twice the limit of page text cannot fit in it.
 */
static stl_status_t load_pages(PopplerDocument *doc, struct pdf_page *pages,
			       int n, size_t limit, bool *empty,
			       const char **why)
{
	size_t total = 0;
	int i;

	*empty = true;
	for (i = 0; i < n; i++) {
		if (!load_page(doc, i, &pages[i])) {
			*why = WHY_OOM;
			return STL_STATUS_OUT_OF_MEMORY;
		}
		*empty = *empty && only_space(pages[i].text);
		total += strlen(pages[i].text);
		if (total / 2 > limit) {
			*why = WHY_TOO_BIG;
			return STL_STATUS_INVALID_ARGUMENT;
		}
	}
	return STL_STATUS_SUCCESS;
}

stl_status_t ex_pdf(const char *bytes, size_t len, const struct ex_limits *lim,
		    struct stl_stext *out, const char **why)
{
	struct pdf_out o = { 0 };
	PopplerDocument *doc;
	struct pdf_page *pages = NULL;
	struct stl_stext *ocr_texts = NULL;
	struct layout lay;
	stl_status_t ret;
	bool empty;
	int n = 0;

	o.st = out;
	stl_strbuf_init(&o.para, 0);
	stl_strbuf_init(&o.label, 0);
	stl_strbuf_init(&o.tail, 0);
	stl_strbuf_init(&o.table_head, 0);
	stl_strbuf_init(&o.row, 0);
	o.limit = lim ? lim->text : EX_DEFAULT_TEXT;
	o.why = why;
	o.lay = &lay;
	silence_poppler();
	ret = open_doc(bytes, len, &doc, why);
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	n = poppler_document_get_n_pages(doc);
	pages = calloc(n > 0 ? (size_t)n : 1, sizeof(*pages));
	if (!pages) {
		*why = WHY_OOM;
		ret = STL_STATUS_OUT_OF_MEMORY;
		goto out_unref;
	}
	ret = load_pages(doc, pages, n, o.limit, &empty, why);
	if (ret != STL_STATUS_SUCCESS)
		goto out_free_pages;
	if (empty && lim && lim->ocr_seconds) {
		/* A scan: its page images are read by OCR (ocr.c). */
		free_pages(pages, n);
		pages = NULL;
		n = 0;
		ret = ex_ocr_pdf(doc, lim, out, why);
		if (ret == STL_STATUS_SUCCESS && add_metadata(doc, out)) {
			*why = WHY_OOM;
			ret = STL_STATUS_OUT_OF_MEMORY;
		}
		goto out_unref;
	}
	if (empty) {
		*why = WHY_NO_TEXT;
		ret = STL_STATUS_NOT_FOUND;
		goto out_free_pages;
	}
	ret = ocr_scanned_pages(doc, pages, n, lim, &o, &ocr_texts);
	if (ret != STL_STATUS_SUCCESS) {
		*why = WHY_OOM;
		goto out_free_pages;
	}
	pdf_classify(pages, n);
	doc_layout(pages, n, &lay);
	ret = emit_pages(&o, pages, n);
	if (ret == STL_STATUS_SUCCESS && add_metadata(doc, out)) {
		*why = WHY_OOM;
		ret = STL_STATUS_OUT_OF_MEMORY;
	}
out_free_pages:
	free_pages(pages, n);
	for (unsigned t = 0; ocr_texts && t < o.nocr; t++)
		stl_stext_release(&ocr_texts[t]);
	free(ocr_texts);
	free(o.ocr);
out_unref:
	g_object_unref(doc);
	return ret;
}
