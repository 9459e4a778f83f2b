/* trap.c: trap ACTION SIGNAL… — commands run when a signal arrives or the
 * shell exits (EXIT or 0).
 *
 * The handler only notes the signal (trap_pending); the command runs
 * between commands (eval.c) or when a wait is interrupted, never inside
 * the handler. An empty action ignores the signal, `-` restores the
 * default. A subshell starts with the traps reset, except ignored
 * signals (POSIX). `trap` alone lists the traps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include "ulib.h"
#include "sh.h"

#define NSIG_TRAP 32

static char *actions[NSIG_TRAP];     /* malloc'd; NULL: default */
static volatile int pending[NSIG_TRAP];
volatile int trap_pending;
static int running_exit_trap;

static void on_signal(int sig) {
  if (sig > 0 && sig < NSIG_TRAP) {
    pending[sig] = 1;
    trap_pending = 1;
  }
}

static int signal_number(const char *s) {
  int n;
  if (strcmp(s, "EXIT") == 0 || strcmp(s, "0") == 0)
    return 0;
  if (s[0] >= '0' && s[0] <= '9') {
    n = atoi(s);
    return n > 0 && n < NSIG_TRAP ? n : -1;
  }
  if (strncmp(s, "SIG", 3) == 0)
    s += 3;
  for (n = 1; n < NSIG_TRAP; n++) {
    const char *name = u_signal_name(n);
    if (name && strcmp(name, s) == 0)
      return n;
  }
  return -1;
}

static const char *signal_label(int sig) {
  static char buf[16];
  const char *name;
  if (sig == 0)
    return "EXIT";
  name = u_signal_name(sig);
  if (!name)
    return "?";
  snprintf(buf, sizeof buf, "%s", name);
  return buf;
}

int trap_has_exit(void) {
  return actions[0] != 0;
}

void trap_init(void) {
}

int trap_builtin(int argc, char **argv) {
  int i;
  int st = 0;
  const char *action;
  if (argc == 1) {
    for (i = 0; i < NSIG_TRAP; i++)
      if (actions[i])
        printf("trap -- '%s' %s\n", actions[i], signal_label(i));
    return write_error_check("trap");
  }
  i = 1;
  if (strcmp(argv[1], "--") == 0)
    i++;
  action = argv[i];
  /* `trap N…` with a number first resets those signals */
  if (signal_number(action) >= 0 && (action[0] >= '0' && action[0] <= '9'))
    action = "-";
  else
    i++;
  for (; i < argc; i++) {
    int sig = signal_number(argv[i]);
    if (sig < 0 || sig == SIGKILL || sig == SIGSTOP) {
      fprintf(stderr, "sh: trap: %s: bad trap\n", argv[i]);
      st = 1;
      continue;
    }
    free(actions[sig]);
    actions[sig] = 0;
    if (strcmp(action, "-") != 0)
      actions[sig] = strdup(action);
    if (sig == 0)
      continue;
    if (!actions[sig])
      shell_signal_default(sig);
    else if (!actions[sig][0])
      signal(sig, SIG_IGN);
    else
      signal(sig, on_signal);
  }
  return st;
}

void trap_run_pending(void) {
  int sig;
  int saved = last_status;
  trap_pending = 0;
  for (sig = 1; sig < NSIG_TRAP; sig++) {
    if (!pending[sig])
      continue;
    pending[sig] = 0;
    if (actions[sig] && actions[sig][0]) {
      run_string(actions[sig]);
      if (!exit_requested)
        last_status = saved;
    }
  }
}

void trap_run_exit(void) {
  char *action = actions[0];
  if (!action || running_exit_trap)
    return;
  running_exit_trap = 1;
  actions[0] = 0;
  {
    int saved_code = exit_requested ? exit_code : last_status;
    exit_requested = 0;
    returning = 0;
    break_count = 0;
    continue_count = 0;
    last_status = saved_code;   /* $? in the trap is the status the shell exits with */
    run_string(action);
    if (!exit_requested) {
      exit_requested = 1;
      exit_code = saved_code;
    }
  }
  free(action);
}

void trap_reset_for_subshell(void) {
  int sig;
  for (sig = 0; sig < NSIG_TRAP; sig++) {
    if (actions[sig] && actions[sig][0]) {
      free(actions[sig]);
      actions[sig] = 0;
      if (sig)
        signal(sig, SIG_DFL);
    }
  }
}
