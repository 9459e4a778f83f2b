/* crypt.c: crypt(key, salt) by SHA-crypt with SHA-256 ("$5$"), the scheme
 * Ulrich Drepper published (and glibc/libxcrypt implement):
 *   salt   "$5$" ["rounds=N$"] up to 16 salt characters [ "$" ... ]
 *   B      = H(key salt key)
 *   A      = H(key salt, B repeated to the key's length, then for each bit
 *            of the key's length from the lowest: B if 1, key if 0)
 *   P      = H(key repeated key-length times), repeated to key-length bytes
 *   S      = H(salt repeated 16 + A[0] times), cut to the salt's length
 *            (both are fed as their digest repeated: nothing is allocated)
 *   rounds times: C = H(odd ? P : C, i%3 ? S : "", i%7 ? P : "", odd ? C : P)
 *   result "$5$" [rounds=N$] salt "$" and C in 43 characters of "./0-9A-Za-z"
 *          taken 24 bits at a time in the scheme's byte order.
 * rounds defaults to 5000 and is clamped to 1000..999999999; "rounds=" shows
 * in the result only when the salt gave it. Any other salt is EINVAL. */
#include <crypt.h>
#include <errno.h>
#include <sha256.h>
#include <stdlib.h>
#include <string.h>

#define SALT_MAX 16
#define ROUNDS_DEFAULT 5000
#define ROUNDS_MIN 1000
#define ROUNDS_MAX 999999999

static const char b64[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static char *put24(char *out, unsigned int b2, unsigned int b1, unsigned int b0, int n) {
  unsigned int w = (b2 << 16) | (b1 << 8) | b0;
  while (n-- > 0) {
    *out++ = b64[w & 63];
    w >>= 6;
  }
  return out;
}

static void digest_of(struct sha256_ctx *c, unsigned char *out) { sha256_final(c, out); }

/* Appends len bytes of `pattern` (32 bytes, repeated) to c. */
static void add_repeated(struct sha256_ctx *c, const unsigned char *pattern, size_t len) {
  while (len >= 32) {
    sha256_update(c, pattern, 32);
    len -= 32;
  }
  sha256_update(c, pattern, len);
}

/* Parses "rounds=N$": returns the characters used, 0 when absent, -1 when malformed. */
static int parse_rounds(const char *s, unsigned long *rounds) {
  char *end;
  unsigned long n;
  if (strncmp(s, "rounds=", 7) != 0)
    return 0;
  if (s[7] < '0' || s[7] > '9')
    return -1;
  n = strtoul(s + 7, &end, 10);
  if (*end != '$')
    return -1;
  if (n < ROUNDS_MIN)
    n = ROUNDS_MIN;
  if (n > ROUNDS_MAX)
    n = ROUNDS_MAX;
  *rounds = n;
  return (int)(end - s) + 1;
}

char *crypt(const char *key, const char *salt) {
  static char result[3 + 17 + 10 + SALT_MAX + 1 + 43 + 1];
  struct sha256_ctx c;
  unsigned char a[32], b[32], dp[32], ds[32];
  unsigned long rounds = ROUNDS_DEFAULT;
  unsigned long i;
  size_t klen = strlen(key);
  size_t slen;
  size_t n;
  int custom;
  char *out;

  if (strncmp(salt, "$5$", 3) != 0) {
    errno = EINVAL;
    return NULL;
  }
  salt += 3;
  custom = parse_rounds(salt, &rounds);
  if (custom < 0) {
    errno = EINVAL;
    return NULL;
  }
  salt += custom;
  for (slen = 0; slen < SALT_MAX && salt[slen] && salt[slen] != '$'; slen++) {
    if (salt[slen] == ':' || salt[slen] == '\n') {
      errno = EINVAL;
      return NULL;
    }
  }

  sha256_init(&c);
  sha256_update(&c, key, klen);
  sha256_update(&c, salt, slen);
  sha256_update(&c, key, klen);
  digest_of(&c, b);

  sha256_init(&c);
  sha256_update(&c, key, klen);
  sha256_update(&c, salt, slen);
  add_repeated(&c, b, klen);
  for (n = klen; n > 0; n >>= 1) {
    if (n & 1)
      sha256_update(&c, b, 32);
    else
      sha256_update(&c, key, klen);
  }
  digest_of(&c, a);

  sha256_init(&c);
  for (n = 0; n < klen; n++)
    sha256_update(&c, key, klen);
  digest_of(&c, dp);

  sha256_init(&c);
  for (n = 0; n < 16u + a[0]; n++)
    sha256_update(&c, salt, slen);
  digest_of(&c, ds);

  for (i = 0; i < rounds; i++) {
    sha256_init(&c);
    if (i & 1)
      add_repeated(&c, dp, klen);
    else
      sha256_update(&c, a, 32);
    if (i % 3 != 0)
      add_repeated(&c, ds, slen);
    if (i % 7 != 0)
      add_repeated(&c, dp, klen);
    if (i & 1)
      sha256_update(&c, a, 32);
    else
      add_repeated(&c, dp, klen);
    digest_of(&c, a);
  }

  out = result;
  memcpy(out, "$5$", 3);
  out += 3;
  if (custom) {
    char digits[12];
    int d = 0;
    unsigned long r = rounds;
    memcpy(out, "rounds=", 7);
    out += 7;
    do {
      digits[d++] = (char)('0' + r % 10);
      r /= 10;
    } while (r);
    while (d > 0)
      *out++ = digits[--d];
    *out++ = '$';
  }
  memcpy(out, salt, slen);
  out += slen;
  *out++ = '$';
  out = put24(out, a[0], a[10], a[20], 4);
  out = put24(out, a[21], a[1], a[11], 4);
  out = put24(out, a[12], a[22], a[2], 4);
  out = put24(out, a[3], a[13], a[23], 4);
  out = put24(out, a[24], a[4], a[14], 4);
  out = put24(out, a[15], a[25], a[5], 4);
  out = put24(out, a[6], a[16], a[26], 4);
  out = put24(out, a[27], a[7], a[17], 4);
  out = put24(out, a[18], a[28], a[8], 4);
  out = put24(out, a[9], a[19], a[29], 4);
  out = put24(out, 0, a[31], a[30], 3);
  *out = 0;
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  memset(dp, 0, sizeof dp);
  return result;
}
