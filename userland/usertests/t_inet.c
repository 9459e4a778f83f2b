/* t_inet.c: the kernel's TCP/IP stack over the loopback (issue 12) —
 * interfaces by ioctl, UDP boundaries and errors, a 1 MiB TCP echo
 * checked byte for byte between processes, refused connections and
 * RST on a closed port, EADDRINUSE and SO_REUSEADDR, half-close, resets
 * (ECONNRESET, then EPIPE with SIGPIPE), non-blocking connect, readiness
 * under poll, select and epoll, /proc/net/tcp, raw ICMP echo, and the
 * receive path's reassembly of out-of-order segments (many small sends
 * raced by a zero window). test/kernel/inet.test.ts runs them. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <net/if.h>
#include "ulib.h"
#include "ut.h"

static unsigned short port_of(int s) {
  struct sockaddr_in a;
  socklen_t len = sizeof a;
  if (getsockname(s, (struct sockaddr *)&a, &len) != 0)
    return 0;
  return ntohs(a.sin_port);
}

/* a TCP listener on 127.0.0.1 and an ephemeral port */
static int tcp_listener(int backlog) {
  struct sockaddr_in a = ut_loop_addr(0);
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, backlog) != 0)
    return -1;
  return s;
}

static int tcp_connect(unsigned short port) {
  struct sockaddr_in a = ut_loop_addr(port);
  return ut_connect(socket(AF_INET, SOCK_STREAM, 0), &a, sizeof a);
}

static unsigned char pattern(unsigned int i) {
  return (unsigned char)(i * 13 + (i >> 11));
}

static void inet_interfaces(void) {
  struct ifreq r;
  struct ifconf c;
  struct ifreq reqs[8];
  struct sockaddr_in *in = (struct sockaddr_in *)&r.ifr_addr;
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  int pid;
  CHECK(s >= 0);
  memset(&r, 0, sizeof r);
  strcpy(r.ifr_name, "lo");
  CHECK(ioctl(s, SIOCGIFFLAGS, &r) == 0);
  CHECK((r.ifr_flags & (IFF_UP | IFF_LOOPBACK | IFF_RUNNING)) == (IFF_UP | IFF_LOOPBACK | IFF_RUNNING));
  CHECK(ioctl(s, SIOCGIFADDR, &r) == 0 && in->sin_family == AF_INET && in->sin_addr.s_addr == htonl(INADDR_LOOPBACK));
  CHECK(ioctl(s, SIOCGIFNETMASK, &r) == 0 && in->sin_addr.s_addr == htonl(0xff000000u));
  CHECK(ioctl(s, SIOCGIFMTU, &r) == 0 && r.ifr_mtu == 65536);
  CHECK(ioctl(s, SIOCGIFINDEX, &r) == 0 && r.ifr_ifindex == 1);
  c.ifc_len = sizeof reqs;
  c.ifc_req = reqs;
  CHECK(ioctl(s, SIOCGIFCONF, &c) == 0 && c.ifc_len >= (int)sizeof(struct ifreq));
  CHECK(strcmp(reqs[0].ifr_name, "lo") == 0);
  strcpy(r.ifr_name, "nosuch0");
  CHECK_ERR(ioctl(s, SIOCGIFFLAGS, &r), ENODEV);
  /* only root configures */
  pid = fork();
  if (pid == 0) {
    setuid(1000);
    strcpy(r.ifr_name, "lo");
    *in = ut_loop_addr(0);
    _exit(ioctl(s, SIOCSIFADDR, &r) == -1 && errno == EPERM ? 0 : 1);
  }
  CHECK(ut_wait_status(pid) == 0);
  /* the interface ioctls work on any socket, as Linux */
  {
    int u = socket(AF_UNIX, SOCK_STREAM, 0);
    strcpy(r.ifr_name, "lo");
    CHECK(ioctl(u, SIOCGIFFLAGS, &r) == 0 && (r.ifr_flags & IFF_LOOPBACK));
  }
}

