/* t_ptrace.c: ptrace(2) as a tracer sees it — the exec stop after
 * TRACEME, system-call stops in entry/exit pairs with the number and the
 * result in the registers, PEEK/POKE through the tracee's page tables (a
 * poke into read-only text is private to the tracee), one instruction per
 * SINGLESTEP, the fork and exec events under SETOPTIONS, the permission
 * rules, and DETACH letting the tracee run on. */
#include "ut.h"
#include <signal.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/reg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char ut_step_code[];
extern unsigned ut_text_word[];

#define SYSGOOD_TRAP (SIGTRAP | 0x80)
#define NR_getpid 20
#define NR_getppid 64

/* The child: traced by its parent, stopped by SIGSTOP before fn runs. */
static int traced_child(void (*fn)(void)) {
  int pid = fork();
  if (pid == 0) {
    if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
      _exit(90);
    raise(SIGSTOP);
    fn();
    _exit(0);
  }
  return pid;
}

static int wait_stop(int pid) {
  int st = ut_wait_status(pid);
  if (!WIFSTOPPED(st))
    printf("  pid %d: status 0x%x, not a stop\n", pid, st);
  CHECK(WIFSTOPPED(st));
  return st;
}

static void exec_true(void) {
  char *argv[] = {"true", 0};
  execv("/bin/true", argv);
  _exit(91);
}

/* TRACEME, then exec: the tracee stops with SIGTRAP after exec succeeds,
 * at the new program's entry. */
static void traceme_exec_stop(void) {
  struct user_regs_struct r;
  int pid = traced_child(exec_true);
  int st = wait_stop(pid);
  CHECK(WSTOPSIG(st) == SIGSTOP);
  CHECK(ptrace(PTRACE_CONT, pid, 0, 0) == 0);
  st = wait_stop(pid);
  CHECK(WSTOPSIG(st) == SIGTRAP);
  CHECK(ptrace(PTRACE_GETREGS, pid, 0, &r) == 0);
  CHECK((unsigned)r.eip >= 0x08048000u && (unsigned)r.eip < 0x09000000u);   /* /bin/true's text */
  CHECK(ptrace(PTRACE_CONT, pid, 0, 0) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void call_getppid(void) {
  getppid();
  getpid();
}

/* PTRACE_SYSCALL: entry and exit stops alternate; at entry orig_eax is the
 * call and eax -ENOSYS, at exit eax is the result. */
static void syscall_stops_in_pairs(void) {
  struct user_regs_struct r;
  int pid = traced_child(call_getppid);
  int st = wait_stop(pid);
  int seen_getppid = 0, seen_getpid = 0;
  CHECK(ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACESYSGOOD) == 0);
  for (;;) {
    CHECK(ptrace(PTRACE_SYSCALL, pid, 0, 0) == 0);
    st = ut_wait_status(pid);
    if (WIFEXITED(st))
      break;
    CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SYSGOOD_TRAP);
    CHECK(ptrace(PTRACE_GETREGS, pid, 0, &r) == 0);
    CHECK(r.eax == -ENOSYS);
    CHECK(ptrace(PTRACE_PEEKUSER, pid, (void *)(4 * ORIG_EAX), 0) == r.orig_eax);
    if (r.orig_eax == 252)   /* exit_group: no exit stop */
      continue;
    CHECK(ptrace(PTRACE_SYSCALL, pid, 0, 0) == 0);
    st = wait_stop(pid);
    CHECK(WSTOPSIG(st) == SYSGOOD_TRAP);
    {
      struct user_regs_struct x;
      CHECK(ptrace(PTRACE_GETREGS, pid, 0, &x) == 0);
      CHECK(x.orig_eax == r.orig_eax);
      if (x.orig_eax == NR_getppid) {
        CHECK(x.eax == getpid());
        seen_getppid = 1;
      }
      if (x.orig_eax == NR_getpid) {
        CHECK(x.eax == pid);
        seen_getpid = 1;
      }
    }
  }
  CHECK(seen_getppid && seen_getpid);
  CHECK(WEXITSTATUS(st) == 0);
}

static void exit_if_word_changed(void) {
  _exit(ut_text_word[0] == 0x55667788u ? 0 : 1);
}

