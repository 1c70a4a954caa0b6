/*
 * docx.c - Word 2007+ (.docx): the text of word/document.xml as Word
 * shows it, with list labels from numbering.xml and styles.xml.
 *
 * Order of the blocks: the headers (word/header*.xml, each distinct text
 * once, in the order of their part names), the body, the footnotes, the
 * endnotes, then the footers. Headers come first because that is where a
 * minute's institution and heading often are; the counters of the lists
 * restart for each part, as Word numbers each story apart.
 *
 * Tracked changes are read as accepted (insertions kept, deletions and
 * moved-from text dropped); field codes are dropped and their results
 * kept; a text box is read once (mc:Choice, never its mc:Fallback copy)
 * and comes before the paragraph it is anchored in; a table inside a
 * cell is flattened into that cell.
 *
 * Numbering follows Word: a paragraph's w:numPr, or its style's (through
 * w:basedOn), picks a w:num and a level; the counters belong to the
 * w:abstractNum, shared by every w:num that points at it; a w:num with a
 * w:startOverride (or an overriding w:lvl) for a level restarts that
 * level at its first paragraph there, and later ones go on counting (how
 * LibreOffice writes "1." and "2." of one list: two w:num, the first
 * with the override); a level restarts when a shallower one advances (or
 * as its w:lvlRestart says).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "ooxml.h"

#define WHY_DAMAGED "archivo .docx dañado o incompleto"
#define WHY_NOT_DOCX "no es un documento de Word (.docx)"

static const char W_NS[] =
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_STRICT_NS[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char MC_NS[] =
	"http://schemas.openxmlformats.org/markup-compatibility/2006";

#define DX_LEVELS 9
#define DX_AC_MAX 32		/* nested mc:AlternateContent followed */

/* ---- names and attributes ------------------------------------------------ */

static bool is_w(xmlTextReaderPtr r)
{
	const char *u = (const char *)xmlTextReaderConstNamespaceUri(r);

	return u && (!strcmp(u, W_NS) || !strcmp(u, W_STRICT_NS));
}

static const char *local(xmlTextReaderPtr r)
{
	const char *l = (const char *)xmlTextReaderConstLocalName(r);

	return l ? l : "";
}

/* A w: attribute (either namespace), or NULL; xmlFree() it. */
static char *wattr(xmlTextReaderPtr r, const char *name)
{
	char *v = ox_attr(r, name, W_NS);

	return v ? v : ox_attr(r, name, W_STRICT_NS);
}

static int wint(xmlTextReaderPtr r, const char *name, int def)
{
	char *v = wattr(r, name), *end;
	long n;

	if (!v)
		return def;
	n = strtol(v, &end, 10);
	if (end == v || n < -1000000 || n > 1000000)
		n = def;
	xmlFree(v);
	return (int)n;
}

static void wcopy(xmlTextReaderPtr r, const char *name, char *dst, size_t size)
{
	char *v = wattr(r, name);

	if (!v)
		return;
	snprintf(dst, size, "%s", v);
	xmlFree(v);
}

/* w:val="false", "0" or "off" turns a toggle off; absent means on. */
static bool wtoggle(xmlTextReaderPtr r)
{
	char *v = wattr(r, "val");
	bool on = !v || !(!strcmp(v, "false") || !strcmp(v, "0") ||
			  !strcmp(v, "off"));

	xmlFree(v);
	return on;
}

/* ---- numbering.xml -------------------------------------------------------- */

struct dx_lvl {
	int start;
	enum ox_numfmt fmt;
	char text[48];		/* w:lvlText, "%1." */
	int restart;		/* w:lvlRestart; -1: after any shallower level */
	bool legal;		/* w:isLgl: every number in decimal */
	bool set;
	char pstyle[80];	/* the paragraph style bound to the level */
};

struct dx_counters {
	int cnt[DX_LEVELS];
	bool on[DX_LEVELS];
};

struct dx_abstract {
	int id;
	struct dx_lvl lvl[DX_LEVELS];
	char link[80];		/* w:numStyleLink: defined by another */
	char style_link[80];	/* w:styleLink: the one that defines */
	struct dx_counters c;
};

