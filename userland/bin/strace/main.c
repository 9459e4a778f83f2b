/* strace: trace the system calls and signals of a program.
 *
 *   strace [-f] [-c] [-e trace=NAME,...] [-o FILE] [-p PID | CMD [ARGS]]
 *
 * It starts CMD (PTRACE_TRACEME, a SIGSTOP to itself, then execve) or
 * attaches to PID, and from then on resumes every tracee with
 * PTRACE_SYSCALL: each system call stops it twice, at its entry (the
 * arguments) and at its exit (the result). Lines have Linux strace's form:
 * `name(args) = result`, the result at column 40, `= -1 ENOENT (No such
 * file or directory)` on failure; `--- SIGCHLD {...} ---` when a signal is
 * delivered (the tracer passes it on); `+++ exited with N +++` at the end.
 * -f follows fork, vfork and clone (PTRACE_O_TRACEFORK...), with `[pid N]`
 * prefixes once several processes are traced; a call another process's
 * line cuts is `<unfinished ...>` and resumes as `<... name resumed>`.
 * -c prints, instead of the lines, a table per call: the share of time,
 * seconds, microseconds per call, calls and errors, the time being the
 * emulated clock between a call's entry and exit stops. -e trace= keeps the
 * named calls only. Names and argument kinds come from the table generated
 * from kernel/syscalls.tbl (table.gen.c); decode.c shows them.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "strace.h"
#include "ulib.h"

#define MAX_TCB 64
#define RESULT_COLUMN 40
#define NR_EXIT 1
#define NR_EXIT_GROUP 252
#define WALL 0x40000000

FILE *out;
static int column;
static int to_file;
static struct tcb tcbs[MAX_TCB];
static int ntcbs;
static struct tcb *open_line;     /* the tracee whose line is not finished */
static int follow_forks, summary;
static char *only[64];            /* -e trace=: the calls to show (none: all) */
static int nonly;
static volatile int interrupted;

/* -c */
static unsigned calls[512], errors[512], usecs[512];

void outf(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  int i;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  for (i = 0; buf[i]; i++)
    column = buf[i] == '\n' ? 0 : column + 1;
  fputs(buf, out);
}

void out_to_column(int col) {
  while (column < col)
    outf(" ");
}

static unsigned now_us(void) {
  unsigned ts[2];
  __sys_clock_gettime(1, ts);
  return ts[0] * 1000000u + ts[1] / 1000u;
}

static struct tcb *find_tcb(int pid) {
  int i;
  for (i = 0; i < MAX_TCB; i++)
    if (tcbs[i].pid == pid)
      return &tcbs[i];
  return 0;
}

static struct tcb *new_tcb(int pid) {
  int i;
  for (i = 0; i < MAX_TCB; i++) {
    if (tcbs[i].pid == 0) {
      memset(&tcbs[i], 0, sizeof tcbs[i]);
      tcbs[i].pid = pid;
      tcbs[i].interrupted_nr = -1;
      ntcbs++;
      return &tcbs[i];
    }
  }
  return 0;
}

static void drop_tcb(struct tcb *t) {
  if (open_line == t)
    open_line = 0;
  t->pid = 0;
  ntcbs--;
}

/* Starts a line for t: another tracee's open line is cut first. */
static void begin_line(struct tcb *t) {
  if (open_line && open_line != t) {
    outf(" <unfinished ...>\n");
    open_line->unfinished = 1;
  }
  open_line = 0;
  if (column != 0)
    outf("\n");
  if (follow_forks && to_file)
    outf("%-5d ", t->pid);
  else if (ntcbs > 1)
    outf("[pid %5d] ", t->pid);
}

/* "strace: Process N attached", on a line of its own. */
static void announce_attached(int pid) {
  if (to_file) {
    fprintf(stderr, "strace: Process %d attached\n", pid);
    return;
  }
  if (open_line) {
    outf(" <unfinished ...>\n");
    open_line->unfinished = 1;
    open_line = 0;
  }
  if (column != 0)
    outf("\n");
  outf("strace: Process %d attached\n", pid);
}

static int shown(int nr) {
  const char *name = sc_name(nr);
  int i;
  if (nonly == 0)
    return 1;
  for (i = 0; name && i < nonly; i++)
    if (strcmp(only[i], name) == 0)
      return 1;
  return 0;
}

