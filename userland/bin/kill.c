/* kill: sends a signal (default TERM) to processes, or with a negative pid
 * to a process group: `kill [-N | -NAME | -s NAME] PID...`;
 * `kill -l` lists the signal names, `kill -l N` names one, `kill -l NAME`
 * numbers one. A negative pid
 * right after the command needs `--` first (kill -- -5), else it reads as
 * a signal; the shell adds that when it turns %N into -PGID. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int sig = SIGTERM;
  int i = 1;
  int st = 0;
  if (i < argc && strcmp(argv[i], "-l") == 0) {
    int k;
    if (i + 1 < argc && !(argv[i + 1][0] >= '0' && argv[i + 1][0] <= '9')) {
      /* a name: its number (kill -l TERM prints 15) */
      int n = u_signal_number(argv[i + 1]);
      if (!n) {
        fprintf(stderr, "kill: %s: invalid signal\n", argv[i + 1]);
        return 1;
      }
      printf("%d\n", n);
      return 0;
    }
    if (i + 1 < argc) {
      int n = atoi(argv[i + 1]);
      if (n > 128)
        n -= 128;
      if (!u_signal_name(n)) {
        fprintf(stderr, "kill: %s: invalid signal\n", argv[i + 1]);
        return 1;
      }
      printf("%s\n", u_signal_name(n));
      return 0;
    }
    for (k = 1; k < 32; k++)
      printf("%2d) SIG%-8s%s", k, u_signal_name(k), k % 4 == 0 || k == 31 ? "\n" : " ");
    return 0;
  }
  if (i < argc && strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
    sig = u_signal_number(argv[i + 1]);
    if (!sig) {
      fprintf(stderr, "kill: %s: invalid signal\n", argv[i + 1]);
      return 1;
    }
    i += 2;
  } else if (i < argc && argv[i][0] == '-' && argv[i][1] && !(argv[i][1] == '-' && !argv[i][2])) {
    sig = strcmp(argv[i] + 1, "0") == 0 ? -1 : u_signal_number(argv[i] + 1);
    if (!sig) {
      fprintf(stderr, "kill: %s: invalid signal\n", argv[i] + 1);
      return 1;
    }
    if (sig < 0)
      sig = 0;
    i++;
  }
  if (i < argc && strcmp(argv[i], "--") == 0)
    i++;   /* what follows is pids, even negative ones: kill -9 -- -5 */
  if (i >= argc) {
    fprintf(stderr, "usage: kill [-N | -NAME | -s NAME] PID...\n       kill -l [N]\n");
    return 1;
  }
  for (; i < argc; i++) {
    char *end;
    long pid = strtol(argv[i], &end, 10);
    if (*end || end == argv[i]) {
      fprintf(stderr, "kill: %s: arguments must be process ids\n", argv[i]);
      st = 1;
      continue;
    }
    if (kill(pid, sig) < 0) {
      fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
      st = 1;
    }
  }
  return st;
}
