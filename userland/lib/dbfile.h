/* dbfile.h: libc-internal helpers for the colon-separated files of /etc
 * (passwd, group, shadow), userland/lib/dbfile.c. */
#ifndef _LIBC_DBFILE_H
#define _LIBC_DBFILE_H

#include <stdio.h>

/* Reads the next line of f into buf (newline removed), skipping lines too
 * long for buf; 0 at the end of the file. */
int __db_line(FILE *f, char *buf, int size);
/* Splits line at ':' in place into exactly n fields; 0 when it has another
 * number of fields (a malformed line, which the callers skip). */
int __db_split(char *line, char **fields, int n);
/* A decimal id field: 0 and the value, or -1 for an empty or bad field. */
int __db_number(const char *s, unsigned long *value);

#endif
