/*
 * main.c - the stlsearch command line: options, exit codes like grep.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stl/followup.h"
#include "stl/output.h"
#include "stl/people.h"
#include "stl/query.h"
#include "stl/search.h"
#include "stl/paths.h"
#include "stl/strbuf.h"
#include "stl/web.h"

#define EXIT_MATCH 0
#define EXIT_NO_MATCH 1
#define EXIT_ERROR 2

static const char usage[] =
	"Uso: stlsearch [OPCIONES] [CONSULTA...]\n"
	"\n"
	"Busca en las minutas indexadas con stlindex y muestra las mejores\n"
	"primero, con fecha, evento, archivo y la frase que responde. Sin\n"
	"palabras (solo opciones, o solo campos como fecha:2020) muestra todo\n"
	"lo que permiten, lo más reciente primero.\n"
	"\n"
	"Lenguaje de consulta:\n"
	"  hoja ruta            todas las palabras (Y implícito)\n"
	"  \"hoja de ruta\"       la frase exacta (mayúsculas y acentos dan igual)\n"
	"  cpc O infoem         cualquiera de las dos (también OR)\n"
	"  mesa Y partidos      ambas (también AND)\n"
	"  mesa NO partidos     excluye (también NOT y -partidos)\n"
	"  (cpc O infoem) Y compromiso     agrupar con paréntesis\n"
	"  estudio NEAR ciudadania         cerca una de otra (NEAR/5: a 5 palabras)\n"
	"  transp*              palabras que empiezan así\n"
	"\n"
	"Campos (acentos opcionales; entre paréntesis el alias en inglés):\n"
	"  asistente: (attendee)    asistió a la reunión\n"
	"  persona: (person)        asistió, o un acuerdo la nombra o la alude\n"
	"                           por su cargo\n"
	"  institucion: (institution)  institución de un asistente; sigla o\n"
	"                           nombre completo: institucion:IEEM\n"
	"  tema: (topic)  acuerdo: (agreement)  lugar: (place)  evento: (event)\n"
	"  tipo: (type)             minuta, acuerdo o todo\n"
	"  fecha: (date)            2020, 2020-10, 2020-10-01, 24/09/2020,\n"
	"                           \"septiembre de 2020\", \"24 de septiembre de 2020\",\n"
	"                           \"17 de junio\" (cualquier año),\n"
	"                           rangos 2020-06-01..2020-06-30, ..2020-07-01,\n"
	"                           2020-07-01..\n"
	"  plazo: (deadline)        plazo de un acuerdo: fechas y rangos como en\n"
	"                           fecha:; vencido (antes de hoy y no cumplido ni\n"
	"                           cancelado), proximo (de hoy a 30 días), ninguno\n"
	"  estado: (status)         lo que dice de un acuerdo la sección SEGUIMIENTO\n"
	"                           DE ACUERDOS de una minuta posterior: cumplido,\n"
	"                           \"en proceso\", pendiente, cancelado o\n"
	"                           \"sin seguimiento\"\n"
	"  En minutas, plazo: y estado: dan las minutas con tales acuerdos.\n"
	"\n"
	"Opciones:\n"
	"  --db DIR           índice (por omisión $STLSEARCH_DB, o\n"
	"                     $XDG_DATA_HOME/stlsearch, o ~/.local/share/stlsearch),\n"
	"                     o un archivo stub de Xapian con fragmentos\n"
	"                     (\"remote HOST:PUERTO\": man stlsearch)\n"
	"  --tipo T           minuta (por omisión), acuerdo o todo\n"
	"  --acuerdos         igual que --tipo acuerdo\n"
	"  --orden O          relevancia (por omisión), fecha (antiguas primero),\n"
	"                     -fecha (recientes primero), plazo (el plazo más\n"
	"                     próximo primero) o -plazo (el más lejano primero);\n"
	"                     los acuerdos sin plazo van al final; alias --sort\n"
	"  --limit N          cuántos resultados (por omisión 10)\n"
	"  --offset N         saltar los N primeros\n"
	"  --count            solo el número de resultados\n"
	"  --facetas          cuenta por año, institución y asistente\n"
	"  --json             una línea JSON por resultado (para programas)\n"
	"  --csv[=excel]      tabla CSV (UTF-8, encabezados en español): minutas,\n"
	"                     o acuerdos con --acuerdos; =excel añade BOM y CRLF\n"
	"                     para que Excel lea bien los acentos\n"
	"  --ver RUTA|ID      una minuta entera: encabezado, reuniones anterior y\n"
	"                     siguiente, asistentes, temas, acuerdos, próxima\n"
	"                     reunión; ID es el \"id\" de --json\n"
	"                     o --csv (el de un acuerdo marca ese acuerdo); con\n"
	"                     --json, su línea JSON\n"
	"  --personas         las personas del archivo: formas del nombre, cargos\n"
	"                     (con primera y última reunión), reuniones, acuerdos;\n"
	"                     la consulta elige personas (institucion:CPC,\n"
	"                     alvarez, fecha:2021); todas salvo --limit; también\n"
	"                     --json y --csv. Quién es quién: personas.tsv\n"
	"  --servir[=DIR:PUERTO]  sirve la búsqueda como página web y API JSON\n"
	"                     (por omisión 127.0.0.1:8080; véase SERVIDOR en\n"
	"                     man stlsearch); Ctrl+C termina\n"
	"  --color=CUANDO     auto (por omisión), always o never\n"
	"  -h, --help         esta ayuda\n"
	"  --version          la versión\n"
	"\n"
	"Hoy es la fecha local; STLSEARCH_HOY=AAAA-MM-DD la fija (plazo:vencido,\n"
	"plazo:proximo y los días que faltan o que lleva vencido un plazo).\n"
	"\n"
	"Salida: 0 si hubo resultados, 1 si no, 2 si hubo un error.\n"
	"\n"
	"Ejemplos:\n"
	"  stlsearch \"hoja de ruta\"\n"
	"  stlsearch --acuerdos persona:\"Lilibeth Álvarez\"\n"
	"  stlsearch asistente:cpc fecha:2020\n"
	"  stlsearch --acuerdos fecha:2021\n"
	"  stlsearch --orden -fecha institucion:Infoem compromiso\n"
	"  stlsearch --json \"mesa de participación\" fecha:\"junio de 2020\"\n"
	"  stlsearch --acuerdos --csv=excel --limit 1000 fecha:2020\n"
	"  stlsearch --acuerdos --orden plazo plazo:2020\n"
	"  stlsearch --acuerdos plazo:..2020-10-15 estado:\"sin seguimiento\"\n"
	"  stlsearch --ver ~/minutas/minuta-2020-09-24.txt\n"
	"  stlsearch --personas institucion:CPC\n";

/* Without any argument: what the program is and how to start. */
static const char short_usage[] =
	"Uso: stlsearch [OPCIONES] [CONSULTA...]\n"
	"Busca en las minutas indexadas con stlindex. Ejemplos:\n"
	"  stlsearch \"hoja de ruta\"\n"
	"  stlsearch --acuerdos persona:\"Lilibeth Álvarez\"\n"
	"  stlsearch fecha:2020          (las minutas de 2020, recientes primero)\n"
	"Más en 'stlsearch --help'.\n";

