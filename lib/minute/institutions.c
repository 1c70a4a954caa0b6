/*
 * institutions.c - the institutions table: short name, full name and
 * aliases of each institution the minutes mention, read from TSV
 * (corpus/instituciones.tsv) and looked up by any of its names, folded.
 *
 * Lookups go through a sorted array of keys (mn_key() of every name), so a
 * lookup costs one fold and a binary search however big a user's table is;
 * a lookup by part of a name (what people write: "Instituto Electoral")
 * costs one pass over the keys.
 */
#include "minute_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "stl/date.h"

struct inst_key {
	char *key;
	size_t entry;
};

struct stl_institutions {
	struct stl_institution *v;
	size_t n, alloc;
	struct inst_key *keys;	/* sorted by key, then latest entry first */
	size_t nkeys;
	long *closed;		/* days declared inhábiles, ascending */
	size_t nclosed, closed_alloc;
};

struct stl_institutions *stl_institutions_new(void)
{
	return calloc(1, sizeof(struct stl_institutions));
}

static void institution_release(struct stl_institution *in)
{
	size_t i;

	free(in->id);
	free(in->short_name);
	free(in->full_name);
	for (i = 0; i < in->naliases; i++)
		free(in->aliases[i]);
	free(in->aliases);
	memset(in, 0, sizeof(*in));
}

static void keys_release(struct stl_institutions *t)
{
	size_t i;

	for (i = 0; i < t->nkeys; i++)
		free(t->keys[i].key);
	free(t->keys);
	t->keys = NULL;
	t->nkeys = 0;
}

void stl_institutions_destroy(struct stl_institutions *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		institution_release(&t->v[i]);
	free(t->v);
	keys_release(t);
	free(t->closed);
	free(t);
}

size_t stl_institutions_count(const struct stl_institutions *t)
{
	return t ? t->n : 0;
}

const struct stl_institution *
stl_institutions_get(const struct stl_institutions *t, size_t i)
{
	return t && i < t->n ? &t->v[i] : NULL;
}

/* ---- Keys ------------------------------------------------------------------ */

static char *make_key(const char *s, size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	if (mn_key(s, len, &sb) != STL_STATUS_SUCCESS) {
		stl_strbuf_release(&sb);
		return NULL;
	}
	return stl_strbuf_detach(&sb, NULL);
}

static int cmp_key(const void *a, const void *b)
{
	const struct inst_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	/* The later entry wins when two institutions share a name. */
	return x->entry > y->entry ? -1 : x->entry < y->entry;
}

static bool add_key(struct stl_institutions *t, size_t *alloc,
		    const char *name, size_t entry)
{
	char *k = make_key(name, strlen(name));

	if (!k)
		return false;
	if (!*k) {
		free(k);
		return true;
	}
	if (!mn_grow((void **)&t->keys, alloc, t->nkeys + 1, sizeof(*t->keys))) {
		free(k);
		return false;
	}
	t->keys[t->nkeys].key = k;
	t->keys[t->nkeys].entry = entry;
	t->nkeys++;
	return true;
}

static stl_status_t rebuild_keys(struct stl_institutions *t)
{
	const struct stl_institution *in;
	size_t i, k, alloc = 0;

	keys_release(t);
	for (i = 0; i < t->n; i++) {
		in = &t->v[i];
		if (!add_key(t, &alloc, in->short_name, i) ||
		    !add_key(t, &alloc, in->full_name, i))
			return STL_STATUS_OUT_OF_MEMORY;
		for (k = 0; k < in->naliases; k++)
			if (!add_key(t, &alloc, in->aliases[k], i))
				return STL_STATUS_OUT_OF_MEMORY;
	}
	if (t->nkeys > 1)
		qsort(t->keys, t->nkeys, sizeof(*t->keys), cmp_key);
	return STL_STATUS_SUCCESS;
}

const struct stl_institution *
stl_institutions_lookup(const struct stl_institutions *t, const char *name,
			size_t len)
{
	size_t lo = 0, hi, mid;
	char *k;

	if (!t || !name || !t->nkeys)
		return NULL;
	k = make_key(name, len);
	if (!k)
		return NULL;
	hi = t->nkeys;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(t->keys[mid].key, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nkeys && !strcmp(t->keys[lo].key, k)) {
		free(k);
		return &t->v[t->keys[lo].entry];
	}
	free(k);
	return NULL;
}

/* True if the words of @part (a key) are words of @key, together and in
 * the same order. */
static bool key_has_words(const char *key, const char *part, size_t plen,
			  enum stl_inst_part where)
{
	const char *p = key;

