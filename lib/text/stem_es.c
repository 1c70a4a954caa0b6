/*
 * stem_es.c - accent-independent Spanish stemmer; see include/stl/text.h.
 *
 * Snowball's Spanish algorithm (snowballstem.org/algorithms/spanish),
 * rewritten for folded input: the accented suffixes of the original lists
 * appear without their accents (-ación is -acion, -ía is -ia, -ís is -is,
 * the residual -í is -i), the vowels are a e i o u, and ñ is a consonant.
 * Since the analyzer folds before stemming, "participación" and
 * "participacion" reach the stemmer as the same bytes, and the postlude
 * that strips accents has nothing left to do.
 *
 * A plural step runs first. Snowball only removes -s/-es inside RV, which
 * for short words lies past the end ("actas" keeps its -s, "años" too),
 * so singular and plural of short nouns would not meet. The step, for
 * words of more than 3 letters ending in -s:
 *   - "-es" after a consonant, in words of more than 4 letters: drop
 *     "es" (reuniones -> reunion, meses -> mes, transparentes ->
 *     transparent, which is also where "transparente" ends up);
 *   - otherwise "-s" after a, e or o: drop "s" (actas -> acta, años ->
 *     año, acuerdos -> acuerdo, paises -> paise).
 * -is and -us words (crisis, virus) are left to Snowball, and so are
 * words whose -s ends a longer verb ending in RV (presentamos,
 * llegaremos, tomemos, presentáramos: the verb step takes it whole).
 *
 * Folding makes some accented verb endings read as noun endings (-ió as
 * the -io of barrio, -erá as the -era of carrera); where nouns dominate,
 * noun_ending() leaves them to the residual step, and "-ernos" is an
 * infinitive with "nos" only where infinitive_ernos() says so. How far
 * the result agrees with Snowball: make stemcheck, bench/README.md.
 *
 * While stemming, ñ is held as the single byte NTILDE so that every
 * letter is one byte and Snowball's letter counts in RV hold.
 */
#include "stl/text.h"

#include <stdint.h>
#include <string.h>

#define NTILDE 'N'	/* never in a folded term, which is lowercase */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct word {
	char s[STL_TERM_MAX + 1];
	size_t len;
	size_t pv, p1, p2;	/* starts of RV, R1, R2 */
};

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* ---- Regions ------------------------------------------------------------ */

/* Snowball's "gopast": the index after the next (non-)vowel from @i. */
static size_t gopast(const struct word *w, size_t i, bool vowel)
{
	for (; i < w->len; i++)
		if (is_vowel(w->s[i]) == vowel)
			return i + 1;
	return SIZE_MAX;
}

static size_t or_end(const struct word *w, size_t i)
{
	return i == SIZE_MAX ? w->len : i;
}

/*
 * RV: after the next vowel if the second letter is a consonant; after the
 * next consonant if the first two are vowels; after the third letter for
 * consonant-vowel. R1: after the first non-vowel that follows a vowel; R2:
 * the same, inside R1.
 */
static void mark_regions(struct word *w)
{
	const char *s = w->s;

	w->pv = w->len;
	if (w->len >= 2) {
		if (!is_vowel(s[1]))
			w->pv = or_end(w, gopast(w, 2, true));
		else if (is_vowel(s[0]))
			w->pv = or_end(w, gopast(w, 2, false));
		else if (w->len >= 3)
			w->pv = 3;
	}
	w->p1 = gopast(w, 0, true);
	if (w->p1 != SIZE_MAX)
		w->p1 = gopast(w, w->p1, false);
	w->p1 = or_end(w, w->p1);
	w->p2 = gopast(w, w->p1, true);
	if (w->p2 != SIZE_MAX)
		w->p2 = gopast(w, w->p2, false);
	w->p2 = or_end(w, w->p2);
}

/* ---- Suffixes ------------------------------------------------------------ */

struct suffix {
	const char *s;
	size_t len;
};

#define S(lit) { lit, sizeof(lit) - 1 }

static bool ends_at(const struct word *w, size_t end, const char *suf,
		    size_t n)
{
	return n <= end && w->s[end - 1] == suf[n - 1] &&
	       memcmp(w->s + end - n, suf, n) == 0;
}

