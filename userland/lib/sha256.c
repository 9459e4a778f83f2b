/* sha256.c: SHA-256 as FIPS 180-4 defines it: 64-byte blocks, the message
 * padded with 0x80, zeros and its length in bits (big-endian, 64 bits). */
#include <sha256.h>
#include <string.h>

static const unsigned int K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(unsigned int *h, const unsigned char *p) {
  unsigned int w[64];
  unsigned int a, b, c, d, e, f, g, hh, t1, t2;
  int i;
  for (i = 0; i < 16; i++)
    w[i] = ((unsigned int)p[4 * i] << 24) | ((unsigned int)p[4 * i + 1] << 16) | ((unsigned int)p[4 * i + 2] << 8) |
           (unsigned int)p[4 * i + 3];
  for (i = 16; i < 64; i++) {
    unsigned int s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    unsigned int s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  a = h[0];
  b = h[1];
  c = h[2];
  d = h[3];
  e = h[4];
  f = h[5];
  g = h[6];
  hh = h[7];
  for (i = 0; i < 64; i++) {
    t1 = hh + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

void sha256_init(struct sha256_ctx *c) {
  c->state[0] = 0x6a09e667;
  c->state[1] = 0xbb67ae85;
  c->state[2] = 0x3c6ef372;
  c->state[3] = 0xa54ff53a;
  c->state[4] = 0x510e527f;
  c->state[5] = 0x9b05688c;
  c->state[6] = 0x1f83d9ab;
  c->state[7] = 0x5be0cd19;
  c->bytes_low = 0;
  c->bytes_high = 0;
  c->used = 0;
}

void sha256_update(struct sha256_ctx *c, const void *data, size_t len) {
  const unsigned char *p = (const unsigned char *)data;
  unsigned int before = c->bytes_low;
  c->bytes_low += (unsigned int)len;
  if (c->bytes_low < before)
    c->bytes_high++;
  while (len > 0) {
    size_t take = 64 - c->used;
    if (take > len)
      take = len;
    memcpy(c->block + c->used, p, take);
    c->used += (unsigned int)take;
    p += take;
    len -= take;
    if (c->used == 64) {
      compress(c->state, c->block);
      c->used = 0;
    }
  }
}

void sha256_final(struct sha256_ctx *c, unsigned char digest[SHA256_DIGEST_LENGTH]) {
  unsigned int bits_high = (c->bytes_high << 3) | (c->bytes_low >> 29);
  unsigned int bits_low = c->bytes_low << 3;
  int i;
  c->block[c->used++] = 0x80;
  if (c->used > 56) {
    memset(c->block + c->used, 0, 64 - c->used);
    compress(c->state, c->block);
    c->used = 0;
  }
  memset(c->block + c->used, 0, 56 - c->used);
  for (i = 0; i < 4; i++) {
    c->block[56 + i] = (unsigned char)(bits_high >> (24 - 8 * i));
    c->block[60 + i] = (unsigned char)(bits_low >> (24 - 8 * i));
  }
  compress(c->state, c->block);
  for (i = 0; i < 8; i++) {
    digest[4 * i] = (unsigned char)(c->state[i] >> 24);
    digest[4 * i + 1] = (unsigned char)(c->state[i] >> 16);
    digest[4 * i + 2] = (unsigned char)(c->state[i] >> 8);
    digest[4 * i + 3] = (unsigned char)c->state[i];
  }
}
