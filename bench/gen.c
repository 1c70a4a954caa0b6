/*
 * gen.c - a deterministic generator of meeting minutes in the real format
 * (the files in corpus/), for benchmarks.
 *
 *   build/bench/gen [-s SEED] [-f txt|docx] -n COUNT DIR
 *
 * Writes COUNT minutes under DIR in folders of 1000
 * (DIR/000/minuta-2020-09-24-000017.txt). The same seed and count give
 * the same bytes on every machine: one PRNG (splitmix64) drives every
 * choice, and no locale, clock or hash order is consulted.
 *
 * -f docx writes each minute as a Word file (.docx, through libzip)
 * instead, with the same text: one w:p a line, the agreements as a Word
 * numbered list (upperRoman "I.", or lowerLetter "a)" where the text has
 * letters) and the attendees as a bulleted one, in numbering.xml, not
 * typed; a tab is a w:tab. The PRNG sees the same calls, so the .txt and
 * the .docx of one seed hold the same minutes. The zip entries carry a
 * fixed date; the bytes depend on zlib's deflate only.
 *
 * What it models, after the real minutes: a fixed cast of people whose
 * posts and institutions change over the years; institutions by acronym
 * and sometimes by full name; 2-5 topics; 3-8 agreements that name people
 * and posts ("La Directora General del Infoem"), deadlines and
 * institutions; Spanish accents and ñ; and, in about 3 % of the minutes,
 * the quirks hand-typed minutes have (CRLF, "20202", "1ª de octubre",
 * lowercase "Acuerdos:", letter-numbered agreements, dashes as bullets,
 * a missing follow-up meeting, NBSP, soft hyphens). About 2.5 KB a minute.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#define NPEOPLE 240
#define NYEARS 10
#define FIRST_YEAR 2015

/* ---- randomness ------------------------------------------------------------ */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* True with probability @pct / 1000. */
static int chance(unsigned per_mille)
{
	return below(1000) < per_mille;
}

/* Skewed towards the start of an array of @n (word frequencies). */
static unsigned skewed(unsigned n)
{
	unsigned a = below(n), b = below(n);

	return a < b ? a : b;
}

#define PICK(arr) (arr[below(sizeof(arr) / sizeof(arr[0]))])
#define NELEM(arr) (sizeof(arr) / sizeof(arr[0]))

/* ---- the world ---------------------------------------------------------------- */

static const char *const first_f[] = {
	"Lilibeth", "Adriana Yadira", "Leslie Adriana", "Hitzi", "Mariana",
	"María Guadalupe", "Sofía", "Rosa Elena", "Laura", "Ximena", "Begoña",
	"Itzel", "Verónica", "Mónica", "Araceli", "Nayeli", "Iñes", "Dulce María",
	"Paulina", "Citlalli", "Guadalupe", "Andrea", "Beatriz", "Zulema",
};
static const char *const first_m[] = {
	"Rafael", "Daniel Rosemberg", "Alfredo", "Emmanuel", "Arturo Tonatiuh",
	"Josué", "Enrique", "Jorge", "Pedro", "Luis Gustavo", "José Ángel",
	"Cuauhtémoc", "Raúl", "Édgar", "Iñaki", "Martín", "Joaquín", "Efraín",
	"Héctor", "Julián", "Ramón", "Tomás", "Sebastián", "Óscar",
};
static const char *const surnames[] = {
	"Álvarez", "Rodríguez", "Burgos", "Cohl", "Hernández", "García",
	"Cárdenas", "Tagle", "Romero", "Malagón", "Martínez", "Noriega",
	"Funes", "Díaz", "Cervantes", "Pérez", "Serrano", "Arenas", "Flores",
	"Herrera", "Carreño", "Ortega", "Ruiz", "Medina", "Soto", "Gómez",
	"Ramírez", "Luna", "Torres", "Vega", "Cruz", "Ávila", "Peña", "Muñoz",
	"Núñez", "Ibáñez", "Jiménez", "Domínguez", "Velázquez", "Sánchez",
	"López", "Castañeda", "Zúñiga", "Orduña", "Montaño", "Báez",
};

struct inst {
	const char *acr;
	const char *full;
};

