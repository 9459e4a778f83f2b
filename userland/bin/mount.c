/* mount [-r] [-w] [-t TYPE] [-o OPTIONS] SOURCE DIR | mount -o remount,ro DIR
 * | mount (lists what is mounted, from /proc/mounts, as util-linux does:
 * `SOURCE on DIR type TYPE (OPTIONS)`).
 *
 * OPTIONS is a comma list of ro, rw, remount, nosuid, nodev, noexec,
 * sync, noatime, defaults; they become mount(2) flags. NAME=VALUE options
 * (tmpfs's size=, nr_inodes=, mode=, uid=, gid=) go to the file system as
 * mount(2)'s data string. Without -t a source
 * under /dev/ is taken for ext2. Exit status as util-linux's: 0, 1 for a
 * usage error, 32 when the kernel refuses (`mount: DIR: REASON`). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/mount.h>

#define EXIT_USAGE 1
#define EXIT_FAILURE_MOUNT 32

static int list(void) {
  char line[512];
  FILE *f = fopen("/proc/mounts", "r");
  if (!f) {
    fprintf(stderr, "mount: cannot read /proc/mounts: %s\n", strerror(errno));
    return EXIT_FAILURE_MOUNT;
  }
  while (fgets(line, sizeof line, f)) {
    char *save, *src = strtok_r(line, " \n", &save);
    char *dir = strtok_r(NULL, " \n", &save);
    char *type = strtok_r(NULL, " \n", &save);
    char *opts = strtok_r(NULL, " \n", &save);
    if (opts) printf("%s on %s type %s (%s)\n", src, dir, type, opts);
  }
  fclose(f);
  return 0;
}

/* One option into flags; 0, or -1 for an unknown one. */
static int option(const char *o, unsigned long *flags) {
  static const struct { const char *name; unsigned long set, clear; } table[] = {
    { "ro", MS_RDONLY, 0 }, { "rw", 0, MS_RDONLY }, { "remount", MS_REMOUNT, 0 },
    { "nosuid", MS_NOSUID, 0 }, { "nodev", MS_NODEV, 0 }, { "noexec", MS_NOEXEC, 0 },
    { "sync", MS_SYNCHRONOUS, 0 }, { "noatime", MS_NOATIME, 0 }, { "defaults", 0, 0 },
  };
  unsigned i;
  for (i = 0; i < sizeof table / sizeof table[0]; i++) {
    if (strcmp(o, table[i].name) == 0) {
      *flags = (*flags | table[i].set) & ~table[i].clear;
      return 0;
    }
  }
  return -1;
}

/* Flags into *flags; the rest (tmpfs's size=, mode=, ...: NAME=VALUE)
 * into data for the file system, as util-linux passes them. */
static int options(char *list, unsigned long *flags, char *data, unsigned size) {
  char *o = strtok(list, ",");
  for (; o; o = strtok(NULL, ",")) {
    if (option(o, flags) == 0) continue;
    if (strchr(o, '=') == NULL || strlen(data) + strlen(o) + 2 > size) {
      fprintf(stderr, "mount: unknown option: %s\n", o);
      return -1;
    }
    if (data[0]) strcat(data, ",");
    strcat(data, o);
  }
  return 0;
}

static int usage(void) {
  fprintf(stderr, "usage: mount [-r] [-t TYPE] [-o OPTIONS] SOURCE DIR\n       mount -o remount[,ro|rw] DIR\n       mount\n");
  return EXIT_USAGE;
}

int main(int argc, char **argv) {
  unsigned long flags = 0;
  const char *type = NULL, *source, *dir;
  static char data[256];
  int i;
  if (argc == 1) return list();
  for (i = 1; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-r") == 0) flags |= MS_RDONLY;
    else if (strcmp(argv[i], "-w") == 0) flags &= ~(unsigned long)MS_RDONLY;
    else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) type = argv[++i];
    else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      if (options(argv[++i], &flags, data, sizeof data) != 0) return EXIT_USAGE;
    } else return usage();
  }
  if ((flags & MS_REMOUNT) && argc - i == 1) {
    source = NULL;
    dir = argv[i];
  } else if (argc - i == 2) {
    source = argv[i];
    dir = argv[i + 1];
  } else {
    return usage();
  }
  if (!type && source && strncmp(source, "/dev/", 5) == 0) type = "ext2";
  if (!type && !(flags & MS_REMOUNT)) {
    fprintf(stderr, "mount: %s: the file system type must be given (-t)\n", dir);
    return EXIT_USAGE;
  }
  if (mount(source, dir, type, flags, data[0] ? data : NULL) != 0) {
    fprintf(stderr, "mount: %s: %s\n", dir, strerror(errno));
    return EXIT_FAILURE_MOUNT;
  }
  return 0;
}
