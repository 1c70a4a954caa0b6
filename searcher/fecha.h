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
#ifndef STL_SEARCHER_FECHA_H
#define STL_SEARCHER_FECHA_H

#include "stl/status.h"

/*
 * Parse @value into inclusive bounds "YYYYMMDD" (@lo and @hi; "" for an
 * open end). On failure returns BAD_QUERY and a malloc'ed Spanish reason
 * in *@errmsg that quotes @value and says what is accepted.
 */
stl_status_t fecha_parse(const char *value, char lo[9], char hi[9],
			 char **errmsg);

#endif /* STL_SEARCHER_FECHA_H */
