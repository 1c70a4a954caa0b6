/*
 * pages.c - the routes of stlsearch --servir and their pages, rendered
 * on the server from the search library's results; see web.h.
 *
 *   /  /buscar?q=&tipo=&orden=&pagina=   search page
 *   /minuta/ID                           one minute whole
 *   /archivo/ID                          its original file, if unchanged
 *   /ayuda  /estilo.css
 *   /api/buscar?q=&tipo=&orden=&limit=&offset=[&formato=csv]
 *   /api/buscar.csv?...                  what --json / --csv print
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>
#include <xxhash.h>

#include "stl/followup.h"
#include "stl/output.h"
#include "stl/paths.h"
#include "stl/schema.h"
#include "stl/web.h"

#include "../../indexer/state.h"

#define PAGE_SIZE 10
#define ARG_MAX_BYTES 2000	/* a query longer than this is refused */
#define FILE_MAX (64 * 1024 * 1024)	/* originals served, at most */

static const char html_type[] = "text/html; charset=utf-8";

void web_page_release(struct web_page *pg)
{
	free(pg->body);
	free(pg->disposition);
	memset(pg, 0, sizeof(*pg));
}

/* ---- page frame ---------------------------------------------------------- */

static void page_begin(struct stl_strbuf *sb, const char *title,
		       const char *q, enum stl_doc_kind kind)
{
	static const char *const kinds[][2] = { { "minuta", "minutas" },
						{ "acuerdo", "acuerdos" },
						{ "todo", "minutas y acuerdos" } };
	const char *sel = kind == STL_DOC_AGREEMENT ? "acuerdo"
			  : kind == STL_DOC_ANY     ? "todo"
						    : "minuta";
	size_t i;

	stl_strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n"
			      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	web_html(sb, title);
	stl_strbuf_addstr(sb, " · Minutas</title>\n<link rel=\"stylesheet\" href=\"/estilo.css\">\n</head>\n<body>\n"
			      "<header>\n<a class=\"inicio\" href=\"/\">Minutas</a>\n"
			      "<form class=\"buscar\" action=\"/buscar\" method=\"get\" role=\"search\">\n"
			      "<label for=\"q\">Buscar en las minutas</label>\n"
			      "<input type=\"search\" id=\"q\" name=\"q\" value=\"");
	web_html(sb, q);
	stl_strbuf_addstr(sb, "\">\n<label for=\"tipo\" class=\"en\">en</label>\n<select id=\"tipo\" name=\"tipo\">\n");
	for (i = 0; i < 3; i++)
		stl_strbuf_addf(sb, "<option value=\"%s\"%s>%s</option>\n",
				kinds[i][0],
				strcmp(sel, kinds[i][0]) ? "" : " selected",
				kinds[i][1]);
	stl_strbuf_addstr(sb, "</select>\n<button type=\"submit\">Buscar</button>\n"
			      "<a href=\"/ayuda\">Cómo buscar</a>\n</form>\n</header>\n<main>\n");
}

static void page_end(struct stl_strbuf *sb)
{
	stl_strbuf_addstr(sb, "</main>\n<footer>stlsearch · solo lectura · <a href=\"/ayuda\">ayuda</a></footer>\n</body>\n</html>\n");
}

static void set_body(struct web_page *pg, unsigned status, const char *type,
		     struct stl_strbuf *sb)
{
	pg->status = status;
	pg->type = type;
	if (stl_strbuf_failed(sb)) {
		stl_strbuf_release(sb);
		pg->status = 500;
		pg->type = "text/plain; charset=utf-8";
		pg->body = strdup("memoria insuficiente\n");
		pg->len = pg->body ? strlen(pg->body) : 0;
		return;
	}
	pg->body = stl_strbuf_detach(sb, &pg->len);
}

/* A short page saying what went wrong. */
static void error_page(struct web_page *pg, unsigned status,
		       const char *title, const char *why)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	page_begin(&sb, title, "", STL_DOC_MINUTE);
	stl_strbuf_addstr(&sb, "<h1>");
	web_html(&sb, title);
	stl_strbuf_addstr(&sb, "</h1>\n<p>");
	web_html(&sb, why);
	stl_strbuf_addstr(&sb, "</p>\n<p><a href=\"/\">Volver a la búsqueda</a></p>\n");
	page_end(&sb);
	set_body(pg, status, html_type, &sb);
}

/* ---- arguments ----------------------------------------------------------- */

struct args {
	const char *q;		/* "" if absent */
	struct search_opts o;
	const char *tipo, *orden;	/* as given, for links; NULL: absent */
	unsigned page;		/* 1-based */
	const char *bad;	/* why the request is refused, or NULL */
};

