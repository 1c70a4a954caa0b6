/*
 * odt.c - OpenDocument text (.odt): the text of content.xml as
 * LibreOffice shows it, with list labels from the list styles of
 * content.xml and styles.xml.
 *
 * Order of the blocks: the headers of the master pages (styles.xml, each
 * distinct text once), the body, then the footers. A note's body comes
 * after the paragraph (or table) that cites it; a text box's paragraphs
 * come before the paragraph they are anchored in; a table in a cell is
 * flattened into that cell; covered cells are skipped.
 *
 * Tracked changes are read as accepted: the deleted text lives in
 * text:tracked-changes, which is skipped whole; inserted text is in the
 * body. Annotations (comments) are dropped.
 *
 * Lists: every outermost text:list has its own counters unless it says
 * text:continue-list (that list's counters) or text:continue-numbering
 * (the last list of the same style's); a level restarts when a shallower
 * one advances. Headings outside lists take the outline numbering
 * (text:outline-style) when it has a number format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "ooxml.h"

#define WHY_DAMAGED "archivo .odt dañado o incompleto"
#define WHY_NOT_ODT "no es un documento de texto OpenDocument (.odt)"

static const char TEXT_NS[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
static const char TABLE_NS[] = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
static const char OFFICE_NS[] =
	"urn:oasis:names:tc:opendocument:xmlns:office:1.0";
static const char STYLE_NS[] = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
static const char SVG_NS[] =
	"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";
static const char XML_NS[] = "http://www.w3.org/XML/1998/namespace";

#define OD_LEVELS 10
#define OUTLINE_NAME "\001outline"	/* no style:name can have it */

/* ---- list styles ------------------------------------------------------------ */

struct od_lvl {
	bool set, bullet;
	enum ox_numfmt fmt;
	char prefix[24], suffix[24];
	int start, display;
};

struct od_lstyle {
	char name[80];
	struct od_lvl lvl[OD_LEVELS];
};

/* The counters of one list (outermost text:list and its continuations). */
struct od_list {
	char id[80], style[80];
	int cnt[OD_LEVELS];
	bool on[OD_LEVELS];
};

struct od_defs {
	struct od_lstyle *sty;
	size_t nsty, asty;
	struct od_list *lists;
	size_t nlists, alists;
};

static void defs_release(struct od_defs *d)
{
	free(d->sty);
	free(d->lists);
	memset(d, 0, sizeof(*d));
}

/* The last style of that name: content.xml's come after styles.xml's. */
static const struct od_lstyle *find_lstyle(const struct od_defs *d,
					   const char *name)
{
	size_t i = d->nsty;

	while (name[0] && i--)
		if (!strcmp(d->sty[i].name, name))
			return &d->sty[i];
	return NULL;
}

static enum ox_numfmt parse_fmt(const char *v, bool sync)
{
	if (!v || !*v)
		return OX_NUM_NONE;
	if (!strcmp(v, "I"))
		return OX_NUM_UPPER_ROMAN;
	if (!strcmp(v, "i"))
		return OX_NUM_LOWER_ROMAN;
	if (!strcmp(v, "A"))
		return sync ? OX_NUM_UPPER_LETTER : OX_NUM_UPPER_LETTERS;
	if (!strcmp(v, "a"))
		return sync ? OX_NUM_LOWER_LETTER : OX_NUM_LOWER_LETTERS;
	return OX_NUM_DECIMAL;
}

static void copy_attr(xmlTextReaderPtr r, const char *name, const char *ns,
		      char *dst, size_t size)
{
	char *v = ox_attr(r, name, ns);

	if (!v)
		return;
	snprintf(dst, size, "%s", v);
	xmlFree(v);
}

static int int_attr(xmlTextReaderPtr r, const char *name, const char *ns,
		    int def)
{
	char *v = ox_attr(r, name, ns), *end;
	long n;

	if (!v)
		return def;
	n = strtol(v, &end, 10);
	if (end == v || n < -1000000 || n > 1000000)
		n = def;
	xmlFree(v);
	return (int)n;
}

static bool true_attr(xmlTextReaderPtr r, const char *name, const char *ns)
{
	char *v = ox_attr(r, name, ns);
	bool on = v && !strcmp(v, "true");

	xmlFree(v);
	return on;
}