static const struct inst insts[] = {
	{ "IEEM", "Instituto Electoral del Estado de México" },
	{ "Infoem", "Instituto de Transparencia, Acceso a la Información Pública y Protección de Datos Personales del Estado de México y Municipios" },
	{ "CPC", "Comité de Participación Ciudadana del Sistema Anticorrupción del Estado de México y Municipios" },
	{ "SESAEMM", "Secretaría Ejecutiva del Sistema Anticorrupción del Estado de México y Municipios" },
	{ "OSFEM", "Órgano Superior de Fiscalización del Estado de México" },
	{ "SECOGEM", "Secretaría de la Contraloría del Gobierno del Estado de México" },
	{ "PJEM", "Poder Judicial del Estado de México" },
	{ "TEEM", "Tribunal Electoral del Estado de México" },
	{ "CODHEM", "Comisión de Derechos Humanos del Estado de México" },
	{ "Legislatura", "Poder Legislativo del Estado de México" },
};

/* Posts, with the feminine and masculine forms. */
struct post {
	const char *f, *m;
	const char *area;	/* completes the post; may be "" */
};

static const struct post posts[] = {
	{ "Jefa", "Jefe", "de la Unidad de Transparencia" },
	{ "Subjefa", "Subjefe", "de Transparencia" },
	{ "Jefa", "Jefe", "del Departamento de Obligaciones de Transparencia" },
	{ "Directora General", "Director General", "de Transparencia, Acceso a la Información Pública y Gobierno Abierto" },
	{ "Jefa", "Jefe", "de Departamento de Gobierno Abierto y Transparencia Proactiva" },
	{ "Servidora Pública", "Servidor Público", "adscrita al Departamento de Gobierno Abierto y Transparencia Proactiva" },
	{ "Subcoordinadora", "Subcoordinador", "de ponencia" },
	{ "Consejera Electoral", "Consejero Electoral", "" },
	{ "Comisionada", "Comisionado", "" },
	{ "Integrante", "Integrante", "del Comité de Participación Ciudadana" },
	{ "Analista", "Analista", "de Datos Abiertos" },
	{ "Secretaria Técnica", "Secretario Técnico", "" },
	{ "Coordinadora", "Coordinador", "de Vinculación con la Sociedad Civil" },
	{ "Titular", "Titular", "del Órgano Interno de Control" },
};

struct person {
	char name[96];
	int female;
	/* Post and institution for each year: people move. */
	unsigned char post[NYEARS], inst[NYEARS];
};

static struct person people[NPEOPLE];

static const char *const civil[] = {
	"Tendiendo Puentes A.C.", "Observatorio Ciudadano A.C.",
	"Colectivo Ciudadanía Activa", "Red por la Rendición de Cuentas",
	"Fundación Datos Abiertos S.C.",
};

static void make_people(void)
{
	unsigned i, y;

	for (i = 0; i < NPEOPLE; i++) {
		struct person *p = &people[i];
		unsigned post = below(NELEM(posts)), inst = below(NELEM(insts));

		p->female = (int)below(2);
		snprintf(p->name, sizeof(p->name), "%s %s %s",
			 p->female ? PICK(first_f) : PICK(first_m),
			 PICK(surnames), PICK(surnames));
		for (y = 0; y < NYEARS; y++) {
			/* About one change of post every four years. */
			if (y && chance(250))
				post = below(NELEM(posts));
			if (y && chance(120))
				inst = below(NELEM(insts));
			p->post[y] = (unsigned char)post;
			p->inst[y] = (unsigned char)inst;
		}
	}
}

/* ---- words for free text ------------------------------------------------------- */