/* The word ends in the string literal @lit. */
#define ENDS(w, lit) ends_at(w, (w)->len, lit, sizeof(lit) - 1)

/*
 * Snowball's "among": the longest suffix of @list that ends at @end and
 * starts at or after @limit. Returns it, or NULL.
 */
static const struct suffix *among(const struct word *w, size_t end,
				  size_t limit, const struct suffix *list,
				  size_t n)
{
	const struct suffix *best = NULL;
	size_t i, best_len = 0;

	for (i = 0; i < n; i++) {
		size_t len = list[i].len;

		if (len > best_len && end >= limit + len &&
		    ends_at(w, end, list[i].s, len)) {
			best = &list[i];
			best_len = len;
		}
	}
	return best;
}

#define AMONG(w, end, limit, list) \
	among(w, end, limit, list, ARRAY_SIZE(list))

/*
 * The long lists are split by last letter: a word ending in 'o' is only
 * compared with the endings in 'o'.
 */
struct bucket {
	char last;
	const struct suffix *list;
	size_t n;
};

struct std_suffix;
struct std_bucket {
	char last;
	const struct std_suffix *list;
	size_t n;
};

#define BUCKET(c, list) { c, list, ARRAY_SIZE(list) }

static const struct bucket *find_bucket(const struct bucket *b, size_t n,
					char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i].last == c)
			return &b[i];
	return NULL;
}

static const struct std_bucket *find_std_bucket(const struct std_bucket *b,
						size_t n, char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i].last == c)
			return &b[i];
	return NULL;
}

/* AMONG() on a bucketed list, for a suffix ending at the end of @w. */
static const struct suffix *among_bucket(const struct word *w, size_t limit,
					 const struct bucket *buckets,
					 size_t n)
{
	const struct bucket *b;

	if (!w->len)
		return NULL;
	b = find_bucket(buckets, n, w->s[w->len - 1]);
	return b ? among(w, w->len, limit, b->list, b->n) : NULL;
}

#define AMONG_BUCKET(w, limit, buckets) \
	among_bucket(w, limit, buckets, ARRAY_SIZE(buckets))

/* Drop the last @n letters if they start in the region beginning at @r. */
static bool cut_in(struct word *w, size_t n, size_t r)
{
	if (w->len < n || w->len - n < r)
		return false;
	w->len -= n;
	return true;
}

static void replace(struct word *w, size_t n, const char *with, size_t k)
{
	w->len -= n;
	memcpy(w->s + w->len, with, k);
	w->len += k;
}

/* ---- Steps ------------------------------------------------------------- */

static const struct suffix pronouns[] = {
	S("me"), S("se"), S("sela"), S("selo"), S("selas"), S("selos"),
	S("la"), S("le"), S("lo"), S("las"), S("les"), S("los"), S("nos"),
};

/* Verb endings a pronoun may follow (-iéndo, -ándo, -ár ... folded). */
static const struct suffix pronoun_hosts[] = {
	S("iendo"), S("ando"), S("ar"), S("er"), S("ir"), S("yendo"),
};

/*
 * Not Snowball: "-ernos" is also the plural of -erno nouns and adjectives
 * (gobiernos, inviernos, modernos, cuadernos, internos, paternos), which
 * must meet their singulars. It is an infinitive with "nos" (hacernos,
 * ponernos, movernos, comprometernos, excedernos, traernos) when the
 * letter before "er" is a consonant or the a of -aer, but for -t- and -d-,
 * where only -meter- and -eder- are verbs.
 */
static bool infinitive_ernos(const struct word *w, size_t er)
{
	const char *s = w->s;

	if (er < 2 || (is_vowel(s[er - 1]) && s[er - 1] != 'a'))
		return false;
	if (s[er - 1] == 't')
		return er >= 3 && s[er - 2] == 'e' && s[er - 3] == 'm';
	if (s[er - 1] == 'd')
		return s[er - 2] == 'e';
	return true;
}

