/* t_namei.c: directory operations at their edges — across file systems
 * (/proc and ext2: EXDEV, and nothing written), on mount points (EBUSY),
 * in a directory that was removed, with trailing slashes and dot names;
 * on a full disk (ENOSPC, nothing left behind); getcwd up to PATH_MAX (ERANGE, ENAMETOOLONG) and deeper than the old
 * 256-level limit; rm -r of a 300-level tree whose path is longer than
 * PATH_MAX. The boot test (test/kernel/namei.test.ts) runs these and then
 * e2fsck -fn on the disk, which catches any entry or inode an error path
 * left behind. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

int rename(const char *from, const char *to);

static int exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

static int link_count(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 ? (int)st.st_nlink : -1;
}

/* The scratch directory holds exactly these names (and . and ..). */
static int holds_only(const char *a, const char *b) {
  DIR *d = opendir(".");
  struct dirent *e;
  int ok = 1;
  if (!d)
    return 0;
  while ((e = readdir(d)) != 0) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if ((a && strcmp(e->d_name, a) == 0) || (b && strcmp(e->d_name, b) == 0))
      continue;
    printf("  unexpected entry %s (inode %u)\n", e->d_name, (unsigned)e->d_ino);
    ok = 0;
  }
  closedir(d);
  return ok;
}

static void namei_cross_fs(void) {
  CHECK(ut_write_file("f", "data", 4) == 4);
  /* /proc into ext2: the entry would carry a procfs inode number */
  CHECK_ERR(rename("/proc/self", "ps"), EXDEV);
  CHECK_ERR(rename("/proc/meminfo", "pm"), EXDEV);
  CHECK_ERR(link("/proc/meminfo", "lm"), EXDEV);
  CHECK_ERR(link("/proc/self/stat", "ls"), EXDEV);
  /* ext2 into /proc */
  CHECK_ERR(rename("f", "/proc/f"), EXDEV);
  CHECK_ERR(link("f", "/proc/f"), EXDEV);
  CHECK(link_count("f") == 1);
  /* an existing name is EEXIST first, as Linux */
  CHECK_ERR(link("/proc/meminfo", "f"), EEXIST);
  /* inside /proc: its names are the kernel's */
  CHECK_ERR(mkdir("/proc/d", 0755), EPERM);
  CHECK_ERR(symlink("x", "/proc/s"), EPERM);
  CHECK_ERR(open("/proc/new", O_CREAT | O_WRONLY, 0644), EACCES);
  CHECK_ERR(unlink("/proc/meminfo"), EPERM);
  CHECK_ERR(rmdir("/proc/1"), EPERM);
  CHECK_ERR(rmdir("/proc/self"), ENOTDIR);   /* a symlink, as on Linux */
  CHECK_ERR(rename("/proc/meminfo", "/proc/m2"), EPERM);
  CHECK_ERR(link("/proc/meminfo", "/proc/m3"), EPERM);
  CHECK(exists("/proc/meminfo") && !exists("/proc/m2") && !exists("/proc/d"));
  CHECK(holds_only("f", 0));
}

static void namei_mount_busy(void) {
  struct stat st;
  CHECK(mkdir("e", 0755) == 0);
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK_ERR(rmdir("/proc"), EBUSY);
  CHECK_ERR(rmdir("/proc/"), EBUSY);
  CHECK_ERR(rename("/proc", "pp"), EBUSY);
  CHECK_ERR(rename("e", "/proc"), EBUSY);
  CHECK_ERR(rename("f", "/proc"), EISDIR);   /* the type is checked first */
  CHECK_ERR(unlink("/proc"), EISDIR);        /* a directory, as Linux says */
  CHECK_ERR(rmdir("/"), EBUSY);
  CHECK_ERR(rename("/", "r"), EBUSY);
  CHECK_ERR(rename("e", "/"), EBUSY);
  CHECK_ERR(unlink("/"), EISDIR);
  CHECK(!exists("pp") && !exists("r"));
  CHECK(stat("e", &st) == 0 && S_ISDIR(st.st_mode));
  /* /proc is still mounted and still the directory of the root */
  CHECK(stat("/proc/self/stat", &st) == 0);
  CHECK(ut_proc_number("/proc/meminfo", "MemTotal") > 0);
  CHECK(holds_only("e", "f"));
}

