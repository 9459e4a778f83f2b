/* fetch: get a URL over HTTP/1.0 and print the body.
 *
 *   fetch [-i] http://HOST[:PORT][/PATH]
 *
 * Connects to HOST (a dotted quad or localhost: there is no resolver),
 * sends "GET PATH HTTP/1.0" and prints what comes back: the body, or with
 * -i the status line and headers too (as curl -i). The exit status is 0
 * for a 2xx answer, 1 for another status (the body is printed all the
 * same, the status line goes to standard error), 2 for a bad URL and 3
 * when the connection fails or the answer is not HTTP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "ulib.h"

int main(int argc, char **argv) {
  char host[64], req[768], head[4096], buf[4096];
  const char *url, *path, *p;
  int show_head = 0, port = 80, s, hlen = 0, body_at = -1, status = 0, n;
  unsigned hostlen;
  struct sockaddr_in a;
  int argi = 1;
  if (argi < argc && strcmp(argv[argi], "-i") == 0) {
    show_head = 1;
    argi++;
  }
  if (argi + 1 != argc || strncmp(argv[argi], "http://", 7) != 0) {
    fprintf(stderr, "usage: fetch [-i] http://HOST[:PORT][/PATH]\n");
    return 2;
  }
  url = argv[argi] + 7;
  path = strchr(url, '/');   /* the authority (HOST[:PORT]) ends at the path */
  if (path == NULL)
    path = url + strlen(url);
  p = memchr(url, ':', (unsigned)(path - url));
  hostlen = (unsigned)((p ? p : path) - url);
  if (p) {
    port = atoi(p + 1);
    if (port <= 0 || port > 65535) {
      fprintf(stderr, "fetch: bad port in %s\n", argv[argi]);
      return 2;
    }
  }
  if (hostlen == 0 || hostlen >= sizeof host || strlen(path) > 512) {
    fprintf(stderr, "fetch: bad URL %s\n", argv[argi]);
    return 2;
  }
  memcpy(host, url, hostlen);
  host[hostlen] = 0;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  if (strcmp(host, "localhost") == 0)
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  else if (!inet_aton(host, &a.sin_addr)) {
    fprintf(stderr, "fetch: %s: not an address (no name resolver)\n", host);
    return 2;
  }
  s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a) < 0) {
    fprintf(stderr, "fetch: %s port %d: %s\n", host, port, strerror(errno));
    return 3;
  }
  n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: hako-fetch\r\n\r\n", *path ? path : "/", host);
  if (u_write_full(s, req, n) < 0) {
    fprintf(stderr, "fetch: send: %s\n", strerror(errno));
    return 3;
  }
  /* The head first (to find the status and where the body starts), then the rest as it comes. */
  while (body_at < 0 && hlen < (int)sizeof head - 1) {
    char *end;
    n = read(s, head + hlen, sizeof head - 1 - hlen);
    if (n <= 0)
      break;
    hlen += n;
    head[hlen] = 0;
    if ((end = strstr(head, "\r\n\r\n")))
      body_at = (int)(end - head) + 4;
    else if ((end = strstr(head, "\n\n")))
      body_at = (int)(end - head) + 2;
  }
  if (body_at >= 0 && strncmp(head, "HTTP/", 5) == 0 && (p = strchr(head, ' ')) != NULL)
    status = atoi(p + 1);
  if (status < 100 || status > 999) {
    fprintf(stderr, "fetch: %s port %d: not an HTTP answer\n", host, port);
    return 3;
  }
  if (show_head)
    u_write_full(1, head, body_at);
  u_write_full(1, head + body_at, hlen - body_at);
  while ((n = read(s, buf, sizeof buf)) > 0)
    u_write_full(1, buf, n);
  close(s);
  if (status < 200 || status > 299) {
    char *eol = strpbrk(head, "\r\n");
    fprintf(stderr, "fetch: %.*s\n", eol ? (int)(eol - head) : 40, head);
    return 1;
  }
  return 0;
}