/* "dándoselo" -> "dando": drop an enclitic pronoun after a verb form. */
static bool attached_pronoun(struct word *w)
{
	const struct suffix *p = AMONG(w, w->len, 0, pronouns), *v;
	size_t cut, start;

	if (!p)
		return false;
	cut = w->len - p->len;
	v = AMONG(w, cut, 0, pronoun_hosts);
	if (!v)
		return false;
	start = cut - v->len;
	if (start < w->pv)
		return false;
	if (strcmp(v->s, "yendo") == 0 &&
	    (start == 0 || w->s[start - 1] != 'u'))
		return false;
	/*
	 * Not Snowball: "-ernos" is far more often a plural noun or adjective
	 * (gobiernos, modernos, cuadernos, internos) than an infinitive with
	 * "nos" (hacernos), and "gobierno" matters in these minutes.
	 */
	if (strcmp(p->s, "nos") == 0 && strcmp(v->s, "er") == 0 &&
	    !infinitive_ernos(w, start))
		return false;
	w->len = cut;
	return true;
}

enum std_action {
	STD_DELETE,		/* R2 delete */
	STD_DELETE_IC,		/* R2 delete, then -ic in R2 */
	STD_LOG,		/* R2 <- log */
	STD_U,			/* R2 <- u */
	STD_ENTE,		/* R2 <- ente */
	STD_AMENTE,
	STD_MENTE,
	STD_IDAD,
	STD_IVA,
};

struct std_suffix {
	struct suffix suf;
	enum std_action action;
};

/* Bucketed by last letter, like the verb endings below. */
static const struct std_suffix std_a[] = {
	{ S("anza"), STD_DELETE }, { S("ica"), STD_DELETE },
	{ S("ista"), STD_DELETE }, { S("osa"), STD_DELETE },
	{ S("adora"), STD_DELETE_IC }, { S("ancia"), STD_DELETE_IC },
	{ S("logia"), STD_LOG }, { S("encia"), STD_ENTE },
	{ S("iva"), STD_IVA },
};

static const struct std_suffix std_d[] = {
	{ S("idad"), STD_IDAD },
};

static const struct std_suffix std_e[] = {
	{ S("able"), STD_DELETE }, { S("ible"), STD_DELETE },
	{ S("ante"), STD_DELETE_IC }, { S("amente"), STD_AMENTE },
	{ S("mente"), STD_MENTE },
};

static const struct std_suffix std_n[] = {
	{ S("acion"), STD_DELETE_IC }, { S("ucion"), STD_U },
};

static const struct std_suffix std_o[] = {
	{ S("ico"), STD_DELETE }, { S("ismo"), STD_DELETE },
	{ S("oso"), STD_DELETE }, { S("amiento"), STD_DELETE },
	{ S("imiento"), STD_DELETE }, { S("ivo"), STD_IVA },
};

static const struct std_suffix std_r[] = {
	{ S("ador"), STD_DELETE_IC },
};

static const struct std_suffix std_s[] = {
	{ S("anzas"), STD_DELETE }, { S("icos"), STD_DELETE },
	{ S("icas"), STD_DELETE }, { S("ismos"), STD_DELETE },
	{ S("ables"), STD_DELETE }, { S("ibles"), STD_DELETE },
	{ S("istas"), STD_DELETE }, { S("osos"), STD_DELETE },
	{ S("osas"), STD_DELETE }, { S("amientos"), STD_DELETE },
	{ S("imientos"), STD_DELETE }, { S("adoras"), STD_DELETE_IC },
	{ S("adores"), STD_DELETE_IC }, { S("aciones"), STD_DELETE_IC },
	{ S("antes"), STD_DELETE_IC }, { S("ancias"), STD_DELETE_IC },
	{ S("logias"), STD_LOG }, { S("uciones"), STD_U },
	{ S("encias"), STD_ENTE }, { S("idades"), STD_IDAD },
	{ S("ivas"), STD_IVA }, { S("ivos"), STD_IVA },
};

static const struct std_bucket std_suffixes[] = {
	BUCKET('a', std_a),
	BUCKET('d', std_d),
	BUCKET('e', std_e),
	BUCKET('n', std_n),
	BUCKET('o', std_o),
	BUCKET('r', std_r),
	BUCKET('s', std_s),
};

static const struct suffix amente_after[] = {
	S("iv"), S("os"), S("ic"), S("ad"),
};
static const struct suffix mente_after[] = {
	S("ante"), S("able"), S("ible"),
};
static const struct suffix idad_after[] = {
	S("abil"), S("ic"), S("iv"),
};

