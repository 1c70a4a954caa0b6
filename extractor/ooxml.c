/*
 * ooxml.c - zip, XML and structured text helpers the .docx and .odt
 * readers share; see ooxml.h.
 */
#include "ooxml.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* ---- zip ----------------------------------------------------------------- */

stl_status_t ox_zip_open(struct ox_zip *z, const char *bytes, size_t len,
			 const struct ex_limits *lim, const char *why_damaged,
			 const char **why)
{
	zip_source_t *src;
	zip_error_t err;
	zip_int64_t n;

	z->za = NULL;
	z->lim = lim;
	z->why_damaged = why_damaged;
	zip_error_init(&err);
	src = zip_source_buffer_create(bytes, len, 0, &err);
	if (!src)
		goto out_oom;
	z->za = zip_open_from_source(src, ZIP_RDONLY, &err);
	if (!z->za) {
		zip_source_free(src);
		if (zip_error_code_zip(&err) == ZIP_ER_MEMORY)
			goto out_oom;
		*why = why_damaged;
		zip_error_fini(&err);
		return STL_STATUS_INVALID_ARGUMENT;
	}
	zip_error_fini(&err);
	n = zip_get_num_entries(z->za, 0);
	if (n < 0 || (uint64_t)n > lim->entries) {
		ox_zip_close(z);
		*why = OX_WHY_BOMB;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	return STL_STATUS_SUCCESS;

out_oom:
	zip_error_fini(&err);
	*why = OX_WHY_OOM;
	return STL_STATUS_OUT_OF_MEMORY;
}

void ox_zip_close(struct ox_zip *z)
{
	if (z->za)
		zip_discard(z->za);	/* read-only: nothing to write back */
	z->za = NULL;
}

bool ox_zip_has(struct ox_zip *z, const char *name)
{
	return zip_name_locate(z->za, name, ZIP_FL_NOCASE) >= 0;
}

/* The most one entry may inflate to: the limit, and what libxml2 takes. */
static uint64_t entry_limit(const struct ex_limits *lim)
{
	return lim->entry_size < INT_MAX ? lim->entry_size : INT_MAX;
}

/* Whether the directory's sizes of @zs already say it is too big. */
static bool stat_over(const zip_stat_t *zs, const struct ex_limits *lim)
{
	if (!(zs->valid & ZIP_STAT_SIZE))
		return false;	/* counted while reading */
	if (zs->size > entry_limit(lim))
		return true;
	if (zs->size < OX_RATIO_FLOOR || !(zs->valid & ZIP_STAT_COMP_SIZE))
		return false;
	return zs->comp_size == 0 || zs->size / zs->comp_size > lim->ratio;
}

/* Inflate @zf into @out, counting: the directory's sizes can lie. */
static stl_status_t read_all(struct ox_zip *z, zip_file_t *zf,
			     struct stl_strbuf *out, const char **why)
{
	uint64_t max = entry_limit(z->lim), total = 0;
	zip_int64_t n;
	char chunk[16384];

	for (;;) {
		n = zip_fread(zf, chunk, sizeof(chunk));
		if (n < 0) {
			*why = z->why_damaged;
			return STL_STATUS_INVALID_ARGUMENT;
		}
		if (n == 0)
			return STL_STATUS_SUCCESS;
		total += (uint64_t)n;
		if (total > max) {
			*why = OX_WHY_BOMB;
			return STL_STATUS_INVALID_ARGUMENT;
		}
		stl_strbuf_add(out, chunk, (size_t)n);
		if (stl_strbuf_failed(out)) {
			*why = OX_WHY_OOM;
			return STL_STATUS_OUT_OF_MEMORY;
		}
	}
}

stl_status_t ox_zip_read(struct ox_zip *z, const char *name,
			 struct stl_strbuf *out, const char **why)
{
	zip_int64_t idx = zip_name_locate(z->za, name, ZIP_FL_NOCASE);
	zip_file_t *zf;
	zip_stat_t zs;
	stl_status_t ret;

	if (idx < 0)
		return STL_STATUS_NOT_FOUND;
	zip_stat_init(&zs);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &zs)) {
		*why = z->why_damaged;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	if (stat_over(&zs, z->lim)) {
		*why = OX_WHY_BOMB;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (!zf) {
		int code = zip_error_code_zip(zip_get_error(z->za));

		*why = code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD ||
				       code == ZIP_ER_ENCRNOTSUPP
			       ? OX_WHY_CRYPT
			       : z->why_damaged;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	ret = read_all(z, zf, out, why);
	zip_fclose(zf);
	return ret;
}

/* ---- XML ------------------------------------------------------------------ */

static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

xmlTextReaderPtr ox_xml_reader(const char *buf, size_t len)
{
	xmlTextReaderPtr r;

	/* libxml2 would print the parse errors of a damaged file on stderr,
	 * in English, where stlindex relays them to the user. */
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	if (len > INT_MAX)
		return NULL;
	r = xmlReaderForMemory(buf, (int)len, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR |
				       XML_PARSE_NOWARNING);
	if (r)
		xmlTextReaderSetStructuredErrorHandler(r, quiet_structured, NULL);
	return r;
}

void *ox_push(void **v, size_t *n, size_t *alloc, size_t size)
{
	void *p;

	if (*n >= OX_MAX_DEFS)
		return NULL;
	if (*n == *alloc) {
		size_t a = *alloc ? *alloc * 2 : 16;

		p = realloc(*v, a * size);
		if (!p)
			return NULL;
		*v = p;
		*alloc = a;
	}
	p = (char *)*v + (*n)++ * size;
	memset(p, 0, size);
	return p;
}

char *ox_attr(xmlTextReaderPtr r, const char *local, const char *ns)
{
	if (ns)
		return (char *)xmlTextReaderGetAttributeNs(r, BAD_CAST local,
							    BAD_CAST ns);
	return (char *)xmlTextReaderGetAttribute(r, BAD_CAST local);
}

bool ox_is(xmlTextReaderPtr r, const char *ns, const char *local)
{
	const char *l = (const char *)xmlTextReaderConstLocalName(r);
	const char *u = (const char *)xmlTextReaderConstNamespaceUri(r);

	if (local && (!l || strcmp(l, local)))
		return false;
	return !ns || (u && !strcmp(u, ns));
}

const char *ox_find(const char *hay, size_t hlen, const char *needle,
		    size_t nlen)
{
	const char *p = hay, *end = hay + hlen;

	if (!nlen)
		return hay;
	while ((size_t)(end - p) >= nlen) {
		p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, nlen))
			return p;
		p++;
	}
	return NULL;
}