/* Argument @name: NULL if absent; sets a->bad for a NUL or bad UTF-8. */
static const char *arg(const struct web_request *rq, struct args *a,
		       const char *name)
{
	size_t len = 0;
	const char *v = rq->arg(rq->ctx, name, &len);

	if (!v)
		return NULL;
	if (strlen(v) != len || len > ARG_MAX_BYTES ||
	    u8_check((const uint8_t *)v, len)) {
		a->bad = "un argumento de la dirección es demasiado largo o no es texto válido (UTF-8)";
		return NULL;
	}
	return v;
}

static int parse_uint(const char *s, unsigned max, unsigned *out)
{
	char *end;
	long v;

	if (!s)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0 || v > (long)max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* The words of --orden, as the command line reads them. */
static int parse_sort(const char *v, struct search_opts *o)
{
	static const struct { const char *w; stl_sort_t s; bool dl; } t[] = {
		{ "relevancia", STL_SORT_RELEVANCE, false },
		{ "fecha", STL_SORT_VALUE_ASC, false },
		{ "-fecha", STL_SORT_VALUE_DESC, false },
		{ "plazo", STL_SORT_VALUE_ASC, true },
		{ "-plazo", STL_SORT_VALUE_DESC, true },
	};
	size_t i;

	for (i = 0; v && i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(v, t[i].w)) {
			o->sort = t[i].s;
			o->sort_by_deadline = t[i].dl;
			return 0;
		}
	return v ? -1 : 0;
}

/* The search arguments every search route reads. */
static void read_args(const struct web_opts *wo, const struct web_request *rq,
		      struct args *a)
{
	memset(a, 0, sizeof(*a));
	a->o.db = wo->db;
	a->o.kind = STL_DOC_MINUTE;
	a->o.limit = PAGE_SIZE;
	a->o.snippet_max = 240;
	a->o.today = wo->today;
	a->o.take_suggestion = true;
	a->o.hl_on = a->o.hl_off = "";
	a->page = 1;
	a->q = arg(rq, a, "q");
	a->tipo = arg(rq, a, "tipo");
	a->orden = arg(rq, a, "orden");
	if (!a->q)
		a->q = "";
	a->o.query = a->q;
	if (a->tipo && !stl_schema_kind_parse(a->tipo, &a->o.kind))
		a->bad = "tipo no válido: use minuta, acuerdo o todo";
	if (parse_sort(a->orden, &a->o))
		a->bad = "orden no válido: use relevancia, fecha, -fecha, plazo o -plazo";
}

/* ---- running a search ------------------------------------------------------ */

/* The thread's reader, opened the first time; NULL if it cannot be (the
 * search then opens its own and says why). */
static stl_reader_t *reader(const struct web_opts *wo,
			    const struct web_request *rq)
{
	char *msg = NULL;

	if (!rq->reader)
		return NULL;
	if (!*rq->reader && !stl_db_check_links(wo->db, &msg))
		stl_reader_open(wo->db, rq->reader, &msg);
	free(msg);
	return *rq->reader;
}

/* A reader that failed is dropped: the next request opens the index
 * afresh (it may have been replaced). */
static void drop_reader(const struct web_request *rq)
{
	if (rq->reader) {
		stl_reader_destroy(*rq->reader);
		*rq->reader = NULL;
	}
}

static stl_status_t run(const struct web_opts *wo,
			const struct web_request *rq,
			const struct search_opts *o,
			struct search_result *res, char **msg)
{
	stl_reader_t *r = reader(wo, rq);
	stl_status_t st = search_run_on(r, o, res, msg);

	if (st && st != STL_STATUS_BAD_QUERY && r) {
		search_result_release(res);
		free(*msg);
		drop_reader(rq);
		st = search_run_on(reader(wo, rq), o, res, msg);
	}
	return st;
}

/* The page for a failed search or minute lookup. */
static void search_error(struct web_page *pg, stl_status_t st,
			 const char *msg)
{
	if (st == STL_STATUS_BAD_QUERY || st == STL_STATUS_INVALID_ARGUMENT)
		error_page(pg, 400, "Consulta no válida", msg ? msg : "");
	else if (st == STL_STATUS_DATABASE_NOT_FOUND ||
		 st == STL_STATUS_DATABASE_VERSION)
		error_page(pg, 503, "Índice no disponible", msg ? msg : "");
	else
		error_page(pg, 500, "Error",
			   msg ? msg : stl_status_to_string(st));
}

/* ---- the search page ------------------------------------------------------- */

/* A link to the search with @q, @tipo, @orden and @page (0: none). */
static void search_href(struct stl_strbuf *sb, const char *base,
			const char *q, const char *tipo, const char *orden,
			unsigned page)
{
	stl_strbuf_addstr(sb, base);
	stl_strbuf_addstr(sb, "?q=");
	web_url(sb, q);
	if (tipo) {
		stl_strbuf_addstr(sb, "&amp;tipo=");
		web_url(sb, tipo);
	}
	if (orden) {
		stl_strbuf_addstr(sb, "&amp;orden=");
		web_url(sb, orden);
	}
	if (page > 1)
		stl_strbuf_addf(sb, "&amp;pagina=%u", page);
}

static const char *kind_word(enum stl_doc_kind k)
{
	return k == STL_DOC_AGREEMENT ? "acuerdo"
	       : k == STL_DOC_ANY     ? "todo"
				      : "minuta";
}

static void minute_href(struct stl_strbuf *sb, const char *id)
{
	char key[STL_SCHEMA_KEY_SIZE];
	unsigned number = 0;

	if (!stl_schema_id_parse(id, key, &number)) {
		stl_strbuf_addstr(sb, "/");
		return;
	}
	stl_strbuf_addf(sb, "/minuta/%s", key);
	if (number)
		stl_strbuf_addf(sb, "#acuerdo-%u", number);
}

static void one_hit(struct stl_strbuf *sb, const struct search_hit *h)
{
	const struct stl_record *rec = h->record;
	const struct stl_minute *m = rec->minute;
	bool agr = rec->kind == STL_DOC_AGREEMENT;
	size_t i;

	stl_strbuf_addstr(sb, "<li>\n<h2><a href=\"");
	minute_href(sb, h->id);
	stl_strbuf_addstr(sb, "\">");
	if (agr)
		stl_strbuf_addf(sb, "Acuerdo %u · ", rec->agreement.number);
	web_html(sb, *m->date ? m->date : "sin fecha");
	stl_strbuf_addstr(sb, " · ");
	web_html(sb, m->event && *m->event ? m->event : "sin evento");
	stl_strbuf_addstr(sb, "</a></h2>\n<p class=\"meta\">");
	if (*m->time) {
		web_html(sb, m->time);
		stl_strbuf_addstr(sb, " h · ");
	}
	stl_strbuf_addstr(sb, "<span class=\"ruta\">");
	web_html(sb, rec->path);
	stl_strbuf_addstr(sb, "</span></p>\n");
	if (h->snippet && *h->snippet) {
		stl_strbuf_addstr(sb, "<p>");
		web_html_marked(sb, h->snippet);
		stl_strbuf_addstr(sb, "</p>\n");
	}
	if (h->nsubs) {
		stl_strbuf_addstr(sb, "<ul class=\"acuerdos\">\n");
		for (i = 0; i < h->nsubs; i++) {
			stl_strbuf_addf(sb, "<li><a href=\"/minuta/%.16s#acuerdo-%u\">Acuerdo %u</a>: ",
					h->id, h->subs[i].number,
					h->subs[i].number);
			web_html_marked(sb, h->subs[i].snippet);
			stl_strbuf_addstr(sb, "</li>\n");
		}
		stl_strbuf_addstr(sb, "</ul>\n");
	}
	stl_strbuf_addstr(sb, "</li>\n");
}

/* The field a facet filters by. */
static const char *facet_field(const char *name)
{
	if (!strcmp(name, "año"))
		return "fecha";
	if (!strcmp(name, "institucion"))
		return "institucion";
	if (!strcmp(name, "asistente"))
		return "asistente";
	return NULL;
}

static void facets(struct stl_strbuf *sb, const struct args *a,
		   const struct search_result *res)
{
	struct stl_strbuf q = STL_STRBUF_INIT;
	size_t i, k;

	stl_strbuf_addstr(sb, "<aside aria-label=\"Filtros\">\n");
	for (i = 0; i < res->nfacets; i++) {
		const struct search_facet *f = &res->facets[i];
		const char *field = facet_field(f->name);

		if (!field || !f->n)
			continue;
		stl_strbuf_addstr(sb, "<h2>");
		web_html(sb, f->label);
		stl_strbuf_addstr(sb, "</h2>\n<ul>\n");
		for (k = 0; k < f->n && k < 12; k++) {
			const char *v = f->values[k].value;

			if (strchr(v, '"'))
				continue;
			stl_strbuf_reset(&q);
			stl_strbuf_addf(&q, "%s%s%s:%s%s%s", a->q,
					*a->q ? " " : "", field,
					strchr(v, ' ') ? "\"" : "", v,
					strchr(v, ' ') ? "\"" : "");
			stl_strbuf_addstr(sb, "<li><a href=\"");
			search_href(sb, "/buscar", q.buf, a->tipo, a->orden, 0);
			stl_strbuf_addstr(sb, "\">");
			web_html(sb, v);
			stl_strbuf_addf(sb, "</a> <span class=\"nota\">(%u)</span></li>\n",
					f->values[k].count);
		}
		stl_strbuf_addstr(sb, "</ul>\n");
	}
	stl_strbuf_addstr(sb, "</aside>\n");
	stl_strbuf_release(&q);
}

static void choice_nav(struct stl_strbuf *sb, const struct args *a,
		       const char *cls, const char *label, bool sorts)
{
	static const char *const sorts_w[][2] = {
		{ "relevancia", "relevancia" }, { "-fecha", "recientes" },
		{ "fecha", "antiguas" }, { "plazo", "plazo próximo" },
	};
	static const char *const kinds_w[][2] = {
		{ "minuta", "minutas" }, { "acuerdo", "acuerdos" },
		{ "todo", "todo" },
	};
	const char *const (*w)[2] = sorts ? sorts_w : kinds_w;
	size_t n = sorts ? 4 : 3, i;
	const char *cur = sorts ? (a->orden ? a->orden : "relevancia")
				: kind_word(a->o.kind);

	stl_strbuf_addf(sb, "<nav class=\"%s\" aria-label=\"%s\">%s: ", cls,
			label, label);
	for (i = 0; i < n; i++) {
		if (!strcmp(cur, w[i][0])) {
			stl_strbuf_addf(sb, "<strong>%s</strong>", w[i][1]);
			continue;
		}
		stl_strbuf_addstr(sb, "<a href=\"");
		if (sorts)
			search_href(sb, "/buscar", a->q, a->tipo, w[i][0], 0);
		else
			search_href(sb, "/buscar", a->q, w[i][0], a->orden, 0);
		stl_strbuf_addf(sb, "\">%s</a>", w[i][1]);
	}
	stl_strbuf_addstr(sb, "</nav>\n");
}

static void pages_nav(struct stl_strbuf *sb, const struct args *a,
		      const struct search_result *res)
{
	unsigned last = (res->matches + PAGE_SIZE - 1) / PAGE_SIZE, p;

	if (last <= 1)
		return;
	stl_strbuf_addstr(sb, "<nav class=\"paginas\" aria-label=\"Páginas\">");
	if (a->page > 1) {
		stl_strbuf_addstr(sb, "<a rel=\"prev\" href=\"");
		search_href(sb, "/buscar", a->q, a->tipo, a->orden, a->page - 1);
		stl_strbuf_addstr(sb, "\">« anterior</a>");
	}
	for (p = a->page > 4 ? a->page - 4 : 1; p <= last && p <= a->page + 4;
	     p++) {
		if (p == a->page) {
			stl_strbuf_addf(sb, "<strong aria-current=\"page\">%u</strong>", p);
			continue;
		}
		stl_strbuf_addstr(sb, "<a href=\"");
		search_href(sb, "/buscar", a->q, a->tipo, a->orden, p);
		stl_strbuf_addf(sb, "\">%u</a>", p);
	}
	if (a->page < last) {
		stl_strbuf_addstr(sb, "<a rel=\"next\" href=\"");
		search_href(sb, "/buscar", a->q, a->tipo, a->orden, a->page + 1);
		stl_strbuf_addstr(sb, "\">siguiente »</a>");
	}
	stl_strbuf_addstr(sb, "</nav>\n");
}

static void nothing_found(struct stl_strbuf *sb, const struct args *a)
{
	stl_strbuf_addstr(sb, "<p>No se encontró nada para «");
	web_html(sb, a->q);
	stl_strbuf_addstr(sb, "».</p>\n<p>Pruebe con menos palabras o sin campos, revise los acentos no hacen falta: "
			      "<em>hoja de ruta</em> encuentra «Hoja de Ruta». Busque una frase exacta entre comillas, "
			      "una fecha con <em>fecha:2020</em>, una persona con <em>persona:alvarez</em>. "
			      "<a href=\"/ayuda\">Todo el lenguaje de consulta</a>.</p>\n");
}

static void search_page(const struct web_opts *wo,
			const struct web_request *rq, struct web_page *pg)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	struct search_result res = { 0 };
	struct args a;
	char *msg = NULL;
	stl_status_t st;
	size_t i;

	read_args(wo, rq, &a);
	if (parse_uint(arg(rq, &a, "pagina"), 100000, &a.page) || !a.page)
		a.bad = "página no válida";
	if (a.bad) {
		error_page(pg, 400, "Petición no válida", a.bad);
		return;
	}
	if (!strcmp(rq->path, "/") && !rq->arg(rq->ctx, "q", NULL)) {
		page_begin(&sb, "Buscar", "", STL_DOC_MINUTE);
		stl_strbuf_addstr(&sb, "<h1>Buscar en las minutas</h1>\n<p>Escriba palabras, una frase entre comillas o campos como "
				       "<em>fecha:2020</em> o <em>persona:alvarez</em>; sin palabras se listan todas, las recientes primero. "
				       "<a href=\"/ayuda\">Cómo buscar</a>.</p>\n");
		page_end(&sb);
		set_body(pg, 200, html_type, &sb);
		return;
	}
	a.o.offset = (a.page - 1) * PAGE_SIZE;
	a.o.facets = true;
	a.o.hl_on = WEB_HL_ON;
	a.o.hl_off = WEB_HL_OFF;
	st = run(wo, rq, &a.o, &res, &msg);
	if (st) {
		search_error(pg, st, msg);
		goto out;
	}
	page_begin(&sb, *a.q ? a.q : "Todas las minutas", a.q, a.o.kind);
	stl_strbuf_addstr(&sb, "<h1 class=\"cuenta\">");
	stl_strbuf_addf(&sb, "%s%u resultado%s", res.exact ? "" : "unos ",
			res.matches, res.matches == 1 ? "" : "s");
	if (*a.q) {
		stl_strbuf_addstr(&sb, " para «");
		web_html(&sb, a.q);
		stl_strbuf_addstr(&sb, "»");
	}
	stl_strbuf_addstr(&sb, "</h1>\n");
	if (res.suggestion) {
		stl_strbuf_addstr(&sb, res.from_suggestion
				  ? "<p>No se encontró nada; se muestran los resultados de «<a href=\""
				  : "<p>¿Quiso decir «<a href=\"");
		search_href(&sb, "/buscar", res.suggestion, a.tipo, a.orden, 0);
		stl_strbuf_addstr(&sb, "\">");
		web_html(&sb, res.suggestion);
		stl_strbuf_addstr(&sb, "</a>»?</p>\n");
	}
	choice_nav(&sb, &a, "tipos", "Buscar en", false);
	choice_nav(&sb, &a, "orden", "Ordenar por", true);
	if (!res.matches) {
		nothing_found(&sb, &a);
		goto done;
	}
	stl_strbuf_addstr(&sb, "<div class=\"disposicion\">\n");
	facets(&sb, &a, &res);
	stl_strbuf_addstr(&sb, "<section aria-label=\"Resultados\">\n<ol class=\"resultados\">\n");
	for (i = 0; i < res.nhits; i++)
		one_hit(&sb, &res.hits[i]);
	stl_strbuf_addstr(&sb, "</ol>\n");
	pages_nav(&sb, &a, &res);
	stl_strbuf_addstr(&sb, "<nav class=\"exportar\" aria-label=\"Exportar\">Exportar: <a href=\"");
	search_href(&sb, "/api/buscar", a.q, a.tipo, a.orden, 0);
	stl_strbuf_addstr(&sb, "&amp;limit=1000\">JSON</a>");
	if (a.o.kind != STL_DOC_ANY) {
		stl_strbuf_addstr(&sb, "<a href=\"");
		search_href(&sb, "/api/buscar.csv", a.q, a.tipo, a.orden, 0);
		stl_strbuf_addstr(&sb, "&amp;limit=1000\">CSV</a>");
	}
	stl_strbuf_addstr(&sb, "</nav>\n</section>\n</div>\n");
done:
	page_end(&sb);
	set_body(pg, 200, html_type, &sb);
out:
	search_result_release(&res);
	free(msg);
}