static void namei_error_paths(void) {
  struct stat st;
  int fd, here;
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK(mkdir("d", 0755) == 0);
  /* a trailing slash asks for a directory */
  CHECK_ERR(unlink("f/"), ENOTDIR);
  CHECK_ERR(open("g/", O_CREAT | O_WRONLY, 0644), EISDIR);
  CHECK_ERR(rename("f", "h/"), ENOTDIR);
  CHECK_ERR(rename("f/", "h"), ENOTDIR);
  CHECK_ERR(link("f", "h/"), ENOENT);
  CHECK_ERR(symlink("f", "h/"), ENOENT);
  CHECK_ERR(open("d", O_CREAT | O_RDONLY, 0644), EISDIR);
  CHECK(link_count("f") == 1 && !exists("g") && !exists("h"));
  /* dot names cannot be renamed, nor renamed onto */
  CHECK_ERR(rename("d/.", "x"), EBUSY);
  CHECK_ERR(rename("f", "d/.."), EBUSY);
  CHECK_ERR(rename("d", "d/sub"), EINVAL);
  /* a directory removed while open: nothing can be added to it */
  CHECK(mkdir("gone", 0755) == 0);
  fd = open("gone", O_RDONLY, 0);
  here = open(".", O_RDONLY, 0);
  CHECK(fd >= 0 && here >= 0);
  CHECK(rmdir("gone") == 0);
  CHECK(fchdir(fd) == 0);
  CHECK_ERR(mkdir("x", 0755), ENOENT);
  CHECK_ERR(open("x", O_CREAT | O_WRONLY, 0644), ENOENT);
  CHECK_ERR(symlink("f", "x"), ENOENT);
  CHECK_ERR(link("../f", "x"), ENOENT);
  CHECK_ERR(rename("../f", "x"), ENOENT);
  CHECK(fchdir(here) == 0);
  close(fd);
  close(here);
  CHECK(link_count("f") == 1 && stat("d", &st) == 0 && st.st_nlink == 2);
  CHECK(holds_only("f", "d"));
}

/* A directory name of len bytes, all c. */
static char *name_of(int len, char c) {
  static char name[256];
  memset(name, c, len);
  name[len] = 0;
  return name;
}

/* getcwd returns the whole path up to PATH_MAX bytes with the NUL: ERANGE
 * for a short buffer, ENAMETOOLONG past PATH_MAX, never a truncated path. */
static void namei_getcwd_long(void) {
  char *want = malloc(2 * PATH_MAX);
  char *got = malloc(2 * PATH_MAX);
  int depth = 0, len, i;
  CHECK(want && got && getcwd(want, PATH_MAX) != 0);
  len = strlen(want);
  /* 200-byte names down to just under the limit, then one whose end is
   * exactly PATH_MAX - 1 bytes in */
  while (len + 1 + 200 < PATH_MAX - 1) {
    char *n = name_of(200, 'a' + depth % 26);
    CHECK(mkdir(n, 0755) == 0 && chdir(n) == 0);
    want[len] = '/';
    strcpy(want + len + 1, n);
    len += 201;
    depth++;
    CHECK(getcwd(got, PATH_MAX) != 0 && strcmp(got, want) == 0);
    CHECK_ERR(getcwd(got, len) ? 0 : -1, ERANGE);   /* no room for the NUL */
    CHECK(getcwd(got, len + 1) != 0 && strcmp(got, want) == 0);
  }
  {
    int last = PATH_MAX - 1 - len - 1;
    char *n = name_of(last, 'z');
    CHECK(last > 0 && mkdir(n, 0755) == 0 && chdir(n) == 0);
    want[len] = '/';
    strcpy(want + len + 1, n);
    len += 1 + last;
    depth++;
  }
  CHECK(len == PATH_MAX - 1);
  CHECK(getcwd(got, PATH_MAX) != 0 && strcmp(got, want) == 0);
  CHECK_ERR(getcwd(got, PATH_MAX - 1) ? 0 : -1, ERANGE);
  /* the kernel takes back what it gave: a PATH_MAX - 1 byte path */
  CHECK(chdir("/") == 0 && chdir(want) == 0);
  CHECK(getcwd(got, PATH_MAX) != 0 && strcmp(got, want) == 0);
  /* one more level: past the limit */
  CHECK(mkdir("x", 0755) == 0 && chdir("x") == 0);
  CHECK_ERR(getcwd(got, 2 * PATH_MAX) ? 0 : -1, ENAMETOOLONG);
  strcpy(want + len, "/x");
  CHECK_ERR(chdir(want), ENAMETOOLONG);
  want[len] = 0;
  CHECK(chdir("..") == 0 && rmdir("x") == 0);
  for (i = 0; i < depth; i++) {
    char *slash = strrchr(want, '/');
    *slash = 0;
    CHECK(chdir("..") == 0 && rmdir(slash + 1) == 0);
  }
  CHECK(holds_only(0, 0));
  free(want);
  free(got);
}

static int run_rm(const char *path) {
  char *argv[] = { "rm", "-r", (char *)path, 0 };
  char *envp[] = { 0 };
  int pid = fork();
  if (pid == 0) {
    execve("/bin/rm", argv, envp);
    _exit(127);
  }
  return pid < 0 ? -1 : ut_wait_status(pid);
}

/* Makes levels directories named name, one in the other, under the
 * current directory, with a file at the bottom; comes back by start. */
