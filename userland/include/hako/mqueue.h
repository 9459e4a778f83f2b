/* hako/mqueue.h: POSIX message queues' ABI, Linux i386's: struct mq_attr
 * (mq_getsetattr, mq_open's attr) and the limits, shared by the kernel
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

#define MQ_PRIO_MAX 32768     /* priorities are 0 .. MQ_PRIO_MAX-1 */
#define MQ_MAXMSG_DEFAULT 10
#define MQ_MSGSIZE_DEFAULT 8192
#define MQ_MAXMSG_USER 10     /* the most a user may ask for (Linux's msg_max) */
#define MQ_MSGSIZE_USER 8192  /* (Linux's msgsize_max) */
#define MQ_MAXMSG_ROOT 1024
#define MQ_MSGSIZE_ROOT 65536

#endif
