/* mystat: what the inode of a name says.
 * Lab 02 — read en.md (or ja.md) beside this folder first.
 * Build and grade: npm run lab -- mystat */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The ten characters ls -l shows for a mode: the type, then rwx three times. */
static void mode_string(unsigned mode, char out[11]) {
  const char *rwx = "rwxrwxrwx";
  int i;
  out[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISCHR(mode) ? 'c' : '-';
  for (i = 0; i < 9; i++) out[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
  /* TODO: setuid, setgid and sticky bits (ls shows s, S, t, T) */
  out[10] = 0;
}

int main(int argc, char **argv) {
  int i;
  for (i = 1; i < argc; i++) {
    struct stat st;
    char mode[11];
    struct passwd *pw;
    struct group *gr;
    if (stat(argv[i], &st) < 0) {   /* TODO: which call looks at a symbolic link itself? */
      perror(argv[i]);
      continue;
    }
    mode_string(st.st_mode, mode);
    pw = getpwuid(st.st_uid);
    gr = getgrgid(st.st_gid);
    printf("%lu %s %lu %s %s %ld %s\n", (unsigned long)st.st_ino, mode, (unsigned long)st.st_nlink,
           pw ? pw->pw_name : "?", gr ? gr->gr_name : "?", (long)st.st_size, argv[i]);
    /* TODO: for a symbolic link, " -> TARGET" (readlink) */
  }
  return 0;
}
