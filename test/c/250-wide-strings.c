/* Wide string literals (L"...") are arrays of wchar_t (32 bits, from
 * <wchar.h>) holding each character's code point, then 0; escapes keep
 * their whole value; adjacent literals join, a narrow part widened.
 * (c-testsuite 00220.) */
#include "test.h"
#include <wchar.h>

static wchar_t global[] = L"héllo";
static const wchar_t *pointer = L"ab" "c";

static int length(const wchar_t *s)
{
    int n = 0;
    while (s[n])
        n++;
    return n;
}

int main(void)
{
    wchar_t local[] = L"你好¢€";
    wchar_t sized[8] = L"xy";

    ASSERT(4, sizeof(wchar_t));
    ASSERT(5 * 4, sizeof(local));
    ASSERT(0x4F60, local[0]);
    ASSERT(0x597D, local[1]);
    ASSERT(0xA2, local[2]);
    ASSERT(0x20AC, local[3]);
    ASSERT(0, local[4]);
    ASSERT(5, length(global));
    ASSERT(0xE9, global[1]);
    ASSERT(3, length(pointer));
    ASSERT('c', pointer[2]);
    ASSERT('y', sized[1]);
    ASSERT(0, sized[7]);
    ASSERT(0x4F60, L"\x4F60"[0]);
    ASSERT(7 * 4, sizeof(L"abc" "def"));
    return 0;
}
