/* t_netns.c: network namespaces (CLONE_NEWNET, issue 13) — a new
 * namespace has only its own lo, down and without an address (connect to
 * 127.0.0.1 is ENETUNREACH, bind EADDRNOTAVAIL, SIOCGIFCONF lists nothing,
 * /proc/net/dev only lo); `ifconfig lo up` (SIOCSIFFLAGS) gives it
 * 127.0.0.1, after which the parent's server is still not there
 * (ECONNREFUSED) but the same port can be bound and used inside, and
 * /proc/net/tcp shows each side only its own sockets; setns with
 * /proc/PID/ns/net reaches another namespace's server; clone with
 * CLONE_NEWNET; /proc/PID/ns/net equal for sharers, different otherwise;
 * AF_UNIX names reach across namespaces (they are paths) while
 * /proc/net/unix lists each namespace's sockets only; EPERM for uid 1000. test/kernel/netns.test.ts runs them (and counts
 * the namespaces made and freed). */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <net/if.h>
#include "ulib.h"
#include "ut.h"

#define PORT_A 7301
#define PORT_B 7302

static int tcp_listen_on(unsigned short port) {
  struct sockaddr_in a = ut_loop_addr(port);
  int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);
  CHECK(s >= 0);
  CHECK(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
  CHECK(bind(s, (struct sockaddr *)&a, sizeof a) == 0);
  CHECK(listen(s, 4) == 0);
  return s;
}

/* connect to 127.0.0.1:port: the socket, or -1 with errno */
static int tcp_connect(unsigned short port) {
  struct sockaddr_in a = ut_loop_addr(port);
  return ut_connect(socket(AF_INET, SOCK_STREAM, 0), &a, sizeof a);
}

static void link_of(const char *path, char *out, int size) {
  int n = readlink(path, out, size - 1);
  CHECK(n > 0);
  out[n] = 0;
}

/* interfaces SIOCGIFCONF lists; the first name into first */
static int ifconf_count(char *first) {
  struct ifreq reqs[8];
  struct ifconf c;
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  CHECK(s >= 0);
  c.ifc_len = sizeof reqs;
  c.ifc_req = reqs;
  CHECK(ioctl(s, SIOCGIFCONF, &c) == 0);
  close(s);
  if (first) strcpy(first, c.ifc_len > 0 ? reqs[0].ifr_name : "");
  return c.ifc_len / (int)sizeof(struct ifreq);
}

/* lo's flags (SIOCGIFFLAGS), after setting those of add (SIOCSIFFLAGS) when any */
static int lo_flags_adding(int add) {
  struct ifreq r;
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  CHECK(s >= 0);
  memset(&r, 0, sizeof r);
  strcpy(r.ifr_name, "lo");
  CHECK(ioctl(s, SIOCGIFFLAGS, &r) == 0);
  if (add) {
    r.ifr_flags |= add;
    CHECK(ioctl(s, SIOCSIFFLAGS, &r) == 0);
  }
  close(s);
  return r.ifr_flags;
}

static int lo_flags(void) {
  return lo_flags_adding(0);
}

static void lo_up(void) {
  lo_flags_adding(IFF_UP);
}

/* A /proc file read into buf (NUL-ended), cut into lines: the first line;
 * the next ones from strtok(0, "\n"). */
static char *proc_lines(const char *path, char *buf, int size) {
  int n = ut_read_file(path, buf, size - 1);
  CHECK(n > 0);
  buf[n] = 0;
  return strtok(buf, "\n");
}

/* The interface names of /proc/net/dev, space separated. */
static void proc_net_dev(char *names, int size) {
  char buf[1024], *l;
  int line = 0;
  names[0] = 0;
  for (l = proc_lines("/proc/net/dev", buf, sizeof buf); l; l = strtok(0, "\n")) {
    char *colon = strchr(l, ':');
    if (line++ < 2 || colon == 0) continue;
    *colon = 0;
    while (*l == ' ') l++;
    if (names[0]) strncat(names, " ", size - strlen(names) - 1);
    strncat(names, l, size - strlen(names) - 1);
  }
}

/* Lines of /proc/net/tcp whose local port is port (hex as Linux prints it). */
static int tcp_lines_with_port(unsigned short port) {
  char buf[2048], want[8], *l;
  int count = 0;
  sprintf(want, ":%04X ", port);
  for (l = proc_lines("/proc/net/tcp", buf, sizeof buf); l; l = strtok(0, "\n")) {
    char *local = strchr(l, ':');
    if (local && strncmp(local + 10, want, 6) == 0) count++;
  }
  return count;
}

/* Tcp ActiveOpens from /proc/net/snmp (the first figure of the Tcp values line). */
static int tcp_active_opens(void) {
  char buf[1024], *l;
  int seen = 0;
  for (l = proc_lines("/proc/net/snmp", buf, sizeof buf); l; l = strtok(0, "\n")) {
    if (strncmp(l, "Tcp: ", 5) == 0 && seen++ == 1) return atoi(l + 5);
  }
  return -1;
}

