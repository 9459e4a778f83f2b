/* jobs.c: the shell's jobs — pipelines it started and has not finished
 * waiting for.
 *
 * A background pipeline (&) is entered in the table when it starts; a
 * foreground one only when it stops (^Z). Reaped statuses are kept in the
 * table until `wait` or the prompt reports them, so `wait $!` works after
 * the job has ended. job_foreground waits for a job holding the terminal
 * (TIOCSPGRP to the job's process group, back to the shell's after), and
 * fg, bg and jobs are the builtins over the table.
 * Invariant: a job's entry is freed exactly once, when all its processes
 * have been reaped and it was reported or waited for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include "ulib.h"
#include "sh.h"

/* The table grows as jobs are started (no job is lost to a fixed size);
 * entries are separate allocations, so a struct job * stays valid. */
static struct job **jobs;
static int njobs;

int decode_status(int st) {
  if (WIFEXITED(st))
    return WEXITSTATUS(st);
  if (WIFSTOPPED(st))
    return 128 + WSTOPSIG(st);
  return 128 + WTERMSIG(st);
}

void give_terminal(int pgid) {
  if (interactive)
    __sys_ioctl(0, U_TIOCSPGRP, (unsigned int)&pgid);
}

struct job *job_new(void) {
  int i;
  int id = 1;
  for (i = 0; i < njobs; i++)
    if (jobs[i]->used && jobs[i]->id >= id)
      id = jobs[i]->id + 1;
  for (i = 0; i < njobs; i++) {
    if (!jobs[i]->used) {
      memset(jobs[i], 0, sizeof(struct job));
      jobs[i]->used = 1;
      jobs[i]->id = id;
      return jobs[i];
    }
  }
  jobs = realloc(jobs, (njobs + 1) * sizeof *jobs);
  jobs[njobs] = malloc(sizeof(struct job));
  if (!jobs[njobs])
    return 0;
  memset(jobs[njobs], 0, sizeof(struct job));
  jobs[njobs]->used = 1;
  jobs[njobs]->id = id;
  return jobs[njobs++];
}

static int job_finished(struct job *j) {
  int i;
  for (i = 0; i < j->npids; i++)
    if (!j->done[i])
      return 0;
  return 1;
}

/* The live job pid belongs to, with pid's place in it in *slot (when slot
 * is not NULL); NULL when none. */
static struct job *find_pid(int pid, int *slot) {
  int i;
  int k;
  for (i = 0; i < njobs; i++)
    for (k = 0; jobs[i]->used && k < jobs[i]->npids; k++)
      if (jobs[i]->pids[k] == pid) {
        if (slot)
          *slot = k;
        return jobs[i];
      }
  return 0;
}

/* Records a reaped pid in its job; returns the job or NULL. */
static struct job *note_exit(int pid, int st) {
  int k;
  struct job *j = find_pid(pid, &k);
  if (j) {
    j->done[k] = 1;
    if (k == j->npids - 1)
      j->last_status = st;
  }
  return j;
}

static void report_job(struct job *j) {
  int st = j->last_status;
  if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
    fprintf(stderr, "[%d]+  Done                    %s\n", j->id, j->text);
  else if (WIFEXITED(st))
    fprintf(stderr, "[%d]+  Exit %d                  %s\n", j->id, WEXITSTATUS(st), j->text);
  else
    fprintf(stderr, "[%d]+  %s                  %s\n", j->id, u_signal_message(WTERMSIG(st)), j->text);
}

void jobs_reap(int report) {
  int st;
  int pid;
  int i;
  while ((pid = waitpid(-1, &st, WNOHANG | WUNTRACED | WCONTINUED)) > 0) {
    if (WIFCONTINUED(st)) {
      /* kill -CONT from anywhere: the job runs again (jobs says Running) */
      struct job *j = find_pid(pid, 0);
      if (j)
        j->stopped = 0;
      continue;
    }
    if (WIFSTOPPED(st)) {
      struct job *j = find_pid(pid, 0);
      if (j && !j->stopped) {
        j->stopped = 1;
        j->reported_stop = 0;
      }
      continue;
    }
    note_exit(pid, st);
  }
  if (!report)
    return;
  for (i = 0; i < njobs; i++) {
    if (!jobs[i]->used)
      continue;
    if (job_finished(jobs[i])) {
      report_job(jobs[i]);
      jobs[i]->used = 0;
    } else if (jobs[i]->stopped && !jobs[i]->reported_stop) {
      fprintf(stderr, "[%d]+  Stopped                 %s\n", jobs[i]->id, jobs[i]->text);
      jobs[i]->reported_stop = 1;
    }
  }
}