/* text:list-level-style-number / -bullet / -image of the style @s. */
static void level_style(struct od_lstyle *s, xmlTextReaderPtr r, const char *n)
{
	int k = int_attr(r, "level", TEXT_NS, 1) - 1;
	struct od_lvl *l;
	char *fmt;

	if (k < 0 || k >= OD_LEVELS)
		return;
	l = &s->lvl[k];
	memset(l, 0, sizeof(*l));
	l->set = true;
	l->start = 1;
	l->display = 1;
	if (strcmp(n, "list-level-style-number") &&
	    strcmp(n, "outline-level-style")) {
		l->bullet = true;
		return;
	}
	fmt = ox_attr(r, "num-format", STYLE_NS);
	l->fmt = parse_fmt(fmt, true_attr(r, "num-letter-sync", STYLE_NS));
	xmlFree(fmt);
	copy_attr(r, "num-prefix", STYLE_NS, l->prefix, sizeof(l->prefix));
	copy_attr(r, "num-suffix", STYLE_NS, l->suffix, sizeof(l->suffix));
	l->start = int_attr(r, "start-value", TEXT_NS, 1);
	l->display = int_attr(r, "display-levels", TEXT_NS, 1);
}

/* ---- the walk ------------------------------------------------------------------ */

struct od_open_list {
	int list;		/* index in defs->lists, -1: none */
	char style[80];
	bool pending;		/* an item whose first paragraph is to come */
	int start_value;	/* that item's text:start-value, or -1 */
};

struct od_walk {
	xmlTextReaderPtr r;
	struct ox_build *b;
	struct od_defs *d;
	struct od_lstyle *lstyle;	/* the list style being read */
	struct od_open_list lists[OD_LEVELS];
	unsigned nlists;		/* open text:list, maybe > OD_LEVELS */
	int outline;			/* the headings' counters, -1: none */
	/* styles.xml: headers and footers of the master pages */
	bool styles;
	int master;			/* 0 outside, 1 header, 2 footer */
	struct stl_stext *out, part, *headers, *footers;
};

static bool in_text(const struct od_walk *w)
{
	return !w->styles || w->master;
}

static int new_list(struct od_walk *w, const char *id, const char *style)
{
	struct od_defs *d = w->d;
	struct od_list *l = ox_push((void **)&d->lists, &d->nlists, &d->alists,
				 sizeof(*d->lists));

	if (!l)
		return d->nlists ? (int)d->nlists - 1 : -1;
	snprintf(l->id, sizeof(l->id), "%s", id);
	snprintf(l->style, sizeof(l->style), "%s", style);
	return (int)(l - d->lists);
}

/* The counters an outermost text:list continues, or new ones. */
static int list_of(struct od_walk *w, const char *style)
{
	struct od_defs *d = w->d;
	char id[80] = "", cont[80] = "";
	size_t i;

	copy_attr(w->r, "id", XML_NS, id, sizeof(id));
	copy_attr(w->r, "continue-list", TEXT_NS, cont, sizeof(cont));
	for (i = d->nlists; cont[0] && i--;)
		if (!strcmp(d->lists[i].id, cont))
			return (int)i;
	if (!cont[0] && true_attr(w->r, "continue-numbering", TEXT_NS))
		for (i = d->nlists; i--;)
			if (!strcmp(d->lists[i].style, style) &&
			    strcmp(d->lists[i].style, OUTLINE_NAME))
				return (int)i;
	return new_list(w, id, style);
}

static void list_begin(struct od_walk *w)
{
	struct od_open_list *up = w->nlists ? &w->lists[w->nlists - 1] : NULL;
	struct od_open_list *o;
	char style[80] = "";

	if (w->nlists++ >= OD_LEVELS)
		return;
	o = &w->lists[w->nlists - 1];
	copy_attr(w->r, "style-name", TEXT_NS, style, sizeof(style));
	if (!style[0] && up)
		snprintf(style, sizeof(style), "%s", up->style);
	snprintf(o->style, sizeof(o->style), "%s", style);
	o->list = up ? up->list : list_of(w, style);
	o->pending = false;
	o->start_value = -1;
}

static struct od_open_list *top_list(struct od_walk *w)
{
	if (!w->nlists)
		return NULL;
	return &w->lists[(w->nlists > OD_LEVELS ? OD_LEVELS : w->nlists) - 1];
}

static void item_begin(struct od_walk *w, bool header)
{
	struct od_open_list *o = top_list(w);

	if (!o)
		return;
	o->pending = !header;
	o->start_value = int_attr(w->r, "start-value", TEXT_NS, -1);
}

