/* A tagged union: a struct with a kind field and a union of payloads. */
#include "test.h"

#define KIND_INT 1
#define KIND_STR 2
#define KIND_PAIR 3

struct value {
    int kind;
    union {
        int i;
        char *s;
        struct { short a, b; } pair;
    } as;
};

static int weight(struct value *v)
{
    switch (v->kind) {
    case KIND_INT: return v->as.i;
    case KIND_STR: return (int)strlen(v->as.s);
    case KIND_PAIR: return v->as.pair.a * v->as.pair.b;
    }
    return -1;
}

int main(void)
{
    struct value vals[3];
    vals[0].kind = KIND_INT;
    vals[0].as.i = 42;
    vals[1].kind = KIND_STR;
    vals[1].as.s = "seven!!";
    vals[2].kind = KIND_PAIR;
    vals[2].as.pair.a = 6;
    vals[2].as.pair.b = 7;
    ASSERT(42, weight(&vals[0]));
    ASSERT(7, weight(&vals[1]));
    ASSERT(42, weight(&vals[2]));
    ASSERT(8, sizeof(struct value));
    return 0;
}
