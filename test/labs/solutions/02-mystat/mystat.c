/* The reference solution of lab 02: lstat (the link itself), the special
 * mode bits, readlink for the target, names or numbers for the owners. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char type_char(unsigned mode) {
  if (S_ISDIR(mode)) return 'd';
  if (S_ISLNK(mode)) return 'l';
  if (S_ISCHR(mode)) return 'c';
  if (S_ISBLK(mode)) return 'b';
  if (S_ISFIFO(mode)) return 'p';
  if (S_ISSOCK(mode)) return 's';
  return '-';
}

/* A special bit shows in the x column: lower case when x is also set. */
static char special(unsigned mode, unsigned bit, unsigned x, char letter) {
  if (!(mode & bit)) return (mode & x) ? 'x' : '-';
  return (mode & x) ? letter : (char)(letter - 'a' + 'A');
}

static void mode_string(unsigned mode, char out[11]) {
  const char *rwx = "rwxrwxrwx";
  int i;
  out[0] = type_char(mode);
  for (i = 0; i < 9; i++) out[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
  out[3] = special(mode, S_ISUID, S_IXUSR, 's');
  out[6] = special(mode, S_ISGID, S_IXGRP, 's');
  out[9] = special(mode, S_ISVTX, S_IXOTH, 't');
  out[10] = 0;
}

int main(int argc, char **argv) {
  int status = 0;
  int i;
  for (i = 1; i < argc; i++) {
    struct stat st;
    char mode[11];
    char owner[16];
    char group[16];
    struct passwd *pw;
    struct group *gr;
    if (lstat(argv[i], &st) < 0) {
      fprintf(stderr, "mystat: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    mode_string(st.st_mode, mode);
    pw = getpwuid(st.st_uid);
    gr = getgrgid(st.st_gid);
    if (pw) snprintf(owner, sizeof owner, "%s", pw->pw_name); else snprintf(owner, sizeof owner, "%u", (unsigned)st.st_uid);
    if (gr) snprintf(group, sizeof group, "%s", gr->gr_name); else snprintf(group, sizeof group, "%u", (unsigned)st.st_gid);
    printf("%lu %s %lu %s %s %ld %s", (unsigned long)st.st_ino, mode, (unsigned long)st.st_nlink, owner, group, (long)st.st_size, argv[i]);
    if (S_ISLNK(st.st_mode)) {
      char target[256];
      int n = readlink(argv[i], target, sizeof target - 1);
      if (n >= 0) { target[n] = 0; printf(" -> %s", target); }
    }
    printf("\n");
  }
  return status;
}
