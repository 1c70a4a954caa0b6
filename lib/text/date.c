/*
 * date.c - the Spanish calendar of minutes and queries; see stl/date.h.
 */
#include "stl/date.h"

#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre",
};

/* Spellings besides the names: the RAE accepts "setiembre". */
static const struct {
	const char *word;
	int month;
} variants[] = {
	{ "setiembre", 9 },
};

#define N_VARIANTS (sizeof(variants) / sizeof(variants[0]))

bool stl_date_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int stl_date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && stl_date_leap(year));
}

bool stl_date_valid(int year, int month, int day)
{
	if (year < STL_DATE_YEAR_MIN || year > STL_DATE_YEAR_MAX)
		return false;
	return day >= 1 && day <= stl_date_days_in_month(year, month);
}

const char *stl_date_month_name(int month)
{
	if (month < 1 || month > 12)
		return NULL;
	return month_names[month - 1];
}

const char *stl_date_month_spelling(unsigned int i, int *month)
{
	if (i < 12) {
		*month = (int)i + 1;
		return month_names[i];
	}
	i -= 12;
	if (i >= N_VARIANTS)
		return NULL;
	*month = variants[i].month;
	return variants[i].word;
}

/*
 * True if the @len bytes at @s equal the first @len letters of the
 * lowercase @name, ignoring ASCII case. Not strncasecmp(): that follows
 * the locale, and a query must read the same under any locale.
 */
static bool prefix_of(const char *s, size_t len, const char *name)
{
	size_t i;
	char c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (!name[i] || c != name[i])
			return false;
	}
	return true;
}

static bool same_word(const char *s, size_t len, const char *name)
{
	return len == strlen(name) && prefix_of(s, len, name);
}

int stl_date_month_of(const char *word, size_t len, bool abbrev)
{
	const char *w;
	unsigned int i;
	int m;

	for (i = 0; (w = stl_date_month_spelling(i, &m)); i++)
		if (same_word(word, len, w))
			return m;
	if (!abbrev)
		return 0;
	/* "set" abbreviates "setiembre" only; its longer prefixes never
	 * were accepted, and "sep..." already reads as September. */
	if (same_word(word, len, "set"))
		return 9;
	/* Three letters at least: "ma" and "ju" would be ambiguous. */
	for (m = 1; len >= 3 && m <= 12; m++)
		if (prefix_of(word, len, month_names[m - 1]))
			return m;
	return 0;
}

bool stl_date_number(const char *s, size_t len, size_t max, int *out)
{
	int v = 0;
	size_t i;

	if (!len || len > max || len > 9)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* ---- Calendar arithmetic ---------------------------------------------- */

/* Floor division, so that days before 1970 count the same way. */
static long floor_div(long a, long b)
{
	return a / b - (a % b < 0);
}

/* The days-from-civil algorithm: years start in March, so that the leap
 * day is the last of its year. */
long stl_date_to_days(int year, int month, int day)
{
	long y = month <= 2 ? year - 1 : year;
	long era = floor_div(y, 400);
	long yoe = y - era * 400;
	long mp = (month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void stl_date_from_days(long days, int *year, int *month, int *day)
{
	long z = days + 719468;
	long era = floor_div(z, 146097);
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp < 10 ? mp + 3 : mp - 9;

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)m;
	*year = (int)(yoe + era * 400 + (m <= 2));
}

void stl_date_format(long days, char out[11])
{
	int y, m, d;

	stl_date_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
}

int stl_date_weekday(long days)
{
	/* 1970-01-01 was a Thursday. */
	long w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

long stl_date_next_week_friday(long days)
{
	return days - stl_date_weekday(days) + 7 + 4;
}

/* The day number of the @nth (1-based) Monday of @month in @year. */
static long nth_monday(int year, int month, int nth)
{
	long first = stl_date_to_days(year, month, 1);

	return first + (7 - stl_date_weekday(first)) % 7 + 7 * (nth - 1);
}

/* The day the federal executive changes hands, if @year has one. */
static bool inauguration(int year, int month, int day)
{
	if (year >= 2024)
		return (year - 2024) % 6 == 0 && month == 10 && day == 1;
	return (2024 - year) % 6 == 0 && month == 12 && day == 1;
}

bool stl_date_rest_day(long days)
{
	int y, m, d;

	stl_date_from_days(days, &y, &m, &d);
	if ((m == 1 && d == 1) || (m == 5 && d == 1) || (m == 9 && d == 16) ||
	    (m == 12 && d == 25) || inauguration(y, m, d))
		return true;
	return days == nth_monday(y, 2, 1) || days == nth_monday(y, 3, 3) ||
	       days == nth_monday(y, 11, 3);
}

/* True if @days is among the ascending @closed (binary search). */
static bool is_closed(long days, const long *closed, size_t n)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (closed[mid] == days)
			return true;
		if (closed[mid] < days)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

long stl_date_add_business_days(long start, unsigned n, const long *closed,
				size_t nclosed)
{
	long day = start;

	while (n) {
		day++;
		if (stl_date_weekday(day) < 5 && !stl_date_rest_day(day) &&
		    !is_closed(day, closed, nclosed))
			n--;
	}
	return day;
}
