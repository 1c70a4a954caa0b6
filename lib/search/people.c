/*
 * people.c - the people of an archive and who is who; see people.h.
 *
 * Names become forms (their folded words without titles); forms become
 * people by the subset rule and personas.tsv (a union-find over forms);
 * each person gathers the occurrences of its forms: meetings, posts,
 * agreements.
 */
#include "stl/people.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/schema.h"
#include "stl/text.h"

/* A name seen: in a minute's attendees, or in an agreement's people. */
struct occ {
	size_t form;
	char *meeting;
	char date[11];
	char *role, *inst, *inst_id;	/* attendances */
	const char *post;		/* its post's key (b->post_keys), or NULL */
	unsigned number;		/* agreements: its number, else 0 */
};

/* Strings to indexes (open addressing): what was already worked out for
 * a spelling or a post is not worked out again for every minute. */
struct strmap {
	char **keys;		/* owned */
	size_t *vals;
	size_t n, cap;
};

struct form {
	char *key;		/* folded words, sorted, one space apart */
	char *ordered;		/* folded words as written, titles dropped */
	size_t nwords;
	char *shown;		/* the best spelling, titles dropped */
	char **written;		/* every spelling, as written */
	size_t nwritten;
	unsigned seen;
	size_t parent;		/* union-find */
	const char *canon;	/* personas.tsv's name for its person */
};

struct alias_line {
	char *canon;
	char **names;		/* the canonical name, then the aliases */
	size_t n;
};

struct people_build {
	struct occ *occs;
	size_t nocc, aocc;
	struct form *forms;
	size_t nforms, aforms;
	struct alias_line *lines;
	size_t nlines, alines;
	struct strmap spellings;	/* name as written: form or NO_FORM */
	struct strmap keys;		/* form key: form */
	struct strmap roles;		/* role \x1f institution: post key */
	char **post_keys;
	size_t npost_keys, apost_keys;
	bool oom;
};

#define NO_FORM ((size_t)-1)

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Where @key is in @m, or the empty slot it would take. */
static size_t strmap_slot(const struct strmap *m, const char *key)
{
	size_t i = hash_str(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t i;

	if (!m->cap)
		return false;
	i = strmap_slot(m, key);
	if (!m->keys[i])
		return false;
	*val = m->vals[i];
	return true;
}

/* @key (copied) to @val; false if out of memory. */
static bool strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct strmap big = { 0 };

		big.cap = m->cap ? m->cap * 2 : 256;
		big.keys = calloc(big.cap, sizeof(*big.keys));
		big.vals = calloc(big.cap, sizeof(*big.vals));
		if (!big.keys || !big.vals) {
			free(big.keys);
			free(big.vals);
			return false;
		}
		for (i = 0; i < m->cap; i++)
			if (m->keys[i]) {
				size_t k = strmap_slot(&big, m->keys[i]);

				big.keys[k] = m->keys[i];
				big.vals[k] = m->vals[i];
			}
		big.n = m->n;
		free(m->keys);
		free(m->vals);
		*m = big;
	}
	i = strmap_slot(m, key);
	if (!m->keys[i]) {
		m->keys[i] = strdup(key);
		if (!m->keys[i])
			return false;
		m->n++;
	}
	m->vals[i] = val;
	return true;
}

