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

#include <stdint.h>

#define STOPWORDS(X) \
	X("a") X("al") X("algo") X("algunas") X("algunos") X("ante") \
	X("antes") X("como") X("con") X("contra") X("cual") X("cuando") \
	X("de") X("del") X("desde") X("donde") X("durante") X("e") X("el") \
	X("ella") X("ellas") X("ellos") X("en") X("entre") X("era") \
	X("erais") X("eramos") X("eran") X("eras") X("eres") X("es") X("esa") \
	X("esas") X("ese") X("eso") X("esos") X("esta") X("estaba") \
	X("estabais") X("estabamos") X("estaban") X("estabas") X("estad") \
	X("estais") X("estamos") X("estan") X("estando") X("estar") \
	X("estara") X("estaran") X("estaras") X("estare") X("estareis") \
	X("estaremos") X("estaria") X("estariais") X("estariamos") \
	X("estarian") X("estarias") X("estas") X("este") X("esteis") \
	X("estemos") X("esten") X("estes") X("esto") X("estos") X("estoy") \
	X("estuve") X("estuviera") X("estuvierais") X("estuvieramos") \
	X("estuvieran") X("estuvieras") X("estuvieron") X("estuviese") \
	X("estuvieseis") X("estuviesemos") X("estuviesen") X("estuvieses") \
	X("estuvimos") X("estuviste") X("estuvisteis") X("estuvo") X("fue") \
	X("fuera") X("fuerais") X("fueramos") X("fueran") X("fueras") \
	X("fueron") X("fuese") X("fueseis") X("fuesemos") X("fuesen") \
	X("fueses") X("fui") X("fuimos") X("fuiste") X("fuisteis") X("ha") \
	X("habeis") X("habia") X("habiais") X("habiamos") X("habian") \
	X("habias") X("habida") X("habidas") X("habido") X("habidos") \
	X("habiendo") X("habra") X("habran") X("habras") X("habre") \
	X("habreis") X("habremos") X("habria") X("habriais") X("habriamos") \
	X("habrian") X("habrias") X("han") X("has") X("hasta") X("hay") \
	X("haya") X("hayais") X("hayamos") X("hayan") X("hayas") X("he") \
	X("hemos") X("hube") X("hubiera") X("hubierais") X("hubieramos") \
	X("hubieran") X("hubieras") X("hubieron") X("hubiese") X("hubieseis") \
	X("hubiesemos") X("hubiesen") X("hubieses") X("hubimos") X("hubiste") \
	X("hubisteis") X("hubo") X("la") X("las") X("le") X("les") X("lo") \
	X("los") X("mas") X("me") X("mi") X("mia") X("mias") X("mio") \
	X("mios") X("mis") X("mucho") X("muchos") X("muy") X("nada") X("ni") \
	X("no") X("nos") X("nosotras") X("nosotros") X("nuestra") \
	X("nuestras") X("nuestro") X("nuestros") X("o") X("os") X("otra") \
	X("otras") X("otro") X("otros") X("para") X("pero") X("poco") \
	X("por") X("porque") X("que") X("quien") X("quienes") X("se") \
	X("sea") X("seais") X("seamos") X("sean") X("seas") X("sera") \
	X("seran") X("seras") X("sere") X("sereis") X("seremos") X("seria") \
	X("seriais") X("seriamos") X("serian") X("serias") X("si") X("sido") \
	X("siendo") X("sin") X("sobre") X("sois") X("somos") X("son") \
	X("soy") X("su") X("sus") X("suya") X("suyas") X("suyo") X("suyos") \
	X("tambien") X("tanto") X("te") X("tendra") X("tendran") X("tendras") \
	X("tendre") X("tendreis") X("tendremos") X("tendria") X("tendriais") \
	X("tendriamos") X("tendrian") X("tendrias") X("tened") X("teneis") \
	X("tenemos") X("tenga") X("tengais") X("tengamos") X("tengan") \
	X("tengas") X("tengo") X("tenia") X("teniais") X("teniamos") \
	X("tenian") X("tenias") X("tenida") X("tenidas") X("tenido") \
	X("tenidos") X("teniendo") X("ti") X("tiene") X("tienen") X("tienes") \
	X("todo") X("todos") X("tu") X("tus") X("tuve") X("tuviera") \
	X("tuvierais") X("tuvieramos") X("tuvieran") X("tuvieras") \
	X("tuvieron") X("tuviese") X("tuvieseis") X("tuviesemos") \
	X("tuviesen") X("tuvieses") X("tuvimos") X("tuviste") X("tuvisteis") \
	X("tuvo") X("tuya") X("tuyas") X("tuyo") X("tuyos") X("u") X("un") \
	X("una") X("uno") X("unos") X("vosotras") X("vosotros") X("vuestra") \
	X("vuestras") X("vuestro") X("vuestros") X("y") X("ya") X("yo")

/* The list as the API gives it. */
#define AS_POINTER(w) w,
static const char *const stopwords[] = { STOPWORDS(AS_POINTER) };

#define NSTOPWORDS (sizeof(stopwords) / sizeof(stopwords[0]))

/*
 * The same list as NUL-padded 16-byte rows: the lookup runs for every
 * token the analyzer emits, and comparing two big-endian 64-bit halves
 * keeps strcmp() order at a fraction of the cost of strcmp() calls.
 */
#define ROW 16
#define AS_ROW(w) w,
static const char rows[][ROW] = { STOPWORDS(AS_ROW) };

static inline uint64_t load_be64(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (uint64_t)u[0] << 56 | (uint64_t)u[1] << 48 |
	       (uint64_t)u[2] << 40 | (uint64_t)u[3] << 32 |
	       (uint64_t)u[4] << 24 | (uint64_t)u[5] << 16 |
	       (uint64_t)u[6] << 8 | (uint64_t)u[7];
}

bool stl_is_stopword(const char *term, size_t len)
{
	char key[ROW] = { 0 };
	const char (*base)[ROW] = rows;
	size_t n = NSTOPWORDS, i;
	uint64_t k0, k1;

	if (!len || len >= ROW)
		return false;
	for (i = 0; i < len; i++) {
		if (!term[i])
			return false;
		key[i] = term[i];
	}
	k0 = load_be64(key);
	k1 = load_be64(key + 8);
	/* branch-free lower bound: the loop always runs log2(n) times */
	while (n > 1) {
		size_t half = n / 2;
		uint64_t r0 = load_be64(base[half]);
		uint64_t r1 = load_be64(base[half] + 8);
		bool le = r0 < k0 || (r0 == k0 && r1 <= k1);

		base = le ? base + half : base;
		n -= half;
	}
	return load_be64(*base) == k0 && load_be64(*base + 8) == k1;
}

const char *const *stl_stopwords(size_t *n)
{
	if (n)
		*n = NSTOPWORDS;
	return stopwords;
}
