/*
 * test_docbuild.c - indexer/docbuild.c: a parsed minute becomes one
 * Xapian document for the minute and one per agreement (layout in
 * include/stl/schema.h).
 *
 * The minutes are corpus/minuta-2020-09-24.txt and 2020-06-17, parsed
 * with the shipped table corpus/instituciones.tsv. The emit callback
 * records each document's id and writes it to a temporary index (a
 * stl_doc_t cannot list its own terms); the tests then read the terms,
 * values and data back through the writer's reader, and check positions
 * with phrase queries.
 *
 * The literal terms the tests expect are in the table right below: when
 * the layout or the analyzer changes, that is the one place to update.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <xxhash.h>

#include "stl/minute.h"
#include "stl/schema.h"
#include "stl/xapian.h"
#include "../../indexer/docbuild.h"
#include "../../indexer/synonyms.h"
#include "testutil.h"

/* ---- the terms the tests expect (update here if the layout changes) ---- */

#define MINUTE_0924 "corpus/minuta-2020-09-24.txt"
#define MINUTE_0617 "corpus/minuta-2020-06-17.txt"

/* Boolean terms of every document of 2020-09-24 (F<key> is added). */
static const char *const common_0924[] = {
	"Y2020", "M202009", "D20200924",
	"Iieem", "Iinfoem", "Istl",	/* attendees' institutions */
};

/* Terms of the minute document of 2020-09-24. */
static const char *const minute_0924[] = {
	"Kminuta",
	"septiembre", "transparencia", "reunion",	/* text, unprefixed */
	"XAlilibeth", "XAalvarez",		/* asistente: */
	"XLmetepec", "XLzoom",			/* lugar: city, medium */
	"XEsecretariado", "XEtecnico",		/* evento: */
	"XThoja", "XTruta", "XTcpc",		/* tema: */
	"XCretroalimentacion", "XCcompromiso",	/* acuerdo: */
	"XCinfoem",				/* id of "Órgano Garante" */
	"Zseptiembr", "ZXThoj", "Zhoj",		/* stems: own, field, union */
	"ZXAlilibeth", "Zlilibeth",
};

/* Terms the minute document must not have. */
static const char *const not_minute_0924[] = {
	"Kacuerdo",
	"lilibeth", "hoja", "zoom",	/* field words are not text words too */
	"XDcompromiso", "XRlilibeth",	/* agreement-document prefixes */
	"ZXDcompromis",
};

/* Agreement II of 2020-09-24: its words and the person it concerns. */
static const char *const agreement2_0924[] = {
	"Kacuerdo",
	"XDenviara", "XDcompromiso", "XDredaccion", "XDieem",
	"ZXDcompromis",
	"XRlilibeth", "XRalvarez", "XRrodriguez",
};

static const char *const not_agreement2_0924[] = {
	"Kminuta",
	"XCcompromiso", "compromiso", "Zcompromis",	/* minute's prefixes */
	"XRcardenas",	/* agreement III's person */
	"XAlilibeth",
};

/* Words of the text where the table's names stand (same position as the
 * name's first word): "...la propuesta del Órgano Garante no...". */
static const char *const inst_phrase_hit[] = { "del", "infoem", "garante" };
static const char *const inst_phrase_miss[] = { "infoem", "no" };

/* 2020-06-17: a person named in agreement III who did not attend. */
static const char *const minute_0617_persons[] = {
	"XPmaria", "XPguadalupe", "XPgonzalez",
};
#define AGREEMENT_0617_PERSON "XRgonzalez"
#define AGREEMENT_0617_NUMBER 3

/* Keys of the synonyms earlier versions wrote for the table's names. */
#define SYN_KEY_ORGANO "organo garante"
#define SYN_KEY_IEEM "instituto electoral del estado de mexico"
#define SYN_IEEM "ieem"

/* A table and a minute of the tests' own: a one-word alias ("IFE") of
 * an institution whose id ("ine") is not that word. */
static const char own_table[] =
	"INE\tInstituto Nacional Electoral\tIFE\n";
