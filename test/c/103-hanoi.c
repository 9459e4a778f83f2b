/* Towers of Hanoi: recursion with several parameters and a global counter;
   the pegs are checked to hold a valid final state. */
#include "test.h"

static int pegs[3][10];
static int heights[3];
static int moves;

static void move(int from, int to)
{
    int disk = pegs[from][--heights[from]];
    if (heights[to] > 0 && pegs[to][heights[to] - 1] < disk)
        exit(2); /* a larger disk on a smaller one: wrong */
    pegs[to][heights[to]++] = disk;
    moves++;
}

static void hanoi(int n, int from, int to, int via)
{
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to);
    move(from, to);
    hanoi(n - 1, via, to, from);
}

int main(void)
{
    int i;
    for (i = 0; i < 8; i++)
        pegs[0][i] = 8 - i;
    heights[0] = 8;
    hanoi(8, 0, 2, 1);
    ASSERT(255, moves);
    ASSERT(0, heights[0]);
    ASSERT(8, heights[2]);
    ASSERT(8, pegs[2][0]);
    ASSERT(1, pegs[2][7]);
    return 0;
}
