/* hako/poll.h: readiness, shared by the kernel and libc — Linux i386's
 * poll(2) event bits and struct pollfd, select(2)'s fd_set size, and
 * epoll's (struct epoll_event is packed on i386: 12 bytes, the 64-bit
 * data at offset 4). Plain C types only, so both worlds can include it. */
#ifndef _HAKO_POLL_H
#define _HAKO_POLL_H

#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLRDHUP  0x2000

struct pollfd {
  int fd;
  short events;
  short revents;
};

#define FD_SETSIZE 1024

#define EPOLLIN      0x001
#define EPOLLPRI     0x002
#define EPOLLOUT     0x004
#define EPOLLERR     0x008
#define EPOLLHUP     0x010
#define EPOLLRDNORM  0x040
#define EPOLLRDBAND  0x080
#define EPOLLWRNORM  0x100
#define EPOLLWRBAND  0x200
#define EPOLLRDHUP   0x2000
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP  (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET      (1u << 31)

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

#define EPOLL_CLOEXEC 02000000   /* O_CLOEXEC */

#endif
