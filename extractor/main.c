/*
 * stlextract - the format readers of stlindex, in a process of their own.
 *
 * stlindex starts one stlextract (posix_spawn) and sends it files over a
 * socket on stdin/stdout, one request at a time:
 *
 *   request:  "<format> <nbytes>\n" and the file's bytes
 *   answer:   "OK <format> <nbytes>\n" and the structured text (stext.h)
 *             "ERR <status> <nbytes>\n" and a one-line reason in Spanish
 *
 * <format> of the request is the hint from the file's extension; the
 * answer's is what the content turned out to be. A crash, a hang or a
 * memory blow-up inside libxml2 or poppler ends this process, never
 * stlindex: it reports the file and starts another stlextract.
 *
 * Before the answer, OCR (ocr.c) may send lines of its own:
 *
 *   "PROGRESS <done> <total>\n"	pages read by OCR so far (0 at its start)
 *   "WARN <text>\n"			a page left out, in Spanish, one line
 *
 * Limits: -c CPU seconds per file (RLIMIT_CPU raised by that much before
 * each file: SIGXCPU ends the process), -m MiB of address space for the
 * whole process, -e bytes per zip entry, -r compression ratio, -n zip
 * entries, -t bytes of text out, -o seconds of OCR per page (0: no OCR;
 * OCR pages raise RLIMIT_CPU as they go, see ocr.c). The process is
 * single-threaded but for OCR's workers, which live only while an image
 * is read; the readers that fork() children (antiword, unrtf) run when
 * there are none.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "extract.h"
#include "stl/strbuf.h"

/* A request larger than this is refused (stlindex sends at most 16 MiB). */
#define EX_MAX_REQUEST (64u << 20)

/* Move exactly @len bytes through @fd, in either direction. */
static bool move_all(int fd, char *p, size_t len, bool out)
{
	ssize_t n;

	while (len) {
		n = out ? write(fd, p, len) : read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static bool read_all(int fd, void *buf, size_t len)
{
	return move_all(fd, buf, len, false);
}

static bool write_all(int fd, const void *buf, size_t len)
{
	/* write() does not change the bytes; the cast only shares the loop. */
	return move_all(fd, (char *)buf, len, true);
}

/* "<format> <nbytes>\n", read a byte at a time (it is short). */
static bool read_header(char *fmt, size_t fmtlen, size_t *nbytes)
{
	char line[64];
	unsigned long long n;
	size_t i = 0;
	char c;

	for (;;) {
		if (!read_all(0, &c, 1))
			return false;
		if (c == '\n')
			break;
		if (i + 1 >= sizeof(line))
			return false;
		line[i++] = c;
	}
	line[i] = '\0';
	if (sscanf(line, "%15s %llu", fmt, &n) != 2 || fmtlen < 16 ||
	    n > EX_MAX_REQUEST)
		return false;
	*nbytes = (size_t)n;
	return true;
}

static void progress_line(unsigned done, unsigned total)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "PROGRESS %u %u\n", done, total);

	write_all(1, line, (size_t)n);
}

static void warning_line(const char *text)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const char *p;

	stl_strbuf_addstr(&sb, "WARN ");
	for (p = text; *p; p++)
		stl_strbuf_addch(&sb, *p == '\n' || *p == '\r' ? ' ' : *p);
	stl_strbuf_addch(&sb, '\n');
	if (!stl_strbuf_failed(&sb))
		write_all(1, sb.buf, sb.len);
	stl_strbuf_release(&sb);
}

#if defined(__SANITIZE_ADDRESS__)
#define EX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EX_ASAN 1
#endif
#endif

static void set_memory_limit(unsigned mib)
{
	struct rlimit rl;

	/* AddressSanitizer maps terabytes of shadow memory: under a limit of
	 * address space a sanitizer build could not start. */
#ifdef EX_ASAN
	mib = 0;
#endif
	if (!mib)
		return;
	rl.rlim_cur = rl.rlim_max = (rlim_t)mib << 20;
	setrlimit(RLIMIT_AS, &rl);
}

static stl_status_t run_reader(enum ex_format f, const char *bytes, size_t len,
			       const struct ex_limits *lim,
			       struct stl_stext *st, const char **why)
{
	switch (f) {
	case EX_DOCX:
		return ex_docx(bytes, len, lim, st, why);
	case EX_ODT:
		return ex_odt(bytes, len, lim, st, why);
	case EX_PDF:
		return ex_pdf(bytes, len, lim, st, why);
	case EX_DOC:
		return ex_doc(bytes, len, lim, st, why);
	case EX_RTF:
		return ex_rtf(bytes, len, lim, st, why);
	case EX_PNG:
	case EX_JPG:
	case EX_TIFF:
		return ex_image(bytes, len, lim, st, why);
	default:
		*why = "formato no admitido";
		return STL_STATUS_INVALID_ARGUMENT;
	}
}

