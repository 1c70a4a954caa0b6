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
 * -is and -us words (crisis, virus) are left to Snowball.
 *
 * While stemming, ñ is held as the single byte NTILDE so that every
 * letter is one byte and Snowball's letter counts in RV hold.
 */
#include "stl/text.h"

#include <stdint.h>
#include <string.h>

#define NTILDE 'N'	/* never in a folded term, which is lowercase */

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

static bool ends_at(const struct word *w, size_t end, const char *suf)
{
	size_t n = strlen(suf);

	return n <= end && memcmp(w->s + end - n, suf, n) == 0;
}

static bool ends(const struct word *w, const char *suf)
{
	return ends_at(w, w->len, suf);
}

/*
 * Snowball's "among": the longest suffix of @list that ends at @end and
 * starts at or after @limit. Returns its index, or -1.
 */
static int among(const struct word *w, size_t end, size_t limit,
		 const char *const *list, size_t n)
{
	size_t i, best_len = 0;
	int best = -1;

	for (i = 0; i < n; i++) {
		size_t len = strlen(list[i]);

		if (len > best_len && end >= limit + len &&
		    ends_at(w, end, list[i])) {
			best = (int)i;
			best_len = len;
		}
	}
	return best;
}

#define AMONG(w, end, limit, list) \
	among(w, end, limit, list, sizeof(list) / sizeof(list[0]))

/* Drop the last @n letters if they start in the region beginning at @r. */
static bool cut_in(struct word *w, size_t n, size_t r)
{
	if (w->len < n || w->len - n < r)
		return false;
	w->len -= n;
	return true;
}

static void replace(struct word *w, size_t n, const char *with)
{
	size_t k = strlen(with);

	w->len -= n;
	memcpy(w->s + w->len, with, k);
	w->len += k;
}

/* ---- Steps ------------------------------------------------------------- */

static const char *const pronouns[] = {
	"me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo",
	"las", "les", "los", "nos",
};

/* Verb endings a pronoun may follow (-iéndo, -ándo, -ár ... folded). */
static const char *const pronoun_hosts[] = {
	"iendo", "ando", "ar", "er", "ir", "yendo",
};

