/* netinet/in.h: Internet addresses (struct sockaddr_in, IPPROTO_*,
 * INADDR_*) — the kernel's hako/in.h — and byte-order conversion. */
#ifndef _NETINET_IN_H
#define _NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>
#include <hako/in.h>

uint16_t htons(uint16_t x);
uint16_t ntohs(uint16_t x);
uint32_t htonl(uint32_t x);
uint32_t ntohl(uint32_t x);

#endif
