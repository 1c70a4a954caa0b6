/*
 * minute_resolve.c - who an agreement concerns, and by when.
 *
 * People are found in an agreement's words (mn_tokenize()) in three ways:
 *
 * - by name: a title ("Consejera", "Lic.") before 2-5 capitalized words,
 *   a capitalized run followed by ", de <Organization>", or a run whose
 *   words are the first name and more words of an attendee ("Lilibeth
 *   Álvarez" is Lilibeth Álvarez Rodríguez);
 * - by post: "la titular de la unidad de transparencia del IEEM" is read
 *   as post "titular" (jefe, jefa and titular are one post), unit words
 *   "unidad transparencia" and institution "ieem", and matched against the
 *   posts of THIS minute's attendees, so the same words mean whoever held
 *   the post at that meeting.
 *
 * A post matches when exactly one attendee fits, trying the strictest
 * reading first: same unit words; same unit words ignoring "unidad",
 * "departamento" ...; one unit a prefix of the other; no unit at all and
 * only one attendee of that institution with the post. Anything ambiguous
 * resolves to nobody rather than to a guess.
 *
 * Every scan does bounded work per word, and role mentions are capped per
 * minute, so a fuzzed 50 MB minute stays linear.
 */
#include "minute_internal.h"

#include <stdlib.h>
#include <string.h>

#include "stl/date.h"
#include "stl/text.h"

/* Most role mentions resolved per minute, and persons per agreement. */
#define MAX_MENTIONS 4096
#define MAX_PERSONS 64
/* Longest name run (words) and unit phrase (words) looked at. */
#define MAX_RUN 8
#define MAX_UNIT 12
/* Candidates with the same first name tried at one word. */
#define MAX_NAMESAKES 8

struct post_word {
	const char *word;
	const char *post;
};

/* The post a role word stands for: the forms people use for one job. */
static const struct post_word posts[] = {
	{ "titular", "titular" }, { "jefe", "titular" }, { "jefa", "titular" },
	{ "subjefe", "subjefe" }, { "subjefa", "subjefe" },
	{ "director", "director" }, { "directora", "director" },
	{ "subdirector", "subdirector" }, { "subdirectora", "subdirector" },
	{ "coordinador", "coordinador" }, { "coordinadora", "coordinador" },
	{ "subcoordinador", "subcoordinador" },
	{ "subcoordinadora", "subcoordinador" },
	{ "presidente", "presidente" }, { "presidenta", "presidente" },
	{ "secretario", "secretario" }, { "secretaria", "secretario" },
	{ "facilitador", "facilitador" }, { "facilitadora", "facilitador" },
	{ "representante", "representante" },
	{ "comisionado", "comisionado" }, { "comisionada", "comisionado" },
	{ "consejero", "consejero" }, { "consejera", "consejero" },
	{ "encargado", "encargado" }, { "encargada", "encargado" },
	{ "enlace", "enlace" },
	{ NULL, NULL }
};

/* Words that say what kind of unit follows, not which one. */
static const char *const unit_kinds[] = {
	"unidad", "departamento", "direccion", "subdireccion", "coordinacion",
	"area", "jefatura", "oficina", NULL
};

/* Function words skipped in units (the analyzer flags most as stop words;
 * these are the ones the matching cannot do without). */
static const char *const function_words[] = {
	"de", "del", "la", "las", "los", "el", "y", "e", "a", "al", "en",
	"por", "para", NULL
};

/* Lower-case words allowed inside a name ("María de la Luz"). */
static const char *const particles[] = {
	"de", "del", "la", "las", "los", NULL
};

/* Articles before a post that make it a mention of a person. */
static const char *const articles[] = { "el", "la", "al", "del", NULL };

/* Adjectives that may follow a title before the name. */
static const char *const title_adjectives[] = {
	"electoral", "general", "ejecutivo", "ejecutiva", "propietario",
	"propietaria", "suplente", "presidente", "presidenta", NULL
};

/* Capitalized words that are never part of a person's name. */
static const char *const not_names[] = {
	"partido", "partidos", "politico", "politicos", "comite", "consejo",
	"unidad", "departamento", "direccion", "sociedad", "civil", "organo",
	"garante", "cultura", "gobierno", "abierto", "abierta", "transparencia",
	"instituto", "secretaria", "secretariado", "sistema", "mesa", "grupo",
	"operativo", "reunion", "compromiso", "estado", "mexico", "municipios",
	"ayuntamiento", "programa", "plan", "hoja", "ruta", "tecnico", "local",
	"acuerdo", "minuta", "comision", "general", "nacional", "estatal",
	"municipal", "publica", "publico", "informacion", "acceso", "datos",
	"proteccion", "participacion", "ciudadana", "ciudadano", "anticorrupcion",
	"asociacion", "fundacion", "colectivo", NULL
};

/* What the post of one attendee (or of a mention) is. */
struct post_ref {
	const char *post;	/* canonical post, NULL if none */
	bool general;		/* "Directora General" */
	struct stl_strbuf unit;	/* unit words, space-separated */
	struct stl_strbuf core;	/* the same without unit_kinds */
	const char *inst;	/* institution id, borrowed; NULL unknown */
	bool bounded;		/* the unit ended at an institution */
};

struct resolver {
	struct stl_minute *m;
	struct post_ref *refs;		/* one per attendee */
	struct mn_tokens names;		/* attendees' name words */
	size_t *name_first, *name_n;	/* per attendee, into ->names */
	size_t *by_first;		/* attendees sorted by first name word */
	size_t nnamed;			/* entries of ->by_first */
	unsigned *seen;			/* per attendee: last agreement listing */
	struct mn_forms forms;		/* table names + attendees' orgs */
	size_t mentions;		/* role mentions resolved so far */
	const struct stl_institutions *table;
	bool ocr;			/* names may be misread (OCR) */
};

