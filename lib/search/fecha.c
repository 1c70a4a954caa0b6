/*
 * fecha.c - date values of the fecha: field; see fecha.h.
 */
#include "stl/fecha.h"

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

/* Spanish forms on folded words: [DD [de]] mes [de|del] YYYY. */
static bool parse_words(const char *s, struct when *w)
{
	char buf[128], *word, *save = NULL;
	int state = 0, n;

	if (strlen(s) >= sizeof(buf))
		return false;
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
		} else {
			return false;
		}
	}
	return state == 3;
}

/* The year bounds as text, so that the message cannot drift from them. */
#define STR_(x) #x
#define STR(x) STR_(x)

static const char *check(const struct when *w)
{
	if (w->year < STL_DATE_YEAR_MIN || w->year > STL_DATE_YEAR_MAX)
		return "el año debe estar entre " STR(STL_DATE_YEAR_MIN) " y "
		       STR(STL_DATE_YEAR_MAX);
	if (w->month && (w->month < 1 || w->month > 12))
		return "el mes debe estar entre 1 y 12";
	if (w->day && !w->month)
		return "falta el mes";
	if (w->day && !stl_date_valid(w->year, w->month, w->day))
		return "ese día no existe en ese mes";
	return NULL;
}

/* One date into its first (@end false) or last day, "YYYYMMDD". */
static void bound(const struct when *w, bool end, char out[9])
{
	int m = w->month ? w->month : (end ? 12 : 1);
	int d = w->day ? w->day
		       : (end ? stl_date_days_in_month(w->year, m) : 1);

	snprintf(out, 9, "%04d%02d%02d", w->year, m, d);
}

static const char accepted[] =
	"use AAAA, AAAA-MM, AAAA-MM-DD, DD/MM/AAAA, \"septiembre de 2020\", "
	"\"24 de septiembre de 2020\" o un rango A..B (también ..B y A..)";

static stl_status_t reject(const char *value, const char *why,
			   char **errmsg)
{
	*errmsg = stl_strdup_printf("fecha no válida '%s': %s", value, why);
	return STL_STATUS_BAD_QUERY;
}

/* One side of a range, folded and trimmed, into @w. */
static const char *parse_one(const char *s, size_t len, struct when *w)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	const char *why = NULL;

	memset(w, 0, sizeof(*w));
	if (stl_text_fold(s, len, &sb) != STL_STATUS_SUCCESS)
		why = "memoria insuficiente";
	else if (!sb.len)
		why = "está vacía";
	else if (!parse_numeric(sb.buf, w) && !parse_words(sb.buf, w))
		why = accepted;
	else
		why = check(w);
	stl_strbuf_release(&sb);
	return why;
}

stl_status_t fecha_parse(const char *value, char lo[9], char hi[9],
			 char **errmsg)
{
	const char *dots = strstr(value, ".."), *why;
	struct when a, b;

	lo[0] = hi[0] = '\0';
	*errmsg = NULL;
	if (!dots) {
		why = parse_one(value, strlen(value), &a);
		if (why)
			return reject(value, why, errmsg);
		bound(&a, false, lo);
		bound(&a, true, hi);
		return STL_STATUS_SUCCESS;
	}
	if (dots == value && !dots[2])
		return reject(value, "un rango necesita al menos un extremo",
			      errmsg);
	if (dots > value) {
		why = parse_one(value, (size_t)(dots - value), &a);
		if (why)
			return reject(value, why, errmsg);
		bound(&a, false, lo);
	}
	if (dots[2]) {
		why = parse_one(dots + 2, strlen(dots + 2), &b);
		if (why)
			return reject(value, why, errmsg);
		bound(&b, true, hi);
	}
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
