/*
 * decode.c - bytes of a minute file to UTF-8; see include/stl/text.h.
 *
 * Minutes come out of Word: mostly UTF-8, sometimes UTF-16 with a BOM, and
 * older ones in Windows-1252. Anything that is neither UTF-8 nor UTF-16 is
 * taken as Windows-1252, so the only way to fail is to look like binary.
 */
#include "stl/text.h"

#include <stdint.h>
#include <string.h>

#include <unistr.h>

/*
 * Windows-1252 0x80-0xFF to Unicode; 0 marks the five bytes the code page
 * leaves undefined (0x81 0x8D 0x8F 0x90 0x9D), which we take as binary.
 */
static const uint16_t cp1252_high[128] = {
	0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,
	0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
	0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
	0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
	0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
	0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
	0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
	0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};

/*
 * Control characters that never occur in typed text. TAB, LF, VT, FF and
 * CR do (Word writes VT for a manual line break, FF for a page break).
 */
static bool is_odd_control(uint32_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n' && c != '\v' && c != '\f' &&
		       c != '\r';
	return c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

/*
 * Real minutes may hold a stray control character (a pasted ESC, a ^Z at
 * the end), so one is not enough: more than one character in ten is.
 */
static bool too_many_controls(size_t controls, size_t chars)
{
	return controls > chars / 10;
}

const char *stl_encoding_name(stl_encoding_t enc)
{
	switch (enc) {
	case STL_ENCODING_UTF8:
		return "utf-8";
	case STL_ENCODING_UTF8_BOM:
		return "utf-8 (bom)";
	case STL_ENCODING_UTF16LE:
		return "utf-16le";
	case STL_ENCODING_UTF16BE:
		return "utf-16be";
	case STL_ENCODING_CP1252:
		return "windows-1252";
	}
	return "unknown";
}

/* Append one code point as UTF-8; room for 4 bytes was reserved. */
static size_t put_utf8(char *p, uint32_t c)
{
	return (size_t)u8_uctomb((uint8_t *)p, c, 4);
}

/* ---- UTF-16 ---------------------------------------------------------- */

static uint32_t utf16_unit(const unsigned char *p, bool big_endian)
{
	return big_endian ? (uint32_t)p[0] << 8 | p[1] :
			    (uint32_t)p[1] << 8 | p[0];
}

/*
 * Decode UTF-16 after its BOM straight into @out's spare room; ->len moves
 * only once the whole input proved to be text.
 */
static stl_status_t decode_utf16(const unsigned char *p, size_t len,
				 bool big_endian, struct stl_strbuf *out)
{
	size_t base = out->len, i, controls = 0, chars = 0;
	char *w;

	if (len % 2)
		return STL_STATUS_BINARY_INPUT;
	/* Each 2-byte unit gives at most 3 bytes of UTF-8 (a pair: 4 of 4). */
	if (!stl_strbuf_grow(out, len / 2 * 3))
		return STL_STATUS_OUT_OF_MEMORY;
	w = out->buf + out->len;
	for (i = 0; i < len; i += 2) {
		uint32_t c = utf16_unit(p + i, big_endian);

		if (c >= 0xDC00 && c <= 0xDFFF)
			goto binary;
		if (c >= 0xD800 && c <= 0xDBFF) {
			uint32_t lo;

			if (i + 4 > len)
				goto binary;
			lo = utf16_unit(p + i + 2, big_endian);
			if (lo < 0xDC00 || lo > 0xDFFF)
				goto binary;
			c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		}
		if (c == 0)
			goto binary;
		controls += is_odd_control(c);
		chars++;
		w += put_utf8(w, c);
	}
	if (too_many_controls(controls, chars))
		goto binary;
	out->len = (size_t)(w - out->buf);
	out->buf[out->len] = '\0';
	return STL_STATUS_SUCCESS;
binary:
	/* out->len was never moved; only the terminator was overwritten */
	out->buf[base] = '\0';
	return STL_STATUS_BINARY_INPUT;
}

/* ---- UTF-8 and Windows-1252 ------------------------------------------- */

/* Controls in valid UTF-8 @p (C1 controls are C2 80..C2 9F). */
static bool utf8_is_binary(const unsigned char *p, size_t len)
{
	size_t i, controls = 0, chars = 0;

	for (i = 0; i < len; i++) {
		unsigned char b = p[i];

		if ((b & 0xC0) == 0x80)
			continue;
		chars++;
		if (b < 0x20 || b == 0x7F)
			controls += is_odd_control(b);
		else if (b == 0xC2 && i + 1 < len && p[i + 1] <= 0x9F)
			controls++;
	}
	return too_many_controls(controls, chars);
}

static bool cp1252_is_binary(const unsigned char *p, size_t len)
{
	size_t i, controls = 0;

	for (i = 0; i < len; i++) {
		if (p[i] >= 0x80 && !cp1252_high[p[i] - 0x80])
			return true;
		controls += p[i] < 0x80 && is_odd_control(p[i]);
	}
	return too_many_controls(controls, len);
}

static stl_status_t decode_cp1252(const unsigned char *p, size_t len,
				  struct stl_strbuf *out)
{
	size_t i;
	char *w;

	/* At most 3 bytes of UTF-8 per byte (the euro sign). */
	if (len > SIZE_MAX / 3 || !stl_strbuf_grow(out, len * 3))
		return STL_STATUS_OUT_OF_MEMORY;
	w = out->buf + out->len;
	for (i = 0; i < len; i++) {
		if (p[i] < 0x80)
			*w++ = (char)p[i];
		else
			w += put_utf8(w, cp1252_high[p[i] - 0x80]);
	}
	out->len = (size_t)(w - out->buf);
	out->buf[out->len] = '\0';
	return STL_STATUS_SUCCESS;
}

stl_status_t stl_text_decode(const char *data, size_t len,
			     struct stl_strbuf *out, stl_encoding_t *enc)
{
	const unsigned char *p = (const unsigned char *)data;
	stl_encoding_t found;

	if (len >= 2 && (p[0] == 0xFF || p[0] == 0xFE) &&
	    (p[1] == 0xFF || p[1] == 0xFE) && p[0] != p[1]) {
		bool be = p[0] == 0xFE;
		stl_status_t st = decode_utf16(p + 2, len - 2, be, out);

		if (st == STL_STATUS_SUCCESS && enc)
			*enc = be ? STL_ENCODING_UTF16BE : STL_ENCODING_UTF16LE;
		return st;
	}
	if (len && memchr(p, '\0', len))
		return STL_STATUS_BINARY_INPUT;

	found = STL_ENCODING_UTF8;
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF &&
	    !u8_check(p + 3, len - 3)) {
		p += 3;
		len -= 3;
		found = STL_ENCODING_UTF8_BOM;
	}
	if (!u8_check(p, len)) {
		if (utf8_is_binary(p, len))
			return STL_STATUS_BINARY_INPUT;
		stl_strbuf_add(out, p, len);
		if (stl_strbuf_failed(out))
			return STL_STATUS_OUT_OF_MEMORY;
	} else {
		stl_status_t st;

		if (cp1252_is_binary(p, len))
			return STL_STATUS_BINARY_INPUT;
		st = decode_cp1252(p, len, out);
		if (st != STL_STATUS_SUCCESS)
			return st;
		found = STL_ENCODING_CP1252;
	}
	if (enc)
		*enc = found;
	return STL_STATUS_SUCCESS;
}