static void inet_udp(void) {
  struct sockaddr_in a = ut_loop_addr(0), from;
  socklen_t flen;
  char buf[2000];
  int i, r = socket(AF_INET, SOCK_DGRAM, 0), w = socket(AF_INET, SOCK_DGRAM, 0), x;
  unsigned short port;
  struct pollfd p;
  CHECK(r >= 0 && w >= 0);
  CHECK(bind(r, (struct sockaddr *)&a, sizeof a) == 0);
  port = port_of(r);
  CHECK(port >= 32768 && port <= 60999);
  a = ut_loop_addr(port);
  /* boundaries: three messages, three reads, each whole */
  for (i = 0; i < (int)sizeof buf; i++)
    buf[i] = (char)pattern((unsigned)i);
  CHECK(sendto(w, buf, 1, 0, (struct sockaddr *)&a, sizeof a) == 1);
  CHECK(sendto(w, buf, 1000, 0, (struct sockaddr *)&a, sizeof a) == 1000);
  CHECK(sendto(w, "", 0, 0, (struct sockaddr *)&a, sizeof a) == 0);
  p.fd = r;
  p.events = POLLIN;
  CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLIN));
  flen = sizeof from;
  CHECK(recvfrom(r, buf + 1000, 1000, 0, (struct sockaddr *)&from, &flen) == 1);
  CHECK(flen == sizeof from && from.sin_family == AF_INET && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
  CHECK(ntohs(from.sin_port) == port_of(w));   /* the sender got an ephemeral port */
  CHECK(recv(r, buf + 1000, 10, MSG_PEEK) == 10);
  CHECK(recv(r, buf + 1000, 10, 0) == 10);   /* the rest of the 1000 is gone */
  CHECK(memcmp(buf, buf + 1000, 10) == 0);
  CHECK(recv(r, buf + 1000, sizeof buf - 1000, 0) == 0);   /* the empty one */
  CHECK(recv(r, buf, 1, MSG_DONTWAIT) == -1 && errno == EAGAIN);
  /* EADDRINUSE, and SO_REUSEADDR on both sides */
  x = socket(AF_INET, SOCK_DGRAM, 0);
  CHECK_ERR(bind(x, (struct sockaddr *)&a, sizeof a), EADDRINUSE);
  CHECK_ERR(bind(x, (struct sockaddr *)&a, 8), EINVAL);
  close(x);
  /* a connected socket learns of a closed port: ECONNREFUSED */
  x = socket(AF_INET, SOCK_DGRAM, 0);
  a = ut_loop_addr(port_of(w));
  close(w);   /* nobody on that port now */
  CHECK(connect(x, (struct sockaddr *)&a, sizeof a) == 0);
  CHECK(send(x, "ping", 4, 0) == 4);
  p.fd = x;
  p.events = POLLIN;
  CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLERR));
  CHECK_ERR(recv(x, buf, sizeof buf, 0), ECONNREFUSED);
  CHECK(recv(x, buf, sizeof buf, MSG_DONTWAIT) == -1 && errno == EAGAIN);   /* reported once */
  flen = sizeof from;
  CHECK(getpeername(x, (struct sockaddr *)&from, &flen) == 0 && from.sin_port == a.sin_port);
  CHECK_ERR(getpeername(r, (struct sockaddr *)&from, &flen), ENOTCONN);
  CHECK_ERR(sendto(r, "x", 1, 0, 0, 0), EDESTADDRREQ);
}

