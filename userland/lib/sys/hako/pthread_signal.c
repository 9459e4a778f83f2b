/* pthread_signal.c: signals and threads. Every thread has its own signal
 * mask (rt_sigprocmask changes the caller's only, as on Linux), so
 * pthread_sigmask is sigprocmask returning an error number; pthread_kill
 * directs a signal at one thread of the process with tgkill. */
#include <errno.h>
#include <signal.h>
#include "pthread_impl.h"

int __sys_tgkill(int tgid, int tid, int sig);

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old) {
  int saved = errno, r = 0;
  if (sigprocmask(how, set, old) != 0)
    r = errno;
  errno = saved;
  return r;
}

int pthread_kill(pthread_t thread, int sig) {
  struct __pthread *t = (struct __pthread *)thread;
  int pid = __sys_getpid();
  int tid = t == &__pthread_main && t->tid == 0 ? pid : t->tid;
  int r;
  if (tid == 0)
    return ESRCH;   /* it has ended */
  r = __sys_tgkill(pid, tid, sig);
  return r < 0 ? -r : 0;
}
