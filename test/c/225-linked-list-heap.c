/* A heap-allocated singly linked list: push, append, remove by value,
   length, and freeing all nodes. */
#include "test.h"

struct node { int v; struct node *next; };

static struct node *push(struct node *head, int v)
{
    struct node *n = malloc(sizeof(struct node));
    n->v = v;
    n->next = head;
    return n;
}

static void append(struct node **head, int v)
{
    while (*head)
        head = &(*head)->next;
    *head = push(NULL, v);
}

static int remove_value(struct node **head, int v)
{
    int removed = 0;
    while (*head) {
        if ((*head)->v == v) {
            struct node *dead = *head;
            *head = dead->next;
            free(dead);
            removed++;
        } else
            head = &(*head)->next;
    }
    return removed;
}

static int length(struct node *n) { return n ? 1 + length(n->next) : 0; }

int main(void)
{
    struct node *list = NULL;
    int i;
    for (i = 0; i < 20; i++)
        list = push(list, i % 4);
    append(&list, 99);
    ASSERT(21, length(list));
    ASSERT(5, remove_value(&list, 2));
    ASSERT(16, length(list));
    ASSERT(3, list->v);
    ASSERT(0, remove_value(&list, 2));
    ASSERT(1, remove_value(&list, 99));
    while (list) {
        struct node *next = list->next;
        free(list);
        list = next;
    }
    return 0;
}
