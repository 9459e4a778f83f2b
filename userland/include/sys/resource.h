/* sys/resource.h: resource limits and usage. The limits, struct rlimit and
 * struct rlimit64 are the kernel's (hako/resource.h, Linux i386);
 * getrlimit goes through ugetrlimit (191), whose infinity is ~0 as
 * RLIM_INFINITY says; setrlimit (75) and prlimit64 (340) are system-call
 * stubs. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <hako/resource.h>
#include <sys/time.h>

typedef unsigned int rlim_t;
typedef unsigned long long rlim64_t;
#define RLIM64_INFINITY (~0ULL)
#define RLIM_SAVED_CUR RLIM_INFINITY
#define RLIM_SAVED_MAX RLIM_INFINITY

struct rusage {
  struct timeval ru_utime;
  struct timeval ru_stime;
  long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
  long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
int prlimit64(int pid, int resource, const struct rlimit64 *new_limit, struct rlimit64 *old_limit);
int getrusage(int who, struct rusage *usage);

#endif
