/* guarded.h: a header with an include guard; including it twice must not
   redefine anything. Used by 148-pp-include-guard.c. */
#ifndef GUARDED_H
#define GUARDED_H

struct guarded { int value; };
static int guarded_count = 1;
typedef int guarded_int;

#endif