static void strmap_release(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* Words left out of a name: titles and forms of address. */
static const char *const titles[] = {
	"arq", "c", "comisionada", "comisionado", "consejera", "consejero",
	"dr", "dra", "doctor", "doctora", "ing", "ingeniera", "ingeniero",
	"lic", "licda", "licenciada", "licenciado", "maestra", "maestro",
	"mtra", "mtro", "prof", "profa", "profesor", "profesora", "sr",
	"sra", "srta",
};

static bool is_title(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (strlen(titles[i]) == len && !memcmp(titles[i], w, len))
			return true;
	return false;
}

/* Grow *@v (of @size-byte items) to room for @n + 1. */
static bool grow(void *v, size_t *alloc, size_t n, size_t size)
{
	void **p = v;
	size_t na;
	void *nv;

	if (n < *alloc)
		return true;
	na = *alloc ? *alloc * 2 : 16;
	nv = realloc(*p, na * size);
	if (!nv)
		return false;
	*p = nv;
	*alloc = na;
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- names ----------------------------------------------------------------- */

/*
 * The folded words of @name without titles: in order into @ordered, and
 * sorted without repeats into @key (both reset first); their number.
 */
static size_t name_words(const char *name, struct stl_strbuf *ordered,
			 struct stl_strbuf *key, bool *oom)
{
	struct stl_strbuf all = STL_STRBUF_INIT;
	char *words[64], *save = NULL, *w;
	size_t n = 0, i;

	stl_strbuf_reset(ordered);
	stl_strbuf_reset(key);
	if (stl_text_terms(name, strlen(name), STL_ANALYZE_QUERY, ' ', &all,
			   NULL)) {
		*oom = true;
		return 0;
	}
	for (w = strtok_r(all.buf, " ", &save); w && n < 64;
	     w = strtok_r(NULL, " ", &save)) {
		if (is_title(w, strlen(w)))
			continue;
		if (ordered->len)
			stl_strbuf_addch(ordered, ' ');
		stl_strbuf_addstr(ordered, w);
		words[n++] = w;
	}
	qsort(words, n, sizeof(*words), cmp_str);
	for (i = 0; i < n; i++) {
		if (i && !strcmp(words[i], words[i - 1]))
			continue;
		if (key->len)
			stl_strbuf_addch(key, ' ');
		stl_strbuf_addstr(key, words[i]);
	}
	*oom |= stl_strbuf_failed(ordered) || stl_strbuf_failed(key);
	stl_strbuf_release(&all);
	return n;
}

/* @name as written without its leading titles ("Mtra. Lilibeth..."). */
static char *strip_titles(const char *name)
{
	struct stl_strbuf t = STL_STRBUF_INIT;
	const char *p = name;

	for (;;) {
		size_t sp = strspn(p, " \t"), len;

		p += sp;
		len = strcspn(p, " \t");
		if (!len)
			break;
		stl_strbuf_reset(&t);
		if (stl_text_terms(p, len, STL_ANALYZE_QUERY, ' ', &t, NULL) ||
		    !t.len || strchr(t.buf, ' ') || !is_title(t.buf, t.len))
			break;
		p += len;
	}
	stl_strbuf_release(&t);
	return strdup(*p ? p : name);
}

/* The form of @name, added if new; NO_FORM if it has no word. */
static size_t form_of(struct people_build *b, const char *name)
{
	struct stl_strbuf ordered = STL_STRBUF_INIT, key = STL_STRBUF_INIT;
	struct form *f = NULL;
	size_t n, found = NO_FORM;

	if (strmap_get(&b->spellings, name, &found))
		return found;
	n = name_words(name, &ordered, &key, &b->oom);
	if (!n || b->oom)
		goto out;
	if (!strmap_get(&b->keys, key.buf, &found)) {
		if (!grow(&b->forms, &b->aforms, b->nforms, sizeof(*f))) {
			b->oom = true;
			goto out;
		}
		f = &b->forms[b->nforms];
		memset(f, 0, sizeof(*f));
		f->key = stl_strbuf_detach(&key, NULL);
		f->ordered = stl_strbuf_detach(&ordered, NULL);
		f->nwords = n;
		f->parent = b->nforms;
		found = b->nforms++;
		if (!f->key || !f->ordered ||
		    !strmap_put(&b->keys, f->key, found))
			b->oom = true;
	}
out:
	if (!b->oom && !strmap_put(&b->spellings, name, found))
		b->oom = true;
	stl_strbuf_release(&ordered);
	stl_strbuf_release(&key);
	return found;
}

/* Spelling @name of form @k seen once more. */
static void form_seen(struct people_build *b, size_t k, const char *name)
{
	struct form *f = &b->forms[k];
	char *shown, **nv;
	size_t i;

	f->seen++;
	for (i = 0; i < f->nwritten; i++)
		if (!strcmp(f->written[i], name))
			return;
	nv = realloc(f->written, (f->nwritten + 1) * sizeof(*nv));
	if (!nv || !(nv[f->nwritten] = strdup(name))) {
		if (nv)
			f->written = nv;
		b->oom = true;
		return;
	}
	f->written = nv;
	f->nwritten++;
	shown = strip_titles(name);
	if (!shown) {
		b->oom = true;
		return;
	}
	/* Accented spellings are longer in UTF-8: "Álvarez" over "Alvarez". */
	if (!f->shown || strlen(shown) > strlen(f->shown)) {
		free(f->shown);
		f->shown = shown;
	} else {
		free(shown);
	}
}

/* ---- adding ----------------------------------------------------------------- */

stl_status_t people_dir_init(struct people_dir *d)
{
	memset(d, 0, sizeof(*d));
	d->b = calloc(1, sizeof(*d->b));
	return d->b ? STL_STATUS_SUCCESS : STL_STATUS_OUT_OF_MEMORY;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* The key of the post @role of @inst (people_post_key()), worked out
 * once; NULL if out of memory. */
static const char *post_of(struct people_build *b, const char *role,
			   const char *inst)
{
	struct stl_strbuf both = STL_STRBUF_INIT, key = STL_STRBUF_INIT;
	const char *out = NULL;
	size_t k;

	stl_strbuf_addf(&both, "%s\x1f%s", role, inst);
	if (stl_strbuf_failed(&both))
		goto out;
	if (strmap_get(&b->roles, both.buf, &k)) {
		out = b->post_keys[k];
		goto out;
	}
	if (people_post_key(role, inst, &key) ||
	    !grow(&b->post_keys, &b->apost_keys, b->npost_keys,
		  sizeof(*b->post_keys)))
		goto out;
	b->post_keys[b->npost_keys] = stl_strbuf_detach(&key, NULL);
	if (!strmap_put(&b->roles, both.buf, b->npost_keys))
		goto out;
	out = b->post_keys[b->npost_keys++];
out:
	if (!out)
		b->oom = true;
	stl_strbuf_release(&both);
	stl_strbuf_release(&key);
	return out;
}

static stl_status_t add_occ(struct people_dir *d, const char *meeting,
			    const char *date, const char *name,
			    const char *role, const char *inst,
			    const char *inst_id, unsigned number)
{
	struct people_build *b = d->b;
	struct occ *o;
	size_t k;

	if (!b || !name || !meeting)
		return STL_STATUS_INVALID_ARGUMENT;
	k = form_of(b, name);
	if (k == NO_FORM)
		return b->oom ? STL_STATUS_OUT_OF_MEMORY : STL_STATUS_SUCCESS;
	form_seen(b, k, name);
	if (!grow(&b->occs, &b->aocc, b->nocc, sizeof(*o)))
		b->oom = true;
	if (b->oom)
		return STL_STATUS_OUT_OF_MEMORY;
	o = &b->occs[b->nocc++];
	memset(o, 0, sizeof(*o));
	o->form = k;
	o->number = number;
	if (date)
		strncpy(o->date, date, sizeof(o->date) - 1);
	o->meeting = strdup(meeting);
	if (!number) {
		o->role = dup_or_empty(role);
		o->inst = dup_or_empty(inst);
		o->inst_id = dup_or_empty(inst_id);
		if (!o->role || !o->inst || !o->inst_id)
			b->oom = true;
		else if (*o->role || *o->inst)
			o->post = post_of(b, o->role,
					  *o->inst_id ? o->inst_id : o->inst);
	}
	if (!o->meeting)
		b->oom = true;
	return b->oom ? STL_STATUS_OUT_OF_MEMORY : STL_STATUS_SUCCESS;
}

stl_status_t people_add_attendance(struct people_dir *d, const char *meeting,
				   const char *date, const char *name,
				   const char *role, const char *institution,
				   const char *inst_id)
{
	return add_occ(d, meeting, date, name, role, institution, inst_id, 0);
}

stl_status_t people_add_agreement(struct people_dir *d, const char *meeting,
				  unsigned number, const char *date,
				  const char *name)
{
	return add_occ(d, meeting, date, name, NULL, NULL, NULL,
		       number ? number : 1);
}

/* @s[0..@len) without spaces at either end, malloc'ed. */
static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t' || *s == '\r')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\r'))
		len--;
	return strndup(s, len);
}

