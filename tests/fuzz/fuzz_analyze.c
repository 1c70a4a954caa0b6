/*
 * fuzz_analyze.c - harness (1): arbitrary bytes through decoding, folding,
 * tokenizing, stemming and the stop-word test, as a file's bytes and a
 * query's words go.
 *
 * Invariants: decoding yields valid UTF-8 or says "binary" and leaves the
 * buffer alone; every token is 1..STL_TERM_MAX bytes of valid UTF-8 with
 * no space, lies inside the input, and positions never go back; a stem is
 * never longer than its word; folding twice changes nothing more.
 */
#include <string.h>
#include <unistr.h>

#include "fuzz.h"
#include "stl/text.h"

struct walk {
	const char *text;
	size_t len;
	uint32_t last_pos;
	size_t ntok;
	unsigned flags;
};

static int on_token(const stl_token_t *tok, void *ctx)
{
	struct walk *w = ctx;
	char stem[STL_TERM_MAX + 1];
	size_t n;

	FUZZ_CHECK(tok->len >= 1 && tok->len <= STL_TERM_MAX);
	FUZZ_CHECK(strlen(tok->term) == tok->len);
	FUZZ_CHECK(!u8_check((const uint8_t *)tok->term, tok->len));
	FUZZ_CHECK(!strchr(tok->term, ' '));
	FUZZ_CHECK(tok->start <= tok->end && tok->end <= w->len);
	FUZZ_CHECK(!w->ntok || tok->pos >= w->last_pos);
	if (w->flags & STL_ANALYZE_QUERY)
		FUZZ_CHECK(!(tok->flags & STL_TOKEN_EXTRA));
	w->last_pos = tok->pos;
	w->ntok++;

	n = stl_stem(tok->term, tok->len, stem);
	FUZZ_CHECK(n <= tok->len && strlen(stem) == n);
	(void)stl_is_stopword(tok->term, tok->len);
	return 0;
}

static void analyze(const char *text, size_t len, unsigned flags)
{
	struct walk w = { .text = text, .len = len, .flags = flags };
	uint32_t pos = 1;

	FUZZ_CHECK(stl_text_analyze(text, len, flags, &pos, on_token, &w) ==
		   STL_STATUS_SUCCESS);
	FUZZ_CHECK(pos >= 1 && (!w.ntok || pos > w.last_pos));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stl_strbuf text = STL_STRBUF_INIT, f1 = STL_STRBUF_INIT,
			  f2 = STL_STRBUF_INIT;
	stl_encoding_t enc;
	stl_status_t st;

	st = stl_text_decode((const char *)data, size, &text, &enc);
	if (st == STL_STATUS_BINARY_INPUT) {
		FUZZ_CHECK(text.len == 0);
	} else {
		FUZZ_CHECK(st == STL_STATUS_SUCCESS);
		FUZZ_CHECK(!u8_check((const uint8_t *)text.buf, text.len));
		FUZZ_CHECK(stl_encoding_name(enc) != NULL);
		analyze(text.buf, text.len, 0);
		analyze(text.buf, text.len, STL_ANALYZE_QUERY);
	}
	/* The analyzer and folding must survive invalid UTF-8 too (query
	 * words are checked, but a record's strings may not be). */
	analyze((const char *)data, size, 0);
	FUZZ_CHECK(stl_text_fold((const char *)data, size, &f1) ==
		   STL_STATUS_SUCCESS);
	FUZZ_CHECK(!u8_check((const uint8_t *)f1.buf, f1.len));
	FUZZ_CHECK(stl_text_fold(f1.buf, f1.len, &f2) == STL_STATUS_SUCCESS);
	FUZZ_CHECK(f1.len == f2.len && !memcmp(f1.buf, f2.buf, f1.len));
	stl_strbuf_release(&text);
	stl_strbuf_release(&f1);
	stl_strbuf_release(&f2);
	return 0;
}