static bool answer(enum ex_format f, stl_status_t ret, const char *why,
		   const struct stl_stext *st, struct stl_strbuf *out)
{
	char head[96];
	int n;

	stl_strbuf_reset(out);
	if (ret == STL_STATUS_SUCCESS)
		ret = stl_stext_write(st, out);
	if (ret == STL_STATUS_OUT_OF_MEMORY && !why)
		why = "memoria insuficiente para leer el documento";
	if (ret != STL_STATUS_SUCCESS) {
		stl_strbuf_reset(out);
		stl_strbuf_addstr(out, why ? why : "no se pudo leer el documento");
		n = snprintf(head, sizeof(head), "ERR %d %zu\n", (int)ret,
			     out->len);
	} else {
		n = snprintf(head, sizeof(head), "OK %s %zu\n",
			     ex_format_name(f), out->len);
	}
	return write_all(1, head, (size_t)n) && write_all(1, out->buf, out->len);
}

static bool serve_one(const struct ex_limits *lim, struct stl_strbuf *in,
		      struct stl_strbuf *out)
{
	struct stl_stext st = STL_STEXT_INIT;
	const char *why = NULL;
	enum ex_format f;
	char fmt[16];
	size_t len;
	stl_status_t ret;
	bool ok;

	if (!read_header(fmt, sizeof(fmt), &len))
		return false;
	stl_strbuf_reset(in);
	if (!stl_strbuf_grow(in, len) || !read_all(0, in->buf, len))
		return false;
	stl_strbuf_commit(in, len);
	ex_cpu_allow(lim->cpu_seconds);
	f = ex_sniff(in->buf, len, ex_format_parse(fmt));
	ret = run_reader(f, in->buf, len, lim, &st, &why);
	if (ret == STL_STATUS_SUCCESS && st.failed)
		ret = STL_STATUS_OUT_OF_MEMORY;
	ok = answer(f, ret, why, &st, out);
	stl_stext_release(&st);
	return ok;
}

static bool parse_num(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end)
		return false;
	*out = v;
	return true;
}

static bool parse_args(int argc, char **argv, struct ex_limits *lim)
{
	uint64_t v;
	int opt;

	while ((opt = getopt(argc, argv, "c:m:e:r:n:t:o:")) != -1) {
		if (opt == '?' || !parse_num(optarg, &v))
			return false;
		switch (opt) {
		case 'c': lim->cpu_seconds = (unsigned)v; break;
		case 'm': lim->memory_mib = (unsigned)v; break;
		case 'e': lim->entry_size = v; break;
		case 'r': lim->ratio = (unsigned)v; break;
		case 'n': lim->entries = (unsigned)v; break;
		case 't': lim->text = (size_t)v; break;
		case 'o': lim->ocr_seconds = (unsigned)v; break;
		}
	}
	return optind == argc;
}

int main(int argc, char **argv)
{
	struct ex_limits lim = {
		EX_DEFAULT_ENTRY_SIZE, EX_DEFAULT_RATIO, EX_DEFAULT_ENTRIES,
		EX_DEFAULT_TEXT, EX_DEFAULT_CPU_SECONDS, EX_DEFAULT_MEMORY_MIB,
		EX_DEFAULT_OCR_SECONDS, progress_line, warning_line,
	};
	struct stl_strbuf in = STL_STRBUF_INIT, out = STL_STRBUF_INIT;

	/*
	 * Tesseract parallelizes inside a page with OpenMP, whose threads
	 * spin waiting: with OCR's own two workers that spinning took more
	 * than half the CPU (bench/ocr.sh). libgomp reads its settings
	 * before main(), so set them and start again.
	 */
	if (!getenv("OMP_THREAD_LIMIT") && setenv("OMP_THREAD_LIMIT", "1", 1) == 0)
		execv("/proc/self/exe", argv);
	if (!parse_args(argc, argv, &lim)) {
		fprintf(stderr, "stlextract: uso: stlextract [-c segundos] "
				"[-m MiB] [-e bytes] [-r razón] [-n entradas] "
				"[-t bytes] [-o segundos]\n"
				"stlextract: lo inicia stlindex; no se usa a mano\n");
		return 2;
	}
	set_memory_limit(lim.memory_mib);
	while (serve_one(&lim, &in, &out))
		;
	stl_strbuf_release(&in);
	stl_strbuf_release(&out);
	return 0;
}