	if (where == STL_INST_PART_LEADING)
		return strchr(part, ' ') && !strncmp(key, part, plen) &&
		       (key[plen] == '\0' || key[plen] == ' ');
	while ((p = strstr(p, part))) {
		if ((p == key || p[-1] == ' ') &&
		    (p[plen] == '\0' || p[plen] == ' '))
			return true;
		p++;
	}
	return false;
}

/* The entry whose names alone have the words of @part: its index, or
 * t->n if none or several. */
static size_t entry_of_part(const struct stl_institutions *t,
			    const char *part, enum stl_inst_part where)
{
	size_t i, plen = strlen(part), found = t->n;

	for (i = 0; i < t->nkeys; i++) {
		if (!key_has_words(t->keys[i].key, part, plen, where) ||
		    t->keys[i].entry == found)
			continue;
		if (found < t->n)
			return t->n;
		found = t->keys[i].entry;
	}
	return found;
}

const struct stl_institution *
stl_institutions_lookup_part(const struct stl_institutions *t,
			     const char *name, size_t len,
			     enum stl_inst_part where)
{
	const struct stl_institution *in;
	size_t e;
	char *k;

	in = stl_institutions_lookup(t, name, len);
	if (in || !t || !name)
		return in;
	k = make_key(name, len);
	if (!k)
		return NULL;
	e = *k ? entry_of_part(t, k, where) : t->n;
	free(k);
	return e < t->n ? &t->v[e] : NULL;
}

/* ---- Reading TSV ------------------------------------------------------------- */

struct tsv_reader {
	const char *name;
	char **errmsg;
	unsigned line;
};

static stl_status_t tsv_error(struct tsv_reader *r, const char *reason)
{
	if (r->errmsg)
		*r->errmsg = stl_strdup_printf("'%s' línea %u: %s",
					       r->name ? r->name : "",
					       r->line, reason);
	return STL_STATUS_INVALID_ARGUMENT;
}

/* A trimmed, whitespace-collapsed copy of one field. */
static char *field_dup(const char *s, size_t len)
{
	return mn_clean(s, len);
}

static stl_status_t parse_aliases(struct stl_institution *in, const char *s,
				  size_t len)
{
	size_t alloc = 0, i = 0, j;
	char *a;

	while (i <= len) {
		for (j = i; j < len && s[j] != '|'; j++)
			;
		a = field_dup(s + i, j - i);
		if (!a)
			return STL_STATUS_OUT_OF_MEMORY;
		if (!*a) {
			free(a);
		} else if (!mn_grow((void **)&in->aliases, &alloc,
				    in->naliases + 1, sizeof(char *))) {
			free(a);
			return STL_STATUS_OUT_OF_MEMORY;
		} else {
			in->aliases[in->naliases++] = a;
		}
		i = j + 1;
	}
	return STL_STATUS_SUCCESS;
}

/* Split a line into at most 3 tab-separated columns; the count, or 4 if
 * there are more. */
static int split_columns(const char *s, size_t len, const char *col[3],
			 size_t clen[3])
{
	size_t i, start = 0;
	int n = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\t')
			continue;
		if (n == 3)
			return 4;
		col[n] = s + start;
		clen[n] = i - start;
		n++;
		start = i + 1;
	}
	return n;
}

static stl_status_t parse_line(struct tsv_reader *r, const char *s,
			       size_t len, struct stl_institution *in)
{
	const char *col[3];
	size_t clen[3];
	stl_status_t st;
	int n;

	if (u8_check((const uint8_t *)s, len))
		return tsv_error(r, "el texto no es UTF-8 válido");
	n = split_columns(s, len, col, clen);
	if (n < 2)
		return tsv_error(r, "se esperan nombre corto, tabulador y nombre completo");
	if (n > 3)
		return tsv_error(r, "sobran columnas (se esperan a lo más tres, separadas por tabuladores)");
	in->short_name = field_dup(col[0], clen[0]);
	in->full_name = field_dup(col[1], clen[1]);
	if (!in->short_name || !in->full_name)
		return STL_STATUS_OUT_OF_MEMORY;
	in->id = make_key(in->short_name, strlen(in->short_name));
	if (!in->id)
		return STL_STATUS_OUT_OF_MEMORY;
	if (!*in->id)
		return tsv_error(r, "falta el nombre corto");
	if (!*in->full_name)
		return tsv_error(r, "falta el nombre completo");
	if (n == 3) {
		st = parse_aliases(in, col[2], clen[2]);
		if (st != STL_STATUS_SUCCESS)
			return st;
	}
	return STL_STATUS_SUCCESS;
}

