/* u_inputs.c: what head and tail share — their options (-n N, -c N, the
 * old -N, -q/-v, and tail's -f; a count may carry a sign: "-n +3",
 * "-c -5") and the walk over the inputs: stdin when there are no file
 * arguments ("-" is stdin too), else each file in turn, with a
 * "==> NAME <==" header before each when there are several or -v (a blank
 * line between them; none with -q) and "prog: NAME: reason" for one that
 * cannot be opened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "ulib.h"

/* "5", "+5" or "-5" into o; 0 when it is not a count. */
static int parse_count(const char *s, struct u_count_opts *o) {
  long n = 0;
  o->sign = 0;
  if (*s == '+' || *s == '-')
    o->sign = *s++;
  if (*s < '0' || *s > '9')
    return 0;
  while (*s >= '0' && *s <= '9') {
    if (n < 100000000)
      n = n * 10 + (*s - '0');
    s++;
  }
  if (*s == 'b' || *s == 'k' || *s == 'K' || *s == 'm' || *s == 'M') {
    /* GNU's suffixes: 512-byte blocks, KiB, MiB */
    n *= *s == 'b' ? 512 : *s == 'k' || *s == 'K' ? 1024 : 1024 * 1024;
    s++;
  }
  if (*s)
    return 0;
  o->count = n;
  return 1;
}

int u_count_options(const char *prog, int argc, char **argv, int is_tail, struct u_count_opts *o) {
  int i;
  o->count = 10;
  o->bytes = 0;
  o->sign = 0;
  o->follow = 0;
  o->headers = -1;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (i == 1 && is_tail && a[0] == '+' && parse_count(a, o))
      continue;   /* tail's old "+N" (from line N on) */
    if (a[0] != '-' || a[1] == 0)
      break;
    if (strcmp(a, "--") == 0)
      return i + 1;
    a++;
    if (*a >= '0' && *a <= '9') {   /* the old -N form */
      if (!parse_count(a, o)) {
        fprintf(stderr, "%s: invalid number of lines: '%s'\n", prog, a);
        return -1;
      }
      continue;
    }
    for (; *a; a++) {
      if (*a == 'n' || *a == 'c') {
        const char *value = a[1] ? a + 1 : argv[++i];
        int bytes = *a == 'c';
        if (!value) {
          fprintf(stderr, "%s: option requires an argument -- '%c'\n", prog, *a);
          return -1;
        }
        if (!parse_count(value, o)) {
          fprintf(stderr, "%s: invalid number of %s: '%s'\n", prog, bytes ? "bytes" : "lines", value);
          return -1;
        }
        o->bytes = bytes;
        break;
      } else if (*a == 'q') {
        o->headers = 0;
      } else if (*a == 'v') {
        o->headers = 1;
      } else if (*a == 'f' && is_tail) {
        o->follow = 1;
      } else {
        fprintf(stderr, "%s: invalid option -- '%c'\n", prog, *a);
        return -1;
      }
    }
  }
  return i;
}

char *u_read_all(int fd, int *len) {
  char *data = 0;
  int cap = 0;
  int n;
  *len = 0;
  for (;;) {
    if (*len + 4096 > cap) {
      char *more;
      cap = cap ? cap * 2 : 8192;
      more = realloc(data, cap);
      if (!more) {
        free(data);
        return 0;
      }
      data = more;
    }
    n = read(fd, data + *len, 4096);
    if (n <= 0)
      break;
    *len += n;
  }
  return data;
}

int u_each_input(const char *prog, int argc, char **argv, int first, int headers, int (*fn)(int fd)) {
  int i;
  int st = 0;
  if (headers < 0)
    headers = argc - first > 1;
  if (first >= argc) {
    if (headers)
      printf("==> standard input <==\n");
    fflush(stdout);
    return fn(0);
  }
  for (i = first; i < argc; i++) {
    int is_stdin = strcmp(argv[i], "-") == 0;
    int fd = is_stdin ? 0 : open(argv[i], O_RDONLY, 0);
    if (fd < 0) {
      u_perror2(prog, argv[i]);
      st = 1;
      continue;
    }
    if (headers) {
      printf("%s==> %s <==\n", i > first ? "\n" : "", is_stdin ? "standard input" : argv[i]);
      fflush(stdout);
    }
    st |= fn(fd);
    if (!is_stdin)
      close(fd);
  }
  return st;
}
