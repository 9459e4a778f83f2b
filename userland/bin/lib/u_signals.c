/* u_signals.c: signal names and the messages a shell prints for a death by
 * each (Linux numbering, hako/signal.h; the messages are libc's
 * strsignal). */
#include <string.h>
#include <stdlib.h>
#include "ulib.h"

static const char *names[32] = {
  0, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
  "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
  "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"
};

const char *u_signal_name(int sig) {
  if (sig < 1 || sig > 31)
    return 0;
  return names[sig];
}

/* libc's strsignal texts (glibc's, as bash prints them); only the number
 * outside the table differs: the shell says no more than "Unknown signal" */
const char *u_signal_message(int sig) {
  if (sig < 1 || sig > 31)
    return "Unknown signal";
  return strsignal(sig);
}

int u_signal_number(const char *name) {
  int i;
  if (name[0] >= '0' && name[0] <= '9') {
    i = atoi(name);
    return i >= 1 && i <= 31 ? i : 0;
  }
  if (strncmp(name, "SIG", 3) == 0)
    name += 3;
  for (i = 1; i < 32; i++)
    if (strcmp(names[i], name) == 0)
      return i;
  return 0;
}