static const char own_minute[] =
	"Toluca a 5 de marzo de 2021.\n"
	"Minuta Reunión de Trabajo\n\n"
	"EVENTO\nGrupo Operativo del STL\n\n"
	"FECHA\n5 de marzo de 2021 a las 10:00 horas.\n\n"
	"LUGAR\nSala de juntas\n\n"
	"ASISTENTES\n"
	"- Ana Pérez López, Vocal del INE;\n\n"
	"TEMAS QUE ABORDARON\n1. Informe del Instituto Nacional Electoral\n\n"
	"ACUERDOS\nI. El antiguo IFE entregará el informe.\n";
static const char *const own_minute_terms[] = {
	"Iine", "D20210305", "XAana", "XAperez",
	"XTinstituto", "XTine",		/* the full name and its id */
	"XDife", "XDine",		/* on agreement I */
};
static const char *const own_agreement_phrase[] = { "antiguo", "ine",
						    "entregara" };
#define OWN_SYN_KEY "ife"
#define OWN_SYN_KEY_XD "XDife"

/* Misspelt -> suggested, from the spelling dictionary. */
#define SPELL_WRONG "retroalimentasion"
#define SPELL_RIGHT "retroalimentacion"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

#define FMT(buf, ...)                                                        \
	assert_true((size_t)snprintf((buf), sizeof(buf), __VA_ARGS__) <      \
		    sizeof(buf))

/* ---- fixture ----------------------------------------------------------------- */

#define MAXDOCS 32

struct emitted {
	stl_docid_t docids[MAXDOCS];
	stl_doc_t *taken[MAXDOCS];
	size_t n;
	size_t fail_at;		/* emit number (1-based) that fails; 0 none */
	bool take;		/* keep each document (docbuild_take_doc) */
	struct docbuild *b;
	stl_writer_t *w;
};

struct fixture {
	char dir[PATH_MAX];
	char db[PATH_MAX];
	struct stl_institutions *inst;
	struct stl_minute *m;
	struct docbuild *b;
	stl_writer_t *w;
	char key[17];
	char path[PATH_MAX];
	struct emitted e;
};

static struct stl_institutions *load_table(void)
{
	struct stl_institutions *t = stl_institutions_new();
	char *tsv, *msg = NULL;
	size_t len = 0;

	assert_non_null(t);
	tsv = test_slurp("corpus/instituciones.tsv", &len);
	if (!tsv)
		fail_msg("cannot read corpus/instituciones.tsv");
	assert_int_equal(stl_institutions_add_tsv(t, "test", tsv, len, &msg),
			 STL_STATUS_SUCCESS);
	free(msg);
	free(tsv);
	return t;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	char *msg = NULL;

	if (!fx)
		return -1;
	FMT(fx->dir, "%s/stl-docbuild-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	FMT(fx->db, "%s/db", fx->dir);
	fx->inst = load_table();
	fx->b = docbuild_new(fx->inst);
	assert_non_null(fx->b);
	assert_int_equal(stl_writer_open(fx->db, STL_WRITER_CREATE, &fx->w,
					 &msg),
			 STL_STATUS_SUCCESS);
	free(msg);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < fx->e.n && i < MAXDOCS; i++)
		stl_doc_destroy(fx->e.taken[i]);
	stl_writer_destroy(fx->w);
	docbuild_destroy(fx->b);
	stl_minute_destroy(fx->m);
	stl_institutions_destroy(fx->inst);
	test_remove_tree(fx->dir);
	free(fx);
	return 0;
}

static stl_status_t emit_cb(void *ctx, stl_doc_t *doc)
{
	struct emitted *e = ctx;
	stl_status_t st;

	assert_true(e->n < MAXDOCS);
	if (e->fail_at && e->n + 1 == e->fail_at) {
		e->n++;
		return STL_STATUS_IO_ERROR;
	}
	if (e->take) {
		e->taken[e->n] = docbuild_take_doc(e->b);
		assert_ptr_equal(e->taken[e->n], doc);
	}
	st = stl_writer_add(e->w, doc, &e->docids[e->n]);
	e->n++;
	return st;
}

/* The key the layout names a file by in its terms: the XXH64 of its path
 * in 16 hex digits. */
