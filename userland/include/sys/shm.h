/* sys/shm.h: System V shared memory (shmget, shmat, shmdt, shmctl). libc
 * reaches them through ipc(2), as glibc does on i386; struct shmid_ds has
 * the layout of Linux i386's shmid64_ds (hako/ipc.h, docs/abi.md). */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>

typedef unsigned long shmatt_t;

struct shmid_ds {
  struct ipc_perm shm_perm;
  size_t shm_segsz;                           /* bytes, as asked */
  unsigned long shm_atime, __shm_atime_high;  /* last shmat */
  unsigned long shm_dtime, __shm_dtime_high;  /* last shmdt */
  unsigned long shm_ctime, __shm_ctime_high;  /* made or last IPC_SET */
  pid_t shm_cpid, shm_lpid;                   /* creator, last shmat/shmdt */
  shmatt_t shm_nattch;                        /* attaches now */
  unsigned long __unused4, __unused5;
};

int shmget(key_t key, size_t size, int flags);
void *shmat(int id, const void *addr, int flags);
int shmdt(const void *addr);
int shmctl(int id, int cmd, struct shmid_ds *buf);

#endif
