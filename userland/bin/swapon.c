/* swapon [-s] | swapon DEV | swapoff DEV (one program, by the name it was
 * run as: /bin/swapoff is a link to it).
 * With no argument or -s it prints /proc/swaps (the summary: Filename,
 * Type, Size, Used, Priority). With DEV it asks the kernel to start (or
 * stop) swapping on that block device (system calls 87 and 115); on
 * failure `swapon: DEV: <reason>` and exit 1. */
#include <stdio.h>
#include <string.h>
#include <errno.h>

int swapon(const char *path, int flags);   /* libc stubs of 87 and 115 */
int swapoff(const char *path);

static const char *basename_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static int summary(const char *prog) {
  char buf[512];
  FILE *f = fopen("/proc/swaps", "r");
  int n;
  if (!f) {
    fprintf(stderr, "%s: cannot read /proc/swaps\n", prog);
    return 1;
  }
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
  fclose(f);
  return 0;
}

int main(int argc, char **argv) {
  const char *prog = basename_of(argv[0]);
  int off = strcmp(prog, "swapoff") == 0;
  int r;
  if (!off && (argc == 1 || (argc == 2 && strcmp(argv[1], "-s") == 0))) return summary(prog);
  if (argc != 2 || argv[1][0] == '-') {
    fprintf(stderr, off ? "usage: swapoff DEV\n" : "usage: swapon [-s] | swapon DEV\n");
    return 1;
  }
  r = off ? swapoff(argv[1]) : swapon(argv[1], 0);
  if (r < 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, argv[1], strerror(errno));
    return 1;
  }
  return 0;
}