struct dx_num {
	int id, abs;
	bool start_set[DX_LEVELS];
	int start[DX_LEVELS];
	bool lvl_set[DX_LEVELS];
	struct dx_lvl lvl[DX_LEVELS];
	bool used[DX_LEVELS];	/* a paragraph was numbered with it */
	struct dx_counters c;	/* when it has no abstract numbering */
};

struct dx_style {
	char id[80], based[80];
	int num_id, ilvl;
};

struct dx_defs {
	struct dx_abstract *abs;
	size_t nabs, aabs;
	struct dx_num *num;
	size_t nnum, anum;
	struct dx_style *sty;
	size_t nsty, asty;
};

static void defs_release(struct dx_defs *d)
{
	free(d->abs);
	free(d->num);
	free(d->sty);
	memset(d, 0, sizeof(*d));
}

static void defs_reset_counters(struct dx_defs *d)
{
	size_t i;

	for (i = 0; i < d->nabs; i++)
		memset(&d->abs[i].c, 0, sizeof(d->abs[i].c));
	for (i = 0; i < d->nnum; i++) {
		memset(&d->num[i].c, 0, sizeof(d->num[i].c));
		memset(d->num[i].used, 0, sizeof(d->num[i].used));
	}
}

static struct dx_abstract *find_abs(struct dx_defs *d, int id)
{
	size_t i;

	for (i = 0; i < d->nabs; i++)
		if (d->abs[i].id == id)
			return &d->abs[i];
	return NULL;
}

static struct dx_num *find_num(struct dx_defs *d, int id)
{
	size_t i;

	for (i = 0; i < d->nnum; i++)
		if (d->num[i].id == id)
			return &d->num[i];
	return NULL;
}

static struct dx_style *find_style(struct dx_defs *d, const char *id)
{
	size_t i;

	if (!*id)
		return NULL;
	for (i = 0; i < d->nsty; i++)
		if (!strcmp(d->sty[i].id, id))
			return &d->sty[i];
	return NULL;
}

static enum ox_numfmt parse_fmt(const char *v)
{
	static const struct {
		const char *name;
		enum ox_numfmt fmt;
	} map[] = {
		{ "decimal", OX_NUM_DECIMAL },
		{ "decimalZero", OX_NUM_DECIMAL_ZERO },
		{ "upperRoman", OX_NUM_UPPER_ROMAN },
		{ "lowerRoman", OX_NUM_LOWER_ROMAN },
		{ "upperLetter", OX_NUM_UPPER_LETTER },
		{ "lowerLetter", OX_NUM_LOWER_LETTER },
		{ "ordinal", OX_NUM_ORDINAL },
		{ "bullet", OX_NUM_BULLET },
		{ "none", OX_NUM_NONE },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(v, map[i].name))
			return map[i].fmt;
	return OX_NUM_DECIMAL;	/* spelled-out and exotic formats */
}

/* Where numbering.xml's reader is. */
struct num_parse {
	struct dx_defs *d;
	struct dx_abstract *abs;
	struct dx_num *num;
	struct dx_lvl *lvl;
	int ovr;		/* the w:lvlOverride's level, -1 outside */
};

static void lvl_begin(struct num_parse *np, xmlTextReaderPtr r)
{
	int i = wint(r, "ilvl", -1);

	np->lvl = NULL;
	if (i < 0 || i >= DX_LEVELS)
		return;
	if (np->abs) {
		np->lvl = &np->abs->lvl[i];
	} else if (np->num && np->ovr == i) {
		np->lvl = &np->num->lvl[i];
		np->num->lvl_set[i] = true;
		np->num->start_set[i] = false;	/* its w:start says */
	}
	if (!np->lvl)
		return;
	memset(np->lvl, 0, sizeof(*np->lvl));
	np->lvl->set = true;
	np->lvl->restart = -1;
	np->lvl->fmt = OX_NUM_DECIMAL;
}

