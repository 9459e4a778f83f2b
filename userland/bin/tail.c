/* tail: the last part of each file or stdin.
 *   -n N (or -N) the last N lines (default 10); -n +N from line N on
 *   -c N the last N bytes; -c +N from byte N on
 *   -q never print "==> NAME <==" headers, -v always
 * Reads the whole input into memory (files here are small), then prints
 * from the N-th newline counted from the end. With -f (one file) it then
 * follows the file: every 1/4 s whatever was appended is printed; a file
 * that got shorter (truncated, or rotated and recreated) is read again
 * from its start. It ends on ^C (SIGINT's default action). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>
#include "ulib.h"

static struct u_count_opts opts;

static int tail(int fd) {
  int len;
  int pos;
  int st;
  char *data = u_read_all(fd, &len);
  if (!data) {
    fprintf(stderr, "tail: out of memory\n");
    return 1;
  }
  if (opts.sign == '+') {
    /* from line (or byte) count on, counting from 1 */
    long skip = opts.count > 0 ? opts.count - 1 : 0;
    if (opts.bytes) {
      pos = skip >= len ? len : (int)skip;
    } else {
      pos = 0;
      while (skip > 0 && pos < len) {
        if (data[pos++] == '\n')
          skip--;
      }
    }
  } else if (opts.bytes) {
    pos = opts.count >= len ? 0 : len - (int)opts.count;
  } else {
    long lines = opts.count;
    pos = len;
    if (pos > 0 && data[pos - 1] == '\n')
      pos--;
    if (lines == 0)
      pos = len;
    while (pos > 0 && lines > 0) {
      if (data[pos - 1] == '\n' && --lines == 0)
        break;
      pos--;
    }
  }
  st = u_write_all("tail", 1, data + pos, len - pos) != 0;
  free(data);
  return st;
}

/* -f: print what is appended to path from offset on, forever. */
static int follow(const char *path, long offset) {
  static char buf[4096];
  struct timespec quarter = { 0, 250000000 };
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    u_perror2("tail", path);
    return 1;
  }
  lseek(fd, offset, SEEK_SET);
  for (;;) {
    struct stat st;
    int n = read(fd, buf, sizeof buf);
    if (n > 0) {
      if (u_write_all("tail", 1, buf, n) != 0)
        return 1;
      offset += n;
      continue;
    }
    nanosleep(&quarter, 0);
    if (stat(path, &st) == 0 && (long)st.st_size < offset) {
      /* truncated or replaced: start over on the file now at path */
      close(fd);
      fd = open(path, O_RDONLY);
      if (fd < 0) {
        u_perror2("tail", path);
        return 1;
      }
      offset = 0;
    }
  }
}

int main(int argc, char **argv) {
  int first = u_count_options("tail", argc, argv, 1, &opts);
  if (first < 0)
    return 1;
  if (opts.follow) {
    struct stat st;
    int fd;
    int st_code;
    if (argc - first != 1) {
      fprintf(stderr, "tail: -f follows exactly one file\n");
      return 1;
    }
    fd = open(argv[first], O_RDONLY);
    if (fd < 0) {
      u_perror2("tail", argv[first]);
      return 1;
    }
    if (opts.headers == 1)
      printf("==> %s <==\n", argv[first]);
    fflush(stdout);
    st_code = tail(fd);
    close(fd);
    if (st_code != 0 || stat(argv[first], &st) != 0)
      return 1;
    return follow(argv[first], (long)st.st_size);
  }
  return u_each_input("tail", argc, argv, first, opts.headers, tail);
}
