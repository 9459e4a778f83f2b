/* hako/futex.h: futex(2) operations, Linux's values, shared by the kernel
 * and libc. */
#ifndef _HAKO_FUTEX_H
#define _HAKO_FUTEX_H

#define FUTEX_WAIT          0
#define FUTEX_WAKE          1
#define FUTEX_REQUEUE       3
#define FUTEX_CMP_REQUEUE   4
#define FUTEX_PRIVATE_FLAG  128   /* the word is not shared with other processes */
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK      (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#endif