/* Count an item at level @k of list @l and write its label. */
static void number(struct od_list *l, const struct od_lstyle *s, int k,
		   int start_value, char *label)
{
	const struct od_lvl *lv = s ? &s->lvl[k] : NULL;
	struct stl_strbuf sb = STL_STRBUF_INIT;
	int j, first;

	if (start_value >= 0)
		l->cnt[k] = start_value;
	else if (l->on[k])
		l->cnt[k]++;
	else
		l->cnt[k] = lv && lv->set ? lv->start : 1;
	l->on[k] = true;
	for (j = k + 1; j < OD_LEVELS; j++)
		l->on[j] = false;
	label[0] = '\0';
	if (!lv || !lv->set)
		return;
	if (lv->bullet) {
		ox_set_label(label, OX_LABEL_MAX, "•");
		return;
	}
	stl_strbuf_addstr(&sb, lv->prefix);
	first = lv->display > k + 1 ? 0 : k + 1 - (lv->display > 0 ? lv->display : 1);
	for (j = first; j <= k && lv->fmt != OX_NUM_NONE; j++) {
		const struct od_lvl *lj = &s->lvl[j];
		int n = l->on[j] ? l->cnt[j] : (lj->set ? lj->start : 1);

		if (j > first)
			stl_strbuf_addch(&sb, '.');
		ox_format_number(&sb, lj->set ? lj->fmt : OX_NUM_DECIMAL, n);
	}
	stl_strbuf_addstr(&sb, lv->suffix);
	if (!stl_strbuf_failed(&sb))
		ox_set_label(label, OX_LABEL_MAX, sb.buf);
	stl_strbuf_release(&sb);
}

/* A heading outside lists: the outline numbering, if any. */
static void heading(struct od_walk *w, struct ox_para *p)
{
	const struct od_lstyle *s = find_lstyle(w->d, OUTLINE_NAME);
	int k = int_attr(w->r, "outline-level", TEXT_NS, 1) - 1;
	int start = int_attr(w->r, "start-value", TEXT_NS, -1);

	if (k < 0)
		k = 0;
	if (k >= OD_LEVELS)
		k = OD_LEVELS - 1;
	if (!s || true_attr(w->r, "is-list-header", TEXT_NS))
		return;
	if (w->outline < 0)
		w->outline = new_list(w, "", OUTLINE_NAME);
	if (w->outline < 0)
		return;
	if (true_attr(w->r, "restart-numbering", TEXT_NS))
		w->d->lists[w->outline].on[k] = false;
	number(&w->d->lists[w->outline], s, k, start, p->label);
	p->level = (unsigned)k;
}

static void para_begin(struct od_walk *w, bool is_heading)
{
	struct od_open_list *o = top_list(w);
	struct ox_para *p = ox_para_begin(w->b);

	if (!p)
		return;
	if (!o) {
		if (is_heading && w->b->depth == 1)
			heading(w, p);
		return;
	}
	p->level = (unsigned)(w->nlists - 1);
	if (!o->pending || o->list < 0)
		return;
	o->pending = false;
	if (p->level >= OD_LEVELS)
		p->level = OD_LEVELS - 1;
	number(&w->d->lists[o->list], find_lstyle(w->d, o->style),
	       (int)p->level, o->start_value, p->label);
}

static void para_end(struct od_walk *w)
{
	struct ox_para *p = ox_para_top(w->b);

	if (!p || w->b->overflow) {
		ox_para_end(w->b, NULL, 0);
		return;
	}
	/* white space at the end of a paragraph is not shown */
	while (p->text.len && p->text.buf[p->text.len - 1] == ' ')
		stl_strbuf_setlen(&p->text, p->text.len - 1);
	ox_para_end(w->b, p->label, p->level);
}

/* Text in a paragraph: runs of white space show as one space. */
static void add_text(struct od_walk *w, const char *s)
{
	struct ox_para *p = ox_para_top(w->b);
	const char *run;

	if (!p)
		return;
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
				s++;
			if (p->text.len && p->text.buf[p->text.len - 1] != ' ')
				ox_text(w->b, " ", 1);
			continue;
		}
		run = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			s++;
		ox_text(w->b, run, (size_t)(s - run));
	}
}

static void spaces(struct od_walk *w)
{
	int n = int_attr(w->r, "c", TEXT_NS, 1);

	if (n > 1000)
		n = 1000;
	while (n-- > 0)
		ox_text(w->b, " ", 1);
}