static void exit_if_word_original(void) {
  _exit(ut_text_word[0] == 0x11223344u ? 0 : 1);
}

/* PEEKDATA reads the tracee's memory; POKEDATA into its read-only text
 * page gives it a private copy: the tracer and a sibling sharing the page
 * still read the old word. */
static void peek_poke_text_private(void) {
  int pid = traced_child(exit_if_word_changed);
  int sib, st;
  long w;
  wait_stop(pid);
  errno = 0;
  w = ptrace(PTRACE_PEEKDATA, pid, ut_text_word, 0);
  CHECK(errno == 0 && (unsigned)w == 0x11223344u);
  CHECK(ptrace(PTRACE_POKEDATA, pid, ut_text_word, (void *)0x55667788) == 0);
  w = ptrace(PTRACE_PEEKDATA, pid, ut_text_word, 0);
  CHECK((unsigned)w == 0x55667788u);
  CHECK(ut_text_word[0] == 0x11223344u);
  sib = fork();
  if (sib == 0)
    exit_if_word_original();
  CHECK(ut_wait_status(sib) == 0);
  /* an address with nothing mapped: EIO, as Linux; a process not traced by us: ESRCH */
  CHECK_ERR(ptrace(PTRACE_PEEKDATA, pid, (void *)16, 0), EIO);
  CHECK_ERR(ptrace(PTRACE_POKEDATA, pid, (void *)16, 0), EIO);
  CHECK_ERR(ptrace(PTRACE_PEEKDATA, getpid(), ut_text_word, 0), ESRCH);
  CHECK(ptrace(PTRACE_CONT, pid, 0, 0) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void spin(void) {
  for (;;)
    ;
}

/* SINGLESTEP runs exactly one instruction: eip moves by its length. */
static void singlestep_one_instruction(void) {
  struct user_regs_struct r;
  unsigned start = (unsigned)ut_step_code;
  int pid = traced_child(spin);
  int st;
  wait_stop(pid);
  CHECK(ptrace(PTRACE_GETREGS, pid, 0, &r) == 0);
  r.eip = (long)start;
  r.eax = 0;
  CHECK(ptrace(PTRACE_SETREGS, pid, 0, &r) == 0);
  CHECK(ptrace(PTRACE_SINGLESTEP, pid, 0, 0) == 0);
  st = wait_stop(pid);
  CHECK(WSTOPSIG(st) == SIGTRAP);
  CHECK((unsigned)ptrace(PTRACE_PEEKUSER, pid, (void *)(4 * EIP), 0) == start + 1);
  CHECK(ptrace(PTRACE_SINGLESTEP, pid, 0, 0) == 0);
  wait_stop(pid);
  CHECK((unsigned)ptrace(PTRACE_PEEKUSER, pid, (void *)(4 * EIP), 0) == start + 2);
  CHECK(ptrace(PTRACE_PEEKUSER, pid, (void *)(4 * EAX), 0) == 0);
  CHECK(ptrace(PTRACE_SINGLESTEP, pid, 0, 0) == 0);
  wait_stop(pid);
  CHECK(ptrace(PTRACE_GETREGS, pid, 0, &r) == 0);
  CHECK((unsigned)r.eip == start + 8);
  CHECK(r.eax == 7);
  CHECK((r.eflags & 0x100) == 0x100);   /* TF while stepping */
  CHECK(ptrace(PTRACE_CONT, pid, 0, 0) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void fork_then_exec(void) {
  int c = fork();
  if (c == 0)
    exec_true();
  ut_wait_status(c);
}

/* TRACEFORK and TRACEEXEC: the parent's fork event (GETEVENTMSG = the new
 * pid), the child auto-attached and stopped by SIGSTOP, its exec event. */
static void fork_exec_events(void) {
  int pid = traced_child(fork_then_exec);
  int st, child = 0, r;
  unsigned long msg = 0;
  int saw_fork = 0, saw_child_stop = 0, saw_exec = 0, exited = 0;
  wait_stop(pid);
  CHECK(ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)(PTRACE_O_TRACEFORK | PTRACE_O_TRACEEXEC)) == 0);
  CHECK(ptrace(PTRACE_CONT, pid, 0, 0) == 0);
  while (exited < 2) {
    r = waitpid(-1, &st, 0);
    CHECK(r > 0);
    if (WIFEXITED(st)) {
      exited++;
      continue;
    }
    CHECK(WIFSTOPPED(st));
    if (r == pid && (st >> 8) == (SIGTRAP | PTRACE_EVENT_FORK << 8)) {
      CHECK(ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg) == 0);
      child = (int)msg;
      saw_fork = 1;
    } else if (r != pid && WSTOPSIG(st) == SIGSTOP) {
      saw_child_stop = 1;
    } else if (r != pid && (st >> 8) == (SIGTRAP | PTRACE_EVENT_EXEC << 8)) {
      CHECK(ptrace(PTRACE_GETEVENTMSG, r, 0, &msg) == 0);
      CHECK((int)msg == r);
      saw_exec = 1;
    }
    CHECK(ptrace(PTRACE_CONT, r, 0, 0) == 0);
  }
  CHECK(saw_fork && saw_child_stop && saw_exec);
  CHECK(child > 0);
  CHECK(ut_proc_number("/proc/self/status", "TracerPid") == 0);
}

/* A user may trace only processes with its own ids: not init, not a root
 * process; nobody attaches to itself; a second tracer is refused. */
static void eperm_rules(void) {
  int root_pid = fork();
  int st;
  if (root_pid == 0) {
    pause();
    _exit(0);
  }
  st = fork();
  if (st == 0) {
    if (setuid(1000) != 0)
      _exit(2);
    CHECK_ERR(ptrace(PTRACE_ATTACH, 1, 0, 0), EPERM);
    CHECK_ERR(ptrace(PTRACE_ATTACH, root_pid, 0, 0), EPERM);
    _exit(0);
  }
  CHECK(ut_wait_status(st) == 0);
  CHECK_ERR(ptrace(PTRACE_ATTACH, 1, 0, 0), EPERM);
  CHECK_ERR(ptrace(PTRACE_ATTACH, getpid(), 0, 0), EPERM);
  CHECK_ERR(ptrace(PTRACE_ATTACH, 99999, 0, 0), ESRCH);
  CHECK(ptrace(PTRACE_ATTACH, root_pid, 0, 0) == 0);
  CHECK_ERR(ptrace(PTRACE_ATTACH, root_pid, 0, 0), EPERM);
  st = wait_stop(root_pid);
  CHECK(WSTOPSIG(st) == SIGSTOP);
  {
    char path[64];
    sprintf(path, "/proc/%d/status", root_pid);
    CHECK(ut_proc_number(path, "TracerPid") == getpid());
  }
  CHECK(ptrace(PTRACE_KILL, root_pid, 0, 0) == 0);
  st = ut_wait_status(root_pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void count_then_exit(void) {
  int i;
  for (i = 0; i < 3; i++)
    getpid();
  _exit(7);
}

/* DETACH: the tracee runs on untraced (no more stops) and its SIGCONT
 * would not have resumed it while it was in a ptrace stop. */
static void detach_resumes(void) {
  int pid = traced_child(count_then_exit);
  int st;
  char path[64];
  wait_stop(pid);
  CHECK(ptrace(PTRACE_SYSCALL, pid, 0, 0) == 0);
  st = wait_stop(pid);
  CHECK(WSTOPSIG(st) == SIGTRAP);
  kill(pid, SIGCONT);   /* no effect on a ptrace stop */
  CHECK(waitpid(pid, &st, WNOHANG) == 0);
  sprintf(path, "/proc/%d/status", pid);
  CHECK(ut_proc_number(path, "TracerPid") == getpid());
  CHECK(ptrace(PTRACE_DETACH, pid, 0, 0) == 0);
  CHECK(ut_proc_number(path, "TracerPid") == 0);
  CHECK_ERR(ptrace(PTRACE_CONT, pid, 0, 0), ESRCH);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

static void usr1_then_usr2(void) {
  kill(getpid(), SIGUSR1);   /* default action: death, unless the tracer suppresses it */
  kill(getpid(), SIGUSR2);
  _exit(0);
}

/* Signal-delivery stops: the tracer sees each signal before its action and
 * decides what is delivered — nothing for SIGUSR1, SIGTERM for SIGUSR2;
 * a group stop is told apart from them by GETSIGINFO. */
static void signal_injection(void) {
  int pid = traced_child(usr1_then_usr2);
  int st;
  struct ptrace_siginfo si;
  wait_stop(pid);
  CHECK(ptrace(PTRACE_GETSIGINFO, pid, 0, &si) == 0 && si.si_signo == SIGSTOP);
  /* SIGSTOP passed on: the group stop that follows is reported too, and
   * GETSIGINFO tells it from a signal about to be delivered (EINVAL) */
  CHECK(ptrace(PTRACE_CONT, pid, 0, (void *)SIGSTOP) == 0);
  st = wait_stop(pid);
  CHECK(WSTOPSIG(st) == SIGSTOP);
  CHECK_ERR(ptrace(PTRACE_GETSIGINFO, pid, 0, &si), EINVAL);
  CHECK(ptrace(PTRACE_CONT, pid, 0, 0) == 0);
  st = wait_stop(pid);
  CHECK(WSTOPSIG(st) == SIGUSR1);
  CHECK(ptrace(PTRACE_GETSIGINFO, pid, 0, &si) == 0 && si.si_signo == SIGUSR1);
  CHECK(ptrace(PTRACE_CONT, pid, 0, 0) == 0);
  st = wait_stop(pid);
  CHECK(WSTOPSIG(st) == SIGUSR2);
  CHECK(ptrace(PTRACE_CONT, pid, 0, (void *)SIGTERM) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
}

static void pause_forever(void) {
  for (;;)
    pause();
}

/* A tracer that exits leaves its tracee untraced and running. */
static void tracer_exit_detaches(void) {
  int target = fork();
  int tracer, st;
  char path[64];
  if (target == 0)
    pause_forever();
  tracer = fork();
  if (tracer == 0) {
    if (ptrace(PTRACE_ATTACH, target, 0, 0) != 0)
      _exit(2);
    st = ut_wait_status(target);
    _exit(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP ? 0 : 3);   /* exits with the tracee in a ptrace stop */
  }
  CHECK(ut_wait_status(tracer) == 0);
  sprintf(path, "/proc/%d/status", target);
  CHECK(ut_proc_number(path, "TracerPid") == 0);
  CHECK(kill(target, SIGTERM) == 0);   /* running again, not in a ptrace stop: it dies of it */
  st = ut_wait_status(target);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
}

static volatile int chld_seen;

static void on_chld(int sig) {
  (void)sig;
  chld_seen = 1;
}

static void exit_at_once(void) {
  _exit(5);
}

/* Not ptrace, but found by strace: a wait4 asleep when its child exits
 * returns that child, though the child's SIGCHLD (caught, no SA_RESTART)
 * arrived first — the kernel looks at the children again before EINTR, as
 * Linux's do_wait. */
static void wait_sees_child_before_eintr(void) {
  struct sigaction sa;
  int pid, st, r;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_chld;
  CHECK(sigaction(SIGCHLD, &sa, 0) == 0);
  pid = fork();
  if (pid == 0) {
    struct timespec ts = {0, 20000000};
    nanosleep(&ts, 0);
    exit_at_once();
  }
  r = waitpid(pid, &st, 0);
  CHECK(r == pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);
  CHECK(chld_seen == 1);
}

struct ut_case ut_ptrace_cases[] = {
  {"ptrace_traceme_exec", traceme_exec_stop},
  {"ptrace_syscall_pairs", syscall_stops_in_pairs},
  {"ptrace_peek_poke", peek_poke_text_private},
  {"ptrace_singlestep", singlestep_one_instruction},
  {"ptrace_fork_exec_events", fork_exec_events},
  {"ptrace_eperm", eperm_rules},
  {"ptrace_detach", detach_resumes},
  {"ptrace_signal_inject", signal_injection},
  {"ptrace_tracer_exit", tracer_exit_detaches},
  {"ptrace_wait_sigchld", wait_sees_child_before_eintr},
  {0, 0},
};
