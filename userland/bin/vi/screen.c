/* screen.c: what the terminal shows — rows - 1 lines of text from `top`,
 * then the status line — redrawn whole with VT100 sequences (cursor home,
 * erase to end of line) in one write, on the alternate screen so the
 * shell's screen comes back at exit.
 *
 * Long files scroll: `top` follows the cursor. Lines longer than the
 * screen are not wrapped; the view slides sideways (`left`, in display
 * columns) to keep the cursor in sight, as vim's nowrap. A tab reaches the
 * next multiple of 8 columns, a control byte shows as ^X (two columns), a
 * UTF-8 continuation byte takes none. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "vi.h"

static char out[16384];
static int out_len;
static int top, left;

static void flush_out(void) {
  int done = 0, n;
  while (done < out_len) {
    n = write(1, out + done, out_len - done);
    if (n <= 0) break;
    done += n;
  }
  out_len = 0;
}

static void put(const char *s, int n) {
  if (out_len + n > (int)sizeof out) flush_out();
  if (n > (int)sizeof out) n = sizeof out;
  memcpy(out + out_len, s, n);
  out_len += n;
}

static void puts_out(const char *s) {
  put(s, strlen(s));
}

static int char_width(unsigned char c, int col) {
  if (c == '\t') return 8 - col % 8;
  if (c < 32 || c == 127) return 2;
  if (c >= 0x80 && c < 0xC0) return 0;
  return 1;
}

int display_col(const struct line *l, int x) {
  int col = 0, i;
  for (i = 0; i < x && i < l->len; i++) col += char_width((unsigned char)l->text[i], col);
  return col;
}

/* One text row: the columns left .. left + cols - 1 of line l. */
static void draw_line(const struct line *l) {
  int col = 0, i, w, k;
  char tmp[2];
  for (i = 0; i < l->len && col < left + cols; i++) {
    unsigned char c = (unsigned char)l->text[i];
    w = char_width(c, col);
    if (c == '\t') {
      for (k = 0; k < w; k++)
        if (col + k >= left && col + k < left + cols) put(" ", 1);
    } else if (w == 2) {
      tmp[0] = '^';
      tmp[1] = c == 127 ? '?' : (char)(c + 64);
      for (k = 0; k < 2; k++)
        if (col + k >= left && col + k < left + cols) put(&tmp[k], 1);
    } else if (col >= left && (w == 1 || col > left)) {
      put((const char *)&l->text[i], 1);
    }
    col += w;
  }
}

static void scroll_to_cursor(void) {
  int text_rows = rows - 1, dc;
  if (cy < top) top = cy;
  if (cy >= top + text_rows) top = cy - text_rows + 1;
  dc = display_col(&buf.lines[cy], cx);
  if (dc < left) left = dc;
  if (dc >= left + cols - 1) left = dc - cols + 2;
}

void screen_draw(const char *mode_text) {
  char status[512], right[64];
  int r, len, room;
  scroll_to_cursor();
  puts_out("\x1b[H");
  for (r = 0; r < rows - 1; r++) {
    if (top + r < buf.nlines) draw_line(&buf.lines[top + r]);
    else puts_out("~");
    puts_out("\x1b[K\r\n");
  }
  if (message[0]) snprintf(status, sizeof status, "%s", message);
  else if (mode_text) snprintf(status, sizeof status, "%s", mode_text);
  else snprintf(status, sizeof status, "\"%s\"%s", filename[0] ? filename : "[No Name]", modified ? " [Modified]" : "");
  snprintf(right, sizeof right, "line %d of %d, col %d", cy + 1, buf.nlines, display_col(&buf.lines[cy], cx) + 1);
  len = strlen(status);
  room = cols - 1 - (int)strlen(right);
  if (len > cols - 1) len = cols - 1;
  put(status, len);
  if (room > len + 1) {
    for (r = len; r < room; r++) put(" ", 1);
    puts_out(right);
  }
  puts_out("\x1b[K");
  snprintf(status, sizeof status, "\x1b[%d;%dH", cy - top + 1, display_col(&buf.lines[cy], cx) - left + 1);
  puts_out(status);
  flush_out();
}

/* The command line being typed (":" or "/" and the text so far). */
void screen_prompt(const char *prompt, const char *text) {
  char pos[32];
  int len = strlen(text), start = 0;
  if ((int)strlen(prompt) + len > cols - 1) start = len - (cols - 1 - (int)strlen(prompt));
  snprintf(pos, sizeof pos, "\x1b[%d;1H", rows);
  puts_out(pos);
  puts_out(prompt);
  puts_out(text + start);
  puts_out("\x1b[K");
  flush_out();
}

void screen_enter(void) {
  puts_out("\x1b[?1049h\x1b[H\x1b[2J");
  flush_out();
}

/* Back to the shell's screen: the normal buffer, cursor on a fresh line. */
void screen_leave(void) {
  char pos[32];
  snprintf(pos, sizeof pos, "\x1b[%d;1H\r\n", rows);
  puts_out(pos);
  puts_out("\x1b[?1049l");
  flush_out();
}