/* 1 for style:header (-left, -first), 2 for the footers, else 0. */
static int master_kind(const char *n)
{
	static const char *const names[] = { "header", "header-left",
					     "header-first", "footer",
					     "footer-left", "footer-first" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(n, names[i]))
			return i < 3 ? 1 : 2;
	return 0;
}

/* style:header ... in styles.xml: its blocks go to a part of their own. */
static void master_begin(struct od_walk *w, int kind)
{
	if (w->master || w->b->depth || w->b->tables)
		return;
	w->master = kind;
	stl_stext_init(&w->part);
	w->b->out = &w->part;
}

static void master_end(struct od_walk *w)
{
	struct stl_stext *dst = w->master == 1 ? w->headers : w->footers;

	while (w->b->depth || w->b->overflow)
		ox_para_end(w->b, NULL, 0);
	while (w->b->tables)
		ox_table_end(w->b);
	ox_notes_flush(w->b);
	/* the same header on every page style is said once */
	if (!w->b->err && w->part.text.len &&
	    !ox_find(dst->text.buf, dst->text.len, w->part.text.buf,
		     w->part.text.len) &&
	    ox_stext_append(dst, &w->part, true))
		ox_fail(w->b, STL_STATUS_OUT_OF_MEMORY, OX_WHY_OOM);
	if (stl_stext_size(dst) > w->b->lim->text)
		ox_fail(w->b, STL_STATUS_INVALID_ARGUMENT, OX_WHY_TEXT);
	stl_stext_release(&w->part);
	w->b->out = w->out;
	w->master = 0;
}

static bool skipped(const char *u, const char *n)
{
	if (u == TEXT_NS) {
		size_t len = strlen(n);

		/* an index's templates (text:table-of-content-source ...) */
		if (len > 7 && !strcmp(n + len - 7, "-source"))
			return true;
		return !strcmp(n, "tracked-changes") || !strcmp(n, "note-citation");
	}
	if (u == OFFICE_NS)
		return !strcmp(n, "annotation") || !strcmp(n, "binary-data");
	if (u == SVG_NS)
		return !strcmp(n, "title") || !strcmp(n, "desc");
	return u == TABLE_NS && !strcmp(n, "covered-table-cell");
}

/* The namespace of the node as one of ours (compared by address). */
static const char *ns_of(xmlTextReaderPtr r)
{
	static const char *const all[] = { TEXT_NS, TABLE_NS, OFFICE_NS,
					   STYLE_NS, SVG_NS };
	const char *u = (const char *)xmlTextReaderConstNamespaceUri(r);
	size_t i;

	for (i = 0; u && i < sizeof(all) / sizeof(all[0]); i++)
		if (!strcmp(u, all[i]))
			return all[i];
	return NULL;
}

static void style_start(struct od_walk *w, const char *n)
{
	struct od_defs *d = w->d;

	if (!strcmp(n, "list-style") || !strcmp(n, "outline-style")) {
		w->lstyle = ox_push((void **)&d->sty, &d->nsty, &d->asty,
				 sizeof(*d->sty));
		if (!w->lstyle)
			return;
		if (n[0] == 'o')
			snprintf(w->lstyle->name, sizeof(w->lstyle->name), "%s",
				 OUTLINE_NAME);
		else
			copy_attr(w->r, "name", STYLE_NS, w->lstyle->name,
				  sizeof(w->lstyle->name));
	} else if (w->lstyle && (!strncmp(n, "list-level-style-", 17) ||
				 !strcmp(n, "outline-level-style"))) {
		level_style(w->lstyle, w->r, n);
	}
}

/* An element of the text namespace begins. */
static void text_start(struct od_walk *w, const char *n)
{
	struct ox_build *b = w->b;

	if (!strcmp(n, "p") || !strcmp(n, "h"))
		para_begin(w, n[0] == 'h');
	else if (!strcmp(n, "s"))
		spaces(w);
	else if (!strcmp(n, "tab") || !strcmp(n, "line-break"))
		ox_text(b, " ", 1);
	else if (!strcmp(n, "list"))
		list_begin(w);
	else if (!strcmp(n, "list-item") || !strcmp(n, "list-header"))
		item_begin(w, n[5] == 'h');
	else if (!strcmp(n, "note-body"))
		b->notes_open++;
}

