/* xargs: runs a command with arguments read from stdin, as GNU xargs.
 *   xargs [-0] [-n N] [-I REPL] [-L N] [-r] [-t] [COMMAND [ARG...]]
 * Items are separated by blanks and newlines, with '…', "…" and \ quoting
 * (-0: by NUL bytes, no quoting). The command (default echo) runs with as
 * many items as fit (-n N: at most N; -L N: the items of N lines). -I REPL:
 * one run per input line, the line (leading blanks cut) put in place of
 * REPL in every ARG. -r: nothing runs when there are no items (else the
 * command runs once). -t: each command line on stderr first.
 * Status 0; 123 when a run exited 1–125; 124 when one exited 255 (xargs
 * stops); 125 when one was killed; 126 / 127 when the command cannot be
 * run / is not found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>
#include "ulib.h"

#define MAX_ARGS 1024
#define MAX_BYTES 65536

static int opt_0, opt_r, opt_t, max_items, max_lines;
static const char *repl;
static char **base;
static int nbase;
static int status;

/* Runs base + items; returns 0 to go on, 1 to stop. */
static int run(char **items, int nitems) {
  char *argv[MAX_ARGS + 64];
  int argc = 0;
  int i, st, pid;
  for (i = 0; i < nbase; i++)
    argv[argc++] = base[i];
  for (i = 0; i < nitems; i++)
    argv[argc++] = items[i];
  argv[argc] = 0;
  if (opt_t) {
    for (i = 0; i < argc; i++)
      fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
    fprintf(stderr, "\n");
  }
  fflush(stdout);
  pid = fork();
  if (pid < 0) {
    u_perror2("xargs", "fork");
    exit(125);
  }
  if (pid == 0) {
    execvp(argv[0], argv);
    st = errno;
    fprintf(stderr, "xargs: %s: %s\n", argv[0], strerror(st));
    _exit(st == ENOENT ? 127 : 126);
  }
  if (waitpid(pid, &st, 0) < 0) {
    u_perror2("xargs", "waitpid");
    exit(125);
  }
  if (WIFSIGNALED(st)) {
    fprintf(stderr, "xargs: %s: terminated by signal %d\n", argv[0], WTERMSIG(st));
    status = 125;
    return 1;
  }
  st = WEXITSTATUS(st);
  if (st == 255) {
    fprintf(stderr, "xargs: %s: exited with status 255; aborting\n", argv[0]);
    status = 124;
    return 1;
  }
  if (st == 126 || st == 127) {
    status = st;
    return 1;
  }
  if (st)
    status = 123;
  return 0;
}

/* The next item from stdin (malloc'd), or 0 at the end; *eol is set when
 * it ended a line. */
static char *next_item(int *eol) {
  char buf[4096];
  int n = 0;
  int c;
  int quote = 0;
  int any = 0;
  *eol = 0;
  for (;;) {
    c = getchar();
    if (c == EOF)
      break;
    if (opt_0) {
      if (c == 0) {
        any = 1;
        break;
      }
    } else if (quote) {
      if (c == quote) {
        quote = 0;
        continue;
      }
      if (c == '\n') {
        fprintf(stderr, "xargs: unmatched %s quote\n", quote == '\'' ? "single" : "double");
        exit(1);
      }
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (c == '\n')
        *eol = 1;
      if (any)
        break;
      continue;
    } else if (c == '\'' || c == '"') {
      quote = c;
      any = 1;
      continue;
    } else if (c == '\\') {
      c = getchar();
      if (c == EOF)
        break;
    }
    any = 1;
    if (n < (int)sizeof buf - 1)
      buf[n++] = (char)c;
  }
  if (quote) {
    fprintf(stderr, "xargs: unmatched %s quote\n", quote == '\'' ? "single" : "double");
    exit(1);
  }
  if (!any)
    return 0;
  if (c == '\n')
    *eol = 1;
  buf[n] = 0;
  return strdup(buf);
}

