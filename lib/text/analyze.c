/*
 * analyze.c - folding and word splitting; see include/stl/text.h.
 *
 * Most of a Spanish minute is plain ASCII, and it takes the fast route:
 * UAX #29 word boundaries restricted to ASCII (a few lines of state
 * machine) and lowercasing by hand. Only the chunks (runs between ASCII
 * white space) that hold a byte >= 0x80 take the Unicode route: invisible
 * characters are dropped and Unicode spaces made ' ' in a scratch copy
 * that remembers where each byte came from, libunistring's u8_wordbreaks()
 * finds the words, and each part of a word is folded. Cutting at ASCII
 * white space loses nothing: UAX #29 always breaks there.
 *
 * Both routes split UAX #29 words into parts at punctuation, spot acronyms
 * and hyphen chains and emit tokens the same way (word() and its ASCII
 * twin ascii_word()); the unit tests compare the two routes on many
 * strings.
 *
 * Folding a part that holds non-ASCII letters first tries a shortcut for
 * the Latin letters Spanish uses (one canonical decomposition lookup per
 * character) and falls back to the whole libunistring pipeline: case
 * folding with NFKD, dropping combining diacritics U+0300-U+036F except
 * the tilde of ñ and marks on letters of other scripts, and NFC.
 */
#include "stl/text.h"
#include "text_internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwbrk.h>

/* ---- ASCII byte classes ------------------------------------------------ */

enum {
	SP = 1u << 0,	/* cuts chunks: C0 controls, space, DEL */
	AL = 1u << 1,	/* letter: UAX #29 ALetter */
	DI = 1u << 2,	/* digit: Numeric */
	HI = 1u << 3,	/* part of a multibyte character */
	ML = 1u << 4,	/* joins letters: MidLetter ':' and MidNumLetQ . ' */
	MN = 1u << 5,	/* joins digits: MidNum , ; and MidNumLetQ . ' */
	EX = 1u << 6,	/* ExtendNumLet '_' */
	MM = ML | MN,
	WORD = AL | DI | EX,	/* UAX #29 joins any two of these */
};

static const unsigned char byte_class[256] = {
	SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
	SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
	SP, 0, 0, 0, 0, 0, 0, MM, 0, 0, 0, 0, MN, 0, MM, 0,
	DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, ML, MN, 0, 0, 0, 0,
	0, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
	AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, 0, 0, 0, 0, EX,
	0, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
	AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, 0, 0, 0, 0, SP,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
};

static inline unsigned char ascii_lower(unsigned char c)
{
	return (byte_class[c] & AL) ? (unsigned char)(c | 0x20) : c;
}

/* ---- Characters ------------------------------------------------------- */

/* Letters, marks and digits: what a term is made of. */
static bool is_term_char(ucs4_t c)
{
	if (c < 0x80)
		return byte_class[c] & (AL | DI);
	return uc_is_general_category_withtable(c, UC_CATEGORY_MASK_L |
						   UC_CATEGORY_MASK_M |
						   UC_CATEGORY_MASK_N);
}

static bool is_letter(ucs4_t c)
{
	if (c < 0x80)
		return byte_class[c] & AL;
	return uc_is_general_category_withtable(c, UC_CATEGORY_MASK_L);
}

static bool is_mark(ucs4_t c)
{
	return c >= 0x80 &&
	       uc_is_general_category_withtable(c, UC_CATEGORY_MASK_M);
}

/*
 * Characters that are there but not seen: they must not split a word
 * ("trans<SHY>parencia") nor break a phrase. Soft hyphen, zero-width
 * space/non-joiner/joiner, direction marks and embeddings, word joiner and
 * the other invisible operators and isolates, BOM.
 */
