/* eval.c: running a parsed tree — lists, and-or lists, pipelines,
 * background jobs and the compound commands.
 *
 * A pipeline of one command runs in the shell (a builtin, a function, a
 * compound command; a program is forked by command.c); a longer pipeline
 * forks one child per command, joined by pipes, each child running its
 * command with eval and exiting. A `( … )` subshell is a forked child too.
 * With job control (an interactive shell) every pipeline gets its own
 * process group, led by its first command, and a foreground one is given
 * the terminal (jobs.c). The status of a pipeline is its last command's.
 * Loops honour break/continue N and return through counters checked after
 * each command (eval_interrupted), which also stops the line after a ^C
 * that reached the interactive shell itself. set -e exits after a pipeline that fails
 * outside a condition (EV_NOERREXIT: if/while tests, the left of && ||,
 * `!`). EV_EXIT marks the last command of a child that exits afterwards:
 * its program is exec'd without another fork. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include "ulib.h"
#include "sh.h"

int loop_depth;
int break_count;
int continue_count;
int returning;

int eval_interrupted(void) {
  return exit_requested || break_count || continue_count || returning || user_interrupted();
}

/* > 0 while a condition runs, functions it calls included: set -e is off */
static int condition_depth;

int errexit_check(int status, int flags) {
  if (status != 0 && opt_errexit && !(flags & EV_NOERREXIT) && !condition_depth && !exit_requested)
    shell_exit(status);
  return status;
}

static int eval_condition(struct node *n, int flags) {
  int st;
  condition_depth++;
  st = eval(n, (flags | EV_NOERREXIT) & ~EV_EXIT);
  condition_depth--;
  return st;
}

/* fork() with nothing of the shell's stdio left to be written twice; on
 * failure "sh: fork: REASON" and -1. */
int shell_fork(void) {
  int pid;
  fflush(stdout);
  fflush(stderr);
  pid = fork();
  if (pid < 0)
    fprintf(stderr, "sh: fork: %s\n", strerror(errno));
  return pid;
}

/* What every forked child of the shell gives up: the terminal's job
 * control, the parent's jobs and its traps (POSIX: a subshell's traps are
 * reset, ignored signals stay ignored). */
void become_subshell(void) {
  interactive = 0;
  in_subshell = 1;
  jobs_forget_all();
  trap_reset_for_subshell();
}

/* What a forked child does first: its process group and terminal (with
 * job control), the signals a command should get, no job control inside. */
void fork_child_setup(int pgid, int background) {
  if (interactive) {
    __sys_setpgid(0, pgid);
    if (!background)
      give_terminal(pgid ? pgid : getpid());
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
    signal(SIGTTIN, SIG_DFL);
    /* a ^C that reached the shell's handler while we were starting is ours */
    if (got_interrupt && !background)
      kill(getpid(), SIGINT);
    if (got_suspend && !background)
      kill(getpid(), SIGTSTP);
  } else if (background) {
    /* no job control: a background job must not die of the terminal's ^C */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
  }
  become_subshell();
}

static void child_exit(int status) {
  shell_exit(status);
}

/* Forks every command of the pipeline; the status of the last, or 0 in
 * the background. */