/* ---- the API ----------------------------------------------------------------- */

static void api(const struct web_opts *wo, const struct web_request *rq,
		struct web_page *pg, bool csv)
{
	struct search_result res = { 0 };
	const char *formato, *excel;
	struct args a;
	char *msg = NULL, *buf = NULL;
	size_t len = 0;
	stl_status_t st;
	FILE *f;
	int w;

	read_args(wo, rq, &a);
	formato = arg(&*rq, &a, "formato");
	excel = arg(rq, &a, "excel");
	if (parse_uint(arg(rq, &a, "limit"), WEB_LIMIT_MAX, &a.o.limit) ||
	    parse_uint(arg(rq, &a, "offset"), 1000000, &a.o.offset))
		a.bad = "limit u offset no válido (limit de 0 a 1000)";
	if (formato && !strcmp(formato, "csv"))
		csv = true;
	else if (formato && strcmp(formato, "json"))
		a.bad = "formato no válido: use json o csv";
	if (csv && a.o.kind == STL_DOC_ANY)
		a.bad = "el CSV da una tabla de minutas o de acuerdos: use tipo=minuta o tipo=acuerdo";
	a.o.facets = rq->arg(rq->ctx, "facetas", NULL) != NULL;
	if (a.bad) {
		error_page(pg, 400, "Petición no válida", a.bad);
		return;
	}
	st = run(wo, rq, &a.o, &res, &msg);
	if (st) {
		search_error(pg, st, msg);
		goto out;
	}
	f = open_memstream(&buf, &len);
	if (!f) {
		error_page(pg, 500, "Error", "memoria insuficiente");
		goto out;
	}
	w = csv ? output_csv(f, &res, &a.o, excel && !strcmp(excel, "1"))
		: output_json(f, &res, &a.o);
	if (fclose(f) || w < 0) {
		free(buf);
		error_page(pg, 500, "Error", "no se pudo escribir la respuesta");
		goto out;
	}
	pg->status = 200;
	pg->type = csv ? "text/csv; charset=utf-8"
		       : "application/x-ndjson; charset=utf-8";
	pg->body = buf;
	pg->len = len;
	if (csv)
		pg->disposition = strdup("attachment; filename=\"minutas.csv\"");
out:
	search_result_release(&res);
	free(msg);
}

