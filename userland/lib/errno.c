/* errno.c: the one `errno` of the process. Set by libc when a call fails;
 * never cleared by libc (C's rule), so callers zero it before a call whose
 * failure they can only see through errno (strtol). */
#include <errno.h>

int errno;
