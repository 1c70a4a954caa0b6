/*
 * child.c - .doc through antiword and .rtf through unrtf, run as child
 * processes the way omindex and Recoll run their filters.
 *
 * The bytes go to a private temporary file (mkstemp in $TMPDIR or /tmp,
 * unlinked once the tool is done), the tool writes to a pipe we read
 * with a poll() timeout, its stderr goes to /dev/null (English, for
 * developers), and its output is capped. fork() + setrlimit() + execvp()
 * rather than posix_spawnp(): the limits must be set in the child before
 * exec, which posix_spawn cannot do, and fork is safe here because
 * stlextract is single-threaded. The tool's wall time is bounded by
 * lim->cpu_seconds, its CPU time and address space by setrlimit().
 *
 * antiword -w 0 -m UTF-8.txt writes UTF-8, one paragraph a line, and
 * tables as "|cell|cell|" lines, which become table rows.
 *
 * unrtf runs with --html, not --text: measured on RTF saved by
 * LibreOffice, --text writes Latin-1 bytes and mangles every character
 * outside it ("€", "—", curly quotes, "•" come out as control bytes or
 * '"'), while --html writes entities (&euro; &ntilde; &bull;) that
 * libxml2's HTML parser turns into correct UTF-8, and keeps tables as
 * <table> rows. Its markup is badly nested; the parser recovers.
 *
 * In both, a line ending in a letter and "-" followed by one starting in
 * lowercase is a word split by a manual line break: joined without the
 * hyphen.
 */
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <libxml/HTMLparser.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WHY_TIMEOUT "la conversión tardó demasiado y se detuvo"
#define WHY_TOO_BIG "el texto extraído excede el límite de tamaño"
#define WHY_OOM "no hay memoria suficiente para convertir el documento"
#define WHY_TMP "no se pudo crear un archivo temporal para la conversión"
#define WHY_SPAWN "no se pudo iniciar el programa de conversión"
#define WHY_NO_ANTIWORD "falta el programa 'antiword' (paquete antiword de Debian)"
#define WHY_NO_UNRTF "falta el programa 'unrtf' (paquete unrtf de Debian)"
#define WHY_BAD_DOC "documento .doc dañado, cifrado o de un formato que antiword no lee"
#define WHY_BAD_RTF "documento .rtf dañado o que unrtf no puede leer"
#define WHY_CRASH "la conversión se interrumpió (documento dañado o límite de memoria)"

/* unrtf's HTML is markup around text: allow it this many times the text. */
#define HTML_OVERHEAD 8

struct tool {
	const char *const *argv;	/* the temp file's path goes at the NULL */
	const char *why_missing;
	const char *why_failed;
};

/* ---- running a tool ------------------------------------------------------ */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Write @bytes to a new private file; its path in @path. -1 on failure. */
static int write_temp(const char *bytes, size_t len, char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");
	size_t off = 0;
	ssize_t n;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	if ((size_t)snprintf(path, size, "%s/stlextract-XXXXXX", dir) >= size)
		return -1;
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	while (off < len) {
		n = write(fd, bytes + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out_unlink;
		off += (size_t)n;
	}
	if (close(fd) == 0)
		return 0;
	fd = -1;
out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(path);
	return -1;
}

/* In the child: limits, descriptors, exec. Never returns. */
static void __attribute__((noreturn))
child_exec(char *const argv[], const struct ex_limits *lim, int out, int err)
{
	struct rlimit rl;
	int null = open("/dev/null", O_RDWR);
	int e;

	/* Its own process group: a tool that is a script (or forks) dies
	 * whole when the group is killed. */
	setpgid(0, 0);
	if (lim->cpu_seconds) {
		rl.rlim_cur = lim->cpu_seconds;
		rl.rlim_max = lim->cpu_seconds + 1;
		setrlimit(RLIMIT_CPU, &rl);
	}
	if (lim->memory_mib) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)lim->memory_mib << 20;
		setrlimit(RLIMIT_AS, &rl);
	}
	if (null < 0 || dup2(null, 0) < 0 || dup2(null, 2) < 0 ||
	    dup2(out, 1) < 0)
		goto out_fail;
	execvp(argv[0], argv);
out_fail:
	/* The parent learns why through the close-on-exec pipe. */
	e = errno;
	if (write(err, &e, sizeof(e)) < 0)
		_exit(126);
	_exit(127);
}

