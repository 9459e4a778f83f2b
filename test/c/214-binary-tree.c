/* A binary search tree on the heap: insert, search, in-order walk, height,
   free; checks the walk is sorted and complete. */
#include "test.h"

struct tree { int key; struct tree *left, *right; };

static struct tree *insert(struct tree *t, int key)
{
    if (t == NULL) {
        t = malloc(sizeof(*t));
        t->key = key;
        t->left = t->right = NULL;
    } else if (key < t->key)
        t->left = insert(t->left, key);
    else if (key > t->key)
        t->right = insert(t->right, key);
    return t;
}

static int contains(struct tree *t, int key)
{
    while (t && t->key != key)
        t = key < t->key ? t->left : t->right;
    return t != NULL;
}

static int walk(struct tree *t, int *out, int n)
{
    if (!t)
        return n;
    n = walk(t->left, out, n);
    out[n++] = t->key;
    return walk(t->right, out, n);
}

static int height(struct tree *t)
{
    int l, r;
    if (!t)
        return 0;
    l = height(t->left);
    r = height(t->right);
    return 1 + (l > r ? l : r);
}

static void destroy(struct tree *t)
{
    if (!t)
        return;
    destroy(t->left);
    destroy(t->right);
    free(t);
}

int main(void)
{
    struct tree *root = NULL;
    int keys[64];
    int i, n, ordered = 1;
    for (i = 0; i < 100; i++)
        root = insert(root, (i * 37) % 64);
    n = walk(root, keys, 0);
    ASSERT(64, n);
    for (i = 0; i < 64; i++)
        if (keys[i] != i)
            ordered = 0;
    ASSERT(1, ordered);
    ASSERT(1, contains(root, 63));
    ASSERT(0, contains(root, 64));
    ASSERT(1, height(root) >= 7);
    ASSERT(1, height(root) <= 64);
    destroy(root);
    return 0;
}