/* The persons of one agreement being collected. */
struct persons {
	size_t *att;			/* attendees, in order found */
	size_t natt;
	char *other[MAX_PERSONS];	/* non-attendees, as written */
	char *other_key[MAX_PERSONS];
	size_t nother;
	unsigned number;
};

static const char *post_of(const char *term)
{
	size_t k;

	for (k = 0; posts[k].word; k++)
		if (!strcmp(term, posts[k].word))
			return posts[k].post;
	return NULL;
}

static void post_ref_release(struct post_ref *r)
{
	stl_strbuf_release(&r->unit);
	stl_strbuf_release(&r->core);
}

static void add_unit_word(struct post_ref *r, const char *w)
{
	if (r->unit.len)
		stl_strbuf_addch(&r->unit, ' ');
	stl_strbuf_addstr(&r->unit, w);
	if (mn_word_index(w, unit_kinds) >= 0)
		return;
	if (r->core.len)
		stl_strbuf_addch(&r->core, ' ');
	stl_strbuf_addstr(&r->core, w);
}

static bool unit_word(const struct mn_tokens *t, size_t i)
{
	return !(t->v[i].flags & STL_TOKEN_STOPWORD) &&
	       !mn_term_in(t, i, function_words);
}

/* True if the bytes between words @i - 1 and @i end a clause. */
static bool clause_break(const char *text, const struct mn_tokens *t,
			 size_t i)
{
	size_t k;

	for (k = t->v[i - 1].end; k < t->v[i].start; k++)
		if (strchr(",;:.()\n", text[k]) && text[k])
			return true;
	return false;
}

/* True if only blanks separate words @i - 1 and @i (one name). */
static bool adjacent(const char *text, const struct mn_tokens *t, size_t i)
{
	size_t k;

	if (t->v[i].start - t->v[i - 1].end > 16)
		return false;
	for (k = t->v[i - 1].end; k < t->v[i].start; k++)
		if (!mn_is_blank((unsigned char)text[k]))
			return false;
	return true;
}

/* ---- Attendees' posts and names ------------------------------------------- */

static stl_status_t attendee_post(struct resolver *r, size_t a)
{
	struct stl_attendee *at = &r->m->attendees[a];
	struct post_ref *ref = &r->refs[a];
	struct mn_tokens t = MN_TOKENS_INIT;
	stl_status_t st;
	size_t i, k, n = 0;

	ref->inst = at->institution_id;
	if (!at->role)
		return STL_STATUS_SUCCESS;
	st = mn_tokenize(&t, at->role, strlen(at->role));
	if (st != STL_STATUS_SUCCESS)
		goto out;
	for (i = 0; i < t.n && i < 3 && !ref->post; i++)
		ref->post = post_of(mn_term(&t, i));
	if (!ref->post)
		goto out;
	if (mn_term_is(&t, i, "general")) {
		ref->general = true;
		i++;
	}
	for (k = i; k < t.n && n < 16; k++) {
		if (unit_word(&t, k)) {
			add_unit_word(ref, mn_term(&t, k));
			n++;
		}
	}
	if (stl_strbuf_failed(&ref->unit) || stl_strbuf_failed(&ref->core))
		st = STL_STATUS_OUT_OF_MEMORY;
out:
	mn_tokens_release(&t);
	return st;
}

struct name_key {
	const char *first;	/* first name word, folded */
	size_t a;		/* attendee */
};

static int cmp_name_key(const void *a, const void *b)
{
	const struct name_key *x = a, *y = b;
	int c = strcmp(x->first, y->first);

	if (c)
		return c;
	return x->a < y->a ? -1 : x->a > y->a;
}

/* Index the attendees' names by first word (names of one word are never
 * matched: a mention needs two words to be a person). */
static stl_status_t attendee_names(struct resolver *r, struct name_key **keys)
{
	struct stl_minute *m = r->m;
	stl_status_t st;
	size_t a;

	for (a = 0; a < m->nattendees; a++) {
		r->name_first[a] = r->names.n;
		st = mn_tokenize(&r->names, m->attendees[a].name,
				 strlen(m->attendees[a].name));
		if (st != STL_STATUS_SUCCESS)
			return st;
		r->name_n[a] = r->names.n - r->name_first[a];
	}
	*keys = calloc(m->nattendees ? m->nattendees : 1, sizeof(**keys));
	if (!*keys)
		return STL_STATUS_OUT_OF_MEMORY;
	for (a = 0; a < m->nattendees; a++) {
		if (r->name_n[a] < 2 || r->name_n[a] > MAX_RUN)
			continue;	/* one word, or not a name at all */
		(*keys)[r->nnamed].first = mn_term(&r->names, r->name_first[a]);
		(*keys)[r->nnamed].a = a;
		r->nnamed++;
	}
	qsort(*keys, r->nnamed, sizeof(**keys), cmp_name_key);
	return STL_STATUS_SUCCESS;
}

static stl_status_t resolver_init(struct resolver *r, struct stl_minute *m,
				  const struct stl_institutions *table,
				  struct name_key **keys)
{
	size_t n = m->nattendees ? m->nattendees : 1, a;
	stl_status_t st;