/* Wait for @pid until @deadline, then kill it. Its wait status. */
static int reap(pid_t pid, double deadline)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int status = 0;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return status;
		if (now() >= deadline) {
			kill(-pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			return status;
		}
		nanosleep(&ts, NULL);
	}
}

/* Read @fd into @out until EOF, @deadline or @cap bytes. */
static stl_status_t read_output(int fd, double deadline, size_t cap,
				struct stl_strbuf *out, const char **why)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	char buf[65536];
	ssize_t n;
	int ms, r;

	for (;;) {
		ms = (int)((deadline - now()) * 1000);
		if (ms <= 0) {
			*why = WHY_TIMEOUT;
			return STL_STATUS_IO_ERROR;
		}
		r = poll(&pfd, 1, ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*why = WHY_SPAWN;
			return STL_STATUS_IO_ERROR;
		}
		if (r == 0)
			continue;	/* the deadline check above ends it */
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return STL_STATUS_SUCCESS;
		stl_strbuf_add(out, buf, (size_t)n);
		if (stl_strbuf_failed(out)) {
			*why = WHY_OOM;
			return STL_STATUS_OUT_OF_MEMORY;
		}
		if (out->len > cap) {
			*why = WHY_TOO_BIG;
			return STL_STATUS_INVALID_ARGUMENT;
		}
	}
}