static void inet_udp_reuseaddr(void) {
  struct sockaddr_in a = ut_loop_addr(0);
  int one = 1, s1 = socket(AF_INET, SOCK_DGRAM, 0), s2 = socket(AF_INET, SOCK_DGRAM, 0), v;
  socklen_t len = sizeof v;
  CHECK(setsockopt(s1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
  CHECK(setsockopt(s2, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
  CHECK(getsockopt(s2, SOL_SOCKET, SO_REUSEADDR, &v, &len) == 0 && v == 1);
  CHECK(bind(s1, (struct sockaddr *)&a, sizeof a) == 0);
  a = ut_loop_addr(port_of(s1));
  CHECK(bind(s2, (struct sockaddr *)&a, sizeof a) == 0);
  CHECK_ERR(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT);
  CHECK_ERR(socket(AF_INET, SOCK_SEQPACKET, 0), ESOCKTNOSUPPORT);
}

#define MIB (1024 * 1024)

static void inet_tcp_echo_1mib(void) {
  static unsigned char buf[8192];
  unsigned int got = 0, bad = 0;
  int l = tcp_listener(4), c, server, writer, n;
  CHECK(l >= 0);
  server = ut_echo_server(l);
  c = tcp_connect(port_of(l));
  close(l);
  CHECK(c >= 0);
  writer = fork();
  if (writer == 0) {   /* a second process writes while this one reads */
    unsigned int sent = 0;
    while (sent < MIB) {
      unsigned int k, m = MIB - sent < 3000 ? MIB - sent : 3000;
      int w;
      for (k = 0; k < m; k++)
        buf[k] = pattern(sent + k);
      w = write(c, buf, m);
      if (w <= 0)
        _exit(1);
      sent += (unsigned int)w;
    }
    _exit(shutdown(c, SHUT_WR) == 0 ? 0 : 2);
  }
  while ((n = read(c, buf, sizeof buf)) > 0) {
    int k;
    for (k = 0; k < n; k++)
      if (buf[k] != pattern(got + (unsigned int)k))
        bad++;
    got += (unsigned int)n;
  }
  CHECK(n == 0);
  CHECK(got == MIB && bad == 0);
  CHECK(ut_wait_status(writer) == 0);
  CHECK(ut_wait_status(server) == 0);
}

static void inet_refused_and_rst(void) {
  int l = tcp_listener(1), c;
  unsigned short port = port_of(l);
  struct sockaddr_in a = ut_loop_addr(port);
  CHECK(l >= 0);
  close(l);   /* nothing listens there now: the SYN gets RST */
  c = socket(AF_INET, SOCK_STREAM, 0);
  CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof a), ECONNREFUSED);
  CHECK_ERR(read(c, &a, 1), ENOTCONN);
  CHECK_ERR(write(c, "x", 1), ENOTCONN);
}

static void inet_addr_in_use(void) {
  struct sockaddr_in a;
  int one = 1, l = tcp_listener(2), s, c, x;
  unsigned short port = port_of(l);
  CHECK(l >= 0);
  a = ut_loop_addr(port);
  x = socket(AF_INET, SOCK_STREAM, 0);
  CHECK_ERR(bind(x, (struct sockaddr *)&a, sizeof a), EADDRINUSE);
  CHECK(setsockopt(x, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
  CHECK_ERR(bind(x, (struct sockaddr *)&a, sizeof a), EADDRINUSE);   /* a listener is never shared */
  a.sin_addr.s_addr = htonl(INADDR_ANY);
  CHECK_ERR(bind(x, (struct sockaddr *)&a, sizeof a), EADDRINUSE);
  close(x);
  /* the server closes first: its side of the connection waits in TIME_WAIT */
  c = tcp_connect(port);
  s = accept(l, 0, 0);
  CHECK(c >= 0 && s >= 0);
  close(s);
  close(l);
  CHECK(read(c, &a, 1) == 0);
  close(c);
  a = ut_loop_addr(port);
  x = socket(AF_INET, SOCK_STREAM, 0);
  CHECK_ERR(bind(x, (struct sockaddr *)&a, sizeof a), EADDRINUSE);
  CHECK(setsockopt(x, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
  CHECK(bind(x, (struct sockaddr *)&a, sizeof a) == 0);
  CHECK(listen(x, 1) == 0);
  a.sin_addr.s_addr = htonl(0x7f000002u);   /* 127/8 is ours, and nobody has the port on .2 */
  CHECK(bind(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof a) == 0);
  a.sin_addr.s_addr = htonl(0x0a0b0c0du);
  CHECK_ERR(bind(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof a), EADDRNOTAVAIL);
}

static void inet_half_close(void) {
  char buf[64];
  int l = tcp_listener(1), c, s;
  CHECK(l >= 0);
  c = tcp_connect(port_of(l));
  s = accept(l, 0, 0);
  CHECK(c >= 0 && s >= 0);
  CHECK(write(c, "question", 8) == 8);
  CHECK(shutdown(c, SHUT_WR) == 0);
  CHECK(read(s, buf, sizeof buf) == 8 && memcmp(buf, "question", 8) == 0);
  CHECK(read(s, buf, sizeof buf) == 0);   /* end of file: the client is done writing */
  CHECK(write(s, "answer", 6) == 6);      /* but still reads */
  CHECK(read(c, buf, sizeof buf) == 6 && memcmp(buf, "answer", 6) == 0);
  CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
  CHECK_ERR(write(c, "more", 4), EPIPE);
  close(s);
  CHECK(read(c, buf, sizeof buf) == 0);
}

static volatile int pipes;
static void on_pipe(int sig) {
  (void)sig;
  pipes++;
}

static void inet_reset_and_epipe(void) {
  char buf[64];
  int l = tcp_listener(1), c, s;
  struct pollfd p;
  CHECK(l >= 0);
  c = tcp_connect(port_of(l));
  s = accept(l, 0, 0);
  CHECK(c >= 0 && s >= 0);
  CHECK(write(c, "unread", 6) == 6);
  p.fd = s;
  p.events = POLLIN;
  CHECK(poll(&p, 1, 1000) == 1);
  close(s);   /* with unread data: RST, not FIN */
  p.fd = c;
  p.events = POLLIN;
  CHECK(poll(&p, 1, 1000) == 1 && (p.revents & (POLLERR | POLLHUP)));
  CHECK_ERR(read(c, buf, sizeof buf), ECONNRESET);
  CHECK(signal(SIGPIPE, on_pipe) != SIG_ERR);
  CHECK_ERR(write(c, "x", 1), EPIPE);
  CHECK(pipes == 1);
  CHECK_ERR(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
  CHECK(pipes == 1);
  CHECK(read(c, buf, sizeof buf) == 0);
}

static void inet_nonblocking_connect(void) {
  struct sockaddr_in a;
  struct pollfd p;
  int l = tcp_listener(1), c, err;
  socklen_t len = sizeof err;
  char b;
  CHECK(l >= 0);
  a = ut_loop_addr(port_of(l));
  c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof a), EINPROGRESS);
  p.fd = c;
  p.events = POLLOUT;
  CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLOUT));
  CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0);
  CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof a), EISCONN);
  CHECK_ERR(read(c, &b, 1), EAGAIN);
  CHECK(accept4(l, 0, 0, SOCK_NONBLOCK) >= 0);
  CHECK(fcntl(l, F_SETFL, O_NONBLOCK) == 0);
  CHECK_ERR(accept(l, 0, 0), EAGAIN);
  close(l);
  /* a full backlog drops the SYN: the connect stays in progress (EALREADY)
   * until accept makes room and the SYN's retransmission gets through */
  l = tcp_listener(0);
  CHECK(l >= 0);
  a = ut_loop_addr(port_of(l));
  CHECK(tcp_connect(port_of(l)) >= 0);   /* fills the backlog of 0 + 1 */
  c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof a), EINPROGRESS);
  CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof a), EALREADY);
  p.fd = c;
  p.events = POLLOUT;
  CHECK(poll(&p, 1, 200) == 0);   /* still waiting */
  CHECK(accept(l, 0, 0) >= 0);
  CHECK(poll(&p, 1, 3000) == 1 && (p.revents & POLLOUT));   /* the SYN again, after its 1 s RTO */
  CHECK(accept(l, 0, 0) >= 0);
  close(l);
  /* to a closed port: the error comes through poll and SO_ERROR */
  c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof a), EINPROGRESS);
  p.fd = c;
  p.events = POLLOUT;
  CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLERR));
  len = sizeof err;
  CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == ECONNREFUSED);
  len = sizeof err;
  CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0);
}

