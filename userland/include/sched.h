/* sched.h: clone and the scheduler calls. */
#ifndef _SCHED_H
#define _SCHED_H

#include <hako/sched.h>

/* Runs fn(arg) in a new thread or process on `stack` (its top); the child
 * ends with fn's result. Returns the child's thread id, or -1 and errno.
 * ptid, tls (a struct user_desc *) and ctid are read per the CLONE_ flags. */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, int *ptid, void *tls, int *ctid);
int sched_yield(void);
int gettid(void);
int tkill(int tid, int sig);
int tgkill(int tgid, int tid, int sig);
int set_tid_address(int *tidptr);
/* The thread pointer: this thread's TLS base (rdtp), set by
 * set_thread_area or clone's CLONE_SETTLS (a struct user_desc). */
void *__get_tp(void);
int set_thread_area(struct user_desc *u);
/* Namespaces (CLONE_NEWUTS, CLONE_NEWPID, ...): unshare(2) for the caller
 * (CLONE_NEWPID: for its next children), setns(2) joins the namespace of an
 * open /proc/PID/ns/KIND file (nstype 0 or its CLONE_NEW* flag). */
int unshare(int flags);
int setns(int fd, int nstype);

#endif