static void file_key(const char *path, char key[17])
{
	snprintf(key, 17, "%016llx",
		 (unsigned long long)XXH64(path, strlen(path), 0));
}

/* Parse @file and build its documents into the fixture's index. */
static stl_status_t build(struct fixture *fx, const char *file)
{
	char state[64] = "123 456 00000000000000ff";
	char *real = realpath(file, NULL);

	if (!real)
		fail_msg("cannot find %s (run from the repository root)", file);
	FMT(fx->path, "%s", real);
	free(real);
	stl_minute_destroy(fx->m);
	fx->m = test_parse_minute(file, fx->inst);
	file_key(fx->path, fx->key);
	fx->e.b = fx->b;
	fx->e.w = fx->w;
	return docbuild_minute(fx->b, fx->m, fx->path, state, emit_cb, &fx->e);
}

static stl_reader_t *rd(struct fixture *fx)
{
	return stl_writer_reader(fx->w);
}

struct find {
	const char *term;
	bool found;
	unsigned wdf;
	size_t n;
};

static int find_cb(const char *term, size_t len, unsigned freq, void *ctx)
{
	struct find *f = ctx;

	f->n++;
	if (strlen(f->term) == len && !memcmp(term, f->term, len)) {
		f->found = true;
		f->wdf = freq;
	}
	return 0;
}

static bool doc_has(struct fixture *fx, stl_docid_t docid, const char *term)
{
	struct find f = { term, false, 0, 0 };

	assert_int_equal(stl_reader_doc_terms(rd(fx), docid, term, find_cb, &f),
			 STL_STATUS_SUCCESS);
	return f.found;
}

/* Number of terms of @docid starting with @prefix. */
static size_t doc_count_prefix(struct fixture *fx, stl_docid_t docid,
			       const char *prefix)
{
	struct find f = { "", false, 0, 0 };

	assert_int_equal(stl_reader_doc_terms(rd(fx), docid, prefix, find_cb,
					      &f),
			 STL_STATUS_SUCCESS);
	return f.n;
}

#define assert_has(fx, docid, term)                                           \
	do {                                                                  \
		if (!doc_has((fx), (docid), (term)))                          \
			fail_msg("document %u lacks term '%s'", (docid),      \
				 (term));                                     \
	} while (0)
#define assert_lacks(fx, docid, term)                                         \
	do {                                                                  \
		if (doc_has((fx), (docid), (term)))                           \
			fail_msg("document %u has term '%s'", (docid),        \
				 (term));                                     \
	} while (0)

static char *value_of(struct fixture *fx, stl_docid_t docid, stl_slot_t slot)
{
	char *v = NULL;

	assert_int_equal(stl_reader_get_value(rd(fx), docid, slot, &v, NULL),
			 STL_STATUS_SUCCESS);
	assert_non_null(v);
	return v;
}

static json_t *data_of(struct fixture *fx, stl_docid_t docid)
{
	json_error_t err;
	char *data = NULL;
	size_t len = 0;
	json_t *j;

	assert_int_equal(stl_reader_get_data(rd(fx), docid, &data, &len),
			 STL_STATUS_SUCCESS);
	j = json_loadb(data, len, 0, &err);
	free(data);
	if (!j)
		fail_msg("document %u: data is not JSON: %s", docid, err.text);
	return j;
}

/* Does document @docid match the exact phrase @words under @prefix? */
static bool phrase_matches(struct fixture *fx, stl_docid_t docid,
			   const char *prefix, const char *const *words,
			   size_t n)
{
	stl_query_t *subs[8], *q = NULL;
	struct stl_search_opts so = { .limit = 100 };
	stl_results_t *res = NULL;
	char term[128];
	bool found = false;
	size_t i;

	assert_true(n <= 8);
	for (i = 0; i < n; i++) {
		FMT(term, "%s%s", prefix, words[i]);
		assert_int_equal(stl_query_new_term(term, &subs[i]),
				 STL_STATUS_SUCCESS);
	}
	assert_int_equal(stl_query_combine(STL_QUERY_PHRASE, subs, n, 0, &q),
			 STL_STATUS_SUCCESS);
	assert_int_equal(stl_reader_search(rd(fx), q, &so, &res),
			 STL_STATUS_SUCCESS);
	for (i = 0; i < res->nhits; i++)
		found |= res->hits[i].docid == docid;
	stl_results_destroy(res);
	stl_query_destroy(q);
	for (i = 0; i < n; i++)
		stl_query_destroy(subs[i]);
	return found;
}

