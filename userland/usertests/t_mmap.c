/* t_mmap.c: usertests cases for mmap, munmap, mprotect and msync. */
#include "ut.h"

struct ut_case ut_mmap_cases[] = {
  {0, 0},
};
