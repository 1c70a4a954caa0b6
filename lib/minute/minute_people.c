/*
 * minute_people.c - one attendee bullet into name, role and institution.
 *
 *   "Lilibeth Álvarez Rodríguez, Jefa de la Unidad de Transparencia IEEM;"
 *   "Leslie ..., Directora General de Transparencia, Acceso a la ..., Infoem;"
 *   "Rafael Funes Díaz, Facilitador del STL;"
 *   "Enrique Serrano Arenas, Representante de Tendiendo Puentes A.C.;"
 *
 * The name is what comes before the first comma (titles like "Lic." are
 * dropped). In the rest the institution is looked for, most certain first:
 * a name from the table ending the entry (after a comma or glued to the
 * role), then an organization that is not in the table: a last comma
 * field that looks like one, an acronym glued at the end, a name ending
 * in a legal form ("A.C."), or "de <Instituto|Colectivo|...> ...".
 */
#include "minute_internal.h"

#include <stdlib.h>
#include <string.h>

#include "stl/text.h"

/* Words that begin a post or role; the organization after them is not
 * part of the role ("Representante de Tendiendo Puentes A.C."). */
const char *const mn_role_words[] = {
	"titular", "jefe", "jefa", "subjefe", "subjefa", "director",
	"directora", "subdirector", "subdirectora", "coordinador",
	"coordinadora", "subcoordinador", "subcoordinadora", "presidente",
	"presidenta", "secretario", "secretaria", "facilitador",
	"facilitadora", "representante", "comisionado", "comisionada",
	"consejero", "consejera", "encargado", "encargada", "enlace",
	"integrante", "miembro", "asesor", "asesora", "servidor",
	"servidora", "analista", "auxiliar", "vocal", "invitado", "invitada",
	"contralor", "contralora", "fiscal", "magistrado", "magistrada",
	"diputado", "diputada", "auditor", "auditora", NULL
};

/* Titles before a name, as folded words ("Lic." is "lic"). */
const char *const mn_titles[] = {
	"lic", "licenciado", "licenciada", "mtro", "mtra", "maestro", "maestra",
	"dr", "dra", "doctor", "doctora", "ing", "ingeniero", "ingeniera",
	"c", "sr", "sra", "srita", "consejero", "consejera", "comisionado",
	"comisionada", "presidente", "presidenta", "arq", "prof", "profa",
	"profesor", "profesora", "diputado", "diputada", "magistrado",
	"magistrada", NULL
};

/*
 * Words that start an organization's name after "de". Not "gobierno" or
 * "comité": "Departamento de Gobierno Abierto" and "Comité de
 * Transparencia" are units inside an institution.
 */
static const char *const org_words[] = {
	"instituto", "colectivo", "fundacion", "asociacion", "organizacion",
	"observatorio", "red", "centro", "universidad", "ayuntamiento",
	"secretaria", "consejo", "comision", "tribunal", "fiscalia", "poder",
	"camara", "colegio", "agrupacion", "sindicato", "ciudadanos",
	"iniciativa", "laboratorio", NULL
};

/* Legal forms that end an organization's name ("A.C." is "ac"). */
const char *const mn_legal_forms[] = {
	"ac", "sc", "iap", "abp", "cv", "rl", "sapi", "sa", NULL
};

/* Connectors between a role and its institution ("Facilitador del STL"). */
static const char *const connectors[] = {
	"de", "del", "la", "las", "los", "al", "en", "por", "-", NULL
};

void mn_attendee_release(struct stl_attendee *a)
{
	free(a->name);
	free(a->role);
	free(a->institution);
	free(a->institution_id);
	free(a->person_id);
	memset(a, 0, sizeof(*a));
}

/* Where the institution starts in the rest, and what it is. */
struct inst_found {
	size_t start;		/* byte in the rest; the role is before it */
	const struct stl_institution *entry;	/* or NULL: as written */
	const char *text;	/* as written (when !entry) */
	size_t len;
};

