/*
 * text_internal.h - private hooks of the text analysis module, for its
 * unit tests and benchmark only. Nothing outside lib/text/
 * and its tests may rely
 * on these; they can change at any time.
 */
#ifndef STL_TEXT_INTERNAL_H
#define STL_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "stl/strbuf.h"
#include "stl/text.h"

/*
 * Internal stl_text_analyze() flag: send every chunk, ASCII or not, down
 * the Unicode path (u8_wordbreaks, libunistring folding). The tests use it
 * to check that the ASCII fast path finds exactly the same tokens.
 * Chosen far above the public enum stl_analyze_flag bits.
 */
#define STL_ANALYZE_INTERNAL_SLOW (1u << 31)

/*
 * Fold @n bytes of valid UTF-8 @s (no invisible characters, spaces already
 * made ' ') and append the result to @out. With @full, always take the
 * general libunistring route (NFKD case folding, mark stripping, NFC);
 * without, take the per-character shortcut for Latin letters when every
 * character allows it. Both must give the same bytes; the tests compare
 * them. Returns false when out of memory.
 */
bool stl_text_fold_chunk(const unsigned char *s, size_t n, bool full,
			 struct stl_strbuf *out);

#endif /* STL_TEXT_INTERNAL_H */
