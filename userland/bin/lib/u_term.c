/* u_term.c: the full-screen programs' terminal (vi, less): raw mode through
 * the TCGETS/TCSETS ioctls and its undoing, the window size (TIOCGWINSZ) and
 * keys read whole, escape sequences included.
 *
 * Raw mode here is ICANON, ECHO, ISIG and IXON off with VMIN 1: every key
 * reaches the program as typed, ^C included (the program decides what it
 * means). u_term_restore puts back the settings saved by u_term_raw and is
 * safe to call from a signal handler and more than once. u_term_signals
 * makes ^C-like deaths (SIGINT, SIGTERM, SIGHUP, caught: ISIG is off, so
 * they come from kill) leave the screen and the raw mode before dying of
 * the same signal, and SIGWINCH re-read the size, interrupting a key wait.
 *
 * Keys: the tty hands over everything queued in one read, and a terminal
 * sends an escape sequence in one piece, so an ESC that ends what one read
 * returned is the Escape key itself, and ESC [ or ESC O followed by more is
 * a sequence (arrows, Home/End, Delete, Page Up/Down) when what follows
 * fits one (ESC O then a key is Escape and O, to vi). */
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <termios.h>
#include "ulib.h"

static struct termios saved;
static int saved_fd = -1;
static unsigned char keys[256];
static int key_pos, key_len;

int u_term_raw(int fd) {
  struct termios raw;
  if (ioctl(fd, TCGETS, &saved) < 0) return -1;
  saved_fd = fd;
  raw = saved;
  raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
  raw.c_iflag &= ~(IXON | ICRNL);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  return ioctl(fd, TCSETS, &raw);
}

void u_term_restore(void) {
  if (saved_fd >= 0) ioctl(saved_fd, TCSETS, &saved);
  saved_fd = -1;
}

void u_term_size(int fd, int *rows, int *cols) {
  struct winsize ws;
  *rows = 24;
  *cols = 80;
  if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 1 && ws.ws_col > 1) {
    *rows = ws.ws_row;
    *cols = ws.ws_col;
  }
}

static void (*leave_screen)(void);
static int size_fd;
static int *size_rows, *size_cols;

static void on_fatal_signal(int sig) {
  leave_screen();
  u_term_restore();
  signal(sig, SIG_DFL);
  kill(getpid(), sig);
  _exit(128 + sig);
}

static void on_winch(int sig) {
  (void)sig;
  u_term_size(size_fd, size_rows, size_cols);
}

void u_term_signals(void (*leave)(void), int fd, int *rows, int *cols) {
  leave_screen = leave;
  size_fd = fd;
  size_rows = rows;
  size_cols = cols;
  signal(SIGINT, on_fatal_signal);
  signal(SIGTERM, on_fatal_signal);
  signal(SIGHUP, on_fatal_signal);
  signal(SIGWINCH, on_winch);
  siginterrupt(SIGWINCH, 1);   /* a resize ends the key wait: redraw */
}

int u_key_pending(void) {
  return key_pos < key_len;
}

/* The next byte: from what was read already, else one blocking read.
 * -1 at end of input, -2 when a signal interrupted the wait. */
static int next_byte(int fd) {
  int n;
  if (key_pos < key_len) return keys[key_pos++];
  n = read(fd, keys, sizeof keys);
  if (n < 0) return -2;
  if (n == 0) return -1;
  key_pos = 0;
  key_len = n;
  return keys[key_pos++];
}

int u_read_key(int fd) {
  int c = next_byte(fd), c1, c2, c3;
  if (c != 27 || key_pos >= key_len) return c;
  if (keys[key_pos] == 'O') {
    /* ESC O is a sequence only before its final byte (xterm's cursor keys
     * in application mode); else it is Escape and then the key O (vi) */
    if (key_pos + 1 >= key_len || !strchr("ABCDHF", keys[key_pos + 1])) return 27;
  } else if (keys[key_pos] != '[' || key_pos + 1 >= key_len) {
    return 27;
  }
  c1 = next_byte(fd);
  c2 = next_byte(fd);
  if (c2 >= '0' && c2 <= '9') {
    c3 = next_byte(fd);
    while (c3 >= 0 && c3 != '~' && key_pos < key_len) c3 = next_byte(fd);   /* ESC[1;5A and the like */
    if (c2 == '1' || c2 == '7') return U_KEY_HOME;
    if (c2 == '4' || c2 == '8') return U_KEY_END;
    if (c2 == '3') return U_KEY_DELETE;
    if (c2 == '5') return U_KEY_PAGE_UP;
    if (c2 == '6') return U_KEY_PAGE_DOWN;
    return U_KEY_NONE;
  }
  (void)c1;
  if (c2 == 'A') return U_KEY_UP;
  if (c2 == 'B') return U_KEY_DOWN;
  if (c2 == 'C') return U_KEY_RIGHT;
  if (c2 == 'D') return U_KEY_LEFT;
  if (c2 == 'H') return U_KEY_HOME;
  if (c2 == 'F') return U_KEY_END;
  return U_KEY_NONE;
}
