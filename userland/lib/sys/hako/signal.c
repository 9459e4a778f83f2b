/* signal.c: signal(sig, handler) over rt_sigaction (174), with BSD
 * semantics (the handler stays installed). No SA_RESTORER: the kernel's
 * signal frame carries its own sigreturn code (kernel/proc/sigaction.c). */
#include <signal.h>
#include <errno.h>

int __sys_rt_sigaction(int sig, const unsigned int *act, unsigned int *old, unsigned int setsize);

sighandler_t signal(int sig, sighandler_t handler) {
  unsigned int act[5];
  unsigned int old[5];
  int r;
  act[0] = (unsigned int)handler;
  act[1] = 0;
  act[2] = 0;
  act[3] = 0;
  act[4] = 0;
  r = __sys_rt_sigaction(sig, act, old, 8);
  if (r < 0) {
    errno = -r;
    return SIG_ERR;
  }
  return (sighandler_t)old[0];
}
