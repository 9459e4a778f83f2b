/* hako/uio.h: vectored I/O, shared by the kernel and libc — Linux i386's
 * struct iovec (readv/writev, system calls 145/146) and the most segments
 * one call takes. Plain C types only, so both worlds can include it. */
#ifndef _HAKO_UIO_H
#define _HAKO_UIO_H

struct iovec {
  void *iov_base;
  unsigned int iov_len;
};

#define UIO_MAXIOV 1024   /* more segments: EINVAL (Linux's IOV_MAX) */

#endif
