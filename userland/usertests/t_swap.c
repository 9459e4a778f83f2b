/* t_swap.c: usertests cases for swap round trips and the OOM killer. */
#include "ut.h"

struct ut_case ut_swap_cases[] = {
  {0, 0},
};
