/* httpd: a tiny HTTP/1.0 server.
 *
 *   httpd [-p PORT] [-n COUNT] [DIR]
 *
 * Serves the files under DIR (default /var/www) on TCP PORT (default 80)
 * of every address, one connection at a time: it reads the request head,
 * answers GET (and HEAD) of a regular file with 200 and its bytes, a
 * directory with its index.html, anything missing with 404, a path
 * climbing out of DIR with 403, another method with 501, and closes the
 * connection (HTTP/1.0: the end of the body is the end of the stream;
 * Content-Length says it too). Content-Type is text/html for .html,
 * text/plain for .txt, application/octet-stream otherwise. -n COUNT
 * exits after COUNT connections (for scripts and tests); otherwise it
 * runs until killed. Each request is logged on standard error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "ulib.h"

#define HEAD_MAX 2048

static const char *content_type(const char *path) {
  const char *dot = strrchr(path, '.');
  if (dot && strcmp(dot, ".html") == 0)
    return "text/html";
  if (dot && strcmp(dot, ".txt") == 0)
    return "text/plain";
  return "application/octet-stream";
}

static void reply_status(int c, int code, const char *reason) {
  char body[128], head[256];
  int blen = snprintf(body, sizeof body, "%d %s\n", code, reason);
  int hlen = snprintf(head, sizeof head,
                      "HTTP/1.0 %d %s\r\nServer: hako-httpd\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n",
                      code, reason, blen);
  u_write_full(c, head, hlen);
  u_write_full(c, body, blen);
}

/* Reads the request head (up to the blank line); its length, or -1. */
static int read_head(int c, char *buf) {
  int len = 0;
  while (len < HEAD_MAX - 1) {
    int n = read(c, buf + len, HEAD_MAX - 1 - len);
    if (n <= 0)
      return len > 0 ? len : -1;
    len += n;
    buf[len] = 0;
    if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
      return len;
  }
  return len;
}

static void serve(int c, const char *dir) {
  char head[HEAD_MAX], path[512], out[256], buf[4096];
  char *method, *target, *sp;
  struct stat st;
  int fd, n, hlen, is_head;
  if (read_head(c, head) < 0)
    return;
  method = head;
  sp = strchr(method, ' ');
  if (sp == NULL) {
    reply_status(c, 400, "Bad Request");
    return;
  }
  *sp = 0;
  target = sp + 1;
  sp = strpbrk(target, " \r\n");
  if (sp)
    *sp = 0;
  fprintf(stderr, "httpd: %s %s\n", method, target);
  is_head = strcmp(method, "HEAD") == 0;
  if (strcmp(method, "GET") != 0 && !is_head) {
    reply_status(c, 501, "Not Implemented");
    return;
  }
  if (target[0] != '/') {
    reply_status(c, 400, "Bad Request");
    return;
  }
  if (strstr(target, "/..")) {   /* no climbing out of DIR */
    reply_status(c, 403, "Forbidden");
    return;
  }
  if ((sp = strchr(target, '?')))   /* a query names no file */
    *sp = 0;
  snprintf(path, sizeof path, "%s%s", dir, target);
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    strncat(path, path[strlen(path) - 1] == '/' ? "index.html" : "/index.html", sizeof path - strlen(path) - 1);
  }
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (fd = open(path, O_RDONLY)) < 0) {
    reply_status(c, errno == EACCES ? 403 : 404, errno == EACCES ? "Forbidden" : "Not Found");
    return;
  }
  hlen = snprintf(out, sizeof out,
                  "HTTP/1.0 200 OK\r\nServer: hako-httpd\r\nContent-Type: %s\r\nContent-Length: %ld\r\n\r\n",
                  content_type(path), (long)st.st_size);
  if (u_write_full(c, out, hlen) == 0 && !is_head) {
    while ((n = read(fd, buf, sizeof buf)) > 0)
      if (u_write_full(c, buf, n) < 0)
        break;
  }
  close(fd);
}

int main(int argc, char **argv) {
  const char *dir = "/var/www";
  int port = 80, count = -1, first, s;
  first = u_server_options("httpd", "usage: httpd [-p PORT] [-n COUNT] [DIR]\n", argc, argv, &port, &count, 1);
  if (first < 0)
    return 2;
  if (first < argc)
    dir = argv[first];
  signal(SIGPIPE, SIG_IGN);   /* a client that leaves early costs one reply, not the server */
  s = u_tcp_listen(port, 16);
  if (s < 0) {
    fprintf(stderr, "httpd: port %d: %s\n", port, strerror(errno));
    return 1;
  }
  while (count != 0) {
    int c = accept(s, NULL, NULL);
    if (c < 0) {
      if (errno == EINTR)
        continue;
      perror("httpd: accept");
      return 1;
    }
    serve(c, dir);
    close(c);
    if (count > 0)
      count--;
  }
  close(s);
  return 0;
}
