/* hk.h: the harness's view of the Hako libc under test.
 *
 * The libc objects are built with the host gcc against userland/include
 * and every symbol is then prefixed with hk_ (objcopy --prefix-symbols),
 * so they link next to glibc, which serves as the oracle. These are the
 * prefixed prototypes, written with host types: size_t and long are the
 * host's in both worlds (userland/include/stddef.h takes the compiler's
 * size_t when it is not compiling for Hako). The shim (shim.c) supplies the
 * system layer, hk___sys_*. */
#ifndef HK_H
#define HK_H

#include <stddef.h>
#include <stdarg.h>

typedef struct hk_file hk_FILE;

/* string.h */
void *hk_memcpy(void *, const void *, size_t);
void *hk_memmove(void *, const void *, size_t);
void *hk_memset(void *, int, size_t);
int hk_memcmp(const void *, const void *, size_t);
void *hk_memchr(const void *, int, size_t);
size_t hk_strlen(const char *);
size_t hk_strnlen(const char *, size_t);
char *hk_strcpy(char *, const char *);
char *hk_strncpy(char *, const char *, size_t);
char *hk_strcat(char *, const char *);
char *hk_strncat(char *, const char *, size_t);
int hk_strcmp(const char *, const char *);
int hk_strncmp(const char *, const char *, size_t);
char *hk_strchr(const char *, int);
char *hk_strrchr(const char *, int);
char *hk_strstr(const char *, const char *);
size_t hk_strspn(const char *, const char *);
size_t hk_strcspn(const char *, const char *);
char *hk_strpbrk(const char *, const char *);
char *hk_strtok(char *, const char *);
char *hk_strtok_r(char *, const char *, char **);
char *hk_strdup(const char *);
char *hk_strndup(const char *, size_t);
char *hk_strerror(int);

/* strings.h, unistd.h's getopt */
int hk_strcasecmp(const char *, const char *);
int hk_strncasecmp(const char *, const char *, size_t);
int hk_getopt(int, char *const[], const char *);
extern char *hk_optarg;
extern int hk_optind, hk_opterr, hk_optopt;

/* fnmatch.h (the flags have glibc's values) */
int hk_fnmatch(const char *, const char *, int);

/* dirent.h, unistd.h */
typedef struct hk_dir hk_DIR;
struct hk_dirent {
  unsigned long d_ino; /* ino_t and off_t are long-sized on both sides */
  long d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[256];
};
hk_DIR *hk_opendir(const char *);
struct hk_dirent *hk_readdir(hk_DIR *);
int hk_closedir(hk_DIR *);
void *hk_sbrk(long);
int hk_isatty(int);

/* ctype.h */
int hk_isalpha(int); int hk_isdigit(int); int hk_isalnum(int); int hk_isspace(int);
int hk_isupper(int); int hk_islower(int); int hk_isxdigit(int); int hk_isprint(int);
int hk_ispunct(int); int hk_iscntrl(int); int hk_isgraph(int); int hk_isblank(int);
int hk_toupper(int); int hk_tolower(int);

/* stdlib.h */
void *hk_malloc(size_t);
void hk_free(void *);
void *hk_realloc(void *, size_t);
void *hk_calloc(size_t, size_t);
int hk_atoi(const char *);
long hk_atol(const char *);
long hk_strtol(const char *, char **, int);
unsigned long hk_strtoul(const char *, char **, int);
int hk_abs(int);
long hk_labs(long);
void hk_qsort(void *, size_t, size_t, int (*)(const void *, const void *));
void *hk_bsearch(const void *, const void *, size_t, size_t, int (*)(const void *, const void *));
void hk_exit(int);
int hk_atexit(void (*)(void));
void hk_abort(void);
extern char **hk_environ;
char *hk_getenv(const char *);
int hk_rand(void);
void hk_srand(unsigned int);
void hk___assert_fail(const char *, const char *, int);
int hk___malloc_check(size_t *free_blocks, size_t *free_bytes);

/* errno: the calling thread's (libc's errno.h) */
int *hk___errno_location(void);
#define hk_errno (*hk___errno_location())

/* stdio.h */
extern hk_FILE *hk_stdin, *hk_stdout, *hk_stderr;
int hk_printf(const char *, ...);
int hk_fprintf(hk_FILE *, const char *, ...);
int hk_sprintf(char *, const char *, ...);
int hk_snprintf(char *, size_t, const char *, ...);
int hk_vsnprintf(char *, size_t, const char *, va_list);
int hk_puts(const char *);
int hk_fputs(const char *, hk_FILE *);
int hk_putchar(int);
int hk_fputc(int, hk_FILE *);
int hk_getchar(void);
int hk_fgetc(hk_FILE *);
char *hk_fgets(char *, int, hk_FILE *);
int hk_ungetc(int, hk_FILE *);
size_t hk_fwrite(const void *, size_t, size_t, hk_FILE *);
size_t hk_fread(void *, size_t, size_t, hk_FILE *);
hk_FILE *hk_fopen(const char *, const char *);
int hk_getline(char **, size_t *, hk_FILE *); /* ssize_t is int in userland/include */
int hk_getdelim(char **, size_t *, int, hk_FILE *);
hk_FILE *hk_fdopen(int, const char *);
int hk_fclose(hk_FILE *);
int hk_fflush(hk_FILE *);
int hk_fseek(hk_FILE *, long, int);
long hk_ftell(hk_FILE *);
void hk_rewind(hk_FILE *);
int hk_feof(hk_FILE *);
int hk_ferror(hk_FILE *);
void hk_clearerr(hk_FILE *);
int hk_fileno(hk_FILE *);
int hk_setvbuf(hk_FILE *, char *, int, size_t);
void hk_perror(const char *);

/* The shim: a system layer that can capture the console and limit sbrk. */
struct shim {
  int capture;               /* fds 0..2 use the buffers below */
  int tty;                   /* what __sys_isatty answers */
  char out[1 << 20];         /* what was written to fd 1 ... */
  size_t out_len;
  char err[1 << 16];         /* ... and to fd 2 */
  size_t err_len;
  int write_calls[3];
  const char *input;         /* what fd 0 reads */
  size_t input_len, input_pos;
  size_t read_chunk;         /* at most this many bytes per read (0: any) */
  int read_calls;
  int out_len_at_read;       /* out_len when fd 0 was last read */
  size_t sbrk_limit;         /* bytes the heap may use */
  size_t sbrk_gap;           /* skip this many bytes at the next sbrk */
  int sbrk_calls;
};
extern struct shim shim;
void shim_reset_console(void);
void shim_set_input(const char *text, size_t chunk);

/* Checks: every CHECK counts; a failed one prints its place and message. */
extern int checks, failures;
#define CHECK(cond, ...)                                                     \
  do {                                                                       \
    checks++;                                                                \
    if (!(cond)) {                                                           \
      failures++;                                                            \
      if (failures <= 50) {                                                  \
        printf("FAIL %s:%d: ", __FILE__, __LINE__);                          \
        printf(__VA_ARGS__);                                                 \
        printf("\n");                                                        \
      }                                                                      \
    }                                                                        \
  } while (0)

/* Sections, one per file. */
void test_printf(void);
void test_strtol(void);
void test_malloc(void);
void test_string(void);
void test_ctype(void);
void test_qsort(void);
void test_stdio(void);
void test_stdio_tty(void);
void test_stdio_pipe(void);
void test_files(void);
void test_exit(void);
void test_misc(void);
void test_getopt(void);
void test_dirent(void);

#endif
