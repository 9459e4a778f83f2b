/* chroot: runs a command with another root directory, as coreutils':
 * `chroot NEWROOT [COMMAND [ARG]...]` (default `/bin/sh -i`). After
 * chroot(2) it changes to the new / so the cwd is inside the new root
 * (chroot itself leaves the cwd where it was). Root only (EPERM). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

int main(int argc, char **argv) {
  char *shell[3];
  if (argc < 2 || strcmp(argv[1], "--help") == 0) {
    fprintf(stderr, "usage: chroot NEWROOT [COMMAND [ARG]...]\n");
    return 125;
  }
  if (chroot(argv[1]) != 0) {
    fprintf(stderr, "chroot: cannot change root directory to '%s': %s\n", argv[1], strerror(errno));
    return 125;
  }
  if (chdir("/") != 0) {
    fprintf(stderr, "chroot: cannot change directory to '/': %s\n", strerror(errno));
    return 125;
  }
  if (argc == 2) {
    shell[0] = "/bin/sh";
    shell[1] = "-i";
    shell[2] = 0;
    argv = shell;
  } else {
    argv += 2;
  }
  execvp(argv[0], argv);
  fprintf(stderr, "chroot: failed to run command '%s': %s\n", argv[0], strerror(errno));
  return errno == ENOENT ? 127 : 126;
}
