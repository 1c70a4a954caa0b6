/*
 * doctext.h - the words of a text, analyzed once and kept, each labelled
 * with the field it belongs to: the document builder finds each field the
 * minutes parser read (place, attendees, topics, agreements) among the
 * words of the text, so every word is indexed once, under its field.
 */
#ifndef STL_INDEXER_DOCTEXT_H
#define STL_INDEXER_DOCTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stl/schema.h"
#include "stl/status.h"
#include "stl/strbuf.h"

/* A word of the text. */
struct dt_word {
	uint32_t off;		/* of the term in the arena */
	uint32_t pos;
	uint8_t len;
	uint8_t field;		/* enum stl_field_id; STL_FIELD_TEXT: none */
	uint8_t flags;		/* enum stl_token_flag */
};

struct dt_words {
	struct dt_word *v;
	size_t n, alloc;
};

struct doctext {
	struct stl_strbuf arena;	/* the terms, NUL-terminated */
	struct dt_words words;		/* in text order */
	struct dt_words extras;		/* STL_TOKEN_EXTRA compounds */
	size_t cursor;			/* where the next field is looked for */
	uint32_t next_pos;		/* first position after the text */
	struct stl_strbuf scratch;
};

void doctext_init(struct doctext *t);
void doctext_release(struct doctext *t);

/*
 * Analyze the @len bytes of @text into @t (replacing what it held), every
 * word labelled STL_FIELD_TEXT. Returns SUCCESS or OUT_OF_MEMORY.
 */
stl_status_t doctext_keep(struct doctext *t, const char *text, size_t len);

/*
 * Label the words that spell @value (a field the parser read, as written)
 * with @field: the first unlabelled run after the last value labelled,
 * else anywhere; values come in text order, so this finds the place the
 * value was read from. Returns false if the text does not hold @value
 * word for word (or memory ran out); the caller then indexes it apart. An
 * empty or NULL @value is found.
 */
bool doctext_label(struct doctext *t, const char *value,
		   enum stl_field_id field);

/* Every word labelled @field. */
void doctext_label_all(struct doctext *t, enum stl_field_id field);

/* A compound takes the label of its last part (same position). Call once
 * the words are labelled. */
void doctext_label_extras(struct doctext *t);

/* A word's term, NUL-terminated. */
static inline const char *doctext_term(const struct doctext *t,
				       const struct dt_word *w)
{
	return t->arena.buf + w->off;
}

#endif /* STL_INDEXER_DOCTEXT_H */