/* A child in a new namespace: nothing of the parent's is there, lo is down
 * until brought up, then the parent's port is free to bind inside. */
static void netns_isolated(void) {
  int srv = tcp_listen_on(PORT_A), pid, st, opens = tcp_active_opens();
  char first[IFNAMSIZ], names[64];
  CHECK(opens >= 0);
  CHECK(tcp_lines_with_port(PORT_A) == 1);
  pid = fork();
  if (pid == 0) {
    struct sockaddr_in a = ut_loop_addr(PORT_A);
    int s, c, acc;
    char b = 0;
    CHECK(unshare(CLONE_NEWNET) == 0);
    /* only lo, down, without an address */
    CHECK(ifconf_count(first) == 0);
    proc_net_dev(names, sizeof names);
    CHECK(strcmp(names, "lo") == 0);
    CHECK((lo_flags() & (IFF_UP | IFF_LOOPBACK)) == IFF_LOOPBACK);
    CHECK(tcp_lines_with_port(PORT_A) == 0);   /* the parent's listener is not listed */
    CHECK(tcp_active_opens() == 0);   /* counters of its own, from 0 */
    CHECK_ERR(tcp_connect(PORT_A), ENETUNREACH);
    s = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_ERR(bind(s, (struct sockaddr *)&a, sizeof a), EADDRNOTAVAIL);
    close(s);
    /* up: 127.0.0.1, and still nobody listens on the parent's port here */
    lo_up();
    CHECK((lo_flags() & (IFF_UP | IFF_LOOPBACK)) == (IFF_UP | IFF_LOOPBACK));
    CHECK(ifconf_count(first) == 1 && strcmp(first, "lo") == 0);
    CHECK_ERR(tcp_connect(PORT_A), ECONNREFUSED);
    /* the same port, bound and used inside */
    s = tcp_listen_on(PORT_A);
    c = tcp_connect(PORT_A);
    CHECK(c >= 0);
    acc = accept(s, 0, 0);
    CHECK(acc >= 0);
    CHECK(write(c, "n", 1) == 1 && read(acc, &b, 1) == 1 && b == 'n');
    CHECK(tcp_lines_with_port(PORT_A) == 2);   /* its listener and the accepted end (the client's port is ephemeral) */
    CHECK(tcp_active_opens() == 2);   /* the refused connect and this one */
    {
      /* UDP ports are per namespace too */
      struct sockaddr_in u = ut_loop_addr(PORT_B);
      int d = socket(AF_INET, SOCK_DGRAM, 0);
      CHECK(bind(d, (struct sockaddr *)&u, sizeof u) == 0);
      close(d);
    }
    _exit(0);
  }
  {
    /* the parent's UDP port, bound while the child binds its own */
    struct sockaddr_in u = ut_loop_addr(PORT_B);
    int d = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(bind(d, (struct sockaddr *)&u, sizeof u) == 0);
    st = ut_wait_status(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    close(d);
  }
  /* nothing reached the parent's listener; its namespace still has lo only as before */
  fcntl(srv, F_SETFL, O_NONBLOCK);
  CHECK_ERR(accept(srv, 0, 0), EAGAIN);
  CHECK(tcp_lines_with_port(PORT_A) == 1);
  CHECK(tcp_active_opens() == opens);   /* the child's connects were counted in its namespace */
  CHECK((lo_flags() & IFF_UP) != 0);
  close(srv);
}

static int in_new_net(void *arg) {
  char *link = (char *)arg, mine[64];
  int n = readlink("/proc/self/ns/net", mine, sizeof mine - 1);
  if (n <= 0) return 2;
  mine[n] = 0;
  if (strcmp(mine, link) == 0) return 3;   /* clone gave it a new one */
  if ((lo_flags() & IFF_UP) != 0) return 4;
  return 0;
}

/* /proc/PID/ns/net: Linux's text, equal for processes that share it, a new
 * one after unshare and for a child cloned with CLONE_NEWNET. */
static void netns_links(void) {
  char link0[64], link1[64], kid[64];
  static char stack[8192];
  int pid, fds[2], st;
  link_of("/proc/self/ns/net", link0, sizeof link0);
  CHECK(strncmp(link0, "net:[", 5) == 0);
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    link_of("/proc/self/ns/net", kid, sizeof kid);
    CHECK(strcmp(kid, link0) == 0);   /* a fork shares it */
    CHECK(unshare(CLONE_NEWNET) == 0);
    link_of("/proc/self/ns/net", link1, sizeof link1);
    CHECK(strncmp(link1, "net:[", 5) == 0 && strcmp(link1, link0) != 0);
    if (fork() == 0) {
      link_of("/proc/self/ns/net", kid, sizeof kid);
      _exit(strcmp(kid, link1) == 0 ? 0 : 1);   /* its child shares the new one */
    }
    CHECK(wait(&st) > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
    _exit(0);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  pid = clone(in_new_net, stack + sizeof stack, CLONE_NEWNET | SIGCHLD, link0, 0, 0, 0);
  CHECK(pid > 0);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  close(fds[0]);
  close(fds[1]);
}

/* setns into another process's network namespace reaches its server. */
static void netns_setns(void) {
  int ready[2], done[2], server, pid, st;
  char c, path[40];
  CHECK(pipe(ready) == 0 && pipe(done) == 0);
  server = fork();
  if (server == 0) {
    int s, acc;
    CHECK(unshare(CLONE_NEWNET) == 0);
    lo_up();
    s = tcp_listen_on(PORT_B);
    CHECK(write(ready[1], "r", 1) == 1);
    acc = accept(s, 0, 0);
    CHECK(acc >= 0);
    CHECK(read(acc, &c, 1) == 1 && c == 'q');
    CHECK(write(acc, "a", 1) == 1);
    CHECK(read(done[0], &c, 1) == 1);
    _exit(0);
  }
  CHECK(read(ready[0], &c, 1) == 1);
  CHECK_ERR(tcp_connect(PORT_B), ECONNREFUSED);   /* not in our namespace */
  pid = fork();
  if (pid == 0) {
    int fd, s;
    sprintf(path, "/proc/%d/ns/net", server);
    fd = open(path, O_RDONLY);
    CHECK(fd >= 0);
    CHECK_ERR(setns(fd, CLONE_NEWUTS), EINVAL);   /* not that kind */
    CHECK(setns(fd, CLONE_NEWNET) == 0);
    s = tcp_connect(PORT_B);
    CHECK(s >= 0);
    CHECK(write(s, "q", 1) == 1 && read(s, &c, 1) == 1 && c == 'a');
    _exit(0);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(write(done[1], "d", 1) == 1);
  st = ut_wait_status(server);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static int unix_listener(const char *path) {
  struct sockaddr_un a;
  int len = ut_unix_addr(&a, path);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  CHECK(s >= 0);
  CHECK(bind(s, (struct sockaddr *)&a, len) == 0);
  CHECK(listen(s, 2) == 0);
  return s;
}

/* How many lines of /proc/net/unix name path. */
static int unix_listed(const char *path) {
  char buf[2048], *l;
  int count = 0;
  for (l = proc_lines("/proc/net/unix", buf, sizeof buf); l; l = strtok(0, "\n")) {
    int len = (int)strlen(l), plen = (int)strlen(path);
    if (len > plen && strcmp(l + len - plen, path) == 0 && l[len - plen - 1] == ' ') count++;
  }
  return count;
}

/* AF_UNIX: a path reaches a listener in another network namespace (the
 * file system is shared), but /proc/net/unix shows each namespace its own
 * sockets; the accepted side belongs to the listener's namespace. */
static void netns_unix(void) {
  int srv = unix_listener("u.sock"), go[2], pid, acc, st;
  char c;
  CHECK(pipe(go) == 0);
  CHECK(unix_listed("u.sock") == 1);
  pid = fork();
  if (pid == 0) {
    struct sockaddr_un a;
    int len = ut_unix_addr(&a, "u.sock"), s, mine;
    CHECK(unshare(CLONE_NEWNET) == 0);
    CHECK(unix_listed("u.sock") == 0);   /* the parent's listener is not ours to list */
    mine = unix_listener("v.sock");
    CHECK(unix_listed("v.sock") == 1);
    s = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(connect(s, (struct sockaddr *)&a, len) == 0);   /* but its name works */
    CHECK(write(s, "u", 1) == 1);
    CHECK(unix_listed("u.sock") == 0);   /* the server's side of the connection is not here either */
    CHECK(read(go[0], &c, 1) == 1);
    close(mine);
    _exit(0);
  }
  acc = accept(srv, 0, 0);
  CHECK(acc >= 0);
  CHECK(read(acc, &c, 1) == 1 && c == 'u');
  CHECK(unix_listed("v.sock") == 0);   /* the child's listener is in its namespace */
  CHECK(unix_listed("u.sock") == 2);   /* the listener and the connection's server side */
  CHECK(write(go[1], "g", 1) == 1);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  close(acc);
  close(srv);
}

/* Only root makes or enters a network namespace. */
static void netns_eperm(void) {
  int fd = open("/proc/self/ns/net", O_RDONLY);
  CHECK(fd >= 0);
  CHECK(setuid(1000) == 0);
  CHECK_ERR(unshare(CLONE_NEWNET), EPERM);
  CHECK_ERR(setns(fd, CLONE_NEWNET), EPERM);
}

struct ut_case ut_netns_cases[] = {
  { "netns_isolated", netns_isolated },
  { "netns_links", netns_links },
  { "netns_setns", netns_setns },
  { "netns_unix", netns_unix },
  { "netns_eperm", netns_eperm },
  { 0, 0 },
};
