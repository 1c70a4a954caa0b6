/*
 * main.c - the stlindex command line: options, exit codes, summary.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indexer.h"
#include "stl/paths.h"

/* The shipped institutions table, embedded at build time. */
extern const char stl_builtin_institutions[];

/* sysexits.h's EX_TEMPFAIL: try again later (another stlindex runs). */
#define EXIT_LOCKED 75
#define EXIT_ERROR 2

static const char usage[] =
	"Uso: stlindex [OPCIONES] [RUTA...]\n"
	"\n"
	"Indexa las minutas de las carpetas y archivos RUTA, recorriendo\n"
	"subcarpetas, para buscarlas con stlsearch: texto (*.txt, *.md), Word\n"
	"(*.docx, *.doc), OpenDocument (*.odt), PDF (*.pdf), RTF (*.rtf) e\n"
	"imágenes escaneadas (*.png, *.jpg, *.jpeg, *.tif, *.tiff), que se leen\n"
	"con OCR en español, como los PDF sin capa de texto (una vez: el texto\n"
	"reconocido se guarda en ~/.cache/stlsearch/ocr/). Los demás tipos se\n"
	"cuentan como no admitidos. Sin RUTA, vuelve a indexar las rutas que\n"
	"recuerda el índice. Solo lee lo nuevo o cambiado y quita lo borrado.\n"
	"\n"
	"Opciones:\n"
	"  --db DIR     índice a usar (por omisión $STLSEARCH_DB, o\n"
	"               $XDG_DATA_HOME/stlsearch, o ~/.local/share/stlsearch)\n"
	"  --full       vuelve a leer e indexar todos los archivos\n"
	"  --json       la última línea de la salida es un resumen JSON:\n"
	"               {\"added\",\"updated\",\"removed\",\"unchanged\",\n"
	"                \"skipped\",\"warnings\"} (número de archivos),\n"
	"               \"formats\" (leídos por formato: {\"docx\": 4, ...}) y\n"
	"               \"unsupported\" (no admitidos: {\".xlsx\": 2, ...})\n"
	"  --quiet      sin resumen ni barra de progreso (los avisos siguen)\n"
	"  --batch N    archivos por transacción confirmada (por omisión 200)\n"
	"  --limite NOMBRE=VALOR\n"
	"               límite de la lectura de cada documento: cpu=30 (s),\n"
	"               memoria=2048 (MiB), texto=16M (bytes de texto),\n"
	"               entrada=256M, razon=200 y entradas=10000 (de cada\n"
	"               archivo comprimido .docx u .odt); se puede repetir\n"
	"  --sin-ocr    no lee con OCR las imágenes ni los PDF escaneados\n"
	"               (se omiten con un aviso)\n"
	"  --ocr-limite=SEGUNDOS\n"
	"               tiempo máximo de OCR de cada página (por omisión 120);\n"
	"               una página que lo excede se omite con un aviso\n"
	"  -h, --help   muestra esta ayuda\n"
	"  --version    muestra la versión\n"
	"\n"
	"Tabla de instituciones: la incluida, más instituciones.tsv en cada\n"
	"carpeta indexada (no junto a una RUTA que es un archivo) y en\n"
	"~/.config/stlsearch/ (nombre corto, nombre completo y alias\n"
	"separados por tabuladores).\n"
	"\n"
	"Salida: 0 si todo fue bien (los archivos omitidos se avisan),\n"
	"2 si no se pudo (ruta inexistente, índice sin permiso de escritura),\n"
	"75 solo si otro stlindex está usando el índice.\n"
	"\n"
	"Ejemplos:\n"
	"  stlindex ~/minutas\n"
	"  stlindex --db /srv/stl/indice /srv/stl/minutas\n"
	"  stlindex --limite cpu=60 --limite memoria=4096 ~/minutas\n"
	"  stlindex --ocr-limite=300 ~/minutas\n"
	"  stlindex --sin-ocr ~/minutas\n"
	"  stlindex            # actualiza las rutas ya indexadas\n";

struct cli {
	struct index_opts o;
	char *db;
	bool json;
	bool quiet;
};

