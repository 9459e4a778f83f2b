/* assert.c: what a failed assert() does: report "file:line: assertion
 * failed: expr" on stderr and abort. Its own file, so that only programs
 * using assert link the printf family through it. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void __assert_fail(const char *expr, const char *file, int line) {
  fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
  abort();
}
