/*
 * stext.c - structured text: blocks, their plain text, and the line
 * format stlextract sends them in; see stl/stext.h.
 */
#include "stl/stext.h"

#include <stdlib.h>
#include <string.h>

void stl_stext_init(struct stl_stext *st)
{
	*st = (struct stl_stext)STL_STEXT_INIT;
}

void stl_stext_release(struct stl_stext *st)
{
	if (!st)
		return;
	stl_strbuf_release(&st->text);
	free(st->blocks);
	free(st->cells);
	free(st->title);
	stl_stext_init(st);
}

static stl_status_t oom(struct stl_stext *st)
{
	st->failed = true;
	return STL_STATUS_OUT_OF_MEMORY;
}

static bool grow(void **v, size_t *alloc, size_t need, size_t size)
{
	size_t n = *alloc ? *alloc : 16;
	void *p;

	if (need <= *alloc)
		return true;
	while (n < need)
		n *= 2;
	p = realloc(*v, n * size);
	if (!p)
		return false;
	*v = p;
	*alloc = n;
	return true;
}

/* Append @s with tabs, CR and LF made spaces: one line stays one line. */
static void add_flat(struct stl_strbuf *sb, const char *s, size_t len)
{
	size_t i, start = sb->len;

	stl_strbuf_add(sb, s, len);
	if (stl_strbuf_failed(sb))
		return;
	for (i = start; i < sb->len; i++)
		if (sb->buf[i] == '\t' || sb->buf[i] == '\n' || sb->buf[i] == '\r')
			sb->buf[i] = ' ';
}

static struct stl_block *new_block(struct stl_stext *st, enum stl_block_kind k)
{
	struct stl_block *b;

