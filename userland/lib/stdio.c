/* stdio.c: the standard streams and buffered byte I/O on any stream
 * (fputc, fwrite, fgetc, fread, fgets, ungetc, fflush, puts ...).
 *
 * Owns stdin/stdout/stderr and the list of open streams. The buffer rules
 * and the reading/writing states are described in stdio_impl.h. Errors
 * from the system layer set the stream's error indicator and errno and
 * make the call return EOF (or a short count); failed writes are reported
 * at exit too (__stdio_exit, stdio_impl.h). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "sys.h"
#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ];
static unsigned char stdout_buf[BUFSIZ];

static struct __file stderr_file = {2, F_WRITE | F_UNBUF | F_DECIDED, MODE_IDLE, -1, NULL, 0, 0, 0, NULL, 0, 0, NULL, 0};
static struct __file stdout_file = {1, F_WRITE, MODE_IDLE, -1, stdout_buf, BUFSIZ, 0, 0, &stderr_file, 0, 0, NULL, 0};
static struct __file stdin_file = {0, F_READ, MODE_IDLE, -1, stdin_buf, BUFSIZ, 0, 0, &stdout_file, 0, 0, NULL, 0};

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;
struct __file *__stdio_streams = &stdin_file;
int __stdio_list_lock;
char *program_invocation_name;

/* Fixes the buffering of a stream at its first use: stdout is
 * line-buffered on a terminal; other streams keep what they were given. */
static void decide_buffering(FILE *f) {
  if (f->flags & F_DECIDED)
    return;
  f->flags |= F_DECIDED;
  if (f == stdout && __sys_isatty(f->fd) > 0)
    f->flags |= F_LINEBUF;
}

/* Writes all n bytes to fd, retrying short writes. */
static int write_all(FILE *f, const unsigned char *p, size_t n) {
  long done;
  while (n > 0) {
    done = __sys_write(f->fd, p, n);
    if (done <= 0) {
      errno = done < 0 ? (int)-done : EIO;
      if (!(f->flags & F_WERR))
        f->error = errno;
      f->flags |= F_ERR | F_WERR;
      return EOF;
    }
    p += done;
    n -= (size_t)done;
  }
  return 0;
}

int fflush(FILE *f) {
  int r;
  if (f == NULL)
    return __stdio_flush_all(1);
  if (!STDIO_LOCKING())
    return __fflush_unlocked(f);
  flockfile(f);
  r = __fflush_unlocked(f);
  funlockfile(f);
  return r;
}

int __fflush_unlocked(FILE *f) {
  int result = 0;
  long back;
  if (f->mode == MODE_WRITING) {
    if (f->pos > 0)
      result = write_all(f, f->buf, f->pos);
    f->pos = 0;
  } else if (f->mode == MODE_READING) {
    /* Give the read-ahead back to the file when it can seek; a terminal or
     * pipe cannot, and then the buffered input is kept. */
    back = (long)(f->len - f->pos) + (f->unget >= 0 ? 1 : 0);
    if (back == 0 || __sys_lseek(f->fd, -back, SEEK_CUR) >= 0) {
      f->pos = f->len = 0;
      f->unget = -1;
    } else {
      return 0;
    }
  }
  f->mode = MODE_IDLE;
  return result;
}

int __stdio_flush_all(int locked) {
  struct __file *f;
  int result = 0;
  if (locked)
    LIBC_LOCK(&__stdio_list_lock);
  for (f = __stdio_streams; f; f = f->next)
    if (f->mode == MODE_WRITING && (locked ? fflush(f) : __fflush_unlocked(f)) == EOF)
      result = EOF;
  if (locked)
    LIBC_UNLOCK(&__stdio_list_lock);
  return result;
}

/* Appends s to line[*len..size-1). */
static void append(char *line, size_t *len, size_t size, const char *s) {
  while (*s && *len + 1 < size)
    line[(*len)++] = *s++;
}

int __stdio_exit(int status) {
  struct __file *f;
  char line[160];
  size_t len = 0;
  __stdio_flush_all(0);
  for (f = __stdio_streams; f; f = f->next)
    if ((f->flags & F_WERR) && f != stderr)
      break;
  if (f == NULL)
    return status;
  if (program_invocation_name) {
    append(line, &len, sizeof line, program_invocation_name);
    append(line, &len, sizeof line, ": ");
  }
  append(line, &len, sizeof line, "write error: ");
  append(line, &len, sizeof line, strerror(f->error));
  line[len++] = '\n';
  __sys_write(2, line, len);
  return status == 0 ? 1 : status;
}

