/* nprocs: calls system call 500, the one lab 05 adds to the kernel.
 * You do not need to change this program: the lab is in kernel/.
 *   nprocs           prints the number of processes
 *   nprocs --wait    … then waits for Enter (the grader counts meanwhile)
 *   nprocs --bad     passes a wild pointer: the kernel must say EFAULT
 *   nprocs --kernel  passes a kernel address: EFAULT too, and no damage
 *   nprocs --next    calls 501, which must stay unimplemented (ENOSYS) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NR_NPROCS 500

int main(int argc, char **argv) {
  const char *opt = argc > 1 ? argv[1] : "";
  unsigned count = 0;
  long r;
  if (strcmp(opt, "--bad") == 0) r = syscall(NR_NPROCS, (void *)16);
  else if (strcmp(opt, "--kernel") == 0) r = syscall(NR_NPROCS, (void *)0xC0100000);
  else if (strcmp(opt, "--next") == 0) r = syscall(NR_NPROCS + 1, &count);
  else r = syscall(NR_NPROCS, &count);
  if (r < 0) {
    printf("nprocs: %s\n", strerror(errno));
    return 1;
  }
  printf("nprocs: %u\n", count);
  if (strcmp(opt, "--wait") == 0) {
    char c;
    read(0, &c, 1);
  }
  return 0;
}
