/*
 * xapian.cc - the C API of include/stl/xapian.h over Xapian 1.4.
 *
 * The only C++ in stlsearch. Every extern "C" function catches every
 * exception: the one place that knows which Xapian exception means which
 * status is current_exception_status(), called from inside a catch block.
 * Handles keep their last error as a Spanish message for people (see
 * struct errbox); functions that create a handle hand it back malloc'ed.
 *
 * Nothing Xapian owns crosses the boundary: strings and arrays that reach C
 * are malloc'ed copies. The C++ objects live inside the opaque handles.
 */
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "stl/xapian.h"

namespace {

const char OOM_MSG[] = "memoria insuficiente";

/*
 * A handle's last error message. Building the message may itself run out
 * of memory; then get() answers a static message rather than nothing.
 */
struct errbox {
	std::string msg;
	bool oom = false;

	const char *get() const noexcept
	{
		return oom ? OOM_MSG : msg.c_str();
	}
	void set(std::string &&m) noexcept
	{
		msg.swap(m);
		oom = false;
	}
	void set_oom() noexcept
	{
		msg.clear();
		oom = true;
	}
};

/*
 * The errno behind @e, or 0. Xapian 1.4 keeps it private and gives only
 * get_error_string(), strerror()'s English for it (the programs never
 * call setlocale(), so the C locale's): find the number that has that
 * text. -1 when the text is no errno's (a resolver error).
 */
int xapian_errno(const Xapian::Error &e) noexcept
{
	const char *es = e.get_error_string();

	if (!es || !*es)
		return 0;
	for (int n = 1; n < 256; n++) {
		const char *t = strerrordesc_np(n);
		if (t && !strcmp(t, es))
			return n;
	}
	return -1;
}

/*
 * A query parser's complaint in Spanish. Xapian 1.4 says "Syntax:
 * <expression> AND NOT <expression>" for an operator without an operand,
 * and less for the rest.
 */
std::string parser_detail(const Xapian::Error &e)
{
	static const char lead[] = "Syntax: ";
	const std::string &msg = e.get_msg();
	std::string op;

	if (msg.compare(0, sizeof(lead) - 1, lead))
		return "error de sintaxis";
	size_t pos = sizeof(lead) - 1;
	while (pos < msg.size()) {
		size_t end = msg.find(' ', pos);
		if (end == std::string::npos)
			end = msg.size();
		std::string word = msg.substr(pos, end - pos);
		if (word != "<expression>") {
			if (!op.empty())
				op += " ";
			op += word;
		}
		pos = end + 1;
	}
	if (op.empty())
		return "error de sintaxis";
	return "al operador '" + op + "' le falta una expresión a un lado";
}

/* What an error without errno means, by its type (Error isn't polymorphic). */
std::string type_detail(const Xapian::Error &e)
{
	const char *type = e.get_type();

	if (!strcmp(type, "QueryParserError"))
		return parser_detail(e);
	if (!strcmp(type, "FeatureUnavailableError"))
		return "función no disponible en esta versión de Xapian";
	if (!strcmp(type, "WildcardError"))
		return "un comodín abarca demasiados términos";
	if (!strcmp(type, "InvalidArgumentError"))
		return "argumento no válido";
	if (!strcmp(type, "NetworkTimeoutError"))
		return "el servidor no respondió a tiempo";
	if (!strcmp(type, "NetworkError"))
		return "error de red";
	return "";
}

/*
 * Why Xapian failed, in Spanish, for the end of a message: the errno it
 * saw, or for errors without one what their type means (the status's
 * reason says the rest). Xapian's own message is English and never
 * shown.
 */
void xapian_detail(const Xapian::Error &e, std::string *detail) noexcept
{
	try {
		int n = xapian_errno(e);

		detail->clear();
		if (n > 0)
			*detail = stl_errno_text(n);
		else if (n < 0)
			*detail = "error del sistema";
		else
			*detail = type_detail(e);
	} catch (...) {
		detail->clear();
	}
}

/*
 * Map the exception being handled to a status, and put Xapian's message in
 * *detail. Call only from inside a catch block. The clauses go from the
 * most to the least derived class (see <xapian/error.h>): in 1.4.22
 * DatabaseNotFoundError and DatabaseVersionError derive from
 * DatabaseOpeningError, DatabaseLockError directly from DatabaseError (so
 * its place is free, but first is clearest), and every Database*Error
 * from DatabaseError, caught after them all.
 */
stl_status_t current_exception_status(std::string *detail) noexcept
{
	detail->clear();
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		xapian_detail(e, detail);
		return STL_STATUS_DATABASE_LOCKED;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		xapian_detail(e, detail);
		return STL_STATUS_DATABASE_NOT_FOUND;
	} catch (const Xapian::DatabaseVersionError &e) {
		xapian_detail(e, detail);
		return STL_STATUS_DATABASE_VERSION;
	} catch (const Xapian::DatabaseOpeningError &e) {
		xapian_detail(e, detail);
		return STL_STATUS_DATABASE_UNREADABLE;
	} catch (const Xapian::DatabaseCorruptError &e) {
		xapian_detail(e, detail);
		return STL_STATUS_DATABASE_CORRUPT;
	} catch (const Xapian::DatabaseModifiedError &e) {
		xapian_detail(e, detail);
		return STL_STATUS_DATABASE_MODIFIED;
	} catch (const Xapian::QueryParserError &e) {
		xapian_detail(e, detail);
		return STL_STATUS_BAD_QUERY;
	} catch (const Xapian::DocNotFoundError &e) {
		xapian_detail(e, detail);
		return STL_STATUS_NOT_FOUND;
	} catch (const Xapian::DatabaseError &e) {
		/*
		 * Glass reports a failed read(), write() or fsync() (disk
		 * full, I/O error) as a plain DatabaseError or a
		 * DatabaseCreateError carrying errno: that is an IO_ERROR,
		 * which commit and compact promise. Without errno it is
		 * Xapian's own complaint.
		 */
		xapian_detail(e, detail);
		if (e.get_error_string())
			return STL_STATUS_IO_ERROR;
		return STL_STATUS_XAPIAN_ERROR;
	} catch (const Xapian::Error &e) {
		xapian_detail(e, detail);
		return STL_STATUS_XAPIAN_ERROR;
	} catch (const std::bad_alloc &) {
		return STL_STATUS_OUT_OF_MEMORY;
	} catch (const std::exception &e) {
		try {
			*detail = e.what();
		} catch (...) {
			detail->clear();
		}
		return STL_STATUS_INTERNAL_ERROR;
	} catch (...) {
		return STL_STATUS_INTERNAL_ERROR;
	}
}

/* Why a call failed, in words for people, after "<context>: ". */
const char *status_reason(stl_status_t st)
{
	switch (st) {
	case STL_STATUS_OUT_OF_MEMORY:
		return OOM_MSG;
	case STL_STATUS_INVALID_ARGUMENT:
		return "argumento no válido";
	case STL_STATUS_IO_ERROR:
		return "error de lectura o escritura";
	case STL_STATUS_DATABASE_LOCKED:
		return "está bloqueado por otro proceso de escritura";
	case STL_STATUS_DATABASE_NOT_FOUND:
	case STL_STATUS_NOT_FOUND:
		return "no existe";
	case STL_STATUS_DATABASE_UNREADABLE:
		return "no es un índice o no se puede leer";
	case STL_STATUS_DATABASE_CORRUPT:
		return "el índice está dañado";
	case STL_STATUS_DATABASE_MODIFIED:
		return "el índice cambió durante la lectura (vuelva a abrirlo)";
	case STL_STATUS_DATABASE_VERSION:
		return "el índice es de una versión incompatible de Xapian";
	case STL_STATUS_BAD_QUERY:
		return "consulta no válida";
	case STL_STATUS_XAPIAN_ERROR:
		return "error de Xapian";
	default:
		return "error interno";
	}
}

std::string vformat(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));
std::string vformat(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(nullptr, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return std::string(fmt);
	std::string s(static_cast<size_t>(n) + 1, '\0');
	vsnprintf(&s[0], s.size(), fmt, ap);
	s.resize(static_cast<size_t>(n));
	return s;
}

/*
 * "<context>: <reason>[ <hint>]: <detail>". @hint follows the reason when
 * the status is NOT_FOUND (e.g. "(ejecute stlindex primero)").
 */
std::string compose(stl_status_t st, const std::string &context,
		    const std::string &detail, const char *hint)
{
	std::string m = context;
	m += ": ";
	m += status_reason(st);
	if (hint && st == STL_STATUS_DATABASE_NOT_FOUND) {
		m += " ";
		m += hint;
	}
	if (!detail.empty()) {
		m += ": ";
		m += detail;
	}
	return m;
}

/*
 * Record the exception being handled in @err, with the context phrase
 * printf'd from @fmt ("no se puede leer el índice '%s'"). Call only inside
 * a catch block. Returns the status. Never throws.
 */
stl_status_t fail_exc(errbox &err, const char *hint, const char *fmt, ...)
	noexcept __attribute__((format(printf, 3, 4)));
stl_status_t fail_exc(errbox &err, const char *hint, const char *fmt, ...)
	noexcept
{
	std::string detail;
	stl_status_t st = current_exception_status(&detail);
	va_list ap;
	va_start(ap, fmt);
	try {
		err.set(compose(st, vformat(fmt, ap), detail, hint));
	} catch (...) {
		err.set_oom();
	}
	va_end(ap);
	return st;
}

/* Record a failure found by the wrapper itself (no exception). */
stl_status_t fail_st(errbox &err, stl_status_t st, const char *fmt, ...)
	noexcept __attribute__((format(printf, 3, 4)));
stl_status_t fail_st(errbox &err, stl_status_t st, const char *fmt, ...)
	noexcept
{
	va_list ap;
	va_start(ap, fmt);
	try {
		err.set(vformat(fmt, ap));
	} catch (...) {
		err.set_oom();
	}
	va_end(ap);
	return st;
}

/* A malloc'ed copy of a message for an *errmsg out-parameter, or NULL. */
char *dup_msg(const errbox &err) noexcept
{
	return strdup(err.get());
}

/* malloc'ed NUL-terminated copy of @s; throws bad_alloc so the caller's
 * catch maps it like any Xapian allocation failure. */
char *xdup(const std::string &s)
{
	char *p = static_cast<char *>(malloc(s.size() + 1));
	if (!p)
		throw std::bad_alloc();
	memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		throw std::bad_alloc();
	return p;
}

/* A term is 1..STL_XAPIAN_TERM_MAX bytes: glass refuses longer keys. */
bool term_ok(const char *s, size_t len)
{
	return s && len >= 1 && len <= STL_XAPIAN_TERM_MAX;
}

bool cterm_ok(const char *s)
{
	return s && term_ok(s, strnlen(s, STL_XAPIAN_TERM_MAX + 1));
}

} /* namespace */

/* ---- Handles ----------------------------------------------------------- */

