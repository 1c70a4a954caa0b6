/*
 * text.h - decoding and Spanish text analysis (GNU libunistring).
 *
 * One analyzer serves the index and the query, so the two can never
 * disagree about what a word is:
 *
 *   bytes --stl_text_decode()--> UTF-8 text
 *         --stl_text_analyze()--> tokens: folded terms with positions and
 *                                 the byte range each came from
 *         --stl_stem()----------> accent-independent Spanish stems
 *
 * A "folded" string is: NFKC, case-folded, with the accents a user skips
 * when typing removed (á é í ó ú ü à ... -> a e i o u ...) but with ñ kept
 * as a letter of its own ("año" and "ano" stay different words), with
 * invisible characters removed (soft hyphen, zero-width space/joiners, word
 * joiner, BOM) and every kind of space (NBSP, tab, line break, ...) made a
 * plain space. Decomposed input (NFD) folds to the same bytes as composed.
 *
 * All functions are thread-safe and keep no global state.
 */
#ifndef STL_TEXT_H
#define STL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stl/status.h"
#include "stl/strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Decoding ---------------------------------------------------------- */

typedef enum stl_encoding {
	STL_ENCODING_UTF8,	/* valid UTF-8 without a BOM */
	STL_ENCODING_UTF8_BOM,	/* valid UTF-8 after a UTF-8 BOM (BOM dropped) */
	STL_ENCODING_UTF16LE,	/* UTF-16 after a little-endian BOM */
	STL_ENCODING_UTF16BE,	/* UTF-16 after a big-endian BOM */
	STL_ENCODING_CP1252,	/* not UTF-8: decoded as Windows-1252 */
} stl_encoding_t;

/* A static lowercase name for @enc ("utf-8", "windows-1252", ...). */
const char *stl_encoding_name(stl_encoding_t enc);

/*
 * Decode @len bytes of a file into UTF-8, appended to @out.
 *
 * - A UTF-16 BOM (FF FE / FE FF): decode UTF-16 (invalid surrogates make
 *   the input binary).
 * - Valid UTF-8 (a leading UTF-8 BOM is dropped): copied as is.
 * - Otherwise: decoded as Windows-1252.
 * Input that holds a NUL byte (outside UTF-16), a byte Windows-1252 leaves
 * undefined (0x81 0x8D 0x8F 0x90 0x9D) or many C0 control characters is
 * binary. CR LF and lone CR are left as they are (the analyzer and the
 * parser treat them as line breaks).
 *
 * @enc, if not NULL, receives the encoding found.
 *
 * Returns:
 *   STL_STATUS_SUCCESS
 *   STL_STATUS_BINARY_INPUT  the bytes are not text; @out is unchanged
 *   STL_STATUS_OUT_OF_MEMORY @out failed to grow
 */
stl_status_t stl_text_decode(const char *data, size_t len,
			     struct stl_strbuf *out, stl_encoding_t *enc);

/* ---- Normalization ----------------------------------------------------- */

/*
 * Append the folded form (see above) of @len bytes of UTF-8 @s to @out,
 * with runs of spaces collapsed to one and no space at either end.
 * Invalid UTF-8 sequences become spaces. Used for names, keys and field
 * values that are compared as a whole (institution aliases, person ids).
 *
 * Returns STL_STATUS_SUCCESS or STL_STATUS_OUT_OF_MEMORY.
 */
stl_status_t stl_text_fold(const char *s, size_t len, struct stl_strbuf *out);

/* ---- Tokenization ------------------------------------------------------ */

/* Longest term the analyzer emits, in bytes; longer words are skipped. */
#define STL_TERM_MAX 64

enum stl_token_flag {
	/* The term is in the Spanish stop-word list (it is still emitted). */
	STL_TOKEN_STOPWORD = 1u << 0,
	/*
	 * Not a word of the text but an extra term at the position of the
	 * last part of a hyphenated word: "socio-económico" gives "socio",
	 * "economico" and the extra "socioeconomico". Never emitted with
	 * STL_ANALYZE_QUERY.
	 */
	STL_TOKEN_EXTRA = 1u << 1,
	/* The term has digits only. */
	STL_TOKEN_NUMBER = 1u << 2,
};