static const char *const subjects[] = {
	"El grupo operativo", "La Sociedad Civil", "El Órgano Garante",
	"Las instituciones integrantes", "El Secretariado Técnico Local",
	"La mesa de participación", "El equipo de trabajo",
	"Los representantes de las organizaciones", "La unidad de transparencia",
	"El Comité de Transparencia", "Los enlaces institucionales",
};
static const char *const verbs[] = {
	"revisará", "presentará", "enviará", "difundirá", "elaborará",
	"validará", "integrará", "compartirá", "analizará", "publicará",
	"coordinará", "dará seguimiento a", "propondrá", "actualizará",
	"socializará", "retroalimentará", "convocará a", "documentará",
};
static const char *const objects[] = {
	"la hoja de ruta", "el plan de acción", "el árbol de problemas",
	"el diagnóstico socio-económico", "la campaña de difusión",
	"el estudio de calidad de la ciudadanía", "las minutas anteriores",
	"el calendario de mesas", "la metodología de cocreación",
	"el informe de avances", "los compromisos de gobierno abierto",
	"la convocatoria pública", "el padrón de organizaciones",
	"la estrategia de datos abiertos", "el tablero de seguimiento",
	"la guía de transparencia proactiva", "el micrositio del STL",
	"las observaciones de la ciudadanía", "el programa de capacitación",
	"la agenda de la mesa de participación", "el reporte de indicadores",
	"la propuesta de redacción del compromiso", "el acuerdo de colaboración",
	"la evaluación del año anterior", "el cronograma de actividades",
};
static const char *const complements[] = {
	"con los integrantes del grupo operativo",
	"para su aprobación en la siguiente reunión",
	"en coordinación con la Sociedad Civil",
	"a través de medios electrónicos",
	"con énfasis en los municipios de la región",
	"considerando las observaciones recibidas",
	"para las acotaciones pertinentes",
	"conforme a los lineamientos vigentes",
	"en el marco del plan de acción local",
	"con el acompañamiento del Órgano Garante",
	"tomando en cuenta la perspectiva de género",
	"de manera virtual",
	"para la rendición de cuentas",
	"en beneficio de la ciudadanía",
	"a fin de fortalecer la participación ciudadana",
};
static const char *const topics[] = {
	"Árbol de problemas y creación de hoja de ruta",
	"Participación del CPC", "Mesa de participación",
	"Presentación y en su caso, aprobación de las minutas",
	"Compromiso proactivo por parte del Infoem",
	"Compromiso del eje “eje democrático”",
	"Revisión del plan de acción", "Diagnóstico socio-económico",
	"Calendario de mesas de trabajo", "Estrategia de difusión",
	"Cultura de Gobierno Abierto", "Datos abiertos y transparencia",
	"Seguimiento de compromisos", "Informe anual del STL",
	"Metodología de cocreación", "Capacitación a servidores públicos",
	"Asuntos generales", "Evaluación de resultados",
	"Consulta ciudadana sobre presupuesto participativo",
	"Vinculación con universidades",
};
static const char *const filler[] = {
	"transparencia", "rendición", "cuentas", "participación", "ciudadana",
	"información", "pública", "acceso", "protección", "datos",
	"personales", "gobierno", "abierto", "proactiva", "compromiso",
	"seguimiento", "municipios", "organizaciones", "sociedad", "civil",
	"presupuesto", "indicadores", "evaluación", "capacitación", "año",
	"campaña", "difusión", "convocatoria", "lineamientos", "plataforma",
	"digital", "accesibilidad", "lenguaje", "ciudadano", "inclusión",
	"pueblos", "originarios", "juventudes", "mujeres", "igualdad",
	"anticorrupción", "fiscalización", "auditoría", "contrataciones",
	"obra", "salud", "educación", "seguridad", "movilidad", "agua",
	"medio", "ambiente", "residuos", "protección", "civil", "cultura",
	"deporte", "turismo", "desarrollo", "económico", "social", "rural",
	"urbano", "vivienda", "empleo", "innovación", "tecnología", "señalética",
};

static const char *const months[] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre",
};
static const char *const weekdays[] = {
	"Lunes", "Martes", "Miércoles", "Jueves", "Viernes",
};
static const char *const cities[] = {
	"Metepec", "Toluca de Lerdo", "Zinacantepec", "Naucalpan de Juárez",
	"Texcoco", "Ecatepec de Morelos", "Tlalnepantla de Baz",
};
static const char *const media[] = {
	"Video llamada por medios electrónicos (Zoom)",
	"Video llamada por medios electrónicos (Videoconferencia Telmex)",
	"Sala de juntas del Infoem", "Sala de consejo del IEEM",
	"Video llamada por medios electrónicos (Google Meet)",
	"Auditorio de la SESAEMM",
};
static const char *const events[] = {
	"Grupo Operativo del Secretariado Técnico Local.",
	"Grupo Operativo del STL", "Sesión del Secretariado Técnico Local",
	"Mesa de trabajo del STL de Gobierno Abierto",
};