	memset(r, 0, sizeof(*r));
	r->m = m;
	r->names = (struct mn_tokens)MN_TOKENS_INIT;
	r->forms = (struct mn_forms)MN_FORMS_INIT;
	r->refs = calloc(n, sizeof(*r->refs));
	r->name_first = calloc(n, sizeof(size_t));
	r->name_n = calloc(n, sizeof(size_t));
	r->seen = calloc(n, sizeof(unsigned));
	if (!r->refs || !r->name_first || !r->name_n || !r->seen)
		return STL_STATUS_OUT_OF_MEMORY;
	for (a = 0; a < m->nattendees; a++) {
		r->refs[a].unit = (struct stl_strbuf)STL_STRBUF_INIT;
		r->refs[a].core = (struct stl_strbuf)STL_STRBUF_INIT;
	}
	for (a = 0; a < m->nattendees; a++) {
		st = attendee_post(r, a);
		if (st != STL_STATUS_SUCCESS)
			return st;
	}
	st = mn_forms_add_table(&r->forms, table);
	for (a = 0; a < m->nattendees && st == STL_STATUS_SUCCESS; a++) {
		if (m->attendees[a].institution)
			st = mn_forms_add_org(&r->forms,
					      m->attendees[a].institution,
					      strlen(m->attendees[a].institution),
					      m->attendees[a].institution_id,
					      m->attendees[a].institution);
	}
	if (st != STL_STATUS_SUCCESS)
		return st;
	return attendee_names(r, keys);
}

static void resolver_release(struct resolver *r)
{
	size_t a;

	for (a = 0; r->refs && a < r->m->nattendees; a++)
		post_ref_release(&r->refs[a]);
	free(r->refs);
	free(r->name_first);
	free(r->name_n);
	free(r->seen);
	mn_tokens_release(&r->names);
	mn_forms_release(&r->forms);
}

/* ---- Matching a post ------------------------------------------------------- */

/* True if the words of @p are the first words of @s. */
static bool word_prefix(const struct stl_strbuf *p, const struct stl_strbuf *s)
{
	return p->len && p->len <= s->len && !memcmp(s->buf, p->buf, p->len) &&
	       (s->buf[p->len] == '\0' || s->buf[p->len] == ' ');
}

static bool same(const struct stl_strbuf *a, const struct stl_strbuf *b)
{
	return a->len == b->len && !memcmp(a->buf, b->buf, a->len);
}

enum tier { TIER_UNIT, TIER_CORE, TIER_PREFIX, TIER_GENERAL, TIER_POST };

static bool tier_fits(const struct post_ref *q, const struct post_ref *a,
		      enum tier tier)
{
	switch (tier) {
	case TIER_UNIT:
		return same(&q->unit, &a->unit);
	case TIER_CORE:
		return q->core.len && same(&q->core, &a->core);
	case TIER_PREFIX:
		if (q->bounded)
			return word_prefix(&q->unit, &a->unit) ||
			       word_prefix(&q->core, &a->core);
		return word_prefix(&a->unit, &q->unit) ||
		       word_prefix(&a->core, &q->core);
	case TIER_GENERAL:
		return a->general;
	case TIER_POST:
		return true;
	}
	return false;
}

/* The one attendee whose post fits @q at @tier: its index, -1 if none,
 * -2 if several. */
static long fit_one(const struct resolver *r, const struct post_ref *q,
		    enum tier tier)
{
	const struct post_ref *a;
	long found = -1;
	size_t i;

	for (i = 0; i < r->m->nattendees; i++) {
		a = &r->refs[i];
		if (!a->post || strcmp(a->post, q->post))
			continue;
		if (q->inst && (!a->inst || strcmp(a->inst, q->inst)))
			continue;
		if (!tier_fits(q, a, tier))
			continue;
		if (found >= 0)
			return -2;
		found = (long)i;
	}
	return found;
}

static long resolve_post(const struct resolver *r, const struct post_ref *q)
{
	static const enum tier with_unit[] = { TIER_UNIT, TIER_CORE, TIER_PREFIX };
	size_t k;
	long a;

	if (!q->unit.len) {
		if (q->general && (a = fit_one(r, q, TIER_GENERAL)) >= 0)
			return a;
		return fit_one(r, q, TIER_POST);
	}
	for (k = 0; k < sizeof(with_unit) / sizeof(with_unit[0]); k++) {
		a = fit_one(r, q, with_unit[k]);
		if (a != -1)
			return a;
	}
	return -1;
}

/* ---- Collecting persons ------------------------------------------------------ */

static void add_attendee(struct resolver *r, struct persons *p, long a)
{
	if (a < 0 || r->seen[a] == p->number)
		return;
	r->seen[a] = p->number;
	p->att[p->natt++] = (size_t)a;
}

static stl_status_t add_other(struct resolver *r, struct persons *p,
			      const char *s, size_t len)
{
	struct stl_strbuf key = STL_STRBUF_INIT;
	char *name, *k;
	size_t i;

	if (p->nother == MAX_PERSONS)
		return STL_STATUS_SUCCESS;
	name = mn_clean(s, len);
	if (!name || stl_text_fold(name, strlen(name), &key) != STL_STATUS_SUCCESS)
		goto oom;
	k = stl_strbuf_detach(&key, NULL);
	if (!k)
		goto oom;
	for (i = 0; i < p->nother; i++)
		if (!strcmp(p->other_key[i], k))
			goto dup;
	for (i = 0; i < p->natt; i++)
		if (!strcmp(r->m->attendees[p->att[i]].person_id, k))
			goto dup;
	p->other[p->nother] = name;
	p->other_key[p->nother++] = k;
	return STL_STATUS_SUCCESS;
dup:
	free(k);
	free(name);
	return STL_STATUS_SUCCESS;
oom:
	stl_strbuf_release(&key);
	free(name);
	return STL_STATUS_OUT_OF_MEMORY;
}