typedef struct stl_token {
	const char *term;	/* folded, NUL-terminated, valid during the callback */
	size_t len;		/* strlen(term), 1..STL_TERM_MAX */
	uint32_t pos;		/* word position, see stl_text_analyze() */
	size_t start;		/* byte range of the input the term came from: */
	size_t end;		/* for an acronym "A.C." it spans "A.C" */
	unsigned flags;		/* enum stl_token_flag */
} stl_token_t;

/* Called for each token in text order; return non-zero to stop early. */
typedef int (*stl_token_fn)(const stl_token_t *tok, void *ctx);

enum stl_analyze_flag {
	/* Query side: do not emit STL_TOKEN_EXTRA compound terms. */
	STL_ANALYZE_QUERY = 1u << 0,
};

/*
 * Split @len bytes of UTF-8 @text into words (UAX #29 word boundaries via
 * u8_wordbreaks, with an ASCII fast path that gives the same answer) and
 * call @fn for each word, folded:
 *
 * - a word is a run of letters, digits and combining marks; characters
 *   UAX #29 keeps inside a word (the '.' of "e.g", the apostrophe of "l'",
 *   the ',' of "1,000") split it into parts at consecutive positions, so a
 *   term never holds punctuation;
 * - an acronym written with dots ("A.C.", "S.A.", "I.E.E.M.") is one term
 *   of its bare letters ("ac", "sa", "ieem");
 * - a hyphenated word gives its parts at consecutive positions plus, unless
 *   STL_ANALYZE_QUERY, the parts joined as an STL_TOKEN_EXTRA term at the
 *   last part's position (only when every part has a letter);
 * - words longer than STL_TERM_MAX bytes once folded are skipped (they take
 *   no position);
 * - invisible characters (soft hyphen, zero-width characters) vanish, so
 *   "trans<SHY>parencia" is one word; NBSP, tabs and line breaks separate
 *   words like a space and do not break phrases.
 *
 * Positions: the first word gets *@pos, each following word the next
 * number; on return *@pos is one past the last position used. Invalid UTF-8
 * bytes separate words.
 *
 * Returns STL_STATUS_SUCCESS (also when @fn stopped early) or
 * STL_STATUS_OUT_OF_MEMORY.
 */
stl_status_t stl_text_analyze(const char *text, size_t len, unsigned flags,
			      uint32_t *pos, stl_token_fn fn, void *ctx);

/*
 * The terms stl_text_analyze() finds in @len bytes of @text (with @flags),
 * appended to @out separated by @sep; *@nterms, if not NULL, receives how
 * many. For comparing names and rewriting queries term by term.
 * Returns STL_STATUS_SUCCESS or STL_STATUS_OUT_OF_MEMORY.
 */
stl_status_t stl_text_terms(const char *text, size_t len, unsigned flags,
			    char sep, struct stl_strbuf *out, size_t *nterms);

/* ---- Stemming and stop words ------------------------------------------ */

/*
 * Accent-independent Spanish stemmer: Snowball's Spanish algorithm
 * rewritten for folded (accent-free, ñ kept) input, after a plural step,
 * so that "participación", "participacion" and "participaciones" all give
 * one stem, as do "año"/"años" and "acta"/"actas", while "año" and "ano",
 * "campaña" and "campana" stay apart. Where a folded ending is both a verb
 * form's and a noun's (-io: inició/inicio; -era: deberá/carrera), it is
 * read as the more common of the two after the letters before it.
 *
 * @term must be folded (a term from stl_text_analyze() or stl_text_fold()).
 * Writes the NUL-terminated stem to @out, which must have room for
 * @len + 1 bytes (a stem is never longer than its word), and returns its
 * length. Terms that are not Spanish words (numbers, words with non-Latin
 * letters) come back unchanged.
 */
size_t stl_stem(const char *term, size_t len, char *out);

/*
 * True if the folded @term is a Spanish stop word ("de", "la", "que", "y",
 * ...). Stop words are indexed; the query side drops them from ranking
 * queries but keeps them in phrases.
 */
bool stl_is_stopword(const char *term, size_t len);

/* The stop-word list (folded, sorted); @n receives its length. Static. */
const char *const *stl_stopwords(size_t *n);

#ifdef __cplusplus
}
#endif

#endif /* STL_TEXT_H */
