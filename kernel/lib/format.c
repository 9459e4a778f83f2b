/*
 * format.c — the printf engine shared by kprintf, printk, snprintf and
 * panic (include/lib.h).
 *
 * It produces bytes one at a time through a callback, so it needs no buffer
 * of its own and works before memory management exists and inside panic().
 * Supported: %d %i %u %x %X %o %p %s %c %%, flags '-' and '0', a field
 * width (number or '*'), a precision for %s, and an ignored 'l'.
 */
#include "lib.h"

struct format_state {
  emit_fn emit;
  void *arg;
  int count;
};

static void put(struct format_state *st, int c) {
  st->emit(c, st->arg);
  st->count++;
}

static void pad(struct format_state *st, int c, int n) {
  while (n-- > 0) put(st, c);
}

/* Formats an unsigned number in `base` with the padding rules of the spec. */
static void put_number(struct format_state *st, u32 value, u32 base, int negative, int upper,
                       int width, int left, int zero) {
  char digits[12];
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  int n = 0;
  int len;
  do {
    digits[n++] = set[value % base];
    value /= base;
  } while (value != 0);
  len = n + (negative ? 1 : 0);
  if (!left && !zero) pad(st, ' ', width - len);
  if (negative) put(st, '-');
  if (!left && zero) pad(st, '0', width - len);
  while (n > 0) put(st, digits[--n]);
  if (left) pad(st, ' ', width - len);
}

int vformat(emit_fn emit, void *arg, const char *fmt, va_list ap) {
  struct format_state st;
  st.emit = emit;
  st.arg = arg;
  st.count = 0;
  for (; *fmt; fmt++) {
    int left = 0, zero = 0, width = 0, precision = -1;
    int c;
    if (*fmt != '%') {
      put(&st, *fmt);
      continue;
    }
    fmt++;
    for (;; fmt++) {
      if (*fmt == '-') left = 1;
      else if (*fmt == '0') zero = 1;
      else break;
    }
    if (*fmt == '*') {
      width = va_arg(ap, int);
      fmt++;
    } else {
      while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    }
    if (*fmt == '.') {
      fmt++;
      precision = 0;
      while (*fmt >= '0' && *fmt <= '9') precision = precision * 10 + (*fmt++ - '0');
    }
    while (*fmt == 'l') fmt++;
    c = *fmt;
    if (c == 0) break;
    if (c == 'd' || c == 'i') {
      int v = va_arg(ap, int);
      if (v < 0) put_number(&st, (u32)0 - (u32)v, 10, 1, 0, width, left, zero);
      else put_number(&st, (u32)v, 10, 0, 0, width, left, zero);
    } else if (c == 'u') {
      put_number(&st, va_arg(ap, u32), 10, 0, 0, width, left, zero);
    } else if (c == 'x' || c == 'X') {
      put_number(&st, va_arg(ap, u32), 16, 0, c == 'X', width, left, zero);
    } else if (c == 'o') {
      put_number(&st, va_arg(ap, u32), 8, 0, 0, width, left, zero);
    } else if (c == 'p') {
      put(&st, '0');
      put(&st, 'x');
      put_number(&st, va_arg(ap, u32), 16, 0, 0, 8, 0, 1);
    } else if (c == 's') {
      const char *s = va_arg(ap, const char *);
      int len;
      if (s == NULL) s = "(null)";
      len = (int)strlen(s);
      if (precision >= 0 && len > precision) len = precision;
      if (!left) pad(&st, ' ', width - len);
      {
        int i;
        for (i = 0; i < len; i++) put(&st, s[i]);
      }
      if (left) pad(&st, ' ', width - len);
    } else if (c == 'c') {
      if (!left) pad(&st, ' ', width - 1);
      put(&st, va_arg(ap, int));
      if (left) pad(&st, ' ', width - 1);
    } else {
      put(&st, '%');
      if (c != '%') put(&st, c);
    }
  }
  return st.count;
}

struct buffer_sink {
  char *buf;
  size_t size;
  size_t used;
};

static void emit_to_buffer(int c, void *arg) {
  struct buffer_sink *b = (struct buffer_sink *)arg;
  if (b->used + 1 < b->size) b->buf[b->used] = (char)c;
  b->used++;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  struct buffer_sink b;
  int n;
  b.buf = buf;
  b.size = size;
  b.used = 0;
  n = vformat(emit_to_buffer, &b, fmt, ap);
  if (size > 0) buf[b.used < size ? b.used : size - 1] = 0;
  return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}