struct stl_reader {
	Xapian::Database db;
	std::string path;
	errbox err;
	/* A view owned by a writer (stl_writer_reader()). */
	bool borrowed = false;
	/* Some shard is remote (a stub's "remote HOST:PORT" line): no
	 * match spy or key maker of ours can run on its server. */
	bool remote = false;
};

struct stl_writer {
	Xapian::WritableDatabase db;
	std::string path;
	errbox err;
	bool in_txn = false;
	/* Shares db's internals, so it sees uncommitted changes. */
	stl_reader view;
};

struct stl_doc {
	Xapian::Document doc;
};

struct stl_query {
	Xapian::Query q;
};

namespace {

class CFieldProcessor;

/*
 * The first error a C field processor reported during one parse. The
 * processor does not throw it through Xapian: in 1.4.22 an exception from
 * a FieldProcessor inside the parser's grammar actions (e.g. the first
 * boolean filter of a query, "fecha:x") leaks the half-built ProbQuery.
 * So it records the error here, answers MatchNothing, and
 * stl_qparser_parse() throws the parse away and reports the error.
 */
struct field_error {
	stl_status_t status = STL_STATUS_SUCCESS;
	std::string msg;

	void clear() noexcept
	{
		status = STL_STATUS_SUCCESS;
		msg.clear();
	}
};

} /* namespace */

struct stl_qparser {
	/*
	 * The C field processors, kept alive (not release()d to Xapian's
	 * refcount) for the parser's whole life: declared before qp so they
	 * are destroyed after it. That also keeps a failing add_prefix()
	 * from leaving us unsure who must delete the processor.
	 */
	std::vector<std::unique_ptr<CFieldProcessor>> procs;
	Xapian::QueryParser qp;
	errbox err;
	std::string corrected;
	bool has_corrected = false;
	field_error fperr;
};

namespace {

/* ---- C callbacks wrapped as Xapian objects ----------------------------- */

/* Xapian's stemmer interface over a C stl_stem_fn. */
class CStemmer : public Xapian::StemImplementation {
	stl_stem_fn fn;
	void *ctx;

public:
	CStemmer(stl_stem_fn fn_, void *ctx_) : fn(fn_), ctx(ctx_) {}

	std::string operator()(const std::string &word) override
	{
		/* The C side writes at most len bytes plus a NUL. */
		std::string out(word.size() + 1, '\0');
		size_t n = fn(ctx, word.data(), word.size(), &out[0]);
		out.resize(std::min(n, word.size()));
		return out;
	}

	std::string get_description() const override
	{
		return "stl-es";
	}
};

/*
 * Xapian's field processor interface over a C stl_field_fn. An error from C
 * is recorded in the parser's field_error (not thrown, see there), and
 * stl_qparser_parse() reports it as BAD_QUERY (or the C status) with the C
 * message.
 */
class CFieldProcessor : public Xapian::FieldProcessor {
	stl_field_fn fn;
	void *ctx;
	field_error *err;
	std::string field;

	/* Keep the first error of a parse; never throws. */
	void record(stl_status_t st, const char *msg) noexcept
	{
		if (err->status != STL_STATUS_SUCCESS)
			return;
		err->status = st;
		try {
			if (msg)
				err->msg = msg;
			else
				err->msg = "valor no válido en el campo '" +
					   field + "'";
		} catch (...) {
			err->status = STL_STATUS_OUT_OF_MEMORY;
			err->msg.clear();
		}
	}

public:
	CFieldProcessor(stl_field_fn fn_, void *ctx_, field_error *err_,
			const std::string &field_)
		: fn(fn_), ctx(ctx_), err(err_), field(field_) {}

	/* Nothing here throws: see struct field_error. */
	Xapian::Query operator()(const std::string &str) override
	{
		stl_query_t *out = nullptr;
		char *msg = nullptr;
		stl_status_t st = fn(ctx, str.c_str(), &out, &msg);
		Xapian::Query q = Xapian::Query::MatchNothing;

		if (st == STL_STATUS_SUCCESS && out)
			q = out->q;	/* a refcount, no allocation */
		else if (st != STL_STATUS_SUCCESS)
			record(st, msg);
		stl_query_destroy(out);
		free(msg);
		return q;
	}
};

/*
 * Counts, for each requested slot, each distinct '\n'-separated entry of
 * a document's value, over every document the match considers (the whole
 * match set when check_at_least covers it).
 */
class FacetSpy : public Xapian::MatchSpy {
	const stl_slot_t *slots;
	size_t nslots;
	/* With collapsing: a document whose collapse value was seen is
	 * already counted (the match sees every copy, the hits one). */
	bool dedupe;
	stl_slot_t dedupe_slot;
	std::unordered_set<std::string> keys;

public:
	std::vector<std::unordered_map<std::string, unsigned>> counts;

	FacetSpy(const stl_slot_t *slots_, size_t n, bool dedupe_,
		 stl_slot_t dedupe_slot_)
		: slots(slots_), nslots(n), dedupe(dedupe_),
		  dedupe_slot(dedupe_slot_), counts(n) {}

	void operator()(const Xapian::Document &doc, double) override
	{
		if (dedupe) {
			std::string key = doc.get_value(dedupe_slot);
			if (!key.empty() && !keys.insert(key).second)
				return;
		}
		count(doc);
	}

	/* Count the entries of @doc's values. */
	void count(const Xapian::Document &doc)
	{
		std::unordered_set<std::string> seen;
		for (size_t i = 0; i < nslots; i++) {
			std::string v = doc.get_value(slots[i]);
			seen.clear();
			size_t start = 0;
			while (start <= v.size()) {
				size_t nl = v.find('\n', start);
				if (nl == std::string::npos)
					nl = v.size();
				/* A document counts once per entry. */
				if (nl > start) {
					std::string e = v.substr(start,
								 nl - start);
					if (seen.insert(e).second)
						counts[i][e]++;
				}
				start = nl + 1;
			}
		}
	}
};

/*
 * The prefixes of the OP_WILDCARD leaves of @q. Xapian 1.4 has no accessor
 * for a wildcard's pattern and Enquire::get_matching_terms_begin() skips
 * wildcards, so read it from the leaf's serialisation, a stable format
 * (the remote protocol's): 0x0b, length(max_expansion), max_type byte,
 * combiner byte, length(pattern), pattern. Anything unexpected is skipped.
 */
bool decode_length(const char **p, const char *end, size_t *out)
{
	if (*p == end)
		return false;
	size_t len = static_cast<unsigned char>(*(*p)++);
	if (len == 0xff) {
		size_t v = 0;
		unsigned shift = 0;
		unsigned char ch;
		do {
			if (*p == end || shift > 56)
				return false;
			ch = static_cast<unsigned char>(*(*p)++);
			v |= static_cast<size_t>(ch & 0x7f) << shift;
			shift += 7;
		} while (!(ch & 0x80));
		len = v + 255;
	}
	*out = len;
	return true;
}

void wildcard_prefixes(const Xapian::Query &q, std::vector<std::string> &out)
{
	if (q.get_type() == Xapian::Query::OP_WILDCARD) {
		std::string s = q.serialise();
		const char *p = s.data(), *end = p + s.size();
		size_t n;
		if (p == end || *p++ != 0x0b || !decode_length(&p, end, &n) ||
		    end - p < 2)
			return;
		p += 2;
		if (!decode_length(&p, end, &n) ||
		    n != static_cast<size_t>(end - p))
			return;
		out.emplace_back(p, n);
		return;
	}
	for (size_t i = 0; i < q.get_num_subqueries(); i++)
		wildcard_prefixes(q.get_subquery(i), out);
}

/*
 * How a wildcard limit of @max applies. In 1.4.22 a limit of 0 means "no
 * limit" for WILDCARD_LIMIT_ERROR and _FIRST, but WILDCARD_LIMIT_MOST_FREQUENT
 * keeps the 0 most frequent terms, i.e. matches nothing. So 0 asks for
 * LIMIT_ERROR, which with 0 never fires.
 */
int wildcard_limit(unsigned max)
{
	return max ? Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT
		   : Xapian::Query::WILDCARD_LIMIT_ERROR;
}

/*
 * The integer a C caller stored in an enum. C lets any int through, but in
 * C++ reading an enum object whose value is outside the enumerators' range
 * is undefined (UBSan's -fsanitize=enum), so copy its bytes instead.
 */
template<typename E>
long enum_value(const E &e)
{
	typename std::underlying_type<E>::type v;
	static_assert(sizeof(v) == sizeof(e), "enum size");
	memcpy(&v, &e, sizeof(v));
	return static_cast<long>(v);
}

/*
 * The exception being handled while opening a writer on @path, as a
 * status and a malloc'ed *@errmsg. A lock has its own sentence: it is the
 * one failure users meet in normal use (stlindex running twice).
 */
/* True if the exception being handled is a plain Xapian::DatabaseError. */
bool plain_database_error(void) noexcept
{
	try {
		throw;
	} catch (const Xapian::DatabaseError &e) {
		return !strcmp(e.get_type(), "DatabaseError");
	} catch (...) {
		return false;
	}
}

/*
 * Why this user cannot read (@write: write) the index folder @path, as
 * an errno, or 0 if the file system lets him. Xapian reports an index it
 * may not write as locked ("Couldn't open lockfile" in the lock error's
 * message, without errno) and a folder it may not read as no index at
 * all; waiting or running stlindex would not help, so they are told apart
 * here. access() checks the real user, who runs the programs.
 */
int folder_errno(const char *path, bool write) noexcept
{
	struct stat sb;

	if (stat(path, &sb) < 0)
		return errno;
	if (!S_ISDIR(sb.st_mode))
		return 0;
	if (access(path, R_OK | X_OK) < 0)
		return errno;
	if (!write)
		return 0;
	try {
		std::string lock = std::string(path) + "/flintlock";
		if (access(lock.c_str(), W_OK) == 0)
			return 0;
		if (errno != ENOENT)
			return errno;
	} catch (...) {
		return 0;
	}
	return access(path, W_OK) < 0 ? errno : 0;
}

/*
 * A failed open of the index at @path for writing (@write) or reading:
 * its status, and its message in *@errmsg. Call only inside a catch block.
 */
stl_status_t open_failed(const char *path, bool write, char **errmsg) noexcept
{
	errbox err;
	std::string detail;
	stl_status_t st = current_exception_status(&detail);
	int sys = 0;

	if (st == STL_STATUS_DATABASE_LOCKED ||
	    st == STL_STATUS_DATABASE_NOT_FOUND ||
	    (st == STL_STATUS_DATABASE_UNREADABLE && detail.empty()))
		sys = folder_errno(path, write && st == STL_STATUS_DATABASE_LOCKED);
	if (sys == ENOENT)
		sys = 0;
	/* A plain DatabaseError without errno while opening ("EOF reading
	 * block 4" of a truncated table): the files are not a whole index. */
	if (st == STL_STATUS_XAPIAN_ERROR && plain_database_error())
		st = STL_STATUS_DATABASE_CORRUPT;
	try {
		std::string m = "el índice '";
		m += path;
		if (sys) {
			st = STL_STATUS_DATABASE_UNREADABLE;
			m = (write ? "no se puede escribir en " : "no se puede leer ") +
			    m + "': " + stl_errno_text(sys);
		} else if (st == STL_STATUS_DATABASE_LOCKED) {
			m += "' está bloqueado por otro proceso de escritura";
		} else {
			m = "no se puede abrir " + m + (write ? "' para escritura" : "'");
			m = compose(st, m, detail,
				    write ? nullptr : "(ejecute stlindex primero)");
		}
		err.set(std::move(m));
	} catch (...) {
		err.set_oom();
	}
	if (errmsg)
		*errmsg = dup_msg(err);
	return st;
}

/* Status of the exception being handled, for calls without a handle. */
stl_status_t exc_status(void) noexcept
{
	std::string detail;
	return current_exception_status(&detail);
}

/* Wrap @q in a new handle. */
stl_status_t new_query(Xapian::Query &&q, stl_query_t **out)
{
	stl_query *h = new stl_query;
	h->q = std::move(q);
	*out = h;
	return STL_STATUS_SUCCESS;
}

/* Terms positional operators accept in 1.4: terms, or an OR of terms. */
bool positional_ok(const Xapian::Query &q)
{
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
		return true;
	case Xapian::Query::OP_OR:
		for (size_t i = 0; i < q.get_num_subqueries(); i++)
			if (q.get_subquery(i).get_type() !=
			    Xapian::Query::LEAF_TERM)
				return false;
		return true;
	default:
		return false;
	}
}

