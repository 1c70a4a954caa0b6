/*
 * fecha.h - the values of the fecha: field, as date ranges.
 *
 *   2020                     the year
 *   2020-10                  the month
 *   2020-10-01               the day
 *   24/09/2020, 24-09-2020   the day (day first, as written in México)
 *   09/2020                  the month
 *   septiembre de 2020       the month ("sept 2020", "septiembre del 2020")
 *   24 de septiembre de 2020 the day
 *   17 de junio, junio       that day or month of every year
 *   A..B  ..B  A..           a range between any two of the above
 */
#ifndef STL_FECHA_H
#define STL_FECHA_H

#include <stddef.h>

#include "stl/schema.h"
#include "stl/status.h"
#include "stl/xapian.h"

/*
 * Parse @value into inclusive bounds "YYYYMMDD" (@lo and @hi; "" for an
 * open end). A value without a year ("17 de junio", "junio..agosto")
 * has year 0000 in both bounds, and allows 29 February; a range needs
 * a year on both ends or on neither, and no open end then. On failure
 * returns BAD_QUERY and a malloc'ed Spanish reason in *@errmsg that
 * quotes @value and names the part that is wrong (the word it does not
 * read, the day a month lacks) or what is accepted.
 */
stl_status_t fecha_parse(const char *value, char lo[9], char hi[9],
			 char **errmsg);

/*
 * The fewest whole years, months and days that cover @lo..@hi (inclusive,
 * "YYYYMMDD", both given and valid, @lo <= @hi), in order. Each span is
 * passed to @fn as numbers: (year, 0, 0) is the whole year, (year, month,
 * 0) the whole month, (year, month, day) one day. Numbers and not index
 * terms, because how a span is spelled in the index is schema.c's
 * business. @fn stops the walk by returning non-zero; @ctx is passed
 * through untouched. Returns how many spans were passed, the one that
 * stopped the walk included (with @fn NULL: counts them all).
 * 2020-10-15..2021-02-03 is the days 2020-10-15..2020-10-31, the months
 * 2020-11, 2020-12, 2021-01, the days 2021-02-01..2021-02-03.
 */
size_t fecha_cover(const char lo[9], const char hi[9],
		   int (*fn)(int year, int month, int day, void *ctx),
		   void *ctx);

/*
 * The spans of fecha_cover() for a range of any year (@lo and @hi of
 * year 0000, as fecha_parse() gives "17 de junio" or "junio"), in each
 * year @first..@last in turn. A day a year lacks (29 February) is left
 * out of that year. @fn and the return value are as for fecha_cover().
 */
size_t fecha_cover_years(const char lo[9], const char hi[9], int first,
			 int last, int (*fn)(int year, int month, int day,
					     void *ctx),
			 void *ctx);

/* A builder of the date terms of one family: stl_schema_date_term()
 * (fecha:) or stl_schema_deadline_term() (plazo:). */
typedef size_t (*fecha_term_fn)(int year, int month, int day,
				char out[STL_SCHEMA_TERM_SIZE]);

/*
 * The terms @term builds for the fewest years, months and days covering
 * @lo..@hi (closed; of year 0000: any year, each of @years[0]..@years[1]),
 * ORed, in *@out: a new query the caller destroys; match-nothing for an
 * empty range or, for any year, no year. Returns SUCCESS, OUT_OF_MEMORY,
 * or INVALID_ARGUMENT for a date @term cannot write.
 */
stl_status_t fecha_range_query(const char lo[9], const char hi[9],
			       const int years[2], fecha_term_fn term,
			       stl_query_t **out);

#endif /* STL_FECHA_H */