/* ---- one minute ------------------------------------------------------------------- */

struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			perror("gen");
			exit(1);
		}
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static void putf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(struct buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	put(b, tmp);
}

enum quirk {
	Q_CRLF = 1u << 0, Q_YEAR_TYPO = 1u << 1, Q_ORDINAL_DAY = 1u << 2,
	Q_LOWER_HEADINGS = 1u << 3, Q_LETTERS = 1u << 4, Q_DASHES = 1u << 5,
	Q_NO_NEXT = 1u << 6, Q_NBSP = 1u << 7, Q_SHY = 1u << 8,
	Q_FULL_NAMES = 1u << 9,
};

struct meeting {
	int year, month, day, yi;
	unsigned quirks;
	unsigned who[10];
	unsigned nwho;
};

static void heading(struct buf *b, const struct meeting *m, const char *up,
		    const char *low)
{
	if (m->quirks & Q_LOWER_HEADINGS)
		putf(b, "\n%s:\n", low);
	else
		putf(b, "\n\t%s\n\t", up);
}

static const char *post_name(const struct person *p, int yi, int female)
{
	const struct post *po = &posts[p->post[yi]];

	return female ? po->f : po->m;
}

static void attendee(struct buf *b, const struct meeting *m, unsigned k)
{
	const struct person *p = &people[m->who[k]];
	const struct post *po = &posts[p->post[m->yi]];
	const struct inst *in = &insts[p->inst[m->yi]];
	const char *bullet = m->quirks & Q_DASHES ? "- " : "· ";

	putf(b, "%s%s, %s%s%s", bullet, p->name,
	     p->female ? po->f : po->m, *po->area ? " " : "", po->area);
	/* As in the real minutes: sometimes ", IEEM", sometimes " IEEM",
	 * and now and then the full name. */
	if (m->quirks & Q_FULL_NAMES || chance(60))
		putf(b, ", %s;\n", in->full);
	else
		putf(b, "%s%s;\n", chance(300) ? " " : ", ", in->acr);
}

static void filler_words(struct buf *b, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		putf(b, " %s", filler[skewed(NELEM(filler))]);
}

static void deadline(struct buf *b, const struct meeting *m)
{
	int mo = m->month + (int)below(2), d = 1 + (int)below(28);
	int y = m->year;

	if (mo > 12) {
		mo -= 12;
		y++;
	}
	switch (below(3)) {
	case 0:
		putf(b, " a más tardar el %d de %s de %d", d, months[mo - 1], y);
		break;
	case 1:
		putf(b, " antes del %d de %s", d, months[mo - 1]);
		break;
	default:
		putf(b, " a más tardar el %d/%02d/%d", d, mo, y);
		break;
	}
}

static void agreement(struct buf *b, const struct meeting *m)
{
	const struct person *p = &people[m->who[below(m->nwho)]];
	const struct inst *in = &insts[p->inst[m->yi]];
	const char *subj;

	switch (below(5)) {
	case 0:	/* a person by name */
		putf(b, "%s, del %s, %s %s %s", p->name, in->acr, PICK(verbs),
		     PICK(objects), PICK(complements));
		break;
	case 1:	/* a person by post */
		putf(b, "%s %s del %s %s %s", p->female ? "La" : "El",
		     post_name(p, m->yi, p->female), in->acr, PICK(verbs),
		     PICK(objects));
		break;
	case 2:	/* an institution by full name */
		putf(b, "El %s %s %s %s", in->full, PICK(verbs),
		     PICK(objects), PICK(complements));
		break;
	case 3:	/* the group */
		subj = PICK(subjects);
		putf(b, "Se acordó que %c%s %s %s %s", subj[0] + 'a' - 'A',
		     subj + 1, PICK(verbs), PICK(objects), PICK(complements));
		break;
	default:
		putf(b, "%s %s %s, con los temas de", PICK(subjects),
		     PICK(verbs), PICK(objects));
		filler_words(b, 4 + below(10));
		break;
	}
	if (chance(450))
		deadline(b, m);
	if (chance(500)) {
		put(b, "; asimismo se comentó la importancia de");
		filler_words(b, 6 + below(14));
	}
	if (chance(250))
		putf(b, ", mediante el oficio %s/UT/%04u/%d", in->acr,
		     below(4000), m->year);
	put(b, ".");
}

