/* less (and more, the same program): a pager.
 *
 *   less [FILE...]      more [FILE...]
 *
 * Shows the files (several: one after the other, each under a
 * "::::::::" header, as more does) or standard input a screen at a time.
 * Keys: space f ^F PageDown (a page on), b ^B PageUp (a page back), j e
 * Enter ↓ (a line on), k y ↑ (a line back), d u (half a page), g < Home
 * (the start), G > End (the end), /PATTERN (POSIX basic regular
 * expression; forward from the top line) n N (the next / previous match),
 * ^L r (redraw), q Q (quit). As more, a space at the end quits.
 *
 * When standard output is not a terminal, less copies its input there and
 * is done (as less does), so `less FILE | wc` works. Keys come from
 * /dev/tty, so standard input can be a pipe (`ls -l | less`). Input is read
 * as the screen needs it: `yes | less` shows the first page at once, and
 * only G reads everything. Long lines wrap. The terminal is put in raw
 * mode on /dev/tty (userland/bin/lib/u_term.c) and put back at exit and on
 * SIGINT, SIGTERM and SIGHUP. */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

struct text_line {
  char *text;
  int len;
};

static struct text_line *lines;
static int nlines, lines_cap;
static char **files;
static int nfiles, file_index = -1, in_fd = -1, input_done, tty_fd = -1;
static char pending[4096];    /* bytes of an unfinished line */
static int pending_len;
static int rows, cols, top;
static char message[256], last_search[256];
static const char *prog = "less";

static void out(const char *s, int n) {
  u_write_all(prog, 1, s, n);
}

static void outs(const char *s) {
  out(s, strlen(s));
}

static void add_line(const char *s, int n) {
  if (nlines == lines_cap) {
    lines_cap = lines_cap ? lines_cap * 2 : 256;
    lines = realloc(lines, lines_cap * sizeof *lines);
    if (!lines) {
      u_term_restore();
      fprintf(stderr, "%s: out of memory\n", prog);
      exit(1);
    }
  }
  lines[nlines].text = malloc(n + 1);
  if (!lines[nlines].text) {
    u_term_restore();
    fprintf(stderr, "%s: out of memory\n", prog);
    exit(1);
  }
  memcpy(lines[nlines].text, s, n);
  lines[nlines].text[n] = 0;
  lines[nlines].len = n;
  nlines++;
}

static void flush_pending(void) {
  if (pending_len > 0) add_line(pending, pending_len);
  pending_len = 0;
}

/* The next input: the next file (with a header when there are several) or
 * standard input. 0 when there is none left. */
static int open_next(void) {
  char header[300];
  for (;;) {
    file_index++;
    if (nfiles == 0) {
      if (file_index > 0) return 0;
      in_fd = 0;
      return 1;
    }
    if (file_index >= nfiles) return 0;
    in_fd = strcmp(files[file_index], "-") == 0 ? 0 : open(files[file_index], O_RDONLY);
    if (in_fd < 0) {
      snprintf(message, sizeof message, "%s: %s", files[file_index], strerror(errno));
      u_perror2(prog, files[file_index]);
      continue;
    }
    if (nfiles > 1) {
      add_line("::::::::::::::", 14);
      snprintf(header, sizeof header, "%s", files[file_index]);
      add_line(header, strlen(header));
      add_line("::::::::::::::", 14);
    }
    return 1;
  }
}

/* Reads until there are at least `want` lines or the input is over. */
static void read_until(int want) {
  char chunk[4096];
  int n, i, start;
  while (!input_done && nlines < want) {
    if (in_fd < 0 && !open_next()) {
      input_done = 1;
      break;
    }
    n = read(in_fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0) u_perror2(prog, nfiles ? files[file_index] : "standard input");
      flush_pending();
      if (in_fd > 0) close(in_fd);
      in_fd = -1;
      continue;
    }
    for (start = 0, i = 0; i < n; i++) {
      /* a line ends at \n; one longer than `pending` is cut in pieces */
      int newline = chunk[i] == '\n';
      if (!newline && pending_len + i - start + 1 < (int)sizeof pending) continue;
      memcpy(pending + pending_len, chunk + start, i - start + !newline);
      add_line(pending, pending_len + i - start + !newline);
      pending_len = 0;
      start = i + 1;
    }
    memcpy(pending + pending_len, chunk + start, n - start);
    pending_len += n - start;
  }
}

