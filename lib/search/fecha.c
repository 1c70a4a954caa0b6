/*
 * fecha.c - date values of the fecha: field; see fecha.h.
 */
#include "stl/fecha.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/date.h"
#include "stl/strbuf.h"
#include "stl/text.h"

/* A parsed single date: day and month 0 when not given. */
struct when {
	int year, month, day;
};

/* Numeric forms: YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, MM/YYYY. */
static bool parse_numeric(const char *s, struct when *w)
{
	int a, b, c;
	size_t l1, l2, l3;
	const char *p2, *p3;
	char sep;

	l1 = strspn(s, "0123456789");
	if (!s[l1])
		return stl_date_number(s, l1, 4, &w->year) && l1 == 4;
	sep = s[l1];
	if (sep != '-' && sep != '/')
		return false;
	p2 = s + l1 + 1;
	l2 = strspn(p2, "0123456789");
	if (!p2[l2]) {
		if (!stl_date_number(s, l1, 4, &a) ||
		    !stl_date_number(p2, l2, 4, &b))
			return false;
		if (l1 == 4 && l2 <= 2) {	/* 2020-10 */
			w->year = a;
			w->month = b;
		} else if (l1 <= 2 && l2 == 4) {	/* 10/2020 */
			w->year = b;
			w->month = a;
		} else {
			return false;
		}
		return true;
	}
	if (p2[l2] != sep)
		return false;
	p3 = p2 + l2 + 1;
	l3 = strlen(p3);
	if (!stl_date_number(s, l1, 4, &a) || !stl_date_number(p2, l2, 2, &b) ||
	    !stl_date_number(p3, l3, 4, &c))
		return false;
	if (l1 == 4) {			/* 2020-10-01 */
		w->year = a;
		w->month = b;
		w->day = c;
		return l3 <= 2;
	}
	w->day = a;			/* 24/09/2020 */
	w->month = b;
	w->year = c;
	return l1 <= 2 && l3 == 4;
}

static const char accepted[] =
	"use AAAA, AAAA-MM, AAAA-MM-DD, DD/MM/AAAA, \"septiembre de 2020\", "
	"\"24 de septiembre de 2020\", \"17 de junio\" (cualquier año) o un "
	"rango A..B (también ..B y A..)";

/* Append why @s is no date to @why; false, for the caller to return. */
static bool fail(struct stl_strbuf *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static bool fail(struct stl_strbuf *why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	stl_strbuf_vaddf(why, fmt, ap);
	va_end(ap);
	return false;
}

/*
 * Spanish forms on folded words: [DD [de]] mes [[de|del] YYYY]. Without
 * a year the value is that day or month of any year (year 0). A word that
 * fits nowhere is named in @why, unless it is the whole value.
 */
static bool parse_words(const char *s, struct when *w, struct stl_strbuf *why)
{
	char buf[128], *word, *save = NULL;
	int state = 0, n;

	if (strlen(s) >= sizeof(buf))
		return fail(why, "%s", accepted);
	strcpy(buf, s);
	for (word = strtok_r(buf, " ,", &save); word;
	     word = strtok_r(NULL, " ,", &save)) {
		if (!strcmp(word, "de") || !strcmp(word, "del"))
			continue;
		if (state == 0 && stl_date_number(word, strlen(word), 2, &n)) {
			w->day = n;
			state = 1;
		} else if (state <= 1 &&
			   (n = stl_date_month_of(word, strlen(word), true))) {
			w->month = n;
			state = 2;
		} else if (state == 2 && strlen(word) == 4 &&
			   stl_date_number(word, 4, 4, &n)) {
			w->year = n;
			state = 3;
		} else if (strcmp(word, s)) {
			return fail(why, "no se reconoce '%s'; %s", word,
				    accepted);
		} else {
			return fail(why, "%s", accepted);
		}
	}
	if (state == 1)
		return fail(why, "falta el mes del día %d", w->day);
	return state >= 2 || fail(why, "%s", accepted);
}

/* The year bounds as text, so that the message cannot drift from them. */
#define STR_(x) #x
#define STR(x) STR_(x)

/* A year 0 (none given) allows every day any year has: 29 February. */
static bool check(const struct when *w, struct stl_strbuf *why)
{
	int days;

	if (w->year &&
	    (w->year < STL_DATE_YEAR_MIN || w->year > STL_DATE_YEAR_MAX))
		return fail(why, "el año debe estar entre " STR(STL_DATE_YEAR_MIN)
			    " y " STR(STL_DATE_YEAR_MAX));
	if (w->month && (w->month < 1 || w->month > 12))
		return fail(why, "el mes debe estar entre 1 y 12");
	if (w->day && !w->month)
		return fail(why, "falta el mes");
	if (!w->day)
		return true;
	days = stl_date_days_in_month(w->year ? w->year : 2000, w->month);
	if (w->day <= days)
		return true;
	if (!w->year)
		return fail(why, "el día %d no existe en %s", w->day,
			    stl_date_month_name(w->month));
	return fail(why, "el día %d no existe en %s de %d", w->day,
		    stl_date_month_name(w->month), w->year);
}

/* One date into its first (@end false) or last day, "YYYYMMDD"; a date
 * without a year gives year 0000, and February its 29th. */
static void bound(const struct when *w, bool end, char out[9])
{
	int m = w->month ? w->month : (end ? 12 : 1);
	int d = w->day ? w->day
		       : (end ? stl_date_days_in_month(w->year ? w->year
							      : 2000, m)
			      : 1);

	snprintf(out, 9, "%04d%02d%02d", w->year, m, d);
}

static stl_status_t reject(const char *value, const char *why,
			   char **errmsg)
{
	*errmsg = stl_strdup_printf("fecha no válida '%s': %s", value, why);
	return STL_STATUS_BAD_QUERY;
}

/* One side of a range, folded and trimmed, into @w; false with the
 * reason in @why. */
static bool parse_one(const char *s, size_t len, struct when *w,
		      struct stl_strbuf *why)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	bool ok = false;

	memset(w, 0, sizeof(*w));
	if (stl_text_fold(s, len, &sb) != STL_STATUS_SUCCESS)
		fail(why, "memoria insuficiente");
	else if (!sb.len)
		fail(why, "está vacía");
	else if (parse_numeric(sb.buf, w))
		ok = check(w, why);
	else if (parse_words(sb.buf, w, why))
		ok = check(w, why);
	stl_strbuf_release(&sb);
	return ok;
}