static const char *const romans[] = {
	"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
};

static void date_line(struct buf *b, const struct meeting *m)
{
	int y = m->quirks & Q_YEAR_TYPO ? m->year * 10 + m->year % 10 : m->year;

	putf(b, "%d de %s de %d", m->day, months[m->month - 1], y);
}

static void choose_meeting(struct meeting *m, unsigned idx, unsigned count)
{
	unsigned i, k, n;

	/* Dates spread evenly over the years, in order of the index. */
	m->yi = (int)((uint64_t)idx * NYEARS / (count ? count : 1));
	m->year = FIRST_YEAR + m->yi;
	m->month = 1 + (int)below(12);
	m->day = 1 + (int)below(28);
	m->quirks = 0;
	if (chance(30)) {
		m->quirks = 1u << below(10);
		if (chance(300))
			m->quirks |= 1u << below(10);
	}
	n = 4 + below(6);
	m->nwho = 0;
	for (i = 0; i < n; i++) {
		unsigned who = skewed(NPEOPLE);

		for (k = 0; k < m->nwho && m->who[k] != who; k++)
			;
		if (k == m->nwho)
			m->who[m->nwho++] = who;
	}
}

static void write_head(struct buf *b, const struct meeting *m)
{
	putf(b, " %s a ", PICK(cities));
	if (m->quirks & Q_ORDINAL_DAY)
		putf(b, "%dª de %s de %d.\n", m->day, months[m->month - 1],
		     m->year);
	else
		putf(b, "%d de %s de %d.\n", m->day, months[m->month - 1],
		     m->year);
	put(b, "\tMinuta Reunión de Trabajo \n");
	heading(b, m, "EVENTO", "Evento");
	putf(b, "%s\n", PICK(events));
	heading(b, m, "FECHA", "Fecha");
	date_line(b, m);
	put(b, " a las 17:00 horas.\n");
	heading(b, m, "LUGAR", "Lugar");
	putf(b, "%s\n", PICK(media));
}

static void write_body(struct buf *b, const struct meeting *m)
{
	unsigned i, n;

	heading(b, m, "ASISTENTES", "Asistentes");
	for (i = 0; i < m->nwho; i++)
		attendee(b, m, i);
	if (chance(200))
		putf(b, "%s, Representante de %s;\n",
		     m->quirks & Q_DASHES ? "- Invitado" : "· Invitado",
		     PICK(civil));
	heading(b, m, "TEMAS QUE ABORDARON", "Temas");
	n = 2 + below(4);
	for (i = 0; i < n; i++)
		putf(b, "%s%u. %s%s\n", i ? "" : "", i + 1, PICK(topics),
		     i + 1 < n ? ";" : "");
	put(b, "\n");
	heading(b, m, "ACUERDOS", "Acuerdos");
	n = 3 + below(7);
	for (i = 0; i < n; i++) {
		if (m->quirks & Q_LETTERS)
			putf(b, "%c) ", 'a' + i);
		else
			putf(b, "%s. ", romans[i]);
		agreement(b, m);
		put(b, "\n");
	}
	if (m->quirks & Q_NO_NEXT)
		return;
	heading(b, m, "REUNIÓN DE SEGUIMIENTO", "Reunion de seguimiento");
	putf(b, "%s %d de %s a las 17:00 horas.\n", PICK(weekdays),
	     1 + (int)below(28), months[m->month % 12]);
}

/* The quirks that change bytes after the text is written. */
static void finish_quirks(struct buf *b, const struct meeting *m,
			  struct buf *out)
{
	size_t i;

	out->len = 0;
	put(out, "");
	for (i = 0; i < b->len; i++) {
		char c[2] = { b->s[i], 0 };

		if (c[0] == '\n' && m->quirks & Q_CRLF)
			put(out, "\r\n");
		else if (c[0] == ' ' && m->quirks & Q_NBSP && i % 97 == 0)
			put(out, "\xc2\xa0");
		else if (c[0] == 'n' && m->quirks & Q_SHY && i % 89 == 0)
			put(out, "n\xc2\xad");
		else
			put(out, c);
	}
}