static stl_status_t persons_store(struct resolver *r, struct persons *p,
				  struct stl_agreement *ag)
{
	size_t i, n = p->natt + p->nother;

	if (!n)
		return STL_STATUS_SUCCESS;
	ag->persons = calloc(n, sizeof(char *));
	if (!ag->persons)
		return STL_STATUS_OUT_OF_MEMORY;
	for (i = 0; i < p->natt; i++) {
		ag->persons[ag->npersons] = strdup(r->m->attendees[p->att[i]].name);
		if (!ag->persons[ag->npersons])
			return STL_STATUS_OUT_OF_MEMORY;
		ag->npersons++;
	}
	for (i = 0; i < p->nother; i++) {
		ag->persons[ag->npersons++] = p->other[i];
		p->other[i] = NULL;
	}
	return STL_STATUS_SUCCESS;
}

static void persons_reset(struct persons *p, unsigned number)
{
	size_t i;

	for (i = 0; i < p->nother; i++) {
		free(p->other[i]);
		free(p->other_key[i]);
	}
	p->natt = p->nother = 0;
	p->number = number;
}

/* ---- Reading an agreement ------------------------------------------------------ */

/* One agreement's words and where they came from. */
struct scan {
	const char *text;
	struct mn_tokens t;
};

static bool capital(const struct scan *s, size_t i)
{
	return i < s->t.n && (s->t.v[i].flags & MN_TOKEN_CAPITAL) &&
	       !mn_term_in(&s->t, i, function_words);
}

/*
 * The run of name words from @i: capitalized words separated by blanks,
 * with "de", "la" ... between two of them. Returns its end; *@ncap gets
 * the number of capitalized words.
 */
static size_t name_run(const struct scan *s, size_t i, size_t *ncap)
{
	size_t j = i + 1, k;

	*ncap = 1;
	while (j < s->t.n && j - i < MAX_RUN && adjacent(s->text, &s->t, j)) {
		if (capital(s, j)) {
			(*ncap)++;
			j++;
			continue;
		}
		for (k = j; k < s->t.n && k - i < MAX_RUN &&
			    mn_term_in(&s->t, k, particles) &&
			    adjacent(s->text, &s->t, k); k++)
			;
		if (k == j || k >= s->t.n || k - i >= MAX_RUN ||
		    !adjacent(s->text, &s->t, k) || !capital(s, k))
			break;
		j = k;
	}
	return j;
}

/* Words @i.. of the mention are words of attendee @a's name, in order,
 * starting with the first name: how many mention words that covers (at
 * least two capitalized), else 0. */
static size_t name_covers(const struct resolver *r, const struct scan *s,
			  size_t a, size_t i, size_t end)
{
	size_t k = r->name_first[a] + 1, kend = r->name_first[a] + r->name_n[a];
	size_t q, last = i + 1, matched = 1, f;

	for (q = i + 1; q < end; q++) {
		for (f = k; f < kend; f++)
			if (!strcmp(mn_term(&r->names, f), mn_term(&s->t, q)))
				break;
		if (f < kend) {
			k = f + 1;
			matched += capital(s, q);
			last = q + 1;
		} else if (!mn_term_in(&s->t, q, particles)) {
			break;
		}
	}
	return matched >= 2 ? last - i : 0;
}

/* The attendee a name run from @i means; -1 if none or several. */
static long attendee_of_run(const struct resolver *r, const struct name_key *keys,
			    const struct scan *s, size_t i, size_t end,
			    size_t *covered)
{
	const char *w = mn_term(&s->t, i);
	size_t lo = 0, hi = r->nnamed, mid, k, c;
	long found = -1;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(keys[mid].first, w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < r->nnamed && k - lo < MAX_NAMESAKES &&
		     !strcmp(keys[k].first, w); k++) {
		c = name_covers(r, s, keys[k].a, i, end);
		if (!c)
			continue;
		if (found >= 0)
			return -1;
		found = (long)keys[k].a;
		*covered = c;
	}
	return found;
}

/* Only blanks, or a dot then blanks, between a title and what follows. */
static bool after_title(const struct scan *s, size_t i)
{
	size_t k = s->t.v[i - 1].end;

	if (k < s->t.v[i].start && s->text[k] == '.')
		k++;
	for (; k < s->t.v[i].start; k++)
		if (!mn_is_blank((unsigned char)s->text[k]))
			return false;
	return s->t.v[i].start - s->t.v[i - 1].end <= 16;
}

static bool is_title(const struct scan *s, size_t i)
{
	const struct mn_token *v = &s->t.v[i];

	if (!mn_term_in(&s->t, i, mn_titles))
		return false;
	if (mn_term_is(&s->t, i, "c"))	/* "C." (ciudadano), never "c" */
		return s->text[v->start] == 'C' && s->text[v->end] == '.';
	return true;
}

struct ctx {
	struct resolver *r;
	const struct name_key *keys;
	struct scan *s;
	struct persons *p;
	stl_status_t st;
};

/* A person named as written from words @i..@end: an attendee if the words
 * are one's name, else as written. */
static void named(struct ctx *c, size_t i, size_t end)
{
	const struct scan *s = c->s;
	size_t covered = 0;
	long a;

	a = attendee_of_run(c->r, c->keys, s, i, end, &covered);
	if (a >= 0) {
		add_attendee(c->r, c->p, a);
		return;
	}
	c->st = add_other(c->r, c->p, s->text + s->t.v[i].start,
			  s->t.v[end - 1].end - s->t.v[i].start);
}