/* Parse the @len bytes at @s into @w, or reject the whole @value. */
static stl_status_t parse_side(const char *value, const char *s, size_t len,
			       struct when *w, char **errmsg)
{
	struct stl_strbuf why = STL_STRBUF_INIT;
	stl_status_t ret = STL_STATUS_SUCCESS;

	if (!parse_one(s, len, w, &why))
		ret = reject(value, why.buf ? why.buf : "memoria insuficiente",
			     errmsg);
	stl_strbuf_release(&why);
	return ret;
}

/* True if one end of a range is a day of any year and the other not
 * (or is open): such a range has no meaning. */
static bool any_year_mixed(bool has_a, const struct when *a, bool has_b,
			   const struct when *b)
{
	bool a_any = has_a && !a->year, b_any = has_b && !b->year;

	return (a_any || b_any) && !(a_any && b_any);
}

stl_status_t fecha_parse(const char *value, char lo[9], char hi[9],
			 char **errmsg)
{
	const char *dots = strstr(value, "..");
	struct when a = { 0 }, b = { 0 };

	lo[0] = hi[0] = '\0';
	*errmsg = NULL;
	if (!dots) {
		if (parse_side(value, value, strlen(value), &a, errmsg))
			return STL_STATUS_BAD_QUERY;
		bound(&a, false, lo);
		bound(&a, true, hi);
		return STL_STATUS_SUCCESS;
	}
	if (dots == value && !dots[2])
		return reject(value, "un rango necesita al menos un extremo",
			      errmsg);
	if (dots > value) {
		if (parse_side(value, value, (size_t)(dots - value), &a, errmsg))
			return STL_STATUS_BAD_QUERY;
		bound(&a, false, lo);
	}
	if (dots[2]) {
		if (parse_side(value, dots + 2, strlen(dots + 2), &b, errmsg))
			return STL_STATUS_BAD_QUERY;
		bound(&b, true, hi);
	}
	if (any_year_mixed(dots > value, &a, dots[2] != '\0', &b))
		return reject(value, "los dos extremos del rango deben llevar "
			      "año, o ninguno", errmsg);
	if (lo[0] && hi[0] && strcmp(lo, hi) > 0)
		return reject(value, "el inicio del rango es posterior al final",
			      errmsg);
	return STL_STATUS_SUCCESS;
}

/* "YYYYMMDD" into @w (digits checked by the caller's producer). */
static void when_of(const char s[9], struct when *w)
{
	w->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		  (s[2] - '0') * 10 + (s[3] - '0');
	w->month = (s[4] - '0') * 10 + (s[5] - '0');
	w->day = (s[6] - '0') * 10 + (s[7] - '0');
}

static int when_cmp(const struct when *a, const struct when *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return (a->day > b->day) - (a->day < b->day);
}

/* What one callback of fecha_cover() names. */
enum span { SPAN_DAY, SPAN_MONTH, SPAN_YEAR };

/* The widest span starting at @cur that ends by @end: a year starts on
 * 1 January, a month on its 1st, and either must fit whole. */
static enum span widest(const struct when *cur, const struct when *end)
{
	struct when last;

	if (cur->day == 1 && cur->month == 1) {
		last = (struct when){ cur->year, 12, 31 };
		if (when_cmp(&last, end) <= 0)
			return SPAN_YEAR;
	}
	if (cur->day == 1) {
		last = (struct when){ cur->year, cur->month,
				      stl_date_days_in_month(cur->year,
							     cur->month) };
		if (when_cmp(&last, end) <= 0)
			return SPAN_MONTH;
	}
	return SPAN_DAY;
}

