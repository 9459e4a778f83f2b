/* ping: ICMP echo, as iputils' ping prints it.
 *
 *   ping [-c COUNT] [-i SECONDS] [-s SIZE] [-W SECONDS] ADDRESS
 *
 * Sends an echo request every interval (1 s; -i takes fractions like
 * 0.2) through a raw ICMP socket (root only, as a set-user-ID ping was),
 * prints each reply with its sequence number, the TTL from the reply's
 * IP header and the round-trip time, and on the end (the count reached,
 * or SIGINT) the summary lines. Exit status 0 if any reply came, 1 if
 * none, 2 for errors. ADDRESS is a dotted quad or localhost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "ulib.h"

static volatile int interrupted;
static void on_int(int sig) {
  (void)sig;
  interrupted = 1;
}

static void usage(void) {
  fprintf(stderr, "usage: ping [-c count] [-i interval] [-s size] [-W timeout] address\n");
  exit(2);
}

/* "1", "0.2", "1.5" seconds in milliseconds; -1 when malformed */
static long parse_ms(const char *s) {
  long ms = 0, scale = 1000;
  if (*s == 0)
    return -1;
  while (*s >= '0' && *s <= '9')
    ms = ms * 10 + (*s++ - '0') * 1000;
  if (*s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') {
      scale /= 10;
      ms += (*s++ - '0') * scale;
    }
  }
  return *s ? -1 : ms;
}

/* microseconds since the first call (long is 32 bits: ~35 minutes) */
static long now_us(void) {
  static long base;
  struct timeval tv;
  gettimeofday(&tv, 0);
  if (base == 0)
    base = tv.tv_sec;
  return (tv.tv_sec - base) * 1000000 + tv.tv_usec;
}

static unsigned long isqrt(unsigned long v) {
  unsigned long r = 0, bit = 1ul << 30;
  while (bit > v)
    bit >>= 2;
  while (bit) {
    if (v >= r + bit) {
      v -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return r;
}

static void print_ms(long us) {
  printf("%ld.%03ld", us / 1000, us % 1000);
}

int main(int argc, char **argv) {
  long count = -1, interval = 1000, wait_ms = 1000, size = 56;
  const char *host = 0;
  struct sockaddr_in to, from;
  unsigned char out[1100], in[1200];
  int s, i, id = getpid() & 0xffff;
  long sent = 0, received = 0, start, next, tmin = 0, tmax = 0;
  unsigned long tsum = 0, tsum2 = 0;   /* in µs; squares in 1/100 ms² to stay in 32 bits */
  for (i = 1; i < argc; i++) {
    if (argv[i][0] != '-') {
      if (host)
        usage();
      host = argv[i];
      continue;
    }
    if (i + 1 >= argc || argv[i][2])
      usage();
    switch (argv[i][1]) {
    case 'c': count = atol(argv[++i]); if (count <= 0) usage(); break;
    case 'i': interval = parse_ms(argv[++i]); if (interval < 0) usage(); break;
    case 'W': wait_ms = parse_ms(argv[++i]); if (wait_ms < 0) usage(); break;
    case 's': size = atol(argv[++i]); if (size < 8 || size > 1024) usage(); break;
    default: usage();
    }
  }
  if (!host)
    usage();
  memset(&to, 0, sizeof to);
  to.sin_family = AF_INET;
  if (strcmp(host, "localhost") == 0)
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  else if (!inet_aton(host, &to.sin_addr)) {
    fprintf(stderr, "ping: %s: Name or service not known\n", host);
    return 2;
  }
  s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
  if (s < 0) {
    fprintf(stderr, "ping: socket: %s\n", strerror(errno));
    return 2;
  }
  signal(SIGINT, on_int);
  printf("PING %s (%s) %ld(%ld) bytes of data.\n", host, inet_ntoa(to.sin_addr), size, size + 28);
  start = now_us();
  next = start;
  while (!interrupted) {
    long now = now_us(), until;
    struct pollfd p;
    if (now >= next && (count < 0 || sent < count)) {
      unsigned short sum;
      long t = now_us();
      memset(out, 0, sizeof out);
      out[0] = 8;
      out[4] = (unsigned char)(id >> 8);
      out[5] = (unsigned char)id;
      out[6] = (unsigned char)((sent + 1) >> 8);
      out[7] = (unsigned char)(sent + 1);
      memcpy(out + 8, &t, sizeof t);   /* the send time travels with the request */
      for (i = 8 + (int)sizeof t; i < 8 + size; i++)
        out[i] = (unsigned char)i;
      sum = u_inet_checksum(out, 8 + (int)size);
      memcpy(out + 2, &sum, 2);
      if (sendto(s, out, 8 + size, 0, (struct sockaddr *)&to, sizeof to) < 0) {
        fprintf(stderr, "ping: sendto: %s\n", strerror(errno));
        if (errno == ENETUNREACH)
          return 2;
      }
      sent++;
      next += interval;
    }
    if (count >= 0 && sent >= count && (received >= count || now_us() >= next - interval + wait_ms * 1000))
      break;
    until = (count >= 0 && sent >= count) ? next - interval + wait_ms * 1000 : next;
    p.fd = s;
    p.events = POLLIN;
    now = now_us();
    if (poll(&p, 1, until > now ? (int)((until - now + 999) / 1000) : 0) > 0) {
      struct sockaddr_in f;
      socklen_t flen = sizeof f;
      int n = recvfrom(s, in, sizeof in, 0, (struct sockaddr *)&f, &flen);
      int hl;
      long t, rtt;
      if (n < 28)
        continue;
      hl = (in[0] & 15) * 4;
      if (n < hl + 8 + (int)sizeof t || in[hl] != 0 || (in[hl + 4] << 8 | in[hl + 5]) != id)
        continue;   /* not an echo reply of ours */
      memcpy(&t, in + hl + 8, sizeof t);
      rtt = now_us() - t;
      if (rtt < 0)
        rtt = 0;
      received++;
      if (received == 1 || rtt < tmin)
        tmin = rtt;
      if (rtt > tmax)
        tmax = rtt;
      tsum += (unsigned long)rtt;
      tsum2 += (unsigned long)(rtt / 10) * (unsigned long)(rtt / 10);
      from = f;
      printf("%d bytes from %s: icmp_seq=%d ttl=%d time=", n - hl, inet_ntoa(from.sin_addr), in[hl + 6] << 8 | in[hl + 7],
             in[8]);
      print_ms(rtt);
      printf(" ms\n");
    }
  }
  printf("\n--- %s ping statistics ---\n", host);
  printf("%ld packets transmitted, %ld received, %ld%% packet loss, time %ldms\n", sent, received,
         sent ? (sent - received) * 100 / sent : 0, sent > 1 ? (sent - 1) * interval : 0);
  if (received) {
    long avg = (long)(tsum / (unsigned long)received);
    unsigned long mean2 = tsum2 / (unsigned long)received, a10 = (unsigned long)(avg / 10);
    long mdev = mean2 > a10 * a10 ? (long)isqrt(mean2 - a10 * a10) * 10 : 0;
    printf("rtt min/avg/max/mdev = ");
    print_ms(tmin);
    printf("/");
    print_ms(avg);
    printf("/");
    print_ms(tmax);
    printf("/");
    print_ms(mdev);
    printf(" ms\n");
  }
  return received ? 0 : 1;
}
