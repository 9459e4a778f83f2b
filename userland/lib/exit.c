/* exit.c: how a program ends (exit, atexit, abort).
 *
 * exit runs the atexit handlers in reverse order of registration, then
 * flushes every stdio stream — a status of 0 becomes 1, with a "write
 * error" line, when output was lost (stdio.c, __stdio_exit) — then asks
 * the system layer to end the process. abort flushes nothing (C's rule) and ends with status 134,
 * what a shell reports for a process killed by SIGABRT (128 + 6); once
 * signals exist the OS system layer can raise the real signal instead. */
#include <stdlib.h>
#include "sys.h"
#include "stdio_impl.h"

#define MAX_ATEXIT 32

static void (*atexit_handlers[MAX_ATEXIT])(void);
static int atexit_count;

int atexit(void (*fn)(void)) {
  if (atexit_count == MAX_ATEXIT)
    return -1;
  atexit_handlers[atexit_count++] = fn;
  return 0;
}

void exit(int status) {
  /* Take each handler off the list before calling it, so a handler that
   * calls exit does not run itself again. */
  while (atexit_count > 0)
    atexit_handlers[--atexit_count]();
  __sys_exit_group(__stdio_exit(status));   /* every thread, not only the caller */
}

void abort(void) {
  __sys_exit_group(128 + 6);
}
