/* regex.h: POSIX regular expressions (regcomp, regexec, regfree, regerror).
 *
 * Basic (the default) and extended (REG_EXTENDED) syntax, REG_ICASE,
 * REG_NOSUB and REG_NEWLINE; REG_NOTBOL/REG_NOTEOL at execution. regexec
 * reports the leftmost-longest whole match in pmatch[0]; the entries for
 * subexpressions are set to -1 (no back-references, no submatch capture).
 * Error codes and messages follow glibc's numbering. */
#ifndef _REGEX_H
#define _REGEX_H

#include <stddef.h>

#define REG_EXTENDED 1
#define REG_ICASE 2
#define REG_NEWLINE 4
#define REG_NOSUB 8

#define REG_NOTBOL 1
#define REG_NOTEOL 2

#define REG_NOMATCH 1
#define REG_BADPAT 2
#define REG_ECOLLATE 3
#define REG_ECTYPE 4
#define REG_EESCAPE 5
#define REG_ESUBREG 6
#define REG_EBRACK 7
#define REG_EPAREN 8
#define REG_EBRACE 9
#define REG_BADBR 10
#define REG_ERANGE 11
#define REG_ESPACE 12
#define REG_BADRPT 13
#define REG_EEND 14
#define REG_ESIZE 15
#define REG_ERPAREN 16

/* The largest count an interval {m,n} accepts. */
#define RE_DUP_MAX 255

typedef int regoff_t;

typedef struct {
  size_t re_nsub;   /* number of parenthesised subexpressions */
  void *re_guts;    /* the compiled program (private to regex.c) */
  int re_cflags;
} regex_t;

typedef struct {
  regoff_t rm_so;
  regoff_t rm_eo;
} regmatch_t;

int regcomp(regex_t *preg, const char *pattern, int cflags);
int regexec(const regex_t *preg, const char *string, size_t nmatch, regmatch_t *pmatch, int eflags);
size_t regerror(int errcode, const regex_t *preg, char *errbuf, size_t errbuf_size);
void regfree(regex_t *preg);

#endif
