/*
 * hold_lock DB - open the index at DB for writing (creating it), print
 * "locked" and keep the write lock until standard input closes. Lets the
 * end-to-end tests prove what a second writer sees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "stl/xapian.h"

int main(int argc, char **argv)
{
	stl_writer_t *w = NULL;
	char *msg = NULL, buf[64];
	stl_status_t st;

	if (argc != 2) {
		fputs("usage: hold_lock DB\n", stderr);
		return 2;
	}
	st = stl_writer_open(argv[1], STL_WRITER_CREATE, &w, &msg);
	if (st != STL_STATUS_SUCCESS) {
		fprintf(stderr, "hold_lock: %s\n", msg ? msg : "?");
		free(msg);
		return 1;
	}
	puts("locked");
	fflush(stdout);
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	stl_writer_destroy(w);
	return 0;
}
