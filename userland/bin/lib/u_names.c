/* u_names.c: user and group names from /etc/passwd and /etc/group
 * (name:x:id:...), looked up by id. The result lives in a static buffer
 * per kind, overwritten by the next lookup of that kind. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "ulib.h"

static char user_buf[64];
static char group_buf[64];

static const char *lookup(const char *file, int id, char *out, int size) {
  FILE *f = fopen(file, "r");
  char line[256];
  if (!f)
    return 0;
  while (fgets(line, sizeof line, f)) {
    char *c1 = strchr(line, ':');
    char *c2 = c1 ? strchr(c1 + 1, ':') : 0;
    int len;
    if (!c2)
      continue;
    if (atoi(c2 + 1) != id)
      continue;
    len = c1 - line;
    if (len >= size)
      len = size - 1;
    memcpy(out, line, len);
    out[len] = 0;
    fclose(f);
    return out;
  }
  fclose(f);
  return 0;
}

const char *u_user_name(int uid) {
  return lookup("/etc/passwd", uid, user_buf, sizeof user_buf);
}

const char *u_group_name(int gid) {
  return lookup("/etc/group", gid, group_buf, sizeof group_buf);
}
