/*
 * ooxml.h - what the .docx and .odt readers share: a zip in memory read
 * under struct ex_limits, a quiet libxml2 stream reader, a builder that
 * puts paragraphs, tables and nested paragraphs (text boxes, notes) into
 * a structured text under the text limit, and list label formatting.
 *
 * Private to extractor/: docx.c and odt.c only.
 */
#ifndef EX_OOXML_H
#define EX_OOXML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "extract.h"
#include "stl/stext.h"
#include "stl/strbuf.h"

/* The reasons both readers give; the format-specific ones are theirs. */
#define OX_WHY_BOMB \
	"el archivo comprimido excede los límites de seguridad (posible bomba zip)"
#define OX_WHY_TEXT "el texto extraído excede el límite de tamaño"
#define OX_WHY_OOM "no hay memoria suficiente para leer el documento"
#define OX_WHY_CRYPT "documento cifrado: se necesita la contraseña"

/* Entries smaller than this are never a bomb, whatever their ratio. */
#define OX_RATIO_FLOOR (1u << 20)

struct ox_zip {
	zip_t *za;
	const struct ex_limits *lim;
	const char *why_damaged;	/* the reader's "archivo ... dañado" */
};

/*
 * Open the zip in @bytes (not copied: it must outlive @z) and check its
 * entry count. On failure *@why is set (@why_damaged for what libzip
 * cannot read) and nothing needs closing.
 */
stl_status_t ox_zip_open(struct ox_zip *z, const char *bytes, size_t len,
			 const struct ex_limits *lim, const char *why_damaged,
			 const char **why);
void ox_zip_close(struct ox_zip *z);
bool ox_zip_has(struct ox_zip *z, const char *name);

/*
 * The entry @name inflated into @out (appended), checked against the
 * limits before and while inflating. STL_STATUS_NOT_FOUND (and *@why
 * untouched) when there is no such entry.
 */
stl_status_t ox_zip_read(struct ox_zip *z, const char *name,
			 struct stl_strbuf *out, const char **why);

/*
 * A stream reader over @buf that never fetches from the network,
 * substitutes no entities and prints nothing. NULL on OOM.
 */
xmlTextReaderPtr ox_xml_reader(const char *buf, size_t len);

/* The attribute @local in namespace @ns of the reader's element, or NULL;
 * free with xmlFree(). */
char *ox_attr(xmlTextReaderPtr r, const char *local, const char *ns);

/* Numbering and style definitions one document may declare. */
#define OX_MAX_DEFS 20000

/*
 * Append a zeroed element of @size bytes to the array *@v (*@n used,
 * *@alloc allocated) and return it; NULL when out of memory or when the
 * array holds OX_MAX_DEFS already.
 */
void *ox_push(void **v, size_t *n, size_t *alloc, size_t size);

/* Whether the reader's node is @local in @ns (either may be NULL). */
bool ox_is(xmlTextReaderPtr r, const char *ns, const char *local);

/* The first @needle in @hay, or NULL (memmem() is a GNU extension). */
const char *ox_find(const char *hay, size_t hlen, const char *needle,
		    size_t nlen);

/* ---- the builder ------------------------------------------------------- */

#define OX_MAX_NEST 16
#define OX_LABEL_MAX 64

/* One open paragraph; the readers fill what they need. */
struct ox_para {
	struct stl_strbuf text;
	int num_id, ilvl;		/* docx: direct numbering, -1 unset */
	char style[80];			/* docx: w:pStyle */
	char label[OX_LABEL_MAX];	/* odt: decided when it begins */
	unsigned level;
	bool note;			/* odt: a note's body, emitted later */
};

struct ox_build {
	struct stl_stext *out;
	const struct ex_limits *lim;
	struct ox_para para[OX_MAX_NEST];
	unsigned depth;		/* open paragraphs in para[] */
	unsigned overflow;	/* open paragraphs nested deeper than that */
	unsigned tables;	/* open tables; only the outermost is one */
	bool in_cell;		/* inside a cell of the outermost table */
	struct stl_strbuf cell;
	unsigned notes_open;	/* inside a note's body */
	struct stl_stext notes;	/* finished note paragraphs not yet out */
	stl_status_t err;
	const char *why;
};

void ox_build_init(struct ox_build *b, struct stl_stext *out,
		   const struct ex_limits *lim);
void ox_build_release(struct ox_build *b);

/* Record the first failure; later ones keep it. Returns b->err. */
stl_status_t ox_fail(struct ox_build *b, stl_status_t st, const char *why);
/* OOM or the text limit, after something was added to b->out. */
stl_status_t ox_check(struct ox_build *b);

/* A new paragraph (nested in the open one, if any). NULL past the
 * nesting limit: then its text goes to the enclosing paragraph. */
struct ox_para *ox_para_begin(struct ox_build *b);
/* The innermost open paragraph, or NULL outside paragraphs. */
struct ox_para *ox_para_top(struct ox_build *b);
/* Add text to the innermost paragraph (dropped outside paragraphs). */
void ox_text(struct ox_build *b, const char *s, size_t len);
/*
 * End the innermost paragraph with @label (may be NULL) and @level: into
 * the open cell, joined with a space, inside a table; to the notes if it
 * is a note's; to the output otherwise.
 */
void ox_para_end(struct ox_build *b, const char *label, unsigned level);

void ox_table_begin(struct ox_build *b);
void ox_table_end(struct ox_build *b);
void ox_row_begin(struct ox_build *b);
void ox_row_end(struct ox_build *b);
void ox_cell_begin(struct ox_build *b);
void ox_cell_end(struct ox_build *b);
/* Put the notes kept so far out as paragraphs, when outside a table and
 * paragraph. */
void ox_notes_flush(struct ox_build *b);

/* Append every block of @src to @dst, but for empty paragraphs when
 * @skip_empty. SUCCESS or OUT_OF_MEMORY. */
stl_status_t ox_stext_append(struct stl_stext *dst, const struct stl_stext *src,
			     bool skip_empty);

/* ---- list labels -------------------------------------------------------- */

enum ox_numfmt {
	OX_NUM_DECIMAL,
	OX_NUM_DECIMAL_ZERO,	/* 01, 02 ... */
	OX_NUM_UPPER_ROMAN,
	OX_NUM_LOWER_ROMAN,
	OX_NUM_UPPER_LETTER,	/* A .. Z, AA, BB (Word) */
	OX_NUM_LOWER_LETTER,
	OX_NUM_UPPER_LETTERS,	/* A .. Z, AA, AB (OpenDocument) */
	OX_NUM_LOWER_LETTERS,
	OX_NUM_ORDINAL,		/* 1.º */
	OX_NUM_BULLET,
	OX_NUM_NONE,
};

/* Append @n in @fmt to @sb (nothing for bullet and none). */
void ox_format_number(struct stl_strbuf *sb, enum ox_numfmt fmt, int n);
/* Copy @src to @dst (@size bytes) without trailing spaces; truncates on a
 * UTF-8 boundary. */
void ox_set_label(char *dst, size_t size, const char *src);

#endif /* EX_OOXML_H */
