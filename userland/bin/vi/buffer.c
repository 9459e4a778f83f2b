/* buffer.c: the text as an array of lines, its file, the one-level undo
 * and the unnamed register (what yy, dd and x copied, for p and P).
 *
 * Undo keeps a whole copy of the text taken before each change; `u` swaps
 * the copy with the text, so a second `u` redoes (as classic vi). A copy
 * per change is cheap for the files a student edits and cannot go wrong.
 * A file is written as every line and a newline ("\n" after the last too,
 * as vi does); a buffer of one empty line writes an empty file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vi.h"

struct buffer buf;
static struct buffer undo;
static int undo_cy, undo_cx, have_undo;
static struct buffer reg;      /* linewise register */
static char *reg_bytes;        /* charwise register (x), when not linewise */
static int reg_len, reg_linewise;

static void *must_alloc(void *p) {
  if (!p) {
    screen_leave();
    fprintf(stderr, "vi: out of memory\n");
    exit(1);
  }
  return p;
}

static void line_set(struct line *l, const char *text, int len) {
  l->cap = len + 16;
  l->text = must_alloc(malloc(l->cap));
  memcpy(l->text, text, len);
  l->text[len] = 0;
  l->len = len;
}

static void buffer_insert(struct buffer *b, int at, const char *text, int len) {
  if (b->nlines == b->cap) {
    b->cap = b->cap ? b->cap * 2 : 64;
    b->lines = must_alloc(realloc(b->lines, b->cap * sizeof(struct line)));
  }
  memmove(&b->lines[at + 1], &b->lines[at], (b->nlines - at) * sizeof(struct line));
  line_set(&b->lines[at], text, len);
  b->nlines++;
}

void buffer_init(struct buffer *b) {
  b->lines = 0;
  b->nlines = 0;
  b->cap = 0;
}

void buffer_free(struct buffer *b) {
  int i;
  for (i = 0; i < b->nlines; i++) free(b->lines[i].text);
  free(b->lines);
  buffer_init(b);
}

static void buffer_copy(struct buffer *to, const struct buffer *from) {
  int i;
  buffer_free(to);
  for (i = 0; i < from->nlines; i++) buffer_insert(to, i, from->lines[i].text, from->lines[i].len);
}

void line_insert(int at, const char *text, int len) {
  buffer_insert(&buf, at, text, len);
  modified = 1;
}

/* Removes line `at`; the buffer never becomes empty (one empty line stays). */
void line_delete(int at) {
  free(buf.lines[at].text);
  memmove(&buf.lines[at], &buf.lines[at + 1], (buf.nlines - at - 1) * sizeof(struct line));
  buf.nlines--;
  if (buf.nlines == 0) buffer_insert(&buf, 0, "", 0);
  modified = 1;
}

void line_insert_bytes(int y, int x, const char *s, int n) {
  struct line *l = &buf.lines[y];
  if (l->len + n + 1 > l->cap) {
    l->cap = (l->len + n + 1) * 2;
    l->text = must_alloc(realloc(l->text, l->cap));
  }
  memmove(l->text + x + n, l->text + x, l->len - x + 1);
  memcpy(l->text + x, s, n);
  l->len += n;
  modified = 1;
}

void line_delete_bytes(int y, int x, int n) {
  struct line *l = &buf.lines[y];
  if (x + n > l->len) n = l->len - x;
  if (n <= 0) return;
  memmove(l->text + x, l->text + x + n, l->len - x - n + 1);
  l->len -= n;
  modified = 1;
}

