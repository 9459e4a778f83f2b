/* sys/msg.h: System V message queues (msgget, msgsnd, msgrcv, msgctl).
 * libc reaches them through ipc(2); struct msqid_ds has the layout of
 * Linux i386's msqid64_ds (hako/ipc.h). A message is a long type > 0
 * followed by its text: struct { long mtype; char mtext[N]; }. */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <sys/ipc.h>

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

struct msqid_ds {
  struct ipc_perm msg_perm;
  unsigned long msg_stime, __msg_stime_high;
  unsigned long msg_rtime, __msg_rtime_high;
  unsigned long msg_ctime, __msg_ctime_high;
  unsigned long __msg_cbytes;
  msgqnum_t msg_qnum;
  msglen_t msg_qbytes;
  pid_t msg_lspid, msg_lrpid;
  unsigned long __unused4, __unused5;
};

int msgget(key_t key, int flags);
int msgsnd(int id, const void *msgp, size_t size, int flags);
int msgrcv(int id, void *msgp, size_t size, long type, int flags);
int msgctl(int id, int cmd, struct msqid_ds *buf);

#endif
