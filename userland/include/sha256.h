/* sha256.h: SHA-256 (FIPS 180-4), userland/lib/sha256.c; crypt() is built
 * on it. Feed any number of sha256_update calls between init and final. */
#ifndef _SHA256_H
#define _SHA256_H

#include <stddef.h>

#define SHA256_DIGEST_LENGTH 32

struct sha256_ctx {
  unsigned int state[8];
  unsigned int bytes_low, bytes_high;   /* message length in bytes, 64 bits */
  unsigned char block[64];
  unsigned int used;                    /* bytes waiting in block */
};

void sha256_init(struct sha256_ctx *c);
void sha256_update(struct sha256_ctx *c, const void *data, size_t len);
void sha256_final(struct sha256_ctx *c, unsigned char digest[SHA256_DIGEST_LENGTH]);

#endif
