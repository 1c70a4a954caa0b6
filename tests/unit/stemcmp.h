/*
 * stemcmp.h - how far our stemmer agrees with Snowball's Spanish stemmer
 * on Snowball's own test vocabulary (tests/data/snowball-spanish/: voc.txt
 * and output.txt, one word and its Snowball stem a line). Header-only,
 * shared by tests/unit/test_stem.c and tests/tools/stemcheck.c.
 *
 * Each word of voc.txt is folded (stl_text_fold(), as the analyzer does)
 * and stemmed with stl_stem(). Then, over pairs of distinct words:
 *   - recall: of the pairs Snowball gives one stem, the fraction ours
 *     also gives one stem;
 *   - precision: of the pairs ours gives one stem, the fraction Snowball
 *     also gives one stem.
 * A group of n words sharing a stem holds n * (n - 1) / 2 pairs, so the
 * pairs are counted per group after sorting, never one by one.
 */
#ifndef STL_STEMCMP_H
#define STL_STEMCMP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/strbuf.h"
#include "stl/text.h"

struct stemcmp_word {
	const char *word;	/* as in voc.txt */
	const char *snow;	/* Snowball's stem, from output.txt */
	char ours[STL_TERM_MAX + 1];
};

struct stemcmp {
	char *voc, *out;	/* the two files, lines split in place */
	struct stemcmp_word *w;
	size_t n;
	unsigned long long pairs_snow, pairs_ours, pairs_both;
};

/* The whole file @dir/@name, NUL-terminated, or NULL. */
static inline char *stemcmp_slurp(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;
	char *buf = NULL;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET) && (buf = malloc((size_t)n + 1)))
		buf[fread(buf, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return buf;
}

/* The next line of *@p, NUL-terminated in place; NULL at the end. */
static inline const char *stemcmp_line(char **p)
{
	char *line = *p, *nl;

	if (!*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = line + strlen(line);
	}
	return line;
}

/* Fold and stem @word into @out; false if folding failed. */
static inline bool stemcmp_stem(const char *word, char *out)
{
	struct stl_strbuf f = STL_STRBUF_INIT;
	bool ok;

	ok = stl_text_fold(word, strlen(word), &f) == STL_STATUS_SUCCESS &&
	     f.len <= STL_TERM_MAX;
	if (ok)
		stl_stem(f.buf, f.len, out);
	stl_strbuf_release(&f);
	return ok;
}

static inline void stemcmp_free(struct stemcmp *c)
{
	free(c->voc);
	free(c->out);
	free(c->w);
	memset(c, 0, sizeof(*c));
}

/*
 * Load every @step-th word of the vocabulary in @dir (1: all of them),
 * with both stems. Returns 0, or -1 if a file is missing, the two files
 * do not pair up, or memory runs out (@c is then freed).
 */
static inline int stemcmp_load(struct stemcmp *c, const char *dir,
			       size_t step)
{
	const char *word, *snow;
	char *pv, *po;
	size_t cap = 0, i;

	memset(c, 0, sizeof(*c));
	c->voc = stemcmp_slurp(dir, "voc.txt");
	c->out = stemcmp_slurp(dir, "output.txt");
	if (!c->voc || !c->out)
		goto fail;
	pv = c->voc;
	po = c->out;
	for (i = 0; (word = stemcmp_line(&pv)); i++) {
		if (!(snow = stemcmp_line(&po)))
			goto fail;
		if (i % step)
			continue;
		if (c->n == cap) {
			struct stemcmp_word *nw;

			cap = cap ? 2 * cap : 4096;
			nw = realloc(c->w, cap * sizeof(*nw));
			if (!nw)
				goto fail;
			c->w = nw;
		}
		c->w[c->n].word = word;
		c->w[c->n].snow = snow;
		if (!stemcmp_stem(word, c->w[c->n].ours))
			goto fail;
		c->n++;
	}
	if (stemcmp_line(&po))
		goto fail;
	return 0;
fail:
	stemcmp_free(c);
	return -1;
}

static inline int stemcmp_by_snow(const void *a, const void *b)
{
	const struct stemcmp_word *x = a, *y = b;
	int d = strcmp(x->snow, y->snow);

	return d ? d : strcmp(x->ours, y->ours);
}

static inline int stemcmp_by_ours(const void *a, const void *b)
{
	const struct stemcmp_word *x = a, *y = b;
	int d = strcmp(x->ours, y->ours);

	return d ? d : strcmp(x->snow, y->snow);
}

static inline unsigned long long stemcmp_pairs(size_t n)
{
	return (unsigned long long)n * (n - 1) / 2;
}

/* Length of the run of words from @i whose stem @get is that of w[i]. */
static inline size_t stemcmp_run(const struct stemcmp *c, size_t i, size_t end,
				 const char *(*get)(const struct stemcmp_word *))
{
	size_t j = i + 1;

	while (j < end && !strcmp(get(&c->w[j]), get(&c->w[i])))
		j++;
	return j - i;
}

static inline const char *stemcmp_snow(const struct stemcmp_word *w)
{
	return w->snow;
}

static inline const char *stemcmp_ours(const struct stemcmp_word *w)
{
	return w->ours;
}

/* Count the three kinds of pairs; leaves the words sorted by ours. */
static inline void stemcmp_count(struct stemcmp *c)
{
	size_t i, j, k, m;

	qsort(c->w, c->n, sizeof(*c->w), stemcmp_by_snow);
	c->pairs_snow = c->pairs_both = 0;
	for (i = 0; i < c->n; i += k) {
		k = stemcmp_run(c, i, c->n, stemcmp_snow);
		c->pairs_snow += stemcmp_pairs(k);
		for (j = i; j < i + k; j += m) {
			m = stemcmp_run(c, j, i + k, stemcmp_ours);
			c->pairs_both += stemcmp_pairs(m);
		}
	}
	qsort(c->w, c->n, sizeof(*c->w), stemcmp_by_ours);
	c->pairs_ours = 0;
	for (i = 0; i < c->n; i += k) {
		k = stemcmp_run(c, i, c->n, stemcmp_ours);
		c->pairs_ours += stemcmp_pairs(k);
	}
}

static inline double stemcmp_ratio(unsigned long long a,
				   unsigned long long b)
{
	return b ? (double)a / (double)b : 1.0;
}

static inline double stemcmp_recall(const struct stemcmp *c)
{
	return stemcmp_ratio(c->pairs_both, c->pairs_snow);
}

static inline double stemcmp_precision(const struct stemcmp *c)
{
	return stemcmp_ratio(c->pairs_both, c->pairs_ours);
}

#endif
