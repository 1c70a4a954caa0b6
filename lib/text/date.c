/*
 * date.c - the Spanish calendar of minutes and queries; see stl/date.h.
 */
#include "stl/date.h"

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
