/*
 * progress.c - progress bar; see progress.h.
 */
#include "progress.h"

#include <stdio.h>
#include <time.h>

/* A run shows a bar once it has lasted this long, or from the start when
 * it has at least PROGRESS_MANY files to read. */
#define PROGRESS_DELAY 0.5
#define PROGRESS_MANY 200
#define PROGRESS_WIDTH 30

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, size_t total, bool enabled)
{
	p->enabled = enabled && total > 0;
	p->drawn = false;
	p->total = total;
	p->start = p->enabled ? now() : 0;
	p->last = 0;
}

void progress_update(struct progress *p, size_t done)
{
	char bar[PROGRESS_WIDTH + 1];
	size_t fill, i;
	double t;

	if (!p->enabled)
		return;
	t = now();
	if ((p->total < PROGRESS_MANY && t - p->start < PROGRESS_DELAY) ||
	    t - p->last < 0.1)
		return;
	p->last = t;
	fill = p->total ? done * PROGRESS_WIDTH / p->total : 0;
	for (i = 0; i < PROGRESS_WIDTH; i++)
		bar[i] = i < fill ? '#' : ' ';
	bar[PROGRESS_WIDTH] = '\0';
	fprintf(stderr, "\r[%s] %3zu%% %zu/%zu", bar,
		p->total ? done * 100 / p->total : 100, done, p->total);
	fflush(stderr);
	p->drawn = true;
}

void progress_finish(struct progress *p)
{
	if (p->enabled && p->drawn)
		fputs("\r\033[K", stderr);
	p->drawn = false;
}
