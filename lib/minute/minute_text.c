/*
 * minute_text.c - byte-level text helpers of the minutes parser: keyword
 * matching for headings and cue words, whitespace cleaning, stripping of
 * list punctuation, and name keys.
 *
 * Headings and cue words are matched byte-wise against fixed ASCII
 * keywords (accepting the accented vowels) rather than by folding each
 * line: the parser looks at every line of a possibly huge file, and a
 * keyword test costs a few bytes where stl_text_fold() normalizes the
 * whole line. Names, which are compared as a whole, go through
 * stl_text_fold() (mn_key()).
 */
#include "minute_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "stl/text.h"

/* Never skip more than this many blanks where a keyword has one space. */
#define MN_MAX_BLANKS 16

bool mn_is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

bool mn_grow(void **v, size_t *alloc, size_t need, size_t size)
{
	size_t n;
	void *p;

	if (need <= *alloc)
		return true;
	n = *alloc ? *alloc : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			return false;
		n *= 2;
	}
	p = realloc(*v, n * size);
	if (!p)
		return false;
	*v = p;
	*alloc = n;
	return true;
}

char *mn_strndup(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/*
 * The plain letter an accented Spanish vowel stands for, given the second
 * byte of its two-byte UTF-8 form after 0xC3; 0 if it is not one.
 */
static char accent_base(unsigned char c)
{
	switch (c) {
	case 0x81: case 0xA1: case 0x80: case 0xA0:
		return 'a';
	case 0x89: case 0xA9: case 0x88: case 0xA8:
		return 'e';
	case 0x8D: case 0xAD: case 0x8C: case 0xAC:
		return 'i';
	case 0x93: case 0xB3: case 0x92: case 0xB2:
		return 'o';
	case 0x9A: case 0xBA: case 0x99: case 0xB9: case 0x9C: case 0xBC:
		return 'u';
	case 0x91: case 0xB1:
		return 'n';	/* keywords never need ñ apart from n */
	}
	return 0;
}

/* Skip combining accents (U+0300..U+036F) that decomposed text puts after
 * a vowel. */
static size_t skip_marks(const unsigned char *s, size_t len, size_t i)
{
	while (i + 1 < len && (s[i] == 0xCC || (s[i] == 0xCD && s[i + 1] < 0xB0)))
		i += 2;
	return i;
}

size_t mn_kw_match(const char *str, size_t len, const char *kw)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;
	unsigned char c;

	for (; *kw; kw++) {
		if (*kw == ' ') {
			for (n = 0; i < len && mn_is_blank(s[i]) && n < MN_MAX_BLANKS; n++)
				i++;
			if (!n)
				return 0;
			continue;
		}
		if (i >= len)
			return 0;
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c == (unsigned char)*kw) {
			i = skip_marks(s, len, i + 1);
			continue;
		}
		if (c == 0xC3 && i + 1 < len && accent_base(s[i + 1]) == *kw) {
			i += 2;
			continue;
		}
		return 0;
	}
	return i;
}

/* True if byte @c can continue a word (ASCII letter or digit, or any
 * byte of a multi-byte character). */
static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

size_t mn_kw_word(const char *s, size_t len, const char *kw)
{
	size_t n = mn_kw_match(s, len, kw);

	if (!n || (n < len && word_byte((unsigned char)s[n])))
		return 0;
	return n;
}

bool mn_kw_find(const char *s, size_t len, const char *kw)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (i && word_byte((unsigned char)s[i - 1]))
			continue;
		if (mn_kw_word(s + i, len - i, kw))
			return true;
	}
	return false;
}

/* True for code points that separate words like a space: controls, the
 * Unicode spaces, and the invisible characters text.h drops. */
static bool space_like(ucs4_t uc)
{
	if (uc < 0x20 || uc == 0x20 || uc == 0x7F || (uc >= 0x80 && uc < 0xA0))
		return true;
	return uc == 0xA0 || uc == 0x1680 || (uc >= 0x2000 && uc <= 0x200B) ||
	       uc == 0x2028 || uc == 0x2029 || uc == 0x202F || uc == 0x205F ||
	       uc == 0x3000 || uc == 0xFEFF;
}

void mn_clean_into(struct stl_strbuf *out, const char *str, size_t len)
{
	const uint8_t *s = (const uint8_t *)str;
	bool pending = false, any = false;
	size_t i = 0;
	ucs4_t uc;
	int n;

	while (i < len) {
		if (s[i] < 0x80) {
			uc = s[i];
			n = 1;
		} else {
			n = u8_mbtouc(&uc, s + i, len - i);
		}
		if (space_like(uc)) {
			pending = any;
			i += n;
			continue;
		}
		if (pending)
			stl_strbuf_addch(out, ' ');
		pending = false;
		any = true;
		if (uc == 0xFFFD)
			stl_strbuf_add(out, "\xEF\xBF\xBD", 3);
		else
			stl_strbuf_add(out, s + i, n);
		i += n;
	}
}

char *mn_clean(const char *s, size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	mn_clean_into(&sb, s, len);
	return stl_strbuf_detach(&sb, NULL);
}

/* True if the word that ends with the '.' at @s[len - 1] holds another
 * dot ("A.C.", "S.A.") and so is an abbreviation that keeps its dot. */
static bool abbreviation_dot(const char *s, size_t len)
{
	size_t i = len - 1;

	while (i > 0 && !mn_is_blank((unsigned char)s[i - 1])) {
		i--;
		if (s[i] == '.')
			return true;
	}
	return false;
}

size_t mn_rstrip(const char *s, size_t len, const char *punct, bool dots)
{
	unsigned char c;

	while (len) {
		c = (unsigned char)s[len - 1];
		if (mn_is_blank(c) || c == '\n' || (c && strchr(punct, c))) {
			len--;
			continue;
		}
		if (c == '.' && dots && !abbreviation_dot(s, len)) {
			len--;
			continue;
		}
		break;
	}
	return len;
}

size_t mn_lskip(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && mn_is_blank((unsigned char)s[i]))
		i++;
	return i;
}

stl_status_t mn_key(const char *s, size_t len, struct stl_strbuf *out)
{
	struct stl_strbuf tmp = STL_STRBUF_INIT;
	stl_status_t st;
	bool space = false;
	size_t i, start = out->len;
	char c;

	st = stl_text_fold(s, len, &tmp);
	if (st != STL_STATUS_SUCCESS)
		goto out;
	for (i = 0; i < tmp.len; i++) {
		c = tmp.buf[i];
		if (c == '.')
			continue;
		if (c == ' ' || strchr(",;:()\"", c)) {
			space = out->len > start;
			continue;
		}
		if (space)
			stl_strbuf_addch(out, ' ');
		space = false;
		stl_strbuf_addch(out, c);
	}
	if (stl_strbuf_failed(out))
		st = STL_STATUS_OUT_OF_MEMORY;
out:
	stl_strbuf_release(&tmp);
	return st;
}