/* ---- one minute ---------------------------------------------------------------- */

/* The minute of the id in @path after @prefix, in *@h. 0, or the page is
 * set (404, ...). */
static int find_minute(const struct web_opts *wo, const struct web_request *rq,
		       const char *id, struct search_hit *h,
		       struct web_page *pg)
{
	char key[STL_SCHEMA_KEY_SIZE], *msg = NULL;
	unsigned number = 0;
	stl_status_t st;

	if (strlen(id) != STL_SCHEMA_KEY_SIZE - 1 ||
	    !stl_schema_id_parse(id, key, &number) || number) {
		error_page(pg, 404, "No existe", "ninguna minuta tiene ese id");
		return -1;
	}
	st = search_minute_by_key_on(reader(wo, rq), wo->db, key,
				     wo->today, h, &msg);
	if (st && st != STL_STATUS_NOT_FOUND && *rq->reader) {
		free(msg);
		drop_reader(rq);
		st = search_minute_by_key_on(reader(wo, rq), wo->db, key,
					     wo->today, h, &msg);
	}
	if (st == STL_STATUS_NOT_FOUND)
		error_page(pg, 404, "No existe",
			   "ninguna minuta del índice tiene ese id (puede haberse borrado o cambiado)");
	else if (st)
		search_error(pg, st, msg);
	free(msg);
	return st ? -1 : 0;
}

