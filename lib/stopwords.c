/*
 * stopwords.c - the Spanish stop-word list; see include/stl/text.h.
 *
 * Snowball's Spanish list (articles, prepositions, pronouns, and the forms
 * of estar, haber, ser and tener) in folded form, so "más" and "mas", "él"
 * and "el" are one entry. The participles "estado", "estada", "estados"
 * and "estadas" are left out on purpose: in these minutes "Estado" is the
 * Estado de México, a word people search for.
 *
 * Sorted by bytes (strcmp order) for bsearch; the unit tests check that
 * the list is sorted, unique and folded.
 */
#include "stl/text.h"

#include <stdlib.h>
#include <string.h>

static const char *const stopwords[] = {
	"a", "al", "algo", "algunas", "algunos", "ante", "antes", "como",
	"con", "contra", "cual", "cuando", "de", "del", "desde", "donde",
	"durante", "e", "el", "ella", "ellas", "ellos", "en", "entre", "era",
	"erais", "eramos", "eran", "eras", "eres", "es", "esa", "esas", "ese",
	"eso", "esos", "esta", "estaba", "estabais", "estabamos", "estaban",
	"estabas", "estad", "estais", "estamos", "estan", "estando", "estar",
	"estara", "estaran", "estaras", "estare", "estareis", "estaremos",
	"estaria", "estariais", "estariamos", "estarian", "estarias", "estas",
	"este", "esteis", "estemos", "esten", "estes", "esto", "estos",
	"estoy", "estuve", "estuviera", "estuvierais", "estuvieramos",
	"estuvieran", "estuvieras", "estuvieron", "estuviese", "estuvieseis",
	"estuviesemos", "estuviesen", "estuvieses", "estuvimos", "estuviste",
	"estuvisteis", "estuvo", "fue", "fuera", "fuerais", "fueramos",
	"fueran", "fueras", "fueron", "fuese", "fueseis", "fuesemos",
	"fuesen", "fueses", "fui", "fuimos", "fuiste", "fuisteis", "ha",
	"habeis", "habia", "habiais", "habiamos", "habian", "habias",
	"habida", "habidas", "habido", "habidos", "habiendo", "habra",
	"habran", "habras", "habre", "habreis", "habremos", "habria",
	"habriais", "habriamos", "habrian", "habrias", "han", "has", "hasta",
	"hay", "haya", "hayais", "hayamos", "hayan", "hayas", "he", "hemos",
	"hube", "hubiera", "hubierais", "hubieramos", "hubieran", "hubieras",
	"hubieron", "hubiese", "hubieseis", "hubiesemos", "hubiesen",
	"hubieses", "hubimos", "hubiste", "hubisteis", "hubo", "la", "las",
	"le", "les", "lo", "los", "mas", "me", "mi", "mia", "mias", "mio",
	"mios", "mis", "mucho", "muchos", "muy", "nada", "ni", "no", "nos",
	"nosotras", "nosotros", "nuestra", "nuestras", "nuestro", "nuestros",
	"o", "os", "otra", "otras", "otro", "otros", "para", "pero", "poco",
	"por", "porque", "que", "quien", "quienes", "se", "sea", "seais",
	"seamos", "sean", "seas", "sera", "seran", "seras", "sere", "sereis",
	"seremos", "seria", "seriais", "seriamos", "serian", "serias", "si",
	"sido", "siendo", "sin", "sobre", "sois", "somos", "son", "soy", "su",
	"sus", "suya", "suyas", "suyo", "suyos", "tambien", "tanto", "te",
	"tendra", "tendran", "tendras", "tendre", "tendreis", "tendremos",
	"tendria", "tendriais", "tendriamos", "tendrian", "tendrias", "tened",
	"teneis", "tenemos", "tenga", "tengais", "tengamos", "tengan",
	"tengas", "tengo", "tenia", "teniais", "teniamos", "tenian", "tenias",
	"tenida", "tenidas", "tenido", "tenidos", "teniendo", "ti", "tiene",
	"tienen", "tienes", "todo", "todos", "tu", "tus", "tuve", "tuviera",
	"tuvierais", "tuvieramos", "tuvieran", "tuvieras", "tuvieron",
	"tuviese", "tuvieseis", "tuviesemos", "tuviesen", "tuvieses",
	"tuvimos", "tuviste", "tuvisteis", "tuvo", "tuya", "tuyas", "tuyo",
	"tuyos", "u", "un", "una", "uno", "unos", "vosotras", "vosotros",
	"vuestra", "vuestras", "vuestro", "vuestros", "y", "ya", "yo",
};

#define NSTOPWORDS (sizeof(stopwords) / sizeof(stopwords[0]))

/* The longest entry, so long terms are refused without a search. */
#define STOPWORD_MAX 12

struct key {
	const char *s;
	size_t len;
};

static int compare(const void *k, const void *elem)
{
	const struct key *key = k;
	const char *word = *(const char *const *)elem;
	size_t wlen = strlen(word);
	int c = memcmp(key->s, word, key->len < wlen ? key->len : wlen);

	if (c)
		return c;
	return key->len < wlen ? -1 : key->len > wlen;
}

bool stl_is_stopword(const char *term, size_t len)
{
	struct key key = { term, len };

	if (!len || len > STOPWORD_MAX)
		return false;
	return bsearch(&key, stopwords, NSTOPWORDS, sizeof(stopwords[0]),
		       compare) != NULL;
}

const char *const *stl_stopwords(size_t *n)
{
	if (n)
		*n = NSTOPWORDS;
	return stopwords;
}