/* Snowball's "try ([substring] R2 delete among(...))" on the new end. */
static const struct suffix *cut_one_of_n(struct word *w,
					 const struct suffix *list, size_t n)
{
	const struct suffix *k = among(w, w->len, 0, list, n);

	if (!k || !cut_in(w, k->len, w->p2))
		return NULL;
	return k;
}

#define cut_one_of(w, list) cut_one_of_n(w, list, ARRAY_SIZE(list))

static const struct std_suffix *longest_std_suffix(const struct word *w)
{
	const struct std_suffix *best = NULL;
	size_t i, n, best_len = 0;
	const struct std_bucket *b;

	if (!w->len)
		return NULL;
	b = find_std_bucket(std_suffixes, ARRAY_SIZE(std_suffixes),
			    w->s[w->len - 1]);
	for (i = 0; b && i < b->n; i++) {
		n = b->list[i].suf.len;
		if (n > best_len && ends_at(w, w->len, b->list[i].suf.s, n)) {
			best = &b->list[i];
			best_len = n;
		}
	}
	return best;
}

static bool standard_suffix(struct word *w)
{
	const struct std_suffix *best = longest_std_suffix(w);
	size_t n;

	if (!best)
		return false;
	n = best->suf.len;
	if (best->action == STD_AMENTE) {
		if (!cut_in(w, n, w->p1))
			return false;
		if (cut_one_of(w, amente_after) == &amente_after[0] &&
		    ENDS(w, "at"))
			cut_in(w, 2, w->p2);
		return true;
	}
	if (w->len - n < w->p2)
		return false;
	switch (best->action) {
	case STD_LOG:
		replace(w, n, "log", 3);
		break;
	case STD_U:
		replace(w, n, "u", 1);
		break;
	case STD_ENTE:
		replace(w, n, "ente", 4);
		break;
	default:
		w->len -= n;
		break;
	}
	switch (best->action) {
	case STD_DELETE_IC:
		if (ENDS(w, "ic"))
			cut_in(w, 2, w->p2);
		break;
	case STD_MENTE:
		cut_one_of(w, mente_after);
		break;
	case STD_IDAD:
		cut_one_of(w, idad_after);
		break;
	case STD_IVA:
		if (ENDS(w, "at"))
			cut_in(w, 2, w->p2);
		break;
	default:
		break;
	}
	return true;
}

static const struct bucket verb_suffixes[7];
static bool noun_ending(const struct word *w, const struct suffix *k);

static void plural(struct word *w)
{
	const char *s = w->s;
	size_t n = w->len;
	const struct std_suffix *std;
	const struct suffix *verb;

	if (n <= 3 || s[n - 1] != 's')
		return;
	/*
	 * -aciones, -antes, -ables ... in R2: standard_suffix() takes them
	 * whole, and cutting "es" first would hide "-ante" and "-able".
	 */
	std = longest_std_suffix(w);
	if (std && std->suf.s[std->suf.len - 1] == 's' &&
	    n - std->suf.len >= w->p2)
		return;
	/*
	 * -amos, -emos, -aremos, -ábamos ... in RV: verb_suffix() takes them
	 * whole, and cutting "s" first would leave "presentamo". A bare -as
	 * or -es is still a plural here, so that the singular's steps follow
	 * (celulares -> celular -> celul, as celular).
	 */
	verb = AMONG_BUCKET(w, w->pv, verb_suffixes);
	if (verb && verb->len > 2 && !noun_ending(w, verb))
		return;
	if (s[n - 2] == 'e' && !is_vowel(s[n - 3]) && n > 4)
		w->len -= 2;
	else if (s[n - 2] == 'a' || s[n - 2] == 'e' || s[n - 2] == 'o')
		w->len -= 1;
	else
		return;
	mark_regions(w);
}

static const struct suffix y_suffixes[] = {
	S("ya"), S("ye"), S("yan"), S("yen"), S("yeron"), S("yendo"), S("yo"),
	S("yas"), S("yes"), S("yais"), S("yamos"),
};

/* -ya, -yendo ... after u: "construyendo" -> "constru". */
static bool y_verb_suffix(struct word *w)
{
	const struct suffix *k = AMONG(w, w->len, w->pv, y_suffixes);
	size_t start;

	if (!k)
		return false;
	start = w->len - k->len;
	if (start == 0 || w->s[start - 1] != 'u')
		return false;
	w->len = start;
	return true;
}

