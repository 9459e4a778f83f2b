/* t_ucontext.c: user-level context switching in libc — setjmp/longjmp,
 * sigsetjmp/siglongjmp (the signal mask saved or not, jumping out of a
 * handler), and <ucontext.h>: getcontext resumed by setcontext,
 * makecontext with int arguments and uc_link, coroutines ping-ponging
 * through swapcontext, the mask travelling with a context, and a context
 * whose function returns with no uc_link ending the process with 0. */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

static int usr1_blocked(void) {
  sigset_t now;
  CHECK(sigprocmask(SIG_BLOCK, 0, &now) == 0);
  return sigismember(&now, SIGUSR1);
}

static void block_usr1(int how) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  CHECK(sigprocmask(how, &s, 0) == 0);
}

static sigjmp_buf handler_env;
static volatile int handler_ran;

static void jump_out(int sig) {
  handler_ran = sig;
  siglongjmp(handler_env, sig);
}

/* savemask 1: leaving the handler by siglongjmp unblocks SIGUSR1 again;
 * savemask 0: the handler's mask (SIGUSR1 blocked) stays, as on Linux. */
static void sigsetjmp_mask(void) {
  struct sigaction sa;
  volatile int r;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = jump_out;
  CHECK(sigaction(SIGUSR1, &sa, 0) == 0);

  r = sigsetjmp(handler_env, 1);
  if (r == 0) {
    raise(SIGUSR1);
    CHECK(0); /* the handler never returns here */
  }
  CHECK(r == SIGUSR1 && handler_ran == SIGUSR1);
  CHECK(!usr1_blocked());

  handler_ran = 0;
  r = sigsetjmp(handler_env, 0);
  if (r == 0) {
    raise(SIGUSR1);
    CHECK(0);
  }
  CHECK(r == SIGUSR1 && handler_ran == SIGUSR1);
  CHECK(usr1_blocked());
  block_usr1(SIG_UNBLOCK);

  /* a mask saved blocked comes back blocked */
  block_usr1(SIG_BLOCK);
  r = sigsetjmp(handler_env, 1);
  if (r == 0) {
    block_usr1(SIG_UNBLOCK);
    siglongjmp(handler_env, 0);
  }
  CHECK(r == 1); /* 0 becomes 1 */
  CHECK(usr1_blocked());
}

static jmp_buf plain_env;
static void plain_dive(int n) {
  if (n == 0)
    longjmp(plain_env, 99);
  plain_dive(n - 1);
}

static void setjmp_longjmp(void) {
  volatile int r = setjmp(plain_env);
  if (r == 0)
    plain_dive(50);
  CHECK(r == 99);
}

/* getcontext returns twice: once now, once when setcontext resumes it */
static void getcontext_setcontext(void) {
  ucontext_t uc;
  volatile int passes = 0;
  CHECK(getcontext(&uc) == 0);
  passes++;
  if (passes < 3)
    setcontext(&uc);
  CHECK(passes == 3);
}

static ucontext_t main_uc, ping_uc, pong_uc;
static char ping_stack[16384], pong_stack[16384];
static int trace[64], ntrace;
static volatile int args_seen[4];

static void ping(int rounds, int base) {
  int i;
  for (i = 0; i < rounds; i++) {
    trace[ntrace++] = base + i;
    CHECK(swapcontext(&ping_uc, &pong_uc) == 0);
  }
}

static void pong(int rounds, int base) {
  int i;
  for (i = 0; i < rounds; i++) {
    trace[ntrace++] = base + i;
    CHECK(swapcontext(&pong_uc, &ping_uc) == 0);
  }
}

/* two coroutines alternate through swapcontext; ping's end follows its
 * uc_link back to main */
