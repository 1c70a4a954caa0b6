/*
 * fuzz_json.c - harness (4): what stlsearch --json prints for records made
 * from arbitrary minutes and file names.
 *
 * A minute is parsed from the input and its records written as the
 * indexer writes them (stl/record.h); the searcher's hits are built from
 * them as search.c builds them (record read back, snippet with the same
 * analyzer): the minute's, one per agreement, and a facets line. Invariant:
 * every line output_json() writes parses as a JSON object with the
 * documented keys; the CSV of minutes and of agreements reads back
 * (RFC 4180) as a header and one row a hit of that kind, each with the
 * header's number of fields; the human output and the minute whole
 * (--ver) are written without failing.
 */
#include <jansson.h>
#include <string.h>

#include "stl/output.h"
#include "stl/search.h"
#include "stl/snippet.h"
#include "fuzz.h"
#include "stl/minute.h"
#include "stl/record.h"
#include "stl/text.h"

/* Up to 8 words of the text become the "matching terms" of the hit. */
struct terms {
	char *v[8];
	size_t n;
};

static int take_term(const stl_token_t *tok, void *ctx)
{
	struct terms *t = ctx;

	t->v[t->n] = strdup(tok->term);
	FUZZ_CHECK(t->v[t->n]);
	return ++t->n == 8;
}

static char *snippet(const char *text, const struct terms *t, const char *on,
		     const char *off)
{
	struct snippet_terms st;
	bool matched;
	char *s;

	FUZZ_CHECK(snippet_terms_init(&st, t->v, t->n, NULL, 0) ==
		   STL_STATUS_SUCCESS);
	s = snippet_make(text, strlen(text), &st, 240, on, off, &matched);
	snippet_terms_release(&st);
	FUZZ_CHECK(s);
	return s;
}

static void fuzz_path(const uint8_t *data, size_t size, char out[32])
{
	size_t i, n = size < 16 ? size : 16;

	memcpy(out, "/m/", 3);
	for (i = 0; i < n; i++)
		out[3 + i] = data[i] && data[i] != '/' ? (char)data[i] : '_';
	memcpy(out + 3 + n, ".txt", 5);
}

/* A record as the indexer writes it, read back as the searcher does. */
static struct stl_record *agreement_record(const struct stl_minute *m,
					   const struct stl_agreement *a,
					   const char *path)
{
	struct stl_record *r;
	size_t len;
	char *json;

	FUZZ_CHECK(stl_record_write_agreement(m, a, path, &json, &len) ==
		   STL_STATUS_SUCCESS);
	FUZZ_CHECK(stl_record_read(json, len, &r) == STL_STATUS_SUCCESS);
	free(json);
	return r;
}

static void check_lines(const char *out, size_t len, size_t nhits)
{
	const char *line = out, *nl;
	size_t hits = 0;

	while (line < out + len) {
		json_error_t err;
		json_t *o;

		nl = memchr(line, '\n', (size_t)(out + len - line));
		FUZZ_CHECK(nl);
		o = json_loadb(line, (size_t)(nl - line), 0, &err);
		if (!o)
			fprintf(stderr, "línea no JSON: %s\n", err.text);
		FUZZ_CHECK(o && json_is_object(o));
		FUZZ_CHECK(json_object_get(o, "total") &&
			   json_object_get(o, "total_exact"));
		/* With facets asked for, every line has them; a line of
		 * facets alone (no hit) has no rank. */
		if (json_object_get(o, "rank")) {
			FUZZ_CHECK(json_object_get(o, "kind") &&
				   json_object_get(o, "path") &&
				   json_object_get(o, "date") &&
				   json_object_get(o, "snippet") &&
				   json_object_get(o, "facets"));
			hits++;
		}
		json_decref(o);
		line = nl + 1;
	}
	FUZZ_CHECK(hits == nhits);
}

/*
 * The records of the CSV @out (@len bytes) read back by RFC 4180: each
 * must have @nfields fields; returns how many records there are.
 */