/* Move @cur to the first day after its @span. */
static void skip_span(struct when *cur, enum span span)
{
	if (span == SPAN_DAY &&
	    cur->day < stl_date_days_in_month(cur->year, cur->month))
		cur->day++;
	else if (span != SPAN_YEAR && cur->month < 12)
		*cur = (struct when){ cur->year, cur->month + 1, 1 };
	else
		*cur = (struct when){ cur->year + 1, 1, 1 };
}

size_t fecha_cover(const char lo[9], const char hi[9],
		   int (*fn)(int year, int month, int day, void *ctx),
		   void *ctx)
{
	struct when cur, end;
	enum span span;
	size_t n = 0;

	when_of(lo, &cur);
	when_of(hi, &end);
	while (when_cmp(&cur, &end) <= 0) {
		span = widest(&cur, &end);
		n++;
		if (fn && fn(cur.year, span == SPAN_YEAR ? 0 : cur.month,
			     span == SPAN_DAY ? cur.day : 0, ctx))
			break;
		skip_span(&cur, span);
	}
	return n;
}
/* Calls the caller's callback and remembers whether it stopped the walk. */
struct each_year {
	int (*fn)(int year, int month, int day, void *ctx);
	void *ctx;
	bool stopped;
};

static int each_year_cb(int year, int month, int day, void *ctx)
{
	struct each_year *e = ctx;

	e->stopped = e->fn(year, month, day, e->ctx) != 0;
	return e->stopped;
}

/* The month-day @md ("MMDD") of @year as "YYYYMMDD" in @out, a day past
 * the month's end moved to the next month's 1st (@end false) or to the
 * month's last day (@end true). */
static void in_year(int year, const char *md, bool end, char out[9])
{
	struct when w = { year, (md[0] - '0') * 10 + (md[1] - '0'),
			  (md[2] - '0') * 10 + (md[3] - '0') };
	int days = stl_date_days_in_month(year, w.month);

	if (w.day > days && end)
		w.day = days;
	else if (w.day > days)
		skip_span(&w, SPAN_MONTH);
	snprintf(out, 9, "%04u%02u%02u", (unsigned)w.year % 10000u,
		 (unsigned)w.month % 100u, (unsigned)w.day % 100u);
}

size_t fecha_cover_years(const char lo[9], const char hi[9], int first,
			 int last, int (*fn)(int year, int month, int day,
					     void *ctx),
			 void *ctx)
{
	struct each_year e = { fn, ctx, false };
	char l[9], h[9];
	size_t n = 0;
	int y;

	for (y = first; y <= last && !e.stopped; y++) {
		in_year(y, lo + 4, false, l);
		in_year(y, hi + 4, true, h);
		if (strcmp(l, h) <= 0)
			n += fecha_cover(l, h, fn ? each_year_cb : NULL, &e);
	}
	return n;
}

/* ---- the terms of a range ------------------------------------------------------ */

struct cover {
	fecha_term_fn term;
	stl_query_t **v;
	size_t n;
	stl_status_t st;
};

static int cover_cb(int year, int month, int day, void *ctx)
{
	struct cover *c = ctx;
	char term[STL_SCHEMA_TERM_SIZE];

	if (!c->term(year, month, day, term)) {
		c->st = STL_STATUS_INVALID_ARGUMENT;
		return 1;
	}
	c->st = stl_query_new_term(term, &c->v[c->n]);
	c->n += !c->st;
	return c->st != STL_STATUS_SUCCESS;
}

/* The spans of @lo..@hi (of any year, year 0000, in each of @years),
 * through cover_cb() into @c; with @c NULL only counted. */
static size_t cover(const char lo[9], const char hi[9], const int years[2],
		    struct cover *c)
{
	int (*fn)(int, int, int, void *) = c ? cover_cb : NULL;

	if (strncmp(lo, "0000", 4))
		return fecha_cover(lo, hi, fn, c);
	return fecha_cover_years(lo, hi, years[0], years[1], fn, c);
}

stl_status_t fecha_range_query(const char lo[9], const char hi[9],
			       const int years[2], fecha_term_fn term,
			       stl_query_t **out)
{
	struct cover c = { term, NULL, 0, STL_STATUS_SUCCESS };
	stl_status_t ret;
	size_t max;

	if (!lo[0] || !hi[0] || strcmp(lo, hi) > 0 ||
	    (!strncmp(lo, "0000", 4) && !years[0]))
		return stl_query_new_match_nothing(out);
	max = cover(lo, hi, years, NULL);
	if (!max)
		return stl_query_new_match_nothing(out);
	c.v = calloc(max, sizeof(*c.v));
	if (!c.v)
		return STL_STATUS_OUT_OF_MEMORY;
	cover(lo, hi, years, &c);
	ret = c.st;
	if (!ret)
		ret = stl_query_combine(STL_QUERY_OR, c.v, c.n, 0, out);
	while (c.n)
		stl_query_destroy(c.v[--c.n]);
	free(c.v);
	return ret;
}
