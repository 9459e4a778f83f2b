/* Wide and Unicode character constants (L'x'; C11's u'x' and U'x') are ints
 * holding the character's code point; C11's u8"..." is an ordinary UTF-8
 * string. (c-testsuite 00098 returns L'\0'.) The C11 forms are checked
 * where the compiler takes them: ours always, gcc from -std=c11. */
#include "test.h"

int main(void)
{
    ASSERT(0, L'\0');
    ASSERT(97, L'a');
    ASSERT(233, L'é');          /* UTF-8 source: one character, code point U+00E9 */
    ASSERT(0x3042, L'あ');
    ASSERT(4, sizeof(L'a'));
    ASSERT(255, L'\377');       /* not sign-extended like '\377' */
#if defined(__hako__) || __STDC_VERSION__ >= 201112L
    ASSERT(65, U'\x41');
    ASSERT(10, u'\n');
    ASSERT(0x3042, U'あ');
    ASSERT_STR("abc", u8"abc");
    ASSERT(4, sizeof(u8"abc"));
#endif
    return 0;
}
