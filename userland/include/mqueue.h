/* mqueue.h: POSIX message queues. A queue is named "/NAME" (libc passes
 * NAME to the kernel, as glibc does) and open as a descriptor (mqd_t);
 * messages come out highest priority first, in order within one priority.
 * struct mq_attr, struct sigevent and the limits are in hako/mqueue.h. */
#ifndef _MQUEUE_H
#define _MQUEUE_H

#include <sys/types.h>
#include <time.h>
#include <fcntl.h>
#include <hako/mqueue.h>

typedef int mqd_t;

mqd_t mq_open(const char *name, int oflag, ...);   /* with O_CREAT: mode_t mode, struct mq_attr *attr */
int mq_close(mqd_t mqd);
int mq_unlink(const char *name);
int mq_send(mqd_t mqd, const char *msg, size_t len, unsigned int prio);
int mq_timedsend(mqd_t mqd, const char *msg, size_t len, unsigned int prio, const struct timespec *abs_timeout);
ssize_t mq_receive(mqd_t mqd, char *msg, size_t len, unsigned int *prio);
ssize_t mq_timedreceive(mqd_t mqd, char *msg, size_t len, unsigned int *prio, const struct timespec *abs_timeout);
/* Asks for sevp->sigev_signo (SIGEV_SIGNAL) when a message arrives on the
 * empty queue and no receive waits; NULL cancels. SIGEV_THREAD: EINVAL. */
int mq_notify(mqd_t mqd, const struct sigevent *sevp);
int mq_getattr(mqd_t mqd, struct mq_attr *attr);
int mq_setattr(mqd_t mqd, const struct mq_attr *attr, struct mq_attr *old);

#endif
