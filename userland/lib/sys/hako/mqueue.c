/* mqueue.c: libc's POSIX message queue calls over mq_open (277) ...
 * mq_getsetattr (282). As glibc: a name must start with '/' (else
 * EINVAL), which is stripped before the kernel sees it; mq_send and
 * mq_receive are the timed calls without a timeout; mq_close is close. */
#include <mqueue.h>
#include <stdarg.h>
#include <errno.h>
#include <unistd.h>

long __sys_mq_open(const char *name, int oflag, int mode, const void *attr);
long __sys_mq_unlink(const char *name);
long __sys_mq_timedsend(int mqd, const char *msg, unsigned long len, unsigned long prio, const void *timeout);
long __sys_mq_timedreceive(int mqd, char *msg, unsigned long len, unsigned int *prio, const void *timeout);
long __sys_mq_getsetattr(int mqd, const void *newattr, void *oldattr);

static int result(long r) {
  if (r < 0) {
    errno = -(int)r;
    return -1;
  }
  return (int)r;
}

mqd_t mq_open(const char *name, int oflag, ...) {
  int mode = 0;
  struct mq_attr *attr = 0;
  if (name[0] != '/') {
    errno = EINVAL;
    return -1;
  }
  if (oflag & O_CREAT) {
    va_list ap;
    va_start(ap, oflag);
    mode = va_arg(ap, int);
    attr = va_arg(ap, struct mq_attr *);
    va_end(ap);
  }
  return result(__sys_mq_open(name + 1, oflag, mode, attr));
}

int mq_close(mqd_t mqd) {
  return close(mqd);
}

int mq_unlink(const char *name) {
  if (name[0] != '/') {
    errno = ENOENT;
    return -1;
  }
  return result(__sys_mq_unlink(name + 1));
}

int mq_timedsend(mqd_t mqd, const char *msg, size_t len, unsigned int prio, const struct timespec *abs_timeout) {
  return result(__sys_mq_timedsend(mqd, msg, len, prio, abs_timeout));
}

int mq_send(mqd_t mqd, const char *msg, size_t len, unsigned int prio) {
  return mq_timedsend(mqd, msg, len, prio, 0);
}

ssize_t mq_timedreceive(mqd_t mqd, char *msg, size_t len, unsigned int *prio, const struct timespec *abs_timeout) {
  return result(__sys_mq_timedreceive(mqd, msg, len, prio, abs_timeout));
}

ssize_t mq_receive(mqd_t mqd, char *msg, size_t len, unsigned int *prio) {
  return mq_timedreceive(mqd, msg, len, prio, 0);
}

int mq_getattr(mqd_t mqd, struct mq_attr *attr) {
  return result(__sys_mq_getsetattr(mqd, 0, attr));
}

int mq_setattr(mqd_t mqd, const struct mq_attr *attr, struct mq_attr *old) {
  return result(__sys_mq_getsetattr(mqd, attr, old));
}

long __sys_mq_notify(int mqd, const void *sevp);

int mq_notify(mqd_t mqd, const struct sigevent *sevp) {
  return result(__sys_mq_notify(mqd, sevp));
}