	if (!grow((void **)&st->blocks, &st->alloc_blocks, st->nblocks + 1,
		  sizeof(*st->blocks)))
		return NULL;
	b = &st->blocks[st->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	b->line.off = st->text.len;
	return b;
}

stl_status_t stl_stext_para(struct stl_stext *st, const char *label,
			    const char *text, size_t len, unsigned level)
{
	struct stl_block *b;

	if (st->failed)
		return STL_STATUS_OUT_OF_MEMORY;
	if (st->in_row)
		stl_stext_row_end(st);
	b = new_block(st, STL_BLOCK_PARA);
	if (!b)
		return oom(st);
	b->level = level > STL_STEXT_MAX_LEVEL ? STL_STEXT_MAX_LEVEL : level;
	if (label && *label) {
		b->label.off = st->text.len;
		add_flat(&st->text, label, strlen(label));
		b->label.len = st->text.len - b->label.off;
		stl_strbuf_addch(&st->text, ' ');
	}
	add_flat(&st->text, text ? text : "", text ? len : 0);
	b->line.len = st->text.len - b->line.off;
	stl_strbuf_addch(&st->text, '\n');
	return stl_strbuf_failed(&st->text) ? oom(st) : STL_STATUS_SUCCESS;
}

stl_status_t stl_stext_table_begin(struct stl_stext *st)
{
	if (st->failed)
		return STL_STATUS_OUT_OF_MEMORY;
	if (st->in_table)
		stl_stext_table_end(st);
	st->in_table = true;
	st->ntables++;
	return STL_STATUS_SUCCESS;
}

stl_status_t stl_stext_row_begin(struct stl_stext *st)
{
	struct stl_block *b;

	if (st->failed)
		return STL_STATUS_OUT_OF_MEMORY;
	if (st->in_row)
		stl_stext_row_end(st);
	if (!st->in_table)
		stl_stext_table_begin(st);
	b = new_block(st, STL_BLOCK_ROW);
	if (!b)
		return oom(st);
	b->table = st->ntables;
	b->cell = st->ncells;
	st->in_row = true;
	return STL_STATUS_SUCCESS;
}

stl_status_t stl_stext_cell(struct stl_stext *st, const char *text, size_t len)
{
	struct stl_block *b;
	struct stl_span *c;

	if (st->failed)
		return STL_STATUS_OUT_OF_MEMORY;
	if (!st->in_row && stl_stext_row_begin(st) != STL_STATUS_SUCCESS)
		return STL_STATUS_OUT_OF_MEMORY;
	b = &st->blocks[st->nblocks - 1];
	if (b->ncells == STL_STEXT_MAX_CELLS) {
		/* The last cell takes the rest. */
		c = &st->cells[b->cell + b->ncells - 1];
		stl_strbuf_addch(&st->text, ' ');
		add_flat(&st->text, text, len);
		c->len = st->text.len - c->off;
		return stl_strbuf_failed(&st->text) ? oom(st) : STL_STATUS_SUCCESS;
	}
	if (!grow((void **)&st->cells, &st->alloc_cells, st->ncells + 1,
		  sizeof(*st->cells)))
		return oom(st);
	if (b->ncells)
		stl_strbuf_addstr(&st->text, " | ");
	c = &st->cells[st->ncells++];
	c->off = st->text.len;
	add_flat(&st->text, text ? text : "", text ? len : 0);
	c->len = st->text.len - c->off;
	b->ncells++;
	return stl_strbuf_failed(&st->text) ? oom(st) : STL_STATUS_SUCCESS;
}

stl_status_t stl_stext_row_end(struct stl_stext *st)
{
	struct stl_block *b;

	if (st->failed)
		return STL_STATUS_OUT_OF_MEMORY;
	if (!st->in_row)
		return STL_STATUS_SUCCESS;
	st->in_row = false;
	b = &st->blocks[st->nblocks - 1];
	if (!b->ncells) {
		st->nblocks--;
		return STL_STATUS_SUCCESS;
	}
	b->line.len = st->text.len - b->line.off;
	stl_strbuf_addch(&st->text, '\n');
	return stl_strbuf_failed(&st->text) ? oom(st) : STL_STATUS_SUCCESS;
}

stl_status_t stl_stext_table_end(struct stl_stext *st)
{
	stl_status_t ret = stl_stext_row_end(st);

	st->in_table = false;
	return ret;
}

stl_status_t stl_stext_set_title(struct stl_stext *st, const char *title)
{
	char *t;

	if (!title || !*title)
		return STL_STATUS_SUCCESS;
	t = strdup(title);
	if (!t)
		return oom(st);
	free(st->title);
	st->title = t;
	return STL_STATUS_SUCCESS;
}

static bool is_iso_date(const char *d, size_t len)
{
	size_t i;

	if (len != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	return true;
}

void stl_stext_set_date(struct stl_stext *st, const char *date)
{
	if (date && is_iso_date(date, strlen(date)))
		memcpy(st->date, date, 11);
}

stl_status_t stl_stext_from_lines(struct stl_stext *st, const char *text,
				  size_t len)
{
	size_t i = 0, start;
	stl_status_t ret = STL_STATUS_SUCCESS;

	while (i < len && ret == STL_STATUS_SUCCESS) {
		start = i;
		while (i < len && text[i] != '\n' && text[i] != '\r')
			i++;
		ret = stl_stext_para(st, NULL, text + start, i - start, 0);
		if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		if (i < len)
			i++;
	}
	return ret;
}

/* ---- the line format ---------------------------------------------------- */

static void write_span(struct stl_strbuf *out, const struct stl_stext *st,
		       struct stl_span sp)
{
	stl_strbuf_add(out, st->text.buf + sp.off, sp.len);
}

static void write_para(struct stl_strbuf *out, const struct stl_stext *st,
		       const struct stl_block *b)
{
	struct stl_span text = b->line;

	if (b->label.len) {
		text.off = b->label.off + b->label.len + 1;
		text.len = b->line.off + b->line.len - text.off;
	}
	stl_strbuf_addf(out, "P%u\t", b->level);
	write_span(out, st, b->label);
	stl_strbuf_addch(out, '\t');
	write_span(out, st, text);
	stl_strbuf_addch(out, '\n');
}

static void write_row(struct stl_strbuf *out, const struct stl_stext *st,
		      const struct stl_block *b)
{
	size_t k;

	stl_strbuf_addch(out, 'R');
	for (k = 0; k < b->ncells; k++) {
		stl_strbuf_addch(out, '\t');
		write_span(out, st, st->cells[b->cell + k]);
	}
	stl_strbuf_addch(out, '\n');
}

stl_status_t stl_stext_write(const struct stl_stext *st, struct stl_strbuf *out)
{
	unsigned table = 0;
	size_t i;

	if (st->title) {
		stl_strbuf_addstr(out, "M\ttitle\t");
		add_flat(out, st->title, strlen(st->title));
		stl_strbuf_addch(out, '\n');
	}
	if (st->date[0])
		stl_strbuf_addf(out, "M\tdate\t%s\n", st->date);
	if (st->ocr_confidence >= 0)
		stl_strbuf_addf(out, "M\tocr\t%d\n", st->ocr_confidence);
	for (i = 0; i < st->nblocks; i++) {
		const struct stl_block *b = &st->blocks[i];

		if (table && b->table != table) {
			stl_strbuf_addstr(out, "E\n");
			table = 0;
		}
		if (b->kind == STL_BLOCK_PARA) {
			write_para(out, st, b);
			continue;
		}
		if (!table) {
			stl_strbuf_addstr(out, "T\n");
			table = b->table;
		}
		write_row(out, st, b);
	}
	if (table)
		stl_strbuf_addstr(out, "E\n");
	return stl_strbuf_failed(out) ? STL_STATUS_OUT_OF_MEMORY
				      : STL_STATUS_SUCCESS;
}

/* The next tab-separated field of [*p, end): its span; *p past the tab. */
static const char *field(const char **p, const char *end, size_t *len)
{
	const char *s = *p, *t = memchr(s, '\t', (size_t)(end - s));

	if (!t)
		t = end;
	*len = (size_t)(t - s);
	*p = t < end ? t + 1 : end;
	return s;
}

static stl_status_t read_para(struct stl_stext *st, const char *s,
			      const char *end)
{
	char label[64];
	const char *lb, *text;
	size_t llen, tlen;
	unsigned level;

	if (s >= end || *s < '0' || *s > '9' || s + 1 >= end || s[1] != '\t')
		return STL_STATUS_INVALID_ARGUMENT;
	level = (unsigned)(*s - '0');
	s += 2;
	lb = field(&s, end, &llen);
	text = s;
	tlen = (size_t)(end - s);
	if (llen >= sizeof(label))
		llen = sizeof(label) - 1;
	memcpy(label, lb, llen);
	label[llen] = '\0';
	return stl_stext_para(st, label, text, tlen, level);
}

static stl_status_t read_row(struct stl_stext *st, const char *s,
			     const char *end)
{
	stl_status_t ret;
	const char *c;
	size_t len;

	if (s >= end || *s != '\t')
		return STL_STATUS_INVALID_ARGUMENT;
	s++;
	ret = stl_stext_row_begin(st);
	/* Every tab starts a cell, so an empty last cell comes back too. */
	do {
		c = field(&s, end, &len);
		if (ret == STL_STATUS_SUCCESS)
			ret = stl_stext_cell(st, c, len);
	} while (c + len < end && ret == STL_STATUS_SUCCESS);
	return ret ? ret : stl_stext_row_end(st);
}

static stl_status_t read_meta(struct stl_stext *st, const char *s,
			      const char *end)
{
	const char *key, *val;
	size_t klen, vlen;
	char buf[512];

	if (s >= end || *s != '\t')
		return STL_STATUS_INVALID_ARGUMENT;
	s++;
	key = field(&s, end, &klen);
	val = s;
	vlen = (size_t)(end - s);
	if (vlen >= sizeof(buf))
		vlen = sizeof(buf) - 1;
	memcpy(buf, val, vlen);
	buf[vlen] = '\0';
	if (klen == 5 && !memcmp(key, "title", 5))
		return stl_stext_set_title(st, buf);
	if (klen == 4 && !memcmp(key, "date", 4))
		stl_stext_set_date(st, buf);
	if (klen == 3 && !memcmp(key, "ocr", 3)) {
		long v = strtol(buf, NULL, 10);

		st->ocr_confidence = v < 0 ? 0 : v > 100 ? 100 : (int)v;
	}
	return STL_STATUS_SUCCESS;	/* unknown keys: a newer extractor */
}

static stl_status_t read_line(struct stl_stext *st, const char *s,
			      const char *end)
{
	if (s == end)
		return STL_STATUS_INVALID_ARGUMENT;
	switch (*s) {
	case 'P':
		return read_para(st, s + 1, end);
	case 'R':
		return read_row(st, s + 1, end);
	case 'M':
		return read_meta(st, s + 1, end);
	case 'T':
		return end - s == 1 ? stl_stext_table_begin(st)
				    : STL_STATUS_INVALID_ARGUMENT;
	case 'E':
		return end - s == 1 ? stl_stext_table_end(st)
				    : STL_STATUS_INVALID_ARGUMENT;
	default:
		return STL_STATUS_INVALID_ARGUMENT;
	}
}

stl_status_t stl_stext_read(struct stl_stext *st, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	stl_status_t ret = STL_STATUS_SUCCESS;

	while (p < end && ret == STL_STATUS_SUCCESS) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return STL_STATUS_INVALID_ARGUMENT;
		ret = read_line(st, p, nl);
		p = nl + 1;
	}
	if (ret == STL_STATUS_SUCCESS && st->in_table)
		ret = stl_stext_table_end(st);
	return ret;
}
