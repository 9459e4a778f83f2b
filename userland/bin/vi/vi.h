/* vi.h: the editor's shared state (see main.c for the design).
 * Invariants: 1 <= nlines; every line's text is NUL-terminated at len and
 * holds no newline; 0 <= cy < nlines and 0 <= cx <= len of line cy (cx <
 * len in normal mode unless the line is empty). */
#ifndef VI_H
#define VI_H

struct line {
  char *text;
  int len;
  int cap;
};

struct buffer {
  struct line *lines;
  int nlines;
  int cap;
};

extern struct buffer buf;     /* the text being edited */
extern int cy, cx;            /* cursor: line and byte */
extern int modified;
extern char filename[256];
extern int rows, cols;        /* terminal size; rows - 1 lines of text */
extern char message[256];     /* shown on the status line until the next key */

/* buffer.c */
void buffer_init(struct buffer *b);
void buffer_free(struct buffer *b);
void line_insert(int at, const char *text, int len);
void line_delete(int at);
void line_insert_bytes(int y, int x, const char *s, int n);
void line_delete_bytes(int y, int x, int n);
int buffer_load(const char *path);
int buffer_save(const char *path);
void undo_save(void);
void undo_swap(void);
void yank_lines(int from, int count);
void yank_bytes(const char *s, int n);
void put_register(int after);

/* screen.c */
int display_col(const struct line *l, int x);
void screen_draw(const char *mode_text);
void screen_prompt(const char *prompt, const char *text);
void screen_enter(void);
void screen_leave(void);

#endif