/* stl_xapian_compact() without the *errmsg plumbing. */
stl_status_t compact(const char *const *sources, size_t n, const char *dest,
		     errbox &err)
{
	if (!sources || !n || !dest)
		return fail_st(err, STL_STATUS_INVALID_ARGUMENT,
			       "argumento no válido al compactar índices");
	for (size_t i = 0; i < n; i++)
		if (!sources[i])
			return fail_st(err, STL_STATUS_INVALID_ARGUMENT,
				       "argumento no válido al compactar "
				       "índices");
	/* Xapian would write into an existing directory. */
	struct stat sb;
	if (lstat(dest, &sb) == 0)
		return fail_st(err, STL_STATUS_INVALID_ARGUMENT,
			       "no se puede compactar en '%s': ya existe",
			       dest);
	size_t i = 0;
	try {
		Xapian::Database all;
		for (i = 0; i < n; i++)
			all.add_database(Xapian::Database(sources[i]));
		all.compact(dest, Xapian::DB_BACKEND_GLASS |
				  Xapian::DBCOMPACT_MULTIPASS);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		if (i < n)
			return fail_exc(err, "(ejecute stlindex primero)",
					"no se puede abrir el índice '%s'",
					sources[i]);
		return fail_exc(err, nullptr, "no se puede compactar en '%s'",
				dest);
	}
}

} /* namespace */

extern "C" {

/* ---- Writer ------------------------------------------------------------ */

/*
 * Glass writes its version file last when it creates a database: tables
 * without it are a creation that was killed before its end, which holds
 * no revision anyone could read, and is created again.
 */
static bool unfinished_creation(const char *path)
{
	std::string dir(path);
	struct stat st;

	return stat((dir + "/iamglass").c_str(), &st) != 0 &&
	       stat((dir + "/postlist.glass").c_str(), &st) == 0;
}

stl_status_t stl_writer_open(const char *path, unsigned flags,
			     stl_writer_t **out, char **errmsg)
{
	if (out)
		*out = nullptr;
	if (errmsg)
		*errmsg = nullptr;
	if (!path || !out || (flags & ~(STL_WRITER_CREATE |
					 STL_WRITER_OVERWRITE |
					 STL_WRITER_INMEMORY))) {
		if (errmsg)
			*errmsg = strdup("argumento no válido al abrir un "
					 "índice para escritura");
		return STL_STATUS_INVALID_ARGUMENT;
	}

	int action = Xapian::DB_OPEN;
	if (flags & STL_WRITER_OVERWRITE)
		action = Xapian::DB_CREATE_OR_OVERWRITE;
	else if (flags & STL_WRITER_CREATE)
		action = unfinished_creation(path) ? Xapian::DB_CREATE_OR_OVERWRITE
						   : Xapian::DB_CREATE_OR_OPEN;

	stl_writer *w = nullptr;
	try {
		w = new stl_writer;
		w->path = path;
		/* No DB_RETRY_LOCK: a held lock fails at once. */
		if (flags & STL_WRITER_INMEMORY)
			w->db = Xapian::WritableDatabase(
				std::string(), Xapian::DB_BACKEND_INMEMORY);
		else
			w->db = Xapian::WritableDatabase(
				path, action | Xapian::DB_BACKEND_GLASS);
		w->view.db = w->db;
		w->view.path = w->path;
		w->view.borrowed = true;
		*out = w;
		return STL_STATUS_SUCCESS;
	} catch (...) {
		stl_status_t st = open_failed(path, true, errmsg);
		delete w;
		return st;
	}
}

void stl_writer_destroy(stl_writer_t *w)
{
	if (!w)
		return;
	try {
		w->view.db = Xapian::Database();
		if (w->in_txn)
			w->db.cancel_transaction();
		w->in_txn = false;
		/* close() commits what was done outside a transaction and
		 * releases the lock. */
		w->db.close();
	} catch (...) {
		/* Nowhere to report it: callers who care commit first. */
	}
	delete w;
}

const char *stl_writer_last_error(const stl_writer_t *w)
{
	return w ? w->err.get() : "";
}

stl_reader_t *stl_writer_reader(stl_writer_t *w)
{
	return w ? &w->view : nullptr;
}

stl_status_t stl_writer_begin(stl_writer_t *w)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (w->in_txn)
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "ya hay una transacción abierta en el índice '%s'",
			       w->path.c_str());
	try {
		w->db.begin_transaction(true);
		w->in_txn = true;
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede empezar una transacción en el "
				"índice '%s'", w->path.c_str());
	}
}

stl_status_t stl_writer_commit_transaction(stl_writer_t *w)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!w->in_txn)
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "no hay una transacción abierta en el índice '%s'",
			       w->path.c_str());
	/* Whatever happens, Xapian ends the transaction. */
	w->in_txn = false;
	try {
		w->db.commit_transaction();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede confirmar la transacción en el "
				"índice '%s'", w->path.c_str());
	}
}

stl_status_t stl_writer_cancel_transaction(stl_writer_t *w)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!w->in_txn)
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "no hay una transacción abierta en el índice '%s'",
			       w->path.c_str());
	w->in_txn = false;
	try {
		w->db.cancel_transaction();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede cancelar la transacción en el "
				"índice '%s'", w->path.c_str());
	}
}

stl_status_t stl_writer_commit(stl_writer_t *w)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (w->in_txn)
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "no se puede confirmar el índice '%s' dentro de "
			       "una transacción", w->path.c_str());
	try {
		w->db.commit();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se pueden guardar los cambios del índice "
				"'%s'", w->path.c_str());
	}
}

stl_status_t stl_writer_add(stl_writer_t *w, const stl_doc_t *doc,
			    stl_docid_t *docid)
{
	if (!w || !doc)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		Xapian::docid id = w->db.add_document(doc->doc);
		if (docid)
			*docid = id;
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede añadir un documento al índice "
				"'%s'", w->path.c_str());
	}
}

stl_status_t stl_writer_replace(stl_writer_t *w, const char *unique_term,
				const stl_doc_t *doc)
{
	if (!w || !doc)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(unique_term))
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "término único no válido (vacío o de más de %d "
			       "bytes)", STL_XAPIAN_TERM_MAX);
	try {
		w->db.replace_document(unique_term, doc->doc);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede reemplazar el documento '%s' en "
				"el índice '%s'", unique_term, w->path.c_str());
	}
}

stl_status_t stl_writer_delete(stl_writer_t *w, const char *term)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(term))
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "término no válido (vacío o de más de %d bytes)",
			       STL_XAPIAN_TERM_MAX);
	try {
		w->db.delete_document(term);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se pueden borrar los documentos '%s' del "
				"índice '%s'", term, w->path.c_str());
	}
}

stl_status_t stl_writer_docids(stl_writer_t *w, const char *term,
			       stl_docid_t **ids, size_t *n)
{
	if (ids)
		*ids = nullptr;
	if (n)
		*n = 0;
	if (!w || !ids || !n)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(term))
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "término no válido (vacío o de más de %d bytes)",
			       STL_XAPIAN_TERM_MAX);
	try {
		std::vector<stl_docid_t> v;
		for (Xapian::PostingIterator it = w->db.postlist_begin(term);
		     it != w->db.postlist_end(term); ++it)
			v.push_back(*it);
		if (v.empty())
			return STL_STATUS_SUCCESS;
		*ids = static_cast<stl_docid_t *>(
			xcalloc(v.size(), sizeof(stl_docid_t)));
		std::copy(v.begin(), v.end(), *ids);
		*n = v.size();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se pueden leer los documentos '%s' del "
				"índice '%s'", term, w->path.c_str());
	}
}

stl_status_t stl_writer_replace_docid(stl_writer_t *w, stl_docid_t docid,
				      const stl_doc_t *doc)
{
	if (!w || !doc || !docid)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		w->db.replace_document(docid, doc->doc);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede reemplazar el documento %u en el "
				"índice '%s'", docid, w->path.c_str());
	}
}

/* True if the document stored under @docid has @sum in @slot. Lazily
 * opened: only the value is read. Glass reads an empty value for a
 * missing id; another backend may throw DocNotFoundError. */
static bool stored_value_is(Xapian::WritableDatabase &db, Xapian::docid docid,
			    Xapian::valueno slot, const std::string &sum)
{
	if (docid > db.get_lastdocid())
		return false;
	try {
		return db.get_document(docid, Xapian::DOC_ASSUME_VALID)
			       .get_value(slot) == sum;
	} catch (const Xapian::DocNotFoundError &) {
		return false;
	}
}

stl_status_t stl_writer_update_docid(stl_writer_t *w, stl_docid_t docid,
				     const stl_doc_t *doc, stl_slot_t slot,
				     bool *written)
{
	stl_status_t st;

	if (written)
		*written = false;
	if (!w || !doc || !docid)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		std::string sum = doc->doc.get_value(slot);
		if (!sum.empty() && stored_value_is(w->db, docid, slot, sum))
			return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede leer el documento %u del índice "
				"'%s'", docid, w->path.c_str());
	}
	st = stl_writer_replace_docid(w, docid, doc);
	if (written)
		*written = st == STL_STATUS_SUCCESS;
	return st;
}

stl_status_t stl_writer_set_value(stl_writer_t *w, stl_docid_t docid,
				  stl_slot_t slot, const char *value,
				  size_t len)
{
	if (!w || !docid || (!value && len))
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		Xapian::Document doc = w->db.get_document(docid);
		doc.add_value(slot, std::string(value ? value : "", len));
		w->db.replace_document(docid, doc);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede actualizar el documento %u del "
				"índice '%s'", docid, w->path.c_str());
	}
}

