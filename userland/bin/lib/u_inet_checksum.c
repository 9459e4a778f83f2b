/* u_inet_checksum.c: the Internet checksum (RFC 1071) that ICMP, IP, UDP
 * and TCP headers carry: the ones' complement of the ones' complement sum
 * of the bytes taken as big-endian 16-bit words (an odd last byte is the
 * high half of a word). Stored as is into a header, it makes the
 * checksum of the whole come out 0, which is how a reader checks one. */
#include <arpa/inet.h>
#include "ulib.h"

unsigned short u_inet_checksum(const void *data, int n) {
  const unsigned char *b = data;
  unsigned int sum = 0;
  int i;
  for (i = 0; i + 1 < n; i += 2)
    sum += (unsigned)(b[i] << 8 | b[i + 1]);
  if (n & 1)
    sum += (unsigned)b[n - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return htons((unsigned short)~sum);
}
