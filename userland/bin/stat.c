/* stat: prints everything lstat knows about each file. */
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ulib.h"

static const char *kind(unsigned int mode) {
  switch (mode & S_IFMT) {
  case S_IFREG: return "regular file";
  case S_IFDIR: return "directory";
  case S_IFLNK: return "symbolic link";
  case S_IFCHR: return "character special file";
  case S_IFBLK: return "block special file";
  case S_IFIFO: return "fifo";
  case S_IFSOCK: return "socket";
  }
  return "unknown";
}

int main(int argc, char **argv) {
  int i;
  int status = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: stat FILE...\n");
    return 1;
  }
  for (i = 1; i < argc; i++) {
    struct stat st;
    char mode[11];
    char t[24];
    const char *u;
    const char *g;
    if (lstat(argv[i], &st) < 0) {
      u_perror2("stat", argv[i]);
      status = 1;
      continue;
    }
    u_mode_string(st.st_mode, mode);
    printf("  File: %s", argv[i]);
    if (S_ISLNK(st.st_mode)) {
      char target[512];
      int n = readlink(argv[i], target, sizeof target - 1);
      if (n >= 0) {
        target[n] = 0;
        printf(" -> %s", target);
      }
    }
    printf("\n  Size: %-10u Blocks: %-8u IO Block: %-6u %s\n", st.st_size, st.st_blocks, st.st_blksize, kind(st.st_mode));
    printf("Device: %u  Inode: %-8u Links: %u", st.st_dev, st.st_ino, st.st_nlink);
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
      printf("  Device type: %u,%u", (st.st_rdev >> 8) & 0xfff, st.st_rdev & 0xff);
    u = u_user_name(st.st_uid);
    printf("\nAccess: (%04o/%s)  Uid: (%5u/%8s)", st.st_mode & 07777, mode, st.st_uid, u ? u : "?");
    g = u_group_name(st.st_gid);
    printf("   Gid: (%5u/%8s)\n", st.st_gid, g ? g : "?");
    u_format_time(st.st_atime, t);
    printf("Access: %s\n", t);
    u_format_time(st.st_mtime, t);
    printf("Modify: %s\n", t);
    u_format_time(st.st_ctime, t);
    printf("Change: %s\n", t);
  }
  return status;
}
