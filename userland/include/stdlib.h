/* stdlib.h: memory allocation, number conversion, sorting, the
 * environment and process exit (userland/lib/malloc.c, strtol.c, strtoll.c,
 * qsort.c, exit.c, env.c, rand.c, abs.c). */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 32767

void *malloc(size_t n);
void free(void *p);
void *realloc(void *p, size_t n);
void *calloc(size_t count, size_t size);

int atoi(const char *s);
long atol(const char *s);
long strtol(const char *s, char **endptr, int base);
unsigned long strtoul(const char *s, char **endptr, int base);
long long atoll(const char *s);
long long strtoll(const char *s, char **endptr, int base);
unsigned long long strtoull(const char *s, char **endptr, int base);

int abs(int x);
long labs(long x);
long long llabs(long long x);

void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *));

void exit(int status);
int atexit(void (*fn)(void));
void abort(void);

extern char **environ;
char *getenv(const char *name);

int rand(void);
void srand(unsigned int seed);

#endif