/* Not a terminal: copy everything through. */
static int pass_through(void) {
  char chunk[4096];
  int n, status = 0;
  while (open_next()) {
    while ((n = read(in_fd, chunk, sizeof chunk)) > 0)
      if (u_write_all(prog, 1, chunk, n) < 0) return 1;
    if (n < 0) {
      u_perror2(prog, nfiles ? files[file_index] : "standard input");
      status = 1;
    }
    if (in_fd > 0) close(in_fd);
  }
  return status || message[0] ? 1 : 0;
}

/* Screen rows line l takes (long lines wrap; control bytes show as ^X). */
static int width_of(int l) {
  int w = 0, i;
  for (i = 0; i < lines[l].len; i++) {
    unsigned char c = (unsigned char)lines[l].text[i];
    if (c == '\t') w += 8 - w % 8;
    else if (c < 32 || c == 127) w += 2;
    else if (c < 0x80 || c >= 0xC0) w++;
  }
  return w;
}

static int rows_of(int l) {
  int w = width_of(l);
  return w == 0 ? 1 : (w + cols - 1) / cols;
}

static void draw_line(int l, int max_rows) {
  int col = 0, row = 0, i, k;
  char tmp[2];
  for (i = 0; i < lines[l].len && row < max_rows; i++) {
    unsigned char c = (unsigned char)lines[l].text[i];
    int w = c == '\t' ? 8 - col % 8 : (c < 32 || c == 127) ? 2 : (c >= 0x80 && c < 0xC0) ? 0 : 1;
    if (col + w > cols) {
      outs("\x1b[K\r\n");
      row++;
      col = 0;
      if (row >= max_rows) break;
      if (c == '\t') w = 8;
    }
    if (c == '\t') for (k = 0; k < w; k++) out(" ", 1);
    else if (w == 2) {
      tmp[0] = '^';
      tmp[1] = c == 127 ? '?' : (char)(c + 64);
      out(tmp, 2);
    } else out((const char *)&c, 1);
    col += w;
  }
}

/* The line after the last one fully on screen when `top` is at the top. */
static int screen_end(int from) {
  int used = 0, l = from;
  read_until(from + rows);
  while (l < nlines && used + rows_of(l) <= rows - 1) used += rows_of(l++);
  if (l == from && l < nlines) l++;   /* a line taller than the screen */
  return l;
}

static void draw(void) {
  int used = 0, l, r;
  read_until(top + rows);
  outs("\x1b[H");
  for (l = top; l < nlines && used < rows - 1; l++) {
    r = rows_of(l);
    draw_line(l, rows - 1 - used);
    outs("\x1b[K\r\n");
    used += r < rows - 1 - used ? r : rows - 1 - used;
  }
  for (; used < rows - 1; used++) outs("~\x1b[K\r\n");
  outs("\x1b[7m");   /* the prompt in reverse video, as less */
  if (message[0]) outs(message);
  else if (screen_end(top) >= nlines && input_done) outs("(END)");
  else if (top == 0 && nfiles > 0) outs(files[0]);
  else outs(":");
  outs("\x1b[0m\x1b[K");
  message[0] = 0;
}

static int last_top(void) {
  int used = 0, l;
  read_until(0x7FFFFFFF);
  for (l = nlines; l > 0 && used + rows_of(l - 1) <= rows - 1; l--) used += rows_of(l - 1);
  return l;
}

static void move(int by) {
  top += by;
  if (by > 0) {
    read_until(top + rows);
    if (top > nlines - 1) top = nlines - 1;
  }
  if (top < 0) top = 0;
}