/* Drop a trailing comma, dash or connector word ("Facilitador del"). */
static size_t strip_role_tail(const char *s, size_t len)
{
	size_t prev, w;

	for (;;) {
		prev = len;
		len = mn_rstrip(s, len, ",;:-", false);
		for (w = len; w && !mn_is_blank((unsigned char)s[w - 1]); w--)
			;
		if (w && len - w <= 3 && len - w > 0) {
			char word[4] = { 0 };
			size_t k;

			for (k = 0; k < len - w; k++)
				word[k] = (char)(s[w + k] | 0x20);
			if (mn_word_index(word, connectors) >= 0)
				len = w;
		}
		if (len == prev)
			return len;
	}
}

/* A name of the table: exactly, or in OCR text near enough. */
static const struct stl_institution *
table_lookup(const struct stl_institutions *table, const char *s, size_t len,
	     bool ocr)
{
	if (ocr)
		return mn_institutions_near(table, s, len);
	return stl_institutions_lookup(table, s, len);
}

/* "Directora General de ..., Infoem": the last comma field in the table. */
static bool last_field_in_table(const char *s, size_t len,
				const struct stl_institutions *table,
				bool ocr, struct inst_found *f)
{
	const struct stl_institution *in;
	size_t c = len, skip;

	while (c && s[c - 1] != ',')
		c--;
	if (!c || !table)
		return false;
	skip = mn_lskip(s + c, len - c);
	in = table_lookup(table, s + c + skip, len - c - skip, ocr);
	if (!in)
		return false;
	f->start = c - 1;
	f->entry = in;
	return true;
}

/* A table name (as words) that ends the rest: "... Transparencia IEEM". */
static bool table_suffix(const struct mn_tokens *t, struct mn_forms *forms,
			 const struct stl_institutions *table,
			 struct inst_found *f)
{
	const struct mn_form *fm;
	size_t i, n;

	for (i = 0; i < t->n; i++) {
		fm = mn_forms_at(forms, t, i, t->n, &n);
		if (fm && i + n == t->n) {
			f->start = t->v[i].start;
			f->entry = stl_institutions_lookup(table, fm->name,
							   strlen(fm->name));
			return f->entry != NULL;
		}
	}
	return false;
}

/* In OCR text, a last word near a table name: "... Transparencia lEEM". */
static bool near_suffix(const char *s, const struct mn_tokens *t,
			const struct stl_institutions *table,
			struct inst_found *f)
{
	const struct mn_token *last;

	if (t->n < 2)
		return false;
	last = &t->v[t->n - 1];
	f->entry = mn_institutions_near(table, s + last->start,
					last->end - last->start);
	if (!f->entry)
		return false;
	f->start = last->start;
	return true;
}

static bool all_caps_acronym(const char *s, size_t len)
{
	size_t i, letters = 0;

	for (i = 0; i < len; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letters++;
		else if (s[i] != '.' && s[i] != '-')
			return false;
	}
	return letters >= 3;
}

/* Does a last comma field look like an organization not in the table? */
static bool looks_like_org(const char *s, size_t len,
			   const struct mn_tokens *t)
{
	if (!t->n)
		return false;
	if (t->n == 1 && (t->v[0].flags & MN_TOKEN_CAPITAL))
		return true;
	if (all_caps_acronym(s, len))
		return true;
	if (mn_term_in(t, 0, org_words) && (t->v[0].flags & MN_TOKEN_CAPITAL))
		return true;
	return mn_term_in(t, t->n - 1, mn_legal_forms);
}

static stl_status_t last_field_org(const char *s, size_t len,
				   struct inst_found *f, bool *found)
{
	struct mn_tokens t = MN_TOKENS_INIT;
	size_t c = len, skip;
	stl_status_t st;

