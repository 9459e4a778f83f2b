/* builtins.c: the commands the shell runs itself — the table, and those
 * about control flow, the working directory and the process: cd, pwd,
 * exit, return, break, continue, eval, `.`/source, true, false, :, times,
 * umask, help. The others live by theme: builtins_io.c (echo, printf,
 * read), builtins_vars.c (set, shift, export, readonly, unset, local,
 * alias, unalias, type), ulib's u_test (test, [, shared with /bin/test), jobs.c (jobs, fg, bg,
 * wait), trap.c (trap), command.c (command, exec), ulimit.c (ulimit).
 * Special builtins (POSIX's list) keep assignments written before them.
 * A builtin that writes reports a failed write ("sh: echo: write error:
 * No space left on device") and returns 1. Each returns its exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/times.h>
#include "ulib.h"
#include "sh.h"

static const char *special[] = { ":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly",
                                 "return", "set", "shift", "times", "trap", "unset", 0 };
static const char *regular[] = { "alias", "bg", "cd", "command", "echo", "false", "fg", "getopts", "help", "jobs",
                                 "local", "printf", "pwd", "read", "source", "test", "[", "true", "type", "ulimit",
                                 "umask", "unalias", "wait", 0 };

static int in(const char **list, const char *name) {
  int i;
  for (i = 0; list[i]; i++)
    if (strcmp(list[i], name) == 0)
      return 1;
  return 0;
}

int is_special_builtin(const char *name) {
  return in(special, name);
}

int is_builtin(const char *name) {
  return in(special, name) || in(regular, name);
}

int write_error_check(const char *name) {
  fflush(stdout);
  if (ferror(stdout)) {
    int err = errno;
    clearerr(stdout);
    fprintf(stderr, "sh: %s: write error: %s\n", name, strerror(err ? err : EIO));
    return 1;
  }
  return 0;
}

static int do_cd(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : var_get("HOME");
  char cwd[PATH_MAX];   /* getcwd's limit, as Linux */
  int print = 0;
  if (!dir) {
    fprintf(stderr, "sh: cd: HOME not set\n");
    return 1;
  }
  if (strcmp(dir, "-") == 0) {
    dir = var_get("OLDPWD");
    if (!dir) {
      fprintf(stderr, "sh: cd: OLDPWD not set\n");
      return 1;
    }
    print = 1;
  }
  dir = arena_strdup(dir);
  if (!getcwd(cwd, sizeof cwd))
    cwd[0] = 0;
  if (chdir(dir) < 0) {
    fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
    return 1;
  }
  if (cwd[0])
    var_set("OLDPWD", cwd, 0);
  if (getcwd(cwd, sizeof cwd))
    var_set("PWD", cwd, 0);
  if (print) {
    printf("%s\n", cwd);
    return write_error_check("cd");
  }
  return 0;
}

static int number_arg(const char *name, const char *s, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < 0) {
    fprintf(stderr, "sh: %s: Illegal number: %s\n", name, s);
    return -1;
  }
  *out = (int)v;
  return 0;
}

static int do_exit(int argc, char **argv) {
  int code = last_status;
  if (argc > 1 && number_arg("exit", argv[1], &code) < 0)
    code = 2;
  exit_requested = 1;
  exit_code = code & 255;
  return exit_code;
}

static int do_return(int argc, char **argv) {
  int code = last_status;
  if (argc > 1 && number_arg("return", argv[1], &code) < 0)
    code = 2;
  returning = 1;
  last_status = code & 255;
  return last_status;
}

static int do_break(int argc, char **argv, int is_continue) {
  int n = 1;
  if (argc > 1 && (number_arg(argv[0], argv[1], &n) < 0 || n == 0)) {
    if (n == 0)
      fprintf(stderr, "sh: %s: Illegal number: %s\n", argv[0], argv[1]);
    return 2;
  }
  if (loop_depth == 0)
    return 0;
  if (n > loop_depth)
    n = loop_depth;
  if (is_continue)
    continue_count = n;
  else
    break_count = n;
  return 0;
}

static int do_eval(int argc, char **argv) {
  int len = 1;
  int i;
  char *text;
  for (i = 1; i < argc; i++)
    len += strlen(argv[i]) + 1;
  text = arena_alloc(len);
  for (i = 1; i < argc; i++) {
    if (i > 1)
      strcat(text, " ");
    strcat(text, argv[i]);
  }
  last_status = 0;
  return run_string(text);
}

static int do_source(int argc, char **argv) {
  const char *file;
  char *found = 0;
  int st;
  if (argc < 2) {
    fprintf(stderr, "sh: %s: filename argument required\n", argv[0]);
    return 2;
  }
  file = argv[1];
  if (!strchr(file, '/')) {
    found = search_path(file);
    if (found)
      file = arena_strdup(found);
    free(found);
  }
  if (argc > 2) {
    char **saved = pos_args;
    int saved_n = npos;
    pos_args = 0;
    npos = 0;
    pos_set(argc - 2, argv + 2);
    st = run_script_file(file, 1);
    pos_free(pos_args, npos);
    pos_args = saved;
    npos = saved_n;
    return st;
  }
  return run_script_file(file, 1);
}

static int do_pwd(void) {
  char cwd[PATH_MAX];   /* getcwd's limit, as Linux */
  if (!getcwd(cwd, sizeof cwd)) {
    fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
    return 1;
  }
  printf("%s\n", cwd);
  return write_error_check("pwd");
}

