/* shim.c: the system layer (userland/lib/sys.h) for the host harness.
 *
 * Files go to the real Linux system calls (so fopen & co. are tested on
 * real files); the console can instead be captured into buffers and fed
 * from a string, in chunks, so buffering and partial reads are visible;
 * sbrk hands out a static arena, starting at a deliberately misaligned
 * address, with a settable limit and an optional gap (a foreign sbrk
 * between two of ours) to drive the allocator's edge cases. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "hk.h"

/* libc passes Linux i386 open() flags; the host must agree to be a shim. */
_Static_assert(O_CREAT == 0100 && O_TRUNC == 01000 && O_APPEND == 02000 && O_EXCL == 0200 && O_RDWR == 2,
               "host open() flags differ from Linux i386");

struct shim shim;

static char arena[64 << 20] __attribute__((aligned(64)));
static size_t arena_break = 3; /* misaligned on purpose */

void shim_reset_console(void) {
  shim.out_len = 0;
  shim.err_len = 0;
  memset(shim.write_calls, 0, sizeof(shim.write_calls));
  shim.read_calls = 0;
}

void shim_set_input(const char *text, size_t chunk) {
  shim.input = text;
  shim.input_len = strlen(text);
  shim.input_pos = 0;
  shim.read_chunk = chunk;
}

long hk___sys_write(int fd, const void *buf, unsigned long n) {
  long r;
  if (shim.capture && (fd == 1 || fd == 2)) {
    char *dst = fd == 1 ? shim.out : shim.err;
    size_t *len = fd == 1 ? &shim.out_len : &shim.err_len;
    size_t cap = fd == 1 ? sizeof(shim.out) : sizeof(shim.err);
    shim.write_calls[fd]++;
    if (*len + n > cap)
      return -ENOSPC;
    memcpy(dst + *len, buf, n);
    *len += n;
    return (long)n;
  }
  r = write(fd, buf, n);
  return r < 0 ? -errno : r;
}

long hk___sys_read(int fd, void *buf, unsigned long n) {
  long r;
  if (shim.capture && fd == 0) {
    size_t left = shim.input_len - shim.input_pos;
    shim.read_calls++;
    shim.out_len_at_read = (int)shim.out_len;
    if (n > left)
      n = left;
    if (shim.read_chunk && n > shim.read_chunk)
      n = shim.read_chunk;
    memcpy(buf, shim.input + shim.input_pos, n);
    shim.input_pos += n;
    return (long)n;
  }
  r = read(fd, buf, n);
  return r < 0 ? -errno : r;
}

long hk___sys_open(const char *path, int flags, int mode) {
  long r = open(path, flags, mode);
  return r < 0 ? -errno : r;
}

long hk___sys_close(int fd) {
  long r;
  if (shim.capture && fd >= 0 && fd <= 2)
    return 0;
  r = close(fd);
  return r < 0 ? -errno : r;
}

long hk___sys_lseek(int fd, long offset, int whence) {
  long r;
  if (shim.capture && fd >= 0 && fd <= 2)
    return -ESPIPE;
  r = lseek(fd, offset, whence);
  return r < 0 ? -errno : r;
}

/* The kernel's records are Linux i386's struct linux_dirent; the host
 * (x86-64) has only wider ones, so read getdents64 records and repack
 * them: u32 d_ino, u32 d_off, u16 d_reclen, name, NUL, padding to 4 bytes,
 * type in the last byte. Each repacked record is smaller than the original
 * (8 bytes fewer of header), so n bytes of input always fit in n. */
long hk___sys_getdents(int fd, void *buf, unsigned long n) {
  static char raw[1 << 16];
  unsigned char *out = buf;
  long got, at = 0, used = 0;
  if (n > sizeof(raw))
    n = sizeof(raw);
  got = syscall(SYS_getdents64, fd, raw, n);
  if (got < 0)
    return -errno;
  while (at < got) {
    unsigned long long ino;
    long long off;
    unsigned short reclen64, reclen;
    unsigned char type;
    const char *name;
    size_t len;
    unsigned int v;
    memcpy(&ino, raw + at, 8);
    memcpy(&off, raw + at + 8, 8);
    memcpy(&reclen64, raw + at + 16, 2);
    type = (unsigned char)raw[at + 18];
    name = raw + at + 19;
    len = strlen(name);
    reclen = (unsigned short)((10 + len + 2 + 3) & ~3u);
    v = (unsigned int)ino;
    memcpy(out + used, &v, 4);
    v = (unsigned int)off;
    memcpy(out + used + 4, &v, 4);
    memcpy(out + used + 8, &reclen, 2);
    memset(out + used + 10, 0, reclen - 10);
    memcpy(out + used + 10, name, len);
    out[used + reclen - 1] = type;
    used += reclen;
    at += reclen64;
  }
  return used;
}

int hk___sys_isatty(int fd) {
  (void)fd;
  return shim.tty;
}

void *hk___sys_sbrk(long incr) {
  size_t limit = shim.sbrk_limit && shim.sbrk_limit < sizeof(arena) ? shim.sbrk_limit : sizeof(arena);
  char *old;
  shim.sbrk_calls++;
  if (incr > 0 && shim.sbrk_gap) {
    arena_break += shim.sbrk_gap;
    shim.sbrk_gap = 0;
  }
  if (incr > 0 && (arena_break > limit || (size_t)incr > limit - arena_break))
    return (void *)-1;
  if (incr < 0 && (size_t)-incr > arena_break)
    return (void *)-1;
  old = arena + arena_break;
  arena_break += incr;
  return old;
}

void hk___sys_exit(int status) {
  _exit(status & 0xFF);
}

/* No thread pointer here: libc's errno is its process-wide one. */
void *hk___get_tp(void) {
  return 0;
}

/* One thread here: the process ends either way. */
void hk___sys_exit_group(int status) {
  _exit(status & 0xFF);
}
