/*
 * pdf.c - .pdf through poppler-glib: the text layer in reading order,
 * its lines joined back into the paragraphs the author wrote.
 *
 * A PDF has no paragraphs, only positioned lines: one agreement of a
 * minute wraps over three or four of them. poppler_page_get_text() gives
 * the lines in reading order and poppler_page_get_text_layout() one
 * rectangle per character of that text, so each line gets its geometry
 * (left, right, top, height, width of its first word). Two lines are one
 * paragraph unless something says otherwise (should_break()):
 *
 *   - the gap between them is over 1.5 times the page's usual spacing,
 *     or the next line is above the previous one (a new column);
 *   - the next line starts with a list marker ("1.", "II.", "a)", "•",
 *     "-") or an ordinal ("PRIMERO.-"), or one of the two is a short
 *     line in capitals (a heading);
 *   - the previous line ends so far from the right margin that the next
 *     line's first word would have fitted there: the typesetter broke it
 *     on purpose (this works for ragged and justified text alike);
 *   - the next line is indented and the previous ended a sentence.
 *
 * A word split with "-" at a line end and continued in lowercase is
 * joined without the hyphen. A paragraph goes on over a page break when
 * it did not end in punctuation and the next page starts in lowercase;
 * page headers and footers stay as paragraphs of their own (and stop
 * that join). List markers stay in the
 * paragraph's text (no label): a PDF does not say which are numbering.
 */
#include "extract.h"

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

/* One line of a page's text: bytes of the page text, and where it is. */
struct pdf_line {
	size_t off, len;
	double x0, x1;		/* leftmost and rightmost ink */
	double top, bottom;
	double first_w;		/* width of the first word */
	bool has_geom;
	bool furniture;		/* a page header or footer */
};

struct pdf_page {
	char *text;
	struct pdf_line *lines;
	size_t nlines;
	double spacing;		/* usual distance between line tops */
	double em;		/* usual line height */
};

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

static bool is_space(gunichar c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xa0 ||
	       g_unichar_isspace(c);
}

/* Add the character at rectangle @r to line @l's geometry. */
static void line_add_rect(struct pdf_line *l, const PopplerRectangle *r,
			  bool in_first_word)
{
	if (!l->has_geom) {
		l->x0 = r->x1;
		l->x1 = r->x2;
		l->top = r->y1;
		l->bottom = r->y2;
		l->has_geom = true;
	}
	if (r->x1 < l->x0)
		l->x0 = r->x1;
	if (r->x2 > l->x1)
		l->x1 = r->x2;
	if (r->y1 < l->top)
		l->top = r->y1;
	if (r->y2 > l->bottom)
		l->bottom = r->y2;
	if (in_first_word)
		l->first_w = r->x2 - l->x0;
}

/*
 * Split @pg->text into lines, with geometry from @rects when there is
 * one rectangle per character (poppler's promise; without it the lines
 * have no geometry and each is a paragraph). False on OOM.
 */
static bool split_lines(struct pdf_page *pg, const PopplerRectangle *rects,
			guint nrects)
{
	const char *t = pg->text, *p;
	size_t n = 1, i = 0;
	struct pdf_line *l;
	bool word = false, first_done = false;
	glong nchars = g_utf8_strlen(t, -1);

	for (p = t; *p; p++)
		n += *p == '\n';
	pg->lines = calloc(n, sizeof(*pg->lines));
	if (!pg->lines)
		return false;
	if ((glong)nrects != nchars)
		rects = NULL;
	l = &pg->lines[0];
	l->off = 0;
	for (p = t; *p; p = g_utf8_next_char(p), i++) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\n') {
			l->len = (size_t)(p - t) - l->off;
			l = &pg->lines[++pg->nlines];
			l->off = (size_t)(p - t) + 1;
			word = first_done = false;
			continue;
		}
		if (is_space(c)) {
			if (word)
				first_done = true;
			word = false;
			continue;
		}
		word = true;
		if (rects)
			line_add_rect(l, &rects[i], !first_done);
	}
	l->len = (size_t)(p - t) - l->off;
	pg->nlines++;
	return true;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of @n values in @v (sorted in place); @dflt when none. */