/* Puts the stream in writing mode; EOF when it cannot write. */
static int start_writing(FILE *f) {
  if (!(f->flags & F_WRITE)) {
    f->flags |= F_ERR;
    errno = EBADF;
    return EOF;
  }
  if (f->mode == MODE_READING) {
    __fflush_unlocked(f);
    /* An unseekable stream kept its read-ahead; writing drops it. */
    f->pos = f->len = 0;
    f->unget = -1;
  }
  decide_buffering(f);
  f->mode = MODE_WRITING;
  return 0;
}

/* Copies n bytes into the buffer, writing it out each time it fills. */
static int buffer_bytes(FILE *f, const unsigned char *src, size_t n) {
  size_t room;
  while (n > 0) {
    room = f->size - f->pos;
    if (room > n)
      room = n;
    memcpy(f->buf + f->pos, src, room);
    f->pos += room;
    src += room;
    n -= room;
    if (f->pos == f->size && __fflush_unlocked(f) == EOF)
      return EOF;
    f->mode = MODE_WRITING;
  }
  return 0;
}

size_t fwrite(const void *p, size_t size, size_t count, FILE *f) {
  size_t r;
  if (!STDIO_LOCKING())
    return __fwrite_unlocked(p, size, count, f);
  flockfile(f);
  r = __fwrite_unlocked(p, size, count, f);
  funlockfile(f);
  return r;
}

size_t __fwrite_unlocked(const void *p, size_t size, size_t count, FILE *f) {
  const unsigned char *src = (const unsigned char *)p;
  size_t total, lines;
  if (size == 0 || count == 0)
    return 0;
  total = size * count;
  if (start_writing(f) == EOF)
    return 0;
  if ((f->flags & F_UNBUF) || f->size == 0) {
    if (__fflush_unlocked(f) == EOF || write_all(f, src, total) == EOF)
      return 0;
    return count;
  }
  /* Line buffering writes out everything up to the last newline and keeps
   * the unfinished line. */
  lines = 0;
  if (f->flags & F_LINEBUF)
    for (lines = total; lines > 0 && src[lines - 1] != '\n'; lines--)
      ;
  if (lines > 0) {
    if (buffer_bytes(f, src, lines) == EOF || __fflush_unlocked(f) == EOF)
      return 0;
    f->mode = MODE_WRITING;
  }
  if (buffer_bytes(f, src + lines, total - lines) == EOF)
    return 0;
  return count;
}

int putc_unlocked(int c, FILE *f) {
  unsigned char byte = (unsigned char)c;
  if (f->mode == MODE_WRITING && f->pos + 1 < f->size && (byte != '\n' || !(f->flags & F_LINEBUF))) {
    f->buf[f->pos++] = byte; /* the common case, kept short */
    return byte;
  }
  return __fwrite_unlocked(&byte, 1, 1, f) == 1 ? byte : EOF;
}

int fputc(int c, FILE *f) {
  int r;
  if (!STDIO_LOCKING())
    return putc_unlocked(c, f);
  flockfile(f);
  r = putc_unlocked(c, f);
  funlockfile(f);
  return r;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }
int putchar_unlocked(int c) { return putc_unlocked(c, stdout); }

