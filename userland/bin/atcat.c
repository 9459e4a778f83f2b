/* atcat: cat NAMEs relative to a directory held open, with openat(2).
 *
 *   atcat [-w SECONDS] DIR NAME...
 *
 * Opens DIR once (O_RDONLY|O_DIRECTORY), says which descriptor holds it,
 * optionally waits (so the directory can be renamed or moved meanwhile),
 * then opens each NAME with openat(dirfd, NAME) and copies it to standard
 * output. A relative NAME is looked up from the directory the descriptor
 * holds, not from a path: wherever the directory went meanwhile, the same
 * directory is searched, which a path such as DIR/NAME would not do. After
 * the wait it says where the directory is now (/proc/self/fd/N). What the
 * openat family is for: the *at calls name a directory by a descriptor,
 * as open() names it by the current directory (open(p) is openat(AT_FDCWD,
 * p)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

static void usage(void) {
  fprintf(stderr, "usage: atcat [-w SECONDS] DIR NAME...\n");
  exit(2);
}

/* SECONDS as "S" or "S.FFF" (there is no floating point). */
static void wait_for(const char *arg) {
  struct timespec t;
  const char *p = arg;
  long scale = 100000000;
  t.tv_sec = 0;
  t.tv_nsec = 0;
  if (*p == 0) usage();
  while (*p >= '0' && *p <= '9') t.tv_sec = t.tv_sec * 10 + (*p++ - '0');
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10) t.tv_nsec += (*p - '0') * scale;
  if (*p) usage();
  while (nanosleep(&t, &t) < 0 && errno == EINTR) {
  }
}

int main(int argc, char **argv) {
  const char *wait = 0;
  char link[64], where[256];
  int i = 1, dirfd, status = 0, n;
  if (argc > 2 && strcmp(argv[1], "-w") == 0) {
    wait = argv[2];
    i = 3;
  }
  if (argc - i < 2) usage();
  dirfd = open(argv[i], O_RDONLY | O_DIRECTORY);
  if (dirfd < 0) {
    fprintf(stderr, "atcat: %s: %s\n", argv[i], strerror(errno));
    return 1;
  }
  printf("atcat: %s is open as descriptor %d\n", argv[i], dirfd);
  fflush(stdout);
  if (wait) {
    wait_for(wait);
    sprintf(link, "/proc/self/fd/%d", dirfd);
    n = readlink(link, where, sizeof where - 1);
    if (n >= 0) {
      where[n] = 0;
      printf("atcat: descriptor %d is now %s\n", dirfd, where);
    }
  }
  for (i++; i < argc; i++) {
    char buf[4096];
    int fd = openat(dirfd, argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "atcat: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    fflush(stdout);
    while ((n = read(fd, buf, sizeof buf)) > 0) write(1, buf, n);
    close(fd);
  }
  return status;
}
