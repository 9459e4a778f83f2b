/* main.c: the host harness for the Hako libc. `harness SECTION` runs one
 * section of checks and prints "SECTION: N checks, M failures"; the exit
 * status is 0 only when nothing failed. test/userland/libc-host.test.ts
 * builds it and runs every section. */
#include <stdio.h>
#include <string.h>
#include "hk.h"

int checks, failures;

struct section {
  const char *name;
  void (*run)(void);
};

static const struct section sections[] = {
  {"printf", test_printf},   {"strtol", test_strtol},         {"malloc", test_malloc},
  {"string", test_string},   {"ctype", test_ctype},           {"qsort", test_qsort},
  {"stdio", test_stdio},     {"stdio-tty", test_stdio_tty},   {"stdio-pipe", test_stdio_pipe},
  {"files", test_files},     {"exit", test_exit},             {"misc", test_misc},       {"getopt", test_getopt},
  {"dirent", test_dirent},
};

int main(int argc, char **argv) {
  size_t i;
  if (argc != 2) {
    fprintf(stderr, "usage: harness SECTION\n");
    return 2;
  }
  for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
    if (strcmp(argv[1], sections[i].name) == 0) {
      sections[i].run();
      printf("%s: %d checks, %d failures\n", argv[1], checks, failures);
      return failures ? 1 : 0;
    }
  }
  fprintf(stderr, "harness: no section '%s'\n", argv[1]);
  return 2;
}
