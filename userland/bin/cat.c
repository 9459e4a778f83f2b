/* cat: copies each file (or stdin, for none or "-") to stdout.
 *   -n number every line, -b number nonblank lines (overrides -n),
 *   -s squeeze runs of blank lines to one, -E '$' at each line end,
 *   -T tabs as ^I, -v other control bytes as ^X / M-X,
 *   -A = -vET, -e = -vE, -t = -vT.
 * Without options the bytes are copied unchanged in blocks; with any, the
 * text goes through a per-byte filter whose line state (number, blank-run)
 * carries over from one file to the next, as GNU cat's does. */
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <string.h>
#include "ulib.h"

static char buf[4096];
static int opt_n, opt_b, opt_s, opt_E, opt_T, opt_v;
static int filtering;

/* line state across files */
static int at_line_start = 1;
static int blank_run;     /* blank lines just printed in a row */
static int line_number;

static int out_text(const char *s, int n) {
  return u_write_all("cat", 1, s, n);
}

/* One byte through the options; -1 on a write error. */
static int filter_byte(int c) {
  char out[32];
  int n = 0;
  if (at_line_start) {
    if (c == '\n') {
      if (opt_s && blank_run >= 1)
        return 0;
      blank_run++;
    } else {
      blank_run = 0;
    }
    if (opt_b ? c != '\n' : opt_n)
      n = sprintf(out, "%6d\t", ++line_number);
  }
  at_line_start = c == '\n';
  if (c == '\n') {
    if (opt_E)
      out[n++] = '$';
    out[n++] = '\n';
  } else if (c == '\t') {
    if (opt_T) {
      out[n++] = '^';
      out[n++] = 'I';
    } else {
      out[n++] = '\t';
    }
  } else if (opt_v && (c < 32 || c >= 127)) {
    if (c >= 128) {
      out[n++] = 'M';
      out[n++] = '-';
      c -= 128;
    }
    if (c < 32) {
      out[n++] = '^';
      out[n++] = (char)(c + 64);
    } else if (c == 127) {
      out[n++] = '^';
      out[n++] = '?';
    } else {
      out[n++] = (char)c;
    }
  } else {
    out[n++] = (char)c;
  }
  return out_text(out, n);
}

static int copy(int fd) {
  for (;;) {
    int n = read(fd, buf, sizeof buf);
    int i;
    if (n < 0)
      return -1;
    if (n == 0)
      return 0;
    if (!filtering) {
      if (out_text(buf, n) != 0)
        return -2;
      continue;
    }
    for (i = 0; i < n; i++)
      if (filter_byte((unsigned char)buf[i]) != 0)
        return -2;
  }
}

static int cat_one(const char *name) {
  int fd = strcmp(name, "-") == 0 ? 0 : open(name, O_RDONLY, 0);
  int r;
  if (fd < 0) {
    u_perror2("cat", name);
    return 1;
  }
  r = copy(fd);
  if (r == -1)
    u_perror2("cat", name);
  if (fd != 0)
    close(fd);
  return r;
}

int main(int argc, char **argv) {
  int c;
  int i;
  int st = 0;
  while ((c = getopt(argc, argv, "nbsETvAetu")) != -1) {
    if (c == 'n')
      opt_n = 1;
    else if (c == 'b')
      opt_b = 1;
    else if (c == 's')
      opt_s = 1;
    else if (c == 'E')
      opt_E = 1;
    else if (c == 'T')
      opt_T = 1;
    else if (c == 'v')
      opt_v = 1;
    else if (c == 'A')
      opt_v = opt_E = opt_T = 1;
    else if (c == 'e')
      opt_v = opt_E = 1;
    else if (c == 't')
      opt_v = opt_T = 1;
    else if (c == 'u')
      ; /* unbuffered: every write here already goes straight out */
    else {
      fprintf(stderr, "Try 'cat --help' for more information.\n");
      return 1;
    }
  }
  filtering = opt_n || opt_b || opt_s || opt_E || opt_T || opt_v;
  if (optind >= argc) {
    int r = copy(0);
    if (r == -1)
      u_perror2("cat", "-");
    return r < 0;
  }
  for (i = optind; i < argc; i++) {
    int r = cat_one(argv[i]);
    if (r == -2)
      return 1;
    if (r != 0)
      st = 1;
  }
  return st;
}