/*
 * Verb endings, Snowball's two groups merged and bucketed by last letter
 * (the search only looks at the bucket of the word's last letter). The
 * endings of is_gu_suffix() also drop a "u" after "g": "averigüen" ->
 * "averig"; the others go whole.
 *
 * Not Snowball: -arías, -erías, -irías, -erás and -irás are left out.
 * Folded, they are the plurals of -aria, -eria, -era, -ira nouns and
 * adjectives (secretarias, bancarias, carreras, mentiras), far more common
 * than the "tú" forms of the future and the conditional they stand for.
 * (-arás stays: it is also the folded -aras of the subjunctive.)
 */
static const struct suffix verb_a[] = {
	S("aria"), S("ara"), S("eria"), S("era"), S("iria"), S("ira"),
	S("aba"), S("ada"), S("ida"), S("ia"), S("iera"),
};

static const struct suffix verb_d[] = {
	S("ad"), S("ed"), S("id"),
};

static const struct suffix verb_e[] = {
	S("are"), S("ere"), S("ire"), S("ase"), S("iese"), S("aste"),
	S("iste"),
};

static const struct suffix verb_n[] = {
	S("en"), S("arian"), S("aran"), S("erian"), S("eran"), S("irian"),
	S("iran"), S("an"), S("aban"), S("ian"), S("ieran"), S("asen"),
	S("iesen"), S("aron"), S("ieron"),
};

static const struct suffix verb_o[] = {
	S("ado"), S("ido"), S("ando"), S("iendo"), S("io"),
};

static const struct suffix verb_r[] = {
	S("ar"), S("er"), S("ir"),
};

static const struct suffix verb_s[] = {
	S("es"), S("eis"), S("emos"), S("aras"), S("ariais"),
	S("areis"), S("ariamos"), S("aremos"),
	S("eriais"), S("ereis"), S("eriamos"), S("eremos"),
	S("iriais"), S("ireis"), S("iriamos"), S("iremos"), S("as"),
	S("abas"), S("adas"), S("idas"), S("ias"), S("ieras"), S("ases"),
	S("ieses"), S("is"), S("ais"), S("abais"), S("iais"), S("arais"),
	S("ierais"), S("aseis"), S("ieseis"), S("asteis"), S("isteis"),
	S("ados"), S("idos"), S("amos"), S("abamos"), S("iamos"), S("imos"),
	S("aramos"), S("ieramos"), S("iesemos"), S("asemos"),
};

static const struct bucket verb_suffixes[7] = {
	BUCKET('a', verb_a),
	BUCKET('d', verb_d),
	BUCKET('e', verb_e),
	BUCKET('n', verb_n),
	BUCKET('o', verb_o),
	BUCKET('r', verb_r),
	BUCKET('s', verb_s),
};

static bool is_gu_suffix(const struct suffix *k)
{
	return !strcmp(k->s, "en") || !strcmp(k->s, "es") ||
	       !strcmp(k->s, "eis") || !strcmp(k->s, "emos");
}

/*
 * Not Snowball: where a folded verb ending (accent lost) reads, after these
 * letters, far more often as the end of a noun, an adjective or an -ar
 * verb's present, it is left to the residual step, as Snowball does with
 * the unaccented word:
 *   - -io, -ia, -ias, -ian (folded -ió, -ía ...) after -ic-: beneficio,
 *     servicio, inicio, noticia, justicia, whose verbs are -iciar, so
 *     inició and inicia meet iniciar (inici) as well; and after s:
 *     gimnasio, iglesia, controversia (no -sió, -sía verb is common);
 *   - -is (folded -ís) after r: the names and nouns París, Doris;
 *   - -era, -eran, -ere (folded -erá, -erán, -eré) but where an -er
 *     verb's future is the common reading: after -nd-, -ed-, -rd-, -ec-,
 *     -oc-, -mp-, b, g, v (aprenderá, concederá, perderá, conocerá,
 *     romperá, deberá, protegerá, volverá). Elsewhere it is a noun or an
 *     -erar verb: cartera, carrera, escalera, primera, considera(n),
 *     genera(n), espera(n), supere.
 */
