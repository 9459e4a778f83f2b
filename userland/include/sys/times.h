/* sys/times.h: process CPU times in clock ticks (Linux i386 struct tms);
 * times is a system-call stub (userland/lib/sys/hako). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

typedef long clock_t;

struct tms {
  clock_t tms_utime;
  clock_t tms_stime;
  clock_t tms_cutime;
  clock_t tms_cstime;
};

clock_t times(struct tms *buf);

#endif