/* "dándoselo" -> "dando": drop an enclitic pronoun after a verb form. */
static bool attached_pronoun(struct word *w)
{
	int p = AMONG(w, w->len, 0, pronouns), v;
	size_t cut, start;

	if (p < 0)
		return false;
	cut = w->len - strlen(pronouns[p]);
	v = AMONG(w, cut, 0, pronoun_hosts);
	if (v < 0)
		return false;
	start = cut - strlen(pronoun_hosts[v]);
	if (start < w->pv)
		return false;
	if (strcmp(pronoun_hosts[v], "yendo") == 0 &&
	    (start == 0 || w->s[start - 1] != 'u'))
		return false;
	/*
	 * Not Snowball: "-ernos" is far more often a plural noun or adjective
	 * (gobiernos, modernos, cuadernos, internos) than an infinitive with
	 * "nos" (hacernos), and "gobierno" matters in these minutes.
	 */
	if (strcmp(pronouns[p], "nos") == 0 &&
	    strcmp(pronoun_hosts[v], "er") == 0)
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

static const struct std_suffix {
	const char *suffix;
	enum std_action action;
} std_suffixes[] = {
	{ "anza", STD_DELETE }, { "anzas", STD_DELETE },
	{ "ico", STD_DELETE }, { "ica", STD_DELETE },
	{ "icos", STD_DELETE }, { "icas", STD_DELETE },
	{ "ismo", STD_DELETE }, { "ismos", STD_DELETE },
	{ "able", STD_DELETE }, { "ables", STD_DELETE },
	{ "ible", STD_DELETE }, { "ibles", STD_DELETE },
	{ "ista", STD_DELETE }, { "istas", STD_DELETE },
	{ "oso", STD_DELETE }, { "osa", STD_DELETE },
	{ "osos", STD_DELETE }, { "osas", STD_DELETE },
	{ "amiento", STD_DELETE }, { "amientos", STD_DELETE },
	{ "imiento", STD_DELETE }, { "imientos", STD_DELETE },
	{ "adora", STD_DELETE_IC }, { "ador", STD_DELETE_IC },
	{ "acion", STD_DELETE_IC }, { "adoras", STD_DELETE_IC },
	{ "adores", STD_DELETE_IC }, { "aciones", STD_DELETE_IC },
	{ "ante", STD_DELETE_IC }, { "antes", STD_DELETE_IC },
	{ "ancia", STD_DELETE_IC }, { "ancias", STD_DELETE_IC },
	{ "logia", STD_LOG }, { "logias", STD_LOG },
	{ "ucion", STD_U }, { "uciones", STD_U },
	{ "encia", STD_ENTE }, { "encias", STD_ENTE },
	{ "amente", STD_AMENTE },
	{ "mente", STD_MENTE },
	{ "idad", STD_IDAD }, { "idades", STD_IDAD },
	{ "iva", STD_IVA }, { "ivo", STD_IVA },
	{ "ivas", STD_IVA }, { "ivos", STD_IVA },
};

static const char *const amente_after[] = { "iv", "os", "ic", "ad" };
static const char *const mente_after[] = { "ante", "able", "ible" };
static const char *const idad_after[] = { "abil", "ic", "iv" };

/* Snowball's "try ([substring] R2 delete among(...))" on the new end. */
static int cut_one_of_n(struct word *w, const char *const *list, size_t n)
{
	int k = among(w, w->len, 0, list, n);

	if (k < 0 || !cut_in(w, strlen(list[k]), w->p2))
		return -1;
	return k;
}

#define cut_one_of(w, list) \
	cut_one_of_n(w, list, sizeof(list) / sizeof(list[0]))

static const struct std_suffix *longest_std_suffix(const struct word *w)
{
	const struct std_suffix *best = NULL;
	size_t i, n, best_len = 0;

	for (i = 0; i < sizeof(std_suffixes) / sizeof(std_suffixes[0]); i++) {
		n = strlen(std_suffixes[i].suffix);
		if (n > best_len && ends(w, std_suffixes[i].suffix)) {
			best = &std_suffixes[i];
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
	n = strlen(best->suffix);
	if (best->action == STD_AMENTE) {
		if (!cut_in(w, n, w->p1))
			return false;
		if (cut_one_of(w, amente_after) == 0 && ends(w, "at"))
			cut_in(w, 2, w->p2);
		return true;
	}
	if (w->len - n < w->p2)
		return false;
	switch (best->action) {
	case STD_LOG:
		replace(w, n, "log");
		break;
	case STD_U:
		replace(w, n, "u");
		break;
	case STD_ENTE:
		replace(w, n, "ente");
		break;
	default:
		w->len -= n;
		break;
	}
	switch (best->action) {
	case STD_DELETE_IC:
		if (ends(w, "ic"))
			cut_in(w, 2, w->p2);
		break;
	case STD_MENTE:
		cut_one_of(w, mente_after);
		break;
	case STD_IDAD:
		cut_one_of(w, idad_after);
		break;
	case STD_IVA:
		if (ends(w, "at"))
			cut_in(w, 2, w->p2);
		break;
	default:
		break;
	}
	return true;
}

static void plural(struct word *w)
{
	const char *s = w->s;
	size_t n = w->len;
	const struct std_suffix *std;

	if (n <= 3 || s[n - 1] != 's')
		return;
	/*
	 * -aciones, -antes, -ables ... in R2: standard_suffix() takes them
	 * whole, and cutting "es" first would hide "-ante" and "-able".
	 */
	std = longest_std_suffix(w);
	if (std && std->suffix[strlen(std->suffix) - 1] == 's' &&
	    n - strlen(std->suffix) >= w->p2)
		return;
	if (s[n - 2] == 'e' && !is_vowel(s[n - 3]) && n > 4)
		w->len -= 2;
	else if (s[n - 2] == 'a' || s[n - 2] == 'e' || s[n - 2] == 'o')
		w->len -= 1;
	else
		return;
	mark_regions(w);
}

static const char *const y_suffixes[] = {
	"ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes",
	"yais", "yamos",
};

/* -ya, -yendo ... after u: "construyendo" -> "constru". */
static bool y_verb_suffix(struct word *w)
{
	int k = AMONG(w, w->len, w->pv, y_suffixes);
	size_t start;

	if (k < 0)
		return false;
	start = w->len - strlen(y_suffixes[k]);
	if (start == 0 || w->s[start - 1] != 'u')
		return false;
	w->len = start;
	return true;
}

/* The first four drop a "u" after "g" too: "averigüen" -> "averig". */
static const char *const verb_suffixes[] = {
	"en", "es", "eis", "emos",

	"arian", "arias", "aran", "aras", "ariais", "aria", "areis",
	"ariamos", "aremos", "ara", "are",
	"erian", "erias", "eran", "eras", "eriais", "eria", "ereis",
	"eriamos", "eremos", "era", "ere",
	"irian", "irias", "iran", "iras", "iriais", "iria", "ireis",
	"iriamos", "iremos", "ira", "ire",
	"aba", "ada", "ida", "ia", "iera", "ad", "ed", "id", "ase", "iese",
	"aste", "iste", "an", "aban", "ian", "ieran", "asen", "iesen",
	"aron", "ieron", "ado", "ido", "ando", "iendo", "io", "ar", "er",
	"ir", "as", "abas", "adas", "idas", "ias", "ieras", "ases", "ieses",
	"is", "ais", "abais", "iais", "arais", "ierais", "aseis", "ieseis",
	"asteis", "isteis", "ados", "idos", "amos", "abamos", "iamos", "imos",
	"aramos", "ieramos", "iesemos", "asemos",
};

#define VERB_GU_SUFFIXES 4

static bool verb_suffix(struct word *w)
{
	int k = AMONG(w, w->len, w->pv, verb_suffixes);
	size_t start;

	if (k < 0)
		return false;
	start = w->len - strlen(verb_suffixes[k]);
	if (k < VERB_GU_SUFFIXES && start >= 2 && w->s[start - 1] == 'u' &&
	    w->s[start - 2] == 'g')
		start--;
	w->len = start;
	return true;
}

static const char *const residual_suffixes[] = { "os", "a", "o", "i", "e" };

static void residual_suffix(struct word *w)
{
	int k = AMONG(w, w->len, 0, residual_suffixes);

	if (k < 0 || !cut_in(w, strlen(residual_suffixes[k]), w->pv))
		return;
	/* -gue: "averigue" -> "averig", the u only there to keep g hard */
	if (w->s[w->len] == 'e' && ends(w, "gu") && w->len - 1 >= w->pv)
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
