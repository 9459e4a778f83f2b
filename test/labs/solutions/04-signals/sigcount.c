/* The reference solution of lab 04: the handler only counts and writes
 * (write is async-signal-safe, printf is not); main sleeps in sigsuspend
 * with SIGINT blocked in between, so no Ctrl-C can slip in between the
 * test and the sleep and be missed. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void on_int(int sig) {
  char line[32] = "caught SIGINT ";
  int n = strlen(line);
  (void)sig;
  caught++;
  line[n++] = (char)('0' + caught % 10);
  line[n++] = '\n';
  write(1, line, n);
}

int main(void) {
  struct sigaction sa;
  sigset_t block, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_int;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGINT, &sa, 0) < 0) { perror("sigcount: sigaction"); return 1; }
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigprocmask(SIG_BLOCK, &block, &old);
  while (caught < 3) sigsuspend(&old);
  sigprocmask(SIG_SETMASK, &old, 0);
  printf("bye\n");
  return 0;
}