static double median(double *v, size_t n, double dflt)
{
	if (!n)
		return dflt;
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* The page's usual line height and line spacing. False on OOM. */
static bool page_metrics(struct pdf_page *pg)
{
	double *h, *d;
	size_t i, nh = 0, nd = 0;
	const struct pdf_line *prev = NULL;
	bool ok = false;

	h = malloc((pg->nlines + 1) * sizeof(*h));
	d = malloc((pg->nlines + 1) * sizeof(*d));
	if (!h || !d)
		goto out_free;
	for (i = 0; i < pg->nlines; i++) {
		const struct pdf_line *l = &pg->lines[i];

		if (!l->has_geom)
			continue;
		h[nh++] = l->bottom - l->top;
		if (prev && l->top > prev->top)
			d[nd++] = l->top - prev->top;
		prev = l;
	}
	pg->em = median(h, nh, 12.0);
	if (pg->em <= 0)
		pg->em = 12.0;
	pg->spacing = median(d, nd, pg->em * 1.2);
	ok = true;
out_free:
	free(h);
	free(d);
	return ok;
}

/* Bytes of @l in @pg without leading and trailing spaces. */
static const char *line_text(const struct pdf_page *pg,
			     const struct pdf_line *l, size_t *len)
{
	const char *s = pg->text + l->off;
	size_t n = l->len;

	while (n && (*s == ' ' || *s == '\t' || *s == '\r')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

static bool is_roman(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strchr("IVXL", s[i]))
			return false;
	return n > 0 && n <= 5;
}

/* "PRIMERO.-", "Segundo.", "DECIMOTERCERO:": an ordinal agreement
 * (ASCII case ignored; the accented capital is listed both ways). */
static bool is_ordinal(const char *s, size_t n)
{
	static const char *const ords[] = {
		"PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO",
		"SÉPTIMO", "Séptimo", "SEPTIMO", "OCTAVO", "NOVENO", "DÉCIMO",
		"Décimo", "DECIMO", "UNDÉCIMO", "Undécimo", "UNDECIMO",
		"DUODÉCIMO", "Duodécimo", "DUODECIMO",
	};
	size_t i, k;

	for (i = 0; i < sizeof(ords) / sizeof(ords[0]); i++) {
		k = strlen(ords[i]);
		if (n > k && !g_ascii_strncasecmp(s, ords[i], k))
			return true;	/* DECIMOTERCERO too */
	}
	return false;
}

/* A list marker or ordinal begins @s: "1.", "1)", "II.", "a)", "•". */
static bool starts_marker(const char *s, size_t n)
{
	size_t w = 0, k;
	bool digits = true;

	if (n >= 3 && (!strncmp(s, "•", 3) || !strncmp(s, "◦", 3) ||
		       !strncmp(s, "▪", 3) || !strncmp(s, "–", 3)))
		return true;
	if (n >= 2 && !strncmp(s, "·", 2))
		return true;
	if ((*s == '-' || *s == '*') && n > 1 && s[1] == ' ')
		return true;
	while (w < n && !strchr(" .)-:", s[w])) {
		digits = digits && s[w] >= '0' && s[w] <= '9';
		w++;
	}
	if (w == n || w == 0 || s[w] == ' ')
		return false;
	/* The marker is followed by a space: "1.5 millones" is no marker. */
	for (k = w; k < n && strchr(".)-:", s[k]); k++)
		;
	if (k < n && s[k] != ' ')
		return false;
	if (s[w] == '.' || s[w] == ')') {
		if ((digits && w <= 3) || is_roman(s, w))
			return true;
		if (w == 1 && s[w] == ')' && s[0] >= 'a' && s[0] <= 'z')
			return true;
	}
	return is_ordinal(s, w + 1);
}

/* No lowercase letter and at least two capitals. */
static bool all_caps(const char *s, size_t n)
{
	const char *p, *end = s + n;
	unsigned upper = 0;

	for (p = s; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_islower(c))
			return false;
		upper += g_unichar_isupper(c) != 0;
	}
	return upper >= 2;
}

/* A short line in capitals: a heading ("ORDEN DEL DÍA"). */
static bool is_heading(const struct pdf_page *pg, const struct pdf_line *l,
		       double width)
{
	size_t n;
	const char *s = line_text(pg, l, &n);

	return all_caps(s, n) && (l->x1 - l->x0) < 0.8 * width;
}

/* Ends with a letter and "-", and @next begins in lowercase. */
static bool hyphenated(const char *s, size_t n, const char *next, size_t nn)
{
	const char *p;

	if (n < 2 || s[n - 1] != '-' || !nn)
		return false;
	p = g_utf8_find_prev_char(s, s + n - 1);
	return p && g_unichar_isalpha(g_utf8_get_char(p)) &&
	       g_unichar_islower(g_utf8_get_char(next));
}

static bool ends_sentence(const char *s, size_t n)
{
	return n && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ';');
}

struct layout {
	double left, right;	/* the text block's margins, whole document */
};

