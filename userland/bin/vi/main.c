/* vi: a small vi for editing a file inside the guest.
 *
 *   vi [FILE]
 *
 * Three modes, as vi: normal (keys are commands), insert (keys are text,
 * Escape returns) and the command line (":" and "/", Enter runs it).
 * Normal: h j k l and the arrows, 0 ^ $ w b e, gg G [N]G, ^F ^B (pages),
 * i a I A o O, x X, dd yy (with a count), p P, J, r, D, u (undo; u again
 * redoes), /PATTERN (POSIX basic regular expression) n N, ZZ.
 * Command line: :w [NAME], :q, :q!, :wq, :x, :N (go to line N), :$.
 *
 * The terminal is put in raw mode (userland/bin/lib/u_term.c) and always
 * put back: at exit, and on SIGINT, SIGTERM and SIGHUP, which also leave
 * the alternate screen. SIGWINCH re-reads the size. Files: buffer.c holds
 * the text, screen.c draws it. */
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"
#include "vi.h"

int cy, cx, modified, rows, cols;
char filename[256], message[256];
static char last_search[256];
static int in_fd = 0, quitting;

static struct line *cur(void) {
  return &buf.lines[cy];
}

/* Normal mode keeps the cursor on a character (not past the end). */
static void clamp(int insert) {
  int len;
  if (cy >= buf.nlines) cy = buf.nlines - 1;
  if (cy < 0) cy = 0;
  len = cur()->len;
  if (cx > len - (insert ? 0 : 1)) cx = len - (insert ? 0 : 1);
  if (cx < 0) cx = 0;
}

