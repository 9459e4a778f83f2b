/* driver.c: runs the Hako libc's crypt() and SHA-256 on the host for
 * test/userland/crypt-host.test.ts. The libc objects carry the prefix hk_
 * (objcopy), so they link next to glibc without clashes.
 *   driver crypt     stdin: "key<TAB>salt" lines; stdout: one result per line
 *   driver sha N     SHA-256 of the bytes i % 251 for lengths 0..N, hex */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hk_sha256_ctx {
  unsigned int state[8];
  unsigned int bytes_low, bytes_high;
  unsigned char block[64];
  unsigned int used;
};
char *hk_crypt(const char *key, const char *salt);
void hk_sha256_init(struct hk_sha256_ctx *c);
void hk_sha256_update(struct hk_sha256_ctx *c, const void *data, size_t len);
void hk_sha256_final(struct hk_sha256_ctx *c, unsigned char *digest);

/* libc's errno asks for the thread pointer (rdtp in the guest); on the host
 * there is none, so errno is libc's process-wide one, as the host shim's. */
void *hk___get_tp(void) {
  return 0;
}

int main(int argc, char **argv) {
  static char line[4096];
  if (argc == 2 && strcmp(argv[1], "crypt") == 0) {
    while (fgets(line, sizeof line, stdin)) {
      char *tab = strchr(line, '\t');
      char *r;
      line[strcspn(line, "\n")] = 0;
      if (!tab)
        return 2;
      *tab = 0;
      r = hk_crypt(line, tab + 1);
      printf("%s\n", r ? r : "(null)");
    }
    return 0;
  }
  if (argc == 3 && strcmp(argv[1], "sha") == 0) {
    int n = atoi(argv[2]);
    int len, i;
    static unsigned char data[4096];
    for (i = 0; i < (int)sizeof data; i++)
      data[i] = (unsigned char)(i % 251);
    for (len = 0; len <= n; len++) {
      struct hk_sha256_ctx c;
      unsigned char d[32];
      hk_sha256_init(&c);
      /* in two pieces, to cross block boundaries from both sides */
      hk_sha256_update(&c, data, (size_t)len / 3);
      hk_sha256_update(&c, data + len / 3, (size_t)(len - len / 3));
      hk_sha256_final(&c, d);
      for (i = 0; i < 32; i++)
        printf("%02x", d[i]);
      printf("\n");
    }
    return 0;
  }
  fprintf(stderr, "usage: driver crypt | driver sha N\n");
  return 2;
}
