/* arpa/inet.h: dotted-quad addresses to and from struct in_addr. */
#ifndef _ARPA_INET_H
#define _ARPA_INET_H

#include <netinet/in.h>

in_addr_t inet_addr(const char *s);              /* INADDR_NONE when malformed */
int inet_aton(const char *s, struct in_addr *a); /* 1 ok, 0 malformed */
char *inet_ntoa(struct in_addr a);               /* a static buffer */
int inet_pton(int af, const char *s, void *dst); /* AF_INET only: 1, 0 malformed, -1 EAFNOSUPPORT */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);

#endif