static bool is_invisible(ucs4_t c)
{
	return c == 0x00AD || (c >= 0x200B && c <= 0x200F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
	       c == 0xFEFF;
}

/* NBSP, the typographic spaces, NEL, line/paragraph separators, C1. */
static bool is_space_like(ucs4_t c)
{
	return uc_is_property_white_space(c) || (c >= 0x80 && c <= 0x9F);
}

/* Decode the (valid UTF-8) character at @s, at most @n bytes. */
static inline size_t char_at(const unsigned char *s, size_t n, ucs4_t *c)
{
	if (*s < 0x80) {
		*c = *s;
		return 1;
	}
	return (size_t)u8_mbtouc_unsafe(c, s, n);
}

/*
 * Copy @n bytes of input @s into @out (room for @n bytes) without the
 * invisible characters, with Unicode spaces, controls and invalid bytes
 * made ' '. If @map is not NULL, map[i] receives the input offset
 * (@base + offset in @s) of out[i]. Returns the bytes written. Letters,
 * digits and punctuation are copied byte for byte, so a term spanning
 * out[a..b) spans input map[a]..map[b - 1] + 1.
 */
static size_t clean_chunk(const unsigned char *s, size_t n, size_t base,
			  unsigned char *out, size_t *map)
{
	size_t i = 0, o = 0, k;

	while (i < n) {
		ucs4_t c;
		int l;

		if (s[i] < 0x80) {
			if (map)
				map[o] = base + i;
			out[o++] = (byte_class[s[i]] & SP) ? ' ' : s[i];
			i++;
			continue;
		}
		l = u8_mbtoucr(&c, s + i, n - i);
		if (l < 0 || is_space_like(c)) {
			if (map)
				map[o] = base + i;
			out[o++] = ' ';
			i += l < 0 ? 1 : (size_t)l;
			continue;
		}
		if (is_invisible(c)) {
			i += (size_t)l;
			continue;
		}
		for (k = 0; k < (size_t)l; k++) {
			if (map)
				map[o] = base + i;
			out[o++] = s[i++];
		}
	}
	return o;
}

/* ---- Folding ------------------------------------------------------------ */

static bool is_latin_script(ucs4_t c)
{
	const uc_script_t *script = uc_script(c);

	return script && strcmp(script->name, "Latin") == 0;
}

/*
 * Whether to keep combining diacritic @mark (U+0300-U+036F) after @base:
 * the tilde of ñ is part of a letter of its own; on a letter of another
 * script (Greek tonos, Cyrillic breve of й) a mark is not an accent users
 * skip. Everything else goes: the accents of Latin letters, and stray
 * marks on digits, punctuation or nothing.
 */
static bool keep_mark(ucs4_t base, ucs4_t mark)
{
	if (base < 0x80)
		return base == 'n' && mark == 0x0303;
	return is_letter(base) && !is_latin_script(base);
}

/*
 * Drop the diacritics @s (decomposed, case-folded) should lose, in place.
 * Returns the new length; *@nonascii tells whether anything non-ASCII is
 * left (then it needs composing again).
 */
static size_t strip_marks(uint8_t *s, size_t n, bool *nonascii)
{
	size_t i = 0, o = 0;
	ucs4_t base = 0;

	*nonascii = false;
	while (i < n) {
		ucs4_t c;
		size_t l = char_at(s + i, n - i, &c);

		if (c >= 0x0300 && c <= 0x036F) {
			if (!keep_mark(base, c)) {
				i += l;
				continue;
			}
		} else if (!is_mark(c)) {
			base = c;
		}
		memmove(s + o, s + i, l);
		o += l;
		i += l;
		*nonascii |= c >= 0x80;
	}
	return o;
}

/* The whole pipeline: NFKD case folding, mark stripping, NFC. */
static bool fold_full(const unsigned char *s, size_t n, struct stl_strbuf *out)
{
	uint8_t fbuf[256], nbuf[256];
	size_t flen = sizeof(fbuf), nlen = sizeof(nbuf), m;
	uint8_t *f, *g;
	bool nonascii, ok = false;

	if (!n)
		return true;
	f = u8_casefold(s, n, NULL, UNINORM_NFKD, fbuf, &flen);
	if (!f)
		return false;
	m = strip_marks(f, flen, &nonascii);
	if (!nonascii) {
		stl_strbuf_add(out, f, m);
		ok = !stl_strbuf_failed(out);
		goto out_free_f;
	}
	g = m ? u8_normalize(UNINORM_NFC, f, m, nbuf, &nlen) : nbuf;
	if (!g)
		goto out_free_f;
	stl_strbuf_add(out, g, m ? nlen : 0);
	ok = !stl_strbuf_failed(out);
	if (g != nbuf)
		free(g);
out_free_f:
	if (f != fbuf)
		free(f);
	return ok;
}

/*
 * The shortcut: ASCII, and letters whose canonical decomposition is an
 * ASCII letter plus one Latin diacritic (á é í ó ú ü Ñ ...), which fold to
 * that letter (ñ to ñ). That is what the pipeline gives them, at a
 * fraction of the cost. Returns false, @out unchanged, when some
 * character needs the pipeline.
 */
static bool fold_latin(const unsigned char *s, size_t n, struct stl_strbuf *out)
{
	unsigned char *w;
	size_t i = 0;

	/* The output is never longer than the input. */
	if (!stl_strbuf_grow(out, n))
		return true;
	w = (unsigned char *)out->buf + out->len;
	while (i < n) {
		ucs4_t c, d[UC_DECOMPOSITION_MAX_LENGTH];
		unsigned char b;

		if (s[i] < 0x80) {
			*w++ = ascii_lower(s[i++]);
			continue;
		}
		i += char_at(s + i, n - i, &c);
		if (uc_canonical_decomposition(c, d) != 2 || d[0] >= 0x80 ||
		    !(byte_class[d[0]] & AL) || d[1] < 0x0300 ||
		    d[1] > 0x036F || d[1] == 0x0345) {
			out->buf[out->len] = '\0';
			return false;
		}
		b = ascii_lower((unsigned char)d[0]);
		if (b == 'n' && d[1] == 0x0303) {
			*w++ = 0xC3;	/* ñ */
			*w++ = 0xB1;
		} else {
			*w++ = b;
		}
	}
	out->len = (size_t)((char *)w - out->buf);
	out->buf[out->len] = '\0';
	return true;
}

bool stl_text_fold_chunk(const unsigned char *s, size_t n, bool full,
			 struct stl_strbuf *out)
{
	if (!full && fold_latin(s, n, out))
		return !stl_strbuf_failed(out);
	return fold_full(s, n, out) && !stl_strbuf_failed(out);
}

/* Output of stl_text_fold(): pieces joined by single spaces. */
struct folder {
	struct stl_strbuf *out;
	size_t base;		/* out->len on entry: nothing before is ours */
	bool space;		/* a space is due before the next piece */
};

static void fold_put(struct folder *f, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		if (s[i] == ' ') {
			f->space = true;
			i++;
			continue;
		}
		for (j = i; j < n && s[j] != ' '; j++)
			;
		if (f->space && f->out->len > f->base)
			stl_strbuf_addch(f->out, ' ');
		f->space = false;
		stl_strbuf_add(f->out, s + i, j - i);
		i = j;
	}
}

