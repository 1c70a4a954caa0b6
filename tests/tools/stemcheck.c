/*
 * stemcheck.c - how far stl_stem() agrees with Snowball's Spanish stemmer
 * on the whole of Snowball's test vocabulary (see tests/unit/stemcmp.h for
 * the two figures).
 *
 *   build/tests/tools/stemcheck [-m N] [DIR]     (make stemcheck)
 *
 * DIR holds voc.txt and output.txt (default tests/data/snowball-spanish).
 * Prints "recall R precision P" and the pair counts; with -m, also the N
 * stems that lose the most pairs each way: Snowball groups that ours
 * splits (recall), and our groups that join words Snowball keeps apart
 * (precision), each shown as its subgroups with a few of their words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../unit/stemcmp.h"

#define WORDS_SHOWN 4

struct miss {
	size_t start, len;
	unsigned long long pairs;
};

static int by_pairs(const void *a, const void *b)
{
	const struct miss *x = a, *y = b;

	if (x->pairs != y->pairs)
		return x->pairs < y->pairs ? 1 : -1;
	return x->start < y->start ? -1 : x->start > y->start;
}

typedef const char *(*key_fn)(const struct stemcmp_word *);

/* Print the group at @m, split by @sub: "stem(n): word word ...". */
static void print_group(const struct stemcmp *c, const struct miss *m,
			key_fn key, key_fn sub)
{
	size_t j, k, end = m->start + m->len, shown;

	printf("  %-16s %5llu pairs lost:", key(&c->w[m->start]), m->pairs);
	for (j = m->start; j < end; j += k) {
		k = stemcmp_run(c, j, end, sub);
		printf(" %s(%zu){", sub(&c->w[j]), k);
		for (shown = 0; shown < k && shown < WORDS_SHOWN; shown++)
			printf("%s%s", shown ? " " : "", c->w[j + shown].word);
		printf("%s}", k > WORDS_SHOWN ? " ..." : "");
	}
	putchar('\n');
}

/*
 * The @top groups of @key (the words sorted by @key, then @sub) that lose
 * the most pairs for being split by @sub.
 */
static int print_misses(const struct stemcmp *c, key_fn key, key_fn sub,
			size_t top)
{
	struct miss *m = malloc((c->n ? c->n : 1) * sizeof(*m));
	size_t i, j, k, s, nm = 0;

	if (!m)
		return -1;
	for (i = 0; i < c->n; i += k) {
		unsigned long long kept = 0;

		k = stemcmp_run(c, i, c->n, key);
		for (j = i; j < i + k; j += s) {
			s = stemcmp_run(c, j, i + k, sub);
			kept += stemcmp_pairs(s);
		}
		if (kept < stemcmp_pairs(k))
			m[nm++] = (struct miss){ i, k, stemcmp_pairs(k) - kept };
	}
	qsort(m, nm, sizeof(*m), by_pairs);
	for (i = 0; i < nm && i < top; i++)
		print_group(c, &m[i], key, sub);
	free(m);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: stemcheck [-m N] [DIR]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *dir = "tests/data/snowball-spanish";
	struct stemcmp c;
	size_t top = 0;
	int opt, ret = 0;

	while ((opt = getopt(argc, argv, "m:")) != -1) {
		if (opt != 'm')
			usage();
		top = strtoul(optarg, NULL, 10);
	}
	if (optind + 1 < argc)
		usage();
	if (optind < argc)
		dir = argv[optind];
	if (stemcmp_load(&c, dir, 1)) {
		fprintf(stderr, "stemcheck: cannot read %s/voc.txt and "
			"output.txt as pairs of lines\n", dir);
		return 1;
	}
	stemcmp_count(&c);
	printf("recall %.4f precision %.4f\n", stemcmp_recall(&c),
	       stemcmp_precision(&c));
	printf("%zu words; pairs: Snowball %llu, ours %llu, both %llu\n",
	       c.n, c.pairs_snow, c.pairs_ours, c.pairs_both);
	if (top) {
		printf("recall misses (Snowball's stem: our stems):\n");
		qsort(c.w, c.n, sizeof(*c.w), stemcmp_by_snow);
		ret |= print_misses(&c, stemcmp_snow, stemcmp_ours, top);
		printf("precision misses (our stem: Snowball's stems):\n");
		qsort(c.w, c.n, sizeof(*c.w), stemcmp_by_ours);
		ret |= print_misses(&c, stemcmp_ours, stemcmp_snow, top);
	}
	stemcmp_free(&c);
	return ret ? 1 : 0;
}