/* One line "canonical TAB alias|alias": false and *@why if it is bad. */
static bool parse_line(const char *s, size_t len, struct alias_line *l,
		       const char **why)
{
	const char *tab = memchr(s, '\t', len), *p, *end = s + len;

	memset(l, 0, sizeof(*l));
	if (!tab) {
		*why = "falta el tabulador entre el nombre y sus otras formas";
		return false;
	}
	l->names = calloc(len + 2, sizeof(*l->names));
	if (!l->names)
		return false;
	l->names[l->n++] = trimmed(s, (size_t)(tab - s));
	for (p = tab + 1; p <= end;) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *stop = bar ? bar : end;
		char *name = trimmed(p, (size_t)(stop - p));

		if (name && *name)
			l->names[l->n++] = name;
		else
			free(name);
		p = stop + 1;
	}
	l->canon = l->names[0];
	if (!l->canon || !*l->canon)
		*why = "falta el nombre";
	else if (l->n < 2)
		*why = "falta al menos otra forma del nombre (separadas por |)";
	else
		return true;
	return false;
}

static void alias_line_release(struct alias_line *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	memset(l, 0, sizeof(*l));
}

stl_status_t people_add_tsv(struct people_dir *d, const char *file,
			    const char *text, size_t len,
			    struct stl_strbuf *norm,
			    struct stl_strbuf *warnings)
{
	struct people_build *b = d->b;
	const char *p = text, *end = text + len;
	unsigned lineno = 0;
	size_t i;

	while (b && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		const char *why = NULL;
		struct alias_line l;
		size_t sp = strspn(p, " \t\r");

		lineno++;
		if (sp < n && p[sp] != '#') {
			if (!parse_line(p, n, &l, &why)) {
				if (!why)
					b->oom = true;
				else if (warnings)
					stl_strbuf_addf(warnings,
							"'%s' línea %u: %s\n",
							file, lineno, why);
				alias_line_release(&l);
			} else if (!grow(&b->lines, &b->alines, b->nlines,
					 sizeof(l))) {
				alias_line_release(&l);
				b->oom = true;
			} else {
				b->lines[b->nlines++] = l;
				for (i = 0; norm && i < l.n; i++)
					stl_strbuf_addf(norm, "%s%s", l.names[i],
							!i ? "\t" : i + 1 < l.n ? "|" : "\n");
			}
		}
		p += n + 1;
	}
	if (!b || b->oom || (norm && stl_strbuf_failed(norm)) ||
	    (warnings && stl_strbuf_failed(warnings)))
		return STL_STATUS_OUT_OF_MEMORY;
	return STL_STATUS_SUCCESS;
}

