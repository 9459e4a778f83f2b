/* tail: the last N lines (default 10) of each file or stdin: -n N or -N.
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

static int tail(int fd, int lines) {
  char *data = 0;
  int len = 0;
  int cap = 0;
  int n;
  int pos;
  for (;;) {
    if (len + 4096 > cap) {
      cap = cap ? cap * 2 : 8192;
      data = realloc(data, cap);
      if (!data) {
        fprintf(stderr, "tail: out of memory\n");
        return 1;
      }
    }
    n = read(fd, data + len, 4096);
    if (n <= 0)
      break;
    len += n;
  }
  pos = len;
  if (pos > 0 && data[pos - 1] == '\n')
    pos--;
  while (pos > 0) {
    if (data[pos - 1] == '\n') {
      if (--lines == 0)
        break;
    }
    pos--;
  }
  if (lines > 0)
    pos = 0;
  lines = u_write_all("tail", 1, data + pos, len - pos);
  free(data);
  return lines != 0;
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
  int lines = 10;
  int first;
  int follow_mode = argc > 1 && strcmp(argv[1], "-f") == 0;
  if (follow_mode) {
    argv[1] = argv[0];
    argv++;
    argc--;
  }
  first = u_lines_option(argc, argv, &lines);
  if (follow_mode) {
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
    st_code = lines > 0 ? tail(fd, lines) : 0;
    close(fd);
    if (st_code != 0 || stat(argv[first], &st) != 0)
      return 1;
    return follow(argv[first], (long)st.st_size);
  }
  if (lines <= 0)
    return 0;
  return u_each_input("tail", argc, argv, first, tail, lines);
}
