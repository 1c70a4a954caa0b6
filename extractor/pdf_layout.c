/*
 * pdf_layout.c - the geometry of a PDF page for the .pdf reader (pdf.c).
 *
 * A PDF has no paragraphs, lists or tables, only positioned glyphs.
 * poppler_page_get_text() gives the characters in its own reading order
 * and poppler_page_get_text_layout() one rectangle for each, and poppler's
 * order is not the author's: a list label set in its own column comes out
 * before all the items, and the cells of a table row are glued together
 * ("NombreCargo"). So the page is rebuilt from the geometry alone:
 *
 *   - words: runs of characters without a space and without a jump in
 *     position or size between them (poppler glues cells and puts
 *     superscripts inside words);
 *   - lines: words whose vertical centres meet, top to bottom, each line
 *     left to right;
 *   - segments: a line cut where the gap between two words is much wider
 *     than the line's usual space (a tab, a table column); a gap of over
 *     FAR_EM font heights parts two phrases that only share a baseline
 *     (a date and a right-aligned note);
 *   - prose in columns: a gutter blank over many lines, with columns
 *     most lines fill, is read column after column;
 *   - a list label: a first segment that is one list marker ("I.", "1.",
 *     "a)", "•") followed by more text on the line becomes the label of
 *     that item's paragraph;
 *   - tables: consecutive lines with at least two segments, whose
 *     segments stay inside the columns the first line starts (more
 *     columns may show further down, where two cells were too close to
 *     be two segments); a new row starts after white space between
 *     lines, or where the line spacing grows (a wrapped cell's lines are
 *     closer than rows are), or with even spacing where the first column
 *     has text; words go to the column they start in;
 *   - page headers and footers: a first or last line of a page that a
 *     page nearby repeats but for its numbers;
 *   - footnotes: lines at the bottom of a page in a smaller font than the
 *     page's, the first beginning with a digit.
 *
 * Coordinates from the file are made finite and bounded first; all work
 * is a few sorts and linear passes over a page's characters, columns are
 * at most MAX_COLS and gutters MAX_GUTTERS.
 */
#include "pdf_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Geometry thresholds. "em" is a line's font height (its tallest
 * word's rectangle), "space" the usual gap between words.
 */
#define SPACE_EM 0.12	/* a wider gap between two words is a space */
#define WIDE_SPACES 1.6	/* a gap this many spaces wide ends a segment */
#define WIDE_EM 0.3	/* ... and never one narrower than this */
#define FAR_EM 2.0	/* a gap this wide parts two phrases */
#define ROW_GAP_EM 0.15	/* white between two lines that starts a row */
#define ROW_STEP 1.3	/* a step this much over a cell's starts a row */
#define GUTTER_EM 0.8	/* columns of prose: the white between, at least */
#define PROSE_LINES 6	/* ... lines in each column, at least */
#define PROSE_FULL 0.85	/* ... most of them this part of its width */
#define MAX_GUTTERS 8	/* ... gutters looked at, at most */
#define SMALL_FONT 0.9	/* footnotes: a font under this part of usual */

/* ---- helpers ------------------------------------------------------------ */

