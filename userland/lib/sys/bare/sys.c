/* sys.c: the system layer (../../sys.h) for the bare machine: ring 0,
 * paging on with RAM identity-mapped (fault.c), no kernel.
 *
 * - Console: the UART at 0x3F8, polled. fd 1 and 2 write to it, fd 0 reads
 *   from it; all three are terminals (stdout is line-buffered). A read
 *   returns one line: it waits for each byte, turns '\r' (what a terminal
 *   sends for Enter) into '\n', and stops after '\n' or when the buffer is
 *   full. The byte 0x04 (Ctrl-D) means end of file: at the start of a read
 *   it returns 0, later it ends the read early. Nothing is echoed.
 * - Files: there are none: open gives -ENOSYS, lseek on the console
 *   -ESPIPE, getdents -ENOTDIR, close succeeds on 0..2 and gives -EBADF
 *   otherwise.
 * - sbrk: moves a break inside the RAM window start.c sets up, never past
 *   its ends; (void *)-1 when a request does not fit.
 * - exit: writes the status byte to the power-off port 0x501. */
#include <hako/errno.h>
#include "../../sys.h"
#include "bare.h"

#define UART_DATA 0x3F8
#define UART_LSR 0x3FD
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define POWER_PORT 0x501
#define CTRL_D 4

static unsigned long heap_start;
static unsigned long heap_break;
static unsigned long heap_limit;

void __bare_heap_init(unsigned long start, unsigned long limit) {
  start = (start + 15) & ~15UL;
  if (limit < start)
    limit = start;
  heap_start = start;
  heap_break = start;
  heap_limit = limit;
}

static void uart_put(int c) {
  while (!(port_inb(UART_LSR) & LSR_THR_EMPTY))
    ;
  port_outb(UART_DATA, c);
}

static int uart_get(void) {
  while (!(port_inb(UART_LSR) & LSR_DATA_READY))
    ;
  return port_inb(UART_DATA);
}

long __sys_write(int fd, const void *buf, unsigned long n) {
  const char *p = (const char *)buf;
  unsigned long i;
  if (fd != 1 && fd != 2)
    return -EBADF;
  for (i = 0; i < n; i++)
    uart_put(p[i]);
  return (long)n;
}

long __sys_read(int fd, void *buf, unsigned long n) {
  char *p = (char *)buf;
  unsigned long got = 0;
  int c;
  if (fd != 0)
    return -EBADF;
  while (got < n) {
    c = uart_get();
    if (c == CTRL_D)
      break;
    if (c == '\r')
      c = '\n';
    p[got++] = (char)c;
    if (c == '\n')
      break;
  }
  return (long)got;
}

long __sys_open(const char *path, int flags, int mode) {
  (void)path;
  (void)flags;
  (void)mode;
  return -ENOSYS;
}

long __sys_close(int fd) {
  return fd >= 0 && fd <= 2 ? 0 : -EBADF;
}

long __sys_lseek(int fd, long offset, int whence) {
  (void)offset;
  (void)whence;
  return fd >= 0 && fd <= 2 ? -ESPIPE : -EBADF;
}

long __sys_getdents(int fd, void *buf, unsigned long n) {
  (void)buf;
  (void)n;
  return fd >= 0 && fd <= 2 ? -ENOTDIR : -EBADF;
}

int __sys_isatty(int fd) {
  return fd >= 0 && fd <= 2;
}

void *__sys_sbrk(long incr) {
  unsigned long old = heap_break;
  if (incr > 0 && (unsigned long)incr > heap_limit - heap_break)
    return (void *)-1;
  if (incr < 0 && 0UL - (unsigned long)incr > heap_break - heap_start)
    return (void *)-1;
  heap_break += (unsigned long)incr;
  return (void *)old;
}

void __sys_exit(int status) {
  port_outb(POWER_PORT, status & 0xFF);
  /* Powered off already; should the write not take, stop the CPU. */
  for (;;)
    cpu_halt();
}

/* One thread on the bare machine: the process and the thread end alike. */
void __sys_exit_group(int status) {
  __sys_exit(status);
}
