/*
 * test_institutions.c - the institutions table: reading TSV (the shipped
 * corpus/instituciones.tsv and hand-made ones), errors with line numbers,
 * replacement, folded lookups, and writing the table back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/minute.h"
#include "testutil.h"


static stl_status_t add(struct stl_institutions *t, const char *text,
			char **err)
{
	return stl_institutions_add_tsv(t, "prueba.tsv", text, strlen(text), err);
}

static const char *lookup(const struct stl_institutions *t, const char *name)
{
	const struct stl_institution *in;

	in = stl_institutions_lookup(t, name, strlen(name));
	return in ? in->short_name : NULL;
}

static void check_lookup(const struct stl_institutions *t, const char *name,
			 const char *want)
{
	const char *got = lookup(t, name);

	if (!want && got)
		fail_msg("\"%s\" found as %s", name, got);
	if (want && (!got || strcmp(got, want)))
		fail_msg("\"%s\": expected %s, got %s", name, want,
			 got ? got : "nothing");
}

static void check_part_at(const struct stl_institutions *t, const char *name,
			  enum stl_inst_part where, const char *want)
{
	const struct stl_institution *in;

	in = stl_institutions_lookup_part(t, name, strlen(name), where);
	if (!want && in)
		fail_msg("\"%s\" found as %s", name, in->short_name);
	if (want && (!in || strcmp(in->short_name, want)))
		fail_msg("\"%s\": expected %s, got %s", name, want,
			 in ? in->short_name : "nothing");
}

static void check_part(const struct stl_institutions *t, const char *name,
		       const char *want)
{
	check_part_at(t, name, STL_INST_PART_ANYWHERE, want);
}

/* ---- The shipped table ------------------------------------------------------- */

static void shipped_table(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	const struct stl_institution *in;
	char *text, *err = NULL;
	size_t len, i;

	(void)state;
	text = test_slurp("corpus/instituciones.tsv", &len);
	if (!text)
		fail_msg("cannot read corpus/instituciones.tsv (run from the "
			 "repository root)");
	assert_int_equal(stl_institutions_add_tsv(t, "instituciones.tsv", text,
						  len, &err),
			 STL_STATUS_SUCCESS);
	assert_null(err);
	assert_true(stl_institutions_count(t) >= 6);
	in = stl_institutions_get(t, 0);
	assert_string_equal(in->short_name, "IEEM");
	assert_string_equal(in->id, "ieem");
	assert_string_equal(in->full_name,
			    "Instituto Electoral del Estado de México");

	check_lookup(t, "IEEM", "IEEM");
	check_lookup(t, "ieem", "IEEM");
	check_lookup(t, "I.E.E.M.", "IEEM");
	check_lookup(t, "Instituto Electoral del Estado de Mexico", "IEEM");
	check_lookup(t, "INSTITUTO ELECTORAL DEL ESTADO DE MÉXICO", "IEEM");
	check_lookup(t, "Infoem", "Infoem");
	check_lookup(t, "INFOEM", "Infoem");
	check_lookup(t, "Órgano Garante", "Infoem");
	check_lookup(t, "organo garante", "Infoem");
	check_lookup(t, "Instituto de Transparencia, Acceso a la Información "
		     "Pública y Protección de Datos Personales del Estado de "
		     "México y Municipios", "Infoem");
	check_lookup(t, "  Infoem  ", "Infoem");
	check_lookup(t, "CPC", "CPC");
	check_lookup(t, "Comité de Participación Ciudadana", "CPC");
	check_lookup(t, "STL", "STL");
	check_lookup(t, "Secretariado Técnico Local", "STL");
	check_lookup(t, "SESAEMM", "SESAEMM");
	check_lookup(t, "OSFEM", "OSFEM");
	check_lookup(t, "Poder Legislativo", "Legislatura");
	check_lookup(t, "Tendiendo Puentes A.C.", NULL);
	check_lookup(t, "", NULL);
	check_lookup(t, "Instituto", NULL);

	/* Every id is the folded short name, unique. */
	for (i = 0; i < stl_institutions_count(t); i++) {
		in = stl_institutions_get(t, i);
		assert_non_null(in->id);
		assert_null(strchr(in->id, '.'));
		assert_ptr_equal(stl_institutions_lookup(t, in->short_name,
							 strlen(in->short_name)),
				 in);
	}
	assert_null(stl_institutions_get(t, stl_institutions_count(t)));
	free(text);
	stl_institutions_destroy(t);
}

/* ---- Reading ------------------------------------------------------------------ */