static void fold_put_ascii(struct folder *f, const unsigned char *s, size_t n)
{
	char *w;
	size_t i;

	if (f->space && f->out->len > f->base)
		stl_strbuf_addch(f->out, ' ');
	f->space = false;
	if (!stl_strbuf_grow(f->out, n))
		return;
	w = f->out->buf + f->out->len;
	for (i = 0; i < n; i++)
		w[i] = (char)ascii_lower(s[i]);
	f->out->len += n;
	f->out->buf[f->out->len] = '\0';
}

stl_status_t stl_text_fold(const char *s, size_t len, struct stl_strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	struct folder f = { out, out->len, false };
	struct stl_strbuf piece = STL_STRBUF_INIT;
	unsigned char *tmp = NULL;
	size_t i = 0, cap = 0;
	stl_status_t st = STL_STATUS_OUT_OF_MEMORY;

	while (i < len) {
		unsigned acc = 0;
		size_t a, n;

		while (i < len && (byte_class[p[i]] & SP))
			i++;
		for (a = i; i < len && !(byte_class[p[i]] & SP); i++)
			acc |= byte_class[p[i]];
		if (a == i)
			break;
		f.space = true;
		if (!(acc & HI)) {
			fold_put_ascii(&f, p + a, i - a);
			continue;
		}
		if (i - a > cap) {
			unsigned char *t = realloc(tmp, i - a);

			if (!t)
				goto out_free;
			tmp = t;
			cap = i - a;
		}
		n = clean_chunk(p + a, i - a, 0, tmp, NULL);
		stl_strbuf_reset(&piece);
		if (!stl_text_fold_chunk(tmp, n, false, &piece))
			goto out_free;
		fold_put(&f, piece.buf, piece.len);
	}
	if (!stl_strbuf_failed(out))
		st = STL_STATUS_SUCCESS;
out_free:
	stl_strbuf_release(&piece);
	free(tmp);
	return st;
}

