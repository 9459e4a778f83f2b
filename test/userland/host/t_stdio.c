/* t_stdio.c: stdio on the console, through the shim's captured fds:
 * what is written when (full, line and no buffering, and the automatic
 * choice for stdout on a terminal or not), reading lines and bytes across
 * partial reads, ungetc, EOF, perror, and errors from a bad descriptor. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "hk.h"

#define OUT_IS(text) (shim.out_len == strlen(text) && memcmp(shim.out, text, shim.out_len) == 0)
#define ERR_IS(text) (shim.err_len == strlen(text) && memcmp(shim.err, text, shim.err_len) == 0)

static void writing(void) {
  static char big[3001];
  char expect[400];
  int n;
  shim_reset_console();
  hk_setvbuf(hk_stdout, NULL, 0 /* _IOFBF */, 0);
  n = hk_printf("hello %d", 5);
  CHECK(n == 7 && shim.out_len == 0, "fully buffered printf writes nothing yet (%d, %zu)", n, shim.out_len);
  CHECK(hk_fflush(hk_stdout) == 0 && OUT_IS("hello 5"), "fflush writes it out");
  shim_reset_console();
  memset(big, 'b', 3000);
  CHECK(hk_fputs(big, hk_stdout) >= 0 && shim.write_calls[1] >= 2, "3000 bytes overflow the buffer: %d writes",
        shim.write_calls[1]);
  hk_fflush(hk_stdout);
  CHECK(shim.out_len == 3000 && memcmp(shim.out, big, 3000) == 0, "all 3000 bytes arrive in order");

  shim_reset_console();
  hk_setvbuf(hk_stdout, NULL, 1 /* _IOLBF */, 0);
  hk_fputc('a', hk_stdout);
  hk_fputc('\n', hk_stdout);
  hk_fputc('b', hk_stdout);
  CHECK(OUT_IS("a\n"), "line buffering writes up to the newline");
  CHECK(hk_puts("cd") >= 0 && OUT_IS("a\nbcd\n"), "puts adds the newline and flushes a line");
  CHECK(hk_putchar('x') == 'x' && hk_fwrite("yz\n", 1, 3, hk_stdout) == 3 && OUT_IS("a\nbcd\nxyz\n"),
        "putchar and fwrite, then a newline flushes");
  CHECK(hk_fwrite("q", 0, 5, hk_stdout) == 0, "fwrite of size 0 writes nothing");

  shim_reset_console();
  memset(big, 'e', 300);
  big[300] = 0;
  n = hk_fprintf(hk_stderr, "%s!", big);
  snprintf(expect, sizeof(expect), "%s!", big);
  CHECK(n == 301 && ERR_IS(expect), "stderr is unbuffered: written at once");
  CHECK(shim.write_calls[2] <= 3, "an unbuffered fprintf writes in chunks, not byte by byte: %d writes",
        shim.write_calls[2]);
}

static void reading(void) {
  char line[32];
  char data[5000], got[5000];
  int i;
  shim_reset_console();
  hk_clearerr(hk_stdin);
  shim_set_input("line one\nline two\nlast", 3);
  CHECK(hk_fgets(line, sizeof(line), hk_stdin) && strcmp(line, "line one\n") == 0, "fgets across 3-byte reads: %s", line);
  CHECK(hk_fgets(line, sizeof(line), hk_stdin) && strcmp(line, "line two\n") == 0, "second line: %s", line);
  CHECK(hk_fgets(line, sizeof(line), hk_stdin) && strcmp(line, "last") == 0, "a last line without newline: %s", line);
  CHECK(hk_fgets(line, sizeof(line), hk_stdin) == NULL && hk_feof(hk_stdin), "then NULL and end of file");
  CHECK(hk_getchar() == -1, "EOF stays until clearerr");

  hk_clearerr(hk_stdin);
  shim_set_input("abcdef\n", 0);
  CHECK(hk_fgets(line, 4, hk_stdin) && strcmp(line, "abc") == 0, "fgets stops at size - 1");
  CHECK(hk_fgets(line, 4, hk_stdin) && strcmp(line, "def") == 0, "and goes on from there");
  CHECK(hk_fgets(line, 4, hk_stdin) && strcmp(line, "\n") == 0, "to the newline");
  CHECK(hk_fgets(line, 1, hk_stdin) == line && line[0] == 0, "fgets with size 1 gives an empty string");

  hk_clearerr(hk_stdin);
  shim_set_input("ab", 1);
  CHECK(hk_getchar() == 'a', "getchar");
  CHECK(hk_ungetc('z', hk_stdin) == 'z', "ungetc returns the byte");
  CHECK(hk_ungetc('y', hk_stdin) == -1, "one byte of pushback");
  CHECK(hk_getchar() == 'z' && hk_getchar() == 'b', "the pushed-back byte comes first");
  CHECK(hk_getchar() == -1 && hk_feof(hk_stdin), "then EOF");
  CHECK(hk_ungetc(-1, hk_stdin) == -1, "ungetc(EOF) fails");
  CHECK(hk_ungetc('q', hk_stdin) == 'q' && !hk_feof(hk_stdin) && hk_getchar() == 'q', "ungetc clears EOF");

  hk_clearerr(hk_stdin);
  for (i = 0; i < 4999; i++)
    data[i] = (char)('A' + i % 26);
  data[4999] = 0;
  shim_set_input(data, 700);
  CHECK(hk_fread(got, 1, 4000, hk_stdin) == 4000 && memcmp(got, data, 4000) == 0, "fread of 4000 over 700-byte reads");
  CHECK(hk_fread(got, 2, 600, hk_stdin) == 499 && memcmp(got, data + 4000, 998) == 0, "fread counts whole items");
  CHECK(hk_feof(hk_stdin), "fread to the end sets EOF");

  /* A prompt on line-buffered stdout shows before stdin is read. */
  hk_clearerr(hk_stdin);
  shim_reset_console();
  hk_setvbuf(hk_stdout, NULL, 1, 0);
  shim_set_input("answer\n", 0);
  hk_printf("name? ");
  CHECK(shim.out_len == 0, "the prompt is still buffered");
  CHECK(hk_getchar() == 'a' && shim.out_len_at_read == 6, "reading stdin flushed the prompt first (%d bytes)",
        shim.out_len_at_read);
}