static void commit(struct fixture *fx)
{
	assert_int_equal(stl_writer_commit(fx->w), STL_STATUS_SUCCESS);
}

/* ---- the documents ------------------------------------------------------------- */

static void test_one_per_agreement(void **state)
{
	struct fixture *fx = *state;
	char want[64];
	size_t i;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	assert_int_equal(fx->m->nagreements, 4);
	assert_int_equal(fx->e.n, 1 + fx->m->nagreements);
	for (i = 0; i < fx->m->nagreements; i++)
		assert_int_equal(fx->m->agreements[i].number, i + 1);
	commit(fx);
	/* The minute has a unique id term; an agreement has none. */
	FMT(want, "Qm%s", fx->key);
	assert_has(fx, fx->e.docids[0], want);
	assert_int_equal(doc_count_prefix(fx, fx->e.docids[0], "Q"), 1);
	for (i = 1; i < fx->e.n; i++)
		assert_int_equal(doc_count_prefix(fx, fx->e.docids[i], "Q"), 0);
}

static size_t count_lines(const char *s)
{
	size_t n = *s ? 1 : 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_common_terms_and_values(void **state)
{
	struct fixture *fx = *state;
	char file_term[32];
	size_t i, k;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	commit(fx);
	FMT(file_term, "F%s", fx->key);
	for (i = 0; i < fx->e.n; i++) {
		stl_docid_t d = fx->e.docids[i];
		char *v;

		assert_has(fx, d, file_term);
		for (k = 0; k < NELEMS(common_0924); k++)
			assert_has(fx, d, common_0924[k]);
		/* One kind, one year, one month, one day, one file. */
		assert_int_equal(doc_count_prefix(fx, d, "K"), 1);
		assert_int_equal(doc_count_prefix(fx, d, "Y"), 1);
		assert_int_equal(doc_count_prefix(fx, d, "M"), 1);
		assert_int_equal(doc_count_prefix(fx, d, "D"), 1);
		assert_int_equal(doc_count_prefix(fx, d, "F"), 1);
		v = value_of(fx, d, STL_SLOT_DATE);
		assert_string_equal(v, "20200924");
		free(v);
		v = value_of(fx, d, STL_SLOT_YEAR);
		assert_string_equal(v, "2020");
		free(v);
		v = value_of(fx, d, STL_SLOT_INSTITUTIONS);
		assert_string_equal(v, "STL\nIEEM\nInfoem");
		free(v);
		v = value_of(fx, d, STL_SLOT_ATTENDEES);
		assert_non_null(strstr(v, "Lilibeth Álvarez Rodríguez\n"));
		assert_non_null(strstr(v, "Rafael Funes Díaz\n"));
		assert_int_equal(count_lines(v), 8);
		free(v);
	}
}

static void test_minute_document(void **state)
{
	struct fixture *fx = *state;
	stl_docid_t d;
	json_t *j;
	char *v;
	size_t i;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	commit(fx);
	d = fx->e.docids[0];
	for (i = 0; i < NELEMS(minute_0924); i++)
		assert_has(fx, d, minute_0924[i]);
	for (i = 0; i < NELEMS(not_minute_0924); i++)
		assert_lacks(fx, d, not_minute_0924[i]);
	/* Attendees are not persona: again (their names are XA). */
	assert_int_equal(doc_count_prefix(fx, d, "XP"), 0);

	v = value_of(fx, d, STL_SLOT_PATH);
	assert_string_equal(v, fx->path);
	free(v);
	v = value_of(fx, d, STL_SLOT_FILE_STATE);
	assert_string_equal(v, "123 456 00000000000000ff");
	free(v);

	j = data_of(fx, d);
	assert_string_equal(json_string_value(json_object_get(j, "path")),
			    fx->path);
	assert_string_equal(json_string_value(json_object_get(j, "date")),
			    "2020-09-24");
	assert_int_equal(json_array_size(json_object_get(j, "agreements")), 4);
	assert_int_equal(json_array_size(json_object_get(j, "attendees")), 8);
	json_decref(j);
}

static void test_minute_positions(void **state)
{
	struct fixture *fx = *state;
	static const char *const hoja[] = { "hoja", "de", "ruta" };
	static const char *const wrong[] = { "ruta", "de", "hoja" };
	static const char *const fecha[] = { "24", "de", "septiembre", "de",
					     "2020" };
	stl_docid_t d;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	commit(fx);
	d = fx->e.docids[0];
	/* Words of a field keep their places in the text: a phrase in the
	 * topic and one in the agreements, under their own prefixes. */
	assert_true(phrase_matches(fx, d, "XT", hoja, 3));
	assert_true(phrase_matches(fx, d, "XC", hoja, 3));
	assert_false(phrase_matches(fx, d, "XT", wrong, 3));
	assert_false(phrase_matches(fx, d, "", hoja, 3));
	assert_true(phrase_matches(fx, d, "", fecha, 5));
}

static void test_agreement_document(void **state)
{
	struct fixture *fx = *state;
	stl_docid_t d;
	json_t *j, *persons;
	char *v;
	size_t i;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	commit(fx);
	d = fx->e.docids[2];	/* agreement II */
	for (i = 0; i < NELEMS(agreement2_0924); i++)
		assert_has(fx, d, agreement2_0924[i]);
	for (i = 0; i < NELEMS(not_agreement2_0924); i++)
		assert_lacks(fx, d, not_agreement2_0924[i]);
	/* Only its own prefixes: no free text, no minute field. */
	assert_int_equal(doc_count_prefix(fx, d, "XA"), 0);
	assert_int_equal(doc_count_prefix(fx, d, "XC"), 0);
	assert_int_equal(doc_count_prefix(fx, d, "XP"), 0);
	assert_int_equal(doc_count_prefix(fx, d, "XT"), 0);
	assert_int_equal(doc_count_prefix(fx, d, "a"), 0);
	assert_int_equal(doc_count_prefix(fx, d, "s"), 0);
	/* Stems under its prefixes only: no union "Z" + stem. */
	assert_int_equal(doc_count_prefix(fx, d, "Z"),
			 doc_count_prefix(fx, d, "ZXD") +
				 doc_count_prefix(fx, d, "ZXR"));
	assert_true(doc_count_prefix(fx, d, "ZXR") > 0);
	assert_true(doc_count_prefix(fx, d, "XD") > 10);

	/* No path or state (that is the minute's); a checksum. */
	v = value_of(fx, d, STL_SLOT_PATH);
	assert_string_equal(v, "");
	free(v);
	v = value_of(fx, d, STL_SLOT_CHECKSUM);
	assert_int_equal(strlen(v), 16);
	assert_int_equal(strspn(v, "0123456789abcdef"), 16);
	free(v);
	v = value_of(fx, fx->e.docids[0], STL_SLOT_CHECKSUM);
	assert_string_equal(v, "");
	free(v);

	j = data_of(fx, d);
	assert_string_equal(json_string_value(json_object_get(j, "kind")),
			    stl_schema_kind_name(STL_DOC_AGREEMENT));
	assert_int_equal(json_integer_value(json_object_get(j, "number")), 2);
	assert_string_equal(json_string_value(json_object_get(j, "path")),
			    fx->path);
	assert_string_equal(json_string_value(json_object_get(j, "date")),
			    "2020-09-24");
	persons = json_object_get(j, "persons");
	assert_int_equal(json_array_size(persons), 1);
	assert_string_equal(json_string_value(json_array_get(persons, 0)),
			    "Lilibeth Álvarez Rodríguez");
	assert_non_null(strstr(json_string_value(json_object_get(j, "text")),
			       "redacción del Compromiso"));
	json_decref(j);
}

static void test_institution_at_same_position(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	commit(fx);
	/* Agreement I: "...del Órgano Garante no...": the id stands where
	 * "órgano" does, and the phrase around it is intact. */
	assert_true(phrase_matches(fx, fx->e.docids[1], "XD", inst_phrase_hit,
				   NELEMS(inst_phrase_hit)));
	assert_false(phrase_matches(fx, fx->e.docids[1], "XD",
				    inst_phrase_miss,
				    NELEMS(inst_phrase_miss)));
	/* The same words in the minute's text, under acuerdo:. */
	assert_true(phrase_matches(fx, fx->e.docids[0], "XC", inst_phrase_hit,
				   NELEMS(inst_phrase_hit)));
	assert_false(phrase_matches(fx, fx->e.docids[0], "XC",
				    inst_phrase_miss,
				    NELEMS(inst_phrase_miss)));
	/* Agreement II does not name the Órgano Garante. */
	assert_false(phrase_matches(fx, fx->e.docids[2], "XD", inst_phrase_hit,
				    NELEMS(inst_phrase_hit)));
}

static void test_without_table(void **state)
{
	struct fixture *fx = *state;

	/* No table: names are plain words, no id is added. */
	docbuild_destroy(fx->b);
	fx->b = docbuild_new(NULL);
	assert_non_null(fx->b);
	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	commit(fx);
	assert_false(phrase_matches(fx, fx->e.docids[1], "XD", inst_phrase_hit,
				    NELEMS(inst_phrase_hit)));
	assert_has(fx, fx->e.docids[1], "XDorgano");
	assert_has(fx, fx->e.docids[1], "XDgarante");
	assert_int_equal(synonyms_write(fx->inst, fx->w),
			 STL_STATUS_SUCCESS);
}

static void test_persons_not_attending(void **state)
{
	struct fixture *fx = *state;
	size_t i;
	stl_docid_t minute, agr;

	assert_int_equal(build(fx, MINUTE_0617), STL_STATUS_SUCCESS);
	commit(fx);
	assert_true(fx->m->nagreements >= AGREEMENT_0617_NUMBER);
	minute = fx->e.docids[0];
	agr = fx->e.docids[AGREEMENT_0617_NUMBER];
	for (i = 0; i < NELEMS(minute_0617_persons); i++)
		assert_has(fx, minute, minute_0617_persons[i]);
	assert_has(fx, agr, AGREEMENT_0617_PERSON);
	/* Only the agreement that concerns her. */
	for (i = 1; i < fx->e.n; i++)
		if (i != AGREEMENT_0617_NUMBER)
			assert_lacks(fx, fx->e.docids[i], AGREEMENT_0617_PERSON);
}

/* ---- emitting ------------------------------------------------------------------ */

static void test_emit_error_stops(void **state)
{
	struct fixture *fx = *state;

	fx->e.fail_at = 2;
	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_IO_ERROR);
	assert_int_equal(fx->e.n, 2);
	fx->e.n = 0;
	fx->e.fail_at = 1;
	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_IO_ERROR);
	assert_int_equal(fx->e.n, 1);
}

