/*
 * strbuf.h - a growable, always NUL-terminated byte buffer (after git's).
 *
 * Ownership: a strbuf owns ->buf. stl_strbuf_init() (or STL_STRBUF_INIT)
 * makes an empty one that owns nothing yet; stl_strbuf_release() frees the
 * memory and leaves an empty buffer ready for reuse; stl_strbuf_detach()
 * hands the memory to the caller, who frees it with free().
 *
 * Allocation failure is sticky rather than returned by every append: an
 * append that cannot grow the buffer sets ->oom, and every later append is a
 * no-op. Check stl_strbuf_failed() once, after building the string. Until
 * then ->buf is always a valid NUL-terminated string (possibly truncated).
 *
 * ->buf may hold NUL bytes in the middle; ->len counts all bytes.
 */
#ifndef STL_STRBUF_H
#define STL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct stl_strbuf {
	char *buf;	/* never NULL; points at a static "" until the first growth */
	size_t len;	/* bytes in use, not counting the terminating NUL */
	size_t alloc;	/* bytes allocated, 0 while buf is the static "" */
	bool oom;	/* an allocation failed; see stl_strbuf_failed() */
};

extern char stl_strbuf_empty[];
#define STL_STRBUF_INIT { stl_strbuf_empty, 0, 0, false }

/* Make @sb empty; reserve @hint bytes if non-zero (failure sets ->oom). */
void stl_strbuf_init(struct stl_strbuf *sb, size_t hint);

/* Free the memory of @sb and make it empty again (->oom cleared). */
void stl_strbuf_release(struct stl_strbuf *sb);

/*
 * Return the buffer (malloc'ed, NUL-terminated, owned by the caller) and
 * make @sb empty. @len, if not NULL, receives its length. Returns NULL if
 * the buffer had failed (->oom) or no memory could be had for an empty one;
 * the buffer is released in that case.
 */
char *stl_strbuf_detach(struct stl_strbuf *sb, size_t *len);

/* Make room for @extra more bytes. Returns false (and sets ->oom) on failure. */
bool stl_strbuf_grow(struct stl_strbuf *sb, size_t extra);

/* Shorten to @len bytes (no-op if already shorter). */
void stl_strbuf_setlen(struct stl_strbuf *sb, size_t len);

/*
 * After stl_strbuf_grow(@sb, @n) and writing @n bytes at ->buf + ->len
 * (a read() into the buffer), count them in. @n must be what was grown.
 */
void stl_strbuf_commit(struct stl_strbuf *sb, size_t n);

static inline void stl_strbuf_reset(struct stl_strbuf *sb)
{
	stl_strbuf_setlen(sb, 0);
}

static inline bool stl_strbuf_failed(const struct stl_strbuf *sb)
{
	return sb->oom;
}

void stl_strbuf_add(struct stl_strbuf *sb, const void *data, size_t len);
void stl_strbuf_addstr(struct stl_strbuf *sb, const char *s);
void stl_strbuf_addch(struct stl_strbuf *sb, int c);
void stl_strbuf_addf(struct stl_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void stl_strbuf_vaddf(struct stl_strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Remove ASCII whitespace at both ends. */
void stl_strbuf_trim(struct stl_strbuf *sb);

/*
 * printf into a new malloc'ed string. Returns NULL on allocation failure.
 * Used for the per-handle error messages.
 */
char *stl_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#ifdef __cplusplus
}
#endif

#endif /* STL_STRBUF_H */
