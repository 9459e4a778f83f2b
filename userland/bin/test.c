/* test (also /bin/[): evaluates an expression, exit status 0 when true,
 * 1 when false, 2 on a bad expression. The evaluator is ulib's u_test
 * (userland/bin/lib/u_test.c), shared with the shell's builtin. */
#include "ulib.h"

int main(int argc, char **argv) {
  return u_test(argc, argv);
}
