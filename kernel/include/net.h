/*
 * net.h — the socket layer's contract between the protocol-independent
 * part (net/socket.c: descriptors, system calls, socketcall) and each
 * address family (net/unix.c: AF_UNIX; AF_INET later).
 *
 * A socket is the private of a file whose ops are socket_file_ops; the
 * family's proto_ops do the work. Every call takes kernel copies of
 * addresses (struct sockaddr_un ...) and user data buffers.
 */
#ifndef HAKO_NET_H
#define HAKO_NET_H

#include "types.h"
#include "hako/socket.h"

struct file;
struct poll_table;
struct socket;

struct proto_ops {
  int (*release)(struct socket *s);
  int (*bind)(struct socket *s, const void *addr, u32 len);
  int (*connect)(struct socket *s, const void *addr, u32 len, int nonblock);
  int (*listen)(struct socket *s, int backlog);
  int (*accept)(struct socket *s, struct socket **out, int nonblock);
  int (*name)(struct socket *s, void *addr, u32 *len, int peer);
  int (*sendto)(struct socket *s, const char *ubuf, u32 n, int flags, const void *addr, u32 alen, int nonblock);
  int (*recvfrom)(struct socket *s, char *ubuf, u32 n, int flags, void *addr, u32 *alen, int nonblock);
  int (*shutdown)(struct socket *s, int how);
  int (*poll)(struct socket *s, struct poll_table *pt);
  int (*socketpair)(struct socket *a, struct socket *b);
};

struct socket {
  int family, type;
  const struct proto_ops *ops;
  void *sk;                 /* the family's state */
  int so_error;
  u32 rcvbuf, sndbuf;
  int reuseaddr;
};

/* socket.c: EOPNOTSUPP for an operation a kind of socket does not have
 * (a datagram socket's listen, accept, socketpair). */
int sock_no_listen(struct socket *s, int backlog);
int sock_no_accept(struct socket *s, struct socket **out, int nonblock);
int sock_no_socketpair(struct socket *a, struct socket *b);

struct socket *socket_alloc(int family, int type);   /* the family's create included */
void socket_free(struct socket *s);
/* unix.c */
int unix_create(struct socket *s);
int unix_proc_net_line(int index, char *buf, u32 size);   /* /proc/net/unix, -1 past the end */

#endif