	*found = false;
	while (c && s[c - 1] != ',')
		c--;
	if (!c)
		return STL_STATUS_SUCCESS;
	skip = mn_lskip(s + c, len - c);
	st = mn_tokenize(&t, s + c + skip, len - c - skip);
	if (st == STL_STATUS_SUCCESS &&
	    looks_like_org(s + c + skip, len - c - skip, &t)) {
		f->start = c - 1;
		f->text = s + c + skip;
		f->len = len - c - skip;
		*found = true;
	}
	mn_tokens_release(&t);
	return st;
}

/* "Jefa de Área SEDESEM": an acronym of capitals glued at the end. */
static bool glued_acronym(const char *s, size_t len, const struct mn_tokens *t,
			  struct inst_found *f)
{
	const struct mn_token *last;

	if (t->n < 2)
		return false;
	last = &t->v[t->n - 1];
	if (!all_caps_acronym(s + last->start, len - last->start))
		return false;
	f->start = last->start;
	f->text = s + last->start;
	f->len = len - last->start;
	return true;
}

/*
 * "Representante de Tendiendo Puentes A.C.": walk back from the legal form
 * over capitalized words (and "de", "la" between them) to a role word.
 */
static bool legal_form_org(const char *s, size_t len, const struct mn_tokens *t,
			   struct inst_found *f)
{
	size_t i;

	if (!t->n || !mn_term_in(t, t->n - 1, mn_legal_forms))
		return false;
	i = t->n - 1;
	while (i > 0) {
		if (mn_term_in(t, i - 1, mn_role_words))
			break;
		if (!(t->v[i - 1].flags & MN_TOKEN_CAPITAL) &&
		    !mn_term_in(t, i - 1, connectors))
			break;
		i--;
	}
	while (i < t->n - 1 && mn_term_in(t, i, connectors))
		i++;
	f->start = t->v[i].start;
	f->text = s + f->start;
	f->len = len - f->start;
	return true;
}

/* "Jefa de la Unidad de Transparencia del Ayuntamiento de Toluca". */
static bool org_word_tail(const char *s, size_t len, const struct mn_tokens *t,
			  struct inst_found *f)
{
	size_t i;

	for (i = t->n; i-- > 1;) {
		if (!(t->v[i].flags & MN_TOKEN_CAPITAL) ||
		    !mn_term_in(t, i, org_words))
			continue;
		if (!mn_term_in(t, i - 1, connectors))
			continue;
		f->start = t->v[i].start;
		f->text = s + f->start;
		f->len = len - f->start;
		return true;
	}
	return false;
}

static stl_status_t find_institution(const char *s, size_t len,
				     const struct stl_institutions *table,
				     struct mn_forms *forms,
				     struct inst_found *f, bool *found)
{
	struct mn_tokens t = MN_TOKENS_INIT;
	stl_status_t st;

	memset(f, 0, sizeof(*f));
	*found = last_field_in_table(s, len, table, forms->ocr, f);
	if (*found)
		return STL_STATUS_SUCCESS;
	st = mn_tokenize(&t, s, len);
	if (st != STL_STATUS_SUCCESS)
		goto out;
	*found = table && (table_suffix(&t, forms, table, f) ||
			   (forms->ocr && near_suffix(s, &t, table, f)));
	if (*found)
		goto out;
	st = last_field_org(s, len, f, found);
	if (st != STL_STATUS_SUCCESS || *found)
		goto out;
	*found = glued_acronym(s, len, &t, f) || legal_form_org(s, len, &t, f) ||
		 org_word_tail(s, len, &t, f);
out:
	mn_tokens_release(&t);
	return st;
}

/* Is the word @s[i..w) a title? "C" only as "C." (ciudadano). */
static bool name_title(const char *s, size_t len, size_t i, size_t w)
{
	char word[16];
	size_t k;

	if (w == i || w - i >= sizeof(word) || w >= len)
		return false;	/* a title is never the last word */
	for (k = 0; k < w - i; k++)
		word[k] = (char)((unsigned char)s[i + k] < 0x80 ?
				 s[i + k] | 0x20 : s[i + k]);
	word[k] = '\0';
	if (!strcmp(word, "c"))
		return s[i] == 'C' && s[w] == '.';
	return mn_word_index(word, mn_titles) >= 0;
}

