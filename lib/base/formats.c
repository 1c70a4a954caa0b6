/*
 * formats.c - the names of the formats of stl/formats.h.
 */
#include "stl/formats.h"

#include <string.h>
#include <strings.h>

static const char *const names[STL_NFORMATS] = {
	[STL_FORMAT_TXT] = "txt", [STL_FORMAT_MD] = "md",
	[STL_FORMAT_DOCX] = "docx", [STL_FORMAT_ODT] = "odt",
	[STL_FORMAT_PDF] = "pdf", [STL_FORMAT_DOC] = "doc",
	[STL_FORMAT_RTF] = "rtf", [STL_FORMAT_PNG] = "png",
	[STL_FORMAT_JPG] = "jpg", [STL_FORMAT_TIFF] = "tiff",
};

const char *stl_format_name(enum stl_format f)
{
	return (unsigned)f < STL_NFORMATS ? names[f] : NULL;
}

static enum stl_format find(const char *s, int (*cmp)(const char *, const char *))
{
	unsigned f;

	for (f = 0; s && f < STL_NFORMATS; f++)
		if (!cmp(s, names[f]))
			return (enum stl_format)f;
	return STL_NFORMATS;
}

enum stl_format stl_format_parse(const char *name)
{
	return find(name, strcmp);
}

enum stl_format stl_format_of_extension(const char *ext)
{
	if (ext && !strcasecmp(ext, "jpeg"))
		return STL_FORMAT_JPG;
	if (ext && !strcasecmp(ext, "tif"))
		return STL_FORMAT_TIFF;
	return find(ext, strcasecmp);
}