/* ---- merging ----------------------------------------------------------------- */

static size_t find(struct form *f, size_t k)
{
	while (f[k].parent != k) {
		f[k].parent = f[f[k].parent].parent;
		k = f[k].parent;
	}
	return k;
}

static void unite(struct form *f, size_t a, size_t b)
{
	a = find(f, a);
	b = find(f, b);
	if (a != b)
		f[b].parent = a;
}

/* Every word of the sorted key @a is a word of the sorted key @b. */
static bool subset(const char *a, const char *b)
{
	while (*a) {
		size_t la = strcspn(a, " ");
		bool found = false;

		while (*b) {
			size_t lb = strcspn(b, " ");
			int c = strncmp(a, b, la < lb ? la : lb);

			if (!c)
				c = la < lb ? -1 : la > lb;
			b += lb + (b[lb] == ' ');
			if (!c) {
				found = true;
				break;
			}
			if (c < 0)
				return false;
		}
		if (!found)
			return false;
		a += la + (a[la] == ' ');
	}
	return true;
}

/* No form is a superset of form @k but itself. */
static bool maximal(const struct people_build *b, size_t k)
{
	size_t i;

	for (i = 0; i < b->nforms; i++)
		if (i != k && b->forms[i].nwords > b->forms[k].nwords &&
		    subset(b->forms[k].key, b->forms[i].key))
			return false;
	return true;
}

/*
 * The subset rule: a form of two words or more joins the one maximal form
 * that holds all its words; held by two maximal forms, it stays apart.
 */
static void merge_subsets(struct people_build *b)
{
	bool *max = calloc(b->nforms + 1, sizeof(*max));
	size_t k, i, only, count;

	if (!max) {
		b->oom = true;
		return;
	}
	for (k = 0; k < b->nforms; k++)
		max[k] = maximal(b, k);
	for (k = 0; k < b->nforms; k++) {
		if (max[k] || b->forms[k].nwords < 2)
			continue;
		only = 0;
		count = 0;
		for (i = 0; i < b->nforms && count < 2; i++)
			if (max[i] && i != k &&
			    subset(b->forms[k].key, b->forms[i].key)) {
				only = i;
				count++;
			}
		if (count == 1)
			unite(b->forms, only, k);
	}
	free(max);
}

/* personas.tsv: every form of a line is one person, named by it. */
static void merge_aliases(struct people_build *b)
{
	struct stl_strbuf o = STL_STRBUF_INIT, key = STL_STRBUF_INIT;
	size_t li, j, k, first;

	for (li = 0; li < b->nlines; li++) {
		const struct alias_line *l = &b->lines[li];

		first = (size_t)-1;
		for (j = 0; j < l->n; j++) {
			if (!name_words(l->names[j], &o, &key, &b->oom))
				continue;
			for (k = 0; k < b->nforms; k++) {
				if (strcmp(b->forms[k].key, key.buf))
					continue;
				if (first == (size_t)-1)
					first = k;
				unite(b->forms, first, k);
			}
		}
		if (first != (size_t)-1)
			b->forms[find(b->forms, first)].canon = l->canon;
	}
	stl_strbuf_release(&o);
	stl_strbuf_release(&key);
}

/* ---- people -------------------------------------------------------------------- */

/* Words that head a post: "Jefa", "Titular"... of the same unit. */
static const char *const heads[] = {
	"encargada", "encargado", "jefa", "jefe", "responsable", "titular",
};

static const char *const articles[] = { "el", "la", "las", "los" };

static bool in_list(const char *w, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(w, v[i]))
			return true;
	return false;
}

stl_status_t people_post_key(const char *role, const char *inst_id,
			     struct stl_strbuf *out)
{
	struct stl_strbuf all = STL_STRBUF_INIT;
	char *w, *save = NULL;
	stl_status_t st;

