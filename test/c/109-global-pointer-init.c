/* Globals initialized with addresses of other globals, array elements,
   offsets into strings, and struct members. */
#include "test.h"

int target = 5;
int table[4] = { 10, 20, 30, 40 };
struct s { int a, b; } pair = { 1, 2 };
char text[] = "abcdef";

int *p_target = &target;
int *p_elem = &table[2];
int *p_plus = table + 3;
int *p_member = &pair.b;
char *p_text = text + 2;
char *p_lit = "literal" + 3;
int **pp = &p_target;
int *ptrs[] = { &target, &table[1], 0 };
struct s *p_pair = &pair;

int main(void)
{
    ASSERT(5, *p_target);
    ASSERT(30, *p_elem);
    ASSERT(40, *p_plus);
    ASSERT(2, *p_member);
    ASSERT('c', *p_text);
    ASSERT_STR("eral", p_lit);
    ASSERT(5, **pp);
    ASSERT(20, *ptrs[1]);
    ASSERT(1, ptrs[2] == NULL);
    ASSERT(1, p_pair->a);
    target = 6;
    ASSERT(6, **pp);
    return 0;
}