static size_t csv_records(const char *out, size_t len, size_t nfields)
{
	size_t i = 0, fields = 1, records = 0;
	bool quoted = false, empty = true;

	if (len >= 3 && !memcmp(out, "\xEF\xBB\xBF", 3))
		i = 3;
	for (; i < len; i++) {
		char c = out[i];

		empty = false;
		if (quoted) {
			if (c == '"' && i + 1 < len && out[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = false;
			continue;
		}
		if (c == '"') {
			/* Only a whole field is quoted. */
			FUZZ_CHECK(i == 0 || out[i - 1] == ',' ||
				   out[i - 1] == '\n' || out[i - 1] == '\xBF');
			quoted = true;
		} else if (c == ',') {
			fields++;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r') {
				FUZZ_CHECK(i + 1 < len && out[i + 1] == '\n');
				i++;
			}
			FUZZ_CHECK(fields == nfields);
			records++;
			fields = 1;
			empty = true;
		}
	}
	FUZZ_CHECK(!quoted && empty);
	return records;
}

static void check_csv(const struct search_result *res, enum stl_doc_kind kind,
		      bool excel)
{
	struct search_opts o = { .kind = kind };
	char *out = NULL;
	size_t outlen = 0, i, rows = 0;
	FILE *f = open_memstream(&out, &outlen);

	FUZZ_CHECK(f);
	FUZZ_CHECK(output_csv(f, res, &o, excel) == 0);
	fclose(f);
	for (i = 0; i < res->nhits; i++)
		rows += res->hits[i].record->kind == kind;
	FUZZ_CHECK(csv_records(out, outlen,
			       kind == STL_DOC_AGREEMENT ? 9 : 8) == 1 + rows);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stl_strbuf text = STL_STRBUF_INIT;
	struct search_opts o = { .kind = STL_DOC_ANY, .query = "q",
				 .facets = true, .hl_on = "\033[1m",
				 .hl_off = "\033[0m" };
	struct search_result res = { 0 };
	struct search_facet facet = { 0 };
	struct search_facet_value fv;
	struct terms t = { .n = 0 };
	struct stl_minute *m = NULL;
	char *rec, path[32], *out = NULL, key[STL_SCHEMA_KEY_SIZE];
	size_t len, outlen = 0, i;
	uint32_t pos = 1;
	FILE *f;

	if (stl_text_decode((const char *)data, size, &text, NULL))
		goto out;
	FUZZ_CHECK(stl_minute_parse(text.buf, text.len, NULL, &m) ==
		   STL_STATUS_SUCCESS);
	fuzz_path(data, size, path);
	stl_schema_file_key(path, key);
	FUZZ_CHECK(stl_record_write_minute(m, path, &rec, &len) ==
		   STL_STATUS_SUCCESS);
	stl_text_analyze(m->text, m->text_len, STL_ANALYZE_QUERY, &pos,
			 take_term, &t);

	res.hits = calloc(1 + m->nagreements, sizeof(*res.hits));
	FUZZ_CHECK(res.hits);
	FUZZ_CHECK(stl_record_read(rec, len, &res.hits[0].record) ==
		   STL_STATUS_SUCCESS);
	free(rec);
	res.nhits = 1;
	for (i = 0; i < m->nagreements; i++) {
		struct search_hit *h = &res.hits[res.nhits];

		h->record = agreement_record(m, &m->agreements[i], path);
		stl_schema_id(key, m->agreements[i].number, h->id);
		h->rank = (unsigned)res.nhits + 1;
		h->snippet = snippet(m->agreements[i].text ?
					     m->agreements[i].text : "",
				     &t, o.hl_on, o.hl_off);
		h->snippet_plain = snippet(m->agreements[i].text ?
						   m->agreements[i].text : "",
					   &t, "", "");
		res.nhits++;
	}
	stl_schema_id(key, 0, res.hits[0].id);
	res.hits[0].rank = 1;
	res.hits[0].score = 1.5;
	res.hits[0].snippet = snippet(m->text, &t, o.hl_on, o.hl_off);
	res.hits[0].snippet_plain = snippet(m->text, &t, "", "");
	res.hits[0].subs = calloc(1, sizeof(*res.hits[0].subs));
	FUZZ_CHECK(res.hits[0].subs);
	if (m->nagreements) {
		res.hits[0].subs[0].number = m->agreements[0].number;
		res.hits[0].subs[0].snippet = strdup(res.hits[0].snippet);
		res.hits[0].nsubs = 1;
	}
	res.matches = (unsigned)res.nhits;
	res.exact = true;
	/* A facet value is an attendee name as written in the minute. */
	fv.value = strdup(m->nattendees && m->attendees[0].name ?
				  m->attendees[0].name : "");
	fv.count = 1;
	facet.name = "asistente";
	facet.values = &fv;
	facet.n = 1;
	res.facets = &facet;
	res.nfacets = 1;

	f = open_memstream(&out, &outlen);
	FUZZ_CHECK(f);
	FUZZ_CHECK(output_json(f, &res, &o) == 0);
	fclose(f);
	check_lines(out, outlen, res.nhits);
	free(out);
	out = NULL;
	f = open_memstream(&out, &outlen);
	FUZZ_CHECK(f);
	output_human(f, &res, &o, true);
	fclose(f);
	free(out);
	out = NULL;
	f = open_memstream(&out, &outlen);
	FUZZ_CHECK(f);
	FUZZ_CHECK(output_minute(f, &res.hits[0],
				 m->nagreements ? m->agreements[0].number : 0,
				 true) == 0);
	fclose(f);
	free(out);
	check_csv(&res, STL_DOC_MINUTE, false);
	check_csv(&res, STL_DOC_AGREEMENT, true);

	free(fv.value);
	res.facets = NULL;
	res.nfacets = 0;
	search_result_release(&res);
	for (i = 0; i < t.n; i++)
		free(t.v[i]);
	stl_minute_destroy(m);
out:
	stl_strbuf_release(&text);
	return 0;
}