/* -I: ARG with every REPL replaced by LINE (malloc'd). */
static char *replace(const char *arg, const char *line) {
  size_t rl = strlen(repl);
  size_t cap = strlen(arg) + 1;
  const char *p;
  char *out, *o;
  for (p = strstr(arg, repl); p && rl; p = strstr(p + rl, repl))
    cap += strlen(line);
  out = malloc(cap);
  if (!out)
    exit(125);
  o = out;
  while (*arg) {
    if (rl && strncmp(arg, repl, rl) == 0) {
      strcpy(o, line);
      o += strlen(line);
      arg += rl;
    } else {
      *o++ = *arg++;
    }
  }
  *o = 0;
  return out;
}

static void each_line(void) {
  char *line = 0;
  size_t cap = 0;
  int len;
  char **args = malloc((nbase + 1) * sizeof(char *));
  char **saved = base;
  int i;
  if (!args)
    exit(125);
  while ((len = opt_0 ? getdelim(&line, &cap, 0, stdin) : getline(&line, &cap, stdin)) >= 0) {
    char *s = line;
    if (len > 0 && (line[len - 1] == '\n' || (opt_0 && line[len - 1] == 0)))
      line[len - 1] = 0;
    if (!opt_0)
      while (*s == ' ' || *s == '\t')
        s++;
    if (!*s && !opt_0)
      continue;
    for (i = 0; i < nbase; i++)
      args[i] = replace(saved[i], s);
    base = args;
    if (run(0, 0)) {
      base = saved;
      break;
    }
    base = saved;
    for (i = 0; i < nbase; i++)
      free(args[i]);
  }
}

/* The batch being gathered: its items, their bytes (with the NULs), the
 * input lines they came from (-L), and whether any batch has run. */
static char *items[MAX_ARGS];
static int nitems, bytes, lines, ran;

/* Runs the batch and starts an empty one: 0 to go on, 1 to stop. */
static int run_batch(void) {
  ran = 1;
  if (run(items, nitems))
    return 1;
  while (nitems > 0)
    free(items[--nitems]);
  bytes = 0;
  lines = 0;
  return 0;
}

int main(int argc, char **argv) {
  static char *echo[] = {"echo"};
  int i, c;
  while ((c = getopt(argc, argv, "0rtn:I:L:")) != -1) {
    if (c == '0') opt_0 = 1;
    else if (c == 'r') opt_r = 1;
    else if (c == 't') opt_t = 1;
    else if (c == 'I') repl = optarg;
    else if (c == 'n' || c == 'L') {
      if ((c == 'n' ? (max_items = atoi(optarg)) : (max_lines = atoi(optarg))) <= 0) {
        fprintf(stderr, "xargs: value %s for -%c option should be >= 1\n", optarg, c);
        return 1;
      }
    } else {
      if (!strchr("nIL", optopt))   /* after getopt's message */
        fprintf(stderr, "usage: xargs [-0rt] [-n N] [-L N] [-I REPL] [COMMAND [ARG...]]\n");
      return 1;
    }
  }
  i = optind;
  base = i < argc ? argv + i : echo;
  nbase = i < argc ? argc - i : 1;
  if (repl) {
    each_line();
    return status;
  }
  for (;;) {
    int eol;
    char *item = next_item(&eol);
    int len = item ? (int)strlen(item) + 1 : 0;
    if (item && nitems > 0 && (nitems >= MAX_ARGS || bytes + len > MAX_BYTES)) {
      if (run_batch())
        return status;
    }
    if (item) {
      items[nitems++] = item;
      bytes += len;
    }
    if (eol)
      lines++;
    if (nitems > 0 && (!item || (max_items && nitems >= max_items) || (max_lines && eol && lines >= max_lines))) {
      if (run_batch())
        return status;
    }
    if (!item)
      break;
  }
  if (!ran && !opt_r)
    run(items, 0);
  return status;
}