/* "Consejera María Guadalupe González Jordan": returns the next word. */
static size_t title_name(struct ctx *c, size_t i)
{
	const struct scan *s = c->s;
	size_t j = i + 1, end, ncap, skipped = 0;

	if (!is_title(s, i))
		return 0;
	while (j < s->t.n && skipped < 3 && after_title(s, j) &&
	       (is_title(s, j) || mn_term_in(&s->t, j, title_adjectives))) {
		j++;
		skipped++;
	}
	if (j >= s->t.n || !after_title(s, j) || !capital(s, j) ||
	    mn_term_in(&s->t, j, not_names))
		return 0;
	end = name_run(s, j, &ncap);
	if (ncap < 2)
		return 0;
	named(c, j, end);
	return end;
}

/* A capitalized word that cannot be in a name. */
static bool non_name_word(struct ctx *c, size_t q)
{
	size_t n;

	return mn_term_in(&c->s->t, q, not_names) ||
	       mn_term_in(&c->s->t, q, mn_role_words) || is_title(c->s, q) ||
	       mn_forms_at(&c->r->forms, &c->s->t, q, c->s->t.n, &n);
}

/* "Edgar Serrano, de Tendiendo Puentes A.C.": returns the next word. */
static size_t comma_de_name(struct ctx *c, size_t i)
{
	const struct scan *s = c->s;
	size_t end, ncap, q, k;
	bool comma = false;

	if (i && adjacent(s->text, &s->t, i) && capital(s, i - 1) &&
	    !(s->t.v[i - 1].flags & STL_TOKEN_STOPWORD))
		return 0;	/* not where the run starts */
	end = name_run(s, i, &ncap);
	if (ncap < 2 || ncap > 5 || end + 1 >= s->t.n ||
	    (adjacent(s->text, &s->t, end) && capital(s, end)))
		return 0;
	for (k = s->t.v[end - 1].end; k < s->t.v[end].start; k++) {
		if (s->text[k] == ',')
			comma = true;
		else if (!mn_is_blank((unsigned char)s->text[k]))
			return 0;
	}
	if (!comma || !(mn_term_is(&s->t, end, "de") || mn_term_is(&s->t, end, "del")))
		return 0;
	q = end + 1;
	if (mn_term_in(&s->t, q, particles))
		q++;
	if (!(q < s->t.n && (s->t.v[q].flags & MN_TOKEN_CAPITAL)))
		return 0;
	for (q = i; q < end; q++)
		if (capital(s, q) && non_name_word(c, q))
			return 0;
	named(c, i, end);
	return end;
}

/* A name run that is an attendee's name: returns the next word. */
static size_t attendee_name(struct ctx *c, size_t i)
{
	size_t end, ncap, covered = 0;
	long a;

	end = name_run(c->s, i, &ncap);
	if (ncap < 2)
		return 0;
	a = attendee_of_run(c->r, c->keys, c->s, i, end, &covered);
	if (a < 0)
		return 0;
	add_attendee(c->r, c->p, a);
	return i + covered;
}

/* Has the word a capital or a digit, as a misread acronym has ("lEEM",
 * "1EEM", "Infoen"), unlike the words of a unit ("de la unidad")? */
static bool acronym_like(const char *s, const struct mn_token *tk)
{
	size_t k;

	for (k = tk->start; k < tk->end; k++)
		if ((s[k] >= 'A' && s[k] <= 'Z') ||
		    (s[k] >= '0' && s[k] <= '9'))
			return true;
	return false;
}

/* In OCR text, a word after a post near a table name: "del lEEM". */
static bool near_institution(struct ctx *c, size_t k, struct post_ref *q)
{
	const struct mn_token *tk = &c->s->t.v[k];
	const struct stl_institution *in;

	if (!c->r->ocr || !c->r->table || (tk->flags & STL_TOKEN_STOPWORD) ||
	    !acronym_like(c->s->text, tk))
		return false;
	in = mn_institutions_near(c->r->table, c->s->text + tk->start,
				  tk->end - tk->start);
	if (!in)
		return false;
	q->inst = in->id;
	q->bounded = true;
	return true;
}

/* "la titular de la unidad de transparencia del IEEM" from the post word
 * @i: read post, unit and institution into @q. */
static void read_mention(struct ctx *c, size_t i, struct post_ref *q)
{
	const struct scan *s = c->s;
	size_t p = i + 1, k, n;
	const struct mn_form *fm;

	q->post = post_of(mn_term(&s->t, i));
	if (p < s->t.n && mn_term_is(&s->t, p, "general") &&
	    !clause_break(s->text, &s->t, p)) {
		q->general = true;
		p++;
	}
	if (p >= s->t.n || clause_break(s->text, &s->t, p) ||
	    !(mn_term_is(&s->t, p, "de") || mn_term_is(&s->t, p, "del") ||
	      mn_term_is(&s->t, p, "al")))
		return;
	for (k = p; k < s->t.n && k < p + MAX_UNIT; k++) {
		if (k > p && (clause_break(s->text, &s->t, k) ||
			      post_of(mn_term(&s->t, k))))
			break;
		fm = mn_forms_at(&c->r->forms, &s->t, k, s->t.n, &n);
		if (fm) {
			q->inst = fm->id;
			q->bounded = true;
			break;
		}
		if (near_institution(c, k, q))
			break;
		if (unit_word(&s->t, k))
			add_unit_word(q, mn_term(&s->t, k));
	}
}

