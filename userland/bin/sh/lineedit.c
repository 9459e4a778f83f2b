/* lineedit.c: the interactive shell's line editor, in the terminal's raw
 * mode (termios through the TCGETS/TCSETS ioctls: ICANON, ECHO and ISIG
 * off while a line is edited, the saved settings back before it runs, so
 * programs always start on a cooked terminal).
 *
 * Keys: printable characters insert at the cursor; Backspace/^H delete
 * before it, ^D on an empty line is end of input (else delete under the
 * cursor); ←/→ (and ^B/^F) move; Home/End and ^A/^E jump; ^U kills the
 * line; ^K to the end; ^L clears the screen; ↑/↓ walk the history of the
 * last HISTORY lines; ^R searches it backwards as you type (^R again: the
 * next older match; Enter runs the match, Esc or an arrow keeps it for
 * editing, ^G or ^C gives up); Tab completes a command or path name
 * (complete.c; a second Tab-less listing when it is ambiguous); ^C
 * abandons the line; Enter (CR or LF) ends it.
 * A line holds size - 1 bytes (4095 for the shell, as the terminal's own
 * canonical mode): a key past that rings the bell and is refused, and the
 * line is then not run at Enter (a truncated command could do harm).
 * The history is kept in $HOME/.sh_history: loaded when the interactive
 * shell starts (history_load), each new line appended once it has run,
 * when the editor starts on the next one (history_save).
 * The line is redrawn as "\r" prompt text ESC[K then the cursor moved back,
 * which any VT100-like terminal (xterm.js included) understands.
 * Invariant: buf always holds `len` bytes plus a NUL; 0 <= cursor <= len. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "ulib.h"
#include "sh.h"

#define LINE_SIZE 4096

char *complete_word(const char *line, int cursor, int *word_start, struct strvec *matches);

#define HISTORY 500
#define ICANON_BIT 0x2
#define ECHO_BIT 0x8
#define ISIG_BIT 0x1
#define CC_OFFSET 17
#define VTIME_INDEX 5
#define VMIN_INDEX 6

static char *history[HISTORY];
static int history_len;

static void history_remember(const char *line) {
  int i;
  if (history_len > 0 && strcmp(history[history_len - 1], line) == 0)
    return;
  if (history_len == HISTORY) {
    free(history[0]);
    for (i = 1; i < HISTORY; i++)
      history[i - 1] = history[i];
    history_len--;
  }
  history[history_len++] = strdup(line);
}

static int history_fd = -1;   /* the file, open for appending all session long */

static char *history_path(void) {
  const char *home = var_get("HOME");
  char *path;
  if (!home || !home[0])
    return 0;
  path = arena_alloc(strlen(home) + 16);
  strcpy(path, home);
  if (path[strlen(path) - 1] != '/')
    strcat(path, "/");
  strcat(path, ".sh_history");
  return path;
}

void history_load(void) {
  char *path = history_path();
  int fd;
  char chunk[512];
  char line[LINE_SIZE];
  int len = 0;
  int n;
  if (!path)
    return;
  history_fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (history_fd >= 0 && history_fd < 10) {
    int high = fcntl(history_fd, F_DUPFD, 10);
    close(history_fd);
    history_fd = high;
  }
  if (history_fd >= 0)
    fcntl(history_fd, F_SETFD, FD_CLOEXEC);
  if ((fd = open(path, O_RDONLY, 0)) < 0)
    return;
  while ((n = read(fd, chunk, sizeof chunk)) > 0) {
    int i;
    for (i = 0; i < n; i++) {
      if (chunk[i] == '\n') {
        line[len] = 0;
        if (len)
          history_remember(line);
        len = 0;
      } else if (len < LINE_SIZE - 1) {
        line[len++] = chunk[i];
      }
    }
  }
  close(fd);
}


static int unsaved;   /* the newest entry is not in the file yet */

void history_add(const char *line) {
  if (history_len > 0 && strcmp(history[history_len - 1], line) == 0)
    return;
  history_remember(line);
  unsaved = 1;
}

/* Appends the newest entry to the file, with one write to an fd kept
 * open. Called when the editor starts on the next line (in raw mode), not
 * between Enter and the command: disk work there would delay the
 * command, and keys typed at once (^C, ^Z, the next line) would reach the
 * shell instead of it. */
void history_save(void) {
  const char *line;
  char *copy;
  int n;
  if (!unsaved || history_len == 0)
    return;
  unsaved = 0;
  line = history[history_len - 1];
  if (history_fd < 0 || strchr(line, '\n'))
    return;   /* a multi-line command stays in this session's memory only */
  n = strlen(line);
  copy = arena_alloc(n + 2);
  memcpy(copy, line, n);
  copy[n] = '\n';
  write(history_fd, copy, n + 1);
}

