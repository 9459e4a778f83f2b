/* sys/select.h: select(2) over the kernel's _newselect (142). An fd_set is
 * FD_SETSIZE (1024) bits, 32 to a word, as Linux i386's. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <sys/time.h>
#include <hako/poll.h>

typedef struct {
  unsigned int fds_bits[FD_SETSIZE / 32];
} fd_set;

#define FD_ZERO(s) do { unsigned int __i; for (__i = 0; __i < FD_SETSIZE / 32; __i++) (s)->fds_bits[__i] = 0; } while (0)
#define FD_SET(fd, s) ((s)->fds_bits[(unsigned int)(fd) / 32] |= 1u << ((unsigned int)(fd) % 32))
#define FD_CLR(fd, s) ((s)->fds_bits[(unsigned int)(fd) / 32] &= ~(1u << ((unsigned int)(fd) % 32)))
#define FD_ISSET(fd, s) (((s)->fds_bits[(unsigned int)(fd) / 32] >> ((unsigned int)(fd) % 32)) & 1u)

/* Waits until a descriptor of the sets is ready or *timeout passes (NULL:
 * forever); the sets keep only the ready ones, *timeout the time left. */
int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout);

#endif
