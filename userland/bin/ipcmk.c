/* ipcmk: makes System V IPC objects, util-linux syntax:
 * `ipcmk [-M SIZE] [-Q] [-S NSEMS] [-p MODE]` (MODE octal, default 0644),
 * each a new IPC_PRIVATE object, and prints its id ("Shared memory id: N",
 * "Message queue id: N", "Semaphore id: N", in that order). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int queue = 0, nsems = 0, mode = 0644;
  long shm_size = 0;
  int i, failed = 0;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-M") == 0 && i + 1 < argc)
      shm_size = strtol(argv[++i], 0, 0);
    else if (strcmp(argv[i], "-Q") == 0)
      queue = 1;
    else if (strcmp(argv[i], "-S") == 0 && i + 1 < argc)
      nsems = atoi(argv[++i]);
    else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
      mode = (int)strtol(argv[++i], 0, 8);
    else
      goto usage;
  }
  if (!queue && nsems <= 0 && shm_size <= 0)
    goto usage;
  if (shm_size > 0) {
    int id = shmget(IPC_PRIVATE, (size_t)shm_size, IPC_CREAT | (mode & 0777));
    if (id < 0) {
      fprintf(stderr, "ipcmk: create share memory failed: %s\n", strerror(errno));
      failed = 1;
    } else {
      printf("Shared memory id: %d\n", id);
    }
  }
  if (queue) {
    int id = msgget(IPC_PRIVATE, IPC_CREAT | (mode & 0777));
    if (id < 0) {
      fprintf(stderr, "ipcmk: create message queue failed: %s\n", strerror(errno));
      failed = 1;
    } else {
      printf("Message queue id: %d\n", id);
    }
  }
  if (nsems > 0) {
    int id = semget(IPC_PRIVATE, nsems, IPC_CREAT | (mode & 0777));
    if (id < 0) {
      fprintf(stderr, "ipcmk: create semaphore failed: %s\n", strerror(errno));
      failed = 1;
    } else {
      printf("Semaphore id: %d\n", id);
    }
  }
  return failed;
usage:
  fprintf(stderr, "usage: ipcmk [-M SIZE] [-Q] [-S NSEMS] [-p MODE]\n");
  return 1;
}