/* Whether line @c starts a paragraph after line @p (see the top). */
static bool should_break(const struct pdf_page *pg, const struct layout *lay,
			 const struct pdf_line *p, const struct pdf_line *c)
{
	size_t pn, cn;
	const char *ps = line_text(pg, p, &pn), *cs = line_text(pg, c, &cn);
	double width = lay->right - lay->left, delta;

	if (!p->has_geom || !c->has_geom || !pn || !cn)
		return true;
	delta = c->top - p->top;
	if (delta <= 0 || delta > 1.5 * pg->spacing)
		return true;
	if (starts_marker(cs, cn))
		return true;
	if (is_heading(pg, p, width) || is_heading(pg, c, width))
		return true;
	if (hyphenated(ps, pn, cs, cn))
		return false;
	if (lay->right - p->x1 > c->first_w + 0.5 * pg->em)
		return true;
	return c->x0 > p->x0 + pg->em && ends_sentence(ps, pn);
}

/* Append line @l to paragraph @para, after a space or over a hyphen. */
static void para_add(struct stl_strbuf *para, const struct pdf_page *pg,
		     const struct pdf_line *l)
{
	size_t n;
	const char *s = line_text(pg, l, &n);

	if (para->len && n) {
		if (para->buf[para->len - 1] == '-' &&
		    hyphenated(para->buf, para->len, s, n))
			stl_strbuf_setlen(para, para->len - 1);
		else
			stl_strbuf_addch(para, ' ');
	}
	stl_strbuf_add(para, s, n);
}

struct pdf_out {
	struct stl_stext *st;
	size_t limit;
	const char **why;
	/* Page headers and footers met while a paragraph was open, one a
	 * line: they follow it, so that it can go on over the page. */
	struct stl_strbuf furniture;
};

