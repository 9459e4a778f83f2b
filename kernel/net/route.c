/*
 * route.c — interface addresses and the routing rule, their
 * configuration (the kernel command line's ip= and gw=, and the SIOC*
 * interface ioctls) and /proc/net/route and /proc/net/dev.
 *
 * Routing, in order: 127.0.0.0/8 and the machine's own addresses go out
 * through lo (a datagram to ourselves never touches a card, as Linux's
 * local table); an address on the network of an interface that is up
 * goes straight to it (the next hop is the destination); anything else
 * goes to the default gateway, through the interface whose network holds
 * it; with no gateway the route is missing (ENETUNREACH).
 *
 * Configuration: `ip=A.B.C.D/N` on the command line gives the first card
 * (the first interface that is not the loopback, whenever its driver
 * registers it) that address and prefix and brings it up; `gw=A.B.C.D`
 * sets the default gateway. At run time ifconfig uses SIOCSIFADDR,
 * SIOCSIFNETMASK and SIOCSIFFLAGS (root only, EPERM otherwise).
 *
 * All of it is per network namespace (net_ns.h): a namespace routes over
 * its own interfaces with its own gateway; the ioctls and the /proc files
 * see the caller's namespace. A namespace whose lo has no address yet (a
 * new one, before `ifconfig lo up`) has no 127/8 at all: connect there is
 * ENETUNREACH and bind EADDRNOTAVAIL, as on Linux.
 */
#include "file.h"
#include "inet.h"
#include "lib.h"
#include "net_ns.h"
#include "printk.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/if.h"

static u32 boot_addr, boot_mask;      /* from ip=, for the first card */
static int boot_addr_used;

int inet_addr_is_local(struct net *net, u32 addr) {
  struct netdev *d;
  if ((ntohl(addr) >> 24) == 127) return net->loopback->ipv4_addr != 0;
  for (d = netdev_list; d; d = d->next)
    if (d->net == net && d->ipv4_addr != 0 && d->ipv4_addr == addr) return 1;
  return 0;
}

static int on_link(struct netdev *d, u32 addr) {
  return (d->flags & IFF_UP) && !(d->flags & IFF_LOOPBACK) && d->ipv4_addr != 0 &&
         (addr & d->ipv4_mask) == (d->ipv4_addr & d->ipv4_mask);
}

struct netdev *route_output(struct net *net, u32 daddr, u32 *nexthop, u32 *src) {
  struct netdev *d;
  u32 gateway = net->gateway;
  if (inet_addr_is_local(net, daddr)) {
    d = net->loopback;
    if (!(d->flags & IFF_UP)) return NULL;
    *nexthop = daddr;
    *src = (ntohl(daddr) >> 24) == 127 ? htonl(INADDR_LOOPBACK) : daddr;
    return d;
  }
  for (d = netdev_list; d; d = d->next) {
    if (d->net != net) continue;
    if (on_link(d, daddr) || (daddr == 0xffffffffu && (d->flags & IFF_UP) && !(d->flags & IFF_LOOPBACK))) {
      *nexthop = daddr;
      *src = d->ipv4_addr;
      return d;
    }
  }
  if (gateway == 0) return NULL;
  for (d = netdev_list; d; d = d->next) {
    if (d->net == net && on_link(d, gateway)) {
      *nexthop = gateway;
      *src = d->ipv4_addr;
      return d;
    }
  }
  return NULL;
}

/* A dotted quad at s into *out (network order); the character after it, or NULL. */
static const char *parse_ipv4(const char *s, u32 *out) {
  u32 v = 0;
  int part;
  for (part = 0; part < 4; part++) {
    u32 n = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 4) {
      n = n * 10 + (u32)(*s++ - '0');
      digits++;
    }
    if (digits == 0 || n > 255) return NULL;
    v = v << 8 | n;
    if (part < 3 && *s++ != '.') return NULL;
  }
  *out = htonl(v);
  return s;
}

static u32 prefix_mask(u32 bits) {
  return htonl(bits == 0 ? 0 : 0xffffffffu << (32 - bits));
}

static const char *cmdline_value(const char *cmdline, const char *key) {
  u32 klen = strlen(key);
  const char *p = cmdline;
  while (p && *p) {
    while (*p == ' ') p++;
    if (strncmp(p, key, klen) == 0 && p[klen] == '=') return p + klen + 1;
    while (*p && *p != ' ') p++;
  }
  return NULL;
}