void jobs_forget_all(void) {
  int i;
  for (i = 0; i < njobs; i++)
    jobs[i]->used = 0;
}

int wait_for(int pid) {
  int st;
  int k;
  struct job *j = find_pid(pid, &k);
  if (j) {
    while (!j->done[k]) {
      int r = waitpid(pid, &st, 0);
      if (r == pid) {
        note_exit(pid, st);
      } else if (r < 0 && errno != EINTR) {
        j->done[k] = 1;
        st = 127 << 8;
      } else if (r < 0 && user_interrupted()) {
        return 128 + SIGINT;
      }
    }
    if (k == j->npids - 1)
      st = j->last_status;
    if (job_finished(j))
      j->used = 0;
    return decode_status(st);
  }
  for (;;) {
    int r = waitpid(pid, &st, 0);
    if (r == pid)
      return decode_status(st);
    if (r >= 0 || errno != EINTR)
      break;
    if (user_interrupted())
      return 128 + SIGINT;
  }
  fprintf(stderr, "sh: wait: pid %d is not a child of this shell\n", pid);
  return 127;
}

int wait_all(void) {
  int st;
  int pid;
  int i;
  for (;;) {
    pid = waitpid(-1, &st, 0);
    if (pid > 0) {
      note_exit(pid, st);
      continue;
    }
    if (errno != EINTR)
      break;
    if (user_interrupted())
      return 128 + SIGINT;   /* ^C: stop waiting, the jobs run on (bash) */
  }
  for (i = 0; i < njobs; i++)
    jobs[i]->used = 0;
  return 0;
}

/* Waits for a job in the foreground, holding the terminal for it. A job
 * that stops (^Z) goes into the job table, for fg and bg; one that ends
 * leaves the table. Returns the status of the job's last command. */
int job_foreground(struct job *j) {
  int k;
  int st = 0;
  int stop_status = 0;
  if (interactive) {
    give_terminal(j->pgid);
    /* a ^C that reached us while the job was starting belongs to it */
    if (got_interrupt) {
      got_interrupt = 0;
      kill(-j->pgid, SIGINT);
    }
    if (got_suspend) {
      got_suspend = 0;
      kill(-j->pgid, SIGTSTP);
    }
  }
  for (k = 0; k < j->npids; k++) {
    int r;
    if (j->done[k])
      continue;
    do {
      r = waitpid(j->pids[k], &st, WUNTRACED);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
      j->done[k] = 1;
      continue;
    }
    if (WIFSTOPPED(st)) {
      stop_status = st;
      continue;
    }
    j->done[k] = 1;
    if (k == j->npids - 1)
      j->last_status = st;
  }
  if (interactive)
    give_terminal(__sys_getpgrp());
  if (stop_status) {
    struct job *slot = j->used ? j : job_new();
    if (slot && slot != j) {
      int id = slot->id;
      *slot = *j;
      slot->used = 1;
      slot->id = id;
    }
    if (slot) {
      slot->stopped = 1;
      slot->reported_stop = 1;
      fprintf(stderr, "[%d]+  Stopped                 %s\n", slot->id, slot->text);
    }
    return 128 + WSTOPSIG(stop_status);
  }
  if (j->used)
    j->used = 0;
  st = j->last_status;
  if (WIFSIGNALED(st)) {
    int sig = WTERMSIG(st);
    /* the terminal already echoed "^C\n" for SIGINT */
    if (sig != SIGINT && sig != SIGPIPE)
      fprintf(stderr, "%s\n", u_signal_message(sig));
  }
  return decode_status(st);
}

/* The job a spec names: %N, %% or %+ (the newest), %- , %STRING (the
 * job whose text starts so), or NULL (printed). */
static struct job *job_by_spec(const char *who, const char *spec) {
  int i;
  struct job *best = 0;
  const char *s = spec ? spec : "%%";
  if (*s == '%')
    s++;
  for (i = 0; i < njobs; i++) {
    struct job *j = jobs[i];
    if (!j->used)
      continue;
    if (!*s || strcmp(s, "%") == 0 || strcmp(s, "+") == 0 || strcmp(s, "-") == 0) {
      if (!best || j->id > best->id)
        best = j;
    } else if (*s >= '0' && *s <= '9') {
      if (j->id == atoi(s))
        best = j;
    } else if (strncmp(j->text, s, strlen(s)) == 0) {
      best = j;
    }
  }
  if (!best)
    fprintf(stderr, "sh: %s: %s: no such job\n", who, spec ? spec : "current");
  return best;
}