static void test_take_doc(void **state)
{
	struct fixture *fx = *state;
	char id[64];
	size_t i;

	fx->e.take = true;
	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	assert_int_equal(fx->e.n, 5);
	for (i = 0; i < fx->e.n; i++) {
		assert_non_null(fx->e.taken[i]);
		if (i)
			assert_ptr_not_equal(fx->e.taken[i], fx->e.taken[i - 1]);
	}
	/* A document taken keeps its terms after the builder went on. */
	FMT(id, "Qm%s", fx->key);
	assert_int_equal(stl_writer_replace(fx->w, id, fx->e.taken[0]),
			 STL_STATUS_SUCCESS);
	commit(fx);
	assert_has(fx, fx->e.docids[0], "XThoja");
	assert_has(fx, fx->e.docids[4], "XDcultura");
	assert_lacks(fx, fx->e.docids[4], "XThoja");
}

static void test_rebuild_same_terms(void **state)
{
	struct fixture *fx = *state;
	size_t i;
	/* The builder resets between minutes: another minute, then this one
	 * again, gives the same terms as the first time. */
	size_t n0617;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	assert_int_equal(fx->e.n, 5);
	assert_int_equal(build(fx, MINUTE_0617), STL_STATUS_SUCCESS);
	n0617 = fx->e.n - 5;
	assert_int_equal(n0617, 1 + fx->m->nagreements);
	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	assert_int_equal(fx->e.n, 10 + n0617);
	commit(fx);
	for (i = 0; i < 5; i++) {
		stl_docid_t a = fx->e.docids[i];
		stl_docid_t b = fx->e.docids[fx->e.n - 5 + i];

		assert_int_equal(doc_count_prefix(fx, a, ""),
				 doc_count_prefix(fx, b, ""));
		assert_int_equal(doc_count_prefix(fx, a, "X"),
				 doc_count_prefix(fx, b, "X"));
		assert_int_equal(doc_count_prefix(fx, a, "Z"),
				 doc_count_prefix(fx, b, "Z"));
	}
	/* Nothing of 2020-06-17 stayed behind. */
	assert_lacks(fx, fx->e.docids[fx->e.n - 5], "D20200617");
	assert_lacks(fx, fx->e.docids[fx->e.n - 5], "XPgonzalez");
}

