/*
 * socket.c — the socket layer, independent of the address family: socket
 * files (read/write are recv/send, poll asks the family), the socket
 * system calls at Linux i386's direct numbers (359-373), and socketcall
 * (102), which unpacks its argument array into the same functions.
 *
 * Addresses cross the user boundary here: copied in (at most 128 bytes,
 * Linux's sockaddr_storage) before the family sees them, copied out
 * truncated to the caller's length with the full length written back,
 * as Linux. AF_UNIX (net/unix.c) and AF_INET (net/inet.c) exist; other
 * families are EAFNOSUPPORT. A socket lives as long as its file. ioctl on
 * any socket answers the SIOC* interface requests (net/route.c).
 */
#include "arch.h"
#include "file.h"
#include "gen/syscall_table.h"
#include "lib.h"
#include "mm.h"
#include "inet.h"
#include "net.h"
#include "poll.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "hako/uio.h"
#include "vm.h"

#define SOCKADDR_MAX 128

/* A socket of the family, with the family's state; NULL and *err. */
static struct socket *socket_new(int family, int type, int protocol, int *err) {
  struct socket *s = (struct socket *)kmalloc(sizeof *s);
  if (s == NULL) {
    *err = -ENOMEM;
    return NULL;
  }
  memset(s, 0, sizeof *s);
  s->family = family;
  s->type = type;
  *err = family == AF_INET ? inet_create(s, protocol) : unix_create(s);
  if (*err != 0) {
    kfree(s);
    return NULL;
  }
  return s;
}

int sock_no_listen(struct socket *s, int backlog) {
  (void)s;
  (void)backlog;
  return -EOPNOTSUPP;
}

int sock_no_accept(struct socket *s, struct socket **out, int nonblock) {
  (void)s;
  (void)out;
  (void)nonblock;
  return -EOPNOTSUPP;
}

int sock_no_socketpair(struct socket *a, struct socket *b) {
  (void)a;
  (void)b;
  return -EOPNOTSUPP;
}

struct socket *socket_alloc(int family, int type) {
  int err;
  return socket_new(family, type, 0, &err);
}

void socket_free(struct socket *s) {
  s->ops->release(s);
  kfree(s);
}

static int sock_read(struct file *f, char *ubuf, u32 n) {
  struct socket *s = (struct socket *)f->private;
  return s->ops->recvfrom(s, ubuf, n, 0, NULL, NULL, (f->flags & O_NONBLOCK) != 0);
}

static int sock_write(struct file *f, const char *ubuf, u32 n) {
  struct socket *s = (struct socket *)f->private;
  return s->ops->sendto(s, ubuf, n, 0, NULL, 0, (f->flags & O_NONBLOCK) != 0);
}

static int sock_poll(struct file *f, struct poll_table *pt) {
  struct socket *s = (struct socket *)f->private;
  return s->ops->poll(s, pt);
}

static void sock_release(struct file *f) {
  if (f->private) socket_free((struct socket *)f->private);
}

static int sock_dname(struct file *f, char *buf, u32 size) {
  return snprintf(buf, size, "socket:[%u]", (u32)f->private);
}

static int sock_ioctl(struct file *f, u32 cmd, u32 arg) {
  (void)f;
  return inet_dev_ioctl(cmd, (void *)arg);
}

static const struct file_ops socket_file_ops = {
  .read = sock_read, .write = sock_write, .ioctl = sock_ioctl, .release = sock_release, .poll = sock_poll,
  .dname = sock_dname,
};

/* The socket of a descriptor: -EBADF or -ENOTSOCK in *err. */
static struct socket *sock_of(int fd, struct file **fp, int *err) {
  struct file *f = fd_get(fd);
  if (f == NULL) {
    *err = -EBADF;
    return NULL;
  }
  if (f->ops != &socket_file_ops) {
    *err = -ENOTSOCK;
    return NULL;
  }
  if (fp) *fp = f;
  return (struct socket *)f->private;
}

static int install(struct socket *s, int flags) {
  struct file *f = file_alloc(&socket_file_ops, O_RDWR | ((u32)flags & O_NONBLOCK));
  int fd;
  if (f == NULL) {
    socket_free(s);
    return -ENFILE;
  }
  f->private = s;
  fd = fd_install(f);
  if (fd < 0) {
    file_close(f);
    return fd;
  }
  if (flags & SOCK_CLOEXEC) fd_set_cloexec(fd, 1);
  return fd;
}

