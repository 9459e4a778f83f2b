/* Struct size and alignment: members are aligned to their size, the struct
   to its largest member, with tail padding. */
#include "test.h"

struct cc { char a; char b; };
struct ci { char a; int b; };
struct ic { int a; char b; };
struct cs { char a; short b; };
struct csc { char a; short b; char c; };
struct nested { char a; struct cs inner; };
struct arr { char a[5]; int b; };
struct ptrs { char a; char *p; };

int main(void)
{
    ASSERT(2, sizeof(struct cc));
    ASSERT(8, sizeof(struct ci));
    ASSERT(8, sizeof(struct ic));
    ASSERT(4, sizeof(struct cs));
    ASSERT(6, sizeof(struct csc));
    ASSERT(6, sizeof(struct nested));
    ASSERT(12, sizeof(struct arr));
    ASSERT(8, sizeof(struct ptrs));
    {
        struct ci two[2];
        ASSERT(16, sizeof(two));
        ASSERT(8, (char *)&two[1] - (char *)&two[0]);
    }
    return 0;
}
