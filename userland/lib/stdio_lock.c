/* stdio_lock.c: a stream's lock (flockfile, ftrylockfile, funlockfile).
 *
 * Recursive, because a thread holding a stream (flockfile) still calls
 * printf on it, which locks again: `owner` is the holder's thread pointer
 * and `depth` counts its holds; only the holder changes them, so they need
 * no lock of their own. The lock word itself is libc's internal lock
 * (lock.h), so in a one-thread process nothing is taken and only the
 * count moves. */
#include <stdio.h>
#include "sys.h"
#include "stdio_impl.h"

void flockfile(FILE *f) {
  void *self = __get_tp();
  if (f->depth > 0 && f->owner == self) {
    f->depth++;
    return;
  }
  LIBC_LOCK(&f->lock);
  f->owner = self;
  f->depth = 1;
}

int ftrylockfile(FILE *f) {
  void *self = __get_tp();
  if (f->depth > 0 && f->owner == self) {
    f->depth++;
    return 0;
  }
  if (__libc_locks) {
    if (__libc_locks->trylock(&f->lock) != 0)
      return -1;
  } else if (f->depth > 0) {
    return -1;
  }
  f->owner = self;
  f->depth = 1;
  return 0;
}

void funlockfile(FILE *f) {
  if (f->depth == 0 || --f->depth > 0)
    return;
  f->owner = 0;
  LIBC_UNLOCK(&f->lock);
}