static bool comment_or_blank(const char *s, size_t len)
{
	size_t i = mn_lskip(s, len);

	return i == len || s[i] == '#';
}

/* Put @in into @t, replacing the entry with the same id; @in is taken. */
static bool table_put(struct stl_institutions *t, struct stl_institution *in)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (!strcmp(t->v[i].id, in->id)) {
			institution_release(&t->v[i]);
			t->v[i] = *in;
			return true;
		}
	}
	if (!mn_grow((void **)&t->v, &t->alloc, t->n + 1, sizeof(*t->v)))
		return false;
	t->v[t->n++] = *in;
	return true;
}

/*
 * The lines are read into @parsed first and put into the table only when
 * all of them are good, so a bad file leaves the table as it was.
 */
stl_status_t stl_institutions_add_tsv(struct stl_institutions *t,
				      const char *name, const char *text,
				      size_t len, char **errmsg)
{
	struct tsv_reader r = { name, errmsg, 0 };
	struct stl_institution *parsed = NULL;
	size_t np = 0, alloc = 0, i = 0, j, end;
	stl_status_t st = STL_STATUS_SUCCESS;

	if (errmsg)
		*errmsg = NULL;
	if (!t || (!text && len))
		return STL_STATUS_INVALID_ARGUMENT;
	while (i < len) {
		for (j = i; j < len && text[j] != '\n'; j++)
			;
		end = j > i && text[j - 1] == '\r' ? j - 1 : j;
		r.line++;
		if (!comment_or_blank(text + i, end - i)) {
			if (!mn_grow((void **)&parsed, &alloc, np + 1,
				     sizeof(*parsed))) {
				st = STL_STATUS_OUT_OF_MEMORY;
				goto out_free;
			}
			memset(&parsed[np], 0, sizeof(*parsed));
			st = parse_line(&r, text + i, end - i, &parsed[np++]);
			if (st != STL_STATUS_SUCCESS)
				goto out_free;
		}
		i = j + 1;
	}
	for (i = 0; i < np; i++) {
		if (!table_put(t, &parsed[i])) {
			st = STL_STATUS_OUT_OF_MEMORY;
			goto out_free;
		}
		memset(&parsed[i], 0, sizeof(parsed[i]));
	}
	st = rebuild_keys(t);
out_free:
	for (i = 0; i < np; i++)
		institution_release(&parsed[i]);
	free(parsed);
	return st;
}

char *stl_institutions_to_tsv(const struct stl_institutions *t)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const struct stl_institution *in;
	size_t i, k;

	stl_strbuf_addstr(&sb, "# nombre corto\tnombre completo\talias|alias|...\n");
	for (i = 0; t && i < t->n; i++) {
		in = &t->v[i];
		stl_strbuf_addf(&sb, "%s\t%s\t", in->short_name, in->full_name);
		for (k = 0; k < in->naliases; k++) {
			if (k)
				stl_strbuf_addch(&sb, '|');
			stl_strbuf_addstr(&sb, in->aliases[k]);
		}
		stl_strbuf_addch(&sb, '\n');
	}
	return stl_strbuf_detach(&sb, NULL);
}

/* ---- Days declared inhábiles ----------------------------------------------- */

/* A line "YYYY-MM-DD", blanks and a '#' comment after it allowed, into
 * its day number. */
static bool closed_day_parse(const char *s, size_t len, long *days)
{
	size_t i = mn_lskip(s, len), end;
	int y, m, d;

	for (end = i; end < len && s[end] != '#' &&
		      !mn_is_blank((unsigned char)s[end]); end++)
		;
	if (end - i != 10 || s[i + 4] != '-' || s[i + 7] != '-' ||
	    !stl_date_number(s + i, 4, 4, &y) ||
	    !stl_date_number(s + i + 5, 2, 2, &m) ||
	    !stl_date_number(s + i + 8, 2, 2, &d) || !stl_date_valid(y, m, d))
		return false;
	end += mn_lskip(s + end, len - end);
	if (end < len && s[end] != '#')
		return false;
	*days = stl_date_to_days(y, m, d);
	return true;
}

/* Insert @days into the ascending list of @t, once. */
static bool closed_day_put(struct stl_institutions *t, long days)
{
	size_t i = t->nclosed;

	while (i && t->closed[i - 1] > days)
		i--;
	if (i && t->closed[i - 1] == days)
		return true;
	if (!mn_grow((void **)&t->closed, &t->closed_alloc, t->nclosed + 1,
		     sizeof(*t->closed)))
		return false;
	memmove(t->closed + i + 1, t->closed + i,
		(t->nclosed - i) * sizeof(*t->closed));
	t->closed[i] = days;
	t->nclosed++;
	return true;
}

