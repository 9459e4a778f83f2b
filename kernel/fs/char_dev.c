/*
 * char_dev.c — character devices: which driver's file operations an open
 * of a device inode gets, by its major:minor (Linux's numbers: 1:3 null,
 * 1:5 zero, 1:7 full, 5:0 tty, 5:1 console; 10:240 trace, ours). The number is the inode's
 * rdev as its file system stores it: Linux's old 16-bit encoding
 * (major << 8 | minor) or, when that is zero, the new 32-bit one.
 */
#include "fs.h"
#include "trace.h"

/* Devices known to the kernel, by major:minor. */
static const struct {
  u32 major, minor;
  const struct file_ops *ops;
} chrdevs[] = {
  { 1, 3, &null_ops },
  { 1, 5, &zero_ops },
  { 1, 7, &full_ops },
  { 5, 0, &tty_ops },
  { 5, 1, &tty_ops },
  { 10, 240, &trace_ops },   /* /dev/trace (proc/trace.c); misc minors 240-254 are for local use */
};

const struct file_ops *chrdev_ops(u32 rdev) {
  u32 major, minor, i;
  if (rdev & 0xFFFF0000u) {   /* the new encoding: minor low 8 bits, major 12, minor's high bits above */
    major = (rdev >> 8) & 0xFFF;
    minor = (rdev & 0xFF) | ((rdev >> 12) & 0xFFF00);
  } else {
    major = (rdev >> 8) & 0xFF;
    minor = rdev & 0xFF;
  }
  for (i = 0; i < sizeof chrdevs / sizeof chrdevs[0]; i++) {
    if (chrdevs[i].major == major && chrdevs[i].minor == minor) return chrdevs[i].ops;
  }
  return NULL;
}
