/*
 * date.h - the Spanish calendar both date readers share: the minutes
 * parser (lib/minute/minute_date.c, dates inside running text) and the
 * fecha: field of queries (lib/search/fecha.c, one whole value).
 *
 * The two read different grammars (a scanner that must tolerate typos in
 * a 10 MB line, and a strict value parser that must explain its errors),
 * so only what both need lives here: the month names and the spellings
 * accepted for them, the calendar, the plausible years, and the reading
 * of a run of digits.
 *
 * Gregorian calendar only. All functions are pure (no allocation, no
 * global state) and thread-safe.
 */
#ifndef STL_DATE_H
#define STL_DATE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Years a minute of this archive can plausibly have. A date outside them
 * is a typo ("20202", "1020"), not a meeting.
 */
#define STL_DATE_YEAR_MIN 1900
#define STL_DATE_YEAR_MAX 2199

/* True if @year is a Gregorian leap year (2000 and 2024 are, 1900 not). */
bool stl_date_leap(int year);

/*
 * Days of @month (1..12) in @year: 28..31. Returns 0 for a month out of
 * 1..12, so a caller never indexes past the table.
 */
int stl_date_days_in_month(int year, int month);

/*
 * True if @year-@month-@day is a day that exists and @year lies in
 * STL_DATE_YEAR_MIN..STL_DATE_YEAR_MAX. "31 de abril" and "29 de febrero
 * de 2023" are not valid.
 */
bool stl_date_valid(int year, int month, int day);

/*
 * The name of @month (1..12) as a static lowercase ASCII string
 * ("enero" .. "diciembre"; Spanish month names carry no accents); NULL
 * for any other number.
 */
const char *stl_date_month_name(int month);

/*
 * The @i-th full spelling accepted for a month (i from 0): the twelve
 * names of stl_date_month_name(), then the variants people also write
 * ("setiembre"). Static lowercase ASCII; its month 1..12 is stored in
 * *@month. Returns NULL (and leaves *@month alone) past the last one.
 * For readers that match words their own way (case- and accent-blind,
 * on unfolded text).
 */
const char *stl_date_month_spelling(unsigned int i, int *month);

/*
 * The month (1..12) that the @len bytes at @word spell, or 0. ASCII case
 * is ignored ("Septiembre"); accents are not: fold the word first
 * (stl_text_fold()) if it may carry any. Every full spelling of
 * stl_date_month_spelling() is accepted; with @abbrev also the first
 * three letters or more of a month's name ("sep", "sept", "octu") and
 * "set", so that "sept 2020" reads as September. @word need not be
 * NUL-terminated.
 */
int stl_date_month_of(const char *word, size_t len, bool abbrev);

/*
 * If the @len bytes at @s are 1..@max ASCII digits, store their value in
 * *@out and return true; else return false and leave *@out alone. @max
 * above 9 is taken as 9, so that the value always fits an int.
 */
bool stl_date_number(const char *s, size_t len, size_t max, int *out);

/* ---- Calendar arithmetic ---------------------------------------------- */

/*
 * Days are counted as whole numbers (0 is 1970-01-01, negative before),
 * so that adding days, weeks and business days is adding numbers.
 */

/* The number of the day @year-@month-@day (a valid date). */
long stl_date_to_days(int year, int month, int day);

/* The date of day number @days, in *@year, *@month, *@day. */
void stl_date_from_days(long days, int *year, int *month, int *day);

/* Day number @days as "YYYY-MM-DD" in @out (years 0..9999). */
void stl_date_format(long days, char out[11]);

/* The day of the week of @days: 0 Monday .. 6 Sunday. */
int stl_date_weekday(long days);

/*
 * The Friday of the week after the one @days lies in (weeks run Monday
 * to Sunday): "la próxima semana" said on Thursday 2020-09-24 is due on
 * Friday 2020-10-02.
 */
long stl_date_next_week_friday(long days);

/*
 * True if @days is a mandatory rest day of the Ley Federal del Trabajo
 * (art. 74): 1 January, the first Monday of February, the third Monday
 * of March, 1 May, 16 September, the third Monday of November, 25
 * December, and the day the federal executive changes hands every six
 * years (1 October from 2024 on, 1 December before). Election days are
 * not, unless an office declares them (see stl_date_add_business_days()).
 */
bool stl_date_rest_day(long days);

/*
 * The @n-th business day after @start (@start itself not counted; @n 0
 * gives @start): days that are no Saturday, no Sunday, no
 * stl_date_rest_day() and not among the @nclosed days of @closed that an
 * office declared inhábiles (ascending; may be NULL when @nclosed is 0).
 */
long stl_date_add_business_days(long start, unsigned n, const long *closed,
				size_t nclosed);

#ifdef __cplusplus
}
#endif

#endif /* STL_DATE_H */