static int run_pipeline_forked(struct node *n, int background) {
  int pids[MAX_PIPE];
  int in_fd = 0;
  int pgid = 0;
  int i;
  fflush(stdout);
  fflush(stderr);
  for (i = 0; i < n->npipe; i++) {
    int fds[2];
    int out_fd = 1;
    int pid;
    if (i < n->npipe - 1) {
      if (pipe(fds) < 0) {
        fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
        break;
      }
      out_fd = fds[1];
    }
    pid = fork();
    if (pid == 0) {
      fork_child_setup(pgid, background);
      if (i < n->npipe - 1)
        close(fds[0]);
      if (in_fd != 0) {
        dup2(in_fd, 0);
        close(in_fd);
      }
      if (out_fd != 1) {
        dup2(out_fd, 1);
        close(out_fd);
      }
      child_exit(eval(n->pipe[i], EV_EXIT));
    }
    if (pid < 0) {
      fprintf(stderr, "sh: fork: %s\n", strerror(errno));
      if (i < n->npipe - 1) {
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
    if (i < n->npipe - 1)
      in_fd = fds[0];
  }
  if (in_fd != 0 && i < n->npipe)
    close(in_fd);
  if (i == 0)
    return 1;
  if (background) {
    struct job *job = job_new();
    if (job) {
      int k;
      job->pgid = pgid;
      job->npids = i;
      for (k = 0; k < i; k++)
        job->pids[k] = pids[k];
      strncpy(job->text, n->text ? n->text : "", sizeof job->text - 1);
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
    strncpy(fg.text, n->text ? n->text : "", sizeof fg.text - 1);
    return job_foreground(&fg);
  }
}

static int eval_pipeline(struct node *n, int flags) {
  int st;
  if (n->npipe == 1 && n->pipe[0]->kind != N_SUBSHELL)
    st = n->bang ? eval_condition(n->pipe[0], flags) : eval(n->pipe[0], flags);
  else if (n->npipe == 1 && (flags & EV_EXIT) && !n->bang)
    st = eval(n->pipe[0], flags);
  else
    st = run_pipeline_forked(n, 0);
  if (n->bang)
    return !st;
  return errexit_check(st, flags);
}

static int eval_background(struct node *n) {
  struct node *a = n->a;
  int pid;
  if (a->kind == N_PIPE && !a->bang)
    return run_pipeline_forked(a, 1);
  pid = shell_fork();
  if (pid < 0)
    return 1;
  if (pid == 0) {
    fork_child_setup(0, 1);
    child_exit(eval(a, EV_EXIT));
  }
  if (interactive)
    __sys_setpgid(pid, pid);
  {
    struct job *job = job_new();
    if (job) {
      job->pgid = pid;
      job->npids = 1;
      job->pids[0] = pid;
      strncpy(job->text, n->text ? n->text : "", sizeof job->text - 1);
      if (interactive)
        fprintf(stderr, "[%d] %d\n", job->id, pid);
    }
  }
  last_bg_pid = pid;
  return 0;
}

static int eval_subshell(struct node *n, int flags) {
  int pid;
  int st;
  int r;
  if (flags & EV_EXIT)
    return eval(n->a, flags);
  pid = shell_fork();
  if (pid < 0)
    return 1;
  if (pid == 0) {
    in_subshell = 1;
    jobs_forget_all();
    trap_reset_for_subshell();
    child_exit(eval(n->a, EV_EXIT));
  }
  while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR) {
  }
  return r == pid ? decode_status(st) : 1;
}

/* After a loop's body: whether this loop ends here, spending one level of
 * a pending break, or of a continue aimed at an outer loop (a continue
 * for this loop, at 1, just goes on to the next pass). */
static int loop_body_ends(void) {
  if (break_count) {
    break_count--;
    return 1;
  }
  return continue_count && --continue_count;
}

static int eval_loop(struct node *n, int flags) {
  int st = 0;
  int until = n->kind == N_UNTIL;
  struct arena_mark mark = arena_mark();
  loop_depth++;
  while (!exit_requested && !returning) {
    int cond;
    arena_release(mark);   /* what the last pass allocated is dead */
    cond = eval_condition(n->a, flags);
    if (break_count) {
      break_count--;
      break;
    }
    if (continue_count) {
      if (--continue_count)
        break;
      continue;
    }
    if (eval_interrupted() || (cond == 0) == until)
      break;
    st = eval(n->b, flags & ~EV_EXIT);
    if (loop_body_ends())
      break;
  }
  loop_depth--;
  return st;
}

static int eval_for(struct node *n, int flags) {
  struct strvec values;
  struct arena_mark mark;
  int st = 0;
  int i;
  memset(&values, 0, sizeof values);
  expand_error = 0;
  if (n->has_in) {
    for (i = 0; i < n->nwords; i++) {
      if (expand_fields(n->words[i], &values) < 0) {
        return expand_failed();
      }
    }
  } else {
    for (i = 0; i < npos; i++)
      sv_push(&values, pos_args[i]);
  }
  mark = arena_mark();
  loop_depth++;
  for (i = 0; i < values.n && !exit_requested && !returning; i++) {
    arena_release(mark);   /* what the last pass allocated is dead */
    if (var_set(n->name, values.v[i], 0) < 0) {
      st = 1;
      break;
    }
    st = eval(n->a, flags & ~EV_EXIT);
    if (loop_body_ends())
      break;
  }
  loop_depth--;
  return st;
}

static int eval_case(struct node *n, int flags) {
  char *subject;
  struct case_item *it;
  expand_error = 0;
  subject = expand_word(n->words[0]);
  if (expand_error) {
    return expand_failed();
  }
  for (it = n->items; it; it = it->next) {
    int k;
    for (k = 0; k < it->npats; k++) {
      char *pat = expand_pattern(it->pats[k]);
      if (glob_match(pat, subject))
        return it->body ? eval(it->body, flags) : 0;
    }
  }
  return 0;
}

/* A compound command with redirections: applied around it, then undone. */
static int eval_redirected(struct node *n, int flags) {
  struct saved_fds *saved = redir_apply(n->redirs, 0);
  struct redir *r = n->redirs;
  int st;
  if (!saved)
    return 1;
  n->redirs = 0;
  st = eval(n, flags & ~EV_EXIT);
  n->redirs = r;
  redir_restore(saved);
  return st;
}

int eval(struct node *n, int flags) {
  int st = 0;
  if (!n || eval_interrupted())
    return last_status;
  if (trap_pending)
    trap_run_pending();
  if (n->redirs && n->kind != N_SIMPLE)
    return last_status = eval_redirected(n, flags);
  switch (n->kind) {
  case N_SIMPLE:
    st = eval_simple(n, flags);
    break;
  case N_PIPE:
    st = eval_pipeline(n, flags);
    break;
  case N_SEQ:
    eval(n->a, flags & ~EV_EXIT);
    if (eval_interrupted())
      return last_status;
    st = eval(n->b, flags);
    break;
  case N_AND:
  case N_OR:
    st = eval_condition(n->a, flags);
    if (eval_interrupted())
      return last_status;
    if ((st == 0) == (n->kind == N_AND))
      st = eval(n->b, flags);
    break;
  case N_BG:
    st = eval_background(n);
    break;
  case N_IF:
    st = eval_condition(n->a, flags);
    if (eval_interrupted())
      return last_status;
    if (st == 0)
      st = eval(n->b, flags);
    else
      st = n->c ? eval(n->c, flags) : 0;
    break;
  case N_WHILE:
  case N_UNTIL:
    st = eval_loop(n, flags);
    break;
  case N_FOR:
    st = eval_for(n, flags);
    break;
  case N_CASE:
    st = eval_case(n, flags);
    break;
  case N_BRACE:
    st = eval(n->a, flags);
    break;
  case N_SUBSHELL:
    st = eval_subshell(n, flags);
    break;
  case N_FUNC:
    define_function(n->name, n->text);
    st = 0;
    break;
  }
  if (returning || exit_requested)
    return last_status;
  last_status = st;
  return st;
}

/* Commands nest when `.`, eval or a function runs text inside a command:
 * only the outermost may empty the arena. */
int eval_depth;

int run_string(const char *text) {
  struct parser *p = arena_alloc(sizeof *p);
  int len = strlen(text);
  char *copy = arena_alloc(len + 2);
  memcpy(copy, text, len);
  copy[len] = '\n';
  parser_init(p, copy, len + 1);
  p->final = 1;
  eval_depth++;
  for (;;) {
    struct node *n = parse_next(p);
    if (!n) {
      if (p->incomplete && !p->error)
        parse_report_incomplete(p);
      if (p->error)
        last_status = 2;
      break;
    }
    eval(n, 0);
    if (eval_interrupted())
      break;
  }
  eval_depth--;
  return last_status;
}