/* A person meant by post ("La Directora General del Infoem"). */
static void post_mention(struct ctx *c, size_t i)
{
	struct post_ref q = { 0 };
	long a;

	if (!post_of(mn_term(&c->s->t, i)) || c->r->mentions >= MAX_MENTIONS)
		return;
	if (i && !mn_term_in(&c->s->t, i - 1, articles))
		return;
	c->r->mentions++;
	q.unit = (struct stl_strbuf)STL_STRBUF_INIT;
	q.core = (struct stl_strbuf)STL_STRBUF_INIT;
	read_mention(c, i, &q);
	if (stl_strbuf_failed(&q.unit) || stl_strbuf_failed(&q.core))
		c->st = STL_STATUS_OUT_OF_MEMORY;
	else if ((a = resolve_post(c->r, &q)) >= 0)
		add_attendee(c->r, c->p, a);
	post_ref_release(&q);
}

static void scan_words(struct ctx *c)
{
	size_t i = 0, next;

	while (i < c->s->t.n && c->st == STL_STATUS_SUCCESS) {
		if ((next = title_name(c, i))) {
			i = next;
			continue;
		}
		post_mention(c, i);
		if (capital(c->s, i) &&
		    ((next = attendee_name(c, i)) || (next = comma_de_name(c, i)))) {
			i = next;
			continue;
		}
		i++;
	}
}

/* The persons @s names, read as an agreement's text is. */
static stl_status_t text_persons(struct resolver *r,
				 const struct name_key *keys,
				 struct persons *p, const char *s, size_t len)
{
	struct scan sc = { s, MN_TOKENS_INIT };
	struct ctx c = { r, keys, &sc, p, STL_STATUS_SUCCESS };

	c.st = mn_tokenize(&sc.t, s, len);
	if (c.st == STL_STATUS_SUCCESS)
		scan_words(&c);
	mn_tokens_release(&sc.t);
	return c.st;
}

/*
 * A part of a Responsable cell that is nothing but a name ("Ana Pérez
 * Ruiz", "Lic. Ana Pérez"): in a cell that asks for a person, a name
 * needs no title to be one. Added as written; nothing if it is not one.
 */
static stl_status_t bare_name(struct resolver *r, const struct name_key *keys,
			      struct persons *p, const char *s, size_t len)
{
	struct scan sc = { s, MN_TOKENS_INIT };
	struct ctx c = { r, keys, &sc, p, STL_STATUS_SUCCESS };
	size_t i = 0, end, ncap, q;

	c.st = mn_tokenize(&sc.t, s, len);
	if (c.st != STL_STATUS_SUCCESS)
		goto out;
	while (i < sc.t.n && i < 3 && is_title(&sc, i))
		i++;
	if (i >= sc.t.n || !capital(&sc, i))
		goto out;
	end = name_run(&sc, i, &ncap);
	if (end != sc.t.n || ncap < 2)
		goto out;
	for (q = i; q < end; q++)
		if (capital(&sc, q) && non_name_word(&c, q))
			goto out;
	named(&c, i, end);
out:
	mn_tokens_release(&sc.t);
	return c.st;
}

/* A part with no person in it may be names joined by "y": "Ana Pérez y
 * Luis Gómez". */
static stl_status_t joined_names(struct resolver *r,
				 const struct name_key *keys,
				 struct persons *p, const char *s, size_t len)
{
	stl_status_t st = STL_STATUS_SUCCESS;
	size_t i, from = 0;

	for (i = 0; i + 3 <= len && !st; i++) {
		if (s[i] == ' ' && (s[i + 1] == 'y' || s[i + 1] == 'e') &&
		    s[i + 2] == ' ') {
			st = bare_name(r, keys, p, s + from, i - from);
			from = i + 3;
		}
	}
	return st ? st : bare_name(r, keys, p, s + from, len - from);
}

/*
 * The persons of a Responsable cell: its parts (split at ",", ";", "/")
 * each read as agreement text is, so a post at a part's start ("Directora
 * General del Infoem") is a mention; a part where that finds nobody may
 * still be a bare name.
 */
static stl_status_t cell_persons(struct resolver *r,
				 const struct name_key *keys,
				 struct persons *p, const char *s)
{
	size_t len = strlen(s), i, from = 0, before;
	stl_status_t st = STL_STATUS_SUCCESS;

	for (i = 0; i <= len && !st; i++) {
		if (i < len && s[i] != ',' && s[i] != ';' && s[i] != '/')
			continue;
		before = p->natt + p->nother;
		st = text_persons(r, keys, p, s + from, i - from);
		if (!st && p->natt + p->nother == before)
			st = joined_names(r, keys, p, s + from, i - from);
		from = i + 1;
	}
	return st;
}

static stl_status_t agreement_persons(struct resolver *r,
				      const struct name_key *keys,
				      struct persons *p,
				      struct stl_agreement *ag,
				      const struct mn_agreement_cells *cells)
{
	stl_status_t st = STL_STATUS_SUCCESS;

	persons_reset(p, ag->number);
	if (cells && cells->responsible)
		st = cell_persons(r, keys, p, cells->responsible);
	if (st == STL_STATUS_SUCCESS)
		st = text_persons(r, keys, p, ag->text, strlen(ag->text));
	if (st == STL_STATUS_SUCCESS)
		st = persons_store(r, p, ag);
	return st;
}

/* ---- Deadlines ---------------------------------------------------------------- */

/* Words before a date that make it the date something is due by. */
static const char *const deadline_cues[] = {
	"a mas tardar", "antes del", "antes de", "fecha limite", "limite",
	"plazo", "hasta el", "no despues", "manana", "hoy", "vence",
	"vencimiento", NULL
};

/* How far before a date its cue may be, in bytes. */
#define CUE_WINDOW 80