static void out(const char *s, int n) {
  write(1, s, n);
}

static void outs(const char *s) {
  out(s, strlen(s));
}

static void redraw(const char *prompt, const char *buf, int len, int cursor) {
  char tmp[32];
  outs("\r");
  outs(prompt);
  out(buf, len);
  outs("\x1b[K");
  if (len > cursor) {
    sprintf(tmp, "\x1b[%dD", len - cursor);
    outs(tmp);
  }
}

static int read_key(void) {
  unsigned char c;
  int n = read(0, &c, 1);
  if (n <= 0)
    return -1;
  return c;
}

/* ^R: the newest history line (before `from`) containing query, or -1. */
static int search_back(const char *query, int from) {
  int i;
  for (i = from - 1; i >= 0; i--)
    if (strstr(history[i], query))
      return i;
  return -1;
}

/* The search loop. Returns 1 when Enter takes the match (run it), 0 when
 * it is kept for editing, -1 when given up (the line as it was). */
static int reverse_search(char *buf, int size, int *len) {
  char query[128];
  int qlen = 0;
  int at = history_len;
  int found = -1;
  char *orig = strdup(buf);
  int result;
  query[0] = 0;
  for (;;) {
    char line[LINE_SIZE + 160];
    int c;
    snprintf(line, sizeof line, "\r(reverse-i-search)`%s': %s\x1b[K", query, found >= 0 ? history[found] : "");
    outs(line);
    c = read_key();
    if (c == 18) {
      int next = search_back(query, found >= 0 ? found : at);
      if (next >= 0)
        found = next;
      continue;
    }
    if ((c == 127 || c == 8) && qlen > 0) {
      query[--qlen] = 0;
      found = search_back(query, history_len);
      continue;
    }
    if (c >= 32 && c < 127 && qlen < (int)sizeof query - 1) {
      query[qlen++] = c;
      query[qlen] = 0;
      found = search_back(query, found >= 0 ? found + 1 : history_len);
      continue;
    }
    if (c == 7 || c == 3 || c < 0) {
      result = -1;
      break;
    }
    result = (c == '\r' || c == '\n') ? 1 : 0;
    if (c == 27) {
      /* an escape sequence ends the search; its remaining bytes are dropped */
      int c1 = read_key();
      if (c1 == '[' || c1 == 'O')
        read_key();
    }
    break;
  }
  if (result >= 0 && found >= 0) {
    strncpy(buf, history[found], size - 1);
    buf[size - 1] = 0;
  } else if (result < 0) {
    strncpy(buf, orig, size - 1);
    buf[size - 1] = 0;
    result = 0;
  }
  free(orig);
  *len = strlen(buf);
  return result;
}

static void tab_complete(const char *prompt, char *buf, int size, int *len, int *cursor) {
  struct strvec matches;
  int start;
  char *text = complete_word(buf, *cursor, &start, &matches);
  int tlen = strlen(text);
  int i;
  if (matches.n > 1 && tlen <= *cursor - start) {
    /* nothing to add: show the choices, then the line again */
    outs("\n");
    for (i = 0; i < matches.n; i++) {
      const char *m = matches.v[i];
      const char *slash = strrchr(m, '/');
      if (slash && slash[1] == 0) {
        /* a directory: show its last part with the / */
        const char *p = slash;
        while (p > m && p[-1] != '/')
          p--;
        outs(p);
      } else {
        outs(slash ? slash + 1 : m);
      }
      outs(i + 1 < matches.n ? "  " : "\n");
    }
    outs(prompt);
    out(buf, *len);
    return;
  }
  if (matches.n == 0 || *len - (*cursor - start) + tlen >= size)
    return;
  memmove(buf + start + tlen, buf + *cursor, *len - *cursor + 1);
  memcpy(buf + start, text, tlen);
  *len += tlen - (*cursor - start);
  *cursor = start + tlen;
}

