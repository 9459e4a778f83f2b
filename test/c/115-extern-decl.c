/* extern declarations: using a global before its definition, and a block-
   scope extern referring to the file-scope object. */
#include "test.h"

extern int defined_later;
extern int later_array[];
int twice_later(void);

int twice_later(void)
{
    extern int defined_later;
    return defined_later * 2;
}

int main(void)
{
    ASSERT(21, defined_later);
    ASSERT(42, twice_later());
    ASSERT(3, later_array[2]);
    defined_later = 1;
    ASSERT(2, twice_later());
    return 0;
}

int defined_later = 21;
int later_array[3] = { 1, 2, 3 };