/* ---- Tokenizing ---------------------------------------------------------- */

/*
 * Words joined by single hyphens ("socio-económico"), collected so the
 * joined term can follow the last part.
 */
struct chain {
	unsigned words;		/* words seen so far */
	unsigned terms;		/* terms they gave */
	bool ok;		/* every term has a letter, all fit */
	size_t len;
	char buf[STL_TERM_MAX + 1];
	size_t start, end;	/* input bytes spanned */
	size_t last_end;	/* end of the last word, in chunk bytes */
	uint32_t last_pos;
};

/* The bytes words are found in: the input itself or a cleaned copy. */
struct chunk {
	const unsigned char *s;
	const size_t *map;	/* NULL: offsets are input offsets */
};

#define STOP_HASH_SIZE 1024	/* power of two, well above the list */

struct analyzer {
	const unsigned char *text;
	unsigned flags;
	uint32_t pos;
	stl_token_fn fn;
	void *ctx;
	bool stop;		/* the callback said so, or out of memory */
	bool oom;
	struct chain chain;
	/* Scratch of the Unicode route, kept from chunk to chunk. */
	unsigned char *clean;
	size_t *map;
	char *breaks;
	size_t cap;
	struct stl_strbuf fold;
	struct stl_strbuf letters;
	char term[STL_TERM_MAX + 1];
};

/*
 * The stop words as a hash table (index + 1 into stl_stopwords(), 0 when
 * empty), and for each first byte the lengths a stop word starting with
 * it has (bit n: length n). Four in ten Spanish words are stop words and
 * every term is looked up: a binary search costs more than the rest of
 * the fast route, and the length mask turns most other words away before
 * hashing. Built once per process.
 */
#define STOP_LEN_MAX 31
static struct {
	const char *const *list;
	uint16_t hash[STOP_HASH_SIZE];
	uint32_t lengths[256];
	bool usable;
} stops;
static pthread_once_t stops_once = PTHREAD_ONCE_INIT;

static size_t in_start(const struct chunk *ck, size_t i)
{
	return ck->map ? ck->map[i] : i;
}

static size_t in_end(const struct chunk *ck, size_t i)
{
	return ck->map ? ck->map[i - 1] + 1 : i;
}

static bool has_letter(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		ucs4_t c;

		if (byte_class[p[i]] & AL)
			return true;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		i += char_at(p + i, n - i, &c);
		if (is_letter(c))
			return true;
	}
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(byte_class[(unsigned char)s[i]] & DI))
			return false;
	return true;
}

static uint32_t stop_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h & (STOP_HASH_SIZE - 1);
}

static void build_stops(void)
{
	const char *const *list;
	size_t n, i, len;

	list = stl_stopwords(&n);
	if (n >= STOP_HASH_SIZE / 2)
		return;		/* keep the binary search */
	for (i = 0; i < n; i++) {
		len = strlen(list[i]);
		if (!len || len > STOP_LEN_MAX)
			return;
		stops.lengths[(unsigned char)list[i][0]] |= 1u << len;
	}
	for (i = 0; i < n; i++) {
		uint32_t h = stop_hash(list[i], strlen(list[i]));

		while (stops.hash[h])
			h = (h + 1) & (STOP_HASH_SIZE - 1);
		stops.hash[h] = (uint16_t)(i + 1);
	}
	stops.list = list;
	stops.usable = true;
}

