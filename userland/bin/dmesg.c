/* dmesg: prints the kernel's log ring (syslog READ_ALL, 3); -c clears it
 * after reading (READ_CLEAR, 4). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

static char buf[16384];

int main(int argc, char **argv) {
  int clear = argc > 1 && strcmp(argv[1], "-c") == 0;
  int n = __sys_syslog(clear ? 4 : 3, buf, sizeof buf);
  int i = 0;
  if (n < 0) {
    errno = -n;
    perror("dmesg");
    return 1;
  }
  /* drop the "<level>" prefix of each record, as dmesg does */
  while (i < n) {
    int start = i;
    int end;
    while (i < n && buf[i] != '\n')
      i++;
    end = i < n ? i + 1 : i;
    if (buf[start] == '<') {
      int k = start + 1;
      while (k < end && buf[k] != '>')
        k++;
      if (k < end)
        start = k + 1;
    }
    if (u_write_all("dmesg", 1, buf + start, end - start) != 0)
      return 1;
    i = end;
  }
  return 0;
}