static void lvl_prop(struct num_parse *np, xmlTextReaderPtr r, const char *n)
{
	struct dx_lvl *l = np->lvl;
	char v[32] = "";

	if (!strcmp(n, "start")) {
		l->start = wint(r, "val", 0);
	} else if (!strcmp(n, "numFmt")) {
		wcopy(r, "val", v, sizeof(v));
		if (strcmp(v, "custom"))	/* its mc:Fallback says which */
			l->fmt = parse_fmt(v);
	} else if (!strcmp(n, "lvlText")) {
		wcopy(r, "val", l->text, sizeof(l->text));
	} else if (!strcmp(n, "lvlRestart")) {
		l->restart = wint(r, "val", -1);
	} else if (!strcmp(n, "isLgl")) {
		l->legal = wtoggle(r);
	} else if (!strcmp(n, "pStyle")) {
		wcopy(r, "val", l->pstyle, sizeof(l->pstyle));
	}
}

static void num_start(struct num_parse *np, xmlTextReaderPtr r)
{
	const char *n = local(r);
	struct dx_defs *d = np->d;
	int i;

	if (!strcmp(n, "abstractNum")) {
		np->num = NULL;
		np->abs = ox_push((void **)&d->abs, &d->nabs, &d->aabs,
			       sizeof(*d->abs));
		if (np->abs)
			np->abs->id = wint(r, "abstractNumId", -1);
	} else if (!strcmp(n, "num")) {
		np->abs = NULL;
		np->num = ox_push((void **)&d->num, &d->nnum, &d->anum,
			       sizeof(*d->num));
		if (np->num) {
			np->num->id = wint(r, "numId", -1);
			np->num->abs = -1;
		}
	} else if (!strcmp(n, "lvl")) {
		lvl_begin(np, r);
	} else if (np->lvl) {
		lvl_prop(np, r, n);
	} else if (np->abs && !strcmp(n, "numStyleLink")) {
		wcopy(r, "val", np->abs->link, sizeof(np->abs->link));
	} else if (np->abs && !strcmp(n, "styleLink")) {
		wcopy(r, "val", np->abs->style_link, sizeof(np->abs->style_link));
	} else if (np->num && !strcmp(n, "abstractNumId")) {
		np->num->abs = wint(r, "val", -1);
	} else if (np->num && !strcmp(n, "lvlOverride")) {
		np->ovr = wint(r, "ilvl", -1);
		if (np->ovr >= DX_LEVELS)
			np->ovr = -1;
	} else if (np->num && np->ovr >= 0 && !strcmp(n, "startOverride")) {
		i = np->ovr;
		np->num->start_set[i] = true;
		np->num->start[i] = wint(r, "val", 0);
	}
}

static void num_end(struct num_parse *np, xmlTextReaderPtr r)
{
	const char *n = local(r);

	if (!strcmp(n, "lvl"))
		np->lvl = NULL;
	else if (!strcmp(n, "lvlOverride"))
		np->ovr = -1;
	else if (!strcmp(n, "abstractNum"))
		np->abs = NULL;
	else if (!strcmp(n, "num"))
		np->num = NULL;
}

/* Read numbering.xml into @d; what cannot be parsed is left out. */
static void parse_numbering(struct dx_defs *d, const char *xml, size_t len)
{
	struct num_parse np = { d, NULL, NULL, NULL, -1 };
	xmlTextReaderPtr r = ox_xml_reader(xml, len);
	int type;

	if (!r)
		return;
	while (xmlTextReaderRead(r) == 1) {
		type = xmlTextReaderNodeType(r);
		if (!is_w(r))
			continue;
		if (type == XML_READER_TYPE_ELEMENT) {
			num_start(&np, r);
			if (xmlTextReaderIsEmptyElement(r))
				num_end(&np, r);
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			num_end(&np, r);
		}
	}
	xmlFreeTextReader(r);
}

/* ---- styles.xml --------------------------------------------------------------- */

static bool is_change(const char *n)
{
	size_t len = strlen(n);

	/* w:pPrChange, w:rPrChange ...: the formatting before a tracked
	 * change, which is not what Word shows */
	return len > 6 && !strcmp(n + len - 6, "Change");
}

