/* u_etcdb.c: editing /etc/passwd, /etc/group and /etc/shadow (passwd,
 * adduser, deluser). A file is rewritten whole into PATH+ (with the
 * original's mode and owner) and renamed over the original, so a crash or
 * a full disk leaves either the old file or the new one, never half of
 * one; the same reason Linux's tools keep /etc/passwd- and lock files. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "ulib.h"

#define LINE_MAX_ETC 1024

int u_etc_first_field_is(const char *line, const char *name) {
  int n = (int)strlen(name);
  return strncmp(line, name, n) == 0 && line[n] == ':';
}

int u_etc_edit(const char *path, int (*fn)(char *line, int size, void *arg), void *arg, const char *append) {
  char tmp[128];
  char line[LINE_MAX_ETC];
  struct stat st;
  FILE *in, *out;
  int fd, ok = 1;
  snprintf(tmp, sizeof tmp, "%s+", path);
  in = fopen(path, "r");
  if (!in || fstat(fileno(in), &st) != 0)
    return -1;
  fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
  if (fd < 0) {
    fclose(in);
    return -1;
  }
  fchown(fd, st.st_uid, st.st_gid);
  fchmod(fd, st.st_mode & 07777);
  out = fdopen(fd, "w");
  if (!out) {
    close(fd);
    fclose(in);
    unlink(tmp);
    return -1;
  }
  while (fgets(line, sizeof line, in)) {
    int len = (int)strlen(line);
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = 0;
    if (!fn || fn(line, sizeof line, arg))
      fprintf(out, "%s\n", line);
  }
  if (append)
    fprintf(out, "%s\n", append);
  if (fflush(out) != 0 || ferror(out))
    ok = 0;
  fclose(in);
  if (fclose(out) != 0)
    ok = 0;
  if (!ok || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}
