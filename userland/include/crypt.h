/* crypt.h: one-way password hashing (userland/lib/crypt.c). */
#ifndef _CRYPT_H
#define _CRYPT_H

/* SHA-crypt with SHA-256 (salt "$5$[rounds=N$]SALT$"): returns a static
 * "$5$SALT$HASH" string, or NULL with errno EINVAL for any other salt. */
char *crypt(const char *key, const char *salt);

#endif
