/* /bin/echoargs for the kernel tests: prints its arguments and
 * environment and exits 7 when they are what init passed. */
#include "ktest.h"

int main(int argc, char **argv, char **envp) {
  int i;
  for (i = 0; i < argc; i++) {
    puts1("arg: ");
    puts1(argv[i]);
    puts1("\n");
  }
  for (i = 0; envp[i]; i++) {
    puts1("env: ");
    puts1(envp[i]);
    puts1("\n");
  }
  return argc == 2 && streq(argv[1], "hello-from-exec") && envp[0] && streq(envp[0], "K=V") && !envp[1] ? 7 : 3;
}
