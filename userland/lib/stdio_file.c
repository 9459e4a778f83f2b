/* stdio_file.c: streams on named files, positioning and buffer control
 * (fopen, fdopen, fclose, fseek, ftell, rewind, setvbuf, setbuf). Kept
 * apart from stdio.c so that a program that only writes to stdout does
 * not link the allocator.
 *
 * A stream opened here owns a malloc'ed FILE and buffer and sits on the
 * open-stream list until fclose. Mode strings: r, w, a, each optionally
 * with + (read and write), b (ignored: there is no text mode) and x
 * (with w: fail if the file exists). */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include "sys.h"
#include "stdio_impl.h"

/* Decodes a mode string into open() flags and stream flags; -1 if bad. */
static int parse_mode(const char *mode, int *open_flags) {
  int stream_flags;
  const char *p;
  switch (mode[0]) {
  case 'r':
    *open_flags = O_RDONLY;
    stream_flags = F_READ;
    break;
  case 'w':
    *open_flags = O_WRONLY | O_CREAT | O_TRUNC;
    stream_flags = F_WRITE;
    break;
  case 'a':
    *open_flags = O_WRONLY | O_CREAT | O_APPEND;
    stream_flags = F_WRITE | F_APPEND;
    break;
  default:
    return -1;
  }
  for (p = mode + 1; *p; p++) {
    if (*p == '+') {
      *open_flags = (*open_flags & ~O_ACCMODE) | O_RDWR;
      stream_flags = (stream_flags & F_APPEND) | F_READ | F_WRITE;
    } else if (*p == 'x') {
      *open_flags |= O_EXCL;
    } else if (*p != 'b') {
      return -1;
    }
  }
  return stream_flags;
}

/* A new buffered stream on fd, put on the open-stream list. */
static FILE *new_stream(int fd, int stream_flags) {
  FILE *f = (FILE *)malloc(sizeof(FILE));
  unsigned char *buf = (unsigned char *)malloc(BUFSIZ);
  if (!f || !buf) {
    free(f);
    free(buf);
    errno = ENOMEM;
    return NULL;
  }
  f->fd = fd;
  f->flags = stream_flags | F_OWNBUF | F_OWNFILE;
  f->mode = MODE_IDLE;
  f->unget = -1;
  f->buf = buf;
  f->size = BUFSIZ;
  f->pos = 0;
  f->len = 0;
  f->error = 0;
  f->lock = 0;
  f->owner = NULL;
  f->depth = 0;
  LIBC_LOCK(&__stdio_list_lock);
  f->next = __stdio_streams;
  __stdio_streams = f;
  LIBC_UNLOCK(&__stdio_list_lock);
  return f;
}

FILE *fopen(const char *path, const char *mode) {
  int open_flags;
  int stream_flags = parse_mode(mode, &open_flags);
  long fd;
  FILE *f;
  if (stream_flags < 0) {
    errno = EINVAL;
    return NULL;
  }
  fd = __sys_open(path, open_flags, 0666);
  if (fd < 0) {
    errno = (int)-fd;
    return NULL;
  }
  f = new_stream((int)fd, stream_flags);
  if (!f)
    __sys_close((int)fd);
  return f;
}

FILE *fdopen(int fd, const char *mode) {
  int open_flags;
  int stream_flags = parse_mode(mode, &open_flags);
  if (stream_flags < 0) {
    errno = EINVAL;
    return NULL;
  }
  return new_stream(fd, stream_flags);
}

int fclose(FILE *f) {
  int result = fflush(f);   /* any other thread's use must be over: C's rule */
  long closed = __sys_close(f->fd);
  struct __file **link;
  if (closed < 0) {
    errno = (int)-closed;
    result = EOF;
  }
  LIBC_LOCK(&__stdio_list_lock);
  for (link = &__stdio_streams; *link; link = &(*link)->next) {
    if (*link == f) {
      *link = f->next;
      break;
    }
  }
  LIBC_UNLOCK(&__stdio_list_lock);
  if (f->flags & F_OWNBUF)
    free(f->buf);
  if (f->flags & F_OWNFILE)
    free(f);
  else
    f->flags = 0; /* a standard stream: closed, it neither reads nor writes */
  return result;
}

int fseek(FILE *f, long offset, int whence) {
  long pos;
  if (f->mode == MODE_WRITING && fflush(f) == EOF)
    return -1;
  if (f->mode == MODE_READING) {
    /* Bring the fd back from the read-ahead to the stream's position first,
     * so a seek that fails leaves the position as it was. */
    fflush(f);
    if (f->mode == MODE_READING) {
      errno = ESPIPE; /* the read-ahead could not be given back: a pipe or terminal */
      return -1;
    }
  }
  f->mode = MODE_IDLE;
  pos = __sys_lseek(f->fd, offset, whence);
  if (pos < 0) {
    errno = (int)-pos;
    return -1;
  }
  f->flags &= ~F_EOF;
  return 0;
}

long ftell(FILE *f) {
  /* Appended output lands at the end, wherever the offset was. */
  long pos = __sys_lseek(f->fd, 0, f->mode == MODE_WRITING && (f->flags & F_APPEND) ? SEEK_END : SEEK_CUR);
  if (pos < 0) {
    errno = (int)-pos;
    return -1;
  }
  if (f->mode == MODE_WRITING)
    return pos + (long)f->pos;
  if (f->mode == MODE_READING)
    return pos - (long)(f->len - f->pos) - (f->unget >= 0 ? 1 : 0);
  return pos;
}

void rewind(FILE *f) {
  fseek(f, 0, SEEK_SET);
  clearerr(f);
}

/* Meant for before the first read or write, as C requires. A NULL buf
 * keeps the stream's own buffer (or none for _IONBF). */
int setvbuf(FILE *f, char *buf, int mode, size_t size) {
  if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
    return -1;
  /* Called late anyway: pending output must not be lost with the buffer. */
  if (fflush(f) == EOF)
    return -1;
  f->flags &= ~(F_LINEBUF | F_UNBUF);
  f->flags |= F_DECIDED;
  if (mode == _IONBF) {
    f->flags |= F_UNBUF;
    f->size = 0;
  }
  else if (mode == _IOLBF)
    f->flags |= F_LINEBUF;
  if (buf && size > 0 && mode != _IONBF) {
    if (f->flags & F_OWNBUF)
      free(f->buf);
    f->flags &= ~F_OWNBUF;
    f->buf = (unsigned char *)buf;
    f->size = size;
  }
  return 0;
}

void setbuf(FILE *f, char *buf) {
  if (buf)
    setvbuf(f, buf, _IOFBF, BUFSIZ);
  else
    setvbuf(f, NULL, _IONBF, 0);
}
