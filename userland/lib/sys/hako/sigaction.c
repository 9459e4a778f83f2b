/* sigaction.c: the POSIX signal calls over the kernel's rt_sig* calls
 * (sigaction 174, sigprocmask 175, sigpending 176, sigsuspend 179). The
 * kernel's struct (i386: handler, flags, restorer, 64-bit mask) differs
 * from the C library's, so sigaction converts. No SA_RESTORER: the
 * kernel's signal frame carries its own sigreturn code
 * (kernel/proc/sigaction.c). signal() installs a handler with SA_RESTART,
 * as glibc's does: a slow read or wait goes on after the handler;
 * siginterrupt(sig, 1) asks for EINTR instead. */
#include <signal.h>
#include <errno.h>

int __sys_rt_sigaction(int sig, const unsigned int *act, unsigned int *old, unsigned int setsize);
int __sys_rt_sigprocmask(int how, const sigset_t *set, sigset_t *old, unsigned int setsize);
int __sys_rt_sigpending(sigset_t *set, unsigned int setsize);
int __sys_rt_sigsuspend(const sigset_t *set, unsigned int setsize);

static int result(int r) {
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  unsigned int k[5];
  unsigned int o[5];
  int r;
  if (act) {
    k[0] = (unsigned int)act->sa_handler;
    k[1] = (unsigned int)act->sa_flags;
    k[2] = 0;
    k[3] = act->sa_mask.__bits[0];
    k[4] = act->sa_mask.__bits[1];
  }
  r = __sys_rt_sigaction(sig, act ? k : 0, old ? o : 0, 8);
  if (r < 0)
    return result(r);
  if (old) {
    old->sa_handler = (sighandler_t)o[0];
    old->sa_flags = (int)o[1];
    old->sa_restorer = 0;
    old->sa_mask.__bits[0] = o[3];
    old->sa_mask.__bits[1] = o[4];
  }
  return 0;
}

sighandler_t signal(int sig, sighandler_t handler) {
  struct sigaction act, old;
  act.sa_handler = handler;
  act.sa_flags = SA_RESTART;
  sigemptyset(&act.sa_mask);
  if (sigaction(sig, &act, &old) < 0)
    return SIG_ERR;
  return old.sa_handler;
}

int siginterrupt(int sig, int flag) {
  struct sigaction act;
  if (sigaction(sig, 0, &act) < 0)
    return -1;
  if (flag)
    act.sa_flags &= ~SA_RESTART;
  else
    act.sa_flags |= SA_RESTART;
  return sigaction(sig, &act, 0);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
  return result(__sys_rt_sigprocmask(how, set, old, 8));
}

int sigpending(sigset_t *set) {
  return result(__sys_rt_sigpending(set, 8));
}

int sigsuspend(const sigset_t *mask) {
  return result(__sys_rt_sigsuspend(mask, 8));
}
