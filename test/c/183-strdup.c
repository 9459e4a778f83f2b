/* strdup returns a fresh heap copy that can be modified and freed. */
#include "test.h"

int main(void)
{
    const char *orig = "duplicate me";
    char *copy = strdup(orig);
    char *empty = strdup("");
    ASSERT(1, copy != NULL);
    ASSERT(1, copy != orig);
    ASSERT_STR("duplicate me", copy);
    copy[0] = 'D';
    ASSERT_STR("Duplicate me", copy);
    ASSERT('d', orig[0]);
    ASSERT(1, empty != NULL);
    ASSERT(0, empty[0]);
    free(copy);
    free(empty);
    return 0;
}