static bool is_stopword(const char *s, size_t n)
{
	uint32_t h;

	pthread_once(&stops_once, build_stops);
	if (!stops.usable)
		return stl_is_stopword(s, n);
	if (!n || n > STOP_LEN_MAX ||
	    !(stops.lengths[(unsigned char)s[0]] & (1u << n)))
		return false;
	for (h = stop_hash(s, n); stops.hash[h];
	     h = (h + 1) & (STOP_HASH_SIZE - 1)) {
		const char *w = stops.list[stops.hash[h] - 1];

		if (strncmp(w, s, n) == 0 && w[n] == '\0')
			return true;
	}
	return false;
}

static unsigned term_flags(const char *s, size_t n)
{
	unsigned flags = 0;

	if (is_stopword(s, n))
		flags |= STL_TOKEN_STOPWORD;
	if (all_digits(s, n))
		flags |= STL_TOKEN_NUMBER;
	return flags;
}

static void chain_reset(struct chain *ch)
{
	ch->words = 0;
	ch->terms = 0;
	ch->ok = true;
	ch->len = 0;
	ch->buf[0] = '\0';
}

static void chain_flush(struct analyzer *an)
{
	struct chain *ch = &an->chain;

	if (ch->words >= 2 && ch->terms >= 2 && ch->ok && !an->stop &&
	    !(an->flags & STL_ANALYZE_QUERY)) {
		stl_token_t tok = {
			.term = ch->buf,
			.len = ch->len,
			.pos = ch->last_pos,
			.start = ch->start,
			.end = ch->end,
			.flags = STL_TOKEN_EXTRA | term_flags(ch->buf, ch->len),
		};

		if (an->fn(&tok, an->ctx))
			an->stop = true;
	}
	chain_reset(ch);
}

static void chain_add(struct chain *ch, const char *term, size_t n,
		      size_t start, size_t end, uint32_t pos)
{
	if (!ch->terms)
		ch->start = start;
	ch->terms++;
	ch->end = end;
	ch->last_pos = pos;
	if (!ch->ok || ch->len + n > STL_TERM_MAX || !has_letter(term, n)) {
		ch->ok = false;
		return;
	}
	memcpy(ch->buf + ch->len, term, n);
	ch->len += n;
	ch->buf[ch->len] = '\0';
}

/*
 * Emit an->term (@n bytes; 0 when the word folded to nothing, more than
 * STL_TERM_MAX when too long: both skipped, taking no position).
 */
static void emit(struct analyzer *an, size_t n, size_t start, size_t end)
{
	stl_token_t tok;

	if (!n || n > STL_TERM_MAX) {
		an->chain.ok = false;
		return;
	}
	an->term[n] = '\0';
	tok.term = an->term;
	tok.len = n;
	tok.pos = an->pos++;
	tok.start = start;
	tok.end = end;
	tok.flags = term_flags(an->term, n);
	chain_add(&an->chain, an->term, n, start, end, tok.pos);
	if (an->fn(&tok, an->ctx))
		an->stop = true;
}

/*
 * Fold @n bytes of cleaned UTF-8 into an->term, keeping only term
 * characters (NFKC can turn a letter into punctuation: ½ is 1⁄2). Returns
 * the length, STL_TERM_MAX + 1 if too long, 0 if nothing is left or out of
 * memory (then an->stop and an->oom are set).
 */
static size_t fold_term(struct analyzer *an, const unsigned char *s, size_t n)
{
	struct stl_strbuf *fb = &an->fold;
	size_t i = 0, o = 0;

	stl_strbuf_reset(fb);
	if (!stl_text_fold_chunk(s, n, false, fb)) {
		an->oom = an->stop = true;
		return 0;
	}
	while (i < fb->len) {
		ucs4_t c;
		size_t l = char_at((unsigned char *)fb->buf + i, fb->len - i,
				   &c);

		if (is_term_char(c)) {
			if (o + l > STL_TERM_MAX)
				return STL_TERM_MAX + 1;
			memcpy(an->term + o, fb->buf + i, l);
			o += l;
		}
		i += l;
	}
	return o;
}