static void link_to(struct stl_strbuf *sb, const char *rel, const char *label,
		    const struct search_link *l)
{
	if (!*l->id)
		return;
	stl_strbuf_addf(sb, "<a rel=\"%s\" href=\"/minuta/%s\">%s", rel,
			l->id, label);
	if (*l->date) {
		stl_strbuf_addstr(sb, " (");
		web_html(sb, l->date);
		stl_strbuf_addstr(sb, ")");
	}
	stl_strbuf_addstr(sb, "</a> ");
}

static void minute_header(struct stl_strbuf *sb, const struct search_hit *h)
{
	const struct stl_minute *m = h->record->minute;

	stl_strbuf_addstr(sb, "<h1>");
	web_html(sb, m->title && *m->title ? m->title : "Minuta");
	stl_strbuf_addstr(sb, "</h1>\n<table>\n<tr><th scope=\"row\">Fecha</th><td>");
	web_html(sb, *m->date ? m->date : "sin fecha");
	if (*m->time) {
		stl_strbuf_addstr(sb, ", ");
		web_html(sb, m->time);
		stl_strbuf_addstr(sb, " h");
	}
	stl_strbuf_addstr(sb, "</td></tr>\n<tr><th scope=\"row\">Evento</th><td>");
	web_html(sb, m->event);
	stl_strbuf_addstr(sb, "</td></tr>\n");
	if (m->city || m->medium) {
		stl_strbuf_addstr(sb, "<tr><th scope=\"row\">Lugar</th><td>");
		web_html(sb, m->city);
		if (m->city && m->medium)
			stl_strbuf_addstr(sb, "; ");
		web_html(sb, m->medium);
		stl_strbuf_addstr(sb, "</td></tr>\n");
	}
	stl_strbuf_addstr(sb, "<tr><th scope=\"row\">Archivo</th><td><span class=\"ruta\">");
	web_html(sb, h->record->path);
	stl_strbuf_addf(sb, "</span> · <a href=\"/archivo/%s\">descargar el original</a></td></tr>\n", h->id);
	stl_strbuf_addf(sb, "<tr><th scope=\"row\">Id</th><td>%s</td></tr>\n</table>\n", h->id);
	stl_strbuf_addstr(sb, "<nav class=\"paginas\" aria-label=\"Reuniones\">");
	link_to(sb, "prev", "« reunión anterior", &h->previous);
	link_to(sb, "next", "reunión siguiente »", &h->next);
	stl_strbuf_addstr(sb, "</nav>\n");
}