static void print_args(struct tcb *t, int from, int to, int ret, int at_exit) {
  int i;
  for (i = from; i < to; i++) {
    if (!at_exit && is_output_arg(t->nr, i))
      break;
    if (at_exit && is_output_arg(t->nr, i)) {
      char buf[STRACE_ARG_TEXT];
      struct sb b;
      sb_init(&b, buf, sizeof buf);
      render_output_arg(&b, t, i, ret);
      outf("%s", buf);
    } else {
      outf("%s", t->text[i]);
    }
    if (i + 1 < to)
      outf(", ");
  }
  t->printed_upto = i;
}

static void syscall_entry(struct tcb *t, struct user_regs_struct *r) {
  t->in_syscall = 1;
  t->nr = (int)r->orig_eax;
  t->args[0] = (unsigned)r->ebx;
  t->args[1] = (unsigned)r->ecx;
  t->args[2] = (unsigned)r->edx;
  t->args[3] = (unsigned)r->esi;
  t->args[4] = (unsigned)r->edi;
  t->args[5] = (unsigned)r->ebp;
  t->unfinished = 0;
  t->printed_upto = 0;
  t->entry_us = now_us();
  if (summary || !shown(t->nr))
    return;
  if (!sc_name(t->nr)) {
    begin_line(t);
    outf("syscall_%d(", t->nr);
    open_line = t;
    return;
  }
  if (strcmp(sc_name(t->nr), "restart_syscall") == 0) {
    begin_line(t);
    outf("restart_syscall(<... resuming interrupted %s ...>",
         t->interrupted_nr >= 0 && sc_name(t->interrupted_nr) ? sc_name(t->interrupted_nr) : "call");
    open_line = t;
    return;
  }
  decode_at_entry(t);
  begin_line(t);
  outf("%s(", sc_name(t->nr));
  print_args(t, 0, shown_args(t->nr, t->args), 0, 0);
  open_line = t;
}

/* The ") = result" end of t's line, resuming it if it was cut. */
static void finish_line(struct tcb *t, int ret, int have_ret) {
  const char *name = sc_name(t->nr);
  if (open_line != t) {
    begin_line(t);
    outf("<... %s resumed>", name ? name : "syscall");
  }
  if (name && have_ret)
    print_args(t, t->printed_upto, shown_args(t->nr, t->args), ret, 1);
  outf(") ");
  out_to_column(RESULT_COLUMN);
  if (have_ret) {
    char buf[512];
    struct sb b;
    sb_init(&b, buf, sizeof buf);
    render_return(&b, t, ret);
    outf("%s\n", buf);
  } else {
    outf("= ?\n");
  }
  open_line = 0;
  t->unfinished = 0;
}

static void syscall_exit(struct tcb *t, struct user_regs_struct *r) {
  int ret = (int)r->eax;
  t->in_syscall = 0;
  if (ret == -516)   /* ERESTART_RESTARTBLOCK: restart_syscall will resume it */
    t->interrupted_nr = t->nr;
  if (!shown(t->nr))
    return;
  if (summary) {
    if (t->nr >= 0 && t->nr < 512) {
      calls[t->nr]++;
      if (ret < 0 && ret > -4096)
        errors[t->nr]++;
      usecs[t->nr] += now_us() - t->entry_us;
    }
    return;
  }
  finish_line(t, ret, 1);
}

static void process_ended(struct tcb *t, int st) {
  if (!summary) {
    if (t->in_syscall && shown(t->nr))
      finish_line(t, 0, 0);   /* exit or exit_group: `= ?` */
    begin_line(t);
    if (WIFEXITED(st))
      outf("+++ exited with %d +++\n", WEXITSTATUS(st));
    else
      outf("+++ killed by %s%s +++\n", signal_name(WTERMSIG(st)) ? signal_name(WTERMSIG(st)) : "?",
           WCOREDUMP(st) ? " (core dumped)" : "");
  }
  drop_tcb(t);
}

