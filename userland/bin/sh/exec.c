/* exec.c: running a parsed line — pipelines, redirections, background jobs
 * and the statuses they leave.
 *
 * A pipeline of one builtin (cd, exit, …) in the foreground runs inside
 * the shell, with its redirections applied and undone around it. Anything
 * else forks one child per command, joined by pipes. With job control (an
 * interactive shell) every pipeline gets its own process group, led by its
 * first command, and a foreground pipeline is given the terminal
 * (TIOCSPGRP) so Ctrl-C reaches it and not the shell; the shell takes the
 * terminal back when the pipeline is done. The status of a pipeline is its
 * last command's: the exit code, or 128+N after signal N (with the usual
 * message, "Killed", "Segmentation fault", except for SIGINT and SIGPIPE).
 * Jobs, and waiting for them, are jobs.c's.
 * A command not found exits 127, one that cannot be executed 126; a text
 * file that is not an ELF runs as a shell script (ENOEXEC), as sh does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "sh.h"

/* ---- redirections ----------------------------------------------------- */

static int open_redirect(struct redir *r) {
  char *name;
  int fd;
  expand_error = 0;
  name = expand_word(r->word);
  if (expand_error)
    return -1;
  int flags = r->kind == R_IN ? O_RDONLY : r->kind == R_OUT ? (O_WRONLY | O_CREAT | O_TRUNC) : (O_WRONLY | O_CREAT | O_APPEND);
  fd = open(name, flags, 0666);
  if (fd < 0)
    fprintf(stderr, "sh: %s: %s\n", name, strerror(errno));
  return fd;
}

/* Applies a command's redirections; when `saved` is given, remembers what
 * each fd was (a copy at fd >= 10, or -1 when it was closed). */
static int apply_redirects(struct command *c, int *saved) {
  int i;
  for (i = 0; i < c->nredirs; i++) {
    struct redir *r = &c->redirs[i];
    int fd;
    if (saved)
      saved[i] = fcntl(r->fd, F_DUPFD, 10);
    if (r->kind == R_DUP) {
      if (dup2(r->dup_fd, r->fd) < 0) {
        fprintf(stderr, "sh: %d: %s\n", r->dup_fd, strerror(errno));
        return -1;
      }
      continue;
    }
    fd = open_redirect(r);
    if (fd < 0)
      return -1;
    if (fd != r->fd) {
      dup2(fd, r->fd);
      close(fd);
    }
  }
  return 0;
}

static void restore_redirects(struct command *c, int *saved, int applied) {
  int i;
  for (i = applied - 1; i >= 0; i--) {
    int fd = c->redirs[i].fd;
    if (saved[i] >= 0) {
      dup2(saved[i], fd);
      close(saved[i]);
    } else {
      close(fd);
    }
  }
}

/* ---- running a program in a child --------------------------------------- */

static int is_text_file(const char *path) {
  unsigned char head[128];
  int fd = open(path, O_RDONLY, 0);
  int n;
  int i;
  if (fd < 0)
    return 0;
  n = read(fd, head, sizeof head);
  close(fd);
  if (n >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F')
    return 0;
  for (i = 0; i < n; i++)
    if (head[i] == 0)
      return 0;
  return 1;
}

/* Finds NAME in $PATH; returns a malloc'd path, or NULL. */
static char *search_path(const char *name) {
  const char *path = var_get("PATH");
  const char *p;
  struct stat st;
  char buf[512];
  if (!path)
    path = "/bin:/usr/bin";
  p = path;
  for (;;) {
    const char *end = strchr(p, ':');
    int len = end ? end - p : (int)strlen(p);
    if (len + strlen(name) + 2 < sizeof buf) {
      if (len == 0) {
        buf[0] = '.';
        len = 1;
      } else {
        memcpy(buf, p, len);
      }
      buf[len] = '/';
      strcpy(buf + len + 1, name);
      if (stat(buf, &st) == 0 && !S_ISDIR(st.st_mode))
        return strdup(buf);
    }
    if (!end)
      return 0;
    p = end + 1;
  }
}

static void exec_program(char **argv) {
  char *path;
  char **env = vars_environ();
  int err;
  if (strchr(argv[0], '/')) {
    path = argv[0];
  } else {
    path = search_path(argv[0]);
    if (!path) {
      fprintf(stderr, "sh: %s: command not found\n", argv[0]);
      _exit(127);
    }
  }
  execve(path, argv, env);
  err = errno;
  if (err == ENOEXEC && is_text_file(path)) {
    char *args[MAX_WORDS + 2];
    int i;
    args[0] = "sh";
    args[1] = path;
    for (i = 1; argv[i] && i < MAX_WORDS; i++)
      args[i + 1] = argv[i];
    args[i + 1] = 0;
    execve("/bin/sh", args, env);
    err = errno;
  }
  if (err == ENOENT) {
    fprintf(stderr, "sh: %s: No such file or directory\n", argv[0]);
    _exit(127);
  }
  if (err == ENOEXEC)
    fprintf(stderr, "sh: %s: cannot execute binary file: Exec format error\n", argv[0]);
  else
    fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(err));
  _exit(126);
}