static size_t fold_ascii_term(struct analyzer *an, const unsigned char *s,
			      size_t n)
{
	size_t i;

	if (n > STL_TERM_MAX)
		return STL_TERM_MAX + 1;
	for (i = 0; i < n; i++)
		an->term[i] = (char)ascii_lower(s[i]);
	return n;
}

/*
 * An acronym with dots: single letters (each maybe with marks) separated
 * by single '.', at least two: "A.C" (UAX #29 leaves the last dot out).
 */
static bool is_acronym(const struct chunk *ck, size_t ws, size_t we)
{
	size_t i = ws, letters = 0;
	ucs4_t c;

	for (;;) {
		if (i >= we)
			return false;
		i += char_at(ck->s + i, we - i, &c);
		if (!is_letter(c))
			return false;
		while (i < we && ck->s[i] >= 0x80) {
			size_t l = char_at(ck->s + i, we - i, &c);

			if (!is_mark(c))
				break;
			i += l;
		}
		letters++;
		if (i == we)
			return letters >= 2;
		if (ck->s[i] != '.')
			return false;
		i++;
	}
}

static void emit_acronym(struct analyzer *an, const struct chunk *ck,
			 size_t ws, size_t we)
{
	struct stl_strbuf *lb = &an->letters;
	bool ascii = true;
	size_t i, n;

	stl_strbuf_reset(lb);
	for (i = ws; i < we; i++) {
		if (ck->s[i] == '.')
			continue;
		ascii &= ck->s[i] < 0x80;
		stl_strbuf_addch(lb, ck->s[i]);
	}
	if (stl_strbuf_failed(lb)) {
		an->oom = an->stop = true;
		return;
	}
	if (ascii)
		n = fold_ascii_term(an, (unsigned char *)lb->buf, lb->len);
	else
		n = fold_term(an, (unsigned char *)lb->buf, lb->len);
	if (!an->stop)
		emit(an, n, in_start(ck, ws), in_end(ck, we));
}

/* Each run of term characters of the word is a term of its own. */
static void emit_parts(struct analyzer *an, const struct chunk *ck,
		       size_t ws, size_t we)
{
	size_t i = ws;

	while (i < we && !an->stop) {
		size_t ps, l, n;
		bool ascii = true;
		ucs4_t c;

		l = char_at(ck->s + i, we - i, &c);
		if (!is_term_char(c)) {
			i += l;
			continue;
		}
		ps = i;
		for (;;) {
			ascii &= c < 0x80;
			i += l;
			if (i >= we)
				break;
			l = char_at(ck->s + i, we - i, &c);
			if (!is_term_char(c))
				break;
		}
		if (ascii)
			n = fold_ascii_term(an, ck->s + ps, i - ps);
		else
			n = fold_term(an, ck->s + ps, i - ps);
		if (!an->stop)
			emit(an, n, in_start(ck, ps), in_end(ck, i));
	}
}

/* A hyphen-minus, U+2010 HYPHEN or U+2011 NON-BREAKING HYPHEN. */
static bool hyphen_between(const struct chunk *ck, size_t a, size_t b)
{
	const unsigned char *s = ck->s + a;

	if (b == a + 1)
		return s[0] == '-';
	return b == a + 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	       (s[2] == 0x90 || s[2] == 0x91);
}

/* One UAX #29 word, chunk bytes [@ws, @we). */
static void word(struct analyzer *an, const struct chunk *ck, size_t ws,
		 size_t we)
{
	struct chain *ch = &an->chain;
	uint32_t first = an->pos;
	size_t i;

	for (i = ws; i < we; ) {
		ucs4_t c;

		i += char_at(ck->s + i, we - i, &c);
		if (is_term_char(c))
			break;
		if (i >= we)
			return;		/* punctuation, spaces: not a word */
	}
	if (ch->words && !hyphen_between(ck, ch->last_end, ws))
		chain_flush(an);
	if (an->stop)
		return;
	if (is_acronym(ck, ws, we))
		emit_acronym(an, ck, ws, we);
	else
		emit_parts(an, ck, ws, we);
	ch->words++;
	ch->last_end = we;
	if (an->pos == first)
		ch->ok = false;
}