struct cli {
	struct search_opts o;
	char *db;
	char *query;
	bool json;
	int csv;		/* 0 none, 1 plain, 2 excel */
	char *show;		/* --ver's path or id */
	int color;		/* -1 auto, 0 never, 1 always */
	bool people;		/* --personas */
	bool limit_set;		/* --limit given */
	bool serve;		/* --servir */
	char *serve_addr;	/* its value, or NULL */
	char today[11];		/* o.today: STLSEARCH_HOY or the local date */
};

static int bad_option(const char *opt, const char *value, const char *hint)
{
	fprintf(stderr, "stlsearch: valor no válido para %s: '%s' (%s)\n", opt,
		value, hint);
	return EXIT_ERROR;
}

static int parse_uint(const char *s, unsigned *out)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || v > 1000000)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int set_kind(struct cli *c, const char *v)
{
	if (!stl_schema_kind_parse(v, &c->o.kind))
		return bad_option("--tipo", v, "use minuta, acuerdo o todo");
	return -1;
}

static int set_sort(struct cli *c, const char *v)
{
	if (!strcmp(v, "relevancia") || !strcmp(v, "relevance"))
		c->o.sort = STL_SORT_RELEVANCE;
	else if (!strcmp(v, "fecha") || !strcmp(v, "date"))
		c->o.sort = STL_SORT_VALUE_ASC;
	else if (!strcmp(v, "-fecha") || !strcmp(v, "-date"))
		c->o.sort = STL_SORT_VALUE_DESC;
	else if (!strcmp(v, "plazo") || !strcmp(v, "deadline"))
		c->o.sort = STL_SORT_VALUE_ASC;
	else if (!strcmp(v, "-plazo") || !strcmp(v, "-deadline"))
		c->o.sort = STL_SORT_VALUE_DESC;
	else
		return bad_option("--orden", v,
				  "use relevancia, fecha, -fecha, plazo o -plazo");
	c->o.sort_by_deadline = strstr(v, "plazo") || strstr(v, "deadline");
	return -1;
}

