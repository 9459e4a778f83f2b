/* Empty statements and empty bodies; labels before a closing brace need a
   statement. */
#include "test.h"

int main(void)
{
    int i, n = 0;
    ;
    ;;
    for (i = 0; i < 10; i++)
        ;
    ASSERT(10, i);
    while (n++ < 5)
        ;
    ASSERT(6, n);
    if (n)
        ;
    else
        n = 0;
    ASSERT(6, n);
    {
    }
    {
        goto end;
    end:
        ;
    }
    return 0;
}
