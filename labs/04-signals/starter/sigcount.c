/* sigcount: catch Ctrl-C three times, then leave.
 * Lab 04 — read en.md (or ja.md) beside this folder first.
 * Build and grade: npm run lab -- signals */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

/* TODO: a handler for SIGINT that counts and says "caught SIGINT N" */

int main(void) {
  /* TODO: install the handler with sigaction */
  while (caught < 3) {
    /* TODO: this loop burns the CPU while it waits */
  }
  printf("bye\n");
  return 0;
}