static int is_word(int c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The class of the character at (y, x): 0 blank or end of line, 1 word, 2 punctuation. */
static int class_at(int y, int x) {
  int c;
  if (x >= buf.lines[y].len) return 0;
  c = (unsigned char)buf.lines[y].text[x];
  if (c == ' ' || c == '\t') return 0;
  return is_word(c) ? 1 : 2;
}

/* One step forward over the text, line ends included; 0 at the end. */
static int step_forward(int *y, int *x) {
  if (*x < buf.lines[*y].len) { (*x)++; return 1; }
  if (*y + 1 < buf.nlines) { (*y)++; *x = 0; return 1; }
  return 0;
}

static int step_back(int *y, int *x) {
  if (*x > 0) { (*x)--; return 1; }
  if (*y > 0) { (*y)--; *x = buf.lines[*y].len; return 1; }
  return 0;
}

static void word_forward(void) {
  int y = cy, x = cx, k = class_at(y, x);
  while (k != 0 && class_at(y, x) == k && step_forward(&y, &x))
    if (x == 0) break;
  while (class_at(y, x) == 0 && !(x == 0 && buf.lines[y].len == 0 && y != cy))
    if (!step_forward(&y, &x)) break;
  cy = y;
  cx = x;
}

static void word_back(void) {
  int y = cy, x = cx, k;
  if (!step_back(&y, &x)) return;
  while (class_at(y, x) == 0 && !(buf.lines[y].len == 0) && step_back(&y, &x)) {}
  k = class_at(y, x);
  while (x > 0 && k != 0 && class_at(y, x - 1) == k) x--;
  cy = y;
  cx = x;
}

static void word_end(void) {
  int y = cy, x = cx, k;
  step_forward(&y, &x);
  while (class_at(y, x) == 0 && step_forward(&y, &x)) {}
  k = class_at(y, x);
  while (x + 1 < buf.lines[y].len && class_at(y, x + 1) == k) x++;
  cy = y;
  cx = x;
}

static int first_nonblank(int y) {
  int x = 0;
  while (x < buf.lines[y].len && (buf.lines[y].text[x] == ' ' || buf.lines[y].text[x] == '\t')) x++;
  return x;
}

/* The first match in line y starting at byte `from` or later, -1 if none. */
static int match_from(regex_t *re, int y, int from) {
  regmatch_t m;
  if (from > buf.lines[y].len) return -1;
  if (regexec(re, buf.lines[y].text + from, 1, &m, from > 0 ? REG_NOTBOL : 0) != 0) return -1;
  return from + m.rm_so;
}

/* /PATTERN or n (dir 1) and N (dir -1): the next match after (before) the
 * cursor, wrapping around the end (start) of the file. */
static void search(const char *pattern, int dir) {
  regex_t re;
  int i, y, x, last, found = -1;
  if (u_search_compile(&re, pattern, message, sizeof message) != 0)
    return;
  for (i = 0; i <= buf.nlines && found < 0; i++) {
    y = ((cy + dir * i) % buf.nlines + buf.nlines) % buf.nlines;
    if (dir > 0) {
      found = match_from(&re, y, i == 0 ? cx + 1 : 0);
    } else {
      for (last = -1, x = match_from(&re, y, 0); x >= 0 && (i > 0 || x < cx); x = match_from(&re, y, x + 1)) last = x;
      found = last;
    }
    if (found >= 0) {
      if (cy + dir * i >= buf.nlines || cy + dir * i < 0)
        snprintf(message, sizeof message, "search hit %s, continuing at %s", dir > 0 ? "BOTTOM" : "TOP", dir > 0 ? "TOP" : "BOTTOM");
      cy = y;
      cx = found;
    }
  }
  if (found < 0) snprintf(message, sizeof message, "Pattern not found: %s", pattern);
  regfree(&re);
}

/* Reads the command line after `prompt`; 0 when Escape cancelled it. */
static int read_command_line(const char *prompt, char *text, int size) {
  int len = 0, c;
  text[0] = 0;
  for (;;) {
    screen_prompt(prompt, text);
    c = u_read_key(in_fd);
    if (c == -1) return 0;
    if (c == -2) continue;
    if (c == 27 || c == 3) return 0;
    if (c == '\r' || c == '\n') return 1;
    if (c == 127 || c == 8) {
      if (len == 0) return 0;
      text[--len] = 0;
    } else if (c >= 32 && c < 256 && len < size - 1) {
      text[len++] = (char)c;
      text[len] = 0;
    }
  }
}

static void ex_command(char *cmd) {
  char *arg;
  int force, n;
  while (*cmd == ' ' || *cmd == ':') cmd++;
  if (!*cmd) return;
  if ((*cmd >= '0' && *cmd <= '9') || strcmp(cmd, "$") == 0) {
    n = *cmd == '$' ? buf.nlines : atoi(cmd);
    cy = n > 0 ? n - 1 : 0;
    cx = first_nonblank(cy < buf.nlines ? cy : buf.nlines - 1);
    return;
  }
  arg = cmd;
  while (*arg && *arg != ' ' && *arg != '!') arg++;
  force = *arg == '!';
  if (force) *arg++ = 0;
  while (*arg == ' ') *arg++ = 0;
  if (strcmp(cmd, "w") == 0 || strcmp(cmd, "wq") == 0 || strcmp(cmd, "x") == 0) {
    const char *name = *arg ? arg : filename;
    if (strcmp(cmd, "x") == 0 && !modified && !*arg) { quitting = 1; return; }
    if (!name[0]) {
      snprintf(message, sizeof message, "No file name");
      return;
    }
    if (buffer_save(name) != 0) return;
    if (!filename[0]) snprintf(filename, sizeof filename, "%s", name);
    if (strcmp(name, filename) == 0) modified = 0;
    if (cmd[1] == 'q' || cmd[0] == 'x') quitting = 1;
  } else if (strcmp(cmd, "q") == 0) {
    if (modified && !force) snprintf(message, sizeof message, "No write since last change (add ! to override)");
    else quitting = 1;
  } else {
    snprintf(message, sizeof message, "Not an editor command: %s", cmd);
  }
}

/* Insert mode until Escape. */
static void insert_mode(void) {
  int c;
  char ch;
  for (;;) {
    clamp(1);
    if (!u_key_pending()) screen_draw("-- INSERT --");
    c = u_read_key(in_fd);
    message[0] = 0;
    if (c == -1 || c == 27) break;
    if (c == -2) continue;
    if (c == '\r' || c == '\n') {
      struct line *l = cur();
      line_insert(cy + 1, l->text + cx, l->len - cx);
      line_delete_bytes(cy, cx, cur()->len - cx);
      cy++;
      cx = 0;
    } else if (c == 127 || c == 8) {
      if (cx > 0) {
        line_delete_bytes(cy, cx - 1, 1);
        cx--;
      } else if (cy > 0) {
        int prev_len = buf.lines[cy - 1].len;
        line_insert_bytes(cy - 1, prev_len, cur()->text, cur()->len);
        line_delete(cy);
        cy--;
        cx = prev_len;
      }
    } else if (c == U_KEY_LEFT && cx > 0) cx--;
    else if (c == U_KEY_RIGHT && cx < cur()->len) cx++;
    else if (c == U_KEY_UP && cy > 0) cy--;
    else if (c == U_KEY_DOWN && cy + 1 < buf.nlines) cy++;
    else if (c == U_KEY_HOME) cx = 0;
    else if (c == U_KEY_END) cx = cur()->len;
    else if (c == U_KEY_DELETE) line_delete_bytes(cy, cx, 1);
    else if (c == '\t' || (c >= 32 && c < 256 && c != 127)) {
      ch = (char)c;
      line_insert_bytes(cy, cx, &ch, 1);
      cx++;
    }
  }
  if (cx > 0) cx--;
}

/* One normal-mode command; `count` is the number typed before it (0: none). */
static void normal_command(int c, int count) {
  int n = count ? count : 1, i, c2;
  struct line *l = cur();
  char cmd[256];
  switch (c) {
  case 'h': case U_KEY_LEFT: case 8: case 127: cx -= n; break;
  case 'l': case U_KEY_RIGHT: case ' ': cx += n; break;
  case 'k': case U_KEY_UP: cy -= n; break;
  case 'j': case U_KEY_DOWN: case '+': case '\r': case '\n': cy += n; break;
  case '0': case U_KEY_HOME: cx = 0; break;
  case '^': cx = first_nonblank(cy); break;
  case '$': case U_KEY_END: cx = l->len; break;
  case 'w': for (i = 0; i < n; i++) word_forward(); break;
  case 'b': for (i = 0; i < n; i++) word_back(); break;
  case 'e': for (i = 0; i < n; i++) word_end(); break;
  case 'G': cy = count ? count - 1 : buf.nlines - 1; cx = first_nonblank(cy < buf.nlines ? cy : buf.nlines - 1); break;
  case 6: case U_KEY_PAGE_DOWN: cy += n * (rows - 2); break;
  case 2: case U_KEY_PAGE_UP: cy -= n * (rows - 2); break;
  case 'g':
    c2 = u_read_key(in_fd);
    if (c2 == 'g') { cy = count ? count - 1 : 0; cx = first_nonblank(cy < buf.nlines ? cy : buf.nlines - 1); }
    break;
  case 'i': case 'a': case 'I': case 'A': case 'o': case 'O':
    undo_save();
    if (c == 'a' && l->len > 0) cx++;
    if (c == 'I') cx = first_nonblank(cy);
    if (c == 'A') cx = l->len;
    if (c == 'o' || c == 'O') {
      line_insert(c == 'o' ? cy + 1 : cy, "", 0);
      if (c == 'o') cy++;
      cx = 0;
    }
    insert_mode();
    break;
  case 'x': case U_KEY_DELETE: case 'X':
    if (c == 'X') { if (cx == 0) break; if (n > cx) n = cx; cx -= n; }
    if (l->len == 0) break;
    undo_save();
    if (cx + n > l->len) n = l->len - cx;
    yank_bytes(l->text + cx, n);
    line_delete_bytes(cy, cx, n);
    break;
  case 'D':
    if (l->len == 0) break;
    undo_save();
    yank_bytes(l->text + cx, l->len - cx);
    line_delete_bytes(cy, cx, l->len - cx);
    break;
  case 'd': case 'y':
    c2 = u_read_key(in_fd);
    if (c2 != c) break;
    if (n > buf.nlines - cy) n = buf.nlines - cy;
    yank_lines(cy, n);
    if (c == 'd') {
      undo_save();
      for (i = 0; i < n; i++) line_delete(cy);
      cx = first_nonblank(cy < buf.nlines ? cy : buf.nlines - 1);
    } else if (n > 2) {
      snprintf(message, sizeof message, "%d lines yanked", n);
    }
    break;
  case 'p': case 'P': put_register(c == 'p'); break;
  case 'J':
    if (cy + 1 >= buf.nlines) break;
    undo_save();
    cx = l->len;
    if (l->len > 0) line_insert_bytes(cy, l->len, " ", 1);
    line_insert_bytes(cy, cur()->len, buf.lines[cy + 1].text + first_nonblank(cy + 1), buf.lines[cy + 1].len - first_nonblank(cy + 1));
    line_delete(cy + 1);
    break;
  case 'r':
    c2 = u_read_key(in_fd);
    if (c2 < 32 || c2 >= 256 || l->len == 0) break;
    undo_save();
    l->text[cx] = (char)c2;
    modified = 1;
    break;
  case 'u': undo_swap(); break;
  case '/':
    if (read_command_line("/", cmd, sizeof cmd)) {
      if (cmd[0]) snprintf(last_search, sizeof last_search, "%s", cmd);
      search(last_search, 1);
    }
    break;
  case 'n': search(last_search, 1); break;
  case 'N': search(last_search, -1); break;
  case ':':
    if (read_command_line(":", cmd, sizeof cmd)) ex_command(cmd);
    break;
  case 'Z':
    c2 = u_read_key(in_fd);
    if (c2 == 'Z') {
      if (modified && buffer_save(filename[0] ? filename : "") != 0) break;
      quitting = 1;
    }
    break;
  case 12: break;   /* ^L: the redraw that follows every key */
  case 27: break;
  default:
    if (c >= 0) snprintf(message, sizeof message, "Unknown command: %s%c", c < 32 ? "^" : "", c < 32 ? c + 64 : c);
    break;
  }
}

int main(int argc, char **argv) {
  int c, count = 0;
  if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1])) {
    fprintf(stderr, "usage: vi [FILE]\n");
    return 2;
  }
  if (!isatty(0) || !isatty(1)) {
    fprintf(stderr, "vi: standard input and output must be a terminal\n");
    return 1;
  }
  if (argc == 2) {
    snprintf(filename, sizeof filename, "%s", argv[1]);
    buffer_load(filename);
  } else {
    line_insert(0, "", 0);
  }
  modified = 0;
  u_term_size(1, &rows, &cols);
  if (u_term_raw(in_fd) < 0) {
    fprintf(stderr, "vi: cannot set the terminal to raw mode\n");
    return 1;
  }
  u_term_signals(screen_leave, 1, &rows, &cols);
  screen_enter();
  while (!quitting) {
    clamp(0);
    if (!u_key_pending()) screen_draw(0);
    c = u_read_key(in_fd);
    if (c == -1) break;
    if (c == -2) continue;
    message[0] = 0;
    if ((c >= '1' && c <= '9') || (c == '0' && count > 0)) {
      count = count * 10 + (c - '0');
      if (count > 1000000) count = 1000000;
      continue;
    }
    normal_command(c, count);
    count = 0;
  }
  screen_leave();
  u_term_restore();
  if (message[0]) printf("%s\n", message);   /* what :wq wrote stays in sight, as in vim */
  return 0;
}
