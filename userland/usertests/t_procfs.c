/* t_procfs.c: /proc per process — the fd/N links (what each descriptor
 * is, their modes, following one to the same file), cwd, root and exe,
 * cmdline, status's credential lines, and who may look (environ and the
 * links are the process's own user's or root's: EACCES otherwise, as
 * Linux's ptrace read check). Each case runs in the scratch directory
 * /tmp/ut.NAME; cases that drop privileges do it in a forked child. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

/* N of "pipe:[N]", or 0 */
static unsigned pipe_number(const char *s) {
  char *end;
  unsigned long n;
  if (strncmp(s, "pipe:[", 6) != 0)
    return 0;
  n = strtoul(s + 6, &end, 10);
  return end[0] == ']' && end[1] == 0 ? (unsigned)n : 0;
}

/* readlink of /proc/self/fd/N, NUL-ended; its length or -1. */
static int fd_link(int fd, char *buf, int size) {
  char path[40];
  int n;
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  n = readlink(path, buf, size - 1);
  if (n >= 0)
    buf[n] = 0;
  return n;
}

static void in_child(void (*fn)(void)) {
  int st = ut_fork_status(fn);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void fd_links_name_files(void) {
  char cwd[256], want[300], got[300];
  struct stat st;
  int fds[2], fd, dfd;
  unsigned a, b;
  CHECK(getcwd(cwd, sizeof cwd) != 0);
  /* a relative name is shown absolute, tidied */
  fd = open("./sub/../f", O_CREAT | O_WRONLY, 0644);
  CHECK(fd < 0 && errno == ENOENT);
  CHECK(mkdir("sub", 0755) == 0);
  fd = open("./sub/../f", O_CREAT | O_WRONLY, 0644);
  CHECK(fd >= 0);
  snprintf(want, sizeof want, "%s/f", cwd);
  CHECK(fd_link(fd, got, sizeof got) == (int)strlen(want));
  CHECK(strcmp(got, want) == 0);
  /* the mode says how it is open: l-wx------ */
  snprintf(want, sizeof want, "/proc/self/fd/%d", fd);
  CHECK(lstat(want, &st) == 0);
  CHECK(S_ISLNK(st.st_mode) && (st.st_mode & 07777) == 0300);
  /* still the same name after a chdir */
  CHECK(chdir("/") == 0);
  CHECK(fd_link(fd, got, sizeof got) > 0);
  snprintf(want, sizeof want, "%s/f", cwd);
  CHECK(strcmp(got, want) == 0);
  CHECK(chdir(cwd) == 0);
  /* unlinked: " (deleted)" */
  CHECK(unlink("f") == 0);
  snprintf(want, sizeof want, "%s/f (deleted)", cwd);
  CHECK(fd_link(fd, got, sizeof got) > 0 && strcmp(got, want) == 0);
  close(fd);
  /* both ends of a pipe are the same pipe:[N] */
  CHECK(pipe(fds) == 0);
  CHECK(fd_link(fds[0], got, sizeof got) > 0);
  a = pipe_number(got);
  CHECK(a != 0);
  CHECK(fd_link(fds[1], want, sizeof want) > 0);
  b = pipe_number(want);
  CHECK(a == b);
  snprintf(want, sizeof want, "/proc/self/fd/%d", fds[0]);
  CHECK(lstat(want, &st) == 0 && (st.st_mode & 07777) == 0500);
  /* a device, and a directory */
  fd = open("/dev/null", O_RDWR);
  CHECK(fd_link(fd, got, sizeof got) > 0 && strcmp(got, "/dev/null") == 0);
  snprintf(want, sizeof want, "/proc/self/fd/%d", fd);
  CHECK(lstat(want, &st) == 0 && (st.st_mode & 07777) == 0700);
  dfd = open("/etc", O_RDONLY);
  CHECK(fd_link(dfd, got, sizeof got) > 0 && strcmp(got, "/etc") == 0);
  /* a closed descriptor has no link */
  close(fd);
  CHECK_ERR(fd_link(fd, got, sizeof got), ENOENT);
  close(dfd);
  close(fds[0]);
  close(fds[1]);
}

static void fd_link_opens_the_same_file(void) {
  char path[40], buf[8];
  struct stat a, b;
  int fd = open("data", O_CREAT | O_RDWR, 0644);
  int again;
  CHECK(fd >= 0 && write(fd, "hello", 5) == 5);
  /* following the link reaches the file even once its name is gone */
  CHECK(rename("data", "moved") == 0);
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  again = open(path, O_RDONLY);
  CHECK(again >= 0);
  CHECK(fstat(fd, &a) == 0 && fstat(again, &b) == 0);
  CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
  CHECK(read(again, buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0);
  close(again);
  close(fd);
  /* a stale fd number is ENOENT, through the walk too */
  CHECK_ERR(open(path, O_RDONLY), ENOENT);
}

static void cwd_root_exe(void) {
  char cwd[256], got[256];
  struct stat st, self;
  int n;
  CHECK(getcwd(cwd, sizeof cwd) != 0);
  n = readlink("/proc/self/cwd", got, sizeof got - 1);
  CHECK(n == (int)strlen(cwd));
  got[n] = 0;
  CHECK(strcmp(got, cwd) == 0);
  n = readlink("/proc/self/root", got, sizeof got - 1);
  CHECK(n == 1 && got[0] == '/');
  n = readlink("/proc/self/exe", got, sizeof got - 1);
  CHECK(n > 0);
  got[n] = 0;
  CHECK(strcmp(got, "/bin/usertests") == 0);
  /* the exe link is the program's inode */
  CHECK(stat("/proc/self/exe", &self) == 0 && stat("/bin/usertests", &st) == 0);
  CHECK(self.st_ino == st.st_ino && S_ISREG(self.st_mode));
  /* following cwd lands in the directory itself */
  CHECK(mkdir("d", 0755) == 0 && chdir("d") == 0);
  CHECK(chdir("/proc/self/cwd/..") == 0);
  CHECK(getcwd(got, sizeof got) != 0 && strcmp(got, cwd) == 0);
  CHECK(lstat("/proc/self/cwd", &st) == 0 && S_ISLNK(st.st_mode) && (st.st_mode & 0777) == 0777);
  /* /proc/self is a symlink to the pid */
  n = readlink("/proc/self", got, sizeof got - 1);
  CHECK(n > 0);
  got[n] = 0;
  CHECK(atoi(got) == getpid());
}

static void status_and_cmdline(void) {
  char text[2048], want[64];
  int mask = umask(0);
  int n;
  umask(mask);
  n = ut_read_file("/proc/self/status", text, sizeof text - 1);
  CHECK(n > 0);
  text[n] = 0;
  CHECK(strstr(text, "\nUid:\t0\t0\t0\t0\n") != 0);
  CHECK(strstr(text, "\nGid:\t0\t0\t0\t0\n") != 0);
  snprintf(want, sizeof want, "\nUmask:\t%04o\n", mask);
  CHECK(strstr(text, want) != 0);
  snprintf(want, sizeof want, "\nPPid:\t%d\n", getppid());
  CHECK(strstr(text, want) != 0);
  CHECK(strstr(text, "\nState:\tR (running)\n") != 0);
  /* our own command line: argv[0] first, NUL-separated, NUL at the end */
  n = ut_read_file("/proc/self/cmdline", text, sizeof text);
  CHECK(n > 0 && text[n - 1] == 0);
  CHECK(strcmp(text, ut_self) == 0 || strcmp(text, "usertests") == 0);
}

static void dropped_body(void) {
  char got[64], text[1024];
  struct stat st;
  int n;
  gid_t two[2] = { 100, 10 };
  CHECK(setgroups(2, two) == 0);
  n = ut_read_file("/proc/self/status", text, sizeof text - 1);
  CHECK(n > 0);
  text[n] = 0;
  CHECK(strstr(text, "\nGroups:\t100 10 \n") != 0);
  CHECK(setgroups(0, 0) == 0);
  CHECK(setresgid(1000, 1000, 1000) == 0);
  CHECK(setresuid(1000, 1000, 1001) == 0);
  /* status shows real, effective, saved and fs ids */
  n = ut_read_file("/proc/self/status", text, sizeof text - 1);
  CHECK(n > 0);
  text[n] = 0;
  CHECK(strstr(text, "\nUid:\t1000\t1000\t1001\t1000\n") != 0);
  CHECK(strstr(text, "\nGroups:\t \n") != 0);   /* none: Linux's lone trailing space */
  /* our files are ours now */
  CHECK(stat("/proc/self/environ", &st) == 0);
  CHECK(st.st_uid == 1000 && st.st_gid == 1000 && (st.st_mode & 07777) == 0400);
  CHECK(stat("/proc/self", &st) == 0 && st.st_uid == 1000 && S_ISDIR(st.st_mode));
  /* a process may always read its own, whatever its ids */
  CHECK(open("/proc/self/environ", O_RDONLY) >= 0);
  /* init's are root's */
  CHECK(stat("/proc/1/environ", &st) == 0 && st.st_uid == 0);
  CHECK_ERR(open("/proc/1/environ", O_RDONLY), EACCES);
  CHECK_ERR(readlink("/proc/1/cwd", got, sizeof got), EACCES);
  CHECK_ERR(readlink("/proc/1/exe", got, sizeof got), EACCES);
  CHECK_ERR(readlink("/proc/1/fd/0", got, sizeof got), EACCES);
  CHECK_ERR(chdir("/proc/1/cwd"), EACCES);
  /* what anyone may read */
  CHECK(ut_read_file("/proc/1/cmdline", text, sizeof text) > 0);
  CHECK(ut_read_file("/proc/1/status", text, sizeof text) > 0);
}
static void environ_and_links_are_the_owners(void) { in_child(dropped_body); }

/* The pagemap entry of address in /proc/self/pagemap: words[0] low,
 * words[1] high (bit 63 = words[1] bit 31). 0, or -1 with errno. */
static int pagemap_entry(void *address, unsigned words[2]) {
  int fd = open("/proc/self/pagemap", O_RDONLY);
  int ok;
  if (fd < 0)
    return -1;
  ok = lseek(fd, (long)((unsigned long)address / 4096 * 8), SEEK_SET) >= 0 && read(fd, words, 8) == 8;
  close(fd);
  return ok ? 0 : -1;
}

#define PM_PRESENT 0x80000000u
#define PM_EXCLUSIVE 0x01000000u

static char pm_page[8192];

static void pagemap_as_user(void) {
  unsigned w[2];
  CHECK(setresuid(1000, 1000, 1000) == 0);
  pm_page[0] = 1;
  /* present, but no frame number for an unprivileged reader (Linux 4.0+) */
  CHECK(pagemap_entry(pm_page, w) == 0);
  CHECK((w[1] & PM_PRESENT) && w[0] == 0);
  CHECK_ERR(open("/proc/1/pagemap", O_RDONLY), EACCES);
}

static void pagemap_child_writes(void) {
  unsigned before[2], after[2];
  CHECK(pagemap_entry(pm_page, before) == 0);
  CHECK((before[1] & PM_PRESENT) && !(before[1] & PM_EXCLUSIVE));   /* shared with the parent */
  pm_page[0] = 2;
  CHECK(pagemap_entry(pm_page, after) == 0);
  CHECK((after[1] & PM_PRESENT) && (after[1] & PM_EXCLUSIVE) && after[0] != before[0]);
  /* it tells the parent's frame through the exit status */
  _exit((int)(before[0] & 0x7F));
}

static void pagemap_frames(void) {
  unsigned w[2], parent[2];
  char *heap = malloc(16 * 4096);
  int fd, st;
  char buf[8];
  struct stat sb;
  pm_page[0] = 1;
  CHECK(pagemap_entry(pm_page, w) == 0);
  CHECK((w[1] & PM_PRESENT) && w[0] != 0 && (w[1] & PM_EXCLUSIVE));
  parent[0] = w[0];
  /* a heap page nobody touched has no frame yet */
  CHECK(heap != 0);
  CHECK(pagemap_entry(heap + 12 * 4096, w) == 0);
  CHECK(w[0] == 0 && w[1] == 0);
  /* whole entries only */
  fd = open("/proc/self/pagemap", O_RDONLY);
  CHECK(fd >= 0);
  CHECK_ERR(read(fd, buf, 4), EINVAL);
  CHECK(lseek(fd, 4, SEEK_SET) == 4);
  CHECK_ERR(read(fd, buf, 8), EINVAL);
  close(fd);
  CHECK(stat("/proc/self/pagemap", &sb) == 0 && (sb.st_mode & 07777) == 0400);
  /* fork shares the frame; the child's write copies it */
  st = ut_fork_status(pagemap_child_writes);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == (int)(parent[0] & 0x7F));
  CHECK(pagemap_entry(pm_page, w) == 0 && w[0] == parent[0]);
  in_child(pagemap_as_user);
  free(heap);
}

/* openat's file is named from its directory, not from the cwd */
static void openat_link_names_its_directory(void) {
  char cwd[256], want[300], got[300];
  int dfd, fd;
  CHECK(getcwd(cwd, sizeof cwd) != 0);
  CHECK(mkdir("d", 0755) == 0);
  dfd = open("d", O_RDONLY | O_DIRECTORY);
  CHECK(dfd >= 0);
  fd = openat(dfd, "inner", O_CREAT | O_WRONLY, 0644);
  CHECK(fd >= 0);
  snprintf(want, sizeof want, "%s/d/inner", cwd);
  CHECK(fd_link(fd, got, sizeof got) == (int)strlen(want));
  CHECK(strcmp(got, want) == 0);
  close(fd);
  close(dfd);
}

struct ut_case ut_procfs_cases[] = {
  { "procfs_fd_links", fd_links_name_files },
  { "procfs_fd_follow", fd_link_opens_the_same_file },
  { "procfs_cwd_root_exe", cwd_root_exe },
  { "procfs_status_cmdline", status_and_cmdline },
  { "procfs_owner_only", environ_and_links_are_the_owners },
  { "procfs_pagemap", pagemap_frames },
  { "procfs_openat_link", openat_link_names_its_directory },
  { 0, 0 },
};
