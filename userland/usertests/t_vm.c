/* t_vm.c: usertests cases for copy-on-write, demand paging and the /proc views of memory. */
#include "ut.h"

struct ut_case ut_vm_cases[] = {
  {0, 0},
};