static void inet_readiness(void) {
  struct pollfd p[2];
  struct epoll_event ev, out[4];
  fd_set rd, wr;
  struct timeval tv;
  char buf[16];
  int l = tcp_listener(2), c, s, ep, u, one = 1, v;
  socklen_t len = sizeof v;
  struct sockaddr_in a;
  CHECK(l >= 0);
  p[0].fd = l;
  p[0].events = POLLIN;
  CHECK(poll(p, 1, 0) == 0);   /* nobody waiting to be accepted */
  c = tcp_connect(port_of(l));
  CHECK(c >= 0);
  CHECK(poll(p, 1, 1000) == 1 && p[0].revents == POLLIN);
  s = accept(l, 0, 0);
  CHECK(s >= 0);
  /* select: writable, not readable, then readable once data is there */
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(s, &rd);
  FD_SET(s, &wr);
  tv.tv_sec = 0;
  tv.tv_usec = 0;
  CHECK(select(s + 1, &rd, &wr, 0, &tv) == 1 && !FD_ISSET(s, &rd) && FD_ISSET(s, &wr));
  CHECK(write(c, "hi", 2) == 2);
  FD_ZERO(&rd);
  FD_SET(s, &rd);
  tv.tv_sec = 1;
  CHECK(select(s + 1, &rd, 0, 0, &tv) == 1 && FD_ISSET(s, &rd));
  /* epoll: level-triggered on TCP, edge-triggered on UDP */
  ep = epoll_create1(0);
  CHECK(ep >= 0);
  ev.events = EPOLLIN;
  ev.data.u32 = 7;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev) == 0);
  CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u32 == 7);
  CHECK(epoll_wait(ep, out, 4, 0) == 1);   /* still there */
  CHECK(read(s, buf, sizeof buf) == 2);
  CHECK(epoll_wait(ep, out, 4, 0) == 0);
  u = socket(AF_INET, SOCK_DGRAM, 0);
  a = ut_loop_addr(0);
  CHECK(bind(u, (struct sockaddr *)&a, sizeof a) == 0);
  a = ut_loop_addr(port_of(u));
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u32 = 9;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, u, &ev) == 0);
  CHECK(sendto(u, "d", 1, 0, (struct sockaddr *)&a, sizeof a) == 1);
  CHECK(epoll_wait(ep, out, 4, 1000) == 1 && out[0].data.u32 == 9 && (out[0].events & EPOLLIN));
  CHECK(epoll_wait(ep, out, 4, 0) == 0);   /* one edge */
  /* the peer closes: POLLIN and POLLRDHUP, a read of 0 */
  close(c);
  p[0].fd = s;
  p[0].events = POLLIN | POLLRDHUP;
  CHECK(poll(p, 1, 1000) == 1 && (p[0].revents & POLLIN) && (p[0].revents & POLLRDHUP));
  CHECK(read(s, buf, sizeof buf) == 0);
  /* options */
  CHECK(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0);
  CHECK(getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v == 1);
  v = 4096;
  CHECK(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof v) == 0);
  len = sizeof v;
  CHECK(getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len) == 0 && v == 8192);   /* doubled, as Linux */
  CHECK_ERR(setsockopt(u, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), ENOPROTOOPT);
}

