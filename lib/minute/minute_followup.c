/*
 * minute_followup.c - what a "SEGUIMIENTO DE ACUERDOS" section says of the
 * agreements of earlier minutes:
 *
 *   Acuerdo III de la minuta del 24 de septiembre de 2020: cumplido
 *   · Acuerdo 2 (minuta del 17 de junio): en proceso
 *
 * or, as a table, Acuerdo/No. | Minuta/Fecha | Estado/Estatus. Each line
 * (row) is one statement: the word "acuerdo", its number (Roman or
 * Arabic), the date of the minute it belongs to, and a status word after
 * that date. A line without all three says nothing: a status is never
 * guessed. Dates without a year are completed once the stating minute's
 * own date is known (mn_followups_resolve()).
 */
#include "minute_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl/date.h"

static const char *const status_names[STL_AGR_NSTATUS] = {
	[STL_AGR_NONE] = "sin seguimiento",
	[STL_AGR_DONE] = "cumplido",
	[STL_AGR_IN_PROGRESS] = "en proceso",
	[STL_AGR_PENDING] = "pendiente",
	[STL_AGR_CANCELLED] = "cancelado",
};

const char *stl_agr_status_name(enum stl_agr_status s)
{
	return (unsigned)s < STL_AGR_NSTATUS ? status_names[s]
					     : status_names[STL_AGR_NONE];
}

/* The status word at the start of @s; its length in bytes, or 0. */
static size_t status_at(const char *s, size_t len, enum stl_agr_status *out)
{
	/* A small list on purpose: what minutes write, nothing inferred. */
	static const struct {
		const char *kw;
		enum stl_agr_status st;
	} words[] = {
		{ "sin seguimiento", STL_AGR_NONE },
		{ "cumplido", STL_AGR_DONE },
		{ "cumplida", STL_AGR_DONE },
		{ "concluido", STL_AGR_DONE },
		{ "concluida", STL_AGR_DONE },
		{ "atendido", STL_AGR_DONE },
		{ "atendida", STL_AGR_DONE },
		{ "en proceso", STL_AGR_IN_PROGRESS },
		{ "en curso", STL_AGR_IN_PROGRESS },
		{ "en tramite", STL_AGR_IN_PROGRESS },
		{ "pendientes", STL_AGR_PENDING },
		{ "pendiente", STL_AGR_PENDING },
		{ "cancelado", STL_AGR_CANCELLED },
		{ "cancelada", STL_AGR_CANCELLED },
	};
	size_t k, skip, n;

	if (!s)
		return 0;
	skip = mn_lskip(s, len);
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		n = mn_kw_word(s + skip, len - skip, words[k].kw);
		if (n) {
			*out = words[k].st;
			return skip + n;
		}
	}
	return 0;
}

bool stl_agr_status_parse(const char *s, size_t len,
			  enum stl_agr_status *out)
{
	return status_at(s, len, out) != 0;
}

bool stl_agr_status_parse_whole(const char *s, size_t len,
				enum stl_agr_status *out)
{
	size_t n = status_at(s, len, out);

	return n && !mn_rstrip(s + n, len - n, "", false);
}

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

static bool word_start(const char *s, size_t i)
{
	return !i || !word_byte((unsigned char)s[i - 1]);
}

static int roman_digit(char c)
{
	switch (c) {
	case 'I': case 'i': return 1;
	case 'V': case 'v': return 5;
	case 'X': case 'x': return 10;
	case 'L': case 'l': return 50;
	case 'C': case 'c': return 100;
	default: return 0;
	}
}

/* An agreement's number at @s: Arabic or Roman, then no letter or digit.
 * Its value, or 0; *@used gets the bytes read. */