/* 0 loaded, 1 a new file (does not exist), -1 cannot be read (message set). */
int buffer_load(const char *path) {
  int fd = open(path, O_RDONLY);
  char *data = 0;
  int size = 0, cap = 0, n, start, i;
  buffer_free(&buf);
  if (fd < 0) {
    buffer_insert(&buf, 0, "", 0);
    if (errno == ENOENT) {
      snprintf(message, sizeof message, "\"%s\" [New File]", path);
      return 1;
    }
    snprintf(message, sizeof message, "\"%s\" %s", path, strerror(errno));
    return -1;
  }
  for (;;) {
    if (size + 4096 > cap) {
      cap = cap ? cap * 2 : 8192;
      data = must_alloc(realloc(data, cap));
    }
    n = read(fd, data + size, 4096);
    if (n <= 0) break;
    size += n;
  }
  close(fd);
  if (n < 0) {
    snprintf(message, sizeof message, "\"%s\" %s", path, strerror(errno));
    free(data);
    buffer_insert(&buf, 0, "", 0);
    return -1;
  }
  for (start = 0, i = 0; i < size; i++) {
    if (data[i] == '\n') {
      buffer_insert(&buf, buf.nlines, data + start, i - start);
      start = i + 1;
    }
  }
  if (start < size) buffer_insert(&buf, buf.nlines, data + start, size - start);
  if (buf.nlines == 0) buffer_insert(&buf, 0, "", 0);
  free(data);
  snprintf(message, sizeof message, "\"%s\" %dL, %dB", path, buf.nlines, size);
  return 0;
}

/* 0 written (message says how much), -1 not (message says why). */
int buffer_save(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int i, bytes = 0, failed = 0;
  if (fd < 0) {
    snprintf(message, sizeof message, "\"%s\" can't open file for writing: %s", path, strerror(errno));
    return -1;
  }
  if (!(buf.nlines == 1 && buf.lines[0].len == 0)) {
    for (i = 0; i < buf.nlines && !failed; i++) {
      struct line *l = &buf.lines[i];
      l->text[l->len] = '\n';   /* room is always there: cap > len */
      if (write(fd, l->text, l->len + 1) != l->len + 1) failed = 1;
      l->text[l->len] = 0;
      bytes += l->len + 1;
    }
  }
  if (close(fd) < 0) failed = 1;
  if (failed) {
    snprintf(message, sizeof message, "\"%s\" write error: %s (file is incomplete)", path, strerror(errno));
    return -1;
  }
  snprintf(message, sizeof message, "\"%s\" %dL, %dB written", path, bytes ? buf.nlines : 0, bytes);
  return 0;
}

void undo_save(void) {
  buffer_copy(&undo, &buf);
  undo_cy = cy;
  undo_cx = cx;
  have_undo = 1;
}

void undo_swap(void) {
  struct buffer t;
  int y = cy, x = cx;
  if (!have_undo) {
    snprintf(message, sizeof message, "Already at oldest change");
    return;
  }
  t = buf;
  buf = undo;
  undo = t;
  cy = undo_cy;
  cx = undo_cx;
  undo_cy = y;
  undo_cx = x;
  modified = 1;
}

void yank_lines(int from, int count) {
  int i;
  buffer_free(&reg);
  for (i = 0; i < count && from + i < buf.nlines; i++) buffer_insert(&reg, i, buf.lines[from + i].text, buf.lines[from + i].len);
  reg_linewise = 1;
}

void yank_bytes(const char *s, int n) {
  free(reg_bytes);
  reg_bytes = must_alloc(malloc(n + 1));
  memcpy(reg_bytes, s, n);
  reg_len = n;
  reg_linewise = 0;
}

/* p (after) or P (before): lines below/above the cursor line, or bytes
 * after/at the cursor. */
void put_register(int after) {
  int i;
  if (reg_linewise) {
    int at = after ? cy + 1 : cy;
    if (reg.nlines == 0) return;
    undo_save();
    for (i = 0; i < reg.nlines; i++) line_insert(at + i, reg.lines[i].text, reg.lines[i].len);
    cy = at;
    cx = 0;
  } else if (reg_bytes) {
    int x = after && buf.lines[cy].len > 0 ? cx + 1 : cx;
    undo_save();
    line_insert_bytes(cy, x, reg_bytes, reg_len);
    cx = x + reg_len - 1;
  }
}
