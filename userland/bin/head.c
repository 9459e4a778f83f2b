/* head: the first part of each file or stdin.
 *   -n N (or -N) the first N lines (default 10); -n -N all but the last N
 *   -c N the first N bytes; -c -N all but the last N
 *   -q never print "==> NAME <==" headers, -v always
 * Positive counts stream (head stops reading once it has enough, so
 * `yes | head` ends); negative ones read the whole input first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "ulib.h"

static char buf[4096];
static struct u_count_opts opts;

static int head_stream(int fd) {
  long left = opts.count;
  int n;
  while (left > 0 && (n = read(fd, buf, sizeof buf)) > 0) {
    int i;
    if (opts.bytes) {
      i = n < left ? n : (int)left;
      left -= i;
    } else {
      for (i = 0; i < n && left > 0; i++)
        if (buf[i] == '\n')
          left--;
    }
    if (u_write_all("head", 1, buf, i) != 0)
      return 1;
  }
  return 0;
}

/* all but the last count lines or bytes */
static int head_all_but(int fd) {
  int len;
  int end;
  int st;
  char *data = u_read_all(fd, &len);
  if (!data) {
    fprintf(stderr, "head: out of memory\n");
    return 1;
  }
  if (opts.bytes) {
    end = opts.count >= len ? 0 : len - (int)opts.count;
  } else {
    long lines = opts.count;
    end = len;
    /* an unterminated last line counts as a line */
    if (end > 0 && data[end - 1] != '\n' && lines > 0) {
      while (end > 0 && data[end - 1] != '\n')
        end--;
      lines--;
    }
    while (lines > 0 && end > 0) {
      end--;
      while (end > 0 && data[end - 1] != '\n')
        end--;
      lines--;
    }
  }
  st = u_write_all("head", 1, data, end) != 0;
  free(data);
  return st;
}

int main(int argc, char **argv) {
  int first = u_count_options("head", argc, argv, 0, &opts);
  if (first < 0)
    return 1;
  return u_each_input("head", argc, argv, first, opts.headers,
                      opts.sign == '-' ? head_all_but : head_stream);
}