/* A signal-delivery stop (the signal is passed on) or a group stop. */
static int signal_stop(struct tcb *t, int sig) {
  struct ptrace_siginfo si;
  if (t->new_child && sig == SIGSTOP) {
    struct user_regs_struct r;
    t->new_child = 0;
    if (ptrace(PTRACE_GETREGS, t->pid, 0, &r) == 0)
      t->interrupted_nr = (int)r.orig_eax;
    return 0;
  }
  if (ptrace(PTRACE_GETSIGINFO, t->pid, 0, &si) != 0) {
    if (!summary) {
      begin_line(t);
      outf("--- stopped by %s ---\n", signal_name(sig) ? signal_name(sig) : "?");
    }
    return 0;
  }
  if (!summary) {
    char buf[256];
    struct sb b;
    sb_init(&b, buf, sizeof buf);
    render_signal_stop(&b, sig, si.si_code);
    begin_line(t);
    outf("%s\n", buf);
  }
  return sig;
}

static void stop(struct tcb *t, int st) {
  int sig = WSTOPSIG(st);
  int inject = 0;
  if (sig == (SIGTRAP | 0x80)) {
    struct user_regs_struct r;
    if (ptrace(PTRACE_GETREGS, t->pid, 0, &r) == 0) {
      if (!t->in_syscall)
        syscall_entry(t, &r);
      else
        syscall_exit(t, &r);
    }
  } else if ((st >> 16) != 0) {
    /* a fork/vfork/clone/exec event: the new child shows up by itself */
  } else {
    inject = signal_stop(t, sig);
  }
  ptrace(PTRACE_SYSCALL, t->pid, 0, (void *)inject);
}

static unsigned options(void) {
  unsigned o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC;
  if (follow_forks)
    o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE;
  return o;
}

/* PATH search as execvp, so the child makes exactly one execve. */
static const char *find_program(const char *name, char *buf, int size) {
  const char *path = getenv("PATH");
  struct stat st;
  if (strchr(name, '/'))
    return name;
  if (!path)
    path = "/bin:/sbin";
  while (*path) {
    const char *end = strchr(path, ':');
    int len = end ? (int)(end - path) : (int)strlen(path);
    if (len > 0 && len + (int)strlen(name) + 2 <= size) {
      memcpy(buf, path, len);
      buf[len] = '/';
      strcpy(buf + len + 1, name);
      if (stat(buf, &st) == 0 && S_ISREG(st.st_mode))
        return buf;
    }
    path += len;
    if (*path == ':')
      path++;
  }
  return name;
}

static int start_program(char **argv) {
  char buf[256];
  const char *path = find_program(argv[0], buf, sizeof buf);
  int pid = fork();
  if (pid == 0) {
    if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
      _exit(127);
    kill(getpid(), SIGSTOP);
    execv(path, argv);
    fprintf(stderr, "strace: exec: %s\n", strerror(errno));
    _exit(127);
  }
  return pid;
}

/* part of total in hundredths of a percent, rounded, without overflowing 32 bits */
static unsigned share(unsigned part, unsigned total) {
  if (total == 0)
    return 0;
  if (part <= 400000u)
    return (part * 10000u + total / 2) / total;
  return (part + (total + 19999u) / 20000u) / ((total + 9999u) / 10000u);
}

static void summary_table(void) {
  unsigned total_us = 0, total_calls = 0, total_errors = 0;
  int order[512];
  int n = 0, i, j;
  for (i = 0; i < 512; i++) {
    if (calls[i] == 0)
      continue;
    total_us += usecs[i];
    total_calls += calls[i];
    total_errors += errors[i];
    order[n++] = i;
  }
  /* most time first; equal times by name */
  for (i = 1; i < n; i++) {
    int k = order[i];
    for (j = i; j > 0; j--) {
      int o = order[j - 1];
      if (usecs[o] > usecs[k] || (usecs[o] == usecs[k] && strcmp(sc_name(o), sc_name(k)) <= 0))
        break;
      order[j] = o;
    }
    order[j] = k;
  }
  outf("%% time     seconds  usecs/call     calls    errors syscall\n");
  outf("------ ----------- ----------- --------- --------- ----------------\n");
  for (i = 0; i < n; i++) {
    int k = order[i];
    unsigned pct = share(usecs[k], total_us);
    char err[16];
    if (errors[k])
      sprintf(err, "%9u", errors[k]);
    else
      strcpy(err, "         ");
    outf("%3u.%02u %4u.%06u %11u %9u %s %s\n", pct / 100, pct % 100, usecs[k] / 1000000, usecs[k] % 1000000,
         usecs[k] / calls[k], calls[k], err, sc_name(k));
  }
  outf("------ ----------- ----------- --------- --------- ----------------\n");
  {
    char err[16];
    if (total_errors)
      sprintf(err, "%9u", total_errors);
    else
      strcpy(err, "         ");
    outf("100.00 %4u.%06u %11u %9u %s total\n", total_us / 1000000, total_us % 1000000,
         total_calls ? total_us / total_calls : 0, total_calls, err);
  }
}