	stl_strbuf_reset(out);
	st = stl_text_terms(role ? role : "", role ? strlen(role) : 0,
			    STL_ANALYZE_QUERY, ' ', &all, NULL);
	for (w = strtok_r(all.buf, " ", &save); !st && w;
	     w = strtok_r(NULL, " ", &save)) {
		const char *word = w;
		size_t n = strlen(w);

		if (in_list(w, articles, sizeof(articles) / sizeof(*articles)))
			continue;
		if (in_list(w, heads, sizeof(heads) / sizeof(*heads))) {
			word = "titular";
			n = strlen(word);
		} else if (n > 3 && !strcmp(w + n - 3, "ora")) {
			n--;	/* directora: director */
		} else if (n > 3 && (w[n - 1] == 'a' || w[n - 1] == 'o')) {
			n--;	/* secretaria, secretario */
		}
		if (out->len)
			stl_strbuf_addch(out, ' ');
		stl_strbuf_add(out, word, n);
	}
	stl_strbuf_addch(out, '|');
	stl_strbuf_addstr(out, inst_id ? inst_id : "");
	stl_strbuf_release(&all);
	if (!st && stl_strbuf_failed(out))
		st = STL_STATUS_OUT_OF_MEMORY;
	return st;
}

/* @date into the span [@first, @last]. */
static void span(char first[11], char last[11], const char *date)
{
	if (!*date)
		return;
	if (!*first || strcmp(date, first) < 0)
		memcpy(first, date, 11);
	if (!*last || strcmp(date, last) > 0)
		memcpy(last, date, 11);
}

/* Whether "@kind@what" is new to @seen (then added). */
static bool first_time(struct strmap *seen, char kind, const char *what,
		       unsigned number, bool *oom)
{
	char buf[256];
	size_t v, n = strlen(what);
	int k = 0;

	/* The key by hand: snprintf() was a tenth of the directory's time. */
	buf[k++] = kind;
	do
		buf[k++] = (char)('0' + number % 10);
	while ((number /= 10) && k < 12);
	buf[k++] = ' ';
	if (n > sizeof(buf) - (size_t)k - 1)
		n = sizeof(buf) - (size_t)k - 1;
	memcpy(buf + k, what, n);
	buf[k + (int)n] = '\0';
	if (strmap_get(seen, buf, &v))
		return false;
	if (!strmap_put(seen, buf, 0))
		*oom = true;
	return true;
}

/* Occurrence @o in its post of @p. */
static void add_post(struct people_person *p, const struct occ *o,
		     bool new_meeting, bool *oom)
{
	struct people_post *post = NULL, *nv;
	size_t i;

	if (!o->post)
		return;
	for (i = 0; i < p->nposts && !post; i++)
		if (!strcmp(p->posts[i].key, o->post))
			post = &p->posts[i];
	if (!post) {
		nv = realloc(p->posts, (p->nposts + 1) * sizeof(*nv));
		if (!nv) {
			*oom = true;
			return;
		}
		p->posts = nv;
		post = &p->posts[p->nposts++];
		memset(post, 0, sizeof(*post));
		post->key = strdup(o->post);
		if (!post->key)
			*oom = true;
	}
	/* The post as it was last written. */
	if (!post->role || strcmp(o->date, post->last) >= 0) {
		free(post->role);
		free(post->institution);
		post->role = strdup(o->role);
		post->institution = strdup(o->inst);
		if (!post->role || !post->institution)
			*oom = true;
	}
	span(post->first, post->last, o->date);
	post->meetings += new_meeting;
}

static int cmp_post(const void *a, const void *b)
{
	const struct people_post *x = a, *y = b;
	int c = strcmp(x->first, y->first);

	return c ? c : strcmp(x->last, y->last);
}

/* A person's sort key: folded, "ñ" after every "n..." (as "n" + 0x7f). */
static char *sort_key(const char *name)
{
	struct stl_strbuf f = STL_STRBUF_INIT, out = STL_STRBUF_INIT;
	size_t i;

	if (stl_text_fold(name, strlen(name), &f))
		goto out;
	for (i = 0; i < f.len; i++) {
		if ((unsigned char)f.buf[i] == 0xc3 && i + 1 < f.len &&
		    ((unsigned char)f.buf[i + 1] == 0xb1 ||
		     (unsigned char)f.buf[i + 1] == 0x91)) {
			stl_strbuf_addstr(&out, "n\x7f");
			i++;
		} else {
			stl_strbuf_addch(&out, f.buf[i]);
		}
	}
out:
	stl_strbuf_release(&f);
	return stl_strbuf_failed(&out) ? (stl_strbuf_release(&out), NULL)
				       : stl_strbuf_detach(&out, NULL);
}

int people_name_cmp(const char *a, const char *b)
{
	char *ka = sort_key(a), *kb = sort_key(b);
	int c = strcmp(ka ? ka : a, kb ? kb : b);

	free(ka);
	free(kb);
	return c ? c : strcmp(a, b);
}

static int cmp_person(const void *a, const void *b)
{
	const struct people_person *x = a, *y = b;
	int c = strcmp(x->sortkey, y->sortkey);

	return c ? c : strcmp(x->name, y->name);
}

static bool add_string(char ***v, size_t *n, const char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return false;
	*v = nv;
	nv[*n] = strdup(s);
	return nv[(*n)++] != NULL;
}

