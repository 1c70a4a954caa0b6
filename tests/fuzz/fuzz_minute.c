/*
 * fuzz_minute.c - harness (2): a file's bytes, decoded as stlindex does,
 * through the minutes parser, the JSON record and the document builder.
 *
 * Invariants: dates are "" or YYYY-MM-DD, times "" or HH:MM; the record
 * parses back to a minute whose record is the same bytes; each
 * agreement's record parses back to that agreement; the builder makes one
 * document for the minute and one per agreement.
 */
#include <ctype.h>
#include <string.h>
#include <unistr.h>

#include "../../indexer/docbuild.h"
#include "fuzz.h"
#include "stl/minute.h"
#include "stl/record.h"
#include "stl/text.h"

/* The shipped institutions table (build/gen/institutions_builtin.c). */
extern const char stl_builtin_institutions[];

static struct stl_institutions *inst;
static struct docbuild *builder;

static bool is_date(const char *d)
{
	size_t i;

	if (!*d)
		return true;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : !isdigit((unsigned char)d[i]))
			return false;
	return !d[10];
}

static bool is_time(const char *t)
{
	return !*t || (isdigit((unsigned char)t[0]) &&
		       isdigit((unsigned char)t[1]) && t[2] == ':' &&
		       isdigit((unsigned char)t[3]) &&
		       isdigit((unsigned char)t[4]) && !t[5]);
}

static bool valid(const char *s)
{
	return !s || !u8_check((const uint8_t *)s, strlen(s));
}

static void check_minute(const struct stl_minute *m)
{
	size_t i, k;

	FUZZ_CHECK(is_date(m->date) && is_date(m->next_date));
	FUZZ_CHECK(is_time(m->time) && is_time(m->next_time));
	FUZZ_CHECK(valid(m->city) && valid(m->title) && valid(m->event) &&
		   valid(m->medium));
	FUZZ_CHECK(m->text && strlen(m->text) == m->text_len);
	for (i = 0; i < m->nattendees; i++)
		FUZZ_CHECK(valid(m->attendees[i].name) &&
			   valid(m->attendees[i].role) &&
			   valid(m->attendees[i].institution));
	for (i = 0; i < m->ntopics; i++)
		FUZZ_CHECK(m->topics[i] && valid(m->topics[i]));
	for (i = 0; i < m->nagreements; i++) {
		const struct stl_agreement *a = &m->agreements[i];

		FUZZ_CHECK(a->number >= 1);
		FUZZ_CHECK(is_date(a->deadline));
		FUZZ_CHECK(valid(a->text));
		for (k = 0; k < a->npersons; k++)
			FUZZ_CHECK(a->persons[k] && valid(a->persons[k]));
	}
}

static stl_status_t count_doc(void *ctx, stl_doc_t *doc)
{
	size_t *n = ctx;

	FUZZ_CHECK(doc);
	(*n)++;
	return STL_STATUS_SUCCESS;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *msg = NULL;

	(void)argc;
	(void)argv;
	inst = stl_institutions_new();
	FUZZ_CHECK(inst);
	FUZZ_CHECK(stl_institutions_add_tsv(inst, "tabla incluida",
					    stl_builtin_institutions,
					    strlen(stl_builtin_institutions),
					    &msg) == STL_STATUS_SUCCESS);
	builder = docbuild_new(inst);
	FUZZ_CHECK(builder);
	return 0;
}

/*
 * A file name can be any bytes but '/' and NUL: not UTF-8, with a newline
 * or a quote. Take one from the first bytes of the input.
 */
static void fuzz_path(const uint8_t *data, size_t size, char out[32])
{
	size_t i, n = size < 16 ? size : 16;

	memcpy(out, "/m/", 3);
	for (i = 0; i < n; i++)
		out[3 + i] = data[i] && data[i] != '/' ? (char)data[i] : '_';
	memcpy(out + 3 + n, ".txt", 5);
}

/* Each agreement's record reads back as that agreement of @m. */
static void check_agreements(const struct stl_minute *m, const char *path)
{
	const struct stl_agreement *a;
	struct stl_record *r;
	size_t i, k, len;
	char *json;

	for (i = 0; i < m->nagreements; i++) {
		a = &m->agreements[i];
		FUZZ_CHECK(stl_record_write_agreement(m, a, path, &json, &len) ==
			   STL_STATUS_SUCCESS);
		FUZZ_CHECK(stl_record_read(json, len, &r) == STL_STATUS_SUCCESS);
		FUZZ_CHECK(r->kind == STL_DOC_AGREEMENT);
		FUZZ_CHECK(r->agreement.number == a->number);
		FUZZ_CHECK(!strcmp(r->agreement.text, a->text));
		FUZZ_CHECK(!strcmp(r->agreement.deadline, a->deadline));
		FUZZ_CHECK(r->agreement.npersons == a->npersons);
		for (k = 0; k < a->npersons; k++)
			FUZZ_CHECK(!strcmp(r->agreement.persons[k],
					   a->persons[k]));
		FUZZ_CHECK(!strcmp(r->minute->date, m->date));
		stl_record_destroy(r);
		free(json);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stl_strbuf text = STL_STRBUF_INIT;
	struct stl_minute *m = NULL;
	struct stl_record *back = NULL;
	char *json, *json2, fpath[32];
	size_t len, len2, ndocs = 0;

	if (stl_text_decode((const char *)data, size, &text, NULL))
		goto out;
	FUZZ_CHECK(stl_minute_parse(text.buf, text.len, inst, &m) ==
		   STL_STATUS_SUCCESS);
	check_minute(m);

	fuzz_path(data, size, fpath);
	FUZZ_CHECK(stl_record_write_minute(m, fpath, &json, &len) ==
		   STL_STATUS_SUCCESS);
	FUZZ_CHECK(strlen(json) == len);
	FUZZ_CHECK(stl_record_read(json, len, &back) == STL_STATUS_SUCCESS);
	FUZZ_CHECK(back->kind == STL_DOC_MINUTE);
	/* A name that is not UTF-8 is stored repaired (U+FFFD). */
	FUZZ_CHECK(!strcmp(back->path, fpath) || !valid(fpath));
	FUZZ_CHECK(stl_record_write_minute(back->minute, back->path, &json2,
					   &len2) == STL_STATUS_SUCCESS);
	FUZZ_CHECK(len2 == len && !memcmp(json, json2, len));
	free(json);
	free(json2);
	stl_record_destroy(back);
	check_agreements(m, fpath);

	FUZZ_CHECK(docbuild_minute(builder, m, fpath, "1 2 3", count_doc, &ndocs) ==
		   STL_STATUS_SUCCESS);
	FUZZ_CHECK(ndocs == 1 + m->nagreements);
	stl_minute_destroy(m);
out:
	stl_strbuf_release(&text);
	return 0;
}
