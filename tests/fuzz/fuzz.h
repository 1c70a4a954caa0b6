/*
 * fuzz.h - what the harnesses share: a check that stops the run loudly
 * (libFuzzer and the plain driver both see the abort as a finding).
 */
#ifndef STL_TESTS_FUZZ_H
#define STL_TESTS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                  \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "%s:%d: invariant broken: %s\n",  \
				__FILE__, __LINE__, #cond);               \
			abort();                                          \
		}                                                         \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif /* STL_TESTS_FUZZ_H */
