/*
 * status.h - the status codes every stlsearch library function returns.
 *
 * One enum for the whole library (analysis, minutes model, Xapian wrapper),
 * as notmuch does: callers switch on a code, and print
 * stl_status_to_string() or the handle's last error message for a person.
 */
#ifndef STL_STATUS_H
#define STL_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum stl_status {
	/* The call did what it says. */
	STL_STATUS_SUCCESS = 0,
	/* malloc() failed, or Xapian threw std::bad_alloc. */
	STL_STATUS_OUT_OF_MEMORY,
	/* A NULL handle, an empty or over-long term, an unknown option. */
	STL_STATUS_INVALID_ARGUMENT,
	/* A read or write of a file failed (errno tells which). */
	STL_STATUS_IO_ERROR,
	/* The bytes are not text: NUL bytes, or neither UTF-8 nor CP1252. */
	STL_STATUS_BINARY_INPUT,
	/* Another process holds the index's write lock. */
	STL_STATUS_DATABASE_LOCKED,
	/* There is no index at that path. */
	STL_STATUS_DATABASE_NOT_FOUND,
	/* An index is there but cannot be opened: permissions, not an index. */
	STL_STATUS_DATABASE_UNREADABLE,
	/* The index files are damaged. */
	STL_STATUS_DATABASE_CORRUPT,
	/*
	 * A writer changed the index under a reader so much that the revision
	 * the reader had open is gone: reopen the reader and retry.
	 */
	STL_STATUS_DATABASE_MODIFIED,
	/* Index written by another Xapian format or stlsearch schema. */
	STL_STATUS_DATABASE_VERSION,
	/* The query string cannot be parsed; the message says why. */
	STL_STATUS_BAD_QUERY,
	/* No document, metadata key or term of that name. */
	STL_STATUS_NOT_FOUND,
	/* Any other Xapian::Error. */
	STL_STATUS_XAPIAN_ERROR,
	/* A C++ exception that is not a Xapian::Error. */
	STL_STATUS_INTERNAL_ERROR,

	STL_STATUS_LAST_STATUS
} stl_status_t;

/*
 * A short description of @status for people, in Spanish (it ends up in
 * messages users read). Never returns NULL; the string is static.
 */
const char *stl_status_to_string(stl_status_t status);

/*
 * What the system error @errnum means, in Spanish and lowercase, for the
 * end of a message ("no se puede leer '/x': permiso denegado"): strerror()
 * answers in English in the C locale. Never returns NULL. The string is
 * static, except for an errno without a text of its own: then it is
 * "error del sistema (errno N)" in a buffer of the calling thread, valid
 * until its next call.
 */
const char *stl_errno_text(int errnum);

#ifdef __cplusplus
}
#endif

#endif /* STL_STATUS_H */
