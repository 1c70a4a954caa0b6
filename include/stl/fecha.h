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
 *   A..B  ..B  A..           a range between any two of the above
 */
#ifndef STL_FECHA_H
#define STL_FECHA_H

#include <stddef.h>

#include "stl/status.h"

/*
 * Parse @value into inclusive bounds "YYYYMMDD" (@lo and @hi; "" for an
 * open end). On failure returns BAD_QUERY and a malloc'ed Spanish reason
 * in *@errmsg that quotes @value and says what is accepted.
 */
stl_status_t fecha_parse(const char *value, char lo[9], char hi[9],
			 char **errmsg);

/*
 * The fewest whole years, months and days that cover @lo..@hi (inclusive,
 * "YYYYMMDD", both given and valid, @lo <= @hi), in order, as index terms
 * (schema.h: "Y2020", "M202010", "D20201015"), each passed to @fn, which
 * stops the walk by returning non-zero. Returns how many terms were
 * passed (with @fn NULL: counts them). 2020-10-15..2021-02-03 is D20201015..D20201031, M202011,
 * M202012, M202101, D20210201..D20210203.
 */
size_t fecha_cover(const char lo[9], const char hi[9],
		   int (*fn)(const char *term, void *ctx), void *ctx);

#endif /* STL_FECHA_H */
