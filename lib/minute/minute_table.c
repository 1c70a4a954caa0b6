/*
 * minute_table.c - what a table of a minute is, from its header row.
 *
 *   Nombre | Cargo | Institución              -> attendees
 *   No. | Acuerdo | Responsable | Fecha       -> agreements
 *   Acuerdo | Minuta | Estado                 -> follow-up of agreements
 *
 * Header cells are matched by their first words, ignoring case and
 * accents, in any order. A table whose header is neither is text: the
 * parser reads each row as the line it spells. Word repeats the header
 * row on each page; such a row is recognized by its folded text.
 */
#include "minute_internal.h"

#include <string.h>

struct col_word {
	const char *kw;
	enum mn_col col;
};

/* Longer keywords first where one begins another. */
static const struct col_word col_words[] = {
	{ "nombre", MN_COL_NAME },
	{ "asistentes", MN_COL_NAME },
	{ "asistente", MN_COL_NAME },
	{ "participantes", MN_COL_NAME },
	{ "participante", MN_COL_NAME },
	{ "integrantes", MN_COL_NAME },
	{ "integrante", MN_COL_NAME },
	{ "cargo", MN_COL_ROLE },
	{ "puesto", MN_COL_ROLE },
	{ "institucion", MN_COL_INST },
	{ "dependencia", MN_COL_INST },
	{ "organizacion", MN_COL_INST },
	{ "organismo", MN_COL_INST },
	{ "instancia", MN_COL_INST },
	{ "acuerdos", MN_COL_AGREEMENT },
	{ "acuerdo", MN_COL_AGREEMENT },
	{ "descripcion", MN_COL_AGREEMENT },
	{ "numero", MN_COL_NUMBER },
	{ "num", MN_COL_NUMBER },
	{ "no", MN_COL_NUMBER },
	{ "#", MN_COL_NUMBER },
	{ "responsables", MN_COL_RESPONSIBLE },
	{ "responsable", MN_COL_RESPONSIBLE },
	{ "fecha", MN_COL_DUE },
	{ "plazo", MN_COL_DUE },
	{ "estado", MN_COL_STATUS },
	{ "estatus", MN_COL_STATUS },
	{ "status", MN_COL_STATUS },
	{ "situacion", MN_COL_STATUS },
	{ "minutas", MN_COL_MINUTE },
	{ "minuta", MN_COL_MINUTE },
};

/* The column a header cell names, or MN_NCOLS. "Fecha límite" and
 * "Fecha compromiso" are "fecha" followed by more words. */
static enum mn_col col_of(const char *s, size_t len)
{
	size_t k, skip = mn_lskip(s, len);

	s += skip;
	len -= skip;
	for (k = 0; k < sizeof(col_words) / sizeof(col_words[0]); k++) {
		if (col_words[k].kw[0] == '#' ? len && s[0] == '#' :
		    mn_kw_word(s, len, col_words[k].kw) != 0)
			return col_words[k].col;
	}
	return MN_NCOLS;
}

static enum mn_table_kind kind_of(const struct mn_table *t)
{
	/* A status per agreement of a dated minute: what became of them. */
	if (t->col[MN_COL_STATUS] >= 0 &&
	    (t->col[MN_COL_AGREEMENT] >= 0 || t->col[MN_COL_NUMBER] >= 0) &&
	    (t->col[MN_COL_MINUTE] >= 0 || t->col[MN_COL_DUE] >= 0))
		return MN_TABLE_FOLLOWUPS;
	if (t->col[MN_COL_AGREEMENT] >= 0)
		return MN_TABLE_AGREEMENTS;
	if (t->col[MN_COL_NAME] >= 0 &&
	    (t->col[MN_COL_ROLE] >= 0 || t->col[MN_COL_INST] >= 0))
		return MN_TABLE_ATTENDEES;
	return MN_TABLE_TEXT;
}

void mn_table_release(struct mn_table *t)
{
	stl_strbuf_release(&t->key);
	stl_strbuf_release(&t->scratch);
	*t = (struct mn_table)MN_TABLE_INIT;
}

stl_status_t mn_table_begin(struct mn_table *t, const struct stl_stext *st,
			    const char *text, const struct stl_block *header)
{
	const struct stl_span *c = st->cells + header->cell;
	enum mn_col col;
	size_t k;

	t->table = header->table;
	t->ncells = header->ncells;
	for (k = 0; k < MN_NCOLS; k++)
		t->col[k] = -1;
	for (k = 0; k < header->ncells; k++) {
		col = col_of(text + c[k].off, c[k].len);
		if (col != MN_NCOLS && t->col[col] < 0)
			t->col[col] = (long)k;
	}
	t->kind = kind_of(t);
	stl_strbuf_reset(&t->key);
	if (t->kind == MN_TABLE_TEXT)
		return STL_STATUS_SUCCESS;
	return mn_key(text + header->line.off, header->line.len, &t->key);
}

stl_status_t mn_table_is_header(struct mn_table *t, const char *text,
				const struct stl_block *row, bool *is)
{
	stl_status_t st;

	*is = false;
	if (row->ncells != t->ncells)
		return STL_STATUS_SUCCESS;
	stl_strbuf_reset(&t->scratch);
	st = mn_key(text + row->line.off, row->line.len, &t->scratch);
	*is = st == STL_STATUS_SUCCESS && t->scratch.len == t->key.len &&
	      !memcmp(t->scratch.buf, t->key.buf, t->key.len);
	return st;
}

struct stl_span mn_table_cell(const struct mn_table *t,
			      const struct stl_stext *st,
			      const struct stl_block *row, enum mn_col col)
{
	struct stl_span none = { 0, 0 };
	long k = t->col[col];

	if (k < 0 || (size_t)k >= row->ncells)
		return none;
	return st->cells[row->cell + (size_t)k];
}