static void print_ticks(long ticks) {
  long hz = 100;
  long whole = ticks / hz;
  printf("%ldm%ld.%02lds", whole / 60, whole % 60, (ticks % hz) * 100 / hz);
}

static int do_times(void) {
  struct tms t;
  times(&t);
  print_ticks(t.tms_utime);
  putchar(' ');
  print_ticks(t.tms_stime);
  putchar('\n');
  print_ticks(t.tms_cutime);
  putchar(' ');
  print_ticks(t.tms_cstime);
  putchar('\n');
  return write_error_check("times");
}

/* umask -S's form of a mask: the bits it lets through, u=rwx,g=rx,o=rx */
static void print_symbolic_mask(int mask) {
  int shift;
  for (shift = 6; shift >= 0; shift -= 3) {
    int allowed = ~mask >> shift & 7;
    printf("%c=%s%s%s%s", "ogu"[shift / 3], allowed & 4 ? "r" : "", allowed & 2 ? "w" : "",
           allowed & 1 ? "x" : "", shift ? "," : "\n");
  }
}

static int do_umask(int argc, char **argv) {
  int mask;
  const char *s;
  int symbolic = argc > 1 && strcmp(argv[1], "-S") == 0;
  if (symbolic) {
    argv++;
    argc--;
  }
  if (argc < 2) {
    mask = umask(0);
    umask(mask);
    if (symbolic)
      print_symbolic_mask(mask);
    else
      printf("%04o\n", mask);
    return write_error_check("umask");
  }
  mask = 0;
  for (s = argv[1]; *s; s++) {
    if (*s < '0' || *s > '7') {
      fprintf(stderr, "sh: umask: Illegal number: %s\n", argv[1]);
      return 1;
    }
    mask = mask * 8 + (*s - '0');
  }
  umask(mask & 0777);
  return 0;
}

void builtins_list(void) {
  int i;
  for (i = 0; special[i]; i++)
    printf(" %s", special[i]);
  for (i = 0; regular[i]; i++)
    printf(" %s", regular[i]);
  putchar('\n');
}

static int do_help(void) {
  printf("Hako sh, a POSIX shell. Builtins:\n");
  builtins_list();
  printf("Programs live in /bin; `man NAME` describes a command, `type NAME` says what a name is.\n");
  return write_error_check("help");
}

int run_builtin(int argc, char **argv) {
  const char *n = argv[0];
  if (strcmp(n, ":") == 0 || strcmp(n, "true") == 0)
    return 0;
  if (strcmp(n, "false") == 0)
    return 1;
  if (strcmp(n, "cd") == 0)
    return do_cd(argc, argv);
  if (strcmp(n, "pwd") == 0)
    return do_pwd();
  if (strcmp(n, "exit") == 0)
    return do_exit(argc, argv);
  if (strcmp(n, "return") == 0)
    return do_return(argc, argv);
  if (strcmp(n, "break") == 0 || strcmp(n, "continue") == 0)
    return do_break(argc, argv, n[0] == 'c');
  if (strcmp(n, "eval") == 0)
    return do_eval(argc, argv);
  if (strcmp(n, ".") == 0 || strcmp(n, "source") == 0)
    return do_source(argc, argv);
  if (strcmp(n, "times") == 0)
    return do_times();
  if (strcmp(n, "umask") == 0)
    return do_umask(argc, argv);
  if (strcmp(n, "ulimit") == 0)
    return builtin_ulimit(argc, argv);
  if (strcmp(n, "help") == 0)
    return do_help();
  if (strcmp(n, "echo") == 0)
    return builtin_echo(argc, argv);
  if (strcmp(n, "printf") == 0)
    return builtin_printf(argc, argv);
  if (strcmp(n, "read") == 0)
    return builtin_read(argc, argv);
  if (strcmp(n, "test") == 0 || strcmp(n, "[") == 0)
    return u_test(argc, argv);
  if (strcmp(n, "set") == 0)
    return builtin_set(argc, argv);
  if (strcmp(n, "shift") == 0)
    return builtin_shift(argc, argv);
  if (strcmp(n, "getopts") == 0)
    return builtin_getopts(argc, argv);
  if (strcmp(n, "export") == 0)
    return builtin_export(argc, argv);
  if (strcmp(n, "readonly") == 0)
    return builtin_readonly(argc, argv);
  if (strcmp(n, "unset") == 0)
    return builtin_unset(argc, argv);
  if (strcmp(n, "local") == 0)
    return builtin_local(argc, argv);
  if (strcmp(n, "alias") == 0)
    return builtin_alias(argc, argv);
  if (strcmp(n, "unalias") == 0)
    return builtin_unalias(argc, argv);
  if (strcmp(n, "type") == 0)
    return builtin_type(argc, argv);
  if (strcmp(n, "command") == 0)
    return builtin_command(argc, argv);
  if (strcmp(n, "trap") == 0)
    return trap_builtin(argc, argv);
  if (strcmp(n, "wait") == 0)
    return builtin_wait(argc, argv);
  if (strcmp(n, "jobs") == 0)
    return builtin_jobs(argc, argv);
  if (strcmp(n, "fg") == 0)
    return builtin_fg(argc, argv);
  if (strcmp(n, "bg") == 0)
    return builtin_bg(argc, argv);
  return 0;
}