/* One line: put its day into @t, or describe it in @bad. */
static bool closed_day_line(struct stl_institutions *t, const char *name,
			    size_t line, const char *s, size_t len,
			    struct stl_strbuf *bad)
{
	long days;

	if (comment_or_blank(s, len))
		return true;
	if (closed_day_parse(s, len, &days))
		return closed_day_put(t, days);
	stl_strbuf_addf(bad, "%s'%s' línea %zu: fecha no válida '%.*s': use "
			"AAAA-MM-DD, una por línea",
			bad->len ? "\n" : "", name, line,
			(int)(len < 40 ? len : 40), s);
	return true;
}

stl_status_t stl_institutions_add_closed_days(struct stl_institutions *t,
					      const char *name,
					      const char *text, size_t len,
					      char **errmsg)
{
	struct stl_strbuf bad = STL_STRBUF_INIT;
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t i = 0, j, end, line = 0;

	if (errmsg)
		*errmsg = NULL;
	if (!t || (!text && len))
		return STL_STATUS_INVALID_ARGUMENT;
	while (i < len && !st) {
		for (j = i; j < len && text[j] != '\n'; j++)
			;
		end = j > i && text[j - 1] == '\r' ? j - 1 : j;
		if (!closed_day_line(t, name, ++line, text + i, end - i, &bad))
			st = STL_STATUS_OUT_OF_MEMORY;
		i = j + 1;
	}
	if (!st && stl_strbuf_failed(&bad))
		st = STL_STATUS_OUT_OF_MEMORY;
	else if (!st && bad.len)
		st = STL_STATUS_INVALID_ARGUMENT;
	if (st == STL_STATUS_INVALID_ARGUMENT && errmsg)
		*errmsg = stl_strbuf_detach(&bad, NULL);
	stl_strbuf_release(&bad);
	return st;
}

const long *stl_institutions_closed_days(const struct stl_institutions *t,
					 size_t *n)
{
	*n = t ? t->nclosed : 0;
	return t ? t->closed : NULL;
}

char *stl_institutions_closed_days_text(const struct stl_institutions *t)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	char iso[11];
	size_t i;

	stl_strbuf_addstr(&sb, "");
	for (i = 0; t && i < t->nclosed; i++) {
		stl_date_format(t->closed[i], iso);
		stl_strbuf_addf(&sb, "%s\n", iso);
	}
	return stl_strbuf_detach(&sb, NULL);
}

/* ---- Near names (OCR) -------------------------------------------------------- */

/*
 * Costs of the edit distance between an OCR-read name and a table key,
 * in half edits: mistaking glyphs Tesseract confuses ("lEEM", "1EEM",
 * "Infoen") or losing a thin one ("¡EEM" has its I dropped) costs one,
 * any other edit two. So "lEEM" is nearer IEEM than TEEM, which an
 * edit distance alone would not tell apart.
 */
#define NEAR_CHEAP 1
#define NEAR_EDIT 2
#define NEAR_MAX_KEY 160

static bool near_confusable(char a, char b)
{
	static const char *const sets[] = { "il1|", "o0", "mn", "s5", NULL };
	size_t k;

	for (k = 0; sets[k]; k++)
		if (strchr(sets[k], a) && strchr(sets[k], b))
			return true;
	return false;
}

static unsigned near_indel(char c)
{
	return strchr("il1|", c) ? NEAR_CHEAP : NEAR_EDIT;
}

static unsigned near_sub(char a, char b)
{
	if (a == b)
		return 0;
	return near_confusable(a, b) ? NEAR_CHEAP : NEAR_EDIT;
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;

	return m < c ? m : c;
}

/* One cell of the distance table: rows @r2, @r1, @r0 are those of
 * a[..i-2], a[..i-1], a[..i]; "rn" read for "m" costs one. */
static unsigned near_cell(const char *a, size_t i, const char *b, size_t j,
			  const unsigned *r2, const unsigned *r1,
			  const unsigned *r0)
{
	unsigned d = min3(r1[j] + near_indel(a[i - 1]),
			  r0[j - 1] + near_indel(b[j - 1]),
			  r1[j - 1] + near_sub(a[i - 1], b[j - 1]));

	if (i >= 2 && a[i - 2] == 'r' && a[i - 1] == 'n' && b[j - 1] == 'm' &&
	    r2[j - 1] + NEAR_CHEAP < d)
		d = r2[j - 1] + NEAR_CHEAP;
	if (j >= 2 && b[j - 2] == 'r' && b[j - 1] == 'n' && a[i - 1] == 'm' &&
	    r1[j - 2] + NEAR_CHEAP < d)
		d = r1[j - 2] + NEAR_CHEAP;
	return d;
}