static int check_type(int family, int *type, int *flags) {
  *flags = *type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
  *type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (family != AF_UNIX && family != AF_INET) return -EAFNOSUPPORT;
  if (*type != SOCK_STREAM && *type != SOCK_DGRAM && (family != AF_INET || *type != SOCK_RAW)) return -ESOCKTNOSUPPORT;
  return 0;
}

int sys_socket(int family, int type, int protocol) {
  int flags, err = check_type(family, &type, &flags);
  struct socket *s;
  if (err) return err;
  if (family == AF_UNIX && protocol != 0) return -EPROTONOSUPPORT;
  s = socket_new(family, type, protocol, &err);
  if (s == NULL) return err;
  return install(s, flags);
}

int sys_socketpair(int family, int type, int protocol, int *usv) {
  int flags, err = check_type(family, &type, &flags);
  struct socket *a, *b;
  int fds[2];
  if (err) return err;
  if (family != AF_UNIX) return -EOPNOTSUPP;
  if (protocol != 0) return -EPROTONOSUPPORT;
  a = socket_alloc(family, type);
  b = a ? socket_alloc(family, type) : NULL;
  if (b == NULL) {
    if (a) socket_free(a);
    return -ENOMEM;
  }
  a->ops->socketpair(a, b);
  fds[0] = install(a, flags);
  if (fds[0] < 0) {
    socket_free(b);
    return fds[0];
  }
  fds[1] = install(b, flags);
  if (fds[1] < 0) {
    sys_close(fds[0]);
    return fds[1];
  }
  if (copyout(usv, fds, sizeof fds) != 0) {
    sys_close(fds[0]);
    sys_close(fds[1]);
    return -EFAULT;
  }
  return 0;
}

static int addr_in(char *kaddr, const void *uaddr, u32 len) {
  if (len > SOCKADDR_MAX) return -EINVAL;
  if (len && copyin(kaddr, uaddr, len) != 0) return -EFAULT;
  return 0;
}

/* Copies an address out: truncated to *ulen, the whole length written back. */
static int addr_out(const char *kaddr, u32 klen, void *uaddr, u32 *ulen) {
  u32 len;
  if (uaddr == NULL || ulen == NULL) return 0;
  if (copyin(&len, ulen, sizeof len) != 0) return -EFAULT;
  if ((int)len < 0) return -EINVAL;
  if (copyout(uaddr, kaddr, MIN(len, klen)) != 0) return -EFAULT;
  if (copyout(ulen, &klen, sizeof klen) != 0) return -EFAULT;
  return 0;
}

int sys_bind(int fd, const void *uaddr, u32 len) {
  char a[SOCKADDR_MAX];
  int err;
  struct socket *s = sock_of(fd, NULL, &err);
  if (s == NULL) return err;
  if ((err = addr_in(a, uaddr, len)) != 0) return err;
  return s->ops->bind(s, a, len);
}

int sys_connect(int fd, const void *uaddr, u32 len) {
  char a[SOCKADDR_MAX];
  struct file *f;
  int err;
  struct socket *s = sock_of(fd, &f, &err);
  if (s == NULL) return err;
  if ((err = addr_in(a, uaddr, len)) != 0) return err;
  return s->ops->connect(s, a, len, (f->flags & O_NONBLOCK) != 0);
}

int sys_listen(int fd, int backlog) {
  int err;
  struct socket *s = sock_of(fd, NULL, &err);
  if (s == NULL) return err;
  return s->ops->listen(s, backlog);
}

int sys_accept4(int fd, void *uaddr, u32 *ulen, int flags) {
  struct file *f;
  struct socket *s, *ns;
  char a[SOCKADDR_MAX];
  u32 alen;
  int err, nfd;
  if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) return -EINVAL;
  s = sock_of(fd, &f, &err);
  if (s == NULL) return err;
  if (s->type != SOCK_STREAM) return -EOPNOTSUPP;
  err = s->ops->accept(s, &ns, (f->flags & O_NONBLOCK) != 0);
  if (err) return err;
  nfd = install(ns, flags);
  if (nfd < 0) return nfd;
  if (uaddr) {
    ns->ops->name(ns, a, &alen, 1);
    err = addr_out(a, alen, uaddr, ulen);
    if (err) {
      sys_close(nfd);
      return err;
    }
  }
  return nfd;
}

