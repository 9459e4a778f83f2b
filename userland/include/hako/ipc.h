/* hako/ipc.h: System V IPC's ABI, Linux i386's values and layouts, shared
 * by the kernel (kernel/ipc) and libc (sys/ipc.h, sys/msg.h): the ipc()
 * multiplexer's call numbers, the get/ctl flags and commands, and the
 * "64" structures (struct ipc64_perm, struct msqid64_ds) that ctl calls
 * with IPC_64 in the command read and write. Hako's libc always passes
 * IPC_64; the kernel refuses the old 16-bit-uid layouts with EINVAL. */
#ifndef _HAKO_IPC_H
#define _HAKO_IPC_H

/* ipc(2) call numbers (the low 16 bits of `call`; the high 16 are the version). */
#define HAKO_IPC_SEMOP 1
#define HAKO_IPC_SEMGET 2
#define HAKO_IPC_SEMCTL 3
#define HAKO_IPC_SEMTIMEDOP 4
#define HAKO_IPC_MSGSND 11
#define HAKO_IPC_MSGRCV 12
#define HAKO_IPC_MSGGET 13
#define HAKO_IPC_MSGCTL 14
#define HAKO_IPC_SHMAT 21
#define HAKO_IPC_SHMDT 22
#define HAKO_IPC_SHMGET 23
#define HAKO_IPC_SHMCTL 24

#define IPC_PRIVATE 0
#define IPC_CREAT 01000
#define IPC_EXCL 02000
#define IPC_NOWAIT 04000

#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64 0x0100

/* msgrcv flags and msgctl commands */
#define MSG_NOERROR 010000
#define MSG_EXCEPT 020000
#define MSG_COPY 040000
#define MSG_STAT 11
#define MSG_INFO 12

/* semctl commands and semop flags */
#define GETPID 11
#define GETVAL 12
#define GETALL 13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL 16
#define SETALL 17
#define SEM_STAT 18
#define SEM_UNDO 0x1000

/* limits (Linux's defaults) */
#define MSGMAX 8192     /* largest message text */
#define MSGMNB 16384    /* default bytes a queue holds (msg_qbytes) */
#define MSGMNI 32       /* queues at once on Hako */
#define SEMMSL 250      /* semaphores per set */
#define SEMOPM 500      /* operations per semop */
#define SEMVMX 32767    /* the largest semaphore value */
#define SEMAEM SEMVMX   /* the largest SEM_UNDO adjustment */
#define SEMMNI 32       /* sets at once on Hako */
#define SHMMIN 1        /* smallest segment, bytes */
#define SHMMAX 0x1000000   /* largest segment on Hako: 16 MiB */
#define SHMALL 8192     /* pages of all segments together on Hako (32 MiB) */
#define SHMMNI 32       /* segments at once on Hako */
#define SHMLBA 4096     /* attach addresses are multiples of this (i386: a page) */

/* shmat flags, shmctl commands, and the mode bits shmctl reports */
#define SHM_RDONLY 010000
#define SHM_RND 020000
#define SHM_REMAP 040000
#define SHM_EXEC 0100000
#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13
#define SHM_INFO 14
#define SHM_STAT_ANY 15
#define SHM_DEST 01000     /* IPC_RMID done: destroyed at the last detach */
#define SHM_LOCKED 02000   /* SHM_LOCK (Hako never swaps segments anyway) */

struct ipc64_perm {
  int key;
  unsigned int uid, gid;     /* owner */
  unsigned int cuid, cgid;   /* creator */
  unsigned short mode;       /* the 9 permission bits (and, for shm, SHM_DEST/SHM_LOCKED) */
  unsigned short __pad1;
  unsigned short seq;
  unsigned short __pad2;
  unsigned long __unused1, __unused2;
};

struct msqid64_ds {
  struct ipc64_perm msg_perm;
  unsigned long msg_stime, msg_stime_high;   /* last msgsnd */
  unsigned long msg_rtime, msg_rtime_high;   /* last msgrcv */
  unsigned long msg_ctime, msg_ctime_high;   /* made or last IPC_SET */
  unsigned long msg_cbytes;   /* bytes on the queue */
  unsigned long msg_qnum;     /* messages on the queue */
  unsigned long msg_qbytes;   /* the most bytes it may hold */
  int msg_lspid, msg_lrpid;   /* last sender, last receiver */
  unsigned long __unused4, __unused5;
};

struct semid64_ds {
  struct ipc64_perm sem_perm;
  unsigned long sem_otime, sem_otime_high;   /* last semop */
  unsigned long sem_ctime, sem_ctime_high;   /* made or last changed by semctl */
  unsigned long sem_nsems;
  unsigned long __unused3, __unused4;
};

struct shmid64_ds {
  struct ipc64_perm shm_perm;
  unsigned long shm_segsz;                  /* size in bytes, as asked */
  unsigned long shm_atime, shm_atime_high;  /* last shmat */
  unsigned long shm_dtime, shm_dtime_high;  /* last shmdt */
  unsigned long shm_ctime, shm_ctime_high;  /* made or last IPC_SET */
  int shm_cpid, shm_lpid;                   /* creator, last shmat/shmdt */
  unsigned long shm_nattch;                 /* attaches now */
  unsigned long __unused4, __unused5;
};

/* shmctl(IPC_INFO): the limits (Linux's struct shminfo64). */
struct shminfo64 {
  unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
  unsigned long __unused1, __unused2, __unused3, __unused4;
};

/* shmctl(SHM_INFO): what is in use (Linux's struct shm_info). */
struct shm_info {
  int used_ids;
  unsigned long shm_tot;        /* pages of all segments */
  unsigned long shm_rss;        /* of them resident */
  unsigned long shm_swp;        /* of them in swap (always 0 on Hako) */
  unsigned long swap_attempts, swap_successes;
};

/* One semop operation. */
struct sembuf {
  unsigned short sem_num;
  short sem_op;
  short sem_flg;   /* IPC_NOWAIT, SEM_UNDO */
};

/* ipc(MSGRCV) version 0 passes this through ptr. */
struct ipc_kludge {
  void *msgp;
  long msgtyp;
};

#endif
