/*
 * minute_date.c - Spanish dates and times as people type them in minutes:
 * "24 de septiembre de 2020", "1ª de octubre", "17 de junio del 2020",
 * "5/10/2020", the year typo "20202", and "las17:oo horas".
 *
 * Every scanner looks a bounded number of bytes ahead of each digit, so
 * finding a date in a 10 MB line is linear.
 */
#include "minute_internal.h"

#include <stdio.h>
#include <string.h>

#include "stl/date.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of the run of digits at @s[i] (at most @max + 1 are counted, so a
 * run that is too long is seen as such without reading all of it). */
static size_t digits(const char *s, size_t len, size_t i, size_t max)
{
	size_t n = 0;

	while (i + n < len && is_digit(s[i + n]) && n <= max)
		n++;
	return n;
}

/* The value of a run of @n digits that digits() measured (n <= 9). */
static int number(const char *s, size_t n)
{
	int v = 0;

	stl_date_number(s, n, n, &v);
	return v;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
	size_t n = 0;

	while (i < len && mn_is_blank((unsigned char)s[i]) && n++ < 16)
		i++;
	return i;
}

/*
 * Skip an ordinal mark after a day: "1ª", "1º", "1°", "1o", "1er", "1ro",
 * and "1*", which is how OCR reads a small raised "ª" (only before " de
 * <month>" is it a date at all).
 */
static size_t skip_ordinal(const char *s, size_t len, size_t i)
{
	size_t n;

	if (i < len && s[i] == '*')
		return i + 1;
	if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
	    ((unsigned char)s[i + 1] == 0xAA || (unsigned char)s[i + 1] == 0xBA ||
	     (unsigned char)s[i + 1] == 0xB0))
		return i + 2;
	if ((n = mn_kw_word(s + i, len - i, "er")) ||
	    (n = mn_kw_word(s + i, len - i, "ro")) ||
	    (n = mn_kw_word(s + i, len - i, "o")))
		return i + n;
	return i;
}

/*
 * Read a year at @s[i] for a textual date. 4 digits are the year; a longer
 * run is the typo of a hand-typed "2020" ("20202") and is taken as
 * @year_hint when it starts with it. Returns the bytes read (0: no year
 * there: fewer than 4 digits are a day or a count, not a year) and sets
 * *@year (0: unreadable).
 */
static size_t read_year(const char *s, size_t len, size_t i, int year_hint,
			int *year)
{
	size_t n = digits(s, len, i, 8);
	char hint[16];

	*year = 0;
	if (n < 4)
		return 0;
	if (n == 4) {
		*year = number(s + i, 4);
	} else if (year_hint > 0) {
		snprintf(hint, sizeof(hint), "%d", year_hint);
		if (strlen(hint) == 4 && !memcmp(s + i, hint, 4))
			*year = year_hint;
	}
	while (i + n < len && is_digit(s[i + n]))
		n++;	/* a very long run: consume it all, still invalid */
	return n;
}

/* ", de 2020", " del 2020", " 2020" after the month; 0 if no year. */
static size_t year_tail(const char *s, size_t len, size_t i, int year_hint,
			int *year)
{
	size_t j = i, n;

	*year = 0;
	if (j < len && s[j] == ',')
		j++;
	j = skip_blanks(s, len, j);
	if ((n = mn_kw_word(s + j, len - j, "del")) ||
	    (n = mn_kw_word(s + j, len - j, "de")))
		j = skip_blanks(s, len, j + n);
	if (j >= len || !is_digit(s[j]))
		return 0;
	n = read_year(s, len, j, year_hint, year);
	return n ? j + n - i : 0;
}

