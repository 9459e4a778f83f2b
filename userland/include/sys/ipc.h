/* sys/ipc.h: System V IPC's common part — key_t, ftok, IPC_PRIVATE and
 * the get/ctl flags, and struct ipc_perm (the layout of Linux i386's
 * ipc64_perm, which the kernel fills: hako/ipc.h). */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>
#include <hako/ipc.h>

typedef int key_t;

struct ipc_perm {
  key_t __key;
  unsigned int uid, gid;     /* owner */
  unsigned int cuid, cgid;   /* creator */
  unsigned short mode;
  unsigned short __pad1;
  unsigned short __seq;
  unsigned short __pad2;
  unsigned long __unused1, __unused2;
};

/* A key from a file's inode and device and a project byte, as glibc's. */
key_t ftok(const char *path, int proj_id);

#endif
