/* Character constants and escapes: simple, octal, hex; their int values. */
#include "test.h"

int main(void)
{
    ASSERT(97, 'a');
    ASSERT(65, 'A');
    ASSERT(48, '0');
    ASSERT(32, ' ');
    ASSERT(10, '\n');
    ASSERT(9, '\t');
    ASSERT(13, '\r');
    ASSERT(0, '\0');
    ASSERT(7, '\a');
    ASSERT(8, '\b');
    ASSERT(12, '\f');
    ASSERT(11, '\v');
    ASSERT(92, '\\');
    ASSERT(39, '\'');
    ASSERT(34, '\"');
    ASSERT(34, '"');
    ASSERT(63, '\?');
    ASSERT(65, '\101');
    ASSERT(8, '\10');
    ASSERT(65, '\x41');
    ASSERT(127, '\x7f');
    ASSERT(127, '\177');
    /* char is signed, so '\xff' has the value -1 (a char constant has type
       int but is converted from char). */
    ASSERT(-1, '\xff');
    ASSERT(-128, '\200');
    ASSERT(4, sizeof('a'));
    return 0;
}
