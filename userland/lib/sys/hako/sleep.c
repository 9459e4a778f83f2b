/* sleep.c: sleep(seconds) over nanosleep; returns the seconds left when a
 * signal cut it short. clock_nanosleep returns 0 or the error number
 * itself, leaving errno alone, as POSIX says. */
#include <time.h>
#include <unistd.h>

int __sys_clock_nanosleep(int clock, int flags, const void *req, void *rem);

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem) {
  int r = __sys_clock_nanosleep(clock, flags, req, rem);
  return r < 0 ? -r : 0;
}

int __sys_nanosleep(const unsigned int *req, unsigned int *rem);

unsigned int sleep(unsigned int seconds) {
  unsigned int req[2];
  unsigned int rem[2];
  req[0] = seconds;
  req[1] = 0;
  rem[0] = 0;
  rem[1] = 0;
  if (__sys_nanosleep(req, rem) < 0)
    return rem[0] + (rem[1] ? 1 : 0);
  return 0;
}