/* Zero window and reassembly: a reader that stops makes the writer's
 * segments queue against a full window; when it reads again, the probes
 * and window updates must bring every byte across, in order. */
static void inet_zero_window(void) {
  static unsigned char buf[70000];
  int l = tcp_listener(1), c, s, v = 2048, i, n;
  unsigned int got = 0, bad = 0;
  CHECK(l >= 0);
  CHECK(setsockopt(l, SOL_SOCKET, SO_RCVBUF, &v, sizeof v) == 0);   /* the accepted side's ring: 4 KiB */
  c = tcp_connect(port_of(l));
  s = accept(l, 0, 0);
  CHECK(c >= 0 && s >= 0);
  for (i = 0; i < (int)sizeof buf; i++)
    buf[i] = pattern((unsigned)i);
  fcntl(c, F_SETFL, O_NONBLOCK);
  n = write(c, buf, sizeof buf);   /* fills the peer's 4 KiB window and our send ring */
  CHECK(n > 4096 && n < (int)sizeof buf);
  {
    struct timespec ts;   /* the window stays shut: persist probes meanwhile */
    ts.tv_sec = 0;
    ts.tv_nsec = 300000000;
    nanosleep(&ts, 0);
  }
  fcntl(c, F_SETFL, 0);
  if (fork() == 0) {
    int w = write(c, buf + n, sizeof buf - n);
    _exit(w == (int)sizeof buf - n ? 0 : 1);
  }
  while (got < sizeof buf) {
    unsigned char in[1000];
    int k, m = read(s, in, sizeof in);
    CHECK(m > 0);
    for (k = 0; k < m; k++)
      if (in[k] != pattern(got + (unsigned)k))
        bad++;
    got += (unsigned)m;
  }
  CHECK(bad == 0);
  CHECK(wait(0) > 0);
}

