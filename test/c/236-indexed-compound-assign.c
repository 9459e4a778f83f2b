/*
 * Compound assignment and ++/-- through p[i] where both p and i must be
 * computed (p a global pointer, i an expression): the address sits in two
 * registers while the right side is computed, so neither may be reused for
 * it — not for a constant, not for a call, not for the result. This was
 * found in the kernel's swap bitmap: bm[slot >> 5] |= 1u << (slot & 31)
 * left the word unchanged.
 */
#include "test.h"

typedef unsigned int u32;
typedef unsigned short u16;

static u32 *bm;
static u16 *cnt;
static u32 words[8];
static u16 halves[64];

static int twice(int x) { return x * 2; }
static void set_bit(u32 slot) { bm[slot >> 5] |= 1u << (slot & 31); }
static void clear_bit(u32 slot) { bm[slot >> 5] &= ~(1u << (slot & 31)); }
static void add_call(u32 slot, int x) { bm[slot >> 5] += twice(x); }
static void mul_call(u32 slot, int x) { bm[slot >> 5] *= twice(x); }
static u32 post_inc16(u32 slot) { return cnt[slot >> 1]++; }
static u32 pre_inc16(u32 slot) { return ++cnt[slot >> 1]; }
static u32 post_inc32(u32 slot) { return bm[slot >> 5]++; }
static u16 shl16_call(u32 slot, int k) { return cnt[slot >> 1] <<= twice(k); }
static void mul16(u32 slot) { cnt[slot >> 1] *= 3; }
static u32 mul16_value(u32 slot) { return cnt[slot >> 1] *= 3; }

int main(void)
{
    bm = words;
    cnt = halves;
    set_bit(33);
    ASSERT(2, words[1]);
    set_bit(34);
    ASSERT(6, words[1]);
    clear_bit(33);
    ASSERT(4, words[1]);
    add_call(65, 5);
    ASSERT(10, words[2]);
    mul_call(65, 2);
    ASSERT(40, words[2]);
    ASSERT(0, post_inc16(9));
    ASSERT(1, halves[4]);
    ASSERT(2, pre_inc16(9));
    ASSERT(2, halves[4]);
    ASSERT(40, post_inc32(66));
    ASSERT(41, words[2]);
    halves[3] = 1;
    ASSERT(4, shl16_call(7, 1));
    ASSERT(4, halves[3]);
    halves[5] = 2;
    mul16(11);
    ASSERT(6, halves[5]);
    ASSERT(18, mul16_value(11));
    ASSERT(18, halves[5]);
    return 0;
}