stl_status_t stl_writer_delete_docid(stl_writer_t *w, stl_docid_t docid)
{
	if (!w || !docid)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		w->db.delete_document(docid);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede borrar el documento %u del índice "
				"'%s'", docid, w->path.c_str());
	}
}

stl_status_t stl_writer_set_metadata(stl_writer_t *w, const char *key,
				     const char *value, size_t len)
{
	if (!w || (!value && len))
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(key))
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "clave de metadatos no válida (vacía o de más "
			       "de %d bytes)", STL_XAPIAN_TERM_MAX);
	try {
		w->db.set_metadata(key, std::string(value ? value : "", len));
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede guardar el metadato '%s' en el "
				"índice '%s'", key, w->path.c_str());
	}
}

stl_status_t stl_writer_add_synonym(stl_writer_t *w, const char *key,
				    const char *synonym)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(key) || !cterm_ok(synonym))
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "sinónimo no válido (vacío o de más de %d "
			       "bytes)", STL_XAPIAN_TERM_MAX);
	try {
		w->db.add_synonym(key, synonym);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede añadir el sinónimo '%s' de '%s' "
				"al índice '%s'", synonym, key,
				w->path.c_str());
	}
}

stl_status_t stl_writer_clear_synonyms(stl_writer_t *w, const char *key)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(key))
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "clave de sinónimos no válida (vacía o de más "
			       "de %d bytes)", STL_XAPIAN_TERM_MAX);
	try {
		w->db.clear_synonyms(key);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se pueden borrar los sinónimos de '%s' en "
				"el índice '%s'", key, w->path.c_str());
	}
}

stl_status_t stl_writer_add_spelling(stl_writer_t *w, const char *word,
				     unsigned freq)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(word))
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "palabra no válida (vacía o de más de %d bytes)",
			       STL_XAPIAN_TERM_MAX);
	try {
		w->db.add_spelling(word, freq);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede añadir la palabra '%s' al "
				"diccionario del índice '%s'", word,
				w->path.c_str());
	}
}

stl_status_t stl_writer_remove_spelling(stl_writer_t *w, const char *word,
					unsigned freq)
{
	if (!w)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(word))
		return fail_st(w->err, STL_STATUS_INVALID_ARGUMENT,
			       "palabra no válida (vacía o de más de %d bytes)",
			       STL_XAPIAN_TERM_MAX);
	try {
		w->db.remove_spelling(word, freq);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(w->err, nullptr,
				"no se puede quitar la palabra '%s' del "
				"diccionario del índice '%s'", word,
				w->path.c_str());
	}
}

/* ---- Documents --------------------------------------------------------- */

stl_doc_t *stl_doc_new(void)
{
	try {
		return new stl_doc;
	} catch (...) {
		return nullptr;
	}
}

void stl_doc_destroy(stl_doc_t *doc)
{
	delete doc;
}

void stl_doc_clear(stl_doc_t *doc)
{
	if (!doc)
		return;
	try {
		doc->doc.clear_terms();
		doc->doc.clear_values();
		doc->doc.set_data(std::string());
	} catch (...) {
		/* Nothing here allocates; nothing to report. */
	}
}

stl_status_t stl_doc_add_posting(stl_doc_t *doc, const char *term,
				 size_t len, unsigned pos)
{
	if (!doc || !term_ok(term, len))
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		doc->doc.add_posting(std::string(term, len), pos, 1);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_doc_add_term(stl_doc_t *doc, const char *term, size_t len)
{
	if (!doc || !term_ok(term, len))
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		doc->doc.add_term(std::string(term, len), 1);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_doc_add_boolean_term(stl_doc_t *doc, const char *term,
				      size_t len)
{
	if (!doc || !term_ok(term, len))
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		doc->doc.add_boolean_term(std::string(term, len));
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_doc_set_value(stl_doc_t *doc, stl_slot_t slot,
			       const char *value, size_t len)
{
	if (!doc || (!value && len) || slot == Xapian::BAD_VALUENO)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		doc->doc.add_value(slot, std::string(value ? value : "", len));
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_doc_set_data(stl_doc_t *doc, const char *data, size_t len)
{
	if (!doc || (!data && len))
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		doc->doc.set_data(std::string(data ? data : "", len));
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return exc_status();
	}
}

namespace {

void hash_u32(XXH3_state_t *st, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };
	XXH3_64bits_update(st, b, sizeof(b));
}

void hash_str(XXH3_state_t *st, const std::string &s)
{
	hash_u32(st, (uint32_t)s.size());
	XXH3_64bits_update(st, s.data(), s.size());
}

struct xxh3_free {
	void operator()(XXH3_state_t *st) const { XXH3_freeState(st); }
};

/* Everything @doc holds but @slot, in Xapian's own order (terms and
 * values sorted), each section counted and each item length-prefixed:
 * the same content always hashes the same. Returns false if out of
 * memory; Xapian's exceptions pass through. */
bool doc_checksum(const Xapian::Document &doc, Xapian::valueno slot,
		  XXH64_hash_t *out)
{
	std::unique_ptr<XXH3_state_t, xxh3_free> owner(XXH3_createState());
	XXH3_state_t *st = owner.get();
	if (!st)
		return false;
	XXH3_64bits_reset(st);
	hash_u32(st, doc.termlist_count());
	for (Xapian::TermIterator t = doc.termlist_begin();
	     t != doc.termlist_end(); ++t) {
		hash_str(st, *t);
		hash_u32(st, t.get_wdf());
		hash_u32(st, t.positionlist_count());
		for (Xapian::PositionIterator p = t.positionlist_begin();
		     p != t.positionlist_end(); ++p)
			hash_u32(st, *p);
	}
	hash_u32(st, doc.values_count() - !doc.get_value(slot).empty());
	for (Xapian::ValueIterator v = doc.values_begin();
	     v != doc.values_end(); ++v) {
		if (v.get_valueno() == slot)
			continue;
		hash_u32(st, v.get_valueno());
		hash_str(st, *v);
	}
	hash_str(st, doc.get_data());
	*out = XXH3_64bits_digest(st);
	return true;
}

} /* namespace */

stl_status_t stl_doc_set_checksum(stl_doc_t *doc, stl_slot_t slot)
{
	if (!doc)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		XXH64_hash_t h;
		char hex[17];
		if (!doc_checksum(doc->doc, slot, &h))
			return STL_STATUS_OUT_OF_MEMORY;
		snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
		doc->doc.add_value(slot, std::string(hex, 16));
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return exc_status();
	}
}

/* ---- Reader ------------------------------------------------------------ */

namespace {

/* A remote shard's limits, in ms: to connect (and read the server's
 * greeting), and for each exchange after. A shard that is down or stopped
 * is an error in seconds, never a hang. */
const unsigned REMOTE_CONNECT_MS = 5000;
const unsigned REMOTE_ACTIVE_MS = 10000;

/* One line of a stub file, split at its first blank. */
struct stub_line {
	std::string type, arg;
};

/*
 * The stub file @path names (@path itself, or @path/XAPIANDB for a
 * folder) as its lines, or false if there is none. Blank lines and
 * comments are left out, as Xapian does.
 */
bool read_stub(const std::string &path, std::string &dir,
	       std::vector<stub_line> &lines)
{
	struct stat sb;
	std::string file = path;

	if (stat(file.c_str(), &sb) < 0)
		return false;
	if (S_ISDIR(sb.st_mode)) {
		dir = path;
		file += "/XAPIANDB";
		if (stat(file.c_str(), &sb) < 0 || !S_ISREG(sb.st_mode))
			return false;
	} else {
		size_t slash = path.rfind('/');
		dir = slash == std::string::npos ? "." : path.substr(0, slash);
	}
	FILE *f = fopen(file.c_str(), "r");
	if (!f)
		return false;
	char buf[4096];
	while (fgets(buf, sizeof(buf), f)) {
		std::string l(buf);
		while (!l.empty() && isspace(static_cast<unsigned char>(l.back())))
			l.pop_back();
		size_t b = l.find_first_not_of(" \t");
		if (b == std::string::npos || l[b] == '#')
			continue;
		size_t sp = l.find_first_of(" \t", b);
		size_t a = sp == std::string::npos ? sp : l.find_first_not_of(" \t", sp);
		lines.push_back({ l.substr(b, sp == std::string::npos ? sp : sp - b),
				  a == std::string::npos ? "" : l.substr(a) });
	}
	fclose(f);
	return true;
}

/* HOST:PORT of a TCP "remote" line (the other kind runs a program). */
bool tcp_remote(const std::string &arg, std::string &host, unsigned &port)
{
	size_t colon = arg.rfind(':');
	if (colon == std::string::npos || colon + 1 == arg.size() ||
	    arg.find_first_of(" \t") != std::string::npos)
		return false;
	std::string p = arg.substr(colon + 1);
	if (p.find_first_not_of("0123456789") != std::string::npos ||
	    p.size() > 5)
		return false;
	port = static_cast<unsigned>(atoi(p.c_str()));
	host = arg.substr(0, colon);
	return port > 0 && port < 65536;
}

/*
 * Open a stub that lists remote shards ourselves, shard by shard, so that
 * each remote has our timeouts and a failure names its shard. Returns
 * false (nothing done) when @path is no stub, or has no TCP remote or a
 * line we leave to Xapian. On a failure, r->db is left without shards
 * and *@errmsg names the shard.
 */
bool open_stub(const char *path, stl_reader *r, char **errmsg,
	       stl_status_t *st)
{
	std::vector<stub_line> lines;
	std::string dir, host;
	unsigned port;
	bool any = false;

	if (!read_stub(path, dir, lines))
		return false;
	/* A program's remote (xapian-progsrv over ssh) is Xapian's to
	 * open, but its server runs no spy of ours either. */
	for (const auto &l : lines)
		if (l.type == "remote")
			r->remote = true;
	for (const auto &l : lines) {
		if (l.type == "remote" && tcp_remote(l.arg, host, port))
			any = true;
		else if (l.type != "auto" && l.type != "glass" &&
			 l.type != "chert")
			return false;
	}
	if (!any)
		return false;
	for (const auto &l : lines) {
		std::string shard = l.arg;
		try {
			if (l.type == "remote") {
				tcp_remote(l.arg, host, port);
				r->db.add_database(Xapian::Remote::open(
					host, port, REMOTE_ACTIVE_MS,
					REMOTE_CONNECT_MS));
				continue;
			}
			if (shard[0] != '/')
				shard = dir + "/" + shard;
			r->db.add_database(Xapian::Database(shard));
		} catch (...) {
			std::string detail;
			*st = current_exception_status(&detail);
			try {
				std::string m = compose(*st,
					"no se puede abrir el fragmento '" +
					l.arg + "' del índice '" + path + "'",
					detail, nullptr);
				if (errmsg)
					*errmsg = strdup(m.c_str());
			} catch (...) {
			}
			r->db = Xapian::Database();
			return true;
		}
	}
	return true;
}

} /* namespace */


stl_status_t stl_reader_open(const char *path, stl_reader_t **out,
			     char **errmsg)
{
	if (out)
		*out = nullptr;
	if (errmsg)
		*errmsg = nullptr;
	if (!path || !out) {
		if (errmsg)
			*errmsg = strdup("argumento no válido al abrir un "
					 "índice");
		return STL_STATUS_INVALID_ARGUMENT;
	}
	stl_reader *r = nullptr;
	try {
		r = new stl_reader;
		r->path = path;
		stl_status_t st = STL_STATUS_SUCCESS;
		if (!open_stub(path, r, errmsg, &st)) {
			r->db = Xapian::Database(path);
		} else if (st != STL_STATUS_SUCCESS) {
			delete r;
			return st;
		}
		*out = r;
		return STL_STATUS_SUCCESS;
	} catch (...) {
		stl_status_t st = open_failed(path, false, errmsg);
		delete r;
		return st;
	}
}

void stl_reader_destroy(stl_reader_t *r)
{
	/* A writer's view belongs to the writer. */
	if (!r || r->borrowed)
		return;
	/* No close(): a parser made on @r holds a copy of the handle, and
	 * the files close when the last copy goes. */
	delete r;
}

const char *stl_reader_last_error(const stl_reader_t *r)
{
	return r ? r->err.get() : "";
}

/* The usual failure of a read through @r. */
#define READ_FAILED(r) \
	fail_exc((r)->err, nullptr, "no se puede leer el índice '%s'", \
		 (r)->path.c_str())

stl_status_t stl_reader_reopen(stl_reader_t *r)
{
	if (!r)
		return STL_STATUS_INVALID_ARGUMENT;
	if (r->borrowed)
		return fail_st(r->err, STL_STATUS_INVALID_ARGUMENT,
			       "la vista del índice '%s' pertenece a un proceso "
			       "de escritura y no se reabre", r->path.c_str());
	try {
		r->db.reopen();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(r->err, nullptr,
				"no se puede reabrir el índice '%s'",
				r->path.c_str());
	}
}

stl_status_t stl_reader_doccount(stl_reader_t *r, unsigned *count)
{
	if (!r || !count)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		*count = r->db.get_doccount();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return READ_FAILED(r);
	}
}

