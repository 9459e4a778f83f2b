/* /bin/winch: waits for SIGWINCH, then prints the window size the tty
 * reports (host-devices.test.ts resizes the console while it waits). It
 * writes to stderr, so it can stand first in a pipeline. */
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

static volatile int winches;

static void on_winch(int sig) {
  (void)sig;
  winches++;
}

int main(void) {
  struct winsize ws;
  signal(SIGWINCH, on_winch);
  fprintf(stderr, "waiting for SIGWINCH\n");
  while (winches == 0) pause();
  if (ioctl(0, TIOCGWINSZ, &ws) < 0) return 1;
  fprintf(stderr, "SIGWINCH: %d rows, %d columns\n", ws.ws_row, ws.ws_col);
  return 0;
}
