/* builtins.c: the commands the shell runs itself, because they change the
 * shell: cd, exit, export, unset, wait, fg, bg, jobs, and pwd, `.`/source,
 * true, false for speed. Each returns its exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <limits.h>
#include "sh.h"

int run_script_file(const char *path);

static const char *names[] = { "cd", "exit", "export", "unset", "wait", "pwd", ".", "source", "true", "false", ":", "fg", "bg", "jobs", 0 };

int is_builtin(const char *name) {
  int i;
  for (i = 0; names[i]; i++)
    if (strcmp(names[i], name) == 0)
      return 1;
  return 0;
}

static int do_cd(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : var_get("HOME");
  char cwd[PATH_MAX];   /* getcwd's limit, as Linux */
  if (!dir)
    dir = "/";
  if (strcmp(dir, "-") == 0) {
    dir = var_get("OLDPWD");
    if (!dir) {
      fprintf(stderr, "sh: cd: OLDPWD not set\n");
      return 1;
    }
    printf("%s\n", dir);
  }
  if (getcwd(cwd, sizeof cwd))
    var_set("OLDPWD", cwd, 0);
  if (chdir(dir) < 0) {
    fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
    return 1;
  }
  if (getcwd(cwd, sizeof cwd))
    var_set("PWD", cwd, 0);
  return 0;
}

static int do_exit(int argc, char **argv) {
  exit_requested = 1;
  exit_code = argc > 1 ? atoi(argv[1]) & 255 : last_status;
  return exit_code;
}

static int do_export(int argc, char **argv) {
  int i;
  int st = 0;
  if (argc == 1) {
    vars_print_exports();
    return 0;
  }
  for (i = 1; i < argc; i++) {
    char *eq = strchr(argv[i], '=');
    int n = eq ? eq - argv[i] : (int)strlen(argv[i]);
    char *name;
    if (!valid_name(argv[i], n)) {
      fprintf(stderr, "sh: export: '%s': not a valid identifier\n", argv[i]);
      st = 1;
      continue;
    }
    name = arena_strndup(argv[i], n);
    if (eq)
      var_set(name, eq + 1, 1);
    else
      var_export(name);
  }
  return st;
}

static int do_unset(int argc, char **argv) {
  int i;
  for (i = 1; i < argc; i++)
    var_unset(argv[i]);
  return 0;
}

static int do_wait(int argc, char **argv) {
  int i;
  int st = 0;
  if (argc == 1)
    return wait_all();
  for (i = 1; i < argc; i++) {
    int pid = atoi(argv[i]);
    if (pid <= 0) {
      fprintf(stderr, "sh: wait: '%s': not a pid\n", argv[i]);
      st = 2;
      continue;
    }
    st = wait_for(pid);
  }
  return st;
}

static int do_pwd(void) {
  char cwd[PATH_MAX];   /* getcwd's limit, as Linux */
  if (!getcwd(cwd, sizeof cwd)) {
    fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
    return 1;
  }
  printf("%s\n", cwd);
  return 0;
}

static int run_builtin_unchecked(int argc, char **argv) {
  const char *n = argv[0];
  if (strcmp(n, "cd") == 0)
    return do_cd(argc, argv);
  if (strcmp(n, "exit") == 0)
    return do_exit(argc, argv);
  if (strcmp(n, "export") == 0)
    return do_export(argc, argv);
  if (strcmp(n, "unset") == 0)
    return do_unset(argc, argv);
  if (strcmp(n, "wait") == 0)
    return do_wait(argc, argv);
  if (strcmp(n, "pwd") == 0)
    return do_pwd();
  if (strcmp(n, ".") == 0 || strcmp(n, "source") == 0) {
    if (argc < 2) {
      fprintf(stderr, "sh: %s: filename argument required\n", n);
      return 2;
    }
    return run_script_file(argv[1]);
  }
  if (strcmp(n, "fg") == 0)
    return builtin_fg(argc, argv);
  if (strcmp(n, "bg") == 0)
    return builtin_bg(argc, argv);
  if (strcmp(n, "jobs") == 0)
    return builtin_jobs();
  if (strcmp(n, "false") == 0)
    return 1;
  return 0; /* true, : */
}

/* A builtin's output must reach its status as a program's would: what it
 * printed is flushed while its redirections are still in place, and a
 * failed write (a full disk, /dev/full) is reported and makes it fail.
 * The error is then cleared, so the shell's own later output and its exit
 * status are not blamed for it. */
int run_builtin(int argc, char **argv) {
  int st = run_builtin_unchecked(argc, argv);
  if (fflush(stdout) == EOF || ferror(stdout)) {
    fprintf(stderr, "sh: %s: write error: %s\n", argv[0], strerror(errno));
    clearerr(stdout);
    if (st == 0)
      st = 1;
  }
  return st;
}
