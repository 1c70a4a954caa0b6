/*
 * extclient.c - run stlextract and talk to it; see extclient.h.
 */
#include "extclient.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef STL_LIBEXECDIR
#define STL_LIBEXECDIR "/usr/local/libexec/stlsearch"
#endif

extern char **environ;

/* ---- limits ----------------------------------------------------------------- */

static bool parse_size(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return false;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end || !v)
		return false;
	*out = v;
	return true;
}

bool extlimits_set(struct extlimits *l, const char *spec, const char **why)
{
	const char *eq = strchr(spec, '=');
	size_t n = eq ? (size_t)(eq - spec) : 0;
	uint64_t v;

	if (!eq || !parse_size(eq + 1, &v)) {
		*why = "se esperaba NOMBRE=VALOR con un número mayor que cero";
		return false;
	}
#define IS(name) (n == sizeof(name) - 1 && !strncmp(spec, name, n))
	if (IS("cpu") && v <= 86400)
		l->cpu_seconds = (unsigned)v;
	else if (IS("memoria") && v <= 1u << 20)
		l->memory_mib = (unsigned)v;
	else if (IS("entrada"))
		l->entry_size = v;
	else if (IS("razon") && v <= UINT_MAX)
		l->ratio = (unsigned)v;
	else if (IS("entradas") && v <= UINT_MAX)
		l->entries = (unsigned)v;
	else if (IS("texto"))
		l->text = v;
	else {
		*why = "límite desconocido o fuera de rango (cpu, memoria, "
		       "entrada, razon, entradas, texto)";
		return false;
	}
#undef IS
	return true;
}

bool extlimits_set_ocr(struct extlimits *l, const char *seconds)
{
	uint64_t v;

	if (!parse_size(seconds, &v) || v > 86400 ||
	    strspn(seconds, "0123456789") != strlen(seconds))
		return false;
	l->ocr_seconds = (unsigned)v;
	return true;
}

static void fill_defaults(struct extlimits *l)
{
	if (!l->ocr_seconds)
		l->ocr_seconds = STL_EXTRACT_OCR_SECONDS;
	if (!l->cpu_seconds)
		l->cpu_seconds = STL_EXTRACT_CPU_SECONDS;
	if (!l->memory_mib)
		l->memory_mib = STL_EXTRACT_MEMORY_MIB;
	if (!l->entry_size)
		l->entry_size = STL_EXTRACT_ENTRY_SIZE;
	if (!l->ratio)
		l->ratio = STL_EXTRACT_RATIO;
	if (!l->entries)
		l->entries = STL_EXTRACT_ENTRIES;
	if (!l->text)
		l->text = STL_EXTRACT_TEXT;
}

/* ---- finding and starting the extractor ---------------------------------------- */

static char *beside_self(void)
{
	char self[PATH_MAX], *slash, *p;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0)
		return NULL;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	p = malloc(strlen(self) + sizeof("/stlextract"));
	if (p)
		sprintf(p, "%s/stlextract", self);
	return p;
}

stl_status_t extclient_init(struct extclient *c, const struct extlimits *lim)
{
	const char *env = getenv("STL_EXTRACTOR");

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->buf = (struct stl_strbuf)STL_STRBUF_INIT;
	c->warnings = (struct stl_strbuf)STL_STRBUF_INIT;
	if (lim)
		c->lim = *lim;
	fill_defaults(&c->lim);
	if (env && *env)
		c->exe = strdup(env);
	else
		c->exe = beside_self();
	if (c->exe && access(c->exe, X_OK) < 0 && !(env && *env)) {
		free(c->exe);
		c->exe = strdup(STL_LIBEXECDIR "/stlextract");
	}
	if (!c->exe)
		return STL_STATUS_OUT_OF_MEMORY;
	return access(c->exe, X_OK) == 0 ? STL_STATUS_SUCCESS
					 : STL_STATUS_NOT_FOUND;
}

/* End the process: close our end (it sees EOF and exits) and reap it. */
static void stop(struct extclient *c, bool kill_it)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->pid > 0) {
		if (kill_it)
			kill(c->pid, SIGKILL);
		while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	c->pid = 0;
}