static void parse_styles(struct dx_defs *d, const char *xml, size_t len)
{
	xmlTextReaderPtr r = ox_xml_reader(xml, len);
	struct dx_style *s = NULL;
	const char *n;
	int ret;

	if (!r)
		return;
	ret = xmlTextReaderRead(r);
	while (ret == 1) {
		n = local(r);
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && is_w(r)) {
			if (is_change(n)) {
				ret = xmlTextReaderNext(r);
				continue;
			}
			if (!strcmp(n, "style")) {
				s = ox_push((void **)&d->sty, &d->nsty, &d->asty,
					 sizeof(*d->sty));
				if (s) {
					wcopy(r, "styleId", s->id, sizeof(s->id));
					s->num_id = s->ilvl = -1;
				}
			} else if (s && !strcmp(n, "basedOn")) {
				wcopy(r, "val", s->based, sizeof(s->based));
			} else if (s && !strcmp(n, "numId")) {
				s->num_id = wint(r, "val", -1);
			} else if (s && !strcmp(n, "ilvl")) {
				s->ilvl = wint(r, "val", -1);
			}
		} else if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
			   is_w(r) && !strcmp(n, "style")) {
			s = NULL;
		}
		ret = xmlTextReaderRead(r);
	}
	xmlFreeTextReader(r);
}

/* ---- labels -------------------------------------------------------------------- */

/* The abstract numbering of @num, through a w:numStyleLink if it has one. */
static struct dx_abstract *abs_of(struct dx_defs *d, const struct dx_num *num)
{
	struct dx_abstract *a = find_abs(d, num->abs);
	const struct dx_style *s;
	const struct dx_num *n2;

	if (!a || !a->link[0])
		return a;
	s = find_style(d, a->link);
	n2 = s ? find_num(d, s->num_id) : NULL;
	if (n2 && n2 != num && n2->abs != num->abs)
		return find_abs(d, n2->abs);
	return a;
}

static const struct dx_lvl *lvl_of(const struct dx_num *num,
				   const struct dx_abstract *a, int i)
{
	if (num->lvl_set[i])
		return &num->lvl[i];
	return a ? &a->lvl[i] : NULL;
}

static int start_of(const struct dx_num *num, const struct dx_abstract *a, int i)
{
	const struct dx_lvl *l = lvl_of(num, a, i);

	if (num->start_set[i])
		return num->start[i];
	return l && l->set ? l->start : 0;
}

/* Whether @num restarts level @i the first time it is used there. */
static bool restarts(const struct dx_num *num, int i)
{
	return num->start_set[i] || (num->lvl_set[i] && num->lvl[i].set);
}

/* Count the paragraph at level @ilvl of @num. */
static struct dx_counters *advance(struct dx_num *num, struct dx_abstract *a,
				   int ilvl)
{
	struct dx_counters *c = a ? &a->c : &num->c;
	const struct dx_lvl *l;
	int k;

	if (c->on[ilvl] && !(restarts(num, ilvl) && !num->used[ilvl]))
		c->cnt[ilvl]++;
	else
		c->cnt[ilvl] = start_of(num, a, ilvl);
	c->on[ilvl] = true;
	num->used[ilvl] = true;
	for (k = ilvl + 1; k < DX_LEVELS; k++) {
		l = lvl_of(num, a, k);
		if (!l || l->restart < 0 || ilvl < l->restart)
			c->on[k] = false;
	}
	return c;
}

