/* exits.c: the ways a bare-machine program ends, chosen by argv[1]:
 *   return N   main returns N
 *   atexit     handlers run in reverse, buffered output is flushed, exit(5)
 *   abort      abort() ends with 134 and flushes nothing
 *   assert     a failed assert prints file:line and the expression, 134
 *   free       a double free is reported, 134 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void first(void) { printf("first handler\n"); }
static void second(void) { printf("second handler;"); }

int main(int argc, char **argv) {
  char *p;
  if (argc < 2)
    return 100;
  if (strcmp(argv[1], "return") == 0)
    return atoi(argv[2]);
  if (strcmp(argv[1], "atexit") == 0) {
    atexit(first);
    atexit(second);
    printf("main;");
    exit(5);
  }
  if (strcmp(argv[1], "abort") == 0) {
    printf("shown\nnot shown");
    abort();
  }
  if (strcmp(argv[1], "assert") == 0)
    assert(argc == 1);
  if (strcmp(argv[1], "free") == 0) {
    p = malloc(10);
    free(p);
    free(p);
  }
  return 101;
}
