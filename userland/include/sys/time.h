/* sys/time.h: microsecond wall-clock time (Linux i386 struct timeval);
 * gettimeofday is a system-call stub (userland/lib/sys/hako). */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
  time_t tv_sec;
  long tv_usec;
};

int gettimeofday(struct timeval *tv, void *tz);
int utimes(const char *path, const struct timeval times[2]);

#endif
