/*
 * formats.h - the file formats stlsearch reads, and the default limits
 * of reading them. One list for both ends of the pipe: stlindex
 * (indexer/: which files it reads, what stlextract may answer, the
 * limits it passes) and stlextract (extractor/: its readers' names).
 */
#ifndef STL_FORMATS_H
#define STL_FORMATS_H

#include <stddef.h>

enum stl_format {
	STL_FORMAT_TXT,
	STL_FORMAT_MD,
	STL_FORMAT_DOCX,
	STL_FORMAT_ODT,
	STL_FORMAT_PDF,
	STL_FORMAT_DOC,
	STL_FORMAT_RTF,
	STL_FORMAT_PNG,		/* images, read by OCR (Tesseract) */
	STL_FORMAT_JPG,		/* also .jpeg */
	STL_FORMAT_TIFF,	/* also .tif */
	STL_NFORMATS
};

/* "txt", "md", "docx" ...: the extension, the protocol's word and the
 * record's "format". Static; NULL for STL_NFORMATS or beyond. */
const char *stl_format_name(enum stl_format f);

/* The format named exactly @name (NUL-terminated; NULL allowed), or
 * STL_NFORMATS. */
enum stl_format stl_format_parse(const char *name);

/* The format of a file whose extension, without its dot, is @ext in any
 * case ("PDF"; the aliases "jpeg" and "tif" too), or STL_NFORMATS (NULL
 * allowed). */
enum stl_format stl_format_of_extension(const char *ext);

/*
 * The limits of reading one file, documented in stlindex(1) and each
 * overridable with stlindex --limite.
 */
#define STL_EXTRACT_CPU_SECONDS 30u	     /* CPU time per file */
#define STL_EXTRACT_MEMORY_MIB 2048u	     /* stlextract's address space */
#define STL_EXTRACT_ENTRY_SIZE (256ull << 20) /* one zip entry, inflated */
#define STL_EXTRACT_RATIO 200u		     /* one zip entry's compression */
#define STL_EXTRACT_ENTRIES 10000u	     /* entries of one zip */
#define STL_EXTRACT_TEXT (16u << 20)	     /* bytes of text out of one file */
/* Seconds of OCR per page (stlindex --ocr-limite); OCR pages do not count
 * against STL_EXTRACT_CPU_SECONDS. */
#define STL_EXTRACT_OCR_SECONDS 120u

/*
 * stlextract's reason when Tesseract has no Spanish model: stlindex
 * recognizes it and says once per run how to install the model.
 */
#define STL_OCR_NO_MODEL "no hay modelo de OCR en español"

#endif /* STL_FORMATS_H */
