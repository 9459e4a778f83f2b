/*
 * mem.c — the memory character devices: /dev/null (reads end at once,
 * writes vanish), /dev/zero (reads zeros; mmap gives anonymous memory,
 * mm/mmap.c) and /dev/full (reads zeros, every write fails with ENOSPC,
 * as Linux's: how a program's handling of a full disk is tested). Opened
 * through fs/char_dev.c by their numbers 1:3, 1:5, 1:7.
 */
#include "file.h"
#include "lib.h"
#include "mm.h"
#include "hako/errno.h"
#include "vm.h"

static int null_read(struct file *f, char *buf, u32 n) {
  (void)f;
  (void)buf;
  (void)n;
  return 0;
}

static int null_write(struct file *f, const char *buf, u32 n) {
  (void)f;
  (void)buf;
  return (int)n;
}

static int zero_read(struct file *f, char *buf, u32 n) {
  static char zeros[256];
  u32 done = 0;
  (void)f;
  while (done < n) {
    u32 chunk = MIN(n - done, sizeof zeros);
    if (copyout(buf + done, zeros, chunk) != 0) return done ? (int)done : -EFAULT;
    done += chunk;
  }
  return (int)done;
}

static int full_write(struct file *f, const char *buf, u32 n) {
  (void)f;
  (void)buf;
  (void)n;
  return -ENOSPC;
}

const struct file_ops null_ops = { null_read, null_write, 0, 0 };
const struct file_ops zero_ops = { zero_read, null_write, 0, 0 };
const struct file_ops full_ops = { zero_read, full_write, 0, 0 };