static int get_name(int fd, void *uaddr, u32 *ulen, int peer) {
  char a[SOCKADDR_MAX];
  u32 alen;
  int err;
  struct socket *s = sock_of(fd, NULL, &err);
  if (s == NULL) return err;
  err = s->ops->name(s, a, &alen, peer);
  if (err) return err;
  return addr_out(a, alen, uaddr, ulen);
}

int sys_getsockname(int fd, void *uaddr, u32 *ulen) {
  return get_name(fd, uaddr, ulen, 0);
}

int sys_getpeername(int fd, void *uaddr, u32 *ulen) {
  return get_name(fd, uaddr, ulen, 1);
}

int sys_sendto(int fd, const void *buf, u32 n, int flags, const void *uaddr, u32 alen) {
  char a[SOCKADDR_MAX];
  struct file *f;
  int err;
  struct socket *s = sock_of(fd, &f, &err);
  if (s == NULL) return err;
  if (uaddr && (err = addr_in(a, uaddr, alen)) != 0) return err;
  return s->ops->sendto(s, (const char *)buf, n, flags, uaddr ? a : NULL, alen,
                        (f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT));
}

int sys_recvfrom(int fd, void *buf, u32 n, int flags, void *uaddr, u32 *ulen) {
  char a[SOCKADDR_MAX];
  u32 alen = 0;
  struct file *f;
  int err, r;
  struct socket *s = sock_of(fd, &f, &err);
  if (s == NULL) return err;
  r = s->ops->recvfrom(s, (char *)buf, n, flags, uaddr ? a : NULL, &alen, (f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT));
  if (r >= 0 && uaddr) {
    err = addr_out(a, alen, uaddr, ulen);
    if (err) return err;
  }
  return r;
}

/* sendmsg/recvmsg: the iovec segments in turn (a datagram takes one
 * segment: more is EMSGSIZE rather than a gather). */
static int msg_io(int fd, struct msghdr *umsg, int flags, int sending) {
  struct msghdr m;
  struct iovec iov;
  u32 i;
  int total = 0, r;
  if (copyin(&m, umsg, sizeof m) != 0) return -EFAULT;
  if (m.msg_iovlen > UIO_MAXIOV) return -EMSGSIZE;
  for (i = 0; i < m.msg_iovlen; i++) {
    if (copyin(&iov, &m.msg_iov[i], sizeof iov) != 0) return total ? total : -EFAULT;
    if (sending) r = sys_sendto(fd, iov.iov_base, iov.iov_len, flags, i == 0 ? m.msg_name : NULL, m.msg_namelen);
    else r = sys_recvfrom(fd, iov.iov_base, iov.iov_len, flags, i == 0 ? m.msg_name : NULL, i == 0 ? &umsg->msg_namelen : NULL);
    if (r < 0) return total ? total : r;
    total += r;
    if ((u32)r < iov.iov_len) break;
    if (!sending && i == 0 && m.msg_iovlen > 1) {
      struct file *f = fd_get(fd);
      if (((struct socket *)f->private)->type == SOCK_DGRAM) break;
      flags |= MSG_DONTWAIT;   /* later segments take what is there */
    }
  }
  if (!sending) {
    int zero = 0;
    u32 zlen = 0;
    if (copyout(&umsg->msg_flags, &zero, sizeof zero) != 0 || copyout(&umsg->msg_controllen, &zlen, sizeof zlen) != 0)
      return -EFAULT;
  }
  return total;
}

int sys_sendmsg(int fd, struct msghdr *umsg, int flags) {
  return msg_io(fd, umsg, flags, 1);
}

int sys_recvmsg(int fd, struct msghdr *umsg, int flags) {
  return msg_io(fd, umsg, flags, 0);
}

int sys_shutdown(int fd, int how) {
  int err;
  struct socket *s = sock_of(fd, NULL, &err);
  if (s == NULL) return err;
  return s->ops->shutdown(s, how);
}

int sys_setsockopt(int fd, int level, int name, const void *uval, u32 len) {
  int err, v;
  struct socket *s = sock_of(fd, NULL, &err);
  if (s == NULL) return err;
  if (len < sizeof v) return -EINVAL;
  if (copyin(&v, uval, sizeof v) != 0) return -EFAULT;
  if (s->family == AF_INET && (err = inet_setsockopt(s, level, name, v)) != -ENOPROTOOPT) return err;
  if (level != SOL_SOCKET) return -ENOPROTOOPT;
  switch (name) {
  case SO_REUSEADDR: s->reuseaddr = v != 0; return 0;
  case SO_RCVBUF: s->rcvbuf = v < 1024 ? 2048 : (u32)v * 2; return 0;   /* Linux doubles it */
  case SO_SNDBUF: s->sndbuf = v < 1024 ? 2048 : (u32)v * 2; return 0;
  }
  return -ENOPROTOOPT;
}

