/* u_signals.c: signal names and the messages a shell prints for a death by
 * each (Linux numbering, hako/signal.h). */
#include <string.h>
#include <stdlib.h>
#include "ulib.h"

static const char *names[32] = {
  0, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
  "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
  "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"
};

static const char *messages[32] = {
  0, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted",
  "Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
  "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault",
  "Child exited", "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)",
  "Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded",
  "File size limit exceeded", "Virtual timer expired", "Profiling timer expired",
  "Window changed", "I/O possible", "Power failure", "Bad system call"
};

const char *u_signal_name(int sig) {
  if (sig < 1 || sig > 31)
    return 0;
  return names[sig];
}

const char *u_signal_message(int sig) {
  if (sig < 1 || sig > 31)
    return "Unknown signal";
  return messages[sig];
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
