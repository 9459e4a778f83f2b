/* shmdemo: attach a System V shared memory segment and show it, for
 * watching two processes share one:
 *
 *   shmdemo [-w TEXT] [-s SECONDS] SHMID
 *
 * Attaches segment SHMID (shmat: read-write with -w, else read-only),
 * writes TEXT at its start with -w, prints what the segment starts with
 * ("pid N sees: TEXT"), then with -s stays attached for SECONDS before
 * detaching (so ipcs -m counts it and a debugger can look at its pages).
 * Exit status 1 when the attach fails (the reason on stderr). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/shm.h>
#include "ulib.h"

int main(int argc, char **argv) {
  const char *text = 0;
  int seconds = 0, id, i;
  char *p;
  for (i = 1; i < argc - 1 && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-w") == 0 && i + 1 < argc - 1)
      text = argv[++i];
    else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc - 1)
      seconds = atoi(argv[++i]);
    else
      goto usage;
  }
  if (i != argc - 1)
    goto usage;
  id = atoi(argv[i]);
  p = (char *)shmat(id, 0, text ? 0 : SHM_RDONLY);
  if (p == (char *)-1) {
    fprintf(stderr, "shmdemo: shmat %d: %s\n", id, strerror(errno));
    return 1;
  }
  if (text) {
    struct shmid_ds ds;
    size_t room = shmctl(id, IPC_STAT, &ds) == 0 ? ds.shm_segsz : 1;
    size_t n = strlen(text);
    if (n > room - 1)
      n = room - 1;   /* never past the segment */
    memcpy(p, text, n);
    p[n] = 0;
  }
  printf("pid %d sees: %.200s\n", (int)getpid(), p);
  fflush(stdout);
  if (seconds > 0)
    sleep(seconds);
  shmdt(p);
  return 0;
usage:
  fprintf(stderr, "usage: shmdemo [-w TEXT] [-s SECONDS] SHMID\n");
  return 1;
}
