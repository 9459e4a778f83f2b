/* yes: prints its argument (default "y") forever, until killed or its
 * reader goes away (SIGPIPE). Writes in big blocks: it is the classic way to
 * keep a CPU busy. */
#include <string.h>
#include <unistd.h>
#include "ulib.h"

static char block[4096];

int main(int argc, char **argv) {
  const char *word = argc > 1 ? argv[1] : "y";
  int len = strlen(word) + 1;
  int n = 0;
  if (len > 1024)
    len = 1024;
  while (n + len <= (int)sizeof block) {
    memcpy(block + n, word, len - 1);
    block[n + len - 1] = '\n';
    n += len;
  }
  for (;;)
    if (u_write_all("yes", 1, block, n) != 0)
      return 1;
}