/* Expand w:lvlText ("%1.%2)") with the counters @c into @label. */
static void build_label(char *label, const struct dx_num *num,
			const struct dx_abstract *a,
			const struct dx_counters *c, int ilvl)
{
	const struct dx_lvl *l = lvl_of(num, a, ilvl), *lk;
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const char *t;
	int k, n;

	label[0] = '\0';
	if (!l || !l->set)
		return;
	if (l->fmt == OX_NUM_BULLET) {
		ox_set_label(label, OX_LABEL_MAX, "•");
		return;
	}
	for (t = l->text; *t; t++) {
		if (t[0] != '%' || t[1] < '1' || t[1] > '9') {
			stl_strbuf_addch(&sb, *t);
			continue;
		}
		k = *++t - '1';
		lk = lvl_of(num, a, k);
		n = c->on[k] ? c->cnt[k] : start_of(num, a, k);
		if (lk && lk->set && lk->fmt != OX_NUM_NONE)
			ox_format_number(&sb, l->legal ? OX_NUM_DECIMAL : lk->fmt, n);
	}
	if (!stl_strbuf_failed(&sb))
		ox_set_label(label, OX_LABEL_MAX, sb.buf);
	stl_strbuf_release(&sb);
}

/* The numbering a paragraph's style gives, through w:basedOn. */
static const struct dx_style *style_numbering(struct dx_defs *d,
					      const char *id)
{
	const struct dx_style *s = find_style(d, id);
	int hops;

	for (hops = 0; s && hops < 4; hops++) {
		if (s->num_id >= 0)
			return s;
		s = find_style(d, s->based);
	}
	return NULL;
}

/* The level of @a bound to the style @id (w:lvl/w:pStyle), or 0. */
static int style_level(const struct dx_abstract *a, const char *id)
{
	int i;

	for (i = 0; a && i < DX_LEVELS; i++)
		if (a->lvl[i].set && !strcmp(a->lvl[i].pstyle, id))
			return i;
	return 0;
}

/* The label and level of paragraph @p; its label "" when not numbered. */
static unsigned number_para(struct dx_defs *d, const struct ox_para *p,
			    char *label)
{
	const struct dx_style *s = NULL;
	int num_id = p->num_id, ilvl = p->ilvl;
	struct dx_counters *c;
	struct dx_abstract *a;
	struct dx_num *num;

	label[0] = '\0';
	if ((num_id < 0 || ilvl < 0) && p->style[0])
		s = style_numbering(d, p->style);
	if (num_id < 0 && s)
		num_id = s->num_id;
	if (num_id <= 0)
		return 0;	/* numId 0 takes a style's numbering away */
	num = find_num(d, num_id);
	if (!num)
		return 0;
	a = abs_of(d, num);
	if (ilvl < 0)
		ilvl = s && s->ilvl >= 0 ? s->ilvl : style_level(a, s ? s->id : "");
	if (ilvl >= DX_LEVELS)
		ilvl = DX_LEVELS - 1;
	c = advance(num, a, ilvl);
	build_label(label, num, a, c, ilvl);
	return (unsigned)ilvl;
}

/* ---- the text of a part ------------------------------------------------------- */

struct dx_walk {
	xmlTextReaderPtr r;
	struct ox_build *b;
	struct dx_defs *d;
	bool in_ppr, in_t;
	unsigned ac;			/* open mc:AlternateContent */
	bool ac_taken[DX_AC_MAX];	/* ... whose branch was taken */
};

/* mc:AlternateContent: the first mc:Choice, else the mc:Fallback. */
static bool mc_start(struct dx_walk *w, const char *n)
{
	if (!strcmp(n, "AlternateContent")) {
		if (w->ac == DX_AC_MAX)
			return true;
		if (!xmlTextReaderIsEmptyElement(w->r))
			w->ac_taken[w->ac++] = false;
		return false;
	}
	if (!strcmp(n, "Choice") || !strcmp(n, "Fallback")) {
		if (!w->ac || w->ac_taken[w->ac - 1])
			return true;
		w->ac_taken[w->ac - 1] = true;
	}
	return false;
}

static void para_prop(struct dx_walk *w, const char *n)
{
	struct ox_para *p = ox_para_top(w->b);

	if (!p)
		return;
	if (!strcmp(n, "pStyle"))
		wcopy(w->r, "val", p->style, sizeof(p->style));
	else if (!strcmp(n, "numId"))
		p->num_id = wint(w->r, "val", -1);
	else if (!strcmp(n, "ilvl"))
		p->ilvl = wint(w->r, "val", -1);
}