bool pdf_is_space(gunichar c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xa0 ||
	       g_unichar_isspace(c);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The lower median of @n values in @v (sorted in place); @dflt when
 * none. Lower: of a line's two gaps, a tab and a space, the space. */
static double median(double *v, size_t n, double dflt)
{
	if (!n)
		return dflt;
	qsort(v, n, sizeof(*v), cmp_double);
	return v[(n - 1) / 2];
}

/* A coordinate from a hostile file: finite and of a sane size, so that
 * sorting and arithmetic stay well defined. */
static double sane(double v)
{
	if (!isfinite(v))
		return 0;
	return v < -1e6 ? -1e6 : v > 1e6 ? 1e6 : v;
}

/* ---- words -------------------------------------------------------------- */

static double height(const struct pdf_word *w)
{
	return w->bottom - w->top;
}

static double centre(const struct pdf_word *w)
{
	return (w->top + w->bottom) / 2;
}

/* Whether the character at @r cannot go on word @w, whose last character
 * ends at @last_x1: it jumps back or far ahead, or is higher, lower,
 * bigger or smaller (a table's next cell, a superscript). */
static bool jumps(const struct pdf_word *w, double last_x1,
		  const double r[4])
{
	double h = height(w), rh = r[3] - r[1];

	if (h <= 0)
		h = rh > 0 ? rh : 1;
	return r[0] < last_x1 - 0.5 * h || r[0] - last_x1 > 0.3 * h ||
	       fabs((r[1] + r[3]) / 2 - centre(w)) > 0.3 * h ||
	       fabs(rh - h) > 0.25 * h;
}

static void word_start(struct pdf_word *w, size_t off, const double r[4],
		       bool space_before)
{
	w->off = off;
	w->len = 0;
	w->x0 = r[0];
	w->x1 = r[2];
	w->top = r[1];
	w->bottom = r[3];
	w->space_before = space_before;
}

static void word_add(struct pdf_word *w, const double r[4], size_t clen)
{
	w->len += clen;
	w->x0 = fmin(w->x0, r[0]);
	w->x1 = fmax(w->x1, r[2]);
	w->top = fmin(w->top, r[1]);
	w->bottom = fmax(w->bottom, r[3]);
}

/*
 * Which way the text of a page runs in poppler's rectangles: 0 left to
 * right, 1 top to bottom, 2 right to left, 3 bottom to top. A rotated
 * page (/Rotate, a landscape table) has its rectangles unrotated: its
 * lines run down or up. Each pair of characters next to each other in a
 * word votes.
 */
static int text_direction(const char *t, const PopplerRectangle *rects)
{
	size_t votes[4] = { 0 }, i = 0;
	const char *p;
	int d, best = 0;

	for (p = t; *p && p[1]; p = g_utf8_next_char(p), i++) {
		const PopplerRectangle *a = &rects[i], *b = &rects[i + 1];
		const char *q = g_utf8_next_char(p);
		double dx, dy;

		if (!*q || pdf_is_space(g_utf8_get_char(p)) ||
		    pdf_is_space(g_utf8_get_char(q)))
			continue;
		dx = sane(b->x1 + b->x2) - sane(a->x1 + a->x2);
		dy = sane(b->y1 + b->y2) - sane(a->y1 + a->y2);
		if (fabs(dx) >= fabs(dy))
			votes[dx >= 0 ? 0 : 2]++;
		else
			votes[dy > 0 ? 1 : 3]++;
	}
	for (d = 1; d < 4; d++)
		if (votes[d] > votes[best])
			best = d;
	return best;
}

/* The rectangle of a character, turned so that text runs left to right
 * (@dir from text_direction()), normalized and sane. */
static void rect_of(const PopplerRectangle *pr, int dir, double r[4])
{
	double x1 = sane(pr->x1), x2 = sane(pr->x2);
	double y1 = sane(pr->y1), y2 = sane(pr->y2), t;

	switch (dir) {
	case 1:		/* down: (x, y) is (y, -x) */
		t = x1, x1 = y1, y1 = -t;
		t = x2, x2 = y2, y2 = -t;
		break;
	case 2:		/* right to left: (-x, -y) */
		x1 = -x1, x2 = -x2, y1 = -y1, y2 = -y2;
		break;
	case 3:		/* up: (-y, x) */
		t = x1, x1 = -y1, y1 = t;
		t = x2, x2 = -y2, y2 = t;
		break;
	}
	r[0] = fmin(x1, x2);
	r[2] = fmax(x1, x2);
	r[1] = fmin(y1, y2);
	r[3] = fmax(y1, y2);
}

/* The words of @pg->text with the rectangles @rects, one a character.
 * False on OOM. */
static bool words_geom(struct pdf_page *pg, const PopplerRectangle *rects,
		       size_t nchars)
{
	const char *t = pg->text, *p;
	struct pdf_word *w = NULL;
	double r[4], last_x1 = 0;
	bool space = false;
	size_t i = 0;
	int dir = text_direction(t, rects);

	pg->words = calloc(nchars + 1, sizeof(*pg->words));
	if (!pg->words)
		return false;
	for (p = t; *p; p = g_utf8_next_char(p), i++) {
		gunichar c = g_utf8_get_char(p);
		size_t clen = (size_t)(g_utf8_next_char(p) - p);

		if (pdf_is_space(c)) {
			w = NULL;
			space = c != '\n';
			continue;
		}
		rect_of(&rects[i], dir, r);
		if (!w || jumps(w, last_x1, r)) {
			w = &pg->words[pg->nwords++];
			word_start(w, (size_t)(p - t), r, space);
			space = false;
		}
		word_add(w, r, clen);
		last_x1 = r[2];
	}
	pg->geom = true;
	return true;
}

/* Without rectangles, each line of poppler's text is a word and a line
 * of its own, in poppler's order. False on OOM. */
static bool words_plain(struct pdf_page *pg)
{
	const char *t = pg->text, *p = t, *e;
	size_t n = 1;

	for (e = t; *e; e++)
		n += *e == '\n';
	pg->words = calloc(n, sizeof(*pg->words));
	if (!pg->words)
		return false;
	while (*p) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		const char *q = e;

		while (p < q && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		while (q > p && strchr(" \t\r", q[-1]))
			q--;
		if (p < q) {
			pg->words[pg->nwords].off = (size_t)(p - t);
			pg->words[pg->nwords++].len = (size_t)(q - p);
		}
		p = *e ? e + 1 : e;
	}
	pg->geom = false;
	return true;
}

/* ---- lines -------------------------------------------------------------- */

static int cmp_centre(const void *a, const void *b)
{
	const struct pdf_word *x = a, *y = b;
	double cx = centre(x), cy = centre(y);

	if (cx != cy)
		return cx < cy ? -1 : 1;
	return (x->off > y->off) - (x->off < y->off);
}

static int cmp_left(const void *a, const void *b)
{
	const struct pdf_word *x = a, *y = b;

	if (x->x0 != y->x0)
		return x->x0 < y->x0 ? -1 : 1;
	return (x->off > y->off) - (x->off < y->off);
}

/* Whether word @w sits on the line begun by word @first. */
static bool same_line(const struct pdf_word *first, const struct pdf_word *w)
{
	double h = fmax(height(first), height(w));

	return fabs(centre(w) - centre(first)) <= 0.35 * h;
}

/* Geometry of line @l from its words, and their usual space. */
static void line_geometry(struct pdf_page *pg, struct pdf_line *l,
			  double *gaps)
{
	const struct pdf_word *w = &pg->words[l->w];
	size_t i, n = 0;

	l->x0 = w->x0;
	l->x1 = w->x1;
	l->top = w->top;
	l->bottom = w->bottom;
	l->em = 0;
	for (i = 0; i < l->nw; i++) {
		l->x1 = fmax(l->x1, w[i].x1);
		l->top = fmin(l->top, w[i].top);
		l->bottom = fmax(l->bottom, w[i].bottom);
		l->em = fmax(l->em, height(&w[i]));
	}
	if (l->em <= 0)
		l->em = 1;
	for (i = 1; i < l->nw; i++) {
		double g = w[i].x0 - w[i - 1].x1;

		if (g > 0 && g <= l->em)
			gaps[n++] = g;
	}
	l->space = median(gaps, n, 0);
}

/* The text of line @l into ->lt: its words, a space where the gap is one
 * or where poppler wrote one. */
static void line_text_build(struct pdf_page *pg, struct pdf_line *l)
{
	struct pdf_word *w = &pg->words[l->w];
	size_t i;

	l->off = pg->lt.len;
	for (i = 0; i < l->nw; i++) {
		if (i && (w[i].space_before ||
			  w[i].x0 - w[i - 1].x1 > SPACE_EM * l->em))
			stl_strbuf_addch(&pg->lt, ' ');
		w[i].toff = pg->lt.len;
		stl_strbuf_add(&pg->lt, pg->text + w[i].off, w[i].len);
	}
	l->len = pg->lt.len - l->off;
}

/* Group the words into lines: by vertical centre with rectangles, one a
 * word without. False on OOM. */
static bool build_lines(struct pdf_page *pg)
{
	size_t i, start = 0;
	double *gaps;

	pg->lines = calloc(pg->nwords + 1, sizeof(*pg->lines));
	gaps = malloc((pg->nwords + 1) * sizeof(*gaps));
	if (!pg->lines || !gaps) {
		free(gaps);
		return false;
	}
	if (pg->geom)
		qsort(pg->words, pg->nwords, sizeof(*pg->words), cmp_centre);
	for (i = 1; i <= pg->nwords; i++) {
		struct pdf_line *l;

		if (i < pg->nwords && pg->geom &&
		    same_line(&pg->words[start], &pg->words[i]))
			continue;
		l = &pg->lines[pg->nlines++];
		l->w = start;
		l->nw = i - start;
		qsort(&pg->words[start], l->nw, sizeof(*pg->words), cmp_left);
		line_geometry(pg, l, gaps);
		line_text_build(pg, l);
		start = i;
	}
	free(gaps);
	return !stl_strbuf_failed(&pg->lt);
}

/* The page's usual font height, line spacing and space. False on OOM. */
static bool page_metrics(struct pdf_page *pg)
{
	size_t i, n = pg->nlines + 1, ne = 0, nd = 0, ns = 0;
	double *e = malloc(n * sizeof(*e)), *d = malloc(n * sizeof(*d));
	double *s = malloc(n * sizeof(*s));
	bool ok = e && d && s;

	for (i = 0; ok && i < pg->nlines; i++) {
		const struct pdf_line *l = &pg->lines[i];

		e[ne++] = l->em;
		if (i && l->top > pg->lines[i - 1].top)
			d[nd++] = l->top - pg->lines[i - 1].top;
		if (l->space > 0)
			s[ns++] = l->space;
	}
	if (ok) {
		pg->em = median(e, ne, 12.0);
		pg->spacing = median(d, nd, pg->em * 1.2);
		pg->space = median(s, ns, pg->em * 0.25);
	}
	free(e);
	free(d);
	free(s);
	return ok;
}

/* Bytes of line @l's text. */
const char *pdf_line_str(const struct pdf_page *pg,
			    const struct pdf_line *l, size_t *len)
{
	*len = l->len;
	return pg->lt.buf + l->off;
}

/* Bytes of words [a, b) of the page (of one line). */
const char *pdf_words_str(const struct pdf_page *pg, size_t a, size_t b,
			     size_t *len)
{
	const struct pdf_word *wa = &pg->words[a], *wb = &pg->words[b - 1];

	*len = wb->toff + wb->len - wa->toff;
	return pg->lt.buf + wa->toff;
}

/*
 * Line @l cut into segments at wide gaps, into @s (room for @max); more
 * than @max are joined into the last. Returns how many.
 */
size_t pdf_line_segs(const struct pdf_page *pg, const struct pdf_line *l,
			struct pdf_seg *s, size_t max)
{
	const struct pdf_word *w = pg->words;
	double sp = fmax(l->space, pg->space), wide, far;
	size_t i, n = 0, end = l->w + l->nw;

	if (!l->nw || !max)
		return 0;
	wide = fmax(WIDE_SPACES * sp, WIDE_EM * l->em);
	far = FAR_EM * l->em;
	s[0] = (struct pdf_seg){ l->w, l->w + 1, w[l->w].x0, w[l->w].x1,
				 false };
	n = 1;
	for (i = l->w + 1; i < end; i++) {
		double g = w[i].x0 - w[i - 1].x1;

		if (pg->geom && g > wide && n < max) {
			s[n] = (struct pdf_seg){ i, i + 1, w[i].x0, w[i].x1,
						 g > far };
			n++;
			continue;
		}
		s[n - 1].b = i + 1;
		s[n - 1].x1 = fmax(s[n - 1].x1, w[i].x1);
	}
	return n;
}

/* ---- markers and words ----------------------------------------------- */

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
bool pdf_starts_marker(const char *s, size_t n)
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
bool pdf_all_caps(const char *s, size_t n)
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

/* Ends with a letter and "-", and @next begins in lowercase. */
bool pdf_hyphenated(const char *s, size_t n, const char *next, size_t nn)
{
	const char *p;

	if (n < 2 || s[n - 1] != '-' || !nn)
		return false;
	p = g_utf8_find_prev_char(s, s + n - 1);
	return p && g_unichar_isalpha(g_utf8_get_char(p)) &&
	       g_unichar_islower(g_utf8_get_char(next));
}

bool pdf_ends_sentence(const char *s, size_t n)
{
	return n && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ';');
}
/* Equal but for digits and spaces: "Página 3" and "Página 4". */
bool pdf_same_but_numbers(const char *a, size_t an, const char *b,
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

/* ---- page headers, footers and footnotes -------------------------------- */

/* Whether line @l of @pg is the first or the last line of @pj but for its
 * numbers. */
static bool repeated_on(const struct pdf_page *pg, const struct pdf_line *l,
			const struct pdf_page *pj)
{
	size_t n, m;
	const char *s = pdf_line_str(pg, l, &n), *t;

	if (!pj->nlines)
		return false;
	t = pdf_line_str(pj, &pj->lines[0], &m);
	if (pdf_same_but_numbers(s, n, t, m))
		return true;
	t = pdf_line_str(pj, &pj->lines[pj->nlines - 1], &m);
	return pdf_same_but_numbers(s, n, t, m);
}

/*
 * Whether edge line @l of @pg (@top: the first) stands apart from the
 * body as a header or footer does: in a smaller font, further from the
 * line next to it than lines are, or short. The first line of every
 * page may repeat but for numbers ("Párrafo 6 del acta ...") in the
 * body too, and must not be taken for a header then.
 */
static bool stands_apart(const struct pdf_page *pg, const struct pdf_line *l,
			 bool top)
{
	const struct pdf_line *first = &pg->lines[0];
	const struct pdf_line *last = &pg->lines[pg->nlines - 1];
	double left = l->x0, right = l->x1, step;
	size_t i;

	if (pg->nlines < 2 || !pg->geom)
		return true;
	step = top ? first[1].top - first->top : last->top - last[-1].top;
	for (i = 0; i < pg->nlines; i++) {
		left = fmin(left, pg->lines[i].x0);
		right = fmax(right, pg->lines[i].x1);
	}
	return l->em < 0.95 * pg->em || step > ROW_STEP * pg->spacing ||
	       l->x1 - l->x0 < 0.5 * (right - left);
}

/*
 * Page headers and footers: a first or last line of a page, not in a
 * table and apart from the body, that is the first or last line of a
 * page nearby (two on, for odd and even pages) but for its numbers.
 */
static void mark_furniture(struct pdf_page *pages, int n)
{
	struct pdf_line *edge[2];
	int k, i, d;

	for (k = 0; k < n; k++) {
		struct pdf_page *pg = &pages[k];

		if (!pg->nlines)
			continue;
		edge[0] = &pg->lines[0];
		edge[1] = &pg->lines[pg->nlines - 1];
		for (i = 0; i < 2; i++) {
			if (edge[i]->kind != LINE_BODY ||
			    !stands_apart(pg, edge[i], !i))
				continue;
			for (d = -2; d <= 2; d++)
				if (d && k + d >= 0 && k + d < n &&
				    repeated_on(pg, edge[i], &pages[k + d]))
					edge[i]->kind = LINE_FURNITURE;
		}
	}
}

bool pdf_starts_digit(const struct pdf_page *pg, const struct pdf_line *l)
{
	size_t n;
	const char *s = pdf_line_str(pg, l, &n);

	return n && ((*s >= '0' && *s <= '9') || *s == '*');
}

/*
 * Footnotes: the lines at the bottom of the page (above its footers) in a
 * font smaller than the page's usual one, when the first of them begins
 * with a note's number and some body is above them.
 */
static void mark_footnotes(struct pdf_page *pg)
{
	size_t i = pg->nlines, first = pg->nlines;

	if (!pg->geom)
		return;
	while (i > 0 && pg->lines[i - 1].kind == LINE_FURNITURE)
		i--;
	while (i > 0 && pg->lines[i - 1].kind == LINE_BODY &&
	       pg->lines[i - 1].em < SMALL_FONT * pg->em)
		first = --i;
	if (first == pg->nlines || !first ||
	    !pdf_starts_digit(pg, &pg->lines[first]))
		return;
	for (i = first; i < pg->nlines; i++)
		if (pg->lines[i].kind == LINE_BODY)
			pg->lines[i].kind = LINE_FOOTNOTE;
}

/* ---- prose in columns -------------------------------------------------- */

/* An x interval: a gutter between columns, or a candidate for one. */
struct pdf_gap {
	double a, b;
};

/* Keep in @g (@n, room for MAX_GUTTERS) what of each interval line @l
 * leaves blank, at least @w wide; before its first word and after its
 * last is blank too. Returns how many are left. */
static size_t gaps_meet(const struct pdf_page *pg, const struct pdf_line *l,
			struct pdf_gap *g, size_t n, double w)
{
	struct pdf_gap out[MAX_GUTTERS];
	const struct pdf_word *wd = &pg->words[l->w];
	size_t i, k, m = 0;

	for (i = 0; i < n; i++)
		for (k = 0; k <= l->nw && m < MAX_GUTTERS; k++) {
			double a = k ? wd[k - 1].x1 : -1e7;
			double b = k < l->nw ? wd[k].x0 : 1e7;

			a = fmax(a, g[i].a);
			b = fmin(b, g[i].b);
			if (b - a >= w)
				out[m++] = (struct pdf_gap){ a, b };
		}
	memcpy(g, out, m * sizeof(*g));
	return m;
}

/* The blanks between the words of line @l, at least @w wide, into @g. */
static size_t line_gaps(const struct pdf_page *pg, const struct pdf_line *l,
			struct pdf_gap *g, double w)
{
	const struct pdf_word *wd = &pg->words[l->w];
	size_t k, m = 0;

	for (k = 1; k < l->nw && m < MAX_GUTTERS; k++)
		if (wd[k].x0 - wd[k - 1].x1 >= w)
			g[m++] = (struct pdf_gap){ wd[k - 1].x1, wd[k].x0 };
	return m;
}

/* The column of block @b a word is in, by its centre. */
static int prose_column(const struct pdf_prose *b, const struct pdf_word *w)
{
	double x = (w->x0 + w->x1) / 2;
	int c = 0;

	while (c < b->ncols - 1 && x > b->cut[c])
		c++;
	return c;
}

/* Words of line @l in column @c of block @b: [*a, *e); false if none. */
bool pdf_prose_words(const struct pdf_page *pg, const struct pdf_line *l,
			const struct pdf_prose *b, int c, size_t *a, size_t *e)
{
	size_t k;

	*a = *e = 0;
	for (k = l->w; k < l->w + l->nw; k++)
		if (prose_column(b, &pg->words[k]) == c) {
			if (*a == *e)
				*a = k;
			*e = k + 1;
		}
	return *a < *e;
}

/* The margins of each column of @b over lines [i, j). */
static void prose_margins(const struct pdf_page *pg, size_t i, size_t j,
			  struct pdf_prose *b)
{
	size_t k, a, e;
	int c;

	for (c = 0; c < b->ncols; c++) {
		b->left[c] = 1e7;
		b->right[c] = -1e7;
		for (k = i; k < j; k++)
			if (pdf_prose_words(pg, &pg->lines[k], b, c, &a, &e)) {
				b->left[c] = fmin(b->left[c], pg->words[a].x0);
				b->right[c] = fmax(b->right[c],
						   pg->words[e - 1].x1);
			}
	}
}

/* Whether most lines of each column of @b in [i, j) fill its width, as
 * prose does (a table has a column of short names, numbers or dates). */
static bool prose_full(const struct pdf_page *pg, size_t i, size_t j,
		       const struct pdf_prose *b)
{
	size_t k, a, e, all, full;
	int c;

	for (c = 0; c < b->ncols; c++) {
		double width = b->right[c] - b->left[c];

		all = full = 0;
		for (k = i; k < j; k++) {
			if (!pdf_prose_words(pg, &pg->lines[k], b, c, &a, &e))
				continue;
			all++;
			full += pg->words[e - 1].x1 - pg->words[a].x0 >=
				PROSE_FULL * width;
		}
		if (all < PROSE_LINES || full * 10 < all * 6)
			return false;
	}
	return true;
}

/* Whether line @l has text in column @c of @b. */
static bool in_column(const struct pdf_page *pg, const struct pdf_line *l,
		      const struct pdf_prose *b, int c)
{
	size_t a, e;

	return pdf_prose_words(pg, l, b, c, &a, &e);
}

/* Whether line @l's text in the first column of @b reaches its right
 * edge, as the lines of a justified column but its paragraphs' last do. */
static bool at_edge(const struct pdf_page *pg, const struct pdf_line *l,
		    const struct pdf_prose *b)
{
	size_t a, e;

	return pdf_prose_words(pg, l, b, 0, &a, &e) &&
	       pg->words[e - 1].x1 >= b->right[0] - 0.5 * l->em;
}

/*
 * Whether line @k, below the last line of block @b with text in its last
 * column, is more of the first column, which may be the longer one: a
 * line up to its right edge after at most a paragraph's white, or the
 * last line of a paragraph right under one. A short line after white is
 * the text after the columns.
 */
static bool first_goes_on(const struct pdf_page *pg, size_t k,
			  const struct pdf_prose *b)
{
	const struct pdf_line *l = &pg->lines[k];
	double step = l->top - l[-1].top;

	if (at_edge(pg, l, b))
		return step <= 2 * pg->spacing;
	return at_edge(pg, l - 1, b) && step <= ROW_STEP * pg->spacing;
}

/* Whether gutter @g of lines [i, j) has text on both sides in a quarter
 * of them and in PROSE_LINES at least (the last column of a section may
 * be short). */
static bool inner_gutter(const struct pdf_page *pg, size_t i, size_t j,
			 const struct pdf_gap *g)
{
	size_t k, left = 0, right = 0, n;

	for (k = i; k < j; k++) {
		const struct pdf_line *l = &pg->lines[k];

		left += pg->words[l->w].x0 < g->a;
		right += pg->words[l->w + l->nw - 1].x1 > g->b;
	}
	n = (j - i) / 4 > PROSE_LINES ? (j - i) / 4 : PROSE_LINES;
	return left >= n && right >= n;
}

/*
 * The end of a block of prose in columns that starts at line @i, into
 * *@b; @i when none. The block runs while some blank, at least
 * GUTTER_EM wide, between two words of line @i stays blank in every
 * line; one or two such gutters with text on both sides make its
 * columns, and most lines must fill them. After its last line with
 * text in the last column, only the first column can go on
 * (first_goes_on()).
 */
static size_t prose_end(const struct pdf_page *pg, size_t i,
			struct pdf_prose *b, size_t *scanned)
{
	const struct pdf_line *l = &pg->lines[i];
	struct pdf_gap g[MAX_GUTTERS];
	double w = GUTTER_EM * l->em;
	size_t n = line_gaps(pg, l, g, w), j, k;

	for (j = i + 1; n && j < pg->nlines; j++) {
		const struct pdf_line *m = &pg->lines[j];
		struct pdf_gap t[MAX_GUTTERS];
		size_t nt;

		if (m->kind != LINE_BODY || m->top <= m[-1].top)
			break;
		memcpy(t, g, n * sizeof(*g));
		nt = gaps_meet(pg, m, t, n, w);
		if (!nt)
			break;
		memcpy(g, t, nt * sizeof(*g));
		n = nt;
	}
	*scanned = j;
	if (j - i < PROSE_LINES)
		return i;
	b->ncols = 1;
	for (k = 0; k < n; k++) {
		if (!inner_gutter(pg, i, j, &g[k]))
			continue;
		if (b->ncols == 3)
			return i;
		b->cut[b->ncols - 1] = (g[k].a + g[k].b) / 2;
		b->ncols++;
	}
	if (b->ncols < 2)
		return i;
	for (k = j; k > i && !in_column(pg, &pg->lines[k - 1], b,
					    b->ncols - 1); k--)
		;
	if (k - i < PROSE_LINES)
		return i;
	prose_margins(pg, i, k, b);
	if (!prose_full(pg, i, k, b))
		return i;
	while (k < j && first_goes_on(pg, k, b))
		k++;
	return k;
}

/* Room for one more block of prose in @pg; NULL when full or on OOM
 * (then the page is read without: nothing is lost but the order). */
static struct pdf_prose *new_prose(struct pdf_page *pg)
{
	struct pdf_prose *p;

	if (pg->nprose == MAX_PROSE)
		return NULL;
	p = realloc(pg->prose, (pg->nprose + 1) * sizeof(*p));
	if (!p)
		return NULL;
	pg->prose = p;
	return &p[pg->nprose];
}

/*
 * Blocks of prose in columns: their lines become LINE_COLUMNS. A long
 * run of lines under one gutter that is no block is skipped whole, so
 * that each line is looked at a bounded number of times.
 */
static void mark_prose(struct pdf_page *pg)
{
	struct pdf_prose b;
	size_t i = 0, j, k, scanned;

	while (pg->geom && i < pg->nlines) {
		scanned = i;
		j = pg->lines[i].kind == LINE_BODY ?
		    prose_end(pg, i, &b, &scanned) : i;
		if (j == i) {
			i = scanned >= i + PROSE_LINES ? scanned : i + 1;
			continue;
		}
		if (!new_prose(pg))
			return;
		pg->prose[pg->nprose++] = b;
		for (k = i; k < j; k++) {
			pg->lines[k].kind = LINE_COLUMNS;
			pg->lines[k].table = pg->nprose;
			pg->lines[k].label = false;
		}
		i = j;
	}
}

/* ---- list labels and tables --------------------------------------------- */

/* A line whose first segment is one list marker and more text follows. */
static void mark_label(struct pdf_page *pg, struct pdf_line *l)
{
	struct pdf_seg s[2];
	size_t n;
	const char *t;

	if (l->kind != LINE_BODY || pdf_line_segs(pg, l, s, 2) < 2 ||
	    s[0].b - s[0].a != 1)
		return;
	t = pdf_words_str(pg, s[0].a, s[0].b, &n);
	l->label = pdf_starts_marker(t, n);
}

/* The column of @cols (@nc of them) a text starting at @x0 is in: the
 * last that starts at or before it; -1 before the first. */
static int column_of(const double *cols, int nc, double x0, double tol)
{
	int c = -1;

	while (c + 1 < nc && cols[c + 1] - tol <= x0)
		c++;
	return c;
}

/* Whether a column may start at @x under lines [i, k): no word of them
 * crosses @x, and one starts there (its cell was too close to the one
 * before to be a segment of its own). */
static bool column_at(const struct pdf_page *pg, size_t i, size_t k,
		      double x, double tol)
{
	bool starts = false;
	size_t m, w;

	for (m = i; m < k; m++) {
		const struct pdf_line *l = &pg->lines[m];

		for (w = l->w; w < l->w + l->nw; w++) {
			const struct pdf_word *wd = &pg->words[w];

			if (wd->x0 < x - tol && wd->x1 > x + tol)
				return false;
			starts = starts || fabs(wd->x0 - x) <= tol;
		}
	}
	return starts;
}

/* A column starting at @x into @t (sorted); false when full. */
static bool add_column(struct pdf_table *t, double x)
{
	int c = t->ncols;

	if (c == MAX_COLS)
		return false;
	while (c > 0 && t->cols[c - 1] > x) {
		t->cols[c] = t->cols[c - 1];
		c--;
	}
	t->cols[c] = x;
	t->ncols++;
	return true;
}

/* Whether segment @s runs over the left edge of a column of @t. */
static bool spans(const struct pdf_table *t, const struct pdf_seg *s,
		  double tol)
{
	int c;

	for (c = 1; c < t->ncols; c++)
		if (s->x0 < t->cols[c] - tol && s->x1 > t->cols[c] + tol)
			return true;
	return false;
}

/*
 * Whether line @k, under lines [i, k) of table @t, fits its columns: each
 * segment in a column of its own, no word across a column's left edge.
 * Two segments in one column part it where column_at() allows: the first
 * line may have had two cells close enough to be one segment. A segment
 * over two columns (such close cells) must stay inside the table's
 * width so far, @right: a paragraph under a table is wider.
 */
static bool fits(const struct pdf_page *pg, size_t i, size_t k,
		 struct pdf_table *t, const struct pdf_seg *s, size_t n,
		 double right)
{
	const struct pdf_line *l = &pg->lines[k];
	double tol = ALIGN_EM * l->em;
	int prev = -1, c;
	size_t m, w;

	for (m = 0; m < n; m++) {
		c = column_of(t->cols, t->ncols, s[m].x0, tol);
		if (c < 0)
			return false;
		if (c <= prev) {
			if (!column_at(pg, i, k, s[m].x0, tol) ||
			    !add_column(t, s[m].x0))
				return false;
			c = column_of(t->cols, t->ncols, s[m].x0, tol);
		}
		prev = c;
	}
	for (m = 0; m < n; m++)
		if (spans(t, &s[m], tol) && l->x1 > right + tol)
			return false;
	for (w = l->w; w < l->w + l->nw; w++)
		for (c = 1; c < t->ncols; c++)
			if (pg->words[w].x0 < t->cols[c] - tol &&
			    pg->words[w].x1 > t->cols[c] + tol)
				return false;
	return true;
}

/* The columns line @l starts (its segments' left edges) into @t; false
 * if it has one segment or too many. */
static bool table_columns(const struct pdf_page *pg, const struct pdf_line *l,
			  struct pdf_table *t)
{
	struct pdf_seg s[MAX_COLS + 1];
	size_t i, n;

	n = pdf_line_segs(pg, l, s, MAX_COLS + 1);
	if (n < 2 || n > MAX_COLS)
		return false;
	for (i = 0; i < n; i++)
		t->cols[i] = s[i].x0;
	t->ncols = (int)n;
	return true;
}

bool pdf_cell_words(const struct pdf_page *pg, const struct pdf_line *l,
		    const struct pdf_table *t, int c, size_t *a, size_t *e)
{
	double tol = ALIGN_EM * l->em;
	size_t w;
	int col;

	*a = *e = 0;
	for (w = l->w; w < l->w + l->nw; w++) {
		col = column_of(t->cols, t->ncols, pg->words[w].x0, tol);
		if (col == c || (col < 0 && !c)) {
			if (*a == *e)
				*a = w;
			*e = w + 1;
		}
	}
	return *a < *e;
}

/* Whether line @l, under line @i of a table, would end it: after white
 * it has one segment, in the first column or lower than right under the
 * first line (see table_end()). */
static bool after_table(const struct pdf_page *pg, size_t i, size_t k,
			const struct pdf_seg *s, size_t n,
			const struct pdf_table *t)
{
	const struct pdf_line *l = &pg->lines[k], *p = l - 1;
	double tol = ALIGN_EM * l->em;

	return n < 2 && l->top - p->bottom > ROW_GAP_EM * l->em &&
	       (k > i + 1 ||
		column_of(t->cols, t->ncols, s[0].x0, tol) <= 0);
}

/*
 * The end of the table line @i starts, or @i when it starts none. A line
 * goes on the table when its segments fit the columns, unless it would
 * start a row (white above it) with a single segment: that is the text
 * after the table. Right under the first line such a segment may stand
 * in another column than the first: at the top of a page, under the
 * header row repeated there, the rest of a row the page break cut. A
 * table has at least two lines of several segments.
 */
static size_t table_end(const struct pdf_page *pg, size_t i,
			struct pdf_table *t)
{
	struct pdf_seg s[MAX_COLS + 1];
	const struct pdf_line *first = &pg->lines[i];
	struct pdf_table was;
	size_t k, n, multi = 1;
	double right = first->x1;

	if (first->kind != LINE_BODY || first->label ||
	    !table_columns(pg, first, t))
		return i;
	for (k = i + 1; k < pg->nlines; k++) {
		const struct pdf_line *l = &pg->lines[k], *p = l - 1;

		if (l->kind != LINE_BODY || l->top <= p->top)
			break;
		n = pdf_line_segs(pg, l, s, MAX_COLS + 1);
		was = *t;
		if (n > MAX_COLS || !fits(pg, i, k, t, s, n, right) ||
		    after_table(pg, i, k, s, n, t)) {
			*t = was;
			break;
		}
		right = fmax(right, l->x1);
		multi += n >= 2;
	}
	return multi >= 2 ? k : i;
}

/*
 * Lines [i, j) are table @id, @t: mark them and the first line of each
 * row. A row starts after white between the lines, or where the step
 * from the line above is clearly longer than the shortest step in the
 * table (lines of one cell are set closer than rows); when all steps are
 * alike (cells without padding), where the first column has text.
 */
static void mark_table(struct pdf_page *pg, size_t i, size_t j, unsigned id,
		       const struct pdf_table *t)
{
	size_t a, e;

	double lo = 0, hi = 0, d;
	size_t k;

	for (k = i + 1; k < j; k++) {
		d = pg->lines[k].top - pg->lines[k - 1].top;
		lo = k == i + 1 ? d : fmin(lo, d);
		hi = k == i + 1 ? d : fmax(hi, d);
	}
	for (k = i; k < j; k++) {
		struct pdf_line *l = &pg->lines[k];

		l->kind = LINE_TABLE;
		l->table = id;
		l->label = false;
		if (k == i) {
			l->row = true;
			continue;
		}
		if (hi <= ROW_STEP * lo) {
			l->row = pdf_cell_words(pg, l, t, 0, &a, &e);
			continue;
		}
		d = l->top - l[-1].top;
		l->row = l->top - l[-1].bottom > ROW_GAP_EM * l->em ||
			 d > ROW_STEP * lo;
	}
}

/* Room for one more table in @pg; NULL on OOM (then its lines are read
 * as paragraphs). */
static struct pdf_table *new_table(struct pdf_page *pg)
{
	struct pdf_table *t;

	t = realloc(pg->tables, (pg->ntables + 1) * sizeof(*t));
	if (!t)
		return NULL;
	pg->tables = t;
	return &t[pg->ntables];
}

static void mark_tables(struct pdf_page *pg)
{
	struct pdf_table t;
	size_t i = 0, j;

	while (pg->geom && i < pg->nlines) {
		j = table_end(pg, i, &t);
		if (j == i) {
			i++;
			continue;
		}
		if (!new_table(pg))
			return;
		pg->tables[pg->ntables++] = t;
		mark_table(pg, i, j, pg->ntables, &t);
		i = j;
	}
}

/*
 * Prose in columns, labels and tables of every page, then headers and
 * footers (a table's
 * header row repeated on every page is no page header), then footnotes
 * (above the footers).
 */
void pdf_classify(struct pdf_page *pages, int n)
{
	size_t i;
	int k;

	for (k = 0; k < n; k++) {
		struct pdf_page *pg = &pages[k];

		mark_prose(pg);
		for (i = 0; pg->geom && i < pg->nlines; i++)
			mark_label(pg, &pg->lines[i]);
		mark_tables(pg);
	}
	mark_furniture(pages, n);
	for (k = 0; k < n; k++)
		mark_footnotes(&pages[k]);
}
/* The words and lines of @pg->text, with geometry when there is one
 * rectangle per character (poppler's promise). False on OOM. */
bool pdf_page_lines(struct pdf_page *pg, const PopplerRectangle *rects,
		       guint nrects)
{
	glong nchars = g_utf8_strlen(pg->text, -1);
	bool ok;

	stl_strbuf_init(&pg->lt, 0);
	if (rects && nchars >= 0 && (glong)nrects == nchars)
		ok = words_geom(pg, rects, (size_t)nchars);
	else
		ok = words_plain(pg);
	return ok && build_lines(pg) && page_metrics(pg);
}
