/* socket.c: the socket calls libc makes of others — accept over accept4,
 * send and recv over sendto and recvfrom (as glibc on i386 today). */
#include <sys/socket.h>

int accept(int fd, struct sockaddr *addr, socklen_t *len) {
  return accept4(fd, addr, len, 0);
}

ssize_t send(int fd, const void *buf, size_t n, int flags) {
  return sendto(fd, buf, n, flags, 0, 0);
}

ssize_t recv(int fd, void *buf, size_t n, int flags) {
  return recvfrom(fd, buf, n, flags, 0, 0);
}