/* "<day> de <month> [de <year>]" with the day already read. */
static bool textual_date(const char *s, size_t len, size_t i, int day,
			 int year_hint, struct mn_date *d)
{
	size_t j = skip_blanks(s, len, i), n = 0;
	const char *w;
	unsigned int k;
	int m = 0, year;

	if ((n = mn_kw_word(s + j, len - j, "de")))
		j = skip_blanks(s, len, j + n);
	/* mn_kw_word(), not stl_date_month_of(): the text is not folded,
	 * and "SEPTIEMBRE" or a stray accent ("Séptiembre") must match. */
	for (k = 0; (w = stl_date_month_spelling(k, &m)); k++)
		if ((n = mn_kw_word(s + j, len - j, w)))
			break;
	if (!w)
		return false;
	j += n;
	n = year_tail(s, len, j, year_hint, &year);
	if (n)
		j += n;
	else
		year = year_hint;
	d->end = j;
	d->year = year;
	d->month = m;
	d->day = day;
	return true;
}

/* "5/10/2020", "05-10-20", "5.10.2020" (day first, as in Mexico). */
static bool numeric_date(const char *s, size_t len, size_t i, size_t nd,
			 struct mn_date *d)
{
	size_t j = i + nd, nm, ny;
	char sep;

	if (nd > 2 || j >= len || !s[j] || !strchr("/-.", s[j]))
		return false;
	sep = s[j++];
	nm = digits(s, len, j, 2);
	if (nm < 1 || nm > 2 || j + nm >= len || s[j + nm] != sep)
		return false;
	ny = digits(s, len, j + nm + 1, 4);
	if (ny != 2 && ny != 4)
		return false;
	d->day = number(s + i, nd);
	d->month = number(s + j, nm);
	d->year = number(s + j + nm + 1, ny) + (ny == 2 ? 2000 : 0);
	d->end = j + nm + 1 + ny;
	return true;
}

/* "2020-10-05". */
static bool iso_date(const char *s, size_t len, size_t i, struct mn_date *d)
{
	if (i + 10 > len || s[i + 4] != '-' || s[i + 7] != '-' ||
	    digits(s, len, i + 5, 2) != 2 || digits(s, len, i + 8, 2) != 2)
		return false;
	d->year = number(s + i, 4);
	d->month = number(s + i + 5, 2);
	d->day = number(s + i + 8, 2);
	d->end = i + 10;
	return true;
}

/* A date starting at @s[i], which starts a word. */
static bool date_at(const char *s, size_t len, size_t i, int year_hint,
		    struct mn_date *d)
{
	size_t nd, j;

	d->start = i;
	if (!is_digit(s[i])) {
		nd = mn_kw_word(s + i, len - i, "primero");
		return nd && textual_date(s, len, i + nd, 1, year_hint, d);
	}
	nd = digits(s, len, i, 4);
	if (nd == 4)
		return iso_date(s, len, i, d);
	if (nd > 2)
		return false;
	if (numeric_date(s, len, i, nd, d))
		return true;
	j = skip_ordinal(s, len, i + nd);
	return textual_date(s, len, j, number(s + i, nd), year_hint, d);
}

bool mn_find_date(const char *s, size_t len, size_t from, int year_hint,
		  struct mn_date *d)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	for (i = from; i < len; i++) {
		if (i && (is_digit(s[i - 1]) || is_alpha(s[i - 1])))
			continue;
		if (!is_digit(s[i]) && s[i] != 'p' && s[i] != 'P')
			continue;
		if (!date_at(s, len, i, year_hint, d))
			continue;
		d->valid = stl_date_valid(d->year, d->month, d->day);
		return true;
	}
	return false;
}

