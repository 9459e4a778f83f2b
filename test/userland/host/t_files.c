/* t_files.c: streams on real files through the shim's real open/read/
 * write/lseek: write then read back (checked with the host's own stdio),
 * append, update with r+, positions with ftell/fseek/rewind, a large file
 * in odd-sized pieces, and fopen's errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hk.h"

static char dir[64];
static char path[128];

/* The whole file as the host reads it. */
static size_t slurp(const char *p, char *buf, size_t cap) {
  FILE *f = fopen(p, "rb");
  size_t n;
  if (!f)
    return 0;
  n = fread(buf, 1, cap, f);
  fclose(f);
  return n;
}

static void write_and_read(void) {
  static char want[20000], got[20000];
  char line[64], expect[64];
  size_t len = 0;
  int i, ok = 1, lines = 0;
  hk_FILE *f = hk_fopen(path, "w");
  CHECK(f != NULL, "fopen for writing");
  for (i = 1; i <= 1000; i++) {
    hk_fprintf(f, "line %d of %x\n", i, i * 3);
    len += (size_t)snprintf(want + len, sizeof(want) - len, "line %d of %x\n", i, i * 3);
  }
  CHECK(hk_fclose(f) == 0, "fclose");
  CHECK(slurp(path, got, sizeof(got)) == len && memcmp(got, want, len) == 0, "the host reads back what was written");

  f = hk_fopen(path, "r");
  CHECK(f != NULL, "fopen for reading");
  while (hk_fgets(line, sizeof(line), f)) {
    lines++;
    snprintf(expect, sizeof(expect), "line %d of %x\n", lines, lines * 3);
    if (strcmp(line, expect) != 0)
      ok = 0;
  }
  CHECK(ok && lines == 1000 && hk_feof(f), "fgets reads every line back (%d)", lines);
  CHECK(hk_fputc('x', f) == -1 && hk_ferror(f), "writing a read-only stream fails");
  hk_fclose(f);

  f = hk_fopen(path, "a");
  hk_fputs("tail\n", f);
  hk_fclose(f);
  CHECK(slurp(path, got, sizeof(got)) == len + 5 && memcmp(got + len, "tail\n", 5) == 0, "append adds at the end");
}

static void positions(void) {
  char buf[16], got[64];
  int c;
  hk_FILE *f = hk_fopen(path, "w+");
  hk_fputs("0123456789abcdef", f);
  CHECK(hk_ftell(f) == 16, "ftell counts buffered output: %ld", hk_ftell(f));
  hk_rewind(f);
  CHECK(hk_ftell(f) == 0, "rewind");
  CHECK(hk_fread(buf, 1, 10, f) == 10 && memcmp(buf, "0123456789", 10) == 0, "read after write, past a rewind");
  CHECK(hk_ftell(f) == 10, "ftell counts the read-ahead: %ld", hk_ftell(f));
  c = hk_fgetc(f);
  hk_ungetc(c, f);
  CHECK(c == 'a' && hk_ftell(f) == 10, "ftell accounts for ungetc");
  CHECK(hk_fseek(f, -3, 1 /* SEEK_CUR */) == 0 && hk_fgetc(f) == '7', "fseek from the current position");
  CHECK(hk_fseek(f, 0, 2 /* SEEK_END */) == 0 && hk_ftell(f) == 16, "fseek to the end");
  CHECK(hk_fseek(f, 4, 0) == 0 && hk_fputs("XY", f) == 0, "write in the middle after a seek");
  CHECK(hk_fgetc(f) == '6', "read after write continues after it");
  hk_fclose(f);
  CHECK(slurp(path, got, sizeof(got)) == 16 && memcmp(got, "0123XY6789abcdef", 16) == 0, "the update landed");

  f = hk_fopen(path, "r+");
  CHECK(hk_fread(buf, 1, 2, f) == 2, "r+ reads");
  CHECK(hk_fseek(f, 0, 1) == 0 && hk_fputs("!!", f) == 0, "then writes where it stopped");
  hk_fclose(f);
  CHECK(slurp(path, got, sizeof(got)) == 16 && memcmp(got, "01!!XY6789abcdef", 16) == 0, "r+ update landed");
}

static void large(void) {
  static unsigned char data[100000], back[100000];
  size_t i, got = 0, n;
  hk_FILE *f = hk_fopen(path, "wb");
  for (i = 0; i < sizeof(data); i++)
    data[i] = (unsigned char)(i * 7 + (i >> 8));
  CHECK(hk_fwrite(data, 1, 33333, f) == 33333 && hk_fwrite(data + 33333, 1, sizeof(data) - 33333, f) == sizeof(data) - 33333,
        "fwrite in two large pieces");
  hk_fclose(f);
  f = hk_fopen(path, "rb");
  while ((n = hk_fread(back + got, 1, 777, f)) > 0)
    got += n;
  hk_fclose(f);
  CHECK(got == sizeof(data) && memcmp(back, data, sizeof(data)) == 0, "fread in 777-byte pieces gets all 100000 bytes");
}

static void open_errors(void) {
  char missing[160];
  snprintf(missing, sizeof(missing), "%s/no/such/file", dir);
  hk_errno = 0;
  CHECK(hk_fopen(missing, "r") == NULL && hk_errno == ENOENT, "fopen of a missing file: ENOENT (%d)", hk_errno);
  hk_errno = 0;
  CHECK(hk_fopen(path, "q") == NULL && hk_errno == EINVAL, "a bad mode: EINVAL");
  CHECK(hk_fopen(path, "rw") == NULL, "an unknown mode letter is refused");
  hk_errno = 0;
  CHECK(hk_fopen(path, "wx") == NULL && hk_errno == EEXIST, "wx on an existing file: EEXIST");
}

void test_files(void) {
  strcpy(dir, "/tmp/hako-libc-XXXXXX");
  if (!mkdtemp(dir)) {
    CHECK(0, "mkdtemp");
    return;
  }
  snprintf(path, sizeof(path), "%s/file.txt", dir);
  write_and_read();
  positions();
  large();
  open_errors();
  unlink(path);
  rmdir(dir);
}