/* ---- the builder -------------------------------------------------------- */

void ox_build_init(struct ox_build *b, struct stl_stext *out,
		   const struct ex_limits *lim)
{
	unsigned i;

	memset(b, 0, sizeof(*b));
	b->out = out;
	b->lim = lim;
	for (i = 0; i < OX_MAX_NEST; i++)
		stl_strbuf_init(&b->para[i].text, 0);
	stl_strbuf_init(&b->cell, 0);
	stl_stext_init(&b->notes);
}

void ox_build_release(struct ox_build *b)
{
	unsigned i;

	for (i = 0; i < OX_MAX_NEST; i++)
		stl_strbuf_release(&b->para[i].text);
	stl_strbuf_release(&b->cell);
	stl_stext_release(&b->notes);
}

stl_status_t ox_fail(struct ox_build *b, stl_status_t st, const char *why)
{
	if (!b->err && st) {
		b->err = st;
		b->why = why;
	}
	return b->err;
}

stl_status_t ox_check(struct ox_build *b)
{
	if (b->out->failed || b->notes.failed)
		return ox_fail(b, STL_STATUS_OUT_OF_MEMORY, OX_WHY_OOM);
	if (stl_stext_size(b->out) + stl_stext_size(&b->notes) > b->lim->text)
		return ox_fail(b, STL_STATUS_INVALID_ARGUMENT, OX_WHY_TEXT);
	return b->err;
}

/* A buffer being filled must not outgrow the text limit on its own. */
static void check_buf(struct ox_build *b, const struct stl_strbuf *sb)
{
	if (stl_strbuf_failed(sb))
		ox_fail(b, STL_STATUS_OUT_OF_MEMORY, OX_WHY_OOM);
	else if (sb->len > b->lim->text)
		ox_fail(b, STL_STATUS_INVALID_ARGUMENT, OX_WHY_TEXT);
}

struct ox_para *ox_para_begin(struct ox_build *b)
{
	struct ox_para *p;

	if (b->depth == OX_MAX_NEST) {
		b->overflow++;
		return NULL;
	}
	p = &b->para[b->depth++];
	stl_strbuf_reset(&p->text);
	p->num_id = -1;
	p->ilvl = -1;
	p->style[0] = '\0';
	p->label[0] = '\0';
	p->level = 0;
	p->note = b->notes_open > 0;
	return p;
}