/* ---- synonyms and spelling ------------------------------------------------------ */

struct syns {
	char list[32][64];
	size_t n;
};

static int syn_cb(const char *term, size_t len, unsigned freq, void *ctx)
{
	struct syns *s = ctx;

	(void)freq;
	if (s->n < 32 && len < 64) {
		memcpy(s->list[s->n], term, len);
		s->list[s->n][len] = '\0';
	}
	s->n++;
	return 0;
}

/*
 * Earlier versions wrote a name's id as its synonym; names are found on
 * the client now (stl/qnames.h), so synonyms_write() clears them.
 */
static void test_synonyms(void **state)
{
	static const char *const keys[] = { SYN_KEY_ORGANO, SYN_KEY_IEEM };
	struct fixture *fx = *state;
	struct syns s;
	size_t i;

	for (i = 0; i < NELEMS(keys); i++)
		assert_int_equal(stl_writer_add_synonym(fx->w, keys[i],
							SYN_IEEM),
				 STL_STATUS_SUCCESS);
	commit(fx);
	memset(&s, 0, sizeof(s));
	assert_int_equal(stl_reader_synonyms(rd(fx), SYN_KEY_IEEM, syn_cb, &s),
			 STL_STATUS_SUCCESS);
	assert_int_equal(s.n, 1);
	assert_int_equal(synonyms_write(fx->inst, fx->w), STL_STATUS_SUCCESS);
	commit(fx);
	for (i = 0; i < NELEMS(keys); i++) {
		memset(&s, 0, sizeof(s));
		assert_int_equal(stl_reader_synonyms(rd(fx), keys[i], syn_cb,
						     &s),
				 STL_STATUS_SUCCESS);
		if (s.n)
			fail_msg("'%s' keeps a synonym", keys[i]);
	}
}

