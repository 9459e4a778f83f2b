/* t_mount.c: mount(2) and umount2(2) — every refusal with Linux's errno
 * (EPERM for a user, ENOENT, ENOTDIR, ENODEV, ENOTBLK, EINVAL for bad
 * flags or a directory nothing is mounted on, EBUSY for the root disk, for
 * / and for a file system in use: a cwd inside, an open file), `..` out of
 * a mounted root, and a read-only mount refusing every write with EROFS
 * (procfs, mounted again on a scratch directory). Cases that need a second
 * disk are in test/kernel/mount.test.ts. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/mount.h>
#include "ulib.h"
#include "ut.h"

int rename(const char *from, const char *to);

static ino_t inode_of(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? st.st_ino : 0;
}

static void as_user(void) {
  CHECK(setuid(1000) == 0);
  CHECK_ERR(mount("proc", "d", "proc", 0, 0), EPERM);
  CHECK_ERR(umount2("/proc", 0), EPERM);
  CHECK_ERR(umount("/proc"), EPERM);
}

static void mount_errors(void) {
  CHECK(mkdir("d", 0755) == 0);
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK(ut_fork_status(as_user) == 0);
  CHECK_ERR(mount("proc", "nothere", "proc", 0, 0), ENOENT);
  CHECK_ERR(mount("proc", "f", "proc", 0, 0), ENOTDIR);
  CHECK_ERR(mount("proc", "d", "nosuchfs", 0, 0), ENODEV);
  CHECK_ERR(mount("proc", "d", 0, 0, 0), EINVAL);             /* no type */
  CHECK_ERR(mount("proc", "d", "proc", MS_BIND, 0), EINVAL);  /* not supported */
  CHECK_ERR(mount("proc", "d", "proc", 0x40000000, 0), EINVAL);
  CHECK_ERR(mount("/dev/null", "d", "ext2", 0, 0), ENOTBLK);
  CHECK_ERR(mount("f", "d", "ext2", 0, 0), ENOTBLK);
  CHECK_ERR(mount("/nothere", "d", "ext2", 0, 0), ENOENT);
  CHECK_ERR(mount(0, "d", "ext2", 0, 0), EINVAL);
  CHECK_ERR(mount("/dev/hda", "d", "ext2", 0, 0), EBUSY);     /* the root disk is mounted */
  CHECK_ERR(mount(0, "d", 0, MS_REMOUNT, 0), EINVAL);        /* d is no mount */
  CHECK_ERR(umount2("d", 0), EINVAL);
  CHECK_ERR(umount2("nothere", 0), ENOENT);
  CHECK_ERR(umount2("/proc", 0x100), EINVAL);
  CHECK_ERR(umount2("/proc", MNT_DETACH), EINVAL);
  CHECK_ERR(umount2("/", 0), EBUSY);
  CHECK(rmdir("d") == 0);   /* nothing was mounted on it */
}

/* procfs mounted a second time on a scratch directory: it is crossed into,
 * `..` climbs out, and umount waits until nobody is inside. */
static void mount_busy(void) {
  char here[256], inside[300];
  ino_t scratch = inode_of(".");
  int fd;
  CHECK(getcwd(here, sizeof here) != 0);
  CHECK(mkdir("d", 0755) == 0);
  CHECK(mount("proc", "d", "proc", MS_MGC_VAL, 0) == 0);   /* the old magic is ignored */
  CHECK(inode_of("d/self") != 0);
  CHECK(inode_of("d/..") == scratch);   /* `..` of a mounted root is the covered directory's parent */
  CHECK(inode_of("d/self/../..") == scratch);
  CHECK_ERR(rmdir("d"), EBUSY);
  CHECK_ERR(rename("d", "e"), EBUSY);
  CHECK(chdir("d") == 0);
  sprintf(inside, "%s/d", here);
  CHECK_ERR(umount2(inside, 0), EBUSY);   /* our cwd is inside */
  CHECK(getcwd(inside, sizeof inside) != 0);
  CHECK(strncmp(inside, here, strlen(here)) == 0 && strcmp(inside + strlen(here), "/d") == 0);
  CHECK(chdir("..") == 0);
  CHECK(inode_of(".") == scratch);
  fd = open("d/meminfo", O_RDONLY);
  CHECK(fd >= 0);
  CHECK_ERR(umount2("d", 0), EBUSY);      /* an open file */
  CHECK(close(fd) == 0);
  CHECK(umount2("d", 0) == 0);
  CHECK(inode_of("d/self") == 0);         /* the directory shows again, empty */
  /* a second proc mount and its umount leave /proc's own inodes alone
   * (each mount has its superblock; a freed one was once reused) */
  fd = open("/proc/self/status", O_RDONLY);
  CHECK(fd >= 0);
  CHECK(close(fd) == 0);
  CHECK(inode_of("/proc/self/task") != 0);
  CHECK_ERR(umount2("d", 0), EINVAL);
  CHECK(rmdir("d") == 0);
}

/* procfs mounted read-only on a scratch directory: writes are EROFS
 * (open for writing, chmod) while reading works; a remount read-only waits
 * until no file is open for writing (oom_score_adj is procfs's one
 * writable file); rw again after. (ext2 read-only: test/kernel/mount.test.ts
 * on a second disk.) Run in a child so that a failure still unmounts. */
static void readonly_body(void) {
  int fd;
  CHECK_ERR(open("d/self/oom_score_adj", O_WRONLY), EROFS);
  CHECK_ERR(chmod("d/meminfo", 0600), EROFS);
  fd = open("d/meminfo", O_RDONLY);   /* reading is fine */
  CHECK(fd >= 0);
  CHECK(close(fd) == 0);
  CHECK(mount(0, "d", 0, MS_REMOUNT, 0) == 0);   /* rw */
  fd = open("d/self/oom_score_adj", O_WRONLY);
  CHECK(fd >= 0);
  CHECK_ERR(mount(0, "d", 0, MS_REMOUNT | MS_RDONLY, 0), EBUSY);   /* a file open for writing */
  CHECK(close(fd) == 0);
  CHECK(mount(0, "d", 0, MS_REMOUNT | MS_RDONLY, 0) == 0);
  CHECK_ERR(open("d/self/oom_score_adj", O_WRONLY), EROFS);
}

static void mount_readonly(void) {
  int st;
  CHECK(mkdir("d", 0755) == 0);
  CHECK(mount("proc", "d", "proc", MS_RDONLY, 0) == 0);
  st = ut_fork_status(readonly_body);
  CHECK(umount2("d", 0) == 0);
  CHECK(rmdir("d") == 0);
  CHECK(st == 0);
}

struct ut_case ut_mount_cases[] = {
  { "mount_errors", mount_errors },
  { "mount_busy", mount_busy },
  { "mount_readonly", mount_readonly },
  { 0, 0 },
};
