/* sys/eventfd.h: eventfd, a file that is a 64-bit counter (eventfd(2)).
 * eventfd() is the eventfd2 system call (328); the flags are Linux i386's
 * (EFD_CLOEXEC = O_CLOEXEC, EFD_NONBLOCK = O_NONBLOCK). eventfd_read and
 * eventfd_write move one eventfd_t as glibc's do: 0 or -1 with errno. */
#ifndef _SYS_EVENTFD_H
#define _SYS_EVENTFD_H

#include <stdint.h>

typedef uint64_t eventfd_t;

#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC 02000000
#define EFD_NONBLOCK 04000

int eventfd(unsigned int initval, int flags);
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

#endif