static void minute_people(struct stl_strbuf *sb, const struct stl_minute *m)
{
	size_t i;

	if (m->nattendees) {
		stl_strbuf_addstr(sb, "<h2>Asistentes</h2>\n<table>\n<tr><th scope=\"col\">Nombre</th><th scope=\"col\">Cargo</th><th scope=\"col\">Institución</th></tr>\n");
		for (i = 0; i < m->nattendees; i++) {
			stl_strbuf_addstr(sb, "<tr><td>");
			web_html(sb, m->attendees[i].name);
			stl_strbuf_addstr(sb, "</td><td>");
			web_html(sb, m->attendees[i].role);
			stl_strbuf_addstr(sb, "</td><td>");
			web_html(sb, m->attendees[i].institution);
			stl_strbuf_addstr(sb, "</td></tr>\n");
		}
		stl_strbuf_addstr(sb, "</table>\n");
	}
	if (m->ntopics) {
		stl_strbuf_addstr(sb, "<h2>Temas</h2>\n<ol>\n");
		for (i = 0; i < m->ntopics; i++) {
			stl_strbuf_addstr(sb, "<li>");
			web_html(sb, m->topics[i]);
			stl_strbuf_addstr(sb, "</li>\n");
		}
		stl_strbuf_addstr(sb, "</ol>\n");
	}
}