static void apply_boot_addr(struct netdev *dev) {
  if (boot_addr == 0 || boot_addr_used || (dev->flags & IFF_LOOPBACK) || dev->net != &init_net) return;
  boot_addr_used = 1;
  dev->ipv4_addr = boot_addr;
  dev->ipv4_mask = boot_mask;
  dev->flags |= IFF_UP | IFF_BROADCAST | IFF_MULTICAST;
}

void route_config(const char *cmdline) {
  const char *v = cmdline_value(cmdline, "ip");
  struct netdev *d;
  if (v) {
    u32 addr, bits = 24;
    const char *end = parse_ipv4(v, &addr);
    if (end && *end == '/') {
      bits = 0;
      end++;
      while (*end >= '0' && *end <= '9') bits = bits * 10 + (u32)(*end++ - '0');
    }
    if (end == NULL || bits > 32 || (*end && *end != ' ')) printk(KERN_WARNING, "net: bad ip= on the command line");
    else {
      boot_addr = addr;
      boot_mask = prefix_mask(bits);
    }
  }
  v = cmdline_value(cmdline, "gw");
  if (v) {
    const char *end = parse_ipv4(v, &init_net.gateway);
    if (end == NULL || (*end && *end != ' ')) {
      init_net.gateway = 0;
      printk(KERN_WARNING, "net: bad gw= on the command line");
    }
  }
  for (d = netdev_list; d; d = d->next) apply_boot_addr(d);
}

void inet_netdev_added(struct netdev *dev) {
  apply_boot_addr(dev);
}

/* Line `index` of /proc/net/route (0 the header): the network of every
 * card that is up and has an address, then the default route. */
