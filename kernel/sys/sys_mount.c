/*
 * sys_mount.c — mount (Linux i386 21) and umount2 (52): copy the user's
 * strings, then the VFS (fs/mount.c: vfs_mount, vfs_umount) decides.
 * libc's umount(path) is umount2(path, 0).
 *
 * source and fstype may be NULL (a remount names neither); data (the
 * file system's option string) is copied as a string of at most a page
 * (tmpfs reads size=, mode=, uid=, gid=; the others ignore it). Invariant: nothing is mounted or unmounted
 * here, and every copy is freed on every path.
 */
#include "gen/syscall_table.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "vm.h"
#include "hako/errno.h"

#define FSTYPE_MAX 32   /* longer type names name no file system */

/* A user string into dst (size bytes), or NULL for a NULL pointer. */
static int copy_optional(char *dst, const char *user, u32 size, char **out) {
  int n;
  *out = NULL;
  if (user == NULL) return 0;
  n = strncpy_from_user(dst, user, size);
  if (n < 0) return n;
  *out = dst;
  return 0;
}

int sys_mount(const char *user_source, const char *user_target, const char *user_fstype, u32 flags,
              const void *data) {
  char *bufs = (char *)kmalloc(2 * PATH_MAX + FSTYPE_MAX + PAGE_SIZE);
  char *source, *fstype, *options;
  int err;
  if (bufs == NULL) return -ENOMEM;
  err = copy_path(bufs, user_target);
  if (err == 0) err = copy_optional(bufs + PATH_MAX, user_source, PATH_MAX, &source);
  if (err == 0) {
    err = copy_optional(bufs + 2 * PATH_MAX, user_fstype, FSTYPE_MAX, &fstype);
    if (err == -ENAMETOOLONG) err = -ENODEV;
  }
  if (err == 0) {
    err = copy_optional(bufs + 2 * PATH_MAX + FSTYPE_MAX, (const char *)data, PAGE_SIZE, &options);
    if (err == -ENAMETOOLONG) err = -EINVAL;
  }
  if (err == 0) err = vfs_mount(source, bufs, fstype, flags, options);
  kfree(bufs);
  return err;
}

static int umount_path(const char *path, const char *unused, u32 flags, u32 b) {
  (void)unused;
  (void)b;
  return vfs_umount(path, (int)flags);
}

int sys_umount2(const char *user_target, int flags) {
  return with_user_paths(user_target, NULL, umount_path, (u32)flags, 0);
}
