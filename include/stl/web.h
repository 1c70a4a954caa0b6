/*
 * web.h - stlsearch --servir: the search as web pages and a JSON API,
 * served with GNU libmicrohttpd from the same library the command line
 * calls (search_run_on(), output_json(), output_csv()), so a query cannot
 * answer differently in the two.
 *
 * lib/web/server.c: the daemon (thread pool, limits, access log, signals,
 *                   one Xapian reader per thread);
 * lib/web/pages.c:  the routes and the HTML pages;
 * lib/web/html.c:   escaping for where a text goes, the style sheet.
 * Everything is read-only: nothing here writes to the index or the files.
 */
#ifndef STL_WEB_H
#define STL_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "stl/search.h"
#include "stl/strbuf.h"

/* The defaults, documented in man/stlsearch.1 (SERVIDOR). */
#define WEB_DEFAULT_ADDRESS "127.0.0.1:8080"
#define WEB_CONN_LIMIT 256		/* connections at once */
#define WEB_PER_IP_LIMIT 32		/* of them from one address */
#define WEB_TIMEOUT_S 30		/* idle seconds before closing */
#define WEB_MEMORY_LIMIT (64 * 1024)	/* bytes of a request's head */
#define WEB_LIMIT_MAX 1000		/* results of one API request */

struct web_opts {
	const char *db;
	const char *address;	/* "HOST:PORT", "[V6]:PORT"; NULL: default */
	/* "YYYY-MM-DD" deadlines count from, or NULL: each request's date. */
	const char *today;
	unsigned threads;	/* 0: one per core */
	/* The query language as --help explains it, shown by /ayuda. */
	const char *help;
};

/*
 * @s ("127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080") as a socket address
 * in @ss (its length in *@len). Returns 0, or -1 with a malloc'ed
 * one-line Spanish message in *@errmsg (no DNS: literals only).
 */
int web_parse_address(const char *s, struct sockaddr_storage *ss,
		      socklen_t *len, char **errmsg);

/*
 * Serve @o until SIGINT or SIGTERM. Returns the exit code: 0 after a
 * signal, 2 (a message on stderr) when it could not start.
 */
int web_serve(const struct web_opts *o);

/* ---- escaping (html.c) ---------------------------------------------------- */

/*
 * @s appended to @sb escaped for an HTML element or a quoted attribute:
 * & < > " ' as entities; control characters other than tab and newline
 * dropped; bytes that are not UTF-8 as U+FFFD.
 */
void web_html(struct stl_strbuf *sb, const char *s);

/*
 * A snippet made with the markers WEB_HL_ON / WEB_HL_OFF: escaped as by
 * web_html(), the markers as <mark> and </mark>, always balanced.
 */
#define WEB_HL_ON "\x01"
#define WEB_HL_OFF "\x02"
void web_html_marked(struct stl_strbuf *sb, const char *s);

/* @s percent-encoded for a query string value (RFC 3986 unreserved kept,
 * space as %20). */
void web_url(struct stl_strbuf *sb, const char *s);

/* The style sheet served as /estilo.css. */
extern const char web_css[];

/* ---- pages (pages.c) ----------------------------------------------------- */

/* A page for the server to send: status, type, body (owned). */
struct web_page {
	unsigned status;
	const char *type;	/* Content-Type, with charset */
	char *body;
	size_t len;
	/* Extra headers: Allow for 405, Content-Disposition for a file. */
	const char *allow;
	char *disposition;
};

/* What a request gives the pages: the GET arguments through @arg. */
struct web_request {
	const char *method;
	const char *path;
	/* The value of argument @name, its length in *@len; NULL if absent. */
	const char *(*arg)(void *ctx, const char *name, size_t *len);
	void *ctx;
	stl_reader_t **reader;	/* the thread's, opened on first need */
	bool bad_uri;		/* a malformed %-escape: 400 */
};

/*
 * Answer @rq into @pg (release with web_page_release()). Never fails: an
 * error is a page (400, 404, 405, 500, 503).
 */
void web_handle(const struct web_opts *o, const struct web_request *rq,
		struct web_page *pg);
void web_page_release(struct web_page *pg);

#endif /* STL_WEB_H */