/* Drop leading titles ("Lic.", "Mtra.") from a name. */
static size_t skip_name_titles(const char *s, size_t len)
{
	size_t i = 0, w;

	for (;;) {
		i += mn_lskip(s + i, len - i);
		for (w = i; w < len && !mn_is_blank((unsigned char)s[w]) &&
			    s[w] != '.'; w++)
			;
		if (!name_title(s, len, i, w))
			return i;
		if (s[w] == '.')
			w++;
		i = w;
	}
}

/* Split "Name, rest" (or "Name - rest"); returns the name's length and
 * where the rest starts. */
static size_t split_name(const char *s, size_t len, size_t *rest)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == ',') {
			*rest = i + 1;
			return i;
		}
	}
	for (i = 0; i + 2 < len; i++) {
		if (s[i] == ' ' && (s[i + 1] == '-' || s[i + 1] == ':') &&
		    s[i + 2] == ' ') {
			*rest = i + 3;
			return i;
		}
	}
	*rest = len;
	return len;
}

static stl_status_t set_ids(struct stl_attendee *a, const struct inst_found *f)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	stl_text_fold(a->name, strlen(a->name), &sb);
	a->person_id = stl_strbuf_detach(&sb, NULL);
	if (!a->person_id)
		return STL_STATUS_OUT_OF_MEMORY;
	if (!a->institution)
		return STL_STATUS_SUCCESS;
	if (f->entry) {
		a->institution_id = strdup(f->entry->id);
	} else {
		mn_key(a->institution, strlen(a->institution), &sb);
		a->institution_id = stl_strbuf_detach(&sb, NULL);
	}
	return a->institution_id ? STL_STATUS_SUCCESS : STL_STATUS_OUT_OF_MEMORY;
}

/* Set a->name from the name part @s (titles like "Lic." dropped); leaves
 * it NULL when nothing is left. False only when out of memory. */
static bool set_name(struct stl_attendee *a, const char *s, size_t len)
{
	size_t skip = skip_name_titles(s, len);

	len = mn_rstrip(s + skip, len - skip, ";,:-", false);
	if (!len)
		return true;
	a->name = mn_strndup(s + skip, len);
	return a->name != NULL;
}

/*
 * Set role and institution from @s, the part of an entry after the name
 * (or a role cell): the institution found in it, and the role before it.
 */
static stl_status_t set_role_inst(struct stl_attendee *a, const char *s,
				  size_t len,
				  const struct stl_institutions *table,
				  struct mn_forms *forms, struct inst_found *f)
{
	bool found = false;
	stl_status_t st;
	size_t rlen = len;

	st = find_institution(s, len, table, forms, f, &found);
	if (st != STL_STATUS_SUCCESS)
		return st;
	if (found && !f->entry && !mn_rstrip(f->text, f->len, ",;", false))
		found = false;	/* an empty field names nothing */
	if (found) {
		a->institution = f->entry ? strdup(f->entry->short_name) :
				 mn_clean(f->text, mn_rstrip(f->text, f->len, ",;", false));
		if (!a->institution)
			return STL_STATUS_OUT_OF_MEMORY;
		rlen = strip_role_tail(s, f->start);
	}
	rlen = strip_role_tail(s, rlen);
	if (rlen) {
		a->role = mn_strndup(s, rlen);
		if (!a->role)
			return STL_STATUS_OUT_OF_MEMORY;
	}
	return STL_STATUS_SUCCESS;
}

stl_status_t mn_attendee_parse(const char *s, size_t len,
			       const struct stl_institutions *table,
			       struct mn_forms *forms, struct stl_attendee *a)
{
	struct inst_found f;
	size_t nlen, rest;
	stl_status_t st = STL_STATUS_OUT_OF_MEMORY;
	char *clean;

