/* signal.h: signals (numbers from hako/signal.h). Declarations only for
 * now: kill is a system-call stub (userland/lib/sys/hako); handlers come
 * with sigaction in a later issue. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <hako/signal.h>

typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

int kill(pid_t pid, int sig);
int raise(int sig);
sighandler_t signal(int sig, sighandler_t handler);

#endif