/* The words counted since the last take, to the index's dictionary. */
static stl_status_t flush_spelling(struct fixture *fx)
{
	struct docbuild_words *words = docbuild_take_words(fx->b);
	stl_status_t st;

	assert_non_null(words);
	st = docbuild_words_write(words, fx->w);
	docbuild_words_free(words);
	return st;
}

static void test_spelling(void **state)
{
	struct fixture *fx = *state;
	char *sugg = NULL;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	assert_int_equal(stl_reader_spelling_suggestion(rd(fx), SPELL_WRONG,
							&sugg),
			 STL_STATUS_SUCCESS);
	assert_null(sugg);	/* nothing flushed yet */
	assert_int_equal(flush_spelling(fx), STL_STATUS_SUCCESS);
	commit(fx);
	assert_int_equal(stl_reader_spelling_suggestion(rd(fx), SPELL_WRONG,
							&sugg),
			 STL_STATUS_SUCCESS);
	assert_non_null(sugg);
	assert_string_equal(sugg, SPELL_RIGHT);
	free(sugg);
}

static void test_take_words(void **state)
{
	struct fixture *fx = *state;
	struct docbuild_words *words;
	char *sugg = NULL;

	assert_int_equal(build(fx, MINUTE_0924), STL_STATUS_SUCCESS);
	words = docbuild_take_words(fx->b);
	assert_non_null(words);
	/* Taken: a flush now writes nothing. */
	assert_int_equal(flush_spelling(fx), STL_STATUS_SUCCESS);
	commit(fx);
	assert_int_equal(stl_reader_spelling_suggestion(rd(fx), SPELL_WRONG,
							&sugg),
			 STL_STATUS_SUCCESS);
	assert_null(sugg);
	assert_int_equal(docbuild_words_write(words, fx->w),
			 STL_STATUS_SUCCESS);
	docbuild_words_free(words);
	docbuild_words_free(NULL);
	commit(fx);
	assert_int_equal(stl_reader_spelling_suggestion(rd(fx), SPELL_WRONG,
							&sugg),
			 STL_STATUS_SUCCESS);
	assert_non_null(sugg);
	assert_string_equal(sugg, SPELL_RIGHT);
	free(sugg);
}