static int set_color(struct cli *c, const char *v)
{
	if (!v || !strcmp(v, "auto"))
		c->color = -1;
	else if (!strcmp(v, "always") || !strcmp(v, "siempre"))
		c->color = 1;
	else if (!strcmp(v, "never") || !strcmp(v, "nunca"))
		c->color = 0;
	else
		return bad_option("--color", v, "use auto, always o never");
	return -1;
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, struct cli *c)
{
	enum { OPT_DB = 256, OPT_JSON, OPT_LIMIT, OPT_OFFSET, OPT_SORT,
	       OPT_KIND, OPT_AGREEMENTS, OPT_COUNT, OPT_FACETS, OPT_COLOR,
	       OPT_VERSION, OPT_CSV, OPT_SHOW, OPT_PEOPLE, OPT_SERVE };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "csv", optional_argument, NULL, OPT_CSV },
		{ "ver", required_argument, NULL, OPT_SHOW },
		{ "show", required_argument, NULL, OPT_SHOW },
		{ "personas", no_argument, NULL, OPT_PEOPLE },
		/* Its value only with '=': never a query word taken. */
		{ "servir", optional_argument, NULL, OPT_SERVE },
		{ "serve", optional_argument, NULL, OPT_SERVE },
		{ "people", no_argument, NULL, OPT_PEOPLE },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ "offset", required_argument, NULL, OPT_OFFSET },
		{ "orden", required_argument, NULL, OPT_SORT },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "tipo", required_argument, NULL, OPT_KIND },
		{ "acuerdos", no_argument, NULL, OPT_AGREEMENTS },
		{ "count", no_argument, NULL, OPT_COUNT },
		{ "facetas", no_argument, NULL, OPT_FACETS },
		{ "facets", no_argument, NULL, OPT_FACETS },
		{ "color", optional_argument, NULL, OPT_COLOR },
		{ "colour", optional_argument, NULL, OPT_COLOR },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int opt, ret = -1;

	opterr = 0;	/* our own messages, in Spanish */
	while (ret < 0 &&
	       (opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_DB:
			free(c->db);
			c->db = strdup(optarg);
			break;
		case OPT_JSON:
			c->json = true;
			break;
		case OPT_CSV:
			if (!optarg)
				c->csv = 1;
			else if (!strcmp(optarg, "excel"))
				c->csv = 2;
			else
				ret = bad_option("--csv", optarg,
						 "use --csv o --csv=excel");
			break;
		case OPT_SHOW:
			free(c->show);
			c->show = strdup(optarg);
			break;
		case OPT_PEOPLE:
			c->people = true;
			break;
		case OPT_SERVE:
			c->serve = true;
			free(c->serve_addr);
			c->serve_addr = optarg ? strdup(optarg) : NULL;
			break;
		case OPT_LIMIT:
			c->limit_set = true;
			if (parse_uint(optarg, &c->o.limit) < 0)
				ret = bad_option("--limit", optarg,
						 "un número de 0 a 1000000");
			break;
		case OPT_OFFSET:
			if (parse_uint(optarg, &c->o.offset) < 0)
				ret = bad_option("--offset", optarg,
						 "un número de 0 a 1000000");
			break;
		case OPT_SORT:
			ret = set_sort(c, optarg);
			break;
		case OPT_KIND:
			ret = set_kind(c, optarg);
			break;
		case OPT_AGREEMENTS:
			c->o.kind = STL_DOC_AGREEMENT;
			break;
		case OPT_COUNT:
			c->o.count_only = true;
			break;
		case OPT_FACETS:
			c->o.facets = true;
			break;
		case OPT_COLOR:
			ret = set_color(c, optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_MATCH;
		case OPT_VERSION:
			puts("stlsearch 0.1");
			return EXIT_MATCH;
		default:
			fprintf(stderr,
				"stlsearch: opción desconocida o incompleta '%s'; pruebe 'stlsearch --help'\n",
				argv[optind - 1]);
			return EXIT_ERROR;
		}
	}
	return ret;
}

