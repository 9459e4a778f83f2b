/* raise.c: a signal to the calling process, and killpg (kill of -pgrp). */
#include <signal.h>
#include <unistd.h>
#include <errno.h>

int raise(int sig) {
  return kill(getpid(), sig);
}

int killpg(pid_t pgrp, int sig) {
  if (pgrp < 0) {
    errno = EINVAL;
    return -1;
  }
  return kill(-pgrp, sig);
}