static void coroutines_ping_pong(void) {
  int i;
  CHECK(getcontext(&ping_uc) == 0);
  ping_uc.uc_stack.ss_sp = ping_stack;
  ping_uc.uc_stack.ss_size = sizeof ping_stack;
  ping_uc.uc_link = &main_uc;
  makecontext(&ping_uc, (void (*)())ping, 2, 5, 100);
  CHECK(getcontext(&pong_uc) == 0);
  pong_uc.uc_stack.ss_sp = pong_stack;
  pong_uc.uc_stack.ss_size = sizeof pong_stack;
  pong_uc.uc_link = &main_uc;
  makecontext(&pong_uc, (void (*)())pong, 2, 5, 200);
  CHECK(swapcontext(&main_uc, &ping_uc) == 0);
  CHECK(ntrace == 10);
  for (i = 0; i < 5; i++) {
    CHECK(trace[2 * i] == 100 + i);
    CHECK(trace[2 * i + 1] == 200 + i);
  }
}

static void take_args(int a, int b, int c, int d) {
  args_seen[0] = a;
  args_seen[1] = b;
  args_seen[2] = c;
  args_seen[3] = d;
}

static void makecontext_args(void) {
  static char stack[8192];
  ucontext_t uc;
  CHECK(getcontext(&uc) == 0);
  uc.uc_stack.ss_sp = stack;
  uc.uc_stack.ss_size = sizeof stack;
  uc.uc_link = &main_uc;
  makecontext(&uc, (void (*)())take_args, 4, 7, -3, 0x12345678, 42);
  CHECK(swapcontext(&main_uc, &uc) == 0);
  CHECK(args_seen[0] == 7 && args_seen[1] == -3 && args_seen[2] == 0x12345678 && args_seen[3] == 42);
}

static ucontext_t masked_uc;
static volatile int in_masked;

static void report_mask(void) {
  in_masked = usr1_blocked() ? 2 : 1;
}

/* the signal mask is part of a context: the makecontext'd function runs
 * with the mask its context was got with, and swapping back restores ours */
static void context_carries_mask(void) {
  static char stack[8192];
  ucontext_t uc;
  block_usr1(SIG_BLOCK);
  CHECK(getcontext(&uc) == 0);
  block_usr1(SIG_UNBLOCK);
  uc.uc_stack.ss_sp = stack;
  uc.uc_stack.ss_size = sizeof stack;
  uc.uc_link = &masked_uc;
  makecontext(&uc, report_mask, 0);
  CHECK(swapcontext(&masked_uc, &uc) == 0);
  CHECK(in_masked == 2);
  CHECK(!usr1_blocked());
}

static void mark_exit(void) {
  int fd = open("exited", O_WRONLY | O_CREAT, 0644);
  if (fd >= 0)
    close(fd);
}

static void returns_at_once(void) {
}

static void no_link_child(void) {
  static char stack[8192];
  ucontext_t uc;
  atexit(mark_exit);
  getcontext(&uc);
  uc.uc_stack.ss_sp = stack;
  uc.uc_stack.ss_size = sizeof stack;
  uc.uc_link = 0;
  makecontext(&uc, returns_at_once, 0);
  setcontext(&uc);
  _exit(7); /* setcontext failed */
}

/* fn returning with uc_link NULL: exit(0), so atexit handlers run */
static void no_link_exits(void) {
  struct stat st;
  int pid = fork();
  CHECK(pid >= 0);
  if (pid == 0)
    no_link_child();
  {
    int status = ut_wait_status(pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  CHECK(stat("exited", &st) == 0);
}

struct ut_case ut_ucontext_cases[] = {
  { "setjmp_longjmp", setjmp_longjmp },
  { "sigsetjmp_mask", sigsetjmp_mask },
  { "getcontext_setcontext", getcontext_setcontext },
  { "coroutines_ping_pong", coroutines_ping_pong },
  { "makecontext_args", makecontext_args },
  { "context_carries_mask", context_carries_mask },
  { "no_link_exits", no_link_exits },
  { 0, 0 }
};