static void one_agreement(struct stl_strbuf *sb, const struct search_hit *h,
			  size_t i)
{
	const struct stl_agreement *g = &h->record->minute->agreements[i];
	enum stl_agr_status s = i < h->nstatuses ? h->statuses[i].status
						 : STL_AGR_NONE;
	char note[64];
	size_t k;

	stl_strbuf_addf(sb, "<li id=\"acuerdo-%u\" value=\"%u\"><p>", g->number,
			g->number);
	web_html(sb, g->text);
	stl_strbuf_addstr(sb, "</p>\n<p class=\"meta\">");
	if (g->npersons) {
		stl_strbuf_addstr(sb, "Personas: ");
		for (k = 0; k < g->npersons; k++) {
			if (k)
				stl_strbuf_addstr(sb, "; ");
			web_html(sb, g->persons[k]);
		}
		stl_strbuf_addstr(sb, " · ");
	}
	if (*g->deadline) {
		followup_deadline_note(g->deadline, h->today, s, note,
				       sizeof(note));
		stl_strbuf_addstr(sb, "Plazo: ");
		web_html(sb, g->deadline);
		if (*note) {
			stl_strbuf_addstr(sb, " (");
			web_html(sb, note);
			stl_strbuf_addstr(sb, ")");
		}
		stl_strbuf_addstr(sb, " · ");
	} else if (g->due_next_meeting) {
		stl_strbuf_addstr(sb, "Plazo: la siguiente reunión · ");
	}
	stl_strbuf_addstr(sb, "Estado: ");
	web_html(sb, stl_agr_status_name(s));
	if (s != STL_AGR_NONE && *h->statuses[i].source_id) {
		stl_strbuf_addf(sb, " (según <a href=\"/minuta/%s\">la minuta",
				h->statuses[i].source_id);
		if (*h->statuses[i].source_date) {
			stl_strbuf_addstr(sb, " del ");
			web_html(sb, h->statuses[i].source_date);
		}
		stl_strbuf_addstr(sb, "</a>)");
	}
	stl_strbuf_addstr(sb, "</p></li>\n");
}

static void minute_page(const struct web_opts *wo,
			const struct web_request *rq, struct web_page *pg,
			const char *id)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const struct stl_minute *m;
	struct search_hit h;
	size_t i;

	if (find_minute(wo, rq, id, &h, pg))
		return;
	m = h.record->minute;
	page_begin(&sb, *m->date ? m->date : "Minuta", "", STL_DOC_MINUTE);
	minute_header(&sb, &h);
	minute_people(&sb, m);
	if (m->nagreements) {
		stl_strbuf_addstr(&sb, "<h2>Acuerdos</h2>\n<ol class=\"acuerdos-minuta\">\n");
		for (i = 0; i < m->nagreements; i++)
			one_agreement(&sb, &h, i);
		stl_strbuf_addstr(&sb, "</ol>\n");
	}
	if (*m->next_date) {
		stl_strbuf_addstr(&sb, "<h2>Reunión de seguimiento</h2>\n<p>");
		web_html(&sb, m->next_date);
		if (*m->next_time) {
			stl_strbuf_addstr(&sb, ", ");
			web_html(&sb, m->next_time);
			stl_strbuf_addstr(&sb, " h");
		}
		stl_strbuf_addstr(&sb, "</p>\n");
	}
	page_end(&sb);
	set_body(pg, 200, html_type, &sb);
	search_hit_release(&h);
}

/* ---- the original file ---------------------------------------------------------- */

/* The file's name for the download, in ASCII letters, digits, . - _ */
static char *download_name(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name, *p;

	name = strdup(base ? base + 1 : path);
	for (p = name; p && *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr(".-_", *p)))
			*p = '_';
	return name;
}

/*
 * The bytes of @path into *@buf if the file is still what the index
 * holds (@state, as state_format() wrote it: size and content hash; a
 * touch that kept the bytes is no change). Never through a symbolic
 * link. Returns 0, or the status to answer.
 */