static void make_chain(const char *name, int levels, int start) {
  int i;
  for (i = 0; i < levels; i++)
    CHECK(mkdir(name, 0755) == 0 && chdir(name) == 0);
  CHECK(ut_write_file("leaf", "x", 1) == 1);
  CHECK(fchdir(start) == 0);
}

/* 300 levels: getcwd still exact past 256 levels (it used to stop there
 * and return a truncated path), rename still sees a loop, and rm -r removes a tree whose path is
 * longer than PATH_MAX with fewer descriptors than levels (a process has
 * 32). */
static void namei_deep_tree(void) {
  char *here = malloc(PATH_MAX);
  char *got = malloc(PATH_MAX);
  int start = open(".", O_RDONLY, 0);
  int i, len;
  CHECK(here && got && start >= 0 && getcwd(here, PATH_MAX) != 0);
  CHECK(mkdir("short", 0755) == 0);
  CHECK(chdir("short") == 0);
  make_chain("a", 300, start);
  CHECK(chdir("short") == 0);
  for (i = 0; i < 300; i++)
    CHECK(chdir("a") == 0);
  CHECK(getcwd(got, PATH_MAX) != 0);
  len = strlen(here);
  CHECK(strlen(got) == (unsigned)len + 6 + 600 && strncmp(got, here, len) == 0 && strncmp(got + len, "/short", 6) == 0);
  for (i = 0; i < 300; i++)
    CHECK(got[len + 6 + 2 * i] == '/' && got[len + 7 + 2 * i] == 'a');
  CHECK(fchdir(start) == 0);
  /* a directory cannot go under itself, however deep (the check used to
   * give up after 256 levels and cut the tree off the volume) */
  strcpy(got, "short");
  for (i = 0; i < 300; i++)
    strcat(got, "/a");
  strcat(got, "/x");
  CHECK_ERR(rename("short", got), EINVAL);
  CHECK(run_rm("short") == 0);
  CHECK(!exists("short"));
  /* 300 levels of 15-byte names: 4800 bytes of path */
  CHECK(mkdir("long", 0755) == 0 && chdir("long") == 0);
  make_chain("level-with-name", 300, start);
  CHECK(chdir("long") == 0);
  for (i = 0; i < 300; i++)
    CHECK(chdir("level-with-name") == 0);
  CHECK_ERR(getcwd(got, PATH_MAX) ? 0 : -1, ENAMETOOLONG);
  CHECK(exists("leaf"));
  CHECK(fchdir(start) == 0);
  CHECK(run_rm("long") == 0);
  CHECK(!exists("long"));
  CHECK(holds_only(0, 0));
  close(start);
  free(here);
  free(got);
}

/* Fills the disk, then asks for what needs a block: each call is ENOSPC
 * and leaves no trace (no entry, no inode, link counts as they were;
 * e2fsck after the run checks the bitmaps). */
static void namei_full_disk(void) {
  static char chunk[65536];
  char target[120];
  int i, fd, r;
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK(mkdir("sub", 0755) == 0);
  /* "full"'s one block holds exactly ".", "..", 15 names of 250 bytes and
   * one of 164: the next name needs a second block */
  CHECK(mkdir("full", 0755) == 0);
  for (i = 0; i < 16; i++) {
    char path[300];
    strcpy(path, "full/");
    strcat(path, name_of(i < 15 ? 250 : 164, 'a' + i));
    CHECK(ut_write_file(path, "", 0) == 0);
  }
  fd = open("fill", O_CREAT | O_WRONLY, 0600);
  CHECK(fd >= 0);
  while ((r = write(fd, chunk, sizeof chunk)) == (int)sizeof chunk)
    ;
  CHECK_ERR(write(fd, chunk, sizeof chunk), ENOSPC);
  CHECK_ERR(link("f", "full/x"), ENOSPC);
  CHECK(link_count("f") == 1);
  CHECK_ERR(rename("f", "full/x"), ENOSPC);
  CHECK_ERR(rename("sub", "full/x"), ENOSPC);
  CHECK_ERR(symlink("f", "full/x"), ENOSPC);
  CHECK_ERR(open("full/x", O_CREAT | O_WRONLY, 0644), ENOSPC);
  CHECK_ERR(mkdir("full/x", 0755), ENOSPC);
  CHECK_ERR(mkdir("y", 0755), ENOSPC);   /* its own block */
  memset(target, 't', sizeof target - 1);
  target[sizeof target - 1] = 0;
  CHECK_ERR(symlink(target, "y"), ENOSPC);   /* too long for the inode */
  CHECK(!exists("full/x") && !exists("y") && link_count("f") == 1 && link_count("sub") == 2);
  CHECK(link_count("full") == 2 && link_count(".") == 4);
  close(fd);
  CHECK(unlink("fill") == 0);
  CHECK(link("f", "full/x") == 0 && link_count("f") == 2);   /* there is room again */
}

