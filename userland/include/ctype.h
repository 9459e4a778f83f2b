/* ctype.h: character classes of the "C" locale, ASCII only
 * (userland/lib/ctype.c). Arguments are an unsigned char value or EOF;
 * anything else is classified as no class and mapped to itself. */
#ifndef _CTYPE_H
#define _CTYPE_H

int isalpha(int c);
int isdigit(int c);
int isalnum(int c);
int isspace(int c);
int isupper(int c);
int islower(int c);
int isxdigit(int c);
int isprint(int c);
int ispunct(int c);
int iscntrl(int c);
int isgraph(int c);
int isblank(int c);
int toupper(int c);
int tolower(int c);

#endif