/* @date (new to @p) among the dates @p attended. */
static void add_date(struct people_person *p, const char *date, bool *oom)
{
	char (*nv)[11];

	nv = realloc(p->dates, (p->ndates + 1) * sizeof(*nv));
	if (!nv) {
		*oom = true;
		return;
	}
	p->dates = nv;
	memcpy(nv[p->ndates++], date, 11);
}

/* The folded @len bytes at @s, malloc'ed (NULL if out of memory). */
static char *fold_word(const char *s, size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	if (stl_text_fold(s, len, &sb) || stl_strbuf_failed(&sb)) {
		stl_strbuf_release(&sb);
		return NULL;
	}
	return stl_strbuf_detach(&sb, NULL);
}

/* The longest spelling of the word @w (@len bytes) among @p's names:
 * "Álvarez" where one minute wrote "Alvarez" and another "Álvarez". */
static void best_word(const struct people_person *p, const char *w,
		      size_t len, const char **out, size_t *olen)
{
	char *fw = fold_word(w, len), *fc;
	size_t i, n;
	const char *c;

	*out = w;
	*olen = len;
	for (i = 0; fw && i < p->nnames; i++)
		for (c = p->names[i]; *c; c += n + strspn(c + n, " ")) {
			n = strcspn(c, " ");
			if (n <= *olen || !(fc = fold_word(c, n)))
				continue;
			if (!strcmp(fc, fw)) {
				*out = c;
				*olen = n;
			}
			free(fc);
		}
	free(fw);
}

/* @shown with each word as its longest spelling in @p's names. */
static char *accented(const char *shown, const struct people_person *p)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const char *w = shown, *best;
	size_t n, blen;

	while (*w) {
		n = strcspn(w, " ");
		best_word(p, w, n, &best, &blen);
		stl_strbuf_add(&sb, best, blen);
		w += n;
		if (*w)
			stl_strbuf_addch(&sb, ' ');
		w += strspn(w, " ");
	}
	if (stl_strbuf_failed(&sb)) {
		stl_strbuf_release(&sb);
		return NULL;
	}
	return stl_strbuf_detach(&sb, NULL);
}

/* The person of the forms whose root is @root, from occurrences @occs. */
static void make_person(struct people_build *b, size_t root,
			const size_t *occs, size_t nocc,
			struct people_person *p)
{
	struct strmap seen = { 0 };
	size_t k, i, best = (size_t)-1;

	memset(p, 0, sizeof(*p));
	for (k = 0; k < b->nforms; k++) {
		const struct form *f = &b->forms[k];

		if (find(b->forms, k) != root)
			continue;
		if (best == (size_t)-1 || f->nwords > b->forms[best].nwords ||
		    (f->nwords == b->forms[best].nwords &&
		     f->seen > b->forms[best].seen))
			best = k;
		for (i = 0; i < f->nwritten; i++)
			b->oom |= !add_string(&p->names, &p->nnames,
					      f->written[i]);
		b->oom |= !add_string(&p->keys, &p->nkeys, f->ordered);
	}
	p->name = b->forms[root].canon ? strdup(b->forms[root].canon)
				       : accented(b->forms[best].shown, p);
	p->sortkey = p->name ? sort_key(p->name) : NULL;
	b->oom |= !p->name || !p->sortkey;
	for (i = 0; i < nocc; i++) {
		const struct occ *o = &b->occs[occs[i]];
		bool new_meeting;

		if (o->number) {
			p->agreements += first_time(&seen, 'a', o->meeting,
						    o->number, &b->oom);
			continue;
		}
		new_meeting = first_time(&seen, 'm', o->meeting, 0, &b->oom);
		p->meetings += new_meeting;
		if (new_meeting && *o->date &&
		    first_time(&seen, 'd', o->date, 0, &b->oom))
			add_date(p, o->date, &b->oom);
		span(p->first, p->last, o->date);
		add_post(p, o, new_meeting, &b->oom);
	}
	strmap_release(&seen);
	if (p->nposts > 1)
		qsort(p->posts, p->nposts, sizeof(*p->posts), cmp_post);
}

static void build_release(struct people_build *b)
{
	size_t i, k;

	if (!b)
		return;
	for (i = 0; i < b->nocc; i++) {
		free(b->occs[i].meeting);
		free(b->occs[i].role);
		free(b->occs[i].inst);
		free(b->occs[i].inst_id);
	}
	free(b->occs);
	for (i = 0; i < b->nforms; i++) {
		free(b->forms[i].key);
		free(b->forms[i].ordered);
		free(b->forms[i].shown);
		for (k = 0; k < b->forms[i].nwritten; k++)
			free(b->forms[i].written[k]);
		free(b->forms[i].written);
	}
	free(b->forms);
	for (i = 0; i < b->nlines; i++)
		alias_line_release(&b->lines[i]);
	free(b->lines);
	strmap_release(&b->spellings);
	strmap_release(&b->keys);
	strmap_release(&b->roles);
	for (i = 0; i < b->npost_keys; i++)
		free(b->post_keys[i]);
	free(b->post_keys);
	free(b);
}

