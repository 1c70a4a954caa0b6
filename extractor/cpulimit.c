/*
 * cpulimit.c - stlextract's CPU time limit (RLIMIT_CPU); see extract.h.
 */
#include <sys/resource.h>
#include <sys/time.h>

#include "extract.h"

void ex_cpu_allow(unsigned seconds)
{
	struct rlimit rl;
	struct rusage ru;
	rlim_t used;

	if (!seconds || getrusage(RUSAGE_SELF, &ru) < 0 ||
	    getrlimit(RLIMIT_CPU, &rl) < 0)
		return;
	used = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + 1;
	rl.rlim_cur = used + seconds;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
		rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_CPU, &rl);
}