static bool has_cue(const char *s, size_t len, size_t date_start)
{
	size_t from = date_start > CUE_WINDOW ? date_start - CUE_WINDOW : 0, k;

	for (k = date_start; k > from; k--) {
		if (s[k - 1] == ';' || (s[k - 1] == '.' && k < len && s[k] == ' ')) {
			from = k;	/* the cue must be in the date's clause */
			break;
		}
	}
	for (k = 0; deadline_cues[k]; k++)
		if (mn_kw_find(s + from, date_start - from, deadline_cues[k]))
			return true;
	return false;
}

/* Numbers written as words, by value: "diez días hábiles". */
static const char *const number_words[] = {
	"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete",
	"ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince",
	"dieciseis", "diecisiete", "dieciocho", "diecinueve", "veinte",
	"veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco",
	"veintiseis", "veintisiete", "veintiocho", "veintinueve", NULL
};

/* Tens from thirty, by value / 10 - 3: "treinta y cinco". */
static const char *const tens_words[] = {
	"treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta",
	"noventa", NULL
};

/* The value of term @i as a count (digits or words), or -1. */
static int count_at(const struct mn_tokens *t, size_t i)
{
	const char *w = i < t->n ? mn_term(t, i) : "";
	int n;

	if (stl_date_number(w, strlen(w), 3, &n))
		return n;
	if (!strcmp(w, "un") || !strcmp(w, "una"))
		return 1;
	if (!strcmp(w, "veintiun"))
		return 21;
	n = mn_word_index(w, number_words);
	if (n >= 0)
		return n;
	n = mn_word_index(w, tens_words);
	return n >= 0 ? (n + 3) * 10 : -1;
}

/*
 * The count written just before term @i ("diez", "15", "diez (10)",
 * "treinta y cinco"), with the index of its first term in *@first; -1 if
 * none.
 */
static int count_before(const struct mn_tokens *t, size_t i, size_t *first)
{
	int n = i ? count_at(t, i - 1) : -1, tens;

	*first = i - 1;
	if (n < 0)
		return -1;
	if (i >= 2 && n < 30 && count_at(t, i - 2) == n)
		*first = i - 2;		/* "diez (10)" */
	if (n > 0 && n < 10 && i >= 3 && mn_term_is(t, i - 2, "y")) {
		tens = count_at(t, i - 3);
		if (tens >= 30 && tens % 10 == 0) {
			*first = i - 3;
			n += tens;
		}
	}
	return n;
}

/* Words shortly before a count of days that make it a time limit. */
static const char *const period_cues[] = {
	"plazo", "dentro", "termino", "lapso", "maximo", "en", "antes", NULL
};

static const char *const next_words[] = {
	"proxima", "siguiente", "entrante", NULL
};

/* "en un plazo de diez días hábiles", "dentro de los cinco días
 * naturales siguientes", "en dos semanas": the day it ends. */
static bool period_deadline(const struct mn_tokens *t, size_t i,
			    const struct mn_deadline_ctx *dc, long *due)
{
	bool week = mn_term_is(t, i, "semanas") || mn_term_is(t, i, "semana");
	size_t first, k;
	int n;

	if (!week && !mn_term_is(t, i, "dias") && !mn_term_is(t, i, "dia"))
		return false;
	n = count_before(t, i, &first);
	if (n <= 0)
		return false;
	for (k = first > 4 ? first - 4 : 0; k < first; k++)
		if (mn_term_in(t, k, period_cues))
			break;
	if (k == first)
		return false;
	if (!week && (mn_term_is(t, i + 1, "habiles") ||
		      mn_term_is(t, i + 1, "habil")))
		*due = stl_date_add_business_days(dc->meeting, (unsigned)n,
						  dc->closed, dc->nclosed);
	else
		*due = dc->meeting + (week ? 7L * n : n);
	return true;
}

/* "la próxima semana", "la semana siguiente": the Friday of next week. */
static bool week_deadline(const struct mn_tokens *t, size_t i,
			  const struct mn_deadline_ctx *dc, long *due)
{
	if (!mn_term_is(t, i, "semana") ||
	    !((i && mn_term_in(t, i - 1, next_words)) ||
	      mn_term_in(t, i + 1, next_words)))
		return false;
	*due = stl_date_next_week_friday(dc->meeting);
	return true;
}

static const char *const meeting_words[] = { "reunion", "sesion", NULL };
static const char *const by_words[] = {
	"para", "antes", "hasta", "en", "tardar", NULL
};

/* "para la siguiente reunión", "antes de la próxima sesión": the
 * follow-up meeting's date, if the minute gives one. */
static bool meeting_deadline(const struct mn_tokens *t, size_t i,
			     const struct mn_deadline_ctx *dc, char out[11])
{
	size_t la;

	if (!dc->next[0] || !mn_term_in(t, i, meeting_words))
		return false;
	if (i >= 1 && mn_term_in(t, i - 1, next_words))
		la = i - 2;
	else if (mn_term_in(t, i + 1, next_words))
		la = i - 1;
	else
		return false;
	if (la >= t->n || !mn_term_is(t, la, "la") || !la)
		return false;
	if (!mn_term_in(t, la - 1, by_words) &&
	    !(la >= 2 && mn_term_is(t, la - 1, "de") &&
	      mn_term_in(t, la - 2, by_words)))
		return false;
	memcpy(out, dc->next, 11);
	if (dc->by_next)
		*dc->by_next = true;
	return true;
}