static void text_end(struct od_walk *w, const char *n)
{
	if (!strcmp(n, "p") || !strcmp(n, "h"))
		para_end(w);
	else if (!strcmp(n, "list") && w->nlists)
		w->nlists--;
	else if (!strcmp(n, "note-body") && w->b->notes_open)
		w->b->notes_open--;
	else if (!strcmp(n, "list-style") || !strcmp(n, "outline-style"))
		w->lstyle = NULL;
}

static void table_start(struct od_walk *w, const char *n)
{
	if (!strcmp(n, "table"))
		ox_table_begin(w->b);
	else if (!strcmp(n, "table-row"))
		ox_row_begin(w->b);
	else if (!strcmp(n, "table-cell"))
		ox_cell_begin(w->b);
}

static void table_end(struct od_walk *w, const char *n)
{
	if (!strcmp(n, "table"))
		ox_table_end(w->b);
	else if (!strcmp(n, "table-row"))
		ox_row_end(w->b);
	else if (!strcmp(n, "table-cell"))
		ox_cell_end(w->b);
}

static void on_end(struct od_walk *w, const char *u, const char *n)
{
	if (u == TEXT_NS)
		text_end(w, n);
	else if (u == TABLE_NS && in_text(w))
		table_end(w, n);
	else if (u == STYLE_NS && w->master && master_kind(n))
		master_end(w);
}

/* An element begins; true to skip it and all it holds. */
static bool on_start(struct od_walk *w, const char *u, const char *n)
{
	if (skipped(u, n))
		return true;
	if (u == TEXT_NS) {
		style_start(w, n);
		if (in_text(w))
			text_start(w, n);
	} else if (u == TABLE_NS && in_text(w)) {
		table_start(w, n);
	} else if (u == STYLE_NS && w->styles && master_kind(n)) {
		master_begin(w, master_kind(n));
	}
	return false;
}

/* One node; true to skip the element's subtree. */
static bool on_node(struct od_walk *w)
{
	xmlTextReaderPtr r = w->r;
	const char *n = (const char *)xmlTextReaderConstLocalName(r);
	const char *u = ns_of(r), *v;
	bool skip;

	switch (xmlTextReaderNodeType(r)) {
	case XML_READER_TYPE_ELEMENT:
		skip = on_start(w, u, n ? n : "");
		if (!skip && xmlTextReaderIsEmptyElement(r))
			on_end(w, u, n ? n : "");
		return skip;
	case XML_READER_TYPE_END_ELEMENT:
		on_end(w, u, n ? n : "");
		return false;
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_WHITESPACE:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		v = (const char *)xmlTextReaderConstValue(r);
		if (v && in_text(w))
			add_text(w, v);
		return false;
	default:
		return false;
	}
}

/* Walk @xml (content.xml, or styles.xml when w->styles) into w->out. A
 * part that is not well-formed fails when @strict. */
static stl_status_t walk(struct od_walk *w, const char *xml, size_t len,
			 const struct ex_limits *lim, bool strict,
			 const char **why)
{
	struct ox_build b;
	stl_status_t ret;
	int rc;

	ox_build_init(&b, w->out, lim);
	w->b = &b;
	w->outline = -1;
	w->nlists = 0;
	w->r = ox_xml_reader(xml, len);
	if (!w->r) {
		ox_fail(&b, STL_STATUS_OUT_OF_MEMORY, OX_WHY_OOM);
		goto out_release;
	}
	rc = xmlTextReaderRead(w->r);
	while (rc == 1 && !b.err)
		rc = on_node(w) ? xmlTextReaderNext(w->r) : xmlTextReaderRead(w->r);
	if (rc < 0 && strict)
		ox_fail(&b, STL_STATUS_INVALID_ARGUMENT, WHY_DAMAGED);
	xmlFreeTextReader(w->r);
	if (w->master)
		master_end(w);
	while (b.depth || b.overflow)
		ox_para_end(&b, NULL, 0);
	while (b.tables)
		ox_table_end(&b);
	ox_notes_flush(&b);
out_release:
	ret = b.err;
	if (ret)
		*why = b.why;
	ox_build_release(&b);
	w->b = NULL;
	return ret;
}

/* ---- the parts ------------------------------------------------------------------ */

#define ODT_MIME "application/vnd.oasis.opendocument.text"