stl_status_t stl_reader_get_metadata(stl_reader_t *r, const char *key,
				     char **value, size_t *len)
{
	if (!r || !value)
		return STL_STATUS_INVALID_ARGUMENT;
	*value = nullptr;
	if (len)
		*len = 0;
	if (!cterm_ok(key))
		return fail_st(r->err, STL_STATUS_INVALID_ARGUMENT,
			       "clave de metadatos no válida (vacía o de más "
			       "de %d bytes)", STL_XAPIAN_TERM_MAX);
	try {
		std::string v = r->db.get_metadata(key);
		/* Xapian stores no empty values: empty means absent. */
		if (v.empty())
			return fail_st(r->err, STL_STATUS_NOT_FOUND,
				       "el índice '%s' no tiene el metadato "
				       "'%s'", r->path.c_str(), key);
		*value = xdup(v);
		if (len)
			*len = v.size();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return READ_FAILED(r);
	}
}

stl_status_t stl_reader_term_freq(stl_reader_t *r, const char *term,
				  unsigned *freq)
{
	if (!r || !freq)
		return STL_STATUS_INVALID_ARGUMENT;
	*freq = 0;
	if (!cterm_ok(term))
		return fail_st(r->err, STL_STATUS_INVALID_ARGUMENT,
			       "término no válido (vacío o de más de %d bytes)",
			       STL_XAPIAN_TERM_MAX);
	try {
		*freq = r->db.get_termfreq(term);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return READ_FAILED(r);
	}
}

stl_status_t stl_reader_postings(stl_reader_t *r, const char *term,
				 stl_docid_fn fn, void *ctx)
{
	if (!r || !fn)
		return STL_STATUS_INVALID_ARGUMENT;
	/* "" would walk every document: not a term. */
	if (!cterm_ok(term))
		return fail_st(r->err, STL_STATUS_INVALID_ARGUMENT,
			       "término no válido (vacío o de más de %d bytes)",
			       STL_XAPIAN_TERM_MAX);
	try {
		for (Xapian::PostingIterator it = r->db.postlist_begin(term);
		     it != r->db.postlist_end(term); ++it)
			if (fn(*it, ctx))
				break;
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return READ_FAILED(r);
	}
}

stl_status_t stl_reader_values(stl_reader_t *r, stl_slot_t slot,
			       stl_value_fn fn, void *ctx)
{
	if (!r || !fn || slot == Xapian::BAD_VALUENO)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		for (Xapian::ValueIterator it = r->db.valuestream_begin(slot);
		     it != r->db.valuestream_end(slot); ++it) {
			const std::string v = *it;
			if (fn(it.get_docid(), v.c_str(), v.size(), ctx))
				break;
		}
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return READ_FAILED(r);
	}
}

stl_status_t stl_reader_terms(stl_reader_t *r, const char *prefix,
			      stl_term_fn fn, void *ctx)
{
	if (!r || !fn)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		std::string pfx = prefix ? prefix : "";
		for (Xapian::TermIterator it = r->db.allterms_begin(pfx);
		     it != r->db.allterms_end(pfx); ++it) {
			const std::string t = *it;
			if (fn(t.c_str(), t.size(), it.get_termfreq(), ctx))
				break;
		}
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return READ_FAILED(r);
	}
}

/* freq is the term's within-document frequency (wdf). */
stl_status_t stl_reader_doc_terms(stl_reader_t *r, stl_docid_t docid,
				  const char *prefix, stl_term_fn fn,
				  void *ctx)
{
	/* Document ids start at 1; Xapian calls 0 a usage error. */
	if (!r || !fn || !docid)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		std::string pfx = prefix ? prefix : "";
		Xapian::TermIterator it = r->db.termlist_begin(docid);
		Xapian::TermIterator end = r->db.termlist_end(docid);
		if (!pfx.empty())
			it.skip_to(pfx);
		for (; it != end; ++it) {
			const std::string t = *it;
			if (t.compare(0, pfx.size(), pfx) != 0)
				break;
			if (fn(t.c_str(), t.size(), it.get_wdf(), ctx))
				break;
		}
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(r->err, nullptr,
				"no se pueden leer los términos del documento "
				"%u del índice '%s'", docid, r->path.c_str());
	}
}

stl_status_t stl_reader_get_data(stl_reader_t *r, stl_docid_t docid,
				 char **data, size_t *len)
{
	if (!r || !data)
		return STL_STATUS_INVALID_ARGUMENT;
	*data = nullptr;
	if (len)
		*len = 0;
	if (!docid)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		std::string d = r->db.get_document(docid).get_data();
		*data = xdup(d);
		if (len)
			*len = d.size();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(r->err, nullptr,
				"no se puede leer el documento %u del índice "
				"'%s'", docid, r->path.c_str());
	}
}

stl_status_t stl_reader_get_value(stl_reader_t *r, stl_docid_t docid,
				  stl_slot_t slot, char **value, size_t *len)
{
	if (!r || !value)
		return STL_STATUS_INVALID_ARGUMENT;
	*value = nullptr;
	if (len)
		*len = 0;
	if (!docid || slot == Xapian::BAD_VALUENO)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		std::string v = r->db.get_document(docid).get_value(slot);
		*value = xdup(v);
		if (len)
			*len = v.size();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(r->err, nullptr,
				"no se puede leer el valor %u del documento %u "
				"del índice '%s'", slot, docid,
				r->path.c_str());
	}
}

stl_status_t stl_reader_synonyms(stl_reader_t *r, const char *key,
				 stl_term_fn fn, void *ctx)
{
	if (!r || !fn)
		return STL_STATUS_INVALID_ARGUMENT;
	if (!cterm_ok(key))
		return fail_st(r->err, STL_STATUS_INVALID_ARGUMENT,
			       "clave de sinónimos no válida (vacía o de más "
			       "de %d bytes)", STL_XAPIAN_TERM_MAX);
	try {
		for (Xapian::TermIterator it = r->db.synonyms_begin(key);
		     it != r->db.synonyms_end(key); ++it) {
			const std::string t = *it;
			if (fn(t.c_str(), t.size(), 0, ctx))
				break;
		}
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return READ_FAILED(r);
	}
}

stl_status_t stl_reader_spelling_suggestion(stl_reader_t *r,
					    const char *word,
					    char **suggestion)
{
	if (!r || !suggestion)
		return STL_STATUS_INVALID_ARGUMENT;
	*suggestion = nullptr;
	if (!cterm_ok(word))
		return fail_st(r->err, STL_STATUS_INVALID_ARGUMENT,
			       "palabra no válida (vacía o de más de %d bytes)",
			       STL_XAPIAN_TERM_MAX);
	try {
		std::string s = r->db.get_spelling_suggestion(word);
		if (!s.empty())
			*suggestion = xdup(s);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return READ_FAILED(r);
	}
}

/* ---- Queries ----------------------------------------------------------- */

