/* sys/time.h: microsecond wall-clock time (Linux i386 struct timeval) and
 * the interval timers; gettimeofday, setitimer and getitimer are
 * system-call stubs (userland/lib/sys/hako). */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
  time_t tv_sec;
  long tv_usec;
};

struct itimerval {
  struct timeval it_interval;   /* reload value, 0 = one shot */
  struct timeval it_value;      /* time to the next expiry, 0 = off */
};

#define ITIMER_REAL    0   /* wall time, SIGALRM */
#define ITIMER_VIRTUAL 1   /* user CPU time, SIGVTALRM */
#define ITIMER_PROF    2   /* user + system CPU time, SIGPROF */

int setitimer(int which, const struct itimerval *value, struct itimerval *old);
int getitimer(int which, struct itimerval *value);
int gettimeofday(struct timeval *tv, void *tz);
int utimes(const char *path, const struct timeval times[2]);
int futimesat(int dirfd, const char *path, const struct timeval times[2]);   /* a relative path from dirfd */

#endif
