/* stdio.h: buffered streams over file descriptors, and formatted output
 * (userland/lib/stdio*.c, printf.c).
 *
 * Buffering: stdout is line-buffered when it is a terminal and fully
 * buffered otherwise, stderr is unbuffered, fopen'ed streams are fully
 * buffered. Reading stdin first flushes stdout, so prompts appear. */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <stdarg.h>
#include <sys/types.h>

typedef struct __file FILE;

#define EOF (-1)
#define BUFSIZ 1024

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* setvbuf modes */
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

int printf(const char *fmt, ...);
int fprintf(FILE *f, const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
int snprintf(char *buf, size_t size, const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *f, const char *fmt, va_list ap);
int vsprintf(char *buf, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

int puts(const char *s);
int fputs(const char *s, FILE *f);
int putchar(int c);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int getchar(void);
int fgetc(FILE *f);
int getc(FILE *f);
char *fgets(char *buf, int size, FILE *f);
int ungetc(int c, FILE *f);
size_t fwrite(const void *p, size_t size, size_t count, FILE *f);
size_t fread(void *p, size_t size, size_t count, FILE *f);
/* A stream's lock (recursive; every call above takes it when the process
 * has threads): hold it across several calls to keep them together.
 * ftrylockfile is 0 when it took the lock. The *_unlocked calls take no
 * lock: the caller holds it. */
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);
/* a whole line of any length into *bufp (grown with realloc); its length,
 * or -1 at end of file (getline.c) */
ssize_t getline(char **bufp, size_t *capp, FILE *f);
ssize_t getdelim(char **bufp, size_t *capp, int delim, FILE *f);

FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int rename(const char *from, const char *to);
int renameat(int olddirfd, const char *from, int newdirfd, const char *to);
int renameat2(int olddirfd, const char *from, int newdirfd, const char *to, unsigned int flags);   /* RENAME_NOREPLACE: <fcntl.h> */
int fflush(FILE *f);
int fseek(FILE *f, long offset, int whence);
long ftell(FILE *f);
void rewind(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);

void perror(const char *s);

#endif
