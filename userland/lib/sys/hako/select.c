/* select.c: select(2) over the kernel's _newselect, which takes the sets
 * as arrays of words and writes the time left back into *timeout. */
#include <errno.h>
#include <sys/select.h>

int __sys__newselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout);

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout) {
  int r = __sys__newselect(nfds, readfds, writefds, exceptfds, timeout);
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}
