/*
 * lib.h — freestanding helpers of the kernel library (kernel/lib): memory
 * and string functions, the printf engine. No allocation, no global state.
 */
#ifndef HAKO_LIB_H
#define HAKO_LIB_H

#include "types.h"
#include "stdarg.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
/* Copies at most size-1 bytes and always terminates (when size > 0);
 * returns strlen(src), so truncation is visible. */
size_t strlcpy(char *dst, const char *src, size_t size);

/* The formatting engine behind kprintf/printk/snprintf: %d %i %u %x %X %o
 * %s %c %p %%, flags '-' '0', a width and for %s a precision; 'l' is
 * accepted and ignored (long is 32 bits). Calls emit(c, arg) per byte and
 * returns the number of bytes produced. */
typedef void (*emit_fn)(int c, void *arg);
int vformat(emit_fn emit, void *arg, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...);

#endif