/* True if @s has a word that is a query operator (AND, O, NEAR...). */
static bool has_operator(const char *s)
{
	static const char *const ops[] = { "AND", "OR", "NOT", "XOR", "Y",
					   "O", "NO", "NEAR", "ADJ" };
	size_t i, len;

	while (*s) {
		s += strspn(s, " \t");
		len = strcspn(s, " \t");
		for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			if (strlen(ops[i]) <= len && !strncmp(s, ops[i], strlen(ops[i])) &&
			    (len == strlen(ops[i]) || s[strlen(ops[i])] == '/'))
				return true;
		s += len;
	}
	return false;
}

/*
 * One argument "field:two words" is what the shell leaves of
 * field:"two words": the user grouped the words, so they stay a phrase.
 */
static bool is_grouped_field(const char *arg)
{
	const char *colon = strchr(arg, ':'), *p;

	if (!colon || colon == arg || !strpbrk(colon, " \t"))
		return false;
	for (p = arg; p < colon; p++)
		if (*p == ' ' || *p == '\t' || *p == '"' || *p == '(')
			return false;
	/* A whole query in one argument ("tema:hoja fecha:2020") is not. */
	return !strpbrk(colon + 1, "\"():") && !has_operator(colon + 1);
}

/* Long options that take their value as the next argument. */
static bool takes_value(const char *opt)
{
	static const char *const with_value[] = { "--db", "--limit",
						  "--offset", "--orden",
						  "--sort", "--tipo", "--ver",
						  "--show" };
	size_t i;

	for (i = 0; i < sizeof(with_value) / sizeof(with_value[0]); i++)
		if (!strcmp(opt, with_value[i]))
			return true;
	return false;
}

/*
 * Split the command line into options (kept in @argv, in order, after
 * argv[0]) and query words (moved to @words). Options may come after the
 * query, but only "--long" ones and -h are options: "-partidos" is a
 * word of the query, as it would be for a person typing it. "--" ends the
 * options. Returns the new argc.
 */
static int split_args(int argc, char **argv, char **words, int *nwords)
{
	int i, nopts = 1;
	bool only_words = false;

	*nwords = 0;
	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (!only_words && !strcmp(a, "--")) {
			only_words = true;
		} else if (!only_words && (!strncmp(a, "--", 2) ||
					   !strcmp(a, "-h"))) {
			argv[nopts++] = a;
			if (takes_value(a) && i + 1 < argc)
				argv[nopts++] = argv[++i];
		} else {
			words[(*nwords)++] = a;
		}
	}
	argv[nopts] = NULL;
	return nopts;
}

/*
 * The words of the command line are one query. With @group, an argument
 * "field:two words" keeps its words together (see is_grouped_field());
 * without, it does only if its value parses whole (a date).
 */