/* Path resolution across mounts: `..` leaves /proc for the root volume,
 * `..` at / stays there, getcwd names mounted directories, symlinks cross
 * into a mount, and exactly 40 links are followed (ELOOP at 41). */
static void namei_mount_dotdot(void) {
  struct stat root, st, proc;
  char buf[64], want[32], name[16], target[16];
  int here = open(".", O_RDONLY, 0), i, fd;
  CHECK(here >= 0 && stat("/", &root) == 0);
  CHECK(stat("/..", &st) == 0 && st.st_ino == root.st_ino && st.st_dev == root.st_dev);
  CHECK(stat("/proc/..", &st) == 0 && st.st_ino == root.st_ino && st.st_dev == root.st_dev);
  CHECK(stat("/proc/self/../..", &st) == 0 && st.st_ino == root.st_ino && st.st_dev == root.st_dev);
  /* procfs is a file system of its own: its root is inode 1, as on Linux */
  CHECK(stat("/proc", &proc) == 0 && proc.st_ino == 1 && proc.st_dev != root.st_dev);
  CHECK(stat("/proc/self/..", &st) == 0 && st.st_ino == proc.st_ino && st.st_dev == proc.st_dev);
  CHECK(chdir("/proc/self") == 0 && getcwd(buf, sizeof buf) != 0);
  sprintf(want, "/proc/%d", getpid());
  CHECK(strcmp(buf, want) == 0);
  CHECK(chdir("..") == 0 && getcwd(buf, sizeof buf) != 0 && strcmp(buf, "/proc") == 0);
  CHECK(chdir("..") == 0 && getcwd(buf, sizeof buf) != 0 && strcmp(buf, "/") == 0);
  CHECK(chdir("..") == 0 && getcwd(buf, sizeof buf) != 0 && strcmp(buf, "/") == 0);
  CHECK(fchdir(here) == 0);
  close(here);
  /* a symlink into the mount, and `..` out of it through the link */
  CHECK(symlink("/proc/self", "ps") == 0);
  CHECK(stat("ps/stat", &st) == 0 && S_ISREG(st.st_mode) && st.st_dev == proc.st_dev);
  CHECK(stat("ps/../..", &st) == 0 && st.st_ino == root.st_ino);
  /* the symlink limit, exactly: l40 needs 40 links followed, l41 one more */
  CHECK(ut_write_file("end", "e", 1) == 1 && symlink("end", "l1") == 0);
  for (i = 2; i <= 41; i++) {
    sprintf(name, "l%d", i);
    sprintf(target, "l%d", i - 1);
    CHECK(symlink(target, name) == 0);
  }
  fd = open("l40", O_RDONLY, 0);
  CHECK(fd >= 0);
  close(fd);
  CHECK_ERR(open("l41", O_RDONLY, 0), ELOOP);
}

/* A cwd removed under the process (and its parent too): nothing can be
 * looked up in it any more, `..` included (ENOENT), and nothing is read from
 * the dead directory's stale entries (a freed inode read as `..` was an
 * ext2 error). */
static void namei_dead_cwd(void) {
  char top[256], path[300];
  struct stat st;
  int pid;
  CHECK(getcwd(top, sizeof top) != 0);
  CHECK(mkdir("d1", 0755) == 0 && mkdir("d1/d2", 0755) == 0);
  CHECK(chdir("d1/d2") == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {   /* another process removes both (our own cwd is EBUSY to us) */
    if (chdir("/") != 0) _exit(3);
    sprintf(path, "%s/d1/d2", top);
    if (rmdir(path) != 0) _exit(1);
    sprintf(path, "%s/d1", top);
    _exit(rmdir(path) != 0 ? 2 : 0);
  }
  CHECK(ut_wait_status(pid) == 0);
  CHECK_ERR(stat("..", &st), ENOENT);
  CHECK_ERR(open("..", O_RDONLY, 0), ENOENT);
  CHECK_ERR(open("new", O_CREAT | O_WRONLY, 0644), ENOENT);
  CHECK_ERR(mkdir("sub", 0755), ENOENT);
  CHECK(stat(".", &st) == 0 && st.st_nlink == 0);
  CHECK(chdir(top) == 0);
}

struct ut_case ut_namei_cases[] = {
  { "namei_cross_fs", namei_cross_fs },
  { "namei_mount_busy", namei_mount_busy },
  { "namei_mount_dotdot", namei_mount_dotdot },
  { "namei_error_paths", namei_error_paths },
  { "namei_getcwd_long", namei_getcwd_long },
  { "namei_deep_tree", namei_deep_tree },
  { "namei_full_disk", namei_full_disk },
  { "namei_dead_cwd", namei_dead_cwd },
  { 0, 0 }
};
