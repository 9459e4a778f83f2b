/* Self-referential structs: a linked list built on the stack, walked and
   reversed through pointers. */
#include "test.h"

struct node {
    int value;
    struct node *next;
};

static struct node *reverse(struct node *head)
{
    struct node *prev = NULL;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

int main(void)
{
    struct node n[5];
    struct node *p;
    int i, order = 0;
    for (i = 0; i < 5; i++) {
        n[i].value = i + 1;
        n[i].next = i < 4 ? &n[i + 1] : NULL;
    }
    p = reverse(&n[0]);
    ASSERT(5, p->value);
    for (; p; p = p->next)
        order = order * 10 + p->value;
    ASSERT(54321, order);
    ASSERT(4, n[1].next->value - 0 * n[0].value + 3);
    return 0;
}