/* Word's notes part has separator "notes" of its own: not text. */
static bool is_separator_note(xmlTextReaderPtr r)
{
	char *type = wattr(r, "type");
	bool sep = type && strcmp(type, "normal");

	xmlFree(type);
	return sep;
}

static bool dropped(const char *n)
{
	static const char *const names[] = {
		"del", "delText", "moveFrom", "instrText", "delInstrText",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(n, names[i]))
			return true;
	return is_change(n);
}

/* An element begins; true to skip it and all it holds. */
static bool w_start(struct dx_walk *w, const char *n)
{
	struct ox_build *b = w->b;

	if (dropped(n))
		return true;
	if (!strcmp(n, "p"))
		ox_para_begin(b);
	else if (!strcmp(n, "pPr"))
		w->in_ppr = true;
	else if (w->in_ppr)
		para_prop(w, n);
	else if (!strcmp(n, "t"))
		w->in_t = true;
	else if (!strcmp(n, "tab") || !strcmp(n, "br") || !strcmp(n, "cr"))
		ox_text(b, " ", 1);
	else if (!strcmp(n, "noBreakHyphen"))
		ox_text(b, "-", 1);
	else if (!strcmp(n, "tbl"))
		ox_table_begin(b);
	else if (!strcmp(n, "tr"))
		ox_row_begin(b);
	else if (!strcmp(n, "tc"))
		ox_cell_begin(b);
	else if (!strcmp(n, "footnote") || !strcmp(n, "endnote"))
		return is_separator_note(w->r);
	return false;
}

static void w_end(struct dx_walk *w, const char *n)
{
	struct ox_build *b = w->b;
	char label[OX_LABEL_MAX];
	unsigned level;

	if (!strcmp(n, "p")) {
		struct ox_para *p = ox_para_top(b);

		level = p && !b->overflow ? number_para(w->d, p, label) : 0;
		if (!p || b->overflow)
			label[0] = '\0';
		ox_para_end(b, label, level);
	} else if (!strcmp(n, "pPr")) {
		w->in_ppr = false;
	} else if (!strcmp(n, "t")) {
		w->in_t = false;
	} else if (!strcmp(n, "tbl")) {
		ox_table_end(b);
	} else if (!strcmp(n, "tr")) {
		ox_row_end(b);
	} else if (!strcmp(n, "tc")) {
		ox_cell_end(b);
	}
}

/* One node; true to skip the element's subtree. */
static bool w_node(struct dx_walk *w)
{
	xmlTextReaderPtr r = w->r;
	int type = xmlTextReaderNodeType(r);
	const char *u, *n = local(r);
	bool skip = false;

	switch (type) {
	case XML_READER_TYPE_ELEMENT:
		u = (const char *)xmlTextReaderConstNamespaceUri(r);
		if (u && !strcmp(u, MC_NS))
			return mc_start(w, n);
		if (!is_w(r))
			return false;
		skip = w_start(w, n);
		if (!skip && xmlTextReaderIsEmptyElement(r))
			w_end(w, n);
		return skip;
	case XML_READER_TYPE_END_ELEMENT:
		u = (const char *)xmlTextReaderConstNamespaceUri(r);
		if (u && !strcmp(u, MC_NS) && !strcmp(n, "AlternateContent") &&
		    w->ac)
			w->ac--;
		else if (is_w(r))
			w_end(w, n);
		return false;
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_WHITESPACE:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		if (w->in_t) {
			const char *v = (const char *)xmlTextReaderConstValue(r);

			if (v)
				ox_text(w->b, v, strlen(v));
		}
		return false;
	default:
		return false;
	}
}

/*
 * The blocks of one part (@xml) into @out. A part that is not well-formed
 * XML fails when @strict, else gives what was read before the error.
 */
static stl_status_t walk_part(struct dx_defs *d, const char *xml, size_t len,
			      const struct ex_limits *lim, bool strict,
			      struct stl_stext *out, const char **why)
{
	struct dx_walk w = { 0 };
	struct ox_build b;
	stl_status_t ret;
	int rc;

