/*
 * churn DB SECONDS MS - commit to the index at DB every MS milliseconds
 * for SECONDS: each commit replaces a few documents and rewrites a
 * metadata key, so that a reader's revision goes stale between its
 * reads (a glass revision can be overwritten two commits later). Lets the concurrency test make the races of a busy writer
 * happen often instead of once in a while. Prints the number of commits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stl/xapian.h"

int main(int argc, char **argv)
{
	stl_writer_t *w = NULL;
	stl_doc_t *d;
	char *msg = NULL, term[32];
	unsigned n = 0;
	time_t end;

	if (argc != 4) {
		fputs("usage: churn DB SECONDS MS\n", stderr);
		return 2;
	}
	if (stl_writer_open(argv[1], 0, &w, &msg) != STL_STATUS_SUCCESS) {
		fprintf(stderr, "churn: %s\n", msg ? msg : "?");
		return 1;
	}
	d = stl_doc_new();
	end = time(NULL) + atoi(argv[2]);
	while (d && time(NULL) < end) {
		for (unsigned k = 0; k < 5; k++) {
			snprintf(term, sizeof(term), "Qchurn%u", (n * 5 + k) % 50);
			stl_doc_clear(d);
			stl_doc_add_boolean_term(d, term, strlen(term));
			stl_doc_add_posting(d, "churn", 5, 1);
			if (stl_writer_replace(w, term, d) != STL_STATUS_SUCCESS)
				return 1;
		}
		snprintf(term, sizeof(term), "%u", n);
		if (stl_writer_set_metadata(w, "stl:churn", term, strlen(term)) ||
		    stl_writer_commit(w))
			return 1;
		n++;
		usleep((useconds_t)atoi(argv[3]) * 1000);
	}
	stl_doc_destroy(d);
	stl_writer_destroy(w);
	printf("%u\n", n);
	return 0;
}