/* Errno of a failed exec from the close-on-exec pipe; 0 if it ran. */
static int exec_errno(int fd)
{
	int e = 0;
	ssize_t n;

	do
		n = read(fd, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(e) ? e : 0;
}

/* What a tool's end means for the user. */
static stl_status_t judge_exit(const struct tool *t, int status, int eerr,
			       stl_status_t ret, const char **why)
{
	if (eerr) {
		/* Not NOT_FOUND: that status means a PDF without text. */
		*why = eerr == ENOENT ? t->why_missing : WHY_SPAWN;
		return STL_STATUS_IO_ERROR;
	}
	if (ret != STL_STATUS_SUCCESS)
		return ret;
	if (WIFSIGNALED(status)) {
		*why = WTERMSIG(status) == SIGXCPU ? WHY_TIMEOUT : WHY_CRASH;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*why = t->why_failed;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	return STL_STATUS_SUCCESS;
}

static int cloexec_pipe(int p[2])
{
	if (pipe(p))
		return -1;
	if (fcntl(p[0], F_SETFD, FD_CLOEXEC) == 0 &&
	    fcntl(p[1], F_SETFD, FD_CLOEXEC) == 0)
		return 0;
	close(p[0]);
	close(p[1]);
	return -1;
}

/* Fork, exec and read the tool on @path; its stdout in @out. */
static stl_status_t spawn_read(const struct tool *t, char *const argv[],
			       const struct ex_limits *lim, size_t cap,
			       struct stl_strbuf *out, const char **why)
{
	unsigned secs = lim->cpu_seconds ? lim->cpu_seconds
					 : EX_DEFAULT_CPU_SECONDS;
	double deadline = now() + secs;
	stl_status_t ret;
	int pout[2], perr[2], status, eerr;
	pid_t pid;

	if (cloexec_pipe(pout))
		goto out_spawn;
	if (cloexec_pipe(perr))
		goto out_close_out;
	pid = fork();
	if (pid < 0)
		goto out_close_err;
	if (pid == 0)
		child_exec(argv, lim, pout[1], perr[1]);
	/* The child does it too; whichever runs first, a kill of the group
	 * below finds it. */
	setpgid(pid, pid);
	close(pout[1]);
	close(perr[1]);
	ret = read_output(pout[0], deadline, cap, out, why);
	if (ret != STL_STATUS_SUCCESS)
		kill(-pid, SIGKILL);
	status = reap(pid, deadline);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
	    ret == STL_STATUS_SUCCESS) {
		*why = WHY_TIMEOUT;
		ret = STL_STATUS_IO_ERROR;
	}
	eerr = exec_errno(perr[0]);
	close(pout[0]);
	close(perr[0]);
	return judge_exit(t, status, eerr, ret, why);
out_close_err:
	close(perr[0]);
	close(perr[1]);
out_close_out:
	close(pout[0]);
	close(pout[1]);
out_spawn:
	*why = WHY_SPAWN;
	return STL_STATUS_IO_ERROR;
}

static const struct ex_limits default_limits = {
	EX_DEFAULT_ENTRY_SIZE, EX_DEFAULT_RATIO, EX_DEFAULT_ENTRIES,
	EX_DEFAULT_TEXT, EX_DEFAULT_CPU_SECONDS, EX_DEFAULT_MEMORY_MIB, 0, NULL, NULL,
};

/* Run @t on @bytes; what it printed in @out (at most @cap bytes). */
static stl_status_t run_tool(const struct tool *t, const char *bytes,
			     size_t len, const struct ex_limits *lim,
			     size_t cap, struct stl_strbuf *out,
			     const char **why)
{
	char path[4096];
	const char *argv[16];
	size_t i;
	stl_status_t ret;

	for (i = 0; t->argv[i] && i < 14; i++)
		argv[i] = t->argv[i];
	argv[i++] = path;
	argv[i] = NULL;
	if (write_temp(bytes, len, path, sizeof(path))) {
		*why = WHY_TMP;
		return STL_STATUS_IO_ERROR;
	}
	ret = spawn_read(t, (char *const *)argv, lim, cap, out, why);
	unlink(path);
	return ret;
}

/* ---- lines into paragraphs ----------------------------------------------- */

/*
 * Paragraphs one at a time, held back one so that a word split over two
 * lines ("repa-" "rado.") can be joined.
 */
struct para_out {
	struct stl_stext *st;
	struct stl_strbuf pend;
	size_t limit;
	const char **why;
	stl_status_t ret;
};

static void po_fail(struct para_out *po, stl_status_t ret, const char *why)
{
	if (po->ret != STL_STATUS_SUCCESS)
		return;
	po->ret = ret;
	*po->why = why;
}

static void po_check(struct para_out *po, stl_status_t ret)
{
	if (ret != STL_STATUS_SUCCESS || stl_strbuf_failed(&po->pend))
		po_fail(po, STL_STATUS_OUT_OF_MEMORY, WHY_OOM);
	else if (stl_stext_size(po->st) > po->limit)
		po_fail(po, STL_STATUS_INVALID_ARGUMENT, WHY_TOO_BIG);
}

/* Ends with a letter and "-", and @next begins in lowercase. */
static bool hyphenated(const char *s, size_t n, const char *next, size_t nn)
{
	const char *p;

	if (n < 2 || s[n - 1] != '-' || !nn)
		return false;
	p = g_utf8_find_prev_char(s, s + n - 1);
	return p && g_unichar_isalpha(g_utf8_get_char(p)) &&
	       g_unichar_islower(g_utf8_get_char_validated(next, (gssize)nn));
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

static const char *trim(const char *s, size_t *n)
{
	while (*n && blank(*s)) {
		s++;
		(*n)--;
	}
	while (*n && blank(s[*n - 1]))
		(*n)--;
	return s;
}

/* Emit the held paragraph. */
static void po_flush(struct para_out *po)
{
	if (po->ret != STL_STATUS_SUCCESS || !po->pend.len)
		return;
	po_check(po, stl_stext_para(po->st, NULL, po->pend.buf, po->pend.len,
				    0));
	stl_strbuf_reset(&po->pend);
}

/* One line of text: a paragraph, or the rest of the held one. */
static void po_line(struct para_out *po, const char *s, size_t n)
{
	s = trim(s, &n);
	if (!n || po->ret != STL_STATUS_SUCCESS)
		return;
	if (hyphenated(po->pend.buf, po->pend.len, s, n)) {
		stl_strbuf_setlen(&po->pend, po->pend.len - 1);
	} else {
		po_flush(po);
	}
	stl_strbuf_add(&po->pend, s, n);
	if (stl_strbuf_failed(&po->pend))
		po_fail(po, STL_STATUS_OUT_OF_MEMORY, WHY_OOM);
}

static void po_init(struct para_out *po, struct stl_stext *st,
		    const struct ex_limits *lim, const char **why)
{
	po->st = st;
	stl_strbuf_init(&po->pend, 0);
	po->limit = lim->text ? lim->text : EX_DEFAULT_TEXT;
	po->why = why;
	po->ret = STL_STATUS_SUCCESS;
}

static stl_status_t po_finish(struct para_out *po)
{
	po_flush(po);
	stl_strbuf_release(&po->pend);
	return po->ret;
}

/* ---- antiword ------------------------------------------------------------ */

/*
 * antiword prints a table row as "|cell |cell |" and wraps a long cell
 * onto the lines below it, where the first cell is empty ("| |Pública y
 * Gobierno Abierto | |"). The row is held until the next one starts so
 * that those lines join the cells they continue.
 */
#define DOC_MAX_CELLS 64

struct doc_row {
	struct stl_strbuf cell[DOC_MAX_CELLS];
	size_t n;
};

static void doc_row_init(struct doc_row *r)
{
	size_t i;

	for (i = 0; i < DOC_MAX_CELLS; i++)
		stl_strbuf_init(&r->cell[i], 0);
	r->n = 0;
}

static void doc_row_release(struct doc_row *r)
{
	size_t i;

	for (i = 0; i < DOC_MAX_CELLS; i++)
		stl_strbuf_release(&r->cell[i]);
}

/* Write the held row, if any. */
static void doc_row_flush(struct para_out *po, struct doc_row *r)
{
	size_t i;

	if (!r->n || po->ret != STL_STATUS_SUCCESS)
		goto out;
	po_check(po, stl_stext_row_begin(po->st));
	for (i = 0; i < r->n && po->ret == STL_STATUS_SUCCESS; i++) {
		if (stl_strbuf_failed(&r->cell[i]))
			po_fail(po, STL_STATUS_OUT_OF_MEMORY, WHY_OOM);
		else
			po_check(po, stl_stext_cell(po->st, r->cell[i].buf,
						    r->cell[i].len));
	}
	if (po->ret == STL_STATUS_SUCCESS)
		po_check(po, stl_stext_row_end(po->st));
out:
	for (i = 0; i < DOC_MAX_CELLS; i++)
		stl_strbuf_reset(&r->cell[i]);
	r->n = 0;
}

/* The cells of "|cell |cell |" (@n without the last bar), trimmed. */
static size_t doc_cells(const char *s, size_t n, struct stl_span *cells)
{
	const char *end = s + n, *c = s + 1, *bar;
	size_t k = 0, cn;

	while (c < end && k < DOC_MAX_CELLS) {
		bar = memchr(c, '|', (size_t)(end - c));
		if (!bar)
			bar = end;
		cn = (size_t)(bar - c);
		c = trim(c, &cn);
		cells[k].off = (size_t)(c - s);
		cells[k++].len = cn;
		c = bar + 1;
	}
	return k;
}

/* One "|...|" line: a new row, or the wrapped rest of the held one. */
static void doc_row_line(struct para_out *po, struct doc_row *r,
			 const char *s, size_t n)
{
	struct stl_span cells[DOC_MAX_CELLS];
	size_t k = doc_cells(s, n, cells), i;
	bool more = r->n == k && r->cell[0].len && k > 1 && !cells[0].len;

	po_flush(po);
	if (!more)
		doc_row_flush(po, r);
	for (i = 0; i < k; i++) {
		struct stl_strbuf *c = &r->cell[i];

		if (!cells[i].len)
			continue;
		if (c->len)
			stl_strbuf_addch(c, ' ');
		stl_strbuf_add(c, s + cells[i].off, cells[i].len);
	}
	r->n = k;
}

static void doc_lines(struct para_out *po, const char *s, size_t len)
{
	const char *end = s + len, *nl, *t;
	struct doc_row row;
	bool in_table = false;
	size_t n;

	doc_row_init(&row);
	while (s < end && po->ret == STL_STATUS_SUCCESS) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (size_t)((nl ? nl : end) - s);
		t = trim(s, &n);
		if (n >= 2 && t[0] == '|' && t[n - 1] == '|') {
			in_table = true;
			doc_row_line(po, &row, t, n - 1);
		} else if (n) {
			doc_row_flush(po, &row);
			if (in_table && po->ret == STL_STATUS_SUCCESS)
				po_check(po, stl_stext_table_end(po->st));
			in_table = false;
			po_line(po, t, n);
		}
		s = nl ? nl + 1 : end;
	}
	doc_row_flush(po, &row);
	if (in_table && po->ret == STL_STATUS_SUCCESS)
		po_check(po, stl_stext_table_end(po->st));
	doc_row_release(&row);
}

stl_status_t ex_doc(const char *bytes, size_t len, const struct ex_limits *lim,
		    struct stl_stext *out, const char **why)
{
	static const char *const argv[] = {
		/* -f, not the plain text mode, which also prints the
		 * text a tracked change deleted. */
		"antiword", "-f", "-w", "0", "-m", "UTF-8.txt", NULL
	};
	static const struct tool t = { argv, WHY_NO_ANTIWORD, WHY_BAD_DOC };
	struct stl_strbuf text = STL_STRBUF_INIT;
	struct para_out po;
	stl_status_t ret;

	if (!lim)
		lim = &default_limits;
	ret = run_tool(&t, bytes, len, lim,
		       lim->text ? lim->text : EX_DEFAULT_TEXT, &text, why);
	if (ret != STL_STATUS_SUCCESS)
		goto out_release;
	po_init(&po, out, lim, why);
	doc_lines(&po, text.buf, text.len);
	ret = po_finish(&po);
out_release:
	stl_strbuf_release(&text);
	return ret;
}

/* ---- unrtf --html -------------------------------------------------------- */

struct html_walk {
	struct para_out po;
	struct stl_strbuf cell;	/* the text of the cell being read */
	bool in_cell, row_begun;
	unsigned empty_cells;	/* empty cells not written yet */
};

static bool is_block(const char *name)
{
	static const char *const blocks[] = {
		"br", "p", "div", "center", "h1", "h2", "h3", "h4", "h5", "h6",
		"li", "ul", "ol", "blockquote", "pre", "hr", "body", "dd", "dt",
	};
	size_t i;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (!strcmp(name, blocks[i]))
			return true;
	return false;
}

/* Text @s with every run of spaces, line ends and no-break spaces made
 * one space: HTML's rule, and unrtf pads list labels with &nbsp;. */
static void add_collapsed(struct stl_strbuf *sb, const char *s)
{
	bool space = sb->len && sb->buf[sb->len - 1] == ' ';

	while (*s) {
		bool sp = blank(*s) || ((unsigned char)s[0] == 0xc2 &&
					(unsigned char)s[1] == 0xa0);

		if (sp) {
			s += blank(*s) ? 1 : 2;
			if (!space)
				stl_strbuf_addch(sb, ' ');
			space = true;
			continue;
		}
		stl_strbuf_addch(sb, *s++);
		space = false;
	}
}

/* The text gathered outside cells is one line. */
static void html_break(struct html_walk *w)
{
	if (w->in_cell) {
		add_collapsed(&w->cell, " ");
		return;
	}
	po_line(&w->po, w->cell.buf, w->cell.len);
	stl_strbuf_reset(&w->cell);
}

static void html_cell(struct html_walk *w)
{
	size_t n = w->cell.len;
	const char *s = trim(w->cell.buf, &n);
	struct para_out *po = &w->po;

	if (!n) {
		w->empty_cells++;
		return;
	}
	if (!w->row_begun)
		po_check(po, stl_stext_row_begin(po->st));
	w->row_begun = true;
	for (; w->empty_cells && po->ret == STL_STATUS_SUCCESS;
	     w->empty_cells--)
		po_check(po, stl_stext_cell(po->st, "", 0));
	if (po->ret == STL_STATUS_SUCCESS)
		po_check(po, stl_stext_cell(po->st, s, n));
}

static void html_nodes(struct html_walk *w, xmlNode *n);

/* A <td> or <th>: its text, without line breaks, is one cell. */
static void html_td(struct html_walk *w, xmlNode *n)
{
	if (w->in_cell) {
		html_nodes(w, n->children);
		return;
	}
	stl_strbuf_reset(&w->cell);
	w->in_cell = true;
	html_nodes(w, n->children);
	w->in_cell = false;
	html_cell(w);
	stl_strbuf_reset(&w->cell);
}

/* A <tr>: a row, if any of its cells has text. */
static void html_tr(struct html_walk *w, xmlNode *n)
{
	if (w->in_cell) {
		html_nodes(w, n->children);
		return;
	}
	w->row_begun = false;
	w->empty_cells = 0;
	html_nodes(w, n->children);
	if (w->row_begun)
		po_check(&w->po, stl_stext_row_end(w->po.st));
}

static void html_table(struct html_walk *w, xmlNode *n)
{
	if (w->in_cell) {	/* a table in a cell is text of the cell */
		html_nodes(w, n->children);
		return;
	}
	html_break(w);
	po_flush(&w->po);
	po_check(&w->po, stl_stext_table_begin(w->po.st));
	html_nodes(w, n->children);
	po_check(&w->po, stl_stext_table_end(w->po.st));
}

static void html_element(struct html_walk *w, xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!strcmp(name, "head") || !strcmp(name, "script") ||
	    !strcmp(name, "style"))
		return;
	if (!strcmp(name, "table")) {
		html_table(w, n);
		return;
	}
	if (!strcmp(name, "tr")) {
		html_tr(w, n);
		return;
	}
	if (!strcmp(name, "td") || !strcmp(name, "th")) {
		html_td(w, n);
		return;
	}
	if (is_block(name))
		html_break(w);
	html_nodes(w, n->children);
	if (is_block(name) && strcmp(name, "br"))
		html_break(w);
}

