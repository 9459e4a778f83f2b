/* free(NULL) does nothing; malloc after many free/malloc cycles of the same
   size keeps working (freed memory is reused, not leaked without bound). */
#include "test.h"

int main(void)
{
    int i, failed = 0;
    free(NULL);
    for (i = 0; i < 5000; i++) {
        char *p = malloc(1000);
        if (p == NULL) {
            failed++;
            break;
        }
        p[0] = p[999] = (char)i;
        free(p);
    }
    ASSERT(0, failed);
    ASSERT(5000, i);
    return 0;
}
