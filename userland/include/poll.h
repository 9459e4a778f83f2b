/* poll.h: poll(2) over the kernel's call 168 — struct pollfd and the
 * POLL* bits are Linux i386's (hako/poll.h, shared with the kernel). */
#ifndef _POLL_H
#define _POLL_H

#include <hako/poll.h>

typedef unsigned int nfds_t;

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);   /* -1: forever */

#endif
