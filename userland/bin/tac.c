/* tac: each file (or stdin; "-" is stdin) with its lines in reverse
 * order, the files one after another. A last line without a newline is
 * printed as it is (GNU tac joins it to the next one printed, as here). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "ulib.h"

static int tac(int fd) {
  int len;
  int end;
  int st = 0;
  char *data = u_read_all(fd, &len);
  if (!data) {
    fprintf(stderr, "tac: out of memory\n");
    return 1;
  }
  end = len;
  while (end > 0 && st == 0) {
    /* the line ending at end (its newline included) */
    int start = end - 1;
    while (start > 0 && data[start - 1] != '\n')
      start--;
    st = u_write_all("tac", 1, data + start, end - start) != 0;
    end = start;
  }
  free(data);
  return st;
}

int main(int argc, char **argv) {
  int i = 1;
  if (i < argc && strcmp(argv[i], "--") == 0)
    i++;
  return u_each_input("tac", argc, argv, i, 0, tac);
}