static unsigned numeral(const char *s, size_t len, size_t *used)
{
	unsigned v = 0;
	size_t i = 0, k;
	int prev = 0, d;

	while (i < len && i < 6 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (unsigned)(s[i++] - '0');
	if (!i) {
		/* Roman, read right to left by the usual subtraction rule. */
		while (i < len && i < 8 && roman_digit(s[i]))
			i++;
		for (k = i; k-- > 0;) {
			d = roman_digit(s[k]);
			if (d < prev)
				v -= (unsigned)d;
			else
				v += (unsigned)d;
			prev = d;
		}
	}
	if (!i || (i < len && word_byte((unsigned char)s[i])))
		return 0;
	*used = i;
	return v;
}

/* After "acuerdo": "No.", "n°", "número" may come before the number. */
static size_t number_word(const char *s, size_t len)
{
	static const char *const words[] = { "numero", "num.", "num", "no.",
					     "no", NULL };
	size_t k, n;

	for (k = 0; words[k]; k++) {
		n = mn_kw_match(s, len, words[k]);
		if (n && (words[k][strlen(words[k]) - 1] == '.' ||
			  n == len || mn_is_blank((unsigned char)s[n])))
			return n + mn_lskip(s + n, len - n);
	}
	return 0;
}

/* The number after the first word "acuerdo" of @s; 0 if none. *@end is
 * where it ends. */
static unsigned agreement_number(const char *s, size_t len, size_t *end)
{
	size_t i, j, used = 0, n;
	unsigned v;

	for (i = 0; i < len; i++) {
		if (!word_start(s, i))
			continue;
		n = mn_kw_word(s + i, len - i, "acuerdo");
		if (!n)
			continue;
		j = i + n;
		j += mn_lskip(s + j, len - j);
		j += number_word(s + j, len - j);
		v = numeral(s + j, len - j, &used);
		if (v) {
			*end = j + used;
			return v;
		}
	}
	return 0;
}

/*
 * The date of the minute reported on, read from @s at @from on, with
 * year 0 when it has none; false if none is there.
 */
static bool minute_date(const char *s, size_t len, size_t from,
			struct mn_date *d)
{
	if (!mn_find_date(s, len, from, 0, d))
		return false;
	/* A day of any year: check it against a leap year. */
	return stl_date_valid(d->year ? d->year : 2000, d->month, d->day);
}

/* The first status word of @s from @from on. */
static bool find_status(const char *s, size_t len, size_t from,
			enum stl_agr_status *st)
{
	size_t i;

	for (i = from; i < len; i++)
		if (word_start(s, i) && stl_agr_status_parse(s + i, len - i, st) &&
		    *st != STL_AGR_NONE)
			return true;
	return false;
}

static stl_status_t add(struct stl_minute *m, size_t *alloc,
			const struct mn_date *d, unsigned number,
			enum stl_agr_status st)
{
	struct stl_followup *f;
	struct mn_date w = *d;

	if (m->nfollowups >= MN_MAX_ITEMS)
		return STL_STATUS_SUCCESS;
	if (!mn_grow((void **)&m->followups, alloc, m->nfollowups + 1,
		     sizeof(*m->followups)))
		return STL_STATUS_OUT_OF_MEMORY;
	f = &m->followups[m->nfollowups++];
	mn_date_format(&w, f->date);	/* "0000-MM-DD" without a year */
	f->number = number;
	f->status = st;
	return STL_STATUS_SUCCESS;
}

stl_status_t mn_followup_line(struct stl_minute *m, size_t *alloc,
			      const char *s, size_t len)
{
	enum stl_agr_status st;
	struct mn_date d;
	size_t end = 0;
	unsigned number;

	number = agreement_number(s, len, &end);
	if (!number || !minute_date(s, len, end, &d) ||
	    !find_status(s, len, d.end, &st))
		return STL_STATUS_SUCCESS;
	return add(m, alloc, &d, number, st);
}

stl_status_t mn_followup_cells(struct stl_minute *m, size_t *alloc,
			       const char *num, size_t nlen,
			       const char *date, size_t dlen,
			       const char *status, size_t slen)
{
	enum stl_agr_status st;
	struct mn_date d;
	size_t end = 0, skip = mn_lskip(num, nlen);
	unsigned number;

	/* "III", "3" or "Acuerdo III". */
	number = numeral(num + skip, nlen - skip, &end);
	if (!number)
		number = agreement_number(num, nlen, &end);
	if (!number || !minute_date(date, dlen, 0, &d) ||
	    !find_status(status, slen, 0, &st))
		return STL_STATUS_SUCCESS;
	return add(m, alloc, &d, number, st);
}

void mn_followups_resolve(struct stl_minute *m)
{
	size_t i, n = 0;
	int year = m->date[0] ? atoi(m->date) : 0;

	for (i = 0; i < m->nfollowups; i++) {
		struct stl_followup *f = &m->followups[i];

		if (!strncmp(f->date, "0000", 4)) {
			char y[5];
			int use = year;

			if (!year)
				continue;	/* no year to give it: dropped */
			/* Reported on, so held before: a later day of the
			 * year is of the year before. */
			if (strcmp(f->date + 5, m->date + 5) > 0)
				use = year - 1;
			if (use < 1 || !stl_date_valid(use, atoi(f->date + 5),
						       atoi(f->date + 8)))
				continue;
			snprintf(y, sizeof(y), "%04u", (unsigned)use % 10000u);
			memcpy(f->date, y, 4);
		}
		m->followups[n++] = *f;
	}
	m->nfollowups = n;
}
