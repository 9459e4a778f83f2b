/* u_test.c: the evaluator of test and [ — shared by /bin/test and the
 * shell's builtin, so the two cannot disagree. u_test(argc, argv) is a
 * whole run of the command (argv[0] "[" wants a closing ]); it evaluates
 * an expression, exit status 0 when true,
 * 1 when false, 2 on a bad expression. As `[` the last argument must be `]`.
 *   -e -f -d -L -r -w -x -s FILE     exists / regular / directory / symlink /
 *                                    accessible / non-empty
 *   -b -c -p -S -u -g -k -O -G FILE  block / character device, FIFO,
 *                                    socket, set-uid / set-gid / sticky,
 *                                    owned by the effective user / group
 *   -t FD                            FD is a terminal
 *   F1 -nt -ot -ef F2                newer / older (mtime; an existing file
 *                                    is newer than a missing one), same file
 *   -z S, -n S, S, S1 = S2, S1 != S2, S1 < S2, S1 > S2   strings (bytewise)
 *   N1 -eq -ne -lt -le -gt -ge N2    integers
 *   ! EXPR, ( EXPR ), EXPR -a EXPR, EXPR -o EXPR (-a binds tighter) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ulib.h"

static char **args;
static int nargs;
static int pos;
static int bad;

static int is_int(const char *s) {
  if (*s == '-' || *s == '+')
    s++;
  if (!*s)
    return 0;
  for (; *s; s++)
    if (*s < '0' || *s > '9')
      return 0;
  return 1;
}

static int file_test(const char *op, const char *path) {
  struct stat st;
  if (strcmp(op, "-L") == 0 || strcmp(op, "-h") == 0)
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
  if (strcmp(op, "-r") == 0)
    return access(path, R_OK) == 0;
  if (strcmp(op, "-w") == 0)
    return access(path, W_OK) == 0;
  if (strcmp(op, "-x") == 0)
    return access(path, X_OK) == 0;
  if (stat(path, &st) < 0)
    return 0;
  switch (op[1]) {
  case 'e': return 1;
  case 'f': return S_ISREG(st.st_mode);
  case 'd': return S_ISDIR(st.st_mode);
  case 's': return st.st_size > 0;
  case 'c': return S_ISCHR(st.st_mode);
  case 'b': return S_ISBLK(st.st_mode);
  case 'p': return S_ISFIFO(st.st_mode);
  case 'S': return S_ISSOCK(st.st_mode);
  case 'u': return (st.st_mode & 04000) != 0;
  case 'g': return (st.st_mode & 02000) != 0;
  case 'k': return (st.st_mode & 01000) != 0;
  case 'O': return st.st_uid == geteuid();
  case 'G': return st.st_gid == getegid();
  }
  bad = 1;
  return 0;
}

static int is_file_op(const char *s) {
  return s[0] == '-' && s[1] && !s[2] && strchr("efdsLhrwxcpbSugkOG", s[1]) != 0;
}

/* -nt, -ot, -ef */
static int compare_files(const char *a, const char *op, const char *b) {
  struct stat x, y;
  int hx = stat(a, &x) == 0;
  int hy = stat(b, &y) == 0;
  if (op[1] == 'e')
    return hx && hy && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
  if (op[1] == 'n')
    return hx && (!hy || x.st_mtime > y.st_mtime);
  return hy && (!hx || x.st_mtime < y.st_mtime);
}

static int or_expr(void);

static int primary(void) {
  const char *a;
  if (pos >= nargs) {
    bad = 1;
    return 0;
  }
  a = args[pos];
  if (strcmp(a, "!") == 0 && pos + 1 < nargs) {
    pos++;
    return !primary();
  }
  if (pos + 2 < nargs) {   /* a binary operator */
    const char *op = args[pos + 1];
    const char *b = args[pos + 2];
    int r = -1;
    if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
      r = strcmp(a, b) == 0;
    else if (strcmp(op, "!=") == 0)
      r = strcmp(a, b) != 0;
    else if (strcmp(op, "<") == 0)
      r = strcmp(a, b) < 0;
    else if (strcmp(op, ">") == 0)
      r = strcmp(a, b) > 0;
    else if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0 || strcmp(op, "-ef") == 0)
      r = compare_files(a, op, b);
    else if (op[0] == '-' && strlen(op) == 3 && strchr("eqnltgl", op[1])) {
      int x;
      int y;
      if (!is_int(a) || !is_int(b)) {
        fprintf(stderr, "test: %s: integer expression expected\n", is_int(a) ? b : a);
        bad = 2;   /* said already */
        return 0;
      }
      x = atoi(a);
      y = atoi(b);
      if (strcmp(op, "-eq") == 0) r = x == y;
      else if (strcmp(op, "-ne") == 0) r = x != y;
      else if (strcmp(op, "-lt") == 0) r = x < y;
      else if (strcmp(op, "-le") == 0) r = x <= y;
      else if (strcmp(op, "-gt") == 0) r = x > y;
      else if (strcmp(op, "-ge") == 0) r = x >= y;
    }
    if (r >= 0) {
      pos += 3;
      return r;
    }
  }
  if (strcmp(a, "(") == 0 && pos + 1 < nargs) {
    int r;
    pos++;
    r = or_expr();
    if (pos >= nargs || strcmp(args[pos], ")") != 0) {
      if (!bad)
        fprintf(stderr, "test: ')' expected\n");
      bad = 1;
      return 0;
    }
    pos++;
    return r;
  }
  if (pos + 1 < nargs && strcmp(a, "-t") == 0) {
    const char *b = args[pos + 1];
    pos += 2;
    return is_int(b) && isatty(atoi(b));
  }
  if (pos + 1 < nargs && (is_file_op(a) || strcmp(a, "-z") == 0 || strcmp(a, "-n") == 0)) {
    const char *b = args[pos + 1];
    pos += 2;
    if (strcmp(a, "-z") == 0)
      return b[0] == 0;
    if (strcmp(a, "-n") == 0)
      return b[0] != 0;
    return file_test(a, b);
  }
  pos++;
  return a[0] != 0;
}

static int and_expr(void) {
  int r = primary();
  while (pos < nargs && strcmp(args[pos], "-a") == 0) {
    pos++;
    r = primary() && r;
  }
  return r;
}

static int or_expr(void) {
  int r = and_expr();
  while (pos < nargs && strcmp(args[pos], "-o") == 0) {
    pos++;
    r = and_expr() || r;
  }
  return r;
}

int u_test(int argc, char **argv) {
  const char *name = strrchr(argv[0], '/');
  int r;
  name = name ? name + 1 : argv[0];
  bad = 0;
  pos = 0;
  args = argv + 1;
  nargs = argc - 1;
  if (strcmp(name, "[") == 0) {
    if (nargs == 0 || strcmp(args[nargs - 1], "]") != 0) {
      fprintf(stderr, "[: missing ']'\n");
      return 2;
    }
    nargs--;
  }
  if (nargs == 0)
    return 1;
  r = or_expr();
  if (bad || pos != nargs) {
    if (bad != 2)
      fprintf(stderr, "test: bad expression\n");
    return 2;
  }
  return r ? 0 : 1;
}