static stl_status_t add_para(struct pdf_out *o, const char *s, size_t n)
{
	if (n && stl_stext_para(o->st, NULL, s, n, 0) != STL_STATUS_SUCCESS) {
		*o->why = WHY_OOM;
		return STL_STATUS_OUT_OF_MEMORY;
	}
	if (stl_stext_size(o->st) > o->limit) {
		*o->why = WHY_TOO_BIG;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	return STL_STATUS_SUCCESS;
}

/* Emit @para, then the headers and footers held back. */
static stl_status_t flush_para(struct pdf_out *o, struct stl_strbuf *para)
{
	const char *s = o->furniture.buf, *nl;
	stl_status_t ret;

	if (stl_strbuf_failed(para) || stl_strbuf_failed(&o->furniture)) {
		*o->why = WHY_OOM;
		return STL_STATUS_OUT_OF_MEMORY;
	}
	ret = add_para(o, para->buf, para->len);
	stl_strbuf_reset(para);
	while (ret == STL_STATUS_SUCCESS && (nl = strchr(s, '\n'))) {
		ret = add_para(o, s, (size_t)(nl - s));
		s = nl + 1;
	}
	stl_strbuf_reset(&o->furniture);
	return ret;
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

/*
 * Whether the paragraph left open at the end of the previous page goes
 * on with line @l, the first of this page: it did not end like a
 * paragraph and @l starts in lowercase. Page footers and headers rarely
 * look like that ("Página 2", "AYUNTAMIENTO DE ...").
 */
static bool continues(const struct stl_strbuf *para, const struct pdf_page *pg,
		      const struct pdf_line *l)
{
	size_t n;
	const char *s = line_text(pg, l, &n);

	return para->len && !ends_para(para) && !starts_marker(s, n) &&
	       g_unichar_islower(g_utf8_get_char(s));
}

/* The paragraphs of one page into @o; the last one stays open in @para,
 * for the next page to continue or flush. */
static stl_status_t emit_page(struct pdf_out *o, const struct pdf_page *pg,
			      const struct layout *lay, struct stl_strbuf *para)
{
	const struct pdf_line *prev = NULL;
	stl_status_t ret;
	const char *s;
	size_t i, n;

	for (i = 0; i < pg->nlines; i++) {
		const struct pdf_line *l = &pg->lines[i];

		s = line_text(pg, l, &n);
		if (!n)
			continue;
		if (l->furniture) {
			stl_strbuf_add(&o->furniture, s, n);
			stl_strbuf_addch(&o->furniture, '\n');
			continue;
		}
		if (prev ? should_break(pg, lay, prev, l)
			 : !continues(para, pg, l)) {
			ret = flush_para(o, para);
			if (ret != STL_STATUS_SUCCESS)
				return ret;
		}
		para_add(para, pg, l);
		prev = l;
	}
	return STL_STATUS_SUCCESS;
}

/* Every page's paragraphs into @o. */
static stl_status_t emit_pages(struct pdf_out *o, const struct pdf_page *pages,
			       int n, const struct layout *lay)
{
	struct stl_strbuf para = STL_STRBUF_INIT;
	stl_status_t ret = STL_STATUS_SUCCESS;
	int i;

	for (i = 0; i < n && ret == STL_STATUS_SUCCESS; i++)
		ret = emit_page(o, &pages[i], lay, &para);
	if (ret == STL_STATUS_SUCCESS)
		ret = flush_para(o, &para);
	stl_strbuf_release(&para);
	stl_strbuf_release(&o->furniture);
	return ret;
}

static void free_pages(struct pdf_page *pages, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		g_free(pages[i].text);
		free(pages[i].lines);
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
		return split_lines(pg, NULL, 0);
	}
	pg->text = poppler_page_get_text(page);
	if (!pg->text)
		pg->text = g_strdup("");
	if (!poppler_page_get_text_layout(page, &rects, &nrects))
		nrects = 0;
	ok = split_lines(pg, rects, nrects) && page_metrics(pg);
	g_free(rects);
	g_object_unref(page);
	return ok;
}

static bool only_space(const char *s)
{
	for (; *s; s = g_utf8_next_char(s))
		if (!is_space(g_utf8_get_char(s)))
			return false;
	return true;
}

/* The margins of the text block over every line of the document. */
static void doc_layout(const struct pdf_page *pages, int n, struct layout *lay)
{
	bool any = false;
	size_t i;
	int k;

	lay->left = lay->right = 0;
	for (k = 0; k < n; k++)
		for (i = 0; i < pages[k].nlines; i++) {
			const struct pdf_line *l = &pages[k].lines[i];

			if (!l->has_geom)
				continue;
			if (!any || l->x0 < lay->left)
				lay->left = l->x0;
			if (!any || l->x1 > lay->right)
				lay->right = l->x1;
			any = true;
		}
}

static bool has_text(const struct pdf_page *pg, size_t i)
{
	size_t n;

	line_text(pg, &pg->lines[i], &n);
	return n > 0;
}

/* The first and the last line with text of @pg, in @idx; how many. */
static int edge_lines(const struct pdf_page *pg, size_t idx[2])
{
	size_t i;
	int k = 0;

	for (i = 0; i < pg->nlines && !k; i++)
		if (has_text(pg, i))
			idx[k++] = i;
	for (i = pg->nlines; i > 0 && k == 1; i--)
		if (has_text(pg, i - 1) && i - 1 != idx[0])
			idx[k++] = i - 1;
	return k;
}

/* Equal but for digits and spaces: "Página 3" and "Página 4". */
static bool same_but_numbers(const char *a, size_t an, const char *b,
			     size_t bn)
{
	const char *ae = a + an, *be = b + bn;

	for (;;) {
		while (a < ae && (*a == ' ' || (*a >= '0' && *a <= '9')))
			a++;
		while (b < be && (*b == ' ' || (*b >= '0' && *b <= '9')))
			b++;
		if (a == ae || b == be)
			return a == ae && b == be;
		if (*a++ != *b++)
			return false;
	}
}

/* Whether an edge line of page @j is line @l of @pg but for numbers. */
static bool repeated_on(const struct pdf_page *pg, const struct pdf_line *l,
			const struct pdf_page *pj)
{
	size_t idx[2], n, m;
	const char *s = line_text(pg, l, &n), *t;
	int i, k = edge_lines(pj, idx);

	for (i = 0; i < k; i++) {
		t = line_text(pj, &pj->lines[idx[i]], &m);
		if (same_but_numbers(s, n, t, m))
			return true;
	}
	return false;
}

/*
 * Page headers and footers: a first or last line of a page that is the
 * first or last line of a page nearby (two on, for odd and even pages)
 * but for its numbers.
 */
static void mark_furniture(struct pdf_page *pages, int n)
{
	size_t idx[2];
	int k, i, d, ne;

	for (k = 0; k < n; k++) {
		ne = edge_lines(&pages[k], idx);
		for (i = 0; i < ne; i++)
			for (d = -2; d <= 2; d++) {
				struct pdf_line *l = &pages[k].lines[idx[i]];

				if (!d || k + d < 0 || k + d >= n)
					continue;
				if (repeated_on(&pages[k], l, &pages[k + d]))
					l->furniture = true;
			}
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
	struct pdf_out o = {
		out, lim ? lim->text : EX_DEFAULT_TEXT, why, STL_STRBUF_INIT
	};
	PopplerDocument *doc;
	struct pdf_page *pages = NULL;
	struct layout lay;
	stl_status_t ret;
	bool empty;
	int n = 0;

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
	if (empty) {
		*why = WHY_NO_TEXT;
		ret = STL_STATUS_NOT_FOUND;
		goto out_free_pages;
	}
	doc_layout(pages, n, &lay);
	mark_furniture(pages, n);
	ret = emit_pages(&o, pages, n, &lay);
	if (ret == STL_STATUS_SUCCESS && add_metadata(doc, out)) {
		*why = WHY_OOM;
		ret = STL_STATUS_OUT_OF_MEMORY;
	}
out_free_pages:
	free_pages(pages, n);
out_unref:
	g_object_unref(doc);
	return ret;
}