/* The first deadline relative to the meeting in @s. */
static stl_status_t relative_deadline(const char *s, size_t len,
				      const struct mn_deadline_ctx *dc,
				      char out[11], bool *found)
{
	struct mn_tokens t = MN_TOKENS_INIT;
	stl_status_t st;
	size_t i;
	long due;

	*found = false;
	st = mn_tokenize(&t, s, len);
	for (i = 0; !st && i < t.n && !*found; i++) {
		if (period_deadline(&t, i, dc, &due) ||
		    week_deadline(&t, i, dc, &due)) {
			stl_date_format(due, out);
			*found = true;
		} else {
			*found = meeting_deadline(&t, i, dc, out);
		}
	}
	mn_tokens_release(&t);
	return st;
}

stl_status_t mn_find_deadline(const char *s, size_t len,
			      const struct mn_deadline_ctx *dc, char out[11],
			      bool *found)
{
	struct mn_date d;
	size_t from = 0;

	*found = false;
	while (from < len && mn_find_date(s, len, from, dc->year_hint, &d)) {
		if (d.valid && has_cue(s, len, d.start)) {
			mn_date_format(&d, out);
			*found = true;
			return STL_STATUS_SUCCESS;
		}
		from = d.end > d.start ? d.end : d.start + 1;
	}
	if (!dc->has_meeting)
		return STL_STATUS_SUCCESS;
	return relative_deadline(s, len, dc, out, found);
}

/* @cell read after @cue: "10 días hábiles" is "en un plazo de 10 días
 * hábiles" in a Plazo column. */
static stl_status_t cued_deadline(const char *cue, const char *cell,
				  const struct mn_deadline_ctx *dc,
				  char out[11], bool *found)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_status_t st = STL_STATUS_OUT_OF_MEMORY;

	*found = false;
	stl_strbuf_addstr(&sb, cue);
	stl_strbuf_addstr(&sb, cell);
	if (!stl_strbuf_failed(&sb))
		st = relative_deadline(sb.buf, sb.len, dc, out, found);
	stl_strbuf_release(&sb);
	return st;
}

/*
 * The deadline a Fecha/Plazo cell gives: a date (no cue needed: the
 * column is one), else what mn_find_deadline() reads in it, else relative
 * wording the column's name implies the cue of ("10 días hábiles",
 * "Próxima reunión").
 */
static stl_status_t cell_deadline(const char *cell,
				  const struct mn_deadline_ctx *dc,
				  char out[11], bool *found)
{
	size_t len = strlen(cell);
	struct mn_date d;
	stl_status_t st;

	*found = false;
	if (mn_find_date(cell, len, 0, dc->year_hint, &d) && d.valid) {
		mn_date_format(&d, out);
		*found = true;
		return STL_STATUS_SUCCESS;
	}
	st = mn_find_deadline(cell, len, dc, out, found);
	if (st || *found || !dc->has_meeting)
		return st;
	st = cued_deadline("en un plazo de ", cell, dc, out, found);
	if (st || *found)
		return st;
	return cued_deadline("para la ", cell, dc, out, found);
}

/* The deadline of every agreement of @m, counted from its meeting. */
static stl_status_t agreement_deadlines(struct stl_minute *m,
					const struct stl_institutions *table,
					const struct mn_agreement_cells *cells)
{
	struct mn_deadline_ctx dc = { 0 };
	stl_status_t st = STL_STATUS_SUCCESS;
	int y, mo, d;
	bool found;
	size_t i;

	dc.year_hint = m->date[0] ? atoi(m->date) : 0;
	dc.has_meeting = strlen(m->date) == 10 &&
			 stl_date_number(m->date, 4, 4, &y) &&
			 stl_date_number(m->date + 5, 2, 2, &mo) &&
			 stl_date_number(m->date + 8, 2, 2, &d) &&
			 stl_date_valid(y, mo, d);
	if (dc.has_meeting)
		dc.meeting = stl_date_to_days(y, mo, d);
	dc.next = m->next_date;
	dc.closed = stl_institutions_closed_days(table, &dc.nclosed);
	for (i = 0; i < m->nagreements && !st; i++) {
		struct stl_agreement *ag = &m->agreements[i];

		found = false;
		ag->due_next_meeting = false;
		dc.by_next = &ag->due_next_meeting;
		if (cells && cells[i].due)
			st = cell_deadline(cells[i].due, &dc, ag->deadline,
					   &found);
		if (!st && !found)
			st = mn_find_deadline(ag->text, strlen(ag->text), &dc,
					      ag->deadline, &found);
		if (!found) {
			ag->deadline[0] = '\0';
			ag->due_next_meeting = false;
		}
	}
	return st;
}

/* ---- Entry point ---------------------------------------------------------------- */

stl_status_t mn_resolve_agreements(struct stl_minute *m,
				   const struct stl_institutions *table,
				   const struct mn_agreement_cells *cells,
				   bool ocr)
{
	struct persons p = { 0 };
	struct name_key *keys = NULL;
	struct resolver r;
	stl_status_t st;
	size_t i;

	memset(&r, 0, sizeof(r));	/* released even if never set up */
	st = agreement_deadlines(m, table, cells);
	if (st == STL_STATUS_SUCCESS)
		st = resolver_init(&r, m, table, &keys);
	if (st != STL_STATUS_SUCCESS)
		goto out;
	r.table = table;
	r.ocr = ocr;
	p.att = calloc(m->nattendees ? m->nattendees : 1, sizeof(size_t));
	if (!p.att) {
		st = STL_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	for (i = 0; i < m->nagreements && st == STL_STATUS_SUCCESS; i++)
		st = agreement_persons(&r, keys, &p, &m->agreements[i],
				       cells ? &cells[i] : NULL);
	persons_reset(&p, 0);
out:
	free(p.att);
	free(keys);
	resolver_release(&r);
	return st;
}
