/* signal.h: signals (numbers from hako/signal.h) and their POSIX interface
 * over the kernel's rt_sig* calls (userland/lib/sys/hako/sigaction.c).
 * Hako's signal frame passes only the signal number: no SA_SIGINFO. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <hako/signal.h>

typedef void (*sighandler_t)(int);
typedef int sig_atomic_t;

/* 64 bits, as the kernel's rt_sig* calls take (setsize 8); Hako uses the
 * low 32 signals. */
typedef struct {
  unsigned long __bits[2];
} sigset_t;

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

/* sa_flags (Linux values) */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK    SA_NODEFER
#define SA_ONESHOT   SA_RESETHAND

struct sigaction {
  sighandler_t sa_handler;
  sigset_t sa_mask;
  int sa_flags;
  void (*sa_restorer)(void);
};

/* sigprocmask's how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sigaltstack */
typedef struct {
  void *ss_sp;
  int ss_flags;
  size_t ss_size;
} stack_t;
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
sighandler_t signal(int sig, sighandler_t handler);
int siginterrupt(int sig, int flag);
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *ss, stack_t *old);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
void psignal(int sig, const char *s);
char *strsignal(int sig);

#endif
