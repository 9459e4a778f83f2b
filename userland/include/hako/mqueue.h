/* hako/mqueue.h: POSIX message queues' ABI, Linux i386's: struct mq_attr
 * (mq_getsetattr, mq_open's attr), struct sigevent (mq_notify)
 * and the limits, shared by the kernel
 * (kernel/ipc/mqueue.c) and libc (<mqueue.h>). */
#ifndef _HAKO_MQUEUE_H
#define _HAKO_MQUEUE_H

struct mq_attr {
  long mq_flags;     /* O_NONBLOCK or 0 (the open file's) */
  long mq_maxmsg;    /* messages the queue holds at most */
  long mq_msgsize;   /* the largest message */
  long mq_curmsgs;   /* messages on it now */
  long __reserved[4];
};

/* mq_notify's request: the head of Linux's struct sigevent (64 bytes in
 * all; the rest is only for SIGEV_THREAD, which Hako does not do). */
struct sigevent {
  union {
    int sival_int;
    void *sival_ptr;
  } sigev_value;
  int sigev_signo;
  int sigev_notify;
  int __pad[13];
};
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2

#define MQ_PRIO_MAX 32768     /* priorities are 0 .. MQ_PRIO_MAX-1 */
#define MQ_MAXMSG_DEFAULT 10
#define MQ_MSGSIZE_DEFAULT 8192
#define MQ_MAXMSG_USER 10     /* the most a user may ask for (Linux's msg_max) */
#define MQ_MSGSIZE_USER 8192  /* (Linux's msgsize_max) */
#define MQ_MAXMSG_ROOT 1024
#define MQ_MSGSIZE_ROOT 65536

#endif