stl_status_t stl_query_new_term(const char *term, stl_query_t **out)
{
	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	if (!cterm_ok(term))
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		return new_query(Xapian::Query(term), out);
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_query_new_wildcard(const char *prefix,
				    unsigned max_expansion,
				    stl_query_t **out)
{
	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	if (!cterm_ok(prefix))
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		return new_query(Xapian::Query(Xapian::Query::OP_WILDCARD,
					       prefix, max_expansion,
					       wildcard_limit(max_expansion)),
				 out);
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_query_new_value_range(stl_slot_t slot, const char *lo,
				       const char *hi, stl_query_t **out)
{
	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	if (slot == Xapian::BAD_VALUENO)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		if (lo && hi)
			return new_query(Xapian::Query(
				Xapian::Query::OP_VALUE_RANGE, slot, lo, hi),
				out);
		if (lo)
			return new_query(Xapian::Query(
				Xapian::Query::OP_VALUE_GE, slot, lo), out);
		if (hi)
			return new_query(Xapian::Query(
				Xapian::Query::OP_VALUE_LE, slot, hi), out);
		return new_query(Xapian::Query(Xapian::Query::MatchAll), out);
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_query_new_match_all(stl_query_t **out)
{
	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	try {
		return new_query(Xapian::Query(Xapian::Query::MatchAll), out);
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_query_new_match_nothing(stl_query_t **out)
{
	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	try {
		return new_query(Xapian::Query(Xapian::Query::MatchNothing),
				 out);
	} catch (...) {
		return exc_status();
	}
}

stl_status_t stl_query_combine(stl_query_op_t op, stl_query_t *const *subs,
			       size_t n, unsigned window, stl_query_t **out)
{
	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	if (!subs || n == 0)
		return STL_STATUS_INVALID_ARGUMENT;
	Xapian::Query::op xop;
	bool positional = false;
	switch (enum_value(op)) {
	case STL_QUERY_AND:
		xop = Xapian::Query::OP_AND;
		break;
	case STL_QUERY_OR:
		xop = Xapian::Query::OP_OR;
		break;
	case STL_QUERY_AND_NOT:
		xop = Xapian::Query::OP_AND_NOT;
		break;
	case STL_QUERY_FILTER:
		xop = Xapian::Query::OP_FILTER;
		break;
	case STL_QUERY_SYNONYM:
		xop = Xapian::Query::OP_SYNONYM;
		break;
	case STL_QUERY_MAX:
		xop = Xapian::Query::OP_MAX;
		break;
	case STL_QUERY_PHRASE:
		xop = Xapian::Query::OP_PHRASE;
		positional = true;
		break;
	case STL_QUERY_NEAR:
		xop = Xapian::Query::OP_NEAR;
		positional = true;
		break;
	default:
		return STL_STATUS_INVALID_ARGUMENT;
	}
	for (size_t i = 0; i < n; i++) {
		if (!subs[i])
			return STL_STATUS_INVALID_ARGUMENT;
		/* Xapian would throw UnimplementedError, or silently match
		 * nothing for MatchAll: both are caller mistakes. */
		if (positional && !positional_ok(subs[i]->q))
			return STL_STATUS_INVALID_ARGUMENT;
	}
	try {
		std::vector<Xapian::Query> v;
		v.reserve(n);
		for (size_t i = 0; i < n; i++)
			v.push_back(subs[i]->q);
		return new_query(Xapian::Query(xop, v.begin(), v.end(),
					       positional ? window : 0),
				 out);
	} catch (...) {
		return exc_status();
	}
}

namespace {

bool all_terms(const Xapian::Query &q,
	       bool (*fn)(const char *term, size_t len, void *ctx), void *ctx)
{
	Xapian::Query::op type = q.get_type();
	if (type == Xapian::Query::LEAF_TERM) {
		Xapian::TermIterator t = q.get_terms_begin();
		if (t == q.get_terms_end())
			return false;
		std::string term = *t;
		return fn(term.data(), term.size(), ctx);
	}
	if (type == Xapian::Query::LEAF_MATCH_NOTHING)
		return true;
	switch (type) {
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_AND_NOT:
	case Xapian::Query::OP_XOR:
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_FILTER:
	case Xapian::Query::OP_NEAR:
	case Xapian::Query::OP_PHRASE:
	case Xapian::Query::OP_SCALE_WEIGHT:
	case Xapian::Query::OP_ELITE_SET:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
		break;
	default:
		return false;	/* wildcards, ranges, match-all, sources */
	}
	size_t n = q.get_num_subqueries();
	for (size_t i = 0; i < n; i++)
		if (!all_terms(q.get_subquery(i), fn, ctx))
			return false;
	return n > 0;
}

double scale_factor(const Xapian::Query &q)
{
	/* 1.4 has no getter; its description is "Query(<factor> * ...)". */
	std::string d = q.get_description();
	return d.compare(0, 6, "Query(") ? 1.0 : strtod(d.c_str() + 6, nullptr);
}

/* The term of a LEAF_TERM query, in @out (no std::string return: these
 * helpers sit in the C-linkage block). */
void leaf_term(const Xapian::Query &q, std::string &out)
{
	Xapian::TermIterator t = q.get_terms_begin();
	out = t == q.get_terms_end() ? std::string() : *t;
}

/* The term @fn says covers @term, in @out; false if none. */
bool cover_of(const std::string &term, stl_cover_fn fn, void *ctx,
	      std::string &out)
{
	char buf[STL_XAPIAN_TERM_MAX + 1];
	size_t len = fn(term.data(), term.size(), buf, ctx);

	if (!len || len > STL_XAPIAN_TERM_MAX)
		return false;
	out.assign(buf, len);
	return out != term;
}

/*
 * True if @leaves holds the term that covers @term, and that term stays:
 * it is not itself covered by a leaf (a callback mapping two terms to
 * each other must not drop both).
 */
bool covered(const std::unordered_set<std::string> &leaves,
	     const std::string &term, stl_cover_fn fn, void *ctx)
{
	std::string cover, next;

	if (!cover_of(term, fn, ctx, cover) || !leaves.count(cover))
		return false;
	return !cover_of(cover, fn, ctx, next) || !leaves.count(next);
}

/*
 * @q without the leaves a sibling covers (stl_query_drop_covered()), in
 * @out; false if nothing changed. Only operators rebuilt from their
 * subqueries alone are walked: a phrase or NEAR has a window and keeps
 * every term, and leaves of other kinds have nothing to drop.
 */
bool drop_covered(const Xapian::Query &q, stl_cover_fn fn, void *ctx,
		  Xapian::Query &out)
{
	Xapian::Query::op op = q.get_type();
	size_t n = q.get_num_subqueries();
	std::unordered_set<std::string> leaves;
	std::vector<Xapian::Query> subs;
	bool changed = false, drops = false;

	switch (op) {
	case Xapian::Query::OP_SCALE_WEIGHT: {
		Xapian::Query sub;
		if (!drop_covered(q.get_subquery(0), fn, ctx, sub))
			return false;
		out = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, sub,
				    scale_factor(q));
		return true;
	}
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM:
		drops = true;
		break;
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_AND_NOT:
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_XOR:
	case Xapian::Query::OP_FILTER:
	case Xapian::Query::OP_MAX:
		break;
	default:
		return false;
	}
	std::string term;
	for (size_t i = 0; drops && i < n; i++) {
		Xapian::Query sub = q.get_subquery(i);
		if (sub.get_type() == Xapian::Query::LEAF_TERM) {
			leaf_term(sub, term);
			leaves.insert(term);
		}
	}
	for (size_t i = 0; i < n; i++) {
		Xapian::Query sub = q.get_subquery(i), fixed;
		if (drops && sub.get_type() == Xapian::Query::LEAF_TERM) {
			leaf_term(sub, term);
			if (covered(leaves, term, fn, ctx)) {
				changed = true;
				continue;
			}
		}
		if (drop_covered(sub, fn, ctx, fixed)) {
			sub = fixed;
			changed = true;
		}
		subs.push_back(sub);
	}
	if (changed)
		out = Xapian::Query(op, subs.begin(), subs.end());
	return changed;
}

} // namespace

bool stl_query_all_terms(const stl_query_t *q,
			 bool (*fn)(const char *term, size_t len, void *ctx),
			 void *ctx)
{
	if (!q || !fn)
		return false;
	try {
		return all_terms(q->q, fn, ctx);
	} catch (...) {
		return false;
	}
}

stl_status_t stl_query_drop_covered(const stl_query_t *q, stl_cover_fn fn,
				    void *ctx, stl_query_t **out)
{
	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	if (!q || !fn)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		Xapian::Query fixed;
		if (!drop_covered(q->q, fn, ctx, fixed))
			fixed = q->q;
		return new_query(std::move(fixed), out);
	} catch (...) {
		return exc_status();
	}
}

void stl_query_destroy(stl_query_t *q)
{
	delete q;
}

bool stl_query_is_empty(const stl_query_t *q)
{
	if (!q)
		return true;
	return q->q.empty() ||
	       q->q.get_type() == Xapian::Query::LEAF_MATCH_NOTHING;
}

char *stl_query_describe(const stl_query_t *q)
{
	if (!q)
		return nullptr;
	try {
		return xdup(q->q.get_description());
	} catch (...) {
		return nullptr;
	}
}

/* ---- Query parser ------------------------------------------------------ */

stl_status_t stl_qparser_new(stl_reader_t *db, stl_qparser_t **out)
{
	if (!out)
		return STL_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	stl_qparser *p = nullptr;
	try {
		p = new stl_qparser;
		p->qp.set_default_op(Xapian::Query::OP_AND);
		p->qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
		if (db)
			p->qp.set_database(db->db);
		*out = p;
		return STL_STATUS_SUCCESS;
	} catch (...) {
		delete p;
		return exc_status();
	}
}

void stl_qparser_destroy(stl_qparser_t *qp)
{
	delete qp;
}

const char *stl_qparser_last_error(const stl_qparser_t *qp)
{
	return qp ? qp->err.get() : "";
}

#define QP_CONFIG_FAILED(p) \
	fail_exc((p)->err, nullptr, "no se puede configurar el analizador " \
		 "de consultas")

stl_status_t stl_qparser_set_stemmer(stl_qparser_t *qp, stl_stem_fn fn,
				     void *ctx)
{
	if (!qp || !fn)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		/* Xapian::Stem takes ownership (intrusive refcount). */
		Xapian::Stem stem(new CStemmer(fn, ctx));
		qp->qp.set_stemmer(stem);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return QP_CONFIG_FAILED(qp);
	}
}

stl_status_t stl_qparser_set_stopwords(stl_qparser_t *qp,
				       const char *const *words, size_t n)
{
	if (!qp || (!words && n))
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		std::unique_ptr<Xapian::SimpleStopper> stop(
			new Xapian::SimpleStopper);
		for (size_t i = 0; i < n; i++)
			if (words[i])
				stop->add(words[i]);
		/* release(): the parser owns it from here on. */
		qp->qp.set_stopper(stop.release()->release());
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return QP_CONFIG_FAILED(qp);
	}
}

stl_status_t stl_qparser_set_max_wildcard(stl_qparser_t *qp, unsigned max)
{
	if (!qp)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		qp->qp.set_max_expansion(max, wildcard_limit(max),
				Xapian::QueryParser::FLAG_WILDCARD |
				Xapian::QueryParser::FLAG_PARTIAL);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return QP_CONFIG_FAILED(qp);
	}
}

stl_status_t stl_qparser_add_prefix(stl_qparser_t *qp, const char *field,
				    const char *prefix)
{
	if (!qp || !field || !prefix)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		qp->qp.add_prefix(field, prefix);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(qp->err, nullptr,
				"no se puede añadir el campo '%s'", field);
	}
}

stl_status_t stl_qparser_add_boolean_prefix(stl_qparser_t *qp,
					    const char *field,
					    const char *prefix,
					    bool exclusive)
{
	if (!qp || !field || !prefix)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		qp->qp.add_boolean_prefix(field, prefix, exclusive);
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(qp->err, nullptr,
				"no se puede añadir el campo '%s'", field);
	}
}

stl_status_t stl_qparser_add_field(stl_qparser_t *qp, const char *field,
				   stl_field_fn fn, void *ctx, bool boolean,
				   bool exclusive)
{
	if (!qp || !field || !fn)
		return STL_STATUS_INVALID_ARGUMENT;
	try {
		qp->procs.reserve(qp->procs.size() + 1);
		std::unique_ptr<CFieldProcessor> proc(
			new CFieldProcessor(fn, ctx, &qp->fperr, field));
		if (boolean)
			qp->qp.add_boolean_prefix(field, proc.get(), exclusive);
		else
			qp->qp.add_prefix(field, proc.get());
		/* Cannot throw: room was reserved above. */
		qp->procs.push_back(std::move(proc));
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(qp->err, nullptr,
				"no se puede añadir el campo '%s'", field);
	}
}