/*
 * word() for the fast route: every byte is ASCII, so byte classes tell
 * letters and digits apart. @dots: the word holds a '.', so it may be an
 * acronym; @plain: it is letters and digits only, one part. Must behave
 * exactly as word() does.
 */
static void ascii_word(struct analyzer *an, size_t ws, size_t we, bool dots,
		       bool plain)
{
	const unsigned char *s = an->text;
	struct chain *ch = &an->chain;
	uint32_t first = an->pos;
	size_t i = ws, ps;

	while (i < we && !(byte_class[s[i]] & (AL | DI)))
		i++;
	if (i == we)
		return;
	if (ch->words && !(ws == ch->last_end + 1 && s[ch->last_end] == '-'))
		chain_flush(an);
	if (an->stop)
		return;
	if (plain) {
		emit(an, fold_ascii_term(an, s + ws, we - ws), ws, we);
	} else if (dots && is_acronym(&(const struct chunk){ s, NULL }, ws,
				      we)) {
		emit_acronym(an, &(const struct chunk){ s, NULL }, ws, we);
	} else {
		while (i < we && !an->stop) {
			for (ps = i; i < we && (byte_class[s[i]] & (AL | DI)); i++)
				;
			emit(an, fold_ascii_term(an, s + ps, i - ps), ps, i);
			while (i < we && !(byte_class[s[i]] & (AL | DI)))
				i++;
		}
	}
	ch->words++;
	ch->last_end = we;
	if (an->pos == first)
		ch->ok = false;
}

/*
 * UAX #29 on ASCII: letters, digits and '_' stick together (WB5, WB8-10,
 * WB13a/b); "a.b" "a'b" "a:b" stay one word (WB6/7), as do "1.5" "1,000"
 * "1;2" "1'2" (WB11/12); everything else breaks.
 */
static void ascii_chunk(struct analyzer *an, size_t a, size_t b)
{
	const unsigned char *s = an->text;
	size_t i = a, ws;

	while (i < b && !an->stop) {
		unsigned cl = byte_class[s[i]], prev;
		bool dots = false, plain;

		if (!(cl & WORD)) {
			i++;
			continue;
		}
		ws = i++;
		prev = cl;
		plain = !(cl & EX);
		while (i < b) {
			cl = byte_class[s[i]];
			if (cl & WORD) {
				plain &= !(cl & EX);
				prev = cl;
				i++;
				continue;
			}
			if ((cl & MM) && i + 1 < b) {
				unsigned next = byte_class[s[i + 1]];

				if (((prev & AL) && (cl & ML) && (next & AL)) ||
				    ((prev & DI) && (cl & MN) && (next & DI))) {
					dots |= s[i] == '.';
					plain = false;
					prev = next;
					i += 2;
					continue;
				}
			}
			break;
		}
		ascii_word(an, ws, i, dots, plain);
	}
}

static bool reserve(struct analyzer *an, size_t n)
{
	unsigned char *c;
	size_t *m;
	char *b;

	if (n <= an->cap)
		return true;
	if (n > SIZE_MAX / sizeof(*m))
		return false;
	c = realloc(an->clean, n);
	if (!c)
		return false;
	an->clean = c;
	m = realloc(an->map, n * sizeof(*m));
	if (!m)
		return false;
	an->map = m;
	b = realloc(an->breaks, n);
	if (!b)
		return false;
	an->breaks = b;
	an->cap = n;
	return true;
}