stl_status_t people_dir_finish(struct people_dir *d)
{
	struct people_build *b = d->b;
	size_t *order = NULL, *start = NULL, i, k, n = 0;
	stl_status_t st = STL_STATUS_OUT_OF_MEMORY;

	if (!b)
		return STL_STATUS_INVALID_ARGUMENT;
	merge_subsets(b);
	merge_aliases(b);
	order = malloc((b->nocc + 1) * sizeof(*order));
	start = calloc(b->nforms + 2, sizeof(*start));
	d->v = calloc(b->nforms + 1, sizeof(*d->v));
	if (b->oom || !order || !start || !d->v)
		goto out;
	/* Occurrences grouped by person: counted per root, then placed. */
	for (i = 0; i < b->nocc; i++)
		start[find(b->forms, b->occs[i].form) + 1]++;
	for (k = 0; k < b->nforms; k++)
		start[k + 1] += start[k];
	for (i = 0; i < b->nocc; i++)
		order[start[find(b->forms, b->occs[i].form)]++] = i;
	for (k = b->nforms; k > 0; k--)
		start[k] = start[k - 1];
	start[0] = 0;
	for (k = 0; k < b->nforms && !b->oom; k++) {
		if (find(b->forms, k) != k || start[k + 1] == start[k])
			continue;
		make_person(b, k, order + start[k], start[k + 1] - start[k],
			    &d->v[n++]);
		d->n = n;
	}
	if (b->oom)
		goto out;
	qsort(d->v, d->n, sizeof(*d->v), cmp_person);
	st = STL_STATUS_SUCCESS;
out:
	free(order);
	free(start);
	build_release(b);
	d->b = NULL;
	return st;
}

static void person_release(struct people_person *p)
{
	size_t i;

	free(p->name);
	free(p->sortkey);
	for (i = 0; i < p->nnames; i++)
		free(p->names[i]);
	free(p->names);
	for (i = 0; i < p->nkeys; i++)
		free(p->keys[i]);
	free(p->keys);
	for (i = 0; i < p->nposts; i++) {
		free(p->posts[i].role);
		free(p->posts[i].institution);
		free(p->posts[i].key);
	}
	free(p->posts);
	free(p->dates);
}

void people_dir_release(struct people_dir *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		person_release(&d->v[i]);
	free(d->v);
	build_release(d->b);
	memset(d, 0, sizeof(*d));
}

void people_dir_keep(struct people_dir *d, const bool *keep)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++) {
		if (keep[i])
			d->v[n++] = d->v[i];
		else
			person_release(&d->v[i]);
	}
	d->n = n;
}

/* ---- persona: and asistente: ------------------------------------------------------ */

/* Every word of @value (one space apart) is a word of @form. */
static bool holds_words(const char *form, const char *value)
{
	while (*value) {
		size_t lv = strcspn(value, " ");
		const char *f = form;
		bool found = false;

		while (*f && !found) {
			size_t lf = strcspn(f, " ");

			found = lf == lv && !memcmp(f, value, lv);
			f += lf + (f[lf] == ' ');
		}
		if (!found)
			return false;
		value += lv + (value[lv] == ' ');
	}
	return true;
}

void people_alternatives(const struct people_dir *d, const char *value,
			 struct stl_strbuf *alts)
{
	size_t i, k;
	bool named;

	if (!*value)
		return;
	for (i = 0; i < d->n; i++) {
		const struct people_person *p = &d->v[i];

		named = false;
		for (k = 0; k < p->nkeys && !named; k++)
			named = holds_words(p->keys[k], value);
		if (!named)
			continue;
		for (k = 0; k < p->nkeys; k++)
			if (!holds_words(p->keys[k], value))
				stl_strbuf_addf(alts, "%s\n", p->keys[k]);
	}
}

stl_status_t people_identities_text(const struct people_dir *d,
				    struct stl_strbuf *out)
{
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		const struct people_person *p = &d->v[i];

		if (p->nkeys < 2)
			continue;
		for (k = 0; k < p->nkeys; k++)
			stl_strbuf_addf(out, "%s%s", k ? "\t" : "", p->keys[k]);
		stl_strbuf_addch(out, '\n');
	}
	return stl_strbuf_failed(out) ? STL_STATUS_OUT_OF_MEMORY
				      : STL_STATUS_SUCCESS;
}

/* Whether the form @f (@len bytes, words one space apart) holds every
 * word of @value. */
static bool span_holds_words(const char *f, size_t len, const char *value)
{
	char buf[512];

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, f, len);
	buf[len] = '\0';
	return holds_words(buf, value);
}

