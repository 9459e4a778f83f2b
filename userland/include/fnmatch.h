/* fnmatch.h: shell wildcard matching of names (userland/lib/fnmatch.c);
 * the flag values are glibc's. */
#ifndef _FNMATCH_H
#define _FNMATCH_H

#define FNM_NOMATCH 1

#define FNM_PATHNAME 1 /* a slash is matched only by a slash */
#define FNM_NOESCAPE 2 /* a backslash is an ordinary character */
#define FNM_PERIOD 4   /* a leading period is matched only by a period */
#define FNM_CASEFOLD 16 /* GNU: letters match either case */

int fnmatch(const char *pattern, const char *string, int flags);

#endif