static struct job *find_job(int argc, char **argv) {
  return job_by_spec(argv[0], argc > 1 ? argv[1] : 0);
}

int builtin_fg(int argc, char **argv) {
  struct job *j = find_job(argc, argv);
  if (!j)
    return 1;
  fprintf(stderr, "%s\n", j->text);
  j->stopped = 0;
  if (interactive)
    give_terminal(j->pgid);
  kill(-j->pgid, SIGCONT);
  return job_foreground(j);
}

int builtin_bg(int argc, char **argv) {
  struct job *j = find_job(argc, argv);
  if (!j)
    return 1;
  j->stopped = 0;
  kill(-j->pgid, SIGCONT);
  fprintf(stderr, "[%d]+ %s &\n", j->id, j->text);
  return 0;
}

int builtin_jobs(int argc, char **argv) {
  int i;
  int want = 0;
  (void)argv;
  jobs_reap(0);
  if (argc > 1) {
    struct job *j = job_by_spec("jobs", argv[1]);
    if (!j)
      return 1;
    want = j->id;
  }
  for (i = 0; i < njobs; i++) {
    const char *state;
    char exit_text[24];
    if (!jobs[i]->used || (want && jobs[i]->id != want))
      continue;
    if (job_finished(jobs[i])) {
      int st = jobs[i]->last_status;
      if (WIFEXITED(st) && WEXITSTATUS(st)) {
        sprintf(exit_text, "Exit %d", WEXITSTATUS(st));
        state = exit_text;
      } else {
        state = WIFSIGNALED(st) ? u_signal_message(WTERMSIG(st)) : "Done";
      }
    } else {
      state = jobs[i]->stopped ? "Stopped" : "Running";
    }
    printf("[%d]  %-22s  %s\n", jobs[i]->id, state, jobs[i]->text);
    if (jobs[i]->stopped)
      jobs[i]->reported_stop = 1;
  }
  return write_error_check("jobs");
}

int builtin_wait(int argc, char **argv) {
  int i;
  int st = 0;
  if (argc == 1)
    return wait_all();
  for (i = 1; i < argc; i++) {
    int pid;
    if (argv[i][0] == '%') {
      struct job *j = job_by_spec("wait", argv[i]);
      if (!j) {
        st = 127;
        continue;
      }
      pid = j->pids[j->npids - 1];
    } else {
      pid = atoi(argv[i]);
      if (pid <= 0) {
        fprintf(stderr, "sh: wait: Illegal number: %s\n", argv[i]);
        st = 2;
        continue;
      }
    }
    st = wait_for(pid);
    if (user_interrupted())
      break;
  }
  return st;
}

/* "%N" in kill's arguments: the job's process group as "-PGID", so the
 * kill program signals the whole job; a "--" goes before the first one so
 * it is not read as a signal number. A shell without job control (a
 * script) puts no job in a group of its own: there %N becomes the job's
 * pids. Unknown jobs stay as written (kill
 * then reports them). argv has room for one more entry. */
void jobs_translate_kill_args(struct strvec *args) {
  int i;
  int dashes = 0;
  for (i = 1; i < args->n; i++) {
    char **argv = args->v;
    struct job *j;
    char *s;
    if (strcmp(argv[i], "--") == 0)
      dashes = 1;
    if (argv[i][0] != '%')
      continue;
    if (!dashes) {
      /* a -- before the first -PGID so kill does not read it as a signal */
      int k;
      sv_push(args, 0);
      args->n--;
      for (k = args->n; k > i; k--)
        args->v[k] = args->v[k - 1];
      args->v[i] = "--";
      args->n++;
      args->v[args->n] = 0;
      dashes = 1;
      continue;
    }
    j = job_by_spec("kill", argv[i]);
    if (!j)
      continue;
    s = arena_alloc(16);
    if (interactive) {
      sprintf(s, "-%d", j->pgid);
      argv[i] = s;
    } else {
      /* without job control the job has no group of its own (it is in
       * the script's): signal its processes one by one */
      int p;
      sprintf(s, "%d", j->pids[0]);
      argv[i] = s;
      for (p = 1; p < j->npids; p++) {
        int k;
        char *more = arena_alloc(16);
        sprintf(more, "%d", j->pids[p]);
        sv_push(args, 0);
        args->n--;
        for (k = args->n; k > i + p; k--)
          args->v[k] = args->v[k - 1];
        args->v[i + p] = more;
        args->n++;
        args->v[args->n] = 0;
      }
      i += j->npids - 1;
    }
  }
}