static void html_nodes(struct html_walk *w, xmlNode *n)
{
	for (; n && w->po.ret == STL_STATUS_SUCCESS; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content)
			add_collapsed(&w->cell, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			html_element(w, n);
		if (stl_strbuf_failed(&w->cell))
			po_fail(&w->po, STL_STATUS_OUT_OF_MEMORY, WHY_OOM);
	}
}

/* "creation date: 14 March 2024" (unrtf's comment) as "2024-03-14". */
static void rtf_date(struct stl_stext *st, const char *comment)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};
	char month[16], date[16];
	int d, y, m;

	if (sscanf(comment, " creation date: %d %15s %d", &d, month, &y) != 3)
		return;
	for (m = 0; m < 12; m++)
		if (!strcmp(month, months[m]))
			break;
	if (m == 12 || d < 1 || d > 31 || y < 1000 || y > 9999)
		return;
	snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m + 1, d);
	stl_stext_set_date(st, date);
}

/* Title and creation date from the <head> unrtf writes. */
static void html_head(struct html_walk *w, xmlNode *head)
{
	xmlNode *n;
	xmlChar *t;

	for (n = head ? head->children : NULL; n; n = n->next) {
		if (n->type == XML_COMMENT_NODE && n->content)
			rtf_date(w->po.st, (const char *)n->content);
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "title"))
			continue;
		t = xmlNodeGetContent(n);
		if (t && *t && stl_stext_set_title(w->po.st, (const char *)t))
			po_fail(&w->po, STL_STATUS_OUT_OF_MEMORY, WHY_OOM);
		xmlFree(t);
	}
}

