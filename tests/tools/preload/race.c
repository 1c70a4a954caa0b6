/*
 * race.c - an LD_PRELOAD shim for the end-to-end tests: it changes a file
 * at the very moment a program opens it, that is after stlindex listed it
 * and before it reads it, so the race the indexer must survive happens
 * every time instead of once in a while.
 *
 *   STL_RACE_VANISH=SUFFIX   a path ending in SUFFIX is deleted first
 *   STL_RACE_CHANGE=SUFFIX   a line is appended to it first
 *   STL_RACE_FIFO=SUFFIX     it is replaced by a FIFO first
 *   STL_OPEN_LOG=FILE        every path opened (open, openat, fopen) is
 *                            appended to FILE, one a line
 *
 * Only opens without O_CREAT are touched. Built without sanitizers (a
 * preloaded library cannot come before the ASan runtime; the tests set
 * verify_asan_link_order=0).
 */
#define _GNU_SOURCE
#undef _FORTIFY_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int ends_with(const char *s, const char *env)
{
	const char *suffix = getenv(env);
	size_t n, k;

	if (!suffix || !*suffix)
		return 0;
	n = strlen(s);
	k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

static void race(const char *path)
{
	static const char line[] = "\nLínea agregada: cambiounico.\n";
	int fd;

	if (ends_with(path, "STL_RACE_VANISH")) {
		unlink(path);
	} else if (ends_with(path, "STL_RACE_CHANGE")) {
		fd = ((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open"))(
			path, O_WRONLY | O_APPEND);
		if (fd >= 0) {
			if (write(fd, line, sizeof(line) - 1) < 0)
				abort();
			close(fd);
		}
	} else if (ends_with(path, "STL_RACE_FIFO")) {
		unlink(path);
		mkfifo(path, 0600);
	}
}

static void log_open(const char *path)
{
	const char *log = getenv("STL_OPEN_LOG");
	char line[4096];
	int fd, n;

	if (!log || !*log || !path)
		return;
	/* One write per line: stlindex opens files from two threads, and
	 * O_APPEND keeps only a single write whole. */
	n = snprintf(line, sizeof(line), "%s\n", path);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	fd = ((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open"))(
		log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (write(fd, line, (size_t)n) < 0)
		abort();
	close(fd);
}

static int call_open(const char *name, const char *path, int flags,
		     mode_t mode)
{
	int (*real)(const char *, int, ...) =
		(int (*)(const char *, int, ...))dlsym(RTLD_NEXT, name);

	log_open(path);
	if (!(flags & O_CREAT))
		race(path);
	return real(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	int (*real)(int, const char *, int, ...) =
		(int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	log_open(path);
	return real(dirfd, path, flags, mode);
}

FILE *fopen(const char *path, const char *how)
{
	FILE *(*real)(const char *, const char *) =
		(FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen");

	log_open(path);
	return real(path, how);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return call_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return call_open("open64", path, flags, mode);
}
