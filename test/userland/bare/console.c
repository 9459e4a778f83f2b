/* console.c: the bare console's input rules, seen through fgets: Enter
 * may arrive as '\r' and reads as '\n'; Ctrl-D (0x04) ends a partial line
 * early, and at the start of a line it means end of file. Prints each line
 * read with its bytes in hex, then "EOF". */
#include <stdio.h>

int main(void) {
  char line[32];
  const char *p;
  while (fgets(line, sizeof(line), stdin)) {
    printf("line:");
    for (p = line; *p; p++)
      printf(" %02x", (unsigned char)*p);
    printf("\n");
  }
  printf("EOF %d\n", feof(stdin) != 0);
  return 0;
}
