/* outer.h: includes inner.h relative to its own directory, then builds on
   it. Used by 149-pp-nested-include.c. */
#ifndef OUTER_H
#define OUTER_H
#include "inner.h"

#define OUTER_VALUE (INNER_VALUE * 10)
static int outer_line(void) { return __LINE__; }
static const char *outer_file(void) { return __FILE__; }

#endif