static unsigned read_original(const char *path, const char *state,
			      char **buf, size_t *len)
{
	uint64_t size = 0, hash = 0;
	int64_t mtime = 0;
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd;

	*buf = NULL;
	if (!state_parse(state, &size, &mtime, &hash) || size > FILE_MAX)
		return 409;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? 410 : 409;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != size)
		goto changed;
	*buf = malloc(size ? size : 1);
	if (!*buf)
		goto changed;
	while (got < size && (n = read(fd, *buf + got, size - got)) > 0)
		got += (size_t)n;
	if (got != size || XXH3_64bits(*buf, size) != hash)
		goto changed;
	close(fd);
	*len = size;
	return 0;
changed:
	free(*buf);
	*buf = NULL;
	close(fd);
	return 409;
}

static void original(const struct web_opts *wo, const struct web_request *rq,
		     struct web_page *pg, const char *id)
{
	char *state = NULL, *buf = NULL;
	struct search_hit h;
	size_t len = 0;
	unsigned status;

	if (find_minute(wo, rq, id, &h, pg))
		return;
	if (!*rq->reader || !h.record->path ||
	    stl_reader_get_value(*rq->reader, h.docid, STL_SLOT_FILE_STATE,
				 &state, NULL)) {
		error_page(pg, 503, "No disponible",
			   "no se pudo leer lo que el índice sabe del archivo; inténtelo de nuevo");
		goto out;
	}
	status = read_original(h.record->path, state, &buf, &len);
	if (status == 410) {
		error_page(pg, 410, "Archivo borrado",
			   "el archivo original ya no está donde se indexó");
	} else if (status) {
		error_page(pg, 409, "Archivo cambiado",
			   "el archivo original cambió desde que se indexó (o es un enlace simbólico): vuelva a indexar con stlindex");
	} else {
		char *name = download_name(h.record->path);

		pg->status = 200;
		pg->type = "application/octet-stream";
		pg->body = buf;
		pg->len = len;
		pg->disposition = name ? stl_strdup_printf("attachment; filename=\"%s\"", name) : NULL;
		free(name);
	}
out:
	free(state);
	search_hit_release(&h);
}

/* ---- help, style, routes ----------------------------------------------------------- */

static void help_page(const struct web_opts *wo, struct web_page *pg)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;

	page_begin(&sb, "Ayuda", "", STL_DOC_MINUTE);
	stl_strbuf_addstr(&sb, "<h1>Cómo buscar</h1>\n<p>El mismo lenguaje que <code>stlsearch</code> en la terminal. "
			       "Mayúsculas y acentos dan igual; las palabras se buscan también en otras formas (acuerdo, acuerdos).</p>\n"
			       "<pre class=\"ayuda\">");
	web_html(&sb, wo->help ? wo->help : "");
	stl_strbuf_addstr(&sb, "</pre>\n<p>En la página de resultados, los filtros de la izquierda añaden un campo a la consulta; "
			       "cada búsqueda es una dirección que puede enviarse por correo. "
			       "Las exportaciones JSON y CSV dan lo mismo que <code>stlsearch --json</code> y <code>--csv</code>.</p>\n");
	page_end(&sb);
	set_body(pg, 200, html_type, &sb);
}

static void css(struct web_page *pg)
{
	pg->status = 200;
	pg->type = "text/css; charset=utf-8";
	pg->body = strdup(web_css);
	pg->len = pg->body ? strlen(pg->body) : 0;
	if (!pg->body)
		pg->status = 500;
}

void web_handle(const struct web_opts *o, const struct web_request *rq,
		struct web_page *pg)
{
	const char *p = rq->path;

	memset(pg, 0, sizeof(*pg));
	if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD")) {
		error_page(pg, 405, "Método no permitido",
			   "este servidor solo lee: use GET");
		pg->allow = "GET, HEAD";
	} else if (rq->bad_uri) {
		error_page(pg, 400, "Petición no válida",
			   "la dirección tiene un carácter mal codificado (%XX)");
	} else if (!strcmp(p, "/") || !strcmp(p, "/buscar")) {
		search_page(o, rq, pg);
	} else if (!strcmp(p, "/api/buscar")) {
		api(o, rq, pg, false);
	} else if (!strcmp(p, "/api/buscar.csv")) {
		api(o, rq, pg, true);
	} else if (!strncmp(p, "/minuta/", 8)) {
		minute_page(o, rq, pg, p + 8);
	} else if (!strncmp(p, "/archivo/", 9)) {
		original(o, rq, pg, p + 9);
	} else if (!strcmp(p, "/ayuda")) {
		help_page(o, pg);
	} else if (!strcmp(p, "/estilo.css")) {
		css(pg);
	} else if (p[0] != '/' || strstr(p, "/..") || strlen(p) > ARG_MAX_BYTES) {
		error_page(pg, 400, "Petición no válida",
			   "la dirección pedida no es válida");
	} else {
		error_page(pg, 404, "No existe",
			   "esa página no existe en este servidor");
	}
}