void people_alternatives_text(const char *text, size_t len, const char *value,
			      struct stl_strbuf *alts)
{
	const char *line = text, *end = text + len;

	if (!*value)
		return;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *le = nl ? nl : end, *f, *tab;
		bool named = false;

		for (f = line; f < le && !named; f = tab + 1) {
			tab = memchr(f, '\t', (size_t)(le - f));
			if (!tab)
				tab = le;
			named = span_holds_words(f, (size_t)(tab - f), value);
		}
		for (f = line; named && f < le; f = tab + 1) {
			tab = memchr(f, '\t', (size_t)(le - f));
			if (!tab)
				tab = le;
			if (!span_holds_words(f, (size_t)(tab - f), value))
				stl_strbuf_addf(alts, "%.*s\n", (int)(tab - f), f);
		}
		line = le + 1;
	}
}

/* ---- from the index ---------------------------------------------------------------- */

/* The copy keys of the documents, by document id (ascending). */
struct copies {
	stl_docid_t *ids;
	char **keys;
	size_t n, alloc;
	bool oom;
};

static int collect_copy(stl_docid_t docid, const char *value, size_t len,
			void *ctx)
{
	struct copies *c = ctx;
	size_t na;

	if (c->n == c->alloc) {
		stl_docid_t *ni;
		char **nk;

		na = c->alloc ? c->alloc * 2 : 64;
		ni = realloc(c->ids, na * sizeof(*ni));
		if (ni)
			c->ids = ni;
		nk = ni ? realloc(c->keys, na * sizeof(*nk)) : NULL;
		if (!nk) {
			c->oom = true;
			return 1;
		}
		c->keys = nk;
		c->alloc = na;
	}
	c->keys[c->n] = strndup(value, len);
	if (!c->keys[c->n]) {
		c->oom = true;
		return 1;
	}
	c->ids[c->n++] = docid;
	return 0;
}

static const char *copy_of(const struct copies *c, stl_docid_t docid)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->ids[mid] == docid)
			return c->keys[mid];
		if (c->ids[mid] < docid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct load_ctx {
	struct people_dir *d;
	const struct copies *copies;
	char meeting[STL_SCHEMA_COPY_KEY_SIZE + 16];
	char date[11];
	stl_status_t st;
};

static int add_entry(const struct stl_people_entry *e, void *ctx)
{
	struct load_ctx *l = ctx;
	char *f[4] = { NULL, NULL, NULL, NULL };
	size_t i;

	for (i = 0; i < 4; i++)
		if (e->f[i] && !(f[i] = strndup(e->f[i], e->len[i])))
			l->st = STL_STATUS_OUT_OF_MEMORY;
	if (!l->st && f[0] && e->attendee)
		l->st = people_add_attendance(l->d, l->meeting, l->date, f[0],
					      f[1], f[2], f[3]);
	else if (!l->st && f[0])
		l->st = people_add_agreement(l->d, l->meeting, e->number,
					     l->date, f[0]);
	for (i = 0; i < 4; i++)
		free(f[i]);
	return l->st != STL_STATUS_SUCCESS;
}

/* One minute's people value: its copy key (else its document id) is the
 * meeting, so the .docx and the PDF of one minute count once. */
static int load_value(stl_docid_t docid, const char *value, size_t len,
		      void *ctx)
{
	struct load_ctx *l = ctx;
	const char *copy = copy_of(l->copies, docid);

	if (copy && *copy)
		snprintf(l->meeting, sizeof(l->meeting), "c%s", copy);
	else
		snprintf(l->meeting, sizeof(l->meeting), "d%u", docid);
	stl_schema_people_parse(value, len, l->date, add_entry, l);
	return l->st != STL_STATUS_SUCCESS;
}

stl_status_t people_load(stl_reader_t *r, struct people_dir *d)
{
	struct copies c = { 0 };
	struct load_ctx l = { .d = d, .copies = &c };
	char *tsv = NULL;
	size_t i, len = 0;
	stl_status_t st;

	st = stl_reader_values(r, STL_SLOT_COPY, collect_copy, &c);
	if (!st && c.oom)
		st = STL_STATUS_OUT_OF_MEMORY;
	if (!st)
		st = stl_reader_values(r, STL_SLOT_PEOPLE, load_value, &l);
	if (!st)
		st = l.st;
	for (i = 0; i < c.n; i++)
		free(c.keys[i]);
	free(c.keys);
	free(c.ids);
	if (!st) {
		st = stl_reader_get_metadata(r, STL_META_PERSONS, &tsv, &len);
		/* It was checked when stlindex read it. */
		if (!st)
			st = people_add_tsv(d, "índice", tsv, len, NULL, NULL);
		else if (st == STL_STATUS_NOT_FOUND)
			st = STL_STATUS_SUCCESS;
		free(tsv);
	}
	if (!st)
		st = people_dir_finish(d);
	return st;
}