int route_proc_line(int index, char *buf, u32 size) {
  struct netdev *d;
  struct net *net = current_net();
  u32 gateway = net->gateway;
  char line[128];
  int n = 0;
  if (index == 0) {
    snprintf(line, sizeof line, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
    return snprintf(buf, size, "%-127s\n", line);
  }
  for (d = netdev_list; d; d = d->next) {
    if (d->net != net || (d->flags & IFF_LOOPBACK) || !(d->flags & IFF_UP) || d->ipv4_addr == 0) continue;
    if (gateway && on_link(d, gateway) && ++n == index) {
      snprintf(line, sizeof line, "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u", d->name, 0u, gateway, 3u, 0, 0u, 0,
               0u, 0, 0u, 0u);
      return snprintf(buf, size, "%-127s\n", line);
    }
    if (++n == index) {
      snprintf(line, sizeof line, "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u", d->name,
               d->ipv4_addr & d->ipv4_mask, 0u, 1u, 0, 0u, 0, d->ipv4_mask, 0, 0u, 0u);
      return snprintf(buf, size, "%-127s\n", line);
    }
  }
  return -1;
}

/* Line `index` of /proc/net/dev (0 and 1 the two header lines). */
int net_dev_proc_line(int index, char *buf, u32 size) {
  struct netdev *d;
  int n = 1;
  if (index == 0) return snprintf(buf, size, "Inter-|   Receive                                                |  Transmit\n");
  if (index == 1)
    return snprintf(buf, size, " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n");
  for (d = netdev_list; d; d = d->next) {
    struct netdev_stats *s = &d->stats;
    if (d->net != current_net() || ++n != index) continue;
    return snprintf(buf, size, "%6s:%8u %7u %4u %4u %4u %5u %10u %9u %8u %7u %4u %4u %4u %5u %7u %10u\n", d->name,
                    s->rx_bytes, s->rx_packets, s->rx_errors, s->rx_dropped, 0u, 0u, 0u, 0u, s->tx_bytes, s->tx_packets,
                    s->tx_errors, s->tx_dropped, 0u, 0u, 0u, 0u);
  }
  return -1;
}

static void put_addr(struct sockaddr *sa, u32 addr) {
  struct sockaddr_in *in = (struct sockaddr_in *)sa;
  memset(in, 0, sizeof *in);
  in->sin_family = AF_INET;
  in->sin_addr.s_addr = addr;
}

static int get_addr(const struct sockaddr *sa, u32 *addr) {
  const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
  if (in->sin_family != AF_INET) return -EINVAL;
  *addr = in->sin_addr.s_addr;
  return 0;
}

static int ifconf(struct ifconf *uifc) {
  struct ifconf c;
  struct netdev *d;
  int len = 0;
  if (copyin(&c, uifc, sizeof c) != 0) return -EFAULT;
  for (d = netdev_list; d; d = d->next) {
    struct ifreq r;
    if (d->net != current_net()) continue;
    if (d->ipv4_addr == 0) continue;   /* Linux lists the interfaces that have an IPv4 address */
    if (c.ifc_buf != NULL) {
      if (len + (int)sizeof r > c.ifc_len) break;
      memset(&r, 0, sizeof r);
      strlcpy(r.ifr_name, d->name, IFNAMSIZ);
      put_addr(&r.ifr_addr, d->ipv4_addr);
      if (copyout(c.ifc_buf + len, &r, sizeof r) != 0) return -EFAULT;
    }
    len += (int)sizeof r;
  }
  c.ifc_len = len;
  if (copyout(uifc, &c, sizeof c) != 0) return -EFAULT;
  return 0;
}

/* The SIOC* interface requests of ioctl on any socket. */
int inet_dev_ioctl(u32 cmd, void *uarg) {
  struct ifreq r;
  struct netdev *d;
  int err;
  u32 a;
  if (cmd == SIOCGIFCONF) return ifconf((struct ifconf *)uarg);
  if (cmd != SIOCGIFFLAGS && cmd != SIOCSIFFLAGS && cmd != SIOCGIFADDR && cmd != SIOCSIFADDR && cmd != SIOCGIFNETMASK &&
      cmd != SIOCSIFNETMASK && cmd != SIOCGIFMTU && cmd != SIOCGIFHWADDR && cmd != SIOCGIFINDEX)
    return -ENOTTY;
  if (copyin(&r, uarg, sizeof r) != 0) return -EFAULT;
  r.ifr_name[IFNAMSIZ - 1] = 0;
  d = netdev_by_name(current_net(), r.ifr_name);
  if (d == NULL) return -ENODEV;
  if ((cmd == SIOCSIFFLAGS || cmd == SIOCSIFADDR || cmd == SIOCSIFNETMASK) && current->uid != 0) return -EPERM;
  switch (cmd) {
  case SIOCGIFFLAGS: r.ifr_flags = (short)d->flags; break;
  case SIOCSIFFLAGS:
    if (d->flags & IFF_LOOPBACK) {
      loopback_set_up(d, (r.ifr_flags & IFF_UP) != 0);
      return 0;
    }
    d->flags = (d->flags & ~(u32)IFF_UP) | ((u32)(u16)r.ifr_flags & IFF_UP);
    return 0;
  case SIOCGIFADDR:
    if (d->ipv4_addr == 0) return -EADDRNOTAVAIL;
    put_addr(&r.ifr_addr, d->ipv4_addr);
    break;
  case SIOCGIFNETMASK:
    if (d->ipv4_addr == 0) return -EADDRNOTAVAIL;
    put_addr(&r.ifr_netmask, d->ipv4_mask);
    break;
  case SIOCSIFADDR:
    if ((err = get_addr(&r.ifr_addr, &a)) != 0) return err;
    if (d->ipv4_addr != a) {   /* as Linux: a new address gets its class's mask until SIOCSIFNETMASK */
      u32 first = ntohl(a) >> 24;
      d->ipv4_mask = prefix_mask(first < 128 ? 8 : first < 192 ? 16 : 24);
    }
    d->ipv4_addr = a;
    if (!(d->flags & IFF_LOOPBACK)) d->flags |= IFF_BROADCAST | IFF_MULTICAST;
    return 0;
  case SIOCSIFNETMASK:
    if ((err = get_addr(&r.ifr_netmask, &a)) != 0) return err;
    if ((~ntohl(a) & (~ntohl(a) + 1)) != 0) return -EINVAL;   /* not a prefix */
    d->ipv4_mask = a;
    return 0;
  case SIOCGIFMTU: r.ifr_mtu = (int)d->mtu; break;
  case SIOCGIFINDEX: r.ifr_ifindex = (int)d->ifindex; break;
  case SIOCGIFHWADDR:
    memset(&r.ifr_hwaddr, 0, sizeof r.ifr_hwaddr);
    r.ifr_hwaddr.sa_family = (d->flags & IFF_LOOPBACK) ? 772 : 1;   /* ARPHRD_LOOPBACK, ARPHRD_ETHER */
    memcpy(r.ifr_hwaddr.sa_data, d->mac, ETH_ALEN);
    break;
  }
  if (copyout(uarg, &r, sizeof r) != 0) return -EFAULT;
  return 0;
}