int lineedit_read(const char *prompt, char *buf, int size) {
  unsigned char saved[36];
  unsigned char raw[36];
  unsigned int lflag;
  int len = 0;
  int cursor = 0;
  int hist = history_len;
  int result = 0;
  char *stash = 0;
  int overflow = 0;
  if (__sys_ioctl(0, U_TCGETS, (unsigned int)saved) < 0) {
    /* not a terminal after all: plain reading */
    int n = 0;
    int c;
    outs(prompt);
    while ((c = read_key()) >= 0 && c != '\n' && c != '\r')
      if (n < size - 1)
        buf[n++] = c;
      else
        overflow = 1;
    if (overflow) {
      fprintf(stderr, "sh: line longer than %d bytes: not run\n", size - 1);
      n = 0;
    }
    buf[n] = 0;
    return c < 0 && n == 0 ? -1 : n;
  }
  memcpy(raw, saved, sizeof raw);
  memcpy(&lflag, raw + 12, 4);
  lflag &= ~(ICANON_BIT | ECHO_BIT | ISIG_BIT);
  memcpy(raw + 12, &lflag, 4);
  raw[CC_OFFSET + VMIN_INDEX] = 1;
  raw[CC_OFFSET + VTIME_INDEX] = 0;
  __sys_ioctl(0, U_TCSETS, (unsigned int)raw);
  /* the last line goes to the file now, in raw mode: keys typed meanwhile
   * wait for the editor instead of being echoed by the terminal */
  history_save();
  buf[0] = 0;
  outs(prompt);
  for (;;) {
    int c = read_key();
    if (c < 0) {
      result = len > 0 ? len : -1;
      break;
    }
    if (c == '\r' || c == '\n') {
      /* cooked again before the newline shows: a ^C typed once the line
       * is seen to be taken is a signal for the command, not a key */
      __sys_ioctl(0, U_TCSETS, (unsigned int)saved);
      outs("\n");   /* ONLCR makes it \r\n */
      result = len;
      if (overflow) {
        fprintf(stderr, "sh: line longer than %d bytes: not run\n", size - 1);
        len = 0;
        result = -2;
      }
      break;
    }
    if (c == 3) {
      outs("^C\n");
      len = 0;
      result = -2;
      break;
    }
    if (c == 18) {
      int r = reverse_search(buf, size, &len);
      cursor = len;
      if (r == 1) {
        redraw(prompt, buf, len, cursor);
        __sys_ioctl(0, U_TCSETS, (unsigned int)saved);
        outs("\n");
        result = len;
        break;
      }
    } else if (c == 9) {
      tab_complete(prompt, buf, size, &len, &cursor);
    } else if (c == 4) {
      if (len == 0) {
        outs("\n");
        result = -1;
        break;
      }
      if (cursor < len) {
        memmove(buf + cursor, buf + cursor + 1, len - cursor);
        len--;
      }
    } else if (c == 127 || c == 8) {
      if (cursor > 0) {
        memmove(buf + cursor - 1, buf + cursor, len - cursor + 1);
        cursor--;
        len--;
      }
    } else if (c == 1) {
      cursor = 0;
    } else if (c == 5) {
      cursor = len;
    } else if (c == 2) {
      if (cursor > 0)
        cursor--;
    } else if (c == 6) {
      if (cursor < len)
        cursor++;
    } else if (c == 21) {
      memmove(buf, buf + cursor, len - cursor + 1);
      len -= cursor;
      cursor = 0;
    } else if (c == 11) {
      len = cursor;
      buf[len] = 0;
    } else if (c == 12) {
      outs("\x1b[H\x1b[2J");
    } else if (c == 27) {
      int c1 = read_key();
      int c2 = c1 == '[' || c1 == 'O' ? read_key() : -1;
      int step = 0;
      if (c2 >= '0' && c2 <= '9') {
        int c3 = read_key();
        if (c3 == '~' && (c2 == '1' || c2 == '7'))
          c2 = 'H';
        else if (c3 == '~' && (c2 == '4' || c2 == '8'))
          c2 = 'F';
        else if (c3 == '~' && c2 == '3')
          c2 = 'X';
      }
      if (c2 == 'D' && cursor > 0)
        cursor--;
      else if (c2 == 'C' && cursor < len)
        cursor++;
      else if (c2 == 'H')
        cursor = 0;
      else if (c2 == 'F')
        cursor = len;
      else if (c2 == 'X' && cursor < len) {
        memmove(buf + cursor, buf + cursor + 1, len - cursor);
        len--;
      } else if (c2 == 'A')
        step = -1;
      else if (c2 == 'B')
        step = 1;
      if (step && hist + step >= 0 && hist + step <= history_len) {
        if (hist == history_len) {
          free(stash);
          stash = strdup(buf);
        }
        hist += step;
        strncpy(buf, hist == history_len ? (stash ? stash : "") : history[hist], size - 1);
        buf[size - 1] = 0;
        len = strlen(buf);
        cursor = len;
      }
    } else if (c >= 32 && len >= size - 1) {
      overflow = 1;
      outs("\a");
      continue;
    } else if (c >= 32) {
      memmove(buf + cursor + 1, buf + cursor, len - cursor + 1);
      buf[cursor++] = c;
      len++;
      if (cursor == len) {
        char ch = c;
        out(&ch, 1); /* the common case: typing at the end, no redraw */
        continue;
      }
    }
    redraw(prompt, buf, len, cursor);
  }
  free(stash);
  __sys_ioctl(0, U_TCSETS, (unsigned int)saved);
  if (result >= 0)
    buf[len] = 0;
  return result;
}
