/* stat: prints everything lstat knows about each file.
 *   -c FORMAT (or --format=FORMAT)  only FORMAT, then a newline, per file:
 *       %n name  %N name (with -> target for a link, quoted as GNU)
 *       %s size  %b blocks  %B block unit (512)  %o I/O block
 *       %a octal mode  %A mode as ls shows it  %F type  %f raw mode (hex)
 *       %u %U owner id / name  %g %G group id / name  %i inode
 *       %h links  %d device  %X %Y %Z access / modify / change (Unix
 *       seconds)  %x %y %z the same as dates (UTC)  %% a percent
 *   -L  follow symbolic links (stat rather than lstat) */
#include <stdio.h>
#include <string.h>
#include <errno.h>
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

/* %F: GNU says "regular empty file" for a regular file of size 0 */
static const char *format_kind(struct stat *st) {
  if (S_ISREG(st->st_mode) && st->st_size == 0)
    return "regular empty file";
  return kind(st->st_mode);
}

static void print_date(unsigned int t) {
  char text[24];
  u_format_time(t, text);
  /* u_format_time gives minutes; GNU's %y has seconds and nanoseconds */
  printf("%s:%02u.000000000 +0000", text, t % 60);
}

static void print_format(const char *f, const char *name, struct stat *st) {
  for (; *f; f++) {
    char mode[11];
    const char *who;
    if (*f == '\\' && f[1]) {
      f++;
      putchar(*f == 'n' ? '\n' : *f == 't' ? '\t' : *f);
      continue;
    }
    if (*f != '%' || !f[1]) {
      putchar(*f);
      continue;
    }
    f++;
    switch (*f) {
    case '%': putchar('%'); break;
    case 'n': printf("%s", name); break;
    case 'N':
      printf("'%s'", name);
      if (S_ISLNK(st->st_mode)) {
        char target[512];
        int n = readlink(name, target, sizeof target - 1);
        if (n >= 0) {
          target[n] = 0;
          printf(" -> '%s'", target);
        }
      }
      break;
    case 's': printf("%u", st->st_size); break;
    case 'b': printf("%u", st->st_blocks); break;
    case 'B': printf("512"); break;
    case 'o': printf("%u", st->st_blksize); break;
    case 'a': printf("%o", st->st_mode & 07777); break;
    case 'A': u_mode_string(st->st_mode, mode); printf("%s", mode); break;
    case 'F': printf("%s", format_kind(st)); break;
    case 'f': printf("%x", st->st_mode); break;
    case 'u': printf("%u", st->st_uid); break;
    case 'U': who = u_user_name(st->st_uid); printf("%s", who ? who : "UNKNOWN"); break;
    case 'g': printf("%u", st->st_gid); break;
    case 'G': who = u_group_name(st->st_gid); printf("%s", who ? who : "UNKNOWN"); break;
    case 'i': printf("%u", st->st_ino); break;
    case 'h': printf("%u", st->st_nlink); break;
    case 'd': printf("%u", st->st_dev); break;
    case 'X': printf("%u", st->st_atime); break;
    case 'Y': printf("%u", st->st_mtime); break;
    case 'Z': printf("%u", st->st_ctime); break;
    case 'x': print_date(st->st_atime); break;
    case 'y': print_date(st->st_mtime); break;
    case 'z': print_date(st->st_ctime); break;
    default: putchar('?'); break;
    }
  }
  putchar('\n');
}

int main(int argc, char **argv) {
  int i = 1;
  int status = 0;
  const char *format = 0;
  int follow = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
      format = argv[++i];
    else if (strncmp(argv[i], "--format=", 9) == 0)
      format = argv[i] + 9;
    else if (strcmp(argv[i], "-L") == 0)
      follow = 1;
    else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else {
      fprintf(stderr, "stat: invalid option '%s'\nusage: stat [-L] [-c FORMAT] FILE...\n", argv[i]);
      return 1;
    }
  }
  if (i >= argc) {
    fprintf(stderr, "stat: missing operand\nusage: stat [-L] [-c FORMAT] FILE...\n");
    return 1;
  }
  for (; i < argc; i++) {
    struct stat st;
    char mode[11];
    char t[24];
    const char *u;
    const char *g;
    if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) < 0) {
      fprintf(stderr, "stat: cannot statx '%s': %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    if (format) {
      print_format(format, argv[i], &st);
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
