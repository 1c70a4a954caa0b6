/*
 * extract.h - the format readers of stlextract, the program stlindex
 * starts to turn .docx, .odt, .pdf, .doc and .rtf files into structured
 * text (include/stl/stext.h) outside its own process.
 *
 * Each reader takes the file's bytes (already read by stlindex, so what is
 * hashed is what is read) and fills @out. On failure it returns a status
 * and sets *@why to a static, lowercase Spanish reason for the user
 * ("documento cifrado: se necesita la contraseña"), never English library
 * text; @out may then hold a part and is released by the caller.
 *
 * Limits (struct ex_limits) are checked by the readers themselves where
 * they can (zip entries, output size); CPU time and memory are enforced on
 * the whole process by main.c with setrlimit().
 */
#ifndef STL_EXTRACT_H
#define STL_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "stl/formats.h"
#include "stl/status.h"
#include "stl/stext.h"

/* The formats of stl/formats.h, and one for bytes that are none. */
enum ex_format {
	EX_TXT = STL_FORMAT_TXT,
	EX_MD = STL_FORMAT_MD,
	EX_DOCX = STL_FORMAT_DOCX,
	EX_ODT = STL_FORMAT_ODT,
	EX_PDF = STL_FORMAT_PDF,
	EX_DOC = STL_FORMAT_DOC,
	EX_RTF = STL_FORMAT_RTF,
	EX_PNG = STL_FORMAT_PNG,
	EX_JPG = STL_FORMAT_JPG,
	EX_TIFF = STL_FORMAT_TIFF,
	EX_UNKNOWN = STL_NFORMATS,
};

struct ex_limits {
	uint64_t entry_size;	/* uncompressed bytes of one zip entry */
	unsigned ratio;		/* uncompressed / compressed of one entry */
	unsigned entries;	/* entries in one zip */
	size_t text;		/* bytes of structured text out */
	unsigned cpu_seconds;	/* per file (main.c) */
	unsigned memory_mib;	/* address space of stlextract (main.c) */
	unsigned ocr_seconds;	/* per OCR page (ocr.c); 0: no OCR at all */
	/* Called from the reader's thread as OCR pages finish (@done of
	 * @total; 0 of @total when OCR begins) and for a page skipped
	 * (@warning: a Spanish line); NULL: nobody listens. */
	void (*progress)(unsigned done, unsigned total);
	void (*warning)(const char *warning);
};

/* The defaults (stl/formats.h). */
#define EX_DEFAULT_ENTRY_SIZE STL_EXTRACT_ENTRY_SIZE
#define EX_DEFAULT_RATIO STL_EXTRACT_RATIO
#define EX_DEFAULT_ENTRIES STL_EXTRACT_ENTRIES
#define EX_DEFAULT_TEXT STL_EXTRACT_TEXT
#define EX_DEFAULT_CPU_SECONDS STL_EXTRACT_CPU_SECONDS
#define EX_DEFAULT_MEMORY_MIB STL_EXTRACT_MEMORY_MIB
#define EX_DEFAULT_OCR_SECONDS STL_EXTRACT_OCR_SECONDS

/*
 * Let the process use @seconds more CPU time from now on (RLIMIT_CPU,
 * cpulimit.c; main.c sets it before each file): OCR raises it page by page, so the per-file limit never
 * counts OCR pages, which have a deadline of their own.
 */
void ex_cpu_allow(unsigned seconds);

/*
 * The format of @bytes by their content, with @hint (from the file's
 * extension) deciding between formats the content does not tell apart:
 * "PK" zips are docx or odt by their entries, "%PDF" is pdf, "{\rtf" is
 * rtf (Word saves RTF as .doc too), the OLE2 signature is doc; PNG, JPEG
 * and TIFF by their signatures.
 */
enum ex_format ex_sniff(const char *bytes, size_t len, enum ex_format hint);

/* "docx", "pdf" ...: the name used in the protocol and in JSON. */
const char *ex_format_name(enum ex_format f);
/* The reverse; EX_UNKNOWN for anything else. */
enum ex_format ex_format_parse(const char *name);

/* Each reader: SUCCESS, or a failure status with *@why set. */
stl_status_t ex_docx(const char *bytes, size_t len, const struct ex_limits *lim,
		     struct stl_stext *out, const char **why);
stl_status_t ex_odt(const char *bytes, size_t len, const struct ex_limits *lim,
		    struct stl_stext *out, const char **why);
stl_status_t ex_pdf(const char *bytes, size_t len, const struct ex_limits *lim,
		    struct stl_stext *out, const char **why);
/* .doc through antiword, .rtf through unrtf, run as child processes. */
stl_status_t ex_doc(const char *bytes, size_t len, const struct ex_limits *lim,
		    struct stl_stext *out, const char **why);
stl_status_t ex_rtf(const char *bytes, size_t len, const struct ex_limits *lim,
		    struct stl_stext *out, const char **why);

/*
 * OCR (ocr.c, Tesseract in Spanish): an image file (png, jpg, tiff; every
 * page of a multi-page TIFF), or the pages of a PDF without a text layer,
 * rendered with cairo (@doc is a PopplerDocument *). Each page is read
 * under a deadline of lim->ocr_seconds; a page over it is left out with
 * lim->warning. Sets out->ocr_confidence. With lim->ocr_seconds 0, or
 * without the Spanish model (then *@why is STL_OCR_NO_MODEL), fails.
 */
stl_status_t ex_image(const char *bytes, size_t len, const struct ex_limits *lim,
		      struct stl_stext *out, const char **why);
stl_status_t ex_ocr_pdf(void *doc, const struct ex_limits *lim,
			struct stl_stext *out, const char **why);
/* A PDF with a text layer on some pages: the @n pages @map[] (0-based)
 * read into @pages[0 .. n) (each inited by the caller), a page over its
 * limit or unreadable left empty with a warning; out->ocr_confidence set.
 * NOT_FOUND when no page gave text. */
stl_status_t ex_ocr_pdf_pages(void *doc, const unsigned *map, unsigned n,
			      const struct ex_limits *lim,
			      struct stl_stext *pages, struct stl_stext *out,
			      const char **why);

/*
 * The RTF @bytes with the text of deleted revisions left out (tracked
 * changes accepted), in @out (reset first; the caller releases it).
 * Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t ex_rtf_accept(const char *bytes, size_t len,
			   struct stl_strbuf *out);

#endif /* STL_EXTRACT_H */
