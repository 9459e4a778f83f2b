/* df: free space of the file systems, as GNU df shows it:
 *   df [-h] [-k] [-i] [FILE...]
 * Without FILE, the root file system (/dev/hda on /); with FILE, the one
 * holding each: the /proc/mounts line whose mount point has the file's
 * st_dev (/dev/hda on / when none matches). Sizes in 1K blocks, or -h human (powers of 1024, rounded
 * up); -i inodes instead of blocks. Use% = used / (used + available),
 * rounded up; from statfs(2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include "ulib.h"
#include "u_time.h"

#define COLS 6
#define MAXROWS 16

static char cells[MAXROWS + 1][COLS][32];
static int nrows = 1;

static void figure(unsigned int v, int human, char *out) {
  if (human) u_human_kib(v, out, 32);
  else snprintf(out, 32, "%u", v);
}

/* The source and mount point of the file system holding path. */
static void mount_of(const char *path, char *src, char *dir) {
  struct stat want, st;
  char line[256];
  FILE *f;
  strcpy(src, "/dev/hda");
  strcpy(dir, "/");
  if (stat(path, &want) != 0 || (f = fopen("/proc/mounts", "r")) == NULL) return;
  while (fgets(line, sizeof line, f)) {
    char *save, *s = strtok_r(line, " ", &save), *d = strtok_r(NULL, " ", &save);
    if (s && d && stat(d, &st) == 0 && st.st_dev == want.st_dev) {
      snprintf(src, 32, "%s", s);
      snprintf(dir, 32, "%s", d);
    }
  }
  fclose(f);
}

static int add(const char *path, int human, int inodes) {
  struct statfs s;
  unsigned int kb, total, used, avail, pct;
  char (*row)[32];
  if (statfs(path, &s) != 0) {
    fprintf(stderr, "df: %s: %s\n", path, strerror(errno));
    return 1;
  }
  if (nrows > MAXROWS) return 0;
  row = cells[nrows++];
  kb = s.f_bsize / 1024;
  if (inodes) {
    total = s.f_files;
    used = s.f_files - s.f_ffree;
    avail = s.f_ffree;
  } else {
    total = s.f_blocks * kb;
    used = (s.f_blocks - s.f_bfree) * kb;
    avail = s.f_bavail * kb;
  }
  mount_of(path, row[0], row[5]);
  if (inodes && human) {
    snprintf(row[1], 32, "%u", total);
    snprintf(row[2], 32, "%u", used);
    snprintf(row[3], 32, "%u", avail);
  } else {
    figure(total, human && !inodes, row[1]);
    figure(used, human && !inodes, row[2]);
    figure(avail, human && !inodes, row[3]);
  }
  if (used + avail == 0) snprintf(row[4], 32, "-");
  else {
    pct = (used * 100 + used + avail - 1) / (used + avail);
    snprintf(row[4], 32, "%u%%", pct);
  }
  return 0;
}

int main(int argc, char **argv) {
  int human = 0, inodes = 0, status = 0, files = 0, i, c, r;
  int width[COLS];
  for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (c = 1; argv[i][c]; c++) {
      if (argv[i][c] == 'h') human = 1;
      else if (argv[i][c] == 'k') human = 0;
      else if (argv[i][c] == 'i') inodes = 1;
      else {
        fprintf(stderr, "df: invalid option -- '%c'\nusage: df [-h] [-k] [-i] [FILE...]\n", argv[i][c]);
        return 1;
      }
    }
  }
  for (; i < argc; i++) {
    status |= add(argv[i], human, inodes);
    files++;
  }
  if (files == 0) status |= add("/", human, inodes);
  strcpy(cells[0][0], "Filesystem");
  if (inodes) {
    strcpy(cells[0][1], "Inodes");
    strcpy(cells[0][2], "IUsed");
    strcpy(cells[0][3], "IFree");
    strcpy(cells[0][4], "IUse%");
  } else {
    strcpy(cells[0][1], human ? "Size" : "1K-blocks");
    strcpy(cells[0][2], "Used");
    strcpy(cells[0][3], human ? "Avail" : "Available");
    strcpy(cells[0][4], "Use%");
  }
  strcpy(cells[0][5], "Mounted on");
  for (c = 0; c < COLS; c++) {
    width[c] = c == 0 ? 14 : 0;   /* GNU keeps the source column at least 14 wide */
    for (r = 0; r < nrows; r++) {
      int n = (int)strlen(cells[r][c]);
      if (n > width[c]) width[c] = n;
    }
  }
  for (r = 0; r < nrows; r++) {
    printf("%-*s", width[0], cells[r][0]);
    for (c = 1; c < 5; c++) printf(" %*s", width[c], cells[r][c]);
    printf(" %s\n", cells[r][5]);
  }
  return status;
}
