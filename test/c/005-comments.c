/* Comments: block and line comments anywhere whitespace may appear. */
#include "test.h"

int main(void)
{
    int x = 1 /* block */ + /* another
    spanning lines */ 2; // line comment
    int y = 10 // line comment ends at newline
        - 4;
    char *s = "/* not a comment */";
    char *t = "// nor this";
    ASSERT(3, x);
    ASSERT(6, y);
    ASSERT(19, (int)strlen(s));
    ASSERT('/', t[0]);
    ASSERT(2, 1 /**/ + /**/ 1);
    /* a comment with * and / and ** inside */
    ASSERT(6, 2 */**/3);
    return 0;
}