	ox_build_init(&b, out, lim);
	w.b = &b;
	w.d = d;
	defs_reset_counters(d);
	w.r = ox_xml_reader(xml, len);
	if (!w.r) {
		ox_fail(&b, STL_STATUS_OUT_OF_MEMORY, OX_WHY_OOM);
		goto out_release;
	}
	rc = xmlTextReaderRead(w.r);
	while (rc == 1 && !b.err)
		rc = w_node(&w) ? xmlTextReaderNext(w.r) : xmlTextReaderRead(w.r);
	if (rc < 0 && strict)
		ox_fail(&b, STL_STATUS_INVALID_ARGUMENT, WHY_DAMAGED);
	xmlFreeTextReader(w.r);
	/* what a broken part left open */
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
	return ret;
}

/* ---- the parts ------------------------------------------------------------------ */

struct dx_doc {
	struct ox_zip z;
	struct dx_defs d;
	const struct ex_limits *lim;
	struct stl_stext *out;
	struct stl_strbuf xml;
};

/* Read the entry @name into doc->xml; NOT_FOUND if absent. */
static stl_status_t read_part(struct dx_doc *doc, const char *name,
			      const char **why)
{
	stl_strbuf_reset(&doc->xml);
	return ox_zip_read(&doc->z, name, &doc->xml, why);
}

/* styles.xml and numbering.xml: XML that cannot be parsed only costs the
 * labels, but a zip entry that cannot be read fails the document. */
static stl_status_t read_defs(struct dx_doc *doc, const char **why)
{
	stl_status_t ret = read_part(doc, "word/styles.xml", why);

	if (ret == STL_STATUS_SUCCESS)
		parse_styles(&doc->d, doc->xml.buf, doc->xml.len);
	else if (ret != STL_STATUS_NOT_FOUND)
		return ret;
	ret = read_part(doc, "word/numbering.xml", why);
	if (ret == STL_STATUS_SUCCESS)
		parse_numbering(&doc->d, doc->xml.buf, doc->xml.len);
	return ret == STL_STATUS_NOT_FOUND ? STL_STATUS_SUCCESS : ret;
}

/* Whether @name is word/<kind>N.xml (header1.xml, footer2.xml). */
static bool is_story(const char *name, const char *kind)
{
	size_t k = strlen(kind), n = strlen(name);

	return n > 5 + k + 4 && !strncmp(name, "word/", 5) &&
	       !strncmp(name + 5, kind, k) && !strcmp(name + n - 4, ".xml") &&
	       !strchr(name + 5, '/');
}

static int cmp_names(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);

	/* header2.xml before header10.xml */
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x, y);
}

/* Whether @part (its empty paragraphs already left out) says what one of
 * the @nseen parts before it said. */
static bool seen_before(const struct stl_stext *seen, size_t nseen,
			const struct stl_stext *part)
{
	size_t i;

	for (i = 0; i < nseen; i++)
		if (seen[i].text.len == part->text.len &&
		    !memcmp(seen[i].text.buf, part->text.buf, part->text.len))
			return true;
	return false;
}

/* Every word/<kind>N.xml, each distinct text once, in name order. */
static stl_status_t read_stories(struct dx_doc *doc, const char *kind,
				 const char **why)
{
	zip_int64_t i, n = zip_get_num_entries(doc->z.za, 0);
	const char **names = calloc((size_t)n + 1, sizeof(*names));
	struct stl_stext *parts = calloc((size_t)n + 1, sizeof(*parts));
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t k, count = 0;

	if (!names || !parts) {
		ret = STL_STATUS_OUT_OF_MEMORY;
		*why = OX_WHY_OOM;
		goto out_free;
	}
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(doc->z.za, (zip_uint64_t)i, 0);

		if (name && is_story(name, kind))
			names[count++] = name;
	}
	qsort(names, count, sizeof(*names), cmp_names);
	for (k = 0; k < count && !ret; k++) {
		struct stl_stext raw = STL_STEXT_INIT;

		ret = read_part(doc, names[k], why);
		if (!ret)
			ret = walk_part(&doc->d, doc->xml.buf, doc->xml.len,
					doc->lim, false, &raw, why);
		if (!ret && ox_stext_append(&parts[k], &raw, true))
			ret = STL_STATUS_OUT_OF_MEMORY;
		if (!ret && !seen_before(parts, k, &parts[k]) &&
		    ox_stext_append(doc->out, &parts[k], false))
			ret = STL_STATUS_OUT_OF_MEMORY;
		if (ret == STL_STATUS_OUT_OF_MEMORY)
			*why = OX_WHY_OOM;
		stl_stext_release(&raw);
	}
	for (k = 0; k < count; k++)
		stl_stext_release(&parts[k]);
