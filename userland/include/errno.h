/* errno.h: the error numbers and the `errno` variable libc sets.
 *
 * A single global (Hako processes have one thread). The values come from
 * hako/errno.h, which the kernel shares. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <hako/errno.h>

extern int errno;

#endif