/* Xapian's flags for ours; STL_QP_NEAR has no flag of its own in 1.4. */
static unsigned qp_flags(unsigned flags)
{
	unsigned x = 0;
	if (flags & STL_QP_BOOLEAN)
		x |= Xapian::QueryParser::FLAG_BOOLEAN;
	if (flags & STL_QP_PHRASE)
		x |= Xapian::QueryParser::FLAG_PHRASE;
	if (flags & STL_QP_LOVEHATE)
		x |= Xapian::QueryParser::FLAG_LOVEHATE;
	if (flags & STL_QP_WILDCARD)
		x |= Xapian::QueryParser::FLAG_WILDCARD;
	if (flags & STL_QP_PURE_NOT)
		x |= Xapian::QueryParser::FLAG_PURE_NOT;
	if (flags & STL_QP_SYNONYMS)
		x |= Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
		     Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
	if (flags & STL_QP_SPELLING)
		x |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
	/*
	 * STL_QP_NEAR: in Xapian 1.4, NEAR, NEAR/n and ADJ are recognised
	 * exactly when FLAG_BOOLEAN is set; there is no separate flag. So
	 * STL_QP_NEAR alone changes nothing, and STL_QP_BOOLEAN brings NEAR.
	 */
	return x;
}

stl_status_t stl_qparser_parse(stl_qparser_t *qp, const char *query,
			       unsigned flags, stl_query_t **out)
{
	if (out)
		*out = nullptr;
	if (!qp || !query || !out)
		return STL_STATUS_INVALID_ARGUMENT;
	const unsigned known = STL_QP_BOOLEAN | STL_QP_PHRASE |
			       STL_QP_LOVEHATE | STL_QP_WILDCARD |
			       STL_QP_PURE_NOT | STL_QP_SYNONYMS |
			       STL_QP_SPELLING | STL_QP_NEAR;
	if (flags & ~known)
		return fail_st(qp->err, STL_STATUS_INVALID_ARGUMENT,
			       "opciones de consulta no válidas (%#x)", flags);
	qp->corrected.clear();
	qp->has_corrected = false;
	qp->fperr.clear();
	stl_status_t st = STL_STATUS_INTERNAL_ERROR;
	std::string detail;
	try {
		Xapian::Query q = qp->qp.parse_query(query, qp_flags(flags));
		if (qp->fperr.status == STL_STATUS_SUCCESS) {
			if (flags & STL_QP_SPELLING) {
				qp->corrected =
					qp->qp.get_corrected_query_string();
				qp->has_corrected = !qp->corrected.empty();
			}
			return new_query(std::move(q), out);
		}
	} catch (...) {
		st = current_exception_status(&detail);
	}
	/* A C field processor's error explains the failure best. */
	if (qp->fperr.status != STL_STATUS_SUCCESS) {
		st = qp->fperr.status;
		detail.swap(qp->fperr.msg);
		qp->fperr.clear();
	}
	qp->corrected.clear();
	qp->has_corrected = false;
	try {
		std::string m;
		if (st == STL_STATUS_BAD_QUERY) {
			m = "consulta no válida: " + detail;
		} else {
			std::string ctx = "no se puede analizar la consulta '";
			ctx += query;
			ctx += "'";
			m = compose(st, ctx, detail, nullptr);
		}
		qp->err.set(std::move(m));
	} catch (...) {
		qp->err.set_oom();
	}
	return st;
}

char *stl_qparser_corrected_query(const stl_qparser_t *qp)
{
	if (!qp || !qp->has_corrected)
		return nullptr;
	return strdup(qp->corrected.c_str());
}

/* ---- Search ------------------------------------------------------------ */

void stl_results_destroy(stl_results_t *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->nhits && res->hits; i++) {
		stl_hit_t *h = &res->hits[i];
		free(h->data);
		free(h->collapse_key);
		for (size_t j = 0; j < h->nterms && h->terms; j++)
			free(h->terms[j]);
		free(h->terms);
	}
	free(res->hits);
	for (size_t i = 0; i < res->nfacets && res->facets; i++) {
		stl_facet_t *f = &res->facets[i];
		for (size_t j = 0; j < f->nvalues && f->values; j++)
			free(f->values[j].value);
		free(f->values);
	}
	free(res->facets);
	free(res);
}

namespace {

struct results_deleter {
	void operator()(stl_results_t *r) const { stl_results_destroy(r); }
};
typedef std::unique_ptr<stl_results_t, results_deleter> results_ptr;

/*
 * The terms of @q outside the right side of an AND_NOT or a FILTER (a
 * filter's terms are not words the hit was found by: a date's day terms,
 * an institution's name), in query order, once each, appended to @out.
 */
void positive_terms(const Xapian::Query &q, std::vector<std::string> &out,
		    std::unordered_set<std::string> &seen)
{
	Xapian::Query::op type = q.get_type();
	if (type == Xapian::Query::LEAF_TERM) {
		Xapian::TermIterator t = q.get_terms_begin();
		if (t != q.get_terms_end() && seen.insert(*t).second)
			out.push_back(*t);
		return;
	}
	size_t n = q.get_num_subqueries();
	if ((type == Xapian::Query::OP_AND_NOT ||
	     type == Xapian::Query::OP_FILTER) && n > 1)
		n = 1;
	for (size_t i = 0; i < n; i++)
		positive_terms(q.get_subquery(i), out, seen);
}

/*
 * The query terms document @did matched: Xapian's list (or, when @given
 * is not NULL, those terms), plus the document's terms under each
 * wildcard prefix (Xapian leaves those out).
 */
void hit_terms(const Xapian::Enquire &enq, const Xapian::Database &db,
	       Xapian::docid did, const std::vector<std::string> &wild,
	       const std::vector<std::string> *given, stl_hit_t *h)
{
	std::vector<std::string> terms;
	if (given) {
		terms = *given;
	} else {
		for (Xapian::TermIterator t = enq.get_matching_terms_begin(did);
		     t != enq.get_matching_terms_end(did); ++t)
			terms.push_back(*t);
	}
	if (!wild.empty()) {
		std::unordered_set<std::string> have(terms.begin(),
						      terms.end());
		for (const std::string &pfx : wild) {
			Xapian::TermIterator t = db.termlist_begin(did);
			t.skip_to(pfx);
			for (; t != db.termlist_end(did); ++t) {
				std::string term = *t;
				if (term.compare(0, pfx.size(), pfx) != 0)
					break;
				if (have.insert(term).second)
					terms.push_back(term);
			}
		}
	}
	h->terms = static_cast<char **>(xcalloc(terms.size(), sizeof(char *)));
	h->nterms = terms.size();
	for (size_t i = 0; i < terms.size(); i++)
		h->terms[i] = xdup(terms[i]);
}

/* Copy a spy's counts for one slot, most frequent first, then by value. */
void copy_facet(const std::unordered_map<std::string, unsigned> &counts,
		stl_slot_t slot, stl_facet_t *f)
{
	std::vector<std::pair<std::string, unsigned>> v(counts.begin(),
							counts.end());
	std::sort(v.begin(), v.end(),
		  [](const std::pair<std::string, unsigned> &a,
		     const std::pair<std::string, unsigned> &b) {
			  if (a.second != b.second)
				  return a.second > b.second;
			  return a.first < b.first;
		  });
	f->slot = slot;
	f->values = static_cast<stl_facet_value_t *>(
		xcalloc(v.size(), sizeof(stl_facet_value_t)));
	f->nvalues = v.size();
	for (size_t i = 0; i < v.size(); i++) {
		f->values[i].value = xdup(v[i].first);
		f->values[i].count = v[i].second;
	}
}

/*
 * Xapian 1.4.22 swaps a term that indexes every document, when it is
 * matched without weight (a boolean filter, the right side of FILTER or
 * AND_NOT), for the all-documents list, and then sets the term's name on
 * that list (LocalSubMatch::open_post_list). When the docids have gaps
 * (any document was ever deleted) and that list spans more than one
 * chunk, reading it on looks for the next chunk under the term's name
 * and throws DatabaseCorruptError "Unexpected end of posting list" on a
 * sound index: "stlsearch --tipo todo institucion:IEEM" failed after any
 * update of an archive where every minute had the IEEM. Such a leaf is
 * rewritten to MatchAll, which is the same set of documents and which
 * Xapian opens without renaming. Weighted leaves are left alone: Xapian
 * only swaps them when the weighting ignores the wdf, and BM25 does not.
 */
bool avoid_alldocs_swap(const Xapian::Database &db, const Xapian::Query &q,
			bool weighted, Xapian::Query &out)
{
	Xapian::Query::op op = q.get_type();
	size_t n = q.get_num_subqueries();
	std::vector<Xapian::Query> subs;
	bool changed = false;

	switch (op) {
	case Xapian::Query::LEAF_TERM: {
		std::string term = *q.get_terms_begin();
		if (weighted || term.empty() ||
		    db.get_termfreq(term) != db.get_doccount())
			return false;
		out = Xapian::Query::MatchAll;
		return true;
	}
	case Xapian::Query::OP_SCALE_WEIGHT: {
		double f = scale_factor(q);
		Xapian::Query sub;
		if (!avoid_alldocs_swap(db, q.get_subquery(0),
					weighted && f != 0.0, sub))
			return false;
		out = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, sub, f);
		return true;
	}
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_XOR:
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_MAX:
	case Xapian::Query::OP_FILTER:
	case Xapian::Query::OP_AND_NOT:
		break;
	case Xapian::Query::OP_SYNONYM:
		/* Weighted, its terms are opened as a synonym's: kept. */
		if (weighted)
			return false;
		break;
	default:
		/* Phrases need positions (never swapped); ranges, wildcards
		 * and the rest have no term leaves to swap. */
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		Xapian::Query sub = q.get_subquery(i);
		bool w = weighted && (i == 0 || (op != Xapian::Query::OP_FILTER &&
						 op != Xapian::Query::OP_AND_NOT));
		Xapian::Query fixed;
		if (avoid_alldocs_swap(db, sub, w, fixed)) {
			sub = fixed;
			changed = true;
		}
		subs.push_back(sub);
	}
	if (changed)
		out = Xapian::Query(op, subs.begin(), subs.end());
	return changed;
}

/*
 * Xapian 1.4 counts a collapsed match set by scaling its estimate, even
 * when it saw every document ("unas 10" for 4 distinct minutes). This spy
 * counts the distinct collapse values (and documents without one) among
 * the documents the match considers; when it considered fewer than it was
 * asked to check, it saw them all and its count is exact.
 */
class DistinctSpy : public Xapian::MatchSpy {
	stl_slot_t slot;
	std::unordered_set<std::string> keys;
	Xapian::doccount keyless = 0;

public:
	Xapian::doccount seen = 0;

	explicit DistinctSpy(stl_slot_t slot_) : slot(slot_) {}

