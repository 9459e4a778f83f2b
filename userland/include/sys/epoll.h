/* sys/epoll.h: epoll over the kernel's calls 254-256, 319 and 329. The
 * bits and struct epoll_event (packed: 12 bytes, as on Linux i386) match
 * the kernel's (hako/poll.h). */
#ifndef _SYS_EPOLL_H
#define _SYS_EPOLL_H

#include <stdint.h>
#include <hako/poll.h>

typedef union epoll_data {
  void *ptr;
  int fd;
  uint32_t u32;
  uint64_t u64;
} epoll_data_t;

/* 12 bytes, data at offset 4: i386 aligns 64-bit members to 4. */
struct epoll_event {
  uint32_t events;
  epoll_data_t data;
};

int epoll_create(int size);                 /* size > 0, otherwise unused */
int epoll_create1(int flags);               /* 0 or EPOLL_CLOEXEC */
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms);
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms, const void *sigmask, unsigned int sigsetsize);

#endif