/* Expands a command's words: leading NAME=value assignments into `assigns`,
 * the rest into argv (split and globbed by expand_fields). Returns argc, or
 * -1 after an arithmetic error (the command must not run). subst_count
 * tells afterwards whether a command substitution ran. */
static int expand_command(struct command *c, char **argv, char **assigns, int *nassigns) {
  int i = 0;
  int argc = 0;
  *nassigns = 0;
  expand_error = 0;
  subst_count = 0;
  while (i < c->nwords && is_assignment(c->words[i]) && !expand_error)
    assigns[(*nassigns)++] = expand_word(c->words[i++]);
  for (; i < c->nwords && argc < MAX_WORDS && !expand_error; i++) {
    int n = expand_fields(c->words[i], argv + argc, MAX_WORDS - argc);
    if (n > 0)
      argc += n;
  }
  argv[argc] = 0;
  return expand_error ? -1 : argc;
}

static void set_assignment(const char *a, int export_it) {
  const char *eq = strchr(a, '=');
  char *name = arena_strndup(a, eq - a);
  var_set(name, eq + 1, export_it);
}

/* What a child does between fork and exec. */
static void child(struct command *c, int pgid, int background, int in_fd, int out_fd) {
  char *argv[MAX_WORDS + 2];
  char *assigns[MAX_WORDS];
  int nassigns;
  int argc;
  int i;
  if (interactive) {
    __sys_setpgid(0, pgid);
    if (!background)
      give_terminal(pgid ? pgid : getpid());
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
  } else if (background) {
    /* no job control: a background job must not die of the terminal's ^C */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
  }
  if (in_fd != 0) {
    dup2(in_fd, 0);
    close(in_fd);
  }
  if (out_fd != 1) {
    dup2(out_fd, 1);
    close(out_fd);
  }
  if (apply_redirects(c, 0) < 0)
    _exit(1);
  argc = expand_command(c, argv, assigns, &nassigns);
  if (argc < 0)
    _exit(1);
  for (i = 0; i < nassigns; i++)
    set_assignment(assigns[i], 1);
  if (argc == 0)
    _exit(0);
  if (strcmp(argv[0], "kill") == 0 && argc < MAX_WORDS)
    jobs_translate_kill_args(argv);
  if (is_builtin(argv[0])) {
    int st = run_builtin(argc, argv);
    fflush(stdout);
    fflush(stderr);
    _exit(st);
  }
  exec_program(argv);
}

/* ---- pipelines -------------------------------------------------------- */

static int run_in_shell(struct command *c) {
  char *argv[MAX_WORDS + 1];
  char *assigns[MAX_WORDS];
  int saved[MAX_REDIRS];
  int nassigns;
  int argc;
  int st;
  int i;
  argc = expand_command(c, argv, assigns, &nassigns);
  if (argc < 0)
    return 1;
  if (argc == 0) {
    for (i = 0; i < nassigns; i++)
      set_assignment(assigns[i], 0);
  }
  for (i = 0; i < MAX_REDIRS; i++)
    saved[i] = -1;
  if (apply_redirects(c, saved) < 0) {
    restore_redirects(c, saved, c->nredirs);
    return 1;
  }
  /* only assignments: the status of the last substitution, as sh gives */
  st = argc ? run_builtin(argc, argv) : subst_count ? subst_status : 0;
  fflush(stdout);
  fflush(stderr);
  restore_redirects(c, saved, c->nredirs);
  return st;
}

