/* errno.h: the error numbers and `errno`, the last error of the calling
 * thread.
 *
 * errno is per thread: it lives in the thread's TLS block (docs/abi.md,
 * "Thread-local storage"), found through the thread pointer, so two
 * threads failing at once do not overwrite each other's reason. The
 * values come from hako/errno.h, which the kernel shares. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <hako/errno.h>

/* The calling thread's errno (never NULL). */
int *__errno_location(void);
#define errno (*__errno_location())

#endif
