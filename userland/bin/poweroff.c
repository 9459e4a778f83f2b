/* poweroff [CODE]: flushes the disks (sync) and powers the machine off
 * through the reboot system call (88, LINUX_REBOOT_CMD_POWER_OFF); the
 * emulator exits with CODE (default 0) — `npm run os` returns it. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_MAGIC2 672274793
#define REBOOT_CMD_POWER_OFF 0x4321fedc

void sync(void);

int main(int argc, char **argv) {
  int code = argc > 1 ? atoi(argv[1]) : 0;
  int r;
  sync();
  r = __sys_reboot(REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF, code & 255);
  errno = -r;
  perror("poweroff");
  return 1;
}