int fputs(const char *s, FILE *f) {
  size_t n = strlen(s);
  if (n == 0)
    return 0;
  return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int puts(const char *s) {
  size_t n = strlen(s);
  int r = 0;
  if (STDIO_LOCKING())
    flockfile(stdout);
  if (__fwrite_unlocked(s, 1, n, stdout) != n || putc_unlocked('\n', stdout) == EOF)
    r = EOF;
  if (STDIO_LOCKING())
    funlockfile(stdout);
  return r;
}

/* Puts the stream in reading mode; EOF when it cannot read. */
static int start_reading(FILE *f) {
  if (!(f->flags & F_READ)) {
    f->flags |= F_ERR;
    errno = EBADF;
    return EOF;
  }
  if (f->mode == MODE_WRITING && __fflush_unlocked(f) == EOF)
    return EOF;
  f->mode = MODE_READING;
  return 0;
}

/* Reads more bytes into the empty buffer. 0 at end of file or error. */
static size_t refill(FILE *f) {
  long n;
  if (f->flags & F_EOF)
    return 0;
  /* A program that prompts on line-buffered stdout and then reads must
   * have its prompt shown first. */
  if (stdout->mode == MODE_WRITING && (stdout->flags & (F_LINEBUF | F_UNBUF)))
    fflush(stdout);
  n = __sys_read(f->fd, f->buf, f->size);
  f->pos = 0;
  f->len = 0;
  if (n < 0) {
    errno = (int)-n;
    f->flags |= F_ERR;
    return 0;
  }
  if (n == 0) {
    f->flags |= F_EOF;
    return 0;
  }
  f->len = (size_t)n;
  return f->len;
}

int fgetc(FILE *f) {
  int r;
  if (!STDIO_LOCKING())
    return getc_unlocked(f);
  flockfile(f);
  r = getc_unlocked(f);
  funlockfile(f);
  return r;
}

int getc_unlocked(FILE *f) {
  int c;
  unsigned char byte;
  long n;
  if (f->mode == MODE_READING && f->unget < 0 && f->pos < f->len)
    return f->buf[f->pos++]; /* the common case, kept short */
  if (start_reading(f) == EOF)
    return EOF;
  if (f->unget >= 0) {
    c = f->unget;
    f->unget = -1;
    return c;
  }
  if (f->size == 0) {
    /* An unbuffered stream reads byte by byte. */
    if (f->flags & F_EOF)
      return EOF;
    n = __sys_read(f->fd, &byte, 1);
    if (n <= 0) {
      if (n < 0) {
        errno = (int)-n;
        f->flags |= F_ERR;
      } else {
        f->flags |= F_EOF;
      }
      return EOF;
    }
    return byte;
  }
  if (f->pos >= f->len && refill(f) == 0)
    return EOF;
  return f->buf[f->pos++];
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }
int getchar_unlocked(void) { return getc_unlocked(stdin); }

static int ungetc_unlocked(int c, FILE *f) {
  if (c == EOF || f->unget >= 0 || start_reading(f) == EOF)
    return EOF;
  f->unget = (unsigned char)c;
  f->flags &= ~F_EOF;
  return (unsigned char)c;
}

int ungetc(int c, FILE *f) {
  int r;
  if (!STDIO_LOCKING())
    return ungetc_unlocked(c, f);
  flockfile(f);
  r = ungetc_unlocked(c, f);
  funlockfile(f);
  return r;
}

static char *fgets_unlocked(char *buf, int size, FILE *f) {
  int n = 0;
  int c;
  if (size <= 0)
    return NULL;
  while (n < size - 1) {
    c = getc_unlocked(f);
    if (c == EOF)
      break;
    buf[n++] = (char)c;
    if (c == '\n')
      break;
  }
  if (n == 0 && size > 1)
    return NULL;
  buf[n] = 0;
  return buf;
}

char *fgets(char *buf, int size, FILE *f) {
  char *r;
  if (!STDIO_LOCKING())
    return fgets_unlocked(buf, size, f);
  flockfile(f);
  r = fgets_unlocked(buf, size, f);
  funlockfile(f);
  return r;
}

static size_t fread_unlocked(void *p, size_t size, size_t count, FILE *f) {
  unsigned char *dst = (unsigned char *)p;
  size_t total, done = 0, chunk;
  int c;
  if (size == 0 || count == 0)
    return 0;
  total = size * count;
  while (done < total) {
    if (f->mode == MODE_READING && f->unget < 0 && f->pos < f->len) {
      chunk = f->len - f->pos;
      if (chunk > total - done)
        chunk = total - done;
      memcpy(dst + done, f->buf + f->pos, chunk);
      f->pos += chunk;
      done += chunk;
      continue;
    }
    /* fgetc handles the mode switch, the pushed-back byte and refills. */
    c = getc_unlocked(f);
    if (c == EOF)
      break;
    dst[done++] = (unsigned char)c;
  }
  return done / size;
}

size_t fread(void *p, size_t size, size_t count, FILE *f) {
  size_t r;
  if (!STDIO_LOCKING())
    return fread_unlocked(p, size, count, f);
  flockfile(f);
  r = fread_unlocked(p, size, count, f);
  funlockfile(f);
  return r;
}

int feof(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & F_ERR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR | F_WERR); }
int fileno(FILE *f) { return f->fd; }