static char *join_query(int argc, char **argv, bool group)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	int i;

	for (i = 0; i < argc; i++) {
		const char *colon = strchr(argv[i], ':');

		if (i)
			stl_strbuf_addch(&sb, ' ');
		if (is_grouped_field(argv[i]) &&
		    (group || query_value_parses(argv[i],
						 (size_t)(colon - argv[i]),
						 colon + 1)))
			stl_strbuf_addf(&sb, "%.*s\"%s\"",
					(int)(colon - argv[i] + 1), argv[i],
					colon + 1);
		else
			stl_strbuf_addstr(&sb, argv[i]);
	}
	return stl_strbuf_detach(&sb, NULL);
}

/* On stderr, beside output for programs: nothing found, and the
 * suggestion, whose results were given or not. */
static void no_results(const struct cli *c, const struct search_result *res)
{
	char *shown = search_query_shown(c->o.query);
	char *fix = res->suggestion ? search_query_shown(res->suggestion)
				    : NULL;

	if (res->from_suggestion)
		fprintf(stderr,
			"stlsearch: sin resultados para '%s'; se muestran los de '%s'\n",
			shown ? shown : "", fix ? fix : "");
	else if (fix)
		fprintf(stderr,
			"stlsearch: sin resultados para '%s'; ¿quiso decir '%s'?\n",
			shown ? shown : "", fix);
	else
		fprintf(stderr, "stlsearch: sin resultados para '%s'\n",
			shown ? shown : "");
	free(shown);
	free(fix);
}

static bool use_color(const struct cli *c)
{
	return c->color == 1 || (c->color < 0 && isatty(STDOUT_FILENO) &&
				 !getenv("NO_COLOR"));
}

static int report(const struct cli *c, const struct search_result *res)
{
	if (c->o.count_only) {
		printf("%u\n", res->matches);
		if (res->suggestion)
			no_results(c, res);
	} else if (c->csv) {
		if (output_csv(stdout, res, &c->o, c->csv == 2) < 0) {
			fputs("stlsearch: no se pudo escribir la salida CSV\n",
			      stderr);
			return EXIT_ERROR;
		}
		if (!res->matches || res->from_suggestion)
			no_results(c, res);
	} else if (c->json) {
		if (output_json(stdout, res, &c->o) < 0) {
			fputs("stlsearch: no se pudo escribir la salida JSON\n",
			      stderr);
			return EXIT_ERROR;
		}
		if (!res->matches || res->from_suggestion)
			no_results(c, res);
	} else {
		output_human(stdout, res, &c->o, use_color(c));
	}
	if (fflush(stdout)) {
		fputs("stlsearch: no se pudo escribir la salida\n", stderr);
		return EXIT_ERROR;
	}
	return res->matches ? EXIT_MATCH : EXIT_NO_MATCH;
}

/*
 * The relative @arg made absolute from $PWD, the folder as the shell
 * names it (through a link, as stlindex run there indexed it), when $PWD
 * is the current folder. Malloc'ed, or NULL.
 */
static char *logical_path(const char *arg)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;
	char *joined, *abs;

	if (arg[0] == '/' || !pwd || pwd[0] != '/' || stat(pwd, &a) ||
	    stat(".", &b) || a.st_dev != b.st_dev || a.st_ino != b.st_ino)
		return NULL;
	joined = stl_strdup_printf("%s/%s", pwd, arg);
	abs = joined ? stl_path_absolute(joined) : NULL;
	free(joined);
	return abs;
}

