/* umount [-f] [-l] DIR: unmounts the file system mounted on DIR
 * (umount2(2); -f is MNT_FORCE, -l MNT_DETACH, which Hako refuses).
 * `umount: DIR: REASON` and exit 32 when the kernel refuses (EBUSY while a
 * file is open, a shell's cwd is inside or something is mounted below). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/mount.h>

int main(int argc, char **argv) {
  int flags = 0, i, status = 0;
  for (i = 1; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-f") == 0) flags |= MNT_FORCE;
    else if (strcmp(argv[i], "-l") == 0) flags |= MNT_DETACH;
    else break;
  }
  if (i == argc) {
    fprintf(stderr, "usage: umount [-f] [-l] DIR...\n");
    return 1;
  }
  for (; i < argc; i++) {
    if (umount2(argv[i], flags) != 0) {
      fprintf(stderr, "umount: %s: %s\n", argv[i], strerror(errno));
      status = 32;
    }
  }
  return status;
}
