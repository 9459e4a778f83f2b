/* ipcs: shows the System V IPC objects, as util-linux's ipcs does:
 * `ipcs [-q] [-m] [-s] [-a]` (no option: all three). Each kind is a
 * section: a blank line, a title, a column header, one line per object.
 * The objects are found by walking the kernel's table slots with
 * MSG_STAT / SHM_STAT / SEM_STAT. A segment's status column says "dest"
 * once IPC_RMID has marked it (it lives until its last detach) and
 * "locked" after SHM_LOCK. Objects the caller may not read are left out,
 * as on Linux. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "ulib.h"

static const char *owner_name(unsigned int uid, char *buf) {
  struct passwd *pw = getpwuid(uid);
  if (pw)
    return pw->pw_name;
  sprintf(buf, "%u", uid);
  return buf;
}

static void show_queues(void) {
  int slot;
  printf("\n------ Message Queues --------\n");
  printf("key        msqid      owner      perms      used-bytes   messages    \n");
  for (slot = 0; slot < MSGMNI; slot++) {
    struct msqid_ds ds;
    char num[16];
    int id = msgctl(slot, MSG_STAT, &ds);
    if (id < 0)
      continue;
    printf("0x%08x %-10d %-10s %-10o %-12lu %-12lu\n", (unsigned int)ds.msg_perm.__key, id,
           owner_name(ds.msg_perm.uid, num), ds.msg_perm.mode & 0777, ds.__msg_cbytes, ds.msg_qnum);
  }
}

static void show_segments(void) {
  int slot;
  printf("\n------ Shared Memory Segments --------\n");
  printf("key        shmid      owner      perms      bytes      nattch     status      \n");
  for (slot = 0; slot < SHMMNI; slot++) {
    struct shmid_ds ds;
    char num[16];
    int id = shmctl(slot, SHM_STAT, &ds);
    if (id < 0)
      continue;
    printf("0x%08x %-10d %-10s %-10o %-10lu %-10lu %-6s %-6s\n", (unsigned int)ds.shm_perm.__key, id,
           owner_name(ds.shm_perm.uid, num), ds.shm_perm.mode & 0777, (unsigned long)ds.shm_segsz, ds.shm_nattch,
           (ds.shm_perm.mode & SHM_DEST) ? "dest" : " ", (ds.shm_perm.mode & SHM_LOCKED) ? "locked" : " ");
  }
}

static void show_semaphores(void) {
  int slot;
  printf("\n------ Semaphore Arrays --------\n");
  printf("key        semid      owner      perms      nsems     \n");
  for (slot = 0; slot < SEMMNI; slot++) {
    struct semid_ds ds;
    char num[16];
    int id = semctl(slot, 0, SEM_STAT, &ds);
    if (id < 0)
      continue;
    printf("0x%08x %-10d %-10s %-10o %-10lu\n", (unsigned int)ds.sem_perm.__key, id,
           owner_name(ds.sem_perm.uid, num), ds.sem_perm.mode & 0777, ds.sem_nsems);
  }
}

int main(int argc, char **argv) {
  int queues = 0, segments = 0, semaphores = 0;
  int i;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || !a[1])
      goto usage;
    for (a++; *a; a++) {
      if (*a == 'q')
        queues = 1;
      else if (*a == 'm')
        segments = 1;
      else if (*a == 's')
        semaphores = 1;
      else if (*a == 'a')
        queues = segments = semaphores = 1;
      else
        goto usage;
    }
  }
  if (!queues && !segments && !semaphores)
    queues = segments = semaphores = 1;
  if (queues)
    show_queues();
  if (segments)
    show_segments();
  if (semaphores)
    show_semaphores();
  printf("\n");
  return 0;
usage:
  fprintf(stderr, "usage: ipcs [-q] [-m] [-s] [-a]\n");
  return 1;
}
