/* tls.h: the start of a thread's TLS block, the part libc's core reads.
 *
 * The thread pointer (rdtp; set_thread_area or CLONE_SETTLS) of a thread
 * libc made points at its block, whose first word points at itself and
 * whose second is the thread's errno (docs/abi.md, "Thread-local
 * storage"). The rest of the block is the pthread library's (sys/hako/
 * pthread_impl.h). A thread pointer that is 0 or points elsewhere (the
 * bare machine, the host tests, a goroutine M, a program's own
 * set_thread_area) is not ours: such a thread uses the process-wide
 * fallback errno. The self word tells the two apart. */
#ifndef _LIBC_TLS_H
#define _LIBC_TLS_H

struct __tls {
  struct __tls *self;   /* +0: this block's own address */
  int errno_value;      /* +4: the thread's errno */
};

#endif