struct ox_para *ox_para_top(struct ox_build *b)
{
	return b->depth ? &b->para[b->depth - 1] : NULL;
}

void ox_text(struct ox_build *b, const char *s, size_t len)
{
	struct ox_para *p = ox_para_top(b);

	if (!p || b->err)
		return;
	stl_strbuf_add(&p->text, s, len);
	check_buf(b, &p->text);
}

static void add_to_cell(struct ox_build *b, const char *label,
			const struct stl_strbuf *text)
{
	if (!(label && *label) && !text->len)
		return;
	if (b->cell.len)
		stl_strbuf_addch(&b->cell, ' ');
	if (label && *label) {
		stl_strbuf_addstr(&b->cell, label);
		stl_strbuf_addch(&b->cell, ' ');
	}
	stl_strbuf_add(&b->cell, text->buf, text->len);
	check_buf(b, &b->cell);
}

void ox_para_end(struct ox_build *b, const char *label, unsigned level)
{
	struct ox_para *p;

	if (b->overflow) {
		b->overflow--;
		return;
	}
	if (!b->depth)
		return;
	p = &b->para[--b->depth];
	if (b->err)
		return;
	if (p->note)
		stl_stext_para(&b->notes, label, p->text.buf, p->text.len, 0);
	else if (b->in_cell)
		add_to_cell(b, label, &p->text);
	else
		stl_stext_para(b->out, label, p->text.buf, p->text.len, level);
	if (ox_check(b) == STL_STATUS_SUCCESS)
		ox_notes_flush(b);
}

void ox_table_begin(struct ox_build *b)
{
	if (b->tables++ == 0 && !b->err) {
		stl_stext_table_begin(b->out);
		ox_check(b);
	}
}

void ox_table_end(struct ox_build *b)
{
	if (!b->tables || --b->tables)
		return;
	if (b->in_cell)
		ox_cell_end(b);
	if (b->err)
		return;
	stl_stext_table_end(b->out);
	if (ox_check(b) == STL_STATUS_SUCCESS)
		ox_notes_flush(b);
}

void ox_row_begin(struct ox_build *b)
{
	if (b->tables == 1 && !b->err) {
		stl_stext_row_begin(b->out);
		ox_check(b);
	}
}

void ox_row_end(struct ox_build *b)
{
	if (b->tables != 1 || b->err)
		return;
	if (b->in_cell)
		ox_cell_end(b);
	stl_stext_row_end(b->out);
	ox_check(b);
}

void ox_cell_begin(struct ox_build *b)
{
	if (b->tables != 1)
		return;
	b->in_cell = true;
	stl_strbuf_reset(&b->cell);
}

void ox_cell_end(struct ox_build *b)
{
	if (b->tables != 1 || !b->in_cell)
		return;
	b->in_cell = false;
	if (b->err)
		return;
	stl_stext_cell(b->out, b->cell.buf, b->cell.len);
	ox_check(b);
}

void ox_notes_flush(struct ox_build *b)
{
	if (b->depth || b->overflow || b->tables || !b->notes.nblocks || b->err)
		return;
	if (ox_stext_append(b->out, &b->notes, true))
		ox_fail(b, STL_STATUS_OUT_OF_MEMORY, OX_WHY_OOM);
	stl_stext_release(&b->notes);
	ox_check(b);
}

/* ---- copying blocks -------------------------------------------------------- */

static stl_status_t append_para(struct stl_stext *dst,
				const struct stl_stext *src,
				const struct stl_block *bl)
{
	char label[OX_LABEL_MAX * 2];
	size_t off = bl->line.off, len = bl->line.len, n = bl->label.len;

	if (n) {
		if (n >= sizeof(label))
			n = sizeof(label) - 1;
		memcpy(label, src->text.buf + bl->label.off, n);
		/* the text begins after the label and its space */
		off = bl->label.off + bl->label.len + 1;
		len = bl->line.off + bl->line.len - off;
	}
	label[n] = '\0';
	return stl_stext_para(dst, label, src->text.buf + off, len, bl->level);
}

static stl_status_t append_row(struct stl_stext *dst,
			       const struct stl_stext *src,
			       const struct stl_block *bl)
{
	stl_status_t ret = stl_stext_row_begin(dst);
	size_t k;

	for (k = 0; k < bl->ncells && !ret; k++) {
		const struct stl_span *c = &src->cells[bl->cell + k];

		ret = stl_stext_cell(dst, src->text.buf + c->off, c->len);
	}
	return ret ? ret : stl_stext_row_end(dst);
}

