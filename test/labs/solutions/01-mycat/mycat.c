/* The reference solution of lab 01: whole blocks per system call, every
 * error reported with the file's name, the status 1 if any file failed. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define BLOCK 4096

static char buf[BLOCK];

static void complain(const char *name, int err) {
  const char *msg = strerror(err);
  write(2, "mycat: ", 7);
  write(2, name, strlen(name));
  write(2, ": ", 2);
  write(2, msg, strlen(msg));
  write(2, "\n", 1);
}

/* Copies fd to standard output; 0, or the errno of a failed read or write. */
static int copy(int fd) {
  for (;;) {
    int n = read(fd, buf, BLOCK);
    int done = 0;
    if (n == 0) return 0;
    if (n < 0) { if (errno == EINTR) continue; return errno; }
    while (done < n) {               /* a write may take less than asked */
      int w = write(1, buf + done, n - done);
      if (w < 0) { if (errno == EINTR) continue; return errno; }
      done += w;
    }
  }
}

int main(int argc, char **argv) {
  int status = 0;
  int i;
  int err;
  if (argc == 1) {
    err = copy(0);
    if (err) { complain("-", err); return 1; }
    return 0;
  }
  for (i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) { complain(argv[i], errno); status = 1; continue; }
    err = copy(fd);
    if (err) { complain(argv[i], err); status = 1; }
    close(fd);
  }
  return status;
}
