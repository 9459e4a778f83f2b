/* qsort on structs by a key and on an array of strings with strcmp;
   element sizes that are not a multiple of 4. */
#include "test.h"

struct person { char name[7]; short age; };  /* 10 bytes */
struct odd { char c[3]; };                   /* 3 bytes */

static int by_age(const void *a, const void *b)
{
    return ((const struct person *)a)->age - ((const struct person *)b)->age;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_first(const void *a, const void *b)
{
    return ((const struct odd *)a)->c[0] - ((const struct odd *)b)->c[0];
}

int main(void)
{
    struct person people[5] = {
        { "dora", 41 }, { "al", 19 }, { "cy", 77 }, { "bo", 5 }, { "eve", 30 }
    };
    char *words[6] = { "pear", "apple", "fig", "banana", "kiwi", "date" };
    struct odd odds[5] = { { "eA" }, { "cB" }, { "aC" }, { "dD" }, { "bE" } };
    ASSERT(10, sizeof(struct person));
    qsort(people, 5, sizeof(people[0]), by_age);
    ASSERT_STR("bo", people[0].name);
    ASSERT_STR("al", people[1].name);
    ASSERT_STR("eve", people[2].name);
    ASSERT(77, people[4].age);
    qsort(words, 6, sizeof(char *), by_string);
    ASSERT_STR("apple", words[0]);
    ASSERT_STR("banana", words[1]);
    ASSERT_STR("pear", words[5]);
    qsort(odds, 5, sizeof(struct odd), by_first);
    ASSERT('C', odds[0].c[1]);
    ASSERT('E', odds[1].c[1]);
    ASSERT('A', odds[4].c[1]);
    return 0;
}
