/*
 * strbuf.c - growable string buffer; see include/stl/strbuf.h.
 */
#include "stl/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shared empty string so an unused strbuf needs no allocation. */
char stl_strbuf_empty[1];

void stl_strbuf_init(struct stl_strbuf *sb, size_t hint)
{
	sb->buf = stl_strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
	sb->oom = false;
	if (hint)
		stl_strbuf_grow(sb, hint);
}

void stl_strbuf_release(struct stl_strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	stl_strbuf_init(sb, 0);
}

char *stl_strbuf_detach(struct stl_strbuf *sb, size_t *len)
{
	char *res;

	if (sb->oom) {
		stl_strbuf_release(sb);
		return NULL;
	}
	if (!sb->alloc && !stl_strbuf_grow(sb, 0)) {
		stl_strbuf_release(sb);
		return NULL;
	}
	res = sb->buf;
	if (len)
		*len = sb->len;
	stl_strbuf_init(sb, 0);
	return res;
}

bool stl_strbuf_grow(struct stl_strbuf *sb, size_t extra)
{
	size_t need, alloc;
	char *p;

	if (sb->oom)
		return false;
	if (extra > SIZE_MAX - sb->len - 1)
		goto fail;
	need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return true;
	alloc = sb->alloc ? sb->alloc : 64;
	while (alloc < need)
		alloc = alloc > SIZE_MAX / 2 ? need : alloc * 2;
	p = realloc(sb->alloc ? sb->buf : NULL, alloc);
	if (!p)
		goto fail;
	if (!sb->alloc)
		p[0] = '\0';
	sb->buf = p;
	sb->alloc = alloc;
	return true;
fail:
	sb->oom = true;
	return false;
}

void stl_strbuf_setlen(struct stl_strbuf *sb, size_t len)
{
	if (len >= sb->len)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

void stl_strbuf_commit(struct stl_strbuf *sb, size_t n)
{
	if (sb->oom || !sb->alloc || sb->len + n >= sb->alloc)
		return;
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void stl_strbuf_add(struct stl_strbuf *sb, const void *data, size_t len)
{
	if (!len || !stl_strbuf_grow(sb, len))
		return;
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void stl_strbuf_addstr(struct stl_strbuf *sb, const char *s)
{
	stl_strbuf_add(sb, s, strlen(s));
}

void stl_strbuf_addch(struct stl_strbuf *sb, int c)
{
	if (!stl_strbuf_grow(sb, 1))
		return;
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void stl_strbuf_vaddf(struct stl_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (sb->oom)
		return;
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0,
		      fmt, cp);
	va_end(cp);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		sb->oom = true;
		return;
	}
	if (sb->alloc && (size_t)n < sb->alloc - sb->len) {
		sb->len += (size_t)n;
		return;
	}
	if (!stl_strbuf_grow(sb, (size_t)n))
		return;
	vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	sb->len += (size_t)n;
}

void stl_strbuf_addf(struct stl_strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	stl_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

void stl_strbuf_trim(struct stl_strbuf *sb)
{
	size_t start = 0, end = sb->len;

	while (end > 0 && is_space(sb->buf[end - 1]))
		end--;
	while (start < end && is_space(sb->buf[start]))
		start++;
	if (!sb->alloc)
		return;
	memmove(sb->buf, sb->buf + start, end - start);
	sb->len = end - start;
	sb->buf[sb->len] = '\0';
}

char *stl_strdup_printf(const char *fmt, ...)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	stl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return stl_strbuf_detach(&sb, NULL);
}
