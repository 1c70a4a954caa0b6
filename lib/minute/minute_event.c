/*
 * minute_event.c - the key that makes two minutes' events one event, for
 * the follow-up links between minutes (stl/links.h); see minute.h.
 */
#include "stl/minute.h"

#include <string.h>

#include "minute_internal.h"

static const char *token_at(const void *seq, size_t i)
{
	return mn_term(seq, i);
}

stl_status_t stl_minute_event_key(const char *event,
				  struct stl_inst_matcher *m,
				  struct stl_strbuf *out)
{
	struct mn_tokens t = MN_TOKENS_INIT;
	const char *id;
	size_t i = 0, ntok, start = out->len;
	stl_status_t st;

	if (!event)
		return STL_STATUS_SUCCESS;
	st = mn_tokenize(&t, event, strlen(event));
	while (!st && i < t.n) {
		/* One institution, one word however it is named: "STL" and
		 * "Secretariado Técnico Local" make the same key. */
		id = m ? stl_inst_matcher_at(m, token_at, &t, i, t.n, &ntok)
		       : NULL;
		if (out->len > start)
			stl_strbuf_addch(out, ' ');
		stl_strbuf_addstr(out, id ? id : mn_term(&t, i));
		i += id ? ntok : 1;
	}
	if (!st && stl_strbuf_failed(out))
		st = STL_STATUS_OUT_OF_MEMORY;
	mn_tokens_release(&t);
	return st;
}
