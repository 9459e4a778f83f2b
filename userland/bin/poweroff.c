/* poweroff [CODE]: shuts the machine down cleanly, then powers it off
 * through the reboot system call (88, LINUX_REBOOT_CMD_POWER_OFF); the
 * emulator exits with CODE (default 0) — `npm run os` returns it.
 *
 * The shutdown, as System V's shutdown scripts do it: tell init the system
 * is going down (SIGPWR: it starts no new shell), ask every other process
 * to end (SIGTERM, which kill(-1) sends to all but init and ourselves),
 * give them TERM_GRACE_TICKS, then SIGKILL whoever is left and wait until
 * they are gone. Each process that ends closes its files, so a file that
 * was deleted while still open is freed by the normal last close instead
 * of being left on the disk as an orphan inode. Then sync and power off.
 * The kernel's reboot path repeats the last steps for anything still
 * running (and for programs that call reboot(2) directly).
 *
 * Only root may do this; anyone else gets EPERM before anything is killed. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include <signal.h>
#include "ulib.h"

#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_MAGIC2 672274793
#define REBOOT_CMD_POWER_OFF 0x4321fedc

#define TICK_NS 10000000    /* how often we look: 10 ms */
#define TERM_GRACE_TICKS 200   /* 2 s for SIGTERM, then SIGKILL */
#define KILL_WAIT_TICKS 200    /* and 2 s more for SIGKILL */

void sync(void);

/* Waits until no process but init and us is left (kill(-1, 0) says ESRCH)
 * or `ticks` have passed; 1 if they are all gone. */
static int others_gone_within(int ticks) {
  unsigned int req[2];
  req[0] = 0;
  req[1] = TICK_NS;
  while (kill(-1, 0) == 0) {
    if (ticks-- <= 0)
      return 0;
    __sys_nanosleep(req, 0);
  }
  return 1;
}

int main(int argc, char **argv) {
  int code = argc > 1 ? atoi(argv[1]) : 0;
  int r;
  if (getuid() != 0) {
    errno = EPERM;
    perror("poweroff");
    return 1;
  }
  kill(1, SIGPWR);
  kill(-1, SIGTERM);
  if (!others_gone_within(TERM_GRACE_TICKS)) {
    kill(-1, SIGKILL);
    others_gone_within(KILL_WAIT_TICKS);
  }
  sync();
  r = __sys_reboot(REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF, code & 255);
  errno = -r;
  perror("poweroff");
  return 1;
}
