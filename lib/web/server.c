/*
 * server.c - the daemon of stlsearch --servir: libmicrohttpd with a
 * thread pool, limits, an access log on stderr, and one Xapian reader per
 * pool thread (Xapian objects are never shared between threads); see
 * web.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "stl/web.h"
#include "stl/xapian.h"

/* Each pool thread's reader, destroyed when the thread ends. */
static pthread_key_t reader_key;

static void reader_free(void *p)
{
	stl_reader_t **slot = p;

	stl_reader_destroy(*slot);
	free(slot);
}

/* The calling thread's reader slot (its reader NULL until first used). */
static stl_reader_t **thread_reader(void)
{
	stl_reader_t **slot = pthread_getspecific(reader_key);

	if (!slot) {
		slot = calloc(1, sizeof(*slot));
		if (slot && pthread_setspecific(reader_key, slot)) {
			free(slot);
			slot = NULL;
		}
	}
	return slot;
}

static int parse_port(const char *s, unsigned short *port)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > 65535)
		return -1;
	*port = (unsigned short)v;
	return 0;
}

int web_parse_address(const char *s, struct sockaddr_storage *ss,
		      socklen_t *len, char **errmsg)
{
	char host[64];
	const char *colon, *h = s;
	unsigned short port;
	size_t hl;

	memset(ss, 0, sizeof(*ss));
	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (!close || close[1] != ':')
			goto bad;
		h = s + 1;
		hl = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			goto bad;
		hl = (size_t)(colon - s);
	}
	if (hl == 0 || hl >= sizeof(host) || parse_port(colon + 1, &port))
		goto bad;
	memcpy(host, h, hl);
	host[hl] = '\0';
	if (s[0] == '[') {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

		if (inet_pton(AF_INET6, host, &a6->sin6_addr) != 1)
			goto bad;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
		*len = sizeof(*a6);
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)ss;

		if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
			goto bad;
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
		*len = sizeof(*a4);
	}
	return 0;
bad:
	*errmsg = stl_strdup_printf(
		"dirección no válida para --servir: '%s' (use DIRECCIÓN:PUERTO, p. ej. 127.0.0.1:8080 o [::1]:8080)",
		s);
	return -1;
}

struct server {
	const struct web_opts *o;
};

struct arg_ctx {
	struct MHD_Connection *conn;
};

static const char *get_arg(void *ctx, const char *name, size_t *len)
{
	struct arg_ctx *a = ctx;
	const char *v = NULL;
	size_t n = 0;

	if (MHD_lookup_connection_value_n(a->conn, MHD_GET_ARGUMENT_KIND, name,
					  strlen(name), &v, &n) != MHD_YES)
		return NULL;
	if (len)
		*len = n;
	return v ? v : "";
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One line a request: time, client, status, duration, method and path. */
static void access_log(struct MHD_Connection *conn, unsigned status,
		       double ms, const char *method, const char *url)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char client[INET6_ADDRSTRLEN + 8] = "-", stamp[32];
	struct tm tm;
	time_t now = time(NULL);

	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
				  &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  client, sizeof(client));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
				  client, sizeof(client));
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* The path as received: control bytes would forge log lines. */
	fprintf(stderr, "%s %s %u %.1fms %s ", stamp, client, status, ms,
		method);
	for (; *url; url++)
		fputc((unsigned char)*url < 0x20 || *url == 0x7f ? '?' : *url,
		      stderr);
	fputc('\n', stderr);
}

static void security_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cache-Control", "no-store");
}

/* A request whose URI is malformed: the handler answers 400. */
static char bad_uri;

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/*
 * Called with the raw URI before libmicrohttpd decodes it (which keeps a
 * bad escape as it is): a '%' not followed by two hex digits, or an
 * escaped NUL, marks the request bad through its *con_cls.
 */
static void *check_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	const char *p;

	(void)cls;
	(void)c;
	for (p = uri; (p = strchr(p, '%')); p++)
		if (!is_hex(p[1]) || !is_hex(p[2]) ||
		    (p[1] == '0' && p[2] == '0'))
			return &bad_uri;
	return NULL;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct arg_ctx a = { .conn = conn };
	struct web_request rq = { .method = method, .path = url,
				  .arg = get_arg, .ctx = &a };
	struct web_page pg = { 0 };
	struct MHD_Response *r;
	enum MHD_Result ret;
	double t0 = now_ms();

	(void)version;
	(void)upload;
	/* A body is never read: whatever came, the answer is 405 or the
	 * page; it is skipped. */
	*upload_size = 0;
	rq.reader = thread_reader();
	rq.bad_uri = *con_cls == &bad_uri;
	web_handle(s->o, &rq, &pg);
	r = MHD_create_response_from_buffer(pg.len, pg.body,
					    MHD_RESPMEM_MUST_FREE);
	if (!r) {
		web_page_release(&pg);
		return MHD_NO;
	}
	pg.body = NULL;
	MHD_add_response_header(r, "Content-Type", pg.type);
	if (pg.allow)
		MHD_add_response_header(r, "Allow", pg.allow);
	if (pg.disposition)
		MHD_add_response_header(r, "Content-Disposition",
					pg.disposition);
	security_headers(r);
	ret = MHD_queue_response(conn, pg.status, r);
	MHD_destroy_response(r);
	access_log(conn, pg.status, now_ms() - t0, method, url);
	web_page_release(&pg);
	return ret;
}

/* libmicrohttpd's own complaints (a malformed request), on one line. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap;
}

static unsigned cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

int web_serve(const struct web_opts *o)
{
	const char *addr = o->address ? o->address : WEB_DEFAULT_ADDRESS;
	struct server s = { .o = o };
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
	unsigned threads = o->threads ? o->threads : cores();
	char *msg = NULL;
	socklen_t len;
	sigset_t set;
	int sig = 0;

	if (web_parse_address(addr, &ss, &len, &msg)) {
		fprintf(stderr, "stlsearch: %s\n", msg);
		free(msg);
		return 2;
	}
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (pthread_key_create(&reader_key, reader_free)) {
		fputs("stlsearch: memoria insuficiente\n", stderr);
		return 2;
	}
	/* The pool threads inherit the mask: the signals come here. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(flags, 0, NULL, NULL, handle, &s,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_THREAD_POOL_SIZE, threads,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONN_LIMIT,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT,
			     (unsigned)WEB_PER_IP_LIMIT,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)WEB_TIMEOUT_S,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT,
			     (size_t)WEB_MEMORY_LIMIT,
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
			     MHD_OPTION_URI_LOG_CALLBACK, check_uri, NULL,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr,
			"stlsearch: no se puede servir en '%s': %s\n", addr,
			errno ? strerror(errno) : "dirección ocupada o no permitida");
		pthread_key_delete(reader_key);
		return 2;
	}
	fprintf(stderr, "stlsearch: sirviendo el índice '%s' en http://%s/ (%u hilos; Ctrl+C termina)\n",
		o->db, addr, threads);
	while (sig != SIGINT && sig != SIGTERM)
		if (sigwait(&set, &sig))
			break;
	MHD_stop_daemon(d);
	pthread_key_delete(reader_key);
	fputs("stlsearch: servidor detenido\n", stderr);
	return 0;
}
