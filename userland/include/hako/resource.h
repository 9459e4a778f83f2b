/* hako/resource.h: resource limits, shared by the kernel and libc — Linux
 * i386's resource numbers, struct rlimit (getrlimit 76, ugetrlimit 191,
 * setrlimit 75: two unsigned longs) and struct rlimit64 (prlimit64 340: two
 * 64-bit values). Plain C types only, so both worlds can include it. */
#ifndef _HAKO_RESOURCE_H
#define _HAKO_RESOURCE_H

#define RLIMIT_CPU 0          /* seconds of CPU time: SIGXCPU at soft, SIGKILL at hard */
#define RLIMIT_FSIZE 1        /* largest file a write or truncate may make: SIGXFSZ, EFBIG */
#define RLIMIT_DATA 2         /* heap (brk) plus private writable mappings: ENOMEM */
#define RLIMIT_STACK 3        /* the main stack's growth (set at exec): SIGSEGV past it */
#define RLIMIT_CORE 4         /* accepted; Hako writes no core files */
#define RLIMIT_RSS 5          /* accepted, not enforced (as Linux) */
#define RLIMIT_NPROC 6        /* processes (threads) per real user: fork EAGAIN, root exempt */
#define RLIMIT_NOFILE 7       /* one more than the highest descriptor: EMFILE */
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9           /* address space size: ENOMEM from brk, mmap, stack growth */
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16

#define RLIM_INFINITY 0xFFFFFFFFu            /* ugetrlimit, setrlimit */
#define RLIM_INFINITY_OLD 0x7FFFFFFFu        /* what the old getrlimit (76) reports for infinity */

struct rlimit {
  unsigned int rlim_cur;   /* soft limit: what is enforced */
  unsigned int rlim_max;   /* hard limit: the ceiling for rlim_cur */
};

struct rlimit64 {
  unsigned long long rlim_cur;
  unsigned long long rlim_max;
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)

#endif
