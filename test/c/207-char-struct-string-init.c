/* char arrays inside structs initialized from string literals, with and
   without braces, local and global. */
#include "test.h"

struct user { int id; char name[8]; char code[3]; };

struct user admin = { 0, "root", "ab" };
struct user users[2] = { { 1, "alice", "xy" }, { 2, { "bob" }, "z" } };

int main(void)
{
    struct user local = { 9, "local", "q" };
    ASSERT_STR("root", admin.name);
    ASSERT(0, admin.name[7]);
    ASSERT_STR("bob", users[1].name);
    ASSERT('z', users[1].code[0]);
    ASSERT(0, users[1].code[1]);
    ASSERT_STR("local", local.name);
    ASSERT(0, local.code[2]);
    return 0;
}