/* The mimetype entry, when there is one, must say text (or its template). */
static stl_status_t check_type(struct ox_zip *z, struct stl_strbuf *buf,
			       const char **why)
{
	size_t n = strlen(ODT_MIME);
	stl_status_t ret;

	stl_strbuf_reset(buf);
	ret = ox_zip_read(z, "mimetype", buf, why);
	if (ret == STL_STATUS_NOT_FOUND)
		return STL_STATUS_SUCCESS;
	if (ret)
		return ret;
	if (buf->len >= n && !memcmp(buf->buf, ODT_MIME, n) &&
	    (buf->len == n || !strcmp(buf->buf + n, "-template")))
		return STL_STATUS_SUCCESS;
	*why = WHY_NOT_ODT;
	return STL_STATUS_INVALID_ARGUMENT;
}

/* Encrypted entries are listed in the manifest with their key data. */
static stl_status_t check_crypt(struct ox_zip *z, struct stl_strbuf *buf,
				const char **why)
{
	stl_status_t ret;

	stl_strbuf_reset(buf);
	ret = ox_zip_read(z, "META-INF/manifest.xml", buf, why);
	if (ret == STL_STATUS_NOT_FOUND)
		return STL_STATUS_SUCCESS;
	if (ret)
		return ret;
	if (ox_find(buf->buf, buf->len, "encryption-data", 15)) {
		*why = OX_WHY_CRYPT;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	return STL_STATUS_SUCCESS;
}

struct od_doc {
	struct ox_zip z;
	struct od_defs d;
	struct stl_strbuf xml;
	struct stl_stext headers, footers;
	const struct ex_limits *lim;
	struct stl_stext *out;
};

static stl_status_t read_styles(struct od_doc *doc, const char **why)
{
	struct stl_stext none = STL_STEXT_INIT;
	struct od_walk w = { 0 };
	stl_status_t ret;

	stl_strbuf_reset(&doc->xml);
	ret = ox_zip_read(&doc->z, "styles.xml", &doc->xml, why);
	if (ret == STL_STATUS_NOT_FOUND)
		return STL_STATUS_SUCCESS;
	if (ret)
		return ret;
	w.d = &doc->d;
	w.styles = true;
	w.out = &none;
	w.headers = &doc->headers;
	w.footers = &doc->footers;
	ret = walk(&w, doc->xml.buf, doc->xml.len, doc->lim, false, why);
	stl_stext_release(&none);
	return ret;
}

static stl_status_t add_part(struct od_doc *doc, const struct stl_stext *part,
			     const char **why)
{
	if (ox_stext_append(doc->out, part, true)) {
		*why = OX_WHY_OOM;
		return STL_STATUS_OUT_OF_MEMORY;
	}
	if (stl_stext_size(doc->out) > doc->lim->text) {
		*why = OX_WHY_TEXT;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	return STL_STATUS_SUCCESS;
}

static stl_status_t read_doc(struct od_doc *doc, const char **why)
{
	struct od_walk w = { 0 };
	stl_status_t ret;

	ret = check_type(&doc->z, &doc->xml, why);
	if (!ret)
		ret = check_crypt(&doc->z, &doc->xml, why);
	if (!ret)
		ret = read_styles(doc, why);
	if (!ret)
		ret = add_part(doc, &doc->headers, why);
	if (ret)
		return ret;
	stl_strbuf_reset(&doc->xml);
	ret = ox_zip_read(&doc->z, "content.xml", &doc->xml, why);
	if (ret == STL_STATUS_NOT_FOUND) {
		*why = WHY_NOT_ODT;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	if (ret)
		return ret;
	w.d = &doc->d;
	w.out = doc->out;
	ret = walk(&w, doc->xml.buf, doc->xml.len, doc->lim, true, why);
	return ret ? ret : add_part(doc, &doc->footers, why);
}

stl_status_t ex_odt(const char *bytes, size_t len, const struct ex_limits *lim,
		    struct stl_stext *out, const char **why)
{
	struct od_doc doc = { .lim = lim, .out = out };
	stl_status_t ret;

	ret = ox_zip_open(&doc.z, bytes, len, lim, WHY_DAMAGED, why);
	if (ret) {
		/* a truncated zip still begins like one */
		if (!strcmp(*why, WHY_DAMAGED) && (len < 2 || memcmp(bytes, "PK", 2)))
			*why = WHY_NOT_ODT;
		return ret;
	}
	stl_strbuf_init(&doc.xml, 0);
	stl_stext_init(&doc.headers);
	stl_stext_init(&doc.footers);
	ret = read_doc(&doc, why);
	stl_stext_release(&doc.headers);
	stl_stext_release(&doc.footers);
	stl_strbuf_release(&doc.xml);
	defs_release(&doc.d);
	ox_zip_close(&doc.z);
	return ret;
}