/* No path off the diagonal by more than this many cells costs less than
 * the largest budget (each cell off costs NEAR_CHEAP at least). */
#define NEAR_BAND (2 * NEAR_EDIT / NEAR_CHEAP)
#define NEAR_INF 0x10000u

/*
 * The weighted distance between @a and @b (both shorter than
 * NEAR_MAX_KEY), or more than the largest budget: rows of the usual
 * table, three kept for "rn", each only within NEAR_BAND of the
 * diagonal, so a comparison costs O(len) whatever the names.
 */
static unsigned near_distance(const char *a, size_t na, const char *b,
			      size_t nb)
{
	unsigned rows[3][NEAR_MAX_KEY + 1], *r2, *r1, *r0, *tmp;
	size_t i, j, lo, hi;

	for (j = 0; j <= nb; j++)
		rows[0][j] = rows[1][j] = rows[2][j] = NEAR_INF;
	r2 = rows[0];
	r1 = rows[1];
	r0 = rows[2];
	r1[0] = 0;
	for (j = 1; j <= nb && j <= NEAR_BAND; j++)
		r1[j] = r1[j - 1] + near_indel(b[j - 1]);
	for (i = 1; i <= na; i++) {
		lo = i > NEAR_BAND ? i - NEAR_BAND : 1;
		hi = i + NEAR_BAND < nb ? i + NEAR_BAND : nb;
		/* Cells just outside the band hold an older row's values. */
		r0[lo - 1] = lo == 1 && i <= NEAR_BAND ?
			     r1[0] + near_indel(a[i - 1]) : NEAR_INF;
		if (hi < nb)
			r0[hi + 1] = NEAR_INF;
		for (j = lo; j <= hi; j++)
			r0[j] = near_cell(a, i, b, j, r2, r1, r0);
		tmp = r2;
		r2 = r1;
		r1 = r0;
		r0 = tmp;
	}
	return r1[nb];
}

/* Within one edit for a name of up to 5 letters (an acronym), two for
 * a longer one: the acronyms are close to each other (IEEM, TEEM). */
static unsigned near_budget(const char *key)
{
	size_t i, letters = 0;

	for (i = 0; key[i]; i++)
		letters += key[i] != ' ';
	return (letters <= 5 ? 1 : 2) * NEAR_EDIT;
}

/* The OCR'd name's key, its glyphs for I ("¡", "|", "!") made '|'. */
static char *near_key(const char *name, size_t len)
{
	char *k = make_key(name, len), *r, *w;

	if (!k)
		return NULL;
	for (r = w = k; *r; r++) {
		if ((unsigned char)r[0] == 0xC2 &&
		    (unsigned char)r[1] == 0xA1) {
			*w++ = '|';
			r++;
		} else {
			*w++ = *r == '!' ? '|' : *r;
		}
	}
	*w = '\0';
	return k;
}

/* The entry nearest @k alone within its budget: its index, or t->n. */
static size_t nearest_entry(const struct stl_institutions *t, const char *k)
{
	size_t i, n = strlen(k), kn, best = t->n;
	unsigned d, best_d = ~0u;
	bool tie = false;

	for (i = 0; i < t->nkeys; i++) {
		kn = strlen(t->keys[i].key);
		if (kn >= NEAR_MAX_KEY || (kn > n ? kn - n : n - kn) > 2 * 2)
			continue;
		d = near_distance(k, n, t->keys[i].key, kn);
		if (d > near_budget(t->keys[i].key) || d > best_d)
			continue;
		if (d == best_d && t->keys[i].entry != best)
			tie = true;
		else if (d < best_d)
			tie = false;
		best_d = d;
		best = t->keys[i].entry;
	}
	return tie ? t->n : best;
}

const struct stl_institution *
mn_institutions_near(const struct stl_institutions *t, const char *name,
		     size_t len)
{
	const struct stl_institution *in;
	size_t e;
	char *k;

	in = stl_institutions_lookup(t, name, len);
	if (in || !t || !name)
		return in;
	k = near_key(name, len);
	if (!k)
		return NULL;
	e = *k && strlen(k) < NEAR_MAX_KEY ? nearest_entry(t, k) : t->n;
	free(k);
	return e < t->n ? &t->v[e] : NULL;
}