	memset(a, 0, sizeof(*a));
	memset(&f, 0, sizeof(f));
	clean = mn_clean(s, len);
	if (!clean)
		return STL_STATUS_OUT_OF_MEMORY;
	len = mn_rstrip(clean, strlen(clean), ";,", true);
	nlen = split_name(clean, len, &rest);
	if (!set_name(a, clean, nlen))
		goto out_release;
	st = STL_STATUS_SUCCESS;
	if (!a->name)
		goto out;
	rest += mn_lskip(clean + rest, len - rest);
	st = set_role_inst(a, clean + rest, len - rest, table, forms, &f);
	if (st == STL_STATUS_SUCCESS)
		st = set_ids(a, &f);
	if (st == STL_STATUS_SUCCESS)
		goto out;
out_release:
	mn_attendee_release(a);
out:
	free(clean);
	return st;
}

/* @s cleaned and without trailing ";," (and a final dot), or NULL for
 * none; *@ok false when out of memory. */
static char *clean_cell(const char *s, size_t len, bool *ok)
{
	char *c;

	*ok = true;
	if (!s || !len)
		return NULL;
	c = mn_clean(s, len);
	if (!c) {
		*ok = false;
		return NULL;
	}
	c[mn_rstrip(c, strlen(c), ";,", true)] = '\0';
	if (!*c) {
		free(c);
		return NULL;
	}
	return c;
}

/*
 * An institution cell: the table's entry it names (whole, or by its
 * leading words, "Instituto Electoral"), else the organization as written.
 */
static stl_status_t set_inst_cell(struct stl_attendee *a, const char *s,
				  const struct stl_institutions *table,
				  bool ocr, struct inst_found *f)
{
	f->entry = table ? stl_institutions_lookup_part(table, s, strlen(s),
						STL_INST_PART_LEADING) : NULL;
	if (!f->entry && table && ocr)
		f->entry = mn_institutions_near(table, s, strlen(s));
	a->institution = strdup(f->entry ? f->entry->short_name : s);
	return a->institution ? STL_STATUS_SUCCESS : STL_STATUS_OUT_OF_MEMORY;
}

stl_status_t mn_attendee_fields(const char *name, size_t nlen,
				const char *role, size_t rlen,
				const char *inst, size_t ilen,
				const struct stl_institutions *table,
				struct mn_forms *forms, struct stl_attendee *a)
{
	char *n = NULL, *r = NULL, *i = NULL;
	stl_status_t st = STL_STATUS_OUT_OF_MEMORY;
	struct inst_found f;
	bool ok1, ok2, ok3;

	memset(a, 0, sizeof(*a));
	memset(&f, 0, sizeof(f));
	n = clean_cell(name, nlen, &ok1);
	r = clean_cell(role, rlen, &ok2);
	i = clean_cell(inst, ilen, &ok3);
	if (!ok1 || !ok2 || !ok3)
		goto out;
	st = STL_STATUS_SUCCESS;
	if (!n)
		goto out;
	if (!set_name(a, n, strlen(n))) {
		st = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	if (!a->name)
		goto out;
	/* Without an institution cell, the role may name one, as the rest
	 * of an entry does ("Jefa de la Unidad de Transparencia IEEM"). */
	if (i)
		st = set_inst_cell(a, i, table, forms->ocr, &f);
	if (st == STL_STATUS_SUCCESS && r && i) {
		a->role = strdup(r);
		st = a->role ? STL_STATUS_SUCCESS : STL_STATUS_OUT_OF_MEMORY;
	} else if (st == STL_STATUS_SUCCESS && r) {
		st = set_role_inst(a, r, strlen(r), table, forms, &f);
	}
	if (st == STL_STATUS_SUCCESS)
		st = set_ids(a, &f);
out:
	if (st != STL_STATUS_SUCCESS)
		mn_attendee_release(a);
	free(n);
	free(r);
	free(i);
	return st;
}