stl_status_t ox_stext_append(struct stl_stext *dst, const struct stl_stext *src,
			     bool skip_empty)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	unsigned table = 0;
	size_t i;

	for (i = 0; i < src->nblocks && !ret; i++) {
		const struct stl_block *bl = &src->blocks[i];

		if (table && bl->table != table) {
			ret = stl_stext_table_end(dst);
			table = 0;
		}
		if (ret)
			break;
		if (bl->kind == STL_BLOCK_PARA) {
			if (!skip_empty || bl->line.len)
				ret = append_para(dst, src, bl);
			continue;
		}
		if (!table) {
			ret = stl_stext_table_begin(dst);
			table = bl->table;
		}
		if (!ret)
			ret = append_row(dst, src, bl);
	}
	if (!ret && table)
		ret = stl_stext_table_end(dst);
	return ret;
}

/* ---- list labels ------------------------------------------------------------ */

static void add_roman(struct stl_strbuf *sb, int n, bool upper)
{
	static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40,
				   10, 9, 5, 4, 1 };
	static const char *const up[] = { "M", "CM", "D", "CD", "C", "XC", "L",
					  "XL", "X", "IX", "V", "IV", "I" };
	static const char *const lo[] = { "m", "cm", "d", "cd", "c", "xc", "l",
					  "xl", "x", "ix", "v", "iv", "i" };
	size_t i;

	for (i = 0; i < sizeof(val) / sizeof(val[0]); i++)
		while (n >= val[i]) {
			stl_strbuf_addstr(sb, upper ? up[i] : lo[i]);
			n -= val[i];
		}
}

/* Word: a .. z, aa .. zz, aaa ... (the letter repeated). */
static void add_letters_repeat(struct stl_strbuf *sb, int n, char base)
{
	int times = (n - 1) / 26 + 1;
	char c = (char)(base + (n - 1) % 26);

	while (times--)
		stl_strbuf_addch(sb, c);
}

/* OpenDocument: a .. z, aa, ab ... (bijective base 26). */
static void add_letters_base26(struct stl_strbuf *sb, int n, char base)
{
	char tmp[16];
	size_t k = 0;

	while (n > 0 && k < sizeof(tmp)) {
		n--;
		tmp[k++] = (char)(base + n % 26);
		n /= 26;
	}
	while (k)
		stl_strbuf_addch(sb, tmp[--k]);
}

void ox_format_number(struct stl_strbuf *sb, enum ox_numfmt fmt, int n)
{
	/* Out of a format's range Word and LibreOffice fall back to digits;
	 * the letter labels are capped so a label stays short. */
	bool small = n >= 1 && n <= 3999, letters = n >= 1 && n <= 260;

	switch (fmt) {
	case OX_NUM_BULLET:
	case OX_NUM_NONE:
		return;
	case OX_NUM_DECIMAL_ZERO:
		stl_strbuf_addf(sb, n >= 0 && n < 10 ? "0%d" : "%d", n);
		return;
	case OX_NUM_UPPER_ROMAN:
	case OX_NUM_LOWER_ROMAN:
		if (!small)
			break;
		add_roman(sb, n, fmt == OX_NUM_UPPER_ROMAN);
		return;
	case OX_NUM_UPPER_LETTER:
	case OX_NUM_LOWER_LETTER:
		if (!letters)
			break;
		add_letters_repeat(sb, n, fmt == OX_NUM_UPPER_LETTER ? 'A' : 'a');
		return;
	case OX_NUM_UPPER_LETTERS:
	case OX_NUM_LOWER_LETTERS:
		if (!letters)
			break;
		add_letters_base26(sb, n, fmt == OX_NUM_UPPER_LETTERS ? 'A' : 'a');
		return;
	case OX_NUM_ORDINAL:
		stl_strbuf_addf(sb, "%d.º", n);
		return;
	case OX_NUM_DECIMAL:
		break;
	}
	stl_strbuf_addf(sb, "%d", n);
}

void ox_set_label(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size) {
		n = size - 1;
		/* never end inside a UTF-8 sequence */
		while (n && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	for (;;) {
		if (n && (src[n - 1] == ' ' || src[n - 1] == '\t'))
			n--;
		else if (n >= 2 && !memcmp(src + n - 2, "\xc2\xa0", 2))
			n -= 2;	/* a no-break space */
		else
			break;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}
