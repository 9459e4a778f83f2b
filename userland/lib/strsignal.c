/* strsignal.c: the description of each signal (glibc's texts) and
 * psignal. Unknown numbers get "Unknown signal N" in a static buffer. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char *descriptions[NSIG] = {
  0, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted",
  "Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
  "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault",
  "Child exited", "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)",
  "Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded",
  "File size limit exceeded", "Virtual timer expired", "Profiling timer expired",
  "Window changed", "I/O possible", "Power failure", "Bad system call"
};

char *strsignal(int sig) {
  static char unknown[32];
  if (sig >= 1 && sig < NSIG)
    return (char *)descriptions[sig];
  snprintf(unknown, sizeof unknown, "Unknown signal %d", sig);
  return unknown;
}

/* "s: description\n" on stderr, or just the description when s is NULL
 * or empty. */
void psignal(int sig, const char *s) {
  if (s && *s)
    fprintf(stderr, "%s: %s\n", s, strsignal(sig));
  else
    fprintf(stderr, "%s\n", strsignal(sig));
}
