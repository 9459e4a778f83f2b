/* printf.c: formatted output, the whole printf family.
 *
 * One formatter, format(), writes pieces into a `sink`. A sink either
 * collects into a caller's array (sprintf, snprintf: bytes past the
 * capacity are counted but dropped, and the result is always terminated
 * when there is room for anything) or gathers bytes in a small chunk that
 * goes to a stream with fwrite when full (fprintf family: one write per
 * chunk even on an unbuffered stream like stderr).
 *
 * Conversions: d i u o x X c s p %, flags - + space 0 #, a width and a
 * precision (digits or *), length modifiers hh h l ll (and z t, which are
 * long-sized on Hako and on the host alike). A value wider than 32 bits
 * (only %ll… makes one on Hako) takes the slower 64-bit digit loop. A %... that is not one of
 * these is written out as it stands. Every va_arg happens inside format(),
 * so passing the va_list down by value is correct for `char *` lists. */
#include <stdio.h>
#include <string.h>
#include "stdio_impl.h"

#define CHUNK 128

struct sink {
  FILE *stream;      /* NULL: collect into buf */
  char *buf;
  size_t capacity;   /* for buf: bytes that may be stored, the NUL included */
  size_t count;      /* bytes produced so far */
  int failed;        /* a stream write failed */
  size_t chunk_len;
  char chunk[CHUNK];
};

static void drain(struct sink *s) {
  if (s->chunk_len > 0 && fwrite(s->chunk, 1, s->chunk_len, s->stream) != s->chunk_len)
    s->failed = 1;
  s->chunk_len = 0;
}

static void put(struct sink *s, const char *p, size_t n) {
  size_t room;
  if (n == 0)
    return;
  if (s->stream) {
    s->count += n;
    while (n > 0) {
      room = CHUNK - s->chunk_len;
      if (room > n)
        room = n;
      memcpy(s->chunk + s->chunk_len, p, room);
      s->chunk_len += room;
      p += room;
      n -= room;
      if (s->chunk_len == CHUNK)
        drain(s);
    }
    return;
  }
  if (s->count + 1 < s->capacity) {
    room = s->capacity - 1 - s->count;
    memcpy(s->buf + s->count, p, n < room ? n : room);
  }
  s->count += n;
}

static void pad(struct sink *s, char c, int n) {
  static const char spaces[] = "                ";
  static const char zeros[] = "0000000000000000";
  const char *fill = c == '0' ? zeros : spaces;
  while (n > 0) {
    put(s, fill, n > 16 ? 16 : (size_t)n);
    n -= 16;
  }
}

#define FLAG_LEFT  1
#define FLAG_PLUS  2
#define FLAG_SPACE 4
#define FLAG_ZERO  8
#define FLAG_ALT   16

/* Writes an integer: sign/prefix, precision zeros, digits, padded to width.
 * The magnitude is high:value; high is 0 unless a long long needs it. */