static xmlNode *child_named(xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)n->name, name))
			return n;
	return NULL;
}

static stl_status_t rtf_html(const char *html, size_t len,
			     const struct ex_limits *lim,
			     struct stl_stext *out, const char **why)
{
	struct html_walk w = { .cell = STL_STRBUF_INIT };
	htmlDocPtr doc;
	xmlNode *root;

	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			     HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (!doc) {
		*why = WHY_BAD_RTF;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	po_init(&w.po, out, lim, why);
	root = xmlDocGetRootElement(doc);
	html_head(&w, child_named(root, "head"));
	html_nodes(&w, root ? root->children : NULL);
	html_break(&w);
	stl_strbuf_release(&w.cell);
	xmlFreeDoc(doc);
	return po_finish(&w.po);
}

stl_status_t ex_rtf(const char *bytes, size_t len, const struct ex_limits *lim,
		    struct stl_stext *out, const char **why)
{
	/* --nopict: unrtf would write the pictures into the working folder. */
	static const char *const argv[] = { "unrtf", "--nopict", "--html", NULL };
	static const struct tool t = { argv, WHY_NO_UNRTF, WHY_BAD_RTF };
	struct stl_strbuf html = STL_STRBUF_INIT;
	struct stl_strbuf accepted = STL_STRBUF_INIT;
	size_t text, cap;
	stl_status_t ret;

