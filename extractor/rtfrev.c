/*
 * rtfrev.c - an RTF document with its tracked changes accepted.
 *
 * unrtf prints the text of a deleted revision ({\deleted ... text}) like
 * any other, so a minute whose deadline was corrected would keep both
 * dates and the first would win. This pass copies the RTF as it is but
 * leaves out the text written while \deleted is on: a character
 * property, so it holds to the end of its group or to \plain or
 * \deleted0. Inserted text (\revised) is kept, as Word shows it once the
 * changes are accepted.
 *
 * One pass, no recursion, output never longer than the input.
 */
#include "extract.h"

#include <string.h>

/* Groups deeper than this share the state of the deepest one kept:
 * only a hostile file nests so far, and it stays bounded. */
#define REV_MAX_DEPTH 1024

struct rev {
	const char *s, *end;
	struct stl_strbuf *out;
	unsigned char del[REV_MAX_DEPTH];
	size_t depth;
};

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool deleted(const struct rev *r)
{
	return r->del[r->depth < REV_MAX_DEPTH ? r->depth : REV_MAX_DEPTH - 1];
}

static void set_deleted(struct rev *r, bool on)
{
	r->del[r->depth < REV_MAX_DEPTH ? r->depth : REV_MAX_DEPTH - 1] = on;
}

/* Control words that stand for text: dropped inside a deletion. */
static bool text_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"u", "tab", "line", "emdash", "endash", "bullet", "lquote",
		"rquote", "ldblquote", "rdblquote", "emspace", "enspace",
		"qmspace", "zwj", "zwnj", "zwbo", "zwnbo", NULL
	};
	size_t k;

	for (k = 0; words[k]; k++)
		if (strlen(words[k]) == n && !memcmp(words[k], w, n))
			return true;
	return false;
}

static bool word_is(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && !memcmp(w, name, n);
}

/* A control word at r->s (after its backslash). */
static void control_word(struct rev *r, const char *bs)
{
	const char *w = r->s, *p;
	size_t n, digits = 0;
	long param = 0;
	bool has_param;

	while (r->s < r->end && is_alpha(*r->s) && r->s - w < 32)
		r->s++;
	n = (size_t)(r->s - w);
	p = r->s;
	if (r->s < r->end && *r->s == '-')
		r->s++;
	while (r->s < r->end && is_digit(*r->s) && digits < 10) {
		param = param * 10 + (*r->s++ - '0');
		digits++;
	}
	has_param = digits > 0;
	if (!has_param)
		r->s = p;
	if (r->s < r->end && *r->s == ' ')
		r->s++;
	if (word_is(w, n, "deleted"))
		set_deleted(r, !has_param || param != 0);
	else if (word_is(w, n, "plain"))
		set_deleted(r, false);
	if (word_is(w, n, "bin") && has_param && param > 0) {
		size_t left = (size_t)(r->end - r->s);

		r->s += (size_t)param < left ? (size_t)param : left;
	}
	if (!deleted(r) || !text_word(w, n))
		stl_strbuf_add(r->out, bs, (size_t)(r->s - bs));
}

/* What follows a backslash. */
static void control(struct rev *r)
{
	const char *bs = r->s++;

	if (r->s >= r->end) {
		stl_strbuf_add(r->out, bs, 1);
		return;
	}
	if (is_alpha(*r->s)) {
		control_word(r, bs);
		return;
	}
	if (*r->s == '\'') {
		r->s++;
		if (r->s < r->end && r->s + 1 < r->end)
			r->s += 2;
		else
			r->s = r->end;
	} else {
		r->s++;
	}
	/* "\*" marks a destination; the other symbols are text. */
	if (!deleted(r) || bs[1] == '*' || bs[1] == '\n' || bs[1] == '\r')
		stl_strbuf_add(r->out, bs, (size_t)(r->s - bs));
}

stl_status_t ex_rtf_accept(const char *bytes, size_t len,
			   struct stl_strbuf *out)
{
	struct rev r = { .s = bytes, .end = bytes + len, .out = out };
	bool d;

	stl_strbuf_reset(out);
	while (r.s < r.end) {
		char c = *r.s;

		if (c == '\\') {
			control(&r);
			continue;
		}
		if (c == '{') {
			d = deleted(&r);
			r.depth++;
			set_deleted(&r, d);
		} else if (c == '}') {
			if (r.depth)
				r.depth--;
		} else if (deleted(&r) && c != '\n' && c != '\r') {
			r.s++;
			continue;
		}
		stl_strbuf_addch(out, c);
		r.s++;
	}
	return stl_strbuf_failed(out) ? STL_STATUS_OUT_OF_MEMORY :
					STL_STATUS_SUCCESS;
}