static void format_integer(struct sink *s, unsigned long value, unsigned long high, int negative, int base, int upper,
                           int flags, int width, int precision, int is_pointer) {
  char digits[32];
  const char *symbols = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char prefix[3];
  char *d = digits + 32;
  int ndigits, nprefix = 0, zeros = 0, total;
  unsigned long v = value, q;
  unsigned long long wide, wq;
  /* Digits, least significant first, stored from the end; one division
   * per digit (the remainder comes from the quotient). */
  if (high != 0) {
    wide = ((unsigned long long)high << 32) | value;
    while (wide != 0) {
      wq = wide / (unsigned)base;
      *--d = symbols[(int)(wide - wq * (unsigned)base)];
      wide = wq;
    }
    value = 1; /* not zero, for the checks below */
  }
  while (v != 0 && high == 0) {
    q = v / (unsigned long)base;
    *--d = symbols[v - q * (unsigned long)base];
    v = q;
  }
  if (value == 0 && precision != 0)
    *--d = '0';
  ndigits = (int)(digits + 32 - d);
  if (precision > ndigits)
    zeros = precision - ndigits;
  if (negative)
    prefix[nprefix++] = '-';
  else if (flags & FLAG_PLUS)
    prefix[nprefix++] = '+';
  else if (flags & FLAG_SPACE)
    prefix[nprefix++] = ' ';
  if ((flags & FLAG_ALT) && base == 8 && zeros == 0 && (ndigits == 0 || *d != '0'))
    zeros = 1;
  if (((flags & FLAG_ALT) && base == 16 && value != 0) || is_pointer) {
    prefix[nprefix++] = '0';
    prefix[nprefix++] = upper ? 'X' : 'x';
  }
  total = nprefix + zeros + ndigits;
  if ((flags & FLAG_ZERO) && !(flags & FLAG_LEFT) && precision < 0 && width > total) {
    zeros += width - total;
    total = width;
  }
  if (!(flags & FLAG_LEFT))
    pad(s, ' ', width - total);
  put(s, prefix, (size_t)nprefix);
  pad(s, '0', zeros);
  put(s, d, (size_t)ndigits);
  if (flags & FLAG_LEFT)
    pad(s, ' ', width - total);
}

static void format_text(struct sink *s, const char *text, size_t n, int flags, int width) {
  if (!(flags & FLAG_LEFT))
    pad(s, ' ', width - (int)n);
  put(s, text, n);
  if (flags & FLAG_LEFT)
    pad(s, ' ', width - (int)n);
}

#define LEN_INT   0
#define LEN_CHAR  1
#define LEN_SHORT 2
#define LEN_LONG  3
#define LEN_LLONG 4

