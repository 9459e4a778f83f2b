/* time.h: the clock and sleeping (Linux i386 layouts: time_t and both
 * timespec fields are 32-bit). Declarations only for now: time, nanosleep
 * and clock_gettime are system-call stubs, clock_nanosleep a wrapper
 * returning the error number as POSIX says (userland/lib/sys/hako). */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

struct timespec {
  time_t tv_sec;
  long tv_nsec;
};

typedef int clockid_t;
#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1
#define TIMER_ABSTIME   1   /* clock_nanosleep: req is a time on the clock, not a duration */

time_t time(time_t *t);
int nanosleep(const struct timespec *request, struct timespec *remaining);
int clock_gettime(clockid_t clock, struct timespec *now);
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request, struct timespec *remaining);

#endif
