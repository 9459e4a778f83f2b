/* shadow.h: the password hashes, /etc/shadow (userland/lib/shadow.c),
 * readable by root and the shadow group only. Lines are
 * name:hash:lastchange:min:max:warn:inactive:expire:reserved. */
#ifndef _SHADOW_H
#define _SHADOW_H

#include <stdio.h>

struct spwd {
  char *sp_namp;     /* login name */
  char *sp_pwdp;     /* hash ($5$salt$...), "!" or "*" for locked */
  long sp_lstchg;    /* days since 1970-01-01 of the last change, -1 unknown */
  long sp_min, sp_max, sp_warn, sp_inact, sp_expire;   /* -1 when empty */
  unsigned long sp_flag;
};

/* The result points into one static entry, overwritten by the next call;
 * NULL with errno (EACCES when the file cannot be read) otherwise. */
struct spwd *getspnam(const char *name);
void setspent(void);
struct spwd *getspent(void);
void endspent(void);
/* The line for sp, as written to /etc/shadow (with a newline). */
int putspent(const struct spwd *sp, FILE *stream);

#endif