/* --ver's minute, by id or by path, in *@h: 0, or the exit code. */
static int find_minute(const struct cli *c, struct search_hit *h,
		       unsigned *mark)
{
	char key[STL_SCHEMA_KEY_SIZE], *msg = NULL, *real = NULL;
	const char *arg = c->show;
	struct stat sb;
	bool is_id, is_file;
	stl_status_t st = STL_STATUS_NOT_FOUND;

	*mark = 0;
	is_id = stl_schema_id_parse(arg, key, mark);
	is_file = !stat(arg, &sb);
	if (is_id)
		st = search_minute_by_key(c->db, key, c->o.today, h, &msg);
	if (st == STL_STATUS_NOT_FOUND && (is_file || !is_id)) {
		*mark = 0;
		/* As given, as stlindex writes paths (absolute, links kept),
		 * then with links resolved. */
		st = search_minute_by_path(c->db, arg, c->o.today, h, &msg);
		real = st == STL_STATUS_NOT_FOUND ? stl_path_absolute(arg) : NULL;
		if (real && strcmp(real, arg))
			st = search_minute_by_path(c->db, real, c->o.today, h, &msg);
		free(real);
		real = st == STL_STATUS_NOT_FOUND ? logical_path(arg) : NULL;
		if (real && strcmp(real, arg))
			st = search_minute_by_path(c->db, real, c->o.today, h, &msg);
		free(real);
		real = st == STL_STATUS_NOT_FOUND ? realpath(arg, NULL) : NULL;
		if (real && strcmp(real, arg))
			st = search_minute_by_path(c->db, real, c->o.today, h, &msg);
		free(real);
	}
	if (st == STL_STATUS_SUCCESS)
		return 0;
	if (st != STL_STATUS_NOT_FOUND) {
		fprintf(stderr, "stlsearch: %s\n",
			msg ? msg : stl_status_to_string(st));
		free(msg);
		return EXIT_ERROR;
	}
	free(msg);
	if (is_file)
		fprintf(stderr,
			"stlsearch: '%s' no está en el índice '%s' (indéxelo con stlindex)\n",
			arg, c->db);
	else if (is_id)
		fprintf(stderr,
			"stlsearch: ninguna minuta del índice '%s' tiene el id '%s'\n",
			c->db, arg);
	else
		fprintf(stderr,
			"stlsearch: '%s' no es un archivo ni un id de minuta\n",
			arg);
	return is_file || is_id ? EXIT_NO_MATCH : EXIT_ERROR;
}

/*
 * --ver --json: the minute as the one hit of a search, its JSON line
 * (matching_agreements: the agreement asked for). Frees nothing.
 */
static int show_json(struct search_hit *h, unsigned mark)
{
	struct search_opts o = { .kind = STL_DOC_MINUTE, .query = "" };
	struct search_result res = { .matches = 1, .exact = true, .hits = h,
				     .nhits = 1 };
	struct search_sub sub = { .number = mark, .snippet = NULL };

	h->rank = 1;
	h->snippet_plain = strdup("");
	if (mark) {
		h->subs = &sub;
		h->nsubs = 1;
	}
	if (!h->snippet_plain || output_json(stdout, &res, &o) < 0) {
		h->subs = NULL;
		h->nsubs = 0;
		return EXIT_ERROR;
	}
	h->subs = NULL;
	h->nsubs = 0;
	return EXIT_MATCH;
}

/* Nobody listed, in the text output. */
static int no_people(const struct cli *c)
{
	char *shown = search_query_shown(c->o.query);
	int w;

	if (!*c->o.query)
		w = fputs("Ninguna persona: el índice está vacío.\n", stdout);
	else
		w = printf("Ninguna persona para «%s».\n", shown ? shown : "");
	free(shown);
	return w < 0 ? -1 : 0;
}

/*
 * stlsearch --personas [CONSULTA]: the whole directory unless --limit is
 * given (a directory is read whole); --offset skips people.
 */
