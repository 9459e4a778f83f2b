/* dbfile.c: reading the colon-separated files of /etc (see dbfile.h). */
#include "dbfile.h"
#include <string.h>
#include <stdlib.h>

int __db_line(FILE *f, char *buf, int size) {
  while (fgets(buf, size, f)) {
    int len = (int)strlen(buf);
    if (len > 0 && buf[len - 1] == '\n') {
      buf[len - 1] = 0;
      return 1;
    }
    if (feof(f))
      return 1;   /* a last line without a newline */
    /* too long: drop the rest of it */
    {
      int c;
      while ((c = getc(f)) != EOF && c != '\n')
        ;
    }
  }
  return 0;
}

int __db_split(char *line, char **fields, int n) {
  int i = 0;
  fields[i++] = line;
  for (; *line; line++) {
    if (*line == ':') {
      if (i == n)
        return 0;
      *line = 0;
      fields[i++] = line + 1;
    }
  }
  return i == n;
}

int __db_number(const char *s, unsigned long *value) {
  char *end;
  if (*s < '0' || *s > '9')
    return -1;
  *value = strtoul(s, &end, 10);
  return *end ? -1 : 0;
}
