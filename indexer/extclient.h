/*
 * extclient.h - stlindex's side of stlextract: send a file's bytes, get
 * its structured text back (extractor/main.c has the protocol).
 *
 * The extractor runs in a process of its own so that a crash, a hang or a
 * memory blow-up in a format library costs one file, not the run or the
 * index. One process serves the whole run; after a failure the next file
 * starts a new one. It is started with posix_spawn() (stlindex has a
 * writer thread, so no fork() of the indexer itself) over a socketpair,
 * which lets a dead extractor show as an error instead of SIGPIPE.
 *
 * Ownership: extclient_init() takes nothing; extclient_release() ends the
 * process and frees everything (NULL-safe, idempotent).
 */
#ifndef STL_EXTCLIENT_H
#define STL_EXTCLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "stl/formats.h"
#include "stl/status.h"
#include "stl/stext.h"
#include "stl/strbuf.h"

/* The limits a user can set (stlindex --limite NOMBRE=VALOR); 0: default. */
struct extlimits {
	unsigned cpu_seconds;	/* per file */
	unsigned memory_mib;	/* the extractor's address space */
	uint64_t entry_size;	/* bytes of one zip entry, uncompressed */
	unsigned ratio;		/* compression ratio of one zip entry */
	unsigned entries;	/* entries of one zip */
	uint64_t text;		/* bytes of text out of one file */
	unsigned ocr_seconds;	/* per OCR page (--ocr-limite) */
	bool no_ocr;		/* --sin-ocr */
};

/* --ocr-limite SEGUNDOS: false for anything but 1 to 86400. */
bool extlimits_set_ocr(struct extlimits *l, const char *seconds);


/*
 * Set one limit from "nombre=valor" (cpu, memoria, entrada, razon,
 * entradas, texto; sizes in bytes with an optional K, M or G). False with
 * *@why set (static Spanish text) for an unknown name or a bad value.
 */
bool extlimits_set(struct extlimits *l, const char *spec, const char **why);

struct extclient {
	pid_t pid;		/* 0: not running */
	int fd;			/* our end of the socketpair */
	char *exe;		/* stlextract's path */
	struct extlimits lim;
	struct stl_strbuf buf;	/* the last answer */
	unsigned spawned;	/* processes started so far */
	char why[256];		/* the last reason */
	/* OCR pages read so far of a file being read (called as they come;
	 * NULL: nobody listens), and the warnings of its pages left out,
	 * one a line, valid until the next call. */
	void (*on_progress)(void *ctx, unsigned done, unsigned total);
	void *ctx;
	struct stl_strbuf warnings;
};

/*
 * Find stlextract: $STL_EXTRACTOR, else next to the running program, else
 * STL_LIBEXECDIR. Does not start it (the first file does). SUCCESS,
 * OUT_OF_MEMORY or NOT_FOUND (then no path holds an executable).
 */
stl_status_t extclient_init(struct extclient *c, const struct extlimits *lim);
void extclient_release(struct extclient *c);

/*
 * Extract @bytes (@len) whose extension suggests @hint ("docx", "pdf"...).
 * SUCCESS: @out (appended to) holds the structured text and *@format the
 * format found by content ("docx"...; static). Otherwise *@why holds a
 * one-line Spanish reason, valid until the next call: the reader's own
 * ("PDF cifrado: ..."), or what happened to the extractor (limit of CPU
 * time or memory exceeded, crashed, could not be started). Statuses:
 * SUCCESS; NOT_FOUND for a document without text (a scanned PDF);
 * INVALID_ARGUMENT for a file the reader refused; IO_ERROR when the
 * extractor died or could not be started; OUT_OF_MEMORY.
 */
stl_status_t extclient_extract(struct extclient *c, const char *hint,
			       const char *bytes, size_t len,
			       struct stl_stext *out, const char **format,
			       const char **why);

#endif /* STL_EXTCLIENT_H */
