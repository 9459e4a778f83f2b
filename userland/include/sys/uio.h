/* sys/uio.h: reading into and writing from several buffers in one call
 * (readv, writev: system calls 145, 146, over hako/uio.h's struct iovec). */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/types.h>
#include <hako/uio.h>

#define IOV_MAX UIO_MAXIOV

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);

#endif