static int write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(b->s, 1, b->len, f) != b->len || fclose(f)) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- .docx ------------------------------------------------------------------------ */

static const char DOCX_TYPES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
	"</Types>";

static const char DOCX_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"</Relationships>";

static const char DOCX_DOC_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>"
	"</Relationships>";

/* w:num 1: agreements "I.", 2: agreements "a)", 3: bullets. */
#define DOCX_LVL(fmt, text, ind) \
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" fmt "\"/>" \
	"<w:lvlText w:val=\"" text "\"/><w:lvlJc w:val=\"left\"/>" \
	"<w:pPr><w:ind w:left=\"" ind "\" w:hanging=\"360\"/></w:pPr></w:lvl>"

static const char DOCX_NUMBERING[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
	DOCX_LVL("upperRoman", "%1.", "720") "</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
	DOCX_LVL("lowerLetter", "%1)", "720") "</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"2\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
	DOCX_LVL("bullet", "\xc2\xb7", "360") "</w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
	"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
	"</w:numbering>";

static void put_n(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			perror("gen");
			exit(1);
		}
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* The list a line is an item of, and how many bytes its typed marker
 * takes ("II. ", "b) ", "· ", "- "); 0 when it is none. */
static int list_item(const char *s, size_t n, size_t *skip)
{
	size_t i, k;

	for (i = 0; i < NELEM(romans); i++) {
		k = strlen(romans[i]);
		if (n > k + 2 && !memcmp(s, romans[i], k) && s[k] == '.' &&
		    s[k + 1] == ' ') {
			*skip = k + 2;
			return 1;
		}
	}
	if (n > 3 && s[0] >= 'a' && s[0] <= 'j' && s[1] == ')' && s[2] == ' ') {
		*skip = 3;
		return 2;
	}
	if ((n > 3 && !memcmp(s, "\xc2\xb7 ", 3)) ||
	    (n > 2 && !memcmp(s, "- ", 2))) {
		*skip = s[0] == '-' ? 2 : 3;
		return 3;
	}
	return 0;
}

/* Text of one line as a run: a tab is a w:tab, &<> are escaped. */
static void put_runs(struct buf *x, const char *s, size_t n)
{
	size_t i;
	int in_t = 0;

	put(x, "<w:r>");
	for (i = 0; i < n; i++) {
		if (s[i] == '\t') {
			put(x, in_t ? "</w:t><w:tab/>" : "<w:tab/>");
			in_t = 0;
			continue;
		}
		if (!in_t)
			put(x, "<w:t xml:space=\"preserve\">");
		in_t = 1;
		switch (s[i]) {
		case '&': put(x, "&amp;"); break;
		case '<': put(x, "&lt;"); break;
		case '>': put(x, "&gt;"); break;
		default: put_n(x, s + i, 1); break;
		}
	}
	put(x, in_t ? "</w:t></w:r>" : "</w:r>");
}

/* word/document.xml for the text @t: one w:p a line (CR dropped). */
static void docx_document(const struct buf *t, struct buf *x)
{
	const char *s = t->s, *end = t->s + t->len, *nl;
	size_t n, skip, tab;
	int list;

	x->len = 0;
	put(x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	       "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	       "wordprocessingml/2006/main\"><w:body>");
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (size_t)((nl ? nl : end) - s);
		if (n && s[n - 1] == '\r')
			n--;
		/* A heading leaves a tab before the next line: a list item
		 * has none. */
		tab = n && s[0] == '\t';
		list = list_item(s + tab, n - tab, &skip);
		if (list) {
			skip += tab;
			putf(x, "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/>"
				"<w:numId w:val=\"%d\"/></w:numPr></w:pPr>", list);
			put_runs(x, s + skip, n - skip);
			put(x, "</w:p>");
		} else if (n) {
			put(x, "<w:p>");
			put_runs(x, s, n);
			put(x, "</w:p>");
		} else {
			put(x, "<w:p/>");
		}
		if (!nl)
			break;
		s = nl + 1;
	}
	put(x, "<w:sectPr/></w:body></w:document>");
}