static void format(struct sink *s, const char *fmt, va_list ap) {
  const char *p, *spec;
  int flags, width, precision, length, c;
  long sv;
  unsigned long uv;
  long long llv;
  unsigned long long ullv;
  const char *str;
  char ch;
  size_t n;
  /* The parser keeps the current character in c: our compiler reloads
   * *p at every mention, and this loop runs for every byte printed. */
  for (;;) {
    /* The literal text up to the next conversion. */
    p = fmt;
    c = *p;
    while (c != 0 && c != '%')
      c = *++p;
    if (p > fmt)
      put(s, fmt, (size_t)(p - fmt));
    if (c == 0)
      return;
    spec = p;
    flags = 0;
    for (;;) {
      c = *++p;
      if (c == '-')
        flags |= FLAG_LEFT;
      else if (c == '+')
        flags |= FLAG_PLUS;
      else if (c == ' ')
        flags |= FLAG_SPACE;
      else if (c == '0')
        flags |= FLAG_ZERO;
      else if (c == '#')
        flags |= FLAG_ALT;
      else
        break;
    }
    width = 0;
    if (c == '*') {
      width = va_arg(ap, int);
      if (width < 0) {
        flags |= FLAG_LEFT;
        width = -width;
      }
      c = *++p;
    } else {
      while (c >= '0' && c <= '9') {
        width = width * 10 + (c - '0');
        c = *++p;
      }
    }
    precision = -1;
    if (c == '.') {
      precision = 0;
      c = *++p;
      if (c == '*') {
        precision = va_arg(ap, int);
        if (precision < 0)
          precision = -1;
        c = *++p;
      } else {
        while (c >= '0' && c <= '9') {
          precision = precision * 10 + (c - '0');
          c = *++p;
        }
      }
    }
    length = LEN_INT;
    if (c == 'h') {
      length = LEN_SHORT;
      c = *++p;
      if (c == 'h') {
        length = LEN_CHAR;
        c = *++p;
      }
    } else if (c == 'l' || c == 'z' || c == 't') {
      length = LEN_LONG;
      if (c == 'l' && p[1] == 'l') {
        length = LEN_LLONG;
        p++;
      }
      c = *++p;
    }
    if (c != 0)
      p++;
    switch (c) {
    case 'd':
    case 'i':
      if (length == LEN_LLONG) {
        llv = va_arg(ap, long long);
        ullv = llv < 0 ? 0 - (unsigned long long)llv : (unsigned long long)llv;
        format_integer(s, (unsigned long)(ullv & 0xffffffffu), (unsigned long)(ullv >> 32), llv < 0, 10, 0, flags, width,
                       precision, 0);
        break;
      }
      if (length == LEN_LONG)
        sv = va_arg(ap, long);
      else
        sv = va_arg(ap, int);
      if (length == LEN_SHORT)
        sv = (short)sv;
      else if (length == LEN_CHAR)
        sv = (signed char)sv;
      uv = sv < 0 ? 0UL - (unsigned long)sv : (unsigned long)sv;
      format_integer(s, uv, 0, sv < 0, 10, 0, flags, width, precision, 0);
      break;
    case 'u':
    case 'o':
    case 'x':
    case 'X':
      if (length == LEN_LLONG) {
        ullv = va_arg(ap, unsigned long long);
        format_integer(s, (unsigned long)(ullv & 0xffffffffu), (unsigned long)(ullv >> 32), 0,
                       c == 'u' ? 10 : c == 'o' ? 8 : 16, c == 'X', flags & ~(FLAG_PLUS | FLAG_SPACE), width, precision, 0);
        break;
      }
      if (length == LEN_LONG)
        uv = va_arg(ap, unsigned long);
      else
        uv = va_arg(ap, unsigned int);
      if (length == LEN_SHORT)
        uv = (unsigned short)uv;
      else if (length == LEN_CHAR)
        uv = (unsigned char)uv;
      format_integer(s, uv, 0, 0, c == 'u' ? 10 : c == 'o' ? 8 : 16, c == 'X', flags & ~(FLAG_PLUS | FLAG_SPACE),
                     width, precision, 0);
      break;
    case 'p':
      uv = (unsigned long)va_arg(ap, void *);
      if (uv == 0)
        format_text(s, "(nil)", 5, flags, width);
      else
        format_integer(s, uv, 0, 0, 16, 0, flags, width, precision, 1);
      break;
    case 'c':
      ch = (char)va_arg(ap, int);
      format_text(s, &ch, 1, flags, width);
      break;
    case 's':
      str = va_arg(ap, const char *);
      if (str == NULL)
        str = precision < 0 || precision >= 6 ? "(null)" : "";
      n = precision < 0 ? strlen(str) : strnlen(str, (size_t)precision);
      format_text(s, str, n, flags, width);
      break;
    case '%':
      put(s, "%", 1);
      break;
    default:
      /* Not a conversion we know (or the format ended): show it as written. */
      put(s, spec, (size_t)(p - spec));
      break;
    }
    fmt = p;
  }
}

int vfprintf(FILE *f, const char *fmt, va_list ap) {
  struct sink s;
  s.stream = f;
  s.buf = NULL;
  s.capacity = 0;
  s.count = 0;
  s.failed = 0;
  s.chunk_len = 0;
  /* One call's output is one piece: no other thread's bytes inside it. */
  if (STDIO_LOCKING())
    flockfile(f);
  format(&s, fmt, ap);
  drain(&s);
  if (STDIO_LOCKING())
    funlockfile(f);
  return s.failed ? EOF : (int)s.count;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  struct sink s;
  s.stream = NULL;
  s.buf = buf;
  s.capacity = size;
  s.count = 0;
  s.failed = 0;
  s.chunk_len = 0;
  format(&s, fmt, ap);
  if (size > 0)
    buf[s.count < size ? s.count : size - 1] = 0;
  return (int)s.count;
}

int vsprintf(char *buf, const char *fmt, va_list ap) {
  return vsnprintf(buf, (size_t)-1, fmt, ap);
}

int vprintf(const char *fmt, va_list ap) {
  return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vfprintf(stdout, fmt, ap);
  va_end(ap);
  return n;
}

int fprintf(FILE *f, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vfprintf(f, fmt, ap);
  va_end(ap);
  return n;
}

int sprintf(char *buf, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(buf, (size_t)-1, fmt, ap);
  va_end(ap);
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