out_free:
	free(names);
	free(parts);
	return ret;
}

/* The notes part @name (footnotes, endnotes), after the body. */
static stl_status_t read_notes(struct dx_doc *doc, const char *name,
			       const char **why)
{
	struct stl_stext part = STL_STEXT_INIT;
	stl_status_t ret = read_part(doc, name, why);

	if (ret == STL_STATUS_NOT_FOUND)
		return STL_STATUS_SUCCESS;
	if (!ret)
		ret = walk_part(&doc->d, doc->xml.buf, doc->xml.len, doc->lim,
				false, &part, why);
	if (!ret && ox_stext_append(doc->out, &part, true)) {
		ret = STL_STATUS_OUT_OF_MEMORY;
		*why = OX_WHY_OOM;
	}
	stl_stext_release(&part);
	return ret;
}

static stl_status_t check_size(struct dx_doc *doc, const char **why)
{
	if (stl_stext_size(doc->out) <= doc->lim->text)
		return STL_STATUS_SUCCESS;
	*why = OX_WHY_TEXT;
	return STL_STATUS_INVALID_ARGUMENT;
}

static stl_status_t read_doc(struct dx_doc *doc, const char **why)
{
	stl_status_t ret;

	ret = read_defs(doc, why);
	if (!ret)
		ret = read_stories(doc, "header", why);
	if (!ret)
		ret = check_size(doc, why);
	if (ret)
		return ret;
	ret = read_part(doc, "word/document.xml", why);
	if (ret == STL_STATUS_NOT_FOUND) {
		*why = WHY_NOT_DOCX;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	if (!ret)
		ret = walk_part(&doc->d, doc->xml.buf, doc->xml.len, doc->lim,
				true, doc->out, why);
	if (!ret)
		ret = read_notes(doc, "word/footnotes.xml", why);
	if (!ret)
		ret = read_notes(doc, "word/endnotes.xml", why);
	if (!ret)
		ret = read_stories(doc, "footer", why);
	return ret ? ret : check_size(doc, why);
}

static const unsigned char OLE_MAGIC[8] = { 0xd0, 0xcf, 0x11, 0xe0,
					    0xa1, 0xb1, 0x1a, 0xe1 };

/* A password-protected .docx is an OLE2 file with the zip encrypted in
 * its "EncryptedPackage" stream. */
static bool is_encrypted_ooxml(const char *bytes, size_t len)
{
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";

	return len >= 8 && !memcmp(bytes, OLE_MAGIC, 8) &&
	       ox_find(bytes, len, name, sizeof(name) - 1);
}

stl_status_t ex_docx(const char *bytes, size_t len, const struct ex_limits *lim,
		     struct stl_stext *out, const char **why)
{
	struct dx_doc doc = { .lim = lim, .out = out };
	stl_status_t ret;

	if (is_encrypted_ooxml(bytes, len)) {
		*why = OX_WHY_CRYPT;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	ret = ox_zip_open(&doc.z, bytes, len, lim, WHY_DAMAGED, why);
	if (ret) {
		/* a truncated zip still begins like one */
		if (!strcmp(*why, WHY_DAMAGED) && (len < 2 || memcmp(bytes, "PK", 2)))
			*why = WHY_NOT_DOCX;
		return ret;
	}
	stl_strbuf_init(&doc.xml, 0);
	ret = read_doc(&doc, why);
	stl_strbuf_release(&doc.xml);
	defs_release(&doc.d);
	ox_zip_close(&doc.z);
	return ret;
}