int sys_getsockopt(int fd, int level, int name, void *uval, u32 *ulen) {
  int err, v;
  u32 len;
  struct socket *s = sock_of(fd, NULL, &err);
  if (s == NULL) return err;
  if (copyin(&len, ulen, sizeof len) != 0) return -EFAULT;
  if ((int)len < 0) return -EINVAL;
  if (s->family == AF_INET && (err = inet_getsockopt(s, level, name, &v)) != -ENOPROTOOPT) {
    if (err) return err;
    goto out;
  }
  if (level != SOL_SOCKET) return -ENOPROTOOPT;
  switch (name) {
  case SO_REUSEADDR: v = s->reuseaddr; break;
  case SO_TYPE: v = s->type; break;
  case SO_ERROR: v = s->so_error; s->so_error = 0; break;
  case SO_RCVBUF: v = (int)s->rcvbuf; break;
  case SO_SNDBUF: v = (int)s->sndbuf; break;
  default: return -ENOPROTOOPT;
  }
out:
  len = MIN(len, sizeof v);
  if (copyout(uval, &v, len) != 0 || copyout(ulen, &len, sizeof len) != 0) return -EFAULT;
  return 0;
}

/* socketcall(2): the call number and a user array of its arguments. */
int sys_socketcall(int call, const u32 *uargs) {
  static const u8 nargs[19] = { 0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4 };
  u32 a[6];
  if (call < SYS_SOCKET || call > SYS_ACCEPT4) return -EINVAL;
  if (copyin(a, uargs, nargs[call] * 4u) != 0) return -EFAULT;
  switch (call) {
  case SYS_SOCKET: return sys_socket((int)a[0], (int)a[1], (int)a[2]);
  case SYS_BIND: return sys_bind((int)a[0], (const void *)a[1], a[2]);
  case SYS_CONNECT: return sys_connect((int)a[0], (const void *)a[1], a[2]);
  case SYS_LISTEN: return sys_listen((int)a[0], (int)a[1]);
  case SYS_ACCEPT: return sys_accept4((int)a[0], (void *)a[1], (u32 *)a[2], 0);
  case SYS_GETSOCKNAME: return sys_getsockname((int)a[0], (void *)a[1], (u32 *)a[2]);
  case SYS_GETPEERNAME: return sys_getpeername((int)a[0], (void *)a[1], (u32 *)a[2]);
  case SYS_SOCKETPAIR: return sys_socketpair((int)a[0], (int)a[1], (int)a[2], (int *)a[3]);
  case SYS_SEND: return sys_sendto((int)a[0], (const void *)a[1], a[2], (int)a[3], NULL, 0);
  case SYS_RECV: return sys_recvfrom((int)a[0], (void *)a[1], a[2], (int)a[3], NULL, NULL);
  case SYS_SENDTO: return sys_sendto((int)a[0], (const void *)a[1], a[2], (int)a[3], (const void *)a[4], a[5]);
  case SYS_RECVFROM: return sys_recvfrom((int)a[0], (void *)a[1], a[2], (int)a[3], (void *)a[4], (u32 *)a[5]);
  case SYS_SHUTDOWN: return sys_shutdown((int)a[0], (int)a[1]);
  case SYS_SETSOCKOPT: return sys_setsockopt((int)a[0], (int)a[1], (int)a[2], (const void *)a[3], a[4]);
  case SYS_GETSOCKOPT: return sys_getsockopt((int)a[0], (int)a[1], (int)a[2], (void *)a[3], (u32 *)a[4]);
  case SYS_SENDMSG: return sys_sendmsg((int)a[0], (struct msghdr *)a[1], (int)a[2]);
  case SYS_RECVMSG: return sys_recvmsg((int)a[0], (struct msghdr *)a[1], (int)a[2]);
  case SYS_ACCEPT4: return sys_accept4((int)a[0], (void *)a[1], (u32 *)a[2], (int)a[3]);
  }
  return -EINVAL;
}
