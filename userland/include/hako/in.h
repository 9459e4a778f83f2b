/* hako/in.h: Internet addresses and protocols, shared by the kernel and
 * libc — Linux i386's struct sockaddr_in, IPPROTO_* numbers, the IP and
 * TCP socket option levels and names the kernel knows. Addresses and
 * ports are in network byte order (big-endian) in every struct. */
#ifndef _HAKO_IN_H
#define _HAKO_IN_H

#include "hako/socket.h"

typedef unsigned int in_addr_t;
typedef unsigned short in_port_t;

struct in_addr {
  in_addr_t s_addr;
};

struct sockaddr_in {
  sa_family_t sin_family;      /* AF_INET */
  in_port_t sin_port;          /* network byte order */
  struct in_addr sin_addr;     /* network byte order */
  unsigned char sin_zero[8];
};

#define IPPROTO_IP   0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP  6
#define IPPROTO_UDP  17
#define IPPROTO_RAW  255

/* host byte order */
#define INADDR_ANY       0x00000000u
#define INADDR_BROADCAST 0xffffffffu
#define INADDR_NONE      0xffffffffu
#define INADDR_LOOPBACK  0x7f000001u

#define SOL_IP  0
#define SOL_TCP 6
#define IP_TTL  2

#define TCP_NODELAY 1
#define TCP_MAXSEG  2

#define INET_ADDRSTRLEN 16

#endif
