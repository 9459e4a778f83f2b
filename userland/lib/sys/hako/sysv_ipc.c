/* sysv_ipc.c: libc's System V IPC calls over Linux i386's ipc(2)
 * multiplexer (117), as glibc does there: msgrcv passes msgp and msgtyp in
 * a struct ipc_kludge (version 0), semctl's union semun by pointer, every ctl command carries IPC_64 so the
 * kernel uses the 32-bit-uid layouts, shmat's address comes back through a
 * pointer (ipc() itself returns 0); and ftok. */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <errno.h>

long __sys_ipc(unsigned int call, int first, int second, int third, void *ptr, int fifth);

static int result(long r) {
  if (r < 0) {
    errno = -(int)r;
    return -1;
  }
  return (int)r;
}

key_t ftok(const char *path, int proj_id) {
  struct stat st;
  if (stat(path, &st) < 0)
    return -1;
  return (key_t)(((unsigned int)proj_id & 0xff) << 24 | (st.st_dev & 0xff) << 16 | (st.st_ino & 0xffff));
}

int msgget(key_t key, int flags) {
  return result(__sys_ipc(HAKO_IPC_MSGGET, key, flags, 0, 0, 0));
}

int msgsnd(int id, const void *msgp, size_t size, int flags) {
  return result(__sys_ipc(HAKO_IPC_MSGSND, id, (int)size, flags, (void *)msgp, 0));
}

int msgrcv(int id, void *msgp, size_t size, long type, int flags) {
  struct ipc_kludge k;
  k.msgp = msgp;
  k.msgtyp = type;
  return result(__sys_ipc(HAKO_IPC_MSGRCV, id, (int)size, flags, &k, 0));
}

int msgctl(int id, int cmd, struct msqid_ds *buf) {
  return result(__sys_ipc(HAKO_IPC_MSGCTL, id, cmd | IPC_64, 0, buf, 0));
}

int semget(key_t key, int nsems, int flags) {
  return result(__sys_ipc(HAKO_IPC_SEMGET, key, nsems, flags, 0, 0));
}

int semop(int id, struct sembuf *sops, size_t nsops) {
  return result(__sys_ipc(HAKO_IPC_SEMOP, id, (int)nsops, 0, sops, 0));
}

/* The fourth argument, union semun, is one word (an int or a pointer):
 * ipc(SEMCTL) takes a pointer to it. */
int semctl(int id, int semnum, int cmd, ...) {
  va_list ap;
  unsigned long arg;
  va_start(ap, cmd);
  arg = va_arg(ap, unsigned long);
  va_end(ap);
  return result(__sys_ipc(HAKO_IPC_SEMCTL, id, semnum, cmd | IPC_64, &arg, 0));
}

int semtimedop(int id, struct sembuf *sops, size_t nsops, const struct timespec *timeout) {
  return result(__sys_ipc(HAKO_IPC_SEMTIMEDOP, id, (int)nsops, 0, sops, (int)timeout));
}

int shmget(key_t key, size_t size, int flags) {
  return result(__sys_ipc(HAKO_IPC_SHMGET, key, (int)size, flags, 0, 0));
}

void *shmat(int id, const void *addr, int flags) {
  unsigned long raddr;
  long r = __sys_ipc(HAKO_IPC_SHMAT, id, flags, (int)&raddr, (void *)addr, 0);
  if (r < 0) {
    errno = -(int)r;
    return (void *)-1;
  }
  return (void *)raddr;
}

int shmdt(const void *addr) {
  return result(__sys_ipc(HAKO_IPC_SHMDT, 0, 0, 0, (void *)addr, 0));
}

int shmctl(int id, int cmd, struct shmid_ds *buf) {
  return result(__sys_ipc(HAKO_IPC_SHMCTL, id, cmd | IPC_64, 0, buf, 0));
}