static int show_people(const struct cli *c)
{
	struct people_dir d;
	char *msg = NULL;
	size_t skip, n, i;
	bool *keep;
	int ret = EXIT_ERROR, w;

	if (people_run(c->o.db, c->o.query, &d, &msg)) {
		fprintf(stderr, "stlsearch: %s\n", msg ? msg : "error");
		goto out;
	}
	skip = c->o.offset < d.n ? c->o.offset : d.n;
	n = c->limit_set && c->o.limit < d.n - skip ? c->o.limit : d.n - skip;
	keep = calloc(d.n + 1, sizeof(*keep));
	if (!keep) {
		fputs("stlsearch: memoria insuficiente\n", stderr);
		goto out;
	}
	for (i = skip; i < skip + n; i++)
		keep[i] = true;
	people_dir_keep(&d, keep);
	free(keep);
	if (c->o.count_only)
		w = printf("%zu\n", d.n) < 0 ? -1 : 0;
	else if (c->csv)
		w = people_output_csv(stdout, &d, c->csv == 2);
	else if (c->json)
		w = people_output_json(stdout, &d);
	else if (d.n)
		w = people_output_human(stdout, &d, use_color(c));
	else
		w = no_people(c);
	if (w < 0 || fflush(stdout)) {
		fputs("stlsearch: no se pudo escribir la salida\n", stderr);
		goto out;
	}
	ret = d.n ? EXIT_MATCH : EXIT_NO_MATCH;
	/* Beside output for programs, as for a search: nobody, said. */
	if (!d.n && (c->json || c->csv) && !c->o.count_only) {
		char *shown = search_query_shown(c->o.query);

		fprintf(stderr, "stlsearch: nadie para '%s'\n",
			shown ? shown : "");
		free(shown);
	}
out:
	people_dir_release(&d);
	free(msg);
	return ret;
}

/*
 * Today, for plazo: and days left: STLSEARCH_HOY=AAAA-MM-DD if set (tests,
 * a report as of a day), else the local date. Non-zero (and a message)
 * for a bad STLSEARCH_HOY.
 */
static int set_today(struct cli *c)
{
	const char *given = getenv("STLSEARCH_HOY");
	char *msg = NULL;

	if (followup_today(given, c->today, &msg)) {
		fprintf(stderr,
			"stlsearch: STLSEARCH_HOY no es una fecha válida: '%s' (use AAAA-MM-DD)\n",
			given);
		free(msg);
		return -1;
	}
	c->o.today = c->today;
	return 0;
}

/*
 * stlsearch --servir: the web page (lib/web/), whose /ayuda shows the
 * query language as usage[] says it.
 */
static int serve(const struct cli *c)
{
	const char *from = strstr(usage, "Lenguaje de consulta:");
	const char *to = strstr(usage, "Opciones:");
	struct web_opts w = { .db = c->db, .address = c->serve_addr,
			      .today = getenv("STLSEARCH_HOY") ? c->today
							       : NULL };
	char *help = from && to ? strndup(from, (size_t)(to - from)) : NULL;
	int ret;

	w.help = help;
	ret = web_serve(&w);
	free(help);
	return ret;
}

/* stlsearch --ver RUTA|ID. */
static int show_minute(const struct cli *c)
{
	struct search_hit h;
	unsigned mark = 0;
	size_t i;
	bool have = false;
	int ret;

	ret = find_minute(c, &h, &mark);
	if (ret)
		return ret;
	for (i = 0; i < h.record->minute->nagreements; i++)
		have |= h.record->minute->agreements[i].number == mark;
	if (mark && !have) {
		fprintf(stderr, "stlsearch: la minuta %s no tiene acuerdo %u\n",
			h.id, mark);
		search_hit_release(&h);
		return EXIT_NO_MATCH;
	}
	if (c->json)
		ret = show_json(&h, mark);
	else
		ret = output_minute(stdout, &h, mark, use_color(c))
			      ? EXIT_ERROR
			      : EXIT_MATCH;
	if (ret)
		fputs("stlsearch: no se pudo escribir la salida\n", stderr);
	search_hit_release(&h);
	return ret;
}