	void operator()(const Xapian::Document &doc, double) override
	{
		std::string v = doc.get_value(slot);

		seen++;
		if (v.empty())
			keyless++;
		else
			keys.insert(v);
	}

	Xapian::doccount distinct() const { return keyless + keys.size(); }
};

/* Documents a collapsed search considers at least, for its count. */
const Xapian::doccount COLLAPSE_CHECK = 300;

void collapsed_counts(const DistinctSpy &spy, bool checked_all,
		      Xapian::doccount check, stl_results_t *res)
{
	Xapian::doccount n = spy.distinct();

	if (checked_all || spy.seen < check) {
		res->matches = res->matches_lower = res->matches_upper = n;
		return;
	}
	if (res->matches_lower < n)
		res->matches_lower = n;
	if (res->matches < res->matches_lower)
		res->matches = res->matches_lower;
	if (res->matches_upper < res->matches)
		res->matches_upper = res->matches;
}

/*
 * The key maker of --orden plazo: @by_value sorts by opts->sort_slot,
 * empty values last in either direction (reversed, an empty value is
 * "\xff\xff", after every other; ascending, "\xff" puts it last). Xapian
 * 1.4's remote backend runs no key maker, not even its own: over remote
 * shards the search sorts by the value alone, empty values first when
 * ascending.
 */
void make_keys(const struct stl_search_opts *opts,
	       Xapian::MultiValueKeyMaker *by_value)
{
	bool desc = enum_value(opts->sort) == STL_SORT_VALUE_DESC;

	by_value->add_value(opts->sort_slot, desc,
			    opts->sort_empty_last && !desc ? "\xff" : "");
}

/*
 * Fills @out with the distinct '\n'-separated entries of @v (an output
 * parameter: this block has C linkage, which cannot return a C++ type).
 */
void entries_of(const std::string &v, std::unordered_set<std::string> &out)
{
	size_t start = 0;

	out.clear();

	while (start <= v.size()) {
		size_t nl = v.find('\n', start);
		if (nl == std::string::npos)
			nl = v.size();
		if (nl > start)
			out.insert(v.substr(start, nl - start));
		start = nl + 1;
	}
}

/*
 * Counts and facets of a search over remote shards, where no spy of ours
 * runs: a second pass over the whole match set, collapsed as the search
 * is, so its size is the exact count (each key once, as DistinctSpy
 * counts). Facets: Xapian's ValueCountMatchSpy, which its server runs,
 * counts whole values over every document; each value's count goes to
 * each of its entries. It sees every copy where FacetSpy counts a key
 * once, so each key's copies (counted by a ValueCountMatchSpy on the
 * copy slot) are taken off the entries of the item that stands for them
 * (copies share their values): only those items' documents are fetched.
 */
void remote_counts(Xapian::Enquire &enq, const Xapian::Database &db,
		   const struct stl_search_opts *opts, FacetSpy &spy,
		   stl_results_t *res)
{
	std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> vcs;
	Xapian::doccount all = db.get_doccount();

	for (size_t f = 0; f < opts->nfacets; f++) {
		vcs.emplace_back(new Xapian::ValueCountMatchSpy(
			opts->facet_slots[f]));
		enq.add_matchspy(vcs.back().get());
	}
	/* Documents per copy key, copies included (an item's collapse
	 * count does not come back from remote shards). */
	Xapian::ValueCountMatchSpy per_key(opts->collapse_slot);
	if (opts->nfacets && opts->collapse)
		enq.add_matchspy(&per_key);
	/* Order does not matter here: docid order is cheapest. */
	enq.set_sort_by_relevance();
	enq.set_docid_order(Xapian::Enquire::ASCENDING);
	enq.set_weighting_scheme(Xapian::BoolWeight());
	Xapian::MSet mset = enq.get_mset(0, all, all);
	enq.clear_matchspies();
	if (opts->collapse)
		res->matches = res->matches_lower = res->matches_upper =
			mset.size();
	std::unordered_set<std::string> entries;
	for (size_t f = 0; f < opts->nfacets; f++) {
		auto &counts = spy.counts[f];
		for (Xapian::TermIterator t = vcs[f]->values_begin();
		     t != vcs[f]->values_end(); ++t) {
			entries_of(*t, entries);
			for (const auto &e : entries)
				counts[e] += t.get_termfreq();
		}
	}
	if (!opts->nfacets || !opts->collapse)
		return;
	std::unordered_map<std::string, Xapian::doccount> copies;
	for (Xapian::TermIterator t = per_key.values_begin();
	     t != per_key.values_end(); ++t)
		if (t.get_termfreq() > 1)
			copies[*t] = t.get_termfreq() - 1;
	for (Xapian::MSetIterator it = copies.empty() ? mset.end()
						      : mset.begin();
	     it != mset.end(); ++it) {
		auto k = copies.find(it.get_collapse_key());
		if (k == copies.end())
			continue;
		Xapian::doccount extra = k->second;
		Xapian::Document doc = it.get_document();
		for (size_t f = 0; f < opts->nfacets; f++) {
			auto &counts = spy.counts[f];
			entries_of(doc.get_value(opts->facet_slots[f]),
				   entries);
			for (const auto &e : entries) {
				auto c = counts.find(e);
				if (c == counts.end())
					continue;
				if (c->second > extra)
					c->second -= extra;
				else
					counts.erase(c);
			}
		}
	}
}

} /* namespace */

stl_status_t stl_reader_search(stl_reader_t *r, const stl_query_t *q,
			       const struct stl_search_opts *opts,
			       stl_results_t **out)
{
	if (out)
		*out = nullptr;
	if (!r || !q || !opts || !out)
		return STL_STATUS_INVALID_ARGUMENT;
	long sort = enum_value(opts->sort);
	if ((opts->nfacets && !opts->facet_slots) ||
	    (sort != STL_SORT_RELEVANCE && sort != STL_SORT_VALUE_ASC &&
	     sort != STL_SORT_VALUE_DESC))
		return fail_st(r->err, STL_STATUS_INVALID_ARGUMENT,
			       "opciones de búsqueda no válidas");
	try {
		/* The spy must outlive the Enquire that points at it. */
		FacetSpy spy(opts->facet_slots, opts->nfacets, opts->collapse,
			     opts->collapse_slot);
		DistinctSpy distinct(opts->collapse_slot);
		/* Xapian's own key maker, which its server knows. */
		Xapian::MultiValueKeyMaker by_value;
		make_keys(opts, &by_value);
		Xapian::Enquire enq(r->db), terms_of(r->db);
		Xapian::Query fixed;
		/* Without gaps Xapian uses another all-documents list. The
		 * matching terms are those of the query as given. */
		enq.set_query(q->q);
		terms_of.set_query(q->q);
		if (r->db.get_doccount() != r->db.get_lastdocid() &&
		    avoid_alldocs_swap(r->db, q->q, true, fixed))
			enq.set_query(fixed);
		if (sort != STL_SORT_RELEVANCE && opts->sort_empty_last &&
		    !r->remote)
			enq.set_sort_by_key_then_relevance(&by_value, false);
		else if (sort != STL_SORT_RELEVANCE)
			enq.set_sort_by_value_then_relevance(opts->sort_slot,
				sort == STL_SORT_VALUE_DESC);
		else if (opts->tie)
			enq.set_sort_by_relevance_then_value(opts->tie->slot,
							     opts->tie->reverse);
		/* Xapian's server can run no spy of ours: a remote search
		 * counts on a second pass (remote_counts()). */
		if (opts->nfacets && !r->remote)
			enq.add_matchspy(&spy);
		if (opts->collapse) {
			enq.set_collapse_key(opts->collapse_slot);
			if (!r->remote)
				enq.add_matchspy(&distinct);
		}

		Xapian::doccount check = 0;
		/* Keep offset + limit within a doccount. */
		Xapian::doccount limit = opts->limit;
		if (limit > UINT_MAX - opts->offset)
			limit = UINT_MAX - opts->offset;
		if (opts->exact_count || opts->nfacets)
			check = r->db.get_doccount();
		else if (opts->collapse)
			check = std::min(std::max(opts->offset + limit,
						  COLLAPSE_CHECK),
					 r->db.get_doccount() + 1);
		Xapian::MSet mset = enq.get_mset(opts->offset, limit, check);

		results_ptr res(static_cast<stl_results_t *>(
			xcalloc(1, sizeof(stl_results_t))));
		res->matches = mset.get_matches_estimated();
		res->matches_lower = mset.get_matches_lower_bound();
		res->matches_upper = mset.get_matches_upper_bound();
		if (r->remote && (opts->collapse || opts->nfacets))
			remote_counts(enq, r->db, opts, spy, res.get());
		else if (opts->collapse)
			collapsed_counts(distinct,
					 opts->exact_count || opts->nfacets,
					 check, res.get());

		std::vector<std::string> wild, given;
		bool want_terms = opts->matching_terms || opts->query_terms;
		if (want_terms)
			wildcard_prefixes(q->q, wild);
		if (opts->query_terms && !opts->matching_terms) {
			std::unordered_set<std::string> seen;
			positive_terms(q->q, given, seen);
		}

		res->hits = static_cast<stl_hit_t *>(
			xcalloc(mset.size(), sizeof(stl_hit_t)));
		res->nhits = mset.size();
		size_t i = 0;
		for (Xapian::MSetIterator it = mset.begin(); it != mset.end();
		     ++it, ++i) {
			stl_hit_t *h = &res->hits[i];
			h->docid = *it;
			h->rank = it.get_rank();
			h->weight = it.get_weight();
			h->percent = it.get_percent();
			std::string d = it.get_document().get_data();
			h->data = xdup(d);
			h->data_len = d.size();
			if (opts->collapse) {
				h->collapse_key = xdup(it.get_collapse_key());
				h->collapsed = it.get_collapse_count();
			}
			if (want_terms)
				hit_terms(terms_of, r->db, *it, wild,
					  opts->matching_terms ? nullptr
							       : &given,
					  h);
		}

		if (opts->nfacets) {
			res->facets = static_cast<stl_facet_t *>(
				xcalloc(opts->nfacets, sizeof(stl_facet_t)));
			res->nfacets = opts->nfacets;
			for (size_t f = 0; f < opts->nfacets; f++)
				copy_facet(spy.counts[f], opts->facet_slots[f],
					   &res->facets[f]);
		}
		*out = res.release();
		return STL_STATUS_SUCCESS;
	} catch (...) {
		return fail_exc(r->err, nullptr,
				"no se puede buscar en el índice '%s'",
				r->path.c_str());
	}
}

/* ---- Maintenance ------------------------------------------------------- */

stl_status_t stl_xapian_compact(const char *const *sources, size_t n,
				const char *dest, char **errmsg)
{
	errbox err;
	stl_status_t st = compact(sources, n, dest, err);
	if (errmsg)
		*errmsg = st == STL_STATUS_SUCCESS ? nullptr : dup_msg(err);
	return st;
}

} /* extern "C" */