	if (!lim)
		lim = &default_limits;
	text = lim->text ? lim->text : EX_DEFAULT_TEXT;
	cap = text > SIZE_MAX / HTML_OVERHEAD ? SIZE_MAX : text * HTML_OVERHEAD;

	if (cap > INT32_MAX)	/* htmlReadMemory takes an int */
		cap = INT32_MAX;
	/* unrtf prints any bytes as text: what does not open as RTF ("{\rtf",
	 * after blanks or a BOM) is not read as a minute. */
	if (len >= 3 && !memcmp(bytes, "\357\273\277", 3)) {
		bytes += 3;
		len -= 3;
	}
	while (len && (*bytes == ' ' || *bytes == '\t' || *bytes == '\r' ||
		       *bytes == '\n')) {
		bytes++;
		len--;
	}
	if (len < 5 || memcmp(bytes, "{\\rtf", 5)) {
		*why = WHY_BAD_RTF;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	ret = ex_rtf_accept(bytes, len, &accepted);
	if (ret != STL_STATUS_SUCCESS) {
		*why = WHY_OOM;
		goto out_release;
	}
	ret = run_tool(&t, accepted.buf, accepted.len, lim, cap, &html, why);
	if (ret == STL_STATUS_SUCCESS)
		ret = rtf_html(html.buf, html.len, lim, out, why);
out_release:
	stl_strbuf_release(&accepted);
	stl_strbuf_release(&html);
	return ret;
}