static void columns_and_comments(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	const struct stl_institution *in;
	char *err = NULL;

	(void)state;
	assert_int_equal(add(t, "# comentario\n\n   \n"
			     "A\tAlfa Uno\r\n"
			     "B\tBeta Dos\t\n"
			     "C\tGama   Tres\tG3| Gama 3 ||gama.tres\n"
			     "  # otro comentario\n", &err),
			 STL_STATUS_SUCCESS);
	assert_null(err);
	assert_int_equal(stl_institutions_count(t), 3);
	in = stl_institutions_get(t, 0);
	assert_string_equal(in->full_name, "Alfa Uno");
	assert_int_equal(in->naliases, 0);
	assert_int_equal(stl_institutions_get(t, 1)->naliases, 0);
	in = stl_institutions_get(t, 2);
	assert_string_equal(in->full_name, "Gama Tres");
	assert_int_equal(in->naliases, 3);
	assert_string_equal(in->aliases[0], "G3");
	assert_string_equal(in->aliases[1], "Gama 3");
	assert_string_equal(in->aliases[2], "gama.tres");
	check_lookup(t, "gama tres", "C");
	check_lookup(t, "GAMATRES", "C");
	check_lookup(t, "g3", "C");
	stl_institutions_destroy(t);
}

static void later_entry_replaces(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	char *err = NULL;

	(void)state;
	assert_int_equal(add(t, "IEEM\tInstituto Electoral\tViejo\n"
			     "X\tEquis\n", &err), STL_STATUS_SUCCESS);
	assert_int_equal(add(t, "ieem\tInstituto Electoral del Estado de México\n",
			     &err), STL_STATUS_SUCCESS);
	assert_int_equal(stl_institutions_count(t), 2);
	assert_string_equal(stl_institutions_get(t, 0)->short_name, "ieem");
	check_lookup(t, "Instituto Electoral del Estado de México", "ieem");
	check_lookup(t, "Viejo", NULL);
	check_lookup(t, "Instituto Electoral", NULL);
	check_lookup(t, "Equis", "X");
	stl_institutions_destroy(t);
}

/* When two institutions share an alias, the later one has it. */
static void shared_alias(void **state)
{
	struct stl_institutions *t = stl_institutions_new();

	(void)state;
	assert_int_equal(add(t, "A\tAlfa\tComún\nB\tBeta\tComun\n", NULL),
			 STL_STATUS_SUCCESS);
	check_lookup(t, "común", "B");
	stl_institutions_destroy(t);
}

static void check_error(const char *text, const char *message)
{
	struct stl_institutions *t = stl_institutions_new();
	char *err = NULL;

	assert_int_equal(add(t, "OK\tBien\n", NULL), STL_STATUS_SUCCESS);
	assert_int_equal(add(t, text, &err), STL_STATUS_INVALID_ARGUMENT);
	assert_non_null(err);
	assert_string_equal(err, message);
	free(err);
	/* A bad file leaves the table as it was. */
	assert_int_equal(stl_institutions_count(t), 1);
	check_lookup(t, "Bien", "OK");
	check_lookup(t, "N", NULL);
	stl_institutions_destroy(t);
}

static void errors(void **state)
{
	(void)state;
	check_error("# c\nN\tNuevo\nsin tabulador\n",
		    "'prueba.tsv' línea 3: se esperan nombre corto, tabulador y nombre completo");
	check_error("N\tNuevo\ta\tb\n",
		    "'prueba.tsv' línea 1: sobran columnas (se esperan a lo más tres, separadas por tabuladores)");
	check_error("\n\n \tNuevo\n",
		    "'prueba.tsv' línea 3: falta el nombre corto");
	check_error("N\t  \n", "'prueba.tsv' línea 1: falta el nombre completo");
	check_error("N\tNuevo\xff\n", "'prueba.tsv' línea 1: el texto no es UTF-8 válido");
}

static void bad_arguments(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	char *err = NULL;

	(void)state;
	assert_int_equal(stl_institutions_add_tsv(NULL, "x", "A\tB", 3, &err),
			 STL_STATUS_INVALID_ARGUMENT);
	assert_int_equal(stl_institutions_add_tsv(t, "x", NULL, 0, &err),
			 STL_STATUS_SUCCESS);
	assert_int_equal(stl_institutions_count(t), 0);
	assert_null(stl_institutions_lookup(NULL, "IEEM", 4));
	assert_null(stl_institutions_lookup(t, "IEEM", 4));
	assert_null(stl_institutions_get(NULL, 0));
	assert_int_equal(stl_institutions_count(NULL), 0);
	stl_institutions_destroy(t);
	stl_institutions_destroy(NULL);
}

/* Only @len bytes of the name are looked at. */
static void lookup_length(void **state)
{
	struct stl_institutions *t = stl_institutions_new();

	(void)state;
	assert_int_equal(add(t, "IEEM\tInstituto Electoral\n", NULL),
			 STL_STATUS_SUCCESS);
	assert_non_null(stl_institutions_lookup(t, "IEEM del Estado", 4));
	assert_null(stl_institutions_lookup(t, "IEEM", 3));
	stl_institutions_destroy(t);
}

