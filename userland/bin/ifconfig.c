/* ifconfig: show and configure network interfaces through the SIOC*
 * ioctls on a socket, in net-tools' layout.
 *
 *   ifconfig                          every interface
 *   ifconfig IFACE                    one
 *   ifconfig IFACE ADDR [netmask MASK] [up|down]
 *   ifconfig IFACE up | down
 *
 * Setting needs root (EPERM otherwise). The counters come from
 * /proc/net/dev. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <net/if.h>

static int sock;

static int req(int cmd, const char *name, struct ifreq *r) {
  memset(r, 0, sizeof *r);
  strncpy(r->ifr_name, name, IFNAMSIZ - 1);
  return ioctl(sock, cmd, r);
}

static const char *addr_str(struct sockaddr *sa) {
  return inet_ntoa(((struct sockaddr_in *)sa)->sin_addr);
}

/* rx/tx figures of one interface from /proc/net/dev: 0 if found */
static int counters(const char *name, unsigned long v[16]) {
  FILE *f = fopen("/proc/net/dev", "r");
  char line[256];
  int found = -1;
  if (!f)
    return -1;
  while (fgets(line, sizeof line, f)) {
    char *colon = strchr(line, ':'), *p = line;
    int i;
    if (!colon)
      continue;
    *colon = 0;
    while (*p == ' ')
      p++;
    if (strcmp(p, name) != 0)
      continue;
    p = colon + 1;
    for (i = 0; i < 16; i++)
      v[i] = strtoul(p, &p, 10);
    found = 0;
  }
  fclose(f);
  return found;
}

static void flag_names(int flags, char *out) {
  static const struct { int bit; const char *name; } names[] = {
    { IFF_UP, "UP" }, { IFF_BROADCAST, "BROADCAST" }, { IFF_LOOPBACK, "LOOPBACK" },
    { IFF_RUNNING, "RUNNING" }, { IFF_MULTICAST, "MULTICAST" },
  };
  unsigned i;
  out[0] = 0;
  for (i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (!(flags & names[i].bit))
      continue;
    if (out[0])
      strcat(out, ",");
    strcat(out, names[i].name);
  }
}

static int show(const char *name) {
  struct ifreq r;
  char fl[80];
  int flags, mtu;
  unsigned long v[16];
  if (req(SIOCGIFFLAGS, name, &r) != 0) {
    fprintf(stderr, "%s: error fetching interface information: %s\n", name,
            errno == ENODEV ? "Device not found" : strerror(errno));
    return 1;
  }
  flags = r.ifr_flags & 0xffff;
  req(SIOCGIFMTU, name, &r);
  mtu = r.ifr_mtu;
  flag_names(flags, fl);
  printf("%s: flags=%d<%s>  mtu %d\n", name, flags, fl, mtu);
  if (req(SIOCGIFADDR, name, &r) == 0) {
    char a[16];
    unsigned int mask, addr;
    strcpy(a, addr_str(&r.ifr_addr));
    addr = ((struct sockaddr_in *)&r.ifr_addr)->sin_addr.s_addr;
    req(SIOCGIFNETMASK, name, &r);
    mask = ((struct sockaddr_in *)&r.ifr_netmask)->sin_addr.s_addr;
    printf("        inet %s  netmask %s", a, addr_str(&r.ifr_netmask));
    if (flags & IFF_BROADCAST) {
      struct in_addr b;
      b.s_addr = addr | ~mask;
      printf("  broadcast %s", inet_ntoa(b));
    }
    printf("\n");
  }
  if (flags & IFF_LOOPBACK) {
    printf("        loop  txqueuelen 1000  (Local Loopback)\n");
  } else if (req(SIOCGIFHWADDR, name, &r) == 0) {
    unsigned char *m = (unsigned char *)r.ifr_hwaddr.sa_data;
    printf("        ether %02x:%02x:%02x:%02x:%02x:%02x  txqueuelen 1000  (Ethernet)\n", m[0], m[1], m[2], m[3], m[4],
           m[5]);
  }
  if (counters(name, v) == 0) {
    printf("        RX packets %lu  bytes %lu\n", v[1], v[0]);
    printf("        RX errors %lu  dropped %lu  overruns 0  frame 0\n", v[2], v[3]);
    printf("        TX packets %lu  bytes %lu\n", v[9], v[8]);
    printf("        TX errors %lu  dropped %lu overruns 0  carrier 0  collisions 0\n", v[10], v[11]);
  }
  printf("\n");
  return 0;
}

/* every interface /proc/net/dev names, in its order */
static int show_all(void) {
  FILE *f = fopen("/proc/net/dev", "r");
  char line[256];
  int status = 0;
  if (!f) {
    perror("ifconfig: /proc/net/dev");
    return 1;
  }
  while (fgets(line, sizeof line, f)) {
    char *colon = strchr(line, ':'), *p = line;
    if (!colon || strchr(line, '|'))
      continue;
    *colon = 0;
    while (*p == ' ')
      p++;
    status |= show(p);
  }
  fclose(f);
  return status;
}

static int set_addr(int cmd, const char *name, const char *text) {
  struct ifreq r;
  struct sockaddr_in *in = (struct sockaddr_in *)&r.ifr_addr;
  memset(&r, 0, sizeof r);
  strncpy(r.ifr_name, name, IFNAMSIZ - 1);
  in->sin_family = AF_INET;
  if (!inet_aton(text, &in->sin_addr)) {
    fprintf(stderr, "ifconfig: %s: bad address\n", text);
    return 1;
  }
  if (ioctl(sock, cmd, &r) != 0) {
    fprintf(stderr, "ifconfig: %s: %s\n", cmd == SIOCSIFADDR ? "SIOCSIFADDR" : "SIOCSIFNETMASK", strerror(errno));
    return 1;
  }
  return 0;
}

static int set_up(const char *name, int up) {
  struct ifreq r;
  if (req(SIOCGIFFLAGS, name, &r) != 0) {
    fprintf(stderr, "ifconfig: %s: %s\n", name, strerror(errno));
    return 1;
  }
  if (up)
    r.ifr_flags |= IFF_UP;
  else
    r.ifr_flags &= ~IFF_UP;
  if (ioctl(sock, SIOCSIFFLAGS, &r) != 0) {
    fprintf(stderr, "ifconfig: SIOCSIFFLAGS: %s\n", strerror(errno));
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  int i;
  sock = socket(AF_INET, SOCK_DGRAM, 0);
  if (sock < 0) {
    perror("ifconfig: socket");
    return 1;
  }
  if (argc == 1 || (argc == 2 && strcmp(argv[1], "-a") == 0))
    return show_all();
  if (argc == 2)
    return show(argv[1]);
  for (i = 2; i < argc; i++) {
    if (strcmp(argv[i], "up") == 0) {
      if (set_up(argv[1], 1))
        return 1;
    } else if (strcmp(argv[i], "down") == 0) {
      if (set_up(argv[1], 0))
        return 1;
    } else if (strcmp(argv[i], "netmask") == 0 && i + 1 < argc) {
      if (set_addr(SIOCSIFNETMASK, argv[1], argv[++i]))
        return 1;
    } else if (argv[i][0] >= '0' && argv[i][0] <= '9') {
      if (set_addr(SIOCSIFADDR, argv[1], argv[i]))
        return 1;
    } else {
      fprintf(stderr, "usage: ifconfig [IFACE [ADDR] [netmask MASK] [up|down]]\n");
      return 2;
    }
  }
  return 0;
}
