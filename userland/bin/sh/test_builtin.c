/* test_builtin.c: test and [ as builtins — the same evaluator as
 * /bin/test (userland/bin/test.c, included here with its main renamed),
 * so the two cannot disagree; its state is reset before each use. */
#define main test_program_main
#include "../test.c"
#undef main
#include "sh.h"

int builtin_test(int argc, char **argv) {
  bad = 0;
  pos = 0;
  return test_program_main(argc, argv);
}
