/* sys/sem.h: System V semaphore sets (semget, semop, semctl). libc
 * reaches them through ipc(2); struct semid_ds has the layout of Linux
 * i386's semid64_ds (hako/ipc.h). As POSIX says, the program defines
 * union semun { int val; struct semid_ds *buf; unsigned short *array; }
 * when it needs semctl's fourth argument. */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <sys/ipc.h>
#include <time.h>

struct semid_ds {
  struct ipc_perm sem_perm;
  unsigned long sem_otime, __sem_otime_high;
  unsigned long sem_ctime, __sem_ctime_high;
  unsigned long sem_nsems;
  unsigned long __unused3, __unused4;
};

int semget(key_t key, int nsems, int flags);
int semop(int id, struct sembuf *sops, size_t nsops);
/* semop with a relative timeout: EAGAIN when it passes while waiting. */
int semtimedop(int id, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
int semctl(int id, int semnum, int cmd, ...);

#endif
