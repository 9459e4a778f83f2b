/* inner.h: included by outer.h. */
#ifndef INNER_H
#define INNER_H
#define INNER_VALUE 7
static int inner_twice(int x) { return 2 * x; }
#endif
