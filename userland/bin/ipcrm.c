/* ipcrm: removes System V IPC objects, util-linux syntax:
 * `ipcrm [-q ID] [-Q KEY] [-s ID] [-S KEY] [-m ID] [-M KEY]...`, each
 * option once per object, IDs in decimal and keys in C notation (0x...).
 * A key is turned into the id with msgget/semget/shmget(KEY, 0). Every
 * failure is reported and the others still happen; the exit status is 1
 * when any failed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "ulib.h"

static int parse_number(const char *s, long *out) {
  char *end;
  errno = 0;
  *out = strtol(s, &end, 0);
  return errno == 0 && s[0] && *end == 0 ? 0 : -1;
}

/* Removes one object; 0 or 1 (failed, said why). */
static int remove_one(char kind, const char *arg) {
  long n;
  int id;
  int is_key = kind == 'Q' || kind == 'S' || kind == 'M';
  if (parse_number(arg, &n) < 0) {
    fprintf(stderr, "ipcrm: failed to parse argument: '%s'\n", arg);
    return 1;
  }
  if (is_key && n == IPC_PRIVATE) {
    fprintf(stderr, "ipcrm: illegal key (%s)\n", arg);
    return 1;
  }
  id = (int)n;
  if (kind == 'Q')
    id = msgget((key_t)n, 0);
  else if (kind == 'S')
    id = semget((key_t)n, 0, 0);
  else if (kind == 'M')
    id = shmget((key_t)n, 0, 0);
  if (id >= 0) {
    int r = (kind == 'q' || kind == 'Q') ? msgctl(id, IPC_RMID, 0)
          : (kind == 'm' || kind == 'M') ? shmctl(id, IPC_RMID, 0) : semctl(id, 0, IPC_RMID);
    if (r == 0)
      return 0;
  }
  if (errno == EACCES || errno == EPERM)
    fprintf(stderr, "ipcrm: permission denied for %s (%s)\n", is_key ? "key" : "id", arg);
  else if (errno == EINVAL || errno == ENOENT || errno == EIDRM)
    fprintf(stderr, "ipcrm: invalid %s (%s)\n", is_key ? "key" : "id", arg);
  else
    fprintf(stderr, "ipcrm: %s (%s): %s\n", is_key ? "key" : "id", arg, strerror(errno));
  return 1;
}

int main(int argc, char **argv) {
  int i, failed = 0;
  if (argc < 2)
    goto usage;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val;
    if (a[0] != '-' || !a[1] || !strchr("qQsSmM", a[1]))
      goto usage;
    val = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : 0);
    if (!val)
      goto usage;
    failed |= remove_one(a[1], val);
  }
  return failed;
usage:
  fprintf(stderr, "usage: ipcrm [-q ID] [-Q KEY] [-s ID] [-S KEY] [-m ID] [-M KEY]...\n");
  return 1;
}