static void inet_proc_net_tcp(void) {
  char text[4096], want[64];
  int l = tcp_listener(1), c, s;
  unsigned short port = port_of(l);
  CHECK(l >= 0);
  c = tcp_connect(port);
  s = accept(l, 0, 0);
  CHECK(c >= 0 && s >= 0);
  CHECK(ut_read_file("/proc/net/tcp", text, sizeof text) > 0);
  CHECK(strncmp(text, "  sl  local_address rem_address   st tx_queue rx_queue", 54) == 0);
  sprintf(want, "0100007F:%04X 00000000:0000 0A ", port);
  CHECK(strstr(text, want) != 0);
  sprintf(want, "0100007F:%04X 0100007F:%04X 01 ", port, port_of(c));
  CHECK(strstr(text, want) != 0);
  sprintf(want, "0100007F:%04X 0100007F:%04X 01 ", port_of(c), port);
  CHECK(strstr(text, want) != 0);
  CHECK(ut_read_file("/proc/net/dev", text, sizeof text) > 0 && strstr(text, "    lo:") != 0);
  CHECK(ut_read_file("/proc/net/udp", text, sizeof text) > 0 && strncmp(text, "   sl  local_address", 20) == 0);
}

static void inet_raw_icmp_echo(void) {
  unsigned char pkt[64], in[200];
  struct sockaddr_in a = ut_loop_addr(0), from;
  socklen_t flen = sizeof from;
  int s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), n, pid;
  unsigned short sum;
  CHECK(s >= 0);
  memset(pkt, 0, sizeof pkt);
  pkt[0] = 8;   /* echo request */
  pkt[4] = 0x12;
  pkt[5] = 0x34;   /* id */
  pkt[7] = 1;      /* sequence */
  memcpy(pkt + 8, "hako ping", 9);
  sum = u_inet_checksum(pkt, sizeof pkt);
  memcpy(pkt + 2, &sum, 2);
  CHECK(sendto(s, pkt, sizeof pkt, 0, (struct sockaddr *)&a, sizeof a) == (int)sizeof pkt);
  /* our own request comes by first (raw sockets see every ICMP datagram), then the reply */
  for (;;) {
    n = recvfrom(s, in, sizeof in, 0, (struct sockaddr *)&from, &flen);
    CHECK(n == 20 + (int)sizeof pkt);
    if (in[20] == 0)
      break;
    CHECK(in[20] == 8);
  }
  CHECK(in[0] == 0x45 && in[8] == 64 && in[9] == IPPROTO_ICMP);   /* the IP header: TTL 64 */
  CHECK(in[24] == 0x12 && in[25] == 0x34 && in[27] == 1 && memcmp(in + 28, "hako ping", 9) == 0);
  CHECK(u_inet_checksum(in + 20, sizeof pkt) == 0);
  CHECK(from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
  pid = fork();
  if (pid == 0) {
    setuid(1000);
    _exit(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) == -1 && errno == EPERM ? 0 : 1);
  }
  CHECK(ut_wait_status(pid) == 0);
}

struct ut_case ut_inet_cases[] = {
  { "inet_interfaces", inet_interfaces },
  { "inet_udp", inet_udp },
  { "inet_udp_reuseaddr", inet_udp_reuseaddr },
  { "inet_tcp_echo_1mib", inet_tcp_echo_1mib },
  { "inet_refused_and_rst", inet_refused_and_rst },
  { "inet_addr_in_use", inet_addr_in_use },
  { "inet_half_close", inet_half_close },
  { "inet_reset_and_epipe", inet_reset_and_epipe },
  { "inet_nonblocking_connect", inet_nonblocking_connect },
  { "inet_readiness", inet_readiness },
  { "inet_zero_window", inet_zero_window },
  { "inet_proc_net_tcp", inet_proc_net_tcp },
  { "inet_raw_icmp_echo", inet_raw_icmp_echo },
  { 0, 0 },
};
