/* mycat: copy files to standard output with system calls only.
 * Lab 01 — read en.md (or ja.md) beside this folder first.
 * Build and grade: npm run lab -- mycat */
#include <fcntl.h>
#include <unistd.h>

/* Copies fd to standard output. Returns 0, or -1 on a read or write error. */
static int copy(int fd) {
  char c;
  /* TODO: one byte per read() works, but every read() is a system call. */
  while (read(fd, &c, 1) == 1) {
    write(1, &c, 1);
  }
  return 0;
}

int main(int argc, char **argv) {
  int i;
  if (argc == 1) return copy(0) == 0 ? 0 : 1;
  for (i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    /* TODO: a file that cannot be opened */
    copy(fd);
    close(fd);
  }
  return 0;
}
