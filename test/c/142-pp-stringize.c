/* The # operator turns a macro argument into a string literal, escaping
   quotes and backslashes and collapsing whitespace. */
#include "test.h"

#define STR(x) #x
#define XSTR(x) STR(x)
#define VALUE 123

int main(void)
{
    ASSERT_STR("hello", STR(hello));
    ASSERT_STR("a + b", STR(a + b));
    ASSERT_STR("a + b", STR(  a   +    b  ));
    ASSERT_STR("\"quoted\"", STR("quoted"));
    ASSERT_STR("'\\n'", STR('\n'));
    ASSERT_STR("VALUE", STR(VALUE));
    ASSERT_STR("123", XSTR(VALUE));
    ASSERT_STR("", STR());
    ASSERT(6, sizeof(STR(hello)));
    return 0;
}
