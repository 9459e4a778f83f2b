/* A chained hash table of strings to ints on the heap: insert, update,
   lookup, delete. */
#include "test.h"

#define BUCKETS 13

struct entry { char *key; int value; struct entry *next; };
static struct entry *buckets[BUCKETS];

static unsigned hash(const char *s)
{
    unsigned h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h % BUCKETS;
}

static void put(const char *key, int value)
{
    struct entry *e;
    unsigned h = hash(key);
    for (e = buckets[h]; e; e = e->next)
        if (strcmp(e->key, key) == 0) {
            e->value = value;
            return;
        }
    e = malloc(sizeof(*e));
    e->key = strdup(key);
    e->value = value;
    e->next = buckets[h];
    buckets[h] = e;
}

static int get(const char *key, int missing)
{
    struct entry *e;
    for (e = buckets[hash(key)]; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e->value;
    return missing;
}

static int del(const char *key)
{
    struct entry **link = &buckets[hash(key)];
    while (*link) {
        struct entry *e = *link;
        if (strcmp(e->key, key) == 0) {
            *link = e->next;
            free(e->key);
            free(e);
            return 1;
        }
        link = &e->next;
    }
    return 0;
}

int main(void)
{
    char name[16];
    int i, sum = 0;
    for (i = 0; i < 100; i++) {
        sprintf(name, "key%d", i);
        put(name, i);
    }
    put("key7", 700);
    for (i = 0; i < 100; i++) {
        sprintf(name, "key%d", i);
        sum += get(name, -100000);
    }
    ASSERT(4950 + 693, sum);
    ASSERT(1, del("key50"));
    ASSERT(0, del("key50"));
    ASSERT(-1, get("key50", -1));
    ASSERT(51, get("key51", -1));
    ASSERT(700, get("key7", -1));
    return 0;
}
