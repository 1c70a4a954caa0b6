/*
 * format.c - what format a file's bytes are, and the formats' names.
 */
#include <stdint.h>
#include <string.h>

#include "extract.h"
#include "ooxml.h"

const char *ex_format_name(enum ex_format f)
{
	const char *name = stl_format_name((enum stl_format)f);

	return name ? name : "unknown";
}

enum ex_format ex_format_parse(const char *name)
{
	return (enum ex_format)stl_format_parse(name);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/*
 * The zip's central directory (the entry names, without the contents),
 * found from its end record; the whole file when that cannot be found (a
 * truncated or zip64 file), which still holds the names in its local
 * headers.
 */
static const char *zip_names(const char *bytes, size_t len, size_t *dlen)
{
	const unsigned char *b = (const unsigned char *)bytes;
	size_t i, min = len > 22 + 65535 ? len - 22 - 65535 : 0;
	uint32_t off, size;

	for (i = len >= 22 ? len - 22 + 1 : 0; i-- > min;) {
		if (memcmp(b + i, "PK\5\6", 4))
			continue;
		size = le32(b + i + 12);
		off = le32(b + i + 16);
		if (off <= i && size <= i - off) {
			*dlen = size;
			return bytes + off;
		}
		break;
	}
	*dlen = len;
	return bytes;
}

#define ODT_MIME "application/vnd.oasis.opendocument.text"

static enum ex_format sniff_zip(const char *bytes, size_t len,
				enum ex_format hint)
{
	size_t dlen, mlen = strlen(ODT_MIME);
	const char *dir = zip_names(bytes, len, &dlen);

	if (ox_find(dir, dlen, "word/document.xml", 17))
		return EX_DOCX;
	/* OpenDocument puts "mimetype" first, stored: its content is at 38 */
	if (len >= 38 + mlen && !memcmp(bytes + 30, "mimetype", 8))
		return !memcmp(bytes + 38, ODT_MIME, mlen) ? EX_ODT : hint;
	if (ox_find(dir, dlen, "content.xml", 11))
		return EX_ODT;
	return hint;
}

static const unsigned char OLE_MAGIC[8] = { 0xd0, 0xcf, 0x11, 0xe0,
					    0xa1, 0xb1, 0x1a, 0xe1 };

enum ex_format ex_sniff(const char *bytes, size_t len, enum ex_format hint)
{
	static const char encrypted[] =
		"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";

	if (len >= 4 && (!memcmp(bytes, "PK\3\4", 4) || !memcmp(bytes, "PK\5\6", 4)))
		return sniff_zip(bytes, len, hint);
	/* readers accept "%PDF-" anywhere in the first kilobyte */
	if (ox_find(bytes, len < 1024 ? len : 1024, "%PDF-", 5))
		return EX_PDF;
	if (len >= 8 && !memcmp(bytes, "\x89PNG\r\n\x1a\n", 8))
		return EX_PNG;
	if (len >= 3 && !memcmp(bytes, "\xff\xd8\xff", 3))
		return EX_JPG;
	if (len >= 4 && (!memcmp(bytes, "II*\0", 4) || !memcmp(bytes, "MM\0*", 4)))
		return EX_TIFF;
	if (len >= 5 && !memcmp(bytes, "{\\rtf", 5))
		return EX_RTF;
	if (len >= 8 && !memcmp(bytes, OLE_MAGIC, 8)) {
		/* a .docx with a password is an OLE2 file around the zip */
		if (ox_find(bytes, len, encrypted, sizeof(encrypted) - 1))
			return EX_DOCX;
		return EX_DOC;
	}
	return hint;
}
