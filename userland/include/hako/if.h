/* hako/if.h: network interfaces seen through ioctl on a socket, shared by
 * the kernel and libc — Linux i386's struct ifreq (32 bytes) and struct
 * ifconf, the IFF_* flags and the SIOC* request numbers. */
#ifndef _HAKO_IF_H
#define _HAKO_IF_H

#include "hako/socket.h"

#define IFNAMSIZ 16

#ifndef IFF_UP   /* the kernel's netdev.h has the same values */
#define IFF_UP        0x1
#define IFF_BROADCAST 0x2
#define IFF_LOOPBACK  0x8
#define IFF_RUNNING   0x40
#define IFF_MULTICAST 0x1000
#endif

struct ifmap_hako {   /* the size of Linux's struct ifmap on i386: 16 bytes */
  unsigned int mem_start, mem_end;
  unsigned short base_addr;
  unsigned char irq, dma, port, pad[3];
};

struct ifreq {
  char ifr_name[IFNAMSIZ];
  union {
    struct sockaddr ifru_addr;       /* SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFHWADDR (sa_data: the MAC) */
    short ifru_flags;
    int ifru_ivalue;                 /* SIOCGIFINDEX, SIOCGIFMTU */
    struct ifmap_hako ifru_map;
  } ifr_ifru;
};
#define ifr_addr    ifr_ifru.ifru_addr
#define ifr_netmask ifr_ifru.ifru_addr
#define ifr_hwaddr  ifr_ifru.ifru_addr
#define ifr_flags   ifr_ifru.ifru_flags
#define ifr_ifindex ifr_ifru.ifru_ivalue
#define ifr_mtu     ifr_ifru.ifru_ivalue

struct ifconf {
  int ifc_len;
  union {
    char *ifcu_buf;
    struct ifreq *ifcu_req;
  } ifc_ifcu;
};
#define ifc_buf ifc_ifcu.ifcu_buf
#define ifc_req ifc_ifcu.ifcu_req

#define SIOCGIFCONF    0x8912
#define SIOCGIFFLAGS   0x8913
#define SIOCSIFFLAGS   0x8914
#define SIOCGIFADDR    0x8915
#define SIOCSIFADDR    0x8916
#define SIOCGIFNETMASK 0x891b
#define SIOCSIFNETMASK 0x891c
#define SIOCGIFMTU     0x8921
#define SIOCGIFHWADDR  0x8927
#define SIOCGIFINDEX   0x8933

#endif