/* Write @v as @n decimal digits at @out. */
static void put_digits(char *out, int v, int n)
{
	while (n--) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void mn_date_format(const struct mn_date *d, char out[11])
{
	put_digits(out, d->year, 4);
	out[4] = '-';
	put_digits(out + 5, d->month, 2);
	out[7] = '-';
	put_digits(out + 8, d->day, 2);
	out[10] = '\0';
}

bool stl_date_parse_es(const char *s, size_t len, int year_hint,
		       char out[11])
{
	struct mn_date d;

	if (!s || !mn_find_date(s, len, 0, year_hint, &d) || !d.valid)
		return false;
	mn_date_format(&d, out);
	return true;
}

/* Minutes digit: '0'-'9', or the letter o typed for a zero ("17:oo"). */
static int minute_digit(char c)
{
	if (is_digit(c))
		return c - '0';
	return c == 'o' || c == 'O' ? 0 : -1;
}

/* "hrs", "horas", "h", "am", "p.m." after a time; *@pm set for p.m. */
static size_t time_suffix(const char *s, size_t len, size_t i, int *pm)
{
	static const char *const hours[] = { "horas", "hora", "hrs", "hr", "hs", "h", NULL };
	static const char *const ampm[] = { "a.m.", "a.m", "am", "p.m.", "p.m", "pm", NULL };
	size_t j = skip_blanks(s, len, i), n;
	int k;

	*pm = -1;
	for (k = 0; hours[k]; k++)
		if ((n = mn_kw_word(s + j, len - j, hours[k])))
			return j + n - i;
	for (k = 0; ampm[k]; k++) {
		n = mn_kw_match(s + j, len - j, ampm[k]);
		if (n && (j + n >= len || !is_alpha(s[j + n]))) {
			*pm = k >= 3;
			return j + n - i;
		}
	}
	return 0;
}

/* A time at @s[i] (a run of one or two digits); -1 if none, else minutes
 * since midnight. */
static int time_at(const char *s, size_t len, size_t i)
{
	size_t nh = digits(s, len, i, 2), j = i + nh;
	int h, min = 0, pm, m1, m2;
	char sep = 0;

	if (nh < 1 || nh > 2)
		return -1;
	h = number(s + i, nh);
	if (j + 2 < len && s[j] && strchr(":;.", s[j])) {
		m1 = minute_digit(s[j + 1]);
		m2 = minute_digit(s[j + 2]);
		if (m1 >= 0 && m2 >= 0 &&
		    (j + 3 >= len || !is_digit(s[j + 3]))) {
			sep = s[j];
			min = m1 * 10 + m2;
			j += 3;
		}
	}
	if (!time_suffix(s, len, j, &pm) && (!sep || sep == '.'))
		return -1;
	if (pm == 1 && h < 12)
		h += 12;
	else if (pm == 0 && h == 12)
		h = 0;
	if (h > 23 || min > 59)
		return -1;
	return h * 60 + min;
}

bool mn_find_time(const char *s, size_t len, char out[6])
{
	size_t i;
	int t;

	for (i = 0; i < len; i++) {
		if (!is_digit(s[i]) || (i && is_digit(s[i - 1])))
			continue;
		t = time_at(s, len, i);
		if (t >= 0) {
			put_digits(out, t / 60, 2);
			out[2] = ':';
			put_digits(out + 3, t % 60, 2);
			out[5] = '\0';
			return true;
		}
	}
	return false;
}

/* 0 for Monday ... 6 for Sunday; day 0 (1970-01-01) was a Thursday. */
static int weekday(int year, int month, int day)
{
	long w = (stl_date_to_days(year, month, day) + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* The weekday named in @s (a word), or -1 for none or several. */
static int weekday_named(const char *s, size_t len)
{
	static const char *const names[] = {
		"lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
		"domingo",
	};
	int k, found = -1;

	for (k = 0; k < 7; k++) {
		if (!mn_kw_find(s, len, names[k]))
			continue;
		if (found >= 0)
			return -1;
		found = k;
	}
	return found;
}

void mn_date_fit_weekday(const char *s, size_t len, struct mn_date *d)
{
	int want, cand[2], fit = 0, k;

	if (!d->valid || d->day < 10 || d->start > len)
		return;
	want = weekday_named(s, d->start < 64 ? d->start : 64);
	if (want < 0 || weekday(d->year, d->month, d->day) == want)
		return;
	cand[0] = d->day / 10;
	cand[1] = d->day % 10;
	for (k = 0; k < 2; k++)
		if (cand[k] && stl_date_valid(d->year, d->month, cand[k]) &&
		    weekday(d->year, d->month, cand[k]) == want)
			fit = fit ? -1 : cand[k];
	if (fit > 0)
		d->day = fit;
}
