/* inet.c: byte order and dotted-quad addresses (netinet/in.h,
 * arpa/inet.h). Hako is little-endian; the network is big-endian. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

uint16_t htons(uint16_t x) {
  return (uint16_t)((x << 8) | (x >> 8));
}

uint16_t ntohs(uint16_t x) {
  return htons(x);
}

uint32_t htonl(uint32_t x) {
  return (x << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | (x >> 24);
}

uint32_t ntohl(uint32_t x) {
  return htonl(x);
}

/* Exactly four decimal parts 0-255 (inet_pton's strict form). */
static int parse_quad(const char *s, uint32_t *out) {
  uint32_t v = 0;
  int part;
  for (part = 0; part < 4; part++) {
    uint32_t n = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9') {
      n = n * 10 + (uint32_t)(*s++ - '0');
      if (++digits > 3 || n > 255)
        return 0;
    }
    if (digits == 0)
      return 0;
    v = v << 8 | n;
    if (part < 3 && *s++ != '.')
      return 0;
  }
  if (*s)
    return 0;
  *out = htonl(v);
  return 1;
}

int inet_aton(const char *s, struct in_addr *a) {
  uint32_t v;
  if (!parse_quad(s, &v))
    return 0;
  a->s_addr = v;
  return 1;
}

in_addr_t inet_addr(const char *s) {
  uint32_t v;
  return parse_quad(s, &v) ? v : INADDR_NONE;
}

int inet_pton(int af, const char *s, void *dst) {
  uint32_t v;
  if (af != AF_INET) {
    errno = EAFNOSUPPORT;
    return -1;
  }
  if (!parse_quad(s, &v))
    return 0;
  ((struct in_addr *)dst)->s_addr = v;
  return 1;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size) {
  const unsigned char *b = (const unsigned char *)src;
  char tmp[INET_ADDRSTRLEN];
  int n;
  if (af != AF_INET) {
    errno = EAFNOSUPPORT;
    return 0;
  }
  n = snprintf(tmp, sizeof tmp, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
  if ((socklen_t)n >= size) {
    errno = ENOSPC;
    return 0;
  }
  memcpy(dst, tmp, (unsigned)n + 1);
  return dst;
}

char *inet_ntoa(struct in_addr a) {
  static char buf[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &a, buf, sizeof buf);
  return buf;
}
