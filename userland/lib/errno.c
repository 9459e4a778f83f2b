/* errno.c: where `errno` is. Set by libc when a call fails; never cleared
 * by libc (C's rule), so callers zero it before a call whose failure they
 * can only see through errno (strtol).
 *
 * Each thread libc made has its own, in its TLS block (tls.h); a thread
 * pointer that is not such a block means the process-wide one below. */
#include <errno.h>
#include "sys.h"
#include "tls.h"

static int errno_fallback;

int *__errno_location(void) {
  struct __tls *t = (struct __tls *)__get_tp();
  if (t && t->self == t)
    return &t->errno_value;
  return &errno_fallback;
}