static int runs_in_shell(struct pipeline *p) {
  struct command *c;
  int i = 0;
  if (p->ncmds != 1 || p->connector == T_AMP)
    return 0;
  c = p->cmds[0];
  while (i < c->nwords && is_assignment(c->words[i]))
    i++;
  if (i == c->nwords)
    return 1; /* only assignments (and redirections) */
  /* a name made by a substitution is not expanded twice: the child does it */
  if (strchr(c->words[i], '`') || strstr(c->words[i], "$("))
    return 0;
  return is_builtin(expand_word(c->words[i]));
}

static int run_pipeline(struct pipeline *p) {
  int background = p->connector == T_AMP;
  int pids[MAX_PIPE];
  int in_fd = 0;
  int pgid = 0;
  int i;
  struct job *job;
  if (runs_in_shell(p))
    return run_in_shell(p->cmds[0]);
  fflush(stdout);
  fflush(stderr);
  for (i = 0; i < p->ncmds; i++) {
    int fds[2];
    int out_fd = 1;
    int pid;
    if (i < p->ncmds - 1) {
      if (pipe(fds) < 0) {
        fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
        break;
      }
      out_fd = fds[1];
    }
    pid = fork();
    if (pid == 0) {
      if (i < p->ncmds - 1)
        close(fds[0]);
      child(p->cmds[i], pgid, background, in_fd, out_fd);
    }
    if (pid < 0) {
      fprintf(stderr, "sh: fork: %s\n", strerror(errno));
      if (i < p->ncmds - 1) {
        close(fds[0]);
        close(fds[1]);
      }
      break;
    }
    if (pgid == 0)
      pgid = pid;
    if (interactive)
      __sys_setpgid(pid, pgid);
    pids[i] = pid;
    if (in_fd != 0)
      close(in_fd);
    if (out_fd != 1)
      close(out_fd);
    if (i < p->ncmds - 1)
      in_fd = fds[0];
  }
  if (in_fd != 0 && i < p->ncmds)
    close(in_fd);
  if (i == 0)
    return 1;
  if (background) {
    job = job_new();
    if (job) {
      int k;
      job->pgid = pgid;
      job->npids = i;
      for (k = 0; k < i; k++)
        job->pids[k] = pids[k];
      strncpy(job->text, p->text, sizeof job->text - 1);
      if (interactive)
        fprintf(stderr, "[%d] %d\n", job->id, pids[i - 1]);
    }
    last_bg_pid = pids[i - 1];
    return 0;
  }
  {
    struct job fg;
    int k;
    memset(&fg, 0, sizeof fg);
    fg.pgid = pgid;
    fg.npids = i;
    for (k = 0; k < i; k++)
      fg.pids[k] = pids[k];
    strncpy(fg.text, p->text, sizeof fg.text - 1);
    return job_foreground(&fg);
  }
}

int run_list(struct list *l) {
  int i;
  int prev = T_SEMI;
  for (i = 0; i < l->nitems && !exit_requested; i++) {
    struct pipeline *p = l->items[i];
    if (!(prev == T_AND && last_status != 0) && !(prev == T_OR && last_status == 0))
      last_status = run_pipeline(p);
    prev = p->connector;
  }
  return last_status;
}

/* Lines nest when `.` runs a file inside a line: only the outermost line
 * may empty the arena, or the inner one would free the outer's tokens. */
static int line_depth;

int run_line(const char *line) {
  struct token *tokens = arena_alloc(sizeof(struct token) * MAX_TOKENS);
  int n;
  line_depth++;
  if (lex_line(line, tokens, MAX_TOKENS, &n) < 0)
    last_status = 2;
  else
    run_tokens(tokens, 0, n);
  if (--line_depth == 0)
    arena_reset();
  return last_status;
}