int main(int argc, char **argv)
{
	struct cli c = { .o = { .kind = STL_DOC_MINUTE, .limit = 10,
				.snippet_max = 240 },
			 .color = -1 };
	struct search_result res = { 0 };
	char *msg = NULL, *first_msg = NULL, *plain = NULL, **words;
	stl_status_t st;
	int ret, nwords;

	if (argc < 2) {
		fputs(short_usage, stderr);
		return EXIT_ERROR;
	}
	words = calloc((size_t)argc + 1, sizeof(*words));
	if (!words) {
		fputs("stlsearch: memoria insuficiente\n", stderr);
		return EXIT_ERROR;
	}
	argc = split_args(argc, argv, words, &nwords);
	ret = parse_args(argc, argv, &c);
	if (ret >= 0)
		goto out;
	ret = EXIT_ERROR;
	/* Words left among the options: getopt stopped early. */
	if (optind < argc) {
		fprintf(stderr,
			"stlsearch: argumento inesperado '%s'; pruebe 'stlsearch --help'\n",
			argv[optind]);
		goto out;
	}
	if (c.json && c.csv) {
		fputs("stlsearch: --json y --csv no van juntas: elija una\n",
		      stderr);
		goto out;
	}
	if (c.csv && c.o.kind == STL_DOC_ANY && !c.people) {
		fputs("stlsearch: --csv da una tabla de minutas o de acuerdos: use --tipo minuta o --acuerdos\n",
		      stderr);
		goto out;
	}
	if (c.show && c.csv) {
		fputs("stlsearch: --ver muestra una minuta como texto o con --json, no como CSV\n",
		      stderr);
		goto out;
	}
	if (c.show && c.people) {
		fputs("stlsearch: --personas y --ver no van juntas: elija una\n",
		      stderr);
		goto out;
	}
	if (c.serve && nwords) {
		fprintf(stderr,
			"stlsearch: --servir no lleva consulta: sobra '%s' (la dirección va con '=': --servir=127.0.0.1:8080)\n",
			words[0]);
		goto out;
	}
	if (c.serve && (c.show || c.people || c.json || c.csv)) {
		fputs("stlsearch: --servir no va con --ver, --personas, --json ni --csv: la página web los ofrece\n",
		      stderr);
		goto out;
	}
	if (c.show && nwords) {
		fprintf(stderr,
			"stlsearch: --ver muestra una minuta, no busca: sobra '%s'\n",
			words[0]);
		goto out;
	}
	if (set_today(&c))
		goto out;
	if (!c.db)
		c.db = stl_db_path_default();
	if (c.show && c.db) {
		ret = show_minute(&c);
		goto out;
	}
	if (c.serve && c.db) {
		ret = serve(&c);
		goto out;
	}
	c.query = join_query(nwords, words, true);
	plain = join_query(nwords, words, false);
	if (!c.db || !c.query || !plain) {
		fputs("stlsearch: no se sabe dónde está el índice: use --db DIR o defina STLSEARCH_DB\n",
		      stderr);
		goto out;
	}
	c.o.db = c.db;
	c.o.query = c.query;
	if (c.people) {
		ret = show_people(&c);
		goto out;
	}
	/* Scripts counting want the count of what they typed. */
	c.o.take_suggestion = !c.o.count_only;
	c.o.hl_on = OUTPUT_HL_ON;
	c.o.hl_off = OUTPUT_HL_OFF;
	if (c.color == 0 || c.json || c.csv ||
	    (c.color < 0 && (!isatty(STDOUT_FILENO) || getenv("NO_COLOR"))))
		c.o.hl_on = c.o.hl_off = "";

	st = search_run(&c.o, &res, &msg);
	/*
	 * 'asistente:lilibeth reunion' quoted whole reaches us as one
	 * argument, like asistente:"lilibeth reunion" does: if keeping the
	 * words together found nothing, try them apart.
	 */
	if ((st == STL_STATUS_BAD_QUERY ||
	     (st == STL_STATUS_SUCCESS && !res.matches)) &&
	    strcmp(plain, c.query)) {
		search_result_release(&res);
		first_msg = msg;
		msg = NULL;
		c.o.query = plain;
		st = search_run(&c.o, &res, &msg);
	}
	/* If apart they fail too, what is wrong is what the user grouped. */
	if (st == STL_STATUS_BAD_QUERY && first_msg) {
		free(msg);
		msg = first_msg;
		first_msg = NULL;
	}
	if (st != STL_STATUS_SUCCESS) {
		fprintf(stderr, "stlsearch: %s\n",
			msg ? msg : stl_status_to_string(st));
		goto out;
	}
	ret = report(&c, &res);
out:
	search_result_release(&res);
	free(msg);
	free(first_msg);
	free(words);
	free(plain);
	free(c.query);
	free(c.show);
	free(c.serve_addr);
	free(c.db);
	return ret;
}
