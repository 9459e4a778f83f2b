/*
 * sys_path.c — the one way a system call takes path names from user
 * space: copy them into kernel buffers (EFAULT, ENOENT for "",
 * ENAMETOOLONG for PATH_MAX bytes or more), do the operation on the
 * kernel copies, free the buffers. Every system call that names a file
 * goes through with_user_paths or user_namei, so the copy rules are in one
 * place and no kernel code ever walks a user pointer.
 */
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "vm.h"
#include "hako/errno.h"

int copy_path(char *dst, const char *user_path) {
  int n = strncpy_from_user(dst, user_path, PATH_MAX);
  if (n == 0) return -ENOENT;
  return n < 0 ? n : 0;
}

/* Copies user_path (and user_path2 unless NULL), then fn(path, path2, a, b). */
int with_user_paths(const char *user_path, const char *user_path2, path_fn fn, u32 a, u32 b) {
  char *bufs = (char *)kmalloc(2 * PATH_MAX);
  char *path2 = NULL;
  int err;
  if (bufs == NULL) return -ENOMEM;
  err = copy_path(bufs, user_path);
  if (err == 0 && user_path2 != NULL) {
    path2 = bufs + PATH_MAX;
    err = copy_path(path2, user_path2);
  }
  if (err == 0) err = fn(bufs, path2, a, b);
  kfree(bufs);
  return err;
}

/* Resolves a user path to a referenced, unlocked inode. */
struct inode *user_namei(const char *user_path, int follow, int *err) {
  char *path = (char *)kmalloc(PATH_MAX);
  struct inode *ip = NULL;
  if (path == NULL) {
    *err = -ENOMEM;
    return NULL;
  }
  *err = copy_path(path, user_path);
  if (*err == 0) ip = namei(path, follow, err);
  kfree(path);
  return ip;
}