void extclient_release(struct extclient *c)
{
	if (!c)
		return;
	stop(c, false);
	free(c->exe);
	c->exe = NULL;
	stl_strbuf_release(&c->buf);
	stl_strbuf_release(&c->warnings);
}

static stl_status_t start(struct extclient *c)
{
	posix_spawn_file_actions_t fa;
	char flag[7][3] = { "-c", "-m", "-e", "-r", "-n", "-t", "-o" };
	char a[7][32], *argv[16];
	int sv[2], ret, k;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return STL_STATUS_IO_ERROR;
	snprintf(a[0], sizeof(a[0]), "%u", c->lim.cpu_seconds);
	snprintf(a[1], sizeof(a[1]), "%u", c->lim.memory_mib);
	snprintf(a[2], sizeof(a[2]), "%llu", (unsigned long long)c->lim.entry_size);
	snprintf(a[3], sizeof(a[3]), "%u", c->lim.ratio);
	snprintf(a[4], sizeof(a[4]), "%u", c->lim.entries);
	snprintf(a[5], sizeof(a[5]), "%llu", (unsigned long long)c->lim.text);
	snprintf(a[6], sizeof(a[6]), "%u", c->lim.no_ocr ? 0 : c->lim.ocr_seconds);
	argv[0] = c->exe;
	for (k = 0; k < 7; k++) {
		argv[1 + 2 * k] = flag[k];
		argv[2 + 2 * k] = a[k];
	}
	argv[15] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
	posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
	/* What a library prints is English and not the user's business; a
	 * failure comes back as a Spanish reason or as how the process
	 * ended. */
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	ret = posix_spawn(&c->pid, c->exe, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(sv[1]);
	if (ret != 0) {
		close(sv[0]);
		c->pid = 0;
		errno = ret;
		return STL_STATUS_IO_ERROR;
	}
	c->fd = sv[0];
	c->spawned++;
	return STL_STATUS_SUCCESS;
}

/* ---- one request ------------------------------------------------------------------ */

static bool send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Read exactly @len bytes before @deadline (ms). 1: done; 0: the process
 * closed its end or failed; -1: the deadline passed.
 */
static int recv_all(int fd, char *buf, size_t len, int64_t deadline)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	ssize_t n;
	int64_t left;

	while (len) {
		left = deadline - now_ms();
		if (left <= 0)
			return -1;
		n = poll(&pfd, 1, left > 60000 ? 60000 : (int)left);
		if (n < 0 && errno != EINTR)
			return 0;
		if (n <= 0)
			continue;
		n = recv(fd, buf, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		buf += n;
		len -= (size_t)n;
	}
	return 1;
}

static int recv_line(int fd, char *line, size_t size, int64_t deadline)
{
	size_t i = 0;
	int r;

	while (i + 1 < size) {
		r = recv_all(fd, line + i, 1, deadline);
		if (r <= 0)
			return r;
		if (line[i] == '\n') {
			line[i] = '\0';
			return 1;
		}
		i++;
	}
	return 0;
}

/* The extractor is gone: why, from how it ended. */
static void explain_death(struct extclient *c, bool timed_out)
{
	int status = 0, sig;
	pid_t pid = c->pid;

	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	c->pid = 0;
	sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	if (timed_out)
		snprintf(c->why, sizeof(c->why),
			 "la lectura tardó demasiado (más de %u s) y se detuvo",
			 c->lim.cpu_seconds * 2 + 10);
	else if (sig == SIGKILL)
		/* Not ours: the system (out of memory) or someone else. */
		snprintf(c->why, sizeof(c->why),
			 "el lector del formato fue detenido (señal 9) "
			 "mientras leía este archivo");
	else if (sig == SIGXCPU)
		snprintf(c->why, sizeof(c->why),
			 "la lectura excedió el límite de tiempo de CPU (%u s)",
			 c->lim.cpu_seconds);
	else if (sig)
		snprintf(c->why, sizeof(c->why),
			 "el lector del formato falló con este archivo "
			 "(señal %d; límite de memoria %u MiB)",
			 sig, c->lim.memory_mib);
	else
		snprintf(c->why, sizeof(c->why),
			 "el lector del formato terminó sin responder");
}

static stl_status_t read_answer(struct extclient *c, struct stl_stext *out,
				const char **format, int64_t deadline)
{
	char line[512], word[16];
	unsigned long long n;
	unsigned done, total;
	int r, code;

	for (;;) {
		r = recv_line(c->fd, line, sizeof(line), deadline);
		if (r <= 0) {
			explain_death(c, r < 0);
			return STL_STATUS_IO_ERROR;
		}
		/* OCR's lines before the answer: a page may take its own
		 * limit, so each one moves the deadline on. */
		if (sscanf(line, "PROGRESS %u %u", &done, &total) == 2) {
			if (c->on_progress)
				c->on_progress(c->ctx, done, total);
		} else if (!strncmp(line, "WARN ", 5)) {
			stl_strbuf_addstr(&c->warnings, line + 5);
			stl_strbuf_addch(&c->warnings, '\n');
		} else {
			break;
		}
		deadline = now_ms() + ((int64_t)c->lim.ocr_seconds * 2 +
				       (int64_t)c->lim.cpu_seconds * 2 + 10) * 1000;
	}
	if (sscanf(line, "OK %15s %llu", word, &n) == 2) {
		code = 0;
	} else if (sscanf(line, "ERR %d %llu", &code, &n) == 2 && code > 0) {
		word[0] = '\0';
	} else {
		stop(c, true);
		snprintf(c->why, sizeof(c->why), "respuesta inválida del lector");
		return STL_STATUS_IO_ERROR;
	}
	if (n > c->lim.text * 2 + (1u << 20)) {
		stop(c, true);
		snprintf(c->why, sizeof(c->why),
			 "el texto extraído excede el límite de tamaño");
		return STL_STATUS_INVALID_ARGUMENT;
	}
	stl_strbuf_reset(&c->buf);
	if (!stl_strbuf_grow(&c->buf, (size_t)n))
		return STL_STATUS_OUT_OF_MEMORY;
	r = recv_all(c->fd, c->buf.buf, (size_t)n, deadline);
	if (r <= 0) {
		explain_death(c, r < 0);
		return STL_STATUS_IO_ERROR;
	}
	stl_strbuf_commit(&c->buf, (size_t)n);
	if (code) {
		snprintf(c->why, sizeof(c->why), "%.*s", (int)c->buf.len,
			 c->buf.buf);
		if (code == STL_STATUS_NOT_FOUND ||
		    code == STL_STATUS_OUT_OF_MEMORY)
			return (stl_status_t)code;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	*format = stl_format_name(stl_format_parse(word));
	if (!*format || stl_stext_read(out, c->buf.buf, c->buf.len)) {
		snprintf(c->why, sizeof(c->why), "respuesta inválida del lector");
		return out->failed ? STL_STATUS_OUT_OF_MEMORY
				   : STL_STATUS_INVALID_ARGUMENT;
	}
	return STL_STATUS_SUCCESS;
}

stl_status_t extclient_extract(struct extclient *c, const char *hint,
			       const char *bytes, size_t len,
			       struct stl_stext *out, const char **format,
			       const char **why)
{
	char head[64];
	int64_t deadline;
	int n;

	*format = NULL;
	*why = c->why;
	c->why[0] = '\0';
	stl_strbuf_reset(&c->warnings);
	if (!c->pid && start(c) != STL_STATUS_SUCCESS) {
		snprintf(c->why, sizeof(c->why),
			 "no se pudo iniciar el lector de formatos '%s': %s",
			 c->exe, stl_errno_text(errno));
		return STL_STATUS_IO_ERROR;
	}
	n = snprintf(head, sizeof(head), "%s %zu\n", hint, len);
	if (!send_all(c->fd, head, (size_t)n) || !send_all(c->fd, bytes, len)) {
		explain_death(c, false);
		return STL_STATUS_IO_ERROR;
	}
	deadline = now_ms() + ((int64_t)c->lim.cpu_seconds * 2 + 10) * 1000;
	return read_answer(c, out, format, deadline);
}