static void errors(void) {
  hk_FILE *bad;
  shim_reset_console();
  hk_errno = 2; /* ENOENT */
  hk_perror("open");
  CHECK(ERR_IS("open: No such file or directory\n"), "perror with a prefix");
  shim_reset_console();
  hk_errno = 22; /* EINVAL */
  hk_perror(NULL);
  CHECK(ERR_IS("Invalid argument\n"), "perror without a prefix");

  bad = hk_fdopen(987, "w");
  CHECK(bad != NULL, "fdopen");
  CHECK(hk_fputs("lost", bad) == 0 && !hk_ferror(bad), "buffered output succeeds at first");
  hk_errno = 0;
  CHECK(hk_fflush(bad) == -1 && hk_ferror(bad) && hk_errno == EBADF, "flushing to a bad fd fails with EBADF (%d)",
        hk_errno);
  hk_clearerr(bad);
  CHECK(!hk_ferror(bad), "clearerr");
  CHECK(hk_fgetc(bad) == -1 && hk_ferror(bad), "reading a write-only stream fails");
  hk_clearerr(bad);
  hk_fclose(bad);
}

/* Random reads of stdin, fed in random small chunks by the shim, against
 * glibc reading the same bytes from memory (fmemopen): every result and
 * the EOF indicator must agree. */
static void reading_fuzz(void) {
  static char data[6000];
  char a[80], b[80];
  unsigned int seed = 77;
  int round, op, i, bad = 0, ra, rb;
  size_t n;
  FILE *g;
  for (round = 0; round < 20; round++) {
    for (i = 0; i < 5999; i++) {
      seed = seed * 1103515245u + 12345u;
      data[i] = (seed >> 20) % 9 == 0 ? '\n' : (char)('a' + (seed >> 16) % 26);
    }
    data[5999] = 0;
    /* Drop what earlier reads left in stdin's buffer. */
    shim_set_input("", 0);
    while (hk_getchar() != -1)
      ;
    hk_clearerr(hk_stdin);
    shim_set_input(data, 1 + round % 7);
    g = fmemopen(data, 5999, "r");
    for (op = 0; op < 2000; op++) {
      seed = seed * 1103515245u + 12345u;
      n = (seed >> 8) % 60;
      switch ((seed >> 20) % 4) {
      case 0:
        ra = hk_getchar();
        rb = fgetc(g);
        break;
      case 1:
        ra = hk_fgets(a, (int)n + 1, hk_stdin) != NULL;
        rb = fgets(b, (int)n + 1, g) != NULL;
        if (ra && rb && strcmp(a, b) != 0)
          ra = -2;
        break;
      case 2:
        ra = (int)hk_fread(a, 1, n, hk_stdin);
        rb = (int)fread(b, 1, n, g);
        if (ra == rb && memcmp(a, b, (size_t)ra) != 0)
          ra = -2;
        break;
      default:
        ra = hk_getchar();
        rb = fgetc(g);
        if (ra != -1 && ra == rb) {
          ra = hk_ungetc(ra + 1, hk_stdin);
          rb = ungetc(rb + 1, g);
        }
        break;
      }
      if (ra != rb || !hk_feof(hk_stdin) != !feof(g)) {
        if (bad++ < 3)
          printf("  stdin fuzz round %d op %d: ours %d, glibc %d\n", round, op, ra, rb);
        break;
      }
    }
    fclose(g);
  }
  CHECK(bad == 0, "random reads over 1..7-byte partial reads agree with glibc: %d rounds differ", bad);
}

void test_stdio(void) {
  shim.capture = 1;
  writing();
  reading();
  reading_fuzz();
  errors();
}

/* The first output decides stdout's buffering, so each of these runs in a
 * fresh process (its own section). */
void test_stdio_tty(void) {
  shim.capture = 1;
  shim.tty = 1;
  hk_printf("abc");
  CHECK(shim.out_len == 0, "on a terminal, text without a newline waits");
  hk_printf("def\nghi");
  CHECK(OUT_IS("abcdef\n"), "a newline on a terminal flushes the line");
}

void test_stdio_pipe(void) {
  shim.capture = 1;
  shim.tty = 0;
  hk_printf("line\n");
  CHECK(shim.out_len == 0, "not a terminal: stdout is fully buffered, a newline does not flush");
  hk_fflush(NULL);
  CHECK(OUT_IS("line\n"), "fflush(NULL) flushes stdout");
}