static void test_own_table(void **state)
{
	struct fixture *fx = *state;
	struct stl_institutions *t = stl_institutions_new();
	char *msg = NULL, state_str[] = "1 2 0000000000000003", key[17], id[32];
	struct syns s;
	size_t i;

	assert_non_null(t);
	assert_int_equal(stl_institutions_add_tsv(t, "test", own_table,
						  strlen(own_table), &msg),
			 STL_STATUS_SUCCESS);
	free(msg);
	docbuild_destroy(fx->b);
	fx->b = docbuild_new(t);
	assert_non_null(fx->b);
	assert_int_equal(stl_minute_parse(own_minute, strlen(own_minute), t,
					  &fx->m),
			 STL_STATUS_SUCCESS);
	assert_int_equal(fx->m->nagreements, 1);
	fx->e.b = fx->b;
	fx->e.w = fx->w;
	assert_int_equal(docbuild_minute(fx->b, fx->m, "/x/propia.txt",
					 state_str, emit_cb, &fx->e),
			 STL_STATUS_SUCCESS);
	assert_int_equal(fx->e.n, 2);
	assert_int_equal(synonyms_write(t, fx->w),
			 STL_STATUS_SUCCESS);
	commit(fx);
	for (i = 0; i < NELEMS(own_minute_terms); i++) {
		stl_docid_t d = own_minute_terms[i][0] == 'X' &&
					own_minute_terms[i][1] == 'D'
				? fx->e.docids[1]
				: fx->e.docids[0];

		assert_has(fx, d, own_minute_terms[i]);
	}
	file_key("/x/propia.txt", key);
	FMT(id, "F%s", key);
	assert_has(fx, fx->e.docids[0], id);
	assert_has(fx, fx->e.docids[1], id);
	assert_true(phrase_matches(fx, fx->e.docids[1], "XD",
				   own_agreement_phrase,
				   NELEMS(own_agreement_phrase)));

	/* No synonyms: the searcher finds the alias itself (qnames.h). */
	memset(&s, 0, sizeof(s));
	assert_int_equal(stl_reader_synonyms(rd(fx), OWN_SYN_KEY, syn_cb, &s),
			 STL_STATUS_SUCCESS);
	assert_int_equal(s.n, 0);
	assert_int_equal(stl_reader_synonyms(rd(fx), OWN_SYN_KEY_XD, syn_cb,
					     &s),
			 STL_STATUS_SUCCESS);
	assert_int_equal(s.n, 0);

	docbuild_destroy(fx->b);
	fx->b = NULL;
	stl_institutions_destroy(t);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_one_per_agreement),
		T(test_common_terms_and_values),
		T(test_minute_document),
		T(test_minute_positions),
		T(test_agreement_document),
		T(test_institution_at_same_position),
		T(test_without_table),
		T(test_persons_not_attending),
		T(test_emit_error_stops),
		T(test_take_doc),
		T(test_rebuild_same_terms),
		T(test_synonyms),
		T(test_spelling),
		T(test_take_words),
		T(test_own_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