static void on_interrupt(int sig) {
  (void)sig;
  interrupted = 1;
}

static void usage(void) {
  fprintf(stderr, "usage: strace [-f] [-c] [-e trace=NAME,...] [-o FILE] [-p PID | CMD [ARGS]]\n");
  exit(1);
}

static void parse_trace(char *spec) {
  char *s;
  if (strncmp(spec, "trace=", 6) == 0)
    spec += 6;
  for (s = strtok(spec, ","); s && nonly < 64; s = strtok(0, ","))
    only[nonly++] = s;
}

int main(int argc, char **argv) {
  int c, st, attach = 0, first, exit_code = 0;
  const char *outname = 0;
  struct tcb *t;
  while ((c = getopt(argc, argv, "+fce:o:p:")) != -1) {
    if (c == 'f')
      follow_forks = 1;
    else if (c == 'c')
      summary = 1;
    else if (c == 'e')
      parse_trace(optarg);
    else if (c == 'o')
      outname = optarg;
    else if (c == 'p')
      attach = atoi(optarg);
    else
      usage();
  }
  if ((attach == 0) == (optind >= argc))
    usage();
  out = stderr;
  if (outname) {
    out = fopen(outname, "w");
    if (!out) {
      fprintf(stderr, "strace: %s: %s\n", outname, strerror(errno));
      return 1;
    }
    fcntl(fileno(out), F_SETFD, FD_CLOEXEC);   /* the traced program does not inherit it */
    to_file = 1;
  }
  if (attach) {
    if (ptrace(PTRACE_ATTACH, attach, 0, 0) != 0) {
      fprintf(stderr, "strace: attach: ptrace(PTRACE_ATTACH, %d): %s\n", attach, strerror(errno));
      return 1;
    }
    fprintf(stderr, "strace: Process %d attached\n", attach);
    {
      /* no SA_RESTART: ^C must end strace's wait4 (EINTR), to detach and leave */
      struct sigaction sa;
      memset(&sa, 0, sizeof sa);
      sa.sa_handler = on_interrupt;
      sigaction(SIGINT, &sa, 0);
      sigaction(SIGTERM, &sa, 0);
    }
    first = attach;
  } else {
    first = start_program(argv + optind);
    if (first < 0) {
      fprintf(stderr, "strace: fork: %s\n", strerror(errno));
      return 1;
    }
  }
  t = new_tcb(first);
  t->new_child = 1;
  /* the first stop is the SIGSTOP of TRACEME's kill or of the attach */
  if (waitpid(first, &st, WALL) != first || !WIFSTOPPED(st)) {
    fprintf(stderr, "strace: %d did not stop\n", first);
    return 1;
  }
  t->new_child = 0;
  {
    struct user_regs_struct r;
    if (ptrace(PTRACE_GETREGS, first, 0, &r) == 0)
      t->interrupted_nr = (int)r.orig_eax;
  }
  ptrace(PTRACE_SETOPTIONS, first, 0, (void *)options());
  ptrace(PTRACE_SYSCALL, first, 0, 0);
  while (ntcbs > 0) {
    int pid = waitpid(-1, &st, WALL);
    if (pid < 0) {
      if (errno == EINTR && interrupted)
        break;
      if (errno == EINTR)
        continue;
      break;
    }
    t = find_tcb(pid);
    if (!t) {
      t = new_tcb(pid);   /* a child of a tracee (-f), auto-attached */
      if (!t)
        continue;
      t->new_child = 1;
      announce_attached(pid);
    }
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
      if (pid == first)
        exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      process_ended(t, st);
      continue;
    }
    if (WIFSTOPPED(st))
      stop(t, st);
  }
  if (interrupted) {
    if (open_line)
      outf(" <detached ...>\n");
    fprintf(stderr, "strace: Process %d detached\n", attach);
  }
  if (summary)
    summary_table();
  fflush(out);
  if (to_file)
    fclose(out);
  return exit_code;
}
