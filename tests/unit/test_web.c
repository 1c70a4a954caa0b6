/*
 * test_web.c - escaping for HTML and URLs, addresses for --servir, and
 * the routes that need no index (lib/web/).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "stl/web.h"

static char *esc(void (*fn)(struct stl_strbuf *, const char *),
		 const char *s)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	fn(&sb, s);
	assert_false(stl_strbuf_failed(&sb));
	return stl_strbuf_detach(&sb, NULL);
}

#define assert_esc(fn, in, out)                                        \
	do {                                                           \
		char *got_ = esc(fn, in);                              \
		assert_string_equal(got_, out);                        \
		free(got_);                                            \
	} while (0)

static void test_html(void **state)
{
	(void)state;
	assert_esc(web_html, "<script>alert(1)</script>",
		   "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_esc(web_html, "\"><img src=x onerror=alert(1)>",
		   "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	assert_esc(web_html, "a & b 'c'", "a &amp; b &#39;c&#39;");
	assert_esc(web_html, "Begoña Núñez «x»", "Begoña Núñez «x»");
	/* Control characters go (an ESC, a NUL-like marker), tab stays. */
	assert_esc(web_html, "a\x1b[1mb\tc\x01", "a[1mb\tc");
	/* Not UTF-8: U+FFFD, never the raw byte. */
	assert_esc(web_html, "a\xff<\xc3", "a\xef\xbf\xbd&lt;\xef\xbf\xbd");
	assert_esc(web_html, NULL, "");
}

static void test_marked(void **state)
{
	(void)state;
	assert_esc(web_html_marked, "la " WEB_HL_ON "hoja" WEB_HL_OFF " <b>",
		   "la <mark>hoja</mark> &lt;b&gt;");
	/* Unbalanced markers (a minute may hold the bytes) stay balanced. */
	assert_esc(web_html_marked, WEB_HL_OFF "a" WEB_HL_ON "b" WEB_HL_ON "c",
		   "a<mark>bc</mark>");
}

static void test_url(void **state)
{
	(void)state;
	assert_esc(web_url, "hoja de ruta", "hoja%20de%20ruta");
	assert_esc(web_url, "asistente:\"Álvarez\"&x=1#y",
		   "asistente%3A%22%C3%81lvarez%22%26x%3D1%23y");
	assert_esc(web_url, "a-b_c.d~", "a-b_c.d~");
	assert_esc(web_url, "<>'", "%3C%3E%27");
}

static void test_address(void **state)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char *msg = NULL;

	(void)state;
	assert_int_equal(web_parse_address("127.0.0.1:8080", &ss, &len, &msg), 0);
	assert_int_equal(ss.ss_family, AF_INET);
	assert_int_equal(ntohs(((struct sockaddr_in *)&ss)->sin_port), 8080);
	assert_int_equal(web_parse_address("[::1]:80", &ss, &len, &msg), 0);
	assert_int_equal(ss.ss_family, AF_INET6);
	assert_int_equal(len, sizeof(struct sockaddr_in6));
	assert_int_equal(web_parse_address("0.0.0.0:65535", &ss, &len, &msg), 0);
	assert_int_equal(web_parse_address("localhost:80", &ss, &len, &msg), -1);
	assert_non_null(strstr(msg, "'localhost:80'"));
	free(msg);
	msg = NULL;
	assert_int_equal(web_parse_address("1.2.3.4:0", &ss, &len, &msg), -1);
	free(msg);
	msg = NULL;
	assert_int_equal(web_parse_address("1.2.3.4", &ss, &len, &msg), -1);
	free(msg);
	msg = NULL;
	assert_int_equal(web_parse_address("::1:80", &ss, &len, &msg), -1);
	free(msg);
	msg = NULL;
	assert_int_equal(web_parse_address("[::1]80", &ss, &len, &msg), -1);
	free(msg);
}

/* A request with the arguments of @args ("name=value" pairs). */
struct fake {
	const char *const *args;
};

static const char *fake_arg(void *ctx, const char *name, size_t *len)
{
	const struct fake *f = ctx;
	size_t i, n = strlen(name);

	for (i = 0; f->args && f->args[i]; i++)
		if (!strncmp(f->args[i], name, n) && f->args[i][n] == '=') {
			if (len)
				*len = strlen(f->args[i] + n + 1);
			return f->args[i] + n + 1;
		}
	return NULL;
}

static unsigned status_of(const char *method, const char *path,
			  const char *const *args, bool bad_uri,
			  struct web_page *pg)
{
	static const struct web_opts o = { .db = "/nonexistent/stl-db" };
	struct fake f = { args };
	stl_reader_t *r = NULL;
	struct web_request rq = { .method = method, .path = path,
				  .arg = fake_arg, .ctx = &f, .reader = &r,
				  .bad_uri = bad_uri };

	web_handle(&o, &rq, pg);
	stl_reader_destroy(r);
	return pg->status;
}

static void test_routes(void **state)
{
	static const char *const bad_kind[] = { "q=x", "tipo=nada", NULL };
	static const char *const bad_page[] = { "q=x", "pagina=0", NULL };
	struct web_page pg;

	(void)state;
	assert_int_equal(status_of("POST", "/buscar", NULL, false, &pg), 405);
	assert_string_equal(pg.allow, "GET, HEAD");
	assert_string_equal(pg.type, "text/html; charset=utf-8");
	web_page_release(&pg);
	assert_int_equal(status_of("GET", "/nada", NULL, false, &pg), 404);
	assert_non_null(strstr(pg.body, "<html lang=\"es\">"));
	web_page_release(&pg);
	assert_int_equal(status_of("GET", "/estilo.css", NULL, false, &pg), 200);
	assert_string_equal(pg.type, "text/css; charset=utf-8");
	assert_int_equal(pg.len, strlen(web_css));
	web_page_release(&pg);
	assert_int_equal(status_of("GET", "/buscar", NULL, true, &pg), 400);
	web_page_release(&pg);
	assert_int_equal(status_of("GET", "/buscar", bad_kind, false, &pg), 400);
	web_page_release(&pg);
	assert_int_equal(status_of("GET", "/buscar", bad_page, false, &pg), 400);
	web_page_release(&pg);
	assert_int_equal(status_of("GET", "/../etc/passwd", NULL, false, &pg), 400);
	web_page_release(&pg);
	/* No index there: a page saying so, not a crash. */
	assert_int_equal(status_of("GET", "/api/buscar", NULL, false, &pg), 503);
	assert_non_null(strstr(pg.body, "stlindex"));
	web_page_release(&pg);
	assert_int_equal(status_of("GET", "/minuta/0123456789abcdef", NULL,
				   false, &pg), 503);
	web_page_release(&pg);
	assert_int_equal(status_of("GET", "/archivo/x", NULL, false, &pg), 404);
	web_page_release(&pg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_marked),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_routes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