/* From the line after the top one (n) or before it (N), the next line
 * that matches; the top moves there. */
static void search(int dir) {
  regex_t re;
  int l;
  if (u_search_compile(&re, last_search, message, sizeof message) != 0)
    return;
  for (l = top + dir; l >= 0; l += dir) {
    if (dir > 0) read_until(l + 1);
    if (l >= nlines) break;
    if (regexec(&re, lines[l].text, 0, 0, 0) == 0) {
      top = l;
      regfree(&re);
      return;
    }
  }
  regfree(&re);
  snprintf(message, sizeof message, "Pattern not found");
}

static void read_pattern(void) {
  char text[256];
  int len = 0, c;
  text[0] = 0;
  for (;;) {
    char pos[32];
    snprintf(pos, sizeof pos, "\x1b[%d;1H/", rows);
    outs(pos);
    outs(text);
    outs("\x1b[K");
    c = u_read_key(tty_fd);
    if (c == -2) continue;
    if (c < 0 || c == 27 || c == 3) return;
    if (c == '\r' || c == '\n') break;
    if (c == 127 || c == 8) {
      if (len == 0) return;
      text[--len] = 0;
    } else if (c >= 32 && c < 256 && len < (int)sizeof text - 1) {
      text[len++] = (char)c;
      text[len] = 0;
    }
  }
  if (text[0]) snprintf(last_search, sizeof last_search, "%s", text);
  search(1);
}

static void leave_screen(void) {
  char pos[32];
  snprintf(pos, sizeof pos, "\x1b[%d;1H\r\n\x1b[?1049l", rows);
  outs(pos);
}

int main(int argc, char **argv) {
  int c, quit = 0, is_more;
  const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  is_more = strcmp(base, "more") == 0;
  prog = is_more ? "more" : "less";
  if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
    fprintf(stderr, "usage: %s [FILE...]\n", prog);
    return 2;
  }
  files = argv + 1;
  nfiles = argc - 1;
  if (!isatty(1)) return pass_through();
  tty_fd = open("/dev/tty", O_RDWR);
  if (tty_fd < 0 || u_term_raw(tty_fd) < 0) {
    fprintf(stderr, "%s: cannot use /dev/tty for the keyboard\n", prog);
    return pass_through();
  }
  u_term_size(tty_fd, &rows, &cols);
  u_term_signals(leave_screen, tty_fd, &rows, &cols);
  outs("\x1b[?1049h\x1b[H\x1b[2J");
  read_until(1);
  while (!quit) {
    if (!u_key_pending()) draw();
    c = u_read_key(tty_fd);
    if (c == -2) continue;
    if (c == -1) break;
    switch (c) {
    case ' ': case 'f': case 6: case U_KEY_PAGE_DOWN:
      if (is_more && c == ' ' && screen_end(top) >= nlines && input_done) quit = 1;
      else if (screen_end(top) < nlines) top = screen_end(top);
      break;
    case 'b': case 2: case U_KEY_PAGE_UP: move(-(rows - 1)); break;
    case 'j': case 'e': case '\r': case '\n': case U_KEY_DOWN: case 14:
      if (screen_end(top) < nlines) move(1);
      break;
    case 'k': case 'y': case U_KEY_UP: case 16: move(-1); break;
    case 'd': case 4: if (screen_end(top) < nlines) move(rows / 2); break;
    case 'u': case 21: move(-(rows / 2)); break;
    case 'g': case '<': case U_KEY_HOME: top = 0; break;
    case 'G': case '>': case U_KEY_END: top = last_top(); break;
    case '/': read_pattern(); break;
    case 'n': search(1); break;
    case 'N': search(-1); break;
    case 'q': case 'Q': case 3: quit = 1; break;
    case 12: case 'r': outs("\x1b[2J"); break;
    default: break;
    }
  }
  leave_screen();
  u_term_restore();
  return 0;
}