static void unicode_chunk(struct analyzer *an, size_t a, size_t b)
{
	struct chunk ck;
	size_t n, i, ws;

	if (!reserve(an, b - a)) {
		an->oom = an->stop = true;
		return;
	}
	ck.s = an->clean;
	ck.map = an->map;
	n = clean_chunk(an->text + a, b - a, a, an->clean, an->map);
	if (!n)
		return;
	u8_wordbreaks(an->clean, n, an->breaks);
	for (ws = 0, i = 1; i <= n && !an->stop; i++) {
		if (i < n && !an->breaks[i])
			continue;
		word(an, &ck, ws, i);
		ws = i;
	}
}

/* Offset of the first byte >= 0x80 in @s[@i..@n), or @n. */
static size_t next_high(const unsigned char *s, size_t i, size_t n)
{
	/* eight bytes at a time: most minutes are ASCII for long stretches */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
	}
	for (; i < n; i++)
		if (s[i] >= 0x80)
			break;
	return i;
}

/*
 * The usual route: ASCII stretches go to ascii_chunk() whole (it breaks at
 * white space just as UAX #29 does), and only the white-space-delimited
 * chunks around non-ASCII bytes take the Unicode route.
 */
static void mostly_ascii(struct analyzer *an, size_t len)
{
	const unsigned char *s = an->text;
	size_t i = 0;

	while (i < len && !an->stop) {
		size_t h = next_high(s, i, len), a = h, b = h;

		/* the chunk holding byte h starts after the last white space */
		while (h < len && a > i && !(byte_class[s[a - 1]] & SP))
			a--;
		if (a > i) {
			ascii_chunk(an, i, a);
			chain_flush(an);
		}
		if (h == len || an->stop)
			break;
		while (b < len && !(byte_class[s[b]] & SP))
			b++;
		unicode_chunk(an, a, b);
		chain_flush(an);
		i = b;
	}
}

/* STL_ANALYZE_INTERNAL_SLOW: every chunk by the Unicode route. */
static void all_unicode(struct analyzer *an, size_t len)
{
	const unsigned char *s = an->text;
	size_t i = 0, a;

	while (i < len && !an->stop) {
		while (i < len && (byte_class[s[i]] & SP))
			i++;
		for (a = i; i < len && !(byte_class[s[i]] & SP); i++)
			;
		if (a == i)
			break;
		unicode_chunk(an, a, i);
		chain_flush(an);
	}
}

stl_status_t stl_text_analyze(const char *text, size_t len, unsigned flags,
			      uint32_t *pos, stl_token_fn fn, void *ctx)
{
	struct analyzer an = {
		.text = (const unsigned char *)text,
		.flags = flags,
		.pos = *pos,
		.fn = fn,
		.ctx = ctx,
		.fold = STL_STRBUF_INIT,
		.letters = STL_STRBUF_INIT,
	};
	chain_reset(&an.chain);
	if (flags & STL_ANALYZE_INTERNAL_SLOW)
		all_unicode(&an, len);
	else
		mostly_ascii(&an, len);
	*pos = an.pos;
	free(an.clean);
	free(an.map);
	free(an.breaks);
	stl_strbuf_release(&an.fold);
	stl_strbuf_release(&an.letters);
	return an.oom ? STL_STATUS_OUT_OF_MEMORY : STL_STATUS_SUCCESS;
}

struct join {
	struct stl_strbuf *out;
	char sep;
	size_t n;
};

static int join_term(const stl_token_t *tok, void *ctx)
{
	struct join *j = ctx;

	if (j->n++)
		stl_strbuf_addch(j->out, j->sep);
	stl_strbuf_add(j->out, tok->term, tok->len);
	return 0;
}

stl_status_t stl_text_terms(const char *text, size_t len, unsigned flags,
			    char sep, struct stl_strbuf *out, size_t *nterms)
{
	struct join j = { out, sep, 0 };
	uint32_t pos = 1;
	stl_status_t ret;

	ret = stl_text_analyze(text, len, flags, &pos, join_term, &j);
	if (nterms)
		*nterms = j.n;
	if (ret == STL_STATUS_SUCCESS && stl_strbuf_failed(out))
		ret = STL_STATUS_OUT_OF_MEMORY;
	return ret;
}