static bool ia_family(const struct suffix *k)
{
	return !strcmp(k->s, "io") || !strcmp(k->s, "ia") ||
	       !strcmp(k->s, "ias") || !strcmp(k->s, "ian");
}

static bool era_family(const struct suffix *k)
{
	return !strcmp(k->s, "era") || !strcmp(k->s, "eran") ||
	       !strcmp(k->s, "ere");
}

static bool noun_ending(const struct word *w, const struct suffix *k)
{
	size_t start = w->len - k->len;
	char c, b;

	if (start < 2)
		return false;
	c = w->s[start - 1];
	b = w->s[start - 2];
	if (k->s[0] == 'i') {
		if (!strcmp(k->s, "is"))
			return c == 'r';
		return (c == 's' || (c == 'c' && b == 'i')) && ia_family(k);
	}
	if (k->s[0] != 'e' || !era_family(k))
		return false;
	switch (c) {
	case 'd':
		return b != 'n' && b != 'e' && b != 'r';
	case 'c':
		return b != 'e' && b != 'o';
	case 'p':
		return b != 'm';
	case 'b':
	case 'g':
	case 'v':
	case 'a':
	case 'e':
	case 'i':
	case 'o':
		return false;
	default:
		return true;
	}
}

static bool verb_suffix(struct word *w)
{
	const struct suffix *k = AMONG_BUCKET(w, w->pv, verb_suffixes);
	size_t start;

	if (!k)
		return false;
	if (noun_ending(w, k)) {
		/* inician, consideran: the -an of inicia, considera */
		if (strcmp(k->s, "ian") && strcmp(k->s, "eran"))
			return false;
		w->len -= 2;
		return true;
	}
	start = w->len - k->len;
	if (is_gu_suffix(k) && start >= 2 &&
	    w->s[start - 1] == 'u' &&
	    w->s[start - 2] == 'g')
		start--;
	w->len = start;
	return true;
}

static const struct suffix residual_suffixes[] = {
	S("os"), S("a"), S("o"), S("i"), S("e"),
};

static void residual_suffix(struct word *w)
{
	const struct suffix *k = AMONG(w, w->len, 0, residual_suffixes);

	if (!k)
		return;
	/*
	 * Not Snowball: the folded residual -i is the -i- of -iciar verbs
	 * (iniciar, beneficiar) far more often than an accented -í, and
	 * their nouns keep it (inicio, beneficio -> inici, benefici).
	 */
	if (k->s[0] == 'i' && ENDS(w, "ici"))
		return;
	if (!cut_in(w, k->len, w->pv))
		return;
	/* -gue: "averigue" -> "averig", the u only there to keep g hard */
	if (k->s[0] == 'e' && ENDS(w, "gu") && w->len - 1 >= w->pv)
		w->len--;
}

/* ---- Entry point ------------------------------------------------------- */

/* Load @term into @w (ñ as NTILDE); false if it is not a Spanish word. */
static bool load(struct word *w, const char *term, size_t len)
{
	size_t i;

	if (len > STL_TERM_MAX)
		return false;
	w->len = 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)term[i];

		if (c >= 'a' && c <= 'z') {
			w->s[w->len++] = (char)c;
		} else if (c == 0xC3 && i + 1 < len &&
			   (unsigned char)term[i + 1] == 0xB1) {
			w->s[w->len++] = NTILDE;
			i++;
		} else {
			return false;
		}
	}
	return true;
}

static size_t store(const struct word *w, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < w->len; i++) {
		if (w->s[i] == NTILDE) {
			out[o++] = (char)0xC3;
			out[o++] = (char)0xB1;
		} else {
			out[o++] = w->s[i];
		}
	}
	out[o] = '\0';
	return o;
}

size_t stl_stem(const char *term, size_t len, char *out)
{
	struct word w;

	if (!load(&w, term, len)) {
		memcpy(out, term, len);
		out[len] = '\0';
		return len;
	}
	mark_regions(&w);
	if (!attached_pronoun(&w))
		plural(&w);
	if (!standard_suffix(&w) && !y_verb_suffix(&w))
		verb_suffix(&w);
	residual_suffix(&w);
	return store(&w, out);
}