/* 2020-01-01 00:00 in MS-DOS form: no clock, no time zone. */
#define DOCX_DOSDATE ((2020 - 1980) << 9 | 1 << 5 | 1)
#define DOCX_DOSTIME 0

static int docx_part(zip_t *za, const char *name, const char *data, size_t len)
{
	zip_source_t *src = zip_source_buffer(za, data, len, 0);
	zip_int64_t idx;

	if (!src)
		return -1;
	idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_file_set_dostime(za, (zip_uint64_t)idx, DOCX_DOSTIME,
				 DOCX_DOSDATE, 0) ||
	    zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6))
		return -1;
	return 0;
}

static int write_docx(const char *path, const struct buf *t, struct buf *x)
{
	int err = 0;
	zip_t *za;

	docx_document(t, x);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!za) {
		fprintf(stderr, "gen: %s: cannot create (libzip error %d)\n",
			path, err);
		return -1;
	}
	if (docx_part(za, "[Content_Types].xml", DOCX_TYPES, sizeof(DOCX_TYPES) - 1) ||
	    docx_part(za, "_rels/.rels", DOCX_RELS, sizeof(DOCX_RELS) - 1) ||
	    docx_part(za, "word/_rels/document.xml.rels", DOCX_DOC_RELS,
		    sizeof(DOCX_DOC_RELS) - 1) ||
	    docx_part(za, "word/document.xml", x->s, x->len) ||
	    docx_part(za, "word/numbering.xml", DOCX_NUMBERING,
		    sizeof(DOCX_NUMBERING) - 1) ||
	    zip_close(za)) {
		fprintf(stderr, "gen: %s: %s\n", path, zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	return 0;
}

static int generate(const char *dir, unsigned count, int docx)
{
	struct buf b = { 0 }, q = { 0 }, x = { 0 };
	char path[4096];
	unsigned i;

	for (i = 0; i < count; i++) {
		struct meeting m;

		choose_meeting(&m, i, count);
		b.len = 0;
		put(&b, "");
		write_head(&b, &m);
		write_body(&b, &m);
		if (i % 1000 == 0) {
			snprintf(path, sizeof(path), "%s/%03u", dir, i / 1000);
			if (mkdir(path, 0777) && errno != EEXIST) {
				fprintf(stderr, "gen: %s: %s\n", path,
					strerror(errno));
				return -1;
			}
		}
		snprintf(path, sizeof(path),
			 "%s/%03u/minuta-%04d-%02d-%02d-%06u.%s", dir,
			 i / 1000, m.year, m.month, m.day, i,
			 docx ? "docx" : "txt");
		if (m.quirks & (Q_CRLF | Q_NBSP | Q_SHY)) {
			finish_quirks(&b, &m, &q);
			if (docx ? write_docx(path, &q, &x) : write_file(path, &q))
				return -1;
		} else if (docx ? write_docx(path, &b, &x) : write_file(path, &b)) {
			return -1;
		}
	}
	free(b.s);
	free(q.s);
	free(x.s);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long count = 0;
	uint64_t seed = 1;
	int opt, docx = 0;

	while ((opt = getopt(argc, argv, "s:n:f:h")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 'n':
			count = strtoul(optarg, NULL, 10);
			break;
		case 'f':
			if (strcmp(optarg, "txt") && strcmp(optarg, "docx")) {
				fprintf(stderr, "gen: -f txt or -f docx\n");
				return 2;
			}
			docx = !strcmp(optarg, "docx");
			break;
		default:
			fprintf(stderr, "usage: gen [-s SEED] [-f txt|docx] -n COUNT DIR\n");
			return opt == 'h' ? 0 : 2;
		}
	}
	if (optind + 1 != argc || !count || count > 10000000) {
		fprintf(stderr, "usage: gen [-s SEED] [-f txt|docx] -n COUNT DIR\n");
		return 2;
	}
	if (mkdir(argv[optind], 0777) && errno != EEXIST) {
		fprintf(stderr, "gen: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	rng_state = seed;
	make_people();
	return generate(argv[optind], (unsigned)count, docx) ? 1 : 0;
}