static int parse_batch(const char *s, unsigned *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > 1000000)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, struct cli *c)
{
	enum { OPT_DB = 256, OPT_FULL, OPT_JSON, OPT_QUIET, OPT_BATCH, OPT_LIMIT,
	       OPT_VERSION, OPT_NO_OCR, OPT_OCR_LIMIT };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "full", no_argument, NULL, OPT_FULL },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "batch", required_argument, NULL, OPT_BATCH },
		{ "limite", required_argument, NULL, OPT_LIMIT },
		{ "sin-ocr", no_argument, NULL, OPT_NO_OCR },
		{ "ocr-limite", required_argument, NULL, OPT_OCR_LIMIT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *why;
	int opt;

	opterr = 0;	/* our own messages, in Spanish */
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_DB:
			free(c->db);
			c->db = strdup(optarg);
			break;
		case OPT_FULL:
			c->o.full = true;
			break;
		case OPT_JSON:
			c->json = true;
			break;
		case OPT_QUIET:
			c->quiet = true;
			break;
		case OPT_BATCH:
			if (parse_batch(optarg, &c->o.batch) < 0) {
				fprintf(stderr,
					"stlindex: --batch '%s' no es válido: use un número de 1 a 1000000\n",
					optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_LIMIT:
			if (!extlimits_set(&c->o.limits, optarg, &why)) {
				fprintf(stderr, "stlindex: --limite '%s' no es válido: %s\n",
					optarg, why);
				return EXIT_ERROR;
			}
			break;
		case OPT_NO_OCR:
			c->o.limits.no_ocr = true;
			break;
		case OPT_OCR_LIMIT:
			if (!extlimits_set_ocr(&c->o.limits, optarg)) {
				fprintf(stderr,
					"stlindex: --ocr-limite '%s' no es válido: use un número de segundos de 1 a 86400\n",
					optarg);
				return EXIT_ERROR;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case OPT_VERSION:
			puts("stlindex (stlsearch) 0.1");
			return 0;
		default:
			fprintf(stderr,
				"stlindex: opción desconocida o incompleta '%s'; pruebe 'stlindex --help'\n",
				argv[optind - 1]);
			return EXIT_ERROR;
		}
	}
	return -1;
}

static int take_roots(int argc, char **argv, struct cli *c)
{
	int i;

	c->o.nroots = 0;
	c->o.roots = calloc((size_t)(argc > 0 ? argc : 1), sizeof(char *));
	if (!c->o.roots)
		return -1;
	for (i = 0; i < argc; i++) {
		c->o.roots[i] = stl_path_absolute(argv[i]);
		if (!c->o.roots[i])
			return -1;
		c->o.nroots++;
	}
	return 0;
}

static json_t *counts_json(const struct index_count *v, size_t n)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; o && i < n; i++)
		json_object_set_new(o, v[i].name, json_integer(v[i].count));
	return o;
}

/* "stlindex: no admitidos: 3 (.xlsx 2, .pptx 1)", on stderr with the
 * other notices: even --quiet says what was not read. */
static void print_unsupported(const struct index_summary *s)
{
	size_t i;

	if (!s->nunsupported_files)
		return;
	fprintf(stderr, "stlindex: aviso: no admitidos: %u (",
		s->nunsupported_files);
	for (i = 0; i < s->nunsupported; i++)
		fprintf(stderr, "%s%s %u", i ? ", " : "",
			s->unsupported[i].name[0] ? s->unsupported[i].name
						  : "sin extensión",
			s->unsupported[i].count);
	fputs(")\n", stderr);
}

static void print_summary(const struct cli *c, const struct index_summary *s)
{
	print_unsupported(s);
	if (c->json) {
		json_t *o = json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:o,s:o}",
				      "added", s->added, "updated", s->updated,
				      "removed", s->removed, "unchanged",
				      s->unchanged, "skipped", s->skipped,
				      "warnings", s->warnings,
				      "formats", counts_json(s->formats, s->nformats),
				      "unsupported", counts_json(s->unsupported,
								 s->nunsupported));
		char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;

		if (line)
			puts(line);
		free(line);
		json_decref(o);
		return;
	}
	if (c->quiet)
		return;
	printf("stlindex: %u %s, %u %s, %u %s, %u sin cambios, %u %s, %u %s (índice '%s')\n",
	       s->added, index_plural(s->added, "nueva", "nuevas"),
	       s->updated, index_plural(s->updated, "actualizada", "actualizadas"),
	       s->removed, index_plural(s->removed, "quitada", "quitadas"),
	       s->unchanged,
	       s->skipped, index_plural(s->skipped, "omitida", "omitidas"),
	       s->warnings, index_plural(s->warnings, "con aviso", "con avisos"),
	       c->o.db);
}

static int exit_code(stl_status_t st)
{
	switch (st) {
	case STL_STATUS_SUCCESS:
		return 0;
	case STL_STATUS_DATABASE_LOCKED:
		return EXIT_LOCKED;
	default:
		return EXIT_ERROR;
	}
}

int main(int argc, char **argv)
{
	/* Files per transaction: Xapian keeps a transaction's changes in
	 * std::maps that slow down as they grow (bench/README.md). */
	struct cli c = { .o = { .batch = 200 } };
	struct index_summary sum;
	char *msg = NULL;
	stl_status_t st;
	int ret;

	ret = parse_args(argc, argv, &c);
	if (ret >= 0)
		goto out;
	ret = EXIT_ERROR;
	if (!c.db)
		c.db = stl_db_path_default();
	if (!c.db) {
		fputs("stlindex: no se sabe dónde guardar el índice: use --db DIR o defina STLSEARCH_DB\n",
		      stderr);
		goto out;
	}
	if (take_roots(argc - optind, argv + optind, &c) < 0) {
		fputs("stlindex: memoria insuficiente\n", stderr);
		goto out;
	}
	c.o.db = c.db;
	c.o.progress = !c.quiet && isatty(STDERR_FILENO);
	c.o.builtin_institutions = stl_builtin_institutions;

	st = index_run(&c.o, &sum, &msg);
	if (st != STL_STATUS_SUCCESS) {
		fprintf(stderr, "stlindex: %s\n",
			msg ? msg : stl_status_to_string(st));
		if (st == STL_STATUS_DATABASE_LOCKED)
			fputs("stlindex: otro stlindex está actualizando este índice; inténtelo cuando termine\n",
			      stderr);
	} else {
		print_summary(&c, &sum);
	}
	index_summary_release(&sum);
	ret = exit_code(st);
out:
	free(msg);
	while (c.o.nroots)
		free(c.o.roots[--c.o.nroots]);
	free(c.o.roots);
	free(c.db);
	return ret;
}