/* ---- Writing ------------------------------------------------------------------ */

/*
 * Words of one name, in order, that no other institution's names have:
 * that institution; a whole name first; anything shared, nothing.
 */
static void lookup_part(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	char *text;
	size_t len;

	(void)state;
	text = test_slurp("corpus/instituciones.tsv", &len);
	assert_non_null(text);
	assert_int_equal(stl_institutions_add_tsv(t, "instituciones.tsv", text,
						  len, NULL),
			 STL_STATUS_SUCCESS);
	check_part(t, "Instituto Electoral", "IEEM");
	check_part(t, "instituto electoral del estado", "IEEM");
	check_part(t, "IEEM", "IEEM");
	check_part(t, "Comité de Participación", "CPC");
	check_part(t, "Órgano Superior", "OSFEM");
	check_part(t, "Órgano Garante", "Infoem");
	check_part(t, "Universidad Autónoma", "UAEMéx");
	/* The whole name of SAEMM, though CPC's alias "CPC del SAEMM" has
	 * it too. */
	check_part(t, "SAEMM", "SAEMM");
	/* Shared by several institutions. */
	check_part(t, "Instituto", NULL);
	check_part(t, "Electoral", NULL);
	check_part(t, "Estado de México", NULL);
	check_part(t, "Sistema Anticorrupción", NULL);
	/* Words in another order, or not whole words. */
	check_part(t, "Electoral Instituto", NULL);
	check_part(t, "Instituto Electo", NULL);
	check_part(t, "", NULL);
	check_part(t, "Tendiendo Puentes", NULL);
	assert_null(stl_institutions_lookup_part(NULL, "IEEM", 4,
						 STL_INST_PART_ANYWHERE));
	/* In running text only the start of a name, two words at least. */
	check_part_at(t, "Instituto Electoral", STL_INST_PART_LEADING, "IEEM");
	check_part_at(t, "Comité de Participación", STL_INST_PART_LEADING,
		      "CPC");
	check_part_at(t, "IEEM", STL_INST_PART_LEADING, "IEEM");
	check_part_at(t, "Participación Ciudadana", STL_INST_PART_ANYWHERE,
		      "CPC");
	check_part_at(t, "Participación Ciudadana", STL_INST_PART_LEADING, NULL);
	check_part_at(t, "gobierno abierto", STL_INST_PART_LEADING, NULL);
	check_part_at(t, "Infoem", STL_INST_PART_LEADING, "Infoem");
	free(text);
	stl_institutions_destroy(t);
}

static void tsv_round_trip(void **state)
{
	struct stl_institutions *t = stl_institutions_new(), *u;
	const struct stl_institution *a, *b;
	char *text, *tsv, *tsv2;
	size_t len, i, k;

	(void)state;
	text = test_slurp("corpus/instituciones.tsv", &len);
	assert_non_null(text);
	assert_int_equal(stl_institutions_add_tsv(t, "x", text, len, NULL),
			 STL_STATUS_SUCCESS);
	tsv = stl_institutions_to_tsv(t);
	assert_non_null(tsv);
	u = stl_institutions_new();
	assert_int_equal(add(u, tsv, NULL), STL_STATUS_SUCCESS);
	assert_int_equal(stl_institutions_count(u), stl_institutions_count(t));
	for (i = 0; i < stl_institutions_count(t); i++) {
		a = stl_institutions_get(t, i);
		b = stl_institutions_get(u, i);
		assert_string_equal(a->id, b->id);
		assert_string_equal(a->short_name, b->short_name);
		assert_string_equal(a->full_name, b->full_name);
		assert_int_equal(a->naliases, b->naliases);
		for (k = 0; k < a->naliases; k++)
			assert_string_equal(a->aliases[k], b->aliases[k]);
	}
	tsv2 = stl_institutions_to_tsv(u);
	assert_string_equal(tsv, tsv2);
	free(tsv2);
	free(tsv);
	free(text);
	stl_institutions_destroy(u);
	stl_institutions_destroy(t);
}

static void empty_to_tsv(void **state)
{
	struct stl_institutions *t = stl_institutions_new();
	char *tsv = stl_institutions_to_tsv(t);

	(void)state;
	assert_non_null(tsv);
	assert_int_equal(tsv[0], '#');
	free(tsv);
	stl_institutions_destroy(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_table),
		cmocka_unit_test(columns_and_comments),
		cmocka_unit_test(later_entry_replaces),
		cmocka_unit_test(shared_alias),
		cmocka_unit_test(errors),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(lookup_length),
		cmocka_unit_test(lookup_part),
		cmocka_unit_test(tsv_round_trip),
		cmocka_unit_test(empty_to_tsv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
